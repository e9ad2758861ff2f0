"""The classroom features on the main window: sessions, autosave, lessons, presentation.

One :class:`ClassroomController` per window, made at the end of the window's
``__init__``. It adds its own actions to the window's menus:

* File: Open session… (Ctrl+O), Save session (Ctrl+S), Save session as… (Ctrl+Shift+S),
  Recent sessions;
* Lessons: the built-in lessons, Open lesson file…, Next / Previous step
  (Ctrl+PageDown / Ctrl+PageUp), Close lesson;
* View: Presentation mode (F5; Esc leaves), Pointer highlight (Ctrl+H).

Autosave
--------
The state is written to this window's autosave file (:mod:`.autosave`) about a second
after each accepted change (throttled) and every 30 seconds if anything else changed
(the layout, say); a clean close deletes it. At the next start, an autosave left by a
program that crashed or was killed is offered back. The question is asked without
blocking (a window-modal message box); ``$CALCULUS_VISUALIZER_RESTORE`` = ``yes`` or
``no`` answers it without asking (tests, kiosks), as does the ``restore_answer``
argument.
"""

from __future__ import annotations

import base64
import os
from pathlib import Path

from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QLocale,
    QObject,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDockWidget, QFileDialog, QLabel, QMenu, QMessageBox

from visualizer.classroom.autosave import AutosaveStore, data_folder
from visualizer.classroom.checks import DataError
from visualizer.classroom.lesson_panel import LessonPanel
from visualizer.classroom.lesson_runner import LessonRunner, StateApplier, descent_snapshot
from visualizer.classroom.lessons import (
    BUILTIN_PREFIX,
    Lesson,
    LessonError,
    builtin_lesson_paths,
    language_of_locale,
    read_lesson,
)
from visualizer.classroom.presentation import PresentationMode
from visualizer.classroom.session import (
    SessionError,
    dumps_session,
    read_session,
    session_document,
    write_session,
)
from visualizer.i18n import error_message
from visualizer.settings_values import setting_flag, setting_texts
from visualizer.widgets.event_filters import filter_owner_gone

#: "yes" or "no" answers the restore question without asking (tests, kiosks).
RESTORE_ANSWER_ENV = "CALCULUS_VISUALIZER_RESTORE"
#: Quiet time after a change before it is autosaved, and the periodic autosave.
AUTOSAVE_DELAY_MS = 1000
AUTOSAVE_PERIOD_MS = 30_000
#: How long a note about autosave problems stays in the status bar.
AUTOSAVE_NOTICE_MS = 30_000
MAX_RECENT = 8
RECENT_KEY = "classroom/recentSessions"
LESSON_FILES_KEY = "classroom/lessonFiles"
HIGHLIGHT_KEY = "classroom/pointerHighlight"
SESSION_FILTER = "Calculus Visualizer session (*.json)"
LESSON_FILTER = "Calculus Visualizer lesson (*.json)"
_WINDOW_SETTINGS_ENV = "CALCULUS_VISUALIZER_SETTINGS"


def tr(text: str) -> str:
    return QCoreApplication.translate("Classroom", text)


def _find_menu(window, source_title: str):
    """The window's menu whose title is the MainWindow translation of ``source_title``."""
    title = QCoreApplication.translate("MainWindow", source_title)
    for action in window.menuBar().actions():
        menu = action.menu()
        if menu is not None and menu.title() == title:
            return menu
    return None


def _reason(error: Exception) -> str:
    """Why a file could not be written: the check's message or the system's own words."""
    if isinstance(error, DataError):
        return error_message(error)
    return error.strerror or str(error)


