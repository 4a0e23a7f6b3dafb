"""Certificate verification (证书核验) and the signed revocation list (吊销列表).

Verification is public: anyone holding a certificate may check it, so these functions need no
session. They trust only the body's own certificates (from the local database, or given as PEM
files for offline use) and report one of four verdicts: valid, invalid, unreadable, or "the
signature is valid but the revocation status is unknown".

Revocation status is never assumed. It is known from the issuing body's own database, or from a
signed revocation list that is current: issued no longer ago than the body's stated maximum age
(a body setting, 7 days unless changed, written into the signed list). Without either the answer
says the signature is valid, that the status is unknown, and why. The list format is documented
in docs/certificate-qr.md, with the OpenSSL commands that check it.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from kaoping.domain.beijing import beijing
from kaoping.domain.certificates import (
    CertificateStatus,
    QrRecord,
    category_label,
    checked_number,
    decode_any_qr_payload,
    format_chinese_date,
    names_match,
)
from kaoping.domain.errors import KaopingError, ValidationError
from kaoping.domain.roles import Permission
from kaoping.services.base import Actor, Env, action
from kaoping.services.certificates.settings import stored_settings
from kaoping.services.ports.certificates import CertificateRecord, CertificateTools, SignatureCheck

__all__ = [
    "REVOCATION_FORMAT",
    "VERDICT_INVALID",
    "VERDICT_UNKNOWN",
    "VERDICT_UNREADABLE",
    "VERDICT_VALID",
    "LookupAnswer",
    "Revocation",
    "RevocationList",
    "VerificationResult",
    "export_revocation_list",
    "lookup_certificate",
    "read_revocation_list",
    "verify_file",
    "verify_pdf",
    "verify_qr_image",
]

VERDICT_VALID = "valid"
VERDICT_INVALID = "invalid"
VERDICT_UNREADABLE = "unreadable"
VERDICT_UNKNOWN = "unknown"
REVOCATION_FORMAT = "kaoping-revocations/2"
_OLD_REVOCATION_FORMAT = "kaoping-revocations/1"
DEFAULT_LIST_DAYS = 7
# A list stamped a little ahead of this computer's clock is still taken: clocks drift.
_CLOCK_SLACK = timedelta(minutes=10)
_EXIT_CODES = {VERDICT_VALID: 0, VERDICT_INVALID: 1, VERDICT_UNREADABLE: 2, VERDICT_UNKNOWN: 3}
_VERDICT_LABELS = {
    VERDICT_VALID: "证书有效",
    VERDICT_INVALID: "证书无效",
    VERDICT_UNREADABLE: "无法核验",
    VERDICT_UNKNOWN: "签名有效，撤销状态未知",
}
SOURCE_DATABASE = "签发机构数据库（本机）"


@dataclass(frozen=True)
class Revocation:
    """One entry of the revocation list: a number that is no longer valid, and why.

    Attributes:
        number: The certificate number.
        status: revoked or void.
        reason: The reason as the body recorded it (only in lists of format 1 and in the body's
            own database; lists of format 2 publish the category only).
        date: The day of the revocation, YYYY-MM-DD ("" if unknown).
        category: The revocation category code (RevocationCategory), "" if none.
    """

    number: str
    status: str
    reason: str
    date: str
    category: str = ""

    def describe(self) -> str:
        """How a verifier is told, e.g. 已撤销（2026-11-25，冒名顶替（他人代考））."""
        label = _status_label(self.status)
        why = category_label(self.category) or self.reason or "未注明原因"
        return f"{label}（{self.date + '，' if self.date else ''}{why}）"


@dataclass(frozen=True)
class RevocationList:
    """A checked revocation list: who issued it, when, for how long it counts, and its entries.

    Attributes:
        issuer_code: The issuing body's code.
        issued_at: When the list was made (aware datetime).
        max_age_days: How many days after `issued_at` the body vouches for it.
        entries: The revoked and voided numbers.
    """

    issuer_code: str
    issued_at: datetime
    max_age_days: int
    entries: dict[str, Revocation]

    def staleness(self, now: datetime) -> str:
        """Why the list cannot be relied on at `now` ("" when it is current)."""
        shown = beijing(self.issued_at).strftime("%Y-%m-%d %H:%M")
        if self.issued_at > now + _CLOCK_SLACK:
            return f"吊销列表的签发时间 {shown}（北京时间）晚于本机时间，请核对本机时钟"
        if now - self.issued_at > timedelta(days=self.max_age_days):
            return (
                f"吊销列表签发于 {shown}（北京时间），已超过 {self.max_age_days} 天，不再是最新的；"
                "请向评价机构索取最新的吊销列表"
            )
        return ""


@dataclass(frozen=True)
class VerificationResult:
    """The outcome of checking a certificate file or QR image.

    Attributes:
        verdict: valid, invalid, unreadable or unknown (signature valid, status unknown).
        problems: Each defect that makes the certificate not valid, in Chinese, one per defect.
        record: The signed QR record, when it could be read and verified.
        revocation_source: Where the revocation status came from ("" when unknown).
        status_unknown: Why the revocation status is unknown ("" when it is known).
    """

    verdict: str
    problems: tuple[str, ...]
    record: QrRecord | None
    revocation_source: str
    status_unknown: str = ""

    @property
    def ok(self) -> bool:
        """Whether the certificate is valid (its revocation status known and clear)."""
        return self.verdict == VERDICT_VALID

    @property
    def exit_code(self) -> int:
        """0 valid, 1 invalid, 2 unreadable, 3 signature valid but revocation status unknown."""
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
    changed = (
        beijing(record.status_changed_at).date().isoformat() if record.status_changed_at else ""
    )
    return {
        "number": record.number,
        "status": record.status,
        "category": record.status_category,
        "date": changed,
    }


def export_revocation_list(env: Env, actor: Actor, passphrase: str) -> bytes:
    """The signed revocation list as JSON bytes, for verifiers without access to this database.

    The signed bytes travel as they are, as the text of the `list` member (canonical JSON:
    sorted keys, no spaces, UTF-8), so a verifier checks the signature without re-encoding
    anything: `jq -j .list` gives exactly the bytes the ECDSA P-256 / SHA-256 signature (DER,
    base64 in `signature`) covers. The list states when it was issued and for how many days
    the body vouches for it (docs/certificate-qr.md). Only categories are published, never the
    reasons the body recorded.
    """
    kit = env.adapters.certificates
    with action(env, actor, Permission.CERTIFICATES_REVOKE, "certificates.revocations") as tx:
        profile = tx.uow.body.get_profile()
        key = tx.uow.body.active_signing_key()
        if profile is None or key is None:
            raise ValidationError("系统尚未初始化或没有签名密钥", field="签名密钥")
        identity = kit.open_identity(key[0], key[1], passphrase)
        days = stored_settings(tx.uow).revocation_list_days
        entries = [_entry(r) for r in tx.uow.certificates.not_valid()]
        issued = env.clock.now()
        body = {
            "issuer_code": profile.code,
            "issuer_name": profile.name,
            "issued_at": issued.isoformat(timespec="seconds"),
            "max_age_days": days,
            "next_update": (issued + timedelta(days=days)).isoformat(timespec="seconds"),
            "entries": entries,
        }
        signed = _canonical(body)
        signature = kit.sign_bytes(identity, signed)
        tx.record("revocation_list", entries=len(entries), max_age_days=days)
    document = {
        "format": REVOCATION_FORMAT,
        "list": signed.decode("utf-8"),
        "signature": base64.b64encode(signature).decode("ascii"),
        "certificate": key[1].decode("ascii"),
    }
    return json.dumps(document, ensure_ascii=False, indent=1).encode("utf-8")


def read_revocation_list(
    kit: CertificateTools, data: bytes, trusted: Sequence[bytes]
) -> RevocationList:
    """Parse and check a revocation list file (format 2, or 1 as older versions wrote it).

    Raises:
        ValidationError: The file is not a revocation list, or its signature is not the body's.
    """
    bad = ValidationError(
        "吊销列表文件格式不对：请使用 kaoping certificate revocations 导出的文件", field="吊销列表"
    )
    try:
        document = json.loads(data.decode("utf-8"))
        if not isinstance(document, Mapping):
            raise bad
        fmt = document.get("format")
        signature = base64.b64decode(document["signature"], validate=True)
        if fmt == REVOCATION_FORMAT:
            signed = str(document["list"]).encode("utf-8")
            body = json.loads(signed.decode("utf-8"))
        elif fmt == _OLD_REVOCATION_FORMAT:
            body = document["list"]
            signed = _canonical(body)
        else:
            raise bad
        parsed = _parse_body(body)
    # RecursionError: JSON nested thousands deep, made to crash the parser.
    except (
        UnicodeDecodeError,
        json.JSONDecodeError,
        KeyError,
        TypeError,
        ValueError,
        AttributeError,
        binascii.Error,
        RecursionError,
    ):
        raise bad from None
    if not kit.verify_bytes(trusted, signed, signature):
        raise ValidationError(
            "吊销列表的签名无效：文件被改动过，或不是该评价机构签发的", field="吊销列表"
        )
    return parsed


def _parse_body(body: Any) -> RevocationList:
    """The list's facts; older lists (format 1) say `generated_at` and carry no maximum age."""
    issued = datetime.fromisoformat(str(body.get("issued_at") or body["generated_at"]))
    if issued.tzinfo is None:
        raise ValueError("the issue time must carry its time zone")
    days = int(body.get("max_age_days", DEFAULT_LIST_DAYS))
    if days < 1:
        raise ValueError("max_age_days")
    entries = {
        str(e["number"]): Revocation(
            str(e["number"]),
            str(e["status"]),
            str(e.get("reason", "")),
            str(e.get("date", "")),
            str(e.get("category", "")),
        )
        for e in body["entries"]
    }
    return RevocationList(str(body["issuer_code"]), issued, days, entries)


