"""Fast, NaN-safe evaluation of compiled functions on curves and grids (GUI side).

This module runs in the GUI process and must stay light: numpy, numexpr and math only,
never sympy. It compiles the source strings printed by :mod:`visualizer.core.codegen`
(generated from a whitelisted sympy tree, never user text) after checking them against
a whitelist of syntax and names, with ``{"__builtins__": {}}`` as globals.

Every compiled function returns float64 arrays (or floats) in which anything that is
not a finite real number (inf, -inf, an invalid operation) is NaN, without warnings and
without exceptions.
"""

from __future__ import annotations

import ast
import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType

import numexpr
import numpy as np

__all__ = [
    "ABSURD",
    "MAX_COORDINATE",
    "ARRAY_HELPERS",
    "SCALAR_HELPERS",
    "NUMEXPR_MIN_SIZE",
    "FunctionSet",
    "compile_array",
    "compile_scalar",
    "sample_curve",
    "sample_grid",
]

#: The program's points and ranges stay within +-MAX_COORDINATE (the model clamps or
#: refuses the rest, session files refuse it): one bound, so what the window holds can
#: always be saved.
MAX_COORDINATE = 1e6

#: Curve values beyond this magnitude are dropped (NaN): near a pole they only stretch
#: the view and overflow the painter.
ABSURD = 1e12

#: Arrays at least this large go to numexpr; smaller ones to numpy, which measured
#: faster there (numexpr's per-call set-up dominates below a few ten thousand points).
NUMEXPR_MIN_SIZE = 40_000

_NAN = math.nan


# -- helpers the printed sources may call ---------------------------------------------


def _ipow(base, exponent: int):
    """``base**exponent`` for an integer exponent by repeated multiplication.

    numpy's ``power`` is 50-100x slower than multiplying out small integer powers.
    """
    if exponent < 0:
        return 1.0 / _ipow(base, -exponent)
    if exponent == 0:
        return np.ones_like(base) if isinstance(base, np.ndarray) else 1.0
    result = None
    square = base
    while exponent:
        if exponent & 1:
            result = square if result is None else result * square
        exponent >>= 1
        if exponent:
            square = square * square
    return result


def _array_heaviside(u, at_zero=0.5):
    return np.heaviside(u, at_zero)


# math.erf vectorised: exact, about 90 ns a point (only GELU needs it).
_vector_erf = np.frompyfunc(math.erf, 1, 1)
_vector_erfc = np.frompyfunc(math.erfc, 1, 1)


def _gamma(u: float) -> float:
    """Gamma(u) (u! is Gamma(u + 1)); nan at its poles 0, -1, -2, ..., inf past 171."""
    try:
        return math.gamma(u)
    except ValueError:
        return _NAN
    except OverflowError:
        return math.inf


def _polygamma(order: float, u: float) -> float:
    """The polygamma function of ``order`` (0: the digamma Gamma'/Gamma); nan at poles."""
    import mpmath  # with sympy; only derivatives of a factorial need it

    try:
        value = mpmath.polygamma(int(order), u)
    except (ValueError, ZeroDivisionError, OverflowError):
        return _NAN
    return float(value.real) if not value.imag else _NAN


_vector_gamma = np.frompyfunc(_gamma, 1, 1)
_vector_polygamma = np.frompyfunc(_polygamma, 2, 1)


def _array_gamma(u):
    return np.asarray(_vector_gamma(u), dtype=np.float64)


def _array_polygamma(order, u):
    return np.asarray(_vector_polygamma(order, u), dtype=np.float64)


def _array_erf(u):
    return np.asarray(_vector_erf(u), dtype=np.float64)


def _array_erfc(u):
    return np.asarray(_vector_erfc(u), dtype=np.float64)


#: Names (besides ``np`` and the variables) that a numpy-engine source may use.
ARRAY_HELPERS: Mapping[str, Callable] = MappingProxyType(
    {
        "_ipow": _ipow,
        "_heaviside": _array_heaviside,
        "_erf": _array_erf,
        "_erfc": _array_erfc,
        "_gamma": _array_gamma,
        "_polygamma": _array_polygamma,
    }
)


