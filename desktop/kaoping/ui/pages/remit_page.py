"""业务范围: the occupations, directions and levels the body is listed for, and who confirmed them.

The system administrator ticks the remit in a tree (one row per occupation, "全部方向", and one per
direction; one column per level) and proposes it with its basis; a quality supervisor confirms it.
The same tree serves the first-run dialog through `RemitDialog`, so the remit can be entered at
set-up without making that dialog taller than a small laptop screen.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kaoping.domain.beijing import BEIJING
from kaoping.domain.catalogue import Level
from kaoping.domain.errors import KaopingError
from kaoping.domain.remit import ALL_DIRECTIONS, RemitEntry, RemitVersion
from kaoping.domain.roles import Permission
from kaoping.services import catalogue, remit
from kaoping.services.base import Actor, Env
from kaoping.ui import labels, messages

Occupations = Sequence[tuple[str, str, Sequence[str]]]
"""(code, name, direction names) of each occupation the tree offers."""

_LEVELS = tuple(Level)
_KEY = Qt.ItemDataRole.UserRole


class RemitTree(QTreeWidget):
    """A tick box per occupation (all directions, or one direction) and level."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setHeaderLabels([self.tr("职业 / 方向")] + [labels.label(level) for level in _LEVELS])
        self.setRootIsDecorated(True)

    def fill(self, occupations: Occupations, ticked: Iterable[RemitEntry] = ()) -> None:
        """Offer these occupations, with the given entries ticked."""
        chosen = set(ticked)
        self.clear()
        for code, name, directions in occupations:
            top = self._row(None, f"{name}（{code}）", code, ALL_DIRECTIONS, chosen)
            top.setText(0, self.tr("{0}（{1}）全部方向").format(name, code))
            for direction in directions:
                self._row(top, direction, code, direction, chosen)
            self.addTopLevelItem(top)
        self.expandAll()
        self.resizeColumnToContents(0)

    def _row(
        self,
        parent: QTreeWidgetItem | None,
        text: str,
        code: str,
        direction: str,
        chosen: set[RemitEntry],
    ) -> QTreeWidgetItem:
        item = QTreeWidgetItem([text])
        if parent is not None:
            parent.addChild(item)
        item.setData(0, _KEY, (code, direction))
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        for column, level in enumerate(_LEVELS, start=1):
            ticked = RemitEntry(code, level, direction) in chosen
            item.setCheckState(column, Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked)
        return item

    def entries(self) -> list[RemitEntry]:
        """The ticked entries."""
        found: list[RemitEntry] = []
        for item in self._items():
            code, direction = item.data(0, _KEY)
            found.extend(
                RemitEntry(code, level, direction)
                for column, level in enumerate(_LEVELS, start=1)
                if item.checkState(column) == Qt.CheckState.Checked
            )
        return found

    def _items(self) -> list[QTreeWidgetItem]:
        """Every row: each occupation followed by its directions."""
        rows: list[QTreeWidgetItem] = []
        for i in range(self.topLevelItemCount()):
            top = self.topLevelItem(i)
            if top is None:
                continue
            rows.append(top)
            rows.extend(child for j in range(top.childCount()) if (child := top.child(j)))
        return rows


class RemitDialog(QDialog):
    """Choose the remit and type its basis (used by the first-run dialog)."""

    def __init__(
        self,
        occupations: Occupations,
        ticked: Iterable[RemitEntry] = (),
        basis: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("业务范围"))
        layout = QVBoxLayout(self)
        note = QLabel(
            self.tr(
                "勾选本机构在评价机构目录中获准开展评价的职业、方向和等级；"
                "“全部方向”一行涵盖该职业的所有方向。完成设置后须由质量督导员确认才生效。"
            )
        )
        note.setWordWrap(True)
        layout.addWidget(note)
        self.tree = RemitTree()
        self.tree.fill(occupations, ticked)
        layout.addWidget(self.tree, 1)
        form = QFormLayout()
        self.basis_edit = QLineEdit(basis)
        self.basis_edit.setPlaceholderText(self.tr("评价机构目录的公布文件名称、文号"))
        form.addRow(self.tr("依据"), self.basis_edit)
        layout.addLayout(form)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(640, 520)

    def entries(self) -> list[RemitEntry]:
        """The ticked entries."""
        return self.tree.entries()

    def basis(self) -> str:
        """The basis as typed."""
        return self.basis_edit.text().strip()


