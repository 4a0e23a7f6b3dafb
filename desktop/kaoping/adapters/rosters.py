"""Roster files (考生名册) in Excel (.xlsx) and CSV (UTF-8 or GB18030): reading and writing.

Only the file format lives here; what a row means and whether it is valid is `domain.roster`.
"""

from __future__ import annotations

import csv
from collections.abc import Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter

from kaoping.adapters import bounded
from kaoping.domain.errors import ValidationError
from kaoping.domain.roster import (
    COLUMNS,
    HEADER_WINDOW,
    HEADERS,
    KIND_OF_HEADER,
    Problem,
    RosterTable,
    find_header_row,
    header_name,
)
from kaoping.domain.roster_cells import CellRefused, ColumnKind, cell_text, text_reader
from kaoping.domain.spreadsheet_cells import (
    CellValue,
    Formula,
    column_letter,
    escape_cell,
    starts_like_formula,
)
from kaoping.fileio import atomic_path

SUFFIXES = (".xlsx", ".csv")
_TEXT_FORMAT = "@"
_FIELD = "文件"
_CELL_CHARS = bounded.ROSTERS.max_cell_chars
_NO_EPOCH = date(1899, 12, 30)  # a CSV file has no serial numbers; any day 0 will do
# Formats people have rosters in that Kaoping does not read, by the name they know them by.
_OTHER_FORMATS = {
    ".xls": "Excel 97-2003 工作簿（.xls）",
    ".et": "WPS 表格文件（.et）",
    ".ett": "WPS 表格模板（.ett）",
    ".xlsb": "Excel 二进制工作簿（.xlsb）",
    ".xlsm": "启用宏的 Excel 工作簿（.xlsm）",
    ".ods": "OpenDocument 表格（.ods）",
    ".numbers": "Numbers 表格（.numbers）",
    ".txt": "文本文件（.txt）",
}
_SAVE_AS = (
    "请用 Excel 或 WPS 打开它，点“文件→另存为”，保存类型选“Excel 工作簿（*.xlsx）”"
    "或“CSV（逗号分隔）（*.csv）”，再导入另存的文件"
)
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .xls, .et, and .xlsx files with an open password
_ZIP = b"PK\x03\x04"


def _suffix(path: Path, *, reading: bool = False) -> str:
    suffix = path.suffix.lower()
    if reading and suffix in _OTHER_FORMATS:
        raise ValidationError(
            f"名册文件 {path.name} 是{_OTHER_FORMATS[suffix]}，程序只能读取 .xlsx 和 .csv 文件。"
            + _SAVE_AS,
            field=_FIELD,
        )
    if suffix not in SUFFIXES:
        raise ValidationError(
            f"名册文件 {path.name} 的类型不支持，请使用 .xlsx 或 .csv 文件。", field=_FIELD
        )
    return suffix


def _check_content(head: bytes, path: Path, suffix: str) -> None:
    """Refuse a file whose first bytes show another format than its name says, naming it.

    Web systems' "导出 Excel" often writes an HTML page; an .xls or .et renamed to .xlsx, or an
    .xlsx with an open password, is an OLE2 compound file.
    """
    name = path.name
    if head.startswith(_OLE2):
        raise ValidationError(
            f"名册文件 {name} 不是 .xlsx 或 CSV 格式：它是旧版 Excel 97-2003（.xls）或 WPS（.et）"
            "文件改了扩展名，或者设置了打开密码。有密码的请先取消密码；" + _SAVE_AS,
            field=_FIELD,
        )
    if suffix == ".csv" and head.startswith(_ZIP):
        raise ValidationError(
            f"名册文件 {name} 其实是 Excel（.xlsx）文件，只是扩展名为 .csv；"
            "请把扩展名改为 .xlsx 后再导入",
            field=_FIELD,
        )
    if suffix == ".xlsx" and head.removeprefix(b"\xef\xbb\xbf").lstrip()[:1] == b"<":
        raise ValidationError(
            f"名册文件 {name} 是网页（HTML）或 XML 格式的表格（有些系统“导出 Excel”得到的就是这种"
            "文件），不是真正的 .xlsx。" + _SAVE_AS,
            field=_FIELD,
        )


def _head(path: Path) -> bytes:
    try:
        with path.open("rb") as handle:
            return handle.read(64)
    except OSError:
        return b""  # the bounded reader names the problem


def _text(value: CellValue) -> str:
    """A cell as plain text, for headers and titles."""
    try:
        return cell_text(ColumnKind.TEXT, value, _NO_EPOCH)
    except CellRefused:
        return ""


