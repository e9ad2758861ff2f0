"""Click through a lesson in presentation mode, as a teacher with a clicker would, and
save a screenshot of every step.

    xvfb-run -a -s "-screen 0 1024x768x24" python scripts/lesson_tour.py OUT_DIR \
        [--language zh_CN] [--lesson builtin:calculus-for-deep-learning] [--sheet]

The steps are reached with the keys a presentation clicker sends (PageDown), on the real
window in full screen; each picture is taken once the step's state is applied and the
formulas are typeset. ``--sheet`` also writes ``sheet.png``, all steps as thumbnails.
"""

import argparse
import os
import sys
import tempfile

import PySide6  # noqa: F401  - before pyqtgraph

sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))

#: How long a step may take to apply (helper round trips, the first 3-D frame).
STEP_TIMEOUT_MS = 20_000
#: Quiet time after a step before the picture (typeset formulas, a descent's first frames).
SETTLE_MS = 900


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("out_dir")
    parser.add_argument("--language", default="en")
    parser.add_argument("--lesson", default="builtin:calculus-for-deep-learning")
    parser.add_argument("--sheet", action="store_true", help="also write sheet.png")
    args = parser.parse_args()
    os.makedirs(args.out_dir, exist_ok=True)
    os.environ.setdefault("CALCULUS_VISUALIZER_SETTINGS",
                          os.path.join(tempfile.mkdtemp(), "settings.ini"))
    os.environ.setdefault("CALCULUS_VISUALIZER_RESTORE", "no")
    from PySide6.QtCore import QEventLoop, Qt, QTimer
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from visualizer.app import create_main_window, prepare_application_attributes
    from visualizer.i18n import install_language
    from visualizer.snapshot import grab_widget
    from visualizer.widgets.formula import wait_for_renders

    prepare_application_attributes()
    app = QApplication([sys.argv[0]])
    app.setStyle("Fusion")
    install_language(args.language)
    window = create_main_window()
    window.show()

    def wait(ms: int, until=None) -> bool:
        loop = QEventLoop()
        done = [False]
        timer = QTimer(singleShot=True, interval=ms)
        timer.timeout.connect(loop.quit)
        timer.start()
        if until is not None:
            def check() -> None:
                if until():
                    done[0] = True
                    loop.quit()
            poll = QTimer(interval=20)
            poll.timeout.connect(check)
            poll.start()
        loop.exec()
        return done[0]

    wait(15_000, lambda: window.model.function is not None)
    classroom = window.classroom
    runner = classroom.runner
    reached: list[int] = []
    runner.step_reached.connect(reached.append)
    if not classroom.open_lesson(args.lesson):
        print(f"could not open {args.lesson}", file=sys.stderr)
        return 1
    wait(STEP_TIMEOUT_MS, lambda: 0 in reached)
    window.activateWindow()  # keys reach the shortcuts of the active window only
    wait(3000, window.isActiveWindow)
    QTest.keyClick(window, Qt.Key.Key_F5)  # presentation mode, as a teacher starts it
    if not wait(3000, lambda: classroom.presentation.active):
        print("F5 did not enter presentation mode", file=sys.stderr)
        return 1
    wait(500)  # (without a window manager, as under Xvfb, full screen is the screen's size)
    pictures = []
    failures = 0
    for index in range(runner.count):
        if index:
            QTest.keyClick(QApplication.focusWidget() or window, Qt.Key.Key_PageDown)
            if not wait(STEP_TIMEOUT_MS, lambda i=index: i in reached):
                print(f"step {index + 1}: not reached with PageDown", file=sys.stderr)
                failures += 1
                break
        wait(SETTLE_MS)
        wait_for_renders()
        wait(120)
        path = os.path.join(args.out_dir, f"step-{index + 1:02d}.png")
        grab_widget(window).save(path)
        pictures.append(path)
        step = runner.step
        print(f"{path}  {step.title_in(classroom.language)}")
    if args.sheet and pictures:
        _contact_sheet(pictures, os.path.join(args.out_dir, "sheet.png"))
    QTest.keyClick(window, Qt.Key.Key_Escape)
    window.close()
    app.processEvents()
    return 1 if failures else 0


def _contact_sheet(paths, out: str, columns: int = 4, width: int = 480) -> None:
    """All pictures as numbered thumbnails on one page."""
    from PySide6.QtCore import QRect, Qt
    from PySide6.QtGui import QColor, QFont, QImage, QPainter

    images = [QImage(path) for path in paths]
    height = int(width * images[0].height() / max(1, images[0].width()))
    rows = (len(images) + columns - 1) // columns
    sheet = QImage(columns * width, rows * height, QImage.Format.Format_RGB32)
    sheet.fill(QColor("white"))
    painter = QPainter(sheet)
    painter.setFont(QFont("sans", 18, QFont.Weight.Bold))
    for number, image in enumerate(images):
        x, y = (number % columns) * width, (number // columns) * height
        painter.drawImage(QRect(x, y, width, height), image.scaled(
            width, height, Qt.AspectRatioMode.IgnoreAspectRatio,
            Qt.TransformationMode.SmoothTransformation))
        painter.setPen(QColor("#c00000"))
        painter.drawText(x + 6, y + 24, str(number + 1))
    painter.end()
    sheet.save(out)


if __name__ == "__main__":
    sys.exit(main())
