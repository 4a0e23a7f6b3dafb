"""Signed data packages: what a recipient sees when a package is genuine, tampered or replayed."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import shutil
import subprocess
import zipfile
from collections.abc import Mapping
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from hypothesis import given
from hypothesis import strategies as st

from kaoping.adapters.packages import (
    PackageLimits,
    build_package,
    csv_to_rows,
    rows_to_csv,
    verify_package,
)
from kaoping.domain.errors import ValidationError
from kaoping.domain.packages import (
    FileEntry,
    Manifest,
    PackageKind,
    check_file_name,
    check_files,
    sha256_hex,
)
from tests.openssl_steps import verify_manifest

NOW = dt.datetime(2026, 10, 8, 2, 30, tzinfo=dt.UTC)
COLUMNS = ["准考证号", "姓名", "成绩"]
ROWS: list[dict[str, object]] = [
    {"准考证号": "A001", "姓名": "张*", "成绩": 88},
    {"准考证号": "A002", "姓名": "李*华", "成绩": "缺考, 待定"},
]


def make_identity(
    name: str = "示例评价机构", key_size_curve: ec.EllipticCurve | None = None
) -> tuple[ec.EllipticCurvePrivateKey, x509.Certificate]:
    key = ec.generate_private_key(key_size_curve or ec.SECP256R1())
    subject = x509.Name(
        [
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, name),
            x509.NameAttribute(NameOID.COMMON_NAME, "Package Signing"),
        ]
    )
    cert = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(NOW - dt.timedelta(days=1))
        .not_valid_after(NOW + dt.timedelta(days=365))
        .sign(key, hashes.SHA256())
    )
    return key, cert


@pytest.fixture(scope="module")
def identity() -> tuple[ec.EllipticCurvePrivateKey, x509.Certificate]:
    return make_identity()


@pytest.fixture
def files() -> dict[str, bytes]:
    return {
        "candidates.csv": rows_to_csv(ROWS, COLUMNS),
        "batch.json": json.dumps({"批次": "2026-AI-01"}, ensure_ascii=False).encode(),
    }


@pytest.fixture
def package(
    identity: tuple[ec.EllipticCurvePrivateKey, x509.Certificate], files: dict[str, bytes]
) -> bytes:
    key, cert = identity
    return build_package(
        PackageKind.REPORT,
        "GX-0001",
        "示例评价机构",
        "2026-AI-01",
        3,
        files,
        key,
        cert,
        created_at=NOW,
    )


def rezip(
    data: bytes,
    replace: Mapping[str, bytes] | None = None,
    drop: set[str] | None = None,
    rename: Mapping[str, str] | None = None,
) -> bytes:
    """Rewrite a package the way a tamperer with a zip tool would."""
    replace, drop, rename = replace or {}, drop or set(), rename or {}
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            if info.filename in drop:
                continue
            body = replace.get(info.filename, src.read(info))
            dst.writestr(rename.get(info.filename, info.filename), body)
        for name, body in replace.items():
            if name not in src.namelist():
                dst.writestr(name, body)
    return out.getvalue()


def refused(
    data: bytes,
    cert: x509.Certificate,
    *,
    expected_kind: PackageKind | None = None,
    limits: PackageLimits | None = None,
) -> str:
    with pytest.raises(ValidationError) as caught:
        verify_package(data, [cert], None, expected_kind=expected_kind, limits=limits)
    return str(caught.value)


# --- genuine packages ----------------------------------------------------------------------------


def test_genuine_package_verifies_with_all_data(
    package: bytes,
    identity: tuple[ec.EllipticCurvePrivateKey, x509.Certificate],
    files: dict[str, bytes],
) -> None:
    """A package from a trusted body opens with its files, manifest fields and signer."""
    _, cert = identity
    result = verify_package(package, [cert], lambda _id: False)
    assert dict(result.files) == files
    manifest = result.manifest
    assert (manifest.kind, manifest.body_code, manifest.body_name) == (
        PackageKind.REPORT,
        "GX-0001",
        "示例评价机构",
    )
    assert (manifest.batch, manifest.sequence, manifest.created_at) == (
        "2026-AI-01",
        3,
        "2026-10-08T02:30:00Z",
    )
    assert [f.name for f in manifest.files] == ["batch.json", "candidates.csv"]
    assert result.signer_fingerprint == cert.fingerprint(hashes.SHA256()).hex()
    with zipfile.ZipFile(io.BytesIO(package)) as archive:
        manifest_bytes = archive.read("manifest.json")
        assert set(archive.namelist()) == {*files, "manifest.json", "manifest.sig", "signer.pem"}
    assert result.package_id == sha256_hex(manifest_bytes)
    assert csv_to_rows(result.files["candidates.csv"])[1]["成绩"] == "缺考, 待定"


def test_package_verifies_with_stock_openssl(package: bytes, tmp_path: Path) -> None:
    """The province can check a package with plain OpenSSL, and OpenSSL notices tampering."""
    openssl = shutil.which("openssl")
    if openssl is None:
        pytest.skip("openssl command not installed")
    with zipfile.ZipFile(io.BytesIO(package)) as archive:
        archive.extractall(tmp_path)
    ok = verify_manifest(openssl, tmp_path)
    assert ok.returncode == 0
    assert "Verified OK" in ok.stdout
    digest = subprocess.run(
        [openssl, "dgst", "-sha256", "-r", "candidates.csv"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()[0]
    listed = {
        f["name"]: f["sha256"]
        for f in json.loads((tmp_path / "manifest.json").read_bytes())["files"]
    }
    assert digest == listed["candidates.csv"]
    manifest = tmp_path / "manifest.json"
    manifest.write_bytes(manifest.read_bytes().replace(b'"sequence":3', b'"sequence":4'))
    bad = verify_manifest(openssl, tmp_path)
    assert bad.returncode != 0
    assert "Verification failure" in bad.stdout


ROOT = Path(__file__).resolve().parents[2]


def _documented_steps(path: Path, heading: str) -> str:
    """The shell block that follows `heading` in a document."""
    text = path.read_text(encoding="utf-8")
    after = text[text.index(heading) :]
    return after[after.index("```sh\n") + 6 : after.index("\n```", after.index("```sh\n"))]


@pytest.mark.parametrize(
    ("document", "heading", "said"),
    [
        (
            ROOT / "README.md",
            "## Checking a signed package with stock OpenSSL",
            ("fingerprint OK", "FINGERPRINT DIFFERS", "no file outside", "NOT IN THE MANIFEST:"),
        ),
        (
            ROOT / "docs" / "package-format.md",
            "## 9. 简要核验步骤",
            ("指纹一致", "指纹不符", "没有清单以外的文件", "清单以外的文件："),
        ),
    ],
    ids=["README", "package-format"],
)
def test_documented_openssl_steps_check_fingerprint_and_extra_files(
    package: bytes,
    identity: tuple[ec.EllipticCurvePrivateKey, x509.Certificate],
    tmp_path: Path,
    document: Path,
    heading: str,
    said: tuple[str, str, str, str],
) -> None:
    """The documented commands, run as written: a genuine package passes all four checks; a
    wrong fingerprint is named; a file slipped into the zip after signing is listed by name,
    although the manifest's signature alone still says Verified OK."""
    if not all(shutil.which(t) for t in ("openssl", "jq", "unzip", "bash", "sha256sum", "comm")):
        pytest.skip("needs openssl, jq, unzip, bash and coreutils")
    fingerprint = identity[1].fingerprint(hashes.SHA256()).hex()
    steps = _documented_steps(document, heading)

    def run_steps(data: bytes, expected: str, folder: str) -> str:
        work = tmp_path / folder
        work.mkdir()
        (work / "package.zip").write_bytes(data)
        script = steps.replace("EXPECTED=…", f"EXPECTED={expected}", 1)
        done = subprocess.run(
            ["bash", "-c", script], cwd=work, capture_output=True, text=True, check=False
        )
        return done.stdout + done.stderr

    good, wrong, extra = said[0], said[1], said[3]
    out = run_steps(package, fingerprint.upper(), "genuine")
    assert good in out and "Verified OK" in out and said[2] in out, out
    assert "candidates.csv: OK" in out and "FAILED" not in out
    out = run_steps(package, "00" * 32, "wrong")
    assert wrong in out and good not in out
    smuggled = rezip(package, replace={"extra/notes.csv": b"name\n"})
    out = run_steps(smuggled, fingerprint, "smuggled")
    assert "Verified OK" in out and f"{extra}\nextra/notes.csv" in out, out


