"""The headless command line: ``analyze`` and ``descend`` print JSON to stdout.

Exit status 0 on success; 2 on bad input, with
``{"error": {"kind": ..., "message": ..., "position": ...}}`` on stdout
(``docs/command-line.md``). Symbolic work runs in a killable helper process
(:class:`visualizer.core.worker.SymbolicWorker`), so a function that would hang sympy
ends with a "timeout" error instead of a frozen terminal. Nothing here imports Qt.

Examples
--------
::

    python -m visualizer analyze "x^2" --at 1
    python -m visualizer analyze "x^2 + x*y + y^2" --at 0.5,-0.4 --direction 1,1
    python -m visualizer descend "x^2" --start 1 --lr 0.1 --path
    python -m visualizer export "sin(x)" --view secant --at 1 --out secant.png
    python -m visualizer export "x^2 + 3*y^2" --view descent --at 3,2 --out run.gif

``export`` is the one command that draws: it imports Qt (only then) and needs a
display; without one it starts Xvfb, or draws offscreen where the 3-D view cannot.
"""

from __future__ import annotations

import argparse
import json
import math
import sys

from visualizer.core.errors import ExpressionError, error_text

#: Seconds the symbolic helper may spend on one command line request.
CLI_TIMEOUT = 10.0

#: Optimizer names the ``descend`` command accepts (docs/command-line.md).
OPTIMIZER_NAMES = ("sgd", "momentum", "nesterov", "adagrad", "rmsprop", "adam", "newton")

#: Options that take a value, per subcommand; used to let values start with "-".
_VALUE_OPTIONS = {
    "analyze": ("--at", "--direction", "--taylor", "--range"),
    "descend": (
        "--start",
        "--optimizer",
        "--lr",
        "--steps",
        "--tol",
        "--momentum",
        "--betas",
        "--eps",
    ),
    "export": (
        "--view",
        "--out",
        "--at",
        "--theme",
        "--size",
        "--h",
        "--steps",
        "--optimizer",
        "--lr",
        "--frames",
        "--fps",
    ),
}

#: Options without a value, per subcommand (with ``-h``/``--help`` for every one).
_FLAG_OPTIONS = {"analyze": (), "descend": ("--path",), "export": ()}

#: Printed under each subcommand's help: how to give a formula that starts with '-'.
_DASH_EPILOG = (
    "A formula that starts with '-' may follow '--': %(prog)s -- -x^2 (-x^2 alone works "
    "too, but --x would be read as an option)."
)

#: Views the ``export`` command draws (visualizer.export.VIEWS, kept here Qt-free).
EXPORT_VIEWS = ("secant", "surface", "contour", "descent")
EXPORT_THEMES = ("light", "dark", "projector")
#: Each side of an exported picture, in pixels.
EXPORT_SIDES = (64, 8192)


class _JsonArgumentParser(argparse.ArgumentParser):
    """An ArgumentParser whose usage errors become ExpressionError("argument")."""

    def error(self, message: str):
        raise ExpressionError("argument", message)


# -- option values ---------------------------------------------------------------------


def _numbers(text: str, counts: tuple[int, ...], what: str) -> list[float]:
    parts = [part.strip() for part in text.split(",")]
    try:
        values = [float(part) for part in parts]
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not {what} (comma-separated numbers, e.g. 0.5,-1)"
        ) from None
    if len(values) not in counts:
        wanted = " or ".join(str(n) for n in counts)
        raise argparse.ArgumentTypeError(
            f"{text!r} has {len(values)} number(s); {what} needs {wanted}"
        )
    if not all(math.isfinite(v) for v in values):
        raise argparse.ArgumentTypeError(f"{text!r}: {what} must be finite numbers")
    return values


def _point(text: str) -> list[float]:
    return _numbers(text, (1, 2), "a point X or X,Y")


def _direction(text: str) -> list[float]:
    values = _numbers(text, (2,), "a direction DX,DY")
    if values == [0.0, 0.0]:
        raise argparse.ArgumentTypeError("the direction 0,0 has no length")
    return values


def _interval(text: str) -> list[float]:
    low, high = _numbers(text, (2,), "a range A,B")
    if not low < high:
        raise argparse.ArgumentTypeError(f"{text!r}: the range A,B needs A < B")
    return [low, high]


