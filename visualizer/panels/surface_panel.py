"""Surface lab: f(x, y) as a surface and a contour map, with the calculus at one point.

Two linked views of the current two-variable function: the 3-D surface
(:class:`~visualizer.panels.surface_view.SurfaceView`) and the top-down contour map
(:class:`~visualizer.panels.contour_view.ContourView`), on which the point (x0, y0) and
the direction u are dragged. At the point the lab shows

* the gradient ∇f = (∂f/∂x, ∂f/∂y): an arrow perpendicular to the level curve on the
  map and lifted into the tangent plane on the surface, and its numbers typeset;
* the partial derivatives as slices: the curves y = y0 and x = x0 on the surface and in
  two small plots, each with its tangent of slope ∂f/∂x or ∂f/∂y;
* the directional derivative D_u f = u · ∇f: the slice along u with its tangent, and a
  plot of D_u f against θ, largest (|∇f|) along the gradient, zero along the level curve;
* optionally the tangent plane; the Hessian with its eigenvalues; the stationary points
  in view, classified, on both views;
* a switchable gradient field over the map and on the surface's floor.

The panel holds plot items only: the point, the direction and the function live in
the model. Moving the point never resamples the surface: only what hangs on the point
is redrawn. Typeset formulas take ~10 ms each to render (holding the GIL), so they are
refreshed once the point has rested for :data:`SETTLE_MS`; the captions of
the small plots carry the same numbers on every frame.
"""

from __future__ import annotations

import math

import numpy as np
from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from visualizer.core.directional import (
    derivatives_at,
    gradient_field,
    hessian_eigen,
    line_through_box,
    tangent_segment,
    unit_vector,
)
from visualizer.core.presets import PRESETS_BY_KEY
from visualizer.core.sampling import sample_grid
from visualizer.panels.contour_view import GRADIENT_LENGTH, ContourView, FrameThrottle
from visualizer.panels.redraw import (
    StaleWhileHidden,
    painted_in_one_frame,
    repaint_in_next_frame,
)
from visualizer.panels.surface_plots import AnglePlot, SlicePlot, slice_caption
from visualizer.panels.surface_style import (
    KIND_GLYPHS,
    KINDS,
    blend,
    fixed_height_policy,
    kind_names,
    lab_colours,
    latex_number,
    number,
    ramp,
    rgba,
)
from visualizer.panels.surface_view import SurfaceView, arrow_segments
from visualizer.theme import LIGHT, Theme
from visualizer.widgets.flow_layout import FlowLayout
from visualizer.widgets.formula import FormulaLabel

GRID_SIZES = (50, 100, 200, 300)
DEFAULT_GRID_SIZE = 100
DEFAULT_ARROWS_PER_SIDE = 15
SUGGESTED_PRESET = "bowl"
#: Samples along each slice (a smooth curve on screen, cheap on every frame).
SLICE_SAMPLES = 241
#: Half-length of the tangent lines, as a fraction of the longer side of the rectangle.
TANGENT_HALF = 0.25
#: Half-size of the tangent-plane patch, same unit; and its grid (cells off the box go).
PLANE_HALF = 0.22
PLANE_SAMPLES = 9
#: Longest arrow at the point in the 3-D view, in display units (the box is 2 wide).
MAX_ARROW_DISPLAY = 0.6
#: Half-length of a saddle's principal curves in the 3-D view, as a fraction of the span.
PRINCIPAL_HALF = 0.1
SETTLE_MS = 200
#: Panel widths (px) from which the two views sit side by side / the four plots in a row.
SIDE_BY_SIDE_WIDTH = 700
MIN_WIDTH = 320
ONE_ROW_WIDTH = 1000
#: A lab in a row this much shorter than wide puts the readout beside the views ...
SHORT_RATIO = 0.6
#: ... and shares the row's width so: 3-D view, contour map, readout.
SHORT_VIEW_SHARES = (0.33, 0.38, 0.29)


def tr(text: str) -> str:
    return QCoreApplication.translate("SurfacePanel", text)


def _percentile(ordered: np.ndarray, percent: float) -> float:
    """``np.percentile`` (linear) of sorted values; a tenth of its time for a slice's
    few hundred values, and it runs three times on every frame of a drag."""
    position = percent / 100 * (ordered.size - 1)
    below = int(position)
    above = min(below + 1, ordered.size - 1)
    return float(ordered[below] + (ordered[above] - ordered[below]) * (position - below))


def _slice_limits(values: np.ndarray, at_point: float) -> tuple[float, float]:
    """A frame for a slice: its finite values (2nd to 98th percentile) and the point, padded.

    The percentiles keep a pole at the edge of the range from squashing the curve flat.
    """
    finite = values[np.isfinite(values)]
    if finite.size > 50:
        ordered = np.sort(finite)
        low, high = _percentile(ordered, 2), _percentile(ordered, 98)
    elif finite.size:
        low, high = float(finite.min()), float(finite.max())
    else:
        low, high = (at_point, at_point) if math.isfinite(at_point) else (-1.0, 1.0)
    if math.isfinite(at_point):
        low, high = min(low, at_point), max(high, at_point)
    if high - low <= 1e-12 * max(1.0, abs(low)):
        half = 0.5 * max(1.0, abs(low))
        low, high = low - half, high + half
    pad = 0.1 * (high - low)
    return (low - pad, high + pad)


def _labelled(text: str, widget: QWidget, parent: QWidget) -> QWidget:
    """A caption and its control kept together on one row of the flow layout."""
    box = QWidget(parent)
    row = QHBoxLayout(box)
    row.setContentsMargins(0, 0, 0, 0)
    row.setSpacing(4)
    label = QLabel(text, box)
    label.setBuddy(widget)
    row.addWidget(label)
    row.addWidget(widget)
    return box


