"""`kaoping bank …` and `kaoping paper …` from import to a printed, watermarked paper."""

from __future__ import annotations

import io
import json
import re
from dataclasses import asdict
from pathlib import Path

import pytest
from pypdf import PdfReader

from kaoping.cli.app import run
from kaoping.domain.roles import Role
from kaoping.services.base import Actor, Env
from tests.integration.test_bank_support import (
    PASSWORD,
    make_session,
    register_openers,
    spread_items,
)

_JSON_KEYS = {
    "occupation_code": "occupation",
    "knowledge_area": "knowledge_area",
    "item_type": "type",
    "difficulty": "difficulty",
    "stem": "stem",
    "options": "options",
    "answer": "answer",
    "rubric": "rubric",
    "level": "level",
    "direction": "direction",
}


def _items_file(env: Env, path: Path, count: int) -> Path:
    items = [
        {
            _JSON_KEYS[k]: list(v) if isinstance(v, tuple) else v
            for k, v in asdict(raw).items()
            if k in _JSON_KEYS
        }
        for raw in spread_items(env, count)
    ]
    path.write_text(
        json.dumps({"format": "kaoping-items", "version": 1, "items": items}, ensure_ascii=False),
        encoding="utf-8",
    )
    return path


def test_cli_imports_assembles_and_prints(
    env: Env,
    actors: dict[Role, Actor],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A bank admin imports and assembles from the command line; two openers print the paper."""
    monkeypatch.setenv("KAOPING_PASSWORD", PASSWORD)
    monkeypatch.setenv("KAOPING_SECOND_PASSWORD", PASSWORD)

    def cli(*argv: str) -> int:
        return run(list(argv), lambda _db: env)

    assert cli("bank", "init", "--user", "u_bank_admin") == 0
    source = _items_file(env, tmp_path / "items.json", 120)
    assert cli("bank", "import", str(source), "--approve", "--user", "u_bank_admin") == 0
    assert cli("bank", "stats", "--json", "--user", "admin") == 0
    capsys.readouterr()
    session_id = make_session(env, actors)
    register_openers(env, actors)
    assert (
        cli(
            "paper",
            "assemble",
            "--occupation",
            "2-02-10-09",
            "--level",
            "初级",
            "--count",
            "30",
            "--session",
            str(session_id),
            "--user",
            "u_bank_admin",
        )
        == 0
    )
    code = re.search(r"试卷 (SJ[\w-]+)", capsys.readouterr().out)
    assert code is not None
    out = tmp_path / "paper.pdf"
    assert (
        cli(
            "paper",
            "print",
            code.group(1),
            "--session",
            str(session_id),
            "--user",
            "u_exam_admin",
            "--second-user",
            "u_exam_admin",
            "--purpose",
            "开考",
            "--out",
            str(out),
        )
        == 2
    )
    assert "两位不同的人" in capsys.readouterr().err and not out.exists()
    assert (
        cli(
            "paper",
            "print",
            code.group(1),
            "--session",
            str(session_id),
            "--user",
            "u_exam_admin",
            "--second-user",
            "u_supervisor",
            "--purpose",
            "开考",
            "--out",
            str(out),
        )
        == 0
    )
    pages = PdfReader(io.BytesIO(out.read_bytes())).pages
    assert all("u_exam_admin" in page.extract_text() for page in pages)
