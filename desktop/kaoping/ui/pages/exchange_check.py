"""Package check: any package file's signature, signer and contents, checked on this machine."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QVBoxLayout,
    QWidget,
)

from kaoping.domain.errors import KaopingError
from kaoping.domain.packages import PackageKind
from kaoping.services import exchange
from kaoping.services.base import Actor, Env
from kaoping.services.exchange import PackageCheck
from kaoping.ui import labels, messages
from kaoping.ui.labels import QT_TRANSLATE_NOOP
from kaoping.ui.pages.exchange_section import ExchangeSection

_CHECK_FIELDS = (
    ("kind", QT_TRANSLATE_NOOP("PackageCheckSection", "类型")),
    ("batch", QT_TRANSLATE_NOOP("PackageCheckSection", "批次")),
    ("body_code", QT_TRANSLATE_NOOP("PackageCheckSection", "机构代码")),
    ("sequence", QT_TRANSLATE_NOOP("PackageCheckSection", "序号")),
    ("created_at", QT_TRANSLATE_NOOP("PackageCheckSection", "签名时间（UTC）")),
    ("signer", QT_TRANSLATE_NOOP("PackageCheckSection", "签名者")),
    ("fingerprint", QT_TRANSLATE_NOOP("PackageCheckSection", "签名证书指纹")),
    ("package_id", QT_TRANSLATE_NOOP("PackageCheckSection", "数据包编号")),
    ("imported", QT_TRANSLATE_NOOP("PackageCheckSection", "本机导入情况")),
)
GOOD = "color: #1b7a1b; font-size: 15px; font-weight: bold;"
BAD = "color: #b00020; font-size: 15px; font-weight: bold;"


class PackageCheckSection(ExchangeSection):
    """The check button; the verdict, the signature's details and the file list as its view."""

    def __init__(self, env: Env, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(env, actor, parent)
        self.setTitle(self.tr("数据包校验"))
        column = QVBoxLayout(self)
        note = QLabel(self.tr("核对任一数据包的签名、签名者和文件是否被改动。"))
        note.setWordWrap(True)
        column.addWidget(note)
        self.verify_button = self._button(
            self.tr("校验数据包文件(&V)…"),
            self._on_verify_clicked,
            self.tr("用本机构证书和受信任签名者的证书核对数据包。"),
        )
        column.addWidget(self.verify_button)
        column.addStretch(1)
        self.view = self._check_view()

    def _check_view(self) -> QWidget:
        view = QWidget()
        column = QVBoxLayout(view)
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
        return view

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
        verdict = (
            self.tr("通过", "package check") if check.ok else self.tr("不通过", "package check")
        )
        self.verdict_label.setText(
            self.tr("{0}：{1} — {2}").format(path.name, verdict, check.message)
        )
        self.verdict_label.setStyleSheet(GOOD if check.ok else BAD)
        try:
            kind = labels.label(PackageKind(check.kind)) if check.kind else ""
        except ValueError:
            kind = check.kind
        imported = self.tr("已在本机导入过") if check.already_imported else self.tr("未导入")
        values = {
            "kind": kind,
            "batch": check.batch,
            "body_code": check.body_code,
            "sequence": str(check.sequence) if check.ok else "",
            "created_at": check.created_at,
            "signer": check.signer,
            "fingerprint": check.fingerprint,
            "package_id": check.package_id,
            "imported": imported if check.ok else "",
        }
        for key, label in self.check_fields.items():
            label.setText(values[key] or "—")
        self.file_list.clear()
        self.file_list.addItems(list(check.files))
        self.shown.emit()
