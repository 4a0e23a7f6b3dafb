"""Candidate intake under the commitment system, and verification sampling, through the services."""

from __future__ import annotations

import dataclasses
import hashlib
import io
from datetime import date

import pytest
from pypdf import PdfReader

from kaoping.adapters.clock import FixedClock
from kaoping.domain.catalogue import Level
from kaoping.domain.errors import ConflictError, PermissionDenied, ValidationError
from kaoping.domain.idnumber import check_character
from kaoping.domain.plans import Plan
from kaoping.domain.roles import Role
from kaoping.domain.roster import CandidateForm, CandidateStatus, Route
from kaoping.domain.sampling import CheckedFact, CheckOutcome
from kaoping.services import audit, intake, plans, sampling
from kaoping.services.base import Actor, Env, Tx
from kaoping.services.ports.dto import AuditFilter
from kaoping.services.ports.intake import CandidateQuery
from tests.pdf_glyphs import UNDRAWABLE, pdf_text

TODAY = date(2026, 11, 25)


def make_batch(
    env: Env,
    exam_admin: Actor,
    code: str = "B2026-AI-01",
    level: Level = Level.JUNIOR,
    start: date = date(2026, 12, 5),
) -> int:
    plan_id = plans.create_plan(
        env,
        exam_admin,
        Plan(
            0,
            f"P-{code}",
            "人工智能考核",
            "2-02-10-09",
            "计算机视觉产品实现",
            level,
            date(2026, 12, 1),
            date(2026, 12, 31),
            "南宁考点",
            20000,
            "广西某培训学校",
        ),
    )
    return plans.create_batch(
        env, exam_admin, plan_id, code, "第一批", start, start.replace(day=start.day + 1)
    )


def id_number(sequence: int, birth: str = "19900101") -> str:
    body = f"450102{birth}{sequence:03d}"
    return body + check_character(body)


def cells(number: str, **changes: str) -> dict[str, str]:
    values = {
        "name": "张三",
        "id_type": "居民身份证",
        "id_number": number,
        "phone": "13800000000",
        "education": "大学本科",
        "major": "计算机科学与技术",
        "major_related": "是",
        "graduation_date": "2012-07-01",
        "work_start_date": "2012-08-01",
        "title": "无",
        "region_basis": "在桂工作",
        "work_unit": "南宁市某信息技术有限公司",
        "training_cert_no": "GXPX2026001",
        "training_body": "广西某培训学校",
        "training_hours": "80",
        "training_date": "2026-10-20",
    }
    values.update(changes)
    return values


def form(number: str, **changes: str) -> CandidateForm:
    parsed, problems = intake.parse_form(cells(number, **changes), TODAY)
    assert parsed is not None, problems
    return parsed


@pytest.fixture
def admin_(actors: dict[Role, Actor]) -> Actor:
    return actors[Role.EXAM_ADMIN]


@pytest.fixture
def batch_id(env: Env, admin_: Actor) -> int:
    return make_batch(env, admin_)


def test_intake_stores_verdict_and_letter_fingerprint(
    env: Env, admin_: Actor, batch_id: int
) -> None:
    """Entering a candidate keeps the eligibility verdict and the signed letter's SHA-256."""
    result = intake.enter_candidate(env, admin_, batch_id, form(id_number(11)))
    assert result.eligible and "符合初级申报条件" in result.verdict
    assert not result.rules_verified and "尚未与国家职业标准原文核对" in result.verdict
    assert result.letter_pdf is not None and result.letter_pdf.startswith(b"%PDF")
    assert result.letter_sha256 == hashlib.sha256(result.letter_pdf).hexdigest()
    detail = intake.candidate_detail(env, admin_, result.candidate_id)
    assert detail.commitment_sha256 == result.letter_sha256
    assert detail.commitment_signed_on == TODAY
    assert detail.form.id_number == "450***********0113"[:3] + "*" * 11 + id_number(11)[-4:]
    copy = intake.commitment_letter(env, admin_, result.candidate_id)
    assert copy.matches_record


def test_fresh_graduate_without_employer_is_accepted(
    env: Env, admin_: Actor, batch_id: int
) -> None:
    """A graduate with no employer and no work years applies on residence in Guangxi."""
    fresh = form(
        id_number(12, "20040301"),
        work_start_date="",
        work_unit="",
        region_basis="在桂居住",
        region_note="南宁市西乡塘区大学东路",
        graduation_date="2026-07-01",
    )
    result = intake.enter_candidate(env, admin_, batch_id, fresh)
    assert result.eligible
    assert fresh.work_start_date is None and fresh.work_unit == ""


