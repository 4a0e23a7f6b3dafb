"""What the services of deadlines, packages, approvals, site exchange and dossiers need from storage.

Tabular data that only passes through to a package file (examiners, incidents, score history...)
travels as ``Row`` mappings keyed by the package's column names; facts the services reason about
are frozen dataclasses.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Protocol

from kaoping.domain.approvals import ApprovalDecision
from kaoping.domain.packages import PackageKind, VerifiedPackage
from kaoping.domain.site_merge import MergeOutcome as MergeOutcome
from kaoping.domain.site_merge import SeatState as SeatState

# SeatState and MergeOutcome (imported above) belong to the domain's merge rule (site_merge);
# services keep importing them from here.

Row = Mapping[str, object]


@dataclass(frozen=True)
class HolidayOverride:
    """One entry of the holiday table (节假日调整表).

    Attributes:
        day: The date.
        workday: True for an adjusted working day (调休上班), False for a day off.
        note: What the entry is, e.g. "2027 年元旦".
        updated_by: Who entered it last.
        year: The year whose arrangement (年度节假日安排) the entry belongs to; None for the
            day's own year. Differs only across New Year: 2023's notice gave 2022-12-31 off.
    """

    day: date
    workday: bool
    note: str
    updated_by: str
    year: int | None = None

    @property
    def arrangement_year(self) -> int:
        """The year whose arrangement lists this day."""
        return self.year if self.year is not None else self.day.year


@dataclass(frozen=True)
class CalendarYearRecord:
    """A year whose holiday arrangement is complete (年度节假日安排已完整).

    Attributes:
        year: The year.
        status: "confirmed" (a notice reviewed and confirmed) or "complete" (marked by hand);
            ``domain.holiday_calendar.YearState`` values.
        source: "notice" (a State Council notice imported and confirmed) or "manual" (entered by
            hand and marked complete); ``domain.holiday_calendar.YearSource`` values.
        notice_sha256: SHA-256 of the imported notice file, "" for a manual year.
        title: The notice's title, "" for a manual year.
        confirmed_by: Who confirmed the notice or marked the year complete.
        confirmed_at: When.
    """

    year: int
    status: str
    source: str
    notice_sha256: str
    title: str
    confirmed_by: str
    confirmed_at: datetime


@dataclass(frozen=True)
class TrustedSigner:
    """A certificate whose packages this installation accepts (受信任的签名者).

    Attributes:
        fingerprint: SHA-256 of the certificate (DER), 64 lower-case hex digits.
        name: Who it belongs to, as the administrator named it (e.g. "自治区人社厅").
        kinds: Package kinds (``PackageKind`` values) accepted from this signer.
        subject: The certificate's subject.
        not_after: End of the certificate's validity.
        active: False once the administrator withdrew the trust.
        cert_pem: The certificate.
    """

    fingerprint: str
    name: str
    kinds: tuple[str, ...]
    subject: str
    not_after: datetime
    active: bool
    cert_pem: bytes


@dataclass(frozen=True)
class PackageRecord:
    """A package made or imported here (数据包登记).

    Attributes:
        package_id: SHA-256 of the manifest.
        kind: ``PackageKind`` value.
        batch: Batch code.
        sequence: The sender's running number.
        at: When it was made or imported.
        by: Who made or imported it.
        summary: JSON text with counts (no personal data).
    """

    package_id: str
    kind: str
    batch: str
    sequence: int
    at: datetime
    by: str
    summary: str


@dataclass(frozen=True)
class ReportCandidate:
    """A candidate as the department needs it in the report package (报送).

    Attributes:
        id: The application's id at head office (考生编号), the key approvals refer to.
        name: Full name.
        id_type: Kind of identity document.
        id_number: Full ID number (only the report package carries it).
        id_masked: Masked ID number.
        sex: 男 / 女 or empty.
        occupation_code: 2021 standard occupation code.
        direction: Direction (方向).
        level: ``Level`` value.
        training_cert_no: Training certificate number (培训证书编号).
        training_body: Training body.
        route: Application route (commitment / documents).
        status: Application status (active, withdrawn, void...).
        outcome: Confirmed overall result, empty when not confirmed.
        outcome_reasons: Why (for fails, incomplete or void).
    """

    id: int
    name: str
    id_type: str
    id_number: str
    id_masked: str
    sex: str
    occupation_code: str
    direction: str
    level: str
    training_cert_no: str
    training_body: str
    route: str
    status: str
    outcome: str
    outcome_reasons: str


@dataclass(frozen=True)
class ApprovalRecord:
    """The department's stored decision on one candidate (审核结果).

    Attributes:
        candidate_id: The application.
        decision: Approved or rejected.
        reason: Why it was rejected (empty for approvals).
        reference: The department's document number (文号), if given.
        decided_on: Day of the decision.
    """

    candidate_id: int
    decision: ApprovalDecision
    reason: str
    reference: str
    decided_on: date


@dataclass(frozen=True)
class SiteUser:
    """An examiner account carried to a site laptop so its holder can sign in offline.

    Attributes:
        username: Sign-in name.
        display_name: The person's name.
        roles: ``Role`` values.
        password_hash: The argon2 hash (never the password).
    """

    username: str
    display_name: str
    roles: tuple[str, ...]
    password_hash: str


class NoticeReader(Protocol):
    """Reads a holiday notice file within its size limit (adapters.notice_files.NoticeFiles)."""

    def read(self, path: Path) -> bytes:
        """The file's bytes; a ValidationError in Chinese when missing, unreadable or too large."""
        ...


