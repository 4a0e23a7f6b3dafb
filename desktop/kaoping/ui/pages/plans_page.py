"""考核计划: the exam administrator files assessment plans and opens their batches.

Every other page works on a batch; this is where a batch comes from. A plan names the occupation,
direction and level, its dates, sites and capacity; a batch is one assessment within the plan's
dates. The services refuse what the programme forbids (e.g. a plan outside the body's remit).
"""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kaoping.domain.catalogue import Level
from kaoping.domain.errors import KaopingError
from kaoping.domain.plans import Batch, Plan
from kaoping.services import catalogue, plans
from kaoping.services.base import Actor, Env
from kaoping.ui import labels, messages
from kaoping.ui.labels import QT_TRANSLATE_NOOP

PLAN_HEADERS = [
    QT_TRANSLATE_NOOP("PlansPage", "计划编号"),
    QT_TRANSLATE_NOOP("PlansPage", "名称"),
    QT_TRANSLATE_NOOP("PlansPage", "职业"),
    QT_TRANSLATE_NOOP("PlansPage", "方向"),
    QT_TRANSLATE_NOOP("PlansPage", "等级"),
    QT_TRANSLATE_NOOP("PlansPage", "计划期间"),
    QT_TRANSLATE_NOOP("PlansPage", "考点"),
    QT_TRANSLATE_NOOP("PlansPage", "人数上限"),
    QT_TRANSLATE_NOOP("PlansPage", "培训机构"),
]
BATCH_HEADERS = [
    QT_TRANSLATE_NOOP("PlansPage", "批次编号"),
    QT_TRANSLATE_NOOP("PlansPage", "批次名称"),
    QT_TRANSLATE_NOOP("PlansPage", "考核日期"),
    QT_TRANSLATE_NOOP("PlansPage", "状态"),
]


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _pydate(edit: QDateEdit) -> date:
    value = edit.date().toPython()
    assert isinstance(value, date)
    return value


def _date_edit(day: date) -> QDateEdit:
    edit = QDateEdit(_qdate(day))
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    return edit


