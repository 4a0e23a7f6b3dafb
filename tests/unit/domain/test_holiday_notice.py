"""The State Council's annual holiday notice, read into days, agrees with the official calendar.

Every notice of 2020–2026 (tests/fixtures/holiday_notices/) is parsed and compared, day by day,
with the chinesecalendar package: working day or not, and which festival a day belongs to.
"""

from __future__ import annotations

import datetime as dt
import random
import time
from collections.abc import Iterator
from pathlib import Path

import chinese_calendar
import pytest

from kaoping.domain.errors import ValidationError
from kaoping.domain.holiday_calendar import describe_days, month_summary
from kaoping.domain.holiday_notice import HolidayArrangement, parse_notice
from kaoping.domain.notice_text import MAX_NOTICE_BYTES, notice_text

D = dt.date
NOTICES = Path(__file__).resolve().parents[2] / "fixtures" / "holiday_notices"
YEARS = range(2020, 2027)
# The 2020 Spring Festival was extended to 2020-02-02 by a later special notice
# (国务院办公厅关于延长2020年春节假期的通知, 国办发明电〔2020〕1号). chinesecalendar includes the
# extension; the annual notice, read alone, does not: Friday 01-31 was to be a day off only after
# the extension, and Saturday 02-01 was an adjusted working day that the extension cancelled.
# (02-02 is a Sunday either way.) These two days are the only ones allowed to differ.
EXTENSION_2020 = {D(2020, 1, 31): False, D(2020, 2, 1): False}


def _text(year: int | str) -> str:
    return (NOTICES / f"{year}.txt").read_text(encoding="utf-8")


def _parse(year: int) -> HolidayArrangement:
    return parse_notice(notice_text((NOTICES / f"{year}.txt").read_bytes()))


def _days(year: int) -> Iterator[dt.date]:
    day = D(year, 1, 1)
    while day.year == year:
        yield day
        day += dt.timedelta(days=1)


def _official(day: dt.date) -> bool:
    return bool(chinese_calendar.is_workday(day))


@pytest.mark.parametrize("year", YEARS)
def test_every_day_of_each_notice_matches_the_official_calendar(year: int) -> None:
    """Each notice of 2020–2026, read alone, gives every day of its year as chinesecalendar does
    (2020: apart from the two days the later extension notice changed)."""
    arrangement = _parse(year)
    assert arrangement.year == year
    assert arrangement.title == f"国务院办公厅关于{year}年部分节假日安排的通知"
    differ = {
        day: _official(day) for day in _days(year) if arrangement.is_workday(day) != _official(day)
    }
    assert differ == (EXTENSION_2020 if year == 2020 else {})
    for day in _days(year):
        if day not in differ:
            assert chinese_calendar.is_holiday(day) is (not arrangement.is_workday(day))


@pytest.mark.parametrize("year", YEARS)
def test_each_listed_day_belongs_to_the_festival_chinesecalendar_names(year: int) -> None:
    """Days off and adjusted working days carry the festival chinesecalendar gives them, also
    across New Year (2023's 元旦 began on 2022-12-31)."""
    for festival in _parse(year).festivals:
        for day in (*festival.days_off, *festival.workdays):
            if year == 2020 and day in EXTENSION_2020:
                continue
            rest, name = chinese_calendar.get_holiday_detail(day)
            assert rest is (day in festival.days_off)
            assert name is not None, day
            official = chinese_calendar.Holiday(name).chinese
            assert any(n.startswith(official) for n in festival.names), (day, official)


def test_the_wordings_of_the_years_are_all_read() -> None:
    """Single days, ranges across months and across New Year, merged festivals, "与周末连休"."""
    assert _parse(2023).festivals[0].days_off == (D(2022, 12, 31), D(2023, 1, 1), D(2023, 1, 2))
    assert _parse(2024).festivals[0].days_off == (D(2024, 1, 1),)
    assert _parse(2025).festivals[4].days_off == (D(2025, 5, 31), D(2025, 6, 1), D(2025, 6, 2))
    merged = _parse(2025).festivals[5]
    assert merged.names == ("国庆节", "中秋节") and len(merged.days_off) == 8
    assert merged.workdays == (D(2025, 9, 28), D(2025, 10, 11))
    spring = _parse(2026).festivals[1]
    assert (spring.days_off[0], spring.days_off[-1], len(spring.days_off)) == (
        D(2026, 2, 15),
        D(2026, 2, 23),
        9,
    )
    assert spring.workdays == (D(2026, 2, 14), D(2026, 2, 28))


def test_an_encouragement_that_names_a_date_is_shown_but_grants_nothing() -> None:
    """2024's "安排职工在除夕（2月9日）休息" is not a day off; the review lists the sentence."""
    arrangement = _parse(2024)
    assert arrangement.is_workday(D(2024, 2, 9)) is True
    assert len(arrangement.ignored) == 1
    assert "除夕（2月9日）休息" in arrangement.ignored[0]


