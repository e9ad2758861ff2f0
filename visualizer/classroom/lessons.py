"""Lessons: guided sequences of program states with a short text, read from JSON files.

Qt-free. The built-in lessons are ``resources/lessons/*.json``; a teacher writes their
own in the same format and opens it from the Lessons menu.

The format (version 1)
----------------------
::

    {
      "schema": "calculus-visualizer-lesson",
      "version": 1,
      "id": "my-lesson",
      "title": {"en": "Secants", "zh": "割线"},
      "description": {"en": "...", "zh": "..."},
      "steps": [
        {
          "id": "secant",
          "title": {"en": "A secant", "zh": "割线"},
          "text": {"en": "...", "zh": "..."},
          "function": "x^2",
          "x_range": [-1, 4], "y_range": [-1, 10],
          "x0": 1, "h": 2, "point": [0.5, -0.4], "direction_degrees": 45,
          "taylor_order": 2, "precision": "float64",
          "panels": ["editor", "secant"], "focus": "secant",
          "controls": {"secantTaylorToggle": true, "secantShadeBox": "convexity"},
          "descent": {"start": [2], "runs": [{"optimizer": "sgd", "lr": 0.1, "steps": 500}],
                      "play": true, "speed": 30}
        }
      ]
    }

* ``title`` and ``text`` are plain text (a blank line starts a new paragraph) in one or
  more languages: an object with at least ``en``; other keys are language codes (``zh``,
  ``zh_CN``...). A plain string counts as English. The program shows the language of its
  interface and falls back to English.
* **A step inherits** every value it does not give from the step before, so a step only
  says what changes; the first step must give ``function``; values never given take the
  program's defaults. Going back to a step therefore always gives the same state.
  ``descent`` is not inherited: it applies to its own step only.
* ``panels`` lists the panels the step needs (``editor``, ``secant``, ``surface``,
  ``descent``): they are shown, and in presentation mode the others are hidden.
  ``focus`` is the one brought to the front (default: the first one that is not the
  editor).
* ``controls`` sets controls of the panels by object name: ``true``/``false`` checks a
  check button (``secantTaylorToggle``, ``secantShowSecond``, ``surfaceFieldToggle``),
  text chooses the item of a drop-down list with that value or caption
  (``"secantShadeBox": "convexity"``). Controls are inherited like the values; going
  back to a step before a control was first set puts it back as the lesson found it.
* ``direction_degrees`` is the direction of the directional derivative in degrees
  (the session file keeps radians); ``descent.start`` has one number per variable.
* Numbers are finite and at most 1e6 in size, ranges have low < high, formulas are read
  by our own parser (never evaluated) and at most 500 characters, texts at most 4000.
  Unknown keys are refused by name (a typo never passes silently); keys that start with
  ``_`` are comments.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from pathlib import Path

from visualizer.classroom import checks
from visualizer.classroom.checks import DataError, at, rename_place
from visualizer.classroom.session import (
    DEFAULT_MODEL_STATE,
    PRECISIONS,
    check_descent,
    check_model_state,
)
from visualizer.core.errors import error_text, phrase

LESSON_SCHEMA = "calculus-visualizer-lesson"
LESSON_VERSION = 1
MAX_LESSON_BYTES = 1_000_000
MAX_STEPS = 200
MAX_TEXT = 4000
MAX_TITLE = 200
PANEL_NAMES = ("editor", "secant", "surface", "descent")
DEFAULT_PANELS = ("editor", "secant")
#: The prefix of a built-in lesson's source (``builtin:<id>``).
BUILTIN_PREFIX = "builtin:"
_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")
_OBJECT_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]{0,99}$")
_STEP_KEYS = ("id", "title", "text", "function", "x_range", "y_range", "x0", "h", "point",
              "direction_degrees", "taylor_order", "precision", "panels", "focus", "controls",
              "descent")
_INHERITED = ("function", "x_range", "y_range", "x0", "h", "point", "direction_degrees",
              "taylor_order", "precision", "panels", "focus")


class LessonError(DataError):
    """A lesson file that cannot be used; ``str(error)`` names the step and the field."""


@dataclass(frozen=True)
class LessonStep:
    """One step: the complete state it puts the program in, and its text.

    Attributes
    ----------
    number : int
        1-based position in the lesson.
    key : str
        The step's ``id`` ('' when it has none).
    title, text : dict of str
        Language code -> text (always with ``en``).
    model : dict
        The complete model state in the session format (expression, x0, h, point,
        direction_angle in radians, x_range, y_range, taylor_order, precision,
        variables), inherited values included.
    panels : tuple of str
        The panels the step needs.
    focus : str
        The panel brought to the front.
    controls : dict of str to bool or str
        Controls (by object name) to set: a check button's state or a drop-down list's
        item; inherited ones included.
    descent : dict or None
        ``start``, optional ``runs``, ``speed``, ``play`` for the descent lab.
    """

    number: int
    key: str
    title: dict
    text: dict
    model: dict
    panels: tuple
    focus: str
    controls: dict = field(default_factory=dict)
    descent: dict | None = None

    def title_in(self, language: str) -> str:
        return checks.pick_language(self.title, language) if self.title else ""

    def text_in(self, language: str) -> str:
        return checks.pick_language(self.text, language)


@dataclass(frozen=True)
class Lesson:
    """A checked lesson.

    Attributes
    ----------
    key : str
        The lesson's ``id``.
    title, description : dict of str
    steps : tuple of LessonStep
    source : str
        ``builtin:<id>`` or the path of the file it was read from.
    """

    key: str
    title: dict
    description: dict
    steps: tuple
    source: str = ""

    @property
    def is_builtin(self) -> bool:
        return self.source.startswith(BUILTIN_PREFIX)

    def title_in(self, language: str) -> str:
        return checks.pick_language(self.title, language)

    def description_in(self, language: str) -> str:
        return checks.pick_language(self.description, language) if self.description else ""

    @property
    def control_names(self) -> tuple:
        """Every control any step of the lesson sets."""
        names = []
        for step in self.steps:
            names.extend(name for name in step.controls if name not in names)
        return tuple(names)


def _step_where(number: int, data) -> dict:
    """The place of a step: its number and, when it has one, its ``id``."""
    key = data.get("id") if isinstance(data, dict) else None
    if isinstance(key, str) and key:
        return phrase(error_text("step {number} ({key})"), number=number, key=repr(key))
    return phrase(error_text("step {number}"), number=number)


def _check_step(value, number: int, inherited: dict, controls: dict) -> LessonStep:
    where = _step_where(number, value)
    data = checks.obj(value, where, required=("text",), optional=_STEP_KEYS)
    key = ""
    if "id" in data:
        key = checks.text(data["id"], at(where, "id"), 64)
    title = checks.localized(data["title"], at(where, "title"), MAX_TITLE) if "title" in data \
        else {}
    text = checks.localized(data["text"], at(where, "text"), MAX_TEXT)
    for name in _INHERITED:
        if name in data:
            inherited[name] = data[name]
    if "function" not in inherited:
        raise DataError(error_text("the key 'function' is missing (the first step must give a "
                                   "function)"), where)
    degrees = checks.number(inherited.get("direction_degrees", 0.0),
                            at(where, "direction_degrees"))
    model_data = {"expression": inherited["function"],
                  "direction_angle": math.radians(degrees)}
    for name in DEFAULT_MODEL_STATE:
        if name in inherited and name != "direction_angle":
            model_data[name] = inherited[name]
    try:
        model = check_model_state(model_data, where)
    except DataError as error:  # name the lesson's field, not the session's
        raise DataError(error.reason_template, rename_place(error.place, "expression", "function"),
                        **error.reason_fields) from None
    panels = inherited.get("panels", list(DEFAULT_PANELS))
    if not isinstance(panels, list) or not panels:
        raise DataError(error_text("must be a non-empty list of panels ({names})"),
                        at(where, "panels"), names=", ".join(PANEL_NAMES))
    panels = tuple(checks.choice(p, at(where, "panels"), PANEL_NAMES) for p in panels)
    default_focus = next((p for p in panels if p != "editor"), panels[0])
    focus = inherited.get("focus", default_focus)
    focus = checks.choice(focus, at(where, "focus"), panels)
    if "controls" in data:
        value = data["controls"]
        if not isinstance(value, dict):
            raise DataError(error_text("must be an object of object names and values"),
                            at(where, "controls"))
        for name, state in value.items():
            if not _OBJECT_NAME.match(name):
                raise DataError(error_text("{name} is not an object name"),
                                at(where, "controls"), name=repr(name))
            place = at(at(where, "controls"), name)
            if isinstance(state, str):
                controls[name] = checks.text(state, place, 100)
            else:
                controls[name] = checks.boolean(state, place)
    descent = None
    if "descent" in data:
        descent = check_descent(data["descent"], at(where, "descent"), model["variables"],
                                runs_required=False)
    return LessonStep(number, key, title, text, model, panels, focus, dict(controls), descent)


def check_lesson(document, source: str = "") -> Lesson:
    """A parsed JSON value checked as a lesson.

    Raises
    ------
    LessonError
        The first problem, naming the step (number and id) and the field.
    """
    try:
        if not isinstance(document, dict) or document.get("schema") != LESSON_SCHEMA:
            raise DataError(error_text("this is not a calculus-visualizer lesson file "
                                       "(it needs \"schema\": \"{schema}\")"),
                            schema=LESSON_SCHEMA)
        version = document.get("version")
        if isinstance(version, bool) or not isinstance(version, int) or version < 1:
            raise DataError(error_text("must be a whole number from 1"), "version")
        if version > LESSON_VERSION:
            raise DataError(error_text("the lesson was written for a newer version of the "
                                       "program (lesson version {version}); this one reads up "
                                       "to version {most}"),
                            version=version, most=LESSON_VERSION)
        data = checks.obj(document, "", required=("schema", "version", "id", "title", "steps"),
                          optional=("description",))
        key = checks.text(data["id"], "id", 64)
        if not _ID.match(key):
            raise DataError(error_text("must be letters, digits, '-', '_' or '.' (up to 64)"),
                            "id")
        title = checks.localized(data["title"], "title", MAX_TITLE)
        description = checks.localized(data["description"], "description", MAX_TEXT) \
            if "description" in data else {}
        steps = data["steps"]
        if not isinstance(steps, list) or not 1 <= len(steps) <= MAX_STEPS:
            raise DataError(error_text("must be a list of 1 to {most} steps"), "steps",
                            most=MAX_STEPS)
        inherited: dict = {}
        controls: dict = {}
        checked = tuple(_check_step(step, number, inherited, controls)
                        for number, step in enumerate(steps, start=1))
        return Lesson(key, title, description, checked, source)
    except LessonError:
        raise
    except DataError as error:
        raise LessonError.recast(error) from None


def parse_lesson(raw: bytes | str, source: str = "") -> Lesson:
    """Read a lesson from its bytes (or text) and check it."""
    try:
        document = checks.parse_json(raw, MAX_LESSON_BYTES)
    except DataError as error:
        raise LessonError.recast(error) from None
    return check_lesson(document, source)


def read_lesson(path) -> Lesson:
    """Read and check the lesson file at ``path``; raises :class:`LessonError`."""
    try:
        raw = checks.read_file(path, MAX_LESSON_BYTES)
    except DataError as error:
        raise LessonError.recast(error) from None
    return parse_lesson(raw, str(Path(path).resolve()))


def builtin_lesson_paths() -> list[Path]:
    """The built-in lesson files, sorted by name."""
    from visualizer.resources import resource_path

    folder = resource_path("lessons")
    return sorted(folder.glob("*.json")) if folder.is_dir() else []


def builtin_lessons() -> list[Lesson]:
    """Every built-in lesson, checked (a broken one raises: it is a bug of the program)."""
    lessons = []
    for path in builtin_lesson_paths():
        lesson = read_lesson(path)
        lessons.append(Lesson(lesson.key, lesson.title, lesson.description, lesson.steps,
                              BUILTIN_PREFIX + lesson.key))
    return lessons


def language_of_locale(name: str) -> str:
    """The lesson language for a locale name: ``zh_CN`` -> ``zh_CN`` (falls back to ``zh``)."""
    name = (name or "en").replace("-", "_")
    return name if name and name != "C" else "en"


__all__ = [
    "BUILTIN_PREFIX",
    "LESSON_SCHEMA",
    "LESSON_VERSION",
    "PANEL_NAMES",
    "PRECISIONS",
    "Lesson",
    "LessonError",
    "LessonStep",
    "builtin_lesson_paths",
    "builtin_lessons",
    "check_lesson",
    "language_of_locale",
    "parse_lesson",
    "read_lesson",
]
