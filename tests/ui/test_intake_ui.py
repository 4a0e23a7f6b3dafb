"""The intake dialog, the candidates page and the sampling page, driven like a user would."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox

from kaoping.domain.catalogue import Level
from kaoping.domain.idnumber import check_character
from kaoping.domain.plans import Plan
from kaoping.domain.roles import Role
from kaoping.domain.roster import HEADER_OF, HEADERS
from kaoping.domain.sampling import CheckedFact
from kaoping.services import intake, plans
from kaoping.services.base import Actor, Env
from kaoping.services.ports.intake import CandidateQuery
from kaoping.ui.dialogs.import_dialog import ImportDialog
from kaoping.ui.dialogs.intake_dialog import IntakeDialog
from kaoping.ui.pages.candidates_page import PAGE_SIZE, CandidatesPage
from kaoping.ui.pages.sampling_page import OutcomeDialog, SamplingPage


def make_batch(env: Env, exam_admin: Actor) -> int:
    plan_id = plans.create_plan(
        env,
        exam_admin,
        Plan(
            0,
            "P-UI",
            "人工智能考核",
            "2-02-10-09",
            "计算机视觉产品实现",
            Level.JUNIOR,
            date(2026, 12, 1),
            date(2026, 12, 31),
            "南宁考点",
            2000,
            "广西某培训学校",
        ),
    )
    return plans.create_batch(
        env, exam_admin, plan_id, "B-UI", "第一批", date(2026, 12, 5), date(2026, 12, 6)
    )


def id_number(n: int) -> str:
    body = f"45010219900101{n:03d}"
    return body + check_character(body)


def write_roster(path: Path, count: int) -> None:
    keys = {v: k for k, v in HEADER_OF.items()}
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADERS)
        for n in range(count):
            values = {
                "name": f"考生{n}",
                "id_number": id_number(n),
                "phone": f"138{n:08d}",
                "education": "大学本科",
                "major_related": "是",
                "region_basis": "在桂居住",
                "region_note": "南宁市青秀区",
            }
            writer.writerow([values.get(keys[h], "") for h in HEADERS])


def test_form_shows_bad_id_inline_then_enters_candidate(
    qtbot: QtBot, env: Env, actors: dict[Role, Actor]
) -> None:
    """A wrong check digit is flagged next to the field as typed; fixed, the candidate is entered."""
    exam = actors[Role.EXAM_ADMIN]
    make_batch(env, exam)
    batch = plans.find_batch(env, exam, "B-UI")
    dialog = IntakeDialog(env, exam, batch, "人工智能工程技术人员")
    qtbot.addWidget(dialog)
    dialog.show()
    good = id_number(7)
    bad = good[:-1] + ("1" if good[-1] == "0" else "0")
    dialog.edits["name"].setText("李四")
    qtbot.keyClicks(dialog.edits["id_number"], bad)
    assert "校验码" in dialog.errors["id_number"].text()
    assert dialog.errors["id_number"].isVisible()
    dialog.edits["phone"].setText("13900000000")
    dialog.related_box.setChecked(True)
    dialog.combos["region_basis"].setCurrentText("在桂工作")
    dialog.edits["work_unit"].setText("南宁市某科技有限公司")
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    assert dialog.result_value is None and "校验码" in dialog.errors["id_number"].text()
    assert intake.list_candidates(env, exam, CandidateQuery()).total == 0
    dialog.edits["id_number"].clear()
    qtbot.keyClicks(dialog.edits["id_number"], good)
    assert dialog.errors["id_number"].text() == ""
    assert "1990-01-01" in dialog.id_facts_label.text()
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    assert dialog.result_value is not None and dialog.result_value.letter_pdf is not None
    rows = intake.list_candidates(env, exam, CandidateQuery()).rows
    assert [(r.name, r.id_masked) for r in rows] == [("李四", good[:3] + "*" * 11 + good[-4:])]


def test_form_shows_service_refusal_inline(
    qtbot: QtBot, env: Env, actors: dict[Role, Actor]
) -> None:
    """A duplicate application is refused next to the ID field, and nothing is stored twice."""
    exam = actors[Role.EXAM_ADMIN]
    make_batch(env, exam)
    batch = plans.find_batch(env, exam, "B-UI")
    for attempt in range(2):
        dialog = IntakeDialog(env, exam, batch, "人工智能工程技术人员")
        qtbot.addWidget(dialog)
        dialog.edits["name"].setText("王五")
        qtbot.keyClicks(dialog.edits["id_number"], id_number(8))
        dialog.edits["phone"].setText("13900000001")
        dialog.combos["region_basis"].setCurrentText("在桂居住")
        dialog.edits["region_note"].setText("桂林市七星区")
        dialog.combos["route"].setCurrentText("提交证明")
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
        assert (dialog.result_value is None) == (attempt == 1)
    assert "不能重复申报" in dialog.errors["id_number"].text()
    assert intake.list_candidates(env, exam, CandidateQuery()).total == 1


def test_page_fetches_lazily_and_imports(
    qtbot: QtBot, env: Env, actors: dict[Role, Actor], tmp_path: Path
) -> None:
    """The list reads one page at a time; the import dialog reports, then imports the roster."""
    exam = actors[Role.EXAM_ADMIN]
    batch_id = make_batch(env, exam)
    path = tmp_path / "roster.csv"
    write_roster(path, 450)
    dialog = ImportDialog(env, exam, batch_id, "B-UI")
    qtbot.addWidget(dialog)
    dialog.check(path)
    assert dialog.report is not None and dialog.report.valid_rows == 450
    assert dialog.all_button.isEnabled() and not dialog.valid_only_button.isEnabled()
    dialog.all_button.click()
    assert dialog.imported == 450
    page = CandidatesPage(env, exam)
    qtbot.addWidget(page)
    page.resize(1200, 700)
    page.show()
    assert page.model.total == 450 and page.model.rowCount() == PAGE_SIZE
    page.model.fetchMore()
    assert page.model.rowCount() == 2 * PAGE_SIZE
    page.view.sortByColumn(1, Qt.SortOrder.DescendingOrder)
    assert page.model.rowCount() == PAGE_SIZE and page.model.rows[0].name == "考生99"
    page.search_edit.setText("考生12")
    page.refresh()
    assert page.model.total == 11
    assert all("*" in r.id_masked for r in page.model.rows)
    assert page.notice_label.isVisible()


def test_import_dialog_says_which_row_holds_the_header(
    qtbot: QtBot, env: Env, actors: dict[Role, Actor], tmp_path: Path
) -> None:
    """With a title and a note above the header, the report names the row the header is in."""
    exam = actors[Role.EXAM_ADMIN]
    batch_id = make_batch(env, exam)
    plain = tmp_path / "plain.csv"
    write_roster(plain, 3)
    titled = tmp_path / "titled.csv"
    titled.write_text(
        "2026年第一批考生名册\n注：带*号的为必填项\n" + plain.read_text(encoding="utf-8-sig"),
        encoding="utf-8-sig",
    )
    dialog = ImportDialog(env, exam, batch_id, "B-UI")
    qtbot.addWidget(dialog)
    dialog.check(titled)
    assert dialog.report is not None and dialog.report.valid_rows == 3
    assert dialog.summary_label.text() == "表头在第 3 行。共 3 行，全部有效。"
    dialog.check(plain)
    assert dialog.summary_label.text().startswith("表头在第 1 行。")


def _sampling_page(
    qtbot: QtBot, env: Env, actors: dict[Role, Actor], tmp_path: Path, candidates: int
) -> SamplingPage:
    """The supervisor's sampling page over a batch of imported candidates, ratio 0.1."""
    exam = actors[Role.EXAM_ADMIN]
    batch_id = make_batch(env, exam)
    path = tmp_path / "roster.csv"
    write_roster(path, candidates)
    intake.import_roster(env, exam, batch_id, path, valid_only=False)
    page = SamplingPage(env, actors[Role.SUPERVISOR])
    qtbot.addWidget(page)
    page.ratio_spin.setValue(0.1)
    return page


