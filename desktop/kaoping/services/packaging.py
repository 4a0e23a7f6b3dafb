"""Signing, verifying and registering packages (数据包): shared by reports, site packages and dossiers.

Every export signs its files as the next package of its kind and batch and registers it; every import
verifies against the signers trusted for that kind and refuses a package seen before.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from kaoping.domain.errors import CancelledByUser, ConflictError, ValidationError
from kaoping.domain.packages import PackageKind, VerifiedPackage
from kaoping.services.base import Actor, Env, Tx
from kaoping.services.ports.core import UnitOfWork
from kaoping.services.ports.exchange import PackageRecord

CancelFlag = Callable[[], bool]
"""Polled during an export; True stops it before anything is stored."""


class ExportCancelled(CancelledByUser):
    """The person cancelled an export before it was stored; nothing was recorded or changed."""


@dataclass(frozen=True)
class ExportedPackage:
    """A package made by an export action.

    Attributes:
        data: The zip file's bytes.
        file_name: Suggested file name.
        package_id: SHA-256 of the manifest.
        kind: What it carries.
        batch: Batch code.
        sequence: Running number of this kind for the batch.
        summary: Counts by file, for the operator.
    """

    data: bytes
    file_name: str
    package_id: str
    kind: PackageKind
    batch: str
    sequence: int
    summary: Mapping[str, int]


def json_bytes(document: object) -> bytes:
    """Readable UTF-8 JSON for package files."""
    return (
        json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True, default=str) + "\n"
    ).encode("utf-8")


def check_cancel(cancelled: CancelFlag | None, kind: PackageKind) -> None:
    """Stop an export the person cancelled; raised inside the action, so nothing is stored."""
    if cancelled is not None and cancelled():
        raise ExportCancelled(f"已取消导出{kind.label}数据包，未生成文件，也未记录任何变化。")


def sign_package(
    env: Env,
    tx: Tx,
    actor: Actor,
    kind: PackageKind,
    batch: str,
    files: Mapping[str, bytes],
    passphrase: str,
    summary: Mapping[str, int],
    cancelled: CancelFlag | None = None,
) -> ExportedPackage:
    """Sign files as the next package of this kind and batch, and register it.

    ``cancelled`` is polled before and after signing (the slow part); a cancel raises
    ``ExportCancelled`` inside the action, so its transaction rolls back.
    """
    check_cancel(cancelled, kind)
    uow = tx.uow
    profile = uow.body.get_profile()
    key = uow.body.active_signing_key()
    if profile is None or key is None:
        raise ConflictError("尚未完成初始化或没有签名密钥，请系统管理员先完成设置。")
    sequence = uow.exchange.next_sequence(kind.value, batch)
    now = env.clock.now()
    data, package_id = env.adapters.packages.build(
        kind, profile.code, profile.name, batch, sequence, files, key[0], key[1], passphrase, now
    )
    check_cancel(cancelled, kind)
    summary_text = json.dumps(dict(summary), ensure_ascii=False, sort_keys=True)
    uow.exchange.record_export(
        PackageRecord(package_id, kind.value, batch, sequence, now, actor.username, summary_text)
    )
    tx.record(
        package_id=package_id, kind=kind.value, batch=batch, sequence=sequence, counts=dict(summary)
    )
    name = f"{profile.code}_{batch}_{kind.value}_{sequence:03d}.zip"
    return ExportedPackage(data, name, package_id, kind, batch, sequence, dict(summary))


def verified_import(
    env: Env, uow: UnitOfWork, data: bytes, kind: PackageKind
) -> tuple[VerifiedPackage, str]:
    """Verify a package of ``kind`` against the signers trusted for it; refuse replays.

    Returns:
        The verified package and the signer's name.
    """
    signers = {
        s.fingerprint: s
        for s in uow.exchange.trusted_signers()
        if s.active and kind.value in s.kinds
    }
    package = env.adapters.packages.verify(
        data, [s.cert_pem for s in signers.values()], uow.exchange.is_imported, kind
    )
    return package, signers[package.signer_fingerprint].name


def register_import(
    env: Env, tx: Tx, actor: Actor, package: VerifiedPackage, summary: Mapping[str, object]
) -> None:
    """Remember an imported package so the same package is never imported twice."""
    manifest = package.manifest
    record = PackageRecord(
        package.package_id,
        manifest.kind.value,
        manifest.batch,
        manifest.sequence,
        env.clock.now(),
        actor.username,
        json.dumps(dict(summary), ensure_ascii=False, sort_keys=True),
    )
    tx.uow.exchange.record_import(record, manifest.body_code, package.signer_fingerprint)


def require_same_body(uow: UnitOfWork, package: VerifiedPackage) -> None:
    """Refuse a site or results package that belongs to another evaluation body."""
    profile = uow.body.get_profile()
    if profile is None or profile.code != package.manifest.body_code:
        mine = profile.code if profile else "（未初始化）"
        raise ValidationError(
            f"数据包属于评价机构 {package.manifest.body_code}，本机为 {mine}；"
            "考点电脑须以与总部相同的机构信息初始化，请检查后再导入。",
            field="机构代码",
        )
