"""Symbolic work in a killable helper process.

sympy can run for minutes on harmless-looking input (``sin(cos(exp(exp(exp(exp(1))))))``),
threads cannot be killed and hold the GIL in big-integer arithmetic, SIGALRM works only
in the main thread and ``ProcessPoolExecutor`` cannot stop a running task. So every
symbolic request goes to a small helper process that is simply killed when it takes too
long; a warm *hot spare* takes over at once and a new spare warms up in the background.

Protocol: one JSON object per line each way. The parent sends
``{"id": int, "op": str, "params": {...}}`` and the child answers ``{"id": int, "result": ...}``
or ``{"id": int, "error": {"kind", "message", "position"}}``. Before its first answer the
child sends one ``{"ready": true, "pid": int}`` line, once sympy and the core are imported.

The child is started as ``python -m visualizer.core.worker`` so it never imports the GUI
(PySide6). Run that way it serves requests on stdin/stdout until stdin closes.
"""

from __future__ import annotations

import atexit
import json
import math
import os
import queue
import subprocess
import sys
import threading
import time
import traceback
import weakref
from pathlib import Path

from visualizer.core.errors import ExpressionError, error_text, phrase

#: Environment variable that enables the test-only ops ("sleep", "crash", "fail").
TEST_OPS_ENV = "VISUALIZER_WORKER_TEST_OPS"

#: Address space a child may grow by after start-up; beyond it allocations fail with
#: MemoryError, reported as "too_complex", instead of the machine starting to swap.
MEMORY_HEADROOM_BYTES = 2 * 1024**3

#: A helper whose resident memory has grown past this after an answer is replaced by
#: the warm spare: sympy's caches and the high-water mark of one large request stay in
#: a process for good (helpers were seen at 339 MB after a long session; a fresh one
#: is about 70 MB).
RECYCLE_RSS_BYTES = 200 * 1024**2

#: How long a cold child may take to import sympy and the core before it counts as broken.
STARTUP_TIMEOUT = 60.0

#: The directory that holds the ``visualizer`` package, put on the child's PYTHONPATH so
#: the child finds the package whatever the current directory is.
_PACKAGE_PARENT = str(Path(__file__).resolve().parents[2])


# --------------------------------------------------------------------------------------
# Parent side
# --------------------------------------------------------------------------------------


class _ChildDied(Exception):
    """The child closed its stdout: it exited, crashed or was killed."""


class _Cancelled(Exception):
    """:meth:`SymbolicWorker.cancel` or :meth:`SymbolicWorker.close` aborted the request."""


#: Queued by the reader thread when the child's greeting arrives.
_READY = "ready"


class _CancelRequest:
    """Queued by :meth:`SymbolicWorker.cancel` to wake the request it aborts."""

    def __init__(self, request_id: int):
        self.request_id = request_id


