"""Double-keyed score entry (双人录入) per session, reconciliation (核对) and score-file imports.

Each session scores one component. Two different examiners key every seat without seeing each other's
value: a keyer only ever gets back their own keying, and a line's final mark once keying is over.
Supervisors see both keyings when they resolve a mismatch (裁定). Every keying and resolution is
appended to the score history; nothing is overwritten. Keying, on screen or from a file, is open
from the session's scheduled start until its results are confirmed.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from enum import StrEnum
from pathlib import Path

from kaoping.domain import scoring
from kaoping.domain.assessment import AssessmentRules, ComponentRule
from kaoping.domain.beijing import beijing
from kaoping.domain.errors import ConflictError, KaopingError, NotFound, ValidationError
from kaoping.domain.roles import Permission
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
from kaoping.services.base import Actor, Env, action, reading
from kaoping.services.ports.core import UnitOfWork
from kaoping.services.ports.exams import ExaminerInfo
from kaoping.services.ports.scores import (
    ATTENDANCE_ABSENT,
    EventKind,
    ScoreFileRow,
    ScoringSeat,
    ScoringSession,
    StoredScoreEvent,
)
from kaoping.services.ports.setup import StandardsData
from kaoping.services.sessions import on_panel, refuse_if_recused, session_scorer

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


@dataclass(frozen=True)
class MismatchView:
    """A seat whose two keyings disagree, as a supervisor sees it."""

    row: int
    ticket_no: str
    candidate_id: int
    name: str
    first: Mark
    first_by: str
    second: Mark
    second_by: str
    scale_max: Decimal


@dataclass(frozen=True)
class RowProblem:
    """A bad row of an imported file: where, which column, and what to fix."""

    row: int
    field: str
    message: str

    def __str__(self) -> str:
        return f"第 {self.row} 行“{self.field}”：{self.message}"


@dataclass(frozen=True)
class ImportReport:
    """What a score import did."""

    total: int
    imported: int
    skipped: tuple[RowProblem, ...]


class ScoreImportRejected(ValidationError):
    """A score file had bad rows, so nothing was imported; `problems` lists every one."""

    def __init__(self, problems: Sequence[RowProblem]) -> None:
        lines = "\n".join(str(p) for p in problems)
        super().__init__(
            f"成绩文件有 {len(problems)} 行有误，未导入任何成绩；请改正后重新导入，"
            f"或只导入正确的行：\n{lines}"
        )
        self.problems = tuple(problems)


# ---- building score lines from the stored history ------------------------------------------


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


def _view(lines: SessionLines, index: int, viewer: str) -> SheetLine:
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


# ---- the user actions ---------------------------------------------------------------------


def sessions_for_entry(env: Env, actor: Actor) -> list[ScoringSession]:
    """The sessions whose panel the user sits on, by start time, for choosing which to key."""
    with reading(env, actor, Permission.SCORES_ENTER) as uow:
        examiner = uow.exams.examiner_by_user(actor.user_id)
        if examiner is None:
            return []
        return [s for s in uow.scores.sessions() if on_panel(uow, s.id, examiner.id)]


def score_sheet(env: Env, actor: Actor, session_id: int) -> ScoreSheet:
    """A session's sheet as this keyer may see it: their own keyings and settled marks only."""
    rules = assessment_rules(env)
    with reading(env, actor, Permission.SCORES_ENTER) as uow:
        lines = load_session(uow, rules, session_id)
    return sheet_for(lines, actor.username)


def sheet_for(lines: SessionLines, viewer: str) -> ScoreSheet:
    """The sheet as `viewer` may see it: their own keyings and settled marks only."""
    views = tuple(_view(lines, i, viewer) for i in range(len(lines.seats)))
    first = next(iter(lines.rules.values()), None)
    scale = first.scale_max if first else Decimal(100)
    pass_mark = first.pass_mark if first else Decimal(60)
    return ScoreSheet(lines.session, scale, pass_mark, views)


def enter_score(
    env: Env,
    actor: Actor,
    session_id: int,
    candidate_id: int,
    mark: Mark,
    *,
    source: str = "screen",
) -> SheetLine:
    """Key one seat's mark (first or second keying); returns the seat as the keyer now sees it.

    Raises:
        ConflictError: The session or line is locked, the keyer already keyed it, or it has two
            keyings already.
        ValidationError: The session has not started yet, the score is out of range, the
            candidate was absent at check-in, or the keyer is not on the session's panel or has
            declared a conflict with the candidate.
    """
    rules = assessment_rules(env)
    seat = f"session:{session_id}/candidate:{candidate_id}"
    with action(env, actor, Permission.SCORES_ENTER, "scores.enter", seat) as tx:
        lines = load_session(tx.uow, rules, session_id)
        refuse_if_locked(lines.session)
        refuse_before_start(lines.session, env.clock.now())
        index = lines.index_of(candidate_id)
        examiner = session_scorer(tx.uow, session_id, lines.session.code, actor.user_id)
        refuse_if_recused(tx.uow, examiner, candidate_id)
        event = _keying(lines, index, mark, actor.username, env.clock.now(), source)
        tx.uow.scores.add_event(event)
        lines = load_session(tx.uow, rules, session_id)
        view = _view(lines, index, actor.username)
        tx.record(
            component=lines.session.component.value,
            key=view.keys,
            source=source,
        )
    return view


