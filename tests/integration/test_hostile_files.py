"""Hostile and broken incoming files: every importer refuses them in Chinese, quickly, changing nothing.

The corpus is generated here: random bytes, empty files, header-only tables, files that are not
what their name says, XML with entity declarations and entity expansion, zip bombs (parts that
unpack to far more than they take, or whose directory claims gigabytes), a 1,000,000-character
cell, NUL bytes, JSON nested 100,000 deep, text in UTF-16 or Shift-JIS, and pictures that claim
billions of pixels. Each goes through the service a person would use; each must end in a
`KaopingError` with a Chinese message naming the problem, within 5 s, with no business table
changed and the audit chain intact.
"""

from __future__ import annotations

import csv
import io
import json
import random
import re
import struct
import time
import zipfile
import zlib
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization
from openpyxl import Workbook
from PIL import Image
from sqlalchemy import Engine, create_engine, inspect, text

from kaoping.adapters.identity import generate_identity
from kaoping.adapters.packages import build_package
from kaoping.cli.app import run
from kaoping.domain.errors import KaopingError
from kaoping.domain.packages import PackageKind
from kaoping.domain.roles import Role
from kaoping.domain.roster import HEADERS
from kaoping.services import (
    approvals,
    audit,
    bank,
    certificates,
    exchange,
    intake,
    papers,
    scores,
    site,
    verification,
)
from kaoping.services.base import Actor, Env
from kaoping.services.ports.intake import CandidateQuery
from tests.integration.test_bank_support import open_bank
from tests.integration.test_exchange_report import BATCH, seed
from tests.integration.test_intake_roster import _key, make_batch, row_values
from tests.integration.test_scores_import import seed_theory

# `table_counts` reads the file with its own engine, so these run on a plain file.
pytestmark = pytest.mark.plain_store

LIMIT_SECONDS = 5.0
CJK = re.compile(r"[\u4e00-\u9fff]")
# Logins and the audit log may change on any call; everything else must stay as it was.
NOT_BUSINESS = {"audit_log", "audit_head", "alembic_version"}
ITEM_HEADERS = ("职业编码", "职业方向", "等级", "知识领域", "题型", "难度", "题干")
SCORE_HEADERS = ("准考证号", "成绩", "状态")


# --- the corpus ---------------------------------------------------------------------------------


def random_bytes(size: int = 4096, seed: int = 7) -> bytes:
    return random.Random(seed).randbytes(size)


def csv_bytes(rows: list[list[str]], encoding: str = "utf-8-sig") -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    return buffer.getvalue().encode(encoding)


def xlsx_bytes(rows: list[list[str]]) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def rezip(data: bytes, replace: dict[str, bytes], *, stored: bool = False) -> bytes:
    """A copy of a zip with some members replaced or added."""
    out = io.BytesIO()
    method = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", method) as target:
        for info in source.infolist():
            if info.filename not in replace:
                target.writestr(info.filename, source.read(info))
        for name, body in replace.items():
            target.writestr(name, body)
    return out.getvalue()


def claim_huge(data: bytes) -> bytes:
    """A zip whose central directory says every member unpacks to almost 4 GiB."""
    patched = bytearray(data)
    start = 0
    while (at := patched.find(b"PK\x01\x02", start)) != -1:
        patched[at + 24 : at + 28] = struct.pack("<I", 0xFFFF_FF00)
        start = at + 4
    return bytes(patched)


def bomb_member(megabytes: int = 8) -> bytes:
    return b"\x00" * (megabytes * 1024 * 1024)  # deflates about 1000:1


