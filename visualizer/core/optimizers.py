"""Gradient descent and its relatives as pure, fast step functions.

What a learner sees here is what they will train with: every optimizer but Newton's
method follows the update rule and the default hyper-parameters of the matching
``torch.optim`` algorithm as its documentation states them, step for step
(:data:`DEFAULTS`):

``sgd``
    ``torch.optim.SGD`` (lr 1e-3, momentum 0, dampening 0). With a momentum μ > 0 it is
    SGD with momentum: the buffer starts as the first gradient, ``b_1 = g_1``, then
    ``b_t = μ b_{t-1} + (1 - τ) g_t`` and ``x -= lr * b_t`` (τ the dampening).
``momentum``
    The same SGD with momentum, but with μ = 0.9 by default: torch's own default (0)
    would make it plain ``sgd``.
``nesterov``
    ``torch.optim.SGD(nesterov=True)``, μ = 0.9 by default: the step uses
    ``g_t + μ b_t`` instead of ``b_t``. Needs dampening 0, as in torch.
``adagrad``
    ``torch.optim.Adagrad`` (lr 1e-2, lr_decay 0, eps 1e-10, initial accumulator 0):
    ``sum += g²``, ``x -= clr * g / (sqrt(sum) + eps)``, ``clr = lr / (1 + (t-1) lr_decay)``.
``rmsprop``
    ``torch.optim.RMSprop`` (lr 1e-2, alpha 0.99, eps 1e-8, momentum 0, not centered):
    ``v = α v + (1-α) g²``, ``x -= lr * g / (sqrt(v) + eps)``; with momentum μ > 0,
    ``b = μ b + g / (sqrt(v) + eps)`` and ``x -= lr * b``.
``adam``
    ``torch.optim.Adam`` (lr 1e-3, betas (0.9, 0.999), eps 1e-8, no amsgrad):
    ``m = β1 m + (1-β1) g``, ``v = β2 v + (1-β2) g²``, then in torch's order of operations
    ``denom = sqrt(v) / sqrt(1 - β2^t) + eps`` and ``x -= (lr / (1 - β1^t)) * m / denom``.
``newton``
    ``x -= lr * H⁻¹ g`` (in one variable ``x -= lr * f'/f''``), lr 1 by default. Where the
    Hessian is singular or not positive definite the step uses ``H + λI`` instead
    (Levenberg-style damping): with τ = 1e-6·max(1, |λ|max) and λmin the smallest
    eigenvalue of H, nothing changes when λmin ≥ τ; otherwise λ = τ − λmin (when
    0 ≤ λmin < τ) or λ = τ − 2 λmin (when λmin < 0), so the smallest eigenvalue of the
    matrix used becomes τ for a nearly flat direction and τ + |λmin| for negative
    curvature, which is mirrored (the step goes downhill, never towards a maximum or a
    saddle). One rule for one and two variables (in one, H = [f'']: f'' ≥ τ is used
    as it is, 0 ≤ f'' < τ becomes τ, f'' < 0 becomes τ + |f''|). It is continuous in
    λmin: τ + |λmin| for every λmin < τ would jump from 2τ to τ at λmin = τ.

Weight decay, maximize, amsgrad and centered RMSprop are not offered.

How the speed is reached
------------------------
For every (optimizer, sources) pair one Python function is generated whose loop has
the gradient expressions inlined: plain floats in local variables, no call per step
unless the function itself calls ``math``, no numpy. It is compiled with
:func:`compile` from the given source strings -- which come from
:func:`visualizer.core.codegen.scalar_source`, a printer of whitelisted trees, and are
checked again here node by node -- in a namespace holding only ``math`` and the scalar
helpers, with empty ``__builtins__``. The loop checks only the cheap stop conditions
(a non-finite or huge point, value or gradient; the gradient norm against ``tol``);
the costly ones (growth of ``f``, cycles, saddle points) run between chunks of
steps, and the last steps of every chunk are recorded for them. Measured with
:func:`steps_per_second` on the 2-core development machine (sgd, lr 1e-3, tol 0, 1e6
steps): 7.5-9.4 M steps/s on ``x**4 - 3*x**2 + x`` and 5.5-6.5 M steps/s on
``x**4 + y**2`` when idle, 4.5 M and 3.3 M with the other core busy (docs/benchmark.md asks
for 3 M and 1.5 M). Adam is about 3x slower; a function that calls ``math`` is
evaluated at every step to watch its domain (``log(x**4 + x**3 + 2)``: 1.6-2 M/s).

Stop rules
----------
``status`` is one of

``"converged"``
    the gradient norm fell to ``tol`` (``tol = 0`` never stops early for this) at a
    minimum;
``"diverged"``
    a value, point or gradient became non-finite or overflowed, or ``|f|`` grew past
    ``1e12·(1 + |f(start)|)`` and was still growing (learning rate too large -- with
    the bound ``lr < 2/f''`` for a quadratic), or ``f`` fell without bound (no
    minimum);
``"stopped"``
    the run cannot go on or would never settle: it left the domain of ``f``, reached
    a point where ``f`` is not differentiable, stalled at a saddle point, a maximum or
    another stationary point that is not a minimum, or the iterates repeat a cycle
    (with ``tol = 0`` a cycle does not end the run early; it is reported at the end);
``"max_steps"``
    the step limit was reached; the message gives the last gradient norm.

``final`` is always a point where ``f`` and its gradient are finite: a step that lands
outside the domain or on an overflow is not taken, and the message names where it
would have gone.
"""

from __future__ import annotations

import ast
import math
import numbers
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from visualizer.core.errors import ExpressionError, error_text, message_text, phrase, render
from visualizer.core.sampling import SCALAR_HELPERS

__all__ = [
    "OPTIMIZERS",
    "DEFAULTS",
    "STATUSES",
    "MAX_STEPS",
    "DescentSettings",
    "StepRecord",
    "Stepper",
    "descend",
    "scalar_namespace",
    "steps_per_second",
]

#: The optimizer names, as the command line and the GUI spell them.
OPTIMIZERS = ("sgd", "momentum", "nesterov", "adagrad", "rmsprop", "adam", "newton")

#: The final states of a run.
STATUSES = ("converged", "max_steps", "diverged", "stopped")

#: Per optimizer: the learning rate and hyper-parameters used when none is given.
#: torch.optim's documented defaults, except that ``momentum`` and ``nesterov`` use
#: μ = 0.9 (torch's default 0 would be plain SGD). Keys not listed for an optimizer
#: are not settings of it.
DEFAULTS: dict[str, dict] = {
    "sgd": {"lr": 1e-3, "momentum": 0.0, "dampening": 0.0},
    "momentum": {"lr": 1e-3, "momentum": 0.9, "dampening": 0.0},
    "nesterov": {"lr": 1e-3, "momentum": 0.9, "dampening": 0.0},
    "adagrad": {"lr": 1e-2, "lr_decay": 0.0, "eps": 1e-10},
    "rmsprop": {"lr": 1e-2, "alpha": 0.99, "eps": 1e-8, "momentum": 0.0},
    "adam": {"lr": 1e-3, "betas": (0.9, 0.999), "eps": 1e-8},
    "newton": {"lr": 1.0},
}

#: The most steps one run may take (a guard against a run that would take hours).
MAX_STEPS = 100_000_000

# A point or value beyond this counts as overflow (the next operation would give inf).
_BIG = 1e300
# |f| beyond GROWTH·(1 + |f(start)|), and still growing, is divergence.
_GROWTH = 1e12
# The last steps of each chunk are recorded to look for cycles of up to _MAX_PERIOD.
_WINDOW = 32
_MAX_PERIOD = 8
# A cycle repeats to within this fraction of its step size.
_CYCLE_RTOL = 1e-9
# Chunks of steps between the costly checks: doubling from the first to the last size.
_FIRST_CHUNK = 32
_LAST_CHUNK = 16384

_SETTING_NAMES = ("momentum", "dampening", "betas", "eps", "alpha", "lr_decay")


# -- settings ---------------------------------------------------------------------------


def _bad(template: str, **fields) -> ExpressionError:
    """An ``argument`` error from an ``error_text`` template (translated by the GUI)."""
    return ExpressionError("argument", template=template, fields=fields)


