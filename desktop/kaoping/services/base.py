"""The frame every user action runs in: session check, permission check, one transaction, audit entry.

A service function looks like::

    def rename_user(env: Env, actor: Actor, user_id: int, name: str) -> None:
        with action(env, actor, Permission.USERS_MANAGE, "users.rename") as tx:
            ...  # work through tx.uow
            tx.record(f"user:{user_id}", new_name=name)

If the actor lacks the permission, nothing inside runs, the refusal is audited in its own transaction,
and `PermissionDenied` names the roles that could do it.

Every refusal by a business rule is audited too (DESIGN.md rule 10): a `KaopingError` raised inside
the action (not on the panel, the same person keying twice, a locked session ...) rolls the action
back, is then written in its own transaction as outcome "refused" with the Chinese reason and the
error's field and row, and propagates unchanged. Exceptions to that:

- `CancelledByUser` (a person stopping an import, export or issuing) records nothing: nothing
  happened and no rule stopped anyone, so the log holds no entry for it.
- `guarded` refusals (`refuse(...)`) are written once, by `guarded`, with their own outcome and
  details; `action` lets them pass.
- A session that has expired or whose account was deactivated is refused before the action
  begins and is not recorded as an attempt at it; sign-in records its own failures.

Reasons are the messages shown to the person. They never quote a full ID number or any question
text, so they are safe to keep; over-long ones (a file's list of bad rows) are cut short.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from kaoping.domain.deadlines import WorkdayCalendar
from kaoping.domain.errors import (
    AuthenticationError,
    CancelledByUser,
    KaopingError,
    NotFound,
    PermissionDenied,
)
from kaoping.domain.plans import Batch
from kaoping.domain.roles import Permission, Role, allows, permissions_of, roles_granting
from kaoping.services.ports.bank import BankCrypto, ItemFiles, PaperRenderer
from kaoping.services.ports.certificates import CertificateTools
from kaoping.services.ports.core import (
    BackupTool,
    Clock,
    NoStoreKeys,
    PasswordHasher,
    StoreKeys,
    TableWriter,
    UnitOfWork,
    UnitOfWorkFactory,
)
from kaoping.services.ports.dossier import DossierRenderer
from kaoping.services.ports.exams import PlanRenderer, QrReader, TicketRenderer
from kaoping.services.ports.exchange import NoticeReader, PackageTool
from kaoping.services.ports.intake import GlyphCoverage, LetterRenderer, RosterFiles
from kaoping.services.ports.photos import PhotoTool
from kaoping.services.ports.scores import ScoreFileReader
from kaoping.services.ports.setup import IdentityTool, StandardsData
from kaoping.services.ports.stock import StockTools


@dataclass(frozen=True)
class SecurityPolicy:
    """Sign-in rules; values come from settings so an administrator can tighten them.

    Attributes:
        max_failures: Failed sign-ins in a row before the account locks.
        lockout_minutes: How long a locked account stays locked.
        idle_minutes: A session idle for longer must sign in again.
        min_password_length: Shortest acceptable password.
    """

    max_failures: int = 5
    lockout_minutes: int = 15
    idle_minutes: int = 30
    min_password_length: int = 8


PasswordHook = Callable[["Env", UnitOfWork, int, str | None, str], None]
"""Called as hook(env, uow, user_id, old_password, new_password) inside the password-change
transaction, so keys wrapped under the old password (question bank) are re-wrapped atomically;
old_password is None when an administrator reset it."""

SignInHook = Callable[["Env", UnitOfWork, int, str], None]
"""Called as hook(env, uow, user_id, password) inside a successful sign-in's transaction: the one
moment the password is known, e.g. to create a user's key pair."""

VoidHook = Callable[["Tx", int, str], None]
"""Called as hook(tx, candidate_id, reason) inside the transaction that voids an application, so
other features (certificates) void what they hold for it atomically."""


@dataclass(frozen=True)
class Hooks:
    """What other features must do when accounts or applications change, wired by `bootstrap`.

    They are explicit so that no front end can forget one: a missing void hook would leave a
    certificate valid after its application was voided for a false commitment.
    """

    on_password: tuple[PasswordHook, ...] = ()
    on_sign_in: tuple[SignInHook, ...] = ()
    on_void: tuple[VoidHook, ...] = ()


@dataclass(frozen=True)
class Adapters:
    """The adapters behind the services' ports, one field each, built by `bootstrap`."""

    identity: IdentityTool
    standards: StandardsData
    bank_crypto: BankCrypto
    item_files: ItemFiles
    paper_pdf: PaperRenderer
    certificates: CertificateTools
    ticket_pdf: TicketRenderer
    plan_pdf: PlanRenderer
    qr_reader: QrReader
    letter: LetterRenderer
    rosters: RosterFiles
    score_files: ScoreFileReader
    backup: BackupTool
    workdays: WorkdayCalendar
    notices: NoticeReader
    packages: PackageTool
    dossier_pdf: DossierRenderer
    glyphs: GlyphCoverage
    tables: TableWriter
    photos: PhotoTool
    stock: StockTools


