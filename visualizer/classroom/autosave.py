"""Autosave files and the lock that tells a crash from a clean exit.

Each running program writes its state to ``autosave-<id>.json`` in the data folder and
holds ``autosave-<id>.lock`` (a :class:`QLockFile`: process id, host and program) while
it runs. A clean exit deletes both. So at the next start an autosave file whose lock
nobody holds any more was left by a program that crashed or was killed: that is the
unsaved work to offer back. A lock held by a live process belongs to another running
window and is left alone.

The data folder is ``$CALCULUS_VISUALIZER_DATA_DIR``; else, when settings are kept in a
file of their own (``$CALCULUS_VISUALIZER_SETTINGS``, tests and portable use), a folder
next to it; else the user's application data folder.
"""

from __future__ import annotations

import contextlib
import errno
import os
import uuid
from pathlib import Path

from PySide6.QtCore import QLockFile, QStandardPaths

from visualizer.classroom.atomic import atomic_write_text

#: Point this at a folder to keep autosaves elsewhere (tests, portable use).
DATA_DIR_ENV = "CALCULUS_VISUALIZER_DATA_DIR"
_SETTINGS_ENV = "CALCULUS_VISUALIZER_SETTINGS"  # visualizer.app.SETTINGS_ENV (no import cycle)
PREFIX = "autosave-"
#: Where work the user chose not to restore is kept, just in case (one file, replaced).
DISCARDED_NAME = "discarded-autosave.json"


def data_folder() -> Path:
    """The folder for autosaves (see the module's docstring); not created here."""
    explicit = os.environ.get(DATA_DIR_ENV)
    if explicit:
        return Path(explicit)
    settings = os.environ.get(_SETTINGS_ENV)
    if settings:
        path = Path(settings)
        return path.with_name(path.stem + "-data")
    location = QStandardPaths.writableLocation(
        QStandardPaths.StandardLocation.AppDataLocation)
    return Path(location) if location else Path.home() / ".calculus-visualizer"


def _lock(path: Path) -> QLockFile:
    lock = QLockFile(str(path))
    lock.setStaleLockTime(0)  # stale only when its process is gone, however old it is
    return lock


class AutosaveStore:
    """This program's autosave file, and the ones crashed programs left behind.

    Parameters
    ----------
    folder : path-like
        The data folder (created when needed).
    """

    def __init__(self, folder):
        self.folder = Path(folder)
        name = f"{PREFIX}{os.getpid()}-{uuid.uuid4().hex[:8]}"
        self.path = self.folder / f"{name}.json"
        self._lock = _lock(self.folder / f"{name}.lock")
        self._claimed: dict[Path, QLockFile] = {}
        self.started = False
        #: Why :meth:`start` failed, in the system's words ('' when it did not fail).
        self.start_problem = ""

    def start(self) -> bool:
        """Create the folder and take this program's lock; False if that is impossible.

        :attr:`start_problem` then says why.
        """
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            self.start_problem = error.strerror or str(error)
            return False
        self.started = self._lock.tryLock(0)
        if not self.started:
            self.start_problem = {
                QLockFile.LockError.PermissionError: os.strerror(errno.EACCES),
                QLockFile.LockError.LockFailedError: os.strerror(errno.EAGAIN),
            }.get(self._lock.error(), os.strerror(errno.EIO))
        return self.started

    def write(self, text: str) -> None:
        """Replace this program's autosave atomically (raises OSError when it cannot)."""
        if not self.started:
            raise OSError("the autosave folder is not writable")
        atomic_write_text(self.path, text)

    def finish(self) -> None:
        """A clean exit: delete this program's autosave and lock; release claimed ones."""
        with contextlib.suppress(OSError):
            self.path.unlink()
        if self.started:
            self._lock.unlock()
            self.started = False
        for path in list(self._claimed):
            self.release(path, delete=False)

    # -- what crashed programs left ---------------------------------------------------------
    def orphans(self) -> list[Path]:
        """Autosaves of programs that are gone, newest first; each is claimed (locked) by us.

        Stray locks without an autosave (a crash before the first write) are removed.
        """
        if not self.folder.is_dir():
            return []
        found = []
        for lock_path in self.folder.glob(f"{PREFIX}*.lock"):
            json_path = lock_path.with_suffix(".json")
            if json_path == self.path or json_path in self._claimed:
                continue
            lock = _lock(lock_path)
            if not lock.tryLock(0):
                continue  # another window is running and owns it
            if not json_path.is_file():
                lock.unlock()
                continue
            self._claimed[json_path] = lock
            found.append(json_path)
        for json_path in self.folder.glob(f"{PREFIX}*.json"):  # a lock removed by hand
            if json_path != self.path and json_path not in self._claimed \
                    and not json_path.with_suffix(".lock").exists():
                lock = _lock(json_path.with_suffix(".lock"))
                if lock.tryLock(0):
                    self._claimed[json_path] = lock
                    found.append(json_path)

        def modified(path: Path) -> float:
            try:
                return path.stat().st_mtime
            except OSError:
                return 0.0

        return sorted(found, key=modified, reverse=True)

    def release(self, path: Path, delete: bool = True) -> None:
        """Done with a claimed autosave: delete it (restored) or just let go of it."""
        if delete:
            with contextlib.suppress(OSError):
                Path(path).unlink()
        lock = self._claimed.pop(Path(path), None)
        if lock is not None:
            lock.unlock()

    def discard(self, path: Path) -> Path | None:
        """The user chose not to restore: keep it as :data:`DISCARDED_NAME`, then release."""
        kept = self.folder / DISCARDED_NAME
        try:
            os.replace(path, kept)
        except OSError:
            kept = None
        self.release(path, delete=False)  # a file that could not be moved stays an orphan
        return kept
