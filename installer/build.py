"""Build the one-folder application bundle into `dist/kaoping/`: `python installer/build.py`.

Afterwards `dist/kaoping/kaoping --help` and `dist/kaoping/kaoping demo` run without Python.
"""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> int:
    command = [
        sys.executable,
        "-m",
        "PyInstaller",
        "--noconfirm",
        "--clean",
        "--distpath",
        str(ROOT / "dist"),
        "--workpath",
        str(ROOT / "build" / "pyinstaller"),
        str(ROOT / "installer" / "kaoping.spec"),
    ]
    return subprocess.call(command, cwd=ROOT)


if __name__ == "__main__":
    sys.exit(main())
