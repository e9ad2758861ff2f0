"""The function language: what valid text means, and what a malformed text is told.

Expected expressions are built here with sympy operators on sympy objects (never from
strings). Property tests generate a formula's text *and* its expected sympy object
together, and check derivatives against central differences.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import mpmath
import pytest
import sympy
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sympy import Abs, E, Integer, Max, Min, Rational, erf, exp, log, pi, sign, sin, sqrt

import visualizer.core.expression as expression_module
from visualizer.core.errors import ERROR_KINDS, ExpressionError
from visualizer.core.expression import (
    FUNCTION_HELP,
    FUNCTION_NAMES,
    MAX_NESTING_DEPTH,
    MAX_TEXT_LENGTH,
    ParsedExpression,
    parse,
)
from visualizer.core.symbols import T, X, Y

# -- valid input -------------------------------------------------------------------------

VALID = [
    ("2x^2", 2 * X**2),
    ("x²+1", X**2 + 1),
    ("x³ - x⁻¹", X**3 - 1 / X),
    ("x⁺²", X**2),
    ("|x|", Abs(X)),
    ("||x|-1|", Abs(Abs(X) - 1)),
    ("|x - |y||", Abs(X - Abs(Y))),
    ("2|x|", 2 * Abs(X)),
    ("|x||y|", Abs(X) * Abs(Y)),
    ("(x+1)(x-1)", (X + 1) * (X - 1)),
    ("x(x+1)", X * (X + 1)),
    ("[x+1]^2", (X + 1) ** 2),
    ("3sin(x)", 3 * sin(X)),
    ("xsin(x)", X * sin(X)),
    ("2pi", 2 * pi),
    ("2π", 2 * pi),
    ("pi x", pi * X),
    ("xy", X * Y),
    ("x y", X * Y),
    ("x*y", X * Y),
    ("e", E),
    ("e^x", exp(X)),
    ("e^(2x)", exp(2 * X)),
    ("2e", 2 * E),
    ("2ex", 2 * E * X),
    ("1e-3", Rational(1, 1000)),
    ("2E5", Integer(200000)),
    ("2e3x", 2000 * X),
    ("1.5e+2", Integer(150)),
    (".5x", X / 2),
    ("2.x", 2 * X),
    ("0.1", Rational(1, 10)),
    ("0.000120", Rational(12, 100000)),
    ("1000000000000000", Integer(10**15)),
    ("-x^2", -(X**2)),
    ("-2^2", Integer(-4)),
    ("2^-1", Rational(1, 2)),
    ("2^3^2", Integer(512)),
    ("2**3**2", Integer(512)),
    ("x^-2", X**-2),
    ("2^-x^2", 2 ** (-(X**2))),
    ("x^y^2", X ** (Y**2)),
    ("1/2x", X / 2),
    ("x/2/3", X / 6),
    ("2*-x", -2 * X),
    ("+x", X),
    ("--x", X),
    ("x - -1", X + 1),
    ("-" * 99 + "x", -X),
    ("log(8, 2)", Integer(3)),
    ("log(x)", log(X)),
    ("ln(x)", log(X)),
    ("log(x, 10)", log(X) / log(10)),
    ("log(x, e)", log(X)),
    ("cbrt(-8)", Integer(-2)),
    ("cbrt(x)", sign(X) * Abs(X) ** Rational(1, 3)),
    ("arcsin(x) + asin(x)", 2 * sympy.asin(X)),
    ("arccos(x) - acos(x)", Integer(0)),
    ("arctan(x)", sympy.atan(X)),
    ("sqrt(x)", sqrt(X)),
    ("sqrt(4)", Integer(2)),
    ("abs(x)", Abs(X)),
    ("sign(x)", sign(X)),
    ("max(x, y, 1)", Max(X, Y, 1)),
    ("min(x, 0)", Min(X, 0)),
    ("relu(x)", Max(0, X)),
    ("sigmoid(x)", 1 / (1 + exp(-X))),
    ("softplus(x)", log(1 + exp(X))),
    ("gelu(x)", X / 2 * (1 + erf(X / sqrt(2)))),
    ("sinh(x) + cosh(x) + tanh(x)", sympy.sinh(X) + sympy.cosh(X) + sympy.tanh(X)),
    ("tan(x)", sympy.tan(X)),
    ("exp(-x^2)", exp(-(X**2))),
    ("sin(x)²", sin(X) ** 2),
    ("5t^2 + 3t + 2", 5 * T**2 + 3 * T + 2),
    ("y", Y),
    # what people paste
    ("ｓｉｎ（ｘ）", sin(X)),
    ("ｘ＾２＋１", X**2 + 1),
    ("x\u00a0+\u20031", X + 1),
    ("x\t+\u30001", X + 1),
    ("2×x − 3÷y", 2 * X - 3 / Y),
    ("x·y", X * Y),
    ("x⋅y", X * Y),
    ("x – 1", X - 1),
    ("  x  ", X),
]


@pytest.mark.parametrize(("text", "expected"), VALID, ids=[t for t, _ in VALID])
def test_valid_text_parses_to_the_expression_it_says(text, expected):
    parsed = parse(text)
    assert isinstance(parsed, ParsedExpression)
    assert parsed.text == text
    assert parsed.expr == expected


@pytest.mark.parametrize(
    ("text", "variables"),
    [
        ("2", ()),
        ("2pi + e", ()),
        ("x", ("x",)),
        ("y*x", ("x", "y")),
        ("x + y", ("x", "y")),
        ("y^2", ("y",)),
        ("t^2", ("t",)),
        ("x - x", ("x",)),  # what was written counts, even when it cancels
    ],
)
def test_variables_are_the_sorted_names_written(text, variables):
    assert parse(text).variables == variables


def test_a_cancelled_variable_still_gives_a_valid_expression():
    parsed = parse("x - x + 3")
    assert parsed.expr == 3 and parsed.variables == ("x",)


def test_parsed_expression_is_immutable():
    parsed = parse("x")
    with pytest.raises(AttributeError):
        parsed.text = "y"  # type: ignore[misc]


@pytest.mark.parametrize(
    ("text", "point", "value"),
    [
        ("relu(x)", -2.0, 0.0),
        ("relu(x)", 3.0, 3.0),
        ("sigmoid(x)", 0.0, 0.5),
        ("sigmoid(x)", 0.3, 1 / (1 + math.exp(-0.3))),
        ("sigmoid(x)", -2.0, 1 / (1 + math.exp(2.0))),
        ("softplus(x)", 0.0, math.log(2.0)),
        ("softplus(x)", 1.5, math.log(1 + math.exp(1.5))),
        ("gelu(x)", 1.0, 0.8413447460685429),  # x * Phi(x), Phi the normal CDF
        ("gelu(x)", -1.0, -0.15865525393145707),
        ("gelu(x)", 0.0, 0.0),
        ("cbrt(x)", -27.0, -3.0),
        ("cbrt(x)", 8.0, 2.0),
        ("log(x, 2)", 8.0, 3.0),
        ("x^(1/3)", 8.0, 2.0),
        ("tanh(x)", 0.5, math.tanh(0.5)),
    ],
)
def test_functions_have_their_textbook_values(text, point, value):
    expr = parse(text).expr
    assert float(expr.subs(X, point)) == pytest.approx(value, rel=1e-12, abs=1e-15)


def test_every_function_name_parses_and_has_help():
    assert {
        "sin", "cos", "tan", "asin", "acos", "atan", "arcsin", "arccos", "arctan",
        "sinh", "cosh", "tanh", "exp", "log", "ln", "sqrt", "cbrt", "abs", "sign",
        "max", "min", "relu", "sigmoid", "softplus", "gelu",
    } == set(FUNCTION_NAMES)  # fmt: skip
    for name in FUNCTION_NAMES:
        text = f"{name}(x, y)" if name in ("max", "min") else f"{name}(x)"
        parsed = parse(text)
        assert parsed.expr.has(X), name
        assert FUNCTION_HELP[name].startswith(name), name


# -- malformed input ---------------------------------------------------------------------

ERRORS = [
    # text, kind, position, a piece of the message
    ("", "syntax", None, "empty input"),
    ("   ", "syntax", None, "empty input"),
    ("x+", "syntax", 1, "missing a term after '+' at 2"),
    ("(x+1", "syntax", 0, "missing ')' to close the '(' at 1"),
    ("2*(x+1", "syntax", 2, "missing ')' to close the '(' at 3"),
    ("[x+1", "syntax", 0, "missing ']' to close the '[' at 1"),
    ("x+1)", "syntax", 3, "unmatched ')' at 4"),
    ("[x)", "syntax", 2, "closed by ')' at 3"),
    ("()", "syntax", 0, "empty brackets at 1"),
    ("sin()", "syntax", 0, "sin takes 1 argument, got 0"),
    ("sin(x, y)", "syntax", 0, "sin takes 1 argument, got 2"),
    ("max(x)", "syntax", 0, "max takes 2 or more arguments, got 1"),
    ("log(x, 2, 3)", "syntax", 0, "log takes 1 or 2 arguments, got 3"),
    ("1 + sin", "syntax", 4, "sin at 5 needs its argument in parentheses"),
    ("sin x", "syntax", 0, "needs its argument in parentheses, e.g. sin(x)"),
    ("sin^2(x)", "syntax", 0, "write sin(x)^2"),
    ("sin²(x)", "syntax", 0, "write sin(x)^2"),
    ("log10(x)", "syntax", 0, "log(x, 10)"),
    ("x^", "syntax", 1, "missing the exponent after '^' at 2"),
    ("x**", "syntax", 1, "missing the exponent after '**' at 2"),
    ("*x", "syntax", 0, "cannot start with '*'"),
    ("x+*y", "syntax", 2, "'*' at 3 cannot follow '+' at 2"),
    ("x2", "syntax", 1, "put '*' between them"),
    ("(x+1)2", "syntax", 5, "follows '(x+1)' directly"),
    ("2 3", "syntax", 2, "the number '3' at 3"),
    ("1, 2", "syntax", 1, "commas only separate the arguments of a function"),
    ("max(,1)", "syntax", 4, "missing an argument before ','"),
    ("max(1,)", "syntax", 5, "missing an argument after ',' at 6"),
    ("|x", "syntax", 0, "missing '|' to close the '|' at 1"),
    ("x + |y", "syntax", 4, "missing '|' to close the '|' at 5"),
    ("1.2.3", "syntax", 3, "second '.' at 4"),
    ("²", "syntax", 0, "needs something before it"),
    ("x⁻", "syntax", 1, "needs digits after it"),
    ("foo", "unsupported", 0, "unknown name 'foo' at 1"),
    ("2 + cso(x)", "unsupported", 4, "'cso' at 5 is not a function this program knows — did you mean 'cos'?"),
    ("Sin(x)", "unsupported", 0, "did you mean 'sin'? (names are case-sensitive)"),
    ("X^2", "unsupported", 0, "did you mean 'x'?"),
    ("E^x", "unsupported", 0, "use e for Euler's number"),
    ("z", "unsupported", 0, "the variables are x and y"),
    ("x" * 99 + "q", "unsupported", 0, "unknown name 'xxxxxxxxxxxxxxxxxxxxxxxxxxx...' at 1"),
    ("sec(x)", "unsupported", 0, "1/cos(x)"),
    ("__import__('os')", "unsupported", 0, "'__import__' at 1 is not a function this program knows"),
    ("x.diff", "unsupported", 1, "attribute access"),
    ("'x'", "unsupported", 0, "quotes are not allowed"),
    ("y = x^2", "unsupported", 2, "type only the formula"),
    ("x; y", "unsupported", 1, "a single formula"),
    ("x\n+1", "unsupported", 1, "on one line"),
    ("√x", "unsupported", 0, "SQUARE ROOT"),
    ("t + x", "unsupported", 4, "cannot be used together with t"),
    ("x - t", "unsupported", 4, "'t' at 5 cannot be used together with x or y"),
    ("х + 1", "unsupported", 0, "CYRILLIC SMALL LETTER HA, which only looks like x"),
    ("2 + cοs(x)", "unsupported", 5, "GREEK SMALL LETTER OMICRON, which only looks like o"),
    ("𝑥", "unsupported", 0, "MATHEMATICAL ITALIC SMALL X"),
    ("x +\u200b1", "unsupported", 3, "ZERO WIDTH SPACE"),
    ("x\u202e+1", "unsupported", 1, "RIGHT-TO-LEFT OVERRIDE"),
    ("si\u00adn(x)", "unsupported", 2, "SOFT HYPHEN"),
    # positions count the characters as typed, whatever they normalise to
    ("ｘ＋（", "syntax", 2, "missing ')' to close the '(' at 3"),
    ("x² + ｆｏｏ", "unsupported", 5, "unknown name 'foo' at 6"),
    ("x × × y", "syntax", 4, "'*' at 5 cannot follow '*' at 3"),
    ("1/0", "domain", 1, "division by zero at 2"),
    ("x/(1-1)", "domain", 1, "division by zero at 2"),
    ("0^-1", "domain", 0, "undefined"),
    ("log(0)", "domain", 0, "'log(0)' at 1 is undefined"),
    ("x + log(-1)", "domain", 4, "not a real number"),
    ("sqrt(-4) + x", "domain", 0, "'sqrt(-4)' at 1 is not a real number"),
    ("asin(2)", "domain", 0, "asin needs a number from -1 to 1"),
    ("(-8)^(1/2)", "domain", 0, "not a real number"),
    # a fractional exponent in scientific notation: both spellings, both readings offered
    ("3e-.5", "syntax", 0, "for 3·e - .5 write 3e - .5 with spaces, for a power of ten write "
                           "3*10^(-.5)"),
    ("3e-0.5", "syntax", 0, "for 3·e - 0.5 write 3e - 0.5 with spaces, for a power of ten "
                            "write 3*10^(-0.5)"),
    ("x + 2e0.5", "syntax", 4, "fractional exponent"),
    # a power of a variable with a huge exponent is refused before anything is computed
    ("x**(10**10)", "too_complex", 1, "a variable can be raised to a power of at most 1000000"),
    ("(x^1000)^1001", "too_complex", 8, "at most 1000000"),
    ("(2x^1000)^1001", "too_complex", 9, "at most 1000000"),
    ("tan(pi/2)", "domain", 0, "undefined"),
    ("log(x, 1)", "domain", 7, "base of the logarithm at 8"),
    ("1e400", "too_complex", 0, "at most 1e15"),
    ("1000000000000001", "too_complex", 0, "at most 1e15"),
    ("1e-31", "too_complex", 0, "too small"),
    ("1234567890123456789012345678901e-20", "too_complex", 0, "31 significant digits"),
    ("9^9^9", "too_complex", 1, "at most 100"),
    ("(2x)^1000", "too_complex", 4, "at most 100"),
    ("(10^15)^30", "too_complex", 0, "more than 300 digits"),
    ("x + (1e-30)^11", "too_complex", 4, "more than 300 digits"),
    ("exp(exp(exp(3)))", "too_complex", 0, "below 1e300"),
    ("sin(cos(exp(exp(exp(exp(1))))))", "too_complex", 8, "'exp(exp(exp(exp(1))))' at 9"),
    ("x ²²²²", "too_complex", 2, "too long"),
    ("*".join(["9^100"] * 13), "too_complex", 0, "too large together"),
    # gelu(-998) is about -1e-216000: sympy cannot tell whether max(0, it) is 0 or it
    ("x + relu(gelu(-998))", "too_complex", 4, "cannot be worked out exactly"),
    ("(" * (MAX_NESTING_DEPTH + 1) + "x" + ")" * (MAX_NESTING_DEPTH + 1), "too_complex",
     MAX_NESTING_DEPTH, "nested too deeply"),
    ("x" * (MAX_TEXT_LENGTH + 1), "too_complex", MAX_TEXT_LENGTH, "at most 500"),
    ("gelu(" * 7 + "x" + ")" * 7, "too_complex", 0, "too large"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "kind", "position", "message"), ERRORS, ids=[e[0][:30] for e in ERRORS])
def test_malformed_text_is_explained_at_the_right_place(text, kind, position, message):
    with pytest.raises(ExpressionError) as caught:
        parse(text)
    error = caught.value
    assert (error.kind, error.position) == (kind, position), error.message
    assert message in error.message
    assert error.to_dict() == {"kind": kind, "message": error.message, "position": position}


def test_spaces_say_which_reading_of_3e_minus_half_is_meant():
    assert parse("3e - 0.5").expr == 3 * E - Rational(1, 2)
    assert parse("3e - .5").expr == 3 * E - Rational(1, 2)
    assert parse("3*10^(-0.5)").expr == 3 * 10 ** Rational(-1, 2)
    assert parse("3e-5").expr == Rational(3, 100000)


def test_powers_of_a_variable_up_to_a_million_are_accepted():
    assert parse("x^1000000").expr == X**1000000
    assert parse("(x^1000)^1000").expr == X**1000000
    assert parse("x^-1000000").expr == X**-1000000


def test_the_nesting_limit_itself_is_accepted():
    depth = MAX_NESTING_DEPTH
    assert parse("(" * depth + "x" + ")" * depth).expr == X
    assert parse("sin(" * depth + "x" + ")" * depth).expr.has(X)


def test_a_parse_that_overruns_its_time_budget_is_too_complex(monkeypatch):
    monkeypatch.setattr(expression_module, "MAX_PARSE_SECONDS", -1.0)
    with pytest.raises(ExpressionError) as caught:
        parse("x + 1")
    assert caught.value.kind == "too_complex" and "too long" in caught.value.message
    assert caught.value.position == 0


def test_a_non_string_is_an_argument_error():
    with pytest.raises(ExpressionError) as caught:
        parse(3)  # type: ignore[arg-type]
    assert caught.value.kind == "argument"


# -- generated formulas ------------------------------------------------------------------

SUM, PRODUCT, UNARY, POWER, ATOM = range(1, 6)
LARGEST_GENERATED_CONSTANT = 1e40


@dataclass(frozen=True)
class Case:
    """A formula's text, the sympy object it means, and facts used to combine it safely."""

    text: str
    expr: sympy.Expr
    level: int  # how tightly the text binds: SUM < PRODUCT < UNARY < POWER < ATOM
    bound: float | None  # upper bound of |value| for a constant; None if it has variables
    variables: frozenset
    weight: int  # about the size of the expression tree
    depth: int


