"""Every page for every role on the laptops exam sites use: nothing off the screen or the window.

Each case runs `scripts/screen_fit.py` in its own process, because the screen's size and the
scaling are fixed when Qt starts.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from kaoping.domain.roles import Role
from kaoping.services.base import Actor
from tests.databases import PASSWORD

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "screen_fit.py"


def _run(db_url: str, users: list[str], screen: str, scale: float, shots: Path) -> dict[str, int]:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "desktop")}
    env.pop("QT_SCALE_FACTOR", None)
    result = subprocess.run(
        [
            sys.executable,
            str(SCRIPT),
            "--db",
            db_url,
            "--screen",
            screen,
            "--scale",
            str(scale),
            "--password",
            PASSWORD,
            "--shots",
            str(shots),
            *users,
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=240,
        check=False,
    )
    lines = [line for line in result.stdout.splitlines() if line.startswith("{")]
    assert lines, result.stderr[-2000:]
    assert result.returncode == 0, "\n".join(lines[:20])
    summary: dict[str, int] = json.loads(lines[-1])
    return summary


@pytest.mark.sqlite_only
@pytest.mark.parametrize(
    ("screen", "scale"),
    [
        pytest.param("1920x1080", 1.5, id="1920x1080-150%"),
        pytest.param("1366x768", 1.0, id="1366x768", marks=pytest.mark.slow),
    ],
)
def test_every_page_of_every_role_fits_the_laptop_screen(
    db_url: str, actors: dict[Role, Actor], tmp_path: Path, screen: str, scale: float
) -> None:
    """The window lies within the screen's available area and every visible control in it."""
    users = sorted(actor.username for actor in actors.values())
    summary = _run(db_url, users, screen, scale, tmp_path / "shots")
    assert summary["problems"] == 0
    # Every role's pages were visited: the administrator alone sees seven.
    assert summary["pages"] >= 40
    assert len(list((tmp_path / "shots").glob("*.png"))) == summary["pages"]
