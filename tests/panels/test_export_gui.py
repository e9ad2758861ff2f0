"""File → Export view as image / Copy view to clipboard / Export animation, in the window.

The file dialogs are replaced by a path (monkeypatched), the options dialog is filled
in by the test; everything else is the real window and the real exporter.
"""

import numpy as np
import pytest
from PIL import Image
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox

from visualizer import export as exporting
from visualizer.core.errors import ExpressionError
from visualizer.theme import THEMES


def file_actions(window):
    menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&File")
    return {a.objectName(): a for a in menu.actions() if a.objectName()}


def image_array(path) -> np.ndarray:
    with Image.open(path) as image:
        return np.asarray(image.convert("RGB")).astype(int)


def choose(monkeypatch, path, width=200, height=150, theme=None, frames=None):
    """Make the options dialog answer OK with these values and the file dialog ``path``."""

    def accept(dialog):
        dialog.width_spin.setValue(width)
        dialog.height_spin.setValue(height)
        if theme is not None:
            dialog.theme_combo.setCurrentIndex(dialog.theme_combo.findData(theme))
        if frames is not None:
            dialog.frames_spin.setValue(frames)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(exporting.ExportDialog, "exec", accept)
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *args, **kwargs: (str(path), "")))


def test_the_file_menu_action_writes_the_chosen_size_and_theme(qtbot, window, tmp_path,
                                                               monkeypatch):
    actions = file_actions(window)
    assert {"exportImageAction", "copyViewAction", "exportAnimationAction"} <= set(actions)
    for action in actions.values():
        assert action.toolTip()
    out = tmp_path / "view.png"
    choose(monkeypatch, out, 240, 160, theme="dark")
    undo_count = window.model.undo_stack.count()
    actions["exportImageAction"].trigger()
    pixels = image_array(out)
    assert pixels.shape == (160, 240, 3)
    # x² is a function of one variable: the lab in front is the derivative lab's plot.
    background = np.array([int(THEMES["dark"].background[i:i + 2], 16) for i in (1, 3, 5)])
    assert np.abs(pixels[2, -3] - background).max() <= 2
    assert len(np.unique(pixels.reshape(-1, 3), axis=0)) > 20
    assert window.model.undo_stack.count() == undo_count  # a picture changes nothing


def test_svg_of_a_view(window, tmp_path):
    out = tmp_path / "secant.svg"
    result = window.exporter.export_image_to(str(out), "secant", (200, 120))
    text = out.read_text()
    assert result["format"] == "svg"
    assert '<svg width="200" height="120"' in text and "<path" in text


def test_copy_view_puts_the_picture_on_the_clipboard(window):
    image = window.exporter.copy_view(size=(180, 120))
    pasted = QGuiApplication.clipboard().image()
    assert (pasted.width(), pasted.height()) == (180, 120)
    assert pasted.pixel(2, 2) == image.pixel(2, 2)
    colours = {image.pixel(x, y) for x in range(0, 180, 3) for y in range(0, 120, 3)}
    assert len(colours) > 5


def test_surface_picture_in_3d(qtbot, window, tmp_path):
    with qtbot.waitSignal(window.model.expression_changed, timeout=15_000):
        window.model.set_expression("x^2 + y^2")
    assert window.exporter.views() == ["surface", "contour", "descent"]
    out = tmp_path / "surface.png"
    window.exporter.export_image_to(str(out), "surface", (240, 180), "light")
    pixels = image_array(out)
    assert pixels.shape == (180, 240, 3)
    middle = pixels[60:120, 80:160]
    assert (np.abs(middle - pixels[2, 2]).max(axis=2) > 30).mean() > 0.5
    # The picture looks through the camera the user turned in the surface lab.
    window.docks["surface"].raise_()
    gl_view = window.surface.view.gl_view
    qtbot.waitUntil(gl_view.isExposed, timeout=5_000)
    gl_view.setCameraParams(elevation=80.0, azimuth=10.0)
    camera = exporting.camera_of(window.surface.view)
    assert (camera["elevation"], camera["azimuth"]) == (80.0, 10.0)
    turned = tmp_path / "turned.png"
    window.exporter.export_image_to(str(turned), "surface", (240, 180), "light")
    changed = np.abs(image_array(turned) - pixels).max(axis=2) > 30
    assert changed.mean() > 0.1


