"""The encrypted local store: nothing personal readable in any file, keys that follow passwords.

A stolen site laptop must reveal nothing: the database, its write-ahead log, its backups and the
site laptop's own database are searched byte by byte for the candidates' ID numbers, names and a
marker photo. The same search on a plain database finds them, so the search itself is proven.
"""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import update

from kaoping.adapters.clock import FixedClock
from kaoping.adapters.store_keys import KeyFile, format_recovery
from kaoping.bootstrap import build_env
from kaoping.cli.app import run
from kaoping.domain.errors import (
    AuthenticationError,
    ConflictError,
    KaopingError,
    PermissionDenied,
    ValidationError,
)
from kaoping.domain.packages import PackageKind
from kaoping.domain.roles import Role
from kaoping.gate import StoreGate
from kaoping.services import accounts, audit, exchange, maintenance, setup, site
from kaoping.services.base import Actor, Env
from kaoping.storage import cipher
from kaoping.storage.intake_tables import CandidateRow
from kaoping.storage.photos_tables import CandidatePhotoRow
from tests.databases import (
    PASSPHRASE,
    PASSWORD,
    START,
    USERNAMES,
    add_user,
    dispose,
    encrypted_url,
    first_setup,
    new_store_key,
)
from tests.integration.test_exchange_site import (
    IDS,
    backdated_key,
    run_the_session,
    seed_head_office,
)

NAMES = ["张三", "李四", "王五"]
# A photo with a marker no encryption could produce by chance; any table holding image bytes
# (candidate photos, whatever table they move to) is covered by the search of the whole file.
MARKER = b"\x89PNG\r\n\x1a\n" + b"KAOPING-MARKER-7f3e9c1d-photo-bytes" * 8
WORK_UNIT = "南宁市青秀区数字经济产业园甲座"
PHONE = "13907710001"


@dataclass
class Spill:
    """Where a run of head office and a site laptop left files, and what must not be in them."""

    files: list[Path]
    needles: dict[str, bytes]


def _seed(env: Env, admin: Actor, actors: dict[Role, Actor]) -> int:
    head = seed_head_office(env, admin, actors)
    with env.uow() as uow:
        uow.session.execute(  # type: ignore[attr-defined]
            update(CandidateRow)
            .where(CandidateRow.id == head.candidates[0])
            .values(phone=PHONE, work_unit=WORK_UNIT)
        )
        uow.session.merge(  # type: ignore[attr-defined]
            CandidatePhotoRow(
                candidate_id=head.candidates[0],
                jpeg=MARKER,
                original_sha256="0" * 64,
                width=358,
                height=441,
                imported_at=START,
                imported_by="test",
            )
        )
        uow.commit()
    return head.session_id


def _laptop(path: Path, encrypted: bool, clock: FixedClock) -> Env:
    if encrypted:
        return build_env(
            encrypted_url(path), key=new_store_key(path), clock=clock, fast_hashing=True
        )
    return build_env(f"sqlite:///{path}", clock=clock, fast_hashing=True)


