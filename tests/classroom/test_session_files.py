"""Session files without Qt: strict reading, refusals with clear messages, atomic writes."""

import json
import math
import os
import threading

import pytest

from visualizer.classroom import atomic, checks
from visualizer.classroom.checks import DataError
from visualizer.classroom.session import (
    DEFAULT_MODEL_STATE,
    SESSION_SCHEMA,
    SESSION_VERSION,
    SessionError,
    dumps_session,
    parse_session,
    read_session,
    session_document,
    write_session,
)


def good_document(**model):
    state = {"expression": "x^3 - 2x + 4", "x0": 0.5, "h": -0.25, "point": [0.5, -0.4],
             "direction_angle": 1.0, "x_range": [-3, 3], "y_range": [-2, 2],
             "taylor_order": 4, "precision": "float32"}
    state.update(model)
    return {"schema": SESSION_SCHEMA, "version": SESSION_VERSION, "model": state,
            "descent": {"start": [2.0], "speed": 30,
                        "runs": [{"optimizer": "adam", "lr": 0.05, "steps": 300,
                                  "betas": [0.9, 0.99]}]},
            "lesson": {"source": "builtin:calculus-for-deep-learning", "step": 3},
            "window": {"theme": "dark", "scale": 1.2, "layout": "AAAA"}}


def refused(document_or_text) -> str:
    text = document_or_text if isinstance(document_or_text, (str, bytes)) \
        else json.dumps(document_or_text)
    with pytest.raises(SessionError) as caught:
        parse_session(text)
    return str(caught.value)


def test_a_good_session_reads_back_exactly():
    clean = parse_session(json.dumps(good_document()))
    assert clean["model"]["expression"] == "x^3 - 2x + 4"
    assert clean["model"]["h"] == -0.25 and clean["model"]["taylor_order"] == 4
    assert clean["model"]["variables"] == ["x"]
    assert clean["descent"]["runs"][0] == {"optimizer": "adam", "lr": 0.05, "steps": 300,
                                           "betas": [0.9, 0.99]}
    again = parse_session(dumps_session(clean))
    assert again == clean


def test_missing_values_take_the_defaults_and_comments_are_ignored():
    clean = parse_session(json.dumps({"schema": SESSION_SCHEMA, "version": 1,
                                      "_note": "written by hand",
                                      "model": {"expression": "t^2", "_why": "free fall"}}))
    for key, value in DEFAULT_MODEL_STATE.items():
        assert clean["model"][key] == value
    assert clean["model"]["variables"] == ["t"]


@pytest.mark.parametrize("text, words", [
    ('{"schema": "calculus-visualizer-session", "version": 1, "model": {"expre', "truncated"),
    ("", "empty"),
    ("\xff\xfe garbage", "not UTF-8"),
    ("[1, 2, 3]", "not a calculus-visualizer session"),
    ('{"name": "package.json", "version": "1.0.0"}', "not a calculus-visualizer session"),
    ('{"schema": "calculus-visualizer-lesson", "version": 1}', "lesson"),
    ("[" * 100_000, "nests too deeply"),
], ids=["truncated", "empty", "binary", "list", "package.json", "lesson", "deep"])
def test_damaged_and_foreign_files_are_refused(text, words):
    raw = text.encode("latin-1") if text.startswith("\xff") else text
    assert words in refused(raw)


def test_a_newer_version_is_refused_saying_so():
    document = good_document()
    document["version"] = SESSION_VERSION + 1
    message = refused(document)
    assert "newer version" in message and str(SESSION_VERSION + 1) in message


@pytest.mark.parametrize("key, value, words", [
    ("x0", "1", "model, x0: must be a number, got text"),
    ("x0", True, "model, x0: must be a number"),
    ("x0", 1e7, "model, x0: must be between"),
    ("h", 0, "model, h: must not be 0"),
    ("point", [1], "model, point: must hold 2 numbers"),
    ("point", [1, None], "model, point, item 2: must be a number"),
    ("x_range", [3, -3], "model, x_range: the start must be below the end"),
    ("taylor_order", 2.5, "model, taylor_order: must be a whole number"),
    ("taylor_order", 11, "model, taylor_order: must be between 0 and 10"),
    ("precision", "float128", "model, precision: must be one of"),
    ("expression", 42, "model, expression: must be text"),
    ("expression", "x" * 501, "model, expression: is too long"),
    ("expression", "__import__('os').system('echo owned')", "model, expression: the formula"),
    ("expression", "x.__class__", "model, expression: the formula"),
    ("expression", "lambda: 1", "model, expression: the formula"),
    ("colour", "red", "model: unknown key 'colour'"),
])
def test_hostile_and_wrong_values_are_refused_naming_the_field(key, value, words):
    document = good_document(**{key: value})
    assert words in refused(document)


