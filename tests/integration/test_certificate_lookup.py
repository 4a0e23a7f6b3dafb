"""Someone telephones with a certificate number and a name: the body's register answers."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from kaoping.bootstrap import build_env
from kaoping.cli.app import run
from kaoping.domain.certificates import CheckAlgorithm, NumberingScheme, RevocationCategory
from kaoping.domain.errors import ValidationError
from kaoping.domain.roles import Role
from kaoping.services import certificates, verification
from kaoping.services.base import Actor, Env
from tests.databases import dispose
from tests.integration.test_certificates_support import NAMES, PASSPHRASE, ready_batch


@pytest.fixture
def numbers(env: Env, actors: dict[Role, Actor]) -> tuple[str, ...]:
    """Three certificates: 张三明 valid, 李四 revoked for impersonation, 王小五 voided."""
    officer = actors[Role.CERTIFICATE_OFFICER]
    batch, _ = ready_batch(env, actors, 3)
    issued = certificates.issue_batch(env, officer, batch, PASSPHRASE).numbers
    certificates.revoke_certificate(
        env, officer, issued[1], "复核发现他人代考", RevocationCategory.IMPERSONATION
    )
    certificates.void_certificate(env, officer, issued[2], "打印污损")
    return issued


def test_valid_revoked_void(env: Env, numbers: tuple[str, ...]) -> None:
    """Valid with its facts; revoked with date and category (not the recorded reason); void."""
    valid = verification.lookup_certificate(env, numbers[0], NAMES[0])
    assert valid.outcome == "valid" and valid.exit_code == 0
    assert "人工智能工程技术人员（2-02-10-09）" in valid.message and "中级" in valid.message
    revoked = verification.lookup_certificate(env, numbers[1], NAMES[1])
    assert revoked.outcome == "revoked" and revoked.exit_code == 1
    assert revoked.message.startswith(f"证书 {numbers[1]} 已于 2026-11-25 撤销")
    assert "冒名顶替（他人代考）" in revoked.message and "复核发现" not in revoked.message
    void = verification.lookup_certificate(env, numbers[2], NAMES[2])
    assert void.outcome == "void" and "作废" in void.message


def test_a_wrong_name_is_told_without_the_real_one(env: Env, numbers: tuple[str, ...]) -> None:
    """Name does not match: said so, nothing else — not the name, not even the status."""
    for number in numbers[:2]:
        answer = verification.lookup_certificate(env, number, "张三")
        assert answer.outcome == "name_mismatch" and answer.exit_code == 5
        assert NAMES[0] not in answer.message and NAMES[1] not in answer.message
        assert "撤销" not in answer.message and answer.issue_date is None


def test_no_such_certificate_and_another_bodys(env: Env, numbers: tuple[str, ...]) -> None:
    body = numbers[0].split("-")[1]
    unknown = NumberingScheme("GXDT", body, 2026).format(999)
    assert verification.lookup_certificate(env, unknown, NAMES[0]).outcome == "not_found"
    foreign = NumberingScheme("GXDT", "OTHER9", 2026).format(1)
    answer = verification.lookup_certificate(env, foreign, NAMES[0])
    assert answer.outcome == "other_body" and "OTHER9" in answer.message


def test_the_number_as_typed_or_read_out(env: Env, numbers: tuple[str, ...]) -> None:
    """Lower case, spaces, full-width characters and long dashes are understood; both check
    systems are accepted; a wrong check digit or a malformed number is refused with the fix."""
    typed = "  " + numbers[0].lower().replace("-", " - ", 1) + " "
    wide = numbers[0].translate({ord(c): ord(c) + 0xFEE0 for c in "0123456789"}).replace("-", "—")
    for variant in (typed, wide):
        assert verification.lookup_certificate(env, variant, NAMES[0]).outcome == "valid"
    spaced = f" {NAMES[0][0]} {NAMES[0][1:]}"
    assert verification.lookup_certificate(env, numbers[0], spaced).outcome == "valid"
    wrong = numbers[0][:-1] + str((int(numbers[0][-1]) + 1) % 10)
    with pytest.raises(ValidationError, match="校验位不对"):
        verification.lookup_certificate(env, wrong, NAMES[0])
    with pytest.raises(ValidationError, match="格式不对"):
        verification.lookup_certificate(env, "12345", NAMES[0])
    with pytest.raises(ValidationError, match="姓名"):
        verification.lookup_certificate(env, numbers[0], "  ")
    old = NumberingScheme("GXDT", numbers[0].split("-")[1], 2026, algorithm=CheckAlgorithm.MOD37_2)
    assert verification.lookup_certificate(env, old.format(999), NAMES[0]).outcome == "not_found"


def test_on_the_command_line(
    env: Env, numbers: tuple[str, ...], capsys: pytest.CaptureFixture[str]
) -> None:
    """`kaoping certificate verify --number N --name 姓名`, no sign-in needed."""

    def cli(*argv: str) -> int:
        return run(["certificate", "verify", *argv], lambda _db: env)

    assert cli("--number", numbers[0], "--name", NAMES[0]) == 0
    out = capsys.readouterr().out
    assert out.startswith("证书有效") and numbers[0] in out
    assert cli("--number", numbers[1], "--name", NAMES[1], "--json") == 1
    shown = json.loads(capsys.readouterr().out)
    assert shown["outcome"] == "revoked" and shown["category"] == "冒名顶替（他人代考）"
    assert shown["changed_on"] == "2026-11-25"
    assert cli("--number", numbers[0], "--name", "李四") == 5
    assert "姓名与证书不符" in capsys.readouterr().out
    assert cli("--number", numbers[0]) == 2
    assert "--name" in capsys.readouterr().err


def test_a_database_without_a_body_cannot_answer(
    clean_verifier: Env, numbers: tuple[str, ...]
) -> None:
    with pytest.raises(ValidationError, match="不是评价机构的数据库"):
        verification.lookup_certificate(clean_verifier, numbers[0], NAMES[0])


@pytest.fixture
def clean_verifier(tmp_path: Path) -> Iterator[Env]:
    """Kaoping on another computer, never set up."""
    environment = build_env(f"sqlite:///{tmp_path / 'clean.db'}", fast_hashing=True)
    yield environment
    dispose(environment)