# --------------------------------------------------------------------------------------------
# Verifying


@dataclass(frozen=True)
class _Sources:
    """What a check relies on: the trusted certificates and where revocation status comes from.

    Attributes:
        trusted: The body certificates (PEM) that may have signed.
        crl: A checked revocation list given by the verifier, if any.
        own_body: This database's body code when it holds a body's register ("" otherwise); its
            certificates are authoritative for that body.
        local: This register's record of the number in question, if any.
    """

    trusted: tuple[bytes, ...]
    crl: RevocationList | None
    own_body: str
    local: CertificateRecord | None


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
        record = uow.certificates.by_number(number) if number else None
    crl = read_revocation_list(kit, revocation_list, certs) if revocation_list is not None else None
    return _Sources(certs, crl, profile.code if profile is not None else "", record)


def _status_label(status: str) -> str:
    # A list from another body may carry a state this version does not know: show it as written.
    try:
        return CertificateStatus(status).label
    except ValueError:
        return status


@dataclass(frozen=True)
class _Status:
    """The revocation status of one certificate: a defect, unknown (with why), or clear."""

    problem: str = ""
    unknown: str = ""
    source: str = ""


def _revocation_status(record: QrRecord, sources: _Sources, now: datetime) -> _Status:
    """Where the certificate stands, from a current list or the issuing body's own register."""
    if sources.crl is not None:
        return _status_from_list(record, sources.crl, now)
    if sources.own_body and record.issuer_code == sources.own_body:
        return _status_from_register(record, sources.local)
    return _Status(
        unknown="没有吊销列表，本机也不是签发机构的数据库，无法确认证书是否已被撤销；"
        "请向评价机构索取最新的吊销列表（--crl），或按证书编号和姓名向评价机构查询"
    )


