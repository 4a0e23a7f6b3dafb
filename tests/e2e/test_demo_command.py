"""The README's first command: `kaoping demo` on a fresh folder."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path


def test_demo_creates_a_working_database(tmp_path: Path) -> None:
    """The demo makes a database with the body, users of every role and the catalogue, and says so."""
    out = tmp_path / "demo"
    kaoping = Path(sys.executable).with_name("kaoping")
    result = subprocess.run([str(kaoping), "demo", "--out", str(out)], capture_output=True,
                            text=True, check=False, timeout=300)
    assert result.returncode == 0, result.stderr
    assert "演示数据库" in result.stdout
    assert "哈希链完好" in result.stdout
    with sqlite3.connect(out / "kaoping-demo.db") as db:
        roles = {r[0] for r in db.execute("SELECT DISTINCT role FROM user_roles")}
        occupations = db.execute("SELECT count(*) FROM occupations").fetchone()[0]
    assert len(roles) == 7
    assert occupations == 10
    again = subprocess.run([str(kaoping), "audit", "verify", "--help"], capture_output=True,
                           text=True, check=False)
    assert again.returncode == 0


def test_help_lists_the_commands() -> None:
    """`kaoping --help` names every scripting command."""
    kaoping = Path(sys.executable).with_name("kaoping")
    result = subprocess.run([str(kaoping), "--help"], capture_output=True, text=True, check=False)
    for command in ("init", "users", "audit", "backup", "demo", "catalogue"):
        assert command in result.stdout
