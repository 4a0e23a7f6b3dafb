"""Importing a holiday notice on the deadlines page: review as month grids, then confirm."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from kaoping.domain.catalogue import Level
from kaoping.domain.plans import BatchStatus, Plan
from kaoping.domain.roles import Role
from kaoping.services import calendar_years, deadlines, plans
from kaoping.services.base import Actor, Env
from kaoping.services.calendar_years import NoticePreview
from kaoping.ui import messages
from kaoping.ui.dialogs.holiday_notice_dialog import HolidayNoticeDialog
from kaoping.ui.main_window import MainWindow
from kaoping.ui.pages.deadlines_page import DeadlinesPage
from tests.constructed_notices import CONSTRUCTED_2027

NOTICES = Path(__file__).resolve().parents[1] / "fixtures" / "holiday_notices"
SCREEN = (1366, 768)


def _preview(env: Env, admin: Actor, name: str = "2026.txt") -> NoticePreview:
    return calendar_years.preview_notice(env, admin, (NOTICES / name).read_bytes())


def _reported_in_december(env: Env, actors: dict[Role, Actor]) -> None:
    plan = Plan(
        0,
        "P-CAL",
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
    exam_admin = actors[Role.EXAM_ADMIN]
    plan_id = plans.create_plan(env, exam_admin, plan)
    batch = plans.create_batch(
        env, exam_admin, plan_id, "B-DEC", "十二月批次", date(2026, 12, 1), date(2026, 12, 2)
    )
    with env.uow() as uow:
        uow.plans.set_batch_status(
            batch, BatchStatus.REPORTED, datetime(2026, 12, 24, 1, 0, tzinfo=UTC)
        )
        uow.commit()


def test_the_review_marks_each_day_off_and_each_day_worked(
    qtbot: QtBot, env: Env, admin: Actor
) -> None:
    """The 2026 notice as twelve months: 02-15..23 marked 休, Saturdays 02-14 and 02-28 班."""
    dialog = HolidayNoticeDialog(_preview(env, admin))
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.windowTitle() == "核对 2026 年节假日安排"
    assert len(dialog.months) == 12
    assert [dialog.day_mark(date(2026, 2, d)) for d in (13, 14, 15, 23, 24, 28)] == [
        "13",
        "14班",
        "15休",
        "23休",
        "24",
        "28班",
    ]
    assert dialog.months[1].cells[date(2026, 2, 17)].toolTip() == "2026-02-17 放假 春节"
    assert sum(1 for m in dialog.months for c in m.cells.values() if c.text().endswith("休")) == 33
    assert not dialog.warning_label.isVisible()
    dialog.grab().save("/tmp/holiday_notice_dialog.png")
    assert "七、国庆节" in dialog.items_text.toPlainText()
    # 1366x768, and 1920x1080 at 150 %: 1280x720 logical pixels, a taskbar takes about 40.
    hint = dialog.minimumSizeHint()
    assert hint.width() <= 1280 and hint.height() <= 680, (hint.width(), hint.height())
    assert (dialog.width(), dialog.height()) == (1270, 680)
    with qtbot.waitSignal(dialog.accepted):
        dialog.confirm_button.click()


def test_the_review_points_at_what_deserves_a_second_look(
    qtbot: QtBot, env: Env, admin: Actor
) -> None:
    """The 2020 notice: days where the built-in calendar differs; 2023's: its day in 2022."""
    differing = HolidayNoticeDialog(_preview(env, admin, "2020.txt"))
    qtbot.addWidget(differing)
    assert "与内置官方日历不同的日期：2020-01-31、2020-02-01" in differing.warning_label.text()
    across = HolidayNoticeDialog(_preview(env, admin, "2023.txt"))
    qtbot.addWidget(across)
    assert "另含相邻年份的日期：2022-12-31 放假" in across.warning_label.text()
    encouragement = HolidayNoticeDialog(_preview(env, admin, "2024.txt"))
    qtbot.addWidget(encouragement)
    assert "除夕（2月9日）休息" in encouragement.warning_label.text()


