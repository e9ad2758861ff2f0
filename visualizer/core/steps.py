"""Derivation steps: f′ (or ∂f/∂x, ∂f/∂y) found rule by rule, as the chapters teach it.

Runs where sympy is (the helper process and the command line), never in the GUI.

A derivation is a list of steps in the order a teacher writes them on the board: the
rule that applies to the whole function first, then the rules for its parts, depth
first. Each step applies one named rule (:data:`RULES`) to one sub-expression, its
*target*, and its *result* is the complete derivative of that target (the parts'
derivatives already put in). The last step, ``simplify``, states f′ exactly as the rest
of the program shows it, so the derivation ends where the derivative lab begins.

Every step that is shown is checked: its result must equal sympy's derivative of its
target, structurally or at several sample points (complex values allowed, so log and
sqrt of negative numbers compare too). A derivation with a step that does not check is
refused rather than shown.

Textbook forms
--------------
Where the chapters teach a form that differs from sympy's, the step's result is that
form: σ′ = σ(1 − σ), tanh′ = 1 − tanh², tan′ = sec²x = 1 + tan²x, (aˣ)′ = aˣ ln a,
(log_b x)′ = 1/(x ln b), softplus′ = σ. Target and result are printed in the program's
own function language (:func:`function_text`): they parse back with
:func:`visualizer.core.expression.parse`.
"""

from __future__ import annotations

import cmath
import functools
import math
from dataclasses import dataclass, field

import sympy
from sympy.printing.latex import LatexPrinter
from sympy.printing.str import StrPrinter

from visualizer.core.calculus import MAX_OPS, derivative, variable_roles
from visualizer.core.errors import ExpressionError, error_text

__all__ = [
    "MAX_SHOWN_STEPS",
    "RULES",
    "Step",
    "derivation",
    "derive",
    "function_latex",
    "function_text",
    "two_ways",
]

#: The rule names, as the command line's JSON and the Steps view name them.
RULES = (
    "constant", "constant_multiple", "sum", "power", "exp", "log", "trig", "inverse_trig",
    "product", "quotient", "reciprocal", "chain", "activation", "kink", "simplify",
)  # fmt: skip

#: Most steps returned per variable (the final ``simplify`` comes on top); the rest are
#: counted in ``more``.
MAX_SHOWN_STEPS = 40

#: Most steps derived at all; beyond it the derivation is refused as too long.
MAX_STEPS = 600

#: Sample points of the numeric check; irrational-looking so that no kink or pole of a
#: typical function sits on one.
_CHECK_X = (0.3719, 1.2137, -0.8311, 2.0729, -1.6453)
_CHECK_Y = (0.5323, -1.1741, 0.9157, -0.4471, 1.7389)
_CHECK_TOLERANCE = 1e-8
#: Step and relative tolerance of the numerical slope in the fast check.
_SLOPE_STEP = 1e-3
_SLOPE_TOLERANCE = 1e-6

# Textbook functions the printers show by name (sympy writes them out).
_SIGMOID = sympy.Function("sigmoid")
_RELU = sympy.Function("relu")
_SOFTPLUS = sympy.Function("softplus")
_LOG_BASE = sympy.Function("log_base")
_STEP = sympy.Function("unit_step")


# -- printing ----------------------------------------------------------------------------


def _sigmoid_argument(node: sympy.Basic) -> sympy.Expr | None:
    """u when ``node`` is 1/(1 + e^(−u)) (sigmoid(u) as the parser builds it), else None."""
    if not (node.is_Pow and node.exp == -1 and node.base.is_Add and len(node.base.args) == 2):
        return None
    one, other = sorted(node.base.args, key=lambda a: not (a == 1))
    if one == 1 and isinstance(other, sympy.exp):
        return -other.args[0]
    return None


def _softplus_argument(node: sympy.Basic) -> sympy.Expr | None:
    """u when ``node`` is log(1 + e^u), else None."""
    if not (isinstance(node, sympy.log) and node.args[0].is_Add and len(node.args[0].args) == 2):
        return None
    one, other = sorted(node.args[0].args, key=lambda a: not (a == 1))
    if one == 1 and isinstance(other, sympy.exp):
        return other.args[0]
    return None


