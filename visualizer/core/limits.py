"""The derivative as a limit, in numbers: difference quotients, their errors, animation.

Qt-free (numpy only) so that the tables and the animation can be tested, scripted and
exported without a display.

Emulating a lower precision
---------------------------
A learner's function is compiled for float64, so a float32 or float16 difference
quotient is *emulated*, honestly but approximately: ``x0`` and ``h`` are rounded to
the chosen type, ``x0 + h`` is formed in that type (so it can round back to ``x0``),
``f`` is evaluated in float64 at the rounded arguments and each value is rounded to the
chosen type; the subtraction and the division then happen in that type. What is *not*
emulated is the rounding inside ``f`` itself (a real float16 network also rounds every
intermediate product), so the round-off shown is, if anything, a little optimistic.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import numpy as np

__all__ = [
    "ANIMATION_SIDES",
    "DEFAULT_EXPONENTS",
    "DTYPES",
    "LimitAnimation",
    "LimitRow",
    "LimitTable",
    "POINT_KINDS",
    "PointSlopes",
    "Quotients",
    "difference_quotients",
    "intervals_where",
    "limit_table",
    "machine_epsilon",
    "near_kink",
    "one_sided_slopes",
    "optimal_forward_step",
    "roundoff_error_model",
    "slopes_at",
    "truncation_error_model",
]

#: The precisions a difference quotient can be computed in.
DTYPES = {"float64": np.float64, "float32": np.float32, "float16": np.float16}
#: h = 10**-k for these k: from a visible secant down to far below float64's resolution.
DEFAULT_EXPONENTS = tuple(range(1, 17))
#: The ways the animation lets h shrink.
ANIMATION_SIDES = ("right", "left", "both")


def _dtype(precision: str):
    try:
        return DTYPES[precision]
    except KeyError:
        raise ValueError(f"precision must be one of {', '.join(DTYPES)}") from None


def machine_epsilon(precision: str) -> float:
    """The gap between 1 and the next number in ``precision`` (2.2e-16 for float64)."""
    return float(np.finfo(_dtype(precision)).eps)


@dataclass(frozen=True)
class Quotients:
    """The three difference quotients of f at x0 for one step h.

    Attributes
    ----------
    forward : float
        ``(f(x0 + h) - f(x0)) / h``, the slope of the secant to the right.
    backward : float
        ``(f(x0) - f(x0 - h)) / h``, the slope of the secant to the left.
    central : float
        ``(f(x0 + h) - f(x0 - h)) / (2h)``.

    Each is NaN when it cannot be formed (f undefined, or h rounds to 0 in the chosen
    precision) and ±inf when it overflows that precision.
    """

    forward: float
    backward: float
    central: float


def difference_quotients(
    f: Callable[[float], float], x0: float, h: float, precision: str = "float64"
) -> Quotients:
    """Forward, backward and central difference quotients, emulated in ``precision``.

    Parameters
    ----------
    f : callable
        ``f(float) -> float`` evaluated in float64 (NaN where undefined), e.g.
        ``FunctionSet.scalars["f"]``.
    x0, h : float
        The point and the step (h > 0 looks right, so "forward" is the right side).
    precision : str
        ``"float64"``, ``"float32"`` or ``"float16"``; see the module notes for what
        the emulation does and does not round.

    Returns
    -------
    Quotients

    Examples
    --------
    >>> q = difference_quotients(lambda x: x * x, 1.0, 0.5)
    >>> q.forward, q.backward, q.central
    (2.5, 1.5, 2.0)
    """
    dtype = _dtype(precision)
    with np.errstate(all="ignore"):
        x_here = dtype(x0)
        step = dtype(h)
        if step == 0 or not np.isfinite(step) or not np.isfinite(x_here):
            nan = math.nan
            return Quotients(nan, nan, nan)
        x_right = x_here + step  # in the chosen precision: may round back to x0
        x_left = x_here - step
        value = dtype(f(float(x_here)))
        right = dtype(f(float(x_right)))
        left = dtype(f(float(x_left)))
        forward = (right - value) / step
        backward = (value - left) / step
        central = (right - left) / (dtype(2) * step)
    return Quotients(float(forward), float(backward), float(central))


@dataclass(frozen=True)
class LimitRow:
    """One line of the limit table: the quotients for ``h`` and their errors.

    Errors are absolute, ``|quotient - reference|`` computed in float64; NaN where
    either is missing. A zero error means the quotient is exact in that precision.
    """

    h: float
    forward: float
    backward: float
    central: float
    forward_error: float
    backward_error: float
    central_error: float


@dataclass(frozen=True)
class LimitTable:
    """Difference quotients of one function at one point for h = 10**-1 ... 10**-16.

    Attributes
    ----------
    x0 : float
    precision : str
    exact : float or None
        The derivative f'(x0) from the compiled derivative; None where f is not
        differentiable at x0 (then ``left``/``right`` still say what each side tends to).
    left, right : float or None
        The references for the backward and the forward quotient: the one-sided
        derivatives (equal to ``exact`` where f is differentiable).
    rows : tuple of LimitRow
        From the largest h to the smallest.
    """

    x0: float
    precision: str
    exact: float | None
    left: float | None
    right: float | None
    rows: tuple

    def errors(self, scheme: str) -> np.ndarray:
        """The errors of ``scheme`` ("forward", "backward", "central") as an array."""
        return np.array([getattr(row, f"{scheme}_error") for row in self.rows], dtype=float)

    def steps(self) -> np.ndarray:
        """The steps h of the rows as an array."""
        return np.array([row.h for row in self.rows], dtype=float)

    def best(self, scheme: str = "forward") -> LimitRow | None:
        """The row where ``scheme`` has its smallest finite error (None if it has none).

        Ties go to the larger h: once a quotient is exact in the chosen precision,
        making h smaller cannot help.
        """
        errors = self.errors(scheme)
        finite = np.isfinite(errors)
        if not finite.any():
            return None
        smallest = np.min(errors[finite])
        return self.rows[int(np.flatnonzero(finite & (errors == smallest))[0])]


def _error(value: float, reference: float | None) -> float:
    if reference is None or not (math.isfinite(value) and math.isfinite(reference)):
        return math.nan
    return abs(value - reference)


def limit_table(
    f: Callable[[float], float],
    x0: float,
    exact: float | None,
    precision: str = "float64",
    exponents=DEFAULT_EXPONENTS,
    left: float | None = None,
    right: float | None = None,
) -> LimitTable:
    """The table of difference quotients at ``x0`` for h = 10**-k, k in ``exponents``.

    Parameters
    ----------
    f : callable
        ``f(float) -> float`` in float64.
    x0 : float
    exact : float or None
        f'(x0), the reference of every error; None where f is not differentiable.
    precision : str
        ``"float64"``, ``"float32"`` or ``"float16"``.
    exponents : iterable of int
    left, right : float, optional
        One-sided derivatives, the references of the backward and forward quotients
        (default: ``exact``). The central quotient is compared with ``exact`` only.

    Returns
    -------
    LimitTable

    Examples
    --------
    For x² at 1 the forward quotient is 2 + h in exact arithmetic, so its error is h:

    >>> table = limit_table(lambda x: x * x, 1.0, 2.0, exponents=[1, 2])
    >>> [round(row.forward_error, 12) for row in table.rows]
    [0.1, 0.01]
    """
    left = exact if left is None else left
    right = exact if right is None else right
    rows = []
    for exponent in exponents:
        h = 10.0 ** (-int(exponent))
        q = difference_quotients(f, x0, h, precision)
        rows.append(
            LimitRow(
                h=h,
                forward=q.forward,
                backward=q.backward,
                central=q.central,
                forward_error=_error(q.forward, right),
                backward_error=_error(q.backward, left),
                central_error=_error(q.central, exact),
            )
        )
    return LimitTable(float(x0), precision, exact, left, right, tuple(rows))


def truncation_error_model(second_derivative: float, h):
    """The forward quotient's truncation error, about ``|f''(x0)| * h / 2`` (Taylor)."""
    return abs(second_derivative) * np.asarray(h, dtype=float) / 2.0


