"""What the services of the question bank (题库) and sealed papers need from storage and adapters.

The values here carry catalogue data, ciphertext and wrapped keys only. The two that hold
plaintext in memory (`BankUnlock` with the bank key, `OpenedPaper` with item content) hide it from
their repr, so neither can leak through a log line or a traceback.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from kaoping.domain.assembly import ItemRef, WeightKind
from kaoping.domain.catalogue import Level
from kaoping.domain.items import ItemContent, ItemMeta, ItemStatus, ItemType

if TYPE_CHECKING:
    pass

WRAP_PASSWORD = "password"
WRAP_PUBLIC = "public"


@dataclass(frozen=True)
class UserKey:
    """A person's X25519 key pair: the public half, and the private half wrapped under their password.

    Attributes:
        user_id: Whose key pair.
        public_key: Raw 32-byte public key.
        private_wrapped: The private key, wrapped with scrypt under the user's password.
        regrant_needed: Set when an administrator reset the password and the old bank copy was lost.
    """

    user_id: int
    public_key: bytes = field(repr=False)
    private_wrapped: bytes = field(repr=False)
    regrant_needed: bool = False


@dataclass(frozen=True)
class KeyGeneration:
    """One bank key (题库密钥) generation; the key itself is never stored, only `key_check`."""

    generation: int
    key_check: bytes = field(repr=False)
    created_at: datetime
    created_by: str


@dataclass(frozen=True)
class KeyWrap:
    """A user's copy of the bank key: under their password, or to their public key after a grant."""

    user_id: int
    generation: int
    kind: str
    wrapped: bytes = field(repr=False)
    granted_by: str
    granted_at: datetime


@dataclass(frozen=True)
class StoredItem:
    """An item's catalogue data as stored (the current version's meta, no text)."""

    item_id: str
    meta: ItemMeta
    created_at: datetime
    updated_at: datetime


@dataclass(frozen=True)
class StoredVersion:
    """One version's ciphertext and the meta it was written with."""

    item_id: str
    version: int
    knowledge_area: str
    item_type: ItemType
    difficulty: int
    ciphertext: bytes = field(repr=False)
    generation: int
    author_id: int
    created_at: datetime


@dataclass(frozen=True)
class ItemQuery:
    """What the bank browser asks for; empty fields match everything."""

    occupation_code: str = ""
    level: Level | None = None
    status: ItemStatus | None = None
    knowledge_area: str = ""
    author_id: int | None = None
    limit: int = 5000


@dataclass(frozen=True)
class CountRow:
    """Items counted per occupation, level, knowledge area and status."""

    occupation_code: str
    level: Level
    knowledge_area: str
    status: ItemStatus
    count: int


@dataclass(frozen=True)
class SessionInfo:
    """An exam session (场次) as the paper services need it."""

    id: int
    code: str
    batch_code: str
    occupation_code: str
    direction: str
    level: Level
    starts_at: datetime
    ends_at: datetime


@dataclass(frozen=True)
class PaperRecord:
    """A paper (试卷) as stored: catalogue data, its session, and whether it is sealed.

    Attributes:
        paper_id: Random identifier, bound into the ciphertext.
        code: Short human-readable code shown in lists.
        occupation_code: Occupation.
        direction: Direction, or "".
        level: Level.
        kind: Theory or professional-ability paper.
        item_count: Items on the paper.
        seed: The assembly seed, so the draw can be reproduced.
        session_id: The exam session the paper is for.
        status: "assembled" or "sealed".
        created_at: When assembled.
        created_by: Who assembled it.
        sealed_at: When sealed, or None.
        sealed_by: Who sealed it.
        imported: Whether it came in as a sealed-paper file (opened offline on its own data).
        session_code: The session's code (kept for imported papers).
        window_opens_at: Fixed opening window for imported papers; None for local ones.
        window_closes_at: End of that window.
        notices: What the assembler reported (recency fallback, difficulty).
        opened_count: How many times the sealed paper was opened (two-person step passed).
        last_opened_at: When it was last opened, or None.
        last_opened_by: The two openers of that time, joined with "、".
    """

    paper_id: str
    code: str
    occupation_code: str
    direction: str
    level: Level
    kind: WeightKind
    item_count: int
    seed: int
    session_id: int
    status: str
    created_at: datetime
    created_by: str
    sealed_at: datetime | None = None
    sealed_by: str = ""
    imported: bool = False
    session_code: str = ""
    window_opens_at: datetime | None = None
    window_closes_at: datetime | None = None
    notices: tuple[str, ...] = ()
    opened_count: int = 0
    last_opened_at: datetime | None = None
    last_opened_by: str = ""