def _wrap(case: Case, level: int, square: bool = False) -> Case:
    if case.level >= level:
        return case
    opening, closing = ("[", "]") if square else ("(", ")")
    return Case(f"{opening}{case.text}{closing}", case.expr, ATOM, case.bound, case.variables,
                case.weight, case.depth + 1)  # fmt: skip


def _bound(*bounds: float | None, combine=None) -> float | None:
    if any(b is None for b in bounds):
        return None
    return combine(*bounds) if combine else max(bounds)


def _leaf(text: str, expr: sympy.Expr, variables=()) -> Case:
    bound = None if variables else float(abs(expr)) + 0.1
    return Case(text, expr, ATOM, bound, frozenset(variables), 1, 0)


def _leaves(variables: tuple[str, ...]):
    numbers = st.sampled_from(
        [("1", 1), ("2", 2), ("3", 3), ("7", 7), ("0.5", Rational(1, 2)), (".25", Rational(1, 4)),
         ("2.5", Rational(5, 2)), ("1e-1", Rational(1, 10)), ("3.", 3), ("12", 12)]
    ).map(lambda p: _leaf(p[0], Integer(p[1]) if isinstance(p[1], int) else p[1]))  # fmt: skip
    constants = st.sampled_from([("pi", pi), ("π", pi), ("e", E)]).map(lambda p: _leaf(*p))
    names = st.sampled_from(variables).map(
        lambda name: _leaf(name, {"x": X, "y": Y}[name], variables=(name,))
    )
    return st.one_of(numbers, constants, names, names)


