"""Reviewed template phrases: 安全国际认证 holds 全国, and two people may acknowledge it."""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader, PdfWriter
from pypdf.annotations import FreeText

from kaoping.cli.app import run
from kaoping.domain.errors import PermissionDenied, ValidationError
from kaoping.domain.roles import Role
from kaoping.paths import resource_path
from kaoping.services import audit, certificates
from kaoping.services.base import Actor, Env
from kaoping.services.compliance import ComplianceBlocked
from kaoping.services.ports.dto import AuditFilter
from tests.databases import PASSWORD
from tests.integration.test_certificates_support import PASSPHRASE, ready_batch

PHRASE = "安全国际认证"  # 安全 + 国际 holds 全国 across the word boundary


def _use_template(env: Env, officer: Actor, admin: Actor, path: Path, **edits: Any) -> None:
    """Write the shipped template with edits (section__item=value) and make it the one in use."""
    template = json.loads(resource_path("templates", "certificate.json").read_text("utf-8"))
    for key, value in edits.items():
        section, _, item = key.partition("__")
        template[section][item] = value
    path.write_text(json.dumps(template, ensure_ascii=False), encoding="utf-8")
    settings = certificates.certificate_settings(env, officer)
    certificates.update_certificate_settings(env, admin, replace(settings, template_path=str(path)))


def _acknowledge(env: Env, actors: dict[Role, Actor], phrase: str = PHRASE) -> int:
    phrase_id = certificates.propose_phrase(
        env, actors[Role.CERTIFICATE_OFFICER], phrase, "安全领域的国际认证，不是“全国”"
    )
    certificates.confirm_phrase(env, actors[Role.SUPERVISOR], phrase_id)
    return phrase_id


def _words(blocked: pytest.ExceptionInfo[ComplianceBlocked]) -> set[str]:
    return {f.word for _, f in blocked.value.findings}


@pytest.fixture
def caption(env: Env, actors: dict[Role, Actor], admin: Actor, tmp_path: Path) -> Path:
    """A template whose QR caption is 安全国际认证 (a fixed text drawn as a run of its own)."""
    path = tmp_path / "certificate.json"
    _use_template(env, actors[Role.CERTIFICATE_OFFICER], admin, path, qr__caption=PHRASE)
    return path


def test_unreviewed_phrase_is_found_and_listed(
    env: Env, actors: dict[Role, Actor], caption: Path
) -> None:
    """Nothing is acknowledged by default: the phrase blocks issuing and is listed for review."""
    officer = actors[Role.CERTIFICATE_OFFICER]
    batch, _ = ready_batch(env, actors, 1)
    with pytest.raises(ComplianceBlocked) as blocked:
        certificates.issue_batch(env, officer, batch, PASSPHRASE)
    assert _words(blocked) == {"全国"}
    review = certificates.phrase_review(env, officer)
    assert [(f.phrase, f.words, f.review) for f in review.flagged] == [(PHRASE, "全国", None)]


def test_acknowledged_phrase_issues_for_that_template_version_only(
    env: Env, actors: dict[Role, Actor], admin: Actor, caption: Path, tmp_path: Path
) -> None:
    """Proposed and confirmed: issued and printed; an edited template brings the finding back."""
    officer = actors[Role.CERTIFICATE_OFFICER]
    batch, _ = ready_batch(env, actors, 2)
    _acknowledge(env, actors)
    outcome = certificates.issue_batch(env, officer, batch, PASSPHRASE)
    assert len(outcome.numbers) == 2
    assert certificates.print_certificates(env, officer, outcome.numbers[:1])
    # Any edit is a new template version, even one far from the phrase.
    _use_template(env, officer, admin, tmp_path / "edited.json", qr__caption=PHRASE, title__size=33)
    with pytest.raises(ComplianceBlocked) as blocked:
        certificates.print_certificates(env, officer, outcome.numbers[:1])
    assert _words(blocked) == {"全国"}
    batch2, _ = ready_batch(env, actors, 1, code="B2026-02")
    with pytest.raises(ComplianceBlocked):
        certificates.issue_batch(env, officer, batch2, PASSPHRASE)


def test_proposing_alone_waives_nothing(env: Env, actors: dict[Role, Actor], caption: Path) -> None:
    officer = actors[Role.CERTIFICATE_OFFICER]
    batch, _ = ready_batch(env, actors, 1)
    certificates.propose_phrase(env, officer, PHRASE, "安全领域的国际认证")
    with pytest.raises(ComplianceBlocked):
        certificates.issue_batch(env, officer, batch, PASSPHRASE)


def test_withdrawn_phrase_is_a_finding_again(
    env: Env, actors: dict[Role, Actor], caption: Path
) -> None:
    officer = actors[Role.CERTIFICATE_OFFICER]
    batch, _ = ready_batch(env, actors, 1)
    phrase_id = _acknowledge(env, actors)
    certificates.withdraw_phrase(env, actors[Role.SUPERVISOR], phrase_id, "复查后撤回")
    with pytest.raises(ComplianceBlocked):
        certificates.issue_batch(env, officer, batch, PASSPHRASE)


