"""Print whitelisted sympy trees as source strings the GUI can compile without sympy.

The GUI process never imports sympy (it costs about 0.36 s at start-up), so the
symbolic side ships *source strings* that :mod:`visualizer.core.sampling` compiles.
The strings are produced here by walking a sympy tree node by node; anything this
printer does not know is refused with ``ExpressionError("unsupported", ...)``, so a
string never contains user text, only operators, float literals, the variable names
and a fixed vocabulary of function names.

Three dialects are printed:

``numexpr``
    For :func:`numexpr.NumExpr`. Integer powers stay ``b**4.0``: numexpr expands them
    into multiplications, which was 23-31x faster than numpy's ``pow`` (docs/platform-notes.md).
``numpy``
    Only ``np.<ufunc>``, the variables and the helpers of
    :data:`visualizer.core.sampling.ARRAY_HELPERS`. Integer powers become ``_ipow``
    (repeated multiplication): ``x**4`` through ``np.power`` took 4.5 ms on 90,000
    points, ``x*x*x*x`` 0.05 ms.
``scalar``
    Only ``math.<fn>``, the variables, arithmetic, conditional expressions and the
    helpers of :data:`visualizer.core.sampling.SCALAR_HELPERS`, for plain Python floats
    (one point at a time: dragging, descent loops).

Measured on 2 cores (see :func:`array_spec`): numpy with multiplied-out powers beats
numexpr below about 30,000 points (numexpr's start-up per call), numexpr wins on larger
grids (3-5x on 300x300). A spec therefore carries both sources when numexpr can print
the expression, and :func:`visualizer.core.sampling.compile_array` picks by size.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

import numexpr
import sympy

from visualizer.core.errors import ExpressionError, error_text, phrase

__all__ = ["array_spec", "scalar_source", "NUMEXPR_MAX_SOURCE"]

#: Longer numexpr sources go to numpy only (numexpr has a bounded register file, and a
#: nest of ``where`` duplicates its arguments).
NUMEXPR_MAX_SOURCE = 4000

_NUMEXPR_FUNCTIONS = frozenset(numexpr.expressions.functions)


class _Unprintable(Exception):
    """Raised inside the printer; turned into an ExpressionError at the entry points.

    ``what`` names the part that cannot be printed: a
    :func:`~visualizer.core.errors.phrase` when it is words, a plain string when it is a
    name or a number.
    """

    def __init__(self, what: str | dict):
        super().__init__(what)
        self.what = what


def _number(value: sympy.Basic) -> float:
    """The float value of a sympy number, or raise _Unprintable for complex numbers."""
    if value.is_extended_real is False or value.has(sympy.I):
        raise _Unprintable(phrase(error_text("a complex number")))
    try:
        return float(value)
    except (TypeError, OverflowError) as exc:  # an integer too big for a float
        if value.is_extended_positive:
            return math.inf
        if value.is_extended_negative:
            return -math.inf
        raise _Unprintable(str(value)) from exc


class _Printer:
    """One dialect of the printer.

    Parameters
    ----------
    dialect : {"numexpr", "numpy", "scalar"}
    variables : sequence of str
        The only symbol names the source may mention.
    """

    def __init__(self, dialect: str, variables: Sequence[str]):
        self.dialect = dialect
        self.variables = frozenset(variables)

    # -- leaves -----------------------------------------------------------------------
    def literal(self, value: float) -> str:
        if math.isnan(value):
            return self._non_finite("nan")
        if math.isinf(value):
            text = self._non_finite("inf")
            return f"(-{text})" if value < 0 else text
        text = repr(float(value))
        return f"({text})" if value < 0 else text

    def _non_finite(self, name: str) -> str:
        if self.dialect == "numpy":
            return f"np.{name}"
        if self.dialect == "scalar":
            return f"math.{name}"
        raise _Unprintable(phrase(error_text("numexpr has no literal for infinity or nan")))

    def symbol(self, expr: sympy.Symbol) -> str:
        if expr.name not in self.variables:
            raise _Unprintable(phrase(error_text("the variable {name}"), name=expr.name))
        return expr.name

    # -- the walk -----------------------------------------------------------------------
    def print(self, expr: sympy.Basic) -> str:
        if expr.is_Symbol:
            return self.symbol(expr)
        if expr is sympy.S.NaN or expr is sympy.S.ComplexInfinity:
            return self.literal(math.nan)
        if expr.is_Number or expr.is_NumberSymbol:
            return self.literal(_number(expr))
        if expr.is_Add:
            return "(" + " + ".join(self.print(term) for term in expr.args) + ")"
        if expr.is_Mul:
            return self.product(expr)
        if expr.is_Pow:
            return self.power(expr.base, expr.exp)
        if isinstance(expr, sympy.Piecewise):
            return self.piecewise(expr)
        if isinstance(expr, sympy.core.relational.Relational):
            return self.relational(expr)
        if isinstance(expr, (sympy.And, sympy.Or, sympy.Not)):
            return self.boolean(expr)
        if expr.is_Function:
            handler = _FUNCTIONS.get(type(expr))
            if handler is None:
                raise _Unprintable(
                    phrase(error_text("the function {name}"), name=type(expr).__name__))
            return handler(self, *expr.args)
        raise _Unprintable(type(expr).__name__)

    def product(self, expr: sympy.Mul) -> str:
        numerator, denominator = [], []
        for factor in expr.args:
            if (
                factor.is_Pow
                and factor.exp.is_Rational
                and factor.exp.is_negative
                and not factor.base.is_Number
            ):
                denominator.append(self.power(factor.base, -factor.exp))
            else:
                numerator.append(self.print(factor))
        top = "*".join(numerator) if numerator else "1.0"
        if not denominator:
            return f"({top})"
        return f"(({top})/({'*'.join(denominator)}))"

    def power(self, base: sympy.Basic, exponent: sympy.Basic) -> str:
        b = self.print(base)
        if exponent == sympy.S.Half:
            return self.call("sqrt", b)
        if exponent == -sympy.S.Half:
            return f"(1.0/{self.call('sqrt', b)})"
        if exponent.is_Integer:
            n = int(exponent)
            if n == 1:
                return b
            if n == -1:
                return f"(1.0/{b})"
            if self.dialect == "numexpr":
                return f"({b}**{float(n)!r})"
            if self.dialect == "numpy":
                if abs(n) <= 64:
                    return f"_ipow({b}, {n})"
                return f"np.power({b}, {float(n)!r})"
            # float ** int is exact repeated multiplication in C; x*x avoids the call.
            if n == 2 and base.is_Symbol:
                return f"({b}*{b})"
            return f"({b}**{n})" if n > 0 else f"({b}**({n}))"
        e = self.print(exponent)
        if self.dialect == "numexpr":
            return f"({b}**{e})"
        if self.dialect == "numpy":
            return f"np.power({b}, {e})"
        # math.pow raises ValueError for a negative base and a fractional exponent,
        # where ** would return a complex number.
        return f"math.pow({b}, {e})"

    def call(self, name: str, *args: str) -> str:
        """A function the three dialects share under numpy's / math's names."""
        joined = ", ".join(args)
        if self.dialect == "numexpr":
            return f"{name}({joined})"
        if self.dialect == "numpy":
            return f"np.{name}({joined})"
        return f"math.{_MATH_NAMES.get(name, name)}({joined})"

    def piecewise(self, expr: sympy.Piecewise) -> str:
        *pieces, (last_value, last_condition) = expr.args
        if last_condition == sympy.true:
            result = self.print(last_value)
        else:
            pieces.append((last_value, last_condition))
            result = self.literal(math.nan)
        for value, condition in reversed(pieces):
            result = self.where(self.print(condition), self.print(value), result)
        return result

    def where(self, condition: str, then: str, otherwise: str) -> str:
        if self.dialect == "numexpr":
            return f"where({condition}, {then}, {otherwise})"
        if self.dialect == "numpy":
            return f"np.where({condition}, {then}, {otherwise})"
        return f"({then} if {condition} else {otherwise})"

    def relational(self, expr) -> str:
        operator = _RELATIONS.get(expr.rel_op)
        if operator is None:
            raise _Unprintable(phrase(error_text("the relation {name}"), name=expr.rel_op))
        return f"({self.print(expr.lhs)} {operator} {self.print(expr.rhs)})"

    def boolean(self, expr) -> str:
        parts = [self.print(arg) for arg in expr.args]
        if isinstance(expr, sympy.Not):
            return {"numexpr": "(~{0})", "numpy": "np.logical_not({0})", "scalar": "(not {0})"}[
                self.dialect
            ].format(parts[0])
        if self.dialect == "numexpr":
            return "(" + (" & " if isinstance(expr, sympy.And) else " | ").join(parts) + ")"
        if self.dialect == "numpy":
            name = "np.logical_and" if isinstance(expr, sympy.And) else "np.logical_or"
            result = parts[0]
            for part in parts[1:]:
                result = f"{name}({result}, {part})"
            return result
        return "(" + (" and " if isinstance(expr, sympy.And) else " or ").join(parts) + ")"


# numexpr/numpy name -> math name where they differ.
_MATH_NAMES = {
    "arcsin": "asin",
    "arccos": "acos",
    "arctan": "atan",
    "arcsinh": "asinh",
    "arccosh": "acosh",
    "arctanh": "atanh",
    "arctan2": "atan2",
    "abs": "fabs",
}

_RELATIONS = {"<": "<", "<=": "<=", ">": ">", ">=": ">=", "==": "==", "!=": "!="}


def _plain(name: str) -> Callable[..., str]:
    """A function with the same meaning in numexpr, numpy and math."""

    def handler(printer: _Printer, *args: sympy.Basic) -> str:
        return printer.call(name, *(printer.print(arg) for arg in args))

    return handler


def _reciprocal_of(name: str) -> Callable[..., str]:
    """cot, sec, csc, coth, sech, csch: one over a plain function."""

    def handler(printer: _Printer, arg: sympy.Basic) -> str:
        return f"(1.0/{printer.call(name, printer.print(arg))})"

    return handler


def _of_reciprocal(name: str, scalar_helper: str) -> Callable[..., str]:
    """asec, acsc, acoth: a plain function of one over the argument (1/0 -> inf)."""

    def handler(printer: _Printer, arg: sympy.Basic) -> str:
        inner = printer.print(arg)
        if printer.dialect == "scalar":
            return f"{scalar_helper}({inner})"
        return printer.call(name, f"(1.0/{inner})")

    return handler


def _acot(printer: _Printer, arg: sympy.Basic) -> str:
    inner = printer.print(arg)
    if printer.dialect == "scalar":
        return f"_acot({inner})"
    # atan(1/u): 1/0 = inf gives pi/2, sympy's acot(0).
    return printer.call("arctan", f"(1.0/{inner})")


def _abs(printer: _Printer, arg: sympy.Basic) -> str:
    return printer.call("abs", printer.print(arg))


def _sign(printer: _Printer, arg: sympy.Basic) -> str:
    u = printer.print(arg)
    if printer.dialect == "numexpr":
        # u*0.0 keeps nan as nan and 0 as 0.
        return f"where({u} > 0.0, 1.0, where({u} < 0.0, -1.0, {u}*0.0))"
    if printer.dialect == "numpy":
        return f"np.sign({u})"
    return f"_sign({u})"


def _heaviside(printer: _Printer, arg: sympy.Basic, at_zero: sympy.Basic = sympy.S.Half) -> str:
    u = printer.print(arg)
    h0 = printer.print(at_zero)
    if printer.dialect == "numexpr":
        return f"where({u} > 0.0, 1.0, where({u} < 0.0, 0.0, {u}*0.0 + {h0}))"
    return f"_heaviside({u}, {h0})"


def _extremum(kind: str) -> Callable[..., str]:
    """Max and Min of any number of arguments, nan if any argument is nan."""
    numpy_name = "maximum" if kind == "max" else "minimum"

    def handler(printer: _Printer, *args: sympy.Basic) -> str:
        parts = [printer.print(arg) for arg in args]
        if printer.dialect == "scalar":
            return f"_{kind}({', '.join(parts)})"
        if printer.dialect == "numexpr" and numpy_name not in _NUMEXPR_FUNCTIONS:
            raise _Unprintable(phrase(error_text("{name} in this numexpr"), name=numpy_name))
        result = parts[0]
        prefix = "np." if printer.dialect == "numpy" else ""
        for part in parts[1:]:
            result = f"{prefix}{numpy_name}({result}, {part})"
        return result

    return handler


def _rounding(numpy_name: str) -> Callable[..., str]:
    def handler(printer: _Printer, arg: sympy.Basic) -> str:
        u = printer.print(arg)
        if printer.dialect == "scalar":
            return f"_{numpy_name}({u})"
        if printer.dialect == "numexpr" and numpy_name not in _NUMEXPR_FUNCTIONS:
            raise _Unprintable(phrase(error_text("{name} in this numexpr"), name=numpy_name))
        return printer.call(numpy_name, u)

    return handler


def _error_function(name: str) -> Callable[..., str]:
    def handler(printer: _Printer, arg: sympy.Basic) -> str:
        u = printer.print(arg)
        if printer.dialect == "scalar":
            return f"math.{name}({u})"
        if printer.dialect == "numexpr":
            raise _Unprintable(phrase(error_text("{name} in numexpr"), name=name))
        return f"_{name}({u})"

    return handler


def _special_function(name: str) -> Callable[..., str]:
    """Gamma and polygamma: a helper of that name in the scalar and numpy sandboxes."""

    def handler(printer: _Printer, *args: sympy.Basic) -> str:
        if printer.dialect == "numexpr":
            raise _Unprintable(phrase(error_text("{name} in numexpr"), name=name))
        return f"_{name}({', '.join(printer.print(arg) for arg in args)})"

    return handler


def _atan2(printer: _Printer, y: sympy.Basic, x: sympy.Basic) -> str:
    return printer.call("arctan2", printer.print(y), printer.print(x))


_FUNCTIONS: dict[type, Callable[..., str]] = {
    sympy.exp: _plain("exp"),
    sympy.log: _plain("log"),
    sympy.sin: _plain("sin"),
    sympy.cos: _plain("cos"),
    sympy.tan: _plain("tan"),
    sympy.cot: _reciprocal_of("tan"),
    sympy.sec: _reciprocal_of("cos"),
    sympy.csc: _reciprocal_of("sin"),
    sympy.asin: _plain("arcsin"),
    sympy.acos: _plain("arccos"),
    sympy.atan: _plain("arctan"),
    sympy.acot: _acot,
    sympy.asec: _of_reciprocal("arccos", "_asec"),
    sympy.acsc: _of_reciprocal("arcsin", "_acsc"),
    sympy.atan2: _atan2,
    sympy.sinh: _plain("sinh"),
    sympy.cosh: _plain("cosh"),
    sympy.tanh: _plain("tanh"),
    sympy.coth: _reciprocal_of("tanh"),
    sympy.sech: _reciprocal_of("cosh"),
    sympy.csch: _reciprocal_of("sinh"),
    sympy.asinh: _plain("arcsinh"),
    sympy.acosh: _plain("arccosh"),
    sympy.atanh: _plain("arctanh"),
    sympy.acoth: _of_reciprocal("arctanh", "_acoth"),
    sympy.Abs: _abs,
    sympy.sign: _sign,
    sympy.Heaviside: _heaviside,
    sympy.Max: _extremum("max"),
    sympy.Min: _extremum("min"),
    sympy.floor: _rounding("floor"),
    sympy.ceiling: _rounding("ceil"),
    sympy.erf: _error_function("erf"),
    sympy.erfc: _error_function("erfc"),
    sympy.gamma: _special_function("gamma"),
    sympy.polygamma: _special_function("polygamma"),
}


def _print(expr: sympy.Basic, dialect: str, variables: Sequence[str]) -> str:
    try:
        return _Printer(dialect, variables).print(sympy.sympify(expr))
    except _Unprintable as exc:
        raise ExpressionError(
            "unsupported", template=error_text("{what} cannot be evaluated numerically"),
            fields={"what": exc.what},
        ) from None
    except RecursionError:
        raise ExpressionError(
            "too_complex", template=error_text("this function is too complex to analyse")
        ) from None


def array_spec(expr: sympy.Basic, variables: Sequence[str]) -> dict:
    """Source strings that evaluate ``expr`` on numpy arrays.

    Parameters
    ----------
    expr : sympy.Basic
        A whitelisted, clean expression (no DiracDelta or unevaluated Derivative).
    variables : sequence of str
        The names the source may use (``"x"``, ``"y"``, ``"t"``).

    Returns
    -------
    dict
        ``{"engine": "numexpr", "source": ..., "numpy_source": ...}`` when numexpr knows
        every function (``numpy_source`` is used for small arrays, where it is faster),
        otherwise ``{"engine": "numpy", "source": ...}``. JSON-safe; compile it with
        :func:`visualizer.core.sampling.compile_array`.

    Raises
    ------
    ExpressionError
        ``unsupported`` for a node the printer does not know (complex numbers, unknown
        functions, variables not in ``variables``).
    """
    numpy_source = _print(expr, "numpy", variables)
    try:
        numexpr_source = _Printer("numexpr", variables).print(sympy.sympify(expr))
    except _Unprintable:
        numexpr_source = None
    if numexpr_source is None or len(numexpr_source) > NUMEXPR_MAX_SOURCE:
        return {"engine": "numpy", "source": numpy_source}
    return {"engine": "numexpr", "source": numexpr_source, "numpy_source": numpy_source}


def scalar_source(expr: sympy.Basic, variables: Sequence[str]) -> str:
    """A Python expression that evaluates ``expr`` for plain float arguments.

    Uses only ``math.<fn>``, float literals, the variable names, arithmetic,
    comparisons inside conditional expressions and the helpers of
    :data:`visualizer.core.sampling.SCALAR_HELPERS`. Compile it with
    :func:`visualizer.core.sampling.compile_scalar`.

    Raises
    ------
    ExpressionError
        ``unsupported`` for a node the printer does not know.
    """
    return _print(expr, "scalar", variables)
