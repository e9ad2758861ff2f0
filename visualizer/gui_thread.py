"""Hand results from background threads to the GUI thread without a Qt signal.

A background thread (symbolic requests, the learning-rate map, formula typesetting)
must not emit a Qt signal with Python arguments: queuing the arguments needs the
interpreter lock while Qt holds the sender's connection lock, and the GUI thread,
holding the interpreter lock while it connects or deletes objects, may wait for that
same lock (Qt shares a small pool of them). Both threads then stop for good; the
formula renderer hung that way in about 2 of 12 full runs of the panel tests.

:func:`call_in_gui_thread` appends the call to a plain queue and posts one
argument-free event to a dispatcher that lives in the GUI thread, which runs the calls
in order. Receivers are held weakly and skipped once deleted.
"""

from __future__ import annotations

import queue
import sys
import threading
import weakref

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QObject

#: The event that tells the dispatcher calls are waiting.
_CALLS_WAITING = QEvent.Type(QEvent.registerEventType())


class _Dispatcher(QObject):
    """Runs queued calls in the GUI thread (one object for the whole program)."""

    def __init__(self):
        super().__init__()
        self._calls: queue.SimpleQueue = queue.SimpleQueue()

    def post(self, method_ref: weakref.WeakMethod, args: tuple) -> None:
        self._calls.put((method_ref, args))
        QCoreApplication.postEvent(self, QEvent(_CALLS_WAITING))

    def event(self, event) -> bool:  # noqa: D102 - Qt's name
        if event.type() != _CALLS_WAITING:
            return super().event(event)
        while True:
            try:
                method_ref, args = self._calls.get_nowait()
            except queue.Empty:
                return True
            method = method_ref()
            if method is None or not shiboken6.isValid(method.__self__):
                continue  # its object was deleted meanwhile: nobody to tell
            try:
                method(*args)
            except Exception:  # noqa: BLE001 - one failing receiver must not drop the rest
                sys.excepthook(*sys.exc_info())


_dispatcher: _Dispatcher | None = None
_dispatcher_lock = threading.Lock()


def _get_dispatcher() -> _Dispatcher:
    global _dispatcher
    with _dispatcher_lock:
        if _dispatcher is None or not shiboken6.isValid(_dispatcher):
            dispatcher = _Dispatcher()
            application = QCoreApplication.instance()
            if application is not None and dispatcher.thread() is not application.thread():
                dispatcher.moveToThread(application.thread())  # first asked off the GUI thread
            _dispatcher = dispatcher
        return _dispatcher


def call_in_gui_thread(method, *args) -> None:
    """Run ``method(*args)`` soon in the GUI thread; callable from any thread.

    Parameters
    ----------
    method : bound method of a QObject, or weakref.WeakMethod of one
        Held weakly: the call is dropped if its object is gone (or its Qt side deleted)
        by the time the GUI thread gets to it.
    *args
        Passed as they are (plain Python objects: nothing is converted for Qt).

    Notes
    -----
    Calls run in the order they were made. Call :func:`prepare` once in the GUI thread
    before the first background call, so the dispatcher is made where it lives.
    """
    method_ref = method if isinstance(method, weakref.WeakMethod) else weakref.WeakMethod(method)
    _get_dispatcher().post(method_ref, args)


def prepare() -> None:
    """Make the dispatcher now (call in the GUI thread)."""
    _get_dispatcher()
