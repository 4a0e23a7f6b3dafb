"""Plain values the services hand to the UI and the CLI (never ORM rows)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from kaoping.domain.roles import Role


@dataclass(frozen=True)
class UserInfo:
    """A user as shown in lists; no password material."""

    id: int
    username: str
    display_name: str
    roles: tuple[Role, ...]
    active: bool
    locked_until: datetime | None = None
    failed_attempts: int = 0


@dataclass(frozen=True)
class RoleGrant:
    """A grant of roles waiting for (or decided by) a second person (角色授予待确认).

    Attributes:
        id: The grant's number, as `kaoping users confirm ID` takes it.
        user_id: Who receives the roles.
        username: Their sign-in name.
        display_name: Their name.
        roles: The roles added when the grant is confirmed.
        requested_by: The user id of the administrator who asked for it.
        requested_by_name: That administrator's username.
        requested_at: When it was asked for (UTC).
        status: `pending`, `confirmed`, `rejected` or `superseded`.
        decided_by: Username of whoever confirmed or rejected it.
    """

    id: int
    user_id: int
    username: str
    display_name: str
    roles: tuple[Role, ...]
    requested_by: int
    requested_by_name: str
    requested_at: datetime
    status: str = "pending"
    decided_by: str = ""


@dataclass(frozen=True)
class BodyProfile:
    """The evaluation body's profile (评价机构信息)."""

    name: str
    code: str
    address: str = ""
    contact: str = ""
    phone: str = ""


@dataclass(frozen=True)
class BodyNameBasis:
    """The recorded basis for a body name containing a banned word, and its confirmation.

    Attributes:
        id: Row id.
        name: The exact name the basis is for.
        basis: The basis, e.g. the registration document's number and wording.
        recorded_by: Who recorded it.
        recorded_at: When.
        confirmed_by: The quality supervisor who confirmed it ("" while waiting).
        confirmed_at: When it was confirmed.
    """

    id: int
    name: str
    basis: str
    recorded_by: str
    recorded_at: datetime
    confirmed_by: str = ""
    confirmed_at: datetime | None = None


@dataclass(frozen=True)
class SigningKeyInfo:
    """Public facts about the body's signing key; the private key never leaves storage decrypted."""

    fingerprint: str
    subject: str
    not_after: datetime
    cert_pem: bytes = field(repr=False)


@dataclass(frozen=True)
class AuditEntry:
    """One audit entry for display."""

    seq: int
    at: str
    actor: str
    action: str
    target: str
    outcome: str
    details: str


@dataclass(frozen=True)
class AuditFilter:
    """What the audit page asks for; empty fields match everything."""

    actor: str = ""
    action_prefix: str = ""
    outcome: str = ""
    since: str = ""
    until: str = ""
    text: str = ""
    limit: int = 500


@dataclass(frozen=True)
class DirectionInfo:
    """A direction row of the catalogue."""

    id: int
    name: str
    verified: bool


@dataclass(frozen=True)
class OccupationInfo:
    """An occupation row of the catalogue, with its directions."""

    code: str
    code_2022: str
    name: str
    verified: bool
    code_2022_verified: bool
    source: str
    active: bool
    directions: tuple[DirectionInfo, ...] = ()
