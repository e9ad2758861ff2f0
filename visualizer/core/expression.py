"""User text -> validated sympy expression: the function language's own parser.

The text a person types is read by a hand-written tokenizer and a recursive-descent
parser that build the sympy expression directly from a whitelist of constructors
(``Add``, ``Mul``, ``Pow``, ``sin`` ...). Nothing here hands text to ``sympify``,
``parse_expr``, ``eval`` or ``lambdify``: those run arbitrary Python (docs/platform-notes.md).

The language
------------
Numbers
    ``3``, ``2.5``, ``.5``, ``2.``, ``1e-3``, ``2E5``. Decimals become exact rationals
    (``0.1`` is 1/10). The ``e`` inside ``1e-3`` is an exponent; elsewhere ``e`` is
    Euler's number (``2e`` is 2·e, ``2e3`` is 2000). An exponent is a whole number:
    ``3e-.5`` and ``3e-0.5`` are both refused with a message that shows how to write
    3·e − 0.5 (``3e - 0.5``) and 3·10^-0.5 (``3*10^(-0.5)``).
Variables
    ``x`` and ``y``; or ``t`` alone for a function of time (``t`` cannot be mixed with
    ``x`` or ``y``).
Constants
    ``pi`` (also ``π``) and ``e``.
Operators
    ``+ - * / ^ **``, unary ``-``/``+``. ``^`` and ``**`` are right-associative
    (``2^3^2`` is 2^9); ``-x^2`` is -(x^2); ``2^-1`` is allowed. A power p/q with q
    odd is the real root for a negative base, as in GeoGebra, Desmos and the textbooks:
    ``x^(1/3)`` is cbrt(x), ``x^(2/3)`` is |x|^(2/3), ``(-8)^(1/3)`` is -2; with q
    even (``x^0.5``) a negative base is outside the domain. Implicit
    multiplication binds like ``*``: ``2x``, ``xy``, ``x y``, ``x(x+1)``,
    ``(x+1)(x-1)``, ``3sin(x)``, ``2pi``, ``2|x|``; so ``1/2x`` is (1/2)·x. A number
    may not follow something directly (``x2``, ``(x+1)2``, ``2 3`` are errors: write
    ``*`` or ``^``).
Factorial
    ``n!`` is Gamma(n + 1): 3! = 6, ``x^3/3!``, and ``x!`` between whole numbers too
    ((1/2)! = sqrt(pi)/2); it binds like an exponent (``2x!`` is 2·(x!), ``-3!`` is
    -(3!)). ``!!`` is refused (no double factorials).
Brackets
    ``( )`` and ``[ ]`` group, and must match each other. ``|x|`` is the absolute value,
    nested bars work (``||x|-1|``); inside bars a ``|`` that follows a complete term
    closes the bars, so write ``|x*|y||`` rather than ``|x|y||``.
Functions (always with parentheses)
    see :data:`FUNCTION_NAMES` and :data:`FUNCTION_HELP`. ``log`` is natural,
    ``log(x, b)`` has base b; ``cbrt`` is the real cube root (cbrt(-8) = -2);
    ``relu``, ``sigmoid``, ``softplus`` and ``gelu`` are written out as sympy
    expressions. Names are case-sensitive: ``Sin`` and ``E`` are unknown (the message
    suggests ``sin`` and ``e``). Letters run together are split into known names when
    that is possible: ``xy`` is x·y, ``xsin(x)`` is x·sin(x).
Unicode a person pastes
    superscript exponents ``x²``, ``x⁻¹``; ``−`` (minus sign), ``×``, ``·``, ``÷``,
    ``π``; fullwidth letters, digits and brackets (``ｓｉｎ（ｘ）``); no-break and
    other spaces. Each accepted character stands for exactly one character, so every
    position in the normalised text is the position of what the user typed. Letters
    from other scripts that only look like Latin ones, invisible and
    direction-changing characters, and line breaks are rejected by name.

Bounds
------
The text, the nesting, the size of the expression tree, number literals, exponents of
constants and the magnitude of every constant sub-expression are bounded (the
``MAX_*`` constants below), and a constant is checked with plain floats *before* it is
wrapped in a function: sympy's automatic evaluation of e.g.
``sin(cos(exp(exp(exp(exp(1))))))`` would otherwise compute millions of digits of pi.
A constant sub-expression that is undefined (``1/0``, ``log(0)``, ``sqrt(-1)``,
``asin(2)``) is a ``domain`` error; undefined points of a non-constant function are
left to evaluation.

Every rejection is an :class:`~visualizer.core.errors.ExpressionError` with a kind
(``syntax``, ``unsupported``, ``too_complex``, ``domain``), a sentence a learner
understands, and the 0-based position in the text as typed (None only for empty
input).
"""

from __future__ import annotations

import difflib
import math
import operator
import time
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

import sympy

from visualizer.core.errors import ExpressionError, error_text, phrase
from visualizer.core.symbols import SYMBOLS

__all__ = [
    "FUNCTION_HELP",
    "FUNCTION_NAMES",
    "CONSTANT_NAMES",
    "VARIABLE_NAMES",
    "ParsedExpression",
    "parse",
]

#: Longest text accepted, in characters.
MAX_TEXT_LENGTH = 500
#: Deepest nesting of brackets, bars, function calls and exponents.
MAX_NESTING_DEPTH = 40
#: Most nodes of the expression tree, counting a repeated sub-tree each time it occurs
#: (``gelu`` and ``cbrt`` use their argument twice, so nesting them doubles the size).
MAX_TREE_SIZE = 1000
#: Largest number literal, and most significant digits in one.
MAX_LITERAL = 10**15
MAX_LITERAL_DIGITS = 30
#: Smallest non-zero number literal is 10**-MAX_LITERAL_DECIMALS.
MAX_LITERAL_DECIMALS = 30
#: Largest exponent of a power whose base is a constant (2^100, pi^-100).
MAX_CONSTANT_EXPONENT = 100
#: Largest number whose factorial a formula may take (171! overflows a float).
MAX_FACTORIAL = 170
#: Largest exponent (in size) of a power whose base has a variable (x^1000000).
MAX_VARIABLE_EXPONENT = 10**6
#: Every constant sub-expression must be below 10**MAX_CONSTANT_DIGITS in size.
MAX_CONSTANT_DIGITS = 300
#: Tallest constant sub-expression kept exact (``sigmoid(1)`` is 4 tall, ``gelu(1)`` 5);
#: a taller one is folded into its float value (see ``_Parser.folded``).
MAX_EXACT_CONSTANT_HEIGHT = 6
#: Tallest and largest argument sympy may simplify as it builds a node (``|1 - |1 - x||``
#: is 5 tall and has 8 nodes); a node over a larger one is built as written (see
#: ``_Parser.build``).
MAX_EVALUATED_HEIGHT = 16
MAX_EVALUATED_SIZE = 100
#: Wall-clock budget for one parse; only pathological constants come near it.
MAX_PARSE_SECONDS = 1.0


@dataclass(frozen=True)
class ParsedExpression:
    """A formula the user typed, checked and turned into a sympy expression.

    Attributes
    ----------
    text : str
        Exactly what the user typed.
    expr : sympy.Expr
        The expression, built from the whitelist (never from a string).
    variables : tuple of str
        The variable names written in the text, sorted: ``()`` for a constant,
        ``("x",)``, ``("y",)``, ``("t",)`` or ``("x", "y")``. A name counts even when
        it cancels (``x - x`` has ``("x",)``): the user asked for a function of x.
    """

    text: str
    expr: sympy.Expr
    variables: tuple[str, ...]


# -- the whitelist ---------------------------------------------------------------------


@dataclass(frozen=True)
class _Function:
    min_args: int
    max_args: int | None  # None: no upper limit
    build: Callable[..., sympy.Expr]
    help: str


def _log(value, base=None):
    return sympy.log(value) if base is None else sympy.log(value, base)


def _cbrt(value):
    # The real cube root; sympy's value**(1/3) is the complex principal root.
    return sympy.sign(value) * sympy.Abs(value) ** sympy.Rational(1, 3)


def _factorial(value):
    # Gamma(u + 1) rather than sympy.factorial: the same for whole numbers, and its
    # derivative (Gamma * polygamma) is what the evaluators know.
    return sympy.gamma(value + 1)


def _relu(value):
    return sympy.Max(sympy.S.Zero, value)


def _sigmoid(value):
    return 1 / (1 + sympy.exp(-value))


