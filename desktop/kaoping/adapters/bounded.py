"""Bounded reading of incoming files: every file a person hands to Kaoping is read through here.

Files come from outside (online exam platforms, training schools, the department, e-mail) and may
be damaged or made to hurt: a zip that unpacks to gigabytes, XML that declares entities, CSV with
a megabyte in one cell, JSON nested a hundred thousand levels deep. Each reader states its limits
(`Limits`, one module constant per kind of file) and this module refuses anything beyond them
*before* the expensive work starts, always with a `ValidationError` in Chinese that names the
problem. Nothing here writes anything.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from kaoping.domain.errors import ValidationError
from kaoping.domain.json_input import load_json_document
from kaoping.domain.spreadsheet_cells import (
    CellValue,
    ErrorValue,
    Formula,
    column_letter,
    unescape_cell,
)

__all__ = [
    "APPROVALS",
    "IMAGES",
    "ITEMS",
    "PACKAGE_CSV",
    "PDFS",
    "PHOTOS",
    "PHOTO_ARCHIVES",
    "ROSTERS",
    "SCORES",
    "Limits",
    "SheetCells",
    "check_cells",
    "check_pixels",
    "check_size",
    "check_text_cell",
    "column_letter",
    "csv_rows",
    "decode_text",
    "load_json",
    "read_file",
    "xlsx_cells",
    "xlsx_rows",
    "zip_members",
]

_KIB = 1024
_MIB = 1024 * _KIB
_FIELD = "文件"


@dataclass(frozen=True)
class Limits:
    """What one kind of incoming file may hold; anything beyond is refused before it is parsed.

    Attributes:
        what: The kind of file in Chinese, for messages (名册, 成绩文件 ...).
        max_bytes: Largest file accepted.
        max_rows: Most rows (the header included) of a table.
        max_columns: Most columns of a table.
        max_cell_chars: Longest text of one cell.
        max_members: Most parts of an .xlsx (a zip).
        max_unpacked_bytes: Largest total of an .xlsx's parts once unpacked.
        max_ratio: Largest unpacked/packed ratio of an .xlsx part over 1 MiB; spreadsheets stay
            near 20, zip bombs are built on ratios near 1000.
        max_json_depth: Deepest nesting of JSON arrays and objects.
        max_pixels: Largest image (width × height).
    """

    what: str
    max_bytes: int
    max_rows: int = 100_000
    max_columns: int = 100
    max_cell_chars: int = 1000
    max_members: int = 1000
    max_unpacked_bytes: int = 256 * _MIB
    max_ratio: int = 100
    max_json_depth: int = 32
    max_pixels: int = 40_000_000


# The domain's own field limits (a name up to 60 characters, a note up to 200) stay well inside
# these, so an over-long value is still reported as an ordinary row problem; these limits only stop
# files no person typed.
ROSTERS = Limits("名册", 50 * _MIB)
SCORES = Limits("成绩文件", 50 * _MIB, max_columns=200)
# Item JSON carries attachments as Base64 text, so it may be larger; stems may be long case texts.
ITEMS = Limits("题目导入文件", 100 * _MIB, max_rows=50_000, max_cell_chars=20_000)
APPROVALS = Limits("审核结果文件", 50 * _MIB, max_rows=200_001)
# CSV inside a package (its size already bounded by the package limits) or a plain approval list.
PACKAGE_CSV = Limits("CSV 文件", 256 * _MIB, max_rows=1_000_001, max_cell_chars=100_000)
IMAGES = Limits("图片", 20 * _MIB)
# Certificates to verify and documents to check: a certificate PDF is well under 1 MB.
PDFS = Limits("文件", 50 * _MIB)
# One candidate photo: a phone picture is 2-8 MB and 12-50 megapixels; a scan of a printed
# 1-inch photo far less. Anything larger is not a portrait.
PHOTOS = Limits("照片", 15 * _MIB, max_pixels=60_000_000)
# A zip (or a folder) of photos for a batch, or a roster workbook with photos anchored in it: a
# batch of 20,000 candidates with 200 KB photos is 4 GB, too much for one import; 10,000 photos
# and 2 GB unpacked is the most one import takes. JPEG barely compresses, so a ratio near 1000
# is a bomb here even more surely than in a spreadsheet.
PHOTO_ARCHIVES = Limits(
    "照片压缩包",
    2048 * _MIB,
    max_members=10_000,
    max_unpacked_bytes=2048 * _MIB,
    max_ratio=100,
)

# ---------------------------------------------------------------------------------------------
# Size


def _mib(size: int) -> str:
    return f"{size / _MIB:.1f} MB" if size < 10 * _MIB else f"{size // _MIB} MB"


def check_size(size: int, limits: Limits, name: str = "") -> None:
    """Refuse a file over the size limit of its kind.

    Raises:
        ValidationError: Naming the size and the limit.
    """
    if size > limits.max_bytes:
        label = f"{limits.what} {name}" if name else limits.what
        raise ValidationError(
            f"{label}有 {_mib(size)}，超过上限 {_mib(limits.max_bytes)}，已拒绝",
            field=_FIELD,
        )


def read_file(path: Path, limits: Limits) -> bytes:
    """Read a whole file after checking its size, and never more than the limit allows.

    Raises:
        ValidationError: The file is missing, unreadable or over the size limit.
    """
    try:
        check_size(path.stat().st_size, limits, path.name)
        with path.open("rb") as handle:
            data = handle.read(limits.max_bytes + 1)  # a file that grew meanwhile stops here
    except FileNotFoundError:
        raise ValidationError(f"找不到{limits.what} {path}", field=_FIELD) from None
    except IsADirectoryError:
        raise ValidationError(f"{path} 是文件夹，请选择{limits.what}", field=_FIELD) from None
    except OSError as exc:
        raise ValidationError(
            f"无法读取{limits.what} {path.name}：{exc.strerror or exc}；请检查文件和权限",
            field=_FIELD,
        ) from None
    check_size(len(data), limits, path.name)
    return data


# ---------------------------------------------------------------------------------------------
# Text and CSV

_ENCODINGS = ("utf-8-sig", "gb18030")


def decode_text(raw: bytes, limits: Limits) -> str:
    """Text of a file in UTF-8 (with or without BOM) or GB18030, as Chinese Windows saves it.

    Raises:
        ValidationError: The bytes hold NUL characters (UTF-16, or not text at all) or are in
            neither encoding.
    """
    if b"\x00" in raw:
        raise ValidationError(
            f"{limits.what}中含有空字符（NUL），可能是 UTF-16 编码或根本不是文本文件；"
            "请另存为 UTF-8 或 GB18030 编码的 CSV",
            field=_FIELD,
        )
    for encoding in _ENCODINGS:
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ValidationError(
        f"{limits.what}的编码无法识别，请另存为 UTF-8 或 GB18030 编码的 CSV", field=_FIELD
    )


def csv_rows(text: str, limits: Limits) -> list[list[str]]:
    """Every row of CSV text (the header first), within the row, column and cell limits.

    Cells are unescaped (`domain.spreadsheet_cells.unescape_cell`): Kaoping writes a value that a
    spreadsheet would evaluate with a leading quote, and reading its own files back must give the
    value as it was.

    Raises:
        ValidationError: Too many rows or columns, an over-long cell, or broken CSV quoting.
    """
    reader = csv.reader(io.StringIO(text, newline=""))
    rows: list[list[str]] = []
    try:
        for cells in reader:
            if len(rows) >= limits.max_rows:
                _too_many_rows(limits)
            if len(cells) > limits.max_columns:
                _too_many_columns(limits, reader.line_num)
            rows.append([unescape_cell(cell) for cell in cells])
    except csv.Error as exc:
        # The csv module refuses fields over its own limit (131072 characters) by this message.
        if "field larger than field limit" in str(exc):
            raise ValidationError(
                f"{limits.what}第 {reader.line_num} 行附近有单元格超过 "
                f"{csv.field_size_limit()} 个字符，不像是正常数据，已拒绝",
                field=_FIELD,
            ) from None
        raise ValidationError(
            f"{limits.what}第 {reader.line_num} 行的 CSV 格式有误（引号不成对或换行异常），"
            "请用 Excel 另存为 CSV 后重试",
            field=_FIELD,
        ) from None
    check_cells(rows, limits)
    return rows


def _too_many_rows(limits: Limits) -> None:
    raise ValidationError(
        f"{limits.what}超过 {limits.max_rows - 1} 行数据，请拆分后分批导入", field=_FIELD
    )


def _too_many_columns(limits: Limits, row: int) -> None:
    raise ValidationError(
        f"{limits.what}第 {row} 行超过 {limits.max_columns} 列，请只保留需要的列", field=_FIELD
    )


def check_text_cell(value: str, limits: Limits, row: int, column: str, *, unit: str = "行") -> None:
    """Refuse one text value over the cell limit, naming its row (or entry) and column.

    Raises:
        ValidationError: E.g. "名册第 12 行“姓名”列超过 1000 个字符".
    """
    if len(value) > limits.max_cell_chars:
        raise ValidationError(
            f"{limits.what}第 {row} {unit}“{column}”列超过 {limits.max_cell_chars} 个字符"
            f"（有 {len(value)} 个），请检查该单元格",
            field=_FIELD,
        )


def check_cells(rows: Sequence[Sequence[Any]], limits: Limits) -> None:
    """Refuse any text cell over the cell limit; the header row names the columns.

    Raises:
        ValidationError: Naming the first over-long cell by row (1 = header) and column.
    """
    header = rows[0] if rows else ()
    for number, cells in enumerate(rows, start=1):
        for index, value in enumerate(cells):
            if isinstance(value, str) and len(value) > limits.max_cell_chars:
                check_text_cell(value, limits, number, _column_name(header, index, number))


def _column_name(header: Sequence[Any], index: int, row: int) -> str:
    name = header[index] if index < len(header) and row > 1 else None
    if isinstance(name, str) and name.strip() and len(name) <= 30:
        return name.strip()
    return f"{column_letter(index)}"


# ---------------------------------------------------------------------------------------------
# JSON


def load_json(raw: bytes, limits: Limits) -> Any:
    """Parse UTF-8 JSON (a BOM is allowed) within the size and nesting-depth limits.

    Raises:
        ValidationError: Too large, not UTF-8, nested too deeply, or not JSON (naming the line and
            column).
    """
    return load_json_document(
        raw, limits.what, limits.max_bytes, max_depth=limits.max_json_depth, field=_FIELD
    )


# ---------------------------------------------------------------------------------------------
# Excel (.xlsx)

_XML_HEAD = 64 * _KIB  # the XML declaration, comments and DTD come before the first element
_NAME_START = re.compile(rb"<[A-Za-z_:]")


def xlsx_rows(path: Path, limits: Limits) -> list[tuple[Any, ...]]:
    """Cell values of the first sheet of an .xlsx, row by row (the header first).

    The file is opened only after its zip directory shows a workbook within the limits and no XML
    part declares a DTD or entities. Values are those Excel saved: a formula's last result, never
    evaluated here, and text that starts with "=" stays text.

    Raises:
        ValidationError: Not an .xlsx, over a limit, with a DTD/entity declaration, or damaged.
    """
    check_size(_stat_size(path, limits), limits, path.name)
    _check_xlsx_zip(path, limits)
    from openpyxl import load_workbook  # only once the file is known to be a sane zip

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds (KeyError, TypeError ...) when damaged
        raise _unreadable_xlsx(path, limits) from exc
    try:
        if not book.worksheets:
            raise ValidationError(f"{limits.what} {path.name} 中没有工作表", field=_FIELD)
        sheet = book.worksheets[0]
        # Explicit bounds: openpyxl pads rows to the sheet's claimed size otherwise.
        rows = list(
            sheet.iter_rows(
                max_row=limits.max_rows + 1, max_col=limits.max_columns + 1, values_only=True
            )
        )
    except ValidationError:
        raise
    except Exception as exc:  # as above: a damaged sheet fails in many ways while being read
        raise _unreadable_xlsx(path, limits) from exc
    finally:
        book.close()
    if len(rows) > limits.max_rows:
        _too_many_rows(limits)
    for number, row in enumerate(rows, start=1):
        if len(row) > limits.max_columns and row[limits.max_columns] is not None:
            _too_many_columns(limits, number)
    trimmed = [tuple(row[: limits.max_columns]) for row in rows]
    check_cells(trimmed, limits)
    return trimmed


EXCEL_MAX_ROWS = 1_048_576
"""The last row an .xlsx sheet can have; a sheet's own size claim is not trusted."""


