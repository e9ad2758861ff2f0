"""The main window as the panel tests open it: own settings file, shown, f drawn."""

import os
import subprocess
import sys
from pathlib import Path

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


@pytest.fixture
def run_offscreen():
    """Run a Python script in a fresh process on Qt's offscreen platform (no OpenGL
    there: the fallback paths); returns its stdout, failing the test on a non-zero exit."""
    root = Path(__file__).resolve().parents[2]

    def run(script: str) -> str:
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(root))
        result = subprocess.run([sys.executable, "-c", script], env=env, cwd=root,
                                capture_output=True, text=True, timeout=120)
        assert result.returncode == 0, result.stderr
        return result.stdout

    return run
