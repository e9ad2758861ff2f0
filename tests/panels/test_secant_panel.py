"""The derivative lab driven as a learner drives it: drags, keys, buttons, presets."""

import math

import numpy as np
import pytest
from PySide6.QtCore import QPoint, QPointF, Qt

from visualizer.panels.secant_panel import MIN_GAP_PX, SecantPanel


@pytest.fixture
def panel(qtbot, model):
    with qtbot.waitSignal(model.expression_changed, timeout=15_000):
        model.set_expression("x^2")
    widget = SecantPanel(model)
    qtbot.addWidget(widget)
    widget.resize(560, 800)
    widget.show()
    qtbot.waitExposed(widget)
    yield widget
    widget.player.stop()
    model.service.replied.disconnect(widget._on_reply)


def use(qtbot, model, text, points=False):
    if model.expression_text != text:
        with qtbot.waitSignal(model.expression_changed, timeout=15_000):
            model.set_expression(text)
    if points:
        qtbot.waitUntil(lambda: model.critical_points is not None, timeout=15_000)


def data_point(panel, x, y) -> QPoint:
    """Where the data point (x, y) is on secantPlot's viewport."""
    return panel._viewport_position(x, y).toPoint()


def slope_of(item):
    xs, ys = item.getData()
    return (ys[-1] - ys[0]) / (xs[-1] - xs[0])


def pixel(panel):
    return panel.plot.getViewBox().viewPixelSize()[0]


# -- dragging ------------------------------------------------------------------------------


def test_dragging_p_changes_h_and_moves_the_secant(qtbot, panel, model):
    model.set_x0(1.0)
    model.set_h(1.0)
    viewport = panel.plot.viewport()
    start = panel.handle_position("P").toPoint()
    target = data_point(panel, 1.5, 2.25)
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseMove(viewport, pos=(start + target) / 2)
    qtbot.mouseMove(viewport, pos=target)
    qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=target)
    assert model.h == pytest.approx(0.5, abs=2 * pixel(panel))
    assert model.x0 == 1.0
    # The secant goes through P0 and P, with slope (f(1 + h) - f(1)) / h = 2 + h.
    assert slope_of(panel.secant) == pytest.approx(2 + model.h, rel=1e-9)
    xs, ys = panel.secant.getData()
    assert ys[0] == pytest.approx(1 + (2 + model.h) * (xs[0] - 1), rel=1e-9, abs=1e-9)
    assert panel.handle_point("P") == pytest.approx((1 + model.h, (1 + model.h) ** 2))
    # The triangle's run is h and its rise f(x0 + h) - f(x0).
    tx, ty = panel.triangle.getData()
    assert tx[1] - tx[0] == pytest.approx(model.h)
    assert ty[2] - ty[1] == pytest.approx((1 + model.h) ** 2 - 1)
    # One drag is one undo step.
    model.undo_stack.undo()
    assert model.h == 1.0


def test_p_stops_short_of_p0_and_the_readout_states_the_limit(qtbot, panel, model):
    model.set_x0(1.0)
    model.set_h(1.0)
    viewport = panel.plot.viewport()
    start = panel.handle_position("P").toPoint()
    onto_p0 = data_point(panel, 1.0, 1.0)
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseMove(viewport, pos=onto_p0)
    qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=onto_p0)
    gap = MIN_GAP_PX * pixel(panel)
    assert model.h == pytest.approx(gap, rel=1e-6)  # never 0: a few pixels to the right
    assert model.h > 0
    text = panel.quotient_formula.plain_text()
    assert "tending to 2" in text
    # The secant and the tangent have (almost) merged.
    assert slope_of(panel.secant) == pytest.approx(2.0, abs=2 * gap)
    assert slope_of(panel.tangent) == pytest.approx(2.0)
    # Dragging on, past P0, puts P on the left side.
    left = data_point(panel, 0.5, 0.25)
    start = panel.handle_position("P").toPoint()
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseMove(viewport, pos=left)
    qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=left)
    assert model.h == pytest.approx(-0.5, abs=2 * pixel(panel))


