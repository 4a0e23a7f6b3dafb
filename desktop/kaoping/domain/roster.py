"""Candidate intake forms and rosters (考生名册): the declared facts of one application, checked.

One function turns the text a person typed (in the intake form or in one roster row) into a
checked `CandidateForm`, collecting every problem with the field at fault, so an import report can
list all of a row's faults at once. Roster columns are defined here too, so the template, the
import and the export always agree.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from enum import StrEnum

from kaoping.domain.catalogue import Level
from kaoping.domain.eligibility import DeclaredFacts, Education, Title
from kaoping.domain.errors import ValidationError
from kaoping.domain.idnumber import IdType, mask_id, validate_id
from kaoping.domain.roster_cells import EARLIEST_DATE, CellRefused, ColumnKind, read_date


class RegionBasis(StrEnum):
    """Why the candidate belongs to the region (在桂依据): works or lives in Guangxi."""

    WORK = "在桂工作"
    RESIDENCE = "在桂居住"


class Route(StrEnum):
    """How the conditions are proven (申报方式): by commitment letter or by submitting proofs."""

    COMMITMENT = "commitment"
    PROOFS = "proofs"

    @property
    def label(self) -> str:
        """The Chinese name shown to people."""
        return "告知承诺" if self is Route.COMMITMENT else "提交证明"

    @classmethod
    def from_label(cls, text: str) -> Route:
        """Accept the code or the Chinese name; empty means the commitment route."""
        cleaned = text.strip()
        if not cleaned:
            return cls.COMMITMENT
        for route in cls:
            if cleaned in (route.value, route.label):
                return route
        raise ValueError(text)


class CandidateStatus(StrEnum):
    """Where an application stands: active, withdrawn by the candidate, or void (作废)."""

    ACTIVE = "active"
    WITHDRAWN = "withdrawn"
    VOID = "void"

    @property
    def label(self) -> str:
        """The Chinese name shown in lists."""
        return {"active": "有效", "withdrawn": "已撤回", "void": "已作废"}[self.value]


@dataclass(frozen=True)
class PriorCertificateFact:
    """A 专业技术等级证书 the candidate declares holding."""

    occupation_code: str
    level: Level
    number: str
    issue_date: date


@dataclass(frozen=True)
class CandidateForm:
    """Everything a candidate declares at intake, checked and normalised.

    The target occupation, direction and level come from the batch, not from the form.
    `birth_date` and `sex` are read from the document number where it codes them.
    """

    name: str
    id_type: IdType
    id_number: str
    phone: str
    education: Education
    major: str
    major_related: bool
    graduation_date: date | None
    work_start_date: date | None
    title: Title
    title_date: date | None
    region_basis: RegionBasis
    work_unit: str = ""
    region_note: str = ""
    training_cert_no: str = ""
    training_body: str = ""
    training_hours: int = 0
    training_date: date | None = None
    prior_certificates: tuple[PriorCertificateFact, ...] = ()
    route: Route = Route.COMMITMENT
    birth_date: date | None = None
    sex: str = ""

    @property
    def id_masked(self) -> str:
        """The document number with its middle hidden, for lists and letters."""
        return mask_id(self.id_number)

    def facts(self) -> DeclaredFacts:
        """The facts the eligibility rules look at."""
        return DeclaredFacts(
            education=self.education,
            major_related=self.major_related,
            graduation_date=self.graduation_date,
            work_start_date=self.work_start_date,
            title=self.title,
            title_date=self.title_date,
            prior_certificates=tuple(
                (c.occupation_code, c.level, c.issue_date) for c in self.prior_certificates
            ),
            training_cert_no=self.training_cert_no,
            training_body=self.training_body,
        )


@dataclass(frozen=True)
class Problem:
    """One fault of one row (or of the form): the field and the reason with its fix."""

    row: int
    field: str
    reason: str

    def __str__(self) -> str:
        where = f"第{self.row}行" if self.row else ""
        return f"{where}“{self.field}”：{self.reason}"


@dataclass(frozen=True)
class Column:
    """A roster column: its header, the form key it fills, whether it is required, a hint.

    `kind` says how its cells are read from a spreadsheet (`roster_cells.ColumnKind`).
    """

    header: str
    key: str
    required: bool
    hint: str
    kind: ColumnKind = ColumnKind.TEXT


COLUMNS: tuple[Column, ...] = (
    Column("姓名", "name", True, "与证件一致"),
    Column(
        "证件类型",
        "id_type",
        False,
        "空白视为居民身份证；可选：" + "、".join(t.value for t in IdType),
    ),
    Column("证件号码", "id_number", True, "居民身份证为18位", ColumnKind.DOCUMENT),
    Column("手机号码", "phone", True, "11位手机号或带区号的固定电话", ColumnKind.PHONE),
    Column("最高学历", "education", True, "可选：" + "、".join(e.value for e in Education)),
    Column("所学专业", "major", False, "最高学历的专业"),
    Column("专业是否相关", "major_related", False, "是/否，空白为否", ColumnKind.FLAG),
    Column(
        "毕业日期",
        "graduation_date",
        False,
        "如 2020-07-01；应届毕业生填写预计毕业日期（须在考核当年内）",
        ColumnKind.DATE,
    ),
    Column(
        "参加本职业工作时间",
        "work_start_date",
        False,
        "无工作经历（如应届毕业生）留空",
        ColumnKind.DATE,
    ),
    Column("职称", "title", False, "空白为无；可选：" + "、".join(t.value for t in Title)),
    Column("职称取得日期", "title_date", False, "有职称时必填", ColumnKind.DATE),
    Column("在桂依据", "region_basis", True, "在桂工作 或 在桂居住"),
    Column("工作单位", "work_unit", False, "在桂工作时必填；灵活就业、新就业形态人员可留空"),
    Column("在桂依据说明", "region_note", False, "在桂居住时填写居住地址或居住证号"),
    Column(
        "培训合格证书编号",
        "training_cert_no",
        False,
        "本项目申报人须为取得培训合格证书的学员；未填写的不符合申报条件",
        ColumnKind.CODE,
    ),
    Column("培训机构", "training_body", False, "颁发培训合格证书的培训机构；填写了证书编号时必填"),
    Column("培训学时", "training_hours", False, "整数", ColumnKind.COUNT),
    Column("培训结业日期", "training_date", False, "填写了证书编号时必填", ColumnKind.DATE),
    Column(
        "既有证书职业编码",
        "prior_occupation",
        False,
        "已持有专业技术等级证书时填写，如 2-02-10-09",
        ColumnKind.CODE,
    ),
    Column("既有证书等级", "prior_level", False, "初级/中级/高级"),
    Column("既有证书编号", "prior_number", False, "", ColumnKind.CODE),
    Column("既有证书发证日期", "prior_date", False, "", ColumnKind.DATE),
    Column("申报方式", "route", False, "告知承诺 或 提交证明，空白为告知承诺"),
)
HEADERS = tuple(column.header for column in COLUMNS)
KEY_OF = {column.header: column.key for column in COLUMNS}
HEADER_OF = {column.key: column.header for column in COLUMNS}
HEADER_ALIASES: dict[str, str] = {
    "培训证书编号": "培训合格证书编号",
    "培训合格证编号": "培训合格证书编号",
    "培训合格证号": "培训合格证书编号",
    "培训合格证书号": "培训合格证书编号",
    "培训单位": "培训机构",
    "培训机构名称": "培训机构",
    "毕业时间": "毕业日期",
}
"""Other names rosters use for a column (a training institution's list says 培训证书编号)."""

KIND_OF_HEADER = {column.header: column.kind for column in COLUMNS}

_PHONE = re.compile(r"1[3-9]\d{9}|0\d{2,3}-?\d{7,8}")
_EDUCATION_ALIASES = {
    "大专": "大学专科",
    "专科": "大学专科",
    "本科": "大学本科",
    "硕士": "硕士研究生",
    "研究生": "硕士研究生",
    "博士": "博士研究生",
    "技校": "技工院校",
    "第二学士": "第二学士学位",
}
_TRUE = {"是", "y", "yes", "true", "1", "相关"}
_FALSE = {"否", "n", "no", "false", "0", "不相关", ""}
_EARLIEST = EARLIEST_DATE


class _Reader:
    """Reads one form or row, collecting problems instead of stopping at the first."""

    def __init__(self, cells: Mapping[str, str], row: int, today: date) -> None:
        self.cells = cells
        self.row = row
        self.today = today
        self.problems: list[Problem] = []

    def text(self, key: str) -> str:
        return str(self.cells.get(key, "") or "").strip()

    def fail(self, key: str, reason: str) -> None:
        self.problems.append(Problem(self.row, HEADER_OF.get(key, key), reason))

    def required(self, key: str, limit: int) -> str:
        value = self.text(key)
        if not value:
            self.fail(key, "必填，不能为空")
        elif len(value) > limit:
            self.fail(key, f"不能超过{limit}个字，当前{len(value)}个")
        return value

    def optional(self, key: str, limit: int) -> str:
        value = self.text(key)
        if len(value) > limit:
            self.fail(key, f"不能超过{limit}个字，当前{len(value)}个")
        return value

    def day(self, key: str, *, past: bool = True) -> date | None:
        value = self.text(key)
        if not value:
            return None
        try:
            parsed = read_date(value)
        except CellRefused as refused:
            self.fail(key, f"“{value}”{refused.reason}")
            return None
        if parsed < _EARLIEST:
            self.fail(key, f"日期 {parsed} 过早，请核对")
        elif past and parsed > self.today:
            self.fail(key, f"日期 {parsed} 晚于今天，请核对")
        else:
            return parsed
        return None

    def flag(self, key: str) -> bool:
        value = self.text(key).lower()
        if value in _TRUE:
            return True
        if value not in _FALSE:
            self.fail(key, f"“{value}”应为 是 或 否")
        return False


def parse_date(text: str) -> date | None:
    """A date as `roster_cells.read_date` reads it, or None when the text is none.

    2020-07-01, 2020/7/1, 2020年7月1日, 20200701, a month alone (2020-07) as its 1st ...
    """
    try:
        return read_date(text)
    except CellRefused:
        return None


def read_form(
    cells: Mapping[str, str], today: date, row: int = 0
) -> tuple[CandidateForm | None, list[Problem]]:
    """Check the typed values of one candidate (form keys as in `COLUMNS`).

    Args:
        cells: Form key → text; missing keys count as empty.
        today: The day of intake; dates of past events may not be later.
        row: The roster row number (1-based, header = 1), or 0 for the intake form.

    Returns:
        The checked form, or None with every problem found (field and reason).
    """
    reader = _Reader(cells, row, today)
    name = reader.required("name", 60)
    id_type, id_number, birth, sex = _read_identity(reader)
    phone = reader.text("phone")
    if not phone:
        reader.fail("phone", "必填，不能为空")
    elif not _PHONE.fullmatch(phone.replace(" ", "")):
        reader.fail(
            "phone", "应为11位手机号（如 13800000000）或带区号的固定电话（如 0771-1234567）"
        )
    education = _read_education(reader)
    title, title_date = _read_title(reader)
    basis = _read_region(reader)
    training = _read_training(reader)
    prior = _read_prior(reader)
    route = _read_route(reader)
    graduation = reader.day("graduation_date", past=False)
    work_start = reader.day("work_start_date")
    if reader.problems or id_type is None or education is None or basis is None:
        return None, reader.problems
    form = CandidateForm(
        name=name,
        id_type=id_type,
        id_number=id_number,
        phone=phone.replace(" ", ""),
        education=education,
        major=reader.optional("major", 100),
        major_related=reader.flag("major_related"),
        graduation_date=graduation,
        work_start_date=work_start,
        title=title,
        title_date=title_date,
        region_basis=basis,
        work_unit=reader.text("work_unit"),
        region_note=reader.text("region_note"),
        training_cert_no=training[0],
        training_body=training[1],
        training_hours=training[2],
        training_date=training[3],
        prior_certificates=prior,
        route=route,
        birth_date=birth,
        sex=sex,
    )
    return (None, reader.problems) if reader.problems else (form, [])


def check_document(
    id_type_text: str, number: str, today: date
) -> tuple[IdType, str, date | None, str]:
    """Check a document number for its type; returns (type, normalised number, birth, sex).

    Raises:
        ValidationError: Naming 证件类型 or 证件号码 and the reason; never the whole number.
    """
    id_type = _id_type(id_type_text)
    if not number.strip():
        raise ValidationError("必填，不能为空", field="证件号码")
    normalised = validate_id(id_type, number, today=today)
    if id_type in (IdType.RESIDENT_ID_CARD, IdType.HMT_RESIDENCE_PERMIT):
        # Both documents code the birth date in positions 7-14 and the sex in position 17;
        # validate_id has already checked that the date exists.
        birth = parse_date(f"{normalised[6:10]}-{normalised[10:12]}-{normalised[12:14]}")
        return id_type, normalised, birth, "男" if int(normalised[16]) % 2 else "女"
    return id_type, normalised, None, ""


def _id_type(text: str) -> IdType:
    cleaned = text.strip() or IdType.RESIDENT_ID_CARD.value
    aliases = {"身份证": IdType.RESIDENT_ID_CARD.value}
    try:
        return IdType(aliases.get(cleaned, cleaned))
    except ValueError:
        raise ValidationError(
            "不是可用的证件类型，可选：" + "、".join(t.value for t in IdType), field="证件类型"
        ) from None


def _read_identity(reader: _Reader) -> tuple[IdType | None, str, date | None, str]:
    try:
        return check_document(reader.text("id_type"), reader.text("id_number"), reader.today)
    except ValidationError as error:
        reader.problems.append(Problem(reader.row, error.field or "证件号码", error.message))
        return None, "", None, ""


def _read_education(reader: _Reader) -> Education | None:
    value = reader.text("education")
    if not value:
        reader.fail("education", "必填，不能为空")
        return None
    try:
        return Education(_EDUCATION_ALIASES.get(value, value))
    except ValueError:
        reader.fail(
            "education", f"“{value}”不是可选学历，可选：" + "、".join(e.value for e in Education)
        )
        return None


def _read_title(reader: _Reader) -> tuple[Title, date | None]:
    value = reader.text("title") or Title.NONE.value
    title_date = reader.day("title_date")
    try:
        title = Title(value)
    except ValueError:
        reader.fail("title", f"“{value}”不是可选职称，可选：" + "、".join(t.value for t in Title))
        return Title.NONE, None
    if title is not Title.NONE and title_date is None and not reader.text("title_date"):
        reader.fail("title_date", f"已填职称“{title.value}”，请填写取得日期")
    if title is Title.NONE and title_date is not None:
        reader.fail("title_date", "未填职称时不应填写职称取得日期，请先填写职称")
    return title, title_date


def _read_region(reader: _Reader) -> RegionBasis | None:
    value = reader.text("region_basis")
    try:
        basis = RegionBasis(value)
    except ValueError:
        reader.fail("region_basis", "应为“在桂工作”或“在桂居住”" if value else "必填，不能为空")
        return None
    if basis is RegionBasis.WORK and not reader.optional("work_unit", 200):
        reader.fail(
            "work_unit", "依据为在桂工作时请填写广西境内的工作单位；没有雇主的请选“在桂居住”"
        )
    if basis is RegionBasis.RESIDENCE and not reader.optional("region_note", 200):
        reader.fail("region_note", "依据为在桂居住时请填写在广西的居住地址或居住证号")
    return basis


def _read_training(reader: _Reader) -> tuple[str, str, int, date | None]:
    number = reader.optional("training_cert_no", 60)
    body = reader.optional("training_body", 200)
    hours_text = reader.text("training_hours")
    when = reader.day("training_date")
    hours = 0
    if hours_text:
        if not hours_text.isdigit() or not 0 < int(hours_text) <= 2000:
            reader.fail("training_hours", f"“{hours_text}”应为1到2000之间的整数")
        else:
            hours = int(hours_text)
    if number:
        if not body:
            reader.fail("training_body", "填写了培训合格证书编号时，请填写培训机构")
        if when is None and not reader.text("training_date"):
            reader.fail("training_date", "填写了培训合格证书编号时，请填写培训结业日期")
    elif body or hours_text or reader.text("training_date"):
        reader.fail("training_cert_no", "填写了培训信息时，请填写培训合格证书编号")
    return number, body, hours, when


def _read_prior(reader: _Reader) -> tuple[PriorCertificateFact, ...]:
    keys = ("prior_occupation", "prior_level", "prior_number", "prior_date")
    if not any(reader.text(key) for key in keys):
        return ()
    code = reader.text("prior_occupation")
    if not re.fullmatch(r"\d-\d{2}-\d{2}-\d{2}", code):
        reader.fail("prior_occupation", "应为职业编码，如 2-02-10-09")
    try:
        level = Level.from_label(reader.text("prior_level"))
    except ValueError:
        reader.fail("prior_level", "应为 初级、中级 或 高级")
        return ()
    when = reader.day("prior_date")
    if when is None:
        if not reader.text("prior_date"):
            reader.fail("prior_date", "请填写既有证书的发证日期")
        return ()
    return (PriorCertificateFact(code, level, reader.optional("prior_number", 60), when),)


def _read_route(reader: _Reader) -> Route:
    try:
        return Route.from_label(reader.text("route"))
    except ValueError:
        reader.fail("route", "应为“告知承诺”或“提交证明”")
        return Route.COMMITMENT


@dataclass(frozen=True)
class RosterTable:
    """A roster file as read: its header row and each data row (row number, header → text).

    Row numbers are those the spreadsheet shows (Excel's row numbers; a CSV file's records), so
    with titles above the header the first data row may be row 4.

    Attributes:
        headers: Each column's header from column A on: the standard header it names
            (`header_name`), or the text as found when it names none ("" for a blank one).
        rows: (row number, standard header → text) for every data row that is not blank.
        header_row: The row the header was found in (1 when the file starts with it).
        problems: Cells whose value was lost or cannot be read (a document number stored as a
            number, an impossible date ...), each naming its row, column and cell; their row is
            bad, and the cell's text in `rows` is "".
        warnings: Things to look at that stop no row (formula results taken as saved).
    """

    headers: tuple[str, ...]
    rows: tuple[tuple[int, dict[str, str]], ...]
    header_row: int = 1
    problems: tuple[Problem, ...] = ()
    warnings: tuple[Problem, ...] = ()


HEADER_WINDOW = 10
"""How many rows at the top of a file may hold titles and notes before the header row."""

IGNORED_HEADERS = frozenset({"序号"})
"""Columns many rosters carry that hold nothing to import (a running number); left out."""

# What other systems and older templates call the standard columns.
_HEADER_ALIASES = {
    "身份证号": "证件号码",
    "身份证号码": "证件号码",
    "公民身份号码": "证件号码",
    "证件号": "证件号码",
    "手机号": "手机号码",
    "手机": "手机号码",
    "联系电话": "手机号码",
    "学历": "最高学历",
    "专业": "所学专业",
    # Training institutions' lists (see HEADER_ALIASES).
    **HEADER_ALIASES,
}
_HEADER_MARKS = re.compile(r"^\*+|\*+$|\((?:必填|选填|可选|非必填)\)$")


def header_name(text: str) -> str:
    """The standard header a header cell names, or its cleaned text if it names none.

    Spaces and line breaks inside (证件 号码 over two lines), full-width brackets, required marks (*姓名) and
    notes such as （必填） are not part of the name; common other names (身份证号码) are mapped.
    """
    cleaned = "".join(unicodedata.normalize("NFKC", text).split())
    cleaned = "".join(ch for ch in cleaned if unicodedata.category(ch) != "Cf")
    cleaned = _HEADER_MARKS.sub("", cleaned)
    return _HEADER_ALIASES.get(cleaned, cleaned)


def find_header_row(
    rows: Iterable[tuple[int, Sequence[str]]], window: int = HEADER_WINDOW
) -> int | None:
    """The row among the first `window` that names the most standard columns, or None.

    Titles (merged across the columns, so only their first cell holds text) and notes above the
    header name none. On a tie the upper row wins.

    Args:
        rows: (row number, each cell's text) from the top of the sheet.
        window: How many rows from the top may hold the header.
    """
    best, best_score = None, 0
    known = set(HEADERS)
    for number, cells in rows:
        if number > window:
            break
        score = len({header_name(cell) for cell in cells if cell} & known)
        if score > best_score:
            best, best_score = number, score
    return best


@dataclass(frozen=True)
class RosterCheck:
    """The outcome of checking a whole roster: the good rows and every problem of the bad ones."""

    valid: tuple[tuple[int, CandidateForm], ...]
    problems: tuple[Problem, ...]
    total_rows: int

    @property
    def bad_rows(self) -> tuple[int, ...]:
        """Row numbers with at least one problem, ascending."""
        return tuple(sorted({p.row for p in self.problems}))


def check_roster(
    rows: Iterable[tuple[int, Mapping[str, str]]],
    today: date,
    cell_problems: Iterable[Problem] = (),
) -> RosterCheck:
    """Check every row of a roster, and that no document number appears twice in it.

    Args:
        rows: (row number, header → text) for each data row; headers as in `HEADERS`.
        today: The day of the import.
        cell_problems: Cells found unreadable while the file was read (`RosterTable.problems`);
            their rows are bad, and these problems replace what checking the empty cell in their
            place would say.
    """
    faults: dict[int, list[Problem]] = {}
    for problem in cell_problems:
        faults.setdefault(problem.row, []).append(problem)
    valid: list[tuple[int, CandidateForm]] = []
    problems: list[Problem] = []
    seen: dict[tuple[IdType, str], int] = {}
    total = 0
    for number, cells in rows:
        total += 1
        keyed = {KEY_OF.get(header, header): value for header, value in cells.items()}
        form, found = read_form(keyed, today, number)
        if number in faults:
            fields = {p.field for p in faults[number]}
            found = faults.pop(number) + [p for p in found if p.field not in fields]
            form = None
        if form is not None:
            first = seen.setdefault((form.id_type, form.id_number), number)
            if first != number:
                found = [
                    Problem(number, "证件号码", f"与第{first}行的证件号码重复，同一人只能申报一次")
                ]
                form = None
        if form is None:
            problems.extend(found)
        else:
            valid.append((number, form))
    return RosterCheck(tuple(valid), tuple(problems), total)


def with_standard_headers(table: RosterTable) -> RosterTable:
    """The table with every alias in `HEADER_ALIASES` renamed to the standard header.

    Raises:
        ValidationError: A column appears under two names (e.g. 培训证书编号 and 培训合格证书编号).
    """
    renamed = tuple(HEADER_ALIASES.get(h.strip(), h) for h in table.headers)
    seen: dict[str, str] = {}
    for original, standard in zip(table.headers, renamed, strict=True):
        if standard and standard in seen:
            raise ValidationError(
                f"名册的“{seen[standard]}”列与“{original}”列是同一项（{standard}），"
                "请删除其中一列后再导入。",
                field="表头",
            )
        seen[standard] = original
    if renamed == table.headers:
        return table
    rows = tuple(
        (number, {HEADER_ALIASES.get(h.strip(), h): v for h, v in cells.items()})
        for number, cells in table.rows
    )
    return replace(table, headers=renamed, rows=rows)


def missing_headers(headers: Iterable[str]) -> list[str]:
    """Required column headers that a file lacks."""
    present = {h.strip() for h in headers}
    return [c.header for c in COLUMNS if c.required and c.header not in present]


def form_cells(form: CandidateForm, *, mask: bool) -> dict[str, str]:
    """A form as header → text, the inverse of `read_form` (for exports)."""
    prior = form.prior_certificates[0] if form.prior_certificates else None
    values = {
        "name": form.name,
        "id_type": form.id_type.value,
        "id_number": form.id_masked if mask else form.id_number,
        "phone": form.phone,
        "education": form.education.value,
        "major": form.major,
        "major_related": "是" if form.major_related else "否",
        "graduation_date": _iso(form.graduation_date),
        "work_start_date": _iso(form.work_start_date),
        "title": form.title.value,
        "title_date": _iso(form.title_date),
        "region_basis": form.region_basis.value,
        "work_unit": form.work_unit,
        "region_note": form.region_note,
        "training_cert_no": form.training_cert_no,
        "training_body": form.training_body,
        "training_hours": str(form.training_hours) if form.training_hours else "",
        "training_date": _iso(form.training_date),
        "prior_occupation": prior.occupation_code if prior else "",
        "prior_level": prior.level.label if prior else "",
        "prior_number": prior.number if prior else "",
        "prior_date": _iso(prior.issue_date) if prior else "",
        "route": form.route.label,
    }
    return {HEADER_OF[key]: value for key, value in values.items()}


def _iso(day: date | None) -> str:
    return day.isoformat() if day else ""
