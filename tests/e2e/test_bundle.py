"""The one-folder bundle builds and runs with no Python: `--help` and the demo.

The demo in the bundle runs on the encrypted store, as an installation keeps its data: SQLCipher
must be frozen into the bundle and open, write and close the store with its key file.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from kaoping.storage import cipher

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.slow
def test_bundle_builds_and_runs_the_demo(tmp_path: Path) -> None:
    """PyInstaller produces dist/kaoping/kaoping, whose --help lists commands and demo succeeds."""
    dist = tmp_path / "dist"
    build = subprocess.run(
        [
            sys.executable,
            "-m",
            "PyInstaller",
            "--noconfirm",
            "--distpath",
            str(dist),
            "--workpath",
            str(tmp_path / "work"),
            str(ROOT / "installer" / "kaoping.spec"),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        timeout=900,
    )
    assert build.returncode == 0, build.stderr[-3000:]
    program = dist / "kaoping" / "kaoping"
    # A clean environment: no virtualenv on PATH, no PYTHONPATH, so nothing leaks in.
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "QT_QPA_PLATFORM": "offscreen"}
    helped = subprocess.run(
        [str(program), "--help"], capture_output=True, text=True, env=env, check=False, timeout=120
    )
    assert helped.returncode == 0, helped.stderr
    assert "demo" in helped.stdout
    demo = subprocess.run(
        [str(program), "demo", "--out", str(tmp_path / "demo")],
        capture_output=True,
        text=True,
        env=env,
        check=False,
        timeout=600,
    )
    assert demo.returncode == 0, demo.stderr[-3000:]
    assert "哈希链完好" in demo.stdout
    database = tmp_path / "demo" / "kaoping-demo.db"
    assert f"演示数据库（加密）：{database}" in demo.stdout
    assert cipher.looks_encrypted(database)
    assert database.with_name(database.name + ".keys").is_file()
