"""Gradient descent and its relatives against trajectories computed by hand.

Every reference below is the update rule written out plainly from torch.optim's
documentation (and, for Newton, from the module's documented damping rule), with
plain lists and floats: nothing is shared with the implementation.
"""

from __future__ import annotations

import json
import math

import pytest

from visualizer.core.errors import ExpressionError
from visualizer.core.optimizers import (
    DEFAULTS,
    OPTIMIZERS,
    DescentSettings,
    Stepper,
    descend,
)

# -- functions, each as sources written by hand and as Python for the references --------

QUARTIC = {  # x^4 - 3x^2 + x: two minima, a maximum between them
    "variables": ["x"],
    "value": "(x**4) - 3.0*(x*x) + x",
    "gradient": ["4.0*(x**3) - 6.0*x + 1.0"],
    "hessian": [["12.0*(x*x) - 6.0"]],
}


def quartic_gradient(p):
    (x,) = p
    return [4 * x**3 - 6 * x + 1]


def quartic_hessian(p):
    (x,) = p
    return [[12 * x * x - 6]]


LOG_BUMP = {  # log(1 + x^2): flat far away, a minimum at 0
    "variables": ["x"],
    "value": "math.log(1.0 + x*x)",
    "gradient": ["2.0*x/(1.0 + x*x)"],
    "hessian": [["(2.0 - 2.0*x*x)/((1.0 + x*x)**2)"]],
}


def log_bump_gradient(p):
    (x,) = p
    return [2 * x / (1 + x * x)]


def log_bump_hessian(p):
    (x,) = p
    return [[(2 - 2 * x * x) / (1 + x * x) ** 2]]


BOWL = {  # x^2 + xy + y^2, the chapters' example
    "variables": ["x", "y"],
    "value": "x*x + x*y + y*y",
    "gradient": ["2.0*x + y", "x + 2.0*y"],
    "hessian": [["2.0", "1.0"], ["1.0", "2.0"]],
}


def bowl_gradient(p):
    x, y = p
    return [2 * x + y, x + 2 * y]


def bowl_hessian(p):
    return [[2.0, 1.0], [1.0, 2.0]]


WAVES = {  # sin(x)cos(y) + 0.1(x^2 + y^2): curved, indefinite in places
    "variables": ["x", "y"],
    "value": "math.sin(x)*math.cos(y) + 0.1*(x*x + y*y)",
    "gradient": [
        "math.cos(x)*math.cos(y) + 0.2*x",
        "-math.sin(x)*math.sin(y) + 0.2*y",
    ],
    "hessian": [
        ["-math.sin(x)*math.cos(y) + 0.2", "-math.cos(x)*math.sin(y)"],
        ["-math.cos(x)*math.sin(y)", "-math.sin(x)*math.cos(y) + 0.2"],
    ],
}


def waves_gradient(p):
    x, y = p
    return [math.cos(x) * math.cos(y) + 0.2 * x, -math.sin(x) * math.sin(y) + 0.2 * y]


def waves_hessian(p):
    x, y = p
    return [
        [-math.sin(x) * math.cos(y) + 0.2, -math.cos(x) * math.sin(y)],
        [-math.cos(x) * math.sin(y), -math.sin(x) * math.cos(y) + 0.2],
    ]


FUNCTIONS = {
    "quartic": (QUARTIC, quartic_gradient, quartic_hessian, [2.0]),
    "log_bump": (LOG_BUMP, log_bump_gradient, log_bump_hessian, [1.7]),
    "bowl": (BOWL, bowl_gradient, bowl_hessian, [1.0, -2.0]),
    "waves": (WAVES, waves_gradient, waves_hessian, [0.3, -0.2]),
}

# -- the documented update rules, written out -------------------------------------------


def hand_sgd(gradient, x, steps, lr, momentum=0.0, dampening=0.0, nesterov=False):
    """torch.optim.SGD: b_1 = g_1, b_t = mu b_{t-1} + (1 - tau) g_t; nesterov g + mu b."""
    path = [list(x)]
    buffer = None
    for t in range(1, steps + 1):
        g = gradient(x)
        if momentum != 0:
            if t > 1:
                buffer = [
                    momentum * b + (1 - dampening) * gi for b, gi in zip(buffer, g, strict=True)
                ]
            else:
                buffer = list(g)
            if nesterov:
                g = [gi + momentum * b for gi, b in zip(g, buffer, strict=True)]
            else:
                g = buffer
        x = [xi - lr * gi for xi, gi in zip(x, g, strict=True)]
        path.append(x)
    return path


