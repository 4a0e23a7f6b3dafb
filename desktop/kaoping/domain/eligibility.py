"""Eligibility (申报条件): may a candidate apply for an occupation at a level, given the facts?

Each national standard lists, per level, alternatives introduced by "具备以下条件之一者": any one
of them suffices, and each alternative is a conjunction of conditions (education, related major,
years of work, a professional title, a lower certificate of the same occupation, graduating in the
assessment year). On top of that the programme admits trainees (学员) only: someone who finished the
training and holds its certificate (培训合格证书), whichever alternative they meet. The rules are
data, loaded from `resources/standards/eligibility.json`, with the verbatim text of every
alternative and a flag saying whether it was checked against the official text.

The verdict gates the batch: an applicant who is not eligible is not seated, scored, reported as
passed or certified unless a quality supervisor records an exception (申报条件例外) with its basis;
`require_eligible` is the one check every step makes.
"""

from __future__ import annotations

import json
from calendar import monthrange
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from pathlib import Path
from typing import Any, NamedTuple, TypeVar

from kaoping.domain.catalogue import Level
from kaoping.domain.errors import ConflictError, ValidationError

_E = TypeVar("_E", bound=StrEnum)


class Education(StrEnum):
    """Highest education completed (学历), lowest first; the order is the comparison order."""

    TECHNICAL_SCHOOL = "技工院校"
    JUNIOR_COLLEGE = "大学专科"
    BACHELOR = "大学本科"
    SECOND_BACHELOR = "第二学士学位"
    MASTER = "硕士研究生"
    DOCTOR = "博士研究生"

    @property
    def rank(self) -> int:
        """Position in the order, 0 for the lowest."""
        return list(Education).index(self)


class Title(StrEnum):
    """Engineering professional title held (职称), lowest first."""

    NONE = "无"
    TECHNICIAN = "技术员"
    ASSISTANT_ENGINEER = "助理工程师"
    ENGINEER = "工程师"
    SENIOR_ENGINEER = "高级工程师"

    @property
    def rank(self) -> int:
        """Position in the order, 0 for no title."""
        return list(Title).index(self)


class PriorCertificate(NamedTuple):
    """A 专业技术等级证书 the candidate already holds."""

    occupation_code: str
    level: Level
    issue_date: date


@dataclass(frozen=True)
class DeclaredFacts:
    """What a candidate declares under the commitment letter (告知承诺).

    Attributes:
        education: Highest education.
        major_related: Whether the major studied is related to the occupation.
        graduation_date: When that education was completed, if known; a date after the
            evaluation date means it is not held yet.
        work_start_date: Start of work in this or a related occupation; None when there is none
            (fresh graduates, people without such work).
        title: Highest professional title held.
        title_date: When that title was obtained; required unless the title is 无.
        prior_certificates: Certificates held, as (occupation code, level, issue date).
        training_cert_no: Number of the training certificate (培训合格证书编号), "" if none.
        training_body: The training institution that issued it (培训机构), "" if none.
    """

    education: Education
    major_related: bool
    graduation_date: date | None
    work_start_date: date | None
    title: Title = Title.NONE
    title_date: date | None = None
    prior_certificates: tuple[tuple[str, Level, date], ...] = ()
    training_cert_no: str = ""
    training_body: str = ""

    def __post_init__(self) -> None:
        if self.title is not Title.NONE and self.title_date is None:
            raise ValidationError(
                f"已选职称“{self.title.value}”，请填写取得日期", field="职称取得日期"
            )
        if self.title is Title.NONE and self.title_date is not None:
            raise ValidationError(
                "未选职称时不应填写职称取得日期，请先选择职称", field="职称取得日期"
            )


@dataclass(frozen=True)
class Conditions:
    """The conditions of one alternative; all that are set must hold.

    Attributes:
        min_education: Lowest education that qualifies.
        major_related: Whether the major must be related.
        min_years_work: Completed years since the work start date.
        min_title: Lowest title that qualifies.
        min_years_after_title: Completed years of work in the occupation after obtaining the
            title, counted from the later of the title date and the work start date.
        prior_certificate: Lowest level of a certificate of the same occupation that qualifies.
        min_years_after_certificate: Completed years of work after that certificate, counted from
            the later of its issue date and the work start date.
        fresh_graduate: The route of fresh graduates (应届毕业生): the education must be completed
            within the calendar year of the evaluation date, and may be completed after that date
            (the proof is checked at verification, see `Alternative.proof`).
    """

    min_education: Education | None = None
    major_related: bool = False
    min_years_work: int = 0
    min_title: Title | None = None
    min_years_after_title: int = 0
    prior_certificate: Level | None = None
    min_years_after_certificate: int = 0
    fresh_graduate: bool = False


