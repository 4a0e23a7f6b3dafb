"""First-run setup (初始化): the body's profile, the first three accounts, the signing identity.

Set-up is done by the body's people together: the system administrator, the quality supervisor
(who confirms every later grant of roles) and the certificate officer (who sets the signing key's
passphrase). No one can grant roles alone afterwards, so these three are created here (docs/roles.md).
The body's remit (业务范围) may be entered here too; like any later proposal it is the
administrator's, and takes effect when the quality supervisor confirms it after signing in.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime

from kaoping.domain.catalogue import Occupation
from kaoping.domain.errors import ConflictError, ValidationError
from kaoping.domain.remit import RemitEntry
from kaoping.domain.roles import Permission, Role
from kaoping.services import accounts
from kaoping.services.base import Actor, Env, action, reading, system_action
from kaoping.services.body_name import record_basis, require_basis
from kaoping.services.ports.core import UnitOfWork
from kaoping.services.ports.dto import BodyProfile, OccupationInfo, SigningKeyInfo
from kaoping.services.remit import record_proposal


@dataclass(frozen=True)
class FirstAccount:
    """One of the accounts set-up creates.

    Attributes:
        username: Sign-in name.
        display_name: The person's name.
        password: Their password, typed by them.
    """

    username: str
    display_name: str
    password: str = field(repr=False)


@dataclass(frozen=True)
class InitialSetup:
    """What the first-run wizard and `kaoping init` collect.

    Attributes:
        profile: The evaluation body's profile.
        admin: The first system administrator.
        supervisor: The first quality supervisor, who confirms later grants of roles.
        officer: The first certificate officer, who sets `key_passphrase`.
        key_passphrase: Protects the signing key at rest; asked for when signing.
        pkcs12: An existing key and certificate to import instead of generating one.
        pkcs12_password: The PKCS#12 file's password.
        name_basis: The basis for a body name that contains a banned word (its registration
            document's number and wording); required then, confirmed later by the supervisor.
        remit: The occupations, directions and levels the body is listed for (业务范围);
            empty to enter them later. Plans need a confirmed remit.
        remit_basis: Where the remit comes from (the directory listing); needed with `remit`.
    """

    profile: BodyProfile
    admin: FirstAccount
    supervisor: FirstAccount
    officer: FirstAccount
    key_passphrase: str = field(repr=False)
    pkcs12: bytes | None = field(default=None, repr=False)
    pkcs12_password: str = field(default="", repr=False)
    name_basis: str = ""
    remit: tuple[RemitEntry, ...] = ()
    remit_basis: str = ""


MIN_PASSPHRASE = 8


def is_initialised(env: Env) -> bool:
    """Whether first-run setup has been done."""
    with env.uow(write=False) as uow:
        return uow.body.get_profile() is not None


def public_key_fingerprint(env: Env) -> str:
    """The fingerprint of the body's signing certificate ("" before set-up).

    Public, like the certificate itself: the first-run summary shows it so the officer can compare
    it with the certificate sent to the province.
    """
    with env.uow(write=False) as uow:
        stored = uow.body.active_signing_key()
    return env.adapters.identity.describe(stored[1]).fingerprint if stored else ""


def shipped_catalogue(env: Env) -> list[Occupation]:
    """The catalogue set-up will load, for choosing the remit before anyone can sign in."""
    return env.adapters.standards.catalogue()


def body_name(env: Env) -> str:
    """The body's name for the sign-in screen ("" before setup); public, so no session needed."""
    with env.uow(write=False) as uow:
        profile = uow.body.get_profile()
    return profile.name if profile else ""


_BODY_CODE = re.compile(r"[A-Z0-9]+")


def validate_profile(profile: BodyProfile) -> None:
    """Refuse an incomplete profile, naming the field."""
    if not profile.name.strip():
        raise ValidationError("请填写评价机构名称。", field="机构名称")
    if not profile.code.strip():
        raise ValidationError("请填写评价机构代码。", field="机构代码")
    if len(profile.code.strip()) > 50:
        raise ValidationError("机构代码不能超过 50 个字符。", field="机构代码")
    if not _BODY_CODE.fullmatch(profile.code.strip()):
        # The code is part of every certificate number, which allows nothing else.
        raise ValidationError(
            "机构代码只能由大写字母和数字组成（如 GXDT01），证书编号中要用到它。", field="机构代码"
        )


def _check_first_accounts(env: Env, setup: InitialSetup) -> None:
    people = (setup.admin, setup.supervisor, setup.officer)
    for person in people:
        accounts.check_new_user(env, person.username, person.display_name, person.password)
    if len({person.username.strip() for person in people}) < len(people):
        raise ValidationError(
            "系统管理员、质量督导员和证书管理员须是三个不同的账号。", field="用户名"
        )


def _check_passphrase(passphrase: str) -> None:
    if len(passphrase) < MIN_PASSPHRASE:
        raise ValidationError(f"签名密钥口令至少 {MIN_PASSPHRASE} 个字符。", field="密钥口令")


def initialise(env: Env, setup: InitialSetup) -> int:
    """Do first-run setup in one transaction; returns the administrator's user id."""
    validate_profile(setup.profile)
    require_basis(env, setup.profile.name, setup.name_basis)
    _check_first_accounts(env, setup)
    _check_passphrase(setup.key_passphrase)
    identity = env.adapters.identity
    if setup.pkcs12 is not None:
        key_pem, cert_pem, fingerprint = identity.protect_pkcs12(
            setup.pkcs12, setup.pkcs12_password, setup.key_passphrase
        )
    else:
        key_pem, cert_pem, fingerprint = identity.protect_new(
            setup.profile.name, setup.profile.code, setup.key_passphrase
        )
    with system_action(env, "setup.initialise") as tx:
        if tx.uow.body.get_profile() is not None:
            raise ConflictError("本系统已完成初始化，不能重复初始化。")
        now = env.clock.now()
        tx.uow.body.save_profile(setup.profile, now)
        tx.uow.body.add_signing_key(key_pem, cert_pem, fingerprint, now)
        admin_id = _add_first(env, tx.uow, setup.admin, Role.SYSTEM_ADMIN)
        _add_first(env, tx.uow, setup.supervisor, Role.SUPERVISOR)
        _add_first(env, tx.uow, setup.officer, Role.CERTIFICATE_OFFICER)
        seeded = seed_catalogue(tx.uow, env.adapters.standards.catalogue())
        remit = _record_remit(tx.uow, setup, now)
        basis = record_basis(
            env,
            tx.uow,
            setup.profile.name,
            setup.name_basis,
            setup.admin.username.strip(),
            name_changed=True,
        )
        tx.record(
            "body:1",
            **basis,
            body_code=setup.profile.code,
            admin=setup.admin.username.strip(),
            supervisor=setup.supervisor.username.strip(),
            certificate_officer=setup.officer.username.strip(),
            key_passphrase_set_by=setup.officer.username.strip(),
            key_fingerprint=fingerprint,
            key_source="pkcs12" if setup.pkcs12 else "generated",
            occupations=seeded,
            **remit,
        )
    env.store_keys.set_label(setup.profile.name)
    return admin_id


def _record_remit(uow: UnitOfWork, setup: InitialSetup, now: datetime) -> dict[str, object]:
    """The remit typed at set-up, waiting for the supervisor; what the audit entry says of it."""
    if not setup.remit:
        return {}
    version_id, kept = record_proposal(
        uow, setup.remit, setup.remit_basis, setup.admin.username.strip(), now
    )
    return {
        "remit_version": version_id,
        "remit": [e.code for e in kept],
        "remit_basis": setup.remit_basis.strip(),
    }


def _add_first(env: Env, uow: UnitOfWork, person: FirstAccount, role: Role) -> int:
    """One of the first accounts; its role needs no confirmation, as all three are present.

    Each of the three gets a wrapping of the store's key under their own password.
    """
    user_id = uow.users.add(
        person.username.strip(),
        person.display_name.strip(),
        env.hasher.hash(person.password),
        [role],
        env.clock.now(),
    )
    env.store_keys.enrol(user_id, person.username.strip(), person.password)
    return user_id


def seed_catalogue(uow: UnitOfWork, occupations: list[Occupation]) -> int:
    """Load the shipped catalogue into an empty database; returns how many occupations."""
    for occ in occupations:
        uow.catalogue.upsert_occupation(
            OccupationInfo(
                occ.code,
                occ.code_2022,
                occ.name,
                occ.verified,
                occ.code_2022_verified,
                occ.source,
                True,
            )
        )
        for direction in occ.directions:
            uow.catalogue.add_direction(occ.code, direction.name, direction.verified)
    return len(occupations)


def body_profile(env: Env, actor: Actor) -> BodyProfile:
    """The body's profile as stored."""
    with reading(env, actor, Permission.CATALOGUE_VIEW) as uow:
        profile = uow.body.get_profile()
    if profile is None:
        raise ConflictError("系统尚未初始化。")
    return profile


def update_profile(env: Env, actor: Actor, profile: BodyProfile, name_basis: str = "") -> None:
    """Change the body's profile (name, code, address, contact).

    A new name with a banned word needs `name_basis`; a basis given for the current name is
    recorded again and waits for a quality supervisor's confirmation (the older one still holds
    for the same name).
    """
    validate_profile(profile)
    with action(env, actor, Permission.PROFILE_MANAGE, "profile.update", "body:1") as tx:
        before = tx.uow.body.get_profile()
        tx.uow.body.save_profile(profile, env.clock.now())
        changed = before is None or before.name != profile.name
        basis = record_basis(
            env, tx.uow, profile.name, name_basis, actor.username, name_changed=changed
        )
        tx.record(before=before.__dict__ if before else None, after=profile.__dict__, **basis)
    env.store_keys.set_label(profile.name)


def signing_key(env: Env, actor: Actor) -> SigningKeyInfo:
    """Public facts about the active signing key."""
    with reading(env, actor, Permission.CATALOGUE_VIEW) as uow:
        stored = uow.body.active_signing_key()
    if stored is None:
        raise ConflictError("尚未配置签名密钥。")
    describe = env.adapters.identity
    return describe.describe(stored[1])


def replace_signing_key(
    env: Env, actor: Actor, passphrase: str, pkcs12: bytes | None = None, pkcs12_password: str = ""
) -> SigningKeyInfo:
    """Generate or import a new signing key; the old certificate stays for verifying old documents.

    Only a certificate officer may: the key signs certificates, so its passphrase is theirs.
    """
    _check_passphrase(passphrase)
    identity = env.adapters.identity
    with action(env, actor, Permission.SIGNING_KEY_MANAGE, "keys.replace") as tx:
        profile = tx.uow.body.get_profile()
        if profile is None:
            raise ConflictError("系统尚未初始化。")
        if pkcs12 is not None:
            key_pem, cert_pem, fingerprint = identity.protect_pkcs12(
                pkcs12, pkcs12_password, passphrase
            )
        else:
            key_pem, cert_pem, fingerprint = identity.protect_new(
                profile.name, profile.code, passphrase
            )
        tx.uow.body.add_signing_key(key_pem, cert_pem, fingerprint, env.clock.now())
        tx.record("signing_key", fingerprint=fingerprint)
    return identity.describe(cert_pem)


def change_key_passphrase(env: Env, actor: Actor, old: str, new: str) -> None:
    """A certificate officer changes the signing key's passphrase; the key itself stays.

    Raises:
        AuthenticationError: `old` does not open the key; nothing changes.
    """
    _check_passphrase(new)
    with action(env, actor, Permission.SIGNING_KEY_MANAGE, "keys.change_passphrase") as tx:
        stored = tx.uow.body.active_signing_key()
        if stored is None:
            raise ConflictError("尚未配置签名密钥。")
        key_pem = env.adapters.identity.change_passphrase(stored[0], stored[1], old, new)
        tx.uow.body.rewrap_signing_key(key_pem)
        tx.record("signing_key", fingerprint=env.adapters.identity.describe(stored[1]).fingerprint)
