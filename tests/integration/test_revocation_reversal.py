"""A revocation lasts: 补发 cannot undo it; only a reversal by two different people can."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from kaoping.cli.app import run
from kaoping.domain.certificates import CertificateStatus, RevocationCategory
from kaoping.domain.errors import ConflictError, PermissionDenied, ValidationError
from kaoping.domain.roles import Role
from kaoping.services import audit, certificates
from kaoping.services.base import Actor, Env
from kaoping.services.ports.dto import AuditFilter
from tests.integration.test_certificates_support import PASSPHRASE, ready_batch


def _issued(env: Env, actors: dict[Role, Actor], count: int = 2) -> tuple[str, ...]:
    batch, _ = ready_batch(env, actors, count)
    officer = actors[Role.CERTIFICATE_OFFICER]
    return certificates.issue_batch(env, officer, batch, PASSPHRASE).numbers


def _entries(env: Env, actors: dict[Role, Actor], prefix: str) -> list[tuple[str, str]]:
    found = audit.search(env, actors[Role.SUPERVISOR], AuditFilter(action_prefix=prefix))
    return [(e.action, e.outcome) for e in found]


def _numbers_taken(env: Env) -> int:
    with env.uow(write=False) as uow:
        return len(uow.certificates.certificates())


def test_reissue_of_a_revoked_certificate_is_refused_and_audited(
    env: Env, actors: dict[Role, Actor]
) -> None:
    """Revoked for impersonation, 补发 gives the holder nothing back and takes no number."""
    officer = actors[Role.CERTIFICATE_OFFICER]
    numbers = _issued(env, actors)
    certificates.revoke_certificate(
        env, officer, numbers[0], "复核发现他人代考", RevocationCategory.IMPERSONATION
    )
    before = _numbers_taken(env)
    with pytest.raises(ConflictError, match="撤销复原") as refused:
        certificates.reissue_certificate(env, officer, numbers[0], PASSPHRASE, "持证人申请")
    assert "冒名顶替" in refused.value.message
    assert _numbers_taken(env) == before
    assert ("certificates.reissue", "refused") in _entries(env, actors, "certificates.reissue")
    record = certificates.find_certificate(env, officer, numbers[0])
    assert record.status == CertificateStatus.REVOKED
    assert record.status_category == RevocationCategory.IMPERSONATION


def test_a_voided_sibling_cannot_bring_back_a_revoked_holder(
    env: Env, actors: dict[Role, Actor]
) -> None:
    """补发 from the voided old certificate of a holder whose new one was revoked is refused."""
    officer = actors[Role.CERTIFICATE_OFFICER]
    first = _issued(env, actors, 1)[0]
    certificates.void_certificate(env, officer, first, "打印污损")
    second = certificates.reissue_certificate(env, officer, first, PASSPHRASE, "污损重印")
    certificates.revoke_certificate(
        env, officer, second, "虚假承诺", RevocationCategory.FALSE_COMMITMENT
    )
    with pytest.raises(ConflictError, match=f"持证人的证书 {second} 已撤销"):
        certificates.reissue_certificate(env, officer, first, PASSPHRASE, "再次补发")


def test_reissue_of_a_valid_or_spoiled_certificate_still_works(
    env: Env, actors: dict[Role, Actor]
) -> None:
    """补发 is for lost or spoiled certificates: the old one is marked as replaced."""
    officer = actors[Role.CERTIFICATE_OFFICER]
    old = _issued(env, actors, 1)[0]
    new = certificates.reissue_certificate(env, officer, old, PASSPHRASE, "证书遗失")
    replaced = certificates.find_certificate(env, officer, old)
    assert replaced.status_category == RevocationCategory.REPLACED
    certificates.void_certificate(env, officer, new, "打印污损")
    third = certificates.reissue_certificate(env, officer, new, PASSPHRASE, "污损重印")
    assert certificates.find_certificate(env, officer, third).status == CertificateStatus.VALID


def test_reversal_needs_a_proposal_and_a_second_person(env: Env, actors: dict[Role, Actor]) -> None:
    """Officer proposes with a reason, supervisor confirms: valid again, both steps audited."""
    officer, supervisor = actors[Role.CERTIFICATE_OFFICER], actors[Role.SUPERVISOR]
    numbers = _issued(env, actors)
    certificates.revoke_certificate(
        env, officer, numbers[1], "他人代考", RevocationCategory.IMPERSONATION
    )
    with pytest.raises(ValidationError, match="理由"):
        certificates.propose_reversal(env, officer, numbers[1], "  ")
    with pytest.raises(PermissionDenied):
        certificates.propose_reversal(env, supervisor, numbers[1], "复核")
    reversal_id = certificates.propose_reversal(env, officer, numbers[1], "复核认定为本人参考")
    # Proposing alone changes nothing.
    assert certificates.find_certificate(env, officer, numbers[1]).status == "revoked"
    with pytest.raises(ConflictError, match="已提出"):
        certificates.propose_reversal(env, officer, numbers[1], "再提一次")
    with pytest.raises(PermissionDenied):
        certificates.confirm_reversal(env, officer, reversal_id)
    done = certificates.confirm_reversal(env, supervisor, reversal_id)
    assert done.status == "confirmed" and done.decided_by == supervisor.username
    record = certificates.find_certificate(env, officer, numbers[1])
    assert record.status == CertificateStatus.VALID
    assert "复原" in record.status_reason and record.status_category == ""
    history = certificates.reversals(env, officer)
    assert history[0].revoked_category == RevocationCategory.IMPERSONATION
    assert history[0].revoked_reason == "他人代考"
    assert _entries(env, actors, "certificates.reversal") == [
        ("certificates.reversal_confirm", "ok"),
        ("certificates.reversal_confirm", "refused"),
        ("certificates.reversal_propose", "refused"),
        ("certificates.reversal_propose", "ok"),
        ("certificates.reversal_propose", "refused"),
        ("certificates.reversal_propose", "refused"),
    ]
    with pytest.raises(ConflictError, match="已处理"):
        certificates.confirm_reversal(env, supervisor, reversal_id)


def test_one_person_with_both_roles_cannot_reverse_alone(
    env: Env,
    actors: dict[Role, Actor],
    make_user: Callable[[str, list[Role]], Actor],
) -> None:
    """Holding both roles is not enough: the confirmer must be another person (refusal audited)."""
    both = make_user("both", [Role.CERTIFICATE_OFFICER, Role.SUPERVISOR])
    numbers = _issued(env, actors)
    certificates.revoke_certificate(env, both, numbers[0], "误判")
    reversal_id = certificates.propose_reversal(env, both, numbers[0], "复核有误")
    with pytest.raises(PermissionDenied, match="不能自己确认"):
        certificates.confirm_reversal(env, both, reversal_id)
    assert certificates.find_certificate(env, both, numbers[0]).status == "revoked"
    certificates.confirm_reversal(env, actors[Role.SUPERVISOR], reversal_id)
    assert certificates.find_certificate(env, both, numbers[0]).status == "valid"


def test_a_rejected_reversal_leaves_the_revocation(env: Env, actors: dict[Role, Actor]) -> None:
    officer, supervisor = actors[Role.CERTIFICATE_OFFICER], actors[Role.SUPERVISOR]
    numbers = _issued(env, actors)
    certificates.revoke_certificate(env, officer, numbers[0], "虚假承诺")
    reversal_id = certificates.propose_reversal(env, officer, numbers[0], "理由")
    with pytest.raises(ValidationError, match="不予复原"):
        certificates.reject_reversal(env, supervisor, reversal_id, "")
    certificates.reject_reversal(env, supervisor, reversal_id, "证据不足")
    assert certificates.find_certificate(env, officer, numbers[0]).status == "revoked"
    assert certificates.reversals(env, officer, pending_only=True) == []
    # A new proposal may follow a rejected one.
    assert certificates.propose_reversal(env, officer, numbers[0], "补充了复核文号") > reversal_id


def test_what_cannot_be_reversed(env: Env, actors: dict[Role, Actor]) -> None:
    """Valid, voided and replaced certificates are refused, each with its reason."""
    officer = actors[Role.CERTIFICATE_OFFICER]
    numbers = _issued(env, actors)
    with pytest.raises(ConflictError, match="不是已撤销的证书"):
        certificates.propose_reversal(env, officer, numbers[0], "理由")
    certificates.void_certificate(env, officer, numbers[0], "打印污损")
    with pytest.raises(ConflictError, match="作废的编号不再使用"):
        certificates.propose_reversal(env, officer, numbers[0], "理由")
    certificates.reissue_certificate(env, officer, numbers[1], PASSPHRASE, "遗失")
    with pytest.raises(ConflictError, match="因补发而撤销"):
        certificates.propose_reversal(env, officer, numbers[1], "理由")


def test_revocation_category_must_be_one_an_officer_may_choose(
    env: Env, actors: dict[Role, Actor]
) -> None:
    officer = actors[Role.CERTIFICATE_OFFICER]
    numbers = _issued(env, actors, 1)
    with pytest.raises(ValidationError, match="自动登记"):
        certificates.revoke_certificate(env, officer, numbers[0], "x", RevocationCategory.REPLACED)
    assert RevocationCategory.parse("冒名顶替（他人代考）") is RevocationCategory.IMPERSONATION
    with pytest.raises(ValidationError, match="撤销类别"):
        RevocationCategory.parse("被外星人带走")


def test_reversal_on_the_command_line(
    env: Env,
    actors: dict[Role, Actor],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """revoke --category, reissue refused, reversal propose / list / confirm."""
    from tests.databases import PASSWORD, USERNAMES

    numbers = _issued(env, actors, 1)
    monkeypatch.setenv("KAOPING_PASSWORD", PASSWORD)
    monkeypatch.setenv("KAOPING_KEY_PASSPHRASE", PASSPHRASE)
    officer = USERNAMES[Role.CERTIFICATE_OFFICER]
    supervisor = USERNAMES[Role.SUPERVISOR]

    def cli(*argv: str) -> int:
        return run(list(argv), lambda _db: env)

    revoke = ["certificate", "revoke", numbers[0], "--reason", "他人代考", "--user", officer]
    assert cli(*revoke, "--category", "impersonation") == 0
    assert "冒名顶替" in capsys.readouterr().out
    assert cli("certificate", "reissue", numbers[0], "--reason", "补办", "--user", officer) != 0
    assert "撤销复原" in capsys.readouterr().err
    propose = ["certificate", "reversal", "propose", numbers[0], "--reason", "复核有误"]
    assert cli(*propose, "--user", officer) == 0
    assert "须由另一位质量督导员确认" in capsys.readouterr().out
    assert cli("certificate", "reversal", "list", "--user", supervisor) == 0
    listed = capsys.readouterr().out
    assert numbers[0] in listed and "待确认" in listed
    reversal_id = certificates.reversals(env, actors[Role.SUPERVISOR])[0].id
    assert cli("certificate", "reversal", "confirm", str(reversal_id), "--user", supervisor) == 0
    assert "恢复有效" in capsys.readouterr().out