def test_make_up_days_and_a_range_into_january_without_years() -> None:
    """Older wordings: "4月7日（星期一）补休", and "12月31日至1月2日" starting the year before."""
    text = (
        _text(2026)
        .replace(
            "一、元旦：1月1日（周四）至3日（周六）放假调休，共3天。",
            "一、元旦：12月31日至1月2日放假，共3天。",
        )
        .replace(
            "三、清明节：4月4日（周六）至6日（周一）放假，共3天。",
            "三、清明节：4月5日放假，4月7日（星期二）补休。",
        )
    )
    arrangement = parse_notice(text)
    assert arrangement.festivals[0].days_off == (D(2025, 12, 31), D(2026, 1, 1), D(2026, 1, 2))
    assert arrangement.festivals[2].days_off == (D(2026, 4, 5), D(2026, 4, 7))
    assert arrangement.is_workday(D(2026, 4, 6)) is True


def test_a_notice_for_the_expected_year_is_accepted_with_or_without_its_title() -> None:
    """Items pasted without the title need the year; with it, the stated year must agree."""
    items = _text(2026).split("如下。", 1)[1]
    assert parse_notice(items, 2026).entries() == _parse(2026).entries()
    assert parse_notice(items, 2026).title == ""
    with pytest.raises(ValidationError, match="无法确定通知的年份"):
        parse_notice(items)


# --- the forms a notice arrives in -------------------------------------------------------------


def _page(text: str, charset: str) -> str:
    body = "".join(f"<p style='text-indent:2em'>{line}&nbsp;</p>\n" for line in text.splitlines())
    return (
        f'<!DOCTYPE html><html><head><meta charset="{charset}">'
        f"<title>{text.splitlines()[0]}_中国政府网</title>"
        "<script>var t = '一、元旦：1月1日至3日放假，共3天。';</script>"
        "<style>p { margin: 0 }</style></head><body>"
        "<div class='nav'>首页 &gt; 政策 &gt; 最新</div>"
        f"<div class='article'>{body}</div>"
        "<ul class='related'><li><a href='#'>国务院办公厅关于2025年部分节假日安排的通知</a></li></ul>"
        "</body></html>"
    )


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("UTF-8", _text(2026).encode("utf-8")),
        ("UTF-8 with BOM", _text(2026).encode("utf-8-sig")),
        ("GB18030 (Windows Notepad)", _text(2026).encode("gb18030")),
        ("Windows line ends", _text(2026).replace("\n", "\r\n").encode("utf-8")),
        ("saved page in GB2312", _page(_text(2026), "gb2312").encode("gb18030")),
        ("saved page in UTF-8", _page(_text(2026), "utf-8").encode("utf-8")),
        ("all on one line", _text(2026).replace("\n", "").encode("utf-8")),
        (
            "half-width punctuation",
            _text(2026).translate(str.maketrans("（）：，；", "():,;")).encode("utf-8"),
        ),
        (
            "full-width digits",
            _text(2026).translate(str.maketrans("0123456789", "０１２３４５６７８９")).encode(),
        ),
    ],
)
def test_text_files_pages_and_pasted_text_give_the_same_days(name: str, data: bytes) -> None:
    """Plain text or a saved page, UTF-8 or GB18030, however pasted: the same 2026 calendar."""
    arrangement = parse_notice(notice_text(data))
    assert arrangement.entries() == _parse(2026).entries(), name


def test_a_page_keeps_paragraphs_apart_and_drops_scripts() -> None:
    """Each <p> is its own line; the text in a <script> is not read."""
    text = notice_text(_page(_text(2026), "utf-8").encode())
    assert "var t" not in text and "margin" not in text
    assert (
        "\n一、元旦：1月1日（周四）至3日（周六）放假调休，共3天。1月4日（周日）上班。\xa0\n" in text
    )


# --- hostile input -----------------------------------------------------------------------------


def _refused(data: bytes, year: int | None = None) -> str:
    with pytest.raises(ValidationError) as refused:
        parse_notice(notice_text(data), year)
    return refused.value.message


def test_empty_and_blank_files_are_refused() -> None:
    """An empty file says it is empty."""
    assert "文件是空的" in _refused(b"")
    assert "文件是空的" in _refused(b" \r\n\t \n")


