"""SurfaceView: the 3-D surface in a window container, and its 2-D fallback.

The GL tests need a display with OpenGL (pytest-xvfb provides one); they are skipped
where there is none.  The fallback is checked in a subprocess with
QT_QPA_PLATFORM=offscreen, which has no OpenGL at all.
"""

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import numpy as np
import pyqtgraph as pg
import pytest
import shiboken6
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QGuiApplication, QImage, QMatrix4x4, QVector4D, QWheelEvent
from PySide6.QtTest import QTest

from visualizer.panels.surface_view import (
    SurfaceView,
    _valid_faces,
    arrow_segments,
    format_tick,
    isoline_segments,
    nice_ticks,
    opengl_available,
)

VIRIDIS = pg.colormap.get("viridis")


def _viridis(fraction: float) -> np.ndarray:
    """Expected RGB of a height at this fraction of the z range."""
    return np.array(VIRIDIS.map(fraction, mode="byte")[:3], dtype=float)


def _bowl(n=101, half=2.0):
    xs = np.linspace(-half, half, n)
    ys = np.linspace(-half, half, n)
    X, Y = np.meshgrid(xs, ys, indexing="ij")
    return xs, ys, X, Y, X**2 + Y**2


def _pixels(image: QImage) -> np.ndarray:
    """(h, w, 3) uint8 RGB array of a QImage."""
    image = image.convertToFormat(QImage.Format.Format_RGB888)
    stride = image.bytesPerLine()
    raw = np.frombuffer(image.constBits(), dtype=np.uint8, count=stride * image.height())
    rows = raw.reshape(image.height(), stride)[:, : 3 * image.width()]
    return rows.reshape(image.height(), image.width(), 3).copy()  # the QImage dies here


def _project(view: SurfaceView, points) -> np.ndarray:
    """Pixel (column, row) of data points in the GL window's image."""
    window = view.gl_view
    viewport = (0, 0, window.deviceWidth(), window.deviceHeight())
    matrix = QMatrix4x4(window.projectionMatrix(viewport, viewport)) * window.viewMatrix()
    out = []
    for x, y, z in view.data_to_display(np.asarray(points, dtype=float)):
        clip = matrix.map(QVector4D(float(x), float(y), float(z), 1.0))
        ndc_x, ndc_y = clip.x() / clip.w(), clip.y() / clip.w()
        out.append(((ndc_x + 1) / 2 * viewport[2], (1 - ndc_y) / 2 * viewport[3]))
    return np.array(out)


def _patch(pixels: np.ndarray, column_row) -> np.ndarray:
    """Median colour of a 7x7 patch (a wireframe line may cross the exact pixel)."""
    column, row = (int(round(v)) for v in column_row)
    block = pixels[row - 3 : row + 4, column - 3 : column + 4].reshape(-1, 3)
    return np.median(block, axis=0)


def _near(colour, reference, tolerance=40) -> bool:
    return bool(np.all(np.abs(np.asarray(colour, float) - reference) <= tolerance))


requires_gl = pytest.mark.skipif(
    os.environ.get("QT_QPA_PLATFORM", "") in ("offscreen", "minimal"),
    reason="this Qt platform has no OpenGL",
)


@pytest.fixture
def gl_view(qtbot):
    ok, reason = opengl_available()
    if not ok:
        pytest.skip(f"no OpenGL here: {reason}")
    view = SurfaceView()
    qtbot.addWidget(view)
    view.resize(640, 480)
    with qtbot.waitExposed(view):
        view.show()
    qtbot.waitUntil(lambda: view.gl_view.isExposed() and view.gl_view.isValid())
    return view


def _show_surface(qtbot, view, xs, ys, Z, top_down=True):
    with qtbot.waitSignal(view.frame_swapped, timeout=5000):
        view.set_surface(xs, ys, Z)
        if top_down:
            view.gl_view.setCameraPosition(elevation=90, azimuth=-90)
    return _pixels(view.grab_image())


