"""Results coming back from a site (考点回传): head office's seats, and merging the site's records.

What to take and what to report is ``domain.site_merge``'s decision; this part reads head
office's current records for it and writes what it decided to add.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select

from kaoping.domain import site_merge
from kaoping.domain.site_merge import (
    HeadScore,
    IncidentKey,
    MergeOutcome,
    SeatState,
    SiteIncident,
    SiteScore,
    Verdict,
)
from kaoping.services.ports.exchange import Row
from kaoping.storage.exams_tables import ExamSessionRow, ResultRow, SeatRow
from kaoping.storage.exchange_common import SessionBound, parse_moment, utc_or_none
from kaoping.storage.scores_tables import ScoreEventRow
from kaoping.storage.sites_tables import IncidentRow


def _site_incident(row: Row) -> SiteIncident:
    return SiteIncident(
        str(row["准考证号"]),
        str(row["类型"]),
        str(row["说明"]),
        parse_moment(row["记录时间"]),
        str(row["记录人"]),
    )


def _site_score(row: Row) -> SiteScore:
    return SiteScore(
        str(row["记录编号"]),
        str(row["准考证号"]),
        str(row["科目"]),
        str(row["类型"]),
        str(row["状态"]),
        str(row["成绩"]),
        str(row["原状态"]),
        str(row["原成绩"]),
        str(row["操作人"]),
        str(row["批准人"]),
        str(row["原因"]),
        str(row["关联记录"]),
        parse_moment(row["时间"]),
    )


class SiteResults(SessionBound):
    """Check-in, incidents and score history merged from a site's results package."""

    def seat_states(self, session_id: int) -> list[SeatState]:
        """Check-in state of every seat of a session."""
        stmt = (
            select(SeatRow, ExamSessionRow.code)
            .join(ExamSessionRow, ExamSessionRow.id == SeatRow.session_id)
            .where(SeatRow.session_id == session_id)
            .order_by(SeatRow.seat_no)
        )
        return [
            SeatState(code, s.ticket_no, s.attendance, utc_or_none(s.checked_in_at))
            for s, code in self._s.execute(stmt)
        ]

    def merge_seats(self, session_id: int, states: Sequence[SeatState]) -> MergeOutcome:
        """Take the site's check-in where head office has none; report differences."""
        decisions = site_merge.merge_seats(self.seat_states(session_id), states)
        seats = {
            s.ticket_no: s
            for s in self._s.scalars(select(SeatRow).where(SeatRow.session_id == session_id))
        }
        for decision in decisions:
            if decision.verdict is Verdict.ADD:
                seat = seats[decision.record.ticket_no]
                seat.attendance = decision.record.attendance
                seat.checked_in_at = decision.record.checked_in_at
        self._s.flush()
        return site_merge.tally(decisions)

    def _candidate_by_ticket(self, session_id: int) -> dict[str, int]:
        stmt = select(SeatRow.ticket_no, SeatRow.candidate_id).where(
            SeatRow.session_id == session_id
        )
        return {t: c for t, c in self._s.execute(stmt)}

    def _incident_keys(self, session_id: int) -> list[IncidentKey]:
        stmt = select(IncidentRow.candidate_id, IncidentRow.kind, IncidentRow.recorded_at).where(
            IncidentRow.session_id == session_id
        )
        return [(c, kind, utc_or_none(at)) for c, kind, at in self._s.execute(stmt)]

    def merge_incidents(self, session_id: int, rows: Sequence[Row]) -> MergeOutcome:
        """Add the site's incidents that head office does not have yet (same ticket, kind, time)."""
        by_ticket = self._candidate_by_ticket(session_id)
        decisions = site_merge.merge_incidents(
            self._incident_keys(session_id), [_site_incident(r) for r in rows], by_ticket
        )
        for decision in decisions:
            if decision.verdict is Verdict.ADD:
                incident = decision.record
                self._s.add(
                    IncidentRow(
                        session_id=session_id,
                        candidate_id=by_ticket[incident.ticket_no],
                        kind=incident.kind,
                        note=incident.note,
                        recorded_at=incident.recorded_at,
                        recorded_by=incident.recorded_by,
                    )
                )
        self._s.flush()
        return site_merge.tally(decisions)

    def _head_scores(self, session_id: int) -> list[HeadScore]:
        stmt = (
            select(ScoreEventRow)
            .where(ScoreEventRow.session_id == session_id)
            .order_by(ScoreEventRow.id)
        )
        return [
            HeadScore(
                e.id,
                e.candidate_id,
                e.component,
                e.kind,
                e.status,
                e.value,
                e.actor,
                utc_or_none(e.at),
            )
            for e in self._s.scalars(stmt)
        ]

    def merge_scores(self, session_id: int, rows: Sequence[Row]) -> MergeOutcome:
        """Append the site's score history that head office lacks, unless results are locked.

        A row is "the same" when ticket, component, kind, status, value, actor and time agree.
        Events of a candidate whose result head office already confirmed are not added.
        """
        by_ticket = self._candidate_by_ticket(session_id)
        confirmed = set(
            self._s.scalars(
                select(ResultRow.candidate_id).where(ResultRow.candidate_id.in_(by_ticket.values()))
            )
        )
        session_confirmed = (
            self._s.scalar(
                select(ExamSessionRow.confirmed_at).where(ExamSessionRow.id == session_id)
            )
            is not None
        )
        decisions = site_merge.merge_scores(
            self._head_scores(session_id),
            [_site_score(r) for r in rows],
            by_ticket,
            confirmed,
            session_confirmed,
        )
        written: dict[int, int] = {}  # position of an added site event -> its new id
        for index, decision in enumerate(decisions):
            if decision.verdict is Verdict.ADD:
                ref = None if decision.ref is None else decision.ref.resolve(written)
                written[index] = self._add_score(
                    session_id, by_ticket[decision.record.ticket_no], decision.record, ref
                )
        self._s.flush()
        return site_merge.tally(decisions, distinct=True)

    def _add_score(
        self, session_id: int, candidate_id: int, event: SiteScore, ref_id: int | None
    ) -> int:
        row = ScoreEventRow(
            session_id=session_id,
            candidate_id=candidate_id,
            component=event.component,
            kind=event.kind,
            status=event.status,
            value=event.value,
            old_status=event.old_status,
            old_value=event.old_value,
            actor=event.actor,
            approver=event.approver,
            reason=event.reason,
            ref_id=ref_id,
            source="site",
            at=event.at,
        )
        self._s.add(row)
        self._s.flush()  # the id is needed by events that refer to this one
        return row.id
