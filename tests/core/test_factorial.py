"""n! and x!: the factorial, Gamma(x + 1) between whole numbers, as every peer reads it."""

from __future__ import annotations

import math

import mpmath
import numpy as np
import pytest
from sympy import gamma, pi, sqrt

from visualizer.core.calculus import derivative, stationary_points_1d
from visualizer.core.codegen import array_spec, scalar_source
from visualizer.core.errors import ExpressionError
from visualizer.core.expression import parse
from visualizer.core.sampling import compile_array, compile_scalar
from visualizer.core.symbols import X


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("3!", 6),
        ("0!", 1),
        ("x^3/3!", X**3 / 6),
        ("x!", gamma(X + 1)),
        ("(1/2)!", sqrt(pi) / 2),
        ("5!^2", 14400),  # ! binds before ^
        ("2x!", 2 * gamma(X + 1)),
        ("-3!", -6),
        ("(x!)!", gamma(gamma(X + 1) + 1)),
    ],
)
def test_factorials_mean_what_the_textbook_says(text, expected):
    assert parse(text).expr == expected


@pytest.mark.parametrize(
    ("text", "kind", "position", "piece"),
    [
        ("(-1)!", "domain", 0, "no factorial of a negative whole number"),
        ("x + (-3)!", "domain", 4, "no factorial of a negative whole number"),
        ("171!", "too_complex", 0, "up to 170"),
        ("x!!", "unsupported", 1, "double factorials are not supported"),
    ],
)
def test_undefined_and_oversized_factorials_are_refused(text, kind, position, piece):
    with pytest.raises(ExpressionError) as caught:
        parse(text)
    assert (caught.value.kind, caught.value.position) == (kind, position)
    assert piece in caught.value.message


def test_x_factorial_and_its_derivatives_evaluate_everywhere_it_is_defined():
    points = [-0.5, 0.0, 0.3, 2.0, 3.5]
    expr = parse("x!").expr
    wanted = [math.gamma(x + 1) for x in points]
    slopes = [float(mpmath.diff(lambda t: mpmath.gamma(t + 1), x)) for x in points]
    for formula, expected in ((expr, wanted), (derivative(expr, X), slopes)):
        scalar = compile_scalar(scalar_source(formula, ["x"]), ["x"])
        array = compile_array(array_spec(formula, ["x"]), ["x"])(np.array(points))
        assert [scalar(x) for x in points] == pytest.approx(expected, rel=1e-10)
        assert list(array) == pytest.approx(expected, rel=1e-10)
    # the poles of Gamma(x + 1) are no numbers, not an error
    pole = compile_scalar(scalar_source(expr, ["x"]), ["x"])(-1.0)
    assert math.isnan(pole)


def test_x_factorial_has_its_minimum_where_gamma_has():
    points = stationary_points_1d(parse("x!").expr, X, -0.9, 5.0)
    assert [p["kind"] for p in points] == ["minimum"]
    assert points[0]["x"] == pytest.approx(0.46163214496836234, abs=1e-9)  # 1.4616... - 1
