"""Descent lab: gradient descent step by step, several optimizers side by side.

One variable: the curve of f with a ball per run, the tangent at the selected run's
point, the step −lr·f′(x) as an arrow and the trail of past points. Two variables: the
paths on a contour map (or on the 3-D surface) with the descent direction −∇f at the
selected run's point. Under the main view: f against the step number, one line per
run. Beside it: the runs and their settings, the growing table of steps, and the
learning-rate map.

The panel holds plot items only. The runs, the start, the settings, the stepping timer
and the map live in ``model.descent`` (:class:`visualizer.descent_model.DescentModel`);
the panel calls its methods and redraws on its signals.

Keyboard (when the panel has focus, not while typing in a field): Space steps, Enter
runs or pauses, R resets.
"""

from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPointF,
    QRectF,
    Qt,
    QTimer,
)
from PySide6.QtGui import QColor, QFont, QIcon, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractSpinBox,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QFrame,
    QGraphicsItem,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QSizePolicy,
    QSlider,
    QSplitter,
    QStackedWidget,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from visualizer.core.errors import ExpressionError
from visualizer.core.lr_map import PARAMETER_AXES, relative_loss
from visualizer.core.optimizers import DEFAULTS, OPTIMIZERS, STATUSES
from visualizer.core.sampling import sample_curve, sample_grid
from visualizer.descent_model import MAX_LAB_STEPS, MAX_SPEED, MIN_SPEED, SCENARIOS
from visualizer.i18n import error_message
from visualizer.panels.plot_style import pen, style_plot
from visualizer.panels.redraw import (
    StaleWhileHidden,
    cache_axes,
    repaint_in_next_frame,
    set_axis_label,
)
from visualizer.panels.surface_view import arrow_segments, isolines
from visualizer.theme import LIGHT, Theme
from visualizer.widgets.flow_layout import FlowLayout, control_group
from visualizer.widgets.grid_lines import use_fast_grid
from visualizer.widgets.tab_folder import TabFolder

CURVE_SAMPLES = 2000
CONTOUR_SAMPLES = 150
CONTOUR_LEVELS = 14
#: Lighten the contour colours this much towards the background (lines must read on it).
PASTEL = 0.5
#: Draw at most this many points of a path (longer paths are thinned evenly).
MAX_DRAWN_POINTS = 20_000
#: Markers on the trail only while it is short (markers on thousands of points cost).
MAX_TRAIL_MARKERS = 150
#: The learning-rate slider spans 10^LR_SLIDER_LOW .. 10^LR_SLIDER_HIGH.
LR_SLIDER_LOW, LR_SLIDER_HIGH, LR_SLIDER_STEPS_PER_DECADE = -6, 1, 100
#: The descent direction −∇f in 2-D is drawn this long (fraction of the longer side).
GRADIENT_ARROW_LENGTH = 0.15
#: The tangent in 1-D is drawn over this fraction of the x range on each side.
TANGENT_HALF_WIDTH = 0.15
MAP_SIZE = (40, 40)
#: While running, the table of steps catches up this often.
TABLE_REFRESH_MS = 100
#: Stop coalescing a drag of the start longer than one frame.
DRAG_FRAME_MS = 16
#: The loss plot keeps this many lines of text in height: its axis must stay readable.
LOSS_MIN_LINES = 6
#: The runs and steps sit beside the plots only if the plots keep this many characters
#: of width; otherwise they go under the plots.
SIDE_BY_SIDE_PLOT_CHARS = 40
#: Under the plots, the tabs fold to their bar below this height (in lines of text).
COMPACT_LINES = 30


def tr(text: str) -> str:
    return QCoreApplication.translate("DescentPanel", text)


def _fmt(value: float) -> str:
    if value is None or not math.isfinite(value):
        return "—" if value is None else str(value)
    if value == 0:
        return "0"
    return f"{value:.6g}"


def _fmt_vector(values) -> str:
    if len(values) == 1:
        return _fmt(float(values[0]))
    return "(" + ", ".join(_fmt(float(v)) for v in values) + ")"


def short_reason(status: str, message: str) -> str:
    """A few words for a run's state, for the plot labels and the legend."""
    if status == "running":
        return tr("running")
    if status == "converged":
        return tr("converged")
    if status == "max_steps":
        return tr("step limit reached")
    if status == "error":
        return tr("cannot start")
    if status == "diverged":
        if "learning rate too large" in message:
            return tr("diverged: learning rate too large")
        if "no minimum" in message:
            return tr("diverged: f has no minimum")
        return tr("diverged")
    for words, text in (
        ("saddle", tr("stopped at a saddle point")),
        ("kink", tr("stopped: bouncing across a kink")),
        ("cycle", tr("stopped: stuck in a cycle")),
        ("domain", tr("stopped: left the domain of f")),
        ("maximum", tr("stopped at a maximum")),
        ("not differentiable", tr("stopped: f is not differentiable there")),
        ("stopped moving", tr("stopped moving")),
        ("not a minimum", tr("stopped at a stationary point that is not a minimum")),
    ):
        if words in message:
            return text
    return tr("stopped")


def run_palette(theme: Theme) -> list[str]:
    """Distinct colours for the runs, from the theme (the curve keeps its own colour)."""
    return [theme.tangent, theme.secant, theme.second_derivative, theme.derivative,
            theme.accent, theme.muted]


def thinned(count: int) -> np.ndarray | slice:
    """Indices that keep at most :data:`MAX_DRAWN_POINTS` of ``count``, the last included."""
    if count <= MAX_DRAWN_POINTS:
        return slice(0, count)
    index = np.linspace(0, count - 1, MAX_DRAWN_POINTS).astype(np.int64)
    index[-1] = count - 1
    return index


def _blend(colour: str, background: str, amount: float) -> tuple[int, int, int]:
    a, b = QColor(colour), QColor(background)
    return tuple(int(round(getattr(a, c)() * (1 - amount) + getattr(b, c)() * amount))
                 for c in ("red", "green", "blue"))


# -- the table of steps ---------------------------------------------------------------


class StepTableModel(QAbstractTableModel):
    """k, point, f, gradient and the step taken, for one run; rows are appended as it runs.

    When the run has finished, one more row holds its stop message (the view spans it
    over every column).
    """

    def __init__(self, parent=None):
        super().__init__(parent)
        self._run = None
        self._variables = ("x",)
        self._rows = 0
        self._status_row = False
        self.error_colour = QColor("#c62828")

    def headers(self) -> list[str]:
        if len(self._variables) == 1:
            v = self._variables[0]
            return ["k", v, f"f({v})", f"f′({v})", tr("step Δ{0}").format(v)]
        return ["k", "(x, y)", "f(x, y)", "∇f", tr("step (Δx, Δy)")]

    def rowCount(self, parent=None) -> int:  # noqa: N802 - Qt's name
        if parent is not None and parent.isValid():
            return 0
        return self._rows + int(self._status_row)

    def columnCount(self, parent=None) -> int:  # noqa: N802 - Qt's name
        return 0 if parent is not None and parent.isValid() else 5

    @property
    def has_status_row(self) -> bool:
        return self._status_row

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers()[section]
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or self._run is None:
            return None
        row, column = index.row(), index.column()
        run = self._run
        if row >= self._rows:
            if role == Qt.ItemDataRole.DisplayRole and column == 0:
                return f"■ {short_reason(run.status, run.english_message)}: {run.message}"
            if role == Qt.ItemDataRole.ToolTipRole:
                return run.message
            if role == Qt.ItemDataRole.ForegroundRole and run.status in ("diverged", "stopped"):
                return self.error_colour
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if column == 0:
            return str(row)
        if column == 1:
            return _fmt_vector(run.points[row])
        if column == 2:
            return _fmt(float(run.values[row]))
        if column == 3:
            return _fmt_vector(run.gradients[row])
        if row + 1 < self._rows:
            return _fmt_vector(run.points[row + 1] - run.points[row])
        return ""

    def set_run(self, run, variables) -> None:
        """Show ``run`` (rebuilds the table once)."""
        self.beginResetModel()
        self._run = run
        self._variables = tuple(variables)
        self._rows = run.count if run is not None else 0
        self._status_row = run is not None and run.finished and run.count > 0
        self.endResetModel()

    def sync(self) -> bool:
        """Append the rows the run gained since the last call; True if it changed."""
        run = self._run
        if run is None:
            return False
        rows, status_row = run.count, run.finished and run.count > 0
        if rows < self._rows or (self._status_row and rows != self._rows):
            self.set_run(run, self._variables)
            return True
        if rows == self._rows and status_row == self._status_row:
            return False
        if rows > self._rows:
            old = self._rows
            self.beginInsertRows(QModelIndex(), old, rows - 1)
            self._rows = rows
            self.endInsertRows()
            if old > 0:  # the step out of the previous last row is known now
                changed = self.index(old - 1, 4)
                self.dataChanged.emit(changed, changed)
        if status_row and not self._status_row:
            self.beginInsertRows(QModelIndex(), self._rows, self._rows)
            self._status_row = True
            self.endInsertRows()
        return True


# -- a labelled field that shows its own error ------------------------------------------


