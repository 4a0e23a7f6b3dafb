"""Paper assembly (组卷): weight tables, blueprints and drawing items from the bank.

A national standard gives two weight tables (权重表) per occupation: theory knowledge (理论知识)
and professional ability (专业能力), each a list of knowledge areas with a percentage per level.
A `Blueprint` turns one column of a table into item counts; `assemble` then draws approved items
so the counts are met exactly, recently used items are avoided, and the mean difficulty lands near
a target. Everything here works on `ItemRef`s (ids and catalogue data), never on item text.
"""

from __future__ import annotations

import json
import math
import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from fractions import Fraction
from typing import Any

from kaoping.domain.catalogue import Level
from kaoping.domain.errors import ValidationError
from kaoping.domain.items import MAX_DIFFICULTY, MIN_DIFFICULTY, ItemType

ABSENT = "—"
HUNDRED = Decimal(100)
DEFAULT_RECENT_WINDOW = 3
_EPSILON = 1e-9


class WeightKind(StrEnum):
    """Which of the two weight tables of a standard."""

    THEORY = "theory"
    PRACTICAL = "practical"

    @property
    def label(self) -> str:
        """The table's Chinese title."""
        return "理论知识权重表" if self is WeightKind.THEORY else "专业能力要求权重表"


@dataclass(frozen=True)
class WeightRow:
    """One knowledge area (职业功能 or 基本要求 row) of a weight table.

    Attributes:
        group: The row group printed in the standard, e.g. 基本要求, 相关知识要求, 技能要求.
        area: The knowledge area's name; items carry the same name.
        weights: Percentage per level; None where the standard prints "—" (not examined there).
    """

    group: str
    area: str
    weights: tuple[tuple[Level, Decimal | None], ...]

    def weight(self, level: Level) -> Decimal | None:
        """Return the percentage at `level`, or None when the area is absent there."""
        for row_level, value in self.weights:
            if row_level is level:
                return value
        return None


@dataclass(frozen=True)
class WeightTable:
    """A weight table (权重表) of one occupation: knowledge areas × levels, each column 100%.

    Attributes:
        occupation_code: The occupation's standard code.
        occupation_name: The occupation's name, used in messages.
        kind: Theory or professional ability.
        rows: Knowledge areas in the standard's order.
        verified: Whether the numbers were checked against the official text.
        source: Where the numbers come from.
    """

    occupation_code: str
    occupation_name: str
    kind: WeightKind
    rows: tuple[WeightRow, ...]
    verified: bool = False
    source: str = ""

    @property
    def title(self) -> str:
        """Name used in messages: occupation, code and table title."""
        return f"{self.occupation_name}（{self.occupation_code}）{self.kind.label}"

    @classmethod
    def from_json(
        cls, data: Mapping[str, Any], *, occupation_code: str, occupation_name: str
    ) -> WeightTable:
        """Build a table from one decoded entry of `weights.json`'s `tables` list.

        Raises:
            ValidationError: A field is missing or a weight is not a number or "—".
        """
        where = f"{occupation_name}（{occupation_code}）"
        try:
            kind = WeightKind(str(data.get("kind")))
        except ValueError as exc:
            raise ValidationError(
                f"{where}的权重表类型应为 theory 或 practical", field="kind"
            ) from exc
        rows_data = data.get("rows")
        if not isinstance(rows_data, list) or not rows_data:
            raise ValidationError(f"{where}{kind.label}没有任何行", field="rows")
        rows = tuple(
            _row_from_json(entry, f"{where}{kind.label}第{index}行", index)
            for index, entry in enumerate(rows_data, start=1)
        )
        return cls(
            occupation_code=occupation_code,
            occupation_name=occupation_name,
            kind=kind,
            rows=rows,
            verified=data.get("verified") is True,
            source=str(data.get("source", "")),
        )

    def areas_at(self, level: Level) -> list[tuple[str, Decimal]]:
        """Return (area, percentage) for every area examined at `level`, in table order."""
        result = []
        for row in self.rows:
            value = row.weight(level)
            if value is not None:
                result.append((row.area, value))
        return result

    def validate(self) -> None:
        """Check area names are unique and each level's column sums to exactly 100.

        Raises:
            ValidationError: Naming the occupation, level and table at fault.
        """
        seen: set[str] = set()
        for index, row in enumerate(self.rows, start=1):
            if row.area in seen:
                raise ValidationError(
                    f"{self.title}中知识领域“{row.area}”重复出现，请合并或改名",
                    field="知识领域",
                    row=index,
                )
            seen.add(row.area)
        for level in Level:
            total = sum((value for _, value in self.areas_at(level)), Decimal(0))
            if total != HUNDRED:
                raise ValidationError(
                    f"{self.title}{level.label}一列合计为 {total}%，应为 100%，请修改该列的权重",
                    field=level.label,
                )


