"""Derivative lab (2-D): drag a secant into a tangent, and see the limit as numbers.

The curve of f with two handles, P₀ = (x₀, f(x₀)) and P = (x₀ + h, f(x₀ + h)); the
secant through them with its rise/run triangle, the tangent at P₀ (two half-tangents at
a kink, an upright one where the slope is infinite); f′ and f″ beneath, sharing the x
axis; shading where f rises/falls or is convex/concave; stationary and inflection points;
the Taylor polynomial at x₀; a moving point for functions of time; the saturated parts
of activation functions; the animation h → 0; and, in tabs, the limit table with its
error V and the list of marked points.

Handles
-------
The handles are pyqtgraph items (not widgets, so they have no object name); the panel
exposes them as the attributes :attr:`SecantPanel.handle_p0` and
:attr:`SecantPanel.handle_p` (``ScatterPlotItem``s of one spot each; ``getData()`` gives
their position). Dragging is handled by :class:`~visualizer.panels.secant_drag.PlotDragController`
on the plot's viewport: press on a handle, move, release. The keyboard does the same
when the plot has focus: Tab / Shift+Tab select P₀ or P, ←/→ move the selected one
(Shift: ten times finer), PageDown/PageUp divide/multiply h by 10.

Performance
-----------
A move updates only the handles, the secant, the triangle, the tangent and the plain
readout; the curve is never resampled on a move and nothing is typeset until the
values have been still for :data:`SETTLE_MS`. The limit table and the Taylor polynomial
follow x₀ at most every ~120–150 ms while it is dragged.
"""

from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, QEvent, QPointF, Qt, QTimer
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QGraphicsItem,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QSlider,
    QSplitter,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from visualizer.core.limits import ANIMATION_SIDES, LimitAnimation, intervals_where, slopes_at
from visualizer.core.presets import PRESETS
from visualizer.core.sampling import compile_array, sample_curve
from visualizer.i18n import error_message
from visualizer.panels.plot_style import pen, style_plot
from visualizer.panels.redraw import StaleWhileHidden, repaint_in_next_frame, set_axis_label
from visualizer.panels.secant_animation import FramePlayer
from visualizer.panels.secant_drag import PlotDragController
from visualizer.panels.secant_items import (
    BandsItem,
    Handle,
    Label,
    Line,
    cache_static_parts,
    expanded_view,
    line_in_view,
    number,
    robust_range,
    set_curve,
    translucent,
)
from visualizer.panels.secant_limits import LimitView
from visualizer.panels.secant_points import MAX_LABELLED, PointsTable, marked_points
from visualizer.panels.secant_readout import LiveFormula, compose
from visualizer.theme import LIGHT, Theme
from visualizer.widgets.event_filters import filter_owner_gone
from visualizer.widgets.flow_layout import FlowLayout, control_group
from visualizer.widgets.formula import FormulaLabel
from visualizer.widgets.tab_folder import TabFolder

CURVE_SAMPLES = 2000
#: P stops this many pixels short of P₀ when dragged: h = 0 is 0/0.
MIN_GAP_PX = 8.0
#: A press this close to a handle (pixels) grabs it; as close to a marker, picks it.
GRAB_RADIUS_PX = 12.0
#: Dragging P₀ this close to a kink or a marked point (pixels) lands exactly on it.
SNAP_PX = 6.0
#: Typeset the readout once the values have been still this long.
SETTLE_MS = 250
#: While x₀ moves, ask for a new Taylor polynomial at most this often.
TAYLOR_THROTTLE_MS = 150
TAYLOR_TIMEOUT_S = 4.0
#: |f′| below this fraction of its largest value counts as saturated.
SATURATION_FRACTION = 0.05
#: Step buttons: h = 10**-k for these k.
STEP_EXPONENTS = (0, 1, 2, 3, 4, 6)
SPEEDS = (0.25, 0.5, 1.0, 2.0, 4.0)
TIME_SWEEP_SECONDS = 6.0
ACTIVATION_TEXTS = frozenset(p.text for p in PRESETS if p.group == "activations")
SHADING_MODES = ("off", "monotonic", "convexity")
#: Typeset readout size, relative to the theme's text.
READOUT_SIZE = 1.5
#: Below this height (in lines of text) the tabs under the plots show only their bar,
#: until the user opens them: the curve keeps most of a projector's 768 pixels.
COMPACT_LINES = 32
#: The tabs, when open, may be made this short (lines of text) by the splitter.
LOWER_MIN_LINES = 4


def tr(text: str) -> str:
    return QCoreApplication.translate("SecantPanel", text)


