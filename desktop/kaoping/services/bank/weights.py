"""The weight tables (权重表) that decide where a bank item may be filed.

An item's knowledge area (职业功能) must be one the occupation's weight table examines at the
item's level; papers draw on the same tables.
"""

from __future__ import annotations

from kaoping.domain.assembly import WeightKind, WeightTable
from kaoping.domain.catalogue import Level
from kaoping.domain.errors import ValidationError
from kaoping.domain.items import ItemMeta
from kaoping.domain.roles import Permission
from kaoping.services.base import Actor, Env, reading
from kaoping.services.ports.core import UnitOfWork


def weight_tables(env: Env) -> dict[tuple[str, WeightKind], WeightTable]:
    """The weight tables of `resources/standards/weights.json`, keyed by (occupation, kind)."""
    document = env.adapters.standards.raw("weights.json")
    tables: dict[tuple[str, WeightKind], WeightTable] = {}
    for occupation in document.get("occupations", []):
        code, name = str(occupation.get("code", "")), str(occupation.get("name", ""))
        for entry in occupation.get("tables", []):
            table = WeightTable.from_json(entry, occupation_code=code, occupation_name=name)
            tables[(code, table.kind)] = table
    return tables


def areas_for(
    tables: dict[tuple[str, WeightKind], WeightTable], occupation_code: str, level: Level
) -> list[str]:
    """Knowledge areas (职业功能) examined at `level`, theory table first, without repeats."""
    names: list[str] = []
    for kind in WeightKind:
        table = tables.get((occupation_code, kind))
        if table is not None:
            names.extend(area for area, _ in table.areas_at(level) if area not in names)
    return names


def knowledge_areas(env: Env, actor: Actor, occupation_code: str, level: Level) -> list[str]:
    """The knowledge areas an item of this occupation and level may be filed under."""
    with reading(env, actor, Permission.BANK_VIEW_METADATA):
        return areas_for(weight_tables(env), occupation_code, level)


def check_meta(
    uow: UnitOfWork, tables: dict[tuple[str, WeightKind], WeightTable], meta: ItemMeta
) -> None:
    """Refuse item metadata the catalogue or the weight tables do not allow."""
    occupation = uow.catalogue.occupation(meta.occupation_code)
    if occupation is None:
        raise ValidationError(f"标准目录中没有职业编码 {meta.occupation_code}", field="职业编码")
    directions = [d.name for d in occupation.directions]
    if meta.direction and directions and meta.direction not in directions:
        raise ValidationError(
            f"{occupation.name}没有“{meta.direction}”方向，可选："
            f"{'、'.join(directions)}；通用题请留空",
            field="职业方向",
        )
    areas = areas_for(tables, meta.occupation_code, meta.level)
    if meta.knowledge_area not in areas:
        raise ValidationError(
            f"{occupation.name}{meta.level.label}的权重表中没有知识领域"
            f"“{meta.knowledge_area}”，可选：{'、'.join(areas) or '（无权重表）'}",
            field="知识领域",
        )
