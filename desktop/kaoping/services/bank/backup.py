"""Encrypted backups of the question bank (题库备份): the only export of item content.

A backup re-encrypts every item version under a fresh file key wrapped under a passphrase, so
the file never reveals the live bank key; restoring adds the items the bank does not have yet.
"""

from __future__ import annotations

import base64
import binascii
import json
from typing import Any

from kaoping.domain.catalogue import Level
from kaoping.domain.errors import ValidationError
from kaoping.domain.items import ItemMeta, ItemStatus, ItemType
from kaoping.domain.json_input import load_json_document
from kaoping.domain.roles import Permission
from kaoping.services.bank._common import BankUnlock, check_unlock, require_purpose
from kaoping.services.base import Actor, Env, guarded, iso
from kaoping.services.ports.bank import ItemQuery, StoredVersion
from kaoping.services.ports.core import UnitOfWork

BACKUP_FORMAT = "kaoping-bank-backup"
_BACKUP_VERSION = 1
# A whole bank with attachments, Base64 inside JSON; far above any real bank.
MAX_BACKUP_FILE = 1024 * 1024 * 1024
MIN_PASSPHRASE = 10


def export_backup(
    env: Env, actor: Actor, unlock: BankUnlock, passphrase: str, purpose: str
) -> bytes:
    """The whole bank as an encrypted backup file (the only export of item content).

    Every version is re-encrypted under a fresh file key, and that key is wrapped under the
    passphrase (scrypt), so the file never reveals the live bank key.
    """
    reason = require_purpose(purpose)
    if len(passphrase) < MIN_PASSPHRASE:
        raise ValidationError(
            f"备份口令至少 {MIN_PASSPHRASE} 个字符，请另行妥善保管", field="备份口令"
        )
    cipher = env.adapters.bank_crypto
    file_key = cipher.new_key()
    with guarded(env, actor, Permission.BANK_MANAGE, "bank.export", "bank:backup") as tx:
        check_unlock(tx.uow, actor, unlock)
        items = tx.uow.bank.items(ItemQuery(limit=10**9))
        entries = []
        for item in items:
            versions = []
            for number in range(1, item.meta.version + 1):
                stored = tx.uow.bank.version(item.item_id, number)
                if stored is None:
                    continue
                plaintext = cipher.decrypt_item(unlock.key, item.item_id, number, stored.ciphertext)
                versions.append(
                    {
                        "version": number,
                        "knowledge_area": stored.knowledge_area,
                        "item_type": stored.item_type.value,
                        "difficulty": stored.difficulty,
                        "ciphertext": base64.b64encode(
                            cipher.encrypt_item(file_key, item.item_id, number, plaintext)
                        ).decode("ascii"),
                    }
                )
            entries.append({"id": item.item_id, **_meta_json(item.meta), "versions": versions})
        tx.record(items=len(entries), purpose=reason)
    document = {
        "format": BACKUP_FORMAT,
        "version": _BACKUP_VERSION,
        "created_at": iso(env.clock.now()),
        "key": cipher.wrap_with_password(file_key, passphrase).decode("ascii"),
        "items": entries,
    }
    return json.dumps(document, ensure_ascii=False, indent=1).encode("utf-8")


def _meta_json(meta: ItemMeta) -> dict[str, Any]:
    return {
        "occupation_code": meta.occupation_code,
        "direction": meta.direction,
        "level": meta.level.value,
        "knowledge_area": meta.knowledge_area,
        "item_type": meta.item_type.value,
        "difficulty": meta.difficulty,
        "status": meta.status.value,
        "current_version": meta.version,
    }


def restore_backup(env: Env, actor: Actor, unlock: BankUnlock, data: bytes, passphrase: str) -> int:
    """Load an encrypted backup; items whose id already exists are kept as they are.

    Returns:
        The number of items added.
    """
    cipher = env.adapters.bank_crypto
    document = load_json_document(data, "题库备份文件", MAX_BACKUP_FILE, field="备份文件")
    try:
        if document.get("format") != BACKUP_FORMAT or document.get("version") != _BACKUP_VERSION:
            raise ValidationError("这不是 Kaoping 题库备份文件，或版本不受支持", field="备份文件")
        file_key = cipher.unwrap_with_password(str(document["key"]).encode("ascii"), passphrase)
        added = 0
        with guarded(env, actor, Permission.BANK_MANAGE, "bank.restore", "bank:backup") as tx:
            check_unlock(tx.uow, actor, unlock)
            for entry in document["items"]:
                if tx.uow.bank.item(str(entry["id"])) is None:
                    _restore_item(env, tx.uow, unlock, actor, file_key, entry)
                    added += 1
            tx.record(added=added)
    except (KeyError, TypeError, ValueError, binascii.Error, AttributeError) as error:
        raise ValidationError("备份文件已损坏或格式错误", field="备份文件") from error
    return added


def _restore_item(
    env: Env,
    uow: UnitOfWork,
    unlock: BankUnlock,
    actor: Actor,
    file_key: bytes,
    entry: dict[str, Any],
) -> None:
    cipher, item_id, now = env.adapters.bank_crypto, str(entry["id"]), env.clock.now()
    meta = ItemMeta(
        str(entry["occupation_code"]),
        str(entry["direction"]),
        Level(entry["level"]),
        str(entry["knowledge_area"]),
        ItemType(entry["item_type"]),
        int(entry["difficulty"]),
        ItemStatus(entry["status"]),
        int(entry["current_version"]),
        str(actor.user_id),
    )
    uow.bank.add_item(item_id, meta, now)
    for version in entry["versions"]:
        number = int(version["version"])
        plaintext = cipher.decrypt_item(
            file_key, item_id, number, base64.b64decode(version["ciphertext"], validate=True)
        )
        uow.bank.add_version(
            StoredVersion(
                item_id,
                number,
                str(version["knowledge_area"]),
                ItemType(version["item_type"]),
                int(version["difficulty"]),
                cipher.encrypt_item(unlock.key, item_id, number, plaintext),
                unlock.generation,
                actor.user_id,
                now,
            )
        )