@dataclass(frozen=True)
class Alternative:
    """One alternative of a level's 申报条件, with its text as printed in the standard.

    Attributes:
        id: Its number in the list, as the standard numbers it.
        text: The wording.
        conditions: What the facts must meet.
        verified: Whether it was checked against the official text.
        proof: What verification (核查) must see for someone admitted through it (e.g. the
            graduation certificate of a fresh graduate); "" when nothing beyond the usual.
    """

    id: str
    text: str
    conditions: Conditions
    verified: bool
    proof: str = ""

    @property
    def label(self) -> str:
        """The alternative as lists name it: "（2）具有相关专业大学本科及以上学历"."""
        return f"（{self.id}）{self.text}"


@dataclass(frozen=True)
class TrainingRule:
    """The programme's training requirement: applicants are trainees who finished the training.

    The implementation plan (三(二)(三)) has training institutions give a training certificate
    (培训合格证书) to those who pass the end-of-course assessment, and those trainees apply to the
    evaluation body. When `required`, a candidate without the certificate's number or the
    institution is not eligible, whichever alternative they meet.

    Attributes:
        required: Whether the certificate number and the institution must be declared.
        text: The requirement in words, for verdicts.
        verified: Whether it was checked against the official text.
        source: Where it comes from.
    """

    required: bool = False
    text: str = ""
    verified: bool = False
    source: str = ""

    def missing(self, facts: DeclaredFacts) -> tuple[str, ...]:
        """What the facts lack, each as "缺少：…"; empty when met or not required."""
        if not self.required:
            return ()
        found = []
        if not facts.training_cert_no.strip():
            found.append(
                "缺少：培训合格证书编号（本项目申报人须为完成培训、取得培训合格证书的学员）"
            )
        if not facts.training_body.strip():
            found.append("缺少：颁发培训合格证书的培训机构")
        return tuple(found)


@dataclass(frozen=True)
class LevelRules:
    """The alternatives for one occupation at one level, and where they come from."""

    occupation_code: str
    level: Level
    alternatives: tuple[Alternative, ...]
    source: str

    @property
    def verified(self) -> bool:
        """True only if every alternative was checked against the official text."""
        return all(alternative.verified for alternative in self.alternatives)


@dataclass(frozen=True)
class AlternativeGap:
    """An alternative that is not met, and each missing condition in plain Chinese."""

    id: str
    text: str
    missing: tuple[str, ...]


@dataclass(frozen=True)
class EligibilityVerdict:
    """The outcome of an eligibility check.

    Attributes:
        occupation_code: The occupation applied for.
        level: The level applied for.
        eligible: Whether at least one alternative is met.
        satisfied: The first alternative met, or None.
        gaps: When not eligible, what each alternative lacks; empty when eligible.
        verified: Whether the rules used were checked against the official standard.
        source: Where the rules come from.
        training_missing: What the training requirement lacks ("缺少：…"); empty when met.
        training_text: The training requirement in words, "" when there is none.
    """

    occupation_code: str
    level: Level
    eligible: bool
    satisfied: Alternative | None
    gaps: tuple[AlternativeGap, ...]
    verified: bool
    source: str
    training_missing: tuple[str, ...] = ()
    training_text: str = ""

    def explain(self) -> str:
        """A paragraph for the candidate or the administrator."""
        if self.eligible and self.satisfied is not None:
            text = f"符合{self.level.label}申报条件：{self.satisfied.label}"
            if self.satisfied.proof:
                text += f"\n核查时须查验：{self.satisfied.proof}"
        else:
            text = "\n".join(self._failures())
        if not self.verified:
            text += "\n注意：所用申报条件尚未与国家职业标准原文核对。"
        return text

    def reason(self) -> str:
        """Why the candidate is not eligible, on one line: the rules that failed and what lacks."""
        if self.eligible:
            return ""
        return "；".join(line.rstrip("：") for line in self._failures())

    def _failures(self) -> list[str]:
        lines = []
        if self.training_missing:
            lines.append(
                f"不符合申报条件：{self.training_text or '须完成培训并取得培训合格证书'} —— "
                + "；".join(self.training_missing)
            )
        if self.satisfied is not None:
            lines.append(f"（学历、资历条件已满足：{self.satisfied.label}）")
        else:
            lines.append(f"不符合{self.level.label}申报条件（以下任一条满足即可）：")
            for gap in self.gaps:
                lines.append(f"（{gap.id}）{gap.text} —— {'；'.join(gap.missing)}")
        return lines


