"""Rosters as Excel, WPS and other systems really save them, imported through the service.

Excel and WPS keep text in a shared-strings table, dates as serial numbers with a date style
(from 1899-12-30, or from 1904-01-01 in a 1904-system workbook), formulas with the result they
last showed, and put titles and notes above the header. `excel_file` writes exactly that, part
by part, so each form a value can take is under the test's control; openpyxl's own files (inline
strings) are used as well. What goes in is then read back from the database.
"""

from __future__ import annotations

import csv
import io
import time
import zipfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from pathlib import Path
from xml.sax.saxutils import escape

import pytest
from openpyxl import Workbook
from openpyxl.utils.datetime import CALENDAR_MAC_1904

from kaoping.adapters import bounded
from kaoping.cli.app import run
from kaoping.domain.errors import ValidationError
from kaoping.domain.idnumber import check_character
from kaoping.domain.roles import Role
from kaoping.domain.roster import HEADERS, KEY_OF
from kaoping.domain.spreadsheet_cells import ErrorValue, Formula, column_letter
from kaoping.services import intake
from kaoping.services.base import Actor, Env
from kaoping.services.intake import RosterReport
from kaoping.services.ports.intake import StoredCandidate
from tests.databases import PASSWORD
from tests.integration.test_intake_roster import make_batch, row_values

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PACKAGE_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
SHEET_TYPES = "application/vnd.openxmlformats-officedocument.spreadsheetml"
DATE_STYLE, TEXT_STYLE = 1, 2
# Built-in formats of Chinese Excel and WPS that a file names by number only, never defines:
# 31 is yyyy"年"m"月"d"日", 57 is yyyy"年"m"月". Readers that do not know them see plain numbers.
CHINESE_FORMATS = {31: 3, 57: 4}
TITLE = "2026年第一批专业技术等级考核考生名册"
NOTE = "注：带*号的为必填项；证件号码、手机号码请设为文本格式后填写"
OFFICE_HEADERS = [
    "序号",
    *(f"*{h}" if h in ("姓名", "证件号码", "手机号码") else h for h in HEADERS),
]


@dataclass(frozen=True)
class Styled:
    """A date in a cell with one of the Chinese built-in date formats."""

    day: date
    format_id: int


@pytest.fixture
def exam(actors: dict[Role, Actor]) -> Actor:
    return actors[Role.EXAM_ADMIN]


# --- documents -----------------------------------------------------------------------------------


def document(n: int, *, ends_in_x: bool = False) -> str:
    """A valid 公民身份号码 of nobody known; with `ends_in_x` one whose check character is X."""
    for sequence in range(n, n + 1000):
        body = f"45010219850101{sequence % 1000:03d}"
        if (check_character(body) == "X") == ends_in_x:
            return body + check_character(body)
    raise AssertionError("no such number")


def damaged_but_checking() -> tuple[str, float]:
    """A real number, and the float Excel keeps of it, whose digits still pass the check.

    Excel keeps 15 significant digits: 450102199001059235 typed into a General cell is stored
    as 4.50102199001059E+17, which reads back as 450102199001059008, and that number's check
    character happens to fit (about one number in eleven is so unlucky).
    """
    for day in range(366):
        birth = (date(1990, 1, 1) + timedelta(days=day)).strftime("%Y%m%d")
        for sequence in range(23, 1000, 100):
            body = f"450102{birth}{sequence:03d}"
            real = body + check_character(body)
            kept = float(real[:15] + "000")
            digits = str(int(kept))
            if digits != real and check_character(digits[:17]) == digits[17]:
                return real, kept
    raise AssertionError("no damaged number with a fitting check character")


# --- files as Excel and WPS save them ------------------------------------------------------------


def serial(day: date | datetime, date1904: bool) -> int:
    epoch = date(1904, 1, 1) if date1904 else date(1899, 12, 30)
    return ((day.date() if isinstance(day, datetime) else day) - epoch).days


