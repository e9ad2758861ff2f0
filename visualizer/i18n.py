"""The interface language: install Qt translators and switch language without a restart.

English is the source language (the strings in the code). Every other language is a
compiled Qt catalogue ``resources/translations/calculus_visualizer_<code>.qm`` (see
``docs/translations.md``); Qt's own ``qtbase_<code>.qm`` is installed beside it so the
standard dialogs' buttons follow.

Switching while the program runs (:func:`set_language`): Qt sends ``LanguageChange`` to
every widget, but most widgets set their texts once, when they are built. Rather than
rebuilding the window (the 3-D view, the plots and the undo history would have to be
rebuilt or carried over), :func:`set_language` re-reads every static text in place: before
the switch it maps each text *as currently shown* back to its source string (through the
catalogue of marked strings: the shipped ``.ts`` files), then, as Qt delivers
``LanguageChange`` to each widget, goes over that widget's actions, menu title, combo box
items, tabs, table headers and plot labels and puts the new translation wherever a shown
text is a known translation. Qt walks the widget trees itself; a Python list of every
widget (``QApplication.allWidgets()``) is never built, because the garbage collector
may free a widget while such a list is being converted (a crash). Texts composed at run time
(read-outs with numbers in them) are redrawn by nudging the model's value signals, and
widgets with a ``retranslate()`` method (the classroom) redo their own. The model, the
undo stack and everything on screen stay as they were: only the words change.

Error messages of the Qt-free core (:class:`~visualizer.core.errors.ExpressionError`)
carry their English template and fields; :func:`error_message` translates them (context
``"ExpressionError"``). A widget that shows one keeps the error and shows it again from its
``retranslate()``; the reverse lookup does not try to parse composed error sentences.
The optimizers' stop messages work the same way (:func:`descent_message`, context
``"Descent"``).

Two rules keep the reverse lookup unambiguous (``tests/panels/test_i18n.py`` enforces them):
one source text has one translation in every context, and two different source texts do
not share a translation.
"""

from __future__ import annotations

import functools
import re
import string
from collections.abc import Mapping

from PySide6.QtCore import QCoreApplication, QEvent, QLibraryInfo, QLocale, QObject, QTranslator
from PySide6.QtGui import QAction, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QTableWidget,
    QTabWidget,
    QTextEdit,
    QTreeWidget,
    QWidget,
)

from visualizer.core.errors import (
    MESSAGE_CONTEXT,
    TRANSLATION_CONTEXT,
    ExpressionError,
    render,
)
from visualizer.i18n_catalog import TRANSLATIONS_DIR, TS_BASENAME

SOURCE_LANGUAGE = "en"
#: QSettings key of the chosen language ("" follows the system locale).
LANGUAGE_KEY = "language"
SYSTEM_DEFAULT = ""

_installed: list[QTranslator] = []
_current = SOURCE_LANGUAGE


def available_languages() -> dict[str, str]:
    """``{code: name in that language}``: English and every compiled catalogue shipped."""
    languages = {SOURCE_LANGUAGE: "English"}
    for path in sorted(TRANSLATIONS_DIR.glob(f"{TS_BASENAME}_*.qm")):
        code = path.stem.removeprefix(TS_BASENAME + "_")
        languages[code] = QLocale(code).nativeLanguageName() or code
    return languages


def system_language(ui_languages: list[str] | None = None) -> str:
    """The shipped language that best fits the system's UI languages (else English).

    ``ui_languages`` defaults to ``QLocale.system().uiLanguages()``, most wanted first.
    ``zh-Hans-CN`` and ``zh-CN`` pick ``zh_CN``; a Traditional-Chinese system (``zh-Hant-TW``,
    then ``zh``) also gets Simplified Chinese, through its plain ``zh``: closer than English.
    """
    available = available_languages()
    if ui_languages is None:
        ui_languages = QLocale.system().uiLanguages()
    for name in ui_languages:
        name = name.replace("-", "_")
        if name in available:
            return name
        language = QLocale(name).language()
        script = QLocale(name).script()
        for code in available:
            candidate = QLocale(code)
            if candidate.language() == language and language != QLocale.Language.C and (
                    script == QLocale.Script.AnyScript or candidate.script() == script):
                return code
    return SOURCE_LANGUAGE