def _row_from_json(entry: object, where: str, index: int) -> WeightRow:
    if not isinstance(entry, Mapping):
        raise ValidationError(f"{where}格式错误", row=index)
    area = entry.get("area")
    if not isinstance(area, str) or not area.strip():
        raise ValidationError(f"{where}缺少知识领域名称", field="area", row=index)
    weights = entry.get("weights")
    if not isinstance(weights, Mapping):
        raise ValidationError(f"{where}（{area}）缺少各等级权重", field="weights", row=index)
    pairs = tuple(
        (level, _percentage(weights.get(level.label), f"{where}（{area}）{level.label}", index))
        for level in Level
    )
    return WeightRow(group=str(entry.get("group", "")), area=area.strip(), weights=pairs)


def _percentage(value: object, where: str, index: int) -> Decimal | None:
    if value is None:
        raise ValidationError(f"{where}缺少权重，请填写百分数或“—”", row=index)
    if value == ABSENT:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float | str | Decimal):
        raise ValidationError(f"{where}的权重应为数字或“—”", row=index)
    try:
        number = Decimal(str(value))
    except InvalidOperation as exc:
        raise ValidationError(f"{where}的权重“{value}”不是数字", row=index) from exc
    if not number.is_finite() or number < 0 or number > HUNDRED:
        raise ValidationError(f"{where}的权重应在 0 到 100 之间，当前为 {value}", row=index)
    return number


def parse_weight_tables(text: str) -> dict[tuple[str, WeightKind], WeightTable]:
    """Parse the whole `weights.json`, keyed by (occupation code, kind); tables are not validated.

    Raises:
        ValidationError: The file is not valid JSON or an entry is malformed.
    """
    try:
        document = json.loads(text, parse_float=Decimal)
    except json.JSONDecodeError as exc:
        raise ValidationError(
            f"权重表文件不是有效的 JSON（第 {exc.lineno} 行）", row=exc.lineno
        ) from exc
    occupations = document.get("occupations") if isinstance(document, dict) else None
    if not isinstance(occupations, list):
        raise ValidationError("权重表文件缺少 occupations 列表", field="occupations")
    tables: dict[tuple[str, WeightKind], WeightTable] = {}
    for position, occupation in enumerate(occupations, start=1):
        if not isinstance(occupation, dict) or not isinstance(occupation.get("tables"), list):
            raise ValidationError(f"权重表文件第 {position} 个职业缺少 tables 列表", field="tables")
        code = str(occupation.get("code", ""))
        name = str(occupation.get("name", code))
        for entry in occupation["tables"]:
            if not isinstance(entry, dict):
                raise ValidationError(f"{name}（{code}）的权重表格式错误", field="tables")
            table = WeightTable.from_json(entry, occupation_code=code, occupation_name=name)
            if (code, table.kind) in tables:
                raise ValidationError(f"{table.title}出现了两次，请删除其中一张", field="tables")
            tables[(code, table.kind)] = table
    return tables


@dataclass(frozen=True)
class AreaQuota:
    """How many items one knowledge area contributes to a paper."""

    area: str
    percentage: Decimal
    count: int


