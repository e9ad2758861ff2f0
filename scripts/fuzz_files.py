"""Fuzz the files the program reads: sessions, lessons, autosaves and the settings.

Each mutation of a valid file (bit flips, truncation, a value of another type, deep
nesting, huge numbers, invalid UTF-8, 50 MB, a FIFO in place of the file or named as the
session's lesson) is opened through the program's own code in a real window, in a
subprocess: a session with ``open_session``, a lesson with ``open_lesson``, an autosave
as the orphan of a crashed program (answered "Restore"), a settings file by building a
window on it. Nothing may crash the process, block the GUI thread over 1 s, or change
the state when the file is refused. The subprocess is restarted after a crash and goes
on with the next mutation.

Usage::

    python scripts/fuzz_files.py [--mutations N] [--seed S] [--json]

Prints a summary (mutations, crashes, longest block of the GUI thread, refusals that
changed the state); exit status 1 when anything failed. ``tests/classroom`` runs a few
dozen mutations of it in the suite.
"""

from __future__ import annotations

import argparse
import json
import os
import queue
import random
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
KINDS = ("session", "lesson", "autosave", "settings")
#: The GUI thread may be busy this long at most (docs/reliability.md: never freeze over 1 s).
BLOCK_LIMIT_S = 1.0
BIG_FILE_BYTES = 50 * 1024 * 1024
SETTINGS_TEXT = """[General]
theme=dark
scale=1.25
language=en
expression=x^3 - x
x_range=-4, 4
y_range=-3, 3
[classroom]
recentSessions=/tmp/a.json
pointerHighlight=true
"""


def valid_files() -> dict[str, bytes]:
    """One valid file of each kind (built without Qt)."""
    sys.path.insert(0, str(ROOT))
    from visualizer.classroom.session import DEFAULT_MODEL_STATE, dumps_session, session_document

    model = dict(DEFAULT_MODEL_STATE, expression="sin(x) * x^2", x0=0.75, h=0.5)
    model.pop("variables", None)
    session = dumps_session(session_document(
        model, {"start": [1.5], "runs": [{"optimizer": "adam", "lr": 0.05, "steps": 40}]},
        None, {"theme": "light", "scale": 1.0}, application="fuzz")).encode("utf-8")
    lesson = (ROOT / "resources" / "lessons" / "calculus-for-deep-learning.json").read_bytes()
    return {"session": session, "lesson": lesson, "autosave": session,
            "settings": SETTINGS_TEXT.encode("utf-8")}


