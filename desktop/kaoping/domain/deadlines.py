"""Programme clocks (时限): report, provincial confirmation and certificate issuance.

The Guangxi implementation plan, section 三（三）, sets three clocks after an assessment:
the evaluation body reports certificate data within 30 days, the 自治区人力资源社会保障厅 confirms
within 10 working days, and after national approval the body issues certificates within 30 days.

Working days follow the official holiday schedule, which is published one year at a time. When the
schedule for a day is not known, every function here answers "unknown" (None) instead of guessing,
and says which year's arrangement is missing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from typing import Protocol

from kaoping.domain.errors import ValidationError

# --- Programme clocks: values and where they come from -------------------------------------------

SEED_SOURCE = "《广西数字技术工程师培育项目实施方案》三（三）组织考核评价"
"""The clause of the source text that sets all three clocks."""


@dataclass(frozen=True)
class ClockRule:
    """One programme clock (时限) as stated in the source text.

    Attributes:
        days: Length of the period.
        working_days: True when the period counts working days (工作日), False for calendar days.
        source: The document and clause the value comes from.
        quote: The sentence of that clause, so an operator can check the value against the text.
    """

    days: int
    working_days: bool
    source: str
    quote: str


REPORT_RULE = ClockRule(
    days=30,
    working_days=False,
    source=SEED_SOURCE,
    quote="考核结束后30日内将专业技术等级证书数据和考核有关情况报自治区人力资源社会保障厅确认",
)
CONFIRMATION_RULE = ClockRule(
    days=10,
    working_days=True,
    source=SEED_SOURCE,
    quote="自治区人力资源社会保障厅于10个工作日内确认后报国家专业技术人才知识工程指导协调小组办公室审核",
)
ISSUANCE_RULE = ClockRule(
    days=30,
    working_days=False,
    source=SEED_SOURCE,
    quote="审核通过后，评价机构于30日内颁发专业技术等级证书",
)

# A calendar that reports no working day for this long is broken, not merely festive.
_MAX_NON_WORKING_RUN = 366

UNKNOWN_LABEL = "日期未知（官方日历尚未公布）"


def unknown_label(year: int | None) -> str:
    """Why a working-day deadline cannot be computed, naming the year whose arrangement is missing."""
    if year is None:
        return UNKNOWN_LABEL
    return f"{year} 年的节假日安排尚未完整录入或确认，无法计算工作日期限"


# --- Calendars -----------------------------------------------------------------------------------


class WorkdayCalendar(Protocol):
    """Answers whether a date is a working day (工作日) under the official schedule."""

    def is_workday(self, day: dt.date) -> bool | None:
        """Return True for a working day, False for a day off, None when the schedule is unknown."""
        ...


class OverrideCalendar:
    """The official calendar as deadlines use it: built-in data, the holiday table, complete years.

    A year's arrangement (年度节假日安排) is known only when it is complete: when its State Council
    notice was imported and confirmed, or when the administrator entered every holiday and adjusted
    working day by hand and marked the year complete. For a date in year Y:

    1. Y is complete: the table answers for the days it lists (holidays, weekend days worked),
       every other day follows the Monday–Friday week. The base calendar is not asked about Y:
       confirmed data takes precedence, because the administrator checked it against the official
       notice, while the base (the chinesecalendar package) is a copy made elsewhere that can lag
       behind the notices or hold a mistake.
    2. Y is not complete but the base calendar knows it: the base answers, and a table entry for
       that date corrects it (a special notice such as the 2020 Spring Festival extension).
    3. Otherwise Y is unknown, and so is every date in it, table entries included: one holiday
       entered for 2027 says nothing about the rest of 2027, so nothing in 2027 is counted.

    The table is keyed by date, so a notice's days across New Year (2023 元旦 began on 2022-12-31)
    land on the right dates whichever year's arrangement listed them.

    Args:
        base: The built-in official calendar.
        overrides: Date → True (working day) or False (day off), from the holiday table.
        complete_years: Years whose whole arrangement is in the table.
    """

    def __init__(
        self,
        base: WorkdayCalendar,
        overrides: Mapping[dt.date, bool],
        *,
        complete_years: Collection[int] = (),
    ) -> None:
        self._base = base
        self._overrides = dict(overrides)
        self._complete_years = frozenset(complete_years)

    def is_workday(self, day: dt.date) -> bool | None:
        """Return whether ``day`` is worked, or None when its year's arrangement is not known."""
        if day.year in self._complete_years:
            return self._overrides.get(day, day.weekday() < 5)
        answer = self._base.is_workday(day)
        if answer is None:
            return None
        return self._overrides.get(day, answer)


