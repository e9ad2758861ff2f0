"""Smoke test of ``python -m visualizer.bench``: it runs and answers in its JSON shape.

Never a timed test: the figures are only checked to be positive numbers.
"""

import json
import math
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from visualizer.bench import FIGURES, FIGURES_BY_NAME, Results, main, percentile

ROOT = Path(__file__).resolve().parents[1]


def test_quick_json_run_answers_the_requested_figures_only():
    names = ["symbolic_warm_ms", "descent_steps_per_s_1d"]
    environment = dict(os.environ)
    environment["PYTHONPATH"] = os.pathsep.join(
        [str(ROOT)] + [p for p in environment.get("PYTHONPATH", "").split(os.pathsep) if p])
    done = subprocess.run(
        [sys.executable, "-m", "visualizer.bench", "--json", "--quick", "--only", ",".join(names)],
        cwd=ROOT, env=environment, capture_output=True, text=True, timeout=120,
    )
    assert done.returncode == 0, done.stderr
    lines = done.stdout.strip().splitlines()
    assert len(lines) == 1, done.stdout  # one JSON object, nothing else on stdout
    figures = json.loads(lines[0])
    assert list(figures) == names
    for name in names:
        value = figures[name]
        assert isinstance(value, (int, float)) and not isinstance(value, bool), (name, value)
        assert math.isfinite(value) and value > 0, (name, value)


def test_unknown_figure_is_a_usage_error(capsys):
    with pytest.raises(SystemExit) as stop:
        main(["--only", "symbolic_warm_ms,no_such_figure"])
    assert stop.value.code == 2
    assert "no_such_figure" in capsys.readouterr().err


def test_the_figure_names_are_design_md_s():
    assert [figure.name for figure in FIGURES] == [
        "drag_p95_ms", "edit_to_paint_p95_ms", "surface_update_100_ms", "surface_update_300_ms",
        "symbolic_warm_ms", "descent_steps_per_s_1d", "descent_steps_per_s_2d",
        "descent_drawn_steps_per_s", "first_paint_s", "rss_mb", "rss_growth_1000_edits_mb",
        "matplotlib_ratio", "surface_drag_fps",
    ]
    drag = FIGURES_BY_NAME["surface_drag_fps"]
    assert drag.higher_is_better and drag.passes(60.0) and not drag.passes(50.0)
    assert FIGURES_BY_NAME["descent_steps_per_s_1d"].passes(3.2e6)
    assert not FIGURES_BY_NAME["descent_steps_per_s_1d"].passes(2.9e6)
    assert FIGURES_BY_NAME["drag_p95_ms"].passes(8.3)
    assert not FIGURES_BY_NAME["drag_p95_ms"].passes(8.4)


@pytest.mark.parametrize("fraction", [0.0, 0.5, 0.95, 1.0])
def test_percentile_matches_numpy(fraction):
    values = [3.0, 1.0, 4.0, 1.5, 9.0, 2.6, 5.3]
    assert percentile(values, fraction) == pytest.approx(np.percentile(values, fraction * 100))


def test_results_turn_non_finite_values_into_null_with_their_reason():
    results = Results()
    results.set("rss_mb", float("nan"))
    results.fail(["drag_p95_ms"], "no handle")
    results.merge({"values": {"first_paint_s": 0.8}, "reasons": {}, "notes": ["n"]})
    assert results.values == {"rss_mb": None, "drag_p95_ms": None, "first_paint_s": 0.8}
    assert results.reasons == {"drag_p95_ms": "no handle"}
    assert results.notes == ["n"]