@contextmanager
def _spill(
    env: Env,
    admin: Actor,
    actors: dict[Role, Actor],
    db_url: str,
    tmp_path: Path,
    clock: FixedClock,
    encrypted: bool,
) -> Iterator[Spill]:
    """Head office with candidates, a backup, and a site laptop that ran the session."""
    _seed(env, admin, actors)
    head_cert = backdated_key(env, "广西数字技术评价中心")
    maintenance.backup(env, admin, tmp_path / "backups" / "kaoping-backup.db")
    laptop_folder = tmp_path / "laptop"
    laptop_folder.mkdir()
    laptop = _laptop(laptop_folder / "kaoping.db", encrypted, clock)
    try:
        setup.initialise(laptop, first_setup("siteadmin", "考点管理员"))
        site_admin = accounts.sign_in(laptop, "siteadmin", PASSWORD)
        add_user(laptop, site_admin, "site_lead", "考点负责人", [Role.EXAM_ADMIN])
        exchange.trust_signer(laptop, site_admin, head_cert, "总部", [PackageKind.SITE])
        lead = accounts.sign_in(laptop, "site_lead", PASSWORD)
        package = site.export_site_package(
            env, actors[Role.EXAM_ADMIN], "B-SITE-01", "S1-theory", PASSPHRASE
        )
        site.import_site_package(laptop, lead, package.data)
        run_the_session(_Site(laptop))
        # Both databases stay open: the write-ahead logs are searched as they are in use.
        files = sorted(p for p in tmp_path.rglob("*") if p.is_file())
        needles = {n: n.encode() for n in IDS} | {n: n.encode() for n in NAMES}
        needles |= {"marker": MARKER, "phone": PHONE.encode(), "work unit": WORK_UNIT.encode()}
        yield Spill(files, needles)
    finally:
        dispose(laptop)


@dataclass
class _Site:
    env: Env


def _hits(spill: Spill) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for path in spill.files:
        data = path.read_bytes()
        for label, needle in spill.needles.items():
            if needle in data:
                found.setdefault(path.name, []).append(label)
    return found


@pytest.mark.sqlite_only
@pytest.mark.encrypted_store
def test_no_file_of_the_encrypted_store_holds_personal_data(
    env: Env,
    admin: Actor,
    actors: dict[Role, Actor],
    db_url: str,
    tmp_path: Path,
    clock: FixedClock,
) -> None:
    """Database, WAL, shm, backup, key files and the site laptop's database: 0 hits."""
    assert db_url.startswith("sqlite+pysqlcipher")
    with _spill(env, admin, actors, db_url, tmp_path, clock, encrypted=True) as spill:
        names = {p.name for p in spill.files}
        # The search covers the files that matter, not just whatever happened to exist.
        assert {"kaoping.db", "kaoping.db-wal", "kaoping-backup.db", "kaoping.db.keys"} <= names
        assert "kaoping-backup.db.keys" in names
        assert (tmp_path / "laptop" / "kaoping.db-wal").stat().st_size > 0
        assert _hits(spill) == {}
        for database in (tmp_path / "kaoping.db", tmp_path / "backups" / "kaoping-backup.db"):
            with pytest.raises(sqlite3.DatabaseError, match="not a database"):
                sqlite3.connect(database).execute("SELECT * FROM sqlite_master").fetchall()


@pytest.mark.sqlite_only
@pytest.mark.plain_store
def test_the_same_search_finds_everything_in_a_plain_database(
    env: Env,
    admin: Actor,
    actors: dict[Role, Actor],
    db_url: str,
    tmp_path: Path,
    clock: FixedClock,
) -> None:
    """Without encryption the search finds the numbers, names and marker: it can fail."""
    with _spill(env, admin, actors, db_url, tmp_path, clock, encrypted=False) as spill:
        hits = _hits(spill)
        together = set().union(*(set(labels) for labels in hits.values()))
        assert together == set(spill.needles)
        assert "marker" in hits["kaoping-backup.db"]


# --- keys from people ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def new_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A new encrypted store, set up by its three first people, once for the module; returns
    the folder holding its `store/` folder and the recovery key it showed (`recovery.txt`)."""
    folder = tmp_path_factory.mktemp("new-store")
    gate = _gate(folder / "store" / "kaoping.db")
    assert gate.is_new()
    env = gate.create()
    setup.initialise(env, first_setup())
    recovery = gate.recovery_key()
    assert recovery
    (folder / "recovery.txt").write_text(recovery)
    gate.close()
    return folder


@pytest.fixture
def store(new_store: Path, tmp_path: Path) -> Path:
    """A copy of the new encrypted store (and its key file) of the test's own; returns the
    database path. Creating and setting up a store per test took most of each test's time."""
    shutil.copytree(new_store / "store", tmp_path / "store")
    shutil.copyfile(new_store / "recovery.txt", tmp_path / "recovery.txt")
    return tmp_path / "store" / "kaoping.db"


