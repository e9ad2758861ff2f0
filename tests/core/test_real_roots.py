"""x^(p/q) with q odd is the real root for a negative x, as GeoGebra, Desmos and math.js
read it: values against mpmath's real roots, derivatives against central differences,
one-sided derivatives and the kind of the point at 0.
"""

from __future__ import annotations

import math

import mpmath
import numpy as np
import pytest

from visualizer.core.calculus import (
    analyze,
    derivative,
    one_sided_derivatives,
    stationary_points_1d,
)
from visualizer.core.codegen import array_spec, scalar_source
from visualizer.core.errors import ExpressionError
from visualizer.core.expression import parse
from visualizer.core.sampling import compile_array, compile_scalar
from visualizer.core.symbols import X

mpmath.mp.dps = 40

#: (text, p, q): the text means sign(x)^p * |x|^(p/q).
ROOTS = [
    ("x^(1/3)", 1, 3),
    ("x^(2/3)", 2, 3),
    ("x^(5/3)", 5, 3),
    ("x^(-1/3)", -1, 3),
    ("x^0.2", 1, 5),
    ("x^(4/5)", 4, 5),
]
POINTS = [-8.0, -2.5, -0.3, 0.7, 3.0, 27.0]


def real_root(x, p: int, q: int) -> mpmath.mpf:
    """x^(p/q) read as the real q-th root of x, to the p-th power (q odd)."""
    x = mpmath.mpf(x)
    magnitude = mpmath.cbrt(abs(x)) if q == 3 else mpmath.root(abs(x), q)
    return (mpmath.sign(x) * magnitude) ** p


def central_difference(p: int, q: int, x: float, h: float = 1e-8) -> float:
    x = mpmath.mpf(x)
    return float((real_root(x + h, p, q) - real_root(x - h, p, q)) / (2 * h))


@pytest.mark.parametrize(("text", "p", "q"), ROOTS, ids=[r[0] for r in ROOTS])
def test_values_are_the_real_root_in_every_evaluator(text, p, q):
    expr = parse(text).expr
    wanted = [float(real_root(x, p, q)) for x in POINTS]
    by_sympy = [float(expr.subs(X, x)) for x in POINTS]
    scalar = compile_scalar(scalar_source(expr, ["x"]), ["x"])
    by_math = [scalar(x) for x in POINTS]
    by_array = compile_array(array_spec(expr, ["x"]), ["x"])(np.array(POINTS))
    for values in (by_sympy, by_math, list(by_array)):
        assert values == pytest.approx(wanted, rel=1e-12)


@pytest.mark.parametrize(("text", "p", "q"), ROOTS, ids=[r[0] for r in ROOTS])
def test_derivatives_match_central_differences_on_both_sides(text, p, q):
    slope = derivative(parse(text).expr, X)
    compiled = compile_scalar(scalar_source(slope, ["x"]), ["x"])
    for x in POINTS:
        assert compiled(x) == pytest.approx(central_difference(p, q, x), rel=1e-7)


def test_constant_odd_roots_of_negative_numbers_are_real():
    assert parse("(-8)^(1/3)").expr == -2
    assert parse("(-8)^(2/3)").expr == 4
    assert parse("(-32)^0.2").expr == -2
    assert parse("x + (-27)^(1/3)").expr == X - 3
    with pytest.raises(ExpressionError) as caught:  # an even root of a negative number
        parse("(-8)^(1/2)")
    assert caught.value.kind == "domain"


def test_cube_root_has_a_vertical_tangent_and_two_thirds_a_cusp_minimum_at_0():
    assert one_sided_derivatives(parse("x^(1/3)").expr, X, 0.0) == (math.inf, math.inf)
    assert one_sided_derivatives(parse("x^(2/3)").expr, X, 0.0) == (-math.inf, math.inf)
    assert stationary_points_1d(parse("x^(2/3)").expr, X, -10, 10) == [
        {"x": 0.0, "value": 0.0, "kind": "minimum"}
    ]
    assert stationary_points_1d(parse("x^(1/3)").expr, X, -10, 10) == []
    at_zero = analyze(parse("x^(2/3)"), at=0.0)["at"]
    assert at_zero["value"] == 0.0
    assert at_zero["differentiable"] is False and at_zero["tangent"] is None
    at_minus_eight = analyze(parse("x^(2/3)"), at=-8.0)["at"]
    assert at_minus_eight["value"] == pytest.approx(4.0)
    assert at_minus_eight["derivative"] == pytest.approx(-1 / 3)  # (2/3) * (-8)^(-1/3)