def hand_adagrad(gradient, x, steps, lr, lr_decay=0.0, eps=1e-10):
    """torch.optim.Adagrad: state_sum += g^2, x -= clr g / (sqrt(state_sum) + eps)."""
    path = [list(x)]
    state_sum = [0.0] * len(x)
    for t in range(1, steps + 1):
        g = gradient(x)
        clr = lr / (1 + (t - 1) * lr_decay)
        state_sum = [s + gi * gi for s, gi in zip(state_sum, g, strict=True)]
        x = [
            xi - clr * gi / (math.sqrt(s) + eps) for xi, gi, s in zip(x, g, state_sum, strict=True)
        ]
        path.append(x)
    return path


def hand_rmsprop(gradient, x, steps, lr, alpha=0.99, eps=1e-8, momentum=0.0):
    """torch.optim.RMSprop: v = alpha v + (1 - alpha) g^2; b = mu b + g / (sqrt(v) + eps)."""
    path = [list(x)]
    v = [0.0] * len(x)
    buffer = [0.0] * len(x)
    for _ in range(steps):
        g = gradient(x)
        v = [alpha * vi + (1 - alpha) * gi * gi for vi, gi in zip(v, g, strict=True)]
        average = [math.sqrt(vi) + eps for vi in v]
        if momentum > 0:
            buffer = [momentum * b + gi / a for b, gi, a in zip(buffer, g, average, strict=True)]
            x = [xi - lr * b for xi, b in zip(x, buffer, strict=True)]
        else:
            x = [xi - lr * gi / a for xi, gi, a in zip(x, g, average, strict=True)]
        path.append(x)
    return path


def hand_adam(gradient, x, steps, lr, betas=(0.9, 0.999), eps=1e-8):
    """torch.optim.Adam: bias-corrected m_hat / (sqrt(v_hat) + eps)."""
    beta1, beta2 = betas
    path = [list(x)]
    m = [0.0] * len(x)
    v = [0.0] * len(x)
    for t in range(1, steps + 1):
        g = gradient(x)
        m = [beta1 * mi + (1 - beta1) * gi for mi, gi in zip(m, g, strict=True)]
        v = [beta2 * vi + (1 - beta2) * gi * gi for vi, gi in zip(v, g, strict=True)]
        m_hat = [mi / (1 - beta1**t) for mi in m]
        v_hat = [vi / (1 - beta2**t) for vi in v]
        x = [
            xi - lr * mh / (math.sqrt(vh) + eps) for xi, mh, vh in zip(x, m_hat, v_hat, strict=True)
        ]
        path.append(x)
    return path


def hand_newton(gradient, hessian, x, steps, lr=1.0):
    """x -= lr H^-1 g, with H + lambda I when its smallest eigenvalue is below tau."""
    path = [list(x)]
    for _ in range(steps):
        g, h = gradient(x), hessian(x)
        if len(x) == 1:
            eigenvalues = [h[0][0]]
        else:
            a, b, c = h[0][0], h[0][1], h[1][1]
            radius = math.sqrt(((a - c) / 2) ** 2 + b * b)
            eigenvalues = [(a + c) / 2 - radius, (a + c) / 2 + radius]
        smallest = min(eigenvalues)
        tau = 1e-6 * max(1.0, max(abs(e) for e in eigenvalues))
        if smallest >= tau:
            shift = 0.0
        elif smallest >= 0:
            shift = tau - smallest
        else:
            shift = tau - 2 * smallest
        if len(x) == 1:
            x = [x[0] - lr * g[0] / (h[0][0] + shift)]
        else:
            a, b, c = h[0][0] + shift, h[0][1], h[1][1] + shift
            det = a * c - b * b
            x = [x[0] - lr * (c * g[0] - b * g[1]) / det, x[1] - lr * (a * g[1] - b * g[0]) / det]
        path.append(x)
    return path


