"""Give pyqtgraph's context menus a parent, so Qt deletes them with their panel.

pyqtgraph builds two menus per plot without a parent (a :class:`~pyqtgraph.ViewBox`'s
``menu`` and a :class:`~pyqtgraph.PlotItem`'s ``ctrlMenu``). Only Python's garbage
collector frees them, and it may do so in the middle of Qt handing out a list of widgets
(``QApplication.allWidgets()``): the list then holds freed widgets and the program
crashes. An export builds a panel per picture (~21 such menus each), so they piled up.
"""

from __future__ import annotations

import shiboken6
from PySide6.QtWidgets import QMenu, QWidget

__all__ = ["own_plot_menus"]


def own_plot_menus(owner: QWidget) -> int:
    """Parent the context menus of every pyqtgraph plot in ``owner`` to ``owner``.

    Parameters
    ----------
    owner : QWidget
        A panel (or a plot widget); the menus are deleted when it is.

    Returns
    -------
    int
        How many menus were given a parent (already owned ones are not counted).
    """
    import pyqtgraph as pg

    views = owner.findChildren(pg.GraphicsView)
    if isinstance(owner, pg.GraphicsView):
        views.append(owner)
    adopted = 0
    for view in views:
        scene = view.scene()
        if scene is None:
            continue
        for item in scene.items():
            for name in ("menu", "ctrlMenu"):
                menu = getattr(item, name, None) if isinstance(
                    item, (pg.ViewBox, pg.PlotItem)) else None
                if isinstance(menu, QMenu) and shiboken6.isValid(menu) \
                        and menu.parent() is None:
                    # setParent without the flags would make the popup a child widget.
                    menu.setParent(owner, menu.windowFlags())
                    adopted += 1
    return adopted
