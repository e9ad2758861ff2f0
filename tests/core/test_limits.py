"""The derivative as a limit, in numbers: quotients, precision, one-sided slopes, Taylor."""

import math

import numpy as np
import pytest

from visualizer.core.calculus import function_bundle, taylor_bundle
from visualizer.core.errors import ExpressionError
from visualizer.core.expression import parse
from visualizer.core.limits import (
    LimitAnimation,
    difference_quotients,
    intervals_where,
    limit_table,
    machine_epsilon,
    one_sided_slopes,
    optimal_forward_step,
    slopes_at,
)
from visualizer.core.sampling import FunctionSet, compile_array
from visualizer.core.worker import handle


def square(x):
    return x * x


def functions(text):
    return FunctionSet.from_bundle(function_bundle(parse(text)))


# -- difference quotients ---------------------------------------------------------------------


def test_quotients_of_x_squared_by_hand():
    q = difference_quotients(square, 1.0, 0.5)
    assert (q.forward, q.backward, q.central) == (2.5, 1.5, 2.0)


def test_forward_error_of_x_squared_is_h_until_round_off():
    # (f(1 + h) - f(1)) / h = 2 + h exactly, so the truncation error is h.
    table = limit_table(square, 1.0, 2.0, "float64")
    for row in table.rows:
        if row.h >= 1e-5:
            assert row.forward_error == pytest.approx(row.h, rel=1e-4)
            assert row.backward_error == pytest.approx(row.h, rel=1e-4)
    # The central quotient of a parabola has no truncation error at all.
    assert table.rows[0].central_error < 1e-14
    # Far below sqrt(eps) round-off takes over: at h = 1e-15 the error is huge.
    tiny = table.rows[14]
    assert tiny.h == 1e-15 and tiny.forward_error > 1e-2
    # At h = 1e-16, 1 + h rounds to 1 and the quotient is exactly 0.
    assert table.rows[15].forward == 0.0 and table.rows[15].forward_error == 2.0


def test_best_forward_step_sits_near_sqrt_eps():
    table = limit_table(square, 1.0, 2.0, "float64")
    best = table.best("forward")
    assert 1e-9 <= best.h <= 1e-7
    predicted = optimal_forward_step(1.0, 2.0, 2.0, 1.0, "float64")
    assert predicted == pytest.approx(math.sqrt(2 * machine_epsilon("float64") * 3 / 2))
    assert 0.1 < best.h / predicted < 10


def test_float32_round_off_at_1e_minus_7_by_hand():
    table = limit_table(square, 1.0, 2.0, "float32")
    row = next(r for r in table.rows if r.h == 1e-7)
    # In float32, 1 + 1e-7 rounds to 1 + 2**-23; its square rounds to 1 + 2**-22, so the
    # difference is 2**-22, divided by float32(1e-7).
    expected = float(np.float32(2.0**-22) / np.float32(1e-7))
    assert row.forward == expected
    assert row.forward_error > 0.3  # the round-off side of the V: large
    float64_row = next(r for r in limit_table(square, 1.0, 2.0).rows if r.h == 1e-7)
    assert float64_row.forward_error < 1e-6
    # The bottom of the V moves to a larger h in float32.
    assert table.best("forward").h > limit_table(square, 1.0, 2.0).best("forward").h


def test_float16_rounds_x_plus_h_back_to_x_and_h_to_zero():
    table = limit_table(square, 1.0, 2.0, "float16")
    by_h = {row.h: row for row in table.rows}
    # float16 has 10 mantissa bits: 1 + 1e-4 is 1 again, so the quotient is 0.
    assert by_h[1e-4].forward == 0.0 and by_h[1e-4].forward_error == 2.0
    # Below ~6e-8, h itself is 0 in float16: no quotient at all.
    assert math.isnan(by_h[1e-8].forward) and math.isnan(by_h[1e-8].forward_error)
    assert machine_epsilon("float16") == pytest.approx(2.0**-10)


