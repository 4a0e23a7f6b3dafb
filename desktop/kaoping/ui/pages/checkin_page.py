"""签到: the room-door check-in screen, built for a line of candidates and a barcode scanner.

One input field keeps the focus: a scanner types the ticket's QR text and Enter, or a person types a
ticket or ID number. The candidate's photo, name, masked ID and seat appear large for comparison
with the person in front of the desk (人证核验); function keys set late, absent or left, and F9
records at once that the person does not match the photo or the ID (人证不符) as an incident.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import (
    QFont,
    QFontMetrics,
    QHideEvent,
    QKeySequence,
    QPixmap,
    QShortcut,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kaoping.domain.beijing import BEIJING
from kaoping.domain.errors import KaopingError
from kaoping.services import checkin, plans
from kaoping.services.base import Actor, Env
from kaoping.services.checkin import CheckinOutcome, RoomCount
from kaoping.services.ports.exams import Attendance, IncidentKind, SeatView
from kaoping.ui import labels, messages
from kaoping.ui.labels import QT_TRANSLATE_NOOP

COUNT_HEADERS = [
    QT_TRANSLATE_NOOP("CheckinPage", "考场"),
    QT_TRANSLATE_NOOP("CheckinPage", "应到"),
    QT_TRANSLATE_NOOP("CheckinPage", "已到"),
    QT_TRANSLATE_NOOP("CheckinPage", "迟到"),
    QT_TRANSLATE_NOOP("CheckinPage", "缺考"),
    QT_TRANSLATE_NOOP("CheckinPage", "离场"),
    QT_TRANSLATE_NOOP("CheckinPage", "未签到"),
]
STATE_COLOURS = {
    Attendance.EXPECTED: "#5A6675",
    Attendance.PRESENT: "#1B7F3B",
    Attendance.LATE: "#B26A00",
    Attendance.ABSENT: "#B3261E",
    Attendance.LEFT: "#3B5BA5",
}
KEYS = (
    (Qt.Key.Key_F2, Attendance.LATE, QT_TRANSLATE_NOOP("CheckinPage", "迟到")),
    (Qt.Key.Key_F3, Attendance.ABSENT, QT_TRANSLATE_NOOP("CheckinPage", "缺考")),
    (Qt.Key.Key_F4, Attendance.LEFT, QT_TRANSLATE_NOOP("CheckinPage", "离场")),
    (Qt.Key.Key_F6, Attendance.PRESENT, QT_TRANSLATE_NOOP("CheckinPage", "已到")),
)
# The stored photo's aspect (25 × 35 mm), as large as the card allows on a 1366 × 768 screen.
PHOTO_W, PHOTO_H = 250, 308
MISMATCH_KEY = Qt.Key.Key_F9
REFRESH_MS = 10_000  # other desks check candidates in too; their counts show within seconds


class IncidentDialog(QDialog):
    """Kind and account of an incident (违纪)."""

    def __init__(self, parent: QWidget | None, candidate: str) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("违纪记录"))
        form = QFormLayout(self)
        form.addRow(self.tr("考生"), QLabel(candidate))
        self.kind_combo = QComboBox()
        for kind in IncidentKind:
            self.kind_combo.addItem(labels.label(kind), kind.value)
        form.addRow(self.tr("类别"), self.kind_combo)
        self.note_edit = QPlainTextEdit()
        self.note_edit.setPlaceholderText(self.tr("时间、行为、处理情况"))
        form.addRow(self.tr("经过"), self.note_edit)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def kind(self) -> IncidentKind:
        """The chosen kind."""
        return IncidentKind(str(self.kind_combo.currentData()))


class CheckinPage(QWidget):
    """Scan or type, see who it is, set the state; live counts per room below."""

    def __init__(self, env: Env, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._env = env
        self._actor = actor
        self._seat: SeatView | None = None
        layout = QVBoxLayout(self)
        layout.addLayout(self._build_selectors())
        self.scan_edit = QLineEdit()
        self.scan_edit.setPlaceholderText(
            self.tr("扫描准考证二维码，或输入准考证号 / 证件号码后按回车")
        )
        self.scan_edit.setFont(_font(18))
        self.scan_edit.returnPressed.connect(self._on_scan)
        layout.addWidget(self.scan_edit)
        self.message_label = QLabel("")
        self.message_label.setWordWrap(True)
        self.message_label.setFont(_font(13))
        layout.addWidget(self.message_label)
        layout.addWidget(self._build_card(), 1)
        layout.addLayout(self._build_buttons())
        self.counts_table = QTableWidget(0, len(COUNT_HEADERS))
        self.counts_table.setHorizontalHeaderLabels([self.tr(h) for h in COUNT_HEADERS])
        self.counts_table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.counts_table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.counts_table.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents
        )
        self.counts_table.verticalHeader().setVisible(False)
        self.counts_table.setMaximumHeight(170)
        layout.addWidget(self.counts_table)
        self._install_keys()
        # Counts refresh only while the page is on screen: other workstations check in too,
        # but a hidden page (or a closed window) has nobody to show them to.
        self._timer = QTimer(self)
        self._timer.setObjectName("countsRefresh")
        self._timer.setInterval(REFRESH_MS)
        self._timer.timeout.connect(self.refresh_counts)
        self._load_batches()

    def showEvent(self, event: QShowEvent) -> None:
        """Put the cursor in the scan field whenever the page comes into view; counts go live."""
        super().showEvent(event)
        self.scan_edit.setFocus()
        self._timer.start()

    def hideEvent(self, event: QHideEvent) -> None:
        """Stop refreshing the counts while the page is out of view."""
        super().hideEvent(event)
        self._timer.stop()

    # building

    def _build_selectors(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.batch_combo = QComboBox()
        self.session_combo = QComboBox()
        self.session_combo.setMinimumWidth(360)
        for widget in (self.batch_combo, self.session_combo):
            widget.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.batch_combo.currentIndexChanged.connect(self._load_sessions)
        self.session_combo.currentIndexChanged.connect(self._on_session_changed)
        row.addWidget(QLabel(self.tr("批次")))
        row.addWidget(self.batch_combo)
        row.addWidget(QLabel(self.tr("场次")))
        row.addWidget(self.session_combo, 1)
        return row

    def _build_card(self) -> QFrame:
        card = QFrame()
        card.setFrameShape(QFrame.Shape.StyledPanel)
        grid = QGridLayout(card)
        self.photo_label = QLabel(self.tr("照片"))
        self.photo_label.setFixedSize(PHOTO_W, PHOTO_H)
        self.photo_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.photo_label.setStyleSheet("border: 1px solid #9AA5B1; color: #9AA5B1;")
        grid.addWidget(self.photo_label, 0, 0, 5, 1, Qt.AlignmentFlag.AlignTop)
        self.name_label = _big_label(32)
        self.id_label = _big_label(16)
        self.ticket_label = _big_label(14)
        self.seat_label = _big_label(44)
        # Wide enough for three digits before any is shown: an aligned grid cell keeps the
        # width the empty label asked for, which clipped "002" to "0".
        self.seat_label.setMinimumWidth(
            QFontMetrics(self.seat_label.font()).horizontalAdvance("0000")
        )
        self.seat_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.state_label = _big_label(20)
        grid.addWidget(self.name_label, 0, 1)
        grid.addWidget(self.id_label, 1, 1)
        grid.addWidget(self.ticket_label, 2, 1)
        grid.addWidget(self.state_label, 3, 1)
        grid.addWidget(QLabel(self.tr("座位号")), 0, 2, Qt.AlignmentFlag.AlignRight)
        grid.addWidget(self.seat_label, 1, 2, 3, 1, Qt.AlignmentFlag.AlignRight)
        grid.setColumnStretch(1, 1)
        grid.setRowStretch(4, 1)
        return card

    def _build_buttons(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.state_buttons: dict[Attendance, QPushButton] = {}
        for key, state, text in KEYS:
            button = QPushButton(
                self.tr("{0}（{1}）").format(self.tr(text), QKeySequence(key).toString())
            )
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.clicked.connect(lambda _=False, s=state: self.set_state(s))
            self.state_buttons[state] = button
            row.addWidget(button)
        self.incident_button = QPushButton(self.tr("违纪记录（F8）"))
        self.incident_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.incident_button.clicked.connect(self._on_incident)
        row.addWidget(self.incident_button)
        self.mismatch_button = QPushButton(self.tr("人证不符（F9）"))
        self.mismatch_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.mismatch_button.setStyleSheet("color: #B3261E; font-weight: bold;")
        self.mismatch_button.clicked.connect(self.record_mismatch)
        row.addWidget(self.mismatch_button)
        row.addStretch(1)
        self.absent_button = QPushButton(self.tr("未到考生记为缺考"))
        self.absent_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.absent_button.clicked.connect(self._on_absent_rest)
        row.addWidget(self.absent_button)
        self._enable_actions(False)
        return row

    def _install_keys(self) -> None:
        for key, state, _text in KEYS:
            shortcut = QShortcut(QKeySequence(key), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(lambda s=state: self.set_state(s))
        incident = QShortcut(QKeySequence(Qt.Key.Key_F8), self)
        incident.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        incident.activated.connect(self._on_incident)
        mismatch = QShortcut(QKeySequence(MISMATCH_KEY), self)
        mismatch.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        mismatch.activated.connect(self.record_mismatch)

    # data

    def _call(self, work: Callable[[], object]) -> object | None:
        try:
            return work()
        except KaopingError as error:
            # The field name is this page itself, so only the message is shown.
            self._show_message(error.message, error=True)
            return None

    def _load_batches(self) -> None:
        batches = self._call(lambda: plans.list_batches(self._env, self._actor))
        self.batch_combo.blockSignals(True)
        self.batch_combo.clear()
        for batch in batches if isinstance(batches, list) else []:
            self.batch_combo.addItem(f"{batch.code} {batch.name}", batch.id)
        self.batch_combo.blockSignals(False)
        self._load_sessions()

    def _load_sessions(self) -> None:
        batch_id = self.batch_combo.currentData()
        found = (
            self._call(lambda: checkin.sessions(self._env, self._actor, int(batch_id)))
            if batch_id is not None
            else []
        )
        self.session_combo.blockSignals(True)
        self.session_combo.clear()
        for s in found if isinstance(found, list) else []:
            start = s.starts_at.astimezone(BEIJING)
            self.session_combo.addItem(
                self.tr("{0} {1} 第{2}考场 {3} {4}").format(
                    s.code, labels.label(s.component), s.room_index, s.room, f"{start:%m-%d %H:%M}"
                ),
                s.id,
            )
        self.session_combo.blockSignals(False)
        self._on_session_changed()

    def session_id(self) -> int | None:
        """The session being checked into."""
        data = self.session_combo.currentData()
        return None if data is None else int(data)

    def select_session(self, session_id: int) -> None:
        """Choose the session (and its batch) being checked into."""
        for b in range(self.batch_combo.count()):
            self.batch_combo.setCurrentIndex(b)
            index = self.session_combo.findData(session_id)
            if index >= 0:
                self.session_combo.setCurrentIndex(index)
                return

    def _on_session_changed(self) -> None:
        self._show_seat(None)
        self._show_message("")
        self.refresh_counts()
        self.scan_edit.setFocus()

    def refresh_counts(self) -> None:
        """Reload the live attendance of the session's rooms."""
        session_id = self.session_id()
        counts = (
            self._call(lambda: checkin.room_counts(self._env, self._actor, session_id))
            if session_id is not None
            else []
        )
        rows: list[RoomCount] = counts if isinstance(counts, list) else []
        self.counts_table.setRowCount(len(rows))
        for r, room in enumerate(rows):
            c = room.counts
            cells = [
                self.tr("{0} 第{1}考场 {2}").format(
                    room.session.code, room.session.room_index, room.session.room
                ),
                str(room.total),
                str(c.get(Attendance.PRESENT, 0)),
                str(c.get(Attendance.LATE, 0)),
                str(c.get(Attendance.ABSENT, 0)),
                str(c.get(Attendance.LEFT, 0)),
                str(c.get(Attendance.EXPECTED, 0)),
            ]
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if room.session.id == session_id:
                    item.setFont(_font(11, bold=True))
                self.counts_table.setItem(r, col, item)

    # actions

    def _on_scan(self) -> None:
        text = self.scan_edit.text()
        self.scan_edit.clear()
        session_id = self.session_id()
        if session_id is None:
            self._show_message(self.tr("请先选择场次。"), error=True)
            return
        outcome = self._call(lambda: checkin.check_in(self._env, self._actor, session_id, text))
        if isinstance(outcome, CheckinOutcome):
            self._show_outcome(outcome)
        else:
            self._show_seat(None)
        self.refresh_counts()
        self.scan_edit.setFocus()

    def _show_outcome(self, outcome: CheckinOutcome) -> None:
        self._show_seat(outcome.seat)
        if outcome.already:
            moment = outcome.seat.checked_in_at
            when = f" {moment.astimezone(BEIJING):%H:%M}" if moment else ""
            self._show_message(
                self.tr("该考生此前已签到{0}，状态未更改。").format(when), error=True
            )
        elif outcome.qr_verified:
            self._show_message(self.tr("二维码校验通过。请核对照片与本人、身份证件。"))
        else:
            self._show_message(
                self.tr("{0}签到（未经二维码校验）：请仔细核对照片与身份证件。").format(
                    labels.label(outcome.method)
                ),
                error=True,
            )

    def set_state(self, state: Attendance) -> None:
        """Set the shown candidate's attendance (keys F2–F4, F6)."""
        seat = self._seat
        if seat is None:
            self._show_message(self.tr("请先扫描或输入考生的准考证号。"), error=True)
            return
        updated = self._call(
            lambda: checkin.set_attendance(self._env, self._actor, seat.seat_id, state)
        )
        if isinstance(updated, SeatView):
            self._show_seat(updated)
            self._show_message(
                self.tr("已将 {0} 记为{1}。").format(updated.name, labels.label(state))
            )
        self.refresh_counts()
        self.scan_edit.setFocus()

    def _on_incident(self) -> None:
        seat = self._seat
        if seat is None:
            self._show_message(self.tr("请先扫描或输入违纪考生的准考证号。"), error=True)
            return
        dialog = IncidentDialog(
            self, self.tr("{0}（座位 {1}）").format(seat.name, f"{seat.seat_no:03d}")
        )
        if dialog.exec() == QDialog.DialogCode.Accepted:
            done = self._call(
                lambda: checkin.record_incident(
                    self._env,
                    self._actor,
                    seat.seat_id,
                    dialog.kind(),
                    dialog.note_edit.toPlainText(),
                )
            )
            if done is not None:
                self._show_message(self.tr("已记录 {0} 的违纪情况。").format(seat.name))
        self.scan_edit.setFocus()

    def record_mismatch(self) -> None:
        """Record at once that the person at the desk does not match the photo or ID (F9)."""
        seat = self._seat
        if seat is None:
            self._show_message(self.tr("请先扫描或输入考生的准考证号。"), error=True)
            return
        done = self._call(
            lambda: checkin.record_identity_mismatch(self._env, self._actor, seat.seat_id)
        )
        if done is not None:
            self._show_message(
                self.tr("已记录人证不符：{0}（座位 {1}）。请按考场规定处理并报告主考。").format(
                    seat.name, f"{seat.seat_no:03d}"
                ),
                error=True,
            )
        self.scan_edit.setFocus()

    def _on_absent_rest(self) -> None:
        session_id = self.session_id()
        if session_id is None or not messages.confirm(
            self,
            self.tr("未到考生记为缺考"),
            self.tr("把本场次所有尚未签到的考生记为缺考？之后到场的考生仍可扫码签到改为已到。"),
        ):
            self.scan_edit.setFocus()
            return
        count = self._call(
            lambda: checkin.mark_remaining_absent(self._env, self._actor, session_id)
        )
        if isinstance(count, int):
            self._show_message(self.tr("已将 {0} 名未到考生记为缺考。").format(count))
        self.refresh_counts()
        self.scan_edit.setFocus()

    # showing

    def _enable_actions(self, enabled: bool) -> None:
        for button in self.state_buttons.values():
            button.setEnabled(enabled)
        self.incident_button.setEnabled(enabled)
        self.mismatch_button.setEnabled(enabled)

    def _show_message(self, text: str, error: bool = False) -> None:
        colour = "#B3261E" if error else "#1B7F3B"
        self.message_label.setStyleSheet(f"color: {colour};")
        self.message_label.setText(text)

    def _show_seat(self, seat: SeatView | None) -> None:
        self._seat = seat
        self._enable_actions(seat is not None)
        if seat is None:
            for label in (
                self.name_label,
                self.id_label,
                self.ticket_label,
                self.seat_label,
                self.state_label,
            ):
                label.setText("")
            self.photo_label.setPixmap(QPixmap())
            self.photo_label.setText(self.tr("照片"))
            return
        self.name_label.setText(seat.name)
        self.id_label.setText(f"{labels.label(seat.id_type)} {seat.id_masked}")
        self.ticket_label.setText(self.tr("准考证号 {0}").format(seat.ticket_no))
        self.seat_label.setText(f"{seat.seat_no:03d}")
        self.state_label.setText(labels.label(seat.attendance))
        self.state_label.setStyleSheet(f"color: {STATE_COLOURS[seat.attendance]};")
        self._show_photo(seat.photo)

    def _show_photo(self, photo: bytes | None) -> None:
        pixmap = QPixmap()
        if photo and pixmap.loadFromData(photo):
            self.photo_label.setPixmap(
                pixmap.scaled(
                    PHOTO_W,
                    PHOTO_H,
                    Qt.AspectRatioMode.KeepAspectRatio,
                    Qt.TransformationMode.SmoothTransformation,
                )
            )
        else:
            self.photo_label.setPixmap(QPixmap())
            self.photo_label.setText(self.tr("无照片，请核对证件"))


def _font(size: int, bold: bool = False) -> QFont:
    font = QFont()
    font.setPointSize(size)
    font.setBold(bold)
    return font


def _big_label(size: int) -> QLabel:
    label = QLabel("")
    label.setFont(_font(size, bold=size >= 20))
    label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
    return label
