"""The benchmark: ``python -m visualizer.bench [--json] [--quick] [--only NAME[,NAME]]``.

It measures the figures of the performance targets on the machine it runs on and prints
them as a table (figure, measured, target, pass/fail), or with ``--json`` as one JSON
object of name -> number. A figure that cannot be measured here is ``null`` (``n/a`` in
the table) and the reason goes to stderr, with notes that help to read the numbers (what
was visible, how the time splits).

The targets and how each figure is measured are written down in ``docs/benchmark.md``
(a test keeps that page and :data:`FIGURES` in agreement).
"""

from __future__ import annotations

import json
import math
import os
import sys
import time
from dataclasses import dataclass

__all__ = ["FIGURES", "Figure", "Unmeasurable", "main", "percentile", "run"]


#: Updates per second while the surface lab's point is dragged: one per frame of a
#: 60 Hz display, less the frames that scheduling jitter costs (5 %).
SURFACE_DRAG_TARGET = 57.0


@dataclass(frozen=True)
class Figure:
    """One figure of the benchmark and its target (``docs/benchmark.md``)."""

    name: str
    title: str
    target: float
    unit: str
    higher_is_better: bool = False

    def passes(self, value: float) -> bool:
        return value >= self.target if self.higher_is_better else value <= self.target


FIGURES = (
    Figure("drag_p95_ms", "drag to painted frame (2-D, all panels), p95", 8.3, "ms"),
    Figure("edit_to_paint_p95_ms", "edit a function to every panel painted, p95", 50.0, "ms"),
    Figure("surface_update_100_ms", "full 3-D update, 100x100 grid", 10.0, "ms"),
    Figure("surface_update_300_ms", "full 3-D update, 300x300 grid", 40.0, "ms"),
    Figure("symbolic_warm_ms", "parse + differentiate + compile, warm", 10.0, "ms"),
    Figure("descent_steps_per_s_1d", "gradient descent compute, 1-D", 3e6, "steps/s", True),
    Figure("descent_steps_per_s_2d", "gradient descent compute, 2-D", 1.5e6, "steps/s", True),
    Figure("descent_drawn_steps_per_s", "gradient descent drawn step by step", 60.0, "steps/s",
           True),
    Figure("first_paint_s", "first window painted after launch", 1.0, "s"),
    Figure("rss_mb", "memory after start-up, 100x100 grid", 300.0, "MB"),
    Figure("rss_growth_1000_edits_mb", "memory growth over 1,000 function edits", 10.0, "MB"),
    Figure("matplotlib_ratio", "surface + arrows redraw vs matplotlib (ours/theirs)", 0.1, "x"),
    Figure("surface_drag_fps", "surface lab: point dragged on the map, updates drawn",
           SURFACE_DRAG_TARGET, "updates/s", True),
)
FIGURES_BY_NAME = {figure.name: figure for figure in FIGURES}

#: Which process measures what.
COMPUTE_FIGURES = ("symbolic_warm_ms", "descent_steps_per_s_1d", "descent_steps_per_s_2d")
GUI_FIGURES = ("surface_update_100_ms", "surface_update_300_ms", "edit_to_paint_p95_ms",
               "drag_p95_ms", "descent_drawn_steps_per_s", "matplotlib_ratio",
               "surface_drag_fps")
STARTUP_FIGURES = ("first_paint_s", "rss_mb")
EDITS_FIGURES = ("rss_growth_1000_edits_mb",)

#: A child process prints its answer on one line starting with this.
RESULT_PREFIX = "BENCH-RESULT "
#: The parent's time.monotonic() when it spawned a start-up child (same clock on Linux).
SPAWNED_AT_ENV = "CALCULUS_VISUALIZER_BENCH_SPAWNED_AT"
#: Repetition counts travel to the children in this variable ("quick" or "full").
MODE_ENV = "CALCULUS_VISUALIZER_BENCH_MODE"


class Unmeasurable(Exception):
    """A figure cannot be measured on this machine; the message says why."""


class Results:
    """Figures measured so far, the reasons for the missing ones, and notes."""

    def __init__(self):
        self.values: dict[str, float | None] = {}
        self.reasons: dict[str, str] = {}
        self.notes: list[str] = []

    def set(self, name: str, value) -> None:
        value = None if value is None else float(value)
        if value is not None and not (value == value and abs(value) != float("inf")):
            value = None
        self.values[name] = value

    def fail(self, names, reason: str) -> None:
        for name in names:
            self.values[name] = None
            self.reasons[name] = reason

    def note(self, text: str) -> None:
        self.notes.append(text)

    def merge(self, other: dict) -> None:
        """Take over a child's answer ``{"values", "reasons", "notes"}``."""
        for name, value in other.get("values", {}).items():
            self.set(name, value)
        for name, reason in other.get("reasons", {}).items():
            self.fail([name], reason)
        self.notes.extend(other.get("notes", []))

    def to_dict(self) -> dict:
        return {"values": self.values, "reasons": self.reasons, "notes": self.notes}