# --------------------------------------------------------------------------- GL path


@requires_gl
def test_bowl_renders_low_in_the_middle_and_high_at_the_corners(qtbot, gl_view):
    xs, ys, _, _, Z = _bowl()
    pixels = _show_surface(qtbot, gl_view, xs, ys, Z)

    assert gl_view.is_3d
    assert gl_view.notice_text == ""
    assert pixels.shape[:2] == (gl_view.gl_view.deviceHeight(), gl_view.gl_view.deviceWidth())
    assert pixels.reshape(-1, 3).std(axis=0).max() > 20  # not a uniform picture
    assert gl_view.z_range == pytest.approx((0.0, 8.0))
    # Seen from above: the minimum at (0, 0, 0) has viridis' darkest colour, a point
    # near a corner (z = 7.22, 90 % of the range) its yellow end, a point halfway up
    # (z = 4) its middle.
    points = [(0, 0, 0), (1.9, -1.9, 7.22), (2**0.5, -(2**0.5), 4.0)]
    centre, corner, middle = _project(gl_view, points)
    assert _near(_patch(pixels, centre), _viridis(0.0), tolerance=15)
    assert _near(_patch(pixels, corner), _viridis(0.9025), tolerance=15)
    assert _near(_patch(pixels, middle), _viridis(0.5), tolerance=15)


@requires_gl
def test_nan_is_a_hole_not_a_flat_zero_plane(qtbot, gl_view):
    xs, ys, X, Y, Z = _bowl()
    Z = np.where(X**2 + Y**2 < 1.0, np.nan, Z)
    pixels = _show_surface(qtbot, gl_view, xs, ys, Z)

    background = np.array(gl_view.gl_view.opts["bgcolor"][:3]) * 255
    (centre,) = _project(gl_view, [(0, 0, 0)])
    assert _near(_patch(pixels, centre), background, tolerance=10)
    # The range ignores the hole: the lowest finite value is just outside r = 1.
    low, high = gl_view.z_range
    assert 1.0 <= low < 1.1 and high == pytest.approx(8.0)
    # The ring just outside the hole is drawn, in the colours of its height (low end).
    (ring,) = _project(gl_view, [(0.0, -1.3, 1.69)])
    assert not _near(_patch(pixels, ring), background, tolerance=10)


@requires_gl
def test_all_nan_and_infinite_values_do_not_crash(qtbot, gl_view):
    xs, ys, _, _, Z = _bowl(n=11)
    Z[3, 4] = np.inf
    pixels = _show_surface(qtbot, gl_view, xs, ys, Z)
    assert pixels.std(axis=(0, 1)).max() > 20
    with qtbot.waitSignal(gl_view.frame_swapped, timeout=5000):
        gl_view.set_surface(xs, ys, np.full_like(Z, np.nan))
    assert gl_view.z_range == (-1.0, 1.0)


@requires_gl
def test_arrow_field_is_one_line_item_with_six_vertices_per_arrow(qtbot, gl_view):
    xs, ys, _, _, Z = _bowl(n=21)
    gl_view.set_surface(xs, ys, Z)
    grid = np.linspace(-2, 2, 20)
    GX, GY = np.meshgrid(grid, grid, indexing="ij")
    starts = np.c_[GX.ravel(), GY.ravel(), np.full(GX.size, gl_view.floor_z)]
    vectors = np.c_[-0.1 * GX.ravel(), -0.1 * GY.ravel(), np.zeros(GX.size)]
    vectors[0] = np.nan  # skipped

    gl_view.set_arrows(starts, vectors)

    vertices = gl_view.arrow_vertices()
    assert vertices.shape == (6 * 399, 3)
    drawn = [item for item in gl_view.gl_view.items if getattr(item, "pos", None) is not None]
    assert any(len(item.pos) == 6 * 399 and item.visible() for item in drawn)
    shafts = vertices.reshape(-1, 6, 3)
    np.testing.assert_allclose(shafts[:, 0], starts[1:], atol=1e-5)
    np.testing.assert_allclose(shafts[:, 1], starts[1:] + vectors[1:], atol=1e-5)
    # Heads of floor arrows lie on the floor and are symmetric about the shaft.
    np.testing.assert_allclose(shafts[:, 3:6:2, 2], gl_view.floor_z, atol=1e-5)
    wing_middle = 0.5 * (shafts[:, 3] + shafts[:, 5])
    direction = vectors[1:] / np.linalg.norm(vectors[1:], axis=1)[:, None]
    along = np.einsum("ij,ij->i", shafts[:, 1] - wing_middle, direction)
    np.testing.assert_allclose(np.cross(shafts[:, 1] - wing_middle, direction), 0.0, atol=1e-6)
    assert np.all(along > 0)

    gl_view.set_arrows(np.zeros((0, 3)), np.zeros((0, 3)))
    assert gl_view.arrow_vertices().shape == (0, 3)


