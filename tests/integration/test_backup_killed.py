"""`kaoping backup FILE` killed at random moments never leaves a broken backup at FILE."""

from __future__ import annotations

import os
import random
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kaoping.bootstrap import build_env
from kaoping.services import audit
from kaoping.services.base import Actor
from tests.databases import PASSWORD, dispose

ROOT = Path(__file__).resolve().parents[2]
RUNS = 24
WHOLE_COMMAND_RUNS = 4
FILLER_MB = 24
COPY_WINDOW = 0.3  # seconds; copying and checking 24 MB takes about 0.1 s on a 2-core machine


def _grow(database: Path) -> None:
    """A few MB of incompressible rows, so that the copy itself takes measurable time."""
    connection = sqlite3.connect(str(database))
    try:
        connection.execute("CREATE TABLE test_filler (data BLOB)")
        connection.executemany(
            "INSERT INTO test_filler VALUES (randomblob(65536))", [()] * (FILLER_MB * 16)
        )
        connection.commit()
    finally:
        connection.close()


# The copy step of `kaoping backup` on its own: the command's start-up (signing in, loading every
# adapter) takes seconds, the copy a fraction of one, so most kills aim here.
_COPY_ONLY = (
    "import sys; from pathlib import Path; from kaoping.storage.engine import make_engine; "
    "from kaoping.storage.backup import SqliteBackup; "
    "SqliteBackup(make_engine(sys.argv[1])).backup(Path(sys.argv[2]))"
)


def _start(url: str, target: Path, *, whole_command: bool) -> subprocess.Popen[bytes]:
    """This checkout's `kaoping backup` (or only its copy step), as a process that can be killed."""
    environment = {
        **os.environ,
        "PYTHONPATH": str(ROOT / "desktop"),
        "KAOPING_PASSWORD": PASSWORD,
    }
    if whole_command:
        command = [sys.executable, "-m", "kaoping", "--db", url, "backup", str(target)]
        command += ["--user", "admin"]
    else:
        command = [sys.executable, "-c", _COPY_ONLY, url, str(target)]
    return subprocess.Popen(
        command, env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )


def _wait_for_copy(folder: Path, target: Path, process: subprocess.Popen[bytes]) -> None:
    """Return once the copy has begun (a file exists for it) or the process has ended."""
    while process.poll() is None:
        if target.exists() or list(folder.glob(f".{target.name}.*.part")):
            return
        time.sleep(0.001)


def _assert_absent_or_sound(target: Path) -> bool:
    """The target is either missing or a whole database with an intact audit chain."""
    if not target.exists():
        return False
    connection = sqlite3.connect(str(target))
    try:
        assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    finally:
        connection.close()
    copy = build_env(f"sqlite:///{target}", fast_hashing=True, migrate_schema=False)
    try:
        assert audit.verify_log(copy).ok
    finally:
        dispose(copy)
    return True


@pytest.mark.slow
@pytest.mark.sqlite_only
@pytest.mark.plain_store  # grows and checks the file with sqlite3 itself
def test_killed_backup_leaves_nothing_or_a_sound_copy(
    db_url: str, admin: Actor, tmp_path: Path
) -> None:
    """Killed anywhere from start-up to the end, a backup is all there or not there at all."""
    _grow(Path(db_url.removeprefix("sqlite:///")))
    folder = tmp_path / "backups"
    folder.mkdir()
    began = time.monotonic()
    whole = _start(db_url, folder / "whole.db", whole_command=True)
    assert whole.wait(timeout=120) == 0, whole.stderr.read().decode() if whole.stderr else ""
    typical = time.monotonic() - began
    assert _assert_absent_or_sound(folder / "whole.db")
    rng = random.Random(20261125)
    complete = 0
    for run in range(RUNS):
        target = folder / f"backup-{run}.db"
        # A few runs of the whole command, killed anywhere from start-up to the end; the rest
        # run only the copy step and are killed while it works.
        process = _start(db_url, target, whole_command=run < WHOLE_COMMAND_RUNS)
        if run < WHOLE_COMMAND_RUNS:
            time.sleep(rng.uniform(0, typical))
        else:
            _wait_for_copy(folder, target, process)
            time.sleep(rng.uniform(0, COPY_WINDOW))
        process.kill()
        process.wait(timeout=60)
        if process.stderr:
            process.stderr.close()
        complete += _assert_absent_or_sound(target)
    # Some runs were killed before the rename and some finished, so both outcomes were checked.
    assert 0 < complete < RUNS, complete
