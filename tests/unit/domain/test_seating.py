"""Seat plans and admission ticket numbers."""

from __future__ import annotations

import hashlib

import pytest

from kaoping.domain.errors import ValidationError
from kaoping.domain.seating import Room, Seat, assign_seats, shuffled, ticket_number

CANDIDATES = [f"C{n:03d}" for n in range(1, 8)]


def test_without_seed_roster_order_fills_rooms_in_order() -> None:
    """Without shuffling, candidates sit in roster order, first room first."""
    plan = assign_seats(CANDIDATES, [Room("A101", 4), Room("A102", 4)])
    assert plan["C001"] == Seat("A101", 1)
    assert plan["C004"] == Seat("A101", 4)
    assert plan["C005"] == Seat("A102", 1)
    assert plan["C007"] == ("A102", 3)


def test_seeded_shuffle_is_reproducible_and_uses_sha256() -> None:
    """The same seed always gives the same plan, ordered by SHA-256 of seed and candidate id."""
    rooms = [Room("A101", 4), Room("A102", 4)]
    first = assign_seats(CANDIDATES, rooms, seed="2025-批次1")
    assert first == assign_seats(list(reversed(CANDIDATES)), rooms, seed="2025-批次1")

    def digest(cid: str) -> str:
        return hashlib.sha256(f"2025-批次1\x1f{cid}".encode()).hexdigest()

    expected = sorted(CANDIDATES, key=digest)
    assert shuffled(CANDIDATES, "2025-批次1") == expected
    assert first[expected[0]] == Seat("A101", 1)
    assert shuffled(CANDIDATES, "other seed") != expected


def test_every_seat_is_used_once() -> None:
    """No two candidates share a seat."""
    plan = assign_seats(CANDIDATES, [Room("A101", 3), Room("A102", 3), Room("A103", 3)], seed="x")
    assert len(set(plan.values())) == len(CANDIDATES)


def test_short_capacity_says_by_how_many() -> None:
    """When rooms are too small, the administrator is told how many seats are missing."""
    with pytest.raises(ValidationError, match="还差 2 个"):
        assign_seats(CANDIDATES, [Room("A101", 5)])


def test_duplicates_and_bad_rooms_are_refused() -> None:
    """A repeated candidate, a repeated room name or an empty room is reported with its row."""
    with pytest.raises(ValidationError) as caught:
        assign_seats(["C001", "C002", "C001"], [Room("A101", 5)])
    assert caught.value.row == 3
    with pytest.raises(ValidationError, match="A101 重复"):
        assign_seats(["C001"], [Room("A101", 5), Room("A101", 5)])
    with pytest.raises(ValidationError, match="容量"):
        assign_seats(["C001"], [Room("A101", 0)])


def test_ticket_number_format() -> None:
    """The ticket number is batch code, three-digit room and three-digit seat."""
    assert ticket_number("GX2025AI01", 2, 17) == "GX2025AI01002017"


def test_ticket_number_refuses_bad_parts() -> None:
    """A batch code with symbols or an out-of-range seat is refused with the field named."""
    with pytest.raises(ValidationError):
        ticket_number("GX-2025", 1, 1)
    with pytest.raises(ValidationError) as caught:
        ticket_number("GX2025", 1, 1000)
    assert caught.value.field == "座位号"
