"""Check-in at the room door: ticket QR from a printed ticket, ID number, attendance, incidents."""

from __future__ import annotations

import io
import json
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pypdfium2
import pytest
from PIL import Image
from sqlalchemy import select

from kaoping.adapters.clock import FixedClock
from kaoping.bootstrap import build_env
from kaoping.domain.assessment import Component
from kaoping.domain.beijing import BEIJING
from kaoping.domain.catalogue import Level
from kaoping.domain.errors import NotFound, PermissionDenied, ValidationError
from kaoping.domain.packages import PackageKind
from kaoping.domain.plans import Plan
from kaoping.domain.roles import Role
from kaoping.services import accounts, checkin, exchange, plans, sessions, setup, site
from kaoping.services.base import Actor, Env
from kaoping.services.checkin import CheckinMethod, ForgedTicket
from kaoping.services.ports.exams import Attendance, IncidentKind, NewSession
from kaoping.storage.intake_tables import CandidateRow
from tests.databases import add_user, first_setup
from tests.integration.test_exchange_site import BODY, PASSPHRASE, PASSWORD, backdated_key
from tests.photo_faces import photo_rows


def _photo(colour: str) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (120, 160), colour).save(buffer, format="PNG")
    return buffer.getvalue()


def _setup(env: Env, admin: Actor, candidates: int = 6) -> tuple[int, int]:
    """A junior batch with two theory rooms of three seats, candidates seated; returns both ids."""
    plan_id = plans.create_plan(
        env,
        admin,
        Plan(
            0,
            "P-CHECKIN",
            "签到测试计划",
            "2-02-10-09",
            "",
            Level.JUNIOR,
            date(2026, 12, 1),
            date(2026, 12, 31),
            "南宁考点",
            50,
            "",
        ),
    )
    batch_id = plans.create_batch(
        env, admin, plan_id, "GX2026AI01", "第一批", date(2026, 12, 5), date(2026, 12, 5)
    )
    now = datetime(2026, 11, 25, tzinfo=UTC)
    with env.uow() as uow:
        uow.session.add_all(
            [
                CandidateRow(  # type: ignore[attr-defined]
                    batch_id=batch_id,
                    eligible=True,  # as intake leaves an eligible applicant
                    name=f"考生{n}",
                    id_type="居民身份证",
                    id_number=f"45010219900101{n:03d}X",
                    id_masked=f"450102**********{n}X",
                    person_key=f"k{n}",
                    education="本科",
                    occupation_code="2-02-10-09",
                    direction="",
                    level="junior",
                    status="active",
                    created_at=now,
                    updated_at=now,
                )
                for n in range(1, candidates + 1)
            ]
        )
        uow.session.flush()  # type: ignore[attr-defined]
        ids = list(uow.session.scalars(select(CandidateRow.id)))  # type: ignore[attr-defined]
        uow.session.add_all(photo_rows(ids, _photo("#3366aa")))  # type: ignore[attr-defined]
        uow.commit()
    start = datetime(2026, 12, 5, 9, 0, tzinfo=BEIJING)
    ids = [
        sessions.create_session(
            env,
            admin,
            NewSession(
                batch_id,
                code,
                Component.THEORY,
                "南宁考点",
                f"{code} 教室",
                start,
                start + timedelta(minutes=120),
                3,
            ),
        )
        for code in ("T01", "T02")
    ]
    sessions.seat_component(env, admin, batch_id, Component.THEORY)
    return ids[0], ids[1]


def _page_png(pdf: bytes) -> bytes:
    page = pypdfium2.PdfDocument(pdf)[0]
    image = page.render(scale=150 / 72).to_pil()
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def test_check_in_from_printed_ticket_qr(env: Env, actors: dict[Role, Actor]) -> None:
    """A photo of the printed ticket checks the candidate in and shows name, seat and photo."""
    admin, examiner = actors[Role.EXAM_ADMIN], actors[Role.EXAMINER]
    room1, _ = _setup(env, admin)
    pdf = sessions.ticket_pdf(env, admin, room1)
    assert pdf.startswith(b"%PDF") and len(pypdfium2.PdfDocument(pdf)) == 2
    outcome = checkin.check_in_image(env, examiner, room1, _page_png(pdf))
    assert outcome.method is CheckinMethod.QR and outcome.qr_verified
    assert outcome.seat.seat_no == 1 and outcome.seat.ticket_no == "GX2026AI01001001"
    assert outcome.seat.attendance is Attendance.PRESENT and not outcome.already
    assert outcome.seat.photo and outcome.seat.id_masked.startswith("450102*")
    assert outcome.seat.checked_in_at is not None
    again = checkin.check_in_image(env, examiner, room1, _page_png(pdf))
    assert again.already and again.previous is Attendance.PRESENT


