"""Assessment components, scales, pass marks, durations and staffing rules per level."""

from __future__ import annotations

import copy
import json
from decimal import Decimal
from typing import Any

import pytest

from kaoping.domain.assessment import AssessmentRules, Component
from kaoping.domain.catalogue import Level
from kaoping.domain.errors import NotFound, ValidationError
from kaoping.domain.staffing import StaffRole
from kaoping.paths import resource_path

AI = "2-02-10-09"
BIG_DATA = "2-02-10-11"


def _raw() -> dict[str, Any]:
    text = resource_path("standards", "assessment.json").read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


def _shipped() -> AssessmentRules:
    return AssessmentRules.from_json(resource_path("standards", "assessment.json").read_bytes())


def test_junior_and_intermediate_have_theory_and_practical() -> None:
    """An administrator planning a 初级 or 中级 batch sees two components to schedule."""
    rules = _shipped()
    for level in (Level.JUNIOR, Level.INTERMEDIATE):
        assert rules.components_for(AI, level) == (Component.THEORY, Component.PRACTICAL)


def test_senior_adds_review() -> None:
    """A 高级 batch also needs a 综合评审."""
    assert _shipped().components_for(AI, Level.SENIOR) == (
        Component.THEORY,
        Component.PRACTICAL,
        Component.REVIEW,
    )


def test_component_labels_are_chinese() -> None:
    """Screens show the official names of the components."""
    assert [c.label for c in Component] == ["理论知识考试", "专业能力考核", "综合评审"]


def test_template_values() -> None:
    """Scale 100, pass mark 60, the ratios and durations of the template apply by default."""
    rules = _shipped()
    theory = rules.rule_for(AI, Level.JUNIOR, Component.THEORY)
    assert (theory.scale_max, theory.pass_mark, theory.min_minutes) == (
        Decimal(100),
        Decimal(60),
        90,
    )
    assert theory.staffing.role is StaffRole.INVIGILATOR
    assert (theory.staffing.candidates_per_staff, theory.staffing.min_per_room) == (15, 2)
    practical = rules.rule_for(AI, Level.INTERMEDIATE, Component.PRACTICAL)
    assert practical.min_minutes == 150
    assert practical.staffing.role is StaffRole.EXAMINER
    assert (practical.staffing.candidates_per_staff, practical.staffing.min_per_room) == (5, 3)
    assert practical.staffing.odd_panel
    review = rules.rule_for(AI, Level.SENIOR, Component.REVIEW)
    assert review.min_minutes == 30
    assert review.staffing.role is StaffRole.REVIEWER
    assert review.staffing.candidates_per_staff is None
    assert (review.staffing.min_per_room, review.staffing.odd_panel) == (3, True)


def test_unconfirmed_values_stay_marked_unverified() -> None:
    """Every shipped value is shown as not yet checked against the official standard."""
    rules = _shipped()
    assert rules.source
    for level in Level:
        plan = rules.plan_for(AI, level)
        assert not plan.components_verified
        for component in plan.components:
            rule = plan.rules[component]
            assert "pass_mark" in rule.unverified
            assert "staffing.candidates_per_staff" in rule.unverified
            assert rule.source


def test_override_applies_to_one_occupation_only() -> None:
    """A corrected value for one occupation does not change the others, and keeps its own flag."""
    data = _raw()
    data["occupations"] = {
        AI: {
            "senior": {
                "rules": {
                    "review": {
                        "staffing": {"min_per_room": {"value": 5, "verified": True}},
                    }
                }
            }
        }
    }
    rules = AssessmentRules.from_dict(data)
    ai_review = rules.rule_for(AI, Level.SENIOR, Component.REVIEW)
    assert ai_review.staffing.min_per_room == 5
    assert "staffing.min_per_room" not in ai_review.unverified
    assert "pass_mark" in ai_review.unverified
    assert rules.rule_for(BIG_DATA, Level.SENIOR, Component.REVIEW).staffing.min_per_room == 3
    assert rules.rule_for(AI, Level.JUNIOR, Component.THEORY).pass_mark == Decimal(60)


def test_override_can_change_the_components() -> None:
    """An occupation whose 中级 has a 综合评审 can say so, with that component's rule."""
    data = _raw()
    senior_review = copy.deepcopy(data["levels"]["senior"]["rules"]["review"])
    data["occupations"] = {
        BIG_DATA: {
            "intermediate": {
                "components": {"value": ["theory", "practical", "review"], "verified": True},
                "rules": {"review": senior_review},
            }
        }
    }
    rules = AssessmentRules.from_dict(data)
    assert Component.REVIEW in rules.components_for(BIG_DATA, Level.INTERMEDIATE)
    assert rules.plan_for(BIG_DATA, Level.INTERMEDIATE).components_verified
    assert Component.REVIEW not in rules.components_for(AI, Level.INTERMEDIATE)


def test_component_not_in_level_is_refused() -> None:
    """Asking for a 综合评审 rule at 初级 says which components the level has."""
    with pytest.raises(NotFound, match="理论知识考试、专业能力考核"):
        _shipped().rule_for(AI, Level.JUNIOR, Component.REVIEW)


def test_pass_mark_above_scale_names_the_value() -> None:
    """An operator who types a pass mark above the maximum is told which value is wrong."""
    data = _raw()
    data["levels"]["senior"]["rules"]["review"]["pass_mark"] = {"value": 120, "verified": True}
    with pytest.raises(ValidationError) as caught:
        AssessmentRules.from_dict(data)
    assert caught.value.field == "levels.senior.rules.review.pass_mark"


def test_even_minimum_for_odd_panel_is_refused() -> None:
    """A panel that must be odd cannot have an even minimum size."""
    data = _raw()
    data["levels"]["junior"]["rules"]["practical"]["staffing"]["min_per_room"] = {
        "value": 4,
        "verified": False,
    }
    with pytest.raises(ValidationError) as caught:
        AssessmentRules.from_dict(data)
    assert caught.value.field == "levels.junior.rules.practical.staffing.min_per_room"


def test_missing_value_and_unknown_level_are_refused() -> None:
    """A value written without its verified wrapper, or a misspelt level, is reported."""
    data = _raw()
    data["levels"]["junior"]["rules"]["theory"]["min_minutes"] = 90
    with pytest.raises(ValidationError, match="verified"):
        AssessmentRules.from_dict(data)
    data = _raw()
    data["occupations"] = {AI: {"高级": {}}}
    with pytest.raises(ValidationError, match="未知等级"):
        AssessmentRules.from_dict(data)


def test_broken_json_is_refused() -> None:
    """A damaged rules file gives a clear error instead of a crash."""
    with pytest.raises(ValidationError, match="JSON"):
        AssessmentRules.from_json("{levels:")
