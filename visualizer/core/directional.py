"""The numbers at one point of f(x, y): gradient, directional derivative, Hessian.

Qt-free and sympy-free: everything here works on the compiled evaluators of a
:class:`visualizer.core.sampling.FunctionSet` (``scalars["fx"](x, y)`` and friends, NaN
where undefined), so the surface lab can call it on every frame of a drag.

Conventions
-----------
* An angle θ is in radians, measured from the +x axis towards +y, kept in [0, 2π).
* The unit direction of θ is u = (cos θ, sin θ); the directional derivative is
  D_u f = u · ∇f = ∂f/∂x cos θ + ∂f/∂y sin θ. It is largest (= |∇f|) along the
  gradient, smallest (= −|∇f|) opposite it, and zero along the level curve.
* Eigenvalues of the Hessian are returned in ascending order.
"""

from __future__ import annotations

import math
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass

import numpy as np

__all__ = [
    "FIELD_MODES",
    "GradientField",
    "PointDerivatives",
    "angle_of",
    "classify_hessian",
    "derivatives_at",
    "directional_derivative",
    "directional_profile",
    "gradient_field",
    "hessian_eigen",
    "line_through_box",
    "tangent_segment",
    "unit_vector",
]

#: How a gradient field's arrows are drawn: length proportional to |∇f|, or all of one
#: length (the magnitude then shows as colour).
FIELD_MODES = ("proportional", "normalised")

_TAU = 2.0 * math.pi


def unit_vector(angle: float) -> tuple[float, float]:
    """The unit vector u = (cos θ, sin θ) of ``angle`` (radians)."""
    return (math.cos(angle), math.sin(angle))


def angle_of(vector) -> float:
    """Direction of a 2-D vector as an angle in [0, 2π); NaN for the zero vector."""
    vx, vy = float(vector[0]), float(vector[1])
    if not (math.isfinite(vx) and math.isfinite(vy)) or (vx == 0.0 and vy == 0.0):
        return math.nan
    angle = math.atan2(vy, vx)
    return angle + _TAU if angle < 0.0 else angle


def directional_derivative(gradient, angle: float) -> float:
    """D_u f = u · ∇f for the unit vector u of ``angle``.

    A value within rounding error of zero (u along the level curve: cos and sin of an
    angle are each off by an ulp) is 0, not 5.6·10⁻¹⁷: the learner is told it vanishes.
    """
    fx, fy = float(gradient[0]), float(gradient[1])
    value = fx * math.cos(angle) + fy * math.sin(angle)
    if abs(value) <= 8 * sys.float_info.epsilon * (abs(fx) + abs(fy)):
        return 0.0
    return value


def directional_profile(gradient, angles) -> np.ndarray:
    """D_u f for every angle in ``angles`` (array): |∇f| cos(θ − θ_∇f), a sinusoid."""
    angles = np.asarray(angles, dtype=np.float64)
    return float(gradient[0]) * np.cos(angles) + float(gradient[1]) * np.sin(angles)


def classify_hessian(hxx: float, hxy: float, hyy: float) -> str:
    """The second-derivative test: ``minimum``, ``maximum``, ``saddle`` or ``degenerate``.

    The same rule (and tolerance) as the symbolic side uses for stationary points: the
    determinant decides, and a determinant below 1e-9 of the Hessian's squared scale
    counts as zero. At a point that is not stationary the answer describes the local
    curvature only ("curves up in every direction", ...).
    """
    if not all(math.isfinite(v) for v in (hxx, hxy, hyy)):
        return "degenerate"
    determinant = hxx * hyy - hxy * hxy
    scale = max(abs(hxx), abs(hyy), abs(hxy))
    if scale == 0.0 or abs(determinant) <= 1e-9 * scale * scale:
        return "degenerate"
    if determinant < 0:
        return "saddle"
    return "minimum" if hxx > 0 else "maximum"


def hessian_eigen(hxx: float, hxy: float, hyy: float) -> tuple[np.ndarray, np.ndarray]:
    """Eigenvalues (ascending) and unit eigenvectors (columns) of the symmetric Hessian.

    Returns
    -------
    values : ndarray, shape (2,)
        λ₁ ≤ λ₂ (NaN when an entry is not finite).
    vectors : ndarray, shape (2, 2)
        ``vectors[:, k]`` belongs to ``values[k]``.
    """
    matrix = np.array([[hxx, hxy], [hxy, hyy]], dtype=np.float64)
    if not np.isfinite(matrix).all():
        return np.full(2, np.nan), np.full((2, 2), np.nan)
    values, vectors = np.linalg.eigh(matrix)
    return values, vectors


