"""Pictures and animations of one view, for slides: PNG, SVG, GIF and MP4.

A view is drawn by a *fresh* panel in a window of its own, so the picture has exactly
the size and theme asked for whatever the main window looks like:

``secant``
    The derivative lab's main plot (curve, P₀, P, secant, tangent).
``surface``
    The surface lab's 3-D surface with the point (a contour map where there is no
    OpenGL).
``contour``
    The surface lab's contour map with the point, the gradient and the direction.
``descent``
    The descent lab's path view: the runs on the curve (one variable) or on the
    contour map (two variables).

Still pictures of the live program use the live model (nothing changes in it).
Animations move h or step the descent, so they run on a model of their own, restored
from the live one's snapshot: the user's undo history stays as it was.

The 3-D view lives in a native OpenGL window that ``QWidget.grab()`` leaves blank
(docs/platform-notes.md); its picture is read back from the framebuffer
(:func:`visualizer.snapshot.grab_widget`). An SVG cannot hold a framebuffer, so the SVG
of a 3-D view is that PNG frame embedded as an ``<image>``; the 2-D views give real
vector SVG (Qt's SVG generator painting the plot).

``run_export`` is the headless ``export`` command's Qt side; the command line module
imports it only when ``export`` is asked for.
"""

from __future__ import annotations

import base64
import math
import os
import re
import sys
import time
from dataclasses import dataclass

os.environ.setdefault("PYQTGRAPH_QT_LIB", "PySide6")

from PySide6.QtCore import (  # noqa: E402
    QT_TRANSLATE_NOOP,
    QBuffer,
    QByteArray,
    QCoreApplication,
    QEvent,
    QEventLoop,
    QObject,
    QPoint,
    QRect,
    QSize,
    Qt,
    QTimer,
)
from PySide6.QtGui import (  # noqa: E402
    QAction,
    QColor,
    QFont,
    QGuiApplication,
    QImage,
    QKeySequence,
    QPainter,
    QPalette,
)
from PySide6.QtWidgets import (  # noqa: E402
    QApplication,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QMessageBox,
    QSpinBox,
    QWidget,
)

from visualizer.core.errors import ExpressionError  # noqa: E402
from visualizer.i18n import error_message  # noqa: E402
from visualizer.theme import THEMES, theme_named  # noqa: E402
from visualizer.widgets.plot_menus import own_plot_menus  # noqa: E402

#: The views that can be exported (see the module docstring).
VIEWS = ("secant", "surface", "contour", "descent")
#: Views that need a function of x and y.
TWO_VARIABLE_VIEWS = ("surface", "contour")
#: Views that need a function of one variable.
ONE_VARIABLE_VIEWS = ("secant",)
#: Views with an animation: the secant closing in on the tangent, and a descent run.
ANIMATED_VIEWS = ("secant", "descent")
IMAGE_FORMATS = ("png", "svg")
ANIMATION_FORMATS = ("gif", "mp4")
FORMATS = IMAGE_FORMATS + ANIMATION_FORMATS
DEFAULT_SIZE = (1200, 800)
#: Smallest and largest side of an exported picture, in pixels.
MIN_SIDE, MAX_SIDE = 64, 8192
DEFAULT_FPS = 20
DEFAULT_FRAMES = 40
#: The secant animation ends at this fraction of its starting h.
SECANT_SHRINK = 1e-3
MAX_FRAMES = 600
#: How to get an MP4 encoder: imageio-ffmpeg ships ffmpeg inside its wheel.
MP4_HINT = ('MP4 needs the optional "video" extra: pip install "calculus-visualizer[video]" '
            '(or pip install imageio-ffmpeg, which brings its own ffmpeg); GIF works without it')
#: Seconds to wait for the helper process to parse and analyse the function.
FUNCTION_TIMEOUT_S = 20.0
#: Time for the panel's own timers (resampling, typeset labels) and the first GL frame.
SETTLE_MS = 350


def tr(text: str) -> str:
    return QCoreApplication.translate("Export", text)


def format_of(path: str) -> str:
    """The export format named by ``path``'s extension (png, svg, gif or mp4).

    Raises
    ------
    ExpressionError
        ``argument`` for any other extension.
    """
    extension = os.path.splitext(str(path))[1].lower().lstrip(".")
    if extension not in FORMATS:
        raise ExpressionError(
            "argument",
            f"cannot tell the format from {os.path.basename(str(path))!r}: "
            f"the file name must end in {', '.join('.' + f for f in FORMATS)}",
        )
    return extension


def mp4_available() -> bool:
    """True when imageio-ffmpeg (the MP4 encoder) is installed."""
    try:
        import imageio_ffmpeg  # noqa: F401
    except ImportError:
        return False
    return True


def check_view_fits(view: str, variables) -> None:
    """Refuse a view that cannot show a function of these variables.

    Raises
    ------
    ExpressionError
        ``argument``, naming the view and what the function has.
    """
    count = len(tuple(variables))
    names = ", ".join(variables) or "no variable"
    if view in TWO_VARIABLE_VIEWS and count != 2:
        raise ExpressionError(
            "argument", f"the {view} view needs a function of x and y; this one has {names}")
    if view in ONE_VARIABLE_VIEWS and count == 2:
        raise ExpressionError(
            "argument", f"the {view} view needs a function of one variable; this one has {names}")


# -- waiting on the event loop ---------------------------------------------------------