def _softplus(value):
    return sympy.log(1 + sympy.exp(value))


def _gelu(value):
    return value / 2 * (1 + sympy.erf(value / sympy.sqrt(2)))


_FUNCTIONS: dict[str, _Function] = {
    "sin": _Function(1, 1, sympy.sin, "sin(u): sine of u (radians)"),
    "cos": _Function(1, 1, sympy.cos, "cos(u): cosine of u (radians)"),
    "tan": _Function(1, 1, sympy.tan, "tan(u): tangent of u (radians)"),
    "asin": _Function(1, 1, sympy.asin, "asin(u): inverse sine, -1 <= u <= 1"),
    "acos": _Function(1, 1, sympy.acos, "acos(u): inverse cosine, -1 <= u <= 1"),
    "atan": _Function(1, 1, sympy.atan, "atan(u): inverse tangent"),
    "arcsin": _Function(1, 1, sympy.asin, "arcsin(u): same as asin(u)"),
    "arccos": _Function(1, 1, sympy.acos, "arccos(u): same as acos(u)"),
    "arctan": _Function(1, 1, sympy.atan, "arctan(u): same as atan(u)"),
    "sinh": _Function(1, 1, sympy.sinh, "sinh(u): hyperbolic sine"),
    "cosh": _Function(1, 1, sympy.cosh, "cosh(u): hyperbolic cosine"),
    "tanh": _Function(1, 1, sympy.tanh, "tanh(u): hyperbolic tangent, between -1 and 1"),
    "exp": _Function(1, 1, sympy.exp, "exp(u): e to the power u"),
    "log": _Function(1, 2, _log, "log(u): natural logarithm; log(u, b): logarithm base b"),
    "ln": _Function(1, 1, sympy.log, "ln(u): natural logarithm, same as log(u)"),
    "sqrt": _Function(1, 1, sympy.sqrt, "sqrt(u): square root, u >= 0"),
    "cbrt": _Function(1, 1, _cbrt, "cbrt(u): real cube root, cbrt(-8) = -2"),
    "abs": _Function(1, 1, sympy.Abs, "abs(u): absolute value, same as |u|"),
    "sign": _Function(1, 1, sympy.sign, "sign(u): -1, 0 or 1"),
    "max": _Function(2, None, sympy.Max, "max(a, b, ...): the largest argument"),
    "min": _Function(2, None, sympy.Min, "min(a, b, ...): the smallest argument"),
    "relu": _Function(1, 1, _relu, "relu(u) = max(0, u)"),
    "sigmoid": _Function(1, 1, _sigmoid, "sigmoid(u) = 1/(1 + exp(-u))"),
    "softplus": _Function(1, 1, _softplus, "softplus(u) = log(1 + exp(u))"),
    "gelu": _Function(1, 1, _gelu, "gelu(u) = u/2*(1 + erf(u/sqrt(2)))"),
}

#: The function names the language knows, for the editor's help and tooltips.
FUNCTION_NAMES: tuple[str, ...] = tuple(_FUNCTIONS)
#: One line of help per function name.
FUNCTION_HELP: dict[str, str] = {name: f.help for name, f in _FUNCTIONS.items()}
#: Named constants: pi (also written π) and e.
CONSTANT_NAMES: tuple[str, ...] = ("pi", "e")
#: Variable names; t is for a one-variable function of time.
VARIABLE_NAMES: tuple[str, ...] = ("x", "y", "t")

_CONSTANTS = {"pi": sympy.pi, "e": sympy.E}
_KNOWN_NAMES = frozenset(FUNCTION_NAMES) | frozenset(_CONSTANTS) | frozenset(VARIABLE_NAMES)
_LONGEST_NAME = max(map(len, _KNOWN_NAMES))

#: Names people try that mean something elsewhere (sympy, Python, other calculators).
_NAME_HINTS = {
    "E": error_text("use e for Euler's number (names are case-sensitive)"),
    "I": error_text("complex numbers are not supported"),
    "i": error_text("complex numbers are not supported; the variables are x and y (or t)"),
    "j": error_text("complex numbers are not supported; the variables are x and y (or t)"),
    "oo": error_text("infinity is not a value a formula can use"),
    "inf": error_text("infinity is not a value a formula can use"),
    "infinity": error_text("infinity is not a value a formula can use"),
    "Infinity": error_text("infinity is not a value a formula can use"),
    "zoo": error_text("infinity is not a value a formula can use"),
    "nan": error_text("'not a number' is not a value a formula can use"),
    "NaN": error_text("'not a number' is not a value a formula can use"),
    "sec": error_text("write 1/cos(x) for the secant"),
    "csc": error_text("write 1/sin(x) for the cosecant"),
    "cot": error_text("write 1/tan(x) or cos(x)/sin(x) for the cotangent"),
    "lg": error_text("write log(x, 10) for a base-10 logarithm"),
    "log_": error_text("write log(x, b) for a logarithm with base b"),
    "S": error_text("single capital letters mean nothing here; the variables are x and y (or t)"),
    "N": error_text("single capital letters mean nothing here; the variables are x and y (or t)"),
    "Q": error_text("single capital letters mean nothing here; the variables are x and y (or t)"),
    "O": error_text("single capital letters mean nothing here; the variables are x and y (or t)"),
    "Pi": error_text("use pi (names are case-sensitive)"),
    "PI": error_text("use pi (names are case-sensitive)"),
}


# -- characters ------------------------------------------------------------------------

_DIGITS = "0123456789"
_SPACES = frozenset(
    "\t\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
    "\u202f\u205f\u3000"
)
_LINE_BREAKS = frozenset("\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")
# Invisible or direction-changing: they can hide or reorder what the user sees.
_INVISIBLE = frozenset(
    "\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180e\u200b\u200c\u200d\u200e\u200f"
    "\u202a\u202b\u202c\u202d\u202e\u2060\u2061\u2062\u2063\u2064\u2066\u2067\u2068"
    "\u2069\u206a\u206b\u206c\u206d\u206e\u206f\u3164\ufeff\uffa0"
)
# One character for one: a position in the normalised text is a position in the original.
_REPLACEMENTS = {
    "\u2212": "-",  # MINUS SIGN
    "\u2010": "-",  # HYPHEN
    "\u2011": "-",  # NON-BREAKING HYPHEN
    "\u2012": "-",  # FIGURE DASH
    "\u2013": "-",  # EN DASH
    "\ufe63": "-",  # SMALL HYPHEN-MINUS
    "\u00d7": "*",  # MULTIPLICATION SIGN
    "\u00b7": "*",  # MIDDLE DOT
    "\u22c5": "*",  # DOT OPERATOR
    "\u2219": "*",  # BULLET OPERATOR
    "\u2217": "*",  # ASTERISK OPERATOR
    "\u00f7": "/",  # DIVISION SIGN
    "\u2215": "/",  # DIVISION SLASH
    "\u2044": "/",  # FRACTION SLASH
}
_SUPERSCRIPTS = {
    "\u2070": "0", "\u00b9": "1", "\u00b2": "2", "\u00b3": "3", "\u2074": "4",
    "\u2075": "5", "\u2076": "6", "\u2077": "7", "\u2078": "8", "\u2079": "9",
    "\u207a": "+", "\u207b": "-",
}  # fmt: skip
_PI = "\u03c0"
# Letters of other scripts that look like Latin ones (NFKD does not relate them).
_LOOKALIKES = {
    "\u0430": "a", "\u0435": "e", "\u043e": "o", "\u0440": "p", "\u0441": "c",
    "\u0443": "y", "\u0445": "x", "\u0456": "i", "\u0455": "s", "\u0458": "j",
    "\u04bb": "h", "\u0501": "d", "\u051b": "q", "\u051d": "w", "\u0442": "t",
    "\u0410": "A", "\u0412": "B", "\u0415": "E", "\u041a": "K", "\u041c": "M",
    "\u041d": "H", "\u041e": "O", "\u0420": "P", "\u0421": "C", "\u0422": "T",
    "\u0425": "X", "\u0423": "Y", "\u0406": "I", "\u0405": "S", "\u0408": "J",
    "\u03bf": "o", "\u03bd": "v", "\u03b9": "i", "\u03ba": "k", "\u03c4": "t",
    "\u03b1": "a", "\u03c1": "p", "\u03c7": "x", "\u03c5": "u", "\u03b5": "e",
    "\u03b3": "y", "\u0391": "A", "\u0392": "B", "\u0395": "E", "\u0396": "Z",
    "\u0397": "H", "\u0399": "I", "\u039a": "K", "\u039c": "M", "\u039d": "N",
    "\u039f": "O", "\u03a1": "P", "\u03a4": "T", "\u03a5": "Y", "\u03a7": "X",
    "\u0131": "i", "\u0261": "g",
}  # fmt: skip
_SYMBOL_HINTS = {
    "\u221a": error_text("write sqrt(x) for a square root"),
    "\u221b": error_text("write cbrt(x) for a cube root"),
    "\u221e": error_text("infinity is not a value a formula can use"),
    "\u00bd": error_text("write 1/2"),
    "\u2264": error_text("comparisons are not part of a formula"),
    "\u2265": error_text("comparisons are not part of a formula"),
    "\u2260": error_text("comparisons are not part of a formula"),
    "\u2032": error_text("type the function itself; its derivative is computed for you"),
}
_ASCII_MESSAGES = {
    "'": ("unsupported", error_text("quotes are not allowed: a formula contains no text")),
    '"': ("unsupported", error_text("quotes are not allowed: a formula contains no text")),
    "`": ("unsupported", error_text("quotes are not allowed: a formula contains no text")),
    "=": (
        "unsupported",
        error_text("'=' is not allowed: type only the formula, e.g. x^2 rather than y = x^2"),
    ),
    ";": ("unsupported", error_text("';' is not allowed: enter a single formula")),
    ":": ("unsupported", error_text("':' is not part of the formula language")),
    "%": ("unsupported", error_text("'%' is not supported; write x/100 for a percentage")),
    "<": ("unsupported", error_text("comparisons are not part of a formula")),
    ">": ("unsupported", error_text("comparisons are not part of a formula")),
    "{": ("unsupported", error_text("braces are not used; group with ( ) or [ ]")),
    "}": ("unsupported", error_text("braces are not used; group with ( ) or [ ]")),
    "\\": ("unsupported", error_text("backslashes are not part of the formula language")),
}