@dataclass(frozen=True)
class Blueprint:
    """A paper's plan (组卷方案): item counts per knowledge area and a difficulty target.

    Attributes:
        areas: Quotas in table order; their counts sum to `item_count`.
        item_count: Items on the paper.
        target_difficulty: Wanted mean difficulty (1–5).
        tolerance: Accepted distance between the paper's mean difficulty and the target.
    """

    areas: tuple[AreaQuota, ...]
    item_count: int
    target_difficulty: float = 3.0
    tolerance: float = 0.3

    def __post_init__(self) -> None:
        if self.item_count < 1:
            raise ValidationError("组卷题量至少为 1 题", field="题量")
        names = [quota.area for quota in self.areas]
        if len(set(names)) != len(names):
            raise ValidationError("组卷方案中有重复的知识领域", field="知识领域")
        if any(quota.count < 0 for quota in self.areas):
            raise ValidationError("知识领域的题量不能为负数", field="题量")
        allocated = sum(quota.count for quota in self.areas)
        if allocated != self.item_count:
            raise ValidationError(
                f"各知识领域题量之和为 {allocated}，与总题量 {self.item_count} 不一致", field="题量"
            )
        if not MIN_DIFFICULTY <= self.target_difficulty <= MAX_DIFFICULTY:
            raise ValidationError(
                f"目标难度应在 {MIN_DIFFICULTY}–{MAX_DIFFICULTY} 之间", field="目标难度"
            )
        if self.tolerance < 0:
            raise ValidationError("难度允许偏差不能为负数", field="难度允许偏差")


def blueprint_from_weights(
    table: WeightTable,
    level: Level,
    item_count: int,
    *,
    target_difficulty: float = 3.0,
    tolerance: float = 0.3,
) -> Blueprint:
    """Allocate `item_count` items over the table's areas at `level` (largest remainder method).

    Each area first gets the whole part of its exact share; the items left over go to the areas with
    the largest fractional parts (earlier rows win ties), so the counts always sum to `item_count`.

    Raises:
        ValidationError: The table does not validate, or the count is not positive.
    """
    table.validate()
    if item_count < 1:
        raise ValidationError("组卷题量至少为 1 题", field="题量")
    areas = table.areas_at(level)
    shares = [Fraction(percentage) * item_count / 100 for _, percentage in areas]
    counts = [math.floor(share) for share in shares]
    order = sorted(range(len(areas)), key=lambda i: (-(shares[i] - counts[i]), i))
    for i in order[: item_count - sum(counts)]:
        counts[i] += 1
    quotas = tuple(
        AreaQuota(area=area, percentage=percentage, count=count)
        for (area, percentage), count in zip(areas, counts, strict=True)
    )
    return Blueprint(quotas, item_count, target_difficulty, tolerance)


@dataclass(frozen=True)
class ItemRef:
    """An approved item as the assembler sees it: identity and catalogue data, no text."""

    item_id: str
    version: int
    knowledge_area: str
    item_type: ItemType
    difficulty: int


@dataclass(frozen=True)
class Shortfall:
    """A knowledge area for which the bank holds too few approved items."""

    area: str
    needed: int
    available: int

    @property
    def message(self) -> str:
        """What is missing, in the words the bank admin reads."""
        return f"知识领域“{self.area}”需要 {self.needed} 题，题库仅有 {self.available} 道已审核题目"


@dataclass(frozen=True)
class AssemblyResult:
    """The outcome of `assemble`.

    Attributes:
        ok: True when every area's count was met; when False, `items` is empty and `shortfalls` says
            which areas need more approved items.
        items: The drawn items, grouped by area in blueprint order, then by item type.
        shortfalls: Areas with too few approved items.
        notices: Things the bank admin should know about an otherwise usable paper
            (recently used items drawn, difficulty outside the tolerance).
        mean_difficulty: The paper's mean difficulty, or None when nothing was drawn.
        difficulty_met: Whether the mean is within the blueprint's tolerance of the target.
        recent_reused: How many drawn items appeared in one of the last `recent_window` papers.
        seed: The seed used, kept so the draw can be reproduced.
    """

    ok: bool
    items: tuple[ItemRef, ...]
    shortfalls: tuple[Shortfall, ...]
    notices: tuple[str, ...]
    mean_difficulty: float | None
    difficulty_met: bool
    recent_reused: int
    seed: int