def test_check_in_by_id_number_and_typed_ticket(env: Env, actors: dict[Role, Actor]) -> None:
    """A typed ID number (lower-case x) or ticket number finds the candidate, marked unverified."""
    examiner = actors[Role.EXAMINER]
    room1, _ = _setup(env, actors[Role.EXAM_ADMIN])
    by_id = checkin.check_in(env, examiner, room1, " 45010219900101002x\n")
    assert by_id.method is CheckinMethod.ID_NUMBER and by_id.seat.name == "考生2"
    assert not by_id.qr_verified and by_id.seat.attendance is Attendance.PRESENT
    typed = checkin.check_in(env, examiner, room1, "gx2026ai01001００3")
    assert typed.method is CheckinMethod.TICKET and typed.seat.seat_no == 3


def test_forged_or_misplaced_tickets_are_refused(env: Env, actors: dict[Role, Actor]) -> None:
    """A QR code with a wrong check value is refused and audited; another room's ticket says where."""
    admin, examiner = actors[Role.EXAM_ADMIN], actors[Role.EXAMINER]
    room1, _ = _setup(env, admin)
    with pytest.raises(ForgedTicket, match="伪造"):
        checkin.check_in(env, examiner, room1, "KPT-GX2026AI01001001-AAAAAAAA")
    with env.uow(write=False) as uow:
        forged = [r for r in uow.audit.records() if r.outcome == "refused"]
    assert [(r.action, r.target) for r in forged] == [("checkin.scan", f"session:{room1}")]
    assert "GX2026AI01001001 的二维码校验不通过" in json.loads(forged[0].details)["reason"]
    with pytest.raises(NotFound, match="T02"):
        checkin.check_in(env, examiner, room1, "GX2026AI01002001")
    with pytest.raises(NotFound, match="查无"):
        checkin.check_in(env, examiner, room1, "999999")
    seats = sessions.session_seats(env, admin, room1)
    assert all(s.attendance is Attendance.EXPECTED for s in seats)


def test_attendance_states_and_live_counts(
    env: Env, actors: dict[Role, Actor], clock: FixedClock
) -> None:
    """Late, absent and left are recorded per seat and the room counts follow at once."""
    admin, examiner = actors[Role.EXAM_ADMIN], actors[Role.EXAMINER]
    room1, room2 = _setup(env, admin)
    first = checkin.check_in(env, examiner, room1, "GX2026AI01001001")
    clock.advance(minutes=5)
    late = checkin.check_in(env, examiner, room1, "GX2026AI01001002")
    checkin.set_attendance(env, examiner, late.seat.seat_id, Attendance.LATE)
    seats = sessions.session_seats(env, admin, room1)
    checkin.set_attendance(env, examiner, seats[2].seat_id, Attendance.ABSENT)
    left = checkin.set_attendance(env, examiner, first.seat.seat_id, Attendance.LEFT)
    assert left.attendance is Attendance.LEFT and left.checked_in_at == first.seat.checked_in_at
    counts = {c.session.id: c for c in checkin.room_counts(env, examiner, room1)}
    assert counts[room1].counts == {Attendance.LEFT: 1, Attendance.LATE: 1, Attendance.ABSENT: 1}
    assert counts[room1].arrived == 1 and counts[room2].counts == {Attendance.EXPECTED: 3}
    rescan = checkin.check_in(env, examiner, room1, "GX2026AI01001002")
    assert rescan.already and rescan.seat.attendance is Attendance.LATE


def test_incidents_are_recorded_with_note(env: Env, actors: dict[Role, Actor]) -> None:
    """An incident needs a note; it is listed for the session afterwards."""
    examiner = actors[Role.EXAMINER]
    room1, _ = _setup(env, actors[Role.EXAM_ADMIN])
    seat = checkin.check_in(env, examiner, room1, "GX2026AI01001001").seat
    with pytest.raises(ValidationError, match="违纪经过"):
        checkin.record_incident(env, examiner, seat.seat_id, IncidentKind.DEVICE, "  ")
    checkin.record_incident(
        env, examiner, seat.seat_id, IncidentKind.DEVICE, "09:20 发现考生携带手机，已收缴并记录"
    )
    listed = checkin.incidents(env, examiner, room1)
    assert [(i.candidate_id, i.kind) for i in listed] == [(seat.candidate_id, IncidentKind.DEVICE)]
    assert "手机" in listed[0].note and listed[0].recorded_by == examiner.username


