import json
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kaoping.domain.catalogue import Level
from kaoping.domain.eligibility import (
    DeclaredFacts,
    Education,
    PriorCertificate,
    RuleSet,
    Title,
    completed_months,
    completed_years,
    evaluate,
    load_rules,
    missing_conditions,
)
from kaoping.domain.errors import ValidationError
from kaoping.paths import resource_path

AS_OF = date(2025, 6, 30)
AI = "2-02-10-09"
BIG_DATA = "2-02-10-11"
TEMPLATE_SOURCE = "standards.md §3.2 常见模板，待与国家职业标准原文核对"

JR, MID, SR = Level.JUNIOR, Level.INTERMEDIATE, Level.SENIOR


@pytest.fixture(scope="module")
def rules() -> RuleSet:
    return load_rules(resource_path("standards", "eligibility.json"))


def facts(**changes: Any) -> DeclaredFacts:
    """A trainee who holds the training certificate and meets no alternative, changed by keyword."""
    base = DeclaredFacts(
        education=Education.TECHNICAL_SCHOOL,
        major_related=False,
        graduation_date=None,
        work_start_date=None,
        training_cert_no="PX2025-0001",
        training_body="广西某数字技术培训学校",
    )
    return replace(base, **changes)


def cert(level: Level, issued: date, code: str = "") -> PriorCertificate:
    return PriorCertificate(code, level, issued)


def title(
    held: Title, obtained: date, work_start: date | None = date(2015, 1, 1)
) -> dict[str, Any]:
    return {"title": held, "title_date": obtained, "work_start_date": work_start}


# (level, alternative id, facts that just meet it, facts that just miss it, the reason it misses)
ALTERNATIVES: list[tuple[Level, str, dict[str, Any], dict[str, Any], str]] = [
    (
        JR,
        "1",
        title(Title.TECHNICIAN, date(2024, 1, 1)),
        {},
        "缺少：技术员及以上职称（申报职称为无）",
    ),
    (
        JR,
        "2",
        {"education": Education.BACHELOR, "major_related": True},
        {"education": Education.BACHELOR, "major_related": False},
        "缺少：所学专业与本职业相关",
    ),
    (
        JR,
        "3",
        {
            "education": Education.JUNIOR_COLLEGE,
            "major_related": True,
            "work_start_date": date(2024, 6, 30),
        },
        {
            "education": Education.JUNIOR_COLLEGE,
            "major_related": True,
            "work_start_date": date(2024, 7, 1),
        },
        "缺少：从事本职业工作满1年（已满11个月）",
    ),
    (
        JR,
        "4",
        {
            "education": Education.TECHNICAL_SCHOOL,
            "major_related": True,
            "work_start_date": date(2023, 6, 30),
        },
        {
            "education": Education.TECHNICAL_SCHOOL,
            "major_related": True,
            "work_start_date": date(2023, 7, 1),
        },
        "缺少：从事本职业工作满2年（已满1年11个月）",
    ),
    (
        MID,
        "1",
        {"prior_certificates": (cert(JR, date(2023, 6, 30)),), "work_start_date": date(2020, 1, 1)},
        {"prior_certificates": (cert(JR, date(2023, 7, 1)),), "work_start_date": date(2020, 1, 1)},
        "缺少：取得本职业初级专业技术等级证书后从事本职业工作满2年（已满1年11个月）",
    ),
    (
        MID,
        "2",
        title(Title.ASSISTANT_ENGINEER, date(2023, 6, 30)),
        title(Title.ASSISTANT_ENGINEER, date(2023, 7, 1)),
        "缺少：取得助理工程师职称后从事本职业工作满2年（已满1年11个月）",
    ),
    (
        MID,
        "3",
        {"education": Education.SECOND_BACHELOR},
        {"education": Education.BACHELOR},
        "缺少：第二学士学位及以上学历（申报学历为大学本科）",
    ),
    (
        MID,
        "4",
        {"education": Education.DOCTOR},
        {"education": Education.MASTER},
        "缺少：博士研究生及以上学历（申报学历为硕士研究生）",
    ),
    (
        SR,
        "1",
        {
            "prior_certificates": (cert(MID, date(2022, 6, 30)),),
            "work_start_date": date(2020, 1, 1),
        },
        {"prior_certificates": (cert(MID, date(2022, 7, 1)),), "work_start_date": date(2020, 1, 1)},
        "缺少：取得本职业中级专业技术等级证书后从事本职业工作满3年（已满2年11个月）",
    ),
    (
        SR,
        "2",
        title(Title.ENGINEER, date(2023, 6, 30)),
        title(Title.ENGINEER, date(2023, 7, 1)),
        "缺少：取得工程师职称后从事本职业工作满2年（已满1年11个月）",
    ),
    (
        SR,
        "3",
        {"education": Education.DOCTOR, "work_start_date": date(2023, 6, 30)},
        {"education": Education.DOCTOR, "work_start_date": date(2023, 7, 1)},
        "缺少：从事本职业工作满2年（已满1年11个月）",
    ),
]