def _log_base_parts(node: sympy.Basic) -> tuple[sympy.Expr, sympy.Expr, sympy.Expr] | None:
    """(c, u, b) when ``node`` is c·log(u)/log(b) with b a constant other than e, else None."""
    if not node.is_Mul:
        return None
    logs = [a for a in node.args if isinstance(a, sympy.log) and not a.args[0].is_number]
    bases = [a for a in node.args
             if a.is_Pow and a.exp == -1 and isinstance(a.base, sympy.log) and a.base.args[0].is_number]
    if len(logs) != 1 or len(bases) != 1:
        return None
    rest = [a for a in node.args if a is not logs[0] and a is not bases[0]]
    if any(not a.is_number for a in rest):
        return None
    return sympy.Mul(*rest), logs[0].args[0], bases[0].base.args[0]


def _textbook(expr: sympy.Basic, names: bool = True) -> sympy.Basic:
    """``expr`` with Heaviside, and with ``names`` sigmoid, relu, softplus, log_b, by name."""
    def rewrite(node):
        if node.is_Atom:
            return node
        if isinstance(node, sympy.Heaviside):
            return _STEP(rewrite(node.args[0]))
        if not names:
            return node.func(*(rewrite(a) for a in node.args), evaluate=False)
        argument = _sigmoid_argument(node)
        if argument is not None:
            return _SIGMOID(rewrite(argument))
        if node.is_Pow and node.exp.is_Integer and node.exp < -1:
            inner = _sigmoid_argument(sympy.Pow(node.base, -1))
            if inner is not None:
                return sympy.Pow(_SIGMOID(rewrite(inner)), -node.exp, evaluate=False)
        argument = _softplus_argument(node)
        if argument is not None:
            return _SOFTPLUS(rewrite(argument))
        if isinstance(node, sympy.Max) and len(node.args) == 2 and sympy.S.Zero in node.args:
            other = node.args[0] if node.args[1] == 0 else node.args[1]
            return _RELU(rewrite(other))
        parts = _log_base_parts(node)
        if parts is not None:
            coefficient, argument, base = parts
            named = _LOG_BASE(rewrite(argument), base)
            return named if coefficient == 1 else sympy.Mul(rewrite(coefficient), named,
                                                            evaluate=False)
        return node.func(*(rewrite(a) for a in node.args), evaluate=False)

    return rewrite(expr)


class _LanguagePrinter(StrPrinter):
    """sympy's str printer, speaking the program's function language."""

    def _print_Exp1(self, expr):
        return "e"

    def _print_Abs(self, expr):
        return f"abs({self._print(expr.args[0])})"

    def _print_Max(self, expr):
        return f"max({', '.join(self._print(a) for a in expr.args)})"

    def _print_Min(self, expr):
        return f"min({', '.join(self._print(a) for a in expr.args)})"

    def _print_Function(self, expr):
        name = expr.func.__name__
        if name == "log_base":
            return f"log({self._print(expr.args[0])}, {self._print(expr.args[1])})"
        if name == "unit_step":
            # Heaviside(u), 1/2 at 0 as sympy's; the language has sign but no step.
            return f"((1 + sign({self._print(expr.args[0])}))/2)"
        return super()._print_Function(expr)


class _TextbookLatexPrinter(LatexPrinter):
    """sympy's LaTeX printer with σ, relu, softplus, log_b and the unit step by name."""

    def _print_Function(self, expr, exp=None):
        name = expr.func.__name__
        names = {"sigmoid": r"\sigma", "relu": r"\operatorname{relu}",
                 "softplus": r"\operatorname{softplus}", "unit_step": r"H"}
        if name == "log_base":
            body = (rf"\log_{{{self._print(expr.args[1])}}}"
                    rf"\left({self._print(expr.args[0])}\right)")
        elif name in names:
            body = rf"{names[name]}\left({self._print(expr.args[0])}\right)"
        else:
            return super()._print_Function(expr, exp)
        return body if exp is None else rf"{body}^{{{exp}}}"


