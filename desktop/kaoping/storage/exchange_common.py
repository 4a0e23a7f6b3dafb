"""What the parts of the exchange repository share: the session and how times are stored."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy.orm import Session


class SessionBound:
    """Base of the exchange repository's parts: each works on the unit of work's session."""

    def __init__(self, session: Session) -> None:
        self._s = session


def utc(moment: datetime) -> datetime:
    """The stored moment as an aware UTC datetime."""
    # SQLite hands back naive datetimes; every stored time is UTC.
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def utc_or_none(moment: datetime | None) -> datetime | None:
    """Like ``utc``, for columns that may be empty."""
    return None if moment is None else utc(moment)


def iso(moment: datetime | None) -> str:
    """A stored moment as package text: ISO 8601 in UTC to the second, empty for none."""
    return "" if moment is None else utc(moment).astimezone(UTC).isoformat(timespec="seconds")


def parse_moment(text: object) -> datetime | None:
    """Package text back to an aware UTC moment, None when empty."""
    value = str(text or "").strip()
    return datetime.fromisoformat(value).astimezone(UTC) if value else None