#: Fields of a message that are places in the text: 0-based indices when given to
#: :func:`_error`, shown counted from 1 (the first character is "at 1", as editors
#: count columns); the error's ``position`` stays the 0-based index.
_PLACE_FIELDS = frozenset({"at", "dot", "closer_at", "found_at", "previous_at"})


def _error(kind: str, template: str, position: int | None, **fields) -> ExpressionError:
    """An error whose message is ``template`` (marked with ``error_text``) with ``fields``."""
    for name in _PLACE_FIELDS.intersection(fields):
        fields[name] += 1
    return ExpressionError(kind, position=position, template=template, fields=fields)


def _character_name(char: str) -> str:
    return unicodedata.name(char, f"U+{ord(char):04X}")


def _foreign_character_error(char: str, position: int) -> ExpressionError:
    """Why a character outside the language is rejected, naming look-alikes."""
    name = _character_name(char)
    looks_like = _LOOKALIKES.get(char)
    if looks_like is None:
        decomposed = "".join(
            c
            for c in unicodedata.normalize("NFKD", char)
            if not unicodedata.category(c).startswith("M")
        )
        if len(decomposed) == 1 and decomposed.isascii() and decomposed.isalnum():
            looks_like = decomposed
        elif unicodedata.digit(char, None) is not None:
            looks_like = str(unicodedata.digit(char))
    if looks_like is not None:
        return _error(
            "unsupported",
            error_text("the character '{char}' at {at} is {name}, which only looks like "
                       "{looks_like}; type the ordinary '{looks_like}'"),
            position, char=char, at=position, name=name, looks_like=looks_like,
        )
    hint = _SYMBOL_HINTS.get(char)
    if hint:
        return _error(
            "unsupported",
            error_text("the character '{char}' at {at} ({name}) is not part of the formula "
                       "language; {hint}"),
            position, char=char, at=position, name=name, hint=phrase(hint),
        )
    return _error(
        "unsupported",
        error_text("the character '{char}' at {at} ({name}) is not part of the formula language"),
        position, char=char, at=position, name=name,
    )


def _normalise(text: str) -> tuple[str, dict[int, ExpressionError]]:
    """Map each character to the one the tokenizer reads, one for one.

    Returns the normalised text (same length as ``text``) and the errors for
    characters outside the language, by position; those characters become ``\\x00``.
    Invisible, direction-changing and control characters and line breaks raise at
    once: they can make the text on screen differ from what it says.
    """
    out: list[str] = []
    foreign: dict[int, ExpressionError] = {}
    for position, char in enumerate(text):
        if " " <= char <= "~":
            out.append(char)
        elif char in _SPACES:
            out.append(" ")
        elif char in _REPLACEMENTS:
            out.append(_REPLACEMENTS[char])
        elif char in _SUPERSCRIPTS or char == _PI:
            out.append(char)
        elif "\uff01" <= char <= "\uff5e":  # FULLWIDTH ! .. ~
            out.append(unicodedata.normalize("NFKC", char))
        elif char in _LINE_BREAKS:
            raise _error(
                "unsupported",
                error_text("the line break at {at} is not allowed: write the formula on one line"),
                position, at=position,
            )
        elif char in _INVISIBLE or unicodedata.category(char) in ("Cf", "Cc", "Cs", "Co", "Cn"):
            fields = {"code": f"{ord(char):04X}", "name": _character_name(char), "at": position}
            if unicodedata.category(char) == "Cc":
                template = error_text(
                    "the control character U+{code} {name} at {at} is not allowed: it can "
                    "hide or reorder what the formula says; delete it")
            else:
                template = error_text(
                    "the invisible character U+{code} {name} at {at} is not allowed: it can "
                    "hide or reorder what the formula says; delete it")
            raise _error("unsupported", template, position, **fields)
        elif "\ufe00" <= char <= "\ufe0f" or "\U000e0100" <= char <= "\U000e01ef":
            raise _error(
                "unsupported",
                error_text("the invisible character U+{code} {name} at {at} is not allowed; "
                           "delete it"),
                position, code=f"{ord(char):04X}", name=_character_name(char), at=position,
            )
        else:
            out.append("\x00")
            foreign[position] = _foreign_character_error(char, position)
    return "".join(out), foreign


# -- tokens ----------------------------------------------------------------------------

_NUMBER, _NAME, _OP, _OPEN, _CLOSE, _BAR, _COMMA, _SUPERSCRIPT, _FACTORIAL, _ERROR, _END = (
    "number", "name", "operator", "open", "close", "bar", "comma", "superscript", "factorial",
    "error", "end",
)  # fmt: skip
_MATCHING = {"(": ")", "[": "]"}


@dataclass(slots=True)
class _Token:
    kind: str
    start: int
    end: int
    text: str  # the normalised text of the token ("**" is kept as typed, value "^")
    value: object = None


def _split_word(word: str) -> list[str] | None:
    """Split letters run together into known names, longest names first (``xy``)."""
    memo: dict[int, list[str] | None] = {}

    def split_from(start: int) -> list[str] | None:
        if start == len(word):
            return []
        if start in memo:
            return memo[start]
        memo[start] = None
        for end in range(min(len(word), start + _LONGEST_NAME), start, -1):
            if word[start:end] in _KNOWN_NAMES:
                rest = split_from(end)
                if rest is not None:
                    memo[start] = [word[start:end], *rest]
                    break
        return memo[start]

    return split_from(0)


def _fractional_exponent_end(chars: str, j: int) -> int | None:
    """Where an exponent with a decimal point that starts at ``j`` ends (``.5``, ``0.5``)."""
    k = j
    while k < len(chars) and chars[k] in _DIGITS:
        k += 1
    if k < len(chars) - 1 and chars[k] == "." and chars[k + 1] in _DIGITS:
        k += 1
        while k < len(chars) and chars[k] in _DIGITS:
            k += 1
        return k
    return None


