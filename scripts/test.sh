#!/usr/bin/env bash
# Install everything the tests need, then run the whole suite under a virtual display.
#   - on Debian/Ubuntu, the missing system packages (apt-get, through sudo when not root):
#     python3.X-venv, Xvfb, Mesa (software OpenGL), Qt's XCB libraries, fonts;
#   - a project environment .venv (made with the system's python3 when missing; nothing is
#     installed into the system's Python), with the program and its "test" and "video"
#     extras (pytest, pytest-qt, pytest-xvfb, hypothesis, ruff, build, twine, imageio-ffmpeg);
#   - ruff over the whole tree, then pytest (pytest-xvfb starts Xvfb for the GUI tests).
# Usage: bash scripts/test.sh [extra pytest arguments]
# Environment: PYTHON, the interpreter that makes .venv (default python3).
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=lib/system-packages.sh
source scripts/lib/system-packages.sh
python="${PYTHON:-python3}"
"$python" -c 'import sys; sys.exit(sys.version_info < (3, 11))' \
  || { echo "test.sh: the tests need Python 3.11 or newer ($python is $("$python" -V 2>&1))" >&2; exit 1; }

ensure_python_venv "$python" \
  || { echo "test.sh: $python cannot make a virtual environment (install $(venv_package_for "$python"))" >&2; exit 1; }
ensure_debian_packages "${VIRTUAL_DISPLAY_PACKAGES[@]}" "${QT_RUNTIME_PACKAGES[@]}" \
  "${FONT_PACKAGES[@]}" || echo "test.sh: could not install every system package; the GUI tests may fail" >&2

if [ -x .venv/bin/python ] && ! .venv/bin/python -c 'import sys' >/dev/null 2>&1; then
  rm -rf .venv  # made by a Python that is gone
fi
[ -x .venv/bin/python ] || "$python" -m venv .venv
.venv/bin/python -m pip install --quiet --disable-pip-version-check -e ".[test,video]"
# As if .venv were activated: tests call its tools by name (pyside6-lrelease).
export PATH="$PWD/.venv/bin:$PATH"
.venv/bin/python -m ruff check .
exec .venv/bin/python -m pytest "$@"
