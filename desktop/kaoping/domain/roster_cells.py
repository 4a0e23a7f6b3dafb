"""Roster cells (名册单元格): what a cell stands for, whatever form a spreadsheet gave it.

Excel, WPS and the systems that export rosters change the *form* of values on the way: a number
typed into a General cell becomes a number, a date becomes a serial number or a date cell, text
gets a leading apostrophe or tab to keep Excel from converting it, a Chinese input method gives
full-width digits (４５０１０２…Ｘ), text copied from web pages brings no-break and zero-width
spaces. Each cell here ends one of two ways:

* accepted: only the form changed, and the text returned is what the person typed
  (a date as ISO ``2026-03-05``; the domain checks the value itself afterwards);
* refused (`CellRefused`): the value itself may be lost, or cannot be told apart from another.
  The reason says what happened and how to fix it, worded to follow "单元格 C5 ".

The rule that matters most: Excel keeps 15 significant digits of a number. An 18-digit 公民身份号码
typed into a General cell is stored with its 16th to 18th digits turned to 0, and about one such
damaged number in eleven still passes the check character. So a document number stored as a
number is never accepted, whatever its value.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from enum import StrEnum

from kaoping.domain.spreadsheet_cells import CellValue, ErrorValue, Formula


class ColumnKind(StrEnum):
    """How the cells of a roster column are read."""

    TEXT = "text"  # names, units, choices: kept as written, invisible characters trimmed
    DOCUMENT = "document"  # 证件号码: never a number
    PHONE = "phone"  # 手机号码: a number only when it is a whole mobile number
    DATE = "date"  # date cells, serial numbers and the spellings Chinese offices use
    COUNT = "count"  # whole numbers such as 培训学时
    CODE = "code"  # certificate numbers and codes: digits and letters, no spaces
    FLAG = "flag"  # 是/否, also TRUE/FALSE cells


class CellRefused(ValueError):
    """A cell whose value cannot be taken as it stands.

    Args:
        reason: What happened and how to fix it, in Chinese, to follow "单元格 C5 ".
    """

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


EARLIEST_DATE = date(1950, 1, 1)
"""No date a roster asks for (graduation, work, titles, training, certificates) is earlier."""
LATEST_DATE = date(2099, 12, 31)

# Characters that show nothing but travel with copied text: zero-width spaces and joiners,
# direction marks and embeddings, word joiners, soft hyphens, the byte order mark.
_INVISIBLE: dict[int, None] = dict.fromkeys(
    map(
        ord,
        "\u00ad\u180e\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2060\u2061\u2062\u2063\u2064\ufeff",
    )
)
# A leading quote keeps Excel from converting a value; Chinese input methods type it as ‘ or ’.
_MARKERS = "'‘’`"
# ="450102..." is how many systems force text in a CSV file that Excel opens.
_TEXT_FORMULA = re.compile(r'="(.*)"')
# 4.50102E+17, 4.5e17, 1E+10: what a number looks like once Excel or another program shortened it.
_SCIENTIFIC = re.compile(r"[+-]?\d+(?:\.\d+[eE][+-]?|[eE][+-])\d{1,3}")
_DECIMAL = re.compile(r"\d+\.\d+")
_MOBILE = re.compile(r"1[3-9]\d{9}")
_MOBILE_FORMS = (
    re.compile(r"(?:\+?86|0086)-?(1[3-9]\d{9})"),  # country code in front
    re.compile(r"(1[3-9]\d)-(\d{4})-(\d{4})"),  # 138-0000-0000
    re.compile(r"(1[3-9]\d{9})\.0+"),  # a float written out as text
)
_EXACT_DIGITS = 15  # significant digits a spreadsheet number keeps
_MAX_SERIAL = 2_958_465  # 9999-12-31 in the 1900 date system
_TO_TEXT = "选中该列→右键“设置单元格格式”→“文本”"


# --- text ----------------------------------------------------------------------------------------


def clean_text(text: str) -> str:
    """Free text (names, units, notes) as written: invisible characters and outer spaces removed.

    Inner spaces and full-width characters stay: they may be part of a name or an address.
    """
    if not text.isascii():
        text = text.translate(_INVISIBLE)
    return text.strip()


def clean_marked(text: str) -> str:
    """Text of a structured cell without the marks that only kept a program from converting it.

    Full-width characters become ASCII (NFKC), invisible characters and outer spaces (no-break and
    ideographic ones too) go, and so does a leading quote or a ``="..."`` wrapper.
    """
    if not text.isascii():
        text = unicodedata.normalize("NFKC", text.translate(_INVISIBLE))
    text = text.strip()
    if text and text[0] in _MARKERS:
        while (unmarked := text.lstrip(_MARKERS).strip()) != text:
            text = unmarked
    if text.startswith('="'):
        wrapped = _TEXT_FORMULA.fullmatch(text)
        return wrapped[1].strip() if wrapped else text
    return text


def clean_code(text: str) -> str:
    """A number or code as typed, without markers and without any space inside (4501 0219 …)."""
    text = clean_marked(text)
    return text if text.isalnum() else "".join(text.split())  # most cells are letters and digits


# --- numbers -------------------------------------------------------------------------------------


def _is_number(value: CellValue) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def number_text(value: int | float) -> str:
    """A number as a person would write it: 40, 40.5, 13800000000 (never 1.38e10 for a whole one)."""
    if isinstance(value, float) and value.is_integer() and abs(value) < 10**_EXACT_DIGITS:
        return str(int(value))
    return str(value)


def _plain(value: CellValue) -> str:
    """Any cell as text, for columns that take text."""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int | float):
        return number_text(value)
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date | time):
        return value.isoformat()
    return str(value)


# --- one function per kind -----------------------------------------------------------------------

_DATE_LIKE = datetime | date | time | timedelta


def document_text(value: CellValue) -> str:
    """A document number (证件号码): only text is accepted, cleaned of markers and spaces.

    A number cell is refused whatever its value. Past 15 digits the digits are already lost; below
    that, a number cell still drops leading zeros and cannot hold a letter (the X check character),
    so Kaoping cannot tell that the number is whole. Text that shows a number's shortened form
    (4.50102E+17) or a decimal point was a number somewhere before, and is refused likewise.

    Raises:
        CellRefused: Naming what happened and the fix: format the column as text, re-enter or
            export again.
    """
    if isinstance(value, str):
        return _document(value)
    if _is_number(value):
        assert isinstance(value, int | float)
        raise CellRefused(_numeric_document(value))
    if isinstance(value, _DATE_LIKE):
        raise CellRefused(
            "被表格软件识别成了日期或时间，不是证件号码；"
            f"请把该列设为文本（{_TO_TEXT}）后重新输入号码"
        )
    if isinstance(value, bool):
        raise CellRefused("是逻辑值（TRUE/FALSE），不是证件号码，请填写号码")
    return _document(_plain(value))


def _document(typed: str) -> str:
    text = clean_code(typed)
    if "." not in text and "e" not in text and "E" not in text:
        return text  # the usual case, decided without a regular expression
    if _SCIENTIFIC.fullmatch(text):
        raise CellRefused(
            f"是科学计数法“{text}”：号码在别的程序里被当成了数值，只剩前几位有效数字，"
            "无法还原。请从原系统重新导出（把证件号码设为文本），或把该列设为文本后重新输入号码"
        )
    if _DECIMAL.fullmatch(text):
        raise CellRefused(
            "是带小数点的数字：号码曾被当成数值处理，第 16 位起的数字和末位 X 可能已经丢失。"
            "请从原系统重新导出（把证件号码设为文本），或把该列设为文本后重新输入号码"
        )
    return text


def _numeric_document(value: int | float) -> str:
    fix = (
        f"请先把“证件号码”列设为文本（{_TO_TEXT}），再重新输入这些号码，"
        "或从原系统重新导出（证件号码设为文本）后再导入；只改格式不能找回已丢失的数字"
    )
    if abs(value) >= 10**_EXACT_DIGITS:
        return (
            "存成了数值：表格软件的数值只保留 15 位有效数字，18 位号码的第 16 位起已变成 0"
            "（末位 X 也存不下），文件里的号码已经不对，无法还原。" + fix
        )
    return "存成了数值：数值会去掉开头的 0，也存不下字母（如末位 X），无法确认号码完整。" + fix


def phone_text(value: CellValue) -> str:
    """A phone number (手机号码).

    The rule for number cells: one is accepted only when its digits are a whole 11-digit mobile
    number. A mobile number begins with 1, so no leading 0 can have been dropped, and 11 digits
    are well within the 15 a spreadsheet keeps exactly. Any other number is refused: a landline
    begins with its area code's 0 (0771-1234567), which a number cell drops, and a fraction is no
    phone number. Text is taken as typed without markers and spaces; 138-0000-0000, +86 and a
    trailing ``.0`` are undone when what remains is a mobile number.

    Raises:
        CellRefused: A number that is not a whole mobile number, or a shortened number (1.38E+10).
    """
    if isinstance(value, str):
        return _phone(value)
    if _is_number(value):
        assert isinstance(value, int | float)
        if isinstance(value, float) and not value.is_integer():
            raise CellRefused("是带小数的数值，不是电话号码；请把该列设为文本后重新输入号码")
        digits = str(int(value))
        if _MOBILE.fullmatch(digits):
            return digits
        raise CellRefused(
            f"存成了数值 {digits}，不是 11 位手机号：数值会去掉开头的 0，固定电话的区号 0 已经丢失。"
            f"请把“手机号码”列设为文本（{_TO_TEXT}）后重新输入，如 0771-1234567"
        )
    if isinstance(value, _DATE_LIKE | bool):
        raise CellRefused(
            "不是电话号码（被识别成了日期、时间或逻辑值）；请把该列设为文本后重新输入"
        )
    return _phone(_plain(value))


def _phone(typed: str) -> str:
    text = clean_code(typed)
    if _MOBILE.fullmatch(text):
        return text
    if _SCIENTIFIC.fullmatch(text):
        raise CellRefused(
            f"是科学计数法“{text}”：号码在别的程序里被当成了数值，后几位已经丢失。"
            "请把该列设为文本后重新输入号码"
        )
    for form in _MOBILE_FORMS:
        match = form.fullmatch(text)
        if match:
            return "".join(match.groups())
    return text


def code_text(value: CellValue) -> str:
    """A certificate number or code: text without markers and spaces; a whole number as digits.

    Numbers up to 15 digits are exact and kept; longer ones have lost their last digits.

    Raises:
        CellRefused: A number over 15 digits, a shortened number, or a date cell.
    """
    if isinstance(value, str):
        return _code(value)
    if _is_number(value):
        assert isinstance(value, int | float)
        if abs(value) >= 10**_EXACT_DIGITS:
            raise CellRefused(
                "存成了数值：超过 15 位的编号存成数值后，第 16 位起的数字已变成 0，无法还原。"
                f"请把该列设为文本（{_TO_TEXT}）后重新输入"
            )
        return number_text(value)
    if isinstance(value, _DATE_LIKE):
        raise CellRefused(
            f"被表格软件识别成了日期，不是编号；请把该列设为文本（{_TO_TEXT}）后重新输入"
        )
    return _code(_plain(value))


def _code(typed: str) -> str:
    text = clean_code(typed)
    if _SCIENTIFIC.fullmatch(text):
        raise CellRefused(
            f"是科学计数法“{text}”：编号被当成了数值，后几位已经丢失；请把该列设为文本后重新输入"
        )
    return text


def count_text(value: CellValue) -> str:
    """A whole number such as 培训学时: a number cell or text, as digits."""
    if _is_number(value):
        assert isinstance(value, int | float)
        return number_text(value)
    if isinstance(value, _DATE_LIKE):
        raise CellRefused(
            "被表格软件识别成了日期或时间，不是数字；请把该列设为常规或文本后重新输入"
        )
    return clean_code(_plain(value))


def flag_text(value: CellValue) -> str:
    """是/否: a TRUE/FALSE cell gives 是/否; text as typed."""
    if isinstance(value, bool):
        return "是" if value else "否"
    return clean_marked(_plain(value))


def date_text(value: CellValue, epoch: date) -> str:
    """A date column's cell as an ISO date.

    Args:
        value: The cell: a date cell, a number (an Excel serial number, or 20260305 typed into a
            General cell), or text in a spelling `read_date` reads.
        epoch: The day serial number 0 stands for in this workbook: 1899-12-30 (the 1900 date
            system, Windows) or 1904-01-01 (the 1904 system of old Mac workbooks).

    Raises:
        CellRefused: A time without a date, a number that is no plausible date, or text that is
            no date (an impossible day, a two-digit year ...).
    """
    if isinstance(value, str):
        return _date(value)
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, time | timedelta):
        raise CellRefused("只有时间，没有日期；请填写日期，如 2020-07-01")
    if isinstance(value, bool):
        raise CellRefused("是逻辑值（TRUE/FALSE），不是日期；请填写日期，如 2020-07-01")
    if isinstance(value, int | float):
        return _number_date(value, epoch).isoformat()
    return _date(_plain(value))


def _date(typed: str) -> str:
    text = clean_marked(typed)
    if not text:
        return ""
    try:
        return _read_date(text).isoformat()
    except CellRefused as refused:
        raise CellRefused(f"“{text}”{refused.reason}") from None


def _number_date(value: int | float, epoch: date) -> date:
    """A number in a date column: 20260305 typed into a General cell, or a serial number."""
    shown = number_text(value)
    if isinstance(value, int) or value.is_integer():
        digits = str(int(value))
        if len(digits) == 8:
            try:
                return _read_date(digits)
            except CellRefused as refused:
                raise CellRefused(f"是数字 {digits}，{refused.reason}") from None
    day = serial_date(value, epoch)
    if day is None or not EARLIEST_DATE <= day <= LATEST_DATE:
        raise CellRefused(
            f"是数字 {shown}，不像日期（按 Excel 日期序号也换算不出合理的日期）；"
            "请填写日期，如 2020-07-01"
        )
    return day


def serial_date(serial: float, epoch: date) -> date | None:
    """The day an Excel serial number stands for (its time of day dropped), or None if none.

    In the 1900 system Excel counts a 29 February 1900 that never was, so serial numbers below 61
    (January and February 1900) are one day off from `epoch` 1899-12-30; they are corrected here.
    """
    if not 0 < serial <= _MAX_SERIAL:
        return None
    days = int(serial)
    if epoch == date(1899, 12, 30) and days < 61:
        if days == 60:
            return None  # the 29 February 1900 Excel invented
        days += 1
    return epoch + timedelta(days=days)


def cell_text(kind: ColumnKind, value: CellValue, epoch: date) -> str:
    """One roster cell as the text the person meant, by the kind of its column.

    A formula counts by the result the spreadsheet saved with it; Kaoping never evaluates one.

    Args:
        kind: The column's kind.
        value: The cell as stored (text only, for CSV files).
        epoch: The workbook's day 0 (see `date_text`).

    Returns:
        The text, "" for an empty cell.

    Raises:
        CellRefused: Naming what happened and the fix.
    """
    if isinstance(value, str):
        return _TEXT_READERS[kind](value)
    if isinstance(value, Formula):
        if value.cached is None:
            shown = value.text if len(value.text) <= 40 else value.text[:40] + "…"
            raise CellRefused(
                f"是公式（{shown}），但文件里没有保存它的计算结果（文件可能由其他程序生成）。"
                "请用 Excel 或 WPS 打开后保存一次，或把该列复制后“选择性粘贴→数值”再导入"
            )
        return cell_text(kind, value.cached, epoch)
    if value is None:
        return ""
    if isinstance(value, ErrorValue):
        raise CellRefused(
            f"显示错误值 {value.code[:20]}（公式出错或引用失效）；请改正公式，或直接填写内容"
        )
    if kind is ColumnKind.DATE:
        return date_text(value, epoch)
    return _READERS[kind](value)


def text_reader(kind: ColumnKind) -> Callable[[str], str]:
    """What `cell_text` does with a text cell in a column of this kind (all of a CSV file's).

    The function it returns raises `CellRefused` as `cell_text` does.
    """
    return _TEXT_READERS[kind]


_READERS: dict[ColumnKind, Callable[[CellValue], str]] = {
    ColumnKind.TEXT: lambda value: clean_text(_plain(value)),
    ColumnKind.DOCUMENT: document_text,
    ColumnKind.PHONE: phone_text,
    ColumnKind.CODE: code_text,
    ColumnKind.COUNT: count_text,
    ColumnKind.FLAG: flag_text,
}
_TEXT_READERS: dict[ColumnKind, Callable[[str], str]] = {
    ColumnKind.TEXT: clean_text,
    ColumnKind.DOCUMENT: _document,
    ColumnKind.PHONE: _phone,
    ColumnKind.CODE: _code,
    ColumnKind.COUNT: clean_code,
    ColumnKind.FLAG: clean_marked,
    ColumnKind.DATE: _date,
}


# --- dates written as text ----------------------------------------------------------------------

# 2026-3-5, 2026/03/05, 2026.3.5, 2026年3月5日 (or 号), and a month alone: 2026-03, 2026年3月.
_YEAR_FIRST = re.compile(
    r"(\d{4})\s*[-/.年]\s*(\d{1,2})(?:\s*[-/.月]\s*(\d{1,2})\s*[日号]?)?\s*月?"
)
_COMPACT = re.compile(r"(\d{4})(\d{2})(\d{2})")  # 20260305
_SHORT_YEAR = re.compile(r"(\d{2})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*[日号]?")
_YEAR_LAST = re.compile(r"(\d{1,2})\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{4})")  # 3/15/2026
# A time of day after the date (2026-03-05 00:00:00, 2026-03-05T08:30) says nothing about the day.
_TIME_TAIL = re.compile(r"(?:\s+|T)\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?")
_ISO = re.compile(r"\d{4}-\d{2}-\d{2}")
_DAYS = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def read_date(text: str) -> date:
    """Read a date in the spellings Chinese offices use; a month alone means its 1st.

    Accepted: 2026-03-05, 2026-3-5, 2026/03/05, 2026.3.5, 2026年3月5日 (or 5号), 20260305,
    2026-03 and 2026年3月 (the 1st of the month), each with a time of day after it or not, and
    3/15/2026 or 15/3/2026 where only one order of day and month gives a date. Refused with the
    reason: a day the month lacks (2026年2月30日), a two-digit year (26/3/5), and day and month
    that could be either (3/5/2026).

    Raises:
        CellRefused: The reason, worded to follow the quoted text.
    """
    return _read_date(clean_marked(text))


def _read_date(cleaned: str) -> date:
    if _ISO.fullmatch(cleaned):  # what the cells of date columns become, and Kaoping's exports
        try:
            return date.fromisoformat(cleaned)
        except ValueError:
            pass  # 2026-02-30: the reason is found below
    tail = _TIME_TAIL.search(cleaned)
    if tail and tail.end() == len(cleaned):
        cleaned = cleaned[: tail.start()]
    match = _YEAR_FIRST.fullmatch(cleaned) or _COMPACT.fullmatch(cleaned)
    if match:
        return _valid_day(int(match[1]), int(match[2]), int(match[3] or 1))
    if _SHORT_YEAR.fullmatch(cleaned):
        raise CellRefused("的年份只写了两位，无法确定世纪；请写完整的四位年份，如 2026-03-05")
    match = _YEAR_LAST.fullmatch(cleaned)
    if match:
        return _year_last(int(match[1]), int(match[2]), int(match[3]))
    raise CellRefused("不是日期，请写成 2020-07-01 的形式")


def _valid_day(year: int, month: int, day: int) -> date:
    if year < 1:
        raise CellRefused(f"不是有效日期：没有 {year} 年")
    if not 1 <= month <= 12:
        raise CellRefused(f"不是有效日期：没有 {month} 月")
    if day < 1:
        raise CellRefused(f"不是有效日期：没有 {day} 日")
    try:
        return date(year, month, day)
    except ValueError:
        pass
    if month == 2 and day == 29:
        raise CellRefused(f"不是有效日期：{year} 年不是闰年，2 月没有 29 日")
    most = 28 if month == 2 else _DAYS[month - 1]
    raise CellRefused(f"不是有效日期：{year} 年 {month} 月只有 {most} 天")


def _year_last(first: int, second: int, year: int) -> date:
    """Day and month before the year: accepted only when one reading alone gives a date."""
    readings = set()
    for month, day in ((first, second), (second, first)):
        try:
            readings.add(date(year, month, day))
        except ValueError:
            continue
    if len(readings) == 1:
        return readings.pop()
    if not readings:
        raise CellRefused("不是有效日期；请写成 2020-07-01 的形式")
    raise CellRefused(
        f"的日和月顺序不明确（可能是 {first} 月 {second} 日，也可能是 {second} 月 {first} 日）；"
        f"请改写为年份在前的形式，如 {year}-{first:02d}-{second:02d}"
    )
