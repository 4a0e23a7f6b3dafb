"""Roster cells: what only changed form is accepted as typed; what lost its value is refused."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kaoping.domain.idnumber import IdType, check_character, validate_id
from kaoping.domain.roster import (
    HEADER_WINDOW,
    Problem,
    check_roster,
    find_header_row,
    header_name,
    parse_date,
)
from kaoping.domain.roster_cells import (
    CellRefused,
    ColumnKind,
    cell_text,
    code_text,
    count_text,
    date_text,
    document_text,
    flag_text,
    phone_text,
    read_date,
    serial_date,
)
from kaoping.domain.spreadsheet_cells import ErrorValue, Formula

WINDOWS = date(1899, 12, 30)
MAC = date(1904, 1, 1)
ID = "45010219900101001X"
TODAY = date(2026, 11, 25)


def refusal(call: object, *args: object) -> str:
    assert callable(call)
    with pytest.raises(CellRefused) as refused:
        call(*args)
    return refused.value.reason


# --- dates ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("2026-03-05", date(2026, 3, 5)),
        ("2026-3-5", date(2026, 3, 5)),
        ("2026/03/05", date(2026, 3, 5)),
        ("2026.3.5", date(2026, 3, 5)),
        ("2026年3月5日", date(2026, 3, 5)),
        ("2026年3月5号", date(2026, 3, 5)),
        ("2026 年 3 月 5 日", date(2026, 3, 5)),
        ("２０２６年３月５日", date(2026, 3, 5)),
        ("20260305", date(2026, 3, 5)),
        ("2026年3月", date(2026, 3, 1)),
        ("2026-03", date(2026, 3, 1)),
        ("2026.3", date(2026, 3, 1)),
        ("2026-03-05 00:00:00", date(2026, 3, 5)),
        ("2026/3/5 8:30", date(2026, 3, 5)),
        ("2026-03-05T08:30:00", date(2026, 3, 5)),
        ("'2026-03-05", date(2026, 3, 5)),
        ("\u00a02026-03-05\u200b", date(2026, 3, 5)),
        ("3/15/2026", date(2026, 3, 15)),
        ("15/3/2026", date(2026, 3, 15)),
        ("5/5/2026", date(2026, 5, 5)),
        ("2024-02-29", date(2024, 2, 29)),
    ],
)
def test_date_spellings_offices_use_are_read(text: str, day: date) -> None:
    """Every spelling of a day in Chinese offices' rosters gives that day."""
    assert read_date(text) == day
    assert parse_date(text) == day


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("2026-02-30", "不是有效日期：2026 年 2 月只有 28 天"),
        ("2026年2月30日", "不是有效日期：2026 年 2 月只有 28 天"),
        ("20260230", "不是有效日期：2026 年 2 月只有 28 天"),
        ("2025-02-29", "2025 年不是闰年，2 月没有 29 日"),
        ("2026-04-31", "4 月只有 30 天"),
        ("2026-13-01", "没有 13 月"),
        ("2026-00-10", "没有 0 月"),
        ("2026-03-00", "没有 0 日"),
        ("0000-03-01", "没有 0 年"),
        ("26/3/5", "年份只写了两位"),
        ("26.3.5", "年份只写了两位"),
        ("3/5/2026", "可能是 3 月 5 日，也可能是 5 月 3 日"),
        ("31/31/2026", "不是有效日期"),
        ("去年夏天", "不是日期，请写成 2020-07-01 的形式"),
        ("2026", "不是日期"),
    ],
)
def test_impossible_and_ambiguous_dates_are_refused_with_the_reason(text: str, reason: str) -> None:
    """A day the month lacks, a two-digit year and day/month order in doubt are named."""
    assert reason in refusal(read_date, text)
    assert parse_date(text) is None


def test_serial_numbers_follow_the_workbooks_date_system() -> None:
    """Serial 46086 is 2026-03-05 in the 1900 system and four years and a day later in 1904."""
    assert serial_date(46086, WINDOWS) == date(2026, 3, 5)
    assert serial_date(46086.75, WINDOWS) == date(2026, 3, 5)
    assert serial_date(44624, MAC) == date(2026, 3, 5)
    assert serial_date(1, WINDOWS) == date(1900, 1, 1)
    assert serial_date(59, WINDOWS) == date(1900, 2, 28)
    assert serial_date(60, WINDOWS) is None  # Excel's 29 February 1900 never was
    assert serial_date(61, WINDOWS) == date(1900, 3, 1)
    assert serial_date(0, WINDOWS) is None
    assert serial_date(3_000_000, WINDOWS) is None


