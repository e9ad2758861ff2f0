"""The main window as a user meets it: panels, typing, errors, themes, layout, settings."""

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDockWidget
from window_script import WINDOW_SCRIPT_START

from visualizer.app import create_main_window, open_settings


def type_formula(qtbot, window, text):
    editor = window.findChild(object, "functionEditor")
    edit = editor.formula_edit
    edit.setFocus()
    edit.selectAll()
    if text.isascii():
        qtbot.keyClicks(edit, text)
    else:  # QTest can only type ASCII; other characters arrive as a paste does
        edit.insertPlainText(text)
    return editor


def curve_data(window):
    plot = window.findChild(object, "secantPlot")
    return window.secant.curve.getData(), plot


def test_contract_object_names(window):
    assert window.objectName() == "mainWindow"
    for name in ("functionEditor", "secantPanel", "surfacePanel", "descentPanel", "secantPlot"):
        assert window.findChild(object, name) is not None, name
    assert hasattr(window, "model")
    docks = window.findChildren(QDockWidget)
    assert len(docks) == 4
    assert window.model.expression_text == "x^2"


def test_typing_updates_the_curve(qtbot, window):
    with qtbot.waitSignal(window.model.expression_changed, timeout=10_000):
        type_formula(qtbot, window, "x^3")
    (xs, ys), _ = curve_data(window)
    finite = np.isfinite(ys)
    np.testing.assert_allclose(ys[finite], xs[finite] ** 3, rtol=1e-9, atol=1e-9)
    assert window.model.expression_text == "x^3"


def test_bad_formula_shows_error_and_keeps_last_plot(qtbot, window):
    (xs_before, ys_before), _ = curve_data(window)
    editor = type_formula(qtbot, window, "sin(x")
    qtbot.waitUntil(lambda: editor.status_label.isVisible()
                    and "(" in editor.status_label.text(), timeout=10_000)
    assert "✗" in editor.status_label.text()
    assert editor.formula_edit.error_position() is not None
    (xs_after, ys_after), _ = curve_data(window)
    np.testing.assert_array_equal(ys_after, ys_before)
    assert window.model.expression_text == "x^2"


def test_enter_applies_at_once_and_undo_restores(qtbot, window):
    editor = window.editor
    editor.formula_edit.selectAll()
    qtbot.keyClicks(editor.formula_edit, "cos(x)")
    with qtbot.waitSignal(window.model.expression_changed, timeout=10_000):
        qtbot.keyClick(editor.formula_edit, Qt.Key.Key_Return)
    assert window.model.expression_text == "cos(x)"
    with qtbot.waitSignal(window.model.expression_changed, timeout=5_000):
        window.undo_action.trigger()
    assert window.model.expression_text == "x^2"
    assert editor.formula_edit.text() == "x^2"


def test_every_preset_plots(qtbot, window):
    from visualizer.core.presets import PRESETS

    for preset in PRESETS:
        if window.model.expression_text != preset.text:
            with qtbot.waitSignal(window.model.expression_changed, timeout=10_000):
                window.editor.choose_preset(preset.key)
        state = window.model.function
        assert state.text == preset.text
        if state.is_2d:
            z = window.surface.last_grid[2]
            assert np.isfinite(z).any(), preset.key
        else:
            (_, ys), _ = curve_data(window)
            assert np.isfinite(ys).sum() > 100, preset.key


def test_two_variable_function_draws_surface_and_explains_secant(qtbot, window):
    with qtbot.waitSignal(window.model.expression_changed, timeout=10_000):
        window.editor.choose_preset("bowl")
    assert window.secant.notice.isVisible()
    xs, ys, z = window.surface.last_grid
    i, j = len(xs) // 3, len(ys) // 4
    assert z[i, j] == pytest.approx(xs[i] ** 2 + xs[i] * ys[j] + ys[j] ** 2)


