"""The core layer must work where Qt cannot even be imported (docs/architecture.md)."""

import pkgutil
import subprocess
import sys
import textwrap
from pathlib import Path

import visualizer.core

BLOCKER = textwrap.dedent(
    """
    import importlib.abc, sys

    class Block(importlib.abc.MetaPathFinder):
        def __init__(self, names):
            self.names = names
        def find_spec(self, name, path=None, target=None):
            if name.split(".")[0] in self.names or name in self.names:
                raise ImportError(f"{name} is blocked in this test")
            return None

    sys.meta_path.insert(0, Block(set(sys.argv[1].split(","))))
    """
)


def run_blocked(blocked: str, body: str) -> subprocess.CompletedProcess:
    code = BLOCKER + textwrap.dedent(body)
    return subprocess.run([sys.executable, "-c", code, blocked], capture_output=True, text=True,
                          cwd=Path(__file__).resolve().parents[2], timeout=120)


def core_modules():
    return sorted(f"visualizer.core.{m.name}" for m in pkgutil.iter_modules(visualizer.core.__path__))


def test_every_core_module_imports_with_qt_blocked():
    modules = core_modules()
    assert "visualizer.core.expression" in modules and "visualizer.core.calculus" in modules
    result = run_blocked(
        "PySide6,shiboken6,pyqtgraph,visualizer.model,visualizer.panels,visualizer.app",
        f"""
        import importlib
        for name in {modules!r}:
            importlib.import_module(name)
        from visualizer.core.expression import parse
        from visualizer.core.calculus import analyze
        result = analyze(parse("x^2"), at=1.0)
        assert result["at"]["derivative"] == 2.0, result
        print("ok")
        """,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().endswith("ok")


def test_gui_side_evaluation_does_not_need_sympy():
    # The GUI compiles what the helper process sends; importing sympy there would cost
    # ~0.4 s of start-up (docs/platform-notes.md).
    result = run_blocked(
        "sympy",
        """
        import visualizer.core.sampling, visualizer.core.errors, visualizer.core.presets
        print("ok")
        """,
    )
    assert result.returncode == 0, result.stderr
