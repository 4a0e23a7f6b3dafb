"""Roster import and export: every bad row reported, all-or-nothing, valid-only, both encodings."""

from __future__ import annotations

import csv
import json
import zipfile
from datetime import date, timedelta
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import inspect, text

from kaoping.domain.catalogue import Level
from kaoping.domain.errors import ValidationError
from kaoping.domain.idnumber import check_character
from kaoping.domain.plans import Plan
from kaoping.domain.roles import Role
from kaoping.domain.roster import HEADER_OF, HEADERS
from kaoping.services import intake, plans
from kaoping.services.base import Actor, Env
from kaoping.services.intake import Cancelled, RosterRejected
from kaoping.services.ports.intake import CandidateQuery
from tests.pdf_glyphs import UNDRAWABLE

BAD_KINDS = (
    ("id_number", "证件号码"),
    ("phone", "手机号码"),
    ("education", "最高学历"),
    ("graduation_date", "毕业日期"),
    ("work_unit", "工作单位"),
)


def make_batch(env: Env, exam_admin: Actor) -> int:
    plan_id = plans.create_plan(
        env,
        exam_admin,
        Plan(
            0,
            "P-ROSTER",
            "人工智能考核",
            "2-02-10-09",
            "计算机视觉产品实现",
            Level.JUNIOR,
            date(2026, 12, 1),
            date(2026, 12, 31),
            "南宁考点",
            20000,
            "广西某培训学校",
        ),
    )
    return plans.create_batch(
        env, exam_admin, plan_id, "B-ROSTER", "第一批", date(2026, 12, 5), date(2026, 12, 6)
    )


