"""Figures measured without Qt: symbolic round trips, descent speed, matplotlib's redraw."""

from __future__ import annotations

import statistics
import time

from visualizer.bench import Results, Unmeasurable

clock = time.perf_counter

#: The benchmark's descent figures: sgd, lr 1e-3, tol 0 (see optimizers.steps_per_second).
DESCENT_CASES = {
    "descent_steps_per_s_1d": ("x^4 - 3x^2 + x", [2.0]),
    "descent_steps_per_s_2d": ("x^4 + y^2", [1.5, -1.0]),
}
ANALYSIS_RANGE = [-5.0, 5.0]


def small_functions(count: int) -> list[str]:
    """``count`` different small functions of one and two variables, as a learner types them."""
    templates = (
        "{a}x^2 + {b}x",
        "sin({a}x) + x^2/{b}",
        "exp(-x^2/{a}) + {b}",
        "x^3 - {a}x + {b}",
        "{a}x^2 + xy + {b}y^2",
        "sin({a}x)cos(y) + {b}",
        "log(x^2 + {a}) - {b}x",
        "x^4 - {a}x^2 + y^2/{b}",
        "tanh({a}x) + {b}x",
        "sqrt(x^2 + {a}) + {b}y",
    )
    texts = []
    for index in range(count):
        template = templates[index % len(templates)]
        round_ = index // len(templates)
        texts.append(template.format(a=round_ + 2, b=2 * round_ + 3))
    return texts


def measure(names, quick: bool, results: Results) -> None:
    """Measure the compute-only figures in ``names`` with one symbolic helper process."""
    from visualizer.core.worker import SymbolicWorker

    worker = SymbolicWorker(timeout=10.0, spare=False)
    try:
        if not worker.wait_ready(timeout=30.0):
            results.fail(names, "the symbolic helper process did not start within 30 s")
            return
        if "symbolic_warm_ms" in names:
            _guarded(results, ["symbolic_warm_ms"], _symbolic_warm, worker, quick, results)
        for name, (text, start) in DESCENT_CASES.items():
            if name in names:
                _guarded(results, [name], _descent_speed, worker, name, text, start, quick,
                         results)
    finally:
        worker.close()


def _guarded(results: Results, names, function, *arguments) -> None:
    try:
        function(*arguments)
    except Unmeasurable as exc:
        results.fail(names, str(exc))
    except Exception as exc:  # noqa: BLE001 - one broken figure must not lose the others
        results.fail(names, f"{type(exc).__name__}: {exc}")


def _symbolic_warm(worker, quick: bool, results: Results) -> None:
    import numpy as np

    from visualizer.core.sampling import FunctionSet

    warm_up, measured = (5, 20) if quick else (10, 50)
    texts = small_functions(warm_up + measured)
    probe = np.array([0.25, 0.75])
    times = []
    for index, text in enumerate(texts):
        began = clock()
        bundle = worker.request("bundle", text=text, x_range=ANALYSIS_RANGE,
                                y_range=ANALYSIS_RANGE)
        functions = FunctionSet.from_bundle(bundle)
        for array_function in functions.arrays.values():  # numexpr compiles on first use
            array_function(*([probe] * functions.dimension))
        if index >= warm_up:
            times.append((clock() - began) * 1e3)
    results.set("symbolic_warm_ms", statistics.median(times))
    results.note(f"symbolic_warm_ms over {len(times)} functions: median "
                 f"{statistics.median(times):.1f} ms, slowest {max(times):.1f} ms "
                 "(helper process round trip + FunctionSet.from_bundle + first calls)")


def _descent_speed(worker, name: str, text: str, start, quick: bool, results: Results) -> None:
    from visualizer.core.optimizers import steps_per_second

    sources = worker.request("descent_sources", text=text)
    steps, runs = (200_000, 1) if quick else (1_000_000, 3)
    speeds = [steps_per_second(sources, start, optimizer="sgd", lr=1e-3, steps=steps)
              for _ in range(runs)]
    results.set(name, max(speeds))
    if runs > 1:
        results.note(f"{name}: runs {', '.join(f'{s / 1e6:.2f}' for s in speeds)} M steps/s "
                     "(the best is reported: the others lost time to the rest of the machine)")


# --------------------------------------------------------------------------- matplotlib


def chapter_redraw(figure, canvas, sign: float, points: int = 100, arrows: int = 20,
                   surface: bool = True) -> None:
    """Redraw the chapters' figure 7-4 for f = x^2 + sign*xy + y^2 on [-1, 1]^2.

    The top axes show f on a ``points`` x ``points`` grid (``plot_surface``, or the
    chapter's own ``scatter`` of the grid when ``surface`` is False), the bottom ones
    ``quiver`` of the gradient on an ``arrows`` x ``arrows`` grid, as in the source chapter 002.
    """
    import numpy as np

    top, bottom = figure.axes
    x = np.linspace(-1.0, 1.0, points)
    xv, yv = np.meshgrid(x, x, indexing="ij")
    z = xv * xv + sign * xv * yv + yv * yv
    top.clear()
    if surface:
        top.plot_surface(xv, yv, z, rstride=1, cstride=1, cmap="viridis", linewidth=0)
    else:
        top.scatter(xv.ravel(), yv.ravel(), z.ravel(), marker=".", s=2, color="b")
    top.view_init(30, 20)
    a = np.linspace(-1.0, 1.0, arrows)
    av, bv = np.meshgrid(a, a, indexing="ij")
    bottom.clear()
    bottom.quiver(av, bv, 2 * av + sign * bv, 2 * bv + sign * av, color="b")
    bottom.axis("equal")
    canvas.draw()


class ChapterFigure:
    """The chapters' figure 7-4 drawn by matplotlib's Agg backend at ``size_px``.

    Parameters
    ----------
    size_px : (int, int)
        Width and height in pixels (the size of our 3-D view, for a fair comparison).
    surface : bool
        ``plot_surface`` of the grid (True) or the chapter's literal 3-D ``scatter``.

    Raises
    ------
    Unmeasurable
        matplotlib is not installed.
    """

    def __init__(self, size_px, surface: bool = True):
        try:
            import matplotlib
        except ImportError:
            raise Unmeasurable("matplotlib is not installed (pip install "
                               "'calculus-visualizer[bench]')") from None
        matplotlib.use("Agg", force=True)
        from matplotlib.backends.backend_agg import FigureCanvasAgg
        from matplotlib.figure import Figure

        width, height = size_px
        self.surface = surface
        self.figure = Figure(figsize=(width / 100.0, height / 100.0), dpi=100)
        self.canvas = FigureCanvasAgg(self.figure)
        self.figure.add_subplot(2, 1, 1, projection="3d")
        self.figure.add_subplot(2, 1, 2)
        self.redraw_ms(1.0)  # warm-up: fonts, caches

    def redraw_ms(self, sign: float) -> float:
        """Milliseconds of one :func:`chapter_redraw` (data computed, drawn, rasterised)."""
        began = clock()
        chapter_redraw(self.figure, self.canvas, sign, surface=self.surface)
        return (clock() - began) * 1e3


def matplotlib_redraw_ms(size_px, repetitions: int, surface: bool = True) -> float:
    """Median milliseconds of :func:`chapter_redraw` with the Agg backend at ``size_px``."""
    chapter = ChapterFigure(size_px, surface)
    return statistics.median(chapter.redraw_ms(-1.0 if index % 2 else 1.0)
                             for index in range(repetitions))