def test_duplicate_application_refused(env: Env, admin_: Actor, batch_id: int) -> None:
    """A second active application of the same person for the same target is refused."""
    intake.enter_candidate(env, admin_, batch_id, form(id_number(13)))
    with pytest.raises(ConflictError, match="不能重复申报") as refused:
        intake.enter_candidate(env, admin_, batch_id, form(id_number(13), name="张三"))
    assert refused.value.field == "证件号码"
    assert id_number(13) not in str(refused.value)


def test_already_certified_refused(env: Env, admin_: Actor, batch_id: int) -> None:
    """Someone already holding this occupation's certificate at this level cannot apply again."""
    holder = form(
        id_number(14),
        prior_occupation="2-02-10-09",
        prior_level="中级",
        prior_number="AI-2024-001",
        prior_date="2024-06-01",
    )
    with pytest.raises(ConflictError, match="已持有本职业中级专业技术等级证书") as refused:
        intake.enter_candidate(env, admin_, batch_id, holder)
    assert refused.value.field == "既有证书等级"


def test_already_certified_found_in_earlier_application(
    env: Env, admin_: Actor, actors: dict[Role, Actor]
) -> None:
    """A certificate declared in an earlier application also blocks a lower-level one."""
    senior = make_batch(env, admin_, "B-SENIOR", Level.INTERMEDIATE)
    junior = make_batch(env, admin_, "B-JUNIOR", Level.JUNIOR)
    number = id_number(15)
    intake.enter_candidate(
        env,
        admin_,
        senior,
        form(number, prior_occupation="2-02-10-09", prior_level="初级", prior_date="2023-01-01"),
    )
    with pytest.raises(ConflictError, match="已持有本职业初级"):
        intake.enter_candidate(env, admin_, junior, form(number))


def test_withdrawal_before_and_after_deadline(
    env: Env, admin_: Actor, batch_id: int, clock: FixedClock
) -> None:
    """A commitment can be withdrawn before the batch starts, not on or after that day."""
    first = intake.enter_candidate(env, admin_, batch_id, form(id_number(16))).candidate_id
    second = intake.enter_candidate(env, admin_, batch_id, form(id_number(17))).candidate_id
    intake.withdraw(env, admin_, first, "本人申请撤回")
    assert intake.candidate_detail(env, admin_, first).status is CandidateStatus.WITHDRAWN
    # The freed slot can be used again.
    intake.enter_candidate(env, admin_, batch_id, form(id_number(16)))
    clock.advance(days=10)  # 2026-12-05, the first assessment day
    admin_.last_active = clock.now()
    with pytest.raises(ConflictError, match="已过截止日期"):
        intake.withdraw(env, admin_, second, "太晚了")
    assert intake.candidate_detail(env, admin_, second).status is CandidateStatus.ACTIVE


def test_dishonesty_register_refuses_commitment_route(
    env: Env, admin_: Actor, actors: dict[Role, Actor], batch_id: int
) -> None:
    """A person found to have made a false commitment must use the proofs route afterwards."""
    supervisor = actors[Role.SUPERVISOR]
    number = id_number(18)
    candidate = intake.enter_candidate(env, admin_, batch_id, form(number)).candidate_id
    record = sampling.draw(env, supervisor, batch_id, 1.0, seed="fixed")
    sampling.record_checks(
        env,
        supervisor,
        record.id,
        candidate,
        {CheckedFact.EDUCATION: (CheckOutcome.FALSE, "学信网无此学历")},
    )
    other = make_batch(env, admin_, "B2026-AI-02")
    with pytest.raises(ValidationError, match="失信人员名单") as refused:
        intake.enter_candidate(env, admin_, other, form(number))
    assert refused.value.field == "申报方式"
    proofs = intake.enter_candidate(env, admin_, other, form(number, route="提交证明"))
    assert proofs.letter_pdf is None