class _Strings:
    """The shared-strings table: every text once, cells refer to it by index."""

    def __init__(self) -> None:
        self.index: dict[str, int] = {}

    def ref(self, text: str) -> int:
        return self.index.setdefault(text, len(self.index))

    def xml(self) -> str:
        items = "".join(
            f'<si><t xml:space="preserve">{escape(text)}</t></si>' for text in self.index
        )
        return f'<sst xmlns="{MAIN}" count="{len(self.index)}" uniqueCount="{len(self.index)}">{items}</sst>'


def _cell(ref: str, value: object, strings: _Strings, date1904: bool) -> str:
    if value is None:
        return ""
    if isinstance(value, Formula):
        body = f"<f>{escape(value.text.removeprefix('='))}</f>"
        cached = value.cached
        if cached is None:
            return f'<c r="{ref}">{body}</c>'
        if isinstance(cached, ErrorValue):
            return f'<c r="{ref}" t="e">{body}<v>{escape(cached.code)}</v></c>'
        if isinstance(cached, str):
            return f'<c r="{ref}" t="str">{body}<v>{escape(cached)}</v></c>'
        return f'<c r="{ref}">{body}<v>{cached!r}</v></c>'
    if isinstance(value, ErrorValue):
        return f'<c r="{ref}" t="e"><v>{escape(value.code)}</v></c>'
    if isinstance(value, Styled):
        style = CHINESE_FORMATS[value.format_id]
        return f'<c r="{ref}" s="{style}"><v>{serial(value.day, date1904)}</v></c>'
    if isinstance(value, str):
        return f'<c r="{ref}" s="{TEXT_STYLE}" t="s"><v>{strings.ref(value)}</v></c>'
    if isinstance(value, bool):
        return f'<c r="{ref}" t="b"><v>{int(value)}</v></c>'
    if isinstance(value, date | datetime):
        return f'<c r="{ref}" s="{DATE_STYLE}"><v>{serial(value, date1904)}</v></c>'
    if isinstance(value, float):
        # Excel writes the shortest text that gives back its double, exponent in capitals.
        return f'<c r="{ref}"><v>{repr(value).upper()}</v></c>'
    return f'<c r="{ref}"><v>{value}</v></c>'