@dataclass(frozen=True)
class PaperShare:
    """One opener's share of a sealed paper's key, encrypted to their public key.

    Attributes:
        paper_id: The paper.
        x: The share's point (1, 2, …); two different points open the paper.
        username: The opener it belongs to.
        display_name: Their name, for the dialog.
        share: The share, sealed to `public_key`.
        public_key: The opener's public key when the paper was sealed.
        private_wrapped: For imported papers, the opener's wrapped private key carried in the
            file; empty for local papers, which use the opener's current key.
    """

    paper_id: str
    x: int
    username: str
    display_name: str
    share: bytes = field(repr=False)
    public_key: bytes = field(repr=False)
    private_wrapped: bytes = field(default=b"", repr=False)


class BankRepository(Protocol):
    """Storage of the question bank (题库) and sealed papers."""

    def user_key(self, user_id: int) -> UserKey | None:
        """A user's key pair, or None."""
        ...

    def put_user_key(self, key: UserKey, now: datetime) -> None:
        """Insert or replace a user's key pair."""
        ...

    def current_generation(self) -> KeyGeneration | None:
        """The newest bank key generation, or None before initialisation."""
        ...

    def add_generation(self, generation: KeyGeneration) -> None:
        """Record a new bank key generation."""
        ...

    def wrap_for(self, user_id: int) -> KeyWrap | None:
        """A user's copy of the bank key, or None."""
        ...

    def wraps(self) -> list[KeyWrap]:
        """Every holder's copy."""
        ...

    def put_wrap(self, wrap: KeyWrap) -> None:
        """Insert or replace a holder's copy."""
        ...

    def delete_wrap(self, user_id: int) -> None:
        """Remove a holder's copy."""
        ...

    def add_item(self, item_id: str, meta: ItemMeta, now: datetime) -> None:
        """Insert an item's catalogue row."""
        ...

    def add_version(self, version: StoredVersion) -> None:
        """Insert one version's ciphertext."""
        ...

    def update_item(self, item_id: str, meta: ItemMeta, now: datetime) -> None:
        """Replace an item's current catalogue data, status and version."""
        ...

    def item(self, item_id: str) -> StoredItem | None:
        """One item, or None."""
        ...

    def version(self, item_id: str, version: int) -> StoredVersion | None:
        """One stored version, or None."""
        ...

    def versions(self) -> Iterator[StoredVersion]:
        """Every version of every item."""
        ...

    def replace_ciphertext(
        self, item_id: str, version: int, ciphertext: bytes, generation: int
    ) -> None:
        """Store a version re-encrypted under a new bank key."""
        ...

    def items(self, query: ItemQuery) -> list[StoredItem]:
        """Items matching the query, newest first."""
        ...

    def counts(self) -> list[CountRow]:
        """Item counts by occupation, level, knowledge area and status."""
        ...

    def approved_refs(self, occupation_code: str, direction: str, level: Level) -> list[ItemRef]:
        """Approved items of an occupation and level, for the direction or all directions."""
        ...

    def session_info(self, session_id: int) -> SessionInfo | None:
        """An exam session with its batch's occupation and level, or None."""
        ...

    def sessions(self) -> list[SessionInfo]:
        """Every exam session, soonest first."""
        ...

    def add_paper(self, paper: PaperRecord, items: Sequence[tuple[str, int]]) -> None:
        """Insert a paper and its item versions in order."""
        ...

    def paper(self, paper_id: str) -> PaperRecord | None:
        """One paper, or None."""
        ...

    def paper_by_code(self, code: str) -> PaperRecord | None:
        """The paper with this code, or None."""
        ...

    def papers(self) -> list[PaperRecord]:
        """Every paper, newest first."""
        ...

    def paper_items(self, paper_id: str) -> list[tuple[str, int]]:
        """(item id, version) in paper order."""
        ...

    def recent_usage(
        self, occupation_code: str, level: Level, kind: WeightKind, window: int
    ) -> dict[str, int]:
        """Item id → papers ago it was last used, over the last `window` papers."""
        ...

    def seal_paper(
        self, paper_id: str, blob: bytes, shares: Sequence[PaperShare], now: datetime, by: str
    ) -> None:
        """Store the sealed paper and its openers' shares."""
        ...

    def paper_blob(self, paper_id: str) -> bytes | None:
        """The sealed paper's ciphertext, or None."""
        ...

    def record_opening(self, paper_id: str, now: datetime, by: str) -> None:
        """Count one opening of a sealed paper and keep when and by whom."""
        ...

    def shares(self, paper_id: str) -> list[PaperShare]:
        """The openers' shares of a paper."""
        ...


