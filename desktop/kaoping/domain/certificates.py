"""Certificate content, numbering and the signed QR record of a 专业技术等级证书 (professional-level certificate).

Everything here is pure: rendering, signing and storage live in adapters. The official numbering scheme
and QR format are not published (see standards.md §6), so the numbering rule is configurable data and the
QR record carries its own version tag.
"""

from __future__ import annotations

import base64
import binascii
import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from kaoping.domain.catalogue import Level
from kaoping.domain.errors import ValidationError

__all__ = [
    "MIN_QR_MODULE_MM",
    "QR_PAYLOAD_TAG",
    "QR_RECORD_TAG",
    "QR_SIGNATURE_DIGITS",
    "QR_V2_TAG",
    "CertificateContent",
    "CertificateStatus",
    "CheckAlgorithm",
    "NumberingScheme",
    "QrRecord",
    "RevocationCategory",
    "category_label",
    "check_character",
    "check_matches",
    "checked_number",
    "decode_any_qr_payload",
    "decode_qr_payload",
    "encode_qr_payload",
    "format_chinese_date",
    "id_last_four",
    "mask_name",
    "names_match",
    "normalise_number",
]


class CertificateStatus(StrEnum):
    """Where an issued certificate stands: valid, revoked (e.g. false commitment) or void."""

    VALID = "valid"
    REVOKED = "revoked"
    VOID = "void"

    @property
    def label(self) -> str:
        """The Chinese name: 有效, 已撤销 or 已作废."""
        return {"valid": "有效", "revoked": "已撤销", "void": "已作废"}[self.value]


class RevocationCategory(StrEnum):
    """Why a certificate was revoked, as a category anyone verifying it may be told.

    The free-text reason stays inside the body (it may name people or cases); the category is what
    a lookup by number, the revocation list and the verifier show. `APPLICATION_VOID` and
    `REPLACED` are set by the program (a voided application, a 补发); the others are chosen by the
    certificate officer who revokes.
    """

    IMPERSONATION = "impersonation"
    FALSE_COMMITMENT = "false_commitment"
    MISCONDUCT = "misconduct"
    ISSUED_IN_ERROR = "issued_in_error"
    OTHER = "other"
    APPLICATION_VOID = "application_void"
    REPLACED = "replaced"

    @property
    def label(self) -> str:
        """The Chinese name shown to verifiers, e.g. 冒名顶替（他人代考）."""
        return _CATEGORY_LABELS[self]

    @classmethod
    def chosen_by_officer(cls) -> tuple[RevocationCategory, ...]:
        """The categories a certificate officer picks from when revoking."""
        return (
            cls.IMPERSONATION,
            cls.FALSE_COMMITMENT,
            cls.MISCONDUCT,
            cls.ISSUED_IN_ERROR,
            cls.OTHER,
        )

    @classmethod
    def parse(cls, text: str) -> RevocationCategory:
        """Accept the code (`impersonation`) or the Chinese name; unknown text is refused."""
        cleaned = text.strip()
        for category in cls:
            if cleaned in (category.value, category.label):
                return category
        names = "、".join(f"{c.value}（{c.label}）" for c in cls.chosen_by_officer())
        raise ValidationError(f"撤销类别“{text}”无效，可选：{names}", field="撤销类别")


_CATEGORY_LABELS = {
    RevocationCategory.IMPERSONATION: "冒名顶替（他人代考）",
    RevocationCategory.FALSE_COMMITMENT: "虚假承诺",
    RevocationCategory.MISCONDUCT: "考核违纪舞弊",
    RevocationCategory.ISSUED_IN_ERROR: "发证有误",
    RevocationCategory.OTHER: "其他原因",
    RevocationCategory.APPLICATION_VOID: "报名作废",
    RevocationCategory.REPLACED: "已补发新证书",
}


def category_label(code: str) -> str:
    """The Chinese name of a stored category code; "" for none, the code itself if unknown."""
    if not code:
        return ""
    try:
        return RevocationCategory(code).label
    except ValueError:
        return code


