"""The calculus: derivatives, one-sided derivatives, extrema, Taylor, gradient, Hessian.

Runs where sympy is (the worker process and the command line), never in the GUI.

Conventions
-----------
* Derivatives are *cleaned*: ``DiracDelta`` (the derivative of ``sign``/``Heaviside``)
  and unevaluated derivatives of piecewise-constant functions are 0, because they are 0
  everywhere except at isolated points; ``sign(u)**2`` becomes 1. The non-differentiable
  points themselves are reported by :func:`kinks`. ``Abs'(u)`` stays ``sign(u)`` and
  ``Max(0, u)'`` stays ``Heaviside(u)``.
* One-sided derivatives are computed exactly where possible: near ``x0`` on one side
  every ``Abs``/``sign``/``Heaviside``/``Max``/``Min``/``floor``/``ceiling`` is replaced
  by the branch it takes there (found from the sign of its argument's first non-zero
  Taylor coefficient), and the resulting smooth expression is differentiated and
  evaluated at ``x0``. Only a singular value (``zoo``) falls back to a numerical
  one-sided limit.
* Point searches use closed forms where they are cheap and certain (a rational
  derivative: the real roots of its numerator; a quadratic function of two variables:
  a linear system) and otherwise a dense numeric search with bisection and Newton.
* A function that is not differentiable at a point where its derivative changes sign
  (|x| at 0) has an extremum there: :func:`stationary_points_1d` includes such kinks,
  with their kind, although f' does not exist there.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import sympy

from visualizer.core.codegen import array_spec, scalar_source
from visualizer.core.directional import classify_hessian
from visualizer.core.errors import ExpressionError, error_text
from visualizer.core.sampling import compile_array, compile_scalar
from visualizer.core.symbols import SYMBOLS, X, Y

__all__ = [
    "MAX_OPS",
    "analyze",
    "clean_derivative",
    "critical_points",
    "derivative",
    "directional_derivative",
    "function_bundle",
    "gradient",
    "hessian",
    "inflection_points_1d",
    "kinks",
    "one_sided_derivatives",
    "stationary_points_1d",
    "stationary_points_2d",
    "taylor_bundle",
    "taylor_polynomial",
    "variable_roles",
]

#: Largest ``count_ops`` of a function we analyse.
MAX_OPS = 400
#: Largest number of tree nodes of a derivative we keep.
MAX_DERIVED_NODES = 20_000

#: Functions that are not differentiable everywhere.
_NONSMOOTH = (sympy.Abs, sympy.sign, sympy.Heaviside, sympy.Max, sympy.Min, sympy.floor,
              sympy.ceiling)
#: Their derivatives are 0 almost everywhere.
_PIECEWISE_CONSTANT = (sympy.sign, sympy.Heaviside, sympy.floor, sympy.ceiling)

_GRID_1D = 4001  # samples of a numeric 1-D search (sin(50x) on [-10, 10] still has 12 a period)
_SEEDS_2D = 24  # seeds per axis of the 2-D Newton search
_CROSSING_CELLS = 120  # cells per axis of the sign-change test of fx and fy
_MAX_POINTS = 200  # more points than this is not a finite set we can list
_EVAL_DIGITS = 30
_FINE_DIGITS = 60  # at a kink known only to double precision, refined to ~1e-55


def _too_complex() -> ExpressionError:
    return ExpressionError(
        "too_complex", template=error_text("this function is too complex to analyse")
    )


def _check_complexity(expr: sympy.Basic) -> None:
    if sympy.count_ops(expr) > MAX_OPS:
        raise _too_complex()


def _check_size(expr: sympy.Basic) -> None:
    nodes = 0
    for _ in sympy.preorder_traversal(expr):
        nodes += 1
        if nodes > MAX_DERIVED_NODES:
            raise _too_complex()


# -- derivatives ------------------------------------------------------------------------------


def _is_piecewise_constant_derivative(node: sympy.Basic) -> bool:
    """``Derivative(floor(u), ...)`` or ``Subs(Derivative(sign(s), s), s, u)``."""
    if isinstance(node, sympy.Subs):
        node = node.expr
    return isinstance(node, sympy.Derivative) and isinstance(node.expr, _PIECEWISE_CONSTANT)


def clean_derivative(expr: sympy.Basic) -> sympy.Basic:
    """Remove what is 0 almost everywhere from a derivative.

    ``DiracDelta(...)`` and derivatives of piecewise-constant functions become 0 and
    ``sign(u)**(2k)`` becomes 1 (``sign(u)**(2k+1)`` becomes ``sign(u)``).

    Raises
    ------
    ExpressionError
        ``unsupported`` if an unevaluated derivative of anything else remains.
    """
    if expr.has(sympy.DiracDelta):
        expr = expr.replace(lambda e: isinstance(e, sympy.DiracDelta), lambda e: sympy.S.Zero)
    if expr.has(sympy.Derivative) or expr.has(sympy.Subs):
        expr = expr.replace(_is_piecewise_constant_derivative, lambda e: sympy.S.Zero)
        # replace() works bottom-up: a Subs whose derivative became 0 is Subs(0, ...).
        expr = expr.replace(
            lambda e: isinstance(e, sympy.Subs) and not e.expr.has(sympy.Derivative),
            lambda e: e.doit(),
        )
        if expr.has(sympy.Derivative):
            raise ExpressionError(
                "unsupported",
                template=error_text("this function cannot be differentiated symbolically"),
            )
    if expr.has(sympy.sign):
        expr = expr.replace(
            lambda e: e.is_Pow
            and isinstance(e.base, sympy.sign)
            and e.exp.is_Integer
            and e.exp > 0,
            lambda e: sympy.S.One if e.exp % 2 == 0 else e.base,
        )
    return expr


def derivative(expr: sympy.Basic, var: sympy.Symbol, order: int = 1) -> sympy.Basic:
    """The cleaned ``order``-th derivative of ``expr`` with respect to ``var``.

    Parameters
    ----------
    expr : sympy.Basic
    var : sympy.Symbol
    order : int
        0 returns ``expr`` itself.

    Returns
    -------
    sympy.Basic
        See :func:`clean_derivative`; e.g. ``Abs(x)`` -> ``sign(x)`` -> ``0``.

    Raises
    ------
    ExpressionError
        ``too_complex`` when a derivative grows beyond :data:`MAX_DERIVED_NODES` nodes.
    """
    result = sympy.sympify(expr)
    for _ in range(int(order)):
        result = clean_derivative(sympy.diff(result, var))
        _check_size(result)
    return result


# -- exact evaluation ---------------------------------------------------------------------------


def _exact(value: float) -> sympy.Number:
    """A float as a sympy number: exact for integers and short decimals (0.5, -0.4)."""
    value = float(value)
    if not math.isfinite(value):
        raise ExpressionError(
            "argument", template=error_text("{value} is not a finite number"),
            fields={"value": f"{value}"},
        )
    if value.is_integer() and abs(value) < 2**53:
        return sympy.Integer(int(value))
    text = repr(value)
    digits = text.lstrip("-").replace(".", "").lstrip("0")
    if "e" not in text and len(digits) <= 12:
        return sympy.Rational(text)
    return sympy.Float(value, _EVAL_DIGITS)


def _evaluate(expr: sympy.Basic, substitutions: dict, digits: int = _EVAL_DIGITS) -> float:
    """The real value of ``expr`` at a point: a float, +-inf, or nan if undefined.

    ``zoo`` (an infinity of unknown sign, e.g. 1/0) is returned as +inf; callers that
    need the sign look at the neighbourhood.
    """
    try:
        value = expr.xreplace(substitutions) if substitutions else expr
        if value is sympy.S.ComplexInfinity or value is sympy.S.Infinity:
            return math.inf
        if value is sympy.S.NegativeInfinity:
            return -math.inf
        if value is sympy.S.NaN:
            return math.nan
        if value.free_symbols:
            return math.nan
        value = value.evalf(digits)
        if value.has(sympy.S.ComplexInfinity, sympy.S.Infinity, sympy.S.NegativeInfinity):
            return math.inf if not value.could_extract_minus_sign() else -math.inf
        if value.has(sympy.S.NaN):
            return math.nan
        real, imaginary = value.as_real_imag()
        real_value = float(real)
        imaginary_value = float(imaginary)
    except (TypeError, ValueError, ZeroDivisionError, OverflowError, AttributeError):
        return math.nan
    if abs(imaginary_value) > 1e-12 * max(1.0, abs(real_value)):
        return math.nan
    return real_value


def _finite_or_none(value: float | None) -> float | None:
    if value is None or not math.isfinite(value):
        return None
    return float(value) + 0.0  # no -0.0 in the JSON


# -- one-sided derivatives ----------------------------------------------------------------------


def _zero_tolerance(x0: float) -> float:
    return 1e-9 * max(1.0, abs(float(x0)))


def _side_sign(u: sympy.Basic, var: sympy.Symbol, x0: sympy.Number, side: int) -> int:
    """The sign of a smooth ``u`` on ``(x0, x0 + side*delta)`` for small delta > 0."""
    value = _evaluate(u, {var: x0})
    if math.isfinite(value) and abs(value) > _zero_tolerance(x0):
        return 1 if value > 0 else -1
    if math.isfinite(value):
        # u(x0) = 0: the first non-zero Taylor coefficient decides.
        term = u
        for order in range(1, 7):
            term = sympy.diff(term, var)
            coefficient = _evaluate(term, {var: x0})
            if not math.isfinite(coefficient):
                break
            if abs(coefficient) > 1e-12:
                return (1 if coefficient > 0 else -1) * side**order
        else:
            return 0
    # Singular at x0: the sign closest to x0 among a few probes on that side.
    closest = 0
    for exponent in range(4, 13, 2):
        offset = x0 + side * sympy.Float(10.0**-exponent * max(1.0, abs(float(x0))), _EVAL_DIGITS)
        near = _evaluate(u, {var: offset})
        if math.isfinite(near) and near != 0:
            closest = 1 if near > 0 else -1
    return closest


def _branch(expr: sympy.Basic, var: sympy.Symbol, x0: sympy.Number, side: int) -> sympy.Basic:
    """``expr`` with every non-smooth function replaced by the branch it takes on one side."""

    def visit(node: sympy.Basic) -> sympy.Basic:
        if not node.args or not node.has(*_NONSMOOTH):
            return node
        args = [visit(arg) for arg in node.args]
        if isinstance(node, sympy.Abs):
            return _side_sign(args[0], var, x0, side) * args[0]
        if isinstance(node, sympy.sign):
            return sympy.Integer(_side_sign(args[0], var, x0, side))
        if isinstance(node, sympy.Heaviside):
            sign = _side_sign(args[0], var, x0, side)
            if sign == 0:
                return args[1] if len(args) > 1 else sympy.S.Half
            return sympy.S.One if sign > 0 else sympy.S.Zero
        if isinstance(node, (sympy.Max, sympy.Min)):
            wanted = 1 if isinstance(node, sympy.Max) else -1
            best = args[0]
            for candidate in args[1:]:
                if _side_sign(candidate - best, var, x0, side) == wanted:
                    best = candidate
            return best
        if isinstance(node, (sympy.floor, sympy.ceiling)):
            inner = args[0]
            value = _evaluate(inner, {var: x0})
            if not math.isfinite(value):
                return node.func(*args)
            nearest = round(value)
            if abs(value - nearest) > _zero_tolerance(x0):
                step = math.floor(value) if isinstance(node, sympy.floor) else math.ceil(value)
                return sympy.Integer(step)
            sign = _side_sign(inner - nearest, var, x0, side)
            if isinstance(node, sympy.floor):
                return sympy.Integer(nearest - 1 if sign < 0 else nearest)
            return sympy.Integer(nearest + 1 if sign > 0 else nearest)
        return node.func(*args)

    return visit(expr)


def _side_limit(
    expr: sympy.Basic, var: sympy.Symbol, x0: sympy.Number, side: int, digits: int = _EVAL_DIGITS
) -> float | None:
    """lim expr(x) as x -> x0 from one side, numerically (Aitken on a geometric sequence).

    Returns +-inf when the values grow without bound with one sign, None when they
    neither converge nor diverge.
    """
    scale = max(1.0, abs(float(x0)))
    values = []
    for exponent in range(4, 18, 2):
        offset = x0 + side * sympy.Float(10.0**-exponent * scale, digits)
        values.append(_evaluate(expr, {var: offset}, digits))
    if not all(math.isfinite(v) for v in values[-3:]):
        return None
    a, b, c = values[-3:]
    if abs(c) > 1e3 and abs(c) > 4 * abs(b) > 16 * abs(a) and a * b > 0 and b * c > 0:
        return math.copysign(math.inf, c)
    first, second = b - a, c - b
    if abs(second) > 1e-3 * max(1.0, abs(c)):
        return None
    denominator = second - first
    limit = c if denominator == 0 else c - second * second / denominator
    if not math.isfinite(limit):
        limit = c
    return 0.0 if abs(limit) < 1e-10 else limit


def _one_side(
    expr: sympy.Basic,
    var: sympy.Symbol,
    x0: sympy.Number,
    f0: float,
    side: int,
    approximate: bool = False,
) -> float | None:
    """One one-sided derivative; ``approximate`` when x0 is a refined irrational kink.

    At such a kink the branch may be undefined at x0 itself (the argument of a cube
    root is -1e-60 instead of 0), so it is evaluated 1e-40 inside its side, and the
    derivative is taken as the limit towards x0.
    """
    digits = _FINE_DIGITS if approximate else _EVAL_DIGITS
    branch = _branch(expr, var, x0, side)
    scale = max(1.0, abs(float(x0)))
    probe = x0 + side * sympy.Float(1e-7 * scale, digits)
    if not math.isfinite(_evaluate(branch, {var: probe}, digits)):
        return None  # the function is not defined on this side
    inside = x0 + side * sympy.Float(1e-40 * scale, digits) if approximate else x0
    at_x0 = _evaluate(branch, {var: inside}, digits)
    if not math.isfinite(at_x0) or abs(at_x0 - f0) > 1e-9 * max(1.0, abs(f0)):
        return None  # a jump: no derivative from this side
    slope = derivative(branch, var)
    value = _evaluate(slope, {var: inside}, digits)
    if math.isfinite(value) and not approximate:
        return value
    limit = _side_limit(slope, var, x0, side, digits)
    if limit is not None and math.isfinite(limit) and math.isfinite(value):
        return value  # the precise value 1e-40 from the kink
    return limit


def _newton_root(u: sympy.Basic, var: sympy.Symbol, start: sympy.Number) -> sympy.Float | None:
    """A root of a smooth ``u`` near ``start`` to about 55 digits (Newton's method)."""
    slope = sympy.diff(u, var)
    x = sympy.Float(start, _FINE_DIGITS)
    for _ in range(8):
        try:
            value = u.xreplace({var: x}).evalf(_FINE_DIGITS)
            rate = slope.xreplace({var: x}).evalf(_FINE_DIGITS)
            if not (value.is_real and rate.is_real) or rate == 0:
                return None
            step = value / rate
        except (TypeError, ValueError, ZeroDivisionError):
            return None
        x = sympy.Float(x - step, _FINE_DIGITS)
        if abs(step) <= sympy.Float(10.0**-55, _FINE_DIGITS) * max(1, abs(x)):
            break
    return x if abs(x - start) <= _zero_tolerance(float(start)) * 1e3 else None


def _value_at(expr: sympy.Basic, var: sympy.Symbol, point, approximate: bool) -> float:
    """f at ``point``; at a refined kink, with the vanishing switching arguments set to 0.

    sign(sin x) at the refined pi would otherwise be sign(1e-60) = 1, not 0.
    """
    if not approximate:
        return _evaluate(expr, {var: point})
    tolerance = _zero_tolerance(float(point))

    def vanishes(argument: sympy.Basic) -> bool:
        value = _evaluate(argument, {var: point}, _FINE_DIGITS)
        return math.isfinite(value) and abs(value) <= tolerance

    def visit(node: sympy.Basic) -> sympy.Basic:
        if not node.args or not node.has(var):
            return node
        args = [visit(arg) for arg in node.args]
        if isinstance(node, (sympy.Abs, sympy.sign, sympy.Heaviside)) and vanishes(args[0]):
            args[0] = sympy.S.Zero
        elif node.is_Pow and not node.exp.is_Integer and node.exp.is_number and vanishes(args[0]):
            args[0] = sympy.S.Zero
        return node.func(*args)

    return _evaluate(visit(expr), {var: point}, _FINE_DIGITS)


def _kink_value(expr: sympy.Basic, var: sympy.Symbol, x0) -> float:
    """f at a kink: at its refined location when ``x0`` is a float near it."""
    if isinstance(x0, sympy.Basic):
        return _evaluate(expr, {var: x0})
    point, approximate = _kink_location(expr, var, _exact(x0))
    return _value_at(expr, var, point, approximate)


def _kink_location(expr: sympy.Basic, var: sympy.Symbol, point: sympy.Number):
    """``(point, False)``, or ``(refined, True)`` when ``point`` is a kink to ~1e-9.

    A kink found numerically (sqrt(2) for |x^2 - 2|, pi for |sin x|) is a float a few
    1e-16 off: at the float itself the function is differentiable (with a huge
    derivative for cbrt(sin 3x)). The zero of the switching argument is refined so the
    branches can be evaluated on their own sides.
    """
    if not expr.has(*_NONSMOOTH, sympy.Pow):
        return point, False
    zeros, _ = _switching_functions(expr, var)
    tolerance = _zero_tolerance(float(point))
    for u in zeros:
        if u.has(*_NONSMOOTH):
            continue
        value = _evaluate(u, {var: point})
        if math.isfinite(value) and 0 < abs(value) <= tolerance:
            refined = _newton_root(u, var, point)
            if refined is not None:
                return refined, True
    return point, False


def one_sided_derivatives(
    expr: sympy.Basic, var: sympy.Symbol, x0: float
) -> tuple[float | None, float | None]:
    """The left and right derivatives of ``expr`` at ``x0``.

    Parameters
    ----------
    expr : sympy.Basic
    var : sympy.Symbol
    x0 : float

    Returns
    -------
    (left, right) : float or None each
        +-inf for a vertical tangent (cbrt at 0 gives ``(inf, inf)``); None where the
        one-sided derivative does not exist: the function is undefined at ``x0`` or on
        that side, or jumps there. ``|x|`` at 0 gives ``(-1.0, 1.0)``, ReLU ``(0.0, 1.0)``.
    """
    point, approximate = _kink_location(expr, var, _exact(x0))
    f0 = _value_at(expr, var, point, approximate)
    if not math.isfinite(f0):
        return (None, None)
    return tuple(_one_side(expr, var, point, f0, side, approximate) for side in (-1, 1))


def _same_derivative(left: float | None, right: float | None) -> bool:
    """Differentiable: both one-sided derivatives exist, are finite and agree."""
    if left is None or right is None or not (math.isfinite(left) and math.isfinite(right)):
        return False
    return abs(left - right) <= 1e-7 * max(1.0, abs(left), abs(right))


def _tangent_exists(left: float | None, right: float | None) -> bool:
    """A tangent line exists: equal one-sided derivatives, or the same vertical one."""
    if left is not None and right is not None and math.isinf(left) and left == right:
        return True
    return _same_derivative(left, right)


# -- numeric helpers ------------------------------------------------------------------------------


class _Compiled:
    """An expression of one variable as a vectorised and a scalar float function."""

    def __init__(self, expr: sympy.Basic, var: sympy.Symbol):
        names = [var.name]
        self.expr = expr
        self.var = var
        self.array = compile_array(array_spec(expr, names), names)
        self.scalar = compile_scalar(scalar_source(expr, names), names)


def _bisect(fn, low: float, high: float, f_low: float, f_high: float) -> float:
    """A sign change of ``fn`` in [low, high], to full precision (a NaN midpoint ends it)."""
    # Plain floats: the compiled scalar functions raise (and so return NaN) on 1/0 only
    # for Python floats; numpy scalars would warn instead.
    low, high, f_low, f_high = float(low), float(high), float(f_low), float(f_high)
    for _ in range(200):
        middle = 0.5 * (low + high)
        if middle <= low or middle >= high:
            break
        f_middle = fn(middle)
        if f_middle != f_middle:
            return middle
        if f_middle == 0.0:
            return middle
        if (f_middle > 0) == (f_low > 0):
            low, f_low = middle, f_middle
        else:
            high, f_high = middle, f_middle
    return low if abs(f_low) <= abs(f_high) else high


def _golden_minimum(fn, low: float, high: float) -> float:
    """The minimiser of a unimodal ``fn`` on [low, high]."""
    ratio = (math.sqrt(5.0) - 1.0) / 2.0
    a, b = float(low), float(high)
    c, d = b - ratio * (b - a), a + ratio * (b - a)
    fc, fd = fn(c), fn(d)
    for _ in range(120):
        if b - a <= 4e-16 * max(1.0, abs(a), abs(b)):
            break
        if fc <= fd or fd != fd:
            b, d, fd = d, c, fc
            c = b - ratio * (b - a)
            fc = fn(c)
        else:
            a, c, fc = c, d, fd
            d = a + ratio * (b - a)
            fd = fn(d)
    return 0.5 * (a + b)


def _snap(value: float, expr: sympy.Basic, var: sympy.Symbol) -> sympy.Number | float:
    """A simple exact number (p/q, q <= 12) within 1e-9 of ``value`` where expr is 0."""
    for denominator in range(1, 13):
        numerator = round(value * denominator)
        if abs(value - numerator / denominator) <= 1e-9 * max(1.0, abs(value)):
            candidate = sympy.Rational(numerator, denominator)
            try:
                if expr.xreplace({var: candidate}) == 0:
                    return candidate
            except (TypeError, ValueError, ZeroDivisionError):
                pass
    if abs(value) < 1e-14:
        return 0.0
    return value


def _zeros_1d(compiled: _Compiled, var: sympy.Symbol, a: float, b: float) -> list:
    """Isolated zeros of ``compiled`` on [a, b]: sign changes and touching zeros.

    Runs of exact zeros (the function vanishes on a whole interval) are skipped.
    """
    xs = np.linspace(a, b, _GRID_1D)
    values = compiled.array(xs)
    finite = np.isfinite(values)
    scale = max(1.0, float(np.max(np.abs(values[finite])))) if finite.any() else 1.0
    fn = compiled.scalar
    found: list[float] = []
    exact = np.nonzero(values == 0.0)[0]
    exact_set = set(exact.tolist())
    for index in exact:
        if index - 1 in exact_set or index + 1 in exact_set:
            continue  # a flat run
        found.append(float(xs[index]))
    nonzero = finite & (values != 0.0)
    for index in np.nonzero(nonzero[:-1] & nonzero[1:] & (np.sign(values[:-1]) != np.sign(values[1:])))[0]:
        found.append(_bisect(fn, xs[index], xs[index + 1], values[index], values[index + 1]))
    # Touching zeros (x^2 at 0 on a grid that misses 0): local minima of |u| near 0.
    magnitude = np.where(finite, np.abs(values), np.inf)
    interior = np.arange(1, _GRID_1D - 1)
    minima = interior[
        (magnitude[interior] <= magnitude[interior - 1])
        & (magnitude[interior] <= magnitude[interior + 1])
        & (magnitude[interior] < np.maximum(magnitude[interior - 1], magnitude[interior + 1]))
        & (magnitude[interior] > 0)
        & (np.sign(values[interior - 1]) == np.sign(values[interior + 1]))
        & (magnitude[interior] < 1e-2 * scale)
    ]
    for index in minima[:_MAX_POINTS]:
        point = _golden_minimum(lambda x: abs(fn(x)), xs[index - 1], xs[index + 1])
        if abs(fn(point)) <= 1e-10 * scale:
            found.append(point)
    return _dedupe(sorted(found))


def _dedupe(points: list[float], tolerance: float = 1e-7) -> list[float]:
    result: list[float] = []
    for point in points:
        if result and abs(point - result[-1]) <= tolerance * max(1.0, abs(point)):
            continue
        result.append(point)
    return result


def _is_rational_in(expr: sympy.Basic, var: sympy.Symbol) -> bool:
    return not expr.has(*_NONSMOOTH) and expr.is_rational_function(var)


#: What _rational_real_roots returns for a function that is 0 wherever it is defined.
_IDENTICALLY_ZERO = "identically zero"


def _rational_real_roots(expr: sympy.Basic, var: sympy.Symbol, a: float, b: float, odd_only: bool = False):
    """Exact real roots in [a, b] of a rational function's numerator, or None.

    With ``odd_only``, only roots of odd multiplicity (where the sign changes).
    :data:`_IDENTICALLY_ZERO` when the numerator cancels to 0 ((x^2-1)/(x-1) - x - 1).
    """
    try:
        numerator, denominator = sympy.fraction(sympy.cancel(sympy.together(expr)))
        if numerator.has(sympy.Float):
            numerator = sympy.nsimplify(numerator, rational=True)
        if not numerator.free_symbols:
            return [] if numerator != 0 else _IDENTICALLY_ZERO
        polynomial = sympy.Poly(numerator, var)
        if polynomial.degree() > 12:
            return None
        roots = sympy.real_roots(polynomial)
    except (sympy.PolynomialError, NotImplementedError, ValueError, TypeError):
        return None
    counts: dict = {}
    for root in roots:
        counts[root] = counts.get(root, 0) + 1
    result = []
    for root, multiplicity in counts.items():
        if odd_only and multiplicity % 2 == 0:
            continue
        value = float(root.evalf(_EVAL_DIGITS))
        if a - 1e-12 <= value <= b + 1e-12 and _evaluate(denominator, {var: root}) != 0:
            result.append(root)
    return sorted(result, key=lambda r: float(r.evalf(_EVAL_DIGITS)))


# -- kinks ------------------------------------------------------------------------------------


def _switching_functions(expr: sympy.Basic, var: sympy.Symbol) -> tuple[list, list]:
    """Arguments whose zeros may be kinks, and arguments of floor/ceiling."""
    zeros, integer_crossings = [], []
    for node in sympy.preorder_traversal(expr):
        if isinstance(node, (sympy.Abs, sympy.sign, sympy.Heaviside)):
            zeros.append(node.args[0])
        elif isinstance(node, (sympy.Max, sympy.Min)):
            args = node.args[:8]
            for i, first in enumerate(args):
                for second in args[i + 1 :]:
                    zeros.append(first - second)
        elif isinstance(node, (sympy.floor, sympy.ceiling)):
            integer_crossings.append(node.args[0])
        elif node.is_Pow and not node.exp.is_Integer and node.exp.is_number:
            zeros.append(node.base)
    unique = []
    for item in zeros:
        if item.has(var) and item not in unique:
            unique.append(item)
    return unique, [item for item in integer_crossings if item.has(var)]


def _integer_crossings(compiled: _Compiled, a: float, b: float) -> list[float]:
    xs = np.linspace(a, b, _GRID_1D)
    values = compiled.array(xs)
    finite = np.isfinite(values[:-1]) & np.isfinite(values[1:])
    floors = np.floor(values)
    found = []
    for index in np.nonzero(finite & (floors[:-1] != floors[1:]))[0][:_MAX_POINTS]:
        low_value, high_value = values[index], values[index + 1]
        for level in range(int(math.ceil(min(low_value, high_value))),
                           int(math.floor(max(low_value, high_value))) + 1):
            if len(found) > _MAX_POINTS:
                break

            def shifted(x, level=level):
                return compiled.scalar(x) - level

            root = _bisect(shifted, xs[index], xs[index + 1], low_value - level, high_value - level)
            found.append(_snap(root, compiled.expr - level, compiled.var))
    return found


def _kink_candidates(expr: sympy.Basic, var: sympy.Symbol, a: float, b: float) -> list:
    zeros, crossings = _switching_functions(expr, var)
    candidates = []
    for item in zeros:
        roots = _rational_real_roots(item, var, a, b) if _is_rational_in(item, var) else None
        if roots is _IDENTICALLY_ZERO:
            continue  # Abs(0): no isolated kink
        if roots is not None:
            candidates.extend(roots)
            continue
        compiled = _Compiled(item, var)
        candidates.extend(_snap(r, item, var) for r in _zeros_1d(compiled, var, a, b))
    for item in crossings:
        compiled = _Compiled(item, var)
        candidates.extend(_integer_crossings(compiled, a, b))
    unique: list = []
    for candidate in sorted(candidates, key=float):
        if unique and abs(float(candidate) - float(unique[-1])) <= 1e-9 * max(1.0, abs(float(candidate))):
            continue
        unique.append(candidate)
    return unique


def kinks(
    expr: sympy.Basic, var: sympy.Symbol, a: float, b: float, *, exact: bool = True
) -> list[float]:
    """Points of [a, b] where ``expr`` is defined but not differentiable.

    Candidates are the zeros of the arguments of Abs, sign, Heaviside, of the
    differences of Max/Min arguments, of the bases of fractional powers, and where a
    floor/ceiling argument crosses an integer; a candidate is kept when its one-sided
    derivatives differ, are infinite or do not exist (a jump, a cusp, a vertical tangent,
    the end of the domain as for sqrt at 0).

    Parameters
    ----------
    exact : bool
        True: decide with :func:`one_sided_derivatives` (a few ms a candidate). False:
        with one-sided difference quotients of the compiled function (microseconds; what
        :func:`function_bundle` uses, e.g. for the 319 kinks of |sin 50x|).

    Returns
    -------
    list of float
        Sorted.
    """
    candidates = _kink_candidates(expr, var, float(a), float(b))
    if not exact:
        function = _Compiled(expr, var).scalar
        return [float(c) for c in candidates if _looks_like_kink(function, float(c))]
    result = []
    for candidate in candidates:
        point = float(candidate)
        if not math.isfinite(_kink_value(expr, var, candidate)):
            continue
        left, right = one_sided_derivatives(expr, var, point)
        if not _same_derivative(left, right):
            result.append(point)
    return result


def _looks_like_kink(function, x0: float) -> bool:
    """Numerically: the one-sided difference quotients at x0 differ, grow or are missing."""
    f0 = function(x0)
    if f0 != f0:
        return False
    step = 1e-5 * max(1.0, abs(x0))
    estimates = []
    for side in (-1.0, 1.0):
        coarse = (function(x0 + side * step) - f0) / (side * step)
        fine = (function(x0 + side * step / 8) - f0) / (side * step / 8)
        if not (math.isfinite(coarse) and math.isfinite(fine)):
            estimates.append(None)
            continue
        if abs(fine) > 1e3 and abs(fine) > 2.5 * abs(coarse):
            return True  # a vertical tangent or a jump: the quotient blows up
        estimates.append((8 * fine - coarse) / 7)  # Richardson: O(h^2)
    left, right = estimates
    if left is None and right is None:
        return False  # an isolated point of the domain
    if left is None or right is None:
        return True  # the end of the domain
    tolerance = 1e-4 * max(1.0, abs(left), abs(right)) + 1e-9 * abs(f0) / step
    return abs(left - right) > tolerance


def _exact_point(candidate) -> sympy.Basic:
    return candidate if isinstance(candidate, sympy.Basic) else _exact(candidate)


# -- stationary and inflection points (one variable) ----------------------------------------------


def _value(expr: sympy.Basic, var: sympy.Symbol, point) -> float:
    return _evaluate(expr, {var: _exact_point(point)})


def _sign_of(value: float) -> int:
    if value != value or value == 0:
        return 0
    return 1 if value > 0 else -1


def _kind_from_signs(before: int, after: int) -> str:
    if before > 0 and after < 0:
        return "maximum"
    if before < 0 and after > 0:
        return "minimum"
    return "neither"


def _sign_test(slope: _Compiled, point: float, spacing: float) -> str:
    """Classify by the sign of f' just before and just after ``point``."""
    for fraction in (1.0, 0.1, 0.01, 1e-3):
        delta = spacing * fraction
        before, after = slope.scalar(point - delta), slope.scalar(point + delta)
        if before == before and after == after:
            return _kind_from_signs(_sign_of(before), _sign_of(after))
    return "neither"


def _slope_sign_beside(slope: _Compiled, point: float, side: float, spacing: float) -> int:
    """The sign of f' just left (``side`` -1) or right (+1) of ``point``; 0 where f is flat."""
    for fraction in (1e-3, 1e-2, 0.1, 1.0):
        value = slope.scalar(point + side * spacing * fraction)
        if value == value:
            return _sign_of(value)
    return 0


def _point_value(expr: sympy.Basic, compiled: _Compiled, var: sympy.Symbol, point) -> float:
    """Exact points are evaluated by sympy, floats by the compiled function (fast)."""
    if isinstance(point, sympy.Basic):
        return _evaluate(expr, {var: point})
    return compiled.scalar(float(point))


def _classify_1d(
    expr: sympy.Basic,
    var: sympy.Symbol,
    point,
    second: sympy.Basic,
    curvature_function: _Compiled,
    slope: _Compiled,
    spacing: float,
) -> str:
    """Second-derivative test; if f'' = 0, the first non-zero higher derivative (for an
    exact point of a smooth function) or else the signs of f' on both sides."""
    exact = isinstance(point, sympy.Basic)
    curvature = _point_value(second, curvature_function, var, point)
    tolerance = 1e-10 if exact else 1e-7
    if math.isfinite(curvature) and abs(curvature) > tolerance:
        return "minimum" if curvature > 0 else "maximum"
    if exact and math.isfinite(curvature) and not expr.has(*_NONSMOOTH):
        term = second
        for order in range(3, 9):
            term = derivative(term, var)
            value = _value(term, var, point)
            if not math.isfinite(value):
                break
            if abs(value) > tolerance:
                if order % 2:
                    return "neither"
                return "minimum" if value > 0 else "maximum"
    return _sign_test(slope, float(point), spacing)


def _gaps(points: list[float], a: float, b: float) -> list[float]:
    """For each point, half the distance to its nearest neighbour (capped)."""
    cap = (b - a) / 200.0 if b > a else 1e-3
    result = []
    for i, point in enumerate(points):
        nearest = cap
        if i > 0:
            nearest = min(nearest, 0.5 * (point - points[i - 1]))
        if i + 1 < len(points):
            nearest = min(nearest, 0.5 * (points[i + 1] - point))
        result.append(max(nearest, 1e-9 * max(1.0, abs(point))))
    return result


def _numeric_stationary(slope: _Compiled, var: sympy.Symbol, a: float, b: float) -> list[float]:
    """Isolated zeros of f' where f' is continuous (not the jumps of sign(x) at 0)."""
    candidates = _zeros_1d(slope, var, a, b)
    fn = slope.scalar
    xs = np.linspace(a, b, _GRID_1D)
    values = slope.array(xs)
    finite = values[np.isfinite(values)]
    scale = max(1.0, float(np.max(np.abs(finite)))) if finite.size else 1.0
    spacing = (b - a) / (_GRID_1D - 1)
    accepted = []
    for point in candidates:
        at = fn(point)
        if not (at == at) or abs(at) > 1e-8 * scale:
            continue
        epsilon = 1e-7 * max(1.0, abs(point))
        neighbourhood = max(abs(fn(point - spacing)), abs(fn(point + spacing)))
        near = max(abs(fn(point - epsilon)), abs(fn(point + epsilon)))
        if not (near == near) or near > 1e-3 * max(neighbourhood, 1e-300) + 1e-12 * scale:
            continue  # f' jumps here: a kink, handled by kinks()
        accepted.append(point)
    return accepted


def stationary_points_1d(
    expr: sympy.Basic, var: sympy.Symbol, a: float, b: float
) -> list[dict] | None:
    """Stationary points of a function of one variable in [a, b], classified.

    Closed form when f' is a rational function (the real roots of its numerator),
    otherwise a dense numeric search: sign changes of f' and near-zero minima of |f'|
    (double roots such as x^3 at 0, where f' keeps its sign), refined by bisection or
    golden-section search and deduplicated. Kinks where f' has opposite signs on the two
    sides (|x| at 0) are extrema too and are included; a side whose one-sided derivative
    is 0 takes the sign f' has just beside the kink (relu(x) + x^2 has its minimum at 0:
    f' = 2x < 0 on the left, 1 on the right). Points inside an interval where f is
    constant are not listed (relu at 0 is no extremum).

    Returns
    -------
    list of dict or None
        ``{"x", "value", "kind"}`` sorted by x, kind ``"minimum"``, ``"maximum"`` or
        ``"neither"`` (second-derivative test, then the first non-zero higher derivative
        or the signs of f' on both sides). None when f' is identically 0 (every point
        is stationary).
    """
    a, b = float(a), float(b)
    first = derivative(expr, var)
    if first == 0:
        return None
    second = derivative(first, var)
    slope = _Compiled(first, var)
    exact_roots = _rational_real_roots(first, var, a, b) if _is_rational_in(first, var) else None
    if exact_roots is _IDENTICALLY_ZERO:
        return None
    exact = exact_roots is not None
    if exact:
        points = list(exact_roots)
    else:
        points = [_snap(p, first, var) for p in _numeric_stationary(slope, var, a, b)]
    if len(points) > _MAX_POINTS:
        return None  # too many to list (and the grid may have missed some)
    function = _Compiled(expr, var)
    curvature = _Compiled(second, var)
    kink_points = kinks(expr, var, a, b) if expr.has(*_NONSMOOTH, sympy.Pow) else []
    floats = sorted({float(p) for p in points} | set(kink_points))
    gap = dict(zip(floats, _gaps(floats, a, b), strict=True))
    result = {}
    for point in points:
        location = float(point)
        value = _point_value(expr, function, var, point)
        if not math.isfinite(value):
            continue
        if any(abs(location - k) <= 1e-7 * max(1.0, abs(k)) for k in kink_points):
            continue  # classified below from the one-sided derivatives
        kind = _classify_1d(expr, var, point, second, curvature, slope, gap[location])
        result[location] = {"x": location + 0.0, "value": value + 0.0, "kind": kind}
    for location in kink_points:
        left, right = one_sided_derivatives(expr, var, location)
        if left is None or right is None:
            continue
        # A side whose slope at the kink is 0 (relu(x) + x² on the left) still falls or
        # rises towards it: f' just beside the kink says which.
        before = _sign_of(left) or _slope_sign_beside(slope, location, -1.0, gap[location])
        after = _sign_of(right) or _slope_sign_beside(slope, location, 1.0, gap[location])
        kind = _kind_from_signs(before, after)
        if kind != "neither":
            result[location] = {"x": location + 0.0,
                                "value": _kink_value(expr, var, location) + 0.0, "kind": kind}
    return [result[key] for key in sorted(result)]


def inflection_points_1d(
    expr: sympy.Basic, var: sympy.Symbol, a: float, b: float
) -> list[dict] | None:
    """Points of [a, b] where f'' changes sign and the graph has a tangent.

    Closed form when f'' is rational (roots of odd multiplicity of its numerator),
    otherwise sign changes of f'' on a dense grid refined by bisection. A candidate is
    kept when f is defined there and the one-sided derivatives agree (a vertical
    tangent, as cbrt at 0, counts; a kink does not).

    Returns
    -------
    list of dict or None
        ``{"x", "value"}`` sorted by x (sin: k*pi; x^3: 0; x^4: none).
    """
    a, b = float(a), float(b)
    second = derivative(expr, var, 2)
    if second == 0:
        return []
    smooth = not expr.has(*_NONSMOOTH)
    candidates: list = []
    exact_roots = (
        _rational_real_roots(second, var, a, b, odd_only=True)
        if _is_rational_in(second, var)
        else None
    )
    if exact_roots is _IDENTICALLY_ZERO:
        return []
    if exact_roots is not None:
        candidates = list(exact_roots)
    else:
        curvature = _Compiled(second, var)
        xs = np.linspace(a, b, _GRID_1D)
        values = curvature.array(xs)
        indices = np.nonzero(np.isfinite(values) & (values != 0.0))[0]
        for i, j in zip(indices[:-1], indices[1:], strict=True):
            if np.sign(values[i]) == np.sign(values[j]):
                continue
            between = values[i + 1 : j]
            if j == i + 1 or np.isnan(between).any():
                point = _bisect(curvature.scalar, xs[i], xs[j], values[i], values[j])
            elif between.size == 1:
                point = float(xs[i + 1])
            else:
                continue  # f'' vanishes on an interval: no single point
            candidates.append(_snap(point, second, var))
            if len(candidates) > _MAX_POINTS:
                return None
    first = derivative(expr, var)
    function, slope = _Compiled(expr, var), _Compiled(first, var)
    result = []
    for point in candidates:
        value = _point_value(expr, function, var, point)
        if not math.isfinite(value) or abs(value) > 1e12:
            continue
        slope_value = _point_value(first, slope, var, point)
        if not (smooth and math.isfinite(slope_value)):
            left, right = one_sided_derivatives(expr, var, float(point))
            if not _tangent_exists(left, right):
                continue
            value = _kink_value(expr, var, point)
        result.append({"x": float(point) + 0.0, "value": value + 0.0})
    result.sort(key=lambda item: item["x"])
    deduped = []
    for item in result:
        if deduped and abs(item["x"] - deduped[-1]["x"]) <= 1e-7 * max(1.0, abs(item["x"])):
            continue
        deduped.append(item)
    return deduped


# -- Taylor ----------------------------------------------------------------------------------------


def taylor_polynomial(expr: sympy.Basic, var: sympy.Symbol, x0: float, n: int) -> sympy.Basic:
    """The Taylor polynomial of order ``n`` of ``expr`` centred at ``x0``.

    The coefficient of ``(x - x0)**k`` is ``f^(k)(x0)/k!``, exact when it is rational
    (``exp`` at 0 gives ``1 + x + x**2/2 + x**3/6 + x**4/24``), else a 15-digit float.

    Raises
    ------
    ExpressionError
        ``argument`` for n outside 0..10; ``domain`` when a derivative up to order n
        does not exist at ``x0``.
    """
    if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or not 0 <= n <= 10:
        raise ExpressionError(
            "argument", template=error_text("the Taylor order must be an integer from 0 to 10")
        )
    center = _exact(x0)
    smooth = not expr.has(*_NONSMOOTH)
    terms = []
    term = sympy.sympify(expr)
    for order in range(int(n) + 1):
        if order:
            if not smooth:
                left, right = one_sided_derivatives(term, var, float(x0))
                if not _same_derivative(left, right):
                    raise ExpressionError(
                        "domain",
                        template=error_text("the derivative of order {order} does not exist "
                                            "at {variable} = {at}"),
                        fields={"order": order, "variable": var.name, "at": f"{x0:g}"},
                    )
            term = derivative(term, var)
        value = term.xreplace({var: center})
        number = _evaluate(value, {})
        if not math.isfinite(number):
            if order == 0:
                template = error_text("the function is not defined at {variable} = {at}")
            else:
                template = error_text("the derivative of order {order} is not defined at "
                                      "{variable} = {at}")
            raise ExpressionError(
                "domain", template=template,
                fields={"order": order, "variable": var.name, "at": f"{x0:g}"},
            )
        if value.is_Rational:
            coefficient = value / sympy.factorial(order)
        else:
            coefficient = sympy.Float(number / math.factorial(order), 15)
        if coefficient != 0:
            terms.append(_taylor_term(coefficient, var - center, order))
    if not terms:
        return sympy.S.Zero
    # Unevaluated, so that sympy does not multiply 23*(t - 2) out into 23*t - 46.
    return terms[0] if len(terms) == 1 else sympy.Add(*terms, evaluate=False)


def _short_number(value: float, digits: int = 4) -> str:
    """``value`` with ``digits`` significant digits, as LaTeX (``1.2 \\cdot 10^{-5}``)."""
    text = f"{value:.{digits}g}"
    if "e" in text:
        mantissa, exponent = text.split("e")
        return f"{mantissa} \\cdot 10^{{{int(exponent)}}}"
    return text


def _taylor_latex(coefficients: list[float], name: str, center: float) -> str:
    """Ascending-order LaTeX of sum c_k (name - center)^k with short coefficients."""
    if center == 0:
        shift = name
    else:
        shift = f"({name} {'-' if center > 0 else '+'} {_short_number(abs(center), 6)})"
    parts: list[str] = []
    for order, coefficient in enumerate(coefficients):
        if coefficient == 0:
            continue
        magnitude = _short_number(abs(coefficient))
        power = "" if order == 0 else (shift if order == 1 else f"{shift}^{{{order}}}")
        if order == 0:
            body = magnitude
        elif magnitude == "1":
            body = power
        else:
            body = f"{magnitude}\\,{power}"
        sign = "-" if coefficient < 0 else "+"
        parts.append(body if not parts and sign == "+" else f"{sign} {body}" if parts else f"-{body}")
    return " ".join(parts) if parts else "0"


def taylor_bundle(parsed, center: float, order: int) -> dict:
    """The Taylor polynomial of a one-variable function, ready to draw and typeset.

    Parameters
    ----------
    parsed : ParsedExpression
        From :func:`visualizer.core.expression.parse`; a function of x or t.
    center : float
        The expansion point x0.
    order : int
        n, from 0 to 10.

    Returns
    -------
    dict
        JSON-safe: ``order``, ``center``, ``variable`` (its name), ``polynomial``
        (sympy's text), ``coefficients`` (``[c_0, ..., c_n]``, floats, the coefficient
        of ``(x - center)**k``), ``latex`` (ascending, coefficients to 4 digits) and
        ``array`` (an :func:`visualizer.core.codegen.array_spec` of the polynomial).

    Raises
    ------
    ExpressionError
        ``argument`` for two variables or an order outside 0..10; ``domain`` when a
        derivative up to order n does not exist at ``center`` (as
        :func:`taylor_polynomial`).
    """
    expr = parsed.expr
    _check_complexity(expr)
    dimension, variables, names = variable_roles(parsed)
    if dimension != 1:
        raise ExpressionError(
            "argument",
            template=error_text("a Taylor polynomial needs a function of one variable"),
        )
    center = float(center)
    if not math.isfinite(center):
        raise ExpressionError(
            "argument", template=error_text("the centre of a Taylor polynomial must be finite")
        )
    var = variables[0]
    polynomial = taylor_polynomial(expr, var, center, order)
    shift = sympy.Dummy("u")
    shifted = sympy.expand(polynomial.xreplace({var: _exact(center) + shift}))
    if shifted.free_symbols - {shift}:
        raise ExpressionError(
            "unsupported", template=error_text("the Taylor polynomial could not be expanded")
        )
    coefficients = [float(c) + 0.0 for c in reversed(sympy.Poly(shifted, shift).all_coeffs())]
    coefficients += [0.0] * (int(order) + 1 - len(coefficients))
    return {
        "order": int(order),
        "center": center + 0.0,
        "variable": names[0],
        "polynomial": str(polynomial),
        "coefficients": coefficients,
        "latex": _taylor_latex(coefficients, var.name, center),
        "array": array_spec(polynomial, names),
    }


def _taylor_term(coefficient: sympy.Number, shift: sympy.Basic, order: int) -> sympy.Basic:
    if order == 0:
        return coefficient
    power = shift if order == 1 else sympy.Pow(shift, order, evaluate=False)
    if coefficient == 1:
        return power
    return sympy.Mul(coefficient, power, evaluate=False)


# -- two variables ---------------------------------------------------------------------------------


def _default_variables(expr: sympy.Basic) -> tuple[sympy.Symbol, ...]:
    symbols = expr.free_symbols
    if Y in symbols:
        return (X, Y)
    if symbols == {SYMBOLS["t"]}:
        return (SYMBOLS["t"],)
    return (X,)


def gradient(expr: sympy.Basic, variables: Sequence[sympy.Symbol] | None = None) -> tuple:
    """The cleaned partial derivatives ``(fx, fy)``.

    ``variables`` defaults to ``(x, y)`` when the function involves y, else to its one
    variable (x or t), which gives a 1-tuple.
    """
    variables = tuple(variables) if variables is not None else _default_variables(expr)
    return tuple(derivative(expr, var) for var in variables)


def hessian(expr: sympy.Basic, variables: Sequence[sympy.Symbol] | None = None,
            first: Sequence[sympy.Basic] | None = None) -> tuple:
    """The cleaned second partial derivatives ``((fxx, fxy), (fxy, fyy))``.

    ``first`` is the gradient when the caller has it already (differentiating is most
    of the time of a new function).
    """
    variables = tuple(variables) if variables is not None else _default_variables(expr)
    if first is None:
        first = gradient(expr, variables)
    rows = []
    for i, fi in enumerate(first):
        row = []
        for j, var in enumerate(variables):
            row.append(rows[j][i] if j < i else derivative(fi, var))
        rows.append(tuple(row))
    return tuple(rows)


def _unit(direction: Sequence[float]) -> tuple[float, float]:
    try:
        dx, dy = (float(v) for v in direction)
    except (TypeError, ValueError):
        raise ExpressionError(
            "argument", template=error_text("a direction needs two numbers, dx,dy")
        ) from None
    norm = math.hypot(dx, dy)
    if not math.isfinite(norm) or norm == 0.0:
        raise ExpressionError(
            "argument", template=error_text("the direction must be a non-zero vector")
        )
    return (dx / norm, dy / norm)


def directional_derivative(
    expr: sympy.Basic, point: Sequence[float], direction: Sequence[float]
) -> float | None:
    """``u . grad f`` at ``point`` with ``u`` the normalised ``direction``.

    Returns None where the gradient is not defined.
    """
    ux, uy = _unit(direction)
    fx, fy = gradient(expr, (X, Y))
    at = {X: _exact(point[0]), Y: _exact(point[1])}
    value = ux * _evaluate(fx, at) + uy * _evaluate(fy, at)
    return _finite_or_none(value)


class _Compiled2D:
    def __init__(self, expr: sympy.Basic):
        names = ["x", "y"]
        self.array = compile_array(array_spec(expr, names), names)
        self.scalar = compile_scalar(scalar_source(expr, names), names)


def _polynomial_seeds(fx, fy, x_range, y_range) -> list[tuple[float, float]]:
    """Candidate solutions of a polynomial gradient system from its resultant."""
    try:
        resultant = sympy.Poly(sympy.resultant(fx, fy, Y), X)
        if resultant.is_zero or resultant.degree() > 40 or resultant.degree() < 1:
            return []
        coefficients = [complex(c) for c in resultant.all_coeffs()]
        x_roots = np.roots(coefficients)
    except (sympy.PolynomialError, NotImplementedError, ValueError, TypeError):
        return []
    margin_x = 0.05 * (x_range[1] - x_range[0])
    margin_y = 0.05 * (y_range[1] - y_range[0])
    seeds = []
    for root in x_roots:
        if abs(root.imag) > 1e-6 * max(1.0, abs(root.real)):
            continue
        x_value = float(root.real)
        if not x_range[0] - margin_x <= x_value <= x_range[1] + margin_x:
            continue
        try:
            in_y = sympy.Poly(fx.xreplace({X: sympy.Float(x_value, 20)}), Y)
            if in_y.degree() < 1:
                in_y = sympy.Poly(fy.xreplace({X: sympy.Float(x_value, 20)}), Y)
            if in_y.degree() < 1:
                continue
            y_roots = np.roots([complex(c) for c in in_y.all_coeffs()])
        except (sympy.PolynomialError, ValueError, TypeError):
            continue
        for y_root in y_roots:
            if abs(y_root.imag) <= 1e-4 * max(1.0, abs(y_root.real)):
                y_value = float(y_root.real)
                if y_range[0] - margin_y <= y_value <= y_range[1] + margin_y:
                    seeds.append((x_value, y_value))
    return seeds


def _cell_centres(x_range, y_range, cells: int) -> np.ndarray:
    xs = np.linspace(*x_range, cells + 1)
    ys = np.linspace(*y_range, cells + 1)
    grid_x, grid_y = np.meshgrid(0.5 * (xs[:-1] + xs[1:]), 0.5 * (ys[:-1] + ys[1:]), indexing="ij")
    return np.column_stack([grid_x.ravel(), grid_y.ravel()])


def _crossing_cells(fx, fy, x_range, y_range, cells: int = _CROSSING_CELLS) -> np.ndarray:
    """Centres of the grid cells where both fx and fy change sign.

    A stationary point is where the zero curves of fx and fy cross; Newton's method
    started inside such a small cell converges to it even when its basin is small
    (the maximum of exp(-x^2-y^2) attracts only seeds with r < 0.45).
    """
    xs = np.linspace(*x_range, cells + 1)
    ys = np.linspace(*y_range, cells + 1)

    def changes(values: np.ndarray) -> np.ndarray:
        corners = np.stack([values[:-1, :-1], values[1:, :-1], values[:-1, 1:], values[1:, 1:]])
        with np.errstate(invalid="ignore"):
            return (corners.min(axis=0) <= 0.0) & (corners.max(axis=0) >= 0.0)

    grid_x, grid_y = xs[:, None], ys[None, :]
    mask = changes(fx.array(grid_x, grid_y)) & changes(fy.array(grid_x, grid_y))
    i, j = np.nonzero(mask)
    if i.size > 4 * _MAX_POINTS:  # a curve of stationary points: a sample is enough
        keep = np.linspace(0, i.size - 1, 4 * _MAX_POINTS).astype(int)
        i, j = i[keep], j[keep]
    return np.column_stack([0.5 * (xs[i] + xs[i + 1]), 0.5 * (ys[j] + ys[j + 1])])


def _newton_step(gx, gy, hxx, hxy, hyy):
    """The Newton step -H^-1 g, damped (Levenberg-Marquardt) where H is singular.

    Works on floats and arrays. The damping 1e-26 |H|^2 leaves a well-conditioned H
    alone but ignores eigenvalues below 1e-13 |H|: near a curve of stationary points
    (H of rank 1) the step still moves onto the curve, so the curve shows up as many
    points instead of sending Newton's method off along noise.
    """
    with np.errstate(all="ignore"):
        # Scale H and g to |H| = 1 first: the step is the same, and the products below
        # neither underflow (exp(-x^2-y^2) far out) nor overflow.
        scale = np.maximum(np.maximum(np.abs(hxx), np.abs(hyy)), np.abs(hxy))
        scale = np.where(scale > 0, scale, 1.0)
        gx, gy, hxx, hxy, hyy = gx / scale, gy / scale, hxx / scale, hxy / scale, hyy / scale
        a2 = hxx * hxx + hxy * hxy
        b2 = hxy * (hxx + hyy)
        c2 = hxy * hxy + hyy * hyy
        damping = 1e-26 * (a2 + c2) + 1e-300
        rx = hxx * gx + hxy * gy
        ry = hxy * gx + hyy * gy
        # det(H^2 + dI) = det(H)^2 + d tr(H^2) + d^2, free of cancellation.
        plain = hxx * hyy - hxy * hxy
        determinant = plain * plain + damping * (a2 + c2) + damping * damping
        step_x = -((c2 + damping) * rx - b2 * ry) / determinant
        step_y = -((a2 + damping) * ry - b2 * rx) / determinant
    return step_x, step_y


def _newton_2d(parts, seeds: np.ndarray, x_range, y_range, iterations: int = 80) -> np.ndarray:
    """Vectorised Newton's method on grad f = 0 from many seeds; the converged points.

    A point has converged when the last step is tiny compared with its position and
    the gradient is tiny compared with the largest gradient at the seeds or with the
    curvature there: a small gradient alone is not enough (far out, exp(-x^2-y^2) has a
    gradient below 1e-40 and no stationary point), nor a small step (x + y^2 has a
    singular Hessian).
    """
    fx, fy, fxx, fxy, fyy = parts
    px, py = seeds[:, 0].copy(), seeds[:, 1].copy()
    with np.errstate(all="ignore"):
        start_norm = np.hypot(fx.array(px, py), fy.array(px, py))
    finite_norm = start_norm[np.isfinite(start_norm)]
    gradient_scale = float(finite_norm.max()) if finite_norm.size else 1.0
    longest = 0.25 * math.hypot(x_range[1] - x_range[0], y_range[1] - y_range[0])
    step_x = step_y = np.zeros_like(px)
    with np.errstate(all="ignore"):
        for _ in range(iterations):
            step_x, step_y = _newton_step(
                fx.array(px, py), fy.array(px, py),
                fxx.array(px, py), fxy.array(px, py), fyy.array(px, py),
            )
            length = np.hypot(step_x, step_y)
            shrink = np.where(length > longest, longest / length, 1.0)
            px = px + step_x * shrink
            py = py + step_y * shrink
            keep = np.isfinite(px) & np.isfinite(py)
            px, py, step_x, step_y = px[keep], py[keep], step_x[keep], step_y[keep]
            if px.size == 0:
                break
        norm = np.hypot(fx.array(px, py), fy.array(px, py))
        curvature = np.maximum(
            np.maximum(np.abs(fxx.array(px, py)), np.abs(fyy.array(px, py))),
            np.abs(fxy.array(px, py)),
        )
    # The gradient must vanish, not just fade: softplus(x - y) has |grad f| = 1e-9 and
    # a singular Hessian far down its slope, and no stationary point.
    small_gradient = (norm <= 1e-12 * gradient_scale) | (
        norm <= 1e-10 * curvature * (1.0 + np.hypot(px, py))
    )
    converged = (np.hypot(step_x, step_y) <= 1e-9 * (1.0 + np.hypot(px, py))) & small_gradient
    return np.column_stack([px[converged], py[converged]])


def _polish_2d(parts, x: float, y: float) -> tuple[float, float]:
    fx, fy, fxx, fxy, fyy = parts
    for _ in range(8):
        dx, dy = _newton_step(
            *(np.float64(part.scalar(x, y)) for part in (fx, fy, fxx, fxy, fyy))
        )
        dx, dy = float(dx), float(dy)
        if not (math.isfinite(dx) and math.isfinite(dy)):
            break
        x, y = x + dx, y + dy
        if abs(dx) + abs(dy) <= 1e-15 * (1.0 + abs(x) + abs(y)):
            break
    return x, y


def _snap_2d(x: float, y: float, fx, fy):
    """Exact simple rationals for a point where the gradient is exactly 0 there."""
    exact = []
    for value in (x, y):
        for denominator in (1, 2, 3, 4, 5, 6, 8, 10):
            numerator = round(value * denominator)
            # Loose: a degenerate point is only found to ~1e-7; the exact check decides.
            if abs(value - numerator / denominator) <= 1e-6 * max(1.0, abs(value)):
                exact.append(sympy.Rational(numerator, denominator))
                break
        else:
            return None
    at = {X: exact[0], Y: exact[1]}
    try:
        if fx.xreplace(at) == 0 and fy.xreplace(at) == 0:
            return exact
    except (TypeError, ValueError, ZeroDivisionError):
        return None
    return None


def _linear_stationary(fx, fy) -> list | None:
    """Solve a linear gradient system exactly; None for infinitely many solutions."""
    solutions = sympy.linsolve([fx, fy], [X, Y])
    points = []
    for solution in solutions:
        if any(component.free_symbols for component in solution):
            return None
        points.append(tuple(solution))
    return points


def stationary_points_2d(
    expr: sympy.Basic,
    x_range: tuple[float, float] = (-10.0, 10.0),
    y_range: tuple[float, float] = (-10.0, 10.0),
) -> list[dict] | None:
    """Stationary points of f(x, y) in a rectangle, classified by the Hessian.

    A quadratic function (linear gradient) is solved exactly. Otherwise Newton's
    method on grad f = 0 runs from a grid of seeds (plus, for polynomial gradients, the
    real roots of the resultant, so no solution is missed), and the converged points
    are polished, deduplicated and snapped to simple fractions when the gradient is
    exactly zero there.

    Returns
    -------
    list of dict or None
        ``{"point": [x, y], "value", "kind"}`` sorted by (x, y), kind ``"minimum"``,
        ``"maximum"``, ``"saddle"`` (det H < 0) or ``"degenerate"`` (det H = 0). None
        when the stationary points are not isolated (a line of them, or f constant).
    """
    x_range = (float(x_range[0]), float(x_range[1]))
    y_range = (float(y_range[0]), float(y_range[1]))
    fx, fy = gradient(expr, (X, Y))
    if fx == 0 and fy == 0:
        return None
    (fxx, fxy), (_, fyy) = hessian(expr, (X, Y), first=(fx, fy))
    polynomial = fx.is_polynomial(X, Y) and fy.is_polynomial(X, Y) and not expr.has(*_NONSMOOTH)
    exact_points: list = []
    if polynomial and sympy.Poly(fx, X, Y).total_degree() <= 1 and sympy.Poly(fy, X, Y).total_degree() <= 1:
        solved = _linear_stationary(fx, fy)
        if solved is None:
            return None
        exact_points = [
            point for point in solved
            if x_range[0] <= float(point[0]) <= x_range[1] and y_range[0] <= float(point[1]) <= y_range[1]
        ]
        numeric: list = []
    else:
        parts = tuple(_Compiled2D(e) for e in (fx, fy, fxx, fxy, fyy))
        seeds = [_cell_centres(x_range, y_range, _SEEDS_2D),
                 _crossing_cells(parts[0], parts[1], x_range, y_range)]
        if polynomial:
            extra = _polynomial_seeds(fx, fy, x_range, y_range)
            if extra:
                seeds.append(np.array(extra, dtype=float))
        found = _newton_2d(parts, np.vstack(seeds), x_range, y_range)
        numeric = []
        for x, y in found:
            x, y = _polish_2d(parts, float(x), float(y))
            if not (x_range[0] - 1e-9 <= x <= x_range[1] + 1e-9 and y_range[0] - 1e-9 <= y <= y_range[1] + 1e-9):
                continue
            if any(math.hypot(x - u, y - v) <= 1e-6 * (1.0 + math.hypot(x, y)) for u, v in numeric):
                continue
            numeric.append((x, y))
            if len(numeric) > _MAX_POINTS:
                return None
    result = []
    for point in exact_points:
        result.append(_describe_2d(expr, fxx, fxy, fyy, point[0], point[1]))
    degenerate = 0
    for x, y in numeric:
        snapped = _snap_2d(x, y, fx, fy)
        item = _describe_2d(expr, fxx, fxy, fyy, *(snapped or (x, y)))
        if item is None:
            continue
        degenerate += item["kind"] == "degenerate"
        result.append(item)
    result = [item for item in result if item is not None]
    if degenerate > 8:
        return None  # a curve of stationary points, not isolated ones
    result.sort(key=lambda item: tuple(item["point"]))
    return result


def _describe_2d(expr, fxx, fxy, fyy, x, y) -> dict | None:
    at = {X: x if isinstance(x, sympy.Basic) else _exact(x),
          Y: y if isinstance(y, sympy.Basic) else _exact(y)}
    value = _evaluate(expr, at)
    if not math.isfinite(value):
        return None
    kind = classify_hessian(_evaluate(fxx, at), _evaluate(fxy, at), _evaluate(fyy, at))
    return {"point": [float(x) + 0.0, float(y) + 0.0], "value": value + 0.0, "kind": kind}


# -- the JSON of the command line and the worker ------------------------------------------------


def variable_roles(parsed) -> tuple[int, tuple[sympy.Symbol, ...], list[str]]:
    """(dimension, sympy variables, names for the generated code) of a parsed function.

    A constant is a function of x; a function of y alone is a function of (x, y); a
    function of t stays one of t.
    """
    names = tuple(parsed.variables)
    if names in ((), ("x",)):
        return 1, (X,), ["x"]
    if names == ("t",):
        return 1, (SYMBOLS["t"],), ["t"]
    if names in (("y",), ("x", "y")):
        return 2, (X, Y), ["x", "y"]
    raise ExpressionError(
        "argument", template=error_text("a function of {names} is not supported"),
        fields={"names": ", ".join(names)},
    )


_roles = variable_roles  # the worker's first name for it


def _range(range_) -> tuple[float, float]:
    try:
        low, high = (float(v) for v in range_)
    except (TypeError, ValueError):
        raise ExpressionError(
            "argument", template=error_text("a range needs two numbers, A,B")
        ) from None
    if not (math.isfinite(low) and math.isfinite(high) and low < high):
        raise ExpressionError(
            "argument", template=error_text("a range A,B needs finite numbers with A < B")
        )
    return low, high


def _numbers(value, count: int, what: str) -> list[float]:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        values = [float(value)]
    else:
        try:
            values = [float(v) for v in value]
        except (TypeError, ValueError):
            raise ExpressionError("argument", f"{what} needs numbers", None) from None
    if len(values) != count:
        noun = "one number" if count == 1 else f"{count} numbers"
        raise ExpressionError(
            "argument",
            f"{what} needs {noun} for a function of {count} variable{'s' * (count > 1)}",
            None,
        )
    if not all(math.isfinite(v) for v in values):
        raise ExpressionError("argument", f"{what} needs finite numbers", None)
    return values


def _at_one_variable(expr, var, x0: float, first, second) -> dict:
    point = _exact(x0)
    value = _finite_or_none(_evaluate(expr, {var: point}))
    left, right = one_sided_derivatives(expr, var, x0) if value is not None else (None, None)
    differentiable = _same_derivative(left, right)
    slope = None
    curvature = None
    if differentiable:
        slope = _finite_or_none(_evaluate(first, {var: point}))
        if slope is None or abs(slope - 0.5 * (left + right)) > 1e-7 * max(1.0, abs(slope)):
            slope = 0.5 * (left + right)
        left2, right2 = one_sided_derivatives(first, var, x0)
        if _same_derivative(left2, right2):
            curvature = _finite_or_none(_evaluate(second, {var: point}))
            if curvature is None:
                curvature = 0.5 * (left2 + right2)
    return {
        "x": float(x0) + 0.0,
        "value": value,
        "derivative": slope,
        "second_derivative": curvature,
        "left_derivative": _finite_or_none(left),
        "right_derivative": _finite_or_none(right),
        "differentiable": differentiable,
        "tangent": (
            {"slope": slope + 0.0, "intercept": value - slope * float(x0) + 0.0}
            if differentiable
            else None
        ),
    }


def analyze(
    parsed,
    at=None,
    direction=None,
    taylor: int | None = None,
    range_: tuple[float, float] = (-10.0, 10.0),
) -> dict:
    """Everything ``analyze`` prints, as the JSON object documented in docs/command-line.md.

    Parameters
    ----------
    parsed : ParsedExpression
        From :func:`visualizer.core.expression.parse` (``text``, ``expr``, ``variables``).
    at : float or sequence of float, optional
        One number for a function of one variable, two for a function of x and y.
    direction : (float, float), optional
        For two variables; normalised. Defaults to (1, 0) when ``at`` is given.
    taylor : int, optional
        Order 0..10 of a Taylor polynomial centred at ``at`` (or 0); one variable only.
    range_ : (float, float)
        Where stationary and inflection points are searched, on every axis.

    Returns
    -------
    dict
        JSON-safe. One-sided derivatives that are infinite (a vertical tangent) are
        reported as null, like undefined ones, since JSON has no infinity.

    Raises
    ------
    ExpressionError
        ``argument`` for arguments that do not fit the function; ``too_complex``,
        ``domain``, ``unsupported`` from the analysis.
    """
    expr = parsed.expr
    _check_complexity(expr)
    dimension, variables, _ = variable_roles(parsed)
    low, high = _range(range_)
    if dimension == 1:
        if direction is not None:
            raise ExpressionError("argument", "--direction needs a function of x and y", None)
        var = variables[0]
        x0 = _numbers(at, 1, "--at")[0] if at is not None else None
        if taylor is not None and (
            isinstance(taylor, bool) or not isinstance(taylor, (int, np.integer)) or not 0 <= taylor <= 10
        ):
            raise ExpressionError("argument", "--taylor needs an order from 0 to 10", None)
        first = derivative(expr, var)
        second = derivative(first, var)
        result = {
            "variables": list(parsed.variables),
            "expression": str(expr),
            "latex": sympy.latex(expr),
            "derivative": str(first),
            "second_derivative": str(second),
            "stationary_points": stationary_points_1d(expr, var, low, high),
            "inflection_points": inflection_points_1d(expr, var, low, high),
        }
        if x0 is not None:
            result["at"] = _at_one_variable(expr, var, x0, first, second)
        if taylor is not None:
            center = x0 if x0 is not None else 0.0
            polynomial = taylor_polynomial(expr, var, center, int(taylor))
            result["taylor"] = {"order": int(taylor), "center": float(center),
                                "polynomial": str(polynomial)}
        return result

    if taylor is not None:
        raise ExpressionError("argument", "--taylor needs a function of one variable", None)
    point = _numbers(at, 2, "--at") if at is not None else None
    if direction is not None and point is None:
        raise ExpressionError("argument", "--direction needs --at", None)
    unit = _unit(direction) if direction is not None else (1.0, 0.0)
    fx, fy = gradient(expr, variables)
    (fxx, fxy), (_, fyy) = hessian(expr, variables, first=(fx, fy))
    result = {
        "variables": list(parsed.variables),
        "expression": str(expr),
        "latex": sympy.latex(expr),
        "gradient": [str(fx), str(fy)],
        "hessian": [[str(fxx), str(fxy)], [str(fxy), str(fyy)]],
        "stationary_points": stationary_points_2d(expr, (low, high), (low, high)),
    }
    if point is not None:
        substitutions = {X: _exact(point[0]), Y: _exact(point[1])}
        gx = _finite_or_none(_evaluate(fx, substitutions))
        gy = _finite_or_none(_evaluate(fy, substitutions))
        defined = gx is not None and gy is not None
        result["at"] = {
            "point": [point[0] + 0.0, point[1] + 0.0],
            "value": _finite_or_none(_evaluate(expr, substitutions)),
            "gradient": [gx, gy],
            "gradient_norm": math.hypot(gx, gy) if defined else None,
            "direction": [unit[0], unit[1]],
            "directional_derivative": unit[0] * gx + unit[1] * gy + 0.0 if defined else None,
        }
    return result


def _function_entry(expr: sympy.Basic, names: list[str]) -> dict:
    return {
        "latex": sympy.latex(expr),
        "expression": str(expr),
        "array": array_spec(expr, names),
        "scalar": scalar_source(expr, names),
    }


def function_bundle(
    parsed, x_range: tuple[float, float] = (-10.0, 10.0), y_range: tuple[float, float] = (-10.0, 10.0)
) -> dict:
    """What the GUI needs after every edit: derivatives and their compiled sources.

    No equation solving happens here (see :func:`critical_points`); only the kinks of a
    one-variable function are located, and only for functions with Abs, sign,
    Heaviside, Max, Min, floor, ceiling or fractional powers.

    Returns
    -------
    dict
        JSON-safe: ``text``, ``variables``, ``expression``, ``latex``, ``functions``
        (``f, df, d2f`` or ``f, fx, fy, fxx, fxy, fyy``, each ``{"latex",
        "expression", "array", "scalar"}``) and, for one variable, ``kinks``.
    """
    expr = parsed.expr
    _check_complexity(expr)
    dimension, variables, names = variable_roles(parsed)
    entry = _function_entry(expr, names)
    bundle = {
        "text": parsed.text,
        "variables": list(parsed.variables),
        "expression": entry["expression"],
        "latex": entry["latex"],
    }
    if dimension == 1:
        var = variables[0]
        first = derivative(expr, var)
        second = derivative(first, var)
        bundle["functions"] = {
            "f": entry,
            "df": _function_entry(first, names),
            "d2f": _function_entry(second, names),
        }
        might_kink = expr.has(*_NONSMOOTH) or any(
            node.is_Pow and not node.exp.is_Integer for node in sympy.preorder_traversal(expr)
        )
        low, high = _range(x_range)
        bundle["kinks"] = kinks(expr, var, low, high, exact=False) if might_kink else []
        return bundle
    fx, fy = gradient(expr, variables)
    (fxx, fxy), (_, fyy) = hessian(expr, variables, first=(fx, fy))
    bundle["functions"] = {"f": entry} | {
        name: _function_entry(item, names)
        for name, item in (("fx", fx), ("fy", fy), ("fxx", fxx), ("fxy", fxy), ("fyy", fyy))
    }
    return bundle


def critical_points(
    parsed, x_range: tuple[float, float] = (-10.0, 10.0), y_range: tuple[float, float] = (-10.0, 10.0)
) -> dict:
    """The slow part: stationary (and, for one variable, inflection) points.

    Returns
    -------
    dict
        ``{"stationary_points", "inflection_points"}`` for one variable,
        ``{"stationary_points"}`` for two, shaped as in :func:`analyze`.
    """
    expr = parsed.expr
    _check_complexity(expr)
    dimension, variables, _ = variable_roles(parsed)
    if dimension == 1:
        low, high = _range(x_range)
        return {
            "stationary_points": stationary_points_1d(expr, variables[0], low, high),
            "inflection_points": inflection_points_1d(expr, variables[0], low, high),
        }
    return {"stationary_points": stationary_points_2d(expr, _range(x_range), _range(y_range))}
