"""Storage of sessions, examiners, check-in and scores in SQL."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import UTC, datetime

from sqlalchemy import ColumnElement, Select, delete, func, select
from sqlalchemy.orm import Session

from kaoping.domain.assessment import Component
from kaoping.domain.catalogue import Level
from kaoping.domain.staffing import ConflictKind, StaffRole
from kaoping.services.ports.exams import (
    Attendance,
    ConflictInfo,
    ExaminerDraft,
    ExaminerInfo,
    IncidentInfo,
    IncidentKind,
    NewSession,
    SeatView,
    SessionInfo,
    StaffSlot,
)
from kaoping.storage.exams_tables import ExamSessionRow, SeatRow
from kaoping.storage.intake_tables import CandidateRow
from kaoping.storage.photos_tables import CandidatePhotoRow
from kaoping.storage.sites_tables import (
    ExaminerConflictRow,
    ExaminerRow,
    IncidentRow,
    SessionNumberRow,
    SessionStaffRow,
)

# sessions and check-in: row mapping


def _utc(moment: datetime) -> datetime:
    # SQLite hands back naive datetimes; every stored time is UTC.
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def _utc_or_none(moment: datetime | None) -> datetime | None:
    return None if moment is None else _utc(moment)


def _split(text: str) -> list[str]:
    return [part for part in text.split(",") if part]


def _examiner(row: ExaminerRow) -> ExaminerInfo:
    return ExaminerInfo(
        row.id,
        row.name,
        frozenset(StaffRole(r) for r in _split(row.roles)),
        frozenset(_split(row.occupations)),
        None if row.qualified_level is None else Level(row.qualified_level),
        row.certificate_no,
        row.employer,
        row.phone,
        row.user_id,
        row.active,
    )


def _fill_examiner(row: ExaminerRow, draft: ExaminerDraft) -> None:
    row.name = draft.name
    row.roles = ",".join(sorted(r.value for r in draft.roles))
    row.occupations = ",".join(sorted(draft.occupations))
    row.qualified_level = None if draft.level is None else draft.level.value
    row.certificate_no = draft.certificate_no
    row.employer = draft.employer
    row.phone = draft.phone
    row.user_id = draft.user_id


_SEAT_COLUMNS = (
    SeatRow.id,
    SeatRow.session_id,
    SeatRow.candidate_id,
    SeatRow.seat_no,
    SeatRow.ticket_no,
    SeatRow.attendance,
    SeatRow.checked_in_at,
    CandidateRow.name,
    CandidateRow.id_type,
    CandidateRow.id_masked,
)


class SqlExamRepository:
    """Implements `services.ports_exams.ExamRepository`."""

    def __init__(self, session: Session) -> None:
        self._s = session

    # sessions and check-in

    def _session_info(self, row: ExamSessionRow, room_index: int, seated: int) -> SessionInfo:
        return SessionInfo(
            row.id,
            row.batch_id,
            row.code,
            Component(row.component),
            row.site,
            row.room,
            _utc(row.starts_at),
            _utc(row.ends_at),
            row.capacity,
            row.status,
            room_index,
            seated,
            row.confirmed_at is not None,
        )

    def _sessions(self, stmt: Select[ExamSessionRow]) -> list[SessionInfo]:
        rows = list(self._s.scalars(stmt))
        ids = [r.id for r in rows]
        if not ids:
            return []
        numbers = {
            sid: index
            for sid, index in self._s.execute(
                select(SessionNumberRow.session_id, SessionNumberRow.room_index).where(
                    SessionNumberRow.session_id.in_(ids)
                )
            )
        }
        seated = {
            sid: n
            for sid, n in self._s.execute(
                select(SeatRow.session_id, func.count(SeatRow.id))
                .where(SeatRow.session_id.in_(ids))
                .group_by(SeatRow.session_id)
            )
        }
        return [self._session_info(r, numbers.get(r.id, 0), seated.get(r.id, 0)) for r in rows]

    def add_session(self, new: NewSession, room_index: int, now: datetime) -> int:
        """Insert a session with its room number; returns its id."""
        row = ExamSessionRow(
            batch_id=new.batch_id,
            code=new.code,
            component=new.component.value,
            site=new.site,
            room=new.room,
            starts_at=new.starts_at,
            ends_at=new.ends_at,
            capacity=new.capacity,
            status="planned",
            confirmed_by="",
        )
        self._s.add(row)
        self._s.flush()
        self._s.add(
            SessionNumberRow(session_id=row.id, batch_id=new.batch_id, room_index=room_index)
        )
        self._s.flush()
        return row.id

    def session(self, session_id: int) -> SessionInfo | None:
        """One session, or None."""
        found = self._sessions(select(ExamSessionRow).where(ExamSessionRow.id == session_id))
        return found[0] if found else None

    def session_by_code(self, batch_id: int, code: str) -> SessionInfo | None:
        """The session of a batch with this code, or None."""
        found = self._sessions(
            select(ExamSessionRow).where(
                ExamSessionRow.batch_id == batch_id, ExamSessionRow.code == code
            )
        )
        return found[0] if found else None

    def sessions(self, batch_id: int) -> list[SessionInfo]:
        """A batch's sessions by start time and code."""
        return self._sessions(
            select(ExamSessionRow)
            .where(ExamSessionRow.batch_id == batch_id)
            .order_by(ExamSessionRow.starts_at, ExamSessionRow.code)
        )

    def sessions_in_room(self, site: str, room: str) -> list[SessionInfo]:
        """Every session held in one room of one site."""
        return self._sessions(
            select(ExamSessionRow).where(ExamSessionRow.site == site, ExamSessionRow.room == room)
        )

    def next_room_index(self, batch_id: int) -> int:
        """The next free room number of a batch (1 for the first session)."""
        highest = self._s.scalar(
            select(func.max(SessionNumberRow.room_index)).where(
                SessionNumberRow.batch_id == batch_id
            )
        )
        return (highest or 0) + 1

    def add_examiner(self, draft: ExaminerDraft, now: datetime) -> int:
        """Insert a registry entry; returns its id."""
        row = ExaminerRow(active=True, created_at=now, updated_at=now)
        _fill_examiner(row, draft)
        self._s.add(row)
        self._s.flush()
        return row.id

    def update_examiner(
        self, examiner_id: int, draft: ExaminerDraft, active: bool, now: datetime
    ) -> None:
        """Replace a registry entry's details."""
        row = self._s.get_one(ExaminerRow, examiner_id)
        _fill_examiner(row, draft)
        row.active = active
        row.updated_at = now
        self._s.flush()

    def examiner(self, examiner_id: int) -> ExaminerInfo | None:
        """One registry entry, or None."""
        row = self._s.get(ExaminerRow, examiner_id)
        return None if row is None else _examiner(row)

    def examiner_by_user(self, user_id: int) -> ExaminerInfo | None:
        """The registry entry linked to a sign-in account, or None."""
        row = self._s.scalars(select(ExaminerRow).where(ExaminerRow.user_id == user_id)).first()
        return None if row is None else _examiner(row)

    def examiners(self, active_only: bool = True) -> list[ExaminerInfo]:
        """The registry by name."""
        stmt = select(ExaminerRow).order_by(ExaminerRow.name, ExaminerRow.id)
        if active_only:
            stmt = stmt.where(ExaminerRow.active.is_(True))
        return [_examiner(r) for r in self._s.scalars(stmt)]

    def set_session_staff(
        self, session_id: int, slots: Sequence[tuple[int, StaffRole]], now: datetime, by: str
    ) -> None:
        """Replace the staff of a session with (examiner id, role) pairs."""
        self._s.execute(delete(SessionStaffRow).where(SessionStaffRow.session_id == session_id))
        self._s.add_all(
            [
                SessionStaffRow(
                    session_id=session_id,
                    examiner_id=examiner_id,
                    role=role.value,
                    assigned_at=now,
                    assigned_by=by,
                )
                for examiner_id, role in slots
            ]
        )
        self._s.flush()

    def session_staff(self, session_id: int) -> list[StaffSlot]:
        """The staff of a session."""
        return self.staff_of_sessions([session_id])

    def staff_of_sessions(self, session_ids: Sequence[int]) -> list[StaffSlot]:
        """The staff of several sessions at once."""
        if not session_ids:
            return []
        rows = self._s.execute(
            select(SessionStaffRow, ExaminerRow)
            .join(ExaminerRow, ExaminerRow.id == SessionStaffRow.examiner_id)
            .where(SessionStaffRow.session_id.in_(list(session_ids)))
            .order_by(SessionStaffRow.session_id, SessionStaffRow.role, ExaminerRow.name)
        )
        return [
            StaffSlot(slot.session_id, _examiner(person), StaffRole(slot.role))
            for slot, person in rows
        ]

    def examiner_sessions(self, examiner_id: int) -> list[SessionInfo]:
        """Every session a person is staffing, in any batch."""
        staffed = select(SessionStaffRow.session_id).where(
            SessionStaffRow.examiner_id == examiner_id
        )
        return self._sessions(select(ExamSessionRow).where(ExamSessionRow.id.in_(staffed)))

    def add_conflict(
        self,
        examiner_id: int,
        candidate_id: int,
        kind: ConflictKind,
        note: str,
        now: datetime,
        by: str,
    ) -> None:
        """Record a recusal; replaces an earlier one for the same pair."""
        row = self._s.scalars(
            select(ExaminerConflictRow).where(
                ExaminerConflictRow.examiner_id == examiner_id,
                ExaminerConflictRow.candidate_id == candidate_id,
            )
        ).first()
        if row is None:
            row = ExaminerConflictRow(examiner_id=examiner_id, candidate_id=candidate_id)
            self._s.add(row)
        row.kind, row.note, row.declared_at, row.declared_by = kind.value, note, now, by
        self._s.flush()

    def conflicts_of_candidates(self, candidate_ids: Sequence[int]) -> list[ConflictInfo]:
        """Every recusal declared for these candidates."""
        if not candidate_ids:
            return []
        rows = self._s.scalars(
            select(ExaminerConflictRow).where(
                ExaminerConflictRow.candidate_id.in_(list(candidate_ids))
            )
        )
        return [
            ConflictInfo(
                r.examiner_id,
                r.candidate_id,
                ConflictKind(r.kind),
                r.note,
                _utc(r.declared_at),
                r.declared_by,
            )
            for r in rows
        ]

    def candidate_exists(self, candidate_id: int) -> bool:
        """Whether a candidate row exists."""
        return self.candidate_batch(candidate_id) is not None

    def candidate_batch(self, candidate_id: int) -> int | None:
        """The batch of a candidate, or None when there is no such candidate."""
        return self._s.scalar(select(CandidateRow.batch_id).where(CandidateRow.id == candidate_id))

    def unseated_candidates(self, batch_id: int, component: Component) -> list[int]:
        """Active candidates of a batch without a seat in any session of that component."""
        seated = (
            select(SeatRow.candidate_id)
            .join(ExamSessionRow, ExamSessionRow.id == SeatRow.session_id)
            .where(ExamSessionRow.batch_id == batch_id, ExamSessionRow.component == component.value)
        )
        return list(
            self._s.scalars(
                select(CandidateRow.id)
                .where(
                    CandidateRow.batch_id == batch_id,
                    CandidateRow.status == "active",
                    CandidateRow.id.not_in(seated),
                )
                .order_by(CandidateRow.id)
            )
        )

    def seat_numbers(self, session_id: int) -> list[int]:
        """The seat numbers already given out in a session."""
        return list(
            self._s.scalars(select(SeatRow.seat_no).where(SeatRow.session_id == session_id))
        )

    def add_seats(self, session_id: int, seats: Sequence[tuple[int, int, str]]) -> None:
        """Insert (candidate id, seat number, ticket number) rows."""
        self._s.add_all(
            [
                SeatRow(
                    session_id=session_id,
                    candidate_id=candidate_id,
                    seat_no=seat_no,
                    ticket_no=ticket_no,
                    attendance=Attendance.EXPECTED.value,
                )
                for candidate_id, seat_no, ticket_no in seats
            ]
        )
        self._s.flush()

    def seated_candidate_ids(self, session_id: int) -> list[int]:
        """The candidates seated in a session."""
        return list(
            self._s.scalars(
                select(SeatRow.candidate_id)
                .where(SeatRow.session_id == session_id)
                .order_by(SeatRow.seat_no)
            )
        )

    def _seat_views(
        self, where: Sequence[ColumnElement[bool]], with_photos: bool
    ) -> list[SeatView]:
        columns = (*_SEAT_COLUMNS, CandidatePhotoRow.jpeg) if with_photos else _SEAT_COLUMNS
        stmt = select(*columns).join(CandidateRow, CandidateRow.id == SeatRow.candidate_id)
        if with_photos:
            stmt = stmt.outerjoin(
                CandidatePhotoRow, CandidatePhotoRow.candidate_id == CandidateRow.id
            )
        stmt = stmt.where(*where).order_by(SeatRow.session_id, SeatRow.seat_no)
        return [
            SeatView(
                r[0],
                r[1],
                r[2],
                r[3],
                r[4],
                Attendance(r[5]),
                _utc_or_none(r[6]),
                r[7],
                r[8],
                r[9],
                r[10] if with_photos else None,
            )
            for r in self._s.execute(stmt)
        ]

    def seats(self, session_id: int, with_photos: bool = False) -> list[SeatView]:
        """A session's seats by seat number."""
        return self._seat_views([SeatRow.session_id == session_id], with_photos)

    def seat(self, seat_id: int) -> SeatView | None:
        """One seat (with the photo), or None."""
        found = self._seat_views([SeatRow.id == seat_id], True)
        return found[0] if found else None

    def seats_by_ticket(self, ticket_no: str) -> list[SeatView]:
        """Seats with this admission ticket number (normally one), with photos."""
        return self._seat_views([SeatRow.ticket_no == ticket_no], True)

    def seats_by_id_number(self, id_number: str) -> list[SeatView]:
        """Seats of the candidates with this full ID number, with photos."""
        return self._seat_views([CandidateRow.id_number == id_number], True)

    def set_attendance(self, seat_id: int, state: Attendance, at: datetime | None) -> None:
        """Set a seat's attendance and, when given, the check-in moment."""
        row = self._s.get_one(SeatRow, seat_id)
        row.attendance = state.value
        if at is not None:
            row.checked_in_at = at
        self._s.flush()

    def add_incident(
        self,
        session_id: int,
        candidate_id: int,
        kind: IncidentKind,
        note: str,
        now: datetime,
        by: str,
    ) -> int:
        """Record an incident; returns its id."""
        row = IncidentRow(
            session_id=session_id,
            candidate_id=candidate_id,
            kind=kind.value,
            note=note,
            recorded_at=now,
            recorded_by=by,
        )
        self._s.add(row)
        self._s.flush()
        return row.id

    def incidents(self, session_id: int) -> list[IncidentInfo]:
        """A session's incidents in the order recorded."""
        rows = self._s.scalars(
            select(IncidentRow).where(IncidentRow.session_id == session_id).order_by(IncidentRow.id)
        )
        return [
            IncidentInfo(
                r.id,
                r.session_id,
                r.candidate_id,
                IncidentKind(r.kind),
                r.note,
                _utc(r.recorded_at),
                r.recorded_by,
            )
            for r in rows
        ]

    def attendance_counts(self, session_ids: Sequence[int]) -> Mapping[int, Mapping[str, int]]:
        """Per session, how many seats are in each attendance state."""
        counts: dict[int, dict[str, int]] = {sid: {} for sid in session_ids}
        if not session_ids:
            return counts
        rows = self._s.execute(
            select(SeatRow.session_id, SeatRow.attendance, func.count(SeatRow.id))
            .where(SeatRow.session_id.in_(list(session_ids)))
            .group_by(SeatRow.session_id, SeatRow.attendance)
        )
        for session_id, state, number in rows:
            counts[session_id][state] = number
        return counts
