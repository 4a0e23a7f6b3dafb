"""What the services of sessions, examiners, check-in and scores need from storage."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from typing import Protocol

from kaoping.domain.assessment import Component
from kaoping.domain.attendance import Attendance as Attendance
from kaoping.domain.catalogue import Level
from kaoping.domain.plans import Batch, Plan
from kaoping.domain.staffing import ConflictKind, StaffMember, StaffRole
from kaoping.services.ports.dto import BodyProfile

# sessions and check-in: values
# Attendance (imported above) lives in domain.attendance, where the site merge names it too;
# it stays importable from here for services and UI.


class IncidentKind(StrEnum):
    """The kind of an incident (违纪行为) recorded in an exam room."""

    CHEATING = "cheating"
    IMPERSONATION = "impersonation"
    IDENTITY_MISMATCH = "identity_mismatch"
    DEVICE = "device"
    DISRUPTION = "disruption"
    OTHER = "other"

    @property
    def label(self) -> str:
        """The Chinese name of the incident kind."""
        return _INCIDENT_LABELS[self]


_INCIDENT_LABELS = {
    IncidentKind.CHEATING: "作弊",
    IncidentKind.IMPERSONATION: "替考",
    IncidentKind.IDENTITY_MISMATCH: "人证不符",
    IncidentKind.DEVICE: "违规携带电子设备",
    IncidentKind.DISRUPTION: "扰乱考场秩序",
    IncidentKind.OTHER: "其他违纪",
}


@dataclass(frozen=True)
class NewSession:
    """What an administrator enters to open a session (场次).

    Attributes:
        batch_id: The batch the session belongs to.
        code: Short code, unique in the batch (e.g. `T01`).
        component: The component assessed in the session.
        site: The exam site (考点).
        room: The room (考场) at the site.
        starts_at: Start, timezone-aware.
        ends_at: End, timezone-aware.
        capacity: Seats in the room.
    """

    batch_id: int
    code: str
    component: Component
    site: str
    room: str
    starts_at: datetime
    ends_at: datetime
    capacity: int


@dataclass(frozen=True)
class SessionInfo:
    """A session as shown in lists, with its room number and how many candidates are seated."""

    id: int
    batch_id: int
    code: str
    component: Component
    site: str
    room: str
    starts_at: datetime
    ends_at: datetime
    capacity: int
    status: str
    room_index: int
    seated: int
    confirmed: bool = False

    @property
    def minutes(self) -> int:
        """The session's length in whole minutes."""
        return int((self.ends_at - self.starts_at).total_seconds() // 60)


@dataclass(frozen=True)
class ExaminerDraft:
    """A registry entry as entered (考评人员登记).

    Attributes:
        name: The person's name.
        roles: What the person may do in a room.
        occupations: Codes of the occupations the person is qualified to examine.
        level: The highest level the person may examine; None for non-scoring staff.
        certificate_no: Their examiner certificate number (考评员证书编号), if any.
        employer: Where they work, to spot same-employer conflicts.
        phone: A contact number.
        user_id: Their sign-in account, if they have one.
    """

    name: str
    roles: frozenset[StaffRole]
    occupations: frozenset[str] = frozenset()
    level: Level | None = None
    certificate_no: str = ""
    employer: str = ""
    phone: str = ""
    user_id: int | None = None


@dataclass(frozen=True)
class ExaminerInfo:
    """A person of the examiner registry."""

    id: int
    name: str
    roles: frozenset[StaffRole]
    occupations: frozenset[str]
    level: Level | None
    certificate_no: str
    employer: str
    phone: str
    user_id: int | None
    active: bool

    def as_member(self) -> StaffMember:
        """The person as the staffing rules see them (staff id = registry id as text)."""
        return StaffMember(str(self.id), self.name, self.occupations, self.level)


@dataclass(frozen=True)
class StaffSlot:
    """One person staffing a session in one role."""

    session_id: int
    examiner: ExaminerInfo
    role: StaffRole


@dataclass(frozen=True)
class ConflictInfo:
    """A declared recusal (回避) of an examiner for a candidate."""

    examiner_id: int
    candidate_id: int
    kind: ConflictKind
    note: str
    declared_at: datetime
    declared_by: str


@dataclass(frozen=True)
class SeatView:
    """A candidate's seat in a session with what check-in and tickets show (never the full ID).

    `photo` is the candidate's checked photo (JPEG at the set size), or None.
    """

    seat_id: int
    session_id: int
    candidate_id: int
    seat_no: int
    ticket_no: str
    attendance: Attendance
    checked_in_at: datetime | None
    name: str
    id_type: str
    id_masked: str
    photo: bytes | None = field(default=None, repr=False)


@dataclass(frozen=True)
class IncidentInfo:
    """An incident (违纪) recorded in a session."""

    id: int
    session_id: int
    candidate_id: int
    kind: IncidentKind
    note: str
    recorded_at: datetime
    recorded_by: str


class ExamRepository(Protocol):
    """Storage of sessions, examiners, check-in and scores."""

    # sessions and check-in

    def add_session(self, new: NewSession, room_index: int, now: datetime) -> int:
        """Insert a session with its room number; returns its id."""
        ...

    def session(self, session_id: int) -> SessionInfo | None:
        """One session, or None."""
        ...

    def session_by_code(self, batch_id: int, code: str) -> SessionInfo | None:
        """The session of a batch with this code, or None."""
        ...

    def sessions(self, batch_id: int) -> list[SessionInfo]:
        """A batch's sessions by start time and code."""
        ...

    def sessions_in_room(self, site: str, room: str) -> list[SessionInfo]:
        """Every session held in one room of one site."""
        ...

    def next_room_index(self, batch_id: int) -> int:
        """The next free room number of a batch (1 for the first session)."""
        ...

    def add_examiner(self, draft: ExaminerDraft, now: datetime) -> int:
        """Insert a registry entry; returns its id."""
        ...

    def update_examiner(
        self, examiner_id: int, draft: ExaminerDraft, active: bool, now: datetime
    ) -> None:
        """Replace a registry entry's details."""
        ...

    def examiner(self, examiner_id: int) -> ExaminerInfo | None:
        """One registry entry, or None."""
        ...

    def examiner_by_user(self, user_id: int) -> ExaminerInfo | None:
        """The registry entry linked to a sign-in account, or None."""
        ...

    def examiners(self, active_only: bool = True) -> list[ExaminerInfo]:
        """The registry by name."""
        ...

    def set_session_staff(
        self, session_id: int, slots: Sequence[tuple[int, StaffRole]], now: datetime, by: str
    ) -> None:
        """Replace the staff of a session with (examiner id, role) pairs."""
        ...

    def session_staff(self, session_id: int) -> list[StaffSlot]:
        """The staff of a session."""
        ...

    def staff_of_sessions(self, session_ids: Sequence[int]) -> list[StaffSlot]:
        """The staff of several sessions at once."""
        ...

    def examiner_sessions(self, examiner_id: int) -> list[SessionInfo]:
        """Every session a person is staffing, in any batch."""
        ...

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
        ...

    def conflicts_of_candidates(self, candidate_ids: Sequence[int]) -> list[ConflictInfo]:
        """Every recusal declared for these candidates."""
        ...

    def candidate_exists(self, candidate_id: int) -> bool:
        """Whether a candidate row exists."""
        ...

    def candidate_batch(self, candidate_id: int) -> int | None:
        """The batch of a candidate, or None when there is no such candidate."""
        ...

    def unseated_candidates(self, batch_id: int, component: Component) -> list[int]:
        """Active candidates of a batch without a seat in any session of that component."""
        ...

    def seat_numbers(self, session_id: int) -> list[int]:
        """The seat numbers already given out in a session."""
        ...

    def add_seats(self, session_id: int, seats: Sequence[tuple[int, int, str]]) -> None:
        """Insert (candidate id, seat number, ticket number) rows."""
        ...

    def seated_candidate_ids(self, session_id: int) -> list[int]:
        """The candidates seated in a session."""
        ...

    def seats(self, session_id: int, with_photos: bool = False) -> list[SeatView]:
        """A session's seats by seat number."""
        ...

    def seat(self, seat_id: int) -> SeatView | None:
        """One seat, or None."""
        ...

    def seats_by_ticket(self, ticket_no: str) -> list[SeatView]:
        """Seats with this admission ticket number (normally one)."""
        ...

    def seats_by_id_number(self, id_number: str) -> list[SeatView]:
        """Seats of the candidates with this full ID number."""
        ...

    def set_attendance(self, seat_id: int, state: Attendance, at: datetime | None) -> None:
        """Set a seat's attendance and, when given, the check-in moment."""
        ...

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
        ...

    def incidents(self, session_id: int) -> list[IncidentInfo]:
        """A session's incidents in the order recorded."""
        ...

    def attendance_counts(self, session_ids: Sequence[int]) -> Mapping[int, Mapping[str, int]]:
        """Per session, how many seats are in each attendance state."""
        ...


@dataclass(frozen=True)
class TicketSheet:
    """Everything printed on one admission ticket (准考证)."""

    body_name: str
    batch_name: str
    occupation: str
    direction: str
    level: str
    component: str
    site: str
    room: str
    room_index: int
    date_text: str
    time_text: str
    seat_no: int
    ticket_no: str
    name: str
    id_type: str
    id_masked: str
    photo: bytes | None
    qr_payload: str
    rules: tuple[str, ...]


class TicketRenderer(Protocol):
    """Draws admission tickets into one PDF (adapters.ticket_pdf)."""

    def __call__(self, sheets: Sequence[TicketSheet]) -> bytes:
        """The PDF with every sheet, in order."""
        ...


@dataclass(frozen=True)
class FilingComponent:
    """One component's rule as printed in a plan filing, with its verified state."""

    label: str
    scale_max: str
    pass_mark: str
    min_minutes: int
    staffing: str
    unverified: bool


@dataclass(frozen=True)
class FilingSession:
    """One session as printed in a plan filing."""

    batch_code: str
    session: SessionInfo
    staff: str


@dataclass(frozen=True)
class PlanFiling:
    """The content of an assessment plan's filing document (考核计划备案表)."""

    body: BodyProfile
    plan: Plan
    occupation_name: str
    components: tuple[FilingComponent, ...]
    batches: tuple[Batch, ...]
    sessions: tuple[FilingSession, ...]
    prepared_on: date


class PlanRenderer(Protocol):
    """Draws a plan filing into a PDF (adapters.plan_pdf)."""

    def __call__(self, filing: PlanFiling) -> bytes:
        """The filing PDF."""
        ...


QrReader = Callable[[bytes], list[str]]
