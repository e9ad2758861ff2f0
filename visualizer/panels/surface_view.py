"""A reusable 3-D view of a surface z = f(x, y), with a 2-D fallback.

The 3-D path follows the recipe measured in docs/platform-notes.md: the
scene lives in a ``QOpenGLWindow`` that also carries pyqtgraph's ``GLViewMixin``
(mouse rotate / zoom / pan, arrow keys), embedded with
``QWidget.createWindowContainer``.  A ``QOpenGLWidget`` would switch the whole main
window to OpenGL compositing and make every 2-D drag 3-5x slower under software GL;
the window container keeps the main window raster.

Where OpenGL is not usable (``QT_QPA_PLATFORM=offscreen``, no driver, GL < 2.1) the
same widget shows a 2-D filled-contour map instead and says so in a visible notice.

Display scaling
---------------
Everything is drawn in a normalised "display box" and every tick label shows the true
data value:

* x and y share one scale (so the floor keeps its true aspect ratio and a gradient
  arrow stays perpendicular to the level curves); the longer of the two spans becomes
  ``2 * XY_HALF_SIZE`` display units.
* z gets its own scale so that the finite z range always becomes ``2 * Z_HALF_SIZE``
  display units, whatever the function's range (``x**2 + y**2`` on [-10, 10]² reaches
  200 and would otherwise be a needle, ``1e-3 * x`` a flat sheet).
  :attr:`SurfaceView.z_scale` is the factor (display units per data unit).

Callers always pass data coordinates; the view maps them.
"""

from __future__ import annotations

import atexit
import ctypes
import math
import warnings
import weakref
from dataclasses import dataclass

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QPoint,
    QPointF,
    QRect,
    QRectF,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QFontMetricsF,
    QGuiApplication,
    QImage,
    QOffscreenSurface,
    QOpenGLContext,
    QPainter,
    QStaticText,
    QSurfaceFormat,
)
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from visualizer.widgets.pointer_disc import paint_pointer_disc

__all__ = ["SurfaceView", "opengl_available"]

#: Half the size of the longer floor side, in display units.
XY_HALF_SIZE = 1.0
#: Half the height of the z range, in display units.
Z_HALF_SIZE = 0.6

#: The default camera looks at this height (display units): the labels hang under the floor.
_LOOK_AT_Z = -0.12

#: Oldest OpenGL that pyqtgraph's GL items accept (its initializeGL raises below 2.1).
_MIN_GL_VERSION = (2, 1)
_UNUSABLE_PLATFORMS = ("offscreen", "minimal", "minimalegl", "vnc")

_DEFAULT_BACKGROUND = "#ffffff"
_DEFAULT_FOREGROUND = "#303030"
_DEFAULT_ACCENT = "#d1495b"
_DEFAULT_LINE_WIDTH = 1.0
_COLORMAP_NAME = "viridis"
#: Colour bands of the 2-D fallback map (a stepped look-up table reads as filled contours).
_FALLBACK_BANDS = 12
#: About this many wireframe lines in each direction make the shape readable without clutter.
_WIREFRAME_LINES = 16
_opengl_probe: tuple[bool, str] | None = None


# --------------------------------------------------------------------------- probing


def opengl_available() -> tuple[bool, str]:
    """Tell whether the 3-D view can run here, probing once per process.

    The probe needs a ``QGuiApplication``: the Qt platform must not be a headless one
    (``offscreen``, ``minimal``), a ``QOpenGLContext`` must be created and made current
    on a ``QOffscreenSurface``, and the context must offer OpenGL 2.1 or later
    (pyqtgraph's GL items refuse anything older).

    Returns
    -------
    ok : bool
        True when the 3-D view can be used.
    reason : str
        Plain words for the user: what was found, or why 3-D is off.
    """
    global _opengl_probe
    if _opengl_probe is not None:
        return _opengl_probe
    app = QGuiApplication.instance()
    if app is None:
        # Not cached: the answer depends on the application that will exist later.
        return False, "no Qt application exists yet, so OpenGL cannot be checked"
    _opengl_probe = _probe_opengl(QGuiApplication.platformName())
    return _opengl_probe


def _probe_opengl(platform_name: str) -> tuple[bool, str]:
    if platform_name.lower() in _UNUSABLE_PLATFORMS:
        return False, f"the Qt platform '{platform_name}' has no OpenGL"
    try:
        # pyqtgraph's GL module needs PyOpenGL, which loads the system's libGL.
        import pyqtgraph.opengl  # noqa: F401
    except Exception as exc:  # ImportError, or OSError/NullFunctionError from libGL
        return False, f"the OpenGL libraries could not be loaded ({exc})"
    surface = QOffscreenSurface()
    surface.create()
    context = QOpenGLContext()
    try:
        if not context.create():
            return False, "no OpenGL context could be created"
        if not context.makeCurrent(surface):
            return False, "an OpenGL context could not be made current"
        version = context.format().version()
        gles = context.isOpenGLES()
        context.doneCurrent()
    finally:
        surface.destroy()
    if not gles and tuple(version) < _MIN_GL_VERSION:
        found = ".".join(str(v) for v in version)
        return False, f"OpenGL {found} is too old (2.1 or later is needed)"
    kind = "OpenGL ES" if gles else "OpenGL"
    return True, f"{kind} {version[0]}.{version[1]} on '{platform_name}'"


# --------------------------------------------------------------------------- theme


@dataclass(frozen=True)
class _Theme:
    background: QColor
    foreground: QColor
    accent: QColor
    line_width: float


def _resolve_theme(theme) -> _Theme:
    """Read the optional attributes of a theme object, defaults for the rest."""

    def colour(name: str, default: str) -> QColor:
        value = getattr(theme, name, None) if theme is not None else None
        return QColor(pg.mkColor(default if value is None else value))

    width = getattr(theme, "line_width", None) if theme is not None else None
    return _Theme(
        background=colour("background", _DEFAULT_BACKGROUND),
        foreground=colour("foreground", _DEFAULT_FOREGROUND),
        accent=colour("accent", _DEFAULT_ACCENT),
        line_width=float(_DEFAULT_LINE_WIDTH if width is None else width),
    )


def _rgba_f(colour: QColor, alpha: float | None = None) -> tuple[float, float, float, float]:
    r, g, b, a = colour.getRgbF()
    return (r, g, b, a if alpha is None else alpha)


def _colour_array(colors, count: int, default: QColor) -> np.ndarray | tuple:
    """Normalise a colour argument to one RGBA tuple or a (count, 4) float32 array.

    Accepts None (the default colour), one colour (name, QColor, tuple of 0-1 floats or
    0-255 ints), or an array of ``count`` RGB/RGBA rows in 0-1.
    """
    if colors is None:
        return _rgba_f(default)
    if isinstance(colors, np.ndarray) and colors.ndim == 2:
        if colors.shape[0] != count or colors.shape[1] not in (3, 4):
            raise ValueError(f"colors must have shape ({count}, 3) or ({count}, 4)")
        rgba = np.ones((count, 4), dtype=np.float32)
        rgba[:, : colors.shape[1]] = colors
        return rgba
    if isinstance(colors, (tuple, list)) and colors and all(isinstance(c, float) for c in colors):
        return tuple(colors) + (1.0,) * (4 - len(colors))
    return _rgba_f(QColor(pg.mkColor(colors)))


# --------------------------------------------------------------------------- geometry


@dataclass(frozen=True)
class _DisplayMapping:
    """Affine map from data coordinates to the display box (see the module docstring)."""

    x_centre: float
    y_centre: float
    z_centre: float
    xy_scale: float
    z_scale: float
    half_x: float
    half_y: float

    @classmethod
    def fit(cls, x_range, y_range, z_range) -> _DisplayMapping:
        span_x = x_range[1] - x_range[0]
        span_y = y_range[1] - y_range[0]
        span_z = z_range[1] - z_range[0]
        xy_scale = 2.0 * XY_HALF_SIZE / max(span_x, span_y)
        return cls(
            x_centre=0.5 * (x_range[0] + x_range[1]),
            y_centre=0.5 * (y_range[0] + y_range[1]),
            z_centre=0.5 * (z_range[0] + z_range[1]),
            xy_scale=xy_scale,
            z_scale=2.0 * Z_HALF_SIZE / span_z,
            half_x=0.5 * span_x * xy_scale,
            half_y=0.5 * span_y * xy_scale,
        )

    def to_display(self, points: np.ndarray) -> np.ndarray:
        points = np.asarray(points, dtype=np.float64)
        out = np.empty(points.shape, dtype=np.float32)
        out[..., 0] = (points[..., 0] - self.x_centre) * self.xy_scale
        out[..., 1] = (points[..., 1] - self.y_centre) * self.xy_scale
        out[..., 2] = (points[..., 2] - self.z_centre) * self.z_scale
        return out

    def to_data(self, points: np.ndarray) -> np.ndarray:
        points = np.asarray(points, dtype=np.float64)
        out = np.empty(points.shape, dtype=np.float64)
        out[..., 0] = points[..., 0] / self.xy_scale + self.x_centre
        out[..., 1] = points[..., 1] / self.xy_scale + self.y_centre
        out[..., 2] = points[..., 2] / self.z_scale + self.z_centre
        return out


def _finite_range(values: np.ndarray, finite_mask: np.ndarray | None = None,
                  fallback=(-1.0, 1.0)) -> tuple[float, float]:
    """(min, max) of the finite values, widened when empty or zero-width.

    ``finite_mask`` (``np.isfinite(values)``, if the caller has it) saves a pass.
    """
    if finite_mask is None:
        finite_mask = np.isfinite(values)
    if finite_mask.all():
        finite = values  # no copy of the common, hole-free grid
    else:
        finite = values[finite_mask]
    if finite.size == 0:
        return fallback
    low, high = float(finite.min()), float(finite.max())
    if high - low <= 1e-12 * max(1.0, abs(low), abs(high)):
        pad = 0.5 * max(1.0, abs(low))
        low, high = low - pad, high + pad
    return low, high


def nice_ticks(low: float, high: float, target: int = 5) -> np.ndarray:
    """Round tick values (1, 2, 5 x 10^k steps) covering [low, high].

    Every tick is finite: a range wider than the largest float (±1e308 ends) gets its two
    ends, an infinite end is left out.
    """
    low, high = float(low), float(high)
    ends = [value for value in (low, high) if math.isfinite(value)]
    if len(ends) < 2:
        return np.array(ends[:1] or [0.0])
    span = high - low
    if not span > 0:
        return np.array([low])
    if not math.isfinite(span):  # beyond what a float holds: the steps would overflow
        return np.array([low, high])
    raw = span / target
    magnitude = 10.0 ** math.floor(math.log10(raw))
    # The 1-2-5 step nearest to the raw one (in ratio), so the count stays near target.
    step = min((m * magnitude for m in (1.0, 2.0, 5.0, 10.0)), key=lambda s: abs(math.log(s / raw)))
    first = math.ceil(low / step - 1e-9)
    last = math.floor(high / step + 1e-9)
    ticks = np.arange(first, last + 1) * step
    ticks = ticks[np.isfinite(ticks)]
    return ticks if len(ticks) else np.array([low])


def format_tick(value: float, ticks: np.ndarray) -> str:
    """Short label for a tick value, with as many decimals as the tick step needs."""
    with np.errstate(over="ignore", invalid="ignore"):  # ends near the largest float
        step = float(np.min(np.abs(np.diff(ticks)))) if len(ticks) > 1 else abs(value) or 1.0
    if not (math.isfinite(step) and step > 0):  # ends near the largest float
        return f"{value:.2g}"
    if abs(value) < step * 1e-9:
        return "0"
    magnitude = max(abs(float(ticks[0])), abs(float(ticks[-1])))
    if magnitude >= 1e5 or magnitude < 1e-3:
        return f"{value:.2g}"
    decimals = max(0, -math.floor(math.log10(step) + 1e-9))
    return f"{value:.{decimals}f}"


#: Kinds of 3-D axis labels: a tick's value, an axis name set beyond its axis's values,
#: an axis name set one label further out than its anchor (beyond the axis's end).
_TICK_LABEL, _AXIS_NAME, _END_NAME = 0, 1, 2
#: Pixels between a tick's end and its label, and around a label when they collide.
_LABEL_GAP = 3.0


