"""Putting the program into a given state: a session's, or a lesson step's.

:class:`StateApplier` sends a checked model state through the model's setters, waits for
the formula to come back from the helper process (where our parser reads it again), then
sets the descent lab. If the formula is refused after all, the values it had already
set are put back: a refused state changes nothing.

:class:`LessonRunner` steps through a :class:`~visualizer.classroom.lessons.Lesson`:
each step's state through the applier, then the panels it needs and the controls it sets.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtWidgets import QAbstractButton, QComboBox

from visualizer.classroom.lessons import Lesson, LessonStep
from visualizer.classroom.session import run_data, settings_arguments
from visualizer.i18n import error_message


def tr(text: str) -> str:
    return QCoreApplication.translate("Classroom", text)


# -- the descent lab through its public interface ---------------------------------------
def descent_snapshot(model) -> dict | None:
    """The descent lab's start, runs and speed as plain data (None before a function)."""
    descent = getattr(model, "descent", None)
    if descent is None or not getattr(descent, "dimension", 0) or not descent.start:
        return None
    return {"start": [float(v) for v in descent.start],
            "runs": [run_data(run.settings) for run in descent.runs],
            "speed": float(descent.speed)}


def apply_descent(model, data: dict) -> str:
    """Set the descent lab from checked plain data; returns '' or why it could not."""
    descent = getattr(model, "descent", None)
    if descent is None:
        return tr("This version has no descent lab.")
    from visualizer.core.errors import ExpressionError

    try:
        descent.pause()
        if "runs" in data:
            descent.set_runs([settings_arguments(run) for run in data["runs"]])
        descent.set_start(tuple(data["start"]))
        if "speed" in data:
            descent.set_speed(data["speed"])
        if data.get("play"):
            descent.play()
    except ExpressionError as error:
        return error_message(error)
    return ""


class StateApplier(QObject):
    """Applies a checked model state (and descent settings) and says when it is reached.

    Signals
    -------
    reached(int)
        The state with this token is the program's state now (function included).
    failed(int, str)
        The state with this token was refused (the message says why); the values it had
        set were put back.
    """

    reached = Signal(int)
    failed = Signal(int, str)

    def __init__(self, model, parent=None):
        super().__init__(parent)
        self._model = model
        self._token = 0
        self._pending: dict | None = None
        self._inside_restore = False
        self._arrived = False
        model.expression_changed.connect(self._on_expression_changed)
        model.expression_rejected.connect(self._on_expression_rejected)

    @property
    def busy(self) -> bool:
        """A state is on its way (its function has not arrived yet)."""
        return self._pending is not None

    def apply(self, state: dict, descent: dict | None = None) -> int:
        """Start going to ``state`` (session model format); returns its token.

        Raises
        ------
        ValueError
            The model refused a value at once; nothing changed.
        """
        model = self._model
        self._token += 1
        token = self._token
        self._pending = {"token": token, "text": state["expression"], "descent": descent,
                         "rollback": model.snapshot()}
        self._inside_restore, self._arrived = True, False
        try:
            model.restore({key: value for key, value in state.items() if key != "variables"})
        except (ValueError, TypeError):
            self._pending = None
            raise
        finally:
            self._inside_restore = False
        # Setting the current text again asks nothing (and no signal comes): done at once.
        if self._arrived or (model.function is not None
                             and model.expression_text == state["expression"]):
            self._finish()
        return token

    def cancel(self) -> None:
        """Forget the state on its way (its function may still arrive, as a typed one would)."""
        self._pending = None

    def _on_expression_changed(self, state) -> None:
        pending = self._pending
        if pending is None:
            return
        if state.text != pending["text"]:
            self._pending = None  # someone typed another function meanwhile: theirs wins
            return
        if self._inside_restore:
            self._arrived = True  # cached: finish once every value is set
            return
        self._finish()

    def _on_expression_rejected(self, text: str, error) -> None:
        pending = self._pending
        if pending is None or text != pending["text"]:
            return
        self._pending = None
        rollback = {k: v for k, v in pending["rollback"].items() if k != "expression"}
        self._model.restore(rollback)
        message = getattr(error, "message", str(error))
        self.failed.emit(pending["token"], tr("The function {text} was refused: {why}")
                         .format(text=repr(text), why=message))

    def _finish(self) -> None:
        pending, self._pending = self._pending, None
        if pending is None:
            return
        if pending["descent"]:
            problem = apply_descent(self._model, pending["descent"])
            if problem:
                self.failed.emit(pending["token"], tr("The descent lab could not be set: {why}")
                                 .format(why=problem))
                return
        self.reached.emit(pending["token"])


