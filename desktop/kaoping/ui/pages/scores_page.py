"""成绩录入: the score grid of one session, filled with the keyboard alone.

Keys on the grid: digits and "." type a score into the current row; Enter saves the row (one
service call) and moves down; Q marks the candidate absent (缺考) and Z voided (作废), each saved at
once; Backspace deletes a typed character, Esc drops what was typed. A refused score turns the cell
red, names the row in the message line and leaves the cursor on the row, its status as it was.

The grid takes no input-method composition: with a Chinese input method on, Q and Z would start a
pinyin syllable instead of reaching the grid. Full-width digits and 。 count as typed digits and ".".
Rows where the two keyings disagree are red, counted above the grid, and can be shown alone.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractTableModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
)
from PySide6.QtGui import QBrush, QColor, QKeyEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from kaoping.domain.beijing import beijing
from kaoping.domain.errors import KaopingError
from kaoping.domain.scoring import Mark, ScoreStatus
from kaoping.services import scores
from kaoping.services.base import Actor, Env
from kaoping.services.ports.scores import ScoringSession
from kaoping.services.scores import LineState, ScoreSheet, SheetLine
from kaoping.ui import labels
from kaoping.ui.labels import QT_TRANSLATE_NOOP

HEADERS = [
    QT_TRANSLATE_NOOP("ScoreGridModel", "座号"),
    QT_TRANSLATE_NOOP("ScoreGridModel", "准考证号"),
    QT_TRANSLATE_NOOP("ScoreGridModel", "姓名"),
    QT_TRANSLATE_NOOP("ScoreGridModel", "证件号码"),
    QT_TRANSLATE_NOOP("ScoreGridModel", "状态"),
    QT_TRANSLATE_NOOP("ScoreGridModel", "成绩"),
    QT_TRANSLATE_NOOP("ScoreGridModel", "录入情况"),
]
STATUS_COLUMN = 4
SCORE_COLUMN = 5
ERROR_BACKGROUND = QColor("#f4b4b4")
DRAFT_BACKGROUND = QColor("#fff3bf")
SAVED_BACKGROUND = QColor("#e3f4e3")
STATUS_KEYS = {Qt.Key.Key_Q: ScoreStatus.ABSENT, Qt.Key.Key_Z: ScoreStatus.VOIDED}
SAVE_KEYS = {Qt.Key.Key_Return, Qt.Key.Key_Enter}
MISMATCH_BACKGROUND = QColor("#e53935")
MISMATCH_FOREGROUND = QColor("#ffffff")
# What a Chinese keyboard layout or input method may send for the characters of a score.
FULL_WIDTH = str.maketrans("０１２３４５６７８９。．", "0123456789..")

Index = QModelIndex | QPersistentModelIndex


def _score_text(mark: Mark | None) -> str:
    if mark is None or mark.value is None:
        return ""
    return format(mark.value, "f")


class ScoreGridModel(QAbstractTableModel):
    """The rows of a score sheet, with what is being typed and the errors of refused rows."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._lines: list[SheetLine] = []
        self._drafts: dict[int, str] = {}
        self._errors: dict[int, str] = {}

    def set_lines(self, lines: tuple[SheetLine, ...]) -> None:
        """Show a freshly loaded sheet."""
        self.beginResetModel()
        self._lines = list(lines)
        self._drafts.clear()
        self._errors.clear()
        self.endResetModel()

    def line(self, row: int) -> SheetLine:
        """The sheet line shown in a row."""
        return self._lines[row]

    def replace_line(self, row: int, line: SheetLine) -> None:
        """Show a row as the service returned it after saving; its draft and error are dropped."""
        self._lines[row] = line
        self._drafts.pop(row, None)
        self._errors.pop(row, None)
        self._changed(row)

    def draft(self, row: int) -> str:
        """What has been typed into a row and not saved yet."""
        return self._drafts.get(row, "")

    def set_draft(self, row: int, text: str) -> None:
        """Change what is typed into a row."""
        if text:
            self._drafts[row] = text
        else:
            self._drafts.pop(row, None)
        self._changed(row)

    def error(self, row: int) -> str:
        """Why a row's last save was refused ("" when it was not)."""
        return self._errors.get(row, "")

    def set_error(self, row: int, message: str) -> None:
        """Mark a row as refused with the reason, or clear it with ""."""
        if message:
            self._errors[row] = message
        else:
            self._errors.pop(row, None)
        self._changed(row)

    def _changed(self, row: int) -> None:
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(HEADERS) - 1))

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        """One row per seat."""
        return 0 if parent.isValid() else len(self._lines)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        """Seat, ticket, name, masked ID, status, score, keying state."""
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        """Column titles, and 1-based row numbers matching the messages."""
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self.tr(HEADERS[section])
        return str(section + 1)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        """Texts, colours and the error tooltip of a cell."""
        if not index.isValid():
            return None
        row, column = index.row(), index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._errors.get(row) or None
        if role == Qt.ItemDataRole.BackgroundRole:
            return self._background(row, column)
        if (
            role == Qt.ItemDataRole.ForegroundRole
            and self.is_mismatch(row)
            and column >= STATUS_COLUMN
        ):
            return QBrush(MISMATCH_FOREGROUND)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (0, SCORE_COLUMN):
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    def _text(self, row: int, column: int) -> str:
        line = self._lines[row]
        shown = line.final or line.mine
        if column == SCORE_COLUMN:
            return self._drafts.get(row) or _score_text(shown)
        if column == STATUS_COLUMN:
            # What is saved, not what is being typed: a refused keying changes nothing.
            if shown is not None:
                return labels.label(shown.status)
            return self.tr("缺考（签到）") if line.absent_at_checkin else ""
        if column == len(HEADERS) - 1:
            return self._state_text(row)
        return (str(line.seat_no), line.ticket_no, line.name, line.id_masked)[column]

    def _state_text(self, row: int) -> str:
        line = self._lines[row]
        if row in self._errors:
            return self.tr("未保存，请改正")
        if line.state is LineState.ONE_KEY and line.mine is not None:
            return self.tr("已录入，待另一位考评员录入")
        return labels.label(line.state)

    def is_mismatch(self, row: int) -> bool:
        """Whether the two keyings of a row disagree and wait for a decision."""
        return self._lines[row].state is LineState.MISMATCH

    def mismatch_count(self) -> int:
        """How many rows wait for a decision on disagreeing keyings."""
        return sum(1 for row in range(len(self._lines)) if self.is_mismatch(row))

    def _background(self, row: int, column: int) -> QBrush | None:
        if row in self._errors and column in (STATUS_COLUMN, SCORE_COLUMN):
            return QBrush(ERROR_BACKGROUND)
        if self.is_mismatch(row) and column >= STATUS_COLUMN:
            return QBrush(MISMATCH_BACKGROUND)
        if row in self._drafts and column == SCORE_COLUMN:
            return QBrush(DRAFT_BACKGROUND)
        if self._lines[row].mine is not None and column == SCORE_COLUMN:
            return QBrush(SAVED_BACKGROUND)
        return None


