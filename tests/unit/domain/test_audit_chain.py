from dataclasses import replace

from kaoping.domain.audit import (
    GENESIS_HASH,
    AuditRecord,
    canonical_details,
    entry_hash,
    verify_chain,
)


def _chain(n: int) -> list[AuditRecord]:
    records, prev = [], GENESIS_HASH
    for seq in range(1, n + 1):
        details = canonical_details({"n": seq})
        digest = entry_hash(
            seq, f"2026-11-25T09:00:{seq:02d}", "admin", "test.act", f"t:{seq}", "ok", details, prev
        )
        records.append(
            AuditRecord(
                seq,
                f"2026-11-25T09:00:{seq:02d}",
                "admin",
                "test.act",
                f"t:{seq}",
                "ok",
                details,
                prev,
                digest,
            )
        )
        prev = digest
    return records


def test_intact_chain_verifies() -> None:
    """An untouched chain passes and counts every entry."""
    records = _chain(5)
    verdict = verify_chain(records, (5, records[-1].entry_hash))
    assert verdict.ok and verdict.checked == 5


def test_edited_entry_is_named() -> None:
    """Changing an entry's content names that entry."""
    records = _chain(5)
    records[2] = replace(records[2], actor="mallory")
    verdict = verify_chain(records)
    assert not verdict.ok and verdict.broken_seq == 3


def test_removed_tail_is_caught_by_the_head() -> None:
    """Deleting the last entry leaves a consistent chain, but the head anchor disagrees."""
    records = _chain(5)
    verdict = verify_chain(records[:-1], (5, records[-1].entry_hash))
    assert not verdict.ok and "末尾" in verdict.reason


def test_details_are_key_order_independent() -> None:
    """Details hash the same whatever order the keys were given in."""
    assert canonical_details({"a": 1, "b": 2}) == canonical_details({"b": 2, "a": 1})
