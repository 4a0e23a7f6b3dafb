"""Score history, session locks and overall results in SQL."""

from __future__ import annotations

from collections.abc import Collection
from datetime import UTC, datetime
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from kaoping.domain.assessment import Component
from kaoping.domain.catalogue import Level
from kaoping.domain.scoring import ResultStatus, ScoreStatus
from kaoping.services.ports.scores import (
    SESSION_CONFIRMED,
    CandidateFacts,
    EventKind,
    ScoringSeat,
    ScoringSession,
    StoredResult,
    StoredScoreEvent,
)
from kaoping.storage.exams_tables import ExamSessionRow, ResultRow, SeatRow
from kaoping.storage.intake_tables import CandidateRow
from kaoping.storage.scores_tables import ScoreEventRow


def _utc(moment: datetime) -> datetime:
    # SQLite hands back naive datetimes; every stored time is UTC.
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def _aware(moment: datetime | None) -> datetime | None:
    return None if moment is None else _utc(moment)


def _session(row: ExamSessionRow) -> ScoringSession:
    return ScoringSession(
        row.id,
        row.batch_id,
        row.code,
        Component(row.component),
        row.site,
        row.room,
        _utc(row.starts_at),
        row.status,
        _aware(row.confirmed_at),
        row.confirmed_by,
    )


def _seat(seat: SeatRow, cand: CandidateRow) -> ScoringSeat:
    return ScoringSeat(
        seat.seat_no,
        seat.ticket_no,
        cand.id,
        cand.name,
        cand.id_masked,
        seat.attendance,
        cand.occupation_code,
        Level(cand.level),
        cand.status,
    )


def _facts(row: CandidateRow) -> CandidateFacts:
    return CandidateFacts(
        row.id,
        row.batch_id,
        row.name,
        row.id_masked,
        row.occupation_code,
        Level(row.level),
        row.status,
    )


def _text(value: Decimal | None) -> str:
    return "" if value is None else format(value, "f")


def _decimal(text: str) -> Decimal | None:
    return Decimal(text) if text else None


def _status(text: str) -> ScoreStatus | None:
    return ScoreStatus(text) if text else None


def _event(row: ScoreEventRow) -> StoredScoreEvent:
    return StoredScoreEvent(
        id=row.id,
        session_id=row.session_id,
        candidate_id=row.candidate_id,
        component=Component(row.component),
        kind=EventKind(row.kind),
        at=_utc(row.at),
        actor=row.actor,
        status=_status(row.status),
        value=_decimal(row.value),
        old_status=_status(row.old_status),
        old_value=_decimal(row.old_value),
        approver=row.approver,
        reason=row.reason,
        ref_id=row.ref_id,
        source=row.source,
    )


def _result(row: ResultRow) -> StoredResult:
    reasons = tuple(r for r in row.reasons.split("\n") if r)
    return StoredResult(
        row.candidate_id,
        row.batch_id,
        ResultStatus(row.outcome),
        reasons,
        _utc(row.confirmed_at),
        row.confirmed_by,
    )