class ExchangeRepository(Protocol):
    """Storage of the holiday table, trusted signers, package registers and exchanged records."""

    # --- holiday table ---
    def holiday_overrides(self) -> list[HolidayOverride]:
        """Every entry of the holiday table."""

    def put_holiday(self, entry: HolidayOverride, now: datetime) -> None:
        """Create or replace one day's entry."""

    def delete_holiday(self, day: date) -> bool:
        """Remove one day; False when absent."""

    def replace_arrangement(
        self, year: int, entries: Sequence[HolidayOverride], now: datetime
    ) -> int:
        """Replace every entry of one year's arrangement by ``entries``; returns how many went."""

    # --- complete years ---
    def calendar_years(self) -> list[CalendarYearRecord]:
        """Every year marked complete, by year."""

    def put_calendar_year(self, record: CalendarYearRecord) -> None:
        """Mark a year complete (or record a new confirmation of it)."""

    def delete_calendar_year(self, year: int) -> bool:
        """Withdraw a year's completion; False when it was not complete."""

    # --- trust and replay ---
    def own_certificates(self) -> list[bytes]:
        """Certificate PEMs of every signing key this body ever used."""

    def trusted_signers(self) -> list[TrustedSigner]:
        """Every trusted signer, active or withdrawn."""

    def add_trusted_signer(self, signer: TrustedSigner, now: datetime, by: str) -> None:
        """Trust a certificate (or renew its name and kinds)."""

    def set_signer_active(self, fingerprint: str, active: bool) -> bool:
        """Withdraw or restore trust; False when unknown."""

    def is_imported(self, package_id: str) -> bool:
        """Whether a package id was imported before."""

    def record_import(self, record: PackageRecord, body_code: str, signer_fingerprint: str) -> None:
        """Remember an imported package."""

    def imported_packages(self) -> list[PackageRecord]:
        """Imported packages, newest first."""

    def next_sequence(self, kind: str, batch: str) -> int:
        """The next running number for this kind and batch."""

    def record_export(self, record: PackageRecord) -> None:
        """Remember a package made here."""

    def exported_packages(self) -> list[PackageRecord]:
        """Packages made here, newest first."""

    # --- report (报送) ---
    def report_candidates(self, batch_id: int) -> list[ReportCandidate]:
        """The batch's applications with their confirmed results."""

    def confirmed_outcomes(self, batch_id: int) -> list[Row]:
        """Confirmed overall results of the batch."""

    def score_rows(self, batch_id: int, session_ids: Sequence[int] | None = None) -> list[Row]:
        """Score history of the batch, or of some of its sessions."""

    def attendance_rows(self, batch_id: int) -> list[Row]:
        """Every seat of the batch with its attendance."""

    def incident_rows(self, batch_id: int) -> list[Row]:
        """Every incident of the batch's sessions."""

    def examiner_rows(self, batch_id: int) -> list[Row]:
        """Who staffed which session in which role."""

    def session_rows(self, batch_id: int) -> list[Row]:
        """The batch's sessions (``_id`` holds the session id)."""

    def sampling_rows(self, batch_id: int) -> list[Row]:
        """Verification sampling outcomes of the batch."""

    def sampling_draw_rows(self, batch_id: int) -> list[Row]:
        """The recorded sampling draws of the batch."""

    def override_rows(self, batch_id: int) -> list[Row]:
        """The batch's exceptions to the eligibility rules, keyed by `OVERRIDE_COLUMNS`."""

    def certificate_numbers(self, batch_id: int) -> dict[int, str]:
        """Candidate id to number of their valid certificate."""

    def record_report_entries(
        self, package_id: str, batch_id: int, candidate_ids: Sequence[int], now: datetime
    ) -> None:
        """Remember who a report package named."""

    def reported_candidate_ids(self, batch_id: int) -> set[int]:
        """Candidates named in any report package of the batch."""

    # --- approvals (审核结果) ---
    def approvals(self, batch_id: int) -> dict[int, ApprovalRecord]:
        """Stored decisions of the batch by candidate."""

    def put_approval(self, batch_id: int, record: ApprovalRecord, now: datetime, by: str) -> None:
        """Store or replace the decision on one candidate."""

    # --- site packages (考点下发 / 考点回传) ---
    def session_id(self, batch_id: int, code: str) -> int | None:
        """A batch's session id by code."""

    def site_roster(self, session_id: int) -> list[Row]:
        """A session's seats with the personal data a site needs (``_id_number`` full)."""

    def site_photos(self, session_id: int) -> dict[int, bytes]:
        """Candidate id to photo for a session's candidates."""

    def site_staff(self, session_id: int) -> list[Row]:
        """A session's staff with their registry entries."""

    def site_users(self, session_id: int) -> list[SiteUser]:
        """Sign-in accounts of a session's staff."""

    def install_site(
        self,
        plan: Row,
        batch: Row,
        session: Row,
        roster: Sequence[Row],
        photos: Mapping[int, bytes],
        staff: Sequence[Row],
        package_id: str,
        salt: str,
        now: datetime,
        by: str,
    ) -> int:
        """Write a received session, roster and staff; returns the local session id."""

    def site_origin(self, session_id: int) -> tuple[int, str] | None:
        """(head-office session id, digest salt) of a received session."""

    def site_digests(self, session_id: int) -> dict[str, str]:
        """ID digest to ticket number for a received session."""

    def seat_states(self, session_id: int) -> list[SeatState]:
        """Check-in state of a session's seats."""

    def merge_seats(self, session_id: int, states: Sequence[SeatState]) -> MergeOutcome:
        """Take the site's check-in where head office has none."""

    def merge_incidents(self, session_id: int, rows: Sequence[Row]) -> MergeOutcome:
        """Add incidents head office lacks."""

    def merge_scores(self, session_id: int, rows: Sequence[Row]) -> MergeOutcome:
        """Append score history head office lacks, unless locked."""

    # --- dossier (考务档案) ---
    def audit_excerpt(self, batch_code: str, batch_id: int, limit: int) -> list[Row]:
        """Audit entries naming the batch."""


