"""The messages of refused session and lesson files are translatable, without Qt.

Every :class:`DataError` is a marked template with fields, its place included
(``step {number}``, ``{where}, {name}``...) and a formula error nested whole. These tests
reach every template of the file checks with a bad file, and check that the English is
the template formatted with the fields, that the templates are catalogued and have a
Chinese translation, and that the Chinese keeps the keys, numbers and the file's own text.
"""

from __future__ import annotations

import ast
import json
import math
import re
from pathlib import Path

import pytest
from error_fields import plain_values, templates_in

from visualizer.classroom import checks
from visualizer.classroom.checks import DataError
from visualizer.classroom.lessons import LESSON_SCHEMA, parse_lesson, read_lesson
from visualizer.classroom.session import SESSION_SCHEMA, parse_session, read_session
from visualizer.i18n_catalog import ERROR_CONTEXT, read_ts, scan_sources, ts_path

CLASSROOM = Path(checks.__file__).resolve().parent
MODULES = ("checks.py", "session.py", "lessons.py")
GOOD_MODEL = {"expression": "x^2"}


def session(**parts) -> str:
    return json.dumps({"schema": SESSION_SCHEMA, "version": 1, **parts})


def lesson(steps, **parts) -> str:
    return json.dumps({"schema": LESSON_SCHEMA, "version": 1, "id": "t", "title": "T",
                       "steps": steps, **parts})


def step(**values) -> dict:
    return {"text": "a", "function": "x", **values}


SESSIONS = [
    b"", b"\xff\xfe\x00abc", b'{"a": 1', b'{"a": 1}}', b'{"a": NaN}', b'{"a": 1, "a": 2}',
    b"[" * 100_000, b"x" * 3_000_000, json.dumps([1]), json.dumps({"schema": "other"}),
    session(version=0), session(version=7), session(), session(model=GOOD_MODEL, foo=1),
    session(model=[1]), session(model={}), session(model={"expression": 5}),
    session(model={"expression": " "}), session(model={"expression": "x" * 600}),
    session(model={"expression": "sin("}), session(model={**GOOD_MODEL, "x0": "abc"}),
    session(model={**GOOD_MODEL, "x0": True}), session(model={**GOOD_MODEL, "x0": None}),
    session(model={**GOOD_MODEL, "x0": [1]}), session(model={**GOOD_MODEL, "x0": {"a": 1}}),
    session(model={**GOOD_MODEL, "x0": 1e7}), session(model={**GOOD_MODEL, "x0": 10**30}),
    session(model={**GOOD_MODEL, "h": 0}), session(model={**GOOD_MODEL, "point": [1]}),
    session(model={**GOOD_MODEL, "point": "ab"}),
    session(model={**GOOD_MODEL, "point": [1, "a"]}),
    session(model={**GOOD_MODEL, "x_range": [3, 1]}),
    session(model={**GOOD_MODEL, "taylor_order": 2.5}),
    session(model={**GOOD_MODEL, "taylor_order": "2"}),
    session(model={**GOOD_MODEL, "precision": "float8"}),
    session(model=GOOD_MODEL, descent={"start": [1], "runs": []}),
    session(model=GOOD_MODEL, descent={"start": [1], "runs": [{"optimizer": "sgd", "lr": -5}]}),
    session(model=GOOD_MODEL, descent={"start": [1], "runs": [{"optimizer": "sgd"}], "play": 1}),
    session(model={"expression": "x^2+y^2"},
            descent={"start": [1], "runs": [{"optimizer": "sgd"}]}),
    session(model=GOOD_MODEL, window={"layout": "!!"}),
]
LESSONS = [
    json.dumps({"schema": "x"}), lesson([], version=3), lesson([]), lesson([step()], id="bad id!"),
    lesson([step()], title={"zh": "x"}), lesson([step()], title={"EN!": "x"}),
    lesson([step()], title=5), lesson([{"text": "a"}]), lesson([step(zz=1)]),
    lesson([step(id="s1"), {"id": "oops", "text": "b", "h": "tiny"}]),
    lesson([step(function="sin(")]), lesson([step(text={"zh": "a"})]),
    lesson([step(panels=[])]), lesson([step(controls=5)]), lesson([step(controls={"1a": True})]),
    lesson([step(controls={"a": 5})]), lesson([step(descent={"start": [1, 2]})]),
    lesson([step(descent={"start": [1], "runs": [{"optimizer": "sgd", "lr": "a"}]})]),
]


