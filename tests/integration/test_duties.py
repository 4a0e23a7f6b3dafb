"""Separation of duties: forbidden role combinations, grants confirmed by a second person, and the
signing-key passphrase that belongs to the certificate officer (docs/roles.md)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from kaoping.adapters.clock import FixedClock
from kaoping.bootstrap import build_env
from kaoping.cli.app import run
from kaoping.domain.errors import (
    AuthenticationError,
    ConflictError,
    PermissionDenied,
    ValidationError,
)
from kaoping.domain.roles import Role
from kaoping.services import accounts, audit, catalogue, setup
from kaoping.services.base import Actor, Env
from kaoping.services.ports.dto import AuditEntry, AuditFilter
from tests.databases import PASSPHRASE, PASSWORD, USERNAMES, add_user, dispose, first_setup


def _refusals(env: Env, admin: Actor, action: str) -> list[AuditEntry]:
    return audit.search(env, admin, AuditFilter(action_prefix=action, outcome="refused"))


@pytest.mark.parametrize(
    "roles",
    [
        [Role.SYSTEM_ADMIN, Role.CERTIFICATE_OFFICER],
        [Role.SYSTEM_ADMIN, Role.SUPERVISOR],
        [Role.SYSTEM_ADMIN, Role.EXAM_ADMIN],
        [Role.CERTIFICATE_OFFICER, Role.EXAMINER],
    ],
    ids=lambda roles: "+".join(r.value for r in roles),
)
def test_forbidden_combination_refused_on_create_and_audited(
    env: Env, admin: Actor, roles: list[Role]
) -> None:
    """No account is created with roles one person may not hold together; the refusal is kept."""
    with pytest.raises(ValidationError) as refused:
        accounts.create_user(env, admin, "combo", "兼任者", PASSWORD, roles)
    assert refused.value.field == "角色"
    assert "combo" not in {u.username for u in accounts.list_users(env, admin)}
    entry = _refusals(env, admin, "users.create")[0]
    assert entry.actor == "admin" and entry.target == "user:combo"
    assert refused.value.message in entry.details


def test_forbidden_combination_refused_on_role_change(env: Env, actors: dict[Role, Actor]) -> None:
    """The administrator cannot grant himself a business role, nor an examiner the officer's."""
    admin = actors[Role.SYSTEM_ADMIN]
    with pytest.raises(ValidationError, match=r"系统管理员.*不得同时担任业务角色"):
        accounts.set_roles(env, admin, admin.user_id, [Role.SYSTEM_ADMIN, Role.CERTIFICATE_OFFICER])
    examiner = actors[Role.EXAMINER]
    with pytest.raises(ValidationError, match="证书管理员不得同时担任考评员"):
        accounts.set_roles(env, admin, examiner.user_id, [Role.EXAMINER, Role.CERTIFICATE_OFFICER])
    targets = [e.target for e in _refusals(env, admin, "users.set_roles")]
    assert targets == [f"user:{examiner.user_id}", f"user:{admin.user_id}"]
    with env.uow(write=False) as uow:
        assert uow.users.pending_grants() == []


def test_new_account_waits_for_the_supervisor(
    env: Env, actors: dict[Role, Actor], clock: FixedClock
) -> None:
    """Until the supervisor confirms, the account cannot use the role; the requester cannot
    confirm; once confirmed, it works at the next action."""
    admin, supervisor = actors[Role.SYSTEM_ADMIN], actors[Role.SUPERVISOR]
    user_id = accounts.create_user(env, admin, "xin", "新考评员", PASSWORD, [Role.EXAMINER])
    newcomer = accounts.sign_in(env, "xin", PASSWORD)
    with pytest.raises(PermissionDenied):
        catalogue.list_occupations(env, newcomer)
    [grant] = accounts.pending_grants(env, supervisor)
    assert (grant.user_id, grant.roles, grant.requested_by_name) == (
        user_id,
        (Role.EXAMINER,),
        "admin",
    )
    with pytest.raises(PermissionDenied, match="提出角色授予的人不能自己确认"):
        accounts.confirm_grant(env, admin, grant.id)
    entry = _refusals(env, admin, "users.grant_confirm")[0]
    assert entry.actor == "admin" and entry.target == f"grant:{grant.id}"
    with pytest.raises(PermissionDenied):
        accounts.confirm_grant(env, newcomer, grant.id)
    accounts.confirm_grant(env, supervisor, grant.id)
    assert catalogue.list_occupations(env, newcomer)
    assert accounts.pending_grants(env, supervisor) == []
    with pytest.raises(ConflictError, match="已处理"):
        accounts.confirm_grant(env, supervisor, grant.id)
    again, confirmed = audit.search(env, admin, AuditFilter(action_prefix="users.grant_confirm"))[
        :2
    ]
    assert confirmed.actor == supervisor.username and confirmed.outcome == "ok"
    # Confirming a second time is a refused business rule, and so on record too.
    assert again.actor == supervisor.username and again.outcome == "refused"


