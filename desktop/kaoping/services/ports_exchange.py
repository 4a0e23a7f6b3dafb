"""What the services of reporting packages, site packages and approvals need from storage."""

from __future__ import annotations

from typing import Protocol


class ExchangeRepository(Protocol):
    """Storage of reporting packages, site packages and approvals."""
