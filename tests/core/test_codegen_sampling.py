"""Code generation (sympy -> source strings) and the GUI-side compilation and sampling."""

from __future__ import annotations

import math
import warnings

import numpy as np
import pytest
import sympy

from visualizer.core import sampling
from visualizer.core.codegen import array_spec, scalar_source
from visualizer.core.errors import ExpressionError
from visualizer.core.sampling import (
    FunctionSet,
    compile_array,
    compile_scalar,
    sample_curve,
    sample_grid,
)
from visualizer.core.symbols import T, X, Y

SIGMOID = 1 / (1 + sympy.exp(-X))
GELU = X / 2 * (1 + sympy.erf(X / sympy.sqrt(2)))
CBRT = sympy.sign(X) * sympy.Abs(X) ** sympy.Rational(1, 3)

ONE_VARIABLE = [
    X**4 - 3 * X**2 + 2,
    X**3,
    SIGMOID,
    sympy.diff(SIGMOID, X, 2),
    sympy.tanh(X),
    1 - sympy.tanh(X) ** 2,
    sympy.log(1 + sympy.exp(X)),
    GELU,
    sympy.diff(GELU, X),
    sympy.Max(0, X),
    sympy.Heaviside(X),
    sympy.Abs(X**2 - 4),
    sympy.sign(X - 1),
    CBRT,
    sympy.Max(X, X**2),
    sympy.Min(X, 1 - X, sympy.Rational(1, 2)),
    sympy.sin(X) * sympy.exp(-(X**2) / 4),
    sympy.atan(X) + sympy.asin(X / 10) + sympy.acos(X / 10),
    sympy.sinh(X / 3) + sympy.cosh(X / 3),
    sympy.sqrt(X**2 + 1),
    X ** sympy.Rational(-3, 2),
    2**X,
    sympy.log(X**4 + X**3 + 2),
    sympy.log(X, 2),
    sympy.tan(X) ** 2 + 1,
    sympy.pi * X - sympy.E,
    X ** -3 + 1 / (X - 1),
    sympy.floor(X) + sympy.ceiling(X / 2),
    sympy.cot(X) + sympy.sec(X / 3),
]

TWO_VARIABLES = [
    X**2 + X * Y + Y**2,
    (X**2 + Y - 11) ** 2 + (X + Y**2 - 7) ** 2,
    (1 - X) ** 2 + 100 * (Y - X**2) ** 2,
    sympy.exp(X * Y) * sympy.cos(X) * sympy.sin(Y),
    X * Y + X / Y,
    sympy.Max(X, Y) + sympy.Abs(X - Y),
    sympy.log(X**2 + Y**2),
]


def sympy_value(expr: sympy.Basic, point: dict) -> float:
    """sympy's own value at a point, NaN where it is not a finite real number."""
    value = expr.subs(point).evalf(30)
    if not value.is_number or value.has(sympy.zoo, sympy.oo, -sympy.oo, sympy.nan):
        return math.nan
    real, imaginary = value.as_real_imag()
    if abs(float(imaginary)) > 1e-12:
        return math.nan
    real = float(real)
    return real if math.isfinite(real) else math.nan


def assert_matches(computed: float, expected: float) -> None:
    if math.isnan(expected):
        assert math.isnan(computed)
    else:
        assert computed == pytest.approx(expected, rel=1e-9, abs=1e-9)


@pytest.fixture
def points_1d() -> np.ndarray:
    rng = np.random.default_rng(7)
    # Random points, plus the special ones where functions jump, kink or blow up.
    return np.concatenate([rng.uniform(-6.0, 6.0, 40), [0.0, 1.0, -1.0, 2.0, 0.5]])


