"""Score files from online exam platforms (平台成绩文件), imported all or nothing."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from pathlib import Path

from kaoping.domain.errors import KaopingError, ValidationError
from kaoping.domain.roles import Permission
from kaoping.domain.scoring import (
    Mark,
    ScoreStatus,
    parse_score,
)
from kaoping.services.base import Actor, Env, action
from kaoping.services.eligibility import STEP_SCORE, require_cleared
from kaoping.services.ports.core import UnitOfWork
from kaoping.services.ports.exams import ExaminerInfo
from kaoping.services.ports.scores import (
    ScoreFileRow,
    StoredScoreEvent,
)
from kaoping.services.scores.entry import record_keying
from kaoping.services.scores.lines import (
    STATUS_WORDS,
    ProgressCallback,
    SessionLines,
    assessment_rules,
    load_session,
    refuse_before_start,
    refuse_if_locked,
)
from kaoping.services.sessions import refuse_if_recused, session_scorer


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
            require_cleared(uow, lines.seats[index].candidate_id, STEP_SCORE, item.row)
            mark = _file_mark(item, lines.rules[lines.seats[index].candidate_id].scale_max)
            events.append(record_keying(lines, index, mark, keyer, now, "import", item.row))
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
