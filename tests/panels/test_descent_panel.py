"""The descent lab as a learner drives it: keys, buttons, fields, the plots, the table, the map."""

from __future__ import annotations

import math

import numpy as np
import pytest
from PySide6.QtCore import QPoint, Qt

from visualizer.core.lr_map import cell_settings
from visualizer.core.optimizers import descend


@pytest.fixture
def descent_model(qtbot, model):
    with qtbot.waitSignal(model.expression_changed, timeout=15_000):
        model.set_expression("x^2")
    yield model
    model.descent.pause()
    model.descent.cancel_map()


@pytest.fixture
def panel(qtbot, descent_model):
    from visualizer.panels.descent_panel import DescentPanel

    widget = DescentPanel(descent_model)
    qtbot.addWidget(widget)
    widget.resize(1200, 700)
    widget.show()
    qtbot.waitExposed(widget)
    widget.setFocus()
    return widget


def use_function(qtbot, model, text):
    with qtbot.waitSignal(model.expression_changed, timeout=15_000):
        model.set_expression(text)


def press(qtbot, widget, key):
    widget.setFocus()
    qtbot.keyClick(widget, key)


def test_space_steps_the_ball_by_minus_lr_times_the_slope(qtbot, panel):
    lab = panel.lab
    x0 = lab.start[0]
    lr = lab.runs[0].settings.lr
    with qtbot.waitSignal(lab.run_stepped):
        press(qtbot, panel, Qt.Key.Key_Space)
    run = lab.runs[0]
    x1 = run.points[-1, 0]
    assert x1 == pytest.approx(x0 - lr * 2 * x0, rel=1e-15)  # f'(x) = 2x
    ball = panel._run_items[0]["ball"]
    assert ball.isVisible()
    assert (ball.pos().x(), ball.pos().y()) == pytest.approx((x1, x1 * x1))
    trail_x, trail_y = panel._run_items[0]["trail"].getData()
    np.testing.assert_allclose(trail_x, [x0, x1])
    np.testing.assert_allclose(trail_y, [x0 * x0, x1 * x1])
    # The tangent at the new point and the next step's arrow −lr·f′(x).
    tx, ty = panel.tangent_item.getData()
    assert (ty[1] - ty[0]) / (tx[1] - tx[0]) == pytest.approx(2 * x1)
    ax, ay = panel.step_arrow_item.getData()
    assert ax[1] - ax[0] == pytest.approx(-lr * 2 * x1)
    assert panel.table_model.rowCount() == 2
    assert panel.table_model.index(1, 1).data() == f"{x1:.6g}"
    assert panel.step_label.text() == "k = 1"


def test_enter_runs_and_pauses_and_the_table_grows(qtbot, panel):
    lab = panel.lab
    lab.set_run_settings(0, lr=0.001, steps=100_000)
    lab.set_speed(300)
    with qtbot.waitSignal(lab.playing_changed):
        press(qtbot, panel, Qt.Key.Key_Return)
    assert panel.run_button.text() == "Pause"
    qtbot.waitUntil(lambda: lab.step_count >= 10, timeout=5000)
    with qtbot.waitSignal(lab.playing_changed):
        press(qtbot, panel, Qt.Key.Key_Return)
    assert not lab.playing and panel.run_button.text() == "Run"
    run = lab.runs[0]
    assert panel.table_model.rowCount() == run.count == lab.step_count + 1
    loss_steps, loss_values = panel._run_items[0]["loss"].getData()
    np.testing.assert_array_equal(loss_steps, np.arange(run.count))
    np.testing.assert_array_equal(loss_values, run.values)
    # R resets to the start.
    with qtbot.waitSignal(lab.runs_changed):
        press(qtbot, panel, Qt.Key.Key_R)
    assert lab.step_count == 0 and panel.table_model.rowCount() == 1


