"""An installed copy must contain every package of the source tree."""

import pkgutil
import tomllib
from pathlib import Path

import visualizer

ROOT = Path(__file__).resolve().parents[1]


def test_every_subpackage_is_listed_in_pyproject():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())
    listed = set(config["tool"]["setuptools"]["packages"])
    found = {"visualizer"} | {
        info.name for info in pkgutil.walk_packages(visualizer.__path__, "visualizer.")
        if info.ispkg
    }
    assert found <= listed, f"add {sorted(found - listed)} to [tool.setuptools] packages"


def test_resources_are_shipped():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())
    assert config["tool"]["setuptools"]["package-dir"]["visualizer_resources"] == "resources"
    assert (ROOT / "resources" / "icons" / "app.svg").is_file()