def _real(value, name) -> float:
    """``value`` as a float; ``name`` is a setting's name or a phrase naming it."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise _bad(error_text("{name} must be a number, got {value}"), name=name,
                   value=repr(value))
    return float(value)


def _finite(value, name) -> float:
    number = _real(value, name)
    if not math.isfinite(number):
        raise _bad(error_text("{name} must be a finite number, got {value}"), name=name,
                   value=number)
    return number


@dataclass(frozen=True)
class DescentSettings:
    """The optimizer and its hyper-parameters, validated.

    Settings left as None take the optimizer's value from :data:`DEFAULTS`; a setting
    the optimizer does not have (``momentum`` for ``adam``, ``betas`` for ``sgd``, ...)
    is refused rather than silently ignored.

    Parameters
    ----------
    optimizer : str
        One of :data:`OPTIMIZERS`.
    lr : float, optional
        Learning rate, finite and > 0.
    steps : int
        Most steps to take, 0 to :data:`MAX_STEPS`.
    tol : float
        Stop when the gradient norm falls to ``tol`` (finite, >= 0; 0 runs every step).
    momentum : float, optional
        μ in [0, 1) for ``sgd`` and ``rmsprop``, in (0, 1) for ``momentum`` and
        ``nesterov``.
    dampening : float, optional
        τ in [0, 1] for the SGD family (0 for ``nesterov``).
    betas : (float, float), optional
        Adam's β1, β2, each in [0, 1).
    eps : float, optional
        Added to the denominator of ``adagrad``, ``rmsprop`` and ``adam``; finite, > 0.
    alpha : float, optional
        RMSprop's smoothing constant, in [0, 1).
    lr_decay : float, optional
        Adagrad's learning-rate decay, finite, >= 0.

    Raises
    ------
    ExpressionError
        Kind ``argument``, with a message that names the bad setting.
    """

    optimizer: str = "sgd"
    lr: float | None = None
    steps: int = 1000
    tol: float = 1e-12
    momentum: float | None = None
    dampening: float | None = None
    betas: tuple[float, float] | None = None
    eps: float | None = None
    alpha: float | None = None
    lr_decay: float | None = None

    def __post_init__(self):
        if self.optimizer not in OPTIMIZERS:
            raise _bad(
                error_text("unknown optimizer {name}; choose one of {choices}"),
                name=repr(self.optimizer),
                choices=", ".join(OPTIMIZERS),
            )
        defaults = DEFAULTS[self.optimizer]
        name = self.optimizer
        for setting in _SETTING_NAMES:
            if getattr(self, setting) is not None and setting not in defaults:
                raise _bad(
                    error_text("{optimizer} has no {setting} setting ({settings})"),
                    optimizer=name,
                    setting=setting,
                    settings=_has_settings(name),
                )
            if getattr(self, setting) is None and setting in defaults:
                object.__setattr__(self, setting, defaults[setting])
        lr = defaults["lr"] if self.lr is None else _real(self.lr, "lr")
        if not (0.0 < lr < math.inf):
            raise _bad(
                error_text("the learning rate lr must be a positive finite number, got {lr}"),
                lr=lr,
            )
        object.__setattr__(self, "lr", lr)
        steps = 1000 if self.steps is None else self.steps
        if isinstance(steps, float) and steps.is_integer():
            steps = int(steps)
        if isinstance(steps, bool) or not isinstance(steps, numbers.Integral):
            raise _bad(error_text("steps must be a whole number, got {steps}"),
                       steps=repr(self.steps))
        if not 0 <= steps <= MAX_STEPS:
            raise _bad(error_text("steps must be between 0 and {most}, got {steps}"),
                       most=f"{MAX_STEPS:,}", steps=steps)
        object.__setattr__(self, "steps", int(steps))
        tol = 1e-12 if self.tol is None else _finite(self.tol, "tol")
        if tol < 0:
            raise _bad(error_text("{name} must be 0 or more, got {value}"), name="tol", value=tol)
        object.__setattr__(self, "tol", tol)
        if self.momentum is not None:
            mu = _finite(self.momentum, "momentum")
            if name in ("momentum", "nesterov") and not 0.0 < mu < 1.0:
                raise _bad(error_text("{optimizer} needs a momentum in (0, 1), got {mu}"),
                           optimizer=name, mu=mu)
            if not 0.0 <= mu < 1.0:
                raise _bad(
                    error_text(
                        "momentum must be in [0, 1) (with 1 or more the velocity never "
                        "decays), got {mu}"
                    ),
                    mu=mu,
                )
            object.__setattr__(self, "momentum", mu)
        if self.dampening is not None:
            tau = _finite(self.dampening, "dampening")
            if not 0.0 <= tau <= 1.0:
                raise _bad(error_text("dampening must be in [0, 1], got {tau}"), tau=tau)
            if name == "nesterov" and tau != 0.0:
                raise _bad(
                    error_text("nesterov momentum needs dampening 0 (as in torch.optim.SGD)")
                )
            object.__setattr__(self, "dampening", tau)
        if self.betas is not None:
            betas = self.betas
            if (
                isinstance(betas, (str, bytes))
                or not isinstance(betas, Sequence)
                or len(betas) != 2
            ):
                raise _bad(error_text("betas must be two numbers B1,B2, got {betas}"),
                           betas=repr(betas))
            pair = tuple(_finite(b, f"beta{i + 1}") for i, b in enumerate(betas))
            for i, b in enumerate(pair):
                if not 0.0 <= b < 1.0:
                    raise _bad(error_text("{name} must be in [0, 1), got {value}"),
                               name=f"beta{i + 1}", value=b)
            object.__setattr__(self, "betas", pair)
        if self.eps is not None:
            eps = _finite(self.eps, "eps")
            if eps <= 0.0:
                raise _bad(error_text("eps must be a positive number, got {eps}"), eps=eps)
            object.__setattr__(self, "eps", eps)
        if self.alpha is not None:
            alpha = _finite(self.alpha, "alpha")
            if not 0.0 <= alpha < 1.0:
                raise _bad(error_text("{name} must be in [0, 1), got {value}"),
                           name="alpha", value=alpha)
            object.__setattr__(self, "alpha", alpha)
        if self.lr_decay is not None:
            decay = _finite(self.lr_decay, "lr_decay")
            if decay < 0.0:
                raise _bad(error_text("{name} must be 0 or more, got {value}"),
                           name="lr_decay", value=decay)
            object.__setattr__(self, "lr_decay", decay)

    @property
    def variant(self) -> str:
        """The update rule actually run (plain SGD and SGD with momentum differ)."""
        if self.optimizer in ("sgd", "momentum"):
            return "sgd_momentum" if self.momentum > 0.0 else "sgd"
        if self.optimizer == "rmsprop":
            return "rmsprop_momentum" if self.momentum > 0.0 else "rmsprop"
        return self.optimizer

    def hyper_parameters(self) -> tuple[float, ...]:
        """The values the generated loop takes, in the order of its hyper names."""
        variant = self.variant
        if variant == "sgd":
            return (self.lr,)
        if variant in ("sgd_momentum", "nesterov"):
            return (self.lr, self.momentum, 1.0 - self.dampening)
        if variant == "adagrad":
            return (self.lr, self.lr_decay, self.eps)
        if variant == "rmsprop":
            return (self.lr, self.alpha, 1.0 - self.alpha, self.eps)
        if variant == "rmsprop_momentum":
            return (self.lr, self.alpha, 1.0 - self.alpha, self.eps, self.momentum)
        if variant == "adam":
            beta1, beta2 = self.betas
            return (self.lr, beta1, beta2, 1.0 - beta1, 1.0 - beta2, self.eps)
        return (self.lr,)  # newton


def _has_settings(optimizer: str) -> dict:
    own = [s for s in _SETTING_NAMES if s in DEFAULTS[optimizer]]
    if not own:
        return phrase(error_text("only lr"))
    return phrase(error_text("it takes {names}"), names=", ".join(["lr", *own]))


# -- sources: checked, then compiled --------------------------------------------------


@lru_cache(maxsize=1)
def _default_helpers() -> tuple[tuple[str, object], ...]:
    return tuple(sorted(SCALAR_HELPERS.items()))


def scalar_namespace() -> dict:
    """The names a scalar source may use: ``math`` and the scalar helpers.

    The helpers are :data:`visualizer.core.sampling.SCALAR_HELPERS`, the names that
    :func:`visualizer.core.codegen.scalar_source` prints.
    """
    namespace = {"math": math}
    namespace.update(_default_helpers())
    return namespace


_SAFE_OPERATORS = (
    ast.Add, ast.Sub, ast.Mult, ast.Div, ast.Pow, ast.Mod, ast.FloorDiv,
    ast.USub, ast.UAdd, ast.Not, ast.And, ast.Or,
    ast.Lt, ast.LtE, ast.Gt, ast.GtE, ast.Eq, ast.NotEq,
)  # fmt: skip


class _SourceChecker(ast.NodeVisitor):
    """Refuse anything but arithmetic on numbers, variables, math.<name> and helpers."""

    def __init__(self, variables: frozenset, helpers: frozenset):
        self.variables = variables
        self.helpers = helpers
        # True when evaluating it can fail or give nan (a call, a division, a
        # fractional power...): such a value is evaluated at every step.
        self.can_fail = False
        self.uses_variables = False

    def generic_visit(self, node):
        allowed = (
            ast.Expression, ast.BinOp, ast.UnaryOp, ast.BoolOp, ast.Compare, ast.IfExp,
            ast.Call, ast.Attribute, ast.Name, ast.Constant, ast.Load, *_SAFE_OPERATORS,
        )  # fmt: skip
        if not isinstance(node, allowed):
            raise _Refused(type(node).__name__)
        super().generic_visit(node)

    def visit_Constant(self, node):
        if isinstance(node.value, bool) or not isinstance(node.value, (int, float)):
            raise _Refused(f"the constant {node.value!r}")

    def visit_Name(self, node):
        if node.id in self.variables:
            self.uses_variables = True
        elif node.id in self.helpers:
            self.can_fail = True
        else:
            raise _Refused(f"the name {node.id!r}")

    def visit_Attribute(self, node):
        if not (
            isinstance(node.value, ast.Name)
            and node.value.id == "math"
            and not node.attr.startswith("_")
            and hasattr(math, node.attr)
        ):
            raise _Refused("an attribute other than math.<function>")
        self.can_fail = True

    def visit_Call(self, node):
        if node.keywords or any(isinstance(a, ast.Starred) for a in node.args):
            raise _Refused("a call with keywords or *args")
        if not isinstance(node.func, (ast.Attribute, ast.Name)):
            raise _Refused("a call of an expression")
        self.can_fail = True
        self.generic_visit(node)

    def visit_BinOp(self, node):
        if isinstance(node.op, (ast.Div, ast.Mod, ast.FloorDiv)):
            self.can_fail = True
        if isinstance(node.op, ast.Pow):
            exponent = node.right
            if not (
                isinstance(exponent, ast.Constant)
                and isinstance(exponent.value, (int, float))
                and float(exponent.value).is_integer()
                and exponent.value >= 0
            ):
                self.can_fail = True
        self.generic_visit(node)

    def visit_IfExp(self, node):
        self.can_fail = True
        self.generic_visit(node)


class _Refused(Exception):
    pass


class _Rename(ast.NodeTransformer):
    def __init__(self, mapping: dict):
        self.mapping = mapping

    def visit_Name(self, node):
        if node.id in self.mapping:
            return ast.copy_location(ast.Name(id=self.mapping[node.id], ctx=ast.Load()), node)
        return node


def _parse(
    source, variables: frozenset, helpers: frozenset, what: str
) -> tuple[ast.Expression, _SourceChecker]:
    if not isinstance(source, str):
        raise ExpressionError(
            "unsupported", f"the {what} source must be a string, got {type(source).__name__}"
        )
    try:
        tree = ast.parse(source, mode="eval")
    except SyntaxError:
        raise ExpressionError(
            "unsupported", f"the {what} source is not a Python expression"
        ) from None
    checker = _SourceChecker(variables, helpers)
    try:
        checker.visit(tree)
    except _Refused as exc:
        raise ExpressionError(
            "unsupported", f"the {what} source uses {exc}, which is not allowed"
        ) from None
    return tree, checker


def _renamed(tree: ast.Expression, mapping: dict) -> str:
    return ast.unparse(_Rename(mapping).visit(ast.parse(ast.unparse(tree), mode="eval")))


# Variable names of the generated loop all start with _gd_, so they cannot meet the
# source's own names (variables, math and the helpers).
_HYPER_NAMES = {
    "sgd": ("_gd_lr",),
    "sgd_momentum": ("_gd_lr", "_gd_mu", "_gd_damp1"),
    "nesterov": ("_gd_lr", "_gd_mu", "_gd_damp1"),
    "adagrad": ("_gd_lr", "_gd_decay", "_gd_eps"),
    "rmsprop": ("_gd_lr", "_gd_alpha", "_gd_1ma", "_gd_eps"),
    "rmsprop_momentum": ("_gd_lr", "_gd_alpha", "_gd_1ma", "_gd_eps", "_gd_mu"),
    "adam": ("_gd_lr", "_gd_b1", "_gd_b2", "_gd_1mb1", "_gd_1mb2", "_gd_eps"),
    "newton": ("_gd_lr",),
}


def _state_layout(variant: str, n: int) -> list[tuple[str, str, float]]:
    """(local name, torch state name, initial value) of the optimizer's own state."""
    per = range(n)
    if variant in ("sgd_momentum", "nesterov"):
        return [(f"_gd_b{i}", "momentum_buffer", 0.0) for i in per] + [("_gd_c", "", 1.0)]
    if variant == "adagrad":
        return [("_gd_t", "step", 0.0)] + [(f"_gd_a{i}", "sum", 0.0) for i in per]
    if variant == "rmsprop":
        return [(f"_gd_v{i}", "square_avg", 0.0) for i in per]
    if variant == "rmsprop_momentum":
        return [(f"_gd_v{i}", "square_avg", 0.0) for i in per] + [
            (f"_gd_b{i}", "momentum_buffer", 0.0) for i in per
        ]
    if variant == "adam":
        return (
            [("_gd_t", "step", 0.0)]
            + [(f"_gd_m{i}", "exp_avg", 0.0) for i in per]
            + [(f"_gd_v{i}", "exp_avg_sq", 0.0) for i in per]
        )
    return []


