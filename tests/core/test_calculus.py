"""The calculus core: numbers against known values and central differences."""

from __future__ import annotations

import json
import math
from collections import namedtuple

import numpy as np
import pytest
import sympy

from visualizer.core import calculus
from visualizer.core.calculus import (
    analyze,
    critical_points,
    derivative,
    directional_derivative,
    function_bundle,
    gradient,
    hessian,
    inflection_points_1d,
    kinks,
    one_sided_derivatives,
    stationary_points_1d,
    stationary_points_2d,
    taylor_polynomial,
)
from visualizer.core.errors import ExpressionError
from visualizer.core.sampling import FunctionSet
from visualizer.core.symbols import T, X, Y

# The parser's ParsedExpression has these three fields; the tests build them directly.
Parsed = namedtuple("Parsed", "text expr variables")

SIGMOID = 1 / (1 + sympy.exp(-X))
SOFTPLUS = sympy.log(1 + sympy.exp(X))
GELU = X / 2 * (1 + sympy.erf(X / sympy.sqrt(2)))
RELU = sympy.Max(0, X)
CBRT = sympy.sign(X) * sympy.Abs(X) ** sympy.Rational(1, 3)
LOG_QUARTIC = sympy.log(X**4 + X**3 + 2)
HIMMELBLAU = (X**2 + Y - 11) ** 2 + (X + Y**2 - 7) ** 2
ROSENBROCK = (1 - X) ** 2 + 100 * (Y - X**2) ** 2


def value(expr: sympy.Basic, **point: float) -> float:
    symbols = {"x": X, "y": Y, "t": T}
    return float(expr.evalf(30, subs={symbols[k]: sympy.Float(v, 30) for k, v in point.items()}))


def central_difference(expr: sympy.Basic, x: float, h: float = 1e-6) -> float:
    # 30-digit evaluation, so the O(h^2) truncation error is the only error.
    return (value(expr, x=x + h) - value(expr, x=x - h)) / (2 * h)


# -- derivatives ------------------------------------------------------------------------------

DIFFERENTIABLE = [
    (X**3, [-2.0, 0.3, 1.7]),
    (SIGMOID, [-3.0, 0.0, 2.5]),
    (sympy.tanh(X), [-1.0, 0.2, 2.0]),
    (SOFTPLUS, [-2.0, 0.0, 3.0]),
    (GELU, [-1.5, 0.1, 2.0]),
    (sympy.sin(X) * sympy.exp(-(X**2)), [-1.0, 0.5, 1.2]),
    (LOG_QUARTIC, [-9.41, -0.75, 0.5]),
    (sympy.sqrt(X**2 + 1), [-3.0, 0.0, 0.7]),
    (sympy.atan(X) + sympy.asin(X / 4), [-2.0, 0.0, 1.0]),
    (X ** X, [0.5, 1.0, 2.0]),
    (RELU, [-1.0, 0.5, 2.0]),
    (sympy.Abs(X**2 - 4), [-3.0, 0.5, 2.5]),
    (CBRT, [-8.0, -0.1, 1.0]),
    (sympy.Max(X, X**2), [-1.0, 0.5, 2.0]),
    (1 / X + sympy.tan(X), [-1.0, 0.5, 1.0]),
]


@pytest.mark.parametrize(("expr", "points"), DIFFERENTIABLE, ids=lambda e: str(e)[:30])
def test_derivatives_match_central_differences(expr, points):
    first = derivative(expr, X)
    second = derivative(expr, X, 2)
    for x in points:
        assert value(first, x=x) == pytest.approx(central_difference(expr, x), rel=1e-7, abs=1e-9)
        assert value(second, x=x) == pytest.approx(
            central_difference(first, x), rel=1e-6, abs=1e-8
        )


def test_derivative_rules_from_the_chapters():
    assert derivative(X**3, X) == 3 * X**2  # one chapter writes 3x
    sigma = SIGMOID
    assert sympy.simplify(derivative(sigma, X) - sigma * (1 - sigma)) == 0
    assert sympy.simplify(derivative(sympy.tanh(X), X) - (1 - sympy.tanh(X) ** 2)) == 0
    assert sympy.simplify(derivative(SOFTPLUS, X) - sigma) == 0
    assert derivative(5 * T**2 + 3 * T + 2, T) == 10 * T + 3