@dataclass(frozen=True)
class SheetCells:
    """The non-blank rows of a worksheet with each cell's type, and the workbook's date system.

    Attributes:
        rows: (row number as Excel shows it, cells from column A) for each row with a value;
            trailing empty cells are left off.
        epoch: The day an Excel serial number 0 stands for: 1899-12-30 in the 1900 date system,
            1904-01-01 in the 1904 system of old Mac workbooks.
    """

    rows: list[tuple[int, tuple[CellValue, ...]]]
    epoch: date


def xlsx_cells(path: Path, limits: Limits) -> SheetCells:
    """The first sheet of an .xlsx with each cell's type: text, number, date, boolean, error, formula.

    The same checks as `xlsx_rows` come first. Numbers stay numbers and dates stay dates, so the
    reader can tell an 18-digit number that lost its last digits from text. A formula comes as
    `Formula` with the result Excel saved (never evaluated here); text that starts with "=" stays
    text. Only rows with a value count against the row limit, so a sheet that claims all of
    Excel's 1,048,576 rows (WPS writes such claims) is read for what it holds. Cell lengths are
    not checked here: the caller knows the header and names the column (`check_text_cell`).

    Raises:
        ValidationError: Not an .xlsx, over a limit, with a DTD/entity declaration, or damaged.
    """
    check_size(_stat_size(path, limits), limits, path.name)
    _check_xlsx_zip(path, limits)
    formulas: list[tuple[int, int]] = []
    with _workbook(path, limits, data_only=False) as book:
        epoch = book.epoch.date()
        rows = _typed_rows(book.worksheets[0], limits, formulas)
    if formulas:
        _fill_results(path, limits, rows, formulas)
    return SheetCells(rows, epoch)