@dataclass(frozen=True)
class Env:
    """What services need, wired by `bootstrap`: the database, the adapters and the hooks.

    Attributes:
        uow: Opens units of work on the database.
        clock: The time (a simulated one in tests and the demo).
        hasher: Password hashing.
        adapters: Everything behind the ports.
        hooks: Cross-feature reactions to password changes, sign-ins and voided applications.
        engine_url: The database URL with any password hidden, for messages and tests.
        policy: Sign-in rules.
        store_keys: The encrypted store's per-person key wrappings, kept in step with passwords.
    """

    uow: UnitOfWorkFactory
    clock: Clock
    hasher: PasswordHasher
    adapters: Adapters
    hooks: Hooks = field(default_factory=Hooks)
    engine_url: str = ""
    policy: SecurityPolicy = field(default_factory=SecurityPolicy)
    store_keys: StoreKeys = field(default_factory=NoStoreKeys)


@dataclass
class Actor:
    """A signed-in session (who is acting). Roles are re-read from the database on every action."""

    user_id: int
    username: str
    display_name: str
    roles: frozenset[Role]
    last_active: datetime
    must_change_password: bool = False

    def can(self, permission: Permission) -> bool:
        """Whether this session's roles (as last read) allow the permission; for showing the UI."""
        return allows(self.roles, permission)


SYSTEM = "system"


class Tx:
    """The open transaction of one action; collects what the audit entry will say."""

    def __init__(self, uow: UnitOfWork, actor_name: str, action_name: str, now: datetime) -> None:
        self.uow = uow
        # The action's one moment: hooks that stamp records use it, so a test clock holds.
        self.now = now
        self._actor = actor_name
        self._action = action_name
        self._target = ""
        self._details: dict[str, Any] = {}

    def record(self, target: str = "", **details: Any) -> None:
        """Say which record the action touched and what is worth keeping (no raw ID numbers)."""
        if target:
            self._target = target
        self._details.update(details)

    @property
    def target(self) -> str:
        """The record the action touched, as recorded so far."""
        return self._target

    def finish(self) -> None:
        """Append the audit entry and commit everything together."""
        self.uow.audit.append(
            iso(self.now), self._actor, self._action, self._target, "ok", self._details
        )
        self.uow.commit()


def iso(moment: datetime) -> str:
    """ISO-8601 text of a UTC moment, to the second."""
    return moment.isoformat(timespec="seconds")


@contextmanager
def action(
    env: Env, actor: Actor, permission: Permission, name: str, target: str = ""
) -> Iterator[Tx]:
    """Run one user action: check the session and the permission, then one audited transaction.

    A `KaopingError` raised inside rolls back and is audited as "refused" on its own (see the
    module docstring), then propagates unchanged.
    """
    now = env.clock.now()
    _check_idle(env, actor, now)
    tx: Tx | None = None
    try:
        with env.uow(write=True) as uow:
            # Serialise writers before reading anything, so no action decides on a stale read.
            uow.audit.lock_head()
            roles = _current_roles(uow, actor, name)
            if permission not in _granted(roles):
                uow.rollback()
                _audit_refusal(env, actor, permission, name, target)
                raise PermissionDenied(_refusal_message(permission))
            tx = Tx(uow, actor.username, name, now)
            tx.record(target)
            yield tx
            tx.finish()
    except CancelledByUser:
        raise
    except KaopingError as error:
        # tx is None when the refusal came before the body: already audited, or not an attempt.
        if tx is not None:
            audit_alone(env, actor.username, name, tx.target, "refused", refusal_details(error))
        raise
    actor.roles = frozenset(roles)
    actor.last_active = now


REASON_MAX = 500
"""Longest reason kept in an audit entry; a rejected file's message lists every bad row."""


def refusal_details(error: KaopingError) -> dict[str, Any]:
    """What an audit entry keeps of a refusal: the Chinese reason, and the field and row if any."""
    reason = error.message
    if len(reason) > REASON_MAX:
        reason = f"{reason[:REASON_MAX]}……（原文共 {len(reason)} 字）"
    details: dict[str, Any] = {"reason": reason}
    if error.field:
        details["field"] = error.field
    if error.row is not None:
        details["row"] = error.row
    return details


@contextmanager
def system_action(env: Env, name: str, actor_name: str = SYSTEM) -> Iterator[Tx]:
    """An action that needs no signed-in user (first-run setup, sign-in itself)."""
    with env.uow(write=True) as uow:
        uow.audit.lock_head()
        tx = Tx(uow, actor_name, name, env.clock.now())
        yield tx
        tx.finish()