# A derivation prints the same parts many times (as targets, in forms, as results).
@functools.lru_cache(maxsize=2048)
def function_text(expr: sympy.Basic, textbook: bool = True) -> str:
    """``expr`` in the program's function language (it parses back to the same function).

    With ``textbook`` sigmoid, relu, softplus and log base b are written by name.
    """
    return _LanguagePrinter().doprint(_textbook(expr, textbook))


@functools.lru_cache(maxsize=2048)
def function_latex(expr: sympy.Basic, textbook: bool = True) -> str:
    """``expr`` as LaTeX; with ``textbook`` σ, relu, softplus and log_b by name."""
    return _TextbookLatexPrinter().doprint(_textbook(expr, textbook))


# -- checking ----------------------------------------------------------------------------

_UNARY = {
    sympy.exp: cmath.exp, sympy.sin: cmath.sin, sympy.cos: cmath.cos, sympy.tan: cmath.tan,
    sympy.asin: cmath.asin, sympy.acos: cmath.acos, sympy.atan: cmath.atan,
    sympy.sinh: cmath.sinh, sympy.cosh: cmath.cosh, sympy.tanh: cmath.tanh,
}


def _real(value: complex) -> float:
    if abs(value.imag) > 1e-12 * max(1.0, abs(value.real)):
        raise ValueError("a kink's argument must be real")
    return value.real


def _sign(value: float) -> float:
    return (value > 0) - (value < 0)


def _number(expr: sympy.Basic, env: dict) -> complex:
    """The value of ``expr`` at ``env`` (symbol -> float), in complex doubles.

    Faster than ``evalf`` by two orders of magnitude; raises ZeroDivisionError,
    OverflowError or ValueError where the function is undefined.
    """
    if expr.is_Symbol:
        return complex(env[expr])
    if expr.is_Number or expr is sympy.pi or expr is sympy.E:
        return complex(float(expr))
    args = [_number(a, env) for a in expr.args]
    if expr.is_Add:
        return sum(args)
    if expr.is_Mul:
        return math.prod(args)
    if expr.is_Pow:
        base, exponent = args
        if base == 0 and exponent.real < 0:
            raise ZeroDivisionError
        if exponent.imag == 0 and exponent.real == int(exponent.real) and abs(exponent.real) < 64:
            return base ** int(exponent.real)
        return cmath.exp(exponent * cmath.log(base)) if base != 0 else 0j
    if expr.func in _UNARY:
        return _UNARY[expr.func](args[0])
    if isinstance(expr, sympy.log):
        if args[0] == 0:
            raise ZeroDivisionError
        return cmath.log(args[0]) if len(args) == 1 else cmath.log(args[0]) / cmath.log(args[1])
    if isinstance(expr, sympy.Abs):
        return complex(abs(args[0]))
    if isinstance(expr, sympy.sign):
        return complex(_sign(_real(args[0])))
    if isinstance(expr, sympy.Heaviside):
        value = _real(args[0])
        return complex(0.5 if value == 0 else float(value > 0))
    if isinstance(expr, sympy.Max):
        return complex(max(_real(a) for a in args))
    if isinstance(expr, sympy.Min):
        return complex(min(_real(a) for a in args))
    if isinstance(expr, sympy.erf):
        return complex(math.erf(_real(args[0])))
    raise ValueError(f"no numeric rule for {expr.func}")


def _agrees(result: sympy.Expr, truth: sympy.Expr, variables: tuple) -> str | None:
    """How ``result`` was found equal to ``truth``: "symbolic", "numeric" or None (not)."""
    if result == truth or sympy.expand(result - truth, deep=False) == 0:
        return "symbolic"
    compared = 0
    for x, y in zip(_CHECK_X, _CHECK_Y, strict=True):
        env = dict(zip(variables, (x, y), strict=False))  # one or two variables
        try:
            expected = _number(truth, env)
        except (ZeroDivisionError, OverflowError, ValueError):
            continue
        if not (cmath.isfinite(expected)):
            continue
        try:
            found = _number(result, env)
        except (ZeroDivisionError, OverflowError, ValueError):
            return None
        if not abs(found - expected) <= _CHECK_TOLERANCE * max(1.0, abs(expected)):
            return None
        compared += 1
    return "numeric" if compared >= 2 else None