def _sign(u: float) -> float:
    if u > 0.0:
        return 1.0
    if u < 0.0:
        return -1.0
    return u * 0.0  # 0 stays 0, nan stays nan


def _heaviside(u: float, at_zero: float = 0.5) -> float:
    if u > 0.0:
        return 1.0
    if u < 0.0:
        return 0.0
    return u * 0.0 + at_zero


def _max(*args: float) -> float:
    for value in args:
        if value != value:
            return _NAN
    return max(args)


def _min(*args: float) -> float:
    for value in args:
        if value != value:
            return _NAN
    return min(args)


def _floor(u: float) -> float:
    return float(math.floor(u))


def _ceil(u: float) -> float:
    return float(math.ceil(u))


def _acot(u: float) -> float:
    return math.atan(1.0 / u) if u != 0.0 else math.pi / 2


def _asec(u: float) -> float:
    return math.acos(1.0 / u)


def _acsc(u: float) -> float:
    return math.asin(1.0 / u)


def _acoth(u: float) -> float:
    return math.atanh(1.0 / u)


#: Names (besides ``math`` and the variables) that a scalar source may use.
SCALAR_HELPERS: Mapping[str, Callable] = MappingProxyType(
    {
        "_sign": _sign,
        "_heaviside": _heaviside,
        "_max": _max,
        "_min": _min,
        "_floor": _floor,
        "_ceil": _ceil,
        "_acot": _acot,
        "_asec": _asec,
        "_acsc": _acsc,
        "_acoth": _acoth,
        "_gamma": _gamma,
        "_polygamma": _polygamma,
    }
)

# -- the whitelist ----------------------------------------------------------------------

_NUMPY_ATTRIBUTES = frozenset(
    """exp log sin cos tan arcsin arccos arctan arctan2 sinh cosh tanh arcsinh arccosh
    arctanh sqrt abs sign power maximum minimum floor ceil where logical_and logical_or
    logical_not inf nan""".split()
)
_MATH_ATTRIBUTES = frozenset(
    """exp log sin cos tan asin acos atan atan2 sinh cosh tanh asinh acosh atanh sqrt
    fabs pow erf erfc inf nan pi""".split()
)
_NUMEXPR_NAMES = frozenset(numexpr.expressions.functions)

_OPERATORS = (
    ast.Add,
    ast.Sub,
    ast.Mult,
    ast.Div,
    ast.Pow,
    ast.USub,
    ast.UAdd,
    ast.Not,
    ast.Invert,
    ast.BitAnd,
    ast.BitOr,
    ast.And,
    ast.Or,
    ast.Lt,
    ast.LtE,
    ast.Gt,
    ast.GtE,
    ast.Eq,
    ast.NotEq,
    ast.Load,
)
_STRUCTURE = (
    ast.Expression,
    ast.BinOp,
    ast.UnaryOp,
    ast.BoolOp,
    ast.Compare,
    ast.IfExp,
    ast.Call,
    ast.Name,
    ast.Attribute,
    ast.Constant,
)


def _check_variables(variables: Sequence[str]) -> tuple[str, ...]:
    names = tuple(variables)
    for name in names:
        if not (isinstance(name, str) and name.isidentifier() and name.isalpha()):
            raise ValueError(f"bad variable name {name!r}")
        if name in ("np", "math"):
            raise ValueError(f"bad variable name {name!r}")
    if len(set(names)) != len(names):
        raise ValueError(f"repeated variable names {names!r}")
    return names