def resolve_language(code: str | None) -> str:
    """``""``/``None``/``"system"`` -> :func:`system_language`; unknown codes -> English."""
    if not code or code == "system":
        return system_language()
    code = str(code).replace("-", "_")
    return code if code in available_languages() else SOURCE_LANGUAGE


def current_language() -> str:
    """The language installed now (``"en"`` when no catalogue is installed)."""
    return _current


def install_language(code: str | None) -> str:
    """Install the translators for ``code`` (see :func:`resolve_language`); return the code.

    Call at start-up before the widgets are built; it also sets the default :class:`QLocale`
    (which the lessons follow). Widgets that exist already are not changed: use
    :func:`set_language` for that.
    """
    global _current
    app = QCoreApplication.instance()
    resolved = resolve_language(code)
    while _installed:
        app.removeTranslator(_installed.pop())
    if resolved != SOURCE_LANGUAGE:
        ours = QTranslator()
        if ours.load(str(TRANSLATIONS_DIR / f"{TS_BASENAME}_{resolved}.qm")):
            app.installTranslator(ours)
            _installed.append(ours)
        qt_own = QTranslator()
        qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        if qt_own.load(f"qtbase_{resolved}", qt_dir):
            app.installTranslator(qt_own)
            _installed.append(qt_own)
    if not code:
        locale = QLocale.system()
    else:
        locale = QLocale("en_US" if resolved == SOURCE_LANGUAGE else resolved)
    QLocale.setDefault(locale)
    _current = resolved
    return resolved


def _translate_error(template: str) -> str:
    return QCoreApplication.translate(TRANSLATION_CONTEXT, template)


def error_message(error: ExpressionError | dict) -> str:
    """The message of ``error`` in the interface language.

    Parameters
    ----------
    error : ExpressionError or dict or Exception
        An error, or its :meth:`~visualizer.core.errors.ExpressionError.to_transport` /
        ``to_dict`` object, or any exception with ``template`` and ``fields`` attributes
        (the classroom's :class:`~visualizer.classroom.checks.DataError`: file problems,
        their place and nested formula errors, all in context ``"ExpressionError"``).
        Without a template (a message composed elsewhere) the message is returned as it is.

    Returns
    -------
    str
        The translated template formatted with the error's fields (nested phrases
        translated too; names, numbers and the user's text unchanged).
    """
    if isinstance(error, dict):
        try:
            error = ExpressionError.from_dict(error)
        except (KeyError, TypeError, ValueError):
            return str(error.get("message", ""))
    if isinstance(error, ExpressionError):
        return error.render(_translate_error)
    template = getattr(error, "template", None)
    if isinstance(template, str):  # any error with a template and fields (a DataError)
        return render(template, getattr(error, "fields", None), _translate_error)
    return str(getattr(error, "message", error))


def _translate_message(template: str) -> str:
    """A stop message's template (context ``Descent``), or a reason shared with the errors."""
    translated = QCoreApplication.translate(MESSAGE_CONTEXT, template)
    if translated == template:
        translated = QCoreApplication.translate(TRANSLATION_CONTEXT, template)
    return translated


def descent_message(template: str | None, fields: Mapping | None = None,
                    english: str = "") -> str:
    """An optimizer's stop message in the interface language.

    Parameters
    ----------
    template : str or None
        The message's template (:func:`visualizer.core.errors.message_text`), e.g. a
        :class:`~visualizer.core.optimizers.Stepper`'s ``message_template``.
    fields : mapping, optional
        Its fields (numbers and names as they are, words as nested phrases).
    english : str
        Returned as it is when there is no template.

    Returns
    -------
    str
        The translated template formatted with the fields; the English with the
        English catalogue installed (byte for byte the command line's message).
    """
    if not template:
        return english
    return render(template, fields, _translate_message)


