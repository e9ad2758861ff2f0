"""Start the calculus visualizer: ``python main.py`` (window) or ``python main.py analyze x^2``."""

import sys

import PySide6  # noqa: F401  - before pyqtgraph, which picks its Qt binding at import

from visualizer.__main__ import main

if __name__ == "__main__":
    sys.exit(main())
