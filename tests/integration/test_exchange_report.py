"""Report package to the province, approval import, trusted signers and tampered packages."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import zipfile
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID

from kaoping.adapters.identity import SigningIdentity, generate_identity
from kaoping.adapters.packages import build_package, csv_to_rows, rows_to_csv
from kaoping.domain.approvals import ApprovalDecision
from kaoping.domain.catalogue import Level
from kaoping.domain.errors import PermissionDenied, ValidationError
from kaoping.domain.packages import PackageKind
from kaoping.domain.plans import BatchStatus, Plan
from kaoping.domain.roles import Role
from kaoping.services import accounts, approvals, deadlines, exchange, plans, setup
from kaoping.services.base import Actor, Env
from kaoping.storage.exams_tables import ResultRow
from kaoping.storage.intake_tables import CandidateRow
from tests.databases import PASSWORD, USERNAMES
from tests.openssl_steps import verify_manifest

PASSPHRASE = "key-passphrase-1"
T0 = datetime(2026, 11, 20, 1, 0, tzinfo=UTC)
BATCH = "B-RPT-01"
IDS = ["450102199001011234", "45010219850505567X", "450103199212120019"]
NAMES = ["张三", "李四", "王五"]


def seed(env: Env, admin: Actor, outcomes: list[str | None]) -> list[int]:
    """A batch with one candidate per outcome (None: result not confirmed yet)."""
    plan_id = plans.create_plan(
        env,
        admin,
        Plan(
            0,
            "P-RPT-01",
            "2026 年人工智能初级考核",
            "2-02-10-09",
            "",
            Level.JUNIOR,
            date(2026, 11, 1),
            date(2026, 11, 30),
            "南宁考点",
            100,
            "广西某培训学校",
        ),
    )
    batch_id = plans.create_batch(
        env, admin, plan_id, BATCH, "十一月批次", date(2026, 11, 10), date(2026, 11, 12)
    )
    with env.uow() as uow:
        db = uow.session  # type: ignore[attr-defined]
        rows = [
            CandidateRow(
                batch_id=batch_id,
                eligible=True,  # as intake leaves an eligible applicant
                name=NAMES[i],
                id_type="居民身份证",
                id_number=IDS[i],
                id_masked=IDS[i][:2] + "*" * 12 + IDS[i][-4:],
                person_key=f"pk-{i}",
                education="本科",
                occupation_code="2-02-10-09",
                level="junior",
                training_cert_no=f"PX-{i}",
                created_at=T0,
                updated_at=T0,
            )
            for i in range(len(outcomes))
        ]
        db.add_all(rows)
        db.flush()
        db.add_all(
            ResultRow(
                candidate_id=row.id,
                batch_id=batch_id,
                outcome=outcome,
                confirmed_at=T0,
                confirmed_by="u_supervisor",
            )
            for row, outcome in zip(rows, outcomes, strict=True)
            if outcome
        )
        ids = [row.id for row in rows]
        uow.commit()
    return ids


def approval_csv(entries: list[tuple[int, str, str, str]], day: str = "2026-11-30") -> bytes:
    """The department's CSV: (考生编号, 姓名, 审核结果, 原因)."""
    rows = [
        {
            "考生编号": cid,
            "证件号码": "",
            "姓名": name,
            "审核结果": decision,
            "原因": reason,
            "审核日期": day,
            "文号": "桂人社函〔2026〕1号",
        }
        for cid, name, decision, reason in entries
    ]
    return rows_to_csv(rows, approvals.APPROVAL_COLUMNS)


@pytest.fixture
def province() -> SigningIdentity:
    """The department's signing identity."""
    return generate_identity("广西壮族自治区人力资源和社会保障厅", "GXRST")


def approval_package(
    province: SigningIdentity, body: bytes, sequence: int = 1, batch: str = BATCH
) -> bytes:
    """A signed approval package as the department would send it."""
    return build_package(
        PackageKind.APPROVAL,
        "GXRST",
        "自治区人社厅",
        batch,
        sequence,
        {"approvals.csv": body},
        province.private_key,
        province.certificate,
        created_at=datetime.now(UTC),
    )


