"""Plain tables written as .xlsx for people to open in Excel or WPS (audit log exports)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font

from kaoping.domain.spreadsheet_cells import escape_cell
from kaoping.fileio import atomic_path


class XlsxTables:
    """Writes one sheet: a bold header row, then text cells; nothing is ever a formula."""

    def write_table(
        self, path: Path, title: str, headers: Sequence[str], rows: Sequence[Sequence[str]]
    ) -> None:
        """Write the table; the file appears only when complete."""
        book = Workbook()
        sheet = book.active
        assert sheet is not None
        # Sheet titles are at most 31 characters and may not hold []:*?/\.
        sheet.title = "".join(c for c in title if c not in "[]:*?/\\")[:31] or "Sheet1"
        sheet.append([escape_cell(h) for h in headers])
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in rows:
            sheet.append([escape_cell(str(value)) for value in row])
            for cell in sheet[sheet.max_row]:
                cell.data_type = "s"
        sheet.freeze_panes = "A2"
        with atomic_path(path) as part:
            book.save(part)
