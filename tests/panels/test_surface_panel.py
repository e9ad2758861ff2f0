"""The surface lab as a learner uses it: the chapters' x² + xy + y² at (0.5, −0.4).

Known values: ∇f = (2x + y, x + 2y) = (0.6, −0.3), |∇f| = √0.45 ≈ 0.6708, the
Hessian ((2, 1), (1, 2)) with eigenvalues 1 and 3; D_u f = u·∇f peaks at |∇f| when u
points along ∇f, at θ = atan2(−0.3, 0.6) + 2π.
"""

from __future__ import annotations

import math
import textwrap

import numpy as np
import pytest
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QGraphicsView

from visualizer.core.presets import PRESETS_BY_KEY

GRADIENT_ANGLE = math.atan2(-0.3, 0.6) + 2 * math.pi
NORM = math.sqrt(0.45)


@pytest.fixture
def lab_model(model):
    return model


@pytest.fixture
def panel(qtbot, lab_model):
    from visualizer.panels.surface_panel import SurfacePanel

    widget = SurfacePanel(lab_model)
    qtbot.addWidget(widget)
    widget.resize(1000, 860)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def load(qtbot, model, key: str) -> None:
    """Choose a preset with its ranges and wait for its stationary points."""
    preset = PRESETS_BY_KEY[key]
    model.set_x_range(*preset.x_range)
    model.set_y_range(*preset.y_range)
    with qtbot.waitSignal(model.expression_changed, timeout=15_000):
        model.set_expression(preset.text)
    qtbot.waitUntil(lambda: model.critical_points is not None, timeout=15_000)


def slope(item) -> float:
    xs, ys = item.getData()
    return float((ys[-1] - ys[0]) / (xs[-1] - xs[0]))


def drag(qtbot, panel, path) -> None:
    """Press at the first data point of ``path`` on the contour view, move, release."""
    viewport = panel.contour.plot.viewport()
    pixels = [panel.contour.data_to_widget(x, y).toPoint() for x, y in path]
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=pixels[0])
    for pixel in pixels[1:]:
        qtbot.mouseMove(viewport, pixel)
    qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=pixels[-1])


def pixel_size(panel) -> float:
    """Data units per viewport pixel on the contour view (x and y share the scale)."""
    a = panel.contour.data_to_widget(0.0, 0.0)
    b = panel.contour.data_to_widget(1.0, 0.0)
    return 1.0 / abs(b.x() - a.x())


# --------------------------------------------------------------------------- the numbers


def test_gradient_directional_derivative_and_hessian_at_the_chapters_point(qtbot, panel, lab_model):
    load(qtbot, lab_model, "bowl")
    assert lab_model.point == (0.5, -0.4)
    readout = panel.readout
    assert readout["value"] == pytest.approx(0.21)
    assert readout["gradient"] == pytest.approx((0.6, -0.3))
    assert readout["gradient_norm"] == pytest.approx(0.6708, abs=1e-4)
    assert readout["gradient_angle"] == pytest.approx(GRADIENT_ANGLE)
    assert readout["hessian"] == ((2.0, 1.0), (1.0, 2.0))
    assert readout["eigenvalues"] == pytest.approx((1.0, 3.0))
    assert readout["curvature_kind"] == "minimum"

    # The slices' tangents have the partial derivatives as slopes.
    assert slope(panel.slice_x.tangent) == pytest.approx(0.6)
    assert slope(panel.slice_y.tangent) == pytest.approx(-0.3)
    xs, zs = panel.slice_x.curve.getData()
    np.testing.assert_allclose(zs, xs**2 + xs * -0.4 + 0.16, atol=1e-12)

    # u at θ = 0 is (1, 0): D_u f = ∂f/∂x.
    assert readout["directional_derivative"] == pytest.approx(0.6)
    assert slope(panel.slice_u.tangent) == pytest.approx(0.6)

    qtbot.mouseClick(panel.snap_button, Qt.MouseButton.LeftButton)
    assert lab_model.direction_angle == pytest.approx(GRADIENT_ANGLE)
    assert panel.readout["directional_derivative"] == pytest.approx(NORM)
    assert slope(panel.slice_u.tangent) == pytest.approx(NORM)
    assert panel.angle_spin.value() == pytest.approx(math.degrees(GRADIENT_ANGLE), abs=0.05)

    # Along the level curve (perpendicular to ∇f) the slope is zero.
    lab_model.set_direction_angle(GRADIENT_ANGLE + math.pi / 2)
    assert panel.readout["directional_derivative"] == pytest.approx(0.0, abs=1e-12)

    # The typeset numbers arrive (rate-limited while dragging, so wait for them).
    qtbot.waitUntil(lambda: "0.671" in panel.gradient_norm_formula.latex, timeout=5000)
    assert "0.600" in panel.gradient_formula.latex and "-0.300" in panel.gradient_formula.latex
    assert "2.000" in panel.hessian_formula.latex and "1.000" in panel.hessian_formula.latex
    assert "1.000" in panel.eigenvalues_formula.latex and "3.000" in panel.eigenvalues_formula.latex