@functools.cache
def _catalogue() -> tuple[tuple[str, str], ...]:
    """Every ``(context, source)`` the shipped ``.ts`` files know (no source scan at run time)."""
    from visualizer.i18n_catalog import read_ts

    keys: dict[tuple[str, str], None] = {}
    for path in sorted(TRANSLATIONS_DIR.glob(f"{TS_BASENAME}_*.ts")):
        keys.update(dict.fromkeys(read_ts(path)))
    return tuple(keys)


def _shown_texts(catalogue) -> dict[str, tuple[str, str]]:
    """``{text as the installed translators show it: (context, source)}``."""
    shown: dict[str, tuple[str, str]] = {}
    for context, source in catalogue:
        shown.setdefault(QCoreApplication.translate(context, source), (context, source))
    return shown


_FORMATTER = string.Formatter()


def _fields(text: str) -> list[tuple[str, str | None]] | None:
    """``[(literal, field name or None), ...]`` of a format string; None if it has no field."""
    try:
        parts = [(literal, name) for literal, name, _, _ in _FORMATTER.parse(text)]
    except ValueError:
        return None
    return parts if any(name is not None for _, name in parts) else None


class _Pattern:
    """A translated format string (``"Start {0}"``) matched against shown texts."""

    def __init__(self, shown: str, key: tuple[str, str]):
        self.key = key
        parts = _fields(shown) or []
        self.names: list[str] = []
        regex = []
        for literal, name in parts:
            regex.append(re.escape(literal))
            if name is not None:
                regex.append("(.*?)" if name not in self.names else "(?:.*?)")
                if name not in self.names:
                    self.names.append(name)
        self.regex = re.compile("".join(regex) + r"\Z", re.DOTALL)
        self.anchor = max((literal for literal, _ in parts), key=len, default="")

    def values(self, text: str) -> dict[str, str] | None:
        if self.anchor not in text:
            return None
        match = self.regex.match(text)
        return dict(zip(self.names, match.groups(), strict=True)) if match else None


