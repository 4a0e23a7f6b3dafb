"""The README's first command, `kaoping demo`, and the application bundle that carries it.

The demo runs once for the module, inside the one-folder bundle that PyInstaller builds from this
checkout, with no Python and an empty environment: that run is the bundle's proof (a module or
data file the frozen program lacks fails it) and, read back by the other tests, the demo's. Both
take minutes, so they share it. The bundle runs the same `kaoping.main` as `.venv/bin/kaoping`;
the venv's own command is run here too, for `--help`, the refusal of a used folder and (in
process) the start of a `--plain` demo. If the bundle does not build, its test fails and the
demo's tests run on `.venv/bin/kaoping demo` instead, so they still say whether the demo works;
`KAOPING_TEST_DEMO=venv` chooses that without building (quicker when working on the demo).
"""

from __future__ import annotations

import os
import re
import shutil
import sqlite3
import subprocess
import sys
import zipfile
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

import pytest

from kaoping.adapters.store_keys import parse_recovery, store_key
from kaoping.storage import cipher
from tests.openssl_steps import verify_manifest

ROOT = Path(__file__).resolve().parents[2]
KAOPING = Path(sys.executable).with_name("kaoping")
FULL_ID_NUMBER = re.compile(r"(?<!\d)\d{17}[\dX](?!\d)")


@dataclass(frozen=True)
class Bundle:
    """The outcome of building the bundle: its program, or why there is none."""

    program: Path | None
    why_not: str


@dataclass(frozen=True)
class Demo:
    """One finished `kaoping demo --out DIR` run."""

    program: Path
    out: Path
    stdout: str
    stderr: str
    returncode: int

    @property
    def recovery_key(self) -> str:
        """The recovery key the demo printed for its encrypted database."""
        found = re.search(r"恢复密钥：([A-Z2-7]{4}(?:-[A-Z2-7]{4}){13})", self.stdout)
        assert found, self.stdout[-2000:]
        return found.group(1)

    def query(self, sql: str) -> list[tuple[object, ...]]:
        # Opened as someone holding the recovery sheet would: the printed key is the real one.
        key = store_key(parse_recovery(self.recovery_key))
        with closing(cipher.connect(self.out / "kaoping-demo.db", key)) as db:
            return list(db.execute(sql).fetchall())

    def count(self, sql: str) -> int:
        value = self.query(sql)[0][0]
        assert isinstance(value, int)
        return value


