"""Printing onto pre-printed certificate stock (套打): field positions, printer calibration, placing.

The stock already carries the frame, the title and the seal; only the data is printed. A stock
layout (套打版式) gives, for one certificate template version, the box of every data field in
millimetres from the paper's top-left corner, as a clerk measures it with a ruler. A text field's
text starts at the box's left edge and stands on its lower edge (the baseline), the way a value
sits on a form's underline; the photo and the QR code fill their boxes.

Every printer feeds and scales paper a little differently. A printer calibration (打印机校准)
holds an offset (dx, dy, mm) and a scale (sx, sy): a position p of the layout is printed at
dx + sx * p, which puts it at p on the paper when the calibration matches the printer. It is
computed from where two crosshairs of the calibration page (校准页) actually landed.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from types import MappingProxyType
from typing import Any

from kaoping.domain.errors import ValidationError

__all__ = [
    "CALIBRATION_MARKS",
    "FIELD_LABELS",
    "IMAGE_FIELDS",
    "TEXT_FIELDS",
    "Calibration",
    "Crosshair",
    "FieldBox",
    "PlacedBox",
    "PlacedText",
    "PrintKind",
    "StockLayout",
    "StockPlan",
    "calibration_from_marks",
    "check_calibration",
    "check_layout",
    "check_reprint_reason",
    "layout_from_json",
    "layout_to_json",
    "place",
]

MM_PER_PT = 25.4 / 72

TEXT_FIELDS: tuple[str, ...] = (
    "name",
    "id_number",
    "occupation",
    "direction",
    "level",
    "number",
    "issue_date",
    "body_name",
)
IMAGE_FIELDS: tuple[str, ...] = ("photo", "qr")
FIELD_LABELS: dict[str, str] = {
    "name": "姓名",
    "id_number": "证件号码",
    "occupation": "职业",
    "direction": "职业方向",
    "level": "等级",
    "number": "证书编号",
    "issue_date": "发证日期",
    "body_name": "评价机构",
    "photo": "照片",
    "qr": "二维码",
}
REQUIRED_FIELDS = ("name", "number")
"""Without the holder's name and the number the printed sheet identifies nobody."""

MIN_PAGE_MM, MAX_PAGE_MM = 50.0, 500.0
MIN_BOX_MM = 1.0
MIN_SIZE_PT, MAX_SIZE_PT = 5.0, 72.0
MAX_NAME = 40
MAX_PRINTER_NAME = 200
MAX_OFFSET_MM = 20.0
MIN_SCALE, MAX_SCALE = 0.9, 1.1
MAX_REASON = 200
_MAX_FIELDS = 40


class PrintKind:
    """Whether a print is the first of a certificate (首次) or a reprint (重打)."""

    FIRST = "first"
    REPRINT = "reprint"
    LABELS: Mapping[str, str] = MappingProxyType({FIRST: "首次", REPRINT: "重打"})


@dataclass(frozen=True)
class FieldBox:
    """Where one data field goes on the stock, in mm from the paper's top-left corner.

    Attributes:
        key: The field (one of TEXT_FIELDS or IMAGE_FIELDS).
        x: The box's left edge.
        y: The box's top edge.
        width: The box's width; longer text is set smaller to fit.
        height: The box's height; text stands on the lower edge.
        size: The font size in points (text fields only).
    """

    key: str
    x: float
    y: float
    width: float
    height: float
    size: float = 12.0

    @property
    def label(self) -> str:
        """The field's Chinese name."""
        return FIELD_LABELS.get(self.key, self.key)

    def moved(self, dx: float, dy: float) -> FieldBox:
        """The box moved by (dx, dy) mm."""
        return replace(self, x=round(self.x + dx, 2), y=round(self.y + dy, 2))


@dataclass(frozen=True)
class StockLayout:
    """A stock layout (套打版式): the paper and the boxes of the data fields on it.

    Attributes:
        id: Row id (0 before it is stored).
        name: What the office calls the stock, e.g. 2026 版证书纸.
        template_sha256: The certificate template version the stock was made for.
        page_width: The paper's width in mm.
        page_height: The paper's height in mm.
        fields: The data fields printed, each once.
        has_scan: Whether a scan of the blank stock is stored (shown on screen, never printed).
    """

    id: int
    name: str
    template_sha256: str
    page_width: float
    page_height: float
    fields: tuple[FieldBox, ...]
    has_scan: bool = False

    def field(self, key: str) -> FieldBox | None:
        """The box of one field, if the layout prints it."""
        return next((f for f in self.fields if f.key == key), None)