def pump(milliseconds: int) -> None:
    """Run the event loop for ``milliseconds`` (timers fire, windows paint)."""
    loop = QEventLoop()
    QTimer.singleShot(max(0, int(milliseconds)), loop.quit)
    loop.exec()


def wait_until(predicate, timeout_s: float) -> bool:
    """Run the event loop until ``predicate()`` is true; False after ``timeout_s``."""
    deadline = time.monotonic() + timeout_s
    while not predicate():
        if time.monotonic() > deadline:
            return False
        pump(20)
    return True


# -- the stage: one view alone at an exact size ----------------------------------------

@dataclass
class _Parts:
    panel: QWidget
    target: QWidget


def _build_view(model, view: str) -> _Parts:
    if view == "secant":
        from visualizer.panels.secant_panel import SecantPanel

        panel = SecantPanel(model)
        return _Parts(panel, panel.plot)
    if view in ("surface", "contour"):
        from visualizer.panels.surface_panel import SurfacePanel

        panel = SurfacePanel(model)
        return _Parts(panel, panel.view if view == "surface" else panel.contour)
    if view == "descent":
        from visualizer.panels.descent_panel import DescentPanel

        panel = DescentPanel(model)
        return _Parts(panel, panel.stack)
    raise ExpressionError("argument", f"unknown view {view!r}; choose one of {', '.join(VIEWS)}")


class Stage:
    """One view of ``model`` drawn by a fresh panel, alone in a window of ``size``.

    The panel itself is never shown: its view widget is taken out of it and shown as a
    frameless window of exactly ``size`` pixels, so the picture needs no cropping and
    the live window is not disturbed. Call :meth:`close` when done.

    Parameters
    ----------
    model : visualizer.model.Model
    view : str
        One of :data:`VIEWS`.
    size : tuple of int
        (width, height) in pixels.
    theme : str
        ``light``, ``dark`` or ``projector``.
    scale : float
        Interface scale of the theme (type and line sizes).
    camera : dict, optional
        The 3-D camera to look through (see :func:`camera_of`); default: the view's own.
    """

    def __init__(self, model, view: str, size: tuple[int, int], theme: str = "light",
                 scale: float = 1.0, camera: dict | None = None):
        self.model = model
        self._camera = camera
        self.view = view
        self.width, self.height = (int(size[0]), int(size[1]))
        self.theme = theme_named(theme, scale)
        parts = _build_view(model, view)
        self.panel, self.target = parts.panel, parts.target
        own_plot_menus(self.panel)  # deleted with the panel, not by the garbage collector
        self._style(parts)
        target = self.target
        target.setParent(None)
        target.setWindowFlag(Qt.WindowType.FramelessWindowHint, True)
        target.setWindowFlag(Qt.WindowType.WindowDoesNotAcceptFocus, True)
        target.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating, True)
        target.setWindowTitle(tr("Export"))
        target.setMinimumSize(1, 1)
        target.setFixedSize(self.width, self.height)
        target.move(0, 0)
        target.show()

    def _style(self, parts: _Parts) -> None:
        theme = self.theme
        parts.panel.apply_theme(theme)
        app = QApplication.instance()
        font = QFont(app.font())
        font.setPointSizeF(theme.font_size())
        palette = QPalette()
        for role in (QPalette.ColorRole.Window, QPalette.ColorRole.Base,
                     QPalette.ColorRole.Button):
            palette.setColor(role, QColor(theme.background))
        for role in (QPalette.ColorRole.WindowText, QPalette.ColorRole.Text,
                     QPalette.ColorRole.ButtonText):
            palette.setColor(role, QColor(theme.foreground))
        for widget in (parts.panel, parts.target):
            widget.setFont(font)
            widget.setPalette(palette)
        parts.target.setAutoFillBackground(True)

    # -- state ------------------------------------------------------------------------
    @property
    def surface_view(self):
        """The 3-D view in the picture, if any (else None)."""
        from visualizer.panels.surface_view import SurfaceView

        views = [self.target] if isinstance(self.target, SurfaceView) else []
        views += self.target.findChildren(SurfaceView)
        return next((v for v in views if v.is_3d and v.isVisible()), None)

    @property
    def is_3d(self) -> bool:
        """True when the picture holds an OpenGL frame."""
        return self.surface_view is not None

    def settle(self, milliseconds: int = SETTLE_MS) -> None:
        """Let the panel's timers fire and the window (and its GL frame) paint."""
        view = self.surface_view
        if view is not None and view.gl_view is not None:
            wait_until(view.gl_view.isExposed, 5.0)
            if self._camera is not None:
                pump(30)  # the view fits its own camera to the new size first
                _look_through(view, self._camera)
        pump(milliseconds)

    # -- pictures ---------------------------------------------------------------------
    def image(self) -> QImage:
        """The view now, exactly ``width`` × ``height`` pixels (RGB32)."""
        QApplication.processEvents()
        from visualizer.snapshot import grab_widget

        image = grab_widget(self.target)
        wanted = QSize(self.width, self.height)
        if image.size() != wanted:  # a high-DPI screen or a window manager's limits
            image = image.scaled(wanted, Qt.AspectRatioMode.IgnoreAspectRatio,
                                 Qt.TransformationMode.SmoothTransformation)
        image.setDevicePixelRatio(1.0)
        return image.convertToFormat(QImage.Format.Format_RGB32)

    def write_png(self, path: str) -> None:
        image = self.image()
        if not image.save(str(path), "PNG"):
            raise ExpressionError("argument", f"cannot write {path}")

    def write_svg(self, path: str) -> str | None:
        """Write an SVG of the view; returns a note when it holds a raster frame."""
        if self.is_3d:
            _write_svg_with_frame(self.image(), path, self.view)
            return ("the 3-D view is an OpenGL frame: the SVG holds it as an embedded "
                    "PNG <image>, not as vector shapes")
        from PySide6.QtSvg import QSvgGenerator

        QApplication.processEvents()
        generator = QSvgGenerator()
        generator.setFileName(str(path))
        generator.setSize(QSize(self.width, self.height))
        generator.setViewBox(QRect(0, 0, self.width, self.height))
        generator.setTitle(f"{self.view}: {self.model.expression_text}")
        generator.setDescription(tr("Exported by Calculus Visualizer"))
        painter = QPainter()
        if not painter.begin(generator):
            raise ExpressionError("argument", f"cannot write {path}")
        import pyqtgraph as pg

        for view in [self.target, *self.target.findChildren(pg.GraphicsView)]:
            if isinstance(view, pg.GraphicsView):
                view.scene().prepareForPaint()  # what pyqtgraph's own render() does first
        try:
            # QWidget's render (the widget as it looks), not QGraphicsView's (the scene).
            QWidget.render(self.target, painter, QPoint(0, 0))
        finally:
            painter.end()
        _size_in_pixels(str(path), self.width, self.height)
        return None

    def close(self) -> None:
        """Close the window and free the panel."""
        self.target.hide()
        self.target.close()
        self.target.deleteLater()
        self.panel.deleteLater()
        # Free the GL window while its context and the display are surely there.
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def _size_in_pixels(path: str, width: int, height: int) -> None:
    """Give the SVG its size in pixels (Qt writes millimetres at 72 dpi)."""
    try:
        with open(path, encoding="utf-8") as handle:
            text = handle.read()
    except OSError as exc:
        raise ExpressionError("argument", f"cannot write {path}: {exc.strerror}") from None
    text = re.sub(r'<svg width="[^"]*" height="[^"]*"',
                  f'<svg width="{width}" height="{height}"', text, count=1)
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(text)


