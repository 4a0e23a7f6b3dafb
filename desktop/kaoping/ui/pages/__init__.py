"""The workflow areas of the main window, each shown only to roles that may use it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtWidgets import QWidget

from kaoping.domain.roles import Permission
from kaoping.services.base import Actor, Env

PageFactory = Callable[[Env, Actor], QWidget]


@dataclass(frozen=True)
class PageSpec:
    """One entry of the navigation: its key, title, the permission that shows it, and its builder."""

    key: str
    title: str
    permission: Permission
    factory: PageFactory


def all_pages() -> list[PageSpec]:
    """Every page in navigation order."""
    from kaoping.ui.pages.audit_page import AuditPage
    from kaoping.ui.pages.catalogue_page import CataloguePage
    from kaoping.ui.pages.home_page import HomePage
    from kaoping.ui.pages.settings_page import SettingsPage
    from kaoping.ui.pages.users_page import UsersPage

    return [
        PageSpec("home", "首页", Permission.CATALOGUE_VIEW, HomePage),
        PageSpec("catalogue", "标准目录", Permission.CATALOGUE_VIEW, CataloguePage),
        PageSpec("users", "用户与角色", Permission.USERS_MANAGE, UsersPage),
        PageSpec("audit", "审计日志", Permission.AUDIT_VIEW, AuditPage),
        PageSpec("settings", "机构与密钥", Permission.PROFILE_MANAGE, SettingsPage),
    ]


def pages_for(actor: Actor) -> list[PageSpec]:
    """The pages this session's roles may see."""
    return [spec for spec in all_pages() if actor.can(spec.permission)]
