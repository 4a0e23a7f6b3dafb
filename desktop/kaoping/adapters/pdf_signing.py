"""PAdES B-B signatures on certificate PDFs, made and checked with pyHanko.

The signature is a certification signature that allows no later changes, and validation also
insists that the signature covers the whole file: anything appended after signing (an incremental
update adding an annotation, a replaced page) makes the document not OK, even where a PDF viewer
would still call the signature itself valid. pyHanko takes about 0.4 s to import, so it is imported
inside the functions that need it.

Signing a certificate is fast: the signature revision is written directly for files with a plain
cross-reference table (`kaoping.adapters.pdf_sig_update`), and the CMS container is the one
pyHanko built for the signer once, with only the message digest and the signature value
renewed per document (the other signed attributes of PAdES B-B do not depend on the document).
Other files go through pyHanko's writer as a whole.
"""

from __future__ import annotations

import asyncio
import hashlib
import io
import logging
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec

from kaoping.adapters.identity import SigningIdentity, fingerprint_sha256
from kaoping.adapters.pdf_sig_update import prepare_signature
from kaoping.domain.errors import ValidationError

__all__ = ["PdfSignatureStatus", "sign_pdf", "validate_pdf"]

_FIELD_NAME = "KaopingSignature"
_signer_lock = threading.Lock()
_signer_cache: dict[str, tuple[object, Any]] = {}
# Room pyHanko reserved for each signer's signature the first time. Without a figure it signs
# twice per document (a dummy signature to measure the size); the size depends only on the
# signer's certificate and key, so one measurement serves every later document.
_reserved: dict[str, int] = {}
_CONTENTS = re.compile(rb"/Contents\s*<([0-9A-Fa-f]+)>")
_template_cache: dict[str, tuple[object, _CmsTemplate | None]] = {}
# The digest the container is first built for: found exactly once in the DER, then replaced.
_MARKER_DIGEST = hashlib.sha256(b"kaoping signed attributes").digest()
# A new ECDSA value may be a few bytes longer than the first one, and so may the lengths above it.
_CAPACITY_MARGIN = 32


@dataclass(frozen=True)
class PdfSignatureStatus:
    """The outcome of checking a signed PDF.

    Attributes:
        intact: The signed bytes hash to the value inside the signature.
        valid: The signature value verifies against the signer's certificate.
        trusted: The signer's certificate chains to the trust certificate given.
        covers_whole_file: The signature covers every byte of the file.
        modified_after_signing: Something was added to the file after it was signed.
        signer_fingerprint: SHA-256 fingerprint of the signer's certificate ("" if unsigned).
    """

    intact: bool
    valid: bool
    trusted: bool
    covers_whole_file: bool
    modified_after_signing: bool
    signer_fingerprint: str

    @property
    def ok(self) -> bool:
        """True only for an untouched document signed by the trusted key."""
        return (
            self.intact
            and self.valid
            and self.trusted
            and self.covers_whole_file
            and not self.modified_after_signing
        )

    def problems(self) -> list[str]:
        """Explain, in Chinese, each defect of the document (empty when OK), one reason each.

        A change inside the signed bytes breaks the signature itself; pyHanko then also reports
        the signer as untrusted, but that is a consequence of the same change, not a second
        defect, so only the tampering is named.
        """
        if not self.signer_fingerprint:
            return ["文件没有电子签名"]
        if not (self.intact and self.valid):
            return [TAMPERED]
        found = []
        if not self.trusted:
            found.append(UNTRUSTED)
        if self.modified_after_signing or not self.covers_whole_file:
            found.append(APPENDED)
        return found


TAMPERED = "内容被篡改：签名后文件内容被改动过，签名不再成立"
UNTRUSTED = "签名者不受信任：不是所信任的评价机构签名的（请用签发机构的证书核验）"
APPENDED = "签名之后文件又被追加修改过"
_UNSIGNED = PdfSignatureStatus(False, False, False, False, False, "")


