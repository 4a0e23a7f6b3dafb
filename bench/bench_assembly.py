"""Time paper assembly (组卷) on generated banks of 1,000 and 10,000 items.

Run: .venv/bin/python bench/bench_assembly.py
The blueprint is the AI (2-02-10-09) 中级 theory table from resources/standards/weights.json with
100 items; a tenth of the bank counts as recently used and the difficulty target (3.6) is off the
bank's mean, so both the recency fallback and the difficulty swaps do work.
"""

from __future__ import annotations

import random
import statistics
import time

from kaoping.domain.assembly import (
    Blueprint,
    ItemRef,
    WeightKind,
    assemble,
    blueprint_from_weights,
    parse_weight_tables,
)
from kaoping.domain.catalogue import Level
from kaoping.domain.items import ItemType
from kaoping.paths import resource_path

RUNS = 7
ITEM_COUNT = 100


def make_bank(blueprint: Blueprint, size: int, seed: int) -> list[ItemRef]:
    rng = random.Random(seed)
    areas = [quota.area for quota in blueprint.areas]
    weights = [max(quota.count, 1) for quota in blueprint.areas]
    types = (ItemType.SINGLE, ItemType.MULTIPLE, ItemType.TRUE_FALSE)
    return [
        ItemRef(
            f"item-{n:06d}", 1, rng.choices(areas, weights)[0], rng.choice(types), rng.randint(1, 5)
        )
        for n in range(size)
    ]


def main() -> None:
    tables = parse_weight_tables(resource_path("standards", "weights.json").read_text("utf-8"))
    table = tables[("2-02-10-09", WeightKind.THEORY)]
    blueprint = blueprint_from_weights(
        table, Level.INTERMEDIATE, ITEM_COUNT, target_difficulty=3.6, tolerance=0.05
    )
    print(f"blueprint: {ITEM_COUNT} items over {len(blueprint.areas)} areas, target 3.6 ± 0.05")
    for size in (1_000, 10_000):
        bank = make_bank(blueprint, size, seed=size)
        rng = random.Random(1)
        recent = {item.item_id: rng.randint(1, 3) for item in rng.sample(bank, size // 10)}
        timings = []
        result = None
        for run in range(RUNS):
            start = time.perf_counter()
            result = assemble(blueprint, bank, recent, rng_seed=run)
            timings.append(time.perf_counter() - start)
        assert result is not None and result.ok
        print(
            f"bank {size:>6,} items: median {statistics.median(timings) * 1000:7.2f} ms "
            f"(min {min(timings) * 1000:.2f}, max {max(timings) * 1000:.2f}, {RUNS} runs); "
            f"mean difficulty {result.mean_difficulty:.2f}, recent reused {result.recent_reused}"
        )


if __name__ == "__main__":
    main()
