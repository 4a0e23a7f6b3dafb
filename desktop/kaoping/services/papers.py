"""Papers (试卷): assembly from the weight tables, sealing, two-person opening, printing.

A paper is assembled (组卷) from approved item versions to match the blueprint of its weight table,
then sealed: its document is encrypted under a key of its own, and that key is split so that any
two paper openers (holders of `Permission.PAPER_OPEN`: 考务管理员, 质量督导员) together can rebuild
it, while one alone learns nothing. Each opener's share is encrypted to their public key, whose
private half is wrapped under their password. Opening therefore needs two different people to type
their passwords, and the service lets them try only inside the session's window (from
`paper_open_lead_minutes` before the start to the end). docs/sealed-papers.md has the details.
"""

from __future__ import annotations

import base64
import binascii
import json
import secrets
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

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
    AuthenticationError,
    ConflictError,
    NotFound,
    PermissionDenied,
    ValidationError,
)
from kaoping.domain.items import ItemContent, ItemType
from kaoping.domain.json_input import load_json_document
from kaoping.domain.roles import Permission, permissions_of
from kaoping.services.bank import (
    BankUnlock,
    check_unlock,
    session_time,
    weight_tables,
)
from kaoping.services.base import Actor, Env, action, guarded, iso, reading, refuse
from kaoping.services.ports.bank import (
    OpenedPaper,
    PaperItem,
    PaperRecord,
    PaperShare,
    SessionInfo,
)
from kaoping.services.ports.core import UnitOfWork
from kaoping.services.ports.dto import UserInfo

LEAD_SETTING = "paper_open_lead_minutes"
DEFAULT_LEAD_MINUTES = 30
SEALED_FORMAT = "kaoping-sealed-paper"
_SEALED_VERSION = 1
# A sealed paper carries its items encrypted, attachments included; real ones stay under a few MB.
MAX_PAPER_FILE = 200 * 1024 * 1024
_DOCUMENT_FORMAT = "kaoping-paper"
_KIND_TITLES = {WeightKind.THEORY: "理论知识考试", WeightKind.PRACTICAL: "专业能力考核"}


@dataclass(frozen=True)
class Credential:
    """One opener's username and password, typed at the opening; the password is never shown."""

    username: str
    password: str = field(repr=False)


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


@dataclass(frozen=True)
class OpenWindow:
    """When a paper may be opened: from `opens_at` to `closes_at` (UTC)."""

    opens_at: datetime
    closes_at: datetime

    def contains(self, moment: datetime) -> bool:
        """Whether `moment` falls inside the window."""
        return self.opens_at <= moment <= self.closes_at

    @property
    def text(self) -> str:
        """The window in local time."""
        return f"{session_time(self.opens_at)} 至 {session_time(self.closes_at)}"


def _title(occupation_name: str, level: Level, kind: WeightKind) -> str:
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


def _session(uow: UnitOfWork, session_id: int) -> SessionInfo:
    session = uow.bank.session_info(session_id)
    if session is None:
        raise NotFound(f"场次（编号 {session_id}）不存在，请先在考务中创建场次", field="场次")
    return session


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
        session = _session(tx.uow, request.session_id)
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
        return _paper(uow, code_or_id)


def _paper(uow: UnitOfWork, code_or_id: str) -> PaperRecord:
    paper = uow.bank.paper_by_code(code_or_id.strip()) or uow.bank.paper(code_or_id.strip())
    if paper is None:
        raise NotFound(f"试卷 {code_or_id} 不存在", field="试卷")
    return paper


def _share_context(paper_id: str, x: int) -> bytes:
    return f"kaoping/paper-share/{paper_id}/{x}".encode("ascii")


def seal_paper(env: Env, actor: Actor, unlock: BankUnlock, paper_id: str) -> tuple[str, ...]:
    """Seal an assembled paper for its session; returns the usernames who can open it (two at once).

    Every active user holding `PAPER_OPEN` with a key pair receives a share; at least two are
    needed.
    """
    cipher = env.adapters.bank_crypto
    with guarded(env, actor, Permission.PAPER_ASSEMBLE, "paper.seal", f"paper:{paper_id}") as tx:
        check_unlock(tx.uow, actor, unlock)
        paper = _paper(tx.uow, paper_id)
        if paper.status != "assembled":
            raise ConflictError(f"试卷 {paper.code} 已封存，不能重复封存", field="试卷")
        session = _session(tx.uow, paper.session_id)
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
                cipher.seal_to(public, point, _share_context(paper.paper_id, x)),
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
        "title": _title(name, paper.level, paper.kind),
        "occupation_code": paper.occupation_code,
        "occupation_name": name,
        "direction": paper.direction,
        "level": paper.level.value,
        "kind": paper.kind.value,
        "session_code": session.code,
        "items": items,
    }
    return json.dumps(document, ensure_ascii=False, sort_keys=True).encode("utf-8")


def _parse_document(data: bytes) -> OpenedPaper:
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


def lead_minutes(uow: UnitOfWork) -> int:
    """Minutes before a session's start from which its paper may be opened (a setting)."""
    value = uow.settings.get(LEAD_SETTING, DEFAULT_LEAD_MINUTES)
    try:
        minutes = int(value)
    except (TypeError, ValueError):
        minutes = DEFAULT_LEAD_MINUTES
    return max(minutes, 0)


def _window(uow: UnitOfWork, paper: PaperRecord) -> OpenWindow:
    if paper.window_opens_at is not None and paper.window_closes_at is not None:
        return OpenWindow(paper.window_opens_at, paper.window_closes_at)
    session = _session(uow, paper.session_id)
    return OpenWindow(session.starts_at - timedelta(minutes=lead_minutes(uow)), session.ends_at)


def open_window(env: Env, actor: Actor, paper_id: str) -> OpenWindow:
    """When this paper may be opened."""
    with reading(env, actor, Permission.BANK_VIEW_METADATA) as uow:
        return _window(uow, _paper(uow, paper_id))


def paper_openers(env: Env, actor: Actor, paper_id: str) -> list[tuple[str, str]]:
    """(username, name) of everyone holding a share of a sealed paper."""
    with reading(env, actor, Permission.BANK_VIEW_METADATA) as uow:
        paper = _paper(uow, paper_id)
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
        paper = _paper(tx.uow, paper_id)
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
        window, now = _window(tx.uow, paper), env.clock.now()
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
    return _parse_document(document)


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
        point = cipher.open_from(private, share.share, _share_context(paper.paper_id, share.x))
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
        paper = _paper(tx.uow, paper_id)
        if paper.status != "sealed":
            raise ConflictError(f"试卷 {paper.code} 尚未封存，不能导出", field="试卷")
        window = _window(tx.uow, paper)
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
