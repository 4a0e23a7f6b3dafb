"""Site packages: send a session to a site laptop and merge the results it sends back.

Head office exports a session's site package and merges the returned results (conflicts listed,
never overwritten). On the site laptop the same section takes the site package in and sends the
results out.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QVBoxLayout,
    QWidget,
)

from kaoping.domain.beijing import BEIJING
from kaoping.domain.errors import KaopingError
from kaoping.domain.roles import Permission
from kaoping.services import site
from kaoping.services.base import Actor, Env
from kaoping.services.packaging import ExportedPackage
from kaoping.services.ports.exams import SessionInfo
from kaoping.services.site import ResultsMerge, SiteInstall
from kaoping.ui import labels, messages
from kaoping.ui.pages.exchange_section import BatchCode, ExchangeSection

SessionExport = Callable[[str, SessionInfo, str, Callable[[], bool]], ExportedPackage]
"""Makes one session's package: (batch code, session, passphrase, cancelled) -> package."""


class SiteSection(ExchangeSection):
    """Session choice and the four site package buttons; what an import did as its view."""

    batch_installed = Signal(str)
    """A site package installed this batch: the page switches to it."""

    def __init__(
        self, env: Env, actor: Actor, batch_code: BatchCode, parent: QWidget | None = None
    ) -> None:
        super().__init__(env, actor, parent)
        self._batch_code = batch_code
        self._sessions: list[SessionInfo] = []
        self.setTitle(self.tr("考点数据包"))
        self._build_controls()
        self.view = self._import_view()
        self._require(
            [
                (self.site_export_button, Permission.SESSIONS_MANAGE),
                (self.results_import_button, Permission.PACKAGE_IMPORT),
                (self.site_import_button, Permission.PACKAGE_IMPORT),
                (self.results_export_button, Permission.CHECKIN),
            ]
        )

    def _build_controls(self) -> None:
        column = QVBoxLayout(self)
        row = QHBoxLayout()
        label = QLabel(self.tr("场次(&S)"))
        self.session_combo = QComboBox()
        self.session_combo.setPlaceholderText(self.tr("本批次还没有场次"))
        label.setBuddy(self.session_combo)
        row.addWidget(label)
        row.addWidget(self.session_combo, 1)
        column.addLayout(row)
        self.site_export_button = self._button(
            self.tr("导出考点下发数据包(&X)…"),
            self._on_site_export_clicked,
            self.tr("总部：把所选场次的名册、照片、考评人员账号和封存试卷签名导出给考点笔记本。"),
        )
        self.results_import_button = self._button(
            self.tr("导入考点回传数据包(&M)…"),
            self._on_results_import_clicked,
            self.tr("总部：合并考点的签到、违纪和成绩记录；与总部不一致的记录只列出，不覆盖。"),
        )
        self.site_import_button = self._button(
            self.tr("导入考点下发数据包(&I)…"),
            self._on_site_import_clicked,
            self.tr("考点笔记本：安装总部下发的场次，之后可离线签到、录入成绩、启封试卷。"),
        )
        self.results_export_button = self._button(
            self.tr("导出考点回传数据包(&O)…"),
            self._on_results_export_clicked,
            self.tr("考点笔记本：把所选场次的签到、违纪和成绩记录签名导出，带回总部。"),
        )
        for button in (
            self.site_export_button,
            self.results_import_button,
            self.site_import_button,
            self.results_export_button,
        ):
            column.addWidget(button)
        column.addStretch(1)

    def _import_view(self) -> QWidget:
        view = QWidget()
        column = QVBoxLayout(view)
        self.import_label = QLabel(
            self.tr("导入考点回传数据包或考点下发数据包后，结果显示在这里。")
        )
        self.import_label.setWordWrap(True)
        self.import_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        column.addWidget(self.import_label)
        self.conflict_list = QListWidget()
        column.addWidget(self.conflict_list)
        return view

    def fill_sessions(self, sessions: list[SessionInfo]) -> None:
        """List the batch's sessions, keeping the chosen one when it is still there."""
        keep = self.session_combo.currentData()
        self._sessions = sessions
        self.session_combo.clear()
        for session in sessions:
            start = session.starts_at.astimezone(BEIJING)
            self.session_combo.addItem(
                self.tr("{0}　{1} {2}　{3}　{4} 人").format(
                    session.code, session.site, session.room, f"{start:%m-%d %H:%M}", session.seated
                ),
                session.id,
            )
        index = self.session_combo.findData(keep)
        self.session_combo.setCurrentIndex(index if index >= 0 else (0 if sessions else -1))

    def session_id(self) -> int | None:
        """The chosen session's id."""
        value = self.session_combo.currentData()
        return int(value) if value is not None else None

    def _chosen_session(self) -> SessionInfo | None:
        session_id = self.session_id()
        chosen = next((s for s in self._sessions if s.id == session_id), None)
        if chosen is None:
            messages.show_info(self, self.tr("考点数据包"), self.tr("请先选择场次。"))
        return chosen

    def _on_site_export_clicked(self) -> None:
        self._export_for_session(
            self.tr("导出考点下发数据包"),
            self.tr("{0}_{1}_考点下发.zip"),
            lambda code, session, passphrase, cancelled: site.export_site_package(
                self._env, self._actor, code, session.code, passphrase, cancelled=cancelled
            ),
        )

    def _on_results_export_clicked(self) -> None:
        self._export_for_session(
            self.tr("导出考点回传数据包"),
            self.tr("{0}_{1}_考点回传.zip"),
            lambda _code, session, passphrase, cancelled: site.export_results(
                self._env, self._actor, session.id, passphrase, cancelled=cancelled
            ),
        )

    def _export_for_session(self, title: str, file_name: str, make: SessionExport) -> None:
        """Ask where and the passphrase, make the chosen session's package off the UI thread, save."""
        code, session = self._batch_code(), self._chosen_session()
        if code is None or session is None:
            return
        path = messages.save_file(
            self, title, file_name.format(code, session.code), self._zip_filter()
        )
        passphrase = self._ask_passphrase(title) if path else None
        if path is None or passphrase is None:
            return
        made = self._run(
            title, lambda _progress, cancelled: make(code, session, passphrase, cancelled)
        )
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
        self.changed.emit()
        text = self.tr("已合并批次 {0} 场次 {1} 的考点记录。").format(
            merged.batch, merged.session_code
        )
        if merged.conflicts:
            text += self.tr("{0} 条记录与总部不一致，已保留总部数据，详见“导入结果”。").format(
                len(merged.conflicts)
            )
        messages.show_info(self, title, text)

    def show_merge(self, merged: ResultsMerge) -> None:
        """Show a results merge: counts, then every conflict left unchanged."""
        text = self.tr(
            "批次 {0} 场次 {1}：考勤新增 {2}、相同 {3}；违纪新增 {4}、相同 {5}；"
            "成绩记录新增 {6}、相同 {7}。"
        ).format(
            merged.batch,
            merged.session_code,
            merged.seats.added,
            merged.seats.unchanged,
            merged.incidents.added,
            merged.incidents.unchanged,
            merged.scores.added,
            merged.scores.unchanged,
        )
        if merged.conflicts:
            text += self.tr("\n以下 {0} 条记录与总部不一致，已保留总部数据，未覆盖：").format(
                len(merged.conflicts)
            )
        else:
            text += self.tr("\n没有与总部不一致的记录。")
        self.import_label.setText(text)
        self.conflict_list.clear()
        self.conflict_list.addItems(list(merged.conflicts))
        self.shown.emit()

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
        self.changed.emit()
        self.batch_installed.emit(installed.batch)
        messages.show_info(self, title, self.import_label.text())

    def show_install(self, installed: SiteInstall) -> None:
        """Show what installing a site package did."""
        text = self.tr(
            "已安装批次 {0} 的场次 {1}：考生 {2} 人，照片 {3} 张，考评人员账号 {4} 个。"
        ).format(
            installed.batch,
            installed.session_code,
            installed.candidates,
            installed.photos,
            installed.accounts_added,
        )
        if installed.papers:
            text += self.tr("封存试卷 {0}：开考前由两位启封人在“试卷启封”页启封。").format(
                labels.separator().join(installed.papers)
            )
        self.import_label.setText(text)
        self.conflict_list.clear()
        if installed.accounts_skipped:
            self.conflict_list.addItems(
                [
                    self.tr("本机已有账号 {0}，未覆盖").format(name)
                    for name in installed.accounts_skipped
                ]
            )
        self.shown.emit()
