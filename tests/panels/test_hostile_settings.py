"""Any value of any setting in the settings file lets the program start (with defaults)."""

import pytest

from visualizer.app import create_main_window
from visualizer.settings_values import setting_flag, setting_number, setting_text, setting_texts

#: Values a hand-edited or damaged settings file may hold, in its own INI syntax.
HOSTILE_VALUES = [
    "abc", "", "nan", "inf", "-inf", "1e400", "-1e308", "@Point(1 2)", "@Rect(0 0 -5 -5)",
    "@ByteArray(\\0\\xff\\xfe)", "@Variant(\\0\\0\\0\\x2\\0\\0\\0\\x5)", "a, b, c", "1, 2",
    "x" * 2000, "\\xff\\xfe", "@Size(99999999 99999999)", "true", "-0",
]
KEYS = ["scale", "theme", "language", "x_range", "y_range", "expression", "geometry",
        "windowState"]
CLASSROOM_KEYS = ["recentSessions", "lessonFiles", "pointerHighlight"]


def hostile_file(round_: int) -> str:
    """Every key with a hostile value; the rounds together give each key many of them."""
    keys = [*KEYS, *CLASSROOM_KEYS]
    values = {key: HOSTILE_VALUES[(round_ * 5 + index * 7) % len(HOSTILE_VALUES)]
              for index, key in enumerate(keys)}
    if round_ == 0:
        values["scale"] = "abc"  # this one stopped every start (ValueError)
    return ("[General]\n" + "".join(f"{key}={values[key]}\n" for key in KEYS)
            + "[classroom]\n" + "".join(f"{key}={values[key]}\n" for key in CLASSROOM_KEYS))


@pytest.mark.parametrize("round_", range(3))
def test_every_setting_survives_any_value(qtbot, settings_file, monkeypatch, round_):
    monkeypatch.setenv("CALCULUS_VISUALIZER_RESTORE", "no")
    settings_file.write_text(hostile_file(round_), encoding="utf-8")
    window = create_main_window()
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.model.function is not None, timeout=15_000)
    assert 0.5 <= window.theme.scale <= 3
    assert window.model.expression_text  # a function is shown (the default one at worst)
    low, high = window.model.x_range
    assert -1e6 <= low < high <= 1e6
    assert window.classroom.recent_sessions() is not None
    window.close()


def test_the_readers_turn_anything_into_the_wanted_kind():
    assert setting_number("abc", 1.0) == 1.0
    assert setting_number("2.5", 1.0, 0.5, 3) == 2.5
    assert setting_number(["1.5"], 1.0) == 1.5
    assert setting_number("nan", 1.0) == setting_number("1e400", 1.0) == 1.0
    assert setting_number(object(), 1.0) == setting_number(True, 1.0) == 1.0
    assert setting_number("9", 1.0, 0.5, 3) == 1.0
    assert setting_text(["dark"], "light") == "dark"
    assert setting_text(["a", "b"], "light") == setting_text(b"x", "light") == "light"
    assert setting_text("x" * 600, "", 500) == ""
    assert setting_texts("one") == ["one"]
    assert setting_texts(["a", 5, "", None, "b"]) == ["a", "b"]
    assert setting_texts(5) == setting_texts(None) == []
    assert setting_flag("False", True) is False and setting_flag("1", False) is True
    assert setting_flag("maybe", True) is True


def test_a_settings_file_that_is_a_fifo_or_huge_is_left_alone(tmp_path, monkeypatch):
    # QSettings reads the whole file as it is made: a FIFO held the start for good.
    import os
    import threading

    from visualizer.app import MAX_SETTINGS_BYTES, SETTINGS_ENV, open_settings

    fifo = tmp_path / "settings.ini"
    os.mkfifo(fifo)
    huge = tmp_path / "huge.ini"
    huge.write_bytes(b"[General]\nscale=2\n" + b"#" * (MAX_SETTINGS_BYTES + 1))
    for path in (fifo, huge):
        monkeypatch.setenv(SETTINGS_ENV, str(path))
        opened = []
        reader = threading.Thread(target=lambda found: found.append(open_settings().fileName()),
                                  args=(opened,), daemon=True)
        reader.start()
        reader.join(10)
        if reader.is_alive():
            with open(fifo, "wb"):  # let the stuck reader go, then fail
                pass
        assert len(opened) == 1 and opened[0] != str(path), path
