"""The descent lab's state: runs, start, stepping, scenarios and the learning-rate map."""

from __future__ import annotations

import math

import numpy as np
import pytest

from visualizer.core.errors import ExpressionError
from visualizer.core.lr_map import cell_settings
from visualizer.core.optimizers import DescentSettings, descend
from visualizer.descent_model import SCENARIOS_BY_KEY, DescentRun


@pytest.fixture
def lab(model, accepted):
    accepted(model, "x^2")
    return model.descent


def wait_until_finished(qtbot, lab, timeout=10_000):
    if lab.playing:
        with qtbot.waitSignal(lab.playing_changed, timeout=timeout):
            pass
    assert lab.all_finished


def test_sources_come_from_the_bundle_and_match_the_descent_sources_op(qtbot, model, accepted):
    from visualizer.core.worker import SymbolicWorker

    # Asked of a worker of its own: the shared service's queue is busy with the model's
    # own requests, and this test is about the answers, not the queue.
    with SymbolicWorker(spare=False) as worker:
        for text in ("log(x^4 + x^3 + 2)", "(1 - x)^2 + 100(y - x^2)^2", "|x|", "y^2"):
            accepted(model, text, timeout=20_000)
            assert model.descent.sources == worker.request("descent_sources", timeout=20,
                                                           text=text)


def test_space_of_a_step_is_minus_lr_times_the_derivative(qtbot, lab):
    (run,) = lab.runs
    assert run.settings.optimizer == "sgd" and run.settings.lr == 0.1
    assert lab.start == (3.5,)  # 85 % across the default range -5..5
    with qtbot.waitSignal(lab.run_stepped, check_params_cb=lambda i: i == 0):
        lab.step()
    x0, x1 = run.points[:, 0]
    assert x0 == 3.5
    assert x1 == pytest.approx(3.5 - 0.1 * (2 * 3.5), rel=1e-15)
    assert run.values[1] == pytest.approx(x1 * x1)
    assert run.gradients[1, 0] == pytest.approx(2 * x1)
    assert lab.step_count == 1


def test_a_run_is_the_descend_run(qtbot, lab):
    lab.set_speed(100_000)
    lab.play()
    wait_until_finished(qtbot, lab)
    (run,) = lab.runs
    expected = descend(lab.sources, [3.5], lr=0.1, steps=500, record_path=True)
    assert run.status == expected["status"] == "converged"
    assert run.steps_taken == expected["steps_taken"]
    np.testing.assert_array_equal(run.points[:, 0], [p[0] for p in expected["path"]])
    assert "converged" in run.message and "minimum" in run.message


def test_bad_settings_are_refused_and_nothing_changes(qtbot, lab):
    before = lab.runs[0].settings
    for bad in ({"lr": -1.0}, {"lr": math.inf}, {"lr": math.nan}, {"betas": (0.9, 0.99)}, {"steps": 10**9},
                {"optimizer": "momentum", "momentum": 1.0}):
        with pytest.raises(ExpressionError) as caught:
            lab.set_run_settings(0, **bad)
        assert caught.value.kind == "argument"
        assert lab.runs[0].settings == before
    with pytest.raises(ExpressionError) as caught:
        lab.set_start(math.nan)
    assert caught.value.kind == "argument" and lab.start == (3.5,)
    with pytest.raises(ExpressionError):
        lab.set_start((1.0, 2.0))


def test_a_start_outside_the_domain_is_refused(model, accepted):
    accepted(model, "log(x)")
    lab = model.descent
    with pytest.raises(ExpressionError) as caught:
        lab.set_start(-1.0)
    assert caught.value.kind == "domain"
    assert lab.start[0] > 0


def test_settings_change_restarts_every_run_and_undoes(qtbot, model, lab):
    lab.add_run(optimizer="adam", lr=0.5, steps=100)
    lab.advance(3)
    assert [run.steps_taken for run in lab.runs] == [3, 3]
    with qtbot.waitSignals([lab.settings_changed, lab.runs_changed]):
        lab.set_run_settings(0, lr=0.3)
    assert lab.runs[0].settings.lr == 0.3
    assert [run.steps_taken for run in lab.runs] == [0, 0]
    with qtbot.waitSignal(lab.settings_changed):
        model.undo_stack.undo()
    assert lab.runs[0].settings.lr == 0.1
    # A new optimizer keeps lr, steps and tol and takes its own defaults for the rest.
    lab.set_run_settings(0, optimizer="adam")
    adam = lab.runs[0].settings
    assert (adam.optimizer, adam.lr, adam.steps, adam.betas) == ("adam", 0.1, 500, (0.9, 0.999))


