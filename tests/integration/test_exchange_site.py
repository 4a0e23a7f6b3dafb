"""Head office -> offline site laptop -> head office, on two separate databases.

Also the `kaoping approval import` verb, the command-line way to take the province's answer in.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID

from kaoping.adapters.clock import FixedClock
from kaoping.adapters.packages import csv_to_rows
from kaoping.bootstrap import build_env
from kaoping.domain.approvals import ApprovalDecision
from kaoping.domain.catalogue import Level
from kaoping.domain.errors import ConflictError, NotFound, PermissionDenied, ValidationError
from kaoping.domain.packages import PackageKind
from kaoping.domain.plans import Plan
from kaoping.domain.roles import Role
from kaoping.domain.scoring import Mark, ScoreStatus
from kaoping.services import (
    accounts,
    approvals,
    bank,
    checkin,
    exchange,
    packaging,
    papers,
    photos,
    plans,
    scores,
    setup,
    site,
)
from kaoping.services.base import Actor, Env
from kaoping.services.papers import AssemblyRequest, Credential
from kaoping.services.ports.bank import PaperRecord
from kaoping.services.ports.dto import BodyProfile
from kaoping.services.ports.exams import IncidentKind
from kaoping.storage.exams_tables import ExamSessionRow, ResultRow, SeatRow
from kaoping.storage.intake_tables import CandidateRow
from kaoping.storage.sites_tables import ExaminerRow, SessionStaffRow
from tests.databases import USERNAMES, add_user, first_setup
from tests.integration.test_bank_support import AI, open_bank, register_openers, spread_items
from tests.integration.test_exchange_report import BATCH, approval_csv, seed
from tests.integration.test_exchange_report import backdated_key as report_key
from tests.photo_faces import photo_rows, portrait_jpeg

PASSWORD = "Passw0rd-test"
PASSPHRASE = "key-passphrase-1"
BODY = BodyProfile("广西数字技术评价中心", "GXDT01", "南宁市", "李老师", "0771-1234567")
T0 = datetime(2026, 11, 25, 1, 0, tzinfo=UTC)
IDS = ["450102199001011234", "45010219850505567X", "450103199212120019"]
FAKE_PHOTO = b"\x89PNG fake photo"
TICKETS = ["GX001", "GX002", "GX003"]


def backdated_key(env: Env, org: str) -> bytes:
    """A signing key valid since 2020 (packages are dated by the test clock); returns its PEM.

    The certificate officer replaces the key: the signing key is theirs, not the administrator's.
    """
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.ORGANIZATION_NAME, org)])
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
        b"k", key, cert, None, serialization.BestAvailableEncryption(b"p12-password")
    )
    officer = accounts.sign_in(env, USERNAMES[Role.CERTIFICATE_OFFICER], PASSWORD)
    return setup.replace_signing_key(env, officer, PASSPHRASE, p12, "p12-password").cert_pem


@dataclass
class HeadOffice:
    env: Env
    admin: Actor
    exam_admin: Actor
    cert: bytes
    session_id: int
    candidates: list[int]


@dataclass
class Site:
    env: Env
    admin: Actor
    exam_admin: Actor
    cert: bytes


def seed_head_office(env: Env, admin: Actor, actors: dict[Role, Actor]) -> HeadOffice:
    """A batch, one theory session with three seats and two staffed examiners with accounts."""
    exam_admin = actors[Role.EXAM_ADMIN]
    plan_id = plans.create_plan(
        env,
        exam_admin,
        Plan(
            0,
            "P-SITE-01",
            "2026 年人工智能初级考核",
            "2-02-10-09",
            "",
            Level.JUNIOR,
            date(2026, 11, 1),
            date(2026, 12, 31),
            "南宁考点",
            100,
            "",
        ),
    )
    batch_id = plans.create_batch(
        env, exam_admin, plan_id, "B-SITE-01", "十二月批次", date(2026, 12, 1), date(2026, 12, 2)
    )
    add_user(env, admin, "ex_a", "考评员甲", [Role.EXAMINER])
    add_user(env, admin, "ex_b", "考评员乙", [Role.EXAMINER])
    with env.uow() as uow:
        db = uow.session  # type: ignore[attr-defined]
        people = [
            CandidateRow(
                batch_id=batch_id,
                eligible=True,  # as intake leaves an eligible applicant
                name=name,
                id_type="居民身份证",
                id_number=IDS[i],
                id_masked=IDS[i][:2] + "*" * 12 + IDS[i][-4:],
                person_key=f"pk-{i}",
                education="本科",
                occupation_code="2-02-10-09",
                level="junior",
                created_at=T0,
                updated_at=T0,
            )
            for i, name in enumerate(["张三", "李四", "王五"])
        ]
        db.add_all(people)
        session = ExamSessionRow(
            batch_id=batch_id,
            code="S1-theory",
            component="theory",
            site="南宁考点",
            room="101",
            starts_at=T0,
            ends_at=T0,
            capacity=30,
        )
        db.add(session)
        db.flush()
        db.add_all(
            SeatRow(session_id=session.id, candidate_id=p.id, seat_no=i + 1, ticket_no=TICKETS[i])
            for i, p in enumerate(people)
        )
        db.add_all(photo_rows([people[0].id], FAKE_PHOTO))
        for username in ("ex_a", "ex_b"):
            user = uow.users.by_username(username)
            assert user is not None
            examiner = ExaminerRow(
                name=user.display_name,
                roles="examiner",
                occupations="2-02-10-09",
                user_id=user.id,
                created_at=T0,
                updated_at=T0,
            )
            db.add(examiner)
            db.flush()
            db.add(
                SessionStaffRow(
                    session_id=session.id,
                    examiner_id=examiner.id,
                    role="examiner",
                    assigned_at=T0,
                    assigned_by="u_exam_admin",
                )
            )
        ids = [p.id for p in people]
        session_id = session.id
        uow.commit()
    return HeadOffice(env, admin, exam_admin, backdated_key(env, BODY.name), session_id, ids)


@pytest.fixture
def head_office(env: Env, admin: Actor, actors: dict[Role, Actor]) -> HeadOffice:
    """Head office with one session ready to send to a site."""
    return seed_head_office(env, admin, actors)


@pytest.fixture
def laptop(tmp_path: Path, clock: FixedClock, head_office: HeadOffice) -> Iterator[Site]:
    """A site laptop: its own database, the same body profile, trusting head office."""
    env = build_env(f"sqlite:///{tmp_path / 'site.db'}", clock=clock, fast_hashing=True)
    setup.initialise(env, first_setup("siteadmin", "考点管理员"))
    admin = accounts.sign_in(env, "siteadmin", PASSWORD)
    cert = backdated_key(env, "南宁考点笔记本")
    add_user(env, admin, "site_lead", "考点负责人", [Role.EXAM_ADMIN])
    exchange.trust_signer(env, admin, head_office.cert, "总部", [PackageKind.SITE])
    exchange.trust_signer(
        head_office.env, head_office.admin, cert, "南宁考点笔记本", [PackageKind.RESULTS]
    )
    yield Site(env, admin, accounts.sign_in(env, "site_lead", PASSWORD), cert)
    getattr(env.uow, "engine").dispose()  # noqa: B009


def present(value: str) -> Mark:
    return Mark(ScoreStatus.PRESENT, Decimal(value))


def run_the_session(laptop: Site) -> tuple[int, Actor]:
    """Import the site package offline, check in, record an incident, double-key two scores."""
    ex_a = accounts.sign_in(laptop.env, "ex_a", PASSWORD)
    ex_b = accounts.sign_in(laptop.env, "ex_b", PASSWORD)
    sid = next(s.id for s in checkin.sessions(laptop.env, ex_a, _batch_id(laptop, ex_a)))
    first = checkin.check_in(laptop.env, ex_a, sid, TICKETS[0])
    second = site.check_in_by_id(laptop.env, ex_a, sid, IDS[1].lower())
    checkin.record_incident(
        laptop.env, ex_a, second.seat.seat_id, IncidentKind.OTHER, "开考 10 分钟后迟到入场"
    )
    for keyer in (ex_a, ex_b):
        scores.enter_score(laptop.env, keyer, sid, first.seat.candidate_id, present("85.5"))
        scores.enter_score(laptop.env, keyer, sid, second.seat.candidate_id, present("58"))
    return sid, ex_a


def _batch_id(laptop: Site, actor: Actor) -> int:
    return plans.find_batch(laptop.env, actor, "B-SITE-01").id


def _finals(env: Env, actor: Actor, session_id: int) -> list[tuple[str, Mark | None, int]]:
    sheet = scores.score_sheet(env, actor, session_id)
    return [(line.ticket_no, line.final, line.keys) for line in sheet.lines]


def test_round_trip_reproduces_check_in_incidents_and_scores(
    head_office: HeadOffice, laptop: Site
) -> None:
    """What the site recorded offline arrives at head office exactly; a second import is a no-op."""
    out = site.export_site_package(
        head_office.env, head_office.exam_admin, "B-SITE-01", "S1-theory", PASSPHRASE
    )
    with zipfile.ZipFile(io.BytesIO(out.data)) as archive:
        roster = archive.read("roster.csv")
        assert f"photos/{head_office.candidates[0]}.png" in archive.namelist()
        assert {r["用户名"] for r in csv_to_rows(archive.read("accounts.csv"))} == {"ex_a", "ex_b"}
    assert all(number.encode() not in roster for number in IDS)
    installed = site.import_site_package(laptop.env, laptop.exam_admin, out.data)
    assert (installed.candidates, installed.photos, installed.accounts_added) == (3, 1, 2)
    sid, ex_a = run_the_session(laptop)
    with pytest.raises(NotFound, match="没有该证件号码"):
        site.find_ticket_by_id(laptop.env, ex_a, sid, "450102199001019999")
    back = site.export_results(laptop.env, ex_a, sid, PASSPHRASE)
    merged = site.import_results(head_office.env, head_office.exam_admin, back.data)
    assert (merged.seats.added, merged.incidents.added, merged.scores.added) == (2, 1, 4)
    assert merged.conflicts == ()
    reader = accounts.sign_in(head_office.env, "ex_a", PASSWORD)
    assert _finals(head_office.env, reader, head_office.session_id) == _finals(
        laptop.env, ex_a, sid
    )
    assert _finals(head_office.env, reader, head_office.session_id)[0][1] == present("85.5")
    incidents = checkin.incidents(head_office.env, head_office.exam_admin, head_office.session_id)
    assert [i.note for i in incidents] == ["开考 10 分钟后迟到入场"]
    with pytest.raises(ValidationError, match="已导入过"):
        site.import_results(head_office.env, head_office.exam_admin, back.data)
    again = site.export_results(laptop.env, ex_a, sid, PASSPHRASE)
    repeat = site.import_results(head_office.env, head_office.exam_admin, again.data)
    assert (repeat.seats.added, repeat.incidents.added, repeat.scores.added) == (0, 0, 0)
    assert (repeat.seats.unchanged, repeat.incidents.unchanged, repeat.scores.unchanged) == (
        3,
        1,
        4,
    )


def test_head_office_keeps_confirmed_results_and_reports_the_conflict(
    head_office: HeadOffice, laptop: Site
) -> None:
    """A result already confirmed at head office is not overwritten; the conflict is named."""
    out = site.export_site_package(
        head_office.env, head_office.exam_admin, "B-SITE-01", "S1-theory", PASSPHRASE
    )
    site.import_site_package(laptop.env, laptop.exam_admin, out.data)
    sid, ex_a = run_the_session(laptop)
    with head_office.env.uow() as uow:
        db = uow.session  # type: ignore[attr-defined]
        db.add(
            ResultRow(
                candidate_id=head_office.candidates[1],
                batch_id=_batch_id_ho(head_office),
                outcome="failed",
                confirmed_at=T0,
                confirmed_by="u_supervisor",
            )
        )
        seat = db.query(SeatRow).filter_by(ticket_no=TICKETS[0]).one()
        seat.attendance = "late"
        uow.commit()
    merged = site.import_results(
        head_office.env,
        head_office.exam_admin,
        site.export_results(laptop.env, ex_a, sid, PASSPHRASE).data,
    )
    assert merged.scores.added == 2
    assert any("GX002" in c and "已确认锁定" in c for c in merged.conflicts)
    assert any("GX001" in c and "保留总部记录" in c for c in merged.conflicts)
    assert "未覆盖" in merged.describe()


def _batch_id_ho(head_office: HeadOffice) -> int:
    return plans.find_batch(head_office.env, head_office.exam_admin, "B-SITE-01").id


def test_site_refuses_packages_it_should_not_trust(head_office: HeadOffice, laptop: Site) -> None:
    """A site package signed by an unknown key, or imported twice, is refused."""
    out = site.export_site_package(
        head_office.env, head_office.exam_admin, "B-SITE-01", "S1-theory", PASSPHRASE
    )
    exchange.withdraw_signer(
        laptop.env, laptop.admin, exchange.list_signers(laptop.env, laptop.admin)[0].fingerprint
    )
    with pytest.raises(ValidationError, match="未知签名者"):
        site.import_site_package(laptop.env, laptop.exam_admin, out.data)
    exchange.trust_signer(laptop.env, laptop.admin, head_office.cert, "总部", [PackageKind.SITE])
    assert "场次 S1-theory" in exchange.import_package(laptop.env, laptop.exam_admin, out.data)
    with pytest.raises(ValidationError, match="已导入过"):
        exchange.import_package(laptop.env, laptop.exam_admin, out.data)
    # Results go only to head office: the laptop does not trust itself for them.
    sid, ex_a = run_the_session(laptop)
    back = site.export_results(laptop.env, ex_a, sid, PASSPHRASE)
    with pytest.raises(ValidationError, match="未知签名者"):
        site.import_results(laptop.env, laptop.exam_admin, back.data)


def seal_paper_for(head_office: HeadOffice, actors: dict[Role, Actor]) -> PaperRecord:
    """Move the session to start in 20 minutes and seal a 12-item paper for it."""
    env = head_office.env
    starts = env.clock.now() + timedelta(minutes=20)
    with env.uow() as uow:
        row = uow.session.get(ExamSessionRow, head_office.session_id)  # type: ignore[attr-defined]
        row.starts_at, row.ends_at = starts, starts + timedelta(hours=2)
        uow.commit()
    unlock = open_bank(env, actors)
    bank.import_rows(
        env, actors[Role.BANK_ADMIN], unlock, list(spread_items(env, 60)), approve=True
    )
    register_openers(env, actors)
    outcome = papers.assemble_paper(
        env,
        actors[Role.BANK_ADMIN],
        AssemblyRequest(AI, Level.JUNIOR, 12, head_office.session_id, seed=7),
    )
    assert outcome.paper is not None
    papers.seal_paper(env, actors[Role.BANK_ADMIN], unlock, outcome.paper.paper_id)
    return outcome.paper


EXAM = Credential("u_exam_admin", PASSWORD)
SUPERVISOR = Credential("u_supervisor", PASSWORD)


def test_sealed_paper_travels_with_the_site_package_and_opens_offline(
    head_office: HeadOffice, laptop: Site, actors: dict[Role, Actor], clock: FixedClock
) -> None:
    """The session's sealed paper arrives on the laptop and two openers open it in the window."""
    paper = seal_paper_for(head_office, actors)
    out = site.export_site_package(
        head_office.env, head_office.exam_admin, "B-SITE-01", "S1-theory", PASSPHRASE
    )
    assert out.summary["papers"] == 1
    with zipfile.ZipFile(io.BytesIO(out.data)) as archive:
        assert f"papers/{paper.code}.json" in archive.namelist()
        assert not any(b"QSTEM" in archive.read(name) for name in archive.namelist())
    installed = site.import_site_package(laptop.env, laptop.exam_admin, out.data)
    assert installed.papers == (paper.code,)
    local = papers.find_paper(laptop.env, laptop.exam_admin, paper.code)
    assert local.imported and local.session_id == installed.session_id
    with pytest.raises(PermissionDenied, match="两位不同的人"):
        papers.open_paper(laptop.env, laptop.exam_admin, paper.code, EXAM, EXAM, "考点开考")
    opened = papers.open_paper(
        laptop.env, laptop.exam_admin, paper.code, EXAM, SUPERVISOR, "考点开考"
    )
    assert len(opened.items) == 12 and opened.session_code == "S1-theory"
    clock.advance(hours=3)
    lead = accounts.sign_in(laptop.env, "site_lead", PASSWORD)
    with pytest.raises(PermissionDenied, match="不在启封时间内"):
        papers.open_paper(laptop.env, lead, paper.code, EXAM, SUPERVISOR, "考后")


