"""核对节假日安排: a State Council holiday notice shown as twelve month grids before it is confirmed.

The administrator compares the grids with the notice: each day off (放假) and each weekend day
worked instead (调休上班) is marked in its month, the notice's items are listed beside the grids,
and anything worth a second look is said above them (days where the built-in calendar differs,
entries that confirming replaces, sentences that named a date but granted nothing). Only
"确认导入" stores the year; the page does that through the service.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Mapping

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from kaoping.domain.holiday_calendar import YearState
from kaoping.services.calendar_years import NoticePreview, YearStatus
from kaoping.ui import labels
from kaoping.ui.labels import QT_TRANSLATE_NOOP

WEEKDAY_HEADERS = [
    QT_TRANSLATE_NOOP("MonthGrid", "一"),
    QT_TRANSLATE_NOOP("MonthGrid", "二"),
    QT_TRANSLATE_NOOP("MonthGrid", "三"),
    QT_TRANSLATE_NOOP("MonthGrid", "四"),
    QT_TRANSLATE_NOOP("MonthGrid", "五"),
    QT_TRANSLATE_NOOP("MonthGrid", "六"),
    QT_TRANSLATE_NOOP("MonthGrid", "日"),
]
OFF_STYLE = "background: #fde7e9; color: #b00020; font-weight: bold;"
WORKED_STYLE = "background: #e3f0fd; color: #0b57a4; font-weight: bold;"
WEEKEND_STYLE = "color: #8a8a8a;"
MONTH_COLUMNS = 4
_CELL_WIDTH = 31
_CELL_HEIGHT = 18


def status_text(status: YearStatus) -> str:
    """A year's status in the interface language: "2027 年：未完整（已录入 1 天），…"."""
    state = status.state
    if state is YearState.INCOMPLETE:
        return QCoreApplication.translate(
            "HolidayCalendar", "{0} 年：未完整（已录入 {1} 天），工作日期限无法计算"
        ).format(status.year, status.entries)
    if state is YearState.MISSING:
        return QCoreApplication.translate(
            "HolidayCalendar", "{0} 年：未录入，工作日期限无法计算"
        ).format(status.year)
    return QCoreApplication.translate("HolidayCalendar", "{0} 年：{1}").format(
        status.year, labels.label(state.label)
    )