# (optimizer, descend's keyword arguments, reference builder(gradient, hessian, start, steps))
CASES = [
    ("sgd", {}, lambda g, h, x, n: hand_sgd(g, x, n, lr=1e-3)),
    ("sgd", {"lr": 0.05}, lambda g, h, x, n: hand_sgd(g, x, n, lr=0.05)),
    (
        "sgd",
        {"lr": 0.02, "momentum": 0.5, "dampening": 0.25},
        lambda g, h, x, n: hand_sgd(g, x, n, lr=0.02, momentum=0.5, dampening=0.25),
    ),
    ("momentum", {}, lambda g, h, x, n: hand_sgd(g, x, n, lr=1e-3, momentum=0.9)),
    (
        "momentum",
        {"lr": 0.03, "momentum": 0.7},
        lambda g, h, x, n: hand_sgd(g, x, n, lr=0.03, momentum=0.7),
    ),
    ("nesterov", {}, lambda g, h, x, n: hand_sgd(g, x, n, lr=1e-3, momentum=0.9, nesterov=True)),
    (
        "nesterov",
        {"lr": 0.04, "momentum": 0.6},
        lambda g, h, x, n: hand_sgd(g, x, n, lr=0.04, momentum=0.6, nesterov=True),
    ),
    ("adagrad", {}, lambda g, h, x, n: hand_adagrad(g, x, n, lr=1e-2)),
    (
        "adagrad",
        {"lr": 0.3, "lr_decay": 0.1, "eps": 1e-6},
        lambda g, h, x, n: hand_adagrad(g, x, n, lr=0.3, lr_decay=0.1, eps=1e-6),
    ),
    ("rmsprop", {}, lambda g, h, x, n: hand_rmsprop(g, x, n, lr=1e-2)),
    (
        "rmsprop",
        {"lr": 0.02, "alpha": 0.9, "eps": 1e-6, "momentum": 0.3},
        lambda g, h, x, n: hand_rmsprop(g, x, n, lr=0.02, alpha=0.9, eps=1e-6, momentum=0.3),
    ),
    ("adam", {}, lambda g, h, x, n: hand_adam(g, x, n, lr=1e-3)),
    (
        "adam",
        {"lr": 0.1, "betas": (0.8, 0.99), "eps": 1e-6},
        lambda g, h, x, n: hand_adam(g, x, n, lr=0.1, betas=(0.8, 0.99), eps=1e-6),
    ),
    ("newton", {}, lambda g, h, x, n: hand_newton(g, h, x, n)),
    ("newton", {"lr": 0.5}, lambda g, h, x, n: hand_newton(g, h, x, n, lr=0.5)),
]


def flat(path):
    return [c for point in path for c in point]


@pytest.mark.parametrize("function", sorted(FUNCTIONS))
@pytest.mark.parametrize(("optimizer", "options", "reference"), CASES)
def test_every_optimizer_follows_its_documented_rule(function, optimizer, options, reference):
    sources, gradient, hessian, start = FUNCTIONS[function]
    steps = 8
    expected = reference(gradient, hessian, start, steps)
    result = descend(
        sources, start, optimizer=optimizer, steps=steps, tol=0.0, record_path=True, **options
    )
    assert result["steps_taken"] == steps
    assert len(result["path"]) == steps + 1
    assert flat(result["path"]) == pytest.approx(flat(expected), rel=1e-12)
    assert result["final"]["point"] == pytest.approx(expected[-1], rel=1e-12)
    # The trajectory really moved: the comparison is not between two copies of the start.
    assert max(abs(a - b) for a, b in zip(expected[-1], start, strict=True)) > 1e-6


def test_the_stepper_takes_the_same_steps_and_names_torch_state():
    stepper = Stepper(WAVES, [0.3, -0.2], DescentSettings(optimizer="adam", lr=0.1, steps=6))
    records = [stepper.step() for _ in range(6)]
    expected = hand_adam(waves_gradient, [0.3, -0.2], 6, lr=0.1)
    assert [list(r.point) for r in records] == [pytest.approx(p, rel=1e-12) for p in expected[1:]]
    assert [list(p) for p in stepper.path] == [pytest.approx(p, rel=1e-12) for p in expected]
    assert records[-1].status == "max_steps" and stepper.finished
    assert records[2].status == "running" and records[2].step == 3
    last = records[-1]
    assert last.value == pytest.approx(
        math.sin(last.point[0]) * math.cos(last.point[1])
        + 0.1 * (last.point[0] ** 2 + last.point[1] ** 2),
        rel=1e-12,
    )
    assert list(last.gradient) == pytest.approx(waves_gradient(last.point), rel=1e-12)
    state = stepper.state
    assert state["step"] == 6 and len(state["exp_avg"]) == 2 and len(state["exp_avg_sq"]) == 2
    # Once finished, a step changes nothing.
    assert stepper.step() == last
    assert stepper.reset().step == 0 and stepper.status == "running"


