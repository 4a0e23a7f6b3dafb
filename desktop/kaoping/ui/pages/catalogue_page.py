"""标准目录: occupations, codes and directions, each marked verified or not, editable by administrators."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kaoping.domain.errors import KaopingError
from kaoping.domain.roles import Permission
from kaoping.services import catalogue
from kaoping.services.base import Actor, Env
from kaoping.services.ports.dto import OccupationInfo
from kaoping.ui import messages

UNVERIFIED = QColor("#b26a00")


class CataloguePage(QWidget):
    """Tree of occupations and directions with an editor for the selected occupation."""

    def __init__(self, env: Env, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._env = env
        self._actor = actor
        self._occupations: list[OccupationInfo] = []
        layout = QHBoxLayout(self)
        left = QVBoxLayout()
        self.notice = QLabel(self.tr("橙色表示尚未与国家职业标准原文核对的值。"))
        left.addWidget(self.notice)
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels(
            [self.tr("职业 / 方向"), self.tr("编码"), self.tr("2022 编码"), self.tr("状态")]
        )
        self.tree.currentItemChanged.connect(self._on_tree_current_item_changed)
        left.addWidget(self.tree)
        layout.addLayout(left, 3)
        layout.addWidget(self._build_editor(), 2)
        self.refresh()

    def _build_editor(self) -> QGroupBox:
        box = QGroupBox(self.tr("编辑所选职业"))
        form = QFormLayout(box)
        self.code_edit = QLineEdit()
        self.code_edit.setReadOnly(True)
        self.name_edit = QLineEdit()
        self.code_2022_edit = QLineEdit()
        self.source_edit = QLineEdit()
        self.verified_box = QCheckBox(self.tr("名称与标准编码已核实"))
        self.code_2022_verified_box = QCheckBox(self.tr("2022 编码已核实"))
        form.addRow(self.tr("标准编码"), self.code_edit)
        form.addRow(self.tr("职业名称"), self.name_edit)
        form.addRow(self.tr("2022 大典编码"), self.code_2022_edit)
        form.addRow(self.tr("来源"), self.source_edit)
        form.addRow("", self.verified_box)
        form.addRow("", self.code_2022_verified_box)
        self.save_button = QPushButton(self.tr("保存修改"))
        self.save_button.clicked.connect(self._on_save_clicked)
        self.add_direction_button = QPushButton(self.tr("添加职业方向"))
        self.add_direction_button.clicked.connect(self._on_add_direction_clicked)
        self.verify_direction_button = QPushButton(self.tr("所选方向标记为已核实"))
        self.verify_direction_button.clicked.connect(self._on_verify_direction_clicked)
        for button in (self.save_button, self.add_direction_button, self.verify_direction_button):
            form.addRow("", button)
        editable = self._actor.can(Permission.CATALOGUE_EDIT)
        box.setEnabled(editable)
        if not editable:
            box.setTitle(self.tr("只读（需要系统管理员或考务管理员角色才能修改）"))
        return box

    def refresh(self) -> None:
        """Reload the catalogue."""
        try:
            self._occupations = catalogue.list_occupations(self._env, self._actor)
        except KaopingError as error:
            messages.show_error(self, error)
            return
        self.tree.clear()
        for occ in self._occupations:
            item = QTreeWidgetItem(
                [
                    occ.name,
                    occ.code,
                    occ.code_2022 or "—",
                    self._status(occ.verified and occ.code_2022_verified),
                ]
            )
            item.setData(0, Qt.ItemDataRole.UserRole, ("occupation", occ.code))
            self._colour(item, occ.verified and occ.code_2022_verified)
            for direction in occ.directions:
                child = QTreeWidgetItem([direction.name, "", "", self._status(direction.verified)])
                child.setData(0, Qt.ItemDataRole.UserRole, ("direction", occ.code, direction.id))
                self._colour(child, direction.verified)
                item.addChild(child)
            self.tree.addTopLevelItem(item)
        self.tree.expandAll()
        for column in range(4):
            self.tree.resizeColumnToContents(column)

    def _status(self, verified: bool) -> str:
        return self.tr("已核实") if verified else self.tr("待核实")

    @staticmethod
    def _colour(item: QTreeWidgetItem, verified: bool) -> None:
        if not verified:
            item.setForeground(3, QBrush(UNVERIFIED))

    def selected_occupation(self) -> OccupationInfo | None:
        """The occupation of the selected row (or of the selected direction's parent)."""
        item = self.tree.currentItem()
        if item is None:
            return None
        code = item.data(0, Qt.ItemDataRole.UserRole)[1]
        return next((o for o in self._occupations if o.code == code), None)

    def _on_tree_current_item_changed(self, *_: object) -> None:
        occ = self.selected_occupation()
        if occ is None:
            return
        self.code_edit.setText(occ.code)
        self.name_edit.setText(occ.name)
        self.code_2022_edit.setText(occ.code_2022)
        self.source_edit.setText(occ.source)
        self.verified_box.setChecked(occ.verified)
        self.code_2022_verified_box.setChecked(occ.code_2022_verified)

    def _on_save_clicked(self) -> None:
        occ = self.selected_occupation()
        if occ is None:
            return
        changed = OccupationInfo(
            occ.code,
            self.code_2022_edit.text().strip(),
            self.name_edit.text().strip(),
            self.verified_box.isChecked(),
            self.code_2022_verified_box.isChecked(),
            self.source_edit.text().strip(),
            occ.active,
        )
        self._call(lambda: catalogue.update_occupation(self._env, self._actor, changed))

    def _on_add_direction_clicked(self) -> None:
        occ = self.selected_occupation()
        if occ is None:
            return
        name, ok = QInputDialog.getText(
            self, self.tr("添加职业方向"), self.tr("{0} 的新方向名称：").format(occ.name)
        )
        if ok:
            self._call(lambda: catalogue.add_direction(self._env, self._actor, occ.code, name))

    def _on_verify_direction_clicked(self) -> None:
        item = self.tree.currentItem()
        data = item.data(0, Qt.ItemDataRole.UserRole) if item else None
        if not data or data[0] != "direction":
            messages.show_info(self, self.tr("标准目录"), self.tr("请先选择一个职业方向。"))
            return
        _, code, direction_id = data
        name = item.text(0) if item else ""
        self._call(
            lambda: catalogue.update_direction(
                self._env, self._actor, code, direction_id, name, True
            )
        )

    def _call(self, work: object) -> None:
        try:
            work()  # type: ignore[operator]
        except KaopingError as error:
            messages.show_error(self, error)
        self.refresh()
