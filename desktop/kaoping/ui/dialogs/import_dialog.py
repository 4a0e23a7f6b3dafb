"""Roster import (导入名册): check the file, show every bad row, then the user decides.

The two choices after a report with bad rows: import nothing (fix the file first), or import only
the valid rows. Checking and importing run off the UI thread with a progress dialog that cancels
the whole import.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kaoping.domain.errors import KaopingError
from kaoping.services import intake
from kaoping.services.base import Actor, Env
from kaoping.services.intake import RosterReport
from kaoping.ui import messages, tasks

SHOWN_PROBLEMS = 5000


class ImportDialog(QDialog):
    """Choose a roster, see the row report, then import all, only the valid rows, or nothing."""

    def __init__(
        self, env: Env, actor: Actor, batch_id: int, batch_code: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._env = env
        self._actor = actor
        self._batch_id = batch_id
        self.path: Path | None = None
        self.report: RosterReport | None = None
        self.imported = 0
        self.setWindowTitle(self.tr("导入考生名册 — 批次 {0}").format(batch_code))
        self.resize(820, 560)
        layout = QVBoxLayout(self)
        row = QHBoxLayout()
        self.file_label = QLabel(self.tr("尚未选择文件（.xlsx 或 .csv，UTF-8 / GB18030）"))
        choose = QPushButton(self.tr("选择名册文件…"))
        choose.clicked.connect(self._on_choose_clicked)
        row.addWidget(self.file_label, 1)
        row.addWidget(choose)
        layout.addLayout(row)
        self.summary_label = QLabel()
        self.summary_label.setWordWrap(True)
        layout.addWidget(self.summary_label)
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels(
            [self.tr("行号"), self.tr("字段"), self.tr("问题与修改方法")]
        )
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        layout.addWidget(self.table, 1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.reject_button = QPushButton(self.tr("全部不导入"))
        self.reject_button.clicked.connect(self.reject)
        self.valid_only_button = QPushButton(self.tr("仅导入有效行"))
        self.valid_only_button.clicked.connect(lambda: self._import(valid_only=True))
        self.all_button = QPushButton(self.tr("导入"))
        self.all_button.clicked.connect(lambda: self._import(valid_only=False))
        for button in (self.reject_button, self.valid_only_button, self.all_button):
            buttons.addWidget(button)
        layout.addLayout(buttons)
        self._update_buttons()

    def _update_buttons(self) -> None:
        report = self.report
        self.all_button.setEnabled(
            report is not None and not report.problems and report.valid_rows > 0
        )
        self.valid_only_button.setEnabled(
            report is not None and bool(report.problems) and report.valid_rows > 0
        )
        if report is not None:
            self.valid_only_button.setText(self.tr("仅导入有效的 {0} 行").format(report.valid_rows))
            self.all_button.setText(self.tr("导入全部 {0} 行").format(report.valid_rows))

    def _on_choose_clicked(self) -> None:
        # .xls and .et are listed so that choosing one explains how to save it as .xlsx.
        path = messages.open_file(
            self, self.tr("选择考生名册"), self.tr("考生名册 (*.xlsx *.csv *.xls *.et)")
        )
        if path is not None:
            self.check(path)

    def check(self, path: Path) -> None:
        """Check a roster file and show its report."""
        self.path = path
        self.file_label.setText(str(path))
        try:
            self.report = tasks.run_task(
                self,
                self.tr("正在检查名册…"),
                lambda progress, cancelled: intake.check_roster_file(
                    self._env,
                    self._actor,
                    self._batch_id,
                    path,
                    tasks.until_cancelled(progress, cancelled),
                ),
                show_after_ms=tasks.OFTEN_QUICK_MS,
            )
        except KaopingError as error:
            self.report = None
            self.summary_label.setText(str(error))
            self.table.setRowCount(0)
            self._update_buttons()
            return
        self._show_report(self.report)
        self._update_buttons()

    def _show_report(self, report: RosterReport) -> None:
        bad = len(report.bad_rows)
        if bad:
            text = self.tr(
                "共 {0} 行：有效 {1} 行，有问题 {2} 行（{3} 处）。请选择全部不导入"
                "（修改后重新导入），或仅导入有效行。"
            ).format(report.total_rows, report.valid_rows, bad, len(report.problems))
        else:
            text = self.tr("共 {0} 行，全部有效。").format(report.total_rows)
        # Titles and notes may stand above the header; say which row was taken for it.
        header = self.tr("表头在第 {0} 行。").format(report.header_row)
        self.summary_label.setText(header + text)
        # Warnings (their text starts with 提醒) follow the problems; they stop no row.
        shown = (report.problems + report.warnings)[:SHOWN_PROBLEMS]
        self.table.setRowCount(len(shown))
        for r, problem in enumerate(shown):
            for c, value in enumerate((str(problem.row), problem.field, problem.reason)):
                self.table.setItem(r, c, QTableWidgetItem(value))
        self.table.resizeColumnToContents(0)
        self.table.resizeColumnToContents(1)

    def _import(self, *, valid_only: bool) -> None:
        if self.path is None:
            return
        path = self.path
        try:
            result = tasks.run_task(
                self,
                self.tr("正在导入…"),
                lambda progress, cancelled: intake.import_roster(
                    self._env,
                    self._actor,
                    self._batch_id,
                    path,
                    valid_only=valid_only,
                    progress=tasks.until_cancelled(progress, cancelled),
                ),
                show_after_ms=tasks.OFTEN_QUICK_MS,
            )
        except KaopingError as error:
            messages.show_error(self, error)
            return
        self.imported = result.imported
        self.accept()
