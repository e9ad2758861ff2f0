"""The analysis service: every request gets exactly one reply, even when superseded."""

from visualizer.analysis import AnalysisService


class _SlowWorker:
    """Stands in for the helper process: answers in order, records what it ran."""

    def __init__(self):
        self.ran = []

    def request(self, op, timeout=None, **params):
        import threading

        threading.Event().wait(0.2)  # long enough for the queue to fill behind it
        self.ran.append(params["n"])
        return {"n": params["n"]}

    def cancel(self):
        pass

    def close(self):
        pass


def test_superseded_requests_are_answered_as_cancelled(qtbot):
    worker = _SlowWorker()
    service = AnalysisService(worker=worker)
    replies = {}
    service.replied.connect(lambda reply: replies.__setitem__(reply.request_id, reply))
    with qtbot.waitSignal(service.busy_changed, timeout=5_000):
        first = service.submit("ping", n=1)  # running once busy is announced
    queued = service.submit("ping", supersede=False, n=2)
    newest = service.submit("ping", n=3)
    qtbot.waitUntil(lambda: len(replies) == 3, timeout=5_000)
    assert replies[first].result == {"n": 1}
    assert replies[queued].error is not None and replies[queued].error.message == "cancelled"
    assert replies[newest].result == {"n": 3}
    assert 2 not in worker.ran
    service.close()
