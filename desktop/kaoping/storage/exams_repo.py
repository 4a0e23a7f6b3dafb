"""Storage of sessions, examiners, check-in and scores in SQL."""

from __future__ import annotations

from sqlalchemy.orm import Session


class SqlExamRepository:
    """Implements `services.ports_exams.ExamRepository`."""

    def __init__(self, session: Session) -> None:
        self._s = session
