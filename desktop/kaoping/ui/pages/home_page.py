"""我的账号: who is signed in, for which body, what this person can do, the interface language."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from kaoping.domain.roles import PERMISSION_LABELS, permissions_of
from kaoping.services import setup
from kaoping.services.base import Actor, Env
from kaoping.ui import labels
from kaoping.ui.language_box import LanguageBox
from kaoping.ui.password_box import PasswordBox


class HomePage(QWidget):
    """The landing page after sign-in."""

    def __init__(self, env: Env, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        title = QLabel(self.tr("欢迎，{0}").format(actor.display_name))
        title.setStyleSheet("font-size: 20px; font-weight: bold;")
        layout.addWidget(title)
        body = QLabel(self.tr("评价机构：{0}").format(setup.body_name(env)))
        layout.addWidget(body)
        roles = labels.joined(sorted(actor.roles, key=lambda r: r.value))
        layout.addWidget(QLabel(self.tr("您的角色：{0}").format(roles)))
        rights = sorted(labels.label(PERMISSION_LABELS[p]) for p in permissions_of(actor.roles))
        can = QLabel(self.tr("您可以：{0}").format(self.tr("；").join(rights)))
        can.setWordWrap(True)
        layout.addWidget(can)
        self.password_box = PasswordBox(env, actor)
        layout.addWidget(self.password_box)
        # Every user may pick the language of the computer they sit at.
        self.language_box = LanguageBox()
        layout.addWidget(self.language_box)
        layout.addStretch(1)
