"""`kaoping certificate stock ...`: layouts in and out, calibration, the sheets as PDF, the log."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from kaoping.cli.app import run
from kaoping.domain.roles import Role
from kaoping.services import certificates
from kaoping.services.base import Actor, Env
from tests.integration.test_stock_printing import RARE_NAME, _issue

PASSWORD = "Passw0rd-test"


def test_stock_printing_on_the_command_line(
    env: Env,
    actors: dict[Role, Actor],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("KAOPING_PASSWORD", PASSWORD)
    officer = actors[Role.CERTIFICATE_OFFICER]
    numbers = _issue(env, actors)
    certificates.save_stock_layout(env, officer, certificates.new_stock_layout(env, officer, "A"))

    def cli(*argv: str) -> int:
        return run([*argv, "--user", officer.username], lambda _db: env)

    layout_file = tmp_path / "layout.json"
    assert cli("certificate", "stock", "export", "A", "--out", str(layout_file)) == 0
    data = json.loads(layout_file.read_text("utf-8"))
    data["name"] = "B"
    layout_file.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    assert cli("certificate", "stock", "import", str(layout_file)) == 0
    assert "已保存套打版式“B”" in capsys.readouterr().out
    assert cli("certificate", "stock", "layouts", "--json") == 0
    assert [x["name"] for x in json.loads(capsys.readouterr().out)] == ["A", "B"]
    page = tmp_path / "calibration.pdf"
    assert (
        cli("certificate", "stock", "calibration-page", "--printer", "HP", "--out", str(page)) == 0
    )
    text = subprocess.run(["pdftotext", str(page), "-"], capture_output=True, text=True).stdout
    assert "打印机：HP" in text and "A（20, 20）" in text
    calibrate = ["certificate", "stock", "calibrate", "HP", "--measured-a", "21,19.5"]
    assert cli(*calibrate, "--measured-c", "278.2,189.4") == 0
    assert "已保存打印机“HP”的校准" in capsys.readouterr().out
    out = tmp_path / "sheets"
    assert (
        cli(
            "certificate",
            "stock",
            "print",
            *numbers,
            "--layout",
            "B",
            "--printer",
            "HP",
            "--out",
            str(out),
        )
        == 0
    )
    sheets = sorted(out.glob("*.pdf"))
    assert len(sheets) == 2
    texts = [
        subprocess.run(["pdftotext", str(s), "-"], capture_output=True, text=True).stdout
        for s in sheets
    ]
    assert any(RARE_NAME in t for t in texts)
    capsys.readouterr()
    assert cli("certificate", "stock", "print", numbers[0], "--layout", "B", "--out", str(out)) == 2
    assert f"证书 {numbers[0]} 已打印过 1 次，重打须填写原因" in capsys.readouterr().err
    again = ["certificate", "stock", "print", numbers[0], "--layout", "B", "--reason", "卡纸"]
    assert cli(*again, "--out", str(out)) == 0
    assert "其中重打 1 张" in capsys.readouterr().out
    assert cli("certificate", "stock", "log", numbers[0], "--json") == 0
    log = json.loads(capsys.readouterr().out)
    assert [(r["kind"], r["printer"], r["stock"], r["reason"]) for r in log] == [
        ("first", "HP", "B", ""),
        ("reprint", "PDF", "B", "卡纸"),
    ]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "空的"),
        (b"\x00\x01garbage", "JSON"),
        (b"[" * 100 + b"]" * 100, "层"),
        (b'"' + b"a" * (300 * 1024) + b'"', "超过上限"),
        (
            b'{"format": "kaoping-stock-layout", "page": {"width": 1e309, "height": 210}, "fields": []}',
            "有效的数字",
        ),
    ],
)
def test_hostile_layout_files_are_refused_in_chinese(
    env: Env,
    actors: dict[Role, Actor],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    content: bytes,
    message: str,
) -> None:
    monkeypatch.setenv("KAOPING_PASSWORD", PASSWORD)
    officer = actors[Role.CERTIFICATE_OFFICER]
    path = tmp_path / "layout.json"
    path.write_bytes(content)
    assert (
        run(
            ["certificate", "stock", "import", str(path), "--user", officer.username],
            lambda _db: env,
        )
        == 2
    )
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err
    assert certificates.stock_layouts(env, officer) == []
