"""What every step of `kaoping demo` shares: the simulated clock, the signed-in cast, the output.

The demo runs the whole lifecycle in one sitting, so it moves a simulated clock (模拟时钟) through
the exam days, the report and the approval instead of waiting for them. The clock starts at the
real time and only moves forward: the body's signing key is made at the start, and nothing may
be signed before it existed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

from kaoping.domain.beijing import BEIJING
from kaoping.fileio import write_atomically
from kaoping.services import accounts
from kaoping.services.base import Actor, Env

DEMO_PASSWORD = "Demo2026pass"
DEMO_PASSPHRASE = "demo-signing-key-2026"


class DemoClock:
    """A simulated clock (模拟时钟) that the demo moves forward between steps."""

    def __init__(self, start: datetime) -> None:
        self._now = start.astimezone(UTC)

    def now(self) -> datetime:
        """The simulated moment (timezone-aware UTC)."""
        return self._now

    def today(self) -> date:
        """The simulated day in China, where every date of the programme is counted."""
        return self._now.astimezone(BEIJING).date()

    def move_to(self, moment: datetime) -> None:
        """Move to a later moment; the simulated past is out of reach."""
        if moment < self._now:
            raise RuntimeError(f"演示时钟只能向前：{moment:%Y-%m-%d %H:%M} 早于当前模拟时间")
        self._now = moment.astimezone(UTC)


def beijing(day: date, hour: int, minute: int = 0) -> datetime:
    """A Beijing-time moment as a timezone-aware datetime."""
    return datetime.combine(day, time(hour, minute), BEIJING)


class Cast:
    """The demo's users, each signed in when they act.

    Someone idle for longer than the security policy allows signs in again, with the real
    password check, just as a person at the desk would after the clock moved on.
    """

    def __init__(self, env: Env, password: str) -> None:
        self._env = env
        self._password = password
        self._signed_in: dict[str, Actor] = {}

    def __call__(self, username: str) -> Actor:
        """The user, signed in now."""
        actor = self._signed_in.get(username)
        idle = timedelta(minutes=self._env.policy.idle_minutes)
        if actor is None or self._env.clock.now() - actor.last_active >= idle:
            actor = accounts.sign_in(self._env, username, self._password)
            self._signed_in[username] = actor
        return actor


@dataclass
class Artefacts:
    """The files the demo writes below its output folder, listed at the end (产物)."""

    out: Path
    files: list[tuple[str, Path]] = field(default_factory=list)
    folders: dict[Path, str] = field(default_factory=dict)

    def save(self, relative: str, data: bytes, label: str) -> Path:
        """Write one file and list it under its label."""
        path = self.path(relative)
        write_atomically(path, data)
        self.files.append((label, path))
        return path

    def save_in(self, folder: str, name: str, data: bytes, label: str) -> Path:
        """Write one of many files of a folder; the folder is listed once with its count."""
        path = self.path(f"{folder}/{name}")
        write_atomically(path, data)
        self.folders.setdefault(path.parent, label)
        return path

    def path(self, relative: str) -> Path:
        """Where a file of the demo goes (its folder is made)."""
        path = self.out / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        return path

    def listed(self, label: str, path: Path) -> None:
        """List a file written by someone else (the database)."""
        self.files.append((label, path))

    def print_list(self) -> None:
        """Print every file written, with its path; folders of many files with their count."""
        print("产物：")
        for label, path in self.files:
            print(f"   {label}：{path}")
        for folder, label in self.folders.items():
            names = sorted(p.name for p in folder.iterdir())
            print(f"   {label}：{folder}/（{len(names)} 个文件，{names[0]} … {names[-1]}）")


@dataclass(frozen=True)
class Timeline:
    """The batch's calendar, counted from the real day the demo starts (China time).

    Attributes:
        start: The day the demo starts (intake, letters).
        exam_day: The first assessment day; theory in the morning, practical over three days.
    """

    start: date

    @property
    def exam_day(self) -> date:
        """The first of the three assessment days, three weeks after intake."""
        return self.start + timedelta(days=21)

    @property
    def exam_end(self) -> date:
        """The last assessment day."""
        return self.exam_day + timedelta(days=2)

    def after_exams(self, days: int) -> date:
        """A day counted from the last assessment day."""
        return self.exam_end + timedelta(days=days)

    def before_exams(self, days: int) -> date:
        """A day counted back from the first assessment day."""
        return self.exam_day - timedelta(days=days)


@dataclass
class DemoRun:
    """Where the demo writes, who acts and when, and the records it has made so far."""

    env: Env
    clock: DemoClock
    cast: Cast
    files: Artefacts
    timeline: Timeline
    plan_id: int = 0
    batch_id: int = 0
    batch_code: str = ""
    sessions: dict[str, int] = field(default_factory=dict)
    theory_codes: tuple[str, ...] = ()
    practical_codes: tuple[str, ...] = ()
