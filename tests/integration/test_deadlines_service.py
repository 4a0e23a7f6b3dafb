"""The deadlines dashboard: which clock runs for each batch, on the official calendar."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from kaoping.domain.catalogue import Level
from kaoping.domain.errors import PermissionDenied, ValidationError
from kaoping.domain.plans import BatchStatus, Plan
from kaoping.domain.roles import Role
from kaoping.services import deadlines, plans
from kaoping.services.base import Actor, Env


def _batch(env: Env, admin: Actor, code: str, start: date, end: date) -> int:
    plan = Plan(
        0,
        f"P-{code}",
        "人工智能初级考核",
        "2-02-10-09",
        "",
        Level.JUNIOR,
        date(2026, 1, 1),
        date(2026, 12, 31),
        "南宁考点",
        100,
        "",
    )
    plan_id = plans.create_plan(env, admin, plan)
    return plans.create_batch(env, admin, plan_id, code, f"批次 {code}", start, end)


def _move(env: Env, batch_id: int, status: BatchStatus, at: datetime) -> None:
    with env.uow() as uow:
        uow.plans.set_batch_status(batch_id, status, at)
        uow.commit()


def _row(rows: list[deadlines.DeadlineRow], code: str) -> deadlines.DeadlineRow:
    return next(row for row in rows if row.batch_code == code)


def test_confirmation_clock_skips_national_day_and_counts_the_adjusted_saturday(
    env: Env, actors: dict[Role, Actor]
) -> None:
    """A report sent on 2026-09-28 is expected back by 2026-10-16, counting Saturday 10-10."""
    batch_id = _batch(env, actors[Role.EXAM_ADMIN], "B-ND", date(2026, 9, 20), date(2026, 9, 21))
    # 10:00 in Beijing on 09-28 is 02:00 UTC the same day.
    _move(env, batch_id, BatchStatus.REPORTED, datetime(2026, 9, 28, 2, 0, tzinfo=UTC))
    row = _row(deadlines.dashboard(env, actors[Role.EXAMINER], date(2026, 10, 12)), "B-ND")
    assert (row.clock, row.starts_on, row.due) == (
        "confirmation",
        date(2026, 9, 28),
        date(2026, 10, 16),
    )
    assert row.days_left == 4 and not row.overdue and row.label == "剩余 4 天"
    late = _row(deadlines.dashboard(env, actors[Role.EXAMINER], date(2026, 10, 19)), "B-ND")
    assert late.overdue and late.label == "已逾期 3 天"


def test_report_and_issuance_clocks_count_calendar_days(
    env: Env, actors: dict[Role, Actor]
) -> None:
    """Report is due 30 days after the assessment; issuance 30 days after approval."""
    admin = actors[Role.EXAM_ADMIN]
    _batch(env, admin, "B-OPEN", date(2026, 9, 1), date(2026, 9, 30))
    approved = _batch(env, admin, "B-OK", date(2026, 8, 1), date(2026, 8, 2))
    _move(env, approved, BatchStatus.APPROVED, datetime(2026, 10, 20, 16, 30, tzinfo=UTC))
    rows = deadlines.dashboard(env, admin, date(2026, 11, 1))
    report = _row(rows, "B-OPEN")
    assert (report.clock, report.due, report.overdue) == ("report", date(2026, 10, 30), True)
    issue = _row(rows, "B-OK")
    # 16:30 UTC on 10-20 is already 10-21 in Beijing: the clock starts on the Chinese day.
    assert (issue.clock, issue.starts_on, issue.due) == (
        "issuance",
        date(2026, 10, 21),
        date(2026, 11, 20),
    )
    assert [r.status for r in rows] == [BatchStatus.OPEN, BatchStatus.APPROVED]


def test_one_2027_holiday_leaves_the_confirmation_date_unknown_and_says_why(
    env: Env, admin: Actor, actors: dict[Role, Actor]
) -> None:
    """A confirmation period running into 2027 stays unknown after one 2027 holiday is entered,
    and the dashboard names the year whose arrangement is missing."""
    batch_id = _batch(env, actors[Role.EXAM_ADMIN], "B-2027", date(2026, 12, 1), date(2026, 12, 2))
    _move(env, batch_id, BatchStatus.REPORTED, datetime(2026, 12, 24, 1, 0, tzinfo=UTC))
    row = _row(deadlines.dashboard(env, admin, date(2026, 12, 28)), "B-2027")
    assert row.due is None and row.days_left is None and not row.overdue
    assert row.unknown_year == 2027
    deadlines.set_holiday(env, admin, date(2027, 1, 1), False, "2027 年元旦")
    row = _row(deadlines.dashboard(env, admin, date(2026, 12, 28)), "B-2027")
    assert row.due is None and row.unknown_year == 2027
    assert row.label == "2027 年的节假日安排尚未完整录入或确认，无法计算工作日期限"
    assert [h.day for h in deadlines.list_holidays(env, actors[Role.EXAMINER])] == [
        date(2027, 1, 1)
    ]
    deadlines.remove_holiday(env, admin, date(2027, 1, 1))
    assert _row(deadlines.dashboard(env, admin, date(2026, 12, 28)), "B-2027").due is None


def test_only_administrators_edit_the_holiday_table(env: Env, actors: dict[Role, Actor]) -> None:
    """An exam administrator cannot change holidays; an entry needs a note."""
    with pytest.raises(PermissionDenied):
        deadlines.set_holiday(env, actors[Role.EXAM_ADMIN], date(2027, 1, 1), False, "元旦")
    with pytest.raises(ValidationError) as bad:
        deadlines.set_holiday(env, actors[Role.SYSTEM_ADMIN], date(2027, 1, 1), False, " ")
    assert bad.value.field == "说明"
