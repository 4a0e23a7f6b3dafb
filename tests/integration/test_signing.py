"""PAdES signatures on certificate PDFs and the signed QR record: what verification catches."""

from __future__ import annotations

import io
from datetime import date

import numpy as np
import pytest
import zxingcpp
from PIL import Image
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

from kaoping.adapters.certificate_pdf import load_template, render_certificate
from kaoping.adapters.identity import SigningIdentity, fingerprint_sha256, generate_identity
from kaoping.adapters.pdf_signing import sign_pdf, validate_pdf
from kaoping.adapters.qr import make_qr_png, read_qr, sign_qr_record, verify_qr_payload
from kaoping.domain.catalogue import Level
from kaoping.domain.certificates import (
    QrRecord,
    decode_qr_payload,
    encode_qr_payload,
)
from kaoping.domain.errors import ValidationError
from tests.certificate_samples import sample_content


@pytest.fixture(scope="module")
def identity() -> SigningIdentity:
    return generate_identity("示例数字技术评价中心", "4501")


@pytest.fixture(scope="module")
def stranger() -> SigningIdentity:
    return generate_identity("冒名机构", "9999")


@pytest.fixture(scope="module")
def record() -> QrRecord:
    return QrRecord(
        "GXDT-4501-2026-000123-K",
        "张*明",
        "2-02-10-09",
        "计算机视觉产品实现",
        Level.SENIOR,
        date(2026, 11, 25),
        "4501",
    )


@pytest.fixture(scope="module")
def unsigned_pdf() -> bytes:
    return render_certificate(sample_content(), load_template(), None)


@pytest.fixture(scope="module")
def signed_pdf(unsigned_pdf: bytes, identity: SigningIdentity) -> bytes:
    return sign_pdf(unsigned_pdf, identity, location="南宁")


def test_signed_certificate_validates(signed_pdf: bytes, identity: SigningIdentity) -> None:
    """A freshly signed certificate is intact, valid, trusted and covers the whole file."""
    status = validate_pdf(signed_pdf, identity.certificate)
    assert status.ok
    assert status.covers_whole_file and not status.modified_after_signing
    assert status.signer_fingerprint == fingerprint_sha256(identity.certificate)
    assert status.problems() == []


def test_signing_keeps_the_original_bytes(unsigned_pdf: bytes, signed_pdf: bytes) -> None:
    """The signature is appended; what was compliance-checked is byte-for-byte what is signed."""
    assert signed_pdf.startswith(unsigned_pdf)


def test_one_changed_byte_breaks_the_signature(
    signed_pdf: bytes, identity: SigningIdentity
) -> None:
    """Changing a single byte of the signed content makes the certificate fail verification."""
    # The page's MediaBox in the original revision; one digit changes.
    position = signed_pdf.index(b"841.8898") + 7
    tampered = signed_pdf[:position] + b"9" + signed_pdf[position + 1 :]
    assert len(tampered) == len(signed_pdf) and tampered != signed_pdf
    status = validate_pdf(tampered, identity.certificate)
    assert not status.intact
    assert not status.ok
    # One defect, one reason: not also "signer not trusted", which pyHanko reports as well.
    assert status.problems() == ["内容被篡改：签名后文件内容被改动过，签名不再成立"]


def test_appended_update_is_detected(signed_pdf: bytes, identity: SigningIdentity) -> None:
    """Adding an annotation after signing (an incremental update) makes the document not OK."""
    writer = IncrementalPdfFileWriter(io.BytesIO(signed_pdf))
    page = writer.root["/Pages"]["/Kids"][0].get_object()
    note = generic.DictionaryObject(
        {  # type: ignore[no-untyped-call]
            generic.NameObject("/Type"): generic.NameObject("/Annot"),
            generic.NameObject("/Subtype"): generic.NameObject("/Text"),
            generic.NameObject("/Rect"): generic.ArrayObject([generic.FloatObject(10)] * 4),  # type: ignore[no-untyped-call]
            generic.NameObject("/Contents"): generic.TextStringObject("改为高级"),
        }
    )
    page[generic.NameObject("/Annots")] = generic.ArrayObject([writer.add_object(note)])
    writer.update_container(page)
    out = io.BytesIO()
    writer.write(out)  # type: ignore[no-untyped-call]
    status = validate_pdf(out.getvalue(), identity.certificate)
    assert status.intact  # the signed part itself is untouched...
    assert status.modified_after_signing and not status.covers_whole_file
    assert not status.ok  # ...but the document as a whole is not what was signed
    assert "签名之后文件又被追加修改过" in status.problems()