def _fractional_exponent_error(
    chars: str, text: str, start: int, e_at: int, digits_at: int, end: int
) -> tuple[_Token, int]:
    """``3e-.5`` and ``3e-0.5`` alike: neither is read, and the message shows both readings.

    Scientific notation takes whole exponents only, so both could be 3·e − 0.5 (as
    ``3e-.5`` once silently was) or a mistyped 3·10^-0.5; the user says which.
    """
    literal = text[start:end]
    mantissa, sign, exponent = chars[start:e_at], chars[e_at + 1 : digits_at], chars[digits_at:end]
    if sign:
        template = error_text("the number '{literal}' at {at} has a fractional exponent, which "
                              "scientific notation does not allow (1e-5 is 10 to a whole power): "
                              "for {mantissa}·e {sign} {exponent} write {mantissa}e {sign} "
                              "{exponent} with spaces, for a power of ten write "
                              "{mantissa}*10^({sign}{exponent})")
    else:
        template = error_text("the number '{literal}' at {at} has a fractional exponent, which "
                              "scientific notation does not allow (1e5 is 10 to a whole power): "
                              "for a power of ten write {mantissa}*10^{exponent}")
    error = _error("syntax", template, start, literal=literal, at=start, mantissa=mantissa,
                   sign=sign, exponent=exponent)
    return _Token(_ERROR, start, end, literal, error), end


def _read_number(chars: str, text: str, start: int) -> tuple[_Token, int]:
    """Read a number literal at ``start``; returns the token and the index after it."""
    n = len(chars)
    i = start
    while i < n and chars[i] in _DIGITS:
        i += 1
    whole = chars[start:i]
    fraction = ""
    if i < n and chars[i] == ".":
        i += 1
        fraction_start = i
        while i < n and chars[i] in _DIGITS:
            i += 1
        fraction = chars[fraction_start:i]
    exponent = 0
    if i < n and chars[i] in "eE":
        j = i + 1
        if j < n and chars[j] in "+-":
            j += 1
        fraction_end = _fractional_exponent_end(chars, j)
        if fraction_end is not None:
            return _fractional_exponent_error(chars, text, start, i, j, fraction_end)
        if j < n and chars[j] in _DIGITS:
            k = j
            while k < n and chars[k] in _DIGITS:
                k += 1
            exponent = int(chars[i + 1 : k])
            i = k
    literal = text[start:i]

    def error(kind: str, template: str, position: int = start, **fields) -> tuple[_Token, int]:
        return _Token(_ERROR, position, i, literal, _error(kind, template, position, **fields)), i

    if i < n and chars[i] == ".":
        return error(
            "syntax", error_text("the number '{literal}' at {at} has a second '.' at {dot}"), i,
            literal=literal, at=start, dot=i,
        )
    # Work with the significant digits only: 0.000120 -> digits "12", exponent -5.
    digits = (whole + fraction).lstrip("0")
    exponent -= len(fraction)
    stripped = digits.rstrip("0")
    exponent += len(digits) - len(stripped)
    digits = stripped
    if not digits:
        value = sympy.S.Zero
    else:
        if len(digits) > MAX_LITERAL_DIGITS:
            return error(
                "too_complex",
                error_text("the number at {at} has {count} significant digits; "
                           "at most {limit} are allowed"),
                at=start, count=len(digits), limit=MAX_LITERAL_DIGITS,
            )
        leading_power = len(digits) - 1 + exponent  # 10**leading_power <= value < 10**(..+1)
        if leading_power > 15 or (
            leading_power == 15  # then 0 <= len(digits) + exponent <= 31: small powers
            and (
                int(digits) * 10**exponent > MAX_LITERAL
                if exponent >= 0
                else int(digits) > MAX_LITERAL * 10**-exponent
            )
        ):
            return error(
                "too_complex",
                error_text("the number '{literal}' at {at} is too large: numbers can be at "
                           "most 1e15"),
                literal=literal, at=start,
            )
        if leading_power < -MAX_LITERAL_DECIMALS:
            return error(
                "too_complex",
                error_text("the number '{literal}' at {at} is too small: the smallest allowed "
                           "is 1e-{limit}"),
                literal=literal, at=start, limit=MAX_LITERAL_DECIMALS,
            )
        if exponent >= 0:
            value = sympy.Integer(int(digits) * 10**exponent)
        else:
            value = sympy.Rational(int(digits), 10**-exponent)
    return _Token(_NUMBER, start, i, literal, value), i


def _tokenize(text: str) -> list[_Token]:
    """Tokens of ``text``; the first problem becomes an error token, then the end."""
    chars, foreign = _normalise(text)
    tokens: list[_Token] = []
    n = len(chars)
    i = 0
    while i < n:
        char = chars[i]
        if char == " ":
            i += 1
        elif char in _DIGITS or (char == "." and i + 1 < n and chars[i + 1] in _DIGITS):
            token, i = _read_number(chars, text, i)
            tokens.append(token)
            if token.kind == _ERROR:
                break
        elif char == "_" or ("a" <= char <= "z") or ("A" <= char <= "Z"):
            start = i
            while i < n and (chars[i] == "_" or chars[i].isascii() and chars[i].isalpha()):
                i += 1
            word = chars[start:i]
            if i < n and chars[i] == "\x00" and unicodedata.category(text[i])[0] in "LM":
                # "cοs" with a Greek omicron: the look-alike, not the name 'c', is the problem
                tokens.append(_Token(_ERROR, i, i + 1, text[i], foreign[i]))
                break
            parts = None if "_" in word else _split_word(word)
            if parts is None:
                tokens.append(_Token(_NAME, start, i, word, word))
            else:
                position = start
                for part in parts:
                    tokens.append(_Token(_NAME, position, position + len(part), part, part))
                    position += len(part)
        elif char == _PI:
            tokens.append(_Token(_NAME, i, i + 1, char, "pi"))
            i += 1
        elif char == "*" and i + 1 < n and chars[i + 1] == "*":
            tokens.append(_Token(_OP, i, i + 2, "**", "^"))
            i += 2
        elif char in "+-*/^":
            tokens.append(_Token(_OP, i, i + 1, char, char))
            i += 1
        elif char in "([":
            tokens.append(_Token(_OPEN, i, i + 1, char, char))
            i += 1
        elif char in ")]":
            tokens.append(_Token(_CLOSE, i, i + 1, char, char))
            i += 1
        elif char == "|":
            tokens.append(_Token(_BAR, i, i + 1, char, char))
            i += 1
        elif char == ",":
            tokens.append(_Token(_COMMA, i, i + 1, char, char))
            i += 1
        elif char == "!":
            tokens.append(_Token(_FACTORIAL, i, i + 1, char, char))
            i += 1
        elif char in _SUPERSCRIPTS:
            start = i
            if _SUPERSCRIPTS[char] in "+-":
                i += 1
            digits_start = i
            while i < n and chars[i] in _SUPERSCRIPTS and _SUPERSCRIPTS[chars[i]] in _DIGITS:
                i += 1
            written = text[start:i]
            if i == digits_start or i - digits_start > 3:
                if i == digits_start:
                    kind = "syntax"
                    template = error_text("the superscript '{written}' at {at} needs digits after it")
                else:
                    kind = "too_complex"
                    template = error_text("the superscript '{written}' at {at} is too long")
                error = _error(kind, template, start, written=written, at=start)
                tokens.append(_Token(_ERROR, start, i, written, error))
                break
            exponent = int("".join(_SUPERSCRIPTS[c] for c in chars[start:i]))
            tokens.append(_Token(_SUPERSCRIPT, start, i, written, exponent))
        elif char == ".":
            after = chars[i + 1] if i + 1 < n else ""
            if after == "_" or after.isascii() and after.isalpha():
                error = _error(
                    "unsupported",
                    error_text("'.' at {at} is not allowed: attribute access like x.diff is "
                               "not part of the formula language"),
                    i, at=i,
                )
            else:
                error = _error("syntax", error_text("'.' at {at} is not part of a number"), i, at=i)
            tokens.append(_Token(_ERROR, i, i + 1, char, error))
            break
        else:
            if char == "\x00":
                error = foreign[i]
            elif char in _ASCII_MESSAGES:
                kind, reason = _ASCII_MESSAGES[char]
                error = _error(kind, error_text("{reason} (at {at})"), i, reason=phrase(reason), at=i)
            else:
                error = _error(
                    "unsupported",
                    error_text("the character '{char}' at {at} is not part of the formula "
                               "language"),
                    i, char=text[i], at=i,
                )
            tokens.append(_Token(_ERROR, i, i + 1, text[i], error))
            break
    tokens.append(_Token(_END, n, n, "", None))
    return tokens


# -- checking constants ----------------------------------------------------------------


class _ConstantProblem(Exception):
    """A constant sub-expression is undefined or too large; the parser adds where.

    ``reason`` is a :func:`~visualizer.core.errors.phrase` that completes the sentence
    "'<snippet>' at <position> ...".
    """

    def __init__(self, kind: str, reason: dict):
        super().__init__(reason)
        self.kind = kind
        self.reason = reason