def place_labels(anchors: np.ndarray, toward: np.ndarray, half_sizes: np.ndarray,
                 kinds: np.ndarray, axes: np.ndarray) -> np.ndarray:
    """Pixel centres of axis labels set just outside their anchors, whatever the zoom.

    Parameters
    ----------
    anchors, toward : ndarray, shape (..., N, 2)
        Each label's anchor (a tick's end) on screen, in pixels, and a point a little
        further out from the box along the tick: the label goes that way.
    half_sizes : ndarray, shape (N, 2)
        Half the width and height of each label's text, in pixels.
    kinds, axes : ndarray of int, shape (N,)
        :data:`_TICK_LABEL`, :data:`_AXIS_NAME` or :data:`_END_NAME`; the axis (0, 1,
        2) it belongs to. A name goes beyond the widest of its axis's tick labels, an
        end name one more of its own size out.

    The offset is in pixels, not in display units: at any size a label clears its tick
    by :data:`_LABEL_GAP` and a name clears the values, so a small view does not pile
    them on one another (the leading ``...`` dimensions are candidate cameras).
    """
    direction = toward - anchors
    length = np.linalg.norm(direction, axis=-1, keepdims=True)
    direction = np.where(length > 1e-9, direction / np.maximum(length, 1e-9), 0.0)
    # How far the text's box reaches along the direction from its centre.
    extent = np.abs(direction[..., 0]) * half_sizes[:, 0] + np.abs(direction[..., 1]) * half_sizes[:, 1]
    offset = _LABEL_GAP + extent + np.where(kinds == _END_NAME, 2.0 * extent, 0.0)
    ticks = kinds == _TICK_LABEL
    for axis in range(3):
        names = (kinds == _AXIS_NAME) & (axes == axis)
        values = ticks & (axes == axis)
        if names.any() and values.any():
            beyond = 2.0 * extent[..., values].max(axis=-1, keepdims=True) + _LABEL_GAP
            offset = np.where(names, offset + beyond, offset)
    return anchors + direction * offset[..., None]


def _overlapping(boxes: list, kept: list[int], index: int) -> bool:
    left, top, right, bottom = boxes[index]
    return any(boxes[k][0] < right and left < boxes[k][2] and boxes[k][1] < bottom
               and top < boxes[k][3] for k in kept)


def visible_labels(centres: np.ndarray, half_sizes: np.ndarray, kinds: np.ndarray,
                   axes: np.ndarray, shown: np.ndarray) -> list[int]:
    """Indices of the labels to draw, so that no two overlap.

    Names first; then each axis's values at the smallest regular stride (every value,
    every other, every third...) at which they clear one another: a short edge then
    shows 0, 4, 8, 12 rather than a smudge or an uneven 2, 6, 10, 12; last, a value
    that still touches a name or another axis's value gives way.
    """
    pad = _LABEL_GAP / 2
    boxes = np.concatenate([centres - half_sizes - pad, centres + half_sizes + pad],
                           axis=1).tolist()
    kept: list[int] = []
    for index in np.flatnonzero(shown & (kinds != _TICK_LABEL)).tolist():
        if not _overlapping(boxes, kept, index):
            kept.append(index)
    for axis in range(3):
        values = np.flatnonzero(shown & (kinds == _TICK_LABEL) & (axes == axis)).tolist()
        chosen = values
        for stride in range(1, len(values) + 1):
            chosen = values[::stride]
            if not any(_overlapping(boxes, [a], b) for a, b in zip(chosen[:-1], chosen[1:], strict=True)):
                break
        for index in chosen:
            if not _overlapping(boxes, kept, index):
                kept.append(index)
    return kept


_label_sizes: dict[tuple[str, str], tuple[float, float]] = {}


def label_half_sizes(font: QFont, texts: list[str]) -> np.ndarray:
    """Half the width and height of each text in ``font``, in pixels."""
    font_key = font.key()
    metrics = None
    sizes = []
    for text in texts:
        size = _label_sizes.get((font_key, text))
        if size is None:
            metrics = metrics or QFontMetricsF(font)
            size = (metrics.horizontalAdvance(text) / 2, metrics.height() / 2)
            if len(_label_sizes) > 2000:
                _label_sizes.clear()
            _label_sizes[(font_key, text)] = size
        sizes.append(size)
    return np.array(sizes, dtype=np.float64).reshape(-1, 2)


def _grid_faces(nx: int, ny: int) -> np.ndarray:
    """Triangles of an nx x ny grid as a (nx-1, ny-1, 2, 3) array of vertex indices.

    Vertex (i, j) is number ``i * ny + j`` (the ravel order of Z).
    """
    index = np.arange(nx * ny, dtype=np.uint32).reshape(nx, ny)
    a = index[:-1, :-1]
    b = index[1:, :-1]
    c = index[1:, 1:]
    d = index[:-1, 1:]
    faces = np.empty((nx - 1, ny - 1, 2, 3), dtype=np.uint32)
    faces[..., 0, 0], faces[..., 0, 1], faces[..., 0, 2] = a, b, c
    faces[..., 1, 0], faces[..., 1, 1], faces[..., 1, 2] = a, c, d
    return faces


def _valid_faces(valid: np.ndarray) -> np.ndarray:
    """Triangles of a grid whose three corners are all finite samples, as (m, 3).

    Vertex (i, j) is number ``i * ny + j`` (see :func:`_grid_faces`); ``valid`` is the
    (nx, ny) array of finite samples. A hole keeps its exact edges.
    """
    keep = np.stack(
        [
            valid[:-1, :-1] & valid[1:, :-1] & valid[1:, 1:],
            valid[:-1, :-1] & valid[1:, 1:] & valid[:-1, 1:],
        ],
        axis=-1,
    )
    nx, ny = valid.shape
    return _grid_faces(nx, ny)[keep]


def _wireframe_segments(vertices: np.ndarray, valid: np.ndarray) -> np.ndarray:
    """Segments along every k-th grid row and column, skipping segments touching holes.

    ``vertices`` has shape (nx, ny, 3), ``valid`` (nx, ny).  Returns (2 s, 3) pairs.
    """
    nx, ny = valid.shape
    rows = np.unique(np.linspace(0, nx - 1, min(nx, _WIREFRAME_LINES)).round().astype(int))
    cols = np.unique(np.linspace(0, ny - 1, min(ny, _WIREFRAME_LINES)).round().astype(int))
    pieces = []
    # along y at fixed x rows
    v, ok = vertices[rows], valid[rows]
    keep = ok[:, :-1] & ok[:, 1:]
    pieces.append(np.stack([v[:, :-1][keep], v[:, 1:][keep]], axis=1))
    # along x at fixed y columns
    v, ok = vertices[:, cols], valid[:, cols]
    keep = ok[:-1, :] & ok[1:, :]
    pieces.append(np.stack([v[:-1][keep], v[1:][keep]], axis=1))
    return np.concatenate(pieces).reshape(-1, 3)


def arrow_segments(
    starts: np.ndarray, tips: np.ndarray, head_fraction: float = 0.25, max_head: float = 0.12
) -> np.ndarray:
    """Line-segment vertices of arrows: shaft plus two head strokes, 6 vertices each.

    Computed in display units so that heads look the same whatever the data scale.
    The head lies in the plane spanned by the arrow and the horizontal direction
    perpendicular to it (for an arrow on the floor: the floor itself).

    Parameters
    ----------
    starts, tips : ndarray, shape (m, 3)
        Tail and tip of every arrow; all finite.
    head_fraction : float
        Head length as a fraction of the arrow length.
    max_head : float
        Longest head, in display units.

    Returns
    -------
    ndarray, shape (6 m, 3)
        Vertex pairs (tail, tip), (tip, wing 1), (tip, wing 2) per arrow.
    """
    starts = np.asarray(starts, dtype=np.float64)
    tips = np.asarray(tips, dtype=np.float64)
    vectors = tips - starts
    lengths = np.linalg.norm(vectors, axis=1)
    safe = np.where(lengths > 0, lengths, 1.0)[:, None]
    direction = vectors / safe
    # direction × z, written out: np.cross costs ~30 µs even for one arrow.
    side = np.zeros_like(direction)
    side[:, 0], side[:, 1] = direction[:, 1], -direction[:, 0]
    side_norm = np.linalg.norm(side, axis=1)
    vertical = side_norm < 1e-6
    side[vertical] = (1.0, 0.0, 0.0)  # an upright arrow: any horizontal side will do
    side /= np.where(vertical, 1.0, side_norm)[:, None]
    head = np.minimum(head_fraction * lengths, max_head)[:, None]
    back = tips - head * direction
    wing_one = back + 0.5 * head * side
    wing_two = back - 0.5 * head * side
    out = np.empty((len(starts), 6, 3), dtype=np.float64)
    out[:, 0], out[:, 1] = starts, tips
    out[:, 2], out[:, 3] = tips, wing_one
    out[:, 4], out[:, 5] = tips, wing_two
    return out.reshape(-1, 3)


def _edge_pairs() -> np.ndarray:
    """For each corner code of marching squares, the two edges a level crosses.

    Edges: 0 bottom (a-b), 1 right (b-c), 2 top (d-c), 3 left (a-d); corner bits
    a = 1, b = 2, c = 4, d = 8. Codes with no crossing or four (saddles) get -1.
    """
    table = np.full((16, 2), -1, dtype=np.intp)
    for code in range(16):
        a, b, c, d = (bool(code & bit) for bit in (1, 2, 4, 8))
        crossed = [edge for edge, cut in enumerate((a != b, b != c, d != c, a != d)) if cut]
        if len(crossed) == 2:
            table[code] = crossed
    return table


_EDGE_PAIRS = _edge_pairs()


def isoline_segments(xs: np.ndarray, ys: np.ndarray, Z: np.ndarray, level: float) -> np.ndarray:
    """Marching squares, vectorised: the segments where Z crosses ``level``.

    Cells with a NaN corner are skipped, so holes get no invented contour lines.  A
    corner exactly at the level counts as above it.  Only the cells that the level
    crosses are interpolated (a few per row), so a 300 x 300 grid costs little.

    Returns
    -------
    ndarray, shape (2 s, 2)
        (x, y) vertex pairs, one pair per segment.
    """
    return isolines(xs, ys, Z, [level])[0]


def isolines(xs: np.ndarray, ys: np.ndarray, Z: np.ndarray, levels) -> list[np.ndarray]:
    """The segments of several levels at once (see :func:`isoline_segments`).

    One pass over the grid for all the levels: each sample gets the number of levels
    at or below it, and a cell is crossed by exactly the levels between its corners'
    smallest and largest counts. A dozen levels on a 150 x 150 grid cost about a
    millisecond instead of one pass per level.

    Returns
    -------
    list of ndarray, shape (2 s, 2)
        Per level, in the order given, the (x, y) vertex pairs of its segments.
    """
    levels = np.asarray(levels, dtype=np.float64).reshape(-1)
    empty = [np.zeros((0, 2)) for _ in levels]
    if levels.size == 0 or Z.shape[0] < 2 or Z.shape[1] < 2:
        return empty
    order = np.argsort(levels, kind="stable")
    sorted_levels = levels[order]
    finite = np.isfinite(Z)
    # band = how many levels lie at or below the sample (a corner at a level is above it).
    band = np.searchsorted(sorted_levels, np.where(finite, Z, -np.inf), side="right")
    band = band.astype(np.int32)
    ba, bb, bc, bd = band[:-1, :-1], band[1:, :-1], band[1:, 1:], band[:-1, 1:]
    low = np.minimum(np.minimum(ba, bb), np.minimum(bc, bd))
    high = np.maximum(np.maximum(ba, bb), np.maximum(bc, bd))
    cell_finite = finite[:-1, :-1] & finite[1:, :-1] & finite[1:, 1:] & finite[:-1, 1:]
    i, j = np.nonzero(cell_finite & (high > low))
    if i.size == 0:
        return empty
    # One entry per (cell, level crossing it).
    per_cell = (high[i, j] - low[i, j]).astype(np.intp)
    cell = np.repeat(np.arange(i.size), per_cell)
    starts = np.cumsum(per_cell) - per_cell
    k = low[i, j][cell] + (np.arange(cell.size) - starts[cell])
    i, j = i[cell], j[cell]
    level = sorted_levels[k]
    za, zb, zc, zd = Z[i, j], Z[i + 1, j], Z[i + 1, j + 1], Z[i, j + 1]
    x0, x1, y0, y1 = xs[i], xs[i + 1], ys[j], ys[j + 1]
    bit_a, bit_b = band[i, j] > k, band[i + 1, j] > k
    bit_c, bit_d = band[i + 1, j + 1] > k, band[i, j + 1] > k

    def crossing(v1, v2, p1, p2):
        with np.errstate(divide="ignore", invalid="ignore"):
            t = np.clip((level - v1) / (v2 - v1), 0.0, 1.0)
        return p1 + t * (p2 - p1)

    # Crossing point on each edge: bottom a-b, right b-c, top d-c, left a-d.
    points = np.empty((i.size, 4, 2))
    points[:, 0, 0], points[:, 0, 1] = crossing(za, zb, x0, x1), y0
    points[:, 1, 0], points[:, 1, 1] = x1, crossing(zb, zc, y0, y1)
    points[:, 2, 0], points[:, 2, 1] = crossing(zd, zc, x0, x1), y1
    points[:, 3, 0], points[:, 3, 1] = x0, crossing(za, zd, y0, y1)
    code = (bit_a.astype(np.uint8) | (bit_b.astype(np.uint8) << 1)
            | (bit_c.astype(np.uint8) << 2) | (bit_d.astype(np.uint8) << 3))
    rows = np.arange(i.size)
    two = _EDGE_PAIRS[code, 0] >= 0
    pairs = [np.stack([points[rows[two], _EDGE_PAIRS[code[two], 0]],
                       points[rows[two], _EDGE_PAIRS[code[two], 1]]], axis=1)]
    owners = [k[two]]
    four = (code == 5) | (code == 10)
    if np.any(four):
        # Saddle: the centre value decides which corners are joined.
        cells = points[four]
        centre_above = 0.25 * (za + zb + zc + zd)[four] >= level[four]
        join_ab_da = centre_above != bit_a[four]  # a cut off alone: (bottom, left), (right, top)
        first = np.where(join_ab_da[:, None], [0, 3], [0, 1])
        second = np.where(join_ab_da[:, None], [1, 2], [3, 2])
        pairs.append(np.take_along_axis(cells, first[:, :, None], axis=1))
        pairs.append(np.take_along_axis(cells, second[:, :, None], axis=1))
        owners += [k[four], k[four]]
    segments = np.concatenate(pairs)
    owner = np.concatenate(owners)
    by_level = np.argsort(owner, kind="stable")
    segments, owner = segments[by_level], owner[by_level]
    bounds = np.searchsorted(owner, np.arange(levels.size + 1))
    result = [None] * levels.size
    for rank, original in enumerate(order):
        result[original] = segments[bounds[rank]:bounds[rank + 1]].reshape(-1, 2)
    return result


