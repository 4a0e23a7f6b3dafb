"""Item import files: the Excel template (题目导入模板.xlsx) and the JSON format of docs/item-json.md.

Both readers return every row they could read as text, plus the structural problems they found
(a missing column, a value of the wrong kind), each naming the row and the field. The rules of the
bank (known occupation, knowledge area in the weight table, a valid answer) are checked by the
service, so the two formats report the same mistakes in the same words. Problem messages never
quote item text.
"""

from __future__ import annotations

import base64
import binascii
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter

from kaoping.adapters import bounded
from kaoping.domain.errors import ValidationError
from kaoping.domain.items import ItemType, option_letter
from kaoping.fileio import atomic_path
from kaoping.services.ports.bank import ParsedItemFile, RawItem, RowProblem

__all__ = ["EXCEL_OPTION_COLUMNS", "HEADERS", "JSON_FORMAT", "ItemFileReader"]

JSON_FORMAT = "kaoping-items"
JSON_VERSION = 1
EXCEL_OPTION_COLUMNS = 8
_META = ("职业编码", "职业方向", "等级", "知识领域", "题型", "难度", "题干")
_OPTIONS = tuple(f"选项{option_letter(i)}" for i in range(EXCEL_OPTION_COLUMNS))
_TAIL = ("参考答案", "评分要点")
HEADERS = _META + _OPTIONS + _TAIL
_REQUIRED = ("职业编码", "等级", "知识领域", "题型", "难度", "题干")
_JSON_FIELDS = {
    "occupation": "职业编码",
    "direction": "职业方向",
    "level": "等级",
    "knowledge_area": "知识领域",
    "type": "题型",
    "difficulty": "难度",
    "stem": "题干",
    "answer": "参考答案",
    "rubric": "评分要点",
}
_INSTRUCTIONS = (
    "每行一道题；第 1 行为列名，请勿修改列名。",
    "职业编码：如 2-02-10-09（人工智能工程技术人员）。职业方向：通用题留空。",
    "等级：初级、中级或高级。知识领域：该职业权重表中的职业功能名称，如“职业道德”。",
    "题型：" + "、".join(t.label for t in ItemType) + "。难度：1（最易）至 5（最难）的整数。",
    "选项：单选题、多选题至少填 2 个，从选项A起连续填写；其他题型不填。",
    "参考答案：单选填一个字母（如 B），多选填多个字母（如 ACD），判断题填“对”或“错”。",
    "评分要点：实操题必填；简答题的参考答案与评分要点至少填一项。附件请用 JSON 格式导入。",
    "导入的题目在数据库中加密保存；本文件含明文题目，导入后请妥善保管或销毁。",
)


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


