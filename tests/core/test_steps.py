"""Derivation steps: every step checks, names the rule of its target's shape, parses back.

The corpus is hand-written (the chapters' examples, the table of derivatives, the
activations and kinks) plus compositions generated from a fixed seed; hypothesis adds
compositions of its own. Each step is checked here independently of the module's own
check: its target and result are *parsed back* from their text with the program's
parser, and the result is compared with sympy's derivative of the parsed target.
"""

from __future__ import annotations

import math
import random

import pytest
import sympy
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from visualizer.core import steps as steps_module
from visualizer.core.calculus import derivative
from visualizer.core.errors import ExpressionError
from visualizer.core.expression import parse
from visualizer.core.steps import RULES, derivation, two_ways
from visualizer.core.symbols import T, X, Y

HAND_WRITTEN = [
    # the chapters' worked examples
    "x + 1", "x^2", "5t^2 + 3t + 2", "4x^2 + 2x + 1", "(x+1)^2 + (x+2)^2 + (x+3)^2",
    "1/2*9.8t^2", "2x^10", "x^3", "x^3 - 2x + 4", "x^5 - 2x^3 + x + 2",
    "x^3 + 2x^2 - 4x + 5", "(x^2 + 2x + 3)^2", "sin(x^3 - 3x)^2", "log(x^4 + x^3 + 2)",
    "1/(3x^2)", "2(4x - 5)^2 + 3", "x^2*sin(x)", "sin(x^2)*exp(-x)", "e^x", "sin(x)",
    "cos(x)", "x*y + x/y", "e^(xy) cos(x) sin(y)", "x^2 + xy + y^2", "x^4 + y^2",
    # the table of derivatives
    "tan(x)", "asin(x)", "acos(x)", "atan(x)", "arcsin(x)", "sinh(x)", "cosh(x)",
    "log(x)", "ln(x)", "log(x, 2)", "log(x, 10)", "2^x", "10^x", "pi^x", "e^(2x)",
    "sqrt(x)", "cbrt(x)", "1/x", "x^-3", "x^(1/3)", "x^pi", "x^x", "x^sin(x)",
    # activations and kinks
    "sigmoid(x)", "sigmoid(2x - 1)", "tanh(x)", "tanh(3x)", "softplus(x)", "softplus(-x)",
    "relu(x)", "relu(x - 1)", "|x|", "|x^2 - 4|", "max(x, x^2)", "min(x, 1 - x)",
    "sign(x)", "x*sigmoid(x)", "x*tanh(softplus(x))", "relu(sin(x))",
    # products, quotients, reciprocals, chains
    "x/(x+1)", "sin(x)/x", "(x^2 + 1)/(x - 1)", "1/(1 + x^2)", "1/sin(x)", "1/(1 + e^(-x))",
    "x*e^x*sin(x)", "(2x + 1)^5", "sqrt(1 - x^2)", "exp(sin(cos(x)))", "log(log(x + 3))",
    "sin(x)*cos(x)", "x^2*log(x)", "e^(-x^2/2)", "atan(1/x)", "3sin(2x) - 4cos(5x)",
    "-x^2", "-(x + 1)^3", "7", "pi", "2e", "x*y", "sin(x*y)", "exp(-(x^2 + y^2))",
    "log(x^2 + y^2 + 1)", "x^2*y^3", "y", "(1 - x)^2 + 100(y - x^2)^2",
    "(x^2 + y - 11)^2 + (x + y^2 - 7)^2", "x/(1 + y^2)", "tanh(x - y)", "sigmoid(x*y)",
]

UNARY = ["sin", "cos", "tan", "exp", "log", "sqrt", "atan", "tanh", "sigmoid", "softplus",
         "abs", "relu", "asin"]


