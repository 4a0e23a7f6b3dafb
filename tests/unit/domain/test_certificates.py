"""Certificate numbering, masked names and the signed QR record format (pure domain)."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from kaoping.domain.catalogue import Level
from kaoping.domain.certificates import (
    CheckAlgorithm,
    NumberingScheme,
    QrRecord,
    certificate_file_name,
    check_character,
    decode_qr_payload,
    encode_qr_payload,
    format_chinese_date,
    id_last_four,
    mask_name,
)
from kaoping.domain.errors import ValidationError

_MOD37 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ*"


def _record(**changes: object) -> QrRecord:
    values: dict[str, object] = {
        "number": "GXDT-4501-2026-000123-K",
        "masked_name": "张*明",
        "occupation_code": "2-02-10-09",
        "direction": "计算机视觉产品实现",
        "level": Level.INTERMEDIATE,
        "issue_date": date(2026, 11, 25),
        "issuer_code": "4501",
    }
    values.update(changes)
    return QrRecord(**values)  # type: ignore[arg-type]


def test_mod11_2_matches_the_resident_id_check_digit() -> None:
    """The MOD 11-2 option gives the same check digit as a real ID number (GB 11643 example)."""
    assert check_character("11010519491231002", CheckAlgorithm.MOD11_2) == "X"
    assert check_character("44052418800101001", CheckAlgorithm.MOD11_2) == "4"


@given(st.text(alphabet=_MOD37[:36], min_size=1, max_size=30))
def test_mod37_2_weighted_sum_is_one(body: str) -> None:
    """With its check character a number satisfies the ISO 7064 pure-system equation."""
    full = body + check_character(body, CheckAlgorithm.MOD37_2)
    total = sum(_MOD37.index(ch) * pow(2, len(full) - 1 - i, 37) for i, ch in enumerate(full))
    assert total % 37 == 1


def test_scheme_formats_the_documented_shape() -> None:
    """A new number reads PREFIX-BODY-YEAR-SERIAL-CC (two check digits) and validates."""
    scheme = NumberingScheme("GXDT", "4501", 2026)
    number = scheme.format(123)
    assert number.startswith("GXDT-4501-2026-000123-")
    check = number.rsplit("-", 1)[1]
    assert len(check) == 2 and check.isdigit()
    assert scheme.validate(number)
    assert scheme.parse(number) == (2026, 123)


def _as_digits(text: str) -> int:
    return int("".join(str(int(ch, 36)) for ch in text if ch.isalnum()))


@given(
    st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", min_size=1, max_size=8),
    st.integers(min_value=1, max_value=999_999),
)
def test_mod97_10_leaves_remainder_one(prefix: str, serial: int) -> None:
    """ISO 7064 MOD 97-10: the number read as digits (A=10 … Z=35) is 1 modulo 97."""
    number = NumberingScheme(prefix, "4501", 2026).format(serial)
    assert _as_digits(number) % 97 == 1


@given(st.integers(min_value=1, max_value=999_999), st.sampled_from(["GXDT", "KP", "A1"]))
def test_new_numbers_never_hold_a_star_and_are_their_file_names(serial: int, prefix: str) -> None:
    """No `*` (the ID mask) in new numbers; the saved file is named exactly as the number."""
    number = NumberingScheme(prefix, "4501", 2026).format(serial)
    assert "*" not in number
    assert certificate_file_name(number) == f"{number}.pdf"


def test_numbers_issued_under_mod37_2_keep_verifying() -> None:
    """Numbers issued before (one check character, `*` included) still validate."""
    old = NumberingScheme("GXDT", "4501", 2026, algorithm=CheckAlgorithm.MOD37_2)
    new = NumberingScheme("GXDT", "4501", 2026)
    starred = next(old.format(n) for n in range(1, 500) if old.format(n).endswith("*"))
    for number in (starred, old.format(7), old.format(123)):
        assert new.parse(number)[0] == 2026
    assert new.parse(starred.lower()) == old.parse(starred)
    assert not new.validate(starred[:-1] + "A")
    assert not new.validate(old.format(7)[:-1] + "00")


@given(
    st.integers(min_value=1, max_value=999_999),
    st.integers(min_value=0, max_value=21),
    st.sampled_from(_MOD37[:36]),
)
def test_any_single_typo_is_caught(serial: int, position: int, replacement: str) -> None:
    """Mistyping one character of a certificate number makes it invalid."""
    scheme = NumberingScheme("GXDT", "4501", 2026)
    number = scheme.format(serial)
    # A hyphen is not a typo position, and typing the same character is no typo: draw again.
    assume(number[position] != "-" and number[position] != replacement)
    typo = number[:position] + replacement + number[position + 1 :]
    assert not scheme.validate(typo)


@given(st.integers(min_value=1, max_value=999_999))
def test_swapped_neighbouring_digits_are_caught(serial: int) -> None:
    """Swapping two adjacent, different digits of the serial makes the number invalid."""
    scheme = NumberingScheme("GXDT", "4501", 2026)
    number = scheme.format(serial)
    start = number.index("-2026-") + 6
    for i in range(start, start + 5):
        if number[i] != number[i + 1]:
            swapped = number[:i] + number[i + 1] + number[i] + number[i + 2 :]
            assert not scheme.validate(swapped)


def test_mod11_scheme_round_trips() -> None:
    """A body that chose MOD 11-2 gets digit or X check characters that validate."""
    scheme = NumberingScheme("GX", "4501", 2026, serial_width=5, algorithm=CheckAlgorithm.MOD11_2)
    number = scheme.format(42)
    assert number[-1] in "0123456789X"
    assert scheme.validate(number)


def test_numbers_of_another_body_or_width_are_refused() -> None:
    """A number from another body, or with the wrong serial width, is reported as not ours."""
    ours = NumberingScheme("GXDT", "4501", 2026)
    theirs = NumberingScheme("GXDT", "4502", 2026)
    assert not ours.validate(theirs.format(7))
    assert not ours.validate("GXDT-4501-2026-0007-47")
    with pytest.raises(ValidationError, match="不属于本机构"):
        ours.parse(theirs.format(7))


def test_older_years_remain_valid() -> None:
    """Certificates numbered in an earlier year still validate under this year's scheme."""
    old = NumberingScheme("GXDT", "4501", 2025).format(9)
    assert NumberingScheme("GXDT", "4501", 2026).parse(old) == (2025, 9)