def test_rejection_discards_the_grant(env: Env, actors: dict[Role, Actor]) -> None:
    """A rejected grant never takes effect; the account keeps the roles it had."""
    admin, supervisor = actors[Role.SYSTEM_ADMIN], actors[Role.SUPERVISOR]
    examiner = actors[Role.EXAMINER]
    grant = accounts.set_roles(env, admin, examiner.user_id, [Role.EXAMINER, Role.EXAM_ADMIN])
    assert grant is not None
    accounts.reject_grant(env, supervisor, grant, "未经考务负责人同意")
    assert accounts.pending_grants(env, supervisor) == []
    with env.uow(write=False) as uow:
        stored = uow.users.get(examiner.user_id)
        assert stored is not None and stored.roles == (Role.EXAMINER,)
        decided = uow.users.grant(grant)
        assert decided is not None and decided.status == "rejected"
    with pytest.raises(ConflictError):
        accounts.confirm_grant(env, supervisor, grant)


def test_insider_second_account_needs_a_second_person(env: Env, actors: dict[Role, Actor]) -> None:
    """An administrator's extra certificate-officer account cannot issue anything until someone
    else confirms it, and an extra administrator account cannot confirm it either."""
    admin, supervisor = actors[Role.SYSTEM_ADMIN], actors[Role.SUPERVISOR]
    accounts.create_user(env, admin, "shadow", "影子", PASSWORD, [Role.CERTIFICATE_OFFICER])
    accounts.create_user(env, admin, "admin2", "第二管理员", PASSWORD, [Role.SYSTEM_ADMIN])
    second_admin = accounts.sign_in(env, "admin2", PASSWORD)
    grants = {g.username: g.id for g in accounts.pending_grants(env, supervisor)}
    with pytest.raises(PermissionDenied):
        accounts.confirm_grant(env, second_admin, grants["shadow"])
    accounts.confirm_grant(env, supervisor, grants["admin2"])
    # A confirmed second administrator is a second person for grants he did not ask for.
    accounts.confirm_grant(env, second_admin, grants["shadow"])


def test_the_grantee_cannot_confirm_their_own_grant(env: Env, actors: dict[Role, Actor]) -> None:
    """The supervisor cannot confirm roles given to themself."""
    admin, supervisor = actors[Role.SYSTEM_ADMIN], actors[Role.SUPERVISOR]
    grant = accounts.set_roles(env, admin, supervisor.user_id, [Role.SUPERVISOR, Role.EXAM_ADMIN])
    assert grant is not None
    with pytest.raises(PermissionDenied, match="不能确认授予自己的角色"):
        accounts.confirm_grant(env, supervisor, grant)
    assert _refusals(env, admin, "users.grant_confirm")[0].actor == supervisor.username


def test_confirmation_checks_the_combination_again(env: Env, actors: dict[Role, Actor]) -> None:
    """Roles granted meanwhile are taken into account when the grant is confirmed."""
    admin, supervisor = actors[Role.SYSTEM_ADMIN], actors[Role.SUPERVISOR]
    user_id = add_user(env, admin, "liu", "刘", [Role.EXAM_ADMIN])
    stale = accounts.set_roles(env, admin, user_id, [Role.EXAM_ADMIN, Role.CERTIFICATE_OFFICER])
    assert stale is not None
    # Written straight to the store, as an older installation may hold it.
    with env.uow() as uow:
        uow.users.set_roles(user_id, [Role.EXAM_ADMIN, Role.EXAMINER])
        uow.commit()
    with pytest.raises(ValidationError, match="证书管理员不得同时担任考评员"):
        accounts.confirm_grant(env, supervisor, stale)
    assert _refusals(env, admin, "users.grant_confirm")[0].target == f"grant:{stale}"


def test_signing_key_passphrase_is_the_certificate_officers(
    env: Env, actors: dict[Role, Actor]
) -> None:
    """The administrator can neither change the passphrase nor replace the key; the officer can."""
    admin, officer = actors[Role.SYSTEM_ADMIN], actors[Role.CERTIFICATE_OFFICER]
    with pytest.raises(PermissionDenied, match="证书管理员"):
        setup.change_key_passphrase(env, admin, PASSPHRASE, "admin-chosen-1")
    with pytest.raises(PermissionDenied):
        setup.replace_signing_key(env, admin, "admin-chosen-1")
    assert {e.action for e in audit.search(env, admin, AuditFilter(outcome="refused"))} == {
        "keys.change_passphrase",
        "keys.replace",
    }
    with pytest.raises(AuthenticationError):
        setup.change_key_passphrase(env, officer, "wrong-passphrase", "officer-chosen-1")
    before = setup.signing_key(env, officer)
    setup.change_key_passphrase(env, officer, PASSPHRASE, "officer-chosen-1")
    with env.uow(write=False) as uow:
        stored = uow.body.active_signing_key()
    assert stored is not None
    env.adapters.identity.check_passphrase(stored[0], stored[1], "officer-chosen-1")
    with pytest.raises(AuthenticationError):
        env.adapters.identity.check_passphrase(stored[0], stored[1], PASSPHRASE)
    assert setup.signing_key(env, officer).fingerprint == before.fingerprint


