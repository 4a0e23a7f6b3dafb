"""Identity document numbers: the mainland 公民身份号码 (GB 11643-1999) and other documents.

The mainland number is 6-digit region code + 8-digit birth date + 3-digit sequence (odd = male)
+ one check character computed with ISO 7064 MOD 11-2. The residence permit for Hong Kong, Macao
and Taiwan residents and the 2023 foreign permanent residence card reuse the same check
(国家移民管理局《新版外国人永久居留身份证机读信息规则》, 2023). Error messages never repeat the
whole number, because they can end up in import reports and logs.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Literal

from kaoping.domain.errors import ValidationError

FIELD = "证件号码"

# ISO 7064 MOD 11-2: weights for positions 1..17 (2^(17-i) mod 11); check character by S mod 11.
_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK_CHARS = "10X98765432"

_HMT_PREFIXES = ("810000", "820000", "830000")

Sex = Literal["男", "女"]


class IdType(StrEnum):
    """Kinds of identity document (证件类型) a candidate may register with."""

    RESIDENT_ID_CARD = "居民身份证"
    HK_MACAO_TRAVEL_PERMIT = "港澳居民来往内地通行证"
    TAIWAN_TRAVEL_PERMIT = "台湾居民来往大陆通行证"
    HMT_RESIDENCE_PERMIT = "港澳台居民居住证"
    FOREIGN_PERMANENT_RESIDENCE = "外国人永久居留身份证"
    PASSPORT = "护照"


@dataclass(frozen=True)
class MainlandId:
    """A checked 公民身份号码 (citizen identity number).

    Attributes:
        number: The 18-character number, upper-case X, no spaces.
        birth_date: The birth date coded in positions 7-14.
        sex: 男 for an odd sequence code, 女 for an even one.
        region_code: The 6-digit address code (GB/T 2260) of first registration.
    """

    number: str
    birth_date: date
    sex: Sex
    region_code: str


def normalise(text: str) -> str:
    """Fold full-width characters to ASCII, trim the ends and upper-case letters.

    People often type numbers with a Chinese input method switched on, which yields full-width
    digits and letters; those are the same number and must not be refused.
    """
    return unicodedata.normalize("NFKC", text).strip().upper()


def check_character(body17: str) -> str:
    """The MOD 11-2 check character for 17 leading digits.

    Args:
        body17: Exactly 17 ASCII digits.

    Returns:
        One of 0-9 or X.

    Raises:
        ValueError: If `body17` is not 17 ASCII digits (a programming error, not user input).
    """
    if len(body17) != len(_WEIGHTS) or not _is_ascii_digits(body17):
        raise ValueError("check_character needs exactly 17 ASCII digits")
    total = sum(int(digit) * weight for digit, weight in zip(body17, _WEIGHTS, strict=True))
    return _CHECK_CHARS[total % 11]


def validate_mainland_id(
    text: str, *, allow_legacy: bool = False, today: date | None = None
) -> MainlandId:
    """Check a 公民身份号码 and read the facts coded in it.

    Args:
        text: The number as typed; full-width characters, surrounding spaces and a lower-case x
            are accepted.
        allow_legacy: Accept a 15-digit number (GB 11643-1989) and return its 18-digit form.
        today: The date a birth date may not be after; defaults to the system date.

    Returns:
        The normalised number with its birth date, sex and region code.

    Raises:
        ValidationError: With field 证件号码 and the exact reason (length, a non-digit, the check
            character, an impossible or a future birth date).
    """
    number = normalise(text)
    if len(number) == 15 and _is_ascii_digits(number):
        if not allow_legacy:
            raise ValidationError(
                "这是15位旧版身份证号码，请填写18位公民身份号码（新版身份证上的号码）", field=FIELD
            )
        number = upgrade_legacy_id(number)
    _check_structure(number)
    _refuse_other_document(number)
    return _read_facts(number, today or date.today())


def upgrade_legacy_id(text15: str) -> str:
    """Convert a 15-digit number (GB 11643-1989) to the 18-digit form.

    The 1989 numbers carry a two-digit birth year; the century 19 is inserted and the check
    character appended, as the public security authorities did when the 18-digit numbers came in.

    Args:
        text15: 6-digit region code + YYMMDD + 3-digit sequence, no check character.

    Returns:
        The 18-character number.

    Raises:
        ValidationError: If the text is not 15 digits or its birth date does not exist.
    """
    number = normalise(text15)
    if len(number) != 15:
        raise ValidationError(f"15位旧号码应为15位数字，当前为{len(number)}位", field=FIELD)
    _require_digits(number, "15位旧号码")
    body = number[:6] + "19" + number[6:]
    _parse_birth_date(body[6:14])
    return body + check_character(body)


def validate_id(
    id_type: IdType, number: str, *, allow_legacy: bool = False, today: date | None = None
) -> str:
    """Check a document number against the format of its document type.

    Args:
        id_type: The document type the person chose.
        number: The number as typed.
        allow_legacy: For 居民身份证 only: accept and upgrade a 15-digit number.
        today: For numbers that code a birth date: the date it may not be after.

    Returns:
        The normalised number (upper-case, no surrounding spaces, ASCII characters).

    Raises:
        ValidationError: With field 证件号码 and what the format requires.
    """
    if id_type is IdType.RESIDENT_ID_CARD:
        return validate_mainland_id(number, allow_legacy=allow_legacy, today=today).number
    if id_type is IdType.HMT_RESIDENCE_PERMIT:
        return _validate_residence_permit(number, today or date.today())
    if id_type is IdType.FOREIGN_PERMANENT_RESIDENCE:
        return _validate_permanent_residence(number)
    text = normalise(number)
    pattern, requirement = _SIMPLE_FORMATS[id_type]
    if not pattern.fullmatch(text):
        raise ValidationError(f"{id_type.value}号码格式不对：{requirement}", field=FIELD)
    return text


def mask_id(number: str) -> str:
    """Hide the middle of a document number for lists and reports, keeping its length.

    The first 3 and last 4 characters stay visible (`450***********123X`). Numbers of 7 characters
    or fewer would be shown whole that way, so they keep only their first and last character, and
    numbers of 2 characters or fewer are hidden completely.

    Args:
        number: A document number.

    Returns:
        The masked number, as long as the input.
    """
    text = number
    if len(text) > 7:
        head, tail = 3, 4
    elif len(text) > 2:
        head, tail = 1, 1
    else:
        return "*" * len(text)
    return text[:head] + "*" * (len(text) - head - tail) + text[-tail:]


_SIMPLE_FORMATS: dict[IdType, tuple[re.Pattern[str], str]] = {
    IdType.HK_MACAO_TRAVEL_PERMIT: (
        re.compile(r"[HM](?:\d{8}|\d{10})"),
        "应为H（香港居民）或M（澳门居民）开头，后接8位或10位数字",
    ),
    IdType.TAIWAN_TRAVEL_PERMIT: (re.compile(r"\d{8}"), "应为8位数字"),
    IdType.PASSPORT: (re.compile(r"[A-Z0-9]{5,17}"), "应为5至17位字母或数字，不含空格和符号"),
}


def _validate_residence_permit(number: str, today: date) -> str:
    text = normalise(number)
    if not text.startswith(_HMT_PREFIXES):
        raise ValidationError(
            "港澳台居民居住证号码应以810000（香港）、820000（澳门）或830000（台湾）开头",
            field=FIELD,
        )
    _check_structure(text)
    _read_facts(text, today)
    return text


def _validate_permanent_residence(number: str) -> str:
    text = normalise(number)
    if len(text) == 15:
        if not re.fullmatch(r"[A-Z]{3}\d{12}", text):
            raise ValidationError(
                "15位旧版外国人永久居留身份证号码应为3位字母（国籍代码）后接12位数字", field=FIELD
            )
        return text
    if len(text) == 18:
        if not text.startswith("9"):
            raise ValidationError("18位新版外国人永久居留身份证号码应以9开头", field=FIELD)
        _check_structure(text)
        return text
    raise ValidationError(
        f"外国人永久居留身份证号码应为15位（旧版）或18位（新版），当前为{len(text)}位", field=FIELD
    )


def _check_structure(number: str) -> None:
    """Length, characters and check character of an 18-character MOD 11-2 number."""
    if len(number) != 18:
        raise ValidationError(f"号码应为18位，当前为{len(number)}位", field=FIELD)
    _require_digits(number[:17], "前17位")
    if number[17] not in "0123456789X":
        raise ValidationError("第18位（校验码）只能是数字或字母X", field=FIELD)
    if check_character(number[:17]) != number[17]:
        raise ValidationError("校验码与前17位不符，号码有误，请对照证件逐位核对", field=FIELD)


def _refuse_other_document(number: str) -> None:
    """Catch numbers of other documents that share the 18-character layout; name the right type."""
    if number.startswith(_HMT_PREFIXES):
        raise ValidationError(
            f"这是港澳台居民居住证号码，请把证件类型改为“{IdType.HMT_RESIDENCE_PERMIT.value}”",
            field=FIELD,
        )
    if number.startswith("9"):
        raise ValidationError(
            f"以9开头的是外国人永久居留身份证号码，请把证件类型改为“{IdType.FOREIGN_PERMANENT_RESIDENCE.value}”",
            field=FIELD,
        )
    if number.startswith("0"):
        raise ValidationError("第1至6位地址码不能以0开头，请核对号码", field=FIELD)


def _read_facts(number: str, today: date) -> MainlandId:
    birth = _parse_birth_date(number[6:14])
    if birth > today:
        raise ValidationError(
            f"第7至14位的出生日期{birth.isoformat()}晚于今天，请核对号码", field=FIELD
        )
    sex: Sex = "男" if int(number[16]) % 2 == 1 else "女"
    return MainlandId(number=number, birth_date=birth, sex=sex, region_code=number[:6])


def _parse_birth_date(digits8: str) -> date:
    try:
        return date(int(digits8[:4]), int(digits8[4:6]), int(digits8[6:8]))
    except ValueError:
        raise ValidationError(
            f"号码中的出生日期“{digits8[:4]}年{digits8[4:6]}月{digits8[6:8]}日”不存在，请核对号码",
            field=FIELD,
        ) from None


def _require_digits(text: str, part: str) -> None:
    for position, char in enumerate(text, start=1):
        if not ("0" <= char <= "9"):
            raise ValidationError(f"{part}只能是数字，第{position}位不是数字", field=FIELD)


def _is_ascii_digits(text: str) -> bool:
    return all("0" <= char <= "9" for char in text)