@pytest.mark.parametrize(
    ("settings", "expected"),
    [
        (DescentSettings(optimizer="sgd"), {}),
        (DescentSettings(optimizer="momentum"), {"momentum_buffer": lambda g: g}),
        (DescentSettings(optimizer="adagrad"), {"step": 1, "sum": lambda g: g * g}),
        (
            DescentSettings(optimizer="rmsprop", alpha=0.9, momentum=0.5),
            {
                "square_avg": lambda g: 0.1 * g * g,
                "momentum_buffer": lambda g: g / (math.sqrt(0.1 * g * g) + 1e-8),
            },
        ),
        (
            DescentSettings(optimizer="adam"),
            {"step": 1, "exp_avg": lambda g: 0.1 * g, "exp_avg_sq": lambda g: 0.001 * g * g},
        ),
    ],
)
def test_the_stepper_shows_the_optimizer_state_under_torchs_names(settings, expected):
    stepper = Stepper(BOWL, [1.0, -2.0], settings)
    stepper.step()
    gradient = bowl_gradient([1.0, -2.0])
    state = stepper.state
    assert set(state) == set(expected)
    for name, rule in expected.items():
        if isinstance(rule, int):
            assert state[name] == rule
        else:
            assert list(state[name]) == pytest.approx([rule(g) for g in gradient], rel=1e-12)


def test_the_stepper_stops_where_descend_stops():
    result = descend(BOWL, [1.0, -2.0], optimizer="momentum", lr=0.1, steps=5000)
    stepper = Stepper(BOWL, [1.0, -2.0], DescentSettings(optimizer="momentum", lr=0.1, steps=5000))
    record = stepper.advance(10_000)
    assert result["status"] == record.status == "converged"
    assert record.step == result["steps_taken"]
    assert list(record.point) == result["final"]["point"]
    assert stepper.result()["message"] == result["message"]


# -- the chapters' example ---------------------------------------------------------------

CHAPTER = {  # log(x^4 + x^3 + 2) with its true derivative
    "variables": ["x"],
    "value": "math.log((x**4) + (x**3) + 2.0)",
    "gradient": ["(4.0*(x**3) + 3.0*(x*x))/((x**4) + (x**3) + 2.0)"],
    "hessian": [
        [
            "((12.0*(x*x) + 6.0*x)*((x**4) + (x**3) + 2.0) - (4.0*(x**3) + 3.0*(x*x))**2)"
            "/(((x**4) + (x**3) + 2.0)**2)"
        ]
    ],
}


def test_the_chapters_descent_ends_far_from_the_minimum():
    x = -9.41
    for _ in range(5000):
        x = x - 0.001 * (4 * x**3 + 3 * x**2) / (x**4 + x**3 + 2)
    result = descend(CHAPTER, [-9.41], lr=0.001, steps=5000)
    assert result["status"] == "max_steps"
    assert result["steps_taken"] == 5000
    assert result["final"]["point"][0] == pytest.approx(x, rel=1e-12)
    # 5000 small steps leave it near -6.868, nowhere near the minimum at -3/4.
    assert result["final"]["point"][0] == pytest.approx(-6.86804, abs=1e-5)
    assert result["final"]["value"] == pytest.approx(math.log(x**4 + x**3 + 2), rel=1e-12)
    slope = (4 * x**3 + 3 * x**2) / (x**4 + x**3 + 2)
    assert result["final"]["gradient_norm"] == pytest.approx(abs(slope), rel=1e-12)
    assert "0.606" in result["message"]
    # Given enough steps it does reach the minimum at x = -3/4.
    longer = descend(CHAPTER, [-9.41], lr=0.001, steps=100_000)
    assert longer["status"] == "converged"
    assert longer["final"]["point"][0] == pytest.approx(-0.75, abs=1e-9)


# -- why a run stops ---------------------------------------------------------------------

SQUARE = {"variables": ["x"], "value": "(x*x)", "gradient": ["2.0*x"], "hessian": [["2.0"]]}


def test_converged_after_the_steps_the_contraction_needs():
    # x_k = 0.8^k, |f'| = 2 * 0.8^k <= 1e-12 first at k = 127.
    expected = next(k for k in range(1000) if 2 * 0.8**k <= 1e-12)
    result = descend(SQUARE, [1.0], lr=0.1)
    assert result["status"] == "converged"
    assert result["steps_taken"] == expected == 127
    assert result["final"]["gradient_norm"] <= 1e-12
    assert result["final"]["point"][0] == pytest.approx(0.8**127, rel=1e-9)
    assert "converged" in result["message"] and "minimum" in result["message"]