def _slopes_agree(result: sympy.Expr, target: sympy.Expr, var: sympy.Symbol,
                  variables: tuple) -> bool:
    """Whether ``result`` matches the numerical slope of ``target`` at the sample points.

    The slope is a five-point central difference (error ~h⁴): a check independent of
    sympy's derivative and a hundred times faster. A point where either side is
    undefined is skipped; at least two points must compare.
    """
    h = _SLOPE_STEP
    compared = 0
    for x, y in zip(_CHECK_X, _CHECK_Y, strict=True):
        env = dict(zip(variables, (x, y), strict=False))  # one or two variables
        here = env[var]
        try:
            values = []
            for offset in (2 * h, h, -h, -2 * h):
                env[var] = here + offset
                values.append(_number(target, env))
            env[var] = here
            slope = (-values[0] + 8 * values[1] - 8 * values[2] + values[3]) / (12 * h)
            found = _number(result, env)
        except (ZeroDivisionError, OverflowError, ValueError):
            continue
        if not (cmath.isfinite(slope) and cmath.isfinite(found)):
            continue
        scale = max(1.0, abs(slope), max(abs(v) for v in values) * 1e-4)
        if not abs(found - slope) <= _SLOPE_TOLERANCE * scale:
            return False
        compared += 1
    return compared >= 2


def _check(result: sympy.Expr, target: sympy.Expr, var: sympy.Symbol, variables: tuple) -> str:
    """How a step's ``result`` was found to be the derivative of its ``target``.

    "numeric" when it matches the target's numerical slope, else "symbolic" or
    "numeric" against sympy's derivative (near a kink or pole the slope misleads).

    Raises
    ------
    ExpressionError
        ``unsupported`` when it does not check.
    """
    if _slopes_agree(result, target, var, variables):
        return "numeric"
    how = _agrees(result, derivative(target, var), variables)
    if how is None:
        raise _did_not_check()
    return how


# -- the steps ---------------------------------------------------------------------------


@dataclass
class Step:
    """One rule applied to one sub-expression.

    Attributes
    ----------
    rule : str
        One of :data:`RULES`.
    target : sympy.Expr
        The sub-expression differentiated.
    result : sympy.Expr
        Its derivative, in the textbook form of the rule.
    depth : int
        0 for the whole function, 1 for its parts, and so on (for indenting).
    form : str
        LaTeX of the rule applied to the parts, before they are worked out
        ("" when the result is written at once).
    parts : dict of str to sympy.Expr
        The pieces the picture draws: ``inner`` and ``outer`` (a function of the
        variable standing for u) of a chain step; ``f`` and ``g`` of a product or a
        quotient, ``terms`` of a sum (a tuple).
    outer_rule : str
        The rule of the outer function of a chain step ("" otherwise).
    checked : str
        "symbolic" or "numeric": how the result was checked ("" before the check).
    """

    rule: str
    target: sympy.Expr
    result: sympy.Expr = sympy.S.Zero
    depth: int = 0
    form: str = ""
    parts: dict = field(default_factory=dict)
    outer_rule: str = ""
    checked: str = ""


def _too_long() -> ExpressionError:
    return ExpressionError("too_complex", template=error_text("too long to show step by step"))


def _no_rule(name: str) -> ExpressionError:
    return ExpressionError(
        "unsupported",
        template=error_text("no rule of the steps covers {name}: only f′ is shown"),
        fields={"name": name},
    )


def _d(var: sympy.Symbol, expr: sympy.Basic, partial: bool = False) -> str:
    """LaTeX of d/dvar [expr] (∂/∂var when ``partial``)."""
    d = r"\partial " if partial else "d"
    return rf"\frac{{{d}}}{{{d}{var}}}\left[{function_latex(expr)}\right]"