def _gate(path: Path) -> StoreGate:
    return StoreGate(encrypted_url(path), clock=FixedClock(START), fast_hashing=True)


def _recovery(path: Path) -> str:
    return (path.parents[1] / "recovery.txt").read_text()


def test_the_right_password_opens_the_store_and_a_wrong_one_does_not(store: Path) -> None:
    """Sign-in unwraps the key first; a wrong password leaves the store closed."""
    gate = _gate(store)
    assert not gate.is_open() and not gate.is_new()
    assert gate.label() == "广西数字技术评价中心"
    with pytest.raises(AuthenticationError, match="用户名或密码不正确"):
        gate.sign_in("admin", "Wrong-passw0rd")
    assert not gate.is_open()
    with pytest.raises(AuthenticationError, match="没有数据库钥匙"):
        gate.sign_in("nobody", PASSWORD)
    actor = gate.sign_in("admin", PASSWORD)
    assert actor.username == "admin" and gate.is_open()
    # Every one of the three first people can open it with their own password.
    for role in (Role.SUPERVISOR, Role.CERTIFICATE_OFFICER):
        other = _gate(store)
        assert other.sign_in(USERNAMES[role], PASSWORD).username == USERNAMES[role]
        other.close()
    gate.close()


def test_a_password_change_and_a_reset_keep_the_store_openable(store: Path) -> None:
    """New passwords open the store from cold; old ones no longer do."""
    gate = _gate(store)
    admin = gate.sign_in("admin", PASSWORD)
    env = gate.env()
    user_id = accounts.create_user(env, admin, "clerk", "考务甲", "Clerk-pass1", [Role.EXAM_ADMIN])
    accounts.change_own_password(env, admin, PASSWORD, "Changed-pass2")
    accounts.reset_password(env, admin, user_id, "OneTime-pass3")
    gate.close()
    with pytest.raises(AuthenticationError):
        _gate(store).sign_in("admin", PASSWORD)
    with pytest.raises(AuthenticationError):
        _gate(store).sign_in("clerk", "Clerk-pass1")
    assert _gate(store).sign_in("admin", "Changed-pass2").username == "admin"
    assert _gate(store).sign_in("clerk", "OneTime-pass3").username == "clerk"
    # One wrapping per person: the superseded ones are gone from the key file.
    users = [w.user_id for w in KeyFile.load(store.with_name("kaoping.db.keys")).wrappings()]
    assert sorted(users) == sorted(set(users))


def test_an_interrupted_password_change_is_settled_at_the_next_sign_in(store: Path) -> None:
    """Old and new wrapping both present (crash before the cleanup): sign-in keeps the one that
    the database accepts."""
    gate = _gate(store)
    admin = gate.sign_in("admin", PASSWORD)
    keyring = gate.env().store_keys
    keyring.enrol(admin.user_id, "admin", "Stale-pass9")  # as if a change never committed
    gate.close()
    keys = store.with_name("kaoping.db.keys")
    assert sum(w.user_id == admin.user_id for w in KeyFile.load(keys).wrappings()) == 2
    with pytest.raises(AuthenticationError):
        _gate(store).sign_in("admin", "Stale-pass9")  # the key unwraps, the database refuses
    _gate(store).sign_in("admin", PASSWORD)
    assert sum(w.user_id == admin.user_id for w in KeyFile.load(keys).wrappings()) == 1
    with pytest.raises(AuthenticationError, match="用户名或密码不正确"):
        _gate(store).unlock("admin", "Stale-pass9")


