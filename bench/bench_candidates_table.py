"""Time the candidates table (考生列表) with 100,000 candidates: open, filter, sort, scroll.

The candidates are synthetic (names like 考生000123, generated ID numbers) and bulk-inserted with
SQLAlchemy Core, as in bench_checkin.py. The real page (offscreen Qt) is then driven the way a
person uses it: open it, type a name, the last four digits of an ID number, pick a status, sort a
column, and scroll to the next page of rows. Each figure is the time from the action to the
table being filled. Run:
    .venv/bin/python bench/bench_candidates_table.py [--candidates N] [--runs R]
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_LOGGING_RULES", "qt.qpa.*=false")  # offscreen size-hint notices

from bench_checkin import bulk_insert, make_sessions, prepare  # type: ignore[import-not-found]

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from kaoping.bootstrap import build_env
from kaoping.domain.roster import CandidateStatus
from kaoping.ui.application import ensure_app
from kaoping.ui.pages.candidates_page import CandidatesPage


def timed(label: str, runs: int, action: Callable[[], object], app: QApplication) -> None:
    samples = []
    for _ in range(runs):
        began = time.perf_counter()
        action()
        app.processEvents()
        samples.append((time.perf_counter() - began) * 1000)
    print(
        f"{label:<40} median {statistics.median(samples):7.1f} ms   "
        f"max {max(samples):7.1f} ms   (n={runs})"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--candidates", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    app = ensure_app()
    with tempfile.TemporaryDirectory() as tmp:
        env = build_env(f"sqlite:///{Path(tmp) / 'bench.db'}", fast_hashing=True)
        admin = prepare(env)
        rooms = -(-args.candidates // 999)
        batch_id, session_ids = make_sessions(env, admin, rooms)
        bulk_insert(env, batch_id, session_ids, args.candidates)
        print(f"{args.candidates:,} candidates in one batch")
        page: list[CandidatesPage] = []

        def open_page() -> None:
            if page:
                old = page.pop()
                old.close()
                old.deleteLater()
            page.append(CandidatesPage(env, admin))
            page[0].resize(1200, 700)
            page[0].show()

        timed("open the page (first rows shown)", args.runs, open_page, app)
        view = page[0]
        assert view.model.total == args.candidates, view.model.total

        def search(text: str) -> Callable[[], object]:
            def run() -> None:
                view.search_edit.setText(text)
                view.refresh()

            return run

        timed("filter by name 考生0421", args.runs, search("考生0421"), app)
        assert view.model.total == 100 if args.candidates >= 43_000 else True
        timed("filter by last four digits 0421", args.runs, search("0421"), app)
        timed("clear the filter", args.runs, search(""), app)

        withdrawn = view.status_combo.findData(CandidateStatus.WITHDRAWN)

        def toggle_status() -> None:
            combo = view.status_combo
            combo.setCurrentIndex(withdrawn if combo.currentIndex() == 0 else 0)

        timed("status filter, 已撤回 and back to all", args.runs * 2, toggle_status, app)

        def toggle_sort() -> None:
            descending = view.model.query.sort == "name" and not view.model.query.descending
            view.view.sortByColumn(
                1, Qt.SortOrder.DescendingOrder if descending else Qt.SortOrder.AscendingOrder
            )

        timed("sort by name, either way", args.runs, toggle_sort, app)
        timed("scroll: fetch the next page of rows", args.runs, view.model.fetchMore, app)
        view.close()
        view.deleteLater()
        app.processEvents()
        env.uow.engine.dispose()  # type: ignore[attr-defined]


if __name__ == "__main__":
    main()