def test_check_in_needs_the_checkin_right(env: Env, actors: dict[Role, Actor]) -> None:
    """A certificate officer cannot check candidates in or record incidents."""
    room1, _ = _setup(env, actors[Role.EXAM_ADMIN])
    officer = actors[Role.CERTIFICATE_OFFICER]
    with pytest.raises(PermissionDenied, match="考生签到"):
        checkin.check_in(env, officer, room1, "GX2026AI01001001")
    with pytest.raises(PermissionDenied):
        checkin.room_counts(env, officer, room1)
    seats = sessions.session_seats(env, actors[Role.EXAM_ADMIN], room1)
    with pytest.raises(PermissionDenied):
        checkin.record_incident(env, officer, seats[0].seat_id, IncidentKind.OTHER, "x")
    assert seats[0].attendance is Attendance.EXPECTED


def test_rest_marked_absent_only_after_start(
    env: Env, actors: dict[Role, Actor], clock: FixedClock
) -> None:
    """Candidates not checked in become absent in one step, but not before the session starts."""
    examiner = actors[Role.EXAMINER]
    room1, _ = _setup(env, actors[Role.EXAM_ADMIN])
    checkin.check_in(env, examiner, room1, "GX2026AI01001001")
    with pytest.raises(ValidationError, match="尚未开始"):
        checkin.mark_remaining_absent(env, examiner, room1)
    clock.advance(days=10)
    examiner = accounts.sign_in(env, examiner.username, "Passw0rd-test")
    assert checkin.mark_remaining_absent(env, examiner, room1) == 2
    counts = {c.session.id: c.counts for c in checkin.room_counts(env, examiner, room1)}
    assert counts[room1] == {Attendance.PRESENT: 1, Attendance.ABSENT: 2}


def _ids_by_ticket(env: Env, admin: Actor, session_id: int) -> dict[str, str]:
    """Ticket number -> the full ID number `_setup` gave the candidate seated there."""
    return {
        seat.ticket_no: f"45010219900101{int(seat.name[2:]):03d}X"
        for seat in sessions.session_seats(env, admin, session_id)
    }


def test_check_in_by_id_number_on_a_site_laptop(
    env: Env, actors: dict[Role, Actor], tmp_path: Path, clock: FixedClock
) -> None:
    """Offline, with only masked numbers on the laptop, a typed ID still finds the candidate."""
    admin = actors[Role.EXAM_ADMIN]
    room1, room2 = _setup(env, admin)
    batch_id = plans.find_batch(env, admin, "GX2026AI01").id
    start = datetime(2026, 12, 5, 14, 0, tzinfo=BEIJING)
    practical = sessions.create_session(
        env,
        admin,
        NewSession(
            batch_id,
            "P01",
            Component.PRACTICAL,
            "南宁考点",
            "机房",
            start,
            start + timedelta(minutes=150),
            6,
        ),
    )
    sessions.seat_component(env, admin, batch_id, Component.PRACTICAL)
    cert = backdated_key(env, BODY.name)
    packages = [
        site.export_site_package(env, admin, "GX2026AI01", code, PASSPHRASE).data
        for code in ("T01", "P01")
    ]
    in_room1, in_room2 = _ids_by_ticket(env, admin, room1), _ids_by_ticket(env, admin, room2)
    in_practical = _ids_by_ticket(env, admin, practical)
    laptop = build_env(f"sqlite:///{tmp_path / 'site.db'}", clock=clock, fast_hashing=True)
    try:
        setup.initialise(laptop, first_setup("siteadmin", "考点管理员"))
        site_admin = accounts.sign_in(laptop, "siteadmin", PASSWORD)
        exchange.trust_signer(laptop, site_admin, cert, "总部", [PackageKind.SITE])
        add_user(laptop, site_admin, "site_lead", "考点负责人", [Role.EXAM_ADMIN])
        lead = accounts.sign_in(laptop, "site_lead", PASSWORD)
        theory, hands_on = (
            site.import_site_package(laptop, lead, data).session_id for data in packages
        )
        with laptop.uow(write=False) as uow:
            numbers = uow.session.query(CandidateRow.id_number).all()  # type: ignore[attr-defined]
        assert numbers and all(number == ("",) for number in numbers)
        ticket, number = next(iter(in_room1.items()))
        outcome = checkin.check_in(laptop, lead, theory, number.lower())
        assert outcome.method is CheckinMethod.ID_NUMBER and outcome.seat.ticket_no == ticket
        practical_ticket = next(t for t, n in in_practical.items() if n == number)
        again = checkin.check_in(laptop, lead, hands_on, number)
        assert again.seat.ticket_no == practical_ticket and not again.already
        elsewhere = next(n for n in in_room2.values())
        with pytest.raises(NotFound, match="P01"):
            checkin.find_candidate(laptop, lead, theory, elsewhere)
        with pytest.raises(NotFound, match="查无"):
            checkin.check_in(laptop, lead, theory, "450102199001019999")
    finally:
        getattr(laptop.uow, "engine").dispose()  # noqa: B009