def test_runs_have_distinct_colours_and_can_be_removed(lab):
    lab.add_run()
    lab.add_run(optimizer="momentum", lr=0.05)
    assert [run.colour for run in lab.runs] == [0, 1, 2]
    assert lab.selected == 2
    lab.remove_run(1)
    assert [run.colour for run in lab.runs] == [0, 2]
    assert lab.add_run() == 2 and lab.runs[2].colour == 1
    lab.remove_run(0)
    lab.remove_run(0)
    lab.remove_run(0)  # the last run stays
    assert len(lab.runs) == 1


def test_run_pause_and_reset(qtbot, lab):
    lab.set_run_settings(0, lr=0.001, steps=100_000)
    lab.set_speed(2000)
    with qtbot.waitSignal(lab.playing_changed):
        lab.play()
    qtbot.waitUntil(lambda: lab.step_count > 20, timeout=5000)
    with qtbot.waitSignal(lab.playing_changed, check_params_cb=lambda playing: not playing):
        lab.pause()
    count = lab.step_count
    qtbot.wait(50)  # paused: the timer must not step any more
    assert lab.step_count == count
    with qtbot.waitSignal(lab.runs_changed):
        lab.reset()
    assert lab.step_count == 0 and lab.runs[0].points[0, 0] == 3.5


def test_the_chapters_scenario_ends_where_descend_says(qtbot, model, lab):
    with qtbot.waitSignal(lab.scenario_changed, timeout=10_000):
        lab.apply_scenario("chapters_log")
    scenario = SCENARIOS_BY_KEY["chapters_log"]
    assert model.expression_text == scenario.text
    assert model.x_range == (-10.0, 3.0)
    assert lab.start == (-9.41,)
    (run,) = lab.runs
    assert (run.settings.lr, run.settings.steps) == (0.001, 5000)
    lab.advance(10_000)
    expected = descend(lab.sources, [-9.41], lr=0.001, steps=5000)
    assert run.status == expected["status"] == "max_steps"
    assert run.points[-1, 0] == expected["final"]["point"][0]
    assert -7.0 < run.points[-1, 0] < -6.5  # far from the minimum near -0.75


def test_two_variable_function_gets_a_two_coordinate_start(model, accepted, lab):
    accepted(model, "x^2 + xy + y^2")
    assert len(lab.start) == 2
    lab.step()
    run = lab.runs[0]
    x, y = lab.start
    np.testing.assert_allclose(run.points[1], [x - 0.1 * (2 * x + y), y - 0.1 * (x + 2 * y)],
                               rtol=1e-15)


def test_map_cells_agree_and_a_diverged_cell_replays_as_diverged(qtbot, lab):
    with qtbot.waitSignal(lab.map_running_changed, check_params_cb=lambda on: not on,
                          timeout=20_000):
        lab.start_map(size=(6, 4), steps=200, lr_range=(0.01, 5.0))
    result = lab.map_result
    assert result.complete and result.spec.optimizer == "sgd"
    diverged = [tuple(int(v) for v in cell) for cell in np.argwhere(result.status == 2)]
    assert diverged
    for row, column in (diverged[0], (0, 0)):
        run = descend(lab.sources, list(result.start), **cell_settings(result.spec, row, column))
        assert result.status_name(row, column) == run["status"]
        assert result.final_value[row, column] == run["final"]["value"]
    row, column = diverged[0]
    lab.set_speed(100_000)
    lab.replay_cell(row, column)
    assert lab.runs[0].settings.lr == result.spec.learning_rates[column]
    wait_until_finished(qtbot, lab)
    assert lab.runs[0].status == "diverged"
    assert "learning rate too large" in lab.runs[0].message