def test_the_theta_plot_peaks_at_the_gradient_angle(qtbot, panel, lab_model):
    load(qtbot, lab_model, "bowl")
    angles, values = panel.angle_plot.curve.getData()
    assert angles[0] == 0.0 and angles[-1] == pytest.approx(2 * math.pi)
    np.testing.assert_allclose(values, 0.6 * np.cos(angles) - 0.3 * np.sin(angles), atol=1e-12)
    best_angle, best_value = panel.angle_plot.maximum()
    assert best_angle == pytest.approx(GRADIENT_ANGLE, abs=2 * math.pi / 360)
    assert best_value == pytest.approx(NORM, rel=1e-4)
    star_x, star_y = panel.angle_plot.extremes.getData()
    assert star_x[0] == pytest.approx(GRADIENT_ANGLE) and star_y[0] == pytest.approx(NORM)
    assert star_x[1] == pytest.approx(GRADIENT_ANGLE - math.pi)
    zero_x, zero_y = panel.angle_plot.zeros.getData()
    assert sorted(zero_x) == pytest.approx(sorted([GRADIENT_ANGLE - 1.5 * math.pi,
                                                   GRADIENT_ANGLE - math.pi / 2]))

    # The angle control turns u; the θ plot marks the current θ.
    panel.angle_spin.setValue(90.0)
    assert lab_model.direction_angle == pytest.approx(math.pi / 2)
    current_x, current_y = panel.angle_plot.current.getData()
    assert current_x[0] == pytest.approx(math.pi / 2) and current_y[0] == pytest.approx(-0.3)


# --------------------------------------------------------------------------- dragging


def test_dragging_the_point_on_the_contour_moves_the_model_and_the_arrow(qtbot, panel, lab_model):
    load(qtbot, lab_model, "bowl")
    tolerance = 1.5 * pixel_size(panel)
    path = [(0.5, -0.4)] + [(0.5 + 0.05 * k, -0.4 + 0.09 * k) for k in range(1, 11)]
    with qtbot.waitSignal(panel.contour.drag_finished, timeout=2000):
        drag(qtbot, panel, path)
    x, y = lab_model.point
    # The final position of the drag is never lost, however fast the moves came.
    assert (x, y) == pytest.approx((1.0, 0.5), abs=tolerance)
    handle_x, handle_y = panel.contour.point_item.getData()
    assert (handle_x[0], handle_y[0]) == (x, y)

    # The gradient arrow starts at the point and points along ∇f = (2x + y, x + 2y).
    arrow_x, arrow_y = panel.contour.gradient_arrow.getData()
    assert (arrow_x[0], arrow_y[0]) == pytest.approx((x, y))
    shaft = np.array([arrow_x[1] - x, arrow_y[1] - y])
    gradient = np.array([2 * x + y, x + 2 * y])
    assert shaft @ gradient / (np.linalg.norm(shaft) * np.linalg.norm(gradient)) == pytest.approx(1.0)
    assert panel.readout["gradient"] == pytest.approx(tuple(gradient))
    # The level curve's tangent through the point is perpendicular to the arrow.
    level_x, level_y = panel.contour.level_tangent_item.getData()
    along_level = np.array([level_x[1] - level_x[0], level_y[1] - level_y[0]])
    assert along_level @ gradient == pytest.approx(0.0, abs=1e-9)
    # The same point rides on the surface.
    if panel.view.is_3d:
        markers = panel.view._marker_input[0]
        assert markers[0] == pytest.approx((x, y, x * x + x * y + y * y))