class SqlScoreRepository:
    """Implements `services.ports_scores.ScoreRepository`."""

    def __init__(self, session: Session) -> None:
        self._s = session

    def session(self, session_id: int) -> ScoringSession | None:
        """One session, or None."""
        row = self._s.get(ExamSessionRow, session_id)
        return None if row is None else _session(row)

    def sessions(self, batch_id: int | None = None) -> list[ScoringSession]:
        """Sessions by start time, optionally of one batch."""
        stmt = select(ExamSessionRow).order_by(ExamSessionRow.starts_at, ExamSessionRow.id)
        if batch_id is not None:
            stmt = stmt.where(ExamSessionRow.batch_id == batch_id)
        return [_session(r) for r in self._s.scalars(stmt)]

    def seats(self, session_id: int) -> list[ScoringSeat]:
        """The seats of a session by seat number."""
        stmt = (
            select(SeatRow, CandidateRow)
            .join(CandidateRow, SeatRow.candidate_id == CandidateRow.id)
            .where(SeatRow.session_id == session_id)
            .order_by(SeatRow.seat_no)
        )
        return [_seat(seat, cand) for seat, cand in self._s.execute(stmt)]

    def seat_by_id_number(self, session_id: int, id_number: str) -> ScoringSeat | None:
        """The seat of the candidate with this full ID number in a session, or None."""
        stmt = (
            select(SeatRow, CandidateRow)
            .join(CandidateRow, SeatRow.candidate_id == CandidateRow.id)
            .where(
                SeatRow.session_id == session_id,
                CandidateRow.id_number == id_number.strip().upper(),
            )
        )
        found = self._s.execute(stmt).first()
        return None if found is None else _seat(*found)

    def candidates(self, candidate_ids: Collection[int]) -> list[CandidateFacts]:
        """Facts about the given candidates."""
        stmt = select(CandidateRow).where(CandidateRow.id.in_(list(candidate_ids)))
        return [_facts(r) for r in self._s.scalars(stmt.order_by(CandidateRow.id))]

    def batch_candidates(self, batch_id: int) -> list[CandidateFacts]:
        """Every candidate of a batch, by id."""
        stmt = select(CandidateRow).where(CandidateRow.batch_id == batch_id)
        return [_facts(r) for r in self._s.scalars(stmt.order_by(CandidateRow.id))]

    def events(self, candidate_ids: Collection[int]) -> list[StoredScoreEvent]:
        """The score history of the given candidates, oldest first."""
        stmt = (
            select(ScoreEventRow)
            .where(ScoreEventRow.candidate_id.in_(list(candidate_ids)))
            .order_by(ScoreEventRow.id)
        )
        return [_event(r) for r in self._s.scalars(stmt)]

    def event(self, event_id: int) -> StoredScoreEvent | None:
        """One history row, or None."""
        row = self._s.get(ScoreEventRow, event_id)
        return None if row is None else _event(row)

    def add_event(self, event: StoredScoreEvent) -> int:
        """Append a history row; returns its id."""
        row = ScoreEventRow(
            session_id=event.session_id,
            candidate_id=event.candidate_id,
            component=event.component.value,
            kind=event.kind.value,
            status=event.status.value if event.status else "",
            value=_text(event.value),
            old_status=event.old_status.value if event.old_status else "",
            old_value=_text(event.old_value),
            actor=event.actor,
            approver=event.approver,
            reason=event.reason,
            ref_id=event.ref_id,
            source=event.source,
            at=event.at,
        )
        self._s.add(row)
        self._s.flush()
        return row.id

    def mark_session_confirmed(self, session_id: int, at: datetime, by: str) -> None:
        """Set the session's status to confirmed, with when and by whom."""
        row = self._s.get_one(ExamSessionRow, session_id)
        row.status = SESSION_CONFIRMED
        row.confirmed_at = at
        row.confirmed_by = by
        self._s.flush()

    def save_result(self, result: StoredResult) -> None:
        """Write or refresh a candidate's overall result."""
        row = self._s.scalars(
            select(ResultRow).where(ResultRow.candidate_id == result.candidate_id)
        ).one_or_none()
        if row is None:
            row = ResultRow(candidate_id=result.candidate_id)
            self._s.add(row)
        row.batch_id = result.batch_id
        row.outcome = result.outcome
        row.reasons = "\n".join(result.reasons)
        row.confirmed_at = result.confirmed_at
        row.confirmed_by = result.confirmed_by
        self._s.flush()

    def result(self, candidate_id: int) -> StoredResult | None:
        """A candidate's overall result, or None."""
        row = self._s.scalars(
            select(ResultRow).where(ResultRow.candidate_id == candidate_id)
        ).one_or_none()
        return None if row is None else _result(row)

    def results(self, batch_id: int) -> list[StoredResult]:
        """Every overall result of a batch."""
        stmt = (
            select(ResultRow).where(ResultRow.batch_id == batch_id).order_by(ResultRow.candidate_id)
        )
        return [_result(r) for r in self._s.scalars(stmt)]
