"""Every classroom test keeps its settings and autosaves in its own temporary folders."""

import pytest
from PySide6.QtWidgets import QMessageBox

from visualizer.app import SETTINGS_ENV
from visualizer.classroom.autosave import DATA_DIR_ENV
from visualizer.classroom.controller import RESTORE_ANSWER_ENV


@pytest.fixture
def isolated(tmp_path, monkeypatch):
    """Settings file and data folder under tmp_path; returns the data folder."""
    monkeypatch.setenv(SETTINGS_ENV, str(tmp_path / "settings.ini"))
    data = tmp_path / "data"
    monkeypatch.setenv(DATA_DIR_ENV, str(data))
    monkeypatch.delenv(RESTORE_ANSWER_ENV, raising=False)
    return data


def open_window(qtbot):
    from visualizer.app import create_main_window

    window = create_main_window()
    qtbot.addWidget(window)
    window.resize(1200, 800)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()  # window shortcuts (F5) need the active window
    qtbot.waitUntil(window.isActiveWindow, timeout=5000)
    qtbot.waitUntil(lambda: window.model.function is not None, timeout=15_000)
    return window


@pytest.fixture
def window(qtbot, isolated):
    win = open_window(qtbot)
    yield win
    close_messages(win)
    win.close()


def close_messages(window) -> list[str]:
    """Close the (non-blocking) message boxes the classroom opened; returns their texts."""
    texts = []
    for box in window.findChildren(QMessageBox):
        if box.isVisible():
            texts.append(box.text())
            box.close()
    return texts
