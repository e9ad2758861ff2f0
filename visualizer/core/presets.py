"""The function library: every worked function of the chapters, then the classics.

Plain data (no Qt): the editor lists them, lessons and tests refer to them by ``key``.
Names are English source strings; the GUI translates them in the ``presets`` context.
``where`` points a teacher to the chapter (one of the five source chapters) that works it.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Preset:
    """One entry of the function library.

    Attributes
    ----------
    key : str
        Stable identifier (used by lessons and tests).
    name : str
        What the chapters call it, in English.
    text : str
        The formula in our function language.
    group : str
        ``"chapters"``, ``"activations"`` or ``"classics"``.
    x_range, y_range : tuple of float
        A range that shows the interesting part.
    where : str
        Which chapter works it (``""`` for the classics).
    """

    key: str
    name: str
    text: str
    group: str
    x_range: tuple = (-5.0, 5.0)
    y_range: tuple = (-5.0, 5.0)
    where: str = ""


PRESETS: tuple[Preset, ...] = (
    # -- the chapters, in the order they teach ---------------------------------------
    Preset("line", "Line through A(4, 5) and B(2, 3)", "x + 1", "chapters", (-1, 6), where="000"),
    Preset("square", "f(x) = x² (slope 2 at x = 1)", "x^2", "chapters", (-3, 3), where="000, 001"),
    Preset("diver", "Diver's height h(t) = 5t² + 3t + 2", "5t^2 + 3t + 2", "chapters", (0, 3),
           where="000"),
    Preset("quadratic", "f(x) = 4x² + 2x + 1", "4x^2 + 2x + 1", "chapters", (-2, 2), where="000"),
    Preset("sum_squares", "Σ (x + i)², i = 1..3", "(x+1)^2 + (x+2)^2 + (x+3)^2", "chapters",
           (-5, 1), where="000"),
    Preset("abs", "|x| (left −1, right +1 at 0)", "|x|", "chapters", (-2, 2), where="001"),
    Preset("free_fall", "Free fall s(t) = ½·9.8·t²", "1/2*9.8t^2", "chapters", (0, 3),
           where="001"),
    Preset("power10", "2x¹⁰ (higher derivatives)", "2x^10", "chapters", (-1.2, 1.2), where="001"),
    Preset("cube", "x³ (f′(0) = 0 but no extremum)", "x^3", "chapters", (-2, 2), where="001"),
    Preset("sine", "sin x (stationary and inflection points)", "sin(x)", "chapters", (-7, 7),
           where="001"),
    Preset("exp", "eˣ (Taylor expansion)", "e^x", "chapters", (-3, 3), where="001"),
    Preset("cubic_extrema", "x³ − 2x + 4", "x^3 - 2x + 4", "chapters", (-2.5, 2.5), where="002"),
    Preset("quintic_extrema", "x⁵ − 2x³ + x + 2", "x^5 - 2x^3 + x + 2", "chapters", (-1.6, 1.6),
           where="002"),
    Preset("chain_square", "(x² + 2x + 3)² (chain rule)", "(x^2 + 2x + 3)^2", "chapters",
           (-3, 1), where="002"),
    Preset("chain_trig", "sin²(x³ − 3x) (chain rule)", "sin(x^3 - 3x)^2", "chapters", (-2, 2),
           where="002"),
    Preset("log_quartic", "log(x⁴ + x³ + 2) (chain rule, descent from −9.41)",
           "log(x^4 + x^3 + 2)", "chapters", (-10, 3), where="003"),
    Preset("partial_xy", "xy + x/y (partial derivatives)", "xy + x/y", "chapters", (-3, 3),
           (0.5, 3), where="002"),
    Preset("partial_exp", "e^(xy)·cos x·sin y (partial derivatives)", "e^(xy) cos(x) sin(y)",
           "chapters", (-2, 2), (-2, 2), where="002"),
    Preset("bowl", "x² + xy + y² (gradient at (0.5, −0.4))", "x^2 + xy + y^2", "chapters",
           (-2, 2), (-2, 2), where="002, 004"),
    Preset("quartic_bowl", "x⁴ + y²", "x^4 + y^2", "chapters", (-2, 2), (-2, 2), where="003"),
    # -- activation functions ----------------------------------------------------------
    Preset("sigmoid", "Sigmoid σ(x) = 1/(1 + e⁻ˣ)", "sigmoid(x)", "activations", (-8, 8),
           where="000, 001"),
    Preset("tanh", "tanh x", "tanh(x)", "activations", (-5, 5), where="001"),
    Preset("relu", "ReLU max(0, x)", "relu(x)", "activations", (-3, 3), where="001"),
    Preset("softplus", "Softplus log(1 + eˣ)", "softplus(x)", "activations", (-6, 6)),
    Preset("gelu", "GELU x·Φ(x)", "gelu(x)", "activations", (-4, 4)),
    # -- classics ------------------------------------------------------------------------
    Preset("kink_abs_quadratic", "|x² − 4| (two kinks)", "|x^2 - 4|", "classics", (-4, 4)),
    Preset("max_kink", "max(x, x²)", "max(x, x^2)", "classics", (-2, 2)),
    Preset("cube_root", "∛x (vertical tangent at 0)", "cbrt(x)", "classics", (-2, 2)),
    Preset("hyperbola", "1/x (a pole at 0)", "1/x", "classics", (-3, 3)),
    Preset("saddle", "Saddle x² − y²", "x^2 - y^2", "classics", (-2, 2), (-2, 2)),
    Preset("rosenbrock", "Rosenbrock (1 − x)² + 100(y − x²)²", "(1 - x)^2 + 100(y - x^2)^2",
           "classics", (-2, 2), (-1, 3)),
    Preset("himmelblau", "Himmelblau (x² + y − 11)² + (x + y² − 7)²",
           "(x^2 + y - 11)^2 + (x + y^2 - 7)^2", "classics", (-5, 5), (-5, 5)),
    Preset("ill_conditioned", "Ill-conditioned bowl x² + 25y²", "x^2 + 25y^2", "classics",
           (-3, 3), (-3, 3)),
)

PRESETS_BY_KEY = {preset.key: preset for preset in PRESETS}
GROUP_TITLES = {"chapters": "From the chapters", "activations": "Activation functions",
                "classics": "Classic test functions"}
