"""Kill the program mid-session, start it again, get the work back (real processes)."""

import json
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from visualizer.app import SETTINGS_ENV
from visualizer.classroom.autosave import DATA_DIR_ENV
from visualizer.classroom.controller import RESTORE_ANSWER_ENV

ROOT = Path(__file__).resolve().parents[2]

DRIVER = textwrap.dedent("""
    import json, sys
    import PySide6  # noqa: F401 - before pyqtgraph
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication
    from visualizer.app import create_main_window, prepare_application_attributes

    phase, text = sys.argv[1], sys.argv[2]
    prepare_application_attributes()
    app = QApplication([sys.argv[0]])
    window = create_main_window()
    window.show()
    classroom = window.classroom

    def say(*words):
        print(*words, flush=True)

    def work():
        if window.model.function is None:
            QTimer.singleShot(20, work)
            return
        classroom.autosaved.connect(on_autosaved)
        window.model.set_expression(text)
        window.model.set_x0(0.625)

    def on_autosaved(path):
        state = json.load(open(path, encoding="utf-8"))["model"]
        if state["expression"] == text and state["x0"] == 0.625:
            say("AUTOSAVED", path)  # the test kills us now

    def check():
        if window.model.expression_text != text:
            QTimer.singleShot(20, check)
            return
        say("RESTORED", json.dumps(window.model.snapshot()))
        window.close()
        app.quit()

    QTimer.singleShot(0, work if phase == "work" else check)
    QTimer.singleShot(60_000, app.quit)  # never hang the test
    app.exec()
""")


def start(tmp_path, phase, text, answer=""):
    driver = tmp_path / "driver.py"
    driver.write_text(DRIVER, encoding="utf-8")
    env = dict(os.environ)
    env.update({SETTINGS_ENV: str(tmp_path / "settings.ini"), DATA_DIR_ENV: str(tmp_path / "data"),
                "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen",
                "PYQTGRAPH_QT_LIB": "PySide6", RESTORE_ANSWER_ENV: answer})
    return subprocess.Popen([sys.executable, str(driver), phase, text], env=env, cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            start_new_session=True)


def first_line(process, prefix: str) -> str:
    for line in process.stdout:  # the driver quits by itself after 60 s at worst
        if line.startswith(prefix):
            return line[len(prefix):].strip()
    raise AssertionError(f"no {prefix!r} line; stderr:\n{process.stderr.read()[-3000:]}")


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_killing_the_program_loses_no_work(tmp_path):
    text = "sin(x) + x^3/10"
    victim = start(tmp_path, "work", text)
    try:
        autosave = Path(first_line(victim, "AUTOSAVED "))
    finally:
        os.killpg(victim.pid, signal.SIGKILL)  # the window and its helper processes
        victim.wait(timeout=30)
    assert victim.returncode == -signal.SIGKILL
    assert autosave.exists()  # a kill leaves the autosave (and its stale lock) behind

    survivor = start(tmp_path, "restore", text, answer="yes")
    try:
        state = json.loads(first_line(survivor, "RESTORED "))
        assert survivor.wait(timeout=30) == 0
    finally:
        if survivor.poll() is None:
            os.killpg(survivor.pid, signal.SIGKILL)
    assert state["expression"] == text and state["x0"] == 0.625
    # The clean exit of the second run leaves nothing to recover.
    assert not list((tmp_path / "data").glob("autosave-*.json"))
