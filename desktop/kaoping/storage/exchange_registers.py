"""Storage of the holiday table, trusted signers and the registers of packages made and imported."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from sqlalchemy import func, select

from kaoping.services.ports.exchange import (
    CalendarYearRecord,
    HolidayOverride,
    PackageRecord,
    TrustedSigner,
)
from kaoping.storage.exchange_common import SessionBound, utc
from kaoping.storage.exchange_tables import (
    CalendarYearRow,
    ExportedPackageRow,
    HolidayOverrideRow,
    ImportedPackageRow,
    TrustedSignerRow,
)
from kaoping.storage.tables import SigningKeyRow


def _record(row: ImportedPackageRow | ExportedPackageRow) -> PackageRecord:
    if isinstance(row, ImportedPackageRow):
        return PackageRecord(
            row.package_id,
            row.kind,
            row.batch,
            row.sequence,
            utc(row.imported_at),
            row.imported_by,
            row.summary,
        )
    return PackageRecord(
        row.package_id,
        row.kind,
        row.batch,
        row.sequence,
        utc(row.created_at),
        row.created_by,
        row.summary,
    )


class HolidayTable(SessionBound):
    """The holiday table (节假日调整表) and the years whose arrangement is complete."""

    def holiday_overrides(self) -> list[HolidayOverride]:
        """Every entry of the holiday table, by date."""
        rows = self._s.scalars(select(HolidayOverrideRow).order_by(HolidayOverrideRow.day))
        return [HolidayOverride(r.day, r.workday, r.note, r.updated_by, r.year) for r in rows]

    def put_holiday(self, entry: HolidayOverride, now: datetime) -> None:
        """Create or replace the entry for one day."""
        row = self._s.get(HolidayOverrideRow, entry.day) or HolidayOverrideRow(day=entry.day)
        row.workday, row.note, row.year = entry.workday, entry.note, entry.arrangement_year
        row.updated_at, row.updated_by = now, entry.updated_by
        self._s.add(row)
        self._s.flush()

    def delete_holiday(self, day: date) -> bool:
        """Remove one day; False when it was not in the table."""
        row = self._s.get(HolidayOverrideRow, day)
        if row is None:
            return False
        self._s.delete(row)
        self._s.flush()
        return True

    def replace_arrangement(
        self, year: int, entries: Sequence[HolidayOverride], now: datetime
    ) -> int:
        """Replace one year's arrangement; a listed day held by another year's changes hands."""
        rows = self._s.scalars(select(HolidayOverrideRow).where(HolidayOverrideRow.year == year))
        gone = 0
        for row in rows.all():
            self._s.delete(row)
            gone += 1
        self._s.flush()
        for entry in entries:
            self.put_holiday(entry, now)
        return gone

    def calendar_years(self) -> list[CalendarYearRecord]:
        """Every year marked complete, by year."""
        rows = self._s.scalars(select(CalendarYearRow).order_by(CalendarYearRow.year))
        return [
            CalendarYearRecord(
                r.year,
                r.status,
                r.source,
                r.notice_sha256,
                r.title,
                r.confirmed_by,
                utc(r.confirmed_at),
            )
            for r in rows
        ]

    def put_calendar_year(self, record: CalendarYearRecord) -> None:
        """Mark a year complete, or record a new confirmation of it."""
        row = self._s.get(CalendarYearRow, record.year) or CalendarYearRow(year=record.year)
        row.status, row.source = record.status, record.source
        row.notice_sha256, row.title = record.notice_sha256, record.title
        row.confirmed_by, row.confirmed_at = record.confirmed_by, record.confirmed_at
        self._s.add(row)
        self._s.flush()

    def delete_calendar_year(self, year: int) -> bool:
        """Withdraw a year's completion; False when it was not complete."""
        row = self._s.get(CalendarYearRow, year)
        if row is None:
            return False
        self._s.delete(row)
        self._s.flush()
        return True


class PackageRegisters(SessionBound):
    """Trusted signers and the registers of packages made and imported (the replay guard)."""

    def own_certificates(self) -> list[bytes]:
        """Certificates of every signing key this body ever used."""
        return list(self._s.scalars(select(SigningKeyRow.cert_pem).order_by(SigningKeyRow.id)))

    def trusted_signers(self) -> list[TrustedSigner]:
        """Every trusted signer, active or withdrawn, oldest first."""
        rows = self._s.scalars(select(TrustedSignerRow).order_by(TrustedSignerRow.id))
        return [
            TrustedSigner(
                r.fingerprint,
                r.name,
                tuple(k for k in r.kinds.split(",") if k),
                r.subject,
                utc(r.not_after),
                r.active,
                r.cert_pem,
            )
            for r in rows
        ]

    def add_trusted_signer(self, signer: TrustedSigner, now: datetime, by: str) -> None:
        """Trust a certificate, or renew the trust (name, kinds) of one already known."""
        row = self._s.scalars(
            select(TrustedSignerRow).where(TrustedSignerRow.fingerprint == signer.fingerprint)
        ).one_or_none()
        if row is None:
            row = TrustedSignerRow(fingerprint=signer.fingerprint, added_at=now, added_by=by)
        row.name, row.kinds, row.subject = signer.name, ",".join(signer.kinds), signer.subject
        row.not_after, row.cert_pem, row.active = signer.not_after, signer.cert_pem, signer.active
        self._s.add(row)
        self._s.flush()

    def set_signer_active(self, fingerprint: str, active: bool) -> bool:
        """Withdraw or restore trust; False when the fingerprint is unknown."""
        row = self._s.scalars(
            select(TrustedSignerRow).where(TrustedSignerRow.fingerprint == fingerprint)
        ).one_or_none()
        if row is None:
            return False
        row.active = active
        self._s.flush()
        return True

    def is_imported(self, package_id: str) -> bool:
        """Whether a package with this id was imported before."""
        return self._s.get(ImportedPackageRow, package_id) is not None

    def record_import(self, record: PackageRecord, body_code: str, signer_fingerprint: str) -> None:
        """Remember an imported package (the replay guard)."""
        self._s.add(
            ImportedPackageRow(
                package_id=record.package_id,
                kind=record.kind,
                batch=record.batch,
                body_code=body_code,
                sequence=record.sequence,
                signer_fingerprint=signer_fingerprint,
                summary=record.summary,
                imported_at=record.at,
                imported_by=record.by,
            )
        )
        self._s.flush()

    def imported_packages(self) -> list[PackageRecord]:
        """Imported packages, newest first."""
        rows = self._s.scalars(
            select(ImportedPackageRow).order_by(ImportedPackageRow.imported_at.desc())
        )
        return [_record(r) for r in rows]

    def next_sequence(self, kind: str, batch: str) -> int:
        """The next running number for packages of this kind and batch."""
        last = self._s.scalar(
            select(func.max(ExportedPackageRow.sequence)).where(
                ExportedPackageRow.kind == kind, ExportedPackageRow.batch == batch
            )
        )
        return (last or 0) + 1

    def record_export(self, record: PackageRecord) -> None:
        """Remember a package made here."""
        self._s.add(
            ExportedPackageRow(
                package_id=record.package_id,
                kind=record.kind,
                batch=record.batch,
                sequence=record.sequence,
                summary=record.summary,
                created_at=record.at,
                created_by=record.by,
            )
        )
        self._s.flush()

    def exported_packages(self) -> list[PackageRecord]:
        """Packages made here, newest first."""
        rows = self._s.scalars(select(ExportedPackageRow).order_by(ExportedPackageRow.id.desc()))
        return [_record(r) for r in rows]
