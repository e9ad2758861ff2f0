"""The descent lab's state: runs of gradient descent from one start, step by step.

Part of the one model (``Model.descent``): the panel reads it, calls its methods and
redraws on its signals. The maths is :mod:`visualizer.core.optimizers` (the update
rules and stop rules, identical to the ``descend`` command) and
:mod:`visualizer.core.lr_map`; nothing here computes a step itself.

Where the sources come from
---------------------------
The optimizers need the scalar sources of f, its gradient and its Hessian. The
function bundle the model already holds carries exactly those: the same cleaned
derivatives printed by the same :func:`visualizer.core.codegen.scalar_source` as the
worker's ``descent_sources`` op (a test checks that they agree). Taking them from the
bundle costs no round trip to the helper process, so a new function can be descended
at once instead of after the (possibly slow) search for its critical points.
"""

from __future__ import annotations

import math
import threading
import time
from dataclasses import dataclass, fields

import numpy as np
from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QElapsedTimer,
    QObject,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QGuiApplication

from visualizer import gui_thread
from visualizer.core.errors import ExpressionError, error_text
from visualizer.core.lr_map import (
    PARAMETER_AXES,
    LrMapResult,
    cell_settings,
    compute_lr_map,
    lr_map_spec,
)
from visualizer.core.optimizers import DEFAULTS, DescentSettings, Stepper
from visualizer.i18n import descent_message, error_message
from visualizer.model import MergingCommand

__all__ = ["DescentModel", "DescentRun", "Scenario", "SCENARIOS", "SCENARIOS_BY_KEY"]

#: The most steps one run of the lab may take (each is kept for the table and plots).
MAX_LAB_STEPS = 200_000
#: The most steps of one cell of the learning-rate map.
MAX_MAP_STEPS = 5000
#: Run speed limits, in steps per second.
MIN_SPEED, MAX_SPEED = 1.0, 100_000.0
DEFAULT_SPEED = 30.0
#: Time a frame may spend stepping before it draws (the rest of a frame is drawing).
FRAME_STEP_BUDGET_S = 0.008
#: Why a run cannot start before there is a function (translated when shown).
_NO_FUNCTION = "no function yet"
#: The first run of a new lab.
DEFAULT_RUN = {"optimizer": "sgd", "lr": 0.1, "steps": 500}


def _settings_dict(settings: DescentSettings) -> dict:
    return {f.name: getattr(settings, f.name) for f in fields(settings)}


def make_settings(**values) -> DescentSettings:
    """DescentSettings from keyword values; raises ExpressionError("argument")."""
    steps = values.get("steps")
    if steps is not None and not isinstance(steps, bool) and isinstance(steps, int):
        if steps > MAX_LAB_STEPS:
            raise ExpressionError(
                "argument",
                template=error_text("the lab keeps at most {most} steps per run, got {steps}"),
                fields={"most": f"{MAX_LAB_STEPS:,}", "steps": f"{steps:,}"},
            )
    return DescentSettings(**values)


@dataclass(frozen=True)
class Scenario:
    """A ready-made lesson: a function, its ranges, a start and the runs to compare.

    Attributes
    ----------
    key : str
    name : str
        English source string (translated by the panel).
    text : str
        The function, in the function language.
    x_range, y_range : (float, float)
    start : tuple of float
    runs : tuple of dict
        Keyword arguments of :class:`DescentSettings`, one per run.
    note : str
        What to look at (English source string).
    """

    key: str
    name: str
    text: str
    x_range: tuple
    y_range: tuple
    start: tuple
    runs: tuple
    note: str = ""


