"""The lesson panel: the step's title and text, the step buttons and the lesson picker.

It holds no state of its own besides what it shows: the controller tells it which
lesson and step to show and connects its signals to the :class:`LessonRunner`.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QCoreApplication, QEvent, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from visualizer.classroom.lessons import Lesson, LessonStep
from visualizer.theme import Theme

#: Lesson text is this much larger than the interface's type; more when presenting.
TEXT_FACTOR = 1.1
PRESENTATION_TEXT_FACTOR = 1.15


def tr(text: str) -> str:
    return QCoreApplication.translate("Classroom", text)


class LessonPanel(QWidget):
    """Shows one lesson step; Previous / Next buttons and the keys a clicker sends.

    Signals
    -------
    next_requested(), previous_requested()
        The user asked for the next / previous step.
    lesson_chosen(int)
        The user chose entry ``i`` of the lesson picker.
    open_requested()
        The user asked to open a lesson file.
    close_requested()
        The user closed the lesson.
    """

    next_requested = Signal()
    previous_requested = Signal()
    lesson_chosen = Signal(int)
    open_requested = Signal()
    close_requested = Signal()

    def __init__(self, language: str = "en", parent=None):
        super().__init__(parent)
        self.setObjectName("lessonPanel")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.language = language
        self._lesson: Lesson | None = None
        self._step: LessonStep | None = None
        self._index, self._count = -1, 0
        self._presenting = False
        self._theme: Theme | None = None

        self.picker = QComboBox(self)
        self.picker.setObjectName("lessonPicker")
        self.picker.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.picker.setMinimumContentsLength(18)
        self.picker.activated.connect(self.lesson_chosen)
        self.open_button = QPushButton(self)
        self.open_button.setObjectName("lessonOpenButton")
        self.open_button.clicked.connect(self.open_requested)
        self.close_button = QPushButton(self)
        self.close_button.setObjectName("lessonCloseButton")
        self.close_button.clicked.connect(self.close_requested)
        self.previous_button = QPushButton(self)
        self.previous_button.setObjectName("lessonPrevious")
        self.previous_button.clicked.connect(self.previous_requested)
        self.next_button = QPushButton(self)
        self.next_button.setObjectName("lessonNext")
        self.next_button.clicked.connect(self.next_requested)
        self.counter = QLabel(self)
        self.counter.setObjectName("lessonStepCounter")
        self.title_label = QLabel(self)
        self.title_label.setObjectName("lessonStepTitle")
        self.title_label.setWordWrap(True)
        self.text_view = QTextBrowser(self)
        self.text_view.setObjectName("lessonText")
        self.text_view.setOpenLinks(False)
        # The panel keeps the keyboard: PageDown/arrows step instead of scrolling the text.
        self.text_view.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.text_view.setFrameShape(QTextBrowser.Shape.NoFrame)
        self.text_view.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.status_label = QLabel(self)
        self.status_label.setObjectName("lessonStatus")
        self.status_label.setWordWrap(True)
        self.status_label.hide()

        self.tools = QWidget(self)
        self.tools.setObjectName("lessonTools")
        tools = QHBoxLayout(self.tools)
        tools.setContentsMargins(0, 0, 0, 0)
        tools.addWidget(self.picker, 1)
        tools.addWidget(self.open_button)
        tools.addWidget(self.close_button)
        header = QHBoxLayout()
        header.setContentsMargins(0, 0, 0, 0)
        header.addWidget(self.title_label, 1)
        header.addWidget(self.counter)
        header.addWidget(self.previous_button)
        header.addWidget(self.next_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.setSpacing(4)
        layout.addWidget(self.tools)
        layout.addLayout(header)
        layout.addWidget(self.text_view, 1)
        layout.addWidget(self.status_label)
        self.retranslate()
        self._update_buttons()

    # -- what is shown ---------------------------------------------------------------------
    def retranslate(self) -> None:
        """Set every interface string again (the language changed)."""
        self.picker.setToolTip(tr("Choose a lesson: the built-in ones and the files you opened"))
        self.picker.setAccessibleName(tr("Lesson"))
        self.open_button.setText(tr("Open…"))
        self.open_button.setToolTip(tr("Open a lesson file (JSON) written by a teacher"))
        self.open_button.setAccessibleName(tr("Open a lesson file"))
        self.close_button.setText(tr("Close"))
        self.close_button.setToolTip(tr("Close the lesson (the program keeps its state)"))
        self.close_button.setAccessibleName(tr("Close the lesson"))
        self.previous_button.setText(tr("◀ Previous"))
        self.previous_button.setToolTip(tr("Previous step (PageUp or ←; Ctrl+PageUp anywhere)"))
        self.previous_button.setAccessibleName(tr("Previous step"))
        self.next_button.setText(tr("Next ▶"))
        self.next_button.setToolTip(tr("Next step (PageDown or →; Ctrl+PageDown anywhere)"))
        self.next_button.setAccessibleName(tr("Next step"))
        self.text_view.setAccessibleName(tr("Lesson text"))
        self.title_label.setAccessibleName(tr("Step title"))
        self.counter.setAccessibleName(tr("Step number"))
        self._show_counter()

    def set_lessons(self, titles: list[str], current: int) -> None:
        """Fill the picker with lesson titles and select entry ``current``."""
        self.picker.blockSignals(True)
        self.picker.clear()
        self.picker.addItems(titles)
        self.picker.setCurrentIndex(current)
        self.picker.blockSignals(False)

    def show_step(self, lesson: Lesson, index: int) -> None:
        """Show step ``index`` (0-based) of ``lesson``."""
        self._lesson, self._index, self._count = lesson, index, len(lesson.steps)
        self._step = lesson.steps[index]
        self.set_status("")
        self._render()
        self._update_buttons()

    def set_language(self, language: str) -> None:
        if language != self.language:
            self.language = language
            self._render()

    def set_status(self, message: str) -> None:
        """A problem with the step (shown in the theme's error colour), or '' to hide it."""
        self.status_label.setText(message)
        self.status_label.setVisible(bool(message))

    def _render(self) -> None:
        step = self._step
        if step is None:
            self.title_label.setText("")
            self.text_view.setHtml("")
            return
        self.title_label.setText(step.title_in(self.language))
        paragraphs = step.text_in(self.language).split("\n\n")
        body = "".join(
            "<p>" + html.escape(paragraph).replace("\n", "<br>") + "</p>"
            for paragraph in paragraphs)
        self.text_view.setHtml(body)
        self._show_counter()

    def _show_counter(self) -> None:
        if self._count:
            self.counter.setText(tr("{n} / {count}").format(n=self._index + 1, count=self._count))
        else:
            self.counter.setText("")

    def _update_buttons(self) -> None:
        self.previous_button.setEnabled(self._index > 0)
        self.next_button.setEnabled(0 <= self._index < self._count - 1)

    def wanted_height(self) -> int:
        """Height that shows the whole step text at the current width (for presenting)."""
        document = self.text_view.document()
        document.setTextWidth(max(200, self.text_view.viewport().width()))
        margins = self.layout().contentsMargins()
        header = max(self.title_label.sizeHint().height(), self.next_button.sizeHint().height())
        return int(document.size().height() + header + margins.top() + margins.bottom()
                   + 2 * self.layout().spacing() + self.status_label.isVisible()
                   * self.status_label.sizeHint().height() + 8)

    # -- look --------------------------------------------------------------------------------
    def apply_theme(self, theme: Theme, presenting: bool = False) -> None:
        """Type sizes and colours from the theme; larger text and fewer tools when presenting."""
        self._theme, self._presenting = theme, presenting
        factor = PRESENTATION_TEXT_FACTOR if presenting else TEXT_FACTOR
        text_font = QFont(self.font())
        text_font.setPointSizeF(theme.font_size(factor))
        self.text_view.setFont(text_font)
        self.text_view.document().setDefaultFont(text_font)
        title_font = QFont(text_font)
        title_font.setBold(True)
        title_font.setPointSizeF(theme.font_size(factor * 1.1))
        self.title_label.setFont(title_font)
        self.text_view.setStyleSheet(
            f"QTextBrowser {{ background: {theme.background}; color: {theme.foreground}; }}")
        self.title_label.setStyleSheet(f"color: {theme.foreground};")
        self.counter.setStyleSheet(f"color: {theme.muted};")
        self.status_label.setStyleSheet(f"color: {theme.error};")
        self.tools.setVisible(not presenting)
        self._render()

    # -- keyboard ----------------------------------------------------------------------------
    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt's name
        key = event.key()
        if key in (Qt.Key.Key_PageDown, Qt.Key.Key_Right, Qt.Key.Key_Space):
            self.next_requested.emit()
        elif key in (Qt.Key.Key_PageUp, Qt.Key.Key_Left):
            self.previous_requested.emit()
        else:
            super().keyPressEvent(event)

    def changeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
