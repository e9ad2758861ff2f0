"""Python's garbage collector frees Qt objects only on the GUI thread."""

import gc
import threading

from PySide6.QtCore import QCoreApplication, QObject

import visualizer.app as app_module


class Cycle:
    """Garbage that only the cyclic collector frees, holding a Qt object."""

    def __init__(self, freed: list):
        self.me = self
        self.qt_object = QObject()
        self.freed = freed

    def __del__(self):
        self.freed.append(threading.current_thread().name)


def test_garbage_is_collected_on_the_gui_thread_only(window):
    assert not gc.isenabled()  # no collection can start in another thread
    freed = []
    Cycle(freed)  # unreachable at once, but in a reference cycle

    def allocate_a_lot():  # enough to trigger several automatic collections
        junk = []
        for index in range(200_000):
            junk.append([index])
            if len(junk) > 1000:
                junk.clear()

    worker = threading.Thread(target=allocate_a_lot, name="worker")
    worker.start()
    worker.join()
    assert freed == []  # automatic collection would have freed it in the worker
    gc.collect()  # what the GUI thread's timer does
    assert freed == [threading.main_thread().name]
    timer = app_module._garbage_collector.timer
    assert timer.isActive() and timer.thread() is QCoreApplication.instance().thread()
