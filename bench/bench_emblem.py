"""Emblem screen: share of disguised emblems refused, ordinary seals refused, time per registration.

Run: .venv/bin/python bench/bench_emblem.py [variants per reference, default 200] [--missed]

For every shipped reference (`resources/rules/emblem_references/`) the seeded corpus of
`tests/emblem_corpus.py` makes disguised copies (turned, 25–400 %, mirrored, recoloured, cut,
inside a logo or a poster, JPEG); the figures say how many are refused, overall and per kind of
disguise. Then the 50 ordinary pictures (round and oval red seals with different names, plain
logos, portraits) are screened: none may be refused. A registration is timed as
`ImageRegistry.approve` does it (decode, pixel hash, screen against every reference), the
pictures being made beforehand; the goal is at least 95 % refused, 0 ordinary refused, and well
under 100 ms per registration.
"""

from __future__ import annotations

import os
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # the seeded corpus lives in tests/

from kaoping.adapters import image_registry
from kaoping.adapters.image_registry import load_emblem_references, screen_against_emblems
from kaoping.paths import resource_path
from tests.emblem_corpus import Sample, emblem_variants, kinds, ordinary_images, reference_files


def timed(
    samples: list[Sample], screen: Callable[[bytes], list[str]]
) -> list[tuple[bool, float, float]]:
    """(refused, seconds on the clock, seconds of CPU) for each sample."""
    results = []
    for sample in samples:
        started, cpu = time.perf_counter(), time.process_time()
        refused = bool(screen(sample.data))
        results.append((refused, time.perf_counter() - started, time.process_time() - cpu))
    return results


def report_times(label: str, results: list[tuple[bool, float, float]]) -> None:
    """Mean and 95th percentile of the clock and CPU time per registration, in ms."""
    wall = np.array([r[1] for r in results]) * 1000
    cpu = np.array([r[2] for r in results]) * 1000
    print(
        f"{label}: 平均 {wall.mean():.1f} ms, p95 {np.percentile(wall, 95):.1f} ms"
        f"（CPU 平均 {cpu.mean():.1f} ms, p95 {np.percentile(cpu, 95):.1f} ms; {len(results)} 张）"
    )


def main() -> None:
    arguments = [a for a in sys.argv[1:] if not a.startswith("--")]
    count = int(arguments[0]) if arguments else 200
    show_missed = "--missed" in sys.argv
    references = load_emblem_references(resource_path("rules", "emblem_references"))
    everything: list[tuple[bool, float, float]] = []

    for path in reference_files():
        samples = list(emblem_variants(path, count))

        def names(data: bytes, wanted: str = path.name) -> list[str]:
            image_registry._SCREEN_CACHE.clear()
            return [
                m.reference
                for m in screen_against_emblems(data, references)
                if m.reference == wanted
            ]

        results = timed(samples, names)
        everything += results
        refused = sum(r[0] for r in results)
        print(f"{path.name}: {refused}/{len(samples)} 变体被拒 ({refused / len(samples):.1%})")
        per_kind: dict[str, list[bool]] = defaultdict(list)
        for sample, (was_refused, *_) in zip(samples, results, strict=True):
            for kind in kinds(sample.recipe):
                per_kind[kind].append(was_refused)
        for kind, outcomes in sorted(per_kind.items(), key=lambda item: -len(item[1])):
            print(
                f"    {kind:<12} {sum(outcomes):>4}/{len(outcomes):<4} ({sum(outcomes) / len(outcomes):.0%})"
            )
        if show_missed:
            for sample, (was_refused, *_) in zip(samples, results, strict=True):
                if not was_refused:
                    print(f"    漏: {sample.recipe}")

    ordinary = list(ordinary_images())

    def any_match(data: bytes) -> list[str]:
        image_registry._SCREEN_CACHE.clear()
        return [m.reference for m in screen_against_emblems(data, references)]

    results = timed(ordinary, any_match)
    everything += results
    wrongly = [s.recipe for s, r in zip(ordinary, results, strict=True) if r[0]]
    print(f"普通印章/标识/照片: {len(wrongly)}/{len(ordinary)} 被误拒 {wrongly if wrongly else ''}")
    print(f"每次登记筛查（解码、像素哈希、与 {len(references)} 个参考图比对）:")
    report_times("    普通图片", results)
    report_times("    全部图片", everything)
    print(f"    负载 {os.getloadavg()[0]:.1f}（{os.cpu_count()} 核）")


if __name__ == "__main__":
    main()
