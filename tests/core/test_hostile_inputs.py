"""Hostile and malformed input: every one is refused quickly, located, and runs no code.

Each payload that would create a file names a canary in ``tmp_path``; while it is parsed,
``sympify`` (of text), ``parse_expr``, ``lambdify``, ``eval``, ``exec``, ``compile``,
``open`` and ``os.system`` are replaced by functions that raise, so a parser that
reached for any of them fails here even if the payload itself did nothing.
"""

from __future__ import annotations

import ast
import builtins
import importlib
import os
import subprocess
import time
from pathlib import Path

import pytest
import sympy

import visualizer.core.expression as expression_module
from visualizer.core.errors import ExpressionError
from visualizer.core.expression import FUNCTION_NAMES, parse

TIME_LIMIT_S = 0.2  # generous: a bound on hanging, not a performance test

# (payload, kind); {canary} is replaced by the canary file's path.
CODE_EXECUTION = [
    ("__import__('os').system('touch {canary}')", "unsupported"),
    ('__import__("os").system("touch {canary}")', "unsupported"),
    ("x.diff.__globals__['__builtins__']['__import__']('os').system('touch {canary}')",
     "unsupported"),
    ("x.__class__", "unsupported"),
    ("x.is_real", "unsupported"),
    ("x.subs", "unsupported"),
    ("sin.__call__(x)", "unsupported"),
    ("(1).__class__.__bases__[0].__subclasses__()", "unsupported"),
    ("().__class__.__bases__[0].__subclasses__()", "syntax"),
    ("lambda: open('{canary}', 'w')", "unsupported"),
    ("(lambda: 1)()", "unsupported"),
    ("exec(\"open('{canary}', 'w')\")", "unsupported"),
    ("eval(\"open('{canary}', 'w')\")", "unsupported"),
    ("open('{canary}', 'w').write('x')", "unsupported"),
    ("getattr(x, 'diff')", "unsupported"),
    ("f'{{open(\"{canary}\", \"w\")}}'", "unsupported"),
    ("`touch {canary}`", "unsupported"),
    ("'x'", "unsupported"),
    ('"x"', "unsupported"),
    ("x; __import__('os').system('touch {canary}')", "unsupported"),
    ("x\n__import__('os').system('touch {canary}')", "unsupported"),
    ("x\r\nimport os", "unsupported"),
    ("＿＿import＿＿('os').system('touch {canary}')", "unsupported"),
    ("＿＿ｉｍｐｏｒｔ＿＿", "unsupported"),
    ("__builtins__", "unsupported"),
    ("__class__", "unsupported"),
    ("globals()", "unsupported"),
    ("compile('1', 'f', 'exec')", "unsupported"),
    ("import os", "unsupported"),
    ("os.system('touch {canary}')", "unsupported"),
    ("x if x else y", "unsupported"),
    ("[x for x in ()]", "unsupported"),
    ("{{}}", "unsupported"),
    ("x @ y", "unsupported"),
    ("print(1)", "unsupported"),
    ("breakpoint()", "unsupported"),
    ("x and y", "unsupported"),
    ("not x", "unsupported"),
    ("x == y", "unsupported"),
    ("x := 1", "unsupported"),
    ("\\x41", "unsupported"),
    ("b'x'", "unsupported"),
    ("type(x)", "unsupported"),
    ("sympify('x')", "unsupported"),
    ("parse_expr('x')", "unsupported"),
    ("Lambda(x, x)", "unsupported"),
    ("Function('f')(x)", "unsupported"),
    ("x # comment", "unsupported"),
]  # fmt: skip

HUGE = [
    ("9**9**9**9", "too_complex"),
    ("9^9^9", "too_complex"),
    ("10^1000000", "too_complex"),
    ("2^(2^100)", "too_complex"),
    ("(9^100)^100", "too_complex"),
    ("(10^15)^100", "too_complex"),
    ("x^(10^1000)", "too_complex"),
    ("1e400", "too_complex"),
    ("1e-400", "too_complex"),
    ("1" * 10000, "too_complex"),
    ("1" * 40, "too_complex"),
    ("0." + "0" * 40 + "1", "too_complex"),
    ("1e" + "9" * 400, "too_complex"),
    ("exp(exp(exp(exp(1))))", "too_complex"),
    ("sin(cos(exp(exp(exp(exp(1))))))", "too_complex"),
    ("e^1000", "too_complex"),
    ("(2x)^1000", "too_complex"),
    ("sqrt(2)^1000", "too_complex"),
    ("gelu(" * 8 + "x" + ")" * 8, "too_complex"),
    ("cbrt(" * 12 + "x" + ")" * 12, "too_complex"),
    ("x" + "+x" * 300, "too_complex"),
    ("x ⁹⁹⁹⁹⁹⁹", "too_complex"),
]  # fmt: skip