def test_the_proposer_cannot_confirm_their_own_proposal(
    env: Env,
    actors: dict[Role, Actor],
    caption: Path,
    make_user: Callable[[str, list[Role]], Actor],
) -> None:
    """Someone holding both roles still needs another person; the refusal is audited."""
    both = make_user("both", [Role.CERTIFICATE_OFFICER, Role.SUPERVISOR])
    phrase_id = certificates.propose_phrase(env, both, PHRASE, "安全领域的国际认证")
    with pytest.raises(PermissionDenied, match="不能自己确认"):
        certificates.confirm_phrase(env, both, phrase_id)
    query = AuditFilter(action_prefix="phrases.confirm")
    entries = audit.search(env, actors[Role.SUPERVISOR], query)
    assert [e.outcome for e in entries] == ["refused"]
    certificates.confirm_phrase(env, actors[Role.SUPERVISOR], phrase_id)


def test_only_the_roles_may_propose_and_confirm(
    env: Env, actors: dict[Role, Actor], caption: Path
) -> None:
    with pytest.raises(PermissionDenied):
        certificates.propose_phrase(env, actors[Role.SUPERVISOR], PHRASE, "理由")
    phrase_id = certificates.propose_phrase(env, actors[Role.CERTIFICATE_OFFICER], PHRASE, "理由")
    with pytest.raises(PermissionDenied):
        certificates.confirm_phrase(env, actors[Role.EXAM_ADMIN], phrase_id)


def test_only_flagged_fixed_texts_may_be_proposed(
    env: Env, actors: dict[Role, Actor], caption: Path
) -> None:
    """A part of the phrase, another text, or no reason is refused."""
    officer = actors[Role.CERTIFICATE_OFFICER]
    for phrase in ("全国", "专业技术等级证书", f"{PHRASE}专业"):
        with pytest.raises(ValidationError):
            certificates.propose_phrase(env, officer, phrase, "理由")
    with pytest.raises(ValidationError, match="理由"):
        certificates.propose_phrase(env, officer, PHRASE, "  ")


@pytest.mark.parametrize(
    "edits",
    [
        {"title__text": f"{PHRASE}专业技术等级证书"},
        {"metadata__subject": PHRASE},
    ],
)
def test_the_phrase_elsewhere_is_still_refused(
    env: Env,
    actors: dict[Role, Actor],
    admin: Actor,
    tmp_path: Path,
    edits: dict[str, str],
) -> None:
    """Acknowledged as the caption, the phrase inside the title or in metadata still blocks."""
    officer = actors[Role.CERTIFICATE_OFFICER]
    _use_template(env, officer, admin, tmp_path / "t.json", qr__caption=PHRASE, **edits)
    batch, _ = ready_batch(env, actors, 1)
    _acknowledge(env, actors)
    with pytest.raises(ComplianceBlocked) as blocked:
        certificates.issue_batch(env, officer, batch, PASSPHRASE)
    assert _words(blocked) == {"全国"}


def test_the_phrase_as_an_annotation_is_still_refused(
    env: Env, actors: dict[Role, Actor], caption: Path
) -> None:
    """An issued certificate with the acknowledged phrase added as an annotation is not printed."""
    officer = actors[Role.CERTIFICATE_OFFICER]
    batch, _ = ready_batch(env, actors, 1)
    _acknowledge(env, actors)
    number = certificates.issue_batch(env, officer, batch, PASSPHRASE).numbers[0]
    writer = PdfWriter(
        clone_from=PdfReader(io.BytesIO(certificates.certificate_pdf(env, officer, number)))
    )
    writer.add_annotation(0, FreeText(text=PHRASE, rect=(10, 10, 200, 40)))
    kit = env.adapters.certificates
    out = io.BytesIO()
    writer.write(out)
    with env.uow(write=False) as uow:
        registry = kit.registry([a for a in uow.certificates.assets() if a.active])
    report = kit.check_pdf(out.getvalue(), registry, (), phrases=(PHRASE,))
    assert {(f.word, f.where) for f in report.findings} == {("全国", "批注")}


def test_cli_lists_proposes_and_confirms(
    env: Env,
    actors: dict[Role, Actor],
    caption: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("KAOPING_PASSWORD", PASSWORD)

    def cli(*argv: str) -> int:
        return run(list(argv), lambda _db: env)

    officer, supervisor = actors[Role.CERTIFICATE_OFFICER], actors[Role.SUPERVISOR]
    assert cli("compliance", "phrases", "list", "--user", officer.username) == 0
    assert "未复核，签发时拦截" in capsys.readouterr().out
    args = ("compliance", "phrases", "propose", PHRASE, "--reason", "安全领域的国际认证")
    assert cli(*args, "--user", officer.username) == 0
    assert "须由另一位质量督导员确认" in capsys.readouterr().out
    phrase_id = certificates.phrase_review(env, officer).reviews[0].id
    assert (
        cli("compliance", "phrases", "confirm", str(phrase_id), "--user", supervisor.username) == 0
    )
    assert cli("compliance", "phrases", "list", "--user", officer.username) == 0
    assert f"已确认（编号 {phrase_id}）" in capsys.readouterr().out
    assert cli("compliance", "phrases", "withdraw", str(phrase_id), "--user", officer.username) == 0
    assert "重新按禁用字样拦截" in capsys.readouterr().out
