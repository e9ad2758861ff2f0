"""What we ship: the wheel and the sdist hold everything, and the installed copy, outside
the checkout, is the program (translations, lessons, icon, desktop files, commands)."""

import json
import os
import pkgutil
import subprocess
import sys
import sysconfig
import textwrap
import tomllib
import venv
from pathlib import Path

import pytest

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


@pytest.fixture(scope="module")
def dist(tmp_path_factory):
    """The sdist and the wheel, built as a release is (``python -m build``: the wheel is
    built from the sdist, so a file missing from the sdist is missing from the wheel)."""
    out = tmp_path_factory.mktemp("dist")
    built = subprocess.run([sys.executable, "-m", "build", "--outdir", str(out), str(ROOT)],
                           capture_output=True, text=True, timeout=600)
    assert built.returncode == 0, built.stdout[-3000:] + built.stderr[-3000:]
    return out


@pytest.fixture(scope="module")
def installed(dist, tmp_path_factory):
    """A fresh environment outside the checkout with only the wheel installed in it (its
    dependencies are borrowed from the test environment through a .pth file, to spare a
    300 MB download). Returns the environment's folder."""
    env = tmp_path_factory.mktemp("fresh-env")
    venv.create(env, with_pip=False)
    python = env / "bin" / "python"
    site = Path(subprocess.run([str(python), "-c", "import sysconfig; "
                                "print(sysconfig.get_paths()['purelib'])"],
                               capture_output=True, text=True, check=True).stdout.strip())
    borrowed = {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]}
    (site / "borrowed-dependencies.pth").write_text("\n".join(sorted(borrowed)) + "\n")
    wheel = next(dist.glob("*.whl"))
    done = subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install",
                           "--no-deps", "--quiet", "--disable-pip-version-check", str(wheel)],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    return env


def run_installed(env, *args, **extra_env):
    clean = {key: value for key, value in os.environ.items() if key != "PYTHONPATH"}
    return subprocess.run(args, capture_output=True, text=True, timeout=180,
                          cwd=env, env={**clean, **extra_env})


def test_the_release_files_pass_twine_check_and_hold_every_resource(dist):
    import tarfile
    import zipfile

    checked = subprocess.run([sys.executable, "-m", "twine", "check", "--strict",
                              *map(str, dist.iterdir())], capture_output=True, text=True)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    shipped = sorted(path.relative_to(ROOT / "resources").as_posix()
                     for path in (ROOT / "resources").rglob("*") if path.is_file()
                     and "__pycache__" not in path.parts)
    with zipfile.ZipFile(next(dist.glob("*.whl"))) as wheel:
        in_wheel = set(wheel.namelist())
    assert {f"visualizer_resources/{name}" for name in shipped} <= in_wheel
    with tarfile.open(next(dist.glob("*.tar.gz"))) as sdist:
        in_sdist = {name.split("/", 1)[1] for name in sdist.getnames() if "/" in name}
    for needed in ("README.md", "CHANGELOG.md", "LICENSE", "docs/command-line.md",
                   "scripts/install.sh", "scripts/test.sh", "tests/test_packaging.py",
                   *(f"resources/{name}" for name in shipped)):
        assert needed in in_sdist, needed


def test_the_installed_copy_is_the_program(installed, tmp_path):
    """Run from the installed copy: Chinese window and lesson, every lesson, the icon."""
    script = textwrap.dedent("""
        import json, sys
        from pathlib import Path
        import visualizer
        from visualizer.app import create_main_window, prepare_application_attributes
        from visualizer.i18n import available_languages, install_language
        from visualizer.classroom.lessons import builtin_lesson_paths, read_lesson
        from visualizer.resources import resource_path
        from PySide6.QtGui import QIcon
        from PySide6.QtWidgets import QApplication

        prepare_application_attributes()
        app = QApplication([])
        language = install_language("")          # the system's: LANG=zh_CN.UTF-8
        window = create_main_window()
        window.build_labs()
        lesson = window.classroom.lessons()[0]
        window.classroom.open_lesson(lesson)
        panel = window.classroom.lesson_panel
        icon = QIcon(str(resource_path("icons", "app.svg")))
        print(json.dumps({
            "package": visualizer.__file__,
            "resources": str(resource_path()),
            "languages": sorted(available_languages()),
            "language": language,
            "title": window.windowTitle(),
            "menus": [action.text() for action in window.menuBar().actions()],
            "lesson_title": panel.title_label.text(),
            "lessons": [read_lesson(path).key for path in builtin_lesson_paths()],
            "icon": not icon.isNull() and not icon.pixmap(64, 64).isNull(),
            "desktop": sorted(p.name for p in resource_path("desktop").iterdir()),
        }, ensure_ascii=False))
        window.close()
    """)
    done = run_installed(installed, str(installed / "bin" / "python"), "-c", script,
                         LANG="zh_CN.UTF-8", LANGUAGE="", LC_ALL="", LC_MESSAGES="",
                         QT_QPA_PLATFORM="offscreen",
                         CALCULUS_VISUALIZER_SETTINGS=str(tmp_path / "settings.ini"))
    assert done.returncode == 0, done.stderr[-3000:]
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    assert not seen["package"].startswith(str(ROOT)), seen["package"]
    assert seen["resources"].startswith(str(installed)), seen["resources"]
    assert "zh_CN" in seen["languages"] and seen["language"] == "zh_CN"
    assert seen["title"] == "微积分可视化"
    assert "文件(&F)" in seen["menus"]
    assert seen["lesson_title"] == "直线的斜率"
    assert seen["lessons"] == [path.stem for path in
                               sorted((ROOT / "resources" / "lessons").glob("*.json"))]
    assert seen["icon"] is True
    assert "io.github.calculusvisualizer.CalculusVisualizer.desktop" in seen["desktop"]


def test_the_installed_commands_answer(installed):
    analyzed = run_installed(installed, str(installed / "bin" / "calculus-visualizer-cli"),
                             "analyze", "x^3 - 2x + 4")
    assert analyzed.returncode == 0, analyzed.stderr
    assert json.loads(analyzed.stdout)["derivative"] == "3*x**2 - 2"
    version = run_installed(installed, str(installed / "bin" / "calculus-visualizer"),
                            "--version")
    assert version.stdout == f"calculus-visualizer {visualizer.__version__}\n"
