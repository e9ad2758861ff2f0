"""Descent lab: gradient descent step by step (its full version is a later issue).

Until then the panel says plainly what it will do; it holds no controls, so nothing in
the window is a dead control.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from visualizer.theme import LIGHT, Theme


def tr(text: str) -> str:
    return QCoreApplication.translate("DescentPanel", text)


class DescentPanel(QWidget):
    """Placeholder text for the descent lab: what it will show, and what works today."""

    def __init__(self, model, parent=None):
        super().__init__(parent)
        self.setObjectName("descentPanel")
        self._model = model
        self.label = QLabel(self)
        self.label.setObjectName("descentNotice")
        self.label.setWordWrap(True)
        self.label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.label.setTextFormat(Qt.TextFormat.RichText)
        self.label.setText(tr(
            "<b>Descent lab — coming next.</b><br>"
            "Here a ball will roll downhill on the current function: one step of "
            "gradient descent at a time, x ← x − lr·f′(x), with the learning rate, "
            "momentum, Adam and Newton to compare, and a map of which learning rates "
            "converge or diverge.<br><br>"
            "Today the same runs are available from the command line, for example:<br>"
            "<code>python -m visualizer descend \"x^2\" --start 1 --lr 0.1 --path</code>"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.label)
        layout.addStretch(1)
        self.apply_theme(LIGHT)

    def apply_theme(self, theme: Theme) -> None:
        """Restyle for ``theme``."""
        self.label.setStyleSheet(f"color: {theme.foreground};")