def excel_file(
    path: Path,
    rows: Mapping[int, Sequence[object]],
    *,
    date1904: bool = False,
    merged: Sequence[str] = (),
    dimension: str | None = None,
) -> Path:
    """An .xlsx written part by part the way Excel and WPS write one.

    Args:
        path: Where to write.
        rows: Row number → cell values from column A: str (shared string, text-formatted),
            int/float (number), bool, date/datetime (serial number with a date style),
            `Formula` (with its saved result, or none), `ErrorValue`, None (no cell).
        date1904: Mark the workbook as using the 1904 date system.
        merged: Merged ranges such as "A1:X1".
        dimension: The size the sheet claims; by default the true one.
    """
    strings = _Strings()
    sheet_rows = []
    width = max((len(cells) for cells in rows.values()), default=1)
    for number in sorted(rows):
        cells = "".join(
            _cell(f"{column_letter(i)}{number}", v, strings, date1904)
            for i, v in enumerate(rows[number])
        )
        sheet_rows.append(f'<row r="{number}">{cells}</row>')
    last = max(rows, default=1)
    claim = dimension or f"A1:{column_letter(width - 1)}{last}"
    merges = "".join(f'<mergeCell ref="{r}"/>' for r in merged)
    sheet = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="{MAIN}" '
        f'xmlns:r="{RELS}"><dimension ref="{claim}"/><sheetData>{"".join(sheet_rows)}</sheetData>'
        + (f'<mergeCells count="{len(merged)}">{merges}</mergeCells>' if merged else "")
        + "</worksheet>"
    )
    parts = {
        "[Content_Types].xml": (
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
            'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
            f'<Override PartName="/xl/workbook.xml" ContentType="{SHEET_TYPES}.sheet.main+xml"/>'
            '<Override PartName="/xl/worksheets/sheet1.xml" '
            f'ContentType="{SHEET_TYPES}.worksheet+xml"/>'
            f'<Override PartName="/xl/styles.xml" ContentType="{SHEET_TYPES}.styles+xml"/>'
            '<Override PartName="/xl/sharedStrings.xml" '
            f'ContentType="{SHEET_TYPES}.sharedStrings+xml"/></Types>'
        ),
        "_rels/.rels": (
            f'<Relationships xmlns="{PACKAGE_RELS}"><Relationship Id="rId1" '
            f'Type="{RELS}/officeDocument" Target="xl/workbook.xml"/></Relationships>'
        ),
        "xl/workbook.xml": (
            f'<workbook xmlns="{MAIN}" xmlns:r="{RELS}">'
            + ('<workbookPr date1904="1"/>' if date1904 else "<workbookPr/>")
            + '<sheets><sheet name="考生名册" sheetId="1" r:id="rId1"/></sheets></workbook>'
        ),
        "xl/_rels/workbook.xml.rels": (
            f'<Relationships xmlns="{PACKAGE_RELS}">'
            f'<Relationship Id="rId1" Type="{RELS}/worksheet" Target="worksheets/sheet1.xml"/>'
            f'<Relationship Id="rId2" Type="{RELS}/styles" Target="styles.xml"/>'
            f'<Relationship Id="rId3" Type="{RELS}/sharedStrings" Target="sharedStrings.xml"/>'
            "</Relationships>"
        ),
        "xl/styles.xml": (
            f'<styleSheet xmlns="{MAIN}"><fonts count="1"><font><sz val="11"/>'
            '<name val="宋体"/></font></fonts><fills count="2"><fill><patternFill '
            'patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>'
            '</fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/>'
            '</border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" '
            'fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="5">'
            '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
            '<xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" '
            'applyNumberFormat="1"/><xf numFmtId="49" fontId="0" fillId="0" borderId="0" '
            'xfId="0" applyNumberFormat="1"/><xf numFmtId="31" fontId="0" fillId="0" '
            'borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="57" fontId="0" '
            'fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>'
            '<cellStyles count="1"><cellStyle '
            'name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>'
        ),
        "xl/worksheets/sheet1.xml": sheet,
        "xl/sharedStrings.xml": strings.xml(),
    }
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in parts.items():
            archive.writestr(name, text)
    return path


def roster_row(n: int, number: object = None, **typed: object) -> list[object]:
    """One data row under `OFFICE_HEADERS`: 序号, then row_values(n) with some cells typed."""
    values: dict[str, object] = {**row_values(n), "id_number": document(n)}
    if number is not None:
        values["id_number"] = number
    values.update(typed)
    return [n + 1, *(values.get(KEY_OF[h], "") for h in HEADERS)]


def letter(header: str, offset: int = 1) -> str:
    """The column letter of a standard header (after 序号 in the office files)."""
    return column_letter(HEADERS.index(header) + offset)


def stored(env: Env, batch_id: int) -> dict[str, StoredCandidate]:
    """The batch's candidates as stored, by name."""
    with env.uow(write=False) as uow:
        return {c.form.name: c for c in uow.candidates.of_batch(batch_id)}


def problems(report: RosterReport) -> dict[tuple[int, str], str]:
    return {(p.row, p.field): p.reason for p in report.problems}


# --- Excel and WPS files -------------------------------------------------------------------------


