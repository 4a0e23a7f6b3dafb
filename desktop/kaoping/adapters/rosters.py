"""Roster files (考生名册) in Excel (.xlsx) and CSV (UTF-8 or GB18030): reading and writing.

Only the file format lives here; what a row means and whether it is valid is `domain.roster`.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter

from kaoping.adapters import bounded
from kaoping.domain.errors import ValidationError
from kaoping.domain.roster import COLUMNS, HEADERS, RosterTable
from kaoping.domain.spreadsheet_cells import escape_cell, starts_like_formula
from kaoping.fileio import atomic_path

SUFFIXES = (".xlsx", ".csv")
_TEXT_FORMAT = "@"


def _suffix(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise ValidationError(
            f"名册文件 {path.name} 的类型不支持，请使用 .xlsx 或 .csv 文件。", field="文件"
        )
    return suffix


def _cell_text(value: Any) -> str:
    """Spreadsheet cell → text as the person meant it (dates as ISO, 13800000000 not 1.38e10)."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _table(rows: Iterable[Sequence[Any]], name: str) -> RosterTable:
    iterator = iter(rows)
    header_row = next(iterator, None)
    if header_row is None:
        raise ValidationError(f"名册 {name} 是空的，第1行应为表头。", field="表头")
    headers = tuple(_cell_text(h) for h in header_row)
    width = len(headers)
    data: list[tuple[int, dict[str, str]]] = []
    for number, row in enumerate(iterator, start=2):
        texts = [_cell_text(v) for v in row][:width]
        if not any(texts):
            continue  # blank lines between or after the data are not rows
        data.append((number, {h: t for h, t in zip(headers, texts, strict=False) if h}))
    if not data:
        raise ValidationError(
            f"名册 {name} 只有表头，没有考生数据；请从第 2 行起填写考生后再导入。", field="文件"
        )
    return RosterTable(tuple(h for h in headers), tuple(data))


class RosterFiles:
    """Implements `services.ports.intake.RosterFiles` with openpyxl and the csv module."""

    def read(self, path: Path) -> RosterTable:
        """The header row and data rows of an .xlsx (first sheet) or .csv file.

        Raises:
            ValidationError: The file is missing, of another type, over a limit of
                `bounded.ROSTERS`, damaged or hostile; nothing is read any further.
        """
        if _suffix(path) == ".csv":
            text = bounded.decode_text(bounded.read_file(path, bounded.ROSTERS), bounded.ROSTERS)
            return _table(bounded.csv_rows(text, bounded.ROSTERS), path.name)
        return _table(bounded.xlsx_rows(path, bounded.ROSTERS), path.name)

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
