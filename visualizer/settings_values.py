"""Read values from the settings file whatever it holds.

The settings file is plain text that anyone (or a broken disk) may change: ``scale=abc``
stopped every start. Each reader here turns any value QSettings can return (text, a list,
bytes, a number, a point, nothing) into a usable value of the wanted kind, or the default.
Plain Python: it never touches Qt.
"""

from __future__ import annotations

import math

__all__ = ["setting_flag", "setting_number", "setting_text", "setting_texts"]


def setting_number(value, default: float, low: float = -math.inf,
                   high: float = math.inf) -> float:
    """``value`` as a finite float in ``[low, high]``; ``default`` when it is not one."""
    if isinstance(value, (list, tuple)) and len(value) == 1:
        value = value[0]
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        return default
    try:
        number = float(value)
    except (ValueError, OverflowError):
        return default
    return number if math.isfinite(number) and low <= number <= high else default


def setting_text(value, default: str, max_length: int = 10_000) -> str:
    """``value`` as text of at most ``max_length`` characters; ``default`` otherwise.

    A list of one text counts as that text (QSettings reads ``a,b`` as a list).
    """
    if isinstance(value, (list, tuple)) and len(value) == 1:
        value = value[0]
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str) or len(value) > max_length:
        return default
    return value


def setting_texts(value, max_count: int = 100, max_length: int = 10_000) -> list[str]:
    """``value`` as a list of non-empty texts (at most ``max_count``); ``[]`` otherwise."""
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, (list, tuple)):
        return []
    texts = [item for item in value
             if isinstance(item, str) and item and len(item) <= max_length]
    return texts[:max_count]


def setting_flag(value, default: bool) -> bool:
    """``value`` as a yes/no: ``true``/``false``, ``1``/``0`` (any case); else ``default``."""
    if isinstance(value, bool):
        return value
    text = setting_text(value, "").strip().lower()
    if text in ("true", "1", "yes"):
        return True
    if text in ("false", "0", "no"):
        return False
    return default