def test_a_disabled_account_no_longer_opens_the_store(store: Path) -> None:
    gate = _gate(store)
    admin = gate.sign_in("admin", PASSWORD)
    user_id = accounts.create_user(
        gate.env(), admin, "leaver", "离职者", "Leaver-pass1", [Role.EXAM_ADMIN]
    )
    assert _gate(store).sign_in("leaver", "Leaver-pass1").username == "leaver"
    accounts.set_active(gate.env(), admin, user_id, False)
    with pytest.raises(AuthenticationError, match="没有数据库钥匙"):
        _gate(store).unlock("leaver", "Leaver-pass1")


def test_an_account_without_a_wrapping_gets_one_signing_in_while_the_store_is_open(
    store: Path,
) -> None:
    """Site accounts arrive with password hashes only: their first sign-in on the open store
    wraps the key for them, and from then on they open it themselves."""
    gate = _gate(store)
    admin = gate.sign_in("admin", PASSWORD)
    user_id = accounts.create_user(gate.env(), admin, "ex_a", "考评员甲", PASSWORD, [Role.EXAMINER])
    gate.env().store_keys.forget(user_id)  # as a site package leaves it
    with pytest.raises(AuthenticationError, match="没有数据库钥匙"):
        _gate(store).unlock("ex_a", PASSWORD)
    assert gate.sign_in("ex_a", PASSWORD).username == "ex_a"
    assert _gate(store).sign_in("ex_a", PASSWORD).username == "ex_a"


def test_the_recovery_key_opens_the_store_with_no_password(store: Path) -> None:
    """All passwords forgotten: the recovery key sets a system administrator's new one."""
    recovery = _recovery(store)
    gate = _gate(store)
    gate.unlock_with_recovery(recovery.lower().replace("-", " "))
    assert audit.verify_log(gate.env()).ok
    gate.close()
    with pytest.raises(PermissionDenied, match="只能为系统管理员"):
        _gate(store).recover(recovery, USERNAMES[Role.SUPERVISOR], "Recovered-pass1")
    _gate(store).recover(recovery, "admin", "Recovered-pass1")
    assert _gate(store).sign_in("admin", "Recovered-pass1").username == "admin"
    entries = audit.verify_log(_opened(store, "admin", "Recovered-pass1"))
    assert entries.ok


def _opened(path: Path, username: str, password: str) -> Env:
    gate = _gate(path)
    gate.unlock(username, password)
    return gate.env()


def test_a_mistyped_or_foreign_recovery_key_is_refused(store: Path, tmp_path: Path) -> None:
    recovery = _recovery(store)
    typo = recovery[:-1] + ("A" if recovery[-1] != "A" else "B")
    with pytest.raises(ValidationError, match="校验不符"):
        _gate(store).unlock_with_recovery(typo)
    with pytest.raises(ValidationError, match="56 个字母"):
        _gate(store).unlock_with_recovery("ABCD-EFGH")
    with pytest.raises(KaopingError, match="无法用此钥匙打开"):
        _gate(store).unlock_with_recovery(format_recovery(b"\x01" * 32))


def test_a_copied_database_without_its_key_file_opens_for_nobody(
    store: Path, tmp_path: Path
) -> None:
    """Not with a password, not with sqlite3, not with another store's key; only the recovery
    key (kept away from the computer) still opens it."""
    stolen = tmp_path / "usb" / "kaoping.db"
    stolen.parent.mkdir()
    shutil.copyfile(store, stolen)
    with pytest.raises(KaopingError, match="找不到数据库密钥文件"):
        _gate(stolen).sign_in("admin", PASSWORD)
    with pytest.raises(sqlite3.DatabaseError):
        sqlite3.connect(stolen).execute("SELECT count(*) FROM users").fetchall()
    assert not cipher.opens_with(stolen, b"\x00" * 32)
    # Another store's key file beside it does not help either.
    other = tmp_path / "other" / "kaoping.db"
    other_gate = _gate(other)
    setup.initialise(other_gate.create(), first_setup())
    other_gate.close()
    shutil.copyfile(other.with_name("kaoping.db.keys"), stolen.with_name("kaoping.db.keys"))
    with pytest.raises(KaopingError, match="无法用此钥匙打开"):
        _gate(stolen).sign_in("admin", PASSWORD)
    recovered = _gate(stolen)
    recovered.unlock_with_recovery(_recovery(store))
    assert setup.body_name(recovered.env()) == "广西数字技术评价中心"


