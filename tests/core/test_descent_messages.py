"""The optimizers' stop messages are templates: English unchanged, every one translatable.

Every way a run can end is reached below with its exact English message (the ``descend``
command's JSON ``message``, recorded before the messages became templates), the message is
the template formatted with its fields, every template is collected by the translation
catalogue under the context ``"Descent"`` and has a Chinese translation that keeps its
placeholders, and formatting the Chinese keeps the numbers and names of the English.
"""

from __future__ import annotations

import math
import re
import string

import pytest

from visualizer.core import optimizers
from visualizer.core.errors import MESSAGE_CONTEXT, TRANSLATION_CONTEXT, ExpressionError, render
from visualizer.core.optimizers import DescentSettings, Stepper, descend
from visualizer.i18n_catalog import MESSAGE_MARKER, read_ts, scan_sources, ts_path


def sources(value, gradient, hessian, variables=("x",)):
    data = {"variables": list(variables), "value": value, "gradient": list(gradient)}
    if hessian is not None:
        data["hessian"] = [list(row) for row in hessian]
    return data


QUAD = sources("x*x", ["2.0*x"], [["2.0"]])
QUAD_NO_HESSIAN = sources("x*x", ["2.0*x"], None)
QUARTIC = sources("(x**4) - 3.0*(x*x) + x", ["4.0*(x**3) - 6.0*x + 1.0"], [["12.0*(x*x) - 6.0"]])
CUBE = sources("x**3", ["3.0*(x*x)"], [["6.0*x"]])
SQRT = sources("math.sqrt(x)", ["0.5/math.sqrt(x)"], [["-0.25/(x*math.sqrt(x))"]])
LOG = sources("math.log(x)", ["1.0/x"], [["-1.0/(x*x)"]])
HESSIAN_LOG = sources("x*x", ["2.0*x"], [["math.log(x)"]])
BOWL = sources("x*x + 3.0*(y*y)", ["2.0*x", "6.0*y"], [["2.0", "0.0"], ["0.0", "6.0"]], "xy")
SADDLE = sources("x*x - (y*y)", ["2.0*x", "-2.0*y"], [["2.0", "0.0"], ["0.0", "-2.0"]], "xy")

