"""Helpers that keep panels from redrawing what nobody sees or what did not change.

A function edit reaches every panel at once; with the labs in tabs, two of them are
behind another tab. Redrawing them anyway cost most of an edit's time, so a panel out
of sight only notes that it is stale and catches up when it comes into sight.
"""

from __future__ import annotations

from contextlib import contextmanager

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QGraphicsItem, QGraphicsScene, QGraphicsView, QWidget

from visualizer.widgets.event_filters import filter_owner_gone

__all__ = ["StaleWhileHidden", "cache_axes", "cells_filled_quietly", "out_of_sight",
           "painted_in_one_frame", "repaint_in_next_frame", "set_axis_label"]


def out_of_sight(widget: QWidget) -> bool:
    """True when ``widget`` is part of a shown window but nothing of it can be seen.

    A closed dock, a dock behind another tab (it keeps ``isVisible()`` but its visible
    region is empty), a page of a stack that is not current. A widget whose window was
    never shown is *not* out of sight: it may be drawn elsewhere (an export shows one of
    its views on its own), so it draws as always.
    """
    window = widget.window()
    if window is widget or not window.isVisible():
        return False
    return not widget.isVisible() or widget.visibleRegion().isEmpty()


class StaleWhileHidden(QObject):
    """Remembers that a panel skipped a redraw while hidden, and replays it once.

    Parameters
    ----------
    widget : QWidget
        The panel (also this object's parent).
    redraw : callable
        Brings the whole panel up to date with the model (no arguments).

    Notes
    -----
    The panel asks :meth:`skip` at the top of a handler of a model signal and returns
    at once when it answers True. The skipped work is done by ``redraw``, once, when
    :meth:`catch_up` is called: by the main window when the panel's dock comes into
    sight (``QDockWidget.visibilityChanged``), or, as a fallback, on the panel's next
    show or paint event (watched here, so no panel has to override them).
    """

    def __init__(self, widget: QWidget, redraw):
        super().__init__(widget)
        self._widget = widget
        self._redraw = redraw
        self._catching_up = False
        self.stale = False
        widget.installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt's name
        if filter_owner_gone(self, watched, "stale"):
            return False
        # Back in sight (a tab brought forward) without anyone calling catch_up.
        if self.stale and event.type() in (QEvent.Type.Show, QEvent.Type.Paint):
            QTimer.singleShot(0, self, self.catch_up)
        return False

    def skip(self) -> bool:
        """True when the handler need not run: the panel is hidden, or it just caught up."""
        if self._catching_up:  # the redraw itself runs the handlers: let them draw
            return False
        if out_of_sight(self._widget):
            self.stale = True
            return True
        if self.stale:  # back in sight before anyone called catch_up: the full redraw
            self.catch_up()
            return True
        return False

    def catch_up(self) -> None:
        """Redraw now if a redraw was skipped (the caller knows the panel is shown)."""
        if self.stale:
            self.stale = False
            self._catching_up = True
            try:
                self._redraw()
            finally:
                self._catching_up = False


def set_axis_label(plot, side: str, text: str) -> None:
    """Set an axis title of a pyqtgraph plot only when it changes.

    ``setLabel`` re-typesets the title as HTML and relays the axis out even when the
    text is the same, and that showed up in every function edit.
    """
    axis = plot.getAxis(side)
    if axis.labelText == text and axis.label.isVisible() == bool(text):
        return
    plot.setLabel(side, text)


@contextmanager
def cells_filled_quietly(table):
    """Set many cells of a ``QTableWidget`` with one repaint instead of one per cell.

    Each ``setText``/``setBackground`` on an item makes the model signal the view, and a
    header that resizes to its contents then measures again: ~0.1 ms a cell, 20 ms for
    a limit table. Inside this block the model is silent; at the end the view hears once
    that every cell changed. Rows and spans must be set *outside* the block.
    """
    model = table.model()
    was_blocked = model.blockSignals(True)
    try:
        yield
    finally:
        model.blockSignals(was_blocked)
        rows, columns = model.rowCount(), model.columnCount()
        if rows and columns and not was_blocked:
            model.dataChanged.emit(model.index(0, 0), model.index(rows - 1, columns - 1), [])


def cache_axes(plot) -> None:
    """Paint a pyqtgraph plot's axes (and the grid they draw) from cached pixmaps.

    With a grid, an axis covers the whole view, so any change in the view repaints it,
    and replaying its picture of ticks and labels was about half of all the painting a
    function edit caused (software rendering). A cached axis is blitted; pyqtgraph
    calls ``update()`` on it when its ticks change, which renders the cache again.
    Items move often in these small plots, so the scene keeps no index of them either.
    """
    item = plot.getPlotItem()
    for name in ("left", "bottom", "right", "top"):
        item.getAxis(name).setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
    plot.scene().setItemIndexMethod(QGraphicsScene.ItemIndexMethod.NoIndex)


def repaint_in_next_frame(*views) -> None:
    """Make pyqtgraph views repaint whole in the next window frame.

    After a new function every view of a lab changes, but each view's changes reached
    the window one frame after the other (pyqtgraph brings a view box's transform up to
    date only when it paints), so a lab appeared plot by plot over five or six frames.
    Marking the viewports dirty now paints them all in the next frame.
    """
    for view in views:
        if view is not None and view.isVisible():
            view.viewport().update()


class _ModeRestorer(QObject):
    """Gives views back their update mode after their scenes' pending changes ran.

    ``restore_later`` is connected to itself through a queued connection: its call is
    posted behind the scenes' own queued "process the changed items" calls, which were
    posted while the items changed, so it runs after them.
    """

    restore_later = Signal()

    def __init__(self):
        super().__init__()
        #: View -> its update mode before :func:`painted_in_one_frame` changed it.
        self.pending: dict[QGraphicsView, QGraphicsView.ViewportUpdateMode] = {}
        self.restore_later.connect(self._restore, Qt.ConnectionType.QueuedConnection)

    def _restore(self) -> None:
        pending, self.pending = self.pending, {}
        for view, mode in pending.items():
            try:
                view.setViewportUpdateMode(mode)
            except RuntimeError:  # the view was deleted meanwhile
                pass


_restorer: _ModeRestorer | None = None


@contextmanager
def painted_in_one_frame(*views):
    """Show the changes a block makes to several pyqtgraph views in one window frame.

    A graphics scene repaints its window the moment it has processed its changed items
    (``QGraphicsScene`` dispatches the window's pending update request at once), so
    five plots changed together reached the screen in five window frames, one after the
    other: at the frame rate of a drag that was a quarter of the time of each update.
    Inside the block the views ignore their scenes' changes; at its end each viewport is
    marked dirty whole, so the first scene to be processed paints them all, and the
    views follow their scenes again once the scenes have been processed.
    """
    global _restorer
    if _restorer is None:
        _restorer = _ModeRestorer()
    shown = [view for view in views if view is not None and view.isVisible()]
    for view in shown:
        _restorer.pending.setdefault(view, view.viewportUpdateMode())
        view.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.NoViewportUpdate)
    try:
        yield
    finally:
        for view in shown:
            view.viewport().update()
        _restorer.restore_later.emit()