def test_an_abandoned_first_run_starts_over(tmp_path: Path) -> None:
    """Set-up closed half-way leaves a store no one could open; the next start recreates it."""
    path = tmp_path / "kaoping.db"
    gate = _gate(path)
    gate.create()
    gate.close()  # the program was killed before set-up finished
    again = _gate(path)
    assert again.is_new()
    env = again.create()
    setup.initialise(env, first_setup())
    assert not _gate(path).is_new()
    # Giving up in the dialog removes the files.
    cancelled = _gate(tmp_path / "cancelled" / "kaoping.db")
    cancelled.create()
    cancelled.discard_new()
    assert not any((tmp_path / "cancelled").iterdir())


def test_a_store_is_not_created_twice(store: Path) -> None:
    with pytest.raises(ConflictError):
        _gate(store).create()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "不是有效的 JSON"),
        (b"\xff\xfe garbage", "不是有效的 JSON"),
        (b'{"format": "something-else"}', "不是考评数据库密钥文件"),
        (b'{"format": "kaoping-store-keys", "version": 9}', "版本"),
        (b"[" * 100_000, "不是有效的 JSON"),
    ],
)
def test_a_damaged_key_file_is_refused_in_chinese(
    store: Path, content: bytes, message: str
) -> None:
    store.with_name("kaoping.db.keys").write_bytes(content)
    with pytest.raises(KaopingError, match=message):
        _gate(store).sign_in("admin", PASSWORD)


def test_key_derivation_parameters_from_the_file_are_bounded(store: Path) -> None:
    """A key file asking for 100 GiB of memory per guess is damaged, not obeyed."""
    keys = store.with_name("kaoping.db.keys")
    text = keys.read_text().replace('"memory_cost": 1024', '"memory_cost": 104857600', 1)
    keys.write_text(text)
    with pytest.raises(ValidationError, match="超出范围"):
        _gate(store).sign_in("admin", PASSWORD)


def test_a_key_file_without_its_database_creates_nothing(store: Path) -> None:
    """Signing in must not quietly start an empty database where the real one went missing."""
    store.unlink()
    with pytest.raises(KaopingError, match="找不到数据库文件"):
        _gate(store).sign_in("admin", PASSWORD)
    assert not store.exists()


# --- the command line ---------------------------------------------------------------------


