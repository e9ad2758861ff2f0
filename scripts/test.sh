#!/usr/bin/env bash
# Install everything the tests need, then run the whole suite under a virtual display.
#   - Debian packages for Xvfb and Mesa (software OpenGL), installed only when missing;
#   - the program with its "test" extra (pytest, pytest-qt, pytest-xvfb, hypothesis, ruff);
#   - ruff over the whole tree, then pytest (pytest-xvfb starts Xvfb for the GUI tests).
# Usage: bash scripts/test.sh [extra pytest arguments]
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-python3}"

packages=(xvfb xauth libgl1-mesa-dri libegl1 libgl1 libxkbcommon-x11-0 libxcb-cursor0
          libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 libxcb-render-util0 libxcb-image0
          libxcb-randr0 libxcb-xinerama0 libfontconfig1 libdbus-1-3 fonts-dejavu-core
          fonts-wqy-microhei)  # Chinese glyphs for the Simplified Chinese interface and lessons
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "ok installed" || missing+=("$package")
done
if ((${#missing[@]})); then
  echo "Installing Debian packages: ${missing[*]}"
  sudo_cmd=""
  [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

"$PYTHON" -m pip install --quiet --disable-pip-version-check -e ".[test]"
"$PYTHON" -m ruff check .
exec "$PYTHON" -m pytest "$@"
