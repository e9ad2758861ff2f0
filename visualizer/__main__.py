"""``python -m visualizer``: the window, or a headless command when one is named."""

from __future__ import annotations

import sys

#: Subcommands that run without a window (see :mod:`visualizer.core.cli`).
HEADLESS_COMMANDS = frozenset({"analyze", "descend", "export"})


def main(argv: list[str] | None = None) -> int:
    """Open the window, or run a headless command and return its exit status."""
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] in HEADLESS_COMMANDS:  # headless: never import Qt
        from visualizer.core.cli import main as cli_main

        return cli_main(argv)
    from visualizer.app import main as app_main  # the GUI

    return app_main(argv)


if __name__ == "__main__":
    sys.exit(main())
