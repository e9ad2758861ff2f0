"""Take a screenshot of the real program: ``python scripts/screenshot.py OUT.png [EXPR] [--theme T] [--language zh_CN]``.

Run it under a display (``xvfb-run -a -s "-screen 0 1600x1000x24" python scripts/screenshot.py ...``).
"""

import argparse
import os
import sys
import tempfile

import PySide6  # noqa: F401  - before pyqtgraph

sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("out")
    parser.add_argument("expression", nargs="?", default="x^2")
    parser.add_argument("--theme", default="light")
    parser.add_argument("--size", default="1500x900")
    parser.add_argument("--preset", default=None)
    parser.add_argument("--widget", default=None, help="object name of the part to grab")
    parser.add_argument("--language", default="en",
                        help="interface language: en, zh_CN, or '' for the system's")
    args = parser.parse_args()
    os.environ.setdefault("CALCULUS_VISUALIZER_SETTINGS",
                          os.path.join(tempfile.mkdtemp(), "settings.ini"))
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from visualizer.app import create_main_window, prepare_application_attributes
    from visualizer.snapshot import grab_widget

    prepare_application_attributes()
    app = QApplication([sys.argv[0]])
    app.setStyle("Fusion")
    from visualizer.i18n import install_language

    install_language(args.language)
    window = create_main_window()
    width, height = (int(v) for v in args.size.split("x"))
    window.resize(width, height)
    window.set_theme(args.theme)
    window.show()

    def wait(ms: int, until=None) -> None:
        loop = QEventLoop()
        timer = QTimer(singleShot=True, interval=ms)
        timer.timeout.connect(loop.quit)
        timer.start()
        if until is not None:
            poll = QTimer(interval=20)
            poll.timeout.connect(lambda: until() and loop.quit())
            poll.start()
        loop.exec()

    wait(15000, lambda: window.model.function is not None)
    if args.preset:
        window.editor.choose_preset(args.preset)
        wait(15000, lambda: window.model.expression_text != "x^2")
    elif args.expression != window.model.expression_text:
        window.editor.formula_edit.set_text(args.expression)
        window.editor._submit()
        wait(15000, lambda: window.model.expression_text == args.expression)
    wait(1500, lambda: window.model.critical_points is not None)
    wait(600)  # typeset formulas and GL frames settle
    target = window if not args.widget else window.findChild(object, args.widget)
    image = grab_widget(target)
    image.save(args.out)
    print(args.out, image.width(), image.height())
    window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
