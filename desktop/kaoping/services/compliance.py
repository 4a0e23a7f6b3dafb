"""The compliance check (合规检查) as a service, and the certificate tools the services rely on.

Every certificate PDF passes `check_pdf` before it is signed, saved or printed (DESIGN.md rule 2);
a finding blocks the action, is shown to the person and is written to the audit log. The images a
certificate may carry are the approved assets stored by `services.certificates.register_asset`.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from kaoping.domain.compliance import ComplianceReport, Finding
from kaoping.domain.errors import KaopingError
from kaoping.services.base import Actor, Env, audit_alone
from kaoping.services.ports.certificates import CertificateTools
from kaoping.services.ports.core import UnitOfWork

__all__ = [
    "ComplianceBlocked",
    "approved_registry",
    "audit_blocked",
    "check_file",
    "findings_details",
]

_AUDITED_FINDINGS = 50


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
        super().__init__(
            f"证书未通过合规检查，已停止{action}（未写入任何证书）：\n" + "\n".join(lines),
            field="合规检查",
        )


def approved_registry(uow: UnitOfWork, kit: CertificateTools) -> Any:
    """An image registry of the currently approved (not withdrawn) assets."""
    return kit.registry([a for a in uow.certificates.assets() if a.active])


def findings_details(findings: Sequence[tuple[str, Finding]]) -> list[dict[str, Any]]:
    """Findings as audit details (at most 50; the count is recorded separately)."""
    return [
        {
            "document": label,
            "rule": f.rule,
            "match": f.match,
            "page": f.page,
            "where": f.where,
            "word": f.word,
        }
        for label, f in findings[:_AUDITED_FINDINGS]
    ]


def audit_blocked(
    env: Env, actor: Actor, action_name: str, target: str, findings: Sequence[tuple[str, Finding]]
) -> None:
    """Write an audit entry (outcome "blocked") for a compliance finding, in its own transaction."""
    audit_alone(
        env,
        actor.username,
        action_name,
        target,
        "blocked",
        {"count": len(findings), "findings": findings_details(findings)},
    )


def check_file(env: Env, path: Path, names: Sequence[str] = ()) -> ComplianceReport:
    """Check a PDF or UTF-8 text file for banned wording and unapproved images.

    Anyone may run this check (it reads only the list of approved image hashes), so it needs no
    session; `kaoping compliance check` uses it.

    Args:
        env: The application environment.
        path: The file to check.
        names: The holders' names the PDF is expected to carry; a page text run that is exactly
            one of them is exempt from the banned-word rule. Without names everything is checked.

    Raises:
        KaopingError: The file cannot be read (DocumentUnreadable).
    """
    kit = env.adapters.certificates
    with env.uow(write=False) as uow:
        registry = approved_registry(uow, kit)
    return kit.check_file(path, registry, names)