def _update_lines(variant: str, points: list[str], n: int) -> list[str]:
    """The optimizer's update: from the point and _gd_g* to the candidate _gd_n*."""
    lines: list[str] = []
    per = range(n)
    if variant == "sgd":
        lines += [f"_gd_n{i} = {points[i]} - _gd_lr * _gd_g{i}" for i in per]
    elif variant in ("sgd_momentum", "nesterov"):
        # _gd_c is 1 on the first step (b_1 = g_1, as torch clones the gradient) and
        # 1 - dampening afterwards.
        for i in per:
            lines.append(f"_gd_b{i} = _gd_mu * _gd_b{i} + _gd_c * _gd_g{i}")
            if variant == "nesterov":
                lines.append(f"_gd_n{i} = {points[i]} - _gd_lr * (_gd_g{i} + _gd_mu * _gd_b{i})")
            else:
                lines.append(f"_gd_n{i} = {points[i]} - _gd_lr * _gd_b{i}")
        lines.append("_gd_c = _gd_damp1")
    elif variant == "adagrad":
        lines.append("_gd_t = _gd_t + 1.0")
        lines.append("_gd_clr = _gd_lr / (1.0 + (_gd_t - 1.0) * _gd_decay)")
        for i in per:
            lines.append(f"_gd_a{i} = _gd_a{i} + _gd_g{i} * _gd_g{i}")
            lines.append(
                f"_gd_n{i} = {points[i]} + (-_gd_clr * _gd_g{i}) / (_gd_sqrt(_gd_a{i}) + _gd_eps)"
            )
    elif variant in ("rmsprop", "rmsprop_momentum"):
        for i in per:
            lines.append(f"_gd_v{i} = _gd_alpha * _gd_v{i} + _gd_1ma * _gd_g{i} * _gd_g{i}")
            lines.append(f"_gd_d = _gd_sqrt(_gd_v{i}) + _gd_eps")
            if variant == "rmsprop":
                lines.append(f"_gd_n{i} = {points[i]} + (-_gd_lr * _gd_g{i}) / _gd_d")
            else:
                lines.append(f"_gd_b{i} = _gd_mu * _gd_b{i} + _gd_g{i} / _gd_d")
                lines.append(f"_gd_n{i} = {points[i]} - _gd_lr * _gd_b{i}")
    elif variant == "adam":
        lines.append("_gd_t = _gd_t + 1.0")
        lines.append("_gd_nss = -(_gd_lr / (1.0 - _gd_b1 ** _gd_t))")
        lines.append("_gd_bc2s = _gd_sqrt(1.0 - _gd_b2 ** _gd_t)")
        for i in per:
            lines.append(f"_gd_m{i} = _gd_b1 * _gd_m{i} + _gd_1mb1 * _gd_g{i}")
            lines.append(f"_gd_v{i} = _gd_b2 * _gd_v{i} + _gd_1mb2 * _gd_g{i} * _gd_g{i}")
            lines.append(
                f"_gd_n{i} = {points[i]} + (_gd_nss * _gd_m{i}) / (_gd_sqrt(_gd_v{i}) / _gd_bc2s + _gd_eps)"
            )
    elif variant == "newton" and n == 1:
        lines += [
            "_gd_abs = _gd_h00 if _gd_h00 >= 0.0 else -_gd_h00",
            "_gd_tau = 1e-06 * _gd_abs if _gd_abs > 1.0 else 1e-06",
            # The rule of two variables with H = [f'']: f'' itself, at least tau, and
            # tau + |f''| where f'' < 0.
            "_gd_e = _gd_h00 if _gd_h00 >= _gd_tau else (_gd_tau if _gd_h00 >= 0.0 else _gd_tau - _gd_h00)",
            f"_gd_n0 = {points[0]} - _gd_lr * _gd_g0 / _gd_e",
        ]
    elif variant == "newton" and n == 2:
        lines += [
            "_gd_mid = 0.5 * (_gd_h00 + _gd_h11)",
            "_gd_half = 0.5 * (_gd_h00 - _gd_h11)",
            "_gd_rad = _gd_sqrt(_gd_half * _gd_half + _gd_h01 * _gd_h01)",
            "_gd_lo = _gd_mid - _gd_rad",
            "_gd_hi = _gd_mid + _gd_rad",
            "_gd_abs = _gd_hi if _gd_hi >= -_gd_lo else -_gd_lo",
            "_gd_tau = 1e-06 * _gd_abs if _gd_abs > 1.0 else 1e-06",
            "if _gd_lo >= _gd_tau:",
            "    _gd_shift = 0.0",
            "elif _gd_lo >= 0.0:",
            "    _gd_shift = _gd_tau - _gd_lo",
            "else:",
            "    _gd_shift = _gd_tau - 2.0 * _gd_lo",
            "_gd_A = _gd_h00 + _gd_shift",
            "_gd_C = _gd_h11 + _gd_shift",
            "_gd_det = _gd_A * _gd_C - _gd_h01 * _gd_h01",
            f"_gd_n0 = {points[0]} - _gd_lr * ((_gd_C * _gd_g0 - _gd_h01 * _gd_g1) / _gd_det)",
            f"_gd_n1 = {points[1]} - _gd_lr * ((_gd_A * _gd_g1 - _gd_h01 * _gd_g0) / _gd_det)",
        ]
    else:
        raise ExpressionError("unsupported", f"{variant} is not available for {n} variables")
    return lines