def test_the_final_position_of_a_fast_drag_is_never_lost(qtbot, panel, model):
    model.set_x0(1.0)
    model.set_h(1.0)
    viewport = panel.plot.viewport()
    start = panel.handle_position("P").toPoint()
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=start)
    # A burst of moves with no time for the event loop in between: they coalesce.
    for step in range(1, 30):
        qtbot.mouseMove(viewport, pos=start + QPoint(step * 3, 0))
    qtbot.waitUntil(lambda: panel.dragger._pending is None, timeout=2_000)
    last_move_x = panel.plot.getViewBox().mapSceneToView(
        panel.plot.mapToScene(start + QPoint(29 * 3, 0))).x()
    assert model.x0 + model.h == pytest.approx(last_move_x, abs=1e-9)
    # The release position wins even when it arrives straight after other moves.
    end = data_point(panel, 2.6, 2.6 ** 2)
    qtbot.mouseMove(viewport, pos=start)
    qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=end)
    released_x = panel.plot.getViewBox().mapSceneToView(panel.plot.mapToScene(end)).x()
    assert model.x0 + model.h == pytest.approx(released_x, abs=1e-9)
    assert panel.dragger.dragging is None


def test_dragging_p0_changes_x0_and_snaps_to_a_kink(qtbot, panel, model):
    use(qtbot, model, "|x|")
    model.set_x0(1.0)
    model.set_h(0.5)
    viewport = panel.plot.viewport()
    start = panel.handle_position("P0").toPoint()
    near_kink = data_point(panel, 0.0, 0.0) + QPoint(3, 0)  # 3 px off: snaps onto 0
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseMove(viewport, pos=near_kink)
    qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=near_kink)
    assert model.x0 == 0.0
    assert model.h == 0.5
    # At the kink: two half-tangents with slopes -1 and +1, no tangent line.
    assert slope_of(panel.left_tangent) == pytest.approx(-1.0)
    assert slope_of(panel.right_tangent) == pytest.approx(1.0)
    assert len(panel.tangent.getData()[0]) == 0
    assert "not differentiable" in panel.note.text()
    assert "sign(0) = 0" in panel.note.text()
    view = panel.limit_view
    qtbot.waitUntil(lambda: view.last_table.x0 == 0.0, timeout=2_000)  # throttled
    assert (view.last_table.left, view.last_table.right) == (-1.0, 1.0)
    assert view.last_table.exact is None


def test_pressing_off_the_handles_leaves_them_alone(qtbot, panel, model):
    model.set_x0(1.0)
    model.set_h(1.0)
    far = data_point(panel, -3.0, 20.0)
    qtbot.mouseClick(panel.plot.viewport(), Qt.MouseButton.LeftButton, pos=far)
    assert (model.x0, model.h) == (1.0, 1.0)


# -- keyboard ------------------------------------------------------------------------------


def test_keyboard_selects_and_moves_both_points(qtbot, panel, model):
    model.set_x0(1.0)
    model.set_h(1.0)
    plot = panel.plot
    panel.activateWindow()
    qtbot.waitActive(panel)
    plot.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(plot.hasFocus)
    assert panel._selected == "P0"
    low, high = panel._visible_x()
    step = (high - low) / 100
    qtbot.keyClick(plot, Qt.Key.Key_Right)
    assert model.x0 == pytest.approx(1.0 + step, abs=1e-9)
    assert model.h == 1.0
    qtbot.keyClick(plot, Qt.Key.Key_Tab)
    assert panel._selected == "P"
    qtbot.keyClick(plot, Qt.Key.Key_Left)
    assert model.h == pytest.approx(1.0 - step, abs=1e-9)
    qtbot.keyClick(plot, Qt.Key.Key_Left, Qt.KeyboardModifier.ShiftModifier)
    assert model.h == pytest.approx(1.0 - 1.1 * step, abs=1e-9)
    # Steps towards P0 stop a few pixels short of it; the next one crosses to the left.
    gap = MIN_GAP_PX * pixel(panel)
    for _ in range(20):
        if model.h <= gap * (1 + 1e-9):
            break
        qtbot.keyClick(plot, Qt.Key.Key_Left)
    assert model.h == pytest.approx(gap, rel=1e-6)
    qtbot.keyClick(plot, Qt.Key.Key_Left)
    assert model.h == pytest.approx(-gap, rel=1e-6)
    qtbot.keyClick(plot, Qt.Key.Key_PageDown)
    assert model.h == pytest.approx(-gap / 10, rel=1e-6)
    # Shift+Tab goes back to P0; Tab on P leaves the plot.
    qtbot.keyClick(plot, Qt.Key.Key_Backtab)
    assert panel._selected == "P0"