@dataclass(frozen=True)
class RuleSet:
    """All eligibility rules, by occupation code and level."""

    rules: Mapping[tuple[str, Level], LevelRules]
    source: str
    training: TrainingRule = TrainingRule()

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> RuleSet:
        """Build the rules from the parsed JSON document.

        Args:
            data: `{"source": ..., "training": {"required", "text", "verified", "source"},
                "occupations": {code: {"levels": {"初级": {"source": ..., "alternatives": [{"id",
                "text", "verified", "proof", "conditions": {...}}]}}}}}`; level keys may be the
                Chinese label or the code (`junior`); `training` and `proof` are optional.

        Raises:
            ValidationError: Naming the occupation, level, alternative and key at fault.
        """
        occupations = _require(data, "occupations", dict, "资格规则文件")
        rules: dict[tuple[str, Level], LevelRules] = {}
        for code, occupation in occupations.items():
            levels = _require(occupation, "levels", dict, f"职业{code}")
            for level_key, level_data in levels.items():
                level = _parse_level(level_key, f"职业{code}")
                rules[(code, level)] = _parse_level_rules(code, level, level_data)
        training = _parse_training(data.get("training"))
        return cls(rules=rules, source=str(data.get("source", "")), training=training)

    def for_level(self, occupation_code: str, level: Level) -> LevelRules:
        """The rules of one occupation at one level.

        Raises:
            ValidationError: If the occupation or the level has no rules.
        """
        found = self.rules.get((occupation_code, level))
        if found is not None:
            return found
        if not any(code == occupation_code for code, _ in self.rules):
            raise ValidationError(
                f"申报条件规则中没有职业“{occupation_code}”，请核对职业编码或补充该职业的规则",
                field="职业",
            )
        raise ValidationError(
            f"职业“{occupation_code}”没有{level.label}的申报条件规则，请补充后再审核", field="等级"
        )


def load_rules(path: Path) -> RuleSet:
    """Read the rules from a JSON file (UTF-8).

    Raises:
        ValidationError: If the file is not valid JSON or breaks the rule format.
    """
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise ValidationError(
            f"申报条件规则文件 {path.name} 第{exc.lineno}行不是有效的 JSON：{exc.msg}"
        ) from None
    if not isinstance(data, dict):
        raise ValidationError(f"申报条件规则文件 {path.name} 的最外层应为对象")
    return RuleSet.from_json(data)


def evaluate(
    rules: RuleSet, occupation_code: str, level: Level, facts: DeclaredFacts, as_of: date
) -> EligibilityVerdict:
    """Check the declared facts against the rules of an occupation and level on a date.

    Args:
        rules: The rule set.
        occupation_code: The occupation's standard code, e.g. `2-02-10-09`.
        level: The level applied for.
        facts: What the candidate declared.
        as_of: The date the conditions must hold on (usually the application deadline).

    Returns:
        The verdict, with the alternative met or what every alternative lacks.

    Raises:
        ValidationError: If the occupation or level has no rules.
    """
    level_rules = rules.for_level(occupation_code, level)
    gaps: list[AlternativeGap] = []
    satisfied: Alternative | None = None
    for alternative in level_rules.alternatives:
        missing = missing_conditions(alternative.conditions, occupation_code, facts, as_of)
        if not missing:
            satisfied = alternative
            break
        gaps.append(AlternativeGap(alternative.id, alternative.text, missing))
    training = rules.training
    training_missing = training.missing(facts)
    return EligibilityVerdict(
        occupation_code=occupation_code,
        level=level,
        eligible=satisfied is not None and not training_missing,
        satisfied=satisfied,
        gaps=() if satisfied is not None else tuple(gaps),
        verified=level_rules.verified and (training.verified or not training.required),
        source=level_rules.source,
        training_missing=training_missing,
        training_text=training.text if training.required else "",
    )


def missing_conditions(
    conditions: Conditions, occupation_code: str, facts: DeclaredFacts, as_of: date
) -> tuple[str, ...]:
    """What the facts lack for one alternative, each as "缺少：…"; empty when it is met."""
    found = [
        _missing_graduation(conditions, facts, as_of),
        _missing_education(conditions, facts, as_of),
        _missing_major(conditions, facts),
        _missing_work(conditions, facts, as_of),
        *_missing_title(conditions, facts, as_of),
        *_missing_certificate(conditions, occupation_code, facts, as_of),
    ]
    return tuple(f"缺少：{item}" for item in found if item)


