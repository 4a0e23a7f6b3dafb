"""A year's holiday arrangement counts only when complete: imported and confirmed, or marked so."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic import command

from kaoping.domain.catalogue import Level
from kaoping.domain.errors import ConflictError, NotFound, PermissionDenied, ValidationError
from kaoping.domain.holiday_calendar import YearState
from kaoping.domain.holiday_notice import parse_notice
from kaoping.domain.plans import BatchStatus, Plan
from kaoping.domain.roles import Role
from kaoping.services import calendar_years, deadlines, plans
from kaoping.services.base import Actor, Env
from kaoping.services.ports.core import AuditRecord
from kaoping.storage.engine import alembic_config, make_engine, migrate
from tests.constructed_notices import CONSTRUCTED_2027

NOTICES = Path(__file__).resolve().parents[1] / "fixtures" / "holiday_notices"
NOTICE_2026 = (NOTICES / "2026.txt").read_bytes()
# Constructed for the tests, not the official 2027 arrangement (see tests/constructed_notices.py).
NOTICE_2027 = CONSTRUCTED_2027.encode("utf-8")


def _audit(env: Env, prefix: str) -> list[AuditRecord]:
    with env.uow(write=False) as uow:
        return [r for r in uow.audit.records() if r.action.startswith(prefix)]


def _stored(env: Env) -> tuple[int, int]:
    with env.uow(write=False) as uow:
        return len(uow.exchange.holiday_overrides()), len(uow.exchange.calendar_years())


def _reported(env: Env, admin: Actor, code: str, at: datetime) -> None:
    plan = Plan(
        0,
        f"P-{code}",
        "人工智能初级考核",
        "2-02-10-09",
        "",
        Level.JUNIOR,
        date(2026, 1, 1),
        date(2027, 12, 31),
        "南宁考点",
        100,
        "",
    )
    plan_id = plans.create_plan(env, admin, plan)
    batch_id = plans.create_batch(
        env, admin, plan_id, code, f"批次 {code}", date(2027, 1, 4), date(2027, 1, 5)
    )
    with env.uow() as uow:
        uow.plans.set_batch_status(batch_id, BatchStatus.REPORTED, at)
        uow.commit()


def _due(env: Env, actor: Actor, code: str, today: date) -> deadlines.DeadlineRow:
    return next(r for r in deadlines.dashboard(env, actor, today) if r.batch_code == code)


def test_a_reviewed_notice_is_stored_only_when_confirmed(env: Env, admin: Actor) -> None:
    """Reading the 2026 notice stores nothing; confirming it stores its days and the year's
    record (who, when, the file's hash), audited."""
    preview = calendar_years.preview_notice(env, admin, NOTICE_2026)
    assert (preview.year, preview.before.state) == (2026, YearState.BUILT_IN)
    assert preview.differences == () and preview.replaced == 0
    assert (
        " 2 月  放假 15日（日）至23日（一）；调休上班 14日（六）、28日（六）" in preview.summary()
    )
    assert _stored(env) == (0, 0)
    status = calendar_years.confirm_notice(env, admin, NOTICE_2026)
    assert status.state is YearState.CONFIRMED and status.line == "2026 年：已确认（国务院通知）"
    assert status.record is not None and status.record.notice_sha256 == preview.sha256
    assert status.record.confirmed_by == admin.username
    assert status.record.title == "国务院办公厅关于2026年部分节假日安排的通知"
    assert _stored(env) == (39, 1)
    entries = {h.day: h for h in deadlines.list_holidays(env, admin)}
    assert entries[date(2026, 2, 14)].workday and "春节调休上班" in entries[date(2026, 2, 14)].note
    [entry] = _audit(env, "calendar.confirm_notice")
    details = json.loads(entry.details)
    assert (entry.outcome, entry.target) == ("ok", "calendar:2026")
    assert (details["days_off"], details["workdays"], details["notice_sha256"]) == (
        33,
        6,
        preview.sha256,
    )


def test_a_confirmed_2027_arrangement_gives_the_deadlines_across_its_spring_festival(
    env: Env, admin: Actor, actors: dict[Role, Actor]
) -> None:
    """With the (constructed) 2027 notice confirmed, 10 working days are counted over the
    Spring Festival holiday and its adjusted working days, as counted by hand."""
    exam_admin = actors[Role.EXAM_ADMIN]
    # Monday 2027-02-01, 10:00 in Beijing.
    _reported(env, exam_admin, "B-SF", datetime(2027, 2, 1, 2, 0, tzinfo=UTC))
    before = _due(env, exam_admin, "B-SF", date(2027, 2, 3))
    assert before.due is None and before.unknown_year == 2027
    calendar_years.confirm_notice(env, admin, NOTICE_2027)
    row = _due(env, exam_admin, "B-SF", date(2027, 2, 3))
    # 02-02 (1), 02-03 (2), 02-04 (3); 02-05..14 off; 02-15..19 (4-8); Sat 02-20 worked (9);
    # Sun 02-21 off; Mon 02-22 (10). Ordinary weeks would have given 02-15.
    assert row.due == date(2027, 2, 22) and row.days_left == 19
    _reported(env, exam_admin, "B-SF2", datetime(2027, 1, 29, 2, 0, tzinfo=UTC))
    # From Friday 01-29: Sun 01-31 worked (1), 02-01..04 (2-5), 02-15..19 (6-10).
    assert _due(env, exam_admin, "B-SF2", date(2027, 2, 3)).due == date(2027, 2, 19)


def test_a_year_with_one_entry_is_unknown_until_marked_complete(
    env: Env, admin: Actor, actors: dict[Role, Actor]
) -> None:
    """One 2027 holiday: the year is "未完整" and deadlines say why. Marking it complete with a
    single entry is refused; entered whole and marked complete, the deadline is counted;
    reopened, it is unknown again."""
    exam_admin = actors[Role.EXAM_ADMIN]
    _reported(env, exam_admin, "B-MAN", datetime(2027, 2, 1, 2, 0, tzinfo=UTC))
    deadlines.set_holiday(env, admin, date(2027, 2, 5), False, "2027 年春节")
    [status] = calendar_years.year_statuses(env, exam_admin, [2027])
    assert status.line == "2027 年：未完整（已录入 1 天），工作日期限无法计算"
    row = _due(env, exam_admin, "B-MAN", date(2027, 2, 3))
    assert row.due is None
    assert row.label == "2027 年的节假日安排尚未完整录入或确认，无法计算工作日期限"
    with pytest.raises(ValidationError, match="只录入了 1 天"):
        calendar_years.complete_year(env, admin, 2027)
    arrangement = parse_notice(CONSTRUCTED_2027)
    for day, worked in arrangement.entries().items():
        deadlines.set_holiday(env, admin, day, worked, "按通知手工录入")
    assert _due(env, exam_admin, "B-MAN", date(2027, 2, 3)).due is None
    status = calendar_years.complete_year(env, admin, 2027)
    assert status.line == "2027 年：已完整录入（手工）"
    assert _due(env, exam_admin, "B-MAN", date(2027, 2, 3)).due == date(2027, 2, 22)
    with pytest.raises(ConflictError):
        calendar_years.complete_year(env, admin, 2027)
    calendar_years.reopen_year(env, admin, 2027)
    assert _due(env, exam_admin, "B-MAN", date(2027, 2, 3)).due is None
    with pytest.raises(NotFound):
        calendar_years.reopen_year(env, admin, 2027)
    assert [r.outcome for r in _audit(env, "calendar.complete")] == ["refused", "ok", "refused"]


def test_confirming_replaces_the_years_entries_and_keeps_other_years(
    env: Env, admin: Actor
) -> None:
    """Entries made by hand for 2027 give way to the notice; a 2028 entry stays."""
    deadlines.set_holiday(env, admin, date(2027, 3, 1), False, "误录")
    deadlines.set_holiday(env, admin, date(2028, 1, 3), False, "2028 年")
    preview = calendar_years.preview_notice(env, admin, NOTICE_2027)
    assert preview.replaced == 1 and preview.before.state is YearState.INCOMPLETE
    calendar_years.confirm_notice(env, admin, NOTICE_2027)
    days = {h.day for h in deadlines.list_holidays(env, admin)}
    assert date(2027, 3, 1) not in days and date(2028, 1, 3) in days
    assert len(days) == 29 + 6 + 1
    calendar_years.confirm_notice(env, admin, NOTICE_2027)
    assert len(deadlines.list_holidays(env, admin)) == 29 + 6 + 1


def test_a_day_across_new_year_stays_in_its_notices_year_when_corrected(
    env: Env, admin: Actor
) -> None:
    """2023's notice gave 2022-12-31 off; correcting that day by hand keeps it in 2023's
    arrangement, so re-importing 2023 replaces it again."""
    calendar_years.confirm_notice(env, admin, (NOTICES / "2023.txt").read_bytes())
    deadlines.set_holiday(env, admin, date(2022, 12, 31), False, "手工更正")
    [entry] = [h for h in deadlines.list_holidays(env, admin) if h.day == date(2022, 12, 31)]
    assert entry.arrangement_year == 2023
    [status] = calendar_years.year_statuses(env, admin, [2022])
    assert status.entries == 0 and status.state is YearState.BUILT_IN


def test_a_confirmed_year_takes_precedence_over_the_built_in_calendar(
    env: Env, admin: Actor
) -> None:
    """The original 2020 notice, confirmed, decides 2020 even where chinesecalendar (which has
    the later extension) differs; the review lists those days first."""
    data = (NOTICES / "2020.txt").read_bytes()
    preview = calendar_years.preview_notice(env, admin, data)
    assert preview.differences == (date(2020, 1, 31), date(2020, 2, 1))
    calendar_years.confirm_notice(env, admin, data)
    shown = calendar_years.show_year(env, admin, 2020)
    assert shown.days[date(2020, 2, 1)] is True
    assert date(2020, 1, 31) not in shown.days
    built_in = calendar_years.show_year(env, admin, 2021)
    assert built_in.status.state is YearState.BUILT_IN
    assert built_in.days[date(2021, 2, 7)] is True and built_in.days[date(2021, 2, 11)] is False


def test_bad_notices_are_refused_audited_and_store_nothing(env: Env, admin: Actor) -> None:
    """Empty, garbage, another year, an impossible date: a Chinese reason, nothing stored."""
    bad = [
        (b"", None, "文件是空的"),
        (bytes(range(256)) * 8, None, "空字符"),
        (NOTICE_2026, 2027, "不是所选的 2027 年"),
        (NOTICE_2026.replace("2月28日".encode(), "2月30日".encode()), None, "不存在"),
        ((NOTICES / "2026.txt").read_text().encode("utf-16"), None, "UTF-16"),
    ]
    for data, year, reason in bad:
        with pytest.raises(ValidationError, match=reason):
            calendar_years.preview_notice(env, admin, data, year)
        with pytest.raises(ValidationError, match=reason):
            calendar_years.confirm_notice(env, admin, data, year)
    assert _stored(env) == (0, 0)
    refused = _audit(env, "calendar.confirm_notice")
    assert [r.outcome for r in refused] == ["refused"] * len(bad)
    assert "不存在" in json.loads(refused[3].details)["reason"]


def test_a_huge_or_missing_file_is_refused_before_it_is_read(tmp_path: Path, env: Env) -> None:
    """A file over the limit is refused by its size; a missing one by name."""
    huge = tmp_path / "notice.txt"
    with huge.open("wb") as handle:
        handle.truncate(64 * 1024 * 1024)
    with pytest.raises(ValidationError, match="超过上限"):
        calendar_years.read_notice(env, huge)
    with pytest.raises(ValidationError, match="找不到"):
        calendar_years.read_notice(env, tmp_path / "none.txt")
    saved = tmp_path / "2026.html"
    saved.write_bytes(NOTICE_2026)
    assert calendar_years.read_notice(env, saved) == NOTICE_2026


def test_only_the_system_administrator_imports_or_completes(
    env: Env, actors: dict[Role, Actor]
) -> None:
    """An exam administrator sees the status but cannot import or complete a year."""
    exam_admin = actors[Role.EXAM_ADMIN]
    with pytest.raises(PermissionDenied):
        calendar_years.preview_notice(env, exam_admin, NOTICE_2026)
    with pytest.raises(PermissionDenied):
        calendar_years.confirm_notice(env, exam_admin, NOTICE_2026)
    with pytest.raises(PermissionDenied):
        calendar_years.complete_year(env, exam_admin, 2027)
    years = calendar_years.overview(env, exam_admin, date(2026, 12, 6))
    assert [s.line for s in years] == [
        "2026 年：内置官方日历",
        "2027 年：未录入，工作日期限无法计算",
    ]


def test_entries_made_before_the_upgrade_keep_their_year_and_stay_incomplete(
    empty_db_url: str,
) -> None:
    """Upgrading a database with one 2027 entry gives it year 2027 and completes no year."""
    engine = make_engine(empty_db_url)
    command.upgrade(alembic_config(engine), "0010_exchange")
    with engine.begin() as connection:
        connection.execute(
            sa.text(
                "INSERT INTO holiday_overrides (day, workday, note, updated_at, updated_by) "
                "VALUES (:day, :workday, '2027 年元旦', :at, 'admin')"
            ),
            {"day": date(2027, 1, 1), "workday": False, "at": datetime(2026, 11, 1, tzinfo=UTC)},
        )
    migrate(engine)
    with engine.connect() as connection:
        years = connection.execute(sa.text("SELECT day, year FROM holiday_overrides")).all()
        complete = connection.execute(sa.text("SELECT count(*) FROM calendar_years")).scalar()
    engine.dispose()
    assert [(str(day)[:10], year) for day, year in years] == [("2027-01-01", 2027)]
    assert complete == 0