@dataclass(frozen=True)
class Calibration:
    """A printer's calibration (打印机校准): printed position = (dx, dy) + (sx, sy) * set position.

    Attributes:
        printer: The printer's name as the print dialog shows it.
        dx: Horizontal offset in mm (positive: to the right).
        dy: Vertical offset in mm (positive: down).
        sx: Horizontal scale.
        sy: Vertical scale.
    """

    printer: str
    dx: float = 0.0
    dy: float = 0.0
    sx: float = 1.0
    sy: float = 1.0

    def point(self, x: float, y: float) -> tuple[float, float]:
        """Where to print a point of the layout so that it lands at (x, y) on the paper."""
        return self.dx + self.sx * x, self.dy + self.sy * y


@dataclass(frozen=True)
class Crosshair:
    """A crosshair of the calibration page: its letter and its set position (mm, top-left)."""

    mark: str
    x: float
    y: float


def calibration_marks(width: float, height: float) -> tuple[Crosshair, ...]:
    """The crosshairs of a calibration page: four 20 mm in from the corners, one in the middle."""
    inset = 20.0
    return (
        Crosshair("A", inset, inset),
        Crosshair("B", width - inset, inset),
        Crosshair("C", width - inset, height - inset),
        Crosshair("D", inset, height - inset),
        Crosshair("E", round(width / 2, 2), round(height / 2, 2)),
    )


CALIBRATION_MARKS = calibration_marks(297.0, 210.0)
"""The crosshairs on A4 landscape stock; A and C are the two a clerk measures."""


@dataclass(frozen=True)
class PlacedText:
    """A text as it goes onto the sheet: baseline start (mm, top-left), size, widest extent."""

    key: str
    text: str
    x: float
    baseline: float
    size: float
    max_width: float


@dataclass(frozen=True)
class PlacedBox:
    """An image box (photo, QR) as it goes onto the sheet, in mm from the top-left corner."""

    key: str
    x: float
    y: float
    width: float
    height: float


@dataclass(frozen=True)
class StockPlan:
    """One sheet to print: the paper size and every placed field, calibration applied."""

    page_width: float
    page_height: float
    texts: tuple[PlacedText, ...]
    boxes: tuple[PlacedBox, ...] = field(default_factory=tuple)

    def box(self, key: str) -> PlacedBox | None:
        """The placed box of an image field, if any."""
        return next((b for b in self.boxes if b.key == key), None)