def test_themes_and_zoom(qtbot, window):
    window.set_theme("projector")
    assert window.theme.name == "projector"
    size = window.font().pointSizeF()
    window.zoom_in()
    assert window.font().pointSizeF() > size
    window.zoom_reset()
    assert window.font().pointSizeF() == pytest.approx(size)
    window.set_theme("dark")
    assert window.secant.plot.backgroundBrush().color().name() == "#1e1f22"


def test_layout_and_preferences_persist(qtbot, settings_file):
    first = create_main_window()
    qtbot.addWidget(first)
    first.show()
    qtbot.waitUntil(lambda: first.model.function is not None, timeout=15_000)
    first.set_theme("dark")
    with qtbot.waitSignal(first.model.expression_changed, timeout=10_000):
        first.model.set_expression("tanh(x)")
    first.docks["descent"].close()
    first.close()

    second = create_main_window()
    qtbot.addWidget(second)
    second.show()
    qtbot.waitUntil(lambda: second.model.expression_text == "tanh(x)", timeout=15_000)
    assert second.theme.name == "dark"
    assert not second.docks["descent"].isVisible()
    second.restore_default_layout()
    assert second.docks["descent"].isVisible()
    second.close()
    assert open_settings().value("theme") == "dark"


@pytest.mark.parametrize(
    "text, kind_words",
    [
        ("__import__('os').system('echo hi')", "not"),
        ("x.diff.__globals__", "."),
        ("9^9^9^9", "large"),
        ("х^2", "CYRILLIC"),
        ("((((((((((((((((((((((((((((((((((((((((((x))))))))))))))))))))))))))))))))))))))))))", "deep"),
        ("lambda: 1", "lambda"),
    ],
)
def test_hostile_input_gets_a_message_and_the_window_stays(qtbot, window, text, kind_words):
    editor = type_formula(qtbot, window, text)
    qtbot.waitUntil(lambda: editor.status_label.isVisible()
                    and editor.status_label.text().startswith("✗"), timeout=10_000)
    assert window.model.expression_text == "x^2"
    # Still responsive: a good function is accepted straight after.
    with qtbot.waitSignal(window.model.expression_changed, timeout=10_000):
        type_formula(qtbot, window, "x^4")
    assert not editor.status_label.isVisible()


def test_window_without_opengl_falls_back_and_says_so(tmp_path):
    import os
    import subprocess
    import sys

    script = tmp_path / "offscreen.py"
    script.write_text(
        "import sys\n"
        "import PySide6\n"
        "from PySide6.QtWidgets import QApplication\n"
        "from PySide6.QtCore import QTimer, QEventLoop\n"
        "from visualizer.app import create_main_window, prepare_application_attributes\n"
        "prepare_application_attributes()\n"
        "app = QApplication([])\n"
        "w = create_main_window()\n"
        "w.show()\n"
        "loop = QEventLoop()\n"
        "t = QTimer(interval=20)\n"
        "t.timeout.connect(lambda: w.model.function is not None and loop.quit())\n"
        "t.start(); QTimer.singleShot(20000, loop.quit); loop.exec()\n"
        "w.editor.choose_preset('saddle')\n"
        "t.timeout.disconnect(); t.timeout.connect(lambda: w.model.function.is_2d and loop.quit())\n"
        "QTimer.singleShot(20000, loop.quit); loop.exec()\n"
        "view = w.surface.view\n"
        "assert w.model.function.is_2d\n"
        "assert not view.is_3d\n"
        "assert 'unavailable' in view.notice_text\n"
        "assert w.surface.last_grid is not None\n"
        "w.close()\n"
        "print('fallback ok')\n"
    )
    from pathlib import Path

    root = str(Path(__file__).resolve().parents[2])
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=root,
               CALCULUS_VISUALIZER_SETTINGS=str(tmp_path / "s.ini"))
    result = subprocess.run([sys.executable, str(script)], capture_output=True, text=True,
                            env=env, timeout=120, cwd=str(tmp_path))
    assert result.returncode == 0, result.stderr[-2000:]
    assert "fallback ok" in result.stdout


