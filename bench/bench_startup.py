"""Cold start to the main window: a fresh process imports Kaoping, opens the database, signs in and
shows the main window (offscreen). Prints the median of several runs.

    python bench/bench_startup.py [RUNS]
"""

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CHILD = """
import os, sys, time
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
start = float(sys.argv[2])
from kaoping.bootstrap import build_env
from kaoping.services import accounts
from kaoping.ui.application import ensure_app
from kaoping.ui.main_window import MainWindow
app = ensure_app()
env = build_env(sys.argv[1])
window = MainWindow(env, accounts.sign_in(env, "admin", "Demo2026pass"))
window.show()
app.processEvents()
print(time.time() - start)
"""


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(
            [sys.executable, "-m", "kaoping", "demo", "--out", tmp], check=True, capture_output=True
        )
        url = f"sqlite:///{Path(tmp) / 'kaoping-demo.db'}"
        times = []
        for _ in range(runs):
            started = time.time()
            out = subprocess.run(
                [sys.executable, "-c", CHILD, url, str(started)],
                check=True,
                capture_output=True,
                text=True,
                env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
            )
            times.append(float(out.stdout.strip().splitlines()[-1]))
    print(
        f"cold start to main window: median {statistics.median(times):.2f} s "
        f"(min {min(times):.2f}, max {max(times):.2f}, {runs} runs; includes argon2 sign-in)"
    )


if __name__ == "__main__":
    main()