def roundoff_error_model(value: float, slope: float, x0: float, precision: str, h):
    """The forward quotient's round-off error, about ``eps * (|f(x0)| + |x0 f'(x0)|) / h``.

    ``eps * |f|`` is what rounding the two values of f can lose; ``eps * |x0 f'|`` is
    what rounding ``x0 + h`` moves f by. Both are divided by h.
    """
    eps = machine_epsilon(precision)
    return eps * (abs(value) + abs(x0 * slope)) / np.asarray(h, dtype=float)


def optimal_forward_step(
    value: float, slope: float, second_derivative: float, x0: float, precision: str
) -> float | None:
    """The h where the two error models cross: ``sqrt(2 eps (|f| + |x0 f'|) / |f''|)``.

    None when one of the two errors vanishes (a straight line has no truncation error).
    """
    numerator = 2.0 * machine_epsilon(precision) * (abs(value) + abs(x0 * slope))
    if not (math.isfinite(numerator) and math.isfinite(second_derivative)):
        return None
    if numerator == 0.0 or second_derivative == 0.0:
        return None
    return math.sqrt(numerator / abs(second_derivative))


# -- one-sided slopes ------------------------------------------------------------------------


def _side_slope(df: Callable[[float], float], x0: float, side: float, step: float) -> float | None:
    """The limit of f' at x0 from one side, by linear extrapolation of two samples."""
    near = df(x0 + side * step)
    far = df(x0 + 2.0 * side * step)
    if not (math.isfinite(near) and math.isfinite(far)):
        return None
    # A slope that keeps growing, steadily, as the side point closes in (a power law
    # |x - x0|^-p): a vertical tangent. |x|^(2/3) grows by 4.6 per factor 100.
    middle = df(x0 + 1e2 * side * step)
    outer = df(x0 + 1e4 * side * step)
    if (
        abs(near) > 100.0
        and math.isfinite(middle)
        and math.isfinite(outer)
        and abs(near) > 2.0 * abs(middle) > 4.0 * abs(outer)
    ):
        return math.copysign(math.inf, near)
    estimate = 2.0 * near - far  # exact for a slope that is linear near x0
    scale = max(1.0, abs(near))
    return 0.0 if abs(estimate) <= 1e-12 * scale else estimate


