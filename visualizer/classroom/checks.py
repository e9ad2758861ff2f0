"""Strict checks for data read from files a person may have written or damaged.

Qt-free. Every check either returns the value in its clean form or raises
:class:`DataError` naming where the bad value is (``"step 3, x0"``) and what is wrong
with it in words a teacher understands. Nothing here evaluates anything: a formula is
read by our own parser (:func:`visualizer.core.expression.parse`) and stays text.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable
from pathlib import Path

#: Every number in a file must be at most this large in absolute value.
MAX_MAGNITUDE = 1e6
#: The longest formula (the parser's own limit too).
MAX_FORMULA_LENGTH = 500
_LANGUAGE_TAG = re.compile(r"^[a-z]{2,3}([_-][A-Za-z0-9]{2,8})?$")


class DataError(ValueError):
    """A file's content that cannot be used.

    Attributes
    ----------
    where : str
        Where in the file the problem is (``"model, x0"``, ``"step 3, text"``), or ''.
    reason : str
        What is wrong, as a sentence without the location.
    """

    def __init__(self, reason: str, where: str = ""):
        self.where = where
        self.reason = reason
        super().__init__(f"{where}: {reason}" if where else reason)


def at(where: str, name: str) -> str:
    """The location ``name`` inside ``where`` (``at("step 2", "x0") == "step 2, x0"``)."""
    return f"{where}, {name}" if where else name


def _describe(value) -> str:
    text = json.dumps(value, ensure_ascii=False) if _is_json(value) else repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _is_json(value) -> bool:
    try:
        json.dumps(value, allow_nan=False)
    except (TypeError, ValueError):
        return False
    return True


def _type_name(value) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__


# -- reading JSON ----------------------------------------------------------------------
def _refuse_constant(name: str):
    raise DataError(f"{name} is not a number this program accepts")


def _no_duplicates(pairs):
    result = {}
    for key, value in pairs:
        if key in result:
            raise DataError(f"the key {key!r} appears twice in one object")
        result[key] = value
    return result


def parse_json(raw: bytes | str, max_bytes: int) -> object:
    """Parse JSON text strictly: UTF-8, no NaN/Infinity, no duplicate keys, bounded size.

    Raises
    ------
    DataError
        With a sentence that says whether the file is too large, not text, truncated or
        otherwise not JSON (with the line and column).
    """
    if isinstance(raw, str):
        raw = raw.encode("utf-8", "surrogatepass")
    if len(raw) > max_bytes:
        raise DataError(f"the file is too large ({len(raw):,} bytes; at most {max_bytes:,})")
    if not raw.strip():
        raise DataError("the file is empty")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise DataError("the file is not UTF-8 text (is it the right file?)") from None
    try:
        return json.loads(text, parse_constant=_refuse_constant, object_pairs_hook=_no_duplicates)
    except json.JSONDecodeError as error:
        if error.pos >= len(text.rstrip()) or error.msg.startswith("Unterminated string"):
            raise DataError(
                "the file ends too early: it is truncated or damaged "
                f"(line {error.lineno}, column {error.colno})"
            ) from None
        raise DataError(
            f"the file is damaged or not JSON: {error.msg} (line {error.lineno}, "
            f"column {error.colno})"
        ) from None
    except RecursionError:
        raise DataError("the file nests too deeply to be read") from None
    except ValueError as error:  # e.g. an integer literal with thousands of digits
        raise DataError(f"the file holds a value that cannot be read: {error}") from None


def read_file(path, max_bytes: int) -> bytes:
    """The bytes of ``path``, refusing files larger than ``max_bytes`` before reading them."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise DataError(f"the file is too large ({size:,} bytes; at most {max_bytes:,})")
        with path.open("rb") as handle:
            return handle.read(max_bytes + 1)
    except DataError:
        raise
    except FileNotFoundError:
        raise DataError(f"there is no file {str(path)!r}") from None
    except IsADirectoryError:
        raise DataError(f"{str(path)!r} is a folder, not a file") from None
    except OSError as error:
        raise DataError(f"the file cannot be read: {error.strerror or error}") from None


# -- shapes ----------------------------------------------------------------------------
def obj(value, where: str, required: Iterable[str] = (), optional: Iterable[str] = ()) -> dict:
    """``value`` as a JSON object with exactly these keys (keys starting with ``_`` are
    comments and are dropped); unknown or missing keys are refused by name."""
    if not isinstance(value, dict):
        raise DataError(f"must be an object {{...}}, got {_type_name(value)}", where)
    required, optional = tuple(required), tuple(optional)
    known = set(required) | set(optional)
    clean = {}
    for key, item in value.items():
        if not isinstance(key, str):  # pragma: no cover - JSON keys are always text
            raise DataError("keys must be text", where)
        if key.startswith("_"):
            continue
        if key not in known:
            hint = ", ".join(sorted(known)) or "none"
            raise DataError(f"unknown key {key!r} (known keys: {hint})", where)
        clean[key] = item
    for key in required:
        if key not in clean:
            raise DataError(f"the key {key!r} is missing", where)
    return clean