# --- tampering and trust -------------------------------------------------------------------------


def test_not_a_zip_is_refused(
    identity: tuple[ec.EllipticCurvePrivateKey, x509.Certificate],
) -> None:
    """Choosing a file that is not a package says so."""
    assert "不是有效的 zip 文件" in refused(b"%PDF-1.7 not a zip", identity[1])


@pytest.mark.parametrize(
    ("name", "label"),
    [("manifest.json", "清单"), ("manifest.sig", "签名"), ("signer.pem", "签名证书")],
)
def test_missing_package_parts_are_named(
    package: bytes,
    identity: tuple[ec.EllipticCurvePrivateKey, x509.Certificate],
    name: str,
    label: str,
) -> None:
    """A package without its manifest, signature or certificate names the missing part."""
    message = refused(rezip(package, drop={name}), identity[1])
    assert f"缺少{label}文件 {name}" in message


def test_edited_manifest_breaks_the_signature(
    package: bytes, identity: tuple[ec.EllipticCurvePrivateKey, x509.Certificate]
) -> None:
    """Changing anything in the manifest after signing is reported as a bad signature."""
    with zipfile.ZipFile(io.BytesIO(package)) as archive:
        manifest = archive.read("manifest.json")
    edited = manifest.replace(b'"sequence":3', b'"sequence":4')
    assert "签名无效" in refused(rezip(package, replace={"manifest.json": edited}), identity[1])