class _Deriver:
    """Builds the steps of one derivative, depth first."""

    def __init__(self, var: sympy.Symbol, partial: bool = False):
        self.var = var
        self.partial = partial
        self.steps: list[Step] = []

    def dd(self, expr: sympy.Basic) -> str:
        return _d(self.var, expr, self.partial)

    def open(self, rule: str, target: sympy.Expr, depth: int) -> Step:
        if len(self.steps) >= MAX_STEPS:
            raise _too_long()
        step = Step(rule, target, depth=depth)
        self.steps.append(step)
        return step

    def derive(self, expr: sympy.Expr, depth: int = 0) -> sympy.Expr:
        """The derivative of ``expr``, recording the steps that find it."""
        var = self.var
        if not expr.has(var):
            self.open("constant", expr, depth).result = sympy.S.Zero
            return sympy.S.Zero
        if expr == var:
            self.open("power", expr, depth).result = sympy.S.One
            return sympy.S.One
        if expr.is_Add:
            return self.sum(expr, depth)
        if expr.is_Mul and _log_base_parts(expr) is None:
            return self.product_or_quotient(expr, depth)
        return self.function(expr, depth)

    def sum(self, expr: sympy.Expr, depth: int) -> sympy.Expr:
        step = self.open("sum", expr, depth)
        terms = expr.as_ordered_terms()
        step.parts = {"terms": tuple(terms)}
        step.form = " + ".join(self.dd(term) for term in terms).replace("+ -", "- ")
        step.result = sympy.Add(*(self.derive(term, depth + 1) for term in terms))
        return step.result

    def product_or_quotient(self, expr: sympy.Expr, depth: int) -> sympy.Expr:
        var = self.var
        constants = [a for a in expr.args if not a.has(var)]
        factors = [a for a in expr.args if a.has(var)]
        if constants:
            coefficient, rest = sympy.Mul(*constants), sympy.Mul(*factors)
            step = self.open("constant_multiple", expr, depth)
            step.parts = {"c": coefficient, "f": rest}
            step.form = rf"{function_latex(coefficient)} \cdot {self.dd(rest)}"
            step.result = coefficient * self.derive(rest, depth + 1)
            return step.result
        divisors = [a for a in factors if a.is_Pow and a.exp.is_number and a.exp.is_negative
                    and _sigmoid_argument(a) is None]
        if divisors and len(divisors) < len(factors):
            numerator = sympy.Mul(*(a for a in factors if a not in divisors))
            denominator = sympy.Mul(*(sympy.Pow(a.base, -a.exp) for a in divisors))
            return self.quotient(expr, numerator, denominator, depth)
        first, rest = factors[0], sympy.Mul(*factors[1:])
        step = self.open("product", expr, depth)
        step.parts = {"f": first, "g": rest}
        step.form = (rf"{self.dd(first)} \cdot {function_latex(rest)} + "
                     rf"{function_latex(first)} \cdot {self.dd(rest)}")
        d_first = self.derive(first, depth + 1)
        d_rest = self.derive(rest, depth + 1)
        step.result = d_first * rest + first * d_rest
        return step.result

    def quotient(self, expr: sympy.Expr, numerator: sympy.Expr, denominator: sympy.Expr,
                 depth: int) -> sympy.Expr:
        step = self.open("quotient", expr, depth)
        step.parts = {"f": numerator, "g": denominator}
        f, g = function_latex(numerator), function_latex(denominator)
        step.form = (rf"\frac{{{self.dd(numerator)} \cdot {g} - {f} \cdot {self.dd(denominator)}}}"
                     rf"{{\left({g}\right)^{{2}}}}")
        d_numerator = self.derive(numerator, depth + 1)
        d_denominator = self.derive(denominator, depth + 1)
        step.result = (d_numerator * denominator - numerator * d_denominator) / denominator**2
        return step.result

    def function(self, expr: sympy.Expr, depth: int) -> sympy.Expr:
        """A function applied to something: one rule, or the chain rule around it."""
        var = self.var
        u = sympy.Dummy("u", real=True)
        if expr.is_Pow and expr.exp.has(var) and expr.base.has(var):
            # b(x)^g(x) = e^(g ln b): the chain rule with e^u outside.
            inner = expr.exp * sympy.log(expr.base)
            return self.chain(expr, "exp", sympy.exp(u), sympy.exp(u), inner, u, depth,
                              textbook=expr)
        if expr.is_Pow and expr.exp == -1 and _sigmoid_argument(expr) is None and expr.base != var:
            step = self.open("reciprocal", expr, depth)
            base = expr.base
            step.parts = {"f": base}
            step.form = rf"-\frac{{{self.dd(base)}}}{{\left({function_latex(base)}\right)^{{2}}}}"
            step.result = -self.derive(base, depth + 1) / base**2
            return step.result
        recognised = self.outer(expr, u)
        if recognised is None:
            raise _no_rule(str(expr.func.__name__))
        rule, inner, outer, outer_derivative = recognised
        if rule == "kink" and inner is None:
            # max/min of several functions of x: its derivative is worked out at once.
            step = self.open("kink", expr, depth)
            step.result = derivative(expr, var)
            return step.result
        if inner == var:
            step = self.open(rule, expr, depth)
            step.result = outer_derivative.subs(u, var)
            step.form = _rule_form(rule, outer, u, var)
            return step.result
        return self.chain(expr, rule, outer, outer_derivative, inner, u, depth)

    def chain(self, expr, rule, outer, outer_derivative, inner, u, depth, textbook=None):
        var = self.var
        step = self.open("chain", expr, depth)
        step.outer_rule = rule
        step.parts = {"inner": inner, "outer": outer.subs(u, var)}
        step.form = (rf"\left.\frac{{d}}{{du}}\left[{function_latex(outer)}\right]"
                     rf"\right|_{{u = {function_latex(inner)}}} \cdot {self.dd(inner)}")
        outside = textbook if textbook is not None else outer_derivative.subs(u, inner)
        step.result = outside * self.derive(inner, depth + 1)
        return step.result

    def outer(self, expr: sympy.Expr, u: sympy.Symbol):
        """(rule, inner, outer(u), outer′(u)) of a function applied to ``inner``, or None."""
        argument = _sigmoid_argument(expr)
        if argument is not None:
            sigma = 1 / (1 + sympy.exp(-u))
            return "activation", argument, sigma, sigma * (1 - sigma)
        argument = _softplus_argument(expr)
        if argument is not None:
            return "activation", argument, sympy.log(1 + sympy.exp(u)), 1 / (1 + sympy.exp(-u))
        if expr.is_Pow and not expr.exp.has(self.var):
            n = expr.exp
            return "power", expr.base, u**n, n * u ** (n - 1)
        if expr.is_Pow:
            base = expr.base
            return "exp", expr.exp, base**u, base**u * sympy.log(base)
        parts = _log_base_parts(expr)
        if parts is not None:
            coefficient, argument, base = parts
            return ("log", argument, coefficient * sympy.log(u) / sympy.log(base),
                    coefficient / (u * sympy.log(base)))
        if isinstance(expr, sympy.Max) and len(expr.args) == 2 and sympy.S.Zero in expr.args:
            other = expr.args[0] if expr.args[1] == 0 else expr.args[1]
            return "kink", other, sympy.Max(0, u), sympy.Heaviside(u)
        if isinstance(expr, (sympy.Max, sympy.Min)):
            return "kink", None, None, None
        if len(expr.args) != 1:
            return None
        inner = expr.args[0]
        table = {
            sympy.exp: ("exp", sympy.exp(u)),
            sympy.log: ("log", 1 / u),
            sympy.sin: ("trig", sympy.cos(u)),
            sympy.cos: ("trig", -sympy.sin(u)),
            sympy.tan: ("trig", 1 + sympy.tan(u) ** 2),
            sympy.sinh: ("trig", sympy.cosh(u)),
            sympy.cosh: ("trig", sympy.sinh(u)),
            sympy.asin: ("inverse_trig", 1 / sympy.sqrt(1 - u**2)),
            sympy.acos: ("inverse_trig", -1 / sympy.sqrt(1 - u**2)),
            sympy.atan: ("inverse_trig", 1 / (1 + u**2)),
            sympy.tanh: ("activation", 1 - sympy.tanh(u) ** 2),
            sympy.Abs: ("kink", sympy.sign(u)),
            sympy.sign: ("kink", sympy.S.Zero),
        }
        if expr.func not in table:
            return None
        rule, outer_derivative = table[expr.func]
        return rule, inner, expr.func(u), outer_derivative