def _status_from_list(record: QrRecord, crl: RevocationList, now: datetime) -> _Status:
    source = f"吊销列表（{beijing(crl.issued_at).strftime('%Y-%m-%d %H:%M')} 签发）"
    if crl.issuer_code != record.issuer_code:
        return _Status(
            unknown=f"所给吊销列表是机构 {crl.issuer_code} 的，不是签发该证书的机构 "
            f"{record.issuer_code} 的；请使用签发机构的吊销列表"
        )
    entry = crl.entries.get(record.number)
    stale = crl.staleness(now)
    if stale:
        listed = f"（该列表中此证书{entry.describe()}）" if entry is not None else ""
        return _Status(unknown=stale + listed)
    if entry is not None:
        return _Status(problem=f"证书 {record.number} {entry.describe()}", source=source)
    return _Status(source=source)


def _status_from_register(record: QrRecord, local: CertificateRecord | None) -> _Status:
    """The issuing body's own register: authoritative, with the reason it recorded."""
    if local is None:
        return _Status(
            problem=f"本机构的证书登记中没有编号 {record.number}", source=SOURCE_DATABASE
        )
    if local.status == CertificateStatus.VALID:
        return _Status(source=SOURCE_DATABASE)
    day = beijing(local.status_changed_at).date().isoformat() if local.status_changed_at else ""
    why = local.status_reason or category_label(local.status_category) or "未注明原因"
    shown = f"{_status_label(local.status)}（{day + '，' if day else ''}{why}）"
    return _Status(problem=f"证书 {record.number} {shown}", source=SOURCE_DATABASE)


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

    Each defect is reported once: a file changed after signing is "内容被篡改", and what that
    change brings with it (an untrusted-looking signer, a QR or text that no longer matches the
    stored copy) is not reported again.

    Args:
        env: The services' environment (its database gives the body's certificates and, when it
            is the issuing body's database, the revocation state).
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
        if signature.intact:
            problems.append("证书第一页上读不出二维码")
        return VerificationResult(VERDICT_INVALID, tuple(problems), None, "")
    result = _check_payload(env, kit, texts[0], revocation_list, trusted, problems, signature)
    if result.record is None or not signature.intact:
        return result
    problems = list(result.problems) + _text_problems(result.record, text)
    problems += _archive_problems(env, result.record, data, trusted, revocation_list)
    return _verdict(problems, result.record, result.revocation_source, result.status_unknown)


