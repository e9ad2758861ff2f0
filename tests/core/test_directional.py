"""Gradient, directional derivative and Hessian at a point, against known values."""

from __future__ import annotations

import math

import numpy as np
import pytest

from visualizer.core.calculus import function_bundle
from visualizer.core.directional import (
    angle_of,
    classify_hessian,
    derivatives_at,
    directional_derivative,
    directional_profile,
    gradient_field,
    hessian_eigen,
    line_through_box,
    tangent_segment,
    unit_vector,
)
from visualizer.core.expression import parse
from visualizer.core.sampling import FunctionSet


def compiled(text: str) -> FunctionSet:
    return FunctionSet.from_bundle(function_bundle(parse(text)))


@pytest.fixture(scope="module")
def bowl() -> FunctionSet:
    return compiled("x^2 + xy + y^2")


def test_the_chapters_example_gradient_at_half_minus_point_four(bowl):
    at = derivatives_at(bowl.scalars, 0.5, -0.4)
    assert at.value == pytest.approx(0.21)
    assert at.gradient == pytest.approx((0.6, -0.3))
    assert at.gradient_norm == pytest.approx(math.sqrt(0.45)) == pytest.approx(0.6708, abs=1e-4)
    assert at.gradient_angle == pytest.approx(math.atan2(-0.3, 0.6) + 2 * math.pi)
    assert at.hessian == ((2.0, 1.0), (1.0, 2.0))
    np.testing.assert_allclose(at.eigenvalues, [1.0, 3.0])
    assert at.curvature_kind == "minimum"
    assert at.finite


def test_gradient_matches_central_differences():
    functions = compiled("e^(xy) cos(x) sin(y)")
    f = functions.scalars["f"]
    h = 1e-6
    for x, y in ((0.3, -1.1), (1.2, 0.7), (-0.8, 0.2)):
        at = derivatives_at(functions.scalars, x, y)
        gx = (f(x + h, y) - f(x - h, y)) / (2 * h)
        gy = (f(x, y + h) - f(x, y - h)) / (2 * h)
        assert at.gradient == pytest.approx((gx, gy), rel=1e-6, abs=1e-8)
        # D_u f is the derivative of s -> f(p + s u) at s = 0.
        for angle in (0.0, 1.0, 2.5, 4.0):
            ux, uy = unit_vector(angle)
            numeric = (f(x + h * ux, y + h * uy) - f(x - h * ux, y - h * uy)) / (2 * h)
            assert at.directional_derivative(angle) == pytest.approx(numeric, rel=1e-6, abs=1e-8)


def test_directional_derivative_peaks_at_the_gradient(bowl):
    at = derivatives_at(bowl.scalars, 0.5, -0.4)
    angles = np.linspace(0.0, 2 * math.pi, 3601)
    profile = directional_profile(at.gradient, angles)
    best = angles[np.argmax(profile)]
    assert best == pytest.approx(at.gradient_angle, abs=2e-3)
    assert profile.max() == pytest.approx(at.gradient_norm, rel=1e-6)
    assert angles[np.argmin(profile)] == pytest.approx(at.gradient_angle - math.pi, abs=2e-3)
    # Zero along the level curve, perpendicular to the gradient.
    assert at.directional_derivative(at.gradient_angle + math.pi / 2) == pytest.approx(0, abs=1e-12)
    # ... exactly zero, as the readout prints it (not 5.6·10⁻¹⁷ from cos/sin rounding)
    for turn in (math.pi / 2, -math.pi / 2):
        assert directional_derivative((0.6, -0.3), math.atan2(-0.3, 0.6) + turn) == 0.0
    assert directional_derivative((0.6, -0.3), math.atan2(-0.3, 0.6) + 1.5) != 0.0
    assert directional_derivative((0.6, -0.3), 0.0) == pytest.approx(0.6)
    assert directional_derivative((0.6, -0.3), math.pi / 2) == pytest.approx(-0.3)


def test_angle_of_is_in_zero_to_two_pi_and_nan_for_zero():
    assert angle_of((1.0, 0.0)) == 0.0
    assert angle_of((0.0, -1.0)) == pytest.approx(1.5 * math.pi)
    assert angle_of((-1.0, 0.0)) == pytest.approx(math.pi)
    assert math.isnan(angle_of((0.0, 0.0)))
    assert math.isnan(angle_of((math.nan, 1.0)))


@pytest.mark.parametrize(
    ("hessian", "kind"),
    [
        ((2.0, 1.0, 2.0), "minimum"),
        ((-2.0, 0.0, -1.0), "maximum"),
        ((2.0, 0.0, -2.0), "saddle"),
        ((0.0, 1.0, 0.0), "saddle"),  # f = xy
        ((12.0, 0.0, 0.0), "degenerate"),  # x^4 + ... along a flat direction
        ((0.0, 0.0, 0.0), "degenerate"),
        ((math.nan, 0.0, 1.0), "degenerate"),
    ],
)
def test_classification_of_hessians(hessian, kind):
    # calculus.stationary_points_2d classifies with this same function.
    assert classify_hessian(*hessian) == kind


