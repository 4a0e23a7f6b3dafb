"""A sealed paper carried to a site laptop as a file (导出/导入), for opening offline."""

from __future__ import annotations

import base64
import binascii
import json
from datetime import datetime
from typing import Any

from kaoping.domain.assembly import (
    WeightKind,
)
from kaoping.domain.catalogue import Level
from kaoping.domain.errors import (
    ConflictError,
    PermissionDenied,
    ValidationError,
)
from kaoping.domain.json_input import load_json_document
from kaoping.domain.roles import Permission, permissions_of
from kaoping.services.base import Actor, Env, guarded, iso, refuse
from kaoping.services.papers._common import opening_window, require_paper
from kaoping.services.ports.bank import (
    PaperRecord,
    PaperShare,
)
from kaoping.services.ports.core import UnitOfWork

SEALED_FORMAT = "kaoping-sealed-paper"


_SEALED_VERSION = 1


# A sealed paper carries its items encrypted, attachments included; real ones stay under a few MB.
MAX_PAPER_FILE = 200 * 1024 * 1024


def export_sealed_paper(env: Env, actor: Actor, paper_id: str) -> bytes:
    """The sealed paper as a self-contained file for a site package, opened offline the same way.

    It carries the ciphertext, the opening window, and for each opener their share and their
    password-wrapped private key, so two openers can open it on a machine without this database.
    """
    with guarded(
        env, actor, Permission.BANK_VIEW_METADATA, "paper.export", f"paper:{paper_id}"
    ) as tx:
        user = tx.uow.users.get(actor.user_id)
        roles = permissions_of(user.roles) if user is not None else frozenset()
        if not roles & {Permission.PAPER_OPEN, Permission.PAPER_ASSEMBLE}:
            raise refuse(PermissionDenied("导出封存试卷需要题库管理员、考务管理员或质量督导员角色"))
        paper = require_paper(tx.uow, paper_id)
        if paper.status != "sealed":
            raise ConflictError(f"试卷 {paper.code} 尚未封存，不能导出", field="试卷")
        window = opening_window(tx.uow, paper)
        openers = [
            _exported_share(tx.uow, paper, share) for share in tx.uow.bank.shares(paper.paper_id)
        ]
        openers = [entry for entry in openers if entry]
        tx.record(f"paper:{paper.code}", openers=len(openers))
        blob = tx.uow.bank.paper_blob(paper.paper_id) or b""
    document = {
        "format": SEALED_FORMAT,
        "version": _SEALED_VERSION,
        "paper": {
            "id": paper.paper_id,
            "code": paper.code,
            "occupation_code": paper.occupation_code,
            "direction": paper.direction,
            "level": paper.level.value,
            "kind": paper.kind.value,
            "item_count": paper.item_count,
            "seed": paper.seed,
            "session_id": paper.session_id,
            "session_code": paper.session_code,
            "created_at": iso(paper.created_at),
            "created_by": paper.created_by,
            "sealed_at": iso(paper.sealed_at or paper.created_at),
            "sealed_by": paper.sealed_by,
        },
        "window": {"opens_at": iso(window.opens_at), "closes_at": iso(window.closes_at)},
        "ciphertext": _b64(blob),
        "openers": openers,
    }
    return json.dumps(document, ensure_ascii=False, indent=1).encode("utf-8")


def _exported_share(uow: UnitOfWork, paper: PaperRecord, share: PaperShare) -> dict[str, Any]:
    private_wrapped = share.private_wrapped
    if not paper.imported:
        user = uow.users.by_username(share.username)
        key = uow.bank.user_key(user.id) if user is not None else None
        if key is None or key.public_key != share.public_key:
            return {}  # their key changed since sealing: they could not open it anyway
        private_wrapped = key.private_wrapped
    return {
        "username": share.username,
        "display_name": share.display_name,
        "x": share.x,
        "share": _b64(share.share),
        "public_key": _b64(share.public_key),
        "private_key_wrapped": private_wrapped.decode("ascii"),
    }


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def import_sealed_paper(env: Env, actor: Actor, data: bytes) -> PaperRecord:
    """Take in a sealed-paper file (from `export_sealed_paper`) for offline opening."""
    document = load_json_document(data, "封存试卷文件", MAX_PAPER_FILE, field="试卷文件")
    try:
        if document.get("format") != SEALED_FORMAT or document.get("version") != _SEALED_VERSION:
            raise ValidationError("这不是 Kaoping 封存试卷文件，或版本不受支持", field="试卷文件")
        head, window = document["paper"], document["window"]
        paper = PaperRecord(
            str(head["id"]),
            str(head["code"]),
            str(head["occupation_code"]),
            str(head["direction"]),
            Level(head["level"]),
            WeightKind(head["kind"]),
            int(head["item_count"]),
            int(head["seed"]),
            int(head["session_id"]),
            "sealed",
            datetime.fromisoformat(head["created_at"]),
            str(head["created_by"]),
            datetime.fromisoformat(head["sealed_at"]),
            str(head["sealed_by"]),
            True,
            str(head["session_code"]),
            datetime.fromisoformat(window["opens_at"]),
            datetime.fromisoformat(window["closes_at"]),
        )
        blob = base64.b64decode(document["ciphertext"], validate=True)
        shares = [
            PaperShare(
                paper.paper_id,
                int(entry["x"]),
                str(entry["username"]),
                str(entry["display_name"]),
                base64.b64decode(entry["share"], validate=True),
                base64.b64decode(entry["public_key"], validate=True),
                str(entry["private_key_wrapped"]).encode("ascii"),
            )
            for entry in document["openers"]
        ]
    except (KeyError, TypeError, ValueError, AttributeError, binascii.Error) as error:
        raise ValidationError("封存试卷文件已损坏或格式错误", field="试卷文件") from error
    with guarded(env, actor, Permission.PAPER_OPEN, "paper.import", f"paper:{paper.code}") as tx:
        if tx.uow.bank.paper(paper.paper_id) is not None:
            raise ConflictError(f"试卷 {paper.code} 已在本机，无需重复导入", field="试卷文件")
        if len(shares) < 2:
            raise ValidationError("封存试卷文件中的启封人少于两位，无法启封", field="试卷文件")
        tx.uow.bank.add_paper(paper, [])
        tx.uow.bank.seal_paper(
            paper.paper_id, blob, shares, paper.sealed_at or paper.created_at, paper.sealed_by
        )
        tx.record(session=paper.session_code, openers=len(shares))
    return paper
