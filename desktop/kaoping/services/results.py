"""Confirming (确认) a session's scores, amendments after confirmation (成绩更正), and results.

Confirmation locks every line of a session at once and is refused, with every reason listed, while a
keying is missing or a mismatch is unresolved. Once all of a candidate's required components are
confirmed, the candidate's overall result is written; certificates are only issued from a "passed"
result. A confirmed score changes only through a request with a reason and the approval of a
different supervisor; the old and the new mark both stay in the history.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from kaoping.domain.assessment import AssessmentRules, Component
from kaoping.domain.errors import ConflictError, NotFound, ValidationError
from kaoping.domain.roles import Permission
from kaoping.domain.roster import CandidateStatus
from kaoping.domain.scoring import (
    Amendment,
    ComponentScores,
    Mark,
    ResultStatus,
    ScoreStatus,
    amend,
    can_confirm,
    check_value,
    compute_result,
    confirm,
    confirmed_finals,
    final_value,
)
from kaoping.services.base import Actor, Env, action, reading, require_batch
from kaoping.services.eligibility import STEP_REPORT, refusals
from kaoping.services.ports.core import UnitOfWork
from kaoping.services.ports.scores import (
    CANDIDATE_VOID,
    CandidateFacts,
    EventKind,
    ScoringSession,
    StoredResult,
    StoredScoreEvent,
)
from kaoping.services.scores import (
    ScoreSheet,
    SessionLines,
    assessment_rules,
    build_line,
    load_session,
    refuse_score_for_absent,
    sheet_for,
)


class ListedOutcome(StrEnum):
    """A candidate's outcome as result lists show it: a stored result, or why there is none yet."""

    PASSED = "passed"
    FAILED = "failed"
    INCOMPLETE = "incomplete"
    VOID = "void"
    WITHDRAWN = "withdrawn"
    UNCONFIRMED = ""

    @property
    def label(self) -> str:
        """合格, 不合格, 未完成, 作废, 已撤回 or 未确认."""
        return _LISTED_LABELS[self]


NOT_CLEARED = "不符合申报条件，尚无质量督导员登记的例外：不能作为合格报送或发证"

_LISTED_LABELS = {
    ListedOutcome.PASSED: "合格",
    ListedOutcome.FAILED: "不合格",
    ListedOutcome.INCOMPLETE: "未完成",
    ListedOutcome.VOID: "作废",
    ListedOutcome.WITHDRAWN: "已撤回",
    ListedOutcome.UNCONFIRMED: "未确认",
}


@dataclass(frozen=True)
class CandidateResult:
    """A candidate's result as lists show it.

    Attributes:
        candidate_id: The candidate's record id.
        name: The name.
        id_masked: The masked ID number.
        outcome: "passed", "failed", "incomplete", "void", "withdrawn" (application withdrawn
            before any result), or "" while not all confirmed.
        reasons: Why not passed, in Chinese.
        marks: Each required component with its confirmed final mark (None while unconfirmed).
        confirmed_at: When the result was written.
        confirmed_by: Who confirmed or approved it.
    """

    candidate_id: int
    name: str
    id_masked: str
    outcome: ListedOutcome
    reasons: tuple[str, ...]
    marks: tuple[tuple[Component, Mark | None], ...]
    confirmed_at: datetime | None = None
    confirmed_by: str = ""

    @property
    def outcome_label(self) -> str:
        """合格, 不合格, 未完成, 作废, 已撤回 or 未确认."""
        return self.outcome.label


@dataclass(frozen=True)
class ConfirmReport:
    """What a confirmation locked and which overall results it wrote."""

    session_id: int
    lines: int
    results: tuple[CandidateResult, ...]


@dataclass(frozen=True)
class AmendmentRequest:
    """A request to change a confirmed score, awaiting a supervisor."""

    id: int
    session_id: int
    candidate_id: int
    ticket_no: str
    name: str
    component: Component
    old: Mark
    new: Mark
    reason: str
    requested_by: str
    requested_at: datetime


# ---- overall results ----------------------------------------------------------------------


def _candidate_lines(
    facts: CandidateFacts, rules: AssessmentRules, events: Sequence[StoredScoreEvent]
) -> list[ComponentScores]:
    plan = rules.plan_for(facts.occupation_code, facts.level)
    lines = []
    for component in plan.components:
        mine = [e for e in events if e.component is component]
        if mine:
            lines.append(build_line(str(facts.candidate_id), plan.rules[component], None, mine))
    return lines


