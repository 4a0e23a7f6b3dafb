"""Repositories: typed rows in, plain values out."""

from __future__ import annotations

import builtins
import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from kaoping.domain.audit import GENESIS_HASH, AuditRecord, canonical_details, entry_hash
from kaoping.domain.catalogue import Level
from kaoping.domain.remit import RemitEntry, RemitVersion
from kaoping.domain.remit import sort_key as remit_sort_key
from kaoping.domain.roles import Role
from kaoping.services.ports.dto import (
    AuditEntry,
    AuditFilter,
    BodyNameBasis,
    BodyProfile,
    DirectionInfo,
    OccupationInfo,
    RoleGrant,
    UserInfo,
)
from kaoping.storage.tables import (
    AuditHeadRow,
    AuditRow,
    BodyNameBasisRow,
    BodyRow,
    DirectionRow,
    OccupationRow,
    RemitEntryRow,
    RemitVersionRow,
    RoleGrantRow,
    SettingRow,
    SigningKeyRow,
    UserRoleRow,
    UserRow,
)


@dataclass
class _User:
    id: int
    username: str
    display_name: str
    password_hash: str
    active: bool
    failed_attempts: int
    locked_until: datetime | None
    roles: tuple[Role, ...]
    must_change_password: bool = False


def _roles_in_order(values: Sequence[str]) -> tuple[Role, ...]:
    wanted = set(values)
    return tuple(role for role in Role if role.value in wanted)


class SqlUserRepository:
    """Users and roles in SQL."""

    def __init__(self, session: Session) -> None:
        self._s = session

    def _load(self, row: UserRow | None) -> _User | None:
        if row is None:
            return None
        roles = self._s.scalars(select(UserRoleRow.role).where(UserRoleRow.user_id == row.id))
        return _User(
            row.id,
            row.username,
            row.display_name,
            row.password_hash,
            row.active,
            row.failed_attempts,
            _aware(row.locked_until),
            _roles_in_order(list(roles)),
            bool(row.must_change_password),
        )

    def get(self, user_id: int) -> _User | None:
        """The user with this id, or None."""
        return self._load(self._s.get(UserRow, user_id))

    def by_username(self, username: str) -> _User | None:
        """The user with this username, or None."""
        return self._load(
            self._s.scalars(select(UserRow).where(UserRow.username == username)).one_or_none()
        )

    def add(
        self,
        username: str,
        display_name: str,
        password_hash: str,
        roles: Sequence[Role],
        now: datetime,
    ) -> int:
        """Insert a user with roles; returns the new id."""
        row = UserRow(
            username=username,
            display_name=display_name,
            password_hash=password_hash,
            active=True,
            failed_attempts=0,
            created_at=now,
            password_changed_at=now,
        )
        self._s.add(row)
        self._s.flush()
        self.set_roles(row.id, roles)
        return row.id

    def set_roles(self, user_id: int, roles: Sequence[Role]) -> None:
        """Replace the user's roles."""
        self._s.execute(delete(UserRoleRow).where(UserRoleRow.user_id == user_id))
        self._s.add_all(UserRoleRow(user_id=user_id, role=role.value) for role in set(roles))
        self._s.flush()

    def set_password(
        self, user_id: int, password_hash: str, now: datetime, *, must_change: bool = False
    ) -> None:
        """Store a new password hash; `must_change` when it is a one-time password."""
        self._s.execute(
            update(UserRow)
            .where(UserRow.id == user_id)
            .values(
                password_hash=password_hash,
                password_changed_at=now,
                must_change_password=must_change,
                failed_attempts=0,
                locked_until=None,
            )
        )

    def set_active(self, user_id: int, active: bool) -> None:
        """Enable or disable the account."""
        self._s.execute(update(UserRow).where(UserRow.id == user_id).values(active=active))

    def record_failure(self, user_id: int, locked_until: datetime | None) -> int:
        """Count a failed sign-in; returns the running count."""
        row = self._s.get_one(UserRow, user_id)
        row.failed_attempts += 1
        if locked_until is not None:
            row.locked_until = locked_until
        self._s.flush()
        return row.failed_attempts

    def clear_failures(self, user_id: int) -> None:
        """Reset the failure count and any lock after a good sign-in."""
        self._s.execute(
            update(UserRow)
            .where(UserRow.id == user_id)
            .values(failed_attempts=0, locked_until=None)
        )

    def list(self) -> list[UserInfo]:
        """All users, by username."""
        rows = self._s.scalars(select(UserRow).order_by(UserRow.username)).all()
        role_rows = self._s.execute(select(UserRoleRow.user_id, UserRoleRow.role)).all()
        by_user: dict[int, list[str]] = {}
        for user_id, role in role_rows:
            by_user.setdefault(user_id, []).append(role)
        return [
            UserInfo(
                r.id,
                r.username,
                r.display_name,
                _roles_in_order(by_user.get(r.id, [])),
                r.active,
                _aware(r.locked_until),
                r.failed_attempts,
            )
            for r in rows
        ]

    def count_with_role(self, role: Role) -> int:
        """How many active users hold a role."""
        return (
            self._s.scalar(
                select(func.count())
                .select_from(UserRoleRow)
                .join(UserRow)
                .where(UserRoleRow.role == role.value, UserRow.active.is_(True))
            )
            or 0
        )

    def add_grant(
        self, user_id: int, roles: Sequence[Role], requested_by: int, now: datetime
    ) -> int:
        """Store a grant waiting for confirmation; returns its id."""
        row = RoleGrantRow(
            user_id=user_id,
            roles=",".join(role.value for role in _roles_in_order([r.value for r in roles])),
            requested_by=requested_by,
            requested_at=now,
            status="pending",
            decided_by="",
        )
        self._s.add(row)
        self._s.flush()
        return row.id

    def grant(self, grant_id: int) -> RoleGrant | None:
        """The grant with this id, whatever its status, or None."""
        return next(iter(self._grants(RoleGrantRow.id == grant_id)), None)

    def pending_grants(self, user_id: int | None = None) -> builtins.list[RoleGrant]:
        """Grants still waiting, oldest first; only one user's when `user_id` is given."""
        condition = RoleGrantRow.status == "pending"
        if user_id is not None:
            condition = condition & (RoleGrantRow.user_id == user_id)
        return self._grants(condition)

    def decide_grant(self, grant_id: int, status: str, decided_by: str, now: datetime) -> None:
        """Close a grant as confirmed, rejected or superseded."""
        self._s.execute(
            update(RoleGrantRow)
            .where(RoleGrantRow.id == grant_id)
            .values(status=status, decided_by=decided_by, decided_at=now)
        )

    def _grants(self, condition: Any) -> builtins.list[RoleGrant]:
        grantee = UserRow.__table__.alias("grantee")
        requester = UserRow.__table__.alias("requester")
        rows = self._s.execute(
            select(
                RoleGrantRow,
                grantee.c.username,
                grantee.c.display_name,
                requester.c.username,
            )
            .join(grantee, grantee.c.id == RoleGrantRow.user_id)
            .join(requester, requester.c.id == RoleGrantRow.requested_by)
            .where(condition)
            .order_by(RoleGrantRow.id)
        ).all()
        return [
            RoleGrant(
                row.id,
                row.user_id,
                username,
                display_name,
                _roles_in_order(row.roles.split(",")),
                row.requested_by,
                requested_by_name,
                _aware(row.requested_at) or row.requested_at,
                row.status,
                row.decided_by,
            )
            for row, username, display_name, requested_by_name in rows
        ]


