"""Session files: the whole state of the program as readable JSON, read strictly.

Qt-free. A session file looks like this (every section but ``model`` is optional)::

    {
      "schema": "calculus-visualizer-session",
      "version": 1,
      "saved_at": "2025-01-31T10:15:00+00:00",
      "model": {
        "expression": "x^3 - 2x + 4",
        "x0": 1.0, "h": 0.5, "point": [0.5, -0.4], "direction_angle": 0.0,
        "x_range": [-5, 5], "y_range": [-5, 5], "taylor_order": 2, "precision": "float64"
      },
      "descent": {"start": [2.0], "speed": 30,
                  "runs": [{"optimizer": "sgd", "lr": 0.1, "steps": 500}]},
      "lesson": {"source": "builtin:calculus-for-deep-learning", "step": 3},
      "window": {"theme": "light", "scale": 1.0, "layout": "<base64 of saveState>"}
    }

Rules (refusal is all-or-nothing: a refused file changes nothing)
-----------------------------------------------------------------
* ``schema`` must be exactly :data:`SESSION_SCHEMA` (anything else is a foreign file);
  ``version`` a whole number from 1 to :data:`SESSION_VERSION` (a newer file is refused
  with a message saying so).
* Unknown keys are **refused** with their name, so a typo never passes silently; keys
  starting with ``_`` are comments and are ignored.
* Every number is finite and at most 1e6 in absolute value; ranges have low < high;
  ``h`` is not 0; ``taylor_order`` is 0 to 10; text is at most 500 characters.
* ``expression`` is read by our own parser: a formula with code in it is text our
  language does not have and the file is refused with the parser's message. It is never
  evaluated.
* Missing ``model`` values take the program's defaults (:data:`DEFAULT_MODEL_STATE`).
* ``descent.start`` has one number per variable of the function; each run is checked by
  :class:`visualizer.core.optimizers.DescentSettings` (the optimizers' own rules).
"""

from __future__ import annotations

import base64
import binascii
import json
from datetime import UTC, datetime

from visualizer.classroom import checks
from visualizer.classroom.atomic import atomic_write_text
from visualizer.classroom.checks import DataError, Place, at, nested
from visualizer.core.errors import error_text, phrase

SESSION_SCHEMA = "calculus-visualizer-session"
SESSION_VERSION = 1
MAX_SESSION_BYTES = 2_000_000
MAX_TAYLOR_ORDER = 10
PRECISIONS = ("float64", "float32", "float16")
THEME_NAMES = ("light", "dark", "projector")
#: The descent lab keeps at most this many steps per run (as the lab itself does).
MAX_DESCENT_STEPS = 200_000
MAX_DESCENT_RUNS = 8
MAX_LESSON_STEPS = 500
MAX_LAYOUT_CHARS = 200_000

#: The model's values when a file does not give them (the model's own start values).
DEFAULT_MODEL_STATE = {
    "x0": 1.0,
    "h": 1.0,
    "point": [0.5, -0.4],
    "direction_angle": 0.0,
    "x_range": [-5.0, 5.0],
    "y_range": [-5.0, 5.0],
    "taylor_order": 2,
    "precision": "float64",
}
MODEL_KEYS = ("expression", *DEFAULT_MODEL_STATE)
_RUN_KEYS = ("optimizer", "lr", "steps", "tol", "momentum", "dampening", "betas", "eps",
             "alpha", "lr_decay")


class SessionError(DataError):
    """A session file that cannot be opened; ``str(error)`` says where and why."""


# -- the parts -------------------------------------------------------------------------
def check_model_state(value, where: Place = "model", parse_formulas: bool = True) -> dict:
    """The model section, clean and complete (defaults filled in).

    With ``parse_formulas`` false the formula is only checked as text (for files this
    program writes itself from an accepted function: no sympy in the GUI process).

    Returns
    -------
    dict
        ``expression`` (str), ``x0``, ``h``, ``direction_angle`` (float), ``point``,
        ``x_range``, ``y_range`` (lists of 2 floats), ``taylor_order`` (int),
        ``precision`` (str) and ``variables`` (the parsed formula's variable names).
    """
    data = checks.obj(value, where, required=("expression",), optional=DEFAULT_MODEL_STATE)
    if parse_formulas:
        variables = list(checks.formula(data["expression"], at(where, "expression")).variables)
    else:
        checks.text(data["expression"], at(where, "expression"), checks.MAX_FORMULA_LENGTH)
        variables = None
    state = {"expression": data["expression"]}
    for key, default in DEFAULT_MODEL_STATE.items():
        state[key] = data.get(key, default)
    state["x0"] = checks.number(state["x0"], at(where, "x0"))
    state["h"] = checks.number(state["h"], at(where, "h"))
    if state["h"] == 0:
        raise DataError(error_text("must not be 0 (the secant needs two different points)"),
                        at(where, "h"))
    state["point"] = list(checks.numbers(state["point"], at(where, "point"), 2))
    state["direction_angle"] = checks.number(state["direction_angle"],
                                             at(where, "direction_angle"))
    state["x_range"] = list(checks.interval(state["x_range"], at(where, "x_range")))
    state["y_range"] = list(checks.interval(state["y_range"], at(where, "y_range")))
    state["taylor_order"] = checks.integer(state["taylor_order"], at(where, "taylor_order"),
                                           0, MAX_TAYLOR_ORDER)
    state["precision"] = checks.choice(state["precision"], at(where, "precision"), PRECISIONS)
    state["variables"] = (variables or ["x"]) if variables is not None else None
    return state


