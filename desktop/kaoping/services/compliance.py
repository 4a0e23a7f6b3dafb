"""The compliance check (合规检查) as a service, and the certificate tools the services rely on.

Every certificate PDF passes `check_pdf` before it is signed, saved or printed (DESIGN.md rule 2);
a finding blocks the action, is shown to the person and is written to the audit log. The images a
certificate may carry are the approved assets stored by `services.certificates.register_asset`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from kaoping.domain.certificates import CertificateContent, QrRecord
from kaoping.domain.compliance import ComplianceReport, Finding
from kaoping.domain.errors import KaopingError
from kaoping.services.base import Actor, Env, iso
from kaoping.services.ports import UnitOfWork
from kaoping.services.ports_certificates import AssetRecord

__all__ = [
    "CertificateTools",
    "ComplianceBlocked",
    "SignatureCheck",
    "approved_registry",
    "audit_blocked",
    "check_file",
    "findings_details",
    "tools",
]

_AUDITED_FINDINGS = 50


@dataclass(frozen=True)
class SignatureCheck:
    """The outcome of checking a PDF signature against the body's certificates.

    Attributes:
        ok: Signed by one of the trusted certificates and untouched since.
        signed: The file carries a signature at all.
        problems: Chinese reasons when not ok.
        signer_fingerprint: SHA-256 fingerprint of the signer's certificate ("" if unsigned).
    """

    ok: bool
    signed: bool
    problems: tuple[str, ...]
    signer_fingerprint: str


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

    def render(self, content: CertificateContent, template: Any, seal_png: bytes | None) -> bytes:
        """Draw one certificate PDF (unsigned)."""
        ...

    def canonical_png(self, image: bytes) -> bytes:
        """The image as PNG whose pixels (and so pixel hash) survive embedding unchanged."""
        ...

    def registry(self, approved: Sequence[AssetRecord]) -> Any:
        """An image registry holding the approved assets, screening against emblem references."""
        ...

    def approve(self, registry: Any, name: str, image: bytes) -> tuple[str, int, int]:
        """Screen and add an image to the registry; (pixel hash, width, height).

        Raises ValidationError when the image resembles an emblem reference.
        """
        ...

    def check_pdf(self, pdf: bytes, registry: Any) -> ComplianceReport:
        """Check a PDF's texts and images; DocumentUnreadable when it cannot be read."""
        ...

    def check_file(self, path: Path, registry: Any) -> ComplianceReport:
        """Check a PDF or UTF-8 text file; DocumentUnreadable when it cannot be read."""
        ...

    def sign_pdf(self, pdf: bytes, identity: Any) -> bytes:
        """Sign a checked PDF (PAdES)."""
        ...

    def signer_fingerprint(self, identity: Any) -> str:
        """Fingerprint of the identity's certificate."""
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


class ComplianceBlocked(KaopingError):
    """A document failed the compliance check; nothing was signed, saved or printed.

    Attributes:
        findings: (certificate number or file, finding) pairs.
    """

    def __init__(self, findings: Sequence[tuple[str, Finding]], action: str) -> None:
        self.findings = tuple(findings)
        lines = [f"{label}：{finding.message()}" for label, finding in self.findings[:5]]
        more = len(self.findings) - len(lines)
        if more > 0:
            lines.append(f"……另有 {more} 项问题")
        super().__init__(f"证书未通过合规检查，已停止{action}（未写入任何证书）：\n" + "\n".join(lines),
                         field="合规检查")


def tools(env: Env) -> CertificateTools:
    """The certificate tools registered by bootstrap."""
    found: CertificateTools = env.adapter("certificates")
    return found


def approved_registry(uow: UnitOfWork, kit: CertificateTools) -> Any:
    """An image registry of the currently approved (not withdrawn) assets."""
    return kit.registry([a for a in uow.certificates.assets() if a.active])


def findings_details(findings: Sequence[tuple[str, Finding]]) -> list[dict[str, Any]]:
    """Findings as audit details (at most 50; the count is recorded separately)."""
    return [{"document": label, "rule": f.rule, "match": f.match, "page": f.page,
             "where": f.where, "word": f.word} for label, f in findings[:_AUDITED_FINDINGS]]


def audit_blocked(env: Env, actor: Actor, action_name: str, target: str,
                  findings: Sequence[tuple[str, Finding]]) -> None:
    """Write an audit entry (outcome "blocked") for a compliance finding, in its own transaction."""
    with env.uow(write=True) as uow:
        uow.audit.append(iso(env.clock.now()), actor.username, action_name, target, "blocked",
                         {"count": len(findings), "findings": findings_details(findings)})
        uow.commit()


def check_file(env: Env, path: Path) -> ComplianceReport:
    """Check a PDF or UTF-8 text file for banned wording and unapproved images.

    Anyone may run this check (it reads only the list of approved image hashes), so it needs no
    session; `kaoping compliance check` uses it.

    Raises:
        KaopingError: The file cannot be read (DocumentUnreadable).
    """
    kit = tools(env)
    with env.uow(write=False) as uow:
        registry = approved_registry(uow, kit)
    return kit.check_file(path, registry)
