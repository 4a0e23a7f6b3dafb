"""Storage of candidate intake (报名), commitments and verification sampling in SQL."""

from __future__ import annotations

import json
from collections.abc import Collection, Iterator, Sequence
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any, TypeVar

from sqlalchemy import ColumnElement, exists, func, insert, select, update
from sqlalchemy.orm import Session

from kaoping.domain.catalogue import Level
from kaoping.domain.eligibility import Applicant, Education, EligibilityOverride, Title
from kaoping.domain.idnumber import IdType
from kaoping.domain.roster import (
    CandidateForm,
    CandidateStatus,
    PriorCertificateFact,
    RegionBasis,
    Route,
)
from kaoping.domain.sampling import CheckedFact, CheckOutcome, SampleDraw
from kaoping.services.ports.intake import (
    SORT_KEYS,
    CandidateQuery,
    CandidateSummary,
    CheckRecord,
    DrawRecord,
    NewCandidate,
    StoredCandidate,
)
from kaoping.storage.candidate_search import SearchColumns, has_long_names, text_condition
from kaoping.storage.exams_tables import ResultRow
from kaoping.storage.intake_tables import (
    CandidateRow,
    DishonestyRow,
    EligibilityOverrideRow,
    PriorCertificateRow,
)
from kaoping.storage.sampling_tables import SamplingCheckRow, SamplingDrawRow

_CHUNK = 2000
_T = TypeVar("_T")
# Columns read for list lines: never the photo or the full number.
_SUMMARY_COLUMNS = (
    CandidateRow.id,
    CandidateRow.batch_id,
    CandidateRow.name,
    CandidateRow.id_type,
    CandidateRow.id_masked,
    CandidateRow.sex,
    CandidateRow.phone,
    CandidateRow.education,
    CandidateRow.occupation_code,
    CandidateRow.direction,
    CandidateRow.level,
    CandidateRow.route,
    CandidateRow.status,
    CandidateRow.eligible,
    CandidateRow.eligibility_verified,
    CandidateRow.flagged,
    CandidateRow.created_at,
    exists()
    .where(EligibilityOverrideRow.candidate_id == CandidateRow.id)
    .label("eligibility_override"),
)

_SEARCH = SearchColumns(
    CandidateRow.id, CandidateRow.name, CandidateRow.id_masked, CandidateRow.id_masked_reversed
)


def _row_values(new: NewCandidate, now: datetime) -> dict[str, Any]:
    form = new.form
    return {
        "batch_id": new.batch_id,
        "name": form.name,
        "id_type": form.id_type.value,
        "id_number": form.id_number,
        "id_masked": form.id_masked,
        "person_key": new.person_key,
        "birth_date": form.birth_date,
        "sex": form.sex,
        "phone": form.phone,
        "education": form.education.value,
        "major": form.major,
        "major_related": form.major_related,
        "graduation_date": form.graduation_date,
        "work_start_date": form.work_start_date,
        "title": form.title.value,
        "title_date": form.title_date,
        "work_unit": form.work_unit,
        "region_basis": form.region_basis.value,
        "region_note": form.region_note,
        "training_cert_no": form.training_cert_no,
        "training_body": form.training_body,
        "training_hours": form.training_hours,
        "training_date": form.training_date,
        "occupation_code": new.occupation_code,
        "direction": new.direction,
        "level": new.level.value,
        "route": form.route.value,
        "status": CandidateStatus.ACTIVE.value,
        # The proof of a fresh graduate's route is checked whatever the draw gives (重点核查).
        "flagged": bool(new.eligibility_proof),
        "eligibility_note": new.eligibility_note,
        "eligible": new.eligible,
        "eligibility_verified": new.eligibility_verified,
        "eligibility_alternative": new.eligibility_alternative,
        "eligibility_proof": new.eligibility_proof,
        "entered_by": new.entered_by,
        "commitment_sha256": new.commitment_sha256,
        "commitment_signed_on": new.commitment_signed_on,
        "withdrawn_at": None,
        "void_reason": "",
        "created_at": now,
        "updated_at": now,
    }


