"""The check-in screen: scan or type + Enter shows the candidate; function keys set the state."""

from __future__ import annotations

import io
import os
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from PIL import Image
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from PySide6.QtCore import Qt, QTimer

from kaoping.domain.assessment import Component
from kaoping.domain.beijing import BEIJING
from kaoping.domain.catalogue import Level
from kaoping.domain.plans import Plan
from kaoping.domain.roles import Role
from kaoping.services import checkin, photos, plans, sessions
from kaoping.services.base import Actor, Env
from kaoping.services.ports.exams import IncidentKind, NewSession
from kaoping.storage.intake_tables import CandidateRow
from kaoping.ui.pages import checkin_page
from kaoping.ui.pages.checkin_page import CheckinPage
from tests.photo_faces import photo_rows, portrait_jpeg


def _seated_session(env: Env, admin: Actor) -> int:
    plan_id = plans.create_plan(
        env,
        admin,
        Plan(
            0,
            "P-UI",
            "签到界面测试",
            "2-02-10-09",
            "",
            Level.JUNIOR,
            date(2026, 12, 1),
            date(2026, 12, 31),
            "南宁",
            10,
            "",
        ),
    )
    batch_id = plans.create_batch(
        env, admin, plan_id, "UI01", "第一批", date(2026, 12, 5), date(2026, 12, 5)
    )
    photo = io.BytesIO()
    Image.new("RGB", (90, 120), "#557799").save(photo, format="PNG")
    now = datetime(2026, 11, 25, tzinfo=UTC)
    with env.uow() as uow:
        uow.session.add_all(
            [
                CandidateRow(  # type: ignore[attr-defined]
                    batch_id=batch_id,
                    eligible=True,  # as intake leaves an eligible applicant
                    name=name,
                    id_type="居民身份证",
                    id_number=f"45010219900101{n:04d}",
                    id_masked=f"450102********{n:04d}",
                    person_key=f"ui{n}",
                    education="本科",
                    occupation_code="2-02-10-09",
                    direction="",
                    level="junior",
                    status="active",
                    created_at=now,
                    updated_at=now,
                )
                for n, name in enumerate(("韦小宝", "覃海燕"), start=1)
            ]
        )
        uow.session.flush()  # type: ignore[attr-defined]
        ids = list(uow.session.scalars(select(CandidateRow.id)))  # type: ignore[attr-defined]
        uow.session.add_all(photo_rows(ids, photo.getvalue()))  # type: ignore[attr-defined]
        uow.commit()
    start = datetime(2026, 12, 5, 9, 0, tzinfo=BEIJING)
    session_id = sessions.create_session(
        env,
        admin,
        NewSession(
            batch_id,
            "T01",
            Component.THEORY,
            "南宁",
            "301",
            start,
            start + timedelta(minutes=90),
            30,
        ),
    )
    sessions.seat_session(env, admin, session_id)
    return session_id


def test_scan_shows_candidate_and_keys_set_state(
    qtbot: QtBot, env: Env, actors: dict[Role, Actor]
) -> None:
    """Typing a ticket number + Enter shows name, masked ID, seat and photo; F2 marks late."""
    session_id = _seated_session(env, actors[Role.EXAM_ADMIN])
    page = CheckinPage(env, actors[Role.EXAMINER])
    qtbot.addWidget(page)
    page.show()
    page.activateWindow()
    page.select_session(session_id)
    qtbot.waitUntil(page.scan_edit.hasFocus)
    qtbot.keyClicks(page.scan_edit, "UI01001002")
    qtbot.keyClick(page.scan_edit, Qt.Key.Key_Return)
    assert page.name_label.text() == "覃海燕"
    assert page.seat_label.text() == "002" and "********0002" in page.id_label.text()
    assert page.state_label.text() == "已到" and not page.photo_label.pixmap().isNull()
    assert page.scan_edit.text() == "" and page.scan_edit.hasFocus()
    assert page.counts_table.item(0, 2).text() == "1"
    qtbot.keyClick(page.scan_edit, Qt.Key.Key_F2)
    assert page.state_label.text() == "迟到"
    assert page.counts_table.item(0, 3).text() == "1" and page.counts_table.item(0, 2).text() == "0"