@pytest.mark.parametrize("expr", ONE_VARIABLE, ids=str)
def test_one_variable_sources_agree_with_sympy(expr, points_1d):
    spec = array_spec(expr, ["x"])
    scalar = compile_scalar(scalar_source(expr, ["x"]), ["x"])
    engines = [compile_array(spec, ["x"])]
    if spec["engine"] == "numexpr":
        engines.append(compile_array({"engine": "numexpr", "source": spec["source"]}, ["x"]))
    expected = [sympy_value(expr, {X: float(x)}) for x in points_1d]
    for evaluate in engines:
        values = evaluate(points_1d)
        assert values.dtype == np.float64 and values.shape == points_1d.shape
        for computed, wanted in zip(values, expected, strict=True):
            assert_matches(float(computed), wanted)
    for x, wanted in zip(points_1d, expected, strict=True):
        computed = scalar(float(x))
        assert type(computed) is float
        assert_matches(computed, wanted)


@pytest.mark.parametrize("expr", TWO_VARIABLES, ids=str)
def test_two_variable_sources_agree_with_sympy(expr):
    rng = np.random.default_rng(11)
    xs, ys = rng.uniform(-4, 4, 30), rng.uniform(-4, 4, 30)
    spec = array_spec(expr, ["x", "y"])
    scalar = compile_scalar(scalar_source(expr, ["x", "y"]), ["x", "y"])
    engines = [compile_array(spec, ["x", "y"])]
    if spec["engine"] == "numexpr":
        engines.append(compile_array({"engine": "numexpr", "source": spec["source"]}, ["x", "y"]))
    expected = [sympy_value(expr, {X: float(x), Y: float(y)}) for x, y in zip(xs, ys, strict=True)]
    for evaluate in engines:
        for computed, wanted in zip(evaluate(xs, ys), expected, strict=True):
            assert_matches(float(computed), wanted)
    for x, y, wanted in zip(xs, ys, expected, strict=True):
        assert_matches(scalar(float(x), float(y)), wanted)


def test_numexpr_is_chosen_when_it_knows_every_function_and_numpy_otherwise():
    assert array_spec(X**4 + sympy.sin(X), ["x"])["engine"] == "numexpr"
    assert array_spec(GELU, ["x"])["engine"] == "numpy"  # numexpr has no erf


def test_integer_powers_avoid_numpy_pow():
    # np.power on x**4 was ~90x slower than multiplying out (docs/platform-notes.md).
    spec = array_spec((X**2 + Y - 11) ** 2 + X**4, ["x", "y"])
    assert "np.power" not in spec["numpy_source"]
    assert "pow" not in scalar_source(X**4 + X**2, ["x"])


def test_large_arrays_go_through_numexpr_and_agree_with_numpy():
    expr = (X**2 + Y - 11) ** 2 + (X + Y**2 - 7) ** 2
    spec = array_spec(expr, ["x", "y"])
    both = compile_array(spec, ["x", "y"])
    numpy_only = compile_array({"engine": "numpy", "source": spec["numpy_source"]}, ["x", "y"])
    xs = np.linspace(-5, 5, 300)
    big = both(xs[:, None], xs[None, :])  # 90,000 points: numexpr
    assert big.size >= sampling.NUMEXPR_MIN_SIZE
    np.testing.assert_allclose(big, numpy_only(xs[:, None], xs[None, :]), rtol=1e-12)


@pytest.mark.parametrize(
    ("expr", "x"),
    [
        (sympy.log(X), -1.0),
        (sympy.log(X), 0.0),
        (1 / X, 0.0),
        (sympy.sqrt(X), -4.0),
        (X ** sympy.Rational(1, 3), -8.0),  # sympy's principal cube root is complex
        (sympy.exp(X), 1000.0),
        (sympy.asin(X), 2.0),
        (sympy.tan(X) / sympy.tan(X) * sympy.log(X - 3), 1.0),
    ],
)
def test_undefined_and_infinite_values_are_nan_without_warnings(expr, x):
    spec = array_spec(expr, ["x"])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        array_value = compile_array(spec, ["x"])(np.array([x, x]))
        scalar_value = compile_scalar(scalar_source(expr, ["x"]), ["x"])(x)
    assert np.isnan(array_value).all()
    assert math.isnan(scalar_value)


def test_scalar_errors_become_nan_and_values_stay_python_floats():
    function = compile_scalar(scalar_source(1 / X + sympy.log(X), ["x"]), ["x"])
    assert math.isnan(function(0.0))
    assert function(1.0) == 1.0 and type(function(1.0)) is float
    relu = compile_scalar(scalar_source(sympy.Max(0, X), ["x"]), ["x"])
    assert relu(-2.0) == 0.0 and relu(3.0) == 3.0 and math.isnan(relu(math.nan))


