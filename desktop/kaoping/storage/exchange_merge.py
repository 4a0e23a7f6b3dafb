"""Results coming back from a site (考点回传): head office's seats, and merging the site's records."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from sqlalchemy import select

from kaoping.services.ports.exams import Attendance
from kaoping.services.ports.exchange import MergeOutcome, Row, SeatState
from kaoping.storage.exams_tables import ExamSessionRow, ResultRow, SeatRow
from kaoping.storage.exchange_common import SessionBound, parse_moment, utc
from kaoping.storage.scores_tables import ScoreEventRow
from kaoping.storage.sites_tables import IncidentRow


def _attendance(value: str) -> str:
    # Conflict lines are read by people: the Chinese name, or the stored code if unknown.
    try:
        return Attendance(value).label
    except ValueError:
        return value


class SiteResults(SessionBound):
    """Check-in, incidents and score history merged from a site's results package."""

    def seat_states(self, session_id: int) -> list[SeatState]:
        """Check-in state of every seat of a session."""
        stmt = (select(SeatRow, ExamSessionRow.code)
                .join(ExamSessionRow, ExamSessionRow.id == SeatRow.session_id)
                .where(SeatRow.session_id == session_id).order_by(SeatRow.seat_no))
        return [SeatState(code, s.ticket_no, s.attendance,
                          None if s.checked_in_at is None else utc(s.checked_in_at))
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
            here = None if seat.checked_in_at is None else utc(seat.checked_in_at)
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
            at = parse_moment(row["记录时间"])
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
        at = parse_moment(row["时间"])
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

