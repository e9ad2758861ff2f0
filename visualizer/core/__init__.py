"""Qt-free core: plain Python, numpy, sympy and numexpr only.

Nothing in this package may import PySide6, pyqtgraph or the GUI layer; a test
(``tests/core/test_qt_free.py``) imports it with Qt blocked.
"""
