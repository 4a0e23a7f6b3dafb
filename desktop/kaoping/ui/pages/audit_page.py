"""审计日志: filter the log and check its hash chain."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kaoping.domain.beijing import beijing
from kaoping.domain.errors import KaopingError
from kaoping.services import audit
from kaoping.services.base import Actor, Env
from kaoping.services.ports.dto import AuditFilter
from kaoping.ui import messages
from kaoping.ui.labels import QT_TRANSLATE_NOOP

HEADERS = [
    QT_TRANSLATE_NOOP("AuditPage", "序号"),
    QT_TRANSLATE_NOOP("AuditPage", "时间（北京时间）"),
    QT_TRANSLATE_NOOP("AuditPage", "用户"),
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


def _beijing_text(stored: str) -> str:
    """The stored ISO moment (UTC) as people read it: Beijing time to the second."""
    try:
        return beijing(datetime.fromisoformat(stored)).strftime("%Y-%m-%d %H:%M:%S")
    except ValueError:  # an edited row may hold anything; show it as it is
        return stored


class AuditPage(QWidget):
    """The audit log with filters by user, action, outcome and text."""

    def __init__(self, env: Env, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._env = env
        self._actor = actor
        layout = QVBoxLayout(self)
        filters = QHBoxLayout()
        self.actor_edit = QLineEdit()
        self.actor_edit.setPlaceholderText(self.tr("用户名"))
        self.action_edit = QLineEdit()
        self.action_edit.setPlaceholderText(self.tr("操作（前缀，如 users.）"))
        self.outcome_combo = QComboBox()
        for key, label in OUTCOMES.items():
            self.outcome_combo.addItem(self.tr(label), key)
        self.search_edit = QLineEdit()
        self.search_edit.setPlaceholderText(self.tr("对象或详情包含…"))
        search = QPushButton(self.tr("查询"))
        search.clicked.connect(self.refresh)
        self.verify_button = QPushButton(self.tr("校验哈希链"))
        self.verify_button.clicked.connect(self._on_verify_clicked)
        for widget in (
            self.actor_edit,
            self.action_edit,
            self.outcome_combo,
            self.search_edit,
            search,
            self.verify_button,
        ):
            filters.addWidget(widget)
        layout.addLayout(filters)
        self.verdict_label = QLabel("")
        layout.addWidget(self.verdict_label)
        self.table = QTableWidget(0, len(HEADERS))
        self.table.setHorizontalHeaderLabels([self.tr(h) for h in HEADERS])
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        layout.addWidget(self.table)
        for edit in (self.actor_edit, self.action_edit, self.search_edit):
            edit.returnPressed.connect(self.refresh)
        self.refresh()

    def current_filter(self) -> AuditFilter:
        """The filter the widgets describe."""
        return AuditFilter(
            actor=self.actor_edit.text().strip(),
            action_prefix=self.action_edit.text().strip(),
            outcome=str(self.outcome_combo.currentData() or ""),
            text=self.search_edit.text().strip(),
        )

    def refresh(self) -> None:
        """Run the query."""
        try:
            entries = audit.search(self._env, self._actor, self.current_filter())
        except KaopingError as error:
            messages.show_error(self, error)
            return
        self.table.setRowCount(len(entries))
        for r, e in enumerate(entries):
            cells = [
                str(e.seq),
                _beijing_text(e.at),
                e.actor,
                e.action,
                e.target,
                self.tr(OUTCOMES.get(e.outcome, e.outcome)),
                e.details,
            ]
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if c == 1:  # the stored UTC text is what the hash chain covers
                    item.setToolTip(e.at)
                self.table.setItem(r, c, item)
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setStretchLastSection(True)

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
