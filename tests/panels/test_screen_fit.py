"""The main window fits the screen it opens on: first start, and a remembered geometry."""

import pytest
from PySide6.QtCore import QRect, QSettings

from visualizer.app import create_main_window
from visualizer.widgets.screen_fit import first_geometry


@pytest.mark.parametrize("screen, expected", [
    (QRect(0, 0, 1366, 768), QRect(54, 30, 1257, 707)),    # a laptop: 92 %, centred
    (QRect(0, 0, 1024, 768), QRect(41, 30, 942, 707)),     # a projector
    (QRect(0, 0, 2560, 1440), QRect(480, 220, 1600, 1000)),  # large: the designed size
    (QRect(1920, 24, 1366, 744), QRect(1974, 54, 1257, 684)),  # second screen, a top bar
])
def test_a_first_window_takes_a_share_of_the_screen_centred(screen, expected):
    assert first_geometry(screen) == expected
    assert screen.contains(first_geometry(screen))


def open_main_window(qtbot):
    window = create_main_window()
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def test_the_first_start_opens_inside_the_screen(qtbot, settings_file):
    window = open_main_window(qtbot)
    available = window.screen().availableGeometry()
    assert window.geometry() == first_geometry(available)
    assert available.contains(window.frameGeometry())
    window.close()


def test_a_remembered_window_larger_than_the_screen_comes_back_inside(qtbot, settings_file):
    first = open_main_window(qtbot)
    available = first.screen().availableGeometry()
    first.setGeometry(QRect(available.left() + 400, available.top() + 300,
                            available.width() + 600, available.height() + 400))
    first.close()  # saves the geometry: a larger screen's window, half off this one
    assert QSettings(str(settings_file), QSettings.Format.IniFormat).value("geometry")

    second = open_main_window(qtbot)
    assert available.contains(second.geometry())
    assert second.width() > available.width() - 50  # as large as the screen allows
    second.close()