@dataclass(frozen=True)
class CertificateContent:
    """What is printed on one certificate.

    Attributes:
        number: The certificate number (证书编号).
        name: The holder's full name.
        id_type: The kind of identity document, e.g. 居民身份证.
        id_number_display: The ID number as it is to be printed (masked or full, as configured).
        occupation: The occupation name (职业).
        direction: The direction (职业方向); "" when the occupation has none.
        level: The professional-technical level.
        issue_date: The issue date (发证日期).
        body_name: The evaluation body's name (评价机构).
        body_code: The evaluation body's code.
        photo: The holder's photo (JPEG or PNG bytes), or None.
        qr_payload: The signed QR text printed on the certificate.
    """

    number: str
    name: str
    id_type: str
    id_number_display: str
    occupation: str
    direction: str
    level: Level
    issue_date: date
    body_name: str
    body_code: str
    photo: bytes | None
    qr_payload: str


def format_chinese_date(day: date) -> str:
    """Format a date the way certificates print it, e.g. 2026年11月25日."""
    return f"{day.year}年{day.month}月{day.day}日"


# ---------------------------------------------------------------------------------------------
# Numbering (证书编号)


class CheckAlgorithm(StrEnum):
    """ISO/IEC 7064 check-character systems for certificate numbers.

    MOD 97-10 (two digits; letters count as 10–35, as in an IBAN) is what new numbers use. The
    older MOD 37-2 can give `*`, the symbol that masks ID numbers on the same page and that
    Windows forbids in file names, so it is kept only to read numbers already issued. MOD 11-2
    (the resident ID's, digits and X) remains a choice; it protects digits only.
    """

    MOD97_10 = "mod97-10"
    MOD37_2 = "mod37-2"
    MOD11_2 = "mod11-2"

    @classmethod
    def for_new_numbers(cls) -> tuple[CheckAlgorithm, ...]:
        """The systems a body may choose for numbers it issues from now on."""
        return (cls.MOD97_10, cls.MOD11_2)


_MOD37_ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ*"
_MOD11_ALPHABET = "0123456789X"
_CODE_PATTERN = re.compile(r"[A-Z0-9]+")


def _mod97_10(text: str) -> str:
    """Two check digits: the number with them appended leaves remainder 1 modulo 97."""
    digits = "".join(str(int(ch, 36)) for ch in text.upper() if ch.isascii() and ch.isalnum())
    remainder = 0
    for digit in digits + "00":
        remainder = (remainder * 10 + int(digit)) % 97
    return f"{(98 - remainder) % 97:02d}"


def check_character(text: str, algorithm: CheckAlgorithm) -> str:
    """Compute the ISO/IEC 7064 check character(s) of `text`.

    MOD 97-10 and MOD 37-2 protect digits and capital letters; MOD 11-2 (the one of the
    resident ID number) protects digits only, so letters in `text` are skipped for it.

    Args:
        text: The characters to protect; hyphens and other separators are ignored.
        algorithm: Which check system to use.

    Returns:
        Two digits for MOD 97-10, one character of the algorithm's alphabet otherwise.
    """
    if algorithm is CheckAlgorithm.MOD97_10:
        return _mod97_10(text)
    if algorithm is CheckAlgorithm.MOD37_2:
        values = [_MOD37_ALPHABET.index(ch) for ch in text.upper() if ch.isascii() and ch.isalnum()]
        modulus, alphabet = 37, _MOD37_ALPHABET
    else:
        values = [int(ch) for ch in text if ch.isascii() and ch.isdigit()]
        modulus, alphabet = 11, _MOD11_ALPHABET
    # Pure system with radix 2, evaluated by Horner's rule so no large weights are needed.
    total = 0
    for value in values:
        total = ((total + value) * 2) % modulus
    return alphabet[(modulus + 1 - total) % modulus]


def check_matches(body: str, check: str) -> bool:
    """Whether `check` is a correct check of `body` in any system numbers were issued with.

    Two digits are read as MOD 97-10; one character as MOD 37-2 or MOD 11-2, so numbers issued
    before MOD 97-10 became the default keep verifying.
    """
    if len(check) == 2:
        return check.isdigit() and check == _mod97_10(body)
    if len(check) == 1:
        return check in (
            check_character(body, CheckAlgorithm.MOD37_2),
            check_character(body, CheckAlgorithm.MOD11_2),
        )
    return False