@dataclass(frozen=True)
class PointDerivatives:
    """f and its first and second partial derivatives at one point.

    Attributes
    ----------
    x, y : float
        The point.
    value : float
        f(x, y) (NaN where undefined).
    gradient : (float, float)
        (∂f/∂x, ∂f/∂y).
    hessian : ((float, float), (float, float))
        ((f_xx, f_xy), (f_xy, f_yy)).
    """

    x: float
    y: float
    value: float
    gradient: tuple[float, float]
    hessian: tuple[tuple[float, float], tuple[float, float]]

    @property
    def finite(self) -> bool:
        """True when f and its gradient are finite here (the arrows can be drawn)."""
        return all(math.isfinite(v) for v in (self.value, *self.gradient))

    @property
    def gradient_norm(self) -> float:
        """|∇f|: the largest directional derivative."""
        return math.hypot(*self.gradient)

    @property
    def gradient_angle(self) -> float:
        """Direction of steepest ascent in [0, 2π); NaN where ∇f = 0 (or undefined)."""
        return angle_of(self.gradient)

    def directional_derivative(self, angle: float) -> float:
        """D_u f for the unit vector u of ``angle``."""
        return directional_derivative(self.gradient, angle)

    @property
    def eigenvalues(self) -> np.ndarray:
        """Eigenvalues of the Hessian, ascending."""
        (hxx, hxy), (_, hyy) = self.hessian
        return hessian_eigen(hxx, hxy, hyy)[0]

    @property
    def eigenvectors(self) -> np.ndarray:
        """Unit eigenvectors of the Hessian as columns, matching :attr:`eigenvalues`."""
        (hxx, hxy), (_, hyy) = self.hessian
        return hessian_eigen(hxx, hxy, hyy)[1]

    @property
    def curvature_kind(self) -> str:
        """:func:`classify_hessian` of the Hessian here."""
        (hxx, hxy), (_, hyy) = self.hessian
        return classify_hessian(hxx, hxy, hyy)


def derivatives_at(scalars: Mapping[str, Callable[..., float]], x: float, y: float) -> PointDerivatives:
    """Evaluate f, ∇f and the Hessian at (x, y).

    Parameters
    ----------
    scalars : mapping
        ``FunctionSet.scalars`` of a two-variable function: ``f, fx, fy, fxx, fxy, fyy``,
        each taking two floats and returning a float (NaN where undefined).
    x, y : float
    """
    x, y = float(x), float(y)
    fxy = scalars["fxy"](x, y)
    return PointDerivatives(
        x=x,
        y=y,
        value=scalars["f"](x, y),
        gradient=(scalars["fx"](x, y), scalars["fy"](x, y)),
        hessian=((scalars["fxx"](x, y), fxy), (fxy, scalars["fyy"](x, y))),
    )


def line_through_box(point, direction, x_range, y_range) -> tuple[float, float]:
    """Parameters (s_low, s_high) where the line p + s·d lies inside the rectangle.

    With a unit ``direction`` s is the signed distance from ``point``. When the point
    lies outside the rectangle the interval may not contain 0; when the line misses
    the rectangle, ``(0.0, 0.0)``.
    """
    low, high = -math.inf, math.inf
    for p, d, (a, b) in ((point[0], direction[0], x_range), (point[1], direction[1], y_range)):
        if abs(d) < 1e-15:
            if not a <= p <= b:
                return (0.0, 0.0)
            continue
        s1, s2 = (a - p) / d, (b - p) / d
        low, high = max(low, min(s1, s2)), min(high, max(s1, s2))
    if not low < high:
        return (0.0, 0.0)
    return (float(low), float(high))


