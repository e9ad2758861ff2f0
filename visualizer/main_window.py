"""The main window: four dockable panels around one model, menus and settings.

Layout, window geometry, theme, interface scale, the function and its ranges persist
between runs (QSettings). Panels never talk to each other: each gets the model.
"""

from __future__ import annotations

import html
import math

from PySide6.QtCore import QByteArray, QCoreApplication, QSettings, Qt, QTimer
from PySide6.QtGui import QAction, QActionGroup, QColor, QFont, QKeySequence, QPalette
from PySide6.QtWidgets import QApplication, QDockWidget, QMainWindow, QMessageBox, QWidget

from visualizer.model import DEFAULT_EXPRESSION, Model
from visualizer.panels.function_editor import FunctionEditorPanel
from visualizer.settings_values import setting_number, setting_text
from visualizer.theme import THEMES, Theme, theme_named
from visualizer.widgets.plot_menus import own_plot_menus
from visualizer.widgets.screen_fit import fit_to_screen
from visualizer.window_layout import layout_problem

SETTINGS_VERSION = 2
ZOOM_STEP = 1.15
#: The labs, in the order they are built after the window first painted.
LABS = ("secant", "surface", "descent")
#: Build the labs this long after showing if no paint came (a window that never paints).
LAB_BUILD_FALLBACK_MS = 400
#: How long the status bar says that a damaged layout was replaced.
LAYOUT_NOTICE_MS = 10_000


def tr(text: str) -> str:
    return QCoreApplication.translate("MainWindow", text)


