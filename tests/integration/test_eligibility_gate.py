"""Eligibility gates the batch: an applicant who is not eligible is taken in but not seated,
scored, reported as passed or certified until a quality supervisor records an exception."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import zipfile
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import update

from kaoping.domain.assessment import Component
from kaoping.domain.beijing import BEIJING
from kaoping.domain.catalogue import Level
from kaoping.domain.eligibility import NotEligible
from kaoping.domain.errors import ConflictError, NotFound, PermissionDenied, ValidationError
from kaoping.domain.roles import Role
from kaoping.domain.roster import HEADERS, KEY_OF, read_form
from kaoping.services import (
    audit,
    certificates,
    dossier,
    eligibility,
    exchange,
    intake,
    results,
    scores,
    sessions,
)
from kaoping.services.base import Actor, Env
from kaoping.services.ports.dto import AuditFilter
from kaoping.services.ports.exams import NewSession
from kaoping.services.ports.intake import CandidateQuery
from kaoping.storage.intake_tables import CandidateRow
from tests.databases import USERNAMES
from tests.integration.test_certificates_support import (
    APPROVED_ON,
    add_candidates,
    make_batch,
    register_seal,
)
from tests.integration.test_intake_service import TODAY, cells, id_number
from tests.integration.test_intake_service import make_batch as make_intake_batch
from tests.integration.test_scores_workflow import present, seed

PASSPHRASE = "key-passphrase-1"
BASIS = "经核对培训机构报送的结业名单，该考生已结业，培训合格证书编号待补（材料已存档）"
NO_TRAINING = {
    "training_cert_no": "",
    "training_body": "",
    "training_hours": "",
    "training_date": "",
}


def _enter(env: Env, admin: Actor, batch_id: int, sequence: int, **changes: str) -> int:
    form, problems = read_form(cells(id_number(sequence), **changes), TODAY)
    assert form is not None, problems
    return intake.enter_candidate(env, admin, batch_id, form).candidate_id


def _make_ineligible(env: Env, candidate_ids: list[int]) -> None:
    """As intake leaves an applicant without the training certificate."""
    note = (
        "不符合申报条件：完成本职业培训并经结业考核取得培训合格证书 —— "
        "缺少：培训合格证书编号（本项目申报人须为完成培训、取得培训合格证书的学员）\n"
        "（学历、资历条件已满足：（2）具有相关专业大学本科及以上学历）"
    )
    with env.uow() as uow:
        uow.session.execute(  # type: ignore[attr-defined]
            update(CandidateRow)
            .where(CandidateRow.id.in_(candidate_ids))
            .values(
                eligible=False,
                eligibility_note=note,
                training_cert_no="",
                education="大学本科",
                region_basis="在桂工作",
            )
        )
        uow.commit()


def _refusals(env: Env, actor: Actor, action: str) -> list[dict[str, object]]:
    entries = audit.search(env, actor, AuditFilter(action_prefix=action, limit=50))
    return [json.loads(e.details) for e in entries if e.outcome == "refused"]


def test_intake_keeps_an_applicant_without_training_certificate_as_not_eligible(
    env: Env, actors: dict[Role, Actor]
) -> None:
    """The application goes in, with a verdict naming the missing training certificate."""
    admin = actors[Role.EXAM_ADMIN]
    batch_id = make_intake_batch(env, admin)
    form, _ = read_form(cells(id_number(21), **NO_TRAINING), TODAY)
    assert form is not None
    result = intake.enter_candidate(env, admin, batch_id, form)
    assert not result.eligible and result.alternative == ""
    assert "缺少：培训合格证书编号" in result.verdict
    detail = intake.candidate_detail(env, admin, result.candidate_id)
    assert not detail.eligible and detail.eligibility_override is None


def test_graduate_of_the_assessment_year_is_flagged_for_the_proof(
    env: Env, actors: dict[Role, Actor]
) -> None:
    """A college student graduating in the assessment year is eligible by the graduates' route,
    and the application is flagged so that verification checks the graduation proof."""
    admin = actors[Role.EXAM_ADMIN]
    batch_id = make_intake_batch(env, admin)
    graduate = _enter(
        env,
        admin,
        batch_id,
        22,
        education="大学专科",
        graduation_date="2026-12-20",
        work_start_date="",
        work_unit="",
        region_basis="在桂居住",
        region_note="南宁市西乡塘区大学东路",
    )
    earlier = _enter(
        env,
        admin,
        batch_id,
        23,
        education="大学专科",
        graduation_date="2025-07-01",
        work_start_date="",
    )
    first = intake.candidate_detail(env, admin, graduate)
    assert first.eligible and first.flagged
    assert first.eligibility_alternative == "5" and "毕业证书" in first.eligibility_proof
    assert "核查时须查验" in first.eligibility_note
    second = intake.candidate_detail(env, admin, earlier)
    assert not second.eligible and not second.flagged
    assert "应届毕业（毕业日期在2026年内；申报毕业日期为2025-07-01）" in second.eligibility_note


def _theory_session(env: Env, admin: Actor, batch_id: int) -> int:
    start = datetime(2026, 12, 5, 9, 0, tzinfo=BEIJING)
    return sessions.create_session(
        env,
        admin,
        NewSession(
            batch_id,
            "T01",
            Component.THEORY,
            "南宁考点",
            "101",
            start,
            start + timedelta(minutes=120),
            30,
        ),
    )


def test_seating_holds_back_the_ineligible_until_the_supervisor_records_an_exception(
    env: Env, actors: dict[Role, Actor]
) -> None:
    """Seating seats the eligible and names the other; after the exception it seats them too."""
    admin, supervisor = actors[Role.EXAM_ADMIN], actors[Role.SUPERVISOR]
    batch_id = make_intake_batch(env, admin)
    eligible = _enter(env, admin, batch_id, 31)
    stopped = _enter(env, admin, batch_id, 32, name="李四", **NO_TRAINING)
    session_id = _theory_session(env, admin, batch_id)
    first = sessions.seat_session(env, admin, session_id)
    assert first.seated == 1 and first.waiting == 0 and first.held_back_ids == (stopped,)
    [message] = first.held_back
    masked = id_number(32)[:3] + "*" * 11 + id_number(32)[-4:]
    assert message.startswith(f"考生 李四（{masked}，考生编号 {stopped}）不符合申报条件，不能排座")
    assert "缺少：培训合格证书编号" in message and "质量督导员登记申报条件例外" in message
    assert id_number(32) not in message
    assert [s.candidate_id for s in sessions.session_seats(env, admin, session_id)] == [eligible]

    override = eligibility.record_override(env, supervisor, stopped, BASIS)
    assert override.recorded_by == supervisor.username and "培训合格证书编号" in override.verdict
    second = sessions.seat_session(env, admin, session_id)
    assert second.seated == 1 and second.held_back == ()
    assert intake.candidate_detail(env, admin, stopped).eligibility_override == override
    [line] = eligibility.list_overrides(env, admin, batch_id)
    assert (line.candidate_id, line.name, line.id_masked) == (stopped, "李四", masked)


def test_exception_needs_a_supervisor_a_basis_and_an_ineligible_applicant(
    env: Env, actors: dict[Role, Actor]
) -> None:
    """Only a quality supervisor records one, with a basis, once, for someone not eligible;
    every refusal is audited."""
    admin, supervisor = actors[Role.EXAM_ADMIN], actors[Role.SUPERVISOR]
    batch_id = make_intake_batch(env, admin)
    eligible = _enter(env, admin, batch_id, 41)
    stopped = _enter(env, admin, batch_id, 42, **NO_TRAINING)
    with pytest.raises(PermissionDenied, match="质量督导员"):
        eligibility.record_override(env, admin, stopped, BASIS)
    with pytest.raises(ValidationError, match="依据") as empty:
        eligibility.record_override(env, supervisor, stopped, "  ")
    assert empty.value.field == "例外依据"
    with pytest.raises(ValidationError, match="不能超过 1000 个字"):
        eligibility.record_override(env, supervisor, stopped, "依" * 1001)
    with pytest.raises(ConflictError, match="符合申报条件，无需登记例外"):
        eligibility.record_override(env, supervisor, eligible, BASIS)
    eligibility.record_override(env, supervisor, stopped, BASIS)
    with pytest.raises(ConflictError, match="不能重复登记"):
        eligibility.record_override(env, supervisor, stopped, "另一依据")
    with pytest.raises(NotFound, match="考生（编号 999999）不存在"):
        eligibility.record_override(env, supervisor, 999999, BASIS)
    withdrawn = _enter(env, admin, batch_id, 43, **NO_TRAINING)
    intake.withdraw(env, admin, withdrawn, "本人撤回")
    with pytest.raises(ConflictError, match="申报已撤回，不能登记例外"):
        eligibility.record_override(env, supervisor, withdrawn, BASIS)
    refused = _refusals(env, supervisor, "eligibility.override")
    # The wrong role, eligible, twice, unknown, withdrawn; a missing basis is refused before.
    assert len(refused) == 5
    done = audit.search(env, supervisor, AuditFilter(action_prefix="eligibility.override"))
    ok = [json.loads(e.details) for e in done if e.outcome == "ok"]
    assert ok[0]["basis"] == BASIS and "培训合格证书编号" in ok[0]["verdict"]
    assert id_number(42) not in json.dumps(ok, ensure_ascii=False)


def test_score_entry_and_import_refuse_the_ineligible_until_the_exception(
    env: Env, actors: dict[Role, Actor], tmp_path: Path
) -> None:
    """A seated applicant who is not eligible (seated before the gate existed) gets no score,
    from the screen or a platform file, until the supervisor's exception."""
    data = seed(env, actors[Role.EXAM_ADMIN], Level.JUNIOR, 2)
    examiner, supervisor = actors[Role.EXAMINER], actors[Role.SUPERVISOR]
    theory = data.sessions[Component.THEORY]
    first, second = data.candidates
    _make_ineligible(env, [second])
    scores.enter_score(env, examiner, theory, first, present("80"))
    with pytest.raises(NotEligible, match="不能录入成绩") as refused:
        scores.enter_score(env, examiner, theory, second, present("80"))
    assert "考生编号" in refused.value.message and refused.value.field == "申报条件"
    assert any(d.get("field") == "申报条件" for d in _refusals(env, supervisor, "scores.enter"))
    sheet = tmp_path / "platform.csv"
    ticket = data.tickets[Component.THEORY][1]
    sheet.write_text(f"准考证号,成绩\n{ticket},75\n", encoding="utf-8")
    with pytest.raises(scores.ScoreImportRejected) as rejected:
        scores.import_scores(env, examiner, theory, sheet)
    [problem] = rejected.value.problems
    assert (problem.row, problem.field) == (2, "申报条件") and "不能录入成绩" in problem.message
    eligibility.record_override(env, supervisor, second, BASIS)
    assert scores.import_scores(env, examiner, theory, sheet).imported == 1