def test_derivatives_are_clean_of_dirac_deltas():
    assert derivative(sympy.Abs(X), X) == sympy.sign(X)
    assert derivative(sympy.Abs(X), X, 2) == 0
    assert derivative(RELU, X) == sympy.Heaviside(X)
    assert derivative(RELU, X, 2) == 0
    assert derivative(sympy.sign(X), X) == 0
    assert derivative(sympy.floor(X**2), X) == 0
    for expr in (CBRT, sympy.Max(X, X**2), sympy.Abs(sympy.sin(X)) * sympy.sign(X - 1)):
        for order in (1, 2, 3):
            cleaned = derivative(expr, X, order)
            assert not cleaned.has(sympy.DiracDelta, sympy.Derivative, sympy.Subs)
    # cbrt' has no sign(x)**2 left: 1/(3|x|^(2/3)).
    assert derivative(CBRT, X) == 1 / (3 * sympy.Abs(X) ** sympy.Rational(2, 3))


def test_huge_expressions_are_too_complex():
    huge = sympy.Add(*[sympy.sin(k * X) * sympy.exp(X / k) for k in range(1, 120)])
    with pytest.raises(ExpressionError) as raised:
        function_bundle(Parsed("huge", huge, ("x",)))
    assert raised.value.kind == "too_complex"


# -- one-sided derivatives and kinks --------------------------------------------------------------


@pytest.mark.parametrize(
    ("expr", "x0", "expected"),
    [
        (sympy.Abs(X), 0.0, (-1.0, 1.0)),
        (RELU, 0.0, (0.0, 1.0)),
        (X**2, 1.0, (2.0, 2.0)),
        (CBRT, 0.0, (math.inf, math.inf)),
        (sympy.sqrt(X), 0.0, (None, math.inf)),
        (sympy.sign(X), 0.0, (None, None)),
        (sympy.floor(X), 1.0, (None, 0.0)),
        (sympy.Abs(X**2 - 2), math.sqrt(2), (-2 * math.sqrt(2), 2 * math.sqrt(2))),
        (sympy.Max(X, X**2), 1.0, (1.0, 2.0)),
        (X * sympy.Abs(X), 0.0, (0.0, 0.0)),
        (sympy.Abs(X) ** sympy.Rational(2, 3), 0.0, (-math.inf, math.inf)),
        (sympy.log(X), -1.0, (None, None)),
        (1 / X, 0.0, (None, None)),
        (sympy.Abs(sympy.sin(X)), math.pi, (-1.0, 1.0)),
    ],
)
def test_one_sided_derivatives(expr, x0, expected):
    left, right = one_sided_derivatives(expr, X, x0)
    for computed, wanted in ((left, expected[0]), (right, expected[1])):
        if wanted is None:
            assert computed is None
        else:
            assert computed == pytest.approx(wanted, rel=1e-9, abs=1e-12)


def test_one_sided_derivatives_match_one_sided_difference_quotients():
    expr = sympy.Max(X**2 - 1, 2 * X + sympy.sin(X))
    for x0 in kinks(expr, X, -5, 5):
        left, right = one_sided_derivatives(expr, X, x0)
        h = 1e-7
        assert left == pytest.approx((value(expr, x=x0) - value(expr, x=x0 - h)) / h, rel=1e-5)
        assert right == pytest.approx((value(expr, x=x0 + h) - value(expr, x=x0)) / h, rel=1e-5)
        assert abs(left - right) > 0.1


@pytest.mark.parametrize(
    ("expr", "expected"),
    [
        (sympy.Abs(X**2 - 4), [-2.0, 2.0]),
        (RELU, [0.0]),
        (CBRT, [0.0]),
        (sympy.Max(X, X**2), [0.0, 1.0]),
        (sympy.sqrt(X), [0.0]),
        (X * sympy.Abs(X), []),
        (sympy.Abs(X) ** 3, []),
        (sympy.sin(X), []),
        (sympy.Abs(sympy.sin(X)), [k * math.pi for k in range(-3, 4)]),
        (sympy.floor(X / 3), [-9.0, -6.0, -3.0, 0.0, 3.0, 6.0, 9.0]),
    ],
)
def test_kinks(expr, expected):
    assert kinks(expr, X, -10, 10) == pytest.approx(expected, abs=1e-9)
    # The fast numeric test of the function bundle agrees.
    assert kinks(expr, X, -10, 10, exact=False) == pytest.approx(expected, abs=1e-9)