# (sources, start, settings, the English message exactly as before the templates)
CASES = [
    (QUARTIC, [0.0], {"lr": 0.5},
     "diverged: |f| grew from 0 to 6.12025e+136 in 6 steps; the next step would jump to "
     "x = 7.78228e+102, where the numbers overflow: learning rate too large"),
    (BOWL, [1.0, 1.0], {"optimizer": "adagrad", "lr": 1.0, "steps": 2000, "tol": 1e-6},
     "converged after 1 step at (x, y) = (5e-11, 1.66667e-11): the gradient norm 1.41421e-10 "
     "is within tol 1e-06, at a minimum (Hessian eigenvalues 2, 6)"),
    (QUAD, [1.0], {"lr": 1.0},
     "stopped: the iterates repeat a 2-cycle through x = -1, 1 instead of settling: learning "
     "rate too large; for this function lr must be below 2/f'' = 1"),
    (QUAD, [1.0], {"lr": 1.1, "steps": 60, "tol": 0.0},
     "reached the step limit (60 steps); the gradient norm is still 112695 (tol 0); f went up "
     "from 1 to 3.17504e+09, the learning rate may be too large"),
    (QUAD, [1.0], {"optimizer": "momentum", "lr": 2.0},
     "diverged: |f| grew from 1 to 4.58627e+34 in 96 steps: learning rate too large; for this "
     "function lr must be below 2(1+μ)/f'' = 1.9 with μ = 0.9"),
    (QUAD_NO_HESSIAN, [0.0], {},
     "converged at the start at x = 0: the gradient norm 0 is within tol 1e-12 (the curvature "
     "there could not be checked)"),
    (CUBE, [0.0], {"steps": 60, "tol": 0.0},
     "stopped at a flat stationary point x = 0 after 60 steps that is not a minimum: the "
     "gradient is exactly 0 and the curvature is about 0 (f'' = 0), but f still decreases "
     "nearby (an inflection point)"),
    (CUBE, [1.0], {"lr": 0.5},
     "diverged: f decreases without bound along the path (it fell from 1 to -5.97734e+211 in "
     "10 steps; the next step would jump to x = -2.29314e+141, where the numbers overflow): f "
     "has no minimum in this direction"),
    (SQRT, [0.0], {},
     "f is not differentiable at the start x = 0 (its gradient cannot be computed there: "
     "division by zero)"),
    (SQRT, [1.0], {"steps": 2000, "tol": 1e-6},
     "left the domain of f at x = -0.000923541: f is not defined there (math domain error); "
     "the step from x = 0.00569944 jumped out of it (a smaller learning rate may stay inside)"),
    (LOG, [1.0], {"optimizer": "newton", "lr": 0.5, "steps": 2000, "tol": 1e-6},
     "stopped at x = 1.22258e-150 after 498 steps: the next step would land on "
     "x = 6.11292e-151, where f is not differentiable (its slope is infinite there)"),
    (HESSIAN_LOG, [1.0], {"optimizer": "newton", "lr": 0.9},
     "diverged: the first step from x = 1 would jump to x = -1.8e+06: Newton's step is huge "
     "where the curvature is about 0"),
    (QUAD, [1.0], {"optimizer": "newton", "lr": 2.0},
     "stopped: the iterates repeat a 2-cycle through x = -1, 1 instead of settling: learning "
     "rate too large; Newton's method on a quadratic needs lr below 2"),
    (QUAD_NO_HESSIAN, [1.0], {"lr": 1.0},
     "stopped: the iterates repeat a 2-cycle through x = -1, 1 instead of settling: learning "
     "rate too large"),
    (sources("math.fabs(x)", ["_sign(x)"], [["0.0"]]), [0.35], {"lr": 0.1, "steps": 10_000},
     "stopped: the iterates repeat a 2-cycle through x = 0.05, -0.05, bouncing across x = 0, "
     "where f has a kink (it is not differentiable there: the slope jumps from -1 to 1); with a "
     "fixed learning rate the steps never shrink"),
    (sources("math.fabs(x) + y*y", ["_sign(x)", "2.0*y"], [["0.0", "0.0"], ["0.0", "2.0"]], "xy"),
     [0.35, 0.0], {"lr": 0.1, "steps": 10_000},
     "stopped: the iterates repeat a 2-cycle through (x, y) = (0.05, 0), (-0.05, 0), bouncing "
     "across (x, y) = (0, 0), where f has a kink (it is not differentiable there: the slope "
     "along the steps jumps from -1 to 1); with a fixed learning rate the steps never shrink"),
    (CUBE, [0.05], {"optimizer": "nesterov", "lr": 0.1, "steps": 2000, "tol": 1e-6},
     "stopped at a maximum x = -4.89587e-05 after 26 steps: the gradient norm 7.19086e-09 is "
     "within tol 1e-06, and f curves down in every direction (f'' = -0.000293752 < 0); gradient "
     "descent cannot move away from a maximum it sits exactly on: start slightly to one side"),
    (sources("x", ["1.0"], [["0.0"]]), [1e17], {},
     "the point stopped moving at x = 1e+17: each step is smaller than the spacing of "
     "floating-point numbers there, though the gradient norm 1 is above tol 1e-12"),
    (sources("x**4", ["4.0*(x**3)"], [["12.0*(x*x)"]]), [0.0], {},
     "converged at the start at x = 0: the gradient norm 0 is within tol 1e-12, at a flat "
     "minimum (the curvature is about 0) (f'' = 0)"),
    (BOWL, [1.0, 1.0], {"lr": 0.5},
     "diverged: |f| grew from 4 to 5.53402e+19 in 32 steps: learning rate too large; for this "
     "function lr must be below 2/λmax = 0.333333 (λmax = 6, the largest eigenvalue of the "
     "Hessian)"),
    (BOWL, [1.0, 1.0], {"optimizer": "momentum", "lr": 0.9},
     "diverged: |f| grew from 4 to 1.89446e+33 in 32 steps: learning rate too large; for this "
     "function lr must be below 2(1+μ)/λmax = 0.633333 (λmax = 6, the largest eigenvalue of the "
     "Hessian) with μ = 0.9"),
    (SADDLE, [0.0, 0.0], {},
     "stopped at a saddle point (x, y) = (0, 0) at the start: the gradient norm 0 is within tol "
     "1e-12, but f curves up in one direction and down in another (Hessian eigenvalues -2, 2); "
     "gradient descent stalls at saddle points: start slightly off this point to escape"),
    (SADDLE, [0.001, 0.0], {"steps": 2000, "tol": 1e-6},
     "reached the step limit (2000 steps); the gradient norm is still 3.64849e-05 (tol 1e-06); "
     "the path is slowing down near a saddle point"),
    (HESSIAN_LOG, [0.0], {"optimizer": "newton"},
     "f'' (the Hessian) cannot be computed at the start x = 0, so Newton's method cannot take a "
     "step"),
    (HESSIAN_LOG, [1.0], {"optimizer": "newton", "lr": 0.001},
     "f'' (the Hessian) cannot be computed at x = -1999, where the next step would land; "
     "stopped at x = 1"),
    (sources("(x*x if x > 0.5 else (-1.0)**0.5)", ["2.0*x"], [["2.0"]]), [3.0], {"lr": 0.1},
     "left the domain of f at x = 0.402653: f is not defined there; the step from x = 0.503316 "
     "jumped out of it (a smaller learning rate may stay inside)"),
    (sources("(x*x if x > 0.5 else 1e308*10.0)", ["2.0*x"], [["2.0"]]), [3.0], {"lr": 0.1},
     "diverged: after 8 steps, the next step from x = 0.503316 would jump to x = 0.402653, where "
     "the numbers overflow: learning rate too large; for this function lr must be below "
     "2/f'' = 1"),
    (sources("(x*x)", ["(math.nan if x == 0.0 else 2.0*x)"], [["2.0"]]), [1.0], {"lr": 0.5},
     "stopped at x = 1 after 0 steps: the next step would land on x = 0, where f is not "
     "differentiable (its gradient is undefined there)"),
    (sources("x", ["math.exp(1000.0*x)"], [["0.0"]]), [1.0], {},
     "f is not differentiable at the start x = 1 (its gradient is too large to compute there)"),
    (sources("y**4 - x*x", ["-2.0*x", "4.0*(y**3)"], [["-2.0", "0.0"], ["0.0", "12.0*(y*y)"]],
             "xy"), [0.0, 0.0], {},
     "stopped at a stationary point (x, y) = (0, 0) at the start that is not a minimum: the "
     "gradient norm 0 is within tol 1e-12, but f curves down in one direction (Hessian "
     "eigenvalues -2, 0)"),
]