def _with_code(changes: dict[str, Any], code: str) -> dict[str, Any]:
    """Certificates in the table are for the occupation under test."""
    certificates = changes.get("prior_certificates", ())
    fixed = tuple(PriorCertificate(code, c.level, c.issue_date) for c in certificates)
    return {**changes, "prior_certificates": fixed} if certificates else changes


@pytest.mark.parametrize("code", [AI, BIG_DATA])
@pytest.mark.parametrize(("level", "alt_id", "meets", "misses", "reason"), ALTERNATIVES)
def test_each_alternative_met_and_just_missed(
    rules: RuleSet,
    code: str,
    level: Level,
    alt_id: str,
    meets: dict[str, Any],
    misses: dict[str, Any],
    reason: str,
) -> None:
    """Each 申报条件 line is met by facts that fit it and missed, with the reason, a step short."""
    alternative = next(a for a in rules.for_level(code, level).alternatives if a.id == alt_id)
    met = missing_conditions(alternative.conditions, code, facts(**_with_code(meets, code)), AS_OF)
    missed = missing_conditions(
        alternative.conditions, code, facts(**_with_code(misses, code)), AS_OF
    )
    assert met == ()
    assert missed == (reason,)


@pytest.mark.parametrize("code", [AI, BIG_DATA])
@pytest.mark.parametrize(("level", "alt_id", "meets", "misses", "reason"), ALTERNATIVES)
def test_verdict_names_the_alternative_met_or_lists_the_gap(
    rules: RuleSet,
    code: str,
    level: Level,
    alt_id: str,
    meets: dict[str, Any],
    misses: dict[str, Any],
    reason: str,
) -> None:
    """The verdict says which line made the candidate eligible, or lists what each line lacks."""
    yes = evaluate(rules, code, level, facts(**_with_code(meets, code)), AS_OF)
    no = evaluate(rules, code, level, facts(**_with_code(misses, code)), AS_OF)
    assert yes.eligible
    assert yes.satisfied is not None
    assert yes.gaps == ()
    if not no.eligible:
        gap = next(g for g in no.gaps if g.id == alt_id)
        assert reason in gap.missing
        assert no.satisfied is None


def test_missing_work_years_message_reads_years_and_months(rules: RuleSet) -> None:
    """A candidate short of work years sees how long they have worked so far."""
    candidate = facts(
        education=Education.TECHNICAL_SCHOOL,
        major_related=True,
        work_start_date=date(2024, 3, 30),
    )
    verdict = evaluate(rules, AI, JR, candidate, AS_OF)
    gap = next(g for g in verdict.gaps if g.id == "4")
    assert gap.missing == ("缺少：从事本职业工作满2年（已满1年3个月）",)
    assert "（4）技工院校相关专业毕业，从事本职业技术工作满2年 —— 缺少：从事本职业工作满2年" in (
        verdict.explain()
    )


