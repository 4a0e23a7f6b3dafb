"""The plan filing (考核计划备案表) prints every character, and refuses one no font has."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from kaoping.adapters.plan_pdf import render_plan_filing
from kaoping.cli.app import run
from kaoping.domain.assessment import Component
from kaoping.domain.catalogue import Level
from kaoping.domain.errors import ValidationError
from kaoping.domain.plans import Batch, BatchStatus, Plan
from kaoping.domain.roles import Role
from kaoping.services import plans, sessions
from kaoping.services.base import Actor, Env
from kaoping.services.ports.dto import BodyProfile
from kaoping.services.ports.exams import FilingComponent, FilingSession, PlanFiling, SessionInfo
from tests.databases import PASSWORD, USERNAMES
from tests.integration.test_scores_workflow import one_refusal
from tests.pdf_glyphs import RARE, UNDRAWABLE, ink_in_boxes, pdf_text

PLAN = Plan(
    1,
    "P-2026-01",
    "2026 年人工智能考核",
    "2-02-10-09",
    "",
    Level.JUNIOR,
    date(2026, 12, 1),
    date(2026, 12, 31),
    "南宁考点",
    100,
    "广西某培训学校",
)
BATCH = Batch(
    1,
    1,
    "B-2026-01",
    "第一批",
    "2-02-10-09",
    "",
    Level.JUNIOR,
    date(2026, 12, 5),
    date(2026, 12, 6),
    BatchStatus.OPEN,
)
SESSION = SessionInfo(
    1,
    1,
    "T01",
    Component.THEORY,
    "南宁考点",
    "教学楼",
    datetime(2026, 12, 5, 1, tzinfo=UTC),
    datetime(2026, 12, 5, 2, 30, tzinfo=UTC),
    30,
    "planned",
    1,
    12,
)
FILING = PlanFiling(
    BodyProfile("南宁市某某职业技能评价中心", "EV-001", "南宁市青秀区", "王明", "0771-1234567"),
    PLAN,
    "人工智能工程技术人员",
    (FilingComponent("理论知识考试", "100", "60", 90, "监考人员 1:15", False),),
    (BATCH,),
    (FilingSession(BATCH.code, SESSION, "监考人员2人"),),
    date(2026, 11, 25),
)


def _with(**fields: str) -> PlanFiling:
    """The filing with plan fields (plan__x), batch (batch__x), session (session__x) or body (body__x)."""
    plan, batch, session, body = FILING.plan, BATCH, SESSION, FILING.body
    for key, value in fields.items():
        part, _, name = key.partition("__")
        if part == "plan":
            plan = replace(plan, **{name: value})
        elif part == "batch":
            batch = replace(batch, **{name: value})
        elif part == "session":
            session = replace(session, **{name: value})
        else:
            body = replace(body, **{name: value})
    return replace(
        FILING,
        body=body,
        plan=plan,
        batches=(batch,),
        sessions=(FilingSession(batch.code, session, "监考人员2人"),),
    )


def test_rare_characters_in_plan_batch_and_session_are_drawn() -> None:
    """Extension A and B characters of a training body, a batch and a room print in fallback faces."""
    filing = _with(plan__training_body=RARE[:2], batch__name=RARE[2:4], session__room=RARE[4:])
    pdf = render_plan_filing(filing)
    text = pdf_text(pdf)
    assert all(part in text for part in (RARE[:2], RARE[2:4], RARE[4:]))
    ink = ink_in_boxes(pdf, RARE)
    assert all(dark > 10 for dark in ink.values()), ink


@pytest.mark.parametrize("char", UNDRAWABLE, ids=lambda c: f"U+{ord(c):04X}")
@pytest.mark.parametrize(
    ("edit", "field"),
    [
        ({"plan__training_body": "广西{}培训学校"}, "“培训机构”：培训机构"),
        ({"batch__name": "第{}批"}, "“批次名称”：批次安排第 1 行"),
        ({"session__room": "教学楼{}"}, "“考点 / 考场”：场次安排第 1 行"),
        ({"body__name": "南宁{}评价中心"}, "“评价机构”：评价机构"),
    ],
    ids=["training-body", "batch", "room", "body"],
)
def test_character_no_font_has_is_refused(char: str, edit: dict[str, str], field: str) -> None:
    """The filing is refused as a whole, naming the field, the character and its code point."""
    filing = _with(**{key: value.format(char) for key, value in edit.items()})
    with pytest.raises(ValidationError) as refused:
        render_plan_filing(filing)
    shown = str(refused.value)
    assert shown.startswith(f"{field}中的“{char}”(U+{ord(char):04X}) 在程序自带的字体中都没有字形")
    assert "考核计划备案表无法打印" in shown


def test_refused_filing_writes_no_file_and_is_audited(
    env: Env,
    actors: dict[Role, Actor],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """`kaoping sessions plan-pdf` stops with the Chinese reason; no file, one refusal on record."""
    admin = actors[Role.EXAM_ADMIN]
    plans.create_plan(env, admin, replace(PLAN, id=0, training_body="广西\ue000培训学校"))
    monkeypatch.setenv("KAOPING_PASSWORD", PASSWORD)
    folder = tmp_path / "out"
    folder.mkdir()
    out = folder / "备案表.pdf"
    command = ["sessions", "plan-pdf", "--plan", PLAN.code, "--out", str(out)]
    assert run([*command, "--user", USERNAMES[Role.EXAM_ADMIN]], lambda _db: env) == 2
    assert "培训机构中的“\ue000”(U+E000)" in capsys.readouterr().err
    assert list(folder.iterdir()) == []  # not even a temporary file
    with one_refusal(env, "plans.filing_pdf") as entry, pytest.raises(ValidationError):
        sessions.plan_filing_pdf(env, admin, plans.list_plans(env, admin)[0].id)
    assert "(U+E000)" in entry["reason"] and entry["field"] == "培训机构"