def test_sampling_is_reproducible_and_rerun_matches(
    env: Env, admin_: Actor, actors: dict[Role, Actor], batch_id: int
) -> None:
    """The same seed draws the same sample, and an inspector's re-run matches the record."""
    supervisor = actors[Role.SUPERVISOR]
    ids = [
        intake.enter_candidate(env, admin_, batch_id, form(id_number(100 + n))).candidate_id
        for n in range(20)
    ]
    sampling.flag(env, supervisor, ids[0], True, "举报线索")
    one = sampling.draw(env, supervisor, batch_id, 0.2, seed="seed-2026")
    two = sampling.draw(env, supervisor, batch_id, 0.2, seed="seed-2026")
    assert one.draw.drawn == two.draw.drawn and one.draw.sample_size == 4
    assert ids[0] in one.draw.drawn and one.draw.flagged == (ids[0],)
    other = sampling.draw(env, supervisor, batch_id, 0.2, seed="another-seed")
    assert other.draw.randomly_drawn != one.draw.randomly_drawn
    report = sampling.rerun(env, supervisor, one.id)
    assert report.matches and report.population_intact
    assert report.repeated.drawn == one.draw.drawn
    entries = audit.search(env, actors[Role.SUPERVISOR], AuditFilter(action_prefix="sampling."))
    assert {"sampling.draw", "sampling.rerun", "sampling.flag"} <= {e.action for e in entries}


def test_false_commitment_voids_registers_and_calls_hooks(
    env: Env, admin_: Actor, actors: dict[Role, Actor], batch_id: int
) -> None:
    """An untrue fact voids the application, calls the hooks and bars the person for 3 years."""
    supervisor = actors[Role.SUPERVISOR]
    candidate = intake.enter_candidate(env, admin_, batch_id, form(id_number(19))).candidate_id
    keep = intake.enter_candidate(env, admin_, batch_id, form(id_number(20))).candidate_id
    called: list[tuple[int, str]] = []

    def hook(tx: Tx, candidate_id: int, reason: str) -> None:
        called.append((candidate_id, reason))

    env = dataclasses.replace(
        env, hooks=dataclasses.replace(env.hooks, on_void=(*env.hooks.on_void, hook))
    )
    record = sampling.draw(env, supervisor, batch_id, 1.0, seed="s")
    ok = sampling.record_checks(
        env, supervisor, record.id, keep, {CheckedFact.EDUCATION: (CheckOutcome.CONFIRMED, "")}
    )
    assert not ok.voided
    verdict = sampling.record_checks(
        env,
        supervisor,
        record.id,
        candidate,
        {
            CheckedFact.EDUCATION: (CheckOutcome.CONFIRMED, ""),
            CheckedFact.WORK_YEARS: (CheckOutcome.FALSE, "社保记录仅1年"),
            CheckedFact.TITLE: (CheckOutcome.UNVERIFIABLE, "单位已注销"),
        },
    )
    assert verdict.commitment_false and verdict.voided
    assert verdict.barred_until == "2029-11-24"
    assert called == [(candidate, "核查发现承诺不实：工作年限")]
    detail = intake.candidate_detail(env, admin_, candidate)
    assert detail.status is CandidateStatus.VOID and "工作年限" in detail.void_reason
    assert intake.candidate_detail(env, admin_, keep).status is CandidateStatus.ACTIVE
    entries = audit.search(env, supervisor, AuditFilter(action_prefix="sampling.record"))
    assert any('"voided":true' in e.details.replace(" ", "") for e in entries)
    assert all(id_number(19) not in e.details for e in entries)


def test_permission_refusals(
    env: Env, actors: dict[Role, Actor], admin_: Actor, batch_id: int
) -> None:
    """Examiners cannot enter or import candidates; exam admins cannot draw or record samples."""
    with pytest.raises(PermissionDenied):
        intake.enter_candidate(env, actors[Role.EXAMINER], batch_id, form(id_number(21)))
    with pytest.raises(PermissionDenied):
        sampling.draw(env, admin_, batch_id, 0.1)
    with pytest.raises(PermissionDenied):
        intake.list_candidates(env, actors[Role.ITEM_WRITER], CandidateQuery())
    candidate = intake.enter_candidate(env, admin_, batch_id, form(id_number(22))).candidate_id
    record = sampling.draw(env, actors[Role.SUPERVISOR], batch_id, 1.0, seed="x")
    with pytest.raises(PermissionDenied):
        sampling.record_checks(
            env, admin_, record.id, candidate, {CheckedFact.EDUCATION: (CheckOutcome.FALSE, "假")}
        )
    assert intake.candidate_detail(env, admin_, candidate).status is CandidateStatus.ACTIVE


def test_list_is_paged_sorted_and_masked(env: Env, admin_: Actor, batch_id: int) -> None:
    """The list pages in the database and never shows a full document number."""
    for n, name in enumerate(["赵一", "钱二", "孙三"]):
        intake.enter_candidate(
            env, admin_, batch_id, form(id_number(30 + n), name=name, route="提交证明")
        )
    page = intake.list_candidates(
        env, admin_, CandidateQuery(batch_id=batch_id, sort="name", descending=True, limit=2)
    )
    assert page.total == 3 and len(page.rows) == 2
    assert all("*" in row.id_masked for row in page.rows)
    found = intake.list_candidates(env, admin_, CandidateQuery(text=id_number(31)[-4:]))
    assert [r.name for r in found.rows] == ["钱二"]
    assert all(r.route == Route.PROOFS.value for r in page.rows)