class MainWindow(QMainWindow):
    """Docks the editor, the derivative, surface and descent labs around one model."""

    def __init__(self, model: Model, settings: QSettings, parent=None):
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.setWindowTitle(tr("Calculus Visualizer"))
        self.model = model
        self._settings = settings
        self._theme: Theme = theme_named(setting_text(settings.value("theme"), "light"),
                                         setting_number(settings.value("scale"), 1.0))
        self.setDockNestingEnabled(True)
        self.setDockOptions(QMainWindow.DockOption.AnimatedDocks
                            | QMainWindow.DockOption.AllowNestedDocks
                            | QMainWindow.DockOption.AllowTabbedDocks)

        self.editor = FunctionEditorPanel(model)
        # The labs (pyqtgraph, OpenGL, ~1 s to import and build) come after the window
        # has painted once, so that it shows within the benchmark's second (docs/benchmark.md); until then each
        # dock holds a placeholder. Reading window.secant (etc.) builds a lab at once.
        self._labs: dict = {}
        self._labs_scheduled = False
        self._classroom = None
        self.docks = {
            "editor": self._dock(self.editor, tr("Function"), "functionEditorDock"),
            "secant": self._dock(self._placeholder(), tr("Derivative lab"), "secantDock"),
            "surface": self._dock(self._placeholder(), tr("Surface lab"), "surfaceDock"),
            "descent": self._dock(self._placeholder(), tr("Descent lab"), "descentDock"),
        }
        self._last_was_2d: bool | None = None
        self._stored_expression = ""
        self._arrange_default()
        self._default_state = self.saveState(SETTINGS_VERSION)
        model.expression_changed.connect(self._labs_for_the_function)
        model.expression_changed.connect(self._raise_matching_lab)
        self._build_menus()
        self._restore()
        self.apply_theme(self._theme)

    # -- the labs, built after the first paint ---------------------------------------------
    @property
    def secant(self):
        """The derivative lab (:class:`~visualizer.panels.secant_panel.SecantPanel`)."""
        return self._lab("secant")

    @property
    def surface(self):
        """The surface lab (:class:`~visualizer.panels.surface_panel.SurfacePanel`)."""
        return self._lab("surface")

    @property
    def descent(self):
        """The descent lab (:class:`~visualizer.panels.descent_panel.DescentPanel`)."""
        return self._lab("descent")

    @property
    def panels(self) -> tuple:
        """The editor and the labs built so far."""
        return (self.editor, *(self._labs[key] for key in LABS if key in self._labs))

    @property
    def classroom(self):
        """Sessions, lessons and presentation mode (built after the labs, or when asked)."""
        if self._classroom is None:
            from visualizer.classroom.controller import ClassroomController

            self._classroom = ClassroomController(self)
        return self._classroom

    @property
    def labs_ready(self) -> bool:
        """True once every lab and the classroom are built."""
        return len(self._labs) == len(LABS) and self._classroom is not None

    def build_labs(self) -> None:
        """Build every lab (and the classroom) now, if not yet built."""
        for key in LABS:
            self._lab(key)
        self.classroom  # noqa: B018 - builds it

    def _placeholder(self) -> QWidget:
        # Empty: it is on screen for a fraction of a second while the lab is built.
        placeholder = QWidget()
        placeholder.setObjectName("labPlaceholder")
        return placeholder

    def _lab(self, key: str):
        panel = self._labs.get(key)
        if panel is not None:
            return panel
        if key == "secant":
            from visualizer.panels.secant_panel import SecantPanel as panel_class
        elif key == "surface":
            from visualizer.panels.surface_panel import SurfacePanel as panel_class
        else:
            from visualizer.panels.descent_panel import DescentPanel as panel_class
        panel = panel_class(self.model)
        own_plot_menus(panel)  # deleted with the window, not by the garbage collector
        self._labs[key] = panel
        dock = self.docks[key]
        placeholder = dock.widget()
        dock.setWidget(panel)
        if placeholder is not None:
            placeholder.deleteLater()
        panel.setFont(self.font())
        panel.apply_theme(self._theme)
        return panel

    def _labs_for_the_function(self, _state) -> None:
        """Once a function is shown every lab exists (tools find the labs by name then)."""
        if self._labs_scheduled and len(self._labs) < len(LABS):
            for key in LABS:
                self._lab(key)  # each draws the current function as it is built

    def _schedule_labs(self) -> None:
        if not self._labs_scheduled and self.isVisible():
            self._labs_scheduled = True
            QTimer.singleShot(0, self, self._build_next_lab)  # dropped if the window goes

    def _build_next_lab(self) -> None:
        """One lab per turn of the event loop, those in sight first; then the classroom."""
        if not self.isVisible():  # closed before they were all built: a later show resumes
            self._labs_scheduled = False
            return
        missing = [key for key in LABS if key not in self._labs]
        if missing:
            in_sight = [key for key in missing if self._is_front(self.docks[key])]
            self._lab((in_sight or missing)[0])
            QTimer.singleShot(0, self, self._build_next_lab)  # dropped if the window goes
        elif self._classroom is None:
            self.classroom  # noqa: B018 - builds it

    def showEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        if not self._labs_scheduled:
            QTimer.singleShot(LAB_BUILD_FALLBACK_MS, self, self._schedule_labs)

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().paintEvent(event)
        self._schedule_labs()  # the window is on screen: now the slow part

    # -- layout --------------------------------------------------------------------------
    def _dock(self, panel, title: str, name: str) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(name)
        dock.setWidget(panel)
        dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable
                         | QDockWidget.DockWidgetFeature.DockWidgetFloatable
                         | QDockWidget.DockWidgetFeature.DockWidgetClosable)
        dock.visibilityChanged.connect(self._on_dock_visibility)
        return dock

    def _on_dock_visibility(self, visible: bool) -> None:
        """A lab out of sight (closed, or behind another tab) skipped its redraws: catch up."""
        panel = self.sender().widget() if visible else None
        catch_up = getattr(panel, "catch_up", None)
        if catch_up is not None:
            catch_up()

    def _arrange_default(self) -> None:
        # The editor down the left; the three labs as tabs, so each gets the whole
        # right side (a laptop screen or a 1024x768 projector has no room for all three).
        docks = self.docks
        for dock in docks.values():
            dock.setFloating(False)
            dock.show()
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, docks["editor"])
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, docks["secant"])
        self.tabifyDockWidget(docks["secant"], docks["surface"])
        self.tabifyDockWidget(docks["surface"], docks["descent"])
        self.resizeDocks([docks["editor"], docks["secant"]], [380, 1200],
                         Qt.Orientation.Horizontal)
        docks["secant"].raise_()

    def arrange_side_by_side(self) -> None:
        """Show every lab at once: derivative and surface labs side by side, descent below."""
        docks = self.docks
        for dock in docks.values():
            dock.setFloating(False)
            dock.show()
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, docks["editor"])
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, docks["secant"])
        self.splitDockWidget(docks["secant"], docks["descent"], Qt.Orientation.Vertical)
        self.splitDockWidget(docks["secant"], docks["surface"], Qt.Orientation.Horizontal)
        self.resizeDocks([docks["editor"], docks["secant"], docks["surface"]], [340, 620, 620],
                         Qt.Orientation.Horizontal)
        self.resizeDocks([docks["secant"], docks["descent"]], [600, 360], Qt.Orientation.Vertical)

    def _raise_matching_lab(self, state) -> None:
        """Bring forward the lab that fits the new function when the labs share tabs."""
        two = state.is_2d
        if two == self._last_was_2d:
            return
        self._last_was_2d = two
        wanted, other = (("surface", "secant") if two else ("secant", "surface"))
        if other in {self._dock_key(d) for d in self.tabifiedDockWidgets(self.docks[wanted])}:
            if not self._is_front(self.docks["descent"]):  # the descent lab suits both kinds
                self.docks[wanted].raise_()

    def _dock_key(self, dock) -> str:
        return next((key for key, value in self.docks.items() if value is dock), "")

    @staticmethod
    def _is_front(dock) -> bool:
        # A tabified dock behind another tab keeps isVisible() but shows nothing.
        return not dock.visibleRegion().isEmpty()

    def restore_layout(self, state, version: int = 0) -> bool:
        """Restore a saved layout (``saveState(version)``) if it is sound; True if restored.

        A damaged layout never reaches Qt (whose reader can crash on one): the panels go
        back to their default places instead, and the status bar says so.
        """
        problem = layout_problem(bytes(state), version)
        if problem is None and self.restoreState(QByteArray(bytes(state)), version):
            return True
        self.restore_default_layout()
        self.statusBar().showMessage(tr(
            "The saved window layout was damaged: the panels are back in their usual "
            "places."), LAYOUT_NOTICE_MS)
        return False

    def restore_default_layout(self) -> None:
        """Put every panel back where it starts (also brings closed panels back)."""
        self.restoreState(self._default_state, SETTINGS_VERSION)
        for dock in self.docks.values():
            dock.setFloating(False)
            dock.show()

    # -- menus ---------------------------------------------------------------------------
    def _action(self, menu, text: str, slot, shortcut=None, tip: str = "") -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            shortcuts = shortcut if isinstance(shortcut, list) else [shortcut]
            action.setShortcuts([QKeySequence(s) for s in shortcuts])
        if tip:
            action.setStatusTip(tip)
            action.setToolTip(tip)
        action.triggered.connect(slot)
        menu.addAction(action)
        return action

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu(tr("&File"))
        from visualizer.export import WindowExporter

        self.exporter = WindowExporter(self)  # Export view / Copy view / Export animation
        self.exporter.add_actions(file_menu)
        file_menu.addSeparator()
        self._action(file_menu, tr("&Quit"), self.close, QKeySequence.StandardKey.Quit)

        edit_menu = bar.addMenu(tr("&Edit"))
        stack = self.model.undo_stack
        self.undo_action = stack.createUndoAction(self, tr("&Undo"))
        self.undo_action.setShortcuts([QKeySequence("Ctrl+Z")])
        self.redo_action = stack.createRedoAction(self, tr("&Redo"))
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        edit_menu.addAction(self.undo_action)
        edit_menu.addAction(self.redo_action)
        self.addAction(self.undo_action)
        self.addAction(self.redo_action)

        view_menu = bar.addMenu(tr("&View"))
        for dock in self.docks.values():
            view_menu.addAction(dock.toggleViewAction())
        self._action(view_menu, tr("Restore &layout"), self.restore_default_layout,
                     tip=tr("Put every panel back where it starts: the labs as tabs"))
        self._action(view_menu, tr("All labs &side by side"), self.arrange_side_by_side,
                     tip=tr("Show the derivative, surface and descent labs at once"))
        view_menu.addSeparator()
        theme_menu = view_menu.addMenu(tr("&Theme"))
        self.theme_actions = QActionGroup(self)
        titles = {"light": tr("Light"), "dark": tr("Dark"),
                  "projector": tr("Projector (high contrast, large)")}
        for name in THEMES:
            action = QAction(titles[name], self, checkable=True)
            action.setData(name)
            action.setChecked(name == self._theme.name)
            action.triggered.connect(self._on_theme_action)
            self.theme_actions.addAction(action)
            theme_menu.addAction(action)
        self._action(view_menu, tr("Zoom &in"), self.zoom_in, ["Ctrl+=", "Ctrl++"],
                     tr("Make all text and lines larger"))
        self._action(view_menu, tr("Zoom &out"), self.zoom_out, "Ctrl+-",
                     tr("Make all text and lines smaller"))
        self._action(view_menu, tr("&Actual size"), self.zoom_reset, "Ctrl+0")
        self._build_language_menu(view_menu)

        help_menu = bar.addMenu(tr("&Help"))
        self._action(help_menu, tr("&Keyboard shortcuts and function language"),
                     self.show_shortcuts, "F1")
        self._action(help_menu, tr("&About"), self._show_about)

    def _build_language_menu(self, view_menu) -> None:
        """View → Language: the system's language or a chosen one, switched without restart."""
        from visualizer.i18n import LANGUAGE_KEY, available_languages

        self.language_menu = view_menu.addMenu(tr("Lan&guage"))
        self.language_menu.setObjectName("languageMenu")
        self.language_actions = QActionGroup(self)
        chosen = setting_text(self._settings.value(LANGUAGE_KEY), "", 64)
        # Language names stay in their own language, so anyone can find theirs.
        for code, name in [("", tr("System default")), *available_languages().items()]:
            action = QAction(name, self, checkable=True)
            action.setData(code)
            action.setChecked(code == chosen)
            action.setToolTip(tr("Show the interface in this language"))
            action.triggered.connect(self._on_language_action)
            self.language_actions.addAction(action)
            self.language_menu.addAction(action)

    def _on_language_action(self) -> None:
        self.set_language(self.sender().data())

    def set_language(self, code: str) -> None:
        """Switch the interface to ``code`` ("" = the system's) now and remember it."""
        from visualizer.i18n import LANGUAGE_KEY, set_language

        self._settings.setValue(LANGUAGE_KEY, code)
        for action in self.language_actions.actions():
            action.setChecked(action.data() == code)
        set_language(code)
        self._remake_undo_actions()

    def _remake_undo_actions(self) -> None:
        # QUndoStack keeps the "&Undo" prefix it was given: make the pair in the new language.
        stack = self.model.undo_stack
        for name, prefix, make in (("undo_action", tr("&Undo"), stack.createUndoAction),
                                   ("redo_action", tr("&Redo"), stack.createRedoAction)):
            old = getattr(self, name)
            new = make(self, prefix)
            new.setShortcuts(old.shortcuts())
            for owner in old.associatedObjects():
                if owner is not self and hasattr(owner, "insertAction"):
                    owner.insertAction(old, new)
                    owner.removeAction(old)
            self.removeAction(old)
            self.addAction(new)
            setattr(self, name, new)
            old.deleteLater()

    # -- theme and zoom ------------------------------------------------------------------
    @property
    def theme(self) -> Theme:
        return self._theme

    def set_theme(self, name: str) -> None:
        """Switch to the theme called ``name`` (light, dark or projector)."""
        self.apply_theme(theme_named(name, self._theme.scale))

    def _on_theme_action(self) -> None:
        self.set_theme(self.sender().data())

    def zoom_in(self) -> None:
        self.apply_theme(self._theme.scaled(self._theme.scale * ZOOM_STEP))

    def zoom_out(self) -> None:
        self.apply_theme(self._theme.scaled(self._theme.scale / ZOOM_STEP))

    def zoom_reset(self) -> None:
        self.apply_theme(self._theme.scaled(1.0))

    def apply_theme(self, theme: Theme) -> None:
        """Restyle the whole window: palette, type size, and every panel."""
        self._theme = theme
        for action in self.theme_actions.actions():
            action.setChecked(action.data() == theme.name)
        app = QApplication.instance()
        palette = QPalette()
        background, foreground = QColor(theme.background), QColor(theme.foreground)
        window = background if theme.name != "dark" else QColor("#2b2d31")
        for role, color in (
            (QPalette.ColorRole.Window, window),
            (QPalette.ColorRole.WindowText, foreground),
            (QPalette.ColorRole.Base, background),
            (QPalette.ColorRole.AlternateBase, window),
            (QPalette.ColorRole.Text, foreground),
            (QPalette.ColorRole.Button, window),
            (QPalette.ColorRole.ButtonText, foreground),
            (QPalette.ColorRole.ToolTipBase, background),
            (QPalette.ColorRole.ToolTipText, foreground),
            (QPalette.ColorRole.Highlight, QColor(theme.accent)),
            (QPalette.ColorRole.HighlightedText, QColor("#ffffff")),
        ):
            palette.setColor(role, color)
        palette.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text,
                         QColor(theme.muted))
        palette.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.WindowText,
                         QColor(theme.muted))
        font = QFont(app.font())
        font.setPointSizeF(theme.font_size())
        if app is not None:
            app.setPalette(palette)
            app.setFont(font)
        self.setPalette(palette)
        self.setFont(font)
        for panel in self.panels:
            panel.setFont(font)
            panel.apply_theme(theme)

    # -- help ----------------------------------------------------------------------------
    def shortcut_rows(self) -> list[tuple[str, str]]:
        """(keys, what they do) for every menu action with a shortcut, then the lab keys."""
        rows = []
        for action in self.findChildren(QAction):
            keys = ", ".join(k.toString(QKeySequence.SequenceFormat.NativeText)
                             for k in action.shortcuts() if not k.isEmpty())
            if keys and action.text():
                rows.append((keys, action.text().replace("&", "")))
        rows.sort(key=lambda row: row[1].lower())
        # Keys inside the labs are not menu actions: listed here.
        rows += [
            ("Tab / Shift+Tab", tr("Derivative lab: select P₀ or P")),
            ("← →  (Shift: finer)", tr("Derivative lab: move the selected point")),
            ("PageDown / PageUp", tr("Derivative lab: h ÷ 10 / h × 10")),
            ("Arrows  (Shift: finer)", tr("Surface lab: move the point on the contour map")),
            ("[  ]", tr("Surface lab: turn the direction u")),
            ("G", tr("Surface lab: snap u to the gradient")),
            ("Space / Enter / R", tr("Descent lab: step / run or pause / reset")),
            ("PageDown / PageUp", tr("Lesson: next / previous step (a clicker sends these)")),
        ]
        return rows

    def show_shortcuts(self) -> None:
        """F1: every shortcut (read from the menus, so never out of date) and the language."""
        table = "".join(f"<tr><td><b>{html.escape(keys)}</b></td><td>{html.escape(text)}</td></tr>"
                        for keys, text in self.shortcut_rows())
        language = html.escape(tr(
            "Variables: x (and y), or t for a function of time.\n"
            "Numbers: 2, 0.5, 1e-3; constants pi (π) and e.\n"
            "Operators: + - * / and ^ or ** for powers; 2x, xy, 3sin(x) multiply.\n"
            "|x| is the absolute value. x², π, ×, · and − can be pasted.\n"
            "Functions: sin cos tan asin acos atan sinh cosh tanh exp log ln sqrt cbrt\n"
            "abs sign max min, and relu sigmoid softplus gelu.\n"
            "log(x) is natural; log(x, b) has base b.")).replace("\n", "<br>")
        box = QMessageBox(self)
        box.setObjectName("shortcutsSheet")
        box.setWindowTitle(tr("Keyboard shortcuts and function language"))
        box.setTextFormat(Qt.TextFormat.RichText)
        box.setText(f"<table cellspacing='6'>{table}</table><hr><p>{language}</p>")
        box.setStandardButtons(QMessageBox.StandardButton.Close)
        box.open()

    def _show_about(self) -> None:
        QMessageBox.about(self, tr("About"), tr(
            "Calculus Visualizer — see the calculus behind deep learning: secants becoming "
            "tangents, gradients, and gradient descent."))

    # -- settings ------------------------------------------------------------------------
    def _restore(self) -> None:
        # The limits sessions keep to (a settings file is no more trusted than a session).
        from visualizer.classroom.checks import MAX_FORMULA_LENGTH, MAX_MAGNITUDE

        settings = self._settings
        geometry = settings.value("geometry")
        # restoreGeometry brings a window saved on a larger screen inside this one.
        if not (isinstance(geometry, QByteArray) and not geometry.isEmpty()
                and self.restoreGeometry(geometry)):
            fit_to_screen(self)
        state = settings.value("windowState")
        if isinstance(state, QByteArray) and not state.isEmpty():
            self.restore_layout(state, SETTINGS_VERSION)
        for key, setter in (("x_range", self.model.set_x_range),
                            ("y_range", self.model.set_y_range)):
            value = settings.value(key)
            if isinstance(value, (list, tuple)) and len(value) == 2:
                low, high = (setting_number(v, math.nan, -MAX_MAGNITUDE, MAX_MAGNITUDE)
                             for v in value)
                try:
                    setter(low, high)
                except (TypeError, ValueError):
                    pass  # not a range (nan, reversed): the default stays
        self.model.undo_stack.clear()  # restored settings are not undoable edits
        text = setting_text(settings.value("expression"), "", MAX_FORMULA_LENGTH)
        if text and text != DEFAULT_EXPRESSION:
            self._stored_expression = text
            self.model.expression_rejected.connect(self._on_stored_expression_rejected)
        self.model.set_expression(text or DEFAULT_EXPRESSION)

    def _on_stored_expression_rejected(self, text: str, _error) -> None:
        """The settings' function is not one (a damaged file): show the default instead."""
        self.model.expression_rejected.disconnect(self._on_stored_expression_rejected)
        if text == self._stored_expression and self.model.function is None:
            self.model.set_expression(DEFAULT_EXPRESSION)

    def save_settings(self) -> None:
        settings = self._settings
        settings.setValue("geometry", self.saveGeometry())
        settings.setValue("windowState", self.saveState(SETTINGS_VERSION))
        settings.setValue("theme", self._theme.name)
        settings.setValue("scale", self._theme.scale)
        if self.model.expression_text:
            settings.setValue("expression", self.model.expression_text)
        settings.setValue("x_range", list(self.model.x_range))
        settings.setValue("y_range", list(self.model.y_range))
        settings.sync()

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        self.save_settings()
        self.model.close()
        super().closeEvent(event)
