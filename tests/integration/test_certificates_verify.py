"""`kaoping certificate verify`: signature, QR record, tampering, revocation (local and offline)."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pypdfium2
import pytest
from pypdf import PdfWriter

from kaoping.cli.app import run
from kaoping.domain.errors import ValidationError
from kaoping.domain.roles import Role
from kaoping.services import certificates, verification
from kaoping.services.base import Actor, Env
from tests.integration.test_certificates_support import PASSPHRASE, ready_batch


@pytest.fixture
def issued(env: Env, actors: dict[Role, Actor]) -> list[str]:
    """Two certificates issued in one batch."""
    batch, _ = ready_batch(env, actors, 2)
    officer = actors[Role.CERTIFICATE_OFFICER]
    return list(certificates.issue_batch(env, officer, batch, PASSPHRASE).numbers)


def _cli(env: Env, *argv: str) -> int:
    return run(list(argv), lambda _db: env)


def _save(env: Env, actor: Actor, number: str, folder: Path) -> Path:
    path = folder / f"{number}.pdf"
    path.write_bytes(certificates.certificate_pdf(env, actor, number))
    return path


def test_issued_certificate_verifies(
    env: Env,
    actors: dict[Role, Actor],
    issued: list[str],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A certificate as issued is valid: exit 0, its number and the ID's last four are shown."""
    path = _save(env, actors[Role.CERTIFICATE_OFFICER], issued[0], tmp_path)
    assert _cli(env, "certificate", "verify", str(path), "--json") == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown["ok"] and shown["number"] == issued[0] and shown["qr_version"] == 2
    assert shown["id_last4"] == _last4(env, issued[0]) and shown["masked_name"] == ""


def _last4(env: Env, number: str) -> str:
    with env.uow(write=False) as uow:
        record = uow.certificates.by_number(number)
        assert record is not None
        candidate = next(
            c
            for c in uow.certificates.candidates_of_batch(record.batch_id)
            if c.candidate_id == record.candidate_id
        )
    return candidate.id_number[-4:]