def test_animation_action_leaves_the_live_model_alone(qtbot, window, tmp_path, monkeypatch):
    model = window.model
    model.set_h(0.8)
    h, undo_count = model.h, model.undo_stack.count()
    out = tmp_path / "secant.gif"
    choose(monkeypatch, out, 160, 120, frames=5)
    file_actions(window)["exportAnimationAction"].trigger()
    with Image.open(out) as gif:
        assert gif.size == (160, 120)
        assert 2 <= gif.n_frames <= 5
    assert model.h == h
    assert model.undo_stack.count() == undo_count


def test_descent_animation_follows_the_labs_runs(window, tmp_path):
    lab = window.model.descent
    lab.set_start(3.0)
    lab.set_run_settings(0, lr=0.3, steps=6)
    out = tmp_path / "descent.gif"
    result = window.exporter.export_animation_to(str(out), "descent", (160, 120), frames=4)
    assert result["frames"] == 4
    with Image.open(out) as gif:
        assert (gif.size, gif.n_frames) == ((160, 120), 4)


def test_mp4_without_the_encoder_says_how_to_get_it(window, tmp_path, monkeypatch):
    monkeypatch.setattr(exporting, "mp4_available", lambda: False)
    with pytest.raises(ExpressionError) as caught:
        window.exporter.export_animation_to(str(tmp_path / "a.mp4"), "secant", (160, 120))
    assert caught.value.kind == "unsupported" and "imageio-ffmpeg" in str(caught.value)
    told = []
    monkeypatch.setattr(QMessageBox, "information",
                        staticmethod(lambda parent, title, text: told.append(text)))
    choose(monkeypatch, tmp_path / "a.mp4", 160, 120, frames=3)
    file_actions(window)["exportAnimationAction"].trigger()
    assert told and "imageio-ffmpeg" in told[0]
    assert not (tmp_path / "a.mp4").exists()


def test_a_view_that_does_not_fit_is_refused(window, tmp_path):
    with pytest.raises(ExpressionError) as caught:
        window.exporter.export_image_to(str(tmp_path / "c.png"), "contour", (100, 100))
    assert caught.value.kind == "argument"
    assert not (tmp_path / "c.png").exists()


@pytest.mark.parametrize("available", [True, False])
def test_mp4_is_offered_disabled_with_the_reason_before_a_file_is_chosen(
        window, monkeypatch, available):
    monkeypatch.setattr(exporting, "mp4_available", lambda: available)
    dialog = exporting.ExportDialog(["secant"], "light", animation=True, parent=window)
    combo = dialog.format_combo
    assert [combo.itemData(i) for i in range(combo.count())] == ["gif", "mp4"]
    mp4 = combo.model().item(1)
    assert mp4.isEnabled() is available
    assert ("imageio-ffmpeg" in combo.toolTip()) is not available
    assert dialog.choices()["format"] == "gif"
    dialog.deleteLater()


def test_the_chosen_format_names_the_file(window, tmp_path, monkeypatch):
    asked = []

    def accept(dialog):
        dialog.format_combo.setCurrentIndex(1)
        dialog.width_spin.setValue(160)
        dialog.height_spin.setValue(120)
        dialog.frames_spin.setValue(3)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(exporting, "mp4_available", lambda: True)
    monkeypatch.setattr(exporting.ExportDialog, "exec", accept)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(
        lambda parent, title, name, filters: asked.append((name, filters))
        or (str(tmp_path / "clip"), "")))
    written = []
    monkeypatch.setattr(window.exporter, "export_animation_to",
                        lambda path, *args: written.append(path) or {"frames": 3})
    file_actions(window)["exportAnimationAction"].trigger()
    assert asked[0][0].endswith(".mp4") and "*.mp4" in asked[0][1] and "*.gif" not in asked[0][1]
    assert written == [str(tmp_path / "clip.mp4")]