_UNDEFINED = (sympy.S.ComplexInfinity, sympy.S.NaN, sympy.S.Infinity, sympy.S.NegativeInfinity)
_LARGEST_CONSTANT = 10.0**MAX_CONSTANT_DIGITS
_ROUNDING = 1e-12  # how far a float may stray across a domain boundary by rounding


def _too_large() -> _ConstantProblem:
    return _ConstantProblem(
        "too_complex",
        phrase(error_text("is too large: constants must stay below 1e{digits}"),
               digits=MAX_CONSTANT_DIGITS),
    )


def _float_power(base: float, exponent: float) -> float:
    if base == 0.0 and exponent < 0:
        raise _ConstantProblem("domain", phrase(error_text("is undefined: it divides by zero")))
    if base < 0 and not float(exponent).is_integer():
        if base > -_ROUNDING:
            return 0.0
        # Odd roots (q odd in p/q) are built as real roots before they get here.
        reason = error_text("is not a real number (a negative number to a fractional power)")
        raise _ConstantProblem("domain", phrase(reason))
    try:
        return math.pow(base, exponent)
    except OverflowError:
        raise _too_large() from None


def _inverse_trig(function: Callable[[float], float], name: str) -> Callable[[float], float]:
    def evaluate(value: float) -> float:
        if abs(value) > 1 + _ROUNDING:
            raise _ConstantProblem(
                "domain",
                phrase(error_text("is undefined: {name} needs a number from -1 to 1"), name=name),
            )
        return function(max(-1.0, min(1.0, value)))

    return evaluate


def _float_log(value: float) -> float:
    if value <= 0:
        raise _ConstantProblem(
            "domain", phrase(error_text("is undefined: a logarithm needs a positive number"))
        )
    return math.log(value)


def _float_gamma(value: float) -> float:
    try:
        return math.gamma(value)
    except ValueError:  # a pole: 0, -1, -2, ... (the parser refuses (-n)! before this)
        raise _ConstantProblem(
            "domain", phrase(error_text("is undefined: it divides by zero or is infinite"))
        ) from None


def _product(values: list[float]) -> float:
    result = 1.0
    for value in values:
        result *= value
    return result


def _sign(value: float) -> float:
    return 0.0 if value == 0 else math.copysign(1.0, value)


# sympy class -> float evaluation of its (already checked) argument values.
_FLOAT_EVALUATORS: dict[type, Callable[[list[float]], float]] = {
    sympy.Add: math.fsum,
    sympy.Mul: _product,
    sympy.exp: lambda v: math.exp(v[0]),
    sympy.log: lambda v: _float_log(v[0]),
    sympy.sin: lambda v: math.sin(v[0]),
    sympy.cos: lambda v: math.cos(v[0]),
    sympy.tan: lambda v: math.tan(v[0]),
    sympy.asin: lambda v: _inverse_trig(math.asin, "asin")(v[0]),
    sympy.acos: lambda v: _inverse_trig(math.acos, "acos")(v[0]),
    sympy.atan: lambda v: math.atan(v[0]),
    sympy.sinh: lambda v: math.sinh(v[0]),
    sympy.cosh: lambda v: math.cosh(v[0]),
    sympy.tanh: lambda v: math.tanh(v[0]),
    sympy.Abs: lambda v: abs(v[0]),
    sympy.sign: lambda v: _sign(v[0]),
    sympy.Max: max,
    sympy.Min: min,
    sympy.erf: lambda v: math.erf(v[0]),
    sympy.gamma: lambda v: _float_gamma(v[0]),
}


def _rational_digits(value: sympy.Rational) -> int:
    """Decimal digits of the larger of numerator and denominator (an upper estimate)."""
    return max(abs(value.p).bit_length(), value.q.bit_length()) * 30103 // 100000 + 1


# -- the parser ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Inspection:
    value: float | None  # None unless the expression is constant
    size: int  # nodes, counting a repeated sub-tree each time it occurs
    height: int  # nodes on the longest path from the root to a leaf


@dataclass(slots=True)
class _Node:
    expr: sympy.Expr
    start: int  # span in the original text
    end: int