def _starts_like_a_number(text: str) -> bool:
    return text[0] in "0123456789."


@st.composite
def _sum(draw, parts):
    left, right = draw(parts), draw(parts)
    minus = draw(st.booleans())
    sign = draw(st.sampled_from(["-", "−"])) if minus else "+"
    right_text = _wrap(right, PRODUCT)
    expr = left.expr - right.expr if minus else left.expr + right.expr
    return Case(f"{left.text} {sign} {right_text.text}", expr, SUM,
                _bound(left.bound, right.bound, combine=lambda a, b: a + b),
                left.variables | right.variables, left.weight + right.weight + 2,
                max(left.depth, right_text.depth))  # fmt: skip


@st.composite
def _product(draw, parts):
    left = _wrap(draw(parts), PRODUCT, draw(st.booleans()))
    right = draw(parts)
    joiner = draw(st.sampled_from(["*", " * ", "×", "·", "", " "]))
    if joiner.strip() == "":
        # implicit multiplication: a power-level factor that does not start like a number
        # or an absolute value (inside bars a '|' after a term closes them)
        right = _wrap(right, POWER)
        if _starts_like_a_number(right.text) or right.text.startswith("|"):
            joiner = "*"
    else:
        right = _wrap(right, UNARY)
    return Case(f"{left.text}{joiner}{right.text}", left.expr * right.expr, PRODUCT,
                _bound(left.bound, right.bound, combine=lambda a, b: a * b),
                left.variables | right.variables, left.weight + right.weight + 1,
                max(left.depth, right.depth))  # fmt: skip


