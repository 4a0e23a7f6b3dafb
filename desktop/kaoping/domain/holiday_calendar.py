"""Where each year's official holiday arrangement stands (年度节假日安排的状态), and a year shown by month.

A year's arrangement is known in one of three ways: an imported State Council notice that the
administrator reviewed and confirmed (已确认), every holiday and adjusted working day entered by
hand and then explicitly marked complete (已完整录入), or the built-in official calendar that ships
with Kaoping (内置官方日历, the chinesecalendar package, which stops at the last year published when
it was released). Anything else — no entries, or some entries without completion — is unknown,
and working-day deadlines that reach into that year cannot be computed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping, Sequence
from enum import Enum

from kaoping.domain.holiday_notice import WEEKDAY_NAMES


class YearSource(Enum):
    """How a complete year's arrangement came in."""

    NOTICE = "notice"
    MANUAL = "manual"


class YearState(Enum):
    """Where a year's arrangement stands."""

    CONFIRMED = "confirmed"
    COMPLETE = "complete"
    BUILT_IN = "built_in"
    INCOMPLETE = "incomplete"
    MISSING = "missing"

    @property
    def label(self) -> str:
        """Chinese name of the state."""
        return _STATE_LABELS[self]

    @property
    def known(self) -> bool:
        """Whether working days can be counted in a year in this state."""
        return self in (YearState.CONFIRMED, YearState.COMPLETE, YearState.BUILT_IN)


_STATE_LABELS = {
    YearState.CONFIRMED: "已确认（国务院通知）",
    YearState.COMPLETE: "已完整录入（手工）",
    YearState.BUILT_IN: "内置官方日历",
    YearState.INCOMPLETE: "未完整",
    YearState.MISSING: "未录入",
}


def year_state(completion: YearSource | None, built_in: bool, entries: int) -> YearState:
    """The state of a year from what is stored about it.

    Args:
        completion: How the year was completed, None when it was not.
        built_in: Whether the built-in calendar knows the year.
        entries: Entries of the holiday table that belong to the year's arrangement.
    """
    if completion is YearSource.NOTICE:
        return YearState.CONFIRMED
    if completion is YearSource.MANUAL:
        return YearState.COMPLETE
    if built_in:
        return YearState.BUILT_IN
    return YearState.INCOMPLETE if entries else YearState.MISSING


def year_line(year: int, state: YearState, entries: int) -> str:
    """One line for a person: "2027 年：未完整（已录入 1 天），工作日期限无法计算"."""
    if state is YearState.INCOMPLETE:
        return f"{year} 年：未完整（已录入 {entries} 天），工作日期限无法计算"
    if state is YearState.MISSING:
        return f"{year} 年：未录入，工作日期限无法计算"
    return f"{year} 年：{state.label}"


# --- a year by month -----------------------------------------------------------------------------


def weekday_name(day: dt.date) -> str:
    """The weekday's Chinese numeral: 四 for a Thursday."""
    return WEEKDAY_NAMES[day.weekday()]


def _runs(days: Sequence[dt.date]) -> Iterator[tuple[dt.date, dt.date]]:
    """Consecutive days grouped: (first, last) of each run."""
    start = previous = None
    for day in days:
        if previous is not None and (day - previous).days == 1:
            previous = day
            continue
        if start is not None and previous is not None:
            yield start, previous
        start = previous = day
    if start is not None and previous is not None:
        yield start, previous


def describe_days(days: Sequence[dt.date]) -> str:
    """Days of one month, runs joined: "15日（日）至23日（一）、28日（六）"."""
    parts = []
    for first, last in _runs(sorted(days)):
        text = f"{first.day}日（{weekday_name(first)}）"
        if last != first:
            text += f"至{last.day}日（{weekday_name(last)}）"
        parts.append(text)
    return "、".join(parts)


def month_summary(year: int, days: Mapping[dt.date, bool]) -> list[str]:
    """A year's arrangement month by month, for the command line and for review.

    Args:
        year: The year shown.
        days: Date → False for a day off (放假), True for a day worked instead (调休上班);
            days of the neighbouring years (across New Year) get their own lines.
    """
    lines = []
    months = sorted({(d.year, d.month) for d in days})
    for y, m in sorted({*((year, m) for m in range(1, 13)), *months}):
        off = [d for d, work in days.items() if (d.year, d.month) == (y, m) and not work]
        worked = [d for d, work in days.items() if (d.year, d.month) == (y, m) and work]
        name = f"{m:>2} 月" if y == year else f"{y} 年 {m} 月"
        parts = []
        if off:
            parts.append(f"放假 {describe_days(off)}")
        if worked:
            parts.append(f"调休上班 {describe_days(worked)}")
        lines.append(f"{name}  {'；'.join(parts) if parts else '—'}")
    off_weekdays = sum(1 for d, work in days.items() if not work and d.weekday() < 5)
    total_off = sum(1 for work in days.values() if not work)
    total_worked = sum(1 for work in days.values() if work)
    lines.append(
        f"合计：放假 {total_off} 天（其中周一至周五 {off_weekdays} 天），调休上班 {total_worked} 天"
    )
    return lines
