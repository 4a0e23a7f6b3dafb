"""`kaoping plan|batch|remit` and `kaoping eligibility override`: what the desktop does, from a script."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from kaoping.cli.app import run
from kaoping.domain.roles import Role
from kaoping.domain.roster import HEADERS, KEY_OF
from kaoping.services import intake, plans
from kaoping.services.base import Actor, Env
from kaoping.services.ports.intake import CandidateQuery
from tests.databases import PASSWORD, USERNAMES
from tests.integration.test_intake_service import cells, id_number

ADMIN = ["--user", USERNAMES[Role.EXAM_ADMIN]]
SUPERVISOR = ["--user", USERNAMES[Role.SUPERVISOR]]
LISTING = "桂人社函〔2026〕12号 评价机构目录"


@pytest.fixture
def cli(env: Env, monkeypatch: pytest.MonkeyPatch) -> object:
    monkeypatch.setenv("KAOPING_PASSWORD", PASSWORD)

    def call(*argv: str) -> int:
        return run(list(argv), lambda _db: env)

    return call


def test_plan_and_batch_from_the_command_line(
    env: Env, actors: dict[Role, Actor], cli: object, capsys: pytest.CaptureFixture[str]
) -> None:
    """A plan and a batch are made, listed, and a mistyped date or unknown plan is named."""
    assert callable(cli)
    plan = [
        "plan", "create", "--code", "P-CLI", "--title", "人工智能初级考核",
        "--occupation", "2-02-10-09", "--direction", "计算机视觉产品实现", "--level", "初级",
        "--start", "2026-12-01", "--end", "2026-12-31", "--capacity", "100",
    ]  # fmt: skip
    assert cli(*plan, *ADMIN) == 0
    assert "已制定考核计划 P-CLI" in capsys.readouterr().out
    batch = ["batch", "create", "--plan", "P-CLI", "--code", "B-CLI", "--start", "2026-12-05"]
    assert cli(*batch, "--end", "2026-12-06", *ADMIN) == 0
    assert "已开设批次 B-CLI" in capsys.readouterr().out
    assert plans.find_batch(env, actors[Role.EXAM_ADMIN], "B-CLI").level.label == "初级"
    assert cli("batch", "list", "--plan", "P-CLI", "--json", *ADMIN) == 0
    [listed] = json.loads(capsys.readouterr().out)
    assert listed["code"] == "B-CLI" and listed["status"] == "报名与考核中"
    assert cli("plan", "list", *ADMIN) == 0
    assert "P-CLI" in capsys.readouterr().out
    assert cli(*batch[:-1], "2026年12月", "--end", "明天", *ADMIN) == 2
    assert "“明天”不是日期" in capsys.readouterr().err
    assert cli("batch", "create", "--plan", "P-NONE", "--code", "B-X", "--start", "2026-12-05",
               "--end", "2026-12-06", *ADMIN) == 2  # fmt: skip
    assert "考核计划 P-NONE 不存在" in capsys.readouterr().err


def test_remit_propose_confirm_show_and_the_refusal_outside_it(
    env: Env, actors: dict[Role, Actor], cli: object, capsys: pytest.CaptureFixture[str]
) -> None:
    """The administrator proposes, the supervisor confirms, show lists it; a plan outside fails."""
    assert callable(cli)
    propose = ["remit", "propose", "--entry", "2-02-10-09:计算机视觉产品实现:初级"]
    assert cli(*propose, "--basis", LISTING, "--user", "admin") == 0
    assert "须由质量督导员执行 kaoping remit confirm" in capsys.readouterr().out
    assert cli("remit", "confirm", "--user", "admin") == 2
    assert "确认业务范围" in capsys.readouterr().err
    assert cli("remit", "confirm", *SUPERVISOR) == 0
    assert "计算机视觉产品实现方向 初级" in capsys.readouterr().out
    assert cli("remit", "show", "--json", *ADMIN) == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown["current"]["entries"] == ["2-02-10-09:计算机视觉产品实现:初级"]
    assert shown["current"]["confirmed_by"] == USERNAMES[Role.SUPERVISOR] and not shown["pending"]
    outside = [
        "plan", "create", "--code", "P-OUT", "--title", "大数据初级", "--occupation",
        "2-02-10-11", "--level", "初级", "--start", "2026-12-01", "--end", "2026-12-31",
    ]  # fmt: skip
    assert cli(*outside, *ADMIN) == 2
    assert "不在本机构的业务范围内" in capsys.readouterr().err
    assert (
        cli("remit", "propose", "--entry", "2-02-10-09", "--basis", LISTING, "--user", "admin") == 2
    )
    assert "格式不对" in capsys.readouterr().err


def test_override_from_the_command_line_and_the_import_report(
    env: Env,
    actors: dict[Role, Actor],
    cli: object,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
) -> None:
    """The import prints the verdict counts; the supervisor's override is recorded and listed."""
    assert callable(cli)
    plan = [
        "plan", "create", "--code", "P-OVR", "--title", "人工智能初级考核", "--occupation",
        "2-02-10-09", "--level", "初级", "--start", "2026-12-01", "--end", "2026-12-31",
    ]  # fmt: skip
    assert cli(*plan, *ADMIN) == 0
    assert cli("batch", "create", "--plan", "P-OVR", "--code", "B-OVR", "--start", "2026-12-05",
               "--end", "2026-12-06", *ADMIN) == 0  # fmt: skip
    roster = tmp_path / "roster.csv"
    rows = [cells(id_number(71)), cells(id_number(72), name="陆晓红", training_cert_no="",
                                        training_body="", training_hours="", training_date="")]  # fmt: skip
    with roster.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADERS)
        for row in rows:
            writer.writerow([row.get(KEY_OF[h], "") for h in HEADERS])
    capsys.readouterr()
    assert cli("candidates", "import", str(roster), "--batch", "B-OVR", *ADMIN) == 0
    out = capsys.readouterr().out
    assert "申报条件：有效行中符合 1 行，不符合 1 行" in out
    assert "第2行 张三（" in out and "符合申报条件：（2）具有相关专业大学本科及以上学历" in out
    assert "第3行 陆晓红（" in out and "缺少：培训合格证书编号" in out
    assert id_number(72) not in out
    batch = plans.find_batch(env, actors[Role.EXAM_ADMIN], "B-OVR")
    stopped = next(
        c.id
        for c in intake.list_candidates(env, actors[Role.EXAM_ADMIN], CandidateQuery(batch.id)).rows
        if not c.eligible
    )
    basis = "核对结业名单，证书编号待补"
    assert (
        cli("eligibility", "override", "--candidate", str(stopped), "--basis", basis, *ADMIN) == 2
    )
    assert "登记申报条件例外" in capsys.readouterr().err
    assert (
        cli("eligibility", "override", "--candidate", str(stopped), "--basis", basis, *SUPERVISOR)
        == 0
    )
    assert f"已为考生编号 {stopped} 登记申报条件例外" in capsys.readouterr().out
    assert cli("eligibility", "overrides", "--batch", "B-OVR", *ADMIN) == 0
    listed = capsys.readouterr().out
    assert "陆晓红" in listed and basis in listed and id_number(72) not in listed
    assert cli("eligibility") == 2
    assert "--json" in capsys.readouterr().err


