"""Certificate verification (证书核验) and the signed revocation list (吊销列表).

Verification is public: anyone holding a certificate may check it, so these functions need no
session. They trust only the body's own certificates (from the local database, or given as PEM
files for offline use) and report one of three verdicts: valid, invalid or unreadable.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kaoping.domain.certificates import (
    CertificateStatus,
    QrRecord,
    decode_qr_payload,
    format_chinese_date,
)
from kaoping.domain.errors import KaopingError, ValidationError
from kaoping.domain.roles import Permission
from kaoping.services.base import Actor, Env, action
from kaoping.services.ports.certificates import CertificateRecord, CertificateTools

__all__ = [
    "REVOCATION_FORMAT",
    "VERDICT_INVALID",
    "VERDICT_UNREADABLE",
    "VERDICT_VALID",
    "Revocation",
    "VerificationResult",
    "export_revocation_list",
    "read_revocation_list",
    "verify_file",
    "verify_pdf",
    "verify_qr_image",
]

VERDICT_VALID = "valid"
VERDICT_INVALID = "invalid"
VERDICT_UNREADABLE = "unreadable"
REVOCATION_FORMAT = "kaoping-revocations/1"
_EXIT_CODES = {VERDICT_VALID: 0, VERDICT_INVALID: 1, VERDICT_UNREADABLE: 2}
_VERDICT_LABELS = {
    VERDICT_VALID: "证书有效",
    VERDICT_INVALID: "证书无效",
    VERDICT_UNREADABLE: "无法核验",
}


@dataclass(frozen=True)
class Revocation:
    """One entry of the revocation list: a number that is no longer valid, and why."""

    number: str
    status: str
    reason: str
    date: str


@dataclass(frozen=True)
class VerificationResult:
    """The outcome of checking a certificate file or QR image.

    Attributes:
        verdict: valid, invalid or unreadable.
        problems: Each reason the certificate is not valid, in Chinese.
        record: The signed QR record, when it could be read and verified.
        revocation_source: Where the revocation status came from (本机数据库 or the list file).
    """

    verdict: str
    problems: tuple[str, ...]
    record: QrRecord | None
    revocation_source: str

    @property
    def ok(self) -> bool:
        """Whether the certificate is valid."""
        return self.verdict == VERDICT_VALID

    @property
    def exit_code(self) -> int:
        """0 valid, 1 invalid, 2 unreadable."""
        return _EXIT_CODES[self.verdict]

    @property
    def label(self) -> str:
        """The verdict in Chinese."""
        return _VERDICT_LABELS[self.verdict]


def _unreadable(message: str) -> VerificationResult:
    return VerificationResult(VERDICT_UNREADABLE, (message,), None, "")


# --------------------------------------------------------------------------------------------
# The revocation list


def _canonical(data: Any) -> bytes:
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()


def _entry(record: CertificateRecord) -> dict[str, str]:
    changed = record.status_changed_at.date().isoformat() if record.status_changed_at else ""
    return {
        "number": record.number,
        "status": record.status,
        "reason": record.status_reason,
        "date": changed,
    }


def export_revocation_list(env: Env, actor: Actor, passphrase: str) -> bytes:
    """The signed revocation list as JSON bytes, for verifiers without access to this database.

    The list is signed with the body's key (ECDSA P-256, SHA-256, DER, base64) over the canonical
    JSON of its `list` member (sorted keys, no spaces, UTF-8).
    """
    kit = env.adapters.certificates
    with action(env, actor, Permission.CERTIFICATES_REVOKE, "certificates.revocations") as tx:
        profile = tx.uow.body.get_profile()
        key = tx.uow.body.active_signing_key()
        if profile is None or key is None:
            raise ValidationError("系统尚未初始化或没有签名密钥", field="签名密钥")
        identity = kit.open_identity(key[0], key[1], passphrase)
        entries = [_entry(r) for r in tx.uow.certificates.not_valid()]
        body = {
            "issuer_code": profile.code,
            "issuer_name": profile.name,
            "generated_at": env.clock.now().isoformat(timespec="seconds"),
            "entries": entries,
        }
        signature = kit.sign_bytes(identity, _canonical(body))
        tx.record("revocation_list", entries=len(entries))
    document = {
        "format": REVOCATION_FORMAT,
        "list": body,
        "signature": base64.b64encode(signature).decode("ascii"),
        "certificate": key[1].decode("ascii"),
    }
    return json.dumps(document, ensure_ascii=False, indent=1).encode("utf-8")


def read_revocation_list(
    kit: CertificateTools, data: bytes, trusted: Sequence[bytes]
) -> dict[str, Revocation]:
    """Parse and check a revocation list file against the trusted certificates.

    Raises:
        ValidationError: The file is not a revocation list, or its signature is not the body's.
    """
    bad = ValidationError(
        "吊销列表文件格式不对：请使用 kaoping certificate revocations 导出的文件", field="吊销列表"
    )
    try:
        document = json.loads(data.decode("utf-8"))
        body = document["list"]
        signature = base64.b64decode(document["signature"], validate=True)
        entries = body["entries"]
    # RecursionError: JSON nested thousands deep, made to crash the parser.
    except (
        UnicodeDecodeError,
        json.JSONDecodeError,
        KeyError,
        TypeError,
        binascii.Error,
        RecursionError,
    ):
        raise bad from None
    if not isinstance(document, Mapping) or document.get("format") != REVOCATION_FORMAT:
        raise bad
    if not kit.verify_bytes(trusted, _canonical(body), signature):
        raise ValidationError(
            "吊销列表的签名无效：文件被改动过，或不是该评价机构签发的", field="吊销列表"
        )
    return {
        str(e["number"]): Revocation(
            str(e["number"]), str(e["status"]), str(e.get("reason", "")), str(e.get("date", ""))
        )
        for e in entries
    }


# --------------------------------------------------------------------------------------------
# Verifying


@dataclass(frozen=True)
class _Sources:
    trusted: tuple[bytes, ...]
    revoked: dict[str, Revocation]
    revocation_source: str
    local: dict[str, CertificateRecord] | None  # this body's register, when checked locally
    local_body: str


def _trusted(env: Env, given: Sequence[bytes] | None) -> tuple[bytes, ...]:
    if given:
        return tuple(given)
    with env.uow(write=False) as uow:
        own = tuple(uow.certificates.signing_certificates())
    if not own:
        raise ValidationError(
            "没有可信的评价机构证书：请在本机完成初始化，或用 --cert 指定机构证书", field="机构证书"
        )
    return own


def _sources(
    env: Env,
    kit: CertificateTools,
    revocation_list: bytes | None,
    trusted: Sequence[bytes] | None,
    number: str | None = None,
) -> _Sources:
    certs = _trusted(env, trusted)
    with env.uow(write=False) as uow:
        profile = uow.body.get_profile()
        local_revoked = {
            r.number: Revocation(r.number, r.status, r.status_reason, "")
            for r in uow.certificates.not_valid()
        }
        record = uow.certificates.by_number(number) if number else None
    if revocation_list is not None:
        revoked = read_revocation_list(kit, revocation_list, certs)
        return _Sources(certs, revoked, "吊销列表文件", None, "")
    local = {record.number: record} if record is not None else {}
    return _Sources(
        certs,
        local_revoked,
        "本机数据库",
        local,
        profile.code if profile is not None and not trusted else "",
    )


def _status_label(status: str) -> str:
    # A list from another body may carry a state this version does not know: show it as written.
    try:
        return CertificateStatus(status).label
    except ValueError:
        return status


def _revocation_problems(record: QrRecord, sources: _Sources) -> list[str]:
    problems = []
    entry = sources.revoked.get(record.number)
    if entry is not None:
        label = _status_label(entry.status)
        problems.append(f"证书 {record.number} {label}（{entry.reason or '未注明原因'}）")
    in_register = sources.local is None or record.number in sources.local
    if record.issuer_code == sources.local_body and not in_register:
        problems.append(f"本机构的证书登记中没有编号 {record.number}")
    return problems


def _text_problems(record: QrRecord, text: str) -> list[str]:
    flat = re.sub(r"\s+", "", text)
    problems = []
    for label, value in (
        ("证书编号", record.number),
        ("发证日期", format_chinese_date(record.issue_date)),
        ("等级", record.level.label),
    ):
        if value not in flat:
            problems.append(f"二维码中的{label}“{value}”与证书上印的内容不一致")
    return problems


def verify_pdf(
    env: Env,
    data: bytes,
    *,
    revocation_list: bytes | None = None,
    trusted: Sequence[bytes] | None = None,
) -> VerificationResult:
    """Check a certificate PDF: signature, QR record, their agreement, and revocation.

    Args:
        env: The services' environment (its database gives the body's certificates and the
            local revocation state unless `trusted`/`revocation_list` are given).
        data: The PDF file's bytes.
        revocation_list: An exported revocation list to use instead of the local database.
        trusted: The body's certificate PEMs to trust instead of the local ones.
    """
    kit = env.adapters.certificates
    try:
        signature = kit.validate_pdf(data, _trusted(env, trusted))
        texts = kit.pdf_qr_texts(data)
        text = kit.pdf_text(data)
    except KaopingError as error:
        return _unreadable(str(error))
    problems = list(signature.problems)
    if not texts:
        problems.append("证书第一页上读不出二维码")
        return VerificationResult(VERDICT_INVALID, tuple(problems), None, "")
    result = _check_payload(env, kit, texts[0], revocation_list, trusted, problems)
    if result.record is not None:
        problems = list(result.problems) + _text_problems(result.record, text)
        problems += _archive_problems(env, result.record, data, trusted, revocation_list)
        verdict = VERDICT_VALID if not problems else VERDICT_INVALID
        return VerificationResult(verdict, tuple(problems), result.record, result.revocation_source)
    return result


def verify_file(
    env: Env,
    path: Path,
    *,
    qr_image: bool = False,
    revocation_list: bytes | None = None,
    trusted: Sequence[bytes] | None = None,
) -> VerificationResult:
    """`verify_pdf` (or `verify_qr_image`) on a file, whose size is checked before it is read.

    A file that cannot be read is a verdict (unreadable), like a damaged one, not an error.
    """
    try:
        data = env.adapters.certificates.read_document(path)
    except KaopingError as error:
        return _unreadable(str(error))
    check = verify_qr_image if qr_image else verify_pdf
    return check(env, data, revocation_list=revocation_list, trusted=trusted)


def _archive_problems(
    env: Env,
    record: QrRecord,
    data: bytes,
    trusted: Sequence[bytes] | None,
    revocation_list: bytes | None,
) -> list[str]:
    """Compare with the stored copy when verifying locally against this body's register."""
    if trusted or revocation_list is not None:
        return []
    with env.uow(write=False) as uow:
        stored = uow.certificates.by_number(record.number)
    if stored is not None and stored.pdf_sha256 != hashlib.sha256(data).hexdigest():
        return ["文件与本机构存档的证书文件不一致"]
    return []


