"""Two languages: the Chinese catalogue is complete and compiled, and the switch works live.

The catalogue tests scan the source the way ``scripts/update_translations.sh`` does, so a
new string marked for translation but not yet translated fails here with its text.
"""

import re
import shutil
import string
import subprocess
import sys
import xml.etree.ElementTree as ElementTree
from collections import defaultdict
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QLocale, Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel
from window_script import WINDOW_SCRIPT_START

from visualizer import i18n
from visualizer import model as model_module
from visualizer.app import SETTINGS_ENV, create_main_window
from visualizer.i18n_catalog import all_messages, read_ts, scan_sources, ts_path

CHINESE = "zh_CN"
TS = ts_path(CHINESE)
QM = TS.with_suffix(".qm")


def live_messages(path=TS):
    """``(context, source, translation element)`` of every message that is not vanished."""
    root = ElementTree.parse(path).getroot()
    for context in root.iter("context"):
        name = context.findtext("name", "")
        for message in context.iter("message"):
            translation = message.find("translation")
            if translation is not None and translation.get("type") in ("vanished", "obsolete"):
                continue
            yield name, message.findtext("source", ""), translation


def fields(text):
    """The text's ``{name}`` and Qt ``%1`` placeholders."""
    names = [name for _, name, _, _ in string.Formatter().parse(text) if name is not None]
    return sorted(names + re.findall(r"%\d", text))


# -- the catalogue -----------------------------------------------------------------------------
def test_every_chinese_message_is_translated():
    problems = []
    for context, source, translation in live_messages():
        if translation is None or not (translation.text or "").strip():
            problems.append(f"[{context}] {source!r}: no translation")
        elif translation.get("type") == "unfinished":
            problems.append(f"[{context}] {source!r}: unfinished")
    assert not problems, "\n".join(problems)
    assert sum(1 for _ in live_messages()) > 400


def test_translations_keep_placeholders_markup_and_lines():
    problems = []
    for context, source, translation in live_messages():
        text = translation.text or ""
        if fields(source) != fields(text):
            problems.append(f"[{context}] {source!r}: fields {fields(source)} -> {fields(text)}")
        if source.count("<") != text.count("<") or source.count("\n") != text.count("\n"):
            problems.append(f"[{context}] {source!r}: markup or line breaks differ")
        if "&" in source.replace("&nbsp;", "") and "&" not in text.replace("&nbsp;", ""):
            problems.append(f"[{context}] {source!r}: the keyboard accelerator was dropped")
    assert not problems, "\n".join(problems)


def test_every_marked_string_of_the_source_is_translated():
    table = read_ts(TS)
    missing = [f"[{m.context}] {m.source!r} ({m.location})" for m in all_messages()
               if not table.get((m.context, m.source), ("", False))[1]]
    assert not missing, ("strings marked in the source but not translated in "
                         f"{TS.name} (run scripts/update_translations.sh, translate):\n"
                         + "\n".join(missing))


def test_the_scanner_sees_through_the_tr_wrappers():
    messages, _ = scan_sources()
    keys = {(m.context, m.source) for m in messages}
    # one per kind: a module wrapper, an imported wrapper, a written-out translate, a constant
    assert ("MainWindow", "Derivative lab") in keys
    assert ("SurfacePanel", "Contour map of f with the point and its gradient") in keys
    assert ("DescentModel", "Move the descent start") in keys
    assert ("Classroom", "Calculus Visualizer session (*.json)") in keys
    data = {(m.context, m.source) for m in all_messages()} - keys
    assert ("presets", "Free fall s(t) = ½·9.8·t²") in data
    assert ("scenarios", "Himmelblau: four minima") in data


def test_reverse_lookup_is_unambiguous():
    # The live switch maps shown texts back to their source: one source, one translation;
    # one translation, one source.
    by_source, by_translation = defaultdict(set), defaultdict(set)
    for _, source, translation in live_messages():
        by_source[source].add(translation.text)
        by_translation[translation.text].add(source)
    assert {s: t for s, t in by_source.items() if len(t) > 1} == {}
    assert {t: s for t, s in by_translation.items() if len(s) > 1} == {}


@pytest.mark.skipif(shutil.which("pyside6-lrelease") is None, reason="needs pyside6-lrelease")
def test_compiled_catalogue_is_fresh(tmp_path):
    fresh = tmp_path / "fresh.qm"
    subprocess.run(["pyside6-lrelease", "-silent", "-nounfinished", str(TS), "-qm", str(fresh)],
                   check=True, timeout=60)
    assert QM.read_bytes() == fresh.read_bytes(), (
        f"{QM.name} is older than {TS.name}: run scripts/update_translations.sh")


