"""The benchmark's GUI measurements, run as child processes of ``python -m visualizer.bench``.

``python -m visualizer.bench.gui MODE NAMES`` with MODE one of

``startup``
    Start the program through the same entry point as ``python main.py`` and report
    ``first_paint_s`` (from the parent's spawn time) and ``rss_mb``.
``edits``
    ``rss_growth_1000_edits_mb`` in a fresh window.
``gui``
    The latencies (edit, drag, descent drawn) in one window, then the 3-D updates in a
    separate surface view.

The answer is one line ``BENCH-RESULT {"values": ..., "reasons": ..., "notes": ...,
"extra": ...}`` on stdout. See the package docstring for what each figure means.

Timing tools
------------
:class:`PaintEndProbe` is an event filter that delivers the paint event (or a window's
update request) itself, notes the time when the delivery returns -- the end of the
painting it caused -- and then swallows the original. :class:`FrameWatch` uses it on the
main window to know when a whole raster frame (every widget painted and flushed) has
ended; 3-D frames end at ``SurfaceView.frame_swapped``.
"""

from __future__ import annotations

import os

os.environ.setdefault("PYQTGRAPH_QT_LIB", "PySide6")

import json  # noqa: E402
import math  # noqa: E402
import statistics  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402

import PySide6  # noqa: E402, F401 - before pyqtgraph, as main.py does
from PySide6.QtCore import QCoreApplication, QEvent, QEventLoop, QObject, QPointF, Qt, QTimer  # noqa: E402
from PySide6.QtGui import QKeyEvent, QMouseEvent  # noqa: E402
from PySide6.QtWidgets import QAbstractButton, QApplication, QGraphicsObject, QWidget  # noqa: E402

from visualizer.bench import (  # noqa: E402
    MODE_ENV,
    RESULT_PREFIX,
    SPAWNED_AT_ENV,
    Results,
    Unmeasurable,
    percentile,
)

clock = time.perf_counter

#: Names a draggable handle for the second secant point may carry (objectName or attribute).
SECANT_HANDLE_NAMES = ("secantHandleP", "secantPointHandle", "handleP")
SECANT_HANDLE_ATTRIBUTES = ("handle_p", "p_handle", "point_handle", "second_handle")
#: Object names a step button of the descent lab may carry.
DESCENT_STEP_NAMES = ("descentStep", "descentStepButton", "stepButton")
#: The descent lab's choice of view for a function of two variables (2-D map, 3-D).
DESCENT_VIEW_CHOICES = {"descentShowContour": "the contour map",
                        "descentShowSurface": "the 3-D surface"}
#: A 60 Hz mouse: moves closer than 10 ms apart are dropped by pyqtgraph (docs/platform-notes.md).
MOUSE_INTERVAL_S = 1.0 / 60.0
#: A 125 Hz mouse (USB's usual report rate): faster than the display, for surface_drag_fps.
FAST_MOUSE_INTERVAL_S = 1.0 / 125.0
#: How long the point is dragged around the contour map (seconds).
SURFACE_DRAG_S = 3.0
SURFACE_GRID_SIZES = (100, 300)
#: A start-up child gives up when no frame was painted after this long (seconds).
STARTUP_LIMIT_S = 60.0
#: Longest time the memory-growth edit loop may run past its warm-up (seconds).
EDITS_TIME_CAP_S = 60.0
ARROWS_PER_SIDE = 20
#: The 3-D view measured alone: about its size in a full-screen window (pixels to fill
#: matter to a software renderer, so the size is fixed for comparable figures).
SURFACE_VIEW_SIZE = (700, 560)
#: One matplotlib redraw after every this many of our measured 100 x 100 updates.
MATPLOTLIB_EVERY = 4
MB = 2.0**20


def quick_mode() -> bool:
    return os.environ.get(MODE_ENV) == "quick"


# --------------------------------------------------------------------------- waiting


def spin(milliseconds: float) -> None:
    """Run the event loop for ``milliseconds`` (input, timers and paints go on)."""
    loop = QEventLoop()
    QTimer.singleShot(max(0, int(milliseconds)), loop.quit)
    loop.exec()


def spin_until(predicate, timeout_s: float, poll_ms: int = 2) -> bool:
    """Run the event loop until ``predicate()`` is true or ``timeout_s`` passed.

    The loop sleeps between events; a light timer re-checks the predicate, so waiting
    takes no processor time away from what is measured.
    """
    if predicate():
        return True
    loop = QEventLoop()
    deadline = clock() + timeout_s

    def check() -> None:
        if predicate() or clock() > deadline:
            loop.quit()

    timer = QTimer()
    timer.setTimerType(Qt.TimerType.PreciseTimer)
    timer.setInterval(poll_ms)
    timer.timeout.connect(check)
    timer.start()
    loop.exec()
    timer.stop()
    return bool(predicate())


# --------------------------------------------------------------------------- paint probes


class PaintEndProbe(QObject):
    """Notes when the painting caused by some events on one object has finished.

    An event filter runs *before* its object gets the event. To learn when the
    painting ends, the filter delivers the event itself (``sendEvent``, stepping aside
    while it does, so the object's own filters such as a scroll area's still run),
    notes the time when that returns, and swallows the original.

    Parameters
    ----------
    target : QObject
        A widget, a viewport or a ``QWindow``.
    event_types : iterable of QEvent.Type
        Usually ``Paint``; ``UpdateRequest`` for a top-level widget (its whole frame).
    on_end : callable, optional
        Called with the end time after each delivery.
    """

    def __init__(self, target: QObject, event_types, on_end=None):
        super().__init__()
        self._target = target
        self._types = frozenset(event_types)
        self._depth = 0
        self._on_end = on_end
        self.ends: list[float] = []
        target.installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt's name
        if self._depth or watched is not self._target or event.type() not in self._types:
            return False
        self._depth += 1
        try:
            QCoreApplication.sendEvent(watched, event)
        finally:
            self._depth -= 1
        end = clock()
        self.ends.append(end)
        if self._on_end is not None:
            self._on_end(end)
        return True

    def first_after(self, moment: float) -> float | None:
        return next((end for end in self.ends if end > moment), None)

    def detach(self) -> None:
        self._target.removeEventFilter(self)


