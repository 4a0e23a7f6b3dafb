"""审计日志: the log in words an inspector reads — filter by person, action, dates; export; check.

Stored entries keep their codes (the hash chain covers them); the page shows Chinese action names,
people's names, formatted details and Beijing time, and keeps the code in each row's tooltip.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kaoping.domain.audit_words import ACTION_NAMES
from kaoping.domain.beijing import BEIJING
from kaoping.domain.errors import KaopingError
from kaoping.services import audit
from kaoping.services.base import Actor, Env, iso
from kaoping.services.ports.dto import AuditFilter
from kaoping.ui import messages
from kaoping.ui.labels import QT_TRANSLATE_NOOP

HEADERS = [
    QT_TRANSLATE_NOOP("AuditPage", "序号"),
    QT_TRANSLATE_NOOP("AuditPage", "时间（北京时间）"),
    QT_TRANSLATE_NOOP("AuditPage", "人员"),
    QT_TRANSLATE_NOOP("AuditPage", "操作"),
    QT_TRANSLATE_NOOP("AuditPage", "对象"),
    QT_TRANSLATE_NOOP("AuditPage", "结果"),
    QT_TRANSLATE_NOOP("AuditPage", "详情"),
]
OUTCOMES = {
    "": QT_TRANSLATE_NOOP("AuditPage", "全部结果"),
    "ok": QT_TRANSLATE_NOOP("AuditPage", "成功"),
    "refused": QT_TRANSLATE_NOOP("AuditPage", "被拒绝"),
    "failed": QT_TRANSLATE_NOOP("AuditPage", "失败"),
}
CODE_COLUMN = 7  # the last cell of an exported row: the stored action code
# The date filter opens on the last month: what an inspection usually asks about.
DEFAULT_DAYS = 31


def _day_start_utc(day: date) -> str:
    """The first second of a Beijing calendar day, as the log's UTC text."""
    return iso(datetime.combine(day, time(0, 0), BEIJING).astimezone(UTC))