def test_labs_share_tabs_and_the_fitting_lab_comes_forward(qtbot, window):
    assert window._is_front(window.docks["secant"])
    with qtbot.waitSignal(window.model.expression_changed, timeout=10_000):
        window.editor.choose_preset("saddle")
    qtbot.waitUntil(lambda: window._is_front(window.docks["surface"]), timeout=3_000)
    assert not window._is_front(window.docks["secant"])
    with qtbot.waitSignal(window.model.expression_changed, timeout=10_000):
        window.editor.choose_preset("cube")
    qtbot.waitUntil(lambda: window._is_front(window.docks["secant"]), timeout=3_000)


def test_all_labs_side_by_side(qtbot, window):
    window.arrange_side_by_side()
    qtbot.waitUntil(lambda: all(window._is_front(d) for d in window.docks.values()),
                    timeout=3_000)


def test_labs_behind_a_tab_skip_the_redraw_and_catch_up_when_shown(qtbot, window):
    descent, surface = window.descent, window.surface
    window.docks["descent"].raise_()
    qtbot.waitUntil(lambda: window._is_front(window.docks["descent"]), timeout=3_000)
    with qtbot.waitSignal(window.model.expression_changed, timeout=10_000):
        window.model.set_expression("x^2 + 2y^2")
    # The descent lab is in front and drew the new function; the surface lab is behind.
    xs, ys, z = descent._contour_grid
    assert z[3, 5] == pytest.approx(xs[3] ** 2 + 2 * ys[5] ** 2)
    assert surface._stale.stale and surface.last_grid is None
    window.docks["surface"].raise_()
    qtbot.waitUntil(lambda: not surface._stale.stale, timeout=3_000)
    xs, ys, z = surface.last_grid
    assert z[7, 2] == pytest.approx(xs[7] ** 2 + 2 * ys[2] ** 2)
    assert surface.readout["gradient"] == pytest.approx(
        (2 * window.model.point[0], 4 * window.model.point[1]))
    # Now the descent lab is behind: a new function reaches it when it is shown again.
    with qtbot.waitSignal(window.model.expression_changed, timeout=10_000):
        window.model.set_expression("x^2 + 3y^2")
    assert descent._stale.stale
    window.docks["descent"].raise_()
    qtbot.waitUntil(lambda: not descent._stale.stale, timeout=3_000)
    xs, ys, z = descent._contour_grid
    assert z[3, 5] == pytest.approx(xs[3] ** 2 + 3 * ys[5] ** 2)
    trail_x, trail_y = descent._run_items[0]["trail"].getData()
    assert (trail_x[0], trail_y[0]) == pytest.approx(descent.lab.start)


def test_f1_lists_every_shortcut_from_the_menus(qtbot, window):
    rows = dict((text, keys) for keys, text in window.shortcut_rows())
    assert "Ctrl+Z" in rows["Undo"] or rows.get("Undo", "").startswith("Ctrl+Z")
    assert "F5" in " ".join(rows.values())
    assert any("Space" in keys for keys in rows.values())
    window.show_shortcuts()
    sheet = window.findChild(object, "shortcutsSheet")
    qtbot.waitUntil(lambda: sheet.isVisible(), timeout=3_000)
    assert "Ctrl+Shift+Z" in sheet.text() and "sigmoid" in sheet.text()
    sheet.close()


def test_derivative_lab_behind_a_tab_catches_up_when_shown(qtbot, window):
    secant = window.secant
    window.docks["descent"].raise_()
    qtbot.waitUntil(lambda: window._is_front(window.docks["descent"]), timeout=3_000)
    with qtbot.waitSignal(window.model.expression_changed, timeout=10_000):
        window.model.set_expression("x^3")
    assert secant._stale.stale
    window.docks["secant"].raise_()
    qtbot.waitUntil(lambda: not secant._stale.stale, timeout=3_000)
    xs, ys = secant.curve.getData()
    finite = np.isfinite(ys)
    np.testing.assert_allclose(ys[finite], xs[finite] ** 3, rtol=1e-9, atol=1e-9)
    view = secant.limit_view
    qtbot.waitUntil(lambda: view.last_table is not None
                    and view.last_table.rows[0].forward == pytest.approx(
                        ((window.model.x0 + 0.1) ** 3 - window.model.x0 ** 3) / 0.1), timeout=3_000)


