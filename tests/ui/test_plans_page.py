"""考核计划 on the desktop: file a plan, open its batch; empty pages point at the next step."""

from __future__ import annotations

from datetime import date

from pytestqt.qtbot import QtBot

from kaoping.domain.roles import Role
from kaoping.services import plans
from kaoping.services.base import Actor, Env
from kaoping.ui.main_window import MainWindow
from kaoping.ui.pages.plans_page import BatchDialog, PlanDialog, PlansPage
from kaoping.ui.pages.sessions_page import SessionsPage


def test_an_exam_administrator_files_a_plan_and_opens_a_batch(
    qtbot: QtBot, env: Env, actors: dict[Role, Actor]
) -> None:
    """The form refuses a bad plan with the service's reason, then files a good one and a batch."""
    admin = actors[Role.EXAM_ADMIN]
    page = PlansPage(env, admin)
    qtbot.addWidget(page)
    assert "还没有考核计划" in page.hint_label.text()
    assert not page.new_batch_button.isEnabled()
    assert "请先新建或选中" in page.new_batch_button.toolTip()
    dialog = PlanDialog(env, admin, page)
    qtbot.addWidget(dialog)
    assert dialog.occupation_combo.count() >= 10
    dialog.code_edit.setText("GX-2027-01")
    assert dialog.save() is False and "计划名称" in dialog.error_label.text()
    dialog.title_edit.setText("2027 年第一期人工智能工程技术人员初级评价")
    dialog.sites_edit.setText("南宁考点")
    assert dialog.save() is True and dialog.plan_id is not None
    page.reload(select_plan=dialog.plan_id)
    assert page.plan_table.rowCount() == 1 and page.new_batch_button.isEnabled()
    plan = page.chosen_plan()
    assert plan is not None and plan.code == "GX-2027-01"
    batch = BatchDialog(env, admin, plan, page)
    qtbot.addWidget(batch)
    batch.code_edit.setText("B-2027-01")
    batch.name_edit.setText("第一批")
    assert batch.save() is True
    page.reload()
    assert page.batch_table.rowCount() == 1
    assert page.batch_table.item(0, 0).text() == "B-2027-01"
    assert [b.code for b in plans.list_batches(env, admin)] == ["B-2027-01"]
    start = plans.list_batches(env, admin)[0].assessment_start
    assert start == plan.start_date and isinstance(start, date)


def test_sessions_page_without_a_batch_greys_out_its_buttons_and_points_to_plans(
    qtbot: QtBot, env: Env, actors: dict[Role, Actor]
) -> None:
    """No batch yet: every batch button is disabled with the reason; one click reaches 考核计划."""
    window = MainWindow(env, actors[Role.EXAM_ADMIN])
    qtbot.addWidget(window)
    window.show()
    page = window.show_page("sessions")
    assert isinstance(page, SessionsPage)
    for key in ("new", "seat", "staff", "tickets", "filing"):
        assert not page.buttons[key].isEnabled(), key
        assert "考核计划" in page.buttons[key].toolTip(), key
    assert page.buttons["register"].isEnabled()
    assert page.plan_button.isVisible()
    page.plan_button.click()
    assert window.current_key() == "plans"
