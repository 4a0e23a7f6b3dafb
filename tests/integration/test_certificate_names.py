"""Holders' names are data, not wording: 李中华 gets a certificate; 中华 anywhere else still blocks."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from cryptography import x509
from pypdf import PdfReader, PdfWriter
from pypdf.annotations import FreeText
from sqlalchemy import update

from kaoping.adapters.pdf_inspect import inspect_pdf
from kaoping.adapters.pdf_signing import validate_pdf
from kaoping.cli.app import run
from kaoping.domain.compliance import (
    NAME_PLACEHOLDER,
    RULE_BANNED_WORD,
    Finding,
    blank_exact_runs,
    load_rules,
)
from kaoping.domain.errors import ValidationError
from kaoping.domain.roles import Role
from kaoping.paths import resource_path
from kaoping.services import certificates
from kaoping.services.base import Actor, Env
from kaoping.services.compliance import ComplianceBlocked
from kaoping.storage.intake_tables import CandidateRow
from tests.integration.test_certificates_support import PASSPHRASE, ready_batch
from tests.integration.test_pdf_compliance import make_pdf
from tests.pdf_glyphs import RARE, UNDRAWABLE, ink_in_boxes, pdf_text

HOLDERS = ("李中华", "张国家", "吴国家", "中华")
WORDS, FOLD = load_rules(resource_path("rules"))


def _cli(env: Env, *argv: str) -> int:
    return run(list(argv), lambda _db: env)


def _set_candidates(env: Env, ids: list[int], **values: str) -> None:
    """Change stored candidates as intake would have stored them (name, direction)."""
    with env.uow() as uow:
        session: Any = uow.session  # type: ignore[attr-defined]
        for candidate_id, name in zip(ids, values.pop("names", "").split(","), strict=False):
            session.execute(
                update(CandidateRow).where(CandidateRow.id == candidate_id).values(name=name)
            )
        if values:
            session.execute(update(CandidateRow).where(CandidateRow.id.in_(ids)).values(**values))
        uow.commit()


def _use_template(
    env: Env, actors: dict[Role, Actor], admin: Actor, path: Path, **edits: Any
) -> None:
    template = json.loads(resource_path("templates", "certificate.json").read_text("utf-8"))
    for key, value in edits.items():
        section, _, item = key.partition("__")
        template[section][item] = value
    path.write_text(json.dumps(template, ensure_ascii=False), encoding="utf-8")
    officer = actors[Role.CERTIFICATE_OFFICER]
    settings = certificates.certificate_settings(env, officer)
    certificates.update_certificate_settings(env, admin, replace(settings, template_path=str(path)))


def _banned(findings: list[Finding]) -> set[tuple[str, str]]:
    return {(f.word, f.where) for f in findings if f.rule == RULE_BANNED_WORD}


def test_holders_named_with_banned_words_get_signed_certificates(
    env: Env, actors: dict[Role, Actor], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """李中华, 张国家, 吴国家 and 中华 are issued, signed, and pass `compliance check --name`."""
    officer = actors[Role.CERTIFICATE_OFFICER]
    batch, ids = ready_batch(env, actors, len(HOLDERS))
    _set_candidates(env, ids, names=",".join(HOLDERS))
    outcome = certificates.issue_batch(env, officer, batch, PASSPHRASE)
    assert len(outcome.numbers) == len(HOLDERS)
    with env.uow(write=False) as uow:
        cert_pem = uow.body.active_signing_key()[1]  # type: ignore[index]
    trusted = x509.load_pem_x509_certificate(cert_pem)
    printed = []
    for number in outcome.numbers:
        pdf = certificates.certificate_pdf(env, officer, number)
        assert validate_pdf(pdf, trusted).ok
        path = tmp_path / f"{number}.pdf"
        path.write_bytes(pdf)
        text = _pdftotext(path)
        name = next(n for n in sorted(HOLDERS, key=len, reverse=True) if n in text)
        printed.append(name)
        assert _cli(env, "compliance", "check", str(path), "--name", name) == 0
    assert sorted(printed) == sorted(HOLDERS)
    # Without the expected name the standalone check reads everything, as before.
    first = tmp_path / f"{outcome.numbers[0]}.pdf"
    capsys.readouterr()
    assert _cli(env, "compliance", "check", str(first), "--json") == 1
    assert "中华" in {f["word"] for f in json.loads(capsys.readouterr().out)["findings"]}
    # Another person's name exempts nothing.
    assert _cli(env, "compliance", "check", str(first), "--name", "张国家") == 1
    # Printing checks the stored certificate again, with the stored name.
    assert len(certificates.print_certificates(env, officer, list(outcome.numbers))) == 4


def _pdftotext(path: Path) -> str:
    """The page text as poppler reads it: the name is printed as text, not drawn as shapes."""
    tool = shutil.which("pdftotext")
    if tool is None:
        pytest.skip("poppler pdftotext is not installed")
    done = subprocess.run(
        [tool, "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True, timeout=60
    )
    return done.stdout.decode("utf-8")


@pytest.mark.parametrize(
    ("name", "edits", "word"),
    [
        ("中华", {"title__text": "中华人民共和国专业技术等级证书"}, "中华人民共和国"),
        ("中华", {"title__text": "中华 专业技术等级证书"}, "中华"),
        (
            "李中华",
            {"body__text": "兹证明 {name} 经全国统一考核合格，达到 {occupation} {level} 等级。"},
            "全国",
        ),
        ("张国家", {"metadata__subject": "{name} 的证书"}, "国家"),
    ],
)
def test_name_does_not_exempt_template_wording_or_metadata(
    env: Env,
    actors: dict[Role, Actor],
    admin: Actor,
    tmp_path: Path,
    name: str,
    edits: dict[str, str],
    word: str,
) -> None:
    """The title, a template sentence and metadata are checked in full even beside the name."""
    officer = actors[Role.CERTIFICATE_OFFICER]
    batch, ids = ready_batch(env, actors, 1)
    _set_candidates(env, ids, names=name)
    _use_template(env, actors, admin, tmp_path / "certificate.json", **edits)
    with pytest.raises(ComplianceBlocked) as blocked:
        certificates.issue_batch(env, officer, batch, PASSPHRASE)
    assert word in {f.word for _, f in blocked.value.findings}
    assert not certificates.batch_certificates(env, officer, batch).certificates


def test_name_does_not_exempt_the_direction(env: Env, actors: dict[Role, Actor]) -> None:
    """张国家 may hold a certificate, but a direction reading 国家安全 still blocks it."""
    officer = actors[Role.CERTIFICATE_OFFICER]
    batch, ids = ready_batch(env, actors, 1)
    _set_candidates(env, ids, names="张国家", direction="国家安全")
    with pytest.raises(ComplianceBlocked) as blocked:
        certificates.issue_batch(env, officer, batch, PASSPHRASE)
    assert ("国家", "正文") in _banned([f for _, f in blocked.value.findings])


def test_exemption_covers_only_page_runs_that_are_exactly_the_name() -> None:
    """Annotations and metadata carrying the name, and runs merely containing it, still block."""
    exact = make_pdf("兹证明\n中华\n专业技术等级证书")
    assert inspect_pdf(exact, WORDS, FOLD, names=("中华",)).ok
    assert not inspect_pdf(exact, WORDS, FOLD).ok
    longer = make_pdf("中华人民共和国专业技术等级证书\n中华")
    assert ("中华人民共和国", "正文") in _banned(
        list(inspect_pdf(longer, WORDS, FOLD, names=("中华",)).findings)
    )
    split = make_pdf("李中华专业技术等级证书\n李中华")
    assert ("中华", "正文") in _banned(
        list(inspect_pdf(split, WORDS, FOLD, names=("李中华",)).findings)
    )
    tagged = make_pdf("李中华", metadata="李中华", annotation="李中华")
    where = {
        w for _, w in _banned(list(inspect_pdf(tagged, WORDS, FOLD, names=("李中华",)).findings))
    }
    assert where == {"元数据:Title", "元数据:Author", "元数据:Subject", "元数据:Keywords", "批注"}


def test_name_added_as_annotation_to_an_issued_certificate_blocks(
    env: Env, actors: dict[Role, Actor]
) -> None:
    """A FreeText annotation with the holder's name is not page content and is not exempt."""
    officer = actors[Role.CERTIFICATE_OFFICER]
    batch, ids = ready_batch(env, actors, 1)
    _set_candidates(env, ids, names="吴国家")
    number = certificates.issue_batch(env, officer, batch, PASSPHRASE).numbers[0]
    pdf = certificates.certificate_pdf(env, officer, number)
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
    writer.add_annotation(0, FreeText(text="吴国家", rect=(50, 400, 250, 450)))
    out = io.BytesIO()
    writer.write(out)
    report = inspect_pdf(out.getvalue(), WORDS, FOLD, names=("吴国家",))
    assert ("国家", "批注") in _banned(list(report.findings))
    assert ("国家", "正文") not in _banned(list(report.findings))