def number(value, where: str, low: float = -MAX_MAGNITUDE, high: float = MAX_MAGNITUDE) -> float:
    """A finite number in ``[low, high]`` (true/false and text are refused)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise DataError(f"must be a number, got {_type_name(value)} {_describe(value)}", where)
    if isinstance(value, int) and abs(value) > 10**18:
        raise DataError(f"must be between {low:g} and {high:g}", where)
    value = float(value)
    if not math.isfinite(value):
        raise DataError("must be a finite number", where)
    if not low <= value <= high:
        raise DataError(f"must be between {low:g} and {high:g}, got {value:g}", where)
    return value


def integer(value, where: str, low: int, high: int) -> int:
    """A whole number in ``[low, high]`` (``2.0`` counts as 2; ``2.5`` does not)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise DataError(f"must be a whole number, got {_type_name(value)} {_describe(value)}",
                        where)
    if isinstance(value, float) and not (math.isfinite(value) and value.is_integer()):
        raise DataError(f"must be a whole number, got {_describe(value)}", where)
    if not low <= value <= high:
        raise DataError(f"must be between {low} and {high}, got {_describe(value)}", where)
    return int(value)


def boolean(value, where: str) -> bool:
    if not isinstance(value, bool):
        raise DataError(f"must be true or false, got {_type_name(value)} {_describe(value)}",
                        where)
    return value


def text(value, where: str, max_length: int, allow_empty: bool = False) -> str:
    """Text of at most ``max_length`` characters."""
    if not isinstance(value, str):
        raise DataError(f"must be text, got {_type_name(value)} {_describe(value)}", where)
    if len(value) > max_length:
        raise DataError(f"is too long ({len(value):,} characters; at most {max_length:,})", where)
    if not allow_empty and not value.strip():
        raise DataError("must not be empty", where)
    return value


def choice(value, where: str, choices: Iterable[str]) -> str:
    choices = tuple(choices)
    if not isinstance(value, str) or value not in choices:
        raise DataError(f"must be one of {', '.join(choices)}, got {_describe(value)}", where)
    return value


def numbers(value, where: str, length: int | tuple[int, ...], low: float = -MAX_MAGNITUDE,
            high: float = MAX_MAGNITUDE) -> tuple[float, ...]:
    """A list of ``length`` finite numbers (``length`` may be a tuple of allowed lengths)."""
    lengths = (length,) if isinstance(length, int) else tuple(length)
    if not isinstance(value, list):
        raise DataError(f"must be a list of numbers, got {_type_name(value)}", where)
    if len(value) not in lengths:
        wanted = " or ".join(str(n) for n in lengths)
        raise DataError(f"must hold {wanted} numbers, got {len(value)}", where)
    return tuple(number(item, at(where, f"item {i + 1}"), low, high)
                 for i, item in enumerate(value))


def interval(value, where: str) -> tuple[float, float]:
    """``[low, high]`` with low < high, both within the magnitude limit."""
    low, high = numbers(value, where, 2)
    if not low < high:
        raise DataError(f"the start must be below the end, got [{low:g}, {high:g}]", where)
    return (low, high)


def formula(value, where: str):
    """A formula read by our parser; returns the :class:`ParsedExpression`.

    Text that is code (``__import__('os')``) is simply text our language does not have:
    the parser's own message says why it is refused. Nothing is evaluated.
    """
    from visualizer.core.errors import ExpressionError
    from visualizer.core.expression import parse

    value = text(value, where, MAX_FORMULA_LENGTH)
    try:
        return parse(value)
    except ExpressionError as error:
        position = f" (at character {error.position + 1})" if error.position is not None else ""
        raise DataError(f"the formula {_describe(value)} is refused: {error.message}{position}",
                        where) from None


def localized(value, where: str, max_length: int) -> dict[str, str]:
    """Text in one or more languages: ``"text"`` or ``{"en": "...", "zh": "..."}``.

    A plain string counts as English. An object must have English (``en``); the other
    keys are language tags such as ``zh`` or ``zh_CN``.
    """
    if isinstance(value, str):
        return {"en": text(value, where, max_length)}
    if not isinstance(value, dict):
        raise DataError(f"must be text or an object of languages, got {_type_name(value)}",
                        where)
    result = {}
    for key, item in value.items():
        if key.startswith("_"):
            continue
        if not _LANGUAGE_TAG.match(key):
            raise DataError(f"{key!r} is not a language code such as en, zh or zh_CN", where)
        result[key.replace("-", "_")] = text(item, at(where, key), max_length)
    if "en" not in result:
        raise DataError("must have an English text (key 'en')", where)
    return result


def pick_language(texts: dict[str, str], language: str) -> str:
    """The text for ``language`` (``zh_CN`` falls back to ``zh``, then to English)."""
    language = (language or "en").replace("-", "_")
    for key in (language, language.split("_")[0], "en"):
        if key in texts:
            return texts[key]
    return next(iter(texts.values()), "")
