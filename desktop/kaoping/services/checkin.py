"""Check-in (考生签到) at the room door: by ticket QR code, typed ticket number or ID number.

A ticket's QR code carries the ticket number and a short keyed check value (HMAC-SHA256 under a
key kept in the settings), so a number someone typed or a forged code is told apart from a printed
ticket. Typed numbers are still accepted: the photo comparison is what proves identity; the screen
only says the ticket was not machine-verified.

On a site laptop the roster came in a site package without full ID numbers (docs/site-packages.md);
there a typed ID number is compared by its salted digest instead.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from kaoping.domain.beijing import BEIJING
from kaoping.domain.errors import ConflictError, NotFound, ValidationError
from kaoping.domain.idnumber import normalise
from kaoping.domain.roles import Permission
from kaoping.services.base import Actor, Env, action, reading
from kaoping.services.ports.core import UnitOfWork
from kaoping.services.ports.exams import (
    Attendance,
    IncidentInfo,
    IncidentKind,
    SeatView,
    SessionInfo,
)

TICKET_KEY_SETTING = "checkin.ticket_key"
QR_PREFIX = "KPT"
MAC_CHARS = 8  # 40 bits: guessing a valid code for a chosen number takes ~10^12 tries
NOTE_MAX = 1000

# scrypt cost of the ID digests site packages carry instead of full numbers: about 50 ms per
# number, so guessing numbers is slow while a typed number at check-in is answered at once.
DIGEST_N, DIGEST_R, DIGEST_P = 2**14, 8, 1


class CheckinMethod(StrEnum):
    """How the candidate was found."""

    QR = "qr"
    TICKET = "ticket"
    ID_NUMBER = "id_number"

    @property
    def label(self) -> str:
        """The Chinese name shown on the check-in screen."""
        return {
            CheckinMethod.QR: "扫描准考证二维码",
            CheckinMethod.TICKET: "手工输入准考证号",
            CheckinMethod.ID_NUMBER: "证件号码",
        }[self]


class ForgedTicket(ValidationError):
    """A QR code whose check value does not match its ticket number."""


@dataclass(frozen=True)
class CheckinOutcome:
    """What the check-in screen shows after a scan.

    Attributes:
        seat: The candidate's seat, name, masked ID and photo.
        session: The session checked into.
        method: How the candidate was found.
        qr_verified: Whether a printed QR code with a valid check value was scanned.
        previous: The attendance before this scan.
        already: The candidate had already been checked in; nothing changed.
    """

    seat: SeatView
    session: SessionInfo
    method: CheckinMethod
    qr_verified: bool
    previous: Attendance
    already: bool


@dataclass(frozen=True)
class RoomCount:
    """Live attendance of one room (session)."""

    session: SessionInfo
    counts: Mapping[Attendance, int]

    @property
    def total(self) -> int:
        """Candidates seated in the room."""
        return sum(self.counts.values())

    @property
    def arrived(self) -> int:
        """Candidates who came, on time or late."""
        return self.counts.get(Attendance.PRESENT, 0) + self.counts.get(Attendance.LATE, 0)


@dataclass(frozen=True)
class _Scan:
    value: str
    mac: str = ""

    @property
    def is_qr(self) -> bool:
        return bool(self.mac)


# ticket QR codes


def ticket_key(uow: UnitOfWork, create: bool = False) -> bytes | None:
    """The key of the ticket check values; made on first use when `create` is set."""
    stored = uow.settings.get(TICKET_KEY_SETTING)
    if stored is None and create:
        stored = secrets.token_hex(32)
        uow.settings.put(TICKET_KEY_SETTING, stored)
    return None if stored is None else bytes.fromhex(str(stored))


def _mac(key: bytes, ticket_no: str) -> str:
    digest = hmac.new(key, ticket_no.encode("ascii"), hashlib.sha256).digest()
    return base64.b32encode(digest).decode("ascii")[:MAC_CHARS]


def ticket_qr_payload(key: bytes, ticket_no: str) -> str:
    """The text printed as a ticket's QR code, e.g. `KPT-GX2026AI01001017-7QK2M4XA`.

    Only upper-case letters, digits and hyphens, so a keyboard-wedge scanner types it unchanged
    under any keyboard layout or caps-lock state.
    """
    return f"{QR_PREFIX}-{ticket_no}-{_mac(key, ticket_no)}"


def _parse(text: str) -> _Scan:
    # Full-width digits typed with a Chinese input method switched on are the same number.
    cleaned = normalise(text)
    if not cleaned:
        raise ValidationError("请扫描准考证二维码，或输入准考证号、证件号码后按回车", field="签到")
    parts = cleaned.split("-")
    if len(parts) == 3 and parts[0] == QR_PREFIX and parts[1] and len(parts[2]) == MAC_CHARS:
        return _Scan(parts[1], parts[2])
    return _Scan(cleaned.replace(" ", ""))


def _verify(uow: UnitOfWork, scan: _Scan) -> None:
    key = ticket_key(uow)
    if key is None or not hmac.compare_digest(_mac(key, scan.value), scan.mac):
        raise ForgedTicket(
            f"准考证 {scan.value} 的二维码校验不通过，可能被伪造或改动；请核对考生身份证件，"
            "并报告考务负责人",
            field="准考证二维码",
        )


def id_digest(id_number: str, salt: str) -> str:
    """The salted digest of an ID number that a site package carries instead of the number."""
    digest = hashlib.scrypt(
        normalise(id_number).encode("utf-8"),
        salt=bytes.fromhex(salt),
        n=DIGEST_N,
        r=DIGEST_R,
        p=DIGEST_P,
        dklen=32,
    )
    return digest.hex()


# finding the seat


def _session(uow: UnitOfWork, session_id: int) -> SessionInfo:
    session = uow.exams.session(session_id)
    if session is None:
        raise NotFound(f"场次（编号 {session_id}）不存在，请重新选择场次。", field="场次")
    return session


def _where(session: SessionInfo) -> str:
    start = session.starts_at.astimezone(BEIJING)
    return f"场次 {session.code}（{session.site} {session.room}，{start:%m月%d日 %H:%M} 开始）"


def _in_session(
    uow: UnitOfWork, session: SessionInfo, seats: list[SeatView], what: str
) -> SeatView:
    for seat in seats:
        if seat.session_id == session.id:
            return seat
    if seats:
        other = _session(uow, seats[0].session_id)
        raise NotFound(
            f"{what}不在本场次，考生应在{_where(other)}参加考核，请引导考生前往。", field="签到"
        )
    raise NotFound(
        f"查无{what}，请核对后重新输入，或改用准考证号、证件号码中的另一种签到。", field="签到"
    )


def _find(uow: UnitOfWork, session: SessionInfo, text: str) -> tuple[SeatView, CheckinMethod]:
    scan = _parse(text)
    if scan.is_qr:
        _verify(uow, scan)
        seats = uow.exams.seats_by_ticket(scan.value)
        return _in_session(uow, session, seats, f"准考证 {scan.value} "), CheckinMethod.QR
    seats = uow.exams.seats_by_ticket(scan.value)
    if seats:
        return (_in_session(uow, session, seats, f"准考证 {scan.value} "), CheckinMethod.TICKET)
    by_id = uow.exams.seats_by_id_number(scan.value) or _site_seats_by_id(uow, session, scan.value)
    return (_in_session(uow, session, by_id, "此准考证号或证件号码的考生"), CheckinMethod.ID_NUMBER)


def _site_seats_by_id(uow: UnitOfWork, session: SessionInfo, id_number: str) -> list[SeatView]:
    # Only sessions received in a site package hold digests instead of numbers. This session is
    # searched first, then the batch's other received sessions, so a candidate at the wrong door
    # is sent to the right room.
    if uow.exchange.site_origin(session.id) is None:
        return []
    digests: dict[str, str] = {}
    others = [s.id for s in uow.exams.sessions(session.batch_id) if s.id != session.id]
    for session_id in (session.id, *others):
        origin = uow.exchange.site_origin(session_id)
        if origin is None:
            continue
        salt = origin[1]
        if salt not in digests:
            digests[salt] = id_digest(id_number, salt)
        ticket = uow.exchange.site_digests(session_id).get(digests[salt])
        if ticket is not None:
            return [s for s in uow.exams.seats_by_ticket(ticket) if s.session_id == session_id]
    return []


def _open_for_changes(session: SessionInfo) -> None:
    if session.confirmed:
        raise ConflictError(
            f"{_where(session)}的成绩已确认，考勤和违纪记录不能再更改。", field="场次"
        )


# actions


def find_candidate(env: Env, actor: Actor, session_id: int, text: str) -> CheckinOutcome:
    """Look a candidate up by scan or typed number without changing anything.

    Raises:
        ForgedTicket: The QR code's check value is wrong.
        NotFound: Nobody has this ticket or ID number, or they belong to another session.
    """
    with reading(env, actor, Permission.CHECKIN) as uow:
        session = _session(uow, session_id)
        seat, method = _find(uow, session, text)
    return CheckinOutcome(
        seat,
        session,
        method,
        method is CheckinMethod.QR,
        seat.attendance,
        seat.attendance is not Attendance.EXPECTED,
    )


def check_in(env: Env, actor: Actor, session_id: int, text: str) -> CheckinOutcome:
    """Check a candidate in from what the scanner (or a person) typed: QR text, ticket or ID.

    The candidate is marked present unless already checked in (then nothing changes and the
    outcome says so). A forged QR code, like every refusal, is audited with its reason, which
    names the ticket number scanned.

    Raises:
        ForgedTicket: The QR code's check value is wrong.
        NotFound: Nobody has this ticket or ID number, or they belong to another session.
        ConflictError: The session's results are confirmed.
    """
    with action(env, actor, Permission.CHECKIN, "checkin.scan", f"session:{session_id}") as tx:
        session = _session(tx.uow, session_id)
        _open_for_changes(session)
        seat, method = _find(tx.uow, session, text)
        already = seat.attendance in (Attendance.PRESENT, Attendance.LATE, Attendance.LEFT)
        if not already:
            tx.uow.exams.set_attendance(seat.seat_id, Attendance.PRESENT, env.clock.now())
        tx.record(
            f"seat:{seat.seat_id}",
            session=session_id,
            method=method.value,
            ticket=seat.ticket_no,
            before=seat.attendance.value,
            already=already,
        )
        after = tx.uow.exams.seat(seat.seat_id)
    assert after is not None
    return CheckinOutcome(
        after, session, method, method is CheckinMethod.QR, seat.attendance, already
    )


def check_in_image(env: Env, actor: Actor, session_id: int, image: bytes) -> CheckinOutcome:
    """Check a candidate in from a photo or scan of the admission ticket's QR code.

    Raises:
        ValidationError: The image holds no admission-ticket QR code.
    """
    reader = env.adapters.qr_reader
    texts = [t for t in reader(image) if t.strip().upper().startswith(f"{QR_PREFIX}-")]
    if not texts:
        raise ValidationError(
            "图片中没有找到准考证二维码，请重新拍摄（二维码需完整、清晰），或手工输入准考证号",
            field="图片",
        )
    return check_in(env, actor, session_id, texts[0])


def set_attendance(env: Env, actor: Actor, seat_id: int, state: Attendance) -> SeatView:
    """Set a candidate's attendance (late, absent, left, ...) by hand; returns the updated seat."""
    with action(env, actor, Permission.CHECKIN, "checkin.attendance") as tx:
        seat = tx.uow.exams.seat(seat_id)
        if seat is None:
            raise NotFound(f"座位（编号 {seat_id}）不存在，请重新签到查找考生。", field="座位")
        _open_for_changes(_session(tx.uow, seat.session_id))
        arrived = state in (Attendance.PRESENT, Attendance.LATE)
        moment = env.clock.now() if arrived and seat.checked_in_at is None else None
        tx.uow.exams.set_attendance(seat_id, state, moment)
        tx.record(
            f"seat:{seat_id}",
            session=seat.session_id,
            before=seat.attendance.value,
            after=state.value,
        )
        updated = tx.uow.exams.seat(seat_id)
    assert updated is not None
    return updated


