"""证书核验: check a certificate PDF or a photo of its QR code, or answer by number and name.

A file is checked with this database's certificates or an optional revocation list; a caller who
gives a certificate number and a name is answered from this body's register.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from kaoping.domain.errors import KaopingError
from kaoping.services import verification
from kaoping.services.base import Actor, Env
from kaoping.services.verification import VerificationResult
from kaoping.ui import labels, messages
from kaoping.ui.pdf_preview import PdfPreview

_COLOURS = {
    verification.VERDICT_VALID: "#1b7a1b",
    verification.VERDICT_INVALID: "#b00020",
    verification.VERDICT_UNREADABLE: "#8a6d00",
    verification.VERDICT_UNKNOWN: "#b35c00",
}
_LOOKUP_COLOURS = {
    verification.LOOKUP_VALID: _COLOURS[verification.VERDICT_VALID],
    verification.LOOKUP_NAME_MISMATCH: _COLOURS[verification.VERDICT_UNKNOWN],
    verification.LOOKUP_OTHER_BODY: _COLOURS[verification.VERDICT_UNREADABLE],
}


class VerifyPage(QWidget):
    """Pick a file, see the verdict, what the QR code says and every problem found."""

    def __init__(self, env: Env, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._env = env
        self._actor = actor
        self._revocations: bytes | None = None
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "核验证书的电子签名、二维码、证书内容是否一致，以及是否已被撤销。"
                "撤销状态只认签发机构的数据库（本机）或未过期的吊销列表；两者都没有时，"
                "结论为“签名有效，撤销状态未知”。"
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        row = QHBoxLayout()
        self.pdf_button = QPushButton(self.tr("选择证书 PDF(&F)…"))
        self.pdf_button.clicked.connect(self._on_pdf_clicked)
        self.qr_button = QPushButton(self.tr("选择二维码照片(&Q)…"))
        self.qr_button.clicked.connect(self._on_qr_clicked)
        self.list_button = QPushButton(self.tr("使用吊销列表文件…"))
        self.list_button.clicked.connect(self._on_list_clicked)
        for button in (self.pdf_button, self.qr_button, self.list_button):
            row.addWidget(button)
        self.list_label = QLabel(self.tr("撤销记录：本机数据库"))
        row.addWidget(self.list_label, 1)
        layout.addLayout(row)
        layout.addLayout(self._lookup_row())
        self.verdict_label = QLabel()
        self.verdict_label.setStyleSheet("font-size: 18px; font-weight: bold;")
        layout.addWidget(self.verdict_label)
        self.record_label = QLabel()
        self.record_label.setWordWrap(True)
        layout.addWidget(self.record_label)
        splitter = QSplitter()
        self.problem_list = QListWidget()
        splitter.addWidget(self.problem_list)
        self.preview = PdfPreview()
        splitter.addWidget(self.preview)
        splitter.setSizes([420, 600])
        layout.addWidget(splitter, 1)

    def _lookup_row(self) -> QHBoxLayout:
        """Number and name, for someone who telephones or writes in (no file at hand)."""
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("证书编号")))
        self.number_edit = QLineEdit()
        self.number_edit.setPlaceholderText("GXDT-…-2026-000123-47")
        row.addWidget(self.number_edit, 2)
        row.addWidget(QLabel(self.tr("姓名")))
        self.name_edit = QLineEdit()
        row.addWidget(self.name_edit, 1)
        self.lookup_button = QPushButton(self.tr("按编号和姓名查询(&L)"))
        self.lookup_button.clicked.connect(self.lookup)
        self.name_edit.returnPressed.connect(self.lookup)
        row.addWidget(self.lookup_button)
        return row

    def lookup(self) -> None:
        """Answer from this body's register: valid, revoked, no such certificate, or no match."""
        try:
            answer = verification.lookup_certificate(
                self._env, self.number_edit.text(), self.name_edit.text()
            )
        except KaopingError as error:
            messages.show_error(self, error)
            return
        colour = _LOOKUP_COLOURS.get(answer.outcome, _COLOURS[verification.VERDICT_INVALID])
        self.verdict_label.setText(labels.label(answer.label))
        self.verdict_label.setStyleSheet(f"font-size: 18px; font-weight: bold; color: {colour};")
        self.record_label.setText(answer.message)
        self.problem_list.clear()
        self.preview.clear(self.tr("按编号查询不显示证书页面"))

    def _on_pdf_clicked(self) -> None:
        path = messages.open_file(self, self.tr("选择证书 PDF"), self.tr("PDF 文件 (*.pdf)"))
        if path is not None:
            self.verify_pdf(path)

    def _on_qr_clicked(self) -> None:
        path = messages.open_file(
            self, self.tr("选择二维码照片或扫描件"), self.tr("图片 (*.png *.jpg *.jpeg *.bmp)")
        )
        if path is not None:
            self.verify_qr(path)

    def _on_list_clicked(self) -> None:
        path = messages.open_file(self, self.tr("选择吊销列表文件"), self.tr("吊销列表 (*.json)"))
        if path is None:
            return
        try:
            self._revocations = path.read_bytes()
        except OSError as error:
            messages.show_error(self, error)
            return
        self.list_label.setText(self.tr("撤销记录：{0}").format(path.name))

    def _read(self, path: Path) -> bytes | None:
        try:
            return path.read_bytes()
        except OSError as error:
            self.show_result(
                verification.VerificationResult(
                    verification.VERDICT_UNREADABLE,
                    (self.tr("无法读取文件：{0}").format(error),),
                    None,
                    "",
                )
            )
            return None

    def verify_pdf(self, path: Path) -> None:
        """Verify a certificate PDF and show it."""
        data = self._read(path)
        if data is None:
            return
        result = verification.verify_pdf(self._env, data, revocation_list=self._revocations)
        self.show_result(result)
        if result.verdict != verification.VERDICT_UNREADABLE:
            # A page that is not valid never looks like one: the verdict is drawn across it.
            stamp = "" if result.ok else labels.label(result.label)
            try:
                self.preview.show_pdf(data, stamp)
            except Exception:  # a damaged file still gets its verdict, just no picture
                self.preview.clear(self.tr("无法显示该文件"))

    def verify_qr(self, path: Path) -> None:
        """Verify the QR code in a photo or scan."""
        data = self._read(path)
        if data is None:
            return
        self.preview.clear(self.tr("二维码核验不显示证书页面"))
        self.show_result(
            verification.verify_qr_image(self._env, data, revocation_list=self._revocations)
        )

    def show_result(self, result: VerificationResult) -> None:
        """Show the verdict, the record and the problems."""
        self.verdict_label.setText(labels.label(result.label))
        self.verdict_label.setStyleSheet(
            f"font-size: 18px; font-weight: bold; color: {_COLOURS[result.verdict]};"
        )
        record = result.record
        if record is not None:
            holder = (
                self.tr("证件号码后四位：{0}").format(record.id_last4)
                if record.version == 2
                else self.tr("姓名：{0}").format(record.masked_name)
            )
            self.record_label.setText(
                self.tr(
                    "证书编号：{0}　{1}　职业编码：{2}　等级：{3}　发证日期：{4}　机构代码：{5}"
                ).format(
                    record.number,
                    holder,
                    record.occupation_code,
                    labels.label(record.level),
                    record.issue_date.isoformat(),
                    record.issuer_code,
                )
                + (
                    self.tr("　撤销状态来源：{0}").format(result.revocation_source)
                    if result.revocation_source
                    else ""
                )
            )
        else:
            self.record_label.setText("")
        self.problem_list.clear()
        if result.status_unknown:
            self.problem_list.addItem(self.tr("撤销状态未知：{0}").format(result.status_unknown))
        elif not result.problems:
            self.problem_list.addItem(self.tr("签名、二维码、内容与撤销状态均核验通过"))
        for problem in result.problems:
            self.problem_list.addItem(problem)
