"""Shared look of the surface lab: which theme colour means what, symbols, number format.

The 3-D view, the contour view and the small plots must agree (the slice y = y0 is the
same colour everywhere), so the roles live here, once, read from the current theme.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pyqtgraph as pg
from pyqtgraph.graphicsItems.ScatterPlotItem import Symbols
from PySide6.QtCore import QCoreApplication, QRectF
from PySide6.QtGui import QBrush, QColor, QPainter, QPen, QTransform
from PySide6.QtWidgets import QGraphicsEllipseItem, QGraphicsItem, QGraphicsPathItem, QSizePolicy

from visualizer.theme import Theme

#: Stationary-point kinds in the order the legend lists them.
KINDS = ("minimum", "maximum", "saddle", "degenerate")
#: pyqtgraph symbols: a valley points down, a peak up, a saddle crosses.
KIND_SYMBOLS = {"minimum": "t", "maximum": "t1", "saddle": "x", "degenerate": "d"}
#: The same shapes as text, for legends and tooltips.
KIND_GLYPHS = {"minimum": "▼", "maximum": "▲", "saddle": "✖", "degenerate": "◆"}


def tr(text: str) -> str:
    return QCoreApplication.translate("SurfacePanel", text)


def kind_names() -> dict[str, str]:
    """Translated names of the stationary-point kinds."""
    return {
        "minimum": tr("minimum"),
        "maximum": tr("maximum"),
        "saddle": tr("saddle"),
        "degenerate": tr("degenerate (test fails)"),
    }


@dataclass(frozen=True)
class LabColours:
    """What each colour of the surface lab means, as ``'#rrggbb'``."""

    point: str
    gradient: str
    direction: str
    slice_x: str  # the curve y = y0, whose slope is ∂f/∂x
    slice_y: str  # the curve x = x0, whose slope is ∂f/∂y
    level: str  # the level curve through the point
    field_low: str
    field_high: str
    kinds: dict


def lab_colours(theme: Theme) -> LabColours:
    """The surface lab's colour roles for ``theme``."""
    return LabColours(
        point=theme.accent,
        gradient=theme.tangent,
        direction=theme.derivative,
        slice_x=theme.curve,
        slice_y=theme.secant,
        level=theme.foreground,
        field_low=blend(theme.background, theme.foreground, 0.3),
        field_high=theme.foreground,
        kinds={
            "minimum": theme.positive_fill,
            "maximum": theme.negative_fill,
            "saddle": theme.second_derivative,
            "degenerate": theme.muted,
        },
    )


def blend(color_a: str, color_b: str, amount: float) -> str:
    """``color_a`` moved ``amount`` (0..1) of the way to ``color_b``."""
    a, b = QColor(color_a), QColor(color_b)
    mix = [round(ca + (cb - ca) * amount) for ca, cb in zip(a.getRgb()[:3], b.getRgb()[:3], strict=True)]
    return QColor(*mix).name()


def ramp(low: str, high: str, fractions: np.ndarray) -> np.ndarray:
    """RGBA rows in 0..1 along the straight line from ``low`` to ``high``."""
    a = np.array(QColor(low).getRgbF()[:3])
    b = np.array(QColor(high).getRgbF()[:3])
    fractions = np.clip(np.asarray(fractions, dtype=np.float64), 0.0, 1.0)[:, None]
    rgba = np.ones((len(fractions), 4))
    rgba[:, :3] = a + (b - a) * fractions
    return rgba


def rgba(color: str, alpha: float = 1.0) -> tuple[float, float, float, float]:
    """A ``'#rrggbb'`` colour as an RGBA tuple of floats (the 3-D view's format)."""
    r, g, b, _ = QColor(color).getRgbF()
    return (r, g, b, alpha)


def number(value: float, digits: int = 3) -> str:
    """A value for the formulas: fixed decimals, a true minus, ``undefined`` for NaN."""
    if not math.isfinite(value):
        return tr("undefined")
    if value != 0.0 and (abs(value) >= 1e5 or abs(value) < 10.0 ** (-digits)):
        text = f"{value:.{digits}e}"
        mantissa, exponent = text.split("e")
        return f"{mantissa}·10^{int(exponent)}".replace("-", "−")
    text = f"{value:.{digits}f}"
    if float(text) == 0.0:
        text = text.lstrip("-")
    return text.replace("-", "−")


def latex_number(value: float, digits: int = 3) -> str:
    """:func:`number` as LaTeX (``\\cdot 10^{k}`` for powers)."""
    if not math.isfinite(value):
        return r"\text{undefined}"
    text = number(value, digits).replace("−", "-")
    if "·10^" in text:
        mantissa, exponent = text.split("·10^")
        text = rf"{mantissa} \cdot 10^{{{exponent}}}"
    # Braces make the minus a sign, not a subtraction with spaces around it.
    return f"{{{text}}}" if text.startswith("-") else text


def fixed_height_policy() -> QSizePolicy:
    """Preferred width, height from :meth:`FlowLayout.heightForWidth`."""
    policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
    policy.setHeightForWidth(True)
    return policy


