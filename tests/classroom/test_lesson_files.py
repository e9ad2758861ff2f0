"""Lesson files without Qt: the built-in lessons, the format's rules and its messages."""

import json
import math

import pytest

from visualizer.classroom.lessons import (
    LESSON_SCHEMA,
    LessonError,
    builtin_lesson_paths,
    builtin_lessons,
    language_of_locale,
    parse_lesson,
)
from visualizer.core.cli import main as cli


def lesson_text(steps, **top):
    document = {"schema": LESSON_SCHEMA, "version": 1, "id": "mine",
                "title": {"en": "Mine", "zh": "我的"}, "steps": steps}
    document.update(top)
    return json.dumps(document)


def refused(steps, **top) -> str:
    with pytest.raises(LessonError) as caught:
        parse_lesson(lesson_text(steps, **top))
    return str(caught.value)


def test_every_builtin_lesson_validates_and_is_bilingual():
    paths = builtin_lesson_paths()
    assert paths, "no built-in lesson found"
    lessons = builtin_lessons()
    assert len(lessons) == len(paths)
    for lesson in lessons:
        assert lesson.source == "builtin:" + lesson.key
        assert {"en", "zh"} <= set(lesson.title)
        keys = [step.key for step in lesson.steps]
        assert len(set(keys)) == len(keys), "step ids must be unique"
        for step in lesson.steps:
            assert {"en", "zh"} <= set(step.text), step.number
            assert {"en", "zh"} <= set(step.title), step.number
            assert step.text["en"] != step.text["zh"]


def test_the_full_lesson_follows_the_chapters_from_slope_to_adam():
    lesson = next(one for one in builtin_lessons() if one.key == "calculus-for-deep-learning")
    assert 15 <= len(lesson.steps) <= 30
    order = ["slope", "secant", "limit", "chain", "sigmoid", "abs", "monotonic", "extrema",
             "taylor", "velocity", "partial", "directional", "gradient", "descent", "momentum",
             "adam"]
    keys = [step.key for step in lesson.steps]
    assert [k for k in keys if k in order] == order
    assert lesson.steps[0].model["expression"] == "x + 1"
    gradient = lesson.steps[keys.index("gradient")]
    # The step points u along ∇f = (0.6, −0.3) at (0.5, −0.4): θ = atan2(−0.3, 0.6).
    assert math.isclose(gradient.model["direction_angle"] % math.tau,
                        math.atan2(-0.3, 0.6) % math.tau, abs_tol=1e-3)
    assert gradient.panels == ("surface",)  # the projector gives the surface lab the whole width
    assert lesson.steps[-1].descent["runs"][-1]["optimizer"] == "adam"


def test_the_lesson_texts_state_what_the_program_computes(capsys):
    """The numbers in the texts are the ones our own commands compute (not the chapters')."""

    def run(*argv):
        assert cli(list(argv)) == 0
        return json.loads(capsys.readouterr().out)

    analysis = run("analyze", "log(x^4 + x^3 + 2)", "--at", "-1")
    kinds = {round(p["x"], 6): p["kind"] for p in analysis["stationary_points"]}
    assert kinds == {-0.75: "minimum", 0.0: "neither"}
    assert analysis["at"]["derivative"] == pytest.approx(-0.5)
    cubic = run("analyze", "x^3")
    assert [p["kind"] for p in cubic["stationary_points"]] == ["neither"]
    assert run("analyze", "5t^2 + 3t + 2", "--at", "2")["at"]["derivative"] == pytest.approx(23)
    field = run("analyze", "x^2 + xy + y^2", "--at", "0.5,-0.4", "--direction", "1,1")["at"]
    assert field["gradient"] == pytest.approx([0.6, -0.3])
    assert field["directional_derivative"] == pytest.approx(0.3 / math.sqrt(2))
    assert field["gradient_norm"] == pytest.approx(math.sqrt(0.45))
    settled = run("descend", "log(x^4 + x^3 + 2)", "--start", "-2", "--lr", "0.1",
                  "--steps", "500")
    assert settled["status"] == "converged" and 150 <= settled["steps_taken"] <= 250
    assert settled["final"]["point"][0] == pytest.approx(-0.75)
    stuck = run("descend", "log(x^4 + x^3 + 2)", "--start", "1.5", "--lr", "0.1",
                "--steps", "500")
    assert stuck["final"]["point"][0] == pytest.approx(0.012, abs=0.001)
    plain = run("descend", "x^2 + 25y^2", "--start", "-2.5,1", "--lr", "0.035",
                "--steps", "1000")
    heavy = run("descend", "x^2 + 25y^2", "--start", "-2.5,1", "--lr", "0.035",
                "--optimizer", "momentum", "--momentum", "0.5", "--steps", "1000")
    assert (plain["steps_taken"], heavy["steps_taken"]) == (403, 151)
    adam = run("descend", "(1 - x)^2 + 100(y - x^2)^2", "--start", "-1.5,2", "--lr", "0.02",
               "--optimizer", "adam", "--steps", "5000")
    assert adam["status"] == "converged" and 4000 <= adam["steps_taken"] <= 4400
    assert run("descend", "x^2", "--start", "4", "--lr", "1.05",
               "--steps", "500")["status"] == "diverged"


