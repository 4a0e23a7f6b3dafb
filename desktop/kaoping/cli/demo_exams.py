"""`kaoping demo`, steps 5 and 7: sessions and staff (场次与考评人员), then the exam days (考核日).

The layout keeps every rule of `resources/standards/assessment.json` for the junior level: the
theory paper in two rooms of 100 at once, 7 invigilators each (1 per 15); the practical task in
eight sessions of 25 one after another, each before a panel of 5 examiners (1 per 5, odd).
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date, datetime, timedelta

import pypdfium2

from kaoping.cli.demo_intake import AI_OCCUPATION, DEMO_USERS
from kaoping.cli.demo_support import DemoRun, beijing
from kaoping.domain.assessment import Component
from kaoping.domain.catalogue import Level
from kaoping.domain.errors import ConflictError
from kaoping.domain.roles import Role
from kaoping.domain.staffing import StaffRole
from kaoping.services import checkin, sessions
from kaoping.services.ports.exams import (
    Attendance,
    ExaminerDraft,
    IncidentKind,
    NewSession,
    SeatView,
)
from kaoping.services.sessions import StaffingRefused

SITE = "南宁考点（演示）"
THEORY_ROOMS = ("理论考场一", "理论考场二")
PRACTICAL_ROOM = "实训室一"
# (day of the exam, hour, minute) of each two-hour practical session, one after another.
PRACTICAL_SLOTS = (
    (0, 14, 0),
    (0, 16, 15),
    (1, 8, 0),
    (1, 10, 15),
    (1, 14, 0),
    (1, 16, 15),
    (2, 8, 0),
    (2, 10, 15),
)
# The examiners with a sign-in account (kaoping1–4) key scores, two on each theory room's panel;
# all five examiners sit on every practical panel.
LINKED_EXAMINERS = tuple((user, name) for user, name, role in DEMO_USERS if role is Role.EXAMINER)
REGISTRY_EXAMINERS = ("莫晓峰",)
THEORY_PANEL = 2
INVIGILATORS = (
    "黄丽娟",
    "陈国华",
    "李秋燕",
    "周建平",
    "谭小兰",
    "廖志勇",
    "卢美华",
    "蓝春生",
    "吴丽萍",
    "何振宇",
    "张秀兰",
    "梁晓军",
    "潘海燕",
    "莫国庆",
)
SEATING_SEED = "GXDTDEMO-2026-座位"
# Scanning a ticket at the door reads its QR code from the printed page; this resolution is enough.
SCAN_DPI = 80


@dataclass(frozen=True)
class Staff:
    """Registry ids of the people who staff the sessions."""

    examiners: tuple[int, ...]
    invigilators: tuple[int, ...]


def arrange_sessions(run: DemoRun) -> None:
    """Step 5: examiner registry, sessions, staffing, seating and admission tickets (准考证)."""
    run.clock.move_to(beijing(run.timeline.start + timedelta(days=5), 10))
    staff = _register_staff(run)
    _open_sessions(run)
    _assign_staff(run, staff)
    _seat_and_print_tickets(run)


def _seat_and_print_tickets(run: DemoRun) -> None:
    kaowu = run.cast("kaowu")
    theory = sessions.seat_component(run.env, kaowu, run.batch_id, Component.THEORY, SEATING_SEED)
    practical = sessions.seat_component(
        run.env, kaowu, run.batch_id, Component.PRACTICAL, SEATING_SEED
    )
    print(
        f"   排座：理论 {theory.seated} 人、专业能力 {practical.seated} 人"
        f"（随机种子“{SEATING_SEED}”），未排座 {theory.waiting + practical.waiting} 人。"
    )
    for code, session_id in run.sessions.items():
        pdf = sessions.ticket_pdf(run.env, kaowu, session_id)
        run.files.save_in("tickets", f"{code}.pdf", pdf, "准考证（每场次一个 PDF）")
    print(f"   准考证：{len(run.sessions)} 个场次的 PDF 已保存（每页两张，含签到二维码）。")


def _register_staff(run: DemoRun) -> Staff:
    kaowu = run.cast("kaowu")
    examiners = [
        sessions.register_examiner(run.env, kaowu, _examiner(name, n), username)
        for n, (username, name) in enumerate(LINKED_EXAMINERS, start=1)
    ]
    examiners += [
        sessions.register_examiner(run.env, kaowu, _examiner(name, n))
        for n, name in enumerate(REGISTRY_EXAMINERS, start=len(examiners) + 1)
    ]
    invigilators = [
        sessions.register_examiner(
            run.env,
            kaowu,
            ExaminerDraft(
                name, frozenset({StaffRole.INVIGILATOR}), employer="南宁某职业技术学院（演示）"
            ),
        )
        for name in INVIGILATORS
    ]
    print(
        f"5. 考评人员库：考评员 {len(examiners)} 人（kaoping1–{len(LINKED_EXAMINERS)} 关联登录账号），"
        f"监考员 {len(invigilators)} 人。"
    )
    return Staff(tuple(examiners), tuple(invigilators))


def _examiner(name: str, n: int) -> ExaminerDraft:
    return ExaminerDraft(
        name,
        frozenset({StaffRole.EXAMINER}),
        frozenset({AI_OCCUPATION}),
        Level.INTERMEDIATE,
        certificate_no=f"KPY-2026-{n:04d}",
        employer="广西某高校（演示）",
    )


def _open_sessions(run: DemoRun) -> None:
    day = run.timeline.exam_day
    theory = []
    for n, room in enumerate(THEORY_ROOMS, start=1):
        theory.append(
            _session(run, f"T{n:02d}", Component.THEORY, room, 100, day, (9, 0), (10, 30))
        )
    practical = []
    for n, (offset, hour, minute) in enumerate(PRACTICAL_SLOTS, start=1):
        start = beijing(day + timedelta(days=offset), hour, minute)
        end = start + timedelta(minutes=120)
        practical.append(
            _session(
                run,
                f"P{n:02d}",
                Component.PRACTICAL,
                PRACTICAL_ROOM,
                25,
                start.date(),
                (start.hour, start.minute),
                (end.hour, end.minute),
            )
        )
    run.theory_codes, run.practical_codes = tuple(theory), tuple(practical)
    print(f"   场次：理论知识考试 {len(theory)} 个考场（{day} 09:00–10:30，各 100 座）；")
    print(
        f"   专业能力考核 {len(practical)} 场（{PRACTICAL_ROOM}，每场 25 座、120 分钟，"
        f"{day} 至 {run.timeline.exam_end} 依次进行）。"
    )
    try:  # the same room twice at once is refused; the demo shows the message
        _session(run, "P99", Component.PRACTICAL, PRACTICAL_ROOM, 25, day, (14, 30), (16, 30))
    except ConflictError as clash:
        print(f"   规则检查：重复占用考场被拒绝——{clash.message}")


def _session(
    run: DemoRun,
    code: str,
    component: Component,
    room: str,
    capacity: int,
    day: date,
    start: tuple[int, int],
    end: tuple[int, int],
) -> str:
    session_id = sessions.create_session(
        run.env,
        run.cast("kaowu"),
        NewSession(
            run.batch_id,
            code,
            component,
            SITE,
            room,
            beijing(day, *start),
            beijing(day, *end),
            capacity,
        ),
    )
    run.sessions[code] = session_id
    return code


def _assign_staff(run: DemoRun, staff: Staff) -> None:
    kaowu = run.cast("kaowu")
    per_room = len(staff.invigilators) // len(run.theory_codes)
    for n, code in enumerate(run.theory_codes):
        chosen = staff.invigilators[n * per_room : (n + 1) * per_room]
        # Two examiners per room answer for its marks: they import the platform's score file.
        scorers = staff.examiners[n * THEORY_PANEL : (n + 1) * THEORY_PANEL]
        sessions.assign_staff(
            run.env,
            kaowu,
            run.sessions[code],
            [(i, StaffRole.INVIGILATOR) for i in chosen]
            + [(i, StaffRole.EXAMINER) for i in scorers],
        )
    panel = [(i, StaffRole.EXAMINER) for i in staff.examiners]
    try:  # an even panel breaks the rule; the demo shows the refusal before staffing properly
        sessions.assign_staff(run.env, kaowu, run.sessions[run.practical_codes[0]], panel[:4])
    except StaffingRefused as refused:
        print(f"   规则检查：考评组 4 人被拒绝——{refused.problems[0]}")
    for code in run.practical_codes:
        sessions.assign_staff(run.env, kaowu, run.sessions[code], panel)
    print(
        f"   人员安排：每个理论考场监考员 {per_room} 人、考评员 {THEORY_PANEL} 人（负责成绩）；"
        f"每场专业能力考核考评员 {len(panel)} 人"
        "（同一人不同时段，无冲突）。"
    )


# --- exam days ------------------------------------------------------------------------------


def hold_exams(run: DemoRun) -> None:
    """Step 7: check-in by ticket QR code, a late arrival, absences and an incident."""
    print("7. 考核日：考生凭准考证二维码签到。")
    run.clock.move_to(beijing(run.timeline.exam_day, 8, 40))
    # The door lists of every room, printed once in the morning like the tickets were.
    seats = {
        code: sessions.session_seats(run.env, run.cast("kaowu"), session_id)
        for code, session_id in run.sessions.items()
    }
    _theory_day(run, seats)
    absent = 0
    for n, code in enumerate(run.practical_codes):
        offset, hour, minute = PRACTICAL_SLOTS[n]
        start = beijing(run.timeline.exam_day + timedelta(days=offset), hour, minute)
        absent += _practical_session(run, code, start, seats[code], skip=(n % 3 == 2))
    print(f"   专业能力考核 {len(run.practical_codes)} 场：缺考 {absent} 人，其余均扫码签到。")


def _theory_day(run: DemoRun, seats: dict[str, list[SeatView]]) -> None:
    day = run.timeline.exam_day
    first, second = (seats[code] for code in run.theory_codes)
    stay_away = {first[10].seat_id, first[55].seat_id, second[20].seat_id}
    late = second[70]
    scanned = sum(
        _scan_tickets(run, "kaowu", code, seats[code], stay_away | {late.seat_id})
        for code in run.theory_codes
    )
    run.clock.move_to(beijing(day, 9, 12))
    checkin.set_attendance(run.env, run.cast("kaowu"), late.seat_id, Attendance.LATE)
    run.clock.move_to(beijing(day, 9, 20))
    absent = sum(
        checkin.mark_remaining_absent(run.env, run.cast("kaowu"), run.sessions[code])
        for code in run.theory_codes
    )
    run.clock.move_to(beijing(day, 9, 40))
    checkin.record_incident(
        run.env,
        run.cast("kaowu"),
        first[30].seat_id,
        IncidentKind.DEVICE,
        "09:40 发现考生手机未按要求关机存放，已收存并记录，考生继续作答。",
    )
    print(
        f"   理论知识考试：扫码签到 {scanned} 人，迟到 1 人（09:12 入场），缺考 {absent} 人；"
        f"违纪记录 1 条（{IncidentKind.DEVICE.label}）。"
    )


def _practical_session(
    run: DemoRun, code: str, start: datetime, seats: list[SeatView], skip: bool
) -> int:
    """One practical session: the examiner at the door scans, then marks who did not come."""
    run.clock.move_to(start - timedelta(minutes=20))
    stay_away = {seats[len(seats) // 2].seat_id} if skip else set()
    _scan_tickets(run, "kaoping3", code, seats, stay_away)
    run.clock.move_to(start + timedelta(minutes=10))
    return checkin.mark_remaining_absent(run.env, run.cast("kaoping3"), run.sessions[code])


def _scan_tickets(
    run: DemoRun, username: str, code: str, seats: list[SeatView], stay_away: set[int]
) -> int:
    """Check in everyone who came by scanning the QR code of their printed ticket."""
    codes = _ticket_codes(run, run.files.path(f"tickets/{code}.pdf").read_bytes())
    scanned = 0
    for seat in seats:
        if seat.seat_id in stay_away:
            continue
        checkin.check_in(run.env, run.cast(username), run.sessions[code], codes[seat.ticket_no])
        scanned += 1
    return scanned


def _ticket_codes(run: DemoRun, pdf: bytes) -> dict[str, str]:
    """The QR texts printed on a session's tickets, by ticket number, as a door scanner reads them.

    The pages are rendered the way a camera sees a printout and decoded by the same reader the
    check-in page uses for photos of tickets.
    """
    kit = run.env.adapters.certificates
    found: dict[str, str] = {}
    document = pypdfium2.PdfDocument(pdf)
    try:
        for page in document:
            image = page.render(scale=SCAN_DPI / 72, grayscale=True).to_pil()
            buffer = io.BytesIO()
            image.save(buffer, format="BMP")  # uncompressed: the quickest for the reader to open
            for text in kit.image_qr_texts(buffer.getvalue()):
                found[text.split("-")[1]] = text
    finally:
        document.close()
    return found
