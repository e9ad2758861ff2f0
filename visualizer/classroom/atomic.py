"""Atomic file writes: a crash mid-save never leaves a half-written file in place.

The new content goes to a temporary file in the same folder, is flushed and fsync'ed,
then ``os.replace`` swaps it in (atomic on POSIX and Windows). Until that moment the
previous file is untouched; a crash leaves at most a stray ``.tmp`` file beside it.
Qt-free.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from pathlib import Path

#: Temporary files are named ``.<target>.<random>.tmp`` in the target's folder.
TEMP_SUFFIX = ".tmp"


def atomic_write_text(path, text: str) -> None:
    """Write ``text`` (UTF-8) to ``path`` so that it is either all there or not at all.

    Raises
    ------
    OSError
        The folder cannot be written; the previous file (if any) is left as it was.
    """
    path = Path(path)
    folder = path.parent
    folder.mkdir(parents=True, exist_ok=True)
    mode = 0o644
    with contextlib.suppress(OSError):
        mode = stat.S_IMODE(path.stat().st_mode)  # keep the permissions of the file replaced
    descriptor, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=TEMP_SUFFIX,
                                             dir=folder)
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        with contextlib.suppress(OSError):
            os.chmod(temp_name, mode)
        os.replace(temp_name, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp_name)
        raise
    _sync_folder(folder)


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable (POSIX); not possible or needed on Windows."""
    if os.name != "posix":
        return
    with contextlib.suppress(OSError):
        descriptor = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)
