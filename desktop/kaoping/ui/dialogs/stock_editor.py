"""The stock layout editor (套打版式编辑): field boxes over a scan of the blank stock, in mm.

The scene's unit is the millimetre, with the origin at the paper's top-left corner, so a box's
position is its field's position. A box can be dragged, or moved with the arrow keys (0.5 mm,
with Shift 0.1 mm); the spin boxes show and set the chosen field exactly. The scan is only a
background for lining the boxes up: it is never printed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QImage, QKeyEvent, QPen, QPixmap, QResizeEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QDoubleSpinBox,
    QFormLayout,
    QGraphicsItem,
    QGraphicsRectItem,
    QGraphicsScene,
    QGraphicsSimpleTextItem,
    QGraphicsView,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kaoping.domain.stock_layout import FIELD_LABELS, TEXT_FIELDS, FieldBox, StockLayout
from kaoping.ui.labels import QT_TRANSLATE_NOOP

FIELD_NAMES = {
    "name": QT_TRANSLATE_NOOP("StockEditor", "姓名"),
    "id_number": QT_TRANSLATE_NOOP("StockEditor", "证件号码"),
    "occupation": QT_TRANSLATE_NOOP("StockEditor", "职业"),
    "direction": QT_TRANSLATE_NOOP("StockEditor", "职业方向"),
    "level": QT_TRANSLATE_NOOP("StockEditor", "等级"),
    "number": QT_TRANSLATE_NOOP("StockEditor", "证书编号"),
    "issue_date": QT_TRANSLATE_NOOP("StockEditor", "发证日期"),
    "body_name": QT_TRANSLATE_NOOP("StockEditor", "评价机构"),
    "photo": QT_TRANSLATE_NOOP("StockEditor", "照片"),
    "qr": QT_TRANSLATE_NOOP("StockEditor", "二维码"),
}
NUDGE_MM, FINE_NUDGE_MM = 0.5, 0.1
_BOX_PEN = QColor(0, 90, 200)
_CHOSEN_PEN = QColor(220, 60, 0)


class FieldItem(QGraphicsRectItem):
    """One field's box in the scene (mm); reports moves so the spin boxes follow."""

    def __init__(self, box: FieldBox, caption: str, moved: Callable[[str], None]) -> None:
        super().__init__(0, 0, box.width, box.height)
        self.key = box.key
        self._moved = moved
        self.setPos(box.x, box.y)
        self.setFlags(
            QGraphicsItem.GraphicsItemFlag.ItemIsMovable
            | QGraphicsItem.GraphicsItemFlag.ItemIsSelectable
            | QGraphicsItem.GraphicsItemFlag.ItemSendsGeometryChanges
        )
        self.setBrush(QBrush(QColor(0, 90, 200, 40)))
        pen = QPen(_BOX_PEN)
        pen.setCosmetic(True)
        self.setPen(pen)
        self.caption = QGraphicsSimpleTextItem(caption, self)
        font = QFont()
        font.setPointSizeF(3.0)  # scene units are mm: a caption about 3 mm high
        self.caption.setFont(font)
        self.caption.setBrush(QBrush(_BOX_PEN))
        self.caption.setPos(0.5, 0.2)

    def itemChange(self, change: QGraphicsItem.GraphicsItemChange, value: Any) -> Any:
        """Keep positions on a 0.1 mm grid and report each move."""
        if change == QGraphicsItem.GraphicsItemChange.ItemPositionChange and isinstance(
            value, QPointF
        ):
            return QPointF(round(value.x(), 1), round(value.y(), 1))
        if change == QGraphicsItem.GraphicsItemChange.ItemPositionHasChanged:
            self._moved(self.key)
        if change == QGraphicsItem.GraphicsItemChange.ItemSelectedHasChanged:
            pen = QPen(_CHOSEN_PEN if value else _BOX_PEN)
            pen.setCosmetic(True)
            pen.setWidth(2 if value else 1)
            self.setPen(pen)
        return super().itemChange(change, value)


class PageView(QGraphicsView):
    """The page fitted to the view; arrow keys move the chosen box."""

    nudged = Signal(float, float)

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Keep the whole page in view."""
        super().resizeEvent(event)
        self.fit()

    def fit(self) -> None:
        """Show the whole page."""
        if self.scene() is not None:
            self.fitInView(self.scene().sceneRect(), Qt.AspectRatioMode.KeepAspectRatio)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Arrows move the chosen box by 0.5 mm (Shift: 0.1 mm)."""
        step = FINE_NUDGE_MM if event.modifiers() & Qt.KeyboardModifier.ShiftModifier else NUDGE_MM
        moves = {
            Qt.Key.Key_Left: (-step, 0.0),
            Qt.Key.Key_Right: (step, 0.0),
            Qt.Key.Key_Up: (0.0, -step),
            Qt.Key.Key_Down: (0.0, step),
        }
        move = moves.get(Qt.Key(event.key()))
        if move is None:
            super().keyPressEvent(event)
            return
        self.nudged.emit(*move)