def with_doctype(data: bytes, member: str, doctype: str, body_text: str) -> bytes:
    """An .xlsx whose `member` declares a DTD and uses it in its first cell."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        xml = archive.read(member).decode("utf-8")
    declaration = re.match(r"<\?xml[^>]*\?>", xml)
    at = declaration.end() if declaration else 0
    xml = xml[:at] + doctype + xml[at:]
    xml = re.sub(r"<t>[^<]*</t>", f"<t>{body_text}</t>", xml, count=1)
    return rezip(data, {member: xml.encode("utf-8")})


ENTITY = '<!DOCTYPE x [<!ENTITY name "entity">]>'
LAUGHS = (
    '<!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10}">' for i in range(1, 10))
    + "]>"
).replace("&lol0;", "&lol;")


def deep_json(depth: int = 100_000) -> bytes:
    return b"[" * depth + b"]" * depth


def png_claiming(width: int, height: int) -> bytes:
    """A tiny PNG whose header claims `width` × `height` pixels (a decompression bomb's shape)."""
    buffer = io.BytesIO()
    Image.new("RGB", (1, 1)).save(buffer, format="PNG")
    data = bytearray(buffer.getvalue())
    ihdr = data.index(b"IHDR")
    data[ihdr + 4 : ihdr + 12] = struct.pack(">II", width, height)
    crc = zlib.crc32(bytes(data[ihdr : ihdr + 17]))
    data[ihdr + 17 : ihdr + 21] = struct.pack(">I", crc)
    return bytes(data)


def table_corpus(header: list[str], row: list[str]) -> dict[str, tuple[str, bytes, str]]:
    """name → (suffix, bytes, what the message must mention) for a table importer."""
    good_xlsx = xlsx_bytes([header, row])
    long_row = ["甲" * 1_000_000, *row[1:]]
    shift_jis = "\n".join([",".join(header), ",".join(row)]).encode("shift_jis", errors="replace")
    return {
        "random .csv": (".csv", random_bytes(), "空字符|编码"),
        "random .xlsx": (".xlsx", random_bytes(), "不是有效的 Excel"),
        "empty .csv": (".csv", b"", "空"),
        "empty .xlsx": (".xlsx", b"", "不是有效的 Excel"),
        "header only .csv": (".csv", csv_bytes([header]), "只有表头|没有.*行|没有任何记录"),
        "header only .xlsx": (".xlsx", xlsx_bytes([header]), "只有表头|没有.*行"),
        "text named .xlsx": (".xlsx", csv_bytes([header, row]), "不是有效的 Excel"),
        "entity declaration": (
            ".xlsx",
            with_doctype(good_xlsx, "xl/worksheets/sheet1.xml", ENTITY, "&name;"),
            "DTD 或实体声明",
        ),
        "entity expansion": (
            ".xlsx",
            with_doctype(good_xlsx, "xl/worksheets/sheet1.xml", LAUGHS, "&lol9;"),
            "DTD 或实体声明",
        ),
        "zip bomb (unpacks huge)": (
            ".xlsx",
            rezip(good_xlsx, {"xl/media/image1.png": bomb_member()}),
            "压缩炸弹",
        ),
        "zip bomb (claims huge)": (".xlsx", claim_huge(good_xlsx), "压缩炸弹"),
        "million-character cell .csv": (".csv", csv_bytes([header, long_row]), "超过 \\d+ 个字符"),
        "million-character cell .xlsx": (
            ".xlsx",
            xlsx_bytes([header, long_row]),
            f"第 2 行“{header[0]}”列超过 \\d+ 个字符",
        ),
        "NUL bytes": (".csv", csv_bytes([header, row]).replace(b",", b",\x00", 1), "空字符"),
        "UTF-16 without BOM": (".csv", csv_bytes([header, row], "utf-16-le"), "空字符|UTF-16"),
        "Shift-JIS": (".csv", shift_jis, "编码|缺少|表头|列"),
        "many columns": (".csv", csv_bytes([[f"列{i}" for i in range(5000)]]), "超过 \\d+ 列"),
    }


def json_corpus() -> dict[str, tuple[str, bytes, str]]:
    return {
        "random .json": (".json", random_bytes(), "UTF-8|JSON"),
        "empty .json": (".json", b"", "JSON 格式错误"),
        "deep JSON": (".json", deep_json(), "嵌套超过 \\d+ 层"),
        "deep JSON object": (".json", b'{"a":' * 50_000 + b"1" + b"}" * 50_000, "嵌套超过"),
        "NUL in JSON": (".json", b'{"format":\x00}', "JSON 格式错误"),
        "Shift-JIS JSON": (".json", '{"氏名": "テスト"}'.encode("shift_jis"), "UTF-8"),
    }


def package_corpus() -> dict[str, bytes]:
    manifest = json.dumps({"kind": "approval"}).encode()
    good = rezip(xlsx_bytes([["x"]]), {"manifest.json": manifest})
    return {
        "random": random_bytes(),
        "empty": b"",
        "text": "不是数据包".encode(),
        "zip bomb (unpacks huge)": rezip(good, {"approvals.csv": bomb_member()}),
        "zip bomb (claims huge)": claim_huge(good),
        "manifest bomb": rezip(good, {"manifest.json": b" " * (3 * 1024 * 1024)}),
        "deep manifest": rezip(good, {"manifest.json": deep_json()}),
    }


# --- checking one refusal ------------------------------------------------------------------------


# One engine per database for the test's counts, disposed after the test: connecting afresh for
# every count took most of each refusal's check on PostgreSQL.
_COUNTING: dict[str, Engine] = {}


@pytest.fixture(autouse=True)
def _counting_engines() -> Iterator[None]:
    yield
    for engine in _COUNTING.values():
        engine.dispose()
    _COUNTING.clear()


def table_counts(db_url: str) -> dict[str, int]:
    """The rows in every business table, counted in one statement."""
    if db_url not in _COUNTING:
        _COUNTING[db_url] = create_engine(db_url)
    engine = _COUNTING[db_url]
    with engine.connect() as connection:
        names = [n for n in inspect(connection).get_table_names() if n not in NOT_BUSINESS]
        counts = ", ".join(f'(select count(*) from "{n}")' for n in names)
        return dict(zip(names, connection.execute(text(f"select {counts}")).one(), strict=True))


def refused(
    env: Env, db_url: str, label: str, call: Callable[[], object], expected: str
) -> KaopingError:
    """Run `call`; it must raise a KaopingError in Chinese matching `expected`, fast, harmlessly."""
    before = table_counts(db_url)
    started = time.monotonic()
    try:
        call()
    except KaopingError as error:
        refusal = error
    else:
        raise AssertionError(f"{label}: accepted")
    elapsed = time.monotonic() - started
    message = str(refusal)
    assert CJK.search(message), f"{label}: {message!r}"
    assert re.search(expected, message), f"{label}: {message!r} does not match {expected!r}"
    assert elapsed < LIMIT_SECONDS, f"{label}: took {elapsed:.1f} s"
    assert table_counts(db_url) == before, f"{label}: tables changed"
    assert audit.verify_log(env).ok, f"{label}: audit chain broken"
    return refusal


def files(
    folder: Path, corpus: dict[str, tuple[str, bytes, str]]
) -> Iterator[tuple[str, Path, str]]:
    for number, (label, (suffix, data, expected)) in enumerate(corpus.items()):
        path = folder / f"file{number}{suffix}"
        path.write_bytes(data)
        yield label, path, expected


def roster_row() -> list[str]:
    values = row_values(1)
    return [values.get(_key(h), "") for h in HEADERS]


# --- every importer ------------------------------------------------------------------------------


def test_roster_check_and_import_refuse_every_hostile_file(
    env: Env, db_url: str, actors: dict[Role, Actor], tmp_path: Path
) -> None:
    admin = actors[Role.EXAM_ADMIN]
    batch_id = make_batch(env, admin)
    for label, path, expected in files(tmp_path, table_corpus(list(HEADERS), roster_row())):
        refused(
            env,
            db_url,
            label,
            lambda p=path: intake.check_roster_file(env, admin, batch_id, p),
            expected,
        )
        refused(
            env,
            db_url,
            label,
            lambda p=path: intake.import_roster(env, admin, batch_id, p, valid_only=True),
            expected,
        )


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_formula_text_is_imported_as_text(
    env: Env, actors: dict[Role, Actor], tmp_path: Path, suffix: str
) -> None:
    """A name that looks like a formula is stored exactly as written, never evaluated."""
    admin = actors[Role.EXAM_ADMIN]
    batch_id = make_batch(env, admin)
    formula = '=HYPERLINK("http://example.com","x")'
    row = roster_row()
    row[0] = formula
    path = tmp_path / f"formula{suffix}"
    if suffix == ".csv":
        path.write_bytes(csv_bytes([list(HEADERS), row]))
    else:
        book = Workbook()
        sheet = book.active
        assert sheet is not None
        sheet.append(list(HEADERS))
        sheet.append(row)
        sheet["A2"].data_type = "s"  # text that starts with "=", as a platform export writes it
        book.save(path)
    assert intake.import_roster(env, admin, batch_id, path, valid_only=False).imported == 1
    page = intake.list_candidates(env, admin, CandidateQuery(batch_id=batch_id))
    assert [c.name for c in page.rows] == [formula]


def test_score_import_refuses_every_hostile_file(
    env: Env, db_url: str, actors: dict[Role, Actor], tmp_path: Path
) -> None:
    session_id, _ = seed_theory(env, actors[Role.EXAM_ADMIN], 2)
    examiner = actors[Role.EXAMINER]
    corpus = table_corpus(list(SCORE_HEADERS), ["T0001", "85", ""])
    for label, path, expected in files(tmp_path, corpus):
        refused(
            env,
            db_url,
            label,
            lambda p=path: scores.import_scores(env, examiner, session_id, p, valid_only=True),
            expected.replace("|没有.*行", "|没有.*行|没有成绩行"),
        )


def test_item_import_refuses_every_hostile_file(
    env: Env, db_url: str, actors: dict[Role, Actor], tmp_path: Path
) -> None:
    unlock = open_bank(env, actors)
    manager = actors[Role.BANK_ADMIN]
    row = ["2-02-10-09", "", "初级", "职业道德", "判断题", "2", "题干"]
    corpus = {k: v for k, v in table_corpus(list(ITEM_HEADERS), row).items() if v[0] == ".xlsx"}
    corpus |= json_corpus()
    long_stem = {"format": "kaoping-items", "version": 1, "items": [{"stem": "甲" * 1_000_000}]}
    corpus["million-character stem .json"] = (
        ".json",
        json.dumps(long_stem, ensure_ascii=False).encode(),
        "第 1 道题“题干”列超过 \\d+ 个字符",
    )
    for label, path, expected in files(tmp_path, corpus):
        refused(
            env,
            db_url,
            label,
            lambda p=path: bank.import_items(env, manager, unlock, p, all_or_nothing=False),
            expected,
        )


def test_plain_approval_import_refuses_every_hostile_file(
    env: Env, db_url: str, actors: dict[Role, Actor]
) -> None:
    officer = actors[Role.EXAM_ADMIN]
    seed(env, officer, ["passed"])
    header = list(approvals.APPROVAL_COLUMNS)
    row = ["1", "", "张三", "通过", "", "2026-11-30", ""]
    corpus = {k: v for k, v in table_corpus(header, row).items() if v[0] == ".csv"}
    corpus |= json_corpus()
    for label, (suffix, data, expected) in corpus.items():
        refused(
            env,
            db_url,
            label,
            lambda d=data, s=suffix: approvals.import_approval(
                env, officer, BATCH, d, f"approvals{s}", source_confirmed=True
            ),
            expected + "|UTF-8|表头|没有任何记录|缺少",
        )


def test_package_import_and_verify_refuse_every_hostile_zip(
    env: Env, db_url: str, actors: dict[Role, Actor]
) -> None:
    officer = actors[Role.EXAM_ADMIN]
    seed(env, officer, ["passed"])
    expected = "不是.*数据包|压缩|恶意|上限|损坏|缺少"
    for label, data in package_corpus().items():
        refused(
            env, db_url, label, lambda d=data: exchange.import_package(env, officer, d), expected
        )
        refused(
            env,
            db_url,
            label,
            lambda d=data: approvals.import_approval(env, officer, BATCH, d, "a.zip"),
            expected + "|未签名",
        )
        refused(
            env, db_url, label, lambda d=data: site.import_site_package(env, officer, d), expected
        )
        started = time.monotonic()
        check = exchange.verify_file(env, officer, data)
        assert not check.ok and CJK.search(check.message), label
        assert time.monotonic() - started < LIMIT_SECONDS, label


def test_signed_approval_package_with_hostile_contents_is_refused(
    env: Env, db_url: str, actors: dict[Role, Actor]
) -> None:
    """A package from a trusted signer is still parsed within the limits."""
    officer = actors[Role.EXAM_ADMIN]
    seed(env, officer, ["passed"])
    province = generate_identity("广西壮族自治区人力资源和社会保障厅", "GXRST")
    pem = province.certificate.public_bytes(serialization.Encoding.PEM)
    exchange.trust_signer(
        env, actors[Role.SYSTEM_ADMIN], pem, "自治区人社厅", [PackageKind.APPROVAL]
    )
    contents = {
        "approvals.json": (deep_json(), "嵌套超过"),
        "approvals.csv": ("考生编号,姓名\n".encode() + b"1,\x00\n", "空字符"),
    }
    for sequence, (name, (body, expected)) in enumerate(contents.items(), start=1):
        data = build_package(
            PackageKind.APPROVAL,
            "GXRST",
            "自治区人社厅",
            BATCH,
            sequence,
            {name: body},
            province.private_key,
            province.certificate,
            created_at=datetime.now(UTC),
        )
        refused(
            env, db_url, name, lambda d=data: exchange.import_package(env, officer, d), expected
        )


def test_image_registration_refuses_every_hostile_image(
    env: Env, db_url: str, actors: dict[Role, Actor]
) -> None:
    officer = actors[Role.CERTIFICATE_OFFICER]
    corpus = {
        "random": (random_bytes(), "无法识别图片"),
        "empty": (b"", "无法识别图片"),
        "text": ("印章".encode(), "无法识别图片"),
        "claims 50 megapixels": (png_claiming(10_000, 5_000), "超过上限 \\d+ 万像素"),
        "claims 10 gigapixels": (png_claiming(100_000, 100_000), "像素|庞大"),
        "truncated PNG": (png_claiming(64, 64)[:40], "无法识别图片"),
        "over 20 MB": (b"\x89PNG" + bytes(21 * 1024 * 1024), "超过上限"),
    }
    for label, (data, expected) in corpus.items():
        for kind in ("seal", "photo"):
            refused(
                env,
                db_url,
                f"{label} as {kind}",
                lambda d=data, k=kind: certificates.register_asset(env, officer, "印章", k, d),
                expected,
            )


# --- documents to check --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("random.pdf", b"%PDF-1.7\n" + random_bytes()),
        ("empty.pdf", b""),
        ("truncated.pdf", b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R"),
        ("nested.pdf", b"%PDF-1.7\n1 0 obj\n" + b"[" * 100_000 + b"\nendobj\n%%EOF"),
    ],
)
def test_verify_and_compliance_call_damaged_pdfs_unreadable(
    env: Env, tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, data: bytes
) -> None:
    """Exit 2 with a Chinese message, no traceback, for a damaged PDF."""
    path = tmp_path / name
    path.write_bytes(data)
    for argv in (["certificate", "verify", str(path)], ["compliance", "check", str(path)]):
        started = time.monotonic()
        assert run(argv, lambda _db: env) == 2, argv
        assert time.monotonic() - started < LIMIT_SECONDS
        out = capsys.readouterr()
        assert "Traceback" not in out.err + out.out
        assert CJK.search(out.err + out.out)