def check_run(value, where: Place) -> dict:
    """One descent run's settings, checked by the optimizers' own rules."""
    from visualizer.core.errors import ExpressionError
    from visualizer.core.optimizers import OPTIMIZERS, DescentSettings

    data = checks.obj(value, where, required=("optimizer",), optional=_RUN_KEYS[1:])
    run = {"optimizer": checks.choice(data["optimizer"], at(where, "optimizer"), OPTIMIZERS)}
    for key, item in data.items():
        if key == "optimizer":
            continue
        if key == "steps":
            run[key] = checks.integer(item, at(where, key), 0, MAX_DESCENT_STEPS)
        elif key == "betas":
            run[key] = list(checks.numbers(item, at(where, key), 2, 0.0, 1.0))
        else:
            run[key] = checks.number(item, at(where, key))
    try:
        DescentSettings(**settings_arguments(run))
    except ExpressionError as error:
        raise DataError("{why}", where, why=nested(error)) from None
    return run


def settings_arguments(run: dict) -> dict:
    """Keyword arguments of ``DescentSettings`` from a run's plain data (betas as a tuple)."""
    arguments = dict(run)
    if "betas" in arguments:
        arguments["betas"] = tuple(arguments["betas"])
    return arguments


def run_data(settings) -> dict:
    """Plain data of a ``DescentSettings`` (the values the optimizer does not have left out)."""
    data = {}
    for key in _RUN_KEYS:
        value = getattr(settings, key, None)
        if value is None:
            continue
        data[key] = list(value) if isinstance(value, tuple) else value
    return data


def check_descent(value, where: Place, variables: list[str] | None,
                  runs_required: bool = True) -> dict:
    """The descent section: ``start`` (one number per variable), ``runs``, ``speed``, ``play``.

    ``variables`` None (formula not parsed) skips the check of the start's length.
    """
    data = checks.obj(value, where, required=("start",) + (("runs",) if runs_required else ()),
                      optional=("runs", "speed", "play"))
    start = checks.numbers(data["start"], at(where, "start"), (1, 2))
    if variables is not None and len(start) != len(variables):
        dimension = len(variables)
        raise DataError(
            error_text("must hold {dimension} number(s), one per variable ({variables}), "
                       "got {count}"),
            at(where, "start"), dimension=dimension, variables=", ".join(variables),
            count=len(start))
    result = {"start": list(start)}
    if "runs" in data:
        runs = data["runs"]
        if not isinstance(runs, list) or not 1 <= len(runs) <= MAX_DESCENT_RUNS:
            raise DataError(error_text("must be a list of 1 to {most} runs"), at(where, "runs"),
                            most=MAX_DESCENT_RUNS)
        result["runs"] = [check_run(run, at(where, phrase(error_text("run {number}"),
                                                          number=i + 1)))
                          for i, run in enumerate(runs)]
    if "speed" in data:
        result["speed"] = checks.number(data["speed"], at(where, "speed"), 1.0, 100_000.0)
    if "play" in data:
        result["play"] = checks.boolean(data["play"], at(where, "play"))
    return result


def check_window(value, where: Place = "window") -> dict:
    """The window section: ``theme``, ``scale`` and ``layout`` (base64 of saveState)."""
    data = checks.obj(value, where, optional=("theme", "scale", "layout"))
    result = {}
    if "theme" in data:
        result["theme"] = checks.choice(data["theme"], at(where, "theme"), THEME_NAMES)
    if "scale" in data:
        result["scale"] = checks.number(data["scale"], at(where, "scale"), 0.5, 3.0)
    if "layout" in data:
        layout = checks.text(data["layout"], at(where, "layout"), MAX_LAYOUT_CHARS)
        try:
            base64.b64decode(layout.encode("ascii"), validate=True)
        except (binascii.Error, UnicodeEncodeError):
            raise DataError(error_text("is not base64 data"), at(where, "layout")) from None
        result["layout"] = layout
    return result


