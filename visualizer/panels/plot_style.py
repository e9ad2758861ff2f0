"""Theme -> pyqtgraph styling shared by the 2-D plots (one place, not one per panel)."""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtGui import QFont

from visualizer.theme import Theme


def pen(theme: Theme, color: str, factor: float = 1.0, style=None) -> pg.QtGui.QPen:
    """A cosmetic pen in ``color``, ``factor`` times the theme's line width."""
    result = pg.mkPen(color=color, width=theme.pen_width(factor))
    if style is not None:
        result.setStyle(style)
    return result


def style_plot(plot: pg.PlotWidget, theme: Theme) -> None:
    """Background, axes, grid and tick font of ``plot`` from ``theme``."""
    plot.setBackground(theme.background)
    item = plot.getPlotItem()
    font = QFont()
    font.setPointSizeF(theme.font_size(0.9))
    for name in ("left", "bottom", "right", "top"):
        axis = item.getAxis(name)
        axis.setPen(pg.mkPen(theme.foreground, width=max(1.0, theme.line_width * theme.scale / 2)))
        axis.setTextPen(pg.mkPen(theme.foreground))
        axis.setTickFont(font)
        axis.label.setFont(font)
    item.showGrid(x=True, y=True, alpha=theme.grid_alpha)
    item.titleLabel.item.setFont(font)
