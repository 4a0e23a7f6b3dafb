"""组卷与试卷 (bank admins) and 试卷启封 (exam administrators, quality supervisors).

The assembly page previews the blueprint of the weight table, draws a paper for a session, shows
why the bank falls short when it does, and seals the paper. The opening page lists sealed papers,
takes in sealed-paper files from site packages, and opens a paper with two people.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kaoping.domain.assembly import WeightKind
from kaoping.domain.catalogue import Level
from kaoping.domain.errors import KaopingError
from kaoping.fileio import write_atomically
from kaoping.services import bank, papers
from kaoping.services.base import Actor, Env
from kaoping.services.papers import AssemblyRequest
from kaoping.services.ports.bank import PaperRecord
from kaoping.ui import choices, labels, messages
from kaoping.ui.dialogs.paper_open_dialog import PaperOpenDialog
from kaoping.ui.labels import QT_TRANSLATE_NOOP
from kaoping.ui.pages.bank_page import ask_password, ensure_unlocked

PAPER_HEADERS = [
    QT_TRANSLATE_NOOP("PaperList", "试卷编号"),
    QT_TRANSLATE_NOOP("PaperList", "职业"),
    QT_TRANSLATE_NOOP("PaperList", "等级"),
    QT_TRANSLATE_NOOP("PaperList", "类别"),
    QT_TRANSLATE_NOOP("PaperList", "题量"),
    QT_TRANSLATE_NOOP("PaperList", "场次"),
    QT_TRANSLATE_NOOP("PaperList", "状态"),
    QT_TRANSLATE_NOOP("PaperList", "组卷时间"),
    QT_TRANSLATE_NOOP("PaperList", "组卷人"),
    QT_TRANSLATE_NOOP("PaperList", "启封记录"),
]
_STATUS = {
    "assembled": QT_TRANSLATE_NOOP("PaperList", "已组卷（未封存）"),
    "sealed": QT_TRANSLATE_NOOP("PaperList", "已封存"),
}


def _kind_label(kind: WeightKind) -> str:
    if kind is WeightKind.THEORY:
        return QCoreApplication.translate("PaperList", "理论知识")
    return QCoreApplication.translate("PaperList", "专业能力")


class PaperList(QWidget):
    """A table of papers with a hook for the selected one."""

    def __init__(
        self, env: Env, actor: Actor, sealed_only: bool, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._env, self._actor, self._sealed_only = env, actor, sealed_only
        self.papers: list[PaperRecord] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.table = QTableWidget(0, len(PAPER_HEADERS))
        self.table.setHorizontalHeaderLabels([self.tr(h) for h in PAPER_HEADERS])
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        layout.addWidget(self.table)

    def refresh(self) -> None:
        """Reload the papers."""
        try:
            found = papers.list_papers(self._env, self._actor)
        except KaopingError as error:
            messages.show_error(self, error)
            return
        self.papers = [p for p in found if p.status == "sealed" or not self._sealed_only]
        self.table.setRowCount(len(self.papers))
        for r, paper in enumerate(self.papers):
            cells = [
                paper.code,
                paper.occupation_code,
                labels.label(paper.level),
                _kind_label(paper.kind),
                str(paper.item_count),
                paper.session_code or str(paper.session_id),
                self.tr(_STATUS.get(paper.status, paper.status))
                + (self.tr("（导入）") if paper.imported else ""),
                bank.session_time(paper.created_at),
                paper.created_by,
                self._openings(paper),
            ]
            for c, text in enumerate(cells):
                self.table.setItem(r, c, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()

    def _openings(self, paper: PaperRecord) -> str:
        # Who opened a sealed paper and when is what a supervisor checks for confidentiality.
        if paper.status != "sealed":
            return ""
        if not paper.opened_count or paper.last_opened_at is None:
            return self.tr("未启封")
        return self.tr("{0} 次；最近 {1}（{2}）").format(
            paper.opened_count, bank.session_time(paper.last_opened_at), paper.last_opened_by
        )

    def selected(self) -> PaperRecord | None:
        """The selected paper, or None after telling the user to pick one."""
        row = self.table.currentRow()
        if not 0 <= row < len(self.papers):
            messages.show_info(self, self.tr("试卷"), self.tr("请先在列表中选择一份试卷。"))
            return None
        return self.papers[row]


def open_selected(parent: QWidget, env: Env, actor: Actor, paper: PaperRecord | None) -> None:
    """Show the two-person opening dialog for a sealed paper."""
    if paper is None:
        return
    if paper.status != "sealed":
        messages.show_info(
            parent,
            QCoreApplication.translate("PaperList", "启封试卷"),
            QCoreApplication.translate("PaperList", "该试卷尚未封存。"),
        )
        return
    try:
        dialog = PaperOpenDialog(env, actor, paper.paper_id, parent)
    except KaopingError as error:
        messages.show_error(parent, error)
        return
    dialog.exec()


def export_selected(parent: QWidget, env: Env, actor: Actor, paper: PaperRecord | None) -> None:
    """Save a sealed paper as a file for a site package."""
    if paper is None:
        return
    path = messages.save_file(
        parent,
        QCoreApplication.translate("PaperList", "导出封存试卷"),
        f"{paper.code}.kppaper",
        QCoreApplication.translate("PaperList", "封存试卷 (*.kppaper)"),
    )
    if path is None:
        return
    try:
        write_atomically(path, papers.export_sealed_paper(env, actor, paper.paper_id))
    except (KaopingError, OSError) as error:
        messages.show_error(parent, error)
        return
    messages.show_info(
        parent,
        QCoreApplication.translate("PaperList", "导出完成"),
        QCoreApplication.translate("PaperList", "已导出：{0}").format(path),
    )


class PapersPage(QWidget):
    """组卷与试卷: blueprint preview, assembly for a session, sealing, export, opening."""

    def __init__(self, env: Env, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._env = env
        self._actor = actor
        layout = QVBoxLayout(self)
        layout.addLayout(self._form())
        self.blueprint_table = QTableWidget(0, 3)
        self.blueprint_table.setHorizontalHeaderLabels(
            [self.tr("知识领域"), self.tr("权重"), self.tr("题量")]
        )
        self.blueprint_table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.blueprint_table.setMaximumHeight(220)
        layout.addWidget(self.blueprint_table)
        self.result_label = QLabel()
        self.result_label.setWordWrap(True)
        layout.addWidget(self.result_label)
        self.paper_list = PaperList(env, actor, sealed_only=False)
        layout.addWidget(self.paper_list)
        row = QHBoxLayout()
        for text, slot in (
            (self.tr("封存(&S)"), self._on_seal_clicked),
            (
                self.tr("导出封存文件(&X)…"),
                lambda: export_selected(self, self._env, self._actor, self.paper_list.selected()),
            ),
            (
                self.tr("启封(&O)…"),
                lambda: open_selected(self, self._env, self._actor, self.paper_list.selected()),
            ),
        ):
            button = QPushButton(text)
            button.clicked.connect(slot)
            row.addWidget(button)
        row.addStretch(1)
        layout.addLayout(row)
        self._load_choices()
        if self.occupation_combo.count():
            self._show_blueprint(inline=True)
        self.paper_list.refresh()

    def _form(self) -> QFormLayout:
        form = QFormLayout()
        self.session_combo = QComboBox()
        self.occupation_combo = QComboBox()
        self.level_combo = QComboBox()
        for level in Level:
            self.level_combo.addItem(labels.label(level), level)
        self.kind_combo = QComboBox()
        for kind in WeightKind:
            self.kind_combo.addItem(_kind_label(kind), kind)
        self.count_spin = QSpinBox()
        self.count_spin.setRange(1, 500)
        self.count_spin.setValue(100)
        buttons = QHBoxLayout()
        preview = QPushButton(self.tr("预览组卷方案(&B)"))
        preview.clicked.connect(self._on_preview_clicked)
        assemble = QPushButton(self.tr("组卷(&M)"))
        assemble.clicked.connect(self._on_assemble_clicked)
        buttons.addWidget(preview)
        buttons.addWidget(assemble)
        buttons.addStretch(1)
        for label, widget in (
            (self.tr("场次"), self.session_combo),
            (self.tr("职业"), self.occupation_combo),
            (self.tr("等级"), self.level_combo),
            (self.tr("权重表"), self.kind_combo),
            (self.tr("题量"), self.count_spin),
        ):
            form.addRow(label, widget)
        form.addRow("", buttons)
        self.session_combo.currentIndexChanged.connect(self._on_session_changed)
        return form

    def _load_choices(self) -> None:
        try:
            names = bank.occupation_names(self._env, self._actor)
            sessions = papers.list_sessions(self._env, self._actor)
        except KaopingError as error:
            messages.show_error(self, error)
            return
        for code, name in sorted(names.items()):
            self.occupation_combo.addItem(f"{code} {name}", code)
        self._sessions = sessions
        for session in sessions:
            self.session_combo.addItem(
                self.tr("{0}（批次 {1}，{2}，{3}）").format(
                    session.code,
                    session.batch_code,
                    labels.label(session.level),
                    bank.session_time(session.starts_at),
                ),
                session.id,
            )
        if not sessions:
            self.result_label.setText(
                self.tr("还没有场次：请先在“考务与场次”中创建场次，再为其组卷。")
            )

    def _on_session_changed(self) -> None:
        session_id = self.session_combo.currentData()
        for session in getattr(self, "_sessions", []):
            if session.id == session_id:
                self.occupation_combo.setCurrentIndex(
                    max(0, self.occupation_combo.findData(session.occupation_code))
                )
                self.level_combo.setCurrentIndex(self.level_combo.findData(session.level))

    def _on_preview_clicked(self) -> None:
        self._show_blueprint(inline=False)

    def _show_blueprint(self, *, inline: bool) -> None:
        """Fill the blueprint table; on opening the page a problem is shown inline, not in a box."""
        try:
            blueprint = papers.blueprint_for(
                self._env,
                self._actor,
                str(self.occupation_combo.currentData()),
                choices.required(self.level_combo, Level),
                choices.required(self.kind_combo, WeightKind),
                self.count_spin.value(),
            )
        except KaopingError as error:
            self.blueprint_table.setRowCount(0)
            if inline:
                self.result_label.setText(str(error))
            else:
                messages.show_error(self, error)
            return
        self.blueprint_table.setRowCount(len(blueprint.areas))
        for r, quota in enumerate(blueprint.areas):
            for c, text in enumerate((quota.area, f"{quota.percentage}%", str(quota.count))):
                self.blueprint_table.setItem(r, c, QTableWidgetItem(text))
        self.blueprint_table.resizeColumnsToContents()

    def _on_assemble_clicked(self) -> None:
        session_id = self.session_combo.currentData()
        if session_id is None:
            messages.show_info(self, self.tr("组卷"), self.tr("请先选择场次。"))
            return
        self._on_preview_clicked()
        request = AssemblyRequest(
            str(self.occupation_combo.currentData()),
            choices.required(self.level_combo, Level),
            self.count_spin.value(),
            int(session_id),
            choices.required(self.kind_combo, WeightKind),
        )
        try:
            outcome = papers.assemble_paper(self._env, self._actor, request)
        except KaopingError as error:
            messages.show_error(self, error)
            return
        if outcome.paper is None:
            self.result_label.setText(outcome.explanation)
        else:
            mean = outcome.result.mean_difficulty or 0.0
            self.result_label.setText(
                self.tr("已组卷 {0}：{1} 题，平均难度 {2:.2f}。{3}").format(
                    outcome.paper.code, outcome.paper.item_count, mean, outcome.explanation
                )
            )
        self.paper_list.refresh()

    def _on_seal_clicked(self) -> None:
        paper = self.paper_list.selected()
        if paper is None:
            return
        unlock = ensure_unlocked(self, self._env, self._actor)
        if unlock is None:
            return
        try:
            openers = papers.seal_paper(self._env, self._actor, unlock, paper.paper_id)
        except KaopingError as error:
            messages.show_error(self, error)
            return
        self.result_label.setText(
            self.tr("试卷 {0} 已封存；可启封人（任意两位同时在场）：{1}").format(
                paper.code, labels.separator().join(openers)
            )
        )
        self.paper_list.refresh()


class PaperOpenPage(QWidget):
    """试卷启封: sealed papers, key registration, sealed-paper import, two-person opening."""

    def __init__(self, env: Env, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._env = env
        self._actor = actor
        layout = QVBoxLayout(self)
        self.key_label = QLabel()
        self.key_label.setWordWrap(True)
        layout.addWidget(self.key_label)
        self.paper_list = PaperList(env, actor, sealed_only=True)
        layout.addWidget(self.paper_list)
        row = QHBoxLayout()
        for text, slot in (
            (
                self.tr("启封(&O)…"),
                lambda: open_selected(self, self._env, self._actor, self.paper_list.selected()),
            ),
            (self.tr("导入封存试卷(&I)…"), self._on_import_clicked),
            (
                self.tr("导出封存文件(&X)…"),
                lambda: export_selected(self, self._env, self._actor, self.paper_list.selected()),
            ),
            (self.tr("登记启封密钥(&K)"), self._on_register_clicked),
        ):
            button = QPushButton(text)
            button.clicked.connect(slot)
            row.addWidget(button)
        row.addStretch(1)
        layout.addLayout(row)
        self.refresh()

    def refresh(self) -> None:
        """Reload the key status and the sealed papers."""
        try:
            has_key = bank.has_key_pair(self._env, self._actor)
        except KaopingError as error:
            messages.show_error(self, error)
            return
        self.key_label.setText(
            self.tr("您已登记启封密钥；此后封存的试卷可由您与另一位启封人共同开启。")
            if has_key
            else self.tr(
                "您还没有启封密钥：请点“登记启封密钥”并输入登录密码，"
                "之后封存的试卷才能由您参与开启。"
            )
        )
        self.paper_list.refresh()

    def _on_register_clicked(self) -> None:
        password = ask_password(self, self.tr("登记启封密钥"), self.tr("请输入您的登录密码："))
        if password is None:
            return
        try:
            bank.register_keys(self._env, self._actor, password)
        except KaopingError as error:
            messages.show_error(self, error)
        self.refresh()

    def _on_import_clicked(self) -> None:
        path = messages.open_file(
            self, self.tr("导入封存试卷"), self.tr("封存试卷 (*.kppaper *.json)")
        )
        if path is None:
            return
        try:
            papers.import_sealed_paper(self._env, self._actor, path.read_bytes())
        except (KaopingError, OSError) as error:
            messages.show_error(self, error)
        self.refresh()
