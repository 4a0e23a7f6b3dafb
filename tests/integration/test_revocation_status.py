"""Revocation status is never assumed: offline, only a current signed list can say "valid".

A verifier without the issuing body's database (here: a freshly installed, empty one) is told
that the signature is valid but the revocation status unknown, and why, unless it has the body's
revocation list and the list is no older than the body says it may be.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from kaoping.adapters.clock import FixedClock
from kaoping.bootstrap import build_env
from kaoping.cli.app import run
from kaoping.domain.certificates import RevocationCategory
from kaoping.domain.errors import ValidationError
from kaoping.domain.roles import Role
from kaoping.services import certificates, verification
from kaoping.services.base import Actor, Env
from tests.databases import START, SqliteTemplates, Stage, dispose
from tests.integration.test_certificates_support import PASSPHRASE, ready_batch

pytestmark = pytest.mark.sqlite_only  # the verifier's database is a new SQLite file either way


@pytest.fixture
def clean_env(tmp_path: Path, clock: FixedClock) -> Iterator[Env]:
    """Another computer: Kaoping installed, never set up (no body, no key, no register)."""
    environment = build_env(f"sqlite:///{tmp_path / 'clean.db'}", clock=clock, fast_hashing=True)
    yield environment
    dispose(environment)


def _issue(env: Env, actors: dict[Role, Actor], folder: Path) -> dict[str, Path]:
    officer = actors[Role.CERTIFICATE_OFFICER]
    batch, _ = ready_batch(env, actors, 2)
    numbers = certificates.issue_batch(env, officer, batch, PASSPHRASE).numbers
    files = {}
    for name, number in zip(("revoked", "valid"), numbers, strict=True):
        files[name] = folder / f"{number}.pdf"
        files[name].write_bytes(certificates.certificate_pdf(env, officer, number))
    certificates.revoke_certificate(
        env, officer, numbers[0], "复核发现他人代考", RevocationCategory.IMPERSONATION
    )
    files["pem"] = folder / "body.pem"
    with env.uow(write=False) as uow:
        files["pem"].write_bytes(uow.body.active_signing_key()[1])  # type: ignore[index]
    return files


@pytest.fixture
def holder(env: Env, actors: dict[Role, Actor], tmp_path: Path) -> dict[str, Path]:
    """Two certificates saved as files, the first revoked for impersonation, and the body's PEM."""
    return _issue(env, actors, tmp_path)


@pytest.fixture(scope="module")
def issued(
    tmp_path_factory: pytest.TempPathFactory, store_templates: SqliteTemplates
) -> dict[str, Path]:
    """The same files, made once for the tests that only check them on a clean database.

    Issuing renders and signs PDFs, which costs far more than those tests do themselves.
    """
    folder = tmp_path_factory.mktemp("issued")
    template = store_templates.get(Stage.ACTORS)
    url = SqliteTemplates.copy(template, folder / "kaoping.db")
    environment = build_env(
        url, key=template.key, clock=FixedClock(START), fast_hashing=True, migrate_schema=False
    )
    try:
        actors = {role: replace(actor) for role, actor in template.actors.items()}
        return _issue(environment, actors, folder)
    finally:
        dispose(environment)


def _list(env: Env, officer: Actor, path: Path) -> Path:
    officer.last_active = env.clock.now()  # signed in again after the days the test skips
    path.write_bytes(verification.export_revocation_list(env, officer, PASSPHRASE))
    return path


def _verify(
    verifier: Env, capsys: pytest.CaptureFixture[str], *argv: str
) -> tuple[int, dict[str, object]]:
    code = run(["certificate", "verify", *argv, "--json"], lambda _db: verifier)
    return code, json.loads(capsys.readouterr().out)


