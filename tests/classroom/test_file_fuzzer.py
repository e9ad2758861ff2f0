"""The file fuzzer (scripts/fuzz_files.py), a seeded few dozen mutations: no crash.

Sessions, lessons, autosaves and settings files, mutated (bit flips, truncation, types,
deep nesting, huge numbers, invalid UTF-8, 50 MB, FIFOs), are opened through the
program's own code in a subprocess. ``python scripts/fuzz_files.py --mutations 10000``
runs the long version.
"""

import importlib.util
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "fuzz_files.py"


def load_fuzzer():
    spec = importlib.util.spec_from_file_location("fuzz_files", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)  # a missing script fails here, loudly
    return module


def test_mutated_files_neither_crash_nor_block_nor_change_state_when_refused():
    fuzzer = load_fuzzer()
    summary = fuzzer.fuzz(mutations=8, seed=17)
    assert summary["mutations"] == 9  # and the 50 MB session
    assert summary["crashes"] == [], summary["crashes"]
    assert summary["refusals_that_changed_state"] == []
    # Reading and checking a session or an autosave never holds the window (formulas go
    # to the helper process). What follows an opening (docks shown again, labs redrawn),
    # lessons (their formulas are still parsed in the window) and new windows building
    # their labs may stall longer on a busy machine: the script reports those.
    blocked = [case for case in summary["blocks_over_limit"]
               if case["kind"] in ("session", "autosave") and case["call_s"] > 1.0]
    assert blocked == [], blocked