class SurfacePanel(QWidget):
    """The surface lab; see the module docstring.

    Attributes
    ----------
    view : SurfaceView
        The 3-D surface (a 2-D fallback inside it is never shown: the contour view is).
    contour : ContourView
        The top-down map with the draggable point and direction.
    slice_x, slice_y, slice_u : SlicePlot
        f along y = y0 (slope ∂f/∂x), along x = x0 (slope ∂f/∂y) and along u (slope D_u f).
    angle_plot : AnglePlot
        D_u f against θ.
    last_grid : tuple or None
        The last sampled grid ``(xs, ys, Z)`` drawn, for export and tests.
    readout : dict
        The numbers at the point as last drawn: ``point``, ``value``, ``gradient``,
        ``gradient_norm``, ``gradient_angle``, ``angle``, ``direction``,
        ``directional_derivative``, ``hessian``, ``eigenvalues``, ``curvature_kind``.
    """

    def __init__(self, model, parent=None):
        super().__init__(parent)
        self.setObjectName("surfacePanel")
        # A dock may shrink the lab, never to a sliver: below this nothing is readable.
        self.setMinimumWidth(MIN_WIDTH)
        self._model = model
        self._theme: Theme = LIGHT
        self._colours = lab_colours(LIGHT)
        self._grid_size = DEFAULT_GRID_SIZE
        self.last_grid: tuple | None = None
        self.readout: dict = {}
        self._field = None
        self._stationary: list = []
        self._z_limits = (-1.0, 1.0)
        self._frames: tuple = ()
        # Behind another tab the lab skips its drawing and catches up once when shown.
        self._stale = StaleWhileHidden(self, self._redraw_everything)

        self._build_one_variable_box()
        self.lab = QWidget(self)
        self.view = SurfaceView(parent=self.lab)
        self._three_d = self.view.is_3d
        self.view.set_colour_bar_visible(False)  # the map has the bar; the 3-D has a z axis
        self.contour = ContourView(self.lab)
        self.slice_x = SlicePlot("surfaceSliceX", tr("Slice y = y₀ with the tangent of slope ∂f/∂x"))
        self.slice_y = SlicePlot("surfaceSliceY", tr("Slice x = x₀ with the tangent of slope ∂f/∂y"))
        self.slice_u = SlicePlot("surfaceSliceU", tr("Slice along u with the tangent of slope D_u f"))
        self.angle_plot = AnglePlot()
        self.slice_x.set_axis_labels("x")
        self.slice_y.set_axis_labels("y")
        self.slice_u.set_axis_labels(tr("s (distance along u)"))
        self._build_controls()
        self._build_details()
        self._build_layout()

        self._settle_timer = QTimer(self)
        self._settle_timer.setSingleShot(True)
        self._settle_timer.setInterval(SETTLE_MS)
        self._settle_timer.timeout.connect(self._settle)
        self._angle_throttle = FrameThrottle(self._apply_dragged_angle, self)

        self.contour.point_dragged.connect(self._on_point_dragged)
        self.contour.direction_dragged.connect(self._on_direction_dragged)
        self.angle_plot.angle_dragged.connect(self._angle_throttle.push)
        model.expression_changed.connect(self._on_expression_changed)
        model.x_range_changed.connect(self._on_range_changed)
        model.y_range_changed.connect(self._on_range_changed)
        model.point_changed.connect(self._on_point_changed)
        model.direction_angle_changed.connect(self._on_direction_changed)
        model.critical_points_changed.connect(self._on_critical_points_changed)
        self.apply_theme(self._theme)
        if model.function is not None:
            self._on_expression_changed(model.function)
        else:
            self.lab.setVisible(False)
            self.one_variable_box.setVisible(False)

    # ------------------------------------------------------------------ building

    def _build_one_variable_box(self) -> None:
        self.one_variable_box = QWidget(self)
        self.one_variable_label = QLabel(self.one_variable_box)
        self.one_variable_label.setObjectName("surfaceOneVariableNotice")
        self.one_variable_label.setWordWrap(True)
        self.one_variable_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        preset = PRESETS_BY_KEY[SUGGESTED_PRESET]
        self.suggest_button = QPushButton(tr("Show {0}").format(preset.text), self.one_variable_box)
        self.suggest_button.setObjectName("surfaceSuggestPreset")
        self.suggest_button.setToolTip(tr("Load the chapters' two-variable example"))
        self.suggest_button.setAccessibleName(tr("Load a function of two variables"))
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

    def _build_controls(self) -> None:
        # Two groups: what a lesson turns (u, the plane) always shows; how things are
        # drawn (field, grid) folds away behind "Display" in a narrow dock.
        self.controls = QWidget(self.lab)
        self.controls.setObjectName("surfaceControls")
        self.controls.setSizePolicy(fixed_height_policy())
        column = QVBoxLayout(self.controls)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(3)
        primary = QWidget(self.controls)
        primary.setSizePolicy(fixed_height_policy())
        flow = FlowLayout(primary, spacing=6, wide_hint=False)
        self.display_options = QWidget(self.controls)
        self.display_options.setObjectName("surfaceDisplayOptions")
        self.display_options.setSizePolicy(fixed_height_policy())
        options = FlowLayout(self.display_options, spacing=6, wide_hint=False)
        column.addWidget(primary)
        column.addWidget(self.display_options)
        self._options_chosen = False

        self.angle_spin = QDoubleSpinBox(self.controls)
        self.angle_spin.setObjectName("surfaceAngle")
        self.angle_spin.setRange(0.0, 360.0)
        self.angle_spin.setWrapping(True)
        self.angle_spin.setDecimals(1)
        self.angle_spin.setSingleStep(5.0)
        self.angle_spin.setSuffix("°")
        self.angle_spin.setKeyboardTracking(False)
        self.angle_spin.setToolTip(tr("Direction of u, measured from the +x axis"))
        self.angle_spin.setAccessibleName(tr("Angle θ of the direction u, in degrees"))
        self.angle_spin.valueChanged.connect(self._on_angle_spin)
        flow.addWidget(_labelled(tr("u at θ ="), self.angle_spin, self.controls))

        self.snap_button = QPushButton(tr("Snap u to ∇f"), self.controls)
        self.snap_button.setObjectName("surfaceSnapButton")
        self.snap_button.setToolTip(tr("Turn u to the gradient: the steepest way up (G)"))
        self.snap_button.setAccessibleName(tr("Snap the direction u to the gradient"))
        self.snap_button.clicked.connect(self.snap_to_gradient)
        flow.addWidget(self.snap_button)
        snap_key = QShortcut(QKeySequence("G"), self, self.snap_to_gradient)
        snap_key.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)

        self.plane_check = QCheckBox(tr("Tangent plane"), self.controls)
        self.plane_check.setObjectName("surfaceTangentPlane")
        self.plane_check.setToolTip(tr("Show the plane that touches the surface at the point"))
        self.plane_check.setAccessibleName(tr("Show the tangent plane"))
        self.plane_check.toggled.connect(self._on_point_changed)
        flow.addWidget(self.plane_check)

        self.field_check = QCheckBox(tr("Gradient field"), self.controls)
        self.field_check.setObjectName("surfaceFieldToggle")
        self.field_check.setChecked(True)
        self.field_check.setToolTip(tr("Arrows of ∇f over the map and on the surface's floor"))
        self.field_check.setAccessibleName(tr("Show the gradient field"))
        self.field_check.toggled.connect(self._on_field_options)
        options.addWidget(self.field_check)

        self.density_spin = QSpinBox(self.controls)
        self.density_spin.setObjectName("surfaceFieldDensity")
        self.density_spin.setRange(5, 40)
        self.density_spin.setValue(DEFAULT_ARROWS_PER_SIDE)
        self.density_spin.setToolTip(tr("How many arrows along each side"))
        self.density_spin.setAccessibleName(tr("Gradient arrows per side"))
        self.density_spin.valueChanged.connect(self._on_field_options)
        options.addWidget(_labelled(tr("Arrows"), self.density_spin, self.display_options))

        self.mode_combo = QComboBox(self.controls)
        self.mode_combo.setObjectName("surfaceFieldMode")
        self.mode_combo.addItem(tr("length ∝ |∇f|"), "proportional")
        self.mode_combo.addItem(tr("unit length, shade = |∇f|"), "normalised")
        self.mode_combo.setToolTip(tr(
            "Proportional: long arrows where f climbs fast.\n"
            "Unit length: every direction readable; the stronger the arrow, the steeper."))
        self.mode_combo.setAccessibleName(tr("How the arrow length is drawn"))
        self.mode_combo.currentIndexChanged.connect(self._on_field_options)
        options.addWidget(self.mode_combo)

        self.grid_combo = QComboBox(self.controls)
        self.grid_combo.setObjectName("surfaceGridSize")
        for size in GRID_SIZES:
            self.grid_combo.addItem(f"{size} × {size}", size)
        self.grid_combo.setCurrentIndex(GRID_SIZES.index(DEFAULT_GRID_SIZE))
        self.grid_combo.setToolTip(tr("Samples of the surface along each side"))
        self.grid_combo.setAccessibleName(tr("Grid resolution of the surface"))
        self.grid_combo.currentIndexChanged.connect(self._on_grid_choice)
        options.addWidget(_labelled(tr("Grid"), self.grid_combo, self.display_options))

        self.reset_button = QPushButton(tr("Reset view"), self.controls)
        self.reset_button.setObjectName("surfaceResetView")
        self.reset_button.setToolTip(tr("Put the 3-D camera and the map back (double-click the 3-D view too)"))
        self.reset_button.setAccessibleName(tr("Reset the views"))
        self.reset_button.clicked.connect(self.reset_views)
        flow.addWidget(self.reset_button)

        self.display_button = QToolButton(primary)
        self.display_button.setObjectName("surfaceDisplayButton")
        self.display_button.setText(tr("Display"))
        self.display_button.setCheckable(True)
        self.display_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.display_button.setArrowType(Qt.ArrowType.DownArrow)
        self.display_button.setToolTip(tr("Show or hide the display options: gradient field, "
                                          "arrows, grid"))
        self.display_button.setAccessibleName(tr("Display options"))
        self.display_button.toggled.connect(self._on_display_button)
        flow.addWidget(self.display_button)

    def _build_details(self) -> None:
        # Short formulas that flow left to right and wrap: a wide strip under the plots
        # holds them in two or three lines, a column beside the views one under another.
        self.details = QWidget()
        self.details.setObjectName("surfaceDetails")
        layout = QVBoxLayout(self.details)
        layout.setContentsMargins(4, 2, 4, 2)
        layout.setSpacing(2)
        formulas = QWidget(self.details)
        formulas.setObjectName("surfaceFormulas")
        formulas.setSizePolicy(fixed_height_policy())
        self._formula_flow = FlowLayout(formulas, spacing=24, row_spacing=0, wide_hint=False)
        self.partial_x_formula = FormulaLabel(formulas)
        self.partial_y_formula = FormulaLabel(formulas)
        self.gradient_formula = FormulaLabel(formulas)
        self.gradient_norm_formula = FormulaLabel(formulas)
        self.direction_formula = FormulaLabel(formulas)
        self.directional_formula = FormulaLabel(formulas)
        self.hessian_formula = FormulaLabel(formulas)
        self.eigenvalues_formula = FormulaLabel(formulas)
        for name, label in self.formula_labels().items():
            label.setObjectName(name)
            self._formula_flow.addWidget(label)
        layout.addWidget(formulas)
        self.curvature_label = QLabel(self.details)
        self.curvature_label.setObjectName("surfaceCurvature")
        self.curvature_label.setWordWrap(True)
        self.stationary_label = QLabel(self.details)
        self.stationary_label.setObjectName("surfaceStationary")
        self.stationary_label.setWordWrap(True)
        self.stationary_label.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(self.curvature_label)
        layout.addWidget(self.stationary_label)
        layout.addStretch(1)

    def formula_labels(self) -> dict:
        """The typeset readout's labels by object name, in reading order."""
        return {
            "surfacePartialX": self.partial_x_formula,
            "surfacePartialY": self.partial_y_formula,
            "surfaceGradientFormula": self.gradient_formula,
            "surfaceGradientNorm": self.gradient_norm_formula,
            "surfaceDirectionFormula": self.direction_formula,
            "surfaceDirectionalDerivative": self.directional_formula,
            "surfaceHessianFormula": self.hessian_formula,
            "surfaceEigenvalues": self.eigenvalues_formula,
        }

    def _build_layout(self) -> None:
        self.notice = QLabel(self.lab)
        self.notice.setObjectName("surfaceFallbackNotice")
        self.notice.setWordWrap(True)
        self.notice.setVisible(not self._three_d)
        if not self._three_d:
            self.notice.setText(tr("{0} The map below shows the same surface from above.")
                                .format(self.view.notice_text))
            self.view.setVisible(False)

        contour_box = self.contour_box = QWidget(self.lab)
        contour_box.setObjectName("surfaceContourBox")
        contour_layout = QVBoxLayout(contour_box)
        contour_layout.setContentsMargins(0, 0, 0, 0)
        contour_layout.setSpacing(0)
        contour_layout.addWidget(self.contour, 1)
        self.legend_label = QLabel(contour_box)
        self.legend_label.setObjectName("surfaceLegend")
        self.legend_label.setWordWrap(True)
        self.legend_label.setTextFormat(Qt.TextFormat.RichText)
        contour_layout.addWidget(self.legend_label)

        self.views_splitter = QSplitter(Qt.Orientation.Horizontal, self.lab)
        self.views_splitter.setObjectName("surfaceViewsSplitter")
        self.views_splitter.setChildrenCollapsible(False)
        self.views_splitter.addWidget(self.view)
        self.views_splitter.addWidget(contour_box)
        self.views_splitter.setStretchFactor(0, 1)
        self.views_splitter.setStretchFactor(1, 1)

        self.plots = QWidget(self.lab)
        self.plots.setObjectName("surfaceSlicePlots")
        self._plots_grid = QGridLayout(self.plots)
        self._plots_grid.setContentsMargins(0, 0, 0, 0)
        self._plots_grid.setSpacing(4)
        self._layout_mode: str | None = None

        scroll = QScrollArea(self.lab)
        scroll.setObjectName("surfaceDetailsScroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self.details)
        self.details_scroll = scroll

        self.splitter = QSplitter(Qt.Orientation.Vertical, self.lab)
        self.splitter.setObjectName("surfaceSplitter")
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.views_splitter)
        self.splitter.addWidget(self.plots)
        self.splitter.addWidget(scroll)
        self.splitter.setStretchFactor(0, 5)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setStretchFactor(2, 2)
        self._arrange("wide")

        lab_layout = QVBoxLayout(self.lab)
        lab_layout.setContentsMargins(0, 0, 0, 0)
        lab_layout.setSpacing(3)
        lab_layout.addWidget(self.controls)
        lab_layout.addWidget(self.notice)
        lab_layout.addWidget(self.splitter, 1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addWidget(self.lab, 1)
        layout.addWidget(self.one_variable_box, 1)

    def _on_display_button(self, shown: bool) -> None:
        self._options_chosen = True
        self._show_display_options(shown)

    def _show_display_options(self, shown: bool) -> None:
        self.display_options.setVisible(shown)
        self.display_button.setArrowType(Qt.ArrowType.UpArrow if shown else Qt.ArrowType.DownArrow)
        if self.display_button.isChecked() != shown:
            self.display_button.blockSignals(True)
            self.display_button.setChecked(shown)
            self.display_button.blockSignals(False)

    @property
    def layout_mode(self) -> str:
        """``narrow`` (a dock), ``wide``, ``wide-row`` (four small plots in a row) or
        ``wide-short`` (a row of plots, and the readout beside the views)."""
        return self._layout_mode or "wide"

    def _arrange(self, mode: str) -> None:
        """Place the contour view, the small plots and the readout for the panel's size.

        Wide: the 3-D and contour views side by side above the small plots, the readout
        under them. Wide and short (a projector's screen under the lesson text): the
        views are short, so their row has width to spare; the readout takes it, beside
        them, instead of a strip of its own under the plots where only its first line
        would show. Narrow (a dock): the 3-D view across the top, then the contour view
        as a square on the left with the two partial-derivative slices stacked beside
        it, then the slice along u and the θ plot; the narrow width is used twice
        instead of leaving the map a small square in a wide strip. The 3-D view itself
        never moves (a GL window container does not like a new parent).
        """
        if mode == self._layout_mode:
            return
        was_short = self._layout_mode == "wide-short"
        self._layout_mode = mode
        grid = self._plots_grid
        movable = (self.contour_box, self.slice_x, self.slice_y, self.slice_u, self.angle_plot)
        for widget in movable:
            grid.removeWidget(widget)
        for index in range(4):
            grid.setRowStretch(index, 0)
            grid.setColumnStretch(index, 0)
        total = max(3, sum(self.splitter.sizes()) or 860)
        short = mode == "wide-short"
        if short:
            self.views_splitter.addWidget(self.details_scroll)
        elif self.details_scroll.parent() is not self.splitter:
            self.splitter.addWidget(self.details_scroll)
        if mode == "narrow":
            grid.addWidget(self.contour_box, 0, 0, 2, 1)
            grid.addWidget(self.slice_x, 0, 1)
            grid.addWidget(self.slice_y, 1, 1)
            grid.addWidget(self.slice_u, 2, 0)
            grid.addWidget(self.angle_plot, 2, 1)
            for index in range(3):
                grid.setRowStretch(index, 1)
            for index in range(2):
                grid.setColumnStretch(index, 1)
            shares = (0.26, 0.55, 0.19)
        else:
            self.views_splitter.insertWidget(1, self.contour_box)
            self.views_splitter.setSizes([1, 1, 1][: self.views_splitter.count()])
            plots = (self.slice_x, self.slice_y, self.slice_u, self.angle_plot)
            for index, widget in enumerate(plots):
                row, column = (0, index) if mode in ("wide-row", "wide-short") else divmod(index, 2)
                grid.addWidget(widget, row, column)
                grid.setColumnStretch(column, 1)
            shares = (0.67, 0.33) if short else (0.5, 0.3, 0.2)
        for widget in movable:
            widget.show()
        self.splitter.setSizes([int(total * share) for share in shares])
        if short:
            width = max(3, self.width())
            self.views_splitter.setSizes([int(width * share) for share in SHORT_VIEW_SHARES])
        if short != was_short and self.readout:
            self._update_formulas()  # typeset at the size the new place calls for

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        width, height = self.width(), self.height()
        wide = width >= SIDE_BY_SIDE_WIDTH
        row = width >= ONE_ROW_WIDTH
        short = row and height < SHORT_RATIO * width
        if not self._options_chosen:
            self._show_display_options(wide and not short)
        self._arrange("narrow" if not wide else "wide-short" if short
                      else "wide-row" if row else "wide")

    # ------------------------------------------------------------------ public

    @property
    def grid_size(self) -> int:
        """Samples per side of the surface grid."""
        return self._grid_size

    def set_grid_size(self, size: int) -> None:
        """Sample the surface on a ``size`` × ``size`` grid (one of :data:`GRID_SIZES`)."""
        size = int(size)
        if size not in GRID_SIZES:
            raise ValueError(f"grid size must be one of {GRID_SIZES}")
        self.grid_combo.setCurrentIndex(GRID_SIZES.index(size))  # -> _on_grid_choice

    def refresh(self) -> None:
        """Resample the surface and redraw everything (a new function, range or grid)."""
        state = self._model.function
        if state is None or not state.is_2d:
            return
        functions = state.functions
        x_range, y_range = self._model.x_range, self._model.y_range
        xs, ys, z = sample_grid(functions.arrays["f"], x_range, y_range, self._grid_size)
        self.last_grid = (xs, ys, z)
        if self._three_d:
            self.view.set_surface(xs, ys, z)
            z_range = self.view.z_range
        else:
            finite = z[np.isfinite(z)]
            z_range = (float(finite.min()), float(finite.max())) if finite.size else (-1.0, 1.0)
            if z_range[1] - z_range[0] <= 1e-12 * max(1.0, abs(z_range[0])):
                z_range = (z_range[0] - 0.5, z_range[1] + 0.5)
        pad = 0.08 * (z_range[1] - z_range[0])
        self._z_limits = (z_range[0] - pad, z_range[1] + pad)
        if (x_range, y_range) != self.contour.ranges:
            self.contour.set_ranges(x_range, y_range)
        self.contour.set_surface(xs, ys, z, z_range)
        self._draw_field()
        self._draw_stationary()
        self._settle_timer.stop()  # a new picture: fit the small plots exactly
        self._on_point_changed()

    def reset_views(self) -> None:
        """Put the 3-D camera and the map's frame back."""
        self.view.reset_view()
        self.contour.reset_view()

    def snap_to_gradient(self) -> None:
        """Turn u to the direction of ∇f at the point (nothing when ∇f = 0)."""
        self._stale.catch_up()  # the readout must be the current point's
        angle = self.readout.get("gradient_angle", math.nan)
        if math.isfinite(angle):
            self._model.set_direction_angle(angle)

    def apply_theme(self, theme: Theme) -> None:
        """Restyle for ``theme``."""
        self._theme = theme
        colours = self._colours = lab_colours(theme)
        self.view.set_theme(theme)
        self.contour.set_theme(theme)
        self.slice_x.set_theme(theme, colours.slice_x)
        self.slice_y.set_theme(theme, colours.slice_y)
        self.slice_u.set_theme(theme, colours.direction)
        self.angle_plot.set_theme(theme, colours)
        self.one_variable_label.setStyleSheet(f"color: {theme.muted};")
        self.notice.setStyleSheet(
            f"QLabel {{ background: {theme.accent}; color: white; padding: 4px; }}")
        self.curvature_label.setStyleSheet(f"color: {theme.foreground};")
        self._update_legend()
        self._draw_field()
        self._draw_stationary()
        self._on_point_changed()
        self._update_formulas()

    # ------------------------------------------------------------------ model -> view

    def _load_suggestion(self) -> None:
        preset = PRESETS_BY_KEY[SUGGESTED_PRESET]
        self._model.set_x_range(*preset.x_range)
        self._model.set_y_range(*preset.y_range)
        self._model.set_expression(preset.text)

    def _on_expression_changed(self, state) -> None:
        two = state.is_2d
        if not two:  # the text first: a notice shown empty would be laid out twice
            self.one_variable_label.setText(tr(
                "f({0}) has one variable, so it is a curve, not a surface: see the "
                "derivative lab. Surfaces, partial derivatives and gradients need a "
                "function of x and y.").format(state.variable))
        # What goes away is hidden before what comes is shown (showing a widget lays the
        # window out at once: both shown together squeezed the views and moved the
        # docks), and only when it changes.
        going, coming = (self.one_variable_box, self.lab) if two else (self.lab,
                                                                       self.one_variable_box)
        if going.isVisibleTo(self):
            going.setVisible(False)
        if not coming.isVisibleTo(self):
            coming.setVisible(True)
        if not two:
            return
        had_stationary, self._stationary = bool(self._stationary), []
        if self._stale.skip():
            return
        self.refresh()
        self._on_critical_points_changed(self._model.critical_points)
        if had_stationary:
            self._update_legend()
        repaint_in_next_frame(self.contour.plot, *(plot.plot for plot in self._slice_plots()),
                              self.angle_plot.plot)

    def _on_range_changed(self, _value=None) -> None:
        state = self._model.function
        if state is not None and state.is_2d and not self._stale.skip():
            self.refresh()

    def catch_up(self) -> None:
        """Draw what changed while the lab was out of sight (call when it comes into sight)."""
        self._stale.catch_up()

    def _redraw_everything(self) -> None:
        state = self._model.function
        if state is None or not state.is_2d:
            return
        self.refresh()
        self._on_critical_points_changed(self._model.critical_points)
        self._update_legend()

    def _on_grid_choice(self, _index=None) -> None:
        self._grid_size = int(self.grid_combo.currentData())
        self.refresh()

    def _on_field_options(self, _value=None) -> None:
        self.density_spin.setEnabled(self.field_check.isChecked())
        self.mode_combo.setEnabled(self.field_check.isChecked())
        self._draw_field()
        self._update_legend()

    def _on_critical_points_changed(self, points) -> None:
        state = self._model.function
        if state is None or not state.is_2d or self._stale.skip():
            return
        stationary = []
        if isinstance(points, dict) and isinstance(points.get("stationary_points"), list):
            (x_low, x_high), (y_low, y_high) = self._model.x_range, self._model.y_range
            stationary = [
                p for p in points["stationary_points"]
                if x_low <= p["point"][0] <= x_high and y_low <= p["point"][1] <= y_high
            ]
        if stationary != self._stationary:
            # Only the markers and the legend show them: the slices, the θ plot and the
            # arrows at the point stay (a new function first announces "not known yet",
            # which changes nothing at all).
            self._stationary = stationary
            self._draw_stationary()
            self._update_legend()
        self._describe_stationary(points)

    def _draw_field(self) -> None:
        state = self._model.function
        if state is None or not state.is_2d or not self.field_check.isChecked():
            self._field = None
            self.contour.set_field(None, "proportional")
            if self._three_d:
                self.view.set_arrows(np.zeros((0, 3)), np.zeros((0, 3)))
            return
        mode = self.mode_combo.currentData()
        functions = state.functions
        field = gradient_field(functions.arrays["fx"], functions.arrays["fy"],
                               self._model.x_range, self._model.y_range,
                               self.density_spin.value(), mode)
        self._field = field
        self.contour.set_field(field, mode)
        if not self._three_d:
            return
        floor = self.view.floor_z
        starts = np.column_stack([field.starts, np.full(len(field.starts), floor)])
        vectors = np.column_stack([field.vectors, np.zeros(len(field.starts))])
        colours = self._colours
        if mode == "normalised":
            colour = ramp(colours.field_low, colours.field_high, field.fractions)
        else:
            colour = rgba(blend(self._theme.background, self._theme.foreground, 0.75))
        self.view.set_arrows(starts, vectors, colour)

    def _draw_stationary(self) -> None:
        self.contour.set_stationary(self._stationary)
        self._draw_stationary_3d()

    def _on_point_dragged(self, x: float, y: float) -> None:
        self._model.set_point(x, y)

    def _on_direction_dragged(self, angle: float) -> None:
        self._model.set_direction_angle(angle)

    def _apply_dragged_angle(self, angle: float) -> None:
        self._model.set_direction_angle(angle)

    def _on_angle_spin(self, degrees: float) -> None:
        current = math.degrees(self._model.direction_angle)
        if abs(degrees - current) > 0.049:  # the spin box shows one decimal
            self._model.set_direction_angle(math.radians(degrees))

    def _on_direction_changed(self, _angle=None) -> None:
        self._on_point_changed()

    def _on_point_changed(self, _value=None) -> None:
        """Redraw everything that hangs on the point or the direction (never the surface)."""
        state = self._model.function
        if state is None or not state.is_2d or self.last_grid is None or self._stale.skip():
            return
        # Five plots change at once: one window frame for all (see painted_in_one_frame).
        with painted_in_one_frame(self.contour.plot, self.angle_plot.plot,
                                  *(plot.plot for plot in self._slice_plots())):
            self._draw_point(state)

    def _draw_point(self, state) -> None:
        functions = state.functions
        x0, y0 = self._model.point
        angle = self._model.direction_angle
        at = derivatives_at(functions.scalars, x0, y0)
        ux, uy = unit_vector(angle)
        slope_u = at.directional_derivative(angle)
        self.readout = {
            "point": (x0, y0),
            "value": at.value,
            "gradient": at.gradient,
            "gradient_norm": at.gradient_norm,
            "gradient_angle": at.gradient_angle,
            "angle": angle,
            "direction": (ux, uy),
            "directional_derivative": slope_u,
            "hessian": at.hessian,
            "eigenvalues": tuple(float(v) for v in at.eigenvalues),
            "curvature_kind": at.curvature_kind,
        }
        self.contour.set_point_state(x0, y0, at.gradient, angle)
        moving = self._settle_timer.isActive()  # the last change was moments ago
        if abs(self.angle_spin.value() - math.degrees(angle)) > 0.049:
            self.angle_spin.blockSignals(True)
            self.angle_spin.setValue(math.degrees(angle))
            self.angle_spin.blockSignals(False)
        self.angle_plot.set_state(at.gradient, angle, grow_only=moving)
        self.snap_button.setEnabled(math.isfinite(at.gradient_angle))

        x_range, y_range = self._model.x_range, self._model.y_range
        span = max(x_range[1] - x_range[0], y_range[1] - y_range[0])
        half = TANGENT_HALF * span
        f_array = functions.arrays["f"]
        gx, gy = at.gradient
        with np.errstate(all="ignore"):
            along_x = np.linspace(*x_range, SLICE_SAMPLES)
            z_x = f_array(along_x, np.full_like(along_x, y0))
            along_y = np.linspace(*y_range, SLICE_SAMPLES)
            z_y = f_array(np.full_like(along_y, x0), along_y)
            s_low, s_high = line_through_box((x0, y0), (ux, uy), x_range, y_range)
            along_u = np.linspace(s_low, s_high, SLICE_SAMPLES)
            z_u = f_array(x0 + along_u * ux, y0 + along_u * uy)
        z_x, z_y, z_u = (np.broadcast_to(z, (SLICE_SAMPLES,)) for z in (z_x, z_y, z_u))
        # Each slice plot frames its own curve: a shallow slice of a tall surface still
        # shows its shape; the tangent is cut to the frame.
        limits = [_slice_limits(z, at.value) for z in (z_x, z_y, z_u)]
        tan_x = tangent_segment(x0, at.value, gx, half, limits[0])
        tan_y = tangent_segment(y0, at.value, gy, half, limits[1])
        tan_u = tangent_segment(0.0, at.value, slope_u, half, limits[2])
        u_range = (s_low, s_high) if s_high > s_low else (-1.0, 1.0)
        self._frames = ((x_range, limits[0]), (y_range, limits[1]), (u_range, limits[2]))
        for plot, (s_range, z_range) in zip(self._slice_plots(), self._frames, strict=True):
            plot.set_frame(s_range, z_range, grow_only=moving)
        self.slice_x.set_slice(along_x, z_x, x0, at.value, *tan_x)
        self.slice_y.set_slice(along_y, z_y, y0, at.value, *tan_y)
        self.slice_u.set_slice(along_u, z_u, 0.0, at.value, *tan_u)
        tan_x = tangent_segment(x0, at.value, gx, half, self._z_limits)
        tan_y = tangent_segment(y0, at.value, gy, half, self._z_limits)
        tan_u = tangent_segment(0.0, at.value, slope_u, half, self._z_limits)
        self._update_captions(x0, y0, at, angle, slope_u)
        if self._three_d:
            self._draw_point_3d(at, (ux, uy), slope_u,
                                ((along_x, z_x), (along_y, z_y), (along_u, z_u)),
                                (tan_x, tan_y, tan_u))
        # Debounced, not throttled: ziamath holds the GIL for ~10 ms a formula, which
        # would stall a drag; the captions of the small plots follow every frame.
        self._settle_timer.start()

    def _draw_point_3d(self, at, direction, slope_u, slices, tangents) -> None:
        x0, y0, f0 = at.x, at.y, at.value
        ux, uy = direction
        (along_x, z_x), (along_y, z_y), (along_u, z_u) = slices
        (tx_s, tx_z), (ty_s, ty_z), (tu_s, tu_z) = tangents
        curves = [
            np.column_stack([along_x, np.full_like(along_x, y0), z_x]),
            np.column_stack([np.full_like(along_y, x0), along_y, z_y]),
            np.column_stack([x0 + along_u * ux, y0 + along_u * uy, z_u]),
            np.column_stack([tx_s, np.full_like(tx_s, y0), tx_z]),
            np.column_stack([np.full_like(ty_s, x0), ty_s, ty_z]),
            np.column_stack([x0 + tu_s * ux, y0 + tu_s * uy, tu_z]),
        ]
        colours = self._colours
        theme = self._theme
        curve_colours = [colours.slice_x, colours.slice_y, colours.direction,
                         blend(colours.slice_x, theme.foreground, 0.35),
                         blend(colours.slice_y, theme.foreground, 0.35),
                         blend(colours.direction, theme.foreground, 0.35)]
        gx, gy = at.gradient
        norm = at.gradient_norm
        span = max(np.ptp(self._model.x_range), np.ptp(self._model.y_range))
        if at.finite and norm > 0:
            # Lifted into the tangent plane: climbing |∇f| per unit of horizontal length.
            curves.append(self._arrow_3d((x0, y0, f0), (gx / norm, gy / norm, norm),
                                         GRADIENT_LENGTH * span))
        else:
            curves.append(np.zeros((0, 3)))
        if math.isfinite(f0) and math.isfinite(slope_u):
            curves.append(self._arrow_3d((x0, y0, f0), (ux, uy, slope_u), 0.75 * GRADIENT_LENGTH * span))
        else:
            curves.append(np.zeros((0, 3)))
        curve_colours += [colours.gradient, colours.direction]

        self._draw_markers_3d()

        if self.plane_check.isChecked() and at.finite:
            # Frosted glass in the background colour with a drawn rim: visible over every
            # part of the colour map (a coloured plane vanishes where the map has its hue).
            plane = self._tangent_plane(at, span)
            self.view.set_plane(plane, rgba(theme.background, 0.55))
            rim = np.concatenate([plane[:, 0], plane[-1, 1:], plane[-2::-1, -1], plane[0, -2::-1]])
            curves.append(rim)
            curve_colours.append(theme.foreground)
        else:
            self.view.set_plane(None)
            curves.append(np.zeros((0, 3)))
            curve_colours.append(theme.foreground)
        # Slices lie on the surface (hidden where it hides them); tangents, arrows and
        # the plane's rim lie in the tangent plane, under a convex surface: drawn on top.
        self.view.set_curves(curves, [rgba(c) for c in curve_colours],
                             on_top=[False, False, False, True, True, True, True, True, True])

    def _draw_markers_3d(self) -> None:
        """The point as a dot on the 3-D surface."""
        readout, colours, theme = self.readout, self._colours, self._theme
        size = 11 * theme.scale * (1.3 if theme.line_width > 1 else 1.0)
        self.view.set_markers(np.array([(*readout["point"], readout["value"])], dtype=np.float64),
                              np.array([rgba(colours.point)], dtype=np.float64), size=size)

    def _draw_stationary_3d(self) -> None:
        """The stationary points as glyphs whose shape says their kind (the map's colours).

        A saddle gets its two principal curves: the surface cut along the Hessian's
        eigenvectors, one bending up and one bending down.
        """
        if not self._three_d:
            return
        state = self._model.function
        points, curves = [], {}
        span = max(np.ptp(self._model.x_range), np.ptp(self._model.y_range))
        for point in self._stationary:
            x, y = point["point"]
            kind = point.get("kind")
            value = point.get("value", math.nan)
            if state is not None and state.is_2d and not math.isfinite(value):
                value = float(state.functions.scalars["f"](x, y))
            if kind == "saddle" and state is not None and state.is_2d:
                curves[len(points)] = self._principal_curves(state.functions, x, y, span)
            points.append((kind, (x, y, value)))
        self.view.set_stationary(points, {kind: rgba(colour)
                                          for kind, colour in self._colours.kinds.items()},
                                 curves)

    def _principal_curves(self, functions, x: float, y: float, span: float) -> list:
        """The surface along the Hessian's two eigenvectors through (x, y), short pieces."""
        at = derivatives_at(functions.scalars, x, y)
        (hxx, hxy), (_, hyy) = at.hessian
        _, vectors = hessian_eigen(hxx, hxy, hyy)
        if not np.isfinite(vectors).all():
            return []
        steps = np.linspace(-PRINCIPAL_HALF * span, PRINCIPAL_HALF * span, 25)
        (x_low, x_high), (y_low, y_high) = self._model.x_range, self._model.y_range
        pieces = []
        for column in range(2):
            ux, uy = vectors[:, column]
            xs, ys = x + steps * ux, y + steps * uy
            inside = (xs >= x_low) & (xs <= x_high) & (ys >= y_low) & (ys <= y_high)
            with np.errstate(all="ignore"):
                zs = np.broadcast_to(functions.arrays["f"](xs, ys), xs.shape).astype(np.float64)
            pieces.append(np.column_stack([xs, ys, np.where(inside, zs, np.nan)]))
        return pieces

    def _arrow_3d(self, start, per_unit, length: float) -> np.ndarray:
        """An arrow as one polyline (tail, tip, wing, tip, wing) in data coordinates.

        ``per_unit`` is the change of (x, y, z) per unit of horizontal travel; the arrow
        is shortened so that it is never longer than :data:`MAX_ARROW_DISPLAY` on screen.
        """
        start = np.array(start, dtype=np.float64)
        per_unit = np.array(per_unit, dtype=np.float64)
        display_step = np.linalg.norm(self.view.data_to_display(start + per_unit)
                                      - self.view.data_to_display(start))
        if display_step > 0:
            length = min(length, MAX_ARROW_DISPLAY / display_step)
        tip = start + length * per_unit
        ends = self.view.data_to_display(np.array([start, tip]))
        segments = arrow_segments(ends[:1].astype(np.float64), ends[1:].astype(np.float64),
                                  head_fraction=0.25, max_head=0.09)
        return self.view.display_to_data(segments[[0, 1, 3, 1, 5]])

    def _tangent_plane(self, at, span: float) -> np.ndarray:
        (x_low, x_high), (y_low, y_high) = self._model.x_range, self._model.y_range
        half = PLANE_HALF * span
        xs = np.linspace(max(x_low, at.x - half), min(x_high, at.x + half), PLANE_SAMPLES)
        ys = np.linspace(max(y_low, at.y - half), min(y_high, at.y + half), PLANE_SAMPLES)
        grid_x, grid_y = np.meshgrid(xs, ys, indexing="ij")
        gx, gy = at.gradient
        z = at.value + gx * (grid_x - at.x) + gy * (grid_y - at.y)
        low, high = self._z_limits
        z = np.where((z >= low) & (z <= high), z, np.nan)
        return np.stack([grid_x, grid_y, z], axis=-1)

    # ------------------------------------------------------------------ text

    def _update_captions(self, x0, y0, at, angle, slope_u) -> None:
        # The number first; its meaning follows where the plot is wide enough for both.
        colours = self._colours
        self.slice_x.caption.setText(
            slice_caption("∂f/∂x", at.gradient[0], colours.slice_x),
            tr(" (slice y = {0})").format(number(y0)))
        self.slice_y.caption.setText(
            slice_caption("∂f/∂y", at.gradient[1], colours.slice_y),
            tr(" (slice x = {0})").format(number(x0)))
        self.slice_u.caption.setText(
            slice_caption("D<sub>u</sub>f", slope_u, colours.direction),
            tr(" (slice along u)"))
        self.angle_plot.set_caption(
            tr("max D<sub>u</sub>f = |∇f| = <b>{0}</b>").format(number(at.gradient_norm)),
            tr(" (D<sub>u</sub>f against θ)"))

    def _slice_plots(self) -> tuple:
        return (self.slice_x, self.slice_y, self.slice_u)

    def _settle(self) -> None:
        """The point has rested: fit the small plots to it and typeset the numbers."""
        state = self._model.function
        if state is None or not state.is_2d or not self.readout:
            return
        for plot, (s_range, z_range) in zip(self._slice_plots(), self._frames, strict=True):
            plot.set_frame(s_range, z_range)
        self.angle_plot.set_state(self.readout["gradient"], self.readout["angle"])
        self._update_formulas()

    def _update_formulas(self) -> None:
        """Typeset the numbers at the point (after it has rested, see :meth:`_settle`)."""
        state = self._model.function
        if state is None or not state.is_2d or not self.readout:
            return
        r = self.readout
        theme = self._theme
        # Beside the views the column is narrow and the lab short: a size nearer the
        # text's keeps every key number in sight.
        factor = 1.3 if self.layout_mode == "wide-short" else 1.6
        colour, size = theme.foreground, theme.font_size(factor)
        x0, y0 = r["point"]
        gx, gy = r["gradient"]
        n = latex_number
        self.partial_x_formula.set_formula(
            rf"\frac{{\partial f}}{{\partial x}} = {state.latex('fx')} = {n(gx)}",
            f"∂f/∂x = {state.bundle['functions']['fx']['expression']} = {number(gx)}",
            colour, size)
        self.partial_y_formula.set_formula(
            rf"\frac{{\partial f}}{{\partial y}} = {state.latex('fy')} = {n(gy)}",
            f"∂f/∂y = {state.bundle['functions']['fy']['expression']} = {number(gy)}",
            colour, size)
        # In the narrow column the point is left out (the map and the lesson say it).
        at_point = "" if self.layout_mode == "wide-short" else f"({n(x0)}, {n(y0)})"
        at_point_plain = "" if self.layout_mode == "wide-short" else f"({number(x0)}, {number(y0)})"
        self.gradient_formula.set_formula(
            rf"\nabla f{at_point} = ({n(gx)},\ {n(gy)})",
            f"∇f{at_point_plain} = ({number(gx)}, {number(gy)})",
            colour, size)
        self.gradient_norm_formula.set_formula(
            rf"|\nabla f| = {n(r['gradient_norm'])}",
            f"|∇f| = {number(r['gradient_norm'])}",
            colour, size)
        ux, uy = r["direction"]
        degrees = math.degrees(r["angle"])
        self.direction_formula.set_formula(
            rf"\theta = {degrees:.1f}^\circ,\ \mathbf{{u}} = ({n(ux)},\ {n(uy)})",
            f"θ = {degrees:.1f}°, u = ({number(ux)}, {number(uy)})",
            colour, size)
        self.directional_formula.set_formula(
            rf"D_{{\mathbf{{u}}}}f = \mathbf{{u}}\cdot\nabla f = {n(r['directional_derivative'])}",
            f"D_u f = u·∇f = {number(r['directional_derivative'])}",
            colour, size)
        (hxx, hxy), (_, hyy) = r["hessian"]
        low, high = r["eigenvalues"]
        self.hessian_formula.set_formula(
            rf"H = \begin{{pmatrix}} {n(hxx)} & {n(hxy)} \\ {n(hxy)} & {n(hyy)} \end{{pmatrix}}",
            f"H = [[{number(hxx)}, {number(hxy)}], [{number(hxy)}, {number(hyy)}]]",
            colour, size)
        self.eigenvalues_formula.set_formula(
            rf"\lambda_1 = {n(low)},\ \lambda_2 = {n(high)}",
            f"λ₁ = {number(low)}, λ₂ = {number(high)}",
            colour, size)
        self.curvature_label.setText(self._curvature_words(r))

    @staticmethod
    def _curvature_words(readout: dict) -> str:
        words = {
            "minimum": tr("Both eigenvalues are positive: f curves up in every direction here"),
            "maximum": tr("Both eigenvalues are negative: f curves down in every direction here"),
            "saddle": tr("The eigenvalues have opposite signs: f curves up one way and down "
                         "the other (saddle-shaped)"),
            "degenerate": tr("An eigenvalue is zero (or undefined): the second-derivative test "
                             "cannot decide"),
        }[readout["curvature_kind"]]
        curvature = max((abs(v) for v in readout["eigenvalues"] if math.isfinite(v)), default=0.0)
        if readout["gradient_norm"] <= 1e-10 * (1.0 + curvature):
            return words + tr(" — and ∇f = 0 here: a stationary point.")
        return words + "."

    def _describe_stationary(self, points) -> None:
        if points is None:
            self.stationary_label.setText(tr("Looking for stationary points…"))
            return
        if not isinstance(points, dict) or "error" in points:
            self.stationary_label.setText(tr("Stationary points could not be found."))
            return
        if points.get("stationary_points") is None:
            self.stationary_label.setText(tr("Stationary points: not found in closed form."))
            return
        if not self._stationary:
            self.stationary_label.setText(tr("No stationary point (∇f = 0) in view."))
            return
        names = kind_names()
        shown = []
        for point in self._stationary[:6]:
            colour = self._colours.kinds.get(point["kind"], self._theme.muted)
            shown.append(
                f'<span style="color:{colour}">{KIND_GLYPHS.get(point["kind"], "●")}</span> '
                f'{names.get(point["kind"], point["kind"])} ({number(point["point"][0])}, '
                f'{number(point["point"][1])})')
        more = len(self._stationary) - len(shown)
        text = tr("Stationary points in view: ") + "; ".join(shown)
        if more > 0:
            text += tr(" and {0} more").format(more)
        self.stationary_label.setText(text)

    def _update_legend(self) -> None:
        colours, theme = self._colours, self._theme
        names = kind_names()
        # Non-breaking spaces inside an entry: a narrow map wraps between entries, never
        # between a symbol and its name.
        parts = [f'<span style="color:{colours.gradient}">━▶</span>&nbsp;∇f',
                 f'<span style="color:{colours.direction}">━▷</span>&nbsp;u',
                 f'<span style="color:{colours.level}">╌</span>&nbsp;'
                 + tr("level curve").replace(" ", "&nbsp;")]
        present = {point.get("kind") for point in self._stationary}
        parts += [f'<span style="color:{colours.kinds[kind]}">{KIND_GLYPHS[kind]}</span>&nbsp;'
                  + names[kind].replace(" ", "&nbsp;") for kind in KINDS if kind in present]
        if self.field_check.isChecked() and self.mode_combo.currentData() == "normalised":
            parts.append(tr("arrows: faint = small |∇f|, strong = large"))
        self.legend_label.setText(
            f'<span style="color:{theme.foreground}">' + " &nbsp; ".join(parts) + "</span>")