def id_number(n: int) -> str:
    birth = (date(1980, 1, 1) + timedelta(days=n // 500)).strftime("%Y%m%d")
    body = f"450102{birth}{n % 500:03d}"
    return body + check_character(body)


def row_values(n: int) -> dict[str, str]:
    return {
        "name": f"考生{n}",
        "id_type": "居民身份证",
        "id_number": id_number(n),
        "phone": f"138{n:08d}",
        "education": "大学本科",
        "major": "软件工程",
        "major_related": "是",
        "graduation_date": "2005-07-01",
        "work_start_date": "2005-08-01",
        "title": "",
        "region_basis": "在桂工作",
        "work_unit": "南宁市某公司",
        "route": "告知承诺",
    }


def spoil(values: dict[str, str], key: str) -> None:
    if key == "id_number":
        last = values[key][-1]
        values[key] = values[key][:-1] + ("1" if last == "0" else "0")
    elif key == "phone":
        values[key] = "12345"
    elif key == "education":
        values[key] = "小学"
    elif key == "graduation_date":
        values[key] = "去年夏天"
    else:
        values[key] = ""


def write_roster(
    path: Path, count: int, bad_every: int = 200, encoding: str = "utf-8-sig"
) -> dict[int, str]:
    """A CSV roster; returns {row number: header of the spoiled field} for the bad rows."""
    bad: dict[int, str] = {}
    with path.open("w", encoding=encoding, newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADERS)
        for n in range(count):
            values = row_values(n)
            if n % bad_every == bad_every - 1:
                key, header = BAD_KINDS[len(bad) % len(BAD_KINDS)]
                spoil(values, key)
                bad[n + 2] = header
            writer.writerow([values.get(k, "") for k in (_key(h) for h in HEADERS)])
    return bad


def _key(header: str) -> str:
    return {v: k for k, v in HEADER_OF.items()}[header]


def table_counts(env: Env) -> dict[str, int]:
    """Rows in every table, read through the test's own engine (it holds the store's key)."""
    with env.uow.engine.connect() as connection:  # type: ignore[attr-defined]
        names = inspect(connection).get_table_names()
        return {
            n: connection.execute(text(f'select count(*) from "{n}"')).scalar_one() for n in names
        }


@pytest.fixture
def admin_(actors: dict[Role, Actor]) -> Actor:
    return actors[Role.EXAM_ADMIN]


@pytest.mark.slow
def test_ten_thousand_rows_with_fifty_bad(env: Env, admin_: Actor, tmp_path: Path) -> None:
    """50 bad rows of 10,000 are all reported; rejecting changes nothing; valid-only adds 9,950."""
    batch_id = make_batch(env, admin_)
    path = tmp_path / "roster.csv"
    bad = write_roster(path, 10_000)
    assert len(bad) == 50
    report = intake.check_roster_file(env, admin_, batch_id, path)
    assert report.total_rows == 10_000 and report.valid_rows == 9_950
    assert {(p.row, p.field) for p in report.problems} == set(bad.items())
    before = table_counts(env)
    with pytest.raises(RosterRejected) as rejected:
        intake.import_roster(env, admin_, batch_id, path, valid_only=False)
    assert rejected.value.report.bad_rows == tuple(sorted(bad))
    # Nothing changed but the one audit entry that records the refusal.
    assert table_counts(env) == {**before, "audit_log": before["audit_log"] + 1}
    with env.uow(write=False) as uow:
        last = list(uow.audit.records())[-1]
    assert (last.action, last.outcome) == ("candidates.import", "refused")
    assert "50 行不符合要求，整份名册未导入" in json.loads(last.details)["reason"]
    result = intake.import_roster(env, admin_, batch_id, path, valid_only=True)
    assert result.imported == 9_950
    page = intake.list_candidates(env, admin_, CandidateQuery(batch_id=batch_id, limit=1))
    assert page.total == 9_950
    again = intake.check_roster_file(env, admin_, batch_id, path)
    assert again.valid_rows == 0 and "不能重复申报" in again.problems[0].reason


def test_cancel_leaves_nothing(env: Env, admin_: Actor, tmp_path: Path) -> None:
    """Cancelling an import part way leaves no candidate behind."""
    batch_id = make_batch(env, admin_)
    path = tmp_path / "roster.csv"
    write_roster(path, 1200, bad_every=10_000)
    with pytest.raises(Cancelled):
        intake.import_roster(
            env, admin_, batch_id, path, valid_only=False, progress=lambda done, total: done < total
        )
    assert intake.list_candidates(env, admin_, CandidateQuery(batch_id=batch_id)).total == 0
    with env.uow(write=False) as uow:  # a cancel is nobody's refusal: nothing is recorded
        assert [r for r in uow.audit.records() if r.action == "candidates.import"] == []


def test_gb18030_csv_and_xlsx_round_trip(env: Env, admin_: Actor, tmp_path: Path) -> None:
    """A GB18030 CSV imports; export to .xlsx masks numbers; the template has the headers."""
    batch_id = make_batch(env, admin_)
    source = tmp_path / "gbk.csv"
    write_roster(source, 30, bad_every=10_000, encoding="gb18030")
    assert intake.import_roster(env, admin_, batch_id, source, valid_only=False).imported == 30
    out = tmp_path / "out.xlsx"
    assert intake.export_roster(env, admin_, batch_id, out) == 30
    sheet = load_workbook(out).worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == HEADERS and rows[1][0] == "考生0"
    assert rows[1][2] == id_number(0)[:3] + "*" * 11 + id_number(0)[-4:]
    full = tmp_path / "full.csv"
    intake.export_roster(env, admin_, batch_id, full, full_numbers=True, encoding="gb18030")
    assert id_number(0) in full.read_text(encoding="gb18030")
    template = tmp_path / "template.xlsx"
    intake.write_template(env, template)
    header = next(load_workbook(template).worksheets[0].iter_rows(values_only=True))
    assert header == HEADERS


def test_wrong_headers_refused(env: Env, admin_: Actor, tmp_path: Path) -> None:
    """A file without the required columns is refused naming them."""
    batch_id = make_batch(env, admin_)
    path = tmp_path / "bad.csv"
    path.write_text("姓名,电话\n张三,138\n", encoding="utf-8")
    with pytest.raises(ValidationError, match="缺少必填列：证件号码"):
        intake.check_roster_file(env, admin_, batch_id, path)


FORMULA_NAMES = ('=HYPERLINK("http://evil.example","点我")', "+王五", "-赵六", "@SUM(A1)")
DDE_UNIT = "=cmd|' /C calc'!A0"


def test_formula_like_cells_are_kept_and_exported_as_text(
    env: Env, admin_: Actor, tmp_path: Path
) -> None:
    """Names that look like formulas import with a warning and never export as live formulas."""
    batch_id = make_batch(env, admin_)
    source = tmp_path / "formulas.csv"
    with source.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADERS)
        for n, name in enumerate(FORMULA_NAMES):
            values = {**row_values(n), "name": name, "work_unit": DDE_UNIT if n == 0 else "某公司"}
            writer.writerow([values.get(_key(h), "") for h in HEADERS])
    result = intake.import_roster(env, admin_, batch_id, source, valid_only=False)
    assert result.imported == len(FORMULA_NAMES) and not result.report.problems
    warned = {(w.row, w.field) for w in result.report.warnings}
    assert warned == {(2, "姓名"), (2, "工作单位"), (3, "姓名"), (4, "姓名"), (5, "姓名")}
    assert all(w.reason.startswith("提醒") for w in result.report.warnings)

    out = tmp_path / "out.xlsx"
    intake.export_roster(env, admin_, batch_id, out)
    with zipfile.ZipFile(out) as archive:
        sheet_xml = archive.read("xl/worksheets/sheet1.xml").decode("utf-8")
    assert "<f>" not in sheet_xml and "<f " not in sheet_xml
    rows = list(load_workbook(out).worksheets[0].iter_rows(values_only=True))
    name_column, unit_column = HEADERS.index("姓名"), HEADERS.index("工作单位")
    assert sorted(r[name_column] for r in rows[1:]) == sorted(FORMULA_NAMES)
    assert DDE_UNIT in [r[unit_column] for r in rows[1:]]

    flat = tmp_path / "out.csv"
    intake.export_roster(env, admin_, batch_id, flat)
    with flat.open(encoding="utf-8-sig", newline="") as handle:
        cells = list(csv.reader(handle))[1:]
    assert sorted(r[name_column] for r in cells) == sorted("'" + n for n in FORMULA_NAMES)
    assert "'" + DDE_UNIT in [r[unit_column] for r in cells]
    assert not [c for r in cells for c in r if c[:1] in ("=", "+", "-", "@", "\t", "\r")]

    # The escaped CSV reads back as the names that were stored, not with the quote added.
    again = env.adapters.rosters.read(flat)
    assert sorted(row["姓名"] for _, row in again.rows) == sorted(FORMULA_NAMES)
    assert DDE_UNIT in [row["工作单位"] for _, row in again.rows]


def test_roster_check_names_characters_no_font_can_print(
    env: Env, admin_: Actor, tmp_path: Path
) -> None:
    """Rare names print and pass; a character no shipped font has is a row problem at check."""
    batch_id = make_batch(env, admin_)
    path = tmp_path / "rare.csv"
    extension_g, private_use = UNDRAWABLE
    rows = [
        {"name": "李䶮"},
        {"name": "𠮷祥"},
        {"name": f"李{extension_g}"},
        {"work_unit": f"南宁市{private_use}公司"},
    ]
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADERS)
        for n, changes in enumerate(rows):
            values = {**row_values(n), **changes}
            writer.writerow([values.get(_key(h), "") for h in HEADERS])
    report = intake.check_roster_file(env, admin_, batch_id, path)
    assert report.valid_rows == 2 and report.bad_rows == (4, 5)
    found = {(p.row, p.field): p.reason for p in report.problems}
    assert set(found) == {(4, "姓名"), (5, "工作单位")}
    assert found[(4, "姓名")].startswith(f"“{extension_g}”(U+30000) 在程序自带的字体中都没有字形")
    assert found[(5, "工作单位")].startswith(
        f"“{private_use}”(U+E000) 在程序自带的字体中都没有字形"
    )
    assert all("无法打印" in reason and "李" not in reason for reason in found.values())
