"""Tabs under a lab's plots that fold away to their tab bar, so the plots get the height.

A lab on a projector (1024 × 768, large type) has no height to spare: the tables and
extras under its plots fold to their tab bar when the lab is short, until the user opens
them; the user can fold or open them at any time with the button in the tabs' corner or
a click on a tab, and that choice is kept while the lab changes size.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtWidgets import QSplitter, QStackedWidget, QTabWidget, QToolButton

#: Qt's largest widget size (QWIDGETSIZE_MAX).
QWIDGETSIZE_MAX = (1 << 24) - 1


def tr(text: str) -> str:
    return QCoreApplication.translate("TabFolder", text)


class TabFolder(QObject):
    """Folds ``tabs`` (one side of ``splitter``) to its tab bar and opens it again.

    Parameters
    ----------
    tabs : QTabWidget
        The tabs; a toggle button is put in their top-right corner.
    splitter : QSplitter
        The splitter holding ``tabs``; the other side takes the height freed.
    name : str
        Object name of the toggle button.
    tip : str
        Its tooltip (translated by the caller).
    min_lines : int
        Open, the tabs may be made this many lines of text short (plus their bar).

    Signals
    -------
    folded_changed(bool)
        True when only the tab bar shows now, False when a page shows.
    """

    folded_changed = Signal(bool)

    def __init__(self, tabs: QTabWidget, splitter: QSplitter, name: str, tip: str,
                 min_lines: int = 4):
        super().__init__(tabs)
        self.tabs = tabs
        self.splitter = splitter
        self.min_lines = min_lines
        self.button = QToolButton(tabs)
        self.button.setObjectName(name)
        self.button.setCheckable(True)
        self.button.setChecked(True)
        self.button.setAutoRaise(True)
        self.button.setToolTip(tip)
        self.button.setAccessibleName(tr("Show the tabs"))
        self.button.toggled.connect(self._on_toggled)
        tabs.setCornerWidget(self.button, Qt.Corner.TopRightCorner)
        tabs.tabBarClicked.connect(self._on_tab_clicked)
        self._pages = tabs.findChild(QStackedWidget, "qt_tabwidget_stackedwidget")
        self._wanted = True  # the user's choice, kept while the lab is short
        self._compact = False  # too short: only the bar shows until the user opens it
        self._opened_while_compact = False
        self._enabled = True  # disabled: always open, no button (tabs beside the plots)
        self._open_sizes: list[int] | None = None
        self._folded_shown: bool | None = None

    @property
    def is_open(self) -> bool:
        """True while a page shows, False when only the tab bar does."""
        if not self._enabled:
            return True
        return self._wanted and (not self._compact or self._opened_while_compact)

    @property
    def compact(self) -> bool:
        return self._compact

    def set_open(self, wanted: bool) -> None:
        """Open or fold the tabs, as the user would (the choice is kept)."""
        if wanted != self.is_open:
            self.button.setChecked(wanted)  # -> _on_toggled

    def set_compact(self, compact: bool) -> None:
        """The lab is short (fold unless the user opened them) or tall again."""
        if compact == self._compact:
            return
        self._compact = compact
        if not compact:
            self._opened_while_compact = False
        self.apply()

    def set_enabled(self, enabled: bool) -> None:
        """Disabled, the tabs stay open and the button hides (tabs beside the plots)."""
        if enabled != self._enabled:
            self._enabled = enabled
            self.button.setVisible(enabled)
            self.apply()

    def set_open_sizes(self, sizes: list[int]) -> None:
        """The splitter's sizes to use when the tabs (next) show a page."""
        self._open_sizes = list(sizes)

    def bar_height(self) -> int:
        return max(self.tabs.tabBar().sizeHint().height(), self.button.sizeHint().height()) + 2

    def apply(self, resize: bool = False) -> None:
        """Show a page or only the bar (again after a change of type size: ``resize``)."""
        opened = self.is_open
        shown = not self._pages.isHidden()
        tabs = self.tabs
        if opened:
            self._pages.setVisible(True)
            if self._enabled:
                tabs.setMinimumHeight(self.bar_height()
                                      + self.min_lines * tabs.fontMetrics().height())
            else:
                tabs.setMinimumHeight(0)
            tabs.setMaximumHeight(QWIDGETSIZE_MAX)
            if (resize or not shown) and self._open_sizes and self._enabled:
                self.splitter.setSizes(self._open_sizes)
        else:
            if shown and not resize:
                self._open_sizes = self.splitter.sizes()
            self._pages.setVisible(False)
            tabs.setFixedHeight(self.bar_height())
        self.button.blockSignals(True)
        self.button.setChecked(opened)
        self.button.blockSignals(False)
        # Qt's arrow icons stay tiny in large type: the arrows are characters.
        self.button.setText(("▾ " + tr("Hide")) if opened else ("▴ " + tr("Show")))
        if self._folded_shown is None or self._folded_shown == opened:
            self._folded_shown = not opened
            self.folded_changed.emit(not opened)

    def _on_toggled(self, checked: bool) -> None:
        self._wanted = checked
        self._opened_while_compact = checked and self._compact
        self.apply()

    def _on_tab_clicked(self, index: int) -> None:
        # Emitted on the press, before the tab becomes current.
        if not self._enabled:
            return
        if not self.is_open:
            self.set_open(True)
        elif index == self.tabs.currentIndex():
            self.set_open(False)
