"""Small pieces the derivative lab draws with: shaded x-bands, clipped lines, numbers.

Kept apart from the panel so the panel reads as "what is shown when", and so these can
be tested on their own.
"""

from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QTransform
from PySide6.QtWidgets import (
    QGraphicsEllipseItem,
    QGraphicsItem,
    QGraphicsObject,
    QGraphicsScene,
    QGraphicsSimpleTextItem,
)

from visualizer.widgets.grid_lines import use_fast_grid

MINUS = "\u2212"


class BandsItem(pg.GraphicsObject):
    """Vertical bands ``[low, high]`` across the visible height (or a strip of it).

    One item paints any number of bands (sin 50x has hundreds of monotone pieces), so
    it costs one paint call however many there are.

    Parameters
    ----------
    span : (float, float)
        The part of the view's height covered, as fractions from the bottom:
        ``(0, 1)`` is full height, ``(0, 0.05)`` a strip along the bottom.
    """

    def __init__(self, span=(0.0, 1.0)):
        super().__init__()
        self._span = span
        self._bands: list[tuple[float, float, QColor]] = []
        self._bounds = QRectF()
        self.setZValue(-20)  # behind every curve

    def bands(self) -> list[tuple[float, float, QColor]]:
        """The bands drawn now, ``(low, high, colour)``."""
        return list(self._bands)

    def set_bands(self, bands) -> None:
        """Show ``bands``: an iterable of ``(low, high, QColor)``."""
        self._bands = [(float(low), float(high), QColor(color)) for low, high, color in bands]
        self._update_bounds()
        self.setVisible(bool(self._bands))  # hidden: skipped by Qt at no cost
        self.update()

    def viewRangeChanged(self) -> None:  # noqa: N802 - pyqtgraph's hook
        self._update_bounds()

    def _update_bounds(self) -> None:
        view = self.viewRect()
        if view is None or not self._bands:
            bounds = QRectF()
        else:
            low = min(band[0] for band in self._bands)
            high = max(band[1] for band in self._bands)
            height = view.height()
            bounds = QRectF(low, view.top() + height * self._span[0], high - low,
                            height * (self._span[1] - self._span[0]))
        if bounds != self._bounds:
            self.prepareGeometryChange()
            self._bounds = bounds

    def boundingRect(self) -> QRectF:  # noqa: N802 - Qt's name
        return QRectF(self._bounds)

    def paint(self, painter, *args) -> None:
        if self._bounds.isEmpty():
            return
        top, height = self._bounds.top(), self._bounds.height()
        for low, high, color in self._bands:
            painter.fillRect(QRectF(low, top, high - low, height), color)


def cache_static_parts(plot: pg.PlotWidget) -> None:
    """Paint the axes (which draw the grid across the whole view) from a cached pixmap.

    A drag changes the secant, whose line spans the view, so every frame repaints the
    whole view; replaying the grid's QPicture then costs 3–4 ms a frame, blitting the
    cached pixmap a fraction of a millisecond. pyqtgraph calls ``update()`` on an axis
    whenever its ticks change, which refreshes the cache.
    """
    item = plot.getPlotItem()
    for name in ("left", "bottom", "right", "top"):
        item.getAxis(name).setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
    # Filling the cache again (new ticks, a new function) draws the grid: fast rows.
    use_fast_grid(plot)
    # Items move every frame: an index (BSP tree) costs more to keep than it saves
    # when finding the few dozen items of a plot.
    plot.scene().setItemIndexMethod(QGraphicsScene.ItemIndexMethod.NoIndex)


class Line(pg.PlotCurveItem):
    """A PlotCurveItem that hides itself while it has no data.

    Qt asks every visible item for its bounding rectangle on every frame, and
    pyqtgraph answers in Python; a hidden item is skipped at no cost.
    """

    def setData(self, *args, **kwargs) -> None:  # noqa: N802 - pyqtgraph's name
        super().setData(*args, **kwargs)
        self.setVisible(self.xData is not None and len(self.xData) > 0)


def set_curve(item: pg.PlotDataItem, xs, ys) -> None:
    """``item.setData(xs, ys, connect="finite")``, hidden while empty (see :class:`Line`)."""
    item.setData(xs, ys, connect="finite")
    item.setVisible(len(xs) > 0)


