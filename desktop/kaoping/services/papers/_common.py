"""What the paper modules share: settings, look-ups and the opening window."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from kaoping.domain.errors import (
    NotFound,
)
from kaoping.services.bank import (
    session_time,
)
from kaoping.services.ports.bank import (
    PaperRecord,
    SessionInfo,
)
from kaoping.services.ports.core import UnitOfWork

LEAD_SETTING = "paper_open_lead_minutes"


DEFAULT_LEAD_MINUTES = 30


@dataclass(frozen=True)
class Credential:
    """One opener's username and password, typed at the opening; the password is never shown."""

    username: str
    password: str = field(repr=False)


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


def require_session(uow: UnitOfWork, session_id: int) -> SessionInfo:
    """The session, or NotFound naming it."""
    session = uow.bank.session_info(session_id)
    if session is None:
        raise NotFound(f"场次（编号 {session_id}）不存在，请先在考务中创建场次", field="场次")
    return session


def require_paper(uow: UnitOfWork, code_or_id: str) -> PaperRecord:
    """The paper by code or id, or NotFound naming it."""
    paper = uow.bank.paper_by_code(code_or_id.strip()) or uow.bank.paper(code_or_id.strip())
    if paper is None:
        raise NotFound(f"试卷 {code_or_id} 不存在", field="试卷")
    return paper


def lead_minutes(uow: UnitOfWork) -> int:
    """Minutes before a session's start from which its paper may be opened (a setting)."""
    value = uow.settings.get(LEAD_SETTING, DEFAULT_LEAD_MINUTES)
    try:
        minutes = int(value)
    except (TypeError, ValueError):
        minutes = DEFAULT_LEAD_MINUTES
    return max(minutes, 0)


def opening_window(uow: UnitOfWork, paper: PaperRecord) -> OpenWindow:
    """When the paper may be opened: its stored window, else the session's with the lead time."""
    if paper.window_opens_at is not None and paper.window_closes_at is not None:
        return OpenWindow(paper.window_opens_at, paper.window_closes_at)
    session = require_session(uow, paper.session_id)
    return OpenWindow(session.starts_at - timedelta(minutes=lead_minutes(uow)), session.ends_at)
