"""The body's remit (业务范围): the occupations, directions and levels it is listed to assess.

An evaluation body is listed in the directory for some occupations only, and may not act beyond
its remit (实施方案 五（三）: 不得超越职能范围). The remit is a set of entries, each one occupation
at one level, for one direction or (direction "") for every direction of the occupation. A plan is
within the remit when an entry covers its occupation, direction and level.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from kaoping.domain.catalogue import Level
from kaoping.domain.errors import ValidationError

ALL_DIRECTIONS = ""
"""The direction of an entry that covers every direction of its occupation."""


@dataclass(frozen=True)
class RemitEntry:
    """One occupation at one level, for one direction or ("") all of them.

    Attributes:
        occupation_code: The occupation's standard code, e.g. `2-02-10-09`.
        level: The level.
        direction: The direction's name, or "" for every direction.
    """

    occupation_code: str
    level: Level
    direction: str = ALL_DIRECTIONS

    def covers(self, occupation_code: str, direction: str, level: Level) -> bool:
        """Whether this entry lets the body assess that occupation, direction and level."""
        return (
            self.occupation_code == occupation_code
            and self.level is level
            and self.direction in (ALL_DIRECTIONS, direction)
        )

    def describe(self, names: dict[str, str] | None = None) -> str:
        """The entry in words, e.g. 人工智能工程技术人员（2-02-10-09）全部方向 初级."""
        name = (names or {}).get(self.occupation_code, "")
        occupation = f"{name}（{self.occupation_code}）" if name else self.occupation_code
        direction = f"{self.direction}方向" if self.direction else "全部方向"
        return f"{occupation}{direction} {self.level.label}"

    @property
    def code(self) -> str:
        """The entry as `parse` reads it: "2-02-10-09:初级" or "2-02-10-09:方向:初级"."""
        parts = (self.occupation_code, self.direction, self.level.label)
        return ":".join(part for part in parts if part)

    @classmethod
    def parse(cls, text: str) -> RemitEntry:
        """Read "2-02-10-09:初级" or "2-02-10-09:计算机视觉产品实现:初级" (the CLI's form).

        Raises:
            ValidationError: Naming the entry and the form it should take.
        """
        parts = [part.strip() for part in text.replace("：", ":").split(":")]
        if len(parts) not in (2, 3) or not parts[0]:
            raise ValidationError(
                f"业务范围条目“{text}”格式不对，应为 职业编码:等级 或 职业编码:方向:等级"
                "（如 2-02-10-09:初级 或 2-02-10-09:计算机视觉产品实现:初级）",
                field="业务范围",
            )
        try:
            level = Level.from_label(parts[-1])
        except ValueError:
            raise ValidationError(
                f"业务范围条目“{text}”的等级“{parts[-1]}”无效（应为 初级、中级 或 高级）",
                field="业务范围",
            ) from None
        return cls(parts[0], level, parts[1] if len(parts) == 3 else ALL_DIRECTIONS)


@dataclass(frozen=True)
class RemitVersion:
    """One version of the remit as proposed, and its confirmation.

    Attributes:
        id: Row id.
        entries: What it covers, sorted.
        basis: Where it comes from (the directory listing, the approval document).
        proposed_by: The administrator who proposed it.
        proposed_at: When.
        confirmed_by: The quality supervisor who confirmed it ("" while waiting).
        confirmed_at: When it was confirmed.
    """

    id: int
    entries: tuple[RemitEntry, ...]
    basis: str
    proposed_by: str
    proposed_at: datetime
    confirmed_by: str = ""
    confirmed_at: datetime | None = None

    @property
    def confirmed(self) -> bool:
        """Whether a second person confirmed it."""
        return bool(self.confirmed_by)


def sort_key(entry: RemitEntry) -> tuple[str, str, int]:
    """Occupation, then direction (all directions first), then level from 初级 up."""
    return entry.occupation_code, entry.direction, list(Level).index(entry.level)


def normalise(entries: Iterable[RemitEntry]) -> tuple[RemitEntry, ...]:
    """The entries without repeats and without ones an all-directions entry already covers.

    Raises:
        ValidationError: There are none.
    """
    unique = set(entries)
    whole = {(e.occupation_code, e.level) for e in unique if e.direction == ALL_DIRECTIONS}
    kept = sorted(
        (
            e
            for e in unique
            if e.direction == ALL_DIRECTIONS or (e.occupation_code, e.level) not in whole
        ),
        key=sort_key,
    )
    if not kept:
        raise ValidationError(
            "业务范围至少要有一项（职业、方向、等级）；请按评价机构目录所列填写。",
            field="业务范围",
        )
    return tuple(kept)


def in_force(versions: Sequence[RemitVersion]) -> RemitVersion | None:
    """The newest confirmed version, or None before any is confirmed (versions newest first)."""
    return next((v for v in versions if v.confirmed), None)


def outside_refusal(
    remit: RemitVersion | None,
    occupation_code: str,
    direction: str,
    level: Level,
    names: dict[str, str] | None = None,
) -> str:
    """Why a plan for this occupation, direction and level is refused; "" when within the remit."""
    target = RemitEntry(occupation_code, level, direction).describe(names)
    if remit is None:
        return (
            f"不能为{target}制定考核计划：本机构的业务范围尚未登记或尚未经质量督导员确认。"
            "请系统管理员按评价机构目录登记业务范围（“业务范围”页，或 kaoping remit propose），"
            "再由质量督导员确认（kaoping remit confirm）。"
        )
    if any(entry.covers(occupation_code, direction, level) for entry in remit.entries):
        return ""
    listed = "；".join(entry.describe(names) for entry in remit.entries)
    return (
        f"{target}不在本机构的业务范围内，不能制定考核计划（评价机构不得超越职能范围开展评价）。"
        f"已确认的业务范围：{listed}。如目录已增列，请系统管理员登记新的业务范围并由质量督导员确认。"
    )
