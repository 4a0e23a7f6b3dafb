"""Tables of candidate intake (报名): applications, prior certificates, exceptions, dishonesty.

Exceptions (申报条件例外) are a quality supervisor's records that let an applicant who is not
eligible through the gates; the dishonesty register (失信名单) bars the commitment route.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    false,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column

from kaoping.storage.candidate_search import masked_reversed_default
from kaoping.storage.tables import Base


class CandidateRow(Base):
    """One application (申报) of one person for one occupation x direction x level in a batch.

    The full ID number lives only here (DESIGN.md rule 8); lists and packages use `id_masked`.
    `person_key` is a keyed hash of ID type and number, for duplicate and dishonesty look-ups.
    On SQLite, triggers keep the name search table (`candidates_name_fts`) in step; a migration
    that recreates this table drops them, and `candidate_search.repair_sqlite_name_index` puts
    them back after migrating.
    """

    __tablename__ = "candidates"
    __table_args__ = (
        # One active application per person x occupation x direction x level.
        Index(
            "uq_candidates_active_application",
            "person_key",
            "occupation_code",
            "direction",
            "level",
            unique=True,
            sqlite_where=text("status = 'active'"),
            postgresql_where=text("status = 'active'"),
        ),
        # The candidates list of a batch is read page by page in name order; without this the
        # database sorts the whole batch for every page (100,000 candidates: 0.2 s a page).
        Index("ix_candidates_batch_name", "batch_id", "name", "id"),
        # "Ends with 0421" as a prefix of the reversed masked number (storage/candidate_search.py);
        # PostgreSQL needs the pattern operator class for LIKE 'x%' outside the C collation.
        Index(
            "ix_candidates_id_masked_reversed",
            "id_masked_reversed",
            postgresql_ops={"id_masked_reversed": "varchar_pattern_ops"},
        ),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    batch_id: Mapped[int] = mapped_column(ForeignKey("batches.id"), index=True)
    name: Mapped[str] = mapped_column(String(60), index=True)
    id_type: Mapped[str] = mapped_column(String(30))
    id_number: Mapped[str] = mapped_column(String(40), index=True)
    id_masked: Mapped[str] = mapped_column(String(40))
    # The masked number folded and reversed, for searching by its ending; filled from `id_masked`
    # on insert (the masked number is written once, at intake).
    id_masked_reversed: Mapped[str] = mapped_column(
        String(40), default=masked_reversed_default, server_default=""
    )
    person_key: Mapped[str] = mapped_column(String(64), index=True)
    birth_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    sex: Mapped[str] = mapped_column(String(4), default="")
    phone: Mapped[str] = mapped_column(String(30), default="")
    education: Mapped[str] = mapped_column(String(20))
    major: Mapped[str] = mapped_column(String(100), default="")
    major_related: Mapped[bool] = mapped_column(Boolean, default=False)
    graduation_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    work_start_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    title: Mapped[str] = mapped_column(String(20), default="无")
    title_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    work_unit: Mapped[str] = mapped_column(String(200), default="")
    region_basis: Mapped[str] = mapped_column(String(20), default="")
    region_note: Mapped[str] = mapped_column(String(200), default="")
    training_cert_no: Mapped[str] = mapped_column(String(60), default="")
    training_body: Mapped[str] = mapped_column(String(200), default="")
    training_hours: Mapped[int] = mapped_column(Integer, default=0)
    training_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    occupation_code: Mapped[str] = mapped_column(ForeignKey("occupations.code"))
    direction: Mapped[str] = mapped_column(String(100), default="")
    level: Mapped[str] = mapped_column(String(20))
    route: Mapped[str] = mapped_column(String(20), default="commitment")
    status: Mapped[str] = mapped_column(String(20), default="active", index=True)
    flagged: Mapped[bool] = mapped_column(Boolean, default=False)
    eligibility_note: Mapped[str] = mapped_column(Text, default="")
    eligible: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    # Whether the rules behind `eligible` were checked against the official standard.
    eligibility_verified: Mapped[bool] = mapped_column(
        Boolean, default=False, server_default=false()
    )
    # The id of the alternative met, and the proof verification must see for it (fresh graduates).
    eligibility_alternative: Mapped[str] = mapped_column(String(20), default="", server_default="")
    eligibility_proof: Mapped[str] = mapped_column(String(300), default="", server_default="")
    # The user who entered or imported the application ("" before this was recorded).
    entered_by: Mapped[str] = mapped_column(String(64), default="", server_default="")
    commitment_sha256: Mapped[str] = mapped_column(String(64), default="")
    commitment_signed_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    withdrawn_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    void_reason: Mapped[str] = mapped_column(String(300), default="")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class PriorCertificateRow(Base):
    """A professional-technical level certificate (专业技术等级证书) the candidate already holds."""

    __tablename__ = "prior_certificates"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    candidate_id: Mapped[int] = mapped_column(
        ForeignKey("candidates.id", ondelete="CASCADE"), index=True
    )
    occupation_code: Mapped[str] = mapped_column(String(20))
    level: Mapped[str] = mapped_column(String(20))
    number: Mapped[str] = mapped_column(String(60), default="")
    issue_date: Mapped[date] = mapped_column(Date)


class DishonestyRow(Base):
    """The dishonesty register (失信名单): who may not use the commitment route, and until when."""

    __tablename__ = "dishonesty_register"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    person_key: Mapped[str] = mapped_column(String(64), index=True)
    id_masked: Mapped[str] = mapped_column(String(40))
    name: Mapped[str] = mapped_column(String(60))
    valid_from: Mapped[date] = mapped_column(Date)
    until: Mapped[date] = mapped_column(Date)
    reason: Mapped[str] = mapped_column(String(300))
    candidate_id: Mapped[int | None] = mapped_column(ForeignKey("candidates.id"), nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class EligibilityOverrideRow(Base):
    """A quality supervisor's exception (申报条件例外) for an applicant found not eligible.

    One per application; rows are kept. The verdict it overrode is copied in, so the record
    reads on its own in a report package or a dossier.
    """

    __tablename__ = "eligibility_overrides"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    candidate_id: Mapped[int] = mapped_column(ForeignKey("candidates.id"), unique=True)
    basis: Mapped[str] = mapped_column(Text)
    verdict: Mapped[str] = mapped_column(Text, default="")
    recorded_by: Mapped[str] = mapped_column(String(64))
    recorded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
