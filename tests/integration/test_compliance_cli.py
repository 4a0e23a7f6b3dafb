"""`kaoping compliance check PATH [--json]`: exit 0 clean, 1 findings, 2 unreadable."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image
from reportlab.pdfgen.canvas import Canvas

from kaoping.adapters.fonts import ensure_fonts
from kaoping.cli.app import run
from kaoping.domain.roles import Role
from kaoping.services import certificates
from kaoping.services.base import Actor, Env
from tests.integration.test_certificates_support import PASSPHRASE, ready_batch


def _cli(env: Env, *argv: str) -> int:
    return run(list(argv), lambda _db: env)


def _pdf(text: str, image: bool = False) -> bytes:
    buffer = io.BytesIO()
    canvas = Canvas(buffer)
    canvas.setFont(ensure_fonts(), 14)
    canvas.drawString(72, 700, text)
    if image:
        picture = io.BytesIO()
        Image.new("RGB", (40, 40), (10, 120, 200)).save(picture, format="PNG")
        from reportlab.lib.utils import ImageReader

        canvas.drawImage(ImageReader(picture), 72, 600, 40, 40)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def test_text_files(env: Env, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A clean text exits 0; a disguised banned word exits 1 with rule, match, page and where."""
    clean = tmp_path / "clean.txt"
    clean.write_text("专业技术等级证书\n广西数字技术评价中心\n", encoding="utf-8")
    assert _cli(env, "compliance", "check", str(clean)) == 0
    dirty = tmp_path / "dirty.txt"
    dirty.write_text("第一行\n颁发机构：國\u200b家 评价中心\n", encoding="utf-8")
    capsys.readouterr()
    assert _cli(env, "compliance", "check", str(dirty), "--json") == 1
    shown = json.loads(capsys.readouterr().out)
    assert shown["ok"] is False
    finding = shown["findings"][0]
    assert {"rule", "match", "page", "where"} <= set(finding)
    assert finding["rule"] == "banned-word" and finding["where"] == "第2行"


def test_pdf_files(env: Env, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A PDF with a banned word or an unregistered image exits 1 and names the page."""
    banned = tmp_path / "banned.pdf"
    banned.write_bytes(_pdf("全 国 通用证书"))
    assert _cli(env, "compliance", "check", str(banned), "--json") == 1
    found = json.loads(capsys.readouterr().out)["findings"]
    assert found[0]["page"] == 1 and found[0]["word"] == "全国"
    picture = tmp_path / "picture.pdf"
    picture.write_bytes(_pdf("评价中心", image=True))
    assert _cli(env, "compliance", "check", str(picture), "--json") == 1
    assert json.loads(capsys.readouterr().out)["findings"][0]["rule"] == "unregistered-image"
    plain = tmp_path / "plain.pdf"
    plain.write_bytes(_pdf("评价中心"))
    assert _cli(env, "compliance", "check", str(plain)) == 0


def test_issued_certificate_passes(env: Env, actors: dict[Role, Actor], tmp_path: Path) -> None:
    """A signed certificate with the registered seal passes the check (exit 0)."""
    batch, _ = ready_batch(env, actors, 1)
    officer = actors[Role.CERTIFICATE_OFFICER]
    number = certificates.issue_batch(env, officer, batch, PASSPHRASE).numbers[0]
    path = tmp_path / "issued.pdf"
    path.write_bytes(certificates.certificate_pdf(env, officer, number))
    assert _cli(env, "compliance", "check", str(path)) == 0


def test_unreadable_inputs(env: Env, tmp_path: Path) -> None:
    """A broken PDF, a missing file or a non-UTF-8 binary exits 2."""
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.4\n garbage without structure")
    assert _cli(env, "compliance", "check", str(broken)) == 2
    assert _cli(env, "compliance", "check", str(tmp_path / "missing.txt")) == 2
    binary = tmp_path / "binary.txt"
    binary.write_bytes(bytes(range(128, 256)) * 4)
    assert _cli(env, "compliance", "check", str(binary)) == 2


def test_installed_command(tmp_path: Path) -> None:
    """The installed `kaoping` command gives the same exit codes on a fresh database."""
    kaoping = Path(sys.executable).with_name("kaoping")
    dirty = tmp_path / "dirty.txt"
    dirty.write_text("人力资源社会保障部", encoding="utf-8")
    environment = {**os.environ, "KAOPING_DB": f"sqlite:///{tmp_path / 'k.db'}"}
    result = subprocess.run(
        [str(kaoping), "--db", environment["KAOPING_DB"], "compliance", "check", str(dirty)],
        capture_output=True,
        text=True,
        check=False,
        env=environment,
        timeout=120,
    )
    assert result.returncode == 1, result.stderr
    assert "人力资源社会保障部" in result.stdout