@st.composite
def _quotient(draw, parts):
    # Denominators are 1 + u^2 or a positive integer: never zero, even for constants.
    left = _wrap(draw(parts), PRODUCT)
    if draw(st.booleans()):
        inner = _wrap(draw(parts), ATOM)
        denominator = Case(f"(1 + {inner.text}^2)", 1 + inner.expr**2, ATOM, None,
                           inner.variables, inner.weight + 3, inner.depth + 2)  # fmt: skip
    else:
        value = draw(st.integers(1, 9))
        denominator = _leaf(str(value), Integer(value))
    slash = draw(st.sampled_from(["/", " / ", "÷"]))
    return Case(f"{left.text}{slash}{denominator.text}", left.expr / denominator.expr, PRODUCT,
                left.bound, left.variables | denominator.variables,
                left.weight + denominator.weight + 2,
                max(left.depth, denominator.depth))  # fmt: skip


@st.composite
def _power(draw, parts):
    base = _wrap(draw(parts), ATOM, draw(st.booleans()))
    exponent = draw(st.sampled_from([2, 3]))
    written = draw(st.sampled_from(["^{}", "**{}", "^({})", "{}"]))
    suffix = {2: "²", 3: "³"}[exponent] if written == "{}" else written.format(exponent)
    return Case(f"{base.text}{suffix}", base.expr**exponent, POWER,
                _bound(base.bound, combine=lambda b: b**exponent), base.variables,
                base.weight + 2, base.depth + 1)  # fmt: skip