def test_diverged_names_the_largest_stable_learning_rate():
    result = descend(SQUARE, [1.0], lr=1.5, steps=1000)
    assert result["status"] == "diverged"
    assert "learning rate too large" in result["message"]
    assert "2/f'' = 1" in result["message"]
    # x_k = (-2)^k: stopped long before overflow, at a finite point it really visited.
    k = result["steps_taken"]
    assert 0 < k < 1000
    assert result["final"]["point"][0] == pytest.approx((-2.0) ** k, rel=1e-12)
    assert result["final"]["value"] == pytest.approx(4.0**k, rel=1e-12)
    json.dumps(result, allow_nan=False)


def test_momentum_divergence_uses_the_heavy_ball_bound():
    # Heavy ball on f'' = 2 is stable for lr < 2(1 + mu)/f'' = 1.9 with mu = 0.9.
    stable = descend(SQUARE, [1.0], optimizer="momentum", lr=1.8, steps=20_000)
    assert stable["status"] == "converged"
    result = descend(SQUARE, [1.0], optimizer="momentum", lr=2.0, steps=20_000)
    assert result["status"] == "diverged"
    assert "2(1+μ)/f'' = 1.9" in result["message"]


def test_saddle_point_reached_along_its_ridge_is_reported():
    saddle = {
        "variables": ["x", "y"],
        "value": "x*x - y*y",
        "gradient": ["2.0*x", "-2.0*y"],
        "hessian": [["2.0", "0.0"], ["0.0", "-2.0"]],
    }
    result = descend(saddle, [1.0, 0.0], lr=0.1)
    assert result["status"] == "stopped"
    assert "saddle point" in result["message"]
    assert result["final"]["point"] == pytest.approx([0.0, 0.0], abs=1e-12)
    # Started off the ridge, the same descent escapes downhill without bound.
    escaped = descend(saddle, [1.0, 1e-3], lr=0.1, steps=10_000)
    assert escaped["status"] == "diverged"
    assert "decreases without bound" in escaped["message"]


def test_a_maximum_it_starts_on_stops_it_at_once():
    peak = {"variables": ["x"], "value": "-(x*x)", "gradient": ["-2.0*x"], "hessian": [["-2.0"]]}
    result = descend(peak, [0.0])
    assert result["status"] == "stopped"
    assert result["steps_taken"] == 0
    assert "maximum" in result["message"]
    assert result["final"] == {"point": [0.0], "value": 0.0, "gradient_norm": 0.0}


def test_a_flat_inflection_point_is_not_called_a_minimum():
    cube = {
        "variables": ["x"],
        "value": "(x**3)",
        "gradient": ["3.0*(x*x)"],
        "hessian": [["6.0*x"]],
    }
    result = descend(cube, [0.0])
    assert result["status"] == "stopped"
    assert "not a minimum" in result["message"]
    quartic = {
        "variables": ["x"],
        "value": "(x**4)",
        "gradient": ["4.0*(x**3)"],
        "hessian": [["12.0*(x*x)"]],
    }
    assert descend(quartic, [0.0])["status"] == "converged"


def test_leaving_the_domain_stops_before_the_step():
    log = {
        "variables": ["x"],
        "value": "math.log(x)",
        "gradient": ["(1.0/x)"],
        "hessian": [["-1.0/(x*x)"]],
    }
    # From 0.5 with lr 1 the step goes to 0.5 - 1/0.5 = -1.5, where log is undefined.
    result = descend(log, [0.5], lr=1.0)
    assert result["status"] == "stopped"
    assert "left the domain of f at x = -1.5" in result["message"]
    assert result["steps_taken"] == 0
    assert result["final"]["point"] == [0.5]
    assert result["final"]["value"] == pytest.approx(math.log(0.5))
    # A few steps in: the path ends at the last point inside the domain.
    later = descend(log, [3.0], lr=4.0, record_path=True)
    x = 3.0
    while x - 4.0 / x > 0:
        x -= 4.0 / x
    assert later["status"] == "stopped" and "left the domain" in later["message"]
    assert later["final"]["point"][0] == pytest.approx(x, rel=1e-12)
    assert later["path"][-1] == later["final"]["point"]