def _rule_form(rule: str, outer: sympy.Expr, u: sympy.Symbol, var: sympy.Symbol) -> str:
    """The textbook's formula for a table entry, where it says more than the result."""
    at_var = outer.subs(u, var)
    v = function_latex(var)
    if isinstance(at_var, sympy.tan):
        return rf"\sec^{{2}} {v} = 1 + \tan^{{2}} {v}"
    if _sigmoid_argument(at_var) is not None:
        return rf"\sigma\left({v}\right) \left(1 - \sigma\left({v}\right)\right)"
    if isinstance(at_var, sympy.tanh):
        return rf"1 - \tanh^{{2}} {v}"
    if isinstance(at_var, sympy.Abs):
        return rf"\operatorname{{sign}} {v} \quad ({v} \ne 0)"
    if isinstance(at_var, sympy.Max):
        return rf"0 \; ({v} < 0), \quad 1 \; ({v} > 0)"
    return ""


# -- checking and output -----------------------------------------------------------------


def _did_not_check() -> ExpressionError:
    return ExpressionError(
        "unsupported",
        template=error_text("a step of the derivation did not check: only f′ is shown"),
    )


def _checked(deriver: _Deriver, assembled: sympy.Expr, expr: sympy.Expr, variables: tuple,
             limit: int | None) -> tuple[list[Step], int]:
    """The deriver's first ``limit`` steps, each checked, then ``simplify``; and the rest's count."""
    var = deriver.var
    steps = deriver.steps
    more = 0 if limit is None else max(len(steps) - limit, 0)
    if more:
        steps = steps[:limit]
    for step in steps:
        step.checked = _check(step.result, step.target, var, variables)
    final = derivative(expr, var)
    if _agrees(assembled, final, variables) is None:
        raise _did_not_check()
    steps.append(Step("simplify", expr, final, checked="symbolic"))
    return steps, more