def test_fresh_graduate_with_no_work_years(rules: RuleSet) -> None:
    """A fresh related-major graduate may apply for 初级 but not 中级, and sees why."""
    graduate = facts(
        education=Education.BACHELOR, major_related=True, graduation_date=date(2025, 6, 20)
    )
    junior = evaluate(rules, BIG_DATA, JR, graduate, AS_OF)
    assert junior.eligible
    assert junior.satisfied is not None
    assert junior.satisfied.text == "具有相关专业大学本科及以上学历"
    intermediate = evaluate(rules, BIG_DATA, MID, graduate, AS_OF)
    assert not intermediate.eligible
    missing = {gap.id: gap.missing for gap in intermediate.gaps}
    assert missing["1"] == ("缺少：本职业初级专业技术等级证书（或更高等级）",)
    assert missing["2"] == ("缺少：助理工程师及以上职称（申报职称为无）",)


def test_fresh_doctor_lacks_work_for_senior(rules: RuleSet) -> None:
    """A new doctor without work years is told that 高级 needs two years of work."""
    doctor = facts(education=Education.DOCTOR, graduation_date=date(2025, 6, 1))
    verdict = evaluate(rules, AI, SR, doctor, AS_OF)
    assert not verdict.eligible
    gap = next(g for g in verdict.gaps if g.id == "3")
    assert gap.missing == ("缺少：从事本职业工作满2年（尚无本职业工作经历）",)
    assert evaluate(rules, AI, MID, doctor, AS_OF).eligible


def test_education_not_yet_completed_does_not_count(rules: RuleSet) -> None:
    """A degree finished after the review date is not counted yet by the degree route."""
    student = facts(
        education=Education.BACHELOR, major_related=True, graduation_date=date(2025, 7, 1)
    )
    degree_route = next(a for a in rules.for_level(AI, JR).alternatives if a.id == "2")
    assert missing_conditions(degree_route.conditions, AI, student, AS_OF) == (
        "缺少：大学本科及以上学历（2025-07-01毕业，审核日尚未取得）",
    )
    # Graduating after the review date but in 2024 (a year before the assessment) opens nothing.
    earlier = replace(student, graduation_date=date(2024, 7, 1), education=Education.JUNIOR_COLLEGE)
    verdict = evaluate(rules, AI, JR, earlier, AS_OF)
    assert not verdict.eligible
    gap = next(g for g in verdict.gaps if g.id == "5")
    assert gap.missing == ("缺少：应届毕业（毕业日期在2025年内；申报毕业日期为2024-07-01）",)


def test_fresh_graduate_of_the_assessment_year_is_eligible_by_the_graduates_route(
    rules: RuleSet,
) -> None:
    """A college student graduating in the assessment year, after the assessment, may apply for
    初级 through the graduates' route (应届毕业生), and verification must see the proof."""
    student = facts(
        education=Education.JUNIOR_COLLEGE, major_related=True, graduation_date=date(2025, 7, 1)
    )
    for code in (AI, BIG_DATA):
        verdict = evaluate(rules, code, JR, student, AS_OF)
        assert verdict.eligible
        assert verdict.satisfied is not None and verdict.satisfied.id == "5"
        assert verdict.satisfied.label.startswith("（5）应届毕业生")
        assert "毕业证书" in verdict.satisfied.proof
        assert "核查时须查验：毕业证书" in verdict.explain()
    assert not evaluate(rules, AI, MID, student, AS_OF).eligible