@dataclass(frozen=True)
class NumberingScheme:
    """How certificate numbers are written: PREFIX-BODY-YEAR-SERIAL-CHECK.

    For example `GXDT-4501-2026-000123-47`. Allocating serials without gaps is the store's job;
    this class only formats and checks numbers. Parsing accepts the check of any system numbers
    were issued with (see `check_matches`), whatever system new numbers use.

    Attributes:
        prefix: Programme prefix, capital letters and digits.
        body_code: The evaluation body's code, capital letters and digits.
        year: The issue year written into new numbers.
        serial_width: Digits of the zero-padded serial.
        algorithm: The check-character system.
    """

    prefix: str
    body_code: str
    year: int
    serial_width: int = 6
    algorithm: CheckAlgorithm = CheckAlgorithm.MOD97_10

    def __post_init__(self) -> None:
        if not _CODE_PATTERN.fullmatch(self.prefix):
            raise ValidationError("编号前缀只能由大写字母和数字组成", field="编号前缀")
        if not _CODE_PATTERN.fullmatch(self.body_code):
            raise ValidationError("机构代码只能由大写字母和数字组成", field="机构代码")
        if not 2000 <= self.year <= 9999:
            raise ValidationError(f"年份 {self.year} 不在 2000–9999 之间", field="编号年份")
        if not 3 <= self.serial_width <= 9:
            raise ValidationError("流水号位数应为 3–9 位", field="流水号位数")

    def format(self, serial: int) -> str:
        """Write the number for `serial` (1-based) in this scheme's year."""
        if serial < 1:
            raise ValidationError(f"流水号 {serial} 无效：流水号从 1 开始", field="证书编号")
        if serial >= 10**self.serial_width:
            raise ValidationError(
                f"流水号 {serial} 超出 {self.serial_width} 位范围，请增加流水号位数",
                field="证书编号",
            )
        body = f"{self.prefix}-{self.body_code}-{self.year:04d}-{serial:0{self.serial_width}d}"
        return f"{body}-{check_character(body, self.algorithm)}"

    def parse(self, number: str) -> tuple[int, int]:
        """Return (year, serial) of a valid number of this scheme.

        Raises:
            ValidationError: The number is malformed, belongs to another body, or its check
                character is wrong.
        """
        parts = number.strip().upper().split("-")
        if len(parts) != 5:
            raise ValidationError(
                f"证书编号“{number}”格式不对，应形如 {self.format(1)}", field="证书编号"
            )
        prefix, body_code, year, serial, check = parts
        if (prefix, body_code) != (self.prefix, self.body_code):
            raise ValidationError(
                f"证书编号“{number}”不属于本机构（{self.prefix}-{self.body_code}）",
                field="证书编号",
            )
        if not (
            re.fullmatch(r"\d{4}", year) and re.fullmatch(rf"\d{{{self.serial_width}}}", serial)
        ):
            raise ValidationError(f"证书编号“{number}”的年份或流水号位数不对", field="证书编号")
        body = "-".join(parts[:4])
        if not check_matches(body, check):
            raise ValidationError(f"证书编号“{number}”校验位不对，请核对是否抄错", field="证书编号")
        return int(year), int(serial)

    def validate(self, number: str) -> bool:
        """Tell whether `number` is a well-formed number of this body with a correct check character."""
        try:
            self.parse(number)
        except ValidationError:
            return False
        return True


_DASHES = str.maketrans({c: "-" for c in "‐‑‒–—―−－ー"})
_NUMBER_SHAPE = re.compile(r"([A-Z0-9]+)-([A-Z0-9]+)-(\d{4})-(\d{3,9})-([0-9A-Z*]{1,2})")


def normalise_number(text: str) -> str:
    """A certificate number as typed or read out (full-width, lower case, spaces) in canonical form."""
    cleaned = unicodedata.normalize("NFKC", text).translate(_DASHES)
    return re.sub(r"\s+", "", cleaned).upper()


def checked_number(text: str) -> tuple[str, str]:
    """(number, issuer code) of a number as typed; its check is verified in either system.

    Raises:
        ValidationError: Not the shape of a certificate number, or a wrong check character
            (most likely a digit misheard or mistyped).
    """
    number = normalise_number(text)
    match = _NUMBER_SHAPE.fullmatch(number)
    if match is None:
        raise ValidationError(
            f"证书编号“{text.strip()}”格式不对，应形如 GXDT-机构代码-2026-000123-47",
            field="证书编号",
        )
    if not check_matches("-".join(match.groups()[:4]), match.group(5)):
        raise ValidationError(
            f"证书编号“{number}”的校验位不对，很可能有一位抄错或听错，请核对证书原件",
            field="证书编号",
        )
    return number, match.group(2)