def test_a_drag_never_samples_or_uploads_the_surface_again(qtbot, panel, lab_model, monkeypatch):
    import visualizer.panels.surface_panel as surface_panel

    load(qtbot, lab_model, "bowl")
    resampled, redrawn = [], []
    real_sample_grid = surface_panel.sample_grid
    monkeypatch.setattr(surface_panel, "sample_grid",
                        lambda *args, **kwargs: resampled.append(args) or real_sample_grid(*args, **kwargs))
    monkeypatch.setattr(panel.view, "set_surface", lambda *args: redrawn.append("3-D"))
    monkeypatch.setattr(panel.contour, "set_surface", lambda *args: redrawn.append("map"))
    grid = panel.last_grid
    if panel.view.is_3d:
        with qtbot.waitSignal(panel.view.frame_swapped, timeout=5000):
            panel.view.gl_view.update()
        mesh = panel.view._surface_item
        heights = mesh._arrays["a_z"].copy()
    path = [(0.5, -0.4)] + [(0.5 - 0.1 * k, -0.4 + 0.1 * k) for k in range(1, 13)]
    with qtbot.waitSignal(panel.contour.drag_finished, timeout=2000):
        drag(qtbot, panel, path)
    assert lab_model.point == pytest.approx((-0.7, 0.8), abs=1.5 * pixel_size(panel))
    assert panel.readout["point"] == lab_model.point  # the drag was drawn ...
    assert resampled == [] and redrawn == [] and panel.last_grid is grid  # ... without the grid
    if panel.view.is_3d:
        assert "a_z" not in mesh._dirty  # no new heights waiting for the next frame
        np.testing.assert_array_equal(mesh._arrays["a_z"], heights)
        point = panel.view._marker_input[0][0]
        assert point[:2] == pytest.approx(lab_model.point)


def test_a_drag_redraws_the_point_in_3d_over_the_surface_drawn_once(qtbot, panel, lab_model):
    if not panel.view.is_3d:
        pytest.skip("no OpenGL here: no 3-D view")
    load(qtbot, lab_model, "bowl")
    view = panel.view
    with qtbot.waitSignal(view.frame_swapped, timeout=5000):
        view.gl_view.update()
    surface_paints, frames = [], []
    mesh = view._surface_item
    real_paint = mesh.paint
    mesh.paint = lambda: surface_paints.append(1) or real_paint()
    view.frame_swapped.connect(lambda: frames.append(lab_model.point))
    viewport = panel.contour.plot.viewport()
    path = [(0.5, -0.4)] + [(0.5 - 0.1 * k, -0.4 + 0.08 * k) for k in range(1, 8)]
    pixels = [panel.contour.data_to_widget(x, y).toPoint() for x, y in path]
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=pixels[0])
    for pixel in pixels[1:]:
        before = lab_model.point
        qtbot.mouseMove(viewport, pixel)
        qtbot.waitUntil(lambda before=before: lab_model.point != before and bool(frames)
                        and frames[-1] == lab_model.point, timeout=2000)
    with qtbot.waitSignal(panel.contour.drag_finished, timeout=2000):
        qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=pixels[-1])
    # Every move reached the 3-D view, and the surface was not drawn again for any.
    assert len(set(frames)) >= len(path) - 1
    assert surface_paints == []
    size = panel.grid_size
    vertices, faces = view.drawn_mesh()
    assert len(faces) == 2 * (size - 1) ** 2  # the whole mesh all along
    x, y, z = vertices.T
    np.testing.assert_allclose(z, x * x + x * y + y * y, atol=1e-5)
    assert view._marker_input[0][0][:2] == pytest.approx(lab_model.point)


