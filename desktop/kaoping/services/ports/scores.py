"""What score entry, confirmation and results need from storage, and the values it exchanges."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from enum import StrEnum
from pathlib import Path
from typing import Protocol

from kaoping.domain.assessment import Component
from kaoping.domain.catalogue import Level
from kaoping.domain.scoring import Mark, ResultStatus, ScoreStatus
from kaoping.services.ports.exams import Attendance

SESSION_CONFIRMED = "confirmed"
ATTENDANCE_ABSENT = Attendance.ABSENT.value
CANDIDATE_VOID = "void"


@dataclass(frozen=True)
class ScoringSession:
    """A session (场次) as score entry sees it.

    Attributes:
        id: The session's id.
        batch_id: Its batch.
        code: The session code shown to people.
        component: The component scored in this session.
        site: The exam site.
        room: The room.
        starts_at: When it starts.
        status: Its lifecycle status; "confirmed" once its results are locked.
        confirmed_at: When the results were confirmed.
        confirmed_by: Who confirmed them.
    """

    id: int
    batch_id: int
    code: str
    component: Component
    site: str
    room: str
    starts_at: datetime
    status: str
    confirmed_at: datetime | None = None
    confirmed_by: str = ""

    @property
    def locked(self) -> bool:
        """Whether the session's results are confirmed and locked."""
        return self.status == SESSION_CONFIRMED


@dataclass(frozen=True)
class ScoringSeat:
    """A candidate's seat in a session, with what the score sheet shows of the candidate.

    Attributes:
        seat_no: The seat number.
        ticket_no: The admission ticket number (准考证号).
        candidate_id: The candidate's record id.
        name: The candidate's name.
        id_masked: The masked ID number; the full number never leaves storage here.
        attendance: The check-in attendance ("absent" means 缺考 was recorded at check-in).
        occupation_code: The occupation applied for.
        level: The level applied for.
        candidate_status: The application's status ("active", "void", ...).
    """

    seat_no: int
    ticket_no: str
    candidate_id: int
    name: str
    id_masked: str
    attendance: str
    occupation_code: str
    level: Level
    candidate_status: str


@dataclass(frozen=True)
class CandidateFacts:
    """What results need to know about a candidate."""

    candidate_id: int
    batch_id: int
    name: str
    id_masked: str
    occupation_code: str
    level: Level
    status: str


class EventKind(StrEnum):
    """The kinds of rows in the score history; rows are only ever appended."""

    ENTRY = "entry"
    RESOLUTION = "resolution"
    CONFIRMATION = "confirmation"
    AMENDMENT_REQUEST = "amendment_request"
    AMENDMENT = "amendment"
    AMENDMENT_REJECTION = "amendment_rejection"


@dataclass(frozen=True)
class StoredScoreEvent:
    """One row of the score history.

    Attributes:
        id: The row id (0 for a row not yet stored).
        session_id: The session it was recorded in.
        candidate_id: The candidate.
        component: The component.
        kind: What happened.
        status: The status keyed, decided or asked for (None for a confirmation or rejection).
        value: The score keyed, decided or asked for.
        old_status: For amendments and their requests: the status being replaced.
        old_value: For amendments and their requests: the score being replaced.
        actor: Who keyed, resolved, confirmed or requested (username).
        approver: For amendments and rejections: the approving supervisor.
        reason: Resolution, amendment or rejection reason.
        ref_id: For amendments and rejections: the request row they decide.
        source: Where a keying came from ("screen", "import", "cli").
        at: When.
    """

    id: int
    session_id: int
    candidate_id: int
    component: Component
    kind: EventKind
    at: datetime
    actor: str
    status: ScoreStatus | None = None
    value: Decimal | None = None
    old_status: ScoreStatus | None = None
    old_value: Decimal | None = None
    approver: str = ""
    reason: str = ""
    ref_id: int | None = None
    source: str = ""

    @property
    def mark(self) -> Mark | None:
        """The status and score this row records, if any."""
        return None if self.status is None else Mark(self.status, self.value)

    @property
    def old_mark(self) -> Mark | None:
        """The mark an amendment replaces, if any."""
        return None if self.old_status is None else Mark(self.old_status, self.old_value)


@dataclass(frozen=True)
class StoredResult:
    """A candidate's confirmed overall result (the shared results table)."""

    candidate_id: int
    batch_id: int
    outcome: ResultStatus
    reasons: tuple[str, ...]
    confirmed_at: datetime
    confirmed_by: str


@dataclass(frozen=True)
class ScoreFileRow:
    """One data row of a score file from an online exam platform, as text.

    Attributes:
        row: The row number in the file (the header is row 1).
        ticket_no: The admission ticket number, or empty.
        id_number: The ID number, or empty (used only to find the seat).
        score: The score as written.
        status: The status as written (实考/缺考/作废 or empty).
    """

    row: int
    ticket_no: str
    id_number: str
    score: str
    status: str


class ScoreRepository(Protocol):
    """Storage of score history, session locks and candidates' results."""

    def session(self, session_id: int) -> ScoringSession | None:
        """One session, or None."""
        ...

    def sessions(self, batch_id: int | None = None) -> list[ScoringSession]:
        """Sessions by start time, optionally of one batch."""
        ...

    def seats(self, session_id: int) -> list[ScoringSeat]:
        """The seats of a session by seat number."""
        ...

    def seat_by_id_number(self, session_id: int, id_number: str) -> ScoringSeat | None:
        """The seat of the candidate with this full ID number in a session, or None."""
        ...

    def candidates(self, candidate_ids: Collection[int]) -> list[CandidateFacts]:
        """Facts about the given candidates."""
        ...

    def batch_candidates(self, batch_id: int) -> list[CandidateFacts]:
        """Every candidate of a batch, by id."""
        ...

    def events(self, candidate_ids: Collection[int]) -> list[StoredScoreEvent]:
        """The score history of the given candidates, oldest first."""
        ...

    def event(self, event_id: int) -> StoredScoreEvent | None:
        """One history row, or None."""
        ...

    def add_event(self, event: StoredScoreEvent) -> int:
        """Append a history row; returns its id."""
        ...

    def mark_session_confirmed(self, session_id: int, at: datetime, by: str) -> None:
        """Set the session's status to confirmed, with when and by whom."""
        ...

    def save_result(self, result: StoredResult) -> None:
        """Write or refresh a candidate's overall result."""
        ...

    def result(self, candidate_id: int) -> StoredResult | None:
        """A candidate's overall result, or None."""
        ...

    def results(self, batch_id: int) -> list[StoredResult]:
        """Every overall result of a batch."""
        ...


class ScoreFileReader(Protocol):
    """Reads a score file from an online exam platform (adapters.score_files behind it)."""

    def read(self, path: Path) -> list[ScoreFileRow]:
        """The data rows as text, or ValidationError naming a missing column or unreadable file."""
        ...