def test_run_button_runs_to_the_end_and_shows_the_stop_reason(qtbot, panel):
    lab = panel.lab
    lab.set_run_settings(0, lr=1.05)  # x^2 needs lr < 2/f'' = 1
    lab.set_speed(100_000)
    with qtbot.waitSignal(lab.playing_changed):
        qtbot.mouseClick(panel.run_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not lab.playing, timeout=10_000)
    run = lab.runs[0]
    assert run.status == "diverged"
    label = panel._run_items[0]["label"]
    assert label.isVisible() and label.toPlainText() == "diverged: learning rate too large"
    assert "lr must be below 2/f'' = 1" in panel.status_label.text()
    last = panel.table_model.rowCount() - 1
    assert panel.table_model.index(last, 0).data().startswith("■ diverged")
    assert panel.table.columnSpan(last, 0) == 5
    assert panel.table_model.rowCount() == run.count + 1


def test_a_bad_learning_rate_is_refused_by_the_field(qtbot, panel):
    lab = panel.lab
    field = panel.lr_field
    for text, words in (("-1", "positive"), ("abc", "not a number"), ("inf", "positive")):
        field.edit.setFocus()
        field.edit.selectAll()
        qtbot.keyClicks(field.edit, text)
        qtbot.keyClick(field.edit, Qt.Key.Key_Return)
        assert field.error.isVisible(), text
        assert words in field.error.text()
        assert lab.runs[0].settings.lr == 0.1
    assert lab.step_count == 0  # Enter in a field applies it, it does not run
    field.edit.selectAll()
    qtbot.keyClicks(field.edit, "0.25")
    with qtbot.waitSignal(lab.settings_changed):
        qtbot.keyClick(field.edit, Qt.Key.Key_Return)
    assert lab.runs[0].settings.lr == 0.25 and not field.error.isVisible()
    # Space typed in a field is text, not a step.
    qtbot.keyClick(field.edit, Qt.Key.Key_Space)
    assert lab.step_count == 0


def test_the_learning_rate_slider_is_logarithmic(qtbot, panel):
    with qtbot.waitSignal(panel.lab.settings_changed):
        panel.lr_slider.setValue(-200)
    assert panel.lab.runs[0].settings.lr == 0.01
    assert panel.lr_field.edit.text() == "0.01"
    with qtbot.waitSignal(panel.lab.settings_changed):
        panel.lr_slider.setValue(-50)
    assert panel.lab.runs[0].settings.lr == pytest.approx(10**-0.5, rel=1e-3)


def test_optimizer_choice_shows_its_own_settings(qtbot, panel):
    combo = panel.optimizer_combo
    with qtbot.waitSignal(panel.lab.settings_changed):
        combo.setCurrentIndex(combo.findData("adam"))
        combo.activated.emit(combo.currentIndex())
    assert panel.lab.runs[0].settings.optimizer == "adam"
    assert panel.hyper_fields["beta1"].isVisibleTo(panel)
    assert not panel.hyper_fields["momentum"].isVisibleTo(panel)
    field = panel.hyper_fields["beta2"]
    field.edit.setText("1.5")
    field.edit.editingFinished.emit()
    assert field.error.isVisible() and "beta2" in field.error.text()
    assert panel.lab.runs[0].settings.betas == (0.9, 0.999)
    field.edit.setText("0.99")
    field.edit.editingFinished.emit()
    assert panel.lab.runs[0].settings.betas == (0.9, 0.99)


def test_runs_get_distinct_colours_a_legend_and_loss_lines(qtbot, panel):
    qtbot.mouseClick(panel.add_run_button, Qt.MouseButton.LeftButton)
    panel.lab.set_run_settings(1, optimizer="momentum", lr=0.05)
    assert len(panel.lab.runs) == 2 and panel.run_list.count() == 2
    colours = {items["colour"] for items in panel._run_items}
    assert len(colours) == 2
    assert [label.text for _, label in panel.legend.items] == ["sgd, lr 0.1",
                                                               "momentum, lr 0.05"]
    press(qtbot, panel, Qt.Key.Key_Space)
    for items, run in zip(panel._run_items, panel.lab.runs, strict=True):
        np.testing.assert_array_equal(items["loss"].getData()[1], run.values)
    panel.log_check.setChecked(True)
    assert panel.loss_plot.getPlotItem().ctrl.logYCheck.isChecked()
    qtbot.mouseClick(panel.remove_run_button, Qt.MouseButton.LeftButton)
    assert len(panel.lab.runs) == 1 and len(panel.legend.items) == 1


