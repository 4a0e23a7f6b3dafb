"""Shared set-up for the question-bank tests: sessions, distinctive items, an initialised bank.

Exam sessions are written straight into storage, as the session services would have left them.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta

from kaoping.domain.assembly import WeightKind
from kaoping.domain.catalogue import Level
from kaoping.domain.items import ItemType
from kaoping.domain.plans import Plan
from kaoping.domain.roles import Role
from kaoping.services import bank, plans
from kaoping.services.bank import BankUnlock
from kaoping.services.base import Actor, Env
from kaoping.services.ports.bank import RawItem
from kaoping.storage.exams_tables import ExamSessionRow

PASSWORD = "Passw0rd-test"
AI = "2-02-10-09"
# Twenty minutes after the test clock: inside the default 30-minute opening lead.
SESSION_START = datetime(2026, 11, 25, 9, 20, tzinfo=UTC)
_SERIALS = itertools.count(1)


def make_session(
    env: Env,
    actors: dict[Role, Actor],
    level: Level = Level.JUNIOR,
    starts_at: datetime = SESSION_START,
    occupation: str = AI,
) -> int:
    """A plan, a batch and one two-hour theory session of it; returns the session id."""
    admin = actors[Role.EXAM_ADMIN]
    serial = next(_SERIALS)
    plan = Plan(
        0,
        f"P-BANK-{serial}",
        "题库测试计划",
        occupation,
        "",
        level,
        date(2026, 11, 1),
        date(2026, 12, 31),
        "南宁考点",
        100,
        "",
    )
    plan_id = plans.create_plan(env, admin, plan)
    batch_id = plans.create_batch(
        env, admin, plan_id, f"B-BANK-{serial}", "第一批", starts_at.date(), starts_at.date()
    )
    with env.uow() as uow:
        row = ExamSessionRow(
            batch_id=batch_id,
            code=f"S{serial:02d}-理论",
            component="theory",
            site="南宁考点",
            room="101",
            starts_at=starts_at,
            ends_at=starts_at + timedelta(hours=2),
            capacity=30,
            status="planned",
            confirmed_by="",
        )
        uow.session.add(row)  # type: ignore[attr-defined]
        uow.commit()
        session_id: int = row.id
    return session_id


def stem_of(n: int) -> str:
    """A stem no other text in the database could contain."""
    return f"第{n:04d}号紫薇星题干：QSTEM{n:04d}XK 关于神经网络反向传播的说法"


def option_of(n: int, letter: str) -> str:
    """A distinctive option text."""
    return f"QOPT{n:04d}{letter}ZQ 选项内容{letter}{n:04d}"


def answer_of(n: int) -> str:
    """A distinctive short-answer reference answer."""
    return f"QANS{n:04d}RW 参考答案要点{n:04d}"


def raw_item(
    n: int,
    area: str,
    item_type: ItemType = ItemType.SINGLE,
    difficulty: int = 3,
    level: Level = Level.JUNIOR,
    occupation: str = AI,
) -> RawItem:
    """An item as an import file would hold it, with distinctive text throughout."""
    if item_type is ItemType.SINGLE:
        options = tuple(option_of(n, letter) for letter in "ABCD")
        return RawItem(
            n,
            occupation,
            "",
            level.label,
            area,
            item_type.label,
            str(difficulty),
            stem_of(n),
            options,
            "B",
        )
    if item_type is ItemType.TRUE_FALSE:
        return RawItem(
            n,
            occupation,
            "",
            level.label,
            area,
            item_type.label,
            str(difficulty),
            stem_of(n),
            (),
            "对",
        )
    return RawItem(
        n,
        occupation,
        "",
        level.label,
        area,
        item_type.label,
        str(difficulty),
        stem_of(n),
        (),
        answer_of(n),
        f"QRUB{n:04d}MM 评分要点",
    )


def theory_areas(env: Env, level: Level = Level.JUNIOR, occupation: str = AI) -> list[str]:
    """The theory table's knowledge areas examined at `level`."""
    table = bank.weight_tables(env)[(occupation, WeightKind.THEORY)]
    return [area for area, _ in table.areas_at(level)]


def spread_items(env: Env, count: int, level: Level = Level.JUNIOR) -> Iterator[RawItem]:
    """`count` items spread over the theory areas, types and difficulties."""
    areas = theory_areas(env, level)
    types = (ItemType.SINGLE, ItemType.TRUE_FALSE, ItemType.SHORT_ANSWER)
    for n in range(1, count + 1):
        yield raw_item(n, areas[n % len(areas)], types[n % len(types)], 1 + n % 5, level)


def open_bank(env: Env, actors: dict[Role, Actor]) -> BankUnlock:
    """Initialise the bank as the bank admin (creating their key pair on the way)."""
    return bank.initialise_bank(env, actors[Role.BANK_ADMIN], PASSWORD)


def register_openers(env: Env, actors: dict[Role, Actor]) -> None:
    """The exam administrator and the quality supervisor register their key pairs."""
    for role in (Role.EXAM_ADMIN, Role.SUPERVISOR):
        bank.register_keys(env, actors[role], PASSWORD)