def pem(identity: SigningIdentity) -> bytes:
    return identity.certificate.public_bytes(serialization.Encoding.PEM)


def backdated_key(env: Env) -> None:
    """Give the body a key valid since 2020, so packages dated by the test clock verify.

    The certificate officer replaces the key: the signing key is theirs, not the administrator's.
    """
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.ORGANIZATION_NAME, "广西数字技术评价中心")])
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(datetime(2020, 1, 1, tzinfo=UTC))
        .not_valid_after(datetime(2040, 1, 1, tzinfo=UTC))
        .sign(key, hashes.SHA256())
    )
    p12 = pkcs12.serialize_key_and_certificates(
        b"body", key, cert, None, serialization.BestAvailableEncryption(b"p12-password")
    )
    officer = accounts.sign_in(env, USERNAMES[Role.CERTIFICATE_OFFICER], PASSWORD)
    setup.replace_signing_key(env, officer, PASSPHRASE, p12, "p12-password")


@pytest.fixture(autouse=True)
def _body_key(env: Env, admin: Actor) -> None:
    backdated_key(env)


def test_report_carries_full_ids_and_starts_the_confirmation_clock(
    env: Env, actors: dict[Role, Actor]
) -> None:
    """The exported report lists every candidate with the full ID; the batch becomes reported."""
    officer = actors[Role.EXAM_ADMIN]
    ids = seed(env, officer, ["passed", "failed", "passed"])
    package = exchange.export_report(env, officer, BATCH, PASSPHRASE)
    check = exchange.verify_file(env, officer, package.data)
    assert check.ok and check.signer == "本机构" and check.kind == "report"
    with zipfile.ZipFile(io.BytesIO(package.data)) as archive:
        candidates = csv_to_rows(archive.read("candidates.csv"))
        certificates = csv_to_rows(archive.read("certificates.csv"))
        header = json.loads(archive.read("batch.json"))
    assert [r["证件号码"] for r in candidates] == IDS
    assert [r["考核结果"] for r in candidates] == ["合格", "不合格", "合格"]
    assert [r["考生编号"] for r in certificates] == [str(ids[0]), str(ids[2])]
    assert header["批次"]["编号"] == BATCH and header["人数"] == {
        "报送": 3,
        "合格": 2,
        "申报条件例外": 0,
    }
    assert plans.find_batch(env, officer, BATCH).status is BatchStatus.REPORTED
    row = next(r for r in deadlines.dashboard(env, officer) if r.batch_code == BATCH)
    assert row.clock == "confirmation" and row.starts_on == date(2026, 11, 25)
    assert row.due == date(2026, 12, 9)


def test_report_is_refused_while_results_are_unconfirmed(
    env: Env, actors: dict[Role, Actor]
) -> None:
    """The candidates without confirmed results are named and nothing is exported."""
    ids = seed(env, actors[Role.EXAM_ADMIN], ["passed", None])
    with pytest.raises(ValidationError, match=f"考生编号 {ids[1]} 共 1 人"):
        exchange.export_report(env, actors[Role.EXAM_ADMIN], BATCH, PASSPHRASE)
    assert plans.find_batch(env, actors[Role.EXAM_ADMIN], BATCH).status is BatchStatus.OPEN
    with pytest.raises(PermissionDenied):
        exchange.export_report(env, actors[Role.EXAMINER], BATCH, PASSPHRASE)


