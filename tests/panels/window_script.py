"""The start of a script that runs the real window in a subprocess (a crash there is a
failed test, not a dead test run): a QApplication, the window shown with its function,
every lab built. Scripts go on from ``app`` and ``window``."""

WINDOW_SCRIPT_START = r'''
import gc, os, sys
os.environ["PYQTGRAPH_QT_LIB"] = "PySide6"
import PySide6
from PySide6.QtCore import QCoreApplication, QDeadlineTimer, QEvent, Qt
QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts)
from PySide6.QtWidgets import QApplication
app = QApplication([])
from visualizer.app import create_main_window

window = create_main_window()
window.show()
deadline = QDeadlineTimer(15_000)
while window.model.function is None and not deadline.hasExpired():
    app.processEvents()
window.build_labs()
app.processEvents()
'''