#: Size of a stationary point's glyph (cone height, half a cross), display units.
_GLYPH_SIZE = 0.12


def _cone(apex_or_base: np.ndarray, down: bool, sides: int = 16):
    """A closed cone for a stationary point, in display units.

    ``down``: the apex touches the point and the base floats above it (a valley's ▼);
    else the base sits on the point and the apex points up (a peak's ▲).

    Returns
    -------
    vertices : ndarray (sides + 2, 3)
    faces : ndarray (2 sides, 3), wound counter-clockwise seen from outside
    shade : ndarray (2 sides,)
        Brightness of each face under a fixed light from the upper left front.
    """
    height, radius = _GLYPH_SIZE, 0.42 * _GLYPH_SIZE
    angles = np.linspace(0.0, 2 * math.pi, sides, endpoint=False)
    if down:
        apex = apex_or_base
        base_centre = apex + (0.0, 0.0, height)
    else:
        base_centre = apex_or_base
        apex = base_centre + (0.0, 0.0, height)
    ring = np.column_stack([base_centre[0] + radius * np.cos(angles),
                            base_centre[1] + radius * np.sin(angles),
                            np.full(sides, base_centre[2])])
    vertices = np.vstack([ring, apex, base_centre])
    apex_index, centre_index = sides, sides + 1
    following = (np.arange(sides) + 1) % sides
    side_faces = np.column_stack([np.arange(sides), following, np.full(sides, apex_index)])
    base_faces = np.column_stack([following, np.arange(sides), np.full(sides, centre_index)])
    if down:  # the apex is below the ring: the same triangles face the other way
        side_faces = side_faces[:, [1, 0, 2]]
        base_faces = base_faces[:, [1, 0, 2]]
    faces = np.vstack([side_faces, base_faces])
    corners = vertices[faces]
    normals = np.cross(corners[:, 1] - corners[:, 0], corners[:, 2] - corners[:, 0])
    normals /= np.linalg.norm(normals, axis=1)[:, None]
    light = np.array([-0.4, -0.5, 0.77])
    shade = 0.55 + 0.45 * np.clip(normals @ light, 0.0, 1.0)
    return vertices, faces, shade


# --------------------------------------------------------------------------- colour bar


