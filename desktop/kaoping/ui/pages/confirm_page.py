"""核对与确认: a session's keying mismatches to resolve, what blocks confirmation, and confirming."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kaoping.domain.errors import KaopingError
from kaoping.domain.roles import Permission
from kaoping.services import results, scores
from kaoping.services.base import Actor, Env
from kaoping.services.ports.scores import ScoringSession
from kaoping.services.results import ListedOutcome
from kaoping.services.scores import MismatchView
from kaoping.ui import labels, messages
from kaoping.ui.labels import QT_TRANSLATE_NOOP

HEADERS = [
    QT_TRANSLATE_NOOP("ConfirmPage", "行"),
    QT_TRANSLATE_NOOP("ConfirmPage", "准考证号"),
    QT_TRANSLATE_NOOP("ConfirmPage", "姓名"),
    QT_TRANSLATE_NOOP("ConfirmPage", "第一次录入"),
    QT_TRANSLATE_NOOP("ConfirmPage", "第二次录入"),
]


class ResolveDialog(QDialog):
    """Asks for the decided mark (score, or Q / Z) and the reason."""

    def __init__(self, parent: QWidget | None, mismatch: MismatchView) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("裁定 {0}").format(mismatch.ticket_no))
        form = QFormLayout(self)
        form.addRow(
            QLabel(
                self.tr("第一次：{0}（{1}）；第二次：{2}（{3}）").format(
                    mismatch.first, mismatch.first_by, mismatch.second, mismatch.second_by
                )
            )
        )
        self.mark_edit = QLineEdit()
        self.mark_edit.setPlaceholderText(self.tr("分数，或 Q = 缺考、Z = 作废"))
        self.reason_edit = QLineEdit()
        self.reason_edit.setPlaceholderText(self.tr("如：核对原始答卷，第一次录入有误"))
        form.addRow(self.tr("裁定成绩"), self.mark_edit)
        form.addRow(self.tr("裁定理由"), self.reason_edit)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)


class ConfirmPage(QWidget):
    """Lists mismatches with a resolve action, the blockers, and the confirm button."""

    def __init__(self, env: Env, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._env = env
        self._actor = actor
        self._sessions: list[ScoringSession] = []
        self._mismatches: list[MismatchView] = []
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("场次")))
        self.session_combo = QComboBox()
        self.session_combo.currentIndexChanged.connect(self._on_session_combo_changed)
        top.addWidget(self.session_combo, 1)
        refresh = QPushButton(self.tr("刷新"))
        refresh.clicked.connect(self.reload)
        top.addWidget(refresh)
        layout.addLayout(top)
        layout.addWidget(QLabel(self.tr("两次录入不一致（须由质量督导员裁定）")))
        self.mismatch_table = QTableWidget(0, len(HEADERS))
        self.mismatch_table.setHorizontalHeaderLabels([self.tr(h) for h in HEADERS])
        self.mismatch_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.mismatch_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.mismatch_table.horizontalHeader().setStretchLastSection(True)
        self.mismatch_table.verticalHeader().setVisible(False)
        self.mismatch_table.doubleClicked.connect(self._on_resolve_clicked)
        layout.addWidget(self.mismatch_table, 2)
        self.resolve_button = QPushButton(self.tr("裁定所选…"))
        self.resolve_button.clicked.connect(self._on_resolve_clicked)
        self.resolve_button.setEnabled(actor.can(Permission.SCORES_RESOLVE))
        layout.addWidget(self.resolve_button)
        layout.addWidget(QLabel(self.tr("尚不能确认的原因")))
        self.blocker_list = QListWidget()
        layout.addWidget(self.blocker_list, 1)
        self.confirm_button = QPushButton(self.tr("确认并锁定本场次成绩"))
        self.confirm_button.clicked.connect(self._on_confirm_clicked)
        layout.addWidget(self.confirm_button)
        self.status_label = QLabel("")
        self.status_label.setWordWrap(True)
        layout.addWidget(self.status_label)
        self._load_sessions()

    def _load_sessions(self) -> None:
        try:
            self._sessions = results.sessions_for_review(self._env, self._actor)
        except KaopingError as error:
            self.status_label.setText(str(error))
            return
        self.session_combo.blockSignals(True)
        for session in self._sessions:
            state = self.tr("已确认") if session.locked else self.tr("未确认")
            self.session_combo.addItem(
                f"{session.code} · {labels.label(session.component)} · "
                f"{session.site} {session.room} · {state}",
                session.id,
            )
        self.session_combo.blockSignals(False)
        if self._sessions:
            self.reload()

    def select_session(self, session_id: int) -> None:
        """Show a session."""
        index = self.session_combo.findData(session_id)
        if index >= 0:
            self.session_combo.setCurrentIndex(index)
            self.reload()

    def _on_session_combo_changed(self, _index: int) -> None:
        self.reload()

    def _session_id(self) -> int | None:
        data = self.session_combo.currentData()
        return None if data is None else int(data)

    def reload(self) -> None:
        """Read the mismatches and blockers of the selected session again."""
        session_id = self._session_id()
        if session_id is None:
            return
        try:
            self._mismatches = (
                scores.mismatches(self._env, self._actor, session_id)
                if self._actor.can(Permission.SCORES_RESOLVE)
                else []
            )
            blockers = results.confirmation_blockers(self._env, self._actor, session_id)
        except KaopingError as error:
            self.status_label.setText(str(error))
            return
        self.mismatch_table.setRowCount(len(self._mismatches))
        for r, m in enumerate(self._mismatches):
            cells = [
                str(m.row),
                m.ticket_no,
                m.name,
                f"{m.first}（{m.first_by}）",
                f"{m.second}（{m.second_by}）",
            ]
            for c, text in enumerate(cells):
                self.mismatch_table.setItem(r, c, QTableWidgetItem(text))
        self.mismatch_table.resizeColumnsToContents()
        self.blocker_list.clear()
        self.blocker_list.addItems(blockers)
        self.confirm_button.setEnabled(not blockers)

    def resolve_row(self, row: int, mark_text: str, reason: str) -> bool:
        """Resolve the mismatch in a table row; returns whether it was saved."""
        session_id = self._session_id()
        if session_id is None or not 0 <= row < len(self._mismatches):
            return False
        mismatch = self._mismatches[row]
        try:
            mark = scores.parse_mark(
                mark_text, mismatch.scale_max, row=mismatch.row, field=self.tr("裁定成绩")
            )
            scores.resolve(self._env, self._actor, session_id, mismatch.candidate_id, mark, reason)
        except KaopingError as error:
            self.status_label.setText(str(error))
            return False
        self.status_label.setText(
            self.tr("第 {0} 行（{1}）已裁定为 {2}。").format(mismatch.row, mismatch.ticket_no, mark)
        )
        self.reload()
        return True

    def _on_resolve_clicked(self) -> None:
        row = self.mismatch_table.currentRow()
        if not 0 <= row < len(self._mismatches):
            self.status_label.setText(self.tr("请先在列表中选择一行不一致的成绩。"))
            return
        dialog = ResolveDialog(self, self._mismatches[row])
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.resolve_row(row, dialog.mark_edit.text(), dialog.reason_edit.text())

    def _on_confirm_clicked(self) -> None:
        self.confirm_selected(ask=True)

    def confirm_selected(self, *, ask: bool) -> None:
        """Confirm the selected session; with `ask`, the user must agree first."""
        session_id = self._session_id()
        if session_id is None:
            return
        text = self.tr("确认后本场次成绩即锁定，之后修改须申请更正并经质量督导员批准。确定吗？")
        if ask and not messages.confirm(self, self.tr("确认成绩"), text):
            return
        try:
            report = results.confirm_session(self._env, self._actor, session_id)
        except KaopingError as error:
            messages.show_error(self, error)
            self.reload()
            return
        passed = sum(1 for r in report.results if r.outcome is ListedOutcome.PASSED)
        self.status_label.setText(
            self.tr("{0} 条成绩已确认锁定；{1} 名考生各科均已确认，其中合格 {2} 人。").format(
                report.lines, len(report.results), passed
            )
        )
        self.reload()