class FrameCounter(QObject):
    """Numbers the window's frames and notes in which frame each viewport painted."""

    def __init__(self, window, viewports):
        super().__init__()
        self.frame = 0
        self.painted: dict[object, list[int]] = {viewport: [] for viewport in viewports}
        window.installEventFilter(self)
        for viewport in viewports:
            viewport.installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.UpdateRequest and watched not in self.painted:
            self.frame += 1
        elif event.type() == QEvent.Type.Paint and watched in self.painted:
            self.painted[watched].append(self.frame)
        return False


def test_moving_the_point_repaints_the_map_and_the_four_plots_in_one_frame(qtbot, panel, lab_model):
    load(qtbot, lab_model, "bowl")
    model = lab_model
    views = [panel.contour.plot, panel.angle_plot.plot,
             *(plot.plot for plot in (panel.slice_x, panel.slice_y, panel.slice_u))]
    counter = FrameCounter(panel.window(), [view.viewport() for view in views])
    model.set_point(0.2, 0.3)
    qtbot.waitUntil(lambda: all(counter.painted.values()), timeout=3000)
    # (Later frames may follow: the small plots refit when the point has rested.)
    first_frames = {painted[0] for painted in counter.painted.values()}
    assert len(first_frames) == 1, counter.painted
    # Afterwards every view follows its scene again: a change to one item repaints it.
    qtbot.waitUntil(lambda: all(view.viewportUpdateMode()
                                == QGraphicsView.ViewportUpdateMode.MinimalViewportUpdate
                                for view in views), timeout=1000)
    angle_viewport = panel.angle_plot.plot.viewport()
    counter.painted[angle_viewport].clear()
    panel.angle_plot.theta_line.setValue(1.0)
    qtbot.waitUntil(lambda: bool(counter.painted[angle_viewport]), timeout=1000)


def test_a_press_off_the_handle_puts_the_point_there_and_undo_restores(qtbot, panel, lab_model):
    load(qtbot, lab_model, "bowl")
    lab_model.undo_stack.clear()
    tolerance = 1.5 * pixel_size(panel)
    drag(qtbot, panel, [(-1.0, 1.2)])
    assert lab_model.point == pytest.approx((-1.0, 1.2), abs=tolerance)
    lab_model.undo_stack.undo()
    assert lab_model.point == (0.5, -0.4)
    # Dragging past the frame keeps the point inside the range.
    drag(qtbot, panel, [(0.5, -0.4), (1.9, -1.9), (3.0, -3.0)])
    assert lab_model.point == pytest.approx((2.0, -2.0))


def test_dragging_the_tip_of_u_turns_the_direction(qtbot, panel, lab_model):
    load(qtbot, lab_model, "bowl")
    tip_x, tip_y = panel.contour.direction_handle.getData()
    assert tip_y[0] == pytest.approx(-0.4) and tip_x[0] > 0.5  # θ = 0 points along +x
    drag(qtbot, panel, [(tip_x[0], tip_y[0]), (0.7, 0.0), (0.5, 0.4)])
    assert lab_model.point == (0.5, -0.4)
    assert lab_model.direction_angle == pytest.approx(math.pi / 2, abs=0.02)
    arrow_x, arrow_y = panel.contour.direction_arrow.getData()
    angle = lab_model.direction_angle
    shaft = np.array([arrow_x[1] - arrow_x[0], arrow_y[1] - arrow_y[0]])
    assert shaft / np.linalg.norm(shaft) == pytest.approx((math.cos(angle), math.sin(angle)))


def test_keyboard_moves_the_point_and_turns_u(qtbot, panel, lab_model):
    load(qtbot, lab_model, "bowl")
    plot = panel.contour.plot
    assert plot.focusPolicy() == Qt.FocusPolicy.StrongFocus  # Tab and click reach it
    qtbot.keyClick(plot, Qt.Key.Key_Right)
    assert lab_model.point == pytest.approx((0.5 + 0.02 * 4, -0.4))
    qtbot.keyClick(plot, Qt.Key.Key_Up, Qt.KeyboardModifier.ShiftModifier)
    assert lab_model.point == pytest.approx((0.58, -0.4 + 0.002 * 4))
    qtbot.keyClick(plot, Qt.Key.Key_BracketRight)
    assert lab_model.direction_angle == pytest.approx(math.radians(5))
    qtbot.keyClick(plot, Qt.Key.Key_BracketLeft)
    qtbot.keyClick(plot, Qt.Key.Key_BracketLeft)
    assert lab_model.direction_angle == pytest.approx(2 * math.pi - math.radians(5))