def _hessian_names(n: int) -> list[str]:
    return ["_gd_h00"] if n == 1 else ["_gd_h00", "_gd_h01", "_gd_h11"]


def _loop_source(program: _Program, variant: str, record: bool) -> str:
    """The Python source of one run function (see :meth:`_Program.loop`)."""
    n = program.dimension
    points = list(program.variables)
    candidates = [f"_gd_n{i}" for i in range(n)]
    gradients = [f"_gd_g{i}" for i in range(n)]
    hessians = _hessian_names(n) if variant == "newton" else []
    state = [name for name, _, _ in _state_layout(variant, n)]
    carry = points + gradients + hessians + state
    carry_tuple = "(" + ", ".join(carry) + ",)"
    candidate_tuple = ", ".join(candidates)
    args = ["_gd_steps", "_gd_tol2", "_gd_sqrt", *_HYPER_NAMES[variant], *carry, "_gd_append"]

    at_candidate = dict(zip(points, candidates, strict=True))
    targets = list(gradients)
    expressions = [_renamed(tree, at_candidate) for tree in program.gradient_trees]
    if hessians:
        targets += hessians
        rows = program.hessian_trees
        pairs = [(0, 0)] if n == 1 else [(0, 0), (0, 1), (1, 1)]
        expressions += [_renamed(rows[i][j], at_candidate) for i, j in pairs]

    body = [f"{c} = {p}" for c, p in zip(candidates, points, strict=True)]
    body += ["_gd_k = 0", "try:", "    for _gd_k in _gd_range(_gd_steps):"]
    step = _update_lines(variant, points, n)
    inside = " and ".join(f"-1e300 < {c} < 1e300" for c in candidates)
    step += [
        f"if not ({inside}):",
        f"    return (2, _gd_k, {carry_tuple}, ({candidate_tuple},))",
    ]
    if program.value_can_fail:
        step += [
            f"_gd_f = {_renamed(program.value_tree, at_candidate)}",
            "if not (-1e300 < _gd_f < 1e300):",
            f"    return (6, _gd_k, {carry_tuple}, ({candidate_tuple}, _gd_f))",
        ]
    step += [
        f"{', '.join(targets)}, = {', '.join(f'({e})' for e in expressions)},",
        "_gd_s = " + " + ".join(f"{g} * {g}" for g in gradients),
        # nan, inf or a gradient too large to square: the point is not taken.
        "if not (_gd_s < 1e300):",
        f"    return (5, _gd_k, {carry_tuple}, ({candidate_tuple},))",
    ]
    step += [f"{p} = {c}" for p, c in zip(points, candidates, strict=True)]
    if record:
        step.append(f"_gd_append(({', '.join(points)},))")
    step += ["if _gd_s <= _gd_tol2:", f"    return (1, _gd_k + 1, {carry_tuple}, None)"]
    body += ["        " + line for line in step]
    body += [
        "except _gd_overflow as _gd_e:",
        f"    return (4, _gd_k, {carry_tuple}, ({candidate_tuple}, _gd_e))",
        "except _gd_domain as _gd_e:",
        f"    return (3, _gd_k, {carry_tuple}, ({candidate_tuple}, _gd_e))",
        f"return (0, _gd_steps, {carry_tuple}, None)",
    ]
    return f"def _gd_run({', '.join(args)}):\n" + "\n".join("    " + line for line in body) + "\n"


# Codes the generated loop returns with.
_DONE, _CONVERGED, _BAD_POINT, _DOMAIN, _OVERFLOW, _BAD_GRADIENT, _BAD_VALUE = range(7)
# Exceptions that mean "not defined here": math domain errors, 1/0, a complex result.
_DOMAIN_ERRORS = (ValueError, ZeroDivisionError, TypeError)


class _Program:
    """The compiled sources of one function: value, gradient, Hessian and run loops."""

    def __init__(self, sources: Mapping, namespace: Mapping | None):
        if not isinstance(sources, Mapping):
            raise ExpressionError("unsupported", "sources must be a mapping of source strings")
        variables = sources.get("variables")
        if (
            isinstance(variables, str)
            or not isinstance(variables, Sequence)
            or not 1 <= len(variables) <= 2
            or len(set(variables)) != len(variables)
            or not all(isinstance(v, str) and v.isidentifier() for v in variables)
        ):
            raise ExpressionError("unsupported", "descent needs a function of one or two variables")
        names = dict(scalar_namespace() if namespace is None else namespace)
        names.pop("__builtins__", None)
        for name in names:
            if not isinstance(name, str) or name.startswith("_gd_"):
                raise ExpressionError("unsupported", f"the namespace name {name!r} is reserved")
        for variable in variables:
            if variable.startswith("_") or variable in names or variable == "math":
                raise ExpressionError("unsupported", f"{variable!r} cannot be a variable name")
        self.variables = tuple(variables)
        self.dimension = n = len(variables)
        helpers = frozenset(k for k in names if k != "math")
        allowed = frozenset(variables)

        self.value_tree, value_check = _parse(sources.get("value"), allowed, helpers, "value")
        self.value_can_fail = value_check.can_fail
        gradient = sources.get("gradient")
        if isinstance(gradient, str) or not isinstance(gradient, Sequence) or len(gradient) != n:
            raise ExpressionError("unsupported", f"the gradient must list {n} source(s)")
        self.gradient_trees = [_parse(g, allowed, helpers, "gradient")[0] for g in gradient]
        hessian = sources.get("hessian")
        self.hessian_trees = None
        self.constant_hessian = None
        if hessian is not None:
            if (
                isinstance(hessian, str)
                or not isinstance(hessian, Sequence)
                or len(hessian) != n
                or any(
                    isinstance(r, str) or not isinstance(r, Sequence) or len(r) != n
                    for r in hessian
                )
            ):
                raise ExpressionError("unsupported", f"the Hessian must be {n} rows of {n} sources")
            checked = [[_parse(h, allowed, helpers, "Hessian") for h in row] for row in hessian]
            self.hessian_trees = [[tree for tree, _ in row] for row in checked]
            constant = not any(check.uses_variables for row in checked for _, check in row)
        else:
            constant = False

        self._globals = {"__builtins__": {}, "math": math, **names}
        self._globals.update(_gd_range=range, _gd_overflow=OverflowError, _gd_domain=_DOMAIN_ERRORS)
        arguments = ", ".join(self.variables)
        self.value = self._compile_lambda(arguments, ast.unparse(self.value_tree))
        self.gradient = self._compile_lambda(
            arguments, "(" + "".join(f"({ast.unparse(t)}), " for t in self.gradient_trees) + ")"
        )
        if self.hessian_trees is not None:
            rows = ", ".join(
                "(" + "".join(f"({ast.unparse(t)}), " for t in row) + ")"
                for row in self.hessian_trees
            )
            self.hessian = self._compile_lambda(arguments, f"({rows},)")
        else:
            self.hessian = None
        if constant:
            try:
                origin = self.hessian(*([0.0] * n))
                self.constant_hessian = tuple(tuple(float(h) for h in row) for row in origin)
            except (ArithmeticError, *_DOMAIN_ERRORS):
                self.constant_hessian = None
        self._loops: dict = {}

    def _compile_lambda(self, arguments: str, expression: str):
        code = compile(f"lambda {arguments}: {expression}", "<descent>", "eval")
        return eval(code, self._globals)  # noqa: S307 -- checked sources, no builtins

    def loop(self, variant: str, record: bool):
        """The run function of one update rule.

        ``run(steps, tol2, sqrt, *hyper, *carry, append)`` takes up to ``steps`` steps
        from ``carry`` = (point, gradient at it, [Hessian], optimizer state) and returns
        ``(code, steps_taken, carry, extra)``: code 0 all taken, 1 converged, 2 the next
        point is not finite, 3 evaluation failed (domain), 4 overflow, 5 the gradient at
        the next point is not finite, 6 the value at the next point is not finite.
        With 1 and 0 the carry is the state after the last step taken; with the others
        its point is the last point taken and ``extra`` holds the refused point.
        """
        key = (variant, record)
        function = self._loops.get(key)
        if function is None:
            if variant == "newton" and self.hessian_trees is None:
                raise ExpressionError(
                    "unsupported",
                    template=error_text("Newton's method needs the Hessian sources"),
                )
            source = _loop_source(self, variant, record)
            namespace = dict(self._globals)
            exec(compile(source, f"<descent {variant}>", "exec"), namespace)  # noqa: S102
            function = self._loops[key] = namespace["_gd_run"]
        return function

    # Evaluation one point at a time, for the checks between chunks.
    def safe_value(self, point) -> tuple[float | None, str]:
        """f at ``point`` and "" -- or None and why it could not be computed."""
        try:
            value = self.value(*point)
            if isinstance(value, complex):
                return None, "not a real number"
            value = float(value)
        except OverflowError:
            return None, "overflow"
        except _DOMAIN_ERRORS as exc:
            return None, _reason(exc)
        if value != value:
            return None, "undefined (nan)"
        if not -_BIG < value < _BIG:
            return None, "overflow"
        return value, ""

    def safe_gradient(self, point) -> tuple[tuple | None, str]:
        try:
            gradient = tuple(float(g) for g in self.gradient(*point))
        except OverflowError:
            return None, "overflow"
        except _DOMAIN_ERRORS as exc:
            return None, _reason(exc)
        if not all(g == g for g in gradient):
            return None, "undefined (nan)"
        # As in the loop: a gradient too large to square is not used.
        if not sum(g * g for g in gradient) < _BIG:
            return None, "infinite"
        return gradient, ""

    def safe_hessian(self, point) -> tuple | None:
        if self.hessian is None:
            return None
        try:
            rows = tuple(tuple(float(h) for h in row) for row in self.hessian(*point))
        except (ArithmeticError, *_DOMAIN_ERRORS):
            return None
        if not all(math.isfinite(h) for row in rows for h in row):
            return None
        return rows


