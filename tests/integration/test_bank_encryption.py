"""Item text never reaches the database file, its WAL, a backup, the audit log or an export."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kaoping.domain.roles import Role
from kaoping.services import audit, bank, maintenance
from kaoping.services.base import Actor, Env
from kaoping.services.ports.dto import AuditFilter
from tests.integration.test_bank_support import (
    answer_of,
    open_bank,
    option_of,
    spread_items,
    stem_of,
)


def _secrets(count: int) -> list[bytes]:
    texts: list[str] = []
    for n in range(1, count + 1):
        texts += [stem_of(n), answer_of(n), f"QRUB{n:04d}MM"]
        texts += [option_of(n, letter) for letter in "ABCD"]
    # The ASCII markers catch any encoding; the full Chinese texts catch UTF-8 copies.
    markers = [f"QSTEM{n:04d}XK" for n in range(1, count + 1)]
    return [text.encode("utf-8") for text in texts + markers]


def _leaks(data: bytes, secrets: list[bytes]) -> list[bytes]:
    return [secret for secret in secrets if secret in data]


@pytest.mark.sqlite_only
@pytest.mark.plain_store  # searches a plain file, where only the bank's own encryption hides items
def test_two_hundred_items_leave_no_plaintext_anywhere(
    env: Env, actors: dict[Role, Actor], db_url: str, tmp_path: Path
) -> None:
    """After importing 200 items, none of their text is in the database, WAL, backup or export."""
    unlock = open_bank(env, actors)
    report = bank.import_rows(
        env, actors[Role.BANK_ADMIN], unlock, list(spread_items(env, 200)), approve=True
    )
    assert report.imported == 200 and not report.problems
    secrets = _secrets(200)
    database = Path(db_url.removeprefix("sqlite:///"))
    wal = database.with_name(database.name + "-wal")
    backup = tmp_path / "backup.db"
    maintenance.backup(env, actors[Role.SYSTEM_ADMIN], backup)
    export = bank.export_backup(
        env, actors[Role.BANK_ADMIN], unlock, "backup-pass-2026", "年度备份"
    )
    for name, data in (
        ("database", database.read_bytes()),
        ("wal", wal.read_bytes()),
        ("backup", backup.read_bytes()),
        ("export", export),
    ):
        assert data, f"{name} is empty, so the check would prove nothing"
        assert _leaks(data, secrets) == [], name
    # The same search does find what is stored in clear: the catalogue data.
    area = next(spread_items(env, 1)).knowledge_area.encode("utf-8")
    assert area in database.read_bytes() + wal.read_bytes() and area in backup.read_bytes()
    entries = audit.search(env, actors[Role.SYSTEM_ADMIN], AuditFilter(limit=5000))
    assert (
        _leaks(json.dumps([e.details for e in entries], ensure_ascii=False).encode(), secrets) == []
    )


def test_content_round_trips_through_encryption(env: Env, actors: dict[Role, Actor]) -> None:
    """A bank admin reads back exactly what was imported, once the bank is unlocked."""
    unlock = open_bank(env, actors)
    admin = actors[Role.BANK_ADMIN]
    bank.import_rows(env, admin, unlock, list(spread_items(env, 3)), approve=True)
    item = next(i for i in bank.list_items(env, admin) if i.meta.item_type.value == "single")
    content = bank.view_item(env, admin, unlock, item.item_id, "核对导入结果")
    assert content.stem.startswith("第") and "QSTEM" in content.stem
    assert content.answer == "B" and len(content.options) == 4
    assert "QSTEM" not in repr(content)
