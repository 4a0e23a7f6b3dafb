"""The report to the province and its answer: report package, approval list, inspection dossier.

Per batch the exam administrator exports the signed report package, imports the department's
approval list (a signed package, or a plain CSV/JSON file whose source they confirm) and sees who
was approved and who must be corrected and why; the inspection dossier is exported here too.
"""

from __future__ import annotations

from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kaoping.domain.approvals import ApprovalDecision
from kaoping.domain.errors import KaopingError
from kaoping.domain.roles import Permission
from kaoping.services import approvals, dossier, exchange
from kaoping.services.approvals import ApprovalView
from kaoping.services.base import Actor, Env
from kaoping.ui import labels, messages
from kaoping.ui.labels import QT_TRANSLATE_NOOP
from kaoping.ui.pages.exchange_section import BatchCode, ExchangeSection

APPROVAL_HEADERS = [
    QT_TRANSLATE_NOOP("ReportSection", "考生编号"),
    QT_TRANSLATE_NOOP("ReportSection", "姓名"),
    QT_TRANSLATE_NOOP("ReportSection", "证件号码"),
    QT_TRANSLATE_NOOP("ReportSection", "审核结果"),
    QT_TRANSLATE_NOOP("ReportSection", "原因"),
    QT_TRANSLATE_NOOP("ReportSection", "审核日期"),
]
REASON_COLUMN = 4
_DECISIONS: dict[ApprovalDecision | None, str] = {
    ApprovalDecision.APPROVED: QT_TRANSLATE_NOOP("ReportSection", "通过"),
    ApprovalDecision.REJECTED: QT_TRANSLATE_NOOP("ReportSection", "不通过"),
    None: QT_TRANSLATE_NOOP("ReportSection", "尚未答复"),
}
REJECTED_TEXT = QColor(176, 0, 32)


