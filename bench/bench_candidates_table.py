"""Time the candidates table (考生列表) with 100,000 candidates: open, filter, sort, scroll.

The candidates are synthetic (Chinese names of two to four characters drawn with a fixed seed from
common surnames and given-name characters, generated ID numbers) and bulk-inserted with SQLAlchemy
Core, as in bench_checkin.py. The real page (offscreen Qt) is then driven the way a person uses it:
open it, type one, two and three characters of a name, the last four digits of an ID number, pick
a status, sort a column, and scroll to the next page of rows. Each figure is the time from the
action to the table being filled (the page's typing pause aside; Qt's painting of the visible rows
included), and for each filter also the search alone (the service call the page makes), on a plain
SQLite file and on the encrypted store (SQLCipher). Run:
    .venv/bin/python bench/bench_candidates_table.py [--candidates N] [--runs R] [--kind KIND]
"""

from __future__ import annotations

import argparse
import os
import random
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
from kaoping.services import intake
from kaoping.services.base import Env
from kaoping.services.ports.intake import CandidateQuery
from kaoping.ui.application import ensure_app
from kaoping.ui.pages.candidates_page import CandidatesPage
from tests.databases import encrypted_url, new_store_key

# Surnames with rough shares of the population (the most common first), and given-name characters.
SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓曹彭曾肖田董潘袁蔡蒋余"
    "于杜叶程魏苏吕丁任卢姚沈钟姜崔谭陆范汪廖石金韦贾夏付方邹熊白孟秦邱侯江尹薛闫段雷"
    "龙黎史陶贺毛郝顾龚邵万覃武钱戴严莫孔向常汤"
)
GIVEN = (
    "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉萍红娥建文辉力丹"
    "宇浩然子涵欣怡梓轩一诺雨桐思远博文佳琪俊杰晓东志强海燕春梅国庆永红立新世"
    "䶮𠮷"  # rare characters from outside the basic plane and Extension A
)


def synthetic_name(rng: random.Random) -> str:
    """A name of two to four characters; common surnames drawn far more often."""
    surname = SURNAMES[min(int(rng.expovariate(1 / 12)), len(SURNAMES) - 1)]
    given = rng.choices(range(1, 4), weights=(25, 70, 5))[0]
    return surname + "".join(rng.choice(GIVEN) for _ in range(given))


def timed(label: str, runs: int, action: Callable[[], object], app: QApplication) -> None:
    samples = []
    for _ in range(runs):
        began = time.perf_counter()
        action()
        app.processEvents()
        samples.append((time.perf_counter() - began) * 1000)
    print(
        f"{label:<50} median {statistics.median(samples):7.1f} ms   "
        f"max {max(samples):7.1f} ms   (n={runs})"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--candidates", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--kind", choices=("plain", "encrypted", "both"), default="both")
    args = parser.parse_args()
    app = ensure_app()
    for kind in ("plain", "encrypted") if args.kind == "both" else (args.kind,):
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "bench.db"
            if kind == "encrypted":
                env = build_env(encrypted_url(path), key=new_store_key(path), fast_hashing=True)
            else:
                env = build_env(f"sqlite:///{path}", fast_hashing=True)
            print(f"--- {kind} store ---")
            run_page(env, app, args.candidates, args.runs)


def run_page(env: Env, app: QApplication, candidates: int, runs: int) -> None:
    admin = prepare(env)
    rooms = -(-candidates // 999)
    batch_id, session_ids = make_sessions(env, admin, rooms)
    rng = random.Random(2026)
    names = [synthetic_name(rng) for _ in range(candidates)]
    bulk_insert(env, batch_id, session_ids, candidates, names.__getitem__)
    print(f"{candidates:,} candidates in one batch")
    page: list[CandidatesPage] = []

    def open_page() -> None:
        if page:
            old = page.pop()
            old.close()
            old.deleteLater()
        page.append(CandidatesPage(env, admin))
        page[0].resize(1200, 700)
        page[0].show()

    timed("open the page (first rows shown)", runs, open_page, app)
    view = page[0]
    assert view.model.total == candidates, view.model.total

    def search(text: str) -> Callable[[], object]:
        def run() -> None:
            view.search_edit.setText(text)
            view.search()  # what the typing pause calls

        return run

    def answer(text: str) -> Callable[[], object]:
        query = CandidateQuery(batch_id=view.batch_combo.currentData(), text=text)
        return lambda: intake.list_candidates(env, admin, query)

    three = next(n for n in names[421:] if len(n) >= 3)[:3]
    for text in (three[:1], three[:2], three, "0421"):
        what = "last four digits" if text.isdigit() else f"name, {len(text)} character(s)"
        timed(f"filter by {what} {text}: table filled", runs, search(text), app)
        expected = sum(text in n for n in names) if not text.isdigit() else None
        assert expected is None or view.model.total == expected, (view.model.total, expected)
        timed(f"  the search alone ({view.model.total:,} rows match)", runs, answer(text), app)
    timed("clear the filter", runs, search(""), app)

    withdrawn = view.status_combo.findData(CandidateStatus.WITHDRAWN)

    def toggle_status() -> None:
        combo = view.status_combo
        combo.setCurrentIndex(withdrawn if combo.currentIndex() == 0 else 0)

    timed("status filter, 已撤回 and back to all", runs * 2, toggle_status, app)

    def toggle_sort() -> None:
        descending = view.model.query.sort == "name" and not view.model.query.descending
        view.view.sortByColumn(
            1, Qt.SortOrder.DescendingOrder if descending else Qt.SortOrder.AscendingOrder
        )

    timed("sort by name, either way", runs, toggle_sort, app)
    timed("scroll: fetch the next page of rows", runs, view.model.fetchMore, app)
    view.close()
    view.deleteLater()
    app.processEvents()
    env.uow.engine.dispose()  # type: ignore[attr-defined]


if __name__ == "__main__":
    main()
