"""The standards catalogue: occupations (职业), directions (职业方向) and levels (专业技术等级).

Values come from data files under `resources/standards/`; each carries a `verified` flag because much
of what is known about the national standards is still unconfirmed (see the catalogue's `source`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class Level(StrEnum):
    """The three professional-technical levels, low to high."""

    JUNIOR = "junior"
    INTERMEDIATE = "intermediate"
    SENIOR = "senior"

    @property
    def label(self) -> str:
        """The Chinese name printed on forms and certificates."""
        return _LEVEL_LABELS[self]

    @classmethod
    def from_label(cls, text: str) -> Level:
        """Accept either the code (`junior`) or the Chinese name (`初级`)."""
        cleaned = text.strip()
        for level in cls:
            if cleaned in (level.value, level.label):
                return level
        raise ValueError(f"未知等级：{text}（应为 初级、中级 或 高级）")


_LEVEL_LABELS = {Level.JUNIOR: "初级", Level.INTERMEDIATE: "中级", Level.SENIOR: "高级"}


@dataclass(frozen=True)
class Direction:
    """A direction (职业方向) within an occupation."""

    name: str
    verified: bool = False


@dataclass(frozen=True)
class Occupation:
    """An occupation of the programme, keyed by the code printed in its 2021 standard.

    Attributes:
        code: The code in the national standard (2015 大典 numbering), e.g. `2-02-10-09`.
        code_2022: The 2022 大典 code, or "" where it is not known.
        name: The occupation's name, e.g. 人工智能工程技术人员.
        directions: Known directions; an occupation may have none.
        levels: Levels the standard defines.
        verified: Whether name and codes were checked against the official text.
        source: Where the values come from.
    """

    code: str
    code_2022: str
    name: str
    directions: tuple[Direction, ...] = ()
    levels: tuple[Level, ...] = (Level.JUNIOR, Level.INTERMEDIATE, Level.SENIOR)
    verified: bool = False
    code_2022_verified: bool = False
    source: str = ""
    extra: dict[str, str] = field(default_factory=dict, compare=False, hash=False)

    def direction_names(self) -> list[str]:
        """Names of the directions, in catalogue order."""
        return [d.name for d in self.directions]