class LessonRunner(QObject):
    """Steps through a lesson: the model state, the panels and the controls of each step.

    Parameters
    ----------
    window : visualizer.main_window.MainWindow
        Its ``model`` and ``docks`` (name -> QDockWidget) are used.
    applier : StateApplier

    Signals
    -------
    lesson_changed(object)
        A lesson was opened (the :class:`Lesson`) or closed (None).
    step_changed(int)
        The lesson went to step ``i`` (0-based); its state is on its way.
    step_reached(int)
        Step ``i``'s state is the program's state now.
    step_failed(int, str)
        Step ``i`` could not be reached; the message says why.
    """

    lesson_changed = Signal(object)
    step_changed = Signal(int)
    step_reached = Signal(int)
    step_failed = Signal(int, str)

    def __init__(self, window, applier: StateApplier, parent=None):
        super().__init__(parent)
        self._window = window
        self._applier = applier
        self._lesson: Lesson | None = None
        self._index = -1
        self._token = 0
        self._initial_controls: dict = {}
        #: Names of controls a lesson sets that this window does not have.
        self.missing_controls: tuple = ()
        #: Set by presentation mode: hide the panels a step does not need.
        self.exclusive_panels = False
        applier.reached.connect(self._on_reached)
        applier.failed.connect(self._on_failed)

    # -- reading -------------------------------------------------------------------------
    @property
    def lesson(self) -> Lesson | None:
        return self._lesson

    @property
    def index(self) -> int:
        """The current step (0-based), -1 without a lesson."""
        return self._index

    @property
    def step(self) -> LessonStep | None:
        return self._lesson.steps[self._index] if self._lesson is not None else None

    @property
    def count(self) -> int:
        return len(self._lesson.steps) if self._lesson is not None else 0

    # -- stepping ------------------------------------------------------------------------
    def open(self, lesson: Lesson, index: int = 0, apply_state: bool = True) -> None:
        """Open ``lesson`` at step ``index`` (0-based) and go there.

        With ``apply_state`` false the program keeps its state (a restored session).
        """
        self._lesson = lesson
        self._initial_controls = {}
        missing = []
        for name in lesson.control_names:
            widget = self._control(name)
            if widget is None:
                missing.append(name)
            else:
                self._initial_controls[name] = self._control_value(widget)
        self.missing_controls = tuple(missing)
        self._index = -1
        self.lesson_changed.emit(lesson)
        self.go_to(index, apply_state)

    def close(self) -> None:
        """Close the lesson (the program keeps its current state)."""
        if self._lesson is None:
            return
        self._lesson, self._index = None, -1
        self._token = 0
        self.lesson_changed.emit(None)

    def go_to(self, index: int, apply_state: bool = True) -> None:
        """Go to step ``index`` (clamped to the lesson).

        With ``apply_state`` false only the position changes (a restored session keeps
        its own state).
        """
        if self._lesson is None:
            return
        index = max(0, min(int(index), self.count - 1))
        self._index = index
        step = self._lesson.steps[index]
        self.step_changed.emit(index)
        if not apply_state:
            self._token = 0
            return
        self._token = None  # the state may be reached inside apply() (a cached function)
        try:
            token = self._applier.apply(step.model, step.descent)
        except (ValueError, TypeError) as error:  # the lesson was checked: only a bug lands here
            self._token = 0
            self.step_failed.emit(index, str(error))
            return
        if self._token is None:
            self._token = token
            self.show_panels()

    def next(self) -> None:  # noqa: A003 - the natural name
        if self._lesson is not None and self._index < self.count - 1:
            self.go_to(self._index + 1)

    def previous(self) -> None:
        if self._lesson is not None and self._index > 0:
            self.go_to(self._index - 1)

    # -- the window ----------------------------------------------------------------------
    def show_panels(self) -> None:
        """Show the panels the step needs, raise its focus; hide the others when exclusive."""
        step = self.step
        docks = getattr(self._window, "docks", {})
        if step is None or not docks:
            return
        for name, dock in docks.items():
            if name in step.panels:
                if dock.isHidden():
                    dock.show()
            elif self.exclusive_panels and not dock.isHidden():
                dock.hide()
        focus = docks.get(step.focus)
        if focus is not None:
            focus.raise_()

    def _control(self, name: str):
        widget = self._window.findChild(QAbstractButton, name)
        if widget is not None and widget.isCheckable():
            return widget
        return self._window.findChild(QComboBox, name)

    @staticmethod
    def _control_value(widget):
        if isinstance(widget, QAbstractButton):
            return widget.isChecked()
        data = widget.currentData()
        return data if isinstance(data, str) else widget.currentText()

    def _set_controls(self, step: LessonStep) -> None:
        for name, initial in self._initial_controls.items():
            widget = self._control(name)
            if widget is None:
                continue
            value = step.controls.get(name, initial)
            if isinstance(widget, QAbstractButton):
                if isinstance(value, bool) and widget.isChecked() != value:
                    widget.setChecked(value)
                continue
            if not isinstance(value, str):
                continue
            position = widget.findData(value)
            if position < 0:
                position = widget.findText(value)
            if position >= 0 and position != widget.currentIndex():
                widget.setCurrentIndex(position)

    def _on_reached(self, token: int) -> None:
        if self._token not in (None, token) or self._lesson is None:
            return
        self._token = token
        step = self.step
        self._set_controls(step)
        self.show_panels()
        self.step_reached.emit(self._index)

    def _on_failed(self, token: int, message: str) -> None:
        if self._token not in (None, token) or self._lesson is None:
            return
        self._token = token
        self.step_failed.emit(self._index, message)
