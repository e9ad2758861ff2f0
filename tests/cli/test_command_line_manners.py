"""The command line's manners: --help, --version, unknown words, a file to open."""

import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

import visualizer
from visualizer import __main__ as entry

REPO = Path(__file__).resolve().parents[2]


def run_module(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "visualizer", *args], capture_output=True,
                          text=True, env=dict(os.environ, PYTHONPATH=str(REPO)), timeout=60,
                          cwd=REPO)


@pytest.mark.parametrize("flag", ["--help", "-h"])
def test_help_prints_the_usage_with_every_command_and_exits(flag):
    done = run_module(flag)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("usage: python -m visualizer [FILE]")
    for command in ("analyze", "descend", "export", "--version"):
        assert command in done.stdout
    assert done.stderr == ""


def test_help_and_version_never_import_qt():
    code = ("import sys, io, contextlib; from visualizer.__main__ import main\n"
            "with contextlib.redirect_stdout(io.StringIO()):\n"
            "    assert main(['--help']) == 0 and main(['--version']) == 0\n"
            "assert 'PySide6' not in sys.modules, 'Qt was imported'")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          env=dict(os.environ, PYTHONPATH=str(REPO)), timeout=60)
    assert done.returncode == 0, done.stderr


def test_version_is_the_one_in_the_package_and_the_project():
    done = run_module("--version")
    assert done.returncode == 0
    assert done.stdout == f"calculus-visualizer {visualizer.__version__}\n"
    config = tomllib.loads((REPO / "pyproject.toml").read_text())
    # One place: pyproject reads the version from the package.
    assert config["project"]["dynamic"] == ["version"]
    assert config["tool"]["setuptools"]["dynamic"]["version"] == {
        "attr": "visualizer.__version__"}


@pytest.mark.parametrize("args, words", [
    (["bogus"], "'bogus' is neither a command nor a file"),
    (["--bogus"], "unknown option '--bogus'"),
    (["-x"], "unknown option '-x'"),
    (["a.json", "b.json"], "too many arguments"),
])
def test_unknown_words_print_the_usage_on_stderr_and_exit_2(args, words):
    done = run_module(*args)
    assert done.returncode == 2
    assert done.stdout == ""
    assert words in done.stderr
    assert "usage: python -m visualizer [FILE]" in done.stderr


def test_the_headless_commands_keep_their_own_help():
    done = run_module("analyze", "--help")
    assert done.returncode == 0
    assert "--at" in done.stdout and "--taylor" in done.stdout


def test_a_file_on_the_command_line_is_handed_to_the_window(tmp_path, monkeypatch):
    opened = []
    import visualizer.app

    monkeypatch.setattr(visualizer.app, "main", lambda open_file=None: opened.append(open_file)
                        or 0)
    session = tmp_path / "lesson.json"
    session.write_text("{}")
    assert entry.main([str(session)]) == 0
    assert entry.main([]) == 0
    assert opened == [str(session), None]


def test_the_headless_commands_say_their_version():
    done = subprocess.run([sys.executable, "-m", "visualizer.core.cli", "--version"],
                          capture_output=True, text=True, timeout=60, cwd=REPO,
                          env=dict(os.environ, PYTHONPATH=str(REPO)))
    assert (done.returncode, done.stdout) == (0, f"calculus-visualizer {visualizer.__version__}\n")


def test_a_reader_that_stops_early_gets_no_traceback():
    # `true` has gone long before the answer is written: the write meets a closed pipe.
    done = subprocess.run(["bash", "-c", f"'{sys.executable}' -m visualizer analyze x^2 "
                           "| true; exit ${PIPESTATUS[0]}"],
                          capture_output=True, text=True, timeout=60, cwd=REPO,
                          env=dict(os.environ, PYTHONPATH=str(REPO)))
    assert done.stderr == ""
    assert done.returncode == 0
