"""The classroom on the real window: lessons stepped with a clicker's keys, presentation
mode, sessions that round-trip, hostile files refused with nothing lost, autosave."""

import json
import math

import pytest
from classroom_windows import close_messages, open_window
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QCursor
from PySide6.QtWidgets import QWidget

from visualizer.classroom.autosave import DISCARDED_NAME
from visualizer.classroom.controller import RESTORE_ANSWER_ENV
from visualizer.classroom.session import (
    DEFAULT_MODEL_STATE,
    SESSION_SCHEMA,
    read_session,
)
from visualizer.theme import PROJECTOR, contrast_ratio

LESSON = "builtin:calculus-for-deep-learning"


def state_of(window) -> dict:
    """Everything a session holds about the model and the descent lab."""
    model = window.model
    descent = model.descent
    return {"model": model.snapshot(), "start": descent.start,
            "runs": [run.settings for run in descent.runs]}


def assert_step_reached(window, step) -> None:
    model, expected = window.model, step.model
    assert model.expression_text == expected["expression"]
    for key in ("x0", "h"):
        assert getattr(model, key) == pytest.approx(expected[key]), (step.number, key)
    assert model.x_range == pytest.approx(tuple(expected["x_range"]))
    assert model.y_range == pytest.approx(tuple(expected["y_range"]))
    assert model.point == pytest.approx(tuple(expected["point"]))
    assert math.isclose(model.direction_angle, expected["direction_angle"] % math.tau,
                        abs_tol=1e-12)
    assert model.taylor_order == expected["taylor_order"]
    assert model.precision == expected["precision"]
    if step.descent is not None:
        assert model.descent.start == pytest.approx(tuple(step.descent["start"]))
        wanted = [(run["optimizer"], run["lr"]) for run in step.descent["runs"]]
        assert [(run.settings.optimizer, run.settings.lr) for run in model.descent.runs] \
            == wanted
    for name, value in step.controls.items():
        control = window.findChild(object, name)
        if hasattr(control, "isCheckable") and control.isCheckable():
            assert control.isChecked() == value, (step.number, name)
        else:
            assert value in (control.currentData(), control.currentText()), (step.number, name)
    for name, dock in window.docks.items():
        assert dock.isVisible() == (name in step.panels), (step.number, name)


def test_a_lesson_is_stepped_through_in_presentation_mode_with_a_clickers_keys(qtbot, window):
    classroom = window.classroom
    runner = classroom.runner
    with qtbot.waitSignal(runner.step_reached, timeout=15_000):
        assert classroom.open_lesson(LESSON)
    lesson = runner.lesson
    assert classroom.lesson_panel.isVisible()
    qtbot.keyClick(window, Qt.Key.Key_F5)
    assert classroom.presentation.active and classroom.presentation_action.isChecked()
    assert window.theme.name == "projector" and not window.menuBar().isVisible()
    assert_step_reached(window, lesson.steps[0])
    keys = (Qt.Key.Key_PageDown, Qt.Key.Key_Right)
    for index in range(1, len(lesson.steps)):
        with qtbot.waitSignal(runner.step_reached, timeout=15_000,
                              check_params_cb=lambda i, n=index: i == n):
            qtbot.keyClick(window, keys[index % 2])
        assert_step_reached(window, lesson.steps[index])
        panel = classroom.lesson_panel
        assert panel.counter.text() == f"{index + 1} / {len(lesson.steps)}"
        assert panel.title_label.text() == lesson.steps[index].title_in(classroom.language)
    qtbot.keyClick(window, Qt.Key.Key_PageDown)  # past the end: nothing happens
    assert runner.index == len(lesson.steps) - 1
    with qtbot.waitSignal(runner.step_reached, timeout=15_000):
        qtbot.keyClick(window, Qt.Key.Key_PageUp)
    assert runner.index == len(lesson.steps) - 2
    assert_step_reached(window, lesson.steps[-2])
    with qtbot.waitSignal(runner.step_reached, timeout=15_000):
        qtbot.keyClick(window, Qt.Key.Key_Left)
    assert runner.index == len(lesson.steps) - 3
    qtbot.keyClick(window, Qt.Key.Key_Escape)
    assert not classroom.presentation.active
    assert window.theme.name == "light" and window.menuBar().isVisible()
    assert not window.isFullScreen()


