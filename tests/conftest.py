"""Shared settings for every test: Qt binding and OpenGL context sharing.

pytest-xvfb starts a virtual display when DISPLAY is unset; QT_QPA_PLATFORM is left
alone on purpose (``offscreen`` has no OpenGL, see docs/platform-notes.md).
"""

import os

os.environ.setdefault("PYQTGRAPH_QT_LIB", "PySide6")

import PySide6  # noqa: E402, F401  (pyqtgraph picks its binding at import)
from PySide6.QtCore import QCoreApplication, Qt  # noqa: E402

# Before any QApplication exists: GL views created after an earlier one was destroyed
# keep working (pyqtgraph compiles its shaders once per process; docs/platform-notes.md).
QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts)


import pytest  # noqa: E402
from PySide6.QtWidgets import QMessageBox  # noqa: E402

from visualizer.analysis import AnalysisService  # noqa: E402


def _no_modal_box(parent, title, text, *args, **kwargs):
    # A modal box waits for a click that never comes: fail the test instead of hanging
    # the suite. A test that expects a box patches it itself.
    raise AssertionError(f"the program showed a message box: {title}: {text}")


@pytest.fixture(autouse=True)
def _refuse_modal_message_boxes(monkeypatch):
    for name in ("information", "warning", "critical", "question"):
        monkeypatch.setattr(QMessageBox, name, staticmethod(_no_modal_box))


@pytest.fixture(scope="session")
def service(qapp):
    """One helper process pair for the whole session: starting sympy costs ~1 s."""
    shared = AnalysisService()
    yield shared
    shared.close()


@pytest.fixture
def model(qtbot, service):
    """A fresh model on the session's helper processes."""
    from visualizer.model import Model

    result = Model(service=service)
    yield result
    service.replied.disconnect(result._on_reply)
    service.busy_changed.disconnect(result.busy_changed)


@pytest.hookimpl(trylast=True)
def pytest_runtest_teardown(item, nextitem):
    """Delete the windows a test closed now, not whenever the garbage collector runs.

    pytest-qt closes a test's widgets and asks Qt to delete them later; outside an event
    loop that request waits, and a window held in a reference cycle (signals connected
    to bound methods) was then deleted by Python's garbage collector in the middle of a
    later test, with its Python objects half torn down: an event filter without its
    attributes, then a segmentation fault (seen in tests/panels/test_i18n.py).
    """
    from PySide6.QtCore import QEvent

    if QCoreApplication.instance() is not None:
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
