"""The directly written signature revision: valid for pyHanko and poppler, and still tamper-evident."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from asn1crypto import cms
from cryptography.hazmat.primitives import serialization
from pypdf import PdfWriter

from kaoping.adapters import pdf_signing
from kaoping.adapters.certificate_pdf import load_template, render_certificate
from kaoping.adapters.certificate_tools import CertificateToolkit
from kaoping.adapters.identity import SigningIdentity, generate_identity
from kaoping.adapters.pdf_inspect import DocumentUnreadable
from kaoping.adapters.pdf_sig_update import prepare_signature
from kaoping.adapters.pdf_signing import TAMPERED, sign_pdf, validate_pdf
from kaoping.domain.certificates import CertificateContent
from tests.certificate_samples import sample_content


@pytest.fixture(scope="module")
def identity() -> SigningIdentity:
    return generate_identity("示例数字技术评价中心", "4501")


def _content(name: str = "张三明") -> CertificateContent:
    return sample_content(name=name)


@pytest.fixture(scope="module")
def unsigned() -> bytes:
    return render_certificate(_content(), load_template(), None)


@pytest.fixture(scope="module")
def signed(unsigned: bytes, identity: SigningIdentity) -> bytes:
    return sign_pdf(unsigned, identity, location="南宁")


def _cms(pdf: bytes) -> cms.ContentInfo:
    contents = re.findall(rb"/Contents\s*<([0-9A-Fa-f]+)>", pdf)[-1]
    return cms.ContentInfo.load(bytes.fromhex(contents.decode()))


def test_certificate_is_signed_without_pyhanko_rewriting_it(
    unsigned: bytes, identity: SigningIdentity, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A rendered certificate takes the direct path; pyHanko's writer is never called."""

    def refuse(*_: object) -> bytes:
        raise AssertionError("the general path was taken for a rendered certificate")

    monkeypatch.setattr(pdf_signing, "_sign_with_pyhanko", refuse)
    signed = sign_pdf(unsigned, identity)
    assert signed.startswith(unsigned)
    assert validate_pdf(signed, identity.certificate).ok


def test_signed_certificate_validates_with_pyhanko(
    signed: bytes, identity: SigningIdentity
) -> None:
    status = validate_pdf(signed, identity.certificate)
    assert status.ok and status.covers_whole_file and not status.modified_after_signing


def test_container_has_the_pades_attributes_and_no_signing_time(signed: bytes) -> None:
    """PAdES B-B: content type, message digest and signing-certificate-v2; the time is in /M."""
    signer_info = _cms(signed)["content"]["signer_infos"][0]
    types = [a["type"].native for a in signer_info["signed_attrs"]]
    assert types == ["content_type", "message_digest", "signing_certificate_v2"]
    assert "signing_time" not in types
    assert signer_info["signature_algorithm"]["algorithm"].native == "sha256_ecdsa"
    assert b"/SubFilter /ETSI.CAdES.detached" in signed
    assert re.search(rb"/M \(D:\d{14}Z\)", signed)


def test_each_document_gets_its_own_digest_and_signature(
    identity: SigningIdentity, signed: bytes
) -> None:
    other = sign_pdf(render_certificate(_content("李四"), load_template(), None), identity)
    first, second = (_cms(pdf)["content"]["signer_infos"][0] for pdf in (signed, other))
    digests = [
        next(
            a["values"][0].native
            for a in si["signed_attrs"]
            if a["type"].native == "message_digest"
        )
        for si in (first, second)
    ]
    assert digests[0] != digests[1]
    assert first["signature"].native != second["signature"].native
    assert validate_pdf(other, identity.certificate).ok


@pytest.mark.skipif(shutil.which("pdfsig") is None, reason="poppler's pdfsig is not installed")
def test_poppler_accepts_the_signature(signed: bytes, tmp_path: Path) -> None:
    path = tmp_path / "signed.pdf"
    path.write_bytes(signed)
    result = subprocess.run(
        ["pdfsig", str(path)], capture_output=True, text=True, check=False, timeout=60
    )
    assert "Signature is Valid" in result.stdout
    assert "Total document signed" in result.stdout
    assert "ETSI.CAdES.detached" in result.stdout


def _rejected(pdf: bytes, identity: SigningIdentity) -> bool:
    """What the product's verify makes of a file: not OK, or not readable at all."""
    cert_pem = identity.certificate.public_bytes(serialization.Encoding.PEM)
    try:
        return not CertificateToolkit().validate_pdf(pdf, [cert_pem]).ok
    except DocumentUnreadable:
        return True


