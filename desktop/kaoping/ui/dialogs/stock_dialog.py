"""套打: print certificates' data onto pre-printed stock; layouts, printer calibration, print log.

Four tabs: 打印 (the chosen certificates onto a chosen stock, through the print dialog),
版式 (the layout editor), 打印机校准 (calibration page and measured offsets) and 打印记录.
Every change is one service call; the dialog holds no rule of its own.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from kaoping.domain.beijing import BEIJING
from kaoping.domain.errors import KaopingError
from kaoping.domain.stock_layout import (
    FieldBox,
    PrintKind,
    StockLayout,
)
from kaoping.fileio import write_atomically
from kaoping.services import certificates
from kaoping.services.base import Actor, Env
from kaoping.services.ports.certificates import CertificateRecord
from kaoping.ui import messages, stock_printing
from kaoping.ui.dialogs import issue_dialog
from kaoping.ui.dialogs.stock_calibration import CalibrationTab
from kaoping.ui.dialogs.stock_editor import StockEditor
from kaoping.ui.labels import QT_TRANSLATE_NOOP

LOG_HEADERS = [
    QT_TRANSLATE_NOOP("StockDialog", "证书编号"),
    QT_TRANSLATE_NOOP("StockDialog", "时间"),
    QT_TRANSLATE_NOOP("StockDialog", "操作人"),
    QT_TRANSLATE_NOOP("StockDialog", "打印机"),
    QT_TRANSLATE_NOOP("StockDialog", "证书纸"),
    QT_TRANSLATE_NOOP("StockDialog", "类别"),
    QT_TRANSLATE_NOOP("StockDialog", "重打原因"),
]
KIND_NAMES = {
    PrintKind.FIRST: QT_TRANSLATE_NOOP("StockDialog", "首次"),
    PrintKind.REPRINT: QT_TRANSLATE_NOOP("StockDialog", "重打"),
}
MAX_SCAN_FILE = 20 * 1024 * 1024
MAX_LAYOUT_FILE = 256 * 1024


class StockDialog(QDialog):
    """套打 for the certificates chosen on the certificates page."""

    def __init__(
        self,
        env: Env,
        actor: Actor,
        chosen: Sequence[CertificateRecord],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._env = env
        self._actor = actor
        self._chosen = list(chosen)
        self._layouts: list[StockLayout] = []
        self._new_scan: bytes | None = None
        self._drop_scan = False
        self.setWindowTitle(self.tr("套打证书"))
        self.resize(1100, 660)
        layout = QVBoxLayout(self)
        self.tabs = QTabWidget()
        self.tabs.addTab(self._print_tab(), self.tr("打印(&1)"))
        self.tabs.addTab(self._layout_tab(), self.tr("版式(&2)"))
        self.calibration = CalibrationTab(env, actor)
        self.tabs.addTab(self.calibration, self.tr("打印机校准(&3)"))
        self.tabs.addTab(self._log_tab(), self.tr("打印记录(&4)"))
        layout.addWidget(self.tabs, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self._load_layouts()
        self._load_log()

    # -- 打印 ------------------------------------------------------------------------------------

    def _print_tab(self) -> QWidget:
        tab = QWidget()
        column = QVBoxLayout(tab)
        numbers = "、".join(c.number for c in self._chosen) or self.tr("（未选择证书）")
        self.chosen_label = QLabel(self.tr("所选证书：{0}").format(numbers))
        self.chosen_label.setWordWrap(True)
        column.addWidget(self.chosen_label)
        form = QFormLayout()
        self.print_layout_combo = QComboBox()
        form.addRow(self.tr("证书纸版式(&L)"), self.print_layout_combo)
        column.addLayout(form)
        note = QLabel(
            self.tr(
                "只打印证书上的数据（姓名、编号、照片、二维码等），边框、标题和印章已印在证书纸上。"
                "打印时按所选打印机的校准值修正位置；请在打印对话框中选择“实际大小”。"
                "已签名的证书 PDF 始终是正式记录。"
            )
        )
        note.setWordWrap(True)
        column.addWidget(note)
        row = QHBoxLayout()
        self.print_button = QPushButton(self.tr("打印到证书纸(&P)…"))
        self.print_button.clicked.connect(self._on_print)
        self.print_button.setEnabled(bool(self._chosen))
        row.addWidget(self.print_button)
        self.save_pdf_button = QPushButton(self.tr("存为 PDF 预览(&V)…"))
        self.save_pdf_button.clicked.connect(self._on_save_pdf)
        self.save_pdf_button.setEnabled(bool(self._chosen))
        row.addWidget(self.save_pdf_button)
        row.addStretch(1)
        column.addLayout(row)
        column.addStretch(1)
        return tab

    def _chosen_layout_id(self) -> int | None:
        data = self.print_layout_combo.currentData()
        return int(data) if data is not None else None

    def _reason_if_reprint(self) -> str | None:
        """The reason for a reprint ("" when none is one); None when the clerk cancelled."""
        again = [c.number for c in self._chosen if c.print_count > 0]
        if not again:
            return ""
        reason = issue_dialog.ask_text(
            self,
            self.tr("重打原因"),
            self.tr("证书 {0} 已打印过，重打须填写原因（如：卡纸、套印偏移、污损）：").format(
                "、".join(again)
            ),
        )
        return reason.strip() if reason and reason.strip() else None

    def _on_print(self) -> None:
        layout_id = self._chosen_layout_id()
        if layout_id is None:
            messages.show_info(self, self.tr("套打"), self.tr("请先在“版式”中保存一个证书纸版式"))
            return
        layout = next(x for x in self._layouts if x.id == layout_id)
        printer = stock_printing.ask_stock_printer(self, layout.page_width, layout.page_height)
        if printer is None:
            return
        reason = self._reason_if_reprint()
        if reason is None:
            return
        try:
            jobs = certificates.print_on_stock(
                self._env,
                self._actor,
                [c.number for c in self._chosen],
                stock_printing.printer_name(printer),
                layout_id,
                reason,
            )
            stock_printing.print_stock_jobs(printer, jobs)
        except (KaopingError, OSError) as error:
            messages.show_error(self, error)
            return
        self._after_print(jobs)

    def _after_print(self, jobs: Sequence[certificates.StockJob]) -> None:
        text = self.tr("已送出 {0} 张套打证书。").format(len(jobs))
        if jobs and not jobs[0].calibrated:
            text += self.tr("该打印机尚未校准，位置按版式原样打印；可在“打印机校准”中校准。")
        messages.show_info(self, self.tr("套打"), text)
        printed = {j.number: j.copy for j in jobs}
        self._chosen = [
            replace(c, print_count=printed.get(c.number, c.print_count)) for c in self._chosen
        ]
        self._load_log()

    def _on_save_pdf(self) -> None:
        """Print onto stock into a PDF file (a proof on plain paper); logged like any print."""
        layout_id = self._chosen_layout_id()
        if layout_id is None:
            messages.show_info(self, self.tr("套打"), self.tr("请先在“版式”中保存一个证书纸版式"))
            return
        target = messages.save_file(
            self, self.tr("存为 PDF"), "stock-print.pdf", self.tr("PDF 文件 (*.pdf)")
        )
        if target is None:
            return
        reason = self._reason_if_reprint()
        if reason is None:
            return
        try:
            jobs = certificates.print_on_stock(
                self._env, self._actor, [c.number for c in self._chosen], "PDF", layout_id, reason
            )
            for index, job in enumerate(jobs):
                path = target if index == 0 else target.with_name(f"{target.stem}-{index + 1}.pdf")
                write_atomically(path, job.pdf)
        except (KaopingError, OSError) as error:
            messages.show_error(self, error)
            return
        self._after_print(jobs)

    # -- 版式 ------------------------------------------------------------------------------------

    def _layout_tab(self) -> QWidget:
        tab = QWidget()
        column = QVBoxLayout(tab)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("版式")))
        self.layout_combo = QComboBox()
        self.layout_combo.currentIndexChanged.connect(self._on_layout_chosen)
        top.addWidget(self.layout_combo, 1)
        name_label = QLabel(self.tr("名称(&N)"))
        top.addWidget(name_label)
        self.name_edit = QLineEdit()
        self.name_edit.setMaxLength(40)
        name_label.setBuddy(self.name_edit)
        top.addWidget(self.name_edit, 1)
        self.page_width = self._page_spin()
        self.page_height = self._page_spin()
        top.addWidget(QLabel(self.tr("纸宽")))
        top.addWidget(self.page_width)
        top.addWidget(QLabel(self.tr("纸高")))
        top.addWidget(self.page_height)
        column.addLayout(top)
        self.editor = StockEditor()
        column.addWidget(self.editor, 1)
        buttons = QHBoxLayout()
        for attribute, text, slot in (
            ("new_layout_button", self.tr("新建(&E)"), self._on_new_layout),
            ("save_layout_button", self.tr("保存版式(&A)"), self._on_save_layout),
            ("scan_button", self.tr("选择扫描图(&C)…"), self._on_choose_scan),
            ("drop_scan_button", self.tr("去掉扫描图"), self._on_drop_scan),
            ("import_button", self.tr("导入(&I)…"), self._on_import),
            ("export_button", self.tr("导出(&O)…"), self._on_export),
        ):
            button = QPushButton(text)
            button.clicked.connect(slot)
            setattr(self, attribute, button)
            buttons.addWidget(button)
        buttons.addStretch(1)
        hint = QLabel(self.tr("方向键移动所选字段 0.5 毫米，Shift+方向键 0.1 毫米"))
        buttons.addWidget(hint)
        column.addLayout(buttons)
        return tab

    def _page_spin(self) -> QDoubleSpinBox:
        spin = QDoubleSpinBox()
        spin.setRange(50, 500)
        spin.setDecimals(1)
        spin.setSuffix(self.tr(" 毫米"))
        spin.valueChanged.connect(
            lambda _: self.editor.set_page(self.page_width.value(), self.page_height.value())
        )
        return spin

    def _load_layouts(self, keep: int | None = None) -> None:
        try:
            self._layouts = certificates.stock_layouts(self._env, self._actor)
        except KaopingError as error:
            messages.show_error(self, error)
            return
        for combo in (self.print_layout_combo, self.layout_combo):
            combo.blockSignals(True)
            combo.clear()
            for layout in self._layouts:
                combo.addItem(layout.name, layout.id)
            index = combo.findData(keep) if keep is not None else 0
            combo.setCurrentIndex(max(index, 0))
            combo.blockSignals(False)
        if self._layouts:
            self._on_layout_chosen()
        else:
            self._on_new_layout()

    def _on_layout_chosen(self) -> None:
        layout_id = self.layout_combo.currentData()
        layout = next((x for x in self._layouts if x.id == layout_id), None)
        if layout is None:
            return
        try:
            scan = (
                certificates.stock_layout_scan(self._env, self._actor, layout.id)
                if layout.has_scan
                else None
            )
            defaults = certificates.new_stock_layout(self._env, self._actor).fields
        except KaopingError as error:
            messages.show_error(self, error)
            return
        self._show_layout(layout, defaults, scan)

    def _show_layout(
        self, layout: StockLayout, defaults: tuple[FieldBox, ...], scan: bytes | None
    ) -> None:
        self._current = layout
        self._new_scan, self._drop_scan = None, False
        self.name_edit.setText(layout.name)
        for spin, value in (
            (self.page_width, layout.page_width),
            (self.page_height, layout.page_height),
        ):
            spin.blockSignals(True)
            spin.setValue(value)
            spin.blockSignals(False)
        self.editor.load(layout, defaults, scan)

    def _on_new_layout(self) -> None:
        try:
            fresh = certificates.new_stock_layout(self._env, self._actor, self.tr("证书纸"))
        except KaopingError as error:
            messages.show_error(self, error)
            return
        self.layout_combo.blockSignals(True)
        self.layout_combo.setCurrentIndex(-1)
        self.layout_combo.blockSignals(False)
        self._show_layout(fresh, fresh.fields, None)

    def edited_layout(self) -> StockLayout:
        """The layout as it stands in the editor."""
        return replace(
            self._current,
            name=self.name_edit.text(),
            page_width=self.page_width.value(),
            page_height=self.page_height.value(),
            fields=self.editor.fields(),
        )

    def _on_save_layout(self) -> None:
        try:
            saved = certificates.save_stock_layout(
                self._env,
                self._actor,
                self.edited_layout(),
                self._new_scan,
                keep_scan=not self._drop_scan,
            )
        except KaopingError as error:
            messages.show_error(self, error)
            return
        messages.show_info(self, self.tr("套打版式"), self.tr("已保存版式“{0}”").format(saved.name))
        self._load_layouts(keep=saved.id)

    def _on_choose_scan(self) -> None:
        path = messages.open_file(
            self, self.tr("选择空白证书纸的扫描图"), self.tr("图片 (*.png *.jpg *.jpeg)")
        )
        if path is None:
            return
        try:
            if path.stat().st_size > MAX_SCAN_FILE:
                raise OSError(self.tr("扫描图超过 20 MB，请用 150 dpi 左右重新扫描"))
            scan = path.read_bytes()
        except OSError as error:
            messages.show_error(self, error)
            return
        self._new_scan, self._drop_scan = scan, False
        self.editor.load(self.edited_layout(), self.editor.fields(), scan)

    def _on_drop_scan(self) -> None:
        self._new_scan, self._drop_scan = None, True
        self.editor.load(self.edited_layout(), self.editor.fields(), None)

    def _on_import(self) -> None:
        path = messages.open_file(self, self.tr("导入套打版式"), self.tr("版式文件 (*.json)"))
        if path is None:
            return
        try:
            if path.stat().st_size > MAX_LAYOUT_FILE:
                raise OSError(self.tr("版式文件超过 256 KB，不是套打版式文件"))
            saved = certificates.import_stock_layout(self._env, self._actor, path.read_bytes())
        except (KaopingError, OSError) as error:
            messages.show_error(self, error)
            return
        self._load_layouts(keep=saved.id)

    def _on_export(self) -> None:
        layout_id = self.layout_combo.currentData()
        if layout_id is None:
            messages.show_info(self, self.tr("套打版式"), self.tr("请先保存版式再导出"))
            return
        target = messages.save_file(
            self, self.tr("导出套打版式"), "stock-layout.json", self.tr("版式文件 (*.json)")
        )
        if target is None:
            return
        try:
            data = certificates.export_stock_layout(self._env, self._actor, int(layout_id))
            write_atomically(target, data)
        except (KaopingError, OSError) as error:
            messages.show_error(self, error)

    # -- 打印记录 --------------------------------------------------------------------------------

    def _log_tab(self) -> QWidget:
        tab = QWidget()
        column = QVBoxLayout(tab)
        row = QHBoxLayout()
        filter_label = QLabel(self.tr("证书编号(&F)"))
        row.addWidget(filter_label)
        self.log_filter = QLineEdit()
        filter_label.setBuddy(self.log_filter)
        self.log_filter.setPlaceholderText(self.tr("留空显示全部"))
        self.log_filter.textChanged.connect(self._load_log)
        row.addWidget(self.log_filter, 1)
        column.addLayout(row)
        self.log_table = QTableWidget(0, len(LOG_HEADERS))
        self.log_table.setHorizontalHeaderLabels([self.tr(h) for h in LOG_HEADERS])
        self.log_table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.log_table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.log_table.horizontalHeader().setStretchLastSection(True)
        column.addWidget(self.log_table, 1)
        return tab

    def _load_log(self) -> None:
        number = self.log_filter.text().strip() or None
        try:
            records = certificates.print_log(self._env, self._actor, number)
        except KaopingError as error:
            messages.show_error(self, error)
            return
        self.log_table.setRowCount(len(records))
        for row, record in enumerate(reversed(records)):
            cells = (
                record.number,
                record.printed_at.astimezone(BEIJING).strftime("%Y-%m-%d %H:%M"),
                record.printed_by,
                record.printer,
                record.stock or self.tr("整张证书（普通纸）"),
                self.tr(KIND_NAMES.get(record.kind, record.kind)),
                record.reason,
            )
            for col, text in enumerate(cells):
                self.log_table.setItem(row, col, QTableWidgetItem(text))
        self.log_table.resizeColumnsToContents()