class _Child:
    """One helper process, its pipes and the thread that reads its answers.

    Everything the request thread waits for arrives in one queue: answer lines, the
    start-up greeting (:data:`_READY`), cancellations (:class:`_CancelRequest`) and the
    end of the output (None), so one blocking ``get`` sees whichever comes first.
    """

    def __init__(self, on_exit=None):
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(
            p for p in (_PACKAGE_PARENT, env.get("PYTHONPATH", "")) if p
        )
        # Symbolic work is single-threaded; BLAS thread pools would only reserve memory.
        for name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
            env.setdefault(name, "1")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "visualizer.core.worker"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            env=env,
        )
        self.pid = self.proc.pid
        #: Set once the child has imported everything (or died trying).
        self.ready = threading.Event()
        #: Whether the request thread has consumed the greeting from the queue.
        self.greeted = False
        #: Set when the worker closes, so an end of output reads as a cancellation.
        self.closing = False
        self.events: queue.SimpleQueue = queue.SimpleQueue()
        #: Whether the greeting arrived: a child that dies before it is broken, not killed.
        self.greeting_seen = False
        #: Called (on the reader thread) with this child when its output ends.
        self._on_exit = on_exit
        self._reader = threading.Thread(
            target=self._read_output, name=f"symbolic-worker-{self.pid}", daemon=True
        )
        self._reader.start()

    def _read_output(self) -> None:
        try:
            for line in self.proc.stdout:
                if not self.ready.is_set():
                    self.greeting_seen = True
                    self.ready.set()  # the first line is the greeting
                    self.events.put(_READY)
                    continue
                self.events.put(line)
        except (OSError, ValueError):
            pass  # the pipe was closed under us by reap()
        finally:
            self.ready.set()  # wake wait_ready(); the None below says "dead"
            self.events.put(None)
            if self._on_exit is not None:
                self._on_exit(self)

    def alive(self) -> bool:
        return self.proc.poll() is None

    def send(self, message: dict) -> None:
        data = (json.dumps(message) + "\n").encode("utf-8")
        try:
            self.proc.stdin.write(data)
            self.proc.stdin.flush()
        except (OSError, ValueError) as exc:
            raise _ChildDied() from exc

    def next_event(self, request_id: int, timeout: float):
        """The next answer line or greeting for `request_id`; None when `timeout` passes.

        Raises
        ------
        _ChildDied
            The child's output ended.
        _Cancelled
            The request was cancelled, or the worker is closing.
        """
        deadline = time.monotonic() + timeout
        while True:
            try:
                event = self.events.get(timeout=max(deadline - time.monotonic(), 0.0))
            except queue.Empty:
                return None
            if event is None:
                self.events.put(None)  # keep saying "dead" to any later reader
                raise _Cancelled() if self.closing else _ChildDied()
            if isinstance(event, _CancelRequest):
                if event.request_id == request_id:
                    raise _Cancelled()
                continue  # a late cancel for a request that already finished
            return event

    def exit_description(self) -> dict:
        """How the process ended, as a translatable phrase (see ``errors.phrase``)."""
        try:
            code = self.proc.wait(timeout=1.0)
        except subprocess.TimeoutExpired:
            return phrase(error_text("it stopped answering"))
        if code < 0:
            return phrase(error_text("it was stopped by signal {signal}"), signal=-code)
        return phrase(error_text("it exited with status {status}"), status=code)

    def kill(self) -> None:
        """Kill the process; safe to call from any thread, any number of times."""
        try:
            self.proc.kill()
        except OSError:
            pass

    def close_stdin(self) -> None:
        """Close the request pipe: the child exits at once, even while busy."""
        try:
            self.proc.stdin.close()
        except (OSError, ValueError):
            pass

    def reap(self) -> None:
        """Collect the exit status so no zombie is left behind, and close the pipes."""
        try:
            self.proc.wait(timeout=2.0)
        except subprocess.TimeoutExpired:
            # Uninterruptible for now: let a background thread collect it later.
            threading.Thread(target=self.proc.wait, daemon=True).start()
        for stream in (self.proc.stdin, self.proc.stdout):
            try:
                stream.close()
            except (OSError, ValueError):
                pass


def resident_bytes(pid: int) -> int:
    """Resident memory of process ``pid`` in bytes (0 where /proc cannot tell)."""
    try:
        with open(f"/proc/{pid}/statm", encoding="ascii") as statm:
            return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0


def _shut_down_all(children: set, grace: float = 0.0) -> None:
    """Stop every child listed: close their stdin (they exit), then kill what remains."""
    children_now = list(children)
    for child in children_now:
        child.closing = True
        child.close_stdin()
    deadline = time.monotonic() + grace
    for child in children_now:
        try:
            child.proc.wait(timeout=max(deadline - time.monotonic(), 0.0))
        except subprocess.TimeoutExpired:
            child.kill()
    for child in children_now:
        child.reap()
        children.discard(child)


#: Workers not yet closed; closed at interpreter exit while their threads still run.
_open_workers: weakref.WeakSet = weakref.WeakSet()