def _signer_for(identity: SigningIdentity) -> Any:
    """Build (once per identity) the pyHanko signer; key conversion costs more than signing."""
    from asn1crypto import keys as asn1_keys
    from asn1crypto import x509 as asn1_x509
    from pyhanko.sign import signers
    from pyhanko_certvalidator.registry import SimpleCertificateStore

    fingerprint = fingerprint_sha256(identity.certificate)
    with _signer_lock:
        cached = _signer_cache.get(fingerprint)
        if cached is not None and cached[0] is identity.private_key:
            return cached[1]
        cert = asn1_x509.Certificate.load(
            identity.certificate.public_bytes(serialization.Encoding.DER)
        )
        # The DER stays in memory only, handed straight to the signer.
        key = asn1_keys.PrivateKeyInfo.load(
            identity.private_key.private_bytes(
                serialization.Encoding.DER,
                serialization.PrivateFormat.PKCS8,
                serialization.NoEncryption(),
            )
        )
        registry = SimpleCertificateStore()  # type: ignore[no-untyped-call]
        registry.register(cert)
        signer = signers.SimpleSigner(signing_cert=cert, signing_key=key, cert_registry=registry)
        _signer_cache[fingerprint] = (identity.private_key, signer)
        return signer


def sign_pdf(
    pdf: bytes, identity: SigningIdentity, reason: str = "证书签发", location: str = ""
) -> bytes:
    """Sign a PDF (PAdES B-B, SHA-256, certification with no changes allowed).

    Args:
        pdf: The finished, compliance-checked document.
        identity: The evaluation body's signing identity.
        reason: The reason recorded in the signature.
        location: The place recorded in the signature, if any.

    Returns:
        The signed PDF: the original bytes plus an incremental update holding the signature.

    Raises:
        ValidationError: The input is not a readable PDF.
    """
    template = _template_for(identity)
    if template is not None:
        prepared = prepare_signature(
            pdf,
            capacity=template.capacity,
            field_name=_FIELD_NAME,
            reason=reason,
            location=location,
        )
        if prepared is not None:
            digest = hashlib.sha256()
            for part in prepared.signed_ranges():
                digest.update(part)
            return prepared.with_signature(template.build(digest.digest()))
    return _sign_with_pyhanko(pdf, identity, reason, location)


def _sign_with_pyhanko(pdf: bytes, identity: SigningIdentity, reason: str, location: str) -> bytes:
    """The general path: pyHanko reads the file, writes the update and builds the CMS."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.pdf_utils.misc import PdfError
    from pyhanko.sign import fields, signers

    try:
        writer = IncrementalPdfFileWriter(io.BytesIO(pdf), strict=False)
    except (PdfError, ValueError) as exc:
        raise ValidationError(f"文件不是有效的 PDF，无法签名（{exc}）", field="PDF") from None
    meta = signers.PdfSignatureMetadata(
        field_name=_FIELD_NAME,
        md_algorithm="sha256",
        subfilter=fields.SigSeedSubFilter.PADES,
        reason=reason or None,
        location=location or None,
        certify=True,
        docmdp_permissions=fields.MDPPerm.NO_CHANGES,
    )
    key = fingerprint_sha256(identity.certificate)
    output = signers.sign_pdf(
        writer, meta, signer=_signer_for(identity), bytes_reserved=_reserved.get(key)
    )
    signed = bytes(output.getvalue())
    if key not in _reserved:
        found = _CONTENTS.findall(signed[len(pdf) :])
        if found:
            _reserved[key] = len(found[-1])  # hex digits, as pyHanko counts them
    return signed


@dataclass(frozen=True)
class _CmsTemplate:
    """A PAdES B-B signature container pyHanko built for one signer, ready to be renewed.

    Per document only two things differ: the message-digest attribute (a 32-byte value at a
    fixed place inside the signed attributes) and the signature over those attributes. The
    rest (content type, signing-certificate-v2, the certificates) is copied as pyHanko wrote it.

    Attributes:
        content_type: The ContentInfo's contentType, as DER.
        signed_data_head: SignedData's fields before the SignerInfos set, as DER.
        signer_info_head: SignerInfo's fields before the signature value, as DER.
        digest_at: Where the message digest sits in `signer_info_head`.
        attrs: Where the signed attributes ([0] IMPLICIT SET) sit in `signer_info_head`.
        sign: Signs the DER of the signed attributes with the signer's key.
        capacity: Bytes to reserve in /Contents for one container.
    """

    content_type: bytes
    signed_data_head: bytes
    signer_info_head: bytes
    digest_at: int
    attrs: tuple[int, int]
    sign: Callable[[bytes], bytes]
    capacity: int

    def build(self, digest: bytes, signature: bytes | None = None) -> bytes:
        """The DER container for a document with this SHA-256 digest."""
        head = (
            self.signer_info_head[: self.digest_at]
            + digest
            + self.signer_info_head[self.digest_at + len(digest) :]
        )
        if signature is None:
            start, end = self.attrs
            # What is signed is the attributes with their universal SET tag (RFC 5652, 5.4).
            signature = self.sign(b"\x31" + head[start + 1 : end])
        signer_info = _tlv(0x30, head + _tlv(0x04, signature))
        signed_data = _tlv(0x30, self.signed_data_head + _tlv(0x31, signer_info))
        return _tlv(0x30, self.content_type + _tlv(0xA0, signed_data))


def _template_for(identity: SigningIdentity) -> _CmsTemplate | None:
    """The signer's container template, built once per identity; None if keys do not fit it."""
    fingerprint = fingerprint_sha256(identity.certificate)
    with _signer_lock:
        cached = _template_cache.get(fingerprint)
        if cached is not None and cached[0] is identity.private_key:
            return cached[1]
    template = _build_template(identity)
    with _signer_lock:
        _template_cache[fingerprint] = (identity.private_key, template)
    return template