def test_serial_out_of_range_names_the_fix() -> None:
    """Running out of serials tells the operator to widen the serial."""
    scheme = NumberingScheme("GXDT", "4501", 2026, serial_width=3)
    with pytest.raises(ValidationError, match="增加流水号位数"):
        scheme.format(1000)
    with pytest.raises(ValidationError, match="从 1 开始"):
        scheme.format(0)


def test_bad_prefix_is_refused() -> None:
    """A prefix with lowercase letters or separators is rejected when configured."""
    with pytest.raises(ValidationError, match="编号前缀"):
        NumberingScheme("gx-dt", "4501", 2026)


@pytest.mark.parametrize(
    ("name", "masked"),
    [
        ("张三明", "张*明"),
        ("张三", "张*"),
        ("欧阳娜娜", "欧**娜"),
        ("李", "李"),
        (" 王小二 ", "王*二"),
    ],
)
def test_mask_name(name: str, masked: str) -> None:
    """Names on the public QR show only the first and last character."""
    assert mask_name(name) == masked


def test_chinese_date() -> None:
    """Dates print as 2026年11月25日 without leading zeros."""
    assert format_chinese_date(date(2026, 1, 5)) == "2026年1月5日"


def test_record_round_trips_and_is_canonical() -> None:
    """The same record always encodes to the same bytes and decodes back unchanged."""
    record = _record()
    data = record.to_compact()
    assert data == _record().to_compact()
    assert data.startswith(b"KPR1|")
    assert QrRecord.parse_compact(data) == record


@given(
    st.text(
        alphabet=st.characters(blacklist_characters="|\n\r", blacklist_categories=["Cs"]),
        max_size=20,
    ).map(str.strip),
    st.sampled_from(list(Level)),
    st.dates(min_value=date(2000, 1, 1)),
)
def test_any_record_round_trips(direction: str, level: Level, day: date) -> None:
    """Whatever direction, level and date a certificate has, its record decodes back exactly."""
    record = _record(direction=direction, level=level, issue_date=day)
    assert QrRecord.parse_compact(record.to_compact()) == record


def test_record_refuses_an_unmasked_name() -> None:
    """A full name can never be put into the public QR record."""
    with pytest.raises(ValidationError, match="脱敏"):
        _record(masked_name="张三明")


def test_record_refuses_separator_in_fields() -> None:
    """A field containing the separator is rejected instead of producing an ambiguous record."""
    with pytest.raises(ValidationError, match="职业方向"):
        _record(direction="a|b")


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"KPR2|a|b*|c|d|I|20261125|e",
        b"KPR1|a|b*|c|d|X|20261125|e",
        b"KPR1|a|b*|c|d|I|20261325|e",
        b"KPR1|a|b*|c|d|I|20261125",
        b"\xff\xfe",
        b"KPR1|GXDT| \xe5\xbc\xa0*|c|d|I|20261125|e",
    ],
)
def test_malformed_records_are_refused(data: bytes) -> None:
    """Bytes that are not a canonical record give a readable error, not a crash."""
    with pytest.raises(ValidationError, match="无法识别"):
        QrRecord.parse_compact(data)