def camera_of(view) -> dict | None:
    """The 3-D camera of a live :class:`SurfaceView` (None in 2-D), to export as seen."""
    if view is None or not view.is_3d or view.gl_view is None:
        return None
    gl_view = view.gl_view
    width, height = gl_view.width(), gl_view.height()
    if width < 2 or height < 2:
        return None  # never laid out: nobody has turned it
    params = dict(gl_view.cameraParams())
    params["aspect"] = width / height
    return params


def _look_through(view, camera: dict) -> None:
    """Put ``camera`` (from :func:`camera_of`) on ``view``, keeping what it framed.

    pyqtgraph's field of view is horizontal: a picture wider for its height than the
    view it came from sees less vertically, so the camera steps back by the ratio.
    """
    gl_view = view.gl_view
    params = {key: value for key, value in camera.items() if key != "aspect"}
    aspect = max(1, gl_view.width()) / max(1, gl_view.height())
    if "distance" in params and camera.get("aspect"):
        params["distance"] = params["distance"] * max(1.0, aspect / camera["aspect"])
    gl_view.setCameraParams(**params)


def _write_svg_with_frame(image: QImage, path: str, title: str) -> None:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QBuffer.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    encoded = base64.b64encode(bytes(data)).decode("ascii")
    width, height = image.width(), image.height()
    text = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
        f'width="{width}" height="{height}" viewBox="0 0 {width} {height}">\n'
        f"<title>{title}</title>\n"
        "<!-- An OpenGL frame cannot be vector shapes: this is the rendered frame. -->\n"
        f'<image x="0" y="0" width="{width}" height="{height}" '
        f'xlink:href="data:image/png;base64,{encoded}"/>\n'
        "</svg>\n"
    )
    try:
        with open(path, "w", encoding="utf-8") as handle:
            handle.write(text)
    except OSError as exc:
        raise ExpressionError("argument", f"cannot write {path}: {exc.strerror}") from None


# -- frames to files -------------------------------------------------------------------

def _rgb_bytes(image: QImage) -> bytes:
    rgb = image.convertToFormat(QImage.Format.Format_RGB888)
    width, height, line = rgb.width(), rgb.height(), rgb.bytesPerLine()
    raw = bytes(rgb.constBits())
    if line == width * 3:
        return raw[: width * height * 3]
    # Rows are padded to 4 bytes: drop the padding.
    return b"".join(raw[row * line: row * line + width * 3] for row in range(height))


def write_gif(images: list[QImage], path: str, fps: float) -> int:
    """Write ``images`` as a looping GIF; returns the frames in the file.

    Pillow merges a frame identical to the one before it into that frame (its time
    adds up), so the count can be lower than ``len(images)``.
    """
    from PIL import Image

    frames = [Image.frombytes("RGB", (im.width(), im.height()), _rgb_bytes(im))
              for im in images]
    duration = max(20, int(round(1000.0 / fps)))
    try:
        frames[0].save(path, format="GIF", save_all=True, append_images=frames[1:],
                       duration=duration, loop=0)
    except OSError as exc:
        raise ExpressionError("argument", f"cannot write {path}: {exc}") from None
    with Image.open(path) as written:
        return int(getattr(written, "n_frames", 1))


