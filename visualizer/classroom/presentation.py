"""Presentation mode: full screen, the projector theme, large type, a clicker's keys.

F5 enters and Esc leaves. While presenting:

* the window is full screen with the projector theme (the previous theme, layout and
  window state come back on leaving); the menu bar is hidden and dock title bars are
  reduced to nothing, so only the panels remain;
* with a lesson open, only the panels the current step needs are shown, beside the
  lesson text in large type, and the keys a presentation clicker sends step through it:
  PageDown / → next, PageUp / ← previous. PageUp/PageDown always step; ←/→ step unless
  the keyboard is in a text field, a spin box or a slider (which need them);
* an optional highlight follows the pointer: a translucent circle drawn by a transparent
  widget laid over the window. Widgets cannot be drawn over the 3-D view (it is a native
  OpenGL window, docs/platform-notes.md), so there the 3-D view draws the same circle itself
  (``SurfaceView.set_pointer_highlight``).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPoint, QRect, Qt, QTimer, Signal
from PySide6.QtGui import QCursor
from PySide6.QtWidgets import (
    QAbstractSlider,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QStatusBar,
    QTextEdit,
    QWidget,
)

from visualizer.theme import theme_named
from visualizer.widgets.pointer_disc import paint_pointer_disc

NEXT_KEYS = (Qt.Key.Key_PageDown, Qt.Key.Key_Right)
PREVIOUS_KEYS = (Qt.Key.Key_PageUp, Qt.Key.Key_Left)
#: The highlight's radius in pixels at scale 1, its colour and its opacity.
HIGHLIGHT_RADIUS = 38
_FOLLOW_INTERVAL_MS = 16
#: The lesson text takes at most this share of the screen's height when presenting (a
#: longer text scrolls: at 1024 × 768 the lab keeps two thirds of the height).
MAX_TEXT_SHARE = 0.34


class PointerHighlight(QWidget):
    """A translucent circle that follows the mouse pointer, over the whole window.

    The widget covers its parent, lets every mouse event through, and paints only the
    circle. It polls the pointer position once a frame while shown (mouse-move events
    do not reach it, and the 3-D view's events never reach the main window). Views that
    nothing can be drawn over (the 3-D view) are passed the pointer and draw the circle
    themselves: any child widget with a ``set_pointer_highlight(position, radius)``.
    """

    def __init__(self, window: QWidget):
        super().__init__(window)
        self.setObjectName("pointerHighlight")
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setAttribute(Qt.WidgetAttribute.WA_NoSystemBackground)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.radius = HIGHLIGHT_RADIUS
        self.center: QPoint | None = None
        self._native_views: list[QWidget] = []
        self._timer = QTimer(self)
        self._timer.setInterval(_FOLLOW_INTERVAL_MS)
        self._timer.timeout.connect(self.follow)
        window.installEventFilter(self)
        self.hide()

    def set_scale(self, scale: float) -> None:
        self.radius = int(round(HIGHLIGHT_RADIUS * scale))
        self.update()

    def start(self) -> None:
        self.setGeometry(self.parentWidget().rect())
        self._native_views = [widget for widget in self.parentWidget().findChildren(QWidget)
                              if callable(getattr(widget, "set_pointer_highlight", None))]
        self.show()
        self.raise_()
        self.follow()
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()
        self.center = None
        for view in self._native_views:
            view.set_pointer_highlight(None, self.radius)
        self._native_views = []
        self.hide()

    def follow(self) -> None:
        """Move the circle to the pointer (repainting only the two small areas)."""
        pointer = QCursor.pos()
        position = self.mapFromGlobal(pointer)
        if not self.rect().contains(position):
            position = None
        for view in self._native_views:
            local = view.mapFromGlobal(pointer)
            reach = view.rect().adjusted(-self.radius, -self.radius, self.radius, self.radius)
            near = position is not None and view.isVisible() and reach.contains(local)
            view.set_pointer_highlight(local if near else None, self.radius)
        if position == self.center:
            return
        old, self.center = self.center, position
        for point in (old, position):
            if point is not None:
                self.update(self._area(point))

    def _area(self, point: QPoint) -> QRect:
        r = self.radius + 4
        return QRect(point.x() - r, point.y() - r, 2 * r, 2 * r)

    def paintEvent(self, _event) -> None:  # noqa: N802 - Qt's name
        if self.center is None:
            return
        paint_pointer_disc(self, self.center, self.radius)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt's name
        if watched is self.parentWidget() and event.type() == QEvent.Type.Resize \
                and self.isVisible():
            self.setGeometry(self.parentWidget().rect())
        return False


def _typing_widget(widget) -> bool:
    """Widgets that need ← and → themselves."""
    if widget is None:
        return False
    if isinstance(widget, QComboBox):
        return widget.isEditable()
    return isinstance(widget, (QLineEdit, QTextEdit, QPlainTextEdit, QAbstractSpinBox,
                               QAbstractSlider))


class PresentationMode(QObject):
    """Enters and leaves presentation mode on a main window.

    Parameters
    ----------
    window : visualizer.main_window.MainWindow
    runner : visualizer.classroom.lesson_runner.LessonRunner
    lesson_dock : callable
        Returns the lesson's QDockWidget, or None when no lesson is open.

    Signals
    -------
    active_changed(bool)
        Presentation mode started or ended.
    """

    active_changed = Signal(bool)

    def __init__(self, window, runner, lesson_dock, parent=None):
        super().__init__(parent)
        self._window = window
        self._runner = runner
        self._lesson_dock = lesson_dock
        self._saved: dict | None = None
        runner.step_reached.connect(self._on_step_shown)
        runner.step_changed.connect(self._on_step_shown)
        self.highlight = PointerHighlight(window)
        self._highlight_wanted = True

    @property
    def active(self) -> bool:
        return self._saved is not None

    @property
    def highlight_enabled(self) -> bool:
        return self._highlight_wanted

    @property
    def saved_theme(self) -> tuple[str, float] | None:
        """The theme (name, scale) to go back to, while presenting."""
        return (self._saved["theme"], self._saved["scale"]) if self._saved else None

    @property
    def saved_layout(self):
        """The window's layout (saveState) from before presenting, while presenting."""
        return self._saved["state"] if self._saved else None

    def toggle(self) -> None:
        self.leave() if self.active else self.enter()

    def set_highlight_enabled(self, enabled: bool) -> None:
        """Switch the pointer highlight on or off (shown only while presenting)."""
        self._highlight_wanted = bool(enabled)
        if self.active and self._highlight_wanted:
            self.highlight.start()
        else:
            self.highlight.stop()

    def enter(self) -> None:
        """Full screen, projector theme, chrome hidden, clicker keys on."""
        if self.active:
            return
        window = self._window
        status_bar = window.findChild(QStatusBar)
        self._saved = {
            "theme": window.theme.name,
            "scale": window.theme.scale,
            "state": window.saveState(),
            "geometry": window.saveGeometry(),
            "window_state": window.windowState(),
            "menu": window.menuBar().isVisible(),
            "status": status_bar is not None and status_bar.isVisible(),
            "minimum": window.minimumSize(),
        }
        window.set_theme("projector")
        window.menuBar().hide()
        if status_bar is not None:
            status_bar.hide()
        for dock in self._docks():
            dock.setTitleBarWidget(QWidget(dock))  # an empty bar: no title, no buttons
        self._runner.exclusive_panels = True
        self._runner.show_panels()
        self.place_lesson_dock()
        # The window must fit the screen even when the panels' minimum sizes add up to
        # more: then the bottom of the panels is cut off, never the lesson text on top.
        window.setMinimumSize(1, 1)
        window.showFullScreen()
        self.fit_to_screen()
        QApplication.instance().installEventFilter(self)
        if self._highlight_wanted:
            self.highlight.set_scale(window.theme.scale)
            self.highlight.start()
        self.active_changed.emit(True)

    def place_lesson_dock(self) -> None:
        """While presenting, the lesson text sits above the panels, across the screen."""
        dock = self._lesson_dock()
        if dock is None or not self.active:
            return
        window = self._window
        if window.dockWidgetArea(dock) != Qt.DockWidgetArea.TopDockWidgetArea or dock.isFloating():
            dock.setFloating(False)
            window.addDockWidget(Qt.DockWidgetArea.TopDockWidgetArea, dock)
        if dock.titleBarWidget() is None:
            dock.setTitleBarWidget(QWidget(dock))
        self.highlight.raise_()

    def fit_to_screen(self) -> None:
        """Cover the screen exactly (again after the panels changed).

        Without a window manager (Xvfb) full screen is only a wish; and a window whose
        panels needed more room keeps its size when they are hidden.
        """
        if not self.active:
            return
        screen = self._window.screen()
        if screen is not None and self._window.geometry() != screen.geometry():
            self._window.setGeometry(screen.geometry())
        dock = self._lesson_dock()
        if dock is not None and dock.isVisible() and hasattr(dock.widget(), "wanted_height"):
            most = int(self._window.height() * MAX_TEXT_SHARE)
            height = min(most, dock.widget().wanted_height())
            # A minimum, not a wish: the panels below give way (their bottom is cut).
            dock.widget().setMinimumHeight(height)
            self._window.resizeDocks([dock], [height], Qt.Orientation.Vertical)

    def leave(self) -> None:
        """Back to the window, theme and layout from before."""
        if not self.active:
            return
        saved, self._saved = self._saved, None
        window = self._window
        QApplication.instance().removeEventFilter(self)
        self.highlight.stop()
        self._runner.exclusive_panels = False
        lesson = self._lesson_dock()
        if lesson is not None:
            lesson.widget().setMinimumHeight(0)
        for dock in self._docks():
            bar = dock.titleBarWidget()
            dock.setTitleBarWidget(None)
            if bar is not None:
                bar.deleteLater()
        window.apply_theme(theme_named(saved["theme"], saved["scale"]))
        window.setMinimumSize(saved["minimum"])
        window.setWindowState(saved["window_state"])
        if not saved["window_state"] & (Qt.WindowState.WindowMaximized
                                        | Qt.WindowState.WindowFullScreen):
            window.restoreGeometry(saved["geometry"])
        window.restoreState(saved["state"])
        window.menuBar().setVisible(saved["menu"])
        status_bar = window.findChild(QStatusBar)
        if status_bar is not None and saved["status"]:
            status_bar.show()
        self.active_changed.emit(False)

    def _on_step_shown(self, _index: int) -> None:
        if self.active:
            QTimer.singleShot(0, self, self.fit_to_screen)  # once the panels' sizes settled

    def _docks(self) -> list:
        docks = list(getattr(self._window, "docks", {}).values())
        lesson = self._lesson_dock()
        if lesson is not None:
            docks.append(lesson)
        return docks

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt's name
        kind = event.type()
        if kind not in (QEvent.Type.KeyPress, QEvent.Type.ShortcutOverride):
            return False
        if QApplication.activePopupWidget() is not None \
                or QApplication.activeModalWidget() is not None:
            return False  # a menu, a drop-down list or a dialog has the keyboard
        key = event.key()
        if event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            return False
        action = None
        if key == Qt.Key.Key_Escape:
            action = self.leave
        elif self._runner.lesson is not None and (key in NEXT_KEYS or key in PREVIOUS_KEYS):
            arrows = key in (Qt.Key.Key_Left, Qt.Key.Key_Right)
            if not (arrows and _typing_widget(QApplication.focusWidget())):
                action = self._runner.next if key in NEXT_KEYS else self._runner.previous
        if action is None:
            return False
        if kind == QEvent.Type.ShortcutOverride:
            event.accept()  # no shortcut of a panel takes it: it arrives as a key press
            return True
        if not event.isAutoRepeat():
            action()
        return True
