"""Dragging points of a pyqtgraph plot with the mouse, without losing a move.

pyqtgraph's own drag events are rate-limited (``mouseRateLimit``: moves under 10 ms
after the previous one are dropped), so the last position of a fast drag can be lost
(docs/platform-notes.md). This controller sits in front of pyqtgraph as an event filter on the
plot's viewport instead: a press on a handle starts a drag, moves only record the latest
position and ask for one update once the events already queued have been handled (so a
burst of moves costs one update and one paint), and the release applies its own
position at once. Presses elsewhere go on to pyqtgraph (pan, zoom) untouched.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QPointF, Qt, QTimer, Signal


class PlotDragController(QObject):
    """Turns mouse presses, moves and releases on a plot's viewport into handle drags.

    Parameters
    ----------
    viewport : QWidget
        The viewport of a ``pyqtgraph.PlotWidget`` (where mouse events arrive).
    hit_test : callable
        ``hit_test(QPointF) -> str | None``: the name of the handle under a viewport
        position, or None.
    move_to : callable
        ``move_to(name, QPointF)``: put handle ``name`` where the mouse is.
    click : callable, optional
        ``click(QPointF) -> bool``: a press that is not on a handle; return True to
        consume it (e.g. a click on a marked point).

    Signals
    -------
    drag_started(str)
        A handle was grabbed.
    drag_finished(str)
        A handle was released, after its final position was applied.
    """

    drag_started = Signal(str)
    drag_finished = Signal(str)

    def __init__(self, viewport, hit_test: Callable, move_to: Callable,
                 click: Callable | None = None, parent=None):
        super().__init__(parent)
        self._viewport = viewport
        self._hit_test = hit_test
        self._move_to = move_to
        self._click = click
        self._dragging: str | None = None
        self._pending: QPointF | None = None
        self._hovering = False
        self._flush_timer = QTimer(self)
        self._flush_timer.setSingleShot(True)
        self._flush_timer.setInterval(0)
        self._flush_timer.timeout.connect(self._flush)
        viewport.installEventFilter(self)
        viewport.setMouseTracking(True)

    @property
    def dragging(self) -> str | None:
        """The name of the handle being dragged, or None."""
        return self._dragging

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt's name
        kind = event.type()
        if kind == QEvent.Type.MouseButtonPress:
            return self._press(event)
        if kind == QEvent.Type.MouseMove:
            return self._moved(event)
        if kind == QEvent.Type.MouseButtonRelease:
            return self._release(event)
        if kind == QEvent.Type.MouseButtonDblClick and self._dragging is not None:
            return True
        if kind == QEvent.Type.Leave and self._hovering and self._dragging is None:
            self._set_hover(False)
        return False

    def cancel(self) -> None:
        """Stop a drag where it is (e.g. the function changed under the mouse)."""
        name, self._dragging, self._pending = self._dragging, None, None
        self._flush_timer.stop()
        if name is not None:
            self.drag_finished.emit(name)

    # -- events ---------------------------------------------------------------------------
    def _press(self, event) -> bool:
        if event.button() != Qt.MouseButton.LeftButton:
            return False
        position = event.position()
        name = self._hit_test(position)
        if name is None:
            return bool(self._click is not None and self._click(position))
        self._dragging = name
        self._pending = None
        self._viewport.setCursor(Qt.CursorShape.ClosedHandCursor)
        self.drag_started.emit(name)
        return True

    def _moved(self, event) -> bool:
        position = event.position()
        if self._dragging is None:
            over = self._hit_test(position) is not None
            if over != self._hovering:
                self._set_hover(over)
            return False
        self._pending = QPointF(position)
        if not self._flush_timer.isActive():
            self._flush_timer.start()
        return True

    def _release(self, event) -> bool:
        if self._dragging is None or event.button() != Qt.MouseButton.LeftButton:
            return False
        self._flush_timer.stop()
        name = self._dragging
        self._move_to(name, event.position())  # the final position, never dropped
        self._dragging, self._pending = None, None
        self._set_hover(self._hit_test(event.position()) is not None)
        self.drag_finished.emit(name)
        return True

    def _flush(self) -> None:
        if self._dragging is not None and self._pending is not None:
            position, self._pending = self._pending, None
            self._move_to(self._dragging, position)

    def _set_hover(self, over: bool) -> None:
        self._hovering = over
        if over:
            self._viewport.setCursor(Qt.CursorShape.OpenHandCursor)
        else:
            self._viewport.unsetCursor()
