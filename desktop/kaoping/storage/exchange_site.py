"""Site packages (考点下发): what head office sends a site, and installing it on the site's laptop."""

from __future__ import annotations

import hashlib
import io
from collections.abc import Mapping, Sequence
from datetime import date, datetime

from PIL import Image
from sqlalchemy import select

from kaoping.services.ports.exchange import Row, SiteUser
from kaoping.storage.exams_tables import ExamSessionRow, SeatRow
from kaoping.storage.exchange_common import SessionBound, iso, parse_moment
from kaoping.storage.exchange_tables import SiteCandidateRow, SiteSessionRow
from kaoping.storage.intake_tables import CandidateRow
from kaoping.storage.photos_tables import CandidatePhotoRow
from kaoping.storage.plan_tables import BatchRow, PlanRow
from kaoping.storage.sites_tables import ExaminerRow, SessionNumberRow, SessionStaffRow
from kaoping.storage.tables import UserRoleRow, UserRow


class SitePackages(SessionBound):
    """Sessions, rosters, staff and accounts going to a site, and written there."""

    def session_id(self, batch_id: int, code: str) -> int | None:
        """The id of a batch's session by code."""
        return self._s.scalar(
            select(ExamSessionRow.id).where(
                ExamSessionRow.batch_id == batch_id, ExamSessionRow.code == code
            )
        )

    def site_roster(self, session_id: int) -> list[Row]:
        """The session's seats with the personal data a site needs (full ID kept for hashing)."""
        stmt = (
            select(SeatRow, CandidateRow)
            .join(CandidateRow, CandidateRow.id == SeatRow.candidate_id)
            .where(SeatRow.session_id == session_id)
            .order_by(SeatRow.seat_no)
        )
        return [
            {
                "考生编号": c.id,
                "座位号": s.seat_no,
                "准考证号": s.ticket_no,
                "姓名": c.name,
                "证件类型": c.id_type,
                "证件号码脱敏": c.id_masked,
                "_id_number": c.id_number,
                "性别": c.sex,
                "职业编码": c.occupation_code,
                "职业方向": c.direction,
                "等级": c.level,
                "状态": c.status,
                "人员标识": c.person_key,
                "出勤": s.attendance,
                "签到时间": iso(s.checked_in_at),
            }
            for s, c in self._s.execute(stmt)
        ]

    def site_photos(self, session_id: int) -> dict[int, bytes]:
        """Candidate id -> photo, for the session's candidates that have one."""
        stmt = (
            select(CandidatePhotoRow.candidate_id, CandidatePhotoRow.jpeg)
            .join(SeatRow, SeatRow.candidate_id == CandidatePhotoRow.candidate_id)
            .where(SeatRow.session_id == session_id)
        )
        return {cid: photo for cid, photo in self._s.execute(stmt) if photo}

    def site_staff(self, session_id: int) -> list[Row]:
        """The session's staff with their registry entries."""
        stmt = (
            select(SessionStaffRow, ExaminerRow, UserRow.username)
            .join(ExaminerRow, ExaminerRow.id == SessionStaffRow.examiner_id)
            .outerjoin(UserRow, UserRow.id == ExaminerRow.user_id)
            .where(SessionStaffRow.session_id == session_id)
            .order_by(SessionStaffRow.id)
        )
        return [
            {
                "姓名": e.name,
                "角色": st.role,
                "人员库角色": e.roles,
                "职业": e.occupations,
                "等级": e.qualified_level or "",
                "考评员证书编号": e.certificate_no,
                "工作单位": e.employer,
                "用户名": username or "",
            }
            for st, e, username in self._s.execute(stmt)
        ]

    def site_users(self, session_id: int) -> list[SiteUser]:
        """Sign-in accounts of the session's staff (active accounts only)."""
        stmt = (
            select(UserRow)
            .join(ExaminerRow, ExaminerRow.user_id == UserRow.id)
            .join(SessionStaffRow, SessionStaffRow.examiner_id == ExaminerRow.id)
            .where(SessionStaffRow.session_id == session_id, UserRow.active.is_(True))
            .order_by(UserRow.username)
            .distinct()
        )
        users: list[SiteUser] = []
        for row in self._s.scalars(stmt):
            roles = tuple(
                sorted(
                    self._s.scalars(select(UserRoleRow.role).where(UserRoleRow.user_id == row.id))
                )
            )
            users.append(SiteUser(row.username, row.display_name, roles, row.password_hash))
        return users

    def install_site(
        self,
        plan: Row,
        batch: Row,
        session: Row,
        roster: Sequence[Row],
        photos: Mapping[int, bytes],
        staff: Sequence[Row],
        package_id: str,
        salt: str,
        now: datetime,
        by: str,
    ) -> int:
        """Write a received session, its roster and staff; returns the local session id."""
        batch_id = self._ensure_batch(plan, batch, now)
        row = ExamSessionRow(
            batch_id=batch_id,
            code=str(session["场次"]),
            component=str(session["科目"]),
            site=str(session["考点"]),
            room=str(session["考场"]),
            starts_at=parse_moment(session["开始"]),
            ends_at=parse_moment(session["结束"]),
            capacity=int(str(session["容量"])),
            status=str(session["状态"]),
        )
        self._s.add(row)
        self._s.flush()
        self._s.add(
            SiteSessionRow(
                session_id=row.id,
                origin_id=int(str(session["_origin"])),
                digest_salt=salt,
                package_id=package_id,
                imported_at=now,
            )
        )
        room_index = session.get("_room_index")
        if room_index not in (None, ""):
            self._s.add(
                SessionNumberRow(
                    session_id=row.id, batch_id=batch_id, room_index=int(str(room_index))
                )
            )
        for entry in roster:
            self._install_seat(row.id, batch_id, entry, photos, package_id, (now, by))
        for member in staff:
            self._install_staff(row.id, member, now, by)
        self._s.flush()
        return row.id

    def _ensure_batch(self, plan: Row, batch: Row, now: datetime) -> int:
        existing = self._s.scalars(
            select(BatchRow).where(BatchRow.code == str(batch["code"]))
        ).one_or_none()
        if existing is not None:
            return existing.id
        plan_row = self._s.scalars(
            select(PlanRow).where(PlanRow.code == str(plan["code"]))
        ).one_or_none()
        if plan_row is None:
            plan_row = PlanRow(
                code=str(plan["code"]),
                title=str(plan["title"]),
                occupation_code=str(plan["occupation_code"]),
                direction=str(plan["direction"]),
                level=str(plan["level"]),
                start_date=date.fromisoformat(str(plan["start_date"])),
                end_date=date.fromisoformat(str(plan["end_date"])),
                sites=str(plan["sites"]),
                capacity=int(str(plan["capacity"])),
                training_body=str(plan["training_body"]),
                created_at=now,
            )
            self._s.add(plan_row)
            self._s.flush()
        row = BatchRow(
            plan_id=plan_row.id,
            code=str(batch["code"]),
            name=str(batch["name"]),
            assessment_start=date.fromisoformat(str(batch["assessment_start"])),
            assessment_end=date.fromisoformat(str(batch["assessment_end"])),
            status="open",
            created_at=now,
        )
        self._s.add(row)
        self._s.flush()
        return row.id

    def _install_seat(
        self,
        session_id: int,
        batch_id: int,
        entry: Row,
        photos: Mapping[int, bytes],
        package_id: str,
        when: tuple[datetime, str],
    ) -> None:
        now, by = when
        origin = int(str(entry["考生编号"]))
        local = self._s.scalar(
            select(SiteCandidateRow.candidate_id).where(SiteCandidateRow.origin_id == origin)
        )
        if local is None:
            candidate = CandidateRow(
                batch_id=batch_id,
                name=str(entry["姓名"]),
                id_type=str(entry["证件类型"]),
                # The site never receives the full number (docs/site-packages.md).
                id_number="",
                id_masked=str(entry["证件号码脱敏"]),
                person_key=str(entry["人员标识"]),
                sex=str(entry["性别"]),
                education="",
                occupation_code=str(entry["职业编码"]),
                direction=str(entry["职业方向"]),
                level=str(entry["等级"]),
                status=str(entry["状态"]),
                # Head office seats only applicants who are eligible or have an exception
                # (申报条件例外), so whoever the site package seats may be scored here.
                eligible=True,
                eligibility_note="总部排座时已通过申报条件审核（考点数据包）",
                created_at=now,
                updated_at=now,
            )
            self._s.add(candidate)
            self._s.flush()
            local = candidate.id
            self._s.add(
                SiteCandidateRow(
                    candidate_id=local,
                    origin_id=origin,
                    id_digest=str(entry["证件号码摘要"]),
                    package_id=package_id,
                )
            )
        self._install_photo(local, photos.get(origin), now, by)
        self._s.add(
            SeatRow(
                session_id=session_id,
                candidate_id=local,
                seat_no=int(str(entry["座位号"])),
                ticket_no=str(entry["准考证号"]),
                attendance=str(entry["出勤"]),
                checked_in_at=parse_moment(entry["签到时间"]),
            )
        )

    def _install_photo(
        self, candidate_id: int, photo: bytes | None, now: datetime, by: str
    ) -> None:
        """The photo exactly as head office stored it (checked there), replacing an older one."""
        if not photo:
            return
        row = self._s.get(CandidatePhotoRow, candidate_id)
        if row is None:
            row = CandidatePhotoRow(candidate_id=candidate_id)
            self._s.add(row)
        row.jpeg = photo
        row.original_sha256 = hashlib.sha256(photo).hexdigest()
        row.width, row.height = _picture_size(photo)
        row.imported_at, row.imported_by = now, by

    def _install_staff(self, session_id: int, member: Row, now: datetime, by: str) -> None:
        username = str(member["用户名"])
        user_id = (
            self._s.scalar(select(UserRow.id).where(UserRow.username == username))
            if username
            else None
        )
        examiner = None
        if user_id is not None:
            examiner = self._s.scalars(
                select(ExaminerRow).where(ExaminerRow.user_id == user_id)
            ).one_or_none()
        if examiner is None:
            examiner = ExaminerRow(
                name=str(member["姓名"]),
                roles=str(member["人员库角色"]),
                occupations=str(member["职业"]),
                qualified_level=str(member["等级"]) or None,
                certificate_no=str(member["考评员证书编号"]),
                employer=str(member["工作单位"]),
                user_id=user_id,
                created_at=now,
                updated_at=now,
            )
            self._s.add(examiner)
            self._s.flush()
        self._s.add(
            SessionStaffRow(
                session_id=session_id,
                examiner_id=examiner.id,
                role=str(member["角色"]),
                assigned_at=now,
                assigned_by=by,
            )
        )

    def site_origin(self, session_id: int) -> tuple[int, str] | None:
        """(head-office session id, ID digest salt) of a session received from head office."""
        row = self._s.get(SiteSessionRow, session_id)
        return None if row is None else (row.origin_id, row.digest_salt)

    def site_digests(self, session_id: int) -> dict[str, str]:
        """ID digest -> ticket number for the seats of a received session."""
        stmt = (
            select(SiteCandidateRow.id_digest, SeatRow.ticket_no)
            .join(SeatRow, SeatRow.candidate_id == SiteCandidateRow.candidate_id)
            .where(SeatRow.session_id == session_id)
        )
        return {digest: ticket for digest, ticket in self._s.execute(stmt)}


def _picture_size(data: bytes) -> tuple[int, int]:
    """Width and height a picture's header states, (0, 0) when it states none."""
    try:
        with Image.open(io.BytesIO(data)) as header:
            return header.size
    except Exception:  # a picture head office could not have stored; kept as it came
        return 0, 0
