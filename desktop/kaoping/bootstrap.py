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
from kaoping.adapters.table_files import XlsxTables
from kaoping.adapters.ticket_pdf import render_tickets
from kaoping.adapters.workdays import ChineseOfficialCalendar
from kaoping.services import bank, certificates
from kaoping.services.base import Adapters, Env, Hooks
from kaoping.services.ports.core import Clock
from kaoping.storage.backup import SqliteBackup
from kaoping.storage.engine import default_sqlite_url, ensure_parent, make_engine, migrate
from kaoping.storage.unit_of_work import SqlUnitOfWorkFactory


def default_url() -> str:
    """The SQLite file in the user's data folder."""
    return default_sqlite_url(Path(platformdirs.user_data_dir("kaoping", "kaoping")))


def build_env(
    url: str | None = None,
    *,
    clock: Clock | None = None,
    fast_hashing: bool = False,
    migrate_schema: bool = True,
) -> Env:
    """Open (creating and migrating if needed) the database at `url` and wire every adapter.

    Args:
        url: SQLAlchemy URL; None means the default file in the user data folder.
        clock: Replaces the system clock (tests, demos).
        fast_hashing: Cheap password hashing and bank-key derivation, for tests and demos
            only; what it writes stays readable by a normal installation.
        migrate_schema: Run migrations to the newest revision first.
    """
    url = url or default_url()
    ensure_parent(url)
    engine = make_engine(url)
    if migrate_schema:
        migrate(engine)
    return Env(
        uow=SqlUnitOfWorkFactory(engine),
        clock=clock or SystemClock(),
        hasher=Argon2PasswordHasher(fast=fast_hashing),
        adapters=build_adapters(engine, fast_hashing),
        hooks=wired_hooks(),
        engine_url=engine.url.render_as_string(hide_password=True),
    )


def build_adapters(engine: Engine, fast_hashing: bool = False) -> Adapters:
    """Every adapter behind the services' ports; `engine` is the database backups copy.

    `fast_hashing` makes question-bank key wraps cheap (tests, demos); they stay readable.
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
        backup=SqliteBackup(engine),
        workdays=ChineseOfficialCalendar(),
        notices=NoticeFiles(),
        packages=PackageFiles(),
        dossier_pdf=DossierPdf(),
        glyphs=FontCoverage(),
        tables=XlsxTables(),
        photos=PhotoToolkit(),
    )


def wired_hooks() -> Hooks:
    """The cross-feature hooks: question-bank keys follow passwords; voiding revokes certificates."""
    return Hooks(
        on_password=(bank.on_password_change,),
        on_sign_in=(bank.on_sign_in,),
        on_void=(certificates.revoke_on_void,),
    )
