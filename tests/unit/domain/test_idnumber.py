from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kaoping.domain.errors import ValidationError
from kaoping.domain.idnumber import (
    IdType,
    check_character,
    mask_id,
    upgrade_legacy_id,
    validate_id,
    validate_mainland_id,
)

TODAY = date(2025, 6, 1)

STANDARD_VECTORS = [
    "11010519491231002X",
    "440524188001010014",
    "513101198201130014",
    "370101190102039973",
    "34052419800101001X",
]


def _with_check(body17: str) -> str:
    return body17 + check_character(body17)


def _reason(text: str, **kwargs: object) -> str:
    with pytest.raises(ValidationError) as caught:
        validate_mainland_id(text, today=TODAY, **kwargs)  # type: ignore[arg-type]
    assert caught.value.field == "证件号码"
    return caught.value.message


@pytest.mark.parametrize("number", STANDARD_VECTORS)
def test_standard_test_vectors_are_accepted(number: str) -> None:
    """The worked examples of GB 11643-1999 are accepted as valid numbers."""
    assert validate_mainland_id(number, today=TODAY).number == number


def test_facts_are_read_from_the_number() -> None:
    """The form fills in birth date, sex and region from a typed ID number."""
    person = validate_mainland_id("11010519491231002X", today=TODAY)
    assert person.birth_date == date(1949, 12, 31)
    assert person.sex == "女"
    assert person.region_code == "110105"
    assert validate_mainland_id("440524188001010014", today=TODAY).sex == "男"


def test_lower_case_x_full_width_and_spaces_are_normalised() -> None:
    """A number typed with lower-case x, full-width digits or stray spaces is still accepted."""
    assert validate_mainland_id(" 11010519491231002x ", today=TODAY).number == "11010519491231002X"
    full_width = "１１０１０５１９４９１２３１００２Ｘ"
    assert validate_mainland_id(full_width, today=TODAY).number == "11010519491231002X"


def test_wrong_length_names_the_length() -> None:
    """A number with a digit missing says how many characters were typed."""
    assert "应为18位，当前为17位" in _reason("11010519491231002")


def test_non_digit_names_the_position() -> None:
    """A letter inside the number names its position."""
    assert "第5位不是数字" in _reason("1101A519491231002X")


def test_bad_last_character_is_explained() -> None:
    """A last character other than a digit or X is refused with the allowed characters."""
    assert "只能是数字或字母X" in _reason("11010519491231002Y")


def test_wrong_check_character_does_not_reveal_the_right_one() -> None:
    """A mistyped number is refused without telling which check character would pass."""
    message = _reason("110105194912310021")
    assert "校验码与前17位不符" in message
    assert "X" not in message
    assert "110105" not in message


def test_impossible_birth_date_is_refused() -> None:
    """A number whose birth date does not exist (30 February) is refused, naming the date."""
    message = _reason(_with_check("11010519490230002"))
    assert "1949年02月30日" in message
    assert "不存在" in message


def test_birth_date_in_the_future_is_refused() -> None:
    """A number whose birth date is after today is refused."""
    assert "晚于今天" in _reason(_with_check("11010520300101002"))


def test_fifteen_digits_refused_by_default_with_the_fix() -> None:
    """An old 15-digit number is refused by default with a request for the 18-digit one."""
    message = _reason("110105491231002")
    assert "15位" in message
    assert "18位" in message


def test_fifteen_digits_accepted_when_allowed() -> None:
    """When legacy numbers are allowed, the 15-digit number comes back in its 18-digit form."""
    person = validate_mainland_id("110105491231002", allow_legacy=True, today=TODAY)
    assert person.number == "11010519491231002X"
    assert person.birth_date == date(1949, 12, 31)


def test_upgrade_legacy_id() -> None:
    """The 15-to-18 conversion inserts 19 and the check character."""
    assert upgrade_legacy_id("340524800101001") == "34052419800101001X"


def test_upgrade_legacy_id_refuses_a_bad_date() -> None:
    """A 15-digit number with an impossible date cannot be converted."""
    with pytest.raises(ValidationError, match="不存在"):
        upgrade_legacy_id("440524801301001")


def test_residence_permit_number_under_id_card_names_the_right_type() -> None:
    """A 居住证 number typed as 居民身份证 is refused with the document type to choose."""
    assert "港澳台居民居住证" in _reason(_with_check("81000019900101001"))


def test_permanent_residence_number_under_id_card_names_the_right_type() -> None:
    """A new 永居证 number typed as 居民身份证 is refused with the document type to choose."""
    assert "外国人永久居留身份证" in _reason(_with_check("93615619900101001"))


@given(st.text(alphabet="0123456789", min_size=17, max_size=17))
def test_any_body_with_its_check_character_passes_the_check(body: str) -> None:
    """Every 17 digits plus the computed check character passes the check-character test."""
    number = _with_check(body)
    try:
        validate_mainland_id(number, today=TODAY)
    except ValidationError as error:
        assert "校验码" not in error.message