def mark_remaining_absent(env: Env, actor: Actor, session_id: int) -> int:
    """Mark everyone not yet checked in as absent (缺考), once the session has begun.

    Returns:
        How many candidates were marked absent.

    Raises:
        ValidationError: The session has not started yet.
    """
    with action(env, actor, Permission.CHECKIN, "checkin.absent_rest") as tx:
        session = _session(tx.uow, session_id)
        _open_for_changes(session)
        if env.clock.now() < session.starts_at:
            raise ValidationError(
                f"{_where(session)}尚未开始，开始后才能把未到考生记为缺考。", field="场次"
            )
        waiting = [s for s in tx.uow.exams.seats(session_id) if s.attendance is Attendance.EXPECTED]
        for seat in waiting:
            tx.uow.exams.set_attendance(seat.seat_id, Attendance.ABSENT, None)
        tx.record(f"session:{session_id}", absent=len(waiting))
    return len(waiting)


def record_incident(env: Env, actor: Actor, seat_id: int, kind: IncidentKind, note: str) -> int:
    """Record an incident (违纪) of the candidate in this seat; returns the incident's id."""
    text = note.strip()
    if not text:
        raise ValidationError("请写明违纪经过（时间、行为、处理情况）", field="违纪说明")
    if len(text) > NOTE_MAX:
        raise ValidationError(
            f"违纪说明不能超过 {NOTE_MAX} 字，现为 {len(text)} 字", field="违纪说明"
        )
    with action(env, actor, Permission.CHECKIN, "checkin.incident") as tx:
        seat = tx.uow.exams.seat(seat_id)
        if seat is None:
            raise NotFound(f"座位（编号 {seat_id}）不存在，请重新签到查找考生。", field="座位")
        _open_for_changes(_session(tx.uow, seat.session_id))
        incident_id = tx.uow.exams.add_incident(
            seat.session_id, seat.candidate_id, kind, text, env.clock.now(), actor.username
        )
        tx.record(f"incident:{incident_id}", session=seat.session_id, seat=seat_id, kind=kind.value)
    return incident_id


