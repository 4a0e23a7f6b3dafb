"""`kaoping demo`, with step 1: the official 2026 holiday arrangement imported and confirmed.

The administrator imports the State Council's notice for 2026 as published
(`resources/calendar/2026.txt`), reviews it month by month and confirms it, as on the deadlines
page. The demo then shows where each year stands. It imports nothing else: no later notice ships
with Kaoping and none is made up, so a working-day deadline that reaches into a year whose
notice is not imported shows as unknown, with that year named.
"""

from __future__ import annotations

from kaoping.cli.demo_support import DemoRun
from kaoping.paths import resource_path
from kaoping.services import calendar_years

NOTICE = ("calendar", "2026.txt")


def import_holiday_notice(run: DemoRun) -> None:
    """The administrator imports the 2026 notice, confirms it, and reads the years' status."""
    admin = run.cast("admin")
    data = calendar_years.read_notice(run.env, resource_path(*NOTICE))
    preview = calendar_years.preview_notice(run.env, admin, data)
    calendar_years.confirm_notice(run.env, admin, data, preview.year)
    entries = preview.arrangement.entries().values()
    off = sum(1 for worked in entries if not worked)
    print(
        f"   节假日安排：导入《{preview.arrangement.title}》（resources/{'/'.join(NOTICE)}），"
        f"按月核对后确认：放假 {off} 天，调休上班 {len(entries) - off} 天。"
    )
    years = calendar_years.overview(run.env, admin, run.clock.today())
    print(f"   年度状态：{'；'.join(status.line for status in years)}。")