# --- Date arithmetic -----------------------------------------------------------------------------


@dataclass(frozen=True)
class WorkingDayCount:
    """The result of counting working days (工作日) on the official calendar.

    Attributes:
        due: The n-th working day, or None when the calendar did not know a day on the way.
        unknown_day: The first day the calendar could not answer for, when ``due`` is None.
    """

    due: dt.date | None
    unknown_day: dt.date | None = None

    @property
    def unknown_year(self) -> int | None:
        """The year whose arrangement was missing, when the count stopped for want of it."""
        return self.unknown_day.year if self.unknown_day else None


def count_working_days(start: dt.date, n: int, calendar: WorkdayCalendar) -> WorkingDayCount:
    """Count n working days after ``start`` (counting begins the day after ``start``).

    Args:
        start: The day the period starts from; it is never counted itself.
        n: How many working days to count; 0 gives ``start``.
        calendar: The official working-day calendar.

    Returns:
        The n-th working day, or the first day whose year's arrangement is unknown.

    Raises:
        ValueError: If ``n`` is negative.
        ValidationError: If the calendar shows no working day for over a year (a broken table).
    """
    if n < 0:
        raise ValueError(f"工作日数不能为负数：{n}")
    day, counted, idle = start, 0, 0
    while counted < n:
        day += dt.timedelta(days=1)
        answer = calendar.is_workday(day)
        if answer is None:
            return WorkingDayCount(None, day)
        if answer:
            counted, idle = counted + 1, 0
            continue
        idle += 1
        if idle > _MAX_NON_WORKING_RUN:
            raise ValidationError(
                f"{day.isoformat()} 前连续一年以上没有工作日，"
                "请检查节假日调整表中是否把工作日误填为休息日",
                field="节假日调整表",
            )
    return WorkingDayCount(day)


def add_working_days(start: dt.date, n: int, calendar: WorkdayCalendar) -> dt.date | None:
    """Return the n-th working day after ``start``, or None when a day on the way is unknown.

    See ``count_working_days``, which also says which day was unknown.
    """
    return count_working_days(start, n, calendar).due


def report_due(assessment_end: dt.date, *, days: int = REPORT_RULE.days) -> dt.date:
    """Last day to report certificate data to the province (报送截止日).

    Args:
        assessment_end: The day the assessment ended.
        days: Calendar days allowed; defaults to the source text's value (``REPORT_RULE``).
    """
    return assessment_end + dt.timedelta(days=days)


def confirmation_expected(
    submitted: dt.date, calendar: WorkdayCalendar, *, working_days: int = CONFIRMATION_RULE.days
) -> dt.date | None:
    """Day by which the province is expected to confirm a report (预计确认日).

    Args:
        submitted: The day the report package was submitted.
        calendar: The official working-day calendar.
        working_days: Working days allowed; defaults to ``CONFIRMATION_RULE.days``.

    Returns:
        The expected date, or None when the calendar does not know a day in the period.
    """
    return add_working_days(submitted, working_days, calendar)


def issuance_due(approved: dt.date, *, days: int = ISSUANCE_RULE.days) -> dt.date:
    """Last day to issue certificates after national approval (颁证截止日).

    Args:
        approved: The day the national office approved the list.
        days: Calendar days allowed; defaults to the source text's value (``ISSUANCE_RULE``).
    """
    return approved + dt.timedelta(days=days)


# --- Status shown to people ----------------------------------------------------------------------


@dataclass(frozen=True)
class DeadlineStatus:
    """Where a deadline (截止日期) stands on a given day.

    Attributes:
        due: The due date, or None when it cannot be known yet.
        days_left: Calendar days from ``today`` to ``due`` (negative when overdue), None if unknown.
        overdue: True when ``today`` is after ``due``.
        label: Chinese text for lists and dashboards, e.g. "剩余 5 天" or "已逾期 3 天".
        unknown_year: When ``due`` is None for want of a year's holiday arrangement, that year.
    """

    due: dt.date | None
    days_left: int | None
    overdue: bool
    label: str
    unknown_year: int | None = None

    @classmethod
    def of(
        cls, due: dt.date | None, today: dt.date, unknown_year: int | None = None
    ) -> DeadlineStatus:
        """Describe ``due`` as seen on ``today``; ``unknown_year`` says why a None is unknown."""
        if due is None:
            return cls(None, None, False, unknown_label(unknown_year), unknown_year)
        left = (due - today).days
        if left > 0:
            label = f"剩余 {left} 天"
        elif left == 0:
            label = "今天到期"
        else:
            label = f"已逾期 {-left} 天"
        return cls(due=due, days_left=left, overdue=left < 0, label=label)