def test_moving_the_point_does_not_resample_the_surface(qtbot, panel, lab_model):
    load(qtbot, lab_model, "bowl")
    grid = panel.last_grid
    lab_model.set_point(1.0, 1.0)
    lab_model.set_direction_angle(1.0)
    assert panel.last_grid is grid
    assert panel.readout["gradient"] == pytest.approx((3.0, 3.0))


# --------------------------------------------------------------------------- the rest


def test_the_saddle_of_x2_minus_y2_is_marked_as_a_saddle(qtbot, panel, lab_model):
    load(qtbot, lab_model, "saddle")
    saddles = panel.contour.stationary_items["saddle"]
    xs, ys = saddles.getData()
    assert list(zip(xs, ys, strict=True)) == [(0.0, 0.0)]
    assert saddles.opts["symbol"] == "x"
    for kind in ("minimum", "maximum", "degenerate"):
        assert len(panel.contour.stationary_items[kind].getData()[0]) == 0
    assert "saddle" in panel.stationary_label.text()
    assert "saddle" in panel.legend_label.text()
    # A click next to the marker puts the point exactly on the saddle.
    drag(qtbot, panel, [(0.03, -0.02)])
    assert lab_model.point == (0.0, 0.0)
    assert panel.readout["curvature_kind"] == "saddle"
    assert panel.readout["eigenvalues"] == pytest.approx((-2.0, 2.0))
    assert not panel.snap_button.isEnabled()  # ∇f = 0: no direction to snap to
    assert len(panel.contour.gradient_arrow.getData()[0]) == 0
    if panel.view.is_3d:
        markers = panel.view._marker_input[0]
        assert (0.0, 0.0, 0.0) in [tuple(row) for row in markers]


def test_the_3d_view_shows_the_saddle_as_its_two_principal_curves(qtbot, panel, lab_model):
    from visualizer.panels.surface_style import lab_colours, rgba

    load(qtbot, lab_model, "saddle")  # x^2 - y^2
    (glyph,) = panel.view.stationary_glyphs()
    assert glyph["kind"] == "saddle" and glyph["shape"] == "cross"
    assert tuple(glyph["point"]) == (0.0, 0.0, 0.0)
    # The Hessian diag(2, -2): the curve along y bends down (z = -y²), along x up (z = x²).
    down, up = glyph["curves"]
    assert np.allclose(down[:, 0], 0.0) and np.ptp(down[:, 1]) > 0
    np.testing.assert_allclose(down[:, 2], -down[:, 1] ** 2, atol=1e-12)
    assert np.allclose(up[:, 1], 0.0) and np.ptp(up[:, 0]) > 0
    np.testing.assert_allclose(up[:, 2], up[:, 0] ** 2, atol=1e-12)
    if panel.view.is_3d:
        lines = panel.view._glyph_lines
        assert lines.visible() and len(lines.pos) == 2 * 2 * 24  # two curves of 24 segments
        saddle_colour = rgba(lab_colours(panel._theme).kinds["saddle"])
        np.testing.assert_allclose(lines.color, np.tile(saddle_colour, (len(lines.pos), 1)),
                                   atol=1e-6)
        assert not panel.view._cone_item.visible()  # no minimum or maximum here


