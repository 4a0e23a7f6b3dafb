"""模板字样复核: the certificate template's flagged phrases and their two-person reviews.

A fixed text of the template may hold a banned pair across a word boundary (安全国际认证 holds
全国). The list shows every such text of the template in use with where its review stands, and
the earlier withdrawn reviews of the same version. A certificate officer proposes one with a
reason, a quality supervisor (another person) confirms it; either may withdraw it. Each button is
one service call; the service decides and audits, the buttons only say what the person may try.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kaoping.domain.beijing import BEIJING
from kaoping.domain.errors import KaopingError
from kaoping.domain.roles import Permission, roles_granting
from kaoping.services import certificates
from kaoping.services.base import Actor, Env
from kaoping.services.certificates import FlaggedPhrase, PhraseReview
from kaoping.services.ports.certificates import TemplatePhrase
from kaoping.ui import labels, messages
from kaoping.ui.dialogs import issue_dialog, phrase_dialog
from kaoping.ui.labels import QT_TRANSLATE_NOOP

HEADERS = [
    QT_TRANSLATE_NOOP("PhraseReviewSection", "编号"),
    QT_TRANSLATE_NOOP("PhraseReviewSection", "字样"),
    QT_TRANSLATE_NOOP("PhraseReviewSection", "禁用字样"),
    QT_TRANSLATE_NOOP("PhraseReviewSection", "位置"),
    QT_TRANSLATE_NOOP("PhraseReviewSection", "状态"),
    QT_TRANSLATE_NOOP("PhraseReviewSection", "提请人"),
    QT_TRANSLATE_NOOP("PhraseReviewSection", "确认 / 撤回人"),
    QT_TRANSLATE_NOOP("PhraseReviewSection", "理由"),
]
STATE_COLUMN = 4
# A phrase may be a long part of a sentence, and names carry a time: such columns are capped (the
# cell's tooltip has the whole text) so the reason, which stretches, stays on a 1366-pixel screen.
_WIDEST = {1: 240, 5: 220, 6: 220}
_STATES = {
    "": QT_TRANSLATE_NOOP("PhraseReviewSection", "未复核，签发时拦截"),
    "pending": QT_TRANSLATE_NOOP("PhraseReviewSection", "待质量督导员确认"),
    "confirmed": QT_TRANSLATE_NOOP("PhraseReviewSection", "已确认，不再拦截"),
    "withdrawn": QT_TRANSLATE_NOOP("PhraseReviewSection", "已撤回"),
}
_COLOURS = {
    "": Qt.GlobalColor.darkRed,
    "pending": Qt.GlobalColor.darkYellow,
    "confirmed": Qt.GlobalColor.darkGreen,
    "withdrawn": Qt.GlobalColor.gray,
}
_VERSION_DIGITS = 12


@dataclass(frozen=True)
class PhraseRow:
    """One line of the list: a flagged phrase of the template, a review of it, or both."""

    phrase: str
    flagged: FlaggedPhrase | None
    review: TemplatePhrase | None

    @property
    def state(self) -> str:
        """The review's status, or "" for a phrase nobody has proposed."""
        return self.review.status if self.review else ""


def phrase_rows(review: PhraseReview) -> list[PhraseRow]:
    """The flagged phrases with their open reviews, then the other reviews of this version."""
    rows = [PhraseRow(f.phrase, f, f.review) for f in review.flagged]
    shown = {f.review.id for f in review.flagged if f.review}
    rows += [PhraseRow(r.phrase, None, r) for r in review.reviews if r.id not in shown]
    return rows