class StockEditor(QWidget):
    """Edits the field boxes of one layout; `fields()` gives them back."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._boxes: dict[str, FieldBox] = {}
        self._items: dict[str, FieldItem] = {}
        self._included: set[str] = set()
        self._page = (297.0, 210.0)
        self._syncing = False
        self.scene = QGraphicsScene(self)
        self.view = PageView(self.scene)
        self.view.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.view.nudged.connect(self.nudge)
        self.scene.selectionChanged.connect(self._on_scene_selection)
        row = QHBoxLayout(self)
        row.addWidget(self.view, 3)
        side = QVBoxLayout()
        self.field_list = QListWidget()
        self.field_list.currentRowChanged.connect(self._on_list_row)
        self.field_list.itemChanged.connect(self._on_included_changed)
        side.addWidget(self.field_list, 1)
        form = QFormLayout()
        self.x_spin = self._spin(0, 500, self.tr(" 毫米"))
        self.y_spin = self._spin(0, 500, self.tr(" 毫米"))
        self.width_spin = self._spin(1, 500, self.tr(" 毫米"))
        self.height_spin = self._spin(1, 500, self.tr(" 毫米"))
        self.size_spin = self._spin(5, 72, self.tr(" 磅"))
        form.addRow(self.tr("左边距(&X)"), self.x_spin)
        form.addRow(self.tr("上边距(&Y)"), self.y_spin)
        form.addRow(self.tr("宽(&W)"), self.width_spin)
        form.addRow(self.tr("高(&H)"), self.height_spin)
        form.addRow(self.tr("字号(&Z)"), self.size_spin)
        side.addLayout(form)
        self.show_scan = QCheckBox(self.tr("显示扫描图(&S)"))
        self.show_scan.setChecked(True)
        self.show_scan.toggled.connect(self._on_show_scan)
        side.addWidget(self.show_scan)
        row.addLayout(side, 1)
        self._scan_item: QGraphicsItem | None = None

    def _spin(self, low: float, high: float, suffix: str) -> QDoubleSpinBox:
        spin = QDoubleSpinBox()
        spin.setRange(low, high)
        spin.setDecimals(1)
        spin.setSingleStep(0.5)
        spin.setSuffix(suffix)
        spin.valueChanged.connect(self._on_spin_changed)
        return spin

    # -- loading and reading back -----------------------------------------------------------------

    def load(self, layout: StockLayout, defaults: tuple[FieldBox, ...], scan: bytes | None) -> None:
        """Show a layout; fields it leaves out are offered at their `defaults` boxes, unticked."""
        self._page = (layout.page_width, layout.page_height)
        self._boxes = {b.key: b for b in defaults} | {b.key: b for b in layout.fields}
        self._included = {b.key for b in layout.fields}
        self._rebuild(scan)

    def set_page(self, width: float, height: float) -> None:
        """Change the paper size (the boxes stay where they are)."""
        self._page = (width, height)
        self.scene.setSceneRect(QRectF(0, 0, width, height))
        self._page_item.setRect(QRectF(0, 0, width, height))
        self.view.fit()

    def fields(self) -> tuple[FieldBox, ...]:
        """The ticked fields with their boxes as edited."""
        return tuple(
            self._boxes[k] for k in FIELD_LABELS if k in self._included and k in self._boxes
        )

    def box(self, key: str) -> FieldBox | None:
        """One field's box as edited."""
        return self._boxes.get(key)

    def _rebuild(self, scan: bytes | None) -> None:
        self.scene.clear()
        self._items = {}
        width, height = self._page
        self.scene.setSceneRect(QRectF(0, 0, width, height))
        self._page_item = self.scene.addRect(
            QRectF(0, 0, width, height), QPen(QColor("gray")), QBrush(QColor("white"))
        )
        self._scan_item = None
        if scan:
            self._add_scan(scan)
        self._syncing = True
        self.field_list.clear()
        for key in FIELD_LABELS:
            box = self._boxes.get(key)
            if box is None:
                continue
            caption = self.tr(FIELD_NAMES[key])
            entry = QListWidgetItem(caption)
            entry.setData(Qt.ItemDataRole.UserRole, key)
            entry.setFlags(entry.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            entry.setCheckState(
                Qt.CheckState.Checked if key in self._included else Qt.CheckState.Unchecked
            )
            self.field_list.addItem(entry)
            item = FieldItem(box, caption, self._on_item_moved)
            item.setVisible(key in self._included)
            self.scene.addItem(item)
            self._items[key] = item
        self._syncing = False
        self.field_list.setCurrentRow(0)
        self.view.fit()

    def _add_scan(self, scan: bytes) -> None:
        image = QImage.fromData(scan)
        if image.isNull():
            return
        width, height = self._page
        pixmap = self.scene.addPixmap(QPixmap.fromImage(image))
        pixmap.setTransformationMode(Qt.TransformationMode.SmoothTransformation)
        pixmap.setScale(1.0)
        pixmap.setTransform(
            pixmap.transform().scale(width / image.width(), height / image.height())
        )
        pixmap.setOpacity(0.6)
        pixmap.setZValue(-1)
        pixmap.setVisible(self.show_scan.isChecked())
        self._page_item.setZValue(-2)
        self._scan_item = pixmap

    def has_scan(self) -> bool:
        """Whether a scan is shown under the boxes."""
        return self._scan_item is not None

    def _on_show_scan(self, shown: bool) -> None:
        if self._scan_item is not None:
            self._scan_item.setVisible(shown)

    # -- choosing and moving ----------------------------------------------------------------------

    def current_key(self) -> str | None:
        """The field chosen in the list."""
        if self.field_list.currentRow() < 0:
            return None
        return str(self.field_list.currentItem().data(Qt.ItemDataRole.UserRole))

    def choose(self, key: str) -> None:
        """Choose a field (list row and box)."""
        for row in range(self.field_list.count()):
            if self.field_list.item(row).data(Qt.ItemDataRole.UserRole) == key:
                self.field_list.setCurrentRow(row)

    def nudge(self, dx: float, dy: float) -> None:
        """Move the chosen field by (dx, dy) mm."""
        key = self.current_key()
        if key is None:
            return
        box = self._boxes[key].moved(dx, dy)
        self._set_box(replace(box, x=max(box.x, 0.0), y=max(box.y, 0.0)))

    def _set_box(self, box: FieldBox) -> None:
        self._boxes[box.key] = box
        item = self._items.get(box.key)
        if item is not None:
            self._syncing = True
            item.setPos(box.x, box.y)
            item.setRect(0, 0, box.width, box.height)
            self._syncing = False
        if box.key == self.current_key():
            self._show_spins(box)

    def _on_list_row(self, row: int) -> None:
        key = self.current_key()
        if key is None or row < 0:
            return
        self._show_spins(self._boxes[key])
        if not self._syncing:
            self.scene.clearSelection()
            item = self._items.get(key)
            if item is not None and item.isVisible():
                item.setSelected(True)

    def _on_scene_selection(self) -> None:
        chosen = [i for i in self.scene.selectedItems() if isinstance(i, FieldItem)]
        if chosen and chosen[0].key != self.current_key():
            self._syncing = True
            self.choose(chosen[0].key)
            self._syncing = False

    def _on_item_moved(self, key: str) -> None:
        if self._syncing:
            return
        item = self._items[key]
        box = replace(self._boxes[key], x=round(item.x(), 1), y=round(item.y(), 1))
        self._boxes[key] = box
        if key == self.current_key():
            self._show_spins(box)

    def _show_spins(self, box: FieldBox) -> None:
        self._syncing = True
        self.x_spin.setValue(box.x)
        self.y_spin.setValue(box.y)
        self.width_spin.setValue(box.width)
        self.height_spin.setValue(box.height)
        self.size_spin.setValue(box.size)
        self.size_spin.setEnabled(box.key in TEXT_FIELDS)
        self._syncing = False

    def _on_spin_changed(self) -> None:
        key = self.current_key()
        if self._syncing or key is None:
            return
        box = replace(
            self._boxes[key],
            x=round(self.x_spin.value(), 2),
            y=round(self.y_spin.value(), 2),
            width=round(self.width_spin.value(), 2),
            height=round(self.height_spin.value(), 2),
            size=round(self.size_spin.value(), 2),
        )
        self._set_box(box)

    def _on_included_changed(self, entry: QListWidgetItem) -> None:
        if self._syncing:
            return
        key = str(entry.data(Qt.ItemDataRole.UserRole))
        if entry.checkState() == Qt.CheckState.Checked:
            self._included.add(key)
        else:
            self._included.discard(key)
        item = self._items.get(key)
        if item is not None:
            item.setVisible(key in self._included)