@pytest.mark.parametrize("variables", [["x"], ["x", "y"]])
def test_constants_broadcast_to_the_argument_shape(variables):
    spec = array_spec(sympy.Integer(3) + sympy.pi, variables)
    function = compile_array(spec, variables)
    if len(variables) == 1:
        values = function(np.zeros(7))
        assert values.shape == (7,)
    else:
        values = function(np.zeros((4, 1)), np.zeros((1, 5)))
        assert values.shape == (4, 5)
    np.testing.assert_allclose(values, 3 + math.pi)
    values[...] = 0.0  # a fresh array every call, safe to modify
    assert function(*([np.zeros(2)] * len(variables)))[0] == pytest.approx(3 + math.pi)
    assert compile_scalar(scalar_source(sympy.Integer(3), variables), variables)(
        *([1.0] * len(variables))
    ) == 3.0


def test_identity_returns_a_copy_not_the_input():
    xs = np.arange(3.0)
    values = compile_array(array_spec(X, ["x"]), ["x"])(xs)
    values[0] = 99.0
    assert xs[0] == 0.0


def test_a_function_of_fewer_variables_still_takes_all_arguments():
    function = compile_array(array_spec(Y**2, ["x", "y"]), ["x", "y"])
    values = function(np.array([1.0, 2.0]), np.array([3.0, 4.0]))
    np.testing.assert_allclose(values, [9.0, 16.0])
    t_function = compile_scalar(scalar_source(5 * T**2 + 3 * T + 2, ["t"]), ["t"])
    assert t_function(2.0) == 28.0


@pytest.mark.parametrize(
    ("expr", "variables"),
    [
        (sympy.I * X, ["x"]),
        (sympy.zeta(X), ["x"]),  # gamma is printable since x! (Gamma(x + 1))
        (X + Y, ["x"]),
        (sympy.Function("f")(X), ["x"]),
    ],
)
def test_unprintable_expressions_are_refused(expr, variables):
    with pytest.raises(ExpressionError) as raised:
        array_spec(expr, variables)
    assert raised.value.kind == "unsupported"
    with pytest.raises(ExpressionError):
        scalar_source(expr, variables)


@pytest.mark.parametrize(
    "source",
    [
        "__import__('os').system('true')",
        "x.__class__",
        "np.__dict__",
        "np",
        "math",
        "(lambda: 1)()",
        "[x for x in ()]",
        "'text'",
        "np.load('file')",
        "open",
        "x(1)",
    ],
)
def test_sources_outside_the_printer_vocabulary_are_rejected(source):
    with pytest.raises(ValueError):
        compile_array({"engine": "numpy", "source": source}, ["x"])
    with pytest.raises(ValueError):
        compile_scalar(source.replace("np.", "math."), ["x"])


def test_numexpr_sources_are_checked_too():
    with pytest.raises(ValueError):
        compile_array({"engine": "numexpr", "source": "x.__class__"}, ["x"])
    with pytest.raises(ValueError):
        compile_array({"engine": "javascript", "source": "x"}, ["x"])


# -- sampling ------------------------------------------------------------------------


def compiled(expr: sympy.Basic, variables=("x",)):
    return compile_array(array_spec(expr, list(variables)), list(variables))


def finite_segments(xs: np.ndarray, ys: np.ndarray):
    """The (x_i, x_i+1) pairs pyqtgraph connects with connect='finite'."""
    both = np.isfinite(ys[:-1]) & np.isfinite(ys[1:])
    return xs[:-1][both], xs[1:][both]


@pytest.mark.parametrize("n", [2000, 2001])
def test_no_segment_of_one_over_x_crosses_the_pole(n):
    xs, ys = sample_curve(compiled(1 / X), -1.0, 1.0, n)
    left, right = finite_segments(xs, ys)
    assert not np.any((left < 0.0) & (right > 0.0))
    assert not np.any((left <= 0.0) & (right >= 0.0) & (left != right))
    assert np.isfinite(ys).sum() >= n - 2


