"""What the services need from the outside world, as protocols (ports).

`storage/` and `adapters/` implement these; tests may pass fakes. Services never import either.
"""

from __future__ import annotations

import builtins
from collections.abc import Iterator, Sequence
from datetime import date, datetime
from pathlib import Path
from types import TracebackType
from typing import Any, Protocol

from kaoping.domain.audit import AuditRecord
from kaoping.domain.plans import Batch, BatchStatus, Plan
from kaoping.domain.remit import RemitEntry, RemitVersion
from kaoping.domain.roles import Role
from kaoping.services.ports.bank import BankRepository
from kaoping.services.ports.certificates import CertificateRepository
from kaoping.services.ports.dto import (
    AuditEntry,
    AuditFilter,
    BodyNameBasis,
    BodyProfile,
    OccupationInfo,
    RoleGrant,
    UserInfo,
)
from kaoping.services.ports.exams import ExamRepository
from kaoping.services.ports.exchange import ExchangeRepository
from kaoping.services.ports.intake import CandidateRepository
from kaoping.services.ports.photos import PhotoRepository
from kaoping.services.ports.scores import ScoreRepository
from kaoping.services.ports.stock import StockRepository


class Clock(Protocol):
    """Tells the time (timezone-aware UTC); tests pass a fixed clock."""

    def now(self) -> datetime: ...


class PasswordHasher(Protocol):
    """Hashes and verifies passwords (argon2id in production)."""

    def hash(self, password: str) -> str: ...

    def verify(self, hashed: str, password: str) -> bool: ...


class StoredUser(Protocol):
    """A user with the fields authentication needs."""

    id: int
    username: str
    display_name: str
    password_hash: str
    active: bool
    failed_attempts: int
    locked_until: datetime | None
    roles: tuple[Role, ...]
    must_change_password: bool


class UserRepository(Protocol):
    """Users and their roles."""

    def get(self, user_id: int) -> StoredUser | None: ...

    def by_username(self, username: str) -> StoredUser | None: ...

    def add(
        self,
        username: str,
        display_name: str,
        password_hash: str,
        roles: Sequence[Role],
        now: datetime,
    ) -> int: ...

    def set_roles(self, user_id: int, roles: Sequence[Role]) -> None: ...

    def set_password(
        self, user_id: int, password_hash: str, now: datetime, *, must_change: bool = False
    ) -> None: ...

    def set_active(self, user_id: int, active: bool) -> None: ...

    def record_failure(self, user_id: int, locked_until: datetime | None) -> int: ...

    def clear_failures(self, user_id: int) -> None: ...

    def list(self) -> list[UserInfo]: ...

    def count_with_role(self, role: Role) -> int: ...

    def add_grant(
        self, user_id: int, roles: Sequence[Role], requested_by: int, now: datetime
    ) -> int: ...

    def grant(self, grant_id: int) -> RoleGrant | None: ...

    def pending_grants(self, user_id: int | None = None) -> builtins.list[RoleGrant]: ...

    def decide_grant(self, grant_id: int, status: str, decided_by: str, now: datetime) -> None: ...


class AuditRepository(Protocol):
    """The append-only audit log."""

    def lock_head(self) -> None: ...

    def append(
        self,
        at: str,
        actor: str,
        action: str,
        target: str,
        outcome: str,
        details: dict[str, Any] | None,
    ) -> int: ...

    def records(self) -> Iterator[AuditRecord]: ...

    def head(self) -> tuple[int, str] | None: ...

    def search(self, query: AuditFilter) -> list[AuditEntry]: ...


class BodyRepository(Protocol):
    """The body profile and its signing key."""

    def get_profile(self) -> BodyProfile | None: ...

    def save_profile(self, profile: BodyProfile, now: datetime) -> None: ...

    def add_signing_key(
        self, key_pem_encrypted: bytes, cert_pem: bytes, fingerprint: str, now: datetime
    ) -> None: ...

    def active_signing_key(self) -> tuple[bytes, bytes] | None: ...

    def rewrap_signing_key(self, key_pem_encrypted: bytes) -> None: ...

    def add_name_basis(self, name: str, basis: str, by: str, at: datetime) -> int: ...

    def name_bases(self, name: str) -> builtins.list[BodyNameBasis]: ...

    def confirm_name_basis(self, basis_id: int, by: str, at: datetime) -> None: ...

    def add_remit_version(
        self, entries: Sequence[RemitEntry], basis: str, by: str, at: datetime
    ) -> int: ...

    def remit_versions(self, limit: int = 20) -> builtins.list[RemitVersion]: ...

    def confirm_remit(self, version_id: int, by: str, at: datetime) -> None: ...