# -- animation and step buttons --------------------------------------------------------------


def test_the_animation_reaches_small_h_and_stops(qtbot, panel, model):
    model.set_x0(1.0)
    model.set_h(1.0)
    panel.speed_box.setCurrentIndex(panel.speed_box.findData(4.0))
    seen = []
    model.h_changed.connect(seen.append)
    qtbot.mouseClick(panel.play_button, Qt.MouseButton.LeftButton)
    assert panel.player.running
    qtbot.waitUntil(lambda: not panel.player.running, timeout=5_000)
    assert model.h == pytest.approx(1e-6)
    assert len(seen) > 20  # many frames, not a jump
    assert all(a >= b for a, b in zip(seen, seen[1:], strict=False))
    assert slope_of(panel.secant) == pytest.approx(2.0, abs=1e-5)
    assert "towards 0" in panel.play_button.toolTip()
    # From the left: h ends negative.
    panel.side_box.setCurrentIndex(panel.side_box.findData("left"))
    model.set_h(0.5)
    qtbot.mouseClick(panel.play_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not panel.player.running, timeout=5_000)
    assert model.h == pytest.approx(-1e-6)


def test_pause_and_step_buttons(qtbot, panel, model):
    model.set_h(1.0)
    qtbot.mouseClick(panel.play_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: model.h < 0.9, timeout=3_000)
    qtbot.mouseClick(panel.play_button, Qt.MouseButton.LeftButton)  # pause
    assert not panel.player.running
    paused_at = model.h
    qtbot.wait(50)
    assert model.h == paused_at
    button = panel.findChild(type(panel.play_button), "secantStep2")
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert model.h == 0.01
    assert not panel.player.has_animation


# -- the limit table -------------------------------------------------------------------------


def test_limit_table_numbers_and_precision_switch(qtbot, panel, model):
    model.set_x0(1.0)
    view = panel.limit_view
    panel.tabs.setCurrentWidget(view)
    qtbot.waitUntil(lambda: view.last_table is not None and view.last_table.x0 == 1.0)
    table = view.last_table
    first = table.rows[0]
    assert first.h == 0.1
    assert first.forward == pytest.approx(2.1) and first.forward_error == pytest.approx(0.1)
    assert view.table.item(0, 1).text() == "2.1"
    assert view.table.rowCount() == 16
    # The plotted V is the table's forward errors.
    xs, ys = view.curves["forward"].getData()
    assert len(xs) == 16
    # float32 moves the bottom of the V and makes h = 1e-7 a round-off disaster.
    view.precision_box.setCurrentIndex(view.precision_box.findData("float32"))
    assert model.precision == "float32"
    table = view.last_table
    assert table.precision == "float32"
    row = next(r for r in table.rows if r.h == 1e-7)
    assert row.forward_error > 0.3
    assert "float32" in view.explanation.text()
    assert "ε" in view.precision_box.toolTip() or "rounded" in view.precision_box.toolTip()


# -- marked points, shading, f′ and f″ -------------------------------------------------------


def marker_positions(panel, kind):
    return sorted(spot.pos().x() for spot in panel.markers.points() if spot.data() == kind)