@st.composite
def _negative(draw, parts):
    operand = _wrap(draw(parts), POWER)
    sign = draw(st.sampled_from(["-", "−"]))
    return Case(f"{sign}{operand.text}", -operand.expr, UNARY, operand.bound, operand.variables,
                operand.weight + 1, operand.depth)  # fmt: skip


SMOOTH_FUNCTIONS = {
    # name: (sympy meaning, bound of the value given a bound of the argument)
    "sin": (sympy.sin, lambda b: 1.0),
    "cos": (sympy.cos, lambda b: 1.0),
    "atan": (sympy.atan, lambda b: 1.6),
    "arctan": (sympy.atan, lambda b: 1.6),
    "tanh": (sympy.tanh, lambda b: 1.0),
    "sinh": (sympy.sinh, lambda b: math.exp(b)),
    "exp": (sympy.exp, lambda b: math.exp(b)),
    "sigmoid": (lambda u: 1 / (1 + exp(-u)), lambda b: 1.0),
    "softplus": (lambda u: log(1 + exp(u)), lambda b: b + 1.0),
    "gelu": (lambda u: u / 2 * (1 + erf(u / sqrt(2))), lambda b: b),
}
KINKED_FUNCTIONS = {
    "abs": (Abs, lambda b: b),
    "relu": (lambda u: Max(0, u), lambda b: b),
    "cbrt": (lambda u: sign(u) * Abs(u) ** Rational(1, 3), lambda b: b ** (1 / 3) + 1),
    "sign": (sign, lambda b: 1.0),
}


