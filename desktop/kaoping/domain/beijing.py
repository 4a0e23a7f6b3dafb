"""Beijing time (北京时间), the clock every date and time of the programme is read in.

Moments are stored in UTC; whatever the computer's own time zone, people are shown Beijing time,
so a 09:00 session reads 09:00 on a laptop set to UTC too.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

BEIJING = timezone(timedelta(hours=8), "北京时间")


def beijing(moment: datetime) -> datetime:
    """The moment in Beijing time."""
    return moment.astimezone(BEIJING)


def beijing_date(moment: datetime) -> date:
    """The calendar day in Beijing at that moment."""
    return moment.astimezone(BEIJING).date()
