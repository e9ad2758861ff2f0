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


def test_the_cache_of_rendered_formulas_keeps_the_latest_and_stays_bounded(monkeypatch):
    import visualizer.widgets.formula as formula

    monkeypatch.setattr(formula, "_cache", type(formula._cache)())
    rendered = []
    monkeypatch.setattr("ziamath.Latex", lambda latex, **_: rendered.append(latex) or FakeLatex())
    for k in range(3 * formula._CACHE_SIZE):
        formula.render_svg(f"x^{{{k}}}", "#000000", 12.0)
    assert len(formula._cache) == formula._CACHE_SIZE  # a long session does not grow it
    count = len(rendered)
    latest = f"x^{{{3 * formula._CACHE_SIZE - 1}}}"
    assert formula.render_svg(latest, "#000000", 12.0) == b"<svg/>"
    assert len(rendered) == count  # the latest formula came from the cache
    formula.render_svg("x^{0}", "#000000", 12.0)
    assert len(rendered) == count + 1  # the oldest had been let go and is rendered again


class FakeLatex:
    def svg(self) -> str:
        return "<svg/>"
