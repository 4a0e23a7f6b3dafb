"""The State Council's annual holiday notice, read into days (年度节假日安排).

Each year the General Office of the State Council publishes 《国务院办公厅关于YYYY年部分节假日安排的通知》.
Its numbered items give, per festival, the days off and the weekend days worked instead (调休上班):

    一、元旦：1月1日（周四）至3日（周六）放假调休，共3天。1月4日（周日）上班。
    二、春节：2月15日（农历腊月二十八、周日）至23日（农历正月初七、周一）放假调休，共9天。
    2月14日（周六）、2月28日（周六）上班。

The wording changes from year to year: weekdays written as 周四 or 星期四 or not at all, "放假，共3天",
"放假1天，不调休", "放假，与周末连休", a range whose second date repeats the month or not, a range
that starts in December of the year before (2023: 2022年12月31日至2023年1月2日), two festivals in one
item (国庆节、中秋节), an encouragement that names a date but grants nothing (2024: 鼓励……安排职工在除夕
（2月9日）休息). ``parse_notice`` reads all of these and checks what the notice states about itself:
a stated total (共9天) must equal the range, a stated weekday must be that date's weekday (which
also catches a notice read as the wrong year), a day worked must fall on a weekend, every date
must exist, and all seven statutory festivals (元旦、春节、清明节、劳动节、端午节、中秋节、国庆节)
must be there, so that a fragment of a notice is never taken for a whole year.

Special notices that change a year afterwards (2020: 国务院办公厅关于延长2020年春节假期的通知) are not
annual arrangements: they are refused here and entered day by day in the holiday table.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass

from kaoping.domain.errors import ValidationError

FESTIVALS = ("元旦", "春节", "清明节", "劳动节", "端午节", "中秋节", "国庆节")
"""The festivals every annual notice arranges (《全国年节及纪念日放假办法》)."""

WEEKDAY_NAMES = "一二三四五六日"
"""周一 … 周日, by ``date.weekday()``."""

_FIELD = "通知"
_NUMERALS = "一二三四五六七八九十"
_ITEM = re.compile(rf"^([{_NUMERALS}]{{1,3}})、(.*)$")
_ITEM_AFTER_STOP = re.compile(rf"(?<=。)(?=[{_NUMERALS}]{{1,3}}、)")
# After NFKC folding the full-width colon, comma and brackets of the notice are ASCII.
_HEAD = re.compile(r"^([\u4e00-\u9fff、]{1,40}):(.*)$")
_TITLE = re.compile(r"关于(\d{4})年部分节假日安排的通知")
_INTRO = re.compile(r"现将(\d{4})年元旦")
_SPECIAL = re.compile(
    r"关于(?:延长|调整)\d{4}年[\u4e00-\u9fff]{0,12}假期[\u4e00-\u9fff]{0,6}的通知"
)
_DATE = r"(?:(\d{4})年)?(?:(\d{1,2})月)?(\d{1,2})日(?:\(([^()]*)\))?"
_DATE_RE = re.compile(_DATE)
_OFF = re.compile(rf"^{_DATE}(?:至{_DATE})?(放假|补休)(.*)$")
_WORKED = re.compile(rf"^{_DATE}(?:、{_DATE})*上班$")
_MAKEUP = re.compile(rf"^{_DATE}(?:、{_DATE})*补休$")
_MENTIONS_DATE = re.compile(r"\d{1,2}日")
_WEEKDAY = re.compile(r"(?:周|星期)([一二三四五六日天])")
_TOTAL = re.compile(r"^共?(\d{1,3})天$")
_LONGEST_RANGE = 31
# A notice has seven or eight items; a page may repeat them. More is not a notice.
_MOST_ITEMS = 40
_DISPLAY = str.maketrans({",": "，", ":": "：", "(": "（", ")": "）", ";": "；"})


@dataclass(frozen=True)
class FestivalArrangement:
    """One numbered item of the notice: a festival's days off and its adjusted working days.

    Attributes:
        number: The item's numeral as written (一, 二 …).
        names: The festivals it arranges (国庆节、中秋节 is one item with two names).
        days_off: Every day off the item grants (放假), weekends inside the range included.
        workdays: Weekend days worked instead (调休上班).
        text: The item as written, for the review.
    """

    number: str
    names: tuple[str, ...]
    days_off: tuple[dt.date, ...]
    workdays: tuple[dt.date, ...]
    text: str

    @property
    def name(self) -> str:
        """The item's heading, e.g. "国庆节、中秋节"."""
        return "、".join(self.names)


