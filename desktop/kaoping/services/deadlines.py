"""The deadlines dashboard (期限看板) and the holiday table (节假日调整表) behind it.

Each batch shows the one programme clock that is running for it (seed 三（三）): the report is due
30 days after the assessment ends; once reported, the department is expected to confirm within 10
working days; once approved, certificates are due within 30 days. Working days come from the
official calendar, corrected by the administrator's holiday table; a year counts only when its
whole arrangement is known (built in, imported from the State Council's notice and confirmed, or
entered by hand and marked complete, see ``services.calendar_years``). A date in any other year is
shown as unknown, with the year that is missing, never guessed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from kaoping.domain.beijing import BEIJING
from kaoping.domain.deadlines import (
    CONFIRMATION_RULE,
    ISSUANCE_RULE,
    REPORT_RULE,
    ClockRule,
    DeadlineStatus,
    WorkdayCalendar,
    count_working_days,
    issuance_due,
    report_due,
)
from kaoping.domain.errors import NotFound, ValidationError
from kaoping.domain.plans import Batch, BatchStatus
from kaoping.domain.roles import Permission
from kaoping.services.base import Actor, Env, action, reading
from kaoping.services.calendar_years import workday_calendar
from kaoping.services.ports.core import UnitOfWork
from kaoping.services.ports.exchange import HolidayOverride

_ORDER = {status: n for n, status in enumerate(BatchStatus)}
_NOTE_MAX = 100


@dataclass(frozen=True)
class DeadlineRow:
    """One batch on the dashboard with the clock that is running for it.

    Attributes:
        batch_id: The batch.
        batch_code: Its code.
        batch_name: Its name.
        status: Where the batch is in its lifecycle.
        clock: "report", "confirmation", "issuance", or "" when no clock runs (issued).
        clock_label: Chinese name of the clock (报送截止 / 预计确认 / 颁证截止).
        starts_on: The day the clock started (assessment end, report day, approval day).
        due: The due day, None when unknown.
        days_left: Days from today to ``due``; negative when overdue; None when unknown.
        overdue: True when today is past ``due``.
        label: Chinese status text ("剩余 5 天", "已逾期 3 天", "2027 年的节假日安排尚未……").
        rule: The rule's source and quoted sentence, for the tooltip.
        unknown_year: When ``due`` is None because a year's holiday arrangement is not complete,
            that year.
    """

    batch_id: int
    batch_code: str
    batch_name: str
    status: BatchStatus
    clock: str
    clock_label: str
    starts_on: dt.date | None
    due: dt.date | None
    days_left: int | None
    overdue: bool
    label: str
    rule: str
    unknown_year: int | None = None


def china_date(moment: dt.datetime) -> dt.date:
    """The calendar day in China (UTC+8, no daylight saving) of a UTC moment."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment.astimezone(BEIJING).date()


def dashboard(env: Env, actor: Actor, today: dt.date | None = None) -> list[DeadlineRow]:
    """Every batch with its running clock, in lifecycle order, most urgent first within a state.

    Args:
        env: The services' environment.
        actor: Any signed-in user (every role sees the dashboard).
        today: The day to measure from; defaults to today in China.
    """
    day = today or china_date(env.clock.now())
    with reading(env, actor, Permission.CATALOGUE_VIEW) as uow:
        calendar = workday_calendar(env, uow)
        rows = [_row(uow, batch, calendar, day) for batch in uow.plans.batches()]
    return sorted(rows, key=_urgency)


def _urgency(row: DeadlineRow) -> tuple[int, int, str]:
    left = row.days_left if row.days_left is not None else 10**6
    return _ORDER[row.status], left, row.batch_code


