"""Importing items into the question bank (题库) from the Excel template or a JSON file.

Every row is checked against the catalogue and the weight tables; with all-or-nothing (the
default) one bad row means nothing is written, and a cancelled import writes nothing either.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kaoping.domain.assembly import WeightKind, WeightTable
from kaoping.domain.catalogue import Level
from kaoping.domain.errors import ValidationError
from kaoping.domain.items import (
    MAX_DIFFICULTY,
    MIN_DIFFICULTY,
    ItemContent,
    ItemMeta,
    ItemStatus,
    ItemType,
)
from kaoping.domain.roles import Permission
from kaoping.services.bank._common import (
    BankUnlock,
    Progress,
    check_unlock,
    new_item,
    require_printable,
)
from kaoping.services.bank.weights import check_meta, weight_tables
from kaoping.services.base import Actor, Env, guarded, reading
from kaoping.services.ports.bank import RawItem, RowProblem
from kaoping.services.ports.core import UnitOfWork


@dataclass(frozen=True)
class ImportReport:
    """What an item import did.

    Attributes:
        imported: Items written.
        problems: Bad rows (row, field, reason); with all-or-nothing, any problem means none
            were written.
        cancelled: The user cancelled; nothing was written.
        total: Rows read from the file.
    """

    imported: int
    problems: tuple[RowProblem, ...]
    cancelled: bool
    total: int


class _Cancelled(Exception):
    """Leaves an import's transaction so it rolls back; `by_user` when the user cancelled."""

    def __init__(self, by_user: bool) -> None:
        super().__init__("cancelled" if by_user else "rejected")
        self.by_user = by_user


def write_import_template(env: Env, actor: Actor, path: Path) -> None:
    """Write the empty Excel import template (column headings and one explanation row)."""
    with reading(env, actor, Permission.BANK_WRITE_DRAFT):
        files = env.adapters.item_files
        files.write_template(path)


def _parse_choice(
    text: str, parse: Callable[[str], Any], field_name: str, row: int, problems: list[RowProblem]
) -> Any:
    try:
        return parse(text)
    except ValueError as error:
        problems.append(RowProblem(row, field_name, str(error)))
        return None


def _item_type(text: str) -> ItemType:
    cleaned = text.strip()
    for item_type in ItemType:
        if cleaned in (item_type.value, item_type.label, item_type.label.removesuffix("题")):
            return item_type
    raise ValueError(f"未知题型“{cleaned}”，应为：{'、'.join(t.label for t in ItemType)}")


def _difficulty(text: str) -> int:
    try:
        value = int(text.strip())
    except ValueError:
        value = 0
    if not MIN_DIFFICULTY <= value <= MAX_DIFFICULTY:
        raise ValueError(f"难度应为 {MIN_DIFFICULTY}–{MAX_DIFFICULTY} 的整数")
    return value


def _checked_row(
    env: Env, uow: UnitOfWork, tables: dict[tuple[str, WeightKind], WeightTable], raw: RawItem
) -> tuple[ItemMeta, ItemContent] | list[RowProblem]:
    problems: list[RowProblem] = []
    level = _parse_choice(raw.level, Level.from_label, "等级", raw.row, problems)
    item_type = _parse_choice(raw.item_type, _item_type, "题型", raw.row, problems)
    difficulty = _parse_choice(raw.difficulty, _difficulty, "难度", raw.row, problems)
    if problems:
        return problems
    content = ItemContent(raw.stem, raw.options, raw.answer, raw.rubric, raw.attachments)
    try:
        meta = ItemMeta(
            raw.occupation_code.strip(),
            raw.direction.strip(),
            level,
            raw.knowledge_area.strip(),
            item_type,
            difficulty,
        )
        check_meta(uow, tables, meta)
        content.validate(meta.item_type)
        require_printable(env, content)
    except ValidationError as error:
        return [RowProblem(raw.row, error.field or "题目", error.message)]
    return meta, content


def import_items(
    env: Env,
    actor: Actor,
    unlock: BankUnlock,
    path: Path,
    *,
    all_or_nothing: bool = True,
    approve: bool = False,
    progress: Progress | None = None,
) -> ImportReport:
    """Import items from an Excel template or a JSON file (docs/item-json.md), in one transaction.

    Args:
        env: Services environment.
        actor: The importing user; writers import drafts.
        unlock: The session's bank key.
        path: The file (.xlsx or .json).
        all_or_nothing: With any bad row, import nothing (otherwise import the good rows).
        approve: Import as approved (bank admins only, for items already reviewed elsewhere).
        progress: Called with (done, total); returning False cancels and writes nothing.
    """
    files = env.adapters.item_files
    parsed = files.read(path)
    return import_rows(
        env,
        actor,
        unlock,
        parsed.rows,
        parsed.problems,
        source=path.name,
        all_or_nothing=all_or_nothing,
        approve=approve,
        progress=progress,
    )


def import_rows(
    env: Env,
    actor: Actor,
    unlock: BankUnlock,
    rows: Sequence[RawItem],
    known_problems: Sequence[RowProblem] = (),
    *,
    source: str = "",
    all_or_nothing: bool = True,
    approve: bool = False,
    progress: Progress | None = None,
) -> ImportReport:
    """Check and import items already read from a file; see `import_items`."""
    tables = weight_tables(env)
    permission = Permission.BANK_MANAGE if approve else Permission.BANK_WRITE_DRAFT
    status = ItemStatus.APPROVED if approve else ItemStatus.DRAFT
    problems = list(known_problems)
    total = len({raw.row for raw in rows} | {p.row for p in problems})
    good: list[tuple[ItemMeta, ItemContent]] = []
    try:
        with guarded(env, actor, permission, "bank.import", source) as tx:
            check_unlock(tx.uow, actor, unlock)
            for raw in rows:
                checked = _checked_row(env, tx.uow, tables, raw)
                if isinstance(checked, list):
                    problems.extend(checked)
                else:
                    good.append(checked)
            if problems and all_or_nothing:
                raise _Cancelled(by_user=False)
            for done, (meta, content) in enumerate(good, start=1):
                new_item(env, tx.uow, unlock, actor, meta, content, status)
                if progress is not None and not progress(done, len(good)):
                    raise _Cancelled(by_user=True)
            tx.record(
                imported=len(good), bad_rows=len({p.row for p in problems}), status=status.value
            )
    except _Cancelled as stop:
        problems.sort(key=lambda p: p.row)
        return ImportReport(0, tuple(problems), stop.by_user, total)
    problems.sort(key=lambda p: p.row)
    return ImportReport(len(good), tuple(problems), False, total)