@contextmanager
def _workbook(path: Path, limits: Limits, *, data_only: bool) -> Iterator[Any]:
    """An openpyxl workbook in read-only mode, closed on exit; damage becomes a ValidationError."""
    from openpyxl import load_workbook  # only once the file is known to be a sane zip

    try:
        book = load_workbook(path, read_only=True, data_only=data_only)
    except Exception as exc:  # openpyxl raises many kinds (KeyError, TypeError ...) when damaged
        raise _unreadable_xlsx(path, limits) from exc
    try:
        if not book.worksheets:
            raise ValidationError(f"{limits.what} {path.name} 中没有工作表", field=_FIELD)
        yield book
    except ValidationError:
        raise
    except Exception as exc:  # as above: a damaged sheet fails in many ways while being read
        raise _unreadable_xlsx(path, limits) from exc
    finally:
        book.close()


def _typed_rows(
    sheet: Any, limits: Limits, formulas: list[tuple[int, int]]
) -> list[tuple[int, tuple[CellValue, ...]]]:
    """Non-blank rows of typed cells; `formulas` collects (row index in the result, column).

    Gaps between rows cost nothing, but every row the sheet really holds is parsed, empty or not,
    so those are bounded too (twice the row limit): a sheet of a million formatted empty rows is
    refused in seconds rather than read for minutes.
    """
    rows: list[tuple[int, tuple[CellValue, ...]]] = []
    blank: object = None
    held = 0
    # Explicit bounds: openpyxl pads every row to the sheet's claimed size otherwise.
    cells = sheet.iter_rows(max_row=EXCEL_MAX_ROWS, max_col=limits.max_columns + 1)
    for number, row in enumerate(cells, start=1):
        if row is blank:
            continue  # openpyxl fills a gap between rows with one shared empty row
        held += 1
        if held > 2 * limits.max_rows:
            raise ValidationError(
                f"{limits.what}的工作表中有超过 {2 * limits.max_rows} 行（包括带格式的空行），"
                "不像正常数据；请删除多余的行后另存，再导入",
                field=_FIELD,
            )
        values = [cell.value for cell in row]
        if values.count(None) == len(values):
            blank = row
            continue
        while values[-1] is None:
            values.pop()
        if len(values) > limits.max_columns:
            _too_many_columns(limits, number)
        if len(rows) >= limits.max_rows:
            _too_many_rows(limits)
        for index, cell in enumerate(row[: len(values)]):
            kind = cell.data_type
            if kind == "f":
                formulas.append((len(rows), index))
                values[index] = Formula(str(getattr(cell.value, "text", cell.value)), None)
            elif kind == "e":
                values[index] = ErrorValue(str(cell.value))
        rows.append((number, tuple(values)))
    return rows


