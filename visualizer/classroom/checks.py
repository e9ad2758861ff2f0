"""Strict checks for data read from files a person may have written or damaged.

Qt-free. Every check either returns the value in its clean form or raises
:class:`DataError` naming where the bad value is (``"step 3, x0"``) and what is wrong
with it in words a teacher understands. Nothing here evaluates anything: a formula is
read by our own parser (:func:`visualizer.core.expression.parse`) and stays text.

Messages are translatable the way the core's errors are
(:mod:`visualizer.core.errors`): every reason is a template marked with
:func:`~visualizer.core.errors.error_text` and formatted with its fields, and a place is
a JSON key (never translated) or a :func:`~visualizer.core.errors.phrase` such as
``step {number}`` or ``{where}, {name}``. ``str(error)`` is the English; the GUI shows
:meth:`DataError.render` with Qt's translator (:func:`visualizer.i18n.error_message`).
"""

from __future__ import annotations

import json
import math
import os
import re
import stat
from collections.abc import Iterable
from pathlib import Path

from visualizer.core.errors import error_text, phrase, render
from visualizer.core.sampling import MAX_COORDINATE

#: Every number in a file must be at most this large in absolute value (the bound the
#: model keeps its points and ranges in, so that what the window holds can be saved).
MAX_MAGNITUDE = MAX_COORDINATE
#: The longest formula (the parser's own limit too).
MAX_FORMULA_LENGTH = 500
_LANGUAGE_TAG = re.compile(r"^[a-z]{2,3}([_-][A-Za-z0-9]{2,8})?$")


#: A place in a file: '' (the whole file), a JSON key (text, never translated) or a
#: :func:`~visualizer.core.errors.phrase` (``step {number}``, ``{where}, {name}``...).
Place = str | dict


class DataError(ValueError):
    """A file's content that cannot be used.

    Parameters
    ----------
    reason : str
        What is wrong: a template marked with ``error_text`` (a ``str.format`` string).
    where : Place, optional
        Where in the file the problem is, or '' for the whole file.
    **fields
        The template's fields: names, numbers and the file's own text as they are,
        words as :func:`~visualizer.core.errors.phrase` values.

    Attributes
    ----------
    where : str
        The place in English (``"model, x0"``, ``"step 3, text"``), or ''.
    reason : str
        What is wrong in English, as a sentence without the location.
    place : Place
        The place as given (translatable).
    reason_template, reason_fields
        The reason's template and fields.
    template, fields
        The whole message's template and fields (``{where}: {reason}`` with the place),
        as an :class:`~visualizer.core.errors.ExpressionError` has them.
    """

    def __init__(self, reason: str, where: Place = "", /, **fields):
        self.place = where
        self.reason_template = reason
        self.reason_fields = fields
        self.reason = render(reason, fields)
        self.where = render("{where}", {"where": where}) if where else ""
        if where:
            self.template = error_text("{where}: {reason}")
            self.fields = {"where": where, "reason": phrase(reason, **fields)}
        else:
            self.template, self.fields = reason, dict(fields)
        super().__init__(render(self.template, self.fields))

    def render(self, translate=None) -> str:
        """The message with its templates translated by ``translate`` (English without)."""
        return render(self.template, self.fields, translate)

    @classmethod
    def recast(cls, error: DataError) -> DataError:
        """The same problem as an instance of ``cls`` (a :class:`SessionError`...)."""
        return cls(error.reason_template, error.place, **error.reason_fields)


def at(where: Place, name: Place) -> Place:
    """The location ``name`` inside ``where`` (``at("step 2", "x0")`` reads "step 2, x0")."""
    return phrase(error_text("{where}, {name}"), where=where, name=name) if where else name


def item_place(number: int) -> dict:
    """The place of the ``number``-th (1-based) item of a list."""
    return phrase(error_text("item {number}"), number=number)


def rename_place(where: Place, old: str, new: str) -> Place:
    """``where`` with the JSON key ``old`` called ``new`` (a field read under another name)."""
    if where == old:
        return new
    if isinstance(where, dict):
        fields = {name: rename_place(value, old, new)
                  for name, value in (where.get("fields") or {}).items()}
        return {"template": where["template"], "fields": fields}
    return where


def nested(error) -> dict | str:
    """An :class:`~visualizer.core.errors.ExpressionError` as a field value: its template
    as a phrase (translated whole), or its message when it has none."""
    if getattr(error, "template", None) is not None:
        return phrase(error.template, **error.fields)
    return str(getattr(error, "message", error))


def _describe(value) -> str:
    text = json.dumps(value, ensure_ascii=False) if _is_json(value) else repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _is_json(value) -> bool:
    try:
        json.dumps(value, allow_nan=False)
    except (TypeError, ValueError):
        return False
    return True


