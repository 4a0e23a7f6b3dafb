"""The Chinese official working-day calendar (节假日安排) from the chinesecalendar package."""

from __future__ import annotations

import datetime as dt

import chinese_calendar


class ChineseOfficialCalendar:
    """A ``WorkdayCalendar`` following the State Council schedule, with adjusted workdays (调休).

    The package only knows the years whose schedule had been published when it was released; for
    any other year ``is_workday`` answers None, so callers show "unknown" instead of guessing.
    """

    def is_workday(self, day: dt.date) -> bool | None:
        """Return True for a working day, False for a day off, None for a year without data."""
        try:
            return bool(chinese_calendar.is_workday(day))
        except NotImplementedError:
            # Raised for years outside the package's data; the schedule is simply not known here.
            return None
