"""试题编辑: the catalogue data and the content of one item.

Content typed here goes straight to the service, which encrypts it; the dialog checks the content
rules as the user saves (naming the field at fault) and keeps nothing once closed.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from kaoping.domain.catalogue import Level
from kaoping.domain.errors import KaopingError, ValidationError
from kaoping.domain.items import MAX_DIFFICULTY, MIN_DIFFICULTY, ItemContent, ItemMeta, ItemType
from kaoping.services import bank
from kaoping.services.base import Actor, Env
from kaoping.ui import choices, labels


class ItemEditorDialog(QDialog):
    """New item, or an edit of an existing one (saved as a new version by the caller)."""

    def __init__(
        self,
        env: Env,
        actor: Actor,
        occupations: dict[str, str],
        meta: ItemMeta | None = None,
        content: ItemContent | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._env = env
        self._actor = actor
        self.setWindowTitle(self.tr("编辑试题") if meta else self.tr("新建试题"))
        self.resize(640, 600)
        layout = QVBoxLayout(self)
        form = QFormLayout()
        layout.addLayout(form)
        self.occupation_combo = QComboBox()
        for code, name in sorted(occupations.items()):
            self.occupation_combo.addItem(f"{code} {name}", code)
        self.direction_edit = QLineEdit()
        self.direction_edit.setPlaceholderText(self.tr("通用题留空"))
        self.level_combo = QComboBox()
        for level in Level:
            self.level_combo.addItem(labels.label(level), level)
        self.area_combo = QComboBox()
        self.type_combo = QComboBox()
        for item_type in ItemType:
            self.type_combo.addItem(labels.label(item_type), item_type)
        self.difficulty_spin = QSpinBox()
        self.difficulty_spin.setRange(MIN_DIFFICULTY, MAX_DIFFICULTY)
        self.difficulty_spin.setValue(3)
        self.stem_edit = QPlainTextEdit()
        self.options_edit = QPlainTextEdit()
        self.options_edit.setPlaceholderText(self.tr("每行一个选项，依次为 A、B、C…"))
        self.answer_edit = QLineEdit()
        self.answer_edit.setPlaceholderText(self.tr("单选如 B；多选如 ACD；判断填 对 或 错"))
        self.rubric_edit = QPlainTextEdit()
        for label, widget in (
            (self.tr("职业"), self.occupation_combo),
            (self.tr("职业方向"), self.direction_edit),
            (self.tr("等级"), self.level_combo),
            (self.tr("知识领域"), self.area_combo),
            (self.tr("题型"), self.type_combo),
            (self.tr("难度（1–5）"), self.difficulty_spin),
            (self.tr("题干"), self.stem_edit),
            (self.tr("选项"), self.options_edit),
            (self.tr("参考答案"), self.answer_edit),
            (self.tr("评分要点"), self.rubric_edit),
        ):
            form.addRow(label, widget)
        self.error_label = QLabel()
        self.error_label.setStyleSheet("color: #b00020")
        self.error_label.setWordWrap(True)
        layout.addWidget(self.error_label)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("保存"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        buttons.accepted.connect(self._on_save_clicked)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.occupation_combo.currentIndexChanged.connect(self._reload_areas)
        self.level_combo.currentIndexChanged.connect(self._reload_areas)
        self._fill(meta, content)

    def _fill(self, meta: ItemMeta | None, content: ItemContent | None) -> None:
        if meta is not None:
            self.occupation_combo.setCurrentIndex(
                max(0, self.occupation_combo.findData(meta.occupation_code))
            )
            self.direction_edit.setText(meta.direction)
            self.level_combo.setCurrentIndex(self.level_combo.findData(meta.level))
            self.type_combo.setCurrentIndex(self.type_combo.findData(meta.item_type))
            self.difficulty_spin.setValue(meta.difficulty)
        self._reload_areas()
        if meta is not None:
            self.area_combo.setCurrentText(meta.knowledge_area)
        if content is not None:
            self.stem_edit.setPlainText(content.stem)
            self.options_edit.setPlainText("\n".join(content.options))
            self.answer_edit.setText(content.answer)
            self.rubric_edit.setPlainText(content.rubric)
        self._attachments = content.attachments if content else ()

    def _reload_areas(self) -> None:
        current = self.area_combo.currentText()
        self.area_combo.clear()
        code = self.occupation_combo.currentData()
        if not code:
            return
        try:
            areas = bank.knowledge_areas(
                self._env, self._actor, str(code), choices.required(self.level_combo, Level)
            )
        except KaopingError as error:
            self.error_label.setText(str(error))
            return
        self.area_combo.addItems(areas)
        self.error_label.setText(
            ""
            if areas
            else self.tr(
                "权重表中没有该职业此等级的知识领域，请先在 resources/standards/weights.json 中补充"
            )
        )
        if current in areas:
            self.area_combo.setCurrentText(current)

    def meta(self) -> ItemMeta:
        """The catalogue data as entered."""
        return ItemMeta(
            str(self.occupation_combo.currentData() or ""),
            self.direction_edit.text().strip(),
            choices.required(self.level_combo, Level),
            self.area_combo.currentText(),
            choices.required(self.type_combo, ItemType),
            self.difficulty_spin.value(),
        )

    def content(self) -> ItemContent:
        """The content as entered (attachments of an edited item are kept)."""
        options = tuple(
            line.strip() for line in self.options_edit.toPlainText().splitlines() if line.strip()
        )
        return ItemContent(
            self.stem_edit.toPlainText().strip(),
            options,
            self.answer_edit.text().strip().upper()
            if choices.required(self.type_combo, ItemType) in (ItemType.SINGLE, ItemType.MULTIPLE)
            else self.answer_edit.text().strip(),
            self.rubric_edit.toPlainText().strip(),
            self._attachments,
        )

    def _on_save_clicked(self) -> None:
        try:
            self.content().validate(self.meta().item_type)
        except ValidationError as error:
            self.error_label.setText(str(error))
            return
        self.accept()