def _number(value: Any, what: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValidationError(f"{what}应为数字", field=what)
    number = float(value)
    if not math.isfinite(number):
        raise ValidationError(f"{what}不是有效的数字", field=what)
    return number


def check_layout(layout: StockLayout) -> StockLayout:
    """Refuse a layout a printer could not honour; returns it unchanged when sound.

    Raises:
        ValidationError: Naming the field and what is wrong: no name, a paper size out of range,
            an unknown or repeated field, a box off the paper or too small, a font size out of
            range, or the name or number missing.
    """
    name = layout.name.strip()
    if not name:
        raise ValidationError("请填写套打版式的名称（如：2026 版证书纸）", field="版式名称")
    if len(name) > MAX_NAME:
        raise ValidationError(f"版式名称最多 {MAX_NAME} 个字", field="版式名称")
    for value, what in ((layout.page_width, "纸宽"), (layout.page_height, "纸高")):
        if not MIN_PAGE_MM <= _number(value, what) <= MAX_PAGE_MM:
            raise ValidationError(
                f"{what} {value:g} 毫米不在 {MIN_PAGE_MM:g}～{MAX_PAGE_MM:g} 毫米之间", field=what
            )
    if len(layout.fields) > _MAX_FIELDS:
        raise ValidationError("套打版式的字段过多", field="字段")
    seen: set[str] = set()
    for box in layout.fields:
        if box.key not in FIELD_LABELS:
            raise ValidationError(f"未知的套打字段“{box.key}”", field="字段")
        if box.key in seen:
            raise ValidationError(f"字段“{box.label}”重复出现，每个字段只能放一处", field=box.label)
        seen.add(box.key)
        _check_box(box, layout.page_width, layout.page_height)
    for key in REQUIRED_FIELDS:
        if key not in seen:
            raise ValidationError(
                f"套打版式必须包含“{FIELD_LABELS[key]}”，否则打出的证书无法识别持证人",
                field=FIELD_LABELS[key],
            )
    return replace(layout, name=name)


def _check_box(box: FieldBox, width: float, height: float) -> None:
    label = box.label
    for value, what in (
        (box.x, "左边距"),
        (box.y, "上边距"),
        (box.width, "宽"),
        (box.height, "高"),
    ):
        _number(value, f"{label}的{what}")
    if box.width < MIN_BOX_MM or box.height < MIN_BOX_MM:
        raise ValidationError(
            f"字段“{label}”的框太小（{box.width:g}×{box.height:g} 毫米），宽和高至少 {MIN_BOX_MM:g} 毫米",
            field=label,
        )
    if box.x < 0 or box.y < 0:
        raise ValidationError(
            f"字段“{label}”超出纸张左边或上边（{box.x:g}, {box.y:g} 毫米），请移回纸内", field=label
        )
    if box.x + box.width > width + 1e-6:
        raise ValidationError(
            f"字段“{label}”超出纸张右边：右边缘 {box.x + box.width:g} 毫米，纸宽 {width:g} 毫米",
            field=label,
        )
    if box.y + box.height > height + 1e-6:
        raise ValidationError(
            f"字段“{label}”超出纸张下边：下边缘 {box.y + box.height:g} 毫米，纸高 {height:g} 毫米",
            field=label,
        )
    if box.key in TEXT_FIELDS and not MIN_SIZE_PT <= _number(box.size, f"{label}的字号") <= (
        MAX_SIZE_PT
    ):
        raise ValidationError(
            f"字段“{label}”的字号 {box.size:g} 磅不在 {MIN_SIZE_PT:g}～{MAX_SIZE_PT:g} 磅之间",
            field=label,
        )


def check_calibration(calibration: Calibration) -> Calibration:
    """Refuse a calibration no sound printer needs; returns it (printer name trimmed).

    Raises:
        ValidationError: No printer name, an offset beyond ±20 mm, or a scale outside 0.9–1.1.
    """
    printer = calibration.printer.strip()
    if not printer:
        raise ValidationError("请选择或填写打印机名称", field="打印机")
    if len(printer) > MAX_PRINTER_NAME:
        raise ValidationError(f"打印机名称最多 {MAX_PRINTER_NAME} 个字符", field="打印机")
    for value, what in ((calibration.dx, "水平偏移"), (calibration.dy, "垂直偏移")):
        if abs(_number(value, what)) > MAX_OFFSET_MM:
            raise ValidationError(
                f"{what} {value:g} 毫米超出 ±{MAX_OFFSET_MM:g} 毫米；"
                "偏差这么大时请先检查纸张是否放正、纸张大小是否选对",
                field=what,
            )
    for value, what in ((calibration.sx, "水平缩放"), (calibration.sy, "垂直缩放")):
        if not MIN_SCALE <= _number(value, what) <= MAX_SCALE:
            raise ValidationError(
                f"{what} {value:g} 不在 {MIN_SCALE:g}～{MAX_SCALE:g} 之间；"
                "请在打印对话框中关闭“适合页面/缩放”后重新打印校准页",
                field=what,
            )
    return replace(calibration, printer=printer)


def calibration_from_marks(
    printer: str,
    first: Crosshair,
    second: Crosshair,
    measured_first: tuple[float, float],
    measured_second: tuple[float, float],
) -> Calibration:
    """The calibration that undoes what a printer did to an uncalibrated calibration page.

    The printer put the set position k at a * k + b on each axis; printing at (p - b) / a then
    lands on p, so the scale is 1 / a and the offset -b / a.

    Args:
        printer: The printer the page came out of.
        first: One crosshair as set (e.g. A, near the top-left corner).
        second: Another, far from it on both axes (e.g. C).
        measured_first: Where `first` was measured on the paper (mm from the top-left corner).
        measured_second: Where `second` was measured.

    Raises:
        ValidationError: The crosshairs do not span both axes, or the result is out of range.
    """
    if math.isclose(first.x, second.x) or math.isclose(first.y, second.y):
        raise ValidationError("两个十字线必须在横向和纵向上都相隔一段距离", field="校准")
    axes = []
    for k1, k2, m1, m2, what in (
        (first.x, second.x, measured_first[0], measured_second[0], "横向"),
        (first.y, second.y, measured_first[1], measured_second[1], "纵向"),
    ):
        a = (_number(m2, what) - _number(m1, what)) / (k2 - k1)
        if a <= 0:
            raise ValidationError(
                f"{what}测量值顺序颠倒，请核对十字线 {first.mark} 和 {second.mark} 的测量值",
                field="校准",
            )
        b = m1 - a * k1
        axes.append((round(-b / a, 2), round(1 / a, 4)))
    (dx, sx), (dy, sy) = axes
    return check_calibration(Calibration(printer, dx, dy, sx, sy))


def check_reprint_reason(number: str, copies: int, reason: str) -> str:
    """The reason for printing a certificate again, trimmed; refused when missing or too long.

    Args:
        number: The certificate number, named in the message.
        copies: How often it was printed before.
        reason: What the clerk wrote.

    Raises:
        ValidationError: A reprint without a reason, or a reason over 200 characters.
    """
    text = reason.strip()
    if copies > 0 and not text:
        raise ValidationError(
            f"证书 {number} 已打印过 {copies} 次，重打须填写原因（如：卡纸、套印偏移、污损）",
            field="重打原因",
        )
    if len(text) > MAX_REASON:
        raise ValidationError(f"重打原因最多 {MAX_REASON} 个字", field="重打原因")
    return text


def place(
    layout: StockLayout, calibration: Calibration | None, values: Mapping[str, str]
) -> StockPlan:
    """Place one certificate's values on the stock, the printer's calibration applied.

    Args:
        layout: The stock layout.
        calibration: The printer's calibration, or None to print as set (calibration pages, and
            printers never calibrated).
        values: The text of each text field; an empty or missing value prints nothing.
    """
    cal = calibration or Calibration("")
    texts = []
    boxes = []
    for box in layout.fields:
        x, top = cal.point(box.x, box.y)
        if box.key in IMAGE_FIELDS:
            boxes.append(PlacedBox(box.key, x, top, box.width * cal.sx, box.height * cal.sy))
            continue
        text = values.get(box.key, "")
        if not text:
            continue
        _, baseline = cal.point(box.x, box.y + box.height)
        texts.append(PlacedText(box.key, text, x, baseline, box.size * cal.sy, box.width * cal.sx))
    return StockPlan(layout.page_width, layout.page_height, tuple(texts), tuple(boxes))


# ---------------------------------------------------------------------------------------------
# The layout as a JSON document (import and export)

LAYOUT_FORMAT = "kaoping-stock-layout"


def layout_to_json(layout: StockLayout) -> dict[str, Any]:
    """The layout as a plain JSON object (the scan is not part of it)."""
    return {
        "format": LAYOUT_FORMAT,
        "version": 1,
        "name": layout.name,
        "template_sha256": layout.template_sha256,
        "page": {"width": layout.page_width, "height": layout.page_height},
        "fields": [
            {
                "key": f.key,
                "x": f.x,
                "y": f.y,
                "width": f.width,
                "height": f.height,
                **({"size": f.size} if f.key in TEXT_FIELDS else {}),
            }
            for f in layout.fields
        ],
    }


def layout_from_json(data: Any, template_sha256: str) -> StockLayout:
    """A layout read from a parsed JSON document, checked; `template_sha256` is the current one.

    Raises:
        ValidationError: Not a stock layout document, a field entry malformed, or `check_layout`
            refuses it.
    """
    if not isinstance(data, dict) or data.get("format") != LAYOUT_FORMAT:
        raise ValidationError(
            f'文件不是套打版式（缺少 "format": "{LAYOUT_FORMAT}"）', field="套打版式文件"
        )
    page = data.get("page")
    entries = data.get("fields")
    if not isinstance(page, dict) or not isinstance(entries, list):
        raise ValidationError("套打版式文件缺少 page 或 fields", field="套打版式文件")
    if len(entries) > _MAX_FIELDS:
        raise ValidationError("套打版式文件的字段过多", field="套打版式文件")
    fields = tuple(_field_from_json(entry, i) for i, entry in enumerate(entries, 1))
    name = data.get("name")
    layout = StockLayout(
        0,
        name if isinstance(name, str) else "",
        template_sha256,
        _number(page.get("width"), "纸宽"),
        _number(page.get("height"), "纸高"),
        fields,
    )
    return check_layout(layout)


def _field_from_json(entry: Any, index: int) -> FieldBox:
    if not isinstance(entry, dict) or not isinstance(entry.get("key"), str):
        raise ValidationError(
            f"第 {index} 个字段格式不对，应含 key、x、y、width、height", field="字段"
        )
    key = entry["key"]
    label = FIELD_LABELS.get(key, key)
    return FieldBox(
        key,
        _number(entry.get("x"), f"{label}的左边距"),
        _number(entry.get("y"), f"{label}的上边距"),
        _number(entry.get("width"), f"{label}的宽"),
        _number(entry.get("height"), f"{label}的高"),
        _number(entry.get("size", 12.0), f"{label}的字号"),
    )


def fields_in_order(fields: Sequence[FieldBox]) -> tuple[FieldBox, ...]:
    """The fields in the order of FIELD_LABELS (how screens and files list them)."""
    order = list(FIELD_LABELS)
    return tuple(sorted(fields, key=lambda f: order.index(f.key) if f.key in order else 99))
