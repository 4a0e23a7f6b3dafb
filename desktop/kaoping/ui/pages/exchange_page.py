"""报送与数据包: the report to the province and its answer, site packages, package checks, dossiers.

Per batch the exam administrator exports the signed report package, imports the department's
approval list (a signed package, or a plain CSV/JSON file whose source they confirm) and sees who
was approved and who must be corrected and why; sends a session to a site laptop and merges the
results it sends back (conflicts listed, never overwritten); checks any package file; exports the
inspection dossier. On a site laptop the same page takes the site package in and sends the
results out. Exports run off the UI thread behind a cancellable progress dialog: a cancel before
the export is stored records nothing and writes no file.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from kaoping.domain.beijing import BEIJING
from kaoping.domain.errors import KaopingError
from kaoping.domain.packages import PackageKind
from kaoping.domain.roles import Permission
from kaoping.services import checkin, dossier, exchange, plans, site
from kaoping.services.base import Actor, Env
from kaoping.services.exchange import ApprovalView, ExportCancelled, ExportedPackage, PackageCheck
from kaoping.services.ports_exams import SessionInfo
from kaoping.services.site import ResultsMerge, SiteInstall
from kaoping.ui import choices, labels, messages, tasks
from kaoping.ui.dialogs import issue_dialog
from kaoping.ui.labels import QT_TRANSLATE_NOOP
from kaoping.ui.tasks import Work

_T = TypeVar("_T")

APPROVAL_HEADERS = [QT_TRANSLATE_NOOP("ExchangePage", "考生编号"),
                    QT_TRANSLATE_NOOP("ExchangePage", "姓名"),
                    QT_TRANSLATE_NOOP("ExchangePage", "证件号码"),
                    QT_TRANSLATE_NOOP("ExchangePage", "审核结果"),
                    QT_TRANSLATE_NOOP("ExchangePage", "原因"),
                    QT_TRANSLATE_NOOP("ExchangePage", "审核日期")]
REASON_COLUMN = 4
_DECISIONS = {"approved": QT_TRANSLATE_NOOP("ExchangePage", "通过"),
              "rejected": QT_TRANSLATE_NOOP("ExchangePage", "不通过"),
              "": QT_TRANSLATE_NOOP("ExchangePage", "尚未答复")}
_COUNT_NAMES = {"candidates": QT_TRANSLATE_NOOP("ExchangePage", "考生"),
                "passed": QT_TRANSLATE_NOOP("ExchangePage", "合格"),
                "full_id_numbers": QT_TRANSLATE_NOOP("ExchangePage", "含完整证件号码"),
                "photos": QT_TRANSLATE_NOOP("ExchangePage", "照片"),
                "accounts": QT_TRANSLATE_NOOP("ExchangePage", "考评人员账号"),
                "papers": QT_TRANSLATE_NOOP("ExchangePage", "封存试卷"),
                "seats": QT_TRANSLATE_NOOP("ExchangePage", "座位"),
                "incidents": QT_TRANSLATE_NOOP("ExchangePage", "违纪记录"),
                "score_events": QT_TRANSLATE_NOOP("ExchangePage", "成绩记录")}
_CHECK_FIELDS = (("kind", QT_TRANSLATE_NOOP("ExchangePage", "类型")),
                 ("batch", QT_TRANSLATE_NOOP("ExchangePage", "批次")),
                 ("body_code", QT_TRANSLATE_NOOP("ExchangePage", "机构代码")),
                 ("sequence", QT_TRANSLATE_NOOP("ExchangePage", "序号")),
                 ("created_at", QT_TRANSLATE_NOOP("ExchangePage", "签名时间（UTC）")),
                 ("signer", QT_TRANSLATE_NOOP("ExchangePage", "签名者")),
                 ("fingerprint", QT_TRANSLATE_NOOP("ExchangePage", "签名证书指纹")),
                 ("package_id", QT_TRANSLATE_NOOP("ExchangePage", "数据包编号")),
                 ("imported", QT_TRANSLATE_NOOP("ExchangePage", "本机导入情况")))
REJECTED_TEXT = QColor(176, 0, 32)
GOOD = "color: #1b7a1b; font-size: 15px; font-weight: bold;"
BAD = "color: #b00020; font-size: 15px; font-weight: bold;"


def write_atomically(path: Path, data: bytes) -> None:
    """Write a file so that it is either complete or absent, never half-written."""
    part = path.with_name(path.name + ".part")
    part.write_bytes(data)
    part.replace(path)


class ExchangePage(QWidget):
    """Report package, approval status, site packages, package verification and dossiers."""

    def __init__(self, env: Env, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._env = env
        self._actor = actor
        self._sessions: list[SessionInfo] = []
        layout = QVBoxLayout(self)
        title = QLabel(self.tr("报送与数据包"))
        title.setStyleSheet("font-size: 16pt; font-weight: bold;")
        layout.addWidget(title)
        layout.addLayout(self._batch_row())
        groups = QHBoxLayout()
        groups.addWidget(self._report_group(), 3)
        groups.addWidget(self._site_group(), 3)
        groups.addWidget(self._verify_group(), 2)
        layout.addLayout(groups)
        self.tabs = QTabWidget()
        self.tabs.addTab(self._approval_tab(), self.tr("审核结果"))
        self.tabs.addTab(self._import_tab(), self.tr("导入结果"))
        self.tabs.addTab(self._check_tab(), self.tr("校验结果"))
        layout.addWidget(self.tabs, 1)
        self._apply_permissions()
        QShortcut(QKeySequence(QKeySequence.StandardKey.Refresh), self, self.reload)
        self.reload()

    # -- layout ----------------------------------------------------------------------------------

    def _batch_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        label = QLabel(self.tr("批次(&B)"))
        self.batch_combo = QComboBox()
        self.batch_combo.setMinimumWidth(320)
        self.batch_combo.currentIndexChanged.connect(self.refresh)
        label.setBuddy(self.batch_combo)
        row.addWidget(label)
        row.addWidget(self.batch_combo)
        self.status_label = QLabel()
        row.addWidget(self.status_label, 1)
        return row

    def _button(self, text: str, slot: Callable[[], None], tip: str) -> QPushButton:
        button = QPushButton(text)
        button.setToolTip(tip)
        button.clicked.connect(slot)
        return button

    def _report_group(self) -> QGroupBox:
        box = QGroupBox(self.tr("报送自治区人社厅"))
        column = QVBoxLayout(box)
        self.report_button = self._button(
            self.tr("导出报送数据包(&R)…"), self._on_report_clicked,
            self.tr("签名导出本批次的报送数据包（含完整证件号码）；已审核通过的考生不再报送。"))
        self.approval_button = self._button(
            self.tr("导入审核结果(&A)…"), self._on_approval_clicked,
            self.tr("导入自治区人社厅的审核结果：签名数据包（.zip），或 CSV / JSON 文件。"))
        self.confirm_source_box = QCheckBox(self.tr("已核实来源：未签名的 CSV/JSON 文件确实来自自治区人社厅"))
        self.confirm_source_box.setToolTip(self.tr(
            "签名数据包由系统核对签名；未签名文件无法自动确认来源，须由您核实后勾选。"))
        self.dossier_button = self._button(
            self.tr("导出考务档案(&D)…"), self._on_dossier_clicked,
            self.tr("生成本批次的考务档案 PDF，并在同一文件夹保存签名数据包。"))
        for widget in (self.report_button, self.approval_button, self.confirm_source_box,
                       self.dossier_button):
            column.addWidget(widget)
        column.addStretch(1)
        return box

    def _site_group(self) -> QGroupBox:
        box = QGroupBox(self.tr("考点数据包"))
        column = QVBoxLayout(box)
        row = QHBoxLayout()
        label = QLabel(self.tr("场次(&S)"))
        self.session_combo = QComboBox()
        self.session_combo.setPlaceholderText(self.tr("本批次还没有场次"))
        label.setBuddy(self.session_combo)
        row.addWidget(label)
        row.addWidget(self.session_combo, 1)
        column.addLayout(row)
        self.site_export_button = self._button(
            self.tr("导出考点下发数据包(&X)…"), self._on_site_export_clicked,
            self.tr("总部：把所选场次的名册、照片、考评人员账号和封存试卷签名导出给考点笔记本。"))
        self.results_import_button = self._button(
            self.tr("导入考点回传数据包(&M)…"), self._on_results_import_clicked,
            self.tr("总部：合并考点的签到、违纪和成绩记录；与总部不一致的记录只列出，不覆盖。"))
        self.site_import_button = self._button(
            self.tr("导入考点下发数据包(&I)…"), self._on_site_import_clicked,
            self.tr("考点笔记本：安装总部下发的场次，之后可离线签到、录入成绩、启封试卷。"))
        self.results_export_button = self._button(
            self.tr("导出考点回传数据包(&O)…"), self._on_results_export_clicked,
            self.tr("考点笔记本：把所选场次的签到、违纪和成绩记录签名导出，带回总部。"))
        for button in (self.site_export_button, self.results_import_button,
                       self.site_import_button, self.results_export_button):
            column.addWidget(button)
        column.addStretch(1)
        return box

    def _verify_group(self) -> QGroupBox:
        box = QGroupBox(self.tr("数据包校验"))
        column = QVBoxLayout(box)
        note = QLabel(self.tr("核对任一数据包的签名、签名者和文件是否被改动。"))
        note.setWordWrap(True)
        column.addWidget(note)
        self.verify_button = self._button(
            self.tr("校验数据包文件(&V)…"), self._on_verify_clicked,
            self.tr("用本机构证书和受信任签名者的证书核对数据包。"))
        column.addWidget(self.verify_button)
        column.addStretch(1)
        return box

    def _approval_tab(self) -> QWidget:
        tab = QWidget()
        column = QVBoxLayout(tab)
        self.approval_summary = QLabel()
        self.approval_summary.setWordWrap(True)
        column.addWidget(self.approval_summary)
        self.approval_table = QTableWidget(0, len(APPROVAL_HEADERS))
        self.approval_table.setHorizontalHeaderLabels([self.tr(h) for h in APPROVAL_HEADERS])
        self.approval_table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.approval_table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.approval_table.verticalHeader().setVisible(False)
        header = self.approval_table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        # The reason is what a person reads to correct the entry, so it gets the spare width.
        header.setSectionResizeMode(REASON_COLUMN, QHeaderView.ResizeMode.Stretch)
        column.addWidget(self.approval_table)
        return tab

    def _import_tab(self) -> QWidget:
        tab = QWidget()
        column = QVBoxLayout(tab)
        self.import_label = QLabel(self.tr("导入考点回传数据包或考点下发数据包后，结果显示在这里。"))
        self.import_label.setWordWrap(True)
        self.import_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        column.addWidget(self.import_label)
        self.conflict_list = QListWidget()
        column.addWidget(self.conflict_list)
        return tab

    def _check_tab(self) -> QWidget:
        tab = QWidget()
        column = QVBoxLayout(tab)
        self.verdict_label = QLabel(self.tr("选择一个数据包文件进行校验。"))
        self.verdict_label.setWordWrap(True)
        column.addWidget(self.verdict_label)
        row = QHBoxLayout()
        form = QFormLayout()
        self.check_fields: dict[str, QLabel] = {}
        for key, name in _CHECK_FIELDS:
            value = QLabel("—")
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            value.setWordWrap(True)
            self.check_fields[key] = value
            form.addRow(self.tr(name), value)
        row.addLayout(form, 3)
        files = QVBoxLayout()
        files.addWidget(QLabel(self.tr("数据文件")))
        self.file_list = QListWidget()
        files.addWidget(self.file_list)
        row.addLayout(files, 2)
        column.addLayout(row)
        return tab

    def _apply_permissions(self) -> None:
        rules = [
            (self.report_button, Permission.REPORT_EXPORT),
            (self.dossier_button, Permission.REPORT_EXPORT),
            (self.approval_button, Permission.APPROVAL_RECORD),
            (self.confirm_source_box, Permission.APPROVAL_RECORD),
            (self.site_export_button, Permission.SESSIONS_MANAGE),
            (self.results_import_button, Permission.PACKAGE_IMPORT),
            (self.site_import_button, Permission.PACKAGE_IMPORT),
            (self.results_export_button, Permission.CHECKIN),
        ]
        for widget, permission in rules:
            if not self._actor.can(permission):
                widget.setEnabled(False)
                widget.setToolTip(self.tr("需要“{0}”权限").format(labels.label(permission)))

    # -- loading ---------------------------------------------------------------------------------

    def reload(self) -> None:
        """Reload the batch list, keeping the chosen batch when it is still there."""
        keep = self.batch_code()
        try:
            batches = plans.list_batches(self._env, self._actor)
        except KaopingError as error:
            messages.show_error(self, error)
            return
        choices.fill_batches(self.batch_combo, batches, keep)
        self.refresh()

    def batch_code(self) -> str | None:
        """The chosen batch's code."""
        return choices.batch_code(self.batch_combo)

    def refresh(self) -> None:
        """Show the chosen batch's status, sessions and approval answers."""
        code = self.batch_code()
        if code is None:
            self.status_label.setText(self.tr("还没有批次。"))
            self._fill_sessions([])
            self._fill_approvals([])
            return
        try:
            batch = plans.find_batch(self._env, self._actor, code)
            sessions = (checkin.sessions(self._env, self._actor, batch.id)
                        if self._actor.can(Permission.CHECKIN) else [])
            views = (exchange.approval_status(self._env, self._actor, code)
                     if self._actor.can(Permission.CANDIDATES_VIEW) else [])
        except KaopingError as error:
            messages.show_error(self, error)
            return
        self.status_label.setText(self.tr("批次状态：{0}").format(labels.label(batch.status)))
        self._fill_sessions(sessions)
        self._fill_approvals(views)

    def _fill_sessions(self, sessions: list[SessionInfo]) -> None:
        keep = self.session_combo.currentData()
        self._sessions = sessions
        self.session_combo.clear()
        for session in sessions:
            start = session.starts_at.astimezone(BEIJING)
            self.session_combo.addItem(
                self.tr("{0}　{1} {2}　{3}　{4} 人").format(
                    session.code, session.site, session.room, f"{start:%m-%d %H:%M}",
                    session.seated), session.id)
        index = self.session_combo.findData(keep)
        self.session_combo.setCurrentIndex(index if index >= 0 else (0 if sessions else -1))

    def _fill_approvals(self, views: list[ApprovalView]) -> None:
        table = self.approval_table
        table.setRowCount(len(views))
        for r, view in enumerate(views):
            cells = [str(view.candidate_id), view.name, view.id_masked,
                     self.tr(_DECISIONS.get(view.decision, view.decision)), view.reason,
                     view.decided_on.isoformat() if view.decided_on else ""]
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if view.decision == "rejected":
                    item.setForeground(QBrush(REJECTED_TEXT))
                table.setItem(r, c, item)
        counts = {key: sum(1 for v in views if v.decision == key) for key in _DECISIONS}
        if not views:
            text = self.tr("本批次还没有报送过考生。")
        else:
            text = self.tr("已报送 {0} 人：审核通过 {1} 人，不通过 {2} 人，尚未答复 {3} 人。").format(
                len(views), counts["approved"], counts["rejected"], counts[""])
            if counts["rejected"]:
                text += self.tr("不通过的考生按原因更正后，再次导出报送数据包即可重新报送。")
        self.approval_summary.setText(text)
        self.approval_summary.setStyleSheet("color: #b00020;" if counts["rejected"] else "")

    def session_id(self) -> int | None:
        """The chosen session's id."""
        value = self.session_combo.currentData()
        return int(value) if value is not None else None

    # -- helpers ---------------------------------------------------------------------------------

    def _ask_passphrase(self, title: str) -> str | None:
        text = issue_dialog.ask_text(self, title,
                                     self.tr("签名密钥口令（仅用于本次签名，不会保存）："),
                                     secret=True)
        return text or None

    def _run(self, title: str, work: Work[_T]) -> _T | None:
        """Run an export off the UI thread; None after an error or a cancel (already shown)."""
        try:
            return tasks.run_task(self, self.tr("正在生成并签名…"), work, title=title)
        except ExportCancelled as cancelled:
            messages.show_info(self, title, str(cancelled))
        except KaopingError as error:
            messages.show_error(self, error)
        return None

    def _save(self, path: Path, data: bytes) -> bool:
        try:
            write_atomically(path, data)
        except OSError as error:
            messages.show_error(self, KaopingError(
                self.tr("无法写入文件 {0}：{1}。请换一个位置保存后重新导出。").format(
                    path, error.strerror or error)))
            return False
        return True

    def _read(self, title: str, filters: str) -> tuple[Path, bytes] | None:
        path = messages.open_file(self, title, filters)
        if path is None:
            return None
        try:
            return path, path.read_bytes()
        except OSError as error:
            messages.show_error(self, KaopingError(
                self.tr("无法读取文件 {0}：{1}。请检查文件是否存在、是否有权限读取。").format(
                    path, error.strerror or error)))
            return None

    def _zip_filter(self) -> str:
        return self.tr("数据包 (*.zip)")

    def _counts(self, summary: Mapping[str, int]) -> str:
        return self.tr("，").join(self.tr("{0} {1}").format(self.tr(_COUNT_NAMES.get(k, k)), v)
                                 for k, v in summary.items())

    def _exported(self, title: str, made: ExportedPackage, path: Path) -> None:
        messages.show_info(self, title, self.tr(
            "已保存{0}数据包：{1}\n批次 {2}，序号 {3}；{4}。\n数据包编号 {5}").format(
            labels.label(made.kind), path, made.batch, made.sequence, self._counts(made.summary),
            made.package_id))

    # -- report and approval ---------------------------------------------------------------------

    def _on_report_clicked(self) -> None:
        code = self.batch_code()
        title = self.tr("导出报送数据包")
        if code is None:
            return
        path = messages.save_file(self, title, self.tr("{0}_报送数据包.zip").format(code),
                                   self._zip_filter())
        passphrase = self._ask_passphrase(title) if path else None
        if path is None or passphrase is None:
            return
        made = self._run(title, lambda _progress, cancelled: exchange.export_report(
            self._env, self._actor, code, passphrase, cancelled=cancelled))
        if made is not None and self._save(path, made.data):
            self._exported(title, made, path)
        self.reload()

    def _on_approval_clicked(self) -> None:
        code = self.batch_code()
        title = self.tr("导入审核结果")
        chosen = self._read(title, self.tr("审核结果 (*.zip *.csv *.json);;所有文件 (*)")) if code else None
        if chosen is None:
            return
        path, data = chosen
        try:
            result = exchange.import_approval(
                self._env, self._actor, code, data, path.name,
                source_confirmed=self.confirm_source_box.isChecked())
        except KaopingError as error:
            messages.show_error(self, error)
            return
        self.confirm_source_box.setChecked(False)
        self.reload()
        self.tabs.setCurrentIndex(0)
        text = self.tr("批次 {0}（来源：{1}）：通过 {2} 人，不通过 {3} 人；新增或变更 {4} 条，"
                       "未变 {5} 条。批次状态：{6}。").format(
            result.batch, result.source, result.approved, result.rejected, result.changed,
            result.unchanged, labels.label(result.batch_status))
        if result.rejections:
            text += self.tr("\n不通过的考生及原因见“审核结果”列表。")
        messages.show_info(self, title, text)

    def _on_dossier_clicked(self) -> None:
        code = self.batch_code()
        title = self.tr("导出考务档案")
        if code is None:
            return
        path = messages.save_file(self, title, self.tr("{0}_考务档案.pdf").format(code),
                                   "PDF (*.pdf)")
        passphrase = self._ask_passphrase(title) if path else None
        if path is None or passphrase is None:
            return
        made = self._run(title, lambda _progress, _cancelled: dossier.export_dossier(
            self._env, self._actor, code, passphrase))
        if made is None:
            return
        package = path.with_name(made.package.file_name)
        if self._save(path, made.pdf) and self._save(package, made.package.data):
            messages.show_info(self, title, self.tr("已保存考务档案 {0}\n及其签名数据包 {1}。").format(
                path, package))

    # -- site packages ---------------------------------------------------------------------------

    def _chosen_session(self) -> SessionInfo | None:
        session_id = self.session_id()
        chosen = next((s for s in self._sessions if s.id == session_id), None)
        if chosen is None:
            messages.show_info(self, self.tr("考点数据包"), self.tr("请先选择场次。"))
        return chosen

    def _on_site_export_clicked(self) -> None:
        code, session = self.batch_code(), self._chosen_session()
        title = self.tr("导出考点下发数据包")
        if code is None or session is None:
            return
        path = messages.save_file(self, title, self.tr("{0}_{1}_考点下发.zip").format(
            code, session.code), self._zip_filter())
        passphrase = self._ask_passphrase(title) if path else None
        if path is None or passphrase is None:
            return
        made = self._run(title, lambda _progress, cancelled: site.export_site_package(
            self._env, self._actor, code, session.code, passphrase, cancelled=cancelled))
        if made is not None and self._save(path, made.data):
            self._exported(title, made, path)

    def _on_results_export_clicked(self) -> None:
        code, session = self.batch_code(), self._chosen_session()
        title = self.tr("导出考点回传数据包")
        if code is None or session is None:
            return
        path = messages.save_file(self, title, self.tr("{0}_{1}_考点回传.zip").format(
            code, session.code), self._zip_filter())
        passphrase = self._ask_passphrase(title) if path else None
        if path is None or passphrase is None:
            return
        made = self._run(title, lambda _progress, cancelled: site.export_results(
            self._env, self._actor, session.id, passphrase, cancelled=cancelled))
        if made is not None and self._save(path, made.data):
            self._exported(title, made, path)

    def _on_results_import_clicked(self) -> None:
        title = self.tr("导入考点回传数据包")
        chosen = self._read(title, self._zip_filter())
        if chosen is None:
            return
        try:
            merged = site.import_results(self._env, self._actor, chosen[1])
        except KaopingError as error:
            messages.show_error(self, error)
            return
        self.show_merge(merged)
        self.reload()
        text = self.tr("已合并批次 {0} 场次 {1} 的考点记录。").format(merged.batch,
                                                                 merged.session_code)
        if merged.conflicts:
            text += self.tr("{0} 条记录与总部不一致，已保留总部数据，详见“导入结果”。").format(
                len(merged.conflicts))
        messages.show_info(self, title, text)

    def show_merge(self, merged: ResultsMerge) -> None:
        """Show a results merge: counts, then every conflict left unchanged."""
        text = self.tr("批次 {0} 场次 {1}：考勤新增 {2}、相同 {3}；违纪新增 {4}、相同 {5}；"
                       "成绩记录新增 {6}、相同 {7}。").format(
            merged.batch, merged.session_code, merged.seats.added, merged.seats.unchanged,
            merged.incidents.added, merged.incidents.unchanged, merged.scores.added,
            merged.scores.unchanged)
        if merged.conflicts:
            text += self.tr("\n以下 {0} 条记录与总部不一致，已保留总部数据，未覆盖：").format(
                len(merged.conflicts))
        else:
            text += self.tr("\n没有与总部不一致的记录。")
        self.import_label.setText(text)
        self.conflict_list.clear()
        self.conflict_list.addItems(list(merged.conflicts))
        self.tabs.setCurrentIndex(1)

    def _on_site_import_clicked(self) -> None:
        title = self.tr("导入考点下发数据包")
        chosen = self._read(title, self._zip_filter())
        if chosen is None:
            return
        try:
            installed = site.import_site_package(self._env, self._actor, chosen[1])
        except KaopingError as error:
            messages.show_error(self, error)
            return
        self.show_install(installed)
        self.reload()
        index = self.batch_combo.findData(installed.batch)
        if index >= 0:
            self.batch_combo.setCurrentIndex(index)
        messages.show_info(self, title, self.import_label.text())

    def show_install(self, installed: SiteInstall) -> None:
        """Show what installing a site package did."""
        text = self.tr("已安装批次 {0} 的场次 {1}：考生 {2} 人，照片 {3} 张，考评人员账号 {4} 个。").format(
            installed.batch, installed.session_code, installed.candidates, installed.photos,
            installed.accounts_added)
        if installed.papers:
            text += self.tr("封存试卷 {0}：开考前由两位启封人在“试卷启封”页启封。").format(
                labels.separator().join(installed.papers))
        self.import_label.setText(text)
        self.conflict_list.clear()
        if installed.accounts_skipped:
            self.conflict_list.addItems([self.tr("本机已有账号 {0}，未覆盖").format(name)
                                         for name in installed.accounts_skipped])
        self.tabs.setCurrentIndex(1)

    # -- verification ----------------------------------------------------------------------------

    def _on_verify_clicked(self) -> None:
        chosen = self._read(self.tr("校验数据包"), self.tr("数据包 (*.zip);;所有文件 (*)"))
        if chosen is None:
            return
        try:
            check = exchange.verify_file(self._env, self._actor, chosen[1])
        except KaopingError as error:
            messages.show_error(self, error)
            return
        self.show_check(chosen[0], check)

    def show_check(self, path: Path, check: PackageCheck) -> None:
        """Show a package's verdict, signer, fingerprint and files."""
        verdict = self.tr("通过", "package check") if check.ok else self.tr("不通过", "package check")
        self.verdict_label.setText(self.tr("{0}：{1} — {2}").format(path.name, verdict, check.message))
        self.verdict_label.setStyleSheet(GOOD if check.ok else BAD)
        try:
            kind = labels.label(PackageKind(check.kind)) if check.kind else ""
        except ValueError:
            kind = check.kind
        imported = self.tr("已在本机导入过") if check.already_imported else self.tr("未导入")
        values = {"kind": kind, "batch": check.batch, "body_code": check.body_code,
                  "sequence": str(check.sequence) if check.ok else "",
                  "created_at": check.created_at, "signer": check.signer,
                  "fingerprint": check.fingerprint, "package_id": check.package_id,
                  "imported": imported if check.ok else ""}
        for key, label in self.check_fields.items():
            label.setText(values[key] or "—")
        self.file_list.clear()
        self.file_list.addItems(list(check.files))
        self.tabs.setCurrentIndex(2)