def percentile(values, fraction: float) -> float:
    """Linear-interpolation percentile (numpy's default method)."""
    ordered = sorted(values)
    if not ordered:
        raise ValueError("no values")
    position = (len(ordered) - 1) * fraction
    low = math.floor(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


# --------------------------------------------------------------------------- command line


def _parse_arguments(argv):
    import argparse

    parser = argparse.ArgumentParser(
        prog="python -m visualizer.bench",
        description="Measure the performance figures (docs/benchmark.md) on this machine.",
    )
    parser.add_argument("--json", action="store_true",
                        help="print one JSON object of name -> number (null: not measurable)")
    parser.add_argument("--quick", action="store_true",
                        help="fewer repetitions (a smoke run; the figures are rougher)")
    parser.add_argument("--only", metavar="NAME[,NAME]",
                        help="measure only these figures: " + ", ".join(FIGURES_BY_NAME))
    args = parser.parse_args(argv)
    if args.only:
        wanted = [name.strip() for name in args.only.split(",") if name.strip()]
        unknown = [name for name in wanted if name not in FIGURES_BY_NAME]
        if unknown:
            parser.error(f"unknown figure(s): {', '.join(unknown)}")
    else:
        wanted = list(FIGURES_BY_NAME)
    return args, wanted


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print the figures; 0 when it ran (whatever the figures)."""
    args, wanted = _parse_arguments(sys.argv[1:] if argv is None else argv)
    started = time.monotonic()
    results = run(wanted, quick=args.quick, progress=not args.json)
    elapsed = time.monotonic() - started
    for name in wanted:
        if results.values.get(name) is None:
            reason = results.reasons.get(name, "not measured")
            print(f"{name}: null -- {reason}", file=sys.stderr)
    for text in results.notes:
        print(f"note: {text}", file=sys.stderr)
    if args.json:
        print(json.dumps({name: _rounded(results.values.get(name)) for name in wanted}))
    else:
        print(_table(wanted, results))
        print(f"\n({elapsed:.0f} s{', quick mode' if args.quick else ''}; "
              "null figures and notes are on stderr)")
    return 0


def _rounded(value: float | None):
    if value is None:
        return None
    if abs(value) >= 1000:
        return round(value)
    return float(f"{value:.4g}")


def _format(value: float | None, unit: str) -> str:
    if value is None:
        return "n/a"
    if unit == "steps/s":
        return f"{value / 1e6:.2f} M/s" if value >= 1e5 else f"{value:.1f}/s"
    if unit == "x":
        return f"{value:.3f} ({1 / value:.1f}x faster)" if value > 0 else f"{value:.3f}"
    return f"{value:.3g} {unit}" if value < 100 else f"{value:.0f} {unit}"


def _table(wanted, results: Results) -> str:
    rows = [("figure", "measured", "target", "")]
    for name in wanted:
        figure = FIGURES_BY_NAME[name]
        value = results.values.get(name)
        sign = ">=" if figure.higher_is_better else "<="
        target = f"{sign} {_format(figure.target, figure.unit)}"
        if figure.unit == "x":
            target = f"{sign} {figure.target:g} (10x faster)"
        verdict = "n/a" if value is None else ("pass" if figure.passes(value) else "FAIL")
        rows.append((f"{figure.title} [{name}]", _format(value, figure.unit), target, verdict))
    widths = [max(len(row[i]) for row in rows) for i in range(4)]
    lines = ["  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
             for row in rows]
    lines.insert(1, "  ".join("-" * width for width in widths))
    return "\n".join(lines)


# --------------------------------------------------------------------------- running


def run(wanted, quick: bool = False, progress: bool = False) -> Results:
    """Measure the figures named in ``wanted`` and return them with reasons and notes."""
    results = Results()
    share = CpuShare()
    began = time.monotonic()

    def say(text: str) -> None:
        if progress:
            print(f"... [{time.monotonic() - began:5.0f} s] {text}", file=sys.stderr, flush=True)

    _measure(list(wanted), quick, results, say)
    note = share.note()
    if note:
        results.note(note)
    return results


class CpuShare:
    """How busy *other* processes kept the machine while the benchmark ran (Linux).

    Busy time of every core from ``/proc/stat``, minus the processor time of this
    process and of its children (the measured program, its helpers, Xvfb).
    """

    def __init__(self):
        self._start = self._sample()

    @staticmethod
    def _sample():
        try:
            import resource

            with open("/proc/stat") as stat:
                ticks = [int(value) for value in stat.readline().split()[1:9]]
            per_second = os.sysconf("SC_CLK_TCK")
        except (OSError, ValueError, ImportError):
            return None
        idle = ticks[3] + ticks[4]  # idle and iowait
        own = 0.0
        for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN):
            usage = resource.getrusage(who)
            own += usage.ru_utime + usage.ru_stime
        return time.monotonic(), (sum(ticks) - idle) / per_second, own

    def note(self) -> str | None:
        end = self._sample()
        if self._start is None or end is None:
            return None
        elapsed = end[0] - self._start[0]
        others = max(0.0, (end[1] - self._start[1]) - (end[2] - self._start[2]))
        cores = os.cpu_count() or 1
        if elapsed <= 0:
            return None
        text = (f"other processes kept {others / elapsed:.2f} of the {cores} cores busy on "
                f"average during the run")
        if others / elapsed > 0.25:
            text += ": the machine was shared, so these figures are pessimistic"
        return text


def _measure(wanted, quick: bool, results: Results, say) -> None:
    """Compute-only figures here; the rest in child processes under a display."""
    compute = [name for name in COMPUTE_FIGURES if name in wanted]
    if compute:
        say("symbolic round trips and descent speed")
        from visualizer.bench import compute as compute_module

        compute_module.measure(compute, quick, results)

    needs_display = [name for name in wanted if name not in COMPUTE_FIGURES]
    if not needs_display:
        return
    from visualizer.bench.display import VirtualDisplay

    display = VirtualDisplay()
    try:
        display.start()
    except Unmeasurable as exc:
        results.fail(needs_display, str(exc))
        return
    if display.started:
        results.note(f"ran under a virtual display started here ({display.name}, Xvfb)")
    try:
        _run_children(wanted, quick, results, say)
    finally:
        display.stop()


def _run_children(wanted, quick: bool, results: Results, say) -> None:
    gui = [name for name in GUI_FIGURES if name in wanted]
    if gui:
        say("GUI latencies and 3-D updates (one window, real input events)")
        _run_child("gui", gui, quick, results, timeout=300)

    startup = [name for name in STARTUP_FIGURES if name in wanted]
    if startup:
        launches = 1 if quick else 3
        first_paints, memories, helpers = [], [], []
        for index in range(launches):
            say(f"launch {index + 1} of {launches}: first paint and memory")
            answer = _run_child("startup", startup, quick, Results(), timeout=90,
                                spawn_time=True)
            if answer is None:
                break
            values, extra = answer.get("values", {}), answer.get("extra", {})
            if index == 0:
                results.notes.extend(answer.get("notes", []))
            if values.get("first_paint_s") is not None:
                first_paints.append(values["first_paint_s"])
            if values.get("rss_mb") is not None:
                memories.append(values["rss_mb"])
                helpers.append(extra.get("helpers_rss_mb"))
            for name, reason in answer.get("reasons", {}).items():
                results.reasons.setdefault(name, reason)
        import statistics

        for name, values in (("first_paint_s", first_paints), ("rss_mb", memories)):
            if name not in startup:
                continue
            if values:
                results.set(name, statistics.median(values))
                results.reasons.pop(name, None)
            else:
                results.fail([name], results.reasons.get(name, "the program did not start"))
        if first_paints:
            results.note("first_paint_s per launch: "
                         + ", ".join(f"{value:.3f}" for value in first_paints))
        if helpers and helpers[0] is not None:
            results.note(f"symbolic helper processes (not in rss_mb): {helpers[0]:.0f} MB "
                         "resident in total")

    if "rss_growth_1000_edits_mb" in wanted:
        say("1000 function edits in a fresh window (memory growth)")
        _run_child("edits", list(EDITS_FIGURES), quick, results, timeout=400)


def _run_child(mode: str, names, quick: bool, results: Results, timeout: float,
               spawn_time: bool = False) -> dict | None:
    """Run ``python -m visualizer.bench.gui MODE`` and merge its answer into ``results``."""
    import subprocess
    import tempfile

    package_root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    environment = dict(os.environ)
    environment["PYTHONPATH"] = os.pathsep.join(
        [package_root] + [p for p in environment.get("PYTHONPATH", "").split(os.pathsep) if p])
    environment["PYQTGRAPH_QT_LIB"] = "PySide6"
    environment[MODE_ENV] = "quick" if quick else "full"
    with tempfile.TemporaryDirectory(prefix="visualizer-bench-") as folder:
        # A fresh settings file: default layout, size and function, whatever the user has.
        environment["CALCULUS_VISUALIZER_SETTINGS"] = os.path.join(folder, "settings.ini")
        command = [sys.executable, "-m", "visualizer.bench.gui", mode, ",".join(names)]
        if spawn_time:
            environment[SPAWNED_AT_ENV] = repr(time.monotonic())
        try:
            done = subprocess.run(command, env=environment, capture_output=True, text=True,
                                  timeout=timeout, cwd=folder)
        except subprocess.TimeoutExpired:
            results.fail(names, f"the {mode} measurement did not finish within {timeout:.0f} s")
            return None
    answer = None
    for line in done.stdout.splitlines():
        if line.startswith(RESULT_PREFIX):
            answer = json.loads(line[len(RESULT_PREFIX):])
    if answer is None:
        tail = " | ".join(done.stderr.strip().splitlines()[-6:])
        results.fail(names, f"the {mode} measurement failed (exit status {done.returncode}): "
                            f"{tail or 'no output'}")
        return None
    results.merge(answer)
    return answer