class CatalogueRepository(Protocol):
    """Occupations and directions."""

    def occupations(self) -> list[OccupationInfo]: ...

    def occupation(self, code: str) -> OccupationInfo | None: ...

    def upsert_occupation(self, info: OccupationInfo) -> None: ...

    def add_direction(self, occupation_code: str, name: str, verified: bool) -> int: ...

    def update_direction(self, direction_id: int, name: str, verified: bool) -> None: ...


class SettingsRepository(Protocol):
    """Named settings stored as JSON."""

    def get(self, key: str, default: Any = None) -> Any: ...

    def put(self, key: str, value: Any) -> None: ...


class PlanRepository(Protocol):
    """Assessment plans and their batches."""

    def add_plan(self, plan: Plan, now: datetime) -> int: ...

    def plan(self, plan_id: int) -> Plan | None: ...

    def plan_by_code(self, code: str) -> Plan | None: ...

    def plans(self) -> list[Plan]: ...

    def add_batch(
        self, plan_id: int, code: str, name: str, start: date, end: date, now: datetime
    ) -> int: ...

    def batch(self, batch_id: int) -> Batch | None: ...

    def batch_by_code(self, code: str) -> Batch | None: ...

    def batches(self, plan_id: int | None = None) -> list[Batch]: ...

    def set_batch_status(
        self, batch_id: int, status: BatchStatus, at: datetime | None = None
    ) -> None: ...

    def batch_moments(self, batch_id: int) -> tuple[datetime | None, datetime | None]: ...


class TableWriter(Protocol):
    """Writes a plain table for people to open in a spreadsheet program."""

    def write_table(
        self, path: Path, title: str, headers: Sequence[str], rows: Sequence[Sequence[str]]
    ) -> None:
        """Write one sheet of text cells under a header row; the file appears only when whole."""
        ...


class UnitOfWork(Protocol):
    """One transaction: everything inside commits together or not at all."""

    # Read-only in the protocol so implementations may hold more specific repository types.
    @property
    def users(self) -> UserRepository: ...

    @property
    def audit(self) -> AuditRepository: ...

    @property
    def body(self) -> BodyRepository: ...

    @property
    def catalogue(self) -> CatalogueRepository: ...

    @property
    def settings(self) -> SettingsRepository: ...

    @property
    def plans(self) -> PlanRepository: ...

    @property
    def candidates(self) -> CandidateRepository: ...

    @property
    def exams(self) -> ExamRepository: ...

    @property
    def bank(self) -> BankRepository: ...

    @property
    def certificates(self) -> CertificateRepository: ...

    @property
    def exchange(self) -> ExchangeRepository: ...

    @property
    def scores(self) -> ScoreRepository: ...

    @property
    def photos(self) -> PhotoRepository: ...

    @property
    def stock(self) -> StockRepository: ...

    def __enter__(self) -> UnitOfWork: ...

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None: ...

    def commit(self) -> None: ...

    def rollback(self) -> None: ...


class UnitOfWorkFactory(Protocol):
    """Opens a unit of work; `write=True` takes the write lock at once."""

    def __call__(self, write: bool = True) -> UnitOfWork: ...


class BackupTool(Protocol):
    """Copies the live database consistently (SQLite online backup)."""

    def check(self, destination: Path) -> None:
        """Raise ValidationError if a backup to `destination` cannot be made."""
        ...

    def backup(self, destination: Path) -> int:
        """Write a consistent copy; returns its size in bytes."""
        ...


class StoreKeys(Protocol):
    """The encrypted store's key wrapped per person, in step with the database's passwords.

    `adapters.store_keys` implements it. Wrappings live in a file beside the database, outside
    its transactions: a change adds the new wrapping inside the transaction and drops the old
    ones only after the commit, so a crash in between leaves both and the next sign-in settles
    which one is current.
    """

    def enrol(self, user_id: int, username: str, password: str) -> str:
        """Wrap the key for this password; returns the wrapping's id."""
        ...

    def keep_only(self, user_id: int, username: str, entry: str) -> None:
        """Drop the user's other wrappings (after a password change committed)."""
        ...

    def signed_in(self, user_id: int, username: str, password: str) -> None:
        """The database accepted this password: it, and only it, opens the store for the user."""
        ...

    def forget(self, user_id: int) -> None:
        """Drop the user's wrappings (the account was disabled)."""
        ...

    def set_label(self, label: str) -> None:
        """The body's name for the sign-in screen."""
        ...


class NoStoreKeys:
    """`StoreKeys` for a database without a key of its own (plain SQLite in tests, PostgreSQL)."""

    def enrol(self, user_id: int, username: str, password: str) -> str:
        """Nothing to wrap."""
        return ""

    def keep_only(self, user_id: int, username: str, entry: str) -> None:
        """Nothing to drop."""

    def signed_in(self, user_id: int, username: str, password: str) -> None:
        """Nothing to settle."""

    def forget(self, user_id: int) -> None:
        """Nothing to drop."""

    def set_label(self, label: str) -> None:
        """No sign-in label to keep."""