def _refusal(action) -> DataError:
    with pytest.raises(DataError) as caught:
        action()
    return caught.value


@pytest.fixture(scope="module")
def errors(tmp_path_factory) -> list[DataError]:
    found = [_refusal(lambda raw=raw: parse_session(raw)) for raw in SESSIONS]
    found += [_refusal(lambda raw=raw: parse_lesson(raw)) for raw in LESSONS]
    folder = tmp_path_factory.mktemp("files")
    for read in (read_session, read_lesson):
        found.append(_refusal(lambda read=read: read(folder / "nope.json")))
        found.append(_refusal(lambda read=read: read(folder)))
        found.append(_refusal(lambda read=read: read("/dev/null")))  # not a regular file
    # Checks that a whole file never reaches (the JSON reader refuses first).
    found.append(_refusal(lambda: checks.number(math.nan, "x0")))
    found.append(_refusal(lambda: checks.obj({"a": 1}, "model")))
    found.append(_refusal(lambda: checks.obj({1: 1}, "model")))
    found.append(_refusal(lambda: checks.numbers([1, 2, 3], "start", (1, 2, 4))))
    return found


def _marked(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return {node.args[0].value for node in ast.walk(tree)
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
            and node.func.id == "error_text" and isinstance(node.args[0], ast.Constant)}


@pytest.fixture(scope="module")
def chinese() -> dict[str, str]:
    return {source: text for (context, source), (text, finished)
            in read_ts(ts_path("zh_CN")).items() if context == ERROR_CONTEXT and finished}


def test_the_english_message_is_the_template_formatted_with_its_fields(errors):
    for error in errors:
        assert error.render() == str(error)
        if error.where:
            assert str(error) == f"{error.where}: {error.reason}"
    places = {error.where for error in errors}
    assert {"step 2 ('oops'), h", "model, point, item 2", "descent, run 1",
            "step 1, controls, a", "step 1, function"} <= places


def test_every_template_is_reached_catalogued_and_translated(errors, chinese):
    marked = set().union(*(_marked(CLASSROOM / name) for name in MODULES))
    assert len(marked) > 55
    reached = {t for error in errors for t in templates_in(error.template, error.fields)}
    # The system's own refusals (permissions, a disk error) have no file to provoke them,
    # and the formula errors here all name their place in their own message.
    assert marked - reached == {"the file cannot be read: {why}",
                                "the formula {formula} is refused: {why} (at character {number})"}
    catalogue = {m.source for m in scan_sources()[0] if m.context == ERROR_CONTEXT}
    assert marked <= catalogue
    assert marked - set(chinese) == set()


def test_chinese_messages_name_the_place_and_keep_the_files_values(errors, chinese):
    cjk = re.compile(r"[\u4e00-\u9fff]")
    for error in errors:
        translated = error.render(lambda template: chinese.get(template, template))
        assert cjk.search(translated), translated
        assert translated != str(error)
        for value in plain_values(error.template, error.fields):
            assert value in translated, (value, translated)
        # No English sentence is left, only keys, values and the JSON reader's words.
        assert not re.search(r"\b(must|step|item|run|the|got|is)\b", translated), translated


def test_a_formula_error_inside_a_file_error_is_translated_whole(chinese):
    error = _refusal(lambda: parse_lesson(lesson([step(function="sin(")])))
    assert str(error) == ("step 1, function: the formula \"sin(\" is refused: missing ')' to "
                          "close the '(' at 4")
    translated = error.render(chinese.__getitem__)
    assert translated == "第 1 步，function：公式 \"sin(\" 被拒绝：缺少 ')' 来闭合位置 4 的 '('"
