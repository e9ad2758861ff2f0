"""scripts/install.sh, as a user runs it: install, update, uninstall, in a home of its own."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
APP_ID = "io.github.calculusvisualizer.CalculusVisualizer"


def run_install(home: Path, *args: str) -> subprocess.CompletedProcess:
    # A desktop user's environment: the system's directories on PATH, no display (so the
    # window is not started), the interpreter of this test run as the user's python3.
    # PIP_NO_COMPILE: pip's byte-compiling of sympy alone would double the test's time.
    env = {"PATH": "/usr/local/bin:/usr/bin:/bin", "HOME": str(home), "LANG": "C.UTF-8",
           "PYTHON": sys.executable, "PIP_NO_COMPILE": "1",
           # The real user's download cache: the test's empty home would download 300 MB.
           "PIP_CACHE_DIR": os.environ.get("PIP_CACHE_DIR",
                                           str(Path.home() / ".cache" / "pip"))}
    for key in ("PIP_INDEX_URL", "PIP_EXTRA_INDEX_URL", "PIP_FIND_LINKS", "PIP_CONFIG_FILE"):
        if key in os.environ:
            env[key] = os.environ[key]
    return subprocess.run(["bash", str(ROOT / "scripts" / "install.sh"), *args], env=env,
                          capture_output=True, text=True, timeout=900)


def test_install_update_and_uninstall(tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    done = run_install(home)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    assert "No display here, so the window is not started" in done.stdout
    bin_dir = home / ".local" / "bin"
    data = home / ".local" / "share"
    venv = data / "calculus-visualizer" / "venv"
    for name in ("calculus-visualizer", "calculus-visualizer-cli"):
        launcher = bin_dir / name
        assert launcher.is_symlink() and Path(os.readlink(launcher)) == venv / "bin" / name
    version = subprocess.run([str(bin_dir / "calculus-visualizer"), "--version"],
                             capture_output=True, text=True)
    assert version.stdout.startswith("calculus-visualizer ")
    # The installed copy is the checkout's code, not a link to it.
    site = next((venv / "lib").glob("python3.*/site-packages"))
    assert (site / "visualizer" / "__main__.py").read_bytes() == \
        (ROOT / "visualizer" / "__main__.py").read_bytes()
    desktop = data / "applications" / f"{APP_ID}.desktop"
    assert f"Exec={bin_dir}/calculus-visualizer %f" in desktop.read_text().splitlines()
    assert (data / "icons" / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg").is_file()
    assert (data / "metainfo" / f"{APP_ID}.metainfo.xml").is_file()
    assert (data / "mime" / "packages" / "calculus-visualizer.xml").is_file()
    if shutil.which("desktop-file-validate"):
        checked = subprocess.run(["desktop-file-validate", str(desktop)], capture_output=True,
                                 text=True)
        assert checked.returncode == 0, checked.stdout + checked.stderr

    again = run_install(home, "--no-start")  # an update: the same command again
    assert again.returncode == 0, again.stderr[-3000:]
    assert "Making a private Python environment" not in again.stdout

    settings = home / ".config" / "calculus-visualizer" / "calculus-visualizer.conf"
    settings.parent.mkdir(parents=True)
    settings.write_text("[General]\ntheme=dark\n")
    gone = run_install(home, "--uninstall")
    assert gone.returncode == 0, gone.stderr
    assert "uninstalled" in gone.stdout
    assert not venv.exists() and not desktop.exists()
    assert not any(bin_dir.iterdir())
    assert not (data / "metainfo" / f"{APP_ID}.metainfo.xml").exists()
    assert settings.read_text() == "[General]\ntheme=dark\n"  # the user's settings stay


def test_an_unknown_option_is_refused_before_anything_is_done(tmp_path):
    done = run_install(tmp_path, "--bogus")
    assert done.returncode == 1
    assert "unknown option '--bogus'" in done.stderr
    assert not any(tmp_path.iterdir())


def test_help_says_how_to_install_update_and_uninstall(tmp_path):
    done = run_install(tmp_path, "--help")
    assert done.returncode == 0
    for words in ("--no-start", "--uninstall", "Update"):
        assert words in done.stdout
