"""The import dialog's eligibility tab, the supervisor's exception on the candidates page, the
remit page and the remit chosen at set-up, driven as a user would."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QInputDialog

from kaoping.adapters.clock import FixedClock
from kaoping.bootstrap import build_env
from kaoping.domain.catalogue import Level
from kaoping.domain.remit import RemitEntry
from kaoping.domain.roles import Role
from kaoping.domain.roster import HEADERS, KEY_OF
from kaoping.services import accounts, remit, setup
from kaoping.services.base import Actor, Env
from kaoping.ui import messages
from kaoping.ui.dialogs.import_dialog import ImportDialog
from kaoping.ui.pages import pages_for
from kaoping.ui.pages.candidates_page import COLUMNS, CandidatesPage
from kaoping.ui.pages.remit_page import RemitDialog, RemitPage
from kaoping.ui.setup_wizard import SetupWizard
from tests.databases import PASSWORD, USERNAMES, dispose
from tests.integration.test_intake_service import cells, id_number, make_batch
from tests.ui import wizard_steps

AI = "2-02-10-09"
VISION = "计算机视觉产品实现"
BASIS = "核对结业名单：已结业，证书编号待补（材料已存档）"


def _roster(path: Path) -> Path:
    rows = [
        cells(id_number(81)),
        cells(id_number(82), name="陆晓红", training_cert_no="", training_body="",
              training_hours="", training_date=""),
    ]  # fmt: skip
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADERS)
        for row in rows:
            writer.writerow([row.get(KEY_OF[h], "") for h in HEADERS])
    return path


def test_import_dialog_counts_and_lists_each_rows_verdict(
    qtbot: QtBot, env: Env, actors: dict[Role, Actor], tmp_path: Path
) -> None:
    """After the check the dialog says how many rows are eligible and shows the eligibility tab
    with the alternative met or the reason, then imports both rows."""
    admin = actors[Role.EXAM_ADMIN]
    batch_id = make_batch(env, admin)
    dialog = ImportDialog(env, admin, batch_id, "B2026-AI-01")
    qtbot.addWidget(dialog)
    dialog.check(_roster(tmp_path / "roster.csv"))
    assert "符合 1 行，不符合 1 行" in dialog.eligibility_label.text()
    assert dialog.tabs.currentWidget() is dialog.eligibility_table
    table = dialog.eligibility_table
    shown = [[table.item(r, c).text() for c in range(4)] for r in range(table.rowCount())]
    assert shown[0][:3] == ["2", "张三", "符合"]
    assert shown[0][3] == "（2）具有相关专业大学本科及以上学历"
    assert shown[1][:3] == ["3", "陆晓红", "不符合"] and "缺少：培训合格证书编号" in shown[1][3]
    assert dialog.all_button.isEnabled()
    dialog.all_button.click()
    assert dialog.imported == 2


def test_supervisor_records_an_exception_on_the_candidates_page(
    qtbot: QtBot,
    env: Env,
    actors: dict[Role, Actor],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The supervisor selects the ineligible row, reads the verdict, types the basis; the list
    then says the exception is recorded. The administrator has no such button."""
    admin, supervisor = actors[Role.EXAM_ADMIN], actors[Role.SUPERVISOR]
    batch_id = make_batch(env, admin)
    dialog = ImportDialog(env, admin, batch_id, "B2026-AI-01")
    qtbot.addWidget(dialog)
    dialog.check(_roster(tmp_path / "roster.csv"))
    dialog.all_button.click()
    assert CandidatesPage(env, admin).override_button.isHidden()
    page = CandidatesPage(env, supervisor)
    qtbot.addWidget(page)
    assert not page.override_button.isHidden()
    row = next(i for i, r in enumerate(page.model.rows) if not r.eligible)
    page.view.selectRow(row)
    asked: list[str] = []

    def answer(_parent: object, _title: str, label: str, *_args: object) -> tuple[str, bool]:
        asked.append(label)
        return BASIS, True

    monkeypatch.setattr(QInputDialog, "getMultiLineText", answer)
    page.override_button.click()
    assert "缺少：培训合格证书编号" in asked[0] and id_number(82) not in asked[0]
    assert BASIS in page.result_label.text()
    stored = next(r for r in page.model.rows if r.name == "陆晓红")
    assert stored.eligibility_override
    column = [c[0] for c in COLUMNS].index("申报条件")
    index = page.model.index(page.model.rows.index(stored), column)
    assert page.model.data(index, Qt.ItemDataRole.DisplayRole).startswith("不符合（已登记例外）")


