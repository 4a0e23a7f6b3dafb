"""Tables of certificates (证书): number counters, issued certificates and approved images."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column

from kaoping.storage.tables import Base

__all__ = [
    "Base",
    "CertificateAssetRow",
    "CertificateCounterRow",
    "CertificateRow",
    "RevocationReversalRow",
    "TemplatePhraseRow",
]


class CertificateCounterRow(Base):
    """The next certificate serial of one body and year; locked while numbers are taken."""

    __tablename__ = "certificate_counters"
    body_code: Mapped[str] = mapped_column(String(50), primary_key=True)
    year: Mapped[int] = mapped_column(Integer, primary_key=True)
    next_serial: Mapped[int] = mapped_column(Integer, default=1)


class CertificateRow(Base):
    """One certificate number and what was issued under it; a number is never deleted or reused.

    `status` is valid, revoked (撤销) or void (作废); a reissue (补发) points at the certificate it
    replaces. `pdf` is the signed document exactly as issued.
    """

    __tablename__ = "certificates"
    __table_args__ = (
        UniqueConstraint("body_code", "year", "serial", name="uq_certificates_serial"),
        # At most one valid certificate per application.
        Index(
            "uq_certificates_valid_candidate",
            "candidate_id",
            unique=True,
            sqlite_where=text("status = 'valid'"),
            postgresql_where=text("status = 'valid'"),
        ),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    number: Mapped[str] = mapped_column(String(60), unique=True)
    body_code: Mapped[str] = mapped_column(String(50))
    year: Mapped[int] = mapped_column(Integer)
    serial: Mapped[int] = mapped_column(Integer)
    batch_id: Mapped[int] = mapped_column(ForeignKey("batches.id"), index=True)
    candidate_id: Mapped[int] = mapped_column(ForeignKey("candidates.id"), index=True)
    masked_name: Mapped[str] = mapped_column(String(60))
    occupation_code: Mapped[str] = mapped_column(String(20))
    direction: Mapped[str] = mapped_column(String(100), default="")
    level: Mapped[str] = mapped_column(String(20))
    issue_date: Mapped[date] = mapped_column(Date)
    approved_on: Mapped[date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(20), default="valid", index=True)
    status_reason: Mapped[str] = mapped_column(String(300), default="")
    # What a verifier is told (RevocationCategory); the reason itself stays inside the body.
    status_category: Mapped[str] = mapped_column(String(30), default="", server_default="")
    status_changed_at: Mapped[datetime | None] = mapped_column(
        DateTime(timezone=True), nullable=True
    )
    replaces_id: Mapped[int | None] = mapped_column(ForeignKey("certificates.id"), nullable=True)
    qr_payload: Mapped[str] = mapped_column(Text)
    pdf: Mapped[bytes] = mapped_column(LargeBinary)
    pdf_sha256: Mapped[str] = mapped_column(String(64))
    signer_fingerprint: Mapped[str] = mapped_column(String(64))
    print_count: Mapped[int] = mapped_column(Integer, default=0)
    last_printed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    issued_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    issued_by: Mapped[str] = mapped_column(String(64))


class CertificateAssetRow(Base):
    """An image approved for certificates (登记图片): seal, logo or a candidate photo.

    `sha256` is the pixel hash the compliance check compares; `image` keeps the canonical PNG of
    seals and logos so every workstation draws the same pixels (photos stay with the candidate).
    """

    __tablename__ = "certificate_assets"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(100))
    kind: Mapped[str] = mapped_column(String(20), index=True)
    width: Mapped[int] = mapped_column(Integer)
    height: Mapped[int] = mapped_column(Integer)
    image: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    registered_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    registered_by: Mapped[str] = mapped_column(String(64))


class TemplatePhraseRow(Base):
    """A template phrase with a banned word, reviewed by two people (模板字样复核).

    Keyed by the template version (SHA-256 of the loaded template) and the exact phrase; it waives
    nothing until a quality supervisor confirms it, and nothing once withdrawn. Rows are never
    deleted, so the history of every acknowledgement stays.
    """

    __tablename__ = "template_phrases"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    template_sha256: Mapped[str] = mapped_column(String(64), index=True)
    phrase: Mapped[str] = mapped_column(Text)
    words: Mapped[str] = mapped_column(String(200))
    reason: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(16), index=True)
    proposed_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    proposed_by: Mapped[str] = mapped_column(String(64))
    proposed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    decided_by: Mapped[str] = mapped_column(String(64), default="")
    decided_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)


class RevocationReversalRow(Base):
    """Reversing a revocation (撤销复原): a certificate officer proposes, a supervisor confirms.

    The row keeps what was reversed (the revocation's reason, category and moment), so the
    certificate's history stays whole after it is valid again. Rows are never deleted.
    """

    __tablename__ = "revocation_reversals"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    certificate_id: Mapped[int] = mapped_column(ForeignKey("certificates.id"), index=True)
    reason: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(16), index=True)
    revoked_reason: Mapped[str] = mapped_column(String(300))
    revoked_category: Mapped[str] = mapped_column(String(30))
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    proposed_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    proposed_by: Mapped[str] = mapped_column(String(64))
    proposed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    decided_by: Mapped[str] = mapped_column(String(64), default="")
    decided_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    decision_note: Mapped[str] = mapped_column(Text, default="")
