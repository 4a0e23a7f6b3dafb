"""`kaoping demo`, steps 8 and 9: double-keyed scores (双人录入) and confirmed results (成绩确认).

Marks are pseudo-random but fixed by their seeds, so every run gives the same results: most pass,
some fail.
"""

from __future__ import annotations

import csv
import random
from collections import Counter
from decimal import Decimal

from kaoping.cli.demo_support import DemoRun, beijing
from kaoping.domain.scoring import Mark, ScoreStatus
from kaoping.domain.spreadsheet_cells import escape_cell
from kaoping.fileio import atomic_path
from kaoping.services import results, scores
from kaoping.services.scores import SheetLine

FIRST_KEYER, SECOND_KEYER = "kaoping1", "kaoping2"
# Each theory room's two examiners import its platform file (they sit on that room's panel).
THEORY_KEYERS = (("kaoping1", "kaoping2"), ("kaoping3", "kaoping4"))
# The practical seat keyed wrongly by the second examiner: (session index, row on the sheet).
SLIP = (1, 5)
SLIP_POINTS = Decimal(9)


def key_scores(run: DemoRun) -> None:
    """Step 8: theory from the platform's score file, practical keyed on screen; both twice."""
    run.clock.move_to(beijing(run.timeline.exam_end, 14))
    print("8. 成绩录入（双人录入）：")
    for n, code in enumerate(run.theory_codes):
        _import_theory(run, code, THEORY_KEYERS[n], random.Random(f"theory-{n}"))
    slips = 0
    for n, code in enumerate(run.practical_codes):
        slips += _key_practical(run, n, code, random.Random(f"practical-{n}"))
    print(
        f"   专业能力考核 {len(run.practical_codes)} 场：{FIRST_KEYER}、{SECOND_KEYER} 各自在屏幕上"
        f"逐一录入，缺考录“缺考”；两次录入不一致 {slips} 处。"
    )
    _resolve_mismatches(run)


def _mark(rng: random.Random, mean: float) -> Decimal:
    return Decimal(round(min(100.0, max(20.0, rng.gauss(mean, 12)))))


def _import_theory(run: DemoRun, code: str, keyers: tuple[str, str], rng: random.Random) -> None:
    """The online platform's export of one room, imported once by each of its two examiners."""
    sheet = scores.score_sheet(run.env, run.cast(keyers[0]), run.sessions[code])
    path = run.files.path(f"scores/{code}-platform.csv")
    with atomic_path(path) as part, part.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(("准考证号", "成绩", "状态"))
        for line in sheet.lines:
            mark = "" if line.absent_at_checkin else str(_mark(rng, 76))
            state = "缺考" if line.absent_at_checkin else "实考"
            writer.writerow(tuple(map(escape_cell, (line.ticket_no, mark, state))))
    run.files.listed(f"理论成绩文件（在线考试平台导出，{code}）", path)
    imported = [
        scores.import_scores(run.env, run.cast(who), run.sessions[code], path).imported
        for who in keyers
    ]
    print(
        f"   理论 {code}：平台成绩文件 {len(sheet.lines)} 行，由本考场考评员 {keyers[0]}、{keyers[1]} "
        f"分别导入（{imported[0]} + {imported[1]} 条）。"
    )


def _key_practical(run: DemoRun, n: int, code: str, rng: random.Random) -> int:
    """Both examiners key every seat of one practical session; returns the keying slips."""
    session_id = run.sessions[code]
    sheet = scores.score_sheet(run.env, run.cast(FIRST_KEYER), session_id)
    marks = {line.candidate_id: _practical_mark(line, rng) for line in sheet.lines}
    slips = 0
    for line in sheet.lines:
        mark = marks[line.candidate_id]
        scores.enter_score(run.env, run.cast(FIRST_KEYER), session_id, line.candidate_id, mark)
        if (n, line.row) == SLIP and mark.value is not None:
            mark = Mark(ScoreStatus.PRESENT, mark.value - SLIP_POINTS)
            slips += 1
        scores.enter_score(run.env, run.cast(SECOND_KEYER), session_id, line.candidate_id, mark)
    return slips


def _practical_mark(line: SheetLine, rng: random.Random) -> Mark:
    if line.absent_at_checkin:
        return Mark(ScoreStatus.ABSENT)
    return Mark(ScoreStatus.PRESENT, _mark(rng, 75))


def _resolve_mismatches(run: DemoRun) -> None:
    """The supervisor compares both keyings with the examiners' paper score sheet and decides."""
    dudao = run.cast("dudao")
    for code in run.practical_codes:
        for seen in scores.mismatches(run.env, dudao, run.sessions[code]):
            scores.resolve(
                run.env,
                dudao,
                run.sessions[code],
                seen.candidate_id,
                seen.first,
                f"核对考评组评分记录表原件，以 {seen.first} 为准",
            )
            print(
                f"   质量督导员裁定：{code} 第 {seen.row} 行两次录入为 {seen.first} 与 "
                f"{seen.second}，核对评分记录表后定为 {seen.first}。"
            )


def confirm_results(run: DemoRun) -> None:
    """Step 9: the supervisor confirms and locks every session; overall results are written."""
    run.clock.move_to(beijing(run.timeline.after_exams(1), 10))
    dudao = run.cast("dudao")
    for code in (*run.theory_codes, *run.practical_codes):
        results.confirm_session(run.env, dudao, run.sessions[code])
    listed = results.list_results(run.env, run.cast("kaowu"), run.batch_code)
    counts = Counter(r.outcome_label for r in listed)
    summary = "，".join(f"{label} {count} 人" for label, count in counts.most_common())
    print(f"9. 成绩确认：质量督导员确认并锁定 {len(run.sessions)} 个场次；考核结果：{summary}。")