def write_mp4(images: list[QImage], path: str, fps: float) -> int:
    """Write ``images`` as an H.264 MP4 (needs imageio-ffmpeg); returns the frame count."""
    if not mp4_available():
        raise ExpressionError("unsupported", MP4_HINT)
    import imageio_ffmpeg

    width, height = images[0].width(), images[0].height()
    if width % 2 or height % 2:
        raise ExpressionError("argument",
                              f"MP4 (H.264) needs an even width and height, got {width}x{height}")
    writer = imageio_ffmpeg.write_frames(str(path), (width, height), fps=fps, codec="libx264",
                                         pix_fmt_in="rgb24", pix_fmt_out="yuv420p",
                                         macro_block_size=1, quality=8)
    try:
        writer.send(None)
        for image in images:
            writer.send(_rgb_bytes(image))
    except (OSError, RuntimeError) as exc:
        raise ExpressionError("argument", f"cannot write {path}: {exc}") from None
    finally:
        writer.close()
    return len(images)


# -- animations ------------------------------------------------------------------------

def _secant_frames(stage: Stage, frames: int) -> list[QImage]:
    """h shrinks geometrically from its start to a thousandth of it, one picture per frame.

    The lab's own animation goes on to 1e-6 so its digits can be read; a picture has no
    digits, and below a thousandth of the start P sits on P₀: those frames would all
    look the same. No hold at the end either.
    """
    from visualizer.core.limits import LimitAnimation

    lab = stage.panel.animation()
    animation = LimitAnimation(start=lab.start, end=max(lab.end, lab.start * SECANT_SHRINK),
                               sweep_seconds=lab.sweep_seconds, side=lab.side, loop=False,
                               hold_seconds=0.0)
    span = animation.sweeps * animation.sweep_seconds
    images = []
    for index in range(frames):
        t = span * index / max(1, frames - 1)
        stage.model.set_h(animation.frame(t))
        images.append(stage.image())
    return images


def _descent_frames(stage: Stage, frames: int, steps: int | None) -> list[QImage]:
    """The lab's runs from the start to ``steps`` steps (or their end), spread over frames."""
    lab = stage.model.descent
    lab.reset()
    limit = steps if steps is not None else max(run.settings.steps for run in lab.runs)
    lab.advance(limit)
    total = lab.step_count
    lab.reset()
    stage.settle(60)
    images = []
    for index in range(frames):
        wanted = round(total * index / max(1, frames - 1))
        if wanted > lab.step_count:
            lab.advance(wanted - lab.step_count)
        images.append(stage.image())
    return images


# -- the public entry points -----------------------------------------------------------

def _check_size(size) -> tuple[int, int]:
    width, height = (int(size[0]), int(size[1]))
    if not (MIN_SIDE <= width <= MAX_SIDE and MIN_SIDE <= height <= MAX_SIDE):
        raise ExpressionError(
            "argument", f"the size {width}x{height} is out of range: each side {MIN_SIDE} "
                        f"to {MAX_SIDE} pixels")
    return width, height


def export_image(model, view: str, path: str, size=DEFAULT_SIZE, theme: str = "light",
                 scale: float = 1.0, camera: dict | None = None) -> dict:
    """Write a PNG or SVG (by ``path``'s extension) of ``view`` drawn from ``model``.

    Returns
    -------
    dict
        ``{"view", "out", "width", "height", "format"}`` and ``"note"`` when the SVG
        holds a raster frame.
    """
    kind = format_of(path)
    if kind not in IMAGE_FORMATS:
        raise ExpressionError("argument", f"{kind} is an animation format: use export_animation")
    width, height = _check_size(size)
    _check_model(model, view)
    stage = Stage(model, view, (width, height), theme, scale, camera)
    try:
        stage.settle()
        note = stage.write_svg(path) if kind == "svg" else stage.write_png(path)
    finally:
        stage.close()
    result = {"view": view, "out": str(path), "width": width, "height": height,
              "format": kind}
    if note:
        result["note"] = note
    return result


def render_image(model, view: str, size=DEFAULT_SIZE, theme: str = "light",
                 scale: float = 1.0, camera: dict | None = None) -> QImage:
    """A picture of ``view`` drawn from ``model`` (exactly ``size`` pixels)."""
    width, height = _check_size(size)
    _check_model(model, view)
    stage = Stage(model, view, (width, height), theme, scale, camera)
    try:
        stage.settle()
        return stage.image()
    finally:
        stage.close()


def copy_to_clipboard(model, view: str, size=DEFAULT_SIZE, theme: str = "light",
                      scale: float = 1.0, camera: dict | None = None) -> QImage:
    """Put a picture of ``view`` on the clipboard; returns it."""
    image = render_image(model, view, size, theme, scale, camera)
    QGuiApplication.clipboard().setImage(image)
    return image


