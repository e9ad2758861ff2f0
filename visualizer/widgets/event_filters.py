"""Event filters that let go when their owner's Python side is gone.

A window deleted by Python's garbage collector loses its objects' attributes first and
its Qt objects after; on the way Qt still sends events (hide, child removed...) to the
filters the window's parts installed, and each call then raised AttributeError inside
Qt ("Error calling Python override of QObject::eventFilter()" at exit).
"""

from __future__ import annotations

from PySide6.QtCore import QObject

__all__ = ["filter_owner_gone"]


def filter_owner_gone(owner: QObject, watched: QObject, attribute: str) -> bool:
    """True (and the filter removed from ``watched``) when ``owner`` lost ``attribute``.

    Call first thing in ``eventFilter``, naming an attribute set in ``__init__``; return
    False from the filter when this is True.
    """
    if attribute in vars(owner):
        return False
    try:
        watched.removeEventFilter(owner)
    except RuntimeError:  # the watched object is gone too
        pass
    return True