@st.composite
def _function(draw, parts, functions):
    argument = draw(parts)
    name = draw(st.sampled_from(sorted(functions)))
    meaning, bound_of = functions[name]
    if argument.depth > 6 or argument.weight > 120:
        return argument  # keep trees small: gelu and cbrt repeat their argument
    if argument.bound is not None and name in ("sinh", "exp", "softplus") and argument.bound > 30:
        name, (meaning, bound_of) = "tanh", functions.get("tanh", SMOOTH_FUNCTIONS["tanh"])
    doubles = name in ("gelu", "cbrt")
    return Case(f"{name}({argument.text})", meaning(argument.expr), ATOM,
                _bound(argument.bound, combine=bound_of), argument.variables,
                argument.weight * (2 if doubles else 1) + 6, argument.depth + 1)  # fmt: skip


@st.composite
def _bars(draw, parts):
    inner = draw(parts)
    return Case(f"|{inner.text}|", Abs(inner.expr), ATOM, inner.bound, inner.variables,
                inner.weight + 1, inner.depth + 1)  # fmt: skip


@st.composite
def _two_arguments(draw, parts):
    first, second = draw(parts), draw(parts)
    name = draw(st.sampled_from(["max", "min"]))
    meaning = Max if name == "max" else Min
    return Case(f"{name}({first.text}, {second.text})", meaning(first.expr, second.expr), ATOM,
                _bound(first.bound, second.bound), first.variables | second.variables,
                first.weight + second.weight + 1,
                max(first.depth, second.depth) + 1)  # fmt: skip


