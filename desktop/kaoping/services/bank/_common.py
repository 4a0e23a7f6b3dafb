"""What the question bank (题库) modules share: the session's unlocked key and its checks.

`BankUnlock` and `check_unlock` are public (re-exported by the package); the rest are helpers
of the bank modules: the purpose every content read must give, the key pairs of bank-role users
and paper openers, and writing an item's encrypted version.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from kaoping.domain.errors import AuthenticationError, PermissionDenied, ValidationError
from kaoping.domain.items import ItemContent, ItemMeta, ItemStatus, option_letter
from kaoping.domain.roles import BANK_ROLES, Permission, Role, roles_granting
from kaoping.services.base import Actor, Env, refuse
from kaoping.services.ports.bank import BankRepository, StoredVersion, UserKey
from kaoping.services.ports.core import UnitOfWork

# People who need a key pair: bank key holders, and paper openers (their share is sealed to it).
KEY_ROLES = frozenset(BANK_ROLES | set(roles_granting(Permission.PAPER_OPEN)))
Progress = Callable[[int, int], bool]


@dataclass(frozen=True)
class BankUnlock:
    """The bank key of one signed-in session, unwrapped; held in memory only, never written.

    Attributes:
        user_id: Whose session unlocked it.
        generation: Which bank key generation it is; a rotation makes it stale.
        key: The 32-byte bank key.
    """

    user_id: int
    generation: int
    key: bytes = field(repr=False)

    def __repr__(self) -> str:
        return f"BankUnlock(user_id={self.user_id}, generation={self.generation})"


def require_printable(env: Env, content: ItemContent) -> None:
    """Refuse item text with a character no shipped font has: no paper with it could be printed.

    Printing refuses such a paper as a whole, and a sealed paper cannot be edited, so the item is
    stopped where it is written. The message names the part and the character, never the text.

    Raises:
        ValidationError: A part of the item has a character no shipped font can draw.
    """
    parts = [
        ("题干", content.stem),
        *((f"选项 {option_letter(i)}", text) for i, text in enumerate(content.options)),
        ("参考答案", content.answer),
        ("评分要点", content.rubric),
        *(("附件名", name) for name, _ in content.attachments),
    ]
    for field_name, text in parts:
        missing = env.adapters.glyphs.missing(text)
        if missing:
            listed = "、".join(f"“{c}”(U+{ord(c):04X})" for c in missing)
            raise ValidationError(
                f"{field_name}中的{listed} 在程序自带的字体中都没有字形，"
                "含这道题的试卷和参考答案都无法打印；请核对用字或改用常用字形",
                field=field_name,
            )


def require_purpose(purpose: str) -> str:
    """The purpose of a read, export or print, cleaned; refused when missing."""
    cleaned = purpose.strip()
    if len(cleaned) < 2:
        raise ValidationError(
            "请填写查看、导出或打印的用途（例如“审核第 3 批新题”），用途会记入审计日志",
            field="用途",
        )
    return cleaned[:200]


# -- key pairs -------------------------------------------------------------------------------


def needs_key_pair(roles: tuple[Role, ...] | frozenset[Role]) -> bool:
    """Whether someone with these roles needs a key pair."""
    return any(role in KEY_ROLES for role in roles)


def new_user_key(env: Env, user_id: int, password: str, regrant_needed: bool = False) -> UserKey:
    """A fresh key pair for the user, its private half wrapped under their password."""
    private, public = env.adapters.bank_crypto.new_key_pair()
    return UserKey(
        user_id,
        public,
        env.adapters.bank_crypto.wrap_with_password(private, password),
        regrant_needed,
    )


def ensure_key_pair(env: Env, work: UnitOfWork, user_id: int, password: str) -> bool:
    """Create the user's key pair if their roles need one and they have none; True if created."""
    user = work.users.get(user_id)
    if user is None or not needs_key_pair(user.roles) or work.bank.user_key(user_id):
        return False
    work.bank.put_user_key(new_user_key(env, user_id, password), env.clock.now())
    return True


def check_password(env: Env, uow: UnitOfWork, actor: Actor, password: str, name: str) -> None:
    """Refuse (and audit) a password that is not the signed-in user's own."""
    user = uow.users.get(actor.user_id)
    if user is None or not env.hasher.verify(user.password_hash, password):
        raise refuse(
            AuthenticationError("密码不正确，请重新输入您的登录密码", field="密码"),
            f"user:{actor.user_id}",
            "failed",
            {"step": name},
        )


# -- the unlocked key ------------------------------------------------------------------------


def check_unlock(uow: UnitOfWork, actor: Actor, unlock: BankUnlock) -> None:
    """Refuse a stale or borrowed unlock (the key was rotated, or it is another person's)."""
    if unlock.user_id != actor.user_id:
        raise PermissionDenied("题库密钥属于另一位用户的会话，请用自己的密码解锁题库")
    generation = uow.bank.current_generation()
    if generation is None or generation.generation != unlock.generation:
        raise AuthenticationError(
            "题库密钥已更换（有人被撤销授权），请重新输入密码解锁题库", field="题库密钥"
        )
    if uow.bank.wrap_for(actor.user_id) is None:
        raise PermissionDenied("您的题库授权已被撤销")


# -- item versions ---------------------------------------------------------------------------


def store_version(
    env: Env,
    bank: BankRepository,
    unlock: BankUnlock,
    item_id: str,
    meta: ItemMeta,
    content: ItemContent,
    author_id: int,
) -> None:
    """Encrypt the content under the bank key and store it as the item's version `meta.version`."""
    ciphertext = env.adapters.bank_crypto.encrypt_item(
        unlock.key, item_id, meta.version, content.to_bytes()
    )
    bank.add_version(
        StoredVersion(
            item_id,
            meta.version,
            meta.knowledge_area,
            meta.item_type,
            meta.difficulty,
            ciphertext,
            unlock.generation,
            author_id,
            env.clock.now(),
        )
    )


def new_item(
    env: Env,
    uow: UnitOfWork,
    unlock: BankUnlock,
    actor: Actor,
    meta: ItemMeta,
    content: ItemContent,
    status: ItemStatus,
) -> str:
    """Add an item with its first version, authored by the actor; returns its id."""
    item_id = uuid.uuid4().hex
    stored = replace(meta, status=status, version=1, author_id=str(actor.user_id))
    uow.bank.add_item(item_id, stored, env.clock.now())
    store_version(env, uow.bank, unlock, item_id, stored, content, actor.user_id)
    return item_id