def completed_months(start: date, end: date) -> int:
    """Whole months from `start` to `end`, by anniversaries.

    A month is complete on the same day of a later month, or on that month's last day when it
    has no such day (2024-01-31 → 2024-02-29 is one month). Zero when `end` is before `start`.
    """
    months = (end.year - start.year) * 12 + end.month - start.month
    if months > 0 and _add_months(start, months) > end:
        months -= 1
    return max(months, 0)


def completed_years(start: date, end: date) -> int:
    """Whole years from `start` to `end` (2023-03-01 → 2025-02-28 is 1)."""
    return completed_months(start, end) // 12


def _add_months(start: date, months: int) -> date:
    index = start.year * 12 + start.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    return date(year, month, min(start.day, monthrange(year, month)[1]))


def _describe_span(start: date | None, end: date) -> str:
    if start is None or start > end:
        return "尚无本职业工作经历"
    years, months = divmod(completed_months(start, end), 12)
    if years and months:
        return f"已满{years}年{months}个月"
    if years:
        return f"已满{years}年"
    return f"已满{months}个月" if months else "不足1个月"


def _missing_education(conditions: Conditions, facts: DeclaredFacts, as_of: date) -> str:
    wanted = conditions.min_education
    if wanted is None:
        return ""
    if facts.education.rank < wanted.rank:
        return f"{wanted.value}及以上学历（申报学历为{facts.education.value}）"
    if conditions.fresh_graduate:
        return ""  # completed within the assessment year, possibly after as_of: see above
    if facts.graduation_date is not None and facts.graduation_date > as_of:
        graduation = facts.graduation_date.isoformat()
        return f"{wanted.value}及以上学历（{graduation}毕业，审核日尚未取得）"
    return ""


def _missing_graduation(conditions: Conditions, facts: DeclaredFacts, as_of: date) -> str:
    if not conditions.fresh_graduate:
        return ""
    year = as_of.year
    graduated = facts.graduation_date
    if graduated is None:
        return f"应届毕业（毕业日期在{year}年内；未填写毕业日期）"
    if graduated.year != year:
        return f"应届毕业（毕业日期在{year}年内；申报毕业日期为{graduated.isoformat()}）"
    return ""


def _missing_major(conditions: Conditions, facts: DeclaredFacts) -> str:
    return "所学专业与本职业相关" if conditions.major_related and not facts.major_related else ""


def _missing_work(conditions: Conditions, facts: DeclaredFacts, as_of: date) -> str:
    years = conditions.min_years_work
    if years <= 0 or _years_from(facts.work_start_date, as_of) >= years:
        return ""
    return f"从事本职业工作满{years}年（{_describe_span(facts.work_start_date, as_of)}）"


def _missing_title(conditions: Conditions, facts: DeclaredFacts, as_of: date) -> list[str]:
    wanted = conditions.min_title
    if wanted is None:
        return []
    if facts.title.rank < wanted.rank or facts.title_date is None or facts.title_date > as_of:
        return [f"{wanted.value}及以上职称（申报职称为{facts.title.value}）"]
    years = conditions.min_years_after_title
    start = _later(facts.title_date, facts.work_start_date)
    if years <= 0 or _years_from(start, as_of) >= years:
        return []
    # Only the date of the highest title is known, so work is counted from it: never too generous.
    return [f"取得{wanted.value}职称后从事本职业工作满{years}年（{_describe_span(start, as_of)}）"]


def _missing_certificate(
    conditions: Conditions, occupation_code: str, facts: DeclaredFacts, as_of: date
) -> list[str]:
    wanted = conditions.prior_certificate
    if wanted is None:
        return []
    name = f"本职业{wanted.label}专业技术等级证书"
    issued = [
        issue_date
        for code, level, issue_date in facts.prior_certificates
        if code == occupation_code
        and _level_rank(level) >= _level_rank(wanted)
        and issue_date <= as_of
    ]
    if not issued:
        return [f"{name}（或更高等级）"]
    years = conditions.min_years_after_certificate
    start = _later(min(issued), facts.work_start_date)
    if years <= 0 or _years_from(start, as_of) >= years:
        return []
    return [f"取得{name}后从事本职业工作满{years}年（{_describe_span(start, as_of)}）"]