def test_garbage_and_binary_files_are_refused_in_chinese() -> None:
    """Random bytes, UTF-16 text and a PNG are refused with what to do instead."""
    noise = random.Random(2027).randbytes(4096).replace(b"\x00", b"\x01")
    assert "编码" in _refused(noise) or "节假日" in _refused(noise)
    assert "UTF-16" in _refused(_text(2026).encode("utf-16"))
    assert "空字符" in _refused(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    assert "没有汉字" in _refused(b"hello, this is not a notice at all\n")


def test_a_page_in_another_encoding_is_refused() -> None:
    """A page declaring Big5 is not guessed at."""
    page = _page(_text(2026), "big5").encode("utf-8")
    assert "big5" in _refused(page)


def test_a_huge_file_is_refused_before_reading_it_as_text() -> None:
    """Anything over the limit is refused by size, whatever it holds."""
    huge = _text(2026).encode() + b" " * MAX_NOTICE_BYTES
    message = _refused(huge)
    assert "超过" in message and "2 MB" in message


def test_other_chinese_text_is_not_taken_for_a_notice() -> None:
    """A meeting notice, or a page without items, says no items were found."""
    assert "不像节假日安排通知" in _refused(
        "关于召开年度工作会议的通知\n请各部门准时参加。".encode()
    )
    assert "未找到" in _refused(_text(2026).split("一、")[0].encode())


def test_a_notice_for_another_year_than_stated_is_refused() -> None:
    """Importing the 2026 notice as 2027 is refused by its title, and without the title by its
    weekdays, which are not 2027's."""
    assert "是 2026 年的节假日安排，不是所选的 2027 年" in _refused(_text(2026).encode(), 2027)
    items = _text(2026).split("如下。", 1)[1]
    message = _refused(items.encode(), 2027)
    assert "1月1日（周四）" in message and "2027年1月1日 是周五" in message
    older = _text(2022).split("如下。", 1)[1]
    assert "周" in _refused(older.encode(), 2023)


def test_an_impossible_date_is_refused() -> None:
    """ "2月30日" does not exist; the message names the item and the date."""
    text = _text(2026).replace("2月28日（周六）上班", "2月30日（周六）上班")
    message = _refused(text.encode())
    assert "「二、春节」" in message and "2月30日 不存在" in message


def test_a_stated_total_or_weekday_that_disagrees_is_refused() -> None:
    """ "共9天" over a range of 8 days, or a "周日" that is a Saturday, is a copying error."""
    short = _text(2026).replace(
        "至23日（农历正月初七、周一）放假调休，共9天", "至22日（农历正月初六、周日）放假调休，共9天"
    )
    assert "共 9 天" in _refused(short.encode())
    wrong_day = _text(2026).replace("2月14日（周六）", "2月14日（周日）")
    assert "是周六" in _refused(wrong_day.encode())


def test_a_weekday_given_as_a_working_day_is_refused() -> None:
    """ "上班" on a weekday is not an adjustment: the date is wrong."""
    text = _text(2021).replace("9月18日（星期六）上班", "9月17日上班")
    assert "本来就是工作日" in _refused(text.encode())


def test_a_fragment_of_a_notice_is_not_a_whole_year() -> None:
    """Only the New Year item pasted: the other six festivals are missing, nothing is read."""
    fragment = "国务院办公厅关于2026年部分节假日安排的通知\n一、元旦：1月1日（周四）至3日（周六）放假调休，共3天。"
    message = _refused(fragment.encode())
    assert "缺少春节、清明节、劳动节、端午节、中秋节、国庆节" in message


def test_a_special_notice_is_refused_with_what_to_do() -> None:
    """The 2020 extension notice is no annual arrangement; enter its days by hand."""
    message = _refused((NOTICES / "2020-extension.txt").read_bytes())
    assert "专项通知" in message and "节假日调整表" in message


def test_thousands_of_items_are_refused_by_their_count() -> None:
    """A file of repeated items near the size limit is refused by their count before any is read
    (the time bound only guards against a hang; the machine is shared)."""
    many = "国务院办公厅关于2026年部分节假日安排的通知\n" + "一、元旦：1月1日放假\n" * 60_000
    started = time.perf_counter()
    assert "60000 个" in _refused(many.encode())
    assert time.perf_counter() - started < 15


def test_a_day_listed_twice_is_refused() -> None:
    """Two items claiming one date are a copying error."""
    text = _text(2026).replace(
        "9月20日（周日）、10月10日（周六）上班", "9月27日（周日）、10月10日（周六）上班"
    )
    assert "同时出现在" in _refused(text.encode())


# --- month by month ----------------------------------------------------------------------------


def test_the_month_summary_shows_runs_and_adjusted_days() -> None:
    """2026 by month: February's nine days as one run, two Saturdays worked."""
    lines = month_summary(2026, _parse(2026).entries())
    assert lines[1] == " 2 月  放假 15日（日）至23日（一）；调休上班 14日（六）、28日（六）"
    assert lines[2] == " 3 月  —"
    assert lines[-1] == "合计：放假 33 天（其中周一至周五 19 天），调休上班 6 天"
    assert describe_days([D(2026, 1, 1), D(2026, 1, 3)]) == "1日（四）、3日（六）"


def test_a_month_of_the_year_before_gets_its_own_line() -> None:
    """2023's New Year began on 2022-12-31: shown as a line of December 2022."""
    lines = month_summary(2023, _parse(2023).entries())
    assert lines[0] == "2022 年 12 月  放假 31日（六）"
