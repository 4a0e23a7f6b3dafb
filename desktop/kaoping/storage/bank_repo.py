"""Storage of the question bank (题库) and sealed papers in SQL."""

from __future__ import annotations

from sqlalchemy.orm import Session


class SqlBankRepository:
    """Implements `services.ports_bank.BankRepository`."""

    def __init__(self, session: Session) -> None:
        self._s = session