def test_language_codes_resolve():
    assert i18n.available_languages() == {"en": "English", CHINESE: "简体中文"}
    assert i18n.resolve_language("zh-CN") == CHINESE
    assert i18n.resolve_language("fr") == "en"
    assert i18n.resolve_language("en") == "en"
    assert i18n.resolve_language("") == i18n.system_language()
    assert i18n.system_language(["zh-Hans-CN", "zh-CN", "zh-Hans", "zh"]) == CHINESE
    assert i18n.system_language(["fr-FR", "fr", "zh-CN"]) == CHINESE  # second choice
    assert i18n.system_language(["en-GB", "en"]) == "en"
    assert i18n.system_language(["de-DE", "de"]) == "en"
    assert i18n.system_language(["C"]) == "en"


# -- the live switch ---------------------------------------------------------------------------
@pytest.fixture
def english_afterwards():
    saved = QLocale()
    yield
    i18n.install_language("en")  # translators are process-wide: leave the next test English
    QLocale.setDefault(saved)


@pytest.fixture
def window(qtbot, tmp_path, monkeypatch, english_afterwards):
    monkeypatch.setenv(SETTINGS_ENV, str(tmp_path / "settings.ini"))
    monkeypatch.setenv("CALCULUS_VISUALIZER_RESTORE", "no")
    i18n.install_language("en")
    win = create_main_window()
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    qtbot.waitUntil(lambda: win.model.function is not None, timeout=15_000)
    yield win
    win.close()


def sample(win):
    """Texts a learner sees first: menus, docks, editor, lab buttons, tabs, a preset."""
    bar = win.menuBar()
    descent = win.descent
    return {
        "menus": [action.text() for action in bar.actions()],
        "docks": [dock.windowTitle() for dock in win.docks.values()],
        "editor placeholder": win.editor.formula_edit.placeholderText(),
        "editor tooltip": win.editor.formula_edit.toolTip(),
        "preset group": win.editor.preset_box.itemText(2),
        "preset": win.editor.preset_box.itemText(3),
        "play button": win.secant.play_button.text(),
        "run button": descent.run_button.text(),
        "descent tabs": [descent.tabs.tabText(i) for i in range(descent.tabs.count())],
        "window title": win.windowTitle(),
    }


def static_texts(win):
    """Every label and button text that is a marked source string, by widget."""
    sources = {source for _, source in i18n._catalogue()}
    shown = {}
    for widget in QApplication.allWidgets():
        if isinstance(widget, (QLabel, QAbstractButton)) and widget.window() is win:
            if widget.text() in sources:
                shown[widget] = widget.text()
    return shown


def language_action(win, code):
    return next(a for a in win.language_actions.actions() if a.data() == code)


