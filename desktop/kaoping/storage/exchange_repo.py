"""Storage of reporting packages, site packages and approvals in SQL."""

from __future__ import annotations

from sqlalchemy.orm import Session


class SqlExchangeRepository:
    """Implements `services.ports_exchange.ExchangeRepository`."""

    def __init__(self, session: Session) -> None:
        self._s = session