def test_typed_and_double_clicked_start(qtbot, panel):
    field = panel.start_fields["x"]
    field.edit.setText("-2")
    with qtbot.waitSignal(panel.lab.start_changed):
        field.edit.editingFinished.emit()
    assert panel.lab.start == (-2.0,)
    assert panel.start_targets["curve"].pos().x() == -2.0
    assert panel.start_targets["curve"].pos().y() == 4.0
    field.edit.setText("nan")
    field.edit.editingFinished.emit()
    assert field.error.isVisible() and panel.lab.start == (-2.0,)
    # Double-click on the curve plot puts the start there.
    vb = panel.curve_plot.getPlotItem().vb
    scene = vb.mapViewToScene(pg_point(1.5, 2.0))
    where = panel.curve_plot.mapFromScene(scene)
    viewport = panel.curve_plot.viewport()
    with qtbot.waitSignal(panel.lab.start_changed):
        qtbot.mouseDClick(viewport, Qt.MouseButton.LeftButton, pos=where)
        # QTest's double-click ends on the double-click event; a real one has a release,
        # which is when pyqtgraph reports the click.
        qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=where)
    assert panel.lab.start[0] == pytest.approx(1.5, abs=0.05)


def pg_point(x, y):
    from PySide6.QtCore import QPointF

    return QPointF(x, y)


def test_two_variables_draw_the_path_and_the_descent_direction(qtbot, panel, descent_model):
    lab = panel.lab
    with qtbot.waitSignal(lab.scenario_changed, timeout=15_000):
        lab.apply_scenario("bowl")
    assert panel.stack.currentWidget() is panel.contour_plot
    assert panel.contour_lines.getData()[0].size > 0
    for _ in range(3):
        press(qtbot, panel, Qt.Key.Key_Space)
    run = lab.runs[0]
    xs, ys = panel._run_items[0]["trail"].getData()
    np.testing.assert_array_equal(np.column_stack([xs, ys]), run.points)
    ax, ay = panel.gradient_arrow_item.getData()
    (x, y), (gx, gy) = run.points[-1], run.gradients[-1]
    shaft = np.array([ax[1] - ax[0], ay[1] - ay[0]])
    assert (ax[0], ay[0]) == pytest.approx((x, y))
    np.testing.assert_allclose(shaft / np.linalg.norm(shaft), -np.array([gx, gy]) / math.hypot(gx, gy))
    assert panel.table_model.headers()[1] == "(x, y)"
    assert panel.start_fields["y"].isVisibleTo(panel)


def test_a_click_on_a_diverged_map_cell_replays_it(qtbot, panel):
    lab = panel.lab
    panel.tabs.setCurrentIndex(2)
    with qtbot.waitSignal(lab.map_running_changed, check_params_cb=lambda on: not on,
                          timeout=20_000):
        lab.start_map(size=(6, 4), steps=100, lr_range=(0.01, 5.0))
    result = lab.map_result
    image = panel.map_image.image
    assert image.shape[:2] == (4, 6)
    diverged = np.argwhere(result.status == 2)
    assert len(diverged)
    row, column = (int(v) for v in diverged[0])
    # Diverged cells are painted in the theme's error colour.
    assert tuple(image[row, column, :3]) == (0xc6, 0x28, 0x28)
    vb = panel.map_plot.getPlotItem().vb
    where = panel.map_plot.mapFromScene(vb.mapViewToScene(panel.map_cell_centre(row, column)))
    lab.set_speed(100_000)
    with qtbot.waitSignal(lab.playing_changed):
        qtbot.mouseClick(panel.map_plot.viewport(), Qt.MouseButton.LeftButton, pos=where)
    expected = cell_settings(result.spec, row, column)
    assert lab.runs[0].settings.lr == expected["lr"]
    assert lab.runs[0].settings.momentum == expected["momentum"]
    qtbot.waitUntil(lambda: not lab.playing, timeout=10_000)
    assert lab.runs[0].status == "diverged"
    single = descend(lab.sources, list(result.start), **expected)
    assert single["status"] == "diverged"