@st.composite
def _positive_argument_function(draw, parts):
    # sqrt and log of 1 + u^2: defined for every u, so constants stay in the domain
    inner = _wrap(draw(parts), ATOM)
    name = draw(st.sampled_from(["sqrt", "log", "ln"]))
    meaning = sqrt if name == "sqrt" else log
    return Case(f"{name}(1 + {inner.text}^2)", meaning(1 + inner.expr**2), ATOM,
                _bound(inner.bound, combine=lambda b: 1 + b * b), inner.variables,
                inner.weight + 5, inner.depth + 1)  # fmt: skip


def _is_small(case: Case) -> bool:
    return (
        (case.bound is None or case.bound < LARGEST_GENERATED_CONSTANT)
        and len(case.text) <= 300
        and case.depth <= 12
    )


def formulas(variables=("x", "y"), smooth_only=False):
    """Strategy for Cases: text and meaning of well-formed formulas built together."""
    functions = SMOOTH_FUNCTIONS if smooth_only else {**SMOOTH_FUNCTIONS, **KINKED_FUNCTIONS}

    def extend(parts):
        parts = parts.filter(_is_small)
        options = [
            _sum(parts), _product(parts), _quotient(parts), _power(parts), _negative(parts),
            _function(parts, functions), _positive_argument_function(parts),
        ]  # fmt: skip
        if not smooth_only:
            options += [_bars(parts), _two_arguments(parts)]
        return st.one_of(options)

    return st.recursive(_leaves(variables), extend, max_leaves=8).filter(_is_small)


