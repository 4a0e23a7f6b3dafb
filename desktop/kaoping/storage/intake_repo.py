"""Storage of candidate intake (报名), commitments and verification sampling in SQL."""

from __future__ import annotations

from sqlalchemy.orm import Session


class SqlCandidateRepository:
    """Implements `services.ports_intake.CandidateRepository`."""

    def __init__(self, session: Session) -> None:
        self._s = session