def export_animation(model, view: str, path: str, size=DEFAULT_SIZE, theme: str = "light",
                     frames: int = DEFAULT_FRAMES, fps: float = DEFAULT_FPS,
                     steps: int | None = None, scale: float = 1.0) -> dict:
    """Write a GIF or MP4 (by ``path``'s extension) of ``view``'s animation.

    ``secant``: h shrinks geometrically from its start to a thousandth of it.
    ``descent``: the descent lab's runs from their start to ``steps`` steps (default:
    until they stop, at most each run's step limit).

    The animation changes h or steps the runs, so it runs on ``model`` itself: pass a
    model of its own (see :func:`animation_model`) to keep the live one untouched.

    Returns
    -------
    dict
        ``{"view", "out", "width", "height", "format", "frames"}``.
    """
    kind = format_of(path)
    if kind not in ANIMATION_FORMATS:
        raise ExpressionError("argument", f"{kind} is a still format: use export_image")
    if view not in ANIMATED_VIEWS:
        raise ExpressionError("argument", f"the {view} view has no animation; "
                                          f"animations: {', '.join(ANIMATED_VIEWS)}")
    if kind == "mp4" and not mp4_available():
        raise ExpressionError("unsupported", MP4_HINT)
    if not (2 <= int(frames) <= MAX_FRAMES):
        raise ExpressionError("argument", f"an animation needs 2 to {MAX_FRAMES} frames")
    if not (math.isfinite(fps) and 1 <= fps <= 60):
        raise ExpressionError("argument", "the frame rate must be 1 to 60 frames a second")
    width, height = _check_size(size)
    if kind == "mp4" and (width % 2 or height % 2):
        raise ExpressionError("argument",
                              f"MP4 (H.264) needs an even width and height, got {width}x{height}")
    _check_model(model, view)
    stage = Stage(model, view, (width, height), theme, scale)
    try:
        stage.settle()
        if view == "secant":
            images = _secant_frames(stage, int(frames))
        else:
            images = _descent_frames(stage, int(frames), steps)
    finally:
        stage.close()
    count = write_gif(images, path, fps) if kind == "gif" else write_mp4(images, path, fps)
    return {"view": view, "out": str(path), "width": width, "height": height,
            "format": kind, "frames": count}


def _check_model(model, view: str) -> None:
    if view not in VIEWS:
        raise ExpressionError("argument",
                              f"unknown view {view!r}; choose one of {', '.join(VIEWS)}")
    state = model.function
    if state is None:
        raise ExpressionError("argument", "there is no function to draw yet")
    check_view_fits(view, state.variables)


def animation_model(live):
    """A model of its own with ``live``'s state (function, point, h, ranges, descent runs).

    Waits (on the event loop) for the function to be parsed again in a helper process.
    Call ``close()`` on it when done.
    """
    from visualizer.model import Model

    copy = Model()
    copy.restore(live.snapshot())
    _wait_for_function(copy, live.expression_text)
    lab, source = copy.descent, live.descent
    lab.set_runs([run.settings for run in source.runs])
    if source.start:
        try:
            lab.set_start(source.start)
        except ExpressionError:
            pass  # the copy keeps its default start
    return copy


def _wait_for_function(model, text: str) -> None:
    rejected: list = []

    def on_rejected(_text, error) -> None:
        rejected.append(error)

    model.expression_rejected.connect(on_rejected)
    try:
        ready = wait_until(
            lambda: rejected or (model.function is not None
                                 and model.expression_text == text), FUNCTION_TIMEOUT_S)
    finally:
        model.expression_rejected.disconnect(on_rejected)
    if rejected:
        error = rejected[0]
        raise error if isinstance(error, ExpressionError) else ExpressionError(
            "syntax", str(error))
    if not ready:
        raise ExpressionError("timeout", "the function took too long to analyse")


# -- the File menu ----------------------------------------------------------------------

VIEW_TITLES = {
    "secant": QT_TRANSLATE_NOOP("Export", "Derivative lab: the curve, secant and tangent"),
    "surface": QT_TRANSLATE_NOOP("Export", "Surface lab: the 3-D surface"),
    "contour": QT_TRANSLATE_NOOP("Export", "Surface lab: the contour map"),
    "descent": QT_TRANSLATE_NOOP("Export", "Descent lab: the runs' paths"),
}
THEME_TITLES = {"light": QT_TRANSLATE_NOOP("Export", "Light"), "dark": QT_TRANSLATE_NOOP("Export", "Dark"), "projector": QT_TRANSLATE_NOOP("Export", "Projector")}


