"""The audit chain (审计日志): each entry commits to the one before it, so edits show.

An entry's hash covers its sequence number, its content and the previous entry's hash. Changing, removing
or reordering a stored entry breaks the chain at that entry, and `verify_chain` names the first one.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

GENESIS_HASH = "0" * 64


@dataclass(frozen=True)
class AuditRecord:
    """One stored audit entry as the chain sees it.

    Attributes:
        seq: Position in the chain, starting at 1 and without gaps.
        at: ISO-8601 UTC time of the action.
        actor: Username of who acted ("" for the system itself).
        action: What was done, e.g. `users.create`.
        target: Which record, e.g. `user:5`.
        outcome: `ok`, `refused` or `failed`.
        details: JSON text of further facts (never raw ID numbers or item texts).
        prev_hash: Hash of the previous entry.
        entry_hash: This entry's hash.
    """

    seq: int
    at: str
    actor: str
    action: str
    target: str
    outcome: str
    details: str
    prev_hash: str
    entry_hash: str


def canonical_details(details: dict[str, Any] | None) -> str:
    """Serialise details deterministically so the hash does not depend on key order."""
    return json.dumps(
        details or {}, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str
    )


def entry_hash(
    seq: int,
    at: str,
    actor: str,
    action: str,
    target: str,
    outcome: str,
    details: str,
    prev_hash: str,
) -> str:
    """Hash one entry's fields together with the previous hash."""
    material = json.dumps(
        [seq, at, actor, action, target, outcome, details, prev_hash],
        ensure_ascii=False,
        separators=(",", ":"),
    )
    return hashlib.sha256(material.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class ChainVerdict:
    """The result of checking the chain.

    Attributes:
        ok: True when every entry links and hashes correctly.
        checked: How many entries were read.
        broken_seq: The sequence number (as stored) of the first bad entry, if any.
        reason: A Chinese explanation of the first break.
    """

    ok: bool
    checked: int
    broken_seq: int | None = None
    reason: str = ""


def verify_chain(
    records: Iterable[AuditRecord], head: tuple[int, str] | None = None
) -> ChainVerdict:
    """Check a chain read in storage order.

    Args:
        records: Entries in the order they are stored (by their row position, not their seq).
        head: The (count, last hash) anchor kept beside the log, so a removed tail shows too.
    """
    prev = GENESIS_HASH
    expected_seq = 1
    checked = 0
    for record in records:
        checked += 1
        if record.seq != expected_seq:
            return ChainVerdict(
                False,
                checked,
                expected_seq,
                f"第 {expected_seq} 条记录缺失或顺序被改动（此处为第 {record.seq} 条）",
            )
        if record.prev_hash != prev:
            return ChainVerdict(
                False,
                checked,
                record.seq,
                f"第 {record.seq} 条记录与前一条的链接不符（前一条被改动、删除或调换）",
            )
        recomputed = entry_hash(
            record.seq,
            record.at,
            record.actor,
            record.action,
            record.target,
            record.outcome,
            record.details,
            record.prev_hash,
        )
        if recomputed != record.entry_hash:
            return ChainVerdict(False, checked, record.seq, f"第 {record.seq} 条记录的内容被改动")
        prev = record.entry_hash
        expected_seq += 1
    if head is not None:
        count, last = head
        if count != checked or last != prev:
            return ChainVerdict(
                False,
                checked,
                checked + 1 if count > checked else checked,
                f"日志末尾被删除或截断：应有 {count} 条，实有 {checked} 条",
            )
    return ChainVerdict(True, checked)