def bare_environment(home: Path) -> dict[str, str]:
    """No virtualenv on PATH, no PYTHONPATH: a frozen program that needs Python fails."""
    return {"PATH": "/usr/bin:/bin", "HOME": str(home), "QT_QPA_PLATFORM": "offscreen"}


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Bundle:
    """The one-folder bundle built with installer/kaoping.spec into a temporary folder."""
    if os.environ.get("KAOPING_TEST_DEMO") == "venv":
        return Bundle(None, "KAOPING_TEST_DEMO=venv: the bundle is not built")
    folder = tmp_path_factory.mktemp("bundle")
    build = subprocess.run(
        [
            sys.executable,
            "-m",
            "PyInstaller",
            "--noconfirm",
            "--log-level",
            "WARN",
            "--distpath",
            str(folder / "dist"),
            "--workpath",
            str(folder / "work"),
            str(ROOT / "installer" / "kaoping.spec"),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        timeout=900,
    )
    program = folder / "dist" / "kaoping" / "kaoping"
    if build.returncode != 0 or not program.is_file():
        return Bundle(None, f"PyInstaller exit {build.returncode}: {build.stderr[-3000:]}")
    return Bundle(program, "")


@pytest.fixture(scope="module")
def demo(bundle: Bundle, tmp_path_factory: pytest.TempPathFactory) -> Demo:
    """The demo run in the bundle, or from the venv when there is no bundle."""
    folder = tmp_path_factory.mktemp("demo")
    out = folder / "out"
    if bundle.program is not None:
        program, env = bundle.program, bare_environment(folder)
    else:
        program, env = KAOPING, dict(os.environ)
    result = subprocess.run(
        [str(program), "demo", "--out", str(out)],
        capture_output=True,
        text=True,
        env=env,
        check=False,
        timeout=600,
    )
    return Demo(program, out, result.stdout, result.stderr, result.returncode)


@pytest.mark.slow
def test_bundle_builds_and_runs_the_demo(
    bundle: Bundle, request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    """PyInstaller produces dist/kaoping/kaoping, whose --help lists commands and demo succeeds.

    The demo in the bundle runs on the encrypted store, as an installation keeps its data:
    SQLCipher must be frozen into the bundle and open, write and close the store with its key
    file. The other tests read what this demo run wrote.
    """
    if os.environ.get("KAOPING_TEST_DEMO") == "venv":
        pytest.skip(bundle.why_not)
    assert bundle.program is not None, bundle.why_not
    helped = subprocess.run(
        [str(bundle.program), "--help"],
        capture_output=True,
        text=True,
        env=bare_environment(tmp_path),
        check=False,
        timeout=120,
    )
    assert helped.returncode == 0, helped.stderr
    assert "demo" in helped.stdout
    demo: Demo = request.getfixturevalue("demo")
    assert demo.program == bundle.program
    assert demo.returncode == 0, demo.stderr[-3000:]
    assert "哈希链完好" in demo.stdout
    database = demo.out / "kaoping-demo.db"
    assert f"演示数据库（加密）：{database}" in demo.stdout
    assert cipher.looks_encrypted(database)
    assert database.with_name(database.name + ".keys").is_file()


@pytest.mark.slow
def test_demo_tells_each_step_and_where_its_files_are(demo: Demo) -> None:
    """Thirteen numbered steps, the simulated clock said up front, the file list, no full ID."""
    assert demo.returncode == 0, demo.stderr[-3000:]
    assert f"演示数据库（加密）：{demo.out / 'kaoping-demo.db'}" in demo.stdout
    assert "模拟时钟" in demo.stdout and "演示程序模拟" in demo.stdout
    steps = [int(m) for m in re.findall(r"^(\d+)\. ", demo.stdout, flags=re.MULTILINE)]
    assert steps == list(range(1, 14))
    assert "哈希链完好" in demo.stdout
    # The official 2026 notice is imported and confirmed; no later year is made up.
    assert "导入《国务院办公厅关于2026年部分节假日安排的通知》" in demo.stdout
    assert "2026 年：已确认（国务院通知）" in demo.stdout
    assert demo.query("SELECT year, source FROM calendar_years") == [(2026, "notice")]
    # The cast's roles take effect only once the supervisor has confirmed them.
    assert "经质量督导员 dudao 确认后生效" in demo.stdout
    assert demo.count("SELECT count(*) FROM role_grants WHERE status = 'confirmed'") == 7
    assert "openssl dgst -sha256 -verify" in demo.stdout  # how the receiver checks the report
    listed = demo.stdout.split("产物：", 1)[1]
    for name in (
        "plan-filing.pdf",
        "roster.csv",
        "approval-simulated.csv",
        "revocations.json",
        "dossier.pdf",
        "letters/",
        "tickets/",
        "certificates/",
        "report/",
    ):
        assert name in listed
    assert not FULL_ID_NUMBER.search(demo.stdout)


@pytest.mark.slow
def test_demo_takes_in_200_and_voids_one_false_commitment(demo: Demo) -> None:
    """200 imported with a letter each; the false commitment is void and on the register."""
    assert demo.count("SELECT count(*) FROM candidates") == 200
    assert len(list((demo.out / "letters").glob("*.pdf"))) == 200
    voided = demo.query("SELECT id FROM candidates WHERE status = 'void'")
    assert len(voided) == 1
    assert demo.query("SELECT candidate_id FROM dishonesty_register") == voided


@pytest.mark.slow
def test_demo_confirms_the_results_of_every_session(demo: Demo) -> None:
    """All ten sessions confirmed; the 199 who went on have a result, most passed, some failed."""
    assert demo.query("SELECT DISTINCT status FROM exam_sessions") == [("confirmed",)]
    assert demo.count("SELECT count(*) FROM exam_sessions") == 10
    outcomes = dict(demo.query("SELECT outcome, count(*) FROM results GROUP BY outcome"))
    assert sum(outcomes.values()) == 199
    assert outcomes["passed"] > outcomes["failed"] > 0
    # Every mark was keyed by an examiner on that session's panel, each seat by two people.
    assert (
        demo.count("""
        SELECT count(*) FROM score_events e WHERE e.kind = 'entry' AND NOT EXISTS (
          SELECT 1 FROM session_staff st JOIN examiners x ON x.id = st.examiner_id
          JOIN users u ON u.id = x.user_id
          WHERE st.session_id = e.session_id AND u.username = e.actor
            AND st.role IN ('examiner', 'reviewer'))""")
        == 0
    )
    assert demo.count("SELECT count(DISTINCT actor) FROM score_events WHERE kind = 'entry'") == 4


@pytest.mark.slow
def test_demo_reports_issues_and_revokes_one(demo: Demo) -> None:
    """A report package on disk; a certificate per approval, all saved, exactly one revoked."""
    assert demo.count("SELECT count(*) FROM exported_packages WHERE kind = 'report'") == 1
    assert len(list((demo.out / "report").glob("*.zip"))) == 1
    approved = demo.count("SELECT count(*) FROM approvals WHERE decision = 'approved'")
    issued = demo.count("SELECT count(*) FROM certificates")
    assert issued == approved > 100
    assert demo.count("SELECT count(*) FROM certificates WHERE status = 'revoked'") == 1
    assert len(list((demo.out / "certificates").glob("*.pdf"))) == issued
    assert "证书有效" in demo.stdout and "已撤销" in demo.stdout
    # A revocation lasts: the demo's 补发 of the revoked certificate is refused.
    assert "被拒绝：证书" in demo.stdout and "撤销复原" in demo.stdout
    assert demo.count("SELECT count(*) FROM certificates WHERE replaces_id IS NOT NULL") == 0
    # A caller's number and name: valid, revoked, and a name that does not match.
    assert "按编号和姓名查询" in demo.stdout and "姓名与证书不符" in demo.stdout
    assert "certificate-qr.md" in demo.stdout
    # The holder's photo goes in as the JPEG intake stored: poppler lists it as a JPEG image.
    assert "与入库照片逐字节相同" in demo.stdout
    first = min((demo.out / "certificates").glob("*.pdf"))
    listing = subprocess.run(
        ["pdfimages", "-list", str(first)], capture_output=True, text=True, check=True
    ).stdout.splitlines()[2:]
    assert next(line.split()[8] for line in listing if line.split()[2] == "image") == "jpeg"


@pytest.mark.slow
def test_demo_prints_one_certificate_onto_stock_and_logs_a_reprint(demo: Demo) -> None:
    """套打: a layout, a calibrated printer, the calibration page and one data-only sheet; the
    reprint without a reason refused, the one with a reason logged."""
    assert demo.count("SELECT count(*) FROM stock_layouts") == 1
    assert demo.query("SELECT printer FROM printer_calibrations") == [("演示打印机",)]
    assert demo.query("SELECT kind, reason FROM certificate_prints ORDER BY id") == [
        ("first", ""),
        ("reprint", "卡纸"),
    ]
    sheets = list((demo.out / "stock").glob("*-stock.pdf"))
    assert len(sheets) == 1 and (demo.out / "stock" / "calibration-page.pdf").exists()
    text = subprocess.run(
        ["pdftotext", str(sheets[0]), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert sheets[0].name.removesuffix("-stock.pdf") in text and "专业技术等级证书" not in text
    assert "重打须填写原因" in demo.stdout


@pytest.mark.slow
def test_demo_report_verifies_with_stock_openssl(demo: Demo, tmp_path: Path) -> None:
    """The commands the demo prints for the receiver say Verified OK on its report package."""
    openssl = shutil.which("openssl")
    if openssl is None:
        pytest.skip("openssl command not installed")
    with zipfile.ZipFile(next((demo.out / "report").glob("*.zip"))) as package:
        package.extractall(tmp_path)
    checked = verify_manifest(openssl, tmp_path)
    assert "Verified OK" in checked.stdout, checked.stdout + checked.stderr


@pytest.mark.slow
def test_demo_leaves_an_intact_audit_chain(demo: Demo) -> None:
    """`kaoping audit verify` on the demo database agrees: exit 0 (a demo user opens it)."""
    verify = subprocess.run(
        [str(KAOPING), "--db", f"sqlite:///{demo.out / 'kaoping-demo.db'}", "audit", "verify"],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "KAOPING_USER": "admin", "KAOPING_PASSWORD": "Demo2026pass"},
    )
    assert verify.returncode == 0, verify.stdout + verify.stderr
    assert "哈希链全部吻合" in verify.stdout


@pytest.mark.slow
def test_the_audit_page_shows_every_demo_action_in_words(demo: Demo) -> None:
    """No action the demo writes would show on 审计日志 as a code, no detail key as English."""
    from kaoping.domain.audit_words import ACTION_NAMES, details_text, unlabelled_keys

    rows = demo.query("SELECT DISTINCT action, details FROM audit_log")
    assert len(rows) > 40
    unnamed = sorted({str(action) for action, _ in rows if action not in ACTION_NAMES})
    assert not unnamed, f"add to ACTION_NAMES: {unnamed}"
    keys = set().union(*(unlabelled_keys(str(details or "")) for _, details in rows))
    assert not keys, f"add to DETAIL_LABELS: {sorted(keys)}"
    assert all("{" not in details_text(str(details or "")) for _, details in rows)


@pytest.mark.slow
def test_the_demo_database_is_encrypted_like_real_data(demo: Demo) -> None:
    """No full ID number or candidate name in the database files; the sheet is where it says."""
    names = {str(row[0]) for row in demo.query("SELECT name FROM candidates LIMIT 20")}
    files = [p for p in demo.out.iterdir() if p.name.startswith("kaoping-demo.db")]
    assert {p.name for p in files} >= {"kaoping-demo.db", "kaoping-demo.db.keys"}
    for path in files:
        data = path.read_bytes()
        assert not FULL_ID_NUMBER.search(data.decode("latin-1")), path.name
        assert not [n for n in names if n.encode() in data], path.name
    with (
        pytest.raises(sqlite3.DatabaseError),
        closing(sqlite3.connect(demo.out / "kaoping-demo.db")) as db,
    ):
        db.execute("SELECT count(*) FROM candidates").fetchall()
    sheet = demo.out / "kaoping-demo-recovery-key.pdf"
    assert sheet.read_bytes().startswith(b"%PDF") and str(sheet) in demo.stdout


@pytest.mark.slow
def test_demo_plain_keeps_an_unencrypted_database(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """`kaoping demo --plain` writes a database any SQLite tool reads, and says it is plain.

    The demo's first steps only (set-up, plan, the 200 applications): the rest of the lifecycle
    runs on the encrypted demo above, and doing it twice would double the suite's longest test.
    """
    from kaoping.cli import demo, demo_intake
    from kaoping.main import main

    def first_steps(run: object) -> None:
        demo_intake.set_up_body(run)  # type: ignore[arg-type]
        demo_intake.file_plan(run)  # type: ignore[arg-type]
        demo_intake.take_in_candidates(run)  # type: ignore[arg-type]

    monkeypatch.setattr(demo, "_lifecycle", first_steps)
    out = tmp_path / "plain"
    assert main(["demo", "--plain", "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "演示数据库（未加密）" in printed and "恢复密钥" not in printed
    with closing(sqlite3.connect(out / "kaoping-demo.db")) as db:
        assert db.execute("SELECT count(*) FROM candidates").fetchone() == (200,)
    assert not (out / "kaoping-demo.db.keys").exists()


@pytest.mark.slow
def test_demo_refuses_a_folder_with_a_database(demo: Demo) -> None:
    """Running it again into the same folder changes nothing and says why."""
    again = subprocess.run(
        [str(KAOPING), "demo", "--out", str(demo.out)],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert again.returncode == 2
    assert "已存在" in again.stdout


def test_help_lists_the_commands() -> None:
    """`kaoping --help` names every scripting command."""
    result = subprocess.run([str(KAOPING), "--help"], capture_output=True, text=True, check=False)
    for command in ("init", "users", "audit", "backup", "demo", "catalogue"):
        assert command in result.stdout
