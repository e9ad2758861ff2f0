import pytest

from visualizer.analysis import AnalysisService


@pytest.fixture(scope="session")
def service(qapp):
    """One helper process pair for the whole session: starting sympy costs ~1 s."""
    shared = AnalysisService()
    yield shared
    shared.close()


@pytest.fixture
def model(qtbot, service):
    from visualizer.model import Model

    result = Model(service=service)
    yield result
    service.replied.disconnect(result._on_reply)
    service.busy_changed.disconnect(result.busy_changed)


@pytest.fixture
def accepted(qtbot):
    """Set a function on a model and wait until it is accepted; returns its state."""

    def accept(model, text, timeout=10_000):
        with qtbot.waitSignal(model.expression_changed, timeout=timeout) as blocker:
            model.set_expression(text)
        return blocker.args[0]

    return accept