class ExportDialog(QDialog):
    """Asks which view, the size in pixels and the theme (and frames, for an animation)."""

    def __init__(self, views, theme: str, animation: bool = False, size=DEFAULT_SIZE,
                 parent=None):
        super().__init__(parent)
        self.setObjectName("exportDialog")
        self.setWindowTitle(tr("Export animation") if animation else tr("Export view"))
        form = QFormLayout(self)
        self.view_combo = QComboBox(self)
        self.view_combo.setObjectName("exportView")
        for view in views:
            self.view_combo.addItem(tr(VIEW_TITLES[view]), view)
        self.width_spin = self._spin(size[0], "exportWidth", tr("Width of the picture in pixels"))
        self.height_spin = self._spin(size[1], "exportHeight",
                                      tr("Height of the picture in pixels"))
        self.theme_combo = QComboBox(self)
        self.theme_combo.setObjectName("exportTheme")
        for name in THEMES:
            self.theme_combo.addItem(tr(THEME_TITLES.get(name, name)), name)
        self.theme_combo.setCurrentIndex(max(0, self.theme_combo.findData(theme)))
        for widget, tip in ((self.view_combo, tr("The view to draw")),
                            (self.theme_combo, tr("Colours and type size of the picture"))):
            widget.setToolTip(tip)
            widget.setAccessibleName(tip)
        form.addRow(tr("&View:"), self.view_combo)
        form.addRow(tr("&Width (px):"), self.width_spin)
        form.addRow(tr("&Height (px):"), self.height_spin)
        form.addRow(tr("&Theme:"), self.theme_combo)
        self.frames_spin = None
        if animation:
            self.frames_spin = QSpinBox(self)
            self.frames_spin.setObjectName("exportFrames")
            self.frames_spin.setRange(2, MAX_FRAMES)
            self.frames_spin.setValue(DEFAULT_FRAMES)
            tip = tr("Frames in the animation (%1 a second)").replace("%1", str(DEFAULT_FPS))
            self.frames_spin.setToolTip(tip)
            self.frames_spin.setAccessibleName(tip)
            form.addRow(tr("&Frames:"), self.frames_spin)
            self.format_combo = self._format_combo()
            form.addRow(tr("F&ormat:"), self.format_combo)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel, parent=self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def _format_combo(self) -> QComboBox:
        """GIF or MP4; MP4 is offered disabled, with the reason, where it cannot be written
        (before the user picks a file name, not after)."""
        combo = QComboBox(self)
        combo.setObjectName("exportFormat")
        combo.addItem(tr("GIF animation"), "gif")
        combo.addItem(tr("MP4 video"), "mp4")
        tip = tr("GIF plays everywhere; MP4 is smaller for long animations")
        if not mp4_available():
            item = combo.model().item(1)
            item.setEnabled(False)
            item.setToolTip(tr(MP4_HINT))
            tip = tr(MP4_HINT)
        combo.setToolTip(tip)
        combo.setAccessibleName(tr("Format of the animation"))
        combo.setAccessibleDescription(tip)
        return combo

    def _spin(self, value: int, name: str, tip: str) -> QSpinBox:
        spin = QSpinBox(self)
        spin.setObjectName(name)
        spin.setRange(MIN_SIDE, MAX_SIDE)
        spin.setValue(int(value))
        spin.setToolTip(tip)
        spin.setAccessibleName(tip)
        return spin

    def choices(self) -> dict:
        """``{"view", "size", "theme"}``, and ``"frames"`` and ``"format"`` for an animation."""
        result = {"view": self.view_combo.currentData(),
                  "size": (self.width_spin.value(), self.height_spin.value()),
                  "theme": self.theme_combo.currentData()}
        if self.frames_spin is not None:
            result["frames"] = self.frames_spin.value()
            result["format"] = self.format_combo.currentData()
        return result