def test_eligibility_json_reads_training_facts_and_names_the_proof(
    cli: object, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """The JSON check takes the training facts; a fresh graduate's verdict names the proof."""
    assert callable(cli)
    facts = {
        "education": "大学专科",
        "major_related": True,
        "graduation_date": "2026-07-01",
        "training_cert_no": "PX2026-0001",
        "training_body": "广西某培训学校",
    }
    query = {"occupation": "2-02-10-09", "level": "初级", "as_of": "2026-05-20", "facts": facts}
    path = tmp_path / "facts.json"
    path.write_text(json.dumps(query, ensure_ascii=False), encoding="utf-8")
    assert cli("eligibility", "--json", str(path)) == 0
    verdict = json.loads(capsys.readouterr().out)
    assert verdict["eligible"] and verdict["satisfied"]["id"] == "5"
    assert "毕业证书" in verdict["proof"] and verdict["training_missing"] == []
    del facts["training_cert_no"]
    path.write_text(json.dumps(query, ensure_ascii=False), encoding="utf-8")
    assert cli("eligibility", "--json", str(path)) == 0
    verdict = json.loads(capsys.readouterr().out)
    assert not verdict["eligible"] and verdict["proof"] == ""
    assert "培训合格证书编号" in verdict["training_missing"][0]
