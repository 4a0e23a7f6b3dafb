"""The score grid (成绩录入) keyed with the keyboard alone, and the check-and-confirm page."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime
from decimal import Decimal

from pytestqt.qtbot import QtBot

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush

from kaoping.domain.catalogue import Level
from kaoping.domain.plans import Plan
from kaoping.domain.roles import Role
from kaoping.domain.scoring import Mark, ScoreStatus
from kaoping.services import plans, scores
from kaoping.services.base import Actor, Env
from kaoping.storage.exams_tables import ExamSessionRow, SeatRow
from kaoping.storage.intake_tables import CandidateRow
from kaoping.ui.pages import scores_page
from kaoping.ui.pages.confirm_page import ConfirmPage
from kaoping.ui.pages.scores_page import SCORE_COLUMN, ScoresPage
from tests.integration.test_scores_workflow import STARTED, examiner_accounts, on_panel

MakeUser = Callable[[str, list[Role]], Actor]
T0 = datetime(2026, 12, 5, 1, 0, tzinfo=UTC)
TYPO_ROW, ABSENT_ROW, DECIMAL_ROW = 4, 9, 12


def seed_session(env: Env, admin: Actor, count: int) -> int:
    """A junior theory session with `count` seated candidates (tickets GX0001...)."""
    plan_id = plans.create_plan(
        env,
        admin,
        Plan(
            0,
            "P-UI-01",
            "人工智能初级",
            "2-02-10-09",
            "",
            Level.JUNIOR,
            date(2026, 12, 1),
            date(2026, 12, 31),
            "南宁考点",
            100,
            "",
        ),
    )
    batch_id = plans.create_batch(
        env, admin, plan_id, "B-UI-01", "第一批", date(2026, 12, 5), date(2026, 12, 6)
    )
    with env.uow() as uow:
        db = uow.session  # type: ignore[attr-defined]
        rows = [
            CandidateRow(
                batch_id=batch_id,
                eligible=True,  # as intake leaves an eligible applicant
                name=f"考生{i:02d}",
                id_type="居民身份证",
                id_number=f"45010219900101{i:03d}X",
                id_masked=f"450102********{i:03d}X",
                person_key=f"key-{i}",
                education="本科",
                occupation_code="2-02-10-09",
                level="junior",
                created_at=T0,
                updated_at=T0,
            )
            for i in range(1, count + 1)
        ]
        session = ExamSessionRow(
            batch_id=batch_id,
            code="S-101",
            component="theory",
            site="南宁考点",
            room="101",
            starts_at=STARTED,
            ends_at=STARTED,
            capacity=count,
        )
        db.add_all([*rows, session])
        db.flush()
        db.add_all(
            [
                SeatRow(
                    session_id=session.id, candidate_id=row.id, seat_no=i, ticket_no=f"GX{i:04d}"
                )
                for i, row in enumerate(rows, start=1)
            ]
        )
        session_id = session.id
        uow.commit()
    on_panel(env, [session_id], examiner_accounts(env))
    return session_id


def expected_score(row: int) -> str:
    return "75.5" if row == DECIMAL_ROW else str(55 + row)


def key_row(qtbot: QtBot, page: ScoresPage, row: int) -> None:
    """Key one row; some rows first get a typo that must be refused inline."""
    view = page.view
    if row in (TYPO_ROW, DECIMAL_ROW):
        qtbot.keyClicks(view, "150" if row == TYPO_ROW else "7.55")
        qtbot.keyClick(view, Qt.Key.Key_Return)
        assert view.currentIndex().row() == row
        assert page.model.error(row)
        assert f"第 {row + 1} 行" in page.message_label.text()
        assert "0 到 100" in page.message_label.text()
        background = page.model.index(row, SCORE_COLUMN).data(Qt.ItemDataRole.BackgroundRole)
        assert isinstance(background, QBrush)
        assert background.color() == scores_page.ERROR_BACKGROUND
    if row == ABSENT_ROW:
        qtbot.keyClick(view, Qt.Key.Key_Q)
        return
    qtbot.keyClicks(view, expected_score(row))
    qtbot.keyClick(view, Qt.Key.Key_Return)


def test_thirty_rows_keyed_with_keystrokes_only(
    qtbot: QtBot, env: Env, actors: dict[Role, Actor]
) -> None:
    """An examiner keys 30 candidates with digits, Enter and Q; typos are caught on their row."""
    session_id = seed_session(env, actors[Role.EXAM_ADMIN], 30)
    examiner = actors[Role.EXAMINER]
    page = ScoresPage(env, examiner)
    qtbot.addWidget(page)
    page.show()
    page.select_session(session_id)
    assert page.model.rowCount() == 30
    assert "11-25 09:00" in page.session_combo.currentText()  # 01:00 UTC, shown in Beijing time
    for row in range(30):
        assert page.view.currentIndex().row() == row
        key_row(qtbot, page, row)
        assert not page.model.error(row)
    assert page.view.currentIndex().row() == 29
    assert "第 30 行" in page.message_label.text()
    sheet = scores.score_sheet(env, examiner, session_id)
    for row, line in enumerate(sheet.lines):
        want = (
            Mark(ScoreStatus.ABSENT)
            if row == ABSENT_ROW
            else Mark(ScoreStatus.PRESENT, Decimal(expected_score(row)))
        )
        assert line.mine == want, row
    assert page.model.index(ABSENT_ROW, 4).data() == "缺考"


def test_second_keyer_sees_an_empty_score_and_cannot_retype(
    qtbot: QtBot, env: Env, actors: dict[Role, Actor], make_user: MakeUser
) -> None:
    """The second examiner's grid hides the first value; a keyed row refuses more typing."""
    second = make_user("examiner_b", [Role.EXAMINER])
    session_id = seed_session(env, actors[Role.EXAM_ADMIN], 2)
    first = actors[Role.EXAMINER]
    line = scores.score_sheet(env, first, session_id).lines[0]
    scores.enter_score(
        env, first, session_id, line.candidate_id, Mark(ScoreStatus.PRESENT, Decimal(85))
    )
    page = ScoresPage(env, second)
    qtbot.addWidget(page)
    page.select_session(session_id)
    assert page.model.index(0, SCORE_COLUMN).data() == ""
    assert page.model.index(0, 6).data() == "待第二次录入"
    qtbot.keyClicks(page.view, "85")
    qtbot.keyClick(page.view, Qt.Key.Key_Return)
    assert page.model.index(0, 6).data() == "两次一致"
    page.view.setCurrentIndex(page.model.index(0, SCORE_COLUMN))
    qtbot.keyClicks(page.view, "9")
    assert "已录入过" in page.message_label.text()
    assert page.model.draft(0) == ""


