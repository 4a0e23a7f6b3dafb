"""Storage of the holiday table, trusted signers, package registers and exchanged records in SQL.

Reports, site packages and dossiers read across the tables of intake, sessions, scores and
certificates; rows going into package files are keyed by the package's column names.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from datetime import UTC, date, datetime, time

from sqlalchemy import func, insert, or_, select
from sqlalchemy.orm import Session

from kaoping.domain.approvals import ApprovalDecision
from kaoping.domain.beijing import BEIJING
from kaoping.services.ports.exams import Attendance
from kaoping.services.ports.exchange import (
    ApprovalRecord,
    HolidayOverride,
    MergeOutcome,
    PackageRecord,
    ReportCandidate,
    Row,
    SeatState,
    SiteUser,
    TrustedSigner,
)
from kaoping.storage.certificates_tables import CertificateRow
from kaoping.storage.exams_tables import ApprovalRow, ExamSessionRow, ResultRow, SeatRow
from kaoping.storage.exchange_tables import (
    ExportedPackageRow,
    HolidayOverrideRow,
    ImportedPackageRow,
    ReportEntryRow,
    SiteCandidateRow,
    SiteSessionRow,
    TrustedSignerRow,
)
from kaoping.storage.intake_tables import CandidateRow
from kaoping.storage.plan_tables import BatchRow, PlanRow
from kaoping.storage.sampling_tables import SamplingCheckRow, SamplingDrawRow
from kaoping.storage.scores_tables import ScoreEventRow
from kaoping.storage.sites_tables import (
    ExaminerRow,
    IncidentRow,
    SessionNumberRow,
    SessionStaffRow,
)
from kaoping.storage.tables import AuditRow, SigningKeyRow, UserRoleRow, UserRow


def _utc(moment: datetime) -> datetime:
    # SQLite hands back naive datetimes; every stored time is UTC.
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def _iso(moment: datetime | None) -> str:
    return "" if moment is None else _utc(moment).astimezone(UTC).isoformat(timespec="seconds")


def _parse_moment(text: object) -> datetime | None:
    value = str(text or "").strip()
    return datetime.fromisoformat(value).astimezone(UTC) if value else None


def _attendance(value: str) -> str:
    # Conflict lines are read by people: the Chinese name, or the stored code if unknown.
    try:
        return Attendance(value).label
    except ValueError:
        return value


def _record(row: ImportedPackageRow | ExportedPackageRow) -> PackageRecord:
    if isinstance(row, ImportedPackageRow):
        return PackageRecord(row.package_id, row.kind, row.batch, row.sequence,
                             _utc(row.imported_at), row.imported_by, row.summary)
    return PackageRecord(row.package_id, row.kind, row.batch, row.sequence, _utc(row.created_at),
                         row.created_by, row.summary)


class SqlExchangeRepository:
    """Implements `services.ports_exchange.ExchangeRepository`."""

    def __init__(self, session: Session) -> None:
        self._s = session

    # --- holiday table ---------------------------------------------------------------------------

    def holiday_overrides(self) -> list[HolidayOverride]:
        """Every entry of the holiday table, by date."""
        rows = self._s.scalars(select(HolidayOverrideRow).order_by(HolidayOverrideRow.day))
        return [HolidayOverride(r.day, r.workday, r.note, r.updated_by) for r in rows]

    def put_holiday(self, entry: HolidayOverride, now: datetime) -> None:
        """Create or replace the entry for one day."""
        row = self._s.get(HolidayOverrideRow, entry.day) or HolidayOverrideRow(day=entry.day)
        row.workday, row.note = entry.workday, entry.note
        row.updated_at, row.updated_by = now, entry.updated_by
        self._s.add(row)
        self._s.flush()

    def delete_holiday(self, day: date) -> bool:
        """Remove one day; False when it was not in the table."""
        row = self._s.get(HolidayOverrideRow, day)
        if row is None:
            return False
        self._s.delete(row)
        self._s.flush()
        return True

    # --- trust and replay ------------------------------------------------------------------------

    def own_certificates(self) -> list[bytes]:
        """Certificates of every signing key this body ever used."""
        return list(self._s.scalars(select(SigningKeyRow.cert_pem).order_by(SigningKeyRow.id)))

    def trusted_signers(self) -> list[TrustedSigner]:
        """Every trusted signer, active or withdrawn, oldest first."""
        rows = self._s.scalars(select(TrustedSignerRow).order_by(TrustedSignerRow.id))
        return [TrustedSigner(r.fingerprint, r.name, tuple(k for k in r.kinds.split(",") if k),
                              r.subject, _utc(r.not_after), r.active, r.cert_pem) for r in rows]

    def add_trusted_signer(self, signer: TrustedSigner, now: datetime, by: str) -> None:
        """Trust a certificate, or renew the trust (name, kinds) of one already known."""
        row = self._s.scalars(select(TrustedSignerRow).where(
            TrustedSignerRow.fingerprint == signer.fingerprint)).one_or_none()
        if row is None:
            row = TrustedSignerRow(fingerprint=signer.fingerprint, added_at=now, added_by=by)
        row.name, row.kinds, row.subject = signer.name, ",".join(signer.kinds), signer.subject
        row.not_after, row.cert_pem, row.active = signer.not_after, signer.cert_pem, signer.active
        self._s.add(row)
        self._s.flush()

    def set_signer_active(self, fingerprint: str, active: bool) -> bool:
        """Withdraw or restore trust; False when the fingerprint is unknown."""
        row = self._s.scalars(select(TrustedSignerRow).where(
            TrustedSignerRow.fingerprint == fingerprint)).one_or_none()
        if row is None:
            return False
        row.active = active
        self._s.flush()
        return True

    def is_imported(self, package_id: str) -> bool:
        """Whether a package with this id was imported before."""
        return self._s.get(ImportedPackageRow, package_id) is not None

    def record_import(self, record: PackageRecord, body_code: str,
                      signer_fingerprint: str) -> None:
        """Remember an imported package (the replay guard)."""
        self._s.add(ImportedPackageRow(
            package_id=record.package_id, kind=record.kind, batch=record.batch,
            body_code=body_code, sequence=record.sequence, signer_fingerprint=signer_fingerprint,
            summary=record.summary, imported_at=record.at, imported_by=record.by))
        self._s.flush()

    def imported_packages(self) -> list[PackageRecord]:
        """Imported packages, newest first."""
        rows = self._s.scalars(select(ImportedPackageRow)
                               .order_by(ImportedPackageRow.imported_at.desc()))
        return [_record(r) for r in rows]

    def next_sequence(self, kind: str, batch: str) -> int:
        """The next running number for packages of this kind and batch."""
        last = self._s.scalar(select(func.max(ExportedPackageRow.sequence)).where(
            ExportedPackageRow.kind == kind, ExportedPackageRow.batch == batch))
        return (last or 0) + 1

    def record_export(self, record: PackageRecord) -> None:
        """Remember a package made here."""
        self._s.add(ExportedPackageRow(
            package_id=record.package_id, kind=record.kind, batch=record.batch,
            sequence=record.sequence, summary=record.summary, created_at=record.at,
            created_by=record.by))
        self._s.flush()

    def exported_packages(self) -> list[PackageRecord]:
        """Packages made here, newest first."""
        rows = self._s.scalars(select(ExportedPackageRow)
                               .order_by(ExportedPackageRow.id.desc()))
        return [_record(r) for r in rows]

    # --- report ----------------------------------------------------------------------------------

    def report_candidates(self, batch_id: int) -> list[ReportCandidate]:
        """The batch's applications with their confirmed results, by id."""
        # Plain column rows, not ORM objects: a report may hold tens of thousands of candidates.
        c = CandidateRow
        stmt = (select(c.id, c.name, c.id_type, c.id_number, c.id_masked, c.sex,
                       c.occupation_code, c.direction, c.level, c.training_cert_no,
                       c.training_body, c.route, c.status, ResultRow.outcome, ResultRow.reasons)
                .outerjoin(ResultRow, ResultRow.candidate_id == c.id)
                .where(c.batch_id == batch_id).order_by(c.id))
        return [ReportCandidate(i, name, id_type, number, masked, sex, occupation, direction,
                                level, training_no, training_body, route, status,
                                outcome or "", reasons or "")
                for (i, name, id_type, number, masked, sex, occupation, direction, level,
                     training_no, training_body, route, status, outcome, reasons)
                in self._s.execute(stmt)]

    def confirmed_outcomes(self, batch_id: int) -> list[Row]:
        """Confirmed overall results of the batch."""
        r = ResultRow
        stmt = select(r.candidate_id, r.outcome, r.reasons, r.confirmed_at, r.confirmed_by).where(
            r.batch_id == batch_id).order_by(r.candidate_id)
        return [{"考生编号": cid, "考核结果": outcome, "原因": reasons, "确认时间": _iso(at),
                 "确认人": by} for cid, outcome, reasons, at, by in self._s.execute(stmt)]

    def score_rows(self, batch_id: int, session_ids: Sequence[int] | None = None) -> list[Row]:
        """The score history of the batch (or of some sessions), in the order it happened."""
        stmt = (select(ScoreEventRow, ExamSessionRow.code)
                .join(ExamSessionRow, ExamSessionRow.id == ScoreEventRow.session_id)
                .where(ExamSessionRow.batch_id == batch_id).order_by(ScoreEventRow.id))
        if session_ids is not None:
            stmt = stmt.where(ScoreEventRow.session_id.in_(session_ids))
        return [{"记录编号": e.id, "场次": code, "考生编号": e.candidate_id,
                 "科目": e.component, "类型": e.kind, "状态": e.status, "成绩": e.value,
                 "原状态": e.old_status, "原成绩": e.old_value, "操作人": e.actor,
                 "批准人": e.approver, "原因": e.reason,
                 "关联记录": "" if e.ref_id is None else e.ref_id, "来源": e.source,
                 "时间": _iso(e.at)}
                for e, code in self._s.execute(stmt)]

    def attendance_rows(self, batch_id: int) -> list[Row]:
        """Every seat of the batch with its attendance."""
        stmt = (select(SeatRow, ExamSessionRow)
                .join(ExamSessionRow, ExamSessionRow.id == SeatRow.session_id)
                .where(ExamSessionRow.batch_id == batch_id)
                .order_by(ExamSessionRow.code, SeatRow.seat_no))
        return [{"场次": s.code, "科目": s.component, "考点": s.site, "考场": s.room,
                 "座位号": seat.seat_no, "准考证号": seat.ticket_no,
                 "考生编号": seat.candidate_id, "出勤": seat.attendance,
                 "签到时间": _iso(seat.checked_in_at)}
                for seat, s in self._s.execute(stmt)]

    def incident_rows(self, batch_id: int) -> list[Row]:
        """Every incident recorded in the batch's sessions."""
        stmt = (select(IncidentRow, ExamSessionRow.code)
                .join(ExamSessionRow, ExamSessionRow.id == IncidentRow.session_id)
                .where(ExamSessionRow.batch_id == batch_id).order_by(IncidentRow.id))
        return [{"场次": code, "考生编号": i.candidate_id, "类型": i.kind, "说明": i.note,
                 "记录时间": _iso(i.recorded_at), "记录人": i.recorded_by}
                for i, code in self._s.execute(stmt)]

    def examiner_rows(self, batch_id: int) -> list[Row]:
        """Who staffed which session of the batch, in which role."""
        stmt = (select(SessionStaffRow, ExaminerRow, ExamSessionRow.code)
                .join(ExaminerRow, ExaminerRow.id == SessionStaffRow.examiner_id)
                .join(ExamSessionRow, ExamSessionRow.id == SessionStaffRow.session_id)
                .where(ExamSessionRow.batch_id == batch_id)
                .order_by(ExamSessionRow.code, SessionStaffRow.role, ExaminerRow.name))
        return [{"场次": code, "姓名": e.name, "角色": st.role,
                 "考评员证书编号": e.certificate_no, "工作单位": e.employer,
                 "安排时间": _iso(st.assigned_at), "安排人": st.assigned_by}
                for st, e, code in self._s.execute(stmt)]

    def session_rows(self, batch_id: int) -> list[Row]:
        """The batch's sessions."""
        stmt = select(ExamSessionRow).where(ExamSessionRow.batch_id == batch_id).order_by(
            ExamSessionRow.starts_at, ExamSessionRow.code)
        return [{"场次": s.code, "科目": s.component, "考点": s.site, "考场": s.room,
                 "开始": _iso(s.starts_at), "结束": _iso(s.ends_at), "容量": s.capacity,
                 "状态": s.status, "成绩确认时间": _iso(s.confirmed_at),
                 "确认人": s.confirmed_by, "_id": s.id}
                for s in self._s.scalars(stmt)]

    def sampling_rows(self, batch_id: int) -> list[Row]:
        """Outcomes of verification sampling (核查) for the batch."""
        stmt = (select(SamplingCheckRow, SamplingDrawRow.id)
                .join(SamplingDrawRow, SamplingDrawRow.id == SamplingCheckRow.draw_id)
                .where(SamplingDrawRow.batch_id == batch_id).order_by(SamplingCheckRow.id))
        return [{"抽样编号": draw_id, "考生编号": c.candidate_id, "核查事项": c.fact,
                 "核查结果": c.outcome, "说明": c.note, "核查时间": _iso(c.checked_at),
                 "核查人": c.checked_by}
                for c, draw_id in self._s.execute(stmt)]

    def sampling_draw_rows(self, batch_id: int) -> list[Row]:
        """The recorded draws of the batch, with what anyone needs to repeat them."""
        stmt = select(SamplingDrawRow).where(SamplingDrawRow.batch_id == batch_id).order_by(
            SamplingDrawRow.id)
        return [{"抽样编号": d.id, "随机种子": d.seed, "比例": d.ratio, "方法": d.method,
                 "总体人数": len(json.loads(d.population)),
                 "总体SHA256": d.population_sha256, "抽中": d.drawn,
                 "抽取时间": _iso(d.drawn_at), "抽取人": d.drawn_by}
                for d in self._s.scalars(stmt)]

    def certificate_numbers(self, batch_id: int) -> dict[int, str]:
        """Candidate id -> number of their valid certificate, for those already numbered."""
        stmt = select(CertificateRow.candidate_id, CertificateRow.number).where(
            CertificateRow.batch_id == batch_id, CertificateRow.status == "valid")
        return {cid: number for cid, number in self._s.execute(stmt)}

    def record_report_entries(self, package_id: str, batch_id: int,
                              candidate_ids: Sequence[int], now: datetime) -> None:
        """Remember who a report package named."""
        if candidate_ids:
            self._s.execute(insert(ReportEntryRow), [
                {"package_id": package_id, "batch_id": batch_id, "candidate_id": cid,
                 "reported_at": now} for cid in candidate_ids])

    def reported_candidate_ids(self, batch_id: int) -> set[int]:
        """Candidates named in any report package of the batch."""
        return set(self._s.scalars(select(ReportEntryRow.candidate_id).where(
            ReportEntryRow.batch_id == batch_id)))

    # --- approvals -------------------------------------------------------------------------------

    def approvals(self, batch_id: int) -> dict[int, ApprovalRecord]:
        """The department's decisions stored for the batch, by candidate."""
        rows = self._s.scalars(select(ApprovalRow).where(ApprovalRow.batch_id == batch_id))
        return {r.candidate_id: ApprovalRecord(r.candidate_id, ApprovalDecision(r.decision), r.reason, r.reference,
                                               _utc(r.decided_on).astimezone(BEIJING).date())
                for r in rows}

    def put_approval(self, batch_id: int, record: ApprovalRecord, now: datetime,
                     by: str) -> None:
        """Store or replace the decision on one candidate."""
        row = self._s.scalars(select(ApprovalRow).where(
            ApprovalRow.candidate_id == record.candidate_id)).one_or_none()
        if row is None:
            row = ApprovalRow(candidate_id=record.candidate_id, batch_id=batch_id)
        row.decision, row.reason, row.reference = record.decision, record.reason, record.reference
        # The decision day is a Chinese calendar day; stored as its midnight in China.
        row.decided_on = datetime.combine(record.decided_on, time(), BEIJING).astimezone(UTC)
        row.recorded_at, row.recorded_by = now, by
        self._s.add(row)
        self._s.flush()

    # --- site packages ---------------------------------------------------------------------------

    def session_id(self, batch_id: int, code: str) -> int | None:
        """The id of a batch's session by code."""
        return self._s.scalar(select(ExamSessionRow.id).where(
            ExamSessionRow.batch_id == batch_id, ExamSessionRow.code == code))

    def site_roster(self, session_id: int) -> list[Row]:
        """The session's seats with the personal data a site needs (full ID kept for hashing)."""
        stmt = (select(SeatRow, CandidateRow)
                .join(CandidateRow, CandidateRow.id == SeatRow.candidate_id)
                .where(SeatRow.session_id == session_id).order_by(SeatRow.seat_no))
        return [{"考生编号": c.id, "座位号": s.seat_no, "准考证号": s.ticket_no, "姓名": c.name,
                 "证件类型": c.id_type, "证件号码脱敏": c.id_masked, "_id_number": c.id_number,
                 "性别": c.sex, "职业编码": c.occupation_code, "职业方向": c.direction,
                 "等级": c.level, "状态": c.status, "人员标识": c.person_key,
                 "出勤": s.attendance, "签到时间": _iso(s.checked_in_at)}
                for s, c in self._s.execute(stmt)]

    def site_photos(self, session_id: int) -> dict[int, bytes]:
        """Candidate id -> photo, for the session's candidates that have one."""
        stmt = (select(CandidateRow.id, CandidateRow.photo)
                .join(SeatRow, SeatRow.candidate_id == CandidateRow.id)
                .where(SeatRow.session_id == session_id, CandidateRow.photo.is_not(None)))
        return {cid: photo for cid, photo in self._s.execute(stmt) if photo}

    def site_staff(self, session_id: int) -> list[Row]:
        """The session's staff with their registry entries."""
        stmt = (select(SessionStaffRow, ExaminerRow, UserRow.username)
                .join(ExaminerRow, ExaminerRow.id == SessionStaffRow.examiner_id)
                .outerjoin(UserRow, UserRow.id == ExaminerRow.user_id)
                .where(SessionStaffRow.session_id == session_id).order_by(SessionStaffRow.id))
        return [{"姓名": e.name, "角色": st.role, "人员库角色": e.roles, "职业": e.occupations,
                 "等级": e.qualified_level or "", "考评员证书编号": e.certificate_no,
                 "工作单位": e.employer, "用户名": username or ""}
                for st, e, username in self._s.execute(stmt)]

    def site_users(self, session_id: int) -> list[SiteUser]:
        """Sign-in accounts of the session's staff (active accounts only)."""
        stmt = (select(UserRow)
                .join(ExaminerRow, ExaminerRow.user_id == UserRow.id)
                .join(SessionStaffRow, SessionStaffRow.examiner_id == ExaminerRow.id)
                .where(SessionStaffRow.session_id == session_id, UserRow.active.is_(True))
                .order_by(UserRow.username).distinct())
        users: list[SiteUser] = []
        for row in self._s.scalars(stmt):
            roles = tuple(sorted(self._s.scalars(select(UserRoleRow.role).where(
                UserRoleRow.user_id == row.id))))
            users.append(SiteUser(row.username, row.display_name, roles, row.password_hash))
        return users

    def install_site(self, plan: Row, batch: Row, session: Row, roster: Sequence[Row],
                     photos: Mapping[int, bytes], staff: Sequence[Row], package_id: str,
                     salt: str, now: datetime, by: str) -> int:
        """Write a received session, its roster and staff; returns the local session id."""
        batch_id = self._ensure_batch(plan, batch, now)
        row = ExamSessionRow(
            batch_id=batch_id, code=str(session["场次"]), component=str(session["科目"]),
            site=str(session["考点"]), room=str(session["考场"]),
            starts_at=_parse_moment(session["开始"]), ends_at=_parse_moment(session["结束"]),
            capacity=int(str(session["容量"])), status=str(session["状态"]))
        self._s.add(row)
        self._s.flush()
        self._s.add(SiteSessionRow(session_id=row.id, origin_id=int(str(session["_origin"])),
                                   digest_salt=salt, package_id=package_id, imported_at=now))
        room_index = session.get("_room_index")
        if room_index not in (None, ""):
            self._s.add(SessionNumberRow(session_id=row.id, batch_id=batch_id,
                                         room_index=int(str(room_index))))
        for entry in roster:
            self._install_seat(row.id, batch_id, entry, photos, package_id, now)
        for member in staff:
            self._install_staff(row.id, member, now, by)
        self._s.flush()
        return row.id

    def _ensure_batch(self, plan: Row, batch: Row, now: datetime) -> int:
        existing = self._s.scalars(select(BatchRow).where(
            BatchRow.code == str(batch["code"]))).one_or_none()
        if existing is not None:
            return existing.id
        plan_row = self._s.scalars(select(PlanRow).where(
            PlanRow.code == str(plan["code"]))).one_or_none()
        if plan_row is None:
            plan_row = PlanRow(
                code=str(plan["code"]), title=str(plan["title"]),
                occupation_code=str(plan["occupation_code"]), direction=str(plan["direction"]),
                level=str(plan["level"]), start_date=date.fromisoformat(str(plan["start_date"])),
                end_date=date.fromisoformat(str(plan["end_date"])), sites=str(plan["sites"]),
                capacity=int(str(plan["capacity"])), training_body=str(plan["training_body"]),
                created_at=now)
            self._s.add(plan_row)
            self._s.flush()
        row = BatchRow(plan_id=plan_row.id, code=str(batch["code"]), name=str(batch["name"]),
                       assessment_start=date.fromisoformat(str(batch["assessment_start"])),
                       assessment_end=date.fromisoformat(str(batch["assessment_end"])),
                       status="open", created_at=now)
        self._s.add(row)
        self._s.flush()
        return row.id

    def _install_seat(self, session_id: int, batch_id: int, entry: Row,
                      photos: Mapping[int, bytes], package_id: str, now: datetime) -> None:
        origin = int(str(entry["考生编号"]))
        local = self._s.scalar(select(SiteCandidateRow.candidate_id).where(
            SiteCandidateRow.origin_id == origin))
        if local is None:
            candidate = CandidateRow(
                batch_id=batch_id, name=str(entry["姓名"]), id_type=str(entry["证件类型"]),
                # The site never receives the full number (docs/site-packages.md).
                id_number="", id_masked=str(entry["证件号码脱敏"]),
                person_key=str(entry["人员标识"]), sex=str(entry["性别"]), education="",
                occupation_code=str(entry["职业编码"]), direction=str(entry["职业方向"]),
                level=str(entry["等级"]), status=str(entry["状态"]), photo=photos.get(origin),
                created_at=now, updated_at=now)
            self._s.add(candidate)
            self._s.flush()
            local = candidate.id
            self._s.add(SiteCandidateRow(candidate_id=local, origin_id=origin,
                                         id_digest=str(entry["证件号码摘要"]),
                                         package_id=package_id))
        self._s.add(SeatRow(session_id=session_id, candidate_id=local,
                            seat_no=int(str(entry["座位号"])), ticket_no=str(entry["准考证号"]),
                            attendance=str(entry["出勤"]),
                            checked_in_at=_parse_moment(entry["签到时间"])))

    def _install_staff(self, session_id: int, member: Row, now: datetime, by: str) -> None:
        username = str(member["用户名"])
        user_id = self._s.scalar(select(UserRow.id).where(UserRow.username == username)) \
            if username else None
        examiner = None
        if user_id is not None:
            examiner = self._s.scalars(select(ExaminerRow).where(
                ExaminerRow.user_id == user_id)).one_or_none()
        if examiner is None:
            examiner = ExaminerRow(
                name=str(member["姓名"]), roles=str(member["人员库角色"]),
                occupations=str(member["职业"]), qualified_level=str(member["等级"]) or None,
                certificate_no=str(member["考评员证书编号"]), employer=str(member["工作单位"]),
                user_id=user_id, created_at=now, updated_at=now)
            self._s.add(examiner)
            self._s.flush()
        self._s.add(SessionStaffRow(session_id=session_id, examiner_id=examiner.id,
                                    role=str(member["角色"]), assigned_at=now, assigned_by=by))

    def site_origin(self, session_id: int) -> tuple[int, str] | None:
        """(head-office session id, ID digest salt) of a session received from head office."""
        row = self._s.get(SiteSessionRow, session_id)
        return None if row is None else (row.origin_id, row.digest_salt)

    def site_digests(self, session_id: int) -> dict[str, str]:
        """ID digest -> ticket number for the seats of a received session."""
        stmt = (select(SiteCandidateRow.id_digest, SeatRow.ticket_no)
                .join(SeatRow, SeatRow.candidate_id == SiteCandidateRow.candidate_id)
                .where(SeatRow.session_id == session_id))
        return {digest: ticket for digest, ticket in self._s.execute(stmt)}

    def seat_states(self, session_id: int) -> list[SeatState]:
        """Check-in state of every seat of a session."""
        stmt = (select(SeatRow, ExamSessionRow.code)
                .join(ExamSessionRow, ExamSessionRow.id == SeatRow.session_id)
                .where(SeatRow.session_id == session_id).order_by(SeatRow.seat_no))
        return [SeatState(code, s.ticket_no, s.attendance,
                          None if s.checked_in_at is None else _utc(s.checked_in_at))
                for s, code in self._s.execute(stmt)]

    def merge_seats(self, session_id: int, states: Sequence[SeatState]) -> MergeOutcome:
        """Take the site's check-in where head office has none; report differences."""
        seats = {s.ticket_no: s for s in self._s.scalars(
            select(SeatRow).where(SeatRow.session_id == session_id))}
        added = unchanged = 0
        conflicts: list[str] = []
        for state in states:
            seat = seats.get(state.ticket_no)
            if seat is None:
                conflicts.append(f"准考证 {state.ticket_no} 不在总部的本场次座位表中，未导入")
                continue
            here = None if seat.checked_in_at is None else _utc(seat.checked_in_at)
            nothing_new = state.attendance == "expected" and state.checked_in_at is None
            if nothing_new or (seat.attendance == state.attendance
                               and here == state.checked_in_at):
                unchanged += 1
            elif seat.attendance == "expected" and seat.checked_in_at is None:
                seat.attendance, seat.checked_in_at = state.attendance, state.checked_in_at
                added += 1
            else:
                conflicts.append(f"准考证 {state.ticket_no} 的考勤总部为“{_attendance(seat.attendance)}”，"
                                 f"考点为“{_attendance(state.attendance)}”，保留总部记录，请核实")
        self._s.flush()
        return MergeOutcome(added, unchanged, tuple(conflicts))

    def _candidate_by_ticket(self, session_id: int) -> dict[str, int]:
        stmt = select(SeatRow.ticket_no, SeatRow.candidate_id).where(
            SeatRow.session_id == session_id)
        return {t: c for t, c in self._s.execute(stmt)}

    def merge_incidents(self, session_id: int, rows: Sequence[Row]) -> MergeOutcome:
        """Add the site's incidents that head office does not have yet (same ticket, kind, time)."""
        by_ticket = self._candidate_by_ticket(session_id)
        added = unchanged = 0
        conflicts: list[str] = []
        for row in rows:
            ticket = str(row["准考证号"])
            candidate = by_ticket.get(ticket)
            if candidate is None:
                conflicts.append(f"违纪记录的准考证 {ticket} 不在本场次，未导入")
                continue
            at = _parse_moment(row["记录时间"])
            exists = self._s.scalar(select(IncidentRow.id).where(
                IncidentRow.session_id == session_id, IncidentRow.candidate_id == candidate,
                IncidentRow.kind == str(row["类型"]), IncidentRow.recorded_at == at))
            if exists is not None:
                unchanged += 1
                continue
            self._s.add(IncidentRow(session_id=session_id, candidate_id=candidate,
                                    kind=str(row["类型"]), note=str(row["说明"]), recorded_at=at,
                                    recorded_by=str(row["记录人"])))
            added += 1
        self._s.flush()
        return MergeOutcome(added, unchanged, tuple(conflicts))

    def merge_scores(self, session_id: int, rows: Sequence[Row]) -> MergeOutcome:
        """Append the site's score history that head office lacks, unless results are locked.

        A row is "the same" when ticket, component, kind, status, value, actor and time agree.
        Events of a candidate whose result head office already confirmed are not added.
        """
        by_ticket = self._candidate_by_ticket(session_id)
        confirmed = set(self._s.scalars(select(ResultRow.candidate_id).where(
            ResultRow.candidate_id.in_(by_ticket.values()))))
        session_locked = self._s.scalar(select(ExamSessionRow.confirmed_at).where(
            ExamSessionRow.id == session_id)) is not None
        refs: dict[str, int] = {}
        added = unchanged = 0
        conflicts: list[str] = []
        for row in rows:
            outcome = self._merge_score(session_id, row, by_ticket, confirmed, session_locked, refs)
            if outcome == "added":
                added += 1
            elif outcome == "same":
                unchanged += 1
            else:
                conflicts.append(outcome)
        self._s.flush()
        return MergeOutcome(added, unchanged, tuple(dict.fromkeys(conflicts)))

    def _merge_score(self, session_id: int, row: Row, by_ticket: Mapping[str, int],
                     confirmed: set[int], session_locked: bool, refs: dict[str, int]) -> str:
        ticket = str(row["准考证号"])
        candidate = by_ticket.get(ticket)
        if candidate is None:
            return f"成绩记录的准考证 {ticket} 不在本场次，未导入"
        at = _parse_moment(row["时间"])
        same = self._s.scalar(select(ScoreEventRow.id).where(
            ScoreEventRow.session_id == session_id, ScoreEventRow.candidate_id == candidate,
            ScoreEventRow.component == str(row["科目"]), ScoreEventRow.kind == str(row["类型"]),
            ScoreEventRow.status == str(row["状态"]), ScoreEventRow.value == str(row["成绩"]),
            ScoreEventRow.actor == str(row["操作人"]), ScoreEventRow.at == at))
        if same is not None:
            refs[str(row["记录编号"])] = same
            return "same"
        if candidate in confirmed or session_locked:
            return (f"准考证 {ticket} 的成绩在总部已确认锁定，考点的成绩记录未覆盖；"
                    "如需更正请走成绩更正流程")
        ref = str(row["关联记录"])
        event = ScoreEventRow(
            session_id=session_id, candidate_id=candidate, component=str(row["科目"]),
            kind=str(row["类型"]), status=str(row["状态"]), value=str(row["成绩"]),
            old_status=str(row["原状态"]), old_value=str(row["原成绩"]),
            actor=str(row["操作人"]), approver=str(row["批准人"]), reason=str(row["原因"]),
            ref_id=refs.get(ref) if ref else None, source="site", at=at)
        self._s.add(event)
        self._s.flush()
        refs[str(row["记录编号"])] = event.id
        return "added"

    # --- dossier ---------------------------------------------------------------------------------

    def audit_excerpt(self, batch_code: str, batch_id: int, limit: int) -> list[Row]:
        """Audit entries that name the batch (by code or id), newest last."""
        # Quoted, so batch "B1" does not match entries about "B10".
        conditions = [AuditRow.target == f"batch:{batch_id}",
                      AuditRow.target.contains(f":{batch_code}"),
                      AuditRow.details.contains(f'"{batch_code}"'),
                      AuditRow.details.contains(f'"batch:{batch_id}"')]
        stmt = select(AuditRow).where(or_(*conditions)).order_by(AuditRow.id.desc()).limit(limit)
        rows = list(self._s.scalars(stmt))
        return [{"序号": a.id, "时间": a.at, "操作人": a.actor, "操作": a.action,
                 "对象": a.target, "结果": a.outcome}
                for a in reversed(rows)]
