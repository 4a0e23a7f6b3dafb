"""期限看板: every batch with the programme clock running for it; overdue rows in red.

The holiday table (节假日调整表) that corrects the official calendar is edited here too, by the
system administrator, who also imports the State Council's annual holiday notice (reviewed in
``HolidayNoticeDialog`` before it is confirmed) or marks a year entered by hand as complete. A
line above the table says, year by year, whether working-day deadlines can be counted.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kaoping.domain.errors import KaopingError
from kaoping.domain.roles import Permission
from kaoping.services import calendar_years, deadlines
from kaoping.services.base import Actor, Env
from kaoping.services.calendar_years import YearStatus
from kaoping.services.deadlines import DeadlineRow, china_date
from kaoping.services.ports.exchange import HolidayOverride
from kaoping.ui import labels, messages
from kaoping.ui.dialogs.holiday_notice_dialog import HolidayNoticeDialog, status_text
from kaoping.ui.labels import QT_TRANSLATE_NOOP

HEADERS = [
    QT_TRANSLATE_NOOP("DeadlinesPage", "批次"),
    QT_TRANSLATE_NOOP("DeadlinesPage", "名称"),
    QT_TRANSLATE_NOOP("DeadlinesPage", "状态"),
    QT_TRANSLATE_NOOP("DeadlinesPage", "期限"),
    QT_TRANSLATE_NOOP("DeadlinesPage", "起算日"),
    QT_TRANSLATE_NOOP("DeadlinesPage", "截止日"),
    QT_TRANSLATE_NOOP("DeadlinesPage", "剩余天数"),
    QT_TRANSLATE_NOOP("DeadlinesPage", "情况"),
]
HOLIDAY_HEADERS = [
    QT_TRANSLATE_NOOP("DeadlinesPage", "日期"),
    QT_TRANSLATE_NOOP("DeadlinesPage", "类型"),
    QT_TRANSLATE_NOOP("DeadlinesPage", "说明"),
    QT_TRANSLATE_NOOP("DeadlinesPage", "录入人"),
]
OVERDUE_TEXT = QColor(176, 0, 32)
OVERDUE_BACK = QColor(253, 231, 233)


def _day(value: dt.date | None) -> str:
    return value.isoformat() if value else "—"


class HolidayDialog(QDialog):
    """One entry of the holiday table: date, day off or adjusted working day, note."""

    def __init__(self, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("节假日调整"))
        form = QFormLayout(self)
        self.date_edit = QDateEdit(QDate.currentDate())
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("yyyy-MM-dd")
        self.workday_box = QCheckBox(self.tr("调休上班（不勾选表示放假）"))
        self.note_edit = QLineEdit()
        self.note_edit.setPlaceholderText(self.tr("如：2027 年元旦"))
        form.addRow(self.tr("日期"), self.date_edit)
        form.addRow("", self.workday_box)
        form.addRow(self.tr("说明"), self.note_edit)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def day(self) -> dt.date:
        """The chosen date."""
        value = self.date_edit.date()
        return dt.date(value.year(), value.month(), value.day())


class DeadlinesPage(QWidget):
    """The dashboard of report, confirmation and issuance deadlines, and the holiday table."""

    def __init__(self, env: Env, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._env = env
        self._actor = actor
        self._rows: list[DeadlineRow] = []
        self._holidays: list[HolidayOverride] = []
        self._years: list[YearStatus] = []
        layout = QVBoxLayout(self)
        title = QLabel(self.tr("期限看板"))
        title.setStyleSheet("font-size: 16pt; font-weight: bold;")
        layout.addWidget(title)
        self.summary_label = QLabel("")
        layout.addWidget(self.summary_label)
        self.year_status_label = QLabel("")
        self.year_status_label.setWordWrap(True)
        layout.addWidget(self.year_status_label)
        self.table = self._make_table(HEADERS)
        layout.addWidget(self.table, 3)
        note = QLabel(
            self.tr(
                "报送：考核结束后 30 日内；确认：报送后 10 个工作日内（按国务院节假日安排）；"
                "颁证：审核通过后 30 日内。依据《广西数字技术工程师培育项目实施方案》三（三）。"
            )
        )
        note.setWordWrap(True)
        layout.addWidget(note)
        layout.addWidget(
            QLabel(
                self.tr(
                    "节假日调整表（逐日补充或更正官方日历；手工录入某年后须“标记年度完整”，"
                    "否则该年的工作日期限无法计算）"
                )
            )
        )
        self.holiday_table = self._make_table(HOLIDAY_HEADERS)
        layout.addWidget(self.holiday_table, 1)
        layout.addLayout(self._buttons())
        self.refresh()

    def _make_table(self, headers: list[str]) -> QTableWidget:
        table = QTableWidget(0, len(headers))
        table.setHorizontalHeaderLabels([self.tr(h) for h in headers])
        table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        table.verticalHeader().setVisible(False)
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        table.horizontalHeader().setStretchLastSection(True)
        return table

    def _buttons(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.refresh_button = QPushButton(self.tr("刷新 (F5)"))
        self.refresh_button.clicked.connect(self.refresh)
        self.import_notice_button = QPushButton(self.tr("导入国务院节假日安排通知…"))
        menu = QMenu(self.import_notice_button)
        self.import_file_action = menu.addAction(self.tr("从文件导入（文本或保存的网页）…"))
        self.import_file_action.triggered.connect(self._on_import_file_triggered)
        self.import_paste_action = menu.addAction(self.tr("粘贴通知全文…"))
        self.import_paste_action.triggered.connect(self._on_import_paste_triggered)
        self.import_notice_button.setMenu(menu)
        self.complete_year_button = QPushButton(self.tr("标记年度完整…"))
        self.complete_year_button.clicked.connect(self._on_complete_year_clicked)
        self.add_holiday_button = QPushButton(self.tr("录入节假日…"))
        self.add_holiday_button.clicked.connect(self._on_add_holiday_clicked)
        self.remove_holiday_button = QPushButton(self.tr("删除所选节假日"))
        self.remove_holiday_button.clicked.connect(self._on_remove_holiday_clicked)
        editable = self._actor.can(Permission.SETTINGS_MANAGE)
        editing = (
            self.import_notice_button,
            self.complete_year_button,
            self.add_holiday_button,
            self.remove_holiday_button,
        )
        for button in editing:
            button.setEnabled(editable)
            if not editable:
                button.setToolTip(self.tr("只有系统管理员可以修改节假日安排"))
        for button in (self.refresh_button, *editing):
            row.addWidget(button)
        row.addStretch(1)
        return row

    def refresh(self) -> None:
        """Reload the dashboard and the holiday table."""
        try:
            self._rows = deadlines.dashboard(self._env, self._actor)
            self._holidays = deadlines.list_holidays(self._env, self._actor)
            today = china_date(self._env.clock.now())
            self._years = calendar_years.overview(self._env, self._actor, today)
        except KaopingError as error:
            messages.show_error(self, error)
            return
        self._fill_deadlines()
        self._fill_holidays()
        self._fill_years()

    def _fill_years(self) -> None:
        lines = "；".join(status_text(status) for status in self._years)
        self.year_status_label.setText(self.tr("节假日安排：{0}").format(lines))
        unknown = any(not status.known for status in self._years)
        self.year_status_label.setStyleSheet("color: #b00020;" if unknown else "")

    def _fill_deadlines(self) -> None:
        self.table.setRowCount(len(self._rows))
        for r, row in enumerate(self._rows):
            days = "—" if row.days_left is None else str(row.days_left)
            cells = [
                row.batch_code,
                row.batch_name,
                labels.label(row.status),
                labels.label(row.clock_label),
                _day(row.starts_on),
                _day(row.due),
                days,
                self._state_text(row),
            ]
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if row.rule:
                    item.setToolTip(row.rule)
                if c == 6:
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                if row.overdue:
                    item.setForeground(QBrush(OVERDUE_TEXT))
                    item.setBackground(QBrush(OVERDUE_BACK))
                self.table.setItem(r, c, item)
        overdue = sum(1 for row in self._rows if row.overdue)
        unknown = sum(1 for row in self._rows if row.clock and row.due is None)
        text = self.tr("共 {0} 个批次，逾期 {1} 个").format(len(self._rows), overdue)
        if unknown:
            text += self.tr(
                "，{0} 个截止日未知（请导入该年的国务院节假日安排通知，或逐日录入后标记年度完整）"
            ).format(unknown)
        self.summary_label.setText(text)
        self.summary_label.setStyleSheet("color: #b00020; font-weight: bold;" if overdue else "")

    def _state_text(self, row: DeadlineRow) -> str:
        """The row's state ("剩余 5 天"...) in the interface language, rebuilt from its numbers."""
        if not row.clock:
            return self.tr("已完成")
        if row.days_left is None and row.unknown_year is not None:
            return self.tr("{0} 年的节假日安排尚未完整录入或确认，无法计算工作日期限").format(
                row.unknown_year
            )
        if row.days_left is None:
            return labels.label(row.label)
        if row.days_left > 0:
            return self.tr("剩余 {0} 天").format(row.days_left)
        if row.days_left == 0:
            return self.tr("今天到期")
        return self.tr("已逾期 {0} 天").format(-row.days_left)

    def _fill_holidays(self) -> None:
        self.holiday_table.setRowCount(len(self._holidays))
        for r, entry in enumerate(self._holidays):
            kind = self.tr("调休上班") if entry.workday else self.tr("放假")
            for c, text in enumerate([entry.day.isoformat(), kind, entry.note, entry.updated_by]):
                self.holiday_table.setItem(r, c, QTableWidgetItem(text))

    def overdue_rows(self) -> list[int]:
        """Indexes of the table rows shown as overdue."""
        return [r for r, row in enumerate(self._rows) if row.overdue]

    def _on_add_holiday_clicked(self) -> None:
        dialog = HolidayDialog(self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        try:
            deadlines.set_holiday(
                self._env,
                self._actor,
                dialog.day(),
                dialog.workday_box.isChecked(),
                dialog.note_edit.text(),
            )
        except KaopingError as error:
            messages.show_error(self, error)
        self.refresh()

    def _on_remove_holiday_clicked(self) -> None:
        row = self.holiday_table.currentRow()
        if row < 0 or row >= len(self._holidays):
            messages.show_info(self, self.tr("节假日调整表"), self.tr("请先选择要删除的日期。"))
            return
        entry = self._holidays[row]
        if not messages.confirm(
            self, self.tr("删除"), self.tr("确定删除 {0} 吗？").format(entry.day.isoformat())
        ):
            return
        try:
            deadlines.remove_holiday(self._env, self._actor, entry.day)
        except KaopingError as error:
            messages.show_error(self, error)
        self.refresh()

    def _on_import_file_triggered(self) -> None:
        path = messages.open_file(
            self,
            self.tr("选择国务院节假日安排通知"),
            self.tr("通知文本或网页 (*.txt *.html *.htm *.shtml);;所有文件 (*)"),
        )
        if path is None:
            return
        try:
            data = calendar_years.read_notice(self._env, path)
        except KaopingError as error:
            messages.show_error(self, error)
            return
        self.review_notice(data)

    def _on_import_paste_triggered(self) -> None:
        text = messages.ask_text(
            self,
            self.tr("粘贴国务院节假日安排通知"),
            self.tr(
                "请从官方网站复制通知全文（含标题“国务院办公厅关于……年部分节假日安排的通知”）粘贴到下面："
            ),
        )
        if text is not None:
            self.review_notice(text.encode("utf-8"))

    def review_notice(self, data: bytes) -> None:
        """Read a notice, show it for review, and store it when the administrator confirms."""
        try:
            preview = calendar_years.preview_notice(self._env, self._actor, data)
        except KaopingError as error:
            messages.show_error(self, error)
            return
        if not HolidayNoticeDialog.ask(self, preview):
            return
        try:
            status = calendar_years.confirm_notice(self._env, self._actor, data, preview.year)
        except KaopingError as error:
            messages.show_error(self, error)
        else:
            messages.show_info(
                self,
                self.tr("节假日安排"),
                self.tr("已导入并确认：{0}").format(status_text(status)),
            )
        self.refresh()

    def _on_complete_year_clicked(self) -> None:
        today = china_date(self._env.clock.now())
        year = messages.ask_number(
            self,
            self.tr("标记年度完整"),
            self.tr("已逐日录入全部放假日和调休上班日的年份："),
            today.year + 1,
            2000,
            2100,
        )
        if year is None:
            return
        question = self.tr(
            "确认 {0} 年的全部放假日和调休上班日都已按国务院通知录入？"
            "标记后，该年未录入的日期一律按周一至周五上班计算。"
        ).format(year)
        if not messages.confirm(self, self.tr("标记年度完整"), question):
            return
        try:
            calendar_years.complete_year(self._env, self._actor, year)
        except KaopingError as error:
            messages.show_error(self, error)
        self.refresh()