def test_cancel_stops_the_map(qtbot, lab):
    lab.set_run_settings(0, optimizer="adam", steps=5000, tol=0.0)
    with qtbot.waitSignal(lab.map_running_changed):
        lab.start_map(size=(60, 60))
    with qtbot.waitSignal(lab.map_running_changed, check_params_cb=lambda on: not on):
        lab.cancel_map()
    assert not lab.map_running
    qtbot.waitUntil(lambda: lab.map_result.cancelled, timeout=10_000)
    assert lab.map_result.rows_done < 60


def test_a_new_start_clears_the_map(qtbot, lab):
    with qtbot.waitSignal(lab.map_running_changed, check_params_cb=lambda on: not on,
                          timeout=20_000):
        lab.start_map(size=(3, 3), steps=20)
    with qtbot.waitSignal(lab.map_changed, check_params_cb=lambda result: result is None):
        lab.set_start(1.0)


# -- the interface language ------------------------------------------------------------------
SQUARE_SOURCES = {"variables": ["x"], "value": "x*x", "gradient": ["2.0*x"],
                  "hessian": [["2.0"]]}
LOG_SOURCES = {"variables": ["x"], "value": "math.log(x)", "gradient": ["1.0/x"],
               "hessian": [["-1.0/(x*x)"]]}


@pytest.fixture
def chinese(qapp):
    from PySide6.QtCore import QLocale

    from visualizer import i18n

    saved = QLocale()
    i18n.install_language("zh_CN")
    yield i18n
    i18n.install_language("en")  # translators are process-wide: leave the next test English
    QLocale.setDefault(saved)


def finished_run(settings, sources, start):
    run = DescentRun(DescentSettings(**settings), 0)
    run.restart(sources, start)
    run.advance(10_000)
    assert run.finished
    return run


def test_a_diverged_run_says_why_in_chinese_with_its_numbers(chinese):
    run = finished_run({"lr": 1.5, "steps": 500}, SQUARE_SOURCES, (1.0,))
    expected = descend(SQUARE_SOURCES, [1.0], lr=1.5, steps=500)
    assert run.status == "diverged"
    # |x| doubles each step (x -> (1 - 2·1.5) x = -2x): |f| = 4^k.
    k = run.steps_taken
    english = run.english_message
    assert english.startswith(f"diverged: |f| grew from 1 to {4.0**k:.6g} in {k} steps")
    assert english.endswith("learning rate too large; for this function lr must be below "
                            "2/f'' = 1")
    if k == expected["steps_taken"]:
        assert english == expected["message"]
    assert run.message == (f"已发散：|f| 在 {k} 步内从 1 增长到 {4.0**k:.6g}：学习率过大；"
                           "对这个函数，lr 必须小于 2/f'' = 1")
    chinese.install_language("en")
    assert run.message == english


def test_a_converged_run_says_so_in_chinese(chinese):
    run = finished_run({"lr": 0.25, "steps": 500}, SQUARE_SOURCES, (1.0,))
    # x -> x/2: the gradient norm 2|x| = 2^(1-k) falls to 1e-12 after 41 steps.
    expected = descend(SQUARE_SOURCES, [1.0], lr=0.25, steps=500)
    assert run.status == "converged" == expected["status"] and run.steps_taken == 41
    assert run.english_message == expected["message"]
    x = 0.5**41
    assert run.message == (f"经过 41 步后在 x = {x:.6g} 处收敛：梯度范数 {2 * x:.6g} 在 "
                           "tol 1e-12 以内，位于极小值点（f'' = 2）")
    assert "converged" in run.english_message and "收敛" not in run.english_message


def test_a_run_that_cannot_start_says_why_in_chinese(chinese):
    run = finished_run({"lr": 0.1}, LOG_SOURCES, (-1.0,))
    assert run.status == "error"
    assert run.error == "f is not defined at the start x = -1 (math domain error)"
    assert run.message == "f 在起点 x = -1 处无定义（超出数学定义域）"
    outside = finished_run({"lr": 1.0}, LOG_SOURCES, (0.5,))
    assert outside.english_message.startswith("left the domain of f at x = -1.5: f is not "
                                               "defined there (math domain error)")
    assert outside.message.startswith(
        "在 x = -1.5 处离开了 f 的定义域：f 在该处无定义（超出数学定义域）")
    empty = DescentRun(DescentSettings(), 0)
    empty.restart(None, (0.0,))
    assert empty.message == "还没有函数" and empty.english_message == "no function yet"