@requires_gl
def test_markers_and_curves_are_drawn(qtbot, gl_view):
    xs, ys, _, _, Z = _bowl(n=41)
    gl_view.set_markers(np.array([[1.0, 1.0, 2.0]]), colors="#ff0000", size=16)
    curve = np.c_[np.full(50, 1.0), np.linspace(-2, 2, 50), 1 + np.linspace(-2, 2, 50) ** 2]
    gl_view.set_curves([curve], ["#0000ff"])
    pixels = _show_surface(qtbot, gl_view, xs, ys, Z)

    (marker,) = _project(gl_view, [(1.0, 1.0, 2.0)])
    assert _near(_patch(pixels, marker)[:3], (255, 0, 0), tolerance=30)
    # The slice x = 1 runs along y; away from the marker it is blue on the surface.
    (on_curve,) = _project(gl_view, [(1.0, -1.0, 2.0)])
    column, row = (int(round(v)) for v in on_curve)
    strip = pixels[row - 1 : row + 2, column - 3 : column + 4].reshape(-1, 3)
    assert any(_near(colour, (0, 0, 255), tolerance=60) for colour in strip)


@requires_gl
def test_curves_under_the_surface_show_only_when_drawn_on_top(qtbot, gl_view):
    # Two curves along y just under the bowl: the depth-tested one is hidden by the
    # surface, the one drawn on top (a tangent line, an arrow) shows, each in its colour.
    xs, ys, _, _, Z = _bowl(n=41)
    along = np.linspace(-1.5, 1.5, 40)
    hidden = np.c_[np.full(40, -1.0), along, 1 + along**2 - 0.6]
    on_top = np.c_[np.full(40, 1.0), along, 1 + along**2 - 0.6]
    gl_view.set_curves([hidden, on_top], ["#0000ff", "#ff0000"], on_top=[False, True])
    pixels = _show_surface(qtbot, gl_view, xs, ys, Z)

    def strip(x):
        (point,) = _project(gl_view, [(x, -0.75, 1.0)])
        column, row = (int(round(v)) for v in point)
        return pixels[row - 1 : row + 2, column - 3 : column + 4].reshape(-1, 3)

    assert not any(_near(colour, (0, 0, 255), tolerance=60) for colour in strip(-1.0))
    assert any(_near(colour, (255, 0, 0), tolerance=60) for colour in strip(1.0))


@requires_gl
def test_a_new_height_field_on_the_same_grid_uploads_the_heights_only(qtbot, gl_view):
    xs, ys, X, Y, Z = _bowl(n=41)
    _show_surface(qtbot, gl_view, xs, ys, Z, top_down=False)
    mesh = gl_view._surface_item
    assert mesh.ruled is True  # llvmpipe's GLSL has derivatives: the shader rules the wires
    assert not gl_view._wire_item.visible()
    assert mesh.index_count == 2 * 3 * 40 * 40

    gl_view.set_surface(xs, ys, Z - X * Y)
    assert mesh._dirty == {"a_z"}  # grid, triangles and ruling stay on the GL side
    with qtbot.waitSignal(gl_view.frame_swapped, timeout=5000):
        pass
    assert not mesh._dirty
    # A hole changes the triangles; filling it in again brings every triangle back.
    holed = np.where(X**2 + Y**2 < 0.2, np.nan, Z)
    gl_view.set_surface(xs, ys, holed)
    assert "faces" in mesh._dirty and mesh.index_count < 2 * 3 * 40 * 40
    gl_view.set_surface(xs, ys, Z)
    assert mesh.index_count == 2 * 3 * 40 * 40


