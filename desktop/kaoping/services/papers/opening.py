"""Opening (启封) a sealed paper by two people inside the session's window, and printing it."""

from __future__ import annotations

from typing import Any

from kaoping.domain.errors import (
    AuthenticationError,
    ConflictError,
    PermissionDenied,
    ValidationError,
)
from kaoping.domain.roles import Permission, permissions_of
from kaoping.services.bank import (
    session_time,
)
from kaoping.services.base import Actor, Env, action, guarded, reading, refuse
from kaoping.services.papers._common import Credential, OpenWindow, opening_window, require_paper
from kaoping.services.papers.sealing import parse_document, share_context
from kaoping.services.ports.bank import (
    OpenedPaper,
    PaperRecord,
    PaperShare,
)
from kaoping.services.ports.core import UnitOfWork


def open_window(env: Env, actor: Actor, paper_id: str) -> OpenWindow:
    """When this paper may be opened."""
    with reading(env, actor, Permission.BANK_VIEW_METADATA) as uow:
        return opening_window(uow, require_paper(uow, paper_id))


def paper_openers(env: Env, actor: Actor, paper_id: str) -> list[tuple[str, str]]:
    """(username, name) of everyone holding a share of a sealed paper."""
    with reading(env, actor, Permission.BANK_VIEW_METADATA) as uow:
        paper = require_paper(uow, paper_id)
        return [(share.username, share.display_name) for share in uow.bank.shares(paper.paper_id)]


def open_paper(
    env: Env, actor: Actor, paper_id: str, first: Credential, second: Credential, purpose: str
) -> OpenedPaper:
    """Open a sealed paper: two different openers type their passwords inside the window.

    Every attempt, refused or not, is audited with both usernames and the purpose.

    Raises:
        PermissionDenied: Same person twice, outside the window, or someone not an opener.
        AuthenticationError: A wrong username or password.
    """
    purpose_text = purpose.strip()[:200]
    names = [first.username.strip(), second.username.strip()]
    cipher = env.adapters.bank_crypto
    with guarded(
        env, actor, Permission.BANK_VIEW_METADATA, "paper.open", f"paper:{paper_id}"
    ) as tx:
        details: dict[str, Any] = {"openers": names, "purpose": purpose_text}
        paper = require_paper(tx.uow, paper_id)
        if paper.status != "sealed":
            raise refuse(ConflictError(f"试卷 {paper.code} 尚未封存，无需启封"), details=details)
        if len(purpose_text) < 2:
            raise refuse(
                ValidationError("请填写启封用途（例如“第 1 场考试开考”）", field="用途"),
                details=details,
            )
        if names[0].lower() == names[1].lower():
            raise refuse(
                PermissionDenied(
                    "启封需要两位不同的人分别输入自己的用户名和密码，同一人不能启封两次"
                ),
                details=details,
            )
        window, now = opening_window(tx.uow, paper), env.clock.now()
        if not window.contains(now):
            raise refuse(
                PermissionDenied(
                    f"现在不在启封时间内：试卷 {paper.code} 只能在 {window.text} 之间启封"
                ),
                details=details,
            )
        shares = {share.username.lower(): share for share in tx.uow.bank.shares(paper.paper_id)}
        points = [
            _point(env, tx.uow, paper, shares, credential, details)
            for credential in (first, second)
        ]
        blob = tx.uow.bank.paper_blob(paper.paper_id) or b""
        document = cipher.decrypt_paper(cipher.join_key(points[0], points[1]), paper.paper_id, blob)
        tx.uow.bank.record_opening(paper.paper_id, now, "、".join(names))
        tx.record(f"paper:{paper.code}", **details, session=paper.session_code)
    return parse_document(document)


def _point(
    env: Env,
    uow: UnitOfWork,
    paper: PaperRecord,
    shares: dict[str, PaperShare],
    credential: Credential,
    details: dict[str, Any],
) -> tuple[int, bytes]:
    name = credential.username.strip()
    wrong = refuse(
        AuthenticationError(f"启封人 {name} 的用户名或密码不正确", field="启封人"),
        outcome="failed",
        details=details,
    )
    share = shares.get(name.lower())
    cipher = env.adapters.bank_crypto
    if paper.imported:
        if share is None:
            raise refuse(PermissionDenied(f"{name} 不是这份试卷的启封人"), details=details)
        private_wrapped = share.private_wrapped
    else:
        user = uow.users.by_username(name)
        if (
            user is None
            or not user.active
            or not env.hasher.verify(user.password_hash, credential.password)
        ):
            raise wrong
        if Permission.PAPER_OPEN not in permissions_of(user.roles):
            raise refuse(
                PermissionDenied(f"{name} 没有启封试卷的权限（需要考务管理员或质量督导员角色）"),
                details=details,
            )
        key = uow.bank.user_key(user.id)
        if share is None or key is None or key.public_key != share.public_key:
            raise refuse(
                PermissionDenied(
                    f"{name} 在这份试卷封存时没有有效的启封密钥"
                    "（或其后密码被管理员重置），请换一位启封人"
                ),
                details=details,
            )
        private_wrapped = key.private_wrapped
    try:
        private = cipher.unwrap_with_password(private_wrapped, credential.password)
        point = cipher.open_from(private, share.share, share_context(paper.paper_id, share.x))
    except AuthenticationError:
        raise wrong from None
    return share.x, point


def print_paper(
    env: Env, actor: Actor, paper: OpenedPaper, purpose: str, answer_key: bool = False
) -> bytes:
    """Render an opened paper (or its answer key) as PDF, watermarked with session, printer, time.

    The bytes go only where the user saves or prints them; the printing is audited.
    """
    purpose_text = purpose.strip()
    if len(purpose_text) < 2:
        raise ValidationError("请填写打印用途（例如“第 1 考场 30 份”）", field="用途")
    renderer = env.adapters.paper_pdf
    name = "paper.print_answers" if answer_key else "paper.print"
    with action(env, actor, Permission.PAPER_OPEN, name, f"paper:{paper.code}") as tx:
        moment = session_time(env.clock.now())
        watermark = (
            f"场次 {paper.session_code} · 打印人 {actor.display_name}（{actor.username}）"
            f" · {moment}"
        )
        pdf = renderer.render(paper, watermark, answer_key)
        tx.record(purpose=purpose_text[:200], items=len(paper.items), session=paper.session_code)
    return pdf
