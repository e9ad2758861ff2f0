"""A drag keeps pace with the display: the latest position once a frame, no drift."""

from __future__ import annotations

import pytest

import visualizer.panels.contour_view as contour_view
from visualizer.panels.contour_view import FrameThrottle


class FakeClock:
    def __init__(self):
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock(monkeypatch):
    fake = FakeClock()
    monkeypatch.setattr(contour_view.time, "perf_counter", fake)
    return fake


def test_a_steady_drag_is_delivered_once_a_frame_without_drift(qtbot, clock):
    delivered = []
    throttle = FrameThrottle(lambda value: delivered.append((clock.now, value)))
    throttle.interval = 1 / 60
    throttle.push(0)
    assert delivered == [(100.0, 0)]  # the first move goes out at once
    # A 125 Hz mouse; the frame timer fires up to a millisecond late, as timers do.
    for move in range(1, 601):
        clock.now = 100.0 + move * 0.008
        throttle.push(move)
        if throttle._timer.isActive():
            due = throttle._slot + throttle.interval
            if clock.now + 0.008 > due + 0.001:  # the timer fires before the next move
                clock.now = due + 0.001
                throttle.flush()
    frames = len(delivered) - 1
    span = delivered[-1][0] - delivered[0][0]
    # 4.8 s of moves at 60 frames/s: about 288 deliveries. Restarting the wait after
    # each late timer would have made ~275 (one frame stretched by the delay each time).
    assert span / frames == pytest.approx(1 / 60, rel=0.01)
    assert min(b[0] - a[0] for a, b in zip(delivered, delivered[1:], strict=False)) >= 1 / 60 - 0.0011
    values = [value for _, value in delivered]
    assert values == sorted(values)  # only ever the latest position, never an old one


def test_after_a_pause_the_next_move_goes_out_at_once(qtbot, clock):
    delivered = []
    throttle = FrameThrottle(delivered.append)
    throttle.interval = 1 / 60
    throttle.push("a")
    clock.now += 2.0
    throttle.push("b")
    assert delivered == ["a", "b"] and not throttle._timer.isActive()
    clock.now += 0.004
    throttle.push("c")  # within the frame: waits for its end ...
    assert delivered == ["a", "b"] and throttle._timer.isActive()
    throttle.flush()  # ... or for the mouse release
    assert delivered == ["a", "b", "c"]


def test_a_framed_curve_is_bounded_by_its_view_and_follows_a_new_range(qtbot):
    import pyqtgraph as pg

    from visualizer.panels.surface_style import FramedCurve

    plot = pg.PlotWidget()
    qtbot.addWidget(plot)
    plot.resize(300, 200)
    plot.show()
    qtbot.waitExposed(plot)
    curve = FramedCurve()
    plot.addItem(curve)
    plot.setXRange(0.0, 1.0, padding=0.0)
    plot.setYRange(0.0, 1.0, padding=0.0)
    curve.setData([0.2, 0.8], [0.5, 0.5])
    rect = curve.boundingRect()
    assert (rect.left(), rect.right(), rect.top(), rect.bottom()) == pytest.approx((0, 1, 0, 1))
    plot.setXRange(-5.0, 5.0, padding=0.0)  # a new frame: by the next paint, new bounds
    qtbot.waitUntil(lambda: (curve.boundingRect().left(), curve.boundingRect().right())
                    == pytest.approx((-5.0, 5.0)), timeout=2000)
    curve.setData([-4.0, 4.0], [0.5, 0.5])
    assert curve.boundingRect().contains(-4.0, 0.5)
