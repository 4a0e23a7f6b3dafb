"""核查抽样: draw a reproducible sample of a batch, record what checking found, re-run a draw."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kaoping.domain.beijing import beijing
from kaoping.domain.errors import KaopingError
from kaoping.domain.plans import Batch
from kaoping.domain.roles import Permission
from kaoping.domain.sampling import CheckedFact, CheckOutcome
from kaoping.services import plans, sampling
from kaoping.services.base import Actor, Env
from kaoping.services.ports.intake import DrawRecord
from kaoping.services.sampling import SampleMember
from kaoping.ui import choices, labels, messages
from kaoping.ui.labels import QT_TRANSLATE_NOOP

NOT_CHECKED = QT_TRANSLATE_NOOP("OutcomeDialog", "未核查")
HEADERS = [
    QT_TRANSLATE_NOOP("SamplingPage", "编号"),
    QT_TRANSLATE_NOOP("SamplingPage", "姓名"),
    QT_TRANSLATE_NOOP("SamplingPage", "证件号码"),
    QT_TRANSLATE_NOOP("SamplingPage", "来源"),
    QT_TRANSLATE_NOOP("SamplingPage", "状态"),
]
# Then one column per checked fact, named by the fact.
COLUMNS = len(HEADERS) + len(CheckedFact)


class OutcomeDialog(QDialog):
    """Record the outcome of each checked fact of one candidate, with a note."""

    def __init__(self, member: SampleMember, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(
            self.tr("登记核查结果 — {0}（{1}）").format(
                member.candidate.name, member.candidate.id_masked
            )
        )
        grid = QGridLayout(self)
        self.combos: dict[CheckedFact, QComboBox] = {}
        self.notes: dict[CheckedFact, QLineEdit] = {}
        for row, fact in enumerate(CheckedFact):
            combo = QComboBox()
            combo.addItem(self.tr(NOT_CHECKED), None)
            for outcome in CheckOutcome:
                combo.addItem(labels.label(outcome), outcome)
            note = QLineEdit()
            note.setPlaceholderText(self.tr("核查方式与依据（不属实或无法核实时必填）"))
            recorded = member.outcomes.get(fact)
            if recorded is not None:
                combo.setCurrentIndex(list(CheckOutcome).index(recorded.outcome) + 1)
                note.setText(recorded.note)
            grid.addWidget(QLabel(labels.label(fact)), row, 0)
            grid.addWidget(combo, row, 1)
            grid.addWidget(note, row, 2)
            self.combos[fact], self.notes[fact] = combo, note
        warning = QLabel(
            self.tr("任何一项“不实”即为不实承诺：申报作废，成绩与证书作废，并列入失信人员名单。")
        )
        warning.setStyleSheet("color: #B00020;")
        warning.setWordWrap(True)
        grid.addWidget(warning, len(CheckedFact), 0, 1, 3)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        grid.addWidget(buttons, len(CheckedFact) + 1, 0, 1, 3)

    def outcomes(self) -> dict[CheckedFact, tuple[CheckOutcome, str]]:
        """The facts given an outcome."""
        chosen: dict[CheckedFact, tuple[CheckOutcome, str]] = {}
        for fact, combo in self.combos.items():
            outcome = choices.chosen(combo, CheckOutcome)
            if outcome is not None:
                chosen[fact] = (outcome, self.notes[fact].text())
        return chosen


class SamplingPage(QWidget):
    """Draw samples per batch, list who is to be checked, record outcomes, re-run a draw."""

    def __init__(self, env: Env, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._env = env
        self._actor = actor
        self._batches: list[Batch] = []
        self._draws: list[DrawRecord] = []
        self._members: list[SampleMember] = []
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("核查抽样")))
        top = QHBoxLayout()
        self.batch_combo = QComboBox()
        self.batch_combo.setMinimumWidth(220)
        self.ratio_spin = QDoubleSpinBox()
        self.ratio_spin.setRange(0.0, 1.0)
        self.ratio_spin.setSingleStep(0.01)
        self.ratio_spin.setDecimals(3)
        self.seed_edit = QLineEdit()
        self.seed_edit.setPlaceholderText(self.tr("种子（留空则随机生成并记录）"))
        self.draw_button = QPushButton(self.tr("抽取样本"))
        self.draw_button.clicked.connect(self._on_draw_clicked)
        for widget in (
            QLabel(self.tr("批次")),
            self.batch_combo,
            QLabel(self.tr("抽查比例")),
            self.ratio_spin,
            self.seed_edit,
            self.draw_button,
        ):
            top.addWidget(widget)
        layout.addLayout(top)
        ratio_note = QLabel(
            self.tr(
                "默认抽查比例为本机构暂定值，未见正式规定，请按主管部门要求调整。"
                "重点核查考生无论是否抽中都要核查。"
            )
        )
        ratio_note.setWordWrap(True)
        ratio_note.setStyleSheet("color: #8A6D00;")
        layout.addWidget(ratio_note)
        row = QHBoxLayout()
        self.draw_combo = QComboBox()
        self.draw_combo.setMinimumWidth(360)
        self.rerun_button = QPushButton(self.tr("重新抽取并比对"))
        self.rerun_button.clicked.connect(self._on_rerun_clicked)
        row.addWidget(QLabel(self.tr("抽查记录")))
        row.addWidget(self.draw_combo, 1)
        row.addWidget(self.rerun_button)
        layout.addLayout(row)
        self.info_label = QLabel()
        self.info_label.setWordWrap(True)
        self.info_label.setTextInteractionFlags(
            self.info_label.textInteractionFlags()
            | self.info_label.textInteractionFlags().TextSelectableByMouse
        )
        layout.addWidget(self.info_label)
        self.table = QTableWidget(0, COLUMNS)
        self.table.setHorizontalHeaderLabels(
            [self.tr(h) for h in HEADERS] + [labels.label(f) for f in CheckedFact]
        )
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        layout.addWidget(self.table, 1)
        bottom = QHBoxLayout()
        self.record_button = QPushButton(self.tr("登记核查结果"))
        self.record_button.clicked.connect(self._on_record_clicked)
        self.record_button.setVisible(actor.can(Permission.SAMPLING_RECORD))
        bottom.addWidget(self.record_button)
        bottom.addStretch(1)
        layout.addLayout(bottom)
        self.batch_combo.currentIndexChanged.connect(lambda _i: self._load_draws())
        self.draw_combo.currentIndexChanged.connect(lambda _i: self._load_members())
        self._load()

    def _load(self) -> None:
        try:
            self._batches = plans.list_batches(self._env, self._actor)
            self.ratio_spin.setValue(float(sampling.default_ratio(self._env, self._actor)))
        except KaopingError as error:
            messages.show_error(self, error)
            return
        self.batch_combo.blockSignals(True)
        for batch in self._batches:
            self.batch_combo.addItem(f"{batch.code}  {batch.name}", batch.id)
        self.batch_combo.blockSignals(False)
        self._load_draws()

    def _load_draws(self, select: int | None = None) -> None:
        batch_id = self.batch_combo.currentData()
        self.draw_combo.blockSignals(True)
        self.draw_combo.clear()
        self._draws = []
        if batch_id is not None:
            try:
                self._draws = sampling.list_draws(self._env, self._actor, batch_id)
            except KaopingError as error:
                messages.show_error(self, error)
        for record in self._draws:
            when = beijing(record.drawn_at).strftime("%Y-%m-%d %H:%M")
            self.draw_combo.addItem(
                self.tr("第 {0} 次（{1}，{2}，比例 {3}，{4} 人）").format(
                    record.id, when, record.drawn_by, record.draw.ratio, len(record.draw.drawn)
                ),
                record.id,
            )
        if select is not None:
            self.draw_combo.setCurrentIndex(max(self.draw_combo.findData(select), 0))
        self.draw_combo.blockSignals(False)
        self._load_members()

    def _current_draw(self) -> DrawRecord | None:
        draw_id = self.draw_combo.currentData()
        return next((d for d in self._draws if d.id == draw_id), None)

    def _load_members(self) -> None:
        record = self._current_draw()
        self._members = []
        self.table.setRowCount(0)
        if record is None:
            self.info_label.setText(self.tr("该批次尚无抽查记录。"))
            return
        d = record.draw
        self.info_label.setText(
            self.tr(
                "种子 {0}　方法 {1}　总体 {2} 人（名单指纹 {3}…）　随机抽取 {4} 人　重点核查 {5} 人"
            ).format(
                d.seed,
                d.method,
                d.population_size,
                record.population_sha256[:16],
                d.sample_size,
                len(d.flagged),
            )
        )
        try:
            self._members = sampling.members(self._env, self._actor, record.id)
        except KaopingError as error:
            messages.show_error(self, error)
            return
        self.table.setRowCount(len(self._members))
        for r, member in enumerate(self._members):
            c = member.candidate
            source = self.tr("随机抽取") if member.randomly_drawn else self.tr("重点核查")
            cells = [str(c.id), c.name, c.id_masked, source, labels.label(c.status)]
            cells += [
                labels.label(member.outcomes[f].outcome) if f in member.outcomes else ""
                for f in CheckedFact
            ]
            for col, text in enumerate(cells):
                self.table.setItem(r, col, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()

    def _on_draw_clicked(self) -> None:
        batch_id = self.batch_combo.currentData()
        if batch_id is None:
            messages.show_info(self, self.tr("核查抽样"), self.tr("请先选择批次。"))
            return
        ratio = Decimal(str(round(self.ratio_spin.value(), 3)))
        try:
            record = sampling.draw(
                self._env, self._actor, batch_id, ratio, self.seed_edit.text().strip() or None
            )
        except KaopingError as error:
            messages.show_error(self, error)
            return
        self._load_draws(select=record.id)

    def _on_rerun_clicked(self) -> None:
        record = self._current_draw()
        if record is None:
            return
        try:
            report = sampling.rerun(self._env, self._actor, record.id)
        except KaopingError as error:
            messages.show_error(self, error)
            return
        if report.matches and report.population_intact:
            text = self.tr("重新抽取结果与记录一致（{0} 人），总体名单指纹一致。").format(
                len(report.repeated.drawn)
            )
        else:
            text = self.tr(
                "不一致！记录有而重抽没有：{0}；重抽有而记录没有：{1}；名单指纹{2}。"
            ).format(
                list(report.missing),
                list(report.extra),
                self.tr("一致") if report.population_intact else self.tr("不符"),
            )
        messages.show_info(self, self.tr("重新抽取比对"), text)

    def _on_record_clicked(self) -> None:
        record = self._current_draw()
        rows = self.table.selectionModel().selectedRows()
        if record is None or not rows:
            messages.show_info(self, self.tr("核查抽样"), self.tr("请先选择一名被抽中的考生。"))
            return
        member = self._members[rows[0].row()]
        dialog = OutcomeDialog(member, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        try:
            verdict = sampling.record_checks(
                self._env, self._actor, record.id, member.candidate.id, dialog.outcomes()
            )
        except KaopingError as error:
            messages.show_error(self, error)
            return
        if verdict.voided:
            messages.show_info(
                self,
                self.tr("不实承诺"),
                self.tr("{0} 的申报已作废，作废成绩 {1} 条，列入失信人员名单至 {2}。").format(
                    member.candidate.name, verdict.results_voided, verdict.barred_until
                ),
            )
        self._load_members()