def test_office_roster_with_titles_and_typed_cells_is_read_as_meant(
    env: Env, exam: Actor, tmp_path: Path
) -> None:
    """Titles above the header, text markers, full-width digits, number and date cells.

    What only changed form goes in exactly; what lost its value is refused naming row, column,
    cell and cause; a damaged number whose check character fits is refused, not stored.
    """
    batch_id = make_batch(env, exam)
    real, kept = damaged_but_checking()
    x_number = document(5, ends_in_x=True)
    wide = x_number[:-1].translate({ord(c): ord(c) + 0xFEE0 for c in "0123456789"}) + "ｘ"
    graduated, started = date(2005, 7, 1), date(2005, 8, 1)
    rows: dict[int, list[object]] = {
        1: [TITLE],
        2: [NOTE],
        3: OFFICE_HEADERS,
        4: roster_row(
            4,
            "'" + document(4),
            phone=13800000004,
            graduation_date=graduated,
            work_start_date=serial(started, False),
        ),
        5: roster_row(
            5,
            wide,
            phone="\u00a0138 0000 0005",
            graduation_date="2005年7月1日",
            work_start_date="2005.8",
        ),
        6: roster_row(
            6,
            "\t" + document(6) + "\u200b",
            phone="'13800000006",
            graduation_date=20050701,
            work_start_date="2005/8/1 0:00",
        ),
        7: roster_row(7, kept),
        8: roster_row(8, "4.50102E+17"),
        9: roster_row(9, graduation_date="2005-02-30"),
        10: roster_row(10, phone=7711234567),
        11: roster_row(11, Formula('=TEXT(Z11,"0")', document(11))),
        12: roster_row(12, Formula("=Z12", None)),
        13: [14],  # a running number filled in ahead, nothing else: not a row
        15: [None],
    }
    path = excel_file(tmp_path / "名册.xlsx", rows, merged=("A1:X1", "A2:X2"))
    with zipfile.ZipFile(path) as archive:  # what the test relies on: text is shared
        assert 't="s"' in archive.read("xl/worksheets/sheet1.xml").decode()

    report = intake.check_roster_file(env, exam, batch_id, path)
    assert report.header_row == 3
    assert report.total_rows == 9 and report.valid_rows == 4
    assert report.bad_rows == (7, 8, 9, 10, 12)
    found = problems(report)
    d, e, j = letter("证件号码"), letter("手机号码"), letter("毕业日期")
    assert set(found) == {
        (7, "证件号码"),
        (8, "证件号码"),
        (9, "毕业日期"),
        (10, "手机号码"),
        (12, "证件号码"),
    }
    assert found[(7, "证件号码")].startswith(f"单元格 {d}7 存成了数值")
    assert "15 位有效数字" in found[(7, "证件号码")]
    assert "设置单元格格式" in found[(7, "证件号码")] and "文本" in found[(7, "证件号码")]
    assert found[(8, "证件号码")].startswith(f"单元格 {d}8 是科学计数法“4.50102E+17”")
    assert found[(9, "毕业日期")] == f"单元格 {j}9 “2005-02-30”不是有效日期：2005 年 2 月只有 28 天"
    assert found[(10, "手机号码")].startswith(f"单元格 {e}10 存成了数值 7711234567")
    assert "区号" in found[(10, "手机号码")]
    assert found[(12, "证件号码")].startswith(f"单元格 {d}12 是公式（=Z12）")
    assert "没有保存它的计算结果" in found[(12, "证件号码")]
    assert any(
        w.row == 11 and w.field == "证件号码" and "公式" in w.reason for w in report.warnings
    )
    # The damaged number is nowhere in the report, whole or masked.
    assert str(int(kept)) not in repr(report) and real not in repr(report)

    result = intake.import_roster(env, exam, batch_id, path, valid_only=True)
    assert result.imported == 4 and result.report.header_row == 3
    people = stored(env, batch_id)
    assert sorted(people) == ["考生11", "考生4", "考生5", "考生6"]
    assert people["考生4"].form.id_number == document(4)
    assert people["考生5"].form.id_number == x_number and x_number.endswith("X")
    assert people["考生6"].form.id_number == document(6)
    assert people["考生11"].form.id_number == document(11)
    assert [people[f"考生{n}"].form.phone for n in (4, 5, 6)] == [
        "13800000004",
        "13800000005",
        "13800000006",
    ]
    for n in (4, 5, 6):
        assert people[f"考生{n}"].form.graduation_date == graduated
        assert people[f"考生{n}"].form.work_start_date == started
    numbers = {c.form.id_number for c in people.values()}
    assert str(int(kept)) not in numbers and real not in numbers