@pytest.mark.parametrize("name", ["李䶮", "𠮷祥", "㐀䴘", "𠀀𪚥"])
def test_rare_name_characters_are_printed_on_signed_certificates(
    env: Env, actors: dict[Role, Actor], name: str
) -> None:
    """Extension A and B name characters print in a fallback face: extracted and inked."""
    officer = actors[Role.CERTIFICATE_OFFICER]
    batch, ids = ready_batch(env, actors, 1)
    _set_candidates(env, ids, names=name)
    number = certificates.issue_batch(env, officer, batch, PASSPHRASE).numbers[0]
    pdf = certificates.certificate_pdf(env, officer, number)
    assert name in pdf_text(pdf)
    rare = "".join(c for c in name if c in RARE)
    ink = ink_in_boxes(pdf, rare)
    assert all(dark > 10 for dark in ink.values()), ink


@pytest.mark.parametrize("char", UNDRAWABLE, ids=lambda c: f"U+{ord(c):04X}")
def test_name_no_font_can_draw_is_refused_before_anything_is_stored(
    env: Env, actors: dict[Role, Actor], char: str
) -> None:
    """A character no shipped font has would print blank: issuing stops, naming its code point."""
    officer = actors[Role.CERTIFICATE_OFFICER]
    batch, ids = ready_batch(env, actors, 1)
    name = f"李{char}"
    _set_candidates(env, ids, names=name)
    with pytest.raises(ValidationError) as refused:
        certificates.issue_batch(env, officer, batch, PASSPHRASE)
    message = refused.value.message
    assert f"姓名中的“{char}”(U+{ord(char):04X}) 在程序自带的字体中都没有字形" in message
    assert "证书无法打印" in message
    assert name not in message and "450" not in message
    assert not certificates.batch_certificates(env, officer, batch).certificates


