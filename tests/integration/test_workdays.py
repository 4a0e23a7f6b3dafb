"""The official Chinese calendar drives working-day deadlines and says "unknown" beyond its data."""

from __future__ import annotations

import datetime as dt

from kaoping.adapters.workdays import ChineseOfficialCalendar
from kaoping.domain.deadlines import (
    DeadlineStatus,
    OverrideCalendar,
    WorkdayCalendar,
    add_working_days,
    confirmation_expected,
)

D = dt.date


def test_national_day_2026_is_off_and_the_adjusted_saturday_is_a_workday() -> None:
    """2026-10-01..07 count as days off; Saturday 2026-10-10 counts as a working day."""
    calendar: WorkdayCalendar = ChineseOfficialCalendar()
    for day in range(1, 8):
        assert calendar.is_workday(D(2026, 10, day)) is False
    assert calendar.is_workday(D(2026, 10, 8)) is True
    assert calendar.is_workday(D(2026, 10, 10)) is True
    assert calendar.is_workday(D(2026, 10, 11)) is False


def test_confirmation_expected_across_national_day_2026() -> None:
    """A report submitted on 2026-09-28 is expected to be confirmed by Friday 2026-10-16."""
    # By hand: 09-29 (1), 09-30 (2), 10-01..07 off, 10-08 (3), 10-09 (4), Sat 10-10 adjusted (5),
    # Sun 10-11 off, 10-12 (6), 10-13 (7), 10-14 (8), 10-15 (9), 10-16 (10).
    calendar = ChineseOfficialCalendar()
    assert confirmation_expected(D(2026, 9, 28), calendar) == D(2026, 10, 16)
    assert add_working_days(D(2026, 9, 28), 5, calendar) == D(2026, 10, 10)


def test_years_without_data_are_unknown() -> None:
    """A period running into 2027 shows "unknown" instead of a guessed date."""
    calendar = ChineseOfficialCalendar()
    assert calendar.is_workday(D(2027, 1, 4)) is None
    due = confirmation_expected(D(2026, 12, 24), calendar)
    assert due is None
    assert DeadlineStatus.of(due, D(2026, 12, 24)).label == "日期未知（官方日历尚未公布）"


def test_one_2027_entry_leaves_the_deadline_unknown_until_the_year_is_complete() -> None:
    """After one 2027 holiday is entered the date stays unknown; once 2027 is complete, it counts."""
    entered = {D(2027, 1, 1): False}
    partial = OverrideCalendar(ChineseOfficialCalendar(), entered)
    assert confirmation_expected(D(2026, 12, 24), partial) is None
    complete = OverrideCalendar(ChineseOfficialCalendar(), entered, complete_years={2027})
    # 12-25 (1), 12-28..31 (2-5), 2027-01-01 off, 01-04..08 (6-10).
    assert confirmation_expected(D(2026, 12, 24), complete) == D(2027, 1, 8)
    # The official data still decides 2026.
    assert complete.is_workday(D(2026, 10, 10)) is True
