"""Paper opening windows and watermarks read in Beijing time, whatever zone the computer is set to."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest

from kaoping.services import bank, papers


@pytest.fixture
def utc_computer(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """A computer whose own zone is UTC, as build servers and many laptops abroad are."""
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.mark.usefixtures("utc_computer")
def test_opening_window_is_told_in_beijing_time() -> None:
    """A 09:00 session (01:00 UTC) opens from 08:30, as the refusal message says."""
    window = papers.OpenWindow(
        datetime(2026, 12, 25, 0, 30, tzinfo=UTC), datetime(2026, 12, 25, 2, 30, tzinfo=UTC)
    )
    assert window.text == "2026-12-25 08:30 至 2026-12-25 10:30"


@pytest.mark.usefixtures("utc_computer")
def test_watermark_time_is_beijing_time() -> None:
    """Late evening UTC is already the next morning in Guangxi."""
    assert bank.session_time(datetime(2026, 12, 24, 23, 45, tzinfo=UTC)) == "2026-12-25 07:45"
