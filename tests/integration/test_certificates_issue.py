"""Issuing certificates: who gets one, numbering without gaps, cancel, and the compliance gate."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest
from PIL import Image
from pypdf import PdfReader

from kaoping.adapters.pdf_signing import validate_pdf
from kaoping.domain.audit import AuditRecord
from kaoping.domain.certificates import CertificateStatus, NumberingScheme
from kaoping.domain.errors import AuthenticationError, ConflictError, ValidationError
from kaoping.domain.plans import BatchStatus
from kaoping.domain.roles import Permission, Role
from kaoping.paths import resource_path
from kaoping.services import certificates, intake
from kaoping.services.base import Actor, Env, action
from kaoping.services.compliance import ComplianceBlocked
from tests.integration.test_certificates_support import (
    APPROVED_ON,
    PASSPHRASE,
    add_candidates,
    make_batch,
    ready_batch,
    register_seal,
)


def _audit(env: Env) -> list[AuditRecord]:
    with env.uow(write=False) as uow:
        return list(uow.audit.records())


def _details(record: AuditRecord) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(record.details)
    return loaded


def _numbers(env: Env, actor: Actor, batch: str) -> list[str]:
    return [c.number for c in certificates.batch_certificates(env, actor, batch).certificates]


def test_issued_certificates_are_signed_numbered_and_mark_the_batch(
    env: Env, actors: dict[Role, Actor]
) -> None:
    """Every approved candidate gets a signed certificate with consecutive numbers; batch issued."""
    officer = actors[Role.CERTIFICATE_OFFICER]
    batch, _ = ready_batch(env, actors, 3)
    seen: list[tuple[int, int]] = []
    outcome = certificates.issue_batch(
        env, officer, batch, PASSPHRASE, progress=lambda d, t: seen.append((d, t))
    )
    scheme = NumberingScheme("GXDT", "GXDT01", 2026)
    assert outcome.numbers == tuple(scheme.format(i) for i in (1, 2, 3))
    assert seen == [(1, 3), (2, 3), (3, 3)]
    assert outcome.batch_issued and outcome.due == APPROVED_ON.replace(day=20, month=12)
    assert not outcome.late
    overview = certificates.batch_certificates(env, officer, batch)
    assert overview.batch.status is BatchStatus.ISSUED
    pdf = certificates.certificate_pdf(env, officer, outcome.numbers[0])
    with env.uow(write=False) as uow:
        cert_pem = uow.body.active_signing_key()[1]  # type: ignore[index]
    from cryptography import x509

    assert validate_pdf(pdf, x509.load_pem_x509_certificate(cert_pem)).ok
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    assert outcome.numbers[0] in text and "张三明" in text
    assert "450***********" in text  # the ID is printed masked by default
    issued = [r for r in _audit(env) if r.action == "certificates.issue"]
    assert issued and _details(issued[-1])["count"] == 3


def test_no_certificate_without_pass_approval_or_for_void(
    env: Env, actors: dict[Role, Actor]
) -> None:
    """Failed, unapproved, rejected and void candidates get nothing; the rest are issued."""
    officer = actors[Role.CERTIFICATE_OFFICER]
    batch = make_batch(env, actors)
    register_seal(env, officer)
    passed = add_candidates(env, batch, 3)
    failed = add_candidates(env, batch, 1, outcome="failed")
    void = add_candidates(env, batch, 1, status="void")
    unscored = add_candidates(env, batch, 1, outcome=None)
    with pytest.raises(ValidationError, match="成绩未确认为合格"):
        certificates.record_approval(env, officer, batch, failed, "文号1", APPROVED_ON)
    certificates.record_approval(env, officer, batch, passed[:2] + void, "文号1", APPROVED_ON)
    certificates.record_rejection(env, officer, batch, passed[2:], "材料不全", "文号2", APPROVED_ON)
    for wanted in (failed, void, unscored, passed[2:]):
        with pytest.raises(ValidationError, match="不能发证"):
            certificates.issue_batch(env, officer, batch, PASSPHRASE, candidate_ids=wanted)
    outcome = certificates.issue_batch(env, officer, batch, PASSPHRASE)
    assert len(outcome.numbers) == 2
    states = {
        c.candidate_id: c for c in certificates.batch_certificates(env, officer, batch).candidates
    }
    assert {i for i, s in states.items() if s.certificate} == set(passed[:2])
    assert states[void[0]].blocked_reason == "报名已作废或撤回，不发证"
    assert states[passed[2]].blocked_reason == "审核未通过"
    with pytest.raises(ValidationError, match="没有可发证的考生"):
        certificates.issue_batch(env, officer, batch, PASSPHRASE)


def test_numbering_stays_gap_free_across_cancel_and_void(
    env: Env, actors: dict[Role, Actor]
) -> None:
    """A cancelled batch takes no numbers; a voided number is kept and never reused."""
    officer = actors[Role.CERTIFICATE_OFFICER]
    batch, ids = ready_batch(env, actors, 4)
    calls = iter([False, False, True])
    with pytest.raises(certificates.IssueCancelled):
        certificates.issue_batch(env, officer, batch, PASSPHRASE, cancelled=lambda: next(calls))
    assert _numbers(env, officer, batch) == []
    first = certificates.issue_batch(env, officer, batch, PASSPHRASE, candidate_ids=ids[:2])
    certificates.void_certificate(env, officer, first.numbers[1], "打印污损")
    second = certificates.issue_batch(env, officer, batch, PASSPHRASE)
    scheme = NumberingScheme("GXDT", "GXDT01", 2026)
    # The voided holder is eligible again and gets a new number; serials 1..5 with no gap.
    assert _numbers(env, officer, batch) == [scheme.format(i) for i in range(1, 6)]
    assert len(second.numbers) == 3
    statuses = {
        c.number: c.status
        for c in certificates.batch_certificates(env, officer, batch).certificates
    }
    assert statuses[first.numbers[1]] == CertificateStatus.VOID


def test_wrong_passphrase_stores_nothing(env: Env, actors: dict[Role, Actor]) -> None:
    """A wrong key passphrase stops issuing before any certificate or number is stored."""
    officer = actors[Role.CERTIFICATE_OFFICER]
    batch, _ = ready_batch(env, actors, 2)
    with pytest.raises(AuthenticationError, match="签名密钥口令不正确"):
        certificates.issue_batch(env, officer, batch, "wrong-passphrase")
    assert _numbers(env, officer, batch) == []


def test_banned_word_in_edited_template_blocks_issuing(
    env: Env, actors: dict[Role, Actor], admin: Actor, tmp_path: Path
) -> None:
    """An operator's template edit that adds 国家 blocks the batch, shows where, and is audited."""
    officer = actors[Role.CERTIFICATE_OFFICER]
    batch, _ = ready_batch(env, actors, 2)
    template = json.loads(resource_path("templates", "certificate.json").read_text("utf-8"))
    template["title"]["text"] = "国 家 专业技术等级证书"
    edited = tmp_path / "certificate.json"
    edited.write_text(json.dumps(template, ensure_ascii=False), encoding="utf-8")
    settings = certificates.certificate_settings(env, officer)
    from dataclasses import replace

    certificates.update_certificate_settings(
        env, admin, replace(settings, template_path=str(edited))
    )
    with pytest.raises(ComplianceBlocked) as blocked:
        certificates.issue_batch(env, officer, batch, PASSPHRASE)
    rules = {(f.rule, f.word, f.page) for _, f in blocked.value.findings}
    assert ("banned-word", "国家", 1) in rules
    assert "国家" in str(blocked.value) and "第1页" in str(blocked.value)
    assert _numbers(env, officer, batch) == []
    entry = [r for r in _audit(env) if r.action == "certificates.compliance_blocked"][-1]
    assert entry.outcome == "blocked" and _details(entry)["findings"][0]["word"] == "国家"


