"""Paper assembly (组卷) through the service: blueprint met, shortfalls named, recency avoided."""

from __future__ import annotations

from collections import Counter

import pytest

from kaoping.domain.assembly import WeightKind
from kaoping.domain.catalogue import Level
from kaoping.domain.errors import PermissionDenied, ValidationError
from kaoping.domain.roles import Role
from kaoping.services import bank, papers
from kaoping.services.base import Actor, Env
from kaoping.services.papers import AssemblyRequest
from tests.integration.test_bank_support import (
    AI,
    make_session,
    open_bank,
    raw_item,
    spread_items,
    theory_areas,
)


def _versions(env: Env, paper_id: str) -> list[tuple[str, int]]:
    with env.uow(write=False) as uow:
        return uow.bank.paper_items(paper_id)


def test_thousand_item_bank_meets_the_blueprint_exactly(
    env: Env, actors: dict[Role, Actor]
) -> None:
    """From 1,000 approved items, every knowledge area gets exactly its share of 100 items."""
    unlock = open_bank(env, actors)
    admin = actors[Role.BANK_ADMIN]
    assert (
        bank.import_rows(env, admin, unlock, list(spread_items(env, 1000)), approve=True).imported
        == 1000
    )
    session_id = make_session(env, actors)
    outcome = papers.assemble_paper(
        env, admin, AssemblyRequest(AI, Level.JUNIOR, 100, session_id, seed=11)
    )
    assert outcome.result.ok and outcome.paper is not None
    wanted = {quota.area: quota.count for quota in outcome.blueprint.areas}
    drawn = Counter(item.knowledge_area for item in outcome.result.items)
    assert dict(drawn) == {area: count for area, count in wanted.items() if count}
    assert sum(wanted.values()) == 100 and len(_versions(env, outcome.paper.paper_id)) == 100
    blueprint = papers.blueprint_for(
        env, actors[Role.SYSTEM_ADMIN], AI, Level.JUNIOR, WeightKind.THEORY, 100
    )
    assert blueprint.areas == outcome.blueprint.areas


def test_shortfall_names_the_knowledge_area(env: Env, actors: dict[Role, Actor]) -> None:
    """When one area has too few approved items, the answer names it and no paper is made."""
    unlock = open_bank(env, actors)
    admin = actors[Role.BANK_ADMIN]
    areas = theory_areas(env)
    rows = [
        raw_item(n, areas[n % len(areas)])
        for n in range(1, 401)
        if areas[n % len(areas)] != "人工智能测试验证"
    ]
    rows.append(raw_item(999, "人工智能测试验证"))
    bank.import_rows(env, admin, unlock, rows, approve=True)
    outcome = papers.assemble_paper(
        env, admin, AssemblyRequest(AI, Level.JUNIOR, 100, make_session(env, actors))
    )
    assert not outcome.result.ok and outcome.paper is None
    assert [s.area for s in outcome.result.shortfalls] == ["人工智能测试验证"]
    assert "人工智能测试验证" in outcome.explanation and "仅有 1 道" in outcome.explanation
    assert papers.list_papers(env, admin) == []


def test_items_of_recent_papers_are_avoided(env: Env, actors: dict[Role, Actor]) -> None:
    """A second paper avoids the first paper's items while the bank has others."""
    unlock = open_bank(env, actors)
    admin = actors[Role.BANK_ADMIN]
    bank.import_rows(env, admin, unlock, list(spread_items(env, 300)), approve=True)
    session_id = make_session(env, actors)
    first = papers.assemble_paper(env, admin, AssemblyRequest(AI, Level.JUNIOR, 40, session_id))
    second = papers.assemble_paper(env, admin, AssemblyRequest(AI, Level.JUNIOR, 40, session_id))
    assert first.paper and second.paper
    used = {item_id for item_id, _ in _versions(env, first.paper.paper_id)}
    assert used.isdisjoint(item_id for item_id, _ in _versions(env, second.paper.paper_id))
    assert second.result.recent_reused == 0


def test_session_must_match_and_only_bank_admins_assemble(
    env: Env, actors: dict[Role, Actor]
) -> None:
    """A session of another level is refused; an item writer may not assemble."""
    open_bank(env, actors)
    session_id = make_session(env, actors, level=Level.SENIOR)
    with pytest.raises(ValidationError, match="职业或等级不一致"):
        papers.assemble_paper(
            env, actors[Role.BANK_ADMIN], AssemblyRequest(AI, Level.JUNIOR, 10, session_id)
        )
    with pytest.raises(PermissionDenied):
        papers.assemble_paper(
            env, actors[Role.ITEM_WRITER], AssemblyRequest(AI, Level.SENIOR, 10, session_id)
        )
