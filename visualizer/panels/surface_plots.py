"""The surface lab's small 2-D plots: slices of the surface and D_u f against θ.

A slice holds one variable fixed (or walks along u) and shows the curve of f with its
tangent at the point: the tangent's slope is the partial (or directional) derivative.
The θ plot shows D_u f = |∇f| cos(θ − θ_∇f) for every direction, with the current θ.
"""

from __future__ import annotations

import html
import math
import re

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QEvent, QPointF, QSize, Qt, Signal
from PySide6.QtGui import (
    QAccessible,
    QColor,
    QFont,
    QFontMetrics,
    QFontMetricsF,
    QPainter,
    QPalette,
    QStaticText,
    QTextDocument,
    QTextDocumentFragment,
)
from PySide6.QtWidgets import QSizePolicy, QVBoxLayout, QWidget

from visualizer.core.directional import directional_profile
from visualizer.panels.plot_style import pen, style_plot
from visualizer.panels.redraw import cache_axes
from visualizer.panels.surface_style import Dot, FramedCurve, Marks, blend, number, tr
from visualizer.theme import LIGHT, Theme

__all__ = ["AnglePlot", "Caption", "SlicePlot"]

THETA_SAMPLES = 361
#: A frame that must grow while the point moves grows this much more than needed.
GROWTH = 1.25
_BOLD = re.compile(r"</?b>")
_TAG = re.compile(r"<[^>]*>")
#: A main text that ends in a bold number: (rich lead, the number).
_TRAILING_BOLD = re.compile(r"(.*)<b>([^<>]*)</b>$", re.DOTALL)
_PI_TICKS = [(0.0, "0"), (math.pi / 2, "π/2"), (math.pi, "π"), (1.5 * math.pi, "3π/2"),
             (2 * math.pi, "2π")]


def _small_plot(parent, name: str, accessible: str) -> pg.PlotWidget:
    plot = pg.PlotWidget(parent)
    plot.setObjectName(name)
    plot.setAccessibleName(accessible)
    plot.setMenuEnabled(False)
    plot.hideButtons()
    plot.setMouseEnabled(False, False)
    plot.setMinimumSize(140, 90)
    item = plot.getPlotItem()
    item.getViewBox().setDefaultPadding(0.0)
    for name_ in ("left", "bottom"):
        item.getAxis(name_).setStyle(tickLength=-4)
    cache_axes(plot)
    return plot


def _grown(current: tuple, wanted: tuple) -> tuple:
    """``current`` widened to cover ``wanted``, with room to spare on a side that grows."""
    low, high = current
    span = high - low
    if wanted[0] < low:
        low = wanted[0] - (GROWTH - 1.0) * span
    if wanted[1] > high:
        high = wanted[1] + (GROWTH - 1.0) * span
    return (low, high)