def _table(
    rows: Sequence[tuple[int, tuple[CellValue, ...]]], name: str, epoch: date
) -> RosterTable:
    """The roster in the rows of a sheet or CSV file: find the header, read each cell by column."""
    if not rows:
        raise ValidationError(
            f"名册 {name} 是空的，没有任何内容；请下载模板，按模板填写表头和考生后再导入",
            field=_FIELD,
        )
    top = [(number, [_text(v) for v in cells]) for number, cells in rows[:HEADER_WINDOW]]
    header_row = find_header_row(top)
    if header_row is None:
        raise _no_header(name, rows)
    position = next(i for i, (number, _) in enumerate(rows) if number == header_row)
    raw = [_text(v) for v in rows[position][1]]
    headers = tuple(header_name(text) for text in raw)
    _refuse_repeated(headers, raw, header_row)
    _check_lengths(rows[: position + 1])
    reader = _RowReader(headers, epoch)
    data = [
        (number, texts)
        for number, cells in rows[position + 1 :]
        if (texts := reader.read(number, cells)) is not None
    ]
    if not data:
        raise ValidationError(
            f"名册 {name} 只有表头（第 {header_row} 行），没有考生数据；"
            f"请从第 {header_row + 1} 行起填写考生后再导入。",
            field=_FIELD,
        )
    return RosterTable(headers, tuple(data), header_row, tuple(reader.problems), reader.warnings())


class _RowReader:
    """Reads data rows cell by cell by the kind of each standard column."""

    def __init__(self, headers: Sequence[str], epoch: date) -> None:
        self.columns = [
            (index, header, kind, text_reader(kind), column_letter(index))
            for index, header in enumerate(headers)
            if (kind := KIND_OF_HEADER.get(header)) is not None
        ]
        self.epoch = epoch
        self.problems: list[Problem] = []
        self.formulas: dict[str, list[int]] = {}

    def read(self, number: int, cells: tuple[CellValue, ...]) -> dict[str, str] | None:
        """Header → text of one row, or None for a row with nothing in the standard columns.

        Raises:
            ValidationError: A text cell over the roster limit (no person typed it).
        """
        texts: dict[str, str] = {}
        refused = False
        width = len(cells)
        for index, header, kind, by_text, letter in self.columns:
            value = cells[index] if index < width else None
            try:
                if isinstance(value, str):  # every CSV cell, most .xlsx cells: the quick way
                    if len(value) > _CELL_CHARS:
                        bounded.check_text_cell(value, bounded.ROSTERS, number, header)
                    texts[header] = by_text(value) if value else ""
                elif value is None:
                    texts[header] = ""
                else:
                    if isinstance(value, Formula):
                        self.formulas.setdefault(header, []).append(number)
                    texts[header] = cell_text(kind, value, self.epoch)
            except CellRefused as refusal:
                reason = f"单元格 {letter}{number} {refusal.reason}"
                self.problems.append(Problem(number, header, reason))
                texts[header] = ""
                refused = True
        # Blank rows, and rows with only a running number (序号) filled in ahead, are no rows.
        return texts if refused or any(texts.values()) else None

    def warnings(self) -> tuple[Problem, ...]:
        """One reminder per column that held formulas: their saved results were taken."""
        letters = {header: letter for _, header, _, _, letter in self.columns}
        return tuple(
            Problem(
                rows[0],
                header,
                f"提醒：此列有 {len(rows)} 个单元格是公式（从 {letters[header]}{rows[0]} 起），"
                "已按文件中保存的计算结果导入，程序不会执行公式；请核对这些值",
            )
            for header, rows in self.formulas.items()
        )


def _no_header(name: str, rows: Sequence[tuple[int, tuple[CellValue, ...]]]) -> ValidationError:
    later = find_header_row(
        [(number, [_text(v) for v in cells]) for number, cells in rows[:100]], window=100
    )
    if later is not None:
        return ValidationError(
            f"名册 {name} 的表头看起来在第 {later} 行，超出了程序查找表头的前 {HEADER_WINDOW} 行；"
            f"请删除表头上方多余的标题和说明行，让表头位于前 {HEADER_WINDOW} 行内，再导入。",
            field="表头",
        )
    return ValidationError(
        f"名册 {name} 的前 {HEADER_WINDOW} 行中没有找到表头（应有一行写着“姓名”“证件号码”"
        "“手机号码”等列名；Excel 文件只读取第一个工作表）。请下载模板，按模板的表头填写；"
        "CSV 文件如果用 Excel 打开是乱码，"
        "可能不是 UTF-8 或 GB18030 编码，请用 Excel 另存为“CSV UTF-8（逗号分隔）”后再导入。",
        field="表头",
    )


def _refuse_repeated(headers: Sequence[str], raw: Sequence[str], header_row: int) -> None:
    """Two columns naming the same standard column: which one is meant cannot be guessed."""
    first: dict[str, int] = {}
    shown = ["".join(text.split()) for text in raw]
    for index, header in enumerate(headers):
        if header not in KIND_OF_HEADER:
            continue
        if header in first:
            before = first[header]
            raise ValidationError(
                f"名册第 {header_row} 行（表头）中，{column_letter(before)} 列“{shown[before]}”和 "
                f"{column_letter(index)} 列“{shown[index]}”都是“{header}”列；请只保留一列后再导入。",
                field="表头",
            )
        first[header] = index