class _Parser:
    """Recursive descent over the tokens, building and checking sympy nodes as it goes.

    Grammar (implicit multiplication is a product without an operator)::

        expression := product (('+' | '-') product)*
        product    := unary (('*' | '/') unary | implicit power)*
        unary      := ('+' | '-')* power
        power      := postfix ('^' exponent)?
        exponent   := ('+' | '-')* power              -- right-associative
        postfix    := atom superscript*
        atom       := number | variable | constant | function '(' arguments ')'
                    | '(' expression ')' | '|' expression '|'
    """

    def __init__(self, text: str, tokens: list[_Token]):
        self.text = text
        self.tokens = tokens
        self.index = 0
        self.previous: _Token | None = None
        self.depth = 0
        self.groups: list[_Token] = []  # open '(', '[' and '|' tokens, innermost last
        self.variables: dict[str, int] = {}  # name -> first position
        self.inspected: dict[sympy.Basic, _Inspection] = {}
        self.deadline = time.perf_counter() + MAX_PARSE_SECONDS

    # token access

    def peek(self) -> _Token:
        token = self.tokens[self.index]
        if token.kind == _ERROR:
            raise token.value
        return token

    def advance(self) -> _Token:
        token = self.peek()
        self.index += 1
        self.previous = token
        return token

    def error(self, kind: str, template: str, position: int, **fields) -> ExpressionError:
        """An error at ``position``; the template's ``{at}`` is that position."""
        fields.setdefault("at", position)
        return _error(kind, template, position, **fields)

    def snippet(self, start: int, end: int) -> str:
        piece = self.text[start:end].strip()
        return piece if len(piece) <= 40 else piece[:37] + "..."

    # nesting

    def enter(self, token: _Token) -> None:
        self.depth += 1
        if self.depth > MAX_NESTING_DEPTH:
            raise self.error(
                "too_complex",
                error_text("the formula is nested too deeply at {at}: at most {limit} levels "
                           "of brackets, functions and powers"),
                token.start, limit=MAX_NESTING_DEPTH,
            )

    def leave(self) -> None:
        self.depth -= 1

    # checking what sympy built

    def build(
        self, constructor: Callable[..., sympy.Expr], args: list[sympy.Expr], start: int, end: int
    ) -> _Node:
        """Apply a whitelisted sympy constructor to checked arguments, then check the result."""
        args = [self.folded(arg) for arg in args]
        inspections = [self.inspect(arg) for arg in args]
        large = any(
            part.height > MAX_EVALUATED_HEIGHT or part.size > MAX_EVALUATED_SIZE
            for part in inspections
        )
        try:
            if large:
                # sympy's simplifications on construction (Abs(-u) = Abs(u), Max's
                # comparisons, exp's and Pow's sign questions) walk the argument: done at
                # every level of a deep nesting, their cost grows with the square of the
                # depth or worse. Over a large argument the node is built as written.
                with sympy.evaluate(False):
                    expr = constructor(*args)
            else:
                expr = constructor(*args)
        except (ValueError, TypeError, ArithmeticError, RecursionError):
            # e.g. Max of a constant so close to 0 that sympy cannot tell its sign
            raise self.error(
                "too_complex",
                error_text("'{snippet}' at {at} cannot be worked out exactly: a constant in "
                           "it is too close to call; try simpler numbers"),
                start, snippet=self.snippet(start, end),
            ) from None
        return self.check(expr, start, end)

    def check(self, expr: sympy.Expr, start: int, end: int) -> _Node:
        """Bound the size and magnitude of a freshly built node; refuse undefined constants."""
        if time.perf_counter() > self.deadline:
            raise self.error(
                "too_complex",
                error_text("the formula takes too long to check (at {at}); simplify its "
                           "constants"),
                start,
            )
        try:
            size = self.inspect(expr).size
        except _ConstantProblem as problem:
            raise self.error(
                problem.kind, error_text("'{snippet}' at {at} {reason}"), start,
                snippet=self.snippet(start, end), reason=problem.reason,
            ) from None
        if size > MAX_TREE_SIZE:
            raise self.error(
                "too_complex",
                error_text("the formula is too large at {at}: its expression tree would have "
                           "{size} parts (at most {limit}; gelu and cbrt repeat their argument)"),
                start, size=size, limit=MAX_TREE_SIZE,
            )
        return _Node(expr, start, end)

    def inspect(self, expr: sympy.Basic) -> _Inspection:
        """Float value (constants only), tree size and height of ``expr``, memoised."""
        known = self.inspected.get(expr)
        if known is not None:
            return known
        if expr.is_Symbol:
            result = _Inspection(None, 1, 1)
        elif expr.is_Rational:
            try:
                value = expr.p / expr.q
            except OverflowError:
                raise _too_large() from None
            result = _Inspection(value, 1, 1)
        elif expr.is_Float:  # a constant folded by :meth:`folded`
            result = _Inspection(float(expr), 1, 1)
        elif expr is sympy.pi:
            result = _Inspection(math.pi, 1, 1)
        elif expr is sympy.E:
            result = _Inspection(math.e, 1, 1)
        elif expr in _UNDEFINED:
            raise _ConstantProblem(
                "domain", phrase(error_text("is undefined: it divides by zero or is infinite"))
            )
        elif expr is sympy.I:
            raise _ConstantProblem("domain", phrase(error_text("is not a real number")))
        elif not expr.args:
            raise _ConstantProblem(
                "unsupported",
                phrase(error_text("contains {expr}, which this program cannot check"),
                       expr=str(expr)),
            )
        else:
            parts = [self.inspect(arg) for arg in expr.args]
            size = 1 + sum(part.size for part in parts)
            height = 1 + max(part.height for part in parts)
            values = [part.value for part in parts]
            if any(value is None for value in values):
                result = _Inspection(None, size, height)
            else:
                result = _Inspection(self.evaluate(expr, values), size, height)
        self.inspected[expr] = result
        return result

    def evaluate(self, expr: sympy.Basic, values: list[float]) -> float:
        if expr.is_Pow:
            value = _float_power(values[0], values[1])
        else:
            evaluator = _FLOAT_EVALUATORS.get(expr.func)
            if evaluator is None:
                raise _ConstantProblem(
                    "unsupported",
                    phrase(error_text("becomes {expr}, which this program cannot check"),
                           expr=str(expr)),
                )
            try:
                value = evaluator(values)
            except OverflowError:
                raise _too_large() from None
        if not abs(value) < _LARGEST_CONSTANT:  # also catches inf and nan
            raise _too_large()
        return value

    def folded(self, expr: sympy.Expr) -> sympy.Expr:
        """``expr``, or its value as a float when it is a constant nested too deeply.

        sympy's constructors ask a constant argument for its sign and size by evaluating
        it numerically, and that evaluation is not remembered: each level of nesting
        evaluates everything below it again, so ``sigmoid(sigmoid(...(1)...))`` cost
        twice as much for each level. A constant taller than
        :data:`MAX_EXACT_CONSTANT_HEIGHT` becomes the float this parser already computed
        for it, so building costs the same at every level.
        """
        inspection = self.inspected.get(expr)
        if (
            inspection is None
            or inspection.value is None
            or inspection.height <= MAX_EXACT_CONSTANT_HEIGHT
        ):
            return expr
        folded = sympy.Float(inspection.value)
        self.inspected[folded] = _Inspection(inspection.value, 1, 1)
        return folded

    def constant_value(self, expr: sympy.Expr) -> float | None:
        """The float value of a constant node (None if it has variables or no value)."""
        try:
            return self.inspect(expr).value
        except _ConstantProblem:  # reported where the node is checked
            return None

    # builders: every sympy construction goes through one of these

    def build_sum(self, terms: list[_Node]) -> _Node:
        if len(terms) == 1:
            return terms[0]
        self.check_number_sizes([t.expr for t in terms], terms[0].start)
        return self.build(sympy.Add, [t.expr for t in terms], terms[0].start, terms[-1].end)

    def build_product(self, factors: list[_Node]) -> _Node:
        if len(factors) == 1:
            return factors[0]
        self.check_number_sizes([f.expr for f in factors], factors[0].start)
        return self.build(sympy.Mul, [f.expr for f in factors], factors[0].start, factors[-1].end)

    def check_number_sizes(self, exprs: list[sympy.Expr], start: int) -> None:
        # Sums and products of exact numbers are evaluated by sympy at once; their digits
        # add up, so bound the total before sympy starts.
        digits = sum(_rational_digits(e) for e in exprs if e.is_Rational)
        if digits > 4 * MAX_CONSTANT_DIGITS:
            raise self.error(
                "too_complex",
                error_text("the numbers in the formula at {at} are too large together"),
                start,
            )

    def build_negative(self, operand: _Node, sign_position: int) -> _Node:
        return self.build(operator.neg, [operand.expr], sign_position, operand.end)

    def build_power(
        self, base: _Node, exponent: sympy.Expr, operator_token: _Token, end: int
    ) -> _Node:
        """``base ** exponent`` after checking what sympy would compute exactly."""
        if self.inspect(base.expr).value is None:
            self.check_variable_power(base, exponent, operator_token, end)
        if self.is_odd_root(base, exponent):
            return self.build_real_root(base, exponent, operator_token, end)
        if exponent.is_Rational:
            # sympy raises exact numbers to rational powers at once, and distributes the
            # power over a product ((2x)^n = 2^n x^n): size the result before building it.
            for factor in sympy.Mul.make_args(base.expr):
                if not factor.free_symbols and factor not in (sympy.S.One, sympy.S.NegativeOne):
                    self.check_constant_power(factor, exponent, base, operator_token, end)
        return self.build(operator.pow, [base.expr, exponent], base.start, end)

    def check_variable_power(
        self, base: _Node, exponent: sympy.Expr, operator_token: _Token, end: int
    ) -> None:
        # x^(10^10) is a polynomial of degree 10^10: its derivative's roots would keep the
        # helper busy until its time limit, to say "too complex" after seconds.
        value = self.constant_value(exponent)
        if value is None:
            return
        # sympy makes (x^a)^b into x^(a*b) and (2x^a)^b into 2^b x^(a*b)
        inner = [
            self.constant_value(factor.exp)
            for factor in sympy.Mul.make_args(base.expr)
            if factor.is_Pow and factor.base.free_symbols
        ]
        value *= max((abs(v) for v in inner if v is not None), default=1.0)
        if abs(value) > MAX_VARIABLE_EXPONENT:
            raise self.error(
                "too_complex",
                error_text("the exponent in '{snippet}' at {at} is too large: a variable can "
                           "be raised to a power of at most {limit}"),
                operator_token.start, snippet=self.snippet(base.start, end),
                limit=MAX_VARIABLE_EXPONENT,
            )

    def is_odd_root(self, base: _Node, exponent: sympy.Expr) -> bool:
        """Whether ``base ** exponent`` is p/q-th power with q odd of a base that may be < 0."""
        if not (exponent.is_Rational and exponent.q % 2 == 1 and exponent.q > 1):
            return False
        inspection = self.inspect(base.expr)
        if inspection.value is not None:
            return inspection.value < 0
        large = inspection.height > MAX_EVALUATED_HEIGHT or inspection.size > MAX_EVALUATED_SIZE
        return large or base.expr.is_nonnegative is not True

    def build_real_root(
        self, base: _Node, exponent: sympy.Rational, operator_token: _Token, end: int
    ) -> _Node:
        """The real root: ``sign(u)^p * |u|^(p/q)`` for ``u^(p/q)`` with q odd.

        x^(1/3) is the real cube root for x < 0 too (cbrt(x)), x^(2/3) = |x|^(2/3), and
        (-8)^(1/3) = -2, as GeoGebra, Desmos, math.js and the textbooks read them; sympy's
        principal root is complex there.
        """
        magnitude = self.build(sympy.Abs, [base.expr], base.start, base.end)
        power = self.build_power(magnitude, exponent, operator_token, end)
        if exponent.p % 2 == 0:
            return power
        sign = self.build(sympy.sign, [base.expr], base.start, base.end)
        return self.build(operator.mul, [sign.expr, power.expr], base.start, end)

    def check_constant_power(
        self,
        factor: sympy.Expr,
        exponent: sympy.Rational,
        base: _Node,
        operator_token: _Token,
        end: int,
    ) -> None:
        snippet = self.snippet(base.start, end)
        if abs(exponent) > MAX_CONSTANT_EXPONENT:
            raise self.error(
                "too_complex",
                error_text("the exponent in '{snippet}' at {at} is too large: a constant can be "
                           "raised to a power of at most {limit}"),
                operator_token.start, snippet=snippet, limit=MAX_CONSTANT_EXPONENT,
            )
        if factor.is_Rational:
            digits = _rational_digits(factor)
        elif factor.is_Pow and factor.base.is_Rational:  # sqrt(n)^k is computed as n^(k/2)
            digits = _rational_digits(factor.base) * abs(factor.exp)
        else:
            value = self.constant_value(factor)
            digits = abs(math.log10(abs(value))) if value else 0.0
        if digits * abs(exponent) > MAX_CONSTANT_DIGITS:
            raise self.error(
                "too_complex",
                error_text("'{snippet}' at {at} is too big a number: it would need more than "
                           "{limit} digits to write exactly"),
                base.start, snippet=snippet, limit=MAX_CONSTANT_DIGITS,
            )

    def build_reciprocal(self, divisor: _Node, slash: _Token) -> _Node:
        value = self.constant_value(divisor.expr)
        if value == 0.0:
            raise self.error(
                "domain",
                error_text("division by zero at {at}: '{snippet}' is 0"),
                slash.start, snippet=self.snippet(divisor.start, divisor.end),
            )
        return self.build_power(divisor, sympy.S.NegativeOne, slash, divisor.end)

    # grammar

    def parse(self) -> _Node:
        node = self.expression()
        token = self.peek()
        if token.kind != _END:
            raise self.unexpected_after_operand(token)
        return node

    def expression(self) -> _Node:
        terms = [self.product()]
        while True:
            token = self.peek()
            if token.kind == _OP and token.value in "+-":
                self.advance()
                term = self.product()
                if token.value == "-":
                    term = self.build_negative(term, token.start)
                terms.append(term)
            else:
                return self.build_sum(terms)

    def product(self) -> _Node:
        factors = [self.unary()]
        while True:
            token = self.peek()
            if token.kind == _OP and token.value == "*":
                self.advance()
                factors.append(self.unary())
            elif token.kind == _OP and token.value == "/":
                self.advance()
                factors.append(self.build_reciprocal(self.unary(), token))
            elif token.kind in (_NAME, _OPEN) or (
                token.kind == _BAR and (not self.groups or self.groups[-1].kind != _BAR)
            ):
                factors.append(self.power())
            elif token.kind == _NUMBER:
                before = self.snippet(factors[-1].start, factors[-1].end)
                raise self.error(
                    "syntax",
                    error_text("the number '{number}' at {at} follows '{before}' directly; "
                               "put '*' between them to multiply (or '^' for a power)"),
                    token.start, number=token.text, before=before,
                )
            else:
                return self.build_product(factors)

    def unary(self) -> _Node:
        signs: list[_Token] = []
        while (token := self.peek()).kind == _OP and token.value in "+-":
            signs.append(self.advance())
        operand = self.power()
        negative = sum(1 for s in signs if s.value == "-") % 2 == 1
        if negative:
            return self.build_negative(operand, signs[0].start)
        if signs:
            return _Node(operand.expr, signs[0].start, operand.end)
        return operand

    def power(self) -> _Node:
        base = self.postfix()
        token = self.peek()
        if not (token.kind == _OP and token.value == "^"):
            return base
        self.advance()
        self.enter(token)
        signs: list[_Token] = []
        while (sign := self.peek()).kind == _OP and sign.value in "+-":
            signs.append(self.advance())
        exponent = self.power()
        if sum(1 for s in signs if s.value == "-") % 2 == 1:
            exponent = self.build_negative(exponent, signs[0].start)
        self.leave()
        return self.build_power(base, exponent.expr, token, exponent.end)

    def postfix(self) -> _Node:
        node = self.atom()
        while (token := self.peek()).kind in (_SUPERSCRIPT, _FACTORIAL):
            self.advance()
            if token.kind == _FACTORIAL:
                node = self.build_factorial(node, token)
            else:
                node = self.build_power(node, sympy.Integer(token.value), token, token.end)
        return node

    def build_factorial(self, operand: _Node, bang: _Token) -> _Node:
        """``u!`` = Gamma(u + 1): n! for whole numbers, the Gamma function between them."""
        if self.peek().kind == _FACTORIAL:
            raise self.error(
                "unsupported",
                error_text("'!!' at {at}: double factorials are not supported; write (n!)! "
                           "for the factorial of a factorial"),
                bang.start,
            )
        value = self.constant_value(operand.expr)
        snippet = self.snippet(operand.start, bang.end)
        if value is not None and value <= -1 and float(value).is_integer():
            raise self.error(
                "domain",
                error_text("'{snippet}' at {at} is undefined: there is no factorial of a "
                           "negative whole number"),
                operand.start, snippet=snippet,
            )
        if value is not None and value > MAX_FACTORIAL:  # before sympy multiplies it out
            raise self.error(
                "too_complex",
                error_text("'{snippet}' at {at} is too large: a factorial can be taken of "
                           "numbers up to {limit}"),
                operand.start, snippet=snippet, limit=MAX_FACTORIAL,
            )
        return self.build(_factorial, [operand.expr], operand.start, bang.end)

    def atom(self) -> _Node:
        token = self.peek()
        if token.kind == _NUMBER:
            self.advance()
            return _Node(token.value, token.start, token.end)
        if token.kind == _NAME:
            return self.name()
        if token.kind == _OPEN:
            return self.group()
        if token.kind == _BAR:
            return self.absolute()
        raise self.missing_operand(token)

    def name(self) -> _Node:
        token = self.advance()
        name = token.value
        if name in SYMBOLS:
            self.use_variable(name, token.start)
            return _Node(SYMBOLS[name], token.start, token.end)
        if name in _CONSTANTS:
            return _Node(_CONSTANTS[name], token.start, token.end)
        following = self.tokens[self.index]  # raw lookahead: an error token waits its turn
        if name in _FUNCTIONS:
            if following.kind == _ERROR:  # sin.__call__: the '.' says more than "needs ( )"
                raise following.value
            if following.kind == _OPEN:
                return self.call(token, _FUNCTIONS[name])
            raise self.function_without_parentheses(token, following)
        raise self.unknown_name(token, called=following.kind == _OPEN)

    def use_variable(self, name: str, position: int) -> None:
        self.variables.setdefault(name, position)
        if "t" in self.variables and ("x" in self.variables or "y" in self.variables):
            if name == "t":
                template = error_text("'{name}' at {at} cannot be used together with x or y: t "
                                      "is the variable of a function of time; use t alone, or "
                                      "x and y")
            else:
                template = error_text("'{name}' at {at} cannot be used together with t: t is "
                                      "the variable of a function of time; use t alone, or x "
                                      "and y")
            raise self.error("unsupported", template, position, name=name)

    def group(self) -> _Node:
        opener = self.advance()
        self.enter(opener)
        self.groups.append(opener)
        if self.peek().kind == _CLOSE:
            raise self.error("syntax", error_text("empty brackets at {at}"), opener.start)
        inner = self.expression()
        closer = self.close_group(opener)
        self.groups.pop()
        self.leave()
        return _Node(inner.expr, opener.start, closer.end)

    def close_group(self, opener: _Token) -> _Token:
        token = self.peek()
        expected = _MATCHING[opener.value]
        if token.kind == _CLOSE:
            if token.value != expected:
                raise self.error(
                    "syntax",
                    error_text("the '{opener}' at {at} is closed by '{closer}' at {closer_at}; "
                               "use '{expected}'"),
                    token.start, opener=opener.value, at=opener.start, closer=token.value,
                    closer_at=token.start, expected=expected,
                )
            return self.advance()
        if token.kind == _END:
            raise self.error(
                "syntax",
                error_text("missing '{closer}' to close the '{opener}' at {at}"),
                opener.start, closer=expected, opener=opener.value,
            )
        raise self.unexpected_after_operand(token)

    def absolute(self) -> _Node:
        opener = self.advance()
        self.enter(opener)
        self.groups.append(opener)
        inner = self.expression()
        token = self.peek()
        if token.kind != _BAR:
            if token.kind in (_END, _CLOSE, _COMMA):
                if token.kind == _END:
                    raise self.error(
                        "syntax", error_text("missing '{closer}' to close the '{opener}' at {at}"),
                        opener.start, closer="|", opener="|",
                    )
                raise self.error(
                    "syntax",
                    error_text("missing '|' to close the '|' at {at} before the '{found}' at "
                               "{found_at}"),
                    opener.start, found=token.text, found_at=token.start,
                )
            raise self.unexpected_after_operand(token)
        closer = self.advance()
        self.groups.pop()
        self.leave()
        return self.build(sympy.Abs, [inner.expr], opener.start, closer.end)

    def call(self, name: _Token, function: _Function) -> _Node:
        opener = self.advance()
        self.enter(name)
        self.groups.append(opener)
        arguments: list[_Node] = []
        if self.peek().kind != _CLOSE:
            while True:
                arguments.append(self.expression())
                token = self.peek()
                if token.kind == _COMMA:
                    self.advance()
                    continue
                break
        closer = self.close_group(opener)
        self.groups.pop()
        self.leave()
        self.check_arity(name, function, len(arguments))
        exprs = [a.expr for a in arguments]
        if name.value == "log" and len(exprs) == 2:
            base = self.constant_value(exprs[1])
            if base is not None and (base <= 0 or base == 1):
                raise self.error(
                    "domain",
                    error_text("the base of the logarithm at {at} must be positive and not 1"),
                    arguments[1].start,
                )
        return self.build(function.build, exprs, name.start, closer.end)

    def check_arity(self, name: _Token, function: _Function, count: int) -> None:
        low, high = function.min_args, function.max_args
        if low <= count and (high is None or count <= high):
            return
        if high is None:
            wanted = phrase(error_text("{low} or more arguments"), low=low)
        elif low == high == 1:
            wanted = phrase(error_text("1 argument"))
        elif low == high:
            wanted = phrase(error_text("{low} arguments"), low=low)
        else:
            wanted = phrase(error_text("{low} or {high} arguments"), low=low, high=high)
        raise self.error(
            "syntax", error_text("{name} takes {wanted}, got {count} (at {at})"), name.start,
            name=name.value, wanted=wanted, count=count,
        )

    # messages

    def function_without_parentheses(self, name: _Token, following: _Token) -> ExpressionError:
        function = name.value
        if following.kind == _SUPERSCRIPT or (following.kind == _OP and following.value == "^"):
            template = error_text("write {function}(x)^2 rather than {function}^2(x) for the "
                                  "power of {function} (at {at})")
        elif function == "log" and following.kind == _NUMBER:
            template = error_text("for a logarithm with base {base} write log(x, {base}) "
                                  "(at {at})")
        else:
            template = error_text("{function} at {at} needs its argument in parentheses, e.g. "
                                  "{function}(x)")
        return self.error("syntax", template, name.start, function=function, base=following.text)

    def unknown_name(self, token: _Token, called: bool) -> ExpressionError:
        word = token.value if len(token.value) <= 30 else token.value[:27] + "..."
        suggestion = _suggest(word)
        # One whole sentence per case, so that each translates naturally.
        if "_" in word and word not in _NAME_HINTS:
            template = (
                error_text("'{word}' at {at} is not a function this program knows (names "
                           "never contain '_')") if called else
                error_text("'{word}' at {at} is not a name this program knows (names never "
                           "contain '_')"))
        elif word in _NAME_HINTS:
            template = (
                error_text("'{word}' at {at} is not a function this program knows: {hint}")
                if called else
                error_text("'{word}' at {at} is not a name this program knows: {hint}"))
        elif suggestion and suggestion == word.lower():
            template = (
                error_text("'{word}' at {at} is not a function this program knows — did you "
                           "mean '{suggestion}'? (names are case-sensitive)") if called else
                error_text("unknown name '{word}' at {at} — did you mean '{suggestion}'? (names "
                           "are case-sensitive)"))
        elif suggestion:
            template = (
                error_text("'{word}' at {at} is not a function this program knows — did you "
                           "mean '{suggestion}'?") if called else
                error_text("unknown name '{word}' at {at} — did you mean '{suggestion}'?"))
        elif len(word) == 1:
            template = (
                error_text("'{word}' at {at} is not a function this program knows; the "
                           "variables are x and y (or t for time)") if called else
                error_text("unknown name '{word}' at {at}; the variables are x and y (or t for "
                           "time)"))
        else:
            template = (
                error_text("'{word}' at {at} is not a function this program knows") if called
                else error_text("unknown name '{word}' at {at}"))
        hint = _NAME_HINTS.get(word)
        return self.error(
            "unsupported", template, token.start, word=word, suggestion=suggestion or "",
            hint=phrase(hint) if hint else "",
        )

    def missing_operand(self, token: _Token) -> ExpressionError:
        """Something other than a number, name or bracket where one was needed."""
        previous = self.previous
        if token.kind == _SUPERSCRIPT:
            return self.error(
                "syntax",
                error_text("the superscript '{text}' at {at} needs something before it, like x²"),
                token.start, text=token.text,
            )
        if previous is None and token.kind == _CLOSE:
            return self.unexpected_after_operand(token)
        if previous is None:
            return self.error(
                "syntax", error_text("the formula cannot start with '{text}'"), token.start,
                text=token.text,
            )
        if previous.kind == _OP:
            if token.kind == _OP:
                return self.error(
                    "syntax",
                    error_text("'{text}' at {at} cannot follow '{previous}' at {previous_at}"),
                    token.start, text=token.text, previous=previous.text,
                    previous_at=previous.start,
                )
            if previous.value == "^":
                template = error_text("missing the exponent after '{previous}' at {at}")
            else:
                template = error_text("missing a term after '{previous}' at {at}")
            return self.error("syntax", template, previous.start, previous=previous.text)
        if previous.kind == _COMMA:
            return self.error(
                "syntax", error_text("missing an argument after ',' at {at}"), previous.start
            )
        if previous.kind == _OPEN and token.kind == _COMMA:
            return self.error(
                "syntax", error_text("missing an argument before ',' at {at}"), token.start
            )
        if previous.kind in (_OPEN, _BAR):
            if token.kind == _END:
                closer = (
                    ")"
                    if previous.kind == _OPEN and previous.value == "("
                    else ("]" if previous.kind == _OPEN else "|")
                )
                return self.error(
                    "syntax",
                    error_text("missing '{closer}' to close the '{opener}' at {at}"),
                    previous.start, closer=closer, opener=previous.text,
                )
            return self.error(
                "syntax", error_text("'{text}' at {at} needs something on its left"),
                token.start, text=token.text,
            )
        return self.unexpected_after_operand(token)

    def unexpected_after_operand(self, token: _Token) -> ExpressionError:
        if token.kind == _CLOSE:
            return self.error(
                "syntax", error_text("unmatched '{text}' at {at}"), token.start, text=token.text
            )
        if token.kind == _COMMA:
            return self.error(
                "syntax",
                error_text("',' at {at} is out of place: commas only separate the arguments of "
                           "a function, like max(x, 1)"),
                token.start,
            )
        return self.error(  # pragma: no cover - the grammar leaves nothing else here
            "syntax", error_text("unexpected '{text}' at {at}"), token.start, text=token.text
        )