# Templates that only a defensive branch uses: the generated loop and the one-point
# evaluations would have to disagree about the same point.
UNREACHED = {
    "left the domain of f at {where}: f is {undefined}",
    "f'' (the Hessian) is not finite at {where}, so Newton's method cannot take the next step",
    "the step from {origin} could not be computed ({reason})",
    "not finite",
}


def stepper_for(data, start, settings) -> Stepper:
    stepper = Stepper(data, start, DescentSettings(**settings))
    stepper.advance(settings.get("steps", 1000) + 1)
    assert stepper.finished
    return stepper


def descend_run(data, start, settings):
    """The run :func:`descend` makes, kept (descend returns only the JSON object)."""
    stepper = Stepper(data, start, DescentSettings(**settings))
    run = optimizers._Run(stepper._program, stepper.settings, start, record=False)
    if run.running:
        run.run()
    assert run.message == descend(data, start, **settings)["message"]
    return run


def templates_in(template, fields, found):
    found.add(template)
    for value in fields.values():
        if isinstance(value, dict) and "template" in value:
            templates_in(value["template"], value.get("fields") or {}, found)
    return found


@pytest.mark.parametrize(("data", "start", "settings", "expected"), CASES)
def test_every_stop_message_is_the_english_it_always_was(data, start, settings, expected):
    assert descend(data, start, **settings)["message"] == expected


@pytest.mark.parametrize(("data", "start", "settings", "expected"), CASES)
def test_the_message_is_its_template_formatted_with_its_fields(data, start, settings, expected):
    stepper = stepper_for(data, start, settings)
    assert render(stepper.message_template, stepper.message_fields) == stepper.message
    # The stepper may stop a few steps earlier than descend (cycles, growth), so its
    # message is compared with descend's only where both take the same steps.
    if stepper.result()["steps_taken"] == descend(data, start, **settings)["steps_taken"]:
        assert stepper.message == expected


def test_every_template_is_reached_catalogued_and_translated():
    messages, _ = scan_sources()
    catalogued = {m.source for m in messages
                  if m.context == MESSAGE_CONTEXT and m.location.startswith(
                      "visualizer/core/optimizers.py")}
    assert len(catalogued) >= 50, sorted(catalogued)
    reached = set()
    for data, start, settings, _ in CASES:
        for run in (stepper_for(data, start, settings), descend_run(data, start, settings)):
            templates_in(run.message_template, run.message_fields, reached)
    marked_reasons = {t for t in reached if t not in catalogued}
    assert reached - marked_reasons <= catalogued
    assert catalogued - reached == UNREACHED
    table = read_ts(ts_path("zh_CN"))
    for template in catalogued:
        translation, finished = table[(MESSAGE_CONTEXT, template)]
        assert finished and translation, template
        assert placeholders(translation) == placeholders(template), template
        words = set(re.findall(r"[A-Za-z]{3,}", strip_fields(translation)))
        assert words <= {"tol", "nan", "max"}, translation  # λmax
    # The reasons shared with the errors are translated in the errors' context.
    for template in marked_reasons:
        assert table[(TRANSLATION_CONTEXT, template)][1], template


def test_the_marker_is_what_the_catalogue_scans_for():
    assert MESSAGE_MARKER == "message_text" and MESSAGE_CONTEXT == "Descent"