def test_oversized_files_are_refused_before_reading(
    env: Env, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A 60 MB certificate is unreadable (exit 2) without being read; the size is named."""
    path = tmp_path / "huge.pdf"
    with path.open("wb") as handle:
        handle.truncate(60 * 1024 * 1024)  # sparse: costs no disk and no time
    for argv in (["certificate", "verify", str(path)], ["compliance", "check", str(path)]):
        assert run(argv, lambda _db: env) == 2
        out = capsys.readouterr()
        assert "超过上限 50 MB" in out.out + out.err and "Traceback" not in out.err


# --- corrupted certificates ----------------------------------------------------------------------


def signed_range(pdf: bytes) -> list[tuple[int, int]]:
    """The byte spans the (last) signature covers, from its /ByteRange."""
    found = re.findall(rb"/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]", pdf)
    a, b, c, d = (int(x) for x in found[-1])
    return [(a, a + b), (c, c + d)]


def corruptions(pdf: bytes, count: int, seed: int = 2026) -> Iterator[tuple[str, bytes, bool]]:
    """(how, corrupted bytes, whether a signed byte changed or the file's length changed)."""
    rng = random.Random(seed)
    spans = signed_range(pdf)
    for number in range(count):
        how = ("flip", "overwrite", "truncate", "insert")[number % 4]
        data = bytearray(pdf)
        at = rng.randrange(len(pdf))
        if how == "flip":
            data[at] ^= 1 << rng.randrange(8)
        elif how == "overwrite":
            data[at : at + 16] = rng.randbytes(len(data[at : at + 16]))
        elif how == "truncate":
            del data[at:]
        else:
            data[at:at] = rng.randbytes(rng.randrange(1, 64))
        changed_signed = how in ("truncate", "insert") or any(s <= at < e for s, e in spans)
        if bytes(data) != pdf:
            yield f"{how}@{at}", bytes(data), changed_signed


@pytest.mark.slow
@pytest.mark.sqlite_only  # the check reads the PDF, not the database: one backend is enough
def test_randomly_corrupted_certificates_are_never_valid(
    env: Env, actors: dict[Role, Actor], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """100 corrupted copies of a signed certificate: never valid, never a traceback.

    The service is checked for every copy; the command line for every tenth (exit 1 or 2).
    Offline verification against the body's certificate (--cert) is used, so the signature check
    and not the comparison with the stored copy is what must catch the change.
    """
    from tests.integration.test_certificates_support import PASSPHRASE, ready_batch

    batch, _ = ready_batch(env, actors, 1)
    officer = actors[Role.CERTIFICATE_OFFICER]
    number = certificates.issue_batch(env, officer, batch, PASSPHRASE).numbers[0]
    pdf = certificates.certificate_pdf(env, officer, number)
    cert_path = tmp_path / "body.pem"
    cert_path.write_bytes(own_certificate(env))
    trusted = [cert_path.read_bytes()]
    assert verification.verify_pdf(env, pdf, trusted=trusted).ok
    started = time.monotonic()
    verdicts: dict[str, int] = {}
    for index, (how, data, changed_signed) in enumerate(corruptions(pdf, 100)):
        result = verification.verify_pdf(env, data, trusted=trusted)
        verdicts[result.verdict] = verdicts.get(result.verdict, 0) + 1
        if changed_signed:
            assert not result.ok, how
        assert all(CJK.search(p) for p in result.problems), how
        if index % 10 == 0:
            path = tmp_path / f"corrupt{index}.pdf"
            path.write_bytes(data)
            code = run(
                ["certificate", "verify", str(path), "--cert", str(cert_path)], lambda _db: env
            )
            out = capsys.readouterr()
            assert code in ((0, 1, 2) if not changed_signed else (1, 2)), how
            assert "Traceback" not in out.err + out.out, how
    # Each verification renders the page for its QR code (about 0.5 s on 2 busy cores); the bound
    # only catches a copy that hangs.
    assert time.monotonic() - started < 150, verdicts


def own_certificate(env: Env) -> bytes:
    with env.uow(write=False) as uow:
        return bytes(uow.certificates.signing_certificates()[0])


def test_sealed_paper_and_bank_backup_imports_refuse_every_hostile_file(
    env: Env, db_url: str, actors: dict[Role, Actor]
) -> None:
    """The two JSON files a bank or a site takes in by hand: a sealed paper and a bank backup."""
    unlock = open_bank(env, actors)
    opener, bank_admin = actors[Role.EXAM_ADMIN], actors[Role.BANK_ADMIN]
    corpus = json_corpus() | {
        "not a Kaoping file": (".json", b'{"format": "other"}', "不是 Kaoping"),
        "wrong shape": (".json", b'{"format": "kaoping-sealed-paper", "version": 1}', "损坏"),
    }
    for label, (_suffix, data, expected) in corpus.items():
        refused(
            env,
            db_url,
            f"sealed paper: {label}",
            lambda d=data: papers.import_sealed_paper(env, opener, d),
            expected + "|损坏或格式错误",
        )
        refused(
            env,
            db_url,
            f"bank backup: {label}",
            lambda d=data: bank.restore_backup(env, bank_admin, unlock, d, "backup-passphrase-1"),
            expected + "|损坏或格式错误|不是 Kaoping 题库备份文件",
        )
