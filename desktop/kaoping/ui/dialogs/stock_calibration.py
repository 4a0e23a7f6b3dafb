"""套打's 打印机校准 tab: a calibration page, the measured crosshairs, and the offsets per printer."""

from __future__ import annotations

from PySide6.QtPrintSupport import QPrinterInfo
from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kaoping.domain.errors import KaopingError
from kaoping.domain.stock_layout import Calibration as PrinterCalibration
from kaoping.domain.stock_layout import calibration_from_marks, calibration_marks
from kaoping.services import certificates
from kaoping.services.base import Actor, Env
from kaoping.ui import messages, stock_printing


class CalibrationTab(QWidget):
    """Per-printer calibration (打印机校准): print the page, enter where crosshairs A and C landed."""

    def __init__(self, env: Env, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._env = env
        self._actor = actor
        column = QVBoxLayout(self)
        form = QFormLayout()
        self.printer_combo = QComboBox()
        self.printer_combo.setEditable(True)
        self.printer_combo.currentTextChanged.connect(self._on_printer_chosen)
        form.addRow(self.tr("打印机(&R)"), self.printer_combo)
        column.addLayout(form)
        page_row = QHBoxLayout()
        self.calibration_page_button = QPushButton(self.tr("打印校准页(&G)…"))
        self.calibration_page_button.clicked.connect(self._on_calibration_page)
        page_row.addWidget(self.calibration_page_button)
        steps = QLabel(
            self.tr(
                "1. 用普通纸打印校准页（实际大小）。2. 用直尺量出十字线 A 和 C 的中心到纸张左边、"
                "上边的距离，填入下方。3. 按“计算”，核对后“保存校准”。"
            )
        )
        steps.setWordWrap(True)
        page_row.addWidget(steps, 1)
        column.addLayout(page_row)
        measured = QGroupBox(self.tr("测量值（毫米，从纸张左边和上边量起）"))
        grid = QGridLayout(measured)
        marks = calibration_marks(297, 210)
        self._marks = (marks[0], marks[2])
        self.measured: list[QDoubleSpinBox] = []
        for row, mark in enumerate(self._marks):
            grid.addWidget(
                QLabel(self.tr("十字线 {0}（应为 {1}, {2}）").format(mark.mark, mark.x, mark.y)),
                row,
                0,
            )
            for col, value in enumerate((mark.x, mark.y)):
                spin = QDoubleSpinBox()
                spin.setRange(0, 500)
                spin.setDecimals(1)
                spin.setSingleStep(0.1)
                spin.setValue(value)
                spin.setSuffix(self.tr(" 毫米"))
                grid.addWidget(spin, row, col + 1)
                self.measured.append(spin)
        compute = QPushButton(self.tr("计算(&U)"))
        compute.clicked.connect(self._on_compute)
        self.compute_button = compute
        grid.addWidget(compute, 0, 3, 2, 1)
        column.addWidget(measured)
        values = QGroupBox(self.tr("校准值"))
        value_form = QFormLayout(values)
        self.dx_spin = self._cal_spin(-20, 20, 2, self.tr(" 毫米"))
        self.dy_spin = self._cal_spin(-20, 20, 2, self.tr(" 毫米"))
        self.sx_spin = self._cal_spin(0.9, 1.1, 4, "")
        self.sy_spin = self._cal_spin(0.9, 1.1, 4, "")
        value_form.addRow(self.tr("水平偏移 dx"), self.dx_spin)
        value_form.addRow(self.tr("垂直偏移 dy"), self.dy_spin)
        value_form.addRow(self.tr("水平缩放 sx"), self.sx_spin)
        value_form.addRow(self.tr("垂直缩放 sy"), self.sy_spin)
        column.addWidget(values)
        save_row = QHBoxLayout()
        self.save_calibration_button = QPushButton(self.tr("保存校准(&K)"))
        self.save_calibration_button.clicked.connect(self._on_save_calibration)
        save_row.addWidget(self.save_calibration_button)
        save_row.addStretch(1)
        column.addLayout(save_row)
        column.addStretch(1)
        self._load_calibrations()

    def _cal_spin(self, low: float, high: float, decimals: int, suffix: str) -> QDoubleSpinBox:
        spin = QDoubleSpinBox()
        spin.setRange(low, high)
        spin.setDecimals(decimals)
        spin.setSingleStep(0.1 if decimals <= 2 else 0.001)
        spin.setSuffix(suffix)
        return spin

    def _load_calibrations(self) -> None:
        try:
            known = certificates.printer_calibrations(self._env, self._actor)
        except KaopingError as error:
            messages.show_error(self, error)
            return
        names = list(
            dict.fromkeys([*QPrinterInfo.availablePrinterNames(), *(c.printer for c in known)])
        )
        self.printer_combo.blockSignals(True)
        self.printer_combo.clear()
        self.printer_combo.addItems(names)
        self.printer_combo.blockSignals(False)
        self._on_printer_chosen(self.printer_combo.currentText())

    def _on_printer_chosen(self, name: str) -> None:
        try:
            found = (
                certificates.printer_calibration(self._env, self._actor, name)
                if name.strip()
                else None
            )
        except KaopingError as error:
            messages.show_error(self, error)
            return
        shown = found or PrinterCalibration(name)
        self.dx_spin.setValue(shown.dx)
        self.dy_spin.setValue(shown.dy)
        self.sx_spin.setValue(shown.sx)
        self.sy_spin.setValue(shown.sy)

    def _on_calibration_page(self) -> None:
        width, height = 297.0, 210.0
        printer = stock_printing.ask_stock_printer(self, width, height)
        if printer is None:
            return
        name = self.printer_combo.currentText().strip() or stock_printing.printer_name(printer)
        try:
            pdf = certificates.calibration_page(self._env, self._actor, name, width, height)
            stock_printing.print_calibration_page(printer, pdf, width, height)
        except (KaopingError, OSError) as error:
            messages.show_error(self, error)

    def _on_compute(self) -> None:
        a, c = self._marks
        values = [spin.value() for spin in self.measured]
        try:
            result = calibration_from_marks(
                self.printer_combo.currentText() or "-",
                a,
                c,
                (values[0], values[1]),
                (values[2], values[3]),
            )
        except KaopingError as error:
            messages.show_error(self, error)
            return
        self.dx_spin.setValue(result.dx)
        self.dy_spin.setValue(result.dy)
        self.sx_spin.setValue(result.sx)
        self.sy_spin.setValue(result.sy)

    def _on_save_calibration(self) -> None:
        calibration = PrinterCalibration(
            self.printer_combo.currentText(),
            self.dx_spin.value(),
            self.dy_spin.value(),
            self.sx_spin.value(),
            self.sy_spin.value(),
        )
        try:
            saved = certificates.save_printer_calibration(self._env, self._actor, calibration)
        except KaopingError as error:
            messages.show_error(self, error)
            return
        messages.show_info(
            self, self.tr("打印机校准"), self.tr("已保存打印机“{0}”的校准").format(saved.printer)
        )