#: The reasons an evaluation fails, as words to translate (shared with the errors).
_REASONS = {
    "undefined (nan)": error_text("undefined (nan)"),
    "not a real number": error_text("not a real number"),
    "overflow": error_text("overflow"),
    "infinite": error_text("infinite"),
    "division by zero": error_text("division by zero"),
    "math domain error": error_text("math domain error"),
    "math range error": error_text("math range error"),
}


def _why(why: str):
    """``why`` as a field value: a translatable phrase when it is one of the known reasons."""
    return phrase(_REASONS[why]) if why in _REASONS else why


def _undefined(why: str) -> dict:
    if why in ("undefined (nan)", "not a real number"):
        return phrase(message_text("not defined there"))
    return phrase(message_text("not defined there ({why})"), why=_why(why))


def _reason(exc: BaseException) -> str:
    if isinstance(exc, ZeroDivisionError):
        return "division by zero"
    if isinstance(exc, TypeError):
        return "not a real number"
    text = str(exc)
    return text if text else type(exc).__name__


@lru_cache(maxsize=64)
def _cached_program(variables, value, gradient, hessian) -> _Program:
    sources = {"variables": list(variables), "value": value, "gradient": list(gradient)}
    if hessian is not None:
        sources["hessian"] = [list(row) for row in hessian]
    return _Program(sources, None)


def _program(sources: Mapping, namespace: Mapping | None) -> _Program:
    if namespace is None and isinstance(sources, Mapping):
        try:
            hessian = sources.get("hessian")
            key = (
                tuple(sources["variables"]),
                sources["value"],
                tuple(sources["gradient"]),
                None if hessian is None else tuple(tuple(row) for row in hessian),
            )
            hash(key)
        except (KeyError, TypeError):
            key = None
        if key is not None:
            return _cached_program(*key)
    return _Program(sources, namespace)


# -- formatting -------------------------------------------------------------------------


def _steps(count: int) -> dict:
    if count == 1:
        return phrase(message_text("1 step"))
    return phrase(message_text("{count} steps"), count=count)


def _fmt(value: float) -> str:
    if value == 0:
        return "0"
    return f"{value:.6g}"


def _fmt_point(variables: Sequence[str], point: Sequence[float]) -> str:
    if len(variables) == 1:
        return f"{variables[0]} = {_fmt(point[0])}"
    return f"({', '.join(variables)}) = ({', '.join(_fmt(p) for p in point)})"


def _norm(vector: Sequence[float]) -> float:
    return math.sqrt(sum(v * v for v in vector)) if len(vector) > 1 else abs(vector[0])


def _eigen(hessian) -> tuple[float, ...]:
    """Eigenvalues of a symmetric 1x1 or 2x2 matrix, smallest first."""
    if len(hessian) == 1:
        return (hessian[0][0],)
    a, b, c = hessian[0][0], hessian[0][1], hessian[1][1]
    mid, half = 0.5 * (a + c), 0.5 * (a - c)
    radius = math.hypot(half, b)
    return (mid - radius, mid + radius)


def _eigenvector(hessian, eigenvalue: float) -> tuple[float, ...]:
    if len(hessian) == 1:
        return (1.0,)
    a, b, c = hessian[0][0], hessian[0][1], hessian[1][1]
    # (H - λI) v = 0: take the longer of the two candidate solutions.
    first, second = (b, eigenvalue - a), (eigenvalue - c, b)
    v = first if math.hypot(*first) >= math.hypot(*second) else second
    length = math.hypot(*v)
    return (1.0, 0.0) if length == 0 else (v[0] / length, v[1] / length)


# -- one run ----------------------------------------------------------------------------


@dataclass(frozen=True)
class StepRecord:
    """Where a run stands after a step.

    Attributes
    ----------
    step : int
        Steps taken so far (0 at the start).
    point : tuple of float
    value : float
        f at ``point``.
    gradient : tuple of float
    gradient_norm : float
    status : str
        ``"running"`` while the run can go on, else one of :data:`STATUSES`.
    message : str
        Why the run stopped (empty while running).
    """

    step: int
    point: tuple
    value: float
    gradient: tuple
    gradient_norm: float
    status: str = "running"
    message: str = ""


