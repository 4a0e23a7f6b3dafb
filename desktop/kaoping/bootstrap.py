"""The composition root: builds the database and adapters and hands the services' `Env` out."""

from __future__ import annotations

from pathlib import Path

import platformdirs
from sqlalchemy.engine import Engine

from kaoping.adapters.bank_keys import BankKeys
from kaoping.adapters.certificate_tools import CertificateToolkit
from kaoping.adapters.clock import SystemClock
from kaoping.adapters.dossier_pdf import DossierPdf
from kaoping.adapters.exchange_files import PackageFiles
from kaoping.adapters.fonts import FontCoverage
from kaoping.adapters.identity_store import IdentityStore
from kaoping.adapters.item_files import ItemFileReader
from kaoping.adapters.letter_pdf import render_commitment_letter
from kaoping.adapters.notice_files import NoticeFiles
from kaoping.adapters.paper_pdf import PaperPdf
from kaoping.adapters.passwords import Argon2PasswordHasher
from kaoping.adapters.photos import PhotoToolkit
from kaoping.adapters.plan_pdf import render_plan_filing
from kaoping.adapters.qr import read_qr
from kaoping.adapters.rosters import RosterFiles
from kaoping.adapters.score_files import ScoreFiles
from kaoping.adapters.standards import StandardsFiles
from kaoping.adapters.stock_pdf import StockToolkit
from kaoping.adapters.store_keys import FAST_KDF, PRODUCTION_KDF, StoreKeyring, Wrapping
from kaoping.adapters.table_files import XlsxTables
from kaoping.adapters.ticket_pdf import render_tickets
from kaoping.adapters.workdays import ChineseOfficialCalendar
from kaoping.domain.errors import KaopingError, ValidationError
from kaoping.services import bank, certificates
from kaoping.services.base import Adapters, Env, Hooks
from kaoping.services.ports.core import Clock, NoStoreKeys, StoreKeys
from kaoping.storage import cipher
from kaoping.storage import engine as storage_engine
from kaoping.storage.backup import SqliteBackup
from kaoping.storage.engine import StoreKind, StoreLocation, make_engine, migrate
from kaoping.storage.unit_of_work import SqlUnitOfWorkFactory


def default_location() -> StoreLocation:
    """The encrypted store in the user's data folder."""
    return storage_engine.default_location(Path(platformdirs.user_data_dir("kaoping", "kaoping")))


def location_of(url: str | None) -> StoreLocation:
    """What `--db URL` (or, with none, the default store) names."""
    return storage_engine.locate(url) if url else default_location()


def build_env(
    url: str | None = None,
    *,
    key: bytes | None = None,
    clock: Clock | None = None,
    fast_hashing: bool = False,
    migrate_schema: bool = True,
    unlocked_by: Wrapping | None = None,
) -> Env:
    """Open (creating and migrating if needed) the database at `url` and wire every adapter.

    Args:
        url: SQLAlchemy URL; None means the encrypted store in the user data folder.
        key: The encrypted store's key (from `kaoping.gate`); required for an encrypted store,
            and a new file given a key is created encrypted.
        clock: Replaces the system clock (tests, demos).
        fast_hashing: Cheap password hashing, bank-key derivation and store-key wrapping, for
            tests and demos only; what it writes stays readable by a normal installation.
        migrate_schema: Run migrations to the newest revision first.
        unlocked_by: The key-file wrapping that gave `key` (so sign-in need not check it again).
    """
    location = location_of(url)
    if key is not None and location.kind is StoreKind.PLAIN:
        if location.path is not None and cipher.is_plain(location.path):
            raise ValidationError(
                f"{location.path.name} 是未加密的数据库，请先用 kaoping store encrypt 加密。",
                field="数据库",
            )
        location = StoreLocation(StoreKind.ENCRYPTED, location.url, location.path)
    storage_engine.ensure_parent(location)
    engine = _engine(location, key)
    if migrate_schema:
        migrate(engine)
    store_keys: StoreKeys = NoStoreKeys()
    if key is not None:
        params = FAST_KDF if fast_hashing else PRODUCTION_KDF
        store_keys = StoreKeyring(location.keys_path, key, params, unlocked_by)
    return Env(
        uow=SqlUnitOfWorkFactory(engine),
        clock=clock or SystemClock(),
        hasher=Argon2PasswordHasher(fast=fast_hashing),
        adapters=build_adapters(engine, fast_hashing, key),
        hooks=wired_hooks(),
        engine_url=location.shown,
        store_keys=store_keys,
    )


def _engine(location: StoreLocation, key: bytes | None) -> Engine:
    if location.kind is not StoreKind.ENCRYPTED:
        return make_engine(location.url)
    path = location.path
    if key is None or path is None:
        raise KaopingError("数据库已加密：请先登录（或使用恢复密钥）才能打开。")
    if path.exists() and path.stat().st_size > 0 and not cipher.opens_with(path, key):
        raise cipher.wrong_key_error(path)
    return make_engine(location.url, key)


def build_adapters(
    engine: Engine, fast_hashing: bool = False, key: bytes | None = None
) -> Adapters:
    """Every adapter behind the services' ports; `engine` is the database backups copy.

    `fast_hashing` makes question-bank key wraps cheap (tests, demos); they stay readable.
    `key` is the encrypted store's key, which its backups are encrypted with too.
    """
    return Adapters(
        identity=IdentityStore(),
        standards=StandardsFiles(),
        bank_crypto=BankKeys(fast=fast_hashing),
        item_files=ItemFileReader(),
        paper_pdf=PaperPdf(),
        certificates=CertificateToolkit(),
        ticket_pdf=render_tickets,
        plan_pdf=render_plan_filing,
        qr_reader=read_qr,
        letter=render_commitment_letter,
        rosters=RosterFiles(),
        score_files=ScoreFiles(),
        backup=SqliteBackup(engine, key),
        workdays=ChineseOfficialCalendar(),
        notices=NoticeFiles(),
        packages=PackageFiles(),
        dossier_pdf=DossierPdf(),
        glyphs=FontCoverage(),
        tables=XlsxTables(),
        photos=PhotoToolkit(),
        stock=StockToolkit(),
    )


def wired_hooks() -> Hooks:
    """The cross-feature hooks: question-bank keys follow passwords; voiding revokes certificates."""
    return Hooks(
        on_password=(bank.on_password_change,),
        on_sign_in=(bank.on_sign_in,),
        on_void=(certificates.revoke_on_void,),
    )


def dispose_env(env: Env) -> None:
    """Close the database's pooled connections (the store's key goes with the engine)."""
    uow = env.uow
    if isinstance(uow, SqlUnitOfWorkFactory):
        uow.engine.dispose()