def test_stationary_and_inflection_points_of_sin_are_marked(qtbot, panel, model):
    model.set_x_range(-7.0, 7.0)
    use(qtbot, model, "sin(x)", points=True)
    qtbot.waitUntil(lambda: len(panel._marked) > 0, timeout=5_000)
    half = math.pi / 2
    assert marker_positions(panel, "maximum") == pytest.approx([-3 * half, half], abs=1e-9)
    assert marker_positions(panel, "minimum") == pytest.approx([-half, 3 * half], abs=1e-9)
    assert marker_positions(panel, "inflection") == pytest.approx(
        [-2 * math.pi, -math.pi, 0.0, math.pi, 2 * math.pi], abs=1e-9)
    # They are the model's points, and listed with their reasons.
    expected = sorted(p["x"] for p in model.critical_points["stationary_points"])
    listed = sorted(p.x for p in panel.points_table.points if p.kind != "inflection")
    assert listed == pytest.approx(expected)
    reasons = [panel.points_table.item(r, 3).text() for r in range(panel.points_table.rowCount())]
    assert any("+ → −" in text and "< 0" in text for text in reasons)  # a maximum
    # Clicking a marked point moves x0 there.
    x = half
    qtbot.mouseClick(panel.plot.viewport(), Qt.MouseButton.LeftButton,
                     pos=data_point(panel, x, 1.0))
    assert model.x0 == pytest.approx(half)
    assert "flat" in panel.note.text()


def test_a_kink_with_a_flat_side_is_marked_as_the_minimum_it_is(qtbot, panel, model):
    # relu(x) + x²: slope 0 just left of the kink, 1 right of it; f′ goes from − to +.
    model.set_x_range(-2.0, 2.0)
    use(qtbot, model, "relu(x) + x^2", points=True)
    qtbot.waitUntil(lambda: len(panel._marked) > 0, timeout=5_000)
    assert marker_positions(panel, "minimum") == pytest.approx([0.0], abs=1e-12)
    assert marker_positions(panel, "neither") == []
    row = next(r for r, p in enumerate(panel.points_table.points) if p.kind == "minimum")
    reason_text = panel.points_table.item(row, 3).text()
    assert "− → +" in reason_text and "kink" in reason_text


def test_cubic_points_shading_and_lower_plots(qtbot, panel, model):
    model.set_x_range(-2.5, 2.5)
    use(qtbot, model, "x^3 - 2x + 4", points=True)
    qtbot.waitUntil(lambda: len(panel._marked) == 3, timeout=5_000)
    root = math.sqrt(2 / 3)
    assert marker_positions(panel, "maximum") == pytest.approx([-root], abs=1e-9)
    assert marker_positions(panel, "minimum") == pytest.approx([root], abs=1e-9)
    assert marker_positions(panel, "inflection") == pytest.approx([0.0], abs=1e-9)
    # Rising / falling: falling exactly between the two stationary points.
    panel.shade_box.setCurrentIndex(panel.shade_box.findData("monotonic"))
    theme = panel._theme
    falling = [b for b in panel.shading.bands() if b[2].name() == theme.negative_fill]
    assert len(falling) == 1
    spacing = np.diff(panel._samples[0][:2])[0] * 1.25
    assert falling[0][0] == pytest.approx(-root, abs=spacing)
    assert falling[0][1] == pytest.approx(root, abs=spacing)
    panel.shade_box.setCurrentIndex(panel.shade_box.findData("convexity"))
    convex = [b for b in panel.shading.bands() if b[2].name() == theme.accent]
    assert convex[0][0] == pytest.approx(0.0, abs=spacing)
    # f′ and f″ share the x axis and show the derivatives.
    assert panel.derivative_plot.getViewBox().linkedView(0) is panel.plot.getViewBox()
    xs, ys = panel.derivative_curve.getData()
    finite = np.isfinite(ys)
    np.testing.assert_allclose(ys[finite], 3 * xs[finite] ** 2 - 2, rtol=1e-9, atol=1e-9)
    qtbot.mouseClick(panel.second_toggle, Qt.MouseButton.LeftButton)
    assert panel.second_plot.isVisible()
    xs, ys = panel.second_curve.getData()
    np.testing.assert_allclose(ys, 6 * xs, rtol=1e-9, atol=1e-9)
    qtbot.mouseClick(panel.derivative_toggle, Qt.MouseButton.LeftButton)
    assert not panel.derivative_plot.isVisible()


# -- kinks, vertical tangents, poles ---------------------------------------------------------


def test_relu_kink_and_the_framework_convention(qtbot, panel, model):
    use(qtbot, model, "relu(x)")
    model.set_x0(0.0)
    assert slope_of(panel.left_tangent) == pytest.approx(0.0)
    assert slope_of(panel.right_tangent) == pytest.approx(1.0)
    assert "ReLU′(0) = 0" in panel.note.text()
    assert "PyTorch" in panel.note.text()
    # Activation preset: f′ drawn with f, the dead side shaded as saturated.
    xs, ys = panel.derivative_overlay.getData()
    assert len(xs) > 100
    bands = panel.saturation.bands()
    assert bands and bands[0][1] == pytest.approx(0.0, abs=0.01)


