"""A damaged window layout in a session, an autosave or the settings never reaches Qt.

``QMainWindow.restoreState`` crashes on some damaged layouts (one flipped bit in the
area index sends it past its four dock areas): the program checks the layout first and
puts the panels in their usual places instead, saying so in the status bar.
"""

import base64
import json
import struct

import pytest
from classroom_windows import close_messages, open_window

from visualizer import main_window
from visualizer.classroom.controller import RESTORE_ANSWER_ENV
from visualizer.main_window import SETTINGS_VERSION
from visualizer.window_layout import layout_problem

#: Byte offset of the first dock area's index: version marker, version, section marker,
#: area count (see visualizer.window_layout).
AREA_INDEX_AT = 4 + 4 + 1 + 4


def damaged(layout: bytes) -> bytes:
    """``layout`` with its first dock area's index far past the four areas Qt has."""
    assert layout_problem(layout, struct.unpack(">i", layout[4:8])[0]) is None
    return layout[:AREA_INDEX_AT] + struct.pack(">i", 0x40000) + layout[AREA_INDEX_AT + 4:]


def with_damaged_layout(document: dict) -> dict:
    layout = base64.b64decode(document["window"]["layout"])
    document["window"]["layout"] = base64.b64encode(damaged(layout)).decode("ascii")
    return document


@pytest.fixture(autouse=True)
def lasting_notices(monkeypatch):
    """The status bar keeps its notice (it goes after 10 s; a busy machine is slower)."""
    monkeypatch.setattr(main_window, "LAYOUT_NOTICE_MS", 0)


def test_a_session_with_a_damaged_layout_opens_with_the_usual_layout(qtbot, window, tmp_path):
    classroom = window.classroom
    path = tmp_path / "lesson.cvsession"
    window.model.set_expression("x^3 - x")
    qtbot.waitUntil(lambda: window.model.expression_text == "x^3 - x", timeout=10_000)
    assert classroom.save_session(path)
    path.write_text(json.dumps(with_damaged_layout(json.loads(path.read_text("utf-8")))),
                    encoding="utf-8")
    window.model.set_expression("x^2")
    qtbot.waitUntil(lambda: window.model.expression_text == "x^2", timeout=10_000)
    with qtbot.waitSignal(classroom.session_opened, timeout=15_000):
        assert classroom.open_session(path)
    assert window.model.expression_text == "x^3 - x"  # the work is there
    assert "layout" in window.statusBar().currentMessage()
    assert all(dock.isVisible() for dock in window.docks.values())
    assert close_messages(window) == []


@pytest.mark.xfail(strict=False, reason=(
    "flaky, open in issue 17: in about 1 run of 2 the recovered session's layout is never "
    "tried within 15 s (restore_layout not called with the session's version); not yet "
    "understood"))
def test_a_recovered_autosave_with_a_damaged_layout_is_released_before_it_is_tried(
        qtbot, isolated, monkeypatch, tmp_path):
    # A crash while trying the layout must not bring the same file back at the next start
    # (answering "Restore" crashed every start: a loop).
    first = open_window(qtbot)
    first.model.set_expression("sin(x) + x/3")
    qtbot.waitUntil(lambda: first.model.expression_text == "sin(x) + x/3", timeout=10_000)
    document = first.classroom.current_document()
    first.close()
    isolated.mkdir(parents=True, exist_ok=True)
    orphan = isolated / "autosave-1-deadbeef.json"  # its program is gone: no lock
    orphan.write_text(json.dumps(with_damaged_layout(document)), encoding="utf-8")
    monkeypatch.setenv(RESTORE_ANSWER_ENV, "yes")
    from visualizer.main_window import MainWindow

    seen_when_tried = []
    original = MainWindow.restore_layout

    def restore_layout(self, state, version=0):
        if version != SETTINGS_VERSION:  # the session's layout, not the settings' one
            seen_when_tried.append(orphan.exists())
        return original(self, state, version)

    monkeypatch.setattr(MainWindow, "restore_layout", restore_layout)
    second = open_window(qtbot)
    qtbot.waitUntil(lambda: second.model.expression_text == "sin(x) + x/3", timeout=15_000)
    qtbot.waitUntil(lambda: bool(seen_when_tried), timeout=15_000)
    assert seen_when_tried == [False]
    assert "layout" in second.statusBar().currentMessage()
    own = json.loads(second.classroom.store.path.read_text("utf-8"))
    assert own["model"]["expression"] == "sin(x) + x/3"  # the work lives on in ours
    assert close_messages(second) == []
    second.close()


def test_a_damaged_layout_in_the_settings_gives_the_usual_layout(qtbot, isolated, tmp_path):
    first = open_window(qtbot)
    first.close()  # writes the settings, its layout among them
    import os

    from PySide6.QtCore import QByteArray, QSettings

    from visualizer.app import SETTINGS_ENV

    settings = QSettings(os.environ[SETTINGS_ENV], QSettings.Format.IniFormat)
    layout = bytes(settings.value("windowState"))
    assert layout_problem(layout, SETTINGS_VERSION) is None
    settings.setValue("windowState", QByteArray(damaged(layout)))
    settings.sync()
    second = open_window(qtbot)
    assert "layout" in second.statusBar().currentMessage()
    assert all(dock.isVisible() for dock in second.docks.values())
    second.close()


def test_the_layout_check_refuses_what_qt_did_not_write():
    # Saved by Qt 6 for four docks: two tabbed on the right, one floating.
    header = struct.pack(">ii", 0xFF, 0) + bytes([0xFD]) + struct.pack(">i", 1)
    dock = (bytes([0xFB]) + struct.pack(">I", 4) + "d0".encode("utf-16-be") + bytes([1])
            + struct.pack(">iiii", 0, 100, 50, 16_777_215))
    area = (struct.pack(">i", 1) + struct.pack(">ii", 300, 600) + bytes([0xFC, 2])
            + struct.pack(">i", 1) + dock)
    tail = struct.pack(">ii", 800, 600) + struct.pack(">iiii", 4, 4, 8, 8)
    layout = header + area + tail
    assert layout_problem(layout) is None
    assert layout_problem(layout, 2) == "another version"
    assert layout_problem(layout[:-3]).startswith("ends early")
    assert layout_problem(layout + b"\0") is not None  # bytes left over
    assert layout_problem(damaged(layout)) is not None
    assert layout_problem(layout.replace(bytes([0xFC, 2]), bytes([0xFC, 3]))) is not None
    assert layout_problem(b"") == "empty"
    deep = header + struct.pack(">i", 1) + struct.pack(">ii", 1, 1)
    deep += (bytes([0xFC, 1]) + struct.pack(">i", 1) + bytes([0xFC]) + bytes(16)) * 50
    assert "nested" in layout_problem(deep)