def test_switching_language_changes_the_texts_and_back(qtbot, window, monkeypatch):
    # The moves to 0.5 and 0.75 below are one drag whatever the switch between them costs
    # (a drag merges moves less than MERGE_WINDOW_S apart; a switch takes ~0.5 s).
    monkeypatch.setattr(model_module, "MERGE_WINDOW_S", 60.0)
    model = window.model
    with qtbot.waitSignal(model.expression_changed, timeout=10_000):
        model.set_expression("x^3")
    model.set_x0(0.5)
    undo_count, undo_index = model.undo_stack.count(), model.undo_stack.index()
    english = sample(window)
    english_static = static_texts(window)
    assert english["menus"][:3] == ["&File", "&Edit", "&View"]
    assert (english["preset group"], english["preset"]) == (
        "From the chapters", "   Line through A(4, 5) and B(2, 3)")
    assert len(english_static) > 20

    language_action(window, CHINESE).trigger()

    chinese = sample(window)
    assert chinese["menus"][:3] == ["文件(&F)", "编辑(&E)", "视图(&V)"]
    assert "课程(&L)" in chinese["menus"]  # the classroom's own menu follows too
    assert chinese["docks"] == ["函数", "导数实验", "曲面实验", "梯度下降实验"]
    assert chinese["editor placeholder"] == "f(x) = …  例如 x^2 + 1"
    assert chinese["editor tooltip"].startswith("输入 x（或 t）的函数")
    assert chinese["preset group"] == "来自教材"
    assert chinese["preset"] == "   过 A(4, 5) 和 B(2, 3) 的直线"
    assert chinese["play button"] == "▶ 播放"
    assert chinese["run button"] == "运行"
    assert chinese["descent tabs"][:3] == ["运行列表", "步骤", "学习率图"]
    assert chinese["window title"] == "微积分可视化"
    for widget, text in english_static.items():  # every static text, not only the sample
        expected = next(QCoreApplication.translate(c, s) for c, s in i18n._catalogue()
                        if s == text)
        assert widget.text() == expected, text
    assert QLocale().name() == CHINESE
    assert window._settings.value(i18n.LANGUAGE_KEY) == CHINESE
    assert language_action(window, CHINESE).isChecked()
    # nothing the user did is lost
    assert model.expression_text == "x^3" and model.x0 == pytest.approx(0.5)
    assert (model.undo_stack.count(), model.undo_stack.index()) == (undo_count, undo_index)
    assert window.undo_action.text() == "撤销(&U) 移动 P₀"  # the history's names too
    model.undo_stack.undo()
    assert window.redo_action.text() == "重做(&R) 移动 P₀"
    assert window.undo_action.text() == "撤销(&U) 函数 x^3"
    model.undo_stack.redo()
    edit_menu = window.menuBar().actions()[1].menu()
    assert [a.text() for a in edit_menu.actions()][:2] == [window.undo_action.text(),
                                                          window.redo_action.text()]
    model.set_x0(0.75)  # a new command: the prefix stays Chinese
    assert window.undo_action.text().startswith("撤销(&U)")
    model.undo_stack.undo()

    language_action(window, "en").trigger()

    assert sample(window) == english
    assert {w: w.text() for w in english_static} == english_static
    assert window._settings.value(i18n.LANGUAGE_KEY) == "en"
    # (the move to 0.75 merged with the move to 0.5: one drag, undone at once)
    assert window.undo_action.text() == "&Undo Function x^3"
    window.undo_action.trigger()  # the remade action drives the same stack
    assert model.x0 != pytest.approx(0.5)  # the history survived both switches


def test_composed_texts_follow_the_language(qtbot, window):
    descent = window.descent
    english = descent.start_labels["x"].text()
    assert english == "Start x"
    i18n.set_language(CHINESE)
    assert descent.start_labels["x"].text() == "起点 x"
    assert window.editor.x_low.accessibleName() == "x 的范围"
    i18n.set_language("en")
    assert descent.start_labels["x"].text() == english


def test_the_typeset_readout_speaks_chinese(qtbot, window):
    # ziamath's math font has no CJK glyphs: words are captions beside the formula,
    # never \text{} inside it, so they follow the language like any label.
    model, panel = window.model, window.secant
    with qtbot.waitSignal(model.expression_changed, timeout=15_000):
        model.set_expression("x^2 + 1")
    i18n.set_language(CHINESE)
    model.set_x0(1.0)
    model.set_h(0.5)
    quotient, tangent = panel.quotient_formula, panel.tangent_formula
    qtbot.waitUntil(lambda: quotient.is_typeset() and tangent.is_typeset(), timeout=10_000)
    assert quotient.caption.text() == "割线："
    assert tangent.caption.text() == "切线："
    for formula in (quotient, tangent):
        assert r"\text" not in formula.typeset.latex
    assert "y = 2x" in tangent.typeset.latex
    model.set_x0(1.25)  # while values change, the live line is Chinese too
    assert quotient.live.text().startswith("割线 Δy/Δx = (f(1.75)")


def test_a_window_built_after_start_up_install_is_chinese(qtbot, tmp_path, monkeypatch,
                                                          english_afterwards):
    # What app.main does: the saved language is installed before any widget exists.
    settings_path = tmp_path / "settings.ini"
    settings_path.write_text("[General]\nlanguage=zh_CN\n", encoding="utf-8")
    monkeypatch.setenv(SETTINGS_ENV, str(settings_path))
    monkeypatch.setenv("CALCULUS_VISUALIZER_RESTORE", "no")
    from visualizer.app import open_settings

    assert i18n.install_language(open_settings().value(i18n.LANGUAGE_KEY)) == CHINESE
    win = create_main_window()
    qtbot.addWidget(win)
    assert [a.text() for a in win.menuBar().actions()][:3] == ["文件(&F)", "编辑(&E)", "视图(&V)"]
    assert win.descent.step_button.text() == "单步"
    assert language_action(win, CHINESE).isChecked()
    assert win.language_menu.title() == "语言(&G)"
    win.close()