class _Field(QWidget):
    """A line edit with an error line under it (shown only when a value was refused)."""

    def __init__(self, name: str, tip: str, accessible: str, parent=None):
        super().__init__(parent)
        self.edit = QLineEdit(self)
        self.edit.setObjectName(name)
        self.edit.setToolTip(tip)
        self.edit.setAccessibleName(accessible)
        self.error = QLabel(self)
        self.error.setObjectName(name + "Error")
        self.error.setWordWrap(True)
        self.error.setVisible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(1)
        layout.addWidget(self.edit)
        layout.addWidget(self.error)

    def show_error(self, message: str, theme: Theme) -> None:
        self.error.setText("✗ " + message)
        self.error.setStyleSheet(f"color: {theme.error};")
        self.edit.setStyleSheet(f"QLineEdit {{ border: 2px solid {theme.error}; }}")
        self.error.setVisible(True)

    def clear_error(self) -> None:
        if self.error.isVisible():
            self.error.setVisible(False)
            self.edit.setStyleSheet("")

    def set_text(self, text: str) -> None:
        if self.edit.text() != text:
            self.edit.setText(text)
        self.clear_error()


def _parse_number(text: str) -> float:
    """A number typed by the user (``1e-3``, ``0.5``, ``,`` as decimal point)."""
    cleaned = text.strip().replace(",", ".").replace("−", "-")
    try:
        return float(cleaned)
    except ValueError:
        raise ExpressionError("argument", tr("“{0}” is not a number").format(text)) from None


# -- the panel ------------------------------------------------------------------------


