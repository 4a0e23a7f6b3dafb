"""The body's remit (业务范围): entries, what they cover, and the refusal outside them."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from kaoping.domain.catalogue import Level
from kaoping.domain.errors import ValidationError
from kaoping.domain.remit import RemitEntry, RemitVersion, in_force, normalise, outside_refusal

AI = "2-02-10-09"
VISION = "计算机视觉产品实现"
NAMES = {AI: "人工智能工程技术人员"}
AT = datetime(2026, 11, 25, tzinfo=UTC)


def version(*entries: RemitEntry, confirmed: bool = True, id_: int = 1) -> RemitVersion:
    return RemitVersion(id_, tuple(entries), "目录", "admin", AT, "dudao" if confirmed else "")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2-02-10-09:初级", RemitEntry(AI, Level.JUNIOR)),
        ("2-02-10-09：计算机视觉产品实现：中级", RemitEntry(AI, Level.INTERMEDIATE, VISION)),
        (" 2-02-10-09 : senior ", RemitEntry(AI, Level.SENIOR)),
    ],
)
def test_entries_read_from_text(text: str, expected: RemitEntry) -> None:
    """The CLI form reads occupation, optional direction and level, full-width colons too."""
    assert RemitEntry.parse(text) == expected
    assert RemitEntry.parse(expected.code) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [("2-02-10-09", "格式不对"), ("2-02-10-09:特级", "等级“特级”无效"), (":初级", "格式不对")],
)
def test_bad_entry_text_is_named(text: str, expected: str) -> None:
    """A mistyped entry names itself and the form it should take."""
    with pytest.raises(ValidationError, match=expected):
        RemitEntry.parse(text)


def test_entry_covers_its_direction_or_all() -> None:
    """An all-directions entry covers every direction at its level only."""
    whole = RemitEntry(AI, Level.JUNIOR)
    assert whole.covers(AI, VISION, Level.JUNIOR) and whole.covers(AI, "", Level.JUNIOR)
    assert not whole.covers(AI, VISION, Level.INTERMEDIATE)
    one = RemitEntry(AI, Level.JUNIOR, VISION)
    assert one.covers(AI, VISION, Level.JUNIOR)
    assert not one.covers(AI, "自然语言及语音处理产品实现", Level.JUNIOR)
    assert not one.covers(AI, "", Level.JUNIOR)
    assert not one.covers("2-02-10-11", VISION, Level.JUNIOR)


def test_normalise_drops_repeats_and_covered_entries() -> None:
    """Repeats and direction entries an all-directions entry covers are dropped, in order."""
    kept = normalise(
        [
            RemitEntry(AI, Level.SENIOR),
            RemitEntry(AI, Level.JUNIOR, VISION),
            RemitEntry(AI, Level.JUNIOR),
            RemitEntry(AI, Level.JUNIOR),
        ]
    )
    assert kept == (RemitEntry(AI, Level.JUNIOR), RemitEntry(AI, Level.SENIOR))
    with pytest.raises(ValidationError, match="至少要有一项"):
        normalise([])


def test_in_force_is_the_newest_confirmed() -> None:
    """A waiting proposal does not replace the confirmed remit."""
    old = version(RemitEntry(AI, Level.JUNIOR), id_=1)
    waiting = version(RemitEntry(AI, Level.SENIOR), confirmed=False, id_=2)
    assert in_force([waiting, old]) is old
    assert in_force([waiting]) is None


def test_refusal_outside_the_remit_lists_it() -> None:
    """A plan outside the remit is refused with the remit in force; inside, nothing."""
    remit = version(RemitEntry(AI, Level.JUNIOR, VISION))
    assert outside_refusal(remit, AI, VISION, Level.JUNIOR, NAMES) == ""
    message = outside_refusal(remit, AI, VISION, Level.SENIOR, NAMES)
    assert message.startswith(
        "人工智能工程技术人员（2-02-10-09）计算机视觉产品实现方向 高级不在本机构的业务范围内"
    )
    assert (
        "已确认的业务范围：人工智能工程技术人员（2-02-10-09）计算机视觉产品实现方向 初级" in message
    )
    none = outside_refusal(None, AI, "", Level.JUNIOR, NAMES)
    assert "尚未登记或尚未经质量督导员确认" in none and "kaoping remit propose" in none
