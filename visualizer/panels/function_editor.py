"""The function editor: type a formula, see it checked as you type, pick a preset.

The editor owns no calculus state: it sends the text to the model after a short pause
in typing (or at once on Enter) and shows what the model answers — the typeset
function and its derivatives, or the error underlined where it is.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFontMetrics, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QProgressBar,
    QSizePolicy,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from visualizer.core.errors import ExpressionError
from visualizer.core.presets import GROUP_TITLES, PRESETS, PRESETS_BY_KEY
from visualizer.i18n import error_message
from visualizer.theme import LIGHT, Theme
from visualizer.widgets.after_frame import run_after_next_frame
from visualizer.widgets.formula import FormulaLabel

#: Pause in typing after which the text is checked.
DEBOUNCE_MS = 250
#: A new function's formulas are typeset this long after the window has painted it.
#: Typesetting holds the GIL for ~25 ms a formula: started at once, it halved the speed
#: of every panel's redraw and of the paint that shows the new function (and a fixed
#: delay from the function's arrival still fell inside the slower paints).
FORMULA_DELAY_MS = 60


def tr(text: str) -> str:
    return QCoreApplication.translate("FunctionEditor", text)


def _names_its_place(error: ExpressionError | None) -> bool:
    """True when the message already says where ("'*' at 6 cannot follow ..."):
    places in messages count from 1, as "(at character 6)" would."""
    return error is not None and "{at}" in (error.template or "")


class FormulaEdit(QPlainTextEdit):
    """A one-line formula field that can underline an error at a character position.

    Signals
    -------
    submitted()
        Enter was pressed.
    """

    submitted = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setTabChangesFocus(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self._fit_height()

    def _fit_height(self) -> None:
        metrics = QFontMetrics(self.font())
        self.setFixedHeight(metrics.lineSpacing() + 2 * int(self.document().documentMargin()) + 8)

    def changeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().changeEvent(event)
        if event.type() == event.Type.FontChange:
            self._fit_height()

    def text(self) -> str:
        return self.toPlainText()

    def set_text(self, text: str) -> None:
        """Replace the text without moving focus; the cursor goes to the end."""
        if text == self.toPlainText():
            return
        self.setPlainText(text)
        self.moveCursor(QTextCursor.MoveOperation.End)

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt's name
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.submitted.emit()
            return
        super().keyPressEvent(event)

    def insertFromMimeData(self, source) -> None:  # noqa: N802 - Qt's name
        # A pasted formula must stay on one line.
        text = " ".join(source.text().splitlines())
        self.textCursor().insertText(text)

    def mark_error(self, position: int | None, color: str) -> None:
        """Underline the character at ``position`` (the end when past it) with a red wave."""
        if position is None:
            self.setExtraSelections([])
            return
        length = len(self.toPlainText())
        selection = QTextEdit.ExtraSelection()
        cursor = QTextCursor(self.document())
        start = max(0, min(position, length - 1)) if length else 0
        cursor.setPosition(start)
        cursor.setPosition(min(length, start + 1), QTextCursor.MoveMode.KeepAnchor)
        text_format = QTextCharFormat()
        text_format.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
        text_format.setUnderlineColor(QColor(color))
        text_format.setBackground(QColor(color).lighter(185))
        selection.cursor, selection.format = cursor, text_format
        self.setExtraSelections([selection])

    def error_position(self) -> int | None:
        """Where the underline is (for tests and accessibility), or None."""
        selections = self.extraSelections()
        return selections[0].cursor.selectionStart() if selections else None


class FunctionEditorPanel(QWidget):
    """Formula field, error message, typeset derivatives, ranges and the preset library."""

    def __init__(self, model, parent=None):
        super().__init__(parent)
        self.setObjectName("functionEditor")
        self._model = model
        self._theme: Theme = LIGHT
        self._debounce = QTimer(self, singleShot=True, interval=DEBOUNCE_MS)
        self._debounce.timeout.connect(self._submit)
        self._formula_timer = QTimer(self, singleShot=True, interval=FORMULA_DELAY_MS)
        self._formula_timer.timeout.connect(self._show_current_formulas)
        # The error on show (None: the "type a function" hint), kept to show it again in
        # another language; _error_shown says whether the status shows it at all.
        self._error: ExpressionError | None = None
        self._error_shown = False

        self.formula_edit = FormulaEdit(self)
        self.formula_edit.setObjectName("formulaEdit")
        self.formula_edit.setAccessibleName(tr("Function"))
        self.formula_edit.setToolTip(tr(
            "Type a function of x (or t), or of x and y.\n"
            "Examples: x^2, 3sin(x), |x|, relu(x), x^2 + xy + y^2.\n"
            "Functions: sin cos tan asin acos atan sinh cosh tanh exp log ln sqrt cbrt\n"
            "abs sign max min relu sigmoid softplus gelu; constants pi and e."))
        self.formula_edit.setPlaceholderText(tr("f(x) = …  e.g. x^2 + 1"))
        self.formula_edit.textChanged.connect(self._on_text_edited)
        self.formula_edit.submitted.connect(self._submit)

        self.preset_box = QComboBox(self)
        self.preset_box.setObjectName("presetBox")
        self.preset_box.setAccessibleName(tr("Function library"))
        self.preset_box.setToolTip(tr("Functions worked in the chapters, and classic examples"))
        self._fill_presets()
        self.preset_box.activated.connect(self._on_preset_chosen)

        self.status_label = QLabel(self)
        self.status_label.setObjectName("editorStatus")
        self.status_label.setWordWrap(True)
        self.status_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.busy_bar = QProgressBar(self)
        self.busy_bar.setRange(0, 0)  # indeterminate
        self.busy_bar.setMaximumHeight(6)
        self.busy_bar.setTextVisible(False)
        self.busy_bar.setVisible(False)
        self._busy_timer = QTimer(self, singleShot=True, interval=150)
        self._busy_timer.timeout.connect(self.busy_bar.show)

        self.formula_labels = [FormulaLabel(self) for _ in range(4)]
        self.formula_names = [QLabel(self) for _ in range(4)]

        self.x_low, self.x_high = self._range_box("x"), self._range_box("x")
        self.y_low, self.y_high = self._range_box("y"), self._range_box("y")
        for box in (self.x_low, self.x_high):
            box.editingFinished.connect(self._on_x_range_edited)
        for box in (self.y_low, self.y_high):
            box.editingFinished.connect(self._on_y_range_edited)

        top = QHBoxLayout()
        top.addWidget(QLabel(tr("f ="), self))
        top.addWidget(self.formula_edit, 1)
        formulas = QGridLayout()
        for row, (name, label) in enumerate(zip(self.formula_names, self.formula_labels, strict=True)):
            formulas.addWidget(name, row, 0, Qt.AlignmentFlag.AlignRight)
            formulas.addWidget(label, row, 1)
        formulas.setColumnStretch(1, 1)
        ranges = QFormLayout()
        x_row, y_row = QHBoxLayout(), QHBoxLayout()
        for row, low, high in ((x_row, self.x_low, self.x_high), (y_row, self.y_low, self.y_high)):
            row.addWidget(low)
            row.addWidget(QLabel("…", self))
            row.addWidget(high)
        self.y_range_label = QLabel(tr("y from"), self)
        ranges.addRow(tr("x from"), x_row)
        ranges.addRow(self.y_range_label, y_row)
        library = QFormLayout()
        library.addRow(tr("Library"), self.preset_box)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.busy_bar)
        layout.addWidget(self.status_label)
        layout.addLayout(formulas)
        layout.addLayout(ranges)
        layout.addLayout(library)
        layout.addStretch(1)

        model.expression_changed.connect(self._on_expression_changed)
        model.expression_rejected.connect(self._on_expression_rejected)
        model.busy_changed.connect(self._on_busy_changed)
        model.x_range_changed.connect(self._on_x_range_changed)
        model.y_range_changed.connect(self._on_y_range_changed)
        self._on_x_range_changed(model.x_range)
        self._on_y_range_changed(model.y_range)
        if model.function is not None:
            self._on_expression_changed(model.function)
        self._set_status("")

    # -- building -------------------------------------------------------------------
    def _range_box(self, variable: str) -> QDoubleSpinBox:
        box = QDoubleSpinBox(self)
        box.setRange(-1e6, 1e6)
        box.setDecimals(3)
        box.setKeyboardTracking(False)
        box.setAccessibleName(tr("Range of {0}").format(variable))
        box.setToolTip(tr("The part of the {0} axis that is drawn and searched").format(variable))
        return box

    def _fill_presets(self) -> None:
        self.preset_box.addItem(tr("Choose a function…"), None)
        group = None
        for preset in PRESETS:
            if preset.group != group:
                group = preset.group
                self.preset_box.insertSeparator(self.preset_box.count())
                self.preset_box.addItem(QCoreApplication.translate("presets", GROUP_TITLES[group]),
                                        None)
                index = self.preset_box.count() - 1
                self.preset_box.model().item(index).setEnabled(False)
            name = QCoreApplication.translate("presets", preset.name)
            self.preset_box.addItem("   " + name, preset.key)
            tip = preset.text + (f"   ({tr('chapter')} {preset.where})" if preset.where else "")
            self.preset_box.setItemData(self.preset_box.count() - 1, tip,
                                        Qt.ItemDataRole.ToolTipRole)

    # -- user actions --------------------------------------------------------------------
    def _on_text_edited(self) -> None:
        self._debounce.start()

    def _submit(self) -> None:
        self._debounce.stop()
        text = self.formula_edit.text()
        if not text.strip():
            self._show_error(None)
            return
        self._model.set_expression(text)

    def choose_preset(self, key: str) -> None:
        """Load the preset ``key``: its ranges, then its function."""
        preset = PRESETS_BY_KEY[key]
        self._model.set_x_range(*preset.x_range)
        self._model.set_y_range(*preset.y_range)
        self.formula_edit.blockSignals(True)
        self.formula_edit.set_text(preset.text)
        self.formula_edit.blockSignals(False)
        self._submit()

    def _on_preset_chosen(self, index: int) -> None:
        key = self.preset_box.itemData(index)
        if key:
            self.choose_preset(key)
        self.preset_box.setCurrentIndex(0)

    def _on_x_range_edited(self) -> None:
        low, high = self.x_low.value(), self.x_high.value()
        if low < high:
            self._model.set_x_range(low, high)
        else:
            self._on_x_range_changed(self._model.x_range)
            self._set_status(tr("The start of a range must be below its end."), error=True)

    def _on_y_range_edited(self) -> None:
        low, high = self.y_low.value(), self.y_high.value()
        if low < high:
            self._model.set_y_range(low, high)
        else:
            self._on_y_range_changed(self._model.y_range)
            self._set_status(tr("The start of a range must be below its end."), error=True)

    # -- model → view ---------------------------------------------------------------------
    def _on_expression_changed(self, state) -> None:
        if state.text != self.formula_edit.text() and not self._debounce.isActive():
            self.formula_edit.blockSignals(True)
            self.formula_edit.set_text(state.text)
            self.formula_edit.blockSignals(False)
        if state.text == self.formula_edit.text():
            self.formula_edit.mark_error(None, self._theme.error)
            self._set_status("")
        run_after_next_frame(self, self._formula_timer.start)
        two = state.is_2d
        for widget in (self.y_low, self.y_high, self.y_range_label):
            widget.setEnabled(two)

    def _on_expression_rejected(self, text: str, error) -> None:
        if text != self.formula_edit.text():
            return  # the user has typed on since; that text will get its own answer
        self._show_error(error)

    def _show_error(self, error: ExpressionError | None) -> None:
        """Show ``error`` in the interface language (None: ask for a function)."""
        if error is None:
            message, position = tr("Type a function, for example x^2."), None
        else:
            message, position = error_message(error), error.position
        where = ""
        if position is not None and not _names_its_place(error):
            where = " " + tr("(at character {0})").format(position + 1)
        last = self._model.expression_text
        keep = (" " + tr("Still showing {0}.").format(last)) if last else ""
        self._set_status("✗ " + message + where + keep, error=True)
        self._error, self._error_shown = error, True
        self.formula_edit.mark_error(position, self._theme.error)

    def retranslate(self) -> None:
        """Show the error on display again in the new interface language."""
        if self._error_shown:
            self._show_error(self._error)

    def _on_busy_changed(self, busy: bool) -> None:
        if busy:
            self._busy_timer.start()  # no flicker for the usual ~10 ms answers
        else:
            self._busy_timer.stop()
            self.busy_bar.setVisible(False)

    def _on_x_range_changed(self, value: tuple) -> None:
        for box, number in ((self.x_low, value[0]), (self.x_high, value[1])):
            box.blockSignals(True)
            box.setValue(number)
            box.blockSignals(False)

    def _on_y_range_changed(self, value: tuple) -> None:
        for box, number in ((self.y_low, value[0]), (self.y_high, value[1])):
            box.blockSignals(True)
            box.setValue(number)
            box.blockSignals(False)

    def _set_status(self, text: str, error: bool = False) -> None:
        self._error_shown = False  # _show_error sets it again after this
        self.status_label.setText(text)
        self.status_label.setVisible(bool(text))
        color = self._theme.error if error else self._theme.muted
        style = f"color: {color};"
        if self.status_label.styleSheet() != style:  # a new style sheet re-polishes
            self.status_label.setStyleSheet(style)
        self.status_label.setProperty("isError", error)

    def _show_current_formulas(self) -> None:
        if self._model.function is not None:
            self._show_formulas(self._model.function)

    def _show_formulas(self, state) -> None:
        var = state.variable
        if state.is_2d:
            rows = [
                ("f(x, y) =", "f", state.latex("f")),
                ("∂f/∂x =", "fx", state.latex("fx")),
                ("∂f/∂y =", "fy", state.latex("fy")),
                ("∇f =", "grad", r"\left(" + state.latex("fx") + ", " + state.latex("fy")
                 + r"\right)"),
            ]
        else:
            rows = [
                (f"f({var}) =", "f", state.latex("f")),
                (f"f′({var}) =", "df", state.latex("df")),
                (f"f″({var}) =", "d2f", state.latex("d2f")),
            ]
        size = self._theme.font_size(1.9)
        for index, (name_label, formula) in enumerate(zip(self.formula_names, self.formula_labels, strict=True)):
            visible = index < len(rows)
            name_label.setVisible(visible)
            formula.setVisible(visible)
            if visible:
                name, key, latex = rows[index]
                name_label.setText(name)
                plain = state.bundle["expression"] if key == "f" else (
                    state.bundle["functions"].get(key, {}).get("expression", latex))
                formula.set_formula(latex, plain, self._theme.foreground, size)

    def apply_theme(self, theme: Theme) -> None:
        """Restyle for ``theme`` (colours and type size)."""
        self._theme = theme
        self._formula_timer.stop()
        self._show_current_formulas()