class Label(QGraphicsSimpleTextItem):
    """Text at a data point, upright and at a fixed pixel size, painted entirely by Qt.

    pyqtgraph's TextItem recomputes its transform in Python on every paint; a drag
    repaints half a dozen labels per frame, so these are plain Qt items instead (same
    small API: ``setText``, ``setAnchor``, ``setColor``, ``setFont``, ``setPos``).

    Parameters
    ----------
    anchor : (float, float)
        Which point of the text box sits on the position: (0, 0) its top left,
        (0.5, 0.5) its centre, (1, 1) its bottom right.
    """

    def __init__(self, text: str = "", anchor=(0.5, 0.5)):
        super().__init__(text)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations)
        self._anchor = (float(anchor[0]), float(anchor[1]))
        self._place()

    def setText(self, text: str) -> None:  # noqa: N802 - Qt's name
        if text != self.text():
            super().setText(text)
            self._place()

    def setAnchor(self, anchor) -> None:  # noqa: N802 - pyqtgraph's name
        anchor = (float(anchor[0]), float(anchor[1]))
        if anchor != self._anchor:
            self._anchor = anchor
            self._place()

    def setColor(self, color) -> None:  # noqa: N802 - pyqtgraph's name
        self.setBrush(QColor(color))

    def setFont(self, font) -> None:  # noqa: N802 - Qt's name
        super().setFont(font)
        self._place()

    def _place(self) -> None:
        box = self.boundingRect()
        self.setTransform(QTransform.fromTranslate(-self._anchor[0] * box.width(),
                                                   -self._anchor[1] * box.height()))


class Handle(QGraphicsObject):
    """A draggable point: a dot of fixed pixel size at a data position.

    A QGraphicsObject (so it has an object name) that paints nothing itself; its dot is
    a plain Qt ellipse, painted without calling back into Python. Its data position is
    ``pos()``.
    """

    def __init__(self, name: str):
        super().__init__()
        self.setObjectName(name)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemHasNoContents)
        self.dot = QGraphicsEllipseItem(self)

    def set_style(self, brush, pen, size: float) -> None:
        """Fill, outline and diameter (pixels) of the dot."""
        radius = size / 2.0
        self.dot.setRect(-radius, -radius, 2 * radius, 2 * radius)
        self.dot.setBrush(brush)
        self.dot.setPen(pen)

    def point(self) -> tuple[float, float]:
        """The handle's position in data coordinates."""
        return self.pos().x(), self.pos().y()

    def boundingRect(self) -> QRectF:  # noqa: N802 - Qt's name
        return QRectF()

    def paint(self, painter, option, widget=None) -> None:
        pass


def translucent(color: str, alpha: int) -> QColor:
    """``color`` with opacity ``alpha`` (0-255)."""
    result = QColor(color)
    result.setAlpha(alpha)
    return result


# -- geometry ---------------------------------------------------------------------------------


def line_in_view(x0: float, y0: float, slope: float, view, side: int = 0):
    """End points of the line through (x0, y0) with ``slope``, clipped to ``view``.

    Parameters
    ----------
    view : ((xmin, xmax), (ymin, ymax))
        A rectangle a little larger than the visible one; clipping keeps Qt away from
        huge coordinates (a nearly vertical tangent).
    side : int
        0 for the whole line, -1 for the ray to the left of x0, +1 to the right.

    Returns
    -------
    (xs, ys) : two-element lists; empty when the line misses the view.
    """
    (x_low, x_high), (y_low, y_high) = view
    if not (math.isfinite(x0) and math.isfinite(y0)):
        return [], []
    if math.isinf(slope):
        if not x_low <= x0 <= x_high:
            return [], []
        if side == 0:
            return [x0, x0], [y_low, y_high]
        # A one-sided vertical tangent: up on the right for +inf, down on the left.
        end = y_high if (slope > 0) == (side > 0) else y_low
        return [x0, x0], [y0, end]
    if not math.isfinite(slope):
        return [], []
    start = x_low if side <= 0 else x0
    stop = x_high if side >= 0 else x0
    if slope != 0.0:
        # Keep the x interval where the line is inside the y band.
        bound_a = x0 + (y_low - y0) / slope
        bound_b = x0 + (y_high - y0) / slope
        start = max(start, min(bound_a, bound_b))
        stop = min(stop, max(bound_a, bound_b))
    elif not y_low <= y0 <= y_high:
        return [], []
    if not start < stop:
        return [], []
    return [start, stop], [y0 + slope * (start - x0), y0 + slope * (stop - x0)]