def _summary(row: Any) -> CandidateSummary:
    return CandidateSummary(
        id=row.id,
        batch_id=row.batch_id,
        name=row.name,
        id_type=row.id_type,
        id_masked=row.id_masked,
        sex=row.sex,
        phone=row.phone,
        education=row.education,
        occupation_code=row.occupation_code,
        direction=row.direction,
        level=Level(row.level),
        route=row.route,
        status=CandidateStatus(row.status),
        eligible=row.eligible,
        eligibility_verified=row.eligibility_verified,
        flagged=row.flagged,
        created_at=row.created_at,
        eligibility_override=bool(row.eligibility_override),
    )


def _override(row: EligibilityOverrideRow) -> EligibilityOverride:
    moment = row.recorded_at
    # SQLite hands timestamps back without their zone; they are stored in UTC.
    aware = moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)
    return EligibilityOverride(row.candidate_id, row.basis, row.verdict, row.recorded_by, aware)


def _json_ids(text: str) -> tuple[int, ...]:
    return tuple(int(x) for x in json.loads(text))


def _draw_record(row: SamplingDrawRow) -> DrawRecord:
    flagged = _json_ids(row.flagged)
    randomly = _json_ids(row.randomly_drawn)
    population = _json_ids(row.population)
    draw = SampleDraw(
        seed=row.seed,
        ratio=Decimal(row.ratio),
        population_size=len(population),
        sample_size=len(randomly),
        randomly_drawn=randomly,
        flagged=flagged,
        drawn=_json_ids(row.drawn),
        method=row.method,
    )
    return DrawRecord(
        row.id, row.batch_id, draw, population, row.population_sha256, row.drawn_at, row.drawn_by
    )