def _validated(
    source: str, dialect: str, variables: tuple[str, ...]
) -> tuple[ast.Expression, tuple[str, ...]]:
    """Parse ``source`` and check every node against the dialect's whitelist.

    The sources come from our printer, but they travel between processes; refusing
    anything outside the printer's vocabulary keeps compile() from ever running more.

    Returns
    -------
    tree, used
        The parsed expression and the variables it uses, in the order of ``variables``.
    """
    if not isinstance(source, str) or len(source) > 1_000_000:
        raise ValueError("source must be a string of printer output")
    tree = ast.parse(source, mode="eval")
    if dialect == "numexpr":
        names, module, attributes = _NUMEXPR_NAMES, None, frozenset()
    elif dialect == "numpy":
        names, module, attributes = ARRAY_HELPERS.keys(), "np", _NUMPY_ATTRIBUTES
    else:
        names, module, attributes = SCALAR_HELPERS.keys(), "math", _MATH_ATTRIBUTES
    used = set()
    module_uses = 0
    for node in ast.walk(tree):
        if isinstance(node, _OPERATORS):
            continue
        if not isinstance(node, _STRUCTURE):
            raise ValueError(f"{type(node).__name__} is not allowed in a {dialect} source")
        if isinstance(node, ast.Constant):
            if type(node.value) not in (int, float, bool):
                raise ValueError("only numeric constants are allowed")
        elif isinstance(node, ast.Name):
            if node.id in variables:
                used.add(node.id)
            elif node.id == module:
                module_uses += 1
            elif node.id not in names:
                raise ValueError(f"the name {node.id!r} is not allowed")
        elif isinstance(node, ast.Attribute):
            if not (
                isinstance(node.value, ast.Name)
                and node.value.id == module
                and node.attr in attributes
            ):
                raise ValueError(f"the attribute {node.attr!r} is not allowed")
            module_uses -= 1
        elif isinstance(node, ast.Call):
            if node.keywords:
                raise ValueError("keyword arguments are not allowed")
            if not isinstance(node.func, (ast.Name, ast.Attribute)):
                raise ValueError("only named functions may be called")
            if isinstance(node.func, ast.Name) and node.func.id in variables:
                raise ValueError("a variable cannot be called")
    if module_uses:
        # ``np``/``math`` alone, not as ``np.<name>``, would hand out the module.
        raise ValueError(f"{module} may only be used as {module}.<name>")
    return tree, tuple(name for name in variables if name in used)


# -- compiling ----------------------------------------------------------------------------


def _as_finite_float(result, shape: tuple[int, ...], inputs: Sequence[np.ndarray]) -> np.ndarray:
    """``result`` as a fresh float64 array of ``shape`` with non-finite values as NaN."""
    result = np.asarray(result)
    if np.iscomplexobj(result):
        real = result.real.copy()
        real[result.imag != 0] = np.nan
        result = real
    if result.dtype != np.float64:
        result = result.astype(np.float64)
    if result.shape != shape:
        result = np.broadcast_to(result, shape).copy()
    elif any(np.may_share_memory(result, array) for array in inputs):
        result = result.copy()
    result[np.isinf(result)] = np.nan
    return result


