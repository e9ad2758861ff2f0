"""Error messages are translatable: every one comes from a marked template and its fields.

The English message (the command line's JSON contract) is the template formatted with
the fields; the GUI formats the translated template with the same fields. These tests
check that every template the parser can use is reached by some input, is collected by
the translation catalogue, formats back to the message, and has a Chinese translation
that keeps the user's text and numbers.
"""

from __future__ import annotations

import ast
import importlib.util
import json
import pickle
import re
import string
from pathlib import Path

import pytest
from error_fields import plain_values, templates_in

from visualizer.core import expression
from visualizer.core.errors import (
    TRANSLATION_CONTEXT,
    ExpressionError,
    error_text,
    phrase,
    render,
)
from visualizer.core.expression import parse
from visualizer.core.worker import handle
from visualizer.i18n_catalog import ERROR_CONTEXT, read_ts, scan_sources, ts_path

HERE = Path(__file__).resolve().parent
CORE = HERE.parents[1] / "visualizer" / "core"

# At least one input per template of expression.py (see UNREACHED for the rest).
EXAMPLES = [
    "", "=", ",", "\u221a", "%", "\u00b2", "'", "\u4e2d", ":", "i", "I", "\ufe0f", "\u200b",
    "\n", "N", ";", "\u221e", "\u0445", "+", "<", "q", "\u2032", ")", "\u00bd", "\u207b", "E",
    "{", "!", ".", "(", "\\", "ln", "x,", "x^", "_a", "()", "EE", ".E", "f(", "Pi", "lg",
    "x\x01", "e1", "Ex", "tx", "(*", "E(", "xt", "+*", "(x]", "nan", "|x,", "|x", "Sin", "sec",
    "csc(x)", "cot(x)", "\u221b", "1/0", "_a[", "[,4", "EE(", "log_", "\u00b2\u00b2\u00b2\u00b2",
    "log1", "Sin(", "1..2", "abs\u00b2", "EPi(", "1e16", "0^-1", "1e-40", "x @ y", "2^101",
    "sin()", "max(x)", "asin(2)", "log(-1)", "max(1,)", "log(x,1)", "(-8)^(1/2)",
    "(cos(2))^(1/2)", "(10^15)^30", "log(x, 2, 3)", "exp(exp(exp(3)))",
    "x + relu(gelu(-998))", "log(exp(-400)*sin(exp(-400)))",
    "(sinh(exp(-400)*sin(exp(-400))))^-1", "9^99*" * 12 + "9^99",
    "1234567890123456789012345678901", "gelu(" * 8 + "x" + ")" * 8, "(" * 42 + "x" + ")" * 42,
    "x" * 501, "3e-.5", "3e0.5", "x^1000001", "x!!", "(-1)!", "171!", "sinn(x)", "sinn", "foo(x)", "foo", "a_b(x)", "q(x)",
]
# Templates no input reaches today: the clock (a parse that takes over a second), a
# type the editor never sends, the grammar's "cannot happen", constants sympy would
# have to invent, and "{low} arguments" (no function takes a fixed 2 or more).
UNREACHED = {
    "the formula takes too long to check (at {at}); simplify its constants",
    "the formula must be text, not {type}",
    "unexpected '{text}' at {at}",
    "contains {expr}, which this program cannot check",
    "becomes {expr}, which this program cannot check",
    "{low} arguments",
}