def _keying(
    lines: SessionLines,
    index: int,
    mark: Mark,
    keyer: str,
    now: datetime,
    source: str,
    row: int | None = None,
) -> StoredScoreEvent:
    seat = lines.seats[index]
    refuse_score_for_absent(seat, mark, row if row is not None else index + 1)
    line = lines.line(index, row)
    entry = ScoreEntry(line.candidate_id, line.component, mark.value, mark.status, keyer, now)
    scoring.enter_score(line, entry)
    return StoredScoreEvent(
        0,
        lines.session.id,
        seat.candidate_id,
        line.component,
        EventKind.ENTRY,
        now,
        keyer,
        mark.status,
        mark.value,
        source=source,
    )


def mismatches(env: Env, actor: Actor, session_id: int) -> list[MismatchView]:
    """Seats whose two keyings disagree and await a supervisor, with both keyings."""
    rules = assessment_rules(env)
    with reading(env, actor, Permission.SCORES_RESOLVE) as uow:
        lines = load_session(uow, rules, session_id)
    found = []
    for index, seat in enumerate(lines.seats):
        line = lines.line(index)
        outcome = reconciliation(line)
        if isinstance(outcome, Mismatch) and line.resolution is None:
            first, second = outcome.first, outcome.second
            found.append(
                MismatchView(
                    index + 1,
                    seat.ticket_no,
                    seat.candidate_id,
                    seat.name,
                    first.mark,
                    first.keyed_by,
                    second.mark,
                    second.keyed_by,
                    line.scale_max,
                )
            )
    return found


def resolve(
    env: Env, actor: Actor, session_id: int, candidate_id: int, mark: Mark, reason: str
) -> SheetLine:
    """A supervisor decides the mark of a seat whose keyings disagree, with a reason.

    Raises:
        ConflictError: The session is locked or the seat has no open mismatch.
        PermissionDenied: The supervisor keyed this seat.
        ValidationError: No reason, or an invalid mark.
    """
    rules = assessment_rules(env)
    with action(env, actor, Permission.SCORES_RESOLVE, "scores.resolve") as tx:
        lines = load_session(tx.uow, rules, session_id)
        refuse_if_locked(lines.session)
        index = lines.index_of(candidate_id)
        seat = lines.seats[index]
        refuse_score_for_absent(seat, mark, index + 1)
        now = env.clock.now()
        # The permission check above already made this user a supervisor for the domain rule.
        scoring.resolve(
            lines.line(index), mark, actor.username, reason, supervisors={actor.username}, at=now
        )
        tx.uow.scores.add_event(
            StoredScoreEvent(
                0,
                session_id,
                candidate_id,
                lines.session.component,
                EventKind.RESOLUTION,
                now,
                actor.username,
                mark.status,
                mark.value,
                reason=reason.strip(),
            )
        )
        lines = load_session(tx.uow, rules, session_id)
        tx.record(
            f"session:{session_id}/candidate:{candidate_id}", mark=str(mark), reason=reason.strip()
        )
        return _view(lines, index, actor.username)


def score_history(
    env: Env, actor: Actor, session_id: int, candidate_id: int
) -> tuple[StoredScoreEvent, ...]:
    """Every stored event of a seat's score, oldest first (for supervisors)."""
    rules = assessment_rules(env)
    with reading(env, actor, Permission.SCORES_RESOLVE) as uow:
        lines = load_session(uow, rules, session_id)
        everything = uow.scores.events([candidate_id])
    lines.index_of(candidate_id)
    return tuple(e for e in everything if e.component is lines.session.component)


