"""Pictures of the window as a person sees it, 3-D view included.

``QWidget.grab()`` leaves the OpenGL window blank (it is a separate native window,
docs/platform-notes.md), so the 3-D frame is read back with ``grabFramebuffer()`` and painted over
its container.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint
from PySide6.QtGui import QImage, QPainter
from PySide6.QtWidgets import QWidget


def grab_widget(widget: QWidget) -> QImage:
    """An image of ``widget`` with every visible 3-D view drawn in."""
    image = widget.grab().toImage()
    from visualizer.panels.surface_view import SurfaceView

    views = [widget] if isinstance(widget, SurfaceView) else []
    views += widget.findChildren(SurfaceView)
    painter = QPainter(image)
    for view in views:
        if not view.is_3d or not view.isVisible() or view.gl_view is None:
            continue
        container = view.findChild(QWidget, "surfaceGLContainer")
        if container is None or not container.isVisible():
            continue
        frame = view.gl_view.grabFramebuffer()
        offset = container.mapTo(widget, QPoint(0, 0)) if container is not widget else QPoint()
        ratio = image.devicePixelRatio() or 1.0
        target = frame.scaled(int(container.width() * ratio), int(container.height() * ratio))
        target.setDevicePixelRatio(ratio)
        painter.drawImage(offset, target)
    painter.end()
    return image