def _fill_results(
    path: Path,
    limits: Limits,
    rows: list[tuple[int, tuple[CellValue, ...]]],
    formulas: list[tuple[int, int]],
) -> None:
    """Put the result Excel saved with each formula into its `Formula` (a second, cached pass)."""
    wanted: dict[int, list[tuple[int, int]]] = {}
    for position, column in formulas:
        wanted.setdefault(rows[position][0], []).append((position, column))
    last_row = max(wanted)
    last_column = max(column for _, column in formulas) + 1
    with _workbook(path, limits, data_only=True) as book:
        first_row = min(wanted)
        cells = book.worksheets[0].iter_rows(
            min_row=first_row, max_row=last_row, max_col=last_column
        )
        for number, row in enumerate(cells, start=first_row):
            for position, column in wanted.get(number, ()):
                cell = row[column]
                result = ErrorValue(str(cell.value)) if cell.data_type == "e" else cell.value
                at, values = rows[position]
                formula = values[column]
                assert isinstance(formula, Formula)
                changed = list(values)
                changed[column] = Formula(formula.text, result)
                rows[position] = (at, tuple(changed))


def _stat_size(path: Path, limits: Limits) -> int:
    try:
        return path.stat().st_size
    except FileNotFoundError:
        raise ValidationError(f"找不到{limits.what} {path}", field=_FIELD) from None
    except OSError as exc:
        raise ValidationError(
            f"无法读取{limits.what} {path.name}：{exc.strerror or exc}", field=_FIELD
        ) from None