def test_not_a_number_and_infinity_are_refused():
    text = json.dumps(good_document()).replace('"x0": 0.5', '"x0": NaN')
    assert "NaN is not a number" in refused(text)
    text = json.dumps(good_document()).replace('"x0": 0.5', '"x0": 1e999')
    assert "finite" in refused(text)
    text = json.dumps(good_document()).replace('"x0": 0.5', '"x0": -Infinity')
    assert "Infinity" in refused(text)


def test_huge_numbers_and_files_are_refused_before_anything_else():
    text = json.dumps(good_document()).replace('"x0": 0.5', '"x0": ' + "9" * 5000)
    assert "cannot be read" in refused(text) or "between" in refused(text)
    assert "too large" in refused(" " * 3_000_000)


def test_duplicate_keys_and_wrong_descent_settings_are_refused():
    text = json.dumps(good_document()).replace('"x0": 0.5', '"x0": 0.5, "x0": 9')
    assert "appears twice" in refused(text)
    document = good_document()
    document["descent"]["start"] = [1.0, 2.0]
    assert "descent, start: must hold 1 number(s)" in refused(document)
    document = good_document()
    document["descent"]["runs"][0]["momentum"] = 0.9
    assert "descent, run 1" in refused(document) and "momentum" in refused(document)
    document = good_document()
    document["descent"]["runs"][0]["lr"] = -1
    assert "descent, run 1" in refused(document)
    document = good_document()
    document["window"]["layout"] = "not base64!"
    assert "window, layout: is not base64" in refused(document)


def test_code_in_a_formula_is_refused_by_our_parser_without_running(monkeypatch):
    import builtins

    def forbidden(*_args, **_kwargs):
        raise AssertionError("something tried to evaluate the formula")

    monkeypatch.setattr(builtins, "eval", forbidden)
    monkeypatch.setattr(builtins, "exec", forbidden)
    message = refused(good_document(expression="__import__('os').system('touch /tmp/owned')"))
    assert "refused" in message and "__import__" in message


def test_write_then_read_round_trips(tmp_path):
    path = tmp_path / "lesson-one.json"
    document = session_document(
        {"expression": "sin(x)", "x0": 0.25, "h": 0.5, "point": [0.5, -0.4],
         "direction_angle": 0.0, "x_range": [-4.0, 4.0], "y_range": [-5.0, 5.0],
         "taylor_order": 3, "precision": "float64"},
        descent={"start": [1.0], "runs": [{"optimizer": "sgd", "lr": 0.1, "steps": 100}]})
    write_session(path, document)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["schema"] == SESSION_SCHEMA and data["version"] == 1
    clean = read_session(path)
    assert clean["model"]["x0"] == 0.25 and clean["model"]["taylor_order"] == 3
    assert math.isclose(clean["descent"]["runs"][0]["lr"], 0.1)


@pytest.mark.parametrize("failing", ["fsync", "replace"])
def test_a_crash_mid_save_leaves_the_previous_file_intact(tmp_path, monkeypatch, failing):
    path = tmp_path / "work.json"
    atomic.atomic_write_text(path, "previous good content\n")

    def crash(*_args, **_kwargs):
        raise OSError("simulated power cut")

    monkeypatch.setattr(atomic.os, failing, crash)
    with pytest.raises(OSError, match="power cut"):
        atomic.atomic_write_text(path, "new content that never fully lands " * 1000)
    monkeypatch.undo()
    assert path.read_text() == "previous good content\n"
    assert sorted(os.listdir(tmp_path)) == ["work.json"]  # no temporary file left behind


def test_a_missing_file_and_a_folder_are_refused_clearly(tmp_path):
    with pytest.raises(SessionError, match="there is no file"):
        read_session(tmp_path / "nope.json")
    with pytest.raises(SessionError, match="is a folder"):
        read_session(tmp_path)


def test_only_regular_files_are_read(tmp_path):
    # open() on a FIFO with no writer never returns: the window hung for good.
    fifo = tmp_path / "lesson.fifo"
    os.mkfifo(fifo)
    outcome = []

    def read():
        try:
            checks.read_file(fifo, 1000)
        except DataError as error:
            outcome.append(str(error))

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    reader.join(5)
    if reader.is_alive():
        with open(fifo, "wb"):  # let the stuck reader go, then fail
            pass
    assert len(outcome) == 1 and "is not a regular file" in outcome[0]
    with pytest.raises(SessionError, match="not a regular file"):
        read_session("/dev/zero")