def _cli(monkeypatch: pytest.MonkeyPatch, env_vars: dict[str, str], *argv: str) -> int:
    for name in ("KAOPING_USER", "KAOPING_PASSWORD", "KAOPING_RECOVERY_KEY", "KAOPING_DB"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env_vars.items():
        monkeypatch.setenv(name, value)
    return run(list(argv), lambda url: StoreGate(url, clock=FixedClock(START), fast_hashing=True))


def test_the_command_line_sets_up_signs_in_and_recovers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """`init` prints the recovery key once; commands sign in with KAOPING_PASSWORD; `store
    recover` gives a forgotten administrator a new password."""
    url = encrypted_url(tmp_path / "kaoping.db")
    people = {
        "KAOPING_NEW_PASSWORD": PASSWORD,
        "KAOPING_SUPERVISOR_PASSWORD": PASSWORD,
        "KAOPING_OFFICER_PASSWORD": PASSWORD,
        "KAOPING_KEY_PASSPHRASE": PASSPHRASE,
    }
    sheet = tmp_path / "usb" / "recovery.pdf"
    init = ["--db", url, "init", "--body-name", "测试评价中心", "--body-code", "T01"]
    init += ["--admin", "admin", "--admin-name", "管理员", "--supervisor", "dudao"]
    init += ["--supervisor-name", "督导", "--officer", "zhengshu", "--officer-name", "证书"]
    assert _cli(monkeypatch, people, *init, "--recovery-sheet", str(sheet)) == 0
    printed = capsys.readouterr().out
    recovery = printed.split("凭它重新进入）：\n", 1)[1].split()[0]
    assert len(recovery) == 69 and sheet.read_bytes().startswith(b"%PDF")
    assert _cli(monkeypatch, {}, "--db", url, "audit", "verify") == 2
    assert "KAOPING_RECOVERY_KEY" in capsys.readouterr().err
    signed = {"KAOPING_USER": "admin", "KAOPING_PASSWORD": PASSWORD}
    assert _cli(monkeypatch, signed, "--db", url, "audit", "verify") == 0
    wrong = {"KAOPING_PASSWORD": "Wrong-passw0rd"}
    assert _cli(monkeypatch, wrong, "--db", url, "users", "list", "--user", "admin") == 2
    assert "用户名或密码不正确" in capsys.readouterr().err
    reset = {"KAOPING_RECOVERY_KEY": recovery, "KAOPING_NEW_PASSWORD": "Recovered-pass1"}
    assert _cli(monkeypatch, reset, "--db", url, "store", "recover", "--user", "admin") == 0
    fresh = {"KAOPING_PASSWORD": "Recovered-pass1"}
    assert _cli(monkeypatch, fresh, "--db", url, "users", "list", "--user", "admin") == 0
    assert "zhengshu" in capsys.readouterr().out
    assert (
        _cli(monkeypatch, {"KAOPING_RECOVERY_KEY": recovery}, "--db", url, "audit", "verify") == 0
    )
    assert "store.recover" in _audit_actions(tmp_path / "kaoping.db", recovery)


def _audit_actions(path: Path, recovery: str) -> str:
    gate = _gate(path)
    gate.unlock_with_recovery(recovery)
    with gate.env().uow(write=False) as uow:
        actions = " ".join(record.action for record in uow.audit.records())
    gate.close()
    return actions


def test_init_that_fails_leaves_no_store_behind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A refused set-up (weak password) removes the new files, so the next `init` starts clean."""
    url = encrypted_url(tmp_path / "kaoping.db")
    weak = {
        "KAOPING_NEW_PASSWORD": "short",
        "KAOPING_SUPERVISOR_PASSWORD": PASSWORD,
        "KAOPING_OFFICER_PASSWORD": PASSWORD,
        "KAOPING_KEY_PASSPHRASE": PASSPHRASE,
    }
    init = ["--db", url, "init", "--body-name", "测试评价中心", "--body-code", "T01"]
    init += ["--admin", "admin", "--admin-name", "管理员", "--supervisor", "dudao"]
    init += ["--supervisor-name", "督导", "--officer", "zhengshu", "--officer-name", "证书"]
    assert _cli(monkeypatch, weak, *init) == 2
    assert list(tmp_path.iterdir()) == []


# --- converting an existing plain database ------------------------------------------------


@pytest.mark.sqlite_only
@pytest.mark.plain_store
def test_store_encrypt_converts_a_plain_database_in_place(
    env: Env,
    admin: Actor,
    actors: dict[Role, Actor],
    db_url: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Every row kept, the audit chain intact, nothing readable left, the old file gone."""
    _seed(env, admin, actors)
    path = tmp_path / "kaoping.db"
    with closing(sqlite3.connect(path)) as plain:
        before = cipher.row_counts(plain)
    dispose(env)
    signed = {"KAOPING_PASSWORD": PASSWORD}
    assert _cli(monkeypatch, signed, "--db", db_url, "store", "encrypt", "--user", "admin") == 0
    printed = capsys.readouterr().out
    assert f"{len(before)} 张表" in printed and "哈希链完好" in printed
    recovery = printed.split("凭它重新进入）：\n", 1)[1].split()[0]
    assert cipher.looks_encrypted(path)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kaoping.db", "kaoping.db.keys"]
    needles = [n.encode() for n in IDS + NAMES] + [MARKER, WORK_UNIT.encode()]
    assert not [n for n in needles if n in path.read_bytes()]
    # The same URL now opens the encrypted store, with the administrator's password.
    verify = {"KAOPING_USER": "admin", "KAOPING_PASSWORD": PASSWORD}
    assert _cli(monkeypatch, verify, "--db", db_url, "audit", "verify") == 0
    gate = _gate(path)
    gate.sign_in("admin", PASSWORD)
    with closing(cipher.connect(path, _key_of(gate))) as copy:
        after = cipher.row_counts(copy)
    assert {t: n for t, n in after.items() if t != "audit_log"} == {
        t: n for t, n in before.items() if t != "audit_log"
    }
    assert "store.encrypt" in _audit_actions(path, recovery)
    # Others open it with their own password once they have signed in while it was open.
    exam_admin = USERNAMES[Role.EXAM_ADMIN]
    with pytest.raises(AuthenticationError, match="没有数据库钥匙"):
        _gate(path).unlock(exam_admin, PASSWORD)
    gate.sign_in(exam_admin, PASSWORD)
    gate.close()
    assert _gate(path).sign_in(exam_admin, PASSWORD).username == exam_admin


def _key_of(gate: StoreGate) -> bytes:
    keyring = gate.env().store_keys
    return bytes(getattr(keyring, "_key"))  # noqa: B009


@pytest.mark.sqlite_only
@pytest.mark.plain_store
def test_store_encrypt_changes_nothing_when_it_cannot_finish(
    env: Env, admin: Actor, db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A program still using the database, a wrong password, a copy that fails its check:
    the plain database stays as it was and no key file or copy is left."""
    path = tmp_path / "kaoping.db"
    assert accounts.list_users(env, admin)  # the program has the database open
    with pytest.raises(ConflictError, match="正被其他程序使用"):
        StoreGate(db_url, fast_hashing=True).encrypt("admin", PASSWORD)
    dispose(env)
    with pytest.raises(AuthenticationError):
        StoreGate(db_url, fast_hashing=True).encrypt("admin", "Wrong-passw0rd")

    def broken(*_args: object) -> int:
        raise KaopingError("加密副本的行数与原数据库不符（users），原数据库未改动。")

    monkeypatch.setattr(StoreGate, "_check_copy", broken)
    with pytest.raises(KaopingError, match="原数据库未改动"):
        StoreGate(db_url, fast_hashing=True).encrypt("admin", PASSWORD)
    assert cipher.is_plain(path)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kaoping.db"]
    with closing(sqlite3.connect(path)) as plain:
        assert plain.execute("SELECT count(*) FROM users").fetchone()[0] >= 3


def test_store_encrypt_refuses_an_encrypted_store(store: Path) -> None:
    with pytest.raises(ConflictError, match="只有未加密"):
        _gate(store).encrypt("admin", PASSWORD)


def test_a_backup_of_the_store_opens_with_the_same_passwords(store: Path, tmp_path: Path) -> None:
    """The backup is encrypted with the store's key and carries its key file."""
    gate = _gate(store)
    admin = gate.sign_in("admin", PASSWORD)
    target = tmp_path / "usb" / "backup.db"
    maintenance.backup(gate.env(), admin, target)
    gate.close()
    assert cipher.looks_encrypted(target) and target.with_name("backup.db.keys").exists()
    copy = _gate(target)
    copy.sign_in("admin", PASSWORD)
    assert setup.body_name(copy.env()) == "广西数字技术评价中心"
    assert audit.verify_log(copy.env()).ok
    copy.close()
    with pytest.raises(ValidationError, match="目标文件已存在"):
        maintenance.backup(_opened(store, "admin", PASSWORD), admin, target)