class AuditPage(QWidget):
    """The audit log with filters by person, action, outcome, dates and text."""

    def __init__(self, env: Env, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._env = env
        self._actor = actor
        self._people: dict[str, str] = {}
        layout = QVBoxLayout(self)
        layout.addLayout(self._filters())
        self.verdict_label = QLabel("")
        layout.addWidget(self.verdict_label)
        self.table = QTableWidget(0, len(HEADERS))
        self.table.setHorizontalHeaderLabels([self.tr(h) for h in HEADERS])
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        layout.addWidget(self.table)
        self._load_people()
        self.refresh()

    def _filters(self) -> QGridLayout:
        grid = QGridLayout()
        self.person_combo = QComboBox()
        self.action_combo = QComboBox()
        self.action_combo.addItem(self.tr("全部操作"), "")
        for code, name in sorted(ACTION_NAMES.items(), key=lambda item: item[1]):
            self.action_combo.addItem(name, code)
        self.outcome_combo = QComboBox()
        for key, label in OUTCOMES.items():
            self.outcome_combo.addItem(self.tr(label), key)
        today = self._env.clock.now().astimezone(BEIJING).date()
        self.from_edit = self._date_edit(today - timedelta(days=DEFAULT_DAYS))
        self.to_edit = self._date_edit(today)
        self.search_edit = QLineEdit()
        self.search_edit.setPlaceholderText(self.tr("对象或详情包含…"))
        self.search_edit.returnPressed.connect(self.refresh)
        search = QPushButton(self.tr("查询"))
        search.clicked.connect(self.refresh)
        self.export_button = QPushButton(self.tr("导出 Excel…"))
        self.export_button.clicked.connect(self._on_export_clicked)
        self.verify_button = QPushButton(self.tr("校验哈希链"))
        self.verify_button.clicked.connect(self._on_verify_clicked)
        grid.addWidget(QLabel(self.tr("人员")), 0, 0)
        grid.addWidget(self.person_combo, 0, 1)
        grid.addWidget(QLabel(self.tr("操作")), 0, 2)
        grid.addWidget(self.action_combo, 0, 3)
        grid.addWidget(self.outcome_combo, 0, 4)
        grid.addWidget(QLabel(self.tr("日期")), 1, 0)
        grid.addWidget(self.from_edit, 1, 1)
        grid.addWidget(QLabel(self.tr("至")), 1, 2)
        grid.addWidget(self.to_edit, 1, 3)
        grid.addWidget(self.search_edit, 1, 4)
        grid.addWidget(search, 0, 5)
        grid.addWidget(self.export_button, 1, 5)
        grid.addWidget(self.verify_button, 0, 6)
        grid.setColumnStretch(4, 1)
        return grid

    @staticmethod
    def _date_edit(day: date) -> QDateEdit:
        edit = QDateEdit(QDate(day.year, day.month, day.day))
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("yyyy-MM-dd")
        return edit

    def _load_people(self) -> None:
        try:
            self._people = audit.people(self._env, self._actor)
        except KaopingError as error:
            messages.show_error(self, error)
        self.person_combo.addItem(self.tr("全部人员"), "")
        usernames = sorted({k for k in self._people if not k.isdigit()})
        for username in usernames:
            self.person_combo.addItem(self._people[username], username)

    def set_dates(self, first: date, last: date) -> None:
        """Show the entries of these Beijing calendar days (both included)."""
        self.from_edit.setDate(QDate(first.year, first.month, first.day))
        self.to_edit.setDate(QDate(last.year, last.month, last.day))

    def current_filter(self) -> AuditFilter:
        """The filter the widgets describe; dates are Beijing calendar days."""
        first = self.from_edit.date().toPython()
        last = self.to_edit.date().toPython()
        assert isinstance(first, date) and isinstance(last, date)
        return AuditFilter(
            actor=str(self.person_combo.currentData() or ""),
            action_prefix=str(self.action_combo.currentData() or ""),
            outcome=str(self.outcome_combo.currentData() or ""),
            since=_day_start_utc(first),
            until=_day_start_utc(last + timedelta(days=1)),
            text=self.search_edit.text().strip(),
        )

    def refresh(self) -> None:
        """Run the query."""
        try:
            entries = audit.search(self._env, self._actor, self.current_filter())
        except KaopingError as error:
            messages.show_error(self, error)
            return
        rows = audit.readable_rows(entries, self._people)
        self.table.setRowCount(len(rows))
        for r, (entry, cells) in enumerate(zip(entries, rows, strict=True)):
            for c, text in enumerate(cells[:CODE_COLUMN]):
                item = QTableWidgetItem(text)
                # The stored texts the hash chain covers, for whoever needs them.
                item.setToolTip(self._tooltip(c, text, entry.at, entry.action))
                self.table.setItem(r, c, item)
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setStretchLastSection(True)

    def _tooltip(self, column: int, text: str, at: str, code: str) -> str:
        if column == 1:
            return at
        if column == 3:
            return code
        return text

    def _on_export_clicked(self) -> None:
        path = messages.save_file(
            self,
            self.tr("导出审计日志"),
            self.tr("审计日志") + ".xlsx",
            self.tr("Excel 工作簿 (*.xlsx)"),
        )
        if path is None:
            return
        try:
            count = audit.export(self._env, self._actor, self.current_filter(), path)
        except (KaopingError, OSError) as error:
            messages.show_error(self, error)
            return
        messages.show_info(
            self, self.tr("导出审计日志"), self.tr("已导出 {0} 条记录到 {1}。").format(count, path)
        )
        self.refresh()

    def _on_verify_clicked(self) -> None:
        try:
            verdict = audit.verify_log_as(self._env, self._actor)
        except KaopingError as error:
            messages.show_error(self, error)
            return
        if verdict.ok:
            self.verdict_label.setText(
                self.tr("哈希链完好：共 {0} 条记录。").format(verdict.checked)
            )
            self.verdict_label.setStyleSheet("color: #1b5e20;")
        else:
            self.verdict_label.setText(self.tr("审计日志被改动：{0}").format(verdict.reason))
            self.verdict_label.setStyleSheet("color: #b00020; font-weight: bold;")
        self.refresh()
