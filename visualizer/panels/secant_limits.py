"""The limit as numbers: a table of difference quotients and the error V, per precision.

For h = 10⁻¹ … 10⁻¹⁶ the forward, backward and central quotients at x₀ and their errors
against the exact f′(x₀); a log–log plot of error against h shows the V (truncation
error falling with h, round-off error rising as h gets tiny) with the best h marked, and
the two error models drawn as guides. The precision switch (float64/32/16) is the
model's ``precision``; the emulation is described in :mod:`visualizer.core.limits`.
"""

from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtGui import QBrush, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSizePolicy,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from visualizer.core.limits import (
    LimitTable,
    limit_table,
    machine_epsilon,
    optimal_forward_step,
    roundoff_error_model,
    slopes_at,
    truncation_error_model,
)
from visualizer.panels.plot_style import pen, style_plot
from visualizer.panels.redraw import cache_axes, cells_filled_quietly, out_of_sight
from visualizer.panels.secant_items import number, translucent
from visualizer.theme import LIGHT, Theme
from visualizer.widgets.after_frame import run_after_next_frame
from visualizer.widgets.grid_lines import use_fast_grid

#: Significant digits worth showing for a quotient in each precision.
DIGITS = {"float64": 13, "float32": 8, "float16": 5}
#: While x₀ is being dragged the table refreshes at most this often.
REFRESH_INTERVAL_MS = 120
SCHEMES = ("forward", "backward", "central")


def tr(text: str) -> str:
    return QCoreApplication.translate("SecantLimitView", text)


def precision_tooltip() -> str:
    """What the precision switch does, including what its emulation leaves out."""
    return tr(
        "The precision the difference quotients are computed in. Deep learning trains in "
        "float32 and float16, and the bottom of the error V moves with it.\n\n"
        "How it is emulated (honestly, but approximately): the function is compiled for "
        "float64. x₀ and h are rounded to the chosen type and x₀ + h is formed in it (so it "
        "can round back to x₀); f is evaluated in float64 and each value is rounded to the "
        "chosen type; the subtraction and the division then happen in that type. Rounding "
        "inside f itself is not emulated, so real low-precision code can be a little worse.")