def _aware(moment: datetime | None) -> datetime | None:
    """SQLite hands back naive datetimes; every stored time is UTC."""
    if moment is None or moment.tzinfo is not None:
        return moment
    from datetime import UTC

    return moment.replace(tzinfo=UTC)


class SqlAuditRepository:
    """The audit log, appended under the head row's lock."""

    def __init__(self, session: Session) -> None:
        self._s = session

    def lock_head(self) -> None:
        """Take the audit head's row lock for the rest of the transaction.

        Every writing action takes it first, so writers from several workstations run one after
        another (PostgreSQL); SQLite's BEGIN IMMEDIATE already does the same.
        """
        self._head()

    def _head(self) -> AuditHeadRow:
        head = self._s.scalars(select(AuditHeadRow).with_for_update()).one_or_none()
        if head is None:
            head = AuditHeadRow(id=1, count=0, last_hash=GENESIS_HASH)
            self._s.add(head)
            self._s.flush()
        return head

    def append(
        self,
        at: str,
        actor: str,
        action: str,
        target: str,
        outcome: str,
        details: dict[str, Any] | None,
    ) -> int:
        """Append one entry after the current head and move the head."""
        head = self._head()
        seq = head.count + 1
        text = canonical_details(details)
        digest = entry_hash(seq, at, actor, action, target, outcome, text, head.last_hash)
        self._s.add(
            AuditRow(
                seq=seq,
                at=at,
                actor=actor,
                action=action,
                target=target,
                outcome=outcome,
                details=text,
                prev_hash=head.last_hash,
                entry_hash=digest,
            )
        )
        head.count = seq
        head.last_hash = digest
        self._s.flush()
        return seq

    def records(self) -> Iterator[AuditRecord]:
        """Every entry in storage order (row id), as the chain checker reads them."""
        for row in self._s.scalars(select(AuditRow).order_by(AuditRow.id)).yield_per(2000):
            yield AuditRecord(
                row.seq,
                row.at,
                row.actor,
                row.action,
                row.target,
                row.outcome,
                row.details,
                row.prev_hash,
                row.entry_hash,
            )

    def head(self) -> tuple[int, str] | None:
        """The anchor (count, last hash), or None for an empty log."""
        row = self._s.scalars(select(AuditHeadRow)).one_or_none()
        return None if row is None else (row.count, row.last_hash)

    def search(self, query: AuditFilter) -> list[AuditEntry]:
        """Newest first, filtered."""
        stmt = select(AuditRow).order_by(AuditRow.seq.desc()).limit(query.limit)
        if query.actor:
            stmt = stmt.where(AuditRow.actor == query.actor)
        if query.action_prefix:
            stmt = stmt.where(AuditRow.action.startswith(query.action_prefix))
        if query.outcome:
            stmt = stmt.where(AuditRow.outcome == query.outcome)
        if query.since:
            stmt = stmt.where(AuditRow.at >= query.since)
        if query.until:
            stmt = stmt.where(AuditRow.at <= query.until)
        if query.text:
            pattern = f"%{query.text}%"
            stmt = stmt.where(AuditRow.target.like(pattern) | AuditRow.details.like(pattern))
        return [
            AuditEntry(r.seq, r.at, r.actor, r.action, r.target, r.outcome, r.details)
            for r in self._s.scalars(stmt)
        ]