def test_payload_round_trips_with_and_without_url() -> None:
    """The QR text carries record and signature, behind an optional lookup URL."""
    record, signature = _record().to_compact(), bytes(range(64))
    plain = encode_qr_payload(record, signature)
    assert plain.startswith("KP1:")
    assert decode_qr_payload(plain) == (record, signature)
    linked = encode_qr_payload(record, signature, "https://example.org/verify?c=")
    assert linked.startswith("https://example.org/verify?c=KP1:")
    assert decode_qr_payload(linked) == (record, signature)
    assert all(ch.isascii() and ch not in " %+&#" for ch in linked)


@pytest.mark.parametrize("text", ["", "hello", "KP1:", "KP1:abc", "KP1:ab$c.def", "KP1:.abc"])
def test_foreign_qr_texts_are_refused(text: str) -> None:
    """Scanning some other QR code says it is not a certificate code."""
    with pytest.raises(ValidationError, match="无法识别"):
        decode_qr_payload(text)


def test_file_name_never_holds_a_star() -> None:
    """A number ending in the check character * is saved under a name Windows accepts."""
    assert certificate_file_name("GXDT-4501-2026-000150-*") == "GXDT-4501-2026-000150-_.pdf"
    assert certificate_file_name("GXDT-4501-2026-000001-P") == "GXDT-4501-2026-000001-P.pdf"


def _compact(**changes: object) -> QrRecord:
    values: dict[str, object] = {
        "number": "GXDT-4501-2026-000123-47",
        "id_last4": "123X",
        "occupation_code": "2-02-10-09",
        "level": Level.INTERMEDIATE,
        "issue_date": date(2026, 11, 25),
    }
    values.update(changes)
    return QrRecord.compact(**values)  # type: ignore[arg-type]


def test_version_2_record_is_short_plain_text() -> None:
    """The record new certificates carry: no name, the ID's last four, the issuer from the number."""
    record = _compact()
    assert record.to_compact() == b"KP2:GXDT-4501-2026-000123-47:123X:2-02-10-09:I:20261125"
    assert record.issuer_code == "4501" and record.version == 2 and record.masked_name == ""
    assert QrRecord.parse_compact(record.to_compact()) == record


def test_version_2_payload_ends_in_r_and_s_as_78_digits_each() -> None:
    """r and s follow the record as decimal numbers, so the whole code is alphanumeric mode."""
    r, s = 2**255 + 12345, 7
    signature = r.to_bytes(32, "big") + s.to_bytes(32, "big")
    record = _compact().to_compact()
    payload = encode_qr_payload(record, signature)
    assert payload == record.decode() + f"{r:078d}" + f"{s:078d}"
    assert set(payload) <= set("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:")
    assert decode_qr_payload(payload) == (record, signature)
    linked = encode_qr_payload(record, signature, "https://example.org/v?c=")
    assert decode_qr_payload(linked) == (record, signature)


@given(
    st.integers(min_value=1, max_value=999_999),
    st.text(alphabet="0123456789X", min_size=1, max_size=4),
    st.sampled_from(list(Level)),
    st.dates(min_value=date(2000, 1, 1), max_value=date(9999, 12, 31)),
)
def test_any_version_2_record_round_trips(serial: int, last4: str, level: Level, day: date) -> None:
    number = NumberingScheme("GXDT", "GXDT01", 2026).format(serial)
    record = _compact(number=number, id_last4=last4, level=level, issue_date=day)
    assert QrRecord.parse_compact(record.to_compact()) == record


@pytest.mark.parametrize(
    "changes",
    [
        {"number": "not a number"},
        {"id_last4": "12345"},
        {"id_last4": ""},
        {"id_last4": "12:4"},
        {"occupation_code": "2:02"},
        {"occupation_code": "二-02"},
    ],
)
def test_version_2_record_refuses_what_it_cannot_carry(changes: dict[str, object]) -> None:
    with pytest.raises(ValidationError):
        _compact(**changes)


@pytest.mark.parametrize(
    "text",
    [
        "KP2:",
        "KP2:" + "1" * 156,
        "KP2:GXDT-4501-2026-000123-47:123X:2-02-10-09:I:20261125" + "1" * 155,
        "KP2:GXDT-4501-2026-000123-47:123X:2-02-10-09:I:20261125" + "9" * 156,
        "KP2:GXDT-4501-2026-000123-47:123X:2-02-10-09:I:20261125" + "1" * 155 + "a",
    ],
)
def test_broken_version_2_texts_are_refused(text: str) -> None:
    """A cut, padded or overlong signature, or a record missing, says it is not our code."""
    with pytest.raises(ValidationError, match="无法识别"):
        QrRecord.parse_compact(decode_qr_payload(text)[0])


def test_id_last_four() -> None:
    """The last four letters or digits, upper case; separators are not counted."""
    assert id_last_four("45010219900101123x") == "123X"
    assert id_last_four("H1234567(8)") == "5678"