def _type_name(value) -> dict | str:
    """The JSON type of ``value`` in words (a phrase; ``null`` is JSON's own word)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return phrase(error_text("true/false"))
    if isinstance(value, (int, float)):
        return phrase(error_text("a number"))
    if isinstance(value, str):
        return phrase(error_text("text"))
    if isinstance(value, list):
        return phrase(error_text("a list"))
    if isinstance(value, dict):
        return phrase(error_text("an object"))
    return type(value).__name__


# -- reading JSON ----------------------------------------------------------------------
def _refuse_constant(name: str):
    raise DataError(error_text("{name} is not a number this program accepts"), name=name)


def _no_duplicates(pairs):
    result = {}
    for key, value in pairs:
        if key in result:
            raise DataError(error_text("the key {key} appears twice in one object"),
                            key=repr(key))
        result[key] = value
    return result


_TOO_LARGE = error_text("the file is too large ({size} bytes; at most {most})")


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
        raise DataError(_TOO_LARGE, size=f"{len(raw):,}", most=f"{max_bytes:,}")
    if not raw.strip():
        raise DataError(error_text("the file is empty"))
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise DataError(error_text("the file is not UTF-8 text (is it the right file?)")) \
            from None
    try:
        return json.loads(text, parse_constant=_refuse_constant, object_pairs_hook=_no_duplicates)
    except json.JSONDecodeError as error:
        if error.pos >= len(text.rstrip()) or error.msg.startswith("Unterminated string"):
            raise DataError(
                error_text("the file ends too early: it is truncated or damaged "
                           "(line {line}, column {column})"),
                line=error.lineno, column=error.colno) from None
        # The JSON reader's own words (``Expecting ',' delimiter``) stay as they are.
        raise DataError(
            error_text("the file is damaged or not JSON: {why} (line {line}, column {column})"),
            why=error.msg, line=error.lineno, column=error.colno) from None
    except RecursionError:
        raise DataError(error_text("the file nests too deeply to be read")) from None
    except ValueError as error:  # e.g. an integer literal with thousands of digits
        why = phrase(error.template, **error.fields) if isinstance(error, DataError) \
            else str(error)
        raise DataError(error_text("the file holds a value that cannot be read: {why}"),
                        why=why) from None


def read_file(path, max_bytes: int) -> bytes:
    """The bytes of the regular file ``path``, refusing files larger than ``max_bytes``
    before reading them.

    Only a regular file is read: a FIFO or a device (``/dev/stdin``) would block the
    reader for good. It is opened without blocking and checked by its open handle, so a
    file swapped for a FIFO after a check cannot block either.
    """
    path = Path(path)
    try:
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(descriptor, "rb") as handle:
            status = os.fstat(handle.fileno())
            if stat.S_ISDIR(status.st_mode):
                raise IsADirectoryError
            if not stat.S_ISREG(status.st_mode):
                raise DataError(error_text("{path} is not a regular file"),
                                path=repr(str(path)))
            if status.st_size > max_bytes:
                raise DataError(_TOO_LARGE, size=f"{status.st_size:,}", most=f"{max_bytes:,}")
            data = handle.read(max_bytes + 1)
            if len(data) > max_bytes:  # it grew after the check
                raise DataError(_TOO_LARGE, size=f"{len(data):,}", most=f"{max_bytes:,}")
            return data
    except DataError:
        raise
    except FileNotFoundError:
        raise DataError(error_text("there is no file {path}"), path=repr(str(path))) from None
    except IsADirectoryError:
        raise DataError(error_text("{path} is a folder, not a file"),
                        path=repr(str(path))) from None
    except OSError as error:  # the system's own words
        raise DataError(error_text("the file cannot be read: {why}"),
                        why=str(error.strerror or error)) from None


# -- shapes ----------------------------------------------------------------------------
def obj(value, where: Place, required: Iterable[str] = (), optional: Iterable[str] = ()) -> dict:
    """``value`` as a JSON object with exactly these keys (keys starting with ``_`` are
    comments and are dropped); unknown or missing keys are refused by name."""
    if not isinstance(value, dict):
        raise DataError(error_text("must be an object {{...}}, got {type}"), where,
                        type=_type_name(value))
    required, optional = tuple(required), tuple(optional)
    known = set(required) | set(optional)
    clean = {}
    for key, item in value.items():
        if not isinstance(key, str):  # pragma: no cover - JSON keys are always text
            raise DataError(error_text("keys must be text"), where)
        if key.startswith("_"):
            continue
        if key not in known:
            hint = ", ".join(sorted(known)) or phrase(error_text("none"))
            raise DataError(error_text("unknown key {key} (known keys: {known})"), where,
                            key=repr(key), known=hint)
        clean[key] = item
    for key in required:
        if key not in clean:
            raise DataError(error_text("the key {key} is missing"), where, key=repr(key))
    return clean


_BETWEEN = error_text("must be between {low} and {high}, got {value}")


def number(value, where: Place, low: float = -MAX_MAGNITUDE, high: float = MAX_MAGNITUDE) -> float:
    """A finite number in ``[low, high]`` (true/false and text are refused)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise DataError(error_text("must be a number, got {type} {value}"), where,
                        type=_type_name(value), value=_describe(value))
    if isinstance(value, int) and abs(value) > 10**18:
        raise DataError(error_text("must be between {low} and {high}"), where,
                        low=f"{low:g}", high=f"{high:g}")
    value = float(value)
    if not math.isfinite(value):
        raise DataError(error_text("must be a finite number"), where)
    if not low <= value <= high:
        raise DataError(_BETWEEN, where, low=f"{low:g}", high=f"{high:g}", value=f"{value:g}")
    return value