def ends_appender(ends: list):
    """A slot that appends the time it is called at to ``ends``."""

    def append(*_arguments) -> None:
        ends.append(clock())

    return append


class FrameWatch:
    """End times of the main window's raster frames and of the 3-D view's frames."""

    def __init__(self, window: QWidget, surface_views=()):
        self.raster = [
            PaintEndProbe(window, {QEvent.Type.UpdateRequest}),
            PaintEndProbe(window.windowHandle(), {QEvent.Type.Paint, QEvent.Type.Expose}),
        ]
        #: Frame ends of each 3-D view, by view.
        self.gl: dict[object, list[float]] = {}
        self._slots = []
        for view in surface_views:
            ends: list[float] = []
            self.gl[view] = ends
            slot = ends_appender(ends)
            view.frame_swapped.connect(slot)
            self._slots.append((view, slot))

    @property
    def gl_ends(self) -> list[float]:
        return sorted(end for ends in self.gl.values() for end in ends)

    def raster_ends(self) -> list[float]:
        return sorted(self.raster[0].ends + self.raster[1].ends)

    def first_raster_after(self, moment: float, containing: PaintEndProbe | None = None):
        """The end of the first frame after ``moment`` (that repainted ``containing``)."""
        for end in self.raster_ends():
            if end <= moment:
                continue
            if containing is None or any(moment < p <= end for p in containing.ends):
                return end
        if containing is not None:  # painted outside a frame of the window (rare): its own end
            return containing.first_after(moment)
        return None

    def first_gl_after(self, moment: float, view=None) -> float | None:
        ends = self.gl_ends if view is None else self.gl[view]
        return next((end for end in ends if end > moment), None)

    def last_end(self) -> float:
        ends = self.raster_ends() + self.gl_ends
        return max(ends) if ends else 0.0

    def clear(self) -> None:
        for probe in self.raster:
            probe.ends.clear()
        for ends in self.gl.values():
            ends.clear()

    def settle(self, quiet_s: float = 0.12, limit_s: float = 3.0, busy=None) -> None:
        """Wait until nothing was painted for ``quiet_s`` (and ``busy()`` is false)."""
        began = clock()

        def quiet() -> bool:
            last = max(self.last_end(), began)
            return clock() - last >= quiet_s and not (busy is not None and busy())

        spin_until(quiet, limit_s, poll_ms=10)

    def detach(self) -> None:
        for probe in self.raster:
            probe.detach()
        for view, slot in self._slots:
            view.frame_swapped.disconnect(slot)


# --------------------------------------------------------------------------- real input


def post_key(window: QWidget, key: Qt.Key, text: str = "") -> None:
    """Post a key press and release to the window, as the window system does."""
    handle = window.windowHandle()
    for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
        QCoreApplication.postEvent(handle, QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier,
                                                     text))


def post_mouse(window: QWidget, kind: QEvent.Type, local: QPointF, button: Qt.MouseButton,
               buttons) -> None:
    """Post a mouse event at ``local`` (window coordinates); Qt routes it to the widget there."""
    event = QMouseEvent(kind, local, local, QPointF(window.mapToGlobal(local)), button, buttons,
                        Qt.KeyboardModifier.NoModifier)
    QCoreApplication.postEvent(window.windowHandle(), event)


def widget_point_in_window(widget: QWidget, window: QWidget, point) -> QPointF:
    return QPointF(widget.mapTo(window, point.toPoint() if isinstance(point, QPointF) else point))


class _Call(QObject):
    """Runs a function when a posted event reaches it: work started from the event loop."""

    EVENT_TYPE = QEvent.Type(QEvent.registerEventType())

    def __init__(self):
        super().__init__()
        self.function = None

    def event(self, event) -> bool:
        if event.type() == self.EVENT_TYPE:
            if self.function is not None:
                self.function()
            return True
        return super().event(event)

    def post(self, function) -> None:
        self.function = function
        QCoreApplication.postEvent(self, QEvent(self.EVENT_TYPE))


# --------------------------------------------------------------------------- memory


def resident_mb(pid: int | str = "self") -> float:
    """Resident set size of a process, from ``/proc`` (Linux)."""
    try:
        with open(f"/proc/{pid}/status") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) * 1024 / MB
    except OSError:
        pass
    raise Unmeasurable("the resident memory cannot be read here (no /proc)")


def descendant_pids(pid: int) -> list[int]:
    """Every live process below ``pid`` (the symbolic helpers), from ``/proc``."""
    parents: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
            parents[int(entry)] = int(fields[1])
        except (OSError, IndexError, ValueError):
            continue
    found, frontier = [], [pid]
    while frontier:
        parent = frontier.pop()
        children = [child for child, ppid in parents.items() if ppid == parent]
        found.extend(children)
        frontier.extend(children)
    return found


def helpers_resident_mb() -> float:
    total = 0.0
    for pid in descendant_pids(os.getpid()):
        try:
            total += resident_mb(pid)
        except Unmeasurable:
            pass  # it exited meanwhile
    return total


# --------------------------------------------------------------------------- the window


def make_application() -> QApplication:
    from visualizer.app import prepare_application_attributes

    prepare_application_attributes()
    app = QApplication.instance() or QApplication([sys.argv[0]])
    app.setStyle("Fusion")
    return app


def open_main_window():
    """The program's main window with a fresh settings file, shown, its function drawn."""
    from visualizer.app import create_main_window

    window = create_main_window()
    window.arrange_side_by_side()  # the figures are for all panels visible
    window.show()
    window.activateWindow()
    if not spin_until(lambda: window.windowHandle() is not None
                      and window.windowHandle().isExposed()
                      and window.model.function is not None, 30.0):
        raise Unmeasurable("the main window did not show its first function within 30 s")
    return window


