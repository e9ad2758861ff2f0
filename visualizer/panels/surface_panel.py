"""Surface lab (3-D): the shaded surface of f(x, y) with the point and its gradient.

Foundation version: the surface of the current two-variable function over the model's
ranges, the model's point on it, and a field of gradient arrows on the floor. For a
function of one variable it says so plainly and offers a two-variable preset.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from visualizer.core.presets import PRESETS_BY_KEY
from visualizer.core.sampling import sample_grid
from visualizer.panels.surface_view import SurfaceView
from visualizer.theme import LIGHT, Theme

GRID_SIZE = 100
ARROWS_PER_SIDE = 20
SUGGESTED_PRESET = "bowl"


def tr(text: str) -> str:
    return QCoreApplication.translate("SurfacePanel", text)


class SurfacePanel(QWidget):
    """3-D surface of f(x, y) with the model's point and a gradient arrow field."""

    def __init__(self, model, parent=None):
        super().__init__(parent)
        self.setObjectName("surfacePanel")
        self._model = model
        self._theme: Theme = LIGHT
        self.view = SurfaceView(parent=self)
        #: The last sampled grid ``(xs, ys, Z)`` drawn, for export and tests.
        self.last_grid: tuple | None = None

        self.one_variable_box = QWidget(self)
        self.one_variable_label = QLabel(self.one_variable_box)
        self.one_variable_label.setWordWrap(True)
        self.one_variable_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        preset = PRESETS_BY_KEY[SUGGESTED_PRESET]
        self.suggest_button = QPushButton(tr("Show {0}").format(preset.text),
                                          self.one_variable_box)
        self.suggest_button.setObjectName("surfaceSuggestPreset")
        self.suggest_button.setToolTip(tr("Load the chapters' two-variable example"))
        self.suggest_button.clicked.connect(self._load_suggestion)
        box_layout = QVBoxLayout(self.one_variable_box)
        box_layout.addStretch(1)
        box_layout.addWidget(self.one_variable_label)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.suggest_button)
        row.addStretch(1)
        box_layout.addLayout(row)
        box_layout.addStretch(1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.one_variable_box, 1)
        self.one_variable_box.setVisible(False)

        model.expression_changed.connect(self._on_expression_changed)
        model.x_range_changed.connect(self._on_range_changed)
        model.y_range_changed.connect(self._on_range_changed)
        model.point_changed.connect(self._on_point_changed)
        if model.function is not None:
            self._on_expression_changed(model.function)

    def apply_theme(self, theme: Theme) -> None:
        """Restyle for ``theme``."""
        self._theme = theme
        self.view.set_theme(theme)
        self.one_variable_label.setStyleSheet(f"color: {theme.muted};")

    def _load_suggestion(self) -> None:
        preset = PRESETS_BY_KEY[SUGGESTED_PRESET]
        self._model.set_x_range(*preset.x_range)
        self._model.set_y_range(*preset.y_range)
        self._model.set_expression(preset.text)

    def _on_expression_changed(self, state) -> None:
        two = state.is_2d
        self.view.setVisible(two)
        self.one_variable_box.setVisible(not two)
        if not two:
            self.one_variable_label.setText(tr(
                "f({0}) has one variable, so it is a curve, not a surface: see the "
                "derivative lab. Surfaces, partial derivatives and gradients need a "
                "function of x and y.").format(state.variable))
            return
        self._redraw()

    def _on_range_changed(self, _value=None) -> None:
        if self._model.function is not None and self._model.function.is_2d:
            self._redraw()

    def _redraw(self) -> None:
        functions = self._model.function.functions
        xs, ys, z = sample_grid(functions.arrays["f"], self._model.x_range, self._model.y_range, GRID_SIZE)
        self.last_grid = (xs, ys, z)
        self.view.set_surface(xs, ys, z)
        self._draw_arrows(functions, z)
        self._on_point_changed()

    def _draw_arrows(self, functions, z: np.ndarray) -> None:
        (x_low, x_high), (y_low, y_high) = self._model.x_range, self._model.y_range
        ax = np.linspace(x_low, x_high, ARROWS_PER_SIDE)
        ay = np.linspace(y_low, y_high, ARROWS_PER_SIDE)
        gx_grid, gy_grid = np.meshgrid(ax, ay, indexing="ij")
        gx = functions.arrays["fx"](gx_grid, gy_grid).ravel()
        gy = functions.arrays["fy"](gx_grid, gy_grid).ravel()
        finite = np.isfinite(gx) & np.isfinite(gy)
        norms = np.hypot(gx, gy)
        longest = np.nanmax(norms[finite]) if finite.any() else 0.0
        if longest <= 0:
            self.view.set_arrows(np.empty((0, 3)), np.empty((0, 3)))
            return
        # Longest arrow = one grid spacing: readable, never overlapping.
        spacing = min(ax[1] - ax[0], ay[1] - ay[0])
        scale = spacing / longest
        finite_z = z[np.isfinite(z)]
        floor = float(finite_z.min()) if finite_z.size else 0.0
        starts = np.column_stack([gx_grid.ravel(), gy_grid.ravel(), np.full(gx.size, floor)])
        vectors = np.column_stack([gx * scale, gy * scale, np.zeros(gx.size)])
        self.view.set_arrows(starts[finite], vectors[finite])

    def _on_point_changed(self, _value=None) -> None:
        state = self._model.function
        if state is None or not state.is_2d:
            return
        x, y = self._model.point
        z = state.functions.scalars["f"](x, y)
        if np.isfinite(z):
            self.view.set_markers(np.array([[x, y, z]]))
        else:
            self.view.set_markers(np.empty((0, 3)))
