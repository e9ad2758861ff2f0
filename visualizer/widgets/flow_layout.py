"""A layout that places its items in a row and wraps them onto more rows when narrow.

Controls rows of the labs use it so that a lab fits a narrow dock (a 1024 × 768
projector with the lesson text beside it) without cutting any control off: the
layout is as narrow as its widest item and as tall as the rows it needs at the width
it gets (``heightForWidth``).
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import QHBoxLayout, QLayout, QSizePolicy, QWidget


class FlowLayout(QLayout):
    """Items left to right, wrapped onto new rows when they do not fit.

    Parameters
    ----------
    parent : QWidget, optional
    spacing : int
        Pixels between items, across (and down, unless ``row_spacing`` is given).
    row_spacing : int, optional
        Pixels between rows (typeset formulas of different heights read as lines
        with none).
    wide_hint : bool
        The size hint is all items in one row (controls: the row they would like);
        False: the minimum (formulas that should take only the room they get).
    """

    def __init__(self, parent: QWidget | None = None, spacing: int = 4,
                 row_spacing: int | None = None, wide_hint: bool = True):
        super().__init__(parent)
        self._items = []
        self._spacing = spacing
        self._row_spacing = spacing if row_spacing is None else row_spacing
        self._wide_hint = wide_hint
        self.setContentsMargins(0, 0, 0, 0)

    # -- QLayout's interface ------------------------------------------------------------
    def addItem(self, item) -> None:  # noqa: N802 - Qt's name
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int):  # noqa: N802 - Qt's name
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int):  # noqa: N802 - Qt's name
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:  # noqa: N802 - Qt's name
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:  # noqa: N802 - Qt's name
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802 - Qt's name
        return self._arrange(QRect(0, 0, width, 0), move=False)

    def setGeometry(self, rect: QRect) -> None:  # noqa: N802 - Qt's name
        super().setGeometry(rect)
        self._arrange(rect, move=True)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        if not self._wide_hint:
            return self.minimumSize()
        # All in one row: the width it would like.
        width, height = 0, 0
        for item in self._visible_items():
            hint = item.sizeHint()
            width += hint.width() + (self._spacing if width else 0)
            height = max(height, hint.height())
        margins = self.contentsMargins()
        return QSize(width + margins.left() + margins.right(),
                     height + margins.top() + margins.bottom())

    def minimumSize(self) -> QSize:  # noqa: N802 - Qt's name
        # One item per row at worst: as narrow as the widest item.
        size = QSize()
        for item in self._visible_items():
            size = size.expandedTo(item.minimumSize())
        margins = self.contentsMargins()
        return size + QSize(margins.left() + margins.right(), margins.top() + margins.bottom())

    # -- placing ---------------------------------------------------------------------------
    def _visible_items(self) -> list:
        return [item for item in self._items if not item.isEmpty()]

    def _arrange(self, rect: QRect, move: bool) -> int:
        """Place the items in ``rect`` (when ``move``); return the height they take."""
        margins = self.contentsMargins()
        area = rect.adjusted(margins.left(), margins.top(), -margins.right(), -margins.bottom())
        x, y, row_height = area.x(), area.y(), 0
        row: list[tuple] = []
        for item in self._visible_items():
            hint = item.sizeHint()
            # Wider than the whole row: given the row (a formula scales itself down).
            width = min(hint.width(), max(1, area.width()))
            if row and x + width > area.right() + 1:
                self._place_row(row, row_height, move)
                x, y = area.x(), y + row_height + self._row_spacing
                row, row_height = [], 0
            row.append((item, QPoint(x, y), width))
            x += width + self._spacing
            row_height = max(row_height, hint.height())
        self._place_row(row, row_height, move)
        return y + row_height - rect.y() + margins.bottom()

    @staticmethod
    def _place_row(row, height: int, move: bool) -> None:
        if not move:
            return
        for item, origin, width in row:
            # Centred in the row's height: a check box beside a taller combo box.
            hint = item.sizeHint().height()
            top = origin.y() + max(0, (height - hint) // 2)
            item.setGeometry(QRect(QPoint(origin.x(), top), QSize(width, hint)))


def control_group(parent: QWidget, *widgets, spacing: int = 3) -> QWidget:
    """Widgets that stay together on one row of a :class:`FlowLayout` (a labelled group).

    The widgets keep their order (and so their place in the keyboard's Tab order).
    """
    group = QWidget(parent)
    row = QHBoxLayout(group)
    row.setContentsMargins(0, 0, 0, 0)
    row.setSpacing(spacing)
    for widget in widgets:
        if isinstance(widget, int):
            row.addSpacing(widget)
        else:
            row.addWidget(widget)
    group.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
    return group