class PlanDialog(QDialog):
    """新建考核计划: one form, every field named; the service checks the rules."""

    def __init__(self, env: Env, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._env = env
        self._actor = actor
        self.plan_id: int | None = None
        self.setWindowTitle(self.tr("新建考核计划"))
        form = QFormLayout(self)
        self.code_edit = QLineEdit()
        self.code_edit.setPlaceholderText(self.tr("例如 GX-2027-01"))
        self.title_edit = QLineEdit()
        self.occupation_combo = QComboBox()
        self.direction_combo = QComboBox()
        self.level_combo = QComboBox()
        for level in Level:
            self.level_combo.addItem(labels.label(level), level.value)
        today = env.clock.now().date()
        self.start_edit = _date_edit(today)
        self.end_edit = _date_edit(today + timedelta(days=90))
        self.sites_edit = QLineEdit()
        self.capacity_spin = QSpinBox()
        self.capacity_spin.setRange(1, 100_000)
        self.capacity_spin.setValue(100)
        self.training_edit = QLineEdit()
        for label, widget in (
            (self.tr("计划编号 *"), self.code_edit),
            (self.tr("计划名称 *"), self.title_edit),
            (self.tr("职业 *"), self.occupation_combo),
            (self.tr("职业方向"), self.direction_combo),
            (self.tr("等级 *"), self.level_combo),
            (self.tr("开始日期 *"), self.start_edit),
            (self.tr("结束日期 *"), self.end_edit),
            (self.tr("考点 *"), self.sites_edit),
            (self.tr("人数上限 *"), self.capacity_spin),
            (self.tr("培训机构"), self.training_edit),
        ):
            form.addRow(label, widget)
        self.error_label = QLabel("")
        self.error_label.setStyleSheet("color: #b00020;")
        self.error_label.setWordWrap(True)
        form.addRow(self.error_label)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self._load_occupations()
        self.occupation_combo.currentIndexChanged.connect(self._fill_directions)
        self._fill_directions()

    def _load_occupations(self) -> None:
        try:
            occupations = catalogue.list_occupations(self._env, self._actor)
        except KaopingError as error:
            self.error_label.setText(str(error))
            return
        self._directions: dict[str, list[str]] = {}
        for occupation in occupations:
            if not occupation.active:
                continue
            self.occupation_combo.addItem(f"{occupation.code} {occupation.name}", occupation.code)
            self._directions[occupation.code] = [d.name for d in occupation.directions]

    def _fill_directions(self) -> None:
        self.direction_combo.clear()
        self.direction_combo.addItem(self.tr("（不分方向）"), "")
        code = str(self.occupation_combo.currentData() or "")
        for name in self._directions.get(code, []):
            self.direction_combo.addItem(name, name)

    def plan(self) -> Plan:
        """The plan the form describes (id 0: the service assigns it)."""
        return Plan(
            0,
            self.code_edit.text().strip(),
            self.title_edit.text().strip(),
            str(self.occupation_combo.currentData() or ""),
            str(self.direction_combo.currentData() or ""),
            Level(str(self.level_combo.currentData())),
            _pydate(self.start_edit),
            _pydate(self.end_edit),
            self.sites_edit.text().strip(),
            self.capacity_spin.value(),
            self.training_edit.text().strip(),
        )

    def save(self) -> bool:
        """File the plan; on a refusal show why and keep everything typed."""
        try:
            self.plan_id = plans.create_plan(self._env, self._actor, self.plan())
        except KaopingError as error:
            self.error_label.setText(str(error))
            return False
        self.accept()
        return True


class BatchDialog(QDialog):
    """新建批次 of a plan, with assessment dates inside the plan's."""

    def __init__(self, env: Env, actor: Actor, plan: Plan, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._env = env
        self._actor = actor
        self._plan = plan
        self.batch_id: int | None = None
        self.setWindowTitle(self.tr("新建批次"))
        form = QFormLayout(self)
        form.addRow(self.tr("考核计划"), QLabel(f"{plan.code} {plan.title}"))
        self.code_edit = QLineEdit()
        self.name_edit = QLineEdit()
        self.start_edit = _date_edit(plan.start_date)
        self.end_edit = _date_edit(plan.start_date)
        for edit in (self.start_edit, self.end_edit):
            edit.setDateRange(_qdate(plan.start_date), _qdate(plan.end_date))
        form.addRow(self.tr("批次编号 *"), self.code_edit)
        form.addRow(self.tr("批次名称"), self.name_edit)
        form.addRow(self.tr("考核开始 *"), self.start_edit)
        form.addRow(self.tr("考核结束 *"), self.end_edit)
        hint = QLabel(
            self.tr("考核日期须在计划期间 {0} 至 {1} 之内。").format(plan.start_date, plan.end_date)
        )
        hint.setWordWrap(True)
        form.addRow(hint)
        self.error_label = QLabel("")
        self.error_label.setStyleSheet("color: #b00020;")
        self.error_label.setWordWrap(True)
        form.addRow(self.error_label)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def save(self) -> bool:
        """Open the batch; on a refusal show why and keep everything typed."""
        try:
            self.batch_id = plans.create_batch(
                self._env,
                self._actor,
                self._plan.id,
                self.code_edit.text().strip(),
                self.name_edit.text().strip(),
                _pydate(self.start_edit),
                _pydate(self.end_edit),
            )
        except KaopingError as error:
            self.error_label.setText(str(error))
            return False
        self.accept()
        return True


class PlansPage(QWidget):
    """Plans above, the chosen plan's batches below; 新建计划… and 新建批次…."""

    def __init__(self, env: Env, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._env = env
        self._actor = actor
        self._plans: list[Plan] = []
        layout = QVBoxLayout(self)
        buttons = QHBoxLayout()
        self.new_plan_button = QPushButton(self.tr("新建计划…"))
        self.new_plan_button.clicked.connect(self._on_new_plan_clicked)
        self.new_batch_button = QPushButton(self.tr("新建批次…"))
        self.new_batch_button.clicked.connect(self._on_new_batch_clicked)
        buttons.addWidget(self.new_plan_button)
        buttons.addWidget(self.new_batch_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.hint_label = QLabel("")
        self.hint_label.setWordWrap(True)
        layout.addWidget(self.hint_label)
        self.plan_table = self._table(PLAN_HEADERS)
        self.plan_table.itemSelectionChanged.connect(self._show_batches)
        self.batch_table = self._table(BATCH_HEADERS)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.setObjectName("plans_splitter")
        splitter.addWidget(self.plan_table)
        splitter.addWidget(self.batch_table)
        layout.addWidget(splitter, 1)
        self.reload()

    def _table(self, headers: list[str]) -> QTableWidget:
        table = QTableWidget(0, len(headers))
        table.setHorizontalHeaderLabels([self.tr(h) for h in headers])
        table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        table.horizontalHeader().setStretchLastSection(True)
        return table

    def reload(self, select_plan: int | None = None) -> None:
        """Read the plans again, keeping (or moving to) the chosen one."""
        keep = select_plan if select_plan is not None else self._chosen_id()
        try:
            self._plans = plans.list_plans(self._env, self._actor)
        except KaopingError as error:
            messages.show_error(self, error)
            return
        self.plan_table.setRowCount(len(self._plans))
        for row, plan in enumerate(self._plans):
            cells = [
                plan.code,
                plan.title,
                plan.occupation_code,
                plan.direction or "—",
                labels.label(plan.level),
                self.tr("{0} 至 {1}").format(plan.start_date, plan.end_date),
                plan.sites,
                str(plan.capacity),
                plan.training_body,
            ]
            for column, text in enumerate(cells):
                self.plan_table.setItem(row, column, QTableWidgetItem(text))
        rows = [i for i, p in enumerate(self._plans) if p.id == keep] or [0]
        if self._plans:
            self.plan_table.selectRow(rows[0])
        self.plan_table.resizeColumnsToContents()
        self._show_batches()

    def _chosen_id(self) -> int | None:
        plan = self.chosen_plan()
        return plan.id if plan else None

    def chosen_plan(self) -> Plan | None:
        """The plan selected in the upper table."""
        rows = self.plan_table.selectionModel().selectedRows()
        if not rows or rows[0].row() >= len(self._plans):
            return None
        return self._plans[rows[0].row()]

    def _show_batches(self) -> None:
        plan = self.chosen_plan()
        self.new_batch_button.setEnabled(plan is not None)
        self.new_batch_button.setToolTip(
            "" if plan else self.tr("请先新建或选中一个考核计划，批次属于计划。")
        )
        if not self._plans:
            self.hint_label.setText(
                self.tr(
                    "还没有考核计划。请按“新建计划…”填写职业、等级、期间与考点，再为计划新建批次。"
                )
            )
        else:
            self.hint_label.setText("")
        batches: list[Batch] = []
        if plan is not None:
            try:
                batches = plans.list_batches(self._env, self._actor, plan.id)
            except KaopingError as error:
                messages.show_error(self, error)
        self.batch_table.setRowCount(len(batches))
        for row, batch in enumerate(batches):
            cells = [
                batch.code,
                batch.name,
                self.tr("{0} 至 {1}").format(batch.assessment_start, batch.assessment_end),
                labels.label(batch.status),
            ]
            for column, text in enumerate(cells):
                self.batch_table.setItem(row, column, QTableWidgetItem(text))
        self.batch_table.resizeColumnsToContents()

    def _on_new_plan_clicked(self) -> None:
        dialog = PlanDialog(self._env, self._actor, self)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.plan_id is not None:
            self.reload(select_plan=dialog.plan_id)

    def _on_new_batch_clicked(self) -> None:
        plan = self.chosen_plan()
        if plan is None:
            return
        dialog = BatchDialog(self._env, self._actor, plan, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.reload(select_plan=plan.id)