def check_lesson_position(value, where: Place = "lesson") -> dict:
    """Which lesson was open and at which step (1-based)."""
    data = checks.obj(value, where, required=("source", "step"))
    return {"source": checks.text(data["source"], at(where, "source"), 4096),
            "step": checks.integer(data["step"], at(where, "step"), 1, MAX_LESSON_STEPS)}


# -- the whole file --------------------------------------------------------------------
def check_session(document, parse_formulas: bool = True) -> dict:
    """A parsed JSON value checked as a session; returns the clean document.

    ``parse_formulas`` false skips reading the formula with our parser (for checking a
    file this program is about to write from its accepted state).

    Raises
    ------
    SessionError
        The first problem found, naming its place.
    """
    try:
        if not isinstance(document, dict) or document.get("schema") != SESSION_SCHEMA:
            schema = document.get("schema") if isinstance(document, dict) else None
            if isinstance(schema, str):
                raise DataError(error_text("this is not a calculus-visualizer session file "
                                           "(its schema is {schema})"), schema=repr(schema))
            raise DataError(error_text("this is not a calculus-visualizer session file"))
        version = document.get("version")
        if isinstance(version, bool) or not isinstance(version, int) or version < 1:
            raise DataError(error_text("must be a whole number from 1"), "version")
        if version > SESSION_VERSION:
            raise DataError(
                error_text("the file was written by a newer version of the program (session "
                           "version {version}); this one reads up to version {most}"),
                version=version, most=SESSION_VERSION)
        data = checks.obj(document, "", required=("schema", "version", "model"),
                          optional=("saved_at", "application", "descent", "lesson", "window"))
        clean = {"schema": SESSION_SCHEMA, "version": SESSION_VERSION}
        for key in ("saved_at", "application"):
            if key in data:
                clean[key] = checks.text(data[key], key, 200, allow_empty=True)
        clean["model"] = check_model_state(data["model"], parse_formulas=parse_formulas)
        if "descent" in data:
            clean["descent"] = check_descent(data["descent"], "descent",
                                             clean["model"]["variables"])
        if "lesson" in data:
            clean["lesson"] = check_lesson_position(data["lesson"])
        if "window" in data:
            clean["window"] = check_window(data["window"])
        return clean
    except SessionError:
        raise
    except DataError as error:
        raise SessionError.recast(error) from None


def parse_session(raw: bytes | str, parse_formulas: bool = True) -> dict:
    """Read a session from its bytes (or text) and check it; see :func:`check_session`."""
    try:
        document = checks.parse_json(raw, MAX_SESSION_BYTES)
    except DataError as error:
        raise SessionError.recast(error) from None
    return check_session(document, parse_formulas)


def read_session(path, parse_formulas: bool = True) -> dict:
    """Read and check the session file at ``path``.

    With ``parse_formulas`` false the formula is checked as text only (see
    :func:`check_model_state`): for an autosave this program wrote, whose formula the
    helper process parses again when it is applied.

    Raises
    ------
    SessionError
        The file is missing, unreadable, too large, damaged, truncated, foreign, newer,
        or holds a value out of bounds.
    """
    try:
        raw = checks.read_file(path, MAX_SESSION_BYTES)
    except DataError as error:
        raise SessionError.recast(error) from None
    return parse_session(raw, parse_formulas)


def session_document(model: dict, descent: dict | None = None, lesson: dict | None = None,
                     window: dict | None = None, application: str = "") -> dict:
    """Build a session document from its parts (as :meth:`Model.snapshot` etc. give them)."""
    document = {
        "schema": SESSION_SCHEMA,
        "version": SESSION_VERSION,
        "saved_at": datetime.now(UTC).isoformat(timespec="seconds"),
    }
    if application:
        document["application"] = application
    document["model"] = {key: model[key] for key in MODEL_KEYS if key in model}
    for key, part in (("descent", descent), ("lesson", lesson), ("window", window)):
        if part:
            document[key] = part
    return document


def dumps_session(document: dict) -> str:
    """The document as readable JSON text (the checked form's helper keys left out)."""
    document = dict(document)
    if "model" in document:
        document["model"] = {k: v for k, v in document["model"].items() if k != "variables"}
    return json.dumps(document, indent=2, ensure_ascii=False, allow_nan=False) + "\n"


def write_session(path, document: dict) -> None:
    """Check ``document`` and write it to ``path`` atomically (the old file survives a crash).

    The check is the one :func:`read_session` makes, except that the formula is not
    parsed again: it comes from the model, which only holds accepted functions.

    Raises
    ------
    SessionError
        The document itself is not a valid session (nothing is written).
    OSError
        The file cannot be written.
    """
    text = dumps_session(document)
    parse_session(text, parse_formulas=False)  # never write a file we would refuse
    atomic_write_text(path, text)