def names_match(given: str, stored: str) -> bool:
    """Whether a name as told matches the stored one.

    Width, spacing and the dot in names such as 阿依古丽·买买提 are not told apart; every
    character is.
    """
    return _name_key(given) == _name_key(stored) and bool(_name_key(stored))


def _name_key(name: str) -> str:
    folded = unicodedata.normalize("NFKC", name).casefold()
    folded = re.sub(r"[·•‧・．.]", "·", folded)
    return re.sub(r"\s+", "", folded)


# ---------------------------------------------------------------------------------------------
# QR record (二维码核验信息)
#
# Two versions are read; new certificates get version 2 (docs/certificate-qr.md).
#   1: `KP1:` base64url(`KPR1|number|masked name|occupation|direction|level|date|issuer`)
#      `.` base64url(r‖s). Long (version 11 codes at 0.43 mm) and opaque without this program.
#   2: `KP2:number:id-last-4:occupation:level:date` followed directly by r and s as 78 decimal
#      digits each. All of it is in the QR code's compact alphanumeric and numeric modes (a
#      version 6 code), readable as text by any phone, and checkable with OpenSSL alone.

# Below about 0.8 mm a QR module is under two pixels of a phone photo taken from arm's length (or
# of a 100 dpi scan halved): the code stops reading reliably (docs/certificate-qr.md).
MIN_QR_MODULE_MM = 0.8

QR_RECORD_TAG = "KPR1"
QR_PAYLOAD_TAG = "KP1:"
QR_V2_TAG = "KP2:"
QR_SIGNATURE_DIGITS = 78  # decimal digits of one P-256 signature half (n < 10**78)
_LEVEL_CODES = {Level.JUNIOR: "J", Level.INTERMEDIATE: "I", Level.SENIOR: "S"}
_LEVELS_BY_CODE = {code: level for level, code in _LEVEL_CODES.items()}
_FIELD_SEPARATOR = "|"
_V2_SEPARATOR = ":"
_V2_NUMBER = re.compile(r"[A-Z0-9]+-([A-Z0-9]+)-\d{4}-\d{3,9}-[0-9A-Z*]{1,2}")
_V2_FIELD = re.compile(r"[0-9A-Z-]+")
_V2_LAST4 = re.compile(r"[0-9A-Z]{1,4}")


def certificate_file_name(number: str) -> str:
    """The file name a certificate is saved under: its number (and `.pdf`).

    Numbers issued under MOD 37-2 may end in `*`, which Windows forbids in file names; for them
    alone `*` is written as `_` (never a check character). New numbers (MOD 97-10) have no `*`,
    so their file name is exactly the number.
    """
    return number.replace("*", "_") + ".pdf"


def mask_name(name: str) -> str:
    """Hide the middle of a name for public display: 张三明 → 张*明, 张三 → 张*, 欧阳娜娜 → 欧**娜."""
    cleaned = name.strip()
    if len(cleaned) <= 1:
        return cleaned
    if len(cleaned) == 2:
        return cleaned[0] + "*"
    return cleaned[0] + "*" * (len(cleaned) - 2) + cleaned[-1]


def id_last_four(id_number: str) -> str:
    """The last four letters or digits of an ID number, upper case: what the QR code shows.

    Enough for an employer holding the applicant's ID card to match the holder, without the
    whole number ever leaving the body.
    """
    kept = [ch for ch in id_number.upper() if ch.isascii() and ch.isalnum()]
    return "".join(kept[-4:])


def _unreadable() -> ValidationError:
    return ValidationError("二维码内容无法识别：不是本系统生成的证书二维码", field="二维码")


