"""考务与场次: the session board of a batch — rooms, seating, staff and what breaks the rules."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QDate, QDateTime, Qt, QTime
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kaoping.domain.assessment import Component
from kaoping.domain.beijing import BEIJING
from kaoping.domain.catalogue import Level
from kaoping.domain.errors import KaopingError
from kaoping.domain.plans import Batch, BatchStatus
from kaoping.domain.staffing import StaffRole
from kaoping.fileio import write_atomically
from kaoping.services import catalogue, plans, sessions
from kaoping.services.base import Actor, Env
from kaoping.services.ports.exams import ExaminerDraft, ExaminerInfo, NewSession
from kaoping.services.sessions import BoardRow
from kaoping.ui import labels, messages
from kaoping.ui.labels import QT_TRANSLATE_NOOP
from kaoping.ui.pages import go_to_page

HEADERS = [
    QT_TRANSLATE_NOOP("SessionsPage", "场次"),
    QT_TRANSLATE_NOOP("SessionsPage", "科目"),
    QT_TRANSLATE_NOOP("SessionsPage", "考点 / 考场"),
    QT_TRANSLATE_NOOP("SessionsPage", "时间"),
    QT_TRANSLATE_NOOP("SessionsPage", "已排座/容量"),
    QT_TRANSLATE_NOOP("SessionsPage", "考评人员"),
    QT_TRANSLATE_NOOP("SessionsPage", "规则检查"),
]
PDF_FILTER = QT_TRANSLATE_NOOP("SessionsPage", "PDF 文件 (*.pdf)")


# Seating names each applicant it held back; a long list is cut so the box fits the screen.
SHOWN_HELD_BACK = 10


def _run(parent: QWidget, work: Callable[[], object]) -> bool:
    try:
        work()
    except KaopingError as error:
        messages.show_error(parent, error)
        return False
    return True


class NewSessionDialog(QDialog):
    """A new session: code, component, site, room, start and end (Beijing time), capacity."""

    def __init__(self, parent: QWidget | None, batch: Batch, components: list[Component]) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("新增场次"))
        self._batch = batch
        form = QFormLayout(self)
        self.code_edit = QLineEdit()
        self.code_edit.setPlaceholderText("T01")
        self.component_combo = QComboBox()
        for component in components:
            self.component_combo.addItem(labels.label(component), component.value)
        self.site_edit = QLineEdit()
        self.room_edit = QLineEdit()
        day = batch.assessment_start
        start = QDateTime(QDate(day.year, day.month, day.day), QTime(9, 0))
        self.start_edit = QDateTimeEdit(start)
        self.end_edit = QDateTimeEdit(start.addSecs(120 * 60))
        for edit in (self.start_edit, self.end_edit):
            edit.setDisplayFormat("yyyy-MM-dd HH:mm")
            edit.setCalendarPopup(True)
        self.capacity_spin = QSpinBox()
        self.capacity_spin.setRange(1, 999)
        self.capacity_spin.setValue(30)
        for label, widget in (
            (self.tr("场次编号"), self.code_edit),
            (self.tr("考核科目"), self.component_combo),
            (self.tr("考点"), self.site_edit),
            (self.tr("考场"), self.room_edit),
            (self.tr("开始（北京时间）"), self.start_edit),
            (self.tr("结束（北京时间）"), self.end_edit),
            (self.tr("座位数"), self.capacity_spin),
        ):
            form.addRow(label, widget)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def session(self) -> NewSession:
        """What was entered."""
        return NewSession(
            self._batch.id,
            self.code_edit.text(),
            Component(str(self.component_combo.currentData())),
            self.site_edit.text(),
            self.room_edit.text(),
            _moment(self.start_edit),
            _moment(self.end_edit),
            self.capacity_spin.value(),
        )


def _moment(edit: QDateTimeEdit) -> datetime:
    value = edit.dateTime()
    day, time = value.date(), value.time()
    return datetime(day.year(), day.month(), day.day(), time.hour(), time.minute(), tzinfo=BEIJING)


class StaffDialog(QDialog):
    """Pick a role (or none) for each person of the registry; OK saves if every rule holds."""

    def __init__(
        self,
        parent: QWidget | None,
        env: Env,
        actor: Actor,
        row: BoardRow,
        people: list[ExaminerInfo],
    ) -> None:
        super().__init__(parent)
        self._env, self._actor, self._session_id = env, actor, row.session.id
        self.setWindowTitle(self.tr("安排考评人员：{0}").format(row.session.code))
        self.resize(640, 480)
        layout = QVBoxLayout(self)
        current = {s.examiner.id: s.role for s in row.staff}
        self.table = QTableWidget(len(people), 4)
        self.table.setHorizontalHeaderLabels(
            [self.tr("姓名"), self.tr("登记职责"), self.tr("资格"), self.tr("本场次职责")]
        )
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self._people = people
        self.role_combos: list[QComboBox] = []
        for r, person in enumerate(people):
            qualification = labels.separator().join(sorted(person.occupations))
            if person.level is not None:
                qualification += f" {labels.label(person.level)}"
            for c, text in enumerate(
                (person.name, labels.joined(sorted(person.roles)), qualification)
            ):
                self.table.setItem(r, c, QTableWidgetItem(text))
            combo = QComboBox()
            combo.addItem(self.tr("不安排"), "")
            for role in StaffRole:
                combo.addItem(labels.label(role), role.value)
            role_now = current.get(person.id)
            combo.setCurrentIndex(combo.findData(role_now.value) if role_now else 0)
            self.table.setCellWidget(r, 3, combo)
            self.role_combos.append(combo)
        layout.addWidget(self.table)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._on_ok)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def slots(self) -> list[tuple[int, StaffRole]]:
        """The chosen (registry id, role) pairs."""
        return [
            (person.id, StaffRole(str(combo.currentData())))
            for person, combo in zip(self._people, self.role_combos, strict=True)
            if combo.currentData()
        ]

    def _on_ok(self) -> None:
        if _run(
            self,
            lambda: sessions.assign_staff(self._env, self._actor, self._session_id, self.slots()),
        ):
            self.accept()


class ExaminerDialog(QDialog):
    """Register a person in the examiner registry."""

    def __init__(self, parent: QWidget | None, occupations: list[tuple[str, str]]) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("登记考评人员"))
        form = QFormLayout(self)
        self.name_edit = QLineEdit()
        form.addRow(self.tr("姓名"), self.name_edit)
        self.role_boxes: dict[StaffRole, QCheckBox] = {}
        roles_row = QHBoxLayout()
        for role in StaffRole:
            box = QCheckBox(labels.label(role))
            self.role_boxes[role] = box
            roles_row.addWidget(box)
        form.addRow(self.tr("职责"), roles_row)
        self.occupation_list = QListWidget()
        for code, name in occupations:
            item = QListWidgetItem(f"{code} {name}")
            item.setData(Qt.ItemDataRole.UserRole, code)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.occupation_list.addItem(item)
        self.occupation_list.setMaximumHeight(140)
        form.addRow(self.tr("可考评职业"), self.occupation_list)
        self.level_combo = QComboBox()
        self.level_combo.addItem(self.tr("（不评分）"), "")
        for level in Level:
            self.level_combo.addItem(labels.label(level), level.value)
        form.addRow(self.tr("最高可考评等级"), self.level_combo)
        self.certificate_edit = QLineEdit()
        self.employer_edit = QLineEdit()
        self.phone_edit = QLineEdit()
        self.account_edit = QLineEdit()
        self.account_edit.setPlaceholderText(self.tr("登录用户名（可不填）"))
        for label, edit in (
            (self.tr("考评员证书编号"), self.certificate_edit),
            (self.tr("工作单位"), self.employer_edit),
            (self.tr("电话"), self.phone_edit),
            (self.tr("关联账号"), self.account_edit),
        ):
            form.addRow(label, edit)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def draft(self) -> ExaminerDraft:
        """What was entered."""
        codes = [
            self.occupation_list.item(i).data(Qt.ItemDataRole.UserRole)
            for i in range(self.occupation_list.count())
            if self.occupation_list.item(i).checkState() == Qt.CheckState.Checked
        ]
        level = str(self.level_combo.currentData())
        return ExaminerDraft(
            self.name_edit.text(),
            frozenset(r for r, box in self.role_boxes.items() if box.isChecked()),
            frozenset(str(c) for c in codes),
            Level(level) if level else None,
            self.certificate_edit.text(),
            self.employer_edit.text(),
            self.phone_edit.text(),
        )


class SessionsPage(QWidget):
    """Sessions of a batch with staff and rule violations; create, seat, staff, print tickets."""

    def __init__(self, env: Env, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._env = env
        self._actor = actor
        self._batches: list[Batch] = []
        self._rows: list[BoardRow] = []
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("批次")))
        self.batch_combo = QComboBox()
        self.batch_combo.setMinimumWidth(280)
        self.batch_combo.currentIndexChanged.connect(self.refresh)
        top.addWidget(self.batch_combo)
        self.summary_label = QLabel("")
        top.addWidget(self.summary_label, 1)
        # Shown only while there is no batch: the next step, one click away.
        self.plan_button = QPushButton(self.tr("去新建考核计划与批次"))
        self.plan_button.clicked.connect(lambda: go_to_page(self, "plans"))
        top.addWidget(self.plan_button)
        layout.addLayout(top)
        splitter = QSplitter(Qt.Orientation.Vertical)
        self.table = QTableWidget(0, len(HEADERS))
        self.table.setHorizontalHeaderLabels([self.tr(h) for h in HEADERS])
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.itemSelectionChanged.connect(self._show_details)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        splitter.addWidget(self.table)
        self.problems_list = QListWidget()
        splitter.addWidget(self.problems_list)
        splitter.setSizes([360, 200])
        layout.addWidget(splitter, 1)
        layout.addLayout(self._build_buttons())
        self._load_batches()

    def _build_buttons(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.buttons: dict[str, QPushButton] = {}
        for key, text, slot in (
            ("new", self.tr("新增场次"), self._on_new_session),
            ("seat", self.tr("排座"), self._on_seat),
            ("staff", self.tr("安排考评人员"), self._on_staff),
            ("tickets", self.tr("打印准考证"), self._on_tickets),
            ("register", self.tr("登记考评人员"), self._on_register),
            ("filing", self.tr("导出计划备案表"), self._on_filing),
        ):
            button = QPushButton(text)
            button.clicked.connect(slot)
            row.addWidget(button)
            self.buttons[key] = button
        row.addStretch(1)
        return row

    def _update_buttons(self) -> None:
        """Grey out what cannot apply now, with the reason as the tooltip."""
        batch = self.batch()
        chosen = self.table.currentRow() >= 0 and bool(self._rows)
        no_batch = self.tr("还没有批次：请先在“考核计划”页新建计划和批次。")
        closed = (
            self.tr("批次已处于“{0}”阶段，不能再新增场次。").format(labels.label(batch.status))
            if batch is not None and batch.status is not BatchStatus.OPEN
            else ""
        )
        no_session = self.tr("请先在列表中选择一个场次。")
        reasons = {
            "new": no_batch if batch is None else closed,
            "seat": no_batch if batch is None else ("" if chosen else no_session),
            "staff": no_batch if batch is None else ("" if chosen else no_session),
            "tickets": no_batch if batch is None else ("" if chosen else no_session),
            "filing": no_batch if batch is None else "",
            "register": "",
        }
        for key, reason in reasons.items():
            self.buttons[key].setEnabled(not reason)
            self.buttons[key].setToolTip(reason)
        self.plan_button.setVisible(batch is None)

    def _load_batches(self) -> None:
        try:
            self._batches = plans.list_batches(self._env, self._actor)
        except KaopingError as error:
            messages.show_error(self, error)
            return
        self.batch_combo.blockSignals(True)
        self.batch_combo.clear()
        for batch in self._batches:
            self.batch_combo.addItem(
                self.tr("{0} {1}（{2}）").format(batch.code, batch.name, labels.label(batch.level)),
                batch.id,
            )
        self.batch_combo.blockSignals(False)
        self.refresh()

    def batch(self) -> Batch | None:
        """The batch shown."""
        index = self.batch_combo.currentIndex()
        return self._batches[index] if 0 <= index < len(self._batches) else None

    def refresh(self) -> None:
        """Reload the board of the chosen batch."""
        batch = self.batch()
        self._rows = []
        if batch is not None:
            try:
                self._rows = sessions.session_board(self._env, self._actor, batch.id)
            except KaopingError as error:
                messages.show_error(self, error)
        self.table.setRowCount(len(self._rows))
        for r, row in enumerate(self._rows):
            self._fill_row(r, row)
        self.table.resizeColumnsToContents()
        bad = sum(1 for row in self._rows if row.problems)
        if batch is None:
            self.summary_label.setText(self.tr("还没有批次。考务安排从考核计划的批次开始。"))
        elif not self._rows:
            self.summary_label.setText(self.tr("本批次还没有场次：请按“新增场次”安排第一个场次。"))
        else:
            self.summary_label.setText(
                self.tr("共 {0} 个场次，{1} 个仍不符合规则").format(len(self._rows), bad)
            )
        if self._rows:
            self.table.selectRow(0)
        else:
            self.problems_list.clear()
        self._update_buttons()

    def _fill_row(self, r: int, row: BoardRow) -> None:
        s = row.session
        start, end = s.starts_at.astimezone(BEIJING), s.ends_at.astimezone(BEIJING)
        staff = labels.separator().join(
            f"{x.examiner.name}({labels.label(x.role)})" for x in row.staff
        )
        verdict = (
            self.tr("✗ {0} 项问题").format(len(row.problems)) if row.problems else self.tr("✓ 符合")
        )
        cells = [
            s.code,
            labels.label(s.component),
            self.tr("{0} / 第{1}考场 {2}").format(s.site, s.room_index, s.room),
            f"{start:%m-%d %H:%M}–{end:%H:%M}",
            f"{s.seated}/{s.capacity}",
            staff or self.tr("未安排"),
            verdict,
        ]
        for c, text in enumerate(cells):
            item = QTableWidgetItem(text)
            if c == len(cells) - 1:
                item.setForeground(QColor("#B3261E" if row.problems else "#1B7F3B"))
            self.table.setItem(r, c, item)

    def selected(self) -> BoardRow | None:
        """The selected session's board row."""
        r = self.table.currentRow()
        return self._rows[r] if 0 <= r < len(self._rows) else None

    def _show_details(self) -> None:
        self.problems_list.clear()
        row = self.selected()
        if row is None:
            return
        if not row.problems:
            item = QListWidgetItem(
                self.tr("场次 {0}：人员安排符合配比、回避与资格要求。").format(row.session.code)
            )
            item.setForeground(QColor("#1B7F3B"))
            self.problems_list.addItem(item)
        for problem in row.problems:
            item = QListWidgetItem(f"✗ {problem}")
            item.setForeground(QColor("#B3261E"))
            self.problems_list.addItem(item)

    def _need_session(self) -> BoardRow | None:
        row = self.selected()
        if row is None:
            messages.show_info(self, self.tr("考务与场次"), self.tr("请先在列表中选择一个场次。"))
        return row

    def _on_new_session(self) -> None:
        batch = self.batch()
        if batch is None:
            messages.show_info(self, self.tr("考务与场次"), self.tr("请先建立考核计划和批次。"))
            return
        components: list[Component] = []
        if not _run(
            self,
            lambda: components.extend(
                sessions.components_of_batch(self._env, self._actor, batch.id)
            ),
        ):
            return
        dialog = NewSessionDialog(self, batch, components)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            _run(self, lambda: sessions.create_session(self._env, self._actor, dialog.session()))
            self.refresh()

    def _on_seat(self) -> None:
        row = self._need_session()
        if row is None:
            return
        results: list[sessions.SeatingResult] = []
        if _run(
            self,
            lambda: results.append(sessions.seat_session(self._env, self._actor, row.session.id)),
        ):
            result = results[0]
            text = self.tr("已排座 {0} 人；本科目仍有 {1} 人未排座。").format(
                result.seated, result.waiting
            )
            if result.held_back:
                shown = "\n".join(result.held_back[:SHOWN_HELD_BACK])
                more = len(result.held_back) - SHOWN_HELD_BACK
                text += "\n" + self.tr("不符合申报条件、未排座 {0} 人：").format(
                    len(result.held_back)
                )
                text += "\n" + shown
                if more > 0:
                    text += "\n" + self.tr("……另有 {0} 人").format(more)
            messages.show_info(self, self.tr("排座"), text)
        self.refresh()

    def _on_staff(self) -> None:
        row = self._need_session()
        if row is None:
            return
        try:
            people = sessions.list_examiners(self._env, self._actor)
        except KaopingError as error:
            messages.show_error(self, error)
            return
        dialog = StaffDialog(self, self._env, self._actor, row, people)
        dialog.exec()
        self.refresh()

    def _on_tickets(self) -> None:
        row = self._need_session()
        if row is None:
            return
        path = messages.save_file(
            self,
            self.tr("保存准考证"),
            self.tr("准考证-{0}.pdf").format(row.session.code),
            self.tr(PDF_FILTER),
        )
        if path is not None:
            _run(
                self,
                lambda: write_atomically(
                    path, sessions.ticket_pdf(self._env, self._actor, row.session.id)
                ),
            )

    def _on_register(self) -> None:
        try:
            occupations = [
                (o.code, o.name) for o in catalogue.list_occupations(self._env, self._actor)
            ]
        except KaopingError as error:
            messages.show_error(self, error)
            return
        dialog = ExaminerDialog(self, occupations)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            _run(
                self,
                lambda: sessions.register_examiner(
                    self._env, self._actor, dialog.draft(), dialog.account_edit.text()
                ),
            )

    def _on_filing(self) -> None:
        batch = self.batch()
        if batch is None:
            return
        path = messages.save_file(
            self, self.tr("保存计划备案表"), self.tr("考核计划备案表.pdf"), self.tr(PDF_FILTER)
        )
        if path is not None:
            _run(
                self,
                lambda: write_atomically(
                    path, sessions.plan_filing_pdf(self._env, self._actor, batch.plan_id)
                ),
            )
