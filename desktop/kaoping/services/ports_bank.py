"""What the services of the question bank (题库) and sealed papers need from storage."""

from __future__ import annotations

from typing import Protocol


class BankRepository(Protocol):
    """Storage of the question bank (题库) and sealed papers."""
