"""The headless ``export`` command: files of the requested size with the view drawn.

Most cases run the command in this process (pytest-xvfb's display, the test session's
QApplication); one runs it as a teacher's script would, with no DISPLAY at all, so
the command starts Xvfb itself.
"""

import json
import os
import subprocess
import sys
import xml.etree.ElementTree as ElementTree
from functools import partial
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from visualizer import export as exporting
from visualizer.core import cli
from visualizer.theme import THEMES

ROOT = Path(__file__).resolve().parents[2]
SVG = "{http://www.w3.org/2000/svg}"


def run(capsys, *argv):
    status = cli.main(list(argv))
    payload = json.loads(capsys.readouterr().out)
    return status, payload


def pixels(path) -> np.ndarray:
    with Image.open(path) as image:
        return np.asarray(image.convert("RGB")).astype(int)


def hex_rgb(colour: str) -> np.ndarray:
    colour = colour.lstrip("#")
    return np.array([int(colour[i:i + 2], 16) for i in (0, 2, 4)])


@pytest.fixture(scope="module")
def service(qapp):
    """One helper process pair for the module: starting sympy costs ~1 s."""
    from visualizer.analysis import AnalysisService

    shared = AnalysisService()
    yield shared
    shared.close()


@pytest.fixture
def export(qapp, capsys, tmp_path, service, monkeypatch):
    """Run ``export`` in this process (sharing ``service``); returns (status, payload, path)."""
    monkeypatch.setattr(exporting, "run_export", partial(exporting.run_export, service=service))

    def run_export(expression, view, name, *options):
        out = tmp_path / name
        status, payload = run(capsys, "export", expression, "--view", view, "--out", str(out),
                              *options)
        return status, payload, out

    return run_export


# -- pictures ---------------------------------------------------------------------------

def test_secant_png_has_the_size_and_the_theme_background(export):
    status, payload, out = export("x^2", "secant", "secant.png", "--at", "1",
                                  "--size", "320x240", "--theme", "dark")
    assert status == 0, payload
    assert payload == {"view": "secant", "out": str(out), "width": 320, "height": 240,
                       "format": "png"}
    image = pixels(out)
    assert image.shape == (240, 320, 3)
    # The corner is the plot's background in the dark theme; the curve and points add
    # other colours.
    background = hex_rgb(THEMES["dark"].background)
    assert np.abs(image[2, -3] - background).max() <= 2
    differs = np.abs(image - background).max(axis=2) > 30
    assert 0.01 < differs.mean() < 0.6
    assert len(np.unique(image.reshape(-1, 3), axis=0)) > 20


def test_surface_png_draws_the_3d_surface(export):
    status, payload, out = export("x^2 + y^2", "surface", "surface.png", "--at", "0.5,-0.4",
                                  "--size", "320x240")
    assert status == 0, payload
    assert (payload["width"], payload["height"], payload["format"]) == (320, 240, "png")
    image = pixels(out)
    assert image.shape == (240, 320, 3)
    background = image[2, 2]
    # The surface fills the middle of the picture: its pixels are not the background.
    middle = image[80:160, 110:210]
    assert (np.abs(middle - background).max(axis=2) > 30).mean() > 0.5
    assert (np.abs(image - background).max(axis=2) > 30).mean() > 0.15


def test_contour_svg_is_xml_with_drawing_elements(export):
    status, payload, out = export("x^2 + 3*y^2", "contour", "contour.svg", "--at", "1,1",
                                  "--size", "300x200")
    assert status == 0, payload
    assert payload["format"] == "svg" and "note" not in payload
    root = ElementTree.parse(out).getroot()
    assert root.tag == SVG + "svg"
    assert (root.get("width"), root.get("height")) == ("300", "200")
    assert root.get("viewBox") == "0 0 300 200"
    shapes = [e for e in root.iter() if e.tag in (SVG + "path", SVG + "polyline")]
    assert len(shapes) > 10


def test_surface_svg_embeds_the_frame_and_says_so(export):
    status, payload, out = export("x^2 + y^2", "surface", "surface.svg", "--size", "200x160")
    assert status == 0, payload
    assert "embedded PNG" in payload["note"]
    root = ElementTree.parse(out).getroot()
    images = [e for e in root.iter() if e.tag == SVG + "image"]
    assert len(images) == 1
    assert (images[0].get("width"), images[0].get("height")) == ("200", "160")
    href = images[0].get("{http://www.w3.org/1999/xlink}href")
    assert href.startswith("data:image/png;base64,")


