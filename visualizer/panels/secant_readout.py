"""The derivative lab's readout: the quotient with its numbers, f′(x₀), the tangent line.

While a point is dragged or animated the readout is plain text (cheap, every frame);
once the values have been still for a moment they are typeset (ziamath costs 20–50 ms
a formula, on a thread that would otherwise compete with the drag for the GIL).
:func:`compose` turns the numbers into the texts; :class:`LiveFormula` shows them.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QColor, QFont, QPainter
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSizePolicy, QStackedWidget, QWidget

from visualizer.core.limits import PointSlopes
from visualizer.panels.secant_items import (
    MINUS,
    digits_for_step,
    latex_argument,
    latex_number,
    line_equation,
    number,
    plain_argument,
)
from visualizer.widgets.formula import FormulaLabel

#: The caption's type size relative to the formula's (ziamath's size is in pixels,
#: Qt's in points: 0.75 makes the words as tall as the formula's letters).
CAPTION_SCALE = 0.75


def tr(text: str) -> str:
    return QCoreApplication.translate("SecantReadout", text)


class FastTextLine(QWidget):
    """One line of plain text that repaints itself alone when the text changes.

    A QLabel asks its parents to lay out again on every ``setText`` (up to the main
    window, twice a frame during a drag, with the docks and the splitter repainted
    behind it), and rich text costs ~0.4 ms a frame to lay out. This line keeps its
    size, paints an opaque background, draws plain text and only calls ``update()``.
    """

    def __init__(self, parent=None):
        super().__init__(parent)
        self._text = ""
        self._color = None
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)

    def text(self) -> str:
        return self._text

    def set_color(self, color: str | None) -> None:
        """Draw the text in ``color`` (None: the palette's text colour)."""
        self._color = color
        self.update()

    def setText(self, text: str) -> None:  # noqa: N802 - QLabel's name
        if text != self._text:
            self._text = text
            self.update()

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt's name
        painter = QPainter(self)
        palette = self.palette()
        painter.fillRect(self.rect(), palette.window())
        painter.setPen(QColor(self._color) if self._color else palette.windowText().color())
        painter.drawText(self.rect().adjusted(4, 0, -4, 0),
                         Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, self._text)
        painter.end()


class LiveFormula(QStackedWidget):
    """One formula: plain rich text while it changes, typeset once it settles.

    The typeset page is a caption in words (``<name>Caption``, a translated label:
    the math font has no CJK glyphs, so words never go into the LaTeX) followed by
    the formula.

    Attributes
    ----------
    live : FastTextLine
        The plain version (``<name>Live``).
    caption : QLabel
        The words before the typeset formula (``<name>Caption``; hidden when empty).
    typeset : FormulaLabel
        The typeset version (``<name>``).
    """

    def __init__(self, name: str, parent=None):
        super().__init__(parent)
        self.live = FastTextLine(self)
        self.live.setObjectName(f"{name}Live")
        self._typeset_page = QWidget(self)
        row = QHBoxLayout(self._typeset_page)
        row.setContentsMargins(4, 0, 0, 0)
        row.setSpacing(6)
        self.caption = QLabel(self._typeset_page)
        self.caption.setObjectName(f"{name}Caption")
        self.caption.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Preferred)
        self.caption.hide()
        self.typeset = FormulaLabel(self._typeset_page)
        self.typeset.setObjectName(name)
        self.typeset.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        self.typeset.rendered.connect(self._on_rendered)
        row.addWidget(self.caption)
        row.addWidget(self.typeset, 1)
        self.addWidget(self.live)
        self.addWidget(self._typeset_page)
        self._wanted = ""
        self._accessible = ""
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def plain_text(self) -> str:
        """The words shown now (for screen readers and tests)."""
        return self._accessible

    def is_typeset(self) -> bool:
        """True when the typeset page (caption and picture) is on screen."""
        return self.currentWidget() is self._typeset_page

    def show_live(self, text: str, accessible: str) -> None:
        """Show ``text`` (plain) now."""
        self._wanted = ""
        self.live.setText(text)
        self._accessible = accessible
        if self.currentWidget() is not self.live:
            self.setCurrentWidget(self.live)

    def show_typeset(self, latex: str, plain: str, color: str, size: float,
                     caption: str = "") -> None:
        """Typeset ``caption`` + ``latex`` in the background; the plain text stays until
        the picture is ready. Without ``latex`` the words alone stay, as plain text."""
        if not latex:
            self.show_live(caption or plain, plain)
            self.setAccessibleName(plain)
            return
        self._wanted = latex
        self._accessible = plain
        self.setAccessibleName(plain)
        self.live.setAccessibleName(plain)
        self.caption.setText(caption)
        self.caption.setVisible(bool(caption))
        font = QFont(self.caption.font())
        font.setPointSizeF(size * CAPTION_SCALE)
        self.caption.setFont(font)
        self.caption.setStyleSheet(f"color: {color};")
        self.typeset.set_formula(latex, plain, color, size)
        if self.typeset.has_picture() and self.typeset.latex == latex:
            self.setCurrentWidget(self._typeset_page)

    def _on_rendered(self) -> None:
        if self._wanted and self._wanted == self.typeset.latex and self.typeset.has_picture():
            self.setCurrentWidget(self._typeset_page)