def one_sided_slopes(
    df: Callable[[float], float], x0: float, step: float | None = None
) -> tuple[float | None, float | None]:
    """Left and right limits of f' at ``x0``, numerically, from the compiled derivative.

    Parameters
    ----------
    df : callable
        f' as ``df(float) -> float`` (NaN where undefined), e.g.
        ``FunctionSet.scalars["df"]``; the exact derivative, so no quotient of f loses
        digits here.
    x0 : float
    step : float, optional
        Distance of the side samples (default ``1e-9 * max(1, |x0|)``).

    Returns
    -------
    (left, right) : float or None each
        ±inf for a vertical tangent on that side, None where f' is undefined on that
        side. ``|x|`` at 0 gives ``(-1.0, 1.0)``, ReLU ``(0.0, 1.0)``, cbrt ``(inf, inf)``.
    """
    if step is None:
        step = 1e-9 * max(1.0, abs(x0))
    return _side_slope(df, x0, -1.0, step), _side_slope(df, x0, 1.0, step)


#: The kinds of point :func:`slopes_at` tells apart.
POINT_KINDS = ("smooth", "corner", "vertical", "cusp", "one_sided", "undefined")


@dataclass(frozen=True)
class PointSlopes:
    """What the tangent does at one point of a one-variable function.

    Attributes
    ----------
    x0 : float
    value : float
        f(x0); NaN where f is not defined (a pole, outside the domain).
    derivative : float or None
        f'(x0) where f is differentiable, else None.
    left, right : float or None
        The one-sided derivatives (±inf for a vertical tangent, None where missing).
    kind : str
        ``"smooth"`` (differentiable), ``"corner"`` (finite one-sided derivatives
        that differ: |x| at 0), ``"vertical"`` (both +inf or both -inf: cbrt at 0),
        ``"cusp"`` (infinite of opposite signs: |x|^(2/3) at 0), ``"one_sided"`` (only one
        side exists: sqrt at 0) or ``"undefined"`` (f or both sides missing).
    """

    x0: float
    value: float
    derivative: float | None
    left: float | None
    right: float | None
    kind: str

    @property
    def differentiable(self) -> bool:
        return self.kind == "smooth"