SCENARIOS: tuple[Scenario, ...] = (
    Scenario(
        "chapters_log", "The chapters' example: log(x⁴ + x³ + 2) from −9.41",
        "log(x^4 + x^3 + 2)", (-10.0, 3.0), (-5.0, 5.0), (-9.41,),
        ({"optimizer": "sgd", "lr": 0.001, "steps": 5000},),
        "The chapters run 5000 steps of lr 0.001 from x = −9.41. With the true derivative, "
        "see where the run really ends: far out, the slope is small.",
    ),
    Scenario(
        "square", "Push the learning rate: x²", "x^2", (-5.0, 5.0), (-5.0, 5.0), (4.0,),
        ({"optimizer": "sgd", "lr": 0.1, "steps": 500},
         {"optimizer": "sgd", "lr": 1.05, "steps": 500}),
        "f″ = 2, so plain gradient descent needs lr < 2/f″ = 1. Raise the learning rate "
        "and read why the run diverges.",
    ),
    Scenario(
        "quartic_bowl", "x⁴ + y²: flat in x", "x^4 + y^2", (-2.0, 2.0), (-2.0, 2.0),
        (1.5, -1.0),
        ({"optimizer": "sgd", "lr": 0.1, "steps": 1000},
         {"optimizer": "newton", "lr": 1.0, "steps": 1000}),
        "Near x = 0 the curvature in x vanishes: gradient descent crawls, Newton's "
        "method does not.",
    ),
    Scenario(
        "bowl", "x² + xy + y²", "x^2 + xy + y^2", (-2.0, 2.0), (-2.0, 2.0), (1.5, 0.5),
        ({"optimizer": "sgd", "lr": 0.1, "steps": 500},
         {"optimizer": "sgd", "lr": 0.6, "steps": 500}),
        "The largest curvature is 3 (an eigenvalue of the Hessian): lr must stay below "
        "2/3. Close to it, the path zig-zags.",
    ),
    Scenario(
        "rosenbrock", "Rosenbrock: Adam against SGD", "(1 - x)^2 + 100(y - x^2)^2",
        (-2.0, 2.0), (-1.0, 3.0), (-1.5, 2.0),
        ({"optimizer": "sgd", "lr": 0.0005, "steps": 5000},
         {"optimizer": "adam", "lr": 0.02, "steps": 5000}),
        "A narrow curved valley with its minimum at (1, 1): race the two along it.",
    ),
    Scenario(
        "himmelblau", "Himmelblau: four minima", "(x^2 + y - 11)^2 + (x + y^2 - 7)^2",
        (-5.0, 5.0), (-5.0, 5.0), (0.0, 0.0),
        ({"optimizer": "sgd", "lr": 0.01, "steps": 500},
         {"optimizer": "adam", "lr": 0.1, "steps": 500}),
        "Four minima of the same height: which one a run reaches depends on the start "
        "and the optimizer. Drag the start.",
    ),
    Scenario(
        "saddle", "Saddle x² − y²", "x^2 - y^2", (-2.0, 2.0), (-2.0, 2.0), (1.5, 0.0),
        ({"optimizer": "sgd", "lr": 0.1, "steps": 500},),
        "Started exactly on y = 0, the run stalls at the saddle point. Move the start "
        "off the axis: it escapes, and f has no minimum.",
    ),
    Scenario(
        "abs", "|x|: a kink", "|x|", (-2.0, 2.0), (-5.0, 5.0), (1.05,),
        ({"optimizer": "sgd", "lr": 0.1, "steps": 500},),
        "The slope jumps from −1 to +1 at 0: with a fixed learning rate the steps never "
        "shrink, and the run bounces across the kink.",
    ),
    Scenario(
        "ill_conditioned", "Ill-conditioned x² + 25y²: momentum helps", "x^2 + 25y^2",
        (-3.0, 3.0), (-3.0, 3.0), (-2.5, 1.0),
        ({"optimizer": "sgd", "lr": 0.035, "steps": 1000},
         {"optimizer": "momentum", "lr": 0.035, "momentum": 0.5, "steps": 1000}),
        "Curvatures 2 and 50: a learning rate safe for y is tiny for x. Momentum builds "
        "up speed along the flat direction.",
    ),
)

SCENARIOS_BY_KEY = {scenario.key: scenario for scenario in SCENARIOS}


