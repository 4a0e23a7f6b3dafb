"""Wall time of `kaoping demo`, the whole lifecycle of one batch, and of each of its steps.

Run: .venv/bin/python bench/bench_demo.py
The demo runs in this process on a fresh folder (real password hashing, real signing), so the
figures include everything a user waits for; the step names are the demo's own functions.
"""

from __future__ import annotations

import contextlib
import functools
import io
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from kaoping.cli import demo
from kaoping.main import main

STEP_MODULES = ("demo_intake", "demo_exams", "demo_bank", "demo_results", "demo_issue")


def timed_steps(record: list[tuple[str, float]]) -> None:
    """Wrap every lifecycle step the demo calls so its duration is recorded."""
    for module_name in STEP_MODULES:
        module = getattr(demo, module_name)
        for name in dir(module):
            step = getattr(module, name)
            if (
                callable(step)
                and not name.startswith("_")
                and getattr(step, "__module__", "") == module.__name__
                and name in demo._lifecycle.__code__.co_names
            ):
                setattr(module, name, _timer(name, step, record))


def _timer(
    name: str, step: Callable[..., Any], record: list[tuple[str, float]]
) -> Callable[..., Any]:
    @functools.wraps(step)
    def run(*args: Any, **kwargs: Any) -> Any:
        began = time.perf_counter()
        try:
            return step(*args, **kwargs)
        finally:
            record.append((name, time.perf_counter() - began))

    return run


def run_benchmark() -> None:
    record: list[tuple[str, float]] = []
    timed_steps(record)
    with tempfile.TemporaryDirectory() as tmp:
        began = time.perf_counter()
        with contextlib.redirect_stdout(io.StringIO()):
            code = main(["demo", "--out", str(Path(tmp) / "demo")])
        total = time.perf_counter() - began
    assert code == 0
    print(f"kaoping demo: {total:5.1f} s in all")
    for name, seconds in record:
        print(f"  {name:<22} {seconds:5.1f} s")


if __name__ == "__main__":
    run_benchmark()
