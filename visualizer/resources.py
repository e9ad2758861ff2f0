"""Where the shipped resources (icons, translations) are, installed or in a checkout."""

from __future__ import annotations

from pathlib import Path


def resource_path(*parts: str) -> Path:
    """Path of ``resources/<parts>``: the installed copy if there is one, else the checkout's."""
    try:
        from importlib.resources import files

        installed = Path(str(files("visualizer_resources")))
        if installed.is_dir():
            return installed.joinpath(*parts)
    except (ImportError, ModuleNotFoundError, TypeError):
        pass
    return Path(__file__).resolve().parent.parent.joinpath("resources", *parts)