def test_trailing_bytes_are_detected(signed_pdf: bytes, identity: SigningIdentity) -> None:
    """Even junk appended after the end of the signed file is flagged."""
    assert not validate_pdf(signed_pdf + b"\n% extra\n", identity.certificate).ok


def test_other_key_is_not_trusted(
    unsigned_pdf: bytes, identity: SigningIdentity, stranger: SigningIdentity
) -> None:
    """A certificate signed by someone else's key is reported as untrusted."""
    forged = sign_pdf(unsigned_pdf, stranger)
    status = validate_pdf(forged, identity.certificate)
    assert status.intact and status.valid
    assert not status.trusted and not status.ok
    assert status.signer_fingerprint == fingerprint_sha256(stranger.certificate)


def test_unsigned_pdf_is_not_ok(unsigned_pdf: bytes, identity: SigningIdentity) -> None:
    """An unsigned certificate is reported as having no signature."""
    status = validate_pdf(unsigned_pdf, identity.certificate)
    assert not status.ok
    assert status.problems() == ["文件没有电子签名"]


def test_non_pdf_input_gives_a_readable_error(identity: SigningIdentity) -> None:
    """Feeding something that is not a PDF is a validation error, not a crash."""
    with pytest.raises(ValidationError, match="不是有效的 PDF"):
        sign_pdf(b"hello", identity)
    with pytest.raises(ValidationError, match="不是有效的 PDF"):
        validate_pdf(b"hello", identity.certificate)


def test_qr_record_signature_round_trips(identity: SigningIdentity, record: QrRecord) -> None:
    """A signed QR text verifies and yields the record, with or without a lookup URL."""
    assert verify_qr_payload(sign_qr_record(identity, record), identity.certificate) == record
    linked = sign_qr_record(identity, record, "https://example.org/v?c=")
    assert linked.startswith("https://example.org/v?c=KP1:")
    assert verify_qr_payload(linked, identity.certificate) == record


def test_tampered_qr_record_is_rejected(identity: SigningIdentity, record: QrRecord) -> None:
    """Changing the level inside a signed QR text makes verification fail."""
    data, signature = decode_qr_payload(sign_qr_record(identity, record))
    forged = encode_qr_payload(data.replace(b"|S|", b"|J|"), signature)
    with pytest.raises(ValidationError, match="二维码签名无效"):
        verify_qr_payload(forged, identity.certificate)
    with pytest.raises(ValidationError, match="二维码签名无效"):
        verify_qr_payload(encode_qr_payload(data, signature[:-1]), identity.certificate)


def test_qr_from_unknown_signer_is_rejected(
    identity: SigningIdentity, stranger: SigningIdentity, record: QrRecord
) -> None:
    """A QR code signed by another key does not verify against the body's certificate."""
    with pytest.raises(ValidationError, match="二维码签名无效"):
        verify_qr_payload(sign_qr_record(stranger, record), identity.certificate)


def test_qr_png_reads_back(identity: SigningIdentity, record: QrRecord) -> None:
    """A QR PNG made for a payload is read back exactly."""
    payload = sign_qr_record(identity, record)
    assert read_qr(make_qr_png(payload, box_size=4)) == [payload]


def test_read_qr_takes_only_the_kind_of_code_kaoping_prints() -> None:
    """A Micro QR symbol beside a ticket's code is not read as a second code.

    zxing-cpp 3 counts Micro QR as QR; a corner of a real code once read as one ("9696").
    """
    ticket = Image.open(io.BytesIO(make_qr_png("KPT-AIJ202601001068-YHRFBE7W", box_size=4)))
    micro = zxingcpp.create_barcode("9696", zxingcpp.BarcodeFormat.MicroQRCode)
    small = Image.fromarray(np.asarray(micro.to_image(scale=4, add_quiet_zones=True)))
    page = Image.new("L", (ticket.width + small.width + 40, ticket.height), 255)
    page.paste(ticket.convert("L"), (0, 0))
    page.paste(small, (ticket.width + 20, 20))
    out = io.BytesIO()
    page.save(out, format="PNG")
    assert read_qr(out.getvalue()) == ["KPT-AIJ202601001068-YHRFBE7W"]


def test_read_qr_on_non_image_says_so() -> None:
    """Uploading a file that is not an image gives a readable error."""
    with pytest.raises(ValidationError, match="无法打开图片"):
        read_qr(b"%PDF-1.4 not an image")
