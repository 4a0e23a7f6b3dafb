"""Assembling papers (组卷) from approved item versions to match a weight table's blueprint."""

from __future__ import annotations

import secrets
import uuid
from dataclasses import dataclass
from datetime import datetime

from kaoping.domain.assembly import (
    DEFAULT_RECENT_WINDOW,
    AssemblyResult,
    Blueprint,
    WeightKind,
    assemble,
    blueprint_from_weights,
)
from kaoping.domain.catalogue import Level
from kaoping.domain.errors import (
    NotFound,
    ValidationError,
)
from kaoping.domain.roles import Permission
from kaoping.services.bank import (
    weight_tables,
)
from kaoping.services.base import Actor, Env, guarded, reading
from kaoping.services.papers._common import require_paper, require_session
from kaoping.services.ports.bank import (
    PaperRecord,
    SessionInfo,
)
from kaoping.services.ports.core import UnitOfWork

_KIND_TITLES = {WeightKind.THEORY: "理论知识考试", WeightKind.PRACTICAL: "专业能力考核"}


@dataclass(frozen=True)
class AssemblyRequest:
    """What the bank admin asks for on the 组卷 page.

    Attributes:
        occupation_code: Occupation.
        level: Level.
        item_count: Items on the paper.
        session_id: The exam session the paper is for.
        kind: Theory or professional-ability table.
        direction: Direction; "" takes the session's.
        recent_window: Avoid items used in this many previous papers when possible.
        target_difficulty: Wanted mean difficulty.
        tolerance: Accepted distance from the target.
        seed: Fix the draw (reproducible); None draws a fresh seed.
    """

    occupation_code: str
    level: Level
    item_count: int
    session_id: int
    kind: WeightKind = WeightKind.THEORY
    direction: str = ""
    recent_window: int = DEFAULT_RECENT_WINDOW
    target_difficulty: float = 3.0
    tolerance: float = 0.3
    seed: int | None = None


@dataclass(frozen=True)
class AssemblyOutcome:
    """The assembler's answer: the result, the blueprint it aimed at, the paper if one was made."""

    result: AssemblyResult
    blueprint: Blueprint
    paper: PaperRecord | None

    @property
    def explanation(self) -> str:
        """What the bank admin reads: shortfalls per knowledge area, or notices."""
        if not self.result.ok:
            lines = [s.message for s in self.result.shortfalls]
            return "题库无法满足组卷方案：" + "；".join(lines) + "。请补充并审核这些知识领域的题目"
        return "；".join(self.result.notices)


def paper_title(occupation_name: str, level: Level, kind: WeightKind) -> str:
    """The title printed on a paper: occupation, level and kind of assessment."""
    return f"{occupation_name}（{level.label}）{_KIND_TITLES[kind]}试卷"


def blueprint_for(
    env: Env,
    actor: Actor,
    occupation_code: str,
    level: Level,
    kind: WeightKind,
    item_count: int,
    target_difficulty: float = 3.0,
    tolerance: float = 0.3,
) -> Blueprint:
    """Item counts per knowledge area from weights.json for occupation × level × table."""
    with reading(env, actor, Permission.BANK_VIEW_METADATA):
        return _blueprint(
            env, occupation_code, level, kind, item_count, target_difficulty, tolerance
        )


def _blueprint(
    env: Env,
    occupation_code: str,
    level: Level,
    kind: WeightKind,
    item_count: int,
    target_difficulty: float,
    tolerance: float,
) -> Blueprint:
    table = weight_tables(env).get((occupation_code, kind))
    if table is None:
        raise NotFound(
            f"权重表文件中没有职业 {occupation_code} 的{kind.label}，"
            "请先在 resources/standards/weights.json 中补充",
            field="权重表",
        )
    return blueprint_from_weights(
        table, level, item_count, target_difficulty=target_difficulty, tolerance=tolerance
    )


def _new_code(uow: UnitOfWork, now: datetime) -> str:
    while True:
        code = f"SJ{now:%Y%m%d}-{secrets.token_hex(3).upper()}"
        if uow.bank.paper_by_code(code) is None:
            return code


def assemble_paper(env: Env, actor: Actor, request: AssemblyRequest) -> AssemblyOutcome:
    """Draw a paper from approved items to match the blueprint; say why when the bank falls short.

    Items used in the last `recent_window` papers of the same occupation, level and table are
    avoided when others are available. A paper (not yet sealed) is stored only when every
    knowledge area could be filled.
    """
    blueprint = _blueprint(
        env,
        request.occupation_code,
        request.level,
        request.kind,
        request.item_count,
        request.target_difficulty,
        request.tolerance,
    )
    seed = request.seed if request.seed is not None else secrets.randbelow(2**31)
    with guarded(env, actor, Permission.PAPER_ASSEMBLE, "paper.assemble") as tx:
        session = require_session(tx.uow, request.session_id)
        if (session.occupation_code, session.level) != (request.occupation_code, request.level):
            raise ValidationError(
                f"场次 {session.code} 属于批次 {session.batch_code}（{session.occupation_code} "
                f"{session.level.label}），与组卷的职业或等级不一致",
                field="场次",
            )
        direction = request.direction or session.direction
        refs = tx.uow.bank.approved_refs(request.occupation_code, direction, request.level)
        recent = tx.uow.bank.recent_usage(
            request.occupation_code, request.level, request.kind, request.recent_window
        )
        result = assemble(blueprint, refs, recent, seed, recent_window=request.recent_window)
        paper = None
        if result.ok:
            now = env.clock.now()
            paper = PaperRecord(
                uuid.uuid4().hex,
                _new_code(tx.uow, now),
                request.occupation_code,
                direction,
                request.level,
                request.kind,
                request.item_count,
                seed,
                session.id,
                "assembled",
                now,
                actor.username,
                session_code=session.code,
                notices=result.notices,
            )
            tx.uow.bank.add_paper(paper, [(item.item_id, item.version) for item in result.items])
        tx.record(
            f"paper:{paper.code}" if paper else f"session:{session.id}",
            ok=result.ok,
            seed=seed,
            items=len(result.items),
            shortfalls=[s.message for s in result.shortfalls],
        )
    return AssemblyOutcome(result, blueprint, paper)


def list_papers(env: Env, actor: Actor) -> list[PaperRecord]:
    """Every paper, newest first (catalogue data only)."""
    with reading(env, actor, Permission.BANK_VIEW_METADATA) as uow:
        return uow.bank.papers()


def list_sessions(env: Env, actor: Actor) -> list[SessionInfo]:
    """Exam sessions a paper can be assembled for."""
    with reading(env, actor, Permission.BANK_VIEW_METADATA) as uow:
        return uow.bank.sessions()


def find_paper(env: Env, actor: Actor, code_or_id: str) -> PaperRecord:
    """A paper by its code (SJ…) or id."""
    with reading(env, actor, Permission.BANK_VIEW_METADATA) as uow:
        return require_paper(uow, code_or_id)