@pytest.mark.parametrize(
    ("graduated", "expected"),
    [
        (date(2024, 12, 31), "申报毕业日期为2024-12-31"),
        (date(2026, 1, 1), "申报毕业日期为2026-01-01"),
        (None, "未填写毕业日期"),
    ],
)
def test_graduates_route_needs_graduation_within_the_assessment_year(
    rules: RuleSet, graduated: date | None, expected: str
) -> None:
    """A graduate of an earlier year (or a later one, or no date) is not eligible by that route."""
    candidate = facts(
        education=Education.JUNIOR_COLLEGE, major_related=True, graduation_date=graduated
    )
    verdict = evaluate(rules, AI, JR, candidate, AS_OF)
    assert not verdict.eligible
    gap = next(g for g in verdict.gaps if g.id == "5")
    assert gap.missing == (f"缺少：应届毕业（毕业日期在2025年内；{expected}）",)


def test_graduates_route_still_needs_a_related_major(rules: RuleSet) -> None:
    """The graduates' route waives work years, not the related major or the education."""
    unrelated = facts(
        education=Education.BACHELOR, major_related=False, graduation_date=date(2025, 6, 1)
    )
    gap = next(g for g in evaluate(rules, AI, JR, unrelated, AS_OF).gaps if g.id == "5")
    assert gap.missing == ("缺少：所学专业与本职业相关",)
    school = facts(
        education=Education.TECHNICAL_SCHOOL, major_related=True, graduation_date=date(2025, 6, 1)
    )
    gap = next(g for g in evaluate(rules, AI, JR, school, AS_OF).gaps if g.id == "5")
    assert gap.missing == ("缺少：大学专科及以上学历（申报学历为技工院校）",)


@pytest.mark.parametrize(
    ("changes", "missing"),
    [
        ({"training_cert_no": ""}, ["培训合格证书编号"]),
        ({"training_cert_no": "   "}, ["培训合格证书编号"]),
        ({"training_body": ""}, ["培训机构"]),
        ({"training_cert_no": "", "training_body": ""}, ["培训合格证书编号", "培训机构"]),
    ],
)
def test_no_training_certificate_means_not_eligible(
    rules: RuleSet, changes: dict[str, str], missing: list[str]
) -> None:
    """A bachelor of a related major who did not declare the training certificate is not
    eligible, and the verdict says the training requirement is what fails."""
    candidate = facts(education=Education.BACHELOR, major_related=True, **changes)
    verdict = evaluate(rules, AI, JR, candidate, AS_OF)
    assert not verdict.eligible
    assert verdict.satisfied is not None and verdict.satisfied.id == "2"
    assert len(verdict.training_missing) == len(missing)
    for word, found in zip(missing, verdict.training_missing, strict=True):
        assert word in found
    text = verdict.explain()
    assert text.startswith("不符合申报条件：完成本职业培训并经结业考核取得培训合格证书")
    assert "学历、资历条件已满足：（2）具有相关专业大学本科及以上学历" in text
    assert "培训合格证书编号" in verdict.reason() or "培训机构" in verdict.reason()
    assert "\n" not in verdict.reason()


def test_training_requirement_is_rule_data_marked_unverified(rules: RuleSet) -> None:
    """The shipped rules require the training certificate, say so unverified, and a rule file
    without the requirement admits without it."""
    assert rules.training.required and not rules.training.verified
    assert "实施方案" in rules.training.source
    data = _one_rule()
    candidate = facts(**title(Title.TECHNICIAN, date(2024, 1, 1)), training_cert_no="")
    assert evaluate(RuleSet.from_json(data), AI, JR, candidate, AS_OF).eligible
    data["training"] = {"required": True, "verified": True, "text": "取得培训合格证书"}
    strict = evaluate(RuleSet.from_json(data), AI, JR, candidate, AS_OF)
    assert not strict.eligible and strict.verified


@pytest.mark.parametrize(
    ("training", "expected"),
    [
        ([], "training（培训要求） 应为对象"),
        ({"required": "yes"}, "required 应为 true 或 false"),
        ({"required": True}, "text 应为说明培训要求的文字"),
        ({"required": True, "text": "x", "hours": 64}, "未知键 hours"),
    ],
)
def test_malformed_training_rule_is_refused(training: Any, expected: str) -> None:
    """A typo in the training requirement names the key at fault."""
    data = _one_rule()
    data["training"] = training
    with pytest.raises(ValidationError, match=expected):
        RuleSet.from_json(data)