def test_withdrawn_seal_approval_blocks_issuing(env: Env, actors: dict[Role, Actor]) -> None:
    """A seal whose approval was withdrawn is an unregistered image: issuing stops and is audited."""
    officer = actors[Role.CERTIFICATE_OFFICER]
    batch, _ = ready_batch(env, actors, 1)
    seal = next(a for a in certificates.list_assets(env, officer) if a.in_use_as_seal)
    certificates.withdraw_asset(env, officer, seal.sha256)
    with pytest.raises(ComplianceBlocked) as blocked:
        certificates.issue_batch(env, officer, batch, PASSPHRASE)
    assert [f.rule for _, f in blocked.value.findings] == ["unregistered-image"]
    assert "未登记" in str(blocked.value)
    assert _numbers(env, officer, batch) == []
    assert [r for r in _audit(env) if r.action == "certificates.compliance_blocked"]


def test_emblem_like_image_is_refused_at_registration(env: Env, actors: dict[Role, Actor]) -> None:
    """Registering an emblem look-alike as a seal is refused with the reference named, and audited."""
    officer = actors[Role.CERTIFICATE_OFFICER]
    emblem = resource_path("rules", "emblem_references", "national_emblem.png").read_bytes()
    with pytest.raises(ValidationError, match=r"national_emblem\.png"):
        certificates.register_asset(env, officer, "机构标识", "logo", emblem)
    assert certificates.list_assets(env, officer) == []
    assert [r for r in _audit(env) if r.action == "assets.register_refused"]