class ErrorKeepingDelegate(QStyledItemDelegate):
    """Keeps a refused cell red even on the selected row, so the error stays visible."""

    def initStyleOption(self, option: QStyleOptionViewItem, index: Index) -> None:
        """Drop the selection look from cells that carry an error colour."""
        super().initStyleOption(option, index)
        model = index.model()
        if (
            isinstance(model, ScoreGridModel)
            and model.error(index.row())
            and index.column() in (STATUS_COLUMN, SCORE_COLUMN)
        ):
            option.state &= ~QStyle.StateFlag.State_Selected
            option.backgroundBrush = QBrush(ERROR_BACKGROUND)


class ScoresPage(QWidget):
    """Pick a session, then key its scores row by row with the keyboard."""

    def __init__(self, env: Env, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._env = env
        self._actor = actor
        self._sheet: ScoreSheet | None = None
        self._sessions: list[ScoringSession] = []
        self._replace_next: set[int] = set()
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("场次")))
        self.session_combo = QComboBox()
        self.session_combo.currentIndexChanged.connect(self._on_session_combo_changed)
        top.addWidget(self.session_combo, 1)
        reload_button = QPushButton(self.tr("刷新"))
        reload_button.clicked.connect(self.reload)
        top.addWidget(reload_button)
        layout.addLayout(top)
        info_row = QHBoxLayout()
        self.info_label = QLabel("")
        info_row.addWidget(self.info_label, 1)
        self.mismatch_label = QLabel("")
        self.mismatch_label.setStyleSheet("color: #b00020; font-weight: bold;")
        info_row.addWidget(self.mismatch_label)
        self.mismatch_only = QCheckBox(self.tr("只看不一致"))
        self.mismatch_only.toggled.connect(self._apply_filter)
        info_row.addWidget(self.mismatch_only)
        layout.addLayout(info_row)
        self.help_label = QLabel(
            self.tr(
                "键盘录入：输入分数后按 Enter 保存并跳到下一行；Q = 缺考，Z = 作废（立即保存）；"
                "Backspace 删除，Esc 放弃本行输入。两位考评员分别录入，互不可见。"
            )
        )
        self.help_label.setWordWrap(True)
        layout.addWidget(self.help_label)
        self.model = ScoreGridModel(self)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setItemDelegate(ErrorKeepingDelegate(self.view))
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.view.horizontalHeader().setStretchLastSection(True)
        # Wide enough for "100.0" and for the eye to find the typing cell.
        self.view.horizontalHeader().setSectionResizeMode(
            SCORE_COLUMN, QHeaderView.ResizeMode.Fixed
        )
        self.view.setColumnWidth(SCORE_COLUMN, 90)
        self.view.installEventFilter(self)
        # Letters are commands here (Q, Z): an input method must not turn them into pinyin.
        self.view.setAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled, False)
        self.model.dataChanged.connect(lambda *_: self._show_mismatches())
        self.model.modelReset.connect(self._show_mismatches)
        layout.addWidget(self.view, 1)
        self.message_label = QLabel("")
        self.message_label.setWordWrap(True)
        layout.addWidget(self.message_label)
        self._load_sessions()

    def showEvent(self, event: QShowEvent) -> None:
        """Typing goes to the grid as soon as the page is chosen, with no Tab to reach it."""
        super().showEvent(event)
        QTimer.singleShot(0, self.view.setFocus)

    def _show_mismatches(self) -> None:
        count = self.model.mismatch_count()
        self.mismatch_label.setText(self.tr("不一致 {0} 行，待裁定").format(count) if count else "")
        self._apply_filter()

    def _apply_filter(self) -> None:
        only = self.mismatch_only.isChecked()
        for row in range(self.model.rowCount()):
            self.view.setRowHidden(row, only and not self.model.is_mismatch(row))

    # ---- loading ---------------------------------------------------------------------------

    def _load_sessions(self) -> None:
        try:
            self._sessions = scores.sessions_for_entry(self._env, self._actor)
        except KaopingError as error:
            self._say(str(error), error=True)
            return
        self.session_combo.blockSignals(True)
        self.session_combo.clear()
        for session in self._sessions:
            when = beijing(session.starts_at).strftime("%m-%d %H:%M")
            self.session_combo.addItem(
                f"{session.code} · {labels.label(session.component)} · {session.site} "
                f"{session.room} · {when}",
                session.id,
            )
        self.session_combo.blockSignals(False)
        if self._sessions:
            self.reload()
        else:
            self._say(
                self.tr(
                    "您没有被安排为任何场次的考评员或评审专家，暂无可录入的场次；"
                    "如需录入，请考务管理员在“考务与场次”中安排。"
                )
            )

    def select_session(self, session_id: int) -> None:
        """Show the sheet of a session."""
        index = self.session_combo.findData(session_id)
        if index >= 0:
            self.session_combo.setCurrentIndex(index)
            self.reload()

    def _on_session_combo_changed(self, _index: int) -> None:
        self.reload()

    def reload(self) -> None:
        """Read the selected session's sheet again."""
        session_id = self.session_combo.currentData()
        if session_id is None:
            return
        try:
            self._sheet = scores.score_sheet(self._env, self._actor, int(session_id))
        except KaopingError as error:
            self._say(str(error), error=True)
            return
        self._replace_next.clear()
        self.model.set_lines(self._sheet.lines)
        sheet = self._sheet
        state = self.tr("已确认锁定，不能再录入") if sheet.locked else self.tr("录入中")
        self.info_label.setText(
            self.tr("{0}：满分 {1}，合格线 {2}；{3}人；{4}").format(
                labels.label(sheet.session.component),
                sheet.scale_max,
                sheet.pass_mark,
                len(sheet.lines),
                state,
            )
        )
        self._say("")
        if sheet.lines:
            self.view.setCurrentIndex(self.model.index(0, SCORE_COLUMN))
        self.view.setFocus()

    # ---- keyboard --------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Turn key presses on the grid into typing, saving and status marks."""
        if watched is self.view and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            return self._on_key(event)
        return super().eventFilter(watched, event)

    def _on_key(self, event: QKeyEvent) -> bool:
        row = self.view.currentIndex().row()
        if self._sheet is None or row < 0:
            return False
        key, text = Qt.Key(event.key()), event.text().translate(FULL_WIDTH)
        if text and (text.isdigit() or text == "."):
            self._type(row, text)
        elif key == Qt.Key.Key_Backspace:
            self.model.set_draft(row, self.model.draft(row)[:-1])
            self._replace_next.discard(row)
        elif key == Qt.Key.Key_Escape:
            self.model.set_draft(row, "")
            self.model.set_error(row, "")
        elif key in SAVE_KEYS:
            self._save_typed(row)
        elif key in STATUS_KEYS:
            self._save(row, Mark(STATUS_KEYS[key]))
        else:
            return False
        return True

    def _type(self, row: int, text: str) -> None:
        refusal = self._cannot_key(row)
        if refusal:
            self._say(refusal, error=True)
            return
        # After a refusal the next digit starts a fresh score, as when retyping a selected cell.
        before = "" if row in self._replace_next else self.model.draft(row)
        self._replace_next.discard(row)
        self.model.set_draft(row, before + text)

    def _cannot_key(self, row: int) -> str:
        assert self._sheet is not None
        line = self.model.line(row)
        if self._sheet.locked:
            return self.tr("本场次成绩已确认锁定，不能再录入；如需修改请申请成绩更正。")
        if line.mine is not None:
            return self.tr(
                "第 {0} 行（{1}）您已录入过，不能再次录入；如有错误请联系质量督导员裁定。"
            ).format(row + 1, line.ticket_no)
        if line.keys >= 2:
            return self.tr("第 {0} 行（{1}）已有两次录入。").format(row + 1, line.ticket_no)
        return ""

    def _save_typed(self, row: int) -> None:
        assert self._sheet is not None
        typed = self.model.draft(row)
        if not typed:
            self._move_to(row + 1)
            return
        try:
            mark = scores.parse_mark(typed, self._sheet.scale_max, row=row + 1)
        except KaopingError as error:
            self._refuse(row, error)
            return
        self._save(row, mark)

    def _save(self, row: int, mark: Mark) -> None:
        refusal = self._cannot_key(row)
        if refusal:
            self._say(refusal, error=True)
            return
        assert self._sheet is not None
        line = self.model.line(row)
        try:
            saved = scores.enter_score(
                self._env, self._actor, self._sheet.session.id, line.candidate_id, mark
            )
        except KaopingError as error:
            self._refuse(row, error)
            return
        self.model.replace_line(row, saved)
        self._replace_next.discard(row)
        self._say(
            self.tr("第 {0} 行（{1} {2}）已保存：{3}").format(
                row + 1, line.ticket_no, line.name, self._mark_text(mark)
            )
        )
        self._move_to(row + 1)

    def _mark_text(self, mark: Mark) -> str:
        """A saved mark as shown in messages: "85 分", or its status (缺考, 作废)."""
        if mark.value is None:
            return labels.label(mark.status)
        return self.tr("{0} 分").format(_score_text(mark))

    def _refuse(self, row: int, error: KaopingError) -> None:
        line = self.model.line(row)
        message = self.tr("第 {0} 行（{1} {2}）未保存：{3}").format(
            row + 1, line.ticket_no, line.name, error.message
        )
        self.model.set_error(row, message)
        self._replace_next.add(row)
        self._say(message, error=True)
        self.view.setCurrentIndex(self.model.index(row, SCORE_COLUMN))

    def _move_to(self, row: int) -> None:
        if 0 <= row < self.model.rowCount():
            self.view.setCurrentIndex(self.model.index(row, SCORE_COLUMN))

    def _say(self, text: str, *, error: bool = False) -> None:
        self.message_label.setStyleSheet("color: #b00020;" if error else "color: #1b5e20;")
        self.message_label.setText(text)
