"""Derivative lab (2-D): the curve of f, the secant through P0 and P, the tangent at P0.

This is the foundation version: it draws f(x) from the model and the secant/tangent
at the model's ``x0`` and ``h``. The full lab (dragging, animation, the limit table)
builds on it.
"""

from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from visualizer.core.sampling import sample_curve
from visualizer.panels.plot_style import pen, style_plot
from visualizer.theme import LIGHT, Theme

CURVE_SAMPLES = 2000


def tr(text: str) -> str:
    return QCoreApplication.translate("SecantPanel", text)


class SecantPanel(QWidget):
    """Curve of f with the secant P0P and the tangent at P0."""

    def __init__(self, model, parent=None):
        super().__init__(parent)
        self.setObjectName("secantPanel")
        self._model = model
        self._theme: Theme = LIGHT

        self.plot = pg.PlotWidget(self)
        self.plot.setObjectName("secantPlot")
        self.plot.setAccessibleName(tr("Curve of f with secant and tangent"))
        self.plot.setMenuEnabled(False)
        self.curve = self.plot.plot([], [], connect="finite")
        self.secant = self.plot.plot([], [])
        self.tangent = self.plot.plot([], [])
        self.points = pg.ScatterPlotItem(size=10)
        self.plot.addItem(self.points)
        self.notice = QLabel(self)
        self.notice.setObjectName("secantNotice")
        self.notice.setWordWrap(True)
        self.notice.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.notice.setVisible(False)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addWidget(self.notice)
        layout.addWidget(self.plot, 1)

        model.expression_changed.connect(self._on_expression_changed)
        model.x_range_changed.connect(self._on_range_changed)
        model.x0_changed.connect(self._on_secant_moved)
        model.h_changed.connect(self._on_secant_moved)
        self.apply_theme(self._theme)
        if model.function is not None:
            self._on_expression_changed(model.function)

    def apply_theme(self, theme: Theme) -> None:
        """Restyle for ``theme``."""
        self._theme = theme
        style_plot(self.plot, theme)
        self.curve.setPen(pen(theme, theme.curve, 1.5))
        self.secant.setPen(pen(theme, theme.secant))
        self.tangent.setPen(pen(theme, theme.tangent, 1.0, Qt.PenStyle.DashLine))
        self.points.setBrush(pg.mkBrush(theme.accent))
        self.points.setPen(pg.mkPen(theme.background, width=1))
        self.points.setSize(10 * theme.scale * (1.4 if theme.line_width > 1 else 1))
        self.notice.setStyleSheet(f"color: {theme.muted};")

    def _on_expression_changed(self, state) -> None:
        one_variable = not state.is_2d
        self.notice.setVisible(not one_variable)
        self.plot.setVisible(one_variable)
        if not one_variable:
            self.notice.setText(tr(
                "f has two variables: its slopes are partial derivatives, shown in the "
                "surface lab. Type a function of x alone to see secants and tangents."))
            return
        self.plot.setLabel("bottom", state.variable)
        self.plot.setLabel("left", f"f({state.variable})")
        self._redraw_curve()
        self._on_secant_moved()

    def _on_range_changed(self, _value=None) -> None:
        if self._model.function is not None and not self._model.function.is_2d:
            self._redraw_curve()
            self._on_secant_moved()

    def _redraw_curve(self) -> None:
        low, high = self._model.x_range
        xs, ys = sample_curve(self._model.function.functions.arrays["f"], low, high, CURVE_SAMPLES)
        self.curve.setData(xs, ys, connect="finite")
        self.plot.setXRange(low, high, padding=0.02)
        finite = ys[np.isfinite(ys)]
        if finite.size:
            # Robust y range: a pole must not squash the rest of the curve flat.
            bottom, top = np.percentile(finite, [2, 98])
            if top - bottom < 1e-9:
                bottom, top = bottom - 1, top + 1
            margin = 0.1 * (top - bottom)
            self.plot.setYRange(bottom - margin, top + margin, padding=0)

    def _on_secant_moved(self, _value=None) -> None:
        state = self._model.function
        if state is None or state.is_2d:
            return
        f, df = state.functions.scalars["f"], state.functions.scalars["df"]
        x0, h = self._model.x0, self._model.h
        y0, y1 = f(x0), f(x0 + h)
        low, high = self._model.x_range
        xs = np.array([low, high])
        if math.isfinite(y0) and math.isfinite(y1):
            slope = (y1 - y0) / h
            self.secant.setData(xs, y0 + slope * (xs - x0))
            self.points.setData([x0, x0 + h], [y0, y1])
        else:
            self.secant.setData([], [])
            self.points.setData([], [])
        slope0 = df(x0)
        if math.isfinite(y0) and math.isfinite(slope0):
            self.tangent.setData(xs, y0 + slope0 * (xs - x0))
        else:
            self.tangent.setData([], [])
