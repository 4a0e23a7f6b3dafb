"""The database file: created and migrated on first use, WAL, foreign keys, online backup."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy.exc import IntegrityError

from kaoping.bootstrap import build_env
from kaoping.domain.errors import ValidationError
from kaoping.domain.roles import Role
from kaoping.services import accounts, catalogue, maintenance
from kaoping.services.base import Actor, Env
from kaoping.storage.backup import restore

pytestmark = pytest.mark.sqlite_only


def test_first_use_creates_and_migrates(tmp_path: Path) -> None:
    """A path that does not exist yet becomes a migrated database in WAL mode."""
    target = tmp_path / "new" / "folder" / "k.db"
    build_env(f"sqlite:///{target}", fast_hashing=True)
    with sqlite3.connect(target) as db:
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert {"users", "audit_log", "occupations", "alembic_version"} <= tables


def test_foreign_keys_are_enforced(env: Env) -> None:
    """A direction for an unknown occupation is refused by the database itself."""
    with pytest.raises(IntegrityError, match="FOREIGN KEY"), env.uow() as uow:
        uow.catalogue.add_direction("9-99-99-99", "孤立的方向", False)


def test_catalogue_covers_the_ten_programme_occupations(env: Env, admin: Actor) -> None:
    """The ten occupations named in the programme text are in the catalogue, with both codes."""
    names = {o.name for o in catalogue.list_occupations(env, admin)}
    for field in (
        "人工智能",
        "物联网",
        "大数据",
        "云计算",
        "数字化管理",
        "智能制造",
        "工业互联网",
        "虚拟现实",
        "区块链",
        "集成电路",
    ):
        assert any(field in name for name in names), field


@pytest.mark.plain_store  # restores with stdlib sqlite3; the encrypted backup: test_encrypted_store
def test_backup_restores_to_a_working_database(env: Env, admin: Actor, tmp_path: Path) -> None:
    """A backup taken while the database is open restores to a database with the same users."""
    accounts.create_user(env, admin, "backup_me", "备份测试", "Passw0rd-test", [Role.EXAMINER])
    copy = tmp_path / "backup.db"
    maintenance.backup(env, admin, copy)
    restored = tmp_path / "restored.db"
    restore(copy, restored)
    again = build_env(f"sqlite:///{restored}", fast_hashing=True)
    assert accounts.sign_in(again, "backup_me", "Passw0rd-test").username == "backup_me"


def test_backup_refuses_to_overwrite(env: Env, admin: Actor, tmp_path: Path) -> None:
    """An existing file is never overwritten by a backup."""
    target = tmp_path / "exists.db"
    target.write_bytes(b"keep me")
    with pytest.raises(ValidationError, match="已存在"):
        maintenance.backup(env, admin, target)
    assert target.read_bytes() == b"keep me"