def test_vertical_tangent_and_pole(qtbot, panel, model):
    use(qtbot, model, "cbrt(x)")
    model.set_x0(0.0)
    xs, _ = panel.tangent.getData()
    assert len(xs) == 2 and xs[0] == xs[1] == 0.0  # upright
    assert "Vertical tangent" in panel.note.text()
    use(qtbot, model, "1/x")
    assert not panel.handle_p0.isVisible()
    assert "not defined" in panel.note.text()
    # The curve is broken at the pole, not joined by a vertical line; a dashed
    # asymptote marks it.
    xs, ys = panel.curve.getData()
    crossing = np.flatnonzero((xs[:-1] < 0) & (xs[1:] > 0))
    assert crossing.size == 0 or not np.isfinite(ys[crossing[0]: crossing[0] + 2]).all()
    ax, _ = panel.asymptotes.getData()
    assert len(ax) == 2 and abs(ax[0]) < 0.01 and ax[0] == ax[1]


def test_sigmoid_saturation(qtbot, panel, model):
    model.set_x_range(-8.0, 8.0)
    use(qtbot, model, "sigmoid(x)")
    bands = panel.saturation.bands()
    assert len(bands) == 2
    # sigma'(x) = sigma(1 - sigma) < 0.05 * 0.25 beyond |x| = 4.37.
    edge = math.log((1 + math.sqrt(1 - 4 * 0.0125)) / (1 - math.sqrt(1 - 4 * 0.0125)))
    spacing = np.diff(panel._samples[0][:2])[0] * 1.25
    assert bands[0][1] == pytest.approx(-edge, abs=spacing)
    assert bands[1][0] == pytest.approx(edge, abs=spacing)


# -- Taylor and time --------------------------------------------------------------------------


def test_taylor_overlay_through_the_worker(qtbot, panel, model):
    use(qtbot, model, "e^x")
    model.set_x0(0.0)
    model.set_taylor_order(3)
    qtbot.mouseClick(panel.taylor_toggle, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.taylor_coefficients() is not None, timeout=10_000)
    assert panel.taylor_coefficients() == pytest.approx([1, 1, 0.5, 1 / 6])
    xs, ys = panel.taylor_curve.getData()
    near = np.abs(xs) < 1.0
    expected = 1 + xs + xs ** 2 / 2 + xs ** 3 / 6
    np.testing.assert_allclose(ys[near], expected[near], rtol=1e-12)
    # The shaded strip is where |T3 - e^x| < 0.1, around 0.
    bands = panel.taylor_region.bands()
    assert any(a < 0 < b for a, b, _ in bands)
    # The slider changes the order; the new polynomial comes from the worker.
    panel.taylor_slider.setValue(1)
    assert model.taylor_order == 1
    qtbot.waitUntil(lambda: panel.taylor_coefficients() == pytest.approx([1, 1]),
                    timeout=10_000)
    # Where a derivative is missing, the panel says so instead of drawing.
    use(qtbot, model, "|x|")
    model.set_x0(0.0)
    qtbot.waitUntil(lambda: "No Taylor" in panel.taylor_status.text(), timeout=10_000)
    assert panel.taylor_curve.getData()[0] is None  # nothing drawn