def _check_payload(
    env: Env,
    kit: CertificateTools,
    payload: str,
    revocation_list: bytes | None,
    trusted: Sequence[bytes] | None,
    problems: list[str],
) -> VerificationResult:
    try:
        sources = _sources(env, kit, revocation_list, trusted, _number_hint(payload))
    except KaopingError as error:
        return _unreadable(str(error))
    try:
        record = kit.verify_qr(payload, sources.trusted)
    except ValidationError as error:
        problems.append(error.message)
        return VerificationResult(VERDICT_INVALID, tuple(problems), None, sources.revocation_source)
    problems += _revocation_problems(record, sources)
    verdict = VERDICT_VALID if not problems else VERDICT_INVALID
    return VerificationResult(verdict, tuple(problems), record, sources.revocation_source)


def _number_hint(payload: str) -> str | None:
    """The certificate number in an (as yet unverified) QR text, to look it up locally."""
    try:
        data, _ = decode_qr_payload(payload)
        return QrRecord.parse_compact(data).number
    except ValidationError:
        return None


def verify_qr_image(
    env: Env,
    image: bytes,
    *,
    revocation_list: bytes | None = None,
    trusted: Sequence[bytes] | None = None,
) -> VerificationResult:
    """Check the QR code in a photo or scan of a certificate: signature and revocation."""
    kit = env.adapters.certificates
    try:
        texts = kit.image_qr_texts(image)
    except KaopingError as error:
        return _unreadable(str(error))
    if not texts:
        return _unreadable("图片中没有找到二维码：请拍清楚证书右下角的二维码后重试")
    return _check_payload(env, kit, texts[0], revocation_list, trusted, [])