def test_kinks_known_only_to_double_precision():
    # The zeros of sin(3x) are floats a few 1e-16 off; cbrt(sin 3x) has vertical
    # tangents there, and sign(sin x) jumps at pi whatever the rounding.
    cube_root_of_sine = sympy.sign(sympy.sin(3 * X)) * sympy.Abs(sympy.sin(3 * X)) ** sympy.Rational(1, 3)
    assert one_sided_derivatives(cube_root_of_sine, X, math.pi / 3) == (-math.inf, -math.inf)
    assert one_sided_derivatives(sympy.sign(sympy.sin(X)), X, math.pi) == (None, None)
    inflections = inflection_points_1d(cube_root_of_sine, X, -4, 4)
    assert [p["x"] for p in inflections] == pytest.approx([k * math.pi / 3 for k in range(-3, 4)])
    assert all(p["value"] == pytest.approx(0.0, abs=1e-12) for p in inflections)
    bumps = stationary_points_1d(sympy.Abs(sympy.sin(X)), X, -4, 4)
    assert [(round(p["x"], 9), p["kind"], round(p["value"], 12)) for p in bumps] == [
        (round(-math.pi, 9), "minimum", 0.0),
        (round(-math.pi / 2, 9), "maximum", 1.0),
        (0.0, "minimum", 0.0),
        (round(math.pi / 2, 9), "maximum", 1.0),
        (round(math.pi, 9), "minimum", 0.0),
    ]


# -- stationary and inflection points ----------------------------------------------------------------


def described(points):
    return [(pytest.approx(p["x"], abs=1e-9), p["kind"]) for p in points]


def test_stationary_points_of_the_chapter_cubic():
    points = stationary_points_1d(X**3 - 2 * X + 4, X, -10, 10)
    root = math.sqrt(2 / 3)
    assert described(points) == [(-root, "maximum"), (root, "minimum")]
    assert points[1]["value"] == pytest.approx(root**3 - 2 * root + 4)
    assert [p["x"] for p in inflection_points_1d(X**3 - 2 * X + 4, X, -10, 10)] == [0.0]


def test_stationary_points_of_the_chapter_quintic():
    expr = X**5 - 2 * X**3 + X + 2
    points = stationary_points_1d(expr, X, -10, 10)
    small = 1 / math.sqrt(5)
    assert described(points) == [
        (-1.0, "maximum"),
        (-small, "minimum"),
        (small, "maximum"),
        (1.0, "minimum"),
    ]
    inflections = [p["x"] for p in inflection_points_1d(expr, X, -10, 10)]
    assert inflections == pytest.approx([-math.sqrt(0.6), 0.0, math.sqrt(0.6)])


def test_log_quartic_has_a_stationary_point_that_is_not_an_extremum():
    # The chapter's mistake: f'(0) = 0 but f' > 0 on both sides of 0.
    points = stationary_points_1d(LOG_QUARTIC, X, -10, 10)
    assert described(points) == [(-0.75, "minimum"), (0.0, "neither")]
    slope = derivative(LOG_QUARTIC, X)
    assert value(slope, x=-0.01) > 0 and value(slope, x=0.01) > 0
    assert points[0]["value"] == pytest.approx(math.log(0.75**4 - 0.75**3 + 2))


def test_sine_has_every_stationary_and_inflection_point_in_the_range():
    points = stationary_points_1d(sympy.sin(X), X, -10, 10)
    expected = [(k + 0.5) * math.pi for k in range(-3, 3)]
    assert [p["x"] for p in points] == pytest.approx(expected, abs=1e-12)
    assert [p["kind"] for p in points] == ["minimum", "maximum"] * 3
    assert all(abs(math.cos(p["x"])) < 1e-12 for p in points)
    inflections = inflection_points_1d(sympy.sin(X), X, -10, 10)
    assert [p["x"] for p in inflections] == pytest.approx([k * math.pi for k in range(-3, 4)])


