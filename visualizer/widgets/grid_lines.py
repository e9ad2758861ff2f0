"""Grid lines that software rendering draws twenty times faster.

pyqtgraph draws a plot's grid as the ticks of its axes, stretched across the view, in
the axis colour made translucent (``showGrid(alpha=...)``), with antialiasing off. Qt's
raster engine draws such a translucent aliased line pixel by pixel when it runs
horizontally: the ~20 horizontal lines of a left axis took 2–4 ms to draw (1–3 ms
each time the axis cache was filled again), the vertical lines of a bottom axis 0.1 ms.
A horizontal line one pixel wide is a one-pixel-high rectangle, and Qt fills a
translucent rectangle with one span per row: :func:`use_fast_grid` draws it so, on the
pixels the line would have covered.
"""

from __future__ import annotations

import functools
import math
import weakref

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QPainter, QPen

__all__ = ["draw_axis_picture", "use_fast_grid"]


def _row_rect(pen: QPen, p1, p2) -> QRect | None:
    """The pixels of the aliased line p1-p2, when it is a thin horizontal one, else None.

    An aliased one-pixel line at height ``y`` covers row ``floor(y)`` and columns
    ``floor(x_min)`` to ``floor(x_max)`` (checked against Qt's drawing at random
    positions, see tests/panels/test_fast_edits.py).
    """
    if p1.y() != p2.y() or pen.style() != Qt.PenStyle.SolidLine or pen.widthF() > 1.0:
        return None
    if pen.brush().style() != Qt.BrushStyle.SolidPattern:
        return None
    low, high = sorted((p1.x(), p2.x()))
    left = math.floor(low)
    return QRect(left, math.floor(p1.y()), math.floor(high) - left + 1, 1)


def draw_axis_picture(axis, painter: QPainter, axis_spec, tick_specs, text_specs) -> None:
    """pyqtgraph's ``AxisItem.drawPicture``, with thin horizontal lines filled as rows."""
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
    pen, p1, p2 = axis_spec
    painter.setPen(pen)
    painter.drawLine(p1, p2)
    for pen, p1, p2 in tick_specs:
        row = _row_rect(pen, p1, p2)
        if row is not None:
            painter.fillRect(row, pen.color())
        else:
            painter.setPen(pen)
            painter.drawLine(p1, p2)
    if axis.style["tickFont"] is not None:
        painter.setFont(axis.style["tickFont"])
    painter.setPen(axis.textPen())
    painter.setClipRect(axis.boundingRect().toAlignedRect())
    for rect, flags, text in text_specs:
        painter.drawText(rect, int(flags), text)


def use_fast_grid(plot) -> None:
    """Make every axis of ``plot`` (a PlotWidget or PlotItem) draw with :func:`draw_axis_picture`."""
    item = plot.getPlotItem() if hasattr(plot, "getPlotItem") else plot
    for name in ("left", "bottom", "right", "top"):
        axis = item.getAxis(name)
        # Through a weak reference: a bound method kept by the axis itself would make
        # a reference cycle of a Qt item, freed at some later garbage collection.
        axis.drawPicture = functools.partial(draw_axis_picture, weakref.proxy(axis))
        axis.picture = None  # drawn again, the new way
        axis.update()
