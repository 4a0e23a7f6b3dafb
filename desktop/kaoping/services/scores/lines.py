"""Score lines (成绩行) built from the stored history, and the rules every keying must pass."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from enum import StrEnum

from kaoping.domain.assessment import AssessmentRules, ComponentRule
from kaoping.domain.beijing import beijing
from kaoping.domain.errors import ConflictError, NotFound, ValidationError
from kaoping.domain.scoring import (
    Amendment,
    ComponentScores,
    Confirmation,
    Mark,
    Match,
    Mismatch,
    Resolution,
    ScoreEntry,
    ScoreEvent,
    ScoreStatus,
    final_value,
    parse_score,
    reconciliation,
)
from kaoping.services.base import Env
from kaoping.services.ports.core import UnitOfWork
from kaoping.services.ports.scores import (
    ATTENDANCE_ABSENT,
    EventKind,
    ScoringSeat,
    ScoringSession,
    StoredScoreEvent,
)
from kaoping.services.ports.setup import StandardsData

ProgressCallback = Callable[[int, int], None]


# What a keyer may type instead of a score; the letters are the pinyin initials of 缺考 and 作废.
STATUS_WORDS: dict[str, ScoreStatus] = {
    "q": ScoreStatus.ABSENT,
    "缺考": ScoreStatus.ABSENT,
    "absent": ScoreStatus.ABSENT,
    "z": ScoreStatus.VOIDED,
    "作废": ScoreStatus.VOIDED,
    "违纪": ScoreStatus.VOIDED,
    "void": ScoreStatus.VOIDED,
    "voided": ScoreStatus.VOIDED,
    "实考": ScoreStatus.PRESENT,
    "正常": ScoreStatus.PRESENT,
    "已考": ScoreStatus.PRESENT,
    "present": ScoreStatus.PRESENT,
}


class LineState(StrEnum):
    """Where a seat's score stands."""

    BLANK = "blank"
    ONE_KEY = "one_key"
    MATCHED = "matched"
    MISMATCH = "mismatch"
    RESOLVED = "resolved"
    CONFIRMED = "confirmed"
    AMENDED = "amended"

    @property
    def label(self) -> str:
        """The Chinese name shown in the score grid."""
        return _STATE_LABELS[self]


_STATE_LABELS = {
    LineState.BLANK: "待录入",
    LineState.ONE_KEY: "待第二次录入",
    LineState.MATCHED: "两次一致",
    LineState.MISMATCH: "不一致，待裁定",
    LineState.RESOLVED: "已裁定",
    LineState.CONFIRMED: "已确认",
    LineState.AMENDED: "已确认（已更正）",
}


_SETTLED = {LineState.MATCHED, LineState.RESOLVED, LineState.CONFIRMED, LineState.AMENDED}


@dataclass(frozen=True)
class SheetLine:
    """One seat of a score sheet as one user may see it.

    Attributes:
        row: The 1-based row on the sheet.
        seat_no: The seat number.
        ticket_no: The admission ticket number.
        candidate_id: The candidate's record id.
        name: The candidate's name.
        id_masked: The masked ID number.
        absent_at_checkin: Whether check-in recorded the candidate as absent (缺考).
        state: Where the score stands.
        keys: How many keyings there are (0, 1 or 2).
        mine: The viewer's own keying; never anybody else's.
        final: The mark that counts, once keying is over (None before).
    """

    row: int
    seat_no: int
    ticket_no: str
    candidate_id: int
    name: str
    id_masked: str
    absent_at_checkin: bool
    state: LineState
    keys: int
    mine: Mark | None
    final: Mark | None


@dataclass(frozen=True)
class ScoreSheet:
    """A session's score sheet (成绩登记表) for one viewer."""

    session: ScoringSession
    scale_max: Decimal
    pass_mark: Decimal
    lines: tuple[SheetLine, ...]

    @property
    def locked(self) -> bool:
        """Whether the session's results are confirmed, so no more keying is possible."""
        return self.session.locked


def assessment_rules(env: Env) -> AssessmentRules:
    """The components, scales and pass marks from `assessment.json`."""
    source: StandardsData = env.adapters.standards
    return AssessmentRules.from_dict(source.raw("assessment.json"))


def domain_event(event: StoredScoreEvent, label: str) -> ScoreEvent | None:
    """The domain event a history row stands for; requests and rejections stand for none."""
    mark = event.mark
    if event.kind is EventKind.ENTRY and event.status is not None:
        return ScoreEntry(label, event.component, event.value, event.status, event.actor, event.at)
    if event.kind is EventKind.RESOLUTION and mark is not None:
        return Resolution(mark, event.actor, event.reason, event.at)
    if event.kind is EventKind.CONFIRMATION:
        return Confirmation(event.actor, event.at)
    if event.kind is EventKind.AMENDMENT and mark is not None and event.old_mark is not None:
        return Amendment(event.old_mark, mark, event.reason, event.actor, event.approver, event.at)
    return None


def build_line(
    label: str, rule: ComponentRule, row: int | None, events: Sequence[StoredScoreEvent]
) -> ComponentScores:
    """Rebuild a candidate's line for one component from its stored history."""
    history = tuple(d for d in (domain_event(e, label) for e in events) if d is not None)
    return ComponentScores(label, rule.component, rule.scale_max, row, history)


def line_state(line: ComponentScores) -> LineState:
    """Where a line stands, from its history."""
    if line.confirmation is not None:
        return LineState.AMENDED if line.amendments else LineState.CONFIRMED
    if line.resolution is not None:
        return LineState.RESOLVED
    outcome = reconciliation(line)
    if isinstance(outcome, Match):
        return LineState.MATCHED
    if isinstance(outcome, Mismatch):
        return LineState.MISMATCH
    return LineState.ONE_KEY if line.entries else LineState.BLANK