def test_a_1904_workbook_gives_the_same_days(env: Env, exam: Actor, tmp_path: Path) -> None:
    """Dates and bare serial numbers count from 1904-01-01 when the workbook says so."""
    batch_id = make_batch(env, exam)
    graduated, started, titled = date(2005, 7, 1), date(2005, 8, 1), date(2015, 12, 31)
    assert serial(started, True) != serial(started, False)
    row = roster_row(
        1,
        graduation_date=graduated,
        work_start_date=serial(started, True),
        title="助理工程师",
        title_date=titled,
    )
    path = excel_file(tmp_path / "mac.xlsx", {1: OFFICE_HEADERS, 2: row}, date1904=True)
    assert intake.import_roster(env, exam, batch_id, path, valid_only=False).imported == 1
    form = stored(env, batch_id)["考生1"].form
    assert (form.graduation_date, form.work_start_date, form.title_date) == (
        graduated,
        started,
        titled,
    )


@pytest.mark.parametrize("date1904", [False, True])
def test_chinese_date_formats_are_read_as_days(
    env: Env, exam: Actor, tmp_path: Path, date1904: bool
) -> None:
    """Dates in 2005年7月1日 and 2005年8月 formats (built-ins a reader may not know) are days;
    a FALSE cell is 否."""
    batch_id = make_batch(env, exam)
    row = roster_row(
        1,
        graduation_date=Styled(date(2005, 7, 1), 31),
        work_start_date=Styled(date(2005, 8, 1), 57),
        major_related=False,  # a FALSE cell
    )
    path = excel_file(tmp_path / "formats.xlsx", {1: OFFICE_HEADERS, 2: row}, date1904=date1904)
    assert intake.import_roster(env, exam, batch_id, path, valid_only=False).imported == 1
    form = stored(env, batch_id)["考生1"].form
    assert (form.graduation_date, form.work_start_date) == (date(2005, 7, 1), date(2005, 8, 1))
    assert form.major_related is False


def test_openpyxl_1904_workbook_with_date_cells(env: Env, exam: Actor, tmp_path: Path) -> None:
    """A workbook openpyxl saves in the 1904 system (inline strings, date cells) reads right."""
    batch_id = make_batch(env, exam)
    book = Workbook()
    book.epoch = CALENDAR_MAC_1904
    sheet = book.active
    assert sheet is not None
    sheet.append(list(HEADERS))
    values = {**row_values(2), "graduation_date": datetime(2005, 7, 1)}
    sheet.append([values.get(KEY_OF[h], "") for h in HEADERS])
    sheet.cell(
        row=2, column=HEADERS.index("参加本职业工作时间") + 1, value=serial(date(2005, 8, 1), True)
    )
    path = tmp_path / "openpyxl-1904.xlsx"
    book.save(path)
    with zipfile.ZipFile(path) as archive:
        assert 'date1904="1"' in archive.read("xl/workbook.xml").decode()
    assert intake.import_roster(env, exam, batch_id, path, valid_only=False).imported == 1
    form = stored(env, batch_id)["考生2"].form
    assert (form.graduation_date, form.work_start_date) == (date(2005, 7, 1), date(2005, 8, 1))


@pytest.mark.parametrize(
    "number",
    [
        pytest.param("kept", id="float as Excel keeps it"),
        pytest.param("int", id="exact integer a program wrote"),
        pytest.param("short", id="8-digit number"),
    ],
)
def test_document_number_in_a_number_cell_is_refused_even_when_it_checks(
    env: Env, exam: Actor, tmp_path: Path, number: str
) -> None:
    """However the number cell came about, the row is refused and nothing is stored for it."""
    batch_id = make_batch(env, exam)
    real, kept = damaged_but_checking()
    value = {"kept": kept, "int": int(real), "short": 12345678}[number]
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(list(HEADERS))
    sheet.append(roster_row(1, value)[1:])
    sheet.append(roster_row(2)[1:])
    path = tmp_path / "numbers.xlsx"
    book.save(path)
    result = intake.import_roster(env, exam, batch_id, path, valid_only=True)
    assert result.imported == 1 and result.report.bad_rows == (2,)
    reason = problems(result.report)[(2, "证件号码")]
    assert reason.startswith(f"单元格 {letter('证件号码', 0)}2 存成了数值")
    assert "设置单元格格式" in reason
    assert ("15 位有效数字" in reason) == (number != "short")
    assert list(stored(env, batch_id)) == ["考生2"]