class Caption(QWidget):
    """One line of rich text that is cheap to change on every frame of a drag.

    A ``QLabel`` asks its layout to lay out again at every new text and, drawn over its
    parent's background, repaints the parents under it: changed 60 times a second it
    repainted the lab, the dock and the window behind the four captions. This one has
    a fixed height and paints its own background (nothing behind it repaints).

    The text comes in two parts: the main part (the number, first) and a detail (what
    the number means, such as "(slice y = −0.400)"), drawn after it only when both fit
    the width: a narrow plot shows the whole number rather than half of the detail.

    Laying out rich text costs ~0.1 ms, so only what needs markup is rich: a main part
    ending in ``<b>number</b>`` keeps its marked-up lead (the swatch, "∂f/∂x =") laid
    out once (``QStaticText``) while the number after it, and a detail without markup,
    are drawn as plain text.
    """

    def __init__(self, parent=None):
        super().__init__(parent)
        self._text = ""
        self._detail = ""
        self._lead = ""  # the rich part of the main text
        self._bold = ""  # the plain bold number that ends it ("" when there is none)
        self._widths: tuple[float, float, float] | None = None  # lead, bold, detail
        self._metrics: tuple | None = None
        self._plain: str | None = ""
        self._static = self._new_static()
        self._detail_static: QStaticText | None = None  # a detail with markup only
        self._background = QColor(LIGHT.background)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self._fit_height()

    @staticmethod
    def _new_static() -> QStaticText:
        static = QStaticText()
        static.setTextFormat(Qt.TextFormat.RichText)
        # Without a width, rich text wraps at the document's ideal width: one line.
        static.setTextWidth(1e5)
        return static

    def text(self) -> str:
        """The rich text, main part and detail."""
        return self._text + self._detail

    def main_text(self) -> str:
        """The main part (always drawn)."""
        return self._text

    def _part_widths(self) -> tuple[float, float, float]:
        if self._widths is None:
            self._widths = (self._measure_rich(self._lead), self._measure_bold(self._bold),
                            self._measure(self._detail))
        return self._widths

    def detail_shown(self) -> bool:
        """True when the detail fits beside the main part and is drawn."""
        if not self._detail:
            return False
        return 4.0 + sum(self._part_widths()) <= self.width()

    def _fonts(self) -> tuple:
        if self._metrics is None:  # once per font, not on every frame of a drag
            bold = QFont(self.font())
            bold.setBold(True)
            self._metrics = (QFontMetricsF(self.font()), QFontMetricsF(bold), bold)
        return self._metrics

    def _measure(self, rich: str) -> float:
        """Width of ``rich`` on one line (``<b>`` parts in bold; a little over for
        subscripts). ``QStaticText.size()`` is the width it was given, not the text's."""
        metrics = self._fonts()
        width = 0.0
        for index, part in enumerate(_BOLD.split(rich)):
            plain = html.unescape(_TAG.sub("", part)) if "<" in part or "&" in part else part
            width += metrics[index % 2].horizontalAdvance(plain)
        return width

    def _measure_rich(self, rich: str) -> float:
        """Width of ``rich`` as laid out (subscripts in their smaller size); the lead
        changes rarely (a new language or theme), so its layout is asked for each time."""
        if not rich:
            return 0.0
        document = QTextDocument()
        document.setDocumentMargin(0)
        document.setDefaultFont(self.font())
        trailing = len(rich) - len(rich.rstrip(" "))  # HTML would drop trailing spaces
        document.setHtml(rich.rstrip(" ") + "&nbsp;" * trailing)
        return document.idealWidth()

    def _measure_bold(self, plain: str) -> float:
        return self._fonts()[1].horizontalAdvance(plain) if plain else 0.0

    def setText(self, text: str, detail: str = "") -> None:  # noqa: N802 - QLabel's name
        changed = False
        if text != self._text:
            self._text = text
            lead, bold = text, ""
            match = _TRAILING_BOLD.match(text)
            if match is not None:
                lead, bold = match.group(1), html.unescape(match.group(2))
            if lead != self._lead:
                self._lead = lead
                self._static.setText(lead)
                self._static.prepare(font=self.font())
            self._bold = bold
            self._widths = None
            changed = True
        if detail != self._detail:
            self._detail = detail
            self._detail_static = None
            if "<" in detail or "&" in detail:
                # Drawn on its own, a leading space would be collapsed away as in HTML.
                lead = len(detail) - len(detail.lstrip(" "))
                self._detail_static = self._new_static()
                self._detail_static.setText("&nbsp;" * lead + detail[lead:])
            self._widths = None
            changed = True
        if not changed:
            return
        self._plain = None
        if QAccessible.isActive():  # parsing the markup on every frame only for a reader
            self.setAccessibleName(self.plain_text())
        self.update()

    def plain_text(self) -> str:
        """The text without markup (what a screen reader reads), detail included."""
        if self._plain is None:
            self._plain = QTextDocumentFragment.fromHtml(self.text()).toPlainText()
        return self._plain

    def set_background(self, colour: str) -> None:
        self._background = QColor(colour)
        self.update()

    def changeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.FontChange:
            self._fit_height()
            self._static.prepare(font=self.font())
            if self._detail_static is not None:
                self._detail_static.prepare(font=self.font())
            self._widths = None
            self._metrics = None
        super().changeEvent(event)

    def _fit_height(self) -> None:
        self.setFixedHeight(QFontMetrics(self.font()).height() + 4)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return QSize(100, self.height())

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt's name
        painter = QPainter(self)
        painter.fillRect(event.rect(), self._background)
        painter.setFont(self.font())
        painter.setPen(self.palette().color(QPalette.ColorRole.WindowText))
        lead_width, bold_width, _ = self._part_widths()
        top = (self.height() - self._static.size().height()) / 2
        # Plain parts sit on the rich part's baseline: its top plus the font's ascent.
        baseline = top + self._fonts()[0].ascent()
        painter.drawStaticText(QPointF(2.0, top), self._static)
        x = 2.0 + lead_width
        if self._bold:
            painter.setFont(self._fonts()[2])
            painter.drawText(QPointF(x, baseline), self._bold)
            painter.setFont(self.font())
            x += bold_width
        if self.detail_shown():
            if self._detail_static is None:
                painter.drawText(QPointF(x, baseline), self._detail)
            else:
                painter.drawStaticText(QPointF(x, top), self._detail_static)
        painter.end()