@dataclass(frozen=True)
class HolidayArrangement:
    """One year's official arrangement of holidays (年度节假日安排) as read from its notice.

    Attributes:
        year: The year the notice arranges.
        title: The notice's title, "" when the text did not include it.
        festivals: The items, in the notice's order.
        ignored: Sentences that name a date but grant no day off and no working day (e.g. an
            encouragement to let staff rest on New Year's Eve); shown in the review, not counted.
    """

    year: int
    title: str
    festivals: tuple[FestivalArrangement, ...]
    ignored: tuple[str, ...]

    def entries(self) -> dict[dt.date, bool]:
        """Every day the notice settles: False for a day off, True for a day worked instead."""
        found: dict[dt.date, bool] = {}
        for festival in self.festivals:
            found.update(dict.fromkeys(festival.days_off, False))
            found.update(dict.fromkeys(festival.workdays, True))
        return dict(sorted(found.items()))

    def notes(self) -> dict[dt.date, str]:
        """The festival each settled day belongs to, e.g. "春节" or "春节调休上班"."""
        found: dict[dt.date, str] = {}
        for festival in self.festivals:
            found.update(dict.fromkeys(festival.days_off, festival.name))
            found.update(dict.fromkeys(festival.workdays, f"{festival.name}调休上班"))
        return found

    def is_workday(self, day: dt.date) -> bool:
        """Whether ``day`` is worked under this arrangement (other days follow the week)."""
        return self.entries().get(day, day.weekday() < 5)


@dataclass(frozen=True)
class _Written:
    """A date as the notice writes it: parts may be left out and follow from the context."""

    year: int | None
    month: int | None
    day: int
    note: str
    text: str


def parse_notice(text: str, year: int | None = None) -> HolidayArrangement:
    """Read an annual holiday notice (plain text, see ``notice_text`` for files).

    Args:
        text: The notice, whole: title (or the sentence "现将YYYY年元旦……"), items, closing.
        year: The year the administrator expects; required when the text states none, and
            refused when it states another.

    Returns:
        The arrangement, every date checked.

    Raises:
        ValidationError: In Chinese, naming the item and what is wrong.
    """
    lines = _lines(text)
    flat = "".join(lines)
    stated = _stated_year(flat)
    heads = [(number, _HEAD.match(body)) for number, body in _items(lines)]
    found = [(number, head) for number, head in heads if head is not None]
    if not found:
        _no_items(flat)
    if len(found) > _MOST_ITEMS:
        raise ValidationError(
            f"文本中有 {len(found)} 个“一、……：”这样的条目，年度节假日安排通知只有七八个；"
            "请只导入一份通知",
            field=_FIELD,
        )
    notice_year = _notice_year(stated, year)
    festivals: list[FestivalArrangement] = []
    ignored: list[str] = []
    for number, head in found:
        festival, skipped = _festival(number, head.group(1), head.group(2), notice_year)
        if any(f.text == festival.text for f in festivals):
            continue  # the same item twice (a page that repeats the text)
        festivals.append(festival)
        ignored.extend(skipped)
    _check_whole(festivals, notice_year)
    title = f"国务院办公厅关于{notice_year}年部分节假日安排的通知" if stated else ""
    return HolidayArrangement(notice_year, title, tuple(festivals), tuple(ignored))


# --- text ----------------------------------------------------------------------------------------


def _lines(text: str) -> list[str]:
    """Non-empty lines, NFKC-folded (full-width digits and punctuation) and without spaces."""
    folded = unicodedata.normalize("NFKC", text)
    lines: list[str] = []
    for raw in folded.splitlines():
        line = re.sub(r"\s+", "", raw)
        if line:
            lines.extend(p for p in _ITEM_AFTER_STOP.sub("\n", line).split("\n") if p)
    return lines


def _items(lines: list[str]) -> Iterator[tuple[str, str]]:
    """Numbered items; an item broken over lines (copied from a PDF) runs on to its full stop."""
    current: list[str] | None = None
    for line in lines:
        found = _ITEM.match(line)
        if found is not None:
            if current is not None:
                yield current[0], current[1]
            current = [found.group(1), found.group(2)]
        elif current is not None and not current[1].endswith("。"):
            current[1] += line
        elif current is not None:
            yield current[0], current[1]
            current = None
    if current is not None:
        yield current[0], current[1]


def _display(text: str) -> str:
    return text.translate(_DISPLAY)


def _stated_year(flat: str) -> int | None:
    title = _TITLE.search(flat)
    intro = _INTRO.search(flat)
    if title and intro and title.group(1) != intro.group(1):
        raise ValidationError(
            f"通知标题写的是 {title.group(1)} 年，正文却写“现将{intro.group(1)}年……”，"
            "请核对是否把两份通知粘贴在了一起",
            field=_FIELD,
        )
    found = title or intro
    if found is None and _SPECIAL.search(flat):
        raise ValidationError(
            "这是调整假期的专项通知（如《国务院办公厅关于延长2020年春节假期的通知》），"
            "不是年度节假日安排通知。请导入该年的年度通知，再在节假日调整表中逐日录入专项通知的调整",
            field=_FIELD,
        )
    return int(found.group(1)) if found else None