def find_surface_view(window: QWidget):
    """The surface lab's 3-D view (object name ``surfaceView``), or None."""
    view = window.findChild(QWidget, "surfaceView")
    return view if view is not None and hasattr(view, "frame_swapped") else None


def visible_3d_views(window: QWidget) -> list:
    """Every SurfaceView in the window that is shown and draws in 3-D."""
    from visualizer.panels.surface_view import SurfaceView

    return [view for view in window.findChildren(SurfaceView)
            if view.is_3d and view.isVisible()]


def wait_for_function(model, text: str, timeout_s: float = 15.0) -> None:
    """Make ``text`` the model's function and wait until it is accepted."""
    rejected = []

    def on_rejected(rejected_text, error) -> None:
        if rejected_text == text:
            rejected.append(error)

    model.expression_rejected.connect(on_rejected)
    try:
        model.set_expression(text)
        if not spin_until(lambda: model.expression_text == text or rejected, timeout_s):
            raise Unmeasurable(f"the function {text!r} was not accepted within {timeout_s:g} s")
    finally:
        model.expression_rejected.disconnect(on_rejected)
    if rejected:
        raise Unmeasurable(f"the function {text!r} was rejected: {rejected[0]}")


# --------------------------------------------------------------------------- edit to paint


def edit_texts(count: int) -> list[tuple[str, bool]]:
    """(text, two variables) for ``count`` edits: two of two variables, two of one, ..."""
    texts = []
    for index in range(count):
        k = index + 2
        if (index // 2) % 2 == 0:
            texts.append((f"x^2 + xy/{k} + y^2", True))
        else:
            texts.append((f"x^3 - x/{k}", False))
    return texts


def measure_edit_to_paint(window, results: Results) -> None:
    """``edit_to_paint_p95_ms``: Enter in the formula field until every panel shows f."""
    from PySide6.QtTest import QTest

    model = window.model
    edit = window.findChild(QWidget, "formulaEdit")
    plot = window.findChild(QWidget, "secantPlot")
    if edit is None or plot is None:
        raise Unmeasurable("the window has no 'formulaEdit' or no 'secantPlot'")
    surface = find_surface_view(window)
    gl = surface is not None and getattr(surface, "is_3d", False)
    if not gl:
        results.note("edit_to_paint: no 3-D view here, two-variable edits end at the 2-D frame")
    watch = FrameWatch(window, [surface] if gl else [])
    plot_paints = PaintEndProbe(plot.viewport(), {QEvent.Type.Paint})
    accepted: list[tuple[float, str]] = []

    def on_accepted(state) -> None:
        accepted.append((clock(), state.text))

    model.expression_changed.connect(on_accepted)  # after the panels: they have redrawn
    warm_up, measured = (2, 10) if quick_mode() else (4, 48)
    latencies: dict[bool, list[float]] = {True: [], False: []}
    until_handled: list[float] = []
    try:
        edit.setFocus(Qt.FocusReason.OtherFocusReason)
        if not spin_until(lambda: QApplication.focusWidget() is edit, 3.0):
            raise Unmeasurable("the formula field could not get the keyboard focus")
        for index, (text, two_variables) in enumerate(edit_texts(warm_up + measured)):
            edit.selectAll()
            QTest.keyClicks(edit, text)  # typing is not timed; Enter is
            spin(50)  # the typed text is painted, the pause not yet over
            if model.expression_text == text:
                continue  # the editor's typing pause submitted it already
            watch.clear()
            plot_paints.ends.clear()
            accepted.clear()
            began = clock()
            post_key(window, Qt.Key.Key_Return, "\r")

            def finished(text=text, two_variables=two_variables) -> float | None:
                when = next((moment for moment, t in accepted if t == text), None)
                if when is None:
                    return None
                raster = watch.first_raster_after(
                    when, containing=None if two_variables else plot_paints)
                if raster is None:
                    return None
                if two_variables and gl:
                    frame = watch.first_gl_after(when)
                    return None if frame is None else max(raster, frame)
                return raster

            if not spin_until(lambda: finished() is not None, 15.0):
                raise Unmeasurable(f"{text!r} typed + Enter was not drawn within 15 s")
            if index >= warm_up:
                latencies[two_variables].append((finished() - began) * 1e3)
                when = next(moment for moment, t in accepted if t == text)
                until_handled.append((when - began) * 1e3)
            watch.settle(busy=lambda: model.critical_points is None)
    finally:
        model.expression_changed.disconnect(on_accepted)
        watch.detach()
        plot_paints.detach()
    everything = latencies[True] + latencies[False]
    results.set("edit_to_paint_p95_ms", percentile(everything, 0.95))
    results.note(
        f"edit_to_paint over {len(everything)} edits: median {statistics.median(everything):.1f}"
        f" ms; two variables p95 {percentile(latencies[True], 0.95):.1f} ms, one variable p95 "
        f"{percentile(latencies[False], 0.95):.1f} ms; from Enter until every panel had run "
        f"its code for the new function (helper round trip, compile, the panels' redraw "
        f"code; painting not included) median {statistics.median(until_handled):.1f} ms")


# --------------------------------------------------------------------------- drag


def find_secant_handle(window, plot):
    """The draggable item for the second secant point P, or None if there is none yet."""
    for item in plot.scene().items():
        if isinstance(item, QGraphicsObject) and item.objectName() in SECANT_HANDLE_NAMES:
            return item
    panel = window.findChild(QWidget, "secantPanel")
    for attribute in SECANT_HANDLE_ATTRIBUTES:
        item = getattr(panel, attribute, None)
        if item is not None and hasattr(item, "scene"):
            return item
    return None


def measure_drag(window, results: Results) -> None:
    """``drag_p95_ms``: drag P along the curve; each move until its frame has ended."""
    model = window.model
    plot = window.findChild(QWidget, "secantPlot")
    if plot is None:
        raise Unmeasurable("the window has no 'secantPlot'")
    wait_for_function(model, "x^2")
    model.set_x0(-1.0)
    model.set_h(2.0)
    spin(200)
    handle = find_secant_handle(window, plot)
    if handle is None:
        raise Unmeasurable(
            "the derivative lab has no draggable handle for P yet (looked for a graphics item "
            f"named one of {', '.join(SECANT_HANDLE_NAMES)} in secantPlot's scene, or an "
            f"attribute {', '.join(SECANT_HANDLE_ATTRIBUTES)} of secantPanel)")
    surface_panel = window.findChild(QWidget, "surfacePanel")
    if surface_panel is not None and surface_panel.isVisible():
        results.note("drag: all four panels visible; f has one variable, so the surface lab "
                     "shows its one-variable message")
    view_box = plot.getPlotItem().getViewBox()
    f = model.function.functions.scalars["f"]
    x0 = model.x0

    def window_point(x: float) -> QPointF:
        scene_point = view_box.mapViewToScene(QPointF(x, f(x)))
        return widget_point_in_window(plot.viewport(), window, plot.mapFromScene(scene_point))

    changes: list[float] = []

    def on_h(*_arguments) -> None:
        changes.append(clock())

    signals = [model.h_changed]
    if hasattr(model, "h_changing"):
        signals.append(model.h_changing)
    for signal in signals:
        signal.connect(on_h)
    watch = FrameWatch(window)
    plot_paints = PaintEndProbe(plot.viewport(), {QEvent.Type.Paint})
    left, none = Qt.MouseButton.LeftButton, Qt.MouseButton.NoButton
    start_x = x0 + model.h
    warm_up, measured = (4, 30) if quick_mode() else (6, 150)
    latencies = []
    try:
        watch.settle()
        post_mouse(window, QEvent.Type.MouseButtonPress, window_point(start_x), left, left)
        spin(50)
        for index in range(warm_up + measured):
            x = start_x + 1.5 * math.sin(2 * math.pi * (index + 1) / 48)
            changes.clear()
            watch.clear()
            plot_paints.ends.clear()
            began = clock()
            post_mouse(window, QEvent.Type.MouseMove, window_point(x), none, left)

            def finished() -> float | None:
                if not changes:
                    return None
                return watch.first_raster_after(changes[0], containing=plot_paints)

            if not spin_until(lambda: finished() is not None, 1.0):
                if not changes:
                    raise Unmeasurable("dragging P did not change the model's h")
                raise Unmeasurable("the secant plot was not repainted after a drag move")
            if index >= warm_up:
                latencies.append((finished() - began) * 1e3)
            pause = began + MOUSE_INTERVAL_S - clock()
            if pause > 0:
                spin(pause * 1000)
        post_mouse(window, QEvent.Type.MouseButtonRelease, window_point(x), left, none)
        watch.settle()
    finally:
        for signal in signals:
            signal.disconnect(on_h)
        watch.detach()
        plot_paints.detach()
    results.set("drag_p95_ms", percentile(latencies, 0.95))
    results.note(f"drag over {len(latencies)} moves at 60 Hz: median "
                 f"{statistics.median(latencies):.1f} ms, max {max(latencies):.1f} ms")


# --------------------------------------------------------------------------- surface drag


def measure_surface_drag(window, results: Results) -> None:
    """``surface_drag_fps``: drag the point across the surface lab's contour map.

    A mouse press on the point's handle, then moves at :data:`FAST_MOUSE_INTERVAL_S`
    (a 125 Hz mouse, faster than the display) around an ellipse over the map, for
    :data:`SURFACE_DRAG_S`. Moves are posted on a fixed schedule, as a mouse reports
    them whatever the program is doing: when the event loop was busy, the moves due
    meanwhile arrive together (the lab then draws the latest). An update is complete
    when the 3-D view has swapped a frame and the map has been repainted after the
    model's point changed; the figure is the smaller of the two counts of frames that
    showed a new point, per second of dragging. The lab draws at most one update per
    display frame, so the display's refresh rate (60 Hz under Xvfb) is the ceiling.
    """
    model = window.model
    panel = window.findChild(QWidget, "surfacePanel")
    if panel is None:
        raise Unmeasurable("the window has no 'surfacePanel'")
    wait_for_function(model, "x^2 + xy + y^2")
    model.set_x_range(-2.0, 2.0)
    model.set_y_range(-2.0, 2.0)
    model.set_point(0.5, -0.4)
    contour = getattr(panel, "contour", None)
    view = getattr(panel, "view", None)
    if contour is None or view is None:
        raise Unmeasurable("the surface lab has no contour map or no 3-D view")
    watch = FrameWatch(window, [view] if view.is_3d else [])
    watch.settle(quiet_s=0.3, limit_s=10.0, busy=lambda: model.critical_points is None)
    if not (contour.isVisible() and view.isVisible()):
        raise Unmeasurable("the surface lab's map and 3-D view are not both visible")
    if not view.is_3d:
        results.note("surface_drag: no 3-D view here; only the map's repaints are counted")
    viewport = contour.plot.viewport()
    map_paints = PaintEndProbe(viewport, {QEvent.Type.Paint})
    changes: list[float] = []
    on_change = ends_appender(changes)
    model.point_changed.connect(on_change)
    left, none = Qt.MouseButton.LeftButton, Qt.MouseButton.NoButton

    def window_point(x: float, y: float) -> QPointF:
        return widget_point_in_window(viewport, window, contour.data_to_widget(x, y))

    duration = SURFACE_DRAG_S / (3 if quick_mode() else 1)
    count = int(duration / FAST_MOUSE_INTERVAL_S)
    path = [(1.2 * math.cos(math.tau * k / 240) + 0.0, 1.2 * math.sin(math.tau * k / 240))
            for k in range(count + 1)]
    try:
        watch.clear()
        map_paints.ends.clear()
        post_mouse(window, QEvent.Type.MouseButtonPress, window_point(0.5, -0.4), left, left)
        spin(100)
        post_mouse(window, QEvent.Type.MouseMove, window_point(*path[0]), none, left)
        spin(100)  # the first jump to the ellipse is not timed
        changes.clear()
        watch.clear()
        map_paints.ends.clear()
        posted = [0]
        began = clock()

        def post_due() -> None:
            due = min(count, int((clock() - began) / FAST_MOUSE_INTERVAL_S))
            while posted[0] < due:
                posted[0] += 1
                post_mouse(window, QEvent.Type.MouseMove, window_point(*path[posted[0]]),
                           none, left)

        mouse = QTimer()
        mouse.setTimerType(Qt.TimerType.PreciseTimer)
        mouse.setInterval(max(1, int(FAST_MOUSE_INTERVAL_S * 1000)))
        mouse.timeout.connect(post_due)
        mouse.start()
        spin_until(lambda: posted[0] >= count, duration + 10.0, poll_ms=20)
        mouse.stop()
        ended = clock()
        post_mouse(window, QEvent.Type.MouseButtonRelease, window_point(*path[posted[0]]), left,
                   none)
        watch.settle()
    finally:
        model.point_changed.disconnect(on_change)
        map_paints.detach()
        watch.detach()
    if len(changes) < 2:
        raise Unmeasurable("dragging on the contour map did not move the model's point")

    def frames_with_news(ends: list[float]) -> int:
        """Frames that ended in the drag and show a point change newer than the last one's."""
        shown, seen = 0, began
        for end in sorted(ends):
            if end > ended + 0.1:
                break
            if any(seen < change <= end for change in changes):
                shown += 1
                seen = end
        return shown

    span = ended - began
    map_rate = frames_with_news(map_paints.ends) / span
    rates = {"map repaints": map_rate}
    if view.is_3d:
        rates["3-D frames"] = frames_with_news(watch.gl[view]) / span
    results.set("surface_drag_fps", min(rates.values()))
    results.note(
        f"surface_drag: {posted[0]} moves at {1 / FAST_MOUSE_INTERVAL_S:.0f} Hz over "
        f"{span:.1f} s; model point changes {len(changes) / span:.1f}/s; "
        + ", ".join(f"{name} showing a new point {rate:.1f}/s" for name, rate in rates.items())
        + f" (x^2 + xy + y^2, {getattr(panel, 'grid_size', '?')}² grid, all labs visible)")


# --------------------------------------------------------------------------- descent drawn


def find_descent_step_button(window):
    panel = window.findChild(QWidget, "descentPanel")
    if panel is None:
        return None
    buttons = panel.findChildren(QAbstractButton)
    for name in DESCENT_STEP_NAMES:
        for button in buttons:
            if button.objectName() == name and button.isVisible() and button.isEnabled():
                return button
    return None


def measure_descent_drawn(window, results: Results) -> None:
    """``descent_drawn_steps_per_s``: step the descent lab, each step drawn before the next.

    A step is a click on the lab's step button (a real mouse press and release). It is
    drawn when every view that shows the path has finished painting it: the descent
    panel's plots (in a finished frame of the window) and each visible 3-D view that
    swaps a frame after a step; a first step finds out which these are. The lab shows
    the path either on its contour map or on its 3-D surface: both are measured (the
    choice is switched by clicking its radio buttons) and the slower one is the figure.
    """
    model = window.model
    lab = getattr(model, "descent", None)
    panel = window.findChild(QWidget, "descentPanel")
    if lab is None or panel is None:
        raise Unmeasurable("there is no descent lab (model.descent / 'descentPanel')")
    button = find_descent_step_button(window)
    if button is None:
        raise Unmeasurable("the descent panel has no step button yet (looked for "
                           f"{', '.join(DESCENT_STEP_NAMES)})")
    wait_for_function(model, "x^2 + y^2")
    try:  # a long, slow run so that no run finishes while it is measured
        lab.set_start((1.5, -1.0))
        lab.set_run_settings(lab.selected, optimizer="sgd", lr=1e-3, steps=5000)
    except Exception as exc:  # noqa: BLE001 - the lab's API may move; say so
        results.note(f"descent_drawn: could not set a long run ({exc}); using the lab's own")
    count = 20 if quick_mode() else 100
    rates = {}
    choices = [(title, panel.findChild(QAbstractButton, name))
               for name, title in DESCENT_VIEW_CHOICES.items()]
    choices = [(name, choice) for name, choice in choices if choice is not None]
    for name, choice in choices or [("the lab's view", None)]:
        if choice is not None and not choice.isChecked():
            click_button(window, choice)
            spin_until(choice.isChecked, 2.0)
        spin(300)
        rate, drawn_on = _descent_rate(window, lab, panel, button, count)
        rates[name] = rate
        results.note(f"descent_drawn with {name}: {rate:.1f} steps/s over {count} clicks on "
                     f"the step button, each waited for until drawn on {', '.join(drawn_on)}; "
                     "f = x^2 + y^2, 100x100 surface")
    if choices and not choices[0][1].isChecked():
        click_button(window, choices[0][1])
        spin(200)
    results.set("descent_drawn_steps_per_s", min(rates.values()))


def click_button(window, button) -> None:
    """A real click (posted press and release) in the middle of ``button``."""
    left, none = Qt.MouseButton.LeftButton, Qt.MouseButton.NoButton
    centre = widget_point_in_window(button, window, button.rect().center())
    post_mouse(window, QEvent.Type.MouseButtonPress, centre, left, left)
    post_mouse(window, QEvent.Type.MouseButtonRelease, centre, left, none)


def _descent_rate(window, lab, panel, button, count: int) -> tuple[float, list[str]]:
    """Steps per second drawn one by one, and the names of the views that drew them."""
    import pyqtgraph as pg

    views = visible_3d_views(window)
    watch = FrameWatch(window, views)
    plots = [view for view in panel.findChildren(pg.GraphicsView) if view.isVisible()]
    plot_paints = {view: PaintEndProbe(view.viewport(), {QEvent.Type.Paint}) for view in plots}
    stepped: list[float] = []
    on_stepped = ends_appender(stepped)
    lab.run_stepped.connect(on_stepped)

    def drawn(plots_needed, views_needed) -> float | None:
        if not stepped:
            return None
        ends = [watch.first_raster_after(stepped[0], containing=plot_paints[plot])
                for plot in plots_needed]
        ends += [watch.first_gl_after(stepped[0], view) for view in views_needed]
        return None if None in ends or not ends else max(ends)

    try:
        watch.settle()
        watch.clear()
        stepped.clear()
        click_button(window, button)
        spin(500)
        if not stepped:
            raise Unmeasurable("a click on the step button did not step the descent lab")
        plots_needed = [plot for plot in plots
                        if watch.first_raster_after(stepped[0], containing=plot_paints[plot])]
        views_needed = [view for view in views if watch.first_gl_after(stepped[0], view)]
        if not (plots_needed or views_needed):
            raise Unmeasurable("stepping the descent lab drew nothing")
        watch.settle()
        began = clock()
        for _ in range(count):
            watch.clear()
            stepped.clear()
            click_button(window, button)
            if not spin_until(lambda: drawn(plots_needed, views_needed) is not None, 2.0):
                raise Unmeasurable("a step of the descent lab was not drawn within 2 s")
        elapsed = clock() - began
        watch.settle()
    finally:
        lab.run_stepped.disconnect(on_stepped)
        watch.detach()
        for probe in plot_paints.values():
            probe.detach()
    drawn_on = [plot.objectName() or type(plot).__name__ for plot in plots_needed]
    drawn_on += [f"the 3-D view {view.objectName()!r}" for view in views_needed]
    return count / elapsed, drawn_on


# --------------------------------------------------------------------------- 3-D updates


def arrow_field(functions, x_range, y_range, floor: float, per_side: int = ARROWS_PER_SIDE):
    """Starts and vectors of the gradient arrows the surface lab draws on the floor.

    The longest arrow is one arrow spacing long, so that arrows never overlap.
    """
    import numpy as np

    ax = np.linspace(x_range[0], x_range[1], per_side)
    ay = np.linspace(y_range[0], y_range[1], per_side)
    gx_grid, gy_grid = np.meshgrid(ax, ay, indexing="ij")
    gx = np.asarray(functions.arrays["fx"](gx_grid, gy_grid), dtype=float)
    gy = np.asarray(functions.arrays["fy"](gx_grid, gy_grid), dtype=float)
    gx, gy = np.broadcast_to(gx, gx_grid.shape).ravel(), np.broadcast_to(gy, gy_grid.shape).ravel()
    finite = np.isfinite(gx) & np.isfinite(gy)
    norms = np.hypot(gx, gy)
    longest = float(norms[finite].max()) if finite.any() else 0.0
    scale = min(ax[1] - ax[0], ay[1] - ay[0]) / longest if longest > 0 else 0.0
    starts = np.column_stack([gx_grid.ravel(), gy_grid.ravel(), np.full(gx.size, floor)])
    vectors = np.column_stack([gx * scale, gy * scale, np.zeros(gx.size)])
    return starts[finite], vectors[finite]


def request_functions(model, text: str, x_range, y_range):
    """Compile ``text`` through the model's helper process (never sympy in this process)."""
    from visualizer.core.sampling import FunctionSet

    service = model.service
    replies = []

    def on_reply(reply) -> None:
        if reply.request_id == request_id:
            replies.append(reply)

    service.replied.connect(on_reply)
    try:
        request_id = service.submit("bundle", timeout=10.0, supersede=False, text=text,
                                    x_range=list(x_range), y_range=list(y_range))
        if not spin_until(lambda: bool(replies), 20.0):
            raise Unmeasurable(f"the helper process did not compile {text!r}")
    finally:
        service.replied.disconnect(on_reply)
    if replies[0].error is not None:
        raise Unmeasurable(f"{text!r} was rejected: {replies[0].error}")
    return FunctionSet.from_bundle(replies[0].result)


def measure_surface_updates(window, names, results: Results) -> None:
    """``surface_update_100_ms`` / ``_300_ms`` and ``matplotlib_ratio``.

    A separate :class:`SurfaceView` of :data:`SURFACE_VIEW_SIZE`; each update starts
    from a posted event and evaluates f on the grid, sets the surface and 20 x 20
    gradient arrows (as the surface lab does), and ends when the frame is swapped. The
    function alternates between x^2 + xy + y^2 and x^2 - xy + y^2 on [-1, 1]^2 (the
    chapters' figure 7-4), so every update changes every vertex. matplotlib draws the
    same figure between our 100 x 100 updates, so that both see the same machine load.
    """
    from PySide6.QtWidgets import QVBoxLayout

    from visualizer.bench.compute import ChapterFigure
    from visualizer.core.sampling import sample_grid
    from visualizer.panels.surface_view import SurfaceView, opengl_available

    available, reason = opengl_available()
    if not available:
        raise Unmeasurable(f"no 3-D view here: {reason}")
    chapter = None
    if "matplotlib_ratio" in names:
        try:
            chapter = ChapterFigure(SURFACE_VIEW_SIZE)
        except Unmeasurable as exc:
            results.fail(["matplotlib_ratio"], str(exc))
    x_range = y_range = (-1.0, 1.0)
    function_sets = [request_functions(window.model, text, x_range, y_range)
                     for text in ("x^2 + xy + y^2", "x^2 - xy + y^2")]
    host = QWidget()
    host.setWindowTitle("benchmark surface")
    layout = QVBoxLayout(host)
    layout.setContentsMargins(0, 0, 0, 0)
    view = SurfaceView(parent=host)
    layout.addWidget(view)
    host.resize(*SURFACE_VIEW_SIZE)
    host.show()
    frames: list[float] = []
    view.frame_swapped.connect(ends_appender(frames))
    if not spin_until(lambda: bool(frames), 10.0):
        raise Unmeasurable("the 3-D view never swapped a frame")
    trigger = _Call()
    updated: list[float] = []
    warm_up, measured = (2, 8) if quick_mode() else (4, 30)
    theirs: list[float] = []
    try:
        for size_name, points in zip(("surface_update_100_ms", "surface_update_300_ms"),
                                     SURFACE_GRID_SIZES, strict=True):
            compare = chapter is not None and points == 100
            if size_name not in names and not compare:
                continue
            times = []
            for index in range(warm_up + measured):
                functions = function_sets[index % 2]

                def update(functions=functions, points=points) -> None:
                    xs, ys, z = sample_grid(functions.arrays["f"], x_range, y_range, points)
                    view.set_surface(xs, ys, z)
                    starts, vectors = arrow_field(functions, x_range, y_range, view.floor_z)
                    view.set_arrows(starts, vectors)
                    updated.append(clock())

                spin(30)  # earlier frames are out of the way
                frames.clear()
                updated.clear()
                began = clock()
                trigger.post(update)

                def swapped() -> float | None:
                    return next((end for end in frames if updated and end > updated[0]), None)

                if not spin_until(lambda: swapped() is not None, 5.0):
                    raise Unmeasurable(f"a {points}x{points} surface update was never drawn")
                if index >= warm_up:
                    times.append((swapped() - began) * 1e3)
                    if compare and (index - warm_up) % MATPLOTLIB_EVERY == 0:
                        theirs.append(chapter.redraw_ms(-1.0 if index % 2 else 1.0))
            median = statistics.median(times)
            if size_name in names:
                results.set(size_name, median)
            results.note(f"{size_name}: median {median:.1f} ms, p95 "
                         f"{percentile(times, 0.95):.1f} ms over {len(times)} updates "
                         f"({SURFACE_VIEW_SIZE[0]}x{SURFACE_VIEW_SIZE[1]} px view)")
            if compare:
                _matplotlib_ratio(median, theirs, results)
    finally:
        host.close()
        host.deleteLater()


def _matplotlib_ratio(ours_ms: float, theirs_ms: list[float], results: Results) -> None:
    from visualizer.bench.compute import matplotlib_redraw_ms

    theirs = statistics.median(theirs_ms)
    results.set("matplotlib_ratio", ours_ms / theirs)
    width, height = SURFACE_VIEW_SIZE
    note = (f"matplotlib_ratio: ours {ours_ms:.1f} ms, matplotlib (Agg, plot_surface 100x100 "
            f"+ quiver 20x20 at {width}x{height} px, {len(theirs_ms)} redraws between ours) "
            f"{theirs:.0f} ms")
    if not quick_mode():
        scatter = matplotlib_redraw_ms(SURFACE_VIEW_SIZE, 3, surface=False)
        note += (f"; with the chapter's literal 3-D scatter of the grid instead of a "
                 f"surface {scatter:.0f} ms (ratio {ours_ms / scatter:.3f})")
    results.note(note)


# --------------------------------------------------------------------------- children


def _answer(results: Results, extra: dict | None = None) -> None:
    payload = results.to_dict()
    payload["extra"] = extra or {}
    sys.stdout.write(RESULT_PREFIX + json.dumps(payload) + "\n")
    sys.stdout.flush()


def _attempt(results: Results, names, function, *arguments) -> None:
    try:
        function(*arguments)
    except Unmeasurable as exc:
        results.fail(names, str(exc))
    except Exception as exc:  # noqa: BLE001 - one broken figure must not lose the others
        import traceback

        traceback.print_exc()
        results.fail(names, f"{type(exc).__name__}: {exc}")


def child_gui(names) -> int:
    """The latencies in one main window, then the 3-D updates."""
    results, extra = Results(), {}
    app = make_application()
    try:
        window = open_main_window()
    except Unmeasurable as exc:
        results.fail(names, str(exc))
        _answer(results, extra)
        return 0
    FrameWatch(window).settle(quiet_s=0.3, limit_s=5.0)
    steps = (
        ("edit_to_paint_p95_ms", measure_edit_to_paint),
        ("drag_p95_ms", measure_drag),
        ("descent_drawn_steps_per_s", measure_descent_drawn),
        ("surface_drag_fps", measure_surface_drag),
    )
    for name, function in steps:
        if name in names:
            _attempt(results, [name], function, window, results)
    surface_names = [name for name in ("surface_update_100_ms", "surface_update_300_ms",
                                       "matplotlib_ratio") if name in names]
    if surface_names:
        _attempt(results, surface_names, measure_surface_updates, window, surface_names,
                 results)
    _answer(results, extra)
    window.close()
    app.processEvents()
    return 0


def child_edits(names) -> int:
    """``rss_growth_1000_edits_mb``: 1000 different edits through the model in a fresh window."""
    results = Results()
    app = make_application()
    try:
        window = open_main_window()
        _attempt(results, names, _edits_growth, window, results)
    except Unmeasurable as exc:
        results.fail(names, str(exc))
    _answer(results)
    if "window" in locals():
        window.close()
    app.processEvents()
    return 0


def _edits_growth(window, results: Results) -> None:
    """1000 different edits, alternating one and two variables, each accepted and drawn.

    The edit loop stops at :data:`EDITS_TIME_CAP_S` (a slow machine, or a slow build of
    the panels); the growth is then scaled to 950 edits and a note says so.
    """
    model = window.model
    warm_up, total = (20, 60) if quick_mode() else (50, 1000)
    time_cap = EDITS_TIME_CAP_S / (6 if quick_mode() else 1)
    watch = FrameWatch(window)
    watch.settle(quiet_s=0.3, limit_s=5.0)
    accepted: list[tuple[float, str]] = []
    rejected: list[str] = []

    def on_accepted(state) -> None:
        accepted.append((clock(), state.text))

    def on_rejected(text, error) -> None:
        rejected.append(f"{text}: {error}")

    model.expression_changed.connect(on_accepted)
    model.expression_rejected.connect(on_rejected)
    baseline = None
    began = clock()
    done = 0
    try:
        for index in range(total):
            text = f"x^2 + {index + 2}x" if index % 2 == 0 else f"x^2 + {index + 2}xy + y^2"
            accepted.clear()
            model.set_expression(text)

            def drawn(text=text) -> bool:
                when = next((moment for moment, t in accepted if t == text), None)
                return when is not None and watch.first_raster_after(when) is not None

            if not spin_until(lambda: drawn() or bool(rejected), 15.0) or rejected:
                raise Unmeasurable(f"edit {index + 1} ({text!r}) was not accepted: "
                                   f"{rejected[0] if rejected else 'no answer within 15 s'}")
            watch.clear()
            done = index + 1
            if done == warm_up:
                watch.settle(quiet_s=0.3, limit_s=10.0)
                baseline = resident_mb()
                measuring_since = clock()
            elif baseline is not None and clock() - measuring_since > time_cap:
                break
    finally:
        model.expression_changed.disconnect(on_accepted)
        model.expression_rejected.disconnect(on_rejected)
    watch.settle(quiet_s=0.3, limit_s=30.0)
    final = resident_mb()
    watch.detach()
    growth = final - baseline
    counted = done - warm_up
    results.note(f"rss_growth: {done} edits (alternating one and two variables) in "
                 f"{clock() - began:.0f} s; resident {baseline:.0f} MB after {warm_up}, "
                 f"{final:.0f} MB at the end")
    if counted != 950:
        why = (f"the edit loop reached its time cap of {time_cap:.0f} s"
               if counted < total - warm_up else "quick run")
        results.note(f"rss_growth_1000_edits_mb: {why}; {growth:.1f} MB over {counted} edits "
                     "past the warm-up, scaled to 950")
    growth *= 950 / counted
    results.set("rss_growth_1000_edits_mb", growth)


class StartupWatcher(QObject):
    """Follows the program's own start-up: first frame, first function drawn, memory.

    Installed by wrapping :func:`visualizer.app.create_main_window`; the program itself
    is unchanged and runs its own event loop.
    """

    def __init__(self, window, spawned_at: float, names):
        super().__init__(window)
        self.window = window
        self.spawned_at = spawned_at
        self.names = names
        self.results = Results()
        self.extra: dict = {}
        self.frame_probe: PaintEndProbe | None = None
        self.plot_probe: PaintEndProbe | None = None
        self.first_frame_at: float | None = None
        self.accepted_at: float | None = None
        window.model.expression_changed.connect(self._on_accepted)
        window.installEventFilter(self)
        QTimer.singleShot(int(STARTUP_LIMIT_S * 1000), self._give_up)

    def _give_up(self) -> None:
        if self.first_frame_at is None:
            self.results.fail(self.names, f"no frame was painted within {STARTUP_LIMIT_S:g} s")
            _answer(self.results, self.extra)
            QCoreApplication.quit()

    def _on_accepted(self, _state) -> None:
        if self.accepted_at is None:
            self.accepted_at = clock()

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt's name
        # The window's QWindow exists from show(): watch its paints from then on.
        if watched is self.window and event.type() == QEvent.Type.Show and not self.frame_probe:
            self.frame_probe = PaintEndProbe(self.window.windowHandle(), {QEvent.Type.Paint},
                                             on_end=self._on_frame)
            plot = self.window.findChild(QWidget, "secantPlot")
            if plot is not None:
                self.plot_probe = PaintEndProbe(plot.viewport(), {QEvent.Type.Paint})
        return False

    def _on_frame(self, _end: float) -> None:
        if self.first_frame_at is None:
            self.first_frame_at = time.monotonic()
            QTimer.singleShot(0, self._after_first_frame)

    def _after_first_frame(self) -> None:
        window, model = self.window, self.window.model
        self.results.set("first_paint_s", self.first_frame_at - self.spawned_at)
        try:
            def function_drawn() -> bool:
                # The labs are built after the first paint: find the plot once it exists.
                if self.plot_probe is None:
                    plot = self.window.findChild(QWidget, "secantPlot")
                    if plot is not None:
                        self.plot_probe = PaintEndProbe(plot.viewport(), {QEvent.Type.Paint})
                probe = self.plot_probe
                return (self.accepted_at is not None and probe is not None
                        and probe.first_after(self.accepted_at) is not None)

            if spin_until(function_drawn, 30.0):
                drawn_after = (self.plot_probe.first_after(self.accepted_at) - clock()
                               + time.monotonic())
                self.results.note(f"first_paint: the default function was drawn "
                                  f"{drawn_after - self.spawned_at:.2f} s after launch")
            watch = FrameWatch(window)
            watch.settle(quiet_s=0.5, limit_s=10.0, busy=lambda: model.critical_points is None)
            self.results.set("rss_mb", resident_mb())
            self.extra["helpers_rss_mb"] = helpers_resident_mb()
            surface = find_surface_view(window)
            wait_for_function(model, "x^2 + xy + y^2")
            watch.settle(quiet_s=0.5, limit_s=10.0)
            self.results.note(
                f"rss_mb is the GUI process after start-up with x^2 drawn; "
                f"{resident_mb():.0f} MB once x^2 + xy + y^2 is drawn on the 100x100 grid"
                f"{' (3-D)' if surface is not None and surface.is_3d else ''}")
            watch.detach()
        except Unmeasurable as exc:
            self.results.fail([n for n in self.names if n != "first_paint_s"], str(exc))
        _answer(self.results, self.extra)
        window.close()
        QCoreApplication.quit()


def child_startup(names) -> int:
    """Launch the program as ``python main.py`` does, watching it from inside."""
    spawned_at = float(os.environ[SPAWNED_AT_ENV])
    import visualizer.app as app_module
    from visualizer.__main__ import main as program_main

    create_main_window = app_module.create_main_window
    watchers = []

    def create_and_watch(*arguments, **keywords):
        window = create_main_window(*arguments, **keywords)
        watchers.append(StartupWatcher(window, spawned_at, names))
        return window

    app_module.create_main_window = create_and_watch
    program_main([])
    return 0


def main(argv=None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    mode, names = argv[0], [name for name in argv[1].split(",") if name]
    children = {"gui": child_gui, "edits": child_edits, "startup": child_startup}
    return children[mode](names)


if __name__ == "__main__":
    sys.exit(main())