@given(
    st.integers(min_value=1950, max_value=2020).map(str),
    st.integers(min_value=0, max_value=16),
    st.integers(min_value=1, max_value=9),
)
def test_changing_one_digit_is_always_caught(year: str, position: int, delta: int) -> None:
    """Any single mistyped digit of a valid number is refused (MOD 11-2 catches all of them)."""
    number = _with_check(f"450103{year}0615123")
    changed = str((int(number[position]) + delta) % 10)
    mutated = number[:position] + changed + number[position + 1 :]
    with pytest.raises(ValidationError):
        validate_mainland_id(mutated, today=TODAY)


@given(st.text(alphabet="0123456789", min_size=17, max_size=17), st.integers(0, 15))
def test_swapping_two_adjacent_digits_is_caught(body: str, position: int) -> None:
    """Two neighbouring digits typed the wrong way round fail the check character."""
    number = _with_check(body)
    first, second = number[position], number[position + 1]
    swapped = number[:position] + second + first + number[position + 2 :]
    if swapped != number:
        assert check_character(swapped[:17]) != swapped[17]


@pytest.mark.parametrize(
    ("id_type", "number", "expected"),
    [
        (IdType.RESIDENT_ID_CARD, "11010519491231002x", "11010519491231002X"),
        (IdType.HK_MACAO_TRAVEL_PERMIT, "h12345678", "H12345678"),
        (IdType.HK_MACAO_TRAVEL_PERMIT, "M1234567890", "M1234567890"),
        (IdType.TAIWAN_TRAVEL_PERMIT, "12345678", "12345678"),
        (IdType.HMT_RESIDENCE_PERMIT, _with_check("81000019900101001"), None),
        (IdType.HMT_RESIDENCE_PERMIT, _with_check("83000019851231002"), None),
        (IdType.FOREIGN_PERMANENT_RESIDENCE, "usa310085012345", "USA310085012345"),
        (IdType.FOREIGN_PERMANENT_RESIDENCE, _with_check("93615619900101001"), None),
        (IdType.PASSPORT, "E12345", "E12345"),
        (IdType.PASSPORT, "ab1234567", "AB1234567"),
    ],
)
def test_valid_numbers_per_document_type(
    id_type: IdType, number: str, expected: str | None
) -> None:
    """A correctly formed number of each document type is accepted and normalised."""
    assert validate_id(id_type, number, today=TODAY) == (expected or number)


@pytest.mark.parametrize(
    ("id_type", "number", "reason"),
    [
        (IdType.RESIDENT_ID_CARD, "110105194912310021", "校验码"),
        (IdType.HK_MACAO_TRAVEL_PERMIT, "K12345678", "H（香港居民）或M（澳门居民）"),
        (IdType.HK_MACAO_TRAVEL_PERMIT, "H123456789", "8位或10位"),
        (IdType.TAIWAN_TRAVEL_PERMIT, "1234567", "8位数字"),
        (IdType.HMT_RESIDENCE_PERMIT, _with_check("11010519491231002"), "810000"),
        (IdType.HMT_RESIDENCE_PERMIT, "810000199001010010", "校验码"),
        (IdType.FOREIGN_PERMANENT_RESIDENCE, "US3310085012345", "3位字母"),
        (IdType.FOREIGN_PERMANENT_RESIDENCE, _with_check("13615619900101001"), "以9开头"),
        (IdType.FOREIGN_PERMANENT_RESIDENCE, "936156199001010010", "校验码"),
        (IdType.FOREIGN_PERMANENT_RESIDENCE, "USA3100850123", "15位（旧版）或18位（新版）"),
        (IdType.PASSPORT, "E123", "5至17位"),
        (IdType.PASSPORT, "E12 345", "5至17位"),
    ],
)
def test_invalid_numbers_per_document_type(id_type: IdType, number: str, reason: str) -> None:
    """A malformed number of each document type is refused with what the format requires."""
    with pytest.raises(ValidationError) as caught:
        validate_id(id_type, number, today=TODAY)
    assert caught.value.field == "证件号码"
    assert reason in caught.value.message


def test_mask_keeps_first_three_and_last_four() -> None:
    """Lists show 450***********123X instead of the full ID number."""
    assert mask_id("45010319900615123X") == "450***********123X"


@pytest.mark.parametrize(
    ("number", "masked"),
    [("H12345678", "H12**5678"), ("E12345", "E****5"), ("12", "**"), ("", "")],
)
def test_mask_short_numbers(number: str, masked: str) -> None:
    """Short document numbers are masked too and never shown in full."""
    assert mask_id(number) == masked


@given(st.text(alphabet="0123456789X", min_size=0, max_size=20))
def test_mask_keeps_length_and_hides_something(number: str) -> None:
    """The masked number has the same length and never equals a number longer than 2."""
    masked = mask_id(number)
    assert len(masked) == len(number)
    if len(number) > 2:
        assert "*" in masked