def test_certificate_of_another_occupation_does_not_count(rules: RuleSet) -> None:
    """A 初级 certificate of 大数据 does not open 中级 人工智能."""
    candidate = facts(
        prior_certificates=(cert(JR, date(2020, 1, 1), BIG_DATA),), work_start_date=date(2019, 1, 1)
    )
    assert not evaluate(rules, AI, MID, candidate, AS_OF).eligible
    assert evaluate(rules, BIG_DATA, MID, candidate, AS_OF).eligible


def test_higher_title_and_certificate_satisfy_lower_requirements(rules: RuleSet) -> None:
    """An engineer meets "取得技术员职称"; a 中级 certificate meets "初级证书后满2年"."""
    engineer = facts(**title(Title.ENGINEER, date(2025, 1, 1)))
    assert evaluate(rules, AI, JR, engineer, AS_OF).eligible
    holder = facts(prior_certificates=(cert(MID, date(2022, 1, 1), AI),), work_start_date=None)
    gap = next(g for g in evaluate(rules, AI, MID, holder, AS_OF).gaps if g.id == "1")
    assert gap.missing == (
        "缺少：取得本职业初级专业技术等级证书后从事本职业工作满2年（尚无本职业工作经历）",
    )


def test_work_after_title_counts_from_the_later_start(rules: RuleSet) -> None:
    """Years after a title count only from when work in the occupation began."""
    late_starter = facts(**title(Title.ASSISTANT_ENGINEER, date(2020, 1, 1), date(2024, 1, 1)))
    verdict = evaluate(rules, AI, MID, late_starter, AS_OF)
    gap = next(g for g in verdict.gaps if g.id == "2")
    assert gap.missing == ("缺少：取得助理工程师职称后从事本职业工作满2年（已满1年5个月）",)


def test_unverified_rules_are_marked_in_verdict(rules: RuleSet) -> None:
    """A verdict from the template rules warns that they are not checked against the standard."""
    verdict = evaluate(rules, AI, JR, facts(), AS_OF)
    assert not verdict.verified
    assert verdict.source == TEMPLATE_SOURCE
    assert "尚未与国家职业标准原文核对" in verdict.explain()


def _one_rule(verified: bool = True) -> dict[str, Any]:
    return {
        "source": "测试",
        "occupations": {
            AI: {
                "levels": {
                    "初级": {
                        "source": "标准原文 1.8.1",
                        "alternatives": [
                            {
                                "id": "1",
                                "text": "取得技术员职称",
                                "verified": verified,
                                "conditions": {"min_title": "技术员"},
                            },
                        ],
                    }
                }
            }
        },
    }


def test_verified_rules_give_verified_verdict() -> None:
    """Rules an operator checked against the standard produce a verdict without the warning."""
    verdict = evaluate(RuleSet.from_json(_one_rule()), AI, JR, facts(), AS_OF)
    assert verdict.verified
    assert verdict.source == "标准原文 1.8.1"
    assert "尚未" not in verdict.explain()


def test_unknown_occupation_is_named(rules: RuleSet) -> None:
    """Asking for an occupation without rules names the code."""
    with pytest.raises(ValidationError) as caught:
        evaluate(rules, "9-99-99-99", JR, facts(), AS_OF)
    assert "9-99-99-99" in caught.value.message
    assert caught.value.field == "职业"


def test_unknown_level_is_named() -> None:
    """Asking for a level the rules lack names the occupation and the level."""
    with pytest.raises(ValidationError) as caught:
        evaluate(RuleSet.from_json(_one_rule()), AI, SR, facts(), AS_OF)
    assert AI in caught.value.message
    assert "高级" in caught.value.message
    assert caught.value.field == "等级"