class DescentRun:
    """One run: its settings, colour, the :class:`Stepper` and everything it visited.

    The trace keeps, for steps 0..k, the point, f and the gradient, in arrays that
    grow by doubling (the plots and the table read slices of them).

    Attributes
    ----------
    settings : DescentSettings
    colour : int
        Index into the panel's run palette (distinct per run).
    error : str
        Why the run cannot start ('' when it can), e.g. f undefined at the start.
    """

    def __init__(self, settings: DescentSettings, colour: int):
        self.settings = settings
        self.colour = colour
        self.error = ""
        self._start_error: ExpressionError | None = None
        self._stepper: Stepper | None = None
        self._count = 0
        self._dimension = 1
        self._points = np.zeros((0, 1))
        self._values = np.zeros(0)
        self._gradients = np.zeros((0, 1))

    # -- reading -----------------------------------------------------------------
    @property
    def label(self) -> str:
        """``"sgd, lr 0.1"``, with μ or β's when they are not the optimizer's defaults."""
        s = self.settings
        text = f"{s.optimizer}, lr {s.lr:g}"
        defaults = DEFAULTS[s.optimizer]
        if "momentum" in defaults and s.momentum != defaults["momentum"]:
            text += f", μ {s.momentum:g}"
        if "betas" in defaults and s.betas != defaults["betas"]:
            text += f", β {s.betas[0]:g}, {s.betas[1]:g}"
        return text

    @property
    def count(self) -> int:
        """Points in the trace (steps taken + 1), 0 when the run could not start."""
        return self._count

    @property
    def points(self) -> np.ndarray:
        """(count, dimension) array of every point visited, the start first."""
        return self._points[: self._count]

    @property
    def values(self) -> np.ndarray:
        """f at every point of the trace."""
        return self._values[: self._count]

    @property
    def gradients(self) -> np.ndarray:
        """The gradient at every point of the trace."""
        return self._gradients[: self._count]

    @property
    def steps_taken(self) -> int:
        return max(0, self._count - 1)

    @property
    def status(self) -> str:
        """``"running"``, a stop status of :data:`visualizer.core.optimizers.STATUSES`, or
        ``"error"`` when the run could not start."""
        if self._stepper is None:
            return "error"
        return self._stepper.status

    @property
    def message(self) -> str:
        """Why the run stopped (the Stepper's honest message), or why it cannot start,
        in the interface language (rendered anew at every read, so a language switch
        shows at the next redraw)."""
        if self._stepper is None:
            if self._start_error is not None:
                return error_message(self._start_error)
            if self.error == _NO_FUNCTION:
                return QCoreApplication.translate("DescentModel", _NO_FUNCTION)
            return self.error
        stepper = self._stepper
        return descent_message(stepper.message_template, stepper.message_fields,
                               stepper.message)

    @property
    def english_message(self) -> str:
        """:attr:`message` in English, as the ``descend`` command prints it (to match
        words in, whatever the interface language)."""
        if self._stepper is None:
            return self.error
        return self._stepper.message

    @property
    def finished(self) -> bool:
        return self._stepper is None or self._stepper.finished

    @property
    def state(self) -> dict:
        """The optimizer's own state under torch.optim's names."""
        return self._stepper.state if self._stepper is not None else {}

    # -- driving (DescentModel only) ----------------------------------------------
    def restart(self, sources: dict | None, start: tuple) -> None:
        """Back to the start with a new Stepper (on the given sources)."""
        self._stepper = None
        self._count = 0
        self.error = ""
        self._start_error = None
        if sources is None:
            self.error = _NO_FUNCTION
            return
        try:
            self._stepper = Stepper(sources, start, self.settings)
        except ExpressionError as error:
            self.error = error.message
            self._start_error = error
            return
        self._dimension = len(start)
        capacity = min(self.settings.steps + 1, 1024)
        self._points = np.empty((capacity, self._dimension))
        self._values = np.empty(capacity)
        self._gradients = np.empty((capacity, self._dimension))
        self._store(self._stepper.current)

    def advance(self, count: int, deadline: float | None = None) -> bool:
        """Take up to ``count`` steps (stop early at ``deadline``); True if anything changed."""
        stepper = self._stepper
        if stepper is None or stepper.finished:
            return False
        for taken in range(count):
            if stepper.finished:
                break
            self._store(stepper.step())
            if deadline is not None and taken % 64 == 63 and time.perf_counter() > deadline:
                break
        return True

    def _store(self, record) -> None:
        index = record.step
        if index >= len(self._values):
            capacity = max(2 * len(self._values), index + 1, 16)
            for name in ("_points", "_values", "_gradients"):
                old = getattr(self, name)
                new = np.empty((capacity, *old.shape[1:]))
                new[: len(old)] = old
                setattr(self, name, new)
        self._points[index] = record.point
        self._values[index] = record.value
        self._gradients[index] = record.gradient
        # A run that diverges falls back to its last good point: the trace shrinks too.
        self._count = index + 1


