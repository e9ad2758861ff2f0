"""A new function reaches the screen without needless work: no relayout of the labs at a
switch between one and two variables, details after the frame, fast grid lines."""

import random

import numpy as np
import pyqtgraph as pg
import pytest
from PySide6.QtCore import QEvent, QObject, QPointF, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPen
from PySide6.QtWidgets import QWidget

from visualizer.panels.plot_style import style_plot
from visualizer.theme import LIGHT
from visualizer.widgets.after_frame import run_after_next_frame
from visualizer.widgets.grid_lines import _row_rect, draw_axis_picture, use_fast_grid

ONE = "x^3 - x/3"
TWO = "x^2 + xy/3 + y^2"


def set_function(qtbot, window, text):
    with qtbot.waitSignal(window.model.expression_changed, timeout=10_000):
        window.model.set_expression(text)


# ------------------------------------------------------------------ a new function in the labs


@pytest.fixture
def side_by_side(qtbot, window):
    window.arrange_side_by_side()
    window.build_labs()
    qtbot.waitUntil(lambda: all(window._is_front(d) for d in window.docks.values()),
                    timeout=3_000)
    return window


class PaintLog(QObject):
    """Notes "paint" in a log when its widget paints."""

    def __init__(self, widget, log):
        super().__init__()
        self.log = log
        widget.installEventFilter(self)

    def eventFilter(self, watched, event):  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.Paint:
            self.log.append("paint")
        return False


def test_the_limit_table_follows_the_frame_of_a_new_function(qtbot, side_by_side, monkeypatch):
    window = side_by_side
    set_function(qtbot, window, ONE)
    view = window.secant.limit_view
    qtbot.waitUntil(lambda: view.last_table is not None, timeout=3_000)
    log = []
    refresh = view.refresh

    def logged_refresh():
        log.append("table")
        refresh()

    monkeypatch.setattr(view, "refresh", logged_refresh)
    painter_log = PaintLog(window.findChild(QWidget, "secantPlot").viewport(), log)
    # A new function, a switch back from two variables (the view shows again), another.
    def note_signal(_state):
        log.append("new function")

    window.model.expression_changed.connect(note_signal)  # after the labs' own slots
    try:
        for text, f in ((TWO, None), ("x^4", lambda x: x ** 4), ("2x^3", lambda x: 2 * x ** 3)):
            log.clear()
            set_function(qtbot, window, text)
            if f is None:
                continue
            x0 = window.model.x0
            qtbot.waitUntil(lambda f=f, x0=x0: view.last_table.rows[0].forward
                            == pytest.approx((f(x0 + 0.1) - f(x0)) / 0.1), timeout=3_000)
            # The table (a detail) is computed after the frame that shows the new curve.
            after = log[log.index("new function"):]
            assert "paint" in after and after.index("paint") < after.index("table"), log
    finally:
        window.model.expression_changed.disconnect(note_signal)
        window.findChild(QWidget, "secantPlot").viewport().removeEventFilter(painter_log)


def test_the_editor_typesets_after_the_frame_of_a_new_function(qtbot, side_by_side):
    window = side_by_side
    editor = window.editor
    set_function(qtbot, window, ONE)
    qtbot.waitUntil(lambda: editor.formula_labels[0].latex == window.model.function.latex("f")
                    and editor.formula_labels[0].has_picture(), timeout=3_000)
    log = []
    painter_log = PaintLog(window.findChild(QWidget, "secantPlot").viewport(), log)

    def note_signal(state):
        log.append("new function")
        # Typesetting holds the GIL: nothing of it may start before the curve is painted.
        log.append("timer running" if editor._formula_timer.isActive() else "timer idle")

    def note_typeset():
        log.append("typeset")

    window.model.expression_changed.connect(note_signal)
    editor.formula_labels[0].rendered.connect(note_typeset)
    try:
        set_function(qtbot, window, "x^4 - x")
        state = window.model.function
        qtbot.waitUntil(lambda: [label.latex for label in editor.formula_labels[:3]]
                        == [state.latex("f"), state.latex("df"), state.latex("d2f")],
                        timeout=3_000)
        qtbot.waitUntil(lambda: "typeset" in log, timeout=3_000)
    finally:
        window.model.expression_changed.disconnect(note_signal)
        editor.formula_labels[0].rendered.disconnect(note_typeset)
        window.findChild(QWidget, "secantPlot").viewport().removeEventFilter(painter_log)
    after = log[log.index("new function"):]
    assert after[1] == "timer idle", log
    assert "paint" in after and after.index("paint") < after.index("typeset"), log


