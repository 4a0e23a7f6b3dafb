"""Sealed papers: two different openers, inside the window only, audited; printing; travel."""

from __future__ import annotations

import io
import json
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest
from pypdf import PdfReader

from kaoping.adapters.clock import FixedClock
from kaoping.bootstrap import build_env
from kaoping.domain.catalogue import Level
from kaoping.domain.errors import AuthenticationError, ConflictError, PermissionDenied
from kaoping.domain.roles import Role
from kaoping.services import accounts, audit, bank, papers, setup
from kaoping.services.bank import BankUnlock
from kaoping.services.base import Actor, Env
from kaoping.services.papers import AssemblyRequest, Credential
from kaoping.services.ports.bank import PaperRecord
from kaoping.services.ports.dto import AuditFilter, BodyProfile
from tests.databases import add_user, first_setup
from tests.integration.test_bank_support import (
    AI,
    PASSWORD,
    make_session,
    open_bank,
    register_openers,
    spread_items,
)
from tests.integration.test_scores_workflow import one_refusal

EXAM = Credential("u_exam_admin", PASSWORD)
SUPERVISOR = Credential("u_supervisor", PASSWORD)


def _sealed(
    env: Env, actors: dict[Role, Actor], item_count: int = 40, starts_at: datetime | None = None
) -> PaperRecord:
    paper, unlock = _assembled(env, actors, item_count, starts_at)
    papers.seal_paper(env, actors[Role.BANK_ADMIN], unlock, paper.paper_id)
    return paper


def _assembled(
    env: Env, actors: dict[Role, Actor], item_count: int, starts_at: datetime | None = None
) -> tuple[PaperRecord, BankUnlock]:
    """A paper assembled from a fresh bank but not yet sealed, and the bank's unlock key."""
    unlock = open_bank(env, actors)
    admin = actors[Role.BANK_ADMIN]
    bank.import_rows(env, admin, unlock, list(spread_items(env, 200)), approve=True)
    session_id = (
        make_session(env, actors, starts_at=starts_at) if starts_at else make_session(env, actors)
    )
    register_openers(env, actors)
    outcome = papers.assemble_paper(
        env, admin, AssemblyRequest(AI, Level.JUNIOR, item_count, session_id, seed=7)
    )
    assert outcome.paper is not None
    return outcome.paper, unlock


def _attempts(env: Env) -> list[str]:
    auditor = accounts.sign_in(env, "admin", PASSWORD)
    entries = audit.search(env, auditor, AuditFilter(action_prefix="paper.open"))
    return [entry.outcome for entry in entries]


def test_one_person_cannot_open_a_sealed_paper(env: Env, actors: dict[Role, Actor]) -> None:
    """The same opener twice, or one opener plus a wrong password, is refused and audited."""
    paper = _sealed(env, actors)
    actor = actors[Role.EXAM_ADMIN]
    with pytest.raises(PermissionDenied, match="两位不同的人"):
        papers.open_paper(env, actor, paper.paper_id, EXAM, EXAM, "开考")
    with pytest.raises(PermissionDenied, match="两位不同的人"):
        papers.open_paper(
            env, actor, paper.paper_id, EXAM, Credential(" U_EXAM_ADMIN ", PASSWORD), "开考"
        )
    with pytest.raises(AuthenticationError, match="u_supervisor"):
        papers.open_paper(
            env, actor, paper.paper_id, EXAM, Credential("u_supervisor", "guessed-pass1"), "开考"
        )
    with pytest.raises(PermissionDenied, match="没有启封试卷的权限"):
        papers.open_paper(
            env, actor, paper.paper_id, EXAM, Credential("u_bank_admin", PASSWORD), "开考"
        )
    assert _attempts(env) == ["refused", "failed", "refused", "refused"]