@dataclass(frozen=True)
class QrRecord:
    """The certificate facts carried, signed, in the QR code; never the name or the whole ID.

    Version 2 (what new certificates carry) holds the number, the last four characters of the
    holder's ID number, the occupation code, the level and the issue date; the issuer's code is
    the second part of the number. Version 1 (older certificates) held the masked name and the
    direction instead of the ID's last four.

    Attributes:
        number: The certificate number.
        masked_name: The holder's name as returned by `mask_name` (version 1; "" in version 2).
        occupation_code: The occupation's standard code, e.g. 2-02-10-09.
        direction: The direction name, or "" (always "" in version 2).
        level: The level.
        issue_date: The issue date.
        issuer_code: The evaluation body's code.
        id_last4: The last four characters of the holder's ID number (version 2; "" in 1).
        version: 1 or 2.
    """

    number: str
    masked_name: str
    occupation_code: str
    direction: str
    level: Level
    issue_date: date
    issuer_code: str
    id_last4: str = ""
    version: int = 1

    def __post_init__(self) -> None:
        if self.version == 2:
            self._check_v2()
            return
        for label, value in self._text_fields():
            if value != value.strip() or _FIELD_SEPARATOR in value or "\n" in value:
                raise ValidationError(
                    f"{label}含有首尾空格、换行或“|”，请去掉后再生成二维码", field=label
                )
        if not self.number or not self.issuer_code or not self.occupation_code:
            raise ValidationError("证书编号、职业编码和机构代码都不能为空", field="二维码")
        if self.masked_name != mask_name(self.masked_name):
            raise ValidationError("二维码中的姓名必须先脱敏（如 张*明）", field="姓名")

    @classmethod
    def compact(
        cls,
        number: str,
        id_last4: str,
        occupation_code: str,
        level: Level,
        issue_date: date,
    ) -> QrRecord:
        """A version 2 record, the kind new certificates carry."""
        match = _V2_NUMBER.fullmatch(number)
        issuer = match.group(1) if match else ""
        return cls(number, "", occupation_code, "", level, issue_date, issuer, id_last4, 2)

    def _check_v2(self) -> None:
        match = _V2_NUMBER.fullmatch(self.number)
        if match is None or match.group(1) != self.issuer_code:
            raise ValidationError(
                f"证书编号“{self.number}”不是“前缀-机构代码-年份-流水号-校验位”的形式，"
                "不能写入二维码",
                field="证书编号",
            )
        if not _V2_FIELD.fullmatch(self.occupation_code):
            raise ValidationError(
                f"职业编码“{self.occupation_code}”只能由数字、大写字母和“-”组成", field="职业编码"
            )
        if not _V2_LAST4.fullmatch(self.id_last4):
            raise ValidationError("证件号码后四位只能是数字或大写字母", field="证件号码")
        if self.masked_name or self.direction:
            raise ValidationError("第 2 版二维码不含姓名和职业方向", field="二维码")

    def _text_fields(self) -> tuple[tuple[str, str], ...]:
        return (
            ("证书编号", self.number),
            ("姓名", self.masked_name),
            ("职业编码", self.occupation_code),
            ("职业方向", self.direction),
            ("机构代码", self.issuer_code),
        )

    def to_compact(self) -> bytes:
        """The exact bytes the signature covers: the same record always gives the same bytes.

        Version 2: `KP2:number:id-last-4:occupation:level:YYYYMMDD` in ASCII. Version 1:
        `KPR1|number|masked name|occupation|direction|level|YYYYMMDD|issuer` in UTF-8.
        """
        day = self.issue_date.strftime("%Y%m%d")
        if self.version == 2:
            fields = (self.number, self.id_last4, self.occupation_code, _LEVEL_CODES[self.level])
            return (QR_V2_TAG + _V2_SEPARATOR.join((*fields, day))).encode("ascii")
        return _FIELD_SEPARATOR.join(
            (
                QR_RECORD_TAG,
                self.number,
                self.masked_name,
                self.occupation_code,
                self.direction,
                _LEVEL_CODES[self.level],
                day,
                self.issuer_code,
            )
        ).encode("utf-8")

    @classmethod
    def parse_compact(cls, data: bytes) -> QrRecord:
        """Decode bytes written by `to_compact` (either version).

        Raises:
            ValidationError: The bytes are not a record of a version this program reads.
        """
        parse = cls._parse_v2 if data.startswith(QR_V2_TAG.encode()) else cls._parse_v1
        record = parse(data)
        if record.to_compact() != data:
            raise _unreadable()  # not canonical, so its signature could not have come from us
        return record

    @classmethod
    def _parse_v2(cls, data: bytes) -> QrRecord:
        try:
            fields = data.decode("ascii")[len(QR_V2_TAG) :].split(_V2_SEPARATOR)
        except UnicodeDecodeError:
            raise _unreadable() from None
        if len(fields) != 5 or fields[3] not in _LEVELS_BY_CODE:
            raise _unreadable()
        number, last4, occupation, level, day = fields
        try:
            return cls.compact(number, last4, occupation, _LEVELS_BY_CODE[level], _day(day))
        except ValidationError:
            raise _unreadable() from None

    @classmethod
    def _parse_v1(cls, data: bytes) -> QrRecord:
        try:
            fields = data.decode("utf-8").split(_FIELD_SEPARATOR)
        except UnicodeDecodeError:
            raise _unreadable() from None
        if len(fields) != 8 or fields[0] != QR_RECORD_TAG or fields[5] not in _LEVELS_BY_CODE:
            raise _unreadable()
        try:
            return cls(
                number=fields[1],
                masked_name=fields[2],
                occupation_code=fields[3],
                direction=fields[4],
                level=_LEVELS_BY_CODE[fields[5]],
                issue_date=_day(fields[6]),
                issuer_code=fields[7],
            )
        except ValidationError:
            raise _unreadable() from None