def _generated(count: int, seed: int = 13) -> list[str]:
    """Compositions of the language's functions and operators, from a fixed seed."""
    rng = random.Random(seed)

    def build(depth: int) -> str:
        if depth == 0 or rng.random() < 0.25:
            return rng.choice(["x", "x", "2x", "x^2", "3", "(x + 1)", "pi*x"])
        kind = rng.random()
        if kind < 0.4:
            name = rng.choice(UNARY)
            inner = build(depth - 1)
            if name in ("log", "sqrt"):
                inner = f"1 + ({inner})^2"  # keep the function real on the sample points
            if name == "asin":
                inner = f"sin({inner})/2"
            return f"{name}({inner})"
        operator = rng.choice(["+", "-", "*", "/", "^"])
        left, right = build(depth - 1), build(depth - 1)
        if operator == "^":
            return f"({left})^{rng.choice(['2', '3', '-1', '1/2'])}"
        if operator == "/":
            right = f"(2 + ({right})^2)"
        return f"({left}) {operator} ({right})"

    texts: list[str] = []
    while len(texts) < count:
        text = build(3)
        if text not in texts and text not in HAND_WRITTEN:
            try:
                parse(text)
            except ExpressionError:
                continue
            texts.append(text)
    return texts


CORPUS = HAND_WRITTEN + _generated(90)
POINTS = (0.4173, 1.3319, -0.7717, 2.2417)


def _value(expr: sympy.Expr, x: float, y: float) -> complex:
    value = complex(expr.evalf(20, subs={X: x, Y: y, T: x}))
    return value


def _same_function(a: sympy.Expr, b: sympy.Expr) -> bool:
    """a = b at the sample points where both are defined (at least two of them)."""
    if a == b:
        return True
    compared = 0
    for x, y in zip(POINTS, reversed(POINTS), strict=True):
        try:
            left, right = _value(a, x, y), _value(b, x, y)
        except (TypeError, ValueError, ZeroDivisionError):
            continue
        if not (math.isfinite(abs(left)) and math.isfinite(abs(right))):
            continue
        if abs(left - right) > 1e-9 * max(1.0, abs(right)):
            return False
        compared += 1
    return compared >= 2


def _applies_to(expr: sympy.Expr, var: sympy.Symbol) -> bool:
    """Whether expr is one function applied to something (a chain's shape)."""
    return expr.is_Function or expr.is_Pow


def _shape_matches(rule: str, text: str, var: sympy.Symbol, outer_rule: str) -> bool:
    """Whether the named rule is the one a teacher applies to the target ``text`` first."""
    target = parse(text).expr
    depends = [a for a in target.args if a.has(var)]
    if rule == "constant":
        return not target.has(var)
    if rule == "constant_multiple":
        # Parsing -(x + 1)/g back distributes the minus sign into the sum.
        # and 2*(a + b) back into the sum: factor_terms finds the constant again.
        return (text.startswith("-")
                or sympy.factor_terms(target).as_independent(var, as_Add=False)[0] != 1)
    if rule == "sum":
        return target.is_Add
    if rule == "power":
        return target == var or (target.is_Pow and target.base == var and not target.exp.has(var))
    if rule == "exp":
        return target == sympy.exp(var) or (
            target.is_Pow and not target.base.has(var) and target.exp == var)
    if rule == "log":
        return sympy.log(var) in (target, *target.args) and not target.is_Add
    if rule == "trig":
        return isinstance(target, (sympy.sin, sympy.cos, sympy.tan, sympy.sinh, sympy.cosh)) \
            and target.args[0] == var
    if rule == "inverse_trig":
        return isinstance(target, (sympy.asin, sympy.acos, sympy.atan)) and target.args[0] == var
    if rule == "product":
        return target.is_Mul and len(depends) >= 2
    if rule == "quotient":
        return target.is_Mul and any(a.is_Pow and a.exp.is_negative for a in depends)
    if rule == "reciprocal":
        return target.is_Pow and target.exp == -1
    if rule == "chain":
        return _applies_to(target, var) and outer_rule in RULES and target != var
    if rule == "activation":
        return isinstance(target, sympy.tanh) or target.is_Pow or isinstance(target, sympy.log)
    if rule == "kink":
        return isinstance(target, (sympy.Abs, sympy.Max, sympy.Min, sympy.sign))
    return False


