"""Clocks: the real one and a settable one for tests and demos."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta


class SystemClock:
    """The machine's clock, in UTC."""

    def now(self) -> datetime:
        """The current moment."""
        return datetime.now(UTC)


class FixedClock:
    """A clock that only moves when told to."""

    def __init__(self, start: datetime) -> None:
        self._now = start

    def now(self) -> datetime:
        """The clock's moment."""
        return self._now

    def advance(self, **delta: float) -> None:
        """Move forward, e.g. `advance(minutes=31)`."""
        self._now += timedelta(**delta)