# ------------------------------------------------------------------ the switch


class ResizeCounter(QObject):
    """Counts the resize events of some widgets."""

    def __init__(self, widgets):
        super().__init__()
        self.counts = {widget.objectName(): 0 for widget in widgets}
        self._widgets = widgets
        for widget in widgets:
            widget.installEventFilter(self)

    def eventFilter(self, watched, event):  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.Resize:
            self.counts[watched.objectName()] += 1
        return False

    def detach(self):
        for widget in self._widgets:
            widget.removeEventFilter(self)


def switch_and_back(qtbot, window, watched):
    """Two variables, then one again: the resize events of ``watched`` on the way."""
    sizes = {widget.objectName(): widget.size() for widget in watched}
    counter = ResizeCounter(watched)
    try:
        set_function(qtbot, window, TWO)
        set_function(qtbot, window, "x^3 - x/4")
    finally:
        counter.detach()
    assert {widget.objectName(): widget.size() for widget in watched} == sizes
    return counter.counts


def test_a_switch_of_variables_resizes_no_plot_and_every_lab_shows_the_new_function(
        qtbot, side_by_side):
    window = side_by_side
    # The surface lab's own switch is another matter (see the next test).
    window.docks["surface"].close()
    set_function(qtbot, window, ONE)
    secant_plot = window.findChild(QWidget, "secantPlot")
    descent_views = window.findChild(QWidget, "descentViews")
    docks = [window.docks[key] for key in ("secant", "descent")]
    watched = [secant_plot, descent_views, *docks]
    sizes = {widget.objectName(): widget.size() for widget in watched}
    counter = ResizeCounter(watched)
    try:
        set_function(qtbot, window, TWO)
        # Two variables: the map of the descent lab shows f(x, y).
        xs, ys, z = window.descent._contour_grid
        assert z[4, 9] == pytest.approx(xs[4] ** 2 + xs[4] * ys[9] / 3 + ys[9] ** 2)
        assert window.secant.notice.isVisible() and not window.secant.content.isVisible()
        assert window.descent.view_choice.isVisible()
        set_function(qtbot, window, "x^3 - x/4")
    finally:
        counter.detach()
    # Showing one part before hiding the other squeezed the plots for a moment, and the
    # docks moved: every switch laid the window out and redrew the plots' axes twice.
    assert counter.counts == dict.fromkeys(counter.counts, 0)
    assert {widget.objectName(): widget.size() for widget in watched} == sizes
    xs, ys = window.secant.curve.getData()
    finite = np.isfinite(ys)
    np.testing.assert_allclose(ys[finite], xs[finite] ** 3 - xs[finite] / 4, atol=1e-9)
    xs, ys = window.descent.curve_item.getData()
    finite = np.isfinite(ys)
    np.testing.assert_allclose(ys[finite], xs[finite] ** 3 - xs[finite] / 4, atol=1e-9)
    assert not window.descent.view_choice.isVisible()


def test_a_switch_of_variables_moves_no_dock_and_resizes_no_surface_view(qtbot, side_by_side):
    window = side_by_side
    set_function(qtbot, window, ONE)
    # The first function of two variables may grow the docks to the surface lab's
    # minimum size (for good); after that a switch must leave them alone.
    set_function(qtbot, window, TWO)
    set_function(qtbot, window, ONE)
    views = [window.findChild(QWidget, name) for name in (
        "surfaceGLContainer", "surfaceContourView", "surfaceSliceX")]
    docks = [window.docks[key] for key in ("secant", "surface", "descent")]
    # Shown before the notice was hidden, the views were squeezed under it for a moment.
    counts = switch_and_back(qtbot, window, docks + [view for view in views if view])
    assert counts == dict.fromkeys(counts, 0)
    set_function(qtbot, window, "x^2 + xy/5 + y^2")
    xs, ys, z = window.surface.last_grid
    assert z[7, 3] == pytest.approx(xs[7] ** 2 + xs[7] * ys[3] / 5 + ys[3] ** 2)


# ------------------------------------------------------------------ after the frame