def _result_of(
    facts: CandidateFacts, rules: AssessmentRules, events: Sequence[StoredScoreEvent]
) -> tuple[ResultStatus, tuple[str, ...]] | None:
    """The outcome once every required component is confirmed, else None."""
    plan = rules.plan_for(facts.occupation_code, facts.level)
    lines = _candidate_lines(facts, rules, events)
    if len(lines) < len(plan.components) or any(ln.confirmation is None for ln in lines):
        return None
    if facts.status == CANDIDATE_VOID:
        return ResultStatus.VOID, ("申报已作废，成绩不予认定",)
    outcome = compute_result(plan.components, confirmed_finals(lines), plan.rules)
    return outcome.status, outcome.reasons


def _marks(
    facts: CandidateFacts, rules: AssessmentRules, events: Sequence[StoredScoreEvent]
) -> tuple[tuple[Component, Mark | None], ...]:
    finals = confirmed_finals(_candidate_lines(facts, rules, events))
    components = rules.plan_for(facts.occupation_code, facts.level).components
    return tuple((c, finals.get(c)) for c in components)


def refresh_results(
    uow: UnitOfWork, rules: AssessmentRules, candidate_ids: Collection[int], by: str, at: datetime
) -> list[CandidateResult]:
    """Write the overall result of every candidate whose required components are all confirmed."""
    events = uow.scores.events(candidate_ids)
    written = []
    for facts in uow.scores.candidates(candidate_ids):
        mine = [e for e in events if e.candidate_id == facts.candidate_id]
        decided = _result_of(facts, rules, mine)
        if decided is None:
            continue
        outcome, reasons = decided
        uow.scores.save_result(
            StoredResult(facts.candidate_id, facts.batch_id, outcome, reasons, at, by)
        )
        written.append(
            CandidateResult(
                facts.candidate_id,
                facts.name,
                facts.id_masked,
                ListedOutcome(outcome.value),
                reasons,
                _marks(facts, rules, mine),
                at,
                by,
            )
        )
    return written


def list_results(env: Env, actor: Actor, batch_code: str) -> list[CandidateResult]:
    """Every candidate of a batch with confirmed component marks and the overall result, if any."""
    rules = assessment_rules(env)
    with reading(env, actor, Permission.CANDIDATES_VIEW) as uow:
        batch = require_batch(uow, batch_code)
        candidates = uow.scores.batch_candidates(batch.id)
        ids = [c.candidate_id for c in candidates]
        events = uow.scores.events(ids)
        stored = {r.candidate_id: r for r in uow.scores.results(batch.id)}
        stopped = refusals(uow, ids, STEP_REPORT)
    listed = []
    for facts in candidates:
        mine = [e for e in events if e.candidate_id == facts.candidate_id]
        result = stored.get(facts.candidate_id)
        outcome, reasons = (
            _unscored_outcome(facts)
            if result is None
            else (ListedOutcome(result.outcome.value), result.reasons)
        )
        if outcome is ListedOutcome.PASSED and facts.candidate_id in stopped:
            # A pass is not reported or certified without eligibility: the list says so.
            reasons = (*reasons, NOT_CLEARED)
        listed.append(
            CandidateResult(
                facts.candidate_id,
                facts.name,
                facts.id_masked,
                outcome,
                reasons,
                _marks(facts, rules, mine),
                result.confirmed_at if result else None,
                result.confirmed_by if result else "",
            )
        )
    return listed


def _unscored_outcome(facts: CandidateFacts) -> tuple[ListedOutcome, tuple[str, ...]]:
    # An application voided or withdrawn before any result was written will never get one;
    # listing it as 未确认 would send someone looking for scores that cannot come.
    if facts.status == CandidateStatus.VOID:
        return ListedOutcome.VOID, ("报名已作废",)
    if facts.status == CandidateStatus.WITHDRAWN:
        return ListedOutcome.WITHDRAWN, ("考生已撤回申报",)
    return ListedOutcome.UNCONFIRMED, ()


# ---- confirmation -------------------------------------------------------------------------


def sessions_for_review(env: Env, actor: Actor) -> list[ScoringSession]:
    """Every session, by start time, for choosing which one to check and confirm."""
    with reading(env, actor, Permission.RESULTS_CONFIRM) as uow:
        return uow.scores.sessions()