def test_report_package_verifies_with_stock_openssl(
    env: Env, actors: dict[Role, Actor], tmp_path: Path
) -> None:
    """The department can check the exported report with the plain openssl command."""
    openssl = shutil.which("openssl")
    if openssl is None:
        pytest.skip("openssl command not installed")
    seed(env, actors[Role.EXAM_ADMIN], ["passed"])
    package = exchange.export_report(env, actors[Role.EXAM_ADMIN], BATCH, PASSPHRASE)
    with zipfile.ZipFile(io.BytesIO(package.data)) as archive:
        archive.extractall(tmp_path)
    ok = verify_manifest(openssl, tmp_path)
    assert ok.returncode == 0 and "Verified OK" in ok.stdout
    listed = json.loads((tmp_path / "manifest.json").read_bytes())["files"]
    for entry in listed:
        digest = subprocess.run(
            [openssl, "dgst", "-sha256", "-r", entry["name"]],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.split()[0]
        assert digest == entry["sha256"]


def test_plain_approval_needs_confirmation_and_a_second_import_changes_nothing(
    env: Env, actors: dict[Role, Actor]
) -> None:
    """Approved entries start the issuance clock; rejected ones keep their reason; repeat is a no-op."""
    officer = actors[Role.EXAM_ADMIN]
    ids = seed(env, officer, ["passed", "passed"])
    exchange.export_report(env, officer, BATCH, PASSPHRASE)
    body = approval_csv(
        [(ids[0], "张三", "通过", ""), (ids[1], "李四", "不通过", "培训证书编号有误")]
    )
    with pytest.raises(ValidationError, match="已核实来源"):
        approvals.import_approval(env, officer, BATCH, body, "approvals.csv")
    first = approvals.import_approval(
        env, officer, BATCH, body, "approvals.csv", source_confirmed=True
    )
    assert (first.approved, first.rejected, first.changed) == (1, 1, 2)
    assert first.batch_status is BatchStatus.APPROVED
    assert first.rejections == ((ids[1], "李四", "培训证书编号有误"),)
    again = approvals.import_approval(
        env, officer, BATCH, body, "approvals.csv", source_confirmed=True
    )
    assert (again.changed, again.unchanged) == (0, 2)
    row = next(r for r in deadlines.dashboard(env, officer) if r.batch_code == BATCH)
    assert (row.clock, row.starts_on, row.due) == (
        "issuance",
        date(2026, 11, 30),
        date(2026, 12, 30),
    )
    views = approvals.approval_status(env, officer, BATCH)
    assert views[0].candidate_id == ids[1] and views[0].reason == "培训证书编号有误"
    resent = exchange.export_report(env, officer, BATCH, PASSPHRASE)
    with zipfile.ZipFile(io.BytesIO(resent.data)) as archive:
        assert [r["考生编号"] for r in csv_to_rows(archive.read("candidates.csv"))] == [str(ids[1])]
    assert resent.sequence == 2


def test_approval_rows_are_checked_against_the_report(env: Env, actors: dict[Role, Actor]) -> None:
    """A wrong name, an unreported candidate or a missing reason is refused naming the row."""
    officer = actors[Role.EXAM_ADMIN]
    ids = seed(env, officer, ["passed", "failed"])
    exchange.export_report(env, officer, BATCH, PASSPHRASE)
    cases = [
        (approval_csv([(ids[0], "张三丰", "通过", "")]), "姓名"),
        (approval_csv([(9999, "某人", "通过", "")]), "考生编号"),
        (approval_csv([(ids[0], "张三", "不通过", "")]), "原因"),
        (approval_csv([(ids[1], "李四", "通过", "")]), "审核结果"),
    ]
    for body, field in cases:
        with pytest.raises(ValidationError) as bad:
            approvals.import_approval(env, officer, BATCH, body, "a.csv", source_confirmed=True)
        assert bad.value.field == field and bad.value.row == 1
    assert approvals.approval_status(env, officer, BATCH)[0].decision is None


def test_signed_approval_from_the_trusted_province(
    env: Env, actors: dict[Role, Actor], province: SigningIdentity
) -> None:
    """A signed approval imports once the province's certificate is trusted; never twice."""
    officer = actors[Role.EXAM_ADMIN]
    ids = seed(env, officer, ["passed"])
    exchange.export_report(env, officer, BATCH, PASSPHRASE)
    data = approval_package(province, approval_csv([(ids[0], "张三", "通过", "")]))
    with pytest.raises(ValidationError, match="未知签名者"):
        approvals.import_approval(env, officer, None, data, "x.zip")
    with pytest.raises(PermissionDenied):
        exchange.trust_signer(env, officer, pem(province), "自治区人社厅", [PackageKind.APPROVAL])
    exchange.trust_signer(
        env, actors[Role.SYSTEM_ADMIN], pem(province), "自治区人社厅", [PackageKind.APPROVAL]
    )
    assert "审核结果" in exchange.import_package(env, officer, data)
    with pytest.raises(ValidationError, match="已导入过"):
        exchange.import_package(env, officer, data)
    assert approvals.approval_status(env, officer, BATCH)[0].decision is ApprovalDecision.APPROVED


def _rewrite(
    data: bytes, change: dict[str, bytes | None], rename: tuple[str, str] | None = None
) -> bytes:
    """The same zip with members replaced, removed (None), added or renamed."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            body = src.read(info)
            name = info.filename
            if name in change:
                replaced = change.pop(name)
                if replaced is None:
                    continue
                body = replaced
            if rename and name == rename[0]:
                name = rename[1]
            dst.writestr(name, body)
        for name, body in change.items():
            if body is not None:
                dst.writestr(name, body)
    return out.getvalue()


def test_every_kind_of_tampering_is_refused_and_changes_nothing(
    env: Env, actors: dict[Role, Actor], province: SigningIdentity
) -> None:
    """Changed, added, removed, renamed files, a wrong signer and a replay are each refused."""
    officer = actors[Role.EXAM_ADMIN]
    ids = seed(env, officer, ["passed"])
    exchange.export_report(env, officer, BATCH, PASSPHRASE)
    exchange.trust_signer(
        env, actors[Role.SYSTEM_ADMIN], pem(province), "自治区人社厅", [PackageKind.APPROVAL]
    )
    good = approval_package(province, approval_csv([(ids[0], "张三", "通过", "")]))
    forged = approval_csv([(ids[0], "张三", "不通过", "伪造")])
    site_laptop = generate_identity("南宁考点", "GXDT01")
    exchange.trust_signer(
        env, actors[Role.SYSTEM_ADMIN], pem(site_laptop), "南宁考点", [PackageKind.RESULTS]
    )
    wrong_signer = build_package(
        PackageKind.APPROVAL,
        "GXRST",
        "自治区人社厅",
        BATCH,
        1,
        {"approvals.csv": forged},
        site_laptop.private_key,
        site_laptop.certificate,
        created_at=datetime.now(UTC),
    )
    cases = {
        "changed": (_rewrite(good, {"approvals.csv": forged}), "内容被改动"),
        "added": (_rewrite(good, {"extra.csv": b"x"}), "后加入"),
        "removed": (_rewrite(good, {"approvals.csv": None}), "被删除"),
        "renamed": (_rewrite(good, {}, ("approvals.csv", "approval.csv")), "被改名"),
        "wrong signer": (wrong_signer, "未知签名者"),
    }
    for label, (data, message) in cases.items():
        with pytest.raises(ValidationError, match=message):
            approvals.import_approval(env, officer, BATCH, data, "x.zip")
        assert approvals.approval_status(env, officer, BATCH)[0].decision is None, label
    approvals.import_approval(env, officer, BATCH, good, "x.zip")
    with pytest.raises(ValidationError, match="已导入过"):
        approvals.import_approval(env, officer, BATCH, good, "x.zip")
    assert not exchange.verify_file(env, officer, _rewrite(good, {"approvals.csv": forged})).ok


def test_trusting_a_signer_is_checked(env: Env, admin: Actor) -> None:
    """The body's own certificate or a file that is not a certificate cannot be trusted."""
    own = setup.signing_key(env, admin).cert_pem
    with pytest.raises(ValidationError, match="本机构自己的证书"):
        exchange.trust_signer(env, admin, own, "本机", [PackageKind.RESULTS])
    with pytest.raises(ValidationError, match="PEM"):
        exchange.trust_signer(env, admin, b"not a cert", "某单位", [PackageKind.RESULTS])


def test_dossier_pdf_and_package_carry_the_batch_record(
    env: Env, actors: dict[Role, Actor], tmp_path: Path
) -> None:
    """The inspection dossier shows the batch, masked IDs only, and the audit excerpt."""
    from pypdf import PdfReader

    from kaoping.services import dossier

    officer = actors[Role.EXAM_ADMIN]
    seed(env, officer, ["passed", "failed"])
    exchange.export_report(env, officer, BATCH, PASSPHRASE)
    made = dossier.export_dossier(env, officer, BATCH, PASSPHRASE)
    (tmp_path / "dossier.pdf").write_bytes(made.pdf)
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(made.pdf)).pages)
    assert "考务档案" in text and BATCH in text and "审计日志摘录" in text
    assert IDS[0][-4:] in text and IDS[0] not in text
    flat = "".join(text.split())
    # Inspectors read Beijing time and Chinese names; the reporting clock read 09:00 UTC.
    assert "2026-11-2517:00（北京时间）" in flat and "UTC" not in flat and "+00:00" not in flat
    assert "成功" in flat
    # People by name and actions in words, not user names and codes.
    assert "导出报送包" in flat and "report.export" not in flat
    assert f"{officer.display_name}（{officer.username}）" in flat
    with zipfile.ZipFile(io.BytesIO(made.package.data)) as archive:
        audit = csv_to_rows(archive.read("audit.csv"))
        assert archive.read("dossier.pdf") == made.pdf
        assert all(number.encode() not in archive.read("candidates.csv") for number in IDS)
    assert "report.export" in {row["操作"] for row in audit}
    assert {row["结果"] for row in audit} == {"ok"}  # the data files keep the stored codes
    assert exchange.verify_file(env, officer, made.package.data).kind == "dossier"


