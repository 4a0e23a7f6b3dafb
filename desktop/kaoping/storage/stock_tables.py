"""Tables of printing onto pre-printed stock (套打): layouts, printer calibrations, the print log."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, Float, ForeignKey, Index, Integer, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from kaoping.storage.tables import Base

__all__ = ["CertificatePrintRow", "PrinterCalibrationRow", "StockLayoutRow"]


class StockLayoutRow(Base):
    """A stock layout (套打版式): field boxes as JSON, for one certificate template version.

    `scan` is a picture of the blank stock, shown under the boxes while editing and never printed.
    """

    __tablename__ = "stock_layouts"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(40), unique=True)
    template_sha256: Mapped[str] = mapped_column(String(64))
    page_width: Mapped[float] = mapped_column(Float)
    page_height: Mapped[float] = mapped_column(Float)
    fields: Mapped[str] = mapped_column(Text)
    scan: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    updated_by: Mapped[str] = mapped_column(String(64))


class PrinterCalibrationRow(Base):
    """A printer's calibration (打印机校准), by the name the print dialog shows."""

    __tablename__ = "printer_calibrations"
    printer: Mapped[str] = mapped_column(String(200), primary_key=True)
    dx: Mapped[float] = mapped_column(Float)
    dy: Mapped[float] = mapped_column(Float)
    sx: Mapped[float] = mapped_column(Float)
    sy: Mapped[float] = mapped_column(Float)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    updated_by: Mapped[str] = mapped_column(String(64))


class CertificatePrintRow(Base):
    """One print of a certificate (打印记录): who, when, on which printer and stock, and why again.

    Rows are only ever added. `stock` keeps the layout's name as it was, so the log still reads
    right after a layout is renamed.
    """

    __tablename__ = "certificate_prints"
    __table_args__ = (Index("ix_certificate_prints_certificate", "certificate_id"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    certificate_id: Mapped[int] = mapped_column(ForeignKey("certificates.id"))
    printed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    printed_by: Mapped[str] = mapped_column(String(64))
    printer: Mapped[str] = mapped_column(String(200))
    layout_id: Mapped[int | None] = mapped_column(
        ForeignKey("stock_layouts.id", ondelete="SET NULL"), nullable=True
    )
    stock: Mapped[str] = mapped_column(String(40))
    kind: Mapped[str] = mapped_column(String(10))
    reason: Mapped[str] = mapped_column(String(200))