class SqlBodyRepository:
    """The body profile and signing keys."""

    def __init__(self, session: Session) -> None:
        self._s = session

    def get_profile(self) -> BodyProfile | None:
        """The profile, or None before first-run setup."""
        row = self._s.get(BodyRow, 1)
        if row is None:
            return None
        return BodyProfile(row.name, row.code, row.address, row.contact, row.phone)

    def save_profile(self, profile: BodyProfile, now: datetime) -> None:
        """Create or replace the profile."""
        row = self._s.get(BodyRow, 1) or BodyRow(id=1)
        row.name, row.code, row.address = profile.name, profile.code, profile.address
        row.contact, row.phone, row.updated_at = profile.contact, profile.phone, now
        self._s.add(row)
        self._s.flush()

    def add_signing_key(
        self, key_pem_encrypted: bytes, cert_pem: bytes, fingerprint: str, now: datetime
    ) -> None:
        """Store a new key and make it the active one."""
        self._s.execute(update(SigningKeyRow).values(active=False))
        self._s.add(
            SigningKeyRow(
                key_pem_encrypted=key_pem_encrypted,
                cert_pem=cert_pem,
                fingerprint=fingerprint,
                active=True,
                created_at=now,
            )
        )
        self._s.flush()

    def active_signing_key(self) -> tuple[bytes, bytes] | None:
        """(encrypted key PEM, certificate PEM) of the active key, or None."""
        row = self._s.scalars(
            select(SigningKeyRow).where(SigningKeyRow.active.is_(True))
        ).one_or_none()
        return None if row is None else (row.key_pem_encrypted, row.cert_pem)

    def add_name_basis(self, name: str, basis: str, by: str, at: datetime) -> int:
        """Record the basis for a body name with a banned word; it waits for confirmation."""
        row = BodyNameBasisRow(name=name, basis=basis, recorded_by=by, recorded_at=at)
        self._s.add(row)
        self._s.flush()
        return row.id

    def name_bases(self, name: str) -> builtins.list[BodyNameBasis]:
        """The bases recorded for exactly this name, newest first."""
        rows = self._s.scalars(
            select(BodyNameBasisRow)
            .where(BodyNameBasisRow.name == name)
            .order_by(BodyNameBasisRow.id.desc())
        )
        return [
            BodyNameBasis(
                row.id,
                row.name,
                row.basis,
                row.recorded_by,
                _aware(row.recorded_at) or row.recorded_at,
                row.confirmed_by,
                _aware(row.confirmed_at),
            )
            for row in rows
        ]

    def confirm_name_basis(self, basis_id: int, by: str, at: datetime) -> None:
        """Mark a basis confirmed by a quality supervisor."""
        self._s.execute(
            update(BodyNameBasisRow)
            .where(BodyNameBasisRow.id == basis_id)
            .values(confirmed_by=by, confirmed_at=at)
        )

    def add_remit_version(
        self, entries: Sequence[RemitEntry], basis: str, by: str, at: datetime
    ) -> int:
        """Record a proposed remit; it waits for a quality supervisor's confirmation."""
        row = RemitVersionRow(basis=basis, proposed_by=by, proposed_at=at)
        self._s.add(row)
        self._s.flush()
        self._s.add_all(
            RemitEntryRow(
                version_id=row.id,
                occupation_code=e.occupation_code,
                direction=e.direction,
                level=e.level.value,
            )
            for e in entries
        )
        self._s.flush()
        return row.id

    def remit_versions(self, limit: int = 20) -> builtins.list[RemitVersion]:
        """The newest remit versions, newest first."""
        rows = list(
            self._s.scalars(
                select(RemitVersionRow).order_by(RemitVersionRow.id.desc()).limit(limit)
            )
        )
        entries: dict[int, builtins.list[RemitEntry]] = {}
        if rows:
            stmt = select(RemitEntryRow).where(RemitEntryRow.version_id.in_([r.id for r in rows]))
            for e in self._s.scalars(stmt):
                entries.setdefault(e.version_id, []).append(
                    RemitEntry(e.occupation_code, Level(e.level), e.direction)
                )
        return [
            RemitVersion(
                row.id,
                tuple(sorted(entries.get(row.id, []), key=remit_sort_key)),
                row.basis,
                row.proposed_by,
                _aware(row.proposed_at) or row.proposed_at,
                row.confirmed_by,
                _aware(row.confirmed_at),
            )
            for row in rows
        ]

    def confirm_remit(self, version_id: int, by: str, at: datetime) -> None:
        """Mark a remit version confirmed by a quality supervisor."""
        self._s.execute(
            update(RemitVersionRow)
            .where(RemitVersionRow.id == version_id)
            .values(confirmed_by=by, confirmed_at=at)
        )

    def rewrap_signing_key(self, key_pem_encrypted: bytes) -> None:
        """Replace the active key's encrypted PEM (same key, new passphrase)."""
        self._s.execute(
            update(SigningKeyRow)
            .where(SigningKeyRow.active.is_(True))
            .values(key_pem_encrypted=key_pem_encrypted)
        )

    def all_certificates(self) -> list[bytes]:
        """Certificate PEMs of every key the body ever used (old signatures stay verifiable)."""
        return list(self._s.scalars(select(SigningKeyRow.cert_pem).order_by(SigningKeyRow.id)))


