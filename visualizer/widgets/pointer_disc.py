"""The presenter's pointer highlight: one look, drawn by the overlay over the window and
by the 3-D view over its scene (nothing can be laid over a native GL window)."""

from __future__ import annotations

from PySide6.QtCore import QPointF
from PySide6.QtGui import QColor, QPaintDevice, QPainter, QPen

#: The disc's colour and the opacity of its fill (0–255).
HIGHLIGHT_COLOR = "#ffd400"
HIGHLIGHT_ALPHA = 90


def paint_pointer_disc(device: QPaintDevice, centre, radius: float) -> None:
    """A translucent yellow disc with a darker ring at ``centre`` on ``device``."""
    painter = QPainter(device)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    fill = QColor(HIGHLIGHT_COLOR)
    fill.setAlpha(HIGHLIGHT_ALPHA)
    ring = QColor(HIGHLIGHT_COLOR).darker(150)
    ring.setAlpha(200)
    painter.setPen(QPen(ring, 2))
    painter.setBrush(fill)
    painter.drawEllipse(QPointF(centre), radius, radius)
    painter.end()
