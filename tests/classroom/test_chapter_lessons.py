"""The lessons that follow the source chapters: each opens, every step applies in
presentation mode, and its text is shown in English and in Chinese."""

import pytest
from PySide6.QtCore import Qt
from test_classroom_window import assert_step_reached

from visualizer.classroom.lessons import builtin_lessons

CHAPTERS = ["chapter-000", "chapter-001", "chapter-002", "chapter-003", "chapter-004"]


def test_there_is_a_lesson_per_chapter_besides_the_tour():
    keys = [lesson.key for lesson in builtin_lessons()]
    assert keys[0] == "calculus-for-deep-learning"  # the overview comes first
    assert [key for key in keys if key.startswith("chapter-")] == CHAPTERS
    for lesson in builtin_lessons():
        if lesson.key.startswith("chapter-"):
            number = lesson.key.removeprefix("chapter-")
            assert lesson.title["en"].startswith(number) and lesson.title["zh"].startswith(number)


@pytest.mark.parametrize("key", CHAPTERS)
def test_every_step_of_a_chapter_lesson_applies_with_its_text(qtbot, window, key):
    classroom = window.classroom
    runner = classroom.runner
    with qtbot.waitSignal(runner.step_reached, timeout=15_000):
        assert classroom.open_lesson("builtin:" + key)
    qtbot.keyClick(window, Qt.Key.Key_F5)
    assert classroom.presentation.active
    lesson = runner.lesson
    failed = []
    runner.step_failed.connect(lambda index, message: failed.append((index, message)))
    # Chinese for every other lesson. (Switching the language at every step crashed a full
    # run once: a Qt object freed by the garbage collector during a switch, issue 17's
    # open crash; the switch itself is tested in test_i18n.)
    language = ("en", "zh_CN")[CHAPTERS.index(key) % 2]
    classroom.set_language(language)
    for index, step in enumerate(lesson.steps):
        if index:
            # Generous: on a loaded machine the step after three long descent runs once
            # took over 15 s to arrive.
            with qtbot.waitSignal(runner.step_reached, timeout=30_000,
                                  check_params_cb=lambda i, n=index: i == n):
                qtbot.keyClick(window, Qt.Key.Key_PageDown)
        assert_step_reached(window, step)
        panel = classroom.lesson_panel
        assert panel.title_label.text() == step.title[language[:2]]
        assert panel.text_view.toPlainText().splitlines()[0] in step.text[language[:2]]
    assert failed == []
    qtbot.keyClick(window, Qt.Key.Key_Escape)
    classroom.set_language("en")
