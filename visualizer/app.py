"""Builds the QApplication, the model and the main window."""

from __future__ import annotations

import os
import stat
import sys
import tempfile

os.environ.setdefault("PYQTGRAPH_QT_LIB", "PySide6")  # pyqtgraph picks its binding at import

from PySide6.QtCore import QCoreApplication, QSettings, Qt  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

ORGANIZATION = "calculus-visualizer"
APPLICATION = "calculus-visualizer"
#: Point this at an .ini file to keep settings elsewhere (tests, portable use).
SETTINGS_ENV = "CALCULUS_VISUALIZER_SETTINGS"


#: A settings file is a few kilobytes; a larger one is not ours (Qt would read it all).
MAX_SETTINGS_BYTES = 1_000_000


def _usable_settings_file(path: str) -> bool:
    """True unless ``path`` is something QSettings must not read: a FIFO or a device (it
    would wait for good), a folder, or a file far too large."""
    try:
        status = os.stat(path)
    except OSError:
        return True  # not there yet: QSettings creates it
    return stat.S_ISREG(status.st_mode) and status.st_size <= MAX_SETTINGS_BYTES


def open_settings() -> QSettings:
    """The settings store: the file named by $CALCULUS_VISUALIZER_SETTINGS, or the user's.

    A named file that cannot be a settings file (see :func:`_usable_settings_file`) is
    left alone: the program starts with its defaults, kept in a file of its own.
    """
    path = os.environ.get(SETTINGS_ENV)
    if path:
        if not _usable_settings_file(path):
            path = os.path.join(tempfile.gettempdir(),
                                f"calculus-visualizer-settings-{os.getpid()}.ini")
        return QSettings(path, QSettings.Format.IniFormat)
    return QSettings(ORGANIZATION, APPLICATION)


def prepare_application_attributes() -> None:
    """Attributes that must be set before the QApplication exists."""
    # One GL context family for the process: a second 3-D view otherwise fails to paint
    # (GLError 1281, docs/platform-notes.md).
    QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts)


#: Room for cached pictures (kB). The plots keep their axes, grids, curves and maps as
#: cached pixmaps; with all labs in view they need more than Qt's default 10 MB, and a
#: cache too small throws them out and redraws them at every function edit.
PIXMAP_CACHE_KB = 64 * 1024


#: Seconds between the GUI thread's garbage collections (see :func:`collect_garbage_on_gui_thread`).
GARBAGE_COLLECTION_INTERVAL_S = 0.5
_garbage_collector = None


def collect_garbage_on_gui_thread() -> None:
    """Let Python's cyclic garbage collector run only on the GUI thread, from a timer.

    Left automatic, a collection runs in whichever thread happens to allocate: the formula
    renderer, the analysis service or the learning-rate map. When it frees a Qt object
    there, its destructor takes Qt's connection lock and then waits for the interpreter
    lock that the GUI thread holds while it waits for that same lock (a hang: seen in a
    full test run, both stacks dumped), or it deletes a widget under the GUI thread's feet
    (a segmentation fault). pyqtgraph's ``GarbageCollector`` disables automatic collection
    and collects on a timer of the thread that makes it. Installed once per process.
    """
    global _garbage_collector
    if _garbage_collector is None:
        from pyqtgraph.util.garbage_collector import GarbageCollector

        _garbage_collector = GarbageCollector(interval=GARBAGE_COLLECTION_INTERVAL_S)


def create_main_window(settings: QSettings | None = None):
    """Build the model and the main window (a QApplication must exist) and return the window."""
    from PySide6.QtGui import QPixmapCache

    from visualizer.main_window import MainWindow
    from visualizer.model import Model

    QPixmapCache.setCacheLimit(max(QPixmapCache.cacheLimit(), PIXMAP_CACHE_KB))
    collect_garbage_on_gui_thread()

    model = Model()
    model.service.warm_up()  # start sympy in the helper process while the window builds
    return MainWindow(model, settings if settings is not None else open_settings())


def main(open_file: str | None = None) -> int:
    """Open the window (with the session or lesson file ``open_file``, if given) and run
    until it is closed. The command line is read by :mod:`visualizer.__main__`."""
    prepare_application_attributes()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationName(APPLICATION)
    from visualizer.i18n import LANGUAGE_KEY, install_language

    # Before any widget exists, so every text is built in the chosen language.
    from visualizer.settings_values import setting_text

    install_language(setting_text(open_settings().value(LANGUAGE_KEY), "", 64))
    app.setApplicationDisplayName(QCoreApplication.translate("MainWindow", "Calculus Visualizer"))
    app.setStyle("Fusion")
    from PySide6.QtGui import QIcon

    from visualizer.resources import resource_path

    app.setWindowIcon(QIcon(str(resource_path("icons", "app.svg"))))
    window = create_main_window()
    window.show()
    if open_file:
        window.classroom.open_file(open_file)
    return app.exec()
