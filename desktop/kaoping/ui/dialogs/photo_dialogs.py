"""考生照片: one candidate's photo (view, file, paste, crop, delete) and a batch's photo import.

The import follows the roster import: check the folder, zip or roster, show every refused file,
then import all, only the good photos, or nothing. Checking and importing run off the UI thread
behind a progress dialog that cancels the whole import.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage, QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kaoping.domain.errors import KaopingError, ValidationError
from kaoping.domain.roles import Permission
from kaoping.services import photos
from kaoping.services.base import Actor, Env
from kaoping.services.photos import PhotoReport
from kaoping.ui import messages, tasks
from kaoping.ui.dialogs.photo_crop_dialog import PhotoCropDialog, png_bytes

PHOTO_W, PHOTO_H = 250, 308
SHOWN_PROBLEMS = 5000


class CandidatePhotoDialog(QDialog):
    """One candidate's photo: shown large; replaced from a file or the clipboard; cropped; removed.

    Every new picture goes through the same checks as an import; a refused one stays at hand so
    the crop-and-rotate dialog can fix it.
    """

    def __init__(
        self, env: Env, actor: Actor, candidate_id: int, name: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._env = env
        self._actor = actor
        self._candidate_id = candidate_id
        self._source: bytes | None = None  # the last picture offered, refused or not
        self.changed = False
        self.setWindowTitle(self.tr("考生照片 — {0}").format(name))
        layout = QHBoxLayout(self)
        self.photo_label = QLabel()
        self.photo_label.setFixedSize(PHOTO_W, PHOTO_H)
        self.photo_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.photo_label.setStyleSheet("border: 1px solid #9AA5B1; color: #5A6675;")
        layout.addWidget(self.photo_label)
        side = QVBoxLayout()
        self.message_label = QLabel()
        self.message_label.setWordWrap(True)
        self.message_label.setMinimumWidth(300)
        side.addWidget(self.message_label)
        editable = actor.can(Permission.CANDIDATES_EDIT)
        self.file_button = self._button(side, self.tr("选择照片文件(&F)…"), self._on_file, editable)
        self.paste_button = self._button(
            side, self.tr("从剪贴板粘贴(&V)"), self._on_paste, editable
        )
        self.crop_button = self._button(side, self.tr("裁剪与旋转(&C)…"), self._on_crop, editable)
        self.delete_button = self._button(side, self.tr("删除照片"), self._on_delete, editable)
        side.addStretch(1)
        close = QPushButton(self.tr("关闭"))
        close.clicked.connect(self.accept)
        side.addWidget(close)
        layout.addLayout(side)
        self._stored: bytes | None = None
        self._load()

    def _button(self, layout: QVBoxLayout, text: str, slot: object, visible: bool) -> QPushButton:
        button = QPushButton(text)
        button.clicked.connect(slot)
        button.setVisible(visible)
        layout.addWidget(button)
        return button

    def _load(self) -> None:
        if not self._actor.can(Permission.PHOTOS_VIEW):
            self.photo_label.setText(self.tr("无权查看照片"))
            return
        try:
            self._stored = photos.candidate_photo(self._env, self._actor, self._candidate_id)
        except KaopingError as error:
            self.photo_label.setText(str(error))
            return
        pixmap = QPixmap()
        if self._stored and pixmap.loadFromData(self._stored):
            self.photo_label.setPixmap(
                pixmap.scaled(
                    PHOTO_W,
                    PHOTO_H,
                    Qt.AspectRatioMode.KeepAspectRatio,
                    Qt.TransformationMode.SmoothTransformation,
                )
            )
        else:
            self.photo_label.setPixmap(QPixmap())
            self.photo_label.setText(self.tr("还没有照片"))
        self.delete_button.setEnabled(bool(self._stored))

    def offer(self, data: bytes) -> bool:
        """Check and store a picture; on refusal show why and keep it for cropping."""
        self._source = data
        try:
            prepared = photos.set_photo(self._env, self._actor, self._candidate_id, data)
        except ValidationError as error:
            self.message_label.setStyleSheet("color: #B3261E;")
            self.message_label.setText(
                self.tr("{0}\n\n可以点“裁剪与旋转”修正后再试。").format(error.message)
            )
            return False
        except KaopingError as error:
            messages.show_error(self, error)
            return False
        self.changed = True
        self.message_label.setStyleSheet("color: #1B7F3B;")
        self.message_label.setText(
            self.tr("照片已保存（{0}×{1} 像素）。").format(prepared.width, prepared.height)
        )
        self._load()
        return True

    def _on_file(self) -> None:
        path = messages.open_file(
            self, self.tr("选择考生照片"), self.tr("照片 (*.jpg *.jpeg *.png)")
        )
        if path is not None:
            try:
                self.offer(path.read_bytes())
            except OSError as error:
                messages.show_error(self, error)

    def _on_paste(self) -> None:
        image = QGuiApplication.clipboard().image()
        if image.isNull():
            messages.show_info(
                self, self.tr("粘贴照片"), self.tr("剪贴板中没有图片，请先复制一张照片。")
            )
            return
        self.offer(png_bytes(image))

    def _on_crop(self) -> None:
        source = self._source or self._stored
        image = QImage()
        if source is None or not image.loadFromData(source):
            messages.show_info(self, self.tr("裁剪与旋转"), self.tr("请先选择或粘贴一张照片。"))
            return
        spec = photos.current_photo_size(self._env, self._actor)
        dialog = PhotoCropDialog(image, spec.width, spec.height, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.offer(dialog.png())

    def _on_delete(self) -> None:
        if messages.confirm(self, self.tr("删除照片"), self.tr("删除该考生的照片？")):
            try:
                photos.delete_photo(self._env, self._actor, self._candidate_id)
            except KaopingError as error:
                messages.show_error(self, error)
                return
            self.changed = True
            self._load()


class PhotoImportDialog(QDialog):
    """Choose a folder, zip or roster of photos, see the per-file report, then decide."""

    def __init__(
        self, env: Env, actor: Actor, batch_id: int, batch_code: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._env = env
        self._actor = actor
        self._batch_id = batch_id
        self.path: Path | None = None
        self.report: PhotoReport | None = None
        self.imported = 0
        self.setWindowTitle(self.tr("导入考生照片 — 批次 {0}").format(batch_code))
        self.resize(860, 560)
        layout = QVBoxLayout(self)
        hint = QLabel(
            self.tr(
                "照片文件（JPEG 或 PNG）以考生的证件号码或准考证号命名，放在一个文件夹或 zip 压缩包中；"
                "也可以选择在“照片”列嵌入了照片的名册（.xlsx）。"
            )
        )
        hint.setWordWrap(True)
        layout.addWidget(hint)
        row = QHBoxLayout()
        self.file_label = QLabel(self.tr("尚未选择"))
        row.addWidget(self.file_label, 1)
        for text, slot in (
            (self.tr("选择文件夹…"), self._on_folder),
            (self.tr("选择 zip 或名册…"), self._on_file),
        ):
            button = QPushButton(text)
            button.clicked.connect(slot)
            row.addWidget(button)
        layout.addLayout(row)
        self.summary_label = QLabel()
        self.summary_label.setWordWrap(True)
        layout.addWidget(self.summary_label)
        self.table = QTableWidget(0, 2)
        self.table.setHorizontalHeaderLabels([self.tr("文件"), self.tr("问题与修改方法")])
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        layout.addWidget(self.table, 1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.reject_button = QPushButton(self.tr("全部不导入"))
        self.reject_button.clicked.connect(self.reject)
        self.valid_only_button = QPushButton(self.tr("仅导入合格的照片"))
        self.valid_only_button.clicked.connect(lambda: self._import(valid_only=True))
        self.all_button = QPushButton(self.tr("导入"))
        self.all_button.clicked.connect(lambda: self._import(valid_only=False))
        for button in (self.reject_button, self.valid_only_button, self.all_button):
            buttons.addWidget(button)
        layout.addLayout(buttons)
        self._update_buttons()

    def _update_buttons(self) -> None:
        report = self.report
        self.all_button.setEnabled(report is not None and not report.problems and report.valid > 0)
        self.valid_only_button.setEnabled(
            report is not None and bool(report.problems) and report.valid > 0
        )
        if report is not None:
            self.valid_only_button.setText(self.tr("仅导入合格的 {0} 张").format(report.valid))
            self.all_button.setText(self.tr("导入全部 {0} 张").format(report.valid))

    def _on_folder(self) -> None:
        path = messages.open_folder(self, self.tr("选择照片文件夹"))
        if path is not None:
            self.check(path)

    def _on_file(self) -> None:
        path = messages.open_file(
            self, self.tr("选择照片压缩包或名册"), self.tr("照片压缩包或名册 (*.zip *.xlsx)")
        )
        if path is not None:
            self.check(path)

    def _from_roster(self) -> bool:
        return self.path is not None and self.path.suffix.lower() == ".xlsx"

    def check(self, path: Path) -> None:
        """Check every photo in a folder, zip or roster and show the report."""
        self.path = path
        self.file_label.setText(str(path))
        from_roster = self._from_roster()
        try:
            self.report = tasks.run_task(
                self,
                self.tr("正在检查照片…"),
                lambda progress, cancelled: photos.check_photos(
                    self._env,
                    self._actor,
                    self._batch_id,
                    path,
                    from_roster=from_roster,
                    progress=tasks.until_cancelled(progress, cancelled),
                ),
                show_after_ms=tasks.OFTEN_QUICK_MS,
            )
        except KaopingError as error:
            self.report = None
            self.summary_label.setText(str(error))
            self.table.setRowCount(0)
            self._update_buttons()
            return
        self._show_report(self.report)
        self._update_buttons()

    def _show_report(self, report: PhotoReport) -> None:
        if report.problems:
            text = self.tr(
                "共 {0} 个文件：合格 {1} 张，不合格 {2} 个。请选择全部不导入（修改后重新导入），"
                "或仅导入合格的照片。"
            ).format(report.total, report.valid, len(report.problems))
        else:
            text = self.tr("共 {0} 个文件，全部合格。").format(report.total)
        self.summary_label.setText(text)
        shown = report.problems[:SHOWN_PROBLEMS]
        self.table.setRowCount(len(shown))
        for r, problem in enumerate(shown):
            self.table.setItem(r, 0, QTableWidgetItem(problem.label))
            self.table.setItem(r, 1, QTableWidgetItem(problem.reason))
        self.table.resizeColumnToContents(0)
        self.table.resizeRowsToContents()

    def _import(self, *, valid_only: bool) -> None:
        if self.path is None:
            return
        path = self.path
        from_roster = self._from_roster()
        try:
            result = tasks.run_task(
                self,
                self.tr("正在导入照片…"),
                lambda progress, cancelled: photos.import_photos(
                    self._env,
                    self._actor,
                    self._batch_id,
                    path,
                    valid_only=valid_only,
                    from_roster=from_roster,
                    progress=tasks.until_cancelled(progress, cancelled),
                ),
                show_after_ms=tasks.OFTEN_QUICK_MS,
            )
        except KaopingError as error:
            messages.show_error(self, error)
            return
        self.imported = result.imported
        self.accept()