def _day(text: str) -> date:
    if not re.fullmatch(r"\d{8}", text):
        raise _unreadable()
    try:
        return date(int(text[:4]), int(text[4:6]), int(text[6:]))
    except ValueError:
        raise _unreadable() from None


def _b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _unb64url(text: str) -> bytes:
    if not re.fullmatch(r"[A-Za-z0-9_-]*", text):
        raise ValueError("not base64url")
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def encode_qr_payload(record_bytes: bytes, signature: bytes, url_prefix: str = "") -> str:
    """Build the text stored in the QR code, in the record's version.

    Version 2 (`record_bytes` starting `KP2:`): the record followed by r and s, each as 78
    decimal digits; version 1: `KP1:{record}.{signature}`, both base64url. Both are safe inside
    a URL query, so a phone can open the body's lookup page while an offline verifier still
    finds the signed record.

    Args:
        record_bytes: `QrRecord.to_compact()` output.
        signature: The issuer's signature over `record_bytes` as r‖s (32 bytes each).
        url_prefix: Optional lookup URL, e.g. `https://example.org/verify?c=`.
    """
    for tag in (QR_PAYLOAD_TAG, QR_V2_TAG):
        if tag in url_prefix:
            raise ValidationError(f"网址前缀不能包含“{tag}”", field="核验网址前缀")
    if record_bytes.startswith(QR_V2_TAG.encode()):
        half = len(signature) // 2
        digits = "".join(
            f"{int.from_bytes(part, 'big'):0{QR_SIGNATURE_DIGITS}d}"
            for part in (signature[:half], signature[half:])
        )
        return f"{url_prefix}{record_bytes.decode('ascii')}{digits}"
    return f"{url_prefix}{QR_PAYLOAD_TAG}{_b64url(record_bytes)}.{_b64url(signature)}"


def decode_qr_payload(text: str) -> tuple[bytes, bytes]:
    """Split QR text into (signed record bytes, signature r‖s), ignoring any URL prefix.

    Raises:
        ValidationError: The text is not a certificate QR code of this program.
    """
    cleaned = text.strip()
    at = cleaned.rfind(QR_V2_TAG)
    if at >= 0:
        return _split_v2(cleaned[at:])
    _, tag, rest = cleaned.rpartition(QR_PAYLOAD_TAG)
    if not tag:
        raise _unreadable()
    record_text, dot, signature_text = rest.partition(".")
    if not dot or not record_text or not signature_text:
        raise _unreadable()
    try:
        return _unb64url(record_text), _unb64url(signature_text)
    except (ValueError, binascii.Error):
        raise _unreadable() from None


def _split_v2(text: str) -> tuple[bytes, bytes]:
    width = 2 * QR_SIGNATURE_DIGITS
    record, digits = text[:-width], text[-width:]
    if len(text) <= width or not digits.isascii() or not digits.isdigit():
        raise _unreadable()
    halves = (int(digits[:QR_SIGNATURE_DIGITS]), int(digits[QR_SIGNATURE_DIGITS:]))
    if any(h >= 1 << 256 for h in halves) or not record.isascii():
        raise _unreadable()
    return record.encode("ascii"), b"".join(h.to_bytes(32, "big") for h in halves)


def decode_any_qr_payload(text: str) -> QrRecord:
    """The record in a certificate QR text of any version, NOT checking its signature.

    Only for looking a number up before the signature is checked.

    Raises:
        ValidationError: The text is not a certificate QR code of this program.
    """
    data, _ = decode_qr_payload(text)
    return QrRecord.parse_compact(data)