def test_header_variants_and_repeated_columns(env: Env, exam: Actor, tmp_path: Path) -> None:
    """Marks, line breaks and common other names in headers are understood; two columns
    naming the same one are refused, naming both."""
    batch_id = make_batch(env, exam)
    header = list(OFFICE_HEADERS)
    header[HEADERS.index("证件号码") + 1] = "身份证号码\n（必填）"
    header[HEADERS.index("手机号码") + 1] = "联系电话"
    path = excel_file(tmp_path / "variants.xlsx", {1: header, 2: roster_row(1)})
    assert intake.import_roster(env, exam, batch_id, path, valid_only=False).imported == 1

    header.append("证件号码")
    twice = excel_file(tmp_path / "twice.xlsx", {1: header, 2: roster_row(2)})
    with pytest.raises(ValidationError) as refused:
        intake.check_roster_file(env, exam, batch_id, twice)
    message = str(refused.value)
    assert f"{letter('证件号码')} 列“身份证号码（必填）”" in message
    assert f"{column_letter(len(header) - 1)} 列“证件号码”" in message
    assert "都是“证件号码”列" in message


def test_unknown_columns_are_named_with_their_letter(env: Env, exam: Actor, tmp_path: Path) -> None:
    batch_id = make_batch(env, exam)
    path = excel_file(
        tmp_path / "extra.xlsx",
        {1: [TITLE], 2: [*OFFICE_HEADERS, "籍贯"], 3: roster_row(1)},
    )
    with pytest.raises(ValidationError, match=r"无法识别的列：Y 列“籍贯”（表头在第 2 行）"):
        intake.check_roster_file(env, exam, batch_id, path)


# --- CSV -----------------------------------------------------------------------------------------


def csv_text(rows: Sequence[Sequence[object]]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer).writerows([[str(v) for v in row] for row in rows])
    return buffer.getvalue()


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "gbk"])
def test_csv_in_every_encoding_windows_writes(
    env: Env, exam: Actor, tmp_path: Path, encoding: str
) -> None:
    """UTF-8 with or without BOM, GB18030 and GBK; titles above; text markers other systems
    put in front of numbers; a shortened number refused naming the cell."""
    batch_id = make_batch(env, exam)
    x_number = document(3, ends_in_x=True)
    rows = [
        [TITLE, *[""] * 5],
        [NOTE],
        OFFICE_HEADERS,
        roster_row(1, "\t" + document(1), phone="\t13800000001", graduation_date="2005年7月1日"),
        roster_row(2, f'="{document(2)}"', phone='="07711234567"', graduation_date="20050701"),
        roster_row(3, "'" + x_number.lower(), graduation_date="２００５．７．１"),
        roster_row(4, "4.50102E+17"),
        roster_row(5, phone="1.38E+10"),
    ]
    path = tmp_path / f"roster-{encoding}.csv"
    path.write_bytes(csv_text(rows).encode(encoding))
    result = intake.import_roster(env, exam, batch_id, path, valid_only=True)
    assert result.report.header_row == 3
    assert result.imported == 3 and result.report.bad_rows == (7, 8)
    found = problems(result.report)
    assert found[(7, "证件号码")].startswith(f"单元格 {letter('证件号码')}7 是科学计数法")
    assert found[(8, "手机号码")].startswith(f"单元格 {letter('手机号码')}8 是科学计数法")
    people = stored(env, batch_id)
    assert people["考生1"].form.id_number == document(1)
    assert people["考生2"].form.id_number == document(2)
    assert people["考生3"].form.id_number == x_number
    assert people["考生1"].form.phone == "13800000001"
    assert people["考生2"].form.phone == "07711234567"
    assert {c.form.graduation_date for c in people.values()} == {date(2005, 7, 1)}