class WindowExporter(QObject):
    """The File menu's export actions for a main window.

    ``export_image_to``, ``copy_view`` and ``export_animation_to`` do the work (and are
    what tests drive); the ``_on_*`` slots only ask for a file and options first.
    """

    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.image_action = self._make("exportImageAction", self._on_export_image,
                                       "Ctrl+E")
        self.copy_action = self._make("copyViewAction", self._on_copy, "Ctrl+Shift+C")
        self.animation_action = self._make("exportAnimationAction",
                                           self._on_export_animation, "Ctrl+Shift+E")
        self.retranslate()
        window.installEventFilter(self)

    def _make(self, name: str, slot, shortcut: str) -> QAction:
        action = QAction(self.window)
        action.setObjectName(name)
        action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        return action

    def add_actions(self, menu) -> None:
        """Put the three actions into ``menu`` (the File menu)."""
        for action in (self.image_action, self.copy_action, self.animation_action):
            menu.addAction(action)

    def retranslate(self) -> None:
        for action, text, tip in (
            (self.image_action, tr("&Export view as image…"),
             tr("Save a lab's view as PNG or SVG at a chosen size and theme")),
            (self.copy_action, tr("&Copy view to clipboard"),
             tr("Copy the lab in front as a picture, to paste into slides")),
            (self.animation_action, tr("Export &animation…"),
             tr("Save the secant closing in on the tangent, or a descent run, as GIF or MP4")),
        ):
            action.setText(text)
            action.setToolTip(tip)
            action.setStatusTip(tip)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt's name
        # getattr: while the window is being torn down its filter may outlive our state.
        if event.type() == QEvent.Type.LanguageChange and watched is getattr(self, "window", None):
            self.retranslate()
        return False

    # -- what can be exported ------------------------------------------------------------
    def views(self, animation: bool = False) -> list[str]:
        """The views that fit the current function (animated ones only, if asked)."""
        state = self.window.model.function
        if state is None:
            return []
        views = ["surface", "contour", "descent"] if state.is_2d else ["secant", "descent"]
        return [v for v in views if v in ANIMATED_VIEWS] if animation else views

    def current_view(self, animation: bool = False) -> str | None:
        """The view of the lab in front (or the first that fits the function)."""
        views = self.views(animation)
        if not views:
            return None
        docks = getattr(self.window, "docks", {})
        for key, view in (("descent", "descent"), ("surface", "surface"),
                          ("secant", "secant")):
            dock = docks.get(key)
            if view in views and dock is not None and dock.isVisible() \
                    and not dock.visibleRegion().isEmpty():
                return view
        return views[0]

    def _defaults(self, view, theme):
        view = view or self.current_view()
        if view is None:
            raise ExpressionError("argument", tr("There is no function to draw yet."))
        return view, theme or self.window.theme.name

    # -- the work ------------------------------------------------------------------------
    def export_image_to(self, path: str, view: str | None = None, size=DEFAULT_SIZE,
                        theme: str | None = None) -> dict:
        """Save ``view`` (default: the lab in front) as PNG or SVG at ``path``."""
        view, theme = self._defaults(view, theme)
        return export_image(self.window.model, view, path, size, theme,
                            self.window.theme.scale, self._camera(view))

    def copy_view(self, view: str | None = None, size=DEFAULT_SIZE,
                  theme: str | None = None) -> QImage:
        """Put a picture of ``view`` (default: the lab in front) on the clipboard."""
        view, theme = self._defaults(view, theme)
        return copy_to_clipboard(self.window.model, view, size, theme,
                                 self.window.theme.scale, self._camera(view))

    def _camera(self, view: str) -> dict | None:
        """The live surface lab's camera, so the 3-D picture looks the way the user turned it."""
        surface = getattr(self.window, "surface", None)
        return camera_of(getattr(surface, "view", None)) if view == "surface" else None

    def export_animation_to(self, path: str, view: str | None = None, size=DEFAULT_SIZE,
                            theme: str | None = None, frames: int = DEFAULT_FRAMES,
                            fps: float = DEFAULT_FPS) -> dict:
        """Save the animation of ``view`` (secant or descent) as GIF or MP4 at ``path``.

        It runs on a copy of the model (:func:`animation_model`): h, the runs and the
        undo history of the live program are left as they were.
        """
        view = view or self.current_view(animation=True)
        theme = theme or self.window.theme.name
        if view is None:
            raise ExpressionError("argument", tr("There is no function to animate yet."))
        if format_of(path) == "mp4" and not mp4_available():
            raise ExpressionError("unsupported", MP4_HINT)
        _check_model(self.window.model, view)
        copy = animation_model(self.window.model)
        try:
            return export_animation(copy, view, path, size, theme, frames=frames, fps=fps,
                                    steps=self.window.model.descent.step_count or None,
                                    scale=self.window.theme.scale)
        finally:
            copy.close()
            copy.deleteLater()

    # -- the actions ---------------------------------------------------------------------
    def _ask(self, animation: bool) -> dict | None:
        views = self.views(animation)
        if not views:
            QMessageBox.information(self.window, tr("Export"),
                                    tr("There is no function to draw yet."))
            return None
        dialog = ExportDialog(views, self.window.theme.name, animation, parent=self.window)
        current = self.current_view(animation)
        dialog.view_combo.setCurrentIndex(max(0, dialog.view_combo.findData(current)))
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.choices()

    def _run(self, work, *args, **kwargs):
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            return work(*args, **kwargs)
        except ExpressionError as exc:
            QApplication.restoreOverrideCursor()
            QMessageBox.warning(self.window, tr("Export"), error_message(exc))
            return None
        finally:
            if QApplication.overrideCursor() is not None:
                QApplication.restoreOverrideCursor()

    def _status(self, text: str) -> None:
        self.window.statusBar().showMessage(text, 5000)

    def _on_export_image(self) -> None:
        choices = self._ask(animation=False)
        if choices is None:
            return
        path, _ = QFileDialog.getSaveFileName(
            self.window, tr("Export view as image"), f"{choices['view']}.png",
            tr("PNG image (*.png);;SVG drawing (*.svg)"))
        if not path:
            return
        if os.path.splitext(path)[1].lower() not in (".png", ".svg"):
            path += ".png"
        result = self._run(self.export_image_to, path, choices["view"], choices["size"],
                           choices["theme"])
        if result is not None:
            self._status(tr("Saved %1").replace("%1", path))

    def _on_copy(self) -> None:
        if self._run(self.copy_view) is not None:
            self._status(tr("The view is on the clipboard"))

    def _on_export_animation(self) -> None:
        choices = self._ask(animation=True)
        if choices is None:
            return
        extension = choices["format"]
        path, _ = QFileDialog.getSaveFileName(
            self.window, tr("Export animation"), f"{choices['view']}.{extension}",
            tr("GIF animation (*.gif)") if extension == "gif" else tr("MP4 video (*.mp4)"))
        if not path:
            return
        if os.path.splitext(path)[1].lower() not in (".gif", ".mp4"):
            path += "." + extension
        if path.lower().endswith(".mp4") and not mp4_available():
            QMessageBox.information(self.window, tr("Export animation"), tr(MP4_HINT))
            return
        result = self._run(self.export_animation_to, path, choices["view"], choices["size"],
                           choices["theme"], choices["frames"])
        if result is not None:
            self._status(tr("Saved %1 (%2 frames)").replace("%1", path)
                         .replace("%2", str(result["frames"])))


# -- the headless command ----------------------------------------------------------------

def _prepare_display(view: str, size: tuple[int, int]) -> tuple[object | None, str | None]:
    """A display for Qt: the one there is, else Xvfb, else the offscreen platform.

    Returns the VirtualDisplay started (or None) and a note when there is no OpenGL.
    """
    platform = os.environ.get("QT_QPA_PLATFORM", "")
    if platform.startswith(("offscreen", "minimal")):
        return None, "Qt runs offscreen here (no OpenGL): a 3-D surface is drawn as a contour map"
    if os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY") \
            or not sys.platform.startswith(("linux", "freebsd", "openbsd", "netbsd")):
        return None, None
    from visualizer.bench import Unmeasurable
    from visualizer.bench.display import VirtualDisplay

    # Room for the whole picture: GL pixels outside the screen are not drawn.
    screen = f"{max(1600, size[0] + 64)}x{max(1000, size[1] + 64)}x24"
    display = VirtualDisplay(screen)
    try:
        display.start()
    except Unmeasurable as exc:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
        return None, (f"no display and no Xvfb ({exc}): drawn offscreen without OpenGL, so a "
                      "3-D surface is a contour map")
    return display, None


