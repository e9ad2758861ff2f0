"""Every classroom test keeps its settings and autosaves in its own temporary folders."""

import pytest
from classroom_windows import close_messages, open_window

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


@pytest.fixture
def window(qtbot, isolated):
    win = open_window(qtbot)
    yield win
    close_messages(win)
    win.close()
