"""The learning-rate map: where does each (learning rate, momentum) pair end?

For one function and one start, a grid of complete runs: the learning rate on a log
scale across, the momentum μ (or Adam's β₁) up. Each cell is one run of
:func:`visualizer.core.optimizers.descend` with exactly the settings
:func:`cell_settings` gives, so a cell *is* the single run a learner gets by replaying
it: same update rule, same stop rules, same status. Nothing is re-implemented here.

Speed: the generated loops of :mod:`visualizer.core.optimizers` run a 40 × 40 grid of
500-step runs in 0.3-0.7 s on the 2-core development machine (sgd on ``x**4 + y**2``:
0.26 s; Adam on Rosenbrock: 0.71 s; sgd on ``log(x**4 + x**3 + 2)``: 0.48 s). Runs that
converge or diverge early stop early and cost less.

The work is split into rows so that a caller on another thread can report progress
and cancel between rows (:func:`compute_lr_map`'s ``progress`` and ``cancelled``).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

from visualizer.core.errors import ExpressionError
from visualizer.core.optimizers import DEFAULTS, OPTIMIZERS, STATUSES, DescentSettings, descend

__all__ = [
    "PARAMETER_AXES",
    "NOT_COMPUTED",
    "LrMapSpec",
    "LrMapResult",
    "lr_map_spec",
    "cell_settings",
    "compute_lr_map",
    "relative_loss",
]

#: Per optimizer: the hyper-parameter on the vertical axis (None: a single row).
PARAMETER_AXES: dict[str, str | None] = {
    "sgd": "momentum",
    "momentum": "momentum",
    "nesterov": "momentum",
    "rmsprop": "momentum",
    "adam": "beta1",
    "adagrad": None,
    "newton": None,
}

#: Status code of a cell not computed (yet, or because the map was cancelled).
NOT_COMPUTED = -1

#: The vertical axis runs over [0, this]: μ or β₁ = 1 never forgets, so it is excluded.
PARAMETER_MAX = 0.99

# Settings of a run that the map keeps fixed for every cell.
_FIXED_NAMES = ("dampening", "betas", "eps", "alpha", "lr_decay", "momentum")


@dataclass(frozen=True)
class LrMapSpec:
    """The grid: which runs the map is made of.

    Attributes
    ----------
    optimizer : str
        One of :data:`visualizer.core.optimizers.OPTIMIZERS`.
    learning_rates : tuple of float
        The columns, increasing (log-spaced by :func:`lr_map_spec`).
    parameters : tuple of float
        The rows, increasing: μ or β₁ (see :data:`PARAMETER_AXES`); ``(nan,)`` for an
        optimizer without such a parameter.
    steps : int
        Most steps of every run.
    tol : float
        Stop a run when its gradient norm falls to this.
    fixed : tuple of (str, value) pairs
        The other settings, the same for every cell (``eps``, β₂, ...).
    """

    optimizer: str
    learning_rates: tuple
    parameters: tuple
    steps: int = 500
    tol: float = 1e-12
    fixed: tuple = ()

    @property
    def parameter(self) -> str | None:
        """``"momentum"``, ``"beta1"`` or None: what the rows vary."""
        return PARAMETER_AXES[self.optimizer]

    @property
    def shape(self) -> tuple[int, int]:
        """(rows, columns) = (len(parameters), len(learning_rates))."""
        return (len(self.parameters), len(self.learning_rates))


def lr_map_spec(
    optimizer: str,
    lr_range: tuple[float, float] = (1e-4, 1.0),
    size: tuple[int, int] = (40, 40),
    steps: int = 500,
    tol: float = 1e-12,
    parameter_range: tuple[float, float] = (0.0, PARAMETER_MAX),
    **fixed,
) -> LrMapSpec:
    """A validated grid for :func:`compute_lr_map`.

    Parameters
    ----------
    optimizer : str
    lr_range : (float, float)
        Smallest and largest learning rate, positive and finite, low < high.
    size : (int, int)
        (columns, rows): learning rates across, parameter values up; each 1 to 200.
        Optimizers without a parameter axis get one row whatever ``size`` says.
    steps, tol
        As for :func:`~visualizer.core.optimizers.descend`.
    parameter_range : (float, float)
        The range of μ or β₁, within [0, 1).
    **fixed
        Other settings of every run (``eps``, ``betas`` -- of which β₂ is kept --,
        ``alpha``, ``dampening``, ``lr_decay``). ``momentum`` is ignored when it is the
        row parameter.

    Raises
    ------
    ExpressionError
        Kind ``argument`` for a bad range, size or setting (checked on one cell).
    """
    if optimizer not in OPTIMIZERS:
        raise ExpressionError(
            "argument", f"unknown optimizer {optimizer!r}; choose one of {', '.join(OPTIMIZERS)}"
        )
    low, high = (float(v) for v in lr_range)
    if not (0.0 < low < high < math.inf):
        raise ExpressionError(
            "argument",
            f"the learning rates must go from a positive number to a larger finite one, "
            f"got {low:g} to {high:g}",
        )
    columns, rows = (int(v) for v in size)
    if not (1 <= columns <= 200 and 1 <= rows <= 200):
        raise ExpressionError("argument", f"the map must have 1 to 200 cells a side, got {size}")
    parameter = PARAMETER_AXES[optimizer]
    if parameter is None:
        parameters: tuple = (math.nan,)
    else:
        first, last = (float(v) for v in parameter_range)
        if not (0.0 <= first <= last < 1.0):
            raise ExpressionError(
                "argument", f"{parameter} must range within [0, 1), got {first:g} to {last:g}"
            )
        parameters = tuple(float(v) for v in np.linspace(first, last, rows))
    learning_rates = tuple(float(v) for v in np.geomspace(low, high, columns))
    known = DEFAULTS[optimizer]
    kept = {}
    for name, value in fixed.items():
        if name not in _FIXED_NAMES:
            raise ExpressionError("argument", f"the map cannot fix the setting {name!r}")
        if value is None or name not in known or (name == "momentum" and parameter == "momentum"):
            continue
        kept[name] = tuple(value) if name == "betas" else value
    spec = LrMapSpec(
        optimizer, learning_rates, parameters, int(steps), float(tol), tuple(sorted(kept.items()))
    )
    # Let DescentSettings judge every value once, with the most demanding cell.
    DescentSettings(**cell_settings(spec, len(parameters) - 1, columns - 1))
    DescentSettings(**cell_settings(spec, 0, 0))
    return spec


def cell_settings(spec: LrMapSpec, row: int, column: int) -> dict:
    """The keyword arguments of :class:`DescentSettings` (and ``descend``) for one cell.

    With μ = 0 the momentum optimizers are plain SGD (torch's SGD with momentum 0), so
    such a cell is an ``sgd`` run: ``momentum`` and ``nesterov`` refuse μ = 0.
    """
    settings = {
        "optimizer": spec.optimizer,
        "lr": spec.learning_rates[column],
        "steps": spec.steps,
        "tol": spec.tol,
    }
    settings.update(dict(spec.fixed))
    value = spec.parameters[row]
    if spec.parameter == "momentum":
        if value == 0.0 and spec.optimizer in ("momentum", "nesterov"):
            settings["optimizer"] = "sgd"
        settings["momentum"] = value
    elif spec.parameter == "beta1":
        beta2 = dict(spec.fixed).get("betas", DEFAULTS["adam"]["betas"])[1]
        settings["betas"] = (value, beta2)
    return settings


@dataclass
class LrMapResult:
    """The cells computed so far.

    Attributes
    ----------
    spec : LrMapSpec
    start : tuple of float
    status : np.ndarray of int, shape ``spec.shape``
        Index into :data:`~visualizer.core.optimizers.STATUSES` (``converged``,
        ``max_steps``, ``diverged``, ``stopped``), or :data:`NOT_COMPUTED`.
    final_value : np.ndarray of float
        f at the run's final point (NaN where not computed).
    steps_taken : np.ndarray of int
    rows_done : int
        Rows computed, from the bottom (row 0).
    cancelled : bool
        True when the computation was stopped before the last row.
    seconds : float
        Wall time spent computing.
    """

    spec: LrMapSpec
    start: tuple
    status: np.ndarray = field(repr=False)
    final_value: np.ndarray = field(repr=False)
    steps_taken: np.ndarray = field(repr=False)
    rows_done: int = 0
    cancelled: bool = False
    seconds: float = 0.0

    @classmethod
    def empty(cls, spec: LrMapSpec, start) -> LrMapResult:
        """A result with no cell computed."""
        shape = spec.shape
        return cls(
            spec,
            tuple(float(s) for s in start),
            np.full(shape, NOT_COMPUTED, dtype=np.int8),
            np.full(shape, np.nan),
            np.zeros(shape, dtype=np.int64),
        )

    @property
    def complete(self) -> bool:
        return self.rows_done == self.spec.shape[0]

    def status_name(self, row: int, column: int) -> str:
        """The cell's status word, or ``"not computed"``."""
        code = int(self.status[row, column])
        return STATUSES[code] if code >= 0 else "not computed"

    def counts(self) -> dict[str, int]:
        """How many computed cells ended with each status."""
        return {name: int(np.count_nonzero(self.status == i)) for i, name in enumerate(STATUSES)}


def compute_lr_map(
    sources: Mapping,
    start: Sequence[float],
    spec: LrMapSpec,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
    result: LrMapResult | None = None,
) -> LrMapResult:
    """Run every cell of the map, a row at a time.

    Parameters
    ----------
    sources : mapping
        As for :func:`~visualizer.core.optimizers.descend` (with the Hessian for
        ``newton`` and for telling minima from saddles).
    start : sequence of float
    spec : LrMapSpec
    progress : callable, optional
        ``progress(cells_done, cells_total)`` after each row (from the calling thread).
    cancelled : callable, optional
        Checked before each row; when it returns True the result is returned as it is,
        with ``cancelled`` set.
    result : LrMapResult, optional
        Go on filling this one (its ``rows_done`` rows are kept).

    Returns
    -------
    LrMapResult

    Raises
    ------
    ExpressionError
        As :func:`~visualizer.core.optimizers.descend` for a bad start (kind
        ``argument`` or ``domain``) or sources.
    """
    import time

    began = time.perf_counter()
    if result is None:
        result = LrMapResult.empty(spec, start)
    rows, columns = spec.shape
    start = list(result.start)
    for row in range(result.rows_done, rows):
        if cancelled is not None and cancelled():
            result.cancelled = True
            break
        for column in range(columns):
            run = descend(sources, start, **cell_settings(spec, row, column))
            result.status[row, column] = STATUSES.index(run["status"])
            result.final_value[row, column] = run["final"]["value"]
            result.steps_taken[row, column] = run["steps_taken"]
        result.rows_done = row + 1
        if progress is not None:
            progress(result.rows_done * columns, rows * columns)
    result.seconds += time.perf_counter() - began
    return result


def relative_loss(result: LrMapResult) -> np.ndarray:
    """What the map colours: ``log10(f_final - f_best)`` per cell, NaN for the others.

    ``f_best`` is the lowest final value among the cells that did not diverge; the
    difference is floored at ``1e-12 * max(1, |f_best|)`` (about where float64 stops
    telling values apart), so the best cells sit at the bottom of the scale instead
    of at minus infinity. Diverged, stopped and missing cells are NaN: they are drawn
    in their own colours.
    """
    status = result.status
    good = (status == STATUSES.index("converged")) | (status == STATUSES.index("max_steps"))
    good &= np.isfinite(result.final_value)
    out = np.full(status.shape, np.nan)
    if not good.any():
        return out
    best = float(result.final_value[good].min())
    floor = 1e-12 * max(1.0, abs(best))
    out[good] = np.log10(np.maximum(result.final_value[good] - best, floor))
    return out
