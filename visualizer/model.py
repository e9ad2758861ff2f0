"""The one model: the single source of truth for everything the panels show.

Panels read its properties, call its setters and redraw on its signals; they never
hold calculus state of their own and never talk to each other. Every user change
goes through Qt's undo stack, so Ctrl+Z undoes a drag, a typed function or a range.

Symbolic work (parsing, differentiating, solving) never runs here: it is sent to a
killable helper process through :class:`visualizer.analysis.AnalysisService`, and the
answer arrives later as a signal. Until then the last good function stays.
"""

from __future__ import annotations

import math
import time
from collections import OrderedDict
from dataclasses import dataclass

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from visualizer.analysis import AnalysisReply, AnalysisService
from visualizer.core.errors import ExpressionError
from visualizer.core.sampling import MAX_COORDINATE

DEFAULT_EXPRESSION = "x^2"
DEFAULT_RANGE = (-5.0, 5.0)
#: |h| never gets smaller than this: the secant needs two distinct points.
MIN_ABS_H = 1e-12
#: Consecutive changes of one value closer together than this undo as one step (a drag).
MERGE_WINDOW_S = 0.6
BUNDLE_TIMEOUT_S = 3.0
POINTS_TIMEOUT_S = 6.0
_CACHE_SIZE = 64
#: Undo steps kept. Each function step keeps only its text and symbolic answer (a few
#: kilobytes); the compiled functions are rebuilt when it is undone or redone.
UNDO_LIMIT = 200


@dataclass(frozen=True)
class FunctionState:
    """An accepted function: its text, what the symbolic side said, and compiled code.

    Attributes
    ----------
    text : str
        Exactly what the user typed.
    variables : tuple of str
        ``("x",)``, ``("t",)`` or ``("x", "y")`` (a constant counts as one variable).
    bundle : dict
        The JSON-safe answer of :func:`visualizer.core.calculus.function_bundle`.
    functions : visualizer.core.sampling.FunctionSet
        Compiled array and scalar evaluators of f and its derivatives.
    """

    text: str
    variables: tuple
    bundle: dict
    functions: object

    @property
    def is_2d(self) -> bool:
        """True for a function of x and y."""
        return len(self.variables) == 2

    @property
    def variable(self) -> str:
        """The name of the one variable (``x`` or ``t``); ``x`` for two variables."""
        return self.variables[0] if len(self.variables) == 1 else "x"

    def latex(self, key: str) -> str:
        """The LaTeX of ``f`` or of a derivative (``df``, ``d2f``, ``fx``, ``fy`` ...)."""
        if key == "f":
            return self.bundle["latex"]
        return self.bundle["functions"][key]["latex"]


def _state_from_bundle(text: str, bundle: dict) -> FunctionState:
    from visualizer.core.sampling import FunctionSet  # numpy/numexpr only: no sympy here

    functions = FunctionSet.from_bundle(bundle)
    return FunctionState(text, functions.variables, bundle, functions)


class TranslatedCommand(QUndoCommand):
    """An undo command whose name (shown in Edit → Undo …) follows the interface language.

    ``label`` is the English source text, marked where it is written with
    ``QT_TRANSLATE_NOOP(context, "...")`` and ``{fields}`` filled in after translation;
    :meth:`retranslate` names the command again after a language switch.
    """

    def __init__(self, context: str, label: str, **fields):
        self._label = (context, label, fields)
        super().__init__(self._translated())

    def _translated(self) -> str:
        context, label, fields = self._label
        return QCoreApplication.translate(context, label).format(**fields)

    def retranslate(self) -> None:
        self.setText(self._translated())


class MergingCommand(TranslatedCommand):
    """An undoable change from ``old`` to ``new`` that absorbs the next change of the
    same thing made within :data:`MERGE_WINDOW_S`: a drag is one undo step.

    Subclasses say what "the same thing" is (:meth:`same_target`) and how a value is
    put back (:meth:`apply`); Qt only offers a merge to a command of the same ``id()``.
    """

    def __init__(self, context: str, label: str, old, new, **fields):
        super().__init__(context, label, **fields)
        self._old, self._new = old, new
        self._stamp = time.monotonic()

    def same_target(self, other: MergingCommand) -> bool:
        return type(other) is type(self)

    def apply(self, value) -> None:
        raise NotImplementedError

    def mergeWith(self, other: QUndoCommand) -> bool:  # noqa: N802 - Qt's name
        if not isinstance(other, MergingCommand) or not self.same_target(other):
            return False
        if other._stamp - self._stamp > MERGE_WINDOW_S:
            return False
        self._new, self._stamp = other._new, other._stamp
        return True

    def redo(self) -> None:
        self.apply(self._new)

    def undo(self) -> None:
        self.apply(self._old)


