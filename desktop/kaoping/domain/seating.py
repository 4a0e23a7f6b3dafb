"""Seat plans (座位安排) and admission ticket numbers (准考证号).

Seating is deterministic: the same candidates, rooms and seed always give the same plan, so a plan
can be recomputed and checked later. A seed shuffles candidates by SHA-256 of seed and candidate id
rather than with the `random` module, whose sequence is not guaranteed across Python versions.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import NamedTuple

from kaoping.domain.errors import ValidationError

TICKET_PART_MAX = 999  # room index and seat number are printed as three digits each


@dataclass(frozen=True)
class Room:
    """An exam room (考场) and how many candidates it seats."""

    name: str
    capacity: int


class Seat(NamedTuple):
    """Where a candidate sits: the room's name and a seat number counted from 1."""

    room: str
    seat_no: int


def assign_seats(
    candidate_ids: Sequence[str], rooms: Sequence[Room], seed: str | None = None
) -> dict[str, Seat]:
    """Give every candidate a room and seat, filling rooms in the order given.

    Args:
        candidate_ids: Candidates in their roster order; kept as-is when `seed` is None.
        rooms: Rooms in filling order; names must be unique.
        seed: When given, candidates are shuffled reproducibly by this text first.

    Returns:
        Each candidate id mapped to its seat.

    Raises:
        ValidationError: A candidate appears twice, a room is badly defined, or there are fewer
            seats than candidates (the message says how many are missing).
    """
    _check_candidates(candidate_ids)
    _check_rooms(rooms)
    seats_total = sum(r.capacity for r in rooms)
    if seats_total < len(candidate_ids):
        short = len(candidate_ids) - seats_total
        raise ValidationError(
            f"座位不足：考生 {len(candidate_ids)} 人，考场共 {seats_total} 个座位，"
            f"还差 {short} 个，请增加考场或扩大考场容量",
            field="考场",
        )
    ordered = list(candidate_ids) if seed is None else shuffled(candidate_ids, seed)
    return dict(zip(ordered, _seats(rooms), strict=False))


def shuffled(candidate_ids: Sequence[str], seed: str) -> list[str]:
    """Return the candidates ordered by SHA-256 of seed and id; one seed always gives one order."""

    def key(candidate_id: str) -> tuple[str, str]:
        digest = hashlib.sha256(f"{seed}\x1f{candidate_id}".encode()).hexdigest()
        return digest, candidate_id

    return sorted(candidate_ids, key=key)


def ticket_number(batch_code: str, room_index: int, seat: int) -> str:
    """Return the admission ticket number: batch code, then room and seat as three digits each.

    For example batch `GX2025AI01`, room 2, seat 17 gives `GX2025AI01002017`.

    Args:
        batch_code: The batch's code, ASCII letters and digits only.
        room_index: The room's position in the session, counted from 1.
        seat: The seat number in the room, counted from 1.

    Raises:
        ValidationError: A part is empty, not ASCII alphanumeric or out of range.
    """
    if not batch_code or not (batch_code.isascii() and batch_code.isalnum()):
        raise ValidationError("批次编码须由英文字母和数字组成，不能为空", field="批次编码")
    for label, number in (("考场序号", room_index), ("座位号", seat)):
        if not 1 <= number <= TICKET_PART_MAX:
            raise ValidationError(
                f"{label}须在 1 到 {TICKET_PART_MAX} 之间，现为 {number}", field=label
            )
    return f"{batch_code}{room_index:03d}{seat:03d}"


def _seats(rooms: Sequence[Room]) -> list[Seat]:
    return [Seat(room.name, n) for room in rooms for n in range(1, room.capacity + 1)]


def _check_candidates(candidate_ids: Sequence[str]) -> None:
    seen: set[str] = set()
    for row, candidate_id in enumerate(candidate_ids, start=1):
        if candidate_id in seen:
            raise ValidationError(f"考生 {candidate_id} 重复出现，请删除重复的一行", row=row)
        seen.add(candidate_id)


def _check_rooms(rooms: Sequence[Room]) -> None:
    names: set[str] = set()
    for row, room in enumerate(rooms, start=1):
        if not room.name.strip():
            raise ValidationError("考场名称不能为空", field="考场名称", row=row)
        if room.name in names:
            raise ValidationError(f"考场 {room.name} 重复，请改名或删除", field="考场名称", row=row)
        if room.capacity > TICKET_PART_MAX or room.capacity < 1:
            raise ValidationError(
                f"考场 {room.name} 的容量须在 1 到 {TICKET_PART_MAX} 之间，现为 {room.capacity}",
                field="容量",
                row=row,
            )
        names.add(room.name)