def test_garbled_signature_is_refused(
    package: bytes, identity: tuple[ec.EllipticCurvePrivateKey, x509.Certificate]
) -> None:
    """A damaged signature file is reported as a bad signature."""
    assert "签名无效" in refused(rezip(package, replace={"manifest.sig": b"\x30\x00"}), identity[1])


def test_unknown_signer_is_refused(package: bytes) -> None:
    """A package signed by a body that is not trusted is refused as 未知签名者."""
    _, other_cert = make_identity("另一机构")
    message = refused(package, other_cert)
    assert "未知签名者" in message
    assert "示例评价机构" in message


def test_resigned_package_with_substituted_certificate_is_refused(
    package: bytes,
    identity: tuple[ec.EllipticCurvePrivateKey, x509.Certificate],
    files: dict[str, bytes],
) -> None:
    """Someone who alters data and signs it with their own key cannot pass as the body."""
    forger_key, forger_cert = make_identity("示例评价机构")
    forged_files = {**files, "candidates.csv": files["candidates.csv"].replace(b"88", b"98")}
    forged = build_package(
        PackageKind.REPORT,
        "GX-0001",
        "示例评价机构",
        "2026-AI-01",
        3,
        forged_files,
        forger_key,
        forger_cert,
        created_at=NOW,
    )
    assert "未知签名者" in refused(forged, identity[1])


def test_changed_file_is_named(
    package: bytes,
    identity: tuple[ec.EllipticCurvePrivateKey, x509.Certificate],
    files: dict[str, bytes],
) -> None:
    """Editing a score in a data file names that file as changed."""
    changed = files["candidates.csv"].replace(b"88", b"98")
    message = refused(rezip(package, replace={"candidates.csv": changed}), identity[1])
    assert "文件“candidates.csv”内容被改动" in message


