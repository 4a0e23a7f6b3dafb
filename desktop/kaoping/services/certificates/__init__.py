"""Certificates (专业技术等级证书): approval, numbering, issuing, printing, revocation and reissue.

A revocation lasts: only a reversal (撤销复原) proposed by a certificate officer and confirmed by
a quality supervisor makes a revoked certificate valid again.

Issuing follows hard rules 1–3 of DESIGN.md: only a candidate whose result was confirmed as passed
and whose national approval is recorded gets a certificate; every PDF passes the compliance check
before it is signed; and a whole batch is rendered, checked and signed before anything is stored,
so a cancel, a finding or a crash leaves no certificate and no number behind. Numbers are taken
from a per-year counter inside the one transaction that stores the certificates, so they stay
unique and gap-free; a revoked or voided number stays on record and is never reused.
"""

from __future__ import annotations

from kaoping.services.certificates.approvals import record_approval, record_rejection
from kaoping.services.certificates.assets import (
    AssetInfo,
    list_assets,
    register_asset,
    withdraw_asset,
)
from kaoping.services.certificates.issuing import IssueOutcome, issue_batch
from kaoping.services.certificates.listing import (
    BatchCertificates,
    CandidateState,
    batch_certificates,
    certificate_pdf,
    find_certificate,
)
from kaoping.services.certificates.phrases import (
    FlaggedPhrase,
    PhraseReview,
    confirm_phrase,
    phrase_review,
    propose_phrase,
    withdraw_phrase,
)
from kaoping.services.certificates.printing import PrintJob, export_certificates, print_certificates
from kaoping.services.certificates.reversal import (
    confirm_reversal,
    propose_reversal,
    reject_reversal,
    reversals,
)
from kaoping.services.certificates.revocation import (
    reissue_certificate,
    reissue_refusal,
    revoke_certificate,
    revoke_for_candidate,
    revoke_on_void,
    void_certificate,
)
from kaoping.services.certificates.settings import (
    ASSET_KINDS,
    CertificateSettings,
    IssueCancelled,
    certificate_settings,
    update_certificate_settings,
)
from kaoping.services.certificates.stock import (
    StockJob,
    calibration_page,
    export_stock_layout,
    import_stock_layout,
    new_stock_layout,
    print_log,
    print_on_stock,
    printer_calibration,
    printer_calibrations,
    save_printer_calibration,
    save_stock_layout,
    stock_layout,
    stock_layout_scan,
    stock_layouts,
)

__all__ = [
    "ASSET_KINDS",
    "AssetInfo",
    "BatchCertificates",
    "CandidateState",
    "CertificateSettings",
    "FlaggedPhrase",
    "IssueCancelled",
    "IssueOutcome",
    "PhraseReview",
    "PrintJob",
    "StockJob",
    "batch_certificates",
    "calibration_page",
    "certificate_pdf",
    "certificate_settings",
    "confirm_phrase",
    "confirm_reversal",
    "export_certificates",
    "export_stock_layout",
    "find_certificate",
    "import_stock_layout",
    "issue_batch",
    "list_assets",
    "new_stock_layout",
    "phrase_review",
    "print_certificates",
    "print_log",
    "print_on_stock",
    "printer_calibration",
    "printer_calibrations",
    "propose_phrase",
    "propose_reversal",
    "record_approval",
    "record_rejection",
    "register_asset",
    "reissue_certificate",
    "reissue_refusal",
    "reject_reversal",
    "reversals",
    "revoke_certificate",
    "revoke_for_candidate",
    "revoke_on_void",
    "save_printer_calibration",
    "save_stock_layout",
    "stock_layout",
    "stock_layout_scan",
    "stock_layouts",
    "update_certificate_settings",
    "void_certificate",
    "withdraw_asset",
    "withdraw_phrase",
]
