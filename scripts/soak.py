"""Soak the real program: a seeded random user at a fast pace, watched for trouble.

Usage::

    xvfb-run -a -s "-screen 0 1600x1000x24" python scripts/soak.py [--minutes 10]
        [--seed 1] [--pace-ms 150] [--json summary.json]

It opens the real window (settings and autosaves in a temporary folder) and, chosen at
random from the seed, types functions (valid and invalid) into the editor, drags with
the mouse on the plots, switches labs and languages, enters and leaves presentation
mode, saves and opens sessions (and a damaged one), exports pictures, computes the
learning-rate map, undoes and redoes, and kills the symbolic helper processes
(``os.kill``). Meanwhile it watches for:

* exceptions (``sys.excepthook``, which Qt slots report through) and Qt's warnings;
* stalls of the event loop: a 20 ms heartbeat timer; a gap over 1 s is a stall, and
  the longest gap is reported with the action that was running;
* resident memory of the program and its helper processes, every 5 s.

It prints a summary (actions, exceptions, longest stall, memory after 1 minute and at
the end, peak) and exits with 1 when it saw an exception or a stall over 1 s.
"""

from __future__ import annotations

import argparse
import faulthandler
import json
import os
import random
import signal
import sys
import tempfile
import threading
import time
import traceback
import tracemalloc
from collections import Counter
from pathlib import Path

os.environ.setdefault("PYQTGRAPH_QT_LIB", "PySide6")
import PySide6  # noqa: E402, F401  - before pyqtgraph

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PySide6.QtCore import (  # noqa: E402
    QEvent,
    QPointF,
    Qt,
    QTimer,
    QtMsgType,
    qInstallMessageHandler,
)
from PySide6.QtGui import QKeyEvent, QMouseEvent  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication, QMessageBox  # noqa: E402

HEARTBEAT_MS = 20
STALL_S = 1.0
MEMORY_EVERY_MS = 5000

VALID = [
    "x^2", "sin(x) + x/3", "x^3 - 3*x", "relu(x) + x^2", "exp(-x^2)", "sigmoid(x)",
    "tanh(2*x)", "abs(x) + 0.1*x^2", "log(1 + x^2)", "x^4 - 3*x^2 + x", "cos(3*x)*exp(-x/4)",
    "x^2 + y^2", "x^2 - y^2", "sin(x)*cos(y)", "(1 - x)^2 + 100*(y - x^2)^2",
    "exp(-(x^2 + y^2))", "x*y", "x^4 + y^2 - 2*x*y", "log(1 + exp(x + y))", "t^3 - 2*t",
]
INVALID = [
    "x^^2", "sin(", "foo(x)", "__import__('os')", "x +* 3", "1/0", "(((x", "x..2",
    "lambda: 1", "sin(exp(exp(exp(exp(1)))))", "x" * 600, "∑x", "", "y^(1/0)",
]


def rss_mb(pid: int) -> float:
    """Resident memory of a process in MB (0 when it is gone)."""
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