@dataclass(frozen=True)
class SessionLines:
    """A session with its seats, rules and each seat's stored history for the session's component."""

    session: ScoringSession
    seats: tuple[ScoringSeat, ...]
    rules: dict[int, ComponentRule]
    events: dict[int, tuple[StoredScoreEvent, ...]]

    def index_of(self, candidate_id: int) -> int:
        """The 0-based index of a candidate's seat.

        Raises:
            NotFound: The candidate has no seat in this session.
        """
        for index, seat in enumerate(self.seats):
            if seat.candidate_id == candidate_id:
                return index
        raise NotFound(
            f"考生（编号 {candidate_id}）不在场次 {self.session.code} 的座位表中", field="考生"
        )

    def line(self, index: int, row: int | None = None) -> ComponentScores:
        """The line of the seat at `index`; `row` overrides the sheet row used in messages."""
        seat = self.seats[index]
        return build_line(
            seat.ticket_no,
            self.rules[seat.candidate_id],
            index + 1 if row is None else row,
            self.events[seat.candidate_id],
        )

    def lines(self) -> list[ComponentScores]:
        """Every seat's line in seat order."""
        return [self.line(i) for i in range(len(self.seats))]


def load_session(uow: UnitOfWork, rules: AssessmentRules, session_id: int) -> SessionLines:
    """Read a session, its seats and their history for its component.

    Raises:
        NotFound: No such session, or a seated candidate's level has no such component.
    """
    session = uow.scores.session(session_id)
    if session is None:
        raise NotFound(f"场次（编号 {session_id}）不存在", field="场次")
    seats = tuple(uow.scores.seats(session_id))
    ids = [s.candidate_id for s in seats]
    by_candidate: dict[int, list[StoredScoreEvent]] = {i: [] for i in ids}
    for event in uow.scores.events(ids):
        if event.component is session.component:
            by_candidate[event.candidate_id].append(event)
    line_rules = {
        s.candidate_id: rules.rule_for(s.occupation_code, s.level, session.component) for s in seats
    }
    return SessionLines(session, seats, line_rules, {k: tuple(v) for k, v in by_candidate.items()})


def refuse_if_locked(session: ScoringSession) -> None:
    """Refuse any keying or resolution in a confirmed session."""
    if session.locked:
        raise ConflictError(
            f"场次 {session.code} 的成绩已确认锁定，不能再录入或裁定；"
            "如需修改，请提交成绩更正并经质量督导员批准"
        )


def refuse_before_start(session: ScoringSession, now: datetime) -> None:
    """Refuse keying a session's scores before the session has started.

    "Started" is the session's scheduled start time (北京时间 as shown) having come. Check-in keeps
    no "opened" state of its own and candidates are checked in before the start, so the start
    time is the one fact every session has, on screen and in site packages alike.
    """
    if now < session.starts_at:
        start = beijing(session.starts_at)
        raise ValidationError(
            f"场次 {session.code} 将于 {start:%Y-%m-%d %H:%M} 开考，开考前不能录入成绩",
            field="场次",
        )


def refuse_score_for_absent(seat: ScoringSeat, mark: Mark, row: int | None = None) -> None:
    """An absent candidate (缺考 at check-in) cannot get a score."""
    if seat.attendance == ATTENDANCE_ABSENT and mark.status is ScoreStatus.PRESENT:
        raise ValidationError(
            f"考生 {seat.ticket_no}（{seat.name}）签到时登记为缺考，不能录入分数；"
            "请录“缺考”，或先在考场签到中更正出勤",
            field="状态",
            row=row,
        )


def line_view(lines: SessionLines, index: int, viewer: str) -> SheetLine:
    """One seat's line as `viewer` may see it: their own keying, never the other's."""
    seat = lines.seats[index]
    line = lines.line(index)
    state = line_state(line)
    mine = next((e.mark for e in line.entries if e.keyed_by == viewer), None)
    return SheetLine(
        index + 1,
        seat.seat_no,
        seat.ticket_no,
        seat.candidate_id,
        seat.name,
        seat.id_masked,
        seat.attendance == ATTENDANCE_ABSENT,
        state,
        len(line.entries),
        mine,
        final_value(line) if state in _SETTLED else None,
    )


def parse_mark(
    text: str, scale_max: Decimal, *, row: int | None = None, field: str = "成绩"
) -> Mark:
    """Turn what a keyer typed into a mark: a score such as `85.5`, or Q (缺考) / Z (作废).

    Raises:
        ValidationError: Not a status word and not a score in 0..scale_max with one decimal.
    """
    cleaned = text.strip()
    status = STATUS_WORDS.get(cleaned.lower())
    if status is not None and status is not ScoreStatus.PRESENT:
        return Mark(status)
    if not cleaned:
        raise ValidationError("请填写分数，或输入 Q 表示缺考、Z 表示作废", field=field, row=row)
    return Mark(ScoreStatus.PRESENT, parse_score(cleaned, scale_max, field=field, row=row))


def sheet_for(lines: SessionLines, viewer: str) -> ScoreSheet:
    """The sheet as `viewer` may see it: their own keyings and settled marks only."""
    views = tuple(line_view(lines, i, viewer) for i in range(len(lines.seats)))
    first = next(iter(lines.rules.values()), None)
    scale = first.scale_max if first else Decimal(100)
    pass_mark = first.pass_mark if first else Decimal(60)
    return ScoreSheet(lines.session, scale, pass_mark, views)
