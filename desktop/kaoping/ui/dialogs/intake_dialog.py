"""The intake form (考生报名): one candidate's declared facts, checked as they are typed."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from kaoping.domain.catalogue import Level
from kaoping.domain.eligibility import Education, Title
from kaoping.domain.errors import KaopingError
from kaoping.domain.idnumber import IdType
from kaoping.domain.plans import Batch
from kaoping.domain.roster import HEADER_OF, RegionBasis, Route
from kaoping.services import intake
from kaoping.services.base import Actor, Env
from kaoping.services.intake import IntakeResult
from kaoping.ui import labels, messages
from kaoping.ui.labels import QT_TRANSLATE_NOOP

ERROR_STYLE = "color: #B00020;"
OK_STYLE = "color: #1B5E20;"
DATE_HINT = QT_TRANSLATE_NOOP("IntakeDialog", "如 2020-07-01")


class IntakeDialog(QDialog):
    """Enter one candidate into a batch; problems are shown next to their fields."""

    def __init__(
        self,
        env: Env,
        actor: Actor,
        batch: Batch,
        occupation_name: str,
        parent: QWidget | None = None,
        today: date | None = None,
    ) -> None:
        super().__init__(parent)
        self._env = env
        self._actor = actor
        self._batch = batch
        self._today = today or intake.local_today(env)
        self.result_value: IntakeResult | None = None
        self.edits: dict[str, QLineEdit] = {}
        self.combos: dict[str, QComboBox] = {}
        self.errors: dict[str, QLabel] = {}
        self.setWindowTitle(self.tr("考生报名"))
        self.resize(760, 720)
        outer = QVBoxLayout(self)
        direction = self.tr("（{0}方向）").format(batch.direction) if batch.direction else ""
        target = QLabel(
            self.tr("申报：{0}{1}{2}　批次 {3}").format(
                occupation_name, direction, labels.label(batch.level), batch.code
            )
        )
        target.setStyleSheet("font-weight: bold;")
        outer.addWidget(target)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        body = QWidget()
        column = QVBoxLayout(body)
        column.addWidget(self._identity_group())
        column.addWidget(self._education_group())
        column.addWidget(self._region_group())
        column.addWidget(self._training_group())
        column.addWidget(self._prior_group())
        scroll.setWidget(body)
        outer.addWidget(scroll, 1)
        self.summary_label = QLabel()
        self.summary_label.setWordWrap(True)
        self.summary_label.setStyleSheet(ERROR_STYLE)
        outer.addWidget(self.summary_label)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("提交报名"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        self.buttons.accepted.connect(self._on_submit)
        self.buttons.rejected.connect(self.reject)
        outer.addWidget(self.buttons)
        self.edits["id_number"].textChanged.connect(self._on_id_changed)
        self.combos["id_type"].currentTextChanged.connect(self._on_id_changed)
        self.edits["name"].setFocus()

    # --- building ---------------------------------------------------------------------------

    def _group(self, title: str) -> tuple[QGroupBox, QGridLayout]:
        box = QGroupBox(title)
        grid = QGridLayout(box)
        grid.setColumnStretch(1, 1)
        grid.setColumnMinimumWidth(0, 150)
        grid.setColumnMinimumWidth(1, 320)
        return box, grid

    def _add(self, grid: QGridLayout, key: str, field: QWidget, *, required: bool = False) -> None:
        row = grid.rowCount()
        label = QLabel(labels.label(HEADER_OF.get(key, key)) + ("＊" if required else ""))
        label.setBuddy(field)
        error = QLabel()
        error.setStyleSheet(ERROR_STYLE)
        error.setWordWrap(True)
        error.setObjectName(f"error_{key}")
        self.errors[key] = error
        grid.addWidget(label, row, 0)
        grid.addWidget(field, row, 1)
        grid.addWidget(error, row, 2)
        grid.setColumnStretch(2, 1)

    def _edit(
        self, grid: QGridLayout, key: str, *, required: bool = False, placeholder: str = ""
    ) -> QLineEdit:
        edit = QLineEdit()
        edit.setObjectName(key)
        edit.setPlaceholderText(placeholder)
        self.edits[key] = edit
        self._add(grid, key, edit, required=required)
        return edit

    def _combo(
        self, grid: QGridLayout, key: str, items: list[str], *, required: bool = False
    ) -> QComboBox:
        combo = QComboBox()
        combo.setObjectName(key)
        # The Chinese value travels as the item's data; the text shown may be translated.
        for item in items:
            combo.addItem(labels.label(item), item)
        self.combos[key] = combo
        self._add(grid, key, combo, required=required)
        return combo

    def _identity_group(self) -> QGroupBox:
        box, grid = self._group(self.tr("身份与联系方式"))
        self._edit(grid, "name", required=True)
        self._combo(grid, "id_type", [t.value for t in IdType], required=True)
        self._edit(grid, "id_number", required=True, placeholder=self.tr("18位公民身份号码"))
        self.id_facts_label = QLabel()
        self.id_facts_label.setStyleSheet(OK_STYLE)
        grid.addWidget(self.id_facts_label, grid.rowCount(), 1)
        self._edit(grid, "phone", required=True, placeholder=self.tr("11位手机号"))
        self._combo(grid, "route", [r.label for r in Route], required=True)
        return box

    def _education_group(self) -> QGroupBox:
        box, grid = self._group(self.tr("学历、工作与职称"))
        self._combo(grid, "education", [e.value for e in Education], required=True)
        self.combos["education"].setCurrentIndex(
            self.combos["education"].findData(Education.BACHELOR.value)
        )
        self._edit(grid, "major")
        related = QCheckBox(self.tr("所学专业与申报职业相关"))
        related.setObjectName("major_related")
        self.related_box = related
        self._add(grid, "major_related", related)
        self._edit(grid, "graduation_date", placeholder=self.tr(DATE_HINT))
        self._edit(
            grid, "work_start_date", placeholder=self.tr("无本职业工作经历（如应届毕业生）可留空")
        )
        self._combo(grid, "title", [t.value for t in Title])
        self._edit(grid, "title_date", placeholder=self.tr("有职称时填写"))
        return box

    def _region_group(self) -> QGroupBox:
        box, grid = self._group(self.tr("在桂依据"))
        self._combo(grid, "region_basis", [b.value for b in RegionBasis], required=True)
        self._edit(grid, "work_unit", placeholder=self.tr("灵活就业、新就业形态人员可选“在桂居住”"))
        self._edit(grid, "region_note", placeholder=self.tr("在桂居住时填写居住地址或居住证号"))
        return box

    def _training_group(self) -> QGroupBox:
        box, grid = self._group(self.tr("培训合格证书（已参加培训时填写）"))
        self._edit(grid, "training_cert_no")
        self._edit(grid, "training_body")
        self._edit(grid, "training_hours")
        self._edit(grid, "training_date", placeholder=self.tr(DATE_HINT))
        return box

    def _prior_group(self) -> QGroupBox:
        box, grid = self._group(self.tr("已取得的专业技术等级证书（如有）"))
        self._edit(grid, "prior_occupation", placeholder=self.tr("职业编码，如 2-02-10-09"))
        self._combo(grid, "prior_level", ["", *[level.label for level in Level]])
        self._edit(grid, "prior_number")
        self._edit(grid, "prior_date", placeholder=self.tr(DATE_HINT))
        return box

    # --- behaviour --------------------------------------------------------------------------

    def cells(self) -> dict[str, str]:
        """What was typed, by form key."""
        values = {key: edit.text() for key, edit in self.edits.items()}
        values.update({key: str(combo.currentData() or "") for key, combo in self.combos.items()})
        values["major_related"] = "yes" if self.related_box.isChecked() else "no"
        return values

    def _on_id_changed(self, _text: str = "") -> None:
        number = self.edits["id_number"].text()
        self.errors["id_type"].clear()
        if not number.strip():
            self.errors["id_number"].clear()
            self.id_facts_label.clear()
            return
        verdict = intake.check_id(
            str(self.combos["id_type"].currentData() or ""), number, self._today
        )
        if verdict.valid:
            self.errors["id_number"].clear()
            facts = (
                self.tr("出生日期 {0}，性别 {1}").format(
                    verdict.birth_date, labels.label(verdict.sex)
                )
                if verdict.birth_date
                else self.tr("号码格式正确")
            )
            self.id_facts_label.setText("✓ " + facts)
        else:
            self.id_facts_label.clear()
            key = "id_type" if verdict.field == HEADER_OF["id_type"] else "id_number"
            self.errors[key].setText(verdict.reason)

    def _clear_errors(self) -> None:
        for label in self.errors.values():
            label.clear()
        self.summary_label.clear()

    def _show_problem(self, field: str, reason: str) -> None:
        keys = {header: key for key, header in HEADER_OF.items()}
        key = keys.get(field)
        if key is not None and key in self.errors:
            label = self.errors[key]
            if reason not in label.text():
                label.setText((label.text() + "；" if label.text() else "") + reason)
        else:
            self.summary_label.setText(self.tr("“{0}”：{1}").format(labels.label(field), reason))

    def _on_submit(self) -> None:
        self._clear_errors()
        self._on_id_changed()
        form, problems = intake.parse_form(self.cells(), self._today)
        if form is None:
            for problem in problems:
                self._show_problem(problem.field, problem.reason)
            self.summary_label.setText(
                self.tr("有 {0} 处需要修改，见各栏右侧的红字。").format(len(problems))
            )
            return
        try:
            self.result_value = intake.enter_candidate(self._env, self._actor, self._batch.id, form)
        except KaopingError as error:
            if not error.field:
                messages.show_error(self, error)
                return
            self._show_problem(error.field, error.message)
            if not self.summary_label.text():
                self.summary_label.setText(
                    self.tr("未能提交，见“{0}”一栏右侧的说明。").format(labels.label(error.field))
                )
            return
        self.accept()
