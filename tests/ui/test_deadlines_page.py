"""The deadlines dashboard page: opened first at sign-in, overdue batches in red."""

from __future__ import annotations

from datetime import UTC, date, datetime

from pytestqt.qtbot import QtBot

from kaoping.adapters.clock import FixedClock
from kaoping.domain.catalogue import Level
from kaoping.domain.plans import BatchStatus, Plan
from kaoping.domain.roles import Role
from kaoping.services import plans
from kaoping.services.base import Actor, Env
from kaoping.ui.main_window import MainWindow
from kaoping.ui.pages.deadlines_page import OVERDUE_TEXT, DeadlinesPage


def _batches(env: Env, admin: Actor) -> None:
    plan = Plan(
        0,
        "P-2026-AI",
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
    plans.create_batch(
        env, admin, plan_id, "B-LATE", "九月批次", date(2026, 9, 1), date(2026, 9, 30)
    )
    plans.create_batch(
        env, admin, plan_id, "B-DEC", "十二月批次", date(2026, 12, 1), date(2026, 12, 5)
    )
    reported = plans.create_batch(
        env, admin, plan_id, "B-REP", "十一月批次", date(2026, 11, 1), date(2026, 11, 2)
    )
    with env.uow() as uow:
        uow.plans.set_batch_status(
            reported, BatchStatus.REPORTED, datetime(2026, 11, 20, 2, 0, tzinfo=UTC)
        )
        uow.commit()


def test_every_role_lands_on_the_dashboard_with_overdue_rows_red(
    qtbot: QtBot, env: Env, actors: dict[Role, Actor], clock: FixedClock
) -> None:
    """An examiner signs in to the deadlines page; the batch past its report date shows red."""
    _batches(env, actors[Role.EXAM_ADMIN])
    window = MainWindow(env, actors[Role.EXAMINER])
    qtbot.addWidget(window)
    window.resize(1200, 700)
    window.show()
    assert window.page_titles()[0] == "期限看板"
    page = window._ui.page_stack.currentWidget()
    assert isinstance(page, DeadlinesPage)
    codes = [page.table.item(r, 0).text() for r in range(page.table.rowCount())]
    assert set(codes) == {"B-LATE", "B-DEC", "B-REP"}
    late = codes.index("B-LATE")
    assert page.overdue_rows() == [late]
    assert page.table.item(late, 7).foreground().color() == OVERDUE_TEXT
    assert page.table.item(late, 7).text() == "已逾期 26 天"
    on_time = codes.index("B-REP")
    assert page.table.item(on_time, 5).text() == "2026-12-04"
    assert page.table.item(on_time, 7).foreground().color() != OVERDUE_TEXT
    assert not page.add_holiday_button.isEnabled()
    window.grab().save("/tmp/deadlines_page.png")


def test_administrator_may_edit_holidays(qtbot: QtBot, env: Env, admin: Actor) -> None:
    """The holiday buttons are live for the system administrator."""
    page = DeadlinesPage(env, admin)
    qtbot.addWidget(page)
    assert page.add_holiday_button.isEnabled()
    assert page.table.rowCount() == 0