class SqlCandidateRepository:
    """Implements `services.ports_intake.CandidateRepository`."""

    def __init__(self, session: Session) -> None:
        self._s = session

    def add(self, candidate: NewCandidate, now: datetime) -> int:
        """Insert one application with its prior certificates; returns its id."""
        row = CandidateRow(**_row_values(candidate, now))
        self._s.add(row)
        self._s.flush()
        self._add_prior([(row.id, candidate)])
        return row.id

    def add_many(self, candidates: Sequence[NewCandidate], now: datetime) -> int:
        """Insert many applications in bulk (executemany with RETURNING); returns how many."""
        for start in range(0, len(candidates), _CHUNK):
            chunk = candidates[start : start + _CHUNK]
            ids = self._s.scalars(
                insert(CandidateRow).returning(CandidateRow.id, sort_by_parameter_order=True),
                [_row_values(c, now) for c in chunk],
            ).all()
            self._add_prior(list(zip(ids, chunk, strict=True)))
        return len(candidates)

    def _add_prior(self, pairs: list[tuple[int, NewCandidate]]) -> None:
        values = [
            {
                "candidate_id": cid,
                "occupation_code": c.occupation_code,
                "level": c.level.value,
                "number": c.number,
                "issue_date": c.issue_date,
            }
            for cid, new in pairs
            for c in new.form.prior_certificates
        ]
        if values:
            self._s.execute(insert(PriorCertificateRow), values)

    def get(self, candidate_id: int) -> StoredCandidate | None:
        """One application, or None."""
        row = self._s.get(CandidateRow, candidate_id)
        return None if row is None else self._stored(row, self.overrides([candidate_id]))

    def _stored(
        self, row: CandidateRow, overrides: dict[int, EligibilityOverride]
    ) -> StoredCandidate:
        prior = self._s.scalars(
            select(PriorCertificateRow)
            .where(PriorCertificateRow.candidate_id == row.id)
            .order_by(PriorCertificateRow.id)
        )
        form = CandidateForm(
            name=row.name,
            id_type=IdType(row.id_type),
            id_number=row.id_number,
            phone=row.phone,
            education=Education(row.education),
            major=row.major,
            major_related=row.major_related,
            graduation_date=row.graduation_date,
            work_start_date=row.work_start_date,
            title=Title(row.title),
            title_date=row.title_date,
            region_basis=RegionBasis(row.region_basis),
            work_unit=row.work_unit,
            region_note=row.region_note,
            training_cert_no=row.training_cert_no,
            training_body=row.training_body,
            training_hours=row.training_hours,
            training_date=row.training_date,
            prior_certificates=tuple(
                PriorCertificateFact(p.occupation_code, Level(p.level), p.number, p.issue_date)
                for p in prior
            ),
            route=Route(row.route),
            birth_date=row.birth_date,
            sex=row.sex,
        )
        return StoredCandidate(
            id=row.id,
            batch_id=row.batch_id,
            form=form,
            person_key=row.person_key,
            occupation_code=row.occupation_code,
            direction=row.direction,
            level=Level(row.level),
            status=CandidateStatus(row.status),
            eligible=row.eligible,
            eligibility_note=row.eligibility_note,
            eligibility_verified=row.eligibility_verified,
            flagged=row.flagged,
            eligibility_alternative=row.eligibility_alternative,
            eligibility_proof=row.eligibility_proof,
            eligibility_override=overrides.get(row.id),
            entered_by=row.entered_by,
            commitment_sha256=row.commitment_sha256,
            commitment_signed_on=row.commitment_signed_on,
            void_reason=row.void_reason,
            withdrawn_at=row.withdrawn_at,
        )

    def page(self, query: CandidateQuery) -> tuple[list[CandidateSummary], int]:
        """One page of a filtered, sorted list and the number of all matching rows."""
        conditions = self._conditions(query)
        total = self._s.scalar(select(func.count(CandidateRow.id)).where(*conditions)) or 0
        key = query.sort if query.sort in SORT_KEYS else "id"
        column = getattr(CandidateRow, key)
        order = column.desc() if query.descending else column.asc()
        tie = CandidateRow.id.desc() if query.descending else CandidateRow.id.asc()
        stmt = (
            select(*_SUMMARY_COLUMNS)
            .where(*conditions)
            .order_by(order, tie)
            .offset(query.offset)
            .limit(query.limit)
        )
        return [_summary(r) for r in self._s.execute(stmt)], total

    def _conditions(self, query: CandidateQuery) -> list[ColumnElement[bool]]:
        conditions: list[ColumnElement[bool]] = []
        if query.batch_id is not None:
            conditions.append(CandidateRow.batch_id == query.batch_id)
        if query.status is not None:
            conditions.append(CandidateRow.status == query.status.value)
        text = query.text.strip()
        if text:
            # Only the visible tail of the number can be searched, as in the masked list.
            dialect = self._s.get_bind().dialect.name
            long_names = dialect == "sqlite" and bool(self._s.scalar(has_long_names(_SEARCH)))
            conditions.append(text_condition(dialect, _SEARCH, text, long_names=long_names))
        return conditions

    def of_batch(self, batch_id: int) -> Iterator[StoredCandidate]:
        """Every application of a batch, in id order."""
        stmt = (
            select(CandidateRow).where(CandidateRow.batch_id == batch_id).order_by(CandidateRow.id)
        )
        overrides = self.batch_overrides(batch_id)
        for row in self._s.scalars(stmt):
            yield self._stored(row, overrides)

    def active_keys(
        self, person_keys: Collection[str], occupation_code: str, direction: str, level: Level
    ) -> set[str]:
        """Which of these persons already have an active application for the same target."""
        found: set[str] = set()
        for chunk in _chunks(person_keys):
            found.update(
                self._s.scalars(
                    select(CandidateRow.person_key).where(
                        CandidateRow.person_key.in_(chunk),
                        CandidateRow.occupation_code == occupation_code,
                        CandidateRow.direction == direction,
                        CandidateRow.level == level.value,
                        CandidateRow.status == CandidateStatus.ACTIVE.value,
                    )
                )
            )
        return found

    def held_certificates(
        self, person_keys: Collection[str], occupation_code: str
    ) -> dict[str, list[Level]]:
        """Levels of this occupation's certificates each person declared in any application."""
        held: dict[str, list[Level]] = {}
        for chunk in _chunks(person_keys):
            stmt = (
                select(CandidateRow.person_key, PriorCertificateRow.level)
                .join(CandidateRow, CandidateRow.id == PriorCertificateRow.candidate_id)
                .where(
                    CandidateRow.person_key.in_(chunk),
                    PriorCertificateRow.occupation_code == occupation_code,
                )
            )
            for key, level in self._s.execute(stmt):
                held.setdefault(key, []).append(Level(level))
        return held

    def barred_until(self, person_keys: Collection[str], on: date) -> dict[str, date]:
        """Persons on the dishonesty register on a day, with the last day of their period."""
        barred: dict[str, date] = {}
        for chunk in _chunks(person_keys):
            stmt = (
                select(DishonestyRow.person_key, func.max(DishonestyRow.until))
                .where(
                    DishonestyRow.person_key.in_(chunk),
                    DishonestyRow.valid_from <= on,
                    DishonestyRow.until >= on,
                )
                .group_by(DishonestyRow.person_key)
            )
            barred.update({key: until for key, until in self._s.execute(stmt)})
        return barred

    def commitment_population(self, batch_id: int) -> tuple[list[int], list[int]]:
        """Ids of the active commitment-route applications of a batch, and the flagged among them."""
        stmt = (
            select(CandidateRow.id, CandidateRow.flagged)
            .where(
                CandidateRow.batch_id == batch_id,
                CandidateRow.status == CandidateStatus.ACTIVE.value,
                CandidateRow.route == Route.COMMITMENT.value,
            )
            .order_by(CandidateRow.id)
        )
        rows = self._s.execute(stmt).all()
        return [r.id for r in rows], [r.id for r in rows if r.flagged]

    def set_status(
        self, candidate_id: int, status: CandidateStatus, at: datetime, reason: str = ""
    ) -> None:
        """Withdraw or void an application."""
        row = self._s.get_one(CandidateRow, candidate_id)
        row.status = status.value
        row.updated_at = at
        if status is CandidateStatus.WITHDRAWN:
            row.withdrawn_at = at
        if status is CandidateStatus.VOID:
            row.void_reason = reason[:300]
        self._s.flush()

    def set_letter(self, candidate_id: int, sha256: str, signed_on: date) -> None:
        """Keep the fingerprint and signing day of the commitment letter."""
        row = self._s.get_one(CandidateRow, candidate_id)
        row.commitment_sha256 = sha256
        row.commitment_signed_on = signed_on
        self._s.flush()

    def set_flagged(self, candidate_id: int, flagged: bool) -> None:
        """Mark an application for checking whatever the draw gives (重点核查)."""
        self._s.get_one(CandidateRow, candidate_id).flagged = flagged
        self._s.flush()

    def void_results(self, candidate_id: int, reason: str) -> int:
        """Set the outcome of the candidate's results to void; returns how many rows changed."""
        result = self._s.execute(
            update(ResultRow)
            .where(ResultRow.candidate_id == candidate_id)
            .values(outcome="void", reasons=reason)
        )
        return int(getattr(result, "rowcount", 0) or 0)

    def add_dishonesty(
        self,
        person_key: str,
        id_masked: str,
        name: str,
        valid_from: date,
        until: date,
        reason: str,
        candidate_id: int,
        now: datetime,
    ) -> None:
        """Put a person on the dishonesty register for a period."""
        self._s.add(
            DishonestyRow(
                person_key=person_key,
                id_masked=id_masked,
                name=name,
                valid_from=valid_from,
                until=until,
                reason=reason[:300],
                candidate_id=candidate_id,
                created_at=now,
            )
        )
        self._s.flush()

    def add_draw(
        self,
        batch_id: int,
        draw: SampleDraw,
        population: Sequence[int],
        population_sha256: str,
        by: str,
        now: datetime,
    ) -> int:
        """Record a sampling draw; returns its id."""
        row = SamplingDrawRow(
            batch_id=batch_id,
            seed=draw.seed,
            ratio=str(draw.ratio),
            method=draw.method,
            population=json.dumps(sorted(population)),
            population_sha256=population_sha256,
            flagged=json.dumps(list(draw.flagged)),
            randomly_drawn=json.dumps(list(draw.randomly_drawn)),
            drawn=json.dumps(list(draw.drawn)),
            drawn_at=now,
            drawn_by=by,
        )
        self._s.add(row)
        self._s.flush()
        return row.id

    def draw(self, draw_id: int) -> DrawRecord | None:
        """One recorded draw, or None."""
        row = self._s.get(SamplingDrawRow, draw_id)
        return None if row is None else _draw_record(row)

    def draws(self, batch_id: int | None = None) -> list[DrawRecord]:
        """Recorded draws, newest first."""
        stmt = select(SamplingDrawRow).order_by(SamplingDrawRow.id.desc())
        if batch_id is not None:
            stmt = stmt.where(SamplingDrawRow.batch_id == batch_id)
        return [_draw_record(r) for r in self._s.scalars(stmt)]

    def record_check(self, record: CheckRecord) -> None:
        """Store (or replace) the outcome of one checked fact."""
        row = self._s.scalars(
            select(SamplingCheckRow).where(
                SamplingCheckRow.draw_id == record.draw_id,
                SamplingCheckRow.candidate_id == record.candidate_id,
                SamplingCheckRow.fact == record.fact.value,
            )
        ).one_or_none()
        if row is None:
            row = SamplingCheckRow(
                draw_id=record.draw_id, candidate_id=record.candidate_id, fact=record.fact.value
            )
            self._s.add(row)
        row.outcome = record.outcome.value
        row.note = record.note[:300]
        row.checked_at = record.checked_at
        row.checked_by = record.checked_by
        self._s.flush()

    def checks(self, draw_id: int) -> list[CheckRecord]:
        """Every recorded outcome of a draw."""
        stmt = (
            select(SamplingCheckRow)
            .where(SamplingCheckRow.draw_id == draw_id)
            .order_by(SamplingCheckRow.candidate_id, SamplingCheckRow.id)
        )
        return [
            CheckRecord(
                r.draw_id,
                r.candidate_id,
                CheckedFact(r.fact),
                CheckOutcome(r.outcome),
                r.note,
                r.checked_at,
                r.checked_by,
            )
            for r in self._s.scalars(stmt)
        ]

    def ineligible(self, candidate_ids: Collection[int]) -> dict[int, Applicant]:
        """The applications among these found not eligible, as the gate needs them, by id.

        Only those are read: they are few, and a batch of 100,000 need not load every verdict.
        """
        found: dict[int, Applicant] = {}
        c = CandidateRow
        for chunk in _chunks(candidate_ids):
            stmt = select(c.id, c.name, c.id_masked, c.eligible, c.eligibility_note).where(
                c.id.in_(chunk), c.eligible.is_(False)
            )
            found.update({r.id: Applicant(*r) for r in self._s.execute(stmt)})
        return found

    def overrides(self, candidate_ids: Collection[int]) -> dict[int, EligibilityOverride]:
        """The exceptions recorded for these applications, by id."""
        found: dict[int, EligibilityOverride] = {}
        for chunk in _chunks(candidate_ids):
            rows = self._s.scalars(
                select(EligibilityOverrideRow).where(EligibilityOverrideRow.candidate_id.in_(chunk))
            )
            found.update({r.candidate_id: _override(r) for r in rows})
        return found

    def batch_overrides(self, batch_id: int) -> dict[int, EligibilityOverride]:
        """The exceptions recorded for the applications of a batch, by id."""
        stmt = (
            select(EligibilityOverrideRow)
            .join(CandidateRow, CandidateRow.id == EligibilityOverrideRow.candidate_id)
            .where(CandidateRow.batch_id == batch_id)
        )
        return {r.candidate_id: _override(r) for r in self._s.scalars(stmt)}

    def add_override(self, override: EligibilityOverride) -> int:
        """Record a quality supervisor's exception; returns its id."""
        row = EligibilityOverrideRow(
            candidate_id=override.candidate_id,
            basis=override.basis,
            verdict=override.verdict,
            recorded_by=override.recorded_by,
            recorded_at=override.recorded_at,
        )
        self._s.add(row)
        self._s.flush()
        return row.id

    def summaries(self, candidate_ids: Collection[int]) -> list[CandidateSummary]:
        """List lines of the given applications, in id order."""
        found: list[CandidateSummary] = []
        for chunk in _chunks(candidate_ids):
            stmt = select(*_SUMMARY_COLUMNS).where(CandidateRow.id.in_(chunk))
            found.extend(_summary(r) for r in self._s.execute(stmt))
        return sorted(found, key=lambda s: s.id)


def _chunks(items: Collection[_T]) -> Iterator[list[_T]]:
    # SQLite limits the number of bound parameters of one statement.
    values = list(items)
    for start in range(0, len(values), 900):
        yield values[start : start + 900]
