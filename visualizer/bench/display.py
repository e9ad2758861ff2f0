"""A virtual X display for the benchmark when there is no screen.

``QT_QPA_PLATFORM=offscreen`` has no OpenGL (docs/platform-notes.md), so the 3-D view would fall
back to 2-D and the figures would mean something else. Under Xvfb, Qt uses its xcb
platform and Mesa's software OpenGL (llvmpipe), like a machine without a GPU.
"""

from __future__ import annotations

import os
import select
import shutil
import subprocess
import sys
import time

from visualizer.bench import Unmeasurable

SCREEN = "1600x1000x24"
STARTUP_TIMEOUT_S = 15.0


class VirtualDisplay:
    """Starts ``Xvfb`` when ``DISPLAY`` is unset (Linux and BSD), and stops it again.

    Attributes
    ----------
    started : bool
        True when this object started an X server (False when a display was there).
    name : str
        The display used, e.g. ``":99"``.
    """

    def __init__(self, screen: str = SCREEN):
        self.screen = screen
        self.started = False
        self.name = os.environ.get("DISPLAY", "")
        self._process: subprocess.Popen | None = None
        self._saved_environment: dict[str, str | None] = {}

    def start(self) -> None:
        """Make sure a display is there; raise :class:`Unmeasurable` if none can be had."""
        if self.name or os.environ.get("WAYLAND_DISPLAY") or not sys.platform.startswith(
            ("linux", "freebsd", "openbsd", "netbsd")
        ):
            return  # a real screen (or a platform where Qt needs no X server)
        server = shutil.which("Xvfb")
        if server is None:
            raise Unmeasurable("there is no display and Xvfb is not installed "
                               "(Debian: apt-get install xvfb xauth libgl1-mesa-dri)")
        read_end, write_end = os.pipe()
        try:
            # -displayfd: Xvfb picks a free display number and writes it when it is ready.
            self._process = subprocess.Popen(
                [server, "-displayfd", str(write_end), "-screen", "0", self.screen,
                 "-nolisten", "tcp"],
                pass_fds=(write_end,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            )
            os.close(write_end)
            write_end = -1
            number = self._read_display_number(read_end)
        finally:
            if write_end >= 0:
                os.close(write_end)
            os.close(read_end)
        if number is None:
            self.stop()
            raise Unmeasurable("Xvfb did not start")
        self.name = f":{number}"
        self.started = True
        self._set_environment("DISPLAY", self.name)
        # Qt must use the X server, not a headless platform without OpenGL.
        self._set_environment("QT_QPA_PLATFORM", "xcb")

    def _read_display_number(self, read_end: int) -> str | None:
        deadline = time.monotonic() + STARTUP_TIMEOUT_S
        data = b""
        while time.monotonic() < deadline:
            ready, _, _ = select.select([read_end], [], [], 0.1)
            if ready:
                chunk = os.read(read_end, 64)
                if not chunk:
                    break
                data += chunk
                if b"\n" in data:
                    return data.split(b"\n")[0].decode().strip() or None
            elif self._process is not None and self._process.poll() is not None:
                break
        return None

    def _set_environment(self, key: str, value: str) -> None:
        self._saved_environment.setdefault(key, os.environ.get(key))
        os.environ[key] = value

    def stop(self) -> None:
        """Stop the X server this object started, and restore the environment."""
        for key, value in self._saved_environment.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
        self._saved_environment.clear()
        process, self._process = self._process, None
        if process is not None and process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        self.started = False