def tangent_segment(
    s0: float, value: float, slope: float, half_width: float, limits=None, samples: int = 2
) -> tuple[np.ndarray, np.ndarray]:
    """A piece of the tangent line z = value + slope (s − s0) around s0.

    Parameters
    ----------
    half_width : float
        The piece spans at most [s0 − half_width, s0 + half_width].
    limits : (float, float), optional
        Keep z inside these bounds (shorten the piece symmetrically), so that a steep
        tangent does not shoot out of the plot.
    samples : int
        Points along the piece (2 for a straight line item).

    Returns
    -------
    s, z : ndarray
        Empty when value or slope is not finite.
    """
    if not (math.isfinite(value) and math.isfinite(slope)):
        return np.zeros(0), np.zeros(0)
    reach = float(half_width)
    if limits is not None and slope != 0.0:
        low, high = limits
        room = max(0.0, min(high - value, value - low))
        if room > 0.0:
            reach = min(reach, room / abs(slope))
    s = np.linspace(s0 - reach, s0 + reach, max(2, int(samples)))
    return s, value + slope * (s - s0)


@dataclass(frozen=True)
class GradientField:
    """Arrows of ∇f on a regular grid, ready to draw.

    Attributes
    ----------
    starts : ndarray, shape (m, 2)
        Tails (grid points where ∇f is finite).
    vectors : ndarray, shape (m, 2)
        Drawn arrows (already scaled, in data units).
    magnitudes : ndarray, shape (m,)
        |∇f| at each tail.
    fractions : ndarray, shape (m,)
        |∇f| relative to the largest in the field, in [0, 1] (for a colour map).
    spacing : float
        Distance between neighbouring tails (the longest arrow is about this long).
    """

    starts: np.ndarray
    vectors: np.ndarray
    magnitudes: np.ndarray
    fractions: np.ndarray
    spacing: float


def gradient_field(
    fx: Callable[[np.ndarray, np.ndarray], np.ndarray],
    fy: Callable[[np.ndarray, np.ndarray], np.ndarray],
    x_range,
    y_range,
    per_side: int,
    mode: str = "proportional",
    fill: float = 0.9,
) -> GradientField:
    """Sample ∇f on a ``per_side`` × ``per_side`` grid inset in the rectangle.

    Parameters
    ----------
    fx, fy : callable
        Array evaluators of ∂f/∂x and ∂f/∂y (``FunctionSet.arrays``).
    per_side : int
        Arrows along each axis (at least 2).
    mode : {"proportional", "normalised"}
        ``proportional``: length ∝ |∇f|, the longest ``fill`` × spacing (as a quiver
        plot scales). ``normalised``: every non-zero arrow ``fill`` × spacing long.
    fill : float
        Longest arrow as a fraction of the grid spacing: arrows never overlap.
    """
    if mode not in FIELD_MODES:
        raise ValueError(f"mode must be one of {', '.join(FIELD_MODES)}")
    per_side = max(2, int(per_side))
    (x_low, x_high), (y_low, y_high) = x_range, y_range
    # Inset by half a cell so that no arrow starts on the frame.
    step_x = (x_high - x_low) / per_side
    step_y = (y_high - y_low) / per_side
    xs = x_low + step_x * (np.arange(per_side) + 0.5)
    ys = y_low + step_y * (np.arange(per_side) + 0.5)
    grid_x, grid_y = np.meshgrid(xs, ys, indexing="ij")
    with np.errstate(all="ignore"):
        gx = np.broadcast_to(np.asarray(fx(grid_x, grid_y), dtype=np.float64), grid_x.shape).ravel()
        gy = np.broadcast_to(np.asarray(fy(grid_x, grid_y), dtype=np.float64), grid_x.shape).ravel()
    keep = np.isfinite(gx) & np.isfinite(gy)
    starts = np.column_stack([grid_x.ravel(), grid_y.ravel()])[keep]
    gx, gy = gx[keep], gy[keep]
    magnitudes = np.hypot(gx, gy)
    spacing = float(min(step_x, step_y))
    longest = float(magnitudes.max()) if magnitudes.size else 0.0
    if longest <= 0.0 or not math.isfinite(longest):
        zeros = np.zeros((len(starts), 2))
        return GradientField(starts, zeros, magnitudes, np.zeros(len(starts)), spacing)
    fractions = magnitudes / longest
    if mode == "proportional":
        scale = fill * spacing / longest
        vectors = np.column_stack([gx, gy]) * scale
    else:
        safe = np.where(magnitudes > 0.0, magnitudes, 1.0)
        vectors = np.column_stack([gx, gy]) * (fill * spacing / safe)[:, None]
        vectors[magnitudes == 0.0] = 0.0
    return GradientField(starts, vectors, magnitudes, fractions, spacing)