@atexit.register
def _close_open_workers() -> None:
    for worker in list(_open_workers):
        worker.close()


class SymbolicWorker:
    """Runs symbolic requests in a helper process that is killed when it overruns.

    Parameters
    ----------
    timeout : float
        Seconds a request may take before it is abandoned and its process killed.
    spare : bool, keyword-only
        Keep a second, warm process ready so the request after a kill is answered at
        once. The command line, which exits after one request, turns this off.

    Notes
    -----
    One request runs at a time (a lock serialises callers). :meth:`cancel` may be called
    from any thread while another thread waits in :meth:`request`. Processes are started
    on first use (or by :meth:`start`) and stopped by :meth:`close`, when the object is
    garbage collected, or at interpreter exit; a child also exits by itself when its
    stdin closes, i.e. when this process goes away, even in the middle of a request.

    Start-up of a helper (importing sympy, about half a second) does not count against
    a request's time limit, and a cancelled request that was still waiting for a helper
    to start leaves that helper alive, so cancelling often never starves the worker.

    Examples
    --------
    >>> with SymbolicWorker(timeout=3.0) as worker:  # doctest: +SKIP
    ...     worker.request("analyze", text="x^2", at=[1.0])["at"]["derivative"]
    2.0
    """

    def __init__(self, timeout: float = 3.0, *, spare: bool = True):
        if not timeout > 0:
            raise ValueError("timeout must be positive")
        self.timeout = float(timeout)
        self.use_spare = spare
        self._lock = threading.Lock()  # one request at a time
        self._spare_lock = threading.Lock()  # guards _spare against the background starter
        self._active: _Child | None = None
        self._spare: _Child | None = None
        # (child, request id) of the request in flight; read by cancel() without a lock.
        self._in_flight: tuple[_Child, int] | None = None
        self._closed = False
        self._next_id = 0
        # Every child started and not yet reaped; the finalizer stops what is left.
        self._children: set[_Child] = set()
        self._finalizer = weakref.finalize(self, _shut_down_all, self._children)
        _open_workers.add(self)

    # -- life cycle ---------------------------------------------------------------------

    def start(self) -> None:
        """Start the helper process now rather than at the first request."""
        with self._lock:
            if self._closed:
                raise RuntimeError("the symbolic worker is closed")
            self._ensure_active()

    def wait_ready(self, timeout: float = STARTUP_TIMEOUT) -> bool:
        """Start the helper processes if needed and wait until they have warmed up.

        Returns
        -------
        bool
            True when the active process (and the spare, if wanted) are ready, False
            when `timeout` passed first.
        """
        self.start()
        if self.use_spare:
            self._start_spare()
        deadline = time.monotonic() + timeout
        for child in (self._active, self._spare):
            if child is not None and not child.ready.wait(max(deadline - time.monotonic(), 0)):
                return False
        return True

    @property
    def busy(self) -> bool:
        """True while a request is in flight."""
        return self._in_flight is not None

    def process_ids(self) -> list[int]:
        """Process ids of the helper processes started and not yet stopped."""
        return sorted(child.pid for child in list(self._children))

    def close(self) -> None:
        """Stop every helper process. A request in flight fails as cancelled."""
        self._closed = True
        with self._spare_lock:
            self._spare = None
        self._active = None
        _shut_down_all(self._children, grace=0.2)

    def __enter__(self) -> SymbolicWorker:
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()

    # -- requests -----------------------------------------------------------------------

    def request(self, op: str, timeout: float | None = None, **params) -> dict:
        """Run `op` with `params` in the helper process and return its result.

        Parameters
        ----------
        op : str
            "ping", "bundle", "points", "analyze", "descent_sources", "taylor" or
            "steps".
        timeout : float, optional
            Seconds allowed for this request; the worker's default when None.
        **params
            The op's parameters (JSON-serialisable).

        Returns
        -------
        dict
            The op's result.

        Raises
        ------
        ExpressionError
            What the op reported (syntax, domain, ...); kind "timeout" when the time
            limit passed (message "too complex to analyse in time (over N s)") or when
            :meth:`cancel` was called (message "cancelled"); kind "unsupported" when the
            helper process died while working on it.
        RuntimeError
            The worker was closed.
        """
        limit = self.timeout if timeout is None else float(timeout)
        with self._lock:
            if self._closed:
                raise RuntimeError("the symbolic worker is closed")
            self._next_id += 1
            request_id = self._next_id
            try:
                message = self._run(request_id, op, params, limit)
            finally:
                self._in_flight = None
            self._recycle_if_grown()
        self._ensure_spare_soon()
        if "error" in message:
            raise ExpressionError.from_dict(message["error"])
        return message["result"]

    def cancel(self) -> None:
        """Abort the request in flight, if any; its caller gets ExpressionError("timeout").

        Safe to call from any thread; it never waits for the request lock. The waiting
        request wakes up, kills its helper process if that was working on it, and lets
        the hot spare take over.
        """
        in_flight = self._in_flight
        if in_flight is not None:
            child, request_id = in_flight
            child.events.put(_CancelRequest(request_id))

    def _run(self, request_id: int, op: str, params: dict, limit: float) -> dict:
        for attempt in (1, 2):
            child = self._ensure_active()
            self._in_flight = (child, request_id)
            try:
                return self._exchange(child, request_id, op, params, limit)
            except _Cancelled:
                raise cancelled_error() from None
            except _ChildDied:
                if child.closing:  # close() shut it down under us
                    raise cancelled_error() from None
                description = child.exit_description()
                self._retire(child)
                if attempt == 1 and not self._closed:
                    # It may have died while idle (the OS killed it, say): the request
                    # itself is not to blame until it fails a second time.
                    continue
                raise ExpressionError(
                    "unsupported",
                    template=error_text("the symbolic helper process stopped unexpectedly "
                                        "({description}); it has been restarted, please try "
                                        "again"),
                    fields={"description": description},
                ) from None
        raise AssertionError("unreachable")

    def _exchange(self, child: _Child, request_id: int, op: str, params: dict, limit: float):
        if not child.greeted:
            # Start-up is not the request's fault: the clock starts once the child is warm.
            if child.next_event(request_id, STARTUP_TIMEOUT) is None:
                self._retire(child)
                raise ExpressionError(
                    "unsupported", template=error_text("the symbolic helper did not start in time")
                )
            child.greeted = True
        child.send({"id": request_id, "op": op, "params": params})
        deadline = time.monotonic() + limit
        try:
            while True:
                line = child.next_event(request_id, deadline - time.monotonic())
                if line is None:
                    raise ExpressionError(
                        "timeout",
                        template=error_text("too complex to analyse in time (over {seconds} s)"),
                        fields={"seconds": f"{limit:g}"},
                    )
                message = json.loads(line)
                if message.get("id") == request_id:
                    return message
        except (ExpressionError, _Cancelled):
            self._retire(child)  # it is still working on the abandoned request
            raise

    # -- processes ----------------------------------------------------------------------

    def _start_child(self) -> _Child:
        # Weakly: a reader thread must not keep a forgotten worker (and its processes) alive.
        on_exit = weakref.WeakMethod(self._on_child_exited)
        child = _Child(on_exit=lambda gone: (method := on_exit()) and method(gone))
        self._children.add(child)
        return child

    def _on_child_exited(self, child: _Child) -> None:
        """From a reader thread: a child's output ended. A dead spare is replaced at once.

        Otherwise a spare killed while idle (by the OS, or by hand) stayed listed as the
        spare and the next overrunning request had to wait for a cold start. A spare that
        died before its greeting is broken rather than killed: starting another would
        only loop.
        """
        if self._closed or child.closing or not child.greeting_seen:
            return
        with self._spare_lock:
            if self._spare is not child:
                return  # the active child: the next request replaces it
            self._spare = None
        self._retire(child)
        self._ensure_spare_soon()

    def _ensure_active(self) -> _Child:
        """The active child: the current one, else the spare, else a new one. Holds _lock."""
        if self._active is not None and self._active.alive():
            return self._active
        if self._active is not None:
            self._retire(self._active)
        with self._spare_lock:
            spare, self._spare = self._spare, None
        if spare is not None and spare.alive():
            self._active = spare
            self._ensure_spare_soon()  # a replacement warms up while this one serves
        else:
            if spare is not None:
                self._retire(spare)
            # The spare (if wanted) starts after the first answer, so that two processes
            # do not import sympy at the same time as the GUI starts up.
            self._active = self._start_child()
        return self._active

    def _recycle_if_grown(self) -> None:
        """Retire the active child if it has grown past :data:`RECYCLE_RSS_BYTES`. Holds _lock.

        Only with a spare (the next request must not wait for a cold start), and only
        once the spare is warm.
        """
        child, spare = self._active, self._spare
        if child is None or not self.use_spare or spare is None or not spare.ready.is_set() \
                or not spare.alive():
            return
        if resident_bytes(child.pid) > RECYCLE_RSS_BYTES:
            self._retire(child)

    def _retire(self, child: _Child) -> None:
        """Kill and reap `child`; if it was the active one, the spare takes over next."""
        child.kill()
        # Reaping a big process takes the kernel a few milliseconds: do it on the side so
        # control returns at once. Until reaped it stays listed, so close() still waits.
        threading.Thread(target=self._reap, args=(child,), daemon=True).start()
        if self._active is child:
            self._active = None
            if not self._closed:
                self._ensure_active()

    def _reap(self, child: _Child) -> None:
        child.reap()
        self._children.discard(child)

    def _ensure_spare_soon(self) -> None:
        """Start a spare in the background if one is wanted and missing."""
        if not self.use_spare or self._closed or self._spare is not None:
            return
        threading.Thread(target=self._start_spare, name="symbolic-spare", daemon=True).start()

    def _start_spare(self) -> None:
        with self._spare_lock:
            if self._spare is not None or self._closed:
                return
            self._spare = self._start_child()

    def spare_process_id(self) -> int | None:
        """Process id of the hot spare, if one is running or warming up."""
        spare = self._spare
        return spare.pid if spare is not None else None