def test_remit_page_proposes_and_the_supervisor_confirms(
    qtbot: QtBot, env: Env, actors: dict[Role, Actor], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The administrator ticks 人工智能 初级 for every direction and proposes it; the supervisor's
    page shows it waiting and confirms it; everyone sees the page."""
    admin, supervisor = actors[Role.SYSTEM_ADMIN], actors[Role.SUPERVISOR]
    monkeypatch.setattr(messages, "show_info", lambda *_args: None)
    assert all("remit" in {s.key for s in pages_for(a)} for a in actors.values())
    page = RemitPage(env, admin)
    qtbot.addWidget(page)
    assert "已生效的业务范围" in page.current_label.text() and page.confirm_button.isHidden()
    page.tree.fill([(AI, "人工智能工程技术人员", [VISION])])
    page.tree.topLevelItem(0).setCheckState(1, Qt.CheckState.Checked)
    page.basis_edit.setText("评价机构目录（测试）")
    page.propose_button.click()
    assert "待质量督导员确认" in page.pending_label.text() and not page.pending_label.isHidden()
    review = RemitPage(env, supervisor)
    qtbot.addWidget(review)
    assert not review.tree.isEnabled() and review.propose_button.isHidden()
    assert review.confirm_button.isEnabled()
    review.confirm_button.click()
    state = remit.remit_state(env, supervisor)
    assert state.pending is None and state.current is not None
    assert state.current.entries == (RemitEntry(AI, Level.JUNIOR),)
    assert "人工智能工程技术人员（2-02-10-09）全部方向 初级" in review.current_label.text()


def test_remit_dialog_reads_the_ticks_of_directions_and_levels(qtbot: QtBot) -> None:
    """A tick in a direction's row is that direction; in the occupation's row, all of them."""
    dialog = RemitDialog([(AI, "人工智能工程技术人员", [VISION])], [RemitEntry(AI, Level.SENIOR)])
    qtbot.addWidget(dialog)
    top = dialog.tree.topLevelItem(0)
    assert top.checkState(3) == Qt.CheckState.Checked
    top.child(0).setCheckState(2, Qt.CheckState.Checked)
    assert sorted(dialog.entries(), key=lambda e: e.level.value) == [
        RemitEntry(AI, Level.INTERMEDIATE, VISION),
        RemitEntry(AI, Level.SENIOR),
    ]


@pytest.fixture
def empty_env(empty_db_url: str, clock: FixedClock) -> Iterator[Env]:
    environment = build_env(empty_db_url, clock=clock, fast_hashing=True)
    yield environment
    dispose(environment)


def test_setup_dialog_takes_the_remit_chosen_in_its_own_dialog(
    qtbot: QtBot, empty_env: Env
) -> None:
    """The remit picked at set-up is stored as the administrator's proposal, waiting."""
    wizard = SetupWizard(empty_env)
    qtbot.addWidget(wizard)
    wizard_steps.fill(wizard, supervisor=USERNAMES[Role.SUPERVISOR])
    wizard.choose_remit([RemitEntry(AI, Level.JUNIOR)], "评价机构目录（测试）")
    assert wizard.remit_summary_label.text().startswith("已选 1 项")
    hint = wizard.sizeHint()
    assert hint.height() <= 680, hint.height()
    assert wizard_steps.finish(wizard) == ""
    supervisor = accounts.sign_in(empty_env, USERNAMES[Role.SUPERVISOR], PASSWORD)
    pending = remit.remit_state(empty_env, supervisor).pending
    assert pending is not None and pending.entries == (RemitEntry(AI, Level.JUNIOR),)
    assert pending.proposed_by == "admin" and setup.is_initialised(empty_env)
