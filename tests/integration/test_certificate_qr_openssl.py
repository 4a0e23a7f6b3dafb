"""docs/certificate-qr.md, followed to the letter: a third party checks the QR code and the
revocation list with `openssl` (and bash, jq), the worked example and a real certificate alike."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from kaoping.domain.roles import Role
from kaoping.services import certificates, verification
from kaoping.services.base import Actor, Env
from tests.integration.test_certificates_support import PASSPHRASE, ready_batch

DOC = Path(__file__).resolve().parents[2] / "docs" / "certificate-qr.md"

pytestmark = pytest.mark.skipif(
    not all(shutil.which(tool) for tool in ("openssl", "bash", "jq")),
    reason="needs the openssl, bash and jq commands",
)


def _blocks() -> dict[str, str]:
    """The shell blocks of the document, by the marker above each."""
    text = DOC.read_text(encoding="utf-8")
    return dict(re.findall(r"<!-- (\w+: \w+) -->\n```sh\n(.*?)```", text, re.S))


def _run(script: str, folder: Path) -> str:
    done = subprocess.run(
        ["bash", "-e", "-c", script], cwd=folder, capture_output=True, text=True, check=False
    )
    return done.stdout + done.stderr


def test_the_worked_example_verifies(tmp_path: Path) -> None:
    """The example QR text and revocation list, checked with the document's commands."""
    blocks = _blocks()
    assert set(blocks) == {"example: files", "steps: qr", "example: list", "steps: list"}
    out = _run(blocks["example: files"] + blocks["steps: qr"], tmp_path)
    assert "Verified OK" in out, out
    assert "GXDT-DEMO01-2026-000123-64\n123X\n2-02-10-09\nI\n20261125" in out
    fingerprint = re.search(r"sha256 Fingerprint=([0-9A-F:]+)", out)
    assert fingerprint is not None and fingerprint.group(1) in DOC.read_text(encoding="utf-8")
    out = _run(blocks["example: list"] + blocks["steps: list"], tmp_path)
    assert "Verified OK" in out, out
    assert '"number":"GXDT-DEMO01-2026-000077-08","status":"revoked"' in out
    assert "列表未过期" in out or "列表已过期" in out


def test_a_changed_character_fails_the_documented_check(tmp_path: Path) -> None:
    """Changing the ID's last four in the example QR text: OpenSSL says Verification failure."""
    blocks = _blocks()
    _run(blocks["example: files"], tmp_path)
    qr = tmp_path / "qr.txt"
    qr.write_text(qr.read_text("ascii").replace(":123X:", ":1234:"), "ascii")
    out = _run(blocks["steps: qr"], tmp_path)
    assert "Verification failure" in out and "Verified OK" not in out


def test_a_real_certificate_and_list_verify_the_documented_way(
    env: Env, actors: dict[Role, Actor], tmp_path: Path
) -> None:
    """The steps hold for what Kaoping issues: its QR text (behind a lookup URL too) and list."""
    officer = actors[Role.CERTIFICATE_OFFICER]
    batch, _ = ready_batch(env, actors, 2)
    numbers = certificates.issue_batch(env, officer, batch, PASSPHRASE).numbers
    certificates.revoke_certificate(env, officer, numbers[1], "他人代考")
    with env.uow(write=False) as uow:
        key = uow.body.active_signing_key()
    assert key is not None
    (tmp_path / "body.pem").write_bytes(key[1])
    blocks = _blocks()
    record = certificates.find_certificate(env, officer, numbers[0])
    (tmp_path / "qr.txt").write_text("https://verify.example.org/c?q=" + record.qr_payload, "ascii")
    out = _run(blocks["steps: qr"], tmp_path)
    assert "Verified OK" in out, out
    assert f"\n{numbers[0]}\n" in out
    (tmp_path / "revocations.json").write_bytes(
        verification.export_revocation_list(env, officer, PASSPHRASE)
    )
    steps = blocks["steps: list"].replace("GXDT-DEMO01-2026-000077-08", numbers[1])
    out = _run(steps, tmp_path)
    assert "Verified OK" in out and f'"number":"{numbers[1]}","status":"revoked"' in out, out