class _ColourBar(QWidget):
    """A vertical colour bar with tick labels, painted with QPainter (raster, cheap)."""

    BAR_WIDTH = 14

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("surfaceColourBar")
        self._lut = np.zeros((2, 4), dtype=np.uint8)
        self._levels = (0.0, 1.0)
        self._theme = _resolve_theme(None)
        self._strip = QImage()
        self.setFixedWidth(72)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Expanding)

    def set_lut(self, lut: np.ndarray) -> None:
        self._lut = np.ascontiguousarray(lut[::-1], dtype=np.uint8)  # top row = highest
        rgba = np.ascontiguousarray(self._lut.reshape(-1, 1, 4))
        self._strip = QImage(rgba.data, 1, len(rgba), 4, QImage.Format.Format_RGBA8888).copy()
        self.update()

    def set_levels(self, low: float, high: float) -> None:
        old_low, old_high = self._levels
        self._levels = (low, high)
        # A change far below a pixel (the same range sampled again, rounding apart)
        # would repaint the window for nothing.
        if max(abs(low - old_low), abs(high - old_high)) > 1e-9 * (high - low):
            self.update()

    def levels(self) -> tuple[float, float]:
        return self._levels

    def set_theme(self, theme: _Theme) -> None:
        self._theme = theme
        self.update()

    def paintEvent(self, event):  # noqa: N802 (Qt override)
        painter = QPainter(self)
        painter.fillRect(self.rect(), self._theme.background)
        metrics = QFontMetrics(self.font())
        top = metrics.height() + 4
        bottom = self.height() - metrics.height() // 2 - 4
        if bottom - top < 10:
            painter.end()
            return
        bar = QRect(6, top, self.BAR_WIDTH, bottom - top)
        painter.drawImage(bar, self._strip)
        painter.setPen(self._theme.foreground)
        painter.drawRect(bar)
        title_box = QRect(0, 0, bar.right() + 8, top - 2)
        painter.drawText(title_box, Qt.AlignmentFlag.AlignCenter, "z")
        low, high = self._levels
        ticks = nice_ticks(low, high, target=min(8, max(2, (bottom - top) // 60)))
        for value in ticks:
            y = bottom - (value - low) / (high - low) * (bottom - top)
            painter.drawLine(QPointF(bar.right(), y), QPointF(bar.right() + 4, y))
            text_box = QRectF(bar.right() + 7, y - metrics.height() / 2, 60, metrics.height())
            painter.drawText(text_box, Qt.AlignmentFlag.AlignVCenter, format_tick(value, ticks))
        painter.end()


# --------------------------------------------------------------------------- GL classes

_gl_classes_cache: dict[str, type] = {}

#: 3-D views whose GL window lives in a window container (see _delete_views_at_exit).
_views_with_gl: weakref.WeakSet = weakref.WeakSet()


def _delete_views_at_exit() -> None:
    """Delete the 3-D views still alive when Python exits, before the QApplication goes.

    At exit PySide first deletes every object Python owns, the GL window among them
    (PySide keeps Python's ownership of it although its container took it over), and
    only then the QApplication, which destroys the windows still open: a container
    whose window is gone then crashed (a segmentation fault as the process ended, seen
    when a test left a closed view awaiting deletion). Registered after PySide's own
    clean-up, so it runs first (atexit is last in, first out).
    """
    import shiboken6

    for view in list(_views_with_gl):
        if shiboken6.isValid(view):
            shiboken6.delete(view)


def _gl_classes() -> dict[str, type]:
    """Build the OpenGL classes on first use, so that importing this module needs no GL."""
    if _gl_classes_cache:
        return _gl_classes_cache
    from OpenGL import GL
    from pyqtgraph.opengl import (
        GLGraphicsItem,
        GLLinePlotItem,
        GLMeshItem,
        GLScatterPlotItem,
        MeshData,
    )
    from pyqtgraph.opengl.GLViewWidget import GLViewMixin
    from PySide6.QtOpenGL import QOpenGLFramebufferObject, QOpenGLWindow

    class SurfaceGLWindow(GLViewMixin, QOpenGLWindow):
        """pyqtgraph's GL view as a QOpenGLWindow (see the module docstring for why).

        Signals
        -------
        double_clicked()
            A mouse double-click inside the window.
        """

        double_clicked = Signal()
        # Class defaults: GLViewMixin.__init__ calls update() before our __init__ body runs.
        _paint_posted = False
        _needs_paint = False
        #: (centre in window coordinates, radius) of the pointer highlight, or None.
        pointer_highlight = None

        def __init__(self):
            share = QOpenGLContext.globalShareContext()
            if share is not None:
                # Shared contexts keep pyqtgraph's once-per-process shaders valid when a
                # view is destroyed and another created (GLError 1281, docs/platform-notes.md).
                super().__init__(share, QOpenGLWindow.UpdateBehavior.NoPartialUpdate)
            else:
                super().__init__()
            surface_format = QSurfaceFormat()
            surface_format.setDepthBufferSize(24)
            # QPainter fills and strokes paths through the stencil buffer: without one
            # the pointer highlight's ring filled its whole disc.
            surface_format.setStencilBufferSize(8)
            self.setFormat(surface_format)
            self._layer_items: list = []
            self._layer_revision = 0
            self._layer = None
            self._layer_key = None
            self._last_key = None  # the layer's key in the last frame drawn
            self._layer_ok: bool | None = None

        def update(self) -> None:
            """Schedule a repaint for as soon as the event loop is free.

            ``QPaintDeviceWindow.update`` goes through ``QWindow.requestUpdate``, which
            waits for a 5 ms platform timer (QT_QPA_UPDATE_IDLE_TIME); widgets instead
            post their update request at once.  Posting one here too removes the wait.
            Requests that arrive when nothing changed since the last paint (Qt's own
            timer after ours, or a second posted one) are dropped, so every change
            costs one paint.
            """
            self._needs_paint = True
            QOpenGLWindow.update(self)  # marks the window dirty
            if not self._paint_posted:
                self._paint_posted = True
                QCoreApplication.postEvent(
                    self, QEvent(QEvent.Type.UpdateRequest), Qt.EventPriority.LowEventPriority.value
                )

        def cache_in_layer(self, item) -> None:
            """Draw ``item`` into the cached layer (see :meth:`paintGL`).

            Every ``update()`` of the item (new data, shown, hidden) draws the layer
            again at the next paint. Layer items must lie below (smaller depth value
            than) every item drawn live.
            """
            self._layer_items.append(item)
            repaint = item.update

            def update() -> None:
                self._layer_revision += 1
                repaint()

            item.update = update

        def paintGL(self) -> None:  # noqa: N802 (Qt override)
            """Draw the scene, starting from a cached picture of what did not change.

            The surface, the box and the floor's arrows stay while the point moves, but
            software GL spent most of each frame drawing them again. They are drawn
            once into a framebuffer object (colour and depth) whenever they or the
            camera change; each frame copies that in (the depth too, so curves on the
            surface are still hidden where it hides them) and draws the rest on top.
            """
            region = self.getViewport()
            if not self._layer_items or not self._layer_supported():
                super().paintGL()
                return
            self.setProjection(region, region)
            self.setModelview()
            size = QSize(region[2], region[3])
            key = (self._layer_revision, tuple(region), tuple(self.opts["bgcolor"]),
                   tuple(self.currentProjection().data()), tuple(self.currentModelView().data()))
            if key != self._layer_key and key != self._last_key:
                # Changed since the last frame (new heights, a turning camera): drawn
                # directly, as a layer drawn now would cost a copy more and might be
                # used no more than once. The layer is drawn if the next frame keeps it.
                self._last_key = key
                super().paintGL()
                return
            layer = self._layer
            if layer is None or layer.size() != size:
                layer = self._layer = QOpenGLFramebufferObject(
                    size, QOpenGLFramebufferObject.Attachment.CombinedDepthStencil)
                self._layer_key = None
            if key != self._layer_key:
                layer.bind()
                self._clear_and_draw(self._layer_items)
                layer.release()
                self._layer_key = key
            everything = GL.GL_COLOR_BUFFER_BIT | GL.GL_DEPTH_BUFFER_BIT
            QOpenGLFramebufferObject.blitFramebuffer(
                None, QRect(*region), layer, QRect(QPoint(0, 0), size), everything,
                GL.GL_NEAREST)
            live = [item for item in self.items
                    if item.parentItem() is None and item not in self._layer_items]
            self._draw_items(live)

        def _layer_supported(self) -> bool:
            if self._layer_ok is None:
                self._layer_ok = bool(QOpenGLFramebufferObject.hasOpenGLFramebufferObjects()
                                      and QOpenGLFramebufferObject.hasOpenGLFramebufferBlit())
            return self._layer_ok

        def _clear_and_draw(self, items) -> None:
            GL.glClearColor(*self.opts["bgcolor"])
            GL.glClear(GL.GL_DEPTH_BUFFER_BIT | GL.GL_COLOR_BUFFER_BIT)
            self._draw_items(items)

        def _draw_items(self, items) -> None:
            """Draw top-level ``items`` (and their children) as pyqtgraph's paint does."""
            for item in sorted(items, key=lambda i: i.depthValue()):
                if not item.visible():
                    continue
                self._modelViewStack.append(self.currentModelView() * item.transform())
                try:
                    self.drawItemTree(item)
                finally:
                    self._modelViewStack.pop()

        def event(self, event) -> bool:
            if event.type() == QEvent.Type.UpdateRequest:
                self._paint_posted = False
                if not self._needs_paint:
                    return True
                self._needs_paint = False
            return super().event(event)

        def paintOverGL(self) -> None:  # noqa: N802 (Qt override)
            """The presenter's pointer highlight, over the 3-D scene (see set_pointer_highlight)."""
            if self.pointer_highlight is None:
                return
            centre, radius = self.pointer_highlight
            paint_pointer_disc(self, centre, radius)

        def rect(self) -> QRect:
            # GLTextItem and the gradient legend ask their view for rect(); a QWindow has none.
            return QRect(0, 0, self.width(), self.height())

        def mouseDoubleClickEvent(self, event):  # noqa: N802 (Qt override)
            self.double_clicked.emit()

    class LabelsItem(GLGraphicsItem.GLGraphicsItem):
        """Many text labels at 3-D positions, drawn with one QPainter per frame.

        One ``GLTextItem`` per label would open a QPainter per label per frame. Each
        label sits a few pixels out from its anchor along its direction
        (:func:`place_labels`); labels that would overlap an earlier one are skipped
        (:func:`visible_labels`). The placement is kept while the camera, the size
        and the labels stay (a drag of the point repaints without redoing it).
        """

        def __init__(self):
            super().__init__()
            self.positions = np.zeros((0, 3), dtype=np.float64)
            self.directions = np.zeros((0, 3), dtype=np.float64)
            self.kinds = np.zeros(0, dtype=np.int64)
            self.axes = np.zeros(0, dtype=np.int64)
            self.texts: list[str] = []
            self.colour = QColor("black")
            self.font = QFont()
            self._laid_out: dict[tuple[str, str], QStaticText] = {}
            self._placement_key: tuple | None = None
            self._placement: list[tuple[float, float, str]] = []
            self.setGLOptions({GL.GL_DEPTH_TEST: False, GL.GL_BLEND: True})

        def set_labels(self, positions: np.ndarray, texts: list[str], directions=None,
                       kinds=None, axes=None) -> None:
            """Labels at ``positions`` (display units), set out along ``directions``."""
            positions = np.asarray(positions, dtype=np.float64).reshape(-1, 3)
            if (list(texts) == self.texts and positions.shape == self.positions.shape
                    and np.allclose(positions, self.positions, rtol=0.0, atol=1e-9)):
                return  # a range that moved by a rounding error: the placement holds
            self.positions = positions
            count = len(self.positions)
            self.texts = list(texts)
            self.directions = (np.zeros((count, 3)) if directions is None
                               else np.asarray(directions, dtype=np.float64).reshape(-1, 3))
            self.kinds = (np.zeros(count, dtype=np.int64) if kinds is None
                          else np.asarray(kinds, dtype=np.int64))
            self.axes = (np.zeros(count, dtype=np.int64) if axes is None
                         else np.asarray(axes, dtype=np.int64))
            self._placement_key = None
            self.update()

        def drawn_labels(self) -> list[tuple[float, float, str]]:
            """``(x, y, text)`` of the labels drawn last, centres in window pixels."""
            return list(self._placement)

        def _place(self, mvp: np.ndarray, width: int, height: int) -> None:
            count = len(self.positions)
            ends = np.concatenate([self.positions, self.positions + 0.05 * self.directions])
            clip = np.c_[ends, np.ones(2 * count)] @ mvp  # data() is column-major: (M @ p)^T
            visible = clip[:count, 3] > 1e-9
            w = np.where(clip[:, 3] > 1e-9, clip[:, 3], 1.0)
            pixels = np.column_stack([(clip[:, 0] / w + 1.0) * 0.5 * width,
                                      (1.0 - clip[:, 1] / w) * 0.5 * height])
            half = label_half_sizes(self.font, self.texts)
            centres = place_labels(pixels[:count], pixels[count:], half, self.kinds, self.axes)
            kept = sorted(visible_labels(centres, half, self.kinds, self.axes, visible))
            self._placement = [(float(centres[i, 0]), float(centres[i, 1]), self.texts[i])
                               for i in kept]

        def paint(self):
            view = self.view()
            if not self.texts or view is None:
                return
            self.setupGLState()
            mvp = np.array(self.mvpMatrix().data(), dtype=np.float64).reshape(4, 4)
            key = (mvp.tobytes(), view.width(), view.height(), self.font.key())
            if key != self._placement_key:
                self._place(mvp, view.width(), view.height())
                self._placement_key = key
            painter = QPainter(view)
            painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
            painter.setPen(self.colour)
            painter.setFont(self.font)
            # Laid-out texts are kept (QStaticText): drawText would lay each one out
            # again on every frame.
            font_key = self.font.key()
            for x, y, text in self._placement:
                static = self._laid_out.get((font_key, text))
                if static is None:
                    static = QStaticText(text)
                    static.setTextFormat(Qt.TextFormat.PlainText)
                    static.prepare(font=self.font)
                    self._laid_out[(font_key, text)] = static
                size = static.size()
                painter.drawStaticText(QPointF(x - size.width() / 2, y - size.height() / 2), static)
            painter.end()
            if len(self._laid_out) > 400:  # many relabelled ranges: start again
                self._laid_out.clear()

    _gl_classes_cache.update(
        GL=GL,
        SurfaceGLWindow=SurfaceGLWindow,
        LabelsItem=LabelsItem,
        SurfaceMeshItem=_surface_mesh_item_class(GL, GLGraphicsItem.GLGraphicsItem),
        GLLinePlotItem=GLLinePlotItem,
        GLMeshItem=GLMeshItem,
        GLScatterPlotItem=GLScatterPlotItem,
        MeshData=MeshData,
    )
    return _gl_classes_cache


#: Entries of the colour table the surface's vertex shader interpolates in (64 linear
#: steps of viridis differ from its 256-entry table by at most 2 of 255).
_SHADER_LUT_SIZE = 64
#: Triangles drawn between two flushes (see SurfaceMeshItem.paint).
_TRIANGLES_PER_FLUSH = 20_000

_SURFACE_VERTEX_SHADER = """
uniform mat4 u_mvp;
uniform vec3 u_lut[LUT_SIZE];
uniform float u_z_half;
attribute vec2 a_xy;
attribute float a_z;
attribute vec2 a_ruling;
varying vec3 v_colour;
varying vec2 v_ruling;
void main() {
    float t = clamp(a_z / (2.0 * u_z_half) + 0.5, 0.0, 1.0) * float(LUT_SIZE - 1);
    int k = int(min(floor(t), float(LUT_SIZE - 2)));
    v_colour = mix(u_lut[k], u_lut[k + 1], t - float(k));
    v_ruling = a_ruling;
    gl_Position = u_mvp * vec4(a_xy, a_z, 1.0);
}
"""

_SURFACE_FRAGMENT_SHADER = """
uniform vec4 u_line;
varying vec3 v_colour;
varying vec2 v_ruling;
void main() {
    float line = 0.0;
#ifdef RULED
    // Distance to the nearest ruling line in pixels: an antialiased line about one
    // pixel wide, faded out where the lines crowd closer than a few pixels.
    vec2 width = fwidth(v_ruling);
    vec2 distance = abs(fract(v_ruling + 0.5) - 0.5) / max(width, vec2(1e-6));
    vec2 cover = clamp(1.0 - distance, 0.0, 1.0) * (1.0 - smoothstep(0.15, 0.4, width));
    line = max(cover.x, cover.y) * u_line.a;
#endif
    gl_FragColor = vec4(mix(v_colour, u_line.rgb, line), 1.0);
}
"""


def _shader_sources(context, ruled: bool) -> tuple[str, str] | None:
    """GLSL for this context: legacy (GL 2.x, ES 2), 1.40 (GL 3.1+) or 3.00 es.

    None when the ruled variant needs derivatives that an ES 2 context lacks.
    """
    surface_format = context.format()
    version = tuple(surface_format.version())
    vertex, fragment = _SURFACE_VERTEX_SHADER, _SURFACE_FRAGMENT_SHADER
    defines = f"#define LUT_SIZE {_SHADER_LUT_SIZE}\n" + ("#define RULED\n" if ruled else "")
    modern = version >= ((3, 0) if context.isOpenGLES() else (3, 1))
    if context.isOpenGLES():
        header = "#version 300 es\n" if modern else ""
        if ruled and not modern:
            if not context.hasExtension(b"GL_OES_standard_derivatives"):
                return None
            header += "#extension GL_OES_standard_derivatives : enable\n"
        fragment = "precision mediump float;\n" + fragment
    else:
        header = "#version 140\n" if modern else ""
    if modern:
        vertex = vertex.replace("attribute ", "in ").replace("varying ", "out ")
        fragment = (fragment.replace("varying ", "in ").replace("gl_FragColor", "frag_colour")
                    .replace("void main()", "out vec4 frag_colour;\nvoid main()", 1))
    return header + defines + vertex, header + defines + fragment


def _surface_mesh_item_class(GL, base):  # noqa: N803 - the OpenGL module's usual name
    """Build :class:`SurfaceMeshItem` on pyqtgraph's ``GLGraphicsItem`` (GL imported late)."""
    from PySide6.QtOpenGL import QOpenGLBuffer

    class SurfaceMeshItem(base):
        """The surface as one indexed triangle mesh, coloured and ruled by its shaders.

        An update of the heights uploads one float per vertex and nothing else: the
        grid's floor positions, the triangles and the ruling coordinates change only
        with the grid (or with the holes); the vertex shader colours each vertex by its
        height through the colour map; the fragment shader rules the light wireframe
        lines (antialiased, with ``fwidth``), so there is no line geometry to build,
        upload and rasterise.  Where the shading language has no derivatives the
        ruling is off (:attr:`ruled` false) and the view draws line segments instead.

        Attributes
        ----------
        lut : ndarray, shape (_SHADER_LUT_SIZE, 3)
            The colour map, RGB in 0-1, lowest height first.
        line_colour : tuple
            RGBA of the ruling (alpha = how strongly it shows).
        z_half : float
            Half the display height of the z range (heights map to -z_half..z_half).
        ruled : bool or None
            Whether the shaders rule the wireframe; None until the first paint.
        """

        #: Attribute locations, bound before linking: no look-ups on every frame.
        ATTRIBUTES = (("a_xy", 2), ("a_z", 1), ("a_ruling", 2))
        #: Linked programs by variant (ruled or not), shared by the process's contexts.
        _programs: dict = {}

        def __init__(self, gl_options, on_ruling_unavailable=None):
            super().__init__()
            self.setGLOptions(gl_options)
            self.lut = np.zeros((_SHADER_LUT_SIZE, 3), dtype=np.float32)
            self.line_colour = (0.0, 0.0, 0.0, 0.35)
            self.z_half = Z_HALF_SIZE
            self.ruled: bool | None = None
            self._on_ruling_unavailable = on_ruling_unavailable
            self._arrays: dict[str, np.ndarray | None] = dict.fromkeys(
                ("a_xy", "a_z", "a_ruling", "faces"))
            self._dirty: set[str] = set()
            self._buffers: dict[str, QOpenGLBuffer] = {}
            self.index_count = 0

        def set_grid(self, xy: np.ndarray, ruling: np.ndarray) -> None:
            """Floor positions (n, 2) and ruling coordinates (n, 2), float32."""
            self._arrays["a_xy"] = np.ascontiguousarray(xy, dtype=np.float32)
            self._arrays["a_ruling"] = np.ascontiguousarray(ruling, dtype=np.float32)
            self._dirty |= {"a_xy", "a_ruling"}
            self.update()

        def set_heights(self, z: np.ndarray) -> None:
            """Display heights (n,), float32; the array is uploaded at the next paint."""
            self._arrays["a_z"] = z
            self._dirty.add("a_z")
            self.update()

        def set_faces(self, faces: np.ndarray) -> None:
            """Triangles as vertex indices (any shape, uint32)."""
            self._arrays["faces"] = np.ascontiguousarray(faces, dtype=np.uint32)
            self.index_count = self._arrays["faces"].size
            self._dirty.add("faces")
            self.update()

        @property
        def faces(self) -> np.ndarray:
            """The triangles drawn, as the vertex indices given to :meth:`set_faces`."""
            faces = self._arrays["faces"]
            return np.zeros(0, dtype=np.uint32) if faces is None else faces

        def _upload(self) -> None:
            for name in self._dirty:
                array = self._arrays[name]
                buffer = self._buffers.get(name)
                if buffer is None:
                    kind = (QOpenGLBuffer.Type.IndexBuffer if name == "faces"
                            else QOpenGLBuffer.Type.VertexBuffer)
                    buffer = self._buffers[name] = QOpenGLBuffer(kind)
                    buffer.create()
                buffer.bind()
                if buffer.size() != array.nbytes:
                    buffer.allocate(array, array.nbytes)
                else:
                    buffer.write(0, array, array.nbytes)
                buffer.release()
            self._dirty.clear()

        def _program(self):
            if self.ruled is None:
                self.ruled = self._link(True) is not None
                if not self.ruled and self._on_ruling_unavailable is not None:
                    self._on_ruling_unavailable()
            return self._link(self.ruled)

        def _link(self, ruled: bool):
            if ruled in self._programs:
                return self._programs[ruled]
            sources = _shader_sources(QOpenGLContext.currentContext(), ruled)
            program = None
            if sources is not None:
                try:
                    program = self._build_program(*sources)
                except Exception:  # noqa: BLE001 - a driver without derivatives: no ruling
                    if not ruled:
                        raise
            if program is not None:
                uniforms = {name: GL.glGetUniformLocation(program, name)
                            for name in ("u_mvp", "u_lut", "u_z_half", "u_line")}
                program = (program, uniforms)
            self._programs[ruled] = program
            return program

        def _build_program(self, vertex_source: str, fragment_source: str) -> int:
            from OpenGL.GL import shaders

            program = GL.glCreateProgram()
            GL.glAttachShader(program, shaders.compileShader(vertex_source, GL.GL_VERTEX_SHADER))
            GL.glAttachShader(program,
                              shaders.compileShader(fragment_source, GL.GL_FRAGMENT_SHADER))
            for location, (name, _size) in enumerate(self.ATTRIBUTES):
                GL.glBindAttribLocation(program, location, name)
            GL.glLinkProgram(program)
            if not GL.glGetProgramiv(program, GL.GL_LINK_STATUS):
                raise RuntimeError(f"surface shaders did not link: {GL.glGetProgramInfoLog(program)}")
            return program

        def paint(self) -> None:
            if self.index_count == 0 or self._arrays["a_z"] is None:
                return
            self.setupGLState()
            if self._dirty:
                self._upload()
            program, uniforms = self._program()
            GL.glUseProgram(program)
            try:
                mvp = np.array(self.mvpMatrix().data(), dtype=np.float32)
                GL.glUniformMatrix4fv(uniforms["u_mvp"], 1, False, mvp)
                GL.glUniform3fv(uniforms["u_lut"], len(self.lut), self.lut)
                GL.glUniform1f(uniforms["u_z_half"], self.z_half)
                if uniforms["u_line"] != -1:
                    GL.glUniform4f(uniforms["u_line"], *self.line_colour)
                for location, (name, size) in enumerate(self.ATTRIBUTES):
                    buffer = self._buffers[name]
                    buffer.bind()
                    GL.glVertexAttribPointer(location, size, GL.GL_FLOAT, False, 0, None)
                    buffer.release()
                    GL.glEnableVertexAttribArray(location)
                faces = self._buffers["faces"]
                faces.bind()
                # Software GL (llvmpipe) bins triangles on this thread and rasterises
                # them in worker threads only when flushed: drawn in slices with a
                # flush after each, rasterising one slice overlaps binning the next
                # (and the rest of the frame's items).  A 300 x 300 grid drew its
                # frame in ~25 % less time; a GPU driver barely notices the flushes.
                step = 3 * _TRIANGLES_PER_FLUSH
                for start in range(0, self.index_count, step):
                    count = min(step, self.index_count - start)
                    GL.glDrawElements(GL.GL_TRIANGLES, count, GL.GL_UNSIGNED_INT,
                                      ctypes.c_void_p(4 * start))
                    GL.glFlush()
                faces.release()
                for location in range(len(self.ATTRIBUTES)):
                    GL.glDisableVertexAttribArray(location)
            finally:
                GL.glUseProgram(0)

    return SurfaceMeshItem


# --------------------------------------------------------------------------- the view


class SurfaceView(QWidget):
    """3-D surface of z = f(x, y) coloured by height, with arrows, markers and curves.

    The surface is coloured by height with a perceptual colour map (viridis) shown in
    a colour bar beside the view; a light wireframe and a labelled box with x, y and z
    ticks give the shape and the scale.  Mouse: left-drag rotates, Ctrl+left-drag or
    middle-drag pans, the wheel zooms, arrow keys rotate, a double-click resets the
    camera.  Heights are rescaled to the floor's size for display (see the module
    docstring); every label shows true values.

    Without usable OpenGL (see :func:`opengl_available`) it shows a 2-D filled-contour
    map (``pyqtgraph.ImageItem`` with a stepped colour map plus iso-lines) in a
    ``PlotWidget`` named ``surfaceContourPlot``, and a visible notice (a ``QLabel``
    named ``surfaceNotice``) says why.  Arrows, markers and curves are then drawn by
    their (x, y) projection.

    Parameters
    ----------
    theme : object, optional
        Anything with some of the attributes ``background``, ``foreground``, ``accent``
        (QColor or ``'#rrggbb'``) and ``line_width`` (float); missing ones get defaults.
    parent : QWidget, optional

    Signals
    -------
    view_reset()
        The camera went back to its default position (:meth:`reset_view`).
    frame_swapped()
        A 3-D frame reached the screen (never emitted by the 2-D fallback).  Useful to
        measure latency or to wait for a repaint without sleeping.

    Attributes
    ----------
    is_3d : bool
        True when the OpenGL path is active.
    gl_view : QOpenGLWindow or None
        The GL window (pyqtgraph ``GLViewMixin``) in 3-D, else None.
    plot_widget : pyqtgraph.PlotWidget or None
        The 2-D contour plot in the fallback, else None.
    """

    view_reset = Signal()
    frame_swapped = Signal()

    def __init__(self, theme=None, parent=None):
        super().__init__(parent)
        self.setObjectName("surfaceView")
        self._theme = _resolve_theme(theme)
        self._lut = pg.colormap.get(_COLORMAP_NAME).getLookupTable(nPts=256, alpha=True)
        self._mapping = _DisplayMapping.fit((-1.0, 1.0), (-1.0, 1.0), (-1.0, 1.0))
        self._surface: tuple[np.ndarray, np.ndarray, np.ndarray] | None = None
        # Arrow vertices in display units; data units are worked out when asked for.
        self._arrow_display_vertices = np.zeros((0, 3))
        self._arrow_input = (np.zeros((0, 3)), np.zeros((0, 3)), None)
        self._marker_input = (np.zeros((0, 3)), None, 10.0)
        self._curve_input: tuple[list[np.ndarray], object, list[bool]] = ([], None, [])
        self._stationary_input: tuple[list, dict] = ([], {})
        self._stationary_glyphs: list[dict] = []
        self._plane_input: tuple[np.ndarray | None, object] = (None, None)
        self._plane_item = None
        self._grid_cache: dict | None = None
        self._surface_valid: np.ndarray | None = None
        self.gl_view = None
        self.plot_widget = None

        self._notice = QLabel(self)
        self._notice.setObjectName("surfaceNotice")
        self._notice.setWordWrap(True)
        self._colour_bar = _ColourBar(self)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self._notice)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        layout.addLayout(row, 1)

        ok, reason = opengl_available()
        self.is_3d = False
        if ok:
            try:
                self._build_3d(row)
                self.is_3d = True
            except Exception as exc:  # a broken driver must not take the program down
                reason = f"the 3-D view could not start ({exc})"
        if not self.is_3d:
            self._build_2d(row)
            self._notice.setText(QCoreApplication.translate(
                "SurfaceView", "3-D view unavailable: {0}. "
                "Showing a 2-D contour map instead (colour = height).").format(reason))
        self._notice.setVisible(not self.is_3d)
        row.addWidget(self._colour_bar)
        self._colour_bar.set_lut(self._fallback_lut() if not self.is_3d else self._lut)
        self.set_theme(theme)
        self._update_axes()
        self.reset_view()

    # ------------------------------------------------------------------ building

    def _build_3d(self, row: QHBoxLayout) -> None:
        if not QCoreApplication.testAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts):
            warnings.warn(
                "Qt.AA_ShareOpenGLContexts was not set before the QApplication was created: "
                "a 3-D view created after another was destroyed will draw nothing",
                RuntimeWarning,
                stacklevel=3,
            )
        gl = _gl_classes()
        GL = gl["GL"]
        window = gl["SurfaceGLWindow"]()
        self.gl_view = window
        _views_with_gl.add(self)
        atexit.unregister(_delete_views_at_exit)  # registered once, after PySide's
        atexit.register(_delete_views_at_exit)
        window.double_clicked.connect(self.reset_view)
        window.frameSwapped.connect(self.frame_swapped)
        container = QWidget.createWindowContainer(window, self)
        container.setObjectName("surfaceGLContainer")
        container.setMinimumSize(240, 180)
        container.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        container.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self._container = container
        container.installEventFilter(self)
        row.addWidget(container, 1)

        # Polygon offset pushes the filled surface back a little so that wireframe and
        # curves lying exactly on it win the depth test instead of flickering.
        surface_options = {
            GL.GL_DEPTH_TEST: True,
            GL.GL_BLEND: False,
            GL.GL_CULL_FACE: False,
            GL.GL_POLYGON_OFFSET_FILL: True,
            "glPolygonOffset": (1.0, 1.0),
        }
        # One indexed mesh whose shaders colour it by height and rule the wireframe:
        # an update uploads the heights only (see SurfaceMeshItem).
        self._surface_item = gl["SurfaceMeshItem"](
            surface_options, on_ruling_unavailable=self._draw_wireframe_lines)
        self._surface_item.lut = self._shader_lut()
        self._wire_item = gl["GLLinePlotItem"](mode="lines", glOptions="translucent")
        self._box_item = gl["GLLinePlotItem"](mode="lines", glOptions="translucent")
        self._arrow_item = gl["GLLinePlotItem"](mode="lines", glOptions="translucent")
        self._marker_item = gl["GLScatterPlotItem"](glOptions="translucent")
        # Markers must stay visible even where the surface hides them.
        self._marker_item.updateGLOptions({GL.GL_DEPTH_TEST: False})
        self._labels_item = gl["LabelsItem"]()
        # Stationary points' glyphs: cones (a mesh) and crosses and rings (lines).
        self._cone_mesh = gl["MeshData"]()
        self._cone_item = gl["GLMeshItem"](meshdata=self._cone_mesh, smooth=False,
                                          computeNormals=False, shader=None,
                                          glOptions="opaque")
        self._cone_item.updateGLOptions({GL.GL_DEPTH_TEST: False, GL.GL_CULL_FACE: True})
        self._cone_item.setDepthValue(42)
        self._cone_item.hide()
        self._glyph_lines = gl["GLLinePlotItem"](mode="lines", glOptions="translucent")
        self._glyph_lines.updateGLOptions({GL.GL_DEPTH_TEST: False})
        self._glyph_lines.setDepthValue(41)
        self._glyph_lines.hide()
        window.addItem(self._cone_item)
        window.addItem(self._glyph_lines)
        self._curve_items: list = []
        for depth, item in enumerate(
            (
                self._surface_item,
                self._wire_item,
                self._box_item,
                self._arrow_item,
                self._marker_item,
                self._labels_item,
            )
        ):
            item.setDepthValue(depth * 10)
            window.addItem(item)
        # What does not move with the point is drawn once and reused (paintGL).
        for item in (self._surface_item, self._wire_item, self._box_item, self._arrow_item):
            window.cache_in_layer(item)
        self._surface_item.hide()
        self._arrow_item.hide()
        self._marker_item.hide()
        self._wire_item.hide()

    def _build_2d(self, row: QHBoxLayout) -> None:
        plot = pg.PlotWidget()
        plot.setObjectName("surfaceContourPlot")
        plot.setAspectLocked(True)
        plot.setLabel("bottom", "x")
        plot.setLabel("left", "y")
        plot.setMinimumSize(240, 180)
        self.plot_widget = plot
        self._image_item = pg.ImageItem(axisOrder="col-major")
        self._image_item.setLookupTable(self._fallback_lut())
        self._isolines_item = pg.PlotDataItem(connect="pairs")
        self._arrows_2d_item = pg.PlotDataItem(connect="pairs")
        self._markers_2d_item = pg.ScatterPlotItem()
        self._curve_items_2d: list[pg.PlotDataItem] = []
        for item in (
            self._image_item,
            self._isolines_item,
            self._arrows_2d_item,
            self._markers_2d_item,
        ):
            plot.addItem(item)
        row.addWidget(plot, 1)

    def _shader_lut(self) -> np.ndarray:
        """The colour map sampled at :data:`_SHADER_LUT_SIZE` heights, RGB in 0-1."""
        positions = np.linspace(0.0, 1.0, _SHADER_LUT_SIZE)
        colours = pg.colormap.get(_COLORMAP_NAME).map(positions, mode="float")
        return np.ascontiguousarray(np.asarray(colours)[:, :3], dtype=np.float32)

    def _fallback_lut(self) -> np.ndarray:
        """The colour map in discrete bands: a filled-contour look."""
        band = np.minimum((np.arange(256) * _FALLBACK_BANDS) // 256, _FALLBACK_BANDS - 1)
        return self._lut[(band * 255) // (_FALLBACK_BANDS - 1)]

    # ------------------------------------------------------------------ properties

    @property
    def z_scale(self) -> float:
        """Display units per data unit of height (x and y use :attr:`xy_scale`)."""
        return self._mapping.z_scale

    @property
    def xy_scale(self) -> float:
        """Display units per data unit on the floor (the same for x and y)."""
        return self._mapping.xy_scale

    @property
    def z_range(self) -> tuple[float, float]:
        """The finite z range of the current surface: the colour bar's levels."""
        return self._colour_bar.levels()

    @property
    def floor_z(self) -> float:
        """Data z of the floor of the axes box, where an arrow field usually lies."""
        return self.z_range[0]

    @property
    def notice_text(self) -> str:
        """The fallback notice ('' in 3-D)."""
        return "" if self.is_3d else self._notice.text()

    def data_to_display(self, points) -> np.ndarray:
        """Map data points (..., 3) to the display box the 3-D scene is drawn in."""
        return self._mapping.to_display(points)

    def set_colour_bar_visible(self, visible: bool) -> None:
        """Show or hide the colour bar (e.g. when another view beside it shows one)."""
        self._colour_bar.setVisible(bool(visible))

    def set_pointer_highlight(self, position: QPoint | None, radius: int) -> None:
        """Draw a presenter's pointer highlight over the 3-D scene, or remove it (None).

        Widgets cannot be laid over the GL window's container (docs/platform-notes.md), so a
        highlight that the presentation mode draws over the other panels is drawn here
        by the GL window itself: a translucent yellow disc with a darker ring.

        Parameters
        ----------
        position : QPoint or None
            Centre in this widget's coordinates (the GL window's container need not
            sit at this widget's origin). None removes the highlight.
        radius : int
            Radius in pixels.

        A call repaints the 3-D view only when the highlight changes. The 2-D fallback
        draws nothing (a highlight laid over an ordinary widget works there).
        """
        if not self.is_3d:
            return
        wanted = None
        if position is not None:
            local = self._container.mapFrom(self, QPoint(position))
            wanted = (QPoint(local), int(radius))
        if wanted != self.gl_view.pointer_highlight:
            self.gl_view.pointer_highlight = wanted
            self.gl_view.update()

    def display_to_data(self, points) -> np.ndarray:
        """Map display-box points (..., 3) back to data coordinates."""
        return self._mapping.to_data(points)

    def arrow_vertices(self) -> np.ndarray:
        """The drawn arrow segments in data coordinates: (6 m, 3), see :meth:`set_arrows`."""
        return self._mapping.to_data(self._arrow_display_vertices)

    # ------------------------------------------------------------------ data

    def set_surface(self, xs, ys, Z) -> None:
        """Show the surface z = f(x, y) sampled on a grid, updating the items in place.

        Parameters
        ----------
        xs, ys : array_like, 1-D
            Increasing grid coordinates, at least two each.
        Z : array_like, shape (len(xs), len(ys))
            ``Z[i, j] = f(xs[i], ys[j])``.  NaN or infinite values are holes: the
            triangles touching them are not drawn (never a fake height of 0).
        """
        xs = np.asarray(xs, dtype=np.float64)
        ys = np.asarray(ys, dtype=np.float64)
        Z = np.asarray(Z, dtype=np.float64)
        if xs.ndim != 1 or ys.ndim != 1 or len(xs) < 2 or len(ys) < 2:
            raise ValueError("xs and ys must be 1-D with at least two values each")
        if Z.shape != (len(xs), len(ys)):
            raise ValueError(f"Z must have shape {(len(xs), len(ys))}, not {Z.shape}")
        self._surface = (xs, ys, Z)
        valid = np.isfinite(Z)
        z_range = _finite_range(Z, valid)
        mapping = _DisplayMapping.fit((xs[0], xs[-1]), (ys[0], ys[-1]), z_range)
        mapping_changed = mapping != self._mapping
        self._mapping = mapping
        self._colour_bar.set_levels(*z_range)
        if self.is_3d:
            self._set_surface_3d(xs, ys, Z, valid, z_range)
        else:
            self._set_surface_2d(xs, ys, Z, z_range)
        if mapping_changed:
            self._update_axes()
            if self.is_3d and getattr(self, "_default_camera", None) == self._camera():
                self._fit_camera()  # a new box shape or new labels need a new fit
            self._redraw_overlays()

    def _set_surface_3d(self, xs, ys, Z, valid, z_range) -> None:
        nx, ny = Z.shape
        cache = self._grid_cache
        if (
            cache is None
            or cache["shape"] != (nx, ny)
            or not (np.array_equal(cache["xs"], xs) and np.array_equal(cache["ys"], ys))
        ):
            # The grid's topology and floor: built and uploaded once per grid.
            xy = np.empty((nx, ny, 2), dtype=np.float32)
            xy[..., 0] = ((xs - self._mapping.x_centre) * self._mapping.xy_scale)[:, None]
            xy[..., 1] = ((ys - self._mapping.y_centre) * self._mapping.xy_scale)[None, :]
            # Ruling coordinates: whole numbers on about _WIREFRAME_LINES evenly spaced
            # lines each way (every grid line when the grid is coarser than that).
            ruling = np.empty((nx, ny, 2), dtype=np.float32)
            ruling[..., 0] = (np.arange(nx) * ((min(nx, _WIREFRAME_LINES) - 1) / (nx - 1)))[:, None]
            ruling[..., 1] = (np.arange(ny) * ((min(ny, _WIREFRAME_LINES) - 1) / (ny - 1)))[None, :]
            cache = self._grid_cache = {
                "shape": (nx, ny),
                "xs": xs.copy(),
                "ys": ys.copy(),
                "xy": xy,
                "faces": _grid_faces(nx, ny),
                "heights": np.empty((nx, ny), dtype=np.float32),
            }
            self._surface_item.set_grid(xy.reshape(-1, 2), ruling.reshape(-1, 2))
        all_valid = bool(valid.all())
        filled = Z if all_valid else np.where(valid, Z, z_range[0])
        heights = cache["heights"]
        np.multiply(filled - self._mapping.z_centre, self._mapping.z_scale, out=heights,
                    casting="same_kind")
        self._surface_item.set_heights(heights.reshape(-1))  # uploaded at the next paint
        self._surface_valid = valid
        if not all_valid or cache.get("had_holes", False):
            cache["drawn_faces"] = None  # holes come and go with the function: new triangles
        cache["had_holes"] = not all_valid
        self._draw_faces()
        if self._surface_item.ruled is False:
            self._draw_wireframe_lines()

    def _draw_faces(self) -> None:
        """Hand the mesh the grid's triangles, without those touching a hole.

        Only the index list changes, and only when the holes moved: the heights and
        floor positions stay uploaded.
        """
        cache = self._grid_cache
        if cache is None or self._surface_valid is None or cache.get("drawn_faces") is not None:
            return
        valid = self._surface_valid
        faces = cache["faces"] if valid.all() else _valid_faces(valid)
        cache["drawn_faces"] = faces
        self._surface_item.set_faces(faces)
        self._surface_item.setVisible(self._surface_item.index_count > 0)

    def drawn_mesh(self) -> tuple[np.ndarray, np.ndarray]:
        """The surface mesh as drawn (3-D only): data vertices (n, 3) and triangles (m, 3).

        Vertices are the grid's samples in ravel order (holes at the lowest height);
        the triangles index them. For tests and export.
        """
        cache = self._grid_cache
        if not self.is_3d or cache is None:
            return np.zeros((0, 3)), np.zeros((0, 3), dtype=np.uint32)
        display = np.concatenate([cache["xy"], cache["heights"][..., None]], axis=2)
        faces = self._surface_item.faces
        return self._mapping.to_data(display.reshape(-1, 3)), faces.reshape(-1, 3)

    def _draw_wireframe_lines(self) -> None:
        """The wireframe as line segments, where the shaders cannot rule it."""
        if self._surface is None or self._grid_cache is None:
            return
        vertices = np.concatenate(
            [self._grid_cache["xy"], self._grid_cache["heights"][..., None]], axis=2)
        wire = _wireframe_segments(vertices, self._surface_valid)
        self._wire_item.setData(pos=wire, color=_rgba_f(self._theme.foreground, 0.35), width=1.0)
        self._wire_item.setVisible(len(wire) > 0)

    def _set_surface_2d(self, xs, ys, Z, z_range) -> None:
        low, high = z_range
        self._image_item.setImage(Z, levels=(low, high), autoLevels=False)
        dx = (xs[-1] - xs[0]) / (len(xs) - 1)
        dy = (ys[-1] - ys[0]) / (len(ys) - 1)
        # Pixel centres sit on the grid points.
        self._image_item.setRect(
            QRectF(xs[0] - dx / 2, ys[0] - dy / 2, xs[-1] - xs[0] + dx, ys[-1] - ys[0] + dy)
        )
        levels = low + (high - low) * np.arange(1, _FALLBACK_BANDS) / _FALLBACK_BANDS
        extent = (xs[0], xs[-1], ys[0], ys[-1])
        if extent != getattr(self, "_fallback_extent", None):
            self._fallback_extent = extent
            self.plot_widget.setRange(xRange=extent[:2], yRange=extent[2:], padding=0.02)
        segments = isolines(xs, ys, Z, levels)
        lines = np.concatenate(segments) if segments else np.zeros((0, 2))
        self._isolines_item.setData(lines[:, 0], lines[:, 1])

    def set_arrows(self, starts, vectors, colors=None) -> None:
        """Draw an arrow field: arrow k goes from ``starts[k]`` to ``starts[k] + vectors[k]``.

        All arrows are one line item (segments), so a 20 x 20 field costs one draw call.
        Each arrow with finite start and vector gives 6 vertices (shaft and two head
        strokes, see :meth:`arrow_vertices`); the others are skipped.

        Parameters
        ----------
        starts, vectors : array_like, shape (m, 3)
            Data coordinates.  Put z at :attr:`floor_z` for a field on the floor.
            Empty arrays clear the field.
        colors : optional
            One colour (name, QColor, RGBA tuple) or an (m, 3|4) array in 0-1;
            default: the theme's accent colour.  The 2-D fallback draws all arrows
            in the first colour.
        """
        starts = np.asarray(starts, dtype=np.float64).reshape(-1, 3)
        vectors = np.asarray(vectors, dtype=np.float64).reshape(-1, 3)
        if starts.shape != vectors.shape:
            raise ValueError("starts and vectors must have the same shape (m, 3)")
        self._arrow_input = (starts, vectors, colors)
        self._redraw_arrows()

    def set_markers(self, points, colors=None, size: float = 10.0) -> None:
        """Mark points, e.g. the current point and the stationary points.

        Markers are drawn on top (not hidden by the surface).

        Parameters
        ----------
        points : array_like, shape (k, 3)
            Data coordinates; rows with non-finite values are skipped.  Empty clears.
        colors : optional
            One colour or a (k, 3|4) array in 0-1; default: the accent colour.
        size : float
            Diameter in pixels.
        """
        points = np.asarray(points, dtype=np.float64).reshape(-1, 3)
        self._marker_input = (points, colors, float(size))
        self._redraw_markers()

    def set_stationary(self, points, colors=None, curves=None) -> None:
        """Mark classified stationary points with glyphs whose shape says the kind.

        * ``minimum``: a cone pointing down onto the point (▼), above the surface;
        * ``maximum``: a cone standing on the point, pointing up (▲);
        * ``saddle``: a cross of two short curves through the point, the surface's
          principal curves (give them in ``curves``; without them, two straight
          strokes along x and y), one bending up, one down;
        * ``degenerate`` (the test fails): a horizontal ring around the point.

        Glyphs are drawn over the surface (never hidden by it), with a fixed size in
        display units (they grow and shrink with zoom like the rest of the scene).

        Parameters
        ----------
        points : sequence of (kind, (x, y, z))
            Data coordinates; non-finite points are skipped.
        colors : dict, optional
            Kind -> colour (name, QColor or RGBA tuple); default: the accent colour.
        curves : dict, optional
            Index into ``points`` -> list of (n, 3) data arrays (a saddle's cross).
        """
        entries = []
        for index, (kind, point) in enumerate(points):
            point = np.asarray(point, dtype=np.float64).reshape(3)
            extra = [np.asarray(c, dtype=np.float64).reshape(-1, 3)
                     for c in (curves or {}).get(index, [])]
            entries.append((str(kind), point, extra))
        self._stationary_input = (entries, dict(colors or {}))
        self._redraw_stationary()

    def stationary_glyphs(self) -> list[dict]:
        """The glyphs drawn (3-D) as dicts: ``kind``, ``point`` (data), ``shape`` and,
        for a cross or a ring, its ``curves`` (data arrays); for tests and export."""
        return [dict(glyph) for glyph in self._stationary_glyphs]

    def set_curves(self, curves, colors=None, on_top=None) -> None:
        """Draw polylines on or above the surface, e.g. slices x = x0 and y = y0.

        Parameters
        ----------
        curves : list of ndarray, each (n, 3)
            Data coordinates.  NaN rows break a curve.  Line items are reused.
        colors : optional
            One colour for all, or a list with one colour per curve; default: accent.
        on_top : list of bool, optional
            One flag per curve: True draws that curve over the surface even where the
            surface hides it (a tangent line or an arrow in the tangent plane lies
            *under* a convex surface).  Default: every curve is depth-tested.
        """
        curves = [np.asarray(c, dtype=np.float64).reshape(-1, 3) for c in curves]
        flags = [False] * len(curves) if on_top is None else [bool(f) for f in on_top]
        if len(flags) != len(curves):
            raise ValueError("give one on_top flag per curve")
        self._curve_input = (curves, colors, flags)
        self._redraw_curves()

    def set_plane(self, points, color=None) -> None:
        """Draw a translucent patch, e.g. the tangent plane at a point (3-D only).

        Parameters
        ----------
        points : array_like, shape (n, m, 3), or None
            A grid of data points (n, m >= 2); cells with a non-finite corner are not
            drawn.  None (or an empty array) hides the patch.
        color : optional
            One colour (alpha is kept if given as an RGBA tuple); default: the accent
            colour at 35 % opacity.  The 2-D fallback draws nothing.
        """
        if points is not None:
            points = np.asarray(points, dtype=np.float64)
            if points.size == 0:
                points = None
            elif points.ndim != 3 or points.shape[2] != 3 or min(points.shape[:2]) < 2:
                raise ValueError("points must have shape (n, m, 3) with n, m >= 2")
        self._plane_input = (points, color)
        self._redraw_plane()

    def _redraw_plane(self) -> None:
        if not self.is_3d:
            return
        points, color = self._plane_input
        if points is None:
            if self._plane_item is not None:
                self._plane_item.hide()
            return
        gl = _gl_classes()
        if self._plane_item is None:
            self._plane_mesh = gl["MeshData"]()
            # Drawn after the surface, before the curves: lines drawn on top stay crisp.
            self._plane_item = gl["GLMeshItem"](
                meshdata=self._plane_mesh, smooth=False, shader=None, glOptions="translucent"
            )
            # A tangent plane lies under a convex surface: depth-tested it would vanish.
            self._plane_item.updateGLOptions({gl["GL"].GL_DEPTH_TEST: False})
            self._plane_item.setDepthValue(33)
            self.gl_view.addItem(self._plane_item)
        n, m = points.shape[:2]
        display = self._mapping.to_display(points)
        valid = np.isfinite(display).all(axis=2)
        faces = _grid_faces(n, m)
        keep = np.stack(
            [
                valid[:-1, :-1] & valid[1:, :-1] & valid[1:, 1:],
                valid[:-1, :-1] & valid[1:, 1:] & valid[:-1, 1:],
            ],
            axis=-1,
        )
        faces = faces[keep]
        vertices = np.where(valid[..., None], display, 0.0).reshape(-1, 3)
        self._plane_mesh.setVertexes(vertices.astype(np.float32))
        self._plane_mesh.setFaces(faces)
        if color is None:
            rgba = _rgba_f(self._theme.accent, 0.35)
        elif isinstance(color, (tuple, list)) and all(isinstance(c, float) for c in color):
            rgba = tuple(color) + (0.35,) * (4 - len(color))
        else:
            rgba = _rgba_f(QColor(pg.mkColor(color)), 0.35)
        self._plane_item.setColor(rgba)
        self._plane_item.meshDataChanged()
        self._plane_item.setVisible(len(faces) > 0)

    def _redraw_overlays(self) -> None:
        self._redraw_arrows()
        self._redraw_markers()
        self._redraw_stationary()
        self._redraw_curves()
        self._redraw_plane()

    def _redraw_arrows(self) -> None:
        starts, vectors, colors = self._arrow_input
        finite = np.isfinite(starts).all(axis=1) & np.isfinite(vectors).all(axis=1)
        colour = _colour_array(colors, len(starts), self._theme.accent)
        starts, vectors = starts[finite], vectors[finite]
        display_start = self._mapping.to_display(starts)
        display_tip = self._mapping.to_display(starts + vectors)
        display_vertices = arrow_segments(display_start, display_tip)
        self._arrow_display_vertices = display_vertices
        if isinstance(colour, np.ndarray):
            colour = np.repeat(colour[finite], 6, axis=0)
        if self.is_3d:
            if len(display_vertices):
                self._arrow_item.setData(
                    pos=display_vertices.astype(np.float32),
                    color=colour,
                    width=1.5 * self._theme.line_width,
                )
            self._arrow_item.setVisible(len(display_vertices) > 0)
        else:
            xy = self._mapping.to_data(display_vertices)[:, :2]
            pen_colour = colour if isinstance(colour, tuple) else tuple(colour[0])
            self._arrows_2d_item.setData(
                xy[:, 0],
                xy[:, 1],
                pen=pg.mkPen(QColor.fromRgbF(*pen_colour), width=self._theme.line_width),
            )

    def _redraw_markers(self) -> None:
        points, colors, size = self._marker_input
        colour = _colour_array(colors, len(points), self._theme.accent)
        finite = np.isfinite(points).all(axis=1)
        points = points[finite]
        if isinstance(colour, np.ndarray):
            colour = colour[finite]
        if self.is_3d:
            if len(points):
                self._marker_item.setData(
                    pos=self._mapping.to_display(points), color=colour, size=size
                )
            self._marker_item.setVisible(len(points) > 0)
        else:
            if isinstance(colour, np.ndarray):
                brushes = [pg.mkBrush(QColor.fromRgbF(*c)) for c in colour]
            else:
                brushes = pg.mkBrush(QColor.fromRgbF(*colour))
            self._markers_2d_item.setData(
                x=points[:, 0], y=points[:, 1], size=size, brush=brushes, pen=None
            )

    def _redraw_stationary(self) -> None:
        entries, colours = self._stationary_input
        glyphs = []
        for kind, point, curves in entries:
            if not np.isfinite(point).all():
                continue
            shape = {"minimum": "cone down", "maximum": "cone up", "saddle": "cross",
                     "degenerate": "ring"}.get(kind, "ring")
            glyph = {"kind": kind, "point": point, "shape": shape}
            if shape == "cross":
                glyph["curves"] = curves or self._straight_cross(point)
            elif shape == "ring":
                glyph["curves"] = [self._ring(point)]
            glyphs.append(glyph)
        self._stationary_glyphs = glyphs
        if not self.is_3d:
            return
        rgba = {kind: _colour_array(colours.get(kind), 1, self._theme.accent)
                for kind in {glyph["kind"] for glyph in glyphs}}
        # Cones: one mesh with a colour per face, shaded by a fixed light so they read
        # as solids; back faces culled, so no depth test is needed to draw them right.
        vertices, faces, face_colours = [], [], []
        for glyph in glyphs:
            if glyph["shape"].startswith("cone"):
                v, f, shade = _cone(self._mapping.to_display(glyph["point"]).astype(np.float64),
                                    down=glyph["shape"] == "cone down")
                faces.append(f + sum(len(x) for x in vertices))
                vertices.append(v)
                colour = np.array(rgba[glyph["kind"]], dtype=np.float64)
                shaded = np.repeat(colour[None, :], len(f), axis=0)
                shaded[:, :3] *= shade[:, None]
                face_colours.append(shaded)
        if vertices:
            self._cone_mesh.setVertexes(np.concatenate(vertices).astype(np.float32))
            self._cone_mesh.setFaces(np.concatenate(faces).astype(np.uint32))
            self._cone_mesh.setFaceColors(np.concatenate(face_colours).astype(np.float32))
            self._cone_item.meshDataChanged()
        self._cone_item.setVisible(bool(vertices))
        # Crosses and rings: line segments in the kind's colour, over the surface.
        pieces, piece_colours = [], []
        for glyph in glyphs:
            for curve in glyph.get("curves", []):
                display = self._mapping.to_display(curve)
                keep = np.isfinite(display[:-1]).all(axis=1) & np.isfinite(display[1:]).all(axis=1)
                pairs = np.stack([display[:-1][keep], display[1:][keep]], axis=1).reshape(-1, 3)
                pieces.append(pairs)
                piece_colours.append(np.repeat(np.array([rgba[glyph["kind"]]]), len(pairs), axis=0))
        if pieces and sum(len(p) for p in pieces):
            self._glyph_lines.setData(pos=np.concatenate(pieces).astype(np.float32),
                                      color=np.concatenate(piece_colours).astype(np.float32),
                                      width=3.0 * self._theme.line_width)
            self._glyph_lines.show()
        else:
            self._glyph_lines.hide()

    def _glyph_size(self) -> float:
        """Size of a stationary-point glyph in data units along the floor."""
        return _GLYPH_SIZE / self._mapping.xy_scale

    def _straight_cross(self, point: np.ndarray) -> list[np.ndarray]:
        half = self._glyph_size()
        steps = np.linspace(-half, half, 2)
        return [np.column_stack([point[0] + steps, np.full(2, point[1]), np.full(2, point[2])]),
                np.column_stack([np.full(2, point[0]), point[1] + steps, np.full(2, point[2])])]

    def _ring(self, point: np.ndarray) -> np.ndarray:
        angles = np.linspace(0.0, 2 * math.pi, 33)
        radius = 0.6 * self._glyph_size()
        return np.column_stack([point[0] + radius * np.cos(angles),
                                point[1] + radius * np.sin(angles),
                                np.full(angles.size, point[2])])

    def _redraw_curves(self) -> None:
        curves, colors, on_top = self._curve_input
        if (
            colors is None
            or not isinstance(colors, (list, np.ndarray))
            or (isinstance(colors, np.ndarray) and colors.ndim == 1)
            or all(isinstance(c, (int, float)) for c in colors)  # one RGB(A) list
        ):
            per_curve = [colors] * len(curves)
        else:
            per_curve = list(colors)
            if len(per_curve) != len(curves):
                raise ValueError("give one colour per curve")
        width = 2.0 * self._theme.line_width
        if self.is_3d:
            # Two line items for all curves, not one per curve: every item costs a
            # shader bind and an upload per frame, ~0.15 ms each while the point moves.
            gl = _gl_classes()
            if not self._curve_items:
                for top in (False, True):
                    item = gl["GLLinePlotItem"](mode="lines", glOptions="translucent")
                    item.updateGLOptions({gl["GL"].GL_DEPTH_TEST: not top})
                    item.setDepthValue(35)
                    self.gl_view.addItem(item)
                    self._curve_items.append(item)
            groups = {False: ([], []), True: ([], [])}
            for curve, colour, top in zip(curves, per_curve, on_top, strict=True):
                display = self._mapping.to_display(curve)
                keep = np.isfinite(display[:-1]).all(axis=1) & np.isfinite(display[1:]).all(axis=1)
                pairs = np.stack([display[:-1][keep], display[1:][keep]], axis=1).reshape(-1, 3)
                if len(pairs):
                    rgba = np.asarray(_colour_array(colour, 1, self._theme.accent),
                                      dtype=np.float32).reshape(-1, 4)[:1]
                    groups[top][0].append(pairs)
                    groups[top][1].append(np.repeat(rgba, len(pairs), axis=0))
            for item, top in zip(self._curve_items, (False, True), strict=True):
                pieces, colours = groups[top]
                if pieces:
                    item.setData(pos=np.concatenate(pieces), color=np.concatenate(colours),
                                 width=width)
                item.setVisible(bool(pieces))
        else:
            while len(self._curve_items_2d) < len(curves):
                item = pg.PlotDataItem(connect="finite")
                self.plot_widget.addItem(item)
                self._curve_items_2d.append(item)
            for item, curve, colour in zip(
                self._curve_items_2d[: len(curves)], curves, per_curve, strict=True
            ):
                rgba = _colour_array(colour, 1, self._theme.accent)
                item.setData(
                    curve[:, 0], curve[:, 1], pen=pg.mkPen(QColor.fromRgbF(*rgba), width=width)
                )
                item.show()
            for item in self._curve_items_2d[len(curves) :]:
                item.hide()

    # ------------------------------------------------------------------ axes and camera

    def _update_axes(self) -> None:
        """Box edges, ticks and labels for the current mapping (3-D only)."""
        if not self.is_3d:
            return
        m = self._mapping
        hx, hy, hz = m.half_x, m.half_y, Z_HALF_SIZE
        corners = np.array(
            [[sx * hx, sy * hy, sz * hz] for sz in (-1, 1) for sy in (-1, 1) for sx in (-1, 1)]
        )
        edges = [(0, 1), (2, 3), (0, 2), (1, 3), (4, 5), (6, 7), (4, 6), (5, 7)]
        edges += [(0, 4), (1, 5), (2, 6), (3, 7)]
        segments = [corners[list(e)] for e in edges]
        tick = 0.04
        x_range = (m.x_centre - hx / m.xy_scale, m.x_centre + hx / m.xy_scale)
        y_range = (m.y_centre - hy / m.xy_scale, m.y_centre + hy / m.xy_scale)
        z_range = (m.z_centre - hz / m.z_scale, m.z_centre + hz / m.z_scale)

        # x ticks on the front edge (y = min), y ticks on the right edge (x = max), z ticks
        # on the left vertical edge, as seen from the default camera. Each label hangs
        # off its tick's end, pushed out along the tick (pixels, see place_labels); each
        # axis's name goes beyond its values, at the middle of the axis.
        labels: list[tuple] = []  # (anchor, direction, text, kind, axis)
        outward = (np.array([0.0, -1.0, 0.0]), np.array([1.0, 0.0, 0.0]),
                   np.array([-1.0, -1.0, 0.0]) / math.sqrt(2.0))
        ticks = nice_ticks(*x_range)
        for value in ticks:
            x = (value - m.x_centre) * m.xy_scale
            segments.append(np.array([[x, -hy, -hz], [x, -hy - tick, -hz]]))
            labels.append(([x, -hy - tick, -hz], outward[0], format_tick(value, ticks), 0))
        ticks = nice_ticks(*y_range)
        for value in ticks:
            y = (value - m.y_centre) * m.xy_scale
            segments.append(np.array([[hx, y, -hz], [hx + tick, y, -hz]]))
            labels.append(([hx + tick, y, -hz], outward[1], format_tick(value, ticks), 1))
        ticks = nice_ticks(*z_range)
        for value in ticks:
            z = (value - m.z_centre) * m.z_scale
            segments.append(np.array([[-hx, -hy, z], [-hx - tick, -hy - tick, z]]))
            labels.append(([-hx - tick, -hy - tick, z], outward[2], format_tick(value, ticks), 2))
        kinds = [_TICK_LABEL] * len(labels)
        # x and y beside the middle of their edges; z above the top of its edge, where
        # the picture has room (beside the values it took the place of one of them).
        labels.append(([0.0, -hy - tick, -hz], outward[0], "x", 0))
        labels.append(([hx + tick, 0.0, -hz], outward[1], "y", 1))
        labels.append(([-hx, -hy, hz], np.array([0.0, 0.0, 1.0]), "z", 2))
        kinds += [_AXIS_NAME, _AXIS_NAME, _END_NAME]

        self._box_item.setData(
            pos=np.concatenate(segments).astype(np.float32),
            color=_rgba_f(self._theme.foreground, 0.6),
            width=self._theme.line_width,
        )
        self._labels_item.set_labels(
            np.array([label[0] for label in labels], dtype=np.float64),
            [label[2] for label in labels],
            directions=np.array([label[1] for label in labels]),
            kinds=np.array(kinds),
            axes=np.array([label[3] for label in labels]),
        )

    def _fitting_camera(
        self, fov: float, elevation: float, azimuth: float, size: tuple | None = None
    ) -> tuple[float, np.ndarray]:
        """Camera distance and look-at point at which the box and its labels fill the window.

        The labels' size is in pixels (the font's), the box's scales with the distance:
        the distance is the nearest of a range of candidates at which the box's corners
        and the labels' rectangles fit in the window less a small margin, and the look-at
        point is moved so that this picture is centred (the labels hang off the bottom
        and the sides, not the top). pyqtgraph's ``fov`` is the horizontal angle; the
        vertical one shrinks with the window's height / width.
        """
        m = self._mapping
        width, height = size if size is not None else (self.gl_view.width(), self.gl_view.height())
        width, height = float(max(1, width)), float(max(1, height))
        labels = self._labels_item
        key = (width, height, fov, elevation, azimuth, m.half_x, m.half_y, labels.font.key(),
               tuple(labels.texts))
        cached = getattr(self, "_fit_cache", None)
        if cached is not None and cached[0] == key:
            return cached[1]
        half = label_half_sizes(labels.font, labels.texts)
        corners = np.array([[sx * m.half_x, sy * m.half_y, sz * Z_HALF_SIZE]
                            for sx in (-1, 1) for sy in (-1, 1) for sz in (-1, 1)])
        anchors = labels.positions
        toward = anchors + 0.05 * labels.directions
        points = np.concatenate([corners, anchors, toward])
        elev, azim = math.radians(elevation), math.radians(azimuth)
        towards_camera = np.array(
            [math.cos(elev) * math.cos(azim), math.cos(elev) * math.sin(azim), math.sin(elev)]
        )
        right = np.cross(-towards_camera, [0.0, 0.0, 1.0])
        right /= np.linalg.norm(right)
        up = np.cross(right, -towards_camera)
        tan_h = math.tan(math.radians(fov) / 2)
        tan_v = tan_h * height / width
        margin = 4.0
        distances = np.geomspace(1.0, 40.0, 160)
        centre = np.array([0.0, 0.0, _LOOK_AT_Z])
        n_corners, n_labels = len(corners), len(anchors)
        for _ in range(2):  # fit, centre, fit again around the new centre
            relative = points - centre
            depth = distances[:, None] - relative @ towards_camera  # (C, P)
            depth = np.maximum(depth, 1e-6)
            px = width / 2 + (relative @ right) / depth / tan_h * width / 2
            py = height / 2 - (relative @ up) / depth / tan_v * height / 2
            screen = np.stack([px, py], axis=-1)
            boxes = [screen[:, :n_corners]]
            if n_labels:
                centres = place_labels(screen[:, n_corners:n_corners + n_labels],
                                       screen[:, n_corners + n_labels:], half,
                                       labels.kinds, labels.axes)
                boxes += [centres - half, centres + half]
            extent = np.concatenate(boxes, axis=1)
            low, high = extent.min(axis=1), extent.max(axis=1)
            fits = np.all(high - low <= np.array([width, height]) - 2 * margin, axis=1)
            choice = int(np.argmax(fits)) if fits.any() else len(distances) - 1
            distance = float(distances[choice])
            # Centre the picture: move the look-at point by the pixel offset, converted
            # at the look-at point's depth.
            offset = (low[choice] + high[choice]) / 2 - np.array([width / 2, height / 2])
            scale_x = distance * tan_h / (width / 2)
            scale_y = distance * tan_v / (height / 2)
            centre = centre + right * offset[0] * scale_x - up * offset[1] * scale_y
        result = (distance, centre)
        self._fit_cache = (key, result)
        return result

    def reset_view(self) -> None:
        """Put the camera back: looking at the box centre from a distance that fits it."""
        if self.is_3d:
            self._fit_camera()
        elif self._surface is not None:
            xs, ys, _ = self._surface
            self.plot_widget.setRange(xRange=(xs[0], xs[-1]), yRange=(ys[0], ys[-1]), padding=0.02)
        self.view_reset.emit()

    def _fit_camera(self, size: tuple | None = None) -> None:
        fov, elevation, azimuth = 45.0, 28.0, -60.0
        self.gl_view.opts["fov"] = fov
        distance, centre = self._fitting_camera(fov, elevation, azimuth, size)
        self.gl_view.setCameraPosition(
            pos=pg.Vector(*centre), distance=distance, elevation=elevation, azimuth=azimuth)
        self._default_camera = self._camera()

    def _camera(self) -> tuple:
        opts = self.gl_view.opts
        centre = opts["center"]
        return (opts["distance"], opts["elevation"], opts["azimuth"], opts["fov"],
                centre.x(), centre.y(), centre.z())

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt override)
        # A resized view whose camera nobody has moved is fitted again: the box fills
        # a wide, short dock as well as a tall one.
        if (
            event.type() == QEvent.Type.Resize
            and self.is_3d
            and getattr(self, "_default_camera", None) == self._camera()
        ):
            self._fit_camera((event.size().width(), event.size().height()))
        return False

    # ------------------------------------------------------------------ output and theme

    def grab_image(self) -> QImage:
        """The picture of the surface: the GL framebuffer in 3-D, a widget grab in 2-D.

        ``QWidget.grab()`` would show the 3-D area blank (docs/platform-notes.md), hence the
        framebuffer.  The colour bar is not part of the 3-D image.
        """
        if not self.is_3d:
            return self.grab().toImage()
        window = self.gl_view
        if window.isExposed() and window.isValid():
            # After a swap the back buffer's content is undefined on many drivers: draw
            # the current scene into it now, then read it back (without swapping).
            window.makeCurrent()
            _gl_classes()["GL"].glViewport(0, 0, window.deviceWidth(), window.deviceHeight())
            window.paintGL()
            window.paintOverGL()
        return window.grabFramebuffer()

    def set_theme(self, theme) -> None:
        """Apply colours and line widths (see the class docstring for the attributes)."""
        self._theme = _resolve_theme(theme)
        self._colour_bar.set_theme(self._theme)
        self._notice.setStyleSheet(
            f"QLabel {{ background: {self._theme.accent.name()}; color: white; padding: 4px; }}"
        )
        if self.is_3d:
            self.gl_view.setBackgroundColor(self._theme.background)
            self._labels_item.colour = QColor(self._theme.foreground)
            self._surface_item.line_colour = _rgba_f(self._theme.foreground, 0.35)
            self._surface_item.update()
            font_size = getattr(theme, "font_size", None)  # visualizer.theme.Theme has one
            if callable(font_size):
                font = QFont()
                font.setPointSizeF(font_size(0.9))
                self._labels_item.font = font
            self._update_axes()
            if getattr(self, "_default_camera", None) == self._camera():
                self._fit_camera()  # labels of another size: the picture fits again
            if self._surface is not None:
                self.set_surface(*self._surface)
        else:
            self.plot_widget.setBackground(self._theme.background)
            for name in ("bottom", "left"):
                axis = self.plot_widget.getAxis(name)
                axis.setPen(self._theme.foreground)
                axis.setTextPen(self._theme.foreground)
            self._isolines_item.setPen(pg.mkPen(QColor(self._theme.foreground), width=1))
        self._redraw_overlays()
