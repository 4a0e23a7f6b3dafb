"""The certificate tools the services use: rendering, compliance check, signing, QR reading.

Implements `kaoping.services.ports.certificates.CertificateTools` on top of the certificate PDF, image
registry, PDF inspection, signing and QR adapters. Rules and emblem references are read once per
process; the template is read on every call so an edited template takes effect at once.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import io
import json
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

import pypdfium2
from cryptography import x509
from PIL import Image
from pypdf import PdfReader

from kaoping.adapters import bounded
from kaoping.adapters.certificate_pdf import (
    CertificateTemplate,
    load_template,
    render_certificate,
)
from kaoping.adapters.certificate_qr import qr_module_mm
from kaoping.adapters.identity import (
    SigningIdentity,
    fingerprint_sha256,
    load_identity,
    sign_bytes,
    verify_bytes,
)
from kaoping.adapters.image_registry import (
    EmblemReference,
    ImageRegistry,
    canonical_png,
    certificate_picture,
    load_emblem_references,
)
from kaoping.adapters.pdf_inspect import (
    DocumentUnreadable,
    PdfUnreadable,
    inspect_file,
    inspect_pdf,
)
from kaoping.adapters.pdf_signing import sign_pdf, validate_pdf
from kaoping.adapters.qr import read_qr, sign_qr_record, verify_qr_payload
from kaoping.adapters.template_texts import template_text_places
from kaoping.domain.certificates import CertificateContent, QrRecord
from kaoping.domain.compliance import (
    RULE_BANNED_WORD,
    BannedWordList,
    CharFolding,
    ComplianceReport,
    check_text,
    load_rules,
)
from kaoping.domain.errors import KaopingError, ValidationError
from kaoping.paths import resource_path
from kaoping.services.ports.certificates import AssetRecord, FlaggedText, SignatureCheck

__all__ = ["CertificateToolkit"]

# Read back at 200 dpi: old certificates (0.43 mm modules) need it; new ones read at far less.
_QR_RENDER_DPI = 200
# pdfium keeps global state; one document at a time keeps it safe across worker threads.
_pdfium_lock = threading.Lock()
_T = TypeVar("_T")


@functools.lru_cache(maxsize=1)
def _rules() -> tuple[BannedWordList, CharFolding]:
    return load_rules(resource_path("rules"))


@functools.lru_cache(maxsize=1)
def _references() -> tuple[EmblemReference, ...]:
    return tuple(load_emblem_references(resource_path("rules", "emblem_references")))


def _certificates(pems: Sequence[bytes]) -> list[x509.Certificate]:
    found = []
    for pem in pems:
        try:
            found.append(x509.load_pem_x509_certificate(pem))
        except ValueError:
            raise ValidationError(
                "机构证书文件已损坏或不是 PEM 格式，请重新导出", field="机构证书"
            ) from None
    return found


def _check_pdf_size(pdf: bytes) -> None:
    try:
        bounded.check_size(len(pdf), bounded.PDFS)
    except ValidationError as error:
        raise PdfUnreadable(f"无法读取：{error.message}", field="PDF") from None


def _unless_damaged(read: Callable[..., _T], *args: Any) -> _T:
    """Run one reading step on a PDF from outside; any failure means the file cannot be read.

    pyHanko, pypdf and pdfium raise many kinds of exception on damaged input (IndexError,
    struct.error, RecursionError ...); a person only needs to know the file is unreadable.
    """
    try:
        return read(*args)
    except KaopingError:
        raise
    except Exception as exc:
        raise PdfUnreadable(
            f"无法读取 PDF（{type(exc).__name__}）；文件可能已损坏或不是 PDF", field="PDF"
        ) from exc


def _first_page_image(pdf: bytes) -> Image.Image | None:
    with _pdfium_lock:
        document = pypdfium2.PdfDocument(pdf)
        try:
            if len(document) == 0:
                return None
            image: Image.Image = document[0].render(scale=_QR_RENDER_DPI / 72).to_pil()
            return image
        finally:
            document.close()


def _page_text(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf), strict=False)
    return "\n".join(page.extract_text() or "" for page in reader.pages)


class CertificateToolkit:
    """Implements `services.ports.certificates.CertificateTools`."""

    def open_identity(self, key_pem: bytes, cert_pem: bytes, passphrase: str) -> SigningIdentity:
        """Decrypt the body's signing identity."""
        return load_identity(key_pem, cert_pem, passphrase)

    def fingerprint(self, cert_pem: bytes) -> str:
        """SHA-256 fingerprint of a certificate PEM."""
        return fingerprint_sha256(_certificates([cert_pem])[0])

    def load_template(self, path: str) -> CertificateTemplate:
        """Read a certificate template ("" = the shipped one)."""
        return load_template(Path(path) if path else None)

    def sign_qr(self, identity: SigningIdentity, record: QrRecord, url_prefix: str) -> str:
        """The signed QR text of a certificate record."""
        return sign_qr_record(identity, record, url_prefix)

    def qr_module_mm(self, template: CertificateTemplate, payload: str) -> float:
        """The width in mm of one module of `payload` drawn in the template's QR box."""
        return qr_module_mm(payload, template.qr.width)

    def render(
        self, content: CertificateContent, template: CertificateTemplate, seal_png: bytes | None
    ) -> bytes:
        """Draw one certificate PDF (unsigned)."""
        return render_certificate(content, template, seal_png)

    def canonical_png(self, image: bytes) -> bytes:
        """The image as PNG whose pixel hash survives embedding unchanged."""
        return canonical_png(image)

    def certificate_picture(self, image: bytes) -> bytes:
        """The bytes to embed so the pixel hash survives: a plain JPEG as it is, else PNG."""
        return certificate_picture(image)

    def registry(self, approved: Sequence[AssetRecord]) -> ImageRegistry:
        """An image registry of the approved assets, screening against the emblem references."""
        records = [
            {"name": a.name, "sha256": a.sha256, "width": a.width, "height": a.height}
            for a in approved
        ]
        return ImageRegistry.from_records(records, _references())

    def approve(self, registry: ImageRegistry, name: str, image: bytes) -> tuple[str, int, int]:
        """Screen and add an image to the registry; (pixel hash, width, height)."""
        registered = registry.approve(name, image)
        return registered.sha256, registered.width, registered.height

    def approve_screened(
        self,
        registry: ImageRegistry,
        name: str,
        image: bytes,
        screened_with: str,
        pixel_sha256: str = "",
    ) -> tuple[str, int, int]:
        """Add a picture screened earlier with the registry's current screen, else screen it."""
        registered = registry.approve_screened(name, image, screened_with, pixel_sha256)
        return registered.sha256, registered.width, registered.height

    def check_pdf(
        self,
        pdf: bytes,
        registry: ImageRegistry,
        names: Sequence[str] = (),
        *,
        phrases: Sequence[str] = (),
        body_name: str = "",
    ) -> ComplianceReport:
        """Check a PDF's texts and images; page text runs that are exactly a name are exempt.

        `phrases` (acknowledged template phrases) and `body_name` (the confirmed body name) are
        exempt in the same way; see `inspect_pdf`.
        """
        words, fold = _rules()
        return inspect_pdf(pdf, words, fold, registry, names, phrases=phrases, body_name=body_name)

    def template_sha256(self, template: CertificateTemplate) -> str:
        """The template version: SHA-256 of the loaded template as canonical JSON.

        Computed from the very object that is rendered, so what is hashed is what is drawn; any
        change of wording or layout gives a new version.
        """
        canonical = json.dumps(
            dataclasses.asdict(template), ensure_ascii=False, sort_keys=True, default=dict
        )
        return hashlib.sha256(canonical.encode("utf-8")).hexdigest()

    def banned_words_in(self, text: str) -> list[str]:
        """The banned words a text contains (in any disguise), each once, in order of position."""
        words, fold = _rules()
        found = check_text(text, words, fold).findings
        return list(dict.fromkeys(f.word for f in found if f.rule == RULE_BANNED_WORD))

    def flagged_template_texts(self, template: CertificateTemplate) -> list[FlaggedText]:
        """The template's fixed page texts that contain a banned word, each once, with context.

        Each text is a piece the renderer draws as a run of its own (a title, a label, a fixed
        line, or a part of a sentence between two filled-in values), so it is exactly what a
        reviewed phrase is matched against. Metadata is not page text and is left out.
        """
        words, fold = _rules()
        flagged: dict[str, FlaggedText] = {}
        for text, place, source in template_text_places(template):
            found = check_text(text, words, fold).findings
            banned = [f.word for f in found if f.rule == RULE_BANNED_WORD]
            if banned and text not in flagged:
                flagged[text] = FlaggedText(text, "、".join(dict.fromkeys(banned)), place, source)
        return list(flagged.values())

    def check_file(
        self, path: Path, registry: ImageRegistry, names: Sequence[str] = ()
    ) -> ComplianceReport:
        """Check a PDF or text file; in a PDF, page text runs that are exactly a name are exempt."""
        words, fold = _rules()
        return inspect_file(path, words, fold, registry, names)

    def sign_pdf(self, pdf: bytes, identity: SigningIdentity) -> bytes:
        """Sign a checked PDF (PAdES B-B, certification, no changes allowed)."""
        return sign_pdf(pdf, identity)

    def signer_fingerprint(self, identity: SigningIdentity) -> str:
        """Fingerprint of the identity's certificate."""
        return fingerprint_sha256(identity.certificate)

    def read_document(self, path: Path) -> bytes:
        """A certificate PDF or scan to verify, its size checked before it is read."""
        try:
            return bounded.read_file(path, bounded.PDFS)
        except ValidationError as error:
            raise DocumentUnreadable(error.message, field="文件") from None

    def validate_pdf(self, pdf: bytes, trusted: Sequence[bytes]) -> SignatureCheck:
        """Check the PDF signature against each trusted certificate; OK if one of them vouches.

        One reason per defect: a file changed after signing is reported as tampered with, not
        also as signed by someone untrusted, whichever certificate is tried.
        """
        _check_pdf_size(pdf)
        if not trusted:
            return SignatureCheck(False, False, ("没有可信的评价机构证书，无法核验签名",), "")
        status = None
        for cert in _certificates(trusted):
            status = _unless_damaged(validate_pdf, pdf, cert)
            if status.ok:
                return SignatureCheck(True, True, (), status.signer_fingerprint)
            if not status.signer_fingerprint or not (status.intact and status.valid):
                break  # unsigned or altered: no other certificate changes that
            if status.trusted:
                break  # the right key found the file extended after signing
        assert status is not None
        return SignatureCheck(
            False,
            bool(status.signer_fingerprint),
            tuple(status.problems()),
            status.signer_fingerprint,
            intact=bool(status.intact and status.valid),
            trusted=bool(status.trusted),
        )

    def pdf_qr_texts(self, pdf: bytes) -> list[str]:
        """QR texts read from the first page rendered at 200 dpi."""
        _check_pdf_size(pdf)
        image = _unless_damaged(_first_page_image, pdf)
        if image is None:
            return []
        buffer = io.BytesIO()
        image.save(buffer, format="PNG")
        return read_qr(buffer.getvalue())

    def pdf_text(self, pdf: bytes) -> str:
        """All page text of a PDF."""
        _check_pdf_size(pdf)
        return _unless_damaged(_page_text, pdf)

    def image_qr_texts(self, image: bytes) -> list[str]:
        """QR texts read from a photo or scan."""
        try:
            return read_qr(image)
        except ValidationError as error:
            raise DocumentUnreadable(error.message, field=error.field) from None

    def verify_qr(self, payload: str, trusted: Sequence[bytes]) -> QrRecord:
        """The record of a QR text signed by one of the trusted certificates."""
        error: ValidationError | None = None
        for cert in _certificates(trusted):
            try:
                return verify_qr_payload(payload, cert)
            except ValidationError as failure:
                error = failure
        raise error or ValidationError("没有可信的评价机构证书，无法核验二维码", field="二维码")

    def sign_bytes(self, identity: SigningIdentity, data: bytes) -> bytes:
        """A detached ECDSA-SHA256 signature (DER) over data."""
        return sign_bytes(identity, data)

    def verify_bytes(self, trusted: Sequence[bytes], data: bytes, signature: bytes) -> bool:
        """Whether one of the trusted certificates made the (DER ECDSA-SHA256) signature."""
        return any(verify_bytes(cert, data, signature) for cert in _certificates(trusted))
