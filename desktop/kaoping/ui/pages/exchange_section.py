"""What the sections of the 报送与数据包 page share: file handling, signing prompts, exports.

Each section is a box of buttons plus the result view it fills; the page shows that view in a tab
and listens to the section's signals. Exports run off the UI thread behind a cancellable progress
dialog: a cancel before the export is stored records nothing and writes no file.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGroupBox, QPushButton, QWidget

from kaoping.domain.errors import KaopingError
from kaoping.domain.roles import Permission
from kaoping.fileio import write_atomically
from kaoping.services.base import Actor, Env
from kaoping.services.packaging import ExportCancelled, ExportedPackage
from kaoping.ui import labels, messages, tasks
from kaoping.ui.dialogs import issue_dialog
from kaoping.ui.labels import QT_TRANSLATE_NOOP
from kaoping.ui.tasks import Work

_T = TypeVar("_T")
BatchCode = Callable[[], str | None]
"""Asks the page which batch is chosen (None when there is none)."""

_COUNT_NAMES = {
    "candidates": QT_TRANSLATE_NOOP("ExchangeSection", "考生"),
    "passed": QT_TRANSLATE_NOOP("ExchangeSection", "合格"),
    "full_id_numbers": QT_TRANSLATE_NOOP("ExchangeSection", "含完整证件号码"),
    "photos": QT_TRANSLATE_NOOP("ExchangeSection", "照片"),
    "accounts": QT_TRANSLATE_NOOP("ExchangeSection", "考评人员账号"),
    "papers": QT_TRANSLATE_NOOP("ExchangeSection", "封存试卷"),
    "seats": QT_TRANSLATE_NOOP("ExchangeSection", "座位"),
    "incidents": QT_TRANSLATE_NOOP("ExchangeSection", "违纪记录"),
    "score_events": QT_TRANSLATE_NOOP("ExchangeSection", "成绩记录"),
}


class ExchangeSection(QGroupBox):
    """A box of the page's buttons; subclasses build `view`, the result the page shows in a tab."""

    changed = Signal()
    """Stored data changed: the page reloads its batches and lists."""
    shown = Signal()
    """A new result is in `view`: the page brings its tab to the front."""

    view: QWidget

    def __init__(self, env: Env, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._env = env
        self._actor = actor

    def _button(self, text: str, slot: Callable[[], None], tip: str) -> QPushButton:
        button = QPushButton(text)
        button.setToolTip(tip)
        button.clicked.connect(slot)
        return button

    def _require(self, rules: list[tuple[QWidget, Permission]]) -> None:
        """Disable each widget the person may not use, saying which permission it needs."""
        for widget, permission in rules:
            if not self._actor.can(permission):
                widget.setEnabled(False)
                widget.setToolTip(self.tr("需要“{0}”权限").format(labels.label(permission)))

    def _ask_passphrase(self, title: str) -> str | None:
        text = issue_dialog.ask_text(
            self, title, self.tr("签名密钥口令（仅用于本次签名，不会保存）："), secret=True
        )
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
            messages.show_error(
                self,
                KaopingError(
                    self.tr("无法写入文件 {0}：{1}。请换一个位置保存后重新导出。").format(
                        path, error.strerror or error
                    )
                ),
            )
            return False
        return True

    def _read(self, title: str, filters: str) -> tuple[Path, bytes] | None:
        path = messages.open_file(self, title, filters)
        if path is None:
            return None
        try:
            return path, path.read_bytes()
        except OSError as error:
            messages.show_error(
                self,
                KaopingError(
                    self.tr("无法读取文件 {0}：{1}。请检查文件是否存在、是否有权限读取。").format(
                        path, error.strerror or error
                    )
                ),
            )
            return None

    def _zip_filter(self) -> str:
        return self.tr("数据包 (*.zip)")

    def _counts(self, summary: Mapping[str, int]) -> str:
        return self.tr("，").join(
            self.tr("{0} {1}").format(self.tr(_COUNT_NAMES.get(k, k)), v)
            for k, v in summary.items()
        )

    def _exported(self, title: str, made: ExportedPackage, path: Path) -> None:
        messages.show_info(
            self,
            title,
            self.tr("已保存{0}数据包：{1}\n批次 {2}，序号 {3}；{4}。\n数据包编号 {5}").format(
                labels.label(made.kind),
                path,
                made.batch,
                made.sequence,
                self._counts(made.summary),
                made.package_id,
            ),
        )
