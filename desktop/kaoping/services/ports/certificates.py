"""What the services of certificates (证书): numbers, issuing, revocation need from storage."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any, Protocol

from kaoping.domain.approvals import ApprovalDecision
from kaoping.domain.catalogue import Level
from kaoping.domain.certificates import CertificateContent, CertificateStatus, QrRecord
from kaoping.domain.compliance import ComplianceReport
from kaoping.domain.roster import CandidateStatus
from kaoping.domain.scoring import ResultStatus

__all__ = [
    "AssetRecord",
    "CandidateForCertificate",
    "CertificateRecord",
    "CertificateRepository",
    "NewCertificate",
    "RevocationReversal",
    "TemplatePhrase",
]


@dataclass(frozen=True)
class CertificateRecord:
    """A stored certificate number and its state (without the PDF bytes).

    Attributes:
        id: Row id.
        number: The certificate number (证书编号).
        body_code: The issuing body's code.
        year: The numbering year.
        serial: The serial within body and year.
        batch_id: The batch the holder was assessed in.
        candidate_id: The application the certificate was issued for.
        masked_name: The holder's masked name (张*明).
        occupation_code: The occupation's standard code.
        direction: The direction, or "".
        level: The level.
        issue_date: The issue date (发证日期).
        approved_on: The day of national approval; the 30-day issuance clock starts then.
        status: Valid, revoked or void.
        status_reason: Why it was revoked or voided.
        status_changed_at: When it was revoked or voided.
        replaces_number: The number this certificate replaces (补发), or "".
        qr_payload: The signed QR text printed on it.
        pdf_sha256: SHA-256 of the signed PDF.
        signer_fingerprint: The signing certificate's fingerprint.
        print_count: How often it was printed.
        last_printed_at: The last print, if any.
        issued_at: When it was stored.
        issued_by: Who issued it.
        status_category: The revocation category (RevocationCategory code), "" otherwise.
    """

    id: int
    number: str
    body_code: str
    year: int
    serial: int
    batch_id: int
    candidate_id: int
    masked_name: str
    occupation_code: str
    direction: str
    level: Level
    issue_date: date
    approved_on: date
    status: CertificateStatus
    status_reason: str
    status_changed_at: datetime | None
    replaces_number: str
    qr_payload: str
    pdf_sha256: str
    signer_fingerprint: str
    print_count: int
    last_printed_at: datetime | None
    issued_at: datetime
    issued_by: str
    status_category: str = ""


@dataclass(frozen=True)
class NewCertificate:
    """A rendered, checked and signed certificate about to be stored under its number."""

    number: str
    body_code: str
    year: int
    serial: int
    batch_id: int
    candidate_id: int
    masked_name: str
    occupation_code: str
    direction: str
    level: Level
    issue_date: date
    approved_on: date
    qr_payload: str
    pdf: bytes = field(repr=False)
    pdf_sha256: str
    signer_fingerprint: str
    replaces_id: int | None = None


@dataclass(frozen=True)
class FlaggedText:
    """A fixed page text of the certificate template that contains a banned word.

    Attributes:
        text: The text exactly as drawn as one run (安全国际认证).
        words: The banned words it contains, joined with 、.
        place: Where the certificate shows it (二维码说明, 正文, 信息表 ...).
        source: The whole template text it was cut from, placeholders included.
    """

    text: str
    words: str
    place: str
    source: str


@dataclass(frozen=True)
class TemplatePhrase:
    """A template phrase with a banned word, proposed and perhaps confirmed (模板字样复核).

    Attributes:
        id: Row id.
        template_sha256: The template version it was reviewed for.
        phrase: The exact fixed text of the template, as the check compares it with a page run.
        words: The banned words it contains, as found when it was proposed.
        reason: Why the certificate officer says the phrase is not a banned claim.
        status: pending, confirmed or withdrawn.
        proposed_by_id: The proposer's user id.
        proposed_by: The proposer's username.
        proposed_at: When it was proposed.
        decided_by: Who confirmed or withdrew it ("" while pending).
        decided_at: When, if decided.
    """

    id: int
    template_sha256: str
    phrase: str
    words: str
    reason: str
    status: str
    proposed_by_id: int
    proposed_by: str
    proposed_at: datetime
    decided_by: str = ""
    decided_at: datetime | None = None


@dataclass(frozen=True)
class RevocationReversal:
    """A proposal to reverse a revocation (撤销复原), and what became of it.

    Attributes:
        id: Row id.
        number: The certificate's number.
        reason: Why the certificate officer says the revocation was wrong.
        status: pending, confirmed or rejected.
        revoked_reason: The revocation's reason, as it stood when proposed.
        revoked_category: The revocation's category code.
        revoked_at: When the certificate was revoked.
        proposed_by_id: The proposer's user id.
        proposed_by: The proposer's username.
        proposed_at: When it was proposed.
        decided_by: Who confirmed or rejected it ("" while pending).
        decided_at: When, if decided.
        decision_note: The supervisor's note on rejecting.
    """

    id: int
    number: str
    reason: str
    status: str
    revoked_reason: str
    revoked_category: str
    revoked_at: datetime | None
    proposed_by_id: int
    proposed_by: str
    proposed_at: datetime
    decided_by: str = ""
    decided_at: datetime | None = None
    decision_note: str = ""


@dataclass(frozen=True)
class AssetRecord:
    """An image approved for certificates (登记图片).

    Attributes:
        sha256: The pixel hash the compliance check compares.
        name: What the image is, e.g. 机构印章.
        kind: seal, logo or photo.
        width: Width in pixels.
        height: Height in pixels.
        active: False once the approval is withdrawn.
        registered_at: When it was registered.
        registered_by: Who registered it.
    """

    sha256: str
    name: str
    kind: str
    width: int
    height: int
    active: bool
    registered_at: datetime
    registered_by: str


@dataclass(frozen=True)
class CandidateForCertificate:
    """What issuing needs to know about one application: identity, result and approval.

    The full ID number is here because the certificate may be configured to print it; it never
    leaves the services in a list.
    """

    candidate_id: int
    batch_id: int
    name: str
    id_type: str
    id_number: str = field(repr=False)
    id_masked: str
    photo: bytes | None = field(repr=False)
    occupation_code: str
    direction: str
    level: Level
    status: CandidateStatus
    outcome: ResultStatus | None
    decision: ApprovalDecision | None
    decided_on: datetime | None
    reference: str
    photo_screened_with: str = ""
    """The emblem screen's mark the stored photo passed at intake (empty: screen it again)."""
    photo_pixel_sha256: str = ""
    """The stored photo's pixel hash as intake computed it (empty: not known)."""