def test_confirm_page_lists_blockers_and_mismatches(
    qtbot: QtBot, env: Env, actors: dict[Role, Actor], make_user: MakeUser
) -> None:
    """The supervisor sees the mismatch with both keyings, resolves it, then confirms."""
    a, b = actors[Role.EXAMINER], make_user("examiner_b", [Role.EXAMINER])
    session_id = seed_session(env, actors[Role.EXAM_ADMIN], 2)
    ids = [ln.candidate_id for ln in scores.score_sheet(env, a, session_id).lines]
    for keyer, values in ((a, ("70", "80")), (b, ("70", "88"))):
        for cid, value in zip(ids, values, strict=True):
            scores.enter_score(
                env, keyer, session_id, cid, Mark(ScoreStatus.PRESENT, Decimal(value))
            )
    page = ConfirmPage(env, actors[Role.SUPERVISOR])
    qtbot.addWidget(page)
    page.select_session(session_id)
    assert page.mismatch_table.rowCount() == 1
    assert "80 分" in page.mismatch_table.item(0, 3).text()
    assert "88 分" in page.mismatch_table.item(0, 4).text()
    assert not page.confirm_button.isEnabled()
    assert page.blocker_list.count() == 1
    page.resolve_row(0, "88", "核对答题卡，第一次录入看错")
    assert page.mismatch_table.rowCount() == 0
    assert page.confirm_button.isEnabled()
    page.confirm_selected(ask=False)
    assert "已确认锁定" in page.status_label.text()
    assert not page.confirm_button.isEnabled()


