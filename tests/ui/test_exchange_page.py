"""The 报送与数据包 page: report, approval, cancel, package check, and a site round trip."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from kaoping.adapters.clock import FixedClock
from kaoping.bootstrap import build_env
from kaoping.domain.packages import PackageKind
from kaoping.domain.plans import BatchStatus
from kaoping.domain.roles import Role
from kaoping.services import accounts, exchange, plans, setup
from kaoping.services.base import Actor, Env
from kaoping.storage.exams_tables import SeatRow
from kaoping.ui import messages
from kaoping.ui.dialogs import issue_dialog
from kaoping.ui.pages import all_pages
from kaoping.ui.pages.exchange_page import ExchangePage
from tests.databases import add_user, first_setup
from tests.integration.test_exchange_report import BATCH, PASSPHRASE, approval_csv, seed
from tests.integration.test_exchange_report import backdated_key as body_key
from tests.integration.test_exchange_site import (
    PASSWORD,
    TICKETS,
    Site,
    backdated_key,
    run_the_session,
    seed_head_office,
)


@pytest.fixture
def answers(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> dict[str, list[object]]:
    """Scripted answers to the page's file dialogs and passphrase prompt; messages collected."""
    given: dict[str, list[object]] = {"save": [], "open": [], "errors": [], "infos": []}
    monkeypatch.setattr(
        messages, "save_file", lambda parent, title, suggested, filters: given["save"].pop(0)
    )
    monkeypatch.setattr(messages, "open_file", lambda parent, title, filters: given["open"].pop(0))
    monkeypatch.setattr(
        issue_dialog, "ask_text", lambda parent, title, label, *, secret=False: PASSPHRASE
    )
    monkeypatch.setattr(
        messages, "show_error", lambda parent, error: given["errors"].append(str(error))
    )
    monkeypatch.setattr(
        messages, "show_info", lambda parent, title, text: given["infos"].append(text)
    )
    return given


def _page(qtbot: QtBot, env: Env, actor: Actor) -> ExchangePage:
    page = ExchangePage(env, actor)
    qtbot.addWidget(page)
    page.resize(1280, 760)
    page.show()
    return page


def test_export_report_then_import_confirmed_approval_csv(
    qtbot: QtBot,
    env: Env,
    actors: dict[Role, Actor],
    answers: dict[str, list[object]],
    tmp_path: Path,
) -> None:
    """The administrator exports a verifiable report, then imports the answer with its source confirmed."""
    officer = actors[Role.EXAM_ADMIN]
    body_key(env)
    ids = seed(env, officer, ["passed", "failed", "passed"])
    page = _page(qtbot, env, officer)
    assert page.batch_code() == BATCH
    report = tmp_path / "report.zip"
    answers["save"] = [report]
    page.report.report_button.click()
    assert answers["errors"] == []
    check = exchange.verify_file(env, officer, report.read_bytes())
    assert check.ok and check.kind == "report" and "candidates.csv" in check.files
    assert "已保存报送数据包" in str(answers["infos"])
    assert page.report.approval_table.rowCount() == 3
    assert page.report.approval_table.item(0, 3).text() == "尚未答复"
    answer = tmp_path / "审核结果.csv"
    answer.write_bytes(
        approval_csv([(ids[0], "张三", "通过", ""), (ids[2], "王五", "不通过", "培训证书编号有误")])
    )
    answers["open"] = [answer]
    page.report.approval_button.click()
    assert "已核实来源" in str(answers["errors"])
    page.report.confirm_source_box.setChecked(True)
    answers["open"] = [answer]
    page.report.approval_button.click()
    assert len(answers["errors"]) == 1
    assert not page.report.confirm_source_box.isChecked()
    first = [page.report.approval_table.item(0, c).text() for c in (0, 3, 4)]
    assert first == [str(ids[2]), "不通过", "培训证书编号有误"]
    assert "不通过 1 人" in page.report.approval_summary.text()
    assert page.tabs.currentWidget() is page.report.view
    assert plans.find_batch(env, officer, BATCH).status is BatchStatus.APPROVED
    answers["open"] = [report]
    page.check.verify_button.click()
    assert page.check.verdict_label.text().startswith("report.zip：通过")
    assert page.check.check_fields["fingerprint"].text() == check.fingerprint
    assert page.check.file_list.count() == len(check.files)
    assert page.tabs.currentWidget() is page.check.view
    page.grab().save(str(tmp_path / "exchange_page.png"))


