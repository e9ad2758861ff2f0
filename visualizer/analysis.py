"""Runs symbolic requests on the killable worker without ever blocking the GUI thread.

The GUI thread only queues a request and later receives the answer as a Qt signal,
emitted in the GUI thread (the background thread hands it over with
:func:`visualizer.gui_thread.call_in_gui_thread`, never by emitting a signal itself).
One background thread talks to :class:`visualizer.core.worker.SymbolicWorker`; a newer
request makes an older, slow one stale, and a stale request is cancelled (its helper
process is killed and the hot spare takes over) so the learner never waits for an
answer nobody wants any more.
"""

from __future__ import annotations

import itertools
import threading
import time
from dataclasses import dataclass, field

from PySide6.QtCore import QObject, Signal

from visualizer import gui_thread
from visualizer.core.errors import ExpressionError, error_text

# A stale request that has run this long is killed rather than awaited: most answers
# come in ~10 ms, so anything slower is probably one of sympy's slow paths.
STALE_GRACE_S = 0.25


def _cancelled() -> ExpressionError:
    # The worker's own "cancelled" error (worker.cancelled_error), without importing the
    # worker module here: it is imported lazily, on the background thread.
    return ExpressionError("timeout", template=error_text("cancelled"))


@dataclass(frozen=True)
class AnalysisReply:
    """The answer to one request: ``result`` on success, ``error`` otherwise."""

    request_id: int
    op: str
    params: dict
    result: dict | None = None
    error: ExpressionError | None = None
    seconds: float = 0.0


@dataclass
class _Job:
    request_id: int
    op: str
    params: dict
    timeout: float | None
    started: float = field(default=0.0)


class AnalysisService(QObject):
    """Queue of symbolic requests served by one helper process.

    Signals
    -------
    replied(AnalysisReply)
        A request finished (successfully or not). Emitted in the GUI thread.
    busy_changed(bool)
        True while a request is being computed, for a progress indicator. Emitted in
        the GUI thread.
    """

    replied = Signal(object)
    busy_changed = Signal(bool)

    def __init__(self, worker=None, parent=None):
        super().__init__(parent)
        self._worker = worker
        self._ids = itertools.count(1)
        self._pending: list[_Job] = []
        self._running: _Job | None = None
        self._condition = threading.Condition()
        self._closed = False
        gui_thread.prepare()
        self._thread = threading.Thread(target=self._serve, name="symbolic-requests", daemon=True)
        self._thread.start()

    # -- GUI thread ---------------------------------------------------------------
    def submit(self, op: str, timeout: float | None = None, supersede: bool = True, **params) -> int:
        """Queue ``op`` with ``params`` and return its request id.

        With ``supersede`` (the default) every queued request is dropped (and answered
        with a "cancelled" timeout error), and a running one that has already taken
        longer than :data:`STALE_GRACE_S` is cancelled: only the newest question matters.
        """
        job = _Job(next(self._ids), op, params, timeout)
        dropped: list[_Job] = []
        with self._condition:
            if supersede:
                dropped, self._pending = self._pending, []
                running = self._running
                if running is not None and time.perf_counter() - running.started > STALE_GRACE_S:
                    self._worker_instance().cancel()
            self._pending.append(job)
            self._condition.notify()
        for old in dropped:  # every request gets an answer, even "no longer needed"
            self.replied.emit(AnalysisReply(old.request_id, old.op, old.params,
                                            error=_cancelled()))
        return job.request_id

    def close(self) -> None:
        """Stop the background thread and the helper processes."""
        with self._condition:
            self._closed = True
            self._pending.clear()
            self._condition.notify()
        if self._running is not None and self._worker is not None:
            self._worker.cancel()
        self._thread.join(timeout=2.0)
        if self._worker is not None:
            self._worker.close()

    def helper_process_ids(self) -> list[int]:
        """Process ids of the symbolic helper processes running now (none before the first)."""
        worker = self._worker
        return worker.process_ids() if worker is not None else []

    def warm_up(self) -> None:
        """Start the helper process now (it imports sympy on the other core)."""
        self.submit("ping", supersede=False)

    # -- background thread --------------------------------------------------------
    def _worker_instance(self):
        if self._worker is None:
            from visualizer.core.worker import SymbolicWorker

            self._worker = SymbolicWorker()
        return self._worker

    def _serve(self) -> None:
        while True:
            with self._condition:
                while not self._pending and not self._closed:
                    self._condition.wait()
                if self._closed:
                    return
                job = self._pending.pop(0)
                job.started = time.perf_counter()
                self._running = job
            gui_thread.call_in_gui_thread(self._announce_busy)
            try:
                result = self._worker_instance().request(job.op, timeout=job.timeout, **job.params)
                reply = AnalysisReply(job.request_id, job.op, job.params, result=result)
            except ExpressionError as error:
                reply = AnalysisReply(job.request_id, job.op, job.params, error=error)
            except Exception as error:  # noqa: BLE001 - a broken helper must not kill the GUI
                reply = AnalysisReply(
                    job.request_id,
                    job.op,
                    job.params,
                    error=ExpressionError(
                        "unsupported", template=error_text("internal error: {error}"),
                        fields={"error": str(error)},
                    ),
                )
            elapsed = time.perf_counter() - job.started
            reply = AnalysisReply(
                reply.request_id, reply.op, reply.params, reply.result, reply.error, elapsed
            )
            with self._condition:
                self._running = None
                idle = not self._pending
            gui_thread.call_in_gui_thread(self._deliver, reply, idle)

    # -- GUI thread, handed over from the background thread ------------------------
    def _announce_busy(self) -> None:
        self.busy_changed.emit(True)

    def _deliver(self, reply: AnalysisReply, idle: bool) -> None:
        self.replied.emit(reply)
        if idle:
            self.busy_changed.emit(False)