DEEP = [
    ("(" * 10000 + "x" + ")" * 10000, "too_complex"),
    ("sin(" * 1000 + "x" + ")" * 1000, "too_complex"),
    ("(" * 100 + "x" + ")" * 100, "too_complex"),
    ("[" * 60 + "x" + "]" * 60, "too_complex"),
    ("|" * 60 + "x" + "|" * 60, "too_complex"),
    ("sin(" * 45 + "x" + ")" * 45, "too_complex"),
    ("2^" * 45 + "x", "too_complex"),
    ("x^" * 60 + "x", "too_complex"),
    ("(" * 30, "syntax"),
    (")" * 30, "syntax"),
]  # fmt: skip

LOOK_ALIKES = [
    ("х^2", "unsupported"),  # Cyrillic ha
    ("sіn(x)", "unsupported"),  # Cyrillic i
    ("cοs(x)", "unsupported"),  # Greek omicron
    ("ехр(x)", "unsupported"),  # Cyrillic ie, ha, er
    ("x + у", "unsupported"),  # Cyrillic u
    ("𝑥^2", "unsupported"),  # mathematical italic x
    ("ℯ^x", "unsupported"),  # script e
    ("α + x", "unsupported"),
    ("٣x", "unsupported"),  # Arabic-Indic three
    ("x\u0301", "unsupported"),  # combining acute accent
]  # fmt: skip

INVISIBLE = [
    (f"x{char}+1", "unsupported")
    for char in "\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e"
    "\u2066\u2067\u2068\u2069\ufeff\u00ad\u2060\u2062\x00\x1b"
] + [("\u202ex^2\u202c", "unsupported"), ("si\u00adn(x)", "unsupported")]  # fmt: skip

SYMPY_NAMES = [
    (name, "unsupported")
    for name in ["I", "E", "S", "N", "Q", "O", "oo", "zoo", "nan", "Symbol", "Integer", "pi*I",
                 "E**x", "S(1)/2", "N(pi)", "Rational(1, 2)", "Float(1)", "Abs(x)", "Max(x, 1)",
                 "Heaviside(x)", "Derivative(x, x)", "Integral(x)", "factorial(1000)", "inf"]
]  # fmt: skip

SYNTAX = [
    (text, "syntax")
    for text in ["", "   ", "x+", "*x", "(x", "x)", ")(", "sin()", "max(x)", "1 2", "x..",
                 ",", "x,,y", "x^^2", "|x", "((x)", "[x)", "1.2.3", "x+*y", "/x", "x/", "2^",
                 "log(x, )", "()", "sin", "x²²(", "²x", "x⁻"]
]  # fmt: skip

DOMAIN = [
    (text, "domain")
    for text in ["1/0", "0^-1", "log(0)", "sqrt(-1)", "asin(2)", "acos(-3)", "log(-1)",
                 "(-1)^(1/2)", "x/(1-1)", "tan(pi/2)", "log(x, 1)", "x + 0/0"]
]  # fmt: skip

CORPUS = CODE_EXECUTION + HUGE + DEEP + LOOK_ALIKES + INVISIBLE + SYMPY_NAMES + SYNTAX + DOMAIN


def test_the_corpus_is_large_and_covers_every_kind():
    assert len(CORPUS) >= 80
    assert {kind for _, kind in CORPUS} == {"syntax", "unsupported", "too_complex", "domain"}


def _refuse(name: str):
    def refused(*args, **kwargs):
        raise AssertionError(f"the parser called {name}")

    return refused


@pytest.fixture(scope="module", autouse=True)
def _warm_up():
    # First use of some sympy functions imports modules; keep that out of the timing.
    for name in FUNCTION_NAMES:
        parse(f"{name}(x, 2)" if name in ("max", "min", "log") else f"{name}(x)")
    for text in ("1/0", "2^3^2", "|x|²", "sqrt(-1)", "asin(2)", "tan(pi/2)", "x⁻¹"):
        try:
            parse(text)
        except ExpressionError:
            pass


