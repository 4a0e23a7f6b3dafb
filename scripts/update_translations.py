"""Refresh the English catalogue: `python scripts/update_translations.py [--ts-only] [--ts FILE]`.

Runs `pyside6-lupdate` over the interface sources — every desktop/kaoping/ui/**/*.py except the
generated ui/forms/ modules, whose texts are read from forms/*.ui directly so no context is listed
twice — into resources/i18n/kaoping_en.ts. Translations already in the file are kept; messages
whose source text is gone are dropped. Then `pyside6-lrelease` compiles kaoping_en.qm, the file
the application loads. Both files are committed.

New or changed texts come out as unfinished: translate them (Qt Linguist, or by editing the .ts)
and run the script again so the .qm follows.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
UI = ROOT / "desktop" / "kaoping" / "ui"
FORMS = ROOT / "forms"
I18N = ROOT / "resources" / "i18n"
TS = I18N / "kaoping_en.ts"
QM = I18N / "kaoping_en.qm"


def tool(name: str) -> str:
    """A PySide6 tool launcher next to the running interpreter (the venv's), else on PATH."""
    candidate = Path(sys.executable).with_name(name)
    return str(candidate) if candidate.exists() else name


def sources() -> list[Path]:
    """The files lupdate reads: interface modules (not the generated forms) and the .ui forms."""
    modules = [p for p in UI.rglob("*.py") if "forms" not in p.relative_to(UI).parts[:-1]]
    return sorted(modules) + sorted(FORMS.glob("*.ui"))


def update_ts(ts: Path = TS) -> str:
    """Merge the current source texts into `ts`; returns lupdate's report."""
    ts.parent.mkdir(parents=True, exist_ok=True)
    command = [
        tool("pyside6-lupdate"),
        *map(str, sources()),
        "-ts",
        str(ts),
        "-source-language",
        "zh_CN",
        "-target-language",
        "en",
        "-no-obsolete",
        "-locations",
        "none",
    ]
    result = subprocess.run(command, check=True, capture_output=True, text=True, cwd=ROOT)
    return result.stdout + result.stderr


def release(ts: Path = TS, qm: Path = QM) -> str:
    """Compile `ts` into `qm`; returns lrelease's report."""
    command = [tool("pyside6-lrelease"), str(ts), "-qm", str(qm)]
    result = subprocess.run(command, check=True, capture_output=True, text=True, cwd=ROOT)
    return result.stdout + result.stderr


def main() -> None:
    """Update the catalogue and compile it."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ts-only", action="store_true", help="do not compile the .qm")
    parser.add_argument("--ts", type=Path, default=TS, help="catalogue to update")
    args = parser.parse_args()
    print(update_ts(args.ts), end="")
    if not args.ts_only:
        print(release(args.ts, args.ts.with_suffix(".qm")), end="")


if __name__ == "__main__":
    main()
