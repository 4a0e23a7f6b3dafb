"""Tables of the question bank (题库) and sealed papers.

No column holds item text: content lives only in `bank_item_versions.ciphertext` (AES-256-GCM under
the bank key), keys only wrapped, papers only sealed.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, DateTime, ForeignKey, Integer, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from kaoping.storage.tables import Base

__all__ = [
    "BankItemRow",
    "BankItemVersionRow",
    "BankKeyGenerationRow",
    "BankKeyWrapRow",
    "BankUserKeyRow",
    "Base",
    "PaperItemRow",
    "PaperRow",
    "PaperShareRow",
]


class BankUserKeyRow(Base):
    """A person's X25519 key pair; the private half wrapped under their password."""

    __tablename__ = "bank_user_keys"
    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    public_key: Mapped[bytes] = mapped_column(LargeBinary)
    private_wrapped: Mapped[bytes] = mapped_column(LargeBinary)
    regrant_needed: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class BankKeyGenerationRow(Base):
    """One generation of the bank key (题库密钥); a new one after every revocation."""

    __tablename__ = "bank_key_generations"
    generation: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    key_check: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    created_by: Mapped[str] = mapped_column(String(64))


class BankKeyWrapRow(Base):
    """A bank role holder's copy of the current bank key (under their password or public key)."""

    __tablename__ = "bank_key_wraps"
    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    generation: Mapped[int] = mapped_column(ForeignKey("bank_key_generations.generation"))
    kind: Mapped[str] = mapped_column(String(16))
    wrapped: Mapped[bytes] = mapped_column(LargeBinary)
    granted_by: Mapped[str] = mapped_column(String(64))
    granted_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class BankItemRow(Base):
    """An item's catalogue data (the current version's), status and author; never its text."""

    __tablename__ = "bank_items"
    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    occupation_code: Mapped[str] = mapped_column(String(20), index=True)
    direction: Mapped[str] = mapped_column(String(100), default="")
    level: Mapped[str] = mapped_column(String(20), index=True)
    knowledge_area: Mapped[str] = mapped_column(String(100), index=True)
    item_type: Mapped[str] = mapped_column(String(20))
    difficulty: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(16), index=True)
    current_version: Mapped[int] = mapped_column(Integer)
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class BankItemVersionRow(Base):
    """One version of an item: the meta it was written with and its encrypted content."""

    __tablename__ = "bank_item_versions"
    item_id: Mapped[str] = mapped_column(
        ForeignKey("bank_items.id", ondelete="CASCADE"), primary_key=True
    )
    version: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    knowledge_area: Mapped[str] = mapped_column(String(100))
    item_type: Mapped[str] = mapped_column(String(20))
    difficulty: Mapped[int] = mapped_column(Integer)
    ciphertext: Mapped[bytes] = mapped_column(LargeBinary)
    generation: Mapped[int] = mapped_column(Integer)
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class PaperRow(Base):
    """A paper (试卷): assembled from item versions, then sealed under its own key."""

    __tablename__ = "papers"
    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    occupation_code: Mapped[str] = mapped_column(String(20))
    direction: Mapped[str] = mapped_column(String(100), default="")
    level: Mapped[str] = mapped_column(String(20))
    kind: Mapped[str] = mapped_column(String(16))
    item_count: Mapped[int] = mapped_column(Integer)
    seed: Mapped[int] = mapped_column(Integer)
    # No foreign key: an imported paper may name a session this database does not hold.
    session_id: Mapped[int] = mapped_column(Integer, index=True)
    session_code: Mapped[str] = mapped_column(String(40), default="")
    status: Mapped[str] = mapped_column(String(16))
    notices: Mapped[str] = mapped_column(Text, default="[]")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    created_by: Mapped[str] = mapped_column(String(64))
    sealed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    sealed_by: Mapped[str] = mapped_column(String(64), default="")
    blob: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)
    imported: Mapped[bool] = mapped_column(Boolean, default=False)
    window_opens_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    window_closes_at: Mapped[datetime | None] = mapped_column(
        DateTime(timezone=True), nullable=True
    )
    opened_count: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    last_opened_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    last_opened_by: Mapped[str] = mapped_column(String(140), default="", server_default="")


class PaperItemRow(Base):
    """Which item version stands at which position of a paper (kept for recency and reprints)."""

    __tablename__ = "paper_items"
    paper_id: Mapped[str] = mapped_column(
        ForeignKey("papers.id", ondelete="CASCADE"), primary_key=True
    )
    position: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    item_id: Mapped[str] = mapped_column(String(32), index=True)
    version: Mapped[int] = mapped_column(Integer)


class PaperShareRow(Base):
    """One opener's share of a sealed paper's key, encrypted to their public key."""

    __tablename__ = "paper_shares"
    paper_id: Mapped[str] = mapped_column(
        ForeignKey("papers.id", ondelete="CASCADE"), primary_key=True
    )
    x: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    username: Mapped[str] = mapped_column(String(64))
    display_name: Mapped[str] = mapped_column(String(100), default="")
    share: Mapped[bytes] = mapped_column(LargeBinary)
    public_key: Mapped[bytes] = mapped_column(LargeBinary)
    private_wrapped: Mapped[bytes] = mapped_column(LargeBinary, default=b"")
