"""QR codes: PNG images, reading codes from scans, and the signed certificate record they carry.

The record is signed with the body's ECDSA P-256 key; the signature travels as its two numbers r
and s (as decimal digits in version 2, base64url bytes in version 1) rather than DER, to keep the
code small enough to scan reliably from print. docs/certificate-qr.md shows how anyone turns
them back into DER and checks them with OpenSSL.
"""

from __future__ import annotations

import io

import qrcode
import zxingcpp
from cryptography import x509
from cryptography.hazmat.primitives.asymmetric.utils import (
    decode_dss_signature,
    encode_dss_signature,
)
from PIL import Image
from qrcode.constants import ERROR_CORRECT_M

from kaoping.adapters import bounded
from kaoping.adapters.identity import SigningIdentity, sign_bytes, verify_bytes
from kaoping.domain.certificates import QrRecord, decode_qr_payload, encode_qr_payload
from kaoping.domain.errors import ValidationError

__all__ = ["make_qr_png", "read_qr", "sign_qr_record", "verify_qr_payload"]

_P256_HALF = 32
# Model 2 QR codes only, what Kaoping prints: zxing-cpp 3's "QRCode" family also takes Micro QR,
# and a corner of a real code can read as a false Micro QR symbol (seen: "9696" on a ticket page).
_QR_ONLY = zxingcpp.BarcodeFormats(zxingcpp.BarcodeFormat.QRCodeModel2)


def make_qr_png(payload: str, box_size: int = 8) -> bytes:
    """Render `payload` as a black-on-white QR code PNG (error correction M, 4-module margin)."""
    code = qrcode.QRCode(error_correction=ERROR_CORRECT_M, box_size=box_size, border=4)
    code.add_data(payload)
    code.make(fit=True)
    image = code.make_image(fill_color="black", back_color="white")
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def read_qr(image_bytes: bytes) -> list[str]:
    """Return the texts of all QR codes found in an image (PNG, JPEG, ...), top to bottom.

    Raises:
        ValidationError: The bytes are not an image, or too large (`bounded.IMAGES`).
    """
    bounded.check_size(len(image_bytes), bounded.IMAGES)
    try:
        with Image.open(io.BytesIO(image_bytes)) as image:
            # Checked before decoding: a small file may claim gigapixels (a decompression bomb).
            bounded.check_pixels(image.width, image.height, bounded.IMAGES)
            gray = image.convert("L")
    except ValidationError:
        raise
    except Exception:  # Pillow's decoders raise many kinds (SyntaxError, struct.error ...)
        raise ValidationError(
            "无法打开图片，请使用 PNG 或 JPEG 格式的扫描件", field="图片"
        ) from None
    results = zxingcpp.read_barcodes(gray, formats=_QR_ONLY)
    ordered = sorted(results, key=lambda r: (r.position.top_left.y, r.position.top_left.x))
    return [r.text for r in ordered if r.valid]


def _raw_signature(der: bytes) -> bytes:
    r, s = decode_dss_signature(der)
    return r.to_bytes(_P256_HALF, "big") + s.to_bytes(_P256_HALF, "big")


def sign_qr_record(identity: SigningIdentity, record: QrRecord, url_prefix: str = "") -> str:
    """Sign a certificate record and return the text to print as the QR code."""
    data = record.to_compact()
    return encode_qr_payload(data, _raw_signature(sign_bytes(identity, data)), url_prefix)


def verify_qr_payload(text: str, cert: x509.Certificate) -> QrRecord:
    """Check a scanned QR text against the body's certificate and return the record.

    Raises:
        ValidationError: The text is not a certificate code, was altered, or was signed by a key
            other than the one of `cert`.
    """
    data, signature = decode_qr_payload(text)
    invalid = ValidationError(
        "二维码签名无效：内容被改动过，或不是该评价机构签发的证书；请用签发机构的证书核验，"
        "或联系评价机构查询",
        field="二维码",
    )
    if len(signature) != 2 * _P256_HALF:
        raise invalid
    der = encode_dss_signature(
        int.from_bytes(signature[:_P256_HALF], "big"), int.from_bytes(signature[_P256_HALF:], "big")
    )
    if not verify_bytes(cert, data, der):
        raise invalid
    return QrRecord.parse_compact(data)
