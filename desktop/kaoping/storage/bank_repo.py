"""Storage of the question bank (题库) and sealed papers in SQL."""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from kaoping.domain.assembly import ItemRef, WeightKind
from kaoping.domain.catalogue import Level
from kaoping.domain.items import ItemMeta, ItemStatus, ItemType
from kaoping.services.ports.bank import (
    CountRow,
    ItemQuery,
    KeyGeneration,
    KeyWrap,
    PaperRecord,
    PaperShare,
    SessionInfo,
    StoredItem,
    StoredVersion,
    UserKey,
)
from kaoping.storage.bank_tables import (
    BankItemRow,
    BankItemVersionRow,
    BankKeyGenerationRow,
    BankKeyWrapRow,
    BankUserKeyRow,
    PaperItemRow,
    PaperRow,
    PaperShareRow,
)
from kaoping.storage.exams_tables import ExamSessionRow
from kaoping.storage.plan_tables import BatchRow, PlanRow

_USED_STATUSES = ("assembled", "sealed")


def _aware(moment: datetime) -> datetime:
    # SQLite hands back naive datetimes; every stored time is UTC.
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def _maybe_aware(moment: datetime | None) -> datetime | None:
    return None if moment is None else _aware(moment)


def _meta(row: BankItemRow) -> ItemMeta:
    return ItemMeta(
        occupation_code=row.occupation_code,
        direction=row.direction,
        level=Level(row.level),
        knowledge_area=row.knowledge_area,
        item_type=ItemType(row.item_type),
        difficulty=row.difficulty,
        status=ItemStatus(row.status),
        version=row.current_version,
        author_id=str(row.author_id),
    )


def _item(row: BankItemRow) -> StoredItem:
    return StoredItem(row.id, _meta(row), _aware(row.created_at), _aware(row.updated_at))


def _version(row: BankItemVersionRow) -> StoredVersion:
    return StoredVersion(
        row.item_id,
        row.version,
        row.knowledge_area,
        ItemType(row.item_type),
        row.difficulty,
        row.ciphertext,
        row.generation,
        row.author_id,
        _aware(row.created_at),
    )


def _paper(row: PaperRow) -> PaperRecord:
    return PaperRecord(
        paper_id=row.id,
        code=row.code,
        occupation_code=row.occupation_code,
        direction=row.direction,
        level=Level(row.level),
        kind=WeightKind(row.kind),
        item_count=row.item_count,
        seed=row.seed,
        session_id=row.session_id,
        status=row.status,
        created_at=_aware(row.created_at),
        created_by=row.created_by,
        sealed_at=_maybe_aware(row.sealed_at),
        sealed_by=row.sealed_by,
        imported=row.imported,
        session_code=row.session_code,
        window_opens_at=_maybe_aware(row.window_opens_at),
        window_closes_at=_maybe_aware(row.window_closes_at),
        notices=tuple(json.loads(row.notices or "[]")),
        opened_count=row.opened_count or 0,
        last_opened_at=_maybe_aware(row.last_opened_at),
        last_opened_by=row.last_opened_by or "",
    )