POINTS = [{X: Rational(3, 10), Y: Rational(-7, 10)}, {X: Rational(-6, 5), Y: Rational(2, 5)},
          {X: Rational(17, 10), Y: Rational(11, 10)}]  # fmt: skip


def _values_agree(actual: sympy.Expr, expected: sympy.Expr) -> bool:
    for point in POINTS:
        a = complex(actual.evalf(30, subs=point))
        b = complex(expected.evalf(30, subs=point))
        if not abs(a - b) <= 1e-12 * (1 + abs(b)):
            return False
    return True


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(formulas())
def test_generated_formulas_parse_to_their_meaning(case):
    parsed = parse(case.text)
    assert parsed.variables == tuple(sorted(case.variables))
    # Built with the same sympy operations, the trees are almost always identical;
    # compare values where a different grouping gave a different (equal) tree.
    assert parsed.expr == case.expr or _values_agree(parsed.expr, case.expr), case.text


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(formulas(variables=("x",), smooth_only=True))
def test_symbolic_derivative_agrees_with_a_central_difference(case):
    expr = parse(case.text).expr
    derivative = sympy.diff(expr, X)
    # lambdify of our own sympy objects (not of text), in high precision so that a tiny
    # step gives an accurate central difference
    function = sympy.lambdify(X, expr, modules="mpmath")
    slope = sympy.lambdify(X, derivative, modules="mpmath")
    with mpmath.workdps(50):
        step = mpmath.mpf("1e-15")
        for x0 in (mpmath.mpf("-0.7"), mpmath.mpf("0.3"), mpmath.mpf("1.1")):
            central = (function(x0 + step) - function(x0 - step)) / (2 * step)
            exact = slope(x0)
            assert abs(central - exact) <= mpmath.mpf("1e-12") * (1 + abs(exact)), (
                case.text, x0, central, exact,
            )  # fmt: skip


# Pasted-character variants: each stands for exactly one ASCII character.
PASTED = {"-": ["−"], "*": ["×", "·"], "/": ["÷"], " ": ["\u00a0", "\u3000"],
          **{c: [chr(ord(c) + 0xFEE0)] for c in "abcdefghijklmnopqrstuvwxyz0123456789()[]+^,|"}}  # fmt: skip
TOKEN_SOUP = ["x", "y", "2", "0.5", "e", "pi", "sin", "max", "(", ")", "[", "]", "|", "+", "-",
              "*", "/", "^", "**", ",", " ", "1e3", "t", "foo", "2^200", "1/0"]  # fmt: skip


def _outcome(text: str):
    try:
        parsed = parse(text)
    except ExpressionError as error:
        return ("error", error.kind, error.position)
    return ("ok", parsed.expr, parsed.variables)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(TOKEN_SOUP), min_size=1, max_size=14), st.data())
def test_pasted_characters_mean_the_same_and_errors_point_at_what_was_typed(pieces, data):
    plain = "".join(pieces)
    if "**" in plain:  # '*' '*' as two pasted characters would not be one operator
        plain = plain.replace("**", "^")
    pasted = "".join(
        data.draw(st.sampled_from([c, *PASTED[c]])) if c in PASTED else c for c in plain
    )
    assert len(pasted) == len(plain)
    assert _outcome(pasted) == _outcome(plain)


@settings(max_examples=300, deadline=None)
@given(
    st.text(
        alphabet=st.one_of(
            st.sampled_from(list("xyte0123456789.+-*/^()[]|, ²⁻πsincoxplg_'\"=;")),
            st.characters(),
        ),
        max_size=40,
    )
)
def test_any_text_either_parses_or_raises_a_located_expression_error(text):
    try:
        parsed = parse(text)
    except ExpressionError as error:
        assert error.kind in ERROR_KINDS
        assert error.message
        if error.position is None:
            assert not text.strip()
        else:
            assert 0 <= error.position < len(text)
    else:
        assert isinstance(parsed.expr, sympy.Expr)
        assert set(parsed.variables) <= {"x", "y", "t"}