# --------------------------------------------------------------------------------------
# Child side
# --------------------------------------------------------------------------------------


def _jsonable(value):
    """``json.dumps`` fallback for numpy and sympy values in results."""
    try:
        import numpy

        if isinstance(value, numpy.ndarray):
            return value.tolist()
        if isinstance(value, numpy.generic):
            return value.item()
    except ImportError:  # pragma: no cover - numpy is a dependency
        pass
    if isinstance(value, (set, frozenset, tuple)):
        return list(value)
    try:
        return float(value)
    except (TypeError, ValueError):
        return str(value)


def cancelled_error() -> ExpressionError:
    """The "timeout" error of a request that was cancelled (message "cancelled")."""
    return ExpressionError("timeout", template=error_text("cancelled"))


def _op_ping(params: dict) -> dict:
    return {"pid": os.getpid()}


def _parse(params: dict):
    from visualizer.core.expression import parse

    text = params.get("text")
    if not isinstance(text, str):
        raise ExpressionError("argument", template=error_text("the function text is missing"))
    return parse(text)


def _range(value, default=(-10.0, 10.0)) -> tuple[float, float]:
    if value is None:
        return default
    try:
        low, high = (float(v) for v in value)
    except (TypeError, ValueError):
        raise ExpressionError(
            "argument", template=error_text("a range needs two numbers, not {value}"),
            fields={"value": repr(value)},
        ) from None
    if not (math.isfinite(low) and math.isfinite(high) and low < high):
        raise ExpressionError(
            "argument", template=error_text("the range {low},{high} needs A < B, both finite"),
            fields={"low": f"{low:g}", "high": f"{high:g}"},
        )
    return (low, high)


