"""Reading score files exported by online exam platforms (CSV or Excel) into rows of text.

Columns are found by their header, in Chinese or English: 准考证号 / 身份证号 (at least one), 成绩,
and optionally 状态. Values are returned as text; checking them is the service's job, so that every
bad row can be reported at once.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

from kaoping.adapters import bounded
from kaoping.domain.errors import ValidationError
from kaoping.services.ports.scores import ScoreFileRow

HEADERS: dict[str, tuple[str, ...]] = {
    "ticket_no": ("准考证号", "准考证", "准考证编号", "ticket", "ticket_no", "ticketno"),
    "id_number": ("身份证号", "身份证号码", "证件号码", "证件号", "id_number", "idnumber", "id"),
    "score": ("成绩", "分数", "得分", "总分", "score"),
    "status": ("状态", "考试状态", "考生状态", "status"),
}


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        # Excel keeps whole numbers (scores, ticket numbers) as floats; 85.0 is meant as 85.
        return str(int(value))
    return str(value).strip()


def _normalise(header: str) -> str:
    return "".join(header.split()).lower()


def _columns(header: Sequence[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    names = [_normalise(h) for h in header]
    for key, aliases in HEADERS.items():
        for index, name in enumerate(names):
            if name in aliases and key not in found:
                found[key] = index
    if "score" not in found:
        raise ValidationError(
            "表头中没有“成绩”列（也可写作 分数、得分、score），请在第 1 行加上", field="成绩", row=1
        )
    if "ticket_no" not in found and "id_number" not in found:
        raise ValidationError(
            "表头中须有“准考证号”或“身份证号”列，用来找到考生", field="准考证号", row=1
        )
    return found


def _rows(table: Iterable[Sequence[str]]) -> list[ScoreFileRow]:
    iterator = iter(table)
    header = next(iterator, None)
    if header is None:
        raise ValidationError("文件是空的，第 1 行应为表头（准考证号、成绩、状态）", field="文件")
    columns = _columns(header)

    def cell(values: Sequence[str], key: str) -> str:
        index = columns.get(key)
        return values[index].strip() if index is not None and index < len(values) else ""

    rows = []
    for number, values in enumerate(iterator, start=2):
        if not any(v.strip() for v in values):
            continue
        rows.append(
            ScoreFileRow(
                number,
                cell(values, "ticket_no"),
                cell(values, "id_number"),
                cell(values, "score"),
                cell(values, "status"),
            )
        )
    return rows


def _text_rows(rows: Iterable[Sequence[object]]) -> list[list[str]]:
    return [[_cell_text(v) for v in row] for row in rows]


class ScoreFiles:
    """Implements `services.ports.scores.ScoreFileReader` for .csv and .xlsx files."""

    def read(self, path: Path) -> list[ScoreFileRow]:
        """The data rows of a score file, numbered as in the file (the header is row 1).

        Raises:
            ValidationError: The file is missing, of another type, unreadable, over a limit of
                `bounded.SCORES`, or lacks a needed column.
        """
        if not path.is_file():
            raise ValidationError(f"找不到文件 {path}", field="文件")
        suffix = path.suffix.lower()
        if suffix == ".csv":
            raw = bounded.read_file(path, bounded.SCORES)
            return _rows(bounded.csv_rows(bounded.decode_text(raw, bounded.SCORES), bounded.SCORES))
        if suffix in (".xlsx", ".xlsm"):
            return _rows(_text_rows(bounded.xlsx_rows(path, bounded.SCORES)))
        raise ValidationError(
            f"不支持 {suffix or '无扩展名'} 文件，请使用 .csv 或 .xlsx", field="文件"
        )