class PackageTool(Protocol):
    """Builds and checks signed packages (adapters.exchange_files behind it)."""

    def build(
        self,
        kind: PackageKind,
        body_code: str,
        body_name: str,
        batch: str,
        sequence: int,
        files: Mapping[str, bytes],
        key_pem: bytes,
        cert_pem: bytes,
        passphrase: str,
        created_at: dt.datetime,
    ) -> tuple[bytes, str]:
        """Sign a package; returns (zip bytes, package id)."""
        ...

    def verify(
        self,
        data: bytes,
        trusted_pems: Sequence[bytes],
        seen: Callable[[str], bool] | None,
        expected_kind: PackageKind | None,
    ) -> VerifiedPackage:
        """Check everything; raise ValidationError naming what is wrong."""
        ...

    def peek_kind(self, data: bytes) -> PackageKind:
        """The kind a package claims (unverified)."""
        ...

    def to_csv(self, rows: Sequence[Mapping[str, object]], columns: Sequence[str]) -> bytes:
        """Rows as CSV."""
        ...

    def from_csv(self, data: bytes) -> list[dict[str, str]]:
        """CSV back to rows."""
        ...

    def from_json(self, data: bytes) -> object:
        """JSON of an incoming file, parsed within size and nesting limits."""
        ...

    def describe(self, cert_pem: bytes) -> tuple[str, str, dt.datetime]:
        """(fingerprint, subject, not_after) of a certificate."""
        ...
