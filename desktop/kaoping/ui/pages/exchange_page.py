"""报送与数据包: the report to the province and its answer, site packages, package checks, dossiers.

Per batch the exam administrator exports the signed report package, imports the department's
approval list and sees who was approved and who must be corrected and why; sends a session to a
site laptop and merges the results it sends back (conflicts listed, never overwritten); checks
any package file; exports the inspection dossier. On a site laptop the same page takes the site
package in and sends the results out.

The page holds the batch choice and composes three sections, each a box of buttons whose result
view is one of the tabs below them: `exchange_report` (report, approval, dossier),
`exchange_site` (site packages) and `exchange_check` (package check).
"""

from __future__ import annotations

from functools import partial

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QTabWidget, QVBoxLayout, QWidget

from kaoping.domain.errors import KaopingError
from kaoping.domain.roles import Permission
from kaoping.services import approvals, checkin, plans
from kaoping.services.base import Actor, Env
from kaoping.ui import choices, labels, messages
from kaoping.ui.pages.exchange_check import PackageCheckSection
from kaoping.ui.pages.exchange_report import ReportSection
from kaoping.ui.pages.exchange_section import ExchangeSection
from kaoping.ui.pages.exchange_site import SiteSection


class ExchangePage(QWidget):
    """Report package, approval status, site packages, package verification and dossiers."""

    def __init__(self, env: Env, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._env = env
        self._actor = actor
        layout = QVBoxLayout(self)
        title = QLabel(self.tr("报送与数据包"))
        title.setStyleSheet("font-size: 16pt; font-weight: bold;")
        layout.addWidget(title)
        layout.addLayout(self._batch_row())
        self.report = ReportSection(env, actor, self.batch_code)
        self.site = SiteSection(env, actor, self.batch_code)
        self.check = PackageCheckSection(env, actor)
        self.site.batch_installed.connect(self._choose_batch)
        groups = QHBoxLayout()
        self.tabs = QTabWidget()
        for section, stretch, tab in (
            (self.report, 3, self.tr("审核结果")),
            (self.site, 3, self.tr("导入结果")),
            (self.check, 2, self.tr("校验结果")),
        ):
            self._add_section(groups, section, stretch, tab)
        layout.addLayout(groups)
        layout.addWidget(self.tabs, 1)
        self.reload()

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

    def _add_section(
        self, groups: QHBoxLayout, section: ExchangeSection, stretch: int, tab: str
    ) -> None:
        """Place a section's box in the row and its result view in a tab, and listen to it."""
        groups.addWidget(section, stretch)
        self.tabs.addTab(section.view, tab)
        section.changed.connect(self.reload)
        section.shown.connect(partial(self.tabs.setCurrentWidget, section.view))

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

    def _choose_batch(self, code: str) -> None:
        index = self.batch_combo.findData(code)
        if index >= 0:
            self.batch_combo.setCurrentIndex(index)

    def refresh(self) -> None:
        """Show the chosen batch's status, sessions and approval answers."""
        code = self.batch_code()
        if code is None:
            self.status_label.setText(self.tr("还没有批次。"))
            self.site.fill_sessions([])
            self.report.fill_approvals([])
            return
        try:
            batch = plans.find_batch(self._env, self._actor, code)
            sessions = (
                checkin.sessions(self._env, self._actor, batch.id)
                if self._actor.can(Permission.CHECKIN)
                else []
            )
            views = (
                approvals.approval_status(self._env, self._actor, code)
                if self._actor.can(Permission.CANDIDATES_VIEW)
                else []
            )
        except KaopingError as error:
            messages.show_error(self, error)
            return
        self.status_label.setText(self.tr("批次状态：{0}").format(labels.label(batch.status)))
        self.site.fill_sessions(sessions)
        self.report.fill_approvals(views)
