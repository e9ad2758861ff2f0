"""Shared settings for every test: Qt binding and OpenGL context sharing.

pytest-xvfb starts a virtual display when DISPLAY is unset; QT_QPA_PLATFORM is left
alone on purpose (``offscreen`` has no OpenGL, see DESIGN.md).
"""

import os

os.environ.setdefault("PYQTGRAPH_QT_LIB", "PySide6")

import PySide6  # noqa: E402, F401  (pyqtgraph picks its binding at import)
from PySide6.QtCore import QCoreApplication, Qt  # noqa: E402

# Before any QApplication exists: GL views created after an earlier one was destroyed
# keep working (pyqtgraph compiles its shaders once per process; DESIGN.md).
QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts)
