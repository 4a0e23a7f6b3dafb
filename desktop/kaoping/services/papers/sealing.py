"""Sealing papers (封存): the document encrypted, its key split among the paper openers."""

from __future__ import annotations

import json

from kaoping.domain.assembly import (
    WeightKind,
)
from kaoping.domain.catalogue import Level
from kaoping.domain.errors import (
    ConflictError,
    NotFound,
    ValidationError,
)
from kaoping.domain.items import ItemContent, ItemType
from kaoping.domain.roles import Permission, permissions_of
from kaoping.services.bank import (
    BankUnlock,
    check_unlock,
)
from kaoping.services.base import Actor, Env, guarded
from kaoping.services.papers._common import require_paper, require_session
from kaoping.services.papers.assembly import paper_title
from kaoping.services.ports.bank import (
    OpenedPaper,
    PaperItem,
    PaperRecord,
    PaperShare,
    SessionInfo,
)
from kaoping.services.ports.core import UnitOfWork
from kaoping.services.ports.dto import UserInfo

_DOCUMENT_FORMAT = "kaoping-paper"


def share_context(paper_id: str, x: int) -> bytes:
    """What binds an opener's encrypted share to this paper and share number."""
    return f"kaoping/paper-share/{paper_id}/{x}".encode("ascii")


def seal_paper(env: Env, actor: Actor, unlock: BankUnlock, paper_id: str) -> tuple[str, ...]:
    """Seal an assembled paper for its session; returns the usernames who can open it (two at once).

    Every active user holding `PAPER_OPEN` with a key pair receives a share; at least two are
    needed.
    """
    cipher = env.adapters.bank_crypto
    with guarded(env, actor, Permission.PAPER_ASSEMBLE, "paper.seal", f"paper:{paper_id}") as tx:
        check_unlock(tx.uow, actor, unlock)
        paper = require_paper(tx.uow, paper_id)
        if paper.status != "assembled":
            raise ConflictError(f"试卷 {paper.code} 已封存，不能重复封存", field="试卷")
        session = require_session(tx.uow, paper.session_id)
        openers = _openers(tx.uow)
        document = _document(env, tx.uow, unlock, paper, session)
        key = cipher.new_key()
        blob = cipher.encrypt_paper(key, paper.paper_id, document)
        points = cipher.split_key(key, len(openers))
        shares = [
            PaperShare(
                paper.paper_id,
                x,
                user.username,
                user.display_name,
                cipher.seal_to(public, point, share_context(paper.paper_id, x)),
                public,
            )
            for (x, point), (user, public) in zip(points, openers, strict=True)
        ]
        tx.uow.bank.seal_paper(paper.paper_id, blob, shares, env.clock.now(), actor.username)
        tx.record(
            f"paper:{paper.code}",
            openers=[user.username for user, _ in openers],
            session=session.code,
        )
    return tuple(user.username for user, _ in openers)


def _openers(uow: UnitOfWork) -> list[tuple[UserInfo, bytes]]:
    openers: list[tuple[UserInfo, bytes]] = []
    missing: list[str] = []
    for user in uow.users.list():
        if not user.active or Permission.PAPER_OPEN not in permissions_of(user.roles):
            continue
        key = uow.bank.user_key(user.id)
        if key is None:
            missing.append(user.username)
        else:
            openers.append((user, key.public_key))
    if len(openers) < 2:
        hint = (
            f"；以下用户还没有启封密钥，请其登录并在“试卷启封”页登记：{'、'.join(missing)}"
            if missing
            else ""
        )
        raise ConflictError(
            f"至少需要两位有启封密钥的考务管理员或质量督导员，目前只有 {len(openers)} 位{hint}",
            field="启封人",
        )
    return openers


def _document(
    env: Env, uow: UnitOfWork, unlock: BankUnlock, paper: PaperRecord, session: SessionInfo
) -> bytes:
    cipher = env.adapters.bank_crypto
    occupation = uow.catalogue.occupation(paper.occupation_code)
    name = occupation.name if occupation else paper.occupation_code
    versions = []
    for item_id, version in uow.bank.paper_items(paper.paper_id):
        stored = uow.bank.version(item_id, version)
        if stored is None:
            raise NotFound(f"试卷用到的试题 {item_id} 第 {version} 版不存在", field="试题")
        versions.append(stored)
    # Printed papers group items by type; numbering follows the printed order.
    rank = {item_type: position for position, item_type in enumerate(ItemType)}
    versions.sort(key=lambda stored: rank[stored.item_type])
    items = []
    for stored in versions:
        item_id, version = stored.item_id, stored.version
        plaintext = cipher.decrypt_item(unlock.key, item_id, version, stored.ciphertext)
        items.append(
            {
                "item_id": item_id,
                "version": version,
                "item_type": stored.item_type.value,
                "knowledge_area": stored.knowledge_area,
                "difficulty": stored.difficulty,
                "content": plaintext.decode("utf-8"),
            }
        )
    document = {
        "format": _DOCUMENT_FORMAT,
        "version": 1,
        "paper_id": paper.paper_id,
        "code": paper.code,
        "title": paper_title(name, paper.level, paper.kind),
        "occupation_code": paper.occupation_code,
        "occupation_name": name,
        "direction": paper.direction,
        "level": paper.level.value,
        "kind": paper.kind.value,
        "session_code": session.code,
        "items": items,
    }
    return json.dumps(document, ensure_ascii=False, sort_keys=True).encode("utf-8")


def parse_document(data: bytes) -> OpenedPaper:
    """The decrypted paper document read back into its items; ValidationError when damaged."""
    try:
        document = json.loads(data.decode("utf-8"))
        items = tuple(
            PaperItem(
                number,
                str(entry["item_id"]),
                int(entry["version"]),
                ItemType(entry["item_type"]),
                str(entry["knowledge_area"]),
                int(entry["difficulty"]),
                ItemContent.from_bytes(str(entry["content"]).encode("utf-8")),
            )
            for number, entry in enumerate(document["items"], start=1)
        )
        return OpenedPaper(
            str(document["paper_id"]),
            str(document["code"]),
            str(document["title"]),
            str(document["occupation_code"]),
            str(document["occupation_name"]),
            str(document["direction"]),
            Level(document["level"]),
            WeightKind(document["kind"]),
            str(document["session_code"]),
            items,
        )
    except (KeyError, TypeError, ValueError) as error:
        raise ValidationError("试卷内容格式错误，无法显示", field="试卷") from error