def test_a_point_where_the_derivative_fails_is_not_differentiable():
    root = {
        "variables": ["x"],
        "value": "math.sqrt(x)",
        "gradient": ["(1.0/(2.0*math.sqrt(x)))"],
        "hessian": [["(-0.25/(x*math.sqrt(x)))"]],
    }
    # From 1 with lr 2: 1 - 2 * 0.5 = 0, where sqrt is defined but its slope is infinite.
    result = descend(root, [1.0], lr=2.0)
    assert result["status"] == "stopped"
    assert "land on x = 0, where f is not differentiable" in result["message"]
    assert result["final"]["point"] == [1.0]
    # A gradient source that gives nan at the point says the same.
    nan_slope = {
        "variables": ["x"],
        "value": "(x*x)",
        "gradient": ["(math.nan if x == 0.0 else 2.0*x)"],
        "hessian": [["2.0"]],
    }
    result = descend(nan_slope, [1.0], lr=0.5)
    assert result["status"] == "stopped"
    assert "land on x = 0, where f is not differentiable" in result["message"]


def test_bouncing_across_a_kink_is_recognised():
    absolute = {
        "variables": ["x"],
        "value": "math.fabs(x)",
        "gradient": ["_sign(x)"],
        "hessian": [["0.0"]],
    }
    result = descend(absolute, [0.35], lr=0.1, steps=10_000)
    assert result["status"] == "stopped"
    assert "2-cycle" in result["message"] and "kink" in result["message"]
    assert "from -1 to 1" in result["message"]
    assert result["steps_taken"] < 200
    assert abs(result["final"]["point"][0]) == pytest.approx(0.05, rel=1e-9)


def test_a_smooth_two_cycle_blames_the_learning_rate():
    # lr = 1 = 2/f'' exactly: x -> -x for ever.
    result = descend(SQUARE, [1.0], lr=1.0, steps=10_000)
    assert result["status"] == "stopped"
    assert "2-cycle" in result["message"] and "kink" not in result["message"]
    assert "2/f'' = 1" in result["message"]
    assert abs(result["final"]["point"][0]) == 1.0
    # tol = 0 runs every step, and only then reports the cycle.
    exact = descend(SQUARE, [1.0], lr=1.0, steps=300, tol=0.0)
    assert exact["steps_taken"] == 300 and exact["status"] == "stopped"
    assert exact["final"]["point"] == [1.0]


def test_a_point_that_no_longer_moves_is_reported():
    far = {
        "variables": ["x"],
        "value": "((x - 1e+17)**2)",
        "gradient": ["2.0*(x - 1e+17)"],
        "hessian": [["2.0"]],
    }
    # Floats near 1e17 are 16 apart; steps of 0.128 cannot move the point.
    result = descend(far, [1e17 + 64.0], lr=1e-3)
    assert result["status"] == "stopped"
    assert "stopped moving" in result["message"]
    assert result["final"]["point"] == [1e17 + 64.0]
    assert result["final"]["gradient_norm"] == 128.0


def test_overflow_is_divergence():
    steep = {
        "variables": ["x"],
        "value": "math.exp(x*x)",
        "gradient": ["2.0*x*math.exp(x*x)"],
        "hessian": [["(2.0 + 4.0*x*x)*math.exp(x*x)"]],
    }
    result = descend(steep, [1.0], lr=10.0)
    assert result["status"] == "diverged"
    assert "overflow" in result["message"]
    assert result["final"]["point"] == [1.0]
    json.dumps(result, allow_nan=False)


def test_max_steps_gives_the_last_gradient_norm():
    result = descend(SQUARE, [1.0], lr=1e-3, steps=10)
    x = 0.998**10
    assert result["status"] == "max_steps"
    assert result["steps_taken"] == 10
    assert result["final"]["point"][0] == pytest.approx(x, rel=1e-12)
    assert result["final"]["gradient_norm"] == pytest.approx(2 * x, rel=1e-12)
    assert f"{2 * x:.6g}" in result["message"]


def test_tol_zero_runs_exactly_the_steps():
    result = descend(SQUARE, [1.0], lr=0.1, steps=2000, tol=0.0)
    assert result["steps_taken"] == 2000
    assert result["status"] == "max_steps"
    assert result["final"]["point"][0] == pytest.approx(0.8**2000, rel=1e-9)


