"""Keying on screen (录入), the keyer's sheet, mismatches and their resolution (裁定)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from kaoping.domain import scoring
from kaoping.domain.roles import Permission
from kaoping.domain.scoring import (
    Mark,
    Mismatch,
    ScoreEntry,
    reconciliation,
)
from kaoping.services.base import Actor, Env, action, reading
from kaoping.services.eligibility import STEP_SCORE, require_cleared
from kaoping.services.ports.scores import (
    EventKind,
    ScoringSession,
    StoredScoreEvent,
)
from kaoping.services.scores.lines import (
    ScoreSheet,
    SessionLines,
    SheetLine,
    assessment_rules,
    line_view,
    load_session,
    refuse_before_start,
    refuse_if_locked,
    refuse_score_for_absent,
    sheet_for,
)
from kaoping.services.sessions import on_panel, refuse_if_recused, session_scorer


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
        NotEligible: The candidate does not meet the eligibility rules and has no exception.
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
        require_cleared(tx.uow, candidate_id, STEP_SCORE)
        event = record_keying(lines, index, mark, actor.username, env.clock.now(), source)
        tx.uow.scores.add_event(event)
        lines = load_session(tx.uow, rules, session_id)
        view = line_view(lines, index, actor.username)
        tx.record(
            component=lines.session.component.value,
            key=view.keys,
            source=source,
        )
    return view


def record_keying(
    lines: SessionLines,
    index: int,
    mark: Mark,
    keyer: str,
    now: datetime,
    source: str,
    row: int | None = None,
) -> StoredScoreEvent:
    """Check one keying against the line's rules and return it as the event to store."""
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
        return line_view(lines, index, actor.username)


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