@pytest.mark.parametrize(
    ("expr", "stationary", "inflections"),
    [
        (X**3, [(0.0, "neither")], [0.0]),
        (X**4, [(0.0, "minimum")], []),
        (-(X**4), [(0.0, "maximum")], []),
        (sympy.Abs(X), [(0.0, "minimum")], []),  # a kink where f' changes sign
        (-sympy.Abs(X - 1), [(1.0, "maximum")], []),
        (RELU, [], []),
        (CBRT, [], [0.0]),  # vertical tangent: an inflection point
        (X * sympy.Abs(X), [(0.0, "neither")], [0.0]),
        (sympy.Abs(X**2 - 4), [(-2.0, "minimum"), (0.0, "maximum"), (2.0, "minimum")], []),
        (SIGMOID, [], [0.0]),
        (1 / X, [], []),
        ((X - sympy.Rational(1, 3)) ** 3 * sympy.exp(X), [(-8 / 3, "minimum"), (1 / 3, "neither")],
         None),
        (X * sympy.exp(-(X**2)), [(-math.sqrt(0.5), "minimum"), (math.sqrt(0.5), "maximum")],
         [-math.sqrt(1.5), 0.0, math.sqrt(1.5)]),
    ],
    ids=str,
)
def test_stationary_and_inflection_points(expr, stationary, inflections):
    points = stationary_points_1d(expr, X, -10, 10)
    assert described(points) == [(pytest.approx(x, abs=1e-9), kind) for x, kind in stationary]
    if inflections is not None:
        found = [p["x"] for p in inflection_points_1d(expr, X, -10, 10)]
        assert found == pytest.approx(inflections, abs=1e-9)


@pytest.mark.parametrize(
    ("expr", "expected"),
    [
        (RELU + X**2, [(0.0, 0.0, "minimum")]),  # f' = 2x < 0 on the left, 1 on the right
        (sympy.Max(0, 1 - X) + X**2 / 2, [(1.0, 0.5, "minimum")]),  # hinge loss + weight decay
        (sympy.Max(X, X**2), [(0.0, 0.0, "minimum")]),  # and no extremum at the kink at 1
        (sympy.Min(X, -(X**2)), [(0.0, 0.0, "maximum")]),
        (-RELU - X**4, [(0.0, 0.0, "maximum")]),
        (RELU, []),  # flat on the left: no strict extremum
        (RELU + X**3, []),  # f' > 0 on both sides
    ],
    ids=str,
)
def test_a_kink_with_a_flat_side_is_an_extremum_when_f_prime_changes_sign(expr, expected):
    points = stationary_points_1d(expr, X, -10, 10)
    assert [(p["x"], p["value"], p["kind"]) for p in points] == [
        (pytest.approx(x, abs=1e-12), pytest.approx(v, abs=1e-12), kind) for x, v, kind in expected
    ]


def test_gelu_minimum_is_found_numerically():
    points = stationary_points_1d(GELU, X, -10, 10)
    assert len(points) == 1 and points[0]["kind"] == "minimum"
    assert value(derivative(GELU, X), x=points[0]["x"]) == pytest.approx(0.0, abs=1e-12)
    assert points[0]["x"] == pytest.approx(-0.7517915, abs=1e-6)


def test_constant_and_linear_functions():
    assert stationary_points_1d(sympy.Integer(5), X, -10, 10) is None  # every point is stationary
    assert stationary_points_1d(2 * X + 1, X, -10, 10) == []
    assert inflection_points_1d(2 * X + 1, X, -10, 10) == []


def test_a_removable_singularity_is_not_a_stationary_or_inflection_point():
    line_with_a_hole = (X**2 - 1) / (X - 1)
    assert stationary_points_1d(line_with_a_hole, X, -10, 10) == []
    assert inflection_points_1d(line_with_a_hole, X, -10, 10) == []