def _op_bundle(params: dict) -> dict:
    from visualizer.core.calculus import function_bundle

    parsed = _parse(params)
    return function_bundle(parsed, _range(params.get("x_range")), _range(params.get("y_range")))


def _op_points(params: dict) -> dict:
    from visualizer.core.calculus import critical_points

    parsed = _parse(params)
    return critical_points(parsed, _range(params.get("x_range")), _range(params.get("y_range")))


def _op_analyze(params: dict) -> dict:
    from visualizer.core.calculus import analyze

    parsed = _parse(params)
    at = params.get("at")
    direction = params.get("direction")
    return analyze(
        parsed,
        at=tuple(at) if isinstance(at, list) else at,
        direction=tuple(direction) if isinstance(direction, list) else direction,
        taylor=params.get("taylor"),
        range_=_range(params.get("range")),
    )


def _op_descent_sources(params: dict) -> dict:
    from visualizer.core.calculus import _roles, gradient, hessian
    from visualizer.core.codegen import scalar_source

    parsed = _parse(params)
    # The same variables as analyze and the GUI use: a constant is a function of x,
    # a function of y alone one of (x, y).
    _, symbols, names = _roles(parsed)
    first = gradient(parsed.expr, symbols)
    second = hessian(parsed.expr, symbols)
    return {
        "variables": names,
        "value": scalar_source(parsed.expr, names),
        "gradient": [scalar_source(d, names) for d in first],
        "hessian": [[scalar_source(d, names) for d in row] for row in second],
    }