def test_the_3d_view_shows_a_minimum_as_a_cone_pointing_down_at_it(qtbot, panel, lab_model):
    from visualizer.panels.surface_style import lab_colours

    lab_model.set_x_range(-2, 2)
    lab_model.set_y_range(-2, 2)
    with qtbot.waitSignal(lab_model.expression_changed, timeout=15_000):
        lab_model.set_expression("x^2 + y^2")
    qtbot.waitUntil(lambda: bool(panel.view.stationary_glyphs()), timeout=15_000)
    (glyph,) = panel.view.stationary_glyphs()
    assert glyph["kind"] == "minimum" and glyph["shape"] == "cone down"
    assert tuple(glyph["point"]) == (0.0, 0.0, 0.0)
    if panel.view.is_3d:
        cone = panel.view._cone_item
        assert cone.visible()
        vertices = panel.view.display_to_data(cone.opts["meshdata"].vertexes())
        lowest = vertices[np.argmin(vertices[:, 2])]
        assert lowest == pytest.approx((0.0, 0.0, 0.0), abs=1e-6)  # the tip on the minimum
        assert np.all(vertices[:, 2] >= -1e-6)  # the rest above it: ▼
        colours = cone.opts["meshdata"].faceColors()
        minimum = QColor(lab_colours(panel._theme).kinds["minimum"]).getRgbF()[:3]
        brightest = colours[np.argmax(colours[:, :3].sum(axis=1)), :3]
        # Shaded faces keep the hue: every face is the legend's colour, darker or not.
        ratios = colours[:, :3] / np.array(minimum)
        assert np.allclose(ratios, ratios[:, :1], atol=1e-3) and brightest.max() > 0


def test_one_variable_function_says_so_and_offers_a_surface(qtbot, panel, lab_model):
    with qtbot.waitSignal(lab_model.expression_changed, timeout=15_000):
        lab_model.set_expression("x^2")
    assert panel.one_variable_box.isVisible() and not panel.lab.isVisible()
    assert "one variable" in panel.one_variable_label.text()
    with qtbot.waitSignal(lab_model.expression_changed, timeout=15_000):
        qtbot.mouseClick(panel.suggest_button, Qt.MouseButton.LeftButton)
    assert lab_model.expression_text == PRESETS_BY_KEY["bowl"].text
    assert panel.lab.isVisible() and not panel.one_variable_box.isVisible()


def test_grid_resolution_and_the_gradient_field_controls(qtbot, panel, lab_model):
    load(qtbot, lab_model, "bowl")
    assert panel.last_grid[2].shape == (100, 100)
    panel.grid_combo.setCurrentIndex(panel.grid_combo.findData(50))
    xs, ys, z = panel.last_grid
    assert z.shape == (50, 50)
    np.testing.assert_allclose(z, xs[:, None] ** 2 + xs[:, None] * ys + ys**2, atol=1e-12)

    panel.density_spin.setValue(10)
    x, y = panel.contour.field_data()
    assert len(x) == 6 * 100  # shaft and two head strokes per arrow
    shafts = np.hypot(x[1::6] - x[0::6], y[1::6] - y[0::6])
    assert shafts.max() == pytest.approx(0.9 * 0.4)  # the longest = 0.9 spacing
    tails = np.column_stack([x[0::6], y[0::6]])
    magnitude = np.hypot(2 * tails[:, 0] + tails[:, 1], tails[:, 0] + 2 * tails[:, 1])
    np.testing.assert_allclose(shafts / shafts.max(), magnitude / magnitude.max(), atol=1e-12)

    panel.mode_combo.setCurrentIndex(panel.mode_combo.findData("normalised"))
    x, y = panel.contour.field_data()
    shafts = np.hypot(x[1::6] - x[0::6], y[1::6] - y[0::6])
    np.testing.assert_allclose(shafts, 0.9 * 0.4)
    assert "faint = small" in panel.legend_label.text()

    qtbot.mouseClick(panel.field_check, Qt.MouseButton.LeftButton)
    assert not panel.field_check.isChecked()
    assert len(panel.contour.field_data()[0]) == 0
    assert not panel.density_spin.isEnabled()
    if panel.view.is_3d:
        assert len(panel.view.arrow_vertices()) == 0