def test_cancelled_report_export_writes_and_records_nothing(
    qtbot: QtBot,
    env: Env,
    actors: dict[Role, Actor],
    answers: dict[str, list[object]],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Cancel in the progress dialog: no file, no package registered, the batch still open."""
    officer = actors[Role.EXAM_ADMIN]
    body_key(env)
    seed(env, officer, ["passed"])
    real = exchange.export_report

    def cancelling(*args: object, **kwargs: object) -> object:
        return real(*args, cancelled=lambda: True)  # type: ignore[arg-type]

    monkeypatch.setattr(exchange, "export_report", cancelling)
    page = _page(qtbot, env, officer)
    out = tmp_path / "out"
    out.mkdir()
    answers["save"] = [out / "report.zip"]
    page.report.report_button.click()
    assert "已取消" in str(answers["infos"]) and answers["errors"] == []
    assert list(out.iterdir()) == []
    assert exchange.list_packages(env, officer)[0] == []
    assert plans.find_batch(env, officer, BATCH).status is BatchStatus.OPEN


def test_page_is_listed_after_certificate_verification_for_the_exam_administrator(
    actors: dict[Role, Actor],
) -> None:
    """The exam administrator finds 报送与数据包 in the navigation; an examiner does not."""
    keys = [spec.key for spec in all_pages()]
    assert keys[keys.index("verify") + 1] == "exchange"
    spec = next(spec for spec in all_pages() if spec.key == "exchange")
    assert actors[Role.EXAM_ADMIN].can(spec.permission)
    assert not actors[Role.EXAMINER].can(spec.permission)


def test_site_round_trip_through_the_page_lists_conflicts(
    qtbot: QtBot,
    env: Env,
    admin: Actor,
    actors: dict[Role, Actor],
    answers: dict[str, list[object]],
    tmp_path: Path,
    clock: FixedClock,
) -> None:
    """Head office sends a session, the laptop sends results back, a clash is listed, not applied."""
    head = seed_head_office(env, admin, actors)
    office = _page(qtbot, env, head.exam_admin)
    assert office.site.session_combo.currentText().startswith("S1-theory")
    answers["save"] = [tmp_path / "site.zip"]
    office.site.site_export_button.click()
    assert answers["errors"] == []
    laptop_env = build_env(f"sqlite:///{tmp_path / 'site.db'}", clock=clock, fast_hashing=True)
    try:
        setup.initialise(laptop_env, first_setup("siteadmin", "考点管理员"))
        site_admin = accounts.sign_in(laptop_env, "siteadmin", PASSWORD)
        laptop_cert = backdated_key(laptop_env, "南宁考点笔记本")
        exchange.trust_signer(laptop_env, site_admin, head.cert, "总部", [PackageKind.SITE])
        exchange.trust_signer(env, admin, laptop_cert, "南宁考点笔记本", [PackageKind.RESULTS])
        add_user(laptop_env, site_admin, "site_lead", "考点负责人", [Role.EXAM_ADMIN])
        lead = accounts.sign_in(laptop_env, "site_lead", PASSWORD)
        field = _page(qtbot, laptop_env, lead)
        answers["open"] = [tmp_path / "site.zip"]
        field.site.site_import_button.click()
        assert answers["errors"] == [] and "考生 3 人" in field.site.import_label.text()
        run_the_session(Site(laptop_env, site_admin, lead, laptop_cert))
        answers["save"] = [tmp_path / "results.zip"]
        field.site.results_export_button.click()
        assert answers["errors"] == []
    finally:
        getattr(laptop_env.uow, "engine").dispose()  # noqa: B009
    with env.uow() as uow:
        seat = uow.session.query(SeatRow).filter_by(ticket_no=TICKETS[0]).one()  # type: ignore[attr-defined]
        seat.attendance = "late"
        uow.commit()
    answers["open"] = [tmp_path / "results.zip"]
    office.site.results_import_button.click()
    assert answers["errors"] == []
    assert "未覆盖" in office.site.import_label.text()
    assert office.site.conflict_list.count() == 1
    assert office.tabs.currentWidget() is office.site.view
    assert TICKETS[0] in office.site.conflict_list.item(0).text()
    office.grab().save(str(tmp_path / "exchange_merge.png"))