class PhraseReviewSection(QWidget):
    """The list of flagged template phrases with propose, confirm and withdraw buttons."""

    def __init__(self, env: Env, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._env = env
        self._actor = actor
        self._review: PhraseReview | None = None
        self._rows: list[PhraseRow] = []
        layout = QVBoxLayout(self)
        self.version_label = QLabel()
        self.version_label.setWordWrap(True)
        self.version_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.version_label)
        self.table = QTableWidget(0, len(HEADERS))
        self.table.setHorizontalHeaderLabels([self.tr(h) for h in HEADERS])
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        # The review number is the first column; row numbers beside it would read as a second one.
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        layout.addWidget(self.table, 1)
        layout.addLayout(self._buttons())
        self.status_label = QLabel()
        self.status_label.setWordWrap(True)
        layout.addWidget(self.status_label)
        self.refresh()

    def _buttons(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.propose_button = QPushButton(self.tr("提请复核(&R)…"))
        self.propose_button.clicked.connect(self._on_propose_clicked)
        self.confirm_button = QPushButton(self.tr("确认复核(&C)…"))
        self.confirm_button.clicked.connect(self._on_confirm_clicked)
        self.withdraw_button = QPushButton(self.tr("撤回复核(&W)…"))
        self.withdraw_button.clicked.connect(self._on_withdraw_clicked)
        self.refresh_button = QPushButton(self.tr("刷新"))
        self.refresh_button.clicked.connect(self.refresh)
        for button in (
            self.propose_button,
            self.confirm_button,
            self.withdraw_button,
            self.refresh_button,
        ):
            row.addWidget(button)
        row.addStretch(1)
        return row

    # -- loading ---------------------------------------------------------------------------------

    def refresh(self) -> None:
        """Reload the template's flagged phrases and their reviews, keeping the selection."""
        kept = self.selected()
        try:
            self._review = certificates.phrase_review(self._env, self._actor)
        except KaopingError as error:
            self._review, self._rows = None, []
            self.table.setRowCount(0)
            self.version_label.setText(str(error))
            self._update_buttons()
            return
        self._rows = phrase_rows(self._review)
        self.version_label.setText(self._version_text(self._review))
        self._fill()
        if kept is not None:
            self._select(kept.phrase, kept.review.id if kept.review else None)
        if self.selected() is None and self._rows:
            # The first line is chosen, so the buttons' shortcuts work as soon as the tab opens.
            self.table.selectRow(0)
        self._update_buttons()

    def _version_text(self, review: PhraseReview) -> str:
        waiting = sum(1 for f in review.flagged if f.review is None)
        pending = sum(1 for f in review.flagged if f.review and f.review.status == "pending")
        text = self.tr("当前证书模板版本（SHA-256 前 {0} 位）：{1}。").format(
            _VERSION_DIGITS, review.template_sha256[:_VERSION_DIGITS]
        )
        if not review.flagged:
            return text + self.tr("模板的固定文字中没有禁用字样，无需复核。")
        return text + self.tr(
            "固定文字中含禁用字样 {0} 处：{1} 处未复核、签发时拦截，{2} 处待确认。"
            "证书管理员提请、另一位质量督导员确认后，仅对本版本、恰为该字样的文字不再拦截；"
            "模板修改后须重新复核。"
        ).format(len(review.flagged), waiting, pending)

    def _fill(self) -> None:
        table = self.table
        table.setRowCount(len(self._rows))
        for r, row in enumerate(self._rows):
            context = self._context(row)
            for c, text in enumerate(self._cells(row)):
                item = QTableWidgetItem(text)
                item.setToolTip(f"{text}\n{context}" if c in _WIDEST or c == 7 else context)
                if c == STATE_COLUMN:
                    item.setForeground(_COLOURS.get(row.state, Qt.GlobalColor.black))
                table.setItem(r, c, item)
        table.resizeColumnsToContents()
        for column, widest in _WIDEST.items():
            table.setColumnWidth(column, min(table.columnWidth(column), widest))

    def _context(self, row: PhraseRow) -> str:
        """Where the phrase stands, the template version and the moments of the review."""
        sha = row.review.template_sha256 if row.review else self._review_sha()
        lines = [self.tr("模板版本：{0}").format(sha[:_VERSION_DIGITS])]
        if row.flagged is not None:
            lines.insert(0, self.tr("{0}：{1}").format(row.flagged.place, row.flagged.source))
        moments = self._moments(row.review)
        return "\n".join([*lines, moments] if moments else lines)

    def _cells(self, row: PhraseRow) -> list[str]:
        review = row.review
        words = row.flagged.words if row.flagged else (review.words if review else "")
        return [
            str(review.id) if review else "",
            row.phrase,
            words,
            row.flagged.place if row.flagged else "",
            self.tr(_STATES.get(row.state, row.state)),
            self._who(review.proposed_by, review.proposed_at) if review else "",
            self._who(review.decided_by, review.decided_at) if review else "",
            review.reason if review else "",
        ]

    def _review_sha(self) -> str:
        return self._review.template_sha256 if self._review else ""

    def _who(self, name: str, moment: datetime | None) -> str:
        """Who, and on which day (Beijing); the line's tooltip has the time."""
        if not name or moment is None:
            return name
        return f"{name} {moment.astimezone(BEIJING):%Y-%m-%d}"

    def _moments(self, review: TemplatePhrase | None) -> str:
        if review is None:
            return ""
        lines = [self.tr("提请：{0}").format(_minute(review.proposed_by, review.proposed_at))]
        if review.decided_by:
            lines.append(self.tr("处理：{0}").format(_minute(review.decided_by, review.decided_at)))
        return "\n".join(lines)

    # -- selection and buttons -------------------------------------------------------------------

    def selected(self) -> PhraseRow | None:
        """The chosen line, if any."""
        rows = {index.row() for index in self.table.selectedIndexes()}
        return self._rows[min(rows)] if rows and min(rows) < len(self._rows) else None

    def select_phrase(self, phrase: str) -> None:
        """Choose the line of `phrase` (its open review, or the flagged text)."""
        self._select(phrase, None)

    def _select(self, phrase: str, review_id: int | None) -> None:
        for r, row in enumerate(self._rows):
            same_review = review_id is None or (
                row.review is not None and row.review.id == review_id
            )
            if row.phrase == phrase and same_review:
                self.table.selectRow(r)
                return

    def _update_buttons(self) -> None:
        row = self.selected()
        state = row.state if row else None
        rules = [
            (
                self.propose_button,
                Permission.PHRASES_PROPOSE,
                row is not None and row.flagged is not None and state == "",
                self.tr("先在列表中选择一条未复核的字样"),
                self.tr("证书管理员写明理由，提请复核所选字样"),
            ),
            (
                self.confirm_button,
                Permission.PHRASES_CONFIRM,
                state == "pending",
                self.tr("先在列表中选择一条待确认的复核"),
                self.tr("质量督导员确认所选复核（不能是提请人本人）"),
            ),
            (
                self.withdraw_button,
                Permission.PHRASES_WITHDRAW,
                state in ("pending", "confirmed"),
                self.tr("先在列表中选择一条待确认或已确认的复核"),
                self.tr("撤回所选复核，该字样重新按禁用字样拦截"),
            ),
        ]
        for button, permission, applicable, choose, does in rules:
            allowed = self._actor.can(permission)
            button.setEnabled(allowed and applicable)
            button.setToolTip(does if allowed and applicable else choose)
            if not allowed:
                button.setToolTip(self._needs(permission))

    def _needs(self, permission: Permission) -> str:
        roles = [labels.label(role) for role in roles_granting(permission)]
        if len(roles) == 1:
            return self.tr("需要{0}角色").format(roles[0])
        return self.tr("需要以下角色之一：{0}").format(labels.separator().join(roles))

    # -- actions ---------------------------------------------------------------------------------

    def _on_propose_clicked(self) -> None:
        row = self.selected()
        if row is None or row.flagged is None or self._review is None:
            return
        reason = phrase_dialog.ask_reason(self, row.flagged, self._review.template_sha256)
        if reason is None:
            return
        self._call(
            lambda: certificates.propose_phrase(self._env, self._actor, row.phrase, reason),
            self.tr("已提请复核“{0}”，须由另一位质量督导员确认后才生效。").format(row.phrase),
            row.phrase,
        )

    def _on_confirm_clicked(self) -> None:
        row = self.selected()
        if row is None or row.review is None:
            return
        review = row.review
        question = self.tr(
            "确认“{0}”（含“{1}”）不是禁用的称谓或声称？\n理由：{2}\n提请人：{3}\n\n"
            "确认后，当前模板版本中恰为该字样的文字在签发、打印时不再拦截。"
        ).format(review.phrase, review.words, review.reason, review.proposed_by)
        if not messages.confirm(self, self.tr("确认复核"), question):
            return
        self._call(
            lambda: certificates.confirm_phrase(self._env, self._actor, review.id),
            self.tr("已确认“{0}”；仅对当前证书模板版本有效，模板修改后须重新复核。").format(
                review.phrase
            ),
            review.phrase,
        )

    def _on_withdraw_clicked(self) -> None:
        row = self.selected()
        if row is None or row.review is None:
            return
        review = row.review
        reason = issue_dialog.ask_text(
            self, self.tr("撤回复核"), self.tr("撤回“{0}”的理由（可不填）：").format(review.phrase)
        )
        if reason is None:
            return
        self._call(
            lambda: certificates.withdraw_phrase(self._env, self._actor, review.id, reason),
            self.tr("已撤回“{0}”；该字样重新按禁用字样拦截。").format(review.phrase),
            review.phrase,
        )

    def _call(self, work: Callable[[], object], done: str, phrase: str) -> None:
        """Run one service call; show its refusal, or say what happened and reload."""
        try:
            work()
        except KaopingError as error:
            self.status_label.setText(str(error))
            messages.show_error(self, error)
            self.refresh()
            return
        self.status_label.setText(done)
        self.refresh()
        self.select_phrase(phrase)


def _minute(name: str, moment: datetime | None) -> str:
    when = f" {moment.astimezone(BEIJING):%Y-%m-%d %H:%M}" if moment else ""
    return f"{name}{when}"