class CertificateRepository(Protocol):
    """Storage of certificates (证书): numbers, issuing, revocation."""

    def candidates_of_batch(
        self, batch_id: int, *, photos: bool = True
    ) -> list[CandidateForCertificate]:
        """Every application of a batch with its result and approval, by id.

        With `photos` False the photos are not read (each `photo` is None): for checks of
        state, where reading every photo of a large batch again would be wasted.
        """
        ...

    def record_decision(
        self,
        candidate_id: int,
        batch_id: int,
        decision: ApprovalDecision,
        reason: str,
        reference: str,
        decided_on: datetime,
        now: datetime,
        by: str,
    ) -> None:
        """Store (or replace) the department's decision on one application."""
        ...

    def peek_next_serial(self, body_code: str, year: int) -> int:
        """The next free serial without locking (for rendering ahead of storing)."""
        ...

    def lock_next_serial(self, body_code: str, year: int) -> int:
        """The next free serial, with the counter locked until the transaction ends."""
        ...

    def set_next_serial(self, body_code: str, year: int, value: int) -> None:
        """Move the counter on (only ever forwards)."""
        ...

    def add_certificate(self, new: NewCertificate, now: datetime, by: str) -> int:
        """Store a certificate under its number; returns its id."""
        ...

    def add_certificates(self, new: Sequence[NewCertificate], now: datetime, by: str) -> None:
        """Store many certificates under their numbers, in as few statements as may be."""
        ...

    def certificates(self, batch_id: int | None = None) -> list[CertificateRecord]:
        """Certificates, by number, optionally of one batch."""
        ...

    def valid_holders(self, batch_id: int) -> set[int]:
        """The applications of a batch that hold a valid certificate (read from the index only)."""
        ...

    def by_number(self, number: str) -> CertificateRecord | None:
        """One certificate by its number."""
        ...

    def pdf(self, number: str) -> bytes | None:
        """The signed PDF stored under a number."""
        ...

    def valid_for_candidate(self, candidate_id: int) -> CertificateRecord | None:
        """The valid certificate of an application, if any."""
        ...

    def set_status(
        self,
        number: str,
        status: CertificateStatus,
        reason: str,
        at: datetime,
        category: str = "",
    ) -> None:
        """Revoke, void or (after a confirmed reversal) restore a certificate."""
        ...

    def holder_name(self, number: str) -> str | None:
        """The full name of the holder of a certificate, as stored; None for an unknown number."""
        ...

    def add_reversal(self, reversal: RevocationReversal, certificate_id: int) -> int:
        """Store a proposed reversal (its id is ignored); returns the new id."""
        ...

    def reversals(self, status: str | None = None) -> list[RevocationReversal]:
        """Reversals, newest first; only those in one status if given."""
        ...

    def reversal(self, reversal_id: int) -> RevocationReversal | None:
        """One reversal by id."""
        ...

    def decide_reversal(
        self, reversal_id: int, status: str, by: str, at: datetime, note: str = ""
    ) -> None:
        """Confirm or reject a reversal."""
        ...

    def record_print(self, number: str, at: datetime) -> int:
        """Count one print; returns the new print count."""
        ...

    def not_valid(self) -> list[CertificateRecord]:
        """Revoked and voided certificates (the revocation list), by number."""
        ...

    def assets(self) -> list[AssetRecord]:
        """All registered images, newest first."""
        ...

    def asset_image(self, sha256: str) -> bytes | None:
        """The stored canonical PNG of a seal or logo."""
        ...

    def add_asset(self, asset: AssetRecord, image: bytes | None) -> None:
        """Register an approved image (or re-activate it)."""
        ...

    def add_photo_assets(self, assets: Sequence[AssetRecord]) -> None:
        """Register many candidate photos (no image kept) or re-activate them, in bulk."""
        ...

    def set_asset_active(self, sha256: str, active: bool) -> bool:
        """Withdraw or restore an approval; False when the hash is unknown."""
        ...

    def add_phrase(self, phrase: TemplatePhrase) -> int:
        """Store a proposed phrase (its id is ignored); returns the new id."""
        ...

    def phrases(self, template_sha256: str | None = None) -> list[TemplatePhrase]:
        """Reviewed phrases, oldest first; only those of one template version if given."""
        ...

    def phrase(self, phrase_id: int) -> TemplatePhrase | None:
        """One reviewed phrase by id."""
        ...

    def decide_phrase(self, phrase_id: int, status: str, by: str, at: datetime) -> None:
        """Confirm or withdraw a phrase."""
        ...

    def signing_certificates(self) -> list[bytes]:
        """Certificate PEMs of every key the body ever used."""
        ...


