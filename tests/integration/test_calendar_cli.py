"""`kaoping calendar …` and `kaoping deadlines`: import and review a notice, see what is unknown."""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from kaoping.cli.app import run
from kaoping.domain.catalogue import Level
from kaoping.domain.plans import BatchStatus, Plan
from kaoping.domain.roles import Role
from kaoping.services import deadlines, plans
from kaoping.services.base import Actor, Env
from tests.databases import PASSWORD

NOTICE_2026 = Path(__file__).resolve().parents[1] / "fixtures" / "holiday_notices" / "2026.txt"
ADMIN = "admin"


Cli = Callable[..., int]


@pytest.fixture
def cli(env: Env, actors: dict[Role, Actor], monkeypatch: pytest.MonkeyPatch) -> Cli:
    """Runs `kaoping …` in this process on the test's database, signing in by KAOPING_PASSWORD."""
    monkeypatch.setenv("KAOPING_PASSWORD", PASSWORD)

    def call(*argv: str) -> int:
        return run(list(argv), lambda _db: env)

    return call


def test_import_prints_the_months_and_confirms(
    cli: Cli, env: Env, admin: Actor, capsys: pytest.CaptureFixture[str]
) -> None:
    """`calendar import 2026.txt --confirm` shows February's run and the Saturdays worked."""
    assert cli("calendar", "import", str(NOTICE_2026), "--confirm", "--user", ADMIN) == 0
    out = capsys.readouterr().out
    assert "国务院办公厅关于2026年部分节假日安排的通知" in out
    assert " 2 月  放假 15日（日）至23日（一）；调休上班 14日（六）、28日（六）" in out
    assert "合计：放假 33 天（其中周一至周五 19 天），调休上班 6 天" in out
    assert "已导入并确认：2026 年：已确认（国务院通知）。" in out
    assert cli("calendar", "show", "2026", "--user", ADMIN) == 0
    shown = capsys.readouterr().out
    assert shown.startswith(
        "2026 年：已确认（国务院通知）\n依据：国务院办公厅关于2026年部分节假日安排的通知"
    )


def test_import_asks_and_stores_nothing_unless_answered_yes(
    cli: Cli,
    env: Env,
    admin: Actor,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Without --confirm the administrator is asked; "n" or no answer imports nothing."""
    for answer in ("n\n", ""):
        monkeypatch.setattr("sys.stdin", io.StringIO(answer))
        assert cli("calendar", "import", str(NOTICE_2026), "--user", ADMIN) == 1
        assert "未导入" in capsys.readouterr().out
    assert deadlines.list_holidays(env, admin) == []
    monkeypatch.setattr("sys.stdin", io.StringIO("y\n"))
    assert cli("calendar", "import", str(NOTICE_2026), "--user", ADMIN) == 0
    assert len(deadlines.list_holidays(env, admin)) == 39


def test_bad_notices_exit_2_with_a_chinese_reason(
    cli: Cli, env: Env, admin: Actor, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Another year, an empty file, a 2月30日: one line of Chinese on stderr, nothing stored."""
    assert (
        cli("calendar", "import", str(NOTICE_2026), "--year", "2027", "--confirm", "--user", ADMIN)
        == 2
    )
    assert "不是所选的 2027 年" in capsys.readouterr().err
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    assert cli("calendar", "import", str(empty), "--confirm", "--user", ADMIN) == 2
    assert "文件是空的" in capsys.readouterr().err
    wrong = tmp_path / "wrong.txt"
    wrong.write_text(NOTICE_2026.read_text().replace("2月28日", "2月30日"), encoding="gb18030")
    assert cli("calendar", "import", str(wrong), "--confirm", "--user", ADMIN) == 2
    err = capsys.readouterr().err
    assert err.startswith("错误：") and "2月30日 不存在" in err and "Traceback" not in err
    assert deadlines.list_holidays(env, admin) == []


def test_deadlines_say_which_year_is_incomplete(
    cli: Cli, env: Env, admin: Actor, actors: dict[Role, Actor], capsys: pytest.CaptureFixture[str]
) -> None:
    """One 2027 holiday entered: the report's confirmation date stays unknown, with the reason,
    and the year line says 2027 is incomplete; completing it with one entry is refused."""
    plan = Plan(
        0,
        "P-CAL",
        "人工智能初级考核",
        "2-02-10-09",
        "",
        Level.JUNIOR,
        date(2026, 1, 1),
        date(2026, 12, 31),
        "南宁考点",
        100,
        "",
    )
    exam_admin = actors[Role.EXAM_ADMIN]
    plan_id = plans.create_plan(env, exam_admin, plan)
    batch = plans.create_batch(
        env, exam_admin, plan_id, "B-CAL", "十二月批次", date(2026, 12, 1), date(2026, 12, 2)
    )
    with env.uow() as uow:
        uow.plans.set_batch_status(
            batch, BatchStatus.REPORTED, datetime(2026, 12, 24, 1, 0, tzinfo=UTC)
        )
        uow.commit()
    assert cli("holidays", "set", "2027-02-05", "--note", "2027 年春节", "--user", ADMIN) == 0
    assert cli("deadlines", "--user", ADMIN) == 0
    out = capsys.readouterr().out
    assert "2027 年的节假日安排尚未完整录入或确认，无法计算工作日期限" in out
    assert (
        "节假日安排：2026 年：内置官方日历；2027 年：未完整（已录入 1 天），工作日期限无法计算"
        in out
    )
    assert cli("calendar", "complete", "2027", "--user", ADMIN) == 2
    assert "只录入了 1 天" in capsys.readouterr().err
    assert cli("calendar", "status", "--user", ADMIN) == 0
    assert capsys.readouterr().out.splitlines() == [
        "2026 年：内置官方日历",
        "2027 年：未完整（已录入 1 天），工作日期限无法计算",
    ]
