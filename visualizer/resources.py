"""Where the shipped resources (icons, translations, lessons, desktop files) are.

The one way every module finds them. In a source tree they are the checkout's top-level
``resources/`` folder; installed (from a wheel), the same folder is the package
``visualizer_resources`` beside ``visualizer`` (pyproject.toml maps one to the other).
Qt-free: only the standard library.
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files
from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent


@cache
def resources_root() -> Path:
    """The folder that holds the resources: the checkout's when this package runs from a
    source tree, else the installed ``visualizer_resources`` package."""
    checkout = _PACKAGE_DIR.parent
    if (checkout / "pyproject.toml").is_file() and (checkout / "resources").is_dir():
        return checkout / "resources"
    return Path(str(files("visualizer_resources")))


def resource_path(*parts: str) -> Path:
    """Path of ``resources/<parts>`` (see :func:`resources_root`)."""
    return resources_root().joinpath(*parts)