def _unreadable_xlsx(path: Path, limits: Limits) -> ValidationError:
    return ValidationError(
        f"无法读取{limits.what} {path.name}：Excel 文件已损坏或格式不对；"
        "请用 Excel 打开后另存为 .xlsx 再导入",
        field=_FIELD,
    )


def _not_xlsx(path: Path, limits: Limits) -> ValidationError:
    return ValidationError(
        f"{limits.what} {path.name} 不是有效的 Excel（.xlsx）文件（可能已损坏、是空文件、"
        "设有打开密码，或是改了扩展名的其他文件）；请用 Excel 另存为 .xlsx 后再导入",
        field=_FIELD,
    )


def _check_xlsx_zip(path: Path, limits: Limits) -> None:
    try:
        if not zipfile.is_zipfile(path):
            raise _not_xlsx(path, limits)
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
            _check_members(infos, path, limits)
            for info in infos:
                _check_xml_head(archive, info, path, limits)
    except ValidationError:
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError, ValueError) as exc:
        raise _not_xlsx(path, limits) from exc
    except Exception as exc:  # zlib and zipfile raise a few more kinds for a broken archive
        raise _not_xlsx(path, limits) from exc


def _check_members(
    infos: Sequence[zipfile.ZipInfo], path: Path, limits: Limits, normal: str = "Excel 文件"
) -> None:
    """Sizes as the zip directory states them; reading stops at the stated size, so it binds."""
    bomb = f"{limits.what} {path.name} 解压后异常庞大，可能是恶意构造的文件（压缩炸弹），已拒绝"
    if len(infos) > limits.max_members:
        raise ValidationError(
            f"{limits.what} {path.name} 内含 {len(infos)} 个部件，超过上限 {limits.max_members}，"
            f"不像是正常的{normal}，已拒绝",
            field=_FIELD,
        )
    total = 0
    for info in infos:
        if info.flag_bits & 0x1:
            raise ValidationError(
                f"{limits.what} {path.name} 的内容被加密，无法读取；请取消密码后另存再导入",
                field=_FIELD,
            )
        ratio_limit = limits.max_ratio * max(info.compress_size, 1)
        if info.file_size > _MIB and info.file_size > ratio_limit:
            raise ValidationError(bomb, field=_FIELD)
        total += info.file_size
    if total > limits.max_unpacked_bytes:
        raise ValidationError(bomb, field=_FIELD)


