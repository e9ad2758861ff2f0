"""The labs on a projector's screen: 1024 × 768 with the projector theme's large type.

The window must not grow past the screen, and each lab's main plot keeps most of the
height: the tabs under the derivative lab's plots fold to their bar, the descent lab's
side tabs go under its plots, the controls wrap onto more rows.
"""

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication

from visualizer.app import SETTINGS_ENV, create_main_window

SCREEN = (1024, 768)
#: A lab in a 1024-pixel window beside the function editor (or the lesson) gets about this.
NARROW_LAB = 480


@pytest.fixture
def window(qtbot, tmp_path, monkeypatch):
    monkeypatch.setenv(SETTINGS_ENV, str(tmp_path / "settings.ini"))
    # The theme sets the application's font: the next test starts from the default one,
    # as a program does (widgets made under the large font size themselves for it).
    font, palette = QApplication.font(), QApplication.palette()
    win = create_main_window()
    qtbot.addWidget(win)
    win.set_theme("projector")
    win.resize(*SCREEN)
    win.show()
    qtbot.waitExposed(win)
    qtbot.waitUntil(lambda: win.model.function is not None, timeout=15_000)
    win.build_labs()
    yield win
    win.close()
    QApplication.setFont(font)
    QApplication.setPalette(palette)


def _show_lab(qtbot, window, key):
    window.docks[key].raise_()
    panel = getattr(window, key)
    window.resize(*SCREEN)
    qtbot.waitUntil(lambda: panel.isVisible() and panel.height() > 300, timeout=5_000)
    return panel


def test_the_derivative_lab_fits_and_its_plot_has_the_height(qtbot, window):
    panel = _show_lab(qtbot, window, "secant")
    assert panel.minimumSizeHint().width() <= NARROW_LAB
    qtbot.waitUntil(lambda: window.width() <= SCREEN[0] and window.height() <= SCREEN[1],
                    timeout=5_000)
    # Short for its type: the tabs under the plots show only their bar.
    qtbot.waitUntil(lambda: not panel.lower_open, timeout=5_000)
    assert panel.tabs.height() <= panel.tabs.tabBar().sizeHint().height() + 12
    qtbot.waitUntil(lambda: panel.plot.height() >= 0.45 * panel.height(), timeout=5_000)
    # Every control is still on screen, inside the panel.
    for control in (panel.play_button, panel.step_buttons[-1], panel.shade_box,
                    panel.taylor_order_label, panel.lower_toggle):
        corner = control.mapTo(panel, QPoint(control.width(), control.height()))
        assert control.isVisible() and corner.x() <= panel.width() and corner.y() <= panel.height()


def test_the_descent_lab_fits_and_its_plots_have_the_height(qtbot, window):
    panel = _show_lab(qtbot, window, "descent")
    assert panel.minimumSizeHint().width() <= NARROW_LAB
    qtbot.waitUntil(lambda: window.width() <= SCREEN[0] and window.height() <= SCREEN[1],
                    timeout=5_000)
    # Too narrow for the runs beside the plots: they go under them, folded to their bar.
    assert panel.splitter.orientation() == Qt.Orientation.Vertical
    qtbot.waitUntil(lambda: not panel.folder.is_open, timeout=5_000)
    line = panel.fontMetrics().height()
    qtbot.waitUntil(lambda: panel.curve_plot.height() >= 0.4 * panel.height(), timeout=5_000)
    # The loss plot keeps room for its axis: several lines of text, not a sliver.
    assert panel.loss_plot.height() >= 5 * line


def test_the_descent_lab_keeps_its_runs_beside_the_plots_when_wide(qtbot, window):
    panel = _show_lab(qtbot, window, "descent")
    window.resize(1900, 1000)
    window.resizeDocks([window.docks["descent"]], [1400], Qt.Orientation.Horizontal)
    qtbot.waitUntil(lambda: panel.width() > 1000, timeout=5_000)
    assert panel.splitter.orientation() == Qt.Orientation.Horizontal
    assert panel.folder.is_open and not panel.folder.button.isVisible()
    # The runs' settings get their width: no horizontal scroll bar.
    qtbot.waitUntil(lambda: not panel.runs_scroller.horizontalScrollBar().isVisible(),
                    timeout=5_000)


def test_the_toggle_and_the_tabs_fold_and_open_the_lower_area(qtbot, window):
    panel = _show_lab(qtbot, window, "secant")
    qtbot.waitUntil(lambda: not panel.lower_open, timeout=5_000)
    pages = panel.tabs.currentWidget()
    qtbot.waitUntil(lambda: panel.plot.height() >= 0.45 * panel.height(), timeout=5_000)
    folded_height = panel.plot.height()
    assert not pages.isVisible()
    # A click on a tab opens the area, though the panel is short: the user asked.
    bar = panel.tabs.tabBar()
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(1).center())
    qtbot.waitUntil(lambda: panel.lower_open and panel.tabs.currentIndex() == 1, timeout=5_000)
    qtbot.waitUntil(lambda: panel.points_table.isVisible(), timeout=5_000)
    qtbot.waitUntil(lambda: panel.plot.height() < folded_height - 40, timeout=5_000)
    # The button folds it again and the plot gets the height back.
    qtbot.mouseClick(panel.lower_toggle, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not panel.lower_open and not panel.points_table.isVisible(),
                    timeout=5_000)
    qtbot.waitUntil(lambda: panel.plot.height() >= folded_height - 2, timeout=5_000)
    # Tall again: the user's choice (folded) is kept; opened, a click on the current tab
    # folds it.
    window.resize(1900, 1400)
    qtbot.waitUntil(lambda: panel.height() > 1100, timeout=5_000)
    assert not panel.lower_open
    panel.lower_toggle.setFocus()
    qtbot.keyClick(panel.lower_toggle, Qt.Key.Key_Space)  # keyboard operable too
    qtbot.waitUntil(lambda: panel.lower_open and panel.points_table.isVisible(), timeout=5_000)
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(bar.currentIndex()).center())
    qtbot.waitUntil(lambda: not panel.lower_open, timeout=5_000)


def test_the_fold_button_is_named_and_explained(window):
    for button in (window.secant.lower_toggle, window.descent.folder.button):
        assert button.toolTip() and button.accessibleName()