def _type_into_editor(qtbot, window, text):
    edit = window.editor.formula_edit
    edit.setFocus()
    edit.selectAll()
    qtbot.keyClicks(edit, text)


def _status_is(qtbot, editor, text):
    qtbot.waitUntil(lambda: editor.status_label.text() == text, timeout=10_000)
    assert editor.status_label.isVisible()


def test_a_formula_error_speaks_the_interface_language(qtbot, window):
    # The core's messages are English templates with fields; the editor translates them
    # (context "ExpressionError") and shows them again when the language changes.
    editor, model = window.editor, window.model
    language_action(window, CHINESE).trigger()
    _type_into_editor(qtbot, window, "sin(x")
    _status_is(qtbot, editor, "✗ 缺少 ')' 来闭合位置 4 的 '(' 仍在显示 x^2。")
    assert editor.formula_edit.error_position() == 3

    language_action(window, "en").trigger()
    assert editor.status_label.text() == (
        "✗ missing ')' to close the '(' at 4 Still showing x^2.")
    language_action(window, CHINESE).trigger()
    assert editor.status_label.text() == (
        "✗ 缺少 ')' 来闭合位置 4 的 '(' 仍在显示 x^2。")

    # A hint inside the sentence is translated as well; the user's word stays as typed.
    _type_into_editor(qtbot, window, "x + sec(x)")
    _status_is(qtbot, editor, "✗ 位置 5 的 'sec' 不是本程序认识的函数：正割请写 1/cos(x)"
                              " 仍在显示 x^2。")
    # The editor's own "type a function" hint follows the language too.
    editor.formula_edit.selectAll()
    qtbot.keyClick(editor.formula_edit, Qt.Key.Key_Delete)
    qtbot.keyClick(editor.formula_edit, Qt.Key.Key_Return)
    assert editor.status_label.text() == "✗ 请输入一个函数，例如 x^2。 仍在显示 x^2。"
    i18n.set_language("en")
    assert editor.status_label.text() == "✗ Type a function, for example x^2. Still showing x^2."

    # Once a formula is accepted the message goes, and a switch does not bring it back.
    with qtbot.waitSignal(model.expression_changed, timeout=10_000):
        _type_into_editor(qtbot, window, "x^3")
    assert not editor.status_label.isVisible()
    i18n.set_language(CHINESE)
    assert not editor.status_label.isVisible() and editor.status_label.text() == ""


EXPORT_THEN_SWITCH = WINDOW_SCRIPT_START + r'''
from visualizer import i18n
from visualizer.export import export_image

windows_before = len(QApplication.topLevelWidgets())
gc.disable()  # what the exports leave behind stays for the switch to meet
for index in range(3):
    export_image(window.model, "secant", os.path.join(sys.argv[1], f"{index}.png"), (200, 150))
QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
print("windows left by the exports:", len(QApplication.topLevelWidgets()) - windows_before)


class ArmedApplication:
    """QApplication whose widget list is converted with the garbage collector armed."""

    @staticmethod
    def allWidgets():
        gc.set_threshold(1)
        gc.enable()
        return QApplication.allWidgets()

    topLevelWidgets = staticmethod(QApplication.topLevelWidgets)


i18n.QApplication = ArmedApplication  # (only the old walk over every widget used it)
i18n.set_language("zh_CN")
print("menu:", window.menuBar().actions()[0].text())
gc.set_threshold(1)  # and a collection at almost every allocation of the way back
gc.enable()
i18n.set_language("en")
print("menu:", window.menuBar().actions()[0].text())
'''


def test_switching_language_after_exports_does_not_crash(tmp_path, settings_file, monkeypatch):
    monkeypatch.setenv("CALCULUS_VISUALIZER_RESTORE", "no")
    # Each export built a panel whose pyqtgraph menus (~21) had no parent: only the
    # garbage collector freed them, and a collection while the language switch converted
    # QApplication.allWidgets() left freed widgets in that list (a segmentation fault).
    result = subprocess.run([sys.executable, "-c", EXPORT_THEN_SWITCH, str(tmp_path)],
                            capture_output=True, text=True, timeout=120,
                            cwd=Path(__file__).resolve().parents[2])
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.splitlines() == ["windows left by the exports: 0",
                                          "menu: 文件(&F)", "menu: &File"]