def test_unknown_number_is_explained_inline(
    qtbot: QtBot, env: Env, actors: dict[Role, Actor]
) -> None:
    """A number nobody has leaves the card empty and says what to do, without a dialog."""
    session_id = _seated_session(env, actors[Role.EXAM_ADMIN])
    page = CheckinPage(env, actors[Role.EXAMINER])
    qtbot.addWidget(page)
    page.show()
    page.select_session(session_id)
    qtbot.keyClicks(page.scan_edit, "UI01009009")
    qtbot.keyClick(page.scan_edit, Qt.Key.Key_Return)
    assert page.name_label.text() == "" and "查无" in page.message_label.text()
    assert not page.state_buttons[next(iter(page.state_buttons))].isEnabled()


def test_counts_follow_other_desks_only_while_the_page_is_shown(
    qtbot: QtBot, env: Env, actors: dict[Role, Actor], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another desk's check-in shows up by itself on a visible page; a hidden page stays idle."""
    monkeypatch.setattr(checkin_page, "REFRESH_MS", 50)
    session_id = _seated_session(env, actors[Role.EXAM_ADMIN])
    page = CheckinPage(env, actors[Role.EXAMINER])
    qtbot.addWidget(page)
    page.show()
    page.select_session(session_id)
    assert page.counts_table.item(0, 2).text() == "0"
    checkin.check_in(env, actors[Role.EXAM_ADMIN], session_id, "UI01001001")
    qtbot.waitUntil(lambda: page.counts_table.item(0, 2).text() == "1", timeout=3000)
    refresh = page.findChild(QTimer, "countsRefresh")
    assert refresh is not None and refresh.isActive()
    page.hide()
    # With its timer stopped a hidden page cannot query the database, however long it waits.
    assert not refresh.isActive()
    page.show()
    assert refresh.isActive()


def test_the_photo_shows_large_and_f9_records_a_mismatch(
    qtbot: QtBot, env: Env, actors: dict[Role, Actor], tmp_path: Path
) -> None:
    """A scanned ticket shows the stored photo large at once; F9 records 人证不符 as an incident."""
    admin = actors[Role.EXAM_ADMIN]
    session_id = _seated_session(env, admin)
    with env.uow(write=False) as uow:
        batch = uow.plans.batch_by_code("UI01")
        assert batch is not None
        targets = uow.photos.targets(batch.id)
    for i, target in enumerate(targets):
        photos.set_photo(env, admin, target.candidate_id, portrait_jpeg(40 + i))
    page = CheckinPage(env, actors[Role.EXAMINER])
    qtbot.addWidget(page)
    page.resize(1366, 768)
    page.show()
    page.activateWindow()
    page.select_session(session_id)
    qtbot.waitUntil(page.scan_edit.hasFocus)
    qtbot.keyClicks(page.scan_edit, "UI01001002")
    qtbot.keyClick(page.scan_edit, Qt.Key.Key_Return)

    shown = page.photo_label.pixmap().toImage()
    assert shown.width() >= 240 and shown.height() >= 296
    face = shown.pixelColor(shown.width() // 2, shown.height() * 45 // 100)
    assert face.red() > face.blue() + 30  # skin, not the empty grey box
    page.grab().save(str(tmp_path / "checkin.png"))
    if os.environ.get("KAOPING_SCREENSHOTS"):
        page.grab().save(str(Path(os.environ["KAOPING_SCREENSHOTS"]) / "checkin.png"))
    assert page.mismatch_button.text() == "人证不符（F9）" and page.mismatch_button.isEnabled()

    qtbot.keyClick(page.scan_edit, Qt.Key.Key_F9)
    recorded = checkin.incidents(env, admin, session_id)
    assert [i.kind for i in recorded] == [IncidentKind.IDENTITY_MISMATCH]
    assert "人证不符" in page.message_label.text() and "覃海燕" in page.message_label.text()