def _check_xml_head(
    archive: zipfile.ZipFile, info: zipfile.ZipInfo, path: Path, limits: Limits
) -> None:
    with archive.open(info) as member:
        head = member.read(_XML_HEAD)
    problem = _xml_head_problem(head)
    if problem:
        raise ValidationError(
            f"{limits.what} {path.name} 的部件 {info.filename[:60]} {problem}，"
            "不是 Excel 保存的正常文件，为安全起见已拒绝",
            field=_FIELD,
        )


def _xml_head_problem(head: bytes) -> str | None:
    """Why an XML part's head is refused, or None (also for parts that are not XML at all).

    Excel never writes a DTD; a DTD is how entity expansion ("billion laughs") and external
    entities get in, so any declaration is refused before a parser sees it.
    """
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        head = head.decode("utf-16", errors="replace").encode("utf-8")
    head = head.removeprefix(b"\xef\xbb\xbf").lstrip()
    if not head.startswith(b"<"):
        return None  # an image or other binary part
    upper = head.upper()
    if b"<!DOCTYPE" in upper or b"<!ENTITY" in upper:
        return "含有 DTD 或实体声明（<!DOCTYPE / <!ENTITY）"
    if len(head) >= _XML_HEAD and not _NAME_START.search(head):
        return "开头异常（前 64 KB 中没有任何元素）"
    return None


# ---------------------------------------------------------------------------------------------
# Images


def check_pixels(width: int, height: int, limits: Limits) -> None:
    """Refuse an image whose stated size would take too much memory to decode (a pixel bomb).

    Raises:
        ValidationError: Naming the size and the limit.
    """
    if width * height > limits.max_pixels:
        raise ValidationError(
            f"{limits.what}尺寸为 {width}×{height} 像素，超过上限 "
            f"{limits.max_pixels // 10_000} 万像素，可能是恶意构造的文件，已拒绝；"
            "请缩小图片后再试",
            field="图片",
        )


# ---------------------------------------------------------------------------------------------
# Zip archives of files (photos)

_JUNK_PARTS = ("__MACOSX",)