def test_points_outside_the_range_are_left_out():
    points = stationary_points_1d(sympy.sin(X), X, 0, 5)
    assert [p["x"] for p in points] == pytest.approx([math.pi / 2, 3 * math.pi / 2])


# -- Taylor ------------------------------------------------------------------------------------------


def test_taylor_coefficients_of_exp_and_sin():
    polynomial = sympy.Poly(taylor_polynomial(sympy.exp(X), X, 0.0, 4), X)
    assert polynomial.all_coeffs()[::-1] == [1, 1, sympy.Rational(1, 2), sympy.Rational(1, 6),
                                            sympy.Rational(1, 24)]
    polynomial = sympy.Poly(taylor_polynomial(sympy.sin(X), X, 0.0, 5), X)
    assert polynomial.all_coeffs()[::-1] == [0, 1, 0, -sympy.Rational(1, 6), 0,
                                            sympy.Rational(1, 120)]


def test_taylor_polynomial_away_from_zero():
    quadratic = 5 * T**2 + 3 * T + 2
    assert sympy.expand(taylor_polynomial(quadratic, T, 2.0, 2) - quadratic) == 0
    cubic = taylor_polynomial(sympy.sin(X), X, 1.0, 3)
    # Lagrange bound: |error| <= |x - 1|^4 / 4!.
    assert abs(value(cubic, x=1.1) - math.sin(1.1)) <= 0.1**4 / 24
    assert value(sympy.diff(cubic, X), x=1.0) == pytest.approx(math.cos(1.0))


def test_taylor_errors():
    with pytest.raises(ExpressionError) as raised:
        taylor_polynomial(sympy.exp(X), X, 0.0, 11)
    assert raised.value.kind == "argument"
    with pytest.raises(ExpressionError) as raised:
        taylor_polynomial(sympy.Abs(X), X, 0.0, 2)
    assert raised.value.kind == "domain"
    with pytest.raises(ExpressionError) as raised:
        taylor_polynomial(sympy.log(X), X, 0.0, 2)
    assert raised.value.kind == "domain"


# -- two variables ------------------------------------------------------------------------------------


def test_gradient_and_hessian_of_the_chapter_bowl():
    bowl = X**2 + X * Y + Y**2
    fx, fy = gradient(bowl)
    assert (fx, fy) == (2 * X + Y, X + 2 * Y)
    assert hessian(bowl) == ((2, 1), (1, 2))
    assert value(fx, x=0.5, y=-0.4) == pytest.approx(0.6)
    assert value(fy, x=0.5, y=-0.4) == pytest.approx(-0.3)
    assert directional_derivative(bowl, (0.5, -0.4), (3, 4)) == pytest.approx(0.6 * 0.6 - 0.8 * 0.3)
    with pytest.raises(ExpressionError) as raised:
        directional_derivative(bowl, (0.5, -0.4), (0, 0))
    assert raised.value.kind == "argument"


def test_gradient_and_hessian_match_central_differences():
    expr = sympy.exp(X * Y) * sympy.cos(X) * sympy.sin(Y)
    fx, fy = gradient(expr)
    (fxx, fxy), (fyx, fyy) = hessian(expr)
    assert fxy == fyx
    x0, y0, h = 0.3, -0.7, 1e-6
    numeric_fx = (value(expr, x=x0 + h, y=y0) - value(expr, x=x0 - h, y=y0)) / (2 * h)
    numeric_fy = (value(expr, x=x0, y=y0 + h) - value(expr, x=x0, y=y0 - h)) / (2 * h)
    assert value(fx, x=x0, y=y0) == pytest.approx(numeric_fx, rel=1e-8)
    assert value(fy, x=x0, y=y0) == pytest.approx(numeric_fy, rel=1e-8)
    numeric_fxy = (value(fx, x=x0, y=y0 + h) - value(fx, x=x0, y=y0 - h)) / (2 * h)
    assert value(fxy, x=x0, y=y0) == pytest.approx(numeric_fxy, rel=1e-7)
    numeric_fyy = (value(fy, x=x0, y=y0 + h) - value(fy, x=x0, y=y0 - h)) / (2 * h)
    assert value(fyy, x=x0, y=y0) == pytest.approx(numeric_fyy, rel=1e-7)
    numeric_fxx = (value(fx, x=x0 + h, y=y0) - value(fx, x=x0 - h, y=y0)) / (2 * h)
    assert value(fxx, x=x0, y=y0) == pytest.approx(numeric_fxx, rel=1e-7)