class _Run:
    """The state machine shared by :func:`descend` and :class:`Stepper`."""

    def __init__(self, program: _Program, settings: DescentSettings, start, record: bool):
        self.program = program
        self.settings = settings
        variables = program.variables
        if settings.variant == "newton" and program.hessian is None:
            raise ExpressionError(
                "unsupported", template=error_text("Newton's method needs the Hessian sources")
            )
        if isinstance(start, numbers.Real) and not isinstance(start, bool):
            start = [start]
        try:
            if isinstance(start, (str, bytes, Mapping)):
                raise TypeError
            start = list(start)
        except TypeError:
            raise _bad(error_text("the start must be {count} number(s), got {start}"),
                       count=len(variables), start=repr(start)) from None
        if len(start) != len(variables):
            raise _bad(
                error_text("the start gives {count} coordinate(s) but the function uses {names}"),
                count=len(start),
                names=", ".join(variables),
            )
        point = tuple(
            _finite(s, phrase(error_text("the start's {variable}"), variable=v))
            for s, v in zip(start, variables, strict=True)
        )
        self.start = point
        self.point = point
        value, why = program.safe_value(point)
        if value is None:
            raise ExpressionError(
                "domain",
                template=error_text("f is not defined at the start {where} ({why})"),
                fields={"where": _fmt_point(variables, point), "why": _why(why)},
            )
        self.start_value = value
        self.value = value
        self.steps_taken = 0
        self.status = "running"
        self.message = ""
        self.message_template = ""
        self.message_fields: dict = {}
        self.path = [point] if record else None
        self.variant = settings.variant
        self.hyper = settings.hyper_parameters()
        self.tol2 = settings.tol * settings.tol if settings.tol > 0.0 else -1.0
        self._limit = _GROWTH * (1.0 + abs(value))
        self._checked_value = value
        # The last point known to have a finite value, to fall back to.
        self._snapshot = (0, point, value)
        self._layout = _state_layout(self.variant, program.dimension)
        self.gradient = None
        self.carry = None
        gradient, why = program.safe_gradient(point)
        if gradient is None:
            self._stop_not_differentiable(point, why, at_start=True)
            return
        self.gradient = gradient
        hessian = []
        if self.variant == "newton":
            rows = program.safe_hessian(point)
            if rows is None:
                self._finish(
                    "stopped",
                    message_text(
                        "f'' (the Hessian) cannot be computed at the start {where}, "
                        "so Newton's method cannot take a step"
                    ),
                    where=self._where(point),
                )
                return
            hessian = (
                [rows[0][0]] if program.dimension == 1 else [rows[0][0], rows[0][1], rows[1][1]]
            )
        self.carry = (*point, *gradient, *hessian, *(initial for _, _, initial in self._layout))
        if sum(g * g for g in gradient) <= self.tol2:
            self._stationary()

    # -- helpers ----------------------------------------------------------------------
    @property
    def running(self) -> bool:
        return self.status == "running"

    def _where(self, point) -> str:
        return _fmt_point(self.program.variables, point)

    def _finish(self, status: str, template: str, **fields):
        """End the run: ``template`` (marked with ``message_text``) and its fields."""
        self.status = status
        self.message_template = template
        self.message_fields = fields
        self.message = render(template, fields)

    def _call(self, steps: int, append) -> tuple[int, object]:
        function = self.program.loop(self.variant, append is not None)
        code, taken, carry, extra = function(
            steps, self.tol2, math.sqrt, *self.hyper, *self.carry, append
        )
        self.steps_taken += taken
        self.carry = carry
        n = self.program.dimension
        self.point = carry[:n]
        if code in (_DONE, _CONVERGED):
            self.gradient = carry[n : 2 * n]
        return code, extra

    def state(self) -> dict:
        """The optimizer's own state, under torch.optim's state names."""
        if self.carry is None:
            return {}
        n = self.program.dimension
        hessians = len(_hessian_names(n)) if self.variant == "newton" else 0
        values = self.carry[2 * n + hessians :]
        state: dict = {}
        for (_, torch_name, _), value in zip(self._layout, values, strict=True):
            if not torch_name:
                continue
            if torch_name == "step":
                state[torch_name] = int(value)
            else:
                state.setdefault(torch_name, []).append(value)
        return {k: tuple(v) if isinstance(v, list) else v for k, v in state.items()}

    # -- running --------------------------------------------------------------------
    def run(self) -> None:
        """Run to the end, in chunks with the costly checks between them."""
        chunk = _FIRST_CHUNK
        window = self._tail()
        while self.running:
            remaining = self.settings.steps - self.steps_taken
            if remaining <= 0:
                self._end_of_steps(window)
                return
            size = min(chunk, remaining)
            chunk = min(2 * chunk, _LAST_CHUNK)
            if self.path is None:
                # Fast, then the last steps recorded for the cycle check.
                probe = min(_WINDOW, size)
                if size > probe:
                    code, extra = self._call(size - probe, None)
                    if code != _DONE:
                        self._handle(code, extra)
                        return
                window = [self.point]
                code, extra = self._call(probe, window.append)
            else:
                code, extra = self._call(size, self.path.append)
                window = self._tail()
            if code != _DONE:
                self._handle(code, extra)
                return
            self._between_chunks(window)

    def step(self) -> None:
        """Take one step and run every check (for the GUI)."""
        if not self.running:
            return
        if self.steps_taken >= self.settings.steps:
            self._end_of_steps(self.path[-(_WINDOW + 1) :])
            return
        before = self.carry
        code, extra = self._call(1, self.path.append)
        if code != _DONE:
            self._handle(code, extra)
            return
        if self.carry == before and self.settings.tol > 0.0:
            self._stop_stuck()
            return
        self._between_chunks(self.path[-(_WINDOW + 1) :], fixed_point_checked=True)
        if self.running and self.steps_taken >= self.settings.steps:
            self._end_of_steps(self.path[-(_WINDOW + 1) :])

    def _tail(self) -> list:
        if self.path is not None:
            return self.path[-(_WINDOW + 1) :]
        return [self.point]

    def _between_chunks(self, window, fixed_point_checked: bool = False) -> None:
        value, why = self.program.safe_value(self.point)
        if value is None:
            self._stop_bad_value(self.point, why)
            return
        self.value = value
        if abs(value) > self._limit and abs(value) > abs(self._checked_value):
            self._diverged()
            return
        self._checked_value = value
        self._snapshot = (self.steps_taken, self.point, value)
        if self.settings.tol > 0.0 and len(window) > _MAX_PERIOD * 2:
            if not fixed_point_checked and all(p == window[-1] for p in window):
                # Dry run: the loop is a pure function, so an unchanged carry after one
                # step means the run is stuck for ever.
                function = self.program.loop(self.variant, False)
                code, _, carry, _ = function(
                    1, self.tol2, math.sqrt, *self.hyper, *self.carry, None
                )
                if code == _DONE and carry == self.carry:
                    self._stop_stuck()
                    return
            period = _cycle_period(window)
            if period:
                self._stop_cycle(window, period)

    # -- endings ----------------------------------------------------------------------
    def _handle(self, code: int, extra) -> None:
        if code == _CONVERGED:
            value, why = self.program.safe_value(self.point)
            if value is None:
                self._stop_bad_value(self.point, why)
                return
            self.value = value
            self._stationary()
            return
        # The point was not taken: refresh what the carry may hold for the refused one.
        self._refresh()
        candidate = tuple(extra[: self.program.dimension])
        if code == _BAD_POINT:
            self._stop_bad_step(candidate)
        elif code in (_DOMAIN, _BAD_VALUE, _BAD_GRADIENT):
            self._stop_at_candidate(candidate, extra)
        elif code == _OVERFLOW:
            self._diverged(candidate=candidate, overflow=True)

    def _refresh(self) -> None:
        value, _ = self.program.safe_value(self.point)
        gradient, _ = self.program.safe_gradient(self.point)
        if value is not None:
            self.value = value
        if gradient is not None:
            self.gradient = gradient

    def _stop_at_candidate(self, candidate, extra) -> None:
        """The next point was refused because f or its derivatives failed there."""
        value, why = self.program.safe_value(candidate)
        if value is None and why == "overflow":
            self._diverged(candidate=candidate, overflow=True)
            return
        if value is None:
            self._finish(
                "stopped",
                message_text(
                    "left the domain of f at {where}: f is {undefined}; the step from {origin} "
                    "jumped out of it (a smaller learning rate may stay inside)"
                ),
                where=self._where(candidate),
                undefined=_undefined(why),
                origin=self._where(self.point),
            )
            return
        if abs(value) > self._limit:
            self._diverged(candidate=candidate)
            return
        gradient, why = self.program.safe_gradient(candidate)
        if gradient is None:
            self._stop_not_differentiable(candidate, why, reached_from=self.point)
        elif self.variant == "newton" and self.program.safe_hessian(candidate) is None:
            self._finish(
                "stopped",
                message_text(
                    "f'' (the Hessian) cannot be computed at {where}, where the next step "
                    "would land; stopped at {origin}"
                ),
                where=self._where(candidate),
                origin=self._where(self.point),
            )
        else:
            self._finish(
                "stopped",
                message_text("the step from {origin} could not be computed ({reason})"),
                origin=self._where(self.point),
                reason=(
                    _why(_reason(extra[-1]))
                    if isinstance(extra[-1], BaseException)
                    else phrase(message_text("not finite"))
                ),
            )

    def _stop_not_differentiable(self, point, why: str, at_start=False, reached_from=None) -> None:
        known = {
            "infinite": message_text("its slope is infinite there"),
            "undefined (nan)": message_text("its gradient is undefined there"),
            "overflow": message_text("its gradient is too large to compute there"),
        }
        if why in known:
            detail = phrase(known[why])
        else:
            detail = phrase(
                message_text("its gradient cannot be computed there: {why}"), why=_why(why)
            )
        where = self._where(point)
        if at_start:
            self._finish(
                "stopped",
                message_text("f is not differentiable at the start {where} ({detail})"),
                where=where,
                detail=detail,
            )
        else:
            self._finish(
                "stopped",
                message_text(
                    "stopped at {origin} after {steps}: the next step would land on {where}, "
                    "where f is not differentiable ({detail})"
                ),
                origin=self._where(reached_from),
                steps=_steps(self.steps_taken),
                where=where,
                detail=detail,
            )

    def _stop_bad_value(self, point, why: str) -> None:
        """f cannot be computed at a point already taken (between chunks)."""
        if why == "overflow":
            self._diverged()
            return
        self._finish(
            "stopped",
            message_text("left the domain of f at {where}: f is {undefined}"),
            where=self._where(point),
            undefined=_undefined(why),
        )
        self._fall_back()

    def _stop_bad_step(self, candidate) -> None:
        """The next point would be non-finite or beyond 1e300."""
        if self.variant == "newton" and self.program.safe_hessian(self.point) is None:
            self._finish(
                "stopped",
                message_text(
                    "f'' (the Hessian) is not finite at {where}, so Newton's method cannot "
                    "take the next step"
                ),
                where=self._where(self.point),
            )
            return
        self._diverged(candidate=candidate)

    def _fall_back(self) -> None:
        """Make ``final`` a point where f is finite, going back to the last check."""
        value, _ = self.program.safe_value(self.point)
        gradient, _ = self.program.safe_gradient(self.point)
        if value is not None and gradient is not None:
            self.value, self.gradient = value, gradient
            return
        steps, point, value = self._snapshot
        self.steps_taken, self.point, self.value = steps, point, value
        gradient, _ = self.program.safe_gradient(point)
        self.gradient = gradient if gradient is not None else self.gradient
        if self.path is not None:
            del self.path[steps + 1 :]

    def _diverged(self, candidate=None, overflow: bool = False) -> None:
        current, _ = self.program.safe_value(self.point)
        if current is not None:
            self.value = current
        value, start = self.value, self.start_value
        steps = _steps(self.steps_taken)
        jump, target = "", {}
        if candidate is not None:
            overflow_note = phrase(message_text(", where the numbers overflow")) if overflow else ""
            target = {"where": self._where(candidate), "overflow": overflow_note}
            jump = phrase(message_text("; the next step would jump to {where}{overflow}"), **target)
        falling = value < min(0.0, start)
        if falling:
            what = phrase(
                message_text(
                    "f decreases without bound along the path "
                    "(it fell from {start} to {value} in {steps}{jump})"
                ),
                start=_fmt(start), value=_fmt(value), steps=steps, jump=jump,
            )  # fmt: skip
        elif abs(value) > abs(start) or not target:
            what = phrase(
                message_text("|f| grew from {start} to {value} in {steps}{jump}"),
                start=_fmt(abs(start)), value=_fmt(abs(value)), steps=steps, jump=jump,
            )  # fmt: skip
        elif self.steps_taken == 0:
            what = phrase(
                message_text("the first step from {origin} would jump to {where}{overflow}"),
                origin=self._where(self.point), **target,
            )  # fmt: skip
        else:
            what = phrase(
                message_text(
                    "after {steps}, the next step from {origin} would jump to {where}{overflow}"
                ),
                steps=steps, origin=self._where(self.point), **target,
            )  # fmt: skip
        if self.variant == "newton" and self._flat_here():
            why = phrase(message_text("Newton's step is huge where the curvature is about 0"))
        elif falling:
            why = phrase(message_text("f has no minimum in this direction"))
        else:
            hint = self._stability_hint()
            if hint:
                why = phrase(message_text("learning rate too large; {hint}"), hint=hint)
            else:
                why = phrase(message_text("learning rate too large"))
        self._finish("diverged", message_text("diverged: {what}: {why}"), what=what, why=why)
        self._fall_back()

    def _flat_here(self) -> bool:
        hessian = self.program.safe_hessian(self.point)
        if hessian is None:
            return False
        eigen = _eigen(hessian)
        return eigen[0] < 1e-6 * max(1.0, max(abs(e) for e in eigen))

    def _stability_hint(self) -> dict | None:
        """For a quadratic: the bound on lr below which this optimizer converges (a phrase)."""
        hessian = self.program.constant_hessian
        if hessian is None:
            return None
        largest = _eigen(hessian)[-1]
        if not largest > 0:
            return None
        one_d = self.program.dimension == 1
        curvature = "f''" if one_d else "λmax"
        settings = self.settings
        mu = None
        if self.variant == "sgd":
            bound, formula = 2.0 / largest, f"2/{curvature}"
        elif self.variant == "sgd_momentum" and settings.dampening < 1.0:
            mu, keep = settings.momentum, 1.0 - settings.dampening
            bound = 2.0 * (1.0 + mu) / (keep * largest)
            formula = f"2(1+μ)/{curvature}" if keep == 1.0 else f"2(1+μ)/((1-τ)·{curvature})"
        elif self.variant == "nesterov":
            mu = settings.momentum
            bound = 2.0 * (1.0 + mu) / ((1.0 + 2.0 * mu) * largest)
            formula = f"2(1+μ)/((1+2μ)·{curvature})"
        elif self.variant == "newton":
            return phrase(message_text("Newton's method on a quadratic needs lr below 2"))
        else:
            return None
        fields = {"formula": formula, "bound": _fmt(bound)}
        if one_d and mu is None:
            template = message_text("for this function lr must be below {formula} = {bound}")
        elif one_d:
            template = message_text(
                "for this function lr must be below {formula} = {bound} with μ = {mu}"
            )
        elif mu is None:
            template = message_text(
                "for this function lr must be below {formula} = {bound} "
                "(λmax = {largest}, the largest eigenvalue of the Hessian)"
            )
        else:
            template = message_text(
                "for this function lr must be below {formula} = {bound} "
                "(λmax = {largest}, the largest eigenvalue of the Hessian) with μ = {mu}"
            )
        if not one_d:
            fields["largest"] = _fmt(largest)
        if mu is not None:
            fields["mu"] = _fmt(mu)
        return phrase(template, **fields)

    def _stop_stuck(self) -> None:
        self._refresh()
        self._finish(
            "stopped",
            message_text(
                "the point stopped moving at {where}: each step is smaller than the spacing "
                "of floating-point numbers there, though the gradient norm {norm} is above "
                "tol {tol}"
            ),
            where=self._where(self.point),
            norm=_fmt(_norm(self.gradient)),
            tol=_fmt(self.settings.tol),
        )

    def _stop_cycle(self, window, period: int) -> None:
        self._refresh()
        cycle = window[-period:]
        points = ", ".join(
            _fmt(p[0]) if len(p) == 1 else "(" + ", ".join(_fmt(c) for c in p) + ")" for p in cycle
        )
        names = self.program.variables
        label = names[0] if len(names) == 1 else f"({', '.join(names)})"
        kink = _find_kink(self.program, cycle)
        fields = {"period": period, "label": label, "points": points}
        if kink is not None:
            where, left, right = kink
            fields.update(where=self._where(where), left=_fmt(left), right=_fmt(right))
            if len(names) == 1:
                template = message_text(
                    "stopped: the iterates repeat a {period}-cycle through {label} = {points}, "
                    "bouncing across {where}, where f has a kink (it is not differentiable "
                    "there: the slope jumps from {left} to {right}); with a fixed learning "
                    "rate the steps never shrink"
                )
            else:
                template = message_text(
                    "stopped: the iterates repeat a {period}-cycle through {label} = {points}, "
                    "bouncing across {where}, where f has a kink (it is not differentiable "
                    "there: the slope along the steps jumps from {left} to {right}); with a "
                    "fixed learning rate the steps never shrink"
                )
        else:
            hint = self._stability_hint()
            if hint:
                template = message_text(
                    "stopped: the iterates repeat a {period}-cycle through {label} = {points} "
                    "instead of settling: learning rate too large; {hint}"
                )
                fields["hint"] = hint
            else:
                template = message_text(
                    "stopped: the iterates repeat a {period}-cycle through {label} = {points} "
                    "instead of settling: learning rate too large"
                )
        self._finish("stopped", template, **fields)

    def _end_of_steps(self, window) -> None:
        """The step limit is reached: converged, a cycle, or max_steps."""
        self._refresh()
        norm = _norm(self.gradient)
        if norm * norm <= self.tol2 or (self.settings.tol == 0.0 and norm == 0.0):
            self._stationary()
            return
        if self.settings.tol == 0.0 and len(window) > 2 * _MAX_PERIOD:
            period = _cycle_period(window)
            if period:
                self._stop_cycle(window, period)
                return
        rise = saddle = ""
        if self.value > self.start_value:
            rise = phrase(
                message_text(
                    "; f went up from {start} to {value}, the learning rate may be too large"
                ),
                start=_fmt(self.start_value),
                value=_fmt(self.value),
            )
        hessian = self.program.safe_hessian(self.point)
        if hessian is not None:
            low, high = _eigen(hessian)[0], _eigen(hessian)[-1]
            if low < 0 < high and norm < 1e-3:
                saddle = phrase(message_text("; the path is slowing down near a saddle point"))
        self._finish(
            "max_steps",
            message_text(
                "reached the step limit ({limit} steps); the gradient norm is still {norm} "
                "(tol {tol}){rise}{saddle}"
            ),
            limit=self.settings.steps,
            norm=_fmt(norm),
            tol=_fmt(self.settings.tol),
            rise=rise,
            saddle=saddle,
        )

    def _stationary(self) -> None:
        """The gradient vanished: a minimum, or a saddle, maximum or flat point?"""
        point, norm = self.point, _norm(self.gradient)
        steps = self.steps_taken
        if steps == 0:
            reached = phrase(message_text("at the start"))
        else:
            reached = phrase(message_text("after {steps}"), steps=_steps(steps))
        one_d = self.program.dimension == 1
        tol = self.settings.tol
        if tol > 0:
            gradient = phrase(
                message_text("the gradient norm {norm} is within tol {tol}"),
                norm=_fmt(norm),
                tol=_fmt(tol),
            )
        else:
            gradient = phrase(message_text("the gradient is exactly 0"))
        fields = {"where": self._where(point), "reached": reached, "gradient": gradient}
        hessian = self.program.safe_hessian(point)
        if hessian is None:
            self._finish(
                "converged",
                message_text(
                    "converged {reached} at {where}: {gradient} "
                    "(the curvature there could not be checked)"
                ),
                **fields,
            )
            return
        eigen = _eigen(hessian)
        scale = max(1.0, max(abs(e) for e in eigen))
        low, high = eigen[0], eigen[-1]
        if one_d:
            fields["curvature"] = f"f'' = {_fmt(low)}"
        else:
            fields["curvature"] = phrase(
                message_text("Hessian eigenvalues {values}"),
                values=", ".join(_fmt(e) for e in eigen),
            )
        negative = low < -1e-9 * scale
        if negative and high > 1e-9 * scale:
            self._finish(
                "stopped",
                message_text(
                    "stopped at a saddle point {where} {reached}: {gradient}, but f curves up "
                    "in one direction and down in another ({curvature}); gradient descent "
                    "stalls at saddle points: start slightly off this point to escape"
                ),
                **fields,
            )
            return
        if negative and high < -1e-9 * scale:
            self._finish(
                "stopped",
                message_text(
                    "stopped at a maximum {where} {reached}: {gradient}, and f curves down in "
                    "every direction ({curvature} < 0); gradient descent cannot move away from "
                    "a maximum it sits exactly on: start slightly to one side"
                ),
                **fields,
            )
            return
        if negative:
            self._finish(
                "stopped",
                message_text(
                    "stopped at a stationary point {where} {reached} that is not a minimum: "
                    "{gradient}, but f curves down in one direction ({curvature})"
                ),
                **fields,
            )
            return
        if low <= 1e-6 * scale and self._falls_nearby(point, hessian, low):
            self._finish(
                "stopped",
                message_text(
                    "stopped at a flat stationary point {where} {reached} that is not a "
                    "minimum: {gradient} and the curvature is about 0 ({curvature}), but f "
                    "still decreases nearby (an inflection point)"
                ),
                **fields,
            )
            return
        if low > 1e-6 * scale:
            kind = phrase(message_text("a minimum"))
        else:
            kind = phrase(message_text("a flat minimum (the curvature is about 0)"))
        self._finish(
            "converged",
            message_text("converged {reached} at {where}: {gradient}, at {kind} ({curvature})"),
            kind=kind,
            **fields,
        )

    def _falls_nearby(self, point, hessian, low: float) -> bool:
        """Does f go below f(point) a little way along the flattest direction?"""
        direction = _eigenvector(hessian, low)
        reference, _ = self.program.safe_value(point)
        if reference is None:
            return False
        delta = 1e-3 * max(1.0, max(abs(p) for p in point))
        margin = 1e-12 * max(1.0, abs(reference))
        for sign in (1.0, -1.0):
            probe = tuple(p + sign * delta * d for p, d in zip(point, direction, strict=True))
            value, _ = self.program.safe_value(probe)
            if value is not None and value < reference - margin:
                return True
        return False

    # -- results ----------------------------------------------------------------------
    def record(self) -> StepRecord:
        gradient = self.gradient if self.gradient is not None else (math.nan,) * len(self.point)
        return StepRecord(
            step=self.steps_taken,
            point=tuple(self.point),
            value=self.value,
            gradient=tuple(gradient),
            gradient_norm=_norm(gradient),
            status=self.status,
            message=self.message,
        )

    def result(self) -> dict:
        """The ``descend`` JSON object of docs/command-line.md."""
        gradient = self.gradient if self.gradient is not None else (math.nan,)
        result = {
            "optimizer": self.settings.optimizer,
            "learning_rate": self.settings.lr,
            "start": list(self.start),
            "steps_taken": self.steps_taken,
            "status": self.status,
            "message": self.message,
            "final": {
                "point": list(self.point),
                "value": self.value,
                "gradient_norm": _norm(gradient),
            },
        }
        if self.path is not None:
            result["path"] = [list(p) for p in self.path]
        return result