class ReportSection(ExchangeSection):
    """Report package, approval import and dossier buttons; the approval answers as its view."""

    def __init__(
        self, env: Env, actor: Actor, batch_code: BatchCode, parent: QWidget | None = None
    ) -> None:
        super().__init__(env, actor, parent)
        self._batch_code = batch_code
        self.setTitle(self.tr("报送自治区人社厅"))
        self._build_buttons()
        self.view = self._approval_view()
        self._require(
            [
                (self.report_button, Permission.REPORT_EXPORT),
                (self.dossier_button, Permission.REPORT_EXPORT),
                (self.approval_button, Permission.APPROVAL_RECORD),
                (self.confirm_source_box, Permission.APPROVAL_RECORD),
            ]
        )

    def _build_buttons(self) -> None:
        column = QVBoxLayout(self)
        self.report_button = self._button(
            self.tr("导出报送数据包(&R)…"),
            self._on_report_clicked,
            self.tr("签名导出本批次的报送数据包（含完整证件号码）；已审核通过的考生不再报送。"),
        )
        self.approval_button = self._button(
            self.tr("导入审核结果(&A)…"),
            self._on_approval_clicked,
            self.tr("导入自治区人社厅的审核结果：签名数据包（.zip），或 CSV / JSON 文件。"),
        )
        self.confirm_source_box = QCheckBox(
            self.tr("已核实来源：未签名的 CSV/JSON 文件确实来自自治区人社厅")
        )
        self.confirm_source_box.setToolTip(
            self.tr("签名数据包由系统核对签名；未签名文件无法自动确认来源，须由您核实后勾选。")
        )
        self.dossier_button = self._button(
            self.tr("导出考务档案(&D)…"),
            self._on_dossier_clicked,
            self.tr("生成本批次的考务档案 PDF，并在同一文件夹保存签名数据包。"),
        )
        for widget in (
            self.report_button,
            self.approval_button,
            self.confirm_source_box,
            self.dossier_button,
        ):
            column.addWidget(widget)
        column.addStretch(1)

    def _approval_view(self) -> QWidget:
        view = QWidget()
        column = QVBoxLayout(view)
        self.approval_summary = QLabel()
        self.approval_summary.setWordWrap(True)
        column.addWidget(self.approval_summary)
        self.approval_table = QTableWidget(0, len(APPROVAL_HEADERS))
        self.approval_table.setHorizontalHeaderLabels([self.tr(h) for h in APPROVAL_HEADERS])
        self.approval_table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.approval_table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.approval_table.verticalHeader().setVisible(False)
        header = self.approval_table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        # The reason is what a person reads to correct the entry, so it gets the spare width.
        header.setSectionResizeMode(REASON_COLUMN, QHeaderView.ResizeMode.Stretch)
        column.addWidget(self.approval_table)
        return view

    def fill_approvals(self, views: list[ApprovalView]) -> None:
        """Show the batch's reported candidates with the department's answer for each."""
        table = self.approval_table
        table.setRowCount(len(views))
        for r, view in enumerate(views):
            cells = [
                str(view.candidate_id),
                view.name,
                view.id_masked,
                self.tr(_DECISIONS[view.decision]),
                view.reason,
                view.decided_on.isoformat() if view.decided_on else "",
            ]
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if view.decision is ApprovalDecision.REJECTED:
                    item.setForeground(QBrush(REJECTED_TEXT))
                table.setItem(r, c, item)
        counts = {key: sum(1 for v in views if v.decision == key) for key in _DECISIONS}
        if not views:
            text = self.tr("本批次还没有报送过考生。")
        else:
            text = self.tr(
                "已报送 {0} 人：审核通过 {1} 人，不通过 {2} 人，尚未答复 {3} 人。"
            ).format(
                len(views),
                counts[ApprovalDecision.APPROVED],
                counts[ApprovalDecision.REJECTED],
                counts[None],
            )
            if counts[ApprovalDecision.REJECTED]:
                text += self.tr("不通过的考生按原因更正后，再次导出报送数据包即可重新报送。")
        self.approval_summary.setText(text)
        rejected = counts[ApprovalDecision.REJECTED]
        self.approval_summary.setStyleSheet("color: #b00020;" if rejected else "")

    def _on_report_clicked(self) -> None:
        code = self._batch_code()
        title = self.tr("导出报送数据包")
        if code is None:
            return
        path = messages.save_file(
            self, title, self.tr("{0}_报送数据包.zip").format(code), self._zip_filter()
        )
        passphrase = self._ask_passphrase(title) if path else None
        if path is None or passphrase is None:
            return
        made = self._run(
            title,
            lambda _progress, cancelled: exchange.export_report(
                self._env, self._actor, code, passphrase, cancelled=cancelled
            ),
        )
        if made is not None and self._save(path, made.data):
            self._exported(title, made, path)
        # Reported candidates now show as awaiting an answer, even after a failed save.
        self.changed.emit()

    def _on_approval_clicked(self) -> None:
        code = self._batch_code()
        title = self.tr("导入审核结果")
        chosen = (
            self._read(title, self.tr("审核结果 (*.zip *.csv *.json);;所有文件 (*)"))
            if code
            else None
        )
        if code is None or chosen is None:
            return
        path, data = chosen
        try:
            result = approvals.import_approval(
                self._env,
                self._actor,
                code,
                data,
                path.name,
                source_confirmed=self.confirm_source_box.isChecked(),
            )
        except KaopingError as error:
            messages.show_error(self, error)
            return
        # A confirmation is for one file only; the next file must be confirmed again.
        self.confirm_source_box.setChecked(False)
        self.changed.emit()
        self.shown.emit()
        text = self.tr(
            "批次 {0}（来源：{1}）：通过 {2} 人，不通过 {3} 人；新增或变更 {4} 条，"
            "未变 {5} 条。批次状态：{6}。"
        ).format(
            result.batch,
            result.source,
            result.approved,
            result.rejected,
            result.changed,
            result.unchanged,
            labels.label(result.batch_status),
        )
        if result.rejections:
            text += self.tr("\n不通过的考生及原因见“审核结果”列表。")
        messages.show_info(self, title, text)

    def _on_dossier_clicked(self) -> None:
        code = self._batch_code()
        title = self.tr("导出考务档案")
        if code is None:
            return
        path = messages.save_file(
            self, title, self.tr("{0}_考务档案.pdf").format(code), "PDF (*.pdf)"
        )
        passphrase = self._ask_passphrase(title) if path else None
        if path is None or passphrase is None:
            return
        made = self._run(
            title,
            lambda _progress, _cancelled: dossier.export_dossier(
                self._env, self._actor, code, passphrase
            ),
        )
        if made is None:
            return
        package = path.with_name(made.package.file_name)
        if self._save(path, made.pdf) and self._save(package, made.package.data):
            messages.show_info(
                self,
                title,
                self.tr("已保存考务档案 {0}\n及其签名数据包 {1}。").format(path, package),
            )