class _TitledPlot(QWidget):
    """A caption (rich text, cheap to update) above a small plot."""

    def __init__(self, name: str, accessible: str, parent=None):
        super().__init__(parent)
        self.caption = Caption(self)
        self.caption.setObjectName(name + "Caption")
        self.plot = _small_plot(self, name, accessible)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.caption)
        layout.addWidget(self.plot, 1)
        self._theme: Theme = LIGHT

    def _style(self, theme: Theme) -> None:
        self._theme = theme
        style_plot(self.plot, theme)
        # No grid: an axis draws its grid lines across the whole plot, and replaying
        # them on every frame of a drag was the largest cost of these small plots.
        self.plot.getPlotItem().showGrid(x=False, y=False)
        font = QFont()
        font.setPointSizeF(theme.font_size(0.8))
        for axis in ("left", "bottom"):
            self.plot.getPlotItem().getAxis(axis).setTickFont(font)
        caption_font = QFont()
        caption_font.setPointSizeF(theme.font_size(0.9))
        self.caption.setFont(caption_font)
        self.caption.set_background(theme.background)
        palette = self.caption.palette()
        palette.setColor(QPalette.ColorRole.WindowText, QColor(theme.foreground))
        self.caption.setPalette(palette)


class SlicePlot(_TitledPlot):
    """f along one line through the point, with the tangent at the point.

    Attributes
    ----------
    curve, tangent : pyqtgraph.PlotCurveItem
        The slice and its tangent line (the tangent's slope is the derivative).
    marker : Dot
        The point.
    """

    def __init__(self, name: str, accessible: str, parent=None):
        super().__init__(name, accessible, parent)
        self._colour = LIGHT.curve
        self.curve = FramedCurve(connect="finite")
        self.tangent = FramedCurve()
        self.marker = Dot(9)
        self.plot.addItem(self.curve)
        self.plot.addItem(self.tangent)
        self.plot.addItem(self.marker, ignoreBounds=True)
        self._x_range: tuple | None = None
        self._y_range: tuple | None = None

    def set_theme(self, theme: Theme, colour: str) -> None:
        """Restyle: the slice is drawn in ``colour`` (its role colour in every view)."""
        self._style(theme)
        self._colour = colour
        self.curve.setPen(pen(theme, colour, 1.5))
        self.tangent.setPen(pen(theme, blend(colour, theme.foreground, 0.35), 1.2,
                                Qt.PenStyle.DashLine))
        self.marker.set_style(colour, theme.background)
        self.marker.set_diameter(9 * theme.scale * (1.3 if theme.line_width > 1 else 1.0))

    def set_axis_labels(self, bottom: str) -> None:
        self.plot.setLabel("bottom", bottom)

    def set_frame(self, x_range, y_range, grow_only: bool = False) -> None:
        """Show this rectangle; with ``grow_only`` only widen the current one.

        While the point moves the frame only grows (a steady picture, and no axis
        redraw on every frame); once it rests the panel fits it again.
        """
        x_range, y_range = tuple(x_range), tuple(y_range)
        if grow_only and self._x_range is not None:
            x_range = _grown(self._x_range, x_range)
            y_range = _grown(self._y_range, y_range)
        if (x_range, y_range) != (self._x_range, self._y_range):
            self._x_range, self._y_range = x_range, y_range
            self.plot.setRange(xRange=x_range, yRange=y_range, padding=0.03)

    def set_slice(self, s: np.ndarray, z: np.ndarray, s0: float, z0: float,
                  tangent_s: np.ndarray, tangent_z: np.ndarray) -> None:
        """Show the slice (s, z), the point (s0, z0) and the tangent piece."""
        self.curve.setData(s, z, connect="finite")
        self.tangent.setData(tangent_s, tangent_z)
        self.marker.set_point(s0, z0)