def expanded_view(view_range, factor: float = 0.25):
    """``((xmin, xmax), (ymin, ymax))`` of a ViewBox range, widened by ``factor`` each way."""
    (x_low, x_high), (y_low, y_high) = view_range
    dx, dy = (x_high - x_low) * factor, (y_high - y_low) * factor
    return (x_low - dx, x_high + dx), (y_low - dy, y_high + dy)


def robust_range(values: np.ndarray, margin: float = 0.15):
    """A y range showing most of ``values``: a pole must not squash the curve flat."""
    finite = values[np.isfinite(values)]
    if not finite.size:
        return None
    bottom, top = np.percentile(finite, [2, 98])
    if top - bottom < 1e-9:
        bottom, top = bottom - 1.0, top + 1.0
    pad = margin * (top - bottom)
    return float(bottom - pad), float(top + pad)


# -- numbers ----------------------------------------------------------------------------------


def number(value: float | None, digits: int = 6) -> str:
    """A readable number: ``2``, ``2.5``, ``−0.25``, ``1.2e−07``; ``—`` for none.

    Uses the real minus sign, trims ``-0`` to ``0`` and shows infinity as ``∞``.
    """
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "—"
    if math.isinf(value):
        return ("" if value > 0 else MINUS) + "∞"
    text = f"{value:.{digits}g}"
    if text in ("-0", "0"):
        return "0"
    if "e" in text:
        mantissa, exponent = text.split("e")
        text = f"{mantissa}e{int(exponent)}"
    return text.replace("-", MINUS)


def latex_number(value: float | None, digits: int = 6) -> str:
    """``value`` as LaTeX: ``1.2 \\cdot 10^{-7}``, ``-0.25``, ``\\infty``."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return r"\text{—}"
    if math.isinf(value):
        return r"\infty" if value > 0 else r"-\infty"
    text = f"{value:.{digits}g}"
    if text in ("-0", "0"):
        return "0"
    if "e" in text:
        mantissa, exponent = text.split("e")
        prefix = "" if mantissa == "1" else f"{mantissa} \\cdot "
        if mantissa == "-1":
            prefix = "-"
        return f"{prefix}10^{{{int(exponent)}}}"
    return text


def latex_argument(value: float, digits: int = 6) -> str:
    """A number as it sits inside a formula: negatives in parentheses."""
    text = latex_number(value, digits)
    return f"({text})" if text.startswith("-") else text


def plain_argument(value: float, digits: int = 6) -> str:
    """A number inside plain text: negatives in parentheses."""
    text = number(value, digits)
    return f"({text})" if text.startswith(MINUS) else text


def line_equation(slope: float, intercept: float, name: str = "x", digits: int = 6,
                  latex: bool = False) -> str:
    """``y = 2x − 1`` (or its LaTeX): the tangent line, with tidy signs and ones."""
    fmt = latex_number if latex else number
    minus = "-" if latex else MINUS
    terms = []
    slope_text = fmt(slope, digits)
    if slope_text != "0":
        if slope_text == "1":
            terms.append(name)
        elif slope_text in ("-1", MINUS + "1"):
            terms.append(minus + name)
        else:
            terms.append(f"{slope_text}{name}")
    intercept_text = fmt(abs(intercept), digits)
    if intercept_text != "0" or not terms:
        if not terms:
            terms.append(fmt(intercept, digits))
        else:
            terms.append(f"{minus if intercept < 0 else '+'} {intercept_text}")
    return "y = " + " ".join(terms)


def digits_for_step(h: float) -> int:
    """Significant digits that keep f(x0 + h) and f(x0) apart for a step ``h``."""
    if not math.isfinite(h) or h == 0:
        return 6
    return int(min(13, max(6, 5 + math.ceil(-math.log10(abs(h))))))