def test_a_step_inherits_what_it_does_not_say():
    lesson = parse_lesson(lesson_text([
        {"text": "one", "function": "x^2", "x0": 2, "x_range": [-1, 3],
         "controls": {"secantTaylorToggle": True}},
        {"text": {"en": "two", "zh": "二"}, "h": 0.01, "panels": ["secant"]},
        {"text": "three", "function": "x^2 + y^2", "panels": ["surface"],
         "direction_degrees": 90, "descent": {"start": [1, 1]}},
    ]))
    first, second, third = lesson.steps
    assert second.model["expression"] == "x^2" and second.model["x0"] == 2
    assert second.model["x_range"] == [-1.0, 3.0] and second.model["h"] == 0.01
    assert first.model["h"] == 1.0  # the program's default
    assert first.panels == ("editor", "secant") and second.panels == ("secant",)
    assert third.controls == {"secantTaylorToggle": True}
    assert third.model["direction_angle"] == pytest.approx(math.pi / 2)
    assert third.descent == {"start": [1.0, 1.0]} and second.descent is None
    assert second.text_in("zh_CN") == "二" and second.text_in("fr") == "two"
    assert third.text_in("zh") == "three"


@pytest.mark.parametrize("steps, words", [
    ([{"text": "no function"}], "step 1: the key 'function' is missing"),
    ([{"text": "a", "function": "x"}, {"id": "b", "text": "b", "x0": "abc"}],
     "step 2 ('b'), x0: must be a number"),
    ([{"text": "a", "function": "x", "tayor_order": 3}], "step 1: unknown key 'tayor_order'"),
    ([{"text": "a", "function": "__import__('os').system('ls')"}], "step 1, function: the formula"),
    ([{"text": "a", "function": "x", "panels": ["secant", "terminal"]}],
     "step 1, panels: must be one of editor, secant, surface, descent"),
    ([{"text": "a", "function": "x", "panels": ["secant"], "focus": "surface"}],
     "step 1, focus: must be one of secant"),
    ([{"text": "a", "function": "x^2", "descent": {"start": [1, 2]}}],
     "step 1, descent, start: must hold 1 number(s)"),
    ([{"text": "a", "function": "x", "descent": {"start": [1], "runs": [{"optimizer": "lbfgs"}]}}],
     "step 1, descent, run 1, optimizer: must be one of"),
    ([{"text": {"zh": "只有中文"}, "function": "x"}], "step 1, text: must have an English text"),
    ([{"text": "a", "function": "x", "x_range": [2, 1]}], "step 1, x_range: the start must be below"),
    ([{"text": "a", "function": "x", "controls": {"secantTaylorToggle": 1}}],
     "step 1, controls, secantTaylorToggle: must be true or false"),
    ([{"text": "a", "function": "x", "taylor_order": float("nan")}], "NaN"),
    ([], "steps: must be a list of 1 to"),
])
def test_a_bad_lesson_is_refused_naming_the_step_and_the_field(steps, words):
    assert words in refused(steps)


def test_foreign_newer_and_damaged_lesson_files_are_refused():
    with pytest.raises(LessonError, match="not a calculus-visualizer lesson"):
        parse_lesson('{"schema": "calculus-visualizer-session", "version": 1}')
    with pytest.raises(LessonError, match="newer version"):
        parse_lesson(lesson_text([{"text": "a", "function": "x"}], version=2))
    with pytest.raises(LessonError, match="truncated"):
        parse_lesson(lesson_text([{"text": "a", "function": "x"}])[:-10])
    with pytest.raises(LessonError, match="id: must be letters"):
        parse_lesson(lesson_text([{"text": "a", "function": "x"}], id="../../etc"))


def test_the_language_follows_the_locale_name():
    assert language_of_locale("zh_CN") == "zh_CN"
    assert language_of_locale("C") == "en"
    assert language_of_locale("") == "en"


def test_the_file_layer_needs_no_qt():
    import subprocess
    import sys

    code = ("import sys; sys.modules['PySide6'] = None; sys.modules['pyqtgraph'] = None\n"
            "import visualizer.classroom.session, visualizer.classroom.lessons\n"
            "visualizer.classroom.lessons.builtin_lessons()\n"
            "assert 'visualizer.model' not in sys.modules")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 0, done.stderr[-2000:]