def integer(value, where: Place, low: int, high: int) -> int:
    """A whole number in ``[low, high]`` (``2.0`` counts as 2; ``2.5`` does not)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise DataError(error_text("must be a whole number, got {type} {value}"), where,
                        type=_type_name(value), value=_describe(value))
    if isinstance(value, float) and not (math.isfinite(value) and value.is_integer()):
        raise DataError(error_text("must be a whole number, got {value}"), where,
                        value=_describe(value))
    if not low <= value <= high:
        raise DataError(_BETWEEN, where, low=low, high=high, value=_describe(value))
    return int(value)


def boolean(value, where: Place) -> bool:
    if not isinstance(value, bool):
        raise DataError(error_text("must be true or false, got {type} {value}"), where,
                        type=_type_name(value), value=_describe(value))
    return value


def text(value, where: Place, max_length: int, allow_empty: bool = False) -> str:
    """Text of at most ``max_length`` characters."""
    if not isinstance(value, str):
        raise DataError(error_text("must be text, got {type} {value}"), where,
                        type=_type_name(value), value=_describe(value))
    if len(value) > max_length:
        raise DataError(error_text("is too long ({length} characters; at most {most})"), where,
                        length=f"{len(value):,}", most=f"{max_length:,}")
    if not allow_empty and not value.strip():
        raise DataError(error_text("must not be empty"), where)
    return value


def choice(value, where: Place, choices: Iterable[str]) -> str:
    choices = tuple(choices)
    if not isinstance(value, str) or value not in choices:
        raise DataError(error_text("must be one of {choices}, got {value}"), where,
                        choices=", ".join(choices), value=_describe(value))
    return value


def numbers(value, where: Place, length: int | tuple[int, ...], low: float = -MAX_MAGNITUDE,
            high: float = MAX_MAGNITUDE) -> tuple[float, ...]:
    """A list of ``length`` finite numbers (``length`` may be a tuple of allowed lengths)."""
    lengths = (length,) if isinstance(length, int) else tuple(length)
    if not isinstance(value, list):
        raise DataError(error_text("must be a list of numbers, got {type}"), where,
                        type=_type_name(value))
    if len(value) not in lengths:
        wanted = str(lengths[-1])
        for count in reversed(lengths[:-1]):  # "1 or 2"
            wanted = phrase(error_text("{first} or {second}"), first=count, second=wanted)
        raise DataError(error_text("must hold {wanted} numbers, got {count}"), where,
                        wanted=wanted, count=len(value))
    return tuple(number(item, at(where, item_place(i + 1)), low, high)
                 for i, item in enumerate(value))


def interval(value, where: Place) -> tuple[float, float]:
    """``[low, high]`` with low < high, both within the magnitude limit."""
    low, high = numbers(value, where, 2)
    if not low < high:
        raise DataError(error_text("the start must be below the end, got [{low}, {high}]"),
                        where, low=f"{low:g}", high=f"{high:g}")
    return (low, high)


def formula(value, where: Place):
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
        if error.position is None or "{at}" in (error.template or ""):
            # (A message that names its place counts from 1, as "at character" does.)
            raise DataError(error_text("the formula {formula} is refused: {why}"), where,
                            formula=_describe(value), why=nested(error)) from None
        raise DataError(
            error_text("the formula {formula} is refused: {why} (at character {number})"),
            where, formula=_describe(value), why=nested(error),
            number=error.position + 1) from None


def localized(value, where: Place, max_length: int) -> dict[str, str]:
    """Text in one or more languages: ``"text"`` or ``{"en": "...", "zh": "..."}``.

    A plain string counts as English. An object must have English (``en``); the other
    keys are language tags such as ``zh`` or ``zh_CN``.
    """
    if isinstance(value, str):
        return {"en": text(value, where, max_length)}
    if not isinstance(value, dict):
        raise DataError(error_text("must be text or an object of languages, got {type}"), where,
                        type=_type_name(value))
    result = {}
    for key, item in value.items():
        if key.startswith("_"):
            continue
        if not _LANGUAGE_TAG.match(key):
            raise DataError(error_text("{key} is not a language code such as en, zh or zh_CN"),
                            where, key=repr(key))
        result[key.replace("-", "_")] = text(item, at(where, key), max_length)
    if "en" not in result:
        raise DataError(error_text("must have an English text (key 'en')"), where)
    return result


def pick_language(texts: dict[str, str], language: str) -> str:
    """The text for ``language`` (``zh_CN`` falls back to ``zh``, then to English)."""
    language = (language or "en").replace("-", "_")
    for key in (language, language.split("_")[0], "en"):
        if key in texts:
            return texts[key]
    return next(iter(texts.values()), "")
