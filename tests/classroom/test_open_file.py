"""A file named on the command line (or opened from the desktop): a session or a lesson."""

import json
import shutil

from classroom_windows import close_messages
from PySide6.QtWidgets import QComboBox

from visualizer.classroom.lessons import builtin_lesson_paths
from visualizer.resources import resource_path


def test_a_session_file_opens_as_a_session(qtbot, window, tmp_path):
    path = tmp_path / "mine.json"
    path.write_text(json.dumps({"schema": "calculus-visualizer-session", "version": 1,
                                "model": {"expression": "x^3 - 2x + 4", "x0": 0.5}}))
    with qtbot.waitSignal(window.classroom.session_opened, timeout=15_000):
        assert window.classroom.open_file(path)
    assert window.model.expression_text == "x^3 - 2x + 4"
    assert window.model.x0 == 0.5


def test_a_lesson_file_opens_as_a_lesson_at_its_first_step(qtbot, window, tmp_path):
    path = tmp_path / "copy.json"
    shutil.copy(resource_path("lessons", "calculus-for-deep-learning.json"), path)
    runner = window.classroom.runner
    with qtbot.waitSignal(runner.step_reached, timeout=15_000):
        assert window.classroom.open_file(path)
    assert runner.lesson is not None and runner.lesson.source == str(path)
    assert runner.index == 0
    assert window.model.expression_text == "x + 1"


def test_a_file_that_is_neither_is_refused_and_nothing_changes(qtbot, window, tmp_path):
    path = tmp_path / "package.json"
    path.write_text('{"name": "left-pad", "version": "1.3.0"}')
    before = window.model.expression_text
    with qtbot.waitSignal(window.classroom.session_refused) as blocker:
        assert not window.classroom.open_file(path)
    assert "not a calculus-visualizer session file" in blocker.args[0]
    assert close_messages(window)
    assert window.model.expression_text == before


def test_the_lesson_picker_shows_a_lesson_opened_from_a_file(qtbot, window, tmp_path):
    path = tmp_path / "copy.json"
    shutil.copy(resource_path("lessons", "calculus-for-deep-learning.json"), path)
    with qtbot.waitSignal(window.classroom.runner.step_reached, timeout=15_000):
        assert window.classroom.open_lesson(str(path))
    picker = window.classroom.lesson_panel.findChild(QComboBox, "lessonPicker")
    builtin = len(builtin_lesson_paths())
    assert picker.count() == builtin + 1  # the built-in lessons and the file
    assert picker.currentIndex() == builtin
    assert picker.currentText() == "Calculus for deep learning: from slope to Adam"