@pytest.mark.parametrize(
    ("encoding", "expected"),
    [
        ("big5", "没有找到表头.*编码.*UTF-8"),
        ("shift_jis", "没有找到表头.*编码.*UTF-8"),
        ("utf-16", "UTF-16"),
    ],
)
def test_csv_in_another_encoding_is_refused_in_chinese(
    env: Env, exam: Actor, tmp_path: Path, encoding: str, expected: str
) -> None:
    batch_id = make_batch(env, exam)
    text = csv_text([HEADERS, roster_row(1)[1:]])
    path = tmp_path / f"{encoding}.csv"
    path.write_bytes(text.encode(encoding, errors="replace"))
    with pytest.raises(ValidationError, match=expected):
        intake.import_roster(env, exam, batch_id, path, valid_only=True)
    assert stored(env, batch_id) == {}


# --- hostile and unsupported files ---------------------------------------------------------------


def refused(env: Env, exam: Actor, batch_id: int, path: Path, pattern: str) -> str:
    started = time.monotonic()
    with pytest.raises(ValidationError, match=pattern) as refusal:
        intake.import_roster(env, exam, batch_id, path, valid_only=True)
    assert time.monotonic() - started < 5
    assert stored(env, batch_id) == {}
    return str(refusal.value)


def test_empty_and_title_only_workbooks_and_late_headers(
    env: Env, exam: Actor, tmp_path: Path
) -> None:
    batch_id = make_batch(env, exam)
    empty = tmp_path / "empty.xlsx"
    Workbook().save(empty)
    refused(env, exam, batch_id, empty, "是空的")
    titles = excel_file(tmp_path / "titles.xlsx", {1: [TITLE], 2: [NOTE]}, merged=("A1:X1",))
    refused(env, exam, batch_id, titles, "前 10 行中没有找到表头")
    header_only = excel_file(tmp_path / "header.xlsx", {1: [TITLE], 2: [NOTE], 3: OFFICE_HEADERS})
    refused(env, exam, batch_id, header_only, "只有表头（第 3 行）.*从第 4 行起")
    late = {n: [f"说明第 {n} 条"] for n in range(1, 12)} | {12: OFFICE_HEADERS, 13: roster_row(1)}
    message = refused(env, exam, batch_id, excel_file(tmp_path / "late.xlsx", late), "第 12 行")
    assert "超出了程序查找表头的前 10 行" in message


def test_sheet_claiming_every_excel_row(env: Env, exam: Actor, tmp_path: Path) -> None:
    """A sheet that claims 1,048,576 rows, with one stray cell in the last, reads quickly:
    the real rows go in and the stray row is reported by its own number."""
    batch_id = make_batch(env, exam)
    rows = {1: OFFICE_HEADERS, 2: roster_row(1), 3: roster_row(2), 1_048_576: [None, "遗留内容"]}
    path = excel_file(tmp_path / "claims.xlsx", rows, dimension="A1:XFD1048576")
    started = time.monotonic()
    result = intake.import_roster(env, exam, batch_id, path, valid_only=True)
    assert time.monotonic() - started < 5
    assert result.imported == 2 and result.report.bad_rows == (1_048_576,)
    assert sorted(stored(env, batch_id)) == ["考生1", "考生2"]