def near_kink(x0: float, kinks, tolerance: float = 1e-9) -> float | None:
    """The kink within ``tolerance * max(1, |kink|)`` of ``x0``, if any."""
    for kink in kinks:
        if abs(x0 - kink) <= tolerance * max(1.0, abs(kink)):
            return float(kink)
    return None


def slopes_at(
    f: Callable[[float], float], df: Callable[[float], float], x0: float, kinks=()
) -> PointSlopes:
    """Classify the point ``x0``: a tangent, two one-sided ones, a vertical one, none.

    Parameters
    ----------
    f, df : callable
        f and f' as compiled scalar functions (NaN where undefined).
    x0 : float
    kinks : iterable of float
        Where f is known not to be differentiable (``FunctionSet.kinks``); ``x0``
        within 1e-9 (relative) of one counts as that point.

    Returns
    -------
    PointSlopes
    """
    value = f(x0)
    nan = math.nan
    if not math.isfinite(value):
        return PointSlopes(x0, nan, None, None, None, "undefined")
    slope = df(x0)
    if near_kink(x0, kinks) is None and math.isfinite(slope):
        return PointSlopes(x0, value, slope, slope, slope, "smooth")
    left, right = one_sided_slopes(df, x0)
    if left is None and right is None:
        return PointSlopes(x0, value, None, None, None, "undefined")
    if left is None or right is None:
        return PointSlopes(x0, value, None, left, right, "one_sided")
    if math.isinf(left) and math.isinf(right):
        kind = "vertical" if left == right else "cusp"
        return PointSlopes(x0, value, None, left, right, kind)
    if math.isinf(left) or math.isinf(right):
        return PointSlopes(x0, value, None, left, right, "corner")
    if abs(left - right) <= 1e-6 * max(1.0, abs(left), abs(right)):
        # A kink candidate where both sides agree after all (x|x| at 0).
        derivative = slope if math.isfinite(slope) else 0.5 * (left + right)
        return PointSlopes(x0, value, derivative, derivative, derivative, "smooth")
    return PointSlopes(x0, value, None, left, right, "corner")


# -- intervals ------------------------------------------------------------------------------


def intervals_where(xs: np.ndarray, mask: np.ndarray) -> list[tuple[float, float]]:
    """The x intervals where ``mask`` is true along sorted samples ``xs``.

    Each run of true samples becomes ``(first x, last x)`` widened by half a sample
    spacing on each side (clipped to the ends), so neighbouring intervals of opposite
    masks meet instead of leaving gaps.

    Examples
    --------
    >>> intervals_where(np.array([0.0, 1.0, 2.0, 3.0]), np.array([False, True, True, False]))
    [(0.5, 2.5)]
    """
    xs = np.asarray(xs, dtype=float)
    mask = np.asarray(mask, dtype=bool)
    if xs.size == 0 or not mask.any():
        return []
    padded = np.concatenate(([False], mask, [False]))
    changes = np.flatnonzero(padded[1:] != padded[:-1])
    starts, ends = changes[0::2], changes[1::2] - 1
    result = []
    for start, end in zip(starts, ends, strict=True):
        low = xs[start] if start == 0 else 0.5 * (xs[start - 1] + xs[start])
        high = xs[end] if end == xs.size - 1 else 0.5 * (xs[end] + xs[end + 1])
        result.append((float(low), float(high)))
    return result