def _suggest(word: str) -> str | None:
    """The known name ``word`` was most likely meant to be, if any."""
    lower = word.lower()
    if lower in _KNOWN_NAMES:
        return lower
    candidates = [name for name in _KNOWN_NAMES if len(name) > 1]
    matches = difflib.get_close_matches(lower, candidates, n=1, cutoff=0.6)
    return matches[0] if matches else None


def parse(text: str) -> ParsedExpression:
    """Turn the text a user typed into a checked sympy expression.

    Parameters
    ----------
    text : str
        The formula, e.g. ``"x^2 + 3sin(x)"`` or ``"x² − 2xy"``.

    Returns
    -------
    ParsedExpression
        The text, the sympy expression and the variables written in it.

    Raises
    ------
    ExpressionError
        With kind ``syntax`` (malformed), ``unsupported`` (unknown names, characters or
        features), ``too_complex`` (a bound of the module) or ``domain`` (a constant part
        is undefined, like ``1/0``), a message for a learner, and the 0-based position in
        ``text`` (None only for empty input).
    """
    if not isinstance(text, str):
        raise _error(
            "argument", error_text("the formula must be text, not {type}"), None,
            type=type(text).__name__,
        )
    if len(text) > MAX_TEXT_LENGTH:
        raise _error(
            "too_complex",
            error_text("the formula is {length} characters long; at most {limit} are allowed"),
            MAX_TEXT_LENGTH, length=len(text), limit=MAX_TEXT_LENGTH,
        )
    tokens = _tokenize(text)
    if tokens[0].kind == _END:
        raise _error("syntax", error_text("empty input: type a formula such as x^2"), None)
    parser = _Parser(text, tokens)
    node = parser.parse()
    variables = tuple(sorted(parser.variables))
    return ParsedExpression(text=text, expr=node.expr, variables=variables)