def _blockers(lines: SessionLines) -> list[str]:
    session = lines.session
    if session.locked:
        return [f"场次 {session.code} 已由 {session.confirmed_by} 确认，不能重复确认"]
    return can_confirm(lines.lines())


def confirmation_blockers(env: Env, actor: Actor, session_id: int) -> list[str]:
    """What stops a session's scores from being confirmed; empty when they can be."""
    rules = assessment_rules(env)
    with reading(env, actor, Permission.RESULTS_CONFIRM) as uow:
        return _blockers(load_session(uow, rules, session_id))


def confirm_session(env: Env, actor: Actor, session_id: int) -> ConfirmReport:
    """Confirm and lock every score of a session, then write finished candidates' results.

    Raises:
        ConflictError: Listing every missing keying and unresolved mismatch; nothing is locked.
    """
    rules = assessment_rules(env)
    with action(env, actor, Permission.RESULTS_CONFIRM, "results.confirm") as tx:
        lines = load_session(tx.uow, rules, session_id)
        blockers = _blockers(lines)
        if blockers:
            raise ConflictError(
                f"场次 {lines.session.code} 的成绩不能确认：\n" + "\n".join(blockers)
            )
        now = env.clock.now()
        confirm(lines.lines(), actor.username, now)
        for seat in lines.seats:
            tx.uow.scores.add_event(
                StoredScoreEvent(
                    0,
                    session_id,
                    seat.candidate_id,
                    lines.session.component,
                    EventKind.CONFIRMATION,
                    now,
                    actor.username,
                )
            )
        tx.uow.scores.mark_session_confirmed(session_id, now, actor.username)
        written = refresh_results(
            tx.uow, rules, [s.candidate_id for s in lines.seats], actor.username, now
        )
        tx.record(f"session:{session_id}", lines=len(lines.seats), results=len(written))
    return ConfirmReport(session_id, len(lines.seats), tuple(written))


# ---- amendments ---------------------------------------------------------------------------


def _check_new_mark(line: ComponentScores, mark: Mark, current: Mark | None) -> None:
    field = "更正后成绩"
    if mark.status is ScoreStatus.PRESENT:
        if mark.value is None:
            raise ValidationError("实考须填写分数", field=field, row=line.row)
        check_value(mark.value, line.scale_max, field=field, row=line.row)
    elif mark.value is not None:
        raise ValidationError(f"{mark.status.label}不能同时填写分数", field=field, row=line.row)
    if mark == current:
        raise ValidationError("新成绩与原成绩相同，无需更正", field=field, row=line.row)


def amendable_sheet(env: Env, actor: Actor, session_id: int) -> ScoreSheet:
    """A session's sheet for someone asking for an amendment: current final marks, no keyings."""
    rules = assessment_rules(env)
    with reading(env, actor, Permission.AMENDMENT_REQUEST) as uow:
        lines = load_session(uow, rules, session_id)
    return sheet_for(lines, actor.username)


def _open_request(events: Sequence[StoredScoreEvent]) -> StoredScoreEvent | None:
    decided = {e.ref_id for e in events if e.ref_id is not None}
    return next(
        (e for e in events if e.kind is EventKind.AMENDMENT_REQUEST and e.id not in decided), None
    )


def request_amendment(
    env: Env, actor: Actor, session_id: int, candidate_id: int, mark: Mark, reason: str
) -> int:
    """Ask for a confirmed score to be changed, with a reason; returns the request's number.

    Raises:
        ConflictError: The score is not confirmed yet, or a request for it is still open.
        ValidationError: No reason, an invalid new mark, or the same mark as now.
    """
    rules = assessment_rules(env)
    with action(env, actor, Permission.AMENDMENT_REQUEST, "amendment.request") as tx:
        lines = load_session(tx.uow, rules, session_id)
        index = lines.index_of(candidate_id)
        line = lines.line(index)
        if line.confirmation is None:
            raise ConflictError(f"{line.where}尚未确认，请直接录入或裁定，不需要申请更正")
        if not reason.strip():
            raise ValidationError("请填写更正理由", field="更正理由", row=line.row)
        current = final_value(line)
        _check_new_mark(line, mark, current)
        refuse_score_for_absent(lines.seats[index], mark, line.row)
        pending = _open_request(lines.events[candidate_id])
        if pending is not None:
            raise ConflictError(
                f"{line.where}已有待批准的更正申请（编号 {pending.id}），请等待质量督导员处理"
            )
        assert current is not None  # a confirmed line always has a final mark
        request_id = tx.uow.scores.add_event(
            StoredScoreEvent(
                0,
                session_id,
                candidate_id,
                line.component,
                EventKind.AMENDMENT_REQUEST,
                env.clock.now(),
                actor.username,
                mark.status,
                mark.value,
                current.status,
                current.value,
                reason=reason.strip(),
            )
        )
        tx.record(
            f"session:{session_id}/candidate:{candidate_id}",
            request=request_id,
            old=str(current),
            new=str(mark),
            reason=reason.strip(),
        )
    return request_id