def _years_from(start: date | None, as_of: date) -> int:
    return 0 if start is None else completed_years(start, as_of)


def _later(anchor: date, work_start: date | None) -> date | None:
    """Work after an anchor date starts at the later of the two; no work start means no work."""
    return None if work_start is None else max(anchor, work_start)


def _level_rank(level: Level) -> int:
    return list(Level).index(level)


_CONDITION_KEYS = frozenset(
    {
        "min_education",
        "major_related",
        "min_years_work",
        "min_title",
        "min_years_after_title",
        "prior_certificate",
        "min_years_after_certificate",
        "fresh_graduate",
    }
)


def _parse_level_rules(code: str, level: Level, data: Any) -> LevelRules:
    where = f"职业{code}{level.label}"
    if not isinstance(data, dict):
        raise ValidationError(f"申报条件规则：{where} 应为对象")
    items = _require(data, "alternatives", list, where)
    if not items:
        raise ValidationError(f"申报条件规则：{where} 至少要有一条申报条件")
    alternatives = tuple(
        _parse_alternative(item, f"{where}第{n}条") for n, item in enumerate(items, start=1)
    )
    ids = [alternative.id for alternative in alternatives]
    if len(set(ids)) != len(ids):
        raise ValidationError(f"申报条件规则：{where} 的条目编号 id 有重复")
    return LevelRules(code, level, alternatives, str(data.get("source", "")))


def _parse_alternative(data: Any, where: str) -> Alternative:
    if not isinstance(data, dict):
        raise ValidationError(f"申报条件规则：{where} 应为对象")
    text = _require(data, "text", str, where)
    verified = _parse_flag(data.get("verified", False), where, "verified")
    proof = data.get("proof", "")
    if not isinstance(proof, str):
        raise ValidationError(f"申报条件规则：{where} 的 proof 应为文字（核查时须查验的证明）")
    conditions = _parse_conditions(_require(data, "conditions", dict, where), where)
    return Alternative(str(_require(data, "id", str, where)), text, conditions, verified, proof)


def _parse_training(data: Any) -> TrainingRule:
    if data is None:
        return TrainingRule()
    where = "training（培训要求）"
    if not isinstance(data, dict):
        raise ValidationError(f"申报条件规则：{where} 应为对象")
    unknown = sorted(set(data) - {"required", "text", "verified", "source"})
    if unknown:
        raise ValidationError(f"申报条件规则：{where} 有未知键 {'、'.join(unknown)}")
    required = _parse_flag(data.get("required", False), where, "required")
    text = data.get("text", "")
    if not isinstance(text, str) or (required and not text.strip()):
        raise ValidationError(f"申报条件规则：{where} 的 text 应为说明培训要求的文字")
    return TrainingRule(
        required,
        text.strip(),
        _parse_flag(data.get("verified", False), where, "verified"),
        str(data.get("source", "")),
    )


def _parse_conditions(data: dict[str, Any], where: str) -> Conditions:
    unknown = sorted(set(data) - _CONDITION_KEYS)
    if unknown:
        raise ValidationError(
            f"申报条件规则：{where} 有未知条件 {'、'.join(unknown)}"
            f"（可用：{'、'.join(sorted(_CONDITION_KEYS))}）"
        )
    if not data:
        raise ValidationError(f"申报条件规则：{where} 没有任何条件，会让所有人都符合，请补充条件")
    conditions = Conditions(
        min_education=_parse_enum(Education, data.get("min_education"), where, "min_education"),
        major_related=_parse_flag(data.get("major_related", False), where, "major_related"),
        min_years_work=_parse_years(data, "min_years_work", where),
        min_title=_parse_enum(Title, data.get("min_title"), where, "min_title"),
        min_years_after_title=_parse_years(data, "min_years_after_title", where),
        prior_certificate=_parse_optional_level(data.get("prior_certificate"), where),
        min_years_after_certificate=_parse_years(data, "min_years_after_certificate", where),
        fresh_graduate=_parse_flag(data.get("fresh_graduate", False), where, "fresh_graduate"),
    )
    if conditions.min_years_after_title and conditions.min_title is None:
        raise ValidationError(f"申报条件规则：{where} 设了 min_years_after_title 却没有 min_title")
    if conditions.min_years_after_certificate and conditions.prior_certificate is None:
        raise ValidationError(
            f"申报条件规则：{where} 设了 min_years_after_certificate 却没有 prior_certificate"
        )
    return conditions


