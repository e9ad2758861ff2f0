"""The top-down (contour) view of f(x, y) with a draggable point and direction.

A pastel colour map of the height (the 3-D view's colours, lightened so that lines and
arrows read on it), labelled level curves, an optional gradient field, and at the point
(x0, y0): the gradient arrow (always perpendicular to the level curve: x and y share
one scale), the direction u with a handle at its tip, the level curve's tangent, and
the guide lines x = x0, y = y0 and the line along u where the slices are cut.

Interaction (the view never changes the model itself; it asks through signals):

* mouse: press anywhere to put the point there (on a stationary point's marker: exactly
  on that point), drag the point; drag the round handle at the tip of u to turn u;
* keyboard (click the view or Tab to it): arrows move the point, with Shift in fine
  steps; ``[`` and ``]`` turn u (Shift: by 1° instead of 5°).

pyqtgraph drops mouse moves that arrive less than 10 ms apart and can lose the last
position of a drag (docs/platform-notes.md), so the view reads the raw Qt events of its viewport
and coalesces them itself: at most one request per display frame, the latest position
wins, and the release always delivers the final position.
"""

from __future__ import annotations

import math
import time

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QEvent, QObject, QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFont, QGuiApplication, QPainter
from PySide6.QtWidgets import QGraphicsItem, QVBoxLayout, QWidget

from visualizer.core.directional import GradientField, unit_vector
from visualizer.panels.plot_style import pen, style_plot
from visualizer.panels.redraw import cache_axes
from visualizer.panels.surface_style import (
    KIND_SYMBOLS,
    KINDS,
    Dot,
    FramedCurve,
    blend,
    kind_names,
    lab_colours,
    number,
    ramp,
    tr,
)
from visualizer.panels.surface_view import arrow_segments, format_tick, isolines, nice_ticks
from visualizer.theme import LIGHT, Theme

__all__ = ["ContourView", "FrameThrottle", "arrows_2d"]

#: The gradient arrow and the direction arrow at the point, as fractions of the longer side.
GRADIENT_LENGTH = 0.22
DIRECTION_LENGTH = 0.16
#: Half-length of the level curve's tangent drawn through the point.
LEVEL_TANGENT_HALF = 0.12
#: Isolines are traced on at most this many samples per side (finer adds nothing visible).
ISOLINE_MAX_SAMPLES = 120
#: Shades of the normalised gradient field (one line item each).
FIELD_SHADES = 6
#: How far (in pixels, at scale 1) a press may miss a handle and still grab it.
GRAB_RADIUS = 12
#: Keyboard steps as fractions of the range: normal and fine (Shift).
KEY_STEP, FINE_KEY_STEP = 0.02, 0.002
KEY_TURN_DEGREES, FINE_KEY_TURN_DEGREES = 5.0, 1.0
#: Lighten the colour map this much towards the background.
PASTEL = 0.45
#: Width (px) of the frame that shows the map has the keyboard focus.
FOCUS_FRAME = 2


def arrows_2d(starts, vectors, max_head: float) -> tuple[np.ndarray, np.ndarray]:
    """x and y arrays of arrows for a ``connect="pairs"`` item (6 vertices per arrow)."""
    starts = np.asarray(starts, dtype=np.float64).reshape(-1, 2)
    vectors = np.asarray(vectors, dtype=np.float64).reshape(-1, 2)
    if len(starts) == 0:
        return np.zeros(0), np.zeros(0)
    flat = np.zeros((len(starts), 3))
    tips = np.zeros((len(starts), 3))
    flat[:, :2], tips[:, :2] = starts, starts + vectors
    vertices = arrow_segments(flat, tips, head_fraction=0.3, max_head=max_head)
    return vertices[:, 0], vertices[:, 1]