MISMATCH_NOTE = "签到时核对照片与本人、身份证件，人证不符"


def record_identity_mismatch(env: Env, actor: Actor, seat_id: int) -> int:
    """Record that the person at the desk does not match the photo or ID (人证核验不符).

    One key at the door records it, so the note is fixed; the invigilator adds an account of
    what followed as an ordinary incident if needed.
    """
    return record_incident(env, actor, seat_id, IncidentKind.IDENTITY_MISMATCH, MISMATCH_NOTE)


def incidents(env: Env, actor: Actor, session_id: int) -> list[IncidentInfo]:
    """A session's incidents in the order recorded."""
    with reading(env, actor, Permission.CHECKIN) as uow:
        return uow.exams.incidents(session_id)


def sessions(env: Env, actor: Actor, batch_id: int) -> list[SessionInfo]:
    """The sessions of a batch, to choose the one being checked in."""
    with reading(env, actor, Permission.CHECKIN) as uow:
        return uow.exams.sessions(batch_id)


def room_counts(env: Env, actor: Actor, session_id: int) -> list[RoomCount]:
    """Live attendance of every room of the session's batch held on the same day."""
    with reading(env, actor, Permission.CHECKIN) as uow:
        session = _session(uow, session_id)
        day = session.starts_at.astimezone(BEIJING).date()
        same_day = [
            s
            for s in uow.exams.sessions(session.batch_id)
            if s.starts_at.astimezone(BEIJING).date() == day
        ]
        counts = uow.exams.attendance_counts([s.id for s in same_day])
    return [
        RoomCount(s, {Attendance(k): v for k, v in counts.get(s.id, {}).items()}) for s in same_day
    ]