# -- mutations -----------------------------------------------------------------------------
def _json_paths(value, path=()):
    yield path
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _json_paths(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _json_paths(item, (*path, index))


def _replace(value, path, new):
    if not path:
        return new
    head, rest = path[0], path[1:]
    value[head] = _replace(value[head], rest, new)
    return value


OTHER_VALUES = [None, True, 0, -1, 1e308, -1e308, 1e-320, "", "x" * 5000, [], {}, [[]],
                {"a": 1}, "NaN", "__import__('os')", "sigmoid(" * 40 + "x" + ")" * 40,
                "/dev/stdin", 2**70, "\u202e\u0000", [1, 2, 3]]


def mutate(kind: str, data: bytes, rng: random.Random) -> tuple[str, bytes | None]:
    """A mutation of ``data``: (its name, the bytes), or (``"fifo"``, None)."""
    choice = rng.randrange(100)
    if choice < 30:  # bit flips
        mutated = bytearray(data)
        for _ in range(rng.randint(1, 8)):
            index = rng.randrange(len(mutated))
            mutated[index] ^= 1 << rng.randrange(8)
        return "bit flips", bytes(mutated)
    if choice < 42:
        return "truncated", data[:rng.randrange(len(data))]
    if choice < 47:
        return "invalid UTF-8", data[:(cut := rng.randrange(len(data)))] + bytes(
            rng.choice([b"\xff\xfe", b"\xc3", b"\xed\xa0\x80", b"\x80\x80"])) + data[cut:]
    if choice < 50:
        return "deep nesting", b"[" * 100_000 + b"]" * 100_000
    if choice < 53:
        return "huge number", data.replace(b"0.75", b"1" + b"0" * 5000, 1).replace(
            b"1.25", b"9e999", 1)
    if choice < 55:
        return "fifo", None
    if kind != "settings":
        try:
            document = json.loads(data)
        except ValueError:
            return "bit flips", data
        paths = list(_json_paths(document))
        path = rng.choice(paths[1:] or paths)
        if choice < 62 and kind in ("session", "autosave"):
            document.setdefault("lesson", {})
            if isinstance(document["lesson"], dict):
                document["lesson"].update(source="@FIFO@", step=1)
            return "lesson is a FIFO", json.dumps(document).encode("utf-8")
        if choice < 70 and kind in ("session", "autosave") and "window" in document:
            import base64

            layout = bytearray(os.urandom(rng.randrange(1, 400)))
            document["window"]["layout"] = base64.b64encode(bytes(layout)).decode("ascii")
            return "random layout", json.dumps(document).encode("utf-8")
        new = rng.choice(OTHER_VALUES)
        return "type change", json.dumps(_replace(document, path, new)).encode("utf-8")
    lines = data.decode("utf-8").splitlines()
    index = rng.randrange(len(lines))
    key = lines[index].split("=")[0] if "=" in lines[index] else "scale"
    value = rng.choice(["abc", "nan", "1e400", "@Point(1 2)", "@Variant(\\0\\0\\0\\x2\\0\\0\\0\\x5)",
                        "@ByteArray(\\xff)", "a, b", "", "-inf", "x" * 100_000])
    lines[index] = f"{key}={value}"
    return "type change", "\n".join(lines).encode("utf-8")


def cases(count: int, seed: int, folder: Path, big_file: bool = True) -> list[dict]:
    """``count`` mutated files written under ``folder``; one of them 50 MB if asked."""
    rng = random.Random(seed)
    originals = valid_files()
    made = []
    fifo = folder / "lesson.fifo"
    if not fifo.exists():
        os.mkfifo(fifo)
    for number in range(count):
        kind = KINDS[number % len(KINDS)]
        name, data = mutate(kind, originals[kind], rng)
        path = folder / f"{number:05d}-{kind}.{'ini' if kind == 'settings' else 'json'}"
        if data is None:
            os.mkfifo(path)
        else:
            path.write_bytes(data.replace(b"@FIFO@", str(fifo).encode()))
        made.append({"number": number, "kind": kind, "mutation": name, "path": str(path)})
    if big_file:
        path = folder / "big-session.json"
        with open(path, "wb") as handle:
            handle.write(originals["session"][:-2])
            handle.write(b" " * BIG_FILE_BYTES + b"}\n")
        made.append({"number": count, "kind": "session", "mutation": "50 MB", "path": str(path)})
    return made


# -- the driver (runs in the subprocess) ----------------------------------------------------
DRIVER = r'''
import json, os, sys, time
os.environ.setdefault("PYQTGRAPH_QT_LIB", "PySide6")
import PySide6  # noqa: F401
from PySide6.QtCore import QDeadlineTimer, QElapsedTimer, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from visualizer.app import create_main_window, prepare_application_attributes

prepare_application_attributes()
app = QApplication([sys.argv[0]])
QMessageBox.exec = lambda self: QMessageBox.StandardButton.Ok  # no modal box waits
cases = json.loads(sys.stdin.read())
window = create_main_window()
window.show()

def pump(seconds, until=lambda: False):
    deadline = QDeadlineTimer(int(seconds * 1000))
    while not until() and not deadline.hasExpired():
        app.processEvents()

pump(20, lambda: window.model.function is not None)
window.build_labs()  # not while the first file is measured
pump(0.5)
classroom = window.classroom
# The GUI thread's longest busy stretch: a timer that should tick every 10 ms.
gaps = {"last": time.monotonic(), "longest": 0.0}
def tick():
    now = time.monotonic()
    gaps["longest"] = max(gaps["longest"], now - gaps["last"])
    gaps["last"] = now
ticker = QTimer()
ticker.timeout.connect(tick)
ticker.start(10)
outcome = {}
classroom.session_opened.connect(lambda *_: outcome.setdefault("result", "opened"))
classroom.session_refused.connect(lambda *_: outcome.setdefault("result", "refused"))
classroom.lesson_refused.connect(lambda *_: outcome.setdefault("result", "refused"))

def close_boxes():
    for box in window.findChildren(QMessageBox):
        if box.isVisible():
            box.close()

for case in cases:
    print("CASE", case["number"], flush=True)
    outcome.clear()
    pump(0.05)
    gaps["last"], gaps["longest"] = time.monotonic(), 0.0
    before = window.model.snapshot()
    clock = QElapsedTimer()
    clock.start()
    kind, path = case["kind"], case["path"]
    if kind == "session":
        if not classroom.open_session(path):
            outcome.setdefault("result", "refused")
    elif kind == "lesson":
        outcome["result"] = "opened" if classroom.open_lesson(path) else "refused"
    elif kind == "autosave":
        import shutil, stat
        orphan = classroom.store.folder / "autosave-1-fuzz.json"
        if stat.S_ISFIFO(os.stat(path).st_mode):
            os.mkfifo(orphan)
        else:
            shutil.copyfile(path, orphan)
        os.environ["CALCULUS_VISUALIZER_RESTORE"] = "yes"
        classroom.offer_recovery()
        if not orphan.exists() and "result" not in outcome:
            outcome.setdefault("result", "restored")
    else:
        # A window of its own on these settings (sharing the helper processes); building
        # a window takes a while by itself, so its stalls are measured once it stands.
        from visualizer.main_window import MainWindow
        from visualizer.model import Model
        from visualizer.app import SETTINGS_ENV, open_settings
        os.environ[SETTINGS_ENV] = path
        other = MainWindow(Model(service=window.model.service), open_settings())
        other.show()
        gaps["last"], gaps["longest"] = time.monotonic(), 0.0
        clock.restart()
        pump(10, lambda: other.model.function is not None)
        outcome["result"] = "started" if other.model.function is not None else "no function"
        other.close()
        other.deleteLater()
    call_s = clock.elapsed() / 1000 if kind != "settings" else 0.0
    pump(10, lambda: "result" in outcome and not classroom.applier.busy)
    pump(0.05)
    close_boxes()
    refused_changed = (outcome.get("result") == "refused"
                       and window.model.snapshot() != before)
    if kind == "autosave":
        for leftover in classroom.store.folder.glob("autosave-1-fuzz.*"):
            leftover.unlink()
    print("DONE", json.dumps({"number": case["number"], "result": outcome.get("result"),
                              "block_s": max(call_s, gaps["longest"]), "call_s": call_s,
                              "refusal_changed_state": refused_changed}), flush=True)
window.close()
print("END", flush=True)
'''


def _forward_lines(stream, lines: queue.Queue) -> None:
    for line in stream:
        lines.put(line)
    lines.put(None)


def run(made: list[dict], folder: Path, timeout_per_case: float = 60.0) -> dict:
    """Open every case in driver subprocesses; returns the summary."""
    env = dict(os.environ, PYTHONPATH=str(ROOT), PYQTGRAPH_QT_LIB="PySide6",
               CALCULUS_VISUALIZER_SETTINGS=str(folder / "driver-settings.ini"),
               CALCULUS_VISUALIZER_DATA_DIR=str(folder / "data"),
               CALCULUS_VISUALIZER_RESTORE="no")
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    results, crashes, pending = {}, [], list(made)
    while pending:
        process = subprocess.Popen([sys.executable, "-c", DRIVER], env=env, cwd=ROOT,
                                   stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                   stderr=subprocess.DEVNULL, text=True)
        process.stdin.write(json.dumps(pending))
        process.stdin.close()
        current = None
        lines: queue.Queue = queue.Queue()
        threading.Thread(target=_forward_lines, args=(process.stdout, lines),
                         daemon=True).start()
        while True:
            try:  # a driver silent this long is stuck (a hang counts as a crash)
                line = lines.get(timeout=timeout_per_case)
            except queue.Empty:
                process.kill()
                break
            if line is None:
                break
            if line.startswith("CASE "):
                current = int(line.split()[1])
            elif line.startswith("DONE "):
                record = json.loads(line[5:])
                results[record["number"]] = record
                current = None
        try:
            code = process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            code = process.wait()
        done = set(results)
        if current is not None:  # it died (or hung) in the middle of this case
            case = next(c for c in pending if c["number"] == current)
            crashes.append(dict(case, exit_status=code))
            done.add(current)
        elif code != 0 and not [c for c in pending if c["number"] not in done]:
            crashes.append({"number": None, "kind": "exit", "exit_status": code})
        remaining = [c for c in pending if c["number"] not in done]
        if len(remaining) == len(pending):  # no progress (a crash at start): stop
            crashes.append({"number": None, "kind": "start", "exit_status": code})
            break
        pending = remaining
    blocks = [r["block_s"] for r in results.values()]
    longest = max(blocks, default=0.0)
    slowest = max(results.values(), key=lambda r: r["block_s"], default=None)
    by_number = {c["number"]: c for c in made}
    return {
        "mutations": len(made),
        "opened": len(results),
        "crashes": crashes,
        "longest_block_s": round(longest, 3),
        "slowest": dict(by_number[slowest["number"]], **slowest) if slowest else None,
        "blocks_over_limit": [dict(by_number[r["number"]], **r) for r in results.values()
                              if r["block_s"] > BLOCK_LIMIT_S],
        "refusals_that_changed_state": [dict(by_number[r["number"]], **r)
                                        for r in results.values()
                                        if r["refusal_changed_state"]],
        "results": {name: sum(1 for r in results.values() if r["result"] == name)
                    for name in {r["result"] for r in results.values()}},
    }


def fuzz(mutations: int, seed: int, big_file: bool = True) -> dict:
    """Make ``mutations`` mutated files (and the 50 MB one), open them all, summarise."""
    with tempfile.TemporaryDirectory(prefix="fuzz-files-") as folder:
        folder = Path(folder)
        (folder / "data").mkdir()
        return run(cases(mutations, seed, folder, big_file), folder)


def failed(summary: dict) -> bool:
    return bool(summary["crashes"] or summary["blocks_over_limit"]
                or summary["refusals_that_changed_state"])


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mutations", type=int, default=200)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--json", action="store_true", help="print the whole summary as JSON")
    options = parser.parse_args(argv)
    started = time.monotonic()
    summary = fuzz(options.mutations, options.seed)
    summary["seconds"] = round(time.monotonic() - started, 1)
    if options.json:
        print(json.dumps(summary, indent=2))
    else:
        print(f"{summary['mutations']} mutations (seed {options.seed}) in "
              f"{summary['seconds']} s: {len(summary['crashes'])} crashes, longest block of "
              f"the GUI thread {summary['longest_block_s']} s, "
              f"{len(summary['blocks_over_limit'])} over {BLOCK_LIMIT_S} s, "
              f"{len(summary['refusals_that_changed_state'])} refusals that changed the "
              f"state; outcomes {summary['results']}")
        for crash in summary["crashes"]:
            print("crash:", crash)
        for block in summary["blocks_over_limit"]:
            print("block:", block)
    return 1 if failed(summary) else 0


if __name__ == "__main__":
    sys.exit(main())