def test_setup_creates_the_three_first_accounts(env: Env, admin: Actor) -> None:
    """Set-up makes the administrator, the supervisor and the officer, each with their role."""
    roles = {u.username: u.roles for u in accounts.list_users(env, admin)}
    assert roles == {
        "admin": (Role.SYSTEM_ADMIN,),
        USERNAMES[Role.SUPERVISOR]: (Role.SUPERVISOR,),
        USERNAMES[Role.CERTIFICATE_OFFICER]: (Role.CERTIFICATE_OFFICER,),
    }
    entry = audit.search(env, admin, AuditFilter(action_prefix="setup.initialise"))[0]
    assert f'"key_passphrase_set_by":"{USERNAMES[Role.CERTIFICATE_OFFICER]}"' in entry.details


def test_setup_needs_three_different_people(empty_db_url: str, clock: FixedClock) -> None:
    """One person cannot be administrator and supervisor at set-up."""
    env = build_env(empty_db_url, clock=clock, fast_hashing=True)
    try:
        same = replace(first_setup(), supervisor=setup.FirstAccount("admin", "同一人", PASSWORD))
        with pytest.raises(ValidationError, match="三个不同的账号"):
            setup.initialise(env, same)
        assert not setup.is_initialised(env)
    finally:
        dispose(env)


def test_cli_lists_confirms_and_rejects_grants(
    env: Env,
    actors: dict[Role, Actor],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """`kaoping users pending|confirm|reject` for the supervisor; the requester is refused."""
    monkeypatch.setenv("KAOPING_PASSWORD", PASSWORD)
    monkeypatch.setenv("KAOPING_NEW_PASSWORD", PASSWORD)

    def cli(*argv: str) -> int:
        return run(list(argv), lambda _db: env)

    supervisor = USERNAMES[Role.SUPERVISOR]
    assert cli("users", "add", "wu", "--name", "吴", "--role", "考评员", "--user", "admin") == 0
    assert (
        cli("users", "add", "zhou", "--name", "周", "--role", "考务管理员", "--user", "admin") == 0
    )
    assert "待" in capsys.readouterr().out
    assert cli("users", "pending", "--user", supervisor) == 0
    listed = capsys.readouterr().out
    assert "wu" in listed and "zhou" in listed and "考评员" in listed
    ids = {g.username: g.id for g in accounts.pending_grants(env, actors[Role.SUPERVISOR])}
    assert cli("users", "confirm", str(ids["wu"]), "--user", "admin") != 0
    assert "不能自己确认" in capsys.readouterr().err
    assert cli("users", "confirm", str(ids["wu"]), "--user", supervisor) == 0
    assert cli("users", "reject", str(ids["zhou"]), "--reason", "重复", "--user", supervisor) == 0
    assert cli("users", "pending", "--user", supervisor) == 0
    assert "没有待确认" in capsys.readouterr().out
    roles = {u.username: u.roles for u in accounts.list_users(env, actors[Role.SYSTEM_ADMIN])}
    assert roles["wu"] == (Role.EXAMINER,) and roles["zhou"] == ()


def test_cli_init_sets_up_three_people_and_the_officer_changes_the_passphrase(
    empty_db_url: str,
    clock: FixedClock,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """`kaoping init` takes the supervisor and the officer; `keys passphrase` is the officer's."""
    env = build_env(empty_db_url, clock=clock, fast_hashing=True)
    for name in ("NEW", "SUPERVISOR", "OFFICER"):
        monkeypatch.setenv(f"KAOPING_{name}_PASSWORD", PASSWORD)
    monkeypatch.setenv("KAOPING_PASSWORD", PASSWORD)
    monkeypatch.setenv("KAOPING_KEY_PASSPHRASE", PASSPHRASE)
    monkeypatch.setenv("KAOPING_NEW_PASSPHRASE", "officer-chosen-1")

    def cli(*argv: str) -> int:
        return run(list(argv), lambda _db: env)

    try:
        assert (
            cli(
                *("init", "--body-name", "广西数字技术评价中心", "--body-code", "GXDT01"),
                *("--admin", "admin", "--admin-name", "管理员"),
                *("--supervisor", "dudao", "--supervisor-name", "督导"),
                *("--officer", "zhengshu", "--officer-name", "证书"),
            )
            == 0
        )
        assert "质量督导员 dudao" in capsys.readouterr().out
        assert cli("keys", "passphrase", "--user", "admin") == 2
        assert "证书管理员" in capsys.readouterr().err
        assert cli("keys", "passphrase", "--user", "zhengshu") == 0
        with env.uow(write=False) as uow:
            stored = uow.body.active_signing_key()
        assert stored is not None
        env.adapters.identity.check_passphrase(stored[0], stored[1], "officer-chosen-1")
    finally:
        dispose(env)
