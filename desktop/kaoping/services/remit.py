"""The body's remit (业务范围): which occupations, directions and levels it may plan assessments for.

Two people: an administrator proposes a remit (at set-up or later) with its basis, e.g. the
directory listing; a quality supervisor who did not propose it confirms it. Only the newest
confirmed version is in force, and a plan outside it is refused (`require_within`). Every step,
and every refusal, is audited.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from kaoping.domain.catalogue import Level
from kaoping.domain.errors import ConflictError, NotFound, PermissionDenied, ValidationError
from kaoping.domain.remit import (
    ALL_DIRECTIONS,
    RemitEntry,
    RemitVersion,
    in_force,
    normalise,
    outside_refusal,
)
from kaoping.domain.roles import Permission
from kaoping.services.base import Actor, Env, guarded, reading, refuse
from kaoping.services.ports.core import UnitOfWork

__all__ = [
    "RemitState",
    "check_entries",
    "confirm_remit",
    "propose_remit",
    "record_proposal",
    "remit_state",
    "require_within",
]

_BASIS_MAX = 1000


@dataclass(frozen=True)
class RemitState:
    """The remit in force and the proposal waiting for confirmation, if any.

    Attributes:
        current: The newest confirmed version, or None before any is confirmed.
        pending: A newer proposal not yet confirmed, or None.
        names: Occupation code → name, for showing the entries.
    """

    current: RemitVersion | None
    pending: RemitVersion | None
    names: dict[str, str]


def check_entries(uow: UnitOfWork, entries: Iterable[RemitEntry]) -> tuple[RemitEntry, ...]:
    """The entries normalised, each checked against the catalogue.

    Raises:
        ValidationError: No entries, an occupation not in the catalogue, a direction the
            occupation does not have, or a level its standard lacks; the entry is named.
    """
    kept = normalise(entries)
    for entry in kept:
        occupation = uow.catalogue.occupation(entry.occupation_code)
        if occupation is None:
            raise ValidationError(
                f"标准目录中没有职业编码 {entry.occupation_code}，不能列入业务范围。",
                field="业务范围",
            )
        directions = [d.name for d in occupation.directions]
        if entry.direction != ALL_DIRECTIONS and entry.direction not in directions:
            allowed = "、".join(directions) or "（该职业未登记方向，请不填方向）"
            raise ValidationError(
                f"{occupation.name}没有“{entry.direction}”方向，可选：{allowed}。",
                field="业务范围",
            )
    return kept


def _clean_basis(basis: str) -> str:
    text = basis.strip()
    if not text:
        raise ValidationError(
            "请填写业务范围的依据（如评价机构目录的公布文件名称、文号及所列职业）。",
            field="业务范围依据",
        )
    return text[:_BASIS_MAX]


def record_proposal(
    uow: UnitOfWork, entries: Iterable[RemitEntry], basis: str, by: str, at: datetime
) -> tuple[int, tuple[RemitEntry, ...]]:
    """Within set-up or a proposal: check and store a remit version that waits for confirmation.

    Returns the version id and the entries as stored.
    """
    kept = check_entries(uow, entries)
    text = _clean_basis(basis)
    return uow.body.add_remit_version(kept, text, by, at), kept


def propose_remit(env: Env, actor: Actor, entries: Iterable[RemitEntry], basis: str) -> int:
    """An administrator proposes a new remit (all of it, not a change); returns its number.

    It takes effect when a quality supervisor confirms it; until then the remit in force stays.
    """
    with guarded(env, actor, Permission.REMIT_PROPOSE, "remit.propose", "body:1") as tx:
        version_id, kept = record_proposal(tx.uow, entries, basis, actor.username, tx.now)
        tx.record(
            f"remit:{version_id}",
            entries=[e.code for e in kept],
            basis=basis.strip()[:_BASIS_MAX],
        )
    return version_id


def confirm_remit(env: Env, actor: Actor) -> RemitVersion:
    """A quality supervisor confirms the newest proposal; it is in force from now on.

    Raises:
        NotFound: Nothing waits for confirmation.
        PermissionDenied: The supervisor proposed it themselves.
    """
    with guarded(env, actor, Permission.REMIT_CONFIRM, "remit.confirm", "body:1") as tx:
        versions = tx.uow.body.remit_versions()
        latest = versions[0] if versions else None
        if latest is None or latest.confirmed:
            raise NotFound("没有待确认的业务范围。", field="业务范围")
        tx.record(
            f"remit:{latest.id}",
            entries=[e.code for e in latest.entries],
            basis=latest.basis,
            proposed_by=latest.proposed_by,
        )
        if latest.proposed_by == actor.username:
            raise refuse(
                PermissionDenied("登记业务范围的人不能自己确认；请另一位质量督导员确认。"),
                f"remit:{latest.id}",
            )
        tx.uow.body.confirm_remit(latest.id, actor.username, tx.now)
    return RemitVersion(
        latest.id,
        latest.entries,
        latest.basis,
        latest.proposed_by,
        latest.proposed_at,
        actor.username,
        tx.now,
    )


def remit_state(env: Env, actor: Actor) -> RemitState:
    """The remit in force and any proposal waiting (anyone signed in may look)."""
    with reading(env, actor, Permission.CATALOGUE_VIEW) as uow:
        versions = uow.body.remit_versions()
        names = {o.code: o.name for o in uow.catalogue.occupations()}
    current = in_force(versions)
    pending = versions[0] if versions and not versions[0].confirmed else None
    return RemitState(current, pending, names)


def require_within(uow: UnitOfWork, occupation_code: str, direction: str, level: Level) -> None:
    """Refuse to plan an occupation, direction and level outside the remit in force.

    Raises:
        ConflictError: Outside the remit, or no remit confirmed yet; the message says what to do.
    """
    current = in_force(uow.body.remit_versions())
    names = {o.code: o.name for o in uow.catalogue.occupations()}
    refusal = outside_refusal(current, occupation_code, direction, level, names)
    if refusal:
        raise ConflictError(refusal, field="业务范围")
