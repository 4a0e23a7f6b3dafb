"""`kaoping demo`, steps 1–4: the body and its users, the plan (考核计划), intake (报名) and sampling (核查)."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from kaoping.cli.demo_people import CANDIDATES, TRAINING_BODY, UNRELATED_MAJOR, write_roster
from kaoping.cli.demo_support import DEMO_PASSPHRASE, DEMO_PASSWORD, DemoRun, beijing
from kaoping.domain.catalogue import Level
from kaoping.domain.errors import ConflictError
from kaoping.domain.plans import Plan
from kaoping.domain.remit import RemitEntry
from kaoping.domain.roles import Role
from kaoping.domain.sampling import CheckedFact, CheckOutcome
from kaoping.services import (
    accounts,
    catalogue,
    eligibility,
    intake,
    plans,
    remit,
    sampling,
    sessions,
    setup,
)
from kaoping.services.ports.dto import BodyProfile
from kaoping.services.ports.intake import CandidateQuery, CandidateSummary

DEMO_BODY = BodyProfile(
    "广西数字技术评价中心（演示）",
    "GXDTDEMO",
    "广西南宁市青秀区民族大道 100 号",
    "李老师",
    "0771-0000000",
)
DEMO_USERS: tuple[tuple[str, str, Role], ...] = (
    ("kaowu", "黄海燕", Role.EXAM_ADMIN),
    ("kaoping1", "韦志强", Role.EXAMINER),
    ("kaoping2", "陆晓红", Role.EXAMINER),
    ("kaoping3", "覃建国", Role.EXAMINER),
    ("kaoping4", "李春梅", Role.EXAMINER),
    ("dudao", "蒙丽华", Role.SUPERVISOR),
    ("mingti", "梁文涛", Role.ITEM_WRITER),
    ("tiku", "潘雪梅", Role.BANK_ADMIN),
    ("zhengshu", "农志刚", Role.CERTIFICATE_OFFICER),
)
# Set-up creates these together with the administrator (docs/roles.md).
_FIRST_ROLES = frozenset({Role.SUPERVISOR, Role.CERTIFICATE_OFFICER})
AI_OCCUPATION = "2-02-10-09"
DIRECTION = "计算机视觉产品实现"
SAMPLING_SEED = "GXDTDEMO-2026-核查"
SAMPLING_RATIO = Decimal("0.1")
BIG_DATA = "2-02-10-11"
BLOCKCHAIN = "2-02-10-15"
# The body's remit (业务范围) as the directory lists it: what the demo plans, and a little more.
DEMO_REMIT = (
    RemitEntry(AI_OCCUPATION, Level.JUNIOR),
    RemitEntry(AI_OCCUPATION, Level.INTERMEDIATE),
    RemitEntry(BIG_DATA, Level.JUNIOR),
)
REMIT_BASIS = "评价机构目录（演示）：人工智能工程技术人员初级、中级，大数据工程技术人员初级"
OVERRIDE_BASIS = (
    f"核对考生成绩单：所学{UNRELATED_MAJOR}专业含机器视觉、智能控制等课程，"
    "与本职业计算机视觉产品实现方向相关，按相关专业认定（材料已存档，演示）"
)


def set_up_body(run: DemoRun) -> None:
    """Step 1: body profile and signing key, users of every role, the standards catalogue.

    Set-up creates the administrator, the quality supervisor and the certificate officer
    together; every other account's role waits until the supervisor confirms it.
    """
    first = {role: (u, n) for u, n, role in DEMO_USERS if role in _FIRST_ROLES}
    setup.initialise(
        run.env,
        setup.InitialSetup(
            DEMO_BODY,
            setup.FirstAccount("admin", "系统管理员（演示）", DEMO_PASSWORD),
            setup.FirstAccount(*first[Role.SUPERVISOR], DEMO_PASSWORD),
            setup.FirstAccount(*first[Role.CERTIFICATE_OFFICER], DEMO_PASSWORD),
            DEMO_PASSPHRASE,
            remit=DEMO_REMIT,
            remit_basis=REMIT_BASIS,
        ),
    )
    admin = run.cast("admin")
    for username, name, role in DEMO_USERS:
        if role not in _FIRST_ROLES:
            accounts.create_user(run.env, admin, username, name, DEMO_PASSWORD, [role])
    supervisor = run.cast(first[Role.SUPERVISOR][0])
    grants = accounts.pending_grants(run.env, supervisor)
    for grant in grants:
        accounts.confirm_grant(run.env, supervisor, grant.id)
    confirmed = remit.confirm_remit(run.env, supervisor)
    occupations = catalogue.list_occupations(run.env, admin)
    print(f"1. 机构信息：{DEMO_BODY.name}（代码 {DEMO_BODY.code}），签名密钥已生成并加密保存。")
    print(
        f"   初始化由三人共同完成：系统管理员 admin、质量督导员 {first[Role.SUPERVISOR][0]}、"
        f"证书管理员 {first[Role.CERTIFICATE_OFFICER][0]}（签名密钥口令由证书管理员设置）。"
    )
    print(
        f"   系统管理员新增的 {len(grants)} 个账号的角色，"
        f"经质量督导员 {first[Role.SUPERVISOR][0]} 确认后生效（不能自授自批）。"
    )
    names = {o.code: o.name for o in catalogue.list_occupations(run.env, admin)}
    print(
        f"   业务范围：系统管理员在初始化时按评价机构目录登记，质量督导员 {confirmed.confirmed_by} "
        f"确认后生效：{'；'.join(e.describe(names) for e in confirmed.entries)}。"
    )
    print(f"   用户：admin 及 {len(DEMO_USERS)} 名各角色用户，演示密码均为 {DEMO_PASSWORD}")
    for username, name, role in DEMO_USERS:
        print(f"   {username:<10} {name}  {role.label}")
    print(
        f"   标准目录：{len(occupations)} 个职业，"
        f"{sum(len(o.directions) for o in occupations)} 个职业方向（未核实的值已标注）。"
    )


def file_plan(run: DemoRun) -> None:
    """Step 2: the exam administrator files the assessment plan, opens a batch, prints the filing."""
    kaowu = run.cast("kaowu")
    day = run.timeline.start
    run.plan_id = plans.create_plan(
        run.env,
        kaowu,
        Plan(
            0,
            "GX-AI-2026-DEMO",
            "人工智能工程技术人员初级专业技术等级考核（演示）",
            AI_OCCUPATION,
            DIRECTION,
            Level.JUNIOR,
            day,
            day + timedelta(days=90),
            "南宁考点（演示）",
            300,
            TRAINING_BODY,
        ),
    )
    run.batch_code = "AI-J-2026-01"
    run.batch_id = plans.create_batch(
        run.env,
        kaowu,
        run.plan_id,
        run.batch_code,
        "人工智能初级第一批（演示）",
        run.timeline.exam_day,
        run.timeline.exam_end,
    )
    filing = sessions.plan_filing_pdf(run.env, kaowu, run.plan_id)
    run.files.save("plan-filing.pdf", filing, "考核计划备案表")
    print(f"2. 考核计划 GX-AI-2026-DEMO：人工智能工程技术人员（{AI_OCCUPATION}）{DIRECTION} 初级；")
    print(
        f"   批次 {run.batch_code}，考核日期 {run.timeline.exam_day} 至 {run.timeline.exam_end}；"
        "备案表 PDF 已保存。"
    )
    outside = Plan(
        0,
        "GX-BC-2026-DEMO",
        "区块链工程技术人员初级专业技术等级考核（演示）",
        BLOCKCHAIN,
        "",
        Level.JUNIOR,
        day,
        day + timedelta(days=90),
        "南宁考点（演示）",
        100,
        TRAINING_BODY,
    )
    try:  # the directory does not list the body for 区块链; the demo shows the refusal
        plans.create_plan(run.env, kaowu, outside)
    except ConflictError as refused:
        print(f"   规则检查：超出业务范围的计划被拒绝——{refused.message.split('。')[0]}。")


def take_in_candidates(run: DemoRun) -> None:
    """Step 3: check and import the roster, valid rows only, and print every commitment letter."""
    kaowu = run.cast("kaowu")
    roster = run.files.path("roster.csv")
    rows = write_roster(roster, run.clock.today())
    run.files.listed("考生名册（虚构人员，证件号码为合成号码）", roster)
    report = intake.check_roster_file(run.env, kaowu, run.batch_id, roster)
    print(f"3. 报名：名册 {rows} 行，检查发现 {len(report.bad_rows)} 行有误：")
    for problem in report.problems:
        print(f"   第 {problem.row} 行“{problem.field}”：{problem.reason}")
    imported = intake.import_roster(run.env, kaowu, run.batch_id, roster, valid_only=True)
    people = _candidates(run)
    checked = imported.report
    print(
        f"   只导入有效行：{imported.imported} 人；符合初级申报条件 {checked.eligible_rows} 人，"
        f"不符合 {checked.ineligible_rows} 人（申报条件取自通用模板，待核实；"
        "每人均须持培训合格证书）。"
    )
    met = sorted({e.basis for e in checked.eligibility if e.eligible})
    print(f"   所依据的申报条件：{'；'.join(met)}。")
    for stopped in (e for e in checked.eligibility if not e.eligible):
        print(f"   {stopped}")
    _override_unrelated_major(run, people)
    for person in people:
        letter = intake.commitment_letter(run.env, kaowu, person.id)
        run.files.save_in("letters", f"letter-{person.id:04d}.pdf", letter.pdf, "告知承诺书")
    print(f"   告知承诺书：{len(people)} 份 PDF，指纹已记录。")


def _override_unrelated_major(run: DemoRun, people: list[CandidateSummary]) -> None:
    """The quality supervisor checks the transcript and records an exception with its basis.

    Without it the person would be held back at seating, scoring, the report and issuing.
    """
    dudao = run.cast("dudao")
    for person in (p for p in people if not p.eligible):
        done = eligibility.record_override(run.env, dudao, person.id, OVERRIDE_BASIS)
        print(
            f"   质量督导员 {done.recorded_by} 为考生 {person.name}（{person.id_masked}）"
            f"登记申报条件例外，依据：{done.basis}；此后可排座、考核、报送和发证。"
        )


def _candidates(run: DemoRun) -> list[CandidateSummary]:
    page = intake.list_candidates(
        run.env, run.cast("kaowu"), CandidateQuery(batch_id=run.batch_id, limit=CANDIDATES * 2)
    )
    return list(page.rows)


def sample_commitments(run: DemoRun) -> None:
    """Step 4: the supervisor draws a sample, repeats the draw and records what checking found.

    One commitment turns out false: that application is voided and the person goes on the
    dishonesty register (失信名单).
    """
    run.clock.move_to(beijing(run.timeline.start + timedelta(days=3), 10))
    dudao = run.cast("dudao")
    record = sampling.draw(run.env, dudao, run.batch_id, SAMPLING_RATIO, SAMPLING_SEED)
    again = sampling.rerun(run.env, dudao, record.id)
    print(
        f"4. 核查抽样：种子“{record.draw.seed}”，比例 {record.draw.ratio}，"
        f"从 {record.draw.population_size} 人中抽中 {record.draw.sample_size} 人；"
    )
    print(
        f"   按记录的种子重抽：{'结果一致' if again.matches else '结果不一致'}，"
        f"总体指纹{'未变' if again.population_intact else '已变'}。"
    )
    members = sampling.members(run.env, dudao, record.id)
    # The person let through by an exception is not the one whose degree turns out false.
    liar = next(m.candidate for m in members[len(members) // 2 :] if m.candidate.eligible)
    barred_until = ""
    for member in members:
        verdict = sampling.record_checks(
            run.env,
            dudao,
            record.id,
            member.candidate.id,
            _findings(member.candidate.id == liar.id),
        )
        if verdict.voided:
            barred_until = verdict.barred_until
    print(f"   核查属实 {len(members) - 1} 人；考生 {liar.name}（{liar.id_masked}）学历不实：")
    print(f"   申报作废，列入失信名单至 {barred_until}；其余 {CANDIDATES - 1} 人继续参加考核。")


def _findings(false_degree: bool) -> dict[CheckedFact, tuple[CheckOutcome, str]]:
    """What checking one drawn candidate found: all true, or a degree that does not exist."""
    education = (
        (CheckOutcome.FALSE, "学信网查无所报学历，本人未能提供毕业证书")
        if false_degree
        else (CheckOutcome.CONFIRMED, "")
    )
    return {
        CheckedFact.EDUCATION: education,
        CheckedFact.MAJOR_RELATED: (CheckOutcome.CONFIRMED, ""),
        CheckedFact.GUANGXI_BASIS: (CheckOutcome.CONFIRMED, ""),
    }
