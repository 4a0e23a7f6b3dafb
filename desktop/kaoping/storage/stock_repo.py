"""Stock layouts, printer calibrations and the print log in SQL (implements `StockRepository`)."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from sqlalchemy import ColumnElement, select
from sqlalchemy.orm import Session

from kaoping.domain.stock_layout import TEXT_FIELDS, Calibration, FieldBox, StockLayout
from kaoping.services.ports.stock import PrintRecord
from kaoping.storage.certificates_tables import CertificateRow
from kaoping.storage.stock_tables import CertificatePrintRow, PrinterCalibrationRow, StockLayoutRow


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def _fields_json(fields: tuple[FieldBox, ...]) -> str:
    return json.dumps(
        [
            {"key": f.key, "x": f.x, "y": f.y, "width": f.width, "height": f.height, "size": f.size}
            for f in fields
        ],
        ensure_ascii=False,
    )


def _layout(row: StockLayoutRow, has_scan: bool) -> StockLayout:
    fields = tuple(
        FieldBox(
            str(f["key"]),
            float(f["x"]),
            float(f["y"]),
            float(f["width"]),
            float(f["height"]),
            float(f.get("size", 12.0)) if f["key"] in TEXT_FIELDS else 12.0,
        )
        for f in json.loads(row.fields)
    )
    return StockLayout(
        row.id,
        row.name,
        row.template_sha256,
        row.page_width,
        row.page_height,
        fields,
        has_scan,
    )


class SqlStockRepository:
    """Implements `services.ports.stock.StockRepository`."""

    def __init__(self, session: Session) -> None:
        self._s = session

    def _layouts(self, *where: ColumnElement[bool]) -> list[StockLayout]:
        # The scan can be megabytes: only whether there is one is read with the layout.
        stmt = select(StockLayoutRow, StockLayoutRow.scan.is_not(None)).where(*where)
        stmt = stmt.order_by(StockLayoutRow.name)
        return [_layout(row, bool(has)) for row, has in self._s.execute(stmt)]

    def layouts(self) -> list[StockLayout]:
        """Every stock layout, by name."""
        return self._layouts()

    def layout(self, layout_id: int) -> StockLayout | None:
        """One layout by id."""
        found = self._layouts(StockLayoutRow.id == layout_id)
        return found[0] if found else None

    def layout_by_name(self, name: str) -> StockLayout | None:
        """One layout by its name."""
        found = self._layouts(StockLayoutRow.name == name)
        return found[0] if found else None

    def save_layout(
        self, layout: StockLayout, scan: bytes | None, keep_scan: bool, at: datetime, by: str
    ) -> int:
        """Store a new layout (id 0) or replace one; returns its id."""
        row = self._s.get(StockLayoutRow, layout.id) if layout.id else None
        if row is None:
            row = StockLayoutRow()
            self._s.add(row)
        row.name = layout.name
        row.template_sha256 = layout.template_sha256
        row.page_width, row.page_height = layout.page_width, layout.page_height
        row.fields = _fields_json(layout.fields)
        if scan is not None or not keep_scan:
            row.scan = scan
        row.updated_at, row.updated_by = at, by
        self._s.flush()
        return row.id

    def scan(self, layout_id: int) -> bytes | None:
        """The stored scan of the blank stock, if any."""
        return self._s.scalar(select(StockLayoutRow.scan).where(StockLayoutRow.id == layout_id))

    def calibration(self, printer: str) -> Calibration | None:
        """The calibration of one printer."""
        row = self._s.get(PrinterCalibrationRow, printer)
        return None if row is None else Calibration(row.printer, row.dx, row.dy, row.sx, row.sy)

    def calibrations(self) -> list[Calibration]:
        """Every printer's calibration, by printer name."""
        rows = self._s.scalars(
            select(PrinterCalibrationRow).order_by(PrinterCalibrationRow.printer)
        )
        return [Calibration(r.printer, r.dx, r.dy, r.sx, r.sy) for r in rows]

    def save_calibration(self, calibration: Calibration, at: datetime, by: str) -> None:
        """Store or replace a printer's calibration."""
        row = self._s.get(PrinterCalibrationRow, calibration.printer)
        if row is None:
            row = PrinterCalibrationRow(printer=calibration.printer)
            self._s.add(row)
        row.dx, row.dy, row.sx, row.sy = (
            calibration.dx,
            calibration.dy,
            calibration.sx,
            calibration.sy,
        )
        row.updated_at, row.updated_by = at, by
        self._s.flush()

    def add_print(self, record: PrintRecord) -> int:
        """Append one print log entry (its id is ignored); returns the new id."""
        certificate_id = self._s.scalars(
            select(CertificateRow.id).where(CertificateRow.number == record.number)
        ).one()
        row = CertificatePrintRow(
            certificate_id=certificate_id,
            printed_at=record.printed_at,
            printed_by=record.printed_by,
            printer=record.printer,
            layout_id=record.layout_id,
            stock=record.stock,
            kind=record.kind,
            reason=record.reason,
        )
        self._s.add(row)
        self._s.flush()
        return row.id

    def prints(self, number: str | None = None) -> list[PrintRecord]:
        """Print log entries, oldest first; only one certificate's if given."""
        stmt = select(CertificatePrintRow, CertificateRow.number).join(
            CertificateRow, CertificateRow.id == CertificatePrintRow.certificate_id
        )
        if number is not None:
            stmt = stmt.where(CertificateRow.number == number)
        stmt = stmt.order_by(CertificatePrintRow.printed_at, CertificatePrintRow.id)
        return [
            PrintRecord(
                row.id,
                cert_number,
                _aware(row.printed_at),
                row.printed_by,
                row.printer,
                row.layout_id,
                row.stock,
                row.kind,
                row.reason,
            )
            for row, cert_number in self._s.execute(stmt)
        ]
