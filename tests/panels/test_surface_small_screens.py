"""The surface lab on a projector: 1024 × 768 in presentation mode, large type.

The lesson text takes the top of the screen, so the lab gets about 1024 × 500-600
pixels: the key numbers of the step (∇f, |∇f|, D_u f) must be on screen without
scrolling, the 3-D view and the map must keep a useful size, the slice captions must
show their numbers, and the 3-D axis labels must not pile up.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QWidget

from tests.panels.test_surface_panel import lab_model, load  # noqa: F401 - fixtures

#: The lab's share of a 1024 × 768 projector under the lesson text, and of 1280 × 800.
LAB_SIZES = [(1024, 600), (1024, 505), (1280, 560)]


@pytest.fixture
def projected(qtbot, lab_model):  # noqa: F811 - the imported fixture
    from visualizer.panels.surface_panel import SurfacePanel
    from visualizer.theme import PROJECTOR

    # A child placed by hand, as in a dock: a top-level window would be held to the
    # height its layout prefers for the width, taller than a projector's share.
    host = QWidget()
    qtbot.addWidget(host)
    host.resize(2400, 1600)
    widget = SurfacePanel(lab_model, host)
    # The projector theme sets the application's font; here the panel's, as it would be.
    font = QFont(widget.font())
    font.setPointSizeF(PROJECTOR.font_size())
    widget.setFont(font)
    widget.apply_theme(PROJECTOR)
    host.show()
    qtbot.waitExposed(widget)
    load(qtbot, lab_model, "bowl")
    yield widget  # (the host must live as long as the test)
    host.close()


def _inside(widget, viewport) -> bool:
    """``widget`` is wholly inside ``viewport`` (a scroll area's visible part)."""
    top_left = widget.mapTo(viewport, QPoint(0, 0))
    return viewport.rect().contains(QRect(top_left, widget.size()))


@pytest.mark.parametrize("size", LAB_SIZES)
def test_the_key_numbers_are_on_screen_without_scrolling(qtbot, projected, size):
    panel = projected
    panel.resize(*size)
    qtbot.waitUntil(lambda: panel.layout_mode == "wide-short", timeout=5_000)
    key = (panel.gradient_formula, panel.gradient_norm_formula, panel.directional_formula)
    qtbot.waitUntil(lambda: all(label.has_picture() for label in key), timeout=10_000)
    qtbot.waitUntil(lambda: "0.671" in panel.gradient_norm_formula.latex, timeout=5_000)
    assert "0.600" in panel.gradient_formula.latex and "-0.300" in panel.gradient_formula.latex
    viewport = panel.details_scroll.viewport()
    assert panel.details_scroll.verticalScrollBar().value() == 0
    for label in key + (panel.partial_x_formula, panel.partial_y_formula):
        qtbot.waitUntil(lambda label=label: _inside(label, viewport), timeout=5_000)
        assert label.isVisible() and not label.visibleRegion().isEmpty()
        # Drawn at a readable size: not squeezed below 85 % of its typeset width.
        assert label.width() >= 0.85 * (label.sizeHint().width() - 8)


@pytest.mark.parametrize("size", LAB_SIZES[:2])
def test_the_views_keep_their_size_and_the_captions_their_numbers(qtbot, projected, size):
    panel = projected
    panel.resize(*size)
    qtbot.waitUntil(lambda: panel.layout_mode == "wide-short", timeout=5_000)
    height = size[1]
    # Before, the readout's strip and the display options took ~120 px from the views.
    qtbot.waitUntil(lambda: panel.view.height() >= 0.5 * height, timeout=5_000)
    assert panel.view.width() >= 300
    viewbox = panel.contour.plot.getPlotItem().getViewBox()
    map_size = viewbox.size()
    assert min(map_size.width(), map_size.height()) >= 0.36 * height
    # The map's frame is the data's: the aspect lock leaves at most a thin margin.
    (x_low, x_high), _ = viewbox.viewRange()
    assert x_high - x_low <= 1.25 * (panel.last_grid[0][-1] - panel.last_grid[0][0])
    for plot, number in ((panel.slice_x, "0.600"), (panel.slice_y, "−0.300"),
                         (panel.angle_plot, "0.671")):
        caption = plot.caption
        assert number in caption.main_text()
        assert caption._measure(caption.main_text()) + 4 <= caption.width()


def test_captions_keep_their_meaning_where_there_is_room(qtbot, projected):
    panel = projected
    panel.resize(1024, 600)
    qtbot.waitUntil(lambda: panel.layout_mode == "wide-short", timeout=5_000)
    caption = panel.slice_x.caption
    assert "slice y = −0.400" in caption.plain_text()
    # A quarter of 1024 px in large type: the number stays, the parenthetical goes.
    assert not caption.detail_shown()
    panel.resize(2400, 1600)
    qtbot.waitUntil(lambda: panel.layout_mode == "wide-row", timeout=5_000)
    qtbot.waitUntil(caption.detail_shown, timeout=5_000)


def test_the_3d_box_fills_its_view_and_no_two_axis_labels_overlap(qtbot, projected):
    panel = projected
    panel.resize(1024, 505)
    qtbot.waitUntil(lambda: panel.layout_mode == "wide-short", timeout=5_000)
    view = panel.view
    if not view.is_3d:
        pytest.skip("no OpenGL here")
    labels = view._labels_item
    window = view.gl_view
    size = (window.width(), window.height())
    qtbot.waitUntil(lambda: labels.drawn_labels() and labels._placement_key is not None
                    and labels._placement_key[1:3] == size, timeout=5_000)
    drawn = labels.drawn_labels()
    half = {text: tuple(h) for text, h in zip(
        [t for _, _, t in drawn], view_label_half_sizes(labels, [t for _, _, t in drawn]),
        strict=True)}
    rects = [(x - half[t][0], y - half[t][1], x + half[t][0], y + half[t][1]) for x, y, t in drawn]
    for i, a in enumerate(rects):
        # Every label in the window, none on another.
        assert a[0] >= -1 and a[1] >= -1 and a[2] <= size[0] + 1 and a[3] <= size[1] + 1
        for b in rects[i + 1:]:
            assert not (a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]), (a, b)
    # The axis names are all there, and the picture fills the view in one direction.
    texts = [t for _, _, t in drawn]
    assert {"x", "y", "z"} <= set(texts)
    width = max(r[2] for r in rects) - min(r[0] for r in rects)
    height = max(r[3] for r in rects) - min(r[1] for r in rects)
    assert width >= 0.85 * size[0] or height >= 0.85 * size[1]
    # ... centred: the margins left and right (top and bottom) differ by little.
    left, right = min(r[0] for r in rects), size[0] - max(r[2] for r in rects)
    assert abs(left - right) <= 0.1 * size[0]


def view_label_half_sizes(labels, texts):
    from visualizer.panels.surface_view import label_half_sizes

    return label_half_sizes(labels.font, texts)