def _notice_year(stated: int | None, expected: int | None) -> int:
    if stated is not None and expected is not None and stated != expected:
        raise ValidationError(
            f"这份通知是 {stated} 年的节假日安排，不是所选的 {expected} 年。"
            f"请选择 {expected} 年的通知，或按 {stated} 年导入",
            field=_FIELD,
        )
    year = stated if stated is not None else expected
    if year is None:
        raise ValidationError(
            "无法确定通知的年份：文本中没有标题“国务院办公厅关于YYYY年部分节假日安排的通知”。"
            "请连同标题一起粘贴，或指定年份（命令行：--year）",
            field=_FIELD,
        )
    if not 2000 <= year <= 2100:
        raise ValidationError(f"年份 {year} 不在 2000–2100 之间，请核对", field=_FIELD)
    return year


def _no_items(flat: str) -> None:
    hint = "这份文本不像节假日安排通知" if "节假日" not in flat else "没有读到任何节日条目"
    raise ValidationError(
        f"{hint}：未找到“一、元旦：1月1日放假……”这样的条目。"
        "请导入国务院办公厅关于某年部分节假日安排的通知全文（从官方网站复制或保存的网页）",
        field=_FIELD,
    )


# --- one item ------------------------------------------------------------------------------------


def _festival(
    number: str, heading: str, body: str, year: int
) -> tuple[FestivalArrangement, list[str]]:
    label = f"「{number}、{heading}」"
    days_off: list[dt.date] = []
    workdays: list[dt.date] = []
    ignored: list[str] = []
    for sentence in (s for s in body.split("。") if s):
        off = _OFF.match(sentence)
        if off is not None:
            days_off.extend(_days_off(off, label, year))
        elif _WORKED.match(sentence):
            workdays.extend(_worked(sentence, label, year))
        elif _MENTIONS_DATE.search(sentence):
            ignored.append(f"{label}{_display(sentence)}。")
    if not days_off:
        raise ValidationError(
            f"{label}中没有读到放假日期（应有“……至……放假”或“……放假”）；请核对通知原文",
            field=_FIELD,
        )
    names = tuple(n for n in heading.split("、") if n)
    text = _display(f"{number}、{heading}:{body}")
    festival = FestivalArrangement(number, names, tuple(days_off), tuple(workdays), text)
    return festival, ignored


def _days_off(found: re.Match[str], label: str, year: int) -> list[dt.date]:
    start = _written(found, 1)
    end = _written(found, 5) if found.group(7) else None
    first, last = _range(start, end, label, year)
    span = (last - first).days + 1
    days = [first + dt.timedelta(days=n) for n in range(span)]
    for clause in (c for c in re.split(r"[,;]", found.group(10)) if c):
        total = _TOTAL.match(clause)
        if total is not None and int(total.group(1)) != span:
            raise ValidationError(
                f"{label}写明共 {total.group(1)} 天，但 {_span_text(first, last)} 是 {span} 天；"
                "请核对日期",
                field=_FIELD,
            )
        if total is None and _MENTIONS_DATE.search(clause):
            days.extend(_makeup(clause, label, year))
    return days


def _makeup(clause: str, label: str, year: int) -> list[dt.date]:
    """Days off given back for a holiday on a weekend (补休), as older notices write them."""
    if not _MAKEUP.match(clause):
        raise ValidationError(
            f"{label}中的“{_display(clause)}”无法解读；请核对通知原文", field=_FIELD
        )
    return [_single(w, label, year) for w in _each_written(clause)]


def _worked(sentence: str, label: str, year: int) -> list[dt.date]:
    days = []
    for written in _each_written(sentence):
        day = _single(written, label, year)
        if day.weekday() < 5:
            raise ValidationError(
                f"{label}中的调休上班日 {_full(day)}（周{WEEKDAY_NAMES[day.weekday()]}）"
                "本来就是工作日；通知中的“上班”日都在周末，请核对日期或年份",
                field=_FIELD,
            )
        days.append(day)
    return days


def _each_written(text: str) -> Iterator[_Written]:
    for found in _DATE_RE.finditer(text):
        yield _written(found, 1)


def _written(found: re.Match[str], first: int) -> _Written:
    year, month, day, note = found.group(first, first + 1, first + 2, first + 3)
    return _Written(
        int(year) if year else None,
        int(month) if month else None,
        int(day),
        note or "",
        _as_written(year, month, day),
    )


def _as_written(year: str | None, month: str | None, day: str) -> str:
    return f"{year + '年' if year else ''}{month + '月' if month else ''}{day}日"