class RemitPage(QWidget):
    """The remit in force, the proposal waiting, and the editor for those who may change it."""

    def __init__(self, env: Env, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._env = env
        self._actor = actor
        self._names: dict[str, str] = {}
        layout = QVBoxLayout(self)
        self.current_label = QLabel()
        self.current_label.setWordWrap(True)
        self.current_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.pending_label = QLabel()
        self.pending_label.setWordWrap(True)
        # A remit covering much of the catalogue is a long text: it scrolls in a band of its own,
        # so the page keeps its height on a 1280x720 screen.
        summary = QWidget()
        column = QVBoxLayout(summary)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.current_label)
        column.addWidget(self.pending_label)
        scroll = QScrollArea()
        scroll.setWidget(summary)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setMaximumHeight(140)
        layout.addWidget(scroll)
        layout.addWidget(self._editor(), 1)
        self.refresh()

    def _editor(self) -> QGroupBox:
        box = QGroupBox(self.tr("登记新的业务范围（整体替换，经质量督导员确认后生效）"))
        layout = QVBoxLayout(box)
        self.tree = RemitTree()
        layout.addWidget(self.tree, 1)
        row = QHBoxLayout()
        self.basis_edit = QLineEdit()
        self.basis_edit.setPlaceholderText(self.tr("依据：评价机构目录的公布文件名称、文号"))
        self.propose_button = QPushButton(self.tr("提请确认"))
        self.propose_button.clicked.connect(self._on_propose_clicked)
        self.confirm_button = QPushButton(self.tr("确认待确认的业务范围"))
        self.confirm_button.clicked.connect(self._on_confirm_clicked)
        row.addWidget(self.basis_edit, 1)
        row.addWidget(self.propose_button)
        row.addWidget(self.confirm_button)
        layout.addLayout(row)
        proposes = self._actor.can(Permission.REMIT_PROPOSE)
        self.tree.setEnabled(proposes)
        self.basis_edit.setVisible(proposes)
        self.propose_button.setVisible(proposes)
        self.confirm_button.setVisible(self._actor.can(Permission.REMIT_CONFIRM))
        return box

    def refresh(self) -> None:
        """Show the remit in force and the proposal waiting, and tick the newest in the tree."""
        try:
            state = remit.remit_state(self._env, self._actor)
            occupations = catalogue.list_occupations(self._env, self._actor)
        except KaopingError as error:
            messages.show_error(self, error)
            return
        self._names = state.names
        current = state.current
        if current is None:
            self.current_label.setText(
                self.tr("本机构的业务范围尚未经质量督导员确认；确认前不能制定考核计划。")
            )
        else:
            self.current_label.setText(
                self.tr("已生效的业务范围（{0} 登记，{1} 于 {2} 确认；依据：{3}）：\n{4}").format(
                    current.proposed_by,
                    current.confirmed_by,
                    _moment(current),
                    current.basis,
                    self._listed(current),
                )
            )
        pending = state.pending
        self.pending_label.setVisible(pending is not None)
        self.confirm_button.setEnabled(pending is not None)
        if pending is not None:
            self.pending_label.setText(
                self.tr("待质量督导员确认（{0} 登记；依据：{1}）：\n{2}").format(
                    pending.proposed_by, pending.basis, self._listed(pending)
                )
            )
        shown = pending or current
        self.tree.fill(
            [(o.code, o.name, [d.name for d in o.directions]) for o in occupations],
            shown.entries if shown else (),
        )

    def _listed(self, version: RemitVersion) -> str:
        return "\n".join(entry.describe(self._names) for entry in version.entries)

    def _on_propose_clicked(self) -> None:
        try:
            remit.propose_remit(self._env, self._actor, self.tree.entries(), self.basis_edit.text())
        except KaopingError as error:
            messages.show_error(self, error)
            return
        self.basis_edit.clear()
        self.refresh()
        messages.show_info(self, self.tr("业务范围"), self.tr("已登记，须由质量督导员确认后生效。"))

    def _on_confirm_clicked(self) -> None:
        try:
            remit.confirm_remit(self._env, self._actor)
        except KaopingError as error:
            messages.show_error(self, error)
            return
        self.refresh()
        messages.show_info(self, self.tr("业务范围"), self.tr("已确认，即日起生效。"))


def _moment(version: RemitVersion) -> str:
    moment = version.confirmed_at or version.proposed_at
    return moment.astimezone(BEIJING).strftime("%Y-%m-%d %H:%M")