def test_candidate_photo_is_registered_and_embedded(env: Env, actors: dict[Role, Actor]) -> None:
    """A JPEG photo is embedded as its registered canonical PNG, so the certificate passes."""
    officer = actors[Role.CERTIFICATE_OFFICER]
    batch = make_batch(env, actors)
    register_seal(env, officer)
    buffer = io.BytesIO()
    Image.new("RGB", (120, 160), (200, 180, 160)).save(buffer, format="JPEG")
    ids = add_candidates(env, batch, 1, photo=buffer.getvalue())
    certificates.record_approval(env, officer, batch, ids, "文号", APPROVED_ON)
    outcome = certificates.issue_batch(env, officer, batch, PASSPHRASE)
    assert len(outcome.numbers) == 1
    kinds = sorted(a.kind for a in certificates.list_assets(env, officer))
    assert kinds == ["photo", "seal"]
    assert len(certificates.print_certificates(env, officer, outcome.numbers)) == 1


def test_print_is_counted_and_revoked_cannot_print(env: Env, actors: dict[Role, Actor]) -> None:
    """Each print and reprint is counted and audited; a revoked certificate is not released."""
    officer = actors[Role.CERTIFICATE_OFFICER]
    batch, _ = ready_batch(env, actors, 2)
    numbers = certificates.issue_batch(env, officer, batch, PASSPHRASE).numbers
    assert [j.copy for j in certificates.print_certificates(env, officer, numbers)] == [1, 1]
    with pytest.raises(ValidationError, match=f"证书 {numbers[0]} 已打印过 1 次，重打须填写原因"):
        certificates.print_certificates(env, officer, numbers[:1])
    again = certificates.print_certificates(env, officer, numbers[:1], "HP", "卡纸")
    assert again[0].reprint
    assert certificates.find_certificate(env, officer, numbers[0]).print_count == 2
    prints = [r for r in _audit(env) if r.action == "certificates.print"]
    assert _details(prints[-1])["reprints"] == [numbers[0]]
    assert _details(prints[-1])["reason"] == "卡纸" and prints[-2].outcome == "refused"
    certificates.revoke_certificate(env, officer, numbers[1], "虚假承诺")
    with pytest.raises(ConflictError, match="已撤销"):
        certificates.print_certificates(env, officer, numbers[1:])