def kinds(points):
    return sorted(
        ((round(p["point"][0], 6), round(p["point"][1], 6)), p["kind"]) for p in points
    )


def test_saddle_and_bowls():
    assert kinds(stationary_points_2d(X**2 - Y**2)) == [((0.0, 0.0), "saddle")]
    assert kinds(stationary_points_2d(X**2 + X * Y + Y**2)) == [((0.0, 0.0), "minimum")]
    assert kinds(stationary_points_2d(-(X**2) - Y**2 + 2 * X)) == [((1.0, 0.0), "maximum")]
    assert kinds(stationary_points_2d(X**4 + Y**2)) == [((0.0, 0.0), "degenerate")]
    assert kinds(stationary_points_2d(sympy.exp(-(X**2) - Y**2))) == [((0.0, 0.0), "maximum")]


def test_himmelblau_has_four_minima_one_maximum_and_four_saddles():
    points = stationary_points_2d(HIMMELBLAU, (-10, 10), (-10, 10))
    by_kind = {kind: [p for p in points if p["kind"] == kind] for kind in ("minimum", "maximum", "saddle")}
    assert len(points) == 9
    assert len(by_kind["minimum"]) == 4 and len(by_kind["saddle"]) == 4
    minima = sorted(tuple(p["point"]) for p in by_kind["minimum"])
    expected = sorted([(3.0, 2.0), (-2.805118, 3.131312), (-3.779310, -3.283186),
                       (3.584428, -1.848127)])
    for found, wanted in zip(minima, expected, strict=True):
        assert found == pytest.approx(wanted, abs=1e-5)
    assert all(p["value"] == pytest.approx(0.0, abs=1e-12) for p in by_kind["minimum"])
    (maximum,) = by_kind["maximum"]
    assert maximum["point"] == pytest.approx([-0.270845, -0.923039], abs=1e-6)
    assert maximum["value"] == pytest.approx(181.616522, abs=1e-5)
    assert [3.0, 2.0] in [p["point"] for p in points]  # snapped to the exact point


def test_rosenbrock_minimum():
    assert kinds(stationary_points_2d(ROSENBROCK, (-2, 2), (-1, 3))) == [((1.0, 1.0), "minimum")]


def test_sin_sin_has_every_stationary_point():
    points = stationary_points_2d(sympy.sin(X) * sympy.sin(Y), (-10, 10), (-10, 10))
    # (k pi, m pi): 7 x 7 saddles; (pi/2 + k pi, pi/2 + m pi): 6 x 6 extrema.
    assert len(points) == 85
    assert sum(p["kind"] == "saddle" for p in points) == 49


def test_curves_of_stationary_points_and_no_points():
    assert stationary_points_2d((X + Y) ** 2) is None
    assert stationary_points_2d(sympy.sin(X + Y) ** 2) is None
    assert stationary_points_2d(X + Y**2) == []
    assert stationary_points_2d(X * Y + X / Y) == []
    # The gradient fades to 1e-9 down the slope but never vanishes.
    assert stationary_points_2d(sympy.log(1 + sympy.exp(X - Y))) == []


# -- the JSON ------------------------------------------------------------------------------------------

ONE_VARIABLE_KEYS = {"variables", "expression", "latex", "derivative", "second_derivative",
                     "stationary_points", "inflection_points"}
AT_ONE_KEYS = {"x", "value", "derivative", "second_derivative", "left_derivative",
               "right_derivative", "differentiable", "tangent"}