class BankCrypto(Protocol):
    """Encryption for the bank: content, password wraps, public-key wraps, paper-key shares."""

    def new_key(self) -> bytes:
        """A fresh random 32-byte key."""
        ...

    def new_key_pair(self) -> tuple[bytes, bytes]:
        """A fresh (private, public) X25519 key pair."""
        ...

    def wrap_with_password(self, key: bytes, password: str) -> bytes:
        """A key wrapped under a password (scrypt, AES-GCM)."""
        ...

    def unwrap_with_password(self, record: bytes, password: str) -> bytes:
        """Unwrap a key; AuthenticationError on a wrong password."""
        ...

    def seal_to(self, public_key: bytes, secret: bytes, context: bytes) -> bytes:
        """Encrypt a secret to a public key."""
        ...

    def open_from(self, private_key: bytes, blob: bytes, context: bytes) -> bytes:
        """Decrypt a secret with the matching private key."""
        ...

    def key_check(self, key: bytes, generation: int) -> bytes:
        """A value proving a key is a given generation's bank key."""
        ...

    def matches_check(self, key: bytes, generation: int, check: bytes) -> bool:
        """Whether a key opens a generation's key-check value."""
        ...

    def encrypt_item(self, key: bytes, item_id: str, version: int, plaintext: bytes) -> bytes:
        """Encrypt an item version's content."""
        ...

    def decrypt_item(self, key: bytes, item_id: str, version: int, blob: bytes) -> bytes:
        """Decrypt an item version's content."""
        ...

    def encrypt_paper(self, key: bytes, paper_id: str, plaintext: bytes) -> bytes:
        """Encrypt a paper document under its own key."""
        ...

    def decrypt_paper(self, key: bytes, paper_id: str, blob: bytes) -> bytes:
        """Decrypt a paper document."""
        ...

    def split_key(self, key: bytes, holders: int) -> list[tuple[int, bytes]]:
        """Two-of-many shares of a key."""
        ...

    def join_key(self, first: tuple[int, bytes], second: tuple[int, bytes]) -> bytes:
        """Recover a key from two shares."""
        ...


@dataclass(frozen=True)
class RawItem:
    """One item as read from an import file, before any rule is checked (all text as written).

    Attributes:
        row: The 1-based data row (Excel row number, or position in the JSON list).
        occupation_code: 职业编码.
        direction: 职业方向.
        level: 等级 (code or Chinese name).
        knowledge_area: 知识领域.
        item_type: 题型 (code or Chinese name).
        difficulty: 难度 as written.
        stem: 题干.
        options: 选项, in order.
        answer: 参考答案.
        rubric: 评分要点.
        attachments: (file name, bytes) pairs.
    """

    row: int
    occupation_code: str
    direction: str
    level: str
    knowledge_area: str
    item_type: str
    difficulty: str
    stem: str = field(repr=False)
    options: tuple[str, ...] = field(default=(), repr=False)
    answer: str = field(default="", repr=False)
    rubric: str = field(default="", repr=False)
    attachments: tuple[tuple[str, bytes], ...] = field(default=(), repr=False)


@dataclass(frozen=True)
class RowProblem:
    """A bad row of an import: where, which field, and what to do about it."""

    row: int
    field: str
    reason: str

    def __str__(self) -> str:
        return f"第{self.row}行“{self.field}”：{self.reason}"


@dataclass(frozen=True)
class ParsedItemFile:
    """What an import file held: the rows it could read and the problems it found."""

    rows: tuple[RawItem, ...]
    problems: tuple[RowProblem, ...]


class ItemFiles(Protocol):
    """Reads item import files (Excel template, JSON) and writes the empty Excel template."""

    def read(self, path: Path) -> ParsedItemFile:
        """Read an import file."""
        ...

    def write_template(self, path: Path) -> None:
        """Write the empty Excel template."""
        ...


@dataclass(frozen=True)
class PaperItem:
    """One numbered item of an opened paper."""

    number: int
    item_id: str
    version: int
    item_type: ItemType
    knowledge_area: str
    difficulty: int
    content: ItemContent


@dataclass(frozen=True)
class OpenedPaper:
    """A paper decrypted by two openers: exists in memory only, until printed.

    Attributes:
        paper_id: The paper.
        code: Its short code.
        title: The heading printed on the paper.
        occupation_code: Occupation code.
        occupation_name: Occupation name.
        direction: Direction, or "".
        level: Level.
        kind: Theory or professional ability.
        session_code: The exam session it was opened for.
        items: The items in order.
    """

    paper_id: str
    code: str
    title: str
    occupation_code: str
    occupation_name: str
    direction: str
    level: Level
    kind: WeightKind
    session_code: str
    items: tuple[PaperItem, ...]

    def __repr__(self) -> str:
        return f"OpenedPaper(code={self.code!r}, items=<{len(self.items)}>)"


class PaperRenderer(Protocol):
    """Renders an opened paper (or its answer key) as PDF with a watermark on every page."""

    def render(self, paper: OpenedPaper, watermark: str, answer_key: bool) -> bytes:
        """Render the paper, or its answer key."""
        ...