def compile_array(spec: Mapping, variables: Sequence[str]) -> Callable[..., np.ndarray]:
    """Compile an :func:`~visualizer.core.codegen.array_spec` into a function of arrays.

    Parameters
    ----------
    spec : mapping
        ``{"engine": "numexpr" | "numpy", "source": str}``, with an optional
        ``"numpy_source"`` used instead of numexpr for arrays smaller than
        :data:`NUMEXPR_MIN_SIZE`.
    variables : sequence of str
        The positional arguments of the returned function, in order (e.g. ``["x", "y"]``);
        the source may use any subset of them.

    Returns
    -------
    callable
        ``fn(*arrays) -> np.ndarray``: float64, broadcast shape of the arguments, NaN
        wherever the value is not a finite real number; never warns or raises for
        values (a wrong number of arguments is still a TypeError).
    """
    names = _check_variables(variables)
    engine = spec.get("engine")
    source = spec.get("source")
    used: tuple[str, ...] = ()
    numexpr_source = None
    numpy_source = None
    if engine == "numexpr":
        _, used = _validated(source, "numexpr", names)
        numexpr_source = source
        numpy_source = spec.get("numpy_source")
    elif engine == "numpy":
        numpy_source = source
    else:
        raise ValueError(f"unknown engine {engine!r}")

    code = None
    if numpy_source is not None:
        tree, used = _validated(numpy_source, "numpy", names)
        code = compile(tree, "<array function>", "eval")
    namespace = {"__builtins__": {}, "np": np, **ARRAY_HELPERS}
    positions = [names.index(name) for name in used]
    # numexpr compiles lazily: curves and 100x100 grids never reach NUMEXPR_MIN_SIZE,
    # and compiling costs about 1.5 ms a function.
    numexpr_cache: list = []

    def numexpr_function():
        if not numexpr_cache:
            try:
                numexpr_cache.append(
                    numexpr.NumExpr(numexpr_source, signature=[(name, np.float64) for name in used])
                )
            except Exception:  # numexpr's own limits: numpy does it, if it can
                numexpr_cache.append(None)
        return numexpr_cache[0]

    if numexpr_source is not None and code is None and used and numexpr_function() is None:
        raise ValueError("numexpr could not compile the source and there is no fallback")

    def evaluate_numpy(arrays: Sequence[np.ndarray]):
        if code is None:  # numexpr only, and the expression has no variables
            return numexpr.evaluate(source, local_dict={})
        return eval(code, namespace, dict(zip(names, arrays, strict=False)))

    if not used:
        # A constant: evaluate once, then only broadcast.
        with np.errstate(all="ignore"):
            try:
                constant = _as_finite_float(evaluate_numpy([]), (), ())
            except (ArithmeticError, ValueError, TypeError):
                constant = np.array(np.nan)
        constant_value = float(constant)

        def constant_function(*arrays) -> np.ndarray:
            if len(arrays) != len(names):
                raise TypeError(f"expected {len(names)} arguments, got {len(arrays)}")
            shapes = [np.shape(array) for array in arrays]
            shape = np.broadcast_shapes(*shapes) if shapes else ()
            return np.full(shape, constant_value)

        return constant_function

    def function(*arrays) -> np.ndarray:
        if len(arrays) != len(names):
            raise TypeError(f"expected {len(names)} arguments, got {len(arrays)}")
        arrays = [np.asarray(array, dtype=np.float64) for array in arrays]
        shape = np.broadcast_shapes(*(array.shape for array in arrays))
        with np.errstate(all="ignore"):
            try:
                compiled_numexpr = (
                    numexpr_function()
                    if numexpr_source is not None
                    and (code is None or math.prod(shape) >= NUMEXPR_MIN_SIZE)
                    else None
                )
                if compiled_numexpr is not None:
                    inputs = np.broadcast_arrays(*arrays) if len(arrays) > 1 else arrays
                    result = compiled_numexpr(*(inputs[i] for i in positions))
                else:
                    # numpy broadcasts (n, 1) against (1, n) itself, computing the parts
                    # that depend on one variable only n times.
                    result = evaluate_numpy(arrays)
            except (ArithmeticError, ValueError, TypeError):
                result = np.nan
        return _as_finite_float(result, shape, arrays)

    return function


_ERRORS = (ValueError, ZeroDivisionError, OverflowError, TypeError)


def compile_scalar(source: str, variables: Sequence[str]) -> Callable[..., float]:
    """Compile a :func:`~visualizer.core.codegen.scalar_source` into a float function.

    Parameters
    ----------
    source : str
        Printer output: ``math.<fn>``, float literals, the variables, arithmetic,
        conditional expressions and :data:`SCALAR_HELPERS`.
    variables : sequence of str
        The positional arguments of the returned function, in order.

    Returns
    -------
    callable
        ``fn(*floats) -> float``; NaN where the value is undefined (ValueError,
        ZeroDivisionError, OverflowError) or infinite. Pass Python floats: numpy
        scalars work but are about twice as slow and warn instead of raising on 1/0.
    """
    names = _check_variables(variables)
    tree, _ = _validated(source, "scalar", names)
    namespace = {
        "__builtins__": {},
        "math": math,
        "_ERRORS": _ERRORS,
        "_NAN": _NAN,
        **SCALAR_HELPERS,
    }
    # The body is the validated expression; the wrapper turns errors and infinities
    # into NaN without a second Python call per evaluation.
    body = ast.unparse(tree)
    wrapper = (
        f"def _compiled({', '.join(names)}):\n"
        f"    try:\n"
        f"        value = {body}\n"
        f"    except _ERRORS:\n"
        f"        return _NAN\n"
        f"    if value - value == 0.0:\n"
        f"        return value\n"
        f"    return _NAN\n"
    )
    exec(compile(wrapper, "<scalar function>", "exec"), namespace)
    return namespace["_compiled"]