def test_descent_png_after_some_steps(export):
    status, payload, out = export("x^2 + 3*y^2", "descent", "descent.png", "--at", "3,2",
                                  "--steps", "10", "--size", "240x180", "--theme", "projector")
    assert status == 0, payload
    image = pixels(out)
    assert image.shape == (180, 240, 3)
    assert len(np.unique(image.reshape(-1, 3), axis=0)) > 20


# -- animations -------------------------------------------------------------------------

def test_descent_gif_has_the_frames_and_size(export):
    status, payload, out = export("x^2 + 3*y^2", "descent", "descent.gif", "--at", "3,2",
                                  "--steps", "8", "--frames", "5", "--size", "160x120")
    assert status == 0, payload
    assert payload["frames"] == 5
    with Image.open(out) as gif:
        assert gif.size == (160, 120)
        assert gif.n_frames == 5
        first = np.asarray(gif.convert("RGB")).astype(int)
        gif.seek(4)
        last = np.asarray(gif.convert("RGB")).astype(int)
    assert np.abs(first - last).max() > 30  # the path grew


def test_secant_gif_has_the_frames_and_size(export):
    status, payload, out = export("sin(x)", "secant", "secant.gif", "--at", "1",
                                  "--frames", "6", "--size", "160x120")
    assert status == 0, payload
    with Image.open(out) as gif:
        assert gif.size == (160, 120)
        # h falls from 1 to 1e-3: every frame shows the secant somewhere else.
        assert gif.n_frames == 6
        assert payload["frames"] == 6


def test_mp4(export):
    pytest.importorskip("imageio_ffmpeg")
    status, payload, out = export("x^2", "descent", "run.mp4", "--at", "3", "--steps", "6",
                                  "--frames", "4", "--size", "160x120")
    assert status == 0, payload
    assert payload["format"] == "mp4" and payload["frames"] == 4
    assert out.read_bytes()[4:8] == b"ftyp"


# -- errors -----------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("argv", "words"),
    [
        (["x^2", "--view", "spam", "--out", "a.png"], "--view"),
        (["x^2", "--view", "secant", "--out", "a.png", "--size", "12x12"], "64 to 8192"),
        (["x^2", "--view", "secant", "--out", "a.png", "--size", "big"], "WIDTHxHEIGHT"),
        (["x^2", "--view", "secant", "--out", "a.bmp"], ".png"),
        (["x^2 + y^2", "--view", "contour", "--out", "a.gif"], "no animation"),
        (["x^2 + y^2", "--view", "surface", "--out", "a.png", "--at", "1"], "X,Y"),
        (["x^2", "--view", "secant", "--out", "a.gif", "--frames", "1"], "2 to 600"),
        (["x^2", "--out", "a.png"], "--view"),
    ],
)
def test_bad_arguments_are_argument_errors(capsys, argv, words):
    status, payload = run(capsys, "export", *argv)
    assert status == 2
    assert payload["error"]["kind"] == "argument"
    assert words in payload["error"]["message"]


def test_a_two_variable_view_of_a_one_variable_function_is_refused(export):
    status, payload, out = export("x^2", "surface", "s.png", "--size", "100x100")
    assert status == 2
    assert payload["error"]["kind"] == "argument"
    assert "x and y" in payload["error"]["message"]
    assert not out.exists()


def test_a_one_variable_view_of_a_two_variable_function_is_refused(export):
    status, payload, _ = export("x*y", "secant", "s.png", "--size", "100x100")
    assert status == 2 and "one variable" in payload["error"]["message"]


def test_a_bad_formula_is_a_syntax_error(export):
    status, payload, _ = export("x^^2", "secant", "s.png", "--size", "100x100")
    assert status == 2 and payload["error"]["kind"] == "syntax"


# -- the real command ---------------------------------------------------------------------

def test_without_a_display_the_command_starts_xvfb(tmp_path):
    out = tmp_path / "bowl.png"
    environment = {k: v for k, v in os.environ.items()
                   if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    done = subprocess.run(
        [sys.executable, "-m", "visualizer", "export", "x^2 + y^2", "--view", "surface",
         "--out", str(out), "--size", "200x150"],
        cwd=ROOT, env=environment, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    payload = json.loads(done.stdout)
    assert "note" not in payload  # real OpenGL under Xvfb, not the offscreen fallback
    image = pixels(out)
    assert image.shape == (150, 200, 3)
    assert (np.abs(image[50:100, 70:130] - image[2, 2]).max(axis=2) > 30).mean() > 0.5


def test_analyze_and_descend_never_load_qt(tmp_path):
    code = ("import sys; from visualizer.core import cli; "
            "cli.main(['analyze', 'x^2', '--at', '1']); "
            "cli.main(['descend', 'x^2', '--start', '1', '--steps', '3']); "
            "print([m for m in sys.modules if m.startswith(('PySide6', 'pyqtgraph'))])")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == "[]"
