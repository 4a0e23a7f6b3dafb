"""A body registered as 中华数字技术评价中心: confirmed basis, then only that name is exempt."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from kaoping.adapters.clock import FixedClock
from kaoping.bootstrap import build_env
from kaoping.domain.errors import ConflictError, PermissionDenied, ValidationError
from kaoping.domain.roles import Role
from kaoping.services import accounts, body_name, certificates, setup
from kaoping.services.base import Actor, Env
from kaoping.services.compliance import ComplianceBlocked
from kaoping.services.ports.dto import BodyProfile
from tests.databases import PASSWORD, first_setup
from tests.integration.test_certificates_support import PASSPHRASE, ready_batch
from tests.integration.test_template_phrases import _use_template

NAME = "中华数字技术评价中心"
BASIS = "事业单位法人证书 第12345号，登记名称：中华数字技术评价中心"


def _rename(env: Env, admin: Actor, basis: str = BASIS) -> None:
    profile = setup.body_profile(env, admin)
    setup.update_profile(env, admin, replace(profile, name=NAME), name_basis=basis)


def test_a_new_name_with_a_banned_word_needs_a_basis(env: Env, admin: Actor) -> None:
    with pytest.raises(ValidationError, match="依据"):
        _rename(env, admin, basis=" ")
    assert setup.body_profile(env, admin).name != NAME


def test_confirmed_basis_issues_and_prints(
    env: Env, actors: dict[Role, Actor], admin: Actor
) -> None:
    officer, supervisor = actors[Role.CERTIFICATE_OFFICER], actors[Role.SUPERVISOR]
    batch, _ = ready_batch(env, actors, 2)
    _rename(env, admin)
    confirmed = body_name.confirm_name_basis(env, supervisor)
    assert (confirmed.name, confirmed.confirmed_by) == (NAME, supervisor.username)
    outcome = certificates.issue_batch(env, officer, batch, PASSPHRASE)
    assert len(outcome.numbers) == 2
    assert certificates.print_certificates(env, officer, outcome.numbers)


def test_without_confirmation_issuing_is_refused_saying_what_to_do(
    env: Env, actors: dict[Role, Actor], admin: Actor
) -> None:
    batch, _ = ready_batch(env, actors, 1)
    _rename(env, admin)
    with pytest.raises(ConflictError, match="质量督导员确认"):
        certificates.issue_batch(env, actors[Role.CERTIFICATE_OFFICER], batch, PASSPHRASE)
    assert body_name.name_basis(env, admin) is not None


def test_the_recorder_cannot_confirm_and_a_new_name_needs_a_new_confirmation(
    env: Env, actors: dict[Role, Actor], admin: Actor
) -> None:
    supervisor = actors[Role.SUPERVISOR]
    _rename(env, admin)
    with pytest.raises(PermissionDenied):
        body_name.confirm_name_basis(env, actors[Role.CERTIFICATE_OFFICER])
    body_name.confirm_name_basis(env, supervisor)
    profile = setup.body_profile(env, admin)
    setup.update_profile(env, admin, replace(profile, name="中华数字技术评价院"), name_basis=BASIS)
    batch, _ = ready_batch(env, actors, 1)
    with pytest.raises(ConflictError):
        certificates.issue_batch(env, actors[Role.CERTIFICATE_OFFICER], batch, PASSPHRASE)


@pytest.mark.parametrize(
    "edits",
    [
        {"title__text": "中华专业技术等级证书"},
        {"qr__caption": "中华"},
        {"metadata__subject": "中华数字技术评价中心"},
    ],
)
def test_the_same_word_elsewhere_is_refused(
    env: Env, actors: dict[Role, Actor], admin: Actor, tmp_path: Path, edits: dict[str, str]
) -> None:
    officer = actors[Role.CERTIFICATE_OFFICER]
    batch, _ = ready_batch(env, actors, 1)
    _rename(env, admin)
    body_name.confirm_name_basis(env, actors[Role.SUPERVISOR])
    _use_template(env, officer, admin, tmp_path / "t.json", **edits)
    with pytest.raises(ComplianceBlocked) as blocked:
        certificates.issue_batch(env, officer, batch, PASSPHRASE)
    assert {f.word for _, f in blocked.value.findings} == {"中华"}


def test_setup_records_the_basis_and_the_supervisor_confirms(
    empty_db_url: str, clock: FixedClock
) -> None:
    """Set-up refuses the name without a basis; with one, the first supervisor confirms it."""
    env = build_env(empty_db_url, clock=clock, fast_hashing=True)
    try:
        request = replace(first_setup(), profile=BodyProfile(NAME, "ZHDT01"))
        with pytest.raises(ValidationError, match="依据"):
            setup.initialise(env, request)
        assert not setup.is_initialised(env)
        setup.initialise(env, replace(request, name_basis=BASIS))
        supervisor = accounts.sign_in(env, request.supervisor.username, PASSWORD)
        confirmed = body_name.confirm_name_basis(env, supervisor)
        assert (confirmed.basis, confirmed.recorded_by) == (BASIS, request.admin.username)
    finally:
        getattr(env.uow, "engine").dispose()  # noqa: B009
