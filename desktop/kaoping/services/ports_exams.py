"""What the services of sessions, examiners, check-in and scores need from storage."""

from __future__ import annotations

from typing import Protocol


class ExamRepository(Protocol):
    """Storage of sessions, examiners, check-in and scores."""