class FrameThrottle(QObject):
    """Deliver the latest of many rapid values at most once per display frame.

    The first value after a quiet frame goes out at once (no added latency); values
    arriving within the same frame replace each other and the latest goes out when the
    frame is over; :meth:`flush` delivers a pending value now (a mouse release).

    Deliveries keep to a schedule of frame slots (each one frame after the previous
    slot, not after the previous delivery): otherwise timer rounding and dispatch
    delay would stretch every frame by a millisecond or two, and a steady drag would
    run at ~55 updates/s on a 60 Hz display.
    """

    def __init__(self, callback, parent=None):
        super().__init__(parent)
        self._callback = callback
        self._pending = None
        self._slot = -math.inf  # when the latest delivery's frame slot began
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.timeout.connect(self.flush)
        rate = 60.0
        screen = QGuiApplication.primaryScreen()
        if screen is not None and screen.refreshRate() > 1:
            rate = screen.refreshRate()
        #: Seconds per display frame (refresh rates clamped to 30-240 Hz).
        self.interval = 1.0 / min(240.0, max(30.0, rate))

    def push(self, value) -> None:
        self._pending = value
        if self._timer.isActive():
            return
        wait = self._slot + self.interval - time.perf_counter()
        if wait <= 0.0005:  # the next slot has begun (or begins within timer precision)
            self.flush()
        else:
            self._timer.start(round(wait * 1000))

    def flush(self) -> None:
        self._timer.stop()
        if self._pending is None:
            return
        value, self._pending = self._pending, None
        now = time.perf_counter()
        # Keep to the schedule when this delivery is at most half a frame late; after a
        # pause or a slow update, start a new schedule now rather than burst to catch up.
        due = self._slot + self.interval
        self._slot = due if now - self.interval / 2 <= due <= now else now
        self._callback(value)