def _cycle_period(window) -> int:
    """The shortest period 2..8 with which the points repeat (to 1e-9 of a step), or 0."""
    n = len(window)
    dims = range(len(window[0]))
    amplitude = max(abs(window[j + 1][i] - window[j][i]) for j in range(n - 1) for i in dims)
    if not amplitude > 0.0 or not math.isfinite(amplitude):
        return 0
    allowed = _CYCLE_RTOL * amplitude
    for period in range(2, _MAX_PERIOD + 1):
        if all(
            abs(window[j + period][i] - window[j][i]) <= allowed
            for j in range(n - period)
            for i in dims
        ):
            return period
    return 0


def _find_kink(program: _Program, cycle) -> tuple | None:
    """Where the cycle bounces across a kink: (point, left slope, right slope) or None.

    Along each segment of the cycle whose directional derivative changes sign, the
    sign change is located by bisection and the jump of the slope across it measured
    at two widths: a smooth function's jump shrinks with the width, a kink's does not.
    """
    count = len(cycle)
    for j in range(count):
        a, b = cycle[j], cycle[(j + 1) % count]
        if len(a) == 1 and a[0] > b[0]:
            a, b = b, a  # left to right, so the slopes are f'(kink-) and f'(kink+)
        direction = tuple(q - p for p, q in zip(a, b, strict=True))
        length = _norm(direction)
        if length == 0:
            continue

        def slope(s, a=a, direction=direction, length=length):
            gradient, _ = program.safe_gradient(
                tuple(p + s * d for p, d in zip(a, direction, strict=True))
            )
            if gradient is None:
                return None
            return sum(g * d for g, d in zip(gradient, direction, strict=True)) / length

        low, high = slope(0.0), slope(1.0)
        if low is None or high is None or not (low < 0.0 < high):
            continue
        left, right = 0.0, 1.0
        for _ in range(60):
            middle = 0.5 * (left + right)
            value = slope(middle)
            if value is None:
                break
            if value < 0.0:
                left = middle
            else:
                right = middle
        centre = 0.5 * (left + right)
        jumps = []
        for width in (1e-4, 1e-7):
            before, after = slope(max(0.0, centre - width)), slope(min(1.0, centre + width))
            if before is None or after is None:
                return None
            jumps.append((after - before, before, after))
        if jumps[0][0] > 0.0 and jumps[1][0] > 0.1 * jumps[0][0]:
            where = tuple(p + centre * d for p, d in zip(a, direction, strict=True))
            return where, jumps[1][1], jumps[1][2]
    return None