class Soak:
    """The random user and the watchers."""

    def __init__(self, app, window, args, folder: Path):
        self.app, self.window, self.args, self.folder = app, window, args, folder
        self.random = random.Random(args.seed)
        self.began = time.monotonic()
        self.actions: Counter = Counter()
        self.exceptions: list[str] = []
        self.qt_messages: Counter = Counter()
        self.current = "start-up"
        self.longest_stall = (0.0, "")
        self.stalls: list[tuple[float, str]] = []
        self.memory: list[tuple[float, float, float]] = []  # (t, program, helpers)
        self.sessions: list[Path] = []
        self._first_snapshot = None
        self.in_presentation_for = 0
        self._last_beat = time.monotonic()
        self._running = None  # the generator of the action in progress
        self._stall_samples: Counter = Counter()
        self.stall_stacks: list[tuple[float, str, str]] = []
        if args.stacks:
            threading.Thread(target=self._sample_stalls, daemon=True).start()

        sys.excepthook = self._on_exception
        qInstallMessageHandler(self._on_qt_message)
        self.heartbeat = QTimer()
        self.heartbeat.setTimerType(Qt.TimerType.PreciseTimer)
        self.heartbeat.setInterval(HEARTBEAT_MS)
        self.heartbeat.timeout.connect(self._beat)
        self.heartbeat.start()
        self.memory_timer = QTimer()
        self.memory_timer.setInterval(MEMORY_EVERY_MS)
        self.memory_timer.timeout.connect(self._sample_memory)
        self.memory_timer.start()

    # -- watchers ----------------------------------------------------------------------
    def _on_exception(self, kind, value, trace) -> None:
        text = "".join(traceback.format_exception(kind, value, trace))
        self.exceptions.append(f"[{self.current}] {text}")
        sys.stderr.write(f"EXCEPTION during {self.current}:\n{text}")

    def _on_qt_message(self, kind, _context, message) -> None:
        if kind in (QtMsgType.QtWarningMsg, QtMsgType.QtCriticalMsg, QtMsgType.QtFatalMsg):
            if not self.qt_messages[message[:160]]:
                sys.stderr.write(f"QT {kind.name} during {self.current}: {message}\n")
            self.qt_messages[message[:160]] += 1

    def _beat(self) -> None:
        now = time.monotonic()
        gap = now - self._last_beat - HEARTBEAT_MS / 1000
        self._last_beat = now
        if gap > self.longest_stall[0]:
            self.longest_stall = (gap, self.current)
        if gap > STALL_S:
            self.stalls.append((round(gap, 2), self.current))
            sys.stderr.write(f"STALL {gap:.2f} s during {self.current}\n")
        if self._stall_samples:
            samples, self._stall_samples = self._stall_samples, Counter()
            if gap > self.args.stacks:
                stack, count = samples.most_common(1)[0]
                self.stall_stacks.append((round(gap, 2), self.current, stack))
                sys.stderr.write(f"  most seen ({count} of {sum(samples.values())} samples):\n"
                                 f"{stack}\n")

    def _sample_stalls(self) -> None:
        """Watchdog thread: while the heartbeat is late, sample the GUI thread's stack."""
        main_id = threading.main_thread().ident
        while True:
            time.sleep(0.05)
            if time.monotonic() - self._last_beat < 0.25:
                continue
            frame = sys._current_frames().get(main_id)
            if frame is None:
                continue
            # Keyed by the program's own frames (and the one call it made below them),
            # so samples of one slow step add up however deep the library code goes.
            frames = [f for f in traceback.extract_stack(frame) if "soak.py" not in f.filename]
            ours = [i for i, f in enumerate(frames) if f"{os.sep}visualizer{os.sep}" in f.filename]
            if ours:
                frames = frames[:ours[-1] + 2]
            lines = [f"    {Path(f.filename).name}:{f.lineno} {f.name}" for f in frames[-8:]]
            self._stall_samples["\n".join(lines)] += 1

    def helper_pids(self) -> list[int]:
        return self.window.model.service.helper_process_ids()

    def _sample_memory(self) -> None:
        helpers = sum(rss_mb(pid) for pid in self.helper_pids())
        elapsed = time.monotonic() - self.began
        self.memory.append((elapsed, rss_mb(os.getpid()), helpers))
        if self.args.json:  # kept up to date: a crash still leaves the figures so far
            Path(self.args.json).write_text(json.dumps(self._summary(), indent=2) + "\n")
        if self.args.tracemalloc and self._first_snapshot is None and elapsed >= 60:
            # Traced from here on only: tracing start-up (imports) would slow it tenfold.
            tracemalloc.start(6)
            self._first_snapshot = tracemalloc.take_snapshot()

    def _print_growth(self) -> None:
        if self._first_snapshot is None:
            return
        grown = tracemalloc.take_snapshot().compare_to(self._first_snapshot, "lineno")
        sys.stderr.write("Python memory grown since minute 1 (top 20 lines):\n")
        for stat in grown[:20]:
            sys.stderr.write(f"  {stat}\n")

    # -- the run -----------------------------------------------------------------------
    def start(self) -> None:
        QTimer.singleShot(0, self._next)

    def _next(self) -> None:
        if time.monotonic() - self.began > self.args.minutes * 60:
            self.finish()
            return
        self._close_message_boxes()
        name, action = self._choose()
        self.current = name
        self.actions[name] = self.actions[name] + 1
        try:
            steps = action()
        except Exception:  # noqa: BLE001 - reported like an exception in a slot
            self._on_exception(*sys.exc_info())
            steps = None
        self._running = steps
        self._step()

    def _step(self) -> None:
        """Run the current action to its next pause (actions are generators of delays)."""
        delay = None
        if self._running is not None:
            try:
                delay = next(self._running)
            except StopIteration:
                self._running = None
            except Exception:  # noqa: BLE001
                self._on_exception(*sys.exc_info())
                self._running = None
        if self._running is not None:
            QTimer.singleShot(int(delay or 0), self._step)
        else:
            QTimer.singleShot(self.args.pace_ms, self._next)

    def _choose(self):
        if self.in_presentation_for > 0:
            self.in_presentation_for -= 1
            if self.in_presentation_for == 0:
                return "presentation-leave", self.leave_presentation
        table = [
            (30, "type-valid", self.type_valid), (12, "type-invalid", self.type_invalid),
            (25, "drag", self.drag), (8, "switch-lab", self.switch_lab),
            (3, "language", self.switch_language), (2, "presentation", self.enter_presentation),
            (4, "save-session", self.save_session), (4, "open-session", self.open_session),
            (3, "export", self.export), (3, "lr-map", self.lr_map),
            (5, "undo-redo", self.undo_redo), (2, "kill-helper", self.kill_helper),
            (2, "layout", self.layout),
        ]
        table = [row for row in table if row[1] not in self.args.skip]
        weights = [w for w, _, _ in table]
        _, name, action = self.random.choices(table, weights)[0]
        return name, action

    def finish(self) -> None:
        self._sample_memory()
        self._print_growth()
        self.heartbeat.stop()
        self.memory_timer.stop()
        self.summary = self._summary()
        print(json.dumps(self.summary, indent=2))
        if self.args.json:
            Path(self.args.json).write_text(json.dumps(self.summary, indent=2) + "\n")
        self.window.close()
        self.app.quit()

    def _summary(self) -> dict:
        def total(sample):
            return round(sample[1] + sample[2], 1)

        after_minute = next((s for s in self.memory if s[0] >= 60), None)
        end = self.memory[-1] if self.memory else (0, 0, 0)
        peak = max(self.memory, key=total) if self.memory else (0, 0, 0)
        return {
            "seed": self.args.seed,
            "load_average": [round(v, 1) for v in os.getloadavg()],
            "minutes": round((time.monotonic() - self.began) / 60, 2),
            "actions": sum(self.actions.values()),
            "by_action": dict(sorted(self.actions.items())),
            "exceptions": len(self.exceptions),
            "exception_heads": [e.strip().splitlines()[-1][:200] for e in self.exceptions[:10]],
            "qt_warnings": dict(self.qt_messages.most_common(10)),
            "longest_stall_s": round(self.longest_stall[0], 3),
            "longest_stall_during": self.longest_stall[1],
            "stalls_over_1s": self.stalls,
            "memory_mb_after_1_min": total(after_minute) if after_minute else None,
            "memory_mb_at_end": total(end),
            "memory_mb_peak": total(peak),
            "program_mb_after_1_min": round(after_minute[1], 1) if after_minute else None,
            "program_mb_at_end": round(end[1], 1),
            "helpers_mb_at_end": round(end[2], 1),
            "memory_mb_by_minute": [total(next(s for s in self.memory if s[0] >= 60 * m))
                                    for m in range(1, int(end[0] // 60) + 1)],
            "growth_after_1_min_mb": round(total(end) - total(after_minute), 1)
            if after_minute else None,
        }

    # -- actions (generators: each yield is a pause in ms) ------------------------------
    def _close_message_boxes(self) -> None:
        for box in self.window.findChildren(QMessageBox):
            if box.isVisible():
                box.close()

    def _type(self, text: str):
        edit = self.window.editor.formula_edit
        edit.setFocus()
        QTest.keyClick(edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        QTest.keyClick(edit, Qt.Key.Key_Delete)
        for start in range(0, len(text), 6):  # a fast typist: a few characters a frame
            for character in text[start:start + 6]:
                if character.isascii():
                    QTest.keyClick(edit, character)
                else:  # QTest knows ASCII keys only: the event a keyboard layout would send
                    for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                        QApplication.sendEvent(edit, QKeyEvent(
                            kind, 0, Qt.KeyboardModifier.NoModifier, character))
            yield 16
        if self.random.random() < 0.7:
            QTest.keyClick(edit, Qt.Key.Key_Return)

    def type_valid(self):
        return self._type(self.random.choice(VALID))

    def type_invalid(self):
        return self._type(self.random.choice(INVALID))

    def _visible_plots(self):
        from pyqtgraph import PlotWidget

        names = ("secantPlot", "surfaceContourView", "descentCurvePlot", "descentContourPlot")
        plots = [self.window.findChild(PlotWidget, name) for name in names]
        return [p for p in plots if p is not None and p.isVisible()
                and not p.visibleRegion().isEmpty()]

    def drag(self):
        plots = self._visible_plots()
        if not plots:
            return
        plot = self.random.choice(plots)
        viewport = plot.viewport()
        width, height = viewport.width(), viewport.height()
        point = QPointF(self.random.uniform(0.2, 0.8) * width,
                        self.random.uniform(0.2, 0.8) * height)
        if plot.objectName() == "secantPlot" and self.random.random() < 0.6:
            point = self._secant_handle(plot) or point
        self._mouse(viewport, QEvent.Type.MouseButtonPress, point, Qt.MouseButton.LeftButton)
        for _ in range(self.random.randint(5, 40)):
            yield 8
            point = QPointF(min(max(point.x() + self.random.uniform(-25, 25), 1), width - 2),
                            min(max(point.y() + self.random.uniform(-15, 15), 1), height - 2))
            self._mouse(viewport, QEvent.Type.MouseMove, point, Qt.MouseButton.NoButton)
        self._mouse(viewport, QEvent.Type.MouseButtonRelease, point, Qt.MouseButton.LeftButton)

    def _secant_handle(self, plot):
        """Where P0 is drawn (a drag there moves the point, elsewhere it pans)."""
        model = self.window.model
        items = plot.getPlotItem().listDataItems()
        if not items:
            return None
        xs, ys = items[0].getData()
        if xs is None or len(xs) == 0:
            return None
        import numpy as np

        y = float(np.interp(model.x0, xs, ys))
        if not np.isfinite(y):
            return None
        scene = plot.getPlotItem().vb.mapViewToScene(QPointF(model.x0, y))
        return QPointF(plot.mapFromScene(scene))

    @staticmethod
    def _mouse(widget, kind, point: QPointF, button) -> None:
        buttons = Qt.MouseButton.LeftButton if kind != QEvent.Type.MouseButtonRelease \
            else Qt.MouseButton.NoButton
        event = QMouseEvent(kind, point, widget.mapToGlobal(point), button, buttons,
                            Qt.KeyboardModifier.NoModifier)
        QApplication.sendEvent(widget, event)

    def switch_lab(self):
        dock = self.window.docks[self.random.choice(["secant", "surface", "descent"])]
        dock.show()
        dock.raise_()
        yield 0

    def switch_language(self):
        from visualizer.i18n import current_language

        self.window.set_language("en" if current_language().startswith("zh") else "zh_CN")
        yield 0

    def enter_presentation(self):
        action = self.window.classroom.presentation_action
        if not action.isChecked():
            action.trigger()
            self.in_presentation_for = self.random.randint(3, 15)
        yield 0

    def leave_presentation(self):
        action = self.window.classroom.presentation_action
        if action.isChecked():
            action.trigger()
        yield 0

    def save_session(self):
        path = self.folder / f"session-{len(self.sessions) % 5}.json"
        if self.window.classroom.save_session(path) and path not in self.sessions:
            self.sessions.append(path)
        yield 0

    def open_session(self):
        if self.random.random() < 0.2 or not self.sessions:
            damaged = self.folder / "damaged.json"
            source = self.sessions[0].read_bytes() if self.sessions else b'{"schema": 1}'
            cut = self.random.randint(0, max(len(source) - 1, 0))
            damaged.write_bytes(source[:cut] + bytes([self.random.randint(0, 255)])
                                + source[cut + 1:])
            self.window.classroom.open_session(damaged)
        else:
            self.window.classroom.open_session(self.random.choice(self.sessions))
        yield 0

    def export(self):
        from visualizer.core.errors import ExpressionError

        suffix = self.random.choice([".png", ".png", ".svg"])
        try:
            self.window.exporter.export_image_to(str(self.folder / f"export{suffix}"))
        except ExpressionError:
            pass  # no function to draw yet
        yield 0

    def lr_map(self):
        descent = self.window.model.descent
        if self.random.random() < 0.3:
            descent.cancel_map()
        else:
            descent.start_map(size=(self.random.randint(5, 40), self.random.randint(5, 40)))
        yield 0

    def undo_redo(self):
        stack = self.window.model.undo_stack
        for _ in range(self.random.randint(1, 4)):
            stack.undo() if self.random.random() < 0.6 else stack.redo()
            yield 30

    def kill_helper(self):
        pids = self.helper_pids()
        if pids:
            try:
                os.kill(self.random.choice(pids), signal.SIGKILL)
            except ProcessLookupError:
                pass
        yield 0

    def layout(self):
        if self.random.random() < 0.5:
            self.window.arrange_side_by_side()
        else:
            self.window.restore_default_layout()
        yield 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=10.0)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--pace-ms", type=int, default=150,
                        help="pause between two actions")
    parser.add_argument("--json", default="", help="also write the summary here")
    parser.add_argument("--skip", nargs="*", default=[], metavar="ACTION",
                        help="actions not to do (type-valid, drag, export, ...)")
    parser.add_argument("--tracemalloc", action="store_true",
                        help="at the end, print where Python memory grew since minute 1 "
                             "(traced from minute 1: the stall figures mean little then)")
    parser.add_argument("--stacks", type=float, default=0.0, metavar="SECONDS",
                        help="print the GUI thread's most seen stack of every stall longer "
                             "than this (sampled every 50 ms)")
    args = parser.parse_args()
    faulthandler.enable()  # a crash prints every thread's stack

    folder = Path(tempfile.mkdtemp(prefix="soak-"))
    os.environ["CALCULUS_VISUALIZER_SETTINGS"] = str(folder / "settings.ini")
    os.environ["CALCULUS_VISUALIZER_DATA_DIR"] = str(folder / "data")
    os.environ["CALCULUS_VISUALIZER_RESTORE"] = "no"

    from visualizer.app import create_main_window, prepare_application_attributes

    prepare_application_attributes()
    app = QApplication([sys.argv[0]])
    app.setStyle("Fusion")
    window = create_main_window()
    window.resize(1500, 900)
    window.show()
    soak = Soak(app, window, args, folder)

    def when_ready():
        if window.model.function is None or not window.labs_ready:
            QTimer.singleShot(50, when_ready)
            return
        soak.start()

    QTimer.singleShot(0, when_ready)
    app.exec()
    summary = soak.summary
    return 1 if summary["exceptions"] or summary["stalls_over_1s"] else 0


if __name__ == "__main__":
    sys.exit(main())