def test_sheet_of_endless_formatted_empty_rows_is_refused_quickly(
    env: Env, exam: Actor, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Empty rows a sheet really holds are parsed one by one, so they count against a bound
    (shown here with a row limit of 100 instead of 100,000)."""
    batch_id = make_batch(env, exam)
    monkeypatch.setattr(bounded, "ROSTERS", replace(bounded.ROSTERS, max_rows=100))
    path = excel_file(tmp_path / "formatted.xlsx", {1: OFFICE_HEADERS, 2: roster_row(1)})
    with zipfile.ZipFile(path) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    empty = "".join(f'<row r="{n}"><c r="A{n}" s="{TEXT_STYLE}"/></row>' for n in range(3, 250))
    sheet = parts["xl/worksheets/sheet1.xml"].decode()
    parts["xl/worksheets/sheet1.xml"] = sheet.replace(
        "</sheetData>", empty + "</sheetData>"
    ).encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    refused(env, exam, batch_id, path, "超过 200 行（包括带格式的空行）")
    monkeypatch.undo()
    assert intake.import_roster(env, exam, batch_id, path, valid_only=False).imported == 1


def test_sheet_claiming_only_its_first_cell_is_read_whole(
    env: Env, exam: Actor, tmp_path: Path
) -> None:
    """WPS writes some sheets' size as A1:A1; every row and column is read all the same."""
    batch_id = make_batch(env, exam)
    rows = {1: [TITLE], 2: OFFICE_HEADERS, 3: roster_row(1), 4: roster_row(2)}
    path = excel_file(tmp_path / "wps.xlsx", rows, dimension="A1:A1", merged=("A1:X1",))
    result = intake.import_roster(env, exam, batch_id, path, valid_only=False)
    assert result.imported == 2 and result.report.header_row == 2
    assert stored(env, batch_id)["考生2"].form.id_number == document(2)


def test_formula_cells_are_never_run(env: Env, exam: Actor, tmp_path: Path) -> None:
    """A HYPERLINK formula gives its saved text; a DDE formula's error refuses its row; text
    that looks like a command is stored as text."""
    batch_id = make_batch(env, exam)
    dde = "=cmd|' /C calc'!A0"
    rows = {
        1: OFFICE_HEADERS,
        2: roster_row(1, name=Formula('=HYPERLINK("http://evil.example","张三")', "张三")),
        3: roster_row(2, work_unit=Formula(dde, ErrorValue("#REF!"))),
        4: roster_row(3, work_unit=dde),
    }
    result = intake.import_roster(
        env, exam, batch_id, excel_file(tmp_path / "formulas.xlsx", rows), valid_only=True
    )
    assert result.imported == 2 and result.report.bad_rows == (3,)
    assert problems(result.report)[(3, "工作单位")].startswith(
        f"单元格 {letter('工作单位')}3 显示错误值 #REF!"
    )
    people = stored(env, batch_id)
    assert sorted(people) == ["张三", "考生3"]
    assert people["考生3"].form.work_unit == dde
    assert {(w.row, w.field) for w in result.report.warnings} >= {(2, "姓名"), (4, "工作单位")}


@pytest.mark.parametrize(
    ("name", "data", "expected"),
    [
        ("roster.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504, "Excel 97-2003.*另存为"),
        ("roster.et", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504, "WPS 表格文件.*另存为"),
        ("old.xlsx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504, "97-2003.*打开密码"),
        ("page.xlsx", "<html><table><tr><td>姓名</td></tr></table></html>".encode(), "网页"),
        ("book.csv", b"PK\x03\x04" + b"\0" * 60, "扩展名改为 .xlsx"),
    ],
)
def test_other_formats_are_refused_with_how_to_save_them(
    env: Env, exam: Actor, tmp_path: Path, name: str, data: bytes, expected: str
) -> None:
    batch_id = make_batch(env, exam)
    path = tmp_path / name
    path.write_bytes(data)
    refused(env, exam, batch_id, path, expected)


def test_command_line_report_names_the_header_row(
    env: Env,
    exam: Actor,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """`kaoping candidates import` says where the header was and lists each refused cell."""
    make_batch(env, exam)
    monkeypatch.setenv("KAOPING_PASSWORD", PASSWORD)
    rows = {1: [TITLE], 2: OFFICE_HEADERS, 3: roster_row(1), 4: roster_row(2, 4.50102199001011e17)}
    path = excel_file(tmp_path / "cli.xlsx", rows)
    command = ["candidates", "import", str(path), "--batch", "B-ROSTER", "--valid-only"]
    assert run([*command, "--user", exam.username], lambda _db: env) == 0
    out = capsys.readouterr().out
    assert "表头在第 2 行；共 2 行，有效 1 行，有问题 1 行。" in out
    assert f"第4行“证件号码”：单元格 {letter('证件号码')}4 存成了数值" in out
