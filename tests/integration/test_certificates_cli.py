"""The certificate commands end to end: seal, approval, issue, list, revoke, reissue, revocations."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kaoping.cli import certificates as certificates_cli
from kaoping.cli.app import run
from kaoping.domain.certificates import certificate_file_name
from kaoping.domain.roles import Role
from kaoping.paths import resource_path
from kaoping.services.base import Actor, Env
from tests.integration.test_certificates_support import PASSPHRASE, add_candidates, make_batch

PASSWORD = "Passw0rd-test"


def test_officer_workflow_on_the_command_line(
    env: Env,
    actors: dict[Role, Actor],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A certificate officer does the whole round with `kaoping` commands only."""
    monkeypatch.setenv("KAOPING_PASSWORD", PASSWORD)
    monkeypatch.setenv("KAOPING_KEY_PASSPHRASE", PASSPHRASE)
    batch = make_batch(env, actors)
    add_candidates(env, batch, 2)
    add_candidates(env, batch, 1, outcome="failed")
    user = ["--user", "u_certificate_officer"]

    def cli(*argv: str) -> int:
        return run([*argv, *user], lambda _db: env)

    seal = resource_path("images", "demo_seal.png")
    assert cli("assets", "register", str(seal), "--name", "机构印章") == 0
    assert (
        cli(
            "approval",
            "record",
            "--batch",
            batch,
            "--all",
            "--reference",
            "人社审〔2026〕1号",
            "--date",
            "2026-11-20",
        )
        == 0
    )
    assert "已登记 2 名考生审核通过" in capsys.readouterr().out
    out = tmp_path / "issued"
    assert cli("certificate", "issue", "--batch", batch, "--out", str(out)) == 0
    assert "颁证截止日：2026-12-20" in capsys.readouterr().out
    files = sorted(out.glob("*.pdf"))
    assert len(files) == 2
    assert cli("certificate", "list", "--batch", batch, "--json") == 0
    listed = json.loads(capsys.readouterr().out)
    first, second = (row["number"] for row in listed)
    assert cli("certificate", "revoke", first, "--reason", "虚假承诺") == 0
    assert cli("certificate", "reissue", second, "--reason", "证书遗失") == 0
    assert "原证书" in capsys.readouterr().out
    crl = tmp_path / "revocations.json"
    assert cli("certificate", "revocations", "--out", str(crl)) == 0
    signed = json.loads(json.loads(crl.read_text("utf-8"))["list"])
    numbers = {e["number"] for e in signed["entries"]}
    assert numbers == {first, second}
    assert run(["certificate", "verify", str(files[0])], lambda _db: env) == 1
    assert cli("certificate", "list", "--batch", batch) == 0
    shown = capsys.readouterr().out
    assert "已撤销" in shown and "虚假承诺" in shown and "证书遗失" in shown


def test_wrong_user_is_refused(
    env: Env,
    actors: dict[Role, Actor],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """An examiner cannot issue certificates: exit 2 with the roles that could."""
    monkeypatch.setenv("KAOPING_PASSWORD", PASSWORD)
    monkeypatch.setenv("KAOPING_KEY_PASSPHRASE", PASSPHRASE)
    batch = make_batch(env, actors)
    code = run(["certificate", "issue", "--batch", batch, "--user", "u_examiner"], lambda _db: env)
    assert code == 2
    assert "证书管理员" in capsys.readouterr().err


class SimulatedKill(BaseException):
    """The process dying: nothing in the command catches it."""


def test_issue_stopped_after_its_commit_is_finished_by_the_next_run(
    env: Env,
    actors: dict[Role, Actor],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Certificates issued but not saved get exactly their PDFs on the next `issue --out`."""
    monkeypatch.setenv("KAOPING_PASSWORD", PASSWORD)
    monkeypatch.setenv("KAOPING_KEY_PASSPHRASE", PASSPHRASE)
    batch = make_batch(env, actors)
    add_candidates(env, batch, 4)
    user = ["--user", "u_certificate_officer"]

    def cli(*argv: str) -> int:
        return run([*argv, *user], lambda _db: env)

    seal = str(resource_path("images", "demo_seal.png"))
    assert cli("assets", "register", seal, "--name", "机构印章") == 0
    approval = ["--all", "--reference", "人社审1号", "--date", "2026-11-20"]
    assert cli("approval", "record", "--batch", batch, *approval) == 0
    capsys.readouterr()
    out = tmp_path / "issued"
    written: list[Path] = []
    real_write = certificates_cli.write_atomically

    def dying_write(path: Path, data: bytes) -> None:
        if len(written) == 1:
            raise SimulatedKill
        real_write(path, data)
        written.append(path)

    with monkeypatch.context() as patch:
        patch.setattr(certificates_cli, "write_atomically", dying_write)
        with pytest.raises(SimulatedKill):
            cli("certificate", "issue", "--batch", batch, "--out", str(out))
    capsys.readouterr()
    assert [p.name for p in out.iterdir()] == [written[0].name]
    assert cli("certificate", "list", "--batch", batch, "--json") == 0
    numbers = [row["number"] for row in json.loads(capsys.readouterr().out)]
    assert len(numbers) == 4

    assert cli("certificate", "issue", "--batch", batch, "--out", str(out)) == 0
    said = capsys.readouterr().out
    assert "补写了 3 份缺少的证书 PDF" in said and "没有新的可发证考生" in said
    assert sorted(p.name for p in out.iterdir()) == sorted(
        certificate_file_name(n) for n in numbers
    )
    exported = tmp_path / "exported"
    assert cli("certificate", "export", *numbers, "--out", str(exported)) == 0
    for number in numbers:
        name = certificate_file_name(number)
        assert (out / name).read_bytes() == (exported / name).read_bytes()
        assert run(["certificate", "verify", str(out / name)], lambda _db: env) == 0

    # Nothing missing and nobody new: the usual refusal.
    capsys.readouterr()
    assert cli("certificate", "issue", "--batch", batch, "--out", str(out)) == 2
    assert "没有可发证的考生" in capsys.readouterr().err


def test_workers_setting_on_the_command_line(
    env: Env,
    actors: dict[Role, Actor],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The administrator sets how many processes issue a batch; a negative count is refused."""
    monkeypatch.setenv("KAOPING_PASSWORD", PASSWORD)

    def settings(*argv: str) -> int:
        return run(["certificate", "settings", *argv, "--user", "admin"], lambda _db: env)

    assert settings() == 0
    assert "批量签发进程数：每个处理器核一个" in capsys.readouterr().out
    assert settings("--workers", "3") == 0
    shown = capsys.readouterr().out
    assert "证书设置已保存" in shown and "批量签发进程数：3" in shown
    assert settings("--workers", "-1") == 2
    assert "签发进程数 -1 不在 0–64 之间" in capsys.readouterr().err
    assert settings() == 0
    assert "批量签发进程数：3" in capsys.readouterr().out