@pytest.mark.parametrize(
    ("conditions", "expected"),
    [
        ({"min_titel": "技术员"}, "未知条件 min_titel"),
        ({"min_education": "本科"}, "min_education“本科”无效"),
        ({}, "没有任何条件"),
        ({"min_years_work": -1}, "不小于0的整数"),
        ({"min_years_after_title": 2}, "没有 min_title"),
        ({"prior_certificate": "特级"}, "等级“特级”无效"),
        ({"fresh_graduate": "是"}, "fresh_graduate 应为 true 或 false"),
    ],
)
def test_malformed_rule_is_refused_with_its_place(
    conditions: dict[str, Any], expected: str
) -> None:
    """A typo in the rules file is reported with the occupation, level and line at fault."""
    data = _one_rule()
    data["occupations"][AI]["levels"]["初级"]["alternatives"][0]["conditions"] = conditions
    with pytest.raises(ValidationError) as caught:
        RuleSet.from_json(data)
    assert f"职业{AI}初级第1条" in caught.value.message
    assert expected in caught.value.message


def test_broken_json_file_names_the_line(tmp_path: Path) -> None:
    """A rules file with a JSON syntax error names the file and the line."""
    path = tmp_path / "eligibility.json"
    path.write_text('{\n  "occupations": {,\n}', encoding="utf-8")
    with pytest.raises(ValidationError, match=r"eligibility\.json 第2行"):
        load_rules(path)


def test_title_needs_its_date() -> None:
    """Declaring a title without the date obtained is refused, naming the date field."""
    with pytest.raises(ValidationError) as caught:
        facts(title=Title.ENGINEER)
    assert caught.value.field == "职称取得日期"


def test_shipped_rules_cover_the_catalogue() -> None:
    """Every catalogue occupation has 初/中/高 rules, all unverified, with the template source,
    and a graduates' route at 初级 whose proof verification checks."""
    catalogue = json.loads(resource_path("standards", "catalogue.json").read_text(encoding="utf-8"))
    raw = json.loads(resource_path("standards", "eligibility.json").read_text(encoding="utf-8"))
    rules = RuleSet.from_json(raw)
    codes = [occupation["code"] for occupation in catalogue["occupations"]]
    assert len(codes) == 10
    for code in codes:
        for level in Level:
            level_rules = rules.for_level(code, level)
            assert level_rules.source == TEMPLATE_SOURCE
            assert not any(a.verified for a in level_rules.alternatives)
            assert all(a.text for a in level_rules.alternatives)
            graduates = [a for a in level_rules.alternatives if a.conditions.fresh_graduate]
            assert len(graduates) == (1 if level is JR else 0)
            assert all(a.proof for a in graduates)


@pytest.mark.parametrize(
    ("start", "end", "years", "months"),
    [
        (date(2023, 3, 1), date(2025, 2, 28), 1, 23),
        (date(2023, 3, 1), date(2025, 3, 1), 2, 24),
        (date(2024, 2, 29), date(2025, 2, 28), 1, 12),
        (date(2024, 1, 31), date(2024, 2, 29), 0, 1),
        (date(2024, 1, 31), date(2024, 2, 28), 0, 0),
        (date(2025, 1, 1), date(2024, 1, 1), 0, 0),
    ],
)
def test_completed_years_and_months(start: date, end: date, years: int, months: int) -> None:
    """Work years count only completed anniversaries, exactly on dates."""
    assert completed_years(start, end) == years
    assert completed_months(start, end) == months


@given(
    st.dates(min_value=date(1950, 1, 1), max_value=date(2040, 12, 31)).filter(
        lambda d: d.day <= 28
    ),
    st.integers(min_value=1, max_value=40),
)
def test_anniversary_completes_a_year_and_the_day_before_does_not(start: date, years: int) -> None:
    """N years are complete on the Nth anniversary and not one day earlier."""
    anniversary = start.replace(year=start.year + years)
    assert completed_years(start, anniversary) == years
    assert completed_years(start, anniversary - timedelta(days=1)) == years - 1
