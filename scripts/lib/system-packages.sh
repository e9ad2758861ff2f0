# Debian/Ubuntu packages the program and its tests need, and a function that installs the
# missing ones. Sourced by scripts/install.sh and scripts/test.sh (bash).

# What Qt's X11 (XCB) platform and OpenGL need at run time. A desktop has most of them;
# a minimal system or a container has few. A library renamed by the 64-bit time_t
# transition (Debian 13, Ubuntu 24.04) is written "old|new": either name counts as
# installed, and apt-get, asked for the old name, installs the new one where it exists.
QT_RUNTIME_PACKAGES=(libgl1 libegl1 libgl1-mesa-dri libxkbcommon-x11-0 libxcb-cursor0
                     libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 libxcb-render-util0
                     libxcb-image0 libxcb-randr0 libxcb-xinerama0 libfontconfig1 libdbus-1-3
                     "libglib2.0-0|libglib2.0-0t64")
# Latin and Chinese glyphs (the Simplified Chinese interface and lessons).
FONT_PACKAGES=(fonts-dejavu-core fonts-wqy-microhei)
# A virtual display for the tests and the benchmark.
VIRTUAL_DISPLAY_PACKAGES=(xvfb xauth)

# Print the packages of "$@" that dpkg does not list as installed ("old|new": the old name
# where neither is).
missing_debian_packages() {
  local choice name installed
  for choice in "$@"; do
    installed=0
    for name in ${choice//|/ }; do
      dpkg-query -W -f='${Status}' "$name" 2>/dev/null | grep -q "ok installed" && installed=1
    done
    ((installed)) || printf '%s\n' "${choice%%|*}"
  done
}

# Install the missing packages of "$@" with apt-get (through sudo when not root), saying
# which and why first. Returns 1, installing nothing, where there is no apt or no way to
# become root; the caller decides whether that is fatal.
ensure_debian_packages() {
  command -v dpkg-query >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1 || return 1
  local missing
  mapfile -t missing < <(missing_debian_packages "$@")
  ((${#missing[@]})) || return 0
  local as_root=()
  if [ "$(id -u)" -ne 0 ]; then
    if ! command -v sudo >/dev/null 2>&1; then
      echo "Missing system packages: ${missing[*]} (no sudo here: ask an administrator to run" \
           "'apt-get install ${missing[*]}')" >&2
      return 1
    fi
    as_root=(sudo)
  fi
  echo "Installing system packages (apt-get, may ask for your password): ${missing[*]}"
  "${as_root[@]}" apt-get update -qq || return 1
  # Through env: sudo drops the caller's environment, DEBIAN_FRONTEND with it.
  "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
    --no-install-recommends "${missing[@]}" || return 1
}

# The name of the Debian package that gives "$1" (a python3 executable) its venv and
# ensurepip modules: python3.11-venv for Python 3.11, and so on.
venv_package_for() {
  "$1" -c 'import sys; print(f"python{sys.version_info[0]}.{sys.version_info[1]}-venv")'
}

# Make sure "$1" (a python3 executable) can create a virtual environment with pip in it,
# installing its -venv package on Debian/Ubuntu where it cannot (Debian splits venv's
# ensurepip out of python3 itself). Returns 1 where it still cannot.
ensure_python_venv() {
  local python=$1 probe
  probe=$(mktemp -d)
  if "$python" -m venv "$probe/venv" >/dev/null 2>&1; then
    rm -rf "$probe"
    return 0
  fi
  rm -rf "$probe"
  echo "$python cannot create a virtual environment with pip yet."
  ensure_debian_packages "$(venv_package_for "$python")" || return 1
}
