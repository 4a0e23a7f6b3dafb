"""`kaoping demo`, step 6: the question bank (题库) and the sealed theory papers (封存试卷).

The item texts are synthetic and never printed: the watermarked paper PDF is the only plaintext
that leaves the bank, as on a real exam day.
"""

from __future__ import annotations

from decimal import Decimal

from kaoping.cli.demo_exams import THEORY_ROOMS
from kaoping.cli.demo_intake import AI_OCCUPATION
from kaoping.cli.demo_support import DEMO_PASSWORD, DemoRun, beijing
from kaoping.domain.assembly import WeightKind
from kaoping.domain.catalogue import Level
from kaoping.domain.errors import PermissionDenied
from kaoping.domain.items import ItemType
from kaoping.services import bank, papers
from kaoping.services.bank import BankUnlock
from kaoping.services.papers import AssemblyRequest, Credential
from kaoping.services.ports.bank import RawItem

ITEMS = 150
PAPER_ITEMS = 50
OPENERS = (Credential("kaowu", DEMO_PASSWORD), Credential("dudao", DEMO_PASSWORD))


def seal_papers(run: DemoRun) -> None:
    """Step 6: fill the bank, assemble and seal a paper per theory room, open and print them."""
    run.clock.move_to(beijing(run.timeline.before_exams(2), 10))
    tiku = run.cast("tiku")
    unlock = bank.initialise_bank(run.env, tiku, DEMO_PASSWORD)
    _fill_bank(run, unlock)
    for username in ("kaowu", "dudao"):
        bank.register_keys(run.env, run.cast(username), DEMO_PASSWORD)
    sealed = {
        code: _sealed_paper(run, unlock, code, seed)
        for seed, code in enumerate(run.theory_codes, start=2026)
    }
    print(
        f"   组卷：{len(sealed)} 份理论试卷，每份 {PAPER_ITEMS} 题，按权重表抽题后加密封存；"
        "启封需考务管理员与质量督导员两人。"
    )
    _try_opening_early(run, next(iter(sealed.values())))
    run.clock.move_to(beijing(run.timeline.exam_day, 8, 32))
    for (code, paper_id), room in zip(sealed.items(), THEORY_ROOMS, strict=True):
        opened = papers.open_paper(run.env, run.cast("kaowu"), paper_id, *OPENERS, f"{code} 开考")
        pdf = papers.print_paper(run.env, run.cast("kaowu"), opened, f"{room} 100 份")
        run.files.save(f"papers/{code}-{opened.code}.pdf", pdf, f"{room}试卷（水印，{code}）")
    print(
        f"   考核日 08:32：两人在启封时段内启封，打印带水印试卷 {len(sealed)} 份"
        "（试题内容只出现在打印件中）。"
    )


def _fill_bank(run: DemoRun, unlock: BankUnlock) -> None:
    table = bank.weight_tables(run.env)[(AI_OCCUPATION, WeightKind.THEORY)]
    weighted = table.areas_at(Level.JUNIOR)
    rows: list[RawItem] = []
    for area, weight in weighted:
        share = int((Decimal(ITEMS) * weight / 100).to_integral_value())
        rows.extend(_item(len(rows) + 1, area) for _ in range(share))
    report = bank.import_rows(
        run.env, run.cast("tiku"), unlock, rows, approve=True, source="演示题目（合成）"
    )
    print(
        f"6. 题库：题库管理员初始化题库密钥，导入已审核试题 {report.imported} 道，"
        f"覆盖初级理论知识权重表的 {len(weighted)} 个知识领域（内容加密存储）。"
    )


def _item(n: int, area: str) -> RawItem:
    """A synthetic item; the text is made up and only ever appears on the printed paper."""
    kind = (ItemType.SINGLE, ItemType.SINGLE, ItemType.TRUE_FALSE, ItemType.SHORT_ANSWER)[n % 4]
    stem = f"（演示题 {n:03d}）关于“{area}”，下列说法中符合规范的是哪一项？"
    difficulty = str(1 + n % 5)
    if kind is ItemType.SINGLE:
        options = tuple(f"{area}的做法{letter}（演示）" for letter in "甲乙丙丁")
        return RawItem(
            n,
            AI_OCCUPATION,
            "",
            Level.JUNIOR.label,
            area,
            kind.label,
            difficulty,
            stem,
            options,
            "B",
        )
    if kind is ItemType.TRUE_FALSE:
        return RawItem(
            n,
            AI_OCCUPATION,
            "",
            Level.JUNIOR.label,
            area,
            kind.label,
            difficulty,
            f"（演示题 {n:03d}）{area}工作应当留存过程记录。",
            (),
            "对",
        )
    return RawItem(
        n,
        AI_OCCUPATION,
        "",
        Level.JUNIOR.label,
        area,
        kind.label,
        difficulty,
        f"（演示题 {n:03d}）简述{area}的主要步骤。",
        (),
        f"{area}的要点：明确目标、记录过程、复核结果（演示）",
        "每个要点 2 分",
    )


def _sealed_paper(run: DemoRun, unlock: BankUnlock, code: str, seed: int) -> str:
    tiku = run.cast("tiku")
    outcome = papers.assemble_paper(
        run.env,
        tiku,
        AssemblyRequest(AI_OCCUPATION, Level.JUNIOR, PAPER_ITEMS, run.sessions[code], seed=seed),
    )
    if outcome.paper is None:
        raise RuntimeError(outcome.explanation)
    papers.seal_paper(run.env, tiku, unlock, outcome.paper.paper_id)
    return outcome.paper.paper_id


def _try_opening_early(run: DemoRun, paper_id: str) -> None:
    """Two openers two days early are refused (and the attempt is audited)."""
    try:
        papers.open_paper(run.env, run.cast("kaowu"), paper_id, *OPENERS, "提前查看")
    except PermissionDenied as refused:
        print(f"   规则检查：考前两天启封被拒绝——{refused.message}")
    else:
        raise RuntimeError("a sealed paper opened outside its window")
