"""Storage of certificates (证书): numbers, issuing, revocation in SQL."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

from sqlalchemy import insert, literal, select, update
from sqlalchemy.orm import Session, aliased, defer

from kaoping.domain.approvals import ApprovalDecision
from kaoping.domain.catalogue import Level
from kaoping.domain.certificates import CertificateStatus
from kaoping.domain.roster import CandidateStatus
from kaoping.domain.scoring import ResultStatus
from kaoping.services.ports.certificates import (
    AssetRecord,
    CandidateForCertificate,
    CertificateRecord,
    NewCertificate,
    RevocationReversal,
    TemplatePhrase,
)
from kaoping.storage.certificates_tables import (
    CertificateAssetRow,
    CertificateCounterRow,
    CertificateRow,
    RevocationReversalRow,
    TemplatePhraseRow,
)
from kaoping.storage.exams_tables import ApprovalRow, ResultRow
from kaoping.storage.intake_tables import CandidateRow
from kaoping.storage.photos_tables import CandidatePhotoRow
from kaoping.storage.tables import SigningKeyRow

# Rows per multi-row statement: well under SQLite's and PostgreSQL's parameter limits.
_BULK_ROWS = 500


def _aware(moment: datetime | None) -> datetime | None:
    # SQLite hands back naive datetimes; everything stored is UTC.
    if moment is None or moment.tzinfo is not None:
        return moment
    return moment.replace(tzinfo=UTC)


def _asset(row: CertificateAssetRow) -> AssetRecord:
    registered = _aware(row.registered_at)
    assert registered is not None
    return AssetRecord(
        row.sha256,
        row.name,
        row.kind,
        row.width,
        row.height,
        row.active,
        registered,
        row.registered_by,
    )


def _phrase(row: TemplatePhraseRow) -> TemplatePhrase:
    proposed = _aware(row.proposed_at)
    assert proposed is not None
    return TemplatePhrase(
        row.id,
        row.template_sha256,
        row.phrase,
        row.words,
        row.reason,
        row.status,
        row.proposed_by_id,
        row.proposed_by,
        proposed,
        row.decided_by,
        _aware(row.decided_at),
    )


def _reversal(row: RevocationReversalRow, number: str) -> RevocationReversal:
    proposed = _aware(row.proposed_at)
    assert proposed is not None
    return RevocationReversal(
        row.id,
        number,
        row.reason,
        row.status,
        row.revoked_reason,
        row.revoked_category,
        _aware(row.revoked_at),
        row.proposed_by_id,
        row.proposed_by,
        proposed,
        row.decided_by,
        _aware(row.decided_at),
        row.decision_note,
    )


class SqlCertificateRepository:
    """Implements `services.ports_certificates.CertificateRepository`."""

    def __init__(self, session: Session) -> None:
        self._s = session

    # -- candidates, results and approvals ------------------------------------------------------

    def candidates_of_batch(
        self, batch_id: int, *, photos: bool = True
    ) -> list[CandidateForCertificate]:
        """Every application of a batch with its result and approval, by id (photos if asked).

        Plain columns, not mapped rows: building ORM objects for a batch of thousands cost
        more than the query.
        """
        c, a = CandidateRow, ApprovalRow
        jpeg = CandidatePhotoRow.jpeg if photos else literal(None).label("jpeg")
        screened = (
            CandidatePhotoRow.screened_with if photos else literal(None).label("screened_with")
        )
        pixels = CandidatePhotoRow.pixel_sha256 if photos else literal(None).label("pixel_sha256")
        stmt = (
            select(
                c.id,
                c.batch_id,
                c.name,
                c.id_type,
                c.id_number,
                c.id_masked,
                jpeg,
                screened,
                pixels,
                c.occupation_code,
                c.direction,
                c.level,
                c.status,
                ResultRow.outcome,
                a.decision,
                a.decided_on,
                a.reference,
            )
            .outerjoin(ResultRow, ResultRow.candidate_id == c.id)
            .outerjoin(a, a.candidate_id == c.id)
            .where(c.batch_id == batch_id)
            .order_by(c.id)
        )
        if photos:
            stmt = stmt.outerjoin(CandidatePhotoRow, CandidatePhotoRow.candidate_id == c.id)
        return [
            CandidateForCertificate(
                candidate_id=row.id,
                batch_id=row.batch_id,
                name=row.name,
                id_type=row.id_type,
                id_number=row.id_number,
                id_masked=row.id_masked,
                photo=row.jpeg,
                occupation_code=row.occupation_code,
                direction=row.direction,
                level=Level(row.level),
                status=CandidateStatus(row.status),
                outcome=ResultStatus(row.outcome) if row.outcome else None,  # outer join: None
                # Outer join: no decision yet leaves all three empty.
                decision=ApprovalDecision(row.decision) if row.decision else None,
                decided_on=_aware(row.decided_on),
                reference=row.reference or "",
                photo_screened_with=row.screened_with or "",
                photo_pixel_sha256=row.pixel_sha256 or "",
            )
            for row in self._s.execute(stmt)
        ]

    def record_decision(
        self,
        candidate_id: int,
        batch_id: int,
        decision: str,
        reason: str,
        reference: str,
        decided_on: datetime,
        now: datetime,
        by: str,
    ) -> None:
        """Store (or replace) the department's decision on one application."""
        row = self._s.scalars(
            select(ApprovalRow).where(ApprovalRow.candidate_id == candidate_id)
        ).one_or_none()
        if row is None:
            row = ApprovalRow(candidate_id=candidate_id, batch_id=batch_id)
            self._s.add(row)
        row.decision, row.reason, row.reference = decision, reason, reference
        row.decided_on, row.recorded_at, row.recorded_by = decided_on, now, by
        self._s.flush()

    # -- numbering ------------------------------------------------------------------------------

    def peek_next_serial(self, body_code: str, year: int) -> int:
        """The next free serial without locking (for rendering ahead of storing)."""
        row = self._s.get(CertificateCounterRow, (body_code, year))
        return 1 if row is None else row.next_serial

    def lock_next_serial(self, body_code: str, year: int) -> int:
        """The next free serial, with the counter row locked until the transaction ends.

        On SQLite the writing unit of work already holds the database write lock (BEGIN
        IMMEDIATE); on PostgreSQL the row is locked with SELECT ... FOR UPDATE.
        """
        stmt = (
            select(CertificateCounterRow)
            .where(CertificateCounterRow.body_code == body_code, CertificateCounterRow.year == year)
            .with_for_update()
        )
        row = self._s.scalars(stmt).one_or_none()
        if row is None:
            self._s.add(CertificateCounterRow(body_code=body_code, year=year, next_serial=1))
            # A concurrent first insert fails on the primary key and rolls this action back.
            self._s.flush()
            row = self._s.scalars(stmt).one()
        return row.next_serial

    def set_next_serial(self, body_code: str, year: int, value: int) -> None:
        """Move the counter on (only ever forwards)."""
        row = self._s.get_one(CertificateCounterRow, (body_code, year))
        if value < row.next_serial:
            raise ValueError("certificate counters never move backwards")
        row.next_serial = value
        self._s.flush()

    # -- certificates ---------------------------------------------------------------------------

    def add_certificate(self, new: NewCertificate, now: datetime, by: str) -> int:
        """Store a certificate under its number; returns its id."""
        row = CertificateRow(
            number=new.number,
            body_code=new.body_code,
            year=new.year,
            serial=new.serial,
            batch_id=new.batch_id,
            candidate_id=new.candidate_id,
            masked_name=new.masked_name,
            occupation_code=new.occupation_code,
            direction=new.direction,
            level=new.level.value,
            issue_date=new.issue_date,
            approved_on=new.approved_on,
            status=CertificateStatus.VALID,
            status_reason="",
            replaces_id=new.replaces_id,
            qr_payload=new.qr_payload,
            pdf=new.pdf,
            pdf_sha256=new.pdf_sha256,
            signer_fingerprint=new.signer_fingerprint,
            print_count=0,
            issued_at=now,
            issued_by=by,
        )
        self._s.add(row)
        self._s.flush()
        return row.id

    def add_certificates(self, new: Sequence[NewCertificate], now: datetime, by: str) -> None:
        """Store many certificates in bulk (a few multi-row INSERTs instead of one per row)."""
        rows = [
            {
                "number": n.number,
                "body_code": n.body_code,
                "year": n.year,
                "serial": n.serial,
                "batch_id": n.batch_id,
                "candidate_id": n.candidate_id,
                "masked_name": n.masked_name,
                "occupation_code": n.occupation_code,
                "direction": n.direction,
                "level": n.level.value,
                "issue_date": n.issue_date,
                "approved_on": n.approved_on,
                "status": CertificateStatus.VALID.value,
                "status_reason": "",
                "status_category": "",
                "replaces_id": n.replaces_id,
                "qr_payload": n.qr_payload,
                "pdf": n.pdf,
                "pdf_sha256": n.pdf_sha256,
                "signer_fingerprint": n.signer_fingerprint,
                "print_count": 0,
                "issued_at": now,
                "issued_by": by,
            }
            for n in new
        ]
        for start in range(0, len(rows), _BULK_ROWS):
            self._s.execute(insert(CertificateRow), rows[start : start + _BULK_ROWS])

    def _records(self, where: list[object]) -> list[CertificateRecord]:
        old = aliased(CertificateRow)
        stmt = (
            select(CertificateRow, old.number)
            # A record never carries the PDF; a batch's PDFs together run to megabytes.
            .options(defer(CertificateRow.pdf))
            .outerjoin(old, old.id == CertificateRow.replaces_id)
            .where(*where)  # type: ignore[arg-type]
            .order_by(CertificateRow.number)
        )
        return [self._record(row, replaced or "") for row, replaced in self._s.execute(stmt)]

    @staticmethod
    def _record(row: CertificateRow, replaced: str) -> CertificateRecord:
        issued = _aware(row.issued_at)
        assert issued is not None
        return CertificateRecord(
            id=row.id,
            number=row.number,
            body_code=row.body_code,
            year=row.year,
            serial=row.serial,
            batch_id=row.batch_id,
            candidate_id=row.candidate_id,
            masked_name=row.masked_name,
            occupation_code=row.occupation_code,
            direction=row.direction,
            level=Level(row.level),
            issue_date=row.issue_date,
            approved_on=row.approved_on,
            status=CertificateStatus(row.status),
            status_reason=row.status_reason,
            status_changed_at=_aware(row.status_changed_at),
            replaces_number=replaced,
            qr_payload=row.qr_payload,
            pdf_sha256=row.pdf_sha256,
            signer_fingerprint=row.signer_fingerprint,
            print_count=row.print_count,
            last_printed_at=_aware(row.last_printed_at),
            issued_at=issued,
            issued_by=row.issued_by,
            status_category=row.status_category,
        )

    def certificates(self, batch_id: int | None = None) -> list[CertificateRecord]:
        """Certificates, by number, optionally of one batch."""
        return self._records([] if batch_id is None else [CertificateRow.batch_id == batch_id])

    def valid_holders(self, batch_id: int) -> set[int]:
        """The applications of a batch that hold a valid certificate.

        Only the id columns are read: on SQLite a column stored after the PDF costs reading the
        whole PDF, which for a large batch took seconds.
        """
        stmt = select(CertificateRow.candidate_id).where(
            CertificateRow.batch_id == batch_id,
            CertificateRow.status == CertificateStatus.VALID.value,
        )
        return set(self._s.scalars(stmt))

    def by_number(self, number: str) -> CertificateRecord | None:
        """One certificate by its number."""
        found = self._records([CertificateRow.number == number])
        return found[0] if found else None

    def pdf(self, number: str) -> bytes | None:
        """The signed PDF stored under a number."""
        return self._s.scalars(
            select(CertificateRow.pdf).where(CertificateRow.number == number)
        ).one_or_none()

    def valid_for_candidate(self, candidate_id: int) -> CertificateRecord | None:
        """The valid certificate of an application, if any."""
        found = self._records(
            [
                CertificateRow.candidate_id == candidate_id,
                CertificateRow.status == CertificateStatus.VALID,
            ]
        )
        return found[0] if found else None

    def set_status(
        self, number: str, status: str, reason: str, at: datetime, category: str = ""
    ) -> None:
        """Revoke, void or (after a confirmed reversal) restore a certificate."""
        self._s.execute(
            update(CertificateRow)
            .where(CertificateRow.number == number)
            .values(
                status=status,
                status_reason=reason[:300],
                status_category=category,
                status_changed_at=at,
            )
        )
        self._s.flush()

    def holder_name(self, number: str) -> str | None:
        """The full name of the holder of a certificate, as stored; None for an unknown number."""
        found: str | None = self._s.scalars(
            select(CandidateRow.name)
            .join(CertificateRow, CertificateRow.candidate_id == CandidateRow.id)
            .where(CertificateRow.number == number)
        ).one_or_none()
        return found

    # -- reversals of revocations ----------------------------------------------------------------

    def add_reversal(self, reversal: RevocationReversal, certificate_id: int) -> int:
        """Store a proposed reversal (its id is ignored); returns the new id."""
        row = RevocationReversalRow(
            certificate_id=certificate_id,
            reason=reversal.reason,
            status=reversal.status,
            revoked_reason=reversal.revoked_reason,
            revoked_category=reversal.revoked_category,
            revoked_at=reversal.revoked_at,
            proposed_by_id=reversal.proposed_by_id,
            proposed_by=reversal.proposed_by,
            proposed_at=reversal.proposed_at,
            decided_by="",
            decision_note="",
        )
        self._s.add(row)
        self._s.flush()
        return row.id

    def _reversal_rows(self, *where: object) -> list[RevocationReversal]:
        stmt = (
            select(RevocationReversalRow, CertificateRow.number)
            .join(CertificateRow, CertificateRow.id == RevocationReversalRow.certificate_id)
            .where(*where)  # type: ignore[arg-type]
            .order_by(RevocationReversalRow.id.desc())
        )
        return [_reversal(row, number) for row, number in self._s.execute(stmt)]

    def reversals(self, status: str | None = None) -> list[RevocationReversal]:
        """Reversals, newest first; only those in one status if given."""
        if status is None:
            return self._reversal_rows()
        return self._reversal_rows(RevocationReversalRow.status == status)

    def reversal(self, reversal_id: int) -> RevocationReversal | None:
        """One reversal by id."""
        found = self._reversal_rows(RevocationReversalRow.id == reversal_id)
        return found[0] if found else None

    def decide_reversal(
        self, reversal_id: int, status: str, by: str, at: datetime, note: str = ""
    ) -> None:
        """Confirm or reject a reversal."""
        self._s.execute(
            update(RevocationReversalRow)
            .where(RevocationReversalRow.id == reversal_id)
            .values(status=status, decided_by=by, decided_at=at, decision_note=note)
        )
        self._s.flush()

    def record_print(self, number: str, at: datetime) -> int:
        """Count one print; returns the new print count."""
        row = self._s.scalars(select(CertificateRow).where(CertificateRow.number == number)).one()
        row.print_count += 1
        row.last_printed_at = at
        self._s.flush()
        return row.print_count

    def not_valid(self) -> list[CertificateRecord]:
        """Revoked and voided certificates (the revocation list), by number."""
        return self._records([CertificateRow.status != CertificateStatus.VALID])

    # -- approved images ------------------------------------------------------------------------

    def assets(self) -> list[AssetRecord]:
        """All registered images, newest first."""
        rows = self._s.scalars(select(CertificateAssetRow).order_by(CertificateAssetRow.id.desc()))
        return [_asset(row) for row in rows]

    def asset_image(self, sha256: str) -> bytes | None:
        """The stored canonical PNG of a seal or logo."""
        return self._s.scalars(
            select(CertificateAssetRow.image).where(CertificateAssetRow.sha256 == sha256)
        ).one_or_none()

    def add_asset(self, asset: AssetRecord, image: bytes | None) -> None:
        """Register an approved image (or re-activate it under its new name)."""
        row = self._s.scalars(
            select(CertificateAssetRow).where(CertificateAssetRow.sha256 == asset.sha256)
        ).one_or_none()
        if row is None:
            row = CertificateAssetRow(sha256=asset.sha256)
            self._s.add(row)
        row.name, row.kind, row.width, row.height = (
            asset.name,
            asset.kind,
            asset.width,
            asset.height,
        )
        row.image, row.active = image, True
        row.registered_at, row.registered_by = asset.registered_at, asset.registered_by
        self._s.flush()

    def add_photo_assets(self, assets: Sequence[AssetRecord]) -> None:
        """Register many photos in bulk; one already known is re-activated under its new name."""
        wanted = {a.sha256: a for a in assets}
        known: set[str] = set()
        hashes = list(wanted)
        for start in range(0, len(hashes), _BULK_ROWS):
            chunk = hashes[start : start + _BULK_ROWS]
            known.update(
                self._s.scalars(
                    select(CertificateAssetRow.sha256).where(CertificateAssetRow.sha256.in_(chunk))
                )
            )
        for sha256 in known:
            self.add_asset(wanted[sha256], None)
        rows = [
            {
                "sha256": a.sha256,
                "name": a.name,
                "kind": a.kind,
                "width": a.width,
                "height": a.height,
                "image": None,
                "active": True,
                "registered_at": a.registered_at,
                "registered_by": a.registered_by,
            }
            for a in wanted.values()
            if a.sha256 not in known
        ]
        for start in range(0, len(rows), _BULK_ROWS):
            self._s.execute(insert(CertificateAssetRow), rows[start : start + _BULK_ROWS])

    def set_asset_active(self, sha256: str, active: bool) -> bool:
        """Withdraw or restore an approval; False when the hash is unknown."""
        result = self._s.execute(
            update(CertificateAssetRow)
            .where(CertificateAssetRow.sha256 == sha256)
            .values(active=active)
        )
        return bool(getattr(result, "rowcount", 0))

    # -- reviewed template phrases -----------------------------------------------------------

    def add_phrase(self, phrase: TemplatePhrase) -> int:
        """Store a proposed phrase (its id is ignored); returns the new id."""
        row = TemplatePhraseRow(
            template_sha256=phrase.template_sha256,
            phrase=phrase.phrase,
            words=phrase.words,
            reason=phrase.reason,
            status=phrase.status,
            proposed_by_id=phrase.proposed_by_id,
            proposed_by=phrase.proposed_by,
            proposed_at=phrase.proposed_at,
            decided_by="",
        )
        self._s.add(row)
        self._s.flush()
        return row.id

    def phrases(self, template_sha256: str | None = None) -> list[TemplatePhrase]:
        """Reviewed phrases, oldest first; only those of one template version if given."""
        query = select(TemplatePhraseRow).order_by(TemplatePhraseRow.id)
        if template_sha256 is not None:
            query = query.where(TemplatePhraseRow.template_sha256 == template_sha256)
        return [_phrase(row) for row in self._s.scalars(query)]

    def phrase(self, phrase_id: int) -> TemplatePhrase | None:
        """One reviewed phrase by id."""
        row = self._s.get(TemplatePhraseRow, phrase_id)
        return _phrase(row) if row is not None else None

    def decide_phrase(self, phrase_id: int, status: str, by: str, at: datetime) -> None:
        """Confirm or withdraw a phrase."""
        self._s.execute(
            update(TemplatePhraseRow)
            .where(TemplatePhraseRow.id == phrase_id)
            .values(status=status, decided_by=by, decided_at=at)
        )

    def signing_certificates(self) -> list[bytes]:
        """Certificate PEMs of every key the body ever used (old signatures stay verifiable)."""
        return list(self._s.scalars(select(SigningKeyRow.cert_pem).order_by(SigningKeyRow.id)))
