"""Verification sampling (核查抽样) of commitments: reproducible draws, outcomes, consequences.

A supervisor draws a share of a batch's commitment-route applications at random, plus everyone
flagged for checking. The seed, ratio, method and population are recorded so an inspector can
repeat the draw and compare. A fact found untrue (不实) makes the commitment false: the application
and anything hanging on it are voided and the person goes on the dishonesty register.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from kaoping.domain.errors import NotFound, ValidationError
from kaoping.domain.roles import Permission
from kaoping.domain.roster import CandidateStatus
from kaoping.domain.sampling import (
    CheckedFact,
    CheckOutcome,
    SampleDraw,
    commitment_is_false,
    draw_sample,
    new_seed,
)
from kaoping.services import intake
from kaoping.services.base import Actor, Env, action, reading, require_batch
from kaoping.services.ports.core import UnitOfWork
from kaoping.services.ports.intake import CandidateSummary, CheckRecord, DrawRecord

RATIO_SETTING = "sampling.default_ratio"
DEFAULT_RATIO = "0.1"
"""Default share drawn. UNCONFIRMED: no official sampling ratio was found (standards.md §5.5)."""


@dataclass(frozen=True)
class SampleMember:
    """One candidate of a draw with what has been recorded so far."""

    candidate: CandidateSummary
    randomly_drawn: bool
    flagged: bool
    outcomes: Mapping[CheckedFact, CheckRecord]


@dataclass(frozen=True)
class RerunReport:
    """A recorded draw repeated from its seed, ratio and population.

    Attributes:
        record: The draw as recorded.
        repeated: The draw made again now.
        matches: Whether the repeated draw selects exactly the recorded candidates.
        population_intact: Whether the recorded population still has its recorded fingerprint.
        missing: Recorded as drawn but not drawn now.
        extra: Drawn now but not recorded.
    """

    record: DrawRecord
    repeated: SampleDraw
    matches: bool
    population_intact: bool
    missing: tuple[int, ...]
    extra: tuple[int, ...]


@dataclass(frozen=True)
class CheckVerdict:
    """What recording outcomes led to."""

    commitment_false: bool
    voided: bool
    barred_until: str
    results_voided: int


def population_sha256(population: Sequence[int]) -> str:
    """Fingerprint of a population: SHA-256 of the ascending ids joined by commas."""
    return hashlib.sha256(",".join(str(i) for i in sorted(population)).encode()).hexdigest()


def default_ratio(env: Env, actor: Actor) -> Decimal:
    """The ratio offered by default (setting `sampling.default_ratio`)."""
    with reading(env, actor, Permission.SAMPLING_DRAW) as uow:
        return Decimal(str(uow.settings.get(RATIO_SETTING, DEFAULT_RATIO)))


def draw(
    env: Env, actor: Actor, batch_id: int, ratio: Decimal | float, seed: str | None = None
) -> DrawRecord:
    """Draw a sample of a batch's commitment-route applications and record it.

    Args:
        env: The services' environment.
        actor: The signed-in supervisor.
        batch_id: The batch.
        ratio: Share to draw at random, 0 to 1.
        seed: A given seed (e.g. announced in advance); a fresh random one otherwise.
    """
    with action(env, actor, Permission.SAMPLING_DRAW, "sampling.draw") as tx:
        batch = require_batch(tx.uow, batch_id)
        population, flagged = tx.uow.candidates.commitment_population(batch_id)
        if not population:
            raise ValidationError(
                f"批次 {batch.code} 没有以告知承诺方式申报的有效考生，无需抽查。", field="批次"
            )
        sample = draw_sample(population, ratio, seed or new_seed(), flagged)
        fingerprint = population_sha256(population)
        draw_id = tx.uow.candidates.add_draw(
            batch_id, sample, population, fingerprint, actor.username, env.clock.now()
        )
        tx.record(
            f"draw:{draw_id}",
            batch=batch.code,
            seed=sample.seed,
            ratio=str(sample.ratio),
            method=sample.method,
            population=len(population),
            population_sha256=fingerprint,
            drawn=list(sample.drawn),
        )
        record = _draw(tx.uow, draw_id)
    return record


def rerun(env: Env, actor: Actor, draw_id: int) -> RerunReport:
    """Repeat a recorded draw from its seed, ratio and population and compare (audited)."""
    with action(env, actor, Permission.SAMPLING_DRAW, "sampling.rerun") as tx:
        record = _draw(tx.uow, draw_id)
        repeated = draw_sample(
            record.population, record.draw.ratio, record.draw.seed, record.draw.flagged
        )
        recorded = set(record.draw.drawn)
        now = set(repeated.drawn)
        report = RerunReport(
            record,
            repeated,
            recorded == now and repeated.method == record.draw.method,
            population_sha256(record.population) == record.population_sha256,
            tuple(sorted(recorded - now)),
            tuple(sorted(now - recorded)),
        )
        tx.record(
            f"draw:{draw_id}", matches=report.matches, population_intact=report.population_intact
        )
    return report


def list_draws(env: Env, actor: Actor, batch_id: int | None = None) -> list[DrawRecord]:
    """Recorded draws, newest first."""
    with reading(env, actor, Permission.SAMPLING_DRAW) as uow:
        return uow.candidates.draws(batch_id)


def members(env: Env, actor: Actor, draw_id: int) -> list[SampleMember]:
    """Everyone to be checked in a draw, with the outcomes recorded so far."""
    with reading(env, actor, Permission.SAMPLING_DRAW) as uow:
        record = _draw(uow, draw_id)
        summaries = uow.candidates.summaries(record.draw.drawn)
        checks = uow.candidates.checks(draw_id)
    by_candidate: dict[int, dict[CheckedFact, CheckRecord]] = {}
    for check in checks:
        by_candidate.setdefault(check.candidate_id, {})[check.fact] = check
    randomly = set(record.draw.randomly_drawn)
    flagged = set(record.draw.flagged)
    return [
        SampleMember(s, s.id in randomly, s.id in flagged, by_candidate.get(s.id, {}))
        for s in summaries
    ]


def flag(env: Env, actor: Actor, candidate_id: int, flagged: bool, reason: str) -> None:
    """Mark (or unmark) an application for checking whatever the draw gives (重点核查)."""
    if flagged and not reason.strip():
        raise ValidationError("请填写重点核查的原因。", field="原因")
    with action(env, actor, Permission.SAMPLING_DRAW, "sampling.flag") as tx:
        found = tx.uow.candidates.get(candidate_id)
        if found is None:
            raise NotFound(f"考生（编号 {candidate_id}）不存在。", field="考生")
        tx.uow.candidates.set_flagged(candidate_id, flagged)
        tx.record(f"candidate:{candidate_id}", flagged=flagged, reason=reason.strip()[:200])


def record_checks(
    env: Env,
    actor: Actor,
    draw_id: int,
    candidate_id: int,
    outcomes: Mapping[CheckedFact, tuple[CheckOutcome, str]],
) -> CheckVerdict:
    """Record the outcome of checked facts of one drawn candidate; act on a false commitment.

    A fact found untrue voids the application, its results and whatever `env.hooks.on_void`
    void, and puts the person on the dishonesty register, all in this one transaction.
    """
    if not outcomes:
        raise ValidationError("请至少登记一项核查结果。", field="核查结果")
    for fact, (outcome, note) in outcomes.items():
        if outcome is not CheckOutcome.CONFIRMED and not note.strip():
            raise ValidationError(
                f"“{fact.value}”核查结果为“{outcome.value}”，请填写说明。", field=fact.value
            )
    with action(env, actor, Permission.SAMPLING_RECORD, "sampling.record") as tx:
        record = _draw(tx.uow, draw_id)
        if candidate_id not in record.draw.drawn:
            raise ValidationError(
                f"考生（编号 {candidate_id}）不在第 {draw_id} 次抽查的样本中。", field="考生"
            )
        candidate = tx.uow.candidates.get(candidate_id)
        if candidate is None:
            raise NotFound(f"考生（编号 {candidate_id}）不存在。", field="考生")
        now = env.clock.now()
        for fact, (outcome, note) in outcomes.items():
            tx.uow.candidates.record_check(
                CheckRecord(draw_id, candidate_id, fact, outcome, note.strip(), now, actor.username)
            )
        everything = {
            c.fact: c.outcome
            for c in tx.uow.candidates.checks(draw_id)
            if c.candidate_id == candidate_id
        }
        false_facts = [f.value for f, o in everything.items() if o is CheckOutcome.FALSE]
        verdict = CheckVerdict(commitment_is_false(everything), False, "", 0)
        if verdict.commitment_false and candidate.status is not CandidateStatus.VOID:
            reason = f"核查发现承诺不实：{'、'.join(false_facts)}"
            voided = intake.void_application(env, tx, candidate, reason)
            until = intake.register_dishonesty(env, tx, candidate, reason)
            verdict = CheckVerdict(True, True, until.isoformat(), voided)
        tx.record(
            f"candidate:{candidate_id}",
            draw=draw_id,
            id_masked=candidate.form.id_masked,
            outcomes={f.value: o.value for f, (o, _) in outcomes.items()},
            false_facts=false_facts,
            voided=verdict.voided,
            barred_until=verdict.barred_until,
            results_voided=verdict.results_voided,
        )
    return verdict


def _draw(uow: UnitOfWork, draw_id: int) -> DrawRecord:
    record = uow.candidates.draw(draw_id)
    if record is None:
        raise NotFound(f"抽查记录（编号 {draw_id}）不存在。", field="抽查记录")
    return record