def test_rare_character_and_banned_word_in_one_name_is_issued(
    env: Env, actors: dict[Role, Actor]
) -> None:
    """𠮷国家: the fallback face ends the run at 𠮷, so the name spans two runs and is still exempt."""
    officer = actors[Role.CERTIFICATE_OFFICER]
    batch, ids = ready_batch(env, actors, 1)
    _set_candidates(env, ids, names="𠮷国家")
    number = certificates.issue_batch(env, officer, batch, PASSPHRASE).numbers[0]
    pdf = certificates.certificate_pdf(env, officer, number)
    assert "𠮷国家" in pdf_text(pdf)
    assert ("国家", "正文") in _banned(list(inspect_pdf(pdf, WORDS, FOLD).findings))


def test_a_name_spread_over_runs_is_exempt_only_from_boundary_to_boundary() -> None:
    """Runs that together are exactly the name are blanked; a name ending inside a run is not."""
    assert blank_exact_runs(["兹证明 ", "𠮷", "国家", "（居民身份证）"], ["𠮷国家"]) == (
        f"兹证明 {NAME_PLACEHOLDER * 3}（居民身份证）"
    )
    assert blank_exact_runs(["𠮷", "国家专业技术等级证书"], ["𠮷国家"]) == "𠮷国家专业技术等级证书"