class _StartCommand(MergingCommand):
    def __init__(self, lab: DescentModel, old: tuple, new: tuple):
        super().__init__("DescentModel",
                         QT_TRANSLATE_NOOP("DescentModel", "Move the descent start"), old, new)
        self._lab = lab

    def id(self) -> int:  # noqa: A003 - Qt's name
        return 0x5D5A

    def apply(self, value) -> None:
        self._lab._apply_start(value)


class _SettingsCommand(MergingCommand):
    def __init__(self, lab: DescentModel, run: DescentRun, old, new):
        super().__init__("DescentModel",
                         QT_TRANSLATE_NOOP("DescentModel", "Change descent settings"), old, new)
        self._lab, self._run = lab, run

    def id(self) -> int:  # noqa: A003 - Qt's name
        return 0x5D5B

    def same_target(self, other: MergingCommand) -> bool:
        return isinstance(other, _SettingsCommand) and other._run is self._run

    def apply(self, value) -> None:
        self._lab._apply_settings(self._run, value)


class DescentModel(QObject):
    """Runs of gradient descent from one start, stepped together.

    Every run starts at :attr:`start` and has its own optimizer, learning rate and
    hyper-parameters (a :class:`DescentSettings`). Step, run (at :attr:`speed` steps
    per second, on a timer at the screen's frame rate), pause and reset act on all
    runs at once, so they stay at the same step number and compare side by side.
    Changing a run's settings or the start restarts every run. Settings and start
    changes go through the model's undo stack.

    Parameters
    ----------
    model : visualizer.model.Model
        The one model: the function comes from it.

    Signals
    -------
    runs_changed()
        Runs were added or removed, or every run went back to the start (reset, a new
        start, new settings, a new function).
    run_stepped(int)
        Run ``i`` took one or more steps, or finished.
    start_changed(tuple)
        The start point moved (one coordinate per variable).
    settings_changed(int)
        Run ``i`` has new settings (``runs_changed`` follows: every run restarts).
    selected_changed(int)
        The run shown in the table and edited by the controls.
    playing_changed(bool)
        Running on the timer, or paused.
    speed_changed(float)
        Steps per second while running.
    map_changed(object)
        The learning-rate map: an :class:`~visualizer.core.lr_map.LrMapResult` (also
        while it fills, row by row) or None when there is none for the current function
        and start.
    map_progress(int, int)
        Cells done, cells in all, while the map is computed.
    map_running_changed(bool)
        The map started or stopped computing.
    scenario_changed(str)
        A scenario was applied (its key; '' when the function changed otherwise).
    """

    runs_changed = Signal()
    run_stepped = Signal(int)
    start_changed = Signal(tuple)
    settings_changed = Signal(int)
    selected_changed = Signal(int)
    playing_changed = Signal(bool)
    speed_changed = Signal(float)
    map_changed = Signal(object)
    map_progress = Signal(int, int)
    map_running_changed = Signal(bool)
    scenario_changed = Signal(str)

    def __init__(self, model, parent=None):
        super().__init__(parent if parent is not None else model)
        self._model = model
        self._sources: dict | None = None
        # 0 until the first function arrives, which then gets a default start.
        self._dimension = 0
        self._start: tuple = ()
        self._runs: list[DescentRun] = [DescentRun(make_settings(**DEFAULT_RUN), 0)]
        self._selected = 0
        self._speed = DEFAULT_SPEED
        self._scenario = ""
        self._pending_scenario: Scenario | None = None
        self._budget = 0.0
        self._timer = QTimer(self)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.timeout.connect(self._on_tick)
        self._clock = QElapsedTimer()
        self._map_result: LrMapResult | None = None
        self._map_job = 0
        self._map_cancel: threading.Event | None = None
        self._map_thread: threading.Thread | None = None
        gui_thread.prepare()
        model.expression_changed.connect(self._on_expression_changed)
        model.expression_rejected.connect(self._on_expression_rejected)
        if model.function is not None:
            self._on_expression_changed(model.function)

    # -- reading -------------------------------------------------------------------
    @property
    def runs(self) -> tuple[DescentRun, ...]:
        return tuple(self._runs)

    @property
    def selected(self) -> int:
        """Index of the run the table shows and the controls edit."""
        return self._selected

    @property
    def selected_run(self) -> DescentRun:
        return self._runs[self._selected]

    @property
    def start(self) -> tuple:
        return self._start

    @property
    def dimension(self) -> int:
        """1 or 2: variables of the current function (0 before the first one)."""
        return self._dimension

    @property
    def variables(self) -> tuple:
        function = self._model.function
        return tuple(function.variables) if function is not None else ("x",)

    @property
    def sources(self) -> dict | None:
        """Scalar sources of f, its gradient and Hessian (None before a function)."""
        return self._sources

    @property
    def playing(self) -> bool:
        return self._timer.isActive()

    @property
    def speed(self) -> float:
        """Steps per second while running."""
        return self._speed

    @property
    def step_count(self) -> int:
        """The current step: the most steps any run has taken."""
        return max((run.steps_taken for run in self._runs), default=0)

    @property
    def all_finished(self) -> bool:
        return all(run.finished for run in self._runs)

    @property
    def scenario(self) -> str:
        """Key of the scenario applied last ('' once the function changed otherwise)."""
        return self._scenario

    @property
    def map_result(self) -> LrMapResult | None:
        return self._map_result

    @property
    def map_running(self) -> bool:
        return self._map_thread is not None

    # -- start and settings ----------------------------------------------------------
    def set_start(self, point) -> None:
        """Start every run at ``point`` (a number for one variable, else (x, y)).

        Raises
        ------
        ExpressionError
            ``argument`` for a start that is not finite or has the wrong number of
            coordinates; ``domain`` where f is not defined.
        """
        start = self._checked_start(point)
        if start == self._start:
            return
        self._model.undo_stack.push(_StartCommand(self, self._start, start))

    def set_run_settings(self, index: int, **changes) -> None:
        """Change run ``index``'s optimizer, lr, steps, tol or hyper-parameters.

        Changing the optimizer keeps lr, steps and tol and takes the new optimizer's
        defaults for the rest (unless given too). Refused settings leave everything
        as it was.

        Raises
        ------
        ExpressionError
            Kind ``argument``, with the optimizers' message naming the bad setting.
        IndexError
            No such run.
        """
        run = self._runs[index]
        current = _settings_dict(run.settings)
        optimizer = changes.get("optimizer", current["optimizer"])
        if optimizer != current["optimizer"]:
            values = {key: current[key] for key in ("lr", "steps", "tol")}
        else:
            values = current
            for name in ("momentum", "dampening", "betas", "eps", "alpha", "lr_decay"):
                if name not in DEFAULTS.get(optimizer, {}):
                    values.pop(name, None)
        values.update(changes)
        values["optimizer"] = optimizer
        settings = make_settings(**values)
        if settings == run.settings:
            return
        self._model.undo_stack.push(_SettingsCommand(self, run, run.settings, settings))

    def add_run(self, **settings) -> int:
        """Add a run (a copy of the selected run's settings unless given); returns its index."""
        new = (
            make_settings(**settings)
            if settings
            else make_settings(**_settings_dict(self.selected_run.settings))
        )
        used = {run.colour for run in self._runs}
        colour = next(c for c in range(len(self._runs) + 1) if c not in used)
        run = DescentRun(new, colour)
        self._runs.append(run)
        self._restart_all()
        self._selected = len(self._runs) - 1
        self.runs_changed.emit()
        self.selected_changed.emit(self._selected)
        return self._selected

    def remove_run(self, index: int) -> None:
        """Remove run ``index`` (the last run cannot be removed)."""
        if len(self._runs) <= 1 or not 0 <= index < len(self._runs):
            return
        del self._runs[index]
        selected = min(self._selected if self._selected < index else max(0, self._selected - 1),
                       len(self._runs) - 1)
        self._restart_all()
        changed = selected != self._selected or index == self._selected
        self._selected = selected
        self.runs_changed.emit()
        if changed:
            self.selected_changed.emit(self._selected)

    def select_run(self, index: int) -> None:
        if not 0 <= index < len(self._runs) or index == self._selected:
            return
        self._selected = index
        self.selected_changed.emit(index)

    def set_runs(self, settings_list) -> None:
        """Replace every run with runs of these settings (dicts or DescentSettings)."""
        built = [s if isinstance(s, DescentSettings) else make_settings(**s) for s in settings_list]
        if not built:
            raise ExpressionError("argument", template=error_text("the lab needs at least one run"))
        self._runs = [DescentRun(s, i) for i, s in enumerate(built)]
        self._restart_all()
        self._select_first_after_replacing()

    # -- stepping --------------------------------------------------------------------
    def step(self) -> None:
        """One step of every run that can go on."""
        self.advance(1)

    def advance(self, count: int, deadline: float | None = None) -> None:
        """Up to ``count`` steps of every run that can go on."""
        for index, run in enumerate(self._runs):
            if run.advance(count, deadline):
                self.run_stepped.emit(index)

    def reset(self) -> None:
        """Every run back to the start (settings kept); pauses."""
        self.pause()
        self._restart_all()
        self.runs_changed.emit()

    def play(self) -> None:
        """Run on the timer at :attr:`speed`; a finished lab starts again from the start."""
        if self.playing or self._sources is None:
            return
        if self.all_finished:
            self._restart_all()
            self.runs_changed.emit()
            if self.all_finished:
                return
        rate = 60.0
        screen = QGuiApplication.primaryScreen() if QGuiApplication.instance() else None
        if screen is not None and screen.refreshRate() > 1:
            rate = screen.refreshRate()
        self._timer.start(max(1, int(1000.0 / rate)))
        self._clock.start()
        self._budget = 1.0  # the first step shows at once
        self.playing_changed.emit(True)
        self._on_tick()

    def pause(self) -> None:
        if not self.playing:
            return
        self._timer.stop()
        self.playing_changed.emit(False)

    def toggle_play(self) -> None:
        self.pause() if self.playing else self.play()

    def set_speed(self, steps_per_second: float) -> None:
        """Steps per second while running (1 to 100 000)."""
        value = float(steps_per_second)
        if not math.isfinite(value):
            raise ExpressionError(
                "argument",
                template=error_text("the speed must be a finite number, got {value}"),
                fields={"value": value},
            )
        value = min(MAX_SPEED, max(MIN_SPEED, value))
        if value == self._speed:
            return
        self._speed = value
        self.speed_changed.emit(value)

    def _on_tick(self) -> None:
        elapsed = self._clock.restart() / 1000.0
        self._budget += self._speed * min(elapsed, 0.25)
        count = int(self._budget)
        if count > 0:
            self._budget -= count
            self.advance(count, deadline=time.perf_counter() + FRAME_STEP_BUDGET_S)
        if self.all_finished:
            self.pause()

    # -- scenarios -------------------------------------------------------------------
    def apply_scenario(self, key: str) -> None:
        """Set the scenario's function, ranges, start and runs (the function may arrive later)."""
        scenario = SCENARIOS_BY_KEY[key]
        self.pause()
        model = self._model
        model.set_x_range(*scenario.x_range)
        model.set_y_range(*scenario.y_range)
        if model.function is not None and model.expression_text == scenario.text:
            self._pending_scenario = None
            self._apply_scenario_now(scenario)
            return
        self._pending_scenario = scenario
        model.set_expression(scenario.text)

    def _apply_scenario_now(self, scenario: Scenario) -> None:
        self._runs = [DescentRun(make_settings(**s), i) for i, s in enumerate(scenario.runs)]
        start = tuple(float(s) for s in scenario.start)
        start_moved = start != self._start
        self._start = start
        self._clear_map()
        self._restart_all()
        if start_moved:
            self.start_changed.emit(start)
        self._select_first_after_replacing()
        self._scenario = scenario.key
        self.scenario_changed.emit(scenario.key)

    # -- the learning-rate map --------------------------------------------------------
    def start_map(self, size=(40, 40), steps: int | None = None, lr_range=None) -> None:
        """Compute the learning-rate map for the selected run's optimizer, off this thread.

        Parameters
        ----------
        size : (int, int)
            (learning rates, parameter values); one row for optimizers without μ/β₁.
        steps : int, optional
            Steps of every cell; default the selected run's, at most
            :data:`MAX_MAP_STEPS`.
        lr_range : (float, float), optional
            Default: from 1/1000 to 100 times the selected run's lr.

        Raises
        ------
        ExpressionError
            ``argument`` for a bad range or size.
        """
        if self._sources is None:
            return
        settings = self.selected_run.settings
        if lr_range is None:
            lr_range = (settings.lr * 1e-3, settings.lr * 1e2)
        steps = min(settings.steps, MAX_MAP_STEPS) if steps is None else int(steps)
        fixed = {
            name: getattr(settings, name)
            for name in ("dampening", "betas", "eps", "alpha", "lr_decay", "momentum")
            if name in DEFAULTS[settings.optimizer]
        }
        if settings.optimizer == "nesterov":
            fixed.pop("dampening", None)
        rows = size[1] if PARAMETER_AXES[settings.optimizer] is not None else 1
        spec = lr_map_spec(
            settings.optimizer, lr_range, (size[0], rows), steps, settings.tol, **fixed
        )
        self.cancel_map()
        self._map_job += 1
        job = self._map_job
        result = LrMapResult.empty(spec, self._start)
        self._map_result = result
        cancel = threading.Event()
        self._map_cancel = cancel
        sources = self._sources
        self._map_thread = threading.Thread(
            target=self._map_worker, args=(job, sources, result, cancel),
            name="lr-map", daemon=True,
        )
        self.map_changed.emit(result)
        self.map_running_changed.emit(True)
        self._map_thread.start()

    def cancel_map(self) -> None:
        """Stop computing the map (the rows done stay)."""
        if self._map_cancel is not None:
            self._map_cancel.set()
        if self._map_thread is not None:
            self._map_thread = None
            self._map_cancel = None
            self.map_running_changed.emit(False)

    def replay_cell(self, row: int, column: int) -> None:
        """Put the selected run on one cell's settings, from the map's start, and run it."""
        result = self._map_result
        if result is None:
            return
        settings = cell_settings(result.spec, row, column)
        if tuple(result.start) != self._start:
            self.set_start(result.start)
        self.set_run_settings(self._selected, **settings)
        self.reset()
        self.play()

    def _map_worker(self, job: int, sources, result: LrMapResult, cancel) -> None:
        # On the map thread: results go to the GUI thread by call_in_gui_thread, never by
        # emitting a signal here (see visualizer.gui_thread).
        def progress(done, total):
            gui_thread.call_in_gui_thread(self._on_map_rows, job, (done, total))

        error = None
        try:
            compute_lr_map(sources, result.start, result.spec, progress, cancel.is_set, result)
        except ExpressionError as exc:
            error = exc
        gui_thread.call_in_gui_thread(self._on_map_done, job, result, error)

    def _on_map_rows(self, job: int, progress) -> None:
        if job != self._map_job or self._map_result is None:
            return
        self.map_progress.emit(*progress)
        self.map_changed.emit(self._map_result)

    def _on_map_done(self, job: int, result, error) -> None:
        if job != self._map_job:
            return
        if self._map_thread is not None:
            self._map_thread = None
            self._map_cancel = None
            self.map_running_changed.emit(False)
        if error is not None:
            self._map_result = None
        self.map_changed.emit(self._map_result)

    def _clear_map(self) -> None:
        self.cancel_map()
        self._map_job += 1
        if self._map_result is not None:
            self._map_result = None
            self.map_changed.emit(None)

    # -- internals ---------------------------------------------------------------------
    def _checked_start(self, point) -> tuple:
        if isinstance(point, (int, float)) and not isinstance(point, bool):
            point = (point,)
        try:
            start = tuple(float(p) for p in point)
        except (TypeError, ValueError):
            raise ExpressionError(
                "argument",
                template=error_text("the start must be numbers, got {point}"),
                fields={"point": repr(point)},
            ) from None
        if len(start) != self._dimension:
            raise ExpressionError(
                "argument",
                template=error_text("the start needs {count} coordinate(s) ({names})"),
                fields={"count": self._dimension, "names": ", ".join(self.variables)},
            )
        if not all(math.isfinite(s) for s in start):
            raise ExpressionError(
                "argument", template=error_text("the start must be finite numbers")
            )
        function = self._model.function
        if function is not None and not math.isfinite(function.functions.scalars["f"](*start)):
            where = ", ".join(f"{v} = {s:g}" for v, s in zip(self.variables, start, strict=True))
            raise ExpressionError(
                "domain",
                template=error_text("f is not defined at the start {where}"),
                fields={"where": where},
            )
        return start

    def _apply_start(self, start: tuple) -> None:
        if start == self._start or len(start) != self._dimension:
            return
        self._start = start
        self._clear_map()
        self._restart_all()
        self.start_changed.emit(start)
        self.runs_changed.emit()

    def _apply_settings(self, run: DescentRun, settings: DescentSettings) -> None:
        if run not in self._runs or run.settings == settings:
            return
        run.settings = settings
        self._restart_all()
        self.settings_changed.emit(self._runs.index(run))
        self.runs_changed.emit()

    def _select_first_after_replacing(self) -> None:
        """New runs: announce them, and the selection if it moved back to the first."""
        moved = self._selected != 0
        self._selected = 0
        self.runs_changed.emit()
        if moved:
            self.selected_changed.emit(0)

    def _restart_all(self) -> None:
        for run in self._runs:
            run.restart(self._sources, self._start)

    def _on_expression_changed(self, state) -> None:
        self.pause()
        functions = state.bundle["functions"]
        variables = list(state.variables)
        if len(variables) == 1:
            sources = {
                "variables": variables,
                "value": functions["f"]["scalar"],
                "gradient": [functions["df"]["scalar"]],
                "hessian": [[functions["d2f"]["scalar"]]],
            }
        else:
            sources = {
                "variables": variables,
                "value": functions["f"]["scalar"],
                "gradient": [functions["fx"]["scalar"], functions["fy"]["scalar"]],
                "hessian": [
                    [functions["fxx"]["scalar"], functions["fxy"]["scalar"]],
                    [functions["fxy"]["scalar"], functions["fyy"]["scalar"]],
                ],
            }
        self._sources = sources
        dimension = len(variables)
        self._clear_map()
        pending = self._pending_scenario
        if pending is not None and pending.text == state.text:
            self._pending_scenario = None
            self._dimension = dimension
            self._apply_scenario_now(pending)
            return
        old_start = self._start
        replaced = dimension != self._dimension or not self._defined_at(state, self._start)
        if replaced:
            self._dimension = dimension
            self._start = self._default_start(state)
            self._runs = [DescentRun(make_settings(**DEFAULT_RUN), 0)]
        self._restart_all()
        if self._start != old_start:
            self.start_changed.emit(self._start)
        if replaced:
            self._select_first_after_replacing()
        else:
            self.runs_changed.emit()
        if self._scenario:
            self._scenario = ""
            self.scenario_changed.emit("")

    def _on_expression_rejected(self, text: str, _error) -> None:
        if self._pending_scenario is not None and self._pending_scenario.text == text:
            self._pending_scenario = None

    @staticmethod
    def _defined_at(state, start) -> bool:
        if len(start) != len(state.variables):
            return False
        return math.isfinite(state.functions.scalars["f"](*start))

    def _default_start(self, state) -> tuple:
        """A point well away from the middle of the view, where f is defined."""
        x_low, x_high = self._model.x_range
        y_low, y_high = self._model.y_range
        for fraction in (0.85, 0.15, 0.7, 0.3, 0.6, 0.4, 0.95, 0.05, 0.5):
            x = x_low + fraction * (x_high - x_low)
            point = (x,) if len(state.variables) == 1 else (x, y_low + fraction * (y_high - y_low))
            point = tuple(round(p, 6) for p in point)
            if self._defined_at(state, point):
                return point
        return (x_low + 0.85 * (x_high - x_low),) * len(state.variables)