@pytest.fixture
def forbidden(monkeypatch):
    """Replace every way of running text as code by a function that fails the test."""
    sympify_module = importlib.import_module("sympy.core.sympify")
    original_sympify = sympify_module.sympify

    def sympify_without_text(value, *args, **kwargs):
        # sympy calls sympify on its own numbers while building; text must never get here
        if isinstance(value, str):
            raise AssertionError(f"the parser sympified text: {value!r}")
        return original_sympify(value, *args, **kwargs)

    patches = [
        (sympify_module, "sympify", sympify_without_text),
        (sympy, "sympify", sympify_without_text),
        (importlib.import_module("sympy.parsing.sympy_parser"), "parse_expr",
         _refuse("parse_expr")),
        (sympy, "lambdify", _refuse("lambdify")),
        (importlib.import_module("sympy.utilities.lambdify"), "lambdify", _refuse("lambdify")),
        (builtins, "eval", _refuse("eval")),
        (builtins, "exec", _refuse("exec")),
        (builtins, "compile", _refuse("compile")),
        (builtins, "open", _refuse("open")),
        (os, "system", _refuse("os.system")),
        (os, "popen", _refuse("os.popen")),
        (subprocess, "Popen", _refuse("subprocess.Popen")),
    ]  # fmt: skip

    class Forbidden:
        def __enter__(self):
            self._context = monkeypatch.context()
            context = self._context.__enter__()
            for target, name, replacement in patches:
                context.setattr(target, name, replacement)
            return self

        def __exit__(self, *exc):
            return self._context.__exit__(*exc)

    return Forbidden()


def _ids(corpus):
    return [repr(text)[:40] for text, _ in corpus]


@pytest.mark.parametrize(("payload", "kind"), CORPUS, ids=_ids(CORPUS))
def test_hostile_input_is_refused_quickly_with_a_located_reason(payload, kind, tmp_path, forbidden):
    canary = tmp_path / "CANARY"
    text = payload.replace("{canary}", str(canary))
    with forbidden:
        started = time.perf_counter()
        with pytest.raises(ExpressionError) as caught:
            parse(text)
        elapsed = time.perf_counter() - started
    error = caught.value
    assert error.kind == kind, error.message
    assert error.message.strip()
    if error.position is None:
        assert not text.strip(), "only empty input has no position"
    else:
        assert isinstance(error.position, int) and 0 <= error.position < len(text)
    assert elapsed < TIME_LIMIT_S
    assert not canary.exists()
    assert list(tmp_path.iterdir()) == []


HOSTILE_BUT_VALID = [
    ("-" * 499 + "x", -sympy.Symbol("x", real=True)),
    ("x" + "+x" * 166, 167 * sympy.Symbol("x", real=True)),
    ("(" * 40 + "x" + ")" * 40, sympy.Symbol("x", real=True)),
    ("2^100", sympy.Integer(2) ** 100),
    ("999999999999999^18", sympy.Integer(999999999999999) ** 18),
    ("x^1000000", sympy.Symbol("x", real=True) ** 1000000),
    ("1e15 * 1e-30", sympy.Rational(1, 10**15)),
    ("x[0]", sympy.Integer(0)),  # [ ] are brackets: x*(0), not indexing
]


@pytest.mark.parametrize(("text", "expected"), HOSTILE_BUT_VALID, ids=_ids(HOSTILE_BUT_VALID))
def test_large_but_bounded_input_is_accepted_quickly(text, expected, forbidden):
    with forbidden:
        started = time.perf_counter()
        parsed = parse(text)
        elapsed = time.perf_counter() - started
    assert parsed.expr == expected
    assert elapsed < TIME_LIMIT_S


def test_the_forbidden_functions_really_are_replaced(forbidden):
    # Guards the guard: if patching silently did nothing, the corpus would prove nothing.
    with forbidden:
        with pytest.raises(AssertionError, match="sympified text"):
            sympy.sympify("x")
        with pytest.raises(AssertionError, match="eval"):
            eval("1")
        with pytest.raises(AssertionError, match="open"):
            open(os.devnull)
    assert sympy.sympify("1") == 1  # restored afterwards


BANNED_NAMES = {"sympify", "parse_expr", "eval", "exec", "compile", "lambdify", "__import__",
                "getattr", "setattr", "globals", "locals", "vars", "open", "S"}  # fmt: skip


def test_the_parser_source_never_calls_code_running_functions():
    tree = ast.parse(Path(expression_module.__file__).read_text(encoding="utf-8"))
    called = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            function = node.func
            if isinstance(function, ast.Name):
                called.add(function.id)
            elif isinstance(function, ast.Attribute):
                called.add(function.attr)
    assert not called & BANNED_NAMES