def _op_taylor(params: dict) -> dict:
    """The Taylor polynomial of order ``order`` at ``center`` (see calculus.taylor_bundle)."""
    from visualizer.core.calculus import taylor_bundle

    parsed = _parse(params)
    center, order = params.get("center", 0.0), params.get("order")
    if isinstance(center, bool) or not isinstance(center, (int, float)):
        raise ExpressionError(
            "argument", template=error_text("the centre of a Taylor polynomial must be a number")
        )
    if isinstance(order, bool) or not isinstance(order, int):
        raise ExpressionError(
            "argument", template=error_text("the Taylor order must be an integer from 0 to 10")
        )
    return taylor_bundle(parsed, float(center), order)


def _op_steps(params: dict) -> dict:
    """The derivation steps of f′ (or ∂f/∂x and ∂f/∂y), see steps.derivation."""
    from visualizer.core.steps import MAX_SHOWN_STEPS, derivation

    parsed = _parse(params)
    limit = params.get("limit", MAX_SHOWN_STEPS)
    if limit is not None and (isinstance(limit, bool) or not isinstance(limit, int) or limit < 1):
        raise ExpressionError(
            "argument", template=error_text("the number of steps shown must be a positive integer")
        )
    return derivation(parsed, limit)


def _op_sleep(params: dict) -> dict:
    time.sleep(float(params.get("seconds", 3600)))
    return {"slept": True}


def _op_crash(params: dict) -> dict:
    os._exit(int(params.get("status", 3)))


def _op_fail(params: dict) -> dict:
    raise RuntimeError("deliberate failure for the tests")


OPS = {
    "ping": _op_ping,
    "bundle": _op_bundle,
    "points": _op_points,
    "analyze": _op_analyze,
    "descent_sources": _op_descent_sources,
    "taylor": _op_taylor,
    "steps": _op_steps,
}

_kept: list = []


def _op_allocate(params: dict) -> dict:
    block = bytearray(int(params["megabytes"]) * 1024**2)
    if params.get("keep"):  # stays, as sympy's caches do
        block[::4096] = b"x" * len(block[::4096])  # touched: resident, not just reserved
        _kept.append(block)
    return {"allocated": len(block)}


_TEST_OPS = {"sleep": _op_sleep, "crash": _op_crash, "fail": _op_fail, "allocate": _op_allocate}


