"""The SQL unit of work: one session, one transaction, rolled back unless committed."""

from __future__ import annotations

from types import TracebackType

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from kaoping.storage.bank_repo import SqlBankRepository
from kaoping.storage.certificates_repo import SqlCertificateRepository
from kaoping.storage.exams_repo import SqlExamRepository
from kaoping.storage.exchange_repo import SqlExchangeRepository
from kaoping.storage.intake_repo import SqlCandidateRepository
from kaoping.storage.photos_repo import SqlPhotoRepository
from kaoping.storage.plan_repo import SqlPlanRepository
from kaoping.storage.repositories import (
    SqlAuditRepository,
    SqlBodyRepository,
    SqlCatalogueRepository,
    SqlSettingsRepository,
    SqlUserRepository,
)
from kaoping.storage.scores_repo import SqlScoreRepository
from kaoping.storage.stock_repo import SqlStockRepository


class SqlUnitOfWork:
    """Implements `services.ports.UnitOfWork` over SQLAlchemy."""

    def __init__(self, factory: sessionmaker[Session], write: bool) -> None:
        self._factory = factory
        self._write = write

    def __enter__(self) -> SqlUnitOfWork:
        self.session = self._factory()
        # Take SQLite's write lock at BEGIN for writing actions (see engine.make_engine).
        self.session.connection(execution_options={"kaoping_write": self._write})
        self.users = SqlUserRepository(self.session)
        self.audit = SqlAuditRepository(self.session)
        self.body = SqlBodyRepository(self.session)
        self.catalogue = SqlCatalogueRepository(self.session)
        self.settings = SqlSettingsRepository(self.session)
        self.plans = SqlPlanRepository(self.session)
        self.candidates = SqlCandidateRepository(self.session)
        self.exams = SqlExamRepository(self.session)
        self.bank = SqlBankRepository(self.session)
        self.certificates = SqlCertificateRepository(self.session)
        self.exchange = SqlExchangeRepository(self.session)
        self.scores = SqlScoreRepository(self.session)
        self.photos = SqlPhotoRepository(self.session)
        self.stock = SqlStockRepository(self.session)
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        # Anything not explicitly committed is discarded: nothing half-done (DESIGN.md rule 7).
        self.session.rollback()
        self.session.close()

    def commit(self) -> None:
        """Make the transaction's work durable."""
        self.session.commit()

    def rollback(self) -> None:
        """Discard the transaction's work."""
        self.session.rollback()


class SqlUnitOfWorkFactory:
    """Opens units of work on one engine."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._factory = sessionmaker(bind=engine, expire_on_commit=False)

    def __call__(self, write: bool = True) -> SqlUnitOfWork:
        """A new unit of work; `write=True` takes SQLite's write lock when it begins."""
        return SqlUnitOfWork(self._factory, write)
