"""Approved images (登记图片): seals and logos screened for emblems before a certificate may show them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from kaoping.domain.errors import NotFound, ValidationError
from kaoping.domain.roles import Permission
from kaoping.services.base import Actor, Env, action, reading
from kaoping.services.certificates.settings import (
    ASSET_KINDS,
    SETTING_KEYS,
    CertificateSettings,
    stored_settings,
)
from kaoping.services.ports.certificates import (
    AssetRecord,
)
from kaoping.services.ports.core import UnitOfWork


@dataclass(frozen=True)
class AssetInfo:
    """An approved image as listed: what it is, its pixel hash and whether it is still approved."""

    sha256: str
    name: str
    kind: str
    width: int
    height: int
    active: bool
    registered_at: datetime
    registered_by: str
    in_use_as_seal: bool


def register_asset(env: Env, actor: Actor, name: str, kind: str, image: bytes) -> AssetInfo:
    """Approve an image for certificates after screening it against the emblem references.

    A seal registered here becomes the seal printed on new certificates.

    Raises:
        ValidationError: The kind or name is missing, the file is not an image, or the image
            resembles a national emblem or government logo (the refusal is audited).
    """
    if kind not in ASSET_KINDS:
        raise ValidationError(
            f"图片类别“{kind}”无效，可选：{'、'.join(ASSET_KINDS)}", field="图片类别"
        )
    kit = env.adapters.certificates
    canonical = kit.canonical_png(image)
    try:
        sha256, width, height = kit.approve(kit.registry([]), name, canonical)
    except ValidationError as refusal:
        _audit_refused_asset(env, actor, name, kind, refusal)
        raise
    now = env.clock.now()
    with action(env, actor, Permission.ASSETS_REGISTER, "assets.register") as tx:
        record = AssetRecord(sha256, name.strip(), kind, width, height, True, now, actor.username)
        tx.uow.certificates.add_asset(record, canonical if kind != "photo" else None)
        if kind == "seal":
            tx.uow.settings.put(SETTING_KEYS["seal_sha256"], sha256)
        tx.record(f"asset:{sha256[:16]}", name=record.name, kind=kind, width=width, height=height)
    return AssetInfo(
        sha256, record.name, kind, width, height, True, now, actor.username, kind == "seal"
    )


def _audit_refused_asset(
    env: Env, actor: Actor, name: str, kind: str, refusal: ValidationError
) -> None:
    # The permission is checked first so a refusal entry is only written for permitted users.
    with action(env, actor, Permission.ASSETS_REGISTER, "assets.register_refused") as tx:
        tx.record("asset", name=name, kind=kind, reason=refusal.message)


def withdraw_asset(env: Env, actor: Actor, sha256: str) -> None:
    """Withdraw an image's approval; certificates that still carry it are blocked by the check."""
    with action(env, actor, Permission.ASSETS_REGISTER, "assets.withdraw") as tx:
        if not tx.uow.certificates.set_asset_active(sha256, False):
            raise NotFound(f"没有登记过哈希为 {sha256[:16]}… 的图片", field="图片")
        tx.record(f"asset:{sha256[:16]}")


def list_assets(env: Env, actor: Actor) -> list[AssetInfo]:
    """Registered images, newest first."""
    with reading(env, actor, Permission.CERTIFICATES_VIEW) as uow:
        seal = _seal_choice(uow, stored_settings(uow))
        return [
            AssetInfo(
                a.sha256,
                a.name,
                a.kind,
                a.width,
                a.height,
                a.active,
                a.registered_at,
                a.registered_by,
                a.sha256 == seal,
            )
            for a in uow.certificates.assets()
        ]


def _seal_choice(uow: UnitOfWork, settings: CertificateSettings) -> str:
    if settings.seal_sha256:
        return settings.seal_sha256
    seals = [a for a in uow.certificates.assets() if a.kind == "seal" and a.active]
    return seals[0].sha256 if seals else ""


def seal_image(uow: UnitOfWork, settings: CertificateSettings) -> bytes:
    """The PNG of the seal the settings choose (the approved seal image printed on certificates)."""
    chosen = _seal_choice(uow, settings)
    image = uow.certificates.asset_image(chosen) if chosen else None
    if image is None:
        raise ValidationError(
            "尚未登记机构印章图片：请先用“登记证书图片”登记本机构的印章", field="机构印章"
        )
    return image