class ItemFileReader:
    """Implements `services.ports_bank.ItemFiles`."""

    def read(self, path: Path) -> ParsedItemFile:
        """Read a .xlsx template or a .json file.

        Raises:
            ValidationError: The file cannot be opened, is over a limit of `bounded.ITEMS`, or its
                type is not supported.
        """
        suffix = path.suffix.lower()
        if suffix == ".xlsx":
            return self._read_excel(path)
        if suffix == ".json":
            return self._read_json(path)
        raise ValidationError(
            f"不支持的文件类型“{path.suffix}”：请使用 Excel 模板（.xlsx）或 JSON 文件（.json）",
            field="导入文件",
        )

    def _read_excel(self, path: Path) -> ParsedItemFile:
        rows = list(enumerate(bounded.xlsx_rows(path, bounded.ITEMS), start=1))
        if not rows:
            raise ValidationError("Excel 文件是空的，请使用题目导入模板", field="导入文件")
        header = [_cell_text(value) for value in rows[0][1]]
        missing = [name for name in _REQUIRED if name not in header]
        if missing:
            return ParsedItemFile(
                (), tuple(RowProblem(1, name, "缺少该列，请使用题目导入模板") for name in missing)
            )
        column = {name: header.index(name) for name in HEADERS if name in header}
        items = []
        for number, values in rows[1:]:
            cells = {
                name: _cell_text(values[index]) if index < len(values) else ""
                for name, index in column.items()
            }
            if not any(cells.values()):
                continue
            options = [cells.get(name, "") for name in _OPTIONS]
            while options and not options[-1]:
                options.pop()
            items.append(
                RawItem(
                    number,
                    cells["职业编码"],
                    cells.get("职业方向", ""),
                    cells["等级"],
                    cells["知识领域"],
                    cells["题型"],
                    cells["难度"],
                    cells["题干"],
                    tuple(options),
                    cells.get("参考答案", ""),
                    cells.get("评分要点", ""),
                )
            )
        if not items:
            raise ValidationError(
                "Excel 文件中只有表头，没有题目；请从第 2 行起填写题目", field="导入文件"
            )
        return ParsedItemFile(tuple(items), ())

    def _read_json(self, path: Path) -> ParsedItemFile:
        document = bounded.load_json(bounded.read_file(path, bounded.ITEMS), bounded.ITEMS)
        if not isinstance(document, dict) or document.get("format") != JSON_FORMAT:
            raise ValidationError(
                f'JSON 文件应为对象，且 "format" 为 "{JSON_FORMAT}"，见 docs/item-json.md',
                field="format",
            )
        if document.get("version") != JSON_VERSION:
            raise ValidationError(f"JSON 文件版本应为 {JSON_VERSION}", field="version")
        entries = document.get("items")
        if not isinstance(entries, list) or not entries:
            raise ValidationError('JSON 文件缺少 "items" 列表，或列表是空的', field="items")
        items: list[RawItem] = []
        problems: list[RowProblem] = []
        for number, entry in enumerate(entries, start=1):
            parsed = _json_item(number, entry)
            if isinstance(parsed, RowProblem):
                problems.append(parsed)
            else:
                items.append(parsed)
        return ParsedItemFile(tuple(items), tuple(problems))

    def write_template(self, path: Path) -> None:
        """Write the empty Excel template with its column headings and an instructions sheet."""
        workbook = Workbook()
        sheet = workbook.active
        assert sheet is not None  # a new workbook always has one sheet
        sheet.title = "题目"
        sheet.append(list(HEADERS))
        bold, fill = Font(bold=True), PatternFill("solid", fgColor="DDEBF7")
        for cell in sheet[1]:
            cell.font, cell.fill = bold, fill
        widths = {"题干": 60, "参考答案": 14, "评分要点": 40, "知识领域": 20, "职业编码": 13}
        for index, name in enumerate(HEADERS, start=1):
            sheet.column_dimensions[get_column_letter(index)].width = widths.get(name, 12)
        sheet.freeze_panes = "A2"
        notes = workbook.create_sheet("填写说明")
        for line in _INSTRUCTIONS:
            notes.append([line])
        notes.column_dimensions["A"].width = 100
        with atomic_path(path) as part:
            workbook.save(part)


def _json_item(number: int, entry: object) -> RawItem | RowProblem:
    if not isinstance(entry, dict):
        return RowProblem(number, "题目", "每道题应为一个 JSON 对象")
    text: dict[str, str] = {}
    for key, label in _JSON_FIELDS.items():
        value = entry.get(key, "")
        if isinstance(value, int) and not isinstance(value, bool) and key == "difficulty":
            value = str(value)
        if not isinstance(value, str):
            return RowProblem(number, label, f"“{key}”应为文字")
        bounded.check_text_cell(value, bounded.ITEMS, number, label, unit="道题")
        text[key] = value.strip()
    options = entry.get("options", [])
    if not isinstance(options, list) or not all(isinstance(o, str) for o in options):
        return RowProblem(number, "选项", "“options”应为文字列表")
    for option in options:
        bounded.check_text_cell(option, bounded.ITEMS, number, "选项", unit="道题")
    attachments = _json_attachments(number, entry.get("attachments", []))
    if isinstance(attachments, RowProblem):
        return attachments
    return RawItem(
        number,
        text["occupation"],
        text["direction"],
        text["level"],
        text["knowledge_area"],
        text["type"],
        text["difficulty"],
        text["stem"],
        tuple(o.strip() for o in options),
        text["answer"],
        text["rubric"],
        attachments,
    )


def _json_attachments(number: int, value: object) -> tuple[tuple[str, bytes], ...] | RowProblem:
    if not isinstance(value, list):
        return RowProblem(number, "附件", "“attachments”应为列表")
    result = []
    for index, entry in enumerate(value, start=1):
        if not (
            isinstance(entry, dict)
            and isinstance(entry.get("name"), str)
            and isinstance(entry.get("data_base64"), str)
        ):
            return RowProblem(number, "附件", f"第 {index} 个附件应有 name 和 data_base64 两项文字")
        try:
            data = base64.b64decode(entry["data_base64"], validate=True)
        except binascii.Error:
            return RowProblem(number, "附件", f"第 {index} 个附件的 data_base64 不是有效的 Base64")
        result.append((entry["name"].strip(), data))
    return tuple(result)