def test_tangent_plane_touches_the_surface_at_the_point(qtbot, panel, lab_model):
    load(qtbot, lab_model, "bowl")
    if not panel.view.is_3d:
        pytest.skip("the tangent plane is drawn in 3-D only")
    assert panel.view._plane_input[0] is None
    qtbot.mouseClick(panel.plane_check, Qt.MouseButton.LeftButton)
    plane = panel.view._plane_input[0]
    finite = np.isfinite(plane[..., 2])
    assert finite.sum() > 40
    px, py, pz = plane[..., 0][finite], plane[..., 1][finite], plane[..., 2][finite]
    np.testing.assert_allclose(pz, 0.21 + 0.6 * (px - 0.5) - 0.3 * (py + 0.4), atol=1e-12)
    # A convex surface lies above its tangent plane.
    assert np.all(px**2 + px * py + py**2 >= pz - 1e-12)


def test_gl_view_renders_the_surface_with_the_point(qtbot, panel, lab_model):
    if not panel.view.is_3d:
        pytest.skip("no OpenGL here")
    load(qtbot, lab_model, "bowl")
    with qtbot.waitSignal(panel.view.frame_swapped, timeout=5000):
        lab_model.set_point(0.0, 1.0)
    image = panel.view.grab_image().convertToFormat(panel.view.grab_image().Format.Format_RGB888)
    raw = np.frombuffer(image.constBits(), dtype=np.uint8,
                        count=image.bytesPerLine() * image.height())
    pixels = raw.reshape(image.height(), image.bytesPerLine())[:, : 3 * image.width()]
    assert pixels.reshape(-1, 3).std(axis=0).max() > 20  # a picture, not a blank


def test_reset_view_puts_the_camera_back(qtbot, panel, lab_model):
    load(qtbot, lab_model, "bowl")
    if panel.view.is_3d:
        start = panel.view.gl_view.opts["azimuth"]
        panel.view.gl_view.orbit(40, 10)
        with qtbot.waitSignal(panel.view.view_reset, timeout=1000):
            qtbot.mouseClick(panel.reset_button, Qt.MouseButton.LeftButton)
        assert panel.view.gl_view.opts["azimuth"] == pytest.approx(start)
    panel.contour.plot.setRange(xRange=(0, 1), yRange=(0, 1), padding=0)
    qtbot.mouseClick(panel.reset_button, Qt.MouseButton.LeftButton)
    (x_low, x_high), _ = panel.contour.plot.getPlotItem().getViewBox().viewRange()
    assert x_low <= -2.0 and x_high >= 2.0


def test_every_control_has_a_tooltip_and_an_accessible_name(panel):
    from PySide6.QtWidgets import QAbstractButton, QAbstractSpinBox, QComboBox

    controls = panel.controls.findChildren(QAbstractButton)
    controls += panel.controls.findChildren(QAbstractSpinBox)
    controls += panel.controls.findChildren(QComboBox)
    assert len(controls) >= 8
    for control in controls:
        assert control.toolTip() and control.accessibleName(), control.objectName()


FALLBACK_SCRIPT = textwrap.dedent(
    """
    import math, os
    os.environ["PYQTGRAPH_QT_LIB"] = "PySide6"
    import PySide6
    from PySide6.QtCore import QCoreApplication, QEventLoop, Qt, QTimer
    QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts)
    from PySide6.QtWidgets import QApplication

    app = QApplication([])
    from visualizer.model import Model
    from visualizer.panels.surface_panel import SurfacePanel

    model = Model()
    panel = SurfacePanel(model)
    panel.resize(560, 800)
    panel.show()
    loop = QEventLoop()
    model.expression_changed.connect(loop.quit)
    QTimer.singleShot(20000, loop.quit)
    model.set_x_range(-2, 2)
    model.set_y_range(-2, 2)
    model.set_expression("x^2 + xy + y^2")
    loop.exec()
    assert model.expression_text == "x^2 + xy + y^2", "no function arrived"
    app.processEvents()
    assert not panel.view.is_3d
    assert panel.notice.isVisible() and "3-D view unavailable" in panel.notice.text()
    assert not panel.view.isVisible() and panel.contour.isVisible()
    assert abs(panel.readout["gradient_norm"] - math.sqrt(0.45)) < 1e-12
    assert panel.contour.image_item.image.shape == (100, 100)
    assert len(panel.contour.isolines_item.getData()[0]) > 0
    model.set_point(1.0, 0.0)
    xs, ys = panel.contour.gradient_arrow.getData()
    assert (xs[0], ys[0]) == (1.0, 0.0)
    image = panel.grab()
    assert not image.isNull()
    model.close()
    print("fallback ok")
    """
)