def test_presentation_mode_without_a_lesson_and_the_pointer_highlight(qtbot, window):
    classroom = window.classroom
    highlight = classroom.presentation.highlight
    window.set_theme("dark")
    classroom.presentation_action.trigger()
    assert classroom.presentation.active and window.theme.name == "projector"
    assert highlight.isVisible()
    target = QPoint(200, 150)
    QCursor.setPos(window.mapToGlobal(target))
    qtbot.waitUntil(lambda: highlight.center == highlight.mapFrom(window, target),
                    timeout=3000)
    classroom.highlight_action.trigger()  # switch it off
    assert not highlight.isVisible()
    classroom.highlight_action.trigger()
    assert highlight.isVisible()
    qtbot.keyClick(window, Qt.Key.Key_PageDown)  # no lesson: the key is left to the panels
    assert classroom.runner.lesson is None
    qtbot.keyClick(window, Qt.Key.Key_Escape)
    assert not classroom.presentation.active and not highlight.isVisible()
    assert window.theme.name == "dark"


def test_the_pointer_highlight_is_drawn_over_the_3d_view_too(qtbot, window):
    # Nothing can be laid over the native GL window: the 3-D view draws the circle itself.
    model, classroom = window.model, window.classroom
    with qtbot.waitSignal(model.expression_changed, timeout=15_000):
        model.set_expression("x^2 + y^2")
    view = window.surface.view
    if not view.is_3d:
        pytest.skip("no OpenGL here: the contour map alone is shown")
    classroom.presentation_action.trigger()
    container = view.findChild(QWidget, "surfaceGLContainer")
    qtbot.waitUntil(lambda: container.isVisible() and container.width() > 50, timeout=5000)
    centre = container.rect().center()
    QCursor.setPos(container.mapToGlobal(centre))
    qtbot.waitUntil(lambda: view.gl_view.pointer_highlight is not None, timeout=3000)
    drawn_at, radius = view.gl_view.pointer_highlight
    assert drawn_at == centre and radius == classroom.presentation.highlight.radius
    QCursor.setPos(window.mapToGlobal(QPoint(5, window.height() - 5)))  # far from the view
    qtbot.waitUntil(lambda: view.gl_view.pointer_highlight is None, timeout=3000)
    QCursor.setPos(container.mapToGlobal(centre))
    qtbot.waitUntil(lambda: view.gl_view.pointer_highlight is not None, timeout=3000)
    classroom.highlight_action.trigger()  # switched off: gone from the 3-D view as well
    assert view.gl_view.pointer_highlight is None
    qtbot.keyClick(window, Qt.Key.Key_Escape)


def test_the_lesson_text_follows_the_language(qtbot, window):
    classroom = window.classroom
    classroom.set_language("zh_CN")
    with qtbot.waitSignal(classroom.runner.step_reached, timeout=15_000):
        classroom.open_lesson(LESSON)
    panel = classroom.lesson_panel
    assert panel.title_label.text() == "直线的斜率"
    assert "斜率" in panel.text_view.toPlainText()
    classroom.set_language("en")
    assert panel.title_label.text() == "The slope of a line"


def test_a_refused_lesson_file_names_the_step_and_field(qtbot, window, tmp_path):
    path = tmp_path / "broken.json"
    path.write_text(json.dumps({
        "schema": "calculus-visualizer-lesson", "version": 1, "id": "broken", "title": "Broken",
        "steps": [{"text": "ok", "function": "x^2"},
                  {"id": "oops", "text": "bad", "h": "tiny"}]}), encoding="utf-8")
    before = state_of(window)
    with qtbot.waitSignal(window.classroom.lesson_refused) as blocker:
        assert not window.classroom.open_lesson(str(path))
    assert "step 2 ('oops'), h: must be a number" in blocker.args[0]
    assert any("step 2" in text for text in close_messages(window))
    assert state_of(window) == before and window.classroom.runner.lesson is None