class Painted(QWidget):
    def __init__(self, log):
        super().__init__()
        self.log = log

    def paintEvent(self, event):  # noqa: N802 - Qt's name
        self.log.append("paint")


def test_after_next_frame_runs_once_after_the_painting(qtbot):
    log = []
    widget = Painted(log)
    qtbot.addWidget(widget)
    widget.resize(120, 80)
    widget.show()
    qtbot.waitExposed(widget)
    qtbot.waitUntil(lambda: "paint" in log, timeout=3_000)

    class Detail(QObject):
        def run(self):
            log.append("detail")

    detail = Detail()
    log.clear()
    widget.update()
    run_after_next_frame(widget, detail.run)
    run_after_next_frame(widget, detail.run)  # asked twice before the frame: once
    qtbot.waitUntil(lambda: "detail" in log, timeout=3_000)
    qtbot.wait(30)
    assert log == ["paint", "detail"]


def test_after_next_frame_skips_deleted_widgets_and_needs_no_frame(qtbot):
    calls = []
    shown = QWidget()
    qtbot.addWidget(shown)
    shown.show()
    qtbot.waitExposed(shown)
    child = QWidget(shown)
    doomed = QWidget(shown)

    def must_not_run():
        calls.append("deleted widget's detail")

    run_after_next_frame(doomed, must_not_run)
    doomed.deleteLater()

    def ran():
        calls.append("ran")

    run_after_next_frame(child, ran)  # nothing to paint: the fallback timer
    qtbot.waitUntil(lambda: "ran" in calls, timeout=3_000)
    assert calls == ["ran"]
    hidden = QWidget()
    qtbot.addWidget(hidden)

    def ran_hidden():
        calls.append("hidden")

    run_after_next_frame(hidden, ran_hidden)  # a window not shown paints no frame
    qtbot.waitUntil(lambda: "hidden" in calls, timeout=1_000)


# ------------------------------------------------------------------ grid lines


def pixels(image: QImage) -> np.ndarray:
    pointer = image.constBits()
    return np.frombuffer(pointer, np.uint8, image.sizeInBytes()).copy()


def test_a_thin_horizontal_line_is_filled_on_the_pixels_qt_draws():
    color = QColor("#1a1a1a")
    color.setAlpha(26)
    pen = QPen(color)
    pen.setWidthF(1.0)
    rng = random.Random(3)
    for _ in range(200):
        y = rng.uniform(2, 50)
        x1, x2 = rng.uniform(0, 50), rng.uniform(50, 99)
        shift = rng.choice([(0, 0), (1, 1), (3, 7)])
        images = []
        for fill in (False, True):
            image = QImage(100, 60, QImage.Format.Format_ARGB32_Premultiplied)
            image.fill(Qt.GlobalColor.transparent)
            painter = QPainter(image)
            painter.translate(*shift)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
            if fill:
                painter.fillRect(_row_rect(pen, QPointF(x2, y), QPointF(x1, y)), color)
            else:
                painter.setPen(pen)
                painter.drawLine(QPointF(x2, y), QPointF(x1, y))
            painter.end()
            images.append(pixels(image))
        np.testing.assert_array_equal(images[1], images[0], err_msg=f"y={y} x={x1}..{x2}")
    sloped = _row_rect(pen, QPointF(0, 1), QPointF(9, 2))
    thick = QPen(color)
    thick.setWidthF(2.0)
    assert sloped is None and _row_rect(thick, QPointF(0, 1), QPointF(9, 1)) is None


def test_the_fast_grid_looks_like_pyqtgraphs(qtbot):
    plot = pg.PlotWidget()
    qtbot.addWidget(plot)
    style_plot(plot, LIGHT)
    plot.plot(np.linspace(-3, 3, 50), np.linspace(-3, 3, 50) ** 3)
    plot.resize(420, 260)
    plot.show()
    qtbot.waitExposed(plot)
    images = []
    for fast in (False, True):
        if fast:
            use_fast_grid(plot)
        image = QImage(plot.viewport().size(), QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(Qt.GlobalColor.white)
        painter = QPainter(image)
        plot.render(painter)
        painter.end()
        images.append(pixels(image))
    left = plot.getPlotItem().getAxis("left")
    assert left.grid and left.drawPicture.func is draw_axis_picture
    changed = np.count_nonzero(images[0] != images[1])
    assert changed == 0, f"{changed} bytes differ"