def test_added_file_is_named(
    package: bytes, identity: tuple[ec.EllipticCurvePrivateKey, x509.Certificate]
) -> None:
    """A file slipped into the package is named as added."""
    message = refused(rezip(package, replace={"extra.csv": b"a,b\r\n"}), identity[1])
    assert "文件“extra.csv”是后加入的" in message


def test_removed_file_is_named(
    package: bytes, identity: tuple[ec.EllipticCurvePrivateKey, x509.Certificate]
) -> None:
    """A file taken out of the package is named as removed."""
    message = refused(rezip(package, drop={"batch.json"}), identity[1])
    assert "文件“batch.json”被删除" in message


def test_renamed_file_is_named(
    package: bytes, identity: tuple[ec.EllipticCurvePrivateKey, x509.Certificate]
) -> None:
    """A renamed file is reported with its old and new names."""
    message = refused(rezip(package, rename={"batch.json": "batch2.json"}), identity[1])
    assert "文件“batch.json”被改名为“batch2.json”" in message
    assert "后加入" not in message


def test_replayed_package_is_refused(
    package: bytes, identity: tuple[ec.EllipticCurvePrivateKey, x509.Certificate]
) -> None:
    """Importing the same package twice is refused the second time."""
    imported: set[str] = set()
    first = verify_package(package, [identity[1]], imported.__contains__)
    imported.add(first.package_id)
    with pytest.raises(ValidationError, match="该数据包已导入过"):
        verify_package(package, [identity[1]], imported.__contains__)


def test_wrong_kind_is_refused(
    package: bytes, identity: tuple[ec.EllipticCurvePrivateKey, x509.Certificate]
) -> None:
    """Opening a report package where a results package is expected names both kinds."""
    message = refused(package, identity[1], expected_kind=PackageKind.RESULTS)
    assert "报送" in message
    assert "考点回传" in message


def test_certificate_outside_validity_is_refused(
    identity: tuple[ec.EllipticCurvePrivateKey, x509.Certificate], files: dict[str, bytes]
) -> None:
    """A package dated after the signer certificate expired is refused."""
    key, cert = identity
    late = build_package(
        PackageKind.SITE,
        "GX-0001",
        "示例评价机构",
        "2026-AI-01",
        1,
        files,
        key,
        cert,
        created_at=NOW + dt.timedelta(days=400),
    )
    assert "不在有效期内" in refused(late, cert)


# --- hostile zips --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name", ["../evil.csv", "/etc/evil.csv", "a/../../evil.csv", "..\\evil.csv"]
)
def test_path_traversal_is_refused(
    package: bytes, identity: tuple[ec.EllipticCurvePrivateKey, x509.Certificate], name: str
) -> None:
    """An entry that would be written outside the package folder is refused."""
    message = refused(rezip(package, replace={name: b"x"}), identity[1])
    assert "不安全" in message
    assert name in message


