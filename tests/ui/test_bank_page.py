"""The bank browser (题库): catalogue data only, with authors named."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from kaoping.domain.roles import Role
from kaoping.services import bank
from kaoping.services.base import Actor, Env
from kaoping.ui.pages.bank_page import BankPage
from tests.integration.test_bank_support import open_bank, spread_items


def test_list_names_the_author_and_shows_no_content(
    qtbot: QtBot, env: Env, actors: dict[Role, Actor]
) -> None:
    """Each row names who wrote the item (not a user number); a system administrator sees the
    same catalogue data and nothing of the items' text."""
    admin = actors[Role.BANK_ADMIN]
    rows = list(spread_items(env, 6))
    bank.import_rows(env, admin, open_bank(env, actors), rows, approve=True)
    for viewer in (admin, actors[Role.SYSTEM_ADMIN]):
        page = BankPage(env, viewer)
        qtbot.addWidget(page)
        assert page.table.rowCount() == 6
        authors = {page.table.item(r, 8).text() for r in range(6)}
        assert authors == {f"{Role.BANK_ADMIN.label}甲（{admin.username}）"}
        shown = " ".join(page.table.item(r, c).text() for r in range(6) for c in range(9))
        assert not any(row.stem in shown for row in rows)