@pytest.mark.parametrize(
    ("value", "epoch", "text"),
    [
        (datetime(2026, 3, 5, 0, 0), WINDOWS, "2026-03-05"),
        (datetime(2026, 3, 5, 14, 30), WINDOWS, "2026-03-05"),
        (date(2026, 3, 5), WINDOWS, "2026-03-05"),
        (46086, WINDOWS, "2026-03-05"),
        (46086.0, WINDOWS, "2026-03-05"),
        (44624, MAC, "2026-03-05"),
        (20260305, WINDOWS, "2026-03-05"),
        (20260305.0, MAC, "2026-03-05"),
        ("２０２６．３．５", WINDOWS, "2026-03-05"),
        ("\t2026年3月5日 ", WINDOWS, "2026-03-05"),
        ("'2026年3月", WINDOWS, "2026-03-01"),
        ("\u3000", WINDOWS, ""),
    ],
)
def test_date_cells_and_numbers_become_iso_dates(value: object, epoch: date, text: str) -> None:
    """Date cells, serial numbers in either date system and 20260305 typed as a number are days."""
    assert date_text(value, epoch) == text  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        (time(8, 30), "只有时间，没有日期"),
        (timedelta(hours=3), "只有时间，没有日期"),
        (True, "逻辑值"),
        (2026, "是数字 2026，不像日期"),
        (0.5, "是数字 0.5，不像日期"),
        (20260230, "是数字 20260230，不是有效日期：2026 年 2 月只有 28 天"),
        (99_999_999_999, "不像日期"),
        ("2026年2月30日", "“2026年2月30日”不是有效日期：2026 年 2 月只有 28 天"),
        ("26/3/5", "“26/3/5”的年份只写了两位"),
    ],
)
def test_date_cells_that_are_no_date_are_refused(value: object, reason: str) -> None:
    """A time, a flag, a year alone or an impossible 8-digit number is not taken for a day."""
    assert reason in refusal(date_text, value, WINDOWS)


# --- document numbers ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "typed",
    [
        ID,
        "'" + ID,
        "‘" + ID,
        "\t" + ID,
        ID + "\t",
        "\u00a0" + ID + "\u3000",
        ID[:6] + "\u200b" + ID[6:] + "\ufeff",
        "\u200e" + ID,
        "４５０１０２１９９００１０１００１Ｘ",
        "４５０１０２１９９００１０１００１ｘ",
        ID.lower(),
        "4501 0219 9001 0100 1X",
        "450102\n19900101001X",
        f'="{ID}"',
    ],
)
def test_document_numbers_that_only_changed_form_are_accepted(typed: str) -> None:
    """Quote and tab markers, full-width characters, odd spaces and a lower-case x are undone."""
    text = document_text(typed)
    assert validate_id(IdType.RESIDENT_ID_CARD, text, today=TODAY) == ID


def damaged(number: str) -> int:
    """What an 18-digit number typed into a General cell reads back as.

    Excel keeps 15 significant digits and stores the nearest double, which it writes as
    4.50102199001011E+17; a reader that turns that float into an integer gets ...1008.
    """
    return int(float(number[:15] + "000"))


def damaged_but_checking() -> tuple[str, str]:
    """A real number whose damaged form still has a fitting check character (about 1 in 11)."""
    for day in range(366):
        birth = (date(1990, 1, 1) + timedelta(days=day)).strftime("%Y%m%d")
        for sequence in range(23, 1000, 100):
            body = f"450102{birth}{sequence:03d}"
            real = body + check_character(body)
            broken = str(damaged(real))
            if check_character(broken[:17]) == broken[17]:
                return real, broken
    raise AssertionError("no damaged number with a fitting check character")


@pytest.mark.parametrize(
    "value",
    [
        int(ID[:17] + "0"),
        damaged(ID),
        float(ID[:17] + "0"),
        4.50102199001011e17,
    ],
)
def test_document_number_stored_as_a_long_number_is_refused(value: int | float) -> None:
    """An 18-digit number cell lost digits past the 15th: say so, and how to fix it."""
    reason = refusal(document_text, value)
    assert "存成了数值" in reason and "15 位有效数字" in reason
    assert "设置单元格格式" in reason and "文本" in reason and "重新" in reason