def _index_area(faces: np.ndarray, ny: int) -> float:
    """Total area of triangles given by grid vertex numbers, in grid steps squared."""
    i, j = np.divmod(faces.astype(np.int64), ny)
    cross = (i[:, 1] - i[:, 0]) * (j[:, 2] - j[:, 0]) - (i[:, 2] - i[:, 0]) * (j[:, 1] - j[:, 0])
    return 0.5 * float(np.abs(cross).sum())


def test_a_hole_takes_away_exactly_the_triangles_that_touch_it():
    valid = np.ones((11, 9), dtype=bool)
    full = _valid_faces(valid)
    assert len(full) == 2 * 10 * 8 and _index_area(full, 9) == 10 * 8
    valid[4, 5] = valid[9, 1] = False
    holed = _valid_faces(valid)
    # Each hole takes the six triangles around it: three grid cells of area.
    assert _index_area(holed, 9) == 10 * 8 - 2 * 3
    assert valid.reshape(-1)[holed].all()


@requires_gl
def test_a_frame_that_changes_only_the_curves_reuses_the_surface_drawn_before(qtbot, gl_view):
    xs, ys, X, Y, Z = _bowl(n=101)
    window = gl_view.gl_view
    layers = []
    real_draw = window._clear_and_draw
    window._clear_and_draw = lambda items: layers.append(len(items)) or real_draw(items)
    before = _show_surface(qtbot, gl_view, xs, ys, Z)
    assert layers  # the surface went into the cached layer
    drawn = len(layers)
    (centre,) = _project(gl_view, [(0.0, 0.0, 0.0)])
    (corner,) = _project(gl_view, [(1.5, 1.5, 4.5)])
    along = np.linspace(-1.5, 1.5, 40)
    for shift in (-0.5, 0.0, 0.5):  # a point moving: only the curve on top changes
        curve = np.c_[np.full(40, shift), along, shift**2 + along**2]
        with qtbot.waitSignal(gl_view.frame_swapped, timeout=5000):
            gl_view.set_curves([curve], ["#ff0000"], on_top=[True])
    after = _pixels(window.grabFramebuffer())
    assert len(layers) == drawn  # three frames, no new drawing of the surface ...
    # ... which is still there: the corner keeps its colour, the red curve lies on top.
    assert _near(_patch(after, corner), _patch(before, corner), tolerance=8)
    (on_curve,) = _project(gl_view, [(0.5, -0.75, 0.8125)])
    column, row = (int(round(v)) for v in on_curve)
    strip = after[row - 1 : row + 2, column - 3 : column + 4].reshape(-1, 3)
    assert any(_near(colour, (255, 0, 0), tolerance=60) for colour in strip)
    # New heights: the bottom of the bowl turns into a peak at once (drawn directly),
    # and the next frame that keeps them draws them into the layer again.
    with qtbot.waitSignal(gl_view.frame_swapped, timeout=5000):
        gl_view.set_surface(xs, ys, -Z)
    flipped = _pixels(window.grabFramebuffer())
    assert not _near(_patch(flipped, centre), _patch(before, centre), tolerance=40)
    with qtbot.waitSignal(gl_view.frame_swapped, timeout=5000):
        window.update()
    assert len(layers) == drawn + 1
    again = _pixels(window.grabFramebuffer())
    assert _near(_patch(again, centre), _patch(flipped, centre), tolerance=8)