def _build_template(identity: SigningIdentity) -> _CmsTemplate | None:
    from asn1crypto import cms

    signer = _signer_for(identity)
    with _signer_lock:  # one signer object, used from one thread at a time
        info = asyncio.run(signer.async_sign(_MARKER_DIGEST, "sha256", use_pades=True))
    der = bytes(info.dump())
    signer_info = info["content"]["signer_infos"][0]
    sign = _key_signer(identity, signer_info["signature_algorithm"])
    parts = _split_container(der)
    if sign is None or parts is None:
        return None
    content_type, signed_data_head, signer_info_head = parts
    attrs = _attrs_span(signer_info_head)
    digest_at = signer_info_head.find(_MARKER_DIGEST)
    if (
        attrs is None
        or digest_at < 0
        or signer_info_head.count(_MARKER_DIGEST) != 1
        or not attrs[0] < digest_at < attrs[1]
        or not isinstance(info, cms.ContentInfo)
    ):
        return None
    template = _CmsTemplate(
        content_type,
        signed_data_head,
        signer_info_head,
        digest_at,
        attrs,
        sign,
        len(der) + _CAPACITY_MARGIN,
    )
    # Rebuilt from its parts with pyHanko's own signature value, the container must come out
    # byte for byte as pyHanko wrote it; anything else means the layout was misread.
    if template.build(_MARKER_DIGEST, bytes(signer_info["signature"].native)) != der:
        return None
    return template


def _key_signer(identity: SigningIdentity, algorithm: Any) -> Callable[[bytes], bytes] | None:
    """ECDSA-SHA256 with the identity's key, if that is what pyHanko put in the container."""
    key = identity.private_key  # always P-256 (see `identity`)
    if algorithm.hash_algo != "sha256" or algorithm.signature_algo != "ecdsa":
        return None
    return lambda data: key.sign(data, ec.ECDSA(hashes.SHA256()))


def _elements(contents: bytes) -> list[bytes]:
    """The DER elements one after another in a constructed value's contents."""
    from asn1crypto import parser

    found, position = [], 0
    while position < len(contents):
        length = parser.peek(contents[position:])
        found.append(contents[position : position + length])
        position += length
    return found


def _contents(element: bytes) -> bytes:
    from asn1crypto import parser

    return bytes(parser.parse(element)[4])