class MonthGrid(QFrame):
    """One month (月历) with its days off and adjusted working days marked.

    Attributes:
        cells: The label of each day of the month, for tests and tooltips.
    """

    def __init__(
        self,
        year: int,
        month: int,
        days: Mapping[dt.date, bool],
        notes: Mapping[dt.date, str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        grid = QGridLayout(self)
        grid.setHorizontalSpacing(1)
        grid.setVerticalSpacing(0)
        grid.setContentsMargins(4, 2, 4, 2)
        title = QLabel(self.tr("{0} 月").format(month))
        title.setStyleSheet("font-weight: bold;")
        grid.addWidget(title, 0, 0, 1, 7)
        for column, name in enumerate(WEEKDAY_HEADERS):
            header = QLabel(self.tr(name))
            header.setAlignment(Qt.AlignmentFlag.AlignCenter)
            header.setStyleSheet(WEEKEND_STYLE if column >= 5 else "")
            grid.addWidget(header, 1, column)
        self.cells: dict[dt.date, QLabel] = {}
        weeks = calendar.Calendar(0).monthdatescalendar(year, month)
        for row in range(6):
            for column in range(7):
                day = weeks[row][column] if row < len(weeks) else None
                cell = QLabel("")
                cell.setFixedSize(_CELL_WIDTH, _CELL_HEIGHT)
                cell.setAlignment(Qt.AlignmentFlag.AlignCenter)
                if day is not None and day.month == month:
                    self._fill(cell, day, days.get(day), notes.get(day, ""))
                    self.cells[day] = cell
                grid.addWidget(cell, row + 2, column)

    def _fill(self, cell: QLabel, day: dt.date, worked: bool | None, note: str) -> None:
        if worked is None:
            cell.setText(str(day.day))
            cell.setStyleSheet(WEEKEND_STYLE if day.weekday() >= 5 else "")
            return
        mark = self.tr("班") if worked else self.tr("休")
        cell.setText(f"{day.day}{mark}")
        cell.setStyleSheet(WORKED_STYLE if worked else OFF_STYLE)
        kind = self.tr("调休上班") if worked else self.tr("放假")
        cell.setToolTip(f"{day.isoformat()} {kind} {note}".strip())


class HolidayNoticeDialog(QDialog):
    """The review of one year's notice before it is confirmed (核对节假日安排).

    Attributes:
        months: The twelve month grids, January first.
        warning_label: What deserves a second look (empty text when nothing does).
    """

    def __init__(self, preview: NoticePreview, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._preview = preview
        arrangement = preview.arrangement
        self.setWindowTitle(self.tr("核对 {0} 年节假日安排").format(preview.year))
        layout = QVBoxLayout(self)
        heading = QLabel(
            arrangement.title or self.tr("{0} 年节假日安排（文本中无标题）").format(preview.year)
        )
        heading.setStyleSheet("font-size: 14pt; font-weight: bold;")
        layout.addWidget(heading)
        layout.addWidget(
            QLabel(
                self.tr("当前状态：{0}　　文件 SHA-256：{1}…").format(
                    status_text(preview.before), preview.sha256[:16]
                )
            )
        )
        self.warning_label = QLabel(self._warnings())
        self.warning_label.setWordWrap(True)
        self.warning_label.setStyleSheet("color: #b00020;")
        self.warning_label.setVisible(bool(self.warning_label.text()))
        layout.addWidget(self.warning_label)
        body = QHBoxLayout()
        body.addWidget(self._months())
        body.addLayout(self._items(), 1)
        layout.addLayout(body, 1)
        buttons = QDialogButtonBox()
        self.confirm_button = buttons.addButton(
            self.tr("确认导入"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.cancel_button = buttons.addButton(
            self.tr("取消"), QDialogButtonBox.ButtonRole.RejectRole
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        # Fits 1366x768, and 1920x1080 at 150 % (1280x720 logical, less a taskbar).
        self.resize(1270, 680)

    @classmethod
    def ask(cls, parent: QWidget | None, preview: NoticePreview) -> bool:
        """Show the review; True when the administrator confirmed the import."""
        return cls(preview, parent).exec() == QDialog.DialogCode.Accepted

    def _months(self) -> QScrollArea:
        year = self._preview.year
        entries = self._preview.arrangement.entries()
        notes = self._preview.arrangement.notes()
        holder = QWidget()
        grid = QGridLayout(holder)
        grid.setSpacing(6)
        self.months: list[MonthGrid] = []
        for month in range(1, 13):
            widget = MonthGrid(year, month, entries, notes)
            grid.addWidget(widget, (month - 1) // MONTH_COLUMNS, (month - 1) % MONTH_COLUMNS)
            self.months.append(widget)
        scroll = QScrollArea()
        scroll.setWidget(holder)
        scroll.setWidgetResizable(True)
        # Wide enough for the four columns of months; only a small screen scrolls, downwards.
        bar = scroll.verticalScrollBar().sizeHint().width()
        scroll.setMinimumWidth(holder.sizeHint().width() + bar + 4)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        return scroll

    def _items(self) -> QVBoxLayout:
        column = QVBoxLayout()
        legend = QLabel(
            self.tr(
                "<span style='{0}'>&nbsp;15休&nbsp;</span> 放假　"
                "<span style='{1}'>&nbsp;14班&nbsp;</span> 调休上班（周末上班）"
            ).format(OFF_STYLE, WORKED_STYLE)
        )
        column.addWidget(legend)
        column.addWidget(QLabel(self.tr("通知条目（请与日历逐项核对）：")))
        self.items_text = QPlainTextEdit()
        self.items_text.setReadOnly(True)
        self.items_text.setPlainText(
            "\n\n".join(f.text for f in self._preview.arrangement.festivals)
        )
        column.addWidget(self.items_text, 1)
        return column

    def _warnings(self) -> str:
        preview = self._preview
        lines = []
        if preview.differences:
            days = "、".join(d.isoformat() for d in preview.differences)
            lines.append(
                self.tr("与内置官方日历不同的日期：{0}；确认后以本通知为准。").format(days)
            )
        if preview.replaced:
            lines.append(
                self.tr("确认后将替换节假日调整表中 {0} 年已有的 {1} 条记录。").format(
                    preview.year, preview.replaced
                )
            )
        outside = [
            (day, worked)
            for day, worked in preview.arrangement.entries().items()
            if day.year != preview.year
        ]
        if outside:
            shown = "、".join(
                f"{day.isoformat()} " + (self.tr("调休上班") if worked else self.tr("放假"))
                for day, worked in outside
            )
            lines.append(self.tr("另含相邻年份的日期：{0}").format(shown))
        for sentence in preview.arrangement.ignored:
            lines.append(self.tr("未计入（通知中的倡议，不是放假安排）：{0}").format(sentence))
        return "\n".join(lines)

    def day_mark(self, day: dt.date) -> str:
        """The text shown for ``day`` in its month grid ("" for a day outside the year)."""
        if day.year != self._preview.year:
            return ""
        return self.months[day.month - 1].cells[day].text()