@pytest.mark.parametrize(
    "target",
    [rb"841\.889(8)", rb"/M \(D:(2)", rb"/Fields \[ (\d)", rb"/SigFlags (3)", rb"/P (1) >>"],
)
def test_one_byte_changed_inside_the_signed_range_is_caught(
    signed: bytes, identity: SigningIdentity, target: bytes
) -> None:
    """Whether in the original page or in the signature revision itself."""
    found = list(re.finditer(target, signed))[-1]
    position = found.start(1)
    replacement = b"7" if signed[position : position + 1] != b"7" else b"8"
    tampered = signed[:position] + replacement + signed[position + 1 :]
    assert len(tampered) == len(signed) and tampered != signed
    assert _rejected(tampered, identity)


def test_a_changed_page_digit_is_reported_as_tampering(
    signed: bytes, identity: SigningIdentity
) -> None:
    position = signed.index(b"841.8898") + 7
    tampered = signed[:position] + b"9" + signed[position + 1 :]
    status = validate_pdf(tampered, identity.certificate)
    assert not status.intact and status.problems() == [TAMPERED]


def test_a_changed_signature_value_is_caught(signed: bytes, identity: SigningIdentity) -> None:
    der = _cms(signed).dump()
    value = bytes(_cms(signed)["content"]["signer_infos"][0]["signature"].native)
    flipped = value[:-1] + bytes([value[-1] ^ 1])
    forged = der.replace(value, flipped).hex().upper().encode()
    start = signed.index(der.hex().upper().encode())
    tampered = signed[:start] + forged + signed[start + len(forged) :]
    assert len(tampered) == len(signed)
    assert not validate_pdf(tampered, identity.certificate).ok


def test_the_product_verify_accepts_it(signed: bytes, identity: SigningIdentity) -> None:
    """`validate_pdf` of the certificate tools, as `kaoping certificate verify` uses it."""
    cert_pem = identity.certificate.public_bytes(serialization.Encoding.PEM)
    check = CertificateToolkit().validate_pdf(signed, [cert_pem])
    assert check.ok and check.problems == ()


def _rewritten_with_pypdf(pdf: bytes) -> bytes:
    writer = PdfWriter(clone_from=io.BytesIO(pdf))
    writer.add_metadata({"/Subject": "另存"})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _with_update(pdf: bytes) -> bytes:
    writer = PdfWriter(io.BytesIO(pdf), incremental=True)
    writer.add_metadata({"/Subject": "追加"})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


@pytest.mark.parametrize("change", [_rewritten_with_pypdf, _with_update])
def test_other_pdfs_take_the_general_path_and_still_validate(
    unsigned: bytes,
    identity: SigningIdentity,
    change: object,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A file with an earlier update or another writer's layout is signed by pyHanko as before."""
    assert callable(change)
    pdf = change(unsigned)
    general = pdf_signing._sign_with_pyhanko
    used: list[bool] = []

    def spy(*args: object) -> bytes:
        used.append(True)
        return general(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(pdf_signing, "_sign_with_pyhanko", spy)
    if prepare_signature(pdf, capacity=16, field_name="F", reason="", location="") is None:
        signed = sign_pdf(pdf, identity)
        assert used == [True]
    else:  # pypdf wrote a plain table without /Prev: the direct path is fine and must work
        signed = sign_pdf(pdf, identity)
        assert used == []
    assert validate_pdf(signed, identity.certificate).ok


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"%PDF-1.4\nstartxref\n0\n%%EOF\n",
        b"%PDF-1.4\nxref\n0 1\n0000000000 65535 f \ntrailer\n<< /Size 1 >>\nstartxref\n9\n%%EOF",
        b"%PDF-1.4\n" + b"\x00" * 100 + b"\nstartxref\n99999999\n%%EOF\n",
    ],
)
def test_damaged_input_is_not_prepared(data: bytes) -> None:
    """Garbage never reaches the direct writer; the general path then refuses it in Chinese."""
    assert prepare_signature(data, capacity=16, field_name="F", reason="", location="") is None


def test_existing_form_is_left_to_pyhanko(unsigned: bytes) -> None:
    # Same length, so every offset in the cross-reference table stays right.
    marked = unsigned.replace(b"/PageMode /UseNone", b"/AcroForm << >>   ", 1)
    assert len(marked) == len(unsigned) and marked != unsigned
    assert prepare_signature(marked, capacity=16, field_name="F", reason="", location="") is None
