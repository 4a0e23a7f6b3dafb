"""Save screenshots of main-window pages: `python scripts/screenshot.py DB_URL USER PASSWORD OUTDIR [page ...]`.

Runs offscreen (or on Xvfb when DISPLAY is set) so what a user sees can be looked at in CI too.
"""

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from kaoping.bootstrap import build_env
from kaoping.services import accounts
from kaoping.ui.application import ensure_app
from kaoping.ui.main_window import MainWindow


def main() -> None:
    url, user, password, out = sys.argv[1:5]
    keys = sys.argv[5:] or ["home"]
    app = ensure_app()
    env = build_env(url)
    window = MainWindow(env, accounts.sign_in(env, user, password))
    window.resize(1280, 800)
    window.show()
    Path(out).mkdir(parents=True, exist_ok=True)
    for key in keys:
        window.show_page(key)
        app.processEvents()
        target = Path(out) / f"{key}.png"
        window.grab().save(str(target))
        print(target)


if __name__ == "__main__":
    main()