@dataclass(frozen=True)
class ReadoutTexts:
    """The readout: each line as plain text (live), LaTeX (typeset, symbols only) with
    its caption in words, short words (screen readers), and the note about special
    points as rich text."""

    quotient_line: str
    quotient_latex: str
    quotient_plain: str
    tangent_line: str
    tangent_latex: str
    tangent_plain: str
    note_html: str
    #: Words shown before each typeset formula (translated; never inside the LaTeX).
    quotient_caption: str = ""
    tangent_caption: str = ""


def _framework_note(text: str) -> str:
    lowered = text.replace(" ", "").lower()
    if "relu" in lowered or "max(0," in lowered or "max(x,0)" in lowered:
        return tr("Frameworks need a number anyway: PyTorch and TensorFlow use ReLU′(0) = 0.")
    if "|" in lowered or "abs(" in lowered:
        return tr("PyTorch uses sign(0) = 0 as the slope of |x| at 0.")
    return tr("Frameworks still return one fixed number here (a subgradient), so "
              "training does not stop.")


def compose(function_text: str, variable: str, slopes: PointSlopes, h: float, value_at_p: float,
            close: bool, second: float | None = None) -> ReadoutTexts:
    """The readout for P₀ = (x₀, f(x₀)), P = (x₀ + h, ``value_at_p``).

    Parameters
    ----------
    function_text : str
        What the user typed (for the ReLU note).
    variable : str
        ``"x"`` or ``"t"``.
    slopes : PointSlopes
        What the tangent does at x₀.
    h : float
    value_at_p : float
        f(x₀ + h) (NaN where undefined).
    close : bool
        P is as close to P₀ as the screen shows: also state the limit.
    second : float, optional
        f″(x₀), shown as the acceleration for a function of t.
    """
    x0, f0 = slopes.x0, slopes.value
    v = variable
    digits = digits_for_step(h)
    x1 = x0 + h
    # -- the quotient ---------------------------------------------------------------------
    if not math.isfinite(f0):
        q_line = tr("f is not defined at {v}₀ = {x}.").format(v=v, x=number(x0))
        q_latex, q_plain = "", q_line
        q_caption = q_line
    elif not math.isfinite(value_at_p):
        q_line = tr("f is not defined at {v}₀ + h = {x}: no secant.").format(v=v, x=number(x1))
        q_latex, q_plain = "", q_line
        q_caption = q_line
    else:
        quotient = (value_at_p - f0) / h
        q_line = tr("secant Δy/Δx = {quotient}").format(quotient=(
            f"(f({plain_argument(x1, digits)}) {MINUS} "
            f"f({plain_argument(x0, digits)})) / {plain_argument(h, digits)} = "
            f"({number(value_at_p, digits)} {MINUS} {plain_argument(f0, digits)}) / "
            f"{plain_argument(h, digits)} = {number(quotient, digits)}"))
        q_caption = tr("secant:")
        q_latex = (rf"\frac{{\Delta y}}{{\Delta x}} = \frac{{f({latex_number(x1, digits)}) - "
                   rf"f({latex_number(x0, digits)})}}{{{latex_number(h, digits)}}} = "
                   rf"\frac{{{latex_number(value_at_p, digits)} - {latex_argument(f0, digits)}}}"
                   rf"{{{latex_number(h, digits)}}} = {latex_number(quotient, digits)}")
        q_plain = tr("secant slope {q}").format(q=number(quotient, digits))
        if close:
            limit = _limit_of_side(slopes, h)
            side = "⁺" if h > 0 else "⁻"
            q_line += tr("  → as h → 0{s}: {limit}").format(s=side, limit=number(limit))
            sup = "^{+}" if h > 0 else "^{-}"
            q_latex += rf"\;\to\; {latex_number(limit)} \quad (h \to 0{sup})"
            q_plain += tr(", tending to {limit} as h tends to 0").format(limit=number(limit))
    # -- the tangent ----------------------------------------------------------------------
    name = v
    kind = slopes.kind
    x0_text, x0_latex = number(x0), latex_number(x0)
    if kind == "smooth":
        slope = slopes.derivative
        intercept = f0 - slope * x0
        equation = line_equation(slope, intercept, name)
        t_line = tr("tangent: f′({x}) = {m},  {eq}").format(x=x0_text, m=number(slope),
                                                                 eq=equation)
        t_caption = tr("tangent:")
        t_latex = (rf"f'({x0_latex}) = {latex_number(slope)},\quad "
                   + line_equation(slope, intercept, name, latex=True))
        if v == "t" and second is not None and math.isfinite(second):
            t_line = tr("velocity f′({x}) = {m},  acceleration f″({x}) = {a},  "
                        "tangent {eq}").format(x=x0_text, m=number(slope), a=number(second),
                                               eq=equation)
            t_caption = tr("velocity, acceleration:")
            t_latex = (rf"v({x0_latex}) = f'({x0_latex}) = {latex_number(slope)},\quad "
                       rf"a({x0_latex}) = f''({x0_latex}) = {latex_number(second)}")
        t_plain = tr("tangent slope {m}, {eq}").format(m=number(slope), eq=equation)
        note = ""
        if abs(slope) < 1e-12:
            note = tr("f′({x}) = 0: the tangent is flat — a stationary point.").format(x=x0_text)
    elif kind == "corner":
        left, right = slopes.left, slopes.right
        t_line = tr("left slope f′₋({x}) = {l} ≠ right slope f′₊({x}) = {r}: "
                    "no tangent").format(x=x0_text, l=number(left), r=number(right))
        t_caption = tr("no tangent:")
        t_latex = (rf"f'_{{-}}({x0_latex}) = {latex_number(left)} \neq "
                   rf"f'_{{+}}({x0_latex}) = {latex_number(right)}")
        t_plain = tr("left slope {l}, right slope {r}, no tangent").format(
            l=number(left), r=number(right))
        note = tr("<b>f is not differentiable at {v} = {x}</b>: left slope {l} ≠ right slope "
                  "{r}, so no single tangent fits (both half-tangents are drawn). ").format(
            v=v, x=x0_text, l=number(left), r=number(right))
        note += _framework_note(function_text)
    elif kind in ("vertical", "cusp"):
        t_line = tr("vertical tangent {v} = {x}: the slope is infinite").format(v=v, x=x0_text)
        t_caption = tr("vertical tangent:")
        t_latex = rf"{name} = {x0_latex}"
        t_plain = t_line
        if kind == "vertical":
            note = tr("<b>Vertical tangent at {v} = {x}</b>: as h → 0 the secant stands up and "
                      "its slope grows without bound, so f′({x}) does not exist (it would be "
                      "infinite).").format(v=v, x=x0_text)
        else:
            note = tr("<b>Cusp at {v} = {x}</b>: the slope tends to −∞ on one side and +∞ on "
                      "the other; f is not differentiable here.").format(v=v, x=x0_text)
    elif kind == "one_sided":
        side, value = ((tr("right"), slopes.right) if slopes.right is not None
                       else (tr("left"), slopes.left))
        t_line = tr("only the {side} derivative exists: {d}").format(side=side, d=number(value))
        t_caption = tr("one-sided derivative:")
        t_latex = rf"f'_{{{'+' if slopes.right is not None else '-'}}}({x0_latex}) = " \
                  + latex_number(value)
        t_plain = t_line
        note = tr("{v} = {x} is an edge of f's domain: only a one-sided derivative can be "
                  "formed there.").format(v=v, x=x0_text)
    else:
        t_line = tr("no tangent: f is not defined at {v} = {x}").format(v=v, x=x0_text)
        t_caption = tr("no tangent at")
        t_latex = rf"{name} = {x0_latex}"
        t_plain = t_line
        note = tr("f is not defined at {v} = {x} (a pole, or outside its domain). Move P₀ "
                  "elsewhere.").format(v=v, x=x0_text)
    return ReadoutTexts(q_line, q_latex, q_plain, t_line, t_latex, t_plain, note,
                        q_caption, t_caption)


def _limit_of_side(slopes: PointSlopes, h: float) -> float | None:
    """What the quotient tends to from the side h is on."""
    if slopes.kind == "smooth":
        return slopes.derivative
    return slopes.right if h > 0 else slopes.left