class _Retranslator:
    def __init__(self, shown: dict[str, tuple[str, str]]):
        self.shown = shown
        self.changed = 0
        # Format strings with enough fixed text to be recognised; longest first, so that
        # "Start {0}; Enter applies..." wins over "Start {0}".
        # Not the core's error templates: a widget showing an error re-renders it from the
        # error itself (retranslate()), and their short fixed parts ("'{text}' at {at}")
        # would match unrelated texts. Nor the optimizers' stop messages ("{count} steps"),
        # for the same reason: their panel renders them anew from the run.
        patterns = [_Pattern(text, key) for text, key in shown.items()
                    if _fields(text) and key[0] not in (TRANSLATION_CONTEXT, MESSAGE_CONTEXT)]
        self.patterns = sorted((p for p in patterns if len(p.anchor.strip()) >= 2),
                               key=lambda p: -len(p.anchor))

    def new_text(self, text: str) -> str | None:
        if not text:
            return None
        core = text.strip()
        if core != text and core:  # "   " + name indents the library's entries
            new_core = self.new_text(core)
            if new_core is None:
                return None
            start = text.index(core)
            return text[:start] + new_core + text[start + len(core):]
        key = self.shown.get(text)
        if key is not None:
            translated = QCoreApplication.translate(*key)
            return translated if translated != text else None
        for pattern in self.patterns:
            values = pattern.values(text)
            if values is None:
                continue
            target = _fields(QCoreApplication.translate(*pattern.key))
            if target is None:
                return None
            pieces = []
            for literal, name in target:
                pieces.append(literal)
                if name is not None:
                    value = values.get(name, "")
                    pieces.append(self.new_text(value) or value)  # "{kind}" may be a word
            translated = "".join(pieces)
            return translated if translated != text else None
        return None

    def apply(self, getter, setter) -> None:
        try:
            text = getter()
        except RuntimeError:  # the C++ object is gone
            return
        new = self.new_text(text) if isinstance(text, str) else None
        if new is not None:
            setter(new)
            self.changed += 1

    def widget(self, widget: QWidget) -> None:
        for getter, setter in (
            (widget.windowTitle, widget.setWindowTitle),
            (widget.toolTip, widget.setToolTip),
            (widget.statusTip, widget.setStatusTip),
            (widget.whatsThis, widget.setWhatsThis),
            (widget.accessibleName, widget.setAccessibleName),
            (widget.accessibleDescription, widget.setAccessibleDescription),
        ):
            self.apply(getter, setter)
        if isinstance(widget, QAbstractButton):
            self.apply(widget.text, widget.setText)
        elif isinstance(widget, QLabel):
            self.apply(widget.text, widget.setText)
        elif isinstance(widget, (QLineEdit, QPlainTextEdit, QTextEdit)):
            self.apply(widget.placeholderText, widget.setPlaceholderText)
        elif isinstance(widget, QGroupBox):
            self.apply(widget.title, widget.setTitle)
        elif isinstance(widget, QMenu):
            self.apply(widget.title, widget.setTitle)
        elif isinstance(widget, QAbstractSpinBox):
            self.apply(widget.specialValueText, widget.setSpecialValueText)
            for name in ("prefix", "suffix"):
                if hasattr(widget, name):
                    self.apply(getattr(widget, name), getattr(widget, "set" + name.title()))
        elif isinstance(widget, QComboBox):
            self.combo(widget)
        elif isinstance(widget, QTabWidget):
            for index in range(widget.count()):
                self.apply(lambda i=index: widget.tabText(i),
                           lambda text, i=index: widget.setTabText(i, text))
                self.apply(lambda i=index: widget.tabToolTip(i),
                           lambda text, i=index: widget.setTabToolTip(i, text))
        elif isinstance(widget, QTableWidget):
            for index in range(widget.columnCount()):
                item = widget.horizontalHeaderItem(index)
                if item is not None:
                    self.apply(item.text, item.setText)
                    self.apply(item.toolTip, item.setToolTip)
        elif isinstance(widget, QTreeWidget):
            header = widget.headerItem()
            for index in range(widget.columnCount()):
                self.apply(lambda i=index: header.text(i),
                           lambda text, i=index: header.setText(i, text))
        model = getattr(widget, "model", None)
        if callable(model) and not isinstance(widget, QComboBox):
            item_model = model()
            if isinstance(item_model, QStandardItemModel):
                self.header_items(item_model)
        for action in widget.actions():
            self.action(action)

    def combo(self, combo: QComboBox) -> None:
        from PySide6.QtCore import Qt

        for index in range(combo.count()):
            self.apply(lambda i=index: combo.itemText(i),
                       lambda text, i=index: combo.setItemText(i, text))
            self.apply(lambda i=index: combo.itemData(i, Qt.ItemDataRole.ToolTipRole),
                       lambda text, i=index: combo.setItemData(
                           i, text, Qt.ItemDataRole.ToolTipRole))

    def header_items(self, model: QStandardItemModel) -> None:
        for index in range(model.columnCount()):
            item = model.horizontalHeaderItem(index)
            if item is not None:
                self.apply(item.text, item.setText)
                self.apply(item.toolTip, item.setToolTip)

    def action(self, action: QAction) -> None:
        for getter, setter in ((action.text, action.setText),
                               (action.toolTip, action.setToolTip),
                               (action.statusTip, action.setStatusTip)):
            self.apply(getter, setter)

    def plot_labels(self, widget: QWidget) -> None:
        """Axis labels, titles and text items of a pyqtgraph view."""
        import pyqtgraph as pg

        scene = widget.scene() if isinstance(widget, pg.GraphicsView) else None
        if scene is None:
            return
        for item in scene.items():
            if isinstance(item, pg.AxisItem) and item.labelText:
                self.apply(lambda a=item: a.labelText,
                           lambda text, a=item: a.setLabel(text, units=a.labelUnits or None))
            elif isinstance(item, pg.LabelItem):
                self.apply(lambda a=item: a.text, lambda text, a=item: a.setText(text))
            elif isinstance(item, pg.TextItem):
                self.apply(lambda a=item: a.textItem.toPlainText(),
                           lambda text, a=item: a.setText(text))