def test_report_refuses_a_passed_ineligible_applicant_then_lists_the_exception(
    env: Env, actors: dict[Role, Actor], tmp_path: Path
) -> None:
    """Reporting stops at a passed applicant without eligibility; after the exception the
    package goes out and eligibility_overrides.csv (and the dossier) lists it."""
    admin, supervisor = actors[Role.EXAM_ADMIN], actors[Role.SUPERVISOR]
    batch = make_batch(env, actors, "B-GATE-RPT")
    ok, stopped = add_candidates(env, batch, 2)
    _make_ineligible(env, [stopped])
    with pytest.raises(ConflictError) as refused:
        exchange.export_report(env, admin, batch, PASSPHRASE)
    message = refused.value.message
    assert "1 名考核合格的考生不符合申报条件，未报送任何考生" in message
    assert f"考生编号 {stopped}）不符合申报条件，不能作为合格报送" in message
    assert f"考生编号 {ok}）" not in message
    assert _refusals(env, supervisor, "report.export")
    listed = {r.candidate_id: r for r in results.list_results(env, admin, batch)}
    assert (
        listed[stopped].outcome_label == "合格" and results.NOT_CLEARED in listed[stopped].reasons
    )
    assert listed[ok].reasons == ()
    eligibility.record_override(env, supervisor, stopped, BASIS)
    assert results.list_results(env, admin, batch)[1].reasons == ()
    package = exchange.export_report(env, admin, batch, PASSPHRASE)
    with zipfile.ZipFile(io.BytesIO(package.data)) as archive:
        rows = list(
            csv.DictReader(
                io.StringIO(archive.read("eligibility_overrides.csv").decode("utf-8-sig"))
            )
        )
        header = json.loads(archive.read("batch.json"))
    assert [(r["考生编号"], r["例外依据"], r["登记人"]) for r in rows] == [
        (str(stopped), BASIS, supervisor.username)
    ]
    assert "缺少：培训合格证书编号" in rows[0]["不符合的申报条件"]
    assert header["人数"]["申报条件例外"] == 1
    made = dossier.export_dossier(env, admin, batch, PASSPHRASE)
    pdf = tmp_path / "dossier.pdf"
    pdf.write_bytes(made.pdf)
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, check=True).stdout
    flat = "".join(text.decode("utf-8").split())
    assert "申报条件例外（质量督导员登记）" in flat
    section = flat[flat.index("申报条件例外（质量督导员登记）") :]
    assert "经核对培训机构" in section and supervisor.username in section
    with zipfile.ZipFile(io.BytesIO(made.package.data)) as archive:
        assert BASIS.encode() in archive.read("eligibility_overrides.csv")


