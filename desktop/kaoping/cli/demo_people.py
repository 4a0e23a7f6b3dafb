"""Synthetic candidates for `kaoping demo`: a roster (考生名册) of made-up but well-formed people.

Every ID number is synthetic: a Guangxi region code, a birth date and a sequence number, closed
by the GB 11643 check character, so the roster passes the same checks as a real one. Three rows
are deliberately wrong, to show the row report an operator gets. Everyone finished the training
course the plan names and holds its certificate (the programme takes trainees only); one person
studied a major the rules do not count as related, to show the eligibility gate and the quality
supervisor's exception.
"""

from __future__ import annotations

import csv
from datetime import date, timedelta
from pathlib import Path

from kaoping.domain.idnumber import check_character
from kaoping.domain.roster import COLUMNS, HEADERS
from kaoping.domain.spreadsheet_cells import escape_cell
from kaoping.fileio import atomic_path

SURNAMES = "韦黄李陆覃蒙梁潘农莫罗陈周谭廖卢蓝吴何张"
GIVEN_NAMES = (
    "嘉欣",
    "浩然",
    "诗涵",
    "子轩",
    "欣怡",
    "博文",
    "梓萱",
    "俊杰",
    "思琪",
    "宇航",
    "佳怡",
    "明辉",
    "秀英",
    "子豪",
    "雨婷",
    "国强",
    "春燕",
    "家豪",
    "婷婷",
    "锦程",
    "美玲",
    "振华",
    "晓东",
)
REGIONS = (
    "450102",
    "450103",
    "450105",
    "450107",
    "450202",
    "450203",
    "450302",
    "450305",
    "450502",
    "450902",
)
MAJORS = (
    "计算机科学与技术",
    "软件工程",
    "人工智能",
    "数据科学与大数据技术",
    "电子信息工程",
    "智能科学与技术",
    "自动化",
)
EMPLOYERS = (
    "南宁某智能科技有限公司（演示）",
    "柳州某汽车零部件有限公司（演示）",
    "桂林某软件开发有限公司（演示）",
    "北海某电子信息有限公司（演示）",
    "玉林某数字技术服务有限公司（演示）",
)
TRAINING_BODY = "广西某数字技术培训学校（演示）"
CANDIDATES = 200
# Real names contain words a certificate may not claim for itself (中华, 国家); the compliance check
# must tell a holder's name from the certificate's wording, so the demo issues to such people.
REAL_NAMES = {5: "李中华", 11: "张国家", 23: "吴国家"}
# Data rows (header = row 1) spoiled on purpose, each in a different way; see `_spoil`.
BAD_ROWS = (38, 119, 177)
# The person whose major is not listed as related: not eligible until the supervisor's exception.
UNRELATED = 43
UNRELATED_MAJOR = "机械设计制造及其自动化"
_KEY_OF = {column.header: column.key for column in COLUMNS}


def id_number(n: int) -> str:
    """The synthetic ID number of person n: region, birth date, sequence and check character."""
    birth = date(1986, 3, 1) + timedelta(days=17 * n)
    body = f"{REGIONS[n % len(REGIONS)]}{birth:%Y%m%d}{100 + n % 800:03d}"
    return body + check_character(body)


def _person(n: int, intake_day: date) -> dict[str, str]:
    """One trainee for the junior level (初级): a related degree, or college and work.

    Person `UNRELATED` studied a major the rules do not count as related and meets no alternative.
    """
    birth = date(1986, 3, 1) + timedelta(days=17 * n)
    college = n % 10 == 0  # 大学专科 with more than a year in the occupation: rule 3 of 初级
    graduated = date(birth.year + (21 if college else 22), 7, 1)
    row = {
        "name": REAL_NAMES.get(n)
        or SURNAMES[n % len(SURNAMES)] + GIVEN_NAMES[(7 * n) % len(GIVEN_NAMES)],
        "id_type": "居民身份证",
        "id_number": id_number(n),
        "phone": f"1387710{n:04d}",
        "education": "大学专科" if college else ("硕士研究生" if n % 9 == 0 else "大学本科"),
        "major": UNRELATED_MAJOR if n == UNRELATED else MAJORS[n % len(MAJORS)],
        "major_related": "否" if n == UNRELATED else "是",
        "graduation_date": graduated.isoformat(),
        "work_start_date": (graduated + timedelta(days=31)).isoformat(),
        "region_basis": "在桂工作",
        "work_unit": EMPLOYERS[n % len(EMPLOYERS)],
        "route": "告知承诺",
        # Everyone finished the training course that the plan names (学员 only may apply).
        "training_cert_no": f"PX2026-{n:04d}",
        "training_body": TRAINING_BODY,
        "training_hours": "64",
        "training_date": (intake_day - timedelta(days=10)).isoformat(),
    }
    return row


def _spoil(row: dict[str, str], kind: int) -> None:
    """Make one row wrong the way people get rosters wrong."""
    if kind == 0:
        last = row["id_number"][-1]
        row["id_number"] = row["id_number"][:-1] + ("1" if last == "0" else "0")
    elif kind == 1:
        row["phone"] = "0771-12"
    else:
        row["education"] = "初中"


def write_roster(path: Path, intake_day: date) -> int:
    """Write the roster CSV: `CANDIDATES` valid rows and the `BAD_ROWS`; returns the row count."""
    rows: list[dict[str, str]] = []
    for person, row_number in enumerate(range(2, CANDIDATES + len(BAD_ROWS) + 2)):
        row = _person(person, intake_day)
        if row_number in BAD_ROWS:
            _spoil(row, BAD_ROWS.index(row_number))
        rows.append(row)
    with atomic_path(path) as part, part.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADERS)
        for row in rows:
            writer.writerow([escape_cell(row.get(_KEY_OF[header], "")) for header in HEADERS])
    return len(rows)