def test_refused_files_are_explained_in_the_interface_language(qtbot, window, tmp_path):
    from visualizer import i18n

    classroom = window.classroom
    damaged = tmp_path / "damaged.json"
    damaged.write_text(json.dumps({"schema": SESSION_SCHEMA, "version": 1,
                                   "model": {"expression": "x", "x0": "abc"}}), encoding="utf-8")
    truncated = tmp_path / "truncated.json"
    truncated.write_text('{"schema": "calculus-visualizer-session", "version": 1, "mod',
                         encoding="utf-8")
    wrong_type = tmp_path / "lesson.json"
    wrong_type.write_text(json.dumps({
        "schema": "calculus-visualizer-lesson", "version": 1, "id": "broken", "title": "Broken",
        "steps": [{"text": "ok", "function": "x^2"},
                  {"id": "oops", "text": "bad", "h": "tiny"}]}), encoding="utf-8")
    expected = {
        damaged: 'model，x0：必须是数字，实际是文本 "abc"',
        truncated: "文件提前结束：它被截断或已损坏（第 1 行，第 57 列）",
        wrong_type: "第 2 步（'oops'），h：必须是数字，实际是文本 \"tiny\"",
    }
    before = state_of(window)
    i18n.set_language("zh_CN")
    try:
        for path, detail in expected.items():
            is_lesson = path is wrong_type
            signal = classroom.lesson_refused if is_lesson else classroom.session_refused
            with qtbot.waitSignal(signal) as blocker:
                opened = (classroom.open_lesson(str(path)) if is_lesson
                          else classroom.open_session(path))
            assert not opened
            assert blocker.args[0] == detail
            texts = close_messages(window)
            assert len(texts) == 1 and texts[0].endswith("\n\n" + detail), texts
            assert ("课程" if is_lesson else "会话") in texts[0]
    finally:
        i18n.set_language("en")
    with qtbot.waitSignal(classroom.session_refused) as blocker:
        classroom.open_session(damaged)
    assert blocker.args[0] == 'model, x0: must be a number, got text "abc"'
    assert close_messages(window)[0].endswith('model, x0: must be a number, got text "abc"')
    assert state_of(window) == before


def test_a_session_round_trips_into_a_new_window(qtbot, isolated, tmp_path, monkeypatch):
    first = open_window(qtbot)
    model = first.model
    with qtbot.waitSignal(model.expression_changed, timeout=15_000):
        model.restore({"expression": "x^2 + 25y^2", "x_range": [-3, 3], "y_range": [-2, 2]})
    model.set_point(1.25, -0.5)
    model.set_direction_angle(2.0)
    model.set_x0(0.75)
    model.set_h(-0.125)
    model.set_taylor_order(5)
    model.set_precision("float32")
    model.descent.set_runs([{"optimizer": "momentum", "lr": 0.02, "momentum": 0.7,
                             "steps": 800}, {"optimizer": "adam", "lr": 0.05, "steps": 300}])
    model.descent.set_start((-2.0, 1.5))
    expected = state_of(first)
    path = tmp_path / "my session.json"
    with qtbot.waitSignal(first.classroom.session_saved):
        assert first.classroom.save_session(path)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["schema"] == SESSION_SCHEMA and data["model"]["expression"] == "x^2 + 25y^2"
    first.close()

    monkeypatch.setenv("CALCULUS_VISUALIZER_SETTINGS", str(tmp_path / "elsewhere.ini"))
    second = open_window(qtbot)  # a fresh window: nothing carried over by the settings
    assert second.model.expression_text != "x^2 + 25y^2"
    with qtbot.waitSignal(second.classroom.session_opened, timeout=15_000):
        assert second.classroom.open_session(path)
    assert state_of(second) == expected
    assert second.classroom.recent_sessions()[0] == str(path.resolve())
    stack = second.model.undo_stack
    assert not stack.canUndo(), [stack.text(i) for i in range(stack.count())]
    second.close()


HOSTILE = {
    "truncated": '{"schema": "calculus-visualizer-session", "version": 1, "model": {"expr',
    "wrong type": {"model": {"expression": "x", "x0": "one"}},
    "huge": {"model": {"expression": "x", "x_range": [-1e300, 1e300]}},
    "nan": '{"schema": "calculus-visualizer-session", "version": 1, '
           '"model": {"expression": "x", "h": NaN}}',
    "newer": {"version": 99, "model": {"expression": "x"}},
    "foreign": '{"name": "some-package", "version": "1.2.3", "dependencies": {}}',
    "code": {"model": {"expression": "__import__('os').system('touch /tmp/owned')"}},
    "attribute walk": {"model": {"expression": "x.diff.__globals__['os']"}},
    "bad descent": {"model": {"expression": "x^2"},
                    "descent": {"start": [1], "runs": [{"optimizer": "sgd", "lr": -5}]}},
}