def test_issuing_refuses_an_ineligible_applicant_until_the_exception(
    env: Env, actors: dict[Role, Actor]
) -> None:
    """Issuing to a named ineligible applicant is refused and audited; the whole batch leaves
    them out with the reason; after the exception their certificate is issued."""
    officer, supervisor = actors[Role.CERTIFICATE_OFFICER], actors[Role.SUPERVISOR]
    batch = make_batch(env, actors, "B-GATE-ISS")
    ok, stopped = add_candidates(env, batch, 2)
    _make_ineligible(env, [stopped])
    certificates.record_approval(
        env, officer, batch, [ok, stopped], "桂人社函〔2026〕9号", APPROVED_ON
    )
    register_seal(env, officer)
    with pytest.raises(NotEligible, match="不能发证"):
        certificates.issue_batch(env, officer, batch, PASSPHRASE, candidate_ids=[stopped])
    assert _refusals(env, supervisor, "certificates.issue")
    outcome = certificates.issue_batch(env, officer, batch, PASSPHRASE)
    assert len(outcome.numbers) == 1 and not outcome.batch_issued
    [held] = outcome.held_back
    assert f"考生编号 {stopped}）不符合申报条件，不能发证" in held
    eligibility.record_override(env, supervisor, stopped, BASIS)
    again = certificates.issue_batch(env, officer, batch, PASSPHRASE)
    assert len(again.numbers) == 1 and again.batch_issued and again.held_back == ()