def test_one_changed_byte_fails(
    env: Env,
    actors: dict[Role, Actor],
    issued: list[str],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Changing a single byte of the signed file makes it invalid (exit 1), for one reason only:
    the content was tampered with; not also "signer not trusted" or "differs from the archive"."""
    path = _save(env, actors[Role.CERTIFICATE_OFFICER], issued[0], tmp_path)
    data = path.read_bytes()
    at = data.index(b"(Kaoping)") + 1
    path.write_bytes(data[:at] + b"k" + data[at + 1 :])
    cert_pem = tmp_path / "body.pem"
    with env.uow(write=False) as uow:
        cert_pem.write_bytes(uow.body.active_signing_key()[1])  # type: ignore[index]
    for extra in ((), ("--cert", str(cert_pem))):
        assert _cli(env, "certificate", "verify", str(path), "--json", *extra) == 1
        shown = json.loads(capsys.readouterr().out)
        assert len(shown["problems"]) == 1, shown["problems"]
        assert shown["problems"][0].startswith("内容被篡改")
    assert _cli(env, "certificate", "verify", str(path)) == 1
    out = capsys.readouterr().out
    assert "内容被篡改" in out and "不受信任" not in out and "存档" not in out


def test_appended_incremental_update_fails(
    env: Env,
    actors: dict[Role, Actor],
    issued: list[str],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """An incremental update appended after signing (new metadata) makes the file invalid."""
    path = _save(env, actors[Role.CERTIFICATE_OFFICER], issued[0], tmp_path)
    writer = PdfWriter(io.BytesIO(path.read_bytes()), incremental=True)
    writer.add_metadata({"/Subject": "已改动"})
    buffer = io.BytesIO()
    writer.write(buffer)
    assert buffer.getvalue().startswith(path.read_bytes())
    path.write_bytes(buffer.getvalue())
    assert _cli(env, "certificate", "verify", str(path)) == 1
    assert "签名之后文件又被追加修改过" in capsys.readouterr().out


def test_revoked_certificate_fails_locally_and_offline(
    env: Env,
    actors: dict[Role, Actor],
    issued: list[str],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Revocation shows in local verification and through an exported, signed revocation list."""
    officer = actors[Role.CERTIFICATE_OFFICER]
    path = _save(env, officer, issued[0], tmp_path)
    cert_pem = tmp_path / "body.pem"
    with env.uow(write=False) as uow:
        cert_pem.write_bytes(uow.body.active_signing_key()[1])  # type: ignore[index]
    old_list = tmp_path / "old.json"
    old_list.write_bytes(verification.export_revocation_list(env, officer, PASSPHRASE))
    certificates.revoke_certificate(env, officer, issued[0], "虚假承诺")
    new_list = tmp_path / "new.json"
    new_list.write_bytes(verification.export_revocation_list(env, officer, PASSPHRASE))
    assert _cli(env, "certificate", "verify", str(path)) == 1
    assert "已撤销（2026-11-25，虚假承诺）" in capsys.readouterr().out
    offline = ["certificate", "verify", str(path), "--cert", str(cert_pem), "--crl"]
    assert _cli(env, *offline, str(old_list)) == 0
    assert _cli(env, *offline, str(new_list)) == 1
    forged = json.loads(new_list.read_text("utf-8"))
    body = json.loads(forged["list"])
    body["entries"] = []
    forged["list"] = json.dumps(body, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    new_list.write_text(json.dumps(forged, ensure_ascii=False), encoding="utf-8")
    assert _cli(env, *offline, str(new_list)) == 2
    assert "吊销列表的签名无效" in capsys.readouterr().out


def test_qr_read_back_from_rendered_png(
    env: Env,
    actors: dict[Role, Actor],
    issued: list[str],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The QR code of an issued certificate, rendered to a PNG, is read and verified."""
    pdf = certificates.certificate_pdf(env, actors[Role.CERTIFICATE_OFFICER], issued[1])
    document = pypdfium2.PdfDocument(pdf)
    image = document[0].render(scale=150 / 72).to_pil()
    document.close()
    png = tmp_path / "scan.png"
    image.save(png)
    assert _cli(env, "certificate", "verify", "--qr", str(png), "--json") == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown["number"] == issued[1] and shown["id_last4"] == _last4(env, issued[1])
    certificates.revoke_certificate(env, actors[Role.CERTIFICATE_OFFICER], issued[1], "误发")
    assert _cli(env, "certificate", "verify", "--qr", str(png)) == 1


def test_unreadable_inputs_exit_2(env: Env, issued: list[str], tmp_path: Path) -> None:
    """A file that is not a PDF, or a picture without a QR code, cannot be verified (exit 2)."""
    junk = tmp_path / "junk.pdf"
    junk.write_bytes(b"not a pdf at all")
    assert _cli(env, "certificate", "verify", str(junk)) == 2
    blank = tmp_path / "blank.png"
    from PIL import Image

    Image.new("RGB", (200, 200), "white").save(blank)
    assert _cli(env, "certificate", "verify", "--qr", str(blank)) == 2
    assert _cli(env, "certificate", "verify", str(tmp_path / "missing.pdf")) == 2


def test_certificate_from_another_key_is_invalid(
    env: Env,
    actors: dict[Role, Actor],
    issued: list[str],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Checked against another body's certificate, a genuine file is not accepted."""
    from kaoping.adapters.identity import export_encrypted, generate_identity

    other = tmp_path / "other.pem"
    other.write_bytes(export_encrypted(generate_identity("别的机构", "X1"), "passphrase9")[1])
    path = _save(env, actors[Role.CERTIFICATE_OFFICER], issued[0], tmp_path)
    assert _cli(env, "certificate", "verify", str(path), "--cert", str(other), "--json") == 1
    shown = json.loads(capsys.readouterr().out)
    # One defect, one reason: the QR code failing against the same wrong key is not repeated.
    assert [p[:7] for p in shown["problems"]] == ["签名者不受信任"]


def test_qr_with_lookup_url_still_verifies(
    env: Env, actors: dict[Role, Actor], admin: Actor, tmp_path: Path
) -> None:
    """With a lookup URL configured, the QR opens that page on a phone and still verifies offline."""
    from dataclasses import replace

    officer = actors[Role.CERTIFICATE_OFFICER]
    settings = certificates.certificate_settings(env, officer)
    certificates.update_certificate_settings(
        env, admin, replace(settings, qr_url_prefix="https://verify.example.org/c?q=")
    )
    batch, _ = ready_batch(env, actors, 1)
    number = certificates.issue_batch(env, officer, batch, PASSPHRASE).numbers[0]
    record = certificates.find_certificate(env, officer, number)
    assert record.qr_payload.startswith("https://verify.example.org/c?q=KP2:")
    # A prefix that would shrink the modules below 0.8 mm is refused when it is set.
    too_long = replace(settings, qr_url_prefix="https://verify.example.org/" + "x" * 120 + "?c=")
    with pytest.raises(ValidationError, match="请缩短核验网址前缀"):
        certificates.update_certificate_settings(env, admin, too_long)
    path = _save(env, officer, number, tmp_path)
    assert _cli(env, "certificate", "verify", str(path)) == 0


def test_a_qr_code_of_the_first_format_still_verifies(
    env: Env, actors: dict[Role, Actor], issued: list[str], tmp_path: Path
) -> None:
    """Certificates issued before version 2 carry `KP1:` codes; a photo of one still verifies."""
    from datetime import date

    from kaoping.adapters.qr import make_qr_png
    from kaoping.domain.catalogue import Level
    from kaoping.domain.certificates import QrRecord

    kit = env.adapters.certificates
    with env.uow(write=False) as uow:
        key = uow.body.active_signing_key()
        code = uow.body.get_profile().code  # type: ignore[union-attr]
    assert key is not None
    identity = kit.open_identity(key[0], key[1], PASSPHRASE)
    old = QrRecord(
        issued[0],
        "张*明",
        "2-02-10-09",
        "计算机视觉产品实现",
        Level.INTERMEDIATE,
        date(2026, 11, 25),
        code,
    )
    payload = kit.sign_qr(identity, old, "")
    assert payload.startswith("KP1:")
    result = verification.verify_qr_image(env, make_qr_png(payload))
    assert result.ok and result.record == old and result.record.masked_name == "张*明"