class LimitView(QWidget):
    """Table and log–log plot of difference quotients at the model's x₀.

    Attributes
    ----------
    table : QTableWidget
        ``secantLimitTable``: one row per h, columns h, forward, error, backward,
        error, central, error.
    error_plot : pyqtgraph.PlotWidget
        ``secantErrorPlot``: the V, log–log.
    precision_box : QComboBox
        ``secantPrecision``: float64, float32, float16 (the model's precision).
    last_table : LimitTable or None
        What the table shows now (None when f is not defined at x₀).
    """

    COLUMNS = ("h", "forward", "error", "backward", "error", "central", "error")

    def __init__(self, model, parent=None):
        super().__init__(parent)
        self.setObjectName("secantLimitView")
        self._model = model
        self._theme: Theme = LIGHT
        self._dirty = True
        self.last_table: LimitTable | None = None

        self.precision_box = QComboBox(self)
        self.precision_box.setObjectName("secantPrecision")
        for name in model.PRECISIONS:
            self.precision_box.addItem(name, name)
        self.precision_box.setToolTip(precision_tooltip())
        self.precision_box.setAccessibleName(tr("Floating-point precision of the quotients"))
        self.precision_box.currentIndexChanged.connect(self._on_precision_chosen)
        precision_label = QLabel(tr("Precision:"), self)
        precision_label.setBuddy(self.precision_box)
        self.best_label = QLabel(self)
        self.best_label.setObjectName("secantBestStep")
        self.best_label.setTextFormat(Qt.TextFormat.RichText)
        self.best_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)

        self.explanation = QLabel(self)
        self.explanation.setObjectName("secantLimitExplanation")
        self.explanation.setWordWrap(True)
        self.explanation.setTextFormat(Qt.TextFormat.RichText)

        self.error_plot = pg.PlotWidget(self)
        cache_axes(self.error_plot)
        use_fast_grid(self.error_plot)
        self.error_plot.setObjectName("secantErrorPlot")
        self.error_plot.setAccessibleName(tr("Error of the difference quotients against h, log–log"))
        self.error_plot.setToolTip(tr(
            "Error |quotient − f′(x₀)| against h, both on logarithmic axes. Right arm: "
            "truncation error (the secant is not the tangent), falling with h. Left arm: "
            "round-off error, rising as h gets tiny. The star marks the best h."))
        self.error_plot.setMenuEnabled(False)
        self.error_plot.setLogMode(x=True, y=True)
        self.error_plot.setLabel("bottom", tr("step h"))
        self.error_plot.setLabel("left", tr("error"))
        self.error_plot.setMinimumHeight(90)
        plot_item = self.error_plot.getPlotItem()
        for axis in ("bottom", "left"):
            plot_item.getAxis(axis).enableAutoSIPrefix(False)
        self.truncation_line = self.error_plot.plot([], [])
        self.roundoff_line = self.error_plot.plot([], [])
        self.curves = {
            "central": self.error_plot.plot([], [], symbol="s", connect="finite"),
            "backward": self.error_plot.plot([], [], symbol="t", connect="finite"),
            "forward": self.error_plot.plot([], [], symbol="o", connect="finite"),
        }
        self.best_marker = self.error_plot.plot([], [], symbol="star", pen=None)
        self.best_text = pg.TextItem(anchor=(0.5, 1.3))
        self.error_plot.addItem(self.best_text, ignoreBounds=True)
        self.empty_text = pg.TextItem(anchor=(0.5, 0.5))
        self.error_plot.addItem(self.empty_text, ignoreBounds=True)

        self.table = QTableWidget(0, len(self.COLUMNS), self)
        self.table.setObjectName("secantLimitTable")
        self.table.setMinimumHeight(60)
        self.table.setAccessibleName(tr("Table of difference quotients for shrinking h"))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        headers = (
            (tr("h"), tr("The step h = 10⁻ᵏ")),
            (tr("forward"), tr("(f(x₀ + h) − f(x₀)) / h: the slope of the secant to the right")),
            (tr("error"), tr("|forward − f′(x₀)| (against the right derivative at a kink)")),
            (tr("backward"), tr("(f(x₀) − f(x₀ − h)) / h: the slope of the secant to the left")),
            (tr("error"), tr("|backward − f′(x₀)| (against the left derivative at a kink)")),
            (tr("central"), tr("(f(x₀ + h) − f(x₀ − h)) / (2h): truncation error ∝ h², not h")),
            (tr("error"), tr("|central − f′(x₀)|")),
        )
        for column, (title, tip) in enumerate(headers):
            item = QTableWidgetItem(title)
            item.setToolTip(tip)
            self.table.setHorizontalHeaderItem(column, item)

        header = QHBoxLayout()
        header.setContentsMargins(0, 0, 0, 0)
        header.addWidget(precision_label)
        header.addWidget(self.precision_box)
        header.addWidget(self.best_label, 1)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.error_plot)
        splitter.addWidget(self.table)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([150, 100])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addLayout(header)
        layout.addWidget(self.explanation)
        layout.addWidget(splitter, 1)

        self._refresh_timer = QTimer(self)
        self._refresh_timer.setSingleShot(True)
        self._refresh_timer.setInterval(REFRESH_INTERVAL_MS)
        self._refresh_timer.timeout.connect(self.refresh_if_dirty)
        model.expression_changed.connect(self._on_changed_now)
        model.precision_changed.connect(self._on_precision_changed)
        model.x0_changed.connect(self._on_changed_soon)
        self._sync_precision_box()
        self.apply_theme(self._theme)

    # -- theme ----------------------------------------------------------------------------
    def apply_theme(self, theme: Theme) -> None:
        """Restyle for ``theme``."""
        self._theme = theme
        style_plot(self.error_plot, theme)
        colors = {"forward": theme.secant, "backward": theme.derivative, "central": theme.accent}
        size = 7 * theme.scale * (1.4 if theme.line_width > 1 else 1)
        for scheme, curve in self.curves.items():
            curve.setPen(pen(theme, colors[scheme]))
            curve.setSymbolBrush(pg.mkBrush(colors[scheme]))
            curve.setSymbolPen(pg.mkPen(theme.background))
            # Forward is drawn last and smaller: where it equals backward both show.
            curve.setSymbolSize(size * (0.75 if scheme == "forward" else 1.0))
        self.truncation_line.setPen(pen(theme, theme.muted, 1.0, Qt.PenStyle.DashLine))
        self.roundoff_line.setPen(pen(theme, theme.muted, 1.0, Qt.PenStyle.DotLine))
        self.best_marker.setSymbolBrush(pg.mkBrush(theme.error))
        self.best_marker.setSymbolPen(pg.mkPen(theme.foreground))
        self.best_marker.setSymbolSize(size * 2.4)
        self.best_text.setColor(theme.error)
        self.empty_text.setColor(theme.muted)
        font = QFont()
        font.setPointSizeF(theme.font_size(0.9))
        self.best_text.setFont(font)
        self._update_explanation()
        if self.last_table is not None:
            self._fill_table(self.last_table)

    # -- model ----------------------------------------------------------------------------
    def _sync_precision_box(self) -> None:
        self.precision_box.blockSignals(True)
        self.precision_box.setCurrentIndex(self.precision_box.findData(self._model.precision))
        self.precision_box.blockSignals(False)

    def _on_precision_chosen(self, index: int) -> None:
        self._model.set_precision(self.precision_box.itemData(index))

    def _on_precision_changed(self, _value) -> None:
        self._sync_precision_box()
        self._update_explanation()
        self._dirty = True
        self._refresh_timer.stop()
        if self.isVisible():
            self.refresh()

    def _on_changed_now(self, _value=None) -> None:
        self._dirty = True
        self._refresh_timer.stop()
        if self.isVisible():
            # Right after the frame that shows the new curve: the table and the V are
            # details, and a new function must reach the screen first.
            run_after_next_frame(self, self.refresh_if_dirty)

    def refresh_if_dirty(self) -> None:
        """Recompute if something changed since the last refresh and the view can be seen.

        The lab calls this when its dock comes back into sight (a dock behind another
        tab keeps ``isVisible()``, so the view skipped its refreshes without a show).
        """
        if self._dirty and self.isVisible() and not out_of_sight(self):
            self.refresh()

    def _on_changed_soon(self, _value=None) -> None:
        self._dirty = True
        if self.isVisible() and not self._refresh_timer.isActive():
            self._refresh_timer.start()

    def showEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        if self._dirty:
            # Shown with the lab's plots (a one-variable function after a two-variable
            # one): they reach the screen first, as after any new function.
            run_after_next_frame(self, self.refresh_if_dirty)

    # -- computing ------------------------------------------------------------------------
    def refresh(self) -> None:
        """Recompute the table and the V for the model's function, x₀ and precision."""
        self._dirty = False
        state = self._model.function
        if state is None or state.is_2d:
            self._show_nothing(tr("The limit table needs a function of one variable."))
            return
        functions = state.functions
        f, df, d2f = (functions.scalars[name] for name in ("f", "df", "d2f"))
        x0, precision = self._model.x0, self._model.precision
        slopes = slopes_at(f, df, x0, functions.kinks)
        if slopes.kind == "undefined" or not math.isfinite(slopes.value):
            self._show_nothing(tr("f is not defined at x₀ = {x}: there is nothing to "
                                  "differentiate.").format(x=number(x0)))
            return
        left = slopes.left if slopes.left is not None and math.isfinite(slopes.left) else None
        right = slopes.right if slopes.right is not None and math.isfinite(slopes.right) else None
        table = limit_table(f, x0, slopes.derivative, precision, left=left, right=right)
        self.last_table = table
        self._fill_table(table)
        self._draw_errors(table, slopes.value, slopes.derivative, d2f(x0))

    def _show_nothing(self, message: str) -> None:
        self.last_table = None
        self.table.setRowCount(0)
        for curve in (*self.curves.values(), self.truncation_line, self.roundoff_line,
                      self.best_marker):
            curve.setData([], [])
        self.best_text.setText("")
        self.empty_text.setText("")
        self.best_label.setText(message)

    def _fill_table(self, table: LimitTable) -> None:
        digits = DIGITS[table.precision]
        # The smallest error of each scheme is highlighted: the bottom of its V.
        best_rows = {column: table.best(scheme)
                     for column, scheme in ((2, "forward"), (4, "backward"), (6, "central"))}
        self.table.setRowCount(len(table.rows))
        highlight = QBrush(translucent(self._theme.error, 45))
        with cells_filled_quietly(self.table):
            self._fill_rows(table, digits, best_rows, highlight)
        self.table.resizeColumnsToContents()

    def _fill_rows(self, table: LimitTable, digits: int, best_rows: dict, highlight) -> None:
        for row_index, row in enumerate(table.rows):
            texts = (
                f"10{_superscript(round(math.log10(row.h)))}",
                _quotient_text(row.forward, digits),
                _error_text(row.forward_error),
                _quotient_text(row.backward, digits),
                _error_text(row.backward_error),
                _quotient_text(row.central, digits),
                _error_text(row.central_error),
            )
            for column, text in enumerate(texts):
                item = self.table.item(row_index, column)
                if item is None:
                    item = QTableWidgetItem()
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                    self.table.setItem(row_index, column, item)
                item.setText(text)
                item.setBackground(highlight if best_rows.get(column) is row else QBrush())

    def _draw_errors(self, table: LimitTable, value: float, slope, second) -> None:
        steps = table.steps()
        for scheme, curve in self.curves.items():
            errors = table.errors(scheme)
            shown = np.where(errors > 0, errors, np.nan)  # 0 = exact: no place on a log axis
            if np.isfinite(shown).any():
                curve.setData(steps, shown, connect="finite")
            else:
                curve.setData([], [])
        precision = table.precision
        predicted = (optimal_forward_step(value, slope, second, table.x0, precision)
                     if slope is not None else None)
        # Each guide is drawn on its own arm of the V (a decade and a half past the
        # crossing), so the two straight lines read as the two causes, not as clutter.
        fine = np.geomspace(1e-16, 1e-1, 61)
        right_arm = fine >= predicted / 30 if predicted is not None else np.ones_like(fine, bool)
        left_arm = fine <= predicted * 30 if predicted is not None else np.ones_like(fine, bool)
        if slope is not None and math.isfinite(second) and second != 0:
            self.truncation_line.setData(fine[right_arm],
                                         truncation_error_model(second, fine[right_arm]))
        else:
            self.truncation_line.setData([], [])
        slope_for_model = slope if slope is not None else 0.0
        roundoff = roundoff_error_model(value, slope_for_model, table.x0, precision,
                                        fine[left_arm])
        if roundoff.size and np.all(roundoff > 0):
            self.roundoff_line.setData(fine[left_arm], roundoff)
        else:
            self.roundoff_line.setData([], [])
        scheme = "forward"
        best = table.best(scheme)
        if best is not None and best.forward_error > 0:
            self.best_marker.setData([best.h], [best.forward_error])
            self.best_text.setText(tr("best h"))
            self.best_text.setPos(math.log10(best.h), math.log10(best.forward_error))
        else:
            self.best_marker.setData([], [])
            self.best_text.setText("")
        # The error plot keeps whole decades in view whatever the data.
        self.error_plot.setXRange(-16.3, -0.7, padding=0)
        finite = np.concatenate([table.errors(s) for s in SCHEMES])
        exact = np.isfinite(finite) & (finite == 0)
        finite = finite[np.isfinite(finite) & (finite > 0)]
        if finite.size:
            self.empty_text.setText("")
            low = max(math.floor(math.log10(finite.min())) - 0.5, -18)
            high = math.ceil(math.log10(finite.max())) + 0.5
            self.error_plot.setYRange(low, max(high, low + 2), padding=0)
        else:
            self.error_plot.setYRange(-16, 0, padding=0)
            self.empty_text.setPos(-8.5, -8)
            self.empty_text.setText(
                tr("Every quotient is exact here (f is straight on each side): no V.")
                if exact.any() else tr("The quotients grow without bound (see the table): "
                                       "there is no derivative to miss."))
        self._update_best_label(table, value, slope, second, best)

    def _update_best_label(self, table, value, slope, second, best) -> None:
        if table.exact is None:
            if table.left is not None or table.right is not None:
                text = tr("A kink: forward quotients → right slope {right}, backward → left "
                          "slope {left}, central → nothing.").format(
                    right=number(table.right), left=number(table.left))
            else:
                text = tr("No derivative at x₀: the quotients grow without bound.")
            self.best_label.setText(text)
            self.best_label.setToolTip(text)
            return
        parts = []
        if best is not None:
            parts.append(tr("Best forward h here: <b>{h}</b> (error {error}).").format(
                h=number(best.h, 2), error=number(best.forward_error, 2)))
        predicted = (optimal_forward_step(value, slope, second, table.x0, table.precision)
                     if slope is not None and math.isfinite(second) else None)
        if predicted is not None:
            parts.append(tr("Theory: h ≈ √(ε·|f|/|f″|) ≈ {h}.").format(h=number(predicted, 2)))
        self.best_label.setText(" ".join(parts))
        self.best_label.setToolTip(self.best_label.text())

    def _update_explanation(self) -> None:
        precision = self._model.precision
        eps = number(machine_epsilon(precision), 2)
        theme = self._theme
        # The legend and the one-sentence explanation in one label: room for the V.
        self.explanation.setText(tr(
            "<span style='color:{f}'>●</span> forward <span style='color:{b}'>▼</span> "
            "backward <span style='color:{c}'>■</span> central. "
            "<span style='color:{m}'>- - -</span> <b>truncation</b> ≈ |f″|·h/2 shrinks with "
            "h; <span style='color:{m}'>· · ·</span> <b>round-off</b> ≈ ε·|f|/h grows "
            "(ε = {eps} in {precision}). The best h is the bottom of the V.").format(
            f=theme.secant, b=theme.derivative, c=theme.accent, m=theme.muted, eps=eps,
            precision=precision))
        self.explanation.setToolTip(tr(
            "Truncation error: a secant is not the tangent; by Taylor, the forward quotient "
            "is off by about |f″(x₀)|·h/2, which shrinks as h does.\n"
            "Round-off error: f(x₀ + h) and f(x₀) agree in almost all their digits, so their "
            "difference keeps only a few correct ones (each value is only known to about "
            "ε·|f|), and dividing by a tiny h magnifies what was lost: about ε·|f|/h.\n"
            "Their sum falls, then rises: the V. Its bottom, near h ≈ √(ε·|f|/|f″|), is the "
            "best step. Lower precision (larger ε) lifts the left arm and moves the bottom "
            "to a larger h."))


def _superscript(exponent: int) -> str:
    table = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")
    return str(exponent).translate(table)


def _quotient_text(value: float, digits: int = 13) -> str:
    if math.isnan(value):
        return tr("h = 0 here")
    if math.isinf(value):
        return tr("overflow")
    return number(value, digits)


def _error_text(error: float) -> str:
    if math.isnan(error):
        return "—"
    if error == 0:
        return tr("0 (exact)")
    return number(error, 2)
