"""证书: a batch's certificates and candidates, issuing, preview, printing, revocation and reissue.

A third tab holds the reviews of the certificate template's flagged phrases (模板字样复核).
A revoked or voided certificate is previewed with the mark 已撤销 / 已作废 across the page, and
the buttons that cannot apply to the selection are disabled with the reason as their tooltip.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from kaoping.domain.approvals import ApprovalDecision
from kaoping.domain.certificates import (
    CertificateStatus,
    RevocationCategory,
    category_label,
    certificate_file_name,
)
from kaoping.domain.errors import KaopingError
from kaoping.domain.roles import Permission
from kaoping.domain.scoring import ResultStatus
from kaoping.fileio import write_atomically
from kaoping.services import certificates, plans, verification
from kaoping.services.base import Actor, Env
from kaoping.services.certificates import BatchCertificates
from kaoping.services.certificates.revocation import revocation_refusal
from kaoping.services.ports.certificates import CertificateRecord, RevocationReversal
from kaoping.ui import choices, labels, messages, pdf_preview
from kaoping.ui.dialogs import issue_dialog
from kaoping.ui.dialogs.stock_dialog import StockDialog
from kaoping.ui.labels import QT_TRANSLATE_NOOP
from kaoping.ui.pages.phrases_section import PhraseReviewSection
from kaoping.ui.pdf_preview import PdfPreview

CERTIFICATE_HEADERS = [
    QT_TRANSLATE_NOOP("CertificatesPage", "证书编号"),
    QT_TRANSLATE_NOOP("CertificatesPage", "姓名"),
    QT_TRANSLATE_NOOP("CertificatesPage", "发证日期"),
    QT_TRANSLATE_NOOP("CertificatesPage", "状态"),
    QT_TRANSLATE_NOOP("CertificatesPage", "补发自"),
    QT_TRANSLATE_NOOP("CertificatesPage", "打印次数"),
    QT_TRANSLATE_NOOP("CertificatesPage", "原因"),
]
CANDIDATE_HEADERS = [
    QT_TRANSLATE_NOOP("CertificatesPage", "报名号"),
    QT_TRANSLATE_NOOP("CertificatesPage", "姓名"),
    QT_TRANSLATE_NOOP("CertificatesPage", "证件号码"),
    QT_TRANSLATE_NOOP("CertificatesPage", "成绩"),
    QT_TRANSLATE_NOOP("CertificatesPage", "审核"),
    QT_TRANSLATE_NOOP("CertificatesPage", "证书"),
    QT_TRANSLATE_NOOP("CertificatesPage", "说明"),
]
_OUTCOMES: dict[StrEnum, str] = {
    ResultStatus.PASSED: QT_TRANSLATE_NOOP("CertificatesPage", "合格"),
    ResultStatus.FAILED: QT_TRANSLATE_NOOP("CertificatesPage", "不合格"),
    ResultStatus.INCOMPLETE: QT_TRANSLATE_NOOP("CertificatesPage", "不完整"),
    ResultStatus.VOID: QT_TRANSLATE_NOOP("CertificatesPage", "作废"),
}
_DECISIONS: dict[StrEnum, str] = {
    ApprovalDecision.APPROVED: QT_TRANSLATE_NOOP("CertificatesPage", "通过"),
    ApprovalDecision.REJECTED: QT_TRANSLATE_NOOP("CertificatesPage", "未通过"),
}


class CertificatesPage(QWidget):
    """Certificates per batch: list with status, issue with progress, preview, print, revoke."""

    def __init__(self, env: Env, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._env = env
        self._actor = actor
        self._overview: BatchCertificates | None = None
        self._pending: dict[str, RevocationReversal] = {}
        self._allowed: dict[str, bool] = {}
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("批次")))
        self.batch_combo = QComboBox()
        self.batch_combo.currentIndexChanged.connect(self.refresh)
        top.addWidget(self.batch_combo, 1)
        self.search_edit = QLineEdit()
        self.search_edit.setPlaceholderText(self.tr("查找证书编号或姓名…"))
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.textChanged.connect(self._apply_search)
        top.addWidget(self.search_edit, 1)
        self.deadline_label = QLabel()
        top.addWidget(self.deadline_label, 2)
        layout.addLayout(top)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        self.tabs = QTabWidget()
        self.certificate_table = self._table(CERTIFICATE_HEADERS)
        self.certificate_table.itemSelectionChanged.connect(self._on_selection_changed)
        self.candidate_table = self._table(CANDIDATE_HEADERS)
        self.phrases = PhraseReviewSection(env, actor)
        self.tabs.addTab(self.certificate_table, self.tr("证书"))
        self.tabs.addTab(self.candidate_table, self.tr("考生"))
        self.tabs.addTab(self.phrases, self.tr("模板字样复核"))
        self.tabs.currentChanged.connect(self._on_tab_changed)
        splitter.addWidget(self.tabs)
        self.preview = PdfPreview()
        splitter.addWidget(self.preview)
        splitter.setSizes([640, 520])
        layout.addWidget(splitter, 1)
        # In a widget of their own, so the phrase tab can hide them: they act on certificates.
        self.certificate_actions = QWidget()
        actions = self._buttons()
        actions.setContentsMargins(0, 0, 0, 0)
        self.certificate_actions.setLayout(actions)
        layout.addWidget(self.certificate_actions)
        self._load_batches()

    def _on_tab_changed(self) -> None:
        # The phrase list has eight columns and nothing to preview: it gets the page's width, and
        # the certificate buttons, which do not act on it, make way for its own.
        certificates_shown = self.tabs.currentWidget() is not self.phrases
        self.preview.setVisible(certificates_shown)
        self.certificate_actions.setVisible(certificates_shown)

    def _table(self, headers: list[str]) -> QTableWidget:
        table = QTableWidget(0, len(headers))
        table.setHorizontalHeaderLabels([self.tr(h) for h in headers])
        table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        table.horizontalHeader().setStretchLastSection(True)
        return table

    def _buttons(self) -> QHBoxLayout:
        row = QHBoxLayout()
        can = self._actor.can
        specs: list[tuple[str, str, Callable[[], None], bool]] = [
            (
                "issue_button",
                self.tr("签发证书(&I)…"),
                self._on_issue_clicked,
                can(Permission.CERTIFICATES_ISSUE),
            ),
            (
                "print_button",
                self.tr("打印所选(&P)…"),
                self._on_print_clicked,
                can(Permission.CERTIFICATES_PRINT),
            ),
            (
                "stock_button",
                self.tr("套打(&T)…"),
                self._on_stock_clicked,
                can(Permission.CERTIFICATES_PRINT),
            ),
            (
                "export_button",
                self.tr("导出 PDF…"),
                self._on_export_clicked,
                can(Permission.CERTIFICATES_PRINT),
            ),
            (
                "revoke_button",
                self.tr("撤销…"),
                self._on_revoke_clicked,
                can(Permission.CERTIFICATES_REVOKE),
            ),
            (
                "void_button",
                self.tr("作废…"),
                self._on_void_clicked,
                can(Permission.CERTIFICATES_REVOKE),
            ),
            (
                "reissue_button",
                self.tr("补发…"),
                self._on_reissue_clicked,
                can(Permission.CERTIFICATES_REVOKE),
            ),
            (
                "reversal_button",
                self.tr("撤销复原…"),
                self._on_reversal_clicked,
                can(Permission.REVERSAL_PROPOSE) or can(Permission.REVERSAL_CONFIRM),
            ),
            (
                "revocations_button",
                self.tr("导出吊销列表…"),
                self._on_revocations_clicked,
                can(Permission.CERTIFICATES_REVOKE),
            ),
            (
                "seal_button",
                self.tr("登记印章图片…"),
                self._on_seal_clicked,
                can(Permission.ASSETS_REGISTER),
            ),
        ]
        for attribute, text, slot, allowed in specs:
            button = QPushButton(text)
            button.clicked.connect(slot)
            button.setEnabled(allowed)
            self._allowed[attribute] = allowed
            setattr(self, attribute, button)
            row.addWidget(button)
        row.addStretch(1)
        return row

    # -- loading ---------------------------------------------------------------------------------

    def _load_batches(self) -> None:
        try:
            batches = plans.list_batches(self._env, self._actor)
        except KaopingError as error:
            messages.show_error(self, error)
            return
        choices.fill_batches(self.batch_combo, batches)
        self.refresh()

    def batch_code(self) -> str | None:
        """The chosen batch's code."""
        return choices.batch_code(self.batch_combo)

    def refresh(self) -> None:
        """Reload the chosen batch."""
        code = self.batch_code()
        if code is None:
            self.deadline_label.setText(self.tr("还没有批次"))
            self._overview = None
            self._update_buttons()
            return
        try:
            self._overview = certificates.batch_certificates(self._env, self._actor, code)
        except KaopingError as error:
            messages.show_error(self, error)
            return
        self._pending = self._pending_reversals()
        self._fill_certificates(self._overview)
        self._fill_candidates(self._overview)
        self.deadline_label.setText(self._deadline_text(self._overview))
        # A selection kept across the reload shows its new state (e.g. the 已撤销 mark) at once.
        self.preview.clear(self.tr("选择一张证书即可在此预览"))
        self._on_selection_changed()

    def _pending_reversals(self) -> dict[str, RevocationReversal]:
        try:
            waiting = certificates.reversals(self._env, self._actor, pending_only=True)
        except KaopingError:
            return {}  # the list stays usable; the reversal button then offers nothing
        return {r.number: r for r in waiting}

    def _deadline_text(self, overview: BatchCertificates) -> str:
        waiting = sum(1 for c in overview.candidates if c.issuable)
        text = self.tr("状态：{0}；可签发 {1} 人").format(
            labels.label(overview.batch.status), waiting
        )
        if overview.due is not None:
            text += self.tr("；审核通过 {0}，颁证截止 {1}").format(
                overview.approved_on.isoformat() if overview.approved_on else "",
                overview.due.isoformat(),
            )
        return text

    def _fill_certificates(self, overview: BatchCertificates) -> None:
        table = self.certificate_table
        # Sorting while rows are being filled would move them under the loop's feet.
        table.setSortingEnabled(False)
        table.setRowCount(len(overview.certificates))
        for r, cert in enumerate(overview.certificates):
            cells = [
                cert.number,
                cert.masked_name,
                cert.issue_date.isoformat(),
                labels.label(cert.status.label),
                cert.replaces_number,
                str(cert.print_count),
                cert.status_reason,
            ]
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if cert.status != CertificateStatus.VALID:
                    item.setForeground(Qt.GlobalColor.darkRed)
                if c == 0:  # rows move when sorted: the number says which certificate a row is
                    item.setData(Qt.ItemDataRole.UserRole, cert.number)
                table.setItem(r, c, item)
        table.setSortingEnabled(True)
        table.resizeColumnsToContents()
        self._apply_search()

    def _apply_search(self) -> None:
        """Show only the certificates whose number or name contains the search text."""
        wanted = self.search_edit.text().strip().upper()
        table = self.certificate_table
        for row in range(table.rowCount()):
            items = (table.item(row, column) for column in (0, 1))
            texts = [item.text().upper() for item in items if item is not None]
            table.setRowHidden(row, bool(wanted) and not any(wanted in t for t in texts))

    def _fill_candidates(self, overview: BatchCertificates) -> None:
        table = self.candidate_table
        table.setRowCount(len(overview.candidates))
        for r, cand in enumerate(overview.candidates):
            note = cand.blocked_reason or (self.tr("可签发") if cand.issuable else "")
            cells = [
                str(cand.candidate_id),
                cand.masked_name,
                cand.id_masked,
                self._coded(_OUTCOMES, cand.outcome, self.tr("未确认")),
                self._coded(_DECISIONS, cand.decision, self.tr("未登记")),
                cand.certificate,
                note,
            ]
            for c, text in enumerate(cells):
                table.setItem(r, c, QTableWidgetItem(text))
        table.resizeColumnsToContents()

    def _coded(self, names: dict[StrEnum, str], code: StrEnum | None, missing: str) -> str:
        """The display name of a result or decision; `missing` when there is none yet."""
        return missing if code is None else self.tr(names[code])

    # -- selection and preview -------------------------------------------------------------------

    def selected(self) -> list[CertificateRecord]:
        """The certificates selected in the list."""
        if self._overview is None:
            return []
        by_number = {c.number: c for c in self._overview.certificates}
        table = self.certificate_table
        rows = sorted({index.row() for index in table.selectedIndexes()})
        chosen = []
        for row in rows:
            item = table.item(row, 0)
            number = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
            if number in by_number:
                chosen.append(by_number[number])
        return chosen

    def _on_selection_changed(self) -> None:
        self._update_buttons()
        chosen = self.selected()
        if not chosen:
            return
        try:
            pdf = certificates.certificate_pdf(self._env, self._actor, chosen[0].number)
        except KaopingError as error:
            self.preview.clear(str(error))
            return
        self.preview.show_pdf(pdf, *self._stamp(chosen[0]))

    def _stamp(self, cert: CertificateRecord) -> tuple[str, str]:
        """The mark and note drawn over the preview of a certificate that is not valid."""
        if cert.status == CertificateStatus.VALID:
            return "", ""
        day = cert.status_changed_at.date().isoformat() if cert.status_changed_at else ""
        category = category_label(cert.status_category)
        note = f"{day} {category}".strip()
        return labels.label(cert.status.label), note

    # -- which buttons apply ---------------------------------------------------------------------

    def _update_buttons(self) -> None:
        """Enable each button the selection allows; a disabled one says why in its tooltip."""
        chosen = self.selected()
        first = chosen[0] if chosen else None
        not_valid = next((c for c in chosen if c.status != CertificateStatus.VALID), None)
        blocked = {
            "issue_button": self._issue_blocked(),
            "print_button": self._not_valid_text(not_valid, self.tr("打印")),
            "stock_button": self._not_valid_text(not_valid, self.tr("套打")),
            "export_button": self._not_valid_text(not_valid, self.tr("导出")),
            "revoke_button": self._not_valid_text(not_valid, self.tr("撤销")),
            "void_button": self._not_valid_text(not_valid, self.tr("作废")),
            "reissue_button": self._reissue_blocked(first),
            "reversal_button": self._reversal_blocked(first),
        }
        for attribute, reason in blocked.items():
            button: QPushButton = getattr(self, attribute)
            allowed = self._allowed[attribute]
            button.setEnabled(allowed and not reason)
            button.setToolTip(reason if allowed else "")

    def _issue_blocked(self) -> str:
        if self._overview is None:
            return self.tr("还没有批次")
        if not any(c.issuable for c in self._overview.candidates):
            return self.tr(
                "本批次没有可签发的考生：须成绩合格、审核通过且尚未发证（见“考生”页的说明）"
            )
        return ""

    def _not_valid_text(self, cert: CertificateRecord | None, verb: str) -> str:
        if cert is None:
            return ""
        return self.tr("证书 {0} {1}，不能{2}").format(
            cert.number, labels.label(cert.status.label), verb
        )

    def _reissue_blocked(self, cert: CertificateRecord | None) -> str:
        if cert is None or self._overview is None:
            return ""
        return revocation_refusal(cert, list(self._overview.certificates))

    def _reversal_blocked(self, cert: CertificateRecord | None) -> str:
        if cert is None:
            return self.tr("请先选择一张已撤销的证书")
        if cert.number in self._pending:
            if self._actor.can(Permission.REVERSAL_CONFIRM):
                return ""
            return self.tr("证书 {0} 的撤销复原已提出，等待质量督导员确认").format(cert.number)
        if cert.status != CertificateStatus.REVOKED:
            return self.tr("证书 {0} 未被撤销，无需复原").format(cert.number)
        if not self._actor.can(Permission.REVERSAL_PROPOSE):
            return self.tr("证书 {0} 没有待确认的撤销复原；复原须由证书管理员提出").format(
                cert.number
            )
        return ""

    def _need_selection(self) -> list[CertificateRecord] | None:
        chosen = self.selected()
        if not chosen:
            messages.show_info(self, self.tr("证书"), self.tr("请先在证书列表中选择证书。"))
            return None
        return chosen

    # -- actions ---------------------------------------------------------------------------------

    def _on_issue_clicked(self) -> None:
        code = self.batch_code()
        if code is None:
            return
        passphrase = issue_dialog.ask_text(
            self,
            self.tr("签发证书"),
            self.tr("签名密钥口令（仅用于本次签名，不会保存）："),
            secret=True,
        )
        if not passphrase:
            return
        try:
            outcome = issue_dialog.issue_with_progress(
                self, self._env, self._actor, code, passphrase
            )
        except KaopingError as error:
            messages.show_error(self, error)
            self.refresh()
            return
        text = self.tr("已签发 {0} 张证书：{1} 至 {2}。").format(
            len(outcome.numbers), outcome.numbers[0], outcome.numbers[-1]
        )
        if outcome.late:
            text += self.tr("注意：已超过颁证截止日 {0}。").format(outcome.due)
        if outcome.held_back:
            text += "\n" + self.tr(
                "未发证 {0} 人（不符合申报条件，尚无质量督导员登记的例外）："
            ).format(len(outcome.held_back))
            text += "\n" + "\n".join(outcome.held_back[:10])
        messages.show_info(self, self.tr("签发完成"), text)
        self._load_batches_keeping(code)

    def _load_batches_keeping(self, code: str) -> None:
        self._load_batches()
        index = self.batch_combo.findData(code)
        if index >= 0:
            self.batch_combo.setCurrentIndex(index)

    def print_current(self) -> None:
        """Ctrl+P: print the chosen certificates."""
        self._on_print_clicked()

    def _on_print_clicked(self) -> None:
        chosen = self._need_selection()
        if chosen is None:
            return
        printer = pdf_preview.ask_printer(self)
        if printer is None:
            return
        reason = self._reprint_reason(chosen)
        if reason is None:
            return
        try:
            jobs = certificates.print_certificates(
                self._env,
                self._actor,
                [c.number for c in chosen],
                printer.printerName() or "PDF",
                reason,
            )
            pdf_preview.print_pdfs(printer, [job.pdf for job in jobs])
        except (KaopingError, OSError) as error:
            messages.show_error(self, error)
        self.refresh()

    def _reprint_reason(self, chosen: list[CertificateRecord]) -> str | None:
        """The reason for printing again ("" when nothing was printed before); None: cancelled."""
        again = [c.number for c in chosen if c.print_count > 0]
        if not again:
            return ""
        return self._ask_reason(self.tr("重打证书 {0}（已打印过）").format("、".join(again)))

    def _on_stock_clicked(self) -> None:
        """套打: print the chosen certificates' data onto pre-printed stock."""
        dialog = StockDialog(self._env, self._actor, self.selected(), self)
        dialog.exec()
        self.refresh()

    def _on_export_clicked(self) -> None:
        chosen = self._need_selection()
        if chosen is None:
            return
        target = messages.save_file(
            self,
            self.tr("导出证书 PDF"),
            certificate_file_name(chosen[0].number),
            self.tr("PDF 文件 (*.pdf)"),
        )
        if target is None:
            return
        try:
            jobs = certificates.export_certificates(
                self._env, self._actor, [c.number for c in chosen]
            )
            for job in jobs:
                path = (
                    target
                    if len(jobs) == 1
                    else target.with_name(certificate_file_name(job.number))
                )
                write_atomically(path, job.pdf)
        except (KaopingError, OSError) as error:
            messages.show_error(self, error)

    def _ask_reason(self, title: str) -> str | None:
        reason = issue_dialog.ask_text(self, title, self.tr("原因："))
        return reason.strip() if reason and reason.strip() else None

    def _end_selected(self, title: str, call: Callable[[Env, Actor, str, str], None]) -> None:
        chosen = self._need_selection()
        if chosen is None:
            return
        reason = self._ask_reason(title)
        if reason is None:
            return
        numbers = "、".join(c.number for c in chosen)
        if not messages.confirm(
            self,
            title,
            self.tr(
                "确定{0}证书 {1} 吗？补发不能撤回此操作；"
                "确属有误时，须由证书管理员提出、质量督导员确认撤销复原。"
            ).format(title, numbers),
        ):
            return
        try:
            for cert in chosen:
                call(self._env, self._actor, cert.number, reason)
        except KaopingError as error:
            messages.show_error(self, error)
        self.refresh()

    def _on_revoke_clicked(self) -> None:
        chosen = self._need_selection()
        if chosen is None:
            return
        options = RevocationCategory.chosen_by_officer()
        picked = issue_dialog.ask_choice(
            self,
            self.tr("撤销"),
            self.tr("撤销类别（核验证书时对外显示）："),
            [labels.label(c.label) for c in options],
        )
        if picked is None:
            return
        category = options[picked]

        def revoke(env: Env, actor: Actor, number: str, reason: str) -> None:
            certificates.revoke_certificate(env, actor, number, reason, category)

        self._end_selected(self.tr("撤销"), revoke)

    def _on_reversal_clicked(self) -> None:
        chosen = self._need_selection()
        if chosen is None:
            return
        number = chosen[0].number
        try:
            if number in self._pending and self._actor.can(Permission.REVERSAL_CONFIRM):
                self._decide_reversal(self._pending[number])
            else:
                self._propose_reversal(number)
        except KaopingError as error:
            messages.show_error(self, error)
        self.refresh()

    def _propose_reversal(self, number: str) -> None:
        reason = issue_dialog.ask_text(
            self, self.tr("撤销复原"), self.tr("撤销有误的理由（如复核结论、文号）：")
        )
        if not reason or not reason.strip():
            return
        reversal_id = certificates.propose_reversal(self._env, self._actor, number, reason)
        messages.show_info(
            self,
            self.tr("已提出撤销复原"),
            self.tr(
                "证书 {0} 的撤销复原已提出（编号 {1}），须由另一位质量督导员确认后生效。"
            ).format(number, reversal_id),
        )

    def _decide_reversal(self, reversal: RevocationReversal) -> None:
        question = self.tr("证书 {0}（撤销类别：{1}）\n提出人 {2}，理由：{3}").format(
            reversal.number,
            category_label(reversal.revoked_category) or "—",
            reversal.proposed_by,
            reversal.reason,
        )
        picked = issue_dialog.ask_choice(
            self,
            self.tr("撤销复原"),
            question,
            [self.tr("确认复原：证书恢复有效"), self.tr("驳回：证书保持撤销")],
        )
        if picked == 0:
            done = certificates.confirm_reversal(self._env, self._actor, reversal.id)
            messages.show_info(
                self, self.tr("撤销复原"), self.tr("证书 {0} 已恢复有效。").format(done.number)
            )
        elif picked == 1:
            note = issue_dialog.ask_text(self, self.tr("驳回撤销复原"), self.tr("驳回理由："))
            if note and note.strip():
                certificates.reject_reversal(self._env, self._actor, reversal.id, note)

    def _on_void_clicked(self) -> None:
        self._end_selected(self.tr("作废"), certificates.void_certificate)

    def _on_reissue_clicked(self) -> None:
        chosen = self._need_selection()
        if chosen is None:
            return
        reason = self._ask_reason(self.tr("补发"))
        if reason is None:
            return
        passphrase = issue_dialog.ask_text(
            self, self.tr("补发"), self.tr("签名密钥口令："), secret=True
        )
        if not passphrase:
            return
        try:
            number = certificates.reissue_certificate(
                self._env, self._actor, chosen[0].number, passphrase, reason
            )
        except KaopingError as error:
            messages.show_error(self, error)
            return
        messages.show_info(
            self,
            self.tr("补发完成"),
            self.tr("已补发证书 {0}（原证书 {1}）。").format(number, chosen[0].number),
        )
        self.refresh()

    def _on_revocations_clicked(self) -> None:
        target = messages.save_file(
            self, self.tr("导出吊销列表"), "revocations.json", self.tr("吊销列表 (*.json)")
        )
        if target is None:
            return
        passphrase = issue_dialog.ask_text(
            self, self.tr("导出吊销列表"), self.tr("签名密钥口令："), secret=True
        )
        if not passphrase:
            return
        try:
            write_atomically(
                target, verification.export_revocation_list(self._env, self._actor, passphrase)
            )
        except (KaopingError, OSError) as error:
            messages.show_error(self, error)

    def _on_seal_clicked(self) -> None:
        path = messages.open_file(
            self, self.tr("选择本机构的印章图片"), self.tr("图片 (*.png *.jpg *.jpeg)")
        )
        if path is None:
            return
        try:
            info = certificates.register_asset(
                self._env, self._actor, self.tr("机构印章"), "seal", path.read_bytes()
            )
        except (KaopingError, OSError) as error:
            messages.show_error(self, error)
            return
        messages.show_info(
            self,
            self.tr("登记完成"),
            self.tr("印章图片已登记（{0}×{1}），新证书将使用该印章。").format(
                info.width, info.height
            ),
        )