def test_two_openers_cannot_open_outside_the_window(
    env: Env, actors: dict[Role, Actor], clock: FixedClock
) -> None:
    """Earlier than the lead time before the start, or after the end, two openers are refused."""
    paper = _sealed(env, actors, starts_at=datetime(2026, 11, 25, 10, 0, tzinfo=UTC))
    actor = actors[Role.EXAM_ADMIN]
    with pytest.raises(PermissionDenied, match="不在启封时间内"):
        papers.open_paper(env, actor, paper.paper_id, EXAM, SUPERVISOR, "提前看看")
    clock.advance(hours=3, minutes=1)
    actor = accounts.sign_in(env, "u_exam_admin", PASSWORD)
    with pytest.raises(PermissionDenied, match="不在启封时间内"):
        papers.open_paper(env, actor, paper.paper_id, EXAM, SUPERVISOR, "考后补看")
    assert _attempts(env) == ["refused", "refused"]


def test_lead_time_is_a_setting(env: Env, actors: dict[Role, Actor]) -> None:
    """With a 60-minute lead, a paper whose session starts in 45 minutes can already be opened."""
    paper = _sealed(env, actors, item_count=12, starts_at=datetime(2026, 11, 25, 9, 45, tzinfo=UTC))
    with pytest.raises(PermissionDenied):
        papers.open_paper(env, actors[Role.SUPERVISOR], paper.paper_id, EXAM, SUPERVISOR, "开考")
    with env.uow() as uow:
        uow.settings.put(papers.LEAD_SETTING, 60)
        uow.commit()
    opened = papers.open_paper(
        env, actors[Role.SUPERVISOR], paper.paper_id, EXAM, SUPERVISOR, "开考"
    )
    assert len(opened.items) == 12


def test_two_openers_inside_the_window_open_and_print(env: Env, actors: dict[Role, Actor]) -> None:
    """Two authorised people open the paper; every printed page carries the watermark."""
    paper = _sealed(env, actors)
    actor = actors[Role.EXAM_ADMIN]
    opened = papers.open_paper(env, actor, paper.paper_id, EXAM, SUPERVISOR, "第 1 场开考")
    assert len(opened.items) == 40 and opened.session_code == paper.session_code
    assert [item.number for item in opened.items] == list(range(1, 41))
    assert "QSTEM" not in repr(opened)
    pdf = papers.print_paper(env, actor, opened, "第 1 考场 30 份")
    pages = PdfReader(io.BytesIO(pdf)).pages
    assert len(pages) > 1
    for number, page in enumerate(pages, start=1):
        text = page.extract_text()
        assert paper.session_code in text and "u_exam_admin" in text
        assert "2026-11-25" in text
        assert f"第 {number} 页 共 {len(pages)} 页" in text
    first = pages[0].extract_text()
    # The header: labelled fields, and boxes for the candidate to write in.
    assert "试卷编号：" in first and "场次：" in first and "题数：共 40 题" in first
    assert "姓名" in first and "准考证号" in first
    key = PdfReader(io.BytesIO(papers.print_paper(env, actor, opened, "阅卷", answer_key=True)))
    key_text = "".join(page.extract_text() for page in key.pages)
    assert "参考答案" in key_text and all(paper.session_code in p.extract_text() for p in key.pages)
    assert "参考答案：" not in "".join(page.extract_text() for page in pages)
    assert "准考证号" not in key_text  # the answer key has no candidate boxes
    actions = [
        e.action
        for e in audit.search(env, actors[Role.SYSTEM_ADMIN], AuditFilter(action_prefix="paper."))
    ]
    assert {"paper.open", "paper.print", "paper.print_answers"} <= set(actions)
    with pytest.raises(PermissionDenied):
        papers.print_paper(env, actors[Role.BANK_ADMIN], opened, "想打印")