class Dot(QGraphicsEllipseItem):
    """A round marker of a fixed size in pixels at one data point of a plot.

    Moving it is a change of position only (``setPos``), far cheaper on every frame of
    a drag than ``ScatterPlotItem.setData``. Add it with ``plot.addItem(dot,
    ignoreBounds=True)``.
    """

    def __init__(self, diameter: float = 10.0):
        super().__init__()
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations)
        self._at = (math.nan, math.nan)
        self.set_diameter(diameter)
        self.hide()

    def set_diameter(self, diameter: float) -> None:
        self.setRect(-diameter / 2, -diameter / 2, diameter, diameter)

    def set_style(self, fill: str, outline: str, width: float = 1.0) -> None:
        """Fill and outline colours (``'#rrggbb'``) and the outline width in pixels."""
        self.setBrush(QBrush(QColor(fill)))
        outline_pen = QPen(QColor(outline))
        outline_pen.setWidthF(width)
        outline_pen.setCosmetic(True)
        self.setPen(outline_pen)

    def set_point(self, x: float, y: float) -> None:
        """Put the dot at (x, y); hide it when either is not finite."""
        self._at = (float(x), float(y))
        if math.isfinite(x) and math.isfinite(y):
            self.setPos(x, y)
            self.show()
        else:
            self.hide()

    def getData(self) -> tuple[np.ndarray, np.ndarray]:  # noqa: N802 - pyqtgraph's name
        """``([x], [y])`` where the dot is shown, empty arrays when hidden."""
        if not self.isVisible():
            return np.zeros(0), np.zeros(0)
        return np.array([self._at[0]]), np.array([self._at[1]])


class _SmoothPath(QGraphicsPathItem):
    """A path item drawn antialiased (the plots around it are not), as pyqtgraph's
    symbols are."""

    def paint(self, painter, option, widget=None) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        super().paint(painter, option, widget)


class Marks(QGraphicsItem):
    """A few markers of one pyqtgraph symbol and a fixed size in pixels, at data points.

    The θ plot moves its four markers on every frame of a drag: ``ScatterPlotItem``
    spent ~0.2 ms to take new points and as much to paint them; these are plain path
    items moved by ``setPos``. Add with ``plot.addItem(marks, ignoreBounds=True)``.
    """

    def __init__(self, symbol: str, count: int, size: float = 10.0):
        super().__init__()
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemHasNoContents)
        self._unit_path = Symbols[symbol]
        self._marks = []
        for _ in range(count):
            mark = _SmoothPath(self)
            mark.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations)
            mark.hide()
            self._marks.append(mark)
        self._points: list[tuple[float, float]] = []
        self.set_size(size)

    def boundingRect(self) -> QRectF:  # noqa: N802 - Qt's name
        return QRectF()

    def paint(self, *_arguments) -> None:
        pass  # the marks paint themselves

    def set_size(self, size: float) -> None:
        """Size of each mark in pixels."""
        path = QTransform.fromScale(size, size).map(self._unit_path)
        for mark in self._marks:
            mark.setPath(path)

    def set_style(self, fill: str, outline: str, width: float = 1.0) -> None:
        """Fill and outline colours and the outline width in pixels."""
        outline_pen = QPen(QColor(outline))
        outline_pen.setWidthF(width)
        outline_pen.setCosmetic(True)
        for mark in self._marks:
            mark.setBrush(QBrush(QColor(fill)))
            mark.setPen(outline_pen)

    def setData(self, xs, ys) -> None:  # noqa: N802 - pyqtgraph's name
        """Put the marks at (xs[i], ys[i]); marks beyond the points (or at non-finite
        ones) are hidden."""
        self._points = [(float(x), float(y)) for x, y in zip(xs, ys, strict=True)]
        for index, mark in enumerate(self._marks):
            if index < len(self._points) and all(map(math.isfinite, self._points[index])):
                mark.setPos(*self._points[index])
                mark.show()
            else:
                mark.hide()

    def getData(self) -> tuple[np.ndarray, np.ndarray]:  # noqa: N802 - pyqtgraph's name
        """The x and y of the marks shown."""
        shown = [point for point, mark in zip(self._points, self._marks, strict=False)
                 if mark.isVisible()]
        return (np.array([x for x, _ in shown], dtype=np.float64),
                np.array([y for _, y in shown], dtype=np.float64))


class FramedCurve(pg.PlotCurveItem):
    """A ``PlotCurveItem`` whose bounds are its plot's visible rectangle.

    pyqtgraph works a curve's bounds out of its data and the size of a pixel each time
    the data change (~0.1 ms); with a dozen curves changing on every frame of a drag
    that was over a millisecond a frame. The surface lab sets its plots' ranges itself
    (no auto-range reads these bounds) and a view box clips what it holds to its
    rectangle, so that rectangle is the bounds.
    """

    def boundingRect(self) -> QRectF:  # noqa: N802 - Qt's name
        if self._boundingRect is None:
            view = self.getViewBox()
            self._boundingRect = QRectF() if view is None else view.viewRect()
        return self._boundingRect