@requires_gl
def test_without_shader_derivatives_the_wireframe_is_drawn_as_lines(qtbot, monkeypatch):
    from visualizer.panels import surface_view

    if not opengl_available()[0]:
        pytest.skip("no OpenGL here")
    mesh_class = surface_view._gl_classes()["SurfaceMeshItem"]
    monkeypatch.setattr(mesh_class, "_programs", {})  # compile again, as on a new driver
    real_sources = surface_view._shader_sources
    monkeypatch.setattr(surface_view, "_shader_sources",
                        lambda context, ruled: None if ruled else real_sources(context, ruled))
    view = SurfaceView()
    qtbot.addWidget(view)
    view.resize(400, 300)
    with qtbot.waitExposed(view):
        view.show()
    qtbot.waitUntil(lambda: view.gl_view.isExposed() and view.gl_view.isValid())
    xs, ys, _, _, Z = _bowl(n=31)
    pixels = _show_surface(qtbot, view, xs, ys, Z)
    assert view._surface_item.ruled is False
    assert view._wire_item.visible()
    # About 16 lines each way, 30 segments each, as vertex pairs.
    assert len(view._wire_item.pos) == 2 * (2 * 16 * 30)
    (centre,) = _project(view, [(0, 0, 0)])
    assert _near(_patch(pixels, centre), _viridis(0.0), tolerance=15)


@requires_gl
def test_pointer_highlight_is_a_yellow_disc_where_asked_and_goes_away(qtbot, gl_view, monkeypatch):
    gl_view.layout().setContentsMargins(40, 30, 0, 0)  # the GL area off the view's origin
    qtbot.waitUntil(lambda: gl_view._container.pos() == QPoint(40, 30))
    xs, ys, _, _, Z = _bowl(n=21)
    background = _show_surface(qtbot, gl_view, xs, ys, Z, top_down=False)
    white = np.array(gl_view.gl_view.opts["bgcolor"][:3]) * 255
    # Window pixel (30, 30) is background; asked for in the view's coordinates.
    assert _near(background[30, 30], white, tolerance=3)
    with qtbot.waitSignal(gl_view.frame_swapped, timeout=5000):
        gl_view.set_pointer_highlight(QPoint(40 + 30, 30 + 30), 20)
    pixels = _pixels(gl_view.grab_image())
    # #ffd400 at alpha 90 over white; the ring (radius 20) is darker; outside, untouched.
    alpha = 90 / 255
    expected = white * (1 - alpha) + np.array([255, 212, 0]) * alpha
    assert _near(pixels[30, 30], expected, tolerance=8)
    ring = pixels[30, 30 + 20]
    assert ring[2] < expected[2] - 30 and ring[0] < 250
    assert _near(pixels[30, 30 + 27], white, tolerance=3)
    assert _near(pixels[30 + 27, 30], white, tolerance=3)

    requests = []
    monkeypatch.setattr(gl_view.gl_view, "update", lambda: requests.append(1))
    gl_view.set_pointer_highlight(QPoint(70, 60), 20)
    assert requests == []  # the same highlight: no repaint
    gl_view.set_pointer_highlight(None, 20)
    assert requests == [1]
    monkeypatch.undo()
    assert _near(_pixels(gl_view.grab_image())[30, 30], white, tolerance=3)


@requires_gl
def test_z_is_scaled_to_the_floor_whatever_the_range(qtbot, gl_view):
    xs, ys, _, _, Z = _bowl(n=11, half=10.0)
    gl_view.set_surface(xs, ys, 1000.0 * Z)  # z up to 200 000 over a 20 x 20 floor
    top, bottom = gl_view.data_to_display(np.array([[0, 0, 200_000.0], [0, 0, 0.0]]))[:, 2]
    floor_corner = gl_view.data_to_display(np.array([[10.0, 10.0, 0.0]]))[0]
    assert top - bottom == pytest.approx(1.2)
    assert floor_corner[:2] == pytest.approx((1.0, 1.0))
    assert gl_view.z_scale == pytest.approx(1.2 / 200_000.0)