def test_document_number_stored_as_a_short_number_is_refused_too() -> None:
    """Even an exact short number (a Taiwan permit's 8 digits) may have lost a leading 0."""
    reason = refusal(document_text, 12345678)
    assert "开头的 0" in reason and "设置单元格格式" in reason


def test_damaged_number_whose_check_character_still_fits_is_refused() -> None:
    """The number Excel keeps can pass the check character; as a number it is refused anyway."""
    real, broken = damaged_but_checking()
    assert broken != real
    assert validate_id(IdType.RESIDENT_ID_CARD, broken, today=TODAY) == broken
    assert "15 位有效数字" in refusal(document_text, int(broken))
    assert "15 位有效数字" in refusal(document_text, float(real[:15] + "000"))


@pytest.mark.parametrize(
    ("typed", "reason"),
    [
        ("4.50102E+17", "科学计数法“4.50102E+17”"),
        ("4.50102e17", "科学计数法"),
        ("４．５０１０２Ｅ＋１７", "科学计数法“4.50102E+17”"),
        ("'4.50102E+17", "科学计数法"),
        ("450102199001011000.0", "带小数点"),
    ],
)
def test_document_number_text_that_was_a_number_is_refused(typed: str, reason: str) -> None:
    """Text showing a number's shortened form was a number before, and lost digits there."""
    assert reason in refusal(document_text, typed)


@pytest.mark.parametrize("value", [datetime(2026, 3, 5), time(1, 2), True])
def test_document_number_that_became_a_date_or_flag_is_refused(value: object) -> None:
    assert "不是证件号码" in refusal(document_text, value)


def test_passport_numbers_with_an_e_are_not_taken_for_scientific_notation() -> None:
    assert document_text("E12345678") == "E12345678"
    assert document_text("12E345678") == "12E345678"


@given(
    st.lists(
        st.sampled_from(["'", "‘", "\t", " ", "\u00a0", "\u3000", "\u200b", "\ufeff"]),
        max_size=3,
    ),
    st.booleans(),
)
def test_markers_around_any_document_number_come_off(markers: list[str], wide: bool) -> None:
    """Whatever markers stand in front, the number comes back as typed."""
    number = ID.translate({ord(c): ord(c) + 0xFEE0 for c in ID}) if wide else ID
    prefix = "".join(markers)
    suffix = "".join(m for m in markers if m not in "'‘")
    assert document_text(prefix + number + suffix).upper() == ID


# --- phones --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (13800000000, "13800000000"),
        (13800000000.0, "13800000000"),
        ("13800000000", "13800000000"),
        ("'13800000000", "13800000000"),
        ("１３８００００００００", "13800000000"),
        ("138 0000 0000", "13800000000"),
        ("138-0000-0000", "13800000000"),
        ("+86 138 0000 0000", "13800000000"),
        ("13800000000.0", "13800000000"),
        ("0771-1234567", "0771-1234567"),
        ("\t07711234567", "07711234567"),
    ],
)
def test_phone_numbers_that_only_changed_form_are_accepted(value: object, text: str) -> None:
    """A mobile number as a number cell is exact; markers and separators are undone."""
    assert phone_text(value) == text  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        (7711234567, "存成了数值 7711234567，不是 11 位手机号"),
        (1380000000.5, "带小数"),
        (12345, "不是 11 位手机号"),
        ("1.38E+10", "科学计数法"),
        (datetime(2026, 3, 5), "不是电话号码"),
    ],
)
def test_phone_numbers_that_lost_digits_are_refused(value: object, reason: str) -> None:
    """A landline as a number lost its leading 0; a shortened number lost its last digits."""
    assert reason in refusal(phone_text, value)


# --- other kinds and formulas --------------------------------------------------------------------


def test_codes_counts_and_flags() -> None:
    assert code_text(20230001) == "20230001"
    assert code_text(" ＧＸ-２０２３ 0001 ") == "GX-20230001"
    assert "第 16 位起" in refusal(code_text, 1.2345678901234567e18)
    assert "科学计数法" in refusal(code_text, "1.23457E+17")
    assert "日期" in refusal(code_text, datetime(2002, 2, 10))
    assert count_text(40) == "40" and count_text(40.0) == "40" and count_text(40.5) == "40.5"
    assert count_text("４０") == "40"
    assert flag_text(True) == "是" and flag_text(False) == "否" and flag_text(" 是 ") == "是"