def test_revoked_holder_gets_no_new_certificate_by_batch_issuing(
    env: Env, actors: dict[Role, Actor]
) -> None:
    """Revocation is undone neither by the next batch run nor by 补发; a reversal confirmed by a
    supervisor makes the same certificate valid again."""
    officer = actors[Role.CERTIFICATE_OFFICER]
    batch, ids = ready_batch(env, actors, 2)
    numbers = certificates.issue_batch(env, officer, batch, PASSPHRASE).numbers
    certificates.revoke_certificate(env, officer, numbers[1], "他人代考")
    state = certificates.batch_certificates(env, officer, batch).candidates[1]
    assert not state.issuable and f"证书 {numbers[1]} 已撤销" in state.blocked_reason
    assert "撤销复原" in state.blocked_reason
    with pytest.raises(ValidationError, match="没有可发证的考生"):
        certificates.issue_batch(env, officer, batch, PASSPHRASE)
    with pytest.raises(ValidationError, match="撤销复原"):
        certificates.issue_batch(env, officer, batch, PASSPHRASE, candidate_ids=[ids[1]])
    with pytest.raises(ConflictError, match="撤销复原"):
        certificates.reissue_certificate(env, officer, numbers[1], PASSPHRASE, "复核后恢复")
    reversal = certificates.propose_reversal(env, officer, numbers[1], "复核后恢复")
    certificates.confirm_reversal(env, actors[Role.SUPERVISOR], reversal)
    assert certificates.find_certificate(env, officer, numbers[1]).status == "valid"


def test_reissue_gets_a_new_number_referring_to_the_old(
    env: Env, actors: dict[Role, Actor]
) -> None:
    """补发 revokes the old certificate and issues the next number that names it."""
    officer = actors[Role.CERTIFICATE_OFFICER]
    batch, _ = ready_batch(env, actors, 1)
    old = certificates.issue_batch(env, officer, batch, PASSPHRASE).numbers[0]
    new = certificates.reissue_certificate(env, officer, old, PASSPHRASE, "证书遗失")
    assert new != old
    record = certificates.find_certificate(env, officer, new)
    assert record.replaces_number == old and record.status == "valid"
    previous = certificates.find_certificate(env, officer, old)
    assert previous.status == "revoked" and "证书遗失" in previous.status_reason


def test_voiding_the_application_revokes_its_certificate(
    env: Env, actors: dict[Role, Actor]
) -> None:
    """When an application is voided (false commitment), its certificate is revoked with it."""
    officer = actors[Role.CERTIFICATE_OFFICER]
    batch, ids = ready_batch(env, actors, 1)
    number = certificates.issue_batch(env, officer, batch, PASSPHRASE).numbers[0]
    candidate = intake.candidate_detail(env, actors[Role.EXAM_ADMIN], ids[0])
    with action(env, actors[Role.SUPERVISOR], Permission.SAMPLING_RECORD, "sampling.void") as tx:
        intake.void_application(env, tx, candidate, "虚假承诺")
    record = certificates.find_certificate(env, officer, number)
    assert record.status == "revoked" and "虚假承诺" in record.status_reason
    # Stamped with the voiding action's moment (the office's clock), not the machine's.
    assert record.status_changed_at == env.clock.now()
    states = certificates.batch_certificates(env, officer, batch).candidates
    assert states[0].blocked_reason == "报名已作废或撤回，不发证"


def test_a_body_that_chose_mod37_2_gets_numbers_without_a_star(
    env: Env, actors: dict[Role, Actor], admin: Actor, tmp_path: Path
) -> None:
    """MOD 37-2 (which can end a number in the ID mask `*`) is refused for new numbers; a body
    that stored it gets MOD 97-10 numbers, saved under file names equal to the numbers."""
    from dataclasses import replace

    from kaoping.domain.certificates import certificate_file_name

    officer = actors[Role.CERTIFICATE_OFFICER]
    settings = certificates.certificate_settings(env, officer)
    assert settings.algorithm == "mod97-10"
    with pytest.raises(ValidationError, match="遮蔽符号"):
        certificates.update_certificate_settings(env, admin, replace(settings, algorithm="mod37-2"))
    with env.uow() as uow:
        uow.settings.put("certificate.check_algorithm", "mod37-2")  # as an older version stored it
        uow.commit()
    assert certificates.certificate_settings(env, officer).algorithm == "mod97-10"
    batch, _ = ready_batch(env, actors, 2)
    numbers = certificates.issue_batch(env, officer, batch, PASSPHRASE).numbers
    for number in numbers:
        check = number.rsplit("-", 1)[1]
        assert len(check) == 2 and check.isdigit()
        assert certificate_file_name(number) == f"{number}.pdf"
    # Lower case and surrounding spaces, as typed, still find the certificate.
    assert (
        certificates.find_certificate(env, officer, f" {numbers[0].lower()} ").number == numbers[0]
    )
