"""Autosave problems are told to the user once, and the last good autosave is kept."""

import errno
import json
from pathlib import Path

import pytest
from classroom_windows import open_window
from PySide6.QtWidgets import QLabel

import visualizer.classroom.session as session_module
from visualizer.classroom.autosave import DISCARDED_NAME
from visualizer.classroom.controller import RESTORE_ANSWER_ENV


def saved_model(path) -> dict:
    # Plain JSON: read_session would parse the formula again, on a time budget that a
    # loaded machine can overrun (what the file holds is what is checked here).
    return json.loads(Path(path).read_text(encoding="utf-8"))["model"]


def notice(window) -> QLabel | None:
    label = window.findChild(QLabel, "autosaveNotice")
    return label if label is not None and label.isVisible() else None


def test_a_full_disk_is_told_once_and_the_last_autosave_is_kept(qtbot, isolated, monkeypatch):
    window = open_window(qtbot)
    classroom = window.classroom
    with qtbot.waitSignal(classroom.autosaved, timeout=10_000):
        window.model.set_expression("sin(x) + x/3")
    path = classroom.store.path
    good = path.read_text(encoding="utf-8")

    def disk_full(*_args, **_kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(session_module, "atomic_write_text", disk_full)
    told = []
    classroom.autosave_failed.connect(told.append)
    with qtbot.waitSignal(classroom.autosave_failed, timeout=10_000):
        window.model.set_x0(-1.5)
    window.model.set_x0(-2.5)
    assert not classroom.autosave_now()
    assert len(told) == 1  # once, not at every attempt
    assert "No space left on device" in told[0]
    assert "No space left on device" in notice(window).text()
    assert path.read_text(encoding="utf-8") == good  # the last good autosave is kept

    monkeypatch.undo()  # space again: the next change is saved and the note goes
    window.model.set_x0(-3.5)
    with qtbot.waitSignal(classroom.autosaved, timeout=10_000):
        pass
    assert saved_model(path)["x0"] == -3.5
    assert notice(window) is None
    window.close()


def test_an_unusable_data_folder_is_told_at_start(qtbot, isolated):
    isolated.parent.mkdir(parents=True, exist_ok=True)
    isolated.write_text("a file where the folder should be", encoding="utf-8")
    window = open_window(qtbot)
    qtbot.waitUntil(lambda: notice(window) is not None, timeout=5000)
    text = notice(window).text()
    assert "Autosave is off" in text and str(isolated) in text
    window.close()


def test_an_unreadable_autosave_is_told_and_kept_aside(qtbot, isolated):
    isolated.mkdir(parents=True)
    left = isolated / "autosave-999999-deadbeef.json"
    left.write_text('{"schema": "calculus-visualizer', encoding="utf-8")  # cut short
    window = open_window(qtbot)
    kept = isolated / DISCARDED_NAME
    qtbot.waitUntil(kept.exists, timeout=5000)
    message = window.statusBar().currentMessage()
    assert "could not be read" in message and str(kept) in message
    window.close()


def test_points_and_ranges_stay_saveable(qtbot, isolated, tmp_path):
    window = open_window(qtbot)
    model, classroom = window.model, window.classroom
    before = model.x_range
    with pytest.raises(ValueError):
        model.set_x_range(-1e7, 1e7)
    assert model.x_range == before
    model.set_x0(5e6)  # a drag far beyond the plot lands at the edge
    assert model.x0 == 1e6
    with qtbot.waitSignal(classroom.autosaved, timeout=10_000):
        pass
    assert saved_model(classroom.store.path)["x0"] == 1e6
    assert classroom.save_session(tmp_path / "far.json")
    window.close()


def test_closing_right_after_a_restore_leaves_nothing_to_offer_again(qtbot, isolated,
                                                                    monkeypatch):
    from test_classroom_window import orphan

    left = orphan(isolated, "cos(x) - x/4")
    monkeypatch.setenv(RESTORE_ANSWER_ENV, "yes")
    from visualizer.app import create_main_window

    window = create_main_window()
    qtbot.addWidget(window)
    closed = []

    def close_at_once(_token):
        # The window closes as soon as the restored state is there, before the rest of
        # the opening (deferred to the next turn of the event loop) has run.
        if not closed:
            window.close()
            # What a program quitting now would leave behind.
            closed.append((window.model.expression_text, left.exists(),
                           sorted(p.name for p in isolated.glob("autosave-*"))))

    window.classroom.applier.reached.connect(close_at_once)
    window.show()
    qtbot.waitUntil(lambda: bool(closed), timeout=60_000)  # a cold helper on a busy machine
    # The work is in the window that closed cleanly: nothing is offered at the next start.
    assert closed == [("cos(x) - x/4", False, [])]


def test_work_left_by_a_crash_is_restored_on_a_machine_too_busy_to_parse_in_time(
        qtbot, isolated, monkeypatch):
    from test_classroom_window import restore_left_work

    from visualizer.classroom import checks
    from visualizer.classroom.checks import DataError

    def too_slow(_value, where):  # what the parser's time budget says on a loaded machine
        raise DataError("the formula takes too long to check", where)

    monkeypatch.setattr(checks, "formula", too_slow)
    window = restore_left_work(qtbot, isolated, monkeypatch)
    assert not (isolated / DISCARDED_NAME).exists()
    window.close()