def _hostile_corpus() -> list[str]:
    spec = importlib.util.spec_from_file_location("_hostile", HERE / "test_hostile_inputs.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return [payload for payload, _ in module.CORPUS]


def _marked(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return {node.args[0].value for node in ast.walk(tree)
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
            and node.func.id == "error_text"}


def _error(text: str) -> ExpressionError:
    with pytest.raises(ExpressionError) as caught:
        parse(text)
    return caught.value


@pytest.fixture(scope="module")
def errors() -> list[ExpressionError]:
    return [_error(text) for text in EXAMPLES + _hostile_corpus()]


@pytest.fixture(scope="module")
def catalogue() -> set[str]:
    messages, _ = scan_sources()
    return {m.source for m in messages if m.context == ERROR_CONTEXT}


@pytest.fixture(scope="module")
def chinese() -> dict[str, str]:
    return {source: text for (context, source), (text, finished) in read_ts(ts_path("zh_CN")).items()
            if context == ERROR_CONTEXT and finished}


def test_every_parser_error_has_a_template_that_formats_to_its_message(errors):
    for error in errors:
        assert error.template is not None, error.message
        assert render(error.template, error.fields) == error.message
        assert error.render() == error.message


def test_every_template_of_the_parser_is_reached_and_catalogued(errors, catalogue):
    marked = _marked(CORE / "expression.py")
    assert len(marked) > 90
    reached = {t for error in errors for t in templates_in(error.template, error.fields)}
    assert reached <= marked
    assert marked - reached == UNREACHED
    assert marked <= catalogue
    for module in ("calculus.py", "codegen.py", "worker.py"):
        assert _marked(CORE / module) <= catalogue, module


def test_chinese_messages_keep_the_users_text_and_numbers(errors, chinese):
    cjk = re.compile(r"[\u4e00-\u9fff]")
    for error in errors:
        translated = error.render(lambda template: chinese[template])
        assert cjk.search(translated), translated
        assert translated != error.message
        for value in plain_values(error.template, error.fields):
            assert value in translated, (value, translated)


def test_a_hint_inside_a_message_is_translated_too(chinese):
    error = _error("sec(x)")
    assert error.message == ("'sec' at 1 is not a function this program knows: "
                             "write 1/cos(x) for the secant")
    assert error.fields["hint"]["template"] == "write 1/cos(x) for the secant"
    assert error.render(chinese.get) == "位置 1 的 'sec' 不是本程序认识的函数：正割请写 1/cos(x)"
    constant = _error("1/0")
    assert constant.render(chinese.get) == "位置 2 除以零：'0' 等于 0"
    arity = _error("max(x)")
    assert arity.message == "max takes 2 or more arguments, got 1 (at 1)"
    assert arity.render(chinese.get) == "max 需要 2 个或更多参数，实际给了 1 个（位置 1）"


def test_every_template_has_placeholders_that_fit_its_translation(catalogue, chinese):
    def names(text):
        return sorted(name for _, name, _, _ in string.Formatter().parse(text) if name)

    for template in catalogue:
        assert names(chinese[template]) == names(template), template


def test_a_bad_translation_falls_back_to_the_english_template():
    error = ExpressionError("syntax", template=error_text("empty brackets at {at}"),
                            fields={"at": 3}, position=3)
    assert error.render(lambda template: "括号 {where}") == "empty brackets at 3"


def test_the_json_contract_is_unchanged_and_the_transport_carries_the_template():
    error = _error("(x")
    assert error.to_dict() == {"kind": "syntax", "message": "missing ')' to close the '(' at 1",
                               "position": 0}
    transport = json.loads(json.dumps(error.to_transport()))
    assert transport["template"] == "missing '{closer}' to close the '{opener}' at {at}"
    back = ExpressionError.from_dict(transport)
    assert (back.kind, back.message, back.position, back.template, back.fields) == (
        error.kind, error.message, error.position, error.template, error.fields)
    plain = ExpressionError.from_dict(error.to_dict())
    assert plain.template is None and plain.message == error.message
    # A template that does not give the message back is not trusted.
    odd = ExpressionError.from_dict({**transport, "message": "something else"})
    assert odd.template is None and odd.message == "something else"


def test_pickling_keeps_the_template():
    nested = ExpressionError("unsupported", position=0, template=error_text("{reason} (at {at})"),
                             fields={"reason": phrase(error_text("write 1/2")), "at": 0})
    for error in (nested, _error("sinn(x)"), ExpressionError("argument", "plain words")):
        back = pickle.loads(pickle.dumps(error))
        assert (back.kind, back.message, back.position, back.template, back.fields) == (
            error.kind, error.message, error.position, error.template, error.fields)


def test_the_helper_reply_carries_the_template_of_core_errors():
    reply = handle({"id": 1, "op": "bundle", "params": {"text": "sin(x"}})
    assert reply["error"]["template"] == "missing '{closer}' to close the '{opener}' at {at}"
    assert reply["error"]["message"] == "missing ')' to close the '(' at 4"
    taylor = handle({"id": 2, "op": "taylor",
                     "params": {"text": "|x|", "center": 0.0, "order": 2}})
    assert taylor["error"]["template"] == (
        "the derivative of order {order} does not exist at {variable} = {at}")
    assert taylor["error"]["message"] == "the derivative of order 1 does not exist at x = 0"
    missing = handle({"id": 3, "op": "bundle", "params": {}})
    assert missing["error"]["template"] == "the function text is missing"


def test_the_context_names_agree():
    assert TRANSLATION_CONTEXT == ERROR_CONTEXT == "ExpressionError"
    assert expression.parse  # the module under test is the one scanned