_FRESH, _RECENT = 0, 1


@dataclass
class _AreaDraw:
    """Working state for one area: drawn and spare items, by freshness tier and difficulty."""

    area: str
    chosen: dict[tuple[int, int], list[ItemRef]] = field(default_factory=dict)
    spare: dict[tuple[int, int], list[ItemRef]] = field(default_factory=dict)

    def add(self, bucket: dict[tuple[int, int], list[ItemRef]], tier: int, item: ItemRef) -> None:
        bucket.setdefault((tier, item.difficulty), []).append(item)

    def drawn(self) -> list[ItemRef]:
        return [item for key in sorted(self.chosen) for item in self.chosen[key]]


def assemble(
    blueprint: Blueprint,
    candidates: Sequence[ItemRef],
    recently_used: Mapping[str, int],
    rng_seed: int,
    *,
    recent_window: int = DEFAULT_RECENT_WINDOW,
) -> AssemblyResult:
    """Draw a paper from approved items; the same inputs and seed always give the same paper.

    Args:
        blueprint: Counts per area and the difficulty target.
        candidates: Approved items only (the caller filters by status, occupation and level).
            When an item id appears in several versions, the highest version is used.
        recently_used: Item id → how many papers ago it was last used (1 = the previous paper).
        rng_seed: Seed of the random draw; record it with the paper.
        recent_window: Items used within this many papers are drawn only when an area runs out
            of others, and swapped only among themselves: recency avoidance beats difficulty.

    Returns:
        The paper, or ok=False with every area's shortfall when the bank is too small.
    """
    pools = _pools_by_area(blueprint, candidates)
    shortfalls = tuple(
        Shortfall(quota.area, quota.count, len(pools[quota.area]))
        for quota in blueprint.areas
        if len(pools[quota.area]) < quota.count
    )
    if shortfalls:
        return AssemblyResult(False, (), shortfalls, (), None, False, 0, rng_seed)
    rng = random.Random(rng_seed)
    draws: list[_AreaDraw] = []
    notices: list[str] = []
    for quota in blueprint.areas:
        draw, notice = _initial_draw(quota, pools[quota.area], recently_used, recent_window, rng)
        draws.append(draw)
        if notice:
            notices.append(notice)
    _steer_difficulty(blueprint, draws, rng)
    return _result(blueprint, draws, notices, recently_used, recent_window, rng_seed)


def _pools_by_area(blueprint: Blueprint, candidates: Sequence[ItemRef]) -> dict[str, list[ItemRef]]:
    latest: dict[str, ItemRef] = {}
    for item in candidates:
        known = latest.get(item.item_id)
        if known is None or item.version > known.version:
            latest[item.item_id] = item
    pools: dict[str, list[ItemRef]] = {quota.area: [] for quota in blueprint.areas}
    # Sorting first makes the draw independent of the order the database returned rows in.
    for item_id in sorted(latest):
        item = latest[item_id]
        if item.knowledge_area in pools:
            pools[item.knowledge_area].append(item)
    return pools


def _is_recent(item: ItemRef, recently_used: Mapping[str, int], window: int) -> bool:
    papers_ago = recently_used.get(item.item_id)
    return papers_ago is not None and papers_ago <= window