@requires_gl
def test_mouse_wheel_keys_and_double_click_move_the_camera(qtbot, gl_view):
    window = gl_view.gl_view
    start_distance = window.opts["distance"]
    start_azimuth = window.opts["azimuth"]
    centre = QPointF(window.width() / 2, window.height() / 2)
    wheel = QWheelEvent(
        centre,
        window.mapToGlobal(centre),
        QPoint(0, 0),
        QPoint(0, 240),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QGuiApplication.sendEvent(window, wheel)
    assert window.opts["distance"] == pytest.approx(start_distance * 0.999**240)

    QTest.keyPress(window, Qt.Key.Key_Left)
    QTest.keyRelease(window, Qt.Key.Key_Left)
    assert window.opts["azimuth"] == pytest.approx(start_azimuth + 2.0)

    QTest.mousePress(
        window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(100, 100)
    )
    QTest.mouseMove(window, QPoint(140, 100))
    QTest.mouseRelease(
        window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(140, 100)
    )
    assert window.opts["azimuth"] == pytest.approx(start_azimuth + 2.0 - 40.0)

    with qtbot.waitSignal(gl_view.view_reset, timeout=1000):
        QTest.mouseDClick(
            window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(50, 50)
        )
    assert window.opts["distance"] == pytest.approx(start_distance)
    assert window.opts["azimuth"] == pytest.approx(start_azimuth)


@requires_gl
def test_a_view_created_after_another_was_destroyed_still_renders(qtbot):
    """GLError 1281 pitfall: shaders compiled for a destroyed context (docs/platform-notes.md)."""
    if not opengl_available()[0]:
        pytest.skip("no OpenGL here")
    xs, ys, _, _, Z = _bowl(n=31)
    for _ in range(2):
        view = SurfaceView()
        view.resize(400, 300)
        with qtbot.waitExposed(view):
            view.show()
        qtbot.waitUntil(lambda v=view: v.gl_view.isExposed() and v.gl_view.isValid())
        pixels = _show_surface(qtbot, view, xs, ys, Z)
        (centre,) = _project(view, [(0, 0, 0)])
        assert _near(_patch(pixels, centre), _viridis(0.0), tolerance=15)
        view.close()
        view.deleteLater()
        qtbot.waitUntil(lambda v=view: not shiboken6.isValid(v), timeout=5000)


# --------------------------------------------------------------------------- fallback

FALLBACK_SCRIPT = textwrap.dedent(
    """
    import os
    os.environ["PYQTGRAPH_QT_LIB"] = "PySide6"
    import PySide6
    from PySide6.QtCore import QCoreApplication, Qt
    QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts)
    from PySide6.QtWidgets import QApplication, QLabel
    import numpy as np
    import pyqtgraph as pg

    app = QApplication([])
    from visualizer.panels.surface_view import SurfaceView, opengl_available

    ok, reason = opengl_available()
    assert not ok and "offscreen" in reason, reason
    view = SurfaceView()
    assert view.is_3d is False and view.gl_view is None
    view.resize(500, 400)
    view.show()
    app.processEvents()
    notice = view.findChild(QLabel, "surfaceNotice")
    assert notice.isVisible(), "the notice must be visible"
    assert "3-D view unavailable" in notice.text() and "2-D contour" in notice.text()
    assert view.notice_text == notice.text()

    xs = np.linspace(-2, 2, 41)
    ys = np.linspace(-1, 1, 21)
    X, Y = np.meshgrid(xs, ys, indexing="ij")
    Z = X**2 + Y**2
    Z[20, 10] = np.nan
    view.set_surface(xs, ys, Z)
    view.set_arrows(np.array([[0.0, 0.0, 0.0]]), np.array([[1.0, 0.0, 0.0]]))
    view.set_markers(np.array([[1.0, 0.5, 1.25]]))
    view.set_curves([np.c_[xs, np.zeros_like(xs), xs**2]], ["#ff0000"])

    plot = view.findChild(pg.PlotWidget, "surfaceContourPlot")
    assert plot is view.plot_widget
    images = [i for i in plot.getPlotItem().items if isinstance(i, pg.ImageItem)]
    assert len(images) == 1
    np.testing.assert_array_equal(images[0].image, Z)  # NaN where NaN
    assert images[0].width() == 41 and images[0].height() == 21
    lines = [i for i in plot.getPlotItem().items if isinstance(i, pg.PlotDataItem)]
    x_data = np.concatenate([i.getData()[0] for i in lines if i.getData()[0] is not None])
    assert x_data.size > 0 and np.nanmin(x_data) >= -2 and np.nanmax(x_data) <= 2
    assert view.arrow_vertices().shape == (6, 3)
    image = view.grab_image()
    assert not image.isNull() and image.width() >= 500
    print("fallback ok")
    """
)


def test_fallback_without_opengl_shows_a_contour_map_and_says_so(run_offscreen):
    assert "fallback ok" in run_offscreen(FALLBACK_SCRIPT)


# --------------------------------------------------------------------------- pure helpers


def test_isolines_of_a_plane_lie_on_the_level_and_skip_holes():
    xs = np.linspace(0.0, 1.0, 11)
    ys = np.linspace(0.0, 2.0, 21)
    X, _ = np.meshgrid(xs, ys, indexing="ij")
    segments = isoline_segments(xs, ys, 3.0 * X, level=1.05)  # crosses at x = 0.35
    assert segments.shape == (2 * 20, 2)
    np.testing.assert_allclose(segments[:, 0], 0.35)
    assert segments[:, 1].min() == pytest.approx(0.0) and segments[:, 1].max() == pytest.approx(2.0)

    Z = 3.0 * X
    Z[3, 5] = np.nan  # corner of the 4 cells around it
    holed = isoline_segments(xs, ys, Z, level=1.05)
    assert holed.shape == (2 * 18, 2)


def test_isolines_of_a_circle_are_close_to_the_radius():
    xs = np.linspace(-2, 2, 81)
    X, Y = np.meshgrid(xs, xs, indexing="ij")
    # No grid node lies exactly on x² + y² = 1.1 (k² + m² = 440 has no solution).
    segments = isoline_segments(xs, xs, X**2 + Y**2, level=1.1)
    radii = np.hypot(segments[:, 0], segments[:, 1])
    np.testing.assert_allclose(radii, np.sqrt(1.1), atol=0.01)
    # A closed curve: every vertex is shared by exactly two segments.
    _, counts = np.unique(np.round(segments, 9), axis=0, return_counts=True)
    assert np.all(counts == 2)


def test_saddle_cells_are_split_by_the_centre_value():
    xs = np.array([0.0, 1.0])
    ys = np.array([0.0, 1.0])
    Z = np.array([[1.0, -1.0], [-1.0, 1.0]])  # a and c above 0, b and d below, centre 0
    segments = isoline_segments(xs, ys, Z, level=0.0).reshape(-1, 2, 2)
    assert len(segments) == 2
    midpoints = sorted(tuple(np.round(s.mean(axis=0), 6)) for s in segments)
    # Centre (0) counts as above: a and c are joined through it, b and d are cut off.
    assert midpoints == [(0.25, 0.75), (0.75, 0.25)]


def test_arrow_heads_have_the_requested_proportions():
    starts = np.array([[0.0, 0.0, 0.0], [0.0, 0.0, 0.0]])
    tips = np.array([[0.4, 0.0, 0.0], [0.0, 0.0, 2.0]])  # a short flat one, a tall upright one
    vertices = arrow_segments(starts, tips).reshape(2, 6, 3)
    flat = vertices[0]
    np.testing.assert_allclose(flat[:2], [(0, 0, 0), (0.4, 0, 0)])  # the shaft
    np.testing.assert_allclose(flat[2], flat[4])  # both strokes start at the tip
    # Head length 25 % of 0.4, half as wide, in the floor plane.
    np.testing.assert_allclose(sorted(map(tuple, flat[3:6:2])), [(0.3, -0.05, 0), (0.3, 0.05, 0)])
    upright = vertices[1]  # head capped at 0.12 display units
    np.testing.assert_allclose(
        sorted(map(tuple, upright[3:6:2])), [(-0.06, 0, 1.88), (0.06, 0, 1.88)]
    )


def test_ticks_are_round_and_cover_the_range():
    np.testing.assert_allclose(nice_ticks(0.0, 8.0), [0, 2, 4, 6, 8])
    np.testing.assert_allclose(nice_ticks(-2.0, 2.0), [-2, -1, 0, 1, 2])
    np.testing.assert_allclose(nice_ticks(0.013, 0.061), [0.02, 0.03, 0.04, 0.05, 0.06])
    ticks = nice_ticks(-0.5, 0.5)
    assert [format_tick(v, ticks) for v in ticks] == ["-0.4", "-0.2", "0", "0.2", "0.4"]
    ticks = nice_ticks(0.0, 200_000.0)
    assert format_tick(ticks[1], ticks) == "5e+04"


def test_surface_shape_is_checked(qtbot):
    view = SurfaceView()  # whichever path this machine gets
    qtbot.addWidget(view)
    with pytest.raises(ValueError, match="shape"):
        view.set_surface(np.linspace(0, 1, 3), np.linspace(0, 1, 4), np.zeros((4, 3)))
    with pytest.raises(ValueError, match="at least two"):
        view.set_surface([0.0], [0.0, 1.0], np.zeros((1, 2)))


@requires_gl
def test_a_view_still_waiting_for_deletion_at_exit_does_not_crash_the_process():
    # A closed view whose deleteLater never ran (the event loop had ended) used to take
    # the process down with a segmentation fault as Python exited.
    script = textwrap.dedent("""
        from visualizer.app import prepare_application_attributes
        prepare_application_attributes()
        from PySide6.QtWidgets import QApplication
        app = QApplication([])
        from visualizer.panels.surface_view import SurfaceView
        view = SurfaceView()
        view.show()
        app.processEvents()
        view.close()
        view.deleteLater()
        print("closed")
    """)
    root = Path(__file__).resolve().parents[2]
    result = subprocess.run([sys.executable, "-c", script], cwd=root, capture_output=True,
                            text=True, timeout=120, env=dict(os.environ, PYTHONPATH=str(root)))
    assert result.stdout.strip() == "closed"
    assert result.returncode == 0, result.stderr


def test_ticks_over_the_whole_float_range_are_finite_and_labelled():
    # A function over ±1e308 raised ValueError in the 3-D view's tick labels (the tick
    # steps overflowed to inf, their differences were NaN).
    for low, high in ((-1e308, 1e308), (-1.7e308, 1.7e308), (0.0, 1.7e308),
                      (-np.inf, np.inf), (1e308, 1e308)):
        ticks = nice_ticks(low, high)
        assert len(ticks) and np.isfinite(ticks).all(), (low, high)
        labels = [format_tick(value, ticks) for value in ticks]
        assert all(labels) and not any("inf" in label or "nan" in label for label in labels)
    assert [format_tick(v, nice_ticks(-1e308, 1e308)) for v in (-1e308, 1e308)] == [
        "-1e+308", "1e+308"]


@requires_gl
def test_a_surface_over_the_whole_float_range_draws_its_axes(qtbot, gl_view):
    xs = np.linspace(-1e308, 1e308, 11)
    ys = np.linspace(-1e308, 1e308, 11)
    with np.errstate(over="ignore", invalid="ignore"):
        Z = xs[:, None] + ys[None, :]
    with qtbot.waitSignal(gl_view.frame_swapped, timeout=5000):
        gl_view.set_surface(xs, ys, Z)  # raised ValueError in format_tick
