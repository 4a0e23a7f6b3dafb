"""Programme clocks: report, confirmation and issuance deadlines, and how they are shown."""

from __future__ import annotations

import datetime as dt

import pytest

from kaoping.domain.deadlines import (
    CONFIRMATION_RULE,
    ISSUANCE_RULE,
    REPORT_RULE,
    UNKNOWN_LABEL,
    DeadlineStatus,
    OverrideCalendar,
    add_working_days,
    confirmation_expected,
    count_working_days,
    issuance_due,
    report_due,
)
from kaoping.domain.errors import ValidationError

D = dt.date


class WeekCalendar:
    """Monday–Friday calendar that knows only the years it is given."""

    def __init__(self, years: set[int], holidays: set[dt.date] | None = None) -> None:
        self.years = years
        self.holidays = holidays or set()

    def is_workday(self, day: dt.date) -> bool | None:
        if day.year not in self.years:
            return None
        return day.weekday() < 5 and day not in self.holidays


class NeverWorks:
    """A broken calendar with no working days at all."""

    def is_workday(self, day: dt.date) -> bool | None:
        return False


def test_report_due_is_thirty_calendar_days_after_the_assessment() -> None:
    """The report deadline shown is 30 days after the assessment's last day."""
    assert report_due(D(2026, 6, 10)) == D(2026, 7, 10)
    assert report_due(D(2026, 12, 15)) == D(2027, 1, 14)


def test_issuance_due_is_thirty_calendar_days_after_approval() -> None:
    """The certificate issuance deadline is 30 days after national approval."""
    assert issuance_due(D(2026, 2, 10)) == D(2026, 3, 12)


def test_day_counts_can_be_overridden() -> None:
    """An operator correcting a period from the official text changes the deadline."""
    assert report_due(D(2026, 6, 10), days=20) == D(2026, 6, 30)
    assert issuance_due(D(2026, 6, 10), days=15) == D(2026, 6, 25)
    calendar = WeekCalendar({2026})
    assert confirmation_expected(D(2026, 6, 1), calendar, working_days=5) == D(2026, 6, 8)


def test_clock_values_state_their_source() -> None:
    """Each clock names the clause of the source text its value comes from."""
    assert (REPORT_RULE.days, REPORT_RULE.working_days) == (30, False)
    assert (CONFIRMATION_RULE.days, CONFIRMATION_RULE.working_days) == (10, True)
    assert (ISSUANCE_RULE.days, ISSUANCE_RULE.working_days) == (30, False)
    for rule in (REPORT_RULE, CONFIRMATION_RULE, ISSUANCE_RULE):
        assert "三（三）" in rule.source
        assert str(rule.days) in rule.quote


def test_working_days_skip_weekends_and_start_the_next_day() -> None:
    """Ten working days from a Friday end on the Friday two weeks later."""
    calendar = WeekCalendar({2026})
    assert add_working_days(D(2026, 6, 5), 1, calendar) == D(2026, 6, 8)
    assert confirmation_expected(D(2026, 6, 5), calendar) == D(2026, 6, 19)
    assert add_working_days(D(2026, 6, 5), 0, calendar) == D(2026, 6, 5)


def test_working_days_skip_holidays() -> None:
    """A holiday inside the period pushes the expected confirmation back by a day."""
    calendar = WeekCalendar({2026}, holidays={D(2026, 6, 10)})
    assert confirmation_expected(D(2026, 6, 5), calendar) == D(2026, 6, 22)


def test_unknown_day_on_the_way_gives_unknown() -> None:
    """When the calendar does not know a day in the period, no date is guessed."""
    calendar = WeekCalendar({2026})
    assert confirmation_expected(D(2026, 12, 24), calendar) is None
    assert add_working_days(D(2026, 12, 24), 4, calendar) == D(2026, 12, 30)


