"""Typeset formulas: LaTeX -> SVG with ziamath (pure Python) -> drawn by QtSvg.

ziamath takes ~10-25 ms per formula, so it runs on a background thread and the label
shows the plain text until the picture is ready. docs/platform-notes.md: with ``svg2`` left on,
QtSvg draws only the fraction bars, hence ``ziamath.config.svg2 = False``.
"""

from __future__ import annotations

import threading
import weakref
from collections import OrderedDict
from concurrent.futures import ThreadPoolExecutor

from PySide6.QtCore import QByteArray, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QPainter
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QSizePolicy, QWidget

from visualizer import gui_thread

_executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="formula")
_cache: OrderedDict[tuple, bytes] = OrderedDict()
_cache_lock = threading.Lock()
#: Rendered formulas kept (~14 kB each): the formulas of the last dozen or so
#: functions, enough for undo and redo to find theirs without rendering again.
_CACHE_SIZE = 64


def render_svg(latex: str, color: str, size: float) -> bytes:
    """SVG bytes of ``latex`` in ``color`` at font ``size`` (points); cached."""
    key = (latex, color, round(size, 1))
    with _cache_lock:
        if key in _cache:
            _cache.move_to_end(key)
            return _cache[key]
    import ziamath

    ziamath.config.svg2 = False
    try:
        svg = ziamath.Latex(latex, size=size, color=color).svg().encode()
    except Exception:  # noqa: BLE001 - an unrenderable formula falls back to its text
        svg = b""
    with _cache_lock:
        _cache[key] = svg
        while len(_cache) > _CACHE_SIZE:
            _cache.popitem(last=False)
    return svg


def wait_for_renders(timeout: float = 10.0) -> None:
    """Block until every render queued so far has finished (before shutting Qt down).

    The pool has one worker and runs in order, so an empty job queued now has run once
    everything before it has.
    """
    _executor.submit(lambda: None).result(timeout=timeout)


class FormulaLabel(QWidget):
    """Shows one typeset formula; falls back to its plain text while rendering.

    Signals
    -------
    rendered()
        The typeset picture of the current formula is on screen (tests wait on it).
    """

    rendered = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self._renderer: QSvgRenderer | None = None
        self._latex = ""
        self._plain = ""
        self._color = "#000000"
        self._size = 14.0
        self._generation = 0
        # Shared with the render thread: the newest generation asked for.
        self._latest = [0]
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setMinimumHeight(24)

    @property
    def latex(self) -> str:
        """The LaTeX currently shown (or being rendered)."""
        return self._latex

    def has_picture(self) -> bool:
        """True when the typeset picture (not the fallback text) is shown."""
        return self._renderer is not None

    def set_formula(self, latex: str, plain: str = "", color: str | None = None,
                    size: float | None = None) -> None:
        """Show ``latex``; ``plain`` is drawn until the picture is ready."""
        color = color or self._color
        size = size or self._size
        if (latex, color, size) == (self._latex, self._color, self._size):
            return
        self._latex, self._plain, self._color, self._size = latex, plain or latex, color, size
        self._generation += 1
        self._renderer = None
        self.setAccessibleName(self._plain)
        self.setToolTip(self._plain)
        self.update()
        generation, latest = self._generation, self._latest
        # Weakly, and through call_in_gui_thread rather than a signal emitted by the
        # render thread (see visualizer.gui_thread): a closing panel may delete the label.
        deliver = weakref.WeakMethod(self._on_rendered)
        latest[0] = generation
        gui_thread.prepare()

        def work():
            if latest[0] != generation:
                return  # replaced before its turn came: typing fast must not queue renders
            gui_thread.call_in_gui_thread(deliver, generation, render_svg(latex, color, size))

        _executor.submit(work)

    def clear(self) -> None:
        self.set_formula("", "")

    def _on_rendered(self, generation: int, svg: bytes) -> None:
        if generation != self._generation:
            return
        # No Qt parent: the label holds the only reference, so a replaced picture is freed
        # (parented to the label, every old renderer lived as long as the label).
        renderer = QSvgRenderer(QByteArray(svg)) if svg else None
        self._renderer = renderer if renderer is not None and renderer.isValid() else None
        if self._renderer is not None:
            size = self._renderer.defaultSize()
            self.setMinimumHeight(max(24, size.height() + 6))
            self.updateGeometry()
        self.update()
        self.rendered.emit()

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        if self._renderer is not None:
            size = self._renderer.defaultSize()
            return QSize(size.width() + 8, size.height() + 6)
        return QSize(200, 28)

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt's name
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if self._renderer is not None:
            size = self._renderer.defaultSize()
            scale = min(1.0, (self.width() - 8) / max(1, size.width()))
            width, height = size.width() * scale, size.height() * scale
            top = (self.height() - height) / 2
            self._renderer.render(painter, QRectF(4, top, width, height))
        elif self._plain:
            painter.setPen(self.palette().text().color())
            painter.drawText(self.rect().adjusted(4, 0, -4, 0),
                             Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                             self._plain)
        painter.end()
