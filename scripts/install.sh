#!/usr/bin/env bash
# Install Calculus Visualizer for the current user from this checkout, then start it.
#
#   bash scripts/install.sh               install (or update), then start the program
#   bash scripts/install.sh --no-start    install (or update) only
#   bash scripts/install.sh --uninstall   remove what the install made (not your settings)
#
# What it does, with the system's own python3 (3.11 or newer; never into it):
#   1. on Debian/Ubuntu, installs what is missing through apt-get (sudo asks first): the
#      python3.X-venv package, the libraries Qt needs (XCB, OpenGL) and a Chinese font;
#   2. makes a private virtual environment in ~/.local/share/calculus-visualizer/venv and
#      installs this checkout into it, with the MP4 encoder (the "video" extra);
#   3. puts the commands calculus-visualizer and calculus-visualizer-cli in ~/.local/bin;
#   4. adds the program to the application menu (a .desktop entry, its icon, AppStream
#      metainfo) and lets session and lesson files open with it (their MIME types).
# Update: pull the new version and run this script again. Settings and autosaves are kept.
# Environment: PYTHON (default python3), XDG_DATA_HOME (default ~/.local/share).
set -euo pipefail
checkout="$(cd "$(dirname "$0")/.." && pwd)"
# shellcheck source=lib/system-packages.sh
source "$checkout/scripts/lib/system-packages.sh"

app_id=io.github.calculusvisualizer.CalculusVisualizer
data_home="${XDG_DATA_HOME:-$HOME/.local/share}"
venv="$data_home/calculus-visualizer/venv"
bin_dir="$HOME/.local/bin"
commands=(calculus-visualizer calculus-visualizer-cli)
desktop_file="$data_home/applications/$app_id.desktop"
icon_file="$data_home/icons/hicolor/scalable/apps/$app_id.svg"
metainfo_file="$data_home/metainfo/$app_id.metainfo.xml"
mime_file="$data_home/mime/packages/calculus-visualizer.xml"

say() { printf '%s\n' "$*"; }
fail() { printf 'install.sh: %s\n' "$*" >&2; exit 1; }

refresh_desktop_databases() {
  # Both are optional: a desktop without them reads the folders at its next start.
  if command -v update-desktop-database >/dev/null 2>&1; then
    update-desktop-database -q "$data_home/applications" 2>/dev/null || true
  fi
  if command -v update-mime-database >/dev/null 2>&1 && [ -d "$data_home/mime" ]; then
    update-mime-database "$data_home/mime" >/dev/null 2>&1 || true
  fi
}

uninstall() {
  local name
  for name in "${commands[@]}"; do
    # Only our own launchers: a link into our environment.
    if [ -L "$bin_dir/$name" ] && [[ "$(readlink "$bin_dir/$name")" == "$venv/"* ]]; then
      rm -f "$bin_dir/$name"
    fi
  done
  rm -f "$desktop_file" "$icon_file" "$metainfo_file" "$mime_file"
  rm -rf "$data_home/calculus-visualizer/venv"
  refresh_desktop_databases
  say "Calculus Visualizer is uninstalled."
  say "Kept: your settings (~/.config/calculus-visualizer) and autosaves" \
      "($data_home/calculus-visualizer); delete those folders to remove them too."
}

start=1
case "${1:-}" in
  "") ;;
  --no-start) start=0 ;;
  --uninstall) uninstall; exit 0 ;;
  -h|--help) sed -n '2,18p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
  *) fail "unknown option '$1' (see: bash scripts/install.sh --help)" ;;
esac

# -- 1. Python and the system packages --------------------------------------------------
python="${PYTHON:-python3}"
if ! command -v "$python" >/dev/null 2>&1; then
  say "There is no $python: installing it."
  ensure_debian_packages python3 || fail "install Python 3.11 or newer, then run this again"
fi
"$python" -c 'import sys; sys.exit(sys.version_info < (3, 11))' \
  || fail "Calculus Visualizer needs Python 3.11 or newer; $python is $("$python" -V 2>&1)"
ensure_python_venv "$python" \
  || fail "$python cannot create a virtual environment: install its venv package" \
          "($(venv_package_for "$python")) and run this again"
if ! ensure_debian_packages "${QT_RUNTIME_PACKAGES[@]}" "${FONT_PACKAGES[@]}"; then
  command -v dpkg-query >/dev/null 2>&1 \
    && say "Warning: some system packages are missing (above); the window may not open." \
    || say "Not a Debian/Ubuntu system: make sure Qt's XCB and OpenGL libraries and a CJK" \
           "font are installed (a desktop usually has them)."
fi

# -- 2. The private environment ----------------------------------------------------------
if [ -x "$venv/bin/python" ] && ! "$venv/bin/python" -c 'import sys' >/dev/null 2>&1; then
  say "The environment in $venv no longer runs (was Python upgraded?): making it again."
  rm -rf "$venv"
fi
if [ ! -x "$venv/bin/python" ]; then
  say "Making a private Python environment in $venv"
  mkdir -p "$(dirname "$venv")"
  "$python" -m venv "$venv"
fi
say "Installing Calculus Visualizer from $checkout (the first time downloads about 300 MB, mostly Qt)"
# pip builds in the checkout, and setuptools keeps build/ from the last time: a file since
# deleted or renamed (a lesson, a module) would still be installed. Build from scratch.
rm -rf "$checkout/build"
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check --upgrade \
  "$checkout[video]"
# A checkout whose version number did not change is still the newer code: reinstall it.
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check --no-deps \
  --force-reinstall "$checkout"

# -- 3. The commands ---------------------------------------------------------------------
mkdir -p "$bin_dir"
for name in "${commands[@]}"; do
  ln -sfn "$venv/bin/$name" "$bin_dir/$name"
done

# -- 4. The application menu and the file types ------------------------------------------
resources="$checkout/resources"
mkdir -p "$(dirname "$desktop_file")" "$(dirname "$icon_file")" "$(dirname "$metainfo_file")" \
         "$(dirname "$mime_file")"
# The menu entry starts the launcher by its full path: a desktop session's PATH may not
# hold ~/.local/bin.
sed "s|^Exec=calculus-visualizer |Exec=$bin_dir/calculus-visualizer |" \
  "$resources/desktop/$app_id.desktop" > "$desktop_file"
cp "$resources/icons/app.svg" "$icon_file"
cp "$resources/desktop/$app_id.metainfo.xml" "$metainfo_file"
cp "$resources/desktop/calculus-visualizer-mime.xml" "$mime_file"
refresh_desktop_databases

version="$("$venv/bin/calculus-visualizer" --version)"
say "Installed $version: 'calculus-visualizer' opens the window," \
    "'calculus-visualizer-cli --help' lists the headless commands."
case ":$PATH:" in
  *":$bin_dir:"*) ;;
  *) say "Note: $bin_dir is not on your PATH yet; it will be after you log in again" \
         "(or add it to PATH in ~/.profile). Until then: $bin_dir/calculus-visualizer" ;;
esac

if ((start)); then
  if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
    say "No display here, so the window is not started: run calculus-visualizer on a desktop."
    exit 0
  fi
  say "Starting Calculus Visualizer."
  exec "$bin_dir/calculus-visualizer"
fi
