"""The project's own rules, checked on every run: layers, types, lint, generated forms."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from kaoping.ui.build_forms import compile_form, target_for

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


def _run(*command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)


def test_import_layers_hold() -> None:
    """domain is pure, services never touch storage or Qt, front ends go through services."""
    result = _run(str(BIN / "lint-imports"))
    assert result.returncode == 0, result.stdout + result.stderr


def test_core_imports_no_qt_or_database() -> None:
    """Importing the domain, services and CLI pulls in neither Qt nor SQLAlchemy."""
    code = (
        "import sys, kaoping.domain.roles, kaoping.services.accounts, kaoping.cli.app;"
        "bad=[m for m in sys.modules if m.startswith(('PySide6','sqlalchemy'))];"
        "print(bad); sys.exit(1 if bad else 0)"
    )
    result = _run(sys.executable, "-c", code)
    assert result.returncode == 0, result.stdout


def test_ruff_is_clean() -> None:
    """Lint rules (pyproject.toml) pass on the whole tree."""
    result = _run(str(BIN / "ruff"), "check", "desktop", "tests", "bench", "scripts")
    assert result.returncode == 0, result.stdout


def test_code_is_formatted() -> None:
    """`ruff format` has nothing to change, so a diff shows what changed, not how it was laid out."""
    result = _run(
        str(BIN / "ruff"), "format", "--check", "desktop", "tests", "bench", "scripts", "installer"
    )
    assert result.returncode == 0, result.stdout


@pytest.mark.slow
def test_mypy_strict_is_clean() -> None:
    """The package type-checks under mypy --strict."""
    result = _run(str(BIN / "mypy"))
    assert result.returncode == 0, result.stdout[-5000:]


@pytest.mark.parametrize("source", sorted((ROOT / "forms").glob("*.ui")), ids=lambda p: p.name)
def test_generated_forms_are_up_to_date(source: Path) -> None:
    """Every forms/*.ui has a committed, current ui_*.py (run `python -m kaoping.ui.build_forms`)."""
    target = target_for(source)
    assert target.exists(), f"missing {target.name}"
    assert target.read_text(encoding="utf-8") == compile_form(source)