@contextmanager
def reading(env: Env, actor: Actor, permission: Permission) -> Iterator[UnitOfWork]:
    """A read-only look at the data: session and permission checked, nothing written.

    Reads are not audited except where a rule says so (question content, full ID numbers); those
    services use `action` instead.
    """
    now = env.clock.now()
    _check_idle(env, actor, now)
    with env.uow(write=False) as uow:
        roles = _current_roles(uow, actor, "")
        if permission not in _granted(roles):
            uow.rollback()
            _audit_refusal(env, actor, permission, f"{permission.value}.read", "")
            raise PermissionDenied(_refusal_message(permission))
        yield uow
    actor.roles = frozenset(roles)
    actor.last_active = now


def _granted(roles: tuple[Role, ...] | frozenset[Role]) -> frozenset[Permission]:
    return permissions_of(roles)


def _check_idle(env: Env, actor: Actor, now: datetime) -> None:
    if now - actor.last_active > timedelta(minutes=env.policy.idle_minutes):
        raise AuthenticationError(f"会话已空闲超过 {env.policy.idle_minutes} 分钟，请重新登录。")


# The one action a person with a one-time password may take.
PASSWORD_CHANGE = "users.change_password"


def _current_roles(uow: UnitOfWork, actor: Actor, name: str) -> tuple[Role, ...]:
    user = uow.users.get(actor.user_id)
    if user is None or not user.active:
        raise AuthenticationError("该账号已停用或不存在，请联系系统管理员。")
    if user.must_change_password and name != PASSWORD_CHANGE:
        raise AuthenticationError(
            "系统管理员已重置您的密码，请先设置新密码再进行其他操作"
            "（桌面程序登录时按提示设置，或用命令 kaoping users password）。"
        )
    return user.roles


def _audit_refusal(env: Env, actor: Actor, permission: Permission, name: str, target: str) -> None:
    audit_alone(env, actor.username, name, target, "refused", {"permission": permission.value})


def audit_alone(
    env: Env,
    actor_name: str,
    name: str,
    target: str,
    outcome: str,
    details: dict[str, Any] | None = None,
) -> None:
    """Write one audit entry in its own transaction.

    For what must stay on record although the action's own transaction was rolled back: refusals,
    compliance blocks. The chain head is taken first, like any writer.
    """
    with env.uow(write=True) as uow:
        uow.audit.lock_head()
        uow.audit.append(iso(env.clock.now()), actor_name, name, target, outcome, details)
        uow.commit()


class Refusal(Exception):
    """Raised inside `guarded` to leave an action: roll back, audit the refusal, raise `error`."""

    def __init__(
        self, error: KaopingError, target: str, outcome: str, details: dict[str, Any]
    ) -> None:
        super().__init__(str(error))
        self.error = error
        self.target = target
        self.outcome = outcome
        self.details = details


def refuse(
    error: KaopingError,
    target: str = "",
    outcome: str = "refused",
    details: dict[str, Any] | None = None,
) -> Refusal:
    """Build the exception that `guarded` turns into an audited refusal of a business rule."""
    return Refusal(error, target, outcome, details or {})


@contextmanager
def guarded(
    env: Env, actor: Actor, permission: Permission, name: str, target: str = ""
) -> Iterator[Tx]:
    """`action`, plus: a `Refusal` raised inside rolls back, is audited and raises its error.

    The audit entry names the action, the reason in Chinese and any details the refusal carries
    (and its own outcome, e.g. "failed" for a wrong password). A plain `KaopingError` raised
    inside is audited by `action` as usual; each refusal is written once.
    """
    try:
        with action(env, actor, permission, name, target) as tx:
            yield tx
    except Refusal as refusal:
        details = {**refusal_details(refusal.error), **refusal.details}
        audit_alone(env, actor.username, name, refusal.target or target, refusal.outcome, details)
        raise refusal.error from None


def require_batch(uow: UnitOfWork, key: str | int) -> Batch:
    """The batch with this code (text) or database id (number); NotFound names it otherwise."""
    batch = uow.plans.batch(key) if isinstance(key, int) else uow.plans.batch_by_code(key)
    if batch is None:
        shown = f"（编号 {key}）" if isinstance(key, int) else f" {key} "
        raise NotFound(f"批次{shown}不存在，请核对批次编号或重新选择批次。", field="批次")
    return batch


def _refusal_message(permission: Permission) -> str:
    who = "、".join(role.label for role in roles_granting(permission)) or "（无角色）"
    return f"您没有“{permission.label}”的权限。该操作需要以下角色之一：{who}。"
