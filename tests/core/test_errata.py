"""The chapters' mistakes (docs/errata.md): every number the errata give is computed here
by the program itself, so the page can never state what the program does not show."""

import math

import pytest

from visualizer.core.calculus import analyze, function_bundle, one_sided_derivatives
from visualizer.core.expression import parse
from visualizer.core.limits import difference_quotients
from visualizer.core.optimizers import descend
from visualizer.core.sampling import FunctionSet
from visualizer.core.symbols import X
from visualizer.core.worker import handle


def scalar(text):
    return FunctionSet.from_bundle(function_bundle(parse(text))).scalars["f"]


def kinds(text, range_=(-10.0, 10.0)):
    points = analyze(parse(text), range_=range_)["stationary_points"]
    return {round(point["x"], 9): point["kind"] for point in points}


# -- chapter 000 ----------------------------------------------------------------------------

def test_000_the_divers_quotient_is_23_plus_5_dt():
    height = scalar("5t^2 + 3t + 2")
    for dt in (1.0, 0.5, 0.1, 0.01):
        assert difference_quotients(height, 2.0, dt).forward == pytest.approx(23 + 5 * dt)
    assert difference_quotients(height, 2.0, 0.1).forward != pytest.approx(23 + 0.1)
    assert analyze(parse("5t^2 + 3t + 2"), at=2.0)["at"]["derivative"] == pytest.approx(23)


def test_000_average_velocity_is_the_change_of_height_over_the_time():
    height = scalar("5t^2 + 3t + 2")
    # Over the first two seconds: (h(2) - h(0)) / 2 = 13 m/s, not h(2) / 2 = 14.
    assert (height(2.0) - height(0.0)) / 2 == pytest.approx(13)
    assert height(2.0) / 2 == pytest.approx(14)


# -- chapter 001 ----------------------------------------------------------------------------

def test_001_the_derivative_of_x_cubed_is_3x_squared():
    result = analyze(parse("x^3"), at=2.0)
    assert result["derivative"] == "3*x**2"
    assert result["at"]["derivative"] == pytest.approx(12)  # 2x^2 would say 8


def test_001_the_left_derivative_formula_as_written_gives_the_right_derivative():
    absolute = scalar("|x|")
    # lim (f(x0) - f(x0 - dx)) / dx with dx -> 0 from the left (dx < 0), at x0 = 0:
    for dx in (-0.1, -1e-3, -1e-6):
        assert (absolute(0.0) - absolute(0.0 - dx)) / dx == pytest.approx(1.0)  # the right side
    left, right = one_sided_derivatives(parse("|x|").expr, X, 0.0)
    assert (left, right) == (-1.0, 1.0)


def test_001_relu_has_no_derivative_at_0():
    result = analyze(parse("relu(x)"), at=0.0)["at"]
    assert result["left_derivative"] == 0.0 and result["right_derivative"] == 1.0
    assert result["differentiable"] is False and result["derivative"] is None


def test_001_a_stationary_point_need_not_separate_rising_and_falling():
    assert kinds("x^3") == {0.0: "neither"}
    slope = scalar("3x^2")
    assert slope(-0.5) > 0 and slope(0.5) > 0  # rising on both sides of x = 0


def test_001_f2_equal_0_is_not_an_inflection_point():
    result = analyze(parse("x^4"), at=0.0)
    assert result["at"]["second_derivative"] == 0.0
    assert result["inflection_points"] == []  # x^4 is convex on both sides of 0


# -- chapter 002 ----------------------------------------------------------------------------

def test_002_the_outer_function_2g2_plus_3_has_derivative_4g():
    assert analyze(parse("2x^2 + 3"))["derivative"] == "4*x"
    # ... so (2(4x - 5)^2 + 3)' = 4(4x - 5) * 4 = 64x - 80, whichever way it is done.
    chained = analyze(parse("2(4x - 5)^2 + 3"), at=1.0)["at"]["derivative"]
    expanded = analyze(parse("32x^2 - 80x + 53"), at=1.0)["at"]["derivative"]
    assert chained == expanded == pytest.approx(64 * 1 - 80)