def test_no_segment_of_tan_crosses_an_asymptote():
    xs, ys = sample_curve(compiled(sympy.tan(X)), -5.0, 5.0, 2000)
    left, right = finite_segments(xs, ys)
    for k in range(-2, 2):
        pole = math.pi / 2 + k * math.pi
        assert not np.any((left < pole) & (right > pole))


def test_jumps_are_broken_and_continuous_curves_are_not():
    xs, ys = sample_curve(compiled(sympy.sign(X - 0.3) + sympy.floor(X)), -2.0, 2.0, 1000)
    left, right = finite_segments(xs, ys)
    for jump in (0.3, -1.0, 1.0):
        assert not np.any((left < jump) & (right > jump))
    for smooth in (sympy.sin(3 * X), sympy.Abs(X), sympy.tanh(20 * X), CBRT, X**3):
        xs, ys = sample_curve(compiled(smooth), -2.0, 2.0, 999)
        assert xs.size == 999 and np.isfinite(ys).all(), smooth


def test_curve_values_are_nan_where_undefined_and_absurd_values_are_dropped():
    xs, ys = sample_curve(compiled(sympy.log(X)), -1.0, 1.0, 201)
    assert np.isnan(ys[xs <= 0]).all() and np.isfinite(ys[xs > 0]).all()
    xs, ys = sample_curve(compiled(sympy.exp(X)), 0.0, 40.0, 401)
    assert np.isnan(ys[xs > 28.0]).all()  # e^28 > 1e12
    assert np.nanmax(ys) <= sampling.ABSURD


def test_grid_follows_the_surface_item_convention():
    xs, ys, grid = sample_grid(compiled(X + 10 * Y, ("x", "y")), (0.0, 1.0), (-2.0, 2.0), (3, 5))
    assert grid.shape == (len(xs), len(ys)) == (3, 5)
    for i, x in enumerate(xs):
        for j, y in enumerate(ys):
            assert grid[i, j] == pytest.approx(x + 10 * y)
    _, _, logs = sample_grid(compiled(sympy.log(X * Y), ("x", "y")), (-1, 1), (-1, 1), 4)
    assert logs.shape == (4, 4)
    assert np.isnan(logs[0, 3]) and np.isfinite(logs[0, 0])
    _, _, constant = sample_grid(compiled(sympy.Integer(2), ("x", "y")), (0, 1), (0, 1), 6)
    assert constant.shape == (6, 6) and (constant == 2.0).all()


def test_function_set_compiles_a_bundle():
    def entry(expr, variables):
        return {
            "latex": sympy.latex(expr),
            "expression": str(expr),
            "array": array_spec(expr, variables),
            "scalar": scalar_source(expr, variables),
        }

    f = T**3
    bundle = {
        "text": "t^3",
        "variables": ["t"],
        "functions": {"f": entry(f, ["t"]), "df": entry(3 * T**2, ["t"]), "d2f": entry(6 * T, ["t"])},
        "kinks": [],
    }
    functions = FunctionSet.from_bundle(bundle)
    assert functions.variables == ("t",) and functions.dimension == 1
    assert functions.scalars["df"](2.0) == 12.0
    np.testing.assert_allclose(functions.arrays["d2f"](np.array([1.0, 2.0])), [6.0, 12.0])
    with pytest.raises(AttributeError):
        functions.text = "changed"

    only_y = {
        "text": "y^2",
        "variables": ["y"],
        "functions": {name: entry(e, ["x", "y"]) for name, e in
                      (("f", Y**2), ("fx", sympy.S.Zero), ("fy", 2 * Y), ("fxx", sympy.S.Zero),
                       ("fxy", sympy.S.Zero), ("fyy", sympy.Integer(2)))},
    }
    surface = FunctionSet.from_bundle(only_y)
    assert surface.variables == ("x", "y") and surface.dimension == 2
    assert surface.scalars["fy"](5.0, 3.0) == 6.0
    assert surface.arrays["fyy"](np.zeros((2, 1)), np.zeros((1, 3))).shape == (2, 3)
