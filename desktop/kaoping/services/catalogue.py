"""The standards catalogue (标准目录): occupations, codes and directions, each with a verified flag."""

from __future__ import annotations

import re
from dataclasses import replace

from kaoping.domain.errors import ConflictError, NotFound, ValidationError
from kaoping.domain.roles import Permission
from kaoping.services.base import Actor, Env, action, reading
from kaoping.services.ports.dto import OccupationInfo

CODE = re.compile(r"^\d-\d{2}-\d{2}-\d{2}$")


def list_occupations(env: Env, actor: Actor) -> list[OccupationInfo]:
    """Every occupation with its directions."""
    with reading(env, actor, Permission.CATALOGUE_VIEW) as uow:
        return uow.catalogue.occupations()


def _check(info: OccupationInfo) -> None:
    if not CODE.match(info.code):
        raise ValidationError("职业编码格式应为 X-XX-XX-XX，例如 2-02-10-09。", field="职业编码")
    if info.code_2022 and not CODE.match(info.code_2022):
        raise ValidationError("2022 大典编码格式应为 X-XX-XX-XX，或留空。", field="2022 编码")
    if not info.name.strip():
        raise ValidationError("请填写职业名称。", field="职业名称")


def add_occupation(env: Env, actor: Actor, info: OccupationInfo) -> None:
    """Add an occupation the programme has taken in since the shipped list."""
    _check(info)
    with action(
        env, actor, Permission.CATALOGUE_EDIT, "catalogue.add_occupation", f"occupation:{info.code}"
    ) as tx:
        if tx.uow.catalogue.occupation(info.code) is not None:
            raise ConflictError(f"职业编码 {info.code} 已存在。", field="职业编码")
        tx.uow.catalogue.upsert_occupation(replace(info, directions=()))
        for direction in info.directions:
            tx.uow.catalogue.add_direction(info.code, direction.name, direction.verified)
        tx.record(name=info.name, verified=info.verified)


def update_occupation(env: Env, actor: Actor, info: OccupationInfo) -> None:
    """Correct an occupation's name, codes, source or verified flags."""
    _check(info)
    with action(
        env,
        actor,
        Permission.CATALOGUE_EDIT,
        "catalogue.update_occupation",
        f"occupation:{info.code}",
    ) as tx:
        before = tx.uow.catalogue.occupation(info.code)
        if before is None:
            raise NotFound(f"职业编码 {info.code} 不存在。", field="职业编码")
        tx.uow.catalogue.upsert_occupation(info)
        tx.record(before=_summary(before), after=_summary(info))


def add_direction(
    env: Env, actor: Actor, occupation_code: str, name: str, verified: bool = False
) -> int:
    """Add a direction (职业方向) to an occupation."""
    if not name.strip():
        raise ValidationError("请填写职业方向名称。", field="职业方向")
    with action(
        env,
        actor,
        Permission.CATALOGUE_EDIT,
        "catalogue.add_direction",
        f"occupation:{occupation_code}",
    ) as tx:
        occ = tx.uow.catalogue.occupation(occupation_code)
        if occ is None:
            raise NotFound(f"职业编码 {occupation_code} 不存在。", field="职业编码")
        if name.strip() in [d.name for d in occ.directions]:
            raise ConflictError(f"职业方向“{name.strip()}”已存在。", field="职业方向")
        direction_id = tx.uow.catalogue.add_direction(occupation_code, name.strip(), verified)
        tx.record(direction=name.strip(), verified=verified)
    return direction_id


def update_direction(
    env: Env, actor: Actor, occupation_code: str, direction_id: int, name: str, verified: bool
) -> None:
    """Rename a direction or mark it verified."""
    if not name.strip():
        raise ValidationError("请填写职业方向名称。", field="职业方向")
    with action(
        env,
        actor,
        Permission.CATALOGUE_EDIT,
        "catalogue.update_direction",
        f"direction:{direction_id}",
    ) as tx:
        occ = tx.uow.catalogue.occupation(occupation_code)
        known = {d.id: d for d in occ.directions} if occ else {}
        if direction_id not in known:
            raise NotFound("该职业方向不存在。", field="职业方向")
        tx.uow.catalogue.update_direction(direction_id, name.strip(), verified)
        tx.record(
            before={"name": known[direction_id].name, "verified": known[direction_id].verified},
            after={"name": name.strip(), "verified": verified},
        )


def _summary(info: OccupationInfo) -> dict[str, object]:
    return {
        "code_2022": info.code_2022,
        "name": info.name,
        "verified": info.verified,
        "code_2022_verified": info.code_2022_verified,
        "source": info.source,
        "active": info.active,
    }