def _check_derivation(text: str) -> dict:
    parsed = parse(text)
    result = derivation(parsed, limit=None)
    dimension = 2 if set(parsed.variables) & {"y"} else 1
    variables = [X, Y] if dimension == 2 else [T if parsed.variables == ("t",) else X]
    for var, name in zip(variables, ("x", "y")[: len(variables)], strict=True):
        own = [step for step in result["steps"] if step["variable"] == name]
        assert own, f"{text}: no steps for {name}"
        assert own[-1]["rule"] == "simplify"
        assert parse(own[-1]["target"]).expr == parsed.expr or _same_function(
            parse(own[-1]["target"]).expr, parsed.expr)
        assert _same_function(parse(own[-1]["result"]).expr, derivative(parsed.expr, var)), \
            f"{text}: the last result is not f′"
        assert own[0]["depth"] == 0
        for step in own:
            assert step["rule"] in RULES
            assert step["checked"] in ("symbolic", "numeric")
            target = parse(step["target"]).expr  # parses back: the function language
            found = parse(step["result"]).expr
            assert _same_function(found, derivative(target, var)), \
                f"{text}: {step['rule']} step {step['target']} -> {step['result']} is wrong"
            if step["rule"] != "simplify":
                assert _shape_matches(step["rule"], step["target"], var, step["outer_rule"]), \
                    f"{text}: rule {step['rule']} does not fit {step['target']}"
            assert step["latex"].startswith(r"\frac{")
    return result


def test_the_corpus_has_at_least_150_functions():
    assert len(set(CORPUS)) >= 150


@pytest.mark.parametrize("text", CORPUS)
def test_every_step_checks_fits_its_rule_and_ends_in_f_prime(text):
    if "gelu" in text:
        pytest.fail("gelu has no steps")
    _check_derivation(text)


def test_a_product_gives_a_product_step_then_its_factors():
    steps = derivation(parse("x^2*sin(x)"))["steps"]
    assert [s["rule"] for s in steps] == ["product", "power", "trig", "simplify"]
    assert steps[0]["parts"] == {"f": "x**2", "g": "sin(x)"}
    assert [s["depth"] for s in steps] == [0, 1, 1, 0]


def test_the_chain_rule_names_outer_and_inner():
    steps = derivation(parse("sin(x^2)*exp(-x)"))["steps"]
    chain = next(s for s in steps if s["rule"] == "chain" and s["outer_rule"] == "trig")
    assert chain["target"] == "sin(x**2)"
    assert chain["parts"] == {"inner": "x**2", "outer": "sin(x)"}
    assert chain["result"] == "2*x*cos(x**2)"


def test_a_sum_is_split_into_its_terms_in_the_order_written():
    steps = derivation(parse("x^3 + 2x^2 - 4x + 5"))["steps"]
    assert steps[0]["rule"] == "sum"
    assert steps[0]["parts"]["terms"] == ["x**3", "2*x**2", "-4*x", "5"]
    assert steps[-1]["result"] == "3*x**2 + 4*x - 4"


@pytest.mark.parametrize(
    ("text", "rule", "result", "latex_piece"),
    [
        ("sigmoid(x)", "activation", "(1 - sigmoid(x))*sigmoid(x)", r"\sigma\left(x\right)"),
        ("tanh(x)", "activation", "1 - tanh(x)**2", r"1 - \tanh^{2} x"),
        ("tan(x)", "trig", "tan(x)**2 + 1", r"\sec^{2} x = 1 + \tan^{2} x"),
        ("2^x", "exp", "2**x*log(2)", r"2^{x} \log{\left(2 \right)}"),
        ("log(x, 2)", "log", "1/(x*log(2))", r"\frac{1}{x \log{\left(2 \right)}}"),
        ("softplus(x)", "activation", "sigmoid(x)", r"\sigma\left(x\right)"),
        ("|x|", "kink", "sign(x)", r"x \ne 0"),
    ],
)
def test_textbook_forms(text, rule, result, latex_piece):
    first = derivation(parse(text))["steps"][0]
    assert (first["rule"], first["result"]) == (rule, result)
    assert latex_piece in first["latex"]


