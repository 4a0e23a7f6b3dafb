"""What report packages (报送) and dossiers read across the tables, and the department's decisions.

Rows going into package files are keyed by the package's column names.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import UTC, datetime, time

from sqlalchemy import insert, or_, select

from kaoping.domain.approvals import ApprovalDecision
from kaoping.domain.beijing import BEIJING
from kaoping.domain.eligibility import note_reason
from kaoping.services.ports.exchange import ApprovalRecord, ReportCandidate, Row
from kaoping.storage.certificates_tables import CertificateRow
from kaoping.storage.exams_tables import ApprovalRow, ExamSessionRow, ResultRow, SeatRow
from kaoping.storage.exchange_common import SessionBound, iso, utc
from kaoping.storage.exchange_tables import ReportEntryRow
from kaoping.storage.intake_tables import CandidateRow, EligibilityOverrideRow
from kaoping.storage.sampling_tables import SamplingCheckRow, SamplingDrawRow
from kaoping.storage.scores_tables import ScoreEventRow
from kaoping.storage.sites_tables import ExaminerRow, IncidentRow, SessionStaffRow
from kaoping.storage.tables import AuditRow


class ReportRows(SessionBound):
    """The batch's records as the report package carries them."""

    def report_candidates(self, batch_id: int) -> list[ReportCandidate]:
        """The batch's applications with their confirmed results, by id."""
        # Plain column rows, not ORM objects: a report may hold tens of thousands of candidates.
        c = CandidateRow
        stmt = (
            select(
                c.id,
                c.name,
                c.id_type,
                c.id_number,
                c.id_masked,
                c.sex,
                c.occupation_code,
                c.direction,
                c.level,
                c.training_cert_no,
                c.training_body,
                c.route,
                c.status,
                ResultRow.outcome,
                ResultRow.reasons,
            )
            .outerjoin(ResultRow, ResultRow.candidate_id == c.id)
            .where(c.batch_id == batch_id)
            .order_by(c.id)
        )
        return [
            ReportCandidate(
                i,
                name,
                id_type,
                number,
                masked,
                sex,
                occupation,
                direction,
                level,
                training_no,
                training_body,
                route,
                status,
                outcome or "",
                reasons or "",
            )
            for (
                i,
                name,
                id_type,
                number,
                masked,
                sex,
                occupation,
                direction,
                level,
                training_no,
                training_body,
                route,
                status,
                outcome,
                reasons,
            ) in self._s.execute(stmt)
        ]

    def confirmed_outcomes(self, batch_id: int) -> list[Row]:
        """Confirmed overall results of the batch."""
        r = ResultRow
        stmt = (
            select(r.candidate_id, r.outcome, r.reasons, r.confirmed_at, r.confirmed_by)
            .where(r.batch_id == batch_id)
            .order_by(r.candidate_id)
        )
        return [
            {
                "考生编号": cid,
                "考核结果": outcome,
                "原因": reasons,
                "确认时间": iso(at),
                "确认人": by,
            }
            for cid, outcome, reasons, at, by in self._s.execute(stmt)
        ]

    def score_rows(self, batch_id: int, session_ids: Sequence[int] | None = None) -> list[Row]:
        """The score history of the batch (or of some sessions), in the order it happened."""
        stmt = (
            select(ScoreEventRow, ExamSessionRow.code)
            .join(ExamSessionRow, ExamSessionRow.id == ScoreEventRow.session_id)
            .where(ExamSessionRow.batch_id == batch_id)
            .order_by(ScoreEventRow.id)
        )
        if session_ids is not None:
            stmt = stmt.where(ScoreEventRow.session_id.in_(session_ids))
        return [
            {
                "记录编号": e.id,
                "场次": code,
                "考生编号": e.candidate_id,
                "科目": e.component,
                "类型": e.kind,
                "状态": e.status,
                "成绩": e.value,
                "原状态": e.old_status,
                "原成绩": e.old_value,
                "操作人": e.actor,
                "批准人": e.approver,
                "原因": e.reason,
                "关联记录": "" if e.ref_id is None else e.ref_id,
                "来源": e.source,
                "时间": iso(e.at),
            }
            for e, code in self._s.execute(stmt)
        ]

    def attendance_rows(self, batch_id: int) -> list[Row]:
        """Every seat of the batch with its attendance."""
        stmt = (
            select(SeatRow, ExamSessionRow)
            .join(ExamSessionRow, ExamSessionRow.id == SeatRow.session_id)
            .where(ExamSessionRow.batch_id == batch_id)
            .order_by(ExamSessionRow.code, SeatRow.seat_no)
        )
        return [
            {
                "场次": s.code,
                "科目": s.component,
                "考点": s.site,
                "考场": s.room,
                "座位号": seat.seat_no,
                "准考证号": seat.ticket_no,
                "考生编号": seat.candidate_id,
                "出勤": seat.attendance,
                "签到时间": iso(seat.checked_in_at),
            }
            for seat, s in self._s.execute(stmt)
        ]

    def incident_rows(self, batch_id: int) -> list[Row]:
        """Every incident recorded in the batch's sessions."""
        stmt = (
            select(IncidentRow, ExamSessionRow.code)
            .join(ExamSessionRow, ExamSessionRow.id == IncidentRow.session_id)
            .where(ExamSessionRow.batch_id == batch_id)
            .order_by(IncidentRow.id)
        )
        return [
            {
                "场次": code,
                "考生编号": i.candidate_id,
                "类型": i.kind,
                "说明": i.note,
                "记录时间": iso(i.recorded_at),
                "记录人": i.recorded_by,
            }
            for i, code in self._s.execute(stmt)
        ]

    def examiner_rows(self, batch_id: int) -> list[Row]:
        """Who staffed which session of the batch, in which role."""
        stmt = (
            select(SessionStaffRow, ExaminerRow, ExamSessionRow.code)
            .join(ExaminerRow, ExaminerRow.id == SessionStaffRow.examiner_id)
            .join(ExamSessionRow, ExamSessionRow.id == SessionStaffRow.session_id)
            .where(ExamSessionRow.batch_id == batch_id)
            .order_by(ExamSessionRow.code, SessionStaffRow.role, ExaminerRow.name)
        )
        return [
            {
                "场次": code,
                "姓名": e.name,
                "角色": st.role,
                "考评员证书编号": e.certificate_no,
                "工作单位": e.employer,
                "安排时间": iso(st.assigned_at),
                "安排人": st.assigned_by,
            }
            for st, e, code in self._s.execute(stmt)
        ]

    def session_rows(self, batch_id: int) -> list[Row]:
        """The batch's sessions."""
        stmt = (
            select(ExamSessionRow)
            .where(ExamSessionRow.batch_id == batch_id)
            .order_by(ExamSessionRow.starts_at, ExamSessionRow.code)
        )
        return [
            {
                "场次": s.code,
                "科目": s.component,
                "考点": s.site,
                "考场": s.room,
                "开始": iso(s.starts_at),
                "结束": iso(s.ends_at),
                "容量": s.capacity,
                "状态": s.status,
                "成绩确认时间": iso(s.confirmed_at),
                "确认人": s.confirmed_by,
                "_id": s.id,
            }
            for s in self._s.scalars(stmt)
        ]

    def sampling_rows(self, batch_id: int) -> list[Row]:
        """Outcomes of verification sampling (核查) for the batch."""
        stmt = (
            select(SamplingCheckRow, SamplingDrawRow.id)
            .join(SamplingDrawRow, SamplingDrawRow.id == SamplingCheckRow.draw_id)
            .where(SamplingDrawRow.batch_id == batch_id)
            .order_by(SamplingCheckRow.id)
        )
        return [
            {
                "抽样编号": draw_id,
                "考生编号": c.candidate_id,
                "核查事项": c.fact,
                "核查结果": c.outcome,
                "说明": c.note,
                "核查时间": iso(c.checked_at),
                "核查人": c.checked_by,
            }
            for c, draw_id in self._s.execute(stmt)
        ]

    def sampling_draw_rows(self, batch_id: int) -> list[Row]:
        """The recorded draws of the batch, with what anyone needs to repeat them."""
        stmt = (
            select(SamplingDrawRow)
            .where(SamplingDrawRow.batch_id == batch_id)
            .order_by(SamplingDrawRow.id)
        )
        return [
            {
                "抽样编号": d.id,
                "随机种子": d.seed,
                "比例": d.ratio,
                "方法": d.method,
                "总体人数": len(json.loads(d.population)),
                "总体SHA256": d.population_sha256,
                "抽中": d.drawn,
                "抽取时间": iso(d.drawn_at),
                "抽取人": d.drawn_by,
            }
            for d in self._s.scalars(stmt)
        ]

    def override_rows(self, batch_id: int) -> list[Row]:
        """The exceptions to the eligibility rules (申报条件例外) recorded in the batch."""
        o, c = EligibilityOverrideRow, CandidateRow
        stmt = (
            select(o, c.name, c.id_masked)
            .join(c, c.id == o.candidate_id)
            .where(c.batch_id == batch_id)
            .order_by(o.candidate_id)
        )
        return [
            {
                "考生编号": row.candidate_id,
                "姓名": name,
                "证件号码脱敏": masked,
                "不符合的申报条件": note_reason(row.verdict),
                "例外依据": row.basis,
                "登记人": row.recorded_by,
                "登记时间": iso(row.recorded_at),
            }
            for row, name, masked in self._s.execute(stmt)
        ]

    def certificate_numbers(self, batch_id: int) -> dict[int, str]:
        """Candidate id -> number of their valid certificate, for those already numbered."""
        stmt = select(CertificateRow.candidate_id, CertificateRow.number).where(
            CertificateRow.batch_id == batch_id, CertificateRow.status == "valid"
        )
        return {cid: number for cid, number in self._s.execute(stmt)}

    def record_report_entries(
        self, package_id: str, batch_id: int, candidate_ids: Sequence[int], now: datetime
    ) -> None:
        """Remember who a report package named."""
        if candidate_ids:
            self._s.execute(
                insert(ReportEntryRow),
                [
                    {
                        "package_id": package_id,
                        "batch_id": batch_id,
                        "candidate_id": cid,
                        "reported_at": now,
                    }
                    for cid in candidate_ids
                ],
            )

    def reported_candidate_ids(self, batch_id: int) -> set[int]:
        """Candidates named in any report package of the batch."""
        return set(
            self._s.scalars(
                select(ReportEntryRow.candidate_id).where(ReportEntryRow.batch_id == batch_id)
            )
        )


