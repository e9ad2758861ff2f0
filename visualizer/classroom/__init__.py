"""Classroom features: sessions that are never lost, lessons, presentation mode.

Qt-free: :mod:`.checks`, :mod:`.atomic`, :mod:`.session`, :mod:`.lessons`.
Qt side: :mod:`.autosave`, :mod:`.lesson_runner`, :mod:`.lesson_panel`,
:mod:`.presentation`, :mod:`.controller` (:class:`~.controller.ClassroomController`, one
per main window, made at the end of its ``__init__``).
"""
