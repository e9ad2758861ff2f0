"""Files that would hold the window: a FIFO as a lesson source, a formula slow to parse."""

import json
import os
import threading
import time

from classroom_windows import close_messages

from visualizer.classroom.session import SESSION_SCHEMA


def write_session(path, expression="x^2 - 1", **extra):
    path.write_text(json.dumps({"schema": SESSION_SCHEMA, "version": 1,
                                "model": {"expression": expression}, **extra}),
                    encoding="utf-8")


def test_a_session_whose_lesson_is_a_fifo_opens_without_waiting_for_it(qtbot, window,
                                                                       tmp_path):
    fifo = tmp_path / "lesson.json"
    os.mkfifo(fifo)

    def release_a_stuck_reader():  # so that a regression fails instead of hanging
        time.sleep(30)
        with open(fifo, "wb"):
            pass

    threading.Thread(target=release_a_stuck_reader, daemon=True).start()
    path = tmp_path / "with-fifo.json"
    write_session(path, lesson={"source": str(fifo), "step": 1})
    started = time.monotonic()
    with qtbot.waitSignal(window.classroom.session_opened, timeout=15_000):
        assert window.classroom.open_session(path)
    assert time.monotonic() - started < 20  # not until the FIFO was written to
    assert window.model.expression_text == "x^2 - 1"
    assert window.classroom.runner.lesson is None  # no lesson from a FIFO
    close_messages(window)


def test_opening_a_session_never_parses_its_formula_in_the_window(qtbot, window, tmp_path,
                                                                   monkeypatch):
    # Our parser's cost could grow fast with nesting (sigmoid(sigmoid(...)) took seconds):
    # the window hands the formula to the helper process, which has a time limit.
    import visualizer.core.expression as expression

    parsed_here = []
    original = expression.parse

    def parse(text, *args, **kwargs):
        parsed_here.append(text)
        return original(text, *args, **kwargs)

    monkeypatch.setattr(expression, "parse", parse)
    nested = "sigmoid(" * 20 + "x" + ")" * 20
    path = tmp_path / "nested.json"
    write_session(path, nested)
    with qtbot.waitSignals([window.classroom.session_opened], timeout=30_000,
                           raising=False):
        window.classroom.open_session(path)
    assert parsed_here == []
    close_messages(window)