# -- sampling -------------------------------------------------------------------------------


def _clean(values: np.ndarray, limit: float) -> np.ndarray:
    values = np.array(values, dtype=np.float64)
    with np.errstate(invalid="ignore"):
        values[~(np.abs(values) <= limit)] = np.nan
    return values


def _evaluate(fn: Callable, xs: np.ndarray, limit: float) -> np.ndarray:
    with np.errstate(all="ignore"):
        return _clean(fn(xs), limit)


def sample_curve(
    fn: Callable[[np.ndarray], np.ndarray],
    a: float,
    b: float,
    n: int = 2000,
    *,
    limit: float = ABSURD,
    levels: int = 12,
) -> tuple[np.ndarray, np.ndarray]:
    """Sample ``fn`` on ``[a, b]`` for drawing with ``connect='finite'``.

    A NaN point is inserted wherever the straight segment between two neighbouring
    samples would cross a pole or a jump (1/x, tan x, sign x), so no vertical line is
    drawn there. A segment is judged by bisecting it ``levels`` times, each time keeping
    the half with the larger rise: for a continuous function the rise shrinks with the
    interval, across a jump it stays, across a pole it grows (or the value stops being
    finite).

    Parameters
    ----------
    fn : callable
        A vectorised function, e.g. from :func:`compile_array`.
    a, b : float
        The interval.
    n : int
        Number of regular samples (1-4 thousand are enough on screen).
    limit : float
        Values with a larger magnitude become NaN.
    levels : int
        Bisection depth of the jump test.

    Returns
    -------
    xs, ys : np.ndarray
        Float64 arrays of equal length (``n`` plus one per break); ``ys`` is NaN where
        the function is undefined, not finite, beyond ``limit`` or broken.
    """
    xs = np.linspace(float(a), float(b), int(n))
    ys = _evaluate(fn, xs, limit)
    finite = np.isfinite(ys)
    segments = np.nonzero(finite[:-1] & finite[1:])[0]
    if segments.size == 0:
        return xs, ys
    low, high = xs[segments], xs[segments + 1]
    y_low, y_high = ys[segments], ys[segments + 1]
    rise = np.abs(y_high - y_low)
    finite_values = ys[finite]
    typical = np.percentile(finite_values, [5.0, 95.0])
    span = float(typical[1] - typical[0]) or float(np.max(np.abs(finite_values))) or 1.0
    # Rises far below the drawing's resolution cannot show a false vertical line.
    suspect = rise > 1e-4 * span
    low, high, y_low, y_high = low[suspect], high[suspect], y_low[suspect], y_high[suspect]
    candidates = segments[suspect]
    start_rise = rise[suspect]
    broken = np.zeros(candidates.size, dtype=bool)
    for _ in range(levels):
        if candidates.size == 0:
            break
        middle = 0.5 * (low + high)
        y_middle = _evaluate(fn, middle, limit)
        broken |= ~np.isfinite(y_middle)
        y_middle = np.where(np.isfinite(y_middle), y_middle, y_low)
        go_left = np.abs(y_middle - y_low) >= np.abs(y_high - y_middle)
        high = np.where(go_left, middle, high)
        y_high = np.where(go_left, y_middle, y_high)
        low = np.where(go_left, low, middle)
        y_low = np.where(go_left, y_low, y_middle)
    broken |= np.abs(y_high - y_low) > 0.5 * start_rise
    breaks = candidates[broken]
    if breaks.size:
        xs = np.insert(xs, breaks + 1, 0.5 * (xs[breaks] + xs[breaks + 1]))
        ys = np.insert(ys, breaks + 1, np.nan)
    return xs, ys


