import pytest


@pytest.fixture
def accepted(qtbot):
    """Set a function on a model and wait until it is accepted; returns its state."""

    def accept(model, text, timeout=10_000):
        with qtbot.waitSignal(model.expression_changed, timeout=timeout) as blocker:
            model.set_expression(text)
        return blocker.args[0]

    return accept