def import_scores(
    env: Env,
    actor: Actor,
    session_id: int,
    path: Path,
    *,
    valid_only: bool = False,
    progress: ProgressCallback | None = None,
) -> ImportReport:
    """Import one keying of a session's scores from a platform file (CSV or Excel).

    The importing user is the keyer, so the file counts as one of the two keyings. Every bad row is
    reported with its row, column and fix; nothing is imported if any row is bad, unless
    `valid_only` is set, which imports the good rows and reports the rest. `progress(done, total)`
    is called per row; an exception raised from it (a cancel) leaves nothing imported.

    Raises:
        ScoreImportRejected: Some rows are bad and `valid_only` is not set.
        ValidationError: The file cannot be read or lacks a needed column, the session has not
            started yet, or the importing user is not on the session's panel.
        ConflictError: The session's results are confirmed.
    """
    reader = env.adapters.score_files
    rows = reader.read(path)
    if not rows:
        raise ValidationError(f"文件 {path.name} 中没有成绩行", field="文件")
    rules = assessment_rules(env)
    with action(
        env, actor, Permission.SCORES_ENTER, "scores.import", f"session:{session_id}"
    ) as tx:
        lines = load_session(tx.uow, rules, session_id)
        refuse_if_locked(lines.session)
        refuse_before_start(lines.session, env.clock.now())
        # Not on the panel refuses the whole file at once, not each row with the same reason.
        examiner = session_scorer(tx.uow, session_id, lines.session.code, actor.user_id)
        events, problems = _check_rows(
            tx.uow, lines, rows, actor.username, env.clock.now(), progress, examiner
        )
        if problems and not valid_only:
            raise ScoreImportRejected(problems)
        for event in events:
            tx.uow.scores.add_event(event)
        tx.record(
            file=path.name,
            rows=len(rows),
            imported=len(events),
            skipped=len(problems),
        )
    return ImportReport(len(rows), len(events), tuple(problems))


def _check_rows(
    uow: UnitOfWork,
    lines: SessionLines,
    rows: Sequence[ScoreFileRow],
    keyer: str,
    now: datetime,
    progress: ProgressCallback | None,
    examiner: ExaminerInfo,
) -> tuple[list[StoredScoreEvent], list[RowProblem]]:
    tickets = {seat.ticket_no: i for i, seat in enumerate(lines.seats)}
    seen: dict[int, int] = {}
    events: list[StoredScoreEvent] = []
    problems: list[RowProblem] = []
    for done, item in enumerate(rows, start=1):
        try:
            index = _find_seat(uow, lines, tickets, item)
            if index in seen:
                raise ValidationError(
                    f"与第 {seen[index]} 行是同一考生，请删除重复行", field="准考证号", row=item.row
                )
            seen[index] = item.row
            refuse_if_recused(uow, examiner, lines.seats[index].candidate_id, item.row)
            mark = _file_mark(item, lines.rules[lines.seats[index].candidate_id].scale_max)
            events.append(_keying(lines, index, mark, keyer, now, "import", item.row))
        except KaopingError as error:
            problems.append(RowProblem(item.row, error.field or "成绩", error.message))
        if progress is not None:
            progress(done, len(rows))
    return events, problems


def _find_seat(
    uow: UnitOfWork, lines: SessionLines, tickets: dict[str, int], item: ScoreFileRow
) -> int:
    code = lines.session.code
    if item.ticket_no:
        if item.ticket_no not in tickets:
            raise ValidationError(
                f"准考证号 {item.ticket_no} 不在场次 {code} 的座位表中，请核对准考证号或所选场次",
                field="准考证号",
                row=item.row,
            )
        index = tickets[item.ticket_no]
        if item.id_number:
            by_id = uow.scores.seat_by_id_number(lines.session.id, item.id_number)
            if by_id is None or by_id.candidate_id != lines.seats[index].candidate_id:
                raise ValidationError(
                    "身份证号与准考证号不是同一考生，请核对", field="身份证号", row=item.row
                )
        return index
    if not item.id_number:
        raise ValidationError("请填写准考证号或身份证号", field="准考证号", row=item.row)
    seat = uow.scores.seat_by_id_number(lines.session.id, item.id_number)
    if seat is None:
        # The number itself is not repeated: messages may be shown or logged.
        raise ValidationError(
            f"该身份证号的考生不在场次 {code} 的座位表中，请核对", field="身份证号", row=item.row
        )
    return lines.index_of(seat.candidate_id)


def _file_mark(item: ScoreFileRow, scale_max: Decimal) -> Mark:
    status = ScoreStatus.PRESENT
    if item.status.strip():
        found = STATUS_WORDS.get(item.status.strip().lower())
        if found is None:
            raise ValidationError(
                f"无法识别的状态“{item.status}”，应为 实考、缺考 或 作废",
                field="状态",
                row=item.row,
            )
        status = found
    if status is not ScoreStatus.PRESENT:
        if item.score.strip():
            raise ValidationError(
                f"状态为{status.label}时成绩应留空，请删除分数或改为实考",
                field="成绩",
                row=item.row,
            )
        return Mark(status)
    if not item.score.strip():
        raise ValidationError(
            "成绩为空：请填写分数，或在“状态”列写“缺考”/“作废”", field="成绩", row=item.row
        )
    return Mark(status, parse_score(item.score, scale_max, field="成绩", row=item.row))