def test_newton_minimises_a_quadratic_in_one_step_and_flees_a_maximum():
    result = descend(BOWL, [1.0, -2.0], optimizer="newton")
    assert result["status"] == "converged"
    assert result["steps_taken"] == 1
    assert result["final"]["point"] == pytest.approx([0.0, 0.0], abs=1e-15)
    # On -x^2 the damped Hessian is tau + 2 > 0: the step goes downhill, away from 0.
    peak = {"variables": ["x"], "value": "-(x*x)", "gradient": ["-2.0*x"], "hessian": [["-2.0"]]}
    path = descend(peak, [1.0], optimizer="newton", steps=1, tol=0.0, record_path=True)["path"]
    tau = 2e-6
    assert path[1][0] == pytest.approx(1.0 + 2.0 / (tau + 2.0), rel=1e-12)


def test_newton_damps_a_nearly_flat_curvature_by_one_rule_in_one_and_two_variables():
    # x^4 at 1e-4: f'' = 1.2e-7 lies in [0, tau) with tau = 1e-6, so the curvature used is
    # tau itself (it was tau + f'' in one variable and tau in two).
    x0 = 1e-4
    quartic = {"variables": ["x"], "value": "x**4", "gradient": ["4.0*x**3"],
               "hessian": [["12.0*x**2"]]}
    both = {"variables": ["x", "y"], "value": "x**4 + y**4",
            "gradient": ["4.0*x**3", "4.0*y**3"], "hessian": [["12.0*x**2", "0.0"],
                                                              ["0.0", "12.0*y**2"]]}
    one = descend(quartic, [x0], optimizer="newton", steps=1, tol=0.0, record_path=True)
    two = descend(both, [x0, x0], optimizer="newton", steps=1, tol=0.0, record_path=True)
    expected = x0 - 4 * x0**3 / 1e-6
    assert one["path"][1][0] == pytest.approx(expected, rel=1e-12)
    assert two["path"][1] == pytest.approx([expected, expected], rel=1e-12)


def test_a_time_variable_works_like_x():
    motion = {
        "variables": ["t"],
        "value": "5.0*(t*t) + 3.0*t + 2.0",
        "gradient": ["10.0*t + 3.0"],
        "hessian": [["10.0"]],
    }
    result = descend(motion, [2.0], lr=0.05)
    assert result["status"] == "converged"
    assert result["final"]["point"][0] == pytest.approx(-0.3, abs=1e-12)
    assert "t = " in result["message"]


def test_the_result_is_the_documented_json():
    result = descend(BOWL, [0.5, -0.4], optimizer="adam", steps=3, record_path=True)
    assert list(result) == [
        "optimizer",
        "learning_rate",
        "start",
        "steps_taken",
        "status",
        "message",
        "final",
        "path",
    ]
    assert result["optimizer"] == "adam" and result["learning_rate"] == 1e-3
    assert result["start"] == [0.5, -0.4] and result["path"][0] == [0.5, -0.4]
    assert set(result["final"]) == {"point", "value", "gradient_norm"}
    assert "path" not in descend(BOWL, [0.5, -0.4], steps=3)
    json.dumps(result, allow_nan=False)


# -- settings ----------------------------------------------------------------------------


def test_defaults_are_torchs_documented_ones():
    assert OPTIMIZERS == ("sgd", "momentum", "nesterov", "adagrad", "rmsprop", "adam", "newton")
    assert DEFAULTS["sgd"] == {"lr": 1e-3, "momentum": 0.0, "dampening": 0.0}
    assert DEFAULTS["adagrad"] == {"lr": 1e-2, "lr_decay": 0.0, "eps": 1e-10}
    assert DEFAULTS["rmsprop"] == {"lr": 1e-2, "alpha": 0.99, "eps": 1e-8, "momentum": 0.0}
    assert DEFAULTS["adam"] == {"lr": 1e-3, "betas": (0.9, 0.999), "eps": 1e-8}
    assert DEFAULTS["momentum"]["momentum"] == DEFAULTS["nesterov"]["momentum"] == 0.9
    assert DEFAULTS["newton"] == {"lr": 1.0}
    assert DescentSettings(optimizer="adam").betas == (0.9, 0.999)


