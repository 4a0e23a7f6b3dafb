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
    from kaoping.ui.pages.bank_page import BankPage
    from kaoping.ui.pages.candidates_page import CandidatesPage
    from kaoping.ui.pages.catalogue_page import CataloguePage
    from kaoping.ui.pages.certificates_page import CertificatesPage
    from kaoping.ui.pages.checkin_page import CheckinPage
    from kaoping.ui.pages.confirm_page import ConfirmPage
    from kaoping.ui.pages.deadlines_page import DeadlinesPage
    from kaoping.ui.pages.home_page import HomePage
    from kaoping.ui.pages.papers_page import PaperOpenPage, PapersPage
    from kaoping.ui.pages.sampling_page import SamplingPage
    from kaoping.ui.pages.scores_page import ScoresPage
    from kaoping.ui.pages.sessions_page import SessionsPage
    from kaoping.ui.pages.settings_page import SettingsPage
    from kaoping.ui.pages.users_page import UsersPage
    from kaoping.ui.pages.verify_page import VerifyPage

    # Workflow order: clocks first, then intake -> exam site -> bank -> certificates, then
    # administration. Each page shows only to roles holding its permission.
    return [
        PageSpec("deadlines", "期限看板", Permission.CATALOGUE_VIEW, DeadlinesPage),
        PageSpec("candidates", "考生", Permission.CANDIDATES_VIEW, CandidatesPage),
        PageSpec("sampling", "核查抽样", Permission.SAMPLING_DRAW, SamplingPage),
        PageSpec("sessions", "考务与场次", Permission.SESSIONS_MANAGE, SessionsPage),
        PageSpec("checkin", "签到", Permission.CHECKIN, CheckinPage),
        PageSpec("scores", "成绩录入", Permission.SCORES_ENTER, ScoresPage),
        PageSpec("confirm", "核对与确认", Permission.RESULTS_CONFIRM, ConfirmPage),
        PageSpec("bank", "题库", Permission.BANK_VIEW_METADATA, BankPage),
        PageSpec("papers", "组卷与试卷", Permission.PAPER_ASSEMBLE, PapersPage),
        PageSpec("paper_open", "试卷启封", Permission.PAPER_OPEN, PaperOpenPage),
        PageSpec("certificates", "证书", Permission.CERTIFICATES_VIEW, CertificatesPage),
        PageSpec("verify", "证书核验", Permission.CERTIFICATES_VIEW, VerifyPage),
        PageSpec("catalogue", "标准目录", Permission.CATALOGUE_VIEW, CataloguePage),
        PageSpec("users", "用户与角色", Permission.USERS_MANAGE, UsersPage),
        PageSpec("audit", "审计日志", Permission.AUDIT_VIEW, AuditPage),
        PageSpec("settings", "机构与密钥", Permission.PROFILE_MANAGE, SettingsPage),
        PageSpec("home", "我的账号", Permission.CATALOGUE_VIEW, HomePage),
    ]


def pages_for(actor: Actor) -> list[PageSpec]:
    """The pages this session's roles may see."""
    return [spec for spec in all_pages() if actor.can(spec.permission)]
