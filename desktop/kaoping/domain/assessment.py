"""How each level is assessed: components (考核科目), scales, pass marks, durations and staffing.

The values come from `resources/standards/assessment.json`: a template per level, optionally
overridden per occupation code. Every value carries a `verified` flag because the national standards
could not yet be checked; the flags travel with the rules so screens can show provisional numbers.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from enum import StrEnum

from kaoping.domain.catalogue import Level
from kaoping.domain.errors import NotFound, ValidationError
from kaoping.domain.staffing import StaffingRule, StaffRole


class Component(StrEnum):
    """A part of the assessment that is scored on its own."""

    THEORY = "theory"
    PRACTICAL = "practical"
    REVIEW = "review"

    @property
    def label(self) -> str:
        """The Chinese name: 理论知识考试, 专业能力考核 or 综合评审."""
        return _COMPONENT_LABELS[self]


_COMPONENT_LABELS = {
    Component.THEORY: "理论知识考试",
    Component.PRACTICAL: "专业能力考核",
    Component.REVIEW: "综合评审",
}


@dataclass(frozen=True)
class ComponentRule:
    """The rule for one component at one level of one occupation.

    Attributes:
        component: Which component.
        scale_max: The top of the scale (百分制: 100).
        pass_mark: The lowest passing score, inclusive ("60分（含）以上为合格").
        min_minutes: The shortest allowed duration in minutes.
        staffing: Who must staff a room or panel, and how many.
        verified: Per value, whether it was checked against the official text; keys are the
            value names (`pass_mark`, `staffing.min_per_room`, ...).
        source: Where the values come from.
    """

    component: Component
    scale_max: Decimal
    pass_mark: Decimal
    min_minutes: int
    staffing: StaffingRule
    verified: Mapping[str, bool] = field(default_factory=dict, compare=False, hash=False)
    source: str = ""

    @property
    def unverified(self) -> list[str]:
        """Names of the values not yet checked against the official text."""
        return [name for name, ok in self.verified.items() if not ok]


@dataclass(frozen=True)
class LevelPlan:
    """The components of one level (of one occupation) and their rules."""

    level: Level
    components: tuple[Component, ...]
    components_verified: bool
    rules: Mapping[Component, ComponentRule] = field(compare=False, hash=False)
    source: str = ""


@dataclass(frozen=True)
class AssessmentRules:
    """The assessment template per level, with per-occupation overrides.

    Attributes:
        template: The plan for each level, used by every occupation without an override.
        overrides: Plans for (occupation code, level) pairs that differ from the template.
        source: Where the values come from.
    """

    template: Mapping[Level, LevelPlan]
    overrides: Mapping[str, Mapping[Level, LevelPlan]] = field(default_factory=dict)
    source: str = ""

    @classmethod
    def from_json(cls, text: str | bytes) -> AssessmentRules:
        """Load the rules from the text of `assessment.json`.

        Raises:
            ValidationError: The text is not JSON or a value is missing or out of range; the
                error's field names the value's path, e.g. `levels.senior.rules.review.pass_mark`.
        """
        try:
            data = json.loads(text, parse_float=Decimal)
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            raise ValidationError(f"考核规则文件不是有效的 JSON：{exc}") from exc
        return cls.from_dict(_mapping(data, "（文件）"))

    @classmethod
    def from_dict(cls, data: Mapping[str, object]) -> AssessmentRules:
        """Build the rules from already-parsed JSON data (same layout as `from_json`)."""
        levels = _mapping(data.get("levels"), "levels")
        template = {level: _plan(level, levels, "levels") for level in Level}
        overrides: dict[str, dict[Level, LevelPlan]] = {}
        for code, raw in _mapping(data.get("occupations", {}), "occupations").items():
            changed = _mapping(raw, f"occupations.{code}")
            _refuse_unknown_levels(changed, f"occupations.{code}")
            overrides[code] = {
                level: _plan(level, _merged_levels(levels, changed, level), f"occupations.{code}")
                for level in Level
                if level.value in changed
            }
        return cls(template=template, overrides=overrides, source=str(data.get("source", "")))

    def plan_for(self, occupation_code: str, level: Level) -> LevelPlan:
        """Return the plan for an occupation and level: its override, or else the template."""
        plan = self.overrides.get(occupation_code, {}).get(level)
        return plan if plan is not None else self.template[level]

    def components_for(self, occupation_code: str, level: Level) -> tuple[Component, ...]:
        """Return the components a candidate of this occupation and level must take, in order."""
        return self.plan_for(occupation_code, level).components

    def rule_for(self, occupation_code: str, level: Level, component: Component) -> ComponentRule:
        """Return the rule of one component.

        Raises:
            NotFound: The level has no such component for this occupation.
        """
        plan = self.plan_for(occupation_code, level)
        if component not in plan.components:
            raise NotFound(
                f"职业 {occupation_code} 的{level.label}考核不含{component.label}"
                f"（只有：{'、'.join(c.label for c in plan.components)}）"
            )
        return plan.rules[component]


def _refuse_unknown_levels(changed: Mapping[str, object], path: str) -> None:
    known = {level.value for level in Level}
    for key in changed:
        if key not in known:
            raise ValidationError(
                f"未知等级 {key}（应为 {'、'.join(sorted(known))}）", field=f"{path}.{key}"
            )


def _merged_levels(
    levels: Mapping[str, object], changed: Mapping[str, object], level: Level
) -> dict[str, object]:
    # An override only lists what differs, so it is laid over a copy of the template.
    base = _mapping(levels.get(level.value), f"levels.{level.value}")
    return {level.value: _overlay(base, _mapping(changed[level.value], level.value))}


def _overlay(base: Mapping[str, object], top: Mapping[str, object]) -> dict[str, object]:
    result = dict(base)
    for key, value in top.items():
        below = result.get(key)
        is_leaf = isinstance(value, Mapping) and "value" in value
        if isinstance(value, Mapping) and isinstance(below, Mapping) and not is_leaf:
            result[key] = _overlay(below, value)
        else:
            result[key] = value
    return result


def _plan(level: Level, levels: Mapping[str, object], prefix: str) -> LevelPlan:
    path = f"{prefix}.{level.value}"
    raw = _mapping(levels.get(level.value), path)
    names, components_ok = _leaf(raw, "components", path)
    if not isinstance(names, list) or not names:
        raise ValidationError(f"{level.label}须至少列出一个考核科目", field=f"{path}.components")
    components = tuple(_component(n, f"{path}.components") for n in names)
    if len(set(components)) != len(components):
        raise ValidationError(f"{level.label}的考核科目有重复", field=f"{path}.components")
    rules_raw = _mapping(raw.get("rules"), f"{path}.rules")
    source = str(raw.get("source", ""))
    rules = {
        c: _rule(
            c,
            _mapping(rules_raw.get(c.value), f"{path}.rules.{c.value}"),
            f"{path}.rules.{c.value}",
            source,
        )
        for c in components
    }
    return LevelPlan(level, components, components_ok, rules, source)


def _rule(component: Component, raw: Mapping[str, object], path: str, source: str) -> ComponentRule:
    flags: dict[str, bool] = {}
    scale_max = _decimal(raw, "scale_max", path, flags)
    pass_mark = _decimal(raw, "pass_mark", path, flags)
    if scale_max <= 0:
        raise ValidationError("满分须大于 0", field=f"{path}.scale_max")
    if not 0 <= pass_mark <= scale_max:
        raise ValidationError(f"合格线须在 0 到满分 {scale_max} 之间", field=f"{path}.pass_mark")
    minutes = _integer(raw, "min_minutes", path, flags, minimum=1)
    staffing = _staffing(
        _mapping(raw.get("staffing"), f"{path}.staffing"), f"{path}.staffing", flags
    )
    return ComponentRule(component, scale_max, pass_mark, minutes, staffing, flags, source)


def _staffing(raw: Mapping[str, object], path: str, flags: dict[str, bool]) -> StaffingRule:
    role_name, flags["staffing.role"] = _leaf(raw, "role", path)
    try:
        role = StaffRole(str(role_name))
    except ValueError:
        allowed = "、".join(r.value for r in StaffRole)
        raise ValidationError(
            f"未知角色 {role_name}（应为 {allowed}）", field=f"{path}.role"
        ) from None
    ratio_raw, flags["staffing.candidates_per_staff"] = _leaf(raw, "candidates_per_staff", path)
    ratio = None if ratio_raw is None else _as_int(ratio_raw, f"{path}.candidates_per_staff", 1)
    minimum = _integer(raw, "min_per_room", path, flags, minimum=1, prefix="staffing.")
    odd, flags["staffing.odd_panel"] = _leaf(raw, "odd_panel", path)
    if not isinstance(odd, bool):
        raise ValidationError("须为 true 或 false", field=f"{path}.odd_panel")
    if odd and minimum % 2 == 0:
        raise ValidationError("要求单数时，最少人数也须为单数", field=f"{path}.min_per_room")
    return StaffingRule(role, ratio, minimum, odd)


def _mapping(value: object, path: str) -> Mapping[str, object]:
    if not isinstance(value, Mapping):
        raise ValidationError("缺少此项或格式不对（应为 JSON 对象）", field=path)
    return value


def _leaf(raw: Mapping[str, object], name: str, path: str) -> tuple[object, bool]:
    entry = raw.get(name)
    if not isinstance(entry, Mapping) or "value" not in entry:
        raise ValidationError(
            '缺少此项，应写作 {"value": …, "verified": false}', field=f"{path}.{name}"
        )
    verified = entry.get("verified", False)
    if not isinstance(verified, bool):
        raise ValidationError("verified 须为 true 或 false", field=f"{path}.{name}.verified")
    return entry["value"], verified


def _component(name: object, path: str) -> Component:
    try:
        return Component(str(name))
    except ValueError:
        allowed = "、".join(c.value for c in Component)
        raise ValidationError(f"未知考核科目 {name}（应为 {allowed}）", field=path) from None


def _decimal(raw: Mapping[str, object], name: str, path: str, flags: dict[str, bool]) -> Decimal:
    value, flags[name] = _leaf(raw, name, path)
    if isinstance(value, bool) or not isinstance(value, int | str | Decimal):
        raise ValidationError("须为数字", field=f"{path}.{name}")
    try:
        number = Decimal(value)
    except InvalidOperation:
        raise ValidationError(f"{value} 不是数字", field=f"{path}.{name}") from None
    if not number.is_finite():
        raise ValidationError("须为有限的数字", field=f"{path}.{name}")
    return number


def _integer(
    raw: Mapping[str, object],
    name: str,
    path: str,
    flags: dict[str, bool],
    *,
    minimum: int,
    prefix: str = "",
) -> int:
    value, flags[prefix + name] = _leaf(raw, name, path)
    return _as_int(value, f"{path}.{name}", minimum)


def _as_int(value: object, path: str, minimum: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        raise ValidationError(f"须为不小于 {minimum} 的整数", field=path)
    return value