def _verdict(
    problems: list[str], record: QrRecord | None, source: str, unknown: str
) -> VerificationResult:
    if problems:
        return VerificationResult(VERDICT_INVALID, tuple(problems), record, source)
    if unknown:
        return VerificationResult(VERDICT_UNKNOWN, (), record, "", unknown)
    return VerificationResult(VERDICT_VALID, (), record, source)


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
    signature: SignatureCheck | None = None,
) -> VerificationResult:
    try:
        sources = _sources(env, kit, revocation_list, trusted, _number_hint(payload))
    except KaopingError as error:
        return _unreadable(str(error))
    try:
        record = kit.verify_qr(payload, sources.trusted)
    except ValidationError as error:
        # A file not signed by the body, or changed, already says so; its QR failing too is
        # the same defect.
        if signature is None or (signature.intact and signature.trusted):
            problems.append(error.message)
        return VerificationResult(VERDICT_INVALID, tuple(problems), None, "")
    status = _revocation_status(record, sources, env.clock.now())
    if status.problem:
        problems.append(status.problem)
    return _verdict(problems, record, status.source, status.unknown)


def _number_hint(payload: str) -> str | None:
    """The certificate number in an (as yet unverified) QR text, to look it up locally."""
    try:
        return decode_any_qr_payload(payload).number
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


# --------------------------------------------------------------------------------------------
# Looking a certificate up by number and name (按编号和姓名查询)

LOOKUP_VALID = "valid"
LOOKUP_REVOKED = "revoked"
LOOKUP_VOID = "void"
LOOKUP_NOT_FOUND = "not_found"
LOOKUP_NAME_MISMATCH = "name_mismatch"
LOOKUP_OTHER_BODY = "other_body"
_LOOKUP_EXIT = {
    LOOKUP_VALID: 0,
    LOOKUP_REVOKED: 1,
    LOOKUP_VOID: 1,
    LOOKUP_NOT_FOUND: 4,
    LOOKUP_NAME_MISMATCH: 5,
    LOOKUP_OTHER_BODY: 6,
}
_LOOKUP_LABELS = {
    LOOKUP_VALID: "证书有效",
    LOOKUP_REVOKED: "证书已撤销",
    LOOKUP_VOID: "证书已作废",
    LOOKUP_NOT_FOUND: "查无此证书",
    LOOKUP_NAME_MISMATCH: "姓名与证书不符",
    LOOKUP_OTHER_BODY: "不是本机构签发的证书",
}


