"""Run details after the window has painted its next frame.

A new function reaches every panel in one signal, and everything the panels compute
before the window's next frame delays that frame. Some of it is detail that may come a
frame later (a table of limits, its error plot). ``QTimer.singleShot(0, ...)`` does not
put it after the frame: widgets post their window's update request at low priority, so
a zero timer posted later still runs before the painting. :func:`run_after_next_frame`
waits for the window's update request to be delivered instead.
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QWidget

__all__ = ["FALLBACK_MS", "run_after_next_frame"]

#: Run anyway after this long when no frame comes (nothing needed painting).
FALLBACK_MS = 100
_WATCHER_NAME = "afterFrameWatcher"


class _FrameWatcher(QObject):
    """Holds the callbacks waiting for one top-level window's next frame."""

    def __init__(self, window: QWidget):
        super().__init__(window)
        self.setObjectName(_WATCHER_NAME)
        self._window = window
        # Callback -> the widget that asked (not called once deleted); insertion-ordered,
        # so a callback asked for twice before the frame runs once.
        self._pending: dict = {}
        self._run_posted = False
        self._fallback = QTimer(self)
        self._fallback.setSingleShot(True)
        self._fallback.setInterval(FALLBACK_MS)
        self._fallback.timeout.connect(self._run)

    def add(self, widget: QWidget, callback) -> None:
        if not self._pending:
            # Watched only while something waits: every event of the window passes here.
            self._window.installEventFilter(self)
            self._fallback.start()
        self._pending[callback] = widget

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt's name
        # The filter sees the request before the window paints; a call posted now is
        # delivered after the painting has returned.
        if (event.type() == QEvent.Type.UpdateRequest and self._pending
                and not self._run_posted):
            self._run_posted = True
            QTimer.singleShot(0, self, self._run)
        return False

    def _run(self) -> None:
        self._run_posted = False
        self._fallback.stop()
        self._window.removeEventFilter(self)
        pending, self._pending = self._pending, {}
        for callback, widget in pending.items():
            if shiboken6.isValid(widget):
                callback()


def run_after_next_frame(widget: QWidget, callback) -> None:
    """Call ``callback()`` once ``widget``'s window has painted its next frame.

    Parameters
    ----------
    widget : QWidget
        Any widget of the window that will paint.
    callback : callable
        Called without arguments, once, however often it is asked for before the frame
        (bound methods compare equal); not called when ``widget`` was deleted meanwhile.

    Notes
    -----
    A window that is not shown paints no frame: the call comes from the event loop
    right away. A shown window that had nothing to paint calls after
    :data:`FALLBACK_MS`.
    """
    window = widget.window()
    if not window.isVisible():
        QTimer.singleShot(0, widget, callback)
        return
    watcher = window.findChild(_FrameWatcher, _WATCHER_NAME,
                               Qt.FindChildOption.FindDirectChildrenOnly)
    if watcher is None:
        watcher = _FrameWatcher(window)
    watcher.add(widget, callback)
