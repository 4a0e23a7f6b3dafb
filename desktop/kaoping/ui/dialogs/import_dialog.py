"""Roster import (导入名册): check the file, show every bad row, then the user decides.

The two choices after a report with bad rows: import nothing (fix the file first), or import only
the valid rows. The report also gives each valid row's eligibility verdict (申报条件): the
alternative met, or why not; rows that are not eligible go in but are held back at seating,
scoring, reporting and issuing until a quality supervisor records an exception. Checking and
importing run off the UI thread with a progress dialog that cancels the whole import.
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
    QTabWidget,
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
        self.eligibility_label = QLabel()
        self.eligibility_label.setWordWrap(True)
        layout.addWidget(self.eligibility_label)
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels(
            [self.tr("行号"), self.tr("字段"), self.tr("问题与修改方法")]
        )
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.eligibility_table = QTableWidget(0, 4)
        self.eligibility_table.setHorizontalHeaderLabels(
            [self.tr("行号"), self.tr("姓名"), self.tr("结论"), self.tr("所依据的条件或原因")]
        )
        self.eligibility_table.horizontalHeader().setStretchLastSection(True)
        self.eligibility_table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.table, self.tr("问题"))
        self.tabs.addTab(self.eligibility_table, self.tr("申报条件"))
        layout.addWidget(self.tabs, 1)
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
            self.eligibility_label.clear()
            self.table.setRowCount(0)
            self.eligibility_table.setRowCount(0)
            self._update_buttons()
            return
        self._show_report(self.report)
        self._show_eligibility(self.report)
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

    def _show_eligibility(self, report: RosterReport) -> None:
        """How many valid rows meet the rules, and each row's alternative or reason."""
        if report.eligibility:
            self.eligibility_label.setText(
                self.tr(
                    "申报条件：有效行中符合 {0} 行，不符合 {1} 行。不符合的考生可以导入，"
                    "但须经质量督导员登记例外才能排座、录入成绩、报送和发证。"
                ).format(report.eligible_rows, report.ineligible_rows)
            )
        else:
            self.eligibility_label.clear()
        shown = report.eligibility[:SHOWN_PROBLEMS]
        self.eligibility_table.setRowCount(len(shown))
        for r, verdict in enumerate(shown):
            outcome = self.tr("符合") if verdict.eligible else self.tr("不符合")
            cells = (str(verdict.row), verdict.name, outcome, verdict.basis)
            for c, value in enumerate(cells):
                self.eligibility_table.setItem(r, c, QTableWidgetItem(value))
        for column in range(3):
            self.eligibility_table.resizeColumnToContents(column)
        if report.ineligible_rows and not report.problems:
            self.tabs.setCurrentWidget(self.eligibility_table)

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