def _roster(path: Path, rows: list[dict[str, str]], headers: tuple[str, ...]) -> Path:
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(headers)
        for row in rows:
            writer.writerow([row.get(KEY_OF.get(h, ALIAS_KEYS.get(h, "")), "") for h in headers])
    return path


ALIAS_KEYS = {"培训证书编号": "training_cert_no", "培训单位": "training_body"}


def test_import_report_counts_eligible_rows_and_names_the_alternative(
    env: Env, actors: dict[Role, Actor], tmp_path: Path
) -> None:
    """The report says how many valid rows are eligible and not, the alternative each eligible
    row met, and why each other row is not; a training institution's column names are read."""
    admin = actors[Role.EXAM_ADMIN]
    batch_id = make_intake_batch(env, admin)
    degree = cells(id_number(51))
    graduate = cells(
        id_number(52),
        name="黄浩然",
        education="大学专科",
        graduation_date="2026-12-20",
        work_start_date="",
    )
    untrained = cells(id_number(53), name="陆晓红", **NO_TRAINING)
    broken = cells(id_number(54), phone="0771-12")
    headers = tuple(
        {"培训合格证书编号": "培训证书编号", "培训机构": "培训单位"}.get(h, h) for h in HEADERS
    )
    path = _roster(tmp_path / "roster.csv", [degree, graduate, untrained, broken], headers)
    report = intake.check_roster_file(env, admin, batch_id, path)
    assert (report.total_rows, report.valid_rows, report.bad_rows) == (4, 3, (5,))
    assert (report.eligible_rows, report.ineligible_rows) == (2, 1)
    by_row = {e.row: e for e in report.eligibility}
    assert by_row[2].eligible and by_row[2].basis == "（2）具有相关专业大学本科及以上学历"
    assert by_row[3].eligible and by_row[3].basis.startswith("（5）应届毕业生")
    assert "核查时须查验：毕业证书" in by_row[3].basis
    assert not by_row[4].eligible and "缺少：培训合格证书编号" in by_row[4].basis
    assert str(by_row[4]).startswith("第4行 陆晓红（")
    assert id_number(53) not in str(by_row[4])
    result = intake.import_roster(env, admin, batch_id, path, valid_only=True)
    assert result.imported == 3 and result.report.eligible_rows == 2
    stored = intake.list_candidates(env, admin, CandidateQuery(batch_id=batch_id)).rows
    assert sorted(c.eligible for c in stored) == [False, True, True]
    assert next(c for c in stored if c.name == "黄浩然").flagged