def test_the_page_says_2027_is_incomplete_until_its_notice_is_confirmed(
    qtbot: QtBot,
    env: Env,
    admin: Actor,
    actors: dict[Role, Actor],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    """One 2027 entry: the year line and the batch row say the deadline cannot be computed.
    Importing a (constructed, test-only) 2027 notice from a file and confirming the review gives
    the date."""
    _reported_in_december(env, actors)
    deadlines.set_holiday(env, admin, date(2027, 1, 1), False, "2027 年元旦")
    window = MainWindow(env, admin)
    qtbot.addWidget(window)
    window.resize(*SCREEN)
    window.show()
    page = window._ui.page_stack.currentWidget()
    assert isinstance(page, DeadlinesPage)
    assert page.year_status_label.text() == (
        "节假日安排：2026 年：内置官方日历；2027 年：未完整（已录入 1 天），工作日期限无法计算"
    )
    assert "#b00020" in page.year_status_label.styleSheet()
    assert page.table.item(0, 5).text() == "—"
    assert page.table.item(0, 7).text() == (
        "2027 年的节假日安排尚未完整录入或确认，无法计算工作日期限"
    )
    window.grab().save("/tmp/deadlines_page_2027_incomplete.png")

    notice = tmp_path / "2027.txt"
    notice.write_text(CONSTRUCTED_2027, encoding="gb18030")
    reviewed: list[NoticePreview] = []
    shown: list[str] = []
    monkeypatch.setattr(messages, "open_file", lambda parent, title, filters: notice)
    monkeypatch.setattr(
        HolidayNoticeDialog, "ask", classmethod(lambda cls, parent, p: reviewed.append(p) or True)
    )
    monkeypatch.setattr(messages, "show_info", lambda parent, title, text: shown.append(text))
    page.import_file_action.trigger()
    assert [p.year for p in reviewed] == [2027] and reviewed[0].replaced == 1
    assert shown == ["已导入并确认：2027 年：已确认（国务院通知）"]
    assert page.year_status_label.text() == (
        "节假日安排：2026 年：内置官方日历；2027 年：已确认（国务院通知）"
    )
    # 12-25 (1), 12-28..31 (2-5), 01-01..03 off, 01-04..08 (6-10).
    assert page.table.item(0, 5).text() == "2027-01-08"


def test_a_cancelled_review_or_a_bad_paste_stores_nothing(
    qtbot: QtBot, env: Env, admin: Actor, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Cancelling the review keeps the year as it was; pasted garbage gets a Chinese reason."""
    page = DeadlinesPage(env, admin)
    qtbot.addWidget(page)
    errors: list[str] = []
    monkeypatch.setattr(messages, "show_error", lambda parent, error: errors.append(str(error)))
    monkeypatch.setattr(HolidayNoticeDialog, "ask", classmethod(lambda cls, parent, p: False))
    page.review_notice((NOTICES / "2026.txt").read_bytes())
    monkeypatch.setattr(messages, "ask_text", lambda parent, title, label: "一、元旦：1月1日放假。")
    page.import_paste_action.trigger()
    assert deadlines.list_holidays(env, admin) == []
    assert len(errors) == 1 and "无法确定通知的年份" in errors[0]


def test_only_the_administrator_sees_the_import_live(
    qtbot: QtBot, env: Env, actors: dict[Role, Actor]
) -> None:
    """For an exam administrator the import and completion buttons are off, with the reason."""
    page = DeadlinesPage(env, actors[Role.EXAM_ADMIN])
    qtbot.addWidget(page)
    assert not page.import_notice_button.isEnabled()
    assert not page.complete_year_button.isEnabled()
    assert page.complete_year_button.toolTip() == "只有系统管理员可以修改节假日安排"
