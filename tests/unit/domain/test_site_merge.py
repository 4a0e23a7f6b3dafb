"""Merging a site's results at head office: check-in, incidents, score history."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import pytest

from kaoping.domain.attendance import Attendance, attendance_label
from kaoping.domain.site_merge import (
    Decision,
    EventRef,
    HeadScore,
    MergeOutcome,
    SeatState,
    SiteIncident,
    SiteScore,
    Verdict,
    merge_incidents,
    merge_scores,
    merge_seats,
    tally,
)

T0 = datetime(2027, 3, 6, 1, 30, tzinfo=UTC)
T1 = T0 + timedelta(minutes=5)
CANDIDATES = {"GX001": 11, "GX002": 12}


def seat(ticket: str, attendance: str = "expected", at: datetime | None = None) -> SeatState:
    return SeatState("S1", ticket, attendance, at)


def verdicts(decisions: list[Decision[SeatState]] | list[Decision[SiteIncident]]) -> list[str]:
    return [d.verdict.value for d in decisions]


# --- attendance labels -----------------------------------------------------------------------------


def test_attendance_labels_are_chinese_and_unknown_codes_stay_as_they_are() -> None:
    assert [a.label for a in Attendance] == ["未签到", "已到", "迟到", "缺考", "离场"]
    assert attendance_label("late") == "迟到"
    assert attendance_label("gone") == "gone"


def test_ports_still_offer_the_values_that_moved_to_the_domain() -> None:
    from kaoping.services.ports.exams import Attendance as PortAttendance
    from kaoping.services.ports.exchange import MergeOutcome as PortOutcome
    from kaoping.services.ports.exchange import SeatState as PortSeat

    assert (PortAttendance, PortOutcome, PortSeat) == (Attendance, MergeOutcome, SeatState)


# --- seats -----------------------------------------------------------------------------------------


def test_seat_not_in_head_office_table_is_a_conflict() -> None:
    decisions = merge_seats([seat("GX001")], [seat("GX009", "present", T0)])
    assert decisions == [
        Decision(
            Verdict.CONFLICT,
            seat("GX009", "present", T0),
            "准考证 GX009 不在总部的本场次座位表中，未导入",
        )
    ]


def test_site_with_nothing_new_leaves_head_office_as_it_is() -> None:
    head = [seat("GX001", "late", T0)]
    assert verdicts(merge_seats(head, [seat("GX001")])) == ["unchanged"]


def test_same_attendance_and_time_is_unchanged() -> None:
    head = [seat("GX001", "present", T0)]
    same_instant = T0.astimezone(timezone(timedelta(hours=8)))
    assert verdicts(merge_seats(head, [seat("GX001", "present", same_instant)])) == ["unchanged"]


def test_untouched_head_office_seat_takes_the_site_check_in() -> None:
    decisions = merge_seats([seat("GX001")], [seat("GX001", "absent")])
    assert decisions == [Decision(Verdict.ADD, seat("GX001", "absent"))]


def test_differing_attendance_is_a_conflict_naming_both_in_chinese() -> None:
    decisions = merge_seats([seat("GX001", "late", T0)], [seat("GX001", "present", T0)])
    assert decisions[0].verdict is Verdict.CONFLICT
    assert decisions[0].message == (
        "准考证 GX001 的考勤总部为“迟到”，考点为“已到”，保留总部记录，请核实"
    )


def test_same_attendance_at_another_time_is_a_conflict() -> None:
    decisions = merge_seats([seat("GX001", "present", T0)], [seat("GX001", "present", T1)])
    assert decisions[0].message == (
        "准考证 GX001 的考勤总部为“已到”，考点为“已到”，保留总部记录，请核实"
    )


def test_expected_with_a_check_in_time_is_not_untouched() -> None:
    decisions = merge_seats([seat("GX001", "expected", T0)], [seat("GX001", "gone", T1)])
    assert decisions[0].message == (
        "准考证 GX001 的考勤总部为“未签到”，考点为“gone”，保留总部记录，请核实"
    )


def test_a_seat_taken_in_this_merge_is_head_office_for_the_next_record() -> None:
    site = [seat("GX001", "present", T0), seat("GX001", "present", T0), seat("GX001", "late", T1)]
    decisions = merge_seats([seat("GX001")], site)
    assert verdicts(decisions) == ["add", "unchanged", "conflict"]
    assert "总部为“已到”，考点为“迟到”" in decisions[2].message


def test_seat_conflicts_are_counted_each_time() -> None:
    site = [seat("GX009", "present", T0)] * 2 + [seat("GX001", "present", T0), seat("GX002")]
    outcome = tally(merge_seats([seat("GX001"), seat("GX002")], site))
    message = "准考证 GX009 不在总部的本场次座位表中，未导入"
    assert outcome == MergeOutcome(1, 1, (message, message))


# --- incidents -------------------------------------------------------------------------------------


def incident(
    ticket: str = "GX001", kind: str = "cheating", at: datetime | None = T0, note: str = "夹带"
) -> SiteIncident:
    return SiteIncident(ticket, kind, note, at, "ex_a")


def test_incident_with_unknown_ticket_is_a_conflict() -> None:
    decisions = merge_incidents([], [incident("GX009")], CANDIDATES)
    assert decisions == [
        Decision(Verdict.CONFLICT, incident("GX009"), "违纪记录的准考证 GX009 不在本场次，未导入")
    ]


def test_incident_with_same_candidate_kind_and_time_is_unchanged_whatever_the_note() -> None:
    decisions = merge_incidents([(11, "cheating", T0)], [incident(note="另一说明")], CANDIDATES)
    assert verdicts(decisions) == ["unchanged"]


@pytest.mark.parametrize("site", [incident("GX002"), incident(kind="device"), incident(at=T1)])
def test_incident_differing_in_candidate_kind_or_time_is_added(site: SiteIncident) -> None:
    decisions = merge_incidents([(11, "cheating", T0)], [site], CANDIDATES)
    assert decisions == [Decision(Verdict.ADD, site)]


def test_incident_repeated_in_the_package_is_added_once() -> None:
    decisions = merge_incidents([], [incident(), incident(note="重复")], CANDIDATES)
    assert verdicts(decisions) == ["add", "unchanged"]
    assert tally(decisions) == MergeOutcome(1, 1, ())


# --- score history ---------------------------------------------------------------------------------


def score(number: str, ticket: str = "GX001", ref: str = "", **changes: Any) -> SiteScore:
    event = SiteScore(
        number, ticket, "theory", "entry", "present", "85.5", "", "", "ex_a", "", "", ref, T0
    )
    return dataclasses.replace(event, **changes)


def head_score(head_id: int, candidate_id: int = 11, **changes: Any) -> HeadScore:
    event = HeadScore(head_id, candidate_id, "theory", "entry", "present", "85.5", "ex_a", T0)
    return dataclasses.replace(event, **changes)


def merge(
    head: list[HeadScore],
    site: list[SiteScore],
    confirmed: frozenset[int] = frozenset(),
    session_confirmed: bool = False,
) -> list[str]:
    return [
        d.verdict.value for d in merge_scores(head, site, CANDIDATES, confirmed, session_confirmed)
    ]


def test_score_with_unknown_ticket_is_a_conflict() -> None:
    decisions = merge_scores([], [score("1", "GX009")], CANDIDATES, (), False)
    assert decisions[0].verdict is Verdict.CONFLICT
    assert decisions[0].message == "成绩记录的准考证 GX009 不在本场次，未导入"


def test_score_head_office_has_is_unchanged_even_when_locked() -> None:
    assert merge([head_score(7)], [score("1")]) == ["unchanged"]
    assert merge([head_score(7)], [score("1")], session_confirmed=True) == ["unchanged"]


@pytest.mark.parametrize(
    "change",
    [
        {"component": "practical"},
        {"kind": "correction"},
        {"status": "absent"},
        {"value": "86"},
        {"actor": "ex_b"},
        {"at": T1},
        {"ticket_no": "GX002"},
    ],
)
def test_score_differing_in_any_identifying_field_is_added(change: dict[str, Any]) -> None:
    assert merge([head_score(7)], [score("1", **change)]) == ["add"]


@pytest.mark.parametrize(
    "change",
    [{"old_value": "80"}, {"approver": "u_sup"}, {"reason": "复核"}, {"old_status": "absent"}],
)
def test_score_notes_do_not_make_another_event(change: dict[str, Any]) -> None:
    assert merge([head_score(7)], [score("1", **change)]) == ["unchanged"]


def test_scores_of_a_confirmed_candidate_are_locked() -> None:
    decisions = merge_scores(
        [], [score("1"), score("2", "GX002")], CANDIDATES, frozenset({11}), False
    )
    assert [d.verdict for d in decisions] == [Verdict.CONFLICT, Verdict.ADD]
    assert decisions[0].message == (
        "准考证 GX001 的成绩在总部已确认锁定，考点的成绩记录未覆盖；如需更正请走成绩更正流程"
    )


def test_a_confirmed_session_locks_every_candidate() -> None:
    assert merge([], [score("1"), score("2", "GX002")], session_confirmed=True) == [
        "conflict",
        "conflict",
    ]


def test_score_conflicts_are_reported_once_each_in_order() -> None:
    site = [
        score("1", value="1"),
        score("2", "GX009"),
        score("3", value="2"),
        score("4", "GX009", value="3"),
    ]
    outcome = tally(merge_scores([], site, CANDIDATES, {11}, False), distinct=True)
    assert outcome.conflicts == (
        "准考证 GX001 的成绩在总部已确认锁定，考点的成绩记录未覆盖；如需更正请走成绩更正流程",
        "成绩记录的准考证 GX009 不在本场次，未导入",
    )
    assert (outcome.added, outcome.unchanged) == (0, 0)


def test_reference_to_an_event_head_office_had_points_at_its_id() -> None:
    site = [score("1"), score("2", kind="correction", value="90", ref="1")]
    decisions = merge_scores([head_score(7)], site, CANDIDATES, (), False)
    assert decisions[1].verdict is Verdict.ADD
    assert decisions[1].ref == EventRef(head_id=7)


def test_reference_to_an_event_added_in_this_merge_points_at_its_position() -> None:
    site = [score("5", value="60"), score("6", kind="correction", value="90", ref="5")]
    decisions = merge_scores([], site, CANDIDATES, (), False)
    assert [d.verdict for d in decisions] == [Verdict.ADD, Verdict.ADD]
    assert decisions[0].ref is None
    assert decisions[1].ref == EventRef(added=0)


def test_reference_to_a_record_head_office_did_not_take_is_dropped() -> None:
    site = [
        score("1", "GX009"),
        score("2", kind="correction", ref="1"),
        score("3", value="70", ref="404"),
    ]
    decisions = merge_scores([], site, CANDIDATES, (), False)
    assert [d.ref for d in decisions] == [None, None, None]


def test_event_repeated_in_the_package_is_added_once_and_referred_to_by_position() -> None:
    site = [score("1"), score("2"), score("3", kind="correction", value="90", ref="2")]
    decisions = merge_scores([], site, CANDIDATES, (), False)
    assert [d.verdict for d in decisions] == [Verdict.ADD, Verdict.UNCHANGED, Verdict.ADD]
    assert decisions[2].ref == EventRef(added=0)


def test_of_equal_head_office_events_the_oldest_is_referred_to() -> None:
    site = [score("1"), score("2", kind="correction", ref="1")]
    decisions = merge_scores([head_score(7), head_score(9)], site, CANDIDATES, (), False)
    assert decisions[1].ref == EventRef(head_id=7)


def test_event_ref_resolves_to_head_office_ids() -> None:
    assert EventRef(head_id=7).resolve({}) == 7
    assert EventRef(added=2).resolve({0: 40, 2: 41}) == 41
    assert EventRef().resolve({}) is None