@dataclass(frozen=True)
class LookupAnswer:
    """What the body's register says about a number and a name, e.g. on the telephone.

    The holder's real name is never part of the answer: a name that does not match is only
    said not to match. Details of the certificate are given only when the name matches.

    Attributes:
        outcome: valid, revoked, void, not_found, name_mismatch or other_body.
        number: The number as understood (canonical form).
        message: The answer in one Chinese sentence.
        occupation: The occupation's name and code (when the name matches).
        level: The level's name (when the name matches).
        issue_date: The issue date (when the name matches).
        changed_on: The day it was revoked or voided.
        category: The revocation category's Chinese name.
    """

    outcome: str
    number: str
    message: str
    occupation: str = ""
    level: str = ""
    issue_date: date | None = None
    changed_on: date | None = None
    category: str = ""

    @property
    def exit_code(self) -> int:
        """0 valid, 1 revoked or void, 4 no such certificate, 5 name differs, 6 another body's."""
        return _LOOKUP_EXIT[self.outcome]

    @property
    def label(self) -> str:
        """The outcome in Chinese."""
        return _LOOKUP_LABELS[self.outcome]


def lookup_certificate(env: Env, number: str, name: str) -> LookupAnswer:
    """Answer, from the body's own register, whether a number with this holder's name is valid.

    Public like every verification (no sign-in): the common case is someone telephoning with a
    certificate number and a name. Either check system of the number is accepted, as typed or
    read out (full width, lower case, spaces).

    Raises:
        ValidationError: No name, a number of the wrong shape or with a wrong check character,
            or this database holds no body's register.
    """
    if not name.strip():
        raise ValidationError("请填写持证人姓名", field="姓名")
    canonical, issuer = checked_number(number)
    with env.uow(write=False) as uow:
        profile = uow.body.get_profile()
        if profile is None:
            raise ValidationError(
                "本机不是评价机构的数据库，无法按编号查询；请向签发机构查询", field="证书编号"
            )
        record = uow.certificates.by_number(canonical)
        stored = uow.certificates.holder_name(canonical) if record is not None else None
        info = uow.catalogue.occupation(record.occupation_code) if record is not None else None
    if issuer != profile.code:
        return LookupAnswer(
            LOOKUP_OTHER_BODY,
            canonical,
            f"证书编号 {canonical} 的机构代码是 {issuer}，不是本机构（{profile.code}）签发的；"
            "请向签发机构查询",
        )
    if record is None or stored is None:
        return LookupAnswer(
            LOOKUP_NOT_FOUND, canonical, f"本机构没有签发过编号为 {canonical} 的证书"
        )
    if not names_match(name, stored):
        return LookupAnswer(
            LOOKUP_NAME_MISMATCH,
            canonical,
            f"证书 {canonical} 存在，但所报姓名与证书登记的姓名不符（不提供登记的姓名）；"
            "请核对姓名用字",
        )
    return _answer(record, info.name if info is not None else "")


def _answer(record: CertificateRecord, occupation_name: str) -> LookupAnswer:
    occupation = (
        f"{occupation_name}（{record.occupation_code}）"
        if occupation_name
        else record.occupation_code
    )
    facts = f"职业 {occupation}，{record.level.label}，发证日期 {record.issue_date.isoformat()}"
    if record.status == CertificateStatus.VALID:
        return LookupAnswer(
            LOOKUP_VALID,
            record.number,
            f"证书 {record.number} 有效，持证人姓名与所报一致；{facts}",
            occupation,
            record.level.label,
            record.issue_date,
        )
    day = beijing(record.status_changed_at).date() if record.status_changed_at else None
    category = category_label(record.status_category)
    when = f"于 {day.isoformat()} " if day else ""
    if record.status == CertificateStatus.VOID:
        outcome, said = LOOKUP_VOID, f"证书 {record.number} 已{when}作废，不再有效；{facts}"
    else:
        why = f"，撤销类别：{category}" if category else ""
        outcome, said = LOOKUP_REVOKED, f"证书 {record.number} 已{when}撤销{why}；{facts}"
    return LookupAnswer(
        outcome,
        record.number,
        said,
        occupation,
        record.level.label,
        record.issue_date,
        day,
        category,
    )