def _superscript(exponent: int) -> str:
    return str(exponent).translate(str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹"))


class SecantPanel(QWidget):
    """The derivative lab. See the module docstring for what it shows.

    Attributes
    ----------
    plot : pyqtgraph.PlotWidget
        ``secantPlot``, the curve with the secant and the tangent.
    curve, secant, tangent, triangle : pyqtgraph.PlotDataItem
        The curve of f, the secant line through P₀ and P, the tangent at P₀ and the
        rise/run triangle.
    left_tangent, right_tangent : pyqtgraph.PlotDataItem
        The half-tangents at a kink (empty elsewhere).
    handle_p0, handle_p : pyqtgraph.ScatterPlotItem
        The draggable points P₀ and P (one spot each).
    markers : pyqtgraph.ScatterPlotItem
        Stationary points, inflection points and kinks.
    taylor_curve : pyqtgraph.PlotDataItem
        The Taylor polynomial at x₀ (when switched on).
    derivative_plot, second_plot : pyqtgraph.PlotWidget
        ``secantDerivativePlot`` and ``secantSecondDerivativePlot``, x-linked to ``plot``.
    limit_view : LimitView
        The table and the error V.
    points_table : PointsTable
        The marked points.
    notice : QLabel
        Shown instead of the lab for a function of two variables.
    player : FramePlayer
        Plays the animation h → 0 (or time, for a function of t).
    """

    def __init__(self, model, parent=None):
        super().__init__(parent)
        self.setObjectName("secantPanel")
        self._model = model
        self._theme: Theme = LIGHT
        self._selected: str | None = None  # handle chosen with the keyboard
        self._slopes = None  # what the tangent does at x₀ (derived, cached per x₀)
        self._samples = (np.array([]), np.array([]))
        self._shading = "off"
        self._taylor_request: int | None = None
        self._taylor_dirty = False
        self._taylor_result: dict | None = None
        self._taylor_function = None
        self._animation_kind: str | None = None  # "limit" or "time"
        self._time_span = (0.0, 1.0)
        self._marked = []
        self._quiet_view = False
        # Behind another tab the lab skips its drawing and catches up once when shown.
        self._stale = StaleWhileHidden(self, self._redraw_everything)

        self.notice = QLabel(self)
        self.notice.setObjectName("secantNotice")
        self.notice.setWordWrap(True)
        self.notice.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.notice.setVisible(False)
        self.content = QWidget(self)

        self._build_plots()
        self._build_controls()
        self._build_readout()
        self._build_tabs()
        self._build_layout()

        self.player = FramePlayer(self)
        self.player.frame_ready.connect(self._on_frame)
        self.player.running_changed.connect(self._on_running_changed)

        self.dragger = PlotDragController(self.plot.viewport(), self._hit_test, self._drag_to,
                                          self._click, self)
        self.dragger.drag_started.connect(self._on_drag_started)
        self.dragger.drag_finished.connect(self._on_drag_finished)
        self.plot.installEventFilter(self)
        self.plot.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

        self._settle_timer = self._single_shot(SETTLE_MS, self._typeset_readout)
        self._resample_timer = self._single_shot(80, self._resample)
        self._taylor_timer = self._single_shot(TAYLOR_THROTTLE_MS, self._request_taylor)
        # The service drops queued requests when another client supersedes them.
        self._taylor_watchdog = self._single_shot(int(TAYLOR_TIMEOUT_S * 1000) + 1500,
                                                  self._on_taylor_lost)

        model.expression_changed.connect(self._on_expression_changed)
        model.x_range_changed.connect(self._on_range_changed)
        model.x0_changed.connect(self._on_x0_changed)
        model.h_changed.connect(self._on_h_changed)
        model.critical_points_changed.connect(self._on_points_changed)
        model.taylor_order_changed.connect(self._on_taylor_order_changed)
        model.service.replied.connect(self._on_reply)
        self.plot.getViewBox().sigRangeChanged.connect(self._on_view_changed)
        # A resize keeps the range but not the pixels: the triangle's labels are re-placed.
        self.plot.getViewBox().sigResized.connect(self._on_view_changed)
        self.apply_theme(self._theme)
        self._sync_taylor_order()
        if model.function is not None:
            self._on_expression_changed(model.function)

    # -- construction ---------------------------------------------------------------------
    def _single_shot(self, interval: int, slot) -> QTimer:
        timer = QTimer(self)
        timer.setSingleShot(True)
        timer.setInterval(interval)
        timer.timeout.connect(slot)
        return timer

    def _build_plots(self) -> None:
        self.plot = pg.PlotWidget(self.content)
        self.plot.setObjectName("secantPlot")
        self.plot.setAccessibleName(tr("Curve of f with secant and tangent"))
        self.plot.setAccessibleDescription(tr(
            "Drag P₀ or P along the curve. Keyboard: Tab selects P₀ or P, left and right "
            "arrows move it, Shift moves finely, Page Down and Page Up divide or multiply h "
            "by ten."))
        self.plot.setToolTip(tr(
            "Drag P₀ (the tangent point) or P (the second secant point) along the curve.\n"
            "Keyboard: Tab selects P₀ or P, ←/→ move it, Shift+←/→ finely, "
            "PageDown/PageUp divide/multiply h by 10.\n"
            "Click a marked point to move P₀ there. Drag the background to pan, wheel to zoom."))
        self.plot.setMenuEnabled(False)
        self.plot.setMinimumHeight(160)
        plot = self.plot
        self.shading = BandsItem()
        self.saturation = BandsItem()
        self.taylor_region = BandsItem(span=(0.0, 0.05))
        for item in (self.shading, self.saturation, self.taylor_region):
            plot.addItem(item, ignoreBounds=True)
        self.derivative_overlay = plot.plot([], [], connect="finite")
        self.derivative_overlay.setVisible(False)
        self.curve = plot.plot([], [], connect="finite")
        self.asymptotes = self._line_item()  # dashed verticals at poles (1/x at 0)
        self.taylor_curve = plot.plot([], [], connect="finite")
        self.taylor_curve.setVisible(False)
        # Lines that move with the handles are bare PlotCurveItems: their setData costs a
        # sixth of a PlotDataItem's, and a drag calls it every frame.
        self.tangent = self._line_item()
        self.left_tangent = self._line_item()
        self.right_tangent = self._line_item()
        self.secant = self._line_item()
        self.triangle = self._line_item()
        self.markers = pg.ScatterPlotItem()
        plot.addItem(self.markers)
        # What stays put while a point is dragged is painted from a cached pixmap: a
        # drag repaints the whole view (the secant spans it) every frame.
        for item in (self.curve.curve, self.markers, self.shading, self.saturation,
                     self.taylor_region, self.taylor_curve.curve, self.derivative_overlay.curve):
            item.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        self.marker_labels: list[Label] = []
        # The moving point of a function of time: a track at the right edge.
        self.track_line = self._line_item()
        self.track_link = self._line_item()
        self.velocity_line = self._line_item()
        self.track_point = pg.ScatterPlotItem(size=10)
        self.track_point.setVisible(False)
        plot.addItem(self.track_point)
        self.velocity_head = pg.ArrowItem(angle=90, headLen=12, tipAngle=35, pen=None)
        self.velocity_head.setVisible(False)
        plot.addItem(self.velocity_head, ignoreBounds=True)
        self.motion_label = self._text_item(anchor=(0, 0.5))
        # Named QGraphicsObjects moved with setPos (see Handle): cheap on every frame.
        self.handle_p0 = Handle("secantHandleP0")
        self.handle_p = Handle("secantHandleP")
        plot.addItem(self.handle_p0, ignoreBounds=True)
        plot.addItem(self.handle_p, ignoreBounds=True)
        self.handle_p0.setZValue(20)
        self.handle_p.setZValue(21)
        self.label_p0 = self._text_item("P₀", anchor=(1.2, 1.2))
        self.label_p = self._text_item("P", anchor=(-0.3, 1.2))
        self.run_label = self._text_item(anchor=(0.5, -0.1))
        self.rise_label = self._text_item(anchor=(-0.1, 0.5))
        self.left_slope_label = self._text_item(anchor=(1.0, 1.0))
        self.right_slope_label = self._text_item(anchor=(0.0, 1.0))
        self.taylor_label = self._text_item(anchor=(0.0, 1.0))
        # No legend box over the curve: the readout lines below are drawn in the colours
        # of the secant and the tangent, and the other curves carry their own labels.
        self.overlay_label = self._text_item(anchor=(0.0, 1.0))
        self.saturation_label = self._text_item(anchor=(0.5, -0.1))

        self.derivative_plot = self._lower_plot("secantDerivativePlot",
                                                tr("Graph of the derivative f′"))
        self.derivative_curve = self.derivative_plot.plot([], [], connect="finite")
        self.derivative_marker = pg.ScatterPlotItem(size=9)
        self.derivative_plot.addItem(self.derivative_marker)
        self.second_plot = self._lower_plot("secantSecondDerivativePlot",
                                            tr("Graph of the second derivative f″"))
        self.second_curve = self.second_plot.plot([], [], connect="finite")
        self.second_marker = pg.ScatterPlotItem(size=9)
        self.second_plot.addItem(self.second_marker)

    def _line_item(self) -> Line:
        item = Line()
        item.setVisible(False)
        self.plot.addItem(item)
        return item

    def _text_item(self, text: str = "", anchor=(0.5, 0.5)) -> Label:
        item = Label(text, anchor=anchor)
        item.setZValue(30)
        self.plot.addItem(item, ignoreBounds=True)
        return item

    def _lower_plot(self, name: str, accessible: str) -> pg.PlotWidget:
        widget = pg.PlotWidget(self.content)
        widget.setObjectName(name)
        widget.setAccessibleName(accessible)
        widget.setMenuEnabled(False)
        widget.setMinimumHeight(70)
        widget.setXLink(self.plot)
        widget.getPlotItem().hideButtons()
        widget.getPlotItem().getViewBox().setMouseEnabled(x=True, y=False)
        zero = pg.InfiniteLine(pos=0, angle=0)
        widget.addItem(zero, ignoreBounds=True)
        widget.zero_line = zero
        # A child of the ViewBox itself (not of its data group): fixed in the corner.
        name_label = pg.TextItem(anchor=(0, 0))
        name_label.setParentItem(widget.getPlotItem().getViewBox())
        name_label.setPos(4, 0)
        widget.name_label = name_label
        return widget

    def _tool_button(self, text: str, tip: str, name: str, checkable: bool = False,
                     slot=None) -> QToolButton:
        button = QToolButton(self.content)
        button.setObjectName(name)
        button.setText(text)
        button.setToolTip(tip)
        button.setAccessibleName(tip.split("\n")[0])
        button.setCheckable(checkable)
        button.setAutoRaise(False)
        if slot is not None:
            (button.toggled if checkable else button.clicked).connect(slot)
        return button

    def _build_controls(self) -> None:
        # Row 1: the animation h -> 0 and the step buttons.
        self.play_button = self._tool_button(
            tr("▶ Play"), tr("Play the secant turning into the tangent: h shrinks towards 0 "
                            "(click again to pause)"), "secantPlayButton", slot=self._on_play)
        self.side_box = QComboBox(self.content)
        self.side_box.setObjectName("secantSideBox")
        for side, title in zip(ANIMATION_SIDES, (tr("from right"), tr("from left"),
                                                 tr("both sides")), strict=True):
            self.side_box.addItem(title, side)
        self.side_box.setToolTip(tr("Which side P approaches P₀ from: h > 0 (right), h < 0 "
                                    "(left), or one sweep from each side in turn"))
        self.side_box.setAccessibleName(tr("Side of the approach"))
        self.speed_box = QComboBox(self.content)
        self.speed_box.setObjectName("secantSpeedBox")
        for speed in SPEEDS:
            self.speed_box.addItem(f"{speed:g}×", speed)
        self.speed_box.setCurrentIndex(SPEEDS.index(1.0))
        self.speed_box.setToolTip(tr("Animation speed"))
        self.speed_box.setAccessibleName(tr("Animation speed"))
        self.speed_box.currentIndexChanged.connect(self._on_speed_chosen)
        self.loop_check = QCheckBox(tr("Loop"), self.content)
        self.loop_check.setObjectName("secantLoopCheck")
        self.loop_check.setToolTip(tr("Start the animation again when it ends"))
        self.loop_check.setAccessibleName(tr("Loop the animation"))
        self.step_buttons = []
        for exponent in STEP_EXPONENTS:
            text = "1" if exponent == 0 else (f"0.{'0' * (exponent - 1)}1" if exponent <= 2
                                              else f"10{_superscript(-exponent)}")
            button = self._tool_button(
                text, tr("Set h = {h} (keeping its side)").format(h=text),
                f"secantStep{exponent}", slot=self._on_step_button)
            button.setProperty("exponent", exponent)
            self.step_buttons.append(button)

        # Row 2: what is drawn.
        self.derivative_toggle = self._tool_button(
            "f′", tr("Show the graph of f′ beneath the curve"), "secantShowDerivative",
            checkable=True, slot=self._on_lower_plots_toggled)
        self.second_toggle = self._tool_button(
            "f″", tr("Show the graph of f″ beneath the curve"), "secantShowSecond",
            checkable=True, slot=self._on_lower_plots_toggled)
        self.derivative_toggle.setChecked(True)
        self.second_toggle.setChecked(False)
        self.second_plot.setVisible(False)
        self.shade_box = QComboBox(self.content)
        self.shade_box.setObjectName("secantShadeBox")
        for mode, title in zip(SHADING_MODES, (tr("No shading"), tr("Rising / falling"),
                                               tr("Convex / concave")), strict=True):
            self.shade_box.addItem(title, mode)
        self.shade_box.setToolTip(tr(
            "Shade where f rises or falls (the sign of f′), or where it is convex or concave "
            "(the sign of f″)"))
        self.shade_box.setAccessibleName(tr("Shading of the curve"))
        self.shade_box.currentIndexChanged.connect(self._on_shading_chosen)
        self.shade_legend = QLabel(self.content)
        self.shade_legend.setObjectName("secantShadeLegend")
        self.shade_legend.setTextFormat(Qt.TextFormat.RichText)
        self.taylor_toggle = self._tool_button(
            tr("Taylor"), tr("Overlay the Taylor polynomial of order n at x₀"),
            "secantTaylorToggle", checkable=True, slot=self._on_taylor_toggled)
        self.taylor_slider = QSlider(Qt.Orientation.Horizontal, self.content)
        self.taylor_slider.setObjectName("secantTaylorOrder")
        self.taylor_slider.setRange(0, self._model.MAX_TAYLOR_ORDER)
        self.taylor_slider.setPageStep(1)
        self.taylor_slider.setMaximumWidth(90)
        self.taylor_slider.setToolTip(tr("Order n of the Taylor polynomial (0 to 10)"))
        self.taylor_slider.setAccessibleName(tr("Taylor order"))
        self.taylor_slider.valueChanged.connect(self._model.set_taylor_order)
        self.taylor_order_label = QLabel(self.content)
        self.taylor_order_label.setObjectName("secantTaylorOrderLabel")
        self.time_button = self._tool_button(
            tr("▶ Time"), tr("Play time: the point moves along its track with its velocity "
                             "arrow while t runs through the visible range"),
            "secantTimeButton", slot=self._on_play_time)

        # The controls flow onto as many rows as the width needs (a narrow dock beside
        # the lesson text), each group kept together on one row.
        h_label = QLabel(tr("h ="), self.content)
        self.controls = QWidget(self.content)
        self.controls.setObjectName("secantControls")
        flow = FlowLayout(self.controls, spacing=5)
        # (f′ and f″ are short: they fit after the animation's group, so that a lab of
        # ~500 pixels needs three rows, not four.)
        flow.addWidget(control_group(self.controls, self.play_button, self.side_box,
                                     self.speed_box, self.loop_check))
        flow.addWidget(control_group(self.controls, self.derivative_toggle, self.second_toggle))
        flow.addWidget(control_group(self.controls, h_label, *self.step_buttons))
        flow.addWidget(self.shade_box)
        flow.addWidget(self.shade_legend)
        flow.addWidget(control_group(self.controls, self.taylor_toggle, self.taylor_slider,
                                     self.taylor_order_label))
        flow.addWidget(self.time_button)

    def _build_readout(self) -> None:
        self.quotient_formula = LiveFormula("secantQuotient", self.content)
        self.tangent_formula = LiveFormula("secantTangent", self.content)
        self.note = QLabel(self.content)
        self.note.setObjectName("secantNote")
        self.note.setWordWrap(True)
        self.note.setTextFormat(Qt.TextFormat.RichText)
        self.note.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.note.setVisible(False)

    def _build_tabs(self) -> None:
        self.tabs = QTabWidget(self.content)
        self.tabs.setObjectName("secantTabs")
        self.tabs.setDocumentMode(True)
        self.limit_view = LimitView(self._model, self.tabs)
        self.points_table = PointsTable(self._model, self.tabs)
        self.taylor_page = QWidget(self.tabs)
        self.taylor_formula = FormulaLabel(self.taylor_page)
        self.taylor_formula.setObjectName("secantTaylorFormula")
        self.taylor_status = QLabel(self.taylor_page)
        self.taylor_status.setObjectName("secantTaylorStatus")
        self.taylor_status.setWordWrap(True)
        self.tolerance_box = QDoubleSpinBox(self.taylor_page)
        self.tolerance_box.setObjectName("secantTaylorTolerance")
        self.tolerance_box.setDecimals(4)
        self.tolerance_box.setRange(0.0001, 100.0)
        self.tolerance_box.setValue(0.1)
        self.tolerance_box.setSingleStep(0.05)
        self.tolerance_box.setToolTip(tr("Shade the part of the x axis where |Tₙ − f| is below "
                                         "this tolerance"))
        self.tolerance_box.setAccessibleName(tr("Taylor tolerance"))
        self.tolerance_box.valueChanged.connect(self._draw_taylor)
        tolerance_row = QHBoxLayout()
        tolerance_label = QLabel(tr("Shade where |Tₙ − f| <"), self.taylor_page)
        tolerance_label.setBuddy(self.tolerance_box)
        tolerance_row.addWidget(tolerance_label)
        tolerance_row.addWidget(self.tolerance_box)
        tolerance_row.addStretch(1)
        page = QVBoxLayout(self.taylor_page)
        page.addWidget(self.taylor_formula)
        page.addLayout(tolerance_row)
        page.addWidget(self.taylor_status)
        page.addStretch(1)
        self.tabs.addTab(self.limit_view, tr("Limit h → 0"))
        self.tabs.addTab(self.points_table, tr("Points"))
        self.tabs.addTab(self.taylor_page, tr("Taylor"))
        self.tabs.setTabToolTip(0, tr("The difference quotients for h = 10⁻¹ … 10⁻¹⁶ and their "
                                      "error: truncation against round-off"))
        self.tabs.setTabToolTip(1, tr("Stationary and inflection points, with their kinds"))
        self.tabs.setTabToolTip(2, tr("The Taylor polynomial at x₀"))

    def _build_layout(self) -> None:
        upper = QWidget(self.content)
        upper_layout = QVBoxLayout(upper)
        self._upper_layout = upper_layout
        upper_layout.setContentsMargins(0, 0, 0, 0)
        upper_layout.setSpacing(0)
        upper_layout.addWidget(self.plot, 3)
        upper_layout.addWidget(self.derivative_plot, 1)
        upper_layout.addWidget(self.second_plot, 1)
        upper_layout.addWidget(self.quotient_formula)
        upper_layout.addWidget(self.tangent_formula)
        upper_layout.addWidget(self.note)
        self.splitter = QSplitter(Qt.Orientation.Vertical, self.content)
        self.splitter.setObjectName("secantSplitter")
        self.splitter.addWidget(upper)
        self.splitter.addWidget(self.tabs)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setCollapsible(0, False)
        self.splitter.setCollapsible(1, False)  # it folds to its tab bar instead
        self.splitter.setSizes([470, 330])
        # The tabs fold to their bar: on a small screen the curve comes first.
        self.folder = TabFolder(self.tabs, self.splitter, "secantLowerToggle", tr(
            "Show or hide the limit table, the points and the Taylor polynomial "
            "(or click a tab)"), min_lines=LOWER_MIN_LINES)
        self.lower_toggle = self.folder.button
        self.folder.folded_changed.connect(self._on_folded)
        content_layout = QVBoxLayout(self.content)
        content_layout.setContentsMargins(0, 0, 0, 0)
        content_layout.setSpacing(2)
        content_layout.addWidget(self.controls)
        content_layout.addWidget(self.splitter, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addWidget(self.notice)
        layout.addWidget(self.content, 1)

    # -- theme ----------------------------------------------------------------------------
    def apply_theme(self, theme: Theme) -> None:
        """Restyle for ``theme``."""
        self._theme = theme
        for widget in (self.plot, self.derivative_plot, self.second_plot):
            style_plot(widget, theme)
            cache_static_parts(widget)
            for axis in ("left", "bottom"):  # no "(x0.001)" scale hidden in an axis label
                widget.getPlotItem().getAxis(axis).enableAutoSIPrefix(False)
        self.curve.setPen(pen(theme, theme.curve, 1.0))
        self.derivative_overlay.setPen(pen(theme, theme.derivative, 1.0, Qt.PenStyle.DashLine))
        self.secant.setPen(pen(theme, theme.secant))
        self.triangle.setPen(pen(theme, theme.secant, 1.0, Qt.PenStyle.DotLine))
        self.tangent.setPen(pen(theme, theme.tangent, 1.0, Qt.PenStyle.DashLine))
        for ray in (self.left_tangent, self.right_tangent):
            ray.setPen(pen(theme, theme.tangent, 1.0, Qt.PenStyle.DashLine))
        self.taylor_curve.setPen(pen(theme, theme.second_derivative, 1.0))
        self.asymptotes.setPen(pen(theme, theme.muted, 1.0, Qt.PenStyle.DashLine))
        self.derivative_curve.setPen(pen(theme, theme.derivative))
        self.second_curve.setPen(pen(theme, theme.second_derivative))
        for widget, color in ((self.derivative_plot, theme.derivative),
                              (self.second_plot, theme.second_derivative)):
            widget.zero_line.setPen(pg.mkPen(theme.muted, width=1))
            widget.name_label.setColor(color)
            label_font = QFont()
            label_font.setPointSizeF(theme.font_size(0.9))
            label_font.setBold(True)
            widget.name_label.setFont(label_font)
        self._style_selection()
        for marker in (self.derivative_marker, self.second_marker, self.track_point):
            marker.setBrush(pg.mkBrush(theme.tangent))
            marker.setPen(pg.mkPen(theme.background, width=1))
            marker.setSize(9 * theme.scale * (1.4 if theme.line_width > 1 else 1))
        self.track_line.setPen(pen(theme, theme.muted, 1.0))
        self.track_link.setPen(pen(theme, theme.muted, 1.0, Qt.PenStyle.DotLine))
        self.velocity_line.setPen(pen(theme, theme.derivative, 2.0))
        self.velocity_head.setStyle(brush=pg.mkBrush(theme.derivative),
                                    headLen=12 * theme.scale * (1.4 if theme.line_width > 1 else 1))
        font = QFont()
        font.setPointSizeF(theme.font_size(1.0))
        bold = QFont(font)
        bold.setBold(True)
        colors = {self.label_p0: theme.tangent, self.label_p: theme.secant,
                  self.run_label: theme.secant, self.rise_label: theme.secant,
                  self.left_slope_label: theme.tangent, self.right_slope_label: theme.tangent,
                  self.taylor_label: theme.second_derivative, self.motion_label: theme.derivative,
                  self.overlay_label: theme.derivative, self.saturation_label: theme.muted}
        for item, color in colors.items():
            item.setColor(color)
            item.setFont(bold if item in (self.label_p0, self.label_p) else font)
        for item in self.marker_labels:
            item.setColor(theme.foreground)
            item.setFont(font)
        self.notice.setStyleSheet(f"color: {theme.muted};")
        self.quotient_formula.live.set_color(theme.secant)
        self.tangent_formula.live.set_color(theme.tangent)
        # Room for a typeset fraction (the quotient) and one line (the tangent).
        self.quotient_formula.setFixedHeight(int(theme.font_size(READOUT_SIZE) * 3.3) + 4)
        self.tangent_formula.setFixedHeight(int(theme.font_size(READOUT_SIZE) * 2.0) + 4)
        self.note.setFixedHeight(int(theme.font_size(1.0) * 3 * 1.45 + 6))
        # Large type needs the room: the plots get most of the height in every theme.
        total = sum(self.splitter.sizes()) or 800
        self.folder.set_open_sizes([int(total * 0.68), total - int(total * 0.68)])
        self.folder.set_compact(self._is_compact())  # what counts as short follows the type
        self.folder.apply(resize=True)
        self.limit_view.apply_theme(theme)
        self._update_shade_legend()
        if self._model.function is not None and not self._model.function.is_2d:
            self._on_expression_changed(self._model.function)

    def _style_selection(self) -> None:
        theme = self._theme
        size = 12 * theme.scale * (1.4 if theme.line_width > 1 else 1)
        for name, handle, color in (("P0", self.handle_p0, theme.tangent),
                                    ("P", self.handle_p, theme.secant)):
            if self._selected == name:  # chosen for the keyboard: a thick ring
                outline = pg.mkPen(theme.accent, width=max(3.0, theme.pen_width(2.0)))
                handle.set_style(pg.mkBrush(color), outline, size + 4)
            else:
                outline = pg.mkPen(theme.background, width=max(1.0, theme.pen_width(1.0)))
                handle.set_style(pg.mkBrush(color), outline, size)

    # -- the tabs below the plots ----------------------------------------------------------
    @property
    def lower_open(self) -> bool:
        """True while the tabs below the plots show a page, False when only their bar shows.

        They fold by the user's choice (the button in their corner, or a click on the
        current tab), and by themselves while the panel is shorter than
        :data:`COMPACT_LINES` lines of text, until the user opens them.
        """
        return self.folder.is_open

    def set_lower_open(self, wanted: bool) -> None:
        """Open or fold the tabs below the plots, as the user would."""
        self.folder.set_open(wanted)

    def _on_folded(self, folded: bool) -> None:
        # The f′ and f″ plots give way first when the panel is short.
        self._upper_layout.setStretch(0, 5 if folded and self.folder.compact else 3)

    def _is_compact(self) -> bool:
        return self.height() < COMPACT_LINES * self.fontMetrics().height()

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        self.folder.set_compact(self._is_compact())

    # -- the function ---------------------------------------------------------------------
    def _one_variable(self):
        state = self._model.function
        return state if state is not None and not state.is_2d else None

    def _on_expression_changed(self, state) -> None:
        one_variable = not state.is_2d
        if not one_variable:
            self.player.stop()
            self.dragger.cancel()
            # Before the notice shows: a new text lays a shown label out again.
            self.notice.setText(tr(
                "f has two variables: its slopes are partial derivatives, shown in the "
                "surface lab. Type a function of x alone to see secants and tangents."))
        # Showing or hiding the content relays all of it out: only when it changes. The
        # one going away is hidden first: showing a widget lays its whole window out at
        # once, and with both shown the plots were squeezed, resized and redrawn for
        # nothing (and the docks around the lab moved) on every switch.
        leaving, coming = ((self.notice, self.content) if one_variable
                           else (self.content, self.notice))
        if leaving.isVisibleTo(self):
            leaving.setVisible(False)
        if not coming.isVisibleTo(self):
            coming.setVisible(True)
        if not one_variable:
            return
        if self._animation_kind == "time" and state.variable != "t":
            self.player.stop()
        if not self._stale.skip():
            self._draw_function(state)

    def _draw_function(self, state) -> None:
        """Everything that shows the one-variable function ``state``."""
        v = state.variable
        timed = v == "t"
        set_axis_label(self.plot, "bottom", tr("time t") if timed else v)
        set_axis_label(self.plot, "left", tr("position f(t)") if timed else f"f({v})")
        # The small plots name themselves in their top-left corner: a rotated axis label
        # would not fit their height.
        for widget, text in (
            (self.derivative_plot, tr("velocity f′(t)") if timed
             else tr("f′({v}): slope of f").format(v=v)),
            (self.second_plot, tr("acceleration f″(t)") if timed
             else tr("f″({v}): slope of f′").format(v=v)),
        ):
            if widget.name_label.toPlainText() != text:
                widget.name_label.setText(text)
        self.time_button.setVisible(timed)
        activation = state.text in ACTIVATION_TEXTS
        if activation and not self.derivative_toggle.isChecked():
            self.derivative_toggle.setChecked(True)
        self._slopes = None
        self._taylor_result = None
        self._taylor_function = None
        set_curve(self.taylor_curve, [], [])
        self.taylor_region.set_bands([])
        self.taylor_label.setText("")
        # The new ranges move the view: redrawn once below, not at each range signal.
        self._quiet_view = True
        try:
            self._set_default_ranges()
        finally:
            self._quiet_view = False
        self._resample()
        self._on_points_changed(self._model.critical_points)
        self._update_secant(x0_moved=True)
        self._schedule_taylor(now=True)
        repaint_in_next_frame(self.plot, self.derivative_plot, self.second_plot)

    def catch_up(self) -> None:
        """Draw what changed while the lab was out of sight (call when it comes into sight)."""
        self._stale.catch_up()

    def _redraw_everything(self) -> None:
        state = self._one_variable()
        if state is not None:
            self._draw_function(state)
        self.limit_view.refresh_if_dirty()

    def _on_range_changed(self, _value=None) -> None:
        if self._one_variable() is not None and not self._stale.skip():
            self._set_default_ranges()
            self._resample()
            self._update_secant(x0_moved=True)

    def _set_default_ranges(self) -> None:
        state = self._one_variable()
        low, high = self._model.x_range
        # (The view's signals must flow: the axes and the linked f′/f″ plots follow them.)
        self.plot.setXRange(low, high, padding=0.02)
        xs = np.linspace(low, high, 801)
        y_range = robust_range(state.functions.arrays["f"](xs))
        if y_range is not None:
            self.plot.setYRange(*y_range, padding=0)

    def _visible_x(self) -> tuple[float, float]:
        (low, high), _ = self.plot.getViewBox().viewRange()
        return low, high

    def _resample(self) -> None:
        """Sample f, f′, f″ over the visible x range (never on a drag move)."""
        state = self._one_variable()
        if state is None:
            return
        arrays = state.functions.arrays
        low, high = self._visible_x()
        span = high - low
        low, high = low - 0.25 * span, high + 0.25 * span
        self._resample_timer.stop()  # a view change asked for this resample: done now
        xs, ys = sample_curve(arrays["f"], low, high, CURVE_SAMPLES)
        self.curve.setData(xs, ys, connect="finite")
        self._samples = (xs, ys)
        self._draw_asymptotes(xs, ys)
        dxs, dys = sample_curve(arrays["df"], low, high, CURVE_SAMPLES)
        self.derivative_curve.setData(dxs, dys, connect="finite")
        sxs, sys_ = sample_curve(arrays["d2f"], low, high, CURVE_SAMPLES)
        self.second_curve.setData(sxs, sys_, connect="finite")
        for widget, values in ((self.derivative_plot, dys), (self.second_plot, sys_)):
            y_range = robust_range(values)
            if y_range is not None:
                bottom, top = y_range
                widget.setYRange(min(bottom, 0.0), max(top, 0.0), padding=0.05)
        grid = np.linspace(low, high, CURVE_SAMPLES)
        slope = arrays["df"](grid)
        curvature = arrays["d2f"](grid)
        self._draw_shading(grid, slope, curvature)
        self._draw_saturation(state, grid, slope, dxs, dys)
        self._draw_taylor()

    def _draw_asymptotes(self, xs, ys) -> None:
        """A dashed vertical line at each pole: where the curve breaks and shoots off."""
        _, (y_low, y_high) = self.plot.getViewBox().viewRange()
        span = y_high - y_low
        middle = 0.5 * (y_low + y_high)
        inner = np.arange(1, max(1, xs.size - 1))
        breaks = inner[np.isnan(ys[inner]) & np.isfinite(ys[inner - 1]) & np.isfinite(ys[inner + 1])]
        poles = [xs[i] for i in breaks
                 if max(abs(ys[i - 1] - middle), abs(ys[i + 1] - middle)) > 3 * span]
        line_xs, line_ys = [], []
        for x in poles:
            line_xs += [x, x]
            line_ys += [y_low - 10 * span, y_high + 10 * span]
        self.asymptotes.setData(np.array(line_xs), np.array(line_ys), connect="pairs")

    def _draw_shading(self, grid, slope, curvature) -> None:
        theme = self._theme
        mode = self._shading
        if mode == "off":
            self.shading.set_bands([])
            return
        values = slope if mode == "monotonic" else curvature
        scale = np.nanmax(np.abs(values)) if np.isfinite(values).any() else 0.0
        threshold = 1e-9 * max(1.0, scale)
        if mode == "monotonic":
            colors = (translucent(theme.positive_fill, 38), translucent(theme.negative_fill, 38))
        else:
            colors = (translucent(theme.accent, 38), translucent(theme.second_derivative, 38))
        bands = [(a, b, colors[0]) for a, b in intervals_where(grid, values > threshold)]
        bands += [(a, b, colors[1]) for a, b in intervals_where(grid, values < -threshold)]
        self.shading.set_bands(bands)

    def _draw_saturation(self, state, grid, slope, dxs, dys) -> None:
        if state.text not in ACTIVATION_TEXTS:
            self.saturation.set_bands([])
            set_curve(self.derivative_overlay, [], [])
            self.overlay_label.setText("")
            self.saturation_label.setText("")
            return
        set_curve(self.derivative_overlay, dxs, dys)
        self._label_overlay(dxs, dys)
        finite = np.isfinite(slope)
        peak = np.max(np.abs(slope[finite])) if finite.any() else 0.0
        saturated = finite & (np.abs(slope) < SATURATION_FRACTION * peak)
        color = translucent(self._theme.muted, 55)
        bands = intervals_where(grid, saturated)
        self.saturation.set_bands([(a, b, color) for a, b in bands])
        # Name the grey: the widest saturated band gets the words.
        (x_low, x_high), (_, y_high) = self.plot.getViewBox().viewRange()
        visible = [(max(a, x_low), min(b, x_high)) for a, b in bands if b > x_low and a < x_high]
        if visible:
            low, high = max(visible, key=lambda band: band[1] - band[0])
            self.saturation_label.setText(tr("saturated: f′ ≈ 0,\ngradients vanish"))
            self.saturation_label.setPos(0.5 * (low + high), y_high)
        else:
            self.saturation_label.setText("")

    def _label_overlay(self, xs, ys) -> None:
        """Name the dashed f′ curve (activations) where it is highest in view."""
        (x_low, x_high), _ = self.plot.getViewBox().viewRange()
        inside = (xs > x_low) & (xs < x_high) & np.isfinite(ys)
        if not inside.any():
            self.overlay_label.setText("")
            return
        index = np.flatnonzero(inside)[np.argmax(ys[inside])]
        self.overlay_label.setText(tr("f′ (dashed)"))
        self.overlay_label.setPos(xs[index], ys[index])

    def _on_view_changed(self, *_args) -> None:
        if self._one_variable() is None or self._quiet_view:
            return
        self._update_secant(x0_moved=False, view_moved=True)
        self._resample_timer.start()

    # -- secant, tangent, handles ---------------------------------------------------------
    def _pixel_size(self) -> float:
        size = self.plot.getViewBox().viewPixelSize()[0]
        return size if math.isfinite(size) and size > 0 else 1e-3

    def _gap(self) -> float:
        """The closest P may be dragged to P₀, in x units: a few pixels."""
        return MIN_GAP_PX * self._pixel_size()

    def _on_x0_changed(self, _value) -> None:
        if self._stale.skip():
            return
        self._update_secant(x0_moved=True)
        self._schedule_taylor()

    def _on_h_changed(self, _value) -> None:
        if not self._stale.skip():
            self._update_secant(x0_moved=False)

    def _update_secant(self, x0_moved: bool, view_moved: bool = False) -> None:
        state = self._one_variable()
        if state is None:
            return
        functions = state.functions
        f = functions.scalars["f"]
        x0, h = self._model.x0, self._model.h
        if x0_moved or self._slopes is None or self._slopes.x0 != x0:
            self._slopes = slopes_at(f, functions.scalars["df"], x0, functions.kinks)
        slopes = self._slopes
        y0 = slopes.value
        x1 = x0 + h
        y1 = f(x1)
        view_range = self.plot.getViewBox().viewRange()
        view = expanded_view(view_range)
        defined0, defined1 = math.isfinite(y0), math.isfinite(y1)
        self.handle_p0.setVisible(defined0)
        self.handle_p.setVisible(defined1)
        if defined0:
            self.handle_p0.setPos(x0, y0)
        if defined1:
            self.handle_p.setPos(x1, y1)
        self.label_p0.setVisible(defined0)
        self.label_p.setVisible(defined1)
        if defined0:
            self.label_p0.setPos(x0, y0)
        if defined1:
            self.label_p.setPos(x1, y1)
        if defined0 and defined1:
            slope = (y1 - y0) / h
            self.secant.setData(*line_in_view(x0, y0, slope, view))
            self.triangle.setData([x0, x1, x1], [y0, y0, y1])
            self._place_triangle_labels(x0, y0, x1, y1, view_range)
        else:
            self.secant.setData([], [])
            self.triangle.setData([], [])
            self.run_label.setVisible(False)
            self.rise_label.setVisible(False)
        if x0_moved or view_moved:
            self._draw_tangent(slopes, view, view_range)
        if x0_moved:
            self._draw_lower_markers(functions, x0)
            self._draw_motion(functions, x0, view_range)
            self._declutter_marker_labels(x0)
        elif view_moved:
            self._draw_motion(functions, x0, view_range)
        if not view_moved:
            self._show_live_readout(state, slopes, h, y1)

    def _place_triangle_labels(self, x0, y0, x1, y1, view_range) -> None:
        pixel_x = self._pixel_size()
        pixel_y = self.plot.getViewBox().viewPixelSize()[1] or 1.0
        run_pixels = abs(x1 - x0) / pixel_x
        rise_pixels = abs(y1 - y0) / pixel_y
        (x_low, x_high), (y_low, y_high) = view_range
        # P in pixels from P₀ (y down, as on screen): the secant is the line through both.
        secant = ((x1 - x0) / pixel_x, -(y1 - y0) / pixel_y)

        def clear(label, x, y, anchor) -> bool:
            """The label at (x, y) with ``anchor`` stays off the secant and inside the plot."""
            box = label.boundingRect()
            left = (x - x0) / pixel_x - anchor[0] * box.width() - 2
            top = -(y - y0) / pixel_y - anchor[1] * box.height() - 2
            right, bottom = left + box.width() + 4, top + box.height() + 4
            sides = [secant[0] * cy - secant[1] * cx
                     for cx in (left, right) for cy in (top, bottom)]
            inside = (x_low - x0) / pixel_x <= left and right <= (x_high - x0) / pixel_x \
                and -(y_high - y0) / pixel_y <= top and bottom <= -(y_low - y0) / pixel_y
            return inside and (min(sides) > 0 or max(sides) < 0)

        # Each label tries its side outside the triangle first, then the other; where
        # both would cross the secant or leave the plot it is left out (the readout
        # below gives Δx and Δy anyway).
        show_run = run_pixels > 40
        if show_run:
            self.run_label.setText(f"Δx = h = {number(x1 - x0, 4)}")
            # Under (or over) the middle of the leg; else starting at P₀ and running
            # towards P, away from where the secant crosses that side of the leg.
            middle = (0.5 * (x0 + x1), y0)
            toward = 0.0 if x1 >= x0 else 1.0
            step = math.copysign(6 * pixel_x, x1 - x0)  # a little clear of P₀
            below = [(middle, (0.5, -0.15)), ((x0 + step, y0), (toward, -0.15))]
            above = [(middle, (0.5, 1.15)), ((x0 - step, y0), (1.0 - toward, 1.15))]
            order = below + above if y1 >= y0 else above + below
            place = next((c for c in order if clear(self.run_label, *c[0], c[1])), None)
            show_run = place is not None
            if show_run:
                self.run_label.setPos(*place[0])
                self.run_label.setAnchor(place[1])
        show_rise = rise_pixels > 18 and run_pixels > 12
        if show_rise:
            self.rise_label.setText(f"Δy = {number(y1 - y0, 4)}")
            position = (x1, 0.5 * (y0 + y1))
            right, left = (-0.08, 0.5), (1.08, 0.5)
            order = (right, left) if x1 >= x0 else (left, right)
            anchor = next((a for a in order if clear(self.rise_label, *position, a)), None)
            show_rise = anchor is not None
            if show_rise:
                self.rise_label.setPos(*position)
                self.rise_label.setAnchor(anchor)
        self.run_label.setVisible(show_run)
        self.rise_label.setVisible(show_rise)

    def _draw_tangent(self, slopes, view, view_range) -> None:
        x0, y0 = slopes.x0, slopes.value
        kind = slopes.kind
        for item in (self.tangent, self.left_tangent, self.right_tangent):
            item.setData([], [])
        self.left_slope_label.setVisible(False)
        self.right_slope_label.setVisible(False)
        if not math.isfinite(y0):
            return
        if kind == "smooth":
            self.tangent.setData(*line_in_view(x0, y0, slopes.derivative, view))
            return
        if kind in ("vertical", "cusp"):
            self.tangent.setData(*line_in_view(x0, y0, math.inf, view))
            return
        (x_low, x_high), _ = view_range
        reach = 0.3 * (x_high - x_low)
        ray_view = ((x0 - reach, x0 + reach), view[1])
        for side, value, item, label in ((-1, slopes.left, self.left_tangent,
                                          self.left_slope_label),
                                         (1, slopes.right, self.right_tangent,
                                          self.right_slope_label)):
            if value is None:
                continue
            xs, ys = line_in_view(x0, y0, value, ray_view, side)
            item.setData(xs, ys)
            if xs:
                label.setVisible(True)
                words = tr("left slope {m}") if side < 0 else tr("right slope {m}")
                label.setText(words.format(m=number(value, 4)))
                # Half-way along the ray, above it: clear of the legend and the handles.
                middle = 0.5 * (xs[0] + xs[1]), 0.5 * (ys[0] + ys[1])
                label.setPos(*middle)
                label.setAnchor((1.0, 1.1) if side < 0 else (0.0, 1.1))

    def _draw_lower_markers(self, functions, x0) -> None:
        slope = self._slopes.derivative if self._slopes is not None else None
        if slope is not None and math.isfinite(slope):
            self.derivative_marker.setData([x0], [slope])
        else:
            self.derivative_marker.setData([], [])
        second = functions.scalars["d2f"](x0)
        if math.isfinite(second) and self._slopes is not None and self._slopes.differentiable:
            self.second_marker.setData([x0], [second])
        else:
            self.second_marker.setData([], [])

    def _draw_motion(self, functions, x0, view_range) -> None:
        state = self._one_variable()
        timed = state is not None and state.variable == "t"
        items = (self.track_line, self.track_link, self.velocity_line)
        position = functions.scalars["f"](x0)
        velocity = functions.scalars["df"](x0)
        if not timed or not math.isfinite(position):
            for item in items:
                item.setData([], [])
            self.track_point.setData([], [])
            self.track_point.setVisible(False)
            self.velocity_head.setVisible(False)
            self.motion_label.setVisible(False)
            return
        (x_low, x_high), (y_low, y_high) = view_range
        track_x = x_high - 0.05 * (x_high - x_low)
        height = y_high - y_low
        self.track_line.setData([track_x, track_x], [y_low + 0.03 * height, y_high - 0.03 * height])
        self.track_link.setData([x0, track_x], [position, position])
        self.track_point.setData([track_x], [position])
        self.track_point.setVisible(True)
        if math.isfinite(velocity) and velocity != 0:
            # The arrow shows how far the point would go in a quarter of the visible time.
            length = velocity * 0.25 * (x_high - x_low)
            limit = 0.4 * height
            length = max(-limit, min(limit, length))
            tip = position + length
            self.velocity_line.setData([track_x, track_x], [position, tip])
            self.velocity_head.setPos(track_x, tip)
            self.velocity_head.setStyle(angle=90 if velocity > 0 else -90)
            self.velocity_head.setVisible(True)
        else:
            self.velocity_line.setData([], [])
            self.velocity_head.setVisible(False)
        self.motion_label.setVisible(True)
        self.motion_label.setText(tr("v = {v}").format(v=number(velocity, 4)))
        self.motion_label.setAnchor((1.1, 0.5))
        self.motion_label.setPos(track_x, position)

    # -- readout --------------------------------------------------------------------------
    def _is_close(self, h: float) -> bool:
        return abs(h) <= (MIN_GAP_PX + 0.5) * self._pixel_size()

    def _readout_texts(self):
        state = self._one_variable()
        if state is None or self._slopes is None:
            return None
        h = self._model.h
        f = state.functions.scalars["f"]
        second = state.functions.scalars["d2f"](self._model.x0)
        return compose(state.text, state.variable, self._slopes, h, f(self._model.x0 + h),
                       self._is_close(h), second)

    def _show_live_readout(self, state, slopes, h, y1) -> None:
        texts = compose(state.text, state.variable, slopes, h, y1, self._is_close(h),
                        state.functions.scalars["d2f"](slopes.x0))
        self.quotient_formula.show_live(texts.quotient_line, texts.quotient_plain)
        self.tangent_formula.show_live(texts.tangent_line, texts.tangent_plain)
        if self.note.text() != texts.note_html:
            # A note appears only at special points (a kink, a flat tangent, a pole),
            # which x₀ reaches by snapping or clicking, so the relayout is rare.
            self.note.setText(texts.note_html)
            self.note.setVisible(bool(texts.note_html))
        self._settle_timer.start()

    def _typeset_readout(self) -> None:
        if self.player.running or self.dragger.dragging is not None:
            self._settle_timer.start()
            return
        texts = self._readout_texts()
        if texts is None:
            return
        theme = self._theme
        size = theme.font_size(READOUT_SIZE)
        # In the colours of the lines they describe: the readout is the legend.
        self.quotient_formula.show_typeset(texts.quotient_latex, texts.quotient_plain,
                                           theme.secant, size, texts.quotient_caption)
        self.tangent_formula.show_typeset(texts.tangent_latex, texts.tangent_plain,
                                          theme.tangent, size, texts.tangent_caption)

    # -- dragging -------------------------------------------------------------------------
    def _viewport_position(self, x: float, y: float) -> QPointF:
        """Where the data point (x, y) is on the plot's viewport, in pixels."""
        scene = self.plot.getViewBox().mapViewToScene(QPointF(x, y))
        return QPointF(self.plot.mapFromScene(scene))

    def handle_point(self, name: str) -> tuple[float, float] | None:
        """Data coordinates of handle ``"P0"`` or ``"P"`` (None when not drawn).

        A handle is a :class:`~visualizer.panels.secant_items.Handle` moved with
        ``setPos``: its data position is ``item.pos()``.
        """
        handle = self.handle_p0 if name == "P0" else self.handle_p
        return handle.point() if handle.isVisible() else None

    def handle_position(self, name: str) -> QPointF | None:
        """Viewport position of handle ``"P0"`` or ``"P"`` in pixels (None when not drawn)."""
        point = self.handle_point(name)
        return None if point is None else self._viewport_position(*point)

    def _hit_test(self, position: QPointF) -> str | None:
        radius = GRAB_RADIUS_PX * self._theme.scale
        best, best_distance = None, radius
        for name in ("P", "P0"):  # P first: on a tie the secant point wins
            where = self.handle_position(name)
            if where is None:
                continue
            distance = math.hypot(where.x() - position.x(), where.y() - position.y())
            if distance < best_distance:
                best, best_distance = name, distance
        return best

    def _click(self, position: QPointF) -> bool:
        """A press off the handles: on a marked point it moves x₀ there."""
        radius = GRAB_RADIUS_PX * self._theme.scale
        for point in self._marked:
            where = self._viewport_position(point.x, point.value)
            if math.hypot(where.x() - position.x(), where.y() - position.y()) <= radius:
                self.player.stop()
                self._model.set_x0(point.x)
                return True
        return False

    def _on_drag_started(self, name: str) -> None:
        self.player.stop()
        # The press is consumed before Qt's click-to-focus: focus the plot here, so the
        # arrow keys go on moving the point just dragged.
        self.plot.setFocus(Qt.FocusReason.MouseFocusReason)
        self._select(name)

    def _on_drag_finished(self, _name: str) -> None:
        self._settle_timer.start()
        self._schedule_taylor(now=True)

    def _drag_to(self, name: str, position: QPointF) -> None:
        scene = self.plot.mapToScene(position.toPoint())
        x = self.plot.getViewBox().mapSceneToView(scene).x()
        if name == "P":
            self._move_p_to(x)
        else:
            self._move_p0_to(x)

    def _move_p_to(self, x: float) -> None:
        state = self._one_variable()
        if state is None:
            return
        x0, gap = self._model.x0, self._gap()
        h = x - x0
        if abs(h) < gap:
            # h = 0 would be 0/0: P stops a few pixels short, on the side it came from;
            # it crosses only when the mouse is a gap beyond P₀ on the other side.
            h = math.copysign(gap, self._model.h)
        if not math.isfinite(state.functions.scalars["f"](x0 + h)):
            return
        self._model.set_h(h)

    def _move_p0_to(self, x: float) -> None:
        state = self._one_variable()
        if state is None:
            return
        snap = SNAP_PX * self._pixel_size()
        targets = list(state.functions.kinks) + [point.x for point in self._marked]
        nearest = min(targets, key=lambda t: abs(t - x), default=None)
        if nearest is not None and abs(nearest - x) <= snap:
            x = nearest
        if not math.isfinite(state.functions.scalars["f"](x)):
            return
        self._model.set_x0(x)

    # -- keyboard -------------------------------------------------------------------------
    def _select(self, name: str | None) -> None:
        if name != self._selected:
            self._selected = name
            self._style_selection()

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt's name
        if filter_owner_gone(self, watched, "plot") or watched is not self.plot:
            return False
        kind = event.type()
        if kind == QEvent.Type.FocusIn:
            reason = event.reason()
            if reason == Qt.FocusReason.BacktabFocusReason:
                self._select("P")
            elif reason == Qt.FocusReason.TabFocusReason or self._selected is None:
                self._select("P0")
            return False
        if kind == QEvent.Type.FocusOut:
            self._select(None)
            return False
        if kind == QEvent.Type.KeyPress:
            return self._key_pressed(event)
        return False

    def _key_pressed(self, event) -> bool:
        key = event.key()
        if key == Qt.Key.Key_Tab and not event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
            if self._selected == "P0":
                self._select("P")
                return True
            return False  # leave the plot: the next control gets the focus
        if key == Qt.Key.Key_Backtab or (key == Qt.Key.Key_Tab and event.modifiers()
                                          & Qt.KeyboardModifier.ShiftModifier):
            if self._selected == "P":
                self._select("P0")
                return True
            return False
        if self._one_variable() is None:
            return False
        if key in (Qt.Key.Key_Left, Qt.Key.Key_Right):
            fine = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
            low, high = self._visible_x()
            step = (high - low) / (1000.0 if fine else 100.0)
            direction = 1.0 if key == Qt.Key.Key_Right else -1.0
            self.player.stop()
            if self._selected is None:
                self._select("P")
            if self._selected == "P0":
                self._step_x0(direction * step)
            else:
                self._step_h(direction * step)
            return True
        if key in (Qt.Key.Key_PageDown, Qt.Key.Key_PageUp):
            self.player.stop()
            h = self._model.h
            low, high = self._model.x_range
            new = h / 10.0 if key == Qt.Key.Key_PageDown else h * 10.0
            if abs(new) <= (high - low):
                self._model.set_h(new)
            return True
        return False

    def _step_x0(self, step: float) -> None:
        f = self._one_variable().functions.scalars["f"]
        target = round(self._model.x0 + step, 12)  # 0.1 steps land on 0, not 1e-17
        if math.isfinite(f(target)):
            self._model.set_x0(target)

    def _step_h(self, step: float) -> None:
        h, gap = self._model.h, self._gap()
        new = round(h + step, 12)
        if abs(new) < gap or (new > 0) != (h > 0):
            # Towards P₀: stop a few pixels short of it; from there (or from closer, after
            # PageDown) the next step crosses to the other side. Away: back to the stop.
            towards = (step > 0) != (h > 0)
            crossing = towards and abs(h) <= gap * (1 + 1e-9)
            new = math.copysign(gap, -h if crossing else h)
        f = self._one_variable().functions.scalars["f"]
        if math.isfinite(f(self._model.x0 + new)):
            self._model.set_h(new)

    # -- animation ------------------------------------------------------------------------
    def animation(self) -> LimitAnimation:
        """The animation h → 0 the controls describe, starting from the current |h|."""
        low, high = self._model.x_range
        size = abs(self._model.h)
        start = size if 1e-2 <= size <= 0.5 * (high - low) else min(1.0, 0.25 * (high - low))
        return LimitAnimation(start=start, end=1e-6, side=self.side_box.currentData(),
                              loop=self.loop_check.isChecked())

    def _on_play(self) -> None:
        if self._one_variable() is None:
            return
        if self.player.running:
            self.player.pause()
        elif self.player.has_animation and self._animation_kind == "limit":
            self.player.resume()
        else:
            animation = self.animation()
            self._animation_kind = "limit"
            self.player.set_speed(self.speed_box.currentData())
            self.player.play(animation.frame, animation.duration)

    def _on_play_time(self) -> None:
        if self._one_variable() is None:
            return
        if self.player.running and self._animation_kind == "time":
            self.player.pause()
            return
        if self.player.has_animation and self._animation_kind == "time":
            self.player.resume()
            return
        low, high = self._visible_x()
        self._animation_kind = "time"
        self._time_span = (low, high)
        self.player.set_speed(self.speed_box.currentData())
        duration = math.inf if self.loop_check.isChecked() else TIME_SWEEP_SECONDS
        self.player.play(self._time_frame, duration)

    def _time_frame(self, t: float) -> float:
        low, high = self._time_span
        fraction = (t % TIME_SWEEP_SECONDS) / TIME_SWEEP_SECONDS if math.isfinite(t) else 1.0
        if t >= TIME_SWEEP_SECONDS and not self.loop_check.isChecked():
            fraction = 1.0
        return low + 0.02 * (high - low) + 0.96 * (high - low) * fraction

    def _on_frame(self, value: float) -> None:
        if self._animation_kind == "time":
            f = self._one_variable().functions.scalars["f"] if self._one_variable() else None
            if f is not None and math.isfinite(f(value)):
                self._model.set_x0(value)
        else:
            self._model.set_h(value)

    def _on_running_changed(self, running: bool) -> None:
        limit = running and self._animation_kind == "limit"
        timed = running and self._animation_kind == "time"
        self.play_button.setText(tr("❚❚ Pause") if limit else tr("▶ Play"))
        self.time_button.setText(tr("❚❚ Time") if timed else tr("▶ Time"))
        if not running:
            self._settle_timer.start()
            self._schedule_taylor(now=True)

    def _on_speed_chosen(self, _index: int) -> None:
        self.player.set_speed(self.speed_box.currentData())

    def _on_step_button(self) -> None:
        exponent = self.sender().property("exponent")
        self.player.stop()
        sign = 1.0 if self._model.h >= 0 else -1.0
        self._model.set_h(sign * 10.0 ** (-int(exponent)))

    # -- f′ / f″ plots and shading --------------------------------------------------------
    def _on_lower_plots_toggled(self, _checked=None) -> None:
        self.derivative_plot.setVisible(self.derivative_toggle.isChecked())
        self.second_plot.setVisible(self.second_toggle.isChecked())

    def _on_shading_chosen(self, index: int) -> None:
        self._shading = self.shade_box.itemData(index)
        self._update_shade_legend()
        self._resample()

    def _update_shade_legend(self) -> None:
        theme = self._theme
        if self._shading == "monotonic":
            pairs = ((theme.positive_fill, tr("rising")), (theme.negative_fill, tr("falling")))
        elif self._shading == "convexity":
            pairs = ((theme.accent, tr("convex ∪")), (theme.second_derivative, tr("concave ∩")))
        else:
            self.shade_legend.setText("")
            self.shade_legend.setVisible(False)  # no empty slot in the wrapped controls
            return
        self.shade_legend.setText("  ".join(
            f"<span style='color:{color}'>■</span> {text}" for color, text in pairs))
        self.shade_legend.setVisible(True)

    # -- marked points --------------------------------------------------------------------
    def _on_points_changed(self, critical) -> None:
        if self._stale.skip():
            return
        state = self._one_variable()
        theme = self._theme
        self._marked = marked_points(critical) if state is not None else []
        spots = []
        # Markers are neutral (the coloured circles are the handles); the symbol and the
        # label say the kind: ▼ at a minimum, ▲ at a maximum, ◆ at an inflection point.
        styles = {
            "minimum": ("t", theme.foreground),
            "maximum": ("t1", theme.foreground),
            "neither": ("o", theme.background),
            "inflection": ("d", theme.second_derivative),
        }
        size = 11 * theme.scale * (1.3 if theme.line_width > 1 else 1)
        for point in self._marked:
            symbol, color = styles.get(point.kind, ("o", theme.muted))
            spots.append({"pos": (point.x, point.value), "symbol": symbol, "size": size,
                          "brush": pg.mkBrush(color), "pen": pg.mkPen(theme.foreground, width=1),
                          "data": point.kind})
        if state is not None:
            f = state.functions.scalars["f"]
            for kink in state.functions.kinks:
                value = f(kink)
                if math.isfinite(value) and not any(abs(p.x - kink) < 1e-9 for p in self._marked):
                    spots.append({"pos": (kink, value), "symbol": "s", "size": size * 0.8,
                                  "brush": pg.mkBrush(theme.background),
                                  "pen": pg.mkPen(theme.tangent, width=1.5), "data": "kink"})
        self.markers.setData(spots)
        self._update_marker_labels()
        self._declutter_marker_labels(self._model.x0)

    def _update_marker_labels(self) -> None:
        words = {"minimum": tr("min"), "maximum": tr("max"), "neither": tr("flat, no extremum"),
                 "inflection": tr("inflection")}
        labelled = self._marked if len(self._marked) <= MAX_LABELLED else []
        while len(self.marker_labels) < len(labelled):
            item = self._text_item(anchor=(-0.25, 0.5))
            item.setColor(self._theme.foreground)
            font = QFont()
            font.setPointSizeF(self._theme.font_size(0.85))
            item.setFont(font)
            self.marker_labels.append(item)
        for index, item in enumerate(self.marker_labels):
            if index < len(labelled):
                point = labelled[index]
                item.setText(words.get(point.kind, point.kind))
                item.setPos(point.x, point.value)
                item.setAnchor((-0.25, 0.5))
                item.setVisible(True)
            else:
                item.setVisible(False)

    def _declutter_marker_labels(self, x0: float) -> None:
        """Hide a marker's label where P₀ (and its own label) sits on it."""
        near = 24 * self._pixel_size()
        labelled = self._marked if len(self._marked) <= MAX_LABELLED else []
        for item, point in zip(self.marker_labels, labelled, strict=False):
            item.setVisible(abs(point.x - x0) > near)

    # -- Taylor ---------------------------------------------------------------------------
    def _sync_taylor_order(self) -> None:
        order = self._model.taylor_order
        self.taylor_slider.blockSignals(True)
        self.taylor_slider.setValue(order)
        self.taylor_slider.blockSignals(False)
        self.taylor_order_label.setText(f"n = {order}")

    def _on_taylor_order_changed(self, _order: int) -> None:
        self._sync_taylor_order()
        self._schedule_taylor(now=True)

    def _on_taylor_toggled(self, checked: bool) -> None:
        if checked:
            self._schedule_taylor(now=True)
        else:
            set_curve(self.taylor_curve, [], [])
            self.taylor_region.set_bands([])
            self.taylor_label.setText("")

    def _schedule_taylor(self, now: bool = False) -> None:
        if not self.taylor_toggle.isChecked() or self._one_variable() is None:
            return
        if now:
            self._taylor_timer.stop()
            self._request_taylor()
        elif not self._taylor_timer.isActive():
            self._taylor_timer.start()

    def _wanted_taylor(self) -> dict | None:
        state = self._one_variable()
        if state is None or not self.taylor_toggle.isChecked():
            return None
        return {"text": state.text, "center": float(self._model.x0),
                "order": int(self._model.taylor_order)}

    def _request_taylor(self) -> None:
        wanted = self._wanted_taylor()
        if wanted is None:
            return
        result = self._taylor_result
        if result is not None and all(result["params"][k] == wanted[k] for k in wanted):
            return
        if self._taylor_request is not None:
            self._taylor_dirty = True  # one at a time; the newest is asked for next
            return
        self._taylor_dirty = False
        # supersede=False: never drop the model's own queued requests.
        self._taylor_request = self._model.service.submit(
            "taylor", timeout=TAYLOR_TIMEOUT_S, supersede=False, **wanted)
        self._taylor_watchdog.start()

    def _on_taylor_lost(self) -> None:
        """No answer in time: another client's superseding request dropped ours. Ask again."""
        if self._taylor_request is not None:
            self._taylor_request = None
            self._request_taylor()

    def _on_reply(self, reply) -> None:
        if reply.op != "taylor" or reply.request_id != self._taylor_request:
            return
        self._taylor_request = None
        self._taylor_watchdog.stop()
        state = self._one_variable()
        cancelled = reply.error is not None and reply.error.kind == "timeout" \
            and reply.error.message == "cancelled"
        if cancelled:  # stopped to make way for someone else's request: not an answer
            self._request_taylor()
            return
        if state is not None and reply.params.get("text") == state.text:
            if reply.error is not None:
                self._taylor_result = {"params": reply.params, "error": reply.error}
                self._taylor_function = None
            else:
                try:
                    function = compile_array(reply.result["array"], state.functions.variables)
                except (ValueError, KeyError, SyntaxError):
                    function = None
                self._taylor_result = {"params": reply.params, "result": reply.result}
                self._taylor_function = function
            self._draw_taylor()
        if self._taylor_dirty or self._wanted_taylor() != reply.params:
            self._request_taylor()

    def taylor_coefficients(self) -> list[float] | None:
        """The coefficients c₀…cₙ of the Taylor polynomial drawn now (None if none)."""
        result = self._taylor_result
        if result is None or "result" not in result:
            return None
        return list(result["result"]["coefficients"])

    def _draw_taylor(self, _value=None) -> None:
        result = self._taylor_result
        if not self.taylor_toggle.isChecked() or result is None:
            set_curve(self.taylor_curve, [], [])
            self.taylor_region.set_bands([])
            self.taylor_label.setText("")
            return
        params = result["params"]
        variable = self._one_variable().variable if self._one_variable() else "x"
        if "error" in result:
            set_curve(self.taylor_curve, [], [])
            self.taylor_region.set_bands([])
            self.taylor_label.setText("")
            self.taylor_formula.clear()
            self.taylor_status.setText(tr("No Taylor polynomial of order {n} at {v} = {c}: {m}")
                                       .format(n=params["order"], v=variable,
                                               c=number(params["center"]),
                                               m=error_message(result["error"])))
            return
        xs, ys = self._samples
        function = self._taylor_function
        if function is None or xs.size == 0:
            return
        values = function(xs)
        _, (y_low, y_high) = self.plot.getViewBox().viewRange()
        span = y_high - y_low
        shown = np.where(np.abs(values - 0.5 * (y_low + y_high)) < 20 * span, values, np.nan)
        set_curve(self.taylor_curve, xs, shown)
        tolerance = self.tolerance_box.value()
        close = np.isfinite(values) & np.isfinite(ys) & (np.abs(values - ys) < tolerance)
        intervals = intervals_where(xs, close)
        color = translucent(self._theme.second_derivative, 90)
        self.taylor_region.set_bands([(a, b, color) for a, b in intervals])
        order, center = params["order"], params["center"]
        latex = rf"T_{{{order}}}({variable}) = {result['result']['latex']}"
        theme = self._theme
        self.taylor_formula.set_formula(latex, latex, theme.second_derivative,
                                        theme.font_size(1.35))
        around = [iv for iv in intervals if iv[0] <= center <= iv[1]]
        if around:
            low, high = around[0]
            where = tr("|T{n} − f| < {tol} for {v} in [{a}, {b}] around {v}₀ = {c} (the shaded "
                       "strip at the bottom of the plot).").format(
                n=_subscript(order), tol=number(tolerance), v=variable, a=number(low, 4),
                b=number(high, 4), c=number(center))
        else:
            where = tr("|T{n} − f| < {tol} nowhere near {v}₀.").format(
                n=_subscript(order), tol=number(tolerance), v=variable)
        self.taylor_status.setText(where)
        self.taylor_label.setText(f"T{_subscript(order)}")
        # The label sits where Tₙ leaves the tolerance, on the right: where it starts to fail.
        edge = around[0][1] if around else center
        index = int(np.argmin(np.abs(xs - edge))) if xs.size else 0
        if np.isfinite(shown[index]):
            self.taylor_label.setPos(xs[index], shown[index])


def _subscript(number_: int) -> str:
    return str(number_).translate(str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉"))