def test_a_chinese_rendering_keeps_every_number_and_name():
    table = read_ts(ts_path("zh_CN"))

    def chinese(template):
        for context in (MESSAGE_CONTEXT, TRANSLATION_CONTEXT):
            text, finished = table.get((context, template), ("", False))
            if finished:
                return text
        return template

    for data, start, settings, _ in CASES:
        run = descend_run(data, start, settings)
        translated = render(run.message_template, run.message_fields, chinese)
        assert translated != run.message
        numbers = [token for token in run.message.replace(",", " ").replace("(", " ")
                   .replace(")", " ").replace(";", " ").split()
                   if any(c.isdigit() for c in token) and not token.endswith("-cycle")]
        for number in numbers:
            assert number.rstrip(":") in translated, (number, translated)


def placeholders(text):
    return sorted(name for _, name, _, _ in string.Formatter().parse(text) if name is not None)


def strip_fields(text):
    return "".join(literal for literal, _, _, _ in string.Formatter().parse(text))


# -- refused settings and starts: errors with templates, English as before --------------------
SETTING_ERRORS = [
    ({"optimizer": "bogus"}, "unknown optimizer 'bogus'; choose one of sgd, momentum, nesterov, "
     "adagrad, rmsprop, adam, newton"),
    ({"optimizer": "adam", "momentum": 0.5},
     "adam has no momentum setting (it takes lr, betas, eps)"),
    ({"optimizer": "newton", "eps": 1e-3}, "newton has no eps setting (only lr)"),
    ({"lr": 0}, "the learning rate lr must be a positive finite number, got 0.0"),
    ({"lr": "a"}, "lr must be a number, got 'a'"),
    ({"steps": 1.5}, "steps must be a whole number, got 1.5"),
    ({"steps": -1}, "steps must be between 0 and 100,000,000, got -1"),
    ({"tol": -1.0}, "tol must be 0 or more, got -1.0"),
    ({"tol": math.nan}, "tol must be a finite number, got nan"),
    ({"optimizer": "momentum", "momentum": 0.0}, "momentum needs a momentum in (0, 1), got 0.0"),
    ({"optimizer": "sgd", "momentum": 1.0},
     "momentum must be in [0, 1) (with 1 or more the velocity never decays), got 1.0"),
    ({"optimizer": "sgd", "dampening": 2.0}, "dampening must be in [0, 1], got 2.0"),
    ({"optimizer": "nesterov", "dampening": 0.5},
     "nesterov momentum needs dampening 0 (as in torch.optim.SGD)"),
    ({"optimizer": "adam", "betas": (0.9,)}, "betas must be two numbers B1,B2, got (0.9,)"),
    ({"optimizer": "adam", "betas": (0.9, 1.0)}, "beta2 must be in [0, 1), got 1.0"),
    ({"optimizer": "adam", "eps": 0.0}, "eps must be a positive number, got 0.0"),
    ({"optimizer": "rmsprop", "alpha": 1.0}, "alpha must be in [0, 1), got 1.0"),
    ({"optimizer": "adagrad", "lr_decay": -1.0}, "lr_decay must be 0 or more, got -1.0"),
]
START_ERRORS = [
    (QUAD, "abc", {}, "the start must be 1 number(s), got 'abc'"),
    (QUAD, [1.0, 2.0], {}, "the start gives 2 coordinate(s) but the function uses x"),
    (BOWL, [1.0, math.inf], {}, "the start's y must be a finite number, got inf"),
    (QUAD, ["a"], {}, "the start's x must be a number, got 'a'"),
    (LOG, [-1.0], {}, "f is not defined at the start x = -1 (math domain error)"),
    (sources("x*x + y*y", ["2.0*x", "2.0*y"], None, "xy"), [1.0, 1.0], {"optimizer": "newton"},
     "Newton's method needs the Hessian sources"),
]


def chinese_table():
    table = read_ts(ts_path("zh_CN"))

    def translate(template):
        text, finished = table.get((TRANSLATION_CONTEXT, template), ("", False))
        assert finished, template
        return text

    return translate


@pytest.mark.parametrize(("settings", "expected"), SETTING_ERRORS)
def test_a_refused_setting_says_the_same_english_and_has_a_translation(settings, expected):
    with pytest.raises(ExpressionError) as caught:
        DescentSettings(**settings)
    assert caught.value.kind == "argument" and caught.value.message == expected
    assert caught.value.template is not None
    translated = caught.value.render(chinese_table())
    assert not re.search(r"\b(must|got|has no|needs|takes|only)\b", translated), translated


@pytest.mark.parametrize(("data", "start", "settings", "expected"), START_ERRORS)
def test_a_refused_start_says_the_same_english_and_has_a_translation(data, start, settings,
                                                                      expected):
    with pytest.raises(ExpressionError) as caught:
        descend(data, start, **settings)
    assert caught.value.message == expected and caught.value.template is not None
    translated = caught.value.render(chinese_table())
    assert re.search(r"[\u4e00-\u9fff]", translated) and "start" not in translated, translated