class AnglePlot(_TitledPlot):
    """D_u f against θ in [0, 2π], the current θ, and where it is largest, smallest, zero.

    Signals
    -------
    angle_dragged(float)
        The user dragged the θ line to this angle (radians).

    Attributes
    ----------
    curve : pyqtgraph.PlotCurveItem
        (θ, D_u f) samples.
    current : Dot
        The current (θ, D_u f).
    extremes : Marks
        The maximum (at the gradient's angle) and the minimum.
    zeros : Marks
        The two directions along the level curve.
    theta_line : pyqtgraph.InfiniteLine
        The current θ; draggable.
    """

    angle_dragged = Signal(float)

    def __init__(self, parent=None):
        super().__init__("surfaceAnglePlot", tr("Directional derivative against the angle"),
                         parent)
        self._angles = np.linspace(0.0, 2 * math.pi, THETA_SAMPLES)
        self._top: float | None = None
        self.plot.setLabel("bottom", "θ")
        self.plot.getPlotItem().getAxis("bottom").setTicks([_PI_TICKS])
        self.zero_line = pg.InfiniteLine(pos=0.0, angle=0)
        self.plot.addItem(self.zero_line)
        self.curve = FramedCurve()
        self.plot.addItem(self.curve)
        self.extremes = Marks("star", 2, 13)
        self.zeros = Marks("o", 2, 8)
        self.current = Dot(10)
        self.theta_line = pg.InfiniteLine(pos=0.0, angle=90, movable=True,
                                          bounds=(0.0, 2 * math.pi))
        self.theta_line.setToolTip(tr("Drag to turn u"))
        for item in (self.extremes, self.zeros, self.theta_line):
            self.plot.addItem(item)
        self.plot.addItem(self.current, ignoreBounds=True)
        self.theta_line.sigDragged.connect(self._on_line_dragged)
        self.theta_line.sigPositionChangeFinished.connect(self._on_line_dragged)
        self.plot.setXRange(0.0, 2 * math.pi, padding=0.02)

    def set_theme(self, theme: Theme, colours) -> None:
        self._style(theme)
        self.curve.setPen(pen(theme, colours.direction, 1.5))
        self.zero_line.setPen(pen(theme, theme.muted, 0.8))
        self.theta_line.setPen(pen(theme, colours.direction, 1.0, Qt.PenStyle.DashLine))
        self.theta_line.setHoverPen(pen(theme, colours.direction, 2.0))
        size = theme.scale * (1.3 if theme.line_width > 1 else 1.0)
        self.current.set_style(colours.direction, theme.background)
        self.current.set_diameter(10 * size)
        self.extremes.set_style(colours.gradient, theme.background, 1.0)
        self.extremes.set_size(13 * size)
        self.zeros.set_style(theme.background, colours.level, theme.pen_width())
        self.zeros.set_size(8 * size)

    def set_state(self, gradient, angle: float, grow_only: bool = False) -> None:
        """Draw D_u f(θ) for this gradient and mark ``angle``.

        The vertical range fits ±1.25 |∇f|; with ``grow_only`` it only widens (while
        the point moves).
        """
        gx, gy = gradient
        if not (math.isfinite(gx) and math.isfinite(gy)):
            for item in (self.curve, self.extremes, self.zeros):
                item.setData([], [])
            self.current.set_point(math.nan, math.nan)
            return
        profile = directional_profile(gradient, self._angles)
        self.curve.setData(self._angles, profile)
        value = gx * math.cos(angle) + gy * math.sin(angle)
        self.current.set_point(angle, value)
        if self.theta_line.value() != angle and not self.theta_line.moving:
            self.theta_line.blockSignals(True)
            self.theta_line.setValue(angle)
            self.theta_line.blockSignals(False)
        norm = math.hypot(gx, gy)
        if norm > 0:
            best = math.atan2(gy, gx) % (2 * math.pi)
            worst = (best + math.pi) % (2 * math.pi)
            self.extremes.setData([best, worst], [norm, -norm])
            flat = [(best + math.pi / 2) % (2 * math.pi), (best + 1.5 * math.pi) % (2 * math.pi)]
            self.zeros.setData(flat, [0.0, 0.0])
        else:
            self.extremes.setData([], [])
            self.zeros.setData([], [])
        top = 1.25 * norm if norm > 0 else 1.0
        if grow_only and self._top is not None:
            # Grow with room to spare: a drag that keeps climbing redraws the axis
            # now and then, not on every frame.
            top = self._top if top <= self._top else top * GROWTH
        if top != self._top:
            self._top = top
            self.plot.setYRange(-top, top, padding=0.0)

    def maximum(self) -> tuple[float, float]:
        """(θ, D_u f) of the largest sample of the drawn curve."""
        angles, values = self.curve.getData()
        index = int(np.nanargmax(values))
        return float(angles[index]), float(values[index])

    def _on_line_dragged(self, _line=None) -> None:
        self.angle_dragged.emit(float(self.theta_line.value()))

    def set_caption(self, text: str, detail: str = "") -> None:
        self.caption.setText(text, detail)


def slice_caption(what: str, value: float, colour: str) -> str:
    """Rich text such as "━ ∂f/∂x = 0.600", the swatch in the slice's colour."""
    return f'<span style="color:{colour}">━</span> {what} = <b>{number(value)}</b>'