class ContourView(QWidget):
    """Top-down view of f(x, y); see the module docstring.

    Signals
    -------
    point_dragged(float, float)
        The user moved the point to (x, y) (mouse or keys), at most once per frame.
    direction_dragged(float)
        The user turned u to this angle (radians), at most once per frame.
    drag_finished()
        A mouse drag ended (its final position was delivered first).

    Attributes
    ----------
    plot : pyqtgraph.PlotWidget
        Named ``surfaceContourView``.
    point_item, direction_handle : Dot
        The point handle and the handle at the tip of u.
    gradient_arrow, direction_arrow : pyqtgraph.PlotCurveItem
        Arrow segments (pairs) from the point.
    """

    point_dragged = Signal(float, float)
    direction_dragged = Signal(float)
    drag_finished = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("surfaceContour")
        self._theme: Theme = LIGHT
        self._colours = lab_colours(LIGHT)
        self._lut = pg.colormap.get("viridis").getLookupTable(nPts=256, alpha=True)
        self._x_range = (-1.0, 1.0)
        self._y_range = (-1.0, 1.0)
        self._field: GradientField | None = None
        self._field_mode = "proportional"
        self._point_state: tuple | None = None
        self._drag: str | None = None
        self._drag_offset = (0.0, 0.0)
        self._stationary: list = []

        plot = pg.PlotWidget(self)
        cache_axes(plot)
        plot.setObjectName("surfaceContourView")
        plot.setAccessibleName(tr("Contour map of f with the point and its gradient"))
        plot.setToolTip(tr(
            "Top view: colour = height, lines = level curves.\n"
            "Click or drag to move the point; drag the round handle to turn u.\n"
            "Keys: arrows move the point (Shift: fine), [ and ] turn u."))
        plot.setMenuEnabled(False)
        plot.hideButtons()
        plot.setAspectLocked(True)
        plot.setMouseEnabled(False, False)
        plot.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        plot.setMinimumSize(180, 160)
        self.plot = plot
        self._view_box = plot.getPlotItem().getViewBox()

        self.image_item = pg.ImageItem(axisOrder="col-major")
        # Colour is the map's only height cue (the 3-D view has a z axis): its own bar.
        self.colour_bar = pg.ColorBarItem(values=(0.0, 1.0), width=10, interactive=False,
                                          rounding=1e-12, colorMapMenu=False, label="z")
        plot_item = plot.getPlotItem()
        plot_item.layout.addItem(self.colour_bar, 2, 5)
        plot_item.layout.setColumnFixedWidth(4, 4)
        # Curve items, not PlotDataItems: set on every frame of a drag, they must be cheap.
        self.isolines_item = pg.PlotCurveItem(connect="pairs")
        self._field_items = [pg.PlotCurveItem(connect="pairs") for _ in range(FIELD_SHADES)]
        self.guide_x_item = FramedCurve()  # the line y = y0 (slice with slope ∂f/∂x)
        self.guide_y_item = FramedCurve()  # the line x = x0 (slice with slope ∂f/∂y)
        self.guide_u_item = FramedCurve()  # the line through the point along u
        self.level_tangent_item = FramedCurve()
        self.gradient_arrow = FramedCurve(connect="pairs")
        self.direction_arrow = FramedCurve(connect="pairs")
        self.point_item = Dot(14)
        self.direction_handle = Dot(12)
        self.stationary_items = {
            kind: pg.ScatterPlotItem(symbol=KIND_SYMBOLS[kind], size=13, hoverable=True,
                                     tip=self._stationary_tip)
            for kind in KINDS
        }
        self.gradient_label = pg.TextItem("∇f", anchor=(0.5, 0.5))
        self.direction_label = pg.TextItem("u", anchor=(0.5, 0.5))
        self._level_labels: list[pg.TextItem] = []
        items = [self.image_item, self.isolines_item, *self._field_items, self.guide_x_item,
                 self.guide_y_item, self.guide_u_item, self.level_tangent_item,
                 *self.stationary_items.values(), self.gradient_arrow, self.direction_arrow,
                 self.point_item, self.direction_handle, self.gradient_label,
                 self.direction_label]
        for z_value, item in enumerate(items):
            item.setZValue(z_value)
            plot.addItem(item, ignoreBounds=isinstance(item, Dot))
        self.image_item.setZValue(-10)
        # What does not move with the point is drawn once and blitted while it moves.
        for item in (self.image_item, self.isolines_item, *self._field_items,
                     *self.stationary_items.values()):
            item.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        for name in ("left", "right", "top", "bottom"):
            self.colour_bar.getAxis(name).setCacheMode(
                QGraphicsItem.CacheMode.DeviceCoordinateCache)

        # The keyboard-focus frame is painted here, around the plot: a style sheet on the
        # plot (a transparent border) made Qt repaint the dock and the window under the
        # whole map on every frame of a drag.
        layout = QVBoxLayout(self)
        layout.setContentsMargins(FOCUS_FRAME, FOCUS_FRAME, FOCUS_FRAME, FOCUS_FRAME)
        layout.addWidget(plot, 1)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)

        self._throttle = FrameThrottle(self._deliver, self)
        plot.viewport().installEventFilter(self)
        plot.installEventFilter(self)
        self.set_theme(LIGHT)

    # ------------------------------------------------------------------ drawing

    def set_theme(self, theme: Theme) -> None:
        """Restyle for ``theme`` (colours, widths, fonts)."""
        self._theme = theme
        colours = self._colours = lab_colours(theme)
        style_plot(self.plot, theme)
        self.plot.getPlotItem().showGrid(x=False, y=False)
        background = np.array(QColor(theme.background).getRgb()[:3], dtype=np.float64)
        pastel = self._lut.astype(np.float64)
        pastel[:, :3] = pastel[:, :3] * (1 - PASTEL) + background * PASTEL
        pastel = pastel.astype(np.uint8)
        self.image_item.setLookupTable(pastel)
        self.colour_bar.setColorMap(pg.ColorMap(np.linspace(0.0, 1.0, len(pastel)), pastel))
        self.colour_bar.axis.setWidth(int(30 * theme.scale * (1.5 if theme.line_width > 1 else 1)))
        font = QFont()
        font.setPointSizeF(theme.font_size(0.8))
        for name in ("left", "right", "top", "bottom"):
            axis = self.colour_bar.getAxis(name)
            axis.setPen(pg.mkPen(theme.foreground))
            axis.setTextPen(pg.mkPen(theme.foreground))
            axis.setTickFont(font)
        self.isolines_item.setPen(pen(theme, blend(theme.background, theme.foreground, 0.55), 0.7))
        dash = Qt.PenStyle.DashLine
        self.guide_x_item.setPen(pen(theme, colours.slice_x, 1.0, dash))
        self.guide_y_item.setPen(pen(theme, colours.slice_y, 1.0, dash))
        self.guide_u_item.setPen(pen(theme, colours.direction, 1.0, Qt.PenStyle.DotLine))
        self.level_tangent_item.setPen(pen(theme, colours.level, 1.5, dash))
        self.gradient_arrow.setPen(pen(theme, colours.gradient, 2.5))
        self.direction_arrow.setPen(pen(theme, colours.direction, 2.5))
        size = 14 * theme.scale * (1.3 if theme.line_width > 1 else 1.0)
        self.point_item.set_diameter(size)
        self.point_item.set_style(colours.point, theme.background, 2.0)
        self.direction_handle.set_diameter(0.85 * size)
        self.direction_handle.set_style(theme.background, colours.direction, theme.pen_width(2))
        for kind, item in self.stationary_items.items():
            item.setBrush(pg.mkBrush(colours.kinds[kind]))
            item.setPen(pg.mkPen(theme.background, width=1))
            item.setSize(0.95 * size)
        font = QFont()
        font.setPointSizeF(theme.font_size(1.1))
        font.setBold(True)
        for label, colour in ((self.gradient_label, colours.gradient),
                              (self.direction_label, colours.direction)):
            label.setColor(colour)
            label.setFont(font)
        self._style_level_labels()
        self._draw_field()
        self._draw_point_state()
        self.update()  # the focus frame's colours

    @property
    def ranges(self) -> tuple:
        """The rectangle shown: ``(x_range, y_range)``."""
        return (self._x_range, self._y_range)

    def set_ranges(self, x_range, y_range) -> None:
        """Show exactly this rectangle (the model's ranges)."""
        self._x_range, self._y_range = tuple(x_range), tuple(y_range)
        self.reset_view()

    def reset_view(self) -> None:
        """Frame the whole rectangle again."""
        self.plot.setRange(xRange=self._x_range, yRange=self._y_range, padding=0.02)

    def set_surface(self, xs: np.ndarray, ys: np.ndarray, Z: np.ndarray, z_range) -> None:
        """Colour map and labelled level curves of the sampled grid."""
        low, high = z_range
        self.image_item.setImage(Z, levels=(low, high), autoLevels=False)
        self.colour_bar.setLevels((low, high))
        dx = (xs[-1] - xs[0]) / (len(xs) - 1)
        dy = (ys[-1] - ys[0]) / (len(ys) - 1)
        self.image_item.setRect(
            QRectF(xs[0] - dx / 2, ys[0] - dy / 2, xs[-1] - xs[0] + dx, ys[-1] - ys[0] + dy))
        step = max(1, math.ceil(max(len(xs), len(ys)) / ISOLINE_MAX_SAMPLES))
        cx, cy, cz = xs[::step], ys[::step], Z[::step, ::step]
        levels = nice_ticks(low, high, target=10)
        levels = levels[(levels > low) & (levels < high)]
        pieces, labels, placed = [], [], []
        for index, (level, segments) in enumerate(zip(levels, isolines(cx, cy, cz, levels),
                                                      strict=True)):
            if not len(segments):
                continue
            pieces.append(segments)
            if len(levels) > 6 and index % 2:
                continue  # label every other level when there are many
            at = self._label_position(segments, placed)
            if at is not None:
                placed.append(at)
                labels.append((at, format_tick(level, levels) if len(levels) > 1
                               else number(level)))
        lines = np.concatenate(pieces) if pieces else np.zeros((0, 2))
        self.isolines_item.setData(lines[:, 0], lines[:, 1], connect="pairs")
        self._set_level_labels(labels)

    def _label_position(self, segments: np.ndarray, placed: list):
        """Where to write a level's value: up-right on the curve, clear of other labels.

        Returns None when every point of the curve is near the frame or near a label
        already placed (the level then goes unlabelled rather than overprinted).
        """
        (x_low, x_high), (y_low, y_high) = self._x_range, self._y_range
        span_x, span_y = x_high - x_low, y_high - y_low
        margin_x, margin_y = 0.08 * span_x, 0.06 * span_y
        middle = 0.5 * (segments[0::2] + segments[1::2])
        keep = ((middle[:, 0] > x_low + margin_x) & (middle[:, 0] < x_high - margin_x)
                & (middle[:, 1] > y_low + margin_y) & (middle[:, 1] < y_high - margin_y))
        for other in placed:
            distance = np.hypot((middle[:, 0] - other[0]) / span_x, (middle[:, 1] - other[1]) / span_y)
            keep &= distance > 0.16
        if not keep.any():
            return None
        candidates = middle[keep]
        cx, cy = 0.5 * (x_low + x_high), 0.5 * (y_low + y_high)
        # Along a ray at 35°: concentric levels get separate, readable labels.
        score = (candidates[:, 0] - cx) / span_x * 0.82 + (candidates[:, 1] - cy) / span_y * 0.57
        return candidates[int(np.argmax(score))]

    def _set_level_labels(self, labels) -> None:
        while len(self._level_labels) < len(labels):
            item = pg.TextItem(anchor=(0.5, 0.5))
            item.setZValue(2)
            self.plot.addItem(item)
            self._level_labels.append(item)
        for item, (at, text) in zip(self._level_labels, labels, strict=False):
            item.setText(text)
            item.setPos(float(at[0]), float(at[1]))
            item.show()
        for item in self._level_labels[len(labels):]:
            item.hide()
        self._style_level_labels()

    def _style_level_labels(self) -> None:
        theme = self._theme
        font = QFont()
        font.setPointSizeF(theme.font_size(0.8))
        fill = QColor(theme.background)
        fill.setAlpha(190)
        for item in self._level_labels:
            item.setColor(blend(theme.background, theme.foreground, 0.8))
            item.setFont(font)
            item.fill = pg.mkBrush(fill)

    def level_labels(self) -> list[tuple[float, float, str]]:
        """The visible level labels as (x, y, text)."""
        return [(item.pos().x(), item.pos().y(), item.toPlainText())
                for item in self._level_labels if item.isVisible()]

    def set_field(self, field: GradientField | None, mode: str) -> None:
        """Draw a gradient field (None hides it); ``mode`` as in ``gradient_field``."""
        self._field, self._field_mode = field, mode
        self._draw_field()

    def _draw_field(self) -> None:
        field = self._field
        if field is None or len(field.starts) == 0:
            for item in self._field_items:
                item.setData([], [])
            return
        max_head = 0.4 * field.spacing
        theme, colours = self._theme, self._colours
        if self._field_mode == "proportional":
            x, y = arrows_2d(field.starts, field.vectors, max_head)
            self._field_items[0].setData(
                x, y, connect="pairs",
                pen=pen(theme, blend(theme.background, theme.foreground, 0.75), 0.5))
            for item in self._field_items[1:]:
                item.setData([], [])
            return
        # Unit arrows: the shade says how long the gradient is (light small, dark large).
        shade = np.minimum((field.fractions * FIELD_SHADES).astype(int), FIELD_SHADES - 1)
        colour_rows = ramp(colours.field_low, colours.field_high,
                           (np.arange(FIELD_SHADES) + 0.5) / FIELD_SHADES)
        for index, item in enumerate(self._field_items):
            chosen = shade == index
            x, y = arrows_2d(field.starts[chosen], field.vectors[chosen], max_head)
            colour = QColor.fromRgbF(*colour_rows[index])
            item.setData(x, y, connect="pairs", pen=pg.mkPen(colour, width=theme.pen_width(0.5)))

    def field_data(self) -> tuple[np.ndarray, np.ndarray]:
        """All drawn field arrow vertices (x, y), for tests and export."""
        parts = [item.getData() for item in self._field_items]
        xs = [p[0] for p in parts if p[0] is not None and len(p[0])]
        ys = [p[1] for p in parts if p[1] is not None and len(p[1])]
        if not xs:
            return np.zeros(0), np.zeros(0)
        return np.concatenate(xs), np.concatenate(ys)

    def set_point_state(self, x: float, y: float, gradient, angle: float) -> None:
        """Move the point handle and redraw everything attached to it.

        Parameters
        ----------
        gradient : (float, float)
            ∇f at the point (non-finite or zero: no gradient arrow, no level tangent).
        angle : float
            Direction of u in radians.
        """
        self._point_state = (float(x), float(y), tuple(gradient), float(angle))
        self._draw_point_state()

    def _draw_point_state(self) -> None:
        if self._point_state is None:
            return
        x, y, (gx, gy), angle = self._point_state
        (x_low, x_high), (y_low, y_high) = self._x_range, self._y_range
        span = max(x_high - x_low, y_high - y_low)
        head = 0.05 * span
        self.point_item.set_point(x, y)
        self.guide_x_item.setData([x_low, x_high], [y, y])
        self.guide_y_item.setData([x, x], [y_low, y_high])
        ux, uy = unit_vector(angle)
        reach = 2 * span
        self.guide_u_item.setData([x - reach * ux, x + reach * ux], [y - reach * uy, y + reach * uy])
        self._clip_to_frame(self.guide_u_item)
        tip = (x + DIRECTION_LENGTH * span * ux, y + DIRECTION_LENGTH * span * uy)
        arrow_x, arrow_y = arrows_2d([[x, y]], [[tip[0] - x, tip[1] - y]], head)
        self.direction_arrow.setData(arrow_x, arrow_y, connect="pairs")
        self.direction_handle.set_point(*tip)
        self.direction_label.setPos(x + (DIRECTION_LENGTH + 0.04) * span * ux,
                                    y + (DIRECTION_LENGTH + 0.04) * span * uy)
        norm = math.hypot(gx, gy) if math.isfinite(gx) and math.isfinite(gy) else 0.0
        if norm > 0.0:
            nx, ny = gx / norm, gy / norm
            length = GRADIENT_LENGTH * span
            arrow_x, arrow_y = arrows_2d([[x, y]], [[nx * length, ny * length]], head)
            self.gradient_arrow.setData(arrow_x, arrow_y, connect="pairs")
            self.gradient_label.setPos(x + nx * (length + 0.05 * span),
                                       y + ny * (length + 0.05 * span))
            self.gradient_label.show()
            half = LEVEL_TANGENT_HALF * span
            self.level_tangent_item.setData([x + ny * half, x - ny * half],
                                            [y - nx * half, y + nx * half])
        else:
            self.gradient_arrow.setData([], [])
            self.gradient_label.hide()
            self.level_tangent_item.setData([], [])

    def _clip_to_frame(self, item: pg.PlotCurveItem) -> None:
        """Cut a straight two-point line to the rectangle (keeps auto-range out of it)."""
        xs, ys = item.getData()
        if xs is None or len(xs) != 2:
            return
        (x_low, x_high), (y_low, y_high) = self._x_range, self._y_range
        dx, dy = xs[1] - xs[0], ys[1] - ys[0]
        low, high = 0.0, 1.0
        for p, d, a, b in ((xs[0], dx, x_low, x_high), (ys[0], dy, y_low, y_high)):
            if abs(d) < 1e-300:
                continue
            t1, t2 = (a - p) / d, (b - p) / d
            low, high = max(low, min(t1, t2)), min(high, max(t1, t2))
        if low >= high:
            item.setData([], [])
            return
        item.setData([xs[0] + low * dx, xs[0] + high * dx], [ys[0] + low * dy, ys[0] + high * dy])

    def set_stationary(self, points) -> None:
        """Mark stationary points: a list of dicts with ``point``, ``value`` and ``kind``."""
        self._stationary = list(points)
        for kind, item in self.stationary_items.items():
            chosen = [p for p in self._stationary if p.get("kind") == kind]
            item.setData(
                x=[p["point"][0] for p in chosen],
                y=[p["point"][1] for p in chosen],
                data=[(kind, p.get("value", math.nan)) for p in chosen],
            )
            item.setVisible(bool(chosen))  # an empty scatter item still costs a paint

    @staticmethod
    def _stationary_tip(x, y, data) -> str:
        kind, value = data
        return tr("{kind} at ({x}, {y}), f = {value}").format(
            kind=kind_names().get(kind, kind), x=number(x), y=number(y), value=number(value))

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt's name
        painter = QPainter(self)
        focused = self.plot.hasFocus()
        painter.fillRect(self.rect(), QColor(self._theme.accent if focused
                                             else self._theme.background))
        painter.end()

    # ------------------------------------------------------------------ mapping

    def data_to_widget(self, x: float, y: float) -> QPointF:
        """Viewport pixel position of a data point (for tests and hit testing)."""
        scene = self._view_box.mapViewToScene(QPointF(x, y))
        return QPointF(self.plot.mapFromScene(scene))

    def widget_to_data(self, position: QPointF) -> tuple[float, float]:
        scene = self.plot.mapToScene(position.toPoint())
        view = self._view_box.mapSceneToView(QPointF(scene))
        return view.x(), view.y()

    def _clamped(self, x: float, y: float) -> tuple[float, float]:
        (x_low, x_high), (y_low, y_high) = self._x_range, self._y_range
        return min(max(x, x_low), x_high), min(max(y, y_low), y_high)

    # ------------------------------------------------------------------ interaction

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt's name
        kind = event.type()
        if watched is self.plot.viewport():
            if kind == QEvent.Type.MouseButtonPress and event.button() == Qt.MouseButton.LeftButton:
                return self._press(event.position())
            if kind == QEvent.Type.MouseMove and self._drag is not None:
                self._move(event.position())
                return True
            if kind == QEvent.Type.MouseButtonRelease and self._drag is not None:
                self._move(event.position())
                self._throttle.flush()
                self._drag = None
                self.drag_finished.emit()
                return True
            if kind == QEvent.Type.MouseButtonDblClick:
                return True  # no ViewBox auto-range: the frame is the model's range
        elif watched is self.plot and kind == QEvent.Type.KeyPress:
            return self._key(event)
        elif watched is self.plot and kind in (QEvent.Type.FocusIn, QEvent.Type.FocusOut):
            self.update()
        return False

    def _press(self, position: QPointF) -> bool:
        self.plot.setFocus(Qt.FocusReason.MouseFocusReason)
        if self._point_state is None:
            return True
        x, y, _, angle = self._point_state
        radius = GRAB_RADIUS * max(1.0, self._theme.scale)
        tip = self.direction_handle.getData()
        if len(tip[0]):
            handle = self.data_to_widget(float(tip[0][0]), float(tip[1][0]))
            if (handle - position).manhattanLength() <= 1.5 * radius:
                self._drag = "direction"
                self._move(position)
                return True
        handle = self.data_to_widget(x, y)
        self._drag = "point"
        px, py = self.widget_to_data(position)
        marked = self._stationary_near(position, radius)
        if marked is not None and (handle - position).manhattanLength() > 1.5 * radius:
            # A press on a stationary point's marker puts the point exactly there.
            self._drag_offset = (marked[0] - px, marked[1] - py)
            self._throttle.push(("point", *marked))
        elif (handle - position).manhattanLength() <= 1.5 * radius:
            # Grabbed the handle: keep it under the cursor where it was grabbed.
            self._drag_offset = (x - px, y - py)
        else:
            self._drag_offset = (0.0, 0.0)
            self._move(position)
        return True

    def _stationary_near(self, position: QPointF, radius: float):
        """The (x, y) of a stationary-point marker within ``radius`` pixels, or None."""
        best, best_distance = None, radius
        for point in self._stationary:
            x, y = point["point"]
            distance = (self.data_to_widget(x, y) - position).manhattanLength()
            if distance <= best_distance:
                best, best_distance = (float(x), float(y)), distance
        return best

    def _move(self, position: QPointF) -> None:
        px, py = self.widget_to_data(position)
        if self._drag == "point":
            self._throttle.push(("point", *self._clamped(px + self._drag_offset[0],
                                                         py + self._drag_offset[1])))
        elif self._drag == "direction" and self._point_state is not None:
            x, y = self._point_state[:2]
            if (px, py) != (x, y):
                self._throttle.push(("direction", math.atan2(py - y, px - x)))

    def _key(self, event) -> bool:
        if self._point_state is None:
            return False
        key, fine = event.key(), bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
        x, y, _, angle = self._point_state
        step = FINE_KEY_STEP if fine else KEY_STEP
        span_x = self._x_range[1] - self._x_range[0]
        span_y = self._y_range[1] - self._y_range[0]
        moves = {Qt.Key.Key_Left: (-step * span_x, 0.0), Qt.Key.Key_Right: (step * span_x, 0.0),
                 Qt.Key.Key_Down: (0.0, -step * span_y), Qt.Key.Key_Up: (0.0, step * span_y)}
        # A key press is one deliberate step: deliver it now, never merged with the next.
        self._throttle.flush()
        if key in moves:
            dx, dy = moves[key]
            self._deliver(("point", *self._clamped(x + dx, y + dy)))
            return True
        turn = math.radians(FINE_KEY_TURN_DEGREES if fine else KEY_TURN_DEGREES)
        if key in (Qt.Key.Key_BracketRight, Qt.Key.Key_BraceRight):
            self._deliver(("direction", angle + turn))
            return True
        if key in (Qt.Key.Key_BracketLeft, Qt.Key.Key_BraceLeft):
            self._deliver(("direction", angle - turn))
            return True
        return False

    def _deliver(self, request) -> None:
        if request[0] == "point":
            self.point_dragged.emit(request[1], request[2])
        else:
            self.direction_dragged.emit(request[1])