def pending_amendments(env: Env, actor: Actor, session_id: int) -> list[AmendmentRequest]:
    """A session's amendment requests that await a supervisor's decision."""
    rules = assessment_rules(env)
    with reading(env, actor, Permission.AMENDMENT_APPROVE) as uow:
        lines = load_session(uow, rules, session_id)
    found = []
    for seat in lines.seats:
        request = _open_request(lines.events[seat.candidate_id])
        if request is not None and request.mark is not None and request.old_mark is not None:
            found.append(
                AmendmentRequest(
                    request.id,
                    session_id,
                    seat.candidate_id,
                    seat.ticket_no,
                    seat.name,
                    request.component,
                    request.old_mark,
                    request.mark,
                    request.reason,
                    request.actor,
                    request.at,
                )
            )
    return found


def _request(
    uow: UnitOfWork, rules: AssessmentRules, request_id: int
) -> tuple[StoredScoreEvent, SessionLines]:
    request = uow.scores.event(request_id)
    if request is None or request.kind is not EventKind.AMENDMENT_REQUEST:
        raise NotFound(f"更正申请（编号 {request_id}）不存在", field="更正申请")
    lines = load_session(uow, rules, request.session_id)
    if _open_request(lines.events[request.candidate_id]) != request:
        raise ConflictError(f"更正申请（编号 {request_id}）已处理过")
    return request, lines


def approve_amendment(env: Env, actor: Actor, request_id: int) -> CandidateResult | None:
    """Approve a change to a confirmed score; returns the candidate's refreshed result, if any.

    Raises:
        PermissionDenied: The approver made the request.
        ConflictError: The request was decided already, or the score changed since.
    """
    rules = assessment_rules(env)
    with action(env, actor, Permission.AMENDMENT_APPROVE, "amendment.approve") as tx:
        request, lines = _request(tx.uow, rules, request_id)
        line = lines.line(lines.index_of(request.candidate_id))
        now = env.clock.now()
        assert request.mark is not None and request.old_mark is not None
        # The permission check above already made this user a supervisor for the domain rule.
        amend(
            line,
            Amendment(
                request.old_mark, request.mark, request.reason, request.actor, actor.username, now
            ),
            supervisors={actor.username},
        )
        tx.uow.scores.add_event(
            StoredScoreEvent(
                0,
                request.session_id,
                request.candidate_id,
                request.component,
                EventKind.AMENDMENT,
                now,
                request.actor,
                request.status,
                request.value,
                request.old_status,
                request.old_value,
                actor.username,
                request.reason,
                request_id,
            )
        )
        written = refresh_results(tx.uow, rules, [request.candidate_id], actor.username, now)
        tx.record(
            f"session:{request.session_id}/candidate:{request.candidate_id}",
            request=request_id,
            old=str(request.old_mark),
            new=str(request.mark),
            requested_by=request.actor,
        )
    return written[0] if written else None


def reject_amendment(env: Env, actor: Actor, request_id: int, reason: str) -> None:
    """Turn down a change request, with a reason; the score stays as it was."""
    if not reason.strip():
        raise ValidationError("请填写驳回理由", field="驳回理由")
    rules = assessment_rules(env)
    with action(env, actor, Permission.AMENDMENT_APPROVE, "amendment.reject") as tx:
        request, _lines = _request(tx.uow, rules, request_id)
        tx.uow.scores.add_event(
            StoredScoreEvent(
                0,
                request.session_id,
                request.candidate_id,
                request.component,
                EventKind.AMENDMENT_REJECTION,
                env.clock.now(),
                request.actor,
                approver=actor.username,
                reason=reason.strip(),
                ref_id=request_id,
            )
        )
        tx.record(
            f"session:{request.session_id}/candidate:{request.candidate_id}",
            request=request_id,
            reason=reason.strip(),
        )