class ClassroomController(QObject):
    """Sessions, autosave and crash recovery, lessons and presentation mode for a window.

    Parameters
    ----------
    window : visualizer.main_window.MainWindow
    language : str, optional
        Language of the lesson texts (``en``, ``zh``, ``zh_CN``...); default: the UI
        locale (:class:`QLocale`), following it when the interface language changes.
    folder : path-like, optional
        The autosave folder; default :func:`visualizer.classroom.autosave.data_folder`.
    restore_answer : callable, optional
        ``restore_answer(path) -> bool`` answers "restore the unsaved work?" instead of
        asking (default: ``$CALCULUS_VISUALIZER_RESTORE``, else a message box).

    Signals
    -------
    session_opened(str)
        A session's state (from this path; the autosave's path after a recovery) is the
        program's state now.
    session_refused(str)
        A session could not be opened; the message says why (in the interface language,
        as the message box shows it). Nothing changed.
    session_saved(str)
        The session was written to this path.
    autosaved(str)
        The autosave file (this path) was written.
    recovery_offered(str)
        An autosave left by a crashed program was found (its path); the answer follows.
    autosave_failed(str)
        Autosaving stopped working (the folder cannot be used, the disk is full, the
        state cannot be written) or an earlier run's autosave could not be read; the
        message, also shown in the status bar, says why (interface language). Emitted
        once per failure, not at every attempt, until an autosave succeeds again.
    lesson_refused(str)
        A lesson file could not be opened; the message names the step and the field (in
        the interface language).
    """

    session_opened = Signal(str)
    session_refused = Signal(str)
    session_saved = Signal(str)
    autosaved = Signal(str)
    recovery_offered = Signal(str)
    autosave_failed = Signal(str)
    lesson_refused = Signal(str)

    def __init__(self, window, language: str | None = None, folder=None,
                 restore_answer=None, parent=None):
        super().__init__(parent if parent is not None else window)
        self.setObjectName("classroomController")
        self.window = window
        self.model = window.model
        self._settings = getattr(window, "_settings", None)  # the window's own store
        self._fixed_language = language
        self.language = language or language_of_locale(QLocale().name())
        self._restore_answer = restore_answer
        self.session_path: str = ""
        self._lessons: list[Lesson] = []  # the built-in ones, then the files opened
        self._builtin_loaded = False
        self._lesson_dock: QDockWidget | None = None
        self.lesson_panel: LessonPanel | None = None
        self._opening: dict | None = None  # {"token", "path", "lesson", "clear_undo"}
        self._last_autosave = ""
        self._closing = False
        self._recovery: tuple | None = None
        self._autosave_failing = False  # told the user; quiet until a write succeeds
        self._autosave_notice: QLabel | None = None

        self.applier = StateApplier(self.model, self)
        self.applier.reached.connect(self._on_state_reached)
        self.applier.failed.connect(self._on_state_failed)
        self.runner = LessonRunner(window, self.applier, self)
        self.runner.lesson_changed.connect(self._on_lesson_changed)
        self.runner.step_changed.connect(self._on_step_changed)
        self.runner.step_failed.connect(self._on_step_failed)
        self.presentation = PresentationMode(window, self.runner, self._get_lesson_dock, self)
        self.presentation.active_changed.connect(self._on_presentation_changed)
        if self._settings is not None:
            self.presentation.set_highlight_enabled(
                setting_flag(self._settings.value(HIGHLIGHT_KEY), True))

        self._build_actions()
        self._install_menus()

        self.store = AutosaveStore(folder if folder is not None else data_folder())
        if not self.store.start():
            QTimer.singleShot(0, self, self._tell_autosave_is_off)
        self._quiet_timer = QTimer(self)
        self._quiet_timer.setSingleShot(True)
        self._quiet_timer.setInterval(AUTOSAVE_DELAY_MS)
        self._quiet_timer.timeout.connect(self.autosave_now)
        self._period_timer = QTimer(self)
        self._period_timer.setInterval(AUTOSAVE_PERIOD_MS)
        self._period_timer.timeout.connect(self.autosave_now)
        self._period_timer.start()
        model = self.model
        for signal in (model.expression_changed, model.x0_changed, model.h_changed,
                       model.point_changed, model.direction_angle_changed,
                       model.x_range_changed, model.y_range_changed,
                       model.taylor_order_changed, model.precision_changed):
            signal.connect(self._on_changed)
        descent = getattr(model, "descent", None)
        for name in ("start_changed", "settings_changed", "runs_changed", "speed_changed"):
            signal = getattr(descent, name, None)
            if signal is not None:
                signal.connect(self._on_changed)
        window.installEventFilter(self)
        QTimer.singleShot(0, self, self.offer_recovery)

    # -- actions and menus -------------------------------------------------------------------
    def _make_action(self, name: str, slot, shortcut=None, checkable=False) -> QAction:
        action = QAction(self.window)
        action.setObjectName(name)
        action.setCheckable(checkable)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        (action.toggled if checkable else action.triggered).connect(slot)
        self.window.addAction(action)  # shortcuts keep working with the menu bar hidden
        return action

    def _build_actions(self) -> None:
        self.open_session_action = self._make_action(
            "openSessionAction", self._on_open_session, QKeySequence.StandardKey.Open)
        self.save_session_action = self._make_action(
            "saveSessionAction", self._on_save_session, QKeySequence.StandardKey.Save)
        self.save_session_as_action = self._make_action(
            "saveSessionAsAction", self._on_save_session_as, "Ctrl+Shift+S")
        self.open_lesson_action = self._make_action("openLessonAction", self._on_open_lesson)
        self.next_step_action = self._make_action("nextStepAction", self.runner.next,
                                                  "Ctrl+PgDown")
        self.previous_step_action = self._make_action("previousStepAction",
                                                      self.runner.previous, "Ctrl+PgUp")
        self.close_lesson_action = self._make_action("closeLessonAction", self.runner.close)
        self.presentation_action = self._make_action(
            "presentationAction", self._on_presentation_toggled, "F5", checkable=True)
        self.highlight_action = self._make_action(
            "highlightAction", self._on_highlight_toggled, "Ctrl+H", checkable=True)
        self.highlight_action.setChecked(self.presentation.highlight_enabled)
        self.retranslate()
        self._update_lesson_actions()

    def retranslate(self) -> None:
        """Every string of the actions and menus again (the language changed)."""
        texts = (
            (self.open_session_action, tr("&Open session…"),
             tr("Open a saved session: the function, points, ranges, descent runs and lesson")),
            (self.save_session_action, tr("&Save session"),
             tr("Save the whole state to the current session file")),
            (self.save_session_as_action, tr("Save session &as…"),
             tr("Save the whole state to a new session file (readable JSON)")),
            (self.open_lesson_action, tr("&Open lesson file…"),
             tr("Open a lesson written by a teacher (JSON)")),
            (self.next_step_action, tr("&Next step"), tr("Go to the next step of the lesson")),
            (self.previous_step_action, tr("&Previous step"),
             tr("Go back to the previous step of the lesson")),
            (self.close_lesson_action, tr("&Close lesson"),
             tr("Close the lesson; the program keeps its state")),
            (self.presentation_action, tr("&Presentation mode"),
             tr("Full screen, projector theme, large type; a clicker's keys step through the "
                "lesson; Esc leaves")),
            (self.highlight_action, tr("Pointer &highlight"),
             tr("In presentation mode, a translucent circle follows the pointer (not over the "
                "3-D view)")),
        )
        for action, text, tip in texts:
            action.setText(text)
            action.setToolTip(tip)
            action.setStatusTip(tip)
        if getattr(self, "recent_menu", None) is not None:
            self.recent_menu.setTitle(tr("&Recent sessions"))
            self.lessons_menu.setTitle(tr("&Lessons"))
        if self._lesson_dock is not None:
            self._lesson_dock.setWindowTitle(tr("Lesson"))

    def _install_menus(self) -> None:
        bar = self.window.menuBar()
        file_menu = _find_menu(self.window, "&File") or bar.addMenu(tr("&File"))
        first = file_menu.actions()[0] if file_menu.actions() else None
        self.recent_menu = file_menu.addMenu("")  # placed below, before Quit
        self.recent_menu.setObjectName("recentSessionsMenu")
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        for action in (self.open_session_action, self.save_session_action,
                       self.save_session_as_action, self.recent_menu.menuAction()):
            file_menu.insertAction(first, action)
        if first is not None:
            file_menu.insertSeparator(first)

        help_menu = _find_menu(self.window, "&Help")
        self.lessons_menu = QMenu(self.window)
        if help_menu is None:
            bar.addMenu(self.lessons_menu)
        else:
            bar.insertMenu(help_menu.menuAction(), self.lessons_menu)
        self.lessons_menu.setObjectName("lessonsMenu")
        self.lessons_menu.aboutToShow.connect(self._fill_lessons_menu)
        # The lesson titles wait until the menu opens: reading the lesson files checks
        # their formulas with the parser, which costs seconds of sympy at start-up.
        self._fill_lessons_menu(with_lessons=False)

        view_menu = _find_menu(self.window, "&View") or bar.addMenu(tr("&View"))
        view_menu.addSeparator()
        view_menu.addAction(self.presentation_action)
        view_menu.addAction(self.highlight_action)
        self.retranslate()

    def _fill_lessons_menu(self, with_lessons: bool = True) -> None:
        menu = self.lessons_menu
        menu.clear()
        for index, lesson in enumerate(self.lessons() if with_lessons else ()):
            action = menu.addAction(lesson.title_in(self.language))
            action.setData(index)
            action.setCheckable(True)
            action.setChecked(self.runner.lesson is lesson)
            action.triggered.connect(self._on_lesson_action)
        if with_lessons and self._lessons:
            menu.addSeparator()
        for action in (self.open_lesson_action, None, self.next_step_action,
                       self.previous_step_action, self.close_lesson_action):
            if action is None:
                menu.addSeparator()
            else:
                menu.addAction(action)

    def _fill_recent_menu(self) -> None:
        menu = self.recent_menu
        menu.clear()
        recent = self.recent_sessions()
        for path in recent:
            action = menu.addAction(Path(path).name)
            action.setData(path)
            action.setToolTip(path)
            action.setStatusTip(path)
            action.triggered.connect(self._on_recent_action)
        if not recent:
            empty = menu.addAction(tr("(none yet)"))
            empty.setEnabled(False)

    def _update_lesson_actions(self) -> None:
        has_lesson = self.runner.lesson is not None
        for action in (self.next_step_action, self.previous_step_action,
                       self.close_lesson_action):
            action.setEnabled(has_lesson)

    # -- sessions ----------------------------------------------------------------------------
    def current_document(self) -> dict | None:
        """The whole state as a session document (None before the first function)."""
        model_state = self.model.snapshot()
        if not model_state["expression"]:
            return None
        lesson = None
        if self.runner.lesson is not None:
            lesson = {"source": self.runner.lesson.source, "step": self.runner.index + 1}
        window = self.window
        theme = self.presentation.saved_theme or (window.theme.name, window.theme.scale)
        layout = self.presentation.saved_layout or window.saveState()
        window_part = {"theme": theme[0], "scale": theme[1],
                       "layout": base64.b64encode(bytes(layout)).decode("ascii")}
        return session_document(model_state, descent_snapshot(self.model), lesson, window_part,
                                application="calculus-visualizer")

    def save_session(self, path) -> bool:
        """Write the whole state to ``path`` (atomically); True when written."""
        document = self.current_document()
        path = str(path)
        if document is None:
            self._warn(tr("Nothing to save yet"), tr("No function has been accepted yet."))
            return False
        try:
            write_session(path, document)
        except (OSError, DataError) as error:
            self._warn(tr("The session was not saved"),
                       tr("The session could not be written to {path}:\n{why}")
                       .format(path=path, why=_reason(error)))
            return False
        self.session_path = path
        self._remember_recent(path)
        self.session_saved.emit(path)
        return True

    def open_session(self, path) -> bool:
        """Read, check and apply the session at ``path``.

        Returns False (and emits ``session_refused``) when the file is refused: nothing
        changes then. True means the state is on its way; ``session_opened`` follows, or
        ``session_refused`` when the helper process refuses its formula (the values the
        state had set are put back).
        """
        path = str(path)
        try:
            # The formula is read by the helper process as the state is applied (our
            # parser on a hostile formula must not hold the window).
            document = read_session(path, parse_formulas=False)
        except SessionError as error:
            self._refuse(path, error_message(error))
            return False
        return self.apply_session(document, path)

    def open_file(self, path) -> bool:
        """Open ``path`` as a session or, when it is a lesson file, as a lesson (the file
        named on the command line, or opened from the desktop).

        A file that is neither is refused with the session's reason (``session_refused``).
        """
        path = str(path)
        try:
            document = read_session(path, parse_formulas=False)  # (see open_session)
        except SessionError as session_error:
            try:
                read_lesson(path)
            except LessonError:
                self._refuse(path, error_message(session_error))
                return False
            return self.open_lesson(path)
        return self.apply_session(document, path)

    def apply_session(self, document: dict, path: str = "", recovered: bool = False) -> bool:
        """Apply a checked session document (from :func:`read_session`).

        ``recovered`` marks a claimed autosave of a crashed program (``path``): it is not
        a recent file, and it is deleted once its state is ours (and autosaved).
        """
        # The state may be reached inside apply() (a cached function): be ready first.
        self._opening = {"token": None, "path": path, "lesson": document.get("lesson"),
                         "window": document.get("window"), "recovered": recovered}
        try:
            token = self.applier.apply(document["model"], document.get("descent"))
        except (ValueError, TypeError) as error:
            self._opening = None
            self._refuse(path, error_message(error))
            if recovered:
                self.store.release(Path(path), delete=False)
            return False
        if self._opening is not None and self._opening["token"] is None:
            self._opening["token"] = token
        return True

    def _on_state_reached(self, token: int) -> None:
        opening = self._opening
        if opening is None or opening["token"] not in (None, token):
            return
        opening["token"] = token
        opening["reached"] = True
        # The function arrives inside QUndoStack.push (its redo): finish once the push is
        # over, so that clearing the undo history really clears it.
        QTimer.singleShot(0, self, self._finish_opening)

    def _finish_opening(self) -> None:
        opening, self._opening = self._opening, None
        if opening is None:
            return
        window_part = opening.get("window") or {}
        path = opening["path"]
        if opening["recovered"]:
            # Our own autosave holds the work before the old one goes, and before the
            # layout is tried: if anything below brought the program down, the next start
            # would offer this work again, not the same file (no crash loop).
            self.autosave_now()
            self.store.release(Path(path), delete=True)
        if not self.presentation.active:
            if "theme" in window_part:
                from visualizer.theme import theme_named

                self.window.apply_theme(theme_named(window_part["theme"],
                                                    window_part.get("scale", 1.0)))
            if "layout" in window_part:
                self.window.restore_layout(base64.b64decode(window_part["layout"]))
        lesson_part = opening.get("lesson")
        if lesson_part:
            lesson = self._find_lesson(lesson_part["source"])
            if lesson is not None:  # at its step, keeping the session's own state
                self.runner.open(lesson, lesson_part["step"] - 1, apply_state=False)
        self.model.undo_stack.clear()  # an opened session is a new starting point
        if opening["recovered"]:
            self.autosave_now()  # now with the layout and the lesson
        elif path:
            self.session_path = path
            self._remember_recent(path)
        self.session_opened.emit(path)

    def _on_state_failed(self, token: int, message: str) -> None:
        opening = self._opening
        if opening is None or opening["token"] not in (None, token):
            return
        self._opening = None
        self._refuse(opening["path"], message)
        if opening["recovered"]:
            self.store.release(Path(opening["path"]), delete=False)

    def _refuse(self, path: str, message: str) -> None:
        self.session_refused.emit(message)
        where = f"\n{path}" if path else ""
        self._warn(tr("The session was not opened"),
                   tr("This session file cannot be opened; your current work is unchanged."
                      "{where}\n\n{why}").format(where=where, why=message))

    # -- recent files ------------------------------------------------------------------------
    def recent_sessions(self) -> list[str]:
        if self._settings is None:
            return []
        return setting_texts(self._settings.value(RECENT_KEY), MAX_RECENT)

    def _remember_recent(self, path: str) -> None:
        if self._settings is None:
            return
        path = str(Path(path).resolve())
        recent = [p for p in self.recent_sessions() if p != path]
        self._settings.setValue(RECENT_KEY, [path, *recent][:MAX_RECENT])

    # -- autosave and recovery ------------------------------------------------------------------
    def _on_changed(self, *_args) -> None:
        if not self._closing and not self._quiet_timer.isActive():
            self._quiet_timer.start()

    def autosave_now(self) -> bool:
        """Write the autosave file now if the state changed since the last write."""
        if self._closing or not self.store.started:
            return False
        document = self.current_document()
        if document is None:
            return False
        comparable = dict(document)
        comparable.pop("saved_at", None)
        key = dumps_session(comparable)
        if key == self._last_autosave:
            return False
        try:
            write_session(self.store.path, document)
        except (OSError, DataError) as error:
            # A full disk must not stop the lesson: the last good autosave stays (the
            # write is atomic), the user hears it once, the next change tries again.
            if not self._autosave_failing:
                self._autosave_failing = True
                self._autosave_problem(
                    tr("Autosave failed: {why}. The last autosave is kept; save the session "
                       "to keep your newest work.").format(why=_reason(error)))
            return False
        self._autosave_failing = False
        if self._autosave_notice is not None:
            self._autosave_notice.hide()  # working again
        self._last_autosave = key
        self.autosaved.emit(str(self.store.path))
        return True

    def _tell_autosave_is_off(self) -> None:
        self._autosave_problem(
            tr("Autosave is off: the folder {folder} cannot be used ({why}). Save the session "
               "to keep your work.").format(folder=self.store.folder,
                                            why=self.store.start_problem))

    def _autosave_problem(self, message: str, lasting: bool = True) -> None:
        """Tell the user: a lasting note in the status bar while autosave does not work
        (menu tips would wipe a passing message), else a passing message."""
        bar = self.window.statusBar()
        if not self.presentation.active:
            bar.show()  # made on demand: a bar created after the window showed is hidden
        if lasting:
            if self._autosave_notice is None:
                self._autosave_notice = QLabel(self.window)
                self._autosave_notice.setObjectName("autosaveNotice")
                self._autosave_notice.setWordWrap(True)
                bar.addPermanentWidget(self._autosave_notice, 1)
            self._autosave_notice.setText(message)
            self._autosave_notice.show()
        else:
            bar.showMessage(message, AUTOSAVE_NOTICE_MS)
        self.autosave_failed.emit(message)

    def offer_recovery(self) -> None:
        """Offer back the newest autosave a crashed or killed program left, if any."""
        orphans = self.store.orphans()
        if not orphans:
            return
        path = orphans[0]
        for other in orphans[1:]:  # offered at the next start, one at a time
            self.store.release(other, delete=False)
        try:
            # Not parsed here: on the GUI thread the parser has a time budget that a busy
            # machine overran, and the work was put aside. Restoring sends the formula
            # to the helper process, which parses it (a refusal keeps the file).
            document = read_session(path, parse_formulas=False)
        except SessionError as error:
            kept = self.store.discard(path)  # unreadable: keep it aside, do not ask about it
            self._autosave_problem(
                tr("The work an earlier run left could not be read ({why}); the file is "
                   "kept as {path}.").format(why=error_message(error), path=kept or path),
                lasting=False)
            return
        self.recovery_offered.emit(str(path))
        answer = self._restore_answer
        if answer is None:
            wanted = os.environ.get(RESTORE_ANSWER_ENV, "").strip().lower()
            if wanted in ("yes", "no"):
                self._answer_recovery(path, document, wanted == "yes")
                return
        else:
            self._answer_recovery(path, document, bool(answer(str(path))))
            return
        box = QMessageBox(QMessageBox.Icon.Question, tr("Restore unsaved work?"),
                          tr("The program did not close normally last time. Restore the work "
                             "it was doing (function: {text})?")
                          .format(text=document["model"]["expression"]),
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                          self.window)
        box.setObjectName("restorePrompt")
        box.setWindowModality(Qt.WindowModality.WindowModal)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.setProperty("autosave_path", str(path))
        self._recovery = (path, document)
        box.finished.connect(self._on_recovery_answered)
        box.open()

    def _on_recovery_answered(self, result: int) -> None:
        path, document = self._recovery
        self._recovery = None
        self._answer_recovery(path, document, result == QMessageBox.StandardButton.Yes)

    def _answer_recovery(self, path: Path, document: dict, restore: bool) -> None:
        if restore:
            self.apply_session(document, str(path), recovered=True)
        else:
            self.store.discard(path)

    def shutdown(self) -> None:
        """A clean exit: stop autosaving, leave presentation mode, delete the autosave."""
        if self._closing:
            return
        if self.presentation.active:
            self.presentation.leave()
        self._closing = True
        self._quiet_timer.stop()
        self._period_timer.stop()
        opening, self._opening = self._opening, None  # too late to finish it
        if opening is not None and opening["recovered"] and opening.get("reached"):
            # The restored work reached the window, which now closes cleanly: the old
            # autosave is done with (kept, it would be offered again at the next start).
            self.store.release(Path(opening["path"]), delete=True)
        self.store.finish()

    # -- lessons -----------------------------------------------------------------------------
    def lessons(self) -> list[Lesson]:
        """The built-in lessons, then the lesson files opened (read when first asked)."""
        if not self._builtin_loaded:
            self._builtin_loaded = True
            builtin = []
            for path in builtin_lesson_paths():
                try:
                    lesson = read_lesson(path)
                except LessonError:
                    continue  # a broken built-in lesson is a bug a test catches
                builtin.append(Lesson(lesson.key, lesson.title, lesson.description,
                                      lesson.steps, BUILTIN_PREFIX + lesson.key))
            self._lessons[:0] = builtin
            for path in self._remembered_lesson_files():
                try:
                    self._add_lesson(read_lesson(path))
                except LessonError:
                    continue
        return list(self._lessons)

    def _add_lesson(self, lesson: Lesson) -> Lesson:
        for index, known in enumerate(self._lessons):
            if known.source == lesson.source:
                self._lessons[index] = lesson
                return lesson
        self._lessons.append(lesson)
        return lesson

    def _find_lesson(self, source: str) -> Lesson | None:
        for lesson in self.lessons():
            if lesson.source == source:
                return lesson
        if source.startswith(BUILTIN_PREFIX):
            return None
        try:
            return self._add_lesson(read_lesson(source))
        except LessonError:
            return None

    def _remembered_lesson_files(self) -> list[str]:
        if self._settings is None:
            return []
        return setting_texts(self._settings.value(LESSON_FILES_KEY))

    def open_lesson(self, lesson: Lesson | str, step: int = 0) -> bool:
        """Open a lesson (a :class:`Lesson`, a file path or ``builtin:<id>``) at ``step``.

        A file that is refused emits ``lesson_refused`` with the step and field named.
        """
        if isinstance(lesson, (str, os.PathLike)):
            source = str(lesson)
            found = self._find_lesson(source) if source.startswith(BUILTIN_PREFIX) else None
            if found is None and source.startswith(BUILTIN_PREFIX):
                self._lesson_problem(tr("There is no built-in lesson {name}.")
                                     .format(name=source))
                return False
            if found is None:
                try:
                    found = self._add_lesson(read_lesson(source))
                except LessonError as error:
                    self._lesson_problem(error_message(error), source)
                    return False
                self._remember_lesson_file(found.source)
            lesson = found
        else:
            self.lessons()
            self._add_lesson(lesson)
        self.runner.open(lesson, step)
        return True

    def _remember_lesson_file(self, path: str) -> None:
        if self._settings is None:
            return
        files = [p for p in self._remembered_lesson_files() if p != path]
        self._settings.setValue(LESSON_FILES_KEY, [path, *files][:MAX_RECENT])

    def _lesson_problem(self, message: str, path: str = "") -> None:
        self.lesson_refused.emit(message)
        where = f"\n{path}" if path else ""
        self._warn(tr("The lesson was not opened"),
                   tr("This lesson file cannot be used.{where}\n\n{why}")
                   .format(where=where, why=message))

    def _get_lesson_dock(self) -> QDockWidget | None:
        return self._lesson_dock

    def _ensure_lesson_dock(self) -> None:
        if self._lesson_dock is not None:
            return
        panel = LessonPanel(self.language)
        panel.next_requested.connect(self.runner.next)
        panel.previous_requested.connect(self.runner.previous)
        panel.lesson_chosen.connect(self._on_lesson_picked)
        panel.open_requested.connect(self._on_open_lesson)
        panel.close_requested.connect(self.runner.close)
        dock = QDockWidget(tr("Lesson"), self.window)
        dock.setObjectName("lessonDock")
        dock.setWidget(panel)
        dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable
                         | QDockWidget.DockWidgetFeature.DockWidgetFloatable
                         | QDockWidget.DockWidgetFeature.DockWidgetClosable)
        self.window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, dock)
        self.window.resizeDocks([dock], [200], Qt.Orientation.Vertical)
        self._lesson_dock, self.lesson_panel = dock, panel
        self.presentation.place_lesson_dock()
        self._apply_panel_theme()

    def _refresh_picker(self) -> None:
        if self.lesson_panel is None:
            return
        lessons = self.lessons()
        # By source: reading the remembered lesson files may have replaced the open lesson's
        # object by an equal one read again.
        running = self.runner.lesson.source if self.runner.lesson is not None else None
        current = next((i for i, lesson in enumerate(lessons) if lesson.source == running), -1)
        self.lesson_panel.set_lessons([lesson.title_in(self.language) for lesson in lessons],
                                      current)

    def _on_lesson_changed(self, lesson) -> None:
        self._update_lesson_actions()
        if lesson is None:
            if self._lesson_dock is not None:
                self._lesson_dock.hide()
            return
        self._ensure_lesson_dock()
        self._lesson_dock.show()
        self._refresh_picker()
        self._on_changed()

    def _on_step_changed(self, index: int) -> None:
        if self.lesson_panel is not None and self.runner.lesson is not None:
            self.lesson_panel.show_step(self.runner.lesson, index)
        self._on_changed()

    def _on_step_failed(self, index: int, message: str) -> None:
        if self.lesson_panel is not None:
            self.lesson_panel.set_status(message)

    def _on_lesson_picked(self, index: int) -> None:
        lessons = self.lessons()
        if 0 <= index < len(lessons) and lessons[index] is not self.runner.lesson:
            self.runner.open(lessons[index], 0)

    def _on_lesson_action(self) -> None:
        index = self.sender().data()
        lessons = self.lessons()
        if isinstance(index, int) and 0 <= index < len(lessons):
            self.runner.open(lessons[index], 0)

    # -- language and theme ------------------------------------------------------------------
    def set_language(self, language: str) -> None:
        """Show lesson texts in ``language`` (``en``, ``zh``...)."""
        self._fixed_language = language
        self._use_language(language)

    def _use_language(self, language: str) -> None:
        self.language = language
        if self.lesson_panel is not None:
            self.lesson_panel.set_language(language)
        self._refresh_picker()

    def _apply_panel_theme(self) -> None:
        if self.lesson_panel is not None:
            self.lesson_panel.apply_theme(self.window.theme, self.presentation.active)
        self.presentation.highlight.set_scale(self.window.theme.scale)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt's name
        if filter_owner_gone(self, watched, "window"):
            return False
        if watched is self.window:
            kind = event.type()
            if kind in (QEvent.Type.FontChange, QEvent.Type.PaletteChange):
                QTimer.singleShot(0, self._apply_panel_theme)
            elif kind == QEvent.Type.LanguageChange:
                self.retranslate()
                if self._fixed_language is None:
                    self._use_language(language_of_locale(QLocale().name()))
            elif kind == QEvent.Type.Close:
                self.shutdown()
        return False

    # -- slots of the actions ------------------------------------------------------------------
    def _on_open_session(self) -> None:
        start = str(Path(self.session_path).parent) if self.session_path else str(Path.home())
        path, _ = QFileDialog.getOpenFileName(self.window, tr("Open session"), start,
                                              tr(SESSION_FILTER))
        if path:
            self.open_session(path)

    def _on_save_session(self) -> None:
        if self.session_path:
            self.save_session(self.session_path)
        else:
            self._on_save_session_as()

    def _on_save_session_as(self) -> None:
        start = self.session_path or str(Path.home() / "session.json")
        path, _ = QFileDialog.getSaveFileName(self.window, tr("Save session"), start,
                                              tr(SESSION_FILTER))
        if path:
            if not path.lower().endswith(".json"):
                path += ".json"
            self.save_session(path)

    def _on_recent_action(self) -> None:
        path = self.sender().data()
        if path:
            self.open_session(path)

    def _on_open_lesson(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self.window, tr("Open lesson"), str(Path.home()),
                                              tr(LESSON_FILTER))
        if path:
            self.open_lesson(path)

    def _on_presentation_toggled(self, checked: bool) -> None:
        if checked != self.presentation.active:
            self.presentation.enter() if checked else self.presentation.leave()

    def _on_presentation_changed(self, active: bool) -> None:
        self.presentation_action.blockSignals(True)
        self.presentation_action.setChecked(active)
        self.presentation_action.blockSignals(False)
        self._apply_panel_theme()

    def _on_highlight_toggled(self, checked: bool) -> None:
        self.presentation.set_highlight_enabled(checked)
        if self._settings is not None:
            self._settings.setValue(HIGHLIGHT_KEY, bool(checked))

    # -- messages ------------------------------------------------------------------------------
    def _warn(self, title: str, text: str) -> None:
        """A message that does not block (window-modal box; tests need not answer it)."""
        box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok,
                          self.window)
        box.setObjectName("classroomMessage")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.setWindowModality(Qt.WindowModality.WindowModal)
        box.open()
