"""Tables of packages, approvals, trusted signers, the holiday table and the complete years."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from kaoping.storage.tables import Base


class HolidayOverrideRow(Base):
    """An administrator-entered exception to the official calendar (节假日调整表)."""

    __tablename__ = "holiday_overrides"
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    # The year whose arrangement lists the day (2023's notice gave 2022-12-31 off).
    year: Mapped[int] = mapped_column(Integer, index=True)
    workday: Mapped[bool] = mapped_column(Boolean)
    note: Mapped[str] = mapped_column(String(100), default="")
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    updated_by: Mapped[str] = mapped_column(String(64))


class CalendarYearRow(Base):
    """A year whose holiday arrangement is complete: a confirmed notice, or marked by hand."""

    __tablename__ = "calendar_years"
    year: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    status: Mapped[str] = mapped_column(String(16))
    source: Mapped[str] = mapped_column(String(16))
    notice_sha256: Mapped[str] = mapped_column(String(64), default="")
    title: Mapped[str] = mapped_column(String(200), default="")
    confirmed_by: Mapped[str] = mapped_column(String(64))
    confirmed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class TrustedSignerRow(Base):
    """A certificate whose packages are accepted (the province, a site laptop, head office).

    `kinds` is a comma-separated list of package kinds this signer may send.
    """

    __tablename__ = "trusted_signers"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    fingerprint: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    kinds: Mapped[str] = mapped_column(String(100))
    subject: Mapped[str] = mapped_column(String(400))
    not_after: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    cert_pem: Mapped[bytes] = mapped_column(LargeBinary)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    added_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    added_by: Mapped[str] = mapped_column(String(64))


class ImportedPackageRow(Base):
    """A package that was imported; its id (SHA-256 of the manifest) refuses a second import."""

    __tablename__ = "imported_packages"
    package_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))
    batch: Mapped[str] = mapped_column(String(40), index=True)
    body_code: Mapped[str] = mapped_column(String(50))
    sequence: Mapped[int] = mapped_column(Integer)
    signer_fingerprint: Mapped[str] = mapped_column(String(64))
    summary: Mapped[str] = mapped_column(Text, default="")
    imported_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    imported_by: Mapped[str] = mapped_column(String(64))


class ExportedPackageRow(Base):
    """A package this installation made; the running number per kind and batch comes from here."""

    __tablename__ = "exported_packages"
    __table_args__ = (
        UniqueConstraint("kind", "batch", "sequence", name="uq_exported_packages_kind_batch_seq"),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    package_id: Mapped[str] = mapped_column(String(64), unique=True)
    kind: Mapped[str] = mapped_column(String(20))
    batch: Mapped[str] = mapped_column(String(40), index=True)
    sequence: Mapped[int] = mapped_column(Integer)
    summary: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    created_by: Mapped[str] = mapped_column(String(64))


class ReportEntryRow(Base):
    """A candidate included in a report package (报送); approvals may only name reported candidates."""

    __tablename__ = "report_entries"
    __table_args__ = (
        UniqueConstraint("package_id", "candidate_id", name="uq_report_entries_package_candidate"),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    package_id: Mapped[str] = mapped_column(String(64), index=True)
    batch_id: Mapped[int] = mapped_column(ForeignKey("batches.id"), index=True)
    candidate_id: Mapped[int] = mapped_column(ForeignKey("candidates.id"), index=True)
    reported_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class SiteCandidateRow(Base):
    """On a site laptop: where a roster entry came from and the keyed digest of its ID number.

    The site never holds the full ID number; check-in by ID compares digests (docs/site-packages.md).
    """

    __tablename__ = "site_candidates"
    candidate_id: Mapped[int] = mapped_column(
        ForeignKey("candidates.id", ondelete="CASCADE"), primary_key=True
    )
    origin_id: Mapped[int] = mapped_column(Integer, index=True)
    id_digest: Mapped[str] = mapped_column(String(64), index=True)
    package_id: Mapped[str] = mapped_column(String(64))


class SiteSessionRow(Base):
    """On a site laptop: a session received from head office, with the salt of the ID digests."""

    __tablename__ = "site_sessions"
    session_id: Mapped[int] = mapped_column(
        ForeignKey("exam_sessions.id", ondelete="CASCADE"), primary_key=True
    )
    origin_id: Mapped[int] = mapped_column(Integer)
    digest_salt: Mapped[str] = mapped_column(String(64))
    package_id: Mapped[str] = mapped_column(String(64))
    imported_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