def test_site_install_with_a_clashing_paper_installs_nothing(
    head_office: HeadOffice, laptop: Site, actors: dict[Role, Actor]
) -> None:
    """If the paper cannot be installed, neither is the session: the import is all or nothing."""
    paper = seal_paper_for(head_office, actors)
    out = site.export_site_package(
        head_office.env, head_office.exam_admin, "B-SITE-01", "S1-theory", PASSPHRASE
    )
    papers.import_sealed_paper(
        laptop.env,
        laptop.exam_admin,
        papers.export_sealed_paper(head_office.env, head_office.exam_admin, paper.paper_id),
    )
    with pytest.raises(ConflictError, match="已在本机"):
        site.import_site_package(laptop.env, laptop.exam_admin, out.data)
    with pytest.raises(NotFound):
        plans.find_batch(laptop.env, laptop.exam_admin, "B-SITE-01")
    assert exchange.list_packages(laptop.env, laptop.exam_admin)[1] == []


def test_cancelled_site_export_records_nothing(head_office: HeadOffice) -> None:
    """Cancelling the export leaves no package in the register and the sequence unused."""
    with pytest.raises(packaging.ExportCancelled, match="已取消"):
        site.export_site_package(
            head_office.env,
            head_office.exam_admin,
            "B-SITE-01",
            "S1-theory",
            PASSPHRASE,
            cancelled=lambda: True,
        )
    assert exchange.list_packages(head_office.env, head_office.exam_admin)[0] == []
    made = site.export_site_package(
        head_office.env, head_office.exam_admin, "B-SITE-01", "S1-theory", PASSPHRASE
    )
    assert made.sequence == 1


