"""Windows that fit the screen they open on.

A first start sizes the main window to a share of the screen's available area (at most
the size the labs were designed for).
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize

#: The size the labs read best at; a larger screen does not make the first window larger.
PREFERRED_SIZE = QSize(1600, 1000)
#: Share of the available area a first window takes on a smaller screen: room is left for
#: the window manager's title bar and for the user to see that it is a window.
SCREEN_SHARE = 0.92


def first_geometry(available: QRect) -> QRect:
    """Where a first window goes on a screen whose free area is ``available``: centred, at
    most :data:`PREFERRED_SIZE`, at most :data:`SCREEN_SHARE` of the area."""
    width = min(PREFERRED_SIZE.width(), round(available.width() * SCREEN_SHARE))
    height = min(PREFERRED_SIZE.height(), round(available.height() * SCREEN_SHARE))
    geometry = QRect(0, 0, width, height)
    geometry.moveCenter(available.center())
    return geometry


def fit_to_screen(window) -> None:
    """Give ``window`` (not yet shown, with no remembered geometry) :func:`first_geometry`
    on the screen it opens on.

    A remembered geometry needs nothing of ours: ``QWidget.restoreGeometry`` brings a
    window from a larger screen back inside the current one (tested).
    """
    screen = window.screen()
    if screen is not None:
        window.setGeometry(first_geometry(screen.availableGeometry()))
