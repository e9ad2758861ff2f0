"""The main window as the panel tests open it: own settings file, shown, f drawn."""

import pytest

from visualizer.app import SETTINGS_ENV, create_main_window


@pytest.fixture
def settings_file(tmp_path, monkeypatch):
    """A settings file of the test's own (the user's settings are never touched)."""
    path = tmp_path / "settings.ini"
    monkeypatch.setenv(SETTINGS_ENV, str(path))
    return path


@pytest.fixture
def window(qtbot, settings_file):
    """The real main window, shown, with its first function drawn."""
    win = create_main_window()
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    qtbot.waitUntil(lambda: win.model.function is not None, timeout=15_000)
    yield win
    win.close()