def test_refusing_a_paper_rule_is_audited_once(env: Env, actors: dict[Role, Actor]) -> None:
    """Exporting a paper that is not sealed is refused by a business rule, not a permission:
    one "refused" entry with the reason, and no item text in it."""
    paper, _ = _assembled(env, actors, item_count=12)
    with (
        one_refusal(env, "paper.export") as entry,
        pytest.raises(ConflictError, match="尚未封存，不能导出"),
    ):
        papers.export_sealed_paper(env, actors[Role.BANK_ADMIN], paper.paper_id)
    assert entry["reason"] == f"试卷 {paper.code} 尚未封存，不能导出"
    assert entry["target"] == f"paper:{paper.paper_id}"
    assert "QSTEM" not in json.dumps(entry, ensure_ascii=False)
    assert audit.verify_log(env).ok


def test_paper_keeps_the_version_it_was_sealed_with(env: Env, actors: dict[Role, Actor]) -> None:
    """Editing an item after sealing changes the bank, not the sealed paper."""
    paper = _sealed(env, actors, item_count=12)
    admin = actors[Role.BANK_ADMIN]
    unlock = bank.unlock_bank(env, admin, PASSWORD)
    item_id = (
        papers.open_paper(env, actors[Role.EXAM_ADMIN], paper.paper_id, EXAM, SUPERVISOR, "核对")
        .items[0]
        .item_id
    )
    stored = next(i for i in bank.list_items(env, admin) if i.item_id == item_id)
    current = bank.view_item(env, admin, unlock, item_id, "修改题干")
    bank.update_item(
        env, admin, unlock, item_id, stored.meta, replace(current, stem="QEDITED 改过的题干")
    )
    again = papers.open_paper(
        env, actors[Role.EXAM_ADMIN], paper.paper_id, EXAM, SUPERVISOR, "再核对"
    )
    assert "QEDITED" not in again.items[0].content.stem


def test_password_change_keeps_an_opener_able_to_open(env: Env, actors: dict[Role, Actor]) -> None:
    """An opener who changes their password opens with the new one."""
    paper = _sealed(env, actors, item_count=12)
    accounts.change_own_password(env, actors[Role.SUPERVISOR], PASSWORD, "Changed-pass7")
    opened = papers.open_paper(
        env,
        actors[Role.EXAM_ADMIN],
        paper.paper_id,
        EXAM,
        Credential("u_supervisor", "Changed-pass7"),
        "开考",
    )
    assert len(opened.items) == 12


def test_sealed_paper_travels_and_opens_offline_under_the_same_rule(
    env: Env, actors: dict[Role, Actor], tmp_path: Path, clock: FixedClock
) -> None:
    """A sealed-paper file opens on another installation, by two openers, inside the window."""
    paper = _sealed(env, actors, item_count=12)
    data = papers.export_sealed_paper(env, actors[Role.EXAM_ADMIN], paper.paper_id)
    assert b"QSTEM" not in data
    site = build_env(f"sqlite:///{tmp_path / 'site.db'}", clock=clock, fast_hashing=True)
    setup.initialise(site, replace(first_setup(), profile=BodyProfile("考点", "SITE01")))
    site_admin = accounts.sign_in(site, "admin", PASSWORD)
    add_user(site, site_admin, "site_exam", "考点考务", [Role.EXAM_ADMIN])
    local = accounts.sign_in(site, "site_exam", PASSWORD)
    imported = papers.import_sealed_paper(site, local, data)
    assert imported.imported and imported.code == paper.code
    with pytest.raises(PermissionDenied, match="两位不同的人"):
        papers.open_paper(site, local, paper.code, EXAM, EXAM, "开考")
    with pytest.raises(AuthenticationError):
        papers.open_paper(
            site, local, paper.code, EXAM, Credential("u_supervisor", "x1-wrong"), "开考"
        )
    opened = papers.open_paper(site, local, paper.code, EXAM, SUPERVISOR, "考点开考")
    assert len(opened.items) == 12
    clock.advance(hours=3)
    local = accounts.sign_in(site, "site_exam", PASSWORD)
    with pytest.raises(PermissionDenied, match="不在启封时间内"):
        papers.open_paper(site, local, paper.code, EXAM, SUPERVISOR, "考后")