@pytest.mark.parametrize(
    ("options", "start", "words"),
    [
        ({}, [math.nan], "finite"),
        ({}, [1.0, 2.0], "coordinate"),
        ({"lr": 0.0}, [1.0], "learning rate"),
        ({"lr": -1.0}, [1.0], "learning rate"),
        ({"lr": math.inf}, [1.0], "learning rate"),
        ({"lr": math.nan}, [1.0], "learning rate"),
        ({"steps": -1}, [1.0], "steps"),
        ({"steps": 2.5}, [1.0], "steps"),
        ({"tol": -1e-3}, [1.0], "tol"),
        ({"optimizer": "adam", "betas": (0.9, 1.0)}, [1.0], "beta2"),
        ({"optimizer": "adam", "betas": (-0.1, 0.9)}, [1.0], "beta1"),
        ({"optimizer": "adam", "eps": 0.0}, [1.0], "eps"),
        ({"optimizer": "rmsprop", "eps": -1e-8}, [1.0], "eps"),
        ({"optimizer": "adam", "momentum": 0.9}, [1.0], "no momentum"),
        ({"optimizer": "sgd", "betas": (0.9, 0.99)}, [1.0], "no betas"),
        ({"optimizer": "momentum", "momentum": 0.0}, [1.0], "momentum"),
        ({"optimizer": "momentum", "momentum": 1.0}, [1.0], "momentum"),
        ({"optimizer": "nesterov", "dampening": 0.5}, [1.0], "dampening"),
        ({"optimizer": "gd"}, [1.0], "unknown optimizer"),
    ],
)
def test_bad_settings_are_argument_errors(options, start, words):
    with pytest.raises(ExpressionError) as caught:
        descend(SQUARE, start, **options)
    assert caught.value.kind == "argument"
    assert words in caught.value.message


def test_a_start_outside_the_domain_is_a_domain_error():
    log = {
        "variables": ["x"],
        "value": "math.log(x)",
        "gradient": ["(1.0/x)"],
        "hessian": [["-1.0/(x*x)"]],
    }
    with pytest.raises(ExpressionError) as caught:
        descend(log, [-1.0])
    assert caught.value.kind == "domain"


def test_newton_needs_the_hessian():
    without = {key: value for key, value in SQUARE.items() if key != "hessian"}
    assert descend(without, [1.0], lr=0.1)["status"] == "converged"
    with pytest.raises(ExpressionError) as caught:
        descend(without, [1.0], optimizer="newton")
    assert caught.value.kind == "unsupported"


@pytest.mark.parametrize(
    "source",
    ["__import__('os')", "x.__class__", "(lambda: 1)()", "'text'", "[x]", "open", "math.__dict__"],
)
def test_sources_outside_the_scalar_language_are_refused(source):
    bad = dict(SQUARE, gradient=[source])
    with pytest.raises(ExpressionError) as caught:
        descend(bad, [1.0])
    assert caught.value.kind == "unsupported"


# -- torch itself, where it is installed -------------------------------------------------


@pytest.mark.parametrize(
    ("optimizer", "options"),
    [
        ("sgd", {"lr": 0.05}),
        ("momentum", {"lr": 0.02, "momentum": 0.8}),
        ("nesterov", {"lr": 0.02}),
        ("adagrad", {"lr": 0.1}),
        ("rmsprop", {"lr": 0.01}),
        ("adam", {"lr": 0.05, "betas": (0.8, 0.99)}),
    ],
)
def test_torch_optim_takes_the_same_steps(optimizer, options):
    torch = pytest.importorskip("torch")
    parameter = torch.tensor([0.3, -0.2], dtype=torch.float64, requires_grad=True)
    torch_options = dict(options)
    if optimizer in ("momentum", "nesterov"):
        torch_options.setdefault("momentum", 0.9)
        torch_options["nesterov"] = optimizer == "nesterov"
    kind = {
        "sgd": "SGD",
        "momentum": "SGD",
        "nesterov": "SGD",
        "adagrad": "Adagrad",
        "rmsprop": "RMSprop",
        "adam": "Adam",
    }
    torch_optimizer = getattr(torch.optim, kind[optimizer])([parameter], **torch_options)
    expected = []
    for _ in range(10):
        torch_optimizer.zero_grad()
        x, y = parameter[0], parameter[1]
        loss = torch.sin(x) * torch.cos(y) + 0.1 * (x * x + y * y)
        loss.backward()
        torch_optimizer.step()
        expected.append(parameter.detach().tolist())
    result = descend(
        WAVES, [0.3, -0.2], optimizer=optimizer, steps=10, tol=0.0, record_path=True, **options
    )
    assert flat(result["path"][1:]) == pytest.approx(flat(expected), rel=1e-12)