def test_score_grid_has_the_focus_when_the_page_is_chosen(
    qtbot: QtBot, env: Env, actors: dict[Role, Actor]
) -> None:
    """After choosing 成绩录入, digits go straight into the grid: no Tab to reach it."""
    from PySide6.QtWidgets import QApplication

    from kaoping.ui.main_window import MainWindow

    session_id = seed_session(env, actors[Role.EXAM_ADMIN], 3)
    window = MainWindow(env, actors[Role.EXAMINER])
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    page = window.show_page("scores")
    assert isinstance(page, ScoresPage)
    page.select_session(session_id)
    window._ui.nav_list.setFocus()
    window.show_page("home")
    window.show_page("scores")
    qtbot.waitUntil(lambda: QApplication.focusWidget() is page.view)
    qtbot.keyClicks(QApplication.focusWidget(), "88")
    assert page.model.draft(0) == "88"


def test_mismatches_are_red_counted_and_can_be_shown_alone(
    qtbot: QtBot, env: Env, actors: dict[Role, Actor], make_user: MakeUser
) -> None:
    """Two keyings that disagree: red, 不一致 N 行 above the grid, and 只看不一致 hides the rest."""
    second = make_user("examiner_b", [Role.EXAMINER])
    session_id = seed_session(env, actors[Role.EXAM_ADMIN], 4)
    first = actors[Role.EXAMINER]
    lines = scores.score_sheet(env, first, session_id).lines
    for line, value in zip(lines, (80, 81, 82, 83), strict=True):
        scores.enter_score(
            env, first, session_id, line.candidate_id, Mark(ScoreStatus.PRESENT, Decimal(value))
        )
    for line, value in zip(lines, (80, 91, 82, 93), strict=True):
        scores.enter_score(
            env, second, session_id, line.candidate_id, Mark(ScoreStatus.PRESENT, Decimal(value))
        )
    page = ScoresPage(env, second)
    qtbot.addWidget(page)
    page.show()
    page.select_session(session_id)
    assert page.mismatch_label.text() == "不一致 2 行，待裁定"
    red = page.model.index(1, 6).data(Qt.ItemDataRole.BackgroundRole)
    assert isinstance(red, QBrush) and red.color() == scores_page.MISMATCH_BACKGROUND
    assert page.model.index(0, 6).data(Qt.ItemDataRole.BackgroundRole) is None
    page.mismatch_only.setChecked(True)
    shown = [row for row in range(4) if not page.view.isRowHidden(row)]
    assert shown == [1, 3]
    page.mismatch_only.setChecked(False)
    assert not any(page.view.isRowHidden(row) for row in range(4))


def test_a_refused_keying_leaves_the_row_as_it_was(
    qtbot: QtBot, env: Env, actors: dict[Role, Actor]
) -> None:
    """A score out of range is refused: the status cell keeps what is saved (nothing), not 实考."""
    session_id = seed_session(env, actors[Role.EXAM_ADMIN], 2)
    page = ScoresPage(env, actors[Role.EXAMINER])
    qtbot.addWidget(page)
    page.show()
    page.select_session(session_id)
    before = page.model.index(0, 4).data()
    qtbot.keyClicks(page.view, "150")
    qtbot.keyClick(page.view, Qt.Key.Key_Return)
    assert page.model.error(0)
    assert page.model.index(0, 4).data() == before != "实考"


def test_keys_work_with_a_chinese_input_method_on(
    qtbot: QtBot, env: Env, actors: dict[Role, Actor]
) -> None:
    """The grid takes no input-method composition, and full-width digits and 。 still type."""
    session_id = seed_session(env, actors[Role.EXAM_ADMIN], 2)
    examiner = actors[Role.EXAMINER]
    page = ScoresPage(env, examiner)
    qtbot.addWidget(page)
    page.show()
    page.select_session(session_id)
    assert not page.view.testAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled)
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication

    for char in "７５。５":  # as a Chinese layout sends them; QTest types Latin-1 only
        event = QKeyEvent(QEvent.Type.KeyPress, 0, Qt.KeyboardModifier.NoModifier, char)
        QApplication.sendEvent(page.view, event)
    assert page.model.draft(0) == "75.5"
    qtbot.keyClick(page.view, Qt.Key.Key_Return)
    line = scores.score_sheet(env, examiner, session_id).lines[0]
    assert line.mine == Mark(ScoreStatus.PRESENT, Decimal("75.5"))
