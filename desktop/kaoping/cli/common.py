"""What every command shares: opening the database, signing in, printing results."""

from __future__ import annotations

import getpass
import json
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kaoping.domain.errors import KaopingError
from kaoping.services.access import Gate, as_gate
from kaoping.services.base import Actor, Env

EnvFactory = Callable[[str | None], Env | Gate]
"""Opens the database a `--db` URL names: an `Env` already open, or the gate of a store that
opens when someone signs in (`kaoping.gate.open_store`)."""


@dataclass
class Context:
    """Global options and the way to open the database."""

    db: str | None
    make_env: EnvFactory
    _gate: Gate | None = None

    def gate(self) -> Gate:
        """The way into the database named by `--db` (made on first use)."""
        if self._gate is None:
            self._gate = as_gate(self.make_env(self.db))
            if self._gate.needs_encryption():
                print(
                    "提示：本机数据库尚未加密。请关闭考评程序后由系统管理员运行 "
                    "kaoping store encrypt --user 用户名。",
                    file=sys.stderr,
                )
        return self._gate

    def env(self) -> Env:
        """The services' environment, opened (and migrated) on first use.

        An encrypted store is opened with the credentials in the environment: KAOPING_USER and
        KAOPING_PASSWORD (prompted for at a terminal), or KAOPING_RECOVERY_KEY.
        """
        gate = self.gate()
        if not gate.is_open() and not gate.is_new():
            unlock_from_environment(gate)
        return gate.env()


def unlock_from_environment(gate: Gate) -> None:
    """Open an encrypted store for a command that does not sign anyone in (audit verify ...)."""
    recovery = os.environ.get("KAOPING_RECOVERY_KEY")
    if recovery:
        gate.unlock_with_recovery(recovery)
        return
    name = os.environ.get("KAOPING_USER")
    if not name:
        raise KaopingError(
            "数据库已加密，打开它需要一位用户的密码：请设置 KAOPING_USER 与 KAOPING_PASSWORD"
            "（或用 --user 指定用户），所有密码都遗忘时设置 KAOPING_RECOVERY_KEY。"
        )
    gate.unlock(name, secret("KAOPING_PASSWORD", f"用户 {name} 的密码"))


def secret(env_var: str, prompt: str) -> str:
    """A password from an environment variable (scripts) or typed at a hidden prompt."""
    value = os.environ.get(env_var)
    if value:
        return value
    if not sys.stdin.isatty():
        raise KaopingError(f"请设置环境变量 {env_var}，或在终端中交互运行以输入{prompt}。")
    return getpass.getpass(f"{prompt}：")


def sign_in(ctx: Context, username: str | None) -> Actor:
    """Sign in the acting user named by `--user` (password from KAOPING_PASSWORD or a prompt).

    On an encrypted store the same password first opens the store through its key file.
    """
    name = username or os.environ.get("KAOPING_USER")
    if not name:
        raise KaopingError("请用 --user 指定操作用户（或设置环境变量 KAOPING_USER）。")
    return ctx.gate().sign_in(name, secret("KAOPING_PASSWORD", f"用户 {name} 的密码"))


def show_recovery(gate: Gate, recovery: str, sheet: Path | None) -> None:
    """Print the new store's recovery key once, and save its sheet if asked to."""
    print("数据库已加密。恢复密钥（只显示这一次；所有密码都遗忘时凭它重新进入）：")
    print(f"   {recovery}")
    if sheet is not None:
        gate.write_recovery_sheet(sheet)
        print(f"恢复密钥单：{sheet}（请打印后与电脑分开保管，并删除该文件）")
    else:
        print("请抄写或打印后与电脑分开保管；也可用 --recovery-sheet 生成可打印的恢复密钥单。")


def emit_json(data: Any) -> None:
    """Print machine-readable output."""
    print(json.dumps(data, ensure_ascii=False, indent=2, default=str))


def table(rows: list[list[str]], headers: list[str]) -> None:
    """Print a simple aligned table (East Asian characters count double)."""

    def width(text: str) -> int:
        return sum(2 if ord(ch) > 0x2E7F else 1 for ch in text)

    cols = [max([width(h)] + [width(r[i]) for r in rows]) for i, h in enumerate(headers)]

    def line(cells: list[str]) -> str:
        return "  ".join(c + " " * (cols[i] - width(c)) for i, c in enumerate(cells)).rstrip()

    print(line(headers))
    print("  ".join("-" * c for c in cols))
    for row in rows:
        print(line(row))
