"""A new function reaches the screen without needless work: no relayout of the labs at a
switch between one and two variables, details after the frame, fast grid lines."""

import random

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPen

from visualizer.panels.plot_style import style_plot
from visualizer.theme import LIGHT
from visualizer.widgets.grid_lines import _row_rect, draw_axis_picture, use_fast_grid

# ------------------------------------------------------------------ grid lines


def pixels(image: QImage) -> np.ndarray:
    pointer = image.constBits()
    return np.frombuffer(pointer, np.uint8, image.sizeInBytes()).copy()


def test_a_thin_horizontal_line_is_filled_on_the_pixels_qt_draws():
    color = QColor("#1a1a1a")
    color.setAlpha(26)
    pen = QPen(color)
    pen.setWidthF(1.0)
    rng = random.Random(3)
    for _ in range(200):
        y = rng.uniform(2, 50)
        x1, x2 = rng.uniform(0, 50), rng.uniform(50, 99)
        shift = rng.choice([(0, 0), (1, 1), (3, 7)])
        images = []
        for fill in (False, True):
            image = QImage(100, 60, QImage.Format.Format_ARGB32_Premultiplied)
            image.fill(Qt.GlobalColor.transparent)
            painter = QPainter(image)
            painter.translate(*shift)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
            if fill:
                painter.fillRect(_row_rect(pen, QPointF(x2, y), QPointF(x1, y)), color)
            else:
                painter.setPen(pen)
                painter.drawLine(QPointF(x2, y), QPointF(x1, y))
            painter.end()
            images.append(pixels(image))
        np.testing.assert_array_equal(images[1], images[0], err_msg=f"y={y} x={x1}..{x2}")
    sloped = _row_rect(pen, QPointF(0, 1), QPointF(9, 2))
    thick = QPen(color)
    thick.setWidthF(2.0)
    assert sloped is None and _row_rect(thick, QPointF(0, 1), QPointF(9, 1)) is None


def test_the_fast_grid_looks_like_pyqtgraphs(qtbot):
    plot = pg.PlotWidget()
    qtbot.addWidget(plot)
    style_plot(plot, LIGHT)
    plot.plot(np.linspace(-3, 3, 50), np.linspace(-3, 3, 50) ** 3)
    plot.resize(420, 260)
    plot.show()
    qtbot.waitExposed(plot)
    images = []
    for fast in (False, True):
        if fast:
            use_fast_grid(plot)
        image = QImage(plot.viewport().size(), QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(Qt.GlobalColor.white)
        painter = QPainter(image)
        plot.render(painter)
        painter.end()
        images.append(pixels(image))
    left = plot.getPlotItem().getAxis("left")
    assert left.grid and left.drawPicture.func is draw_axis_picture
    changed = np.count_nonzero(images[0] != images[1])
    assert changed == 0, f"{changed} bytes differ"