def _split_container(der: bytes) -> tuple[bytes, bytes, bytes] | None:
    """(contentType, SignedData head, SignerInfo head) of a one-signer container, or None."""
    outer = _elements(_contents(der))
    if len(outer) != 2 or outer[1][0] != 0xA0:
        return None
    signed_data = _elements(_contents(_elements(_contents(outer[1]))[0]))
    if not signed_data or signed_data[-1][0] != 0x31:
        return None
    infos = _elements(_contents(signed_data[-1]))
    if len(infos) != 1:
        return None
    fields = _elements(_contents(infos[0]))
    if not fields or fields[-1][0] != 0x04:
        return None  # unsigned attributes after the signature: not the plain B-B layout
    return outer[0], b"".join(signed_data[:-1]), b"".join(fields[:-1])


def _attrs_span(signer_info_head: bytes) -> tuple[int, int] | None:
    position = 0
    for element in _elements(signer_info_head):
        if element[0] == 0xA0:
            return position, position + len(element)
        position += len(element)
    return None


def _tlv(tag: int, contents: bytes) -> bytes:
    """One DER element (definite length)."""
    size = len(contents)
    if size < 0x80:
        return bytes((tag, size)) + contents
    length = size.to_bytes((size.bit_length() + 7) // 8, "big")
    return bytes((tag, 0x80 | len(length))) + length + contents


def validate_pdf(pdf: bytes, trust_cert: x509.Certificate) -> PdfSignatureStatus:
    """Check the last signature of a PDF against the body's certificate, offline.

    Args:
        pdf: The signed document.
        trust_cert: The evaluation body's certificate; the only trust anchor.

    Returns:
        The status; `status.ok` is what callers normally need. A PDF without a signature gives a
        status with everything False.

    Raises:
        ValidationError: The input is not a readable PDF.
    """
    from asn1crypto import x509 as asn1_x509
    from pyhanko.pdf_utils.misc import PdfError
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext

    try:
        signatures = PdfFileReader(io.BytesIO(pdf), strict=False).embedded_signatures
    except (PdfError, ValueError) as exc:
        raise ValidationError(f"文件不是有效的 PDF，无法核验（{exc}）", field="PDF") from None
    if not signatures:
        return _UNSIGNED
    signature = signatures[-1]
    trust_root = asn1_x509.Certificate.load(trust_cert.public_bytes(serialization.Encoding.DER))
    context = ValidationContext(trust_roots=[trust_root], allow_fetching=False)
    with _quiet_certvalidator():
        status = validate_pdf_signature(signature, context)
    return _status_from(status, signature)


def _status_from(status: Any, signature: Any) -> PdfSignatureStatus:
    from pyhanko.sign.diff_analysis import ModificationLevel
    from pyhanko.sign.validation.status import SignatureCoverageLevel

    whole_file = status.coverage == SignatureCoverageLevel.ENTIRE_FILE
    modification = status.modification_level
    modified = (
        not whole_file
        or (modification is not None and modification != ModificationLevel.NONE)
        or status.docmdp_ok is False
    )
    signer_der = signature.signer_cert.dump()
    return PdfSignatureStatus(
        intact=bool(status.intact),
        valid=bool(status.valid),
        trusted=bool(status.trusted),
        covers_whole_file=whole_file,
        modified_after_signing=modified,
        signer_fingerprint=fingerprint_sha256(x509.load_der_x509_certificate(signer_der)),
    )


class _quiet_certvalidator:  # noqa: N801 - used like a function in a with-statement
    """Silence the tracebacks pyHanko logs for an untrusted signer or a modified file.

    Both are expected outcomes reported through the status, not program faults.
    """

    _names = ("pyhanko", "pyhanko_certvalidator")

    def __enter__(self) -> None:
        self._saved = [(logging.getLogger(n), logging.getLogger(n).level) for n in self._names]
        for logger, _ in self._saved:
            logger.setLevel(logging.CRITICAL)

    def __exit__(self, *exc: object) -> None:
        for logger, level in self._saved:
            logger.setLevel(level)