def test_formulas_count_by_their_saved_result() -> None:
    """A formula gives the result Excel saved; without one, or with an error, it is refused."""
    assert cell_text(
        ColumnKind.TEXT, Formula('=HYPERLINK("http://x","点我")', "点我"), WINDOWS
    ) == ("点我")
    assert cell_text(ColumnKind.DOCUMENT, Formula('=TEXT(A1,"0")', ID), WINDOWS) == ID
    assert "15 位有效数字" in refusal(
        cell_text, ColumnKind.DOCUMENT, Formula("=B2*1", float(ID[:17] + "0")), WINDOWS
    )
    assert "没有保存它的计算结果" in refusal(
        cell_text, ColumnKind.PHONE, Formula("=B2", None), WINDOWS
    )
    long = "=" + "A" * 500
    assert "…" in refusal(cell_text, ColumnKind.TEXT, Formula(long, None), WINDOWS)
    assert "错误值 #N/A" in refusal(cell_text, ColumnKind.TEXT, ErrorValue("#N/A"), WINDOWS)
    assert "错误值 #REF!" in refusal(
        cell_text, ColumnKind.TEXT, Formula("=cmd|' /C calc'!A0", ErrorValue("#REF!")), WINDOWS
    )


def test_free_text_keeps_what_the_person_wrote() -> None:
    """Names keep inner spaces, full-width letters and a formula-like start; invisible marks go."""
    assert cell_text(ColumnKind.TEXT, "\u200b王\u3000伟 ", WINDOWS) == "王\u3000伟"
    assert cell_text(ColumnKind.TEXT, "ＡＢＣ公司", WINDOWS) == "ＡＢＣ公司"
    assert cell_text(ColumnKind.TEXT, "=cmd|' /C calc'!A0", WINDOWS) == "=cmd|' /C calc'!A0"
    assert cell_text(ColumnKind.TEXT, 13800000000.0, WINDOWS) == "13800000000"
    assert cell_text(ColumnKind.TEXT, datetime(2026, 3, 5), WINDOWS) == "2026-03-05"
    assert cell_text(ColumnKind.TEXT, None, WINDOWS) == ""


# --- headers -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("姓名", "姓名"),
        ("*姓名", "姓名"),
        ("姓名*", "姓名"),
        ("＊证件号码", "证件号码"),
        ("证件\n号码", "证件号码"),
        (" 手机号码（必填）", "手机号码"),
        ("身份证号码", "证件号码"),
        ("联系电话", "手机号码"),
        ("\u200b毕业日期", "毕业日期"),
        ("电话号", "电话号"),
    ],
)
def test_header_cells_name_the_standard_columns(text: str, name: str) -> None:
    assert header_name(text) == name


def test_header_row_is_found_below_titles_and_notes() -> None:
    """The row naming the most standard columns wins; titles and notes above it name none."""
    rows = [
        (1, ["2026年第一批考生名册", "", ""]),
        (2, ["注：带*的为必填项，证件号码请设为文本", ""]),
        (3, ["序号", "*姓名", "证件号码", "手机号码"]),
        (4, ["1", "张三", ID, "13800000000"]),
    ]
    assert find_header_row(rows) == 3
    assert find_header_row([(1, ["姓名", "证件号码"]), (2, ["姓名", "证件号码"])]) == 1
    assert find_header_row([(1, ["名册"]), (2, ["说明"])]) is None
    late = [(n, ["标题"]) for n in range(1, 12)] + [(12, ["姓名", "证件号码"])]
    assert find_header_row(late) is None
    assert find_header_row(late, window=100) == 12
    assert HEADER_WINDOW == 10


def test_cell_problems_make_their_row_bad_without_echoes() -> None:
    """A refused cell's row is bad; the empty text in its place adds no "必填" problem."""
    good = {
        "姓名": "张三",
        "证件号码": ID,
        "手机号码": "13800000000",
        "最高学历": "大学本科",
        "在桂依据": "在桂工作",
        "工作单位": "某公司",
    }
    cell = Problem(5, "证件号码", "单元格 C5 存成了数值")
    checked = check_roster(
        [(4, good), (5, {**good, "证件号码": "", "最高学历": "小学"})], TODAY, [cell]
    )
    assert [row for row, _ in checked.valid] == [4]
    assert [(p.row, p.field) for p in checked.problems] == [(5, "证件号码"), (5, "最高学历")]
    assert checked.problems[0] is cell
