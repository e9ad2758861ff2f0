"""``analyze EXPR --steps``: the derivation rule by rule, in the program's own language."""

from __future__ import annotations

import json

import pytest

from visualizer.core import cli
from visualizer.core.calculus import derivative
from visualizer.core.errors import ExpressionError
from visualizer.core.expression import parse
from visualizer.core.steps import RULES
from visualizer.core.symbols import X, Y
from visualizer.core.worker import SymbolicWorker

STEP_KEYS = {"rule", "target", "result", "latex", "variable"}


def run_main(capsys, *args: str) -> tuple[int, dict]:
    status = cli.main(list(args))
    return status, json.loads(capsys.readouterr().out)


def _values_agree(a, b, points=((0.37, 0.81), (1.21, -0.53), (-0.9, 1.7))) -> bool:
    for x, y in points:
        left = complex(a.evalf(20, subs={X: x, Y: y}))
        right = complex(b.evalf(20, subs={X: x, Y: y}))
        if abs(left - right) > 1e-9 * max(1.0, abs(right)):
            return False
    return True


def test_a_product_prints_a_product_step(capsys):
    status, payload = run_main(capsys, "analyze", "x^2*sin(x)", "--steps")
    assert status == 0
    steps = payload["steps"]
    assert [s["rule"] for s in steps] == ["product", "power", "trig", "simplify"]
    assert (steps[0]["target"], steps[0]["variable"]) == ("x**2*sin(x)", "x")
    assert steps[-1]["result"] == payload["derivative"]
    for step in steps:
        assert STEP_KEYS <= set(step)
        assert step["rule"] in RULES


@pytest.mark.parametrize("text", ["x^2*sin(x)", "sigmoid(x)", "log(x, 2)", "relu(x - 1)",
                                  "sin(x^2)*exp(-x)", "e^(xy) cos(x) sin(y)", "cbrt(x)"])
def test_target_and_result_parse_back_and_the_result_is_the_targets_derivative(capsys, text):
    status, payload = run_main(capsys, "analyze", text, "--steps")
    assert status == 0
    for step in payload["steps"]:
        var = {"x": X, "y": Y}[step["variable"]]
        target = parse(step["target"]).expr
        result = parse(step["result"]).expr
        assert _values_agree(result, derivative(target, var)), step


def test_partial_derivatives_are_derived_for_x_then_y(capsys):
    status, payload = run_main(capsys, "analyze", "x^2 + xy + y^2", "--steps")
    assert status == 0
    variables = [s["variable"] for s in payload["steps"]]
    assert variables == sorted(variables) and set(variables) == {"x", "y"}
    last_x = [s for s in payload["steps"] if s["variable"] == "x"][-1]
    assert last_x["result"] == payload["gradient"][0] == "2*x + y"


def test_the_two_ways_of_one_over_three_x_squared(capsys):
    status, payload = run_main(capsys, "analyze", "1/(3x^2)", "--steps")
    assert status == 0
    assert [w["way"] for w in payload["two_ways"]["ways"]] == ["power", "quotient"]
    assert payload["two_ways"]["agree"] is True


def test_without_the_option_there_are_no_steps(capsys):
    status, payload = run_main(capsys, "analyze", "x^2")
    assert status == 0 and "steps" not in payload


def test_a_function_without_steps_still_gets_its_derivative(capsys):
    status, payload = run_main(capsys, "analyze", "gelu(x)", "--steps")
    assert status == 0
    assert payload["derivative"]
    assert payload["steps"] is None
    assert payload["steps_error"]["kind"] == "unsupported"


def test_steps_past_the_time_limit_say_so_and_f_prime_is_still_printed(capsys, monkeypatch):
    original = SymbolicWorker.request

    def slow_steps(self, op, timeout=None, **params):
        if op == "steps":
            raise ExpressionError("timeout", "too complex to analyse in time (over 10 s)")
        return original(self, op, timeout, **params)

    monkeypatch.setattr(SymbolicWorker, "request", slow_steps)
    status, payload = run_main(capsys, "analyze", "sin(x)^2", "--steps")
    assert status == 0
    assert payload["derivative"] == "2*sin(x)*cos(x)"
    assert payload["steps"] is None
    assert payload["steps_error"] == {"kind": "timeout", "position": None,
                                      "message": "too long to show step by step"}


def test_the_worker_serves_steps_with_a_limit():
    with SymbolicWorker(timeout=20.0, spare=False) as worker:
        result = worker.request("steps", text=" + ".join(f"x^{k}" for k in range(1, 30)),
                                limit=5)
        assert len(result["steps"]) == 6 and result["more"] == {"x": 25}
        with pytest.raises(ExpressionError) as caught:
            worker.request("steps", text="x", limit=0)
        assert caught.value.kind == "argument"
