"""Candidate photos in SQL (implements `services.ports.photos.PhotoRepository`)."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import UTC, datetime

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from kaoping.domain.roster import CandidateStatus
from kaoping.services.ports.photos import PhotoTarget, StoredPhoto
from kaoping.storage.exams_tables import SeatRow
from kaoping.storage.intake_tables import CandidateRow
from kaoping.storage.photos_tables import CandidatePhotoRow

_CHUNK = 500  # ids per IN (...) list: well inside every database's parameter limit


def _chunks(ids: Collection[int]) -> list[list[int]]:
    ordered = sorted(set(ids))
    return [ordered[i : i + _CHUNK] for i in range(0, len(ordered), _CHUNK)]


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


class SqlPhotoRepository:
    """Implements `services.ports.photos.PhotoRepository`."""

    def __init__(self, session: Session) -> None:
        self._s = session

    def put(self, photo: StoredPhoto) -> bool:
        """Store or replace a candidate's photo; True when one was replaced."""
        return self.put_many([photo]) == 1

    def put_many(self, photos: Sequence[StoredPhoto]) -> int:
        """Store or replace many photos; returns how many replaced an earlier one."""
        existing: dict[int, CandidatePhotoRow] = {}
        for chunk in _chunks([p.candidate_id for p in photos]):
            rows = self._s.scalars(
                select(CandidatePhotoRow).where(CandidatePhotoRow.candidate_id.in_(chunk))
            )
            existing.update({row.candidate_id: row for row in rows})
        for photo in photos:
            row = existing.get(photo.candidate_id)
            if row is None:
                self._s.add(_row(photo))
            else:
                row.jpeg, row.original_sha256 = photo.jpeg, photo.original_sha256
                row.width, row.height = photo.width, photo.height
                row.imported_at = photo.imported_at or datetime.now(UTC)
                row.imported_by = photo.imported_by
                row.screened_with = photo.screened_with
                row.pixel_sha256 = photo.pixel_sha256
        self._s.flush()
        return len(existing)

    def get(self, candidate_id: int) -> StoredPhoto | None:
        """One candidate's photo, or None."""
        row = self._s.get(CandidatePhotoRow, candidate_id)
        if row is None:
            return None
        return StoredPhoto(
            row.candidate_id,
            row.jpeg,
            row.original_sha256,
            row.width,
            row.height,
            _aware(row.imported_at),
            row.imported_by,
            row.screened_with,
            row.pixel_sha256,
        )

    def of(self, candidate_ids: Collection[int]) -> dict[int, bytes]:
        """The stored pictures of these candidates (those that have one)."""
        found: dict[int, bytes] = {}
        for chunk in _chunks(candidate_ids):
            stmt = select(CandidatePhotoRow.candidate_id, CandidatePhotoRow.jpeg).where(
                CandidatePhotoRow.candidate_id.in_(chunk)
            )
            found.update({cid: jpeg for cid, jpeg in self._s.execute(stmt)})
        return found

    def has(self, candidate_ids: Collection[int]) -> set[int]:
        """Which of these candidates have a photo."""
        found: set[int] = set()
        for chunk in _chunks(candidate_ids):
            found.update(
                self._s.scalars(
                    select(CandidatePhotoRow.candidate_id).where(
                        CandidatePhotoRow.candidate_id.in_(chunk)
                    )
                )
            )
        return found

    def delete(self, candidate_ids: Collection[int]) -> int:
        """Delete these candidates' photos; returns how many there were."""
        gone = 0
        for chunk in _chunks(candidate_ids):
            gone += len(self.has(chunk))
            self._s.execute(
                delete(CandidatePhotoRow).where(CandidatePhotoRow.candidate_id.in_(chunk))
            )
        return gone

    def delete_batch(self, batch_id: int) -> int:
        """Delete the photos of every candidate of a batch (any status); returns how many."""
        ids = list(
            self._s.scalars(select(CandidateRow.id).where(CandidateRow.batch_id == batch_id))
        )
        return self.delete(ids)

    def targets(self, batch_id: int) -> list[PhotoTarget]:
        """The active candidates of a batch with their full ID and ticket numbers."""
        stmt = (
            select(CandidateRow.id, CandidateRow.name, CandidateRow.id_number, SeatRow.ticket_no)
            .outerjoin(SeatRow, SeatRow.candidate_id == CandidateRow.id)
            .where(
                CandidateRow.batch_id == batch_id,
                CandidateRow.status == CandidateStatus.ACTIVE.value,
            )
            .order_by(CandidateRow.id)
        )
        found: dict[int, PhotoTarget] = {}
        for cid, name, id_number, ticket in self._s.execute(stmt):
            known = found.get(cid)
            tickets = (*known.ticket_numbers, ticket) if known else ((ticket,) if ticket else ())
            found[cid] = PhotoTarget(cid, name, id_number, tuple(t for t in tickets if t))
        return list(found.values())

    def count(self, batch_id: int) -> tuple[int, int]:
        """(candidates with a photo, active candidates) in a batch."""
        active = CandidateRow.status == CandidateStatus.ACTIVE.value
        total = self._s.scalar(
            select(func.count()).where(CandidateRow.batch_id == batch_id, active)
        )
        with_photo = self._s.scalar(
            select(func.count())
            .select_from(CandidatePhotoRow)
            .join(CandidateRow, CandidateRow.id == CandidatePhotoRow.candidate_id)
            .where(CandidateRow.batch_id == batch_id, active)
        )
        return int(with_photo or 0), int(total or 0)


def _row(photo: StoredPhoto) -> CandidatePhotoRow:
    return CandidatePhotoRow(
        candidate_id=photo.candidate_id,
        jpeg=photo.jpeg,
        original_sha256=photo.original_sha256,
        width=photo.width,
        height=photo.height,
        imported_at=photo.imported_at or datetime.now(UTC),
        imported_by=photo.imported_by,
        screened_with=photo.screened_with,
        pixel_sha256=photo.pixel_sha256,
    )
