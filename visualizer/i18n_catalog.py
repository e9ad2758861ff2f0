"""Collect the interface's source strings and keep Qt ``.ts`` translation files up to date.

Most modules translate through a one-line wrapper,
``def tr(text): return QCoreApplication.translate("Context", text)``, which
``pyside6-lupdate`` cannot see through. This module reads the Python source (``ast``, never
imports it for the strings) and finds, per module:

* ``tr("...")`` where ``tr`` is such a wrapper (defined in the module or imported from one);
* ``QCoreApplication.translate("Context", "...")`` written out;
* a module-level string constant passed by name, ``tr(SESSION_FILTER)``;
* ``error_text("...")``: a template of an error message of the Qt-free core
  (:func:`visualizer.core.errors.error_text`), under the context ``"ExpressionError"``;
* ``message_text("...")``: a template of another message of the core, the optimizers'
  stop messages (:func:`visualizer.core.errors.message_text`), under ``"Descent"``.

Data that the GUI translates by value (preset names, descent scenarios) is added from the
data modules themselves. :func:`update_ts` merges the strings into a ``.ts`` file keeping
every existing translation, so ``scripts/update_translations.sh`` can be run at any time.

Qt-free: only the standard library (and the Qt-free data modules).
"""

from __future__ import annotations

import ast
import xml.etree.ElementTree as ElementTree
from dataclasses import dataclass
from pathlib import Path

from visualizer.resources import resource_path

PACKAGE_ROOT = Path(__file__).resolve().parent
#: The compiled (.qm) and source (.ts) catalogues, wherever the program is installed.
TRANSLATIONS_DIR = resource_path("translations")
TS_BASENAME = "calculus_visualizer"


@dataclass(frozen=True)
class Message:
    """One translatable string: its context, source text and first place of use."""

    context: str
    source: str
    location: str = ""


def _translate_context(node: ast.AST) -> str | None:
    """``"Ctx"`` if ``node`` is ``QCoreApplication.translate("Ctx", <anything>)`` or
    ``QT_TRANSLATE_NOOP("Ctx", <anything>)`` (a text marked here, translated later)."""
    if not isinstance(node, ast.Call):
        return None
    name = (node.func.attr if isinstance(node.func, ast.Attribute)
            else node.func.id if isinstance(node.func, ast.Name) else None)
    if (name in ("translate", "QT_TRANSLATE_NOOP") and len(node.args) >= 2
            and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str)):
        return node.args[0].value
    return None


#: The marker of the core's error templates and the context they are translated in
#: (``visualizer.core.errors.error_text`` and ``TRANSLATION_CONTEXT``; not imported, so
#: that scanning never imports the code it reads).
ERROR_MARKER = "error_text"
ERROR_CONTEXT = "ExpressionError"
#: The same for the core's other messages (``message_text``, ``MESSAGE_CONTEXT``).
MESSAGE_MARKER = "message_text"
MESSAGE_CONTEXT = "Descent"
_MARKER_CONTEXTS = {ERROR_MARKER: ERROR_CONTEXT, MESSAGE_MARKER: MESSAGE_CONTEXT}


def _marker_context(node: ast.Call) -> str | None:
    """The context of ``error_text(...)``/``message_text(...)`` (or ``errors.…``), else None."""
    name = (node.func.attr if isinstance(node.func, ast.Attribute)
            else node.func.id if isinstance(node.func, ast.Name) else None)
    return _MARKER_CONTEXTS.get(name) if len(node.args) == 1 else None


def _error_marker(node: ast.Call) -> bool:
    """``error_text(...)`` or ``errors.error_text(...)``."""
    return _marker_context(node) == ERROR_CONTEXT


def _wrapper_context(function: ast.FunctionDef) -> str | None:
    """The context of a ``def tr(text): return QCoreApplication.translate("Ctx", text)``."""
    for node in ast.walk(function):
        if isinstance(node, ast.Return) and node.value is not None:
            context = _translate_context(node.value)
            if context is not None:
                return context
    return None