def derive(expr: sympy.Expr, var: sympy.Symbol, variables: tuple | None = None,
           limit: int | None = MAX_SHOWN_STEPS) -> tuple[list[Step], int]:
    """The checked steps of d expr / d var, ending with ``simplify``.

    Parameters
    ----------
    expr : sympy.Expr
    var : sympy.Symbol
        The variable differentiated by; any other symbol is a constant.
    variables : tuple of sympy.Symbol, optional
        Every symbol of the function (for the numeric check); ``(var,)`` by default.
    limit : int or None
        Most steps kept before the final ``simplify``; None keeps them all.

    Returns
    -------
    (list of Step, int)
        The steps kept (each checked; the last is ``simplify``, whose result is f′ as
        :func:`visualizer.core.calculus.derivative` gives it) and how many more there were.

    Raises
    ------
    ExpressionError
        ``unsupported`` for a function no rule covers (erf in gelu) or a step that does
        not check; ``too_complex`` past :data:`MAX_STEPS` steps.
    """
    variables = tuple(variables) if variables else (var,)
    deriver = _Deriver(var, partial=len(variables) > 1)
    assembled = deriver.derive(expr)
    return _checked(deriver, assembled, expr, variables, limit)


def step_dict(step: Step, var: sympy.Symbol, name: str, partial: bool = False) -> dict:
    """One step as the JSON of ``analyze --steps`` (and of the Steps view) has it.

    ``name`` is the variable's name in the JSON ("x" for the one variable, even t).
    """
    # f′ as the rest of the program shows it; the textbook forms are in the steps above.
    textbook = step.rule != "simplify"
    result = function_latex(step.result, textbook)
    pieces = [_d(var, step.target, partial)]
    if step.form:
        pieces.append(step.form)
    pieces.append(result)
    return {
        "rule": step.rule,
        "target": function_text(step.target),
        "result": function_text(step.result, textbook),
        "latex": " = ".join(pieces),
        "variable": name,
        "depth": step.depth,
        "outer_rule": step.outer_rule,
        "checked": step.checked,
        "target_latex": function_latex(step.target),
        "result_latex": result,
        "parts": {key: ([function_text(v) for v in value] if isinstance(value, tuple)
                        else function_text(value))
                  for key, value in step.parts.items()},
    }