def test_zip_bomb_is_refused_before_unpacking(
    package: bytes, identity: tuple[ec.EllipticCurvePrivateKey, x509.Certificate]
) -> None:
    """A tiny entry that unpacks to far more than allowed is refused."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("zeros.csv", b"\0" * (8 * 1024 * 1024))
    assert "压缩比异常" in refused(out.getvalue(), identity[1])
    total = refused(package, identity[1], limits=PackageLimits(max_total_bytes=1000))
    assert "超过上限" in total
    single = refused(package, identity[1], limits=PackageLimits(max_file_bytes=100))
    assert "超过单个文件上限" in single
    assert "超过上限" in refused(package, identity[1], limits=PackageLimits(max_package_bytes=100))


def test_duplicate_entries_are_refused(
    package: bytes, identity: tuple[ec.EllipticCurvePrivateKey, x509.Certificate]
) -> None:
    """A zip holding two entries with the same name is refused."""
    out = io.BytesIO(package)
    with zipfile.ZipFile(out, "a") as archive, pytest.warns(UserWarning):
        archive.writestr("batch.json", b"{}")
    assert "重名文件“batch.json”" in refused(out.getvalue(), identity[1])


# --- building ------------------------------------------------------------------------------------


def test_build_refuses_bad_input(
    identity: tuple[ec.EllipticCurvePrivateKey, x509.Certificate], files: dict[str, bytes]
) -> None:
    """Exporting with an empty field, a bad file name or a mismatched key names the problem."""
    key, cert = identity
    args = (PackageKind.REPORT, "GX-0001", "示例评价机构", "2026-AI-01", 1)
    with pytest.raises(ValidationError, match="批次为空"):
        build_package(PackageKind.REPORT, "GX-0001", "机构", " ", 1, files, key, cert)
    with pytest.raises(ValidationError, match=r"\.\./x\.csv"):
        build_package(*args, {"../x.csv": b""}, key, cert)
    with pytest.raises(ValidationError, match=r"manifest\.json"):
        build_package(*args, {"manifest.json": b""}, key, cert)
    with pytest.raises(ValidationError, match="没有数据文件"):
        build_package(*args, {}, key, cert)
    other_key, _ = make_identity()
    with pytest.raises(ValidationError, match="不匹配"):
        build_package(*args, files, other_key, cert)
    p384_key, p384_cert = make_identity(key_size_curve=ec.SECP384R1())
    with pytest.raises(ValidationError, match="P-256"):
        build_package(*args, files, p384_key, p384_cert)


# --- manifest ------------------------------------------------------------------------------------


def sample_manifest() -> Manifest:
    return Manifest(
        format_version=1,
        kind=PackageKind.RESULTS,
        body_code="GX-0001",
        body_name="示例评价机构",
        batch="2026-AI-01",
        created_at="2026-10-08T02:30:00Z",
        sequence=2,
        files=(FileEntry.of("b.csv", b"b"), FileEntry.of("a.json", b"{}")),
    )


def test_manifest_bytes_are_canonical_and_round_trip() -> None:
    """The signed manifest is compact sorted UTF-8 JSON and reads back unchanged."""
    manifest = sample_manifest()
    data = manifest.to_bytes()
    assert b" " not in data
    assert "示例评价机构".encode() in data
    assert data.index(b'"a.json"') < data.index(b'"b.csv"')
    assert list(json.loads(data)) == sorted(json.loads(data))
    again = Manifest.from_bytes(data)
    assert again.to_bytes() == data
    assert again.kind is PackageKind.RESULTS
    assert PackageKind.DOSSIER.label == "考务档案"


def test_non_canonical_or_malformed_manifest_is_refused() -> None:
    """A re-encoded or incomplete manifest is refused with a message naming manifest.json."""
    data = sample_manifest().to_bytes()
    pretty = json.dumps(json.loads(data), ensure_ascii=False, indent=1).encode()
    with pytest.raises(ValidationError, match="规范格式"):
        Manifest.from_bytes(pretty)
    document = json.loads(data)
    del document["batch"]
    with pytest.raises(ValidationError, match="字段不完整"):
        Manifest.from_bytes(json.dumps(document).encode())
    with pytest.raises(ValidationError, match="UTF-8 JSON"):
        Manifest.from_bytes(b"\xff")
    newer = data.replace(b'"format_version":1', b'"format_version":2')
    with pytest.raises(ValidationError, match="请升级考评"):
        Manifest.from_bytes(newer)


def test_check_files_lists_every_difference() -> None:
    """All differences are listed at once, each naming its file."""
    manifest = sample_manifest()
    assert check_files(manifest, {"a.json": b"{}", "b.csv": b"b"}) == []
    problems = check_files(manifest, {"a.json": b"{ }", "c.csv": b"b", "d.csv": b"d"})
    assert problems == [
        "文件“b.csv”被改名为“c.csv”：清单中的名称与数据包中不一致",
        "文件“a.json”内容被改动：SHA-256 与清单不一致",
        "文件“d.csv”是后加入的：清单中没有此文件",
    ]


def test_file_names_are_checked() -> None:
    """Unsafe or reserved file names are refused; plain and folder names are accepted."""
    check_file_name("成绩/candidates.csv")
    for bad in ["", "/abs.csv", "a//b.csv", "./a.csv", "C:evil.csv", "a\x00b", "signer.pem"]:
        with pytest.raises(ValidationError):
            check_file_name(bad)


# --- CSV -----------------------------------------------------------------------------------------


def test_csv_round_trip_keeps_chinese_commas_quotes_and_newlines() -> None:
    """Values with commas, quotes and line breaks come back exactly."""
    rows = [{"姓名": '王"小"明', "备注": "第一行\n第二行, 逗号", "分数": 90.5, "空": None}]
    data = rows_to_csv(rows, ["姓名", "备注", "分数", "空"])
    assert data.startswith(b"\xef\xbb\xbf")
    assert csv_to_rows(data) == [
        {"姓名": '王"小"明', "备注": "第一行\n第二行, 逗号", "分数": "90.5", "空": ""}
    ]


def test_csv_exports_only_listed_columns() -> None:
    """Keys not listed as columns (such as a full ID number) are not exported."""
    data = rows_to_csv([{"姓名": "张*", "身份证号": "110101199003071234"}], ["姓名"])
    assert b"110101" not in data


def test_csv_errors_name_the_row() -> None:
    """A missing value or a ragged row names the data row at fault."""
    with pytest.raises(ValidationError) as caught:
        rows_to_csv([{"a": 1, "b": 2}, {"a": 3}], ["a", "b"])
    assert caught.value.row == 2
    assert "b" in caught.value.message
    with pytest.raises(ValidationError) as ragged:
        csv_to_rows(b"a,b\r\n1,2\r\n3\r\n")
    assert ragged.value.row == 2
    with pytest.raises(ValidationError, match="UTF-8"):
        csv_to_rows("姓名\r\n张三\r\n".encode("gbk"))
    with pytest.raises(ValidationError, match="表头"):
        csv_to_rows(b"a,a\r\n1,2\r\n")


# --- cells a spreadsheet would evaluate ----------------------------------------------------------

FORMULA_VALUES = (
    '=HYPERLINK("http://evil.example","点我")',
    "=cmd|' /C calc'!A0",
    "+86 771 1234567",
    "-5",
    "@SUM(A1)",
    "\t=1",
    "'=already quoted",
    "'张三",
    "张三",
    "",
)


def test_formula_cells_are_escaped_and_come_back_exactly(
    identity: tuple[ec.EllipticCurvePrivateKey, x509.Certificate],
) -> None:
    """No CSV cell starts like a formula, and the package's rows read back byte for byte."""
    key, cert = identity
    rows = [{"姓名": value, "序号": n} for n, value in enumerate(FORMULA_VALUES)]
    data = rows_to_csv(rows, ["姓名", "序号"])
    cells = [r[0] for r in csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""))][1:]
    assert not [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r")]
    assert cells[0] == "'" + FORMULA_VALUES[0] and cells[6] == "''=already quoted"
    assert cells[7] == "'张三"  # a quote that escaping did not add is left alone
    made = build_package(
        PackageKind.REPORT, "GX-0001", "示例评价机构", "2026-AI-01", 1, {"a.csv": data}, key, cert
    )
    back = csv_to_rows(verify_package(made, [cert], None).files["a.csv"])
    assert [r["姓名"] for r in back] == list(FORMULA_VALUES)
    assert [r["序号"] for r in back] == [str(n) for n in range(len(FORMULA_VALUES))]


# NUL is left out: every CSV reader refuses it (it marks UTF-16 or binary files), and no data
# that reaches a package can hold it, since every importer refuses it too.
@given(
    st.lists(
        st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00")),
        max_size=5,
    )
)
def test_any_text_survives_the_csv_round_trip(values: list[str]) -> None:
    rows = [{"值": value} for value in values]
    assert [r["值"] for r in csv_to_rows(rows_to_csv(rows, ["值"]))] == values