def test_offline_no_list_stale_list_current_list(
    env: Env,
    clean_env: Env,
    clock: FixedClock,
    actors: dict[Role, Actor],
    holder: dict[str, Path],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A revoked certificate checked on a clean database: unknown, unknown, then revoked."""
    officer = actors[Role.CERTIFICATE_OFFICER]
    weekold = _list(env, officer, tmp_path / "old.json")
    base = [str(holder["revoked"]), "--cert", str(holder["pem"])]

    code, shown = _verify(clean_env, capsys, *base)
    assert code == 3 and shown["verdict"] == "unknown" and shown["problems"] == []
    assert "没有吊销列表" in str(shown["status_unknown"])

    clock.advance(days=8)
    code, shown = _verify(clean_env, capsys, *base, "--crl", str(weekold))
    assert code == 3 and shown["verdict"] == "unknown"
    why = str(shown["status_unknown"])
    assert "签发于 2026-11-25 17:00" in why and "已超过 7 天" in why
    assert "该列表中此证书已撤销" in why

    current = _list(env, officer, tmp_path / "new.json")
    code, shown = _verify(clean_env, capsys, *base, "--crl", str(current))
    assert code == 1 and shown["verdict"] == "invalid"
    assert shown["problems"] == [
        f"证书 {holder['revoked'].stem} 已撤销（2026-11-25，冒名顶替（他人代考））"
    ]
    # The reason the body recorded stays inside the body: the list carries the category only.
    assert "复核发现" not in current.read_text("utf-8")

    code, shown = _verify(clean_env, capsys, str(holder["valid"]), "--cert", str(holder["pem"]))
    assert code == 3
    code, shown = _verify(
        clean_env, capsys, str(holder["valid"]), "--cert", str(holder["pem"]), "--crl", str(current)
    )
    assert (
        code == 0 and shown["verdict"] == "valid" and "吊销列表" in str(shown["revocation_source"])
    )


def test_the_text_output_says_signature_valid_status_unknown_and_why(
    clean_env: Env, issued: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    code = run(
        ["certificate", "verify", str(issued["revoked"]), "--cert", str(issued["pem"])],
        lambda _db: clean_env,
    )
    out = capsys.readouterr().out
    assert code == 3
    assert out.startswith("签名有效，撤销状态未知")
    assert "撤销状态未知：没有吊销列表" in out and "证书有效" not in out


def test_the_body_decides_how_long_its_list_counts(
    env: Env,
    clean_env: Env,
    clock: FixedClock,
    actors: dict[Role, Actor],
    admin: Actor,
    holder: dict[str, Path],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """With 30 days set (stored as a setting, written into the signed list) an 8-day-old list counts."""
    officer = actors[Role.CERTIFICATE_OFFICER]
    settings = certificates.certificate_settings(env, officer)
    assert settings.revocation_list_days == 7
    certificates.update_certificate_settings(env, admin, replace(settings, revocation_list_days=30))
    listed = _list(env, officer, tmp_path / "list.json")
    signed = json.loads(json.loads(listed.read_text("utf-8"))["list"])
    assert signed["max_age_days"] == 30
    clock.advance(days=8)
    code, shown = _verify(
        clean_env, capsys, str(holder["valid"]), "--cert", str(holder["pem"]), "--crl", str(listed)
    )
    assert code == 0, shown
    clock.advance(days=23)
    code, shown = _verify(
        clean_env, capsys, str(holder["valid"]), "--cert", str(holder["pem"]), "--crl", str(listed)
    )
    assert code == 3 and "已超过 30 天" in str(shown["status_unknown"])
    admin.last_active = env.clock.now()
    with pytest.raises(ValidationError, match="1–90"):
        certificates.update_certificate_settings(
            env, admin, replace(settings, revocation_list_days=0)
        )


def test_the_issuing_bodys_own_database_knows(
    env: Env, holder: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    """On the body's own database the register answers, with or without --cert."""
    for extra in ((), ("--cert", str(holder["pem"]))):
        code, shown = _verify(env, capsys, str(holder["valid"]), *extra)
        assert code == 0 and shown["revocation_source"] == verification.SOURCE_DATABASE
        code, shown = _verify(env, capsys, str(holder["revoked"]), *extra)
        assert code == 1 and "复核发现他人代考" in str(shown["problems"])


def test_a_list_from_the_future_or_another_body_proves_nothing(
    env: Env,
    clean_env: Env,
    clock: FixedClock,
    actors: dict[Role, Actor],
    holder: dict[str, Path],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    officer = actors[Role.CERTIFICATE_OFFICER]
    clock.advance(days=2)
    ahead = _list(env, officer, tmp_path / "ahead.json")
    clock.advance(days=-2)
    base = [str(holder["valid"]), "--cert", str(holder["pem"])]
    code, shown = _verify(clean_env, capsys, *base, "--crl", str(ahead))
    assert code == 3 and "晚于本机时间" in str(shown["status_unknown"])
    other = _signed_list(env, {"issuer_code": "9999", "issued_at": clock.now().isoformat()})
    (tmp_path / "other.json").write_bytes(other)
    code, shown = _verify(clean_env, capsys, *base, "--crl", str(tmp_path / "other.json"))
    assert code == 3 and "不是签发该证书的机构" in str(shown["status_unknown"])


def test_lists_in_the_first_format_are_still_read(
    env: Env, clean_env: Env, clock: FixedClock, holder: dict[str, Path], tmp_path: Path
) -> None:
    """A list written by an earlier version (format 1, `generated_at`, reasons) still counts."""
    with env.uow(write=False) as uow:
        code = uow.body.get_profile().code  # type: ignore[union-attr]
    body = {
        "issuer_code": code,
        "issuer_name": "机构",
        "generated_at": clock.now().isoformat(timespec="seconds"),
        "entries": [
            {
                "number": holder["revoked"].stem,
                "status": "revoked",
                "reason": "他人代考",
                "date": "",
            }
        ],
    }
    canonical = json.dumps(body, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    kit = env.adapters.certificates
    with env.uow(write=False) as uow:
        key = uow.body.active_signing_key()
    assert key is not None
    signature = kit.sign_bytes(kit.open_identity(key[0], key[1], PASSPHRASE), canonical.encode())
    document = {
        "format": "kaoping-revocations/1",
        "list": body,
        "signature": base64.b64encode(signature).decode(),
    }
    path = tmp_path / "v1.json"
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    result = verification.verify_file(
        clean_env, holder["revoked"], revocation_list=path.read_bytes(), trusted=[key[1]]
    )
    assert result.verdict == "invalid" and "他人代考" in result.problems[0]


def _signed_list(env: Env, fields: dict[str, object]) -> bytes:
    """A format-2 list signed with the body's key but saying what the test wants."""
    body = {"issuer_name": "x", "max_age_days": 7, "entries": [], **fields}
    canonical = json.dumps(body, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    kit = env.adapters.certificates
    with env.uow(write=False) as uow:
        key = uow.body.active_signing_key()
    assert key is not None
    signature = kit.sign_bytes(kit.open_identity(key[0], key[1], PASSPHRASE), canonical.encode())
    document = {
        "format": "kaoping-revocations/2",
        "list": canonical,
        "signature": base64.b64encode(signature).decode(),
    }
    return json.dumps(document, ensure_ascii=False).encode()


@pytest.mark.parametrize(
    "document",
    [
        b"",
        b"\xff\xfe not utf-8",
        b"[]",
        b'{"format": "kaoping-revocations/2", "list": {"entries": []}, "signature": "AA=="}',
        b'{"format": "kaoping-revocations/2", "list": "[1, 2]", "signature": "AA=="}',
        b'{"format": "kaoping-revocations/2", "list": "{}", "signature": "not base64!"}',
        b'{"format": "kaoping-revocations/9", "list": "{}", "signature": "AA=="}',
        b'{"format": "kaoping-revocations/2", "list": "' + b"[" * 50_000 + b'", "signature": ""}',
        b'{"format": "kaoping-revocations/2", "signature": "AA==", "list": "{\\"issuer_code\\":'
        b'\\"X\\",\\"issued_at\\":\\"2026-11-25T09:00:00\\",\\"entries\\":[]}"}',
        b'{"format": "kaoping-revocations/2", "signature": "AA==", "list": "{\\"issuer_code\\":'
        b'\\"X\\",\\"issued_at\\":\\"2026-11-25T09:00:00+00:00\\",\\"max_age_days\\":-3,'
        b'\\"entries\\":[]}"}',
    ],
    ids=[
        "empty",
        "not-utf8",
        "array",
        "list-not-text",
        "list-not-object",
        "bad-base64",
        "unknown-format",
        "deeply-nested",
        "no-time-zone",
        "negative-age",
    ],
)
def test_a_hostile_revocation_list_is_refused_plainly(
    clean_env: Env, issued: dict[str, Path], tmp_path: Path, document: bytes
) -> None:
    """Garbage, a wrong shape or absurd values: "格式不对" (exit 2), never a traceback."""
    path = tmp_path / "list.json"
    path.write_bytes(document)
    result = verification.verify_file(
        clean_env,
        issued["valid"],
        revocation_list=path.read_bytes(),
        trusted=[issued["pem"].read_bytes()],
    )
    assert result.verdict == "unreadable" and "吊销列表文件格式不对" in result.problems[0]