# --- dates ---------------------------------------------------------------------------------------


def _range(start: _Written, end: _Written | None, label: str, year: int) -> tuple[dt.date, dt.date]:
    """First and last day of "A至B": B may leave out its month and year, A its year.

    Without written years the dates are in the notice's year, except a range that runs from
    December into January: it starts in the year before (元旦 of 2023 began on 2022-12-31).
    """
    if start.month is None:
        raise ValidationError(f"{label}中的 {start.day}日 没有写月份；请核对通知原文", field=_FIELD)
    if end is None:
        day = _single(start, label, year)
        return day, day
    end_month = end.month or start.month
    wraps = (end_month, end.day) < (start.month, start.day)
    first_year, last_year = start.year, end.year
    if first_year is None and last_year is None:
        last_year = year
        first_year = year - 1 if wraps else year
    elif first_year is None:
        assert last_year is not None
        first_year = last_year - 1 if wraps else last_year
    elif last_year is None:
        last_year = first_year + 1 if wraps else first_year
    first = _date(first_year, start.month, start.day, label)
    last = _date(last_year, end_month, end.day, label)
    _check_weekday(start, first, label, year)
    _check_weekday(end, last, label, year)
    if not 0 <= (last - first).days < _LONGEST_RANGE:
        raise ValidationError(
            f"{label}的放假区间 {_span_text(first, last)} 不合常理（应为一个月内的连续日期）；"
            "请核对通知原文",
            field=_FIELD,
        )
    return first, last


def _single(written: _Written, label: str, year: int) -> dt.date:
    if written.month is None:
        raise ValidationError(
            f"{label}中的 {written.day}日 没有写月份；请核对通知原文", field=_FIELD
        )
    day = _date(written.year or year, written.month, written.day, label)
    _check_weekday(written, day, label, year)
    return day


def _date(year: int, month: int, day: int, label: str) -> dt.date:
    try:
        return dt.date(year, month, day)
    except ValueError:
        what = f"没有 {month} 月" if not 1 <= month <= 12 else f"{month} 月没有 {day} 日"
        raise ValidationError(
            f"{label}中的日期 {month}月{day}日 不存在（{year} 年{what}）；请核对通知原文",
            field=_FIELD,
        ) from None


def _check_weekday(written: _Written, day: dt.date, label: str, year: int) -> None:
    """A weekday written beside a date must be that date's: else the year is wrong."""
    found = _WEEKDAY.search(written.note)
    if found is None:
        return
    stated = WEEKDAY_NAMES.index(found.group(1).replace("天", "日"))
    if stated != day.weekday():
        raise ValidationError(
            f"{label}写的是 {_display(written.text)}（{_display(written.note)}），"
            f"但 {_full(day)} 是周{WEEKDAY_NAMES[day.weekday()]}："
            f"这份通知可能不是 {year} 年的，请核对年份",
            field=_FIELD,
        )


def _full(day: dt.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def _span_text(first: dt.date, last: dt.date) -> str:
    return f"{_full(first)}至{_full(last)}"


# --- the whole notice ----------------------------------------------------------------------------


def _check_whole(festivals: list[FestivalArrangement], year: int) -> None:
    named = {name for festival in festivals for name in festival.names}
    missing = [name for name in FESTIVALS if name not in named]
    if missing:
        raise ValidationError(
            f"通知中缺少{'、'.join(missing)}的安排。年度节假日安排通知列出元旦、春节、清明节、"
            "劳动节、端午节、中秋节和国庆节七个节日；请导入通知全文，不要只粘贴其中一部分",
            field=_FIELD,
        )
    seen: dict[dt.date, str] = {}
    for festival in festivals:
        label = f"「{festival.number}、{festival.name}」"
        for day in (*festival.days_off, *festival.workdays):
            _check_in_year(day, label, year)
            if day in seen and seen[day] != label:
                raise ValidationError(
                    f"{_full(day)} 同时出现在{seen[day]}和{label}中；请核对通知原文",
                    field=_FIELD,
                )
            seen[day] = label
        both = set(festival.days_off) & set(festival.workdays)
        if both:
            day = min(both)
            raise ValidationError(
                f"{label}中 {_full(day)} 既是放假日又是上班日；请核对通知原文", field=_FIELD
            )


def _check_in_year(day: dt.date, label: str, year: int) -> None:
    """A year's notice settles its own days, and at most a few days across New Year."""
    near_start = day.year == year - 1 and day.month == 12
    near_end = day.year == year + 1 and day.month == 1
    if day.year != year and not (near_start or near_end):
        raise ValidationError(
            f"{label}中的 {_full(day)} 不属于 {year} 年的节假日安排；请核对年份", field=_FIELD
        )
