"""One candidate at a time: entry (报名), the list, withdrawal (撤回), voiding and the dishonesty register."""

from __future__ import annotations

import hashlib
from dataclasses import replace
from datetime import date, timedelta

from kaoping.domain.errors import ConflictError, ValidationError
from kaoping.domain.roles import Permission
from kaoping.domain.roster import (
    CandidateForm,
    CandidateStatus,
    Route,
)
from kaoping.domain.sampling import person_key
from kaoping.services.base import Actor, Env, Tx, action, reading, require_batch
from kaoping.services.intake._common import (
    CandidatePage,
    IntakeResult,
    LetterCopy,
    dishonesty_years,
    local_today,
    new_candidate,
    person_key_secret,
    refusals,
    render_letter,
    require_candidate,
    require_open_batch,
    rules,
    unprintable_fields,
    verdict,
    withdrawal_deadline,
)
from kaoping.services.ports.intake import (
    CandidateQuery,
    StoredCandidate,
)


def enter_candidate(env: Env, actor: Actor, batch_id: int, form: CandidateForm) -> IntakeResult:
    """Take one application into a batch: refusals, eligibility verdict, commitment letter.

    Raises:
        ConflictError: A duplicate application or a certificate already held.
        ValidationError: The commitment route for a person on the dishonesty register.
    """
    with action(env, actor, Permission.CANDIDATES_EDIT, "candidates.create") as tx:
        batch = require_open_batch(tx.uow, batch_id)
        today = local_today(env)
        key = person_key(form.id_type.value, form.id_number, person_key_secret(tx.uow))
        for problem in refusals(tx.uow, batch, [(0, key, form)], today):
            error = ConflictError if problem.field != "申报方式" else ValidationError
            raise error(problem.reason, field=problem.field)
        for problem in unprintable_fields(env, 0, form):
            raise ValidationError(problem.reason, field=problem.field)
        judged = verdict(rules(env), batch, form)
        pdf = None
        if form.route is Route.COMMITMENT:
            pdf = render_letter(env, tx.uow, batch, form)
        sha = hashlib.sha256(pdf).hexdigest() if pdf else ""
        candidate_id = tx.uow.candidates.add(
            new_candidate(batch, form, key, judged, (sha, today if pdf else None), actor.username),
            env.clock.now(),
        )
        tx.record(
            f"candidate:{candidate_id}",
            batch=batch.code,
            id_masked=form.id_masked,
            route=form.route.value,
            eligible=judged.eligible,
            alternative=judged.alternative_id,
            letter_sha256=sha,
        )
    return IntakeResult(
        candidate_id, judged.eligible, judged.note, judged.verified, sha, pdf, judged.alternative
    )


def list_candidates(env: Env, actor: Actor, query: CandidateQuery) -> CandidatePage:
    """One page of candidates (masked document numbers), filtered and sorted in the database."""
    with reading(env, actor, Permission.CANDIDATES_VIEW) as uow:
        rows, total = uow.candidates.page(query)
    return CandidatePage(tuple(rows), total)


def candidate_detail(env: Env, actor: Actor, candidate_id: int) -> StoredCandidate:
    """One application for display; the document number comes back masked."""
    with reading(env, actor, Permission.CANDIDATES_VIEW) as uow:
        found = require_candidate(uow, candidate_id)
    return replace(found, form=replace(found.form, id_number=found.form.id_masked), person_key="")


def withdraw(env: Env, actor: Actor, candidate_id: int, reason: str) -> None:
    """Withdraw an application (and its commitment) before the deadline."""
    with action(env, actor, Permission.CANDIDATES_EDIT, "candidates.withdraw") as tx:
        found = require_candidate(tx.uow, candidate_id)
        if found.status is not CandidateStatus.ACTIVE:
            raise ConflictError(f"该申报状态为“{found.status.label}”，不能撤回。", field="状态")
        batch = require_batch(tx.uow, found.batch_id)
        deadline = withdrawal_deadline(tx.uow, batch)
        if local_today(env) >= deadline:
            raise ConflictError(
                f"撤回截止日期为 {deadline.isoformat()}（当天及以后不能撤回），已过截止日期。",
                field="撤回",
            )
        tx.uow.candidates.set_status(candidate_id, CandidateStatus.WITHDRAWN, env.clock.now())
        tx.record(
            f"candidate:{candidate_id}", id_masked=found.form.id_masked, reason=reason.strip()[:200]
        )


def commitment_letter(env: Env, actor: Actor, candidate_id: int) -> LetterCopy:
    """Render a candidate's commitment letter for printing; records its fingerprint if none yet.

    Imported candidates get their letter this way: the first rendering fixes the fingerprint and
    the signing day, later ones are compared with it.
    """
    with action(env, actor, Permission.CANDIDATES_EDIT, "candidates.letter") as tx:
        found = require_candidate(tx.uow, candidate_id)
        if found.form.route is not Route.COMMITMENT:
            raise ConflictError("该考生按“提交证明”方式申报，没有告知承诺书。", field="申报方式")
        pdf = render_letter(env, tx.uow, require_batch(tx.uow, found.batch_id), found.form)
        sha = hashlib.sha256(pdf).hexdigest()
        if not found.commitment_sha256:
            tx.uow.candidates.set_letter(candidate_id, sha, local_today(env))
        matches = sha == (found.commitment_sha256 or sha)
        tx.record(f"candidate:{candidate_id}", letter_sha256=sha, matches_record=matches)
    return LetterCopy(pdf, sha, matches)


def void_application(env: Env, tx: Tx, candidate: StoredCandidate, reason: str) -> int:
    """Void an application and what hangs on it, inside the caller's transaction.

    The candidate's results become void and every `env.hooks.on_void` hook is called. Returns the
    number of result rows voided.
    """
    tx.uow.candidates.set_status(candidate.id, CandidateStatus.VOID, env.clock.now(), reason)
    voided = tx.uow.candidates.void_results(candidate.id, reason)
    for hook in env.hooks.on_void:
        hook(tx, candidate.id, reason)
    return voided


def register_dishonesty(env: Env, tx: Tx, candidate: StoredCandidate, reason: str) -> date:
    """Put the candidate's person on the dishonesty register from today; returns the last day."""
    start = local_today(env)
    years = dishonesty_years(tx.uow)
    try:
        end = start.replace(year=start.year + years)
    except ValueError:  # 29 February
        end = start.replace(year=start.year + years, day=28)
    until = end - timedelta(days=1)
    tx.uow.candidates.add_dishonesty(
        candidate.person_key,
        candidate.form.id_masked,
        candidate.form.name,
        start,
        until,
        reason,
        candidate.id,
        env.clock.now(),
    )
    return until
