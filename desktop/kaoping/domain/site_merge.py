"""How head office merges a site's results package (考点回传): check-in, incidents, score history.

Head office's records win: a site record is added only where head office has nothing to lose,
otherwise it is reported as a conflict in a Chinese sentence someone will act on. Each merge
walks the site's records in package order and decides one ``Decision`` per record; the caller
writes the additions. Records added earlier in the same package count as head office's from
then on, so a package that repeats a record adds it once.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any, Generic, TypeAlias, TypeVar

from kaoping.domain.attendance import Attendance, attendance_label

T = TypeVar("T")


class Verdict(StrEnum):
    """What happens to one site record."""

    ADD = "add"
    UNCHANGED = "unchanged"
    CONFLICT = "conflict"


@dataclass(frozen=True)
class Decision(Generic[T]):
    """The verdict on one site record.

    Attributes:
        verdict: Add it, nothing to do, or leave head office's record and report.
        record: The site's record.
        message: For conflicts, the Chinese sentence shown to head office; empty otherwise.
    """

    verdict: Verdict
    record: T
    message: str = ""


@dataclass(frozen=True)
class MergeOutcome:
    """What merging one kind of record from a results package did.

    Attributes:
        added: New records written.
        unchanged: Records already present with the same content.
        conflicts: One Chinese sentence per record left as it was because head office differs.
    """

    added: int
    unchanged: int
    conflicts: tuple[str, ...]


def tally(decisions: Sequence[Decision[Any]], distinct: bool = False) -> MergeOutcome:
    """Count what the decisions did.

    Args:
        decisions: One per site record.
        distinct: Report each conflict sentence once, in first-seen order (score history
            repeats the same sentence for every event of a locked candidate).

    Returns:
        Added, unchanged, and the conflict sentences.
    """
    verdicts = [d.verdict for d in decisions if d.verdict is not Verdict.CONFLICT]
    conflicts = [d.message for d in decisions if d.verdict is Verdict.CONFLICT]
    return MergeOutcome(
        verdicts.count(Verdict.ADD),
        verdicts.count(Verdict.UNCHANGED),
        tuple(dict.fromkeys(conflicts) if distinct else conflicts),
    )


# --- check-in (考勤) -------------------------------------------------------------------------------


@dataclass(frozen=True)
class SeatState:
    """Check-in state of one seat, keyed by session code and admission ticket number.

    Attributes:
        session_code: The session's code within the batch.
        ticket_no: Admission ticket number (准考证号).
        attendance: expected / present / absent (or what check-in stored).
        checked_in_at: When the candidate checked in, if they did.
    """

    session_code: str
    ticket_no: str
    attendance: str
    checked_in_at: datetime | None

    @property
    def untouched(self) -> bool:
        """Nobody checked this seat in or marked it (still 未签到 with no time)."""
        return self.attendance == Attendance.EXPECTED and self.checked_in_at is None

    def same_as(self, other: SeatState) -> bool:
        """Same attendance and check-in time (whatever the session code)."""
        return (self.attendance, self.checked_in_at) == (other.attendance, other.checked_in_at)


def merge_seats(head: Iterable[SeatState], site: Sequence[SeatState]) -> list[Decision[SeatState]]:
    """Decide the site's check-in, seat by seat.

    Args:
        head: Head office's seats of the session.
        site: The site's seats, in package order.

    Returns:
        ADD (write the site's attendance and time) where head office's seat is untouched,
        UNCHANGED where the site has nothing new or both agree, CONFLICT otherwise.
    """
    current = {s.ticket_no: s for s in head}
    decisions: list[Decision[SeatState]] = []
    for state in site:
        decision = _seat(current.get(state.ticket_no), state)
        if decision.verdict is Verdict.ADD:
            current[state.ticket_no] = state
        decisions.append(decision)
    return decisions


def _seat(here: SeatState | None, state: SeatState) -> Decision[SeatState]:
    if here is None:
        return Decision(
            Verdict.CONFLICT, state, f"准考证 {state.ticket_no} 不在总部的本场次座位表中，未导入"
        )
    if state.untouched or here.same_as(state):
        return Decision(Verdict.UNCHANGED, state)
    if here.untouched:
        return Decision(Verdict.ADD, state)
    return Decision(
        Verdict.CONFLICT,
        state,
        f"准考证 {state.ticket_no} 的考勤总部为“{attendance_label(here.attendance)}”，"
        f"考点为“{attendance_label(state.attendance)}”，保留总部记录，请核实",
    )


# --- incidents (违纪) ------------------------------------------------------------------------------


@dataclass(frozen=True)
class SiteIncident:
    """An incident as the site recorded it.

    Attributes:
        ticket_no: The candidate's admission ticket number.
        kind: ``IncidentKind`` value.
        note: What happened.
        recorded_at: When it was recorded.
        recorded_by: Who recorded it.
    """

    ticket_no: str
    kind: str
    note: str
    recorded_at: datetime | None
    recorded_by: str


IncidentKey: TypeAlias = tuple[int, str, datetime | None]
"""(candidate id, kind, time): two incidents agreeing on these are the same incident."""


def merge_incidents(
    head: Iterable[IncidentKey], site: Sequence[SiteIncident], candidates: Mapping[str, int]
) -> list[Decision[SiteIncident]]:
    """Decide the site's incidents, one by one.

    Args:
        head: Head office's incidents of the session.
        site: The site's incidents, in package order.
        candidates: Admission ticket number to candidate id for the session's seats.

    Returns:
        ADD for incidents head office lacks, UNCHANGED for those it has (same candidate, kind
        and time; the note may differ), CONFLICT for tickets not in the session.
    """
    known = set(head)
    decisions: list[Decision[SiteIncident]] = []
    for incident in site:
        candidate = candidates.get(incident.ticket_no)
        if candidate is None:
            decisions.append(
                Decision(
                    Verdict.CONFLICT,
                    incident,
                    f"违纪记录的准考证 {incident.ticket_no} 不在本场次，未导入",
                )
            )
            continue
        key = (candidate, incident.kind, incident.recorded_at)
        decisions.append(Decision(Verdict.UNCHANGED if key in known else Verdict.ADD, incident))
        known.add(key)
    return decisions


# --- score history (成绩记录) ----------------------------------------------------------------------


@dataclass(frozen=True)
class HeadScore:
    """A score event head office has, as far as telling events apart needs.

    Attributes:
        id: Its record number at head office.
        candidate_id: The candidate.
        component: ``Component`` value.
        kind: Event kind (entry, correction...).
        status: Score status.
        value: The mark as text.
        actor: Who entered it.
        at: When.
    """

    id: int
    candidate_id: int
    component: str
    kind: str
    status: str
    value: str
    actor: str
    at: datetime | None


@dataclass(frozen=True)
class SiteScore:
    """A score event from the site's history, as carried in the package.

    Attributes:
        number: The site's record number (记录编号).
        ticket_no: The candidate's admission ticket number.
        component: ``Component`` value.
        kind: Event kind.
        status: Score status.
        value: The mark as text.
        old_status: Status before a correction.
        old_value: Mark before a correction.
        actor: Who entered it.
        approver: Who approved a correction.
        reason: Why it was corrected.
        ref: The site's record number this event refers to (关联记录), empty for none.
        at: When.
    """

    number: str
    ticket_no: str
    component: str
    kind: str
    status: str
    value: str
    old_status: str
    old_value: str
    actor: str
    approver: str
    reason: str
    ref: str
    at: datetime | None


ScoreKey: TypeAlias = tuple[int, str, str, str, str, str, datetime | None]
"""(candidate id, component, kind, status, value, actor, time): equal keys, same event."""


@dataclass(frozen=True)
class EventRef:
    """A score event at head office that a site event refers to (关联记录).

    Exactly one field is set: ``head_id`` for an event head office had before the merge,
    ``added`` for one this merge adds (the position of the site record adding it; its id
    is only known once written).
    """

    head_id: int | None = None
    added: int | None = None

    def resolve(self, written: Mapping[int, int]) -> int | None:
        """The head-office id, once the additions before it are written.

        Args:
            written: Position of each added site record to the id it was written under.

        Returns:
            The id to store as the event's 关联记录.
        """
        if self.head_id is not None:
            return self.head_id
        return None if self.added is None else written[self.added]


@dataclass(frozen=True)
class ScoreDecision(Decision[SiteScore]):
    """The verdict on one site score event.

    Attributes:
        ref: For additions, the head-office event its 关联记录 names, if any.
    """

    ref: EventRef | None = None


def merge_scores(
    head: Iterable[HeadScore],
    site: Sequence[SiteScore],
    candidates: Mapping[str, int],
    confirmed: Collection[int],
    session_confirmed: bool,
) -> list[ScoreDecision]:
    """Decide the site's score history, event by event (head office only ever appends).

    An event is "the same" as head office's when ticket, component, kind, status, value, actor
    and time agree. Head office's results win once confirmed: nothing is added for a candidate
    whose overall result is confirmed, nor for anyone once the session's scores are.

    Args:
        head: Head office's score events of the session.
        site: The site's events, in package order (a correction after what it corrects).
        candidates: Admission ticket number to candidate id for the session's seats.
        confirmed: Candidates whose overall result head office confirmed.
        session_confirmed: Whether head office confirmed the session's scores.

    Returns:
        One decision per site event; additions carry where their 关联记录 points.
    """
    known: dict[ScoreKey, EventRef] = {}
    for had in head:
        # Of equal events, the oldest is the one a later 关联记录 is taken to mean.
        known.setdefault(_score_key(had.candidate_id, had), EventRef(head_id=had.id))
    refs: dict[str, EventRef] = {}  # the site's record numbers, as head office has them now
    decisions: list[ScoreDecision] = []
    for index, event in enumerate(site):
        candidate = candidates.get(event.ticket_no)
        if candidate is None:
            decisions.append(
                ScoreDecision(
                    Verdict.CONFLICT,
                    event,
                    f"成绩记录的准考证 {event.ticket_no} 不在本场次，未导入",
                )
            )
            continue
        key = _score_key(candidate, event)
        if key in known:
            refs[event.number] = known[key]
            decisions.append(ScoreDecision(Verdict.UNCHANGED, event))
        elif candidate in confirmed or session_confirmed:
            decisions.append(ScoreDecision(Verdict.CONFLICT, event, _locked(event.ticket_no)))
        else:
            ref = refs.get(event.ref) if event.ref else None
            known[key] = refs[event.number] = EventRef(added=index)
            decisions.append(ScoreDecision(Verdict.ADD, event, ref=ref))
    return decisions


def _score_key(candidate_id: int, event: HeadScore | SiteScore) -> ScoreKey:
    # What makes two events the same one; notes such as the reason may differ.
    return (
        candidate_id,
        event.component,
        event.kind,
        event.status,
        event.value,
        event.actor,
        event.at,
    )


def _locked(ticket_no: str) -> str:
    return (
        f"准考证 {ticket_no} 的成绩在总部已确认锁定，考点的成绩记录未覆盖；如需更正请走成绩更正流程"
    )