def test_limit_table_at_a_kink_measures_each_side_against_its_own_slope():
    table = limit_table(abs, 0.0, None, left=-1.0, right=1.0, exponents=[1, 5])
    for row in table.rows:
        assert row.forward == 1.0 and row.forward_error == 0.0
        assert row.backward == -1.0 and row.backward_error == 0.0
        assert row.central == 0.0 and math.isnan(row.central_error)
    assert table.best("central") is None


def test_unknown_precision_is_refused():
    with pytest.raises(ValueError):
        difference_quotients(square, 1.0, 0.1, "float8")


# -- one-sided slopes and kinds of points ----------------------------------------------------


@pytest.mark.parametrize(
    "text, x0, kind, left, right",
    [
        ("|x|", 0.0, "corner", -1.0, 1.0),
        ("relu(x)", 0.0, "corner", 0.0, 1.0),
        ("|x^2 - 4|", 2.0, "corner", -4.0, 4.0),
        ("|x^2 - 4|", -2.0, "corner", -4.0, 4.0),
        ("max(x, x^2)", 0.0, "corner", 0.0, 1.0),
        ("max(x, x^2)", 1.0, "corner", 1.0, 2.0),
        ("cbrt(x)", 0.0, "vertical", math.inf, math.inf),
        ("|x|^(2/3)", 0.0, "cusp", -math.inf, math.inf),
        ("sqrt(x)", 0.0, "one_sided", None, math.inf),
        ("x^2", 1.0, "smooth", 2.0, 2.0),
        ("x|x|", 0.0, "smooth", 0.0, 0.0),
    ],
)
def test_one_sided_derivatives_at_kinks(text, x0, kind, left, right):
    fs = functions(text)
    slopes = slopes_at(fs.scalars["f"], fs.scalars["df"], x0, fs.kinks)
    assert slopes.kind == kind
    for got, want in ((slopes.left, left), (slopes.right, right)):
        if want is None:
            assert got is None
        else:
            assert got == pytest.approx(want, abs=1e-6)


def test_a_pole_is_undefined():
    fs = functions("1/x")
    assert slopes_at(fs.scalars["f"], fs.scalars["df"], 0.0, fs.kinks).kind == "undefined"


def test_one_sided_slopes_agree_with_one_sided_quotients():
    fs = functions("|x^2 - 4|")
    f = fs.scalars["f"]
    left, right = one_sided_slopes(fs.scalars["df"], 2.0)
    h = 1e-6
    assert left == pytest.approx((f(2.0) - f(2.0 - h)) / h, abs=1e-4)
    assert right == pytest.approx((f(2.0 + h) - f(2.0)) / h, abs=1e-4)


# -- intervals and the animation -----------------------------------------------------------


def test_intervals_where_meet_in_the_middle():
    xs = np.linspace(-1, 1, 5)  # -1, -0.5, 0, 0.5, 1
    assert intervals_where(xs, xs < 0) == [(-1.0, -0.25)]
    assert intervals_where(xs, xs > 0) == [(0.25, 1.0)]
    assert intervals_where(xs, np.zeros(5, bool)) == []


def test_animation_shrinks_h_geometrically_and_ends():
    animation = LimitAnimation(start=1.0, end=1e-6, sweep_seconds=3.0, hold_seconds=0.5)
    assert animation.frame(0.0) == 1.0
    assert animation.frame(1.5) == pytest.approx(1e-3)
    assert animation.frame(3.0) == pytest.approx(1e-6)
    assert animation.frame(3.4) == pytest.approx(1e-6)  # the hold
    assert animation.duration == 3.5
    assert animation.finished(3.5) and not animation.finished(3.4)
    assert animation.frame(100.0) == pytest.approx(1e-6)