def test_002_tan_and_sec_are_functions_not_lines():
    # tan x = sin x / cos x, whose derivative is sec^2 x = 1 + tan^2 x.
    at = 0.7
    slope = analyze(parse("tan(x)"), at=at)["at"]["derivative"]
    assert slope == pytest.approx(1 / math.cos(at) ** 2) == pytest.approx(1 + math.tan(at) ** 2)
    assert round(slope, 4) == 1.7094


# -- chapter 003 ----------------------------------------------------------------------------

LOG_QUARTIC = "log(x^4 + x^3 + 2)"


def test_003_x_0_is_not_an_extremum_of_the_log_quartic_and_the_minimum_is_at_minus_075():
    found = analyze(parse(LOG_QUARTIC))
    assert kinds(LOG_QUARTIC) == {-0.75: "minimum", 0.0: "neither"}
    assert found["derivative"] == "(4*x**3 + 3*x**2)/(x**4 + x**3 + 2)"
    minimum = next(p for p in found["stationary_points"] if p["kind"] == "minimum")
    assert minimum["value"] == pytest.approx(0.638971, abs=1e-6)


def test_003_the_descent_with_the_true_derivative_ends_near_minus_687():
    sources = handle({"op": "descent_sources", "params": {"text": LOG_QUARTIC}})["result"]
    run = descend(sources, [-9.41], optimizer="sgd", lr=0.001, steps=5000, tol=0.0)
    assert run["steps_taken"] == 5000 and run["status"] == "max_steps"
    assert run["final"]["point"][0] == pytest.approx(-6.868, abs=1e-3)


def test_003_the_chapters_code_divides_by_f_instead_of_the_polynomial():
    # Its dfdx is (4x^3 + 3x^2) / f(x); at the start that is about 790 times the true slope.
    x = -9.41
    numerator = 4 * x**3 + 3 * x**2
    chapters = numerator / math.log(x**4 + x**3 + 2)
    true = analyze(parse(LOG_QUARTIC), at=x)["at"]["derivative"]
    assert true == pytest.approx(numerator / (x**4 + x**3 + 2))
    assert chapters / true == pytest.approx((x**4 + x**3 + 2) / math.log(x**4 + x**3 + 2))
    assert chapters / true == pytest.approx(791.6, abs=0.1)


def test_003_the_ratio_of_intervals_at_3():
    square = scalar("x^2")
    assert (square(3.1) - square(2.9)) / (3.1 - 2.9) == pytest.approx(1.2 / 0.2)
    assert (square(3.1) - square(2.9)) / (3.1 - 2.9) == pytest.approx(6)


# -- chapter 004 ----------------------------------------------------------------------------

def test_004_the_gradient_exists_where_the_partials_do_even_without_continuity():
    # sqrt(|xy|): along each axis f is 0, so both partials at the origin exist and are 0
    # (every difference quotient is exactly 0) and the gradient is (0, 0); along the
    # diagonal f(t, t) = |t| has a crease, so f is not differentiable there, and near the
    # origin the partials are not continuous (∂f/∂x = |y|/(2 sqrt|xy|) grows without bound).
    f = FunctionSet.from_bundle(function_bundle(parse("sqrt(|x*y|)"))).scalars["f"]
    for h in (0.1, 1e-3, 1e-6):
        assert (f(h, 0.0) - f(0.0, 0.0)) / h == 0.0
        assert (f(0.0, h) - f(0.0, 0.0)) / h == 0.0
        assert (f(h, h) - f(0.0, 0.0)) / h == pytest.approx(1.0)
        assert (f(-h, -h) - f(0.0, 0.0)) / -h == pytest.approx(-1.0)
    partial_x = analyze(parse("sqrt(|x*y|)"), at=(1e-4, 1.0))["at"]["gradient"][0]
    assert partial_x == pytest.approx(50.0)  # = 1/(2·sqrt(1e-4)): not continuous at 0
