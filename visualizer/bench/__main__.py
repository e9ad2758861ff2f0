"""``python -m visualizer.bench``: measure the performance figures (see the package docstring)."""

import sys

from visualizer.bench import main

if __name__ == "__main__":
    sys.exit(main())