def run_export(options: dict, service=None) -> dict:
    """The ``export`` command: draw one view of a function to a file.

    Parameters
    ----------
    options : dict
        ``expression``, ``view``, ``out``, ``size`` (w, h), ``theme``, and optional
        ``at`` (x0 for secant, the point for surface/contour, the start for descent),
        ``h``, ``steps``, ``optimizer``, ``lr``, ``frames``, ``fps``.
    service : visualizer.analysis.AnalysisService, optional
        A running helper to share (it stays open); by default one is started and closed.

    Returns
    -------
    dict
        The JSON result (see :func:`export_image`, :func:`export_animation`).

    Raises
    ------
    ExpressionError
        Bad input (kind ``argument``, ``syntax``, ...), as the other commands.
    """
    view, out = options["view"], options["out"]
    kind = format_of(out)
    size = _check_size(options.get("size") or DEFAULT_SIZE)
    if kind in ANIMATION_FORMATS and view not in ANIMATED_VIEWS:
        raise ExpressionError("argument", f"the {view} view has no animation; "
                                          f"animations: {', '.join(ANIMATED_VIEWS)}")
    if kind == "mp4" and not mp4_available():
        raise ExpressionError("unsupported", MP4_HINT)
    display, note = _prepare_display(view, size)
    app = QApplication.instance()
    own_app = app is None
    try:
        if own_app:
            from visualizer.app import prepare_application_attributes

            prepare_application_attributes()
            app = QApplication([sys.argv[0] if sys.argv else "calculus-visualizer"])
            app.setStyle("Fusion")
        result = _run_export_in_qt(options, view, out, kind, size, service)
    finally:
        if own_app and app is not None:
            _finish_formula_renders()
            # Gone before its X server: else Qt's exit finds the connection broken.
            app.shutdown()
        if display is not None:
            display.stop()
    if note and view in ("surface", "descent"):
        result["note"] = note if "note" not in result else f"{result['note']}; {note}"
    return result


def _finish_formula_renders() -> None:
    """Wait for typeset formulas still rendering in their thread.

    A render that finishes while the application shuts down must not find Qt gone.
    """
    from visualizer.widgets.formula import wait_for_renders

    wait_for_renders()
    QCoreApplication.sendPostedEvents()


def _run_export_in_qt(options: dict, view: str, out: str, kind: str, size,
                      service=None) -> dict:
    from visualizer.model import Model

    model = Model(service=service)
    try:
        model.set_expression(options["expression"])
        _wait_for_function(model, options["expression"])
        check_view_fits(view, model.function.variables)
        _apply_cli_state(model, view, options)
        # Stationary points are drawn when they arrive; a short wait is enough.
        wait_until(lambda: model.critical_points is not None, 3.0)
        theme = options.get("theme") or "light"
        if kind in ANIMATION_FORMATS:
            return export_animation(model, view, out, size, theme,
                                    frames=options.get("frames") or DEFAULT_FRAMES,
                                    fps=options.get("fps") or DEFAULT_FPS,
                                    steps=options.get("steps"))
        if view == "descent":
            lab = model.descent
            limit = options.get("steps")
            lab.advance(limit if limit is not None
                        else max(run.settings.steps for run in lab.runs))
        return export_image(model, view, out, size, theme)
    finally:
        if service is None:
            model.close()
        model.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def _apply_cli_state(model, view: str, options: dict) -> None:
    at = options.get("at")
    variables = model.function.variables
    if at is not None:
        if view == "descent":
            if len(at) != len(variables):
                raise ExpressionError(
                    "argument", f"--at gives {len(at)} coordinate(s) but the function uses "
                                f"{', '.join(variables)}")
        elif len(at) != (2 if view in TWO_VARIABLE_VIEWS else 1):
            wanted = "X,Y" if view in TWO_VARIABLE_VIEWS else "X"
            raise ExpressionError("argument", f"--at for the {view} view is {wanted}")
        if view == "secant":
            model.set_x0(at[0])
        elif view in TWO_VARIABLE_VIEWS:
            model.set_point(at[0], at[1])
    if options.get("h") is not None:
        model.set_h(options["h"])
    if view != "descent":
        return
    lab = model.descent
    changes = {name: options[name] for name in ("optimizer", "lr") if options.get(name) is not None}
    if options.get("steps") is not None:
        changes["steps"] = max(1, int(options["steps"]))
    if changes:
        lab.set_run_settings(0, **changes)
    if at is not None:
        lab.set_start(at[0] if len(at) == 1 else tuple(at))


__all__ = [
    "ANIMATED_VIEWS", "DEFAULT_SIZE", "FORMATS", "MP4_HINT", "THEMES", "VIEWS", "ExportDialog",
    "Stage", "WindowExporter",
    "animation_model", "camera_of", "copy_to_clipboard", "export_animation", "export_image",
    "format_of", "mp4_available", "render_image", "run_export",
]