def test_animation_from_the_left_and_alternating():
    left = LimitAnimation(side="left", sweep_seconds=2.0, hold_seconds=0.0)
    assert left.frame(1.0) == pytest.approx(-1e-3)
    both = LimitAnimation(side="both", sweep_seconds=2.0, hold_seconds=0.0, end=1e-4)
    assert both.frame(0.5) > 0 and both.frame(2.5) < 0
    assert both.duration == 4.0
    assert both.frame(4.0) == pytest.approx(-1e-4)
    looping = LimitAnimation(loop=True, sweep_seconds=1.0, hold_seconds=0.0)
    assert math.isinf(looping.duration)
    assert looping.frame(2.25) == pytest.approx(looping.frame(0.25))


def test_animation_frames_for_export():
    animation = LimitAnimation(start=1.0, end=1e-2, sweep_seconds=1.0, hold_seconds=0.0)
    frames = list(animation.frames(fps=10))
    assert len(frames) == 11
    assert frames[0] == 1.0 and frames[-1] == pytest.approx(1e-2)
    assert all(a > b for a, b in zip(frames, frames[1:], strict=False))


def test_animation_refuses_nonsense():
    with pytest.raises(ValueError):
        LimitAnimation(start=1e-6, end=1.0)
    with pytest.raises(ValueError):
        LimitAnimation(side="up")


# -- Taylor polynomials (calculus.taylor_bundle and the worker op) ---------------------------


def test_taylor_coefficients_of_exp_sin_and_the_diver():
    exp = taylor_bundle(parse("e^x"), 0.0, 4)
    assert exp["coefficients"] == pytest.approx([1, 1, 1 / 2, 1 / 6, 1 / 24])
    sine = taylor_bundle(parse("sin(x)"), 1.0, 3)
    s, c = math.sin(1.0), math.cos(1.0)
    assert sine["coefficients"] == pytest.approx([s, c, -s / 2, -c / 6])
    diver = taylor_bundle(parse("5t^2 + 3t + 2"), 2.0, 2)
    assert diver["coefficients"] == pytest.approx([28, 23, 5])  # position, speed, a/2
    assert diver["variable"] == "t"
    assert diver["latex"] == "28 + 23\\,(t - 2) + 5\\,(t - 2)^{2}"


def test_taylor_array_evaluates_the_polynomial():
    bundle = taylor_bundle(parse("sin(x)"), 0.5, 5)
    function = compile_array(bundle["array"], ["x"])
    xs = np.linspace(-1, 2, 7)
    expected = sum(c * (xs - 0.5) ** k for k, c in enumerate(bundle["coefficients"]))
    np.testing.assert_allclose(function(xs), expected, rtol=1e-12)
    # Close to the centre it matches sin to order 6.
    assert abs(function(np.array([0.6]))[0] - math.sin(0.6)) < 1e-8


def test_taylor_of_order_zero_and_beyond_a_polynomial():
    assert taylor_bundle(parse("x^2"), 1.0, 0)["coefficients"] == [1.0]
    assert taylor_bundle(parse("x^2"), 1.0, 4)["coefficients"] == [1.0, 2.0, 1.0, 0.0, 0.0]


def test_taylor_op_through_the_worker_protocol():
    answer = handle({"id": 7, "op": "taylor",
                     "params": {"text": "e^x", "center": 0.0, "order": 3}})
    assert answer["id"] == 7
    assert answer["result"]["coefficients"] == pytest.approx([1, 1, 0.5, 1 / 6])
    refused = handle({"id": 8, "op": "taylor", "params": {"text": "|x|", "center": 0.0,
                                                          "order": 2}})
    assert refused["error"]["kind"] == "domain"
    bad = handle({"id": 9, "op": "taylor", "params": {"text": "x", "center": "a", "order": 1}})
    assert bad["error"]["kind"] == "argument"


def test_taylor_needs_one_variable():
    with pytest.raises(ExpressionError):
        taylor_bundle(parse("x*y"), 0.0, 2)