class DescentPanel(QWidget):
    """Gradient descent step by step: runs, their paths, the loss, the steps and the map."""

    def __init__(self, model, parent=None):
        super().__init__(parent)
        self.setObjectName("descentPanel")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAccessibleName(tr("Descent lab"))
        self._model = model
        self.lab = model.descent
        self._theme: Theme = LIGHT
        # The active plot's items per run (path items of that plot + the loss line).
        self._run_items: list[dict] = []
        self._path_items: dict[str, list[dict]] = {"curve": [], "contour": []}
        self._loss_items: list = []
        self._runs_signature = None
        self._contour_lut_theme = None
        # Behind another tab the lab skips its plots and catches up once when shown.
        self._stale = StaleWhileHidden(self, self._redraw_everything)
        self._contour_grid = None
        self._surface_view = None
        self._pending_start = None
        self._updating_controls = False

        self._build_toolbar()
        self._build_views()
        self._build_side()
        # The runs, steps and map sit beside the plots when the lab is wide enough, under
        # them when it is narrow (a 1024-pixel projector with the function editor or the
        # lesson beside it); under them they fold to their tab bar when the lab is short.
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("descentSplitter")
        self.splitter.addWidget(self.view_column)
        self.splitter.addWidget(self.tabs)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setChildrenCollapsible(False)
        self.folder = TabFolder(self.tabs, self.splitter, "descentTabsToggle", tr(
            "Show or hide the runs, the table of steps and the learning-rate map "
            "(or click a tab)"))
        self.folder.set_enabled(False)  # beside the plots to begin with
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.setSpacing(3)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.splitter, 1)

        self._drag_timer = QTimer(self)
        self._drag_timer.setSingleShot(True)
        self._drag_timer.setInterval(DRAG_FRAME_MS)
        self._drag_timer.timeout.connect(self._deliver_start)
        self._table_timer = QTimer(self)
        self._table_timer.setSingleShot(True)
        self._table_timer.setInterval(TABLE_REFRESH_MS)
        self._table_timer.timeout.connect(self._sync_table)

        lab = self.lab
        lab.runs_changed.connect(self._on_runs_changed)
        lab.run_stepped.connect(self._on_run_stepped)
        lab.start_changed.connect(self._on_start_changed)
        lab.settings_changed.connect(self._on_settings_changed)
        lab.selected_changed.connect(self._on_selected_changed)
        lab.playing_changed.connect(self._on_playing_changed)
        lab.speed_changed.connect(self._on_speed_changed)
        lab.map_changed.connect(self._on_map_changed)
        lab.map_progress.connect(self._on_map_progress)
        lab.map_running_changed.connect(self._on_map_running_changed)
        lab.scenario_changed.connect(self._on_scenario_changed)
        model.expression_changed.connect(self._on_expression_changed)
        model.x_range_changed.connect(self._on_range_changed)
        model.y_range_changed.connect(self._on_range_changed)

        self.apply_theme(self._theme)
        self._on_speed_changed(lab.speed)
        if model.function is not None:
            self._on_expression_changed(model.function)
        self._on_runs_changed()

    # ------------------------------------------------------------------ building
    def _button(self, text: str, name: str, tip: str, slot) -> QPushButton:
        button = QPushButton(text, self)
        button.setObjectName(name)
        button.setToolTip(tip)
        button.setAccessibleName(text.replace("&", ""))
        button.clicked.connect(slot)
        return button

    def _build_toolbar(self) -> None:
        # The toolbar wraps onto a second row when the lab is narrow.
        self.toolbar = QWidget(self)
        self.toolbar.setObjectName("descentToolbar")
        self.scenario_combo = QComboBox(self)
        self.scenario_combo.setObjectName("descentScenario")
        self.scenario_combo.setToolTip(tr("Load a ready-made experiment: function, start, runs"))
        self.scenario_combo.setAccessibleName(tr("Scenario"))
        self.scenario_combo.addItem(tr("Scenario…"), "")
        for scenario in SCENARIOS:
            self.scenario_combo.addItem(QCoreApplication.translate("scenarios", scenario.name),
                                        scenario.key)
        self.scenario_combo.activated.connect(self._on_scenario_chosen)
        # The longest scenario name must not set the panel's minimum width.
        self.scenario_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.scenario_combo.setMinimumContentsLength(14)
        self.step_button = self._button(tr("Step"), "descentStep",
                                        tr("Take one step with every run (Space)"), self.lab.step)
        self.run_button = self._button(tr("Run"), "descentRun",
                                       tr("Run or pause every run (Enter)"), self.lab.toggle_play)
        self.reset_button = self._button(tr("Reset"), "descentReset",
                                         tr("Every run back to the start (R)"), self.lab.reset)
        self.speed_slider = QSlider(Qt.Orientation.Horizontal, self)
        self.speed_slider.setObjectName("descentSpeed")
        self.speed_slider.setRange(0, int(100 * math.log10(MAX_SPEED / MIN_SPEED)))
        self.speed_slider.setToolTip(tr("Run speed, in steps per second (logarithmic)"))
        self.speed_slider.setAccessibleName(tr("Run speed"))
        self.speed_slider.setMinimumWidth(60)
        self.speed_slider.valueChanged.connect(self._on_speed_slider)
        self.speed_label = QLabel(self)
        self.speed_label.setObjectName("descentSpeedLabel")
        self.speed_label.setMinimumWidth(self.speed_label.fontMetrics().horizontalAdvance(
            "100000 steps/s"))
        self.step_label = QLabel(self)
        self.step_label.setObjectName("descentStepCount")
        self.step_label.setToolTip(tr("The current step number k"))
        self.step_label.setMinimumWidth(self.step_label.fontMetrics().horizontalAdvance(
            "k = 200000"))
        for button in (self.step_button, self.run_button, self.reset_button):
            # As narrow as their words: the lab must fit a narrow dock.
            width = max(button.fontMetrics().horizontalAdvance(text) for text in (
                button.text(), tr("Pause")))
            button.setMinimumWidth(width + 24)
        flow = self._toolbar_flow = FlowLayout(self.toolbar, spacing=4)
        flow.addWidget(self.scenario_combo)
        flow.addWidget(control_group(self.toolbar, self.step_button, self.run_button,
                                     self.reset_button, self.step_label, spacing=4))
        # The speed sits under the loss plot, beside the log-scale switch.
        self.speed_row = QHBoxLayout()
        self.speed_row.setSpacing(4)
        speed_caption = QLabel(tr("Speed"), self)
        speed_caption.setBuddy(self.speed_slider)
        self.speed_row.addWidget(speed_caption)
        self.speed_row.addWidget(self.speed_slider, 1)
        self.speed_row.addWidget(self.speed_label)

    def _build_views(self) -> None:
        self.view_column = QWidget(self)
        column = QVBoxLayout(self.view_column)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)

        # 1-D: the curve.
        self.curve_plot = pg.PlotWidget()
        self.curve_plot.setObjectName("descentCurvePlot")
        self.curve_plot.setAccessibleName(tr("Curve of f with the descent runs"))
        self.curve_plot.setMenuEnabled(False)
        # A bare curve item (a PlotDataItem's cache would not cover its child curve),
        # kept as a pixmap: it changes only with the function or the view.
        self.curve_item = pg.PlotCurveItem(connect="finite")
        self.curve_item.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        self.curve_plot.addItem(self.curve_item)
        self.tangent_item = self.curve_plot.plot([], [])
        self.step_arrow_item = self.curve_plot.plot([], [])
        self.step_arrow_head = pg.ArrowItem(angle=180, headLen=14, tipAngle=35, pen=None)
        self.curve_plot.addItem(self.step_arrow_head)
        self.step_arrow_label = pg.TextItem(anchor=(0.5, 1.2))
        self.curve_plot.addItem(self.step_arrow_label)

        # 2-D: the contour map.
        self.contour_plot = pg.PlotWidget()
        self.contour_plot.setObjectName("descentContourPlot")
        self.contour_plot.setAccessibleName(tr("Contour map of f with the descent paths"))
        self.contour_plot.setMenuEnabled(False)
        self.contour_plot.setAspectLocked(True)
        self.contour_image = pg.ImageItem(axisOrder="col-major")
        self.contour_lines = pg.PlotCurveItem(connect="pairs")
        self.contour_plot.addItem(self.contour_image)
        self.contour_plot.addItem(self.contour_lines)
        # The map and its level curves change only with the function or the view: keep
        # them as pixmaps so that a moving path does not redraw thousands of segments.
        for item in (self.contour_image, self.contour_lines):
            item.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        self.gradient_arrow_item = pg.PlotDataItem(connect="pairs")
        self.contour_plot.addItem(self.gradient_arrow_item)
        self.gradient_label = pg.TextItem(anchor=(0, 1))
        self.contour_plot.addItem(self.gradient_label)

        for plot in (self.curve_plot, self.contour_plot):
            cache_axes(plot)
            use_fast_grid(plot)  # the curve's grid: drawn again at every new function
            plot.scene().sigMouseClicked.connect(self._on_plot_clicked)
        self.start_targets = {}
        for key, plot in (("curve", self.curve_plot), ("contour", self.contour_plot)):
            target = pg.TargetItem(pos=(0, 0), size=16, symbol="o", movable=True)
            target.setZValue(30)
            target.setToolTip(tr("The start: drag it, or double-click the plot"))
            target.sigPositionChanged.connect(self._on_target_dragged)
            plot.addItem(target)
            self.start_targets[key] = target

        # One legend per plot, placed once: moving one legend between the plots at every
        # change of dimension re-laid it out. The curve's at the top centre: a curve or a
        # bowl is high at the sides, low in the middle. The map's in the top-left corner:
        # the map keeps its aspect, so in a wide lab it is centred with room on its sides,
        # and the paths, which run to a minimum inside the map, stay clear.
        self._legends = {}
        self._legend_signatures = {"curve": None, "contour": None}
        corners = {"curve": ((0.5, 0), (0.5, 0), (0, 6)), "contour": ((0, 0), (0, 0), (6, 6))}
        for key, plot in (("curve", self.curve_plot), ("contour", self.contour_plot)):
            legend = pg.LegendItem(offset=(-10, 10), labelTextSize="9pt")
            legend.setParentItem(plot.getPlotItem().vb)
            item_corner, parent_corner, offset = corners[key]
            legend.anchor(item_corner, parent_corner, offset=offset)
            self._legends[key] = legend

        self.stack = QStackedWidget(self)
        self.stack.setObjectName("descentViews")
        self.stack.addWidget(self.curve_plot)
        self.stack.addWidget(self.contour_plot)
        self.surface_placeholder = QWidget()
        self.stack.addWidget(self.surface_placeholder)

        # In the toolbar, not over the plots: it shows only for two variables, and a row
        # coming and going above the plots resized them (and redrew their axes) at every
        # switch between one and two variables.
        self.view_choice = QWidget(self.toolbar)
        choice_row = QHBoxLayout(self.view_choice)
        choice_row.setContentsMargins(0, 0, 0, 0)
        self.contour_choice = QRadioButton(tr("Contour map"), self.view_choice)
        self.contour_choice.setObjectName("descentShowContour")
        self.contour_choice.setToolTip(tr("Show the paths on the contour map of f"))
        self.surface_choice = QRadioButton(tr("Surface"), self.view_choice)
        self.surface_choice.setObjectName("descentShowSurface")
        self.surface_choice.setToolTip(tr("Show the paths on the 3-D surface of f"))
        self.contour_choice.setChecked(True)
        self._view_group = QButtonGroup(self)
        self._view_group.addButton(self.contour_choice)
        self._view_group.addButton(self.surface_choice)
        self.surface_choice.toggled.connect(self._on_view_choice)
        choice_row.addWidget(self.contour_choice)
        choice_row.addWidget(self.surface_choice)
        self._toolbar_flow.addWidget(self.view_choice)

        self.status_label = QLabel(self)
        self.status_label.setObjectName("descentStatus")
        self.status_label.setWordWrap(True)
        self.status_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.status_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.note_label = QLabel(self)
        self.note_label.setObjectName("descentNote")
        self.note_label.setWordWrap(True)
        self.note_label.setVisible(False)
        self.note_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Minimum)

        # The loss against the step number.
        self.loss_plot = pg.PlotWidget()
        self.loss_plot.setObjectName("descentLossPlot")
        self.loss_plot.setAccessibleName(tr("f against the step number, one line per run"))
        self.loss_plot.setMenuEnabled(False)
        self.loss_plot.setLabel("bottom", tr("step k"))
        self.loss_plot.setMinimumHeight(60)
        cache_axes(self.loss_plot)
        self.log_check = QCheckBox(tr("log scale"), self)
        self.log_check.setObjectName("descentLogScale")
        self.log_check.setToolTip(tr("Show f on a logarithmic scale (as f − lowest f seen when "
                                     "f is not always positive)"))
        self.log_check.toggled.connect(self._redraw_all_losses)
        loss_box = QWidget(self)
        loss_layout = QVBoxLayout(loss_box)
        loss_layout.setContentsMargins(0, 0, 0, 0)
        loss_layout.setSpacing(0)
        loss_layout.addWidget(self.loss_plot, 1)
        bottom_row = QHBoxLayout()
        bottom_row.addWidget(self.log_check)
        bottom_row.addSpacing(12)
        bottom_row.addLayout(self.speed_row, 1)
        loss_layout.addLayout(bottom_row)

        views = QSplitter(Qt.Orientation.Vertical, self)
        views.setObjectName("descentViewsSplitter")
        views.addWidget(self.stack)
        views.addWidget(loss_box)
        views.setStretchFactor(0, 3)
        views.setStretchFactor(1, 1)
        views.setChildrenCollapsible(False)
        views.setSizes([300, 100])
        column.addWidget(views, 1)
        column.addWidget(self.status_label)

    def _build_side(self) -> None:
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("descentTabs")
        self.runs_scroller = runs_scroller = QScrollArea(self)
        runs_scroller.setObjectName("descentRunsScroller")
        runs_scroller.setWidgetResizable(True)
        runs_scroller.setFrameShape(QFrame.Shape.NoFrame)
        runs_scroller.setWidget(self._build_runs_page())
        self.tabs.addTab(runs_scroller, tr("Runs"))
        self.tabs.addTab(self._build_table_page(), tr("Steps"))
        self.tabs.currentChanged.connect(self._on_tab_changed)
        self.tabs.addTab(self._build_map_page(), tr("LR map"))

    def _build_runs_page(self) -> QWidget:
        page = QWidget(self)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.setSpacing(4)
        self.run_list = QListWidget(page)
        self.run_list.setObjectName("descentRuns")
        self.run_list.setToolTip(tr("The runs, in their colours; pick one to edit it and see "
                                    "its steps"))
        self.run_list.setAccessibleName(tr("Runs"))
        self.run_list.setMaximumHeight(110)
        self.run_list.currentRowChanged.connect(self._on_run_picked)
        buttons = QHBoxLayout()
        self.add_run_button = self._button(tr("Add run"), "descentAddRun",
                                           tr("Add a run from the same start (a copy of the "
                                              "selected one: then change its settings)"),
                                           self._on_add_run)
        self.remove_run_button = self._button(tr("Remove run"), "descentRemoveRun",
                                              tr("Remove the selected run"), self._on_remove_run)
        buttons.addWidget(self.add_run_button)
        buttons.addWidget(self.remove_run_button)
        buttons.addStretch(1)
        # What the chosen scenario is about (hidden when none is chosen).
        layout.addWidget(self.note_label)
        layout.addWidget(self.run_list)
        layout.addLayout(buttons)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.optimizer_combo = QComboBox(page)
        self.optimizer_combo.setObjectName("descentOptimizer")
        self.optimizer_combo.setToolTip(tr("The update rule (as in torch.optim; newton: "
                                           "x ← x − lr·f′/f″, damped)"))
        self.optimizer_combo.setAccessibleName(tr("Optimizer"))
        for name in OPTIMIZERS:
            self.optimizer_combo.addItem(name, name)
        self.optimizer_combo.activated.connect(self._on_optimizer_chosen)
        form.addRow(tr("Optimizer"), self.optimizer_combo)

        self.lr_slider = QSlider(Qt.Orientation.Horizontal, page)
        self.lr_slider.setObjectName("descentLrSlider")
        self.lr_slider.setRange(LR_SLIDER_LOW * LR_SLIDER_STEPS_PER_DECADE,
                                LR_SLIDER_HIGH * LR_SLIDER_STEPS_PER_DECADE)
        self.lr_slider.setToolTip(tr("Learning rate, on a logarithmic scale (10⁻⁶ to 10)"))
        self.lr_slider.setAccessibleName(tr("Learning rate slider"))
        self.lr_slider.valueChanged.connect(self._on_lr_slider)
        self.lr_field = _Field("descentLr", tr("Learning rate lr > 0 (e.g. 0.1 or 1e-3); "
                                               "Enter applies"), tr("Learning rate"), page)
        self.lr_field.edit.editingFinished.connect(self._on_lr_typed)
        lr_box = QWidget(page)
        lr_layout = QVBoxLayout(lr_box)
        lr_layout.setContentsMargins(0, 0, 0, 0)
        lr_layout.setSpacing(1)
        lr_layout.addWidget(self.lr_slider)
        lr_layout.addWidget(self.lr_field)
        form.addRow(tr("Learning rate"), lr_box)

        self.hyper_fields: dict[str, _Field] = {}
        self.hyper_labels: dict[str, QLabel] = {}
        for key, label, tip in (
            ("momentum", tr("Momentum μ"), tr("Momentum μ in [0, 1): how much of the last step "
                                              "is kept")),
            ("beta1", tr("β₁"), tr("Adam's β₁ in [0, 1): decay of the mean of the gradients")),
            ("beta2", tr("β₂"), tr("Adam's β₂ in [0, 1): decay of the mean of the squared "
                                   "gradients")),
            ("eps", tr("ε"), tr("ε > 0, added to the denominator (adagrad, rmsprop, adam)")),
            ("steps", tr("Steps"), tr("Most steps of each run (1 to {0})").format(
                f"{MAX_LAB_STEPS:,}")),
            ("tol", tr("Tolerance"), tr("Stop when the gradient norm falls to this (0: never "
                                        "stop early)")),
        ):
            name = "descent" + key[0].upper() + key[1:]
            field = _Field(name, tip, label, page)
            field.edit.editingFinished.connect(self._on_hyper_typed)
            caption = QLabel(label, page)
            caption.setBuddy(field.edit)
            self.hyper_fields[key] = field
            self.hyper_labels[key] = caption
            form.addRow(caption, field)

        self.start_fields: dict[str, _Field] = {}
        self.start_labels: dict[str, QLabel] = {}
        for index, axis in enumerate(("x", "y")):
            field = _Field(f"descentStart{axis.upper()}",
                           tr("Start {0}; Enter applies (or drag the start on the plot)").format(
                               axis), tr("Start {0}").format(axis), page)
            field.edit.setProperty("axis", index)
            field.edit.editingFinished.connect(self._on_start_typed)
            caption = QLabel(tr("Start {0}").format(axis), page)
            caption.setBuddy(field.edit)
            self.start_fields[axis] = field
            self.start_labels[axis] = caption
            form.addRow(caption, field)
        layout.addLayout(form)
        layout.addStretch(1)
        return page

    def _build_table_page(self) -> QWidget:
        page = QWidget(self)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(2, 2, 2, 2)
        self.table_caption = QLabel(page)
        self.table_caption.setObjectName("descentTableCaption")
        self.table_model = StepTableModel(self)
        self.table = QTableView(page)
        self.table.setObjectName("descentTable")
        self.table.setAccessibleName(tr("Table of steps"))
        self.table.setToolTip(tr("Every step of the selected run: k, the point, f, the "
                                 "gradient, and the step taken from it"))
        self.table.setModel(self.table_model)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setWordWrap(True)  # only the stop message is long enough to wrap
        layout.addWidget(self.table_caption)
        layout.addWidget(self.table, 1)
        return page

    def _build_map_page(self) -> QWidget:
        page = QWidget(self)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.setSpacing(3)
        row = QHBoxLayout()
        self.map_button = self._button(tr("Compute map"), "descentMapCompute",
                                       tr("Run a grid of learning rates × momentum (β₁ for "
                                          "adam) from the start; click a cell to replay it"),
                                       self._on_map_button)
        self.map_progress_bar = QProgressBar(page)
        self.map_progress_bar.setObjectName("descentMapProgress")
        self.map_progress_bar.setToolTip(tr("Runs of the map done"))
        self.map_progress_bar.setAccessibleName(tr("Map progress"))
        self.map_progress_bar.setRange(0, 1)
        self.map_progress_bar.setValue(0)
        row.addWidget(self.map_button)
        row.addWidget(self.map_progress_bar, 1)
        layout.addLayout(row)
        self.map_plot = pg.PlotWidget()
        self.map_plot.setObjectName("descentMapPlot")
        self.map_plot.setAccessibleName(tr("Learning-rate map"))
        self.map_plot.setMenuEnabled(False)
        self.map_plot.setMouseEnabled(x=False, y=False)
        self.map_plot.setLogMode(x=True, y=False)
        self.map_plot.setLabel("bottom", tr("learning rate"))
        self.map_plot.getAxis("bottom").enableAutoSIPrefix(False)
        self.map_image = pg.ImageItem(axisOrder="row-major")
        self.map_plot.addItem(self.map_image)
        self.map_marker = pg.ScatterPlotItem(size=14, symbol="+")
        self.map_plot.addItem(self.map_marker)
        self.map_plot.scene().sigMouseClicked.connect(self._on_map_clicked)
        self.map_plot.scene().sigMouseMoved.connect(self._on_map_hover)
        layout.addWidget(self.map_plot, 1)
        self.map_info = QLabel(page)
        self.map_info.setObjectName("descentMapInfo")
        self.map_info.setWordWrap(True)
        self.map_info.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.map_info.setText(tr("For the selected run's optimizer, from the current start: "
                                 "each cell is a full run. Dark = lowest final f, bright = "
                                 "higher; red = diverged; grey = stopped (cycle, saddle, "
                                 "domain)."))
        layout.addWidget(self.map_info)
        return page

    # ------------------------------------------------------------------ theme
    def apply_theme(self, theme: Theme) -> None:
        """Restyle for ``theme``."""
        self._theme = theme
        for plot in (self.curve_plot, self.contour_plot, self.loss_plot, self.map_plot):
            style_plot(plot, theme)
        self.contour_plot.getPlotItem().showGrid(x=False, y=False)
        self.map_plot.getPlotItem().showGrid(x=False, y=False)
        # A grid is drawn by the axes over the whole plot, so every moving item made the
        # loss plot's axes replay all their ticks and labels at every frame (10 ms each
        # under software rendering): that small plot goes without.
        self.loss_plot.getPlotItem().showGrid(x=False, y=False)
        self.curve_item.setPen(pen(theme, theme.curve, 1.5))
        self.tangent_item.setPen(pen(theme, theme.foreground, 1.0, Qt.PenStyle.DashLine))
        self.contour_lines.setPen(pg.mkPen(_blend(theme.foreground, theme.background, 0.55),
                                           width=1))
        for target in self.start_targets.values():
            target.setPen(pg.mkPen(theme.foreground, width=theme.pen_width(1.5)))
            target.setBrush(pg.mkBrush(theme.background + "00"))
            target.setHoverPen(pg.mkPen(theme.accent, width=theme.pen_width(2)))
            target.setHoverBrush(pg.mkBrush(theme.background + "00"))
        font = QFont()
        font.setPointSizeF(theme.font_size(0.95))
        self.step_arrow_label.setFont(font)
        self.gradient_label.setFont(font)
        for legend in self._legends.values():
            legend.setLabelTextSize(f"{theme.font_size(0.9):.0f}pt")
            legend.setBrush(pg.mkBrush(*_blend(theme.background, theme.background, 0), 220))
            legend.setPen(pg.mkPen(theme.muted))
            legend.setLabelTextColor(theme.foreground)
        self.note_label.setStyleSheet(f"color: {theme.muted};")
        self.map_marker.setPen(pg.mkPen(theme.foreground, width=theme.pen_width(2)))
        self.map_info.setStyleSheet(f"color: {theme.muted};")
        self.table_model.error_colour = QColor(theme.error)
        self.table_caption.setStyleSheet(f"color: {theme.muted};")
        big = QFont()
        big.setPointSizeF(theme.font_size(1.0))
        for widget in (self.status_label, self.table):
            widget.setFont(big)
        self.table.verticalHeader().setDefaultSectionSize(int(theme.font_size(1.0) * 2.2))
        self.loss_plot.setMinimumHeight(LOSS_MIN_LINES * self.fontMetrics().height())
        self._arrange()
        if self._surface_view is not None:
            self._surface_view.set_theme(theme)
        if self._model.function is not None:
            self._redraw_function()
        self._rebuild_runs()
        self._on_map_changed(self.lab.map_result)

    # ------------------------------------------------------------------ layout
    def _side_by_side_width(self) -> int:
        """The narrowest lab that keeps the runs and steps beside the plots."""
        plots = max(self.view_column.minimumSizeHint().width(),
                    SIDE_BY_SIDE_PLOT_CHARS * self.fontMetrics().averageCharWidth())
        return plots + self.tabs.minimumSizeHint().width() + self.splitter.handleWidth() + 4

    def _arrange(self) -> None:
        """Tabs beside the plots or under them (folded when short), for the lab's size."""
        beside = self.width() >= self._side_by_side_width()
        wanted = Qt.Orientation.Horizontal if beside else Qt.Orientation.Vertical
        if self.splitter.orientation() != wanted:
            self.splitter.setOrientation(wanted)
            if beside:
                self.tabs.setMinimumHeight(0)
                self.tabs.setMaximumHeight((1 << 24) - 1)
            else:
                total = max(2, self.splitter.height())
                self.folder.set_open_sizes([int(total * 0.65), total - int(total * 0.65)])
            self.folder.set_enabled(not beside)
        if beside:
            self._widen_side()
        self.folder.set_compact(self.height() < COMPACT_LINES * self.fontMetrics().height())

    def _widen_side(self) -> None:
        """Beside the plots, the runs' settings get the width they ask for (no scroll bar)."""
        sizes = self.splitter.sizes()
        total = sum(sizes)
        # The runs page in its scroll area (which may scroll down), in the tabs' frame.
        scroller = self.runs_scroller
        wanted = (scroller.widget().sizeHint().width()
                  + scroller.verticalScrollBar().sizeHint().width()
                  + self.tabs.width() - scroller.width())
        plots = max(self.view_column.minimumSizeHint().width(),
                    SIDE_BY_SIDE_PLOT_CHARS * self.fontMetrics().averageCharWidth())
        side = min(wanted, total - plots)
        if total > 0 and sizes[1] < side:
            self.splitter.setSizes([total - side, side])

    def minimumSizeHint(self):  # noqa: N802 - Qt's name
        # As narrow as the tabs under the plots allow, even while they are beside them:
        # a narrow dock puts them under (see _arrange), never widens the window.
        hint = super().minimumSizeHint()
        narrow = max(self.view_column.minimumSizeHint().width(),
                     self.tabs.minimumSizeHint().width(),
                     self.toolbar.minimumSizeHint().width()) + 4
        return hint.__class__(min(hint.width(), narrow), hint.height())

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        self._arrange()

    # ------------------------------------------------------------------ keyboard
    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt's name
        # The panel's own focus child (QApplication.focusWidget() is None while the
        # window is inactive). Fields keep Enter and Space: QLineEdit passes Enter on.
        focus = self.focusWidget()
        typing = isinstance(focus, (QLineEdit, QAbstractSpinBox, QComboBox))
        key = event.key()
        plain = event.modifiers() in (Qt.KeyboardModifier.NoModifier,
                                      Qt.KeyboardModifier.KeypadModifier)
        if not typing and plain:
            if key == Qt.Key.Key_Space:
                self.lab.step()
                event.accept()
                return
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.lab.toggle_play()
                event.accept()
                return
            if key == Qt.Key.Key_R:
                self.lab.reset()
                event.accept()
                return
        super().keyPressEvent(event)

    # ------------------------------------------------------------------ function
    @property
    def _is_2d(self) -> bool:
        return self.lab.dimension == 2

    def _on_expression_changed(self, state) -> None:
        if self.view_choice.isVisibleTo(self) != state.is_2d:
            self.view_choice.setVisible(state.is_2d)
        self._show_view()
        if not self._stale.skip():
            self._redraw_function()
            repaint_in_next_frame(self.curve_plot, self.contour_plot, self.loss_plot)
        self._refresh_start_fields()

    def _on_range_changed(self, _value=None) -> None:
        if self._model.function is not None and not self._stale.skip():
            self._redraw_function()
            self._redraw_all_runs()

    def catch_up(self) -> None:
        """Draw what changed while the lab was out of sight (call when it comes into sight)."""
        self._stale.catch_up()

    def _redraw_everything(self) -> None:
        self._show_view()
        self._redraw_function()
        self._rebuild_runs()
        self._refresh_start_fields()

    def _show_view(self) -> None:
        state = self._model.function
        if state is None or not state.is_2d:
            self.stack.setCurrentWidget(self.curve_plot)
        elif self.surface_choice.isChecked():
            self._ensure_surface()
            self.stack.setCurrentWidget(self._surface_view)
        else:
            self.stack.setCurrentWidget(self.contour_plot)

    @property
    def legend(self) -> pg.LegendItem:
        """The legend of the plot shown (curve or contour map)."""
        return self._legends["contour" if self._is_2d else "curve"]

    def _on_view_choice(self, _checked=None) -> None:
        self._show_view()
        if self._stale.skip():
            return
        if self.surface_choice.isChecked() and self._surface_view is not None:
            self._redraw_surface_function()
        self._redraw_all_runs()

    @property
    def _contour_hidden(self) -> bool:
        """Two variables shown on the 3-D surface: the contour items need no updates."""
        return self._is_2d and self.stack.currentWidget() is not self.contour_plot

    def _ensure_surface(self) -> None:
        if self._surface_view is not None:
            return
        from visualizer.panels.surface_view import SurfaceView

        self._surface_view = SurfaceView(theme=self._theme)
        self._surface_view.setObjectName("descentSurface")
        self.stack.addWidget(self._surface_view)
        self._redraw_surface_function()

    def _redraw_function(self) -> None:
        state = self._model.function
        if state is None:
            return
        theme = self._theme
        if not state.is_2d:
            low, high = self._model.x_range
            xs, ys = sample_curve(state.functions.arrays["f"], low, high, CURVE_SAMPLES)
            self.curve_item.setData(xs, ys, connect="finite")
            set_axis_label(self.curve_plot, "bottom", state.variable)
            set_axis_label(self.curve_plot, "left", f"f({state.variable})")
            self.curve_plot.setXRange(low, high, padding=0.02)
            finite = ys[np.isfinite(ys)]
            if finite.size:
                bottom, top = float(finite.min()), float(np.percentile(finite, 98))
                if top - bottom < 1e-9:
                    bottom, top = bottom - 1, top + 1
                margin = 0.08 * (top - bottom)
                self.curve_plot.setYRange(bottom - margin, top + margin, padding=0)
            return
        xs, ys, Z = sample_grid(state.functions.arrays["f"], self._model.x_range,
                                self._model.y_range, CONTOUR_SAMPLES)
        self._contour_grid = (xs, ys, Z)
        finite = Z[np.isfinite(Z)]
        low, high = (float(finite.min()), float(finite.max())) if finite.size else (0.0, 1.0)
        if high - low < 1e-12:
            high = low + 1.0
        # Levels spaced evenly in the square root of the height: bowls are steep at the
        # rim, and evenly spaced levels would crowd there and leave the floor empty.
        if self._contour_lut_theme != theme:
            self._contour_lut_theme = theme
            lut = pg.colormap.get("viridis").getLookupTable(nPts=256, alpha=False)
            back = np.array(_blend(theme.background, theme.background, 0), dtype=float)
            self.contour_image.setLookupTable(
                (lut * (1 - PASTEL) + back * PASTEL).astype(np.uint8))
        shaped = np.sqrt(np.clip((Z - low) / (high - low), 0, 1))
        self.contour_image.setImage(shaped, levels=(0, 1), autoLevels=False)
        dx, dy = xs[1] - xs[0], ys[1] - ys[0]
        self.contour_image.setRect(QRectF(xs[0] - dx / 2, ys[0] - dy / 2,
                                          xs[-1] - xs[0] + dx, ys[-1] - ys[0] + dy))
        levels = (np.arange(1, CONTOUR_LEVELS) / CONTOUR_LEVELS) ** 2
        segments = isolines(xs, ys, shaped, levels)
        lines = np.concatenate(segments) if segments else np.zeros((0, 2))
        self.contour_lines.setData(lines[:, 0], lines[:, 1], connect="pairs")
        set_axis_label(self.contour_plot, "bottom", "x")
        set_axis_label(self.contour_plot, "left", "y")
        self.contour_plot.setRange(xRange=self._model.x_range, yRange=self._model.y_range,
                                   padding=0.02)
        if self._surface_view is not None:
            self._redraw_surface_function()

    def _redraw_surface_function(self) -> None:
        state = self._model.function
        if self._surface_view is None or state is None or not state.is_2d:
            return
        xs, ys, Z = sample_grid(state.functions.arrays["f"], self._model.x_range,
                                self._model.y_range, 100)
        self._surface_view.set_surface(xs, ys, Z)

    # ------------------------------------------------------------------ runs: items
    def _make_path_items(self, plot) -> dict:
        """A run's trail, dots, ball and stop label on ``plot`` (styled by the caller)."""
        trail = pg.PlotCurveItem([], [])
        dots = pg.ScatterPlotItem(pen=None)
        ball = pg.ScatterPlotItem([0.0], [0.0])
        ball.setVisible(False)
        label = pg.TextItem(anchor=(0, 1.1))
        label.setVisible(False)
        for item, depth in ((trail, 10), (dots, 11), (ball, 20), (label, 25)):
            item.setZValue(depth)
            plot.addItem(item)
        return {"plot": plot, "trail": trail, "dots": dots, "ball": ball, "label": label,
                "style": None}

    def _style_path_items(self, items: dict, colour: str) -> None:
        """Give a run's items its colour (only when colour or theme changed)."""
        theme = self._theme
        if items["style"] == (colour, theme):
            return
        items["style"] = (colour, theme)
        items["trail"].setPen(pen(theme, colour, 1.2))
        # Dots on the first steps, styled once: restyling a scatter at every step
        # re-renders its symbol (about 2 ms a frame).
        items["dots"].setSize(5 * theme.scale + 2)
        items["dots"].setBrush(pg.mkBrush(colour))
        ball = items["ball"]
        ball.setSize(14 * theme.scale * (1.3 if theme.line_width > 1 else 1))
        ball.setBrush(pg.mkBrush(colour))
        ball.setPen(pg.mkPen(theme.background, width=2))
        label = items["label"]
        label.setColor(colour)
        label.fill = pg.mkBrush(*_blend(theme.background, theme.background, 0), 200)
        font = QFont()
        font.setPointSizeF(theme.font_size(0.95))
        font.setBold(True)
        label.setFont(font)

    def _sync_run_items(self) -> bool:
        """Match the plot items and the legend to the runs; True if the run list needs redoing.

        Items are kept per plot (curve and contour map) and per run index, so a new
        function, a new start or new settings only update data: creating and dropping
        pyqtgraph items at every edit cost ~25 ms and leaked scene memory.
        """
        runs = self.lab.runs
        palette = run_palette(self._theme)
        colours = [palette[run.colour % len(palette)] for run in runs]
        key = "contour" if self._is_2d else "curve"
        plot = self.contour_plot if key == "contour" else self.curve_plot
        for other_key, other_plot in (("curve", self.curve_plot),
                                      ("contour", self.contour_plot)):
            kept = self._path_items[other_key]
            while len(kept) > len(runs):
                items = kept.pop()
                for name in ("trail", "dots", "ball", "label"):
                    other_plot.removeItem(items[name])
        paths = self._path_items[key]
        while len(paths) < len(runs):
            paths.append(self._make_path_items(plot))
        while len(self._loss_items) > len(runs):
            self.loss_plot.removeItem(self._loss_items.pop())
        while len(self._loss_items) < len(runs):
            self._loss_items.append(self.loss_plot.plot([], []))
        for items, loss, colour in zip(paths, self._loss_items, colours, strict=True):
            if items["style"] != (colour, self._theme):
                loss.setPen(pen(self._theme, colour, 1.2))
            self._style_path_items(items, colour)
        self._run_items = [{**items, "loss": loss, "colour": colour}
                           for items, loss, colour in zip(paths, self._loss_items, colours,
                                                          strict=True)]
        signature = (tuple(run.label for run in runs), tuple(colours), self._theme)
        if signature != self._legend_signatures[key]:
            self._legend_signatures[key] = signature
            legend = self._legends[key]
            legend.clear()
            for items, run in zip(self._run_items, runs, strict=True):
                legend.addItem(items["trail"], run.label)
        changed = signature != self._runs_signature
        self._runs_signature = signature
        return changed

    def _rebuild_runs(self) -> None:
        """Match the run items to the runs and redraw them (runs, function or theme changed)."""
        if self._sync_run_items():
            self._refill_run_list()
        elif self.run_list.currentRow() != self.lab.selected:
            self._updating_controls = True
            self.run_list.setCurrentRow(self.lab.selected)
            self._updating_controls = False
        self.remove_run_button.setEnabled(len(self.lab.runs) > 1)
        self._redraw_all_runs()

    def _refill_run_list(self) -> None:
        """The list of runs, in the runs' colours and with their labels."""
        self._updating_controls = True
        self.run_list.clear()
        for run, items in zip(self.lab.runs, self._run_items, strict=True):
            pixmap = QPixmap(14, 14)
            pixmap.fill(QColor(items["colour"]))
            entry = QListWidgetItem(QIcon(pixmap), run.label, self.run_list)
            entry.setToolTip(f"{run.label}: {short_reason(run.status, run.english_message)}")
        self.run_list.setCurrentRow(self.lab.selected)
        self._updating_controls = False

    def _on_runs_changed(self) -> None:
        if not self._stale.skip():
            self._rebuild_runs()
        self._show_table_run()
        self._refresh_controls()
        self._refresh_start_fields()

    def _refresh_run_labels(self) -> None:
        """Settings changed: new labels in the list and the legend."""
        if not self._stale.skip() and self._sync_run_items():
            self._refill_run_list()

    def _on_run_stepped(self, index: int) -> None:
        if self._stale.skip():
            return
        self._redraw_run(index)
        if index == self.lab.selected:
            self._redraw_selected_overlays()
            if self.lab.playing:
                # Repainting the table costs more than the plots (text under software
                # rendering): while running it catches up ten times a second.
                if not self._table_timer.isActive():
                    self._table_timer.start()
            else:
                self._sync_table()
        self._refresh_step_label()
        self._fit_loss_range()
        self._redraw_surface_overlays()

    def _redraw_all_runs(self) -> None:
        for index in range(len(self._run_items)):
            self._redraw_run(index)
        self._redraw_selected_overlays()
        self._redraw_all_losses()
        self._refresh_step_label()
        self._redraw_surface_overlays()

    def _redraw_run(self, index: int) -> None:
        if index >= len(self._run_items):
            return
        run = self.lab.runs[index]
        items = self._run_items[index]
        count = run.count
        if count == 0:
            items["trail"].setData([], [])
            items["dots"].setData([], [])
            items["ball"].setVisible(False)
            items["label"].setVisible(False)
            self._redraw_loss(index)
            return
        if self._contour_hidden:
            self._redraw_loss(index)
            return
        keep = thinned(count)
        points = run.points[keep]
        xs = points[:, 0]
        ys = points[:, 1] if self._is_2d else run.values[keep]
        items["trail"].setData(xs, ys)
        if count <= MAX_TRAIL_MARKERS:
            items["dots"].setData(xs, ys)
        elif len(items["dots"].data):
            items["dots"].setData([], [])
        last = run.points[-1]
        ball_y = last[1] if self._is_2d else run.values[-1]
        # The ball is one spot at (0, 0) moved with setPos: re-creating a scatter spot
        # at every step costs about a millisecond.
        items["ball"].setPos(float(last[0]), float(ball_y))
        items["ball"].setVisible(math.isfinite(last[0]) and math.isfinite(ball_y))
        # An empty TextItem still paints its fill: hide it instead.
        items["label"].setVisible(run.finished)
        if run.finished:
            items["label"].setText(short_reason(run.status, run.english_message))
            items["label"].setPos(*self._clamped(last[0], ball_y))
        self._redraw_loss(index)

    def _clamped(self, x: float, y: float) -> tuple[float, float]:
        """Keep a label inside the visible range (a diverged run is far outside)."""
        plot = self.contour_plot if self._is_2d else self.curve_plot
        (x_low, x_high), (y_low, y_high) = plot.getPlotItem().vb.viewRange()
        # The label hangs above and to the right of its point: leave it room inside.
        x = min(max(x, x_low), x_low + 0.6 * (x_high - x_low)) if math.isfinite(x) else x_low
        top = y_low + 0.85 * (y_high - y_low)
        y = min(max(y, y_low + 0.08 * (y_high - y_low)), top) if math.isfinite(y) else top
        return x, y

    def _loss_values(self) -> tuple[bool, float]:
        """(log scale wanted, the offset subtracted before taking logs)."""
        if not self.log_check.isChecked():
            return False, 0.0
        lows = [float(np.nanmin(run.values)) for run in self.lab.runs if run.count]
        low = min(lows) if lows else 0.0
        if low > 0:
            return True, 0.0
        return True, low - 1e-12 * max(1.0, abs(low))

    def _redraw_loss(self, index: int, log_offset=None) -> None:
        run = self.lab.runs[index]
        items = self._run_items[index]
        if run.count == 0:
            items["loss"].setData([], [])
            return
        log, offset = self._loss_values() if log_offset is None else log_offset
        keep = thinned(run.count)
        steps = np.arange(run.count)[keep]
        values = run.values[keep] - offset if log else run.values[keep]
        items["loss"].setData(steps, values)

    def _redraw_all_losses(self, _checked=None) -> None:
        log_offset = self._loss_values()
        log, offset = log_offset
        self.loss_plot.setLogMode(x=False, y=log)
        set_axis_label(self.loss_plot, "left",
                       tr("f − lowest f seen") if log and offset != 0 else "f")
        for index in range(len(self._run_items)):
            self._redraw_loss(index, log_offset)
        self._fit_loss_range(force=True)

    def _fit_loss_range(self, force: bool = False) -> None:
        """Fit the loss plot to the runs that stayed bounded, changing it seldom.

        A diverged run must not flatten the others, and moving the range at every step
        would redraw both axes at every frame: x grows in doublings, and y changes only
        when a value leaves it or the values fill less than a third of it.
        """
        runs = self.lab.runs
        count = max((run.count for run in runs), default=1)
        longest = max((run.settings.steps for run in runs), default=8)
        x_high = float(max(8, count - 1, min(longest, 2 ** math.ceil(math.log2(max(2, count - 1))))))
        bounded = [run.values for run in runs if run.count and run.status != "diverged"]
        values = np.concatenate(bounded) if bounded else np.zeros(0)
        log, offset = self._loss_values()
        if log:
            with np.errstate(all="ignore"):
                values = np.log10(values - offset)
        values = values[np.isfinite(values)]
        if values.size:
            low, high = float(values.min()), float(values.max())
        else:
            low, high = 0.0, 1.0
        if high - low < 1e-12:
            low, high = low - 1, high + 1
        current = getattr(self, "_loss_range", None)
        if not force and current is not None and current[0] == x_high and current[1] == log:
            _, _, shown_low, shown_high = current
            inside = shown_low <= low and high <= shown_high
            if inside and (high - low) > (shown_high - shown_low) / 3:
                return
        margin = 0.06 * (high - low)
        self._loss_range = (x_high, log, low - margin, high + margin)
        # A curve touching the frame makes Qt repaint the axis beside it at every step.
        self.loss_plot.setRange(xRange=(-0.03 * x_high, 1.01 * x_high),
                                yRange=(low - margin, high + margin), padding=0)

    def _redraw_selected_overlays(self) -> None:
        """Tangent and step arrow (1-D) or the −∇f arrow (2-D) at the selected run's point."""
        if self._contour_hidden:
            return
        run = self.lab.selected_run if self.lab.runs else None
        theme = self._theme
        empty = run is None or run.count == 0
        if self._is_2d:
            self.tangent_item.setData([], [])
            self.step_arrow_item.setData([], [])
            self.step_arrow_head.setVisible(False)
            self.step_arrow_label.setText("")
            if empty:
                self.gradient_arrow_item.setData([], [])
                self.gradient_label.setText("")
                return
            x, y = run.points[-1]
            gx, gy = run.gradients[-1]
            norm = math.hypot(gx, gy)
            if not (norm > 0 and math.isfinite(norm)):
                self.gradient_arrow_item.setData([], [])
                self.gradient_label.setText("")
                return
            (x_low, x_high), (y_low, y_high) = self._model.x_range, self._model.y_range
            length = GRADIENT_ARROW_LENGTH * max(x_high - x_low, y_high - y_low)
            tip = (x - gx / norm * length, y - gy / norm * length)
            segments = arrow_segments(np.array([[x, y, 0.0]]), np.array([[*tip, 0.0]]),
                                      head_fraction=0.3, max_head=0.3 * length)
            colour = self._run_items[self.lab.selected]["colour"]
            self.gradient_arrow_item.setData(segments[:, 0], segments[:, 1], connect="pairs",
                                             pen=pen(theme, colour, 2.0))
            self.gradient_label.setText(tr("−∇f (|∇f| = {0})").format(_fmt(norm)))
            self.gradient_label.setColor(colour)
            self.gradient_label.setPos(*tip)
            return
        self.gradient_arrow_item.setData([], [])
        self.gradient_label.setText("")
        if empty:
            self.tangent_item.setData([], [])
            self.step_arrow_item.setData([], [])
            self.step_arrow_head.setVisible(False)
            self.step_arrow_label.setText("")
            return
        x, fx, slope = float(run.points[-1, 0]), float(run.values[-1]), float(run.gradients[-1, 0])
        low, high = self._model.x_range
        half = TANGENT_HALF_WIDTH * (high - low)
        xs = np.array([x - half, x + half])
        self.tangent_item.setData(xs, fx + slope * (xs - x))
        step = -run.settings.lr * slope
        colour = self._run_items[self.lab.selected]["colour"]
        if run.finished or not math.isfinite(step) or step == 0:
            self.step_arrow_item.setData([], [])
            self.step_arrow_head.setVisible(False)
            self.step_arrow_label.setText("")
            return
        self.step_arrow_item.setData([x, x + step], [fx, fx], pen=pen(theme, colour, 2.0))
        self.step_arrow_head.setPos(x + step, fx)
        self.step_arrow_head.setStyle(angle=180 if step > 0 else 0,
                                      brush=pg.mkBrush(colour), pen=None,
                                      headLen=12 * theme.scale * (1.4 if theme.line_width > 1
                                                                  else 1))
        self.step_arrow_head.setVisible(True)
        self.step_arrow_label.setText(tr("−lr·f′(x) = {0}").format(_fmt(step)))
        self.step_arrow_label.setColor(colour)
        self.step_arrow_label.setPos(x + step / 2, fx)

    def _redraw_surface_overlays(self) -> None:
        view = self._surface_view
        if view is None or not self._is_2d or self.stack.currentWidget() is not view:
            return
        curves, colours, markers = [], [], []
        for items, run in zip(self._run_items, self.lab.runs, strict=True):
            if run.count == 0:
                continue
            keep = thinned(run.count)
            curves.append(np.column_stack([run.points[keep], run.values[keep]]))
            colours.append(items["colour"])
            markers.append([*run.points[-1], run.values[-1]])
        view.set_curves(curves, colours)
        rgba = np.array([QColor(c).getRgbF() for c in colours]).reshape(-1, 4)
        view.set_markers(markers, rgba if len(rgba) else None, size=12)
        # −∇f at the selected run's point, in the tangent plane: a step (dx, dy) along
        # it changes f by f_x dx + f_y dy, so the arrow points downhill on the surface.
        run = self.lab.selected_run
        arrow = None
        if run.count:
            (x, y), (gx, gy), z = run.points[-1], run.gradients[-1], run.values[-1]
            norm = math.hypot(gx, gy)
            if norm > 0 and math.isfinite(norm) and math.isfinite(z):
                (x_low, x_high), (y_low, y_high) = self._model.x_range, self._model.y_range
                length = GRADIENT_ARROW_LENGTH * max(x_high - x_low, y_high - y_low)
                arrow = [[x, y, z]], [[-gx / norm * length, -gy / norm * length, -norm * length]]
        if arrow is None:
            view.set_arrows(np.zeros((0, 3)), np.zeros((0, 3)))
        else:
            colour = self._run_items[self.lab.selected]["colour"]
            view.set_arrows(*arrow, colors=QColor(colour).getRgbF())

    # ------------------------------------------------------------------ the table
    def _show_table_run(self) -> None:
        """Show the selected run's steps (one rebuild), with columns wide enough for them."""
        self.table_model.set_run(self.lab.selected_run, self.lab.variables)
        self.table.clearSpans()
        self._span_status_row()
        metrics = self.table.fontMetrics()
        number = "-0.000123457"
        one = number if self.lab.dimension < 2 else f"({number}, {number})"
        pad = metrics.horizontalAdvance("MM")
        for column, sample in enumerate(("100000", one, "-1.23457e+100", one, one)):
            self.table.setColumnWidth(column, metrics.horizontalAdvance(sample) + pad)
        self.table.scrollToBottom()  # the latest step and the stop reason

    def _on_tab_changed(self, _index: int) -> None:
        if self.table.isVisible():
            self._sync_table()
            self.table.scrollToBottom()

    def _sync_table(self) -> None:
        bar = self.table.verticalScrollBar()
        at_bottom = bar.value() >= bar.maximum() - 2
        if self.table_model.sync():
            self._span_status_row()
            if at_bottom and self.table.isVisible():
                self.table.scrollToBottom()

    def _span_status_row(self) -> None:
        model = self.table_model
        if model.has_status_row:
            row = model.rowCount() - 1
            self.table.setSpan(row, 0, 1, model.columnCount())
            self.table.resizeRowToContents(row)  # the whole stop message, wrapped
        run = self.lab.selected_run
        self.table_caption.setText(tr("Steps of run {0}: {1}").format(
            self.lab.selected + 1, run.label))
        self._refresh_status()

    def _refresh_status(self) -> None:
        run = self.lab.selected_run
        theme = self._theme
        if run.status == "running":
            # Constant while running: a label whose text changes at every step relays
            # out the panel at every frame (the step number is in the toolbar).
            text = tr("Run {0} ({1}): running — Space steps, Enter runs or pauses").format(
                self.lab.selected + 1, run.label)
            colour = theme.foreground
        else:
            text = f"{short_reason(run.status, run.english_message)} — {run.message}"
            colour = theme.error if run.status in ("diverged", "stopped", "error") else \
                theme.secant if run.status == "converged" else theme.foreground
        self.status_label.setText(text)
        style = f"color: {colour};"
        if self.status_label.styleSheet() != style:  # restyling costs a re-polish
            self.status_label.setStyleSheet(style)

    def _refresh_step_label(self) -> None:
        self.step_label.setText(tr("k = {0}").format(self.lab.step_count))
        self._refresh_status()
        for index, run in enumerate(self.lab.runs):
            item = self.run_list.item(index)
            if item is not None:
                item.setToolTip(f"{run.label}: {short_reason(run.status, run.english_message)}")
        if self.table_model.has_status_row:
            self._span_status_row()

    # ------------------------------------------------------------------ controls
    def _refresh_controls(self) -> None:
        """Copy the selected run's settings into the fields (without feeding back)."""
        settings = self.lab.selected_run.settings
        self._updating_controls = True
        try:
            self.optimizer_combo.setCurrentIndex(OPTIMIZERS.index(settings.optimizer))
            self.lr_slider.setValue(int(round(math.log10(settings.lr) * LR_SLIDER_STEPS_PER_DECADE)))
            self.lr_field.set_text(_fmt(settings.lr))
            has = DEFAULTS[settings.optimizer]
            shown = {
                "momentum": "momentum" in has,
                "beta1": "betas" in has,
                "beta2": "betas" in has,
                "eps": "eps" in has,
                "steps": True,
                "tol": True,
            }
            values = {
                "momentum": settings.momentum,
                "beta1": settings.betas[0] if settings.betas else None,
                "beta2": settings.betas[1] if settings.betas else None,
                "eps": settings.eps,
                "steps": settings.steps,
                "tol": settings.tol,
            }
            for key, field in self.hyper_fields.items():
                field.setVisible(shown[key])
                self.hyper_labels[key].setVisible(shown[key])
                if shown[key]:
                    value = values[key]
                    field.set_text(str(value) if key == "steps" else _fmt(value))
            if self.run_list.currentRow() != self.lab.selected:
                self.run_list.setCurrentRow(self.lab.selected)
        finally:
            self._updating_controls = False
        self._update_map_marker()

    def _refresh_start_fields(self) -> None:
        start = self.lab.start
        for index, axis in enumerate(("x", "y")):
            visible = index < len(start)
            self.start_fields[axis].setVisible(visible)
            self.start_labels[axis].setVisible(visible)
            if visible:
                self.start_fields[axis].set_text(_fmt(start[index]))
        name = self.lab.variables[0] if len(start) == 1 else "x"
        self.start_labels["x"].setText(tr("Start {0}").format(name))
        self._place_start_targets()

    def _place_start_targets(self) -> None:
        start = self.lab.start
        if not start:
            return
        key = "contour" if len(start) == 2 else "curve"
        target = self.start_targets[key]
        if len(start) == 2:
            position = start
        else:
            function = self._model.function
            value = function.functions.scalars["f"](start[0]) if function is not None else 0.0
            position = (start[0], value)
        target.blockSignals(True)
        target.setPos(*position)
        target.blockSignals(False)

    def _apply(self, field: _Field | None, **changes) -> bool:
        try:
            self.lab.set_run_settings(self.lab.selected, **changes)
        except ExpressionError as error:
            if field is not None:
                field.show_error(error_message(error), self._theme)
            return False
        if field is not None:
            field.clear_error()
        return True

    def _on_optimizer_chosen(self, index: int) -> None:
        if self._updating_controls:
            return
        self._apply(None, optimizer=self.optimizer_combo.itemData(index))

    def _on_lr_slider(self, value: int) -> None:
        if self._updating_controls:
            return
        lr = float(f"{10 ** (value / LR_SLIDER_STEPS_PER_DECADE):.3g}")
        self._apply(self.lr_field, lr=lr)

    def _on_lr_typed(self) -> None:
        if self._updating_controls:
            return
        field = self.lr_field
        try:
            lr = _parse_number(field.edit.text())
        except ExpressionError as error:
            field.show_error(error_message(error), self._theme)
            return
        if lr == self.lab.selected_run.settings.lr:
            field.clear_error()
            return
        self._apply(field, lr=lr)

    def _on_hyper_typed(self) -> None:
        if self._updating_controls:
            return
        edit = self.sender()
        key = next(k for k, f in self.hyper_fields.items() if f.edit is edit)
        field = self.hyper_fields[key]
        settings = self.lab.selected_run.settings
        try:
            value = _parse_number(edit.text())
        except ExpressionError as error:
            field.show_error(error_message(error), self._theme)
            return
        if key == "steps":
            if not value.is_integer():
                field.show_error(tr("steps must be a whole number"), self._theme)
                return
            change = {"steps": int(value)}
        elif key in ("beta1", "beta2"):
            betas = list(settings.betas)
            betas[0 if key == "beta1" else 1] = value
            change = {"betas": tuple(betas)}
        else:
            change = {key: value}
        self._apply(field, **change)

    def _on_start_typed(self) -> None:
        if self._updating_controls:
            return
        edit = self.sender()
        axis = "x" if edit.property("axis") == 0 else "y"
        field = self.start_fields[axis]
        try:
            value = _parse_number(edit.text())
            start = list(self.lab.start)
            start[int(edit.property("axis"))] = value
            self.lab.set_start(tuple(start))
        except ExpressionError as error:
            field.show_error(error_message(error), self._theme)
            return
        field.clear_error()

    def _on_speed_slider(self, value: int) -> None:
        if self._updating_controls:
            return
        self.lab.set_speed(float(f"{MIN_SPEED * 10 ** (value / 100):.2g}"))

    def _on_speed_changed(self, speed: float) -> None:
        self._updating_controls = True
        self.speed_slider.setValue(int(round(100 * math.log10(speed / MIN_SPEED))))
        self._updating_controls = False
        self.speed_label.setText(tr("{0} steps/s").format(f"{speed:g}"))

    def _on_playing_changed(self, playing: bool) -> None:
        if not playing:
            self._table_timer.stop()
            self._sync_table()
        self.run_button.setText(tr("Pause") if playing else tr("Run"))
        self.run_button.setAccessibleName(self.run_button.text())

    def _on_settings_changed(self, index: int) -> None:
        self._refresh_run_labels()
        if index == self.lab.selected:
            self._refresh_controls()
            self._update_map_marker()

    def _on_selected_changed(self, index: int) -> None:
        self._refresh_controls()
        self._show_table_run()
        if not self._stale.skip():
            self._redraw_selected_overlays()

    def _on_run_picked(self, row: int) -> None:
        if not self._updating_controls and row >= 0:
            self.lab.select_run(row)

    def _on_add_run(self) -> None:
        self.lab.add_run()

    def _on_remove_run(self) -> None:
        self.lab.remove_run(self.lab.selected)

    def _on_scenario_chosen(self, index: int) -> None:
        key = self.scenario_combo.itemData(index)
        if key:
            self.lab.apply_scenario(key)

    def _on_scenario_changed(self, key: str) -> None:
        index = self.scenario_combo.findData(key)
        self.scenario_combo.setCurrentIndex(max(0, index))
        scenario = next((s for s in SCENARIOS if s.key == key), None)
        self.note_label.setVisible(scenario is not None)
        if scenario is not None:
            self.note_label.setText(QCoreApplication.translate("scenarios", scenario.note))

    # ------------------------------------------------------------------ the start
    def _on_start_changed(self, _start) -> None:
        self._refresh_start_fields()

    def _on_target_dragged(self, target) -> None:
        position = target.pos()
        self._pending_start = (position.x(), position.y())
        if not self._drag_timer.isActive():
            self._drag_timer.start()

    def _deliver_start(self) -> None:
        if self._pending_start is None:
            return
        x, y = self._pending_start
        self._pending_start = None
        start = (x, y) if self._is_2d else (x,)
        try:
            self.lab.set_start(start)
        except ExpressionError as error:
            self.status_label.setText("✗ " + error_message(error))
            self.status_label.setStyleSheet(f"color: {self._theme.error};")
            self._place_start_targets()

    def _on_plot_clicked(self, event) -> None:
        """A double-click on the plot puts the start there."""
        if not event.double():
            return
        plot = self.contour_plot if self._is_2d else self.curve_plot
        vb = plot.getPlotItem().vb
        if not vb.sceneBoundingRect().contains(event.scenePos()):
            return
        point = vb.mapSceneToView(event.scenePos())
        self._pending_start = (point.x(), point.y())
        self._deliver_start()
        event.accept()

    # ------------------------------------------------------------------ the map
    def _on_map_button(self) -> None:
        if self.lab.map_running:
            self.lab.cancel_map()
            return
        try:
            self.lab.start_map(size=MAP_SIZE)
        except ExpressionError as error:
            self.map_info.setText("✗ " + error_message(error))

    def _on_map_running_changed(self, running: bool) -> None:
        self.map_button.setText(tr("Cancel") if running else tr("Compute map"))
        self.map_button.setAccessibleName(self.map_button.text())

    def _on_map_progress(self, done: int, total: int) -> None:
        self.map_progress_bar.setRange(0, total)
        self.map_progress_bar.setValue(done)

    def map_colours(self, result) -> np.ndarray:
        """RGBA image of the map: rows are μ/β₁ (bottom up), columns learning rates."""
        theme = self._theme
        shape = result.spec.shape
        image = np.zeros((*shape, 4), dtype=np.uint8)
        loss = relative_loss(result)
        lut = pg.colormap.get("viridis").getLookupTable(nPts=256, alpha=False)
        good = np.isfinite(loss)
        if good.any():
            low, high = float(loss[good].min()), float(loss[good].max())
            scaled = (loss[good] - low) / (high - low) if high > low else np.zeros(good.sum())
            image[good, :3] = lut[(scaled * 255).astype(int)]
            image[good, 3] = 255
        image[result.status == STATUSES.index("diverged")] = (*QColor(theme.error).getRgb()[:3],
                                                              255)
        image[result.status == STATUSES.index("stopped")] = (*_blend(theme.muted, theme.background,
                                                                     0.3), 255)
        return image

    def _on_map_changed(self, result) -> None:
        plot = self.map_plot
        if result is None:
            self.map_image.clear()
            self.map_progress_bar.setRange(0, 1)
            self.map_progress_bar.setValue(0)
            self._update_map_marker()
            return
        spec = result.spec
        lrs = np.log10(spec.learning_rates)
        rows, columns = spec.shape
        dx = (lrs[-1] - lrs[0]) / max(1, columns - 1) if columns > 1 else 1.0
        params = np.array(spec.parameters)
        if spec.parameter is None:
            y0, height = 0.0, 1.0
            set_axis_label(plot, "left", "")
        else:
            dy = (params[-1] - params[0]) / max(1, rows - 1) if rows > 1 else 0.1
            y0, height = params[0] - dy / 2, params[-1] - params[0] + dy
            set_axis_label(plot, "left", "μ" if spec.parameter == "momentum" else "β₁")
        self.map_image.setImage(self.map_colours(result), autoLevels=False)
        self.map_image.setRect(QRectF(lrs[0] - dx / 2, y0, lrs[-1] - lrs[0] + dx, height))
        plot.setXRange(lrs[0] - dx / 2, lrs[-1] + dx / 2, padding=0)
        plot.setYRange(y0, y0 + height, padding=0)
        if result.complete or result.cancelled:
            counts = result.counts()
            text = tr("{0} runs of {1} steps ({2}) in {3:.2f} s: {4} converged, {5} at the step "
                      "limit, {6} diverged (red), {7} stopped (grey). Colour: final f − best "
                      "final f, dark = lowest. Click a cell to replay it.").format(
                result.rows_done * columns, spec.steps, spec.optimizer, result.seconds,
                counts["converged"], counts["max_steps"], counts["diverged"], counts["stopped"])
            if result.cancelled:
                text = tr("Cancelled. ") + text
            self.map_info.setText(text)
        self._update_map_marker()

    def _update_map_marker(self) -> None:
        result = self.lab.map_result
        if result is None or not self.lab.runs:
            self.map_marker.setData([], [])
            return
        settings = self.lab.selected_run.settings
        parameter = PARAMETER_AXES.get(result.spec.optimizer)
        if parameter == "momentum":
            y = settings.momentum if settings.momentum is not None else 0.0
        elif parameter == "beta1":
            y = settings.betas[0] if settings.betas else 0.9
        else:
            y = 0.5
        self.map_marker.setData([math.log10(settings.lr)], [y])

    def map_cell_at(self, scene_pos: QPointF):
        """(row, column) of the map cell under a scene position, or None."""
        result = self.lab.map_result
        if result is None:
            return None
        vb = self.map_plot.getPlotItem().vb
        if not vb.sceneBoundingRect().contains(scene_pos):
            return None
        point = vb.mapSceneToView(scene_pos)
        rect = self.map_image.mapRectToParent(self.map_image.boundingRect())
        rows, columns = result.spec.shape
        if not rect.contains(point) or rect.width() <= 0 or rect.height() <= 0:
            return None
        column = int((point.x() - rect.left()) / rect.width() * columns)
        row = int((point.y() - rect.top()) / rect.height() * rows)
        return min(row, rows - 1), min(column, columns - 1)

    def map_cell_centre(self, row: int, column: int) -> QPointF:
        """The view coordinates of a cell's centre (for tests and tooltips)."""
        rows, columns = self.lab.map_result.spec.shape
        rect = self.map_image.mapRectToParent(self.map_image.boundingRect())
        return QPointF(rect.left() + (column + 0.5) * rect.width() / columns,
                       rect.top() + (row + 0.5) * rect.height() / rows)

    def _on_map_clicked(self, event) -> None:
        cell = self.map_cell_at(event.scenePos())
        result = self.lab.map_result
        if cell is None or result is None:
            return
        row, column = cell
        if result.status[row, column] < 0:
            return
        event.accept()
        self.lab.replay_cell(row, column)

    def _on_map_hover(self, scene_pos) -> None:
        cell = self.map_cell_at(scene_pos)
        result = self.lab.map_result
        if cell is None or result is None:
            self.map_plot.setToolTip(tr("Click a cell to replay that run"))
            return
        row, column = cell
        spec = result.spec
        text = f"lr {spec.learning_rates[column]:.3g}"
        if spec.parameter is not None:
            name = "μ" if spec.parameter == "momentum" else "β₁"
            text += f", {name} {spec.parameters[row]:.3g}"
        status = result.status_name(row, column)
        if result.status[row, column] >= 0:
            text += tr(": {0} after {1} steps, f = {2}").format(
                status, int(result.steps_taken[row, column]),
                _fmt(float(result.final_value[row, column])))
        self.map_plot.setToolTip(text)