def test_damaged_and_hostile_sessions_are_refused_and_nothing_is_lost(qtbot, window, tmp_path):
    before = state_of(window)
    for name, content in HOSTILE.items():
        if isinstance(content, dict):
            content = json.dumps({"schema": SESSION_SCHEMA, "version": 1, **content})
        path = tmp_path / f"{name}.json"
        path.write_text(content, encoding="utf-8")
        # Refused at once, or (a formula, read by the helper process) when it answers.
        with qtbot.waitSignal(window.classroom.session_refused, timeout=15_000) as blocker:
            window.classroom.open_session(path)
        assert blocker.args[0], name
        texts = close_messages(window)
        assert texts and "unchanged" in texts[0], name
        assert state_of(window) == before, name
    assert not (tmp_path / "owned").exists()


def test_autosave_follows_changes_and_a_clean_exit_removes_it(qtbot, isolated):
    window = open_window(qtbot)
    classroom = window.classroom
    with qtbot.waitSignal(classroom.autosaved, timeout=10_000):
        window.model.set_expression("sin(x) + x/3")
    path = classroom.store.path
    assert read_session(path)["model"]["expression"] == "sin(x) + x/3"
    window.model.set_x0(-1.5)
    with qtbot.waitSignal(classroom.autosaved, timeout=10_000):
        pass
    assert read_session(path)["model"]["x0"] == -1.5
    window.close()
    assert not path.exists()
    assert not list(isolated.glob("autosave-*"))


def orphan(folder, expression: str):
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "autosave-999999-deadbeef.json"
    path.write_text(json.dumps({"schema": SESSION_SCHEMA, "version": 1,
                                "model": {"expression": expression, "x0": 0.5}}),
                    encoding="utf-8")
    return path


def restore_left_work(qtbot, folder, monkeypatch):
    """Start with an autosave a crash left in ``folder``, answer "restore": the window."""
    left = orphan(folder, "cos(x) - x/4")
    monkeypatch.setenv(RESTORE_ANSWER_ENV, "yes")
    window = open_window(qtbot)
    qtbot.waitUntil(lambda: window.model.expression_text == "cos(x) - x/4", timeout=15_000)
    assert window.model.x0 == 0.5
    qtbot.waitUntil(lambda: not left.exists(), timeout=5000)
    return window


def test_work_left_by_a_crash_is_restored_when_the_answer_is_yes(qtbot, isolated, monkeypatch):
    window = restore_left_work(qtbot, isolated, monkeypatch)
    assert read_session(window.classroom.store.path)["model"]["expression"] == "cos(x) - x/4"
    window.close()


def test_work_left_by_a_crash_is_kept_aside_when_the_answer_is_no(qtbot, isolated, monkeypatch):
    left = orphan(isolated, "cos(x) - x/4")
    monkeypatch.setenv(RESTORE_ANSWER_ENV, "no")
    window = open_window(qtbot)
    qtbot.waitUntil(lambda: not left.exists(), timeout=5000)
    assert read_session(isolated / DISCARDED_NAME)["model"]["expression"] == "cos(x) - x/4"
    assert window.model.expression_text == "x^2"
    window.close()


def test_the_projector_theme_text_contrast_is_at_least_aaa():
    for color in (PROJECTOR.foreground, PROJECTOR.muted, PROJECTOR.accent, PROJECTOR.error):
        assert contrast_ratio(color, PROJECTOR.background) >= 7.0, color
    assert contrast_ratio("#000000", "#ffffff") == pytest.approx(21.0)


def test_the_session_defaults_are_the_models_own(window):
    snapshot = window.model.snapshot()
    fresh = {key: snapshot[key] for key in DEFAULT_MODEL_STATE}
    # The window may have restored ranges from settings; a fresh model has the defaults.
    from visualizer.model import Model

    model = Model(service=window.model.service)
    try:
        defaults = model.snapshot()
    finally:
        window.model.service.replied.disconnect(model._on_reply)
        window.model.service.busy_changed.disconnect(model.busy_changed)
    assert {key: defaults[key] for key in DEFAULT_MODEL_STATE} == DEFAULT_MODEL_STATE
    assert set(fresh) == set(DEFAULT_MODEL_STATE)