@dataclass(frozen=True)
class SignatureCheck:
    """The outcome of checking a PDF signature against the body's certificates.

    Attributes:
        ok: Signed by one of the trusted certificates and untouched since.
        signed: The file carries a signature at all.
        problems: Chinese reasons when not ok, one per defect.
        signer_fingerprint: SHA-256 fingerprint of the signer's certificate ("" if unsigned).
        intact: The signed bytes are as signed (False: the content was tampered with, so
            nothing read from the file can be relied on).
        trusted: The signer is one of the trusted certificates.
    """

    ok: bool
    signed: bool
    problems: tuple[str, ...]
    signer_fingerprint: str
    intact: bool = True
    trusted: bool = True


class CertificateTools(Protocol):
    """Rendering, checking, signing and reading certificates (adapters behind it).

    Identities, templates and registries are opaque objects the services only pass back.
    """

    def open_identity(self, key_pem: bytes, cert_pem: bytes, passphrase: str) -> Any:
        """Decrypt the body's signing identity; AuthenticationError on a wrong passphrase."""
        ...

    def fingerprint(self, cert_pem: bytes) -> str:
        """SHA-256 fingerprint of a certificate PEM."""
        ...

    def load_template(self, path: str) -> Any:
        """Read a certificate template ("" = the shipped one); ValidationError when broken."""
        ...

    def sign_qr(self, identity: Any, record: QrRecord, url_prefix: str) -> str:
        """The signed QR text of a certificate record."""
        ...

    def qr_module_mm(self, template: Any, payload: str) -> float:
        """The width in mm of one module of `payload` drawn in the template's QR box."""
        ...

    def render(self, content: CertificateContent, template: Any, seal_png: bytes | None) -> bytes:
        """Draw one certificate PDF (unsigned)."""
        ...

    def canonical_png(self, image: bytes) -> bytes:
        """The image as PNG whose pixels (and so pixel hash) survive embedding unchanged."""
        ...

    def certificate_picture(self, image: bytes) -> bytes:
        """The bytes to embed so the pixel hash survives: a plain JPEG as it is, else PNG."""
        ...

    def registry(self, approved: Sequence[AssetRecord]) -> Any:
        """An image registry holding the approved assets, screening against emblem references."""
        ...

    def approve(self, registry: Any, name: str, image: bytes) -> tuple[str, int, int]:
        """Screen and add an image to the registry; (pixel hash, width, height).

        Raises ValidationError when the image resembles an emblem reference.
        """
        ...

    def approve_screened(
        self, registry: Any, name: str, image: bytes, screened_with: str, pixel_sha256: str = ""
    ) -> tuple[str, int, int]:
        """Add a picture that passed the registry's current screen (by its mark) unscreened.

        An empty or outdated mark screens it as `approve` does (and raises as it does);
        `pixel_sha256` kept with these very bytes spares decoding them.
        """
        ...

    def check_pdf(
        self,
        pdf: bytes,
        registry: Any,
        names: Sequence[str] = (),
        *,
        phrases: Sequence[str] = (),
        body_name: str = "",
    ) -> ComplianceReport:
        """Check a PDF's texts and images; DocumentUnreadable when it cannot be read.

        A page text run that is exactly one of `names` (the holders' names as stored), one of
        `phrases` (acknowledged template phrases) or `body_name` (the confirmed body name) is
        exempt from the banned-word rule.
        """
        ...

    def template_sha256(self, template: Any) -> str:
        """The template version: SHA-256 of the loaded template's canonical form."""
        ...

    def banned_words_in(self, text: str) -> list[str]:
        """The banned words a text contains (in any disguise), each once."""
        ...

    def flagged_template_texts(self, template: Any) -> list[FlaggedText]:
        """The template's fixed page texts that contain a banned word, each once."""
        ...

    def check_file(self, path: Path, registry: Any, names: Sequence[str] = ()) -> ComplianceReport:
        """Check a PDF or UTF-8 text file; DocumentUnreadable when it cannot be read.

        `names` exempts the holders' names in a PDF's page text, as in `check_pdf`.
        """
        ...

    def sign_pdf(self, pdf: bytes, identity: Any) -> bytes:
        """Sign a checked PDF (PAdES)."""
        ...

    def signer_fingerprint(self, identity: Any) -> str:
        """Fingerprint of the identity's certificate."""
        ...

    def read_document(self, path: Path) -> bytes:
        """A file to verify, its size checked first; DocumentUnreadable when it cannot be read."""
        ...

    def validate_pdf(self, pdf: bytes, trusted: Sequence[bytes]) -> SignatureCheck:
        """Check the PDF signature against the trusted certificate PEMs."""
        ...

    def pdf_qr_texts(self, pdf: bytes) -> list[str]:
        """QR texts read from the rendered first page."""
        ...

    def pdf_text(self, pdf: bytes) -> str:
        """All page text of a PDF."""
        ...

    def image_qr_texts(self, image: bytes) -> list[str]:
        """QR texts read from a photo or scan."""
        ...

    def verify_qr(self, payload: str, trusted: Sequence[bytes]) -> QrRecord:
        """The record of a QR text signed by one of the trusted certificates; ValidationError else."""
        ...

    def sign_bytes(self, identity: Any, data: bytes) -> bytes:
        """A detached ECDSA signature (DER) over data."""
        ...

    def verify_bytes(self, trusted: Sequence[bytes], data: bytes, signature: bytes) -> bool:
        """Whether one of the trusted certificates made the signature."""
        ...
