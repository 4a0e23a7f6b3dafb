"""The body's own name (机构名称) when it contains a banned word, e.g. 中华 by registration.

Set-up or a profile update records the basis for such a name (its registration document's number
and wording); a quality supervisor who did not record it confirms it. Only then, and only for that
exact name, is the issuer field exempt from the banned-word rule: a page text run that is exactly
the name, and the document-information Author when it is exactly the name. The same word anywhere
else on the certificate is still a finding. Until confirmed, issuing is refused (docs/compliance.md).
"""

from __future__ import annotations

from kaoping.domain.errors import ConflictError, NotFound, PermissionDenied, ValidationError
from kaoping.domain.roles import Permission
from kaoping.services.base import Actor, Env, guarded, reading, refuse
from kaoping.services.ports.core import UnitOfWork
from kaoping.services.ports.dto import BodyNameBasis

__all__ = [
    "banned_in_name",
    "confirm_name_basis",
    "exempt_body_name",
    "name_basis",
    "record_basis",
    "require_basis",
]

_BASIS_MAX = 1000


def banned_in_name(env: Env, name: str) -> list[str]:
    """The banned words the name contains (none for most bodies)."""
    return env.adapters.certificates.banned_words_in(name)


def require_basis(env: Env, name: str, basis: str) -> list[str]:
    """The banned words in the name; refuse a name with a banned word that comes with no basis.

    Raises:
        ValidationError: The name has a banned word and `basis` is empty.
    """
    words = banned_in_name(env, name)
    if words and not basis.strip():
        raise ValidationError(
            f"机构名称含禁用字样“{'、'.join(words)}”：请填写其依据（如登记证书编号及登记名称），"
            "并由质量督导员确认后才能签发证书。",
            field="名称依据",
        )
    return words


def record_basis(
    env: Env, uow: UnitOfWork, name: str, basis: str, by: str, *, name_changed: bool
) -> dict[str, str]:
    """Within set-up or a profile update: record the basis a banned word in the name needs.

    Returns what the audit entry should say ({} when the name has no banned word).

    Raises:
        ValidationError: The name has a banned word, is new, and no basis was given.
    """
    basis = basis.strip()[:_BASIS_MAX]
    words = require_basis(env, name, basis) if name_changed else banned_in_name(env, name)
    if not words or not basis:
        return {}
    basis_id = uow.body.add_name_basis(name, basis, by, env.clock.now())
    return {"name_basis_id": str(basis_id), "name_basis": basis, "name_words": "、".join(words)}


def name_basis(env: Env, actor: Actor) -> BodyNameBasis | None:
    """The latest basis recorded for the current name, if the name has a banned word."""
    with reading(env, actor, Permission.CATALOGUE_VIEW) as uow:
        profile = uow.body.get_profile()
        if profile is None or not banned_in_name(env, profile.name):
            return None
        bases = uow.body.name_bases(profile.name)
    return bases[0] if bases else None


def confirm_name_basis(env: Env, actor: Actor) -> BodyNameBasis:
    """A quality supervisor confirms the latest basis for the current name (audited, refusals too).

    Raises:
        NotFound: No basis is recorded for the current name.
        ConflictError: It is confirmed already.
        PermissionDenied: The supervisor recorded it themselves.
    """
    with guarded(env, actor, Permission.BODY_NAME_CONFIRM, "body_name.confirm", "body:1") as tx:
        profile = tx.uow.body.get_profile()
        bases = tx.uow.body.name_bases(profile.name) if profile is not None else []
        if profile is None or not banned_in_name(env, profile.name) or not bases:
            raise NotFound("当前机构名称没有待确认的依据。", field="名称依据")
        latest = bases[0]
        tx.record(name=latest.name, basis=latest.basis, recorded_by=latest.recorded_by)
        if latest.confirmed_by:
            raise ConflictError(f"该依据已由 {latest.confirmed_by} 确认。")
        if latest.recorded_by == actor.username:
            raise refuse(
                PermissionDenied("登记依据的人不能自己确认；请另一位质量督导员确认。"),
                details={"name": latest.name},
            )
        tx.uow.body.confirm_name_basis(latest.id, actor.username, tx.now)
    return BodyNameBasis(
        latest.id,
        latest.name,
        latest.basis,
        latest.recorded_by,
        latest.recorded_at,
        actor.username,
        tx.now,
    )


def exempt_body_name(env: Env, uow: UnitOfWork) -> str:
    """The name to exempt at the issuer field: "" when it has no banned word.

    Raises:
        ConflictError: The name has a banned word and its basis is not confirmed; says what to do.
    """
    profile = uow.body.get_profile()
    if profile is None:
        return ""
    words = banned_in_name(env, profile.name)
    if not words:
        return ""
    if any(b.confirmed_by for b in uow.body.name_bases(profile.name)):
        return profile.name
    raise ConflictError(
        f"机构名称“{profile.name}”含禁用字样“{'、'.join(words)}”，其依据尚未经质量督导员确认，"
        "不能签发、打印或导出证书。请由系统管理员在机构信息中登记依据（如登记证书编号），"
        "再由质量督导员确认（kaoping compliance body-name confirm）。",
        field="机构名称",
    )