def test_fallback_without_opengl_shows_the_contour_lab_and_says_so(run_offscreen):
    assert "fallback ok" in run_offscreen(FALLBACK_SCRIPT)


def test_projector_theme_restyles_without_losing_the_state(qtbot, panel, lab_model):
    from visualizer.theme import PROJECTOR

    load(qtbot, lab_model, "bowl")
    panel.apply_theme(PROJECTOR)
    assert panel.readout["gradient"] == pytest.approx((0.6, -0.3))
    width = panel.contour.gradient_arrow.opts["pen"].widthF()
    assert width >= PROJECTOR.pen_width(2.5) - 1e-9
    assert panel.contour.point_item.getData()[0][0] == 0.5


def test_a_narrow_dock_puts_the_map_beside_the_slices(qtbot, panel, lab_model):
    load(qtbot, lab_model, "bowl")
    panel.resize(560, 800)
    qtbot.waitUntil(lambda: panel.layout_mode == "narrow")
    assert panel.contour_box.parent() is panel.plots
    assert not panel.display_options.isVisible()  # folded away, one click to open
    qtbot.mouseClick(panel.display_button, Qt.MouseButton.LeftButton)
    assert panel.display_options.isVisible()
    panel.resize(1200, 800)
    qtbot.waitUntil(lambda: panel.layout_mode == "wide-row")
    assert panel.contour_box.parent() is panel.views_splitter
    assert panel.display_options.isVisible()
    # Moved around, the map still drives the model.
    drag(qtbot, panel, [(0.5, -0.4), (1.0, 0.0)])
    assert lab_model.point == pytest.approx((1.0, 0.0), abs=1.5 * pixel_size(panel))


@pytest.mark.parametrize("size", [51, 241, 1000])
def test_a_slice_frame_ignores_a_pole_at_the_edge_as_numpy_percentiles_would(size):
    from visualizer.panels.surface_panel import _percentile, _slice_limits

    s = np.linspace(0.01, 2.0, size)
    values = 1 / s  # a pole at the left edge of the slice
    for percent in (0, 2, 50, 98, 100):
        assert _percentile(np.sort(values), percent) == pytest.approx(np.percentile(values, percent))
    low, high = _slice_limits(values, 1.0)
    two, ninety_eight = np.percentile(values, [2, 98])
    pad = 0.1 * (ninety_eight - two)
    assert (low, high) == pytest.approx((two - pad, ninety_eight + pad))
    assert high < 0.5 * values.max()  # the pole does not squash the curve flat


def test_a_caption_draws_its_changing_number_after_the_rich_lead(qtbot):
    from PySide6.QtGui import QFont, QFontMetricsF, QImage

    from visualizer.panels.surface_plots import Caption

    caption = Caption()
    qtbot.addWidget(caption)
    caption.resize(600, caption.height())
    caption.show()
    qtbot.waitExposed(caption)
    lead = '<span style="color:#ff0000">━</span> D<sub>u</sub>f = '

    def inked_right_edge(number: str) -> int:
        caption.setText(f"{lead}<b>{number}</b>")
        image = caption.grab().toImage().convertToFormat(QImage.Format.Format_Grayscale8)
        rows = [bytes(image.constScanLine(row))[: image.width()] for row in range(image.height())]
        columns = [x for x in range(image.width()) if any(row[x] < 128 for row in rows)]
        return max(columns)

    short, long = inked_right_edge("0.6"), inked_right_edge("-12345.678")
    assert caption.plain_text() == "━ Duf = -12345.678"
    bold = QFont(caption.font())
    bold.setBold(True)
    grown = QFontMetricsF(bold).horizontalAdvance("-12345.678") - QFontMetricsF(bold).horizontalAdvance("0.6")
    assert long - short == pytest.approx(grown, abs=3)  # the number is drawn, in bold
