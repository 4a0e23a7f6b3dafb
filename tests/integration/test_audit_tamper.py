"""`kaoping audit verify` catches edits made directly in the database."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

import pytest

from kaoping.bootstrap import build_env
from kaoping.cli.app import run
from kaoping.domain.roles import Role
from kaoping.services import accounts, audit
from kaoping.services.base import Actor, Env

# Tampering edits the file with sqlite3 directly, so these run on a plain file.
pytestmark = [pytest.mark.sqlite_only, pytest.mark.plain_store]

PASSWORD = "Passw0rd-test"


def _path(url: str) -> str:
    return url.removeprefix("sqlite:///")


def _busy(env: Env, admin: Actor) -> None:
    for i in range(4):
        accounts.create_user(env, admin, f"user{i}", f"用户{i}", PASSWORD, [Role.EXAMINER])


def _cli_verify(url: str) -> int:
    return run(["--db", url, "audit", "verify"], lambda u: build_env(u, fast_hashing=True))


def _update(db: sqlite3.Connection) -> None:
    db.execute("UPDATE audit_log SET actor = 'mallory' WHERE seq = 4")


def _delete(db: sqlite3.Connection) -> None:
    db.execute("DELETE FROM audit_log WHERE seq = 4")


def _swap(db: sqlite3.Connection) -> None:
    rows = {
        r[0]: r[1:]
        for r in db.execute(
            "SELECT id, seq, at, actor, action, target, outcome, details, prev_hash, entry_hash "
            "FROM audit_log WHERE seq IN (4, 5)"
        )
    }
    (id_a, a), (id_b, b) = sorted(rows.items())
    db.execute("UPDATE audit_log SET seq = -1 WHERE id = ?", (id_a,))
    db.execute("UPDATE audit_log SET seq = -2 WHERE id = ?", (id_b,))
    for row_id, values in ((id_a, b), (id_b, a)):
        db.execute(
            "UPDATE audit_log SET seq=?, at=?, actor=?, action=?, target=?, outcome=?, "
            "details=?, prev_hash=?, entry_hash=? WHERE id=?",
            (*values, row_id),
        )


def _truncate(db: sqlite3.Connection) -> None:
    last = db.execute("SELECT max(seq) FROM audit_log").fetchone()[0]
    db.execute("DELETE FROM audit_log WHERE seq = ?", (last,))


def test_untouched_log_verifies(
    env: Env, admin: Actor, db_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """An intact log passes, and the command exits 0."""
    _busy(env, admin)
    assert audit.verify_log(env).ok
    assert _cli_verify(db_url) == 0
    assert "完好" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("tamper", "named"),
    [(_update, 4), (_delete, 4), (_swap, 4), (_truncate, None)],
    ids=["update", "delete", "swap", "truncate"],
)
def test_raw_sql_tampering_is_named(
    env: Env,
    admin: Actor,
    db_url: str,
    tamper: Callable[[sqlite3.Connection], None],
    named: int | None,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """An UPDATE, a DELETE, a swap of two rows or a cut tail fails, naming the first bad entry;
    the command exits 1."""
    _busy(env, admin)
    with sqlite3.connect(_path(db_url)) as db:
        tamper(db)
    verdict = audit.verify_log(env)
    assert not verdict.ok
    if named is not None:
        assert verdict.broken_seq == named
    assert _cli_verify(db_url) == 1
    out = capsys.readouterr().out
    assert "已被改动" in out
    if named is not None:
        assert f"第 {named} 条" in out