def handle(message: dict, ops: dict = OPS) -> dict:
    """Answer one request message (child side); never raises."""
    request_id = message.get("id")
    try:
        op = ops.get(message.get("op"))
        if op is None:
            raise ExpressionError(
                "argument", template=error_text("unknown request {op}"),
                fields={"op": repr(message.get("op"))},
            )
        params = message.get("params") or {}
        return {"id": request_id, "result": op(params)}
    except ExpressionError as exc:
        return {"id": request_id, "error": exc.to_transport()}
    except (MemoryError, RecursionError, OverflowError):
        error = ExpressionError(
            "too_complex", template=error_text("this function is too complex to analyse")
        )
        return {"id": request_id, "error": error.to_transport()}
    except Exception as exc:  # a bug or a sympy surprise: log it, tell the user briefly
        traceback.print_exc(file=sys.stderr)
        error = ExpressionError(
            "unsupported", template=error_text("this function could not be analysed ({name})"),
            fields={"name": type(exc).__name__},
        )
        return {"id": request_id, "error": error.to_transport()}


def _warm_up() -> None:
    """Import sympy and the core, and run one small job, so the first request is fast."""
    try:
        import sympy  # noqa: F401

        from visualizer.core import calculus, codegen, expression  # noqa: F401

        parsed = expression.parse("x^2")
        calculus.function_bundle(parsed, (-10.0, 10.0), (-10.0, 10.0))
    except Exception:  # a missing or broken module shows up again, per request
        traceback.print_exc(file=sys.stderr)


def _limit_memory() -> None:
    """Cap the address space at what start-up used plus :data:`MEMORY_HEADROOM_BYTES`."""
    try:
        import resource
    except ImportError:  # Windows: no rlimits; the time limit still applies
        return
    try:
        with open("/proc/self/statm") as statm:
            used = int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError):
        return  # no /proc (macOS): leave the limit alone rather than guess
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    wanted = used + MEMORY_HEADROOM_BYTES
    if hard != resource.RLIM_INFINITY:
        wanted = min(wanted, hard)
    if soft == resource.RLIM_INFINITY or wanted < soft:
        try:
            resource.setrlimit(resource.RLIMIT_AS, (wanted, hard))
        except (ValueError, OSError):
            pass


def serve() -> None:
    """The child's main loop: answer requests from stdin until stdin closes."""
    # Claim the real stdout for the protocol and point fd 1 at stderr, so a stray print
    # inside sympy or numpy can never corrupt a message.
    protocol = os.fdopen(os.dup(sys.stdout.fileno()), "wb")
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())
    ops = dict(OPS)
    if os.environ.get(TEST_OPS_ENV) == "1":
        ops.update(_TEST_OPS)

    _warm_up()
    _limit_memory()
    requests: queue.SimpleQueue = queue.SimpleQueue()

    def read_requests() -> None:
        # On a separate thread so the child exits when the parent goes away even while
        # the main thread is stuck inside sympy.
        for line in sys.stdin.buffer:
            requests.put(line)
        os._exit(0)

    threading.Thread(target=read_requests, name="requests", daemon=True).start()
    try:
        _write(protocol, {"ready": True, "pid": os.getpid()})
        while True:
            line = requests.get()
            try:
                message = json.loads(line)
            except ValueError:
                message = {"id": None, "op": None}
            _write(protocol, handle(message, ops))
    except OSError:  # the parent closed our stdout: nobody is listening any more
        pass
    os._exit(0)


def _write(stream, message: dict) -> None:
    try:
        data = json.dumps(message, default=_jsonable)
    except (TypeError, ValueError):
        traceback.print_exc(file=sys.stderr)
        error = ExpressionError(
            "unsupported", template=error_text("the result could not be encoded")
        )
        data = json.dumps({"id": message.get("id"), "error": error.to_transport()})
    stream.write(data.encode("utf-8") + b"\n")
    stream.flush()


if __name__ == "__main__":
    serve()
