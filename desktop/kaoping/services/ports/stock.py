"""What printing onto pre-printed stock (套打) needs: layouts, calibrations, the print log, drawing."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol

from kaoping.domain.stock_layout import Calibration, FieldBox, StockLayout, StockPlan

__all__ = ["PrintRecord", "StockRepository", "StockTools"]


@dataclass(frozen=True)
class PrintRecord:
    """One entry of a certificate's print log (打印记录).

    Attributes:
        id: Row id.
        number: The certificate printed.
        printed_at: When.
        printed_by: Who (username).
        printer: The printer's name ("" when the front end did not say).
        layout_id: The stock layout used, or None for the full design on plain paper.
        stock: The stock layout's name as it was at printing ("" for the full design).
        kind: PrintKind.FIRST or PrintKind.REPRINT.
        reason: Why it was printed again ("" for a first print).
    """

    id: int
    number: str
    printed_at: datetime
    printed_by: str
    printer: str
    layout_id: int | None
    stock: str
    kind: str
    reason: str


class StockRepository(Protocol):
    """Storage of stock layouts, printer calibrations and the print log."""

    def layouts(self) -> list[StockLayout]:
        """Every stock layout, by name."""
        ...

    def layout(self, layout_id: int) -> StockLayout | None:
        """One layout by id."""
        ...

    def layout_by_name(self, name: str) -> StockLayout | None:
        """One layout by its name."""
        ...

    def save_layout(
        self, layout: StockLayout, scan: bytes | None, keep_scan: bool, at: datetime, by: str
    ) -> int:
        """Store a new layout (id 0) or replace one; returns its id.

        `scan` replaces the stored scan; when it is None the old scan stays if `keep_scan`.
        """
        ...

    def scan(self, layout_id: int) -> bytes | None:
        """The stored scan of the blank stock, if any."""
        ...

    def calibration(self, printer: str) -> Calibration | None:
        """The calibration of one printer."""
        ...

    def calibrations(self) -> list[Calibration]:
        """Every printer's calibration, by printer name."""
        ...

    def save_calibration(self, calibration: Calibration, at: datetime, by: str) -> None:
        """Store or replace a printer's calibration."""
        ...

    def add_print(self, record: PrintRecord) -> int:
        """Append one print log entry (its id is ignored); returns the new id."""
        ...

    def prints(self, number: str | None = None) -> list[PrintRecord]:
        """Print log entries, oldest first; only one certificate's if given."""
        ...


class StockTools(Protocol):
    """Drawing the data-only page and the calibration page (reportlab behind it)."""

    def default_fields(self, template: Any) -> tuple[FieldBox, ...]:
        """Field boxes where the certificate template puts each value (a starting layout)."""
        ...

    def render_plan(
        self, plan: StockPlan, photo: bytes | None, qr_payload: str, *, title: str = ""
    ) -> bytes:
        """The data-only sheet as a one-page PDF (no frame, title or seal)."""
        ...

    def render_calibration(self, width: float, height: float, printer: str, day: str) -> bytes:
        """A calibration page: mm rulers along the edges, crosshairs, printer and date."""
        ...

    def qr_modules(self, payload: str) -> tuple[str, ...]:
        """The QR code's modules, one string per row, "1" dark and "0" light."""
        ...

    def check_scan(self, image: bytes) -> tuple[int, int]:
        """Width and height of a scan of the blank stock; ValidationError when not an image."""
        ...

    def require_glyphs(self, text: str, field: str) -> None:
        """Refuse a value with a character no shipped font can draw."""
        ...
