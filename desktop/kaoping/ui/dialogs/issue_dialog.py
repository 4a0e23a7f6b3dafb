"""Issuing a batch of certificates with a cancellable progress dialog, and the small prompts it needs.

The service call runs through `kaoping.ui.tasks.run_task`; Cancel sets the flag the service polls
between certificates. Until everything is rendered, checked and signed the service stores
nothing, so a cancel leaves no certificate and no number behind.
`ask_text` and `ask_choice` are the one place these pages ask for a passphrase, a reason or a
choice; tests replace them.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QInputDialog, QLineEdit, QWidget

from kaoping.services import certificates
from kaoping.services.base import Actor, Env
from kaoping.services.certificates import IssueOutcome
from kaoping.ui import tasks

__all__ = ["ask_choice", "ask_text", "issue_with_progress"]


def ask_text(parent: QWidget | None, title: str, label: str, *, secret: bool = False) -> str | None:
    """Ask for one line of text (a passphrase when `secret`); None when cancelled."""
    mode = QLineEdit.EchoMode.Password if secret else QLineEdit.EchoMode.Normal
    text, accepted = QInputDialog.getText(parent, title, label, mode)
    return text if accepted else None


def ask_choice(parent: QWidget | None, title: str, label: str, options: list[str]) -> int | None:
    """Ask for one of `options` (a drop-down list); its index, or None when cancelled."""
    text, accepted = QInputDialog.getItem(parent, title, label, options, 0, False)
    if not accepted or text not in options:
        return None
    return options.index(text)


def issue_with_progress(
    parent: QWidget | None, env: Env, actor: Actor, batch_code: str, passphrase: str
) -> IssueOutcome:
    """Issue a batch's certificates off the UI thread, with progress and Cancel."""
    return tasks.run_task(
        parent,
        QCoreApplication.translate("IssueDialog", "正在生成、检查并签名证书…"),
        lambda progress, cancelled: certificates.issue_batch(
            env, actor, batch_code, passphrase, progress=progress, cancelled=cancelled
        ),
        title=QCoreApplication.translate("IssueDialog", "签发证书"),
    )
