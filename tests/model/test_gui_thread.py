"""Background threads hand their results to the GUI thread without emitting Qt signals.

Queuing a signal's Python arguments from a background thread can deadlock against the
GUI thread (see visualizer.gui_thread); these tests watch every call made on the
threads the analysis service and the learning-rate map start, and find no ``emit``.
"""

from __future__ import annotations

import threading
from contextlib import contextmanager

import shiboken6
from PySide6.QtCore import QObject, Signal, SignalInstance

from visualizer import gui_thread
from visualizer.analysis import AnalysisService


@contextmanager
def signals_emitted_off_the_gui_thread():
    """Record (thread name, signal) for each emit on a thread started inside the block."""
    found: list[tuple[str, str]] = []
    main = threading.main_thread()

    def watch(_frame, event, arg):
        if event == "c_call" and threading.current_thread() is not main \
                and isinstance(getattr(arg, "__self__", None), SignalInstance):
            found.append((threading.current_thread().name, repr(arg.__self__)))

    threading.setprofile(watch)
    try:
        yield found
    finally:
        threading.setprofile(None)


def test_the_analysis_service_answers_in_the_gui_thread(qtbot):
    threads = []
    with signals_emitted_off_the_gui_thread() as emitted:
        service = AnalysisService()
        try:
            service.busy_changed.connect(lambda _busy: threads.append(threading.current_thread()))
            with qtbot.waitSignal(service.replied, timeout=60_000) as reply:
                service.submit("bundle", text="x^2 + 1", x_range=[-5, 5], y_range=[-5, 5])
            qtbot.waitUntil(lambda: len(threads) == 2, timeout=5000)
        finally:
            service.close()
    assert reply.args[0].result["latex"]
    assert threads == [threading.main_thread()] * 2  # busy, then idle
    assert emitted == []


def test_the_learning_rate_map_fills_in_the_gui_thread(qtbot, model, accepted):
    accepted(model, "x^2", timeout=60_000)  # may be the first to start the helper
    lab = model.descent
    with signals_emitted_off_the_gui_thread() as emitted:
        with qtbot.waitSignal(lab.map_running_changed, check_params_cb=lambda on: not on,
                              timeout=20_000):
            lab.start_map(size=(6, 4), steps=50)
    assert lab.map_result.complete
    assert emitted == []


class _Receiver(QObject):
    got = Signal(object)

    def take(self, value) -> None:
        self.got.emit((value, threading.current_thread()))


def test_calls_from_a_thread_arrive_in_order_and_skip_deleted_receivers(qtbot):
    keeper, gone = _Receiver(), _Receiver()
    received = []
    keeper.got.connect(received.append)
    gone.got.connect(received.append)
    take_later = gone.take
    gone.deleteLater()
    qtbot.waitUntil(lambda: not shiboken6.isValid(gone))

    def work():
        for value in range(5):
            gui_thread.call_in_gui_thread(keeper.take, value)
        gui_thread.call_in_gui_thread(take_later, "never")
        gui_thread.call_in_gui_thread(keeper.take, "end")

    thread = threading.Thread(target=work)
    thread.start()
    thread.join()
    qtbot.waitUntil(lambda: bool(received) and received[-1][0] == "end", timeout=5000)
    assert [value for value, _ in received] == [0, 1, 2, 3, 4, "end"]
    assert {where for _, where in received} == {threading.main_thread()}