def test_negative_count_and_broken_calendar_are_refused() -> None:
    """A negative period or a calendar with no working days is an error, not a hang."""
    with pytest.raises(ValueError, match="负数"):
        add_working_days(D(2026, 1, 1), -1, WeekCalendar({2026}))
    with pytest.raises(ValidationError, match="节假日调整表"):
        add_working_days(D(2026, 1, 1), 1, NeverWorks())


def test_override_table_wins_over_the_base_calendar() -> None:
    """An administrator's entry turns a working day into a holiday and a Saturday into a workday."""
    base = WeekCalendar({2026})
    calendar = OverrideCalendar(base, {D(2026, 6, 8): False, D(2026, 6, 13): True})
    assert calendar.is_workday(D(2026, 6, 8)) is False
    assert calendar.is_workday(D(2026, 6, 13)) is True
    assert calendar.is_workday(D(2026, 6, 9)) is True


def test_one_entry_does_not_make_an_unknown_year_known() -> None:
    """A single 2027 holiday leaves 2027 unknown: no date is counted through ordinary weeks."""
    base = WeekCalendar({2026})
    calendar = OverrideCalendar(base, {D(2027, 1, 1): False})
    assert calendar.is_workday(D(2027, 1, 1)) is None
    assert calendar.is_workday(D(2027, 1, 4)) is None
    count = count_working_days(D(2026, 12, 24), 10, calendar)
    assert count.due is None and count.unknown_day == D(2027, 1, 1)
    assert count.unknown_year == 2027
    assert confirmation_expected(D(2026, 12, 24), calendar) is None


def test_a_complete_year_is_counted_from_the_table_and_the_week() -> None:
    """Once 2027 is complete, its listed days decide and every other day follows the week."""
    base = WeekCalendar({2026})
    calendar = OverrideCalendar(base, {D(2027, 1, 1): False}, complete_years={2027})
    assert calendar.is_workday(D(2027, 1, 1)) is False
    assert calendar.is_workday(D(2027, 1, 4)) is True
    assert calendar.is_workday(D(2027, 1, 2)) is False
    # 12-25 (1), 12-28..31 (2-5), 2027-01-01 off, 01-04..08 (6-10).
    assert confirmation_expected(D(2026, 12, 24), calendar) == D(2027, 1, 8)
    assert calendar.is_workday(D(2028, 1, 3)) is None


def test_a_complete_year_takes_precedence_over_the_built_in_calendar() -> None:
    """For a complete year the base calendar is not asked: a day it calls a holiday is worked."""
    base = WeekCalendar({2026}, holidays={D(2026, 6, 10)})
    calendar = OverrideCalendar(base, {D(2026, 6, 11): False}, complete_years={2026})
    assert calendar.is_workday(D(2026, 6, 10)) is True
    assert calendar.is_workday(D(2026, 6, 11)) is False


def test_unknown_status_names_the_missing_year() -> None:
    """A deadline that stops for want of 2027's arrangement says so."""
    status = DeadlineStatus.of(None, D(2026, 12, 28), unknown_year=2027)
    assert status.label == "2027 年的节假日安排尚未完整录入或确认，无法计算工作日期限"
    assert status.unknown_year == 2027 and status.days_left is None


def test_status_labels() -> None:
    """Dashboards show days left, today, days overdue, or that the date is unknown."""
    today = D(2026, 10, 10)
    left = DeadlineStatus.of(D(2026, 10, 15), today)
    assert (left.days_left, left.overdue, left.label) == (5, False, "剩余 5 天")
    due_today = DeadlineStatus.of(today, today)
    assert (due_today.days_left, due_today.overdue, due_today.label) == (0, False, "今天到期")
    late = DeadlineStatus.of(D(2026, 10, 7), today)
    assert (late.days_left, late.overdue, late.label) == (-3, True, "已逾期 3 天")
    unknown = DeadlineStatus.of(None, today)
    assert (unknown.due, unknown.days_left, unknown.overdue) == (None, None, False)
    assert unknown.label == UNKNOWN_LABEL == "日期未知（官方日历尚未公布）"
