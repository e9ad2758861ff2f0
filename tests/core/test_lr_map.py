"""The learning-rate map: every cell is the single run it claims to be.

The sources are written by hand (as in test_optimizers), so no helper process is needed.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

from visualizer.core.errors import ExpressionError
from visualizer.core.lr_map import (
    NOT_COMPUTED,
    LrMapResult,
    cell_settings,
    compute_lr_map,
    lr_map_spec,
    relative_loss,
)
from visualizer.core.optimizers import STATUSES, DescentSettings, descend

SQUARE = {"variables": ["x"], "value": "x*x", "gradient": ["2.0*x"], "hessian": [["2.0"]]}

ROSENBROCK = {
    "variables": ["x", "y"],
    "value": "(1.0 - x)**2 + 100.0*(y - x*x)**2",
    "gradient": ["-2.0*(1.0 - x) - 400.0*x*(y - x*x)", "200.0*(y - x*x)"],
    "hessian": [["2.0 - 400.0*(y - x*x) + 800.0*x*x", "-400.0*x"], ["-400.0*x", "200.0"]],
}

LOG_QUARTIC = {  # the chapters' log(x^4 + x^3 + 2)
    "variables": ["x"],
    "value": "math.log(x**4 + x**3 + 2.0)",
    "gradient": ["(4.0*x**3 + 3.0*x**2)/(x**4 + x**3 + 2.0)"],
    "hessian": [[
        "(12.0*x**2 + 6.0*x)/(x**4 + x**3 + 2.0) - (4.0*x**3 + 3.0*x**2)**2/(x**4 + x**3 + 2.0)**2"
    ]],
}

CONVERGED, MAX_STEPS, DIVERGED, STOPPED = (STATUSES.index(s) for s in STATUSES)


def assert_cell_is_single_run(result, sources, row, column):
    run = descend(sources, list(result.start), **cell_settings(result.spec, row, column))
    assert result.status_name(row, column) == run["status"]
    assert result.steps_taken[row, column] == run["steps_taken"]
    assert result.final_value[row, column] == run["final"]["value"]  # the same run: exact
    return run


def test_sgd_on_x_squared_diverges_exactly_beyond_the_stability_bound():
    # Heavy-ball SGD on f = x^2 (f'' = 2) converges iff lr < 2(1 + mu)/f'' = 1 + mu.
    spec = lr_map_spec("sgd", (0.05, 5.0), size=(21, 6), steps=300,
                       parameter_range=(0.0, 0.75))
    result = compute_lr_map(SQUARE, [3.0], spec)
    assert result.complete and not result.cancelled
    checked = 0
    for row, mu in enumerate(spec.parameters):
        for column, lr in enumerate(spec.learning_rates):
            bound = 1.0 + mu
            if abs(lr - bound) < 0.08 * bound:
                continue  # too close to the edge to settle or blow up in 300 steps
            status = result.status_name(row, column)
            if lr > bound:
                assert status == "diverged", (lr, mu, status)
            else:
                assert status in ("converged", "max_steps"), (lr, mu, status)
                assert abs(result.final_value[row, column]) < 1e-6
            checked += 1
    assert checked > 100
    counts = result.counts()
    assert counts["diverged"] > 10 and counts["converged"] > 10


def test_cells_agree_with_single_runs_converged_and_diverged():
    spec = lr_map_spec("sgd", (1e-4, 1e-2), size=(8, 4), steps=400)
    start = (-1.5, 2.0)
    result = compute_lr_map(ROSENBROCK, start, spec)
    statuses = {result.status_name(r, c) for r in range(4) for c in range(8)}
    assert {"diverged", "max_steps"} <= statuses
    diverged = np.argwhere(result.status == DIVERGED)[0]
    bounded = np.argwhere(result.status == MAX_STEPS)[-1]
    for row, column in (diverged, bounded, (0, 0), (3, 7)):
        run = assert_cell_is_single_run(result, ROSENBROCK, int(row), int(column))
        assert run["learning_rate"] == spec.learning_rates[column]
    # The diverged cell says why, as the single run does.
    row, column = (int(v) for v in diverged)
    run = descend(ROSENBROCK, list(start), **cell_settings(spec, row, column))
    assert "learning rate too large" in run["message"] or "grew" in run["message"]


def test_adam_map_rows_are_beta1_and_agree_with_single_runs():
    spec = lr_map_spec("adam", (1e-3, 1.0), size=(5, 3), steps=200, betas=(0.5, 0.99))
    assert spec.parameter == "beta1"
    settings = cell_settings(spec, 2, 1)
    assert settings["betas"] == (spec.parameters[2], 0.99)  # beta2 is kept
    assert spec.parameters[0] == 0.0 and math.isclose(spec.parameters[-1], 0.99)
    result = compute_lr_map(LOG_QUARTIC, [-9.41], spec)
    converged = np.argwhere(result.status == CONVERGED)
    assert len(converged) > 0
    for row, column in (converged[0], (0, 0), (2, 4)):
        assert_cell_is_single_run(result, LOG_QUARTIC, int(row), int(column))


def test_momentum_cells_with_mu_zero_are_plain_sgd():
    spec = lr_map_spec("nesterov", (0.01, 0.1), size=(2, 3), steps=50)
    assert cell_settings(spec, 0, 0)["optimizer"] == "sgd"
    assert cell_settings(spec, 0, 0)["momentum"] == 0.0
    assert cell_settings(spec, 1, 0)["optimizer"] == "nesterov"
    for row in range(3):
        for column in range(2):
            DescentSettings(**cell_settings(spec, row, column))  # every cell is valid


def test_optimizers_without_a_parameter_get_one_row():
    spec = lr_map_spec("newton", (0.1, 3.0), size=(7, 40), steps=100)
    assert spec.shape == (1, 7)
    result = compute_lr_map(SQUARE, [2.0], spec)
    # Newton on a quadratic: x <- (1 - lr) x, so it converges iff lr < 2.
    for column, lr in enumerate(spec.learning_rates):
        if abs(lr - 2.0) > 0.2:
            assert (result.status_name(0, column) == "diverged") == (lr > 2.0), lr


def test_cancel_between_rows_keeps_the_rows_done():
    spec = lr_map_spec("sgd", (0.01, 0.5), size=(6, 5), steps=100)
    seen = []

    def progress(done, total):
        seen.append((done, total))

    result = compute_lr_map(SQUARE, [3.0], spec, progress, cancelled=lambda: len(seen) >= 2)
    assert result.cancelled and not result.complete
    assert result.rows_done == 2
    assert seen == [(6, 30), (12, 30)]
    assert (result.status[:2] != NOT_COMPUTED).all()
    assert (result.status[2:] == NOT_COMPUTED).all()
    assert np.isnan(result.final_value[2:]).all()
    # Going on from where it stopped fills the rest, identically to a fresh map.
    resumed = compute_lr_map(SQUARE, [3.0], spec, result=result)
    fresh = compute_lr_map(SQUARE, [3.0], spec)
    assert resumed.complete
    np.testing.assert_array_equal(resumed.status, fresh.status)
    np.testing.assert_array_equal(resumed.final_value, fresh.final_value)


def test_relative_loss_colours_only_bounded_cells():
    spec = lr_map_spec("sgd", (0.1, 3.0), size=(5, 1), steps=200, parameter_range=(0.0, 0.0))
    result = compute_lr_map(SQUARE, [3.0], spec)
    loss = relative_loss(result)
    diverged = result.status == DIVERGED
    assert diverged.any() and np.isnan(loss[diverged]).all()
    bounded = ~diverged
    best = result.final_value[bounded].min()
    expected = np.log10(np.maximum(result.final_value[bounded] - best, 1e-12 * max(1, abs(best))))
    np.testing.assert_allclose(loss[bounded], expected)
    empty = LrMapResult.empty(spec, (3.0,))
    assert np.isnan(relative_loss(empty)).all()


@pytest.mark.parametrize(
    "kwargs, words",
    [
        ({"lr_range": (0.0, 1.0)}, "learning rates"),
        ({"lr_range": (1.0, 0.5)}, "learning rates"),
        ({"lr_range": (1e-3, math.inf)}, "learning rates"),
        ({"size": (0, 5)}, "cells a side"),
        ({"parameter_range": (0.0, 1.0)}, "[0, 1)"),
        ({"eps": -1.0}, "eps"),
        ({"steps": -3}, "steps"),
        ({"weight_decay": 0.1}, "cannot fix"),
    ],
)
def test_bad_maps_are_refused_with_a_message(kwargs, words):
    optimizer = "adam" if "eps" in kwargs else "sgd"
    with pytest.raises(ExpressionError) as caught:
        lr_map_spec(optimizer, **kwargs)
    assert caught.value.kind == "argument"
    assert words in caught.value.message


def test_a_start_outside_the_domain_is_an_error():
    sources = {"variables": ["x"], "value": "math.log(x)", "gradient": ["1.0/x"],
               "hessian": [["-1.0/(x*x)"]]}
    spec = lr_map_spec("sgd", (0.01, 0.1), size=(2, 2), steps=10)
    with pytest.raises(ExpressionError) as caught:
        compute_lr_map(sources, [-1.0], spec)
    assert caught.value.kind == "domain"
