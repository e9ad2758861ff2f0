"""Plays a pure function of time, frame(t) -> value, at the display's frame rate.

The animation itself is a pure function (:class:`visualizer.core.limits.LimitAnimation`
for h -> 0, or the sweep of time for a moving point), so the same frames can later be
rendered one by one for an export; this player only turns wall-clock time into t.
"""

from __future__ import annotations

import math
from collections.abc import Callable

from PySide6.QtCore import QElapsedTimer, QObject, Qt, QTimer, Signal

#: ~60 frames a second; the wall clock, not the tick count, decides t, so a late tick
#: never slows the animation down.
FRAME_INTERVAL_MS = 16


class FramePlayer(QObject):
    """Calls ``frame(t)`` every display frame and emits the value.

    Signals
    -------
    frame_ready(float)
        The value for the current time.
    running_changed(bool)
        Playing started (True) or paused/stopped/finished (False).
    finished()
        A non-looping animation reached its end (its last frame was emitted).
    """

    frame_ready = Signal(float)
    running_changed = Signal(bool)
    finished = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setInterval(FRAME_INTERVAL_MS)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.timeout.connect(self._tick)
        self._clock = QElapsedTimer()
        self._frame: Callable[[float], float] | None = None
        self._duration = math.inf
        self._time = 0.0
        self._speed = 1.0

    # -- state ----------------------------------------------------------------------------
    @property
    def running(self) -> bool:
        return self._timer.isActive()

    @property
    def has_animation(self) -> bool:
        """True when an animation is loaded (playing or paused)."""
        return self._frame is not None

    @property
    def time(self) -> float:
        """Animation time t in seconds (speed-scaled)."""
        return self._time

    @property
    def speed(self) -> float:
        return self._speed

    def set_speed(self, speed: float) -> None:
        """Play ``speed`` times faster (takes effect from the next frame)."""
        if not speed > 0:
            raise ValueError("speed must be positive")
        self._advance()
        self._speed = float(speed)

    # -- control --------------------------------------------------------------------------
    def play(self, frame: Callable[[float], float], duration: float = math.inf) -> None:
        """Start ``frame`` from t = 0; it ends after ``duration`` seconds (inf: never)."""
        self._frame = frame
        self._duration = float(duration)
        self._time = 0.0
        self._start_clock()
        self.frame_ready.emit(frame(0.0))

    def pause(self) -> None:
        """Hold at the current frame; :meth:`resume` goes on from there."""
        if self._timer.isActive():
            self._advance()
            self._timer.stop()
            self.running_changed.emit(False)

    def resume(self) -> None:
        if self._frame is not None and not self._timer.isActive():
            self._start_clock()

    def stop(self) -> None:
        """Forget the animation (the value stays where it is)."""
        was_running = self._timer.isActive()
        self._timer.stop()
        self._frame = None
        if was_running:
            self.running_changed.emit(False)

    # -- internals ------------------------------------------------------------------------
    def _start_clock(self) -> None:
        self._clock.start()
        if not self._timer.isActive():
            self._timer.start()
            self.running_changed.emit(True)

    def _advance(self) -> None:
        if self._timer.isActive():
            self._time += self._clock.restart() / 1000.0 * self._speed

    def _tick(self) -> None:
        if self._frame is None:
            self._timer.stop()
            return
        self._advance()
        done = self._time >= self._duration
        if done:
            self._time = self._duration
        self.frame_ready.emit(self._frame(self._time))
        if done:
            self._timer.stop()
            self._frame = None
            self.running_changed.emit(False)
            self.finished.emit()
