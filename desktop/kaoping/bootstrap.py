"""The composition root: builds the database and adapters and hands the services' `Env` out."""

from __future__ import annotations

from pathlib import Path

import platformdirs

from kaoping.adapters.bank_keys import BankKeys
from kaoping.adapters.certificate_tools import CertificateToolkit
from kaoping.adapters.clock import SystemClock
from kaoping.adapters.dossier_pdf import DossierPdf
from kaoping.adapters.exchange_files import PackageFiles
from kaoping.adapters.identity_store import IdentityStore
from kaoping.adapters.item_files import ItemFileReader
from kaoping.adapters.letter_pdf import render_commitment_letter
from kaoping.adapters.paper_pdf import PaperPdf
from kaoping.adapters.passwords import Argon2PasswordHasher
from kaoping.adapters.plan_pdf import render_plan_filing
from kaoping.adapters.qr import read_qr
from kaoping.adapters.rosters import RosterFiles
from kaoping.adapters.score_files import ScoreFiles
from kaoping.adapters.standards import StandardsFiles
from kaoping.adapters.ticket_pdf import render_tickets
from kaoping.adapters.workdays import ChineseOfficialCalendar

# Imported for their side effect: they register the sign-in, password and void hooks that keep
# bank keys and certificates consistent with accounts and applications, whichever front end runs.
from kaoping.services import bank as _bank_hooks  # noqa: F401
from kaoping.services import certificates as _certificate_hooks  # noqa: F401
from kaoping.services.base import Env
from kaoping.services.ports import Clock
from kaoping.storage.backup import SqliteBackup
from kaoping.storage.engine import default_sqlite_url, ensure_parent, make_engine, migrate
from kaoping.storage.unit_of_work import SqlUnitOfWorkFactory


def default_url() -> str:
    """The SQLite file in the user's data folder."""
    return default_sqlite_url(Path(platformdirs.user_data_dir("kaoping", "kaoping")))


def build_env(url: str | None = None, *, clock: Clock | None = None, fast_hashing: bool = False,
              migrate_schema: bool = True) -> Env:
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
    env = Env(uow=SqlUnitOfWorkFactory(engine), clock=clock or SystemClock(),
              hasher=Argon2PasswordHasher(fast=fast_hashing))
    env.adapters.update({
        "identity": IdentityStore(),
        "bank_crypto": BankKeys(fast=fast_hashing),
        "item_files": ItemFileReader(),
        "paper_pdf": PaperPdf(),
        "certificates": CertificateToolkit(),
        "ticket_pdf": render_tickets,
        "plan_pdf": render_plan_filing,
        "qr_reader": read_qr,
        "letter": render_commitment_letter,
        "rosters": RosterFiles(),
        "standards": StandardsFiles(),
        "score_files": ScoreFiles(),
        "backup": SqliteBackup(engine),
        "workdays": ChineseOfficialCalendar(),
        "packages": PackageFiles(),
        "dossier_pdf": DossierPdf(),
        "engine_url": engine.url.render_as_string(hide_password=True),
    })
    return env