class Approvals(SessionBound):
    """The department's decisions (审核结果) on the candidates of a batch."""

    def approvals(self, batch_id: int) -> dict[int, ApprovalRecord]:
        """The department's decisions stored for the batch, by candidate."""
        rows = self._s.scalars(select(ApprovalRow).where(ApprovalRow.batch_id == batch_id))
        return {
            r.candidate_id: ApprovalRecord(
                r.candidate_id,
                ApprovalDecision(r.decision),
                r.reason,
                r.reference,
                utc(r.decided_on).astimezone(BEIJING).date(),
            )
            for r in rows
        }

    def put_approval(self, batch_id: int, record: ApprovalRecord, now: datetime, by: str) -> None:
        """Store or replace the decision on one candidate."""
        row = self._s.scalars(
            select(ApprovalRow).where(ApprovalRow.candidate_id == record.candidate_id)
        ).one_or_none()
        if row is None:
            row = ApprovalRow(candidate_id=record.candidate_id, batch_id=batch_id)
        row.decision, row.reason, row.reference = record.decision, record.reason, record.reference
        # The decision day is a Chinese calendar day; stored as its midnight in China.
        row.decided_on = datetime.combine(record.decided_on, time(), BEIJING).astimezone(UTC)
        row.recorded_at, row.recorded_by = now, by
        self._s.add(row)
        self._s.flush()


class DossierRows(SessionBound):
    """What the dossier (考务档案) reads beyond the report rows."""

    def audit_excerpt(self, batch_code: str, batch_id: int, limit: int) -> list[Row]:
        """Audit entries that name the batch (by code or id), newest last."""
        # Quoted, so batch "B1" does not match entries about "B10".
        conditions = [
            AuditRow.target == f"batch:{batch_id}",
            AuditRow.target.contains(f":{batch_code}"),
            AuditRow.details.contains(f'"{batch_code}"'),
            AuditRow.details.contains(f'"batch:{batch_id}"'),
        ]
        stmt = select(AuditRow).where(or_(*conditions)).order_by(AuditRow.id.desc()).limit(limit)
        rows = list(self._s.scalars(stmt))
        return [
            {
                "序号": a.id,
                "时间": a.at,
                "操作人": a.actor,
                "操作": a.action,
                "对象": a.target,
                "结果": a.outcome,
            }
            for a in reversed(rows)
        ]