def test_the_map_button_computes_and_cancels(qtbot, panel):
    lab = panel.lab
    lab.set_run_settings(0, optimizer="adam", steps=5000, tol=0.0)
    with qtbot.waitSignal(lab.map_running_changed):
        qtbot.mouseClick(panel.map_button, Qt.MouseButton.LeftButton)
    assert panel.map_button.text() == "Cancel"
    with qtbot.waitSignal(lab.map_running_changed):
        qtbot.mouseClick(panel.map_button, Qt.MouseButton.LeftButton)
    assert panel.map_button.text() == "Compute map"
    qtbot.waitUntil(lambda: "Cancelled" in panel.map_info.text(), timeout=10_000)


def test_scenarios_set_function_start_and_runs(qtbot, panel, descent_model):
    combo = panel.scenario_combo
    with qtbot.waitSignal(panel.lab.scenario_changed, timeout=15_000):
        combo.setCurrentIndex(combo.findData("chapters_log"))
        combo.activated.emit(combo.currentIndex())
    assert descent_model.expression_text == "log(x^4 + x^3 + 2)"
    assert panel.lab.start == (-9.41,)
    assert panel.lr_field.edit.text() == "0.001"
    assert panel.hyper_fields["steps"].edit.text() == "5000"
    assert panel.note_label.isVisible() and "5000" in panel.note_label.text()
    # The curve is the new function over the scenario's range.
    xs, ys = panel.curve_item.getData()
    assert xs[0] == -10.0 and xs[-1] == 3.0
    np.testing.assert_allclose(ys, np.log(xs**4 + xs**3 + 2), rtol=1e-12)


def test_drag_of_the_start_moves_it(qtbot, panel):
    target = panel.start_targets["curve"]
    vb = panel.curve_plot.getPlotItem().vb
    start = panel.lab.start[0]
    begin = panel.curve_plot.mapFromScene(vb.mapViewToScene(target.pos()))
    end = panel.curve_plot.mapFromScene(vb.mapViewToScene(pg_point(start - 2.0, target.pos().y())))
    viewport = panel.curve_plot.viewport()
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=begin)
    steps = 8
    for i in range(1, steps + 1):
        point = begin + (end - begin) * (i / steps)
        qtbot.mouseMove(viewport, QPoint(int(point.x()), int(point.y())))
    with qtbot.waitSignal(panel.lab.start_changed, timeout=2000):
        qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=end)
    qtbot.waitUntil(lambda: abs(panel.lab.start[0] - (start - 2.0)) < 0.1, timeout=2000)


def test_keys_reach_the_lab_from_the_plots_but_not_from_the_fields(qtbot, panel):
    lab = panel.lab
    plot = panel.curve_plot
    qtbot.mouseClick(plot.viewport(), Qt.MouseButton.LeftButton)
    qtbot.keyClick(plot.viewport(), Qt.Key.Key_Space)
    assert lab.step_count == 1
    qtbot.keyClick(plot.viewport(), Qt.Key.Key_R)
    assert lab.step_count == 0
    qtbot.keyClick(plot.viewport(), Qt.Key.Key_Space)
    edit = panel.hyper_fields["steps"].edit
    edit.setFocus()
    qtbot.keyClick(edit, Qt.Key.Key_R)
    qtbot.keyClick(edit, Qt.Key.Key_Space)
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    assert lab.step_count == 1 and not lab.playing
    assert edit.text() == "500r "  # typed into the field, then refused by it
    assert panel.hyper_fields["steps"].error.isVisible()


def test_the_stop_reason_is_specific_in_chinese_too(qtbot, panel):
    # The short label is chosen from the run's English message; the shown sentence is
    # Chinese (a Chinese message matched against English words gave only "发散").
    from visualizer import i18n

    lab = panel.lab
    i18n.install_language("zh_CN")
    try:
        lab.set_run_settings(0, lr=1.05)
        lab.set_speed(100_000)
        with qtbot.waitSignal(lab.playing_changed):
            qtbot.mouseClick(panel.run_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: not lab.playing, timeout=10_000)
        specific = i18n.QCoreApplication.translate("DescentPanel",
                                                   "diverged: learning rate too large")
        assert specific != "diverged: learning rate too large"  # the catalogue has it
        assert panel._run_items[0]["label"].toPlainText() == specific
        assert panel.status_label.text().startswith(specific + " — ")
        assert "learning rate" not in panel.status_label.text()  # the sentence is Chinese
    finally:
        i18n.install_language("en")