def test_sigmoid_ends_in_the_form_the_program_shows():
    last = derivation(parse("sigmoid(x)"))["steps"][-1]
    assert last["rule"] == "simplify"
    assert last["result"] == "exp(-x)/(1 + exp(-x))**2"


def test_partial_derivatives_treat_the_other_variable_as_a_constant():
    result = derivation(parse("e^(xy) cos(x) sin(y)"))
    by_x = [s for s in result["steps"] if s["variable"] == "x"]
    by_y = [s for s in result["steps"] if s["variable"] == "y"]
    assert by_x[0]["rule"] == by_y[0]["rule"] == "constant_multiple"
    assert by_x[0]["parts"]["c"] == "sin(y)" and by_y[0]["parts"]["c"] == "cos(x)"
    assert r"\frac{\partial }{\partial x}" in by_x[0]["latex"]


def test_one_over_three_x_squared_two_ways_agree():
    ways = two_ways(parse("1/(3x^2)").expr, X)
    assert [w["way"] for w in ways["ways"]] == ["power", "quotient"]
    assert ways["agree"] is True
    quotient = ways["ways"][1]["steps"]
    assert quotient[0]["rule"] == "quotient" and quotient[0]["parts"] == {"f": "1/3", "g": "x**2"}
    assert quotient[0]["result"] == ways["ways"][0]["steps"][0]["result"] == "-2/(3*x**3)"


def test_chain_rule_and_expanding_first_agree():
    result = derivation(parse("2(4x - 5)^2 + 3"))
    ways = result["two_ways"]
    assert [w["way"] for w in ways["ways"]] == ["chain", "expand"]
    assert ways["ways"][1]["start"] == "32*x**2 - 80*x + 53"
    assert ways["agree"] is True
    assert "chain" in [s["rule"] for s in ways["ways"][0]["steps"]]
    assert "chain" not in [s["rule"] for s in ways["ways"][1]["steps"]]
    assert ways["ways"][0]["steps"][-1]["result"] == ways["ways"][1]["steps"][-1]["result"]


def test_a_long_derivation_shows_the_first_steps_and_counts_the_rest():
    text = " + ".join(f"x^{k}" for k in range(1, 40))
    result = derivation(parse(text), limit=10)
    assert len(result["steps"]) == 11 and result["steps"][-1]["rule"] == "simplify"
    assert result["more"] == {"x": 30}


def test_a_function_outside_the_rules_is_refused_by_name():
    with pytest.raises(ExpressionError) as caught:
        derivation(parse("gelu(x)"))
    assert caught.value.kind == "unsupported" and "erf" in caught.value.message


def test_a_wrong_step_is_never_shown(monkeypatch):
    """Break the table of derivatives (cos′ = sin): the derivation is refused."""
    original = steps_module._Deriver.outer

    def wrong_cos(self, expr, u):
        found = original(self, expr, u)
        if isinstance(expr, sympy.cos):
            return found[0], found[1], found[2], sympy.sin(u)
        return found

    monkeypatch.setattr(steps_module._Deriver, "outer", wrong_cos)
    with pytest.raises(ExpressionError) as caught:
        derivation(parse("x + cos(x)"))
    assert "did not check" in caught.value.message


@st.composite
def compositions(draw, depth=3):
    if depth == 0 or draw(st.integers(0, 3)) == 0:
        return draw(st.sampled_from(["x", "2x", "x^2", "5", "(x - 1)", "e"]))
    if draw(st.booleans()):
        name = draw(st.sampled_from(UNARY))
        inner = draw(compositions(depth - 1))
        if name in ("log", "sqrt"):
            inner = f"2 + ({inner})^2"
        if name == "asin":
            inner = f"cos({inner})/3"
        return f"{name}({inner})"
    operator = draw(st.sampled_from(["+", "-", "*", "/"]))
    left, right = draw(compositions(depth - 1)), draw(compositions(depth - 1))
    if operator == "/":
        right = f"(3 + ({right})^2)"
    return f"({left}) {operator} ({right})"


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(compositions())
def test_generated_compositions_derive_step_by_step(text):
    try:
        parse(text)
    except ExpressionError:
        assume(False)
    _check_derivation(text)