def test_sampling_page_draws(
    qtbot: QtBot, env: Env, actors: dict[Role, Actor], tmp_path: Path
) -> None:
    """A supervisor draws a sample from the page and sees who is to be checked."""
    page = _sampling_page(qtbot, env, actors, tmp_path, 40)
    page.seed_edit.setText("ui-seed")
    page.draw_button.click()
    assert page.table.rowCount() == 4
    assert "ui-seed" in page.info_label.text()


def test_sampling_outcome_chosen_in_the_dialog_is_recorded(
    qtbot: QtBot,
    env: Env,
    actors: dict[Role, Actor],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """An outcome picked in the dialog's combo box reaches the record and the table."""
    page = _sampling_page(qtbot, env, actors, tmp_path, 20)
    page.draw_button.click()
    assert page.table.rowCount() == 2

    def answer(dialog: OutcomeDialog) -> QDialog.DialogCode:
        combo = dialog.combos[CheckedFact.EDUCATION]
        combo.setCurrentIndex(combo.findText("属实"))
        dialog.notes[CheckedFact.EDUCATION].setText("学信网查询")
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(OutcomeDialog, "exec", answer)
    page.table.selectRow(0)
    page.record_button.click()
    column = page.table.columnCount() - len(CheckedFact)
    assert page.table.item(0, column).text() == "属实"


def test_opening_the_list_reads_the_database_once(
    qtbot: QtBot, env: Env, actors: dict[Role, Actor], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Setting up the sortable view does not read the first page three times over."""
    calls: list[CandidateQuery] = []
    real = intake.list_candidates

    def counting(env_: Env, actor: Actor, query: CandidateQuery) -> object:
        calls.append(query)
        return real(env_, actor, query)

    monkeypatch.setattr(intake, "list_candidates", counting)
    page = CandidatesPage(env, actors[Role.EXAM_ADMIN])
    qtbot.addWidget(page)
    assert len(calls) == 1
    page.view.sortByColumn(1, Qt.SortOrder.DescendingOrder)
    assert len(calls) == 2 and calls[-1].sort == "name" and calls[-1].descending
