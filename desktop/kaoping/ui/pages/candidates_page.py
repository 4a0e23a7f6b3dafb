"""考生: the candidates of a batch, fetched page by page so 100,000 rows stay responsive."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
)
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from kaoping.domain.errors import KaopingError
from kaoping.domain.plans import Batch
from kaoping.domain.roles import Permission
from kaoping.domain.roster import CandidateStatus, Route
from kaoping.fileio import write_atomically
from kaoping.services import catalogue, eligibility, intake, photos, plans, sampling
from kaoping.services.base import Actor, Env
from kaoping.services.ports.intake import CandidateQuery, CandidateSummary
from kaoping.ui import choices, labels, messages
from kaoping.ui.dialogs.import_dialog import ImportDialog
from kaoping.ui.dialogs.intake_dialog import IntakeDialog
from kaoping.ui.dialogs.photo_dialogs import CandidatePhotoDialog, PhotoImportDialog
from kaoping.ui.labels import QT_TRANSLATE_NOOP

PAGE_SIZE = 200
_Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()


def _eligibility(row: CandidateSummary) -> str:
    if row.eligible:
        text = QCoreApplication.translate("CandidateTableModel", "符合")
    elif row.eligibility_override:
        text = QCoreApplication.translate("CandidateTableModel", "不符合（已登记例外）")
    else:
        text = QCoreApplication.translate("CandidateTableModel", "不符合")
    if row.eligibility_verified:
        return text
    return text + QCoreApplication.translate("CandidateTableModel", "（规则未核实）")


def _flagged(row: CandidateSummary) -> str:
    return QCoreApplication.translate("CandidateTableModel", "是") if row.flagged else ""


# (header, sort key, cell text)
COLUMNS: tuple[tuple[str, str, Any], ...] = (
    (QT_TRANSLATE_NOOP("CandidateTableModel", "编号"), "id", lambda r: str(r.id)),
    (QT_TRANSLATE_NOOP("CandidateTableModel", "姓名"), "name", lambda r: r.name),
    (QT_TRANSLATE_NOOP("CandidateTableModel", "证件号码"), "id_masked", lambda r: r.id_masked),
    (QT_TRANSLATE_NOOP("CandidateTableModel", "性别"), "sex", lambda r: labels.label(r.sex)),
    (QT_TRANSLATE_NOOP("CandidateTableModel", "手机号码"), "phone", lambda r: r.phone),
    (
        QT_TRANSLATE_NOOP("CandidateTableModel", "最高学历"),
        "education",
        lambda r: labels.label(r.education),
    ),
    (QT_TRANSLATE_NOOP("CandidateTableModel", "等级"), "level", lambda r: labels.label(r.level)),
    (
        QT_TRANSLATE_NOOP("CandidateTableModel", "申报方式"),
        "route",
        lambda r: labels.label(Route(r.route)),
    ),
    (QT_TRANSLATE_NOOP("CandidateTableModel", "状态"), "status", lambda r: labels.label(r.status)),
    (QT_TRANSLATE_NOOP("CandidateTableModel", "申报条件"), "eligible", _eligibility),
    (QT_TRANSLATE_NOOP("CandidateTableModel", "重点核查"), "flagged", _flagged),
)


class CandidateTableModel(QAbstractTableModel):
    """Candidates from the service, fetched PAGE_SIZE rows at a time as the view scrolls."""

    def __init__(self, env: Env, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._env = env
        self._actor = actor
        self.query = CandidateQuery(limit=PAGE_SIZE)
        self.rows: list[CandidateSummary] = []
        self.total = 0
        self.last_error: KaopingError | None = None
        # The view announces its sort order while it is being set up; reading the database
        # then would only be repeated by the page's first refresh.
        self.loaded = False

    def reload(self, query: CandidateQuery | None = None) -> KaopingError | None:
        """Start over with a new filter or order; only the first page is read.

        Returns the error that prevented reading, if any.
        """
        self.last_error = None
        self.loaded = True
        self.beginResetModel()
        if query is not None:
            self.query = replace(query, offset=0, limit=PAGE_SIZE)
        self.rows, self.total = [], 0
        self._fetch()
        self.endResetModel()
        return self.last_error

    def _fetch(self) -> list[CandidateSummary]:
        try:
            page = intake.list_candidates(
                self._env, self._actor, replace(self.query, offset=len(self.rows))
            )
        except KaopingError as error:
            self.last_error = error
            return []
        self.total = page.total
        if not self.rows:
            self.rows = list(page.rows)
            return self.rows
        return list(page.rows)

    def rowCount(self, parent: _Index = _ROOT) -> int:
        """Rows fetched so far."""
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: _Index = _ROOT) -> int:
        """The fixed columns."""
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Cell text."""
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None
        return COLUMNS[index.column()][2](self.rows[index.row()])

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        """Column titles."""
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.tr(COLUMNS[section][0])
        return None

    def canFetchMore(self, parent: _Index = _ROOT) -> bool:
        """Whether more rows exist beyond those fetched."""
        return not parent.isValid() and len(self.rows) < self.total

    def fetchMore(self, parent: _Index = _ROOT) -> None:
        """Read the next page when the view scrolls near the end."""
        if parent.isValid() or not self.rows:
            return
        more = self._fetch()
        if more:
            start = len(self.rows)
            self.beginInsertRows(QModelIndex(), start, start + len(more) - 1)
            self.rows.extend(more)
            self.endInsertRows()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort in the database, then start again from the first page."""
        query = replace(
            self.query, sort=COLUMNS[column][1], descending=order == Qt.SortOrder.DescendingOrder
        )
        if not self.loaded:
            self.query = query
        elif query != self.query:  # Qt asks twice for one sortByColumn; read once
            self.reload(query)


class CandidatesPage(QWidget):
    """Candidates of a batch: filter, sort, enter, import, export, withdraw, print the letter."""

    def __init__(self, env: Env, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._env = env
        self._actor = actor
        self._batches: list[Batch] = []
        self._occupations: dict[str, str] = {}
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("考生")))
        filters = QHBoxLayout()
        self.batch_combo = QComboBox()
        self.batch_combo.setMinimumWidth(260)
        self.search_edit = QLineEdit()
        self.search_edit.setPlaceholderText(self.tr("姓名，或证件号码后四位"))
        self.status_combo = QComboBox()
        self.status_combo.addItem(self.tr("全部状态"), None)
        for status in CandidateStatus:
            self.status_combo.addItem(labels.label(status), status)
        filters.addWidget(QLabel(self.tr("批次")))
        filters.addWidget(self.batch_combo)
        filters.addWidget(QLabel(self.tr("查找")))
        filters.addWidget(self.search_edit, 1)
        filters.addWidget(self.status_combo)
        layout.addLayout(filters)
        self.notice_label = QLabel(
            self.tr(
                "注意：申报条件规则尚未与国家职业标准原文核对。不符合申报条件的考生不能排座、"
                "录入成绩、报送和发证，除非质量督导员核对后登记例外。"
            )
        )
        self.notice_label.setWordWrap(True)
        self.notice_label.setStyleSheet("color: #8A6D00; background: #FFF8E1; padding: 4px;")
        layout.addWidget(self.notice_label)
        self.model = CandidateTableModel(env, actor, self)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setSortingEnabled(True)
        self.view.horizontalHeader().setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        self.view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.view.verticalHeader().setVisible(False)
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.view.horizontalHeader().setStretchLastSection(True)
        # Fit the columns to the first rows only: measuring every fetched cell made each
        # filter keystroke wait on text layout.
        self.view.horizontalHeader().setResizeContentsPrecision(50)
        layout.addWidget(self.view, 1)
        self.count_label = QLabel()
        self.result_label = QLabel()
        self.result_label.setWordWrap(True)
        layout.addWidget(self.count_label)
        layout.addWidget(self.result_label)
        layout.addLayout(self._buttons())
        self._photo_note = ""
        self._fitted = False  # columns fitted to rows since the last full refresh
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(300)
        self._search_timer.timeout.connect(self.search)
        self.search_edit.textChanged.connect(lambda _t: self._search_timer.start())
        self.status_combo.currentIndexChanged.connect(lambda _i: self.search())
        self.batch_combo.currentIndexChanged.connect(lambda _i: self.refresh())
        self._load_batches()
        self.refresh()

    def _buttons(self) -> QHBoxLayout:
        row = QHBoxLayout()
        can = self._actor.can
        specs = (
            (
                "new_button",
                self.tr("新增考生"),
                self._on_new_clicked,
                can(Permission.CANDIDATES_EDIT),
            ),
            (
                "import_button",
                self.tr("导入名册"),
                self._on_import_clicked,
                can(Permission.CANDIDATES_IMPORT),
            ),
            ("export_button", self.tr("导出名册"), self._on_export_clicked, True),
            (
                "photo_import_button",
                self.tr("导入照片"),
                self._on_photo_import_clicked,
                can(Permission.CANDIDATES_IMPORT),
            ),
            (
                "photo_button",
                self.tr("照片…"),
                self._on_photo_clicked,
                can(Permission.PHOTOS_VIEW) or can(Permission.CANDIDATES_EDIT),
            ),
            (
                "template_button",
                self.tr("下载模板"),
                self._on_template_clicked,
                can(Permission.CANDIDATES_IMPORT),
            ),
            (
                "withdraw_button",
                self.tr("撤回申报"),
                self._on_withdraw_clicked,
                can(Permission.CANDIDATES_EDIT),
            ),
            (
                "letter_button",
                self.tr("打印承诺书"),
                self._on_letter_clicked,
                can(Permission.CANDIDATES_EDIT),
            ),
            (
                "flag_button",
                self.tr("标记重点核查"),
                self._on_flag_clicked,
                can(Permission.SAMPLING_DRAW),
            ),
            (
                "override_button",
                self.tr("登记例外"),
                self._on_override_clicked,
                can(Permission.ELIGIBILITY_OVERRIDE),
            ),
        )
        for name, text, slot, visible in specs:
            button = QPushButton(text)
            button.clicked.connect(slot)
            button.setVisible(visible)
            setattr(self, name, button)
            row.addWidget(button)
        row.addStretch(1)
        return row

    def _load_batches(self) -> None:
        try:
            self._batches = plans.list_batches(self._env, self._actor)
            self._occupations = {
                o.code: o.name for o in catalogue.list_occupations(self._env, self._actor)
            }
        except KaopingError as error:
            messages.show_error(self, error)
            return
        self.batch_combo.blockSignals(True)
        self.batch_combo.clear()
        self.batch_combo.addItem(self.tr("全部批次"), None)
        for batch in self._batches:
            name = self._occupations.get(batch.occupation_code, batch.occupation_code)
            self.batch_combo.addItem(f"{batch.code}  {name} {labels.label(batch.level)}", batch.id)
        if self._batches:
            self.batch_combo.setCurrentIndex(1)
        self.batch_combo.blockSignals(False)

    def current_batch(self) -> Batch | None:
        """The batch chosen in the filter, if one is."""
        batch_id = self.batch_combo.currentData()
        return next((b for b in self._batches if b.id == batch_id), None)

    def refresh(self) -> None:
        """Reload the list with the current filter and order, and recount the batch's photos."""
        self._photo_note = self._photos()
        self._fitted = False
        self.search()

    def search(self) -> None:
        """Reload the list for new search text, status or order.

        The photo count is of the whole batch and stays as it was: counting 100,000 candidates
        again at every keystroke cost more than the search itself. The columns keep the widths
        fitted to the first rows shown, so they do not jump while a name is typed.
        """
        # A search still waiting for its typing pause would only repeat this reload.
        self._search_timer.stop()
        header = self.view.horizontalHeader()
        column = max(header.sortIndicatorSection(), 0)
        error = self.model.reload(
            CandidateQuery(
                batch_id=self.batch_combo.currentData(),
                text=self.search_edit.text(),
                status=choices.chosen(self.status_combo, CandidateStatus),
                sort=COLUMNS[column][1],
                descending=header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder,
            )
        )
        if error is not None:
            messages.show_error(self, error)
        self.count_label.setText(
            self.tr("共 {0} 名考生").format(self.model.total) + self._photo_note
        )
        self.notice_label.setVisible(any(not r.eligibility_verified for r in self.model.rows))
        if not self._fitted and self.model.rows:
            self.view.resizeColumnsToContents()
            self._fitted = True

    def _photos(self) -> str:
        """How many of the shown batch's candidates have a photo, or "" without a batch."""
        batch_id = self.batch_combo.currentData()
        if batch_id is None:
            return ""
        try:
            count = photos.photo_count(self._env, self._actor, batch_id)
        except KaopingError:
            return ""
        return self.tr("；在册 {0} 人中 {1} 人已有照片").format(count.candidates, count.with_photo)

    def _selected(self) -> CandidateSummary | None:
        rows = self.view.selectionModel().selectedRows()
        if not rows:
            messages.show_info(self, self.tr("考生"), self.tr("请先在列表中选择一名考生。"))
            return None
        return self.model.rows[rows[0].row()]

    def _need_batch(self) -> Batch | None:
        batch = self.current_batch()
        if batch is None:
            messages.show_info(self, self.tr("考生"), self.tr("请先在上方选择一个批次。"))
        return batch

    def _on_new_clicked(self) -> None:
        batch = self._need_batch()
        if batch is None:
            return
        dialog = IntakeDialog(
            self._env, self._actor, batch, self._occupations.get(batch.occupation_code, ""), self
        )
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.result_value is not None:
            result = dialog.result_value
            self.result_label.setText(
                self.tr("已报名（考生编号 {0}）。{1}").format(result.candidate_id, result.verdict)
            )
            self.refresh()

    def _on_import_clicked(self) -> None:
        batch = self._need_batch()
        if batch is None:
            return
        dialog = ImportDialog(self._env, self._actor, batch.id, batch.code, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.result_label.setText(self.tr("已导入 {0} 名考生。").format(dialog.imported))
            self.refresh()

    def _on_photo_import_clicked(self) -> None:
        batch = self._need_batch()
        if batch is None:
            return
        dialog = PhotoImportDialog(self._env, self._actor, batch.id, batch.code, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.result_label.setText(self.tr("已导入 {0} 张照片。").format(dialog.imported))
            self.refresh()

    def _on_photo_clicked(self) -> None:
        row = self._selected()
        if row is None:
            return
        dialog = CandidatePhotoDialog(self._env, self._actor, row.id, row.name, self)
        dialog.exec()
        if dialog.changed:
            self.refresh()

    def _on_export_clicked(self) -> None:
        batch = self._need_batch()
        if batch is None:
            return
        path = messages.save_file(
            self,
            self.tr("导出名册"),
            self.tr("{0}-考生名册.xlsx").format(batch.code),
            self.tr("Excel 文件 (*.xlsx);;CSV 文件 (*.csv)"),
        )
        if path is not None:
            self._run(
                lambda: self.result_label.setText(
                    self.tr("已导出 {0} 名考生到 {1}。").format(
                        intake.export_roster(self._env, self._actor, batch.id, path), path
                    )
                )
            )

    def _on_template_clicked(self) -> None:
        path = messages.save_file(
            self,
            self.tr("下载名册模板"),
            self.tr("考生名册模板.xlsx"),
            self.tr("Excel 文件 (*.xlsx);;CSV 文件 (*.csv)"),
        )
        if path is not None:
            self._run(lambda: intake.write_template(self._env, path))

    def _on_withdraw_clicked(self) -> None:
        row = self._selected()
        if row is None:
            return
        reason, ok = QInputDialog.getText(
            self,
            self.tr("撤回申报"),
            self.tr("撤回 {0}（{1}）的申报，原因：").format(row.name, row.id_masked),
        )
        if ok:
            self._run(lambda: intake.withdraw(self._env, self._actor, row.id, reason))
            self.refresh()

    def _on_letter_clicked(self) -> None:
        row = self._selected()
        if row is None:
            return
        path = messages.save_file(
            self,
            self.tr("保存告知承诺书"),
            self.tr("告知承诺书-{0}.pdf").format(row.id),
            self.tr("PDF 文件 (*.pdf)"),
        )
        if path is not None:
            self._run(lambda: self._save_letter(row.id, path))

    def _save_letter(self, candidate_id: int, path: Path) -> None:
        copy = intake.commitment_letter(self._env, self._actor, candidate_id)
        write_atomically(path, copy.pdf)
        note = "" if copy.matches_record else self.tr("（注意：与签署时记录的指纹不一致）")
        self.result_label.setText(
            self.tr("承诺书已保存到 {0}，SHA-256 {1}…{2}").format(path, copy.sha256[:16], note)
        )

    def _on_flag_clicked(self) -> None:
        row = self._selected()
        if row is None:
            return
        reason, ok = QInputDialog.getText(
            self, self.tr("标记重点核查"), self.tr("把 {0} 列为重点核查，原因：").format(row.name)
        )
        if ok:
            self._run(
                lambda: sampling.flag(self._env, self._actor, row.id, not row.flagged, reason)
            )
            self.refresh()

    def _on_override_clicked(self) -> None:
        row = self._selected()
        if row is None:
            return
        if row.eligible or row.eligibility_override:
            messages.show_info(
                self,
                self.tr("登记例外"),
                self.tr("{0} 符合申报条件或已登记例外，无需登记。").format(row.name),
            )
            return
        try:
            detail = intake.candidate_detail(self._env, self._actor, row.id)
        except KaopingError as error:
            messages.show_error(self, error)
            return
        basis, ok = QInputDialog.getMultiLineText(
            self,
            self.tr("登记申报条件例外"),
            self.tr(
                "{0}（{1}）的审核结论：\n{2}\n\n请写明登记例外的依据（核对的标准条款、"
                "证明材料及核对情况）；登记后该考生可以排座、录入成绩、报送和发证："
            ).format(row.name, row.id_masked, detail.eligibility_note),
        )
        if ok:
            self._run(lambda: self._record_override(row, basis))
            self.refresh()

    def _record_override(self, row: CandidateSummary, basis: str) -> None:
        done = eligibility.record_override(self._env, self._actor, row.id, basis)
        self.result_label.setText(
            self.tr("已为 {0}（{1}）登记申报条件例外，依据：{2}").format(
                row.name, row.id_masked, done.basis
            )
        )

    def _run(self, call: Any) -> None:
        try:
            call()
        except KaopingError as error:
            messages.show_error(self, error)