class SqlCatalogueRepository:
    """Occupations and directions."""

    def __init__(self, session: Session) -> None:
        self._s = session

    def _info(self, row: OccupationRow) -> OccupationInfo:
        directions = self._s.scalars(
            select(DirectionRow)
            .where(DirectionRow.occupation_code == row.code)
            .order_by(DirectionRow.id)
        )
        return OccupationInfo(
            row.code,
            row.code_2022,
            row.name,
            row.verified,
            row.code_2022_verified,
            row.source,
            row.active,
            tuple(DirectionInfo(d.id, d.name, d.verified) for d in directions),
        )

    def occupations(self) -> list[OccupationInfo]:
        """All occupations by code."""
        rows = self._s.scalars(select(OccupationRow).order_by(OccupationRow.code)).all()
        return [self._info(row) for row in rows]

    def occupation(self, code: str) -> OccupationInfo | None:
        """One occupation, or None."""
        row = self._s.get(OccupationRow, code)
        return None if row is None else self._info(row)

    def upsert_occupation(self, info: OccupationInfo) -> None:
        """Create or update the occupation's own fields (not its directions)."""
        row = self._s.get(OccupationRow, info.code) or OccupationRow(code=info.code)
        row.code_2022, row.name, row.verified = info.code_2022, info.name, info.verified
        row.code_2022_verified, row.source, row.active = (
            info.code_2022_verified,
            info.source,
            info.active,
        )
        self._s.add(row)
        self._s.flush()

    def add_direction(self, occupation_code: str, name: str, verified: bool) -> int:
        """Add a direction; returns its id."""
        row = DirectionRow(occupation_code=occupation_code, name=name, verified=verified)
        self._s.add(row)
        self._s.flush()
        return row.id

    def update_direction(self, direction_id: int, name: str, verified: bool) -> None:
        """Rename a direction or change its verified flag."""
        self._s.execute(
            update(DirectionRow)
            .where(DirectionRow.id == direction_id)
            .values(name=name, verified=verified)
        )


class SqlSettingsRepository:
    """Settings as JSON text."""

    def __init__(self, session: Session) -> None:
        self._s = session

    def get(self, key: str, default: Any = None) -> Any:
        """The stored value, or the default."""
        row = self._s.get(SettingRow, key)
        return default if row is None else json.loads(row.value)

    def put(self, key: str, value: Any) -> None:
        """Store a value."""
        row = self._s.get(SettingRow, key) or SettingRow(key=key)
        row.value = json.dumps(value, ensure_ascii=False)
        self._s.add(row)
        self._s.flush()
