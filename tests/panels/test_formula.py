"""Typeset formulas: rendered off the GUI thread, never crashing when a label goes away."""

from visualizer.widgets.formula import FormulaLabel, render_svg


def test_formula_renders_to_a_picture(qtbot):
    label = FormulaLabel()
    qtbot.addWidget(label)
    with qtbot.waitSignal(label.rendered, timeout=10_000):
        label.set_formula(r"\frac{d}{dx} x^{2} = 2 x", "d/dx x^2 = 2x", "#000000", 18)
    assert label.has_picture()
    assert label.sizeHint().width() > 40


def test_svg_has_glyph_paths_not_only_bars():
    svg = render_svg(r"\frac{1}{1 + e^{-x}}", "#000000", 20).decode()
    assert svg.count("<path") > 5 or svg.count("<use") > 5


def test_deleting_labels_with_renders_queued_does_not_crash(qtbot):
    for index in range(20):
        label = FormulaLabel()
        label.set_formula(rf"x^{{{index}}} + \sin(x)", f"x^{index}")
        label.deleteLater()
    survivor = FormulaLabel()
    qtbot.addWidget(survivor)
    with qtbot.waitSignal(survivor.rendered, timeout=10_000):
        survivor.set_formula(r"\cos(x)", "cos(x)")
    assert survivor.has_picture()


def test_replaced_pictures_are_freed(qtbot):
    from PySide6.QtSvg import QSvgRenderer

    label = FormulaLabel()
    qtbot.addWidget(label)
    for index in range(5):
        with qtbot.waitSignal(label.rendered, timeout=10_000):
            label.set_formula(rf"x^{{{index + 2}}}", f"x^{index + 2}")
    # Only the current picture is kept (each edit used to leave its renderer behind).
    assert label.findChildren(QSvgRenderer) == []
    assert label.has_picture()