def test_saddle_and_eigen_decomposition():
    functions = compiled("x^2 - y^2")
    at = derivatives_at(functions.scalars, 0.0, 0.0)
    assert at.gradient == (0.0, 0.0)
    assert math.isnan(at.gradient_angle)
    assert at.curvature_kind == "saddle"
    values, vectors = hessian_eigen(3.0, 1.0, 3.0)
    np.testing.assert_allclose(values, [2.0, 4.0])
    matrix = np.array([[3.0, 1.0], [1.0, 3.0]])
    for k in range(2):
        np.testing.assert_allclose(matrix @ vectors[:, k], values[k] * vectors[:, k], atol=1e-12)
    assert np.isnan(hessian_eigen(math.inf, 0.0, 1.0)[0]).all()


def test_undefined_point_is_nan_not_an_exception():
    functions = compiled("xy + x/y")
    at = derivatives_at(functions.scalars, 1.0, 0.0)
    assert not at.finite
    assert math.isnan(at.value)


def test_line_through_box():
    # Along +x from the centre of [-2, 2] x [-1, 1].
    assert line_through_box((0.0, 0.0), (1.0, 0.0), (-2, 2), (-1, 1)) == pytest.approx((-2, 2))
    s = math.sqrt(0.5)
    low, high = line_through_box((0.0, 0.0), (s, s), (-2, 2), (-1, 1))
    assert (low, high) == pytest.approx((-math.sqrt(2), math.sqrt(2)))
    assert line_through_box((5.0, 5.0), (1.0, 0.0), (-2, 2), (-1, 1)) == (0.0, 0.0)
    low, high = line_through_box((0.5, -0.4), unit_vector(2.0), (-2, 2), (-2, 2))
    for end in (low, high):
        px, py = 0.5 + end * math.cos(2.0), -0.4 + end * math.sin(2.0)
        assert max(abs(px), abs(py)) == pytest.approx(2.0)


def test_tangent_segment_stays_inside_the_limits():
    s, z = tangent_segment(1.0, 3.0, 2.0, half_width=5.0)
    assert s.tolist() == [-4.0, 6.0] and z.tolist() == [-7.0, 13.0]
    s, z = tangent_segment(0.0, 1.0, 4.0, half_width=5.0, limits=(0.0, 2.0))
    assert z.min() == pytest.approx(0.0) and z.max() == pytest.approx(2.0)
    assert np.diff(z) / np.diff(s) == pytest.approx(4.0)
    assert tangent_segment(0.0, math.nan, 1.0, 1.0)[0].size == 0


def test_gradient_field_of_the_chapters_quiver(bowl):
    field = gradient_field(bowl.arrays["fx"], bowl.arrays["fy"], (-1, 1), (-1, 1), 20)
    assert field.starts.shape == (400, 2) and field.vectors.shape == (400, 2)
    gx = 2 * field.starts[:, 0] + field.starts[:, 1]
    gy = 2 * field.starts[:, 1] + field.starts[:, 0]
    np.testing.assert_allclose(field.magnitudes, np.hypot(gx, gy))
    # Proportional: parallel to the gradient, the longest 0.9 spacing long.
    lengths = np.hypot(*field.vectors.T)
    assert lengths.max() == pytest.approx(0.9 * field.spacing)
    np.testing.assert_allclose(lengths / lengths.max(), field.fractions)
    cross = field.vectors[:, 0] * gy - field.vectors[:, 1] * gx
    np.testing.assert_allclose(cross, 0.0, atol=1e-12)
    assert field.spacing == pytest.approx(0.1)
    assert field.starts[:, 0].min() == pytest.approx(-0.95)

    unit = gradient_field(bowl.arrays["fx"], bowl.arrays["fy"], (-1, 1), (-1, 1), 20, "normalised")
    np.testing.assert_allclose(np.hypot(*unit.vectors.T), 0.9 * unit.spacing)
    with pytest.raises(ValueError):
        gradient_field(bowl.arrays["fx"], bowl.arrays["fy"], (-1, 1), (-1, 1), 20, "sideways")


def test_gradient_field_skips_undefined_points_and_survives_a_flat_function():
    holes = compiled("xy + x/y")
    # Five per side puts one row of tails on y = 0, where x/y is undefined.
    field = gradient_field(holes.arrays["fx"], holes.arrays["fy"], (-1, 1), (-1, 1), 5)
    assert field.starts.shape == (20, 2) and np.isfinite(field.vectors).all()
    assert not np.any(field.starts[:, 1] == 0.0)
    flat = compiled("3 + 0y")
    field = gradient_field(flat.arrays["fx"], flat.arrays["fy"], (-1, 1), (-1, 1), 5)
    assert field.vectors.shape == (25, 2) and not field.vectors.any()