def _parse_enum(kind: type[_E], value: Any, where: str, key: str) -> _E | None:
    if value is None:
        return None
    for member in kind:
        if value == member.value:
            return member
    allowed = "、".join(member.value for member in kind)
    raise ValidationError(f"申报条件规则：{where} 的 {key}“{value}”无效（应为：{allowed}）")


def _parse_flag(value: Any, where: str, key: str) -> bool:
    if not isinstance(value, bool):
        raise ValidationError(f"申报条件规则：{where} 的 {key} 应为 true 或 false")
    return value


def _parse_years(data: dict[str, Any], key: str, where: str) -> int:
    value = data.get(key, 0)
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValidationError(f"申报条件规则：{where} 的 {key} 应为不小于0的整数年数")
    return value


def _parse_optional_level(value: Any, where: str) -> Level | None:
    if value is None:
        return None
    return _parse_level(value, where)


def _parse_level(value: Any, where: str) -> Level:
    try:
        return Level.from_label(str(value))
    except ValueError:
        raise ValidationError(
            f"申报条件规则：{where} 的等级“{value}”无效（应为 初级、中级 或 高级）"
        ) from None


_KIND_NAMES: dict[type, str] = {dict: "对象", list: "列表", str: "文字"}


def _require(data: Any, key: str, kind: type, where: str) -> Any:
    if not isinstance(data, dict) or not isinstance(data.get(key), kind):
        expected = _KIND_NAMES.get(kind, kind.__name__)
        raise ValidationError(f"申报条件规则：{where} 缺少 {key}（应为{expected}）")
    return data[key]


# ---- the gate: seating, scoring, reporting as passed and certifying ----------------------------


@dataclass(frozen=True)
class EligibilityOverride:
    """A quality supervisor's exception (申报条件例外) for one applicant found not eligible.

    Attributes:
        candidate_id: The application it lets through.
        basis: Why, in the supervisor's words (e.g. the clause of the official standard checked).
        verdict: The eligibility verdict it overrides, as it stood when recorded.
        recorded_by: The supervisor's user name.
        recorded_at: When (UTC).
    """

    candidate_id: int
    basis: str
    verdict: str
    recorded_by: str
    recorded_at: datetime


@dataclass(frozen=True)
class Applicant:
    """What the gate needs to know of one application: who, and the verdict kept at intake.

    Attributes:
        candidate_id: The application's record number (考生编号).
        name: The applicant's name.
        id_masked: The document number with its middle hidden; the gate never sees it whole.
        eligible: The verdict.
        note: The verdict in words (`EligibilityVerdict.explain`).
    """

    candidate_id: int
    name: str
    id_masked: str
    eligible: bool
    note: str


class NotEligible(ConflictError):
    """An applicant who is not eligible, and has no exception, was stopped at a step."""


def note_reason(note: str) -> str:
    """The failing rules of a stored verdict on one line, without its notices."""
    kept = [
        line.strip().rstrip("：")
        for line in note.splitlines()
        if line.strip() and not line.startswith(("注意：", "核查时须查验："))
    ]
    return "；".join(kept) or "申报条件未审核通过"


def gate_refusal(
    applicant: Applicant, overrides: Mapping[int, EligibilityOverride], step: str
) -> str:
    """Why this applicant may not go through `step` (排座, 录入成绩 ...); "" when they may.

    An eligible applicant, or one with a recorded exception, may. The message names the person
    (masked document number), the rules that failed, and how an exception is recorded.
    """
    if applicant.eligible or applicant.candidate_id in overrides:
        return ""
    who = f"考生 {applicant.name}（{applicant.id_masked}，考生编号 {applicant.candidate_id}）"
    return (
        f"{who}不符合申报条件，不能{step}：{note_reason(applicant.note)}。"
        "如确有依据，须由质量督导员登记申报条件例外并写明依据（“考生”页“登记例外”，或 "
        f"kaoping eligibility override --candidate {applicant.candidate_id} --basis 依据），"
        f"登记后方可{step}。"
    )


def require_eligible(
    applicant: Applicant,
    overrides: Mapping[int, EligibilityOverride],
    step: str,
    row: int | None = None,
) -> None:
    """Stop an applicant who is not eligible and has no exception.

    Raises:
        NotEligible: With `gate_refusal`'s message, field 申报条件 and the row, if given.
    """
    refusal = gate_refusal(applicant, overrides, step)
    if refusal:
        raise NotEligible(refusal, field="申报条件", row=row)