def _module_name(path: Path) -> str:
    relative = path.resolve().relative_to(PACKAGE_ROOT.parent).with_suffix("")
    return ".".join(relative.parts)


class _ModuleScan:
    def __init__(self, path: Path):
        self.path = path
        self.tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        self.constants: dict[str, str] = {}
        self.wrappers: dict[str, str] = {}  # local name -> context
        self.imports: dict[str, tuple[str, str]] = {}  # local name -> (module, name)
        for node in self.tree.body:
            if isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant) \
                    and isinstance(node.value.value, str):
                for target in node.targets:
                    if isinstance(target, ast.Name):
                        self.constants[target.id] = node.value.value
            elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name) \
                    and isinstance(node.value, ast.Constant) and isinstance(node.value.value, str):
                self.constants[node.target.id] = node.value.value
            elif isinstance(node, ast.FunctionDef):
                context = _wrapper_context(node)
                if context is not None and len(node.args.args) == 1:
                    self.wrappers[node.name] = context
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                for alias in node.names:
                    self.imports[alias.asname or alias.name] = (node.module, alias.name)


def _literal(node: ast.AST, constants: dict[str, str]) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.Name):
        return constants.get(node.id)
    return None


def scan_sources(root: Path = PACKAGE_ROOT) -> tuple[list[Message], list[str]]:
    """Every marked string under ``root`` (``visualizer/``) and the calls it cannot read.

    Returns
    -------
    messages : list of Message
        In source order, duplicates (same context and text) removed.
    unreadable : list of str
        ``"file:line"`` of translation calls whose text is not a literal (nothing to extract).
    """
    scans = {_module_name(path): _ModuleScan(path) for path in sorted(root.rglob("*.py"))}
    messages: dict[tuple[str, str], Message] = {}
    unreadable: list[str] = []
    for module, scan in scans.items():
        wrappers = dict(scan.wrappers)
        for local, (source_module, name) in scan.imports.items():
            source = scans.get(source_module)
            if source is not None and name in source.wrappers:
                wrappers[local] = source.wrappers[name]
        for node in ast.walk(scan.tree):
            if not isinstance(node, ast.Call):
                continue
            where = f"{scan.path.relative_to(root.parent)}:{node.lineno}"
            context = _translate_context(node)
            if context is not None:
                argument = node.args[1]
            elif _marker_context(node) is not None:
                context, argument = _marker_context(node), node.args[0]
            elif isinstance(node.func, ast.Name) and node.func.id in wrappers and node.args:
                context, argument = wrappers[node.func.id], node.args[0]
            else:
                continue
            text = _literal(argument, scan.constants)
            if text is None:
                if not (isinstance(argument, ast.Name) and argument.id in ("text", "template")):
                    unreadable.append(where)  # the wrapper's own body is not a use
                continue
            messages.setdefault((context, text), Message(context, text, where))
        del module
    return list(messages.values()), unreadable


def data_messages() -> list[Message]:
    """Strings the GUI translates by value: presets (``presets``), scenarios (``scenarios``)."""
    from visualizer.core.presets import GROUP_TITLES, PRESETS

    found = [Message("presets", title, "visualizer/core/presets.py")
             for title in GROUP_TITLES.values()]
    found += [Message("presets", preset.name, "visualizer/core/presets.py")
              for preset in PRESETS]
    try:  # descent_model needs Qt; the list is still complete without it only in Qt-free runs
        from visualizer.descent_model import SCENARIOS
    except ImportError:  # pragma: no cover - Qt is a dependency of the program
        SCENARIOS = ()
    for scenario in SCENARIOS:
        found.append(Message("scenarios", scenario.name, "visualizer/descent_model.py"))
        if scenario.note:
            found.append(Message("scenarios", scenario.note, "visualizer/descent_model.py"))
    return found


