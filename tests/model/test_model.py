"""The model: one source of truth, signals once per real change, undo/redo."""

import math

import numpy as np
import pytest

from visualizer.model import MIN_ABS_H


def test_accepts_a_function_and_compiles_it(model, accepted):
    state = accepted(model, "x^2 + 1")
    assert model.expression_text == "x^2 + 1"
    assert state.variables == ("x",)
    assert not state.is_2d
    xs = np.array([-2.0, 0.0, 3.0])
    np.testing.assert_allclose(state.functions.arrays["f"](xs), [5.0, 1.0, 10.0])
    np.testing.assert_allclose(state.functions.arrays["df"](xs), [-4.0, 0.0, 6.0])
    np.testing.assert_allclose(state.functions.arrays["d2f"](xs), [2.0, 2.0, 2.0])


def test_expression_text_is_kept_exactly_as_typed(model, accepted):
    accepted(model, "  3x²  ")
    assert model.expression_text == "  3x²  "
    assert model.function.functions.scalars["f"](2.0) == pytest.approx(12.0)


def test_two_variable_function(model, accepted):
    state = accepted(model, "x^2 + xy + y^2")
    assert state.is_2d
    fx, fy = state.functions.scalars["fx"](0.5, -0.4), state.functions.scalars["fy"](0.5, -0.4)
    assert (fx, fy) == (pytest.approx(0.6), pytest.approx(-0.3))


def test_same_text_again_emits_nothing(qtbot, model, accepted):
    accepted(model, "sin(x)")
    with qtbot.assertNotEmitted(model.expression_changed, wait=300):
        model.set_expression("sin(x)")


def test_bad_text_is_rejected_with_position_and_last_good_stays(qtbot, model, accepted):
    accepted(model, "x^3")
    with qtbot.waitSignal(model.expression_rejected, timeout=10_000) as blocker:
        model.set_expression("sin(x^2 + 1")
    text, error = blocker.args
    assert text == "sin(x^2 + 1"
    assert error.kind == "syntax"
    assert error.position is not None and 0 <= error.position <= len(text)
    assert "(" in error.message
    assert model.expression_text == "x^3"


def test_hanging_input_times_out_and_next_answer_is_quick(qtbot, model, accepted):
    accepted(model, "x^2")
    with qtbot.waitSignal(model.expression_rejected, timeout=15_000) as blocker:
        model.set_expression("sin(cos(exp(exp(exp(exp(1))))))")
    assert blocker.args[1].kind in ("timeout", "too_complex")
    assert model.expression_text == "x^2"
    # The hot spare answers the next question at once.
    state = accepted(model, "x^4", timeout=3_000)
    assert state.functions.scalars["f"](2.0) == pytest.approx(16.0)


def test_setters_emit_once_per_real_change(qtbot, model):
    with qtbot.waitSignal(model.x0_changed) as blocker:
        model.set_x0(2.5)
    assert blocker.args == [2.5]
    with qtbot.assertNotEmitted(model.x0_changed):
        model.set_x0(2.5)
    with qtbot.waitSignal(model.point_changed) as blocker:
        model.set_point(1.0, -2.0)
    assert blocker.args == [(1.0, -2.0)]
    with qtbot.waitSignal(model.direction_angle_changed) as blocker:
        model.set_direction_angle(-math.pi / 2)
    assert blocker.args[0] == pytest.approx(1.5 * math.pi)


def test_h_never_reaches_zero(model):
    model.set_h(0.0)
    assert model.h == MIN_ABS_H
    model.set_h(-1e-300)
    assert model.h == -MIN_ABS_H


def test_non_finite_values_are_refused(model):
    with pytest.raises(ValueError):
        model.set_x0(float("nan"))
    with pytest.raises(ValueError):
        model.set_x_range(3.0, 1.0)
    assert model.x0 == 1.0


def test_undo_redo_of_values(qtbot, model):
    model.set_x_range(-2.0, 2.0)
    model.undo_stack.clear()
    model.set_x0(3.0)
    model.undo_stack.setIndex(model.undo_stack.index())  # no-op, keeps API honest
    with qtbot.waitSignal(model.x0_changed) as blocker:
        model.undo_stack.undo()
    assert blocker.args == [1.0]
    assert model.x0 == 1.0
    model.undo_stack.redo()
    assert model.x0 == 3.0


def test_a_drag_undoes_in_one_step(model):
    model.undo_stack.clear()
    for value in np.linspace(1.0, 2.0, 30)[1:]:
        model.set_x0(float(value))
    assert model.undo_stack.count() == 1
    model.undo_stack.undo()
    assert model.x0 == 1.0


def test_undo_redo_of_the_function(qtbot, model, accepted):
    accepted(model, "x^2")
    accepted(model, "cos(x)")
    with qtbot.waitSignal(model.expression_changed) as blocker:
        model.undo_stack.undo()
    assert blocker.args[0].text == "x^2"
    assert model.expression_text == "x^2"
    with qtbot.waitSignal(model.expression_changed):
        model.undo_stack.redo()
    assert model.expression_text == "cos(x)"


def test_critical_points_arrive_after_the_function(qtbot, model, accepted):
    model.set_x_range(-3.0, 3.0)
    with qtbot.waitSignal(model.critical_points_changed, timeout=10_000,
                          check_params_cb=lambda points: points is not None):
        model.set_expression("x^3 - 2x + 4")
    points = model.critical_points["stationary_points"]
    xs = sorted(p["x"] for p in points)
    root = math.sqrt(2 / 3)
    assert xs == [pytest.approx(-root), pytest.approx(root)]
    kinds = {round(p["x"], 6): p["kind"] for p in points}
    assert kinds[round(-root, 6)] == "maximum"
    assert kinds[round(root, 6)] == "minimum"


def test_points_of_the_old_function_are_never_seen_with_the_new_one(qtbot, model, accepted):
    with qtbot.waitSignal(model.critical_points_changed, timeout=10_000,
                          check_params_cb=lambda points: points is not None):
        model.set_expression("x^2 - 2x")
    seen = []
    model.expression_changed.connect(lambda state: seen.append(model.critical_points))
    accepted(model, "x^2 + y^2")
    assert seen == [None]


def test_undo_history_is_bounded_and_keeps_no_compiled_functions(qtbot, model, accepted):
    from visualizer.model import UNDO_LIMIT, FunctionState

    assert model.undo_stack.undoLimit() == UNDO_LIMIT
    accepted(model, "x^2 + 1")
    accepted(model, "x^2 + 2")
    command = model.undo_stack.command(model.undo_stack.count() - 1)
    assert command.text() == "Function x^2 + 2" and vars(command)  # our Python command
    held = [value for value in vars(command).values() if isinstance(value, FunctionState)]
    assert held == []  # only text and the symbolic answer: compiled again on undo
    with qtbot.waitSignal(model.expression_changed, timeout=5_000) as undone:
        model.undo_stack.undo()
    state = undone.args[0]
    assert state.text == "x^2 + 1"
    assert state.functions.scalars["f"](3.0) == pytest.approx(10.0)
    assert state.functions.scalars["df"](3.0) == pytest.approx(6.0)
    with qtbot.waitSignal(model.expression_changed, timeout=5_000) as redone:
        model.undo_stack.redo()
    assert redone.args[0].functions.scalars["f"](3.0) == pytest.approx(11.0)