# -- the public entry points ------------------------------------------------------------


def descend(
    sources: Mapping,
    start,
    optimizer: str = "sgd",
    lr: float | None = None,
    steps: int = 1000,
    tol: float = 1e-12,
    momentum: float | None = None,
    betas: tuple[float, float] | None = None,
    eps: float | None = None,
    record_path: bool = False,
    namespace: Mapping | None = None,
    *,
    dampening: float | None = None,
    alpha: float | None = None,
    lr_decay: float | None = None,
) -> dict:
    """Run an optimizer from ``start`` on the function the sources describe.

    Parameters
    ----------
    sources : mapping
        ``{"variables": [...], "value": str, "gradient": [str, ...], "hessian": [[...]]}``:
        scalar sources from :func:`visualizer.core.codegen.scalar_source`. The Hessian is
        used by ``newton`` and to tell minima from saddles and maxima; it may be left out
        for the others.
    start : sequence of float
        One coordinate per variable (a bare number for one variable).
    optimizer, lr, steps, tol, momentum, betas, eps, dampening, alpha, lr_decay
        See :class:`DescentSettings`; None takes the optimizer's default.
    record_path : bool
        Include every point visited, the start first.
    namespace : mapping, optional
        The names the sources may call besides the variables; default
        :func:`scalar_namespace`.

    Returns
    -------
    dict
        ``{"optimizer", "learning_rate", "start", "steps_taken", "status", "message",
        "final": {"point", "value", "gradient_norm"}}`` and ``"path"`` with
        ``record_path`` (``docs/command-line.md``).

    Raises
    ------
    ExpressionError
        ``argument`` for a bad setting or start, ``domain`` when f is not defined at the
        start, ``unsupported`` for sources that are not plain scalar expressions.

    Examples
    --------
    >>> sources = {"variables": ["x"], "value": "x*x", "gradient": ["2.0*x"],
    ...            "hessian": [["2.0"]]}
    >>> descend(sources, [1.0], lr=0.1)["status"]
    'converged'
    """
    settings = DescentSettings(
        optimizer=optimizer,
        lr=lr,
        steps=steps,
        tol=tol,
        momentum=momentum,
        dampening=dampening,
        betas=betas,
        eps=eps,
        alpha=alpha,
        lr_decay=lr_decay,
    )
    program = _program(sources, namespace)
    run = _Run(program, settings, start, record=bool(record_path))
    if run.running:
        program.loop(settings.variant, False)  # compile before the clock matters
        run.run()
    return run.result()


class Stepper:
    """Gradient descent one step at a time, for the GUI, under the rules of :func:`descend`.

    The same generated loop takes one step at a time, and every check runs after every
    step: convergence, domain, overflow and non-differentiable points stop it at the
    same step as :func:`descend`; growth and cycles, which :func:`descend` checks only
    between chunks of steps, may stop it a few steps earlier.

    Parameters
    ----------
    sources : mapping
        As for :func:`descend`.
    start : sequence of float
    settings : DescentSettings, optional
        Default ``DescentSettings()`` (sgd with its defaults, 1000 steps).
    namespace : mapping, optional

    Raises
    ------
    ExpressionError
        As :func:`descend`.
    """

    def __init__(
        self, sources: Mapping, start, settings: DescentSettings | None = None, namespace=None
    ):
        self.settings = settings if settings is not None else DescentSettings()
        self._program = _program(sources, namespace)
        self._start = start
        self._run = _Run(self._program, self.settings, start, record=True)

    def step(self) -> StepRecord:
        """Take one step (nothing once finished) and return where the run stands."""
        self._run.step()
        return self._run.record()

    def advance(self, count: int) -> StepRecord:
        """Take up to ``count`` steps, stopping early when the run finishes."""
        for _ in range(max(0, int(count))):
            if not self._run.running:
                break
            self._run.step()
        return self._run.record()

    def reset(self) -> StepRecord:
        """Back to the start, with the same settings."""
        self._run = _Run(self._program, self.settings, self._start, record=True)
        return self._run.record()

    @property
    def current(self) -> StepRecord:
        return self._run.record()

    @property
    def path(self) -> tuple:
        """Every point so far, the start first."""
        return tuple(self._run.path)

    @property
    def status(self) -> str:
        """``"running"`` or one of :data:`STATUSES`."""
        return self._run.status

    @property
    def message(self) -> str:
        """Why the run stopped, in English ("" while it runs)."""
        return self._run.message

    @property
    def message_template(self) -> str:
        """The template of :attr:`message` (marked with ``message_text``; "" while running).

        With :attr:`message_fields`, what the GUI translates:
        ``render(message_template, message_fields) == message``.
        """
        return self._run.message_template

    @property
    def message_fields(self) -> dict:
        """The fields of :attr:`message_template` (numbers, names and nested phrases)."""
        return dict(self._run.message_fields)

    @property
    def finished(self) -> bool:
        return not self._run.running

    @property
    def steps_taken(self) -> int:
        return self._run.steps_taken

    @property
    def state(self) -> dict:
        """The optimizer's own state under torch.optim's names (``exp_avg``, ``sum``...)."""
        return self._run.state()

    def result(self) -> dict:
        """The same object :func:`descend` returns, with the path so far."""
        return self._run.result()


def steps_per_second(
    sources: Mapping,
    start,
    optimizer: str = "sgd",
    lr: float = 1e-3,
    steps: int = 1_000_000,
    namespace: Mapping | None = None,
) -> float:
    """Compute-only speed of :func:`descend`: steps taken per second of wall time.

    Runs with ``tol = 0`` (every step), after one warm-up run that compiles the loop.
    Choose a function and start whose run neither diverges nor stops: a run that ends
    early is timed for the steps it took. For the benchmark's figures use sgd, lr 1e-3,
    1e6 steps on ``x**4 - 3*x**2 + x`` from 2.0 (1-D) and on ``x**4 + y**2`` from
    (1.5, -1.0) (2-D).
    """
    descend(sources, start, optimizer=optimizer, lr=lr, steps=1000, tol=0.0, namespace=namespace)
    began = time.perf_counter()
    result = descend(
        sources, start, optimizer=optimizer, lr=lr, steps=steps, tol=0.0, namespace=namespace
    )
    seconds = time.perf_counter() - began
    return result["steps_taken"] / seconds if seconds > 0 else math.inf
