"""Calculus visualizer: see the calculus behind deep learning.

Layers (see ``docs/architecture.md``):

* :mod:`visualizer.core` -- Qt-free maths: parser, calculus, sampling, optimizers,
  the killable symbolic worker and the headless command line.
* :mod:`visualizer.model` -- the one QObject that owns the state and emits signals.
* :mod:`visualizer.panels` -- views that listen to the model and call its setters.
"""

__version__ = "0.1.0"
