"""Open every page for each user on a laptop-sized screen and report what would not be reachable.

    python scripts/screen_fit.py --db URL --screen 1366x768 [--scale 1.5] \
        --password PW USER [USER ...] [--shots DIR]

Runs on Qt's offscreen platform with a screen of the given size (QT_SCALE_FACTOR for the scaling
that Windows sets on 1920x1080 laptops). For each user it signs in, opens the main window as the
application does, visits every page that user sees, and checks that the window lies inside the
screen's available area and that every visible button and input field lies inside the window
(widgets inside a scroll area count as reachable). Prints one JSON line per problem and a summary
line; exit status 1 when there is a problem. With --shots it saves each page as a PNG.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QPoint, QRect, QSettings
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLineEdit,
    QMainWindow,
    QWidget,
)


def _configure_screen(size: str, scale: float) -> None:
    # Must happen before the QApplication exists: it reads the platform when it starts.
    width, height = (int(n) for n in size.lower().split("x"))
    screen = {"name": "laptop", "x": 0, "y": 0, "width": width, "height": height}
    config = {"screens": [{**screen, "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}
    path = Path(tempfile.mkdtemp(prefix="kaoping-screen-")) / "screen.json"
    path.write_text(json.dumps(config), encoding="utf-8")
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={path}"
    if scale != 1:
        os.environ["QT_SCALE_FACTOR"] = str(scale)


def _parse(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="页面在笔记本屏幕上是否完整可用")
    parser.add_argument("--db", required=True)
    parser.add_argument("--screen", default="1366x768")
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--password", required=True)
    parser.add_argument("--shots", type=Path)
    parser.add_argument("users", nargs="+")
    return parser.parse_args(argv)


def check_users(
    url: str, users: list[str], password: str, shots: Path | None
) -> tuple[list[dict[str, object]], int]:
    """Visit every page of every user; return the problems found and the number of pages seen."""
    # Imported only now, after the platform settings are in the environment.
    from kaoping.gate import StoreGate
    from kaoping.services import accounts
    from kaoping.ui.application import ensure_app
    from kaoping.ui.main_window import MainWindow

    app = ensure_app()
    # A first start on this computer: no window place remembered from earlier runs.
    fresh = tempfile.mkdtemp(prefix="kaoping-settings-")
    for kind in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(kind, QSettings.Scope.UserScope, fresh)
    gate = StoreGate(url)
    # An encrypted store opens with the first user's password, as at the sign-in screen; a
    # plain file or a server opens as it is.
    gate.unlock(users[0], password)
    env = gate.env()
    problems: list[dict[str, object]] = []
    pages = 0
    for user in users:
        window = MainWindow(env, accounts.sign_in(env, user, password))
        window.show()
        for key in window.page_keys():
            window.show_page(key)
            app.processEvents()
            pages += 1
            problems.extend(dict(user=user, page=key, **p) for p in _page_problems(window))
            if shots is not None:
                shots.mkdir(parents=True, exist_ok=True)
                # Quality 80 is zlib's quickest level: the default one took most of the run.
                window.grab().save(str(shots / f"{user}-{key}.png"), "PNG", 80)
        window.close()
    return problems, pages


def _page_problems(window: QMainWindow) -> list[dict[str, object]]:
    found: list[dict[str, object]] = []
    screen = (window.screen() or QApplication.primaryScreen()).availableGeometry()
    frame = window.frameGeometry()
    if not screen.contains(frame):
        found.append({"what": "window", "window": _rect(frame), "screen": _rect(screen)})
    inside = window.rect()
    for widget in _controls(window):
        place = QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())
        if not inside.contains(place):
            found.append({"what": _describe(widget), "at": _rect(place), "window": _rect(inside)})
    return found


def _controls(window: QMainWindow) -> list[QWidget]:
    kinds = (QAbstractButton, QLineEdit, QComboBox, QAbstractSpinBox, QAbstractScrollArea)
    controls = []
    for widget in window.findChildren(QWidget):
        if not isinstance(widget, kinds) or not widget.isVisible():
            continue
        if _scrolled(widget, window):
            continue
        controls.append(widget)
    return controls


def _scrolled(widget: QWidget, window: QWidget) -> bool:
    """Whether the widget sits in a scroll area's viewport (reachable by scrolling)."""
    parent = widget.parentWidget()
    while parent is not None and parent is not window:
        if isinstance(parent, QAbstractScrollArea):
            return True
        parent = parent.parentWidget()
    return False


def _describe(widget: QWidget) -> str:
    text = getattr(widget, "text", None)
    label = text() if callable(text) else ""
    return f"{type(widget).__name__} {widget.objectName()} {label}".strip()


def _rect(rect: QRect) -> list[int]:
    return [rect.x(), rect.y(), rect.width(), rect.height()]


def main(argv: list[str]) -> int:
    args = _parse(argv)
    _configure_screen(args.screen, args.scale)
    problems, pages = check_users(args.db, args.users, args.password, args.shots)
    for problem in problems:
        print(json.dumps(problem, ensure_ascii=False))
    print(json.dumps({"pages": pages, "problems": len(problems)}, ensure_ascii=False))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
