"""The workflow areas of the main window, each shown only to roles that may use it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtWidgets import QWidget

from kaoping.domain.roles import Permission
from kaoping.services.base import Actor, Env
from kaoping.ui.labels import QT_TRANSLATE_NOOP

PageFactory = Callable[[Env, Actor], QWidget]


@dataclass(frozen=True)
class PageSpec:
    """One entry of the navigation: its key, title, the permission that shows it, and its builder.

    The title is the Chinese source text; the main window shows it translated ("Navigation").
    """

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
    from kaoping.ui.pages.exchange_page import ExchangePage
    from kaoping.ui.pages.home_page import HomePage
    from kaoping.ui.pages.keys_page import KeysPage
    from kaoping.ui.pages.papers_page import PaperOpenPage, PapersPage
    from kaoping.ui.pages.plans_page import PlansPage
    from kaoping.ui.pages.remit_page import RemitPage
    from kaoping.ui.pages.sampling_page import SamplingPage
    from kaoping.ui.pages.scores_page import ScoresPage
    from kaoping.ui.pages.sessions_page import SessionsPage
    from kaoping.ui.pages.settings_page import SettingsPage
    from kaoping.ui.pages.users_page import UsersPage
    from kaoping.ui.pages.verify_page import VerifyPage

    # Workflow order: clocks first, then intake -> exam site -> bank -> certificates, then
    # administration. Each page shows only to roles holding its permission.
    return [
        PageSpec(
            "deadlines",
            QT_TRANSLATE_NOOP("Navigation", "期限看板"),
            Permission.CATALOGUE_VIEW,
            DeadlinesPage,
        ),
        PageSpec(
            "plans",
            QT_TRANSLATE_NOOP("Navigation", "考核计划"),
            Permission.PLANS_MANAGE,
            PlansPage,
        ),
        PageSpec(
            "candidates",
            QT_TRANSLATE_NOOP("Navigation", "考生"),
            Permission.CANDIDATES_VIEW,
            CandidatesPage,
        ),
        PageSpec(
            "sampling",
            QT_TRANSLATE_NOOP("Navigation", "核查抽样"),
            Permission.SAMPLING_DRAW,
            SamplingPage,
        ),
        PageSpec(
            "sessions",
            QT_TRANSLATE_NOOP("Navigation", "考务与场次"),
            Permission.SESSIONS_MANAGE,
            SessionsPage,
        ),
        PageSpec(
            "checkin", QT_TRANSLATE_NOOP("Navigation", "签到"), Permission.CHECKIN, CheckinPage
        ),
        PageSpec(
            "scores",
            QT_TRANSLATE_NOOP("Navigation", "成绩录入"),
            Permission.SCORES_ENTER,
            ScoresPage,
        ),
        PageSpec(
            "confirm",
            QT_TRANSLATE_NOOP("Navigation", "核对与确认"),
            Permission.RESULTS_CONFIRM,
            ConfirmPage,
        ),
        PageSpec(
            "bank", QT_TRANSLATE_NOOP("Navigation", "题库"), Permission.BANK_VIEW_METADATA, BankPage
        ),
        PageSpec(
            "papers",
            QT_TRANSLATE_NOOP("Navigation", "组卷与试卷"),
            Permission.PAPER_ASSEMBLE,
            PapersPage,
        ),
        PageSpec(
            "paper_open",
            QT_TRANSLATE_NOOP("Navigation", "试卷启封"),
            Permission.PAPER_OPEN,
            PaperOpenPage,
        ),
        PageSpec(
            "certificates",
            QT_TRANSLATE_NOOP("Navigation", "证书"),
            Permission.CERTIFICATES_VIEW,
            CertificatesPage,
        ),
        PageSpec(
            "verify",
            QT_TRANSLATE_NOOP("Navigation", "证书核验"),
            Permission.CERTIFICATES_VIEW,
            VerifyPage,
        ),
        PageSpec(
            "exchange",
            QT_TRANSLATE_NOOP("Navigation", "报送与数据包"),
            Permission.REPORT_EXPORT,
            ExchangePage,
        ),
        PageSpec(
            "catalogue",
            QT_TRANSLATE_NOOP("Navigation", "标准目录"),
            Permission.CATALOGUE_VIEW,
            CataloguePage,
        ),
        PageSpec(
            "remit",
            QT_TRANSLATE_NOOP("Navigation", "业务范围"),
            Permission.CATALOGUE_VIEW,
            RemitPage,
        ),
        PageSpec(
            "users",
            QT_TRANSLATE_NOOP("Navigation", "用户与角色"),
            # The supervisor sees it too, for the grants waiting for confirmation.
            Permission.GRANTS_CONFIRM,
            UsersPage,
        ),
        PageSpec(
            "audit", QT_TRANSLATE_NOOP("Navigation", "审计日志"), Permission.AUDIT_VIEW, AuditPage
        ),
        PageSpec(
            "keys",
            QT_TRANSLATE_NOOP("Navigation", "签名密钥"),
            Permission.SIGNING_KEY_MANAGE,
            KeysPage,
        ),
        PageSpec(
            "settings",
            QT_TRANSLATE_NOOP("Navigation", "机构与密钥"),
            Permission.PROFILE_MANAGE,
            SettingsPage,
        ),
        PageSpec(
            "home", QT_TRANSLATE_NOOP("Navigation", "我的账号"), Permission.CATALOGUE_VIEW, HomePage
        ),
    ]


def pages_for(actor: Actor) -> list[PageSpec]:
    """The pages this session's roles may see."""
    return [spec for spec in all_pages() if actor.can(spec.permission)]


def go_to_page(widget: QWidget, key: str) -> bool:
    """Bring another page of the main window to the front (an empty page's "what next" button)."""
    window = widget.window()
    show = getattr(window, "show_page", None)
    if not callable(show):
        return False
    try:
        show(key)
    except KeyError:  # this user does not have that page
        return False
    return True