def test_command_line_exports_verifies_and_lists_deadlines(
    env: Env,
    actors: dict[Role, Actor],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """`kaoping package export/verify` and `kaoping deadlines --json` work from a script."""
    from kaoping.cli.app import run

    seed(env, actors[Role.EXAM_ADMIN], ["passed"])
    monkeypatch.setenv("KAOPING_PASSWORD", "Passw0rd-test")
    monkeypatch.setenv("KAOPING_KEY_PASSPHRASE", PASSPHRASE)
    out = tmp_path / "report.zip"
    user = ["--user", "u_exam_admin"]
    assert (
        run(
            ["package", "export", "--kind", "report", "--batch", BATCH, "--out", str(out), *user],
            lambda _db: env,
        )
        == 0
    )
    assert run(["package", "verify", str(out), *user], lambda _db: env) == 0
    tampered = tmp_path / "tampered.zip"
    tampered.write_bytes(_rewrite(out.read_bytes(), {"extra.csv": b"x"}))
    assert run(["package", "verify", str(tampered), *user], lambda _db: env) == 1
    capsys.readouterr()
    assert run(["deadlines", "--json", *user], lambda _db: env) == 0
    listed = json.loads(capsys.readouterr().out)
    assert listed[0]["batch"] == BATCH and listed[0]["clock"] == "confirmation"


def test_dossier_with_a_name_no_font_has_is_refused_and_writes_nothing(
    env: Env,
    actors: dict[Role, Actor],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A stored name no font can print stops the dossier: no PDF, no package, a refusal on record."""
    from kaoping.cli.app import run
    from kaoping.services import dossier
    from tests.integration.test_scores_workflow import one_refusal

    officer = actors[Role.EXAM_ADMIN]
    ids = seed(env, officer, ["passed", "failed"])
    with env.uow() as uow:
        uow.session.get(CandidateRow, ids[1]).name = "李\ue000"  # type: ignore[attr-defined]
        uow.commit()
    monkeypatch.setenv("KAOPING_PASSWORD", PASSWORD)
    monkeypatch.setenv("KAOPING_KEY_PASSPHRASE", PASSPHRASE)
    out = tmp_path / "dossier"
    command = ["dossier", "--batch", BATCH, "--out", str(out), "--user", USERNAMES[Role.EXAM_ADMIN]]
    assert run(command, lambda _db: env) == 2
    err = capsys.readouterr().err
    assert "“姓名”：考生（证件号码已脱敏）第 2 行中的“\ue000”(U+E000)" in err
    assert not out.exists()
    with one_refusal(env, "dossier.export") as entry, pytest.raises(ValidationError):
        dossier.export_dossier(env, officer, BATCH, PASSPHRASE)
    assert entry["field"] == "姓名" and "考务档案无法打印" in entry["reason"]