def sample_grid(
    fn: Callable[[np.ndarray, np.ndarray], np.ndarray],
    x_range: tuple[float, float],
    y_range: tuple[float, float],
    n: int | tuple[int, int],
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Evaluate ``fn`` on a regular grid, in pyqtgraph's surface convention.

    Parameters
    ----------
    fn : callable
        A vectorised function of two arrays, e.g. from :func:`compile_array`.
    x_range, y_range : (float, float)
        The rectangle.
    n : int or (int, int)
        Samples per axis.

    Returns
    -------
    xs, ys, Z : np.ndarray
        ``Z.shape == (len(xs), len(ys))`` and ``Z[i, j] == f(xs[i], ys[j])``, as
        ``GLSurfacePlotItem.setData(x, y, z)`` wants; NaN where not finite.
    """
    nx, ny = (int(n), int(n)) if np.ndim(n) == 0 else (int(n[0]), int(n[1]))
    xs = np.linspace(float(x_range[0]), float(x_range[1]), nx)
    ys = np.linspace(float(y_range[0]), float(y_range[1]), ny)
    with np.errstate(all="ignore"):
        grid = np.array(fn(xs[:, None], ys[None, :]), dtype=np.float64)
    if grid.shape != (nx, ny):
        grid = np.broadcast_to(grid, (nx, ny)).copy()
    grid[~np.isfinite(grid)] = np.nan
    return xs, ys, grid


# -- a compiled bundle ----------------------------------------------------------------------

ONE_VARIABLE_NAMES = ("f", "df", "d2f")
TWO_VARIABLE_NAMES = ("f", "fx", "fy", "fxx", "fxy", "fyy")


@dataclass(frozen=True, eq=False)
class FunctionSet:
    """The compiled functions of one bundle (see ``calculus.function_bundle``).

    Attributes
    ----------
    text : str
        The function as the user typed it.
    variables : tuple of str
        The positional arguments of every compiled function: ``("x",)``, ``("t",)`` or
        ``("x", "y")`` (a constant is a function of x; a function of y alone is a
        function of x and y).
    arrays : mapping
        Name -> ``fn(*arrays) -> np.ndarray``; the names are ``f, df, d2f`` for one
        variable and ``f, fx, fy, fxx, fxy, fyy`` for two.
    scalars : mapping
        The same names -> ``fn(*floats) -> float``.
    expressions, latex : mapping
        The same names -> sympy's ``str`` and LaTeX of each function.
    kinks : tuple of float
        Where a one-variable function is not differentiable (empty for two variables).
    """

    text: str
    variables: tuple[str, ...]
    arrays: Mapping[str, Callable[..., np.ndarray]]
    scalars: Mapping[str, Callable[..., float]]
    expressions: Mapping[str, str] = field(default_factory=dict)
    latex: Mapping[str, str] = field(default_factory=dict)
    kinks: tuple[float, ...] = ()

    @property
    def dimension(self) -> int:
        """1 or 2: the number of arguments of the compiled functions."""
        return len(self.variables)

    @classmethod
    def from_bundle(cls, bundle: Mapping) -> FunctionSet:
        """Compile every function of a ``calculus.function_bundle`` dict."""
        declared = tuple(bundle.get("variables", ()))
        if len(declared) == 0:
            variables: tuple[str, ...] = ("x",)
        elif declared == ("y",):
            variables = ("x", "y")
        else:
            variables = declared
        functions = bundle["functions"]
        arrays = {name: compile_array(item["array"], variables) for name, item in functions.items()}
        scalars = {
            name: compile_scalar(item["scalar"], variables) for name, item in functions.items()
        }
        return cls(
            text=str(bundle.get("text", "")),
            variables=variables,
            arrays=MappingProxyType(arrays),
            scalars=MappingProxyType(scalars),
            expressions=MappingProxyType(
                {name: item.get("expression", "") for name, item in functions.items()}
            ),
            latex=MappingProxyType({name: item.get("latex", "") for name, item in functions.items()}),
            kinks=tuple(float(k) for k in bundle.get("kinks", ())),
        )