def _betas(text: str) -> list[float]:
    values = _numbers(text, (2,), "the betas B1,B2")
    if not all(0.0 <= b < 1.0 for b in values):
        raise argparse.ArgumentTypeError(f"{text!r}: each beta must be in [0, 1)")
    return values


def _count(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"{text!r} must not be negative")
    return value


def _size(text: str) -> tuple[int, int]:
    parts = text.lower().replace("×", "x").split("x")
    try:
        width, height = (int(part) for part in parts)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a size WIDTHxHEIGHT in pixels, e.g. 1200x800") from None
    low, high = EXPORT_SIDES
    if not (low <= width <= high and low <= height <= high):
        raise argparse.ArgumentTypeError(
            f"{text!r}: each side must be {low} to {high} pixels")
    return width, height


def _frames(text: str) -> int:
    value = _count(text)
    if not 2 <= value <= 600:
        raise argparse.ArgumentTypeError(f"{text!r}: an animation has 2 to 600 frames")
    return value


def _fps(text: str) -> float:
    value = _non_negative(text)
    if not 1 <= value <= 60:
        raise argparse.ArgumentTypeError(f"{text!r}: the frame rate must be 1 to 60")
    return value


def _nonzero(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
    if not math.isfinite(value) or value == 0.0:
        raise argparse.ArgumentTypeError(f"{text!r}: h must be a finite number, not 0")
    return value


def _non_negative(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
    if not (math.isfinite(value) and value >= 0.0):
        raise argparse.ArgumentTypeError(f"{text!r} must be a finite number >= 0")
    return value


# -- the parser ------------------------------------------------------------------------


def build_parser() -> argparse.ArgumentParser:
    """The argument parser for the ``analyze``, ``descend`` and ``export`` subcommands."""
    parser = _JsonArgumentParser(
        prog="python -m visualizer",
        description="Calculus visualizer, headless: print JSON results to stdout.",
        allow_abbrev=False,
    )
    from visualizer import __version__

    parser.add_argument("--version", action="version",
                        version=f"calculus-visualizer {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    analyze = commands.add_parser(
        "analyze",
        help="derivatives, stationary points, tangent, gradient, Taylor polynomial",
        allow_abbrev=False, epilog=_DASH_EPILOG,
    )
    analyze.add_argument("expression", metavar="EXPR", help='the function, e.g. "x^2 + x*y"')
    analyze.add_argument("--at", type=_point, metavar="X[,Y]", help="the point to evaluate at")
    analyze.add_argument(
        "--direction", type=_direction, metavar="DX,DY", help="direction (normalised)"
    )
    analyze.add_argument("--taylor", type=_count, metavar="N", help="Taylor polynomial order")
    analyze.add_argument(
        "--range", type=_interval, metavar="A,B", help="search range (default -10,10)"
    )
    analyze.add_argument(
        "--steps", action="store_true",
        help="add the derivation of f' (or of the partials) rule by rule",
    )

    descend = commands.add_parser(
        "descend", help="run gradient descent or one of its relatives", allow_abbrev=False,
        epilog=_DASH_EPILOG,
    )
    descend.add_argument("expression", metavar="EXPR", help="the function to minimise")
    descend.add_argument("--start", type=_point, required=True, metavar="X[,Y]")
    descend.add_argument("--optimizer", choices=OPTIMIZER_NAMES, default="sgd", metavar="NAME")
    descend.add_argument("--lr", type=_non_negative, metavar="LR", help="learning rate")
    descend.add_argument("--steps", type=_count, metavar="N", help="maximum number of steps")
    descend.add_argument("--tol", type=_non_negative, metavar="T", help="gradient norm to stop")
    descend.add_argument("--momentum", type=_non_negative, metavar="M")
    descend.add_argument("--betas", type=_betas, metavar="B1,B2")
    descend.add_argument("--eps", type=_non_negative, metavar="E")
    descend.add_argument("--path", action="store_true", help="include every point visited")

    export = commands.add_parser(
        "export", help="draw one view to PNG, SVG, GIF or MP4 (by the file's extension)",
        allow_abbrev=False, epilog=_DASH_EPILOG,
    )
    export.add_argument("expression", metavar="EXPR", help="the function to draw")
    export.add_argument("--view", choices=EXPORT_VIEWS, required=True, metavar="VIEW",
                        help="secant, surface, contour or descent")
    export.add_argument("--out", required=True, metavar="FILE",
                        help=".png or .svg (a picture), .gif or .mp4 (secant, descent)")
    export.add_argument("--at", type=_point, metavar="X[,Y]",
                        help="x0 (secant), the point (surface, contour), the start (descent)")
    export.add_argument("--theme", choices=EXPORT_THEMES, default="light", metavar="THEME",
                        help="light (default), dark or projector")
    export.add_argument("--size", type=_size, default=(1200, 800), metavar="WxH",
                        help="picture size in pixels (default 1200x800)")
    export.add_argument("--h", type=_nonzero, metavar="H", help="the secant's h")
    export.add_argument("--steps", type=_count, metavar="N",
                        help="descent: steps taken (default: until the run stops, max 500)")
    export.add_argument("--optimizer", choices=OPTIMIZER_NAMES, metavar="NAME",
                        help="descent: " + ", ".join(OPTIMIZER_NAMES))
    export.add_argument("--lr", type=_non_negative, metavar="LR",
                        help="descent: learning rate")
    export.add_argument("--frames", type=_frames, metavar="N", help="animation frames (40)")
    export.add_argument("--fps", type=_fps, metavar="F", help="frames per second (20)")
    return parser


def _normalise_argv(argv: list[str]) -> list[str]:
    """Let option values and the expression start with "-" (``--at -1,2``, ``-x^2``).

    argparse takes ``-1,2`` and ``-x^2`` for unknown options; joining ``--at -1,2`` into
    ``--at=-1,2`` and moving the expression behind ``--`` avoids that.
    """
    if not argv or argv[0] not in _VALUE_OPTIONS:
        return argv
    command, rest = argv[0], argv[1:]
    value_options = _VALUE_OPTIONS[command]
    options: list[str] = []
    positionals: list[str] = []
    index = 0
    while index < len(rest):
        token = rest[index]
        if token == "--":
            positionals.extend(rest[index + 1 :])
            break
        if token in value_options and index + 1 < len(rest):
            options.append(f"{token}={rest[index + 1]}")
            index += 2
            continue
        if token.startswith("--") or token == "-h":
            options.append(token)
        else:
            positionals.append(token)
        index += 1
    return [command, *options, *(["--", *positionals] if positionals else [])]


def _unknown_option(argv: list[str]) -> str | None:
    """The first argument that looks like an option of the command but is none (``--x``)."""
    if not argv or argv[0] not in _VALUE_OPTIONS:
        return None
    command = argv[0]
    known = {*_VALUE_OPTIONS[command], *_FLAG_OPTIONS[command], "-h", "--help"}
    tokens = iter(argv[1:])
    for token in tokens:
        if token == "--":
            return None
        name = token.split("=", 1)[0]
        if name in _VALUE_OPTIONS[command] and "=" not in token:
            next(tokens, None)  # the option's value, whatever it looks like
        elif token.startswith("--") and name not in known:
            return token
    return None


# -- output ----------------------------------------------------------------------------


def sanitise(value):
    """A copy of `value` that ``json.dumps(..., allow_nan=False)`` accepts.

    Non-finite floats become None (JSON null); tuples become lists; numpy scalars and
    arrays become plain Python values.
    """
    if isinstance(value, dict):
        return {str(key): sanitise(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [sanitise(item) for item in value]
    if isinstance(value, bool) or value is None or isinstance(value, (str, int)):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if hasattr(value, "tolist"):  # numpy arrays and scalars
        return sanitise(value.tolist())
    try:
        return sanitise(float(value))
    except (TypeError, ValueError):
        return str(value)


def _print_json(payload: dict) -> None:
    try:
        print(json.dumps(sanitise(payload), allow_nan=False), flush=True)
    except BrokenPipeError:  # the reader went away (``| head``): nothing left to tell it
        sys.stdout = None


# -- commands --------------------------------------------------------------------------


def _run_analyze(args, worker) -> dict:
    result = worker.request(
        "analyze",
        text=args.expression,
        at=args.at,
        direction=args.direction,
        taylor=args.taylor,
        range=args.range,
    )
    if args.steps:
        result.update(_steps(args.expression, worker))
    return result


def _steps(text: str, worker) -> dict:
    """``{"steps": [...]}`` (and ``two_ways``) for ``analyze --steps``.

    Asked after the analysis, so f′ is printed whatever happens here: a derivation that
    takes too long, or that no rule covers, gives ``"steps": null`` and a ``steps_error``
    shaped like the error object of a failed command.
    """
    try:
        derivation = worker.request("steps", text=text, limit=None)
    except ExpressionError as exc:
        if exc.kind == "timeout":
            exc = ExpressionError("timeout", template=error_text("too long to show step by step"))
        return {"steps": None, "steps_error": exc.to_dict()}
    answer = {"steps": derivation["steps"]}
    if "two_ways" in derivation:
        answer["two_ways"] = derivation["two_ways"]
    return answer


def _run_descend(args, worker) -> dict:
    from visualizer.core.optimizers import descend

    sources = worker.request("descent_sources", text=args.expression)
    variables = sources["variables"]
    if len(args.start) != len(variables):
        names = ", ".join(variables) or "no variable"
        raise ExpressionError(
            "argument",
            f"--start gives {len(args.start)} coordinate(s) but the function uses {names}",
        )
    options = {
        "optimizer": args.optimizer,
        "lr": args.lr,
        "steps": args.steps,
        "tol": args.tol,
        "momentum": args.momentum,
        "betas": tuple(args.betas) if args.betas is not None else None,
        "eps": args.eps,
    }
    # Leave out what was not given, so the optimizer's own defaults apply.
    given = {name: value for name, value in options.items() if value is not None}
    try:
        return descend(sources, list(args.start), record_path=args.path, **given)
    except ExpressionError:
        raise
    except ValueError as exc:
        raise ExpressionError("argument", str(exc)) from None


_EXPORT_FORMATS = ("png", "svg", "gif", "mp4")


def _run_export(args) -> dict:
    import os

    extension = os.path.splitext(args.out)[1].lower().lstrip(".")
    if extension not in _EXPORT_FORMATS:
        raise ExpressionError(
            "argument", f"--out {args.out!r}: the file name must end in "
                        f"{', '.join('.' + name for name in _EXPORT_FORMATS)}")
    if extension in ("gif", "mp4") and args.view not in ("secant", "descent"):
        raise ExpressionError(
            "argument", f"the {args.view} view has no animation: use .png or .svg "
                        "(animations: secant, descent)")
    if args.at is not None and args.view in ("surface", "contour") and len(args.at) != 2:
        raise ExpressionError("argument", f"--at for the {args.view} view is X,Y")
    if args.at is not None and args.view == "secant" and len(args.at) != 1:
        raise ExpressionError("argument", "--at for the secant view is X")
    # Qt only now: analyze and descend never load it.
    from visualizer.export import run_export

    return run_export({
        "expression": args.expression, "view": args.view, "out": args.out,
        "size": args.size, "theme": args.theme, "at": args.at, "h": args.h,
        "steps": args.steps, "optimizer": args.optimizer, "lr": args.lr,
        "frames": args.frames, "fps": args.fps,
    })


def main(argv: list[str] | None = None) -> int:
    """Run one headless command; print its JSON to stdout.

    Parameters
    ----------
    argv : list of str, optional
        The arguments after the program name; ``sys.argv[1:]`` when None.

    Returns
    -------
    int
        0 on success, 2 on bad input (the JSON error object was printed).
    """
    argv = sys.argv[1:] if argv is None else list(argv)
    try:
        args = build_parser().parse_args(_normalise_argv(argv))
        if args.command == "export":
            result = _run_export(args)
            _print_json(result)
            return 0
        from visualizer.core.worker import SymbolicWorker

        with SymbolicWorker(timeout=CLI_TIMEOUT, spare=False) as worker:
            if args.command == "analyze":
                result = _run_analyze(args, worker)
            else:
                result = _run_descend(args, worker)
    except ExpressionError as exc:
        unknown = _unknown_option(argv) if exc.kind == "argument" else None
        if unknown is not None:
            exc = ExpressionError(
                "argument",
                f"{unknown!r} is not an option of {argv[0]}; a formula that starts with '-' "
                f"goes after '--': {argv[0]} -- {unknown}",
            )
        _print_json({"error": exc.to_dict()})
        return 2
    except SystemExit as exc:  # --help printed its text
        return exc.code if isinstance(exc.code, int) else 0
    _print_json(result)
    return 0


if __name__ == "__main__":
    sys.exit(main())
