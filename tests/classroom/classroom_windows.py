"""Helpers of the classroom window tests: open a real window, close its message boxes.

A module of its own (not ``conftest``): run beside another test folder that has a
``conftest.py``, ``from conftest import ...`` would find that folder's one.
"""

from PySide6.QtWidgets import QMessageBox


def open_window(qtbot):
    from visualizer.app import create_main_window

    window = create_main_window()
    qtbot.addWidget(window)
    window.resize(1200, 800)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()  # window shortcuts (F5) need the active window
    qtbot.waitUntil(window.isActiveWindow, timeout=5000)
    # A bound, not a pause: the first function needs a cold helper process (sympy's
    # import), which took over 15 s on a machine with a load of 17 on two cores.
    qtbot.waitUntil(lambda: window.model.function is not None, timeout=60_000)
    return window


def close_messages(window) -> list[str]:
    """Close the (non-blocking) message boxes the classroom opened; returns their texts."""
    texts = []
    for box in window.findChildren(QMessageBox):
        if box.isVisible():
            texts.append(box.text())
            box.close()
    return texts