# -- two ways ----------------------------------------------------------------------------


def _other_way(expr: sympy.Expr, var: sympy.Symbol) -> tuple[str, str, list[Step]] | None:
    """(this way, other way, the other way's steps) for the chapters' "two ways" examples.

    c/x^n is derived by the power rule and, the other way, by the quotient rule on
    c over x^n (the chapters' 1/(3x²)); a polynomial written with powers of sums
    (2(4x − 5)² + 3) by the chain rule and, the other way, after expanding it.
    """
    coefficient, rest = expr.as_independent(var, as_Add=False)
    if (rest.is_Pow and rest.base == var and rest.exp.is_Integer and rest.exp < 0
            and coefficient != 0):
        denominator = var ** -rest.exp
        deriver = _Deriver(var)
        assembled = deriver.quotient(expr, coefficient, denominator, 0)
        return "power", "quotient", _checked(deriver, assembled, expr, (var,), None)[0]
    if expr.is_polynomial(var) and any(
        node.is_Pow and node.base.is_Add and node.base.has(var) for node in sympy.preorder_traversal(expr)
    ):
        expanded = sympy.expand(expr)
        deriver = _Deriver(var)
        assembled = deriver.derive(expanded)
        return "chain", "expand", _checked(deriver, assembled, expanded, (var,), None)[0]
    return None


def two_ways(expr: sympy.Expr, var: sympy.Symbol, steps: list[Step] | None = None) -> dict | None:
    """Both derivations of a "two ways" example, and whether they agree.

    ``steps`` are the function's own steps when they are at hand (all of them).

    Returns
    -------
    dict or None
        ``{"ways": [{"way", "start", "steps"}, ...], "agree": bool}`` where ``way`` is
        "power", "quotient", "chain" or "expand" and ``start`` the function the way
        differentiates (the expanded polynomial for "expand"); None for other functions.
    """
    other = _other_way(expr, var)
    if other is None:
        return None
    this_way, other_way, other_steps = other
    steps, _ = derive(expr, var, limit=None) if steps is None else (steps, 0)
    start = sympy.expand(expr) if other_way == "expand" else expr
    ways = [(this_way, expr, steps), (other_way, start, other_steps)]
    agree = _agrees(other_steps[-1].result, steps[-1].result, (var,)) is not None
    return {
        "ways": [{"way": way, "start": function_text(start),
                  "steps": [step_dict(step, var, "x") for step in way_steps]}
                 for way, start, way_steps in ways],
        "agree": bool(agree),
    }


def derivation(parsed, limit: int | None = MAX_SHOWN_STEPS) -> dict:
    """Everything the Steps view and ``analyze --steps`` show of a parsed function.

    Parameters
    ----------
    parsed : ParsedExpression
    limit : int or None
        Most steps per variable before the final ``simplify`` (None: all).

    Returns
    -------
    dict
        JSON-safe: ``steps`` (for f′, or ∂f/∂x then ∂f/∂y; see :func:`step_dict`),
        ``more`` (variable name -> steps left out) and, for the chapters' "two ways"
        examples, ``two_ways`` (see :func:`two_ways`).
    """
    expr = parsed.expr
    if sympy.count_ops(expr) > MAX_OPS:
        raise _too_long()
    dimension, variables, names = variable_roles(parsed)
    json_names = ["x"] if dimension == 1 else ["x", "y"]
    result = {"steps": [], "more": {}}
    for var, name in zip(variables, json_names, strict=True):
        steps, more = derive(expr, var, variables, limit)
        result["steps"] += [step_dict(step, var, name, dimension > 1) for step in steps]
        result["more"][name] = more
    if dimension == 1:
        ways = two_ways(expr, variables[0], None if more else steps)
        if ways is not None:
            result["two_ways"] = ways
    return result