def all_messages() -> list[Message]:
    """The whole catalogue: marked source strings, then the data strings (no duplicates)."""
    messages, _ = scan_sources()
    seen = {(m.context, m.source) for m in messages}
    for message in data_messages():
        if (message.context, message.source) not in seen:
            seen.add((message.context, message.source))
            messages.append(message)
    return messages


def read_ts(path: Path) -> dict[tuple[str, str], tuple[str, bool]]:
    """``{(context, source): (translation, finished)}`` of a ``.ts`` file (empty if absent)."""
    if not Path(path).exists():
        return {}
    table: dict[tuple[str, str], tuple[str, bool]] = {}
    root = ElementTree.parse(path).getroot()
    for context in root.iter("context"):
        name = context.findtext("name", "")
        for message in context.iter("message"):
            source = message.findtext("source", "")
            translation = message.find("translation")
            text = (translation.text or "") if translation is not None else ""
            kind = translation.get("type", "") if translation is not None else "unfinished"
            table[(name, source)] = (text, kind not in ("unfinished", "obsolete", "vanished"))
    return table


def update_ts(path: Path, language: str, messages: list[Message],
              translations: dict[tuple[str, str], str] | None = None) -> dict[str, int]:
    """Write ``path`` with ``messages``, keeping existing translations.

    ``translations`` (``{(context, source): text}``) fill or override entries. Strings no
    longer in the source are kept as ``type="vanished"`` (lrelease skips them) so a
    translation is not lost when a string comes back. Returns counts of
    ``finished``, ``unfinished`` and ``vanished`` messages.
    """
    old = read_ts(path)
    new = dict(translations or {})
    contexts: dict[str, list[Message]] = {}
    for message in messages:
        contexts.setdefault(message.context, []).append(message)
    current = {(m.context, m.source) for m in messages}
    vanished = [key for key, (text, _) in old.items() if key not in current and text]
    for context, source in vanished:
        contexts.setdefault(context, []).append(Message(context, source))
    counts = {"finished": 0, "unfinished": 0, "vanished": 0}
    root = ElementTree.Element("TS", version="2.1", language=language)
    for context in sorted(contexts):
        context_node = ElementTree.SubElement(root, "context")
        ElementTree.SubElement(context_node, "name").text = context
        for message in contexts[context]:
            key = (message.context, message.source)
            node = ElementTree.SubElement(context_node, "message")
            if message.location:
                file, _, line = message.location.rpartition(":")
                ElementTree.SubElement(node, "location", filename=f"../../{file}", line=line)
            ElementTree.SubElement(node, "source").text = message.source
            translation = ElementTree.SubElement(node, "translation")
            text, finished = old.get(key, ("", False))
            if key in new:
                text, finished = new[key], bool(new[key])
            translation.text = text
            if key not in current:
                translation.set("type", "vanished")
                counts["vanished"] += 1
            elif finished and text:
                counts["finished"] += 1
            else:
                translation.set("type", "unfinished")
                counts["unfinished"] += 1
    ElementTree.indent(root)
    body = ElementTree.tostring(root, encoding="unicode")
    Path(path).write_text('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n' + body + "\n",
                          encoding="utf-8")
    return counts


def ts_path(language: str) -> Path:
    """``resources/translations/calculus_visualizer_<language>.ts``."""
    return TRANSLATIONS_DIR / f"{TS_BASENAME}_{language}.ts"


def main(argv: list[str] | None = None) -> int:
    """``python -m visualizer.i18n_catalog [LANG ...]``: refresh the ``.ts`` files."""
    import sys

    languages = list(sys.argv[1:] if argv is None else argv) or sorted(
        path.stem.removeprefix(TS_BASENAME + "_") for path in TRANSLATIONS_DIR.glob("*.ts"))
    messages = all_messages()
    _, unreadable = scan_sources()
    for where in unreadable:
        print(f"note: translation call without a literal text at {where}")
    for language in languages:
        counts = update_ts(ts_path(language), language, messages)
        print(f"{ts_path(language).name}: {counts['finished']} finished, "
              f"{counts['unfinished']} unfinished, {counts['vanished']} vanished")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
