"""Parsing costs the same at every level of nesting: the work grows linearly with depth.

The work of a parse is counted, not timed: the number of Python function calls made
while parsing (sympy's included), with sympy's cache emptied first so that every count
starts from the same place. A formula twice as deep may cost at most a little more than
twice as much; before constant folding, ``sigmoid(sigmoid(...(1)...))`` doubled its cost
with every level (a 190-character one blocked the window for seconds).
"""

from __future__ import annotations

import sys

import pytest
from hypothesis import Phase, given, settings
from hypothesis import strategies as st
from sympy import Float
from sympy.core.cache import clear_cache

import visualizer.core.expression as expression_module
from visualizer.core.errors import ExpressionError
from visualizer.core.expression import MAX_NESTING_DEPTH, MAX_TEXT_LENGTH, parse

#: Nestings people write or paste, as (opening, closing) around an innermost argument.
NESTINGS = {
    "sigmoid": ("sigmoid(", ")"),
    "exp of minus": ("exp(-", ")"),
    "tanh": ("tanh(", ")"),
    "sinh over 9": ("sinh(", ")/9"),
    "log": ("log(2+", ")"),
    "sqrt": ("sqrt(1+", ")"),
    "power 0.5": ("(1+", ")^0.5"),
    "reciprocal": ("1/(1+", ")"),
    "softplus": ("softplus(", ")"),
    "gelu": ("gelu(", ")"),
    "abs": ("abs(1-", ")"),
    "bars": ("|1-", "|"),
    "max": ("max(0,", "-1)"),
    "min": ("min(1,", "+1)"),
    "square": ("(", ")^2"),
    "sin": ("sin(", ")"),
}
#: Innermost arguments: a constant (folded as it grows) and the variable.
INNERMOST = ("1", "x", "0.5")
#: How much more a formula twice as deep may cost (2 for exactly linear work).
DOUBLING_ALLOWANCE = 2.5
#: A depth past the levels sympy still simplifies (``MAX_EVALUATED_HEIGHT``).
SIMPLIFIED_DEPTH = 8


def nested(name: str, depth: int, innermost: str) -> str:
    opening, closing = NESTINGS[name]
    return opening * depth + innermost + closing * depth


class _TooMuchWork(BaseException):  # not swallowed by sympy's "except Exception"
    pass


def parse_work(text: str, budget: int = 2_000_000) -> int:
    """Python function calls made while parsing ``text`` (stops at ``budget``)."""
    clear_cache()
    calls = 0

    def count(frame, event, arg):
        nonlocal calls
        if event == "call":
            calls += 1
            if calls > budget:
                raise _TooMuchWork

    sys.setprofile(count)
    try:
        parse(text)
    except (_TooMuchWork, ExpressionError):  # a refusal's work counts as well
        pass
    finally:
        sys.setprofile(None)
    return calls


@pytest.fixture(autouse=True)
def no_deadline(monkeypatch):
    # Counting every call slows a parse several times: the work is what is checked here,
    # so the wall-clock budget must not cut a parse short.
    monkeypatch.setattr(expression_module, "MAX_PARSE_SECONDS", 1e9)


def depths(name: str, innermost: str) -> int:
    """The deepest nesting of ``name`` that the length and depth limits leave."""
    deepest = MAX_NESTING_DEPTH // 2
    while len(nested(name, 2 * deepest, innermost)) > MAX_TEXT_LENGTH:
        deepest -= 1
    return deepest


# No shrinking: a failing example is already small, and each try can take seconds.
@settings(max_examples=12, deadline=None, derandomize=True, phases=(Phase.generate,))
@given(
    name=st.sampled_from(sorted(NESTINGS)),
    innermost=st.sampled_from(INNERMOST),
    data=st.data(),
)
def test_twice_as_deep_costs_about_twice_as_much(name, innermost, data):
    depth = data.draw(st.integers(min_value=2, max_value=depths(name, innermost)), label="depth")
    parse_work(nested(name, 1, innermost))  # sympy's first-use set-up is not the formula's
    # sympy simplifies the first levels as it builds them, at a cost that grows faster
    # than the depth, up to the parser's height limit: that bounded part is allowed once.
    simplified = parse_work(nested(name, SIMPLIFIED_DEPTH, innermost))
    shallow = parse_work(nested(name, depth, innermost))
    allowed = DOUBLING_ALLOWANCE * shallow + simplified
    deep = parse_work(nested(name, 2 * depth, innermost), budget=int(2 * allowed))
    assert deep <= allowed, (
        f"{nested(name, 2 * depth, innermost)!r} costs {deep / shallow:.1f}x "
        f"{nested(name, depth, innermost)!r}"
    )


def test_a_190_character_nest_of_sigmoids_parses_to_its_value():
    # The file that blocked the window: each level of constant sigmoid doubled the work.
    text = nested("sigmoid", 20, "1")
    assert 180 <= len(text) <= 190
    value = 1.0
    for _ in range(20):
        value = 1 / (1 + 2.718281828459045**-value)
    assert float(parse(text).expr) == pytest.approx(value, rel=1e-12)
    assert parse_work(text) < 100_000


def test_only_tall_constants_become_floats():
    # What people type stays exact; a constant nested past the limit is its value.
    for text in ("sigmoid(1)", "x*gelu(1) + exp(-1/2)/sqrt(2pi)", "sin(sin(sin(sin(1))))"):
        assert parse(text).expr.atoms(Float) == set(), text
    folded = parse("sigmoid(sigmoid(sigmoid(1)))").expr
    assert folded.is_Float
    assert float(folded) == pytest.approx(0.6626302265192634, rel=1e-14)