def _check_lengths(rows: Sequence[tuple[int, tuple[CellValue, ...]]]) -> None:
    """Refuse an over-long cell among titles, notes and the header, naming row and column."""
    for number, cells in rows:
        for index, value in enumerate(cells):
            text = value.text if isinstance(value, Formula) else value
            if isinstance(text, str) and len(text) > _CELL_CHARS:
                bounded.check_text_cell(text, bounded.ROSTERS, number, column_letter(index))


class RosterFiles:
    """Implements `services.ports.intake.RosterFiles` with openpyxl and the csv module."""

    def read(self, path: Path) -> RosterTable:
        """The header row and data rows of an .xlsx (first sheet) or .csv file.

        The header is looked for in the first `HEADER_WINDOW` rows, below titles and notes. Each
        cell is read by its column's kind (`domain.roster_cells`): what only changed form is
        accepted, what lost its value becomes a row problem naming the cell.

        Raises:
            ValidationError: The file is missing, of another type, over a limit of
                `bounded.ROSTERS`, damaged or hostile, or has no header; nothing is read further.
        """
        suffix = _suffix(path, reading=True)
        _check_content(_head(path), path, suffix)
        if suffix == ".csv":
            raw = bounded.read_file(path, bounded.ROSTERS)
            text = bounded.decode_text(raw, bounded.ROSTERS)
            cells = bounded.csv_rows(text, bounded.ROSTERS)
            rows = [(n, tuple(r)) for n, r in enumerate(cells, start=1) if any(r)]
            return _table(rows, path.name, _NO_EPOCH)
        sheet = bounded.xlsx_cells(path, bounded.ROSTERS)
        return _table(sheet.rows, path.name, sheet.epoch)

    def write(
        self, path: Path, rows: Sequence[Mapping[str, str]], *, encoding: str = "utf-8"
    ) -> None:
        """Write rows under the standard headers; CSV in UTF-8 (with BOM, for Excel) or GB18030.

        Nothing a spreadsheet would evaluate is written as such: a CSV cell that begins with
        ``=``, ``+``, ``-``, ``@``, tab or CR gets a leading ``'``, and every .xlsx cell is a text
        cell, never a formula. The file appears only when complete.
        """
        is_csv = _suffix(path) == ".csv"
        with atomic_path(path) as part:
            if is_csv:
                self._write_csv(part, rows, encoding)
            else:
                self._write_xlsx(part, rows)

    @staticmethod
    def _write_csv(path: Path, rows: Sequence[Mapping[str, str]], encoding: str) -> None:
        codec = "gb18030" if encoding.lower().replace("-", "") == "gb18030" else "utf-8-sig"
        with path.open("w", encoding=codec, newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(HEADERS)
            writer.writerows([escape_cell(row.get(h, "")) for h in HEADERS] for row in rows)

    def _write_xlsx(self, path: Path, rows: Sequence[Mapping[str, str]]) -> None:
        book = Workbook(write_only=False)
        sheet = book.active
        assert sheet is not None
        self._header(sheet)
        for number, row in enumerate(rows, start=2):
            for index, header in enumerate(HEADERS, start=1):
                _text_cell(sheet.cell(row=number, column=index), row.get(header, ""))
        book.save(path)

    def write_template(self, path: Path) -> None:
        """An empty roster: headers (required ones marked) and a hint on each header cell."""
        if _suffix(path) == ".csv":
            self.write(path, [])
            return
        book = Workbook()
        sheet = book.active
        assert sheet is not None
        sheet.title = "考生名册"
        self._header(sheet)
        for index, column in enumerate(COLUMNS, start=1):
            cell = sheet.cell(row=1, column=index)
            note = ("必填。" if column.required else "选填。") + column.hint
            cell.comment = Comment(note, "Kaoping")
        with atomic_path(path) as part:
            book.save(part)

    @staticmethod
    def _header(sheet: Any) -> None:
        sheet.append(list(HEADERS))
        required = PatternFill("solid", fgColor="FDE9D9")
        for index, column in enumerate(COLUMNS, start=1):
            cell = sheet.cell(row=1, column=index)
            cell.font = Font(bold=True)
            if column.required:
                cell.fill = required
            letter = get_column_letter(index)
            sheet.column_dimensions[letter].width = max(12, len(column.header) * 2 + 4)
            # Text format keeps 18-digit ID numbers and phone numbers from turning into floats.
            sheet.column_dimensions[letter].number_format = _TEXT_FORMAT


def _text_cell(cell: Any, text: str) -> None:
    """Put `text` in a cell as text, never as a formula.

    openpyxl turns any str beginning with "=" into a formula, so the type is forced back to a
    string; Excel's quote prefix keeps a cell that looks like a formula text even when edited.
    """
    cell.value = text
    cell.data_type = "s"
    if starts_like_formula(text):
        cell.quotePrefix = True