class _SetValueCommand(MergingCommand):
    """Undoable change of one model value; quick successive changes merge (a drag)."""

    def __init__(self, model: Model, name: str, old, new, label: str):
        super().__init__("Model", label, old, new)
        self._model, self._name = model, name

    def id(self) -> int:  # noqa: A003 - Qt's name
        return abs(hash(self._name)) % (2**30) + 1

    def same_target(self, other: MergingCommand) -> bool:
        return isinstance(other, _SetValueCommand) and other._name == self._name

    def apply(self, value) -> None:
        self._model._apply(self._name, value)


class Model(QObject):
    """Calculus state shared by every panel.

    Signals
    -------
    expression_changed(FunctionState)
        A new function was accepted (typed, chosen from the presets, undone, redone).
    expression_rejected(str, ExpressionError)
        The text could not be used; the payload says what and where. The last good
        function stays current.
    critical_points_changed(object)
        Stationary and inflection points of the current function arrived: a dict as
        :func:`visualizer.core.calculus.critical_points` returns it, or ``None`` while
        they are being computed. A dict with an ``"error"`` key says why they could not be.
    busy_changed(bool)
        Symbolic work is running (for a progress indicator).
    x0_changed(float)
        The first secant point / tangent point moved.
    h_changed(float)
        The second secant point is now at ``x0 + h``.
    point_changed(tuple)
        The point (x, y) of a two-variable function moved.
    direction_angle_changed(float)
        The direction of the directional derivative, in radians.
    x_range_changed(tuple), y_range_changed(tuple)
        The visible / analysed range of x or y, as ``(low, high)``.
    taylor_order_changed(int)
        The order n (0 to 10) of the Taylor polynomial shown at x0.
    precision_changed(str)
        The floating-point precision of the difference quotients: ``"float64"``,
        ``"float32"`` or ``"float16"``.

    Attributes
    ----------
    descent : visualizer.descent_model.DescentModel
        The descent lab's runs, start and learning-rate map.
    """

    expression_changed = Signal(object)
    expression_rejected = Signal(str, object)
    critical_points_changed = Signal(object)
    busy_changed = Signal(bool)
    x0_changed = Signal(float)
    h_changed = Signal(float)
    point_changed = Signal(tuple)
    direction_angle_changed = Signal(float)
    x_range_changed = Signal(tuple)
    y_range_changed = Signal(tuple)
    taylor_order_changed = Signal(int)
    precision_changed = Signal(str)

    _SIGNALS = {
        "x0": "x0_changed",
        "h": "h_changed",
        "point": "point_changed",
        "direction_angle": "direction_angle_changed",
        "x_range": "x_range_changed",
        "y_range": "y_range_changed",
        "taylor_order": "taylor_order_changed",
        "precision": "precision_changed",
    }
    PRECISIONS = ("float64", "float32", "float16")
    MAX_TAYLOR_ORDER = 10

    def __init__(self, service: AnalysisService | None = None, parent=None):
        super().__init__(parent)
        self._service = service if service is not None else AnalysisService(parent=self)
        self._service.replied.connect(self._on_reply)
        self._service.busy_changed.connect(self.busy_changed)
        self.undo_stack = QUndoStack(self)
        self.undo_stack.setUndoLimit(UNDO_LIMIT)
        self._function: FunctionState | None = None
        self._critical_points: dict | None = None
        self._values = {
            "x0": 1.0,
            "h": 1.0,
            "point": (0.5, -0.4),
            "direction_angle": 0.0,
            "x_range": DEFAULT_RANGE,
            "y_range": DEFAULT_RANGE,
            "taylor_order": 2,
            "precision": "float64",
        }
        self._bundle_request: tuple[int, str] | None = None
        self._points_request: int | None = None
        self._bundles: OrderedDict[tuple, dict] = OrderedDict()
        self._points: OrderedDict[tuple, dict] = OrderedDict()
        from visualizer.descent_model import DescentModel

        self.descent = DescentModel(self)

    # -- read-only state ----------------------------------------------------------
    @property
    def function(self) -> FunctionState | None:
        """The current accepted function, or None before the first one arrives."""
        return self._function

    @property
    def expression_text(self) -> str:
        """The current function's text exactly as typed, once accepted ('' before)."""
        return self._function.text if self._function else ""

    @property
    def critical_points(self) -> dict | None:
        """Stationary/inflection points of the current function, or None (not yet known)."""
        return self._critical_points

    @property
    def x0(self) -> float:
        return self._values["x0"]

    @property
    def h(self) -> float:
        return self._values["h"]

    @property
    def point(self) -> tuple:
        return self._values["point"]

    @property
    def direction_angle(self) -> float:
        return self._values["direction_angle"]

    @property
    def x_range(self) -> tuple:
        return self._values["x_range"]

    @property
    def y_range(self) -> tuple:
        return self._values["y_range"]

    @property
    def taylor_order(self) -> int:
        return self._values["taylor_order"]

    @property
    def precision(self) -> str:
        return self._values["precision"]

    @property
    def service(self) -> AnalysisService:
        return self._service

    # -- setters ------------------------------------------------------------------
    def set_expression(self, text: str) -> None:
        """Ask for ``text`` to become the function; the answer comes as a signal.

        Emits ``expression_changed`` when accepted or ``expression_rejected`` when not.
        Setting the current text again does nothing.
        """
        text = str(text)
        if self._function is not None and text == self._function.text:
            self._bundle_request = None
            return
        cached = self._bundles.get(self._bundle_key(text))
        if cached is not None:
            self._bundle_request = None
            self._accept(text, cached)
            return
        request_id = self._service.submit(
            "bundle",
            timeout=BUNDLE_TIMEOUT_S,
            text=text,
            x_range=list(self.x_range),
            y_range=list(self.y_range),
        )
        self._bundle_request = (request_id, text)

    def set_x0(self, value: float) -> None:
        """Move the tangent point P0 to ``x = value``."""
        self._set("x0", self._coordinate(value, "x0"), QT_TRANSLATE_NOOP("Model", "Move P₀"))

    def set_h(self, value: float) -> None:
        """Put the second secant point at ``x0 + value`` (never exactly at P0)."""
        value = self._coordinate(value, "h")
        if abs(value) < MIN_ABS_H:
            value = math.copysign(MIN_ABS_H, value)
        self._set("h", value, QT_TRANSLATE_NOOP("Model", "Move P"))

    def set_point(self, x: float, y: float) -> None:
        """Move the point of a two-variable function to ``(x, y)``."""
        self._set("point", (self._coordinate(x, "x"), self._coordinate(y, "y")), QT_TRANSLATE_NOOP("Model", "Move point"))

    def set_direction_angle(self, angle: float) -> None:
        """Set the direction of the directional derivative, in radians (kept in [0, 2π))."""
        angle = math.fmod(self._finite(angle, "angle"), math.tau)
        if angle < 0:
            angle += math.tau
        self._set("direction_angle", angle, QT_TRANSLATE_NOOP("Model", "Turn direction"))

    def set_x_range(self, low: float, high: float) -> None:
        """Show and analyse x in ``[low, high]``."""
        self._set("x_range", self._range(low, high), QT_TRANSLATE_NOOP("Model", "Change x range"))

    def set_y_range(self, low: float, high: float) -> None:
        """Show and analyse y in ``[low, high]``."""
        self._set("y_range", self._range(low, high), QT_TRANSLATE_NOOP("Model", "Change y range"))

    def set_taylor_order(self, order: int) -> None:
        """Show the Taylor polynomial of order ``order`` (0 to 10) at x0."""
        order = int(order)
        if not 0 <= order <= self.MAX_TAYLOR_ORDER:
            raise ValueError(f"the Taylor order must be between 0 and {self.MAX_TAYLOR_ORDER}")
        self._set("taylor_order", order, QT_TRANSLATE_NOOP("Model", "Change Taylor order"))

    def set_precision(self, precision: str) -> None:
        """Compute difference quotients in ``precision`` (float64, float32 or float16)."""
        if precision not in self.PRECISIONS:
            raise ValueError(f"precision must be one of {', '.join(self.PRECISIONS)}")
        self._set("precision", precision, QT_TRANSLATE_NOOP("Model", "Change precision"))

    def snapshot(self) -> dict:
        """The state as plain JSON-safe data (for sessions and lessons).

        Keys: ``expression`` (the accepted text, '' before the first function), ``x0``,
        ``h``, ``point``, ``direction_angle``, ``x_range``, ``y_range`` (lists),
        ``taylor_order`` and ``precision``. The descent lab's runs are not included: the
        classroom saves them through :class:`visualizer.descent_model.DescentModel`'s own
        properties.
        """
        values = self._values
        return {
            "expression": self.expression_text,
            "x0": values["x0"],
            "h": values["h"],
            "point": list(values["point"]),
            "direction_angle": values["direction_angle"],
            "x_range": list(values["x_range"]),
            "y_range": list(values["y_range"]),
            "taylor_order": values["taylor_order"],
            "precision": values["precision"],
        }

    def restore(self, data: dict) -> None:
        """Go to a state given as :meth:`snapshot` gives it (keys may be left out).

        Every value goes through its setter (so it is undoable and emits its signal) and
        the formula is *parsed again* by our parser in the helper process, never
        evaluated; it arrives later as ``expression_changed`` (or ``expression_rejected``).
        Every value is checked before the first one changes.

        Raises
        ------
        ValueError, TypeError
            A value is not acceptable; nothing has changed.
        """
        checked = {}
        for name in ("x0", "h", "direction_angle"):
            if name in data:
                checked[name] = self._finite(data[name], name)
        if "h" in checked and checked["h"] == 0:
            raise ValueError("h must not be 0")
        if "point" in data:
            x, y = data["point"]
            checked["point"] = (self._coordinate(x, "x"), self._coordinate(y, "y"))
        for name in ("x_range", "y_range"):
            if name in data:
                checked[name] = self._range(*data[name])
        if "taylor_order" in data:
            order = data["taylor_order"]
            if isinstance(order, bool) or int(order) != order \
                    or not 0 <= order <= self.MAX_TAYLOR_ORDER:
                raise ValueError(f"the Taylor order must be 0 to {self.MAX_TAYLOR_ORDER}")
            checked["taylor_order"] = int(order)
        if "precision" in data and data["precision"] not in self.PRECISIONS:
            raise ValueError(f"precision must be one of {', '.join(self.PRECISIONS)}")
        text = data.get("expression", "")
        if not isinstance(text, str):
            raise TypeError("the expression must be text")
        # Ranges first: the function is analysed within them.
        if "x_range" in checked:
            self.set_x_range(*checked["x_range"])
        if "y_range" in checked:
            self.set_y_range(*checked["y_range"])
        if text:
            self.set_expression(text)
        for name, setter in (("x0", self.set_x0), ("h", self.set_h),
                             ("direction_angle", self.set_direction_angle),
                             ("taylor_order", self.set_taylor_order)):
            if name in checked:
                setter(checked[name])
        if "point" in checked:
            self.set_point(*checked["point"])
        if "precision" in data:
            self.set_precision(data["precision"])

    def retranslate_history(self) -> None:
        """Name every command in the undo history again in the current language."""
        for index in range(self.undo_stack.count()):
            command = self.undo_stack.command(index)
            if isinstance(command, TranslatedCommand):
                command.retranslate()

    def close(self) -> None:
        """Stop the helper processes."""
        self._service.close()

    # -- internals ----------------------------------------------------------------
    @staticmethod
    def _finite(value, name: str) -> float:
        value = float(value)
        if not math.isfinite(value):
            raise ValueError(f"{name} must be a finite number")
        return value

    @classmethod
    def _coordinate(cls, value, name: str) -> float:
        # A drag far beyond the plot lands at the edge instead of making the state
        # unsaveable (session files hold at most MAX_COORDINATE).
        return min(max(cls._finite(value, name), -MAX_COORDINATE), MAX_COORDINATE)

    def _range(self, low, high) -> tuple:
        low, high = self._finite(low, "low"), self._finite(high, "high")
        if not low < high:
            raise ValueError("the start of a range must be below its end")
        if max(abs(low), abs(high)) > MAX_COORDINATE:
            raise ValueError(f"a range must lie within ±{MAX_COORDINATE:g}")
        return (low, high)

    def _set(self, name: str, value, label: str) -> None:
        if self._values[name] == value:
            return
        self.undo_stack.push(_SetValueCommand(self, name, self._values[name], value, label))

    def _apply(self, name: str, value) -> None:
        if self._values[name] == value:
            return
        self._values[name] = value
        getattr(self, self._SIGNALS[name]).emit(value)
        if name in ("x_range", "y_range") and self._function is not None:
            self._request_points(self._function)

    def _bundle_key(self, text: str) -> tuple:
        return (text, self.x_range, self.y_range)

    def _on_reply(self, reply: AnalysisReply) -> None:
        if reply.op == "bundle":
            if self._bundle_request is None or self._bundle_request[0] != reply.request_id:
                return  # an answer to a question nobody asks any more
            self._bundle_request = None
            text = reply.params["text"]
            if reply.error is not None:
                self.expression_rejected.emit(text, reply.error)
                return
            self._remember(self._bundles, self._bundle_key(text), reply.result)
            self._accept(text, reply.result)
        elif reply.op == "points":
            if reply.request_id != self._points_request:
                return
            self._points_request = None
            result = reply.result
            if reply.error is not None:
                result = {"error": reply.error.to_transport()}  # translatable
            else:
                key = (reply.params["text"], tuple(reply.params["x_range"]),
                       tuple(reply.params["y_range"]))
                self._remember(self._points, key, result)
            self._critical_points = result
            self.critical_points_changed.emit(result)

    def _accept(self, text: str, bundle: dict) -> None:
        try:
            state = _state_from_bundle(text, bundle)
        except ExpressionError as error:
            self.expression_rejected.emit(text, error)
            return
        if self._function is None:  # the start-up function is not an undoable change
            self._apply_function(state)
            return
        self.undo_stack.push(_SetFunctionCommand(self, self._function, state))

    def _apply_function(self, state: FunctionState | None) -> None:
        self._function = state
        if state is None:
            return
        # The old function's points must not be read as the new one's during the signal.
        self._critical_points = None
        self.expression_changed.emit(state)
        self._request_points(state)

    def _request_points(self, state: FunctionState) -> None:
        key = (state.text, self.x_range, self.y_range)
        cached = self._points.get(key)
        if cached is not None:
            self._points_request = None
            self._critical_points = cached
            self.critical_points_changed.emit(cached)
            return
        self._critical_points = None
        self.critical_points_changed.emit(None)
        self._points_request = self._service.submit(
            "points",
            timeout=POINTS_TIMEOUT_S,
            supersede=self._bundle_request is None,
            text=state.text,
            x_range=list(self.x_range),
            y_range=list(self.y_range),
        )

    @staticmethod
    def _remember(cache: OrderedDict, key, value) -> None:
        cache[key] = value
        cache.move_to_end(key)
        while len(cache) > _CACHE_SIZE:
            cache.popitem(last=False)


class _SetFunctionCommand(TranslatedCommand):
    """Undoable change of the function (typed or chosen).

    Holds each side as ``(text, bundle)``, plain data, not the compiled
    :class:`FunctionState`: a long history of compiled functions grew the process by
    ~20 kB an edit. Undo and redo compile again (a couple of milliseconds).
    """

    def __init__(self, model: Model, old: FunctionState, new: FunctionState):
        super().__init__("Model", QT_TRANSLATE_NOOP("Model", "Function {text}"), text=new.text)
        self._model = model
        self._old = (old.text, old.bundle)
        self._new = (new.text, new.bundle)
        self._compiled: FunctionState | None = new  # the first redo needs no compiling

    def redo(self) -> None:
        state, self._compiled = self._compiled, None
        self._model._apply_function(state if state is not None else _state_from_bundle(*self._new))

    def undo(self) -> None:
        self._model._apply_function(_state_from_bundle(*self._old))