def test_check_id_masks_and_explains() -> None:
    """The ID check names the fault and never repeats the whole number."""
    bad = id_number(40)[:-1] + ("0" if id_number(40)[-1] != "0" else "1")
    verdict = intake.check_id("居民身份证", bad, TODAY)
    assert not verdict.valid and "校验码" in verdict.reason and bad not in verdict.masked
    good = intake.check_id("居民身份证", id_number(41), TODAY)
    assert good.valid and good.sex == "男" and good.birth_date == date(1990, 1, 1)


def test_cli_check_id_draw_and_rerun(
    env: Env,
    admin_: Actor,
    actors: dict[Role, Actor],
    batch_id: int,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """check-id exits 0/1 without echoing the number; a CLI draw re-runs to the same sample."""
    from kaoping.cli.app import run

    good, bad = id_number(50), id_number(50)[:-1] + ("1" if id_number(50)[-1] == "0" else "0")
    assert run(["check-id", good], lambda _db: env) == 0
    assert run(["check-id", bad], lambda _db: env) == 1
    out = capsys.readouterr().out
    assert "有效" in out and "校验码" in out and good not in out and bad not in out
    for n in range(10):
        intake.enter_candidate(env, admin_, batch_id, form(id_number(60 + n)))
    monkeypatch.setenv("KAOPING_PASSWORD", "Passw0rd-test")
    user = ["--user", "u_supervisor"]
    assert (
        run(
            ["sampling", "draw", "--batch", "B2026-AI-01", "--ratio", "0.3", *user], lambda _db: env
        )
        == 0
    )
    assert "随机抽取 3 人" in capsys.readouterr().out
    draw_id = sampling.list_draws(env, actors[Role.SUPERVISOR])[0].id
    assert run(["sampling", "rerun", "--draw", str(draw_id), *user], lambda _db: env) == 0
    assert "与记录一致" in capsys.readouterr().out


def test_letter_states_the_period_the_register_applies(
    env: Env, admin_: Actor, actors: dict[Role, Actor], batch_id: int
) -> None:
    """With the body's period set to 5 years, the letter promises 5 and the register bars 5."""
    with env.uow() as uow:
        uow.settings.put(intake.DISHONESTY_SETTING, "5")
        uow.commit()
    candidate = intake.enter_candidate(env, admin_, batch_id, form(id_number(31)))
    assert candidate.letter_pdf is not None
    text = "".join(PdfReader(io.BytesIO(candidate.letter_pdf)).pages[0].extract_text().split())
    assert "5年内不得再以告知承诺方式申报" in text
    supervisor = actors[Role.SUPERVISOR]
    record = sampling.draw(env, supervisor, batch_id, 1.0, seed="period")
    verdict = sampling.record_checks(
        env,
        supervisor,
        record.id,
        candidate.candidate_id,
        {CheckedFact.EDUCATION: (CheckOutcome.FALSE, "学信网无此学历")},
    )
    assert verdict.barred_until == "2031-11-24"


@pytest.mark.parametrize("char", UNDRAWABLE, ids=lambda c: f"U+{ord(c):04X}")
def test_name_no_font_can_print_is_refused_at_entry(
    env: Env, admin_: Actor, batch_id: int, char: str
) -> None:
    """A typed name with a character no shipped font has is refused before it is stored."""
    with pytest.raises(ValidationError) as refused:
        intake.enter_candidate(
            env, admin_, batch_id, form(id_number(31), name=f"李{char}", route="提交证明")
        )
    assert f"“{char}”(U+{ord(char):04X}) 在程序自带的字体中都没有字形" in refused.value.message
    assert refused.value.field == "姓名"
    page = intake.list_candidates(env, admin_, CandidateQuery(batch_id=batch_id))
    assert page.total == 0


def test_rare_name_is_taken_with_its_letter(env: Env, admin_: Actor, batch_id: int) -> None:
    """A name with Extension A and B characters (李䶮, 𠮷) is taken and gets its letter."""
    result = intake.enter_candidate(env, admin_, batch_id, form(id_number(32), name="李䶮𠮷"))
    assert result.letter_pdf is not None
    assert "李䶮𠮷" in pdf_text(result.letter_pdf)
