"""`kaoping certificate issue --out` on worker processes, killed mid-way, then run again.

A kill while the workers produce leaves no certificate and no number, and takes the workers
with it; a kill while the PDFs are being written leaves certificates whose files the next run
writes. Either way the numbers stay gap-free and every certificate has its PDF in the database.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

import pytest

from kaoping.domain.certificates import NumberingScheme, certificate_file_name
from kaoping.domain.errors import KaopingError
from kaoping.domain.roles import Role
from kaoping.services import certificates
from kaoping.services.base import Actor, Env
from kaoping.services.certificates import pool
from tests.databases import PASSWORD
from tests.integration.test_certificates_support import PASSPHRASE, ready_batch

ROOT = Path(__file__).resolve().parents[2]
# Photos without intake's screen mark (as `ready_batch` stores them): enough of them that the
# issuing process starts workers.
COUNT = 36
SCHEME = NumberingScheme("GXDT", "GXDT01", 2026)


def _issue(url: str, batch: str, out: Path) -> subprocess.Popen[bytes]:
    """This checkout's `kaoping certificate issue --out`, as a process that can be killed."""
    environment = {
        **os.environ,
        "PYTHONPATH": str(ROOT / "desktop"),
        "KAOPING_PASSWORD": PASSWORD,
        "KAOPING_KEY_PASSPHRASE": PASSPHRASE,
    }
    command = [sys.executable, "-m", "kaoping", "--db", url, "certificate", "issue"]
    command += ["--batch", batch, "--out", str(out), "--user", "u_certificate_officer"]
    return subprocess.Popen(
        command, env=environment, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )


def _workers(pid: int) -> set[int]:
    """The worker processes `pid` started (its children running multiprocessing's spawn_main)."""
    found = set()
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            command = (entry / "cmdline").read_bytes()
        except OSError:
            continue
        if int(fields[1]) == pid and b"spawn_main" in command:
            found.add(int(entry.name))
    return found


def _alive(pid: int) -> bool:
    try:
        state = (Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def _wait(condition: object, process: subprocess.Popen[bytes], timeout: float = 120) -> None:
    """Poll `condition()` until true; fail if the process ended first or time runs out."""
    deadline = time.monotonic() + timeout
    while not condition():  # type: ignore[operator]
        assert process.poll() is None, process.stderr.read().decode() if process.stderr else ""
        assert time.monotonic() < deadline, "the issuing run did not get there in time"
        time.sleep(0.02)


def _consistent(env: Env, officer: Actor, batch: str) -> list[str]:
    """Numbers 1..n without a gap, the counter just after them, each with its signed PDF."""
    overview = certificates.batch_certificates(env, officer, batch)
    numbers = [c.number for c in overview.certificates]
    assert numbers == [SCHEME.format(i) for i in range(1, len(numbers) + 1)]
    with env.uow(write=False) as uow:
        assert uow.certificates.peek_next_serial("GXDT01", 2026) == len(numbers) + 1
        for number in numbers:
            pdf = uow.certificates.pdf(number)
            assert pdf is not None and pdf.startswith(b"%PDF") and b"/ByteRange" in pdf
    return numbers


@pytest.mark.slow
@pytest.mark.sqlite_only
@pytest.mark.plain_store
def test_killed_pooled_issue_leaves_no_gap_and_is_finished_by_the_next_run(
    env: Env, actors: dict[Role, Actor], admin: Actor, db_url: str, tmp_path: Path
) -> None:
    """SIGKILL while workers produce, then while PDFs are written; the third run finishes."""
    officer = actors[Role.CERTIFICATE_OFFICER]
    batch, _ = ready_batch(env, actors, COUNT)
    settings = certificates.certificate_settings(env, officer)
    # Three processes: the issuing one and two workers.
    certificates.update_certificate_settings(env, admin, replace(settings, workers=3))
    out = tmp_path / "pdfs"

    # 1. Killed while the two workers produce: nothing stored, and the workers end too.
    run = _issue(db_url, batch, out)
    _wait(lambda: len(_workers(run.pid)) >= 2, run)
    time.sleep(1.0)
    workers = _workers(run.pid)
    run.kill()
    run.wait(timeout=60)
    deadline = time.monotonic() + 20
    while any(_alive(p) for p in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not any(_alive(p) for p in workers), "a worker outlived the killed issuing run"
    assert _consistent(env, officer, batch) == []

    # 2. Killed once the first PDF file is written (after the one commit): every certificate
    # is stored with its PDF, some files are missing.
    run = _issue(db_url, batch, out)
    _wait(lambda: any(out.glob("*.pdf")), run, timeout=240)
    run.kill()
    run.wait(timeout=60)
    numbers = _consistent(env, officer, batch)
    assert len(numbers) in (0, COUNT)  # all of the batch or none of it, never a part

    # 3. The next run writes what is missing (and issues whatever was not issued).
    missing = len(numbers) - len(list(out.glob("*.pdf")))
    run = _issue(db_url, batch, out)
    stdout, stderr = run.communicate(timeout=240)
    if numbers and not missing:
        # The kill landed after the last file: nothing is left to write or issue, and it says so.
        assert run.returncode == 2 and "没有可发证的考生" in stderr.decode(), stderr.decode()
    else:
        assert run.returncode == 0, stderr.decode()
    if numbers and missing:
        assert f"补写了 {missing} 份缺少的证书 PDF" in stdout.decode()
    numbers = _consistent(env, officer, batch)
    assert len(numbers) == COUNT
    assert sorted(p.name for p in out.glob("*.pdf")) == sorted(
        certificate_file_name(n) for n in numbers
    )
    for number in (numbers[0], numbers[-1]):
        shown = subprocess.run(
            ["pdfsig", str(out / certificate_file_name(number))],
            capture_output=True,
            text=True,
            check=False,
        )
        assert "Signature is Valid" in shown.stdout, shown.stdout + shown.stderr
    assert "nanobind" not in stderr.decode()


@pytest.mark.slow
def test_a_worker_killed_mid_batch_stores_nothing_and_says_so(
    env: Env, actors: dict[Role, Actor], admin: Actor, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A worker dying (the system killing it for memory) ends the run in plain words, no number."""
    officer = actors[Role.CERTIFICATE_OFFICER]
    batch, _ = ready_batch(env, actors, 6)
    settings = certificates.certificate_settings(env, officer)
    certificates.update_certificate_settings(env, admin, replace(settings, workers=2))
    monkeypatch.setattr(pool, "POOL_THRESHOLD", 2)
    monkeypatch.setattr(pool, "STARTUP_SECONDS", 0.0)
    killed: list[int] = []

    def kill_a_worker(done: int, total: int) -> None:
        if not killed:
            victim = min(_workers(os.getpid()))
            os.kill(victim, 9)
            killed.append(victim)

    with pytest.raises(KaopingError, match="生成证书的进程意外退出") as stopped:
        certificates.issue_batch(env, officer, batch, PASSPHRASE, progress=kill_a_worker)
    assert stopped.value.field == "签发进程数"
    assert killed
    assert _consistent(env, officer, batch) == []
    # The batch can be issued at once afterwards, numbered from the first serial.
    outcome = certificates.issue_batch(env, officer, batch, PASSPHRASE)
    assert outcome.numbers == tuple(SCHEME.format(i) for i in range(1, 7))
