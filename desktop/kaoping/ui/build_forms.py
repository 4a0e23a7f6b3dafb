"""Compile `forms/*.ui` into `kaoping/ui/forms/ui_*.py`: `python -m kaoping.ui.build_forms`.

The generated modules are committed so that installing needs no build step; a test checks they are
up to date with their `.ui` sources.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from kaoping.paths import forms_dir

TARGET = Path(__file__).resolve().parent / "forms"
HEADER = "# Generated from forms/{name} by `python -m kaoping.ui.build_forms`; do not edit.\n"


def uic_binary() -> str:
    """The pyside6-uic launcher next to the running interpreter."""
    candidate = Path(sys.executable).with_name("pyside6-uic")
    return str(candidate) if candidate.exists() else "pyside6-uic"


def compile_form(source: Path) -> str:
    """The Python text for one form, with a stable header (no timestamps or versions)."""
    result = subprocess.run(
        [uic_binary(), "--from-imports", str(source)], check=True, capture_output=True, text=True
    )
    lines = [ln for ln in result.stdout.splitlines() if not ln.startswith("##")]
    body = "\n".join(lines).lstrip("\n")
    return HEADER.format(name=source.name) + body + "\n"


def target_for(source: Path) -> Path:
    """`forms/login_dialog.ui` → `kaoping/ui/forms/ui_login_dialog.py`."""
    return TARGET / f"ui_{source.stem}.py"


def main() -> None:
    """Regenerate every form module."""
    for source in sorted(forms_dir().glob("*.ui")):
        target_for(source).write_text(compile_form(source), encoding="utf-8")
        print(f"{source.name} -> {target_for(source).name}")  # noqa: T201


if __name__ == "__main__":
    main()