def test_column_under_two_names_is_refused(
    env: Env, actors: dict[Role, Actor], tmp_path: Path
) -> None:
    """培训证书编号 beside 培训合格证书编号 is one column twice: the file is refused, naming both."""
    admin = actors[Role.EXAM_ADMIN]
    batch_id = make_intake_batch(env, admin)
    path = _roster(tmp_path / "twice.csv", [cells(id_number(61))], (*HEADERS, "培训证书编号"))
    with pytest.raises(ValidationError, match="“培训证书编号”都是“培训合格证书编号”列"):
        intake.check_roster_file(env, admin, batch_id, path)


def test_whoever_took_the_application_in_cannot_also_let_it_through(
    env: Env, actors: dict[Role, Actor], make_user: Callable[[str, list[Role]], Actor]
) -> None:
    """A supervisor who also holds the exam administrator's role and entered the application is
    refused (audited); another supervisor records the exception."""
    both = make_user("kaowu_dudao", [Role.EXAM_ADMIN, Role.SUPERVISOR])
    batch_id = make_intake_batch(env, both)
    stopped = _enter(env, both, batch_id, 91, **NO_TRAINING)
    assert intake.candidate_detail(env, both, stopped).entered_by == "kaowu_dudao"
    with pytest.raises(PermissionDenied, match="由您录入或导入，不能由您登记例外"):
        eligibility.record_override(env, both, stopped, BASIS)
    refused = _refusals(env, actors[Role.SUPERVISOR], "eligibility.override")
    assert refused and "由您录入或导入" in str(refused[0]["reason"])
    done = eligibility.record_override(env, actors[Role.SUPERVISOR], stopped, BASIS)
    assert done.recorded_by == USERNAMES[Role.SUPERVISOR]