def zip_members(path: Path, limits: Limits, member_limits: Limits) -> list[tuple[str, bytes]]:
    """Every file of a zip archive as (name inside the archive, bytes), within the limits.

    The directory is checked before any member is unpacked: the member count, encryption, each
    member's stated size against `member_limits`, the packed/unpacked ratio and the total. Names
    with ".." parts, absolute paths or drive letters are refused: nothing is written to disk, but
    an archive built that way was made to hurt. Reading stops at each member's stated size, so a
    directory that lies cannot make more come out. Folders and the macOS "__MACOSX" copies are
    skipped.

    Raises:
        ValidationError: Not a zip, over a limit, encrypted, a hostile name, or damaged.
    """
    check_size(_stat_size(path, limits), limits, path.name)
    try:
        if not zipfile.is_zipfile(path):
            raise ValidationError(
                f"{limits.what} {path.name} 不是有效的 zip 文件（可能已损坏或改了扩展名）",
                field=_FIELD,
            )
        with zipfile.ZipFile(path) as archive:
            infos = [i for i in archive.infolist() if not i.is_dir()]
            _check_members(infos, path, limits, "照片压缩包")
            found = []
            for info in infos:
                _check_member_name(info.filename, path, limits)
                if info.filename.split("/")[0] in _JUNK_PARTS:
                    continue
                check_size(info.file_size, member_limits, _masked(_last_part(info.filename)))
                with archive.open(info) as member:
                    data = member.read(info.file_size + 1)
                if len(data) > info.file_size:
                    raise ValidationError(
                        f"{limits.what} {path.name} 的目录与内容不符，可能是恶意构造的文件，已拒绝",
                        field=_FIELD,
                    )
                found.append((info.filename, data))
            return found
    except ValidationError:
        raise
    except Exception as exc:  # zipfile and zlib raise many kinds for a broken archive
        raise ValidationError(
            f"{limits.what} {path.name} 已损坏，无法解压（{type(exc).__name__}）；请重新打包后再导入",
            field=_FIELD,
        ) from exc


_LONG_NUMBER = re.compile(r"\d{14,17}[\dXx]")


def _masked(name: str) -> str:
    """A member name as messages show it: an ID number in it keeps only its ends (rule 8)."""
    return _LONG_NUMBER.sub(
        lambda m: m.group(0)[:3] + "*" * (len(m.group(0)) - 7) + m.group(0)[-4:], name
    )


def _last_part(name: str) -> str:
    return name.replace("\\", "/").rsplit("/", 1)[-1]


def _check_member_name(name: str, path: Path, limits: Limits) -> None:
    parts = name.replace("\\", "/").split("/")
    hostile = (
        name.startswith(("/", "\\"))
        or ".." in parts
        or (len(name) > 1 and name[1] == ":")
        or "\x00" in name
    )
    if hostile:
        raise ValidationError(
            f"{limits.what} {path.name} 内的文件名“{_masked(name[:80])}”含有“..”、绝对路径或盘符，"
            "可能是恶意构造的压缩包，已整体拒绝；请只打包照片文件本身",
            field=_FIELD,
        )


def xlsx_anchored_images(
    path: Path, limits: Limits
) -> tuple[list[tuple[Any, ...]], list[tuple[int, int, bytes]]]:
    """The first sheet of an .xlsx: its cell values row by row, and the pictures anchored in it.

    The workbook is checked as `xlsx_rows` checks it (size, parts, ratios, no DTD) before openpyxl
    opens it in full, which it must do to see pictures.

    Returns:
        (rows, pictures): rows as in `xlsx_rows`; each picture as (1-based row, 0-based column
        of its top-left anchor, the image file's bytes).

    Raises:
        ValidationError: Not an .xlsx, over a limit, with a DTD/entity declaration, or damaged.
    """
    rows = xlsx_rows(path, limits)
    from openpyxl import load_workbook

    try:
        book = load_workbook(path, data_only=True)
    except Exception as exc:  # as in xlsx_rows: a damaged part fails in many ways
        raise _unreadable_xlsx(path, limits) from exc
    try:
        sheet = book.worksheets[0]
        pictures = [_picture(image) for image in getattr(sheet, "_images", [])]
    except Exception as exc:  # a picture part openpyxl cannot read
        raise _unreadable_xlsx(path, limits) from exc
    finally:
        book.close()
    return rows, [p for p in pictures if p is not None]


def _picture(image: Any) -> tuple[int, int, bytes] | None:
    anchor = image.anchor
    if isinstance(anchor, str):
        from openpyxl.utils.cell import coordinate_to_tuple

        row, column = coordinate_to_tuple(anchor)
        return row, column - 1, bytes(image._data())
    start = getattr(anchor, "_from", None)
    if start is None:  # an absolute anchor belongs to no cell
        return None
    return int(start.row) + 1, int(start.col), bytes(image._data())