def test_editor_typesets_the_new_functions_derivatives(qtbot, window):
    editor = window.editor
    with qtbot.waitSignal(window.model.expression_changed, timeout=10_000):
        window.model.set_expression("x^3 + x")
    state = window.model.function
    # Typesetting waits a moment (it would slow the panels' redraw), then follows.
    qtbot.waitUntil(lambda: [label.latex for label in editor.formula_labels[:3]]
                    == [state.latex("f"), state.latex("df"), state.latex("d2f")], timeout=3_000)
    assert not editor.formula_labels[3].isVisibleTo(editor)


def _inside_a_menu(widget) -> bool:
    from PySide6.QtWidgets import QMenu

    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QMenu):
            return True
        parent = parent.parentWidget()
    return False


def test_every_control_has_a_tooltip_and_an_accessible_name(qtbot, window):
    from PySide6.QtWidgets import (
        QAbstractButton,
        QAbstractSpinBox,
        QComboBox,
        QLineEdit,
        QPlainTextEdit,
        QSlider,
        QTabBar,
    )

    window.arrange_side_by_side()
    controls = []
    for kind in (QAbstractButton, QComboBox, QAbstractSpinBox, QLineEdit, QSlider, QPlainTextEdit):
        controls += window.findChildren(kind)
    # Qt's own parts (dock title buttons, tab scroll arrows, editors inside spin boxes),
    # and pyqtgraph's own context menus (children of the panels since they own them).
    ours = [c for c in controls if not c.objectName().startswith("qt_")
            and not isinstance(c.parent(), (QAbstractSpinBox, QComboBox, QTabBar))
            and not _inside_a_menu(c)]
    assert len(ours) > 40
    lacking = [(type(c).__name__, c.objectName()) for c in ours
               if not c.toolTip() or not (c.accessibleName()
                                          or (isinstance(c, QAbstractButton) and c.text()))]
    assert lacking == []


def test_the_window_shows_before_the_labs_are_built(qtbot, settings_file):
    win = create_main_window()
    qtbot.addWidget(win)
    # Nothing heavy before the window is on screen: placeholders hold the labs' docks.
    assert win.findChild(object, "secantPanel") is None
    assert len(win.findChildren(object, "labPlaceholder")) == 3
    win.show()
    qtbot.waitUntil(lambda: win.labs_ready, timeout=20_000)
    for name in ("secantPanel", "surfacePanel", "descentPanel", "secantPlot"):
        assert win.findChild(object, name) is not None, name
    qtbot.waitUntil(lambda: not win.findChildren(object, "labPlaceholder"), timeout=3_000)
    assert [win.docks[key].widget() for key in ("secant", "surface", "descent")] == [
        win.secant, win.surface, win.descent]
    qtbot.waitUntil(lambda: win.model.function is not None, timeout=15_000)
    (xs, ys), _ = curve_data(win)
    np.testing.assert_allclose(ys[np.isfinite(ys)], xs[np.isfinite(ys)] ** 2)
    win.close()


OUTLIVED_WINDOW = WINDOW_SCRIPT_START + r'''
window.close()
del window
gc.collect()  # the window goes with the garbage collector; the application stays
for _ in range(50):
    app.processEvents()
print("done")
'''


def test_a_window_deleted_before_the_application_leaves_no_tracebacks(settings_file,
                                                                      monkeypatch):
    # Its parts' event filters were called with their attributes gone:
    # "Error calling Python override of QObject::eventFilter()" (StaleWhileHidden,
    # ClassroomController) at exit.
    import subprocess
    import sys
    from pathlib import Path

    monkeypatch.setenv("CALCULUS_VISUALIZER_RESTORE", "no")
    result = subprocess.run([sys.executable, "-c", OUTLIVED_WINDOW], capture_output=True,
                            text=True, timeout=120, cwd=Path(__file__).resolve().parents[2])
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip() == "done"
    assert "Traceback" not in result.stderr, result.stderr[-2000:]