def test_a_function_of_time_speaks_of_position_velocity_acceleration(qtbot, panel, model):
    model.set_x_range(0.0, 3.0)
    use(qtbot, model, "5t^2 + 3t + 2")
    model.set_x0(2.0)
    plot_item = panel.plot.getPlotItem()
    assert "position" in plot_item.getAxis("left").labelText
    assert "velocity" in panel.derivative_plot.name_label.textItem.toPlainText()
    assert "acceleration" in panel.second_plot.name_label.textItem.toPlainText()
    assert "time" in plot_item.getAxis("bottom").labelText
    assert panel.time_button.isVisible()
    assert "velocity f′(2) = 23," in panel.tangent_formula.live.text()
    xs, ys = panel.track_point.getData()
    assert ys[0] == pytest.approx(28.0)  # the point on its track is at f(2)
    vx, vy = panel.velocity_line.getData()
    assert vy[1] > vy[0]  # moving up: positive velocity
    # Time plays: x0 runs through the visible range, the point moves along.
    panel.speed_box.setCurrentIndex(panel.speed_box.findData(4.0))
    qtbot.mouseClick(panel.time_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not panel.player.running, timeout=5_000)
    low, high = panel._visible_x()
    assert model.x0 == pytest.approx(low + 0.98 * (high - low), rel=1e-6)
    assert panel.track_point.getData()[1][0] == pytest.approx(
        5 * model.x0 ** 2 + 3 * model.x0 + 2)


# -- the rest ---------------------------------------------------------------------------------


def test_two_variables_show_a_notice(qtbot, panel, model):
    use(qtbot, model, "x^2 + y^2")
    assert panel.notice.isVisible()
    assert not panel.content.isVisible()
    use(qtbot, model, "x^2")
    assert not panel.notice.isVisible()
    assert panel.content.isVisible()


def test_every_control_has_a_tooltip_and_an_accessible_name(panel):
    from PySide6.QtWidgets import QAbstractButton, QAbstractSlider, QComboBox, QDoubleSpinBox

    controls = [w for kind in (QAbstractButton, QComboBox, QAbstractSlider, QDoubleSpinBox)
                for w in panel.findChildren(kind) if w.objectName().startswith("secant")]
    assert len(controls) > 15
    for control in controls:
        assert control.toolTip(), control.objectName()
        assert control.accessibleName(), control.objectName()


def test_readout_is_typeset_once_still(qtbot, panel, model):
    model.set_x0(1.0)
    model.set_h(0.5)
    formula = panel.quotient_formula
    qtbot.waitUntil(formula.is_typeset, timeout=10_000)
    assert formula.caption.text() == "secant:" and formula.caption.isVisible()
    assert r"\text" not in formula.typeset.latex  # words are captions, in the UI's language
    assert r"\frac{\Delta y}{\Delta x}" in formula.typeset.latex
    assert "2.5" in formula.typeset.latex
    assert "y = 2x - 1" in panel.tangent_formula.typeset.latex


def test_handles_are_found_by_name(panel):
    items = {item.objectName() for item in panel.plot.scene().items()
             if hasattr(item, "objectName")}
    assert {"secantHandleP0", "secantHandleP"} <= items
    assert panel.handle_p.objectName() == "secantHandleP"
    assert isinstance(panel.handle_position("P"), QPointF)


@pytest.mark.parametrize(("x0", "h", "size"), [(1.0, 1.0, (520, 560)), (1.0, 0.5, (1000, 520)),
                                               (-1.5, -1.2, (700, 600))])
def test_the_triangle_labels_keep_off_the_secant(qtbot, panel, model, x0, h, size):
    """Δx and Δy never sit across the secant (they move to a clear side, or are left out)."""
    panel.resize(*size)
    model.set_x0(x0)
    model.set_h(h)
    qtbot.waitUntil(lambda: (panel.width(), panel.height()) == size, timeout=5_000)
    panel._update_secant(x0_moved=True)  # placed for the panel's final size
    xs, ys = panel.secant.getData()
    a, b = (panel._viewport_position(x, y) for x, y in ((xs[0], ys[0]), (xs[-1], ys[-1])))
    to_viewport = panel.plot.viewportTransform()
    shown = 0
    for label in (panel.run_label, panel.rise_label):
        if not label.isVisible():
            continue
        shown += 1
        # (The labels ignore the view's scale: their device transform says where they are.)
        box = label.deviceTransform(to_viewport).mapRect(label.boundingRect())
        sides = [(b.x() - a.x()) * (corner.y() - a.y()) - (b.y() - a.y()) * (corner.x() - a.x())
                 for corner in (box.topLeft(), box.topRight(), box.bottomLeft(),
                                box.bottomRight())]
        assert min(sides) > 0 or max(sides) < 0, label.text()
    assert shown >= 1  # there is room for at least one of them in each of these views