class _LanguageChangeWatcher(QObject):
    """Retranslates each widget as Qt delivers ``LanguageChange`` to it (see the module).

    Installed on the application only for the length of one switch; remembers the
    windows it saw, whose composed texts are redrawn once every widget is done.
    """

    def __init__(self, retranslator: _Retranslator):
        super().__init__()
        self.retranslator = retranslator
        self.windows: list[QWidget] = []
        # Qt sends one LanguageChange per translator removed or installed: do each once.
        self._done: set[QWidget] = set()

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.LanguageChange and isinstance(watched, QWidget) \
                and watched not in self._done:
            self._done.add(watched)
            self.retranslator.widget(watched)
            self.retranslator.plot_labels(watched)
            if watched.isWindow():
                self.windows.append(watched)
                for action in watched.findChildren(QAction):  # also those in no menu
                    self.retranslator.action(action)
        return False


def _refresh_dynamic_texts(windows) -> None:
    """Let each window redraw its composed texts (numbers and words) in the new language."""
    for widget in windows:
        model = getattr(widget, "model", None)
        if model is None or not hasattr(model, "x0_changed"):
            continue
        if callable(getattr(model, "retranslate_history", None)):
            model.retranslate_history()  # Edit → Undo names the last command anew
        theme = getattr(widget, "theme", None)
        if theme is not None and callable(getattr(widget, "apply_theme", None)):
            widget.apply_theme(theme)  # panels rebuild their legends and styled labels
        for signal, value in ((model.x0_changed, "x0"), (model.h_changed, "h"),
                              (model.point_changed, "point"),
                              (model.direction_angle_changed, "direction_angle"),
                              (model.critical_points_changed, "critical_points")):
            signal.emit(getattr(model, value))
        for child in widget.findChildren(QWidget):
            retranslate = getattr(child, "retranslate", None)
            if callable(retranslate):
                retranslate()


def set_language(code: str | None) -> str:
    """Switch the interface to ``code`` now (``""`` = system default); return the language.

    Installs the translators (:func:`install_language`) and re-translates every widget in
    place as Qt's ``LanguageChange`` reaches it; the model, the undo stack and the layout
    are untouched. The events are delivered before this returns.
    """
    catalogue = _catalogue()
    watcher = _LanguageChangeWatcher(_Retranslator(_shown_texts(catalogue)))
    app = QCoreApplication.instance()
    app.installEventFilter(watcher)
    try:
        resolved = install_language(code)
        # Each translator removed or installed posted a round of LanguageChange to the
        # windows: deliver one round (each widget passes it on to its children).
        QCoreApplication.removePostedEvents(None, QEvent.Type.LanguageChange)
        QCoreApplication.sendEvent(app, QEvent(QEvent.Type.LanguageChange))
        QCoreApplication.sendPostedEvents(None, QEvent.Type.LanguageChange)
    finally:
        app.removeEventFilter(watcher)
    _refresh_dynamic_texts(watcher.windows)
    return resolved


__all__ = [
    "LANGUAGE_KEY",
    "SOURCE_LANGUAGE",
    "SYSTEM_DEFAULT",
    "available_languages",
    "current_language",
    "descent_message",
    "error_message",
    "install_language",
    "resolve_language",
    "set_language",
    "system_language",
]