def test_analyze_square_at_one():
    result = analyze(Parsed("x^2", X**2, ("x",)), at=1.0)
    json.dumps(result, allow_nan=False)
    assert set(result) == ONE_VARIABLE_KEYS | {"at"}
    at = result["at"]
    assert set(at) == AT_ONE_KEYS
    assert at["value"] == 1.0 and at["derivative"] == 2.0 and at["second_derivative"] == 2.0
    assert at["tangent"] == {"slope": 2.0, "intercept": -1.0}
    assert at["differentiable"] is True
    assert result["derivative"] == "2*x" and result["second_derivative"] == "2"
    assert result["stationary_points"] == [{"x": 0.0, "value": 0.0, "kind": "minimum"}]
    assert result["inflection_points"] == []


def test_analyze_diver_speed_uses_x_keys_for_t():
    result = analyze(Parsed("5t^2+3t+2", 5 * T**2 + 3 * T + 2, ("t",)), at=[2.0], taylor=2)
    assert result["variables"] == ["t"]
    assert result["at"]["x"] == 2.0 and result["at"]["derivative"] == 23.0
    assert result["taylor"]["order"] == 2 and result["taylor"]["center"] == 2.0
    assert result["taylor"]["polynomial"] == "5*(t - 2)**2 + 23*(t - 2) + 28"


def test_analyze_kink_and_vertical_tangent():
    result = analyze(Parsed("|x|", sympy.Abs(X), ("x",)), at=0.0)
    at = result["at"]
    assert at["left_derivative"] == -1.0 and at["right_derivative"] == 1.0
    assert at["differentiable"] is False and at["tangent"] is None
    assert at["derivative"] is None and at["second_derivative"] is None
    assert result["derivative"] == "sign(x)"
    cube_root = analyze(Parsed("cbrt(x)", CBRT, ("x",)), at=0.0)
    json.dumps(cube_root, allow_nan=False)  # infinite one-sided derivatives become null
    assert cube_root["at"]["value"] == 0.0 and cube_root["at"]["differentiable"] is False
    undefined = analyze(Parsed("log(x)", sympy.log(X), ("x",)), at=-1.0)["at"]
    assert undefined["value"] is None and undefined["derivative"] is None


def test_analyze_second_derivative_needs_a_differentiable_derivative():
    at = analyze(Parsed("x|x|", X * sympy.Abs(X), ("x",)), at=0.0)["at"]
    assert at["differentiable"] is True and at["derivative"] == 0.0
    assert at["second_derivative"] is None  # f'' jumps from -2 to 2


def test_analyze_optional_parts_appear_only_when_asked():
    result = analyze(Parsed("sin(x)", sympy.sin(X), ("x",)))
    assert set(result) == ONE_VARIABLE_KEYS
    result = analyze(Parsed("exp(x)", sympy.exp(X), ("x",)), taylor=4)
    assert result["taylor"] == {"order": 4, "center": 0.0,
                                "polynomial": "x**4/24 + x**3/6 + x**2/2 + x + 1"}
    assert "at" not in result


def test_analyze_two_variables_at_the_chapter_point():
    bowl = Parsed("x^2+xy+y^2", X**2 + X * Y + Y**2, ("x", "y"))
    result = analyze(bowl, at=(0.5, -0.4), direction=(3, 4))
    json.dumps(result, allow_nan=False)
    assert set(result) == {"variables", "expression", "latex", "gradient", "hessian",
                           "stationary_points", "at"}
    assert result["gradient"] == ["2*x + y", "x + 2*y"]
    assert result["hessian"] == [["2", "1"], ["1", "2"]]
    assert result["stationary_points"] == [{"point": [0.0, 0.0], "value": 0.0, "kind": "minimum"}]
    at = result["at"]
    assert set(at) == {"point", "value", "gradient", "gradient_norm", "direction",
                       "directional_derivative"}
    assert at["gradient"] == pytest.approx([0.6, -0.3])
    assert at["gradient_norm"] == pytest.approx(0.6708203932499369)
    assert at["direction"] == pytest.approx([0.6, 0.8])
    assert at["directional_derivative"] == pytest.approx(0.12)
    assert at["value"] == pytest.approx(0.21)
    assert "at" not in analyze(bowl)


