"""Stationary and inflection points: the list, with the reasons for each kind.

The points themselves come from the model (``critical_points``, computed by the
symbolic side); this table adds what the chapters teach about them — the signs of f′
just left and right (the sign table: +,− maximum; −,+ minimum; +,+ and −,− neither) and
the value of f″ (the second-derivative test). Choosing a row moves x₀ there.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem

from visualizer.core.limits import near_kink
from visualizer.i18n import error_message
from visualizer.panels.redraw import cells_filled_quietly
from visualizer.panels.secant_items import number

#: More points than this are listed but not labelled on the plot.
MAX_LABELLED = 24


def tr(text: str) -> str:
    return QCoreApplication.translate("SecantPoints", text)


@dataclass(frozen=True)
class MarkedPoint:
    """A point worth marking on the curve.

    Attributes
    ----------
    kind : str
        ``"minimum"``, ``"maximum"``, ``"neither"`` (stationary, no extremum) or
        ``"inflection"``.
    x, value : float
    """

    kind: str
    x: float
    value: float


def marked_points(critical_points) -> list[MarkedPoint]:
    """The stationary and inflection points of a ``Model.critical_points`` dict.

    Returns an empty list while they are unknown (None), after an error, or when
    the symbolic side found no finite set (``null`` entries).
    """
    if not isinstance(critical_points, dict) or "error" in critical_points:
        return []
    points = []
    for entry in critical_points.get("stationary_points") or ():
        if "x" in entry and entry.get("value") is not None:
            points.append(MarkedPoint(str(entry.get("kind", "neither")), float(entry["x"]),
                                      float(entry["value"])))
    for entry in critical_points.get("inflection_points") or ():
        if "x" in entry and entry.get("value") is not None:
            points.append(MarkedPoint("inflection", float(entry["x"]), float(entry["value"])))
    return sorted(points, key=lambda point: point.x)


def kind_title(kind: str) -> str:
    return {
        "minimum": tr("minimum"),
        "maximum": tr("maximum"),
        "neither": tr("stationary, no extremum"),
        "inflection": tr("inflection point"),
    }.get(kind, kind)


def _sign(value: float) -> str:
    if not math.isfinite(value):
        return "?"
    if abs(value) < 1e-12:
        return "0"
    return "+" if value > 0 else "−"


def reason(point: MarkedPoint, df, d2f, spacing: float, kinks=()) -> str:
    """Why the point is of its kind, in the chapters' terms (signs of f′, value of f″)."""
    left, right = df(point.x - spacing), df(point.x + spacing)
    curvature = d2f(point.x)
    if point.kind == "inflection":
        before, after = d2f(point.x - spacing), d2f(point.x + spacing)
        return tr("f″ changes sign: {a} → {b}").format(a=_sign(before), b=_sign(after))
    signs = tr("f′: {a} → {b}").format(a=_sign(left), b=_sign(right))
    if near_kink(point.x, kinks) is not None:
        return signs + tr("; f′ does not exist here (a kink), so f″ cannot be tested")
    if not math.isfinite(curvature):
        return signs + tr("; f″ undefined (a kink)")
    if abs(curvature) < 1e-12:
        return signs + tr("; f″ = 0: the second-derivative test cannot decide")
    return signs + tr("; f″ = {v} {cmp} 0").format(
        v=number(curvature, 4), cmp=">" if curvature > 0 else "<")


class PointsTable(QTableWidget):
    """The marked points of the current function; choosing one moves x₀ there.

    Attributes
    ----------
    points : list of MarkedPoint
        The rows, in order of x.
    """

    def __init__(self, model, parent=None):
        super().__init__(0, 4, parent)
        self.setObjectName("secantPointsTable")
        self._model = model
        self.points: list[MarkedPoint] = []
        self.setAccessibleName(tr("Stationary and inflection points"))
        self.setToolTip(tr("Stationary points (f′ = 0) with their kind and why, and inflection "
                           "points (f″ changes sign). Click a row to move x₀ there."))
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.verticalHeader().setVisible(False)
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.horizontalHeader().setStretchLastSection(True)
        self.cellClicked.connect(self._on_cell_chosen)
        self.cellActivated.connect(self._on_cell_chosen)
        # A new function is always followed at once by its points (or "not known yet"),
        # so the points alone trigger the refresh.
        model.critical_points_changed.connect(self.refresh)
        self.refresh()

    def refresh(self, _value=None) -> None:
        """List the model's current points (or say why there are none)."""
        state = self._model.function
        variable = state.variable if state is not None else "x"
        self.setHorizontalHeaderLabels(
            [tr("kind"), variable, f"f({variable})", tr("why (sign table, second-derivative test)")])
        critical = self._model.critical_points
        self.points = [] if state is None or state.is_2d else marked_points(critical)
        if not self.points:
            self.setRowCount(1)
            if critical is None:
                message = tr("Looking for stationary and inflection points…")
            elif isinstance(critical, dict) and "error" in critical:
                message = tr("The points could not be found: {m}").format(
                    m=error_message(critical["error"]))
            else:
                message = tr("No stationary or inflection points in the visible range.")
            self.setSpan(0, 0, 1, 4)
            self._set(0, 0, message)
            return
        self.clearSpans()
        self.setRowCount(len(self.points))
        with cells_filled_quietly(self):
            self._fill_rows(state)

    def _fill_rows(self, state) -> None:
        low, high = self._model.x_range
        spacing = 1e-4 * (high - low)
        df, d2f = state.functions.scalars["df"], state.functions.scalars["d2f"]
        for row, point in enumerate(self.points):
            self._set(row, 0, kind_title(point.kind))
            self._set(row, 1, number(point.x, 8))
            # sin(π) = 1.2e-16 in floating point: a value at round-off level is 0.
            value = 0.0 if abs(point.value) < 1e-12 else point.value
            self._set(row, 2, number(value, 8))
            self._set(row, 3, reason(point, df, d2f, spacing, state.functions.kinks))

    def _set(self, row: int, column: int, text: str) -> None:
        item = self.item(row, column)
        if item is None:
            item = QTableWidgetItem()
            self.setItem(row, column, item)
        item.setText(text)
        alignment = Qt.AlignmentFlag.AlignRight if column in (1, 2) else Qt.AlignmentFlag.AlignLeft
        item.setTextAlignment(alignment | Qt.AlignmentFlag.AlignVCenter)

    def _on_cell_chosen(self, row: int, _column: int) -> None:
        if 0 <= row < len(self.points):
            self._model.set_x0(self.points[row].x)