# -- the animation h -> 0 ----------------------------------------------------------------------


@dataclass(frozen=True)
class LimitAnimation:
    """h as a pure function of time: the secant closing in on the tangent.

    Within one sweep |h| falls geometrically from ``start`` to ``end`` (every power of
    ten takes the same time, so the last digits of the quotient get as long on screen
    as the first), then holds for ``hold_seconds`` so the end can be read.

    Attributes
    ----------
    start, end : float
        |h| at the beginning and at the end of a sweep (``start > end > 0``).
    sweep_seconds : float
        Length of one sweep at speed 1.
    side : str
        ``"right"`` (h > 0), ``"left"`` (h < 0) or ``"both"`` (a sweep from the right,
        then one from the left, in turn).
    loop : bool
        Start again after the last sweep, for ever.
    hold_seconds : float
        Pause at the end of every sweep.

    Examples
    --------
    >>> animation = LimitAnimation(start=1.0, end=1e-4, sweep_seconds=4.0, hold_seconds=0.0)
    >>> [round(animation.frame(t), 6) for t in (0.0, 1.0, 4.0)]
    [1.0, 0.1, 0.0001]
    """

    start: float = 1.0
    end: float = 1e-6
    sweep_seconds: float = 4.0
    side: str = "right"
    loop: bool = False
    hold_seconds: float = 0.6

    def __post_init__(self):
        if self.side not in ANIMATION_SIDES:
            raise ValueError(f"side must be one of {', '.join(ANIMATION_SIDES)}")
        if not (self.start > self.end > 0.0) or not math.isfinite(self.start):
            raise ValueError("the animation needs start > end > 0")
        if not self.sweep_seconds > 0.0 or self.hold_seconds < 0.0:
            raise ValueError("sweep_seconds must be positive and hold_seconds not negative")

    @property
    def period(self) -> float:
        """Seconds of one sweep with its hold."""
        return self.sweep_seconds + self.hold_seconds

    @property
    def sweeps(self) -> int:
        """Sweeps in one run: 2 for ``"both"``, else 1."""
        return 2 if self.side == "both" else 1

    @property
    def duration(self) -> float:
        """Seconds until the animation ends (``inf`` when it loops)."""
        return math.inf if self.loop else self.sweeps * self.period

    def finished(self, t: float) -> bool:
        """True once the (non-looping) animation has played to its end at time ``t``."""
        return t >= self.duration

    def frame(self, t: float) -> float:
        """h at time ``t`` seconds (signed: negative on the left)."""
        t = max(0.0, float(t))
        if not self.loop:
            t = min(t, self.duration)
        sweep = int(t // self.period)
        within = t - sweep * self.period
        if not self.loop and sweep >= self.sweeps:  # exactly at the end
            sweep, within = self.sweeps - 1, self.period
        fraction = min(1.0, within / self.sweep_seconds)
        size = self.start * (self.end / self.start) ** fraction
        if self.side == "left" or (self.side == "both" and sweep % 2 == 1):
            return -size
        return size

    def frames(self, fps: float = 60.0) -> Iterator[float]:
        """h for each frame at ``fps`` frames a second, for exporting (one run)."""
        if not fps > 0:
            raise ValueError("fps must be positive")
        duration = self.sweeps * self.period
        count = int(math.floor(duration * fps)) + 1
        for index in range(count):
            yield self.frame(index / fps)
