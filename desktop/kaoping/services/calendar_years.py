"""Each year's official holiday arrangement (年度节假日安排): import, review, completion, status.

A year's arrangement becomes known only when it is complete. The system administrator imports the
State Council's annual notice (国务院办公厅关于YYYY年部分节假日安排的通知), reviews it as a calendar and
confirms it; or enters every holiday and adjusted working day by hand in the holiday table and then
marks the year complete. Until then the year is unknown, and a working-day deadline that reaches
into it says so instead of treating the year as ordinary weeks. Years the built-in calendar knows
keep working; a complete year overrides the built-in data (see ``domain.deadlines.OverrideCalendar``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from kaoping.domain.deadlines import OverrideCalendar, WorkdayCalendar
from kaoping.domain.errors import ConflictError, NotFound, ValidationError
from kaoping.domain.holiday_calendar import (
    YearSource,
    YearState,
    month_summary,
    year_line,
    year_state,
)
from kaoping.domain.holiday_notice import HolidayArrangement, parse_notice
from kaoping.domain.notice_text import notice_text
from kaoping.domain.roles import Permission
from kaoping.services.base import Actor, Env, action, reading
from kaoping.services.ports.core import UnitOfWork
from kaoping.services.ports.exchange import CalendarYearRecord, HolidayOverride

MIN_DAYS_OFF = 11
"""Fewest days off a year marked complete by hand must have: the statutory holidays (全体公民放假的
节日) were 11 days a year until 2024 and are 13 from 2025, so a year with fewer entries is
certainly not entered whole."""


@dataclass(frozen=True)
class YearStatus:
    """Where one year's arrangement stands.

    Attributes:
        year: The year.
        state: Confirmed, complete, built-in, incomplete or missing.
        entries: Entries of the holiday table that belong to the year's arrangement.
        record: The completion record, when the year is complete.
    """

    year: int
    state: YearState
    entries: int
    record: CalendarYearRecord | None

    @property
    def known(self) -> bool:
        """Whether working days can be counted in this year."""
        return self.state.known

    @property
    def line(self) -> str:
        """One line for a person, e.g. "2027 年：未完整（已录入 1 天），工作日期限无法计算"."""
        return year_line(self.year, self.state, self.entries)


@dataclass(frozen=True)
class NoticePreview:
    """A notice read and checked, shown for review before anything is stored.

    Attributes:
        arrangement: The year's days off and adjusted working days, as the notice gives them.
        sha256: SHA-256 of the file as given (recorded on confirmation).
        before: The year's status now.
        replaced: Entries of the year's arrangement in the holiday table that confirming replaces.
        differences: Days of the year on which the notice and the built-in calendar disagree
            (empty when the built-in calendar does not know the year).
    """

    arrangement: HolidayArrangement
    sha256: str
    before: YearStatus
    replaced: int
    differences: tuple[dt.date, ...]

    @property
    def year(self) -> int:
        """The year the notice arranges."""
        return self.arrangement.year

    def summary(self) -> list[str]:
        """The arrangement month by month."""
        return month_summary(self.year, self.arrangement.entries())


@dataclass(frozen=True)
class YearCalendar:
    """One year as Kaoping counts it: its status and the days that differ from the week.

    Attributes:
        status: Where the year stands.
        days: Date → False (day off) / True (worked instead); from the table for a complete or
            incomplete year, from the built-in calendar (weekday holidays and weekend workdays
            only) for a built-in year.
        notes: What each table entry says.
    """

    status: YearStatus
    days: dict[dt.date, bool]
    notes: dict[dt.date, str]

    def summary(self) -> list[str]:
        """The year month by month."""
        return month_summary(self.status.year, self.days)


# --- reading -------------------------------------------------------------------------------------


def read_notice(env: Env, path: Path) -> bytes:
    """The bytes of a notice file a person chose, read within the size limit.

    Raises:
        ValidationError: The file is missing, unreadable or larger than a notice can be.
    """
    return env.adapters.notices.read(path)


def preview_notice(env: Env, actor: Actor, data: bytes, year: int | None = None) -> NoticePreview:
    """Read and check a notice for review; nothing is stored.

    Args:
        env: The services' environment.
        actor: The system administrator.
        data: The notice: a saved text or web page, or pasted text encoded as UTF-8.
        year: The year the administrator means; needed when the text has no title.

    Raises:
        ValidationError: The file is empty, too large, not text, not a notice, for another year,
            or states something impossible (see ``domain.holiday_notice``).
    """
    arrangement = parse_notice(notice_text(data), year)
    with reading(env, actor, Permission.SETTINGS_MANAGE) as uow:
        before = _status(env, uow, arrangement.year)
    return NoticePreview(
        arrangement,
        hashlib.sha256(data).hexdigest(),
        before,
        before.entries,
        _differences(env.adapters.workdays, arrangement),
    )


def _differences(base: WorkdayCalendar, arrangement: HolidayArrangement) -> tuple[dt.date, ...]:
    day, found = dt.date(arrangement.year, 1, 1), []
    while day.year == arrangement.year:
        known = base.is_workday(day)
        if known is None:
            return ()
        if known != arrangement.is_workday(day):
            found.append(day)
        day += dt.timedelta(days=1)
    return tuple(found)


# --- actions -------------------------------------------------------------------------------------


def confirm_notice(env: Env, actor: Actor, data: bytes, year: int | None = None) -> YearStatus:
    """Store a reviewed notice as its year's arrangement and mark the year confirmed.

    The notice is read again from the same bytes, so what is stored is what was reviewed. Every
    entry of the year's arrangement in the holiday table is replaced; the year then takes
    precedence over the built-in calendar.

    Raises:
        ValidationError: As ``preview_notice``.
    """
    with action(env, actor, Permission.SETTINGS_MANAGE, "calendar.confirm_notice") as tx:
        arrangement = parse_notice(notice_text(data), year)
        target = arrangement.year
        notes = arrangement.notes()
        entries = [
            HolidayOverride(
                day, worked, f"{notes[day]}（{target} 年国务院通知）", actor.username, target
            )
            for day, worked in arrangement.entries().items()
        ]
        replaced = tx.uow.exchange.replace_arrangement(target, entries, tx.now)
        digest = hashlib.sha256(data).hexdigest()
        tx.uow.exchange.put_calendar_year(
            CalendarYearRecord(
                target,
                YearState.CONFIRMED.value,
                YearSource.NOTICE.value,
                digest,
                arrangement.title,
                actor.username,
                tx.now,
            )
        )
        tx.record(
            f"calendar:{target}",
            year=target,
            notice_sha256=digest,
            title=arrangement.title,
            days_off=sum(1 for worked in arrangement.entries().values() if not worked),
            workdays=sum(1 for worked in arrangement.entries().values() if worked),
            replaced=replaced,
            differences=[d.isoformat() for d in _differences(env.adapters.workdays, arrangement)],
        )
        return _status(env, tx.uow, target)


def complete_year(env: Env, actor: Actor, year: int) -> YearStatus:
    """Mark a year entered by hand as complete, so its deadlines can be counted.

    Raises:
        ConflictError: The year is already complete.
        ValidationError: Too few days off are entered for a whole year.
    """
    with action(
        env, actor, Permission.SETTINGS_MANAGE, "calendar.complete", f"calendar:{year}"
    ) as tx:
        current = _status(env, tx.uow, year)
        if current.record is not None:
            raise ConflictError(f"{current.line}，无需再次标记。", field="年份")
        entries = _entries(tx.uow, year)
        days_off = sum(1 for entry in entries if not entry.workday)
        if days_off < MIN_DAYS_OFF:
            raise ValidationError(
                f"{year} 年只录入了 {len(entries)} 天（其中放假 {days_off} 天），少于全年法定节假日"
                f"（至少 {MIN_DAYS_OFF} 天）。请按国务院办公厅关于{year}年部分节假日安排的通知"
                "录入全部放假日和调休上班日，或直接导入该通知，再标记完整",
                field="年份",
            )
        tx.uow.exchange.put_calendar_year(
            CalendarYearRecord(
                year,
                YearState.COMPLETE.value,
                YearSource.MANUAL.value,
                "",
                "",
                actor.username,
                tx.now,
            )
        )
        tx.record(year=year, entries=len(entries), days_off=days_off)
        return _status(env, tx.uow, year)


def reopen_year(env: Env, actor: Actor, year: int) -> YearStatus:
    """Withdraw a year's completion: its deadlines become unknown again until it is complete.

    Raises:
        NotFound: The year was not complete.
    """
    with action(
        env, actor, Permission.SETTINGS_MANAGE, "calendar.reopen", f"calendar:{year}"
    ) as tx:
        if not tx.uow.exchange.delete_calendar_year(year):
            raise NotFound(f"{year} 年的节假日安排未标记为完整，无需撤销。", field="年份")
        tx.record(year=year)
        return _status(env, tx.uow, year)


# --- status --------------------------------------------------------------------------------------


def year_statuses(env: Env, actor: Actor, years: Iterable[int]) -> list[YearStatus]:
    """The status of each year asked for, by year."""
    with reading(env, actor, Permission.CATALOGUE_VIEW) as uow:
        return [_status(env, uow, year) for year in sorted(set(years))]


def overview(env: Env, actor: Actor, today: dt.date) -> list[YearStatus]:
    """The years a person should see: this year, next year, and any later year with entries.

    Earlier years with entries but no completion are listed too while they are recent (last
    year), since a deadline running now may still count days in them.
    """
    with reading(env, actor, Permission.CATALOGUE_VIEW) as uow:
        stored = {e.arrangement_year for e in uow.exchange.holiday_overrides()}
        stored |= {r.year for r in uow.exchange.calendar_years()}
        years = {today.year, today.year + 1} | {y for y in stored if y >= today.year - 1}
        return [_status(env, uow, year) for year in sorted(years)]


def show_year(env: Env, actor: Actor, year: int) -> YearCalendar:
    """One year as deadlines count it, with its status."""
    with reading(env, actor, Permission.CATALOGUE_VIEW) as uow:
        status = _status(env, uow, year)
        entries = _entries(uow, year)
    notes = {e.day: e.note for e in entries}
    if status.state is YearState.BUILT_IN:
        days = _built_in_days(env.adapters.workdays, year)
        days.update({e.day: e.workday for e in entries})
        return YearCalendar(status, dict(sorted(days.items())), notes)
    return YearCalendar(status, {e.day: e.workday for e in entries}, notes)


def _built_in_days(base: WorkdayCalendar, year: int) -> dict[dt.date, bool]:
    days: dict[dt.date, bool] = {}
    day = dt.date(year, 1, 1)
    while day.year == year:
        worked = base.is_workday(day)
        if worked is not None and worked != (day.weekday() < 5):
            days[day] = worked
        day += dt.timedelta(days=1)
    return days


def workday_calendar(env: Env, uow: UnitOfWork) -> WorkdayCalendar:
    """The calendar deadlines count on: built-in data, the holiday table, complete years."""
    table = {entry.day: entry.workday for entry in uow.exchange.holiday_overrides()}
    complete = [record.year for record in uow.exchange.calendar_years()]
    return OverrideCalendar(env.adapters.workdays, table, complete_years=complete)


def _entries(uow: UnitOfWork, year: int) -> list[HolidayOverride]:
    return [e for e in uow.exchange.holiday_overrides() if e.arrangement_year == year]


def _status(env: Env, uow: UnitOfWork, year: int) -> YearStatus:
    record = next((r for r in uow.exchange.calendar_years() if r.year == year), None)
    source = YearSource(record.source) if record else None
    built_in = env.adapters.workdays.is_workday(dt.date(year, 7, 1)) is not None
    entries = len(_entries(uow, year))
    return YearStatus(year, year_state(source, built_in, entries), entries, record)