def _initial_draw(
    quota: AreaQuota,
    pool: list[ItemRef],
    recently_used: Mapping[str, int],
    window: int,
    rng: random.Random,
) -> tuple[_AreaDraw, str]:
    shuffled = list(pool)
    rng.shuffle(shuffled)
    fresh = [item for item in shuffled if not _is_recent(item, recently_used, window)]
    recent = [item for item in shuffled if _is_recent(item, recently_used, window)]
    # When recent items must be used, take those used longest ago first.
    recent.sort(key=lambda item: -recently_used[item.item_id])
    draw = _AreaDraw(quota.area)
    for tier, items in ((_FRESH, fresh), (_RECENT, recent)):
        for item in items:
            taken = sum(len(chosen) for chosen in draw.chosen.values())
            draw.add(draw.chosen if taken < quota.count else draw.spare, tier, item)
    reused = quota.count - min(quota.count, len(fresh))
    notice = ""
    if reused:
        notice = (
            f"知识领域“{quota.area}”近 {window} 套试卷未用过的已审核题目只有 {len(fresh)} 道，"
            f"需要 {quota.count} 题，已补用 {reused} 道近期用过的题目；建议补充新题"
        )
    return draw, notice


def _steer_difficulty(blueprint: Blueprint, draws: list[_AreaDraw], rng: random.Random) -> None:
    """Greedy swaps within an area and freshness tier until the mean is within tolerance.

    Each swap is the one that brings the difficulty sum closest to its target, so the distance
    shrinks strictly and the loop ends; swaps stay within a tier so no extra recent item enters.
    """
    target_sum = blueprint.target_difficulty * blueprint.item_count
    allowed = blueprint.tolerance * blueprint.item_count
    total = sum(item.difficulty for draw in draws for item in draw.drawn())
    order = list(range(len(draws)))
    rng.shuffle(order)  # no area is always the first to give up its items
    while abs(target_sum - total) > allowed + _EPSILON:
        move = _best_swap(draws, order, target_sum - total)
        if move is None:
            return
        draw, tier, out_level, in_level = move
        leaving = draw.chosen[(tier, out_level)].pop()
        entering = draw.spare[(tier, in_level)].pop(0)
        draw.add(draw.chosen, tier, entering)
        draw.add(draw.spare, tier, leaving)
        total += in_level - out_level


def _best_swap(
    draws: list[_AreaDraw], order: list[int], need: float
) -> tuple[_AreaDraw, int, int, int] | None:
    best: tuple[_AreaDraw, int, int, int] | None = None
    best_gap = abs(need)
    for index in order:
        draw = draws[index]
        for (tier, out_level), chosen in draw.chosen.items():
            if not chosen:
                continue
            for (spare_tier, in_level), spare in draw.spare.items():
                if spare_tier != tier or not spare or in_level == out_level:
                    continue
                gap = abs(need - (in_level - out_level))
                if gap < best_gap - _EPSILON:
                    best, best_gap = (draw, tier, out_level, in_level), gap
    return best


def _result(
    blueprint: Blueprint,
    draws: list[_AreaDraw],
    notices: list[str],
    recently_used: Mapping[str, int],
    window: int,
    seed: int,
) -> AssemblyResult:
    type_rank = {item_type: rank for rank, item_type in enumerate(ItemType)}
    items: list[ItemRef] = []
    for draw in draws:
        drawn = draw.drawn()
        items.extend(sorted(drawn, key=lambda item: (type_rank[item.item_type], item.item_id)))
    mean = sum(item.difficulty for item in items) / len(items)
    met = abs(mean - blueprint.target_difficulty) <= blueprint.tolerance + _EPSILON
    if not met:
        direction = "更难" if mean < blueprint.target_difficulty else "更容易"
        notices.append(
            f"试卷平均难度 {mean:.2f}，与目标 {blueprint.target_difficulty:.2f} 相差超过 "
            f"{blueprint.tolerance:.2f}：题库中已没有可替换的题目，请补充{direction}的已审核题目"
        )
    reused = sum(1 for item in items if _is_recent(item, recently_used, window))
    return AssemblyResult(True, tuple(items), (), tuple(notices), mean, met, reused, seed)
