"""The headless command line: JSON on stdout, exit 0, or exit 2 with an error object.

A few cases run ``python -m visualizer ...`` as a real subprocess (the way users call
it); the rest call :func:`visualizer.core.cli.main` in-process, which is faster.
"""

from __future__ import annotations

import json
import math
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from visualizer.core import cli

REPO = Path(__file__).resolve().parents[2]
# Evaluating sin(exp(x)) exactly at x = 1e6 needs exp(1e6) to 434,000 digits: minutes.
HANGING = ["sin(exp(x))", "--at", "1e6"]


def _have(*modules: str) -> bool:
    return all((REPO / "visualizer" / "core" / f"{m}.py").exists() for m in modules)


needs_core = pytest.mark.skipif(
    not _have("expression", "calculus", "codegen"),
    reason="the parser, calculus and codegen modules are not written yet",
)
needs_optimizers = pytest.mark.skipif(
    not _have("expression", "calculus", "codegen", "sampling", "optimizers"),
    reason="optimizers.py (or what it needs) is not written yet",
)


def run_module(*args: str, timeout: float = 60) -> tuple[int, dict, str]:
    """Run ``python -m visualizer ARGS``; return (exit status, parsed stdout, stderr)."""
    env = dict(os.environ, PYTHONPATH=str(REPO))
    done = subprocess.run(
        [sys.executable, "-m", "visualizer", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=timeout,
        cwd=REPO,
    )
    return done.returncode, json.loads(done.stdout), done.stderr


def run_main(capsys, *args: str) -> tuple[int, dict]:
    """Call ``cli.main(ARGS)`` in-process; return (exit status, parsed stdout)."""
    status = cli.main(list(args))
    out = capsys.readouterr().out
    return status, json.loads(out)


def assert_error(status: int, payload: dict, kind: str) -> dict:
    assert status == 2
    assert set(payload) == {"error"}
    error = payload["error"]
    assert set(error) == {"kind", "message", "position"}
    assert error["kind"] == kind
    assert isinstance(error["message"], str) and error["message"]
    return error


# -- through `python -m visualizer` --------------------------------------------------


@needs_core
def test_headless_commands_do_not_import_qt():
    code = (
        "import sys; from visualizer.__main__ import main; "
        "status = main(['analyze', 'x^2', '--at', '3']); "
        "assert 'PySide6' not in sys.modules, 'Qt was imported'; sys.exit(status)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env=dict(os.environ, PYTHONPATH=str(REPO)),
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["at"]["derivative"] == pytest.approx(6.0)


def test_bad_option_value_through_the_module():
    status, payload, _ = run_module("analyze", "x^2", "--at", "one")
    error = assert_error(status, payload, "argument")
    assert "--at" in error["message"]


@needs_core
def test_square_at_one():
    status, payload, _ = run_module("analyze", "x^2", "--at", "1")
    assert status == 0
    assert payload["variables"] == ["x"]
    at = payload["at"]
    assert at["x"] == pytest.approx(1.0)
    assert at["value"] == pytest.approx(1.0)
    assert at["derivative"] == pytest.approx(2.0)
    assert at["tangent"]["slope"] == pytest.approx(2.0)
    assert at["tangent"]["intercept"] == pytest.approx(-1.0)


@needs_core
def test_time_variable_is_reported_as_t():
    status, payload, _ = run_module("analyze", "5t^2+3t+2", "--at", "2")
    assert status == 0
    assert payload["variables"] == ["t"]
    assert payload["at"]["derivative"] == pytest.approx(23.0)  # 10t + 3
    assert payload["at"]["second_derivative"] == pytest.approx(10.0)


@needs_core
def test_gradient_and_directional_derivative():
    status, payload, _ = run_module(
        "analyze", "x^2+xy+y^2", "--at", "0.5,-0.4", "--direction", "1,1"
    )
    assert status == 0
    assert payload["variables"] == ["x", "y"]
    at = payload["at"]
    assert at["point"] == pytest.approx([0.5, -0.4])
    # grad = (2x + y, x + 2y) = (0.6, -0.3)
    assert at["gradient"] == pytest.approx([0.6, -0.3])
    assert at["gradient_norm"] == pytest.approx(math.hypot(0.6, -0.3))
    assert at["direction"] == pytest.approx([1 / math.sqrt(2), 1 / math.sqrt(2)])
    assert at["directional_derivative"] == pytest.approx(0.3 / math.sqrt(2))


@needs_core
def test_syntax_error_exits_2_with_a_position():
    status, payload, _ = run_module("analyze", "x^2 + (3*x")
    error = assert_error(status, payload, "syntax")
    # The English sentence of the contract, exactly: the GUI's translation templates
    # travel inside the program only, never on the command line.
    assert error == {"kind": "syntax", "message": "missing ')' to close the '(' at 7",
                     "position": 6}


@needs_core
def test_tower_of_powers_is_too_complex():
    status, payload, _ = run_module("analyze", "9^9^9^9")
    assert_error(status, payload, "too_complex")


@needs_core
def test_hanging_input_times_out():
    began = time.monotonic()
    status, payload, _ = run_module("analyze", *HANGING)
    assert_error(status, payload, "timeout")
    # The child's start-up plus CLI_TIMEOUT, and well short of sympy's minutes.
    assert time.monotonic() - began < cli.CLI_TIMEOUT + 10


# -- in-process ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "args, where",
    [
        (["analyze", "x", "--at", "1,2,3"], "--at"),
        (["analyze", "x", "--at", "nan"], "--at"),
        (["analyze", "x", "--direction", "0,0"], "--direction"),
        (["analyze", "x", "--direction", "1"], "--direction"),
        (["analyze", "x", "--taylor", "-1"], "--taylor"),
        (["analyze", "x", "--taylor", "2.5"], "--taylor"),
        (["analyze", "x", "--range", "3,1"], "--range"),
        (["analyze", "x", "--at"], "--at"),
        (["analyze", "x", "--bogus", "1"], "--bogus"),
        (["analyze"], "EXPR"),
        (["analyze", "x", "y"], "y"),
        (["descend", "x"], "--start"),
        (["descend", "x", "--start", "1", "--optimizer", "lbfgs"], "lbfgs"),
        (["descend", "x", "--start", "1", "--lr", "-0.1"], "--lr"),
        (["descend", "x", "--start", "1", "--steps", "ten"], "--steps"),
        (["descend", "x", "--start", "1", "--betas", "0.9"], "--betas"),
        (["descend", "x", "--start", "1", "--betas", "0.9,1.5"], "--betas"),
        (["frobnicate"], "frobnicate"),
        ([], "COMMAND"),
    ],
)
def test_bad_arguments_give_a_json_argument_error(capsys, args, where):
    status, payload = run_main(capsys, *args)
    error = assert_error(status, payload, "argument")
    assert where in error["message"]
    assert error["position"] is None


def test_export_without_its_required_options_is_an_argument_error(capsys):
    status, payload = run_main(capsys, "export", "x^2")
    error = assert_error(status, payload, "argument")
    assert "--view" in error["message"] and "--out" in error["message"]


def test_help_exits_0_with_usage(capsys):
    assert cli.main(["analyze", "--help"]) == 0
    assert "--direction" in capsys.readouterr().out


def test_values_and_expressions_may_start_with_a_minus():
    assert cli._normalise_argv(["analyze", "-x^2", "--at", "-1,2", "--range", "-3,3"]) == [
        "analyze",
        "--at=-1,2",
        "--range=-3,3",
        "--",
        "-x^2",
    ]
    args = cli.build_parser().parse_args(
        cli._normalise_argv(["descend", "-x^2-y^2", "--start", "-1,-2", "--path"])
    )
    assert args.expression == "-x^2-y^2"
    assert args.start == [-1.0, -2.0]
    assert args.path is True


def test_sanitise_turns_non_finite_numbers_into_null():
    import numpy as np

    data = {
        "a": float("nan"),
        "b": (1.0, float("inf"), -float("inf")),
        "c": np.float64(2.5),
        "d": np.array([1.0, np.nan]),
        "e": [True, None, "s", 3],
    }
    clean = cli.sanitise(data)
    assert clean == {"a": None, "b": [1.0, None, None], "c": 2.5, "d": [1.0, None],
                     "e": [True, None, "s", 3]}
    json.dumps(clean, allow_nan=False)  # would raise on NaN or Infinity


@needs_core
def test_one_variable_analysis_in_process(capsys):
    status, payload = run_main(capsys, "analyze", "x^3-3x", "--at", "2", "--taylor", "2")
    assert status == 0
    assert payload["at"]["derivative"] == pytest.approx(9.0)  # 3x^2 - 3
    assert payload["at"]["second_derivative"] == pytest.approx(12.0)  # 6x
    assert payload["taylor"]["order"] == 2
    assert payload["taylor"]["center"] == pytest.approx(2.0)
    stationary = sorted(payload["stationary_points"], key=lambda p: p["x"])
    assert [p["x"] for p in stationary] == pytest.approx([-1.0, 1.0])
    assert [p["kind"] for p in stationary] == ["maximum", "minimum"]


@needs_core
def test_hinge_loss_with_weight_decay_has_its_minimum_at_the_kink(capsys):
    # One side of the kink has slope 0: f' is still < 0 before it and > 0 after it.
    status, payload = run_main(capsys, "analyze", "max(0, 1 - x) + x^2/2")
    assert status == 0
    assert payload["stationary_points"] == [{"x": 1.0, "value": 0.5, "kind": "minimum"}]


def test_a_formula_like_an_option_is_told_to_follow_a_double_dash(capsys):
    status, payload = run_main(capsys, "analyze", "--x")
    assert status == 2
    assert payload["error"]["kind"] == "argument"
    assert "analyze -- --x" in payload["error"]["message"]


@needs_core
def test_a_formula_after_a_double_dash_is_the_formula(capsys):
    status, payload = run_main(capsys, "analyze", "--", "--x")
    assert status == 0
    assert payload["derivative"] == "1"
    status, payload = run_main(capsys, "analyze", "--", "-x")
    assert status == 0
    assert payload["derivative"] == "-1"


def test_help_says_how_to_give_a_formula_that_starts_with_a_minus(capsys):
    assert cli.main(["analyze", "--help"]) == 0
    assert "analyze -- -x^2" in " ".join(capsys.readouterr().out.split())  # as wrapped


@needs_core
def test_a_huge_power_of_x_is_refused_by_the_parser_not_by_the_clock(capsys):
    # It used to reach sympy's root finding and stop at the helper's 10 s time limit.
    status, payload = run_main(capsys, "analyze", "x**(10**10)")
    assert status == 2
    assert payload["error"]["kind"] == "too_complex"
    assert "at most 1000000" in payload["error"]["message"]


@needs_core
def test_negative_expression_and_point_in_process(capsys):
    status, payload = run_main(capsys, "analyze", "-x^2", "--at", "-1")
    assert status == 0
    assert payload["at"]["value"] == pytest.approx(-1.0)
    assert payload["at"]["derivative"] == pytest.approx(2.0)  # -2x at -1


@needs_core
def test_timeout_in_process(capsys, monkeypatch):
    monkeypatch.setattr(cli, "CLI_TIMEOUT", 1.0)
    status, payload = run_main(capsys, "analyze", *HANGING)
    error = assert_error(status, payload, "timeout")
    assert error["message"] == "too complex to analyse in time (over 1 s)"


@needs_optimizers
def test_descend_converges_with_a_small_learning_rate(capsys):
    status, payload = run_main(
        capsys, "descend", "x^2", "--start", "1", "--lr", "0.1", "--steps", "1000", "--path"
    )
    assert status == 0
    assert payload["optimizer"] == "sgd"
    assert payload["learning_rate"] == pytest.approx(0.1)
    assert payload["start"] == [1.0]
    assert payload["status"] == "converged"
    assert abs(payload["final"]["point"][0]) < 1e-6
    # x_{k+1} = x_k - 0.1 * 2 x_k = 0.8 x_k
    assert payload["path"][0] == [1.0]
    assert payload["path"][1] == pytest.approx([0.8])
    assert payload["path"][2] == pytest.approx([0.64])
    assert len(payload["path"]) == payload["steps_taken"] + 1


@needs_optimizers
def test_descend_diverges_with_a_large_learning_rate(capsys):
    status, payload = run_main(capsys, "descend", "x^2", "--start", "1", "--lr", "1.5")
    assert status == 0
    assert payload["status"] == "diverged"
    assert "path" not in payload
    json.dumps(payload, allow_nan=False)


@needs_optimizers
def test_descend_in_two_variables_with_adam(capsys):
    status, payload = run_main(
        capsys, "descend", "x^2+3y^2", "--start", "1,-1", "--optimizer", "adam",
        "--lr", "0.1", "--steps", "3000",
    )
    assert status == 0
    assert payload["optimizer"] == "adam"
    assert payload["final"]["point"] == pytest.approx([0.0, 0.0], abs=1e-3)


@needs_optimizers
def test_descend_start_must_match_the_variables(capsys):
    status, payload = run_main(capsys, "descend", "x^2+y^2", "--start", "1")
    error = assert_error(status, payload, "argument")
    assert "--start" in error["message"]