def test_analyze_argument_errors():
    square = Parsed("x^2", X**2, ("x",))
    bowl = Parsed("x^2+y^2", X**2 + Y**2, ("x", "y"))
    for parsed, arguments in [
        (square, {"at": (1.0, 2.0)}),
        (square, {"direction": (1.0, 0.0), "at": 1.0}),
        (square, {"taylor": 11}),
        (square, {"range_": (3.0, -3.0)}),
        (bowl, {"at": 1.0}),
        (bowl, {"at": (1.0, 2.0), "direction": (0.0, 0.0)}),
        (bowl, {"taylor": 2}),
    ]:
        with pytest.raises(ExpressionError) as raised:
            analyze(parsed, **arguments)
        assert raised.value.kind == "argument", arguments


def test_analyze_constant_and_y_only():
    constant = analyze(Parsed("5", sympy.Integer(5), ()), at=3.0)
    assert constant["variables"] == [] and constant["at"]["derivative"] == 0.0
    assert constant["stationary_points"] is None
    y_only = analyze(Parsed("y^2", Y**2, ("y",)), at=(1.0, 2.0))
    assert y_only["gradient"] == ["0", "2*y"]
    assert y_only["at"]["gradient"] == [0.0, 4.0]


def test_function_bundle_one_variable_compiles_and_agrees():
    parsed = Parsed("|x^2 - 4|", sympy.Abs(X**2 - 4), ("x",))
    bundle = function_bundle(parsed, (-5.0, 5.0))
    json.dumps(bundle, allow_nan=False)
    assert set(bundle) == {"text", "variables", "expression", "latex", "functions", "kinks"}
    assert bundle["kinks"] == [-2.0, 2.0]
    assert set(bundle["functions"]) == {"f", "df", "d2f"}
    assert set(bundle["functions"]["df"]) == {"latex", "expression", "array", "scalar"}
    functions = FunctionSet.from_bundle(bundle)
    assert functions.kinks == (-2.0, 2.0)
    for x in (-3.0, 0.5, 2.5):
        assert functions.scalars["f"](x) == pytest.approx(abs(x * x - 4))
        assert functions.scalars["df"](x) == pytest.approx(central_difference(parsed.expr, x))
    np.testing.assert_allclose(functions.arrays["d2f"](np.array([-3.0, 0.5])), [2.0, -2.0])


def test_function_bundle_two_variables():
    bundle = function_bundle(Parsed("himmelblau", HIMMELBLAU, ("x", "y")))
    assert set(bundle["functions"]) == {"f", "fx", "fy", "fxx", "fxy", "fyy"}
    assert "kinks" not in bundle
    functions = FunctionSet.from_bundle(bundle)
    assert functions.scalars["fx"](3.0, 2.0) == 0.0 and functions.scalars["fy"](3.0, 2.0) == 0.0
    assert functions.scalars["fxy"](1.0, 1.0) == pytest.approx(4 * 1.0 + 4 * 1.0)
    for variables in (("y",), ()):
        expr = Y**2 if variables else sympy.Integer(1)
        compiled = FunctionSet.from_bundle(function_bundle(Parsed("", expr, variables)))
        assert compiled.dimension == (2 if variables else 1)


def test_function_bundle_for_time():
    bundle = function_bundle(Parsed("5t^2+3t+2", 5 * T**2 + 3 * T + 2, ("t",)))
    functions = FunctionSet.from_bundle(bundle)
    assert functions.variables == ("t",)
    assert functions.scalars["df"](2.0) == 23.0 and functions.scalars["d2f"](0.0) == 10.0


def test_critical_points_shapes():
    one = critical_points(Parsed("x^3", X**3, ("x",)), (-5.0, 5.0), (-5.0, 5.0))
    assert one == {"stationary_points": [{"x": 0.0, "value": 0.0, "kind": "neither"}],
                   "inflection_points": [{"x": 0.0, "value": 0.0}]}
    two = critical_points(Parsed("saddle", X**2 - Y**2, ("x", "y")), (-1.0, 1.0), (-1.0, 1.0))
    assert two == {"stationary_points": [{"point": [0.0, 0.0], "value": 0.0, "kind": "saddle"}]}


def test_module_limits_are_documented_numbers():
    assert calculus.MAX_OPS > 50  # the chapters' functions are far below it
    assert sympy.count_ops(HIMMELBLAU) < calculus.MAX_OPS