class SqlBankRepository:
    """Implements `services.ports_bank.BankRepository`."""

    def __init__(self, session: Session) -> None:
        self._s = session

    # -- key pairs, generations and wraps -------------------------------------------------

    def user_key(self, user_id: int) -> UserKey | None:
        """A user's key pair, or None."""
        row = self._s.get(BankUserKeyRow, user_id)
        if row is None:
            return None
        return UserKey(row.user_id, row.public_key, row.private_wrapped, row.regrant_needed)

    def put_user_key(self, key: UserKey, now: datetime) -> None:
        """Insert or replace a user's key pair."""
        row = self._s.get(BankUserKeyRow, key.user_id)
        if row is None:
            row = BankUserKeyRow(user_id=key.user_id, created_at=now)
            self._s.add(row)
        row.public_key = key.public_key
        row.private_wrapped = key.private_wrapped
        row.regrant_needed = key.regrant_needed
        self._s.flush()

    def current_generation(self) -> KeyGeneration | None:
        """The newest bank key generation, or None before the bank is initialised."""
        row = self._s.scalars(
            select(BankKeyGenerationRow).order_by(BankKeyGenerationRow.generation.desc()).limit(1)
        ).one_or_none()
        if row is None:
            return None
        return KeyGeneration(row.generation, row.key_check, _aware(row.created_at), row.created_by)

    def add_generation(self, generation: KeyGeneration) -> None:
        """Record a new bank key generation."""
        self._s.add(
            BankKeyGenerationRow(
                generation=generation.generation,
                key_check=generation.key_check,
                created_at=generation.created_at,
                created_by=generation.created_by,
            )
        )
        self._s.flush()

    def wrap_for(self, user_id: int) -> KeyWrap | None:
        """A user's copy of the bank key, or None."""
        row = self._s.get(BankKeyWrapRow, user_id)
        return None if row is None else self._wrap(row)

    @staticmethod
    def _wrap(row: BankKeyWrapRow) -> KeyWrap:
        return KeyWrap(
            row.user_id,
            row.generation,
            row.kind,
            row.wrapped,
            row.granted_by,
            _aware(row.granted_at),
        )

    def wraps(self) -> list[KeyWrap]:
        """Every holder's copy, by user id."""
        rows = self._s.scalars(select(BankKeyWrapRow).order_by(BankKeyWrapRow.user_id))
        return [self._wrap(row) for row in rows]

    def put_wrap(self, wrap: KeyWrap) -> None:
        """Insert or replace a holder's copy."""
        row = self._s.get(BankKeyWrapRow, wrap.user_id)
        if row is None:
            row = BankKeyWrapRow(user_id=wrap.user_id)
            self._s.add(row)
        row.generation = wrap.generation
        row.kind = wrap.kind
        row.wrapped = wrap.wrapped
        row.granted_by = wrap.granted_by
        row.granted_at = wrap.granted_at
        self._s.flush()

    def delete_wrap(self, user_id: int) -> None:
        """Remove a holder's copy."""
        self._s.execute(delete(BankKeyWrapRow).where(BankKeyWrapRow.user_id == user_id))
        self._s.flush()

    # -- items ----------------------------------------------------------------------------

    def add_item(self, item_id: str, meta: ItemMeta, now: datetime) -> None:
        """Insert an item's catalogue row (its first version follows with `add_version`)."""
        row = BankItemRow(id=item_id, created_at=now)
        _fill(row, meta, now)
        self._s.add(row)
        self._s.flush()

    def update_item(self, item_id: str, meta: ItemMeta, now: datetime) -> None:
        """Replace an item's current catalogue data, status and version."""
        _fill(self._s.get_one(BankItemRow, item_id), meta, now)
        self._s.flush()

    def add_version(self, version: StoredVersion) -> None:
        """Insert one version's ciphertext."""
        self._s.add(
            BankItemVersionRow(
                item_id=version.item_id,
                version=version.version,
                knowledge_area=version.knowledge_area,
                item_type=version.item_type.value,
                difficulty=version.difficulty,
                ciphertext=version.ciphertext,
                generation=version.generation,
                author_id=version.author_id,
                created_at=version.created_at,
            )
        )
        self._s.flush()

    def item(self, item_id: str) -> StoredItem | None:
        """One item's catalogue data, or None."""
        row = self._s.get(BankItemRow, item_id)
        return None if row is None else _item(row)

    def version(self, item_id: str, version: int) -> StoredVersion | None:
        """One stored version, or None."""
        row = self._s.get(BankItemVersionRow, (item_id, version))
        return None if row is None else _version(row)

    def versions(self) -> Iterator[StoredVersion]:
        """Every version of every item (for key rotation and backup export)."""
        stmt = select(BankItemVersionRow).order_by(
            BankItemVersionRow.item_id, BankItemVersionRow.version
        )
        for row in self._s.scalars(stmt).all():
            yield _version(row)

    def replace_ciphertext(
        self, item_id: str, version: int, ciphertext: bytes, generation: int
    ) -> None:
        """Store a version re-encrypted under a new bank key."""
        row = self._s.get_one(BankItemVersionRow, (item_id, version))
        row.ciphertext = ciphertext
        row.generation = generation

    def items(self, query: ItemQuery) -> list[StoredItem]:
        """Items matching the query, newest first."""
        stmt = select(BankItemRow).order_by(BankItemRow.updated_at.desc(), BankItemRow.id)
        if query.occupation_code:
            stmt = stmt.where(BankItemRow.occupation_code == query.occupation_code)
        if query.level is not None:
            stmt = stmt.where(BankItemRow.level == query.level.value)
        if query.status is not None:
            stmt = stmt.where(BankItemRow.status == query.status.value)
        if query.knowledge_area:
            stmt = stmt.where(BankItemRow.knowledge_area == query.knowledge_area)
        if query.author_id is not None:
            stmt = stmt.where(BankItemRow.author_id == query.author_id)
        return [_item(row) for row in self._s.scalars(stmt.limit(query.limit))]

    def counts(self) -> list[CountRow]:
        """Item counts grouped by occupation, level, knowledge area and status."""
        columns = (
            BankItemRow.occupation_code,
            BankItemRow.level,
            BankItemRow.knowledge_area,
            BankItemRow.status,
        )
        stmt = select(*columns, func.count()).group_by(*columns).order_by(*columns)
        return [
            CountRow(occ, Level(level), area, ItemStatus(status), int(count))
            for occ, level, area, status, count in self._s.execute(stmt)
        ]

    def approved_refs(self, occupation_code: str, direction: str, level: Level) -> list[ItemRef]:
        """Approved items for a paper: the occupation and level, the direction or all-direction."""
        stmt = select(BankItemRow).where(
            BankItemRow.occupation_code == occupation_code,
            BankItemRow.level == level.value,
            BankItemRow.status == ItemStatus.APPROVED.value,
            BankItemRow.direction.in_(("", direction)),
        )
        return [
            ItemRef(
                row.id,
                row.current_version,
                row.knowledge_area,
                ItemType(row.item_type),
                row.difficulty,
            )
            for row in self._s.scalars(stmt)
        ]

    # -- sessions -------------------------------------------------------------------------

    def _session_info(self, row: ExamSessionRow) -> SessionInfo:
        batch = self._s.get_one(BatchRow, row.batch_id)
        plan = self._s.get_one(PlanRow, batch.plan_id)
        return SessionInfo(
            row.id,
            row.code,
            batch.code,
            plan.occupation_code,
            plan.direction,
            Level(plan.level),
            _aware(row.starts_at),
            _aware(row.ends_at),
        )

    def session_info(self, session_id: int) -> SessionInfo | None:
        """An exam session with its batch's occupation and level, or None."""
        row = self._s.get(ExamSessionRow, session_id)
        return None if row is None else self._session_info(row)

    def sessions(self) -> list[SessionInfo]:
        """Every exam session, soonest first."""
        rows = self._s.scalars(select(ExamSessionRow).order_by(ExamSessionRow.starts_at))
        return [self._session_info(row) for row in rows]

    # -- papers ---------------------------------------------------------------------------

    def add_paper(self, paper: PaperRecord, items: Sequence[tuple[str, int]]) -> None:
        """Insert an assembled paper and its item versions in order."""
        self._s.add(
            PaperRow(
                id=paper.paper_id,
                code=paper.code,
                occupation_code=paper.occupation_code,
                direction=paper.direction,
                level=paper.level.value,
                kind=paper.kind.value,
                item_count=paper.item_count,
                seed=paper.seed,
                session_id=paper.session_id,
                session_code=paper.session_code,
                status=paper.status,
                notices=json.dumps(list(paper.notices), ensure_ascii=False),
                created_at=paper.created_at,
                created_by=paper.created_by,
                sealed_at=paper.sealed_at,
                sealed_by=paper.sealed_by,
                imported=paper.imported,
                window_opens_at=paper.window_opens_at,
                window_closes_at=paper.window_closes_at,
            )
        )
        self._s.flush()
        self._s.add_all(
            PaperItemRow(
                paper_id=paper.paper_id, position=position, item_id=item_id, version=version
            )
            for position, (item_id, version) in enumerate(items, start=1)
        )
        self._s.flush()

    def paper(self, paper_id: str) -> PaperRecord | None:
        """One paper, or None."""
        row = self._s.get(PaperRow, paper_id)
        return None if row is None else _paper(row)

    def paper_by_code(self, code: str) -> PaperRecord | None:
        """The paper with this code, or None."""
        row = self._s.scalars(select(PaperRow).where(PaperRow.code == code)).one_or_none()
        return None if row is None else _paper(row)

    def papers(self) -> list[PaperRecord]:
        """Every paper, newest first."""
        stmt = select(PaperRow).order_by(PaperRow.created_at.desc(), PaperRow.code.desc())
        return [_paper(row) for row in self._s.scalars(stmt)]

    def paper_items(self, paper_id: str) -> list[tuple[str, int]]:
        """(item id, version) in paper order."""
        stmt = (
            select(PaperItemRow.item_id, PaperItemRow.version)
            .where(PaperItemRow.paper_id == paper_id)
            .order_by(PaperItemRow.position)
        )
        return [(item_id, version) for item_id, version in self._s.execute(stmt)]

    def recent_usage(
        self, occupation_code: str, level: Level, kind: WeightKind, window: int
    ) -> dict[str, int]:
        """Item id → how many papers ago it was last used, over the last `window` local papers."""
        stmt = (
            select(PaperRow.id)
            .where(
                PaperRow.occupation_code == occupation_code,
                PaperRow.level == level.value,
                PaperRow.kind == kind.value,
                PaperRow.imported.is_(False),
                PaperRow.status.in_(_USED_STATUSES),
            )
            .order_by(PaperRow.created_at.desc(), PaperRow.code.desc())
            .limit(max(window, 0))
        )
        usage: dict[str, int] = {}
        for ago, paper_id in enumerate(self._s.scalars(stmt).all(), start=1):
            for item_id in self._s.scalars(
                select(PaperItemRow.item_id).where(PaperItemRow.paper_id == paper_id)
            ):
                usage.setdefault(item_id, ago)
        return usage

    def seal_paper(
        self, paper_id: str, blob: bytes, shares: Sequence[PaperShare], now: datetime, by: str
    ) -> None:
        """Store the sealed paper and its openers' shares."""
        row = self._s.get_one(PaperRow, paper_id)
        row.blob = blob
        row.status = "sealed"
        row.sealed_at = now
        row.sealed_by = by
        self._s.add_all(
            PaperShareRow(
                paper_id=paper_id,
                x=share.x,
                username=share.username,
                display_name=share.display_name,
                share=share.share,
                public_key=share.public_key,
                private_wrapped=share.private_wrapped,
            )
            for share in shares
        )
        self._s.flush()

    def paper_blob(self, paper_id: str) -> bytes | None:
        """The sealed paper's ciphertext, or None."""
        row = self._s.get(PaperRow, paper_id)
        return None if row is None else row.blob

    def record_opening(self, paper_id: str, now: datetime, by: str) -> None:
        """Count one opening of a sealed paper and keep when and by whom."""
        row = self._s.get_one(PaperRow, paper_id)
        row.opened_count = (row.opened_count or 0) + 1
        row.last_opened_at = now
        row.last_opened_by = by[:140]

    def shares(self, paper_id: str) -> list[PaperShare]:
        """The openers' shares of a paper."""
        stmt = (
            select(PaperShareRow)
            .where(PaperShareRow.paper_id == paper_id)
            .order_by(PaperShareRow.x)
        )
        return [
            PaperShare(
                r.paper_id,
                r.x,
                r.username,
                r.display_name,
                r.share,
                r.public_key,
                r.private_wrapped,
            )
            for r in self._s.scalars(stmt)
        ]


def _fill(row: BankItemRow, meta: ItemMeta, now: datetime) -> None:
    row.occupation_code = meta.occupation_code
    row.direction = meta.direction
    row.level = meta.level.value
    row.knowledge_area = meta.knowledge_area
    row.item_type = meta.item_type.value
    row.difficulty = meta.difficulty
    row.status = meta.status.value
    row.current_version = meta.version
    row.author_id = int(meta.author_id)
    row.updated_at = now
