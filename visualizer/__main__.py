"""``calculus-visualizer`` and ``python -m visualizer``: the window, or a headless command.

::

    calculus-visualizer                 open the window
    calculus-visualizer FILE            open the window with a session or lesson file
    calculus-visualizer COMMAND ...     run a headless command (analyze, descend, export)
    calculus-visualizer --help          print the usage
    calculus-visualizer --version       print the version

Anything else (an unknown command or option, a file that does not exist) prints the usage
on stderr and exits with status 2, the status of every other bad input (docs/command-line.md).
"""

from __future__ import annotations

import os
import sys

from visualizer import __version__

#: Subcommands that run without a window (see :mod:`visualizer.core.cli`), with their
#: one-line summaries for the usage text.
HEADLESS_COMMANDS = {
    "analyze": "derivatives, stationary points, tangent, gradient, Taylor polynomial",
    "descend": "run gradient descent or one of its relatives and say why it stopped",
    "export": "draw one view to PNG, SVG, GIF or MP4 (by the file's extension)",
}

#: Exit status of a command line that could not be understood.
USAGE_ERROR = 2


def usage(program: str = "calculus-visualizer") -> str:
    """The usage text: how to open the window, the commands and the options."""
    commands = "\n".join(f"  {name:<9} {summary}" for name, summary in HEADLESS_COMMANDS.items())
    return (
        f"usage: {program} [FILE]\n"
        f"       {program} COMMAND [ARGUMENTS]\n"
        f"       {program} --help | --version\n"
        "\n"
        "Calculus Visualizer: see the calculus behind deep learning.\n"
        "Without a command it opens the window; FILE is a session or lesson file (.json)\n"
        "to open in it.\n"
        "\n"
        "Commands (headless: they print JSON and never open a window;\n"
        f"'{program} COMMAND --help' lists a command's options):\n"
        f"{commands}\n"
        "\n"
        "Options:\n"
        "  -h, --help     print this text and exit\n"
        "  --version      print the version and exit\n"
    )


def _program_name() -> str:
    name = os.path.basename(sys.argv[0]) if sys.argv and sys.argv[0] else ""
    if name in ("", "__main__.py", "-c", "-m"):
        return "python -m visualizer"
    return "python main.py" if name == "main.py" else name


def _refuse(message: str) -> int:
    program = _program_name()
    print(f"{program}: {message}\n", file=sys.stderr)
    print(usage(program), file=sys.stderr, end="")
    return USAGE_ERROR


def main(argv: list[str] | None = None) -> int:
    """Open the window, or run a headless command, and return the exit status."""
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] in HEADLESS_COMMANDS:  # headless: never import Qt
        from visualizer.core.cli import main as cli_main

        return cli_main(argv)
    if argv and argv[0] in ("-h", "--help"):
        print(usage(_program_name()), end="")
        return 0
    if argv and argv[0] == "--version":
        print(f"calculus-visualizer {__version__}")
        return 0
    if len(argv) > 1:
        return _refuse(f"too many arguments: {' '.join(argv)}")
    if argv and argv[0].startswith("-"):
        return _refuse(f"unknown option {argv[0]!r}")
    if argv and not os.path.isfile(argv[0]):
        return _refuse(f"{argv[0]!r} is neither a command nor a file")
    from visualizer.app import main as app_main  # the GUI

    return app_main(open_file=argv[0] if argv else None)


if __name__ == "__main__":
    sys.exit(main())