def _row(uow: UnitOfWork, batch: Batch, calendar: WorkdayCalendar, today: dt.date) -> DeadlineRow:
    reported_at, approved_at = uow.plans.batch_moments(batch.id)
    if batch.status in (BatchStatus.OPEN, BatchStatus.ASSESSED):
        start: dt.date | None = batch.assessment_end
        return _clock_row(
            batch, "report", "报送截止", start, report_due(batch.assessment_end), REPORT_RULE, today
        )
    if batch.status is BatchStatus.REPORTED:
        start = china_date(reported_at) if reported_at else None
        if start is None:
            return _clock_row(
                batch, "confirmation", "预计确认", None, None, CONFIRMATION_RULE, today
            )
        count = count_working_days(start, CONFIRMATION_RULE.days, calendar)
        return _clock_row(
            batch,
            "confirmation",
            "预计确认",
            start,
            count.due,
            CONFIRMATION_RULE,
            today,
            count.unknown_year,
        )
    if batch.status is BatchStatus.APPROVED:
        start = china_date(approved_at) if approved_at else None
        due = issuance_due(start) if start else None
        return _clock_row(batch, "issuance", "颁证截止", start, due, ISSUANCE_RULE, today)
    return DeadlineRow(
        batch.id,
        batch.code,
        batch.name,
        batch.status,
        "",
        "—",
        None,
        None,
        None,
        False,
        "已完成",
        "",
    )


def _clock_row(
    batch: Batch,
    clock: str,
    clock_label: str,
    start: dt.date | None,
    due: dt.date | None,
    rule: ClockRule,
    today: dt.date,
    unknown_year: int | None = None,
) -> DeadlineRow:
    status = DeadlineStatus.of(due, today, unknown_year)
    unit = "个工作日" if rule.working_days else "日"
    rule_text = f"{rule.source}：“{rule.quote}”（{rule.days}{unit}）"
    return DeadlineRow(
        batch.id,
        batch.code,
        batch.name,
        batch.status,
        clock,
        clock_label,
        start,
        status.due,
        status.days_left,
        status.overdue,
        status.label,
        rule_text,
        status.unknown_year,
    )


# --- the holiday table ---------------------------------------------------------------------------


def list_holidays(env: Env, actor: Actor) -> list[HolidayOverride]:
    """The holiday table, by date."""
    with reading(env, actor, Permission.CATALOGUE_VIEW) as uow:
        return sorted(uow.exchange.holiday_overrides(), key=lambda entry: entry.day)


def set_holiday(env: Env, actor: Actor, day: dt.date, workday: bool, note: str) -> None:
    """Enter or change one day of the holiday table.

    One entry does not make a year known: a year the built-in calendar does not know counts only
    once it is complete (``calendar_years.complete_year`` after entering every holiday and
    adjusted working day, or ``calendar_years.confirm_notice``). For a year the built-in calendar
    knows, the entry corrects that one day.
    """
    note = note.strip()
    if not note:
        raise ValidationError("请填写说明（如“2027 年元旦”），便于日后核对。", field="说明")
    if len(note) > _NOTE_MAX:
        raise ValidationError(f"说明不能超过 {_NOTE_MAX} 个字。", field="说明")
    with action(
        env, actor, Permission.SETTINGS_MANAGE, "holidays.set", f"holiday:{day.isoformat()}"
    ) as tx:
        # A day a notice listed for the neighbouring year (2022-12-31 for 2023) stays in that
        # year's arrangement when corrected by hand.
        held = next((e for e in tx.uow.exchange.holiday_overrides() if e.day == day), None)
        year = held.year if held is not None else None
        tx.uow.exchange.put_holiday(
            HolidayOverride(day, workday, note, actor.username, year), env.clock.now()
        )
        tx.record(workday=workday, note=note)


def remove_holiday(env: Env, actor: Actor, day: dt.date) -> None:
    """Delete one day from the holiday table."""
    with action(
        env, actor, Permission.SETTINGS_MANAGE, "holidays.remove", f"holiday:{day.isoformat()}"
    ) as tx:
        if not tx.uow.exchange.delete_holiday(day):
            raise NotFound(f"节假日调整表中没有 {day.isoformat()}。", field="日期")