def test_approval_command_imports_a_confirmed_plain_file(
    env: Env,
    actors: dict[Role, Actor],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """`kaoping approval import FILE --batch B --confirm-source` records the decisions."""
    from kaoping.cli.app import run

    officer = actors[Role.EXAM_ADMIN]
    report_key(env)
    ids = seed(env, officer, ["passed", "failed"])
    exchange.export_report(env, officer, BATCH, PASSPHRASE)
    answer = tmp_path / "审核结果.csv"
    answer.write_bytes(
        approval_csv([(ids[0], "张三", "通过", ""), (ids[1], "李四", "不通过", "培训学时不足")])
    )
    monkeypatch.setenv("KAOPING_PASSWORD", PASSWORD)
    command = ["approval", "import", str(answer), "--batch", BATCH, "--user", officer.username]
    assert run(command, lambda _db: env) == 2
    assert "已核实来源" in capsys.readouterr().err
    assert run([*command, "--confirm-source"], lambda _db: env) == 0
    printed = capsys.readouterr().out
    assert "通过 1 人" in printed and "培训学时不足" in printed
    status = {v.candidate_id: v.decision for v in approvals.approval_status(env, officer, BATCH)}
    assert status == {ids[0]: ApprovalDecision.APPROVED, ids[1]: ApprovalDecision.REJECTED}


def test_site_package_carries_the_photos_byte_for_byte(
    head_office: HeadOffice, laptop: Site
) -> None:
    """Checked photos travel to the site unchanged and show at the site's check-in desk."""
    checked = {
        cid: photos.set_photo(
            head_office.env, head_office.exam_admin, cid, portrait_jpeg(60 + i)
        ).jpeg
        for i, cid in enumerate(head_office.candidates)
    }
    out = site.export_site_package(
        head_office.env, head_office.exam_admin, "B-SITE-01", "S1-theory", PASSPHRASE
    )
    with zipfile.ZipFile(io.BytesIO(out.data)) as archive:
        sent = {n: archive.read(n) for n in archive.namelist() if n.startswith("photos/")}
    assert sent == {f"photos/{cid}.jpg": data for cid, data in checked.items()}
    installed = site.import_site_package(laptop.env, laptop.exam_admin, out.data)
    assert installed.photos == 3
    ex_a = accounts.sign_in(laptop.env, "ex_a", PASSWORD)
    sid = checkin.sessions(laptop.env, ex_a, _batch_id(laptop, ex_a))[0].id
    arrived = {
        seat.ticket_no: seat.photo
        for seat in (checkin.find_candidate(laptop.env, ex_a, sid, t).seat for t in TICKETS)
    }
    assert set(arrived.values()) == set(checked.values())
