"""裁剪与旋转照片: fix one candidate photo by hand at the stored aspect.

The picture can be turned by quarter turns and straightened by a few degrees (the corners that
turning uncovers become white, as a photo's background is); a frame of the stored aspect is moved
by dragging and sized by the slider or the mouse wheel. What is inside the frame, scaled to the
stored size, is handed back as PNG for the same checks every photo passes.
"""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QImage,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QTransform,
    QWheelEvent,
)
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSlider,
    QVBoxLayout,
    QWidget,
)

MIN_SHARE = 0.2  # the frame never gets smaller than a fifth of the picture's shorter side


class CropView(QWidget):
    """The picture scaled to fit, with a movable frame of fixed aspect (image coordinates)."""

    def __init__(self, aspect: float, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._aspect = aspect
        self._image = QImage()
        self.frame = QRectF()
        self._drag: QPointF | None = None
        self.setMinimumSize(360, 420)
        self.setCursor(Qt.CursorShape.OpenHandCursor)

    def set_image(self, image: QImage) -> None:
        """Show a new picture with the largest centred frame."""
        self._image = image
        self.set_share(1.0)

    def set_share(self, share: float) -> None:
        """Size the frame to this share of the largest that fits, keeping its centre."""
        width, height = self._image.width(), self._image.height()
        if width == 0 or height == 0:
            return
        full_h = min(height, width / self._aspect)
        frame_h = max(full_h * max(share, MIN_SHARE), 1.0)
        centre = self.frame.center() if not self.frame.isEmpty() else QPointF(width / 2, height / 2)
        frame = QRectF(0, 0, frame_h * self._aspect, frame_h)
        frame.moveCenter(centre)
        self.frame = self._clamped(frame)
        self.update()

    def _clamped(self, frame: QRectF) -> QRectF:
        x = min(max(frame.x(), 0.0), self._image.width() - frame.width())
        y = min(max(frame.y(), 0.0), self._image.height() - frame.height())
        return QRectF(x, y, frame.width(), frame.height())

    def _scale(self) -> tuple[float, QPointF]:
        width, height = self._image.width(), self._image.height()
        scale = min(self.width() / width, self.height() / height)
        offset = QPointF((self.width() - width * scale) / 2, (self.height() - height * scale) / 2)
        return scale, offset

    def paintEvent(self, event: QPaintEvent) -> None:
        """Draw the picture, dim what lies outside the frame, and outline the frame."""
        if self._image.isNull():
            return
        painter = QPainter(self)
        scale, offset = self._scale()
        target = QRectF(offset, self._image.size().toSizeF() * scale)
        painter.drawImage(target, self._image)
        shown = QRectF(offset + self.frame.topLeft() * scale, self.frame.size() * scale)
        shade = QColor(0, 0, 0, 110)
        for part in (
            QRectF(target.left(), target.top(), target.width(), shown.top() - target.top()),
            QRectF(target.left(), shown.bottom(), target.width(), target.bottom() - shown.bottom()),
            QRectF(target.left(), shown.top(), shown.left() - target.left(), shown.height()),
            QRectF(shown.right(), shown.top(), target.right() - shown.right(), shown.height()),
        ):
            painter.fillRect(part, shade)
        painter.setPen(QPen(QColor("#F5B700"), 2))
        painter.drawRect(shown)
        painter.end()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        """Start moving the frame."""
        self._drag = event.position()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        """Move the frame with the mouse, inside the picture."""
        if self._drag is None or self._image.isNull():
            return
        scale, _ = self._scale()
        step = (event.position() - self._drag) / scale
        self._drag = event.position()
        self.frame = self._clamped(self.frame.translated(step))
        self.update()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        """Stop moving the frame."""
        self._drag = None

    def wheelEvent(self, event: QWheelEvent) -> None:
        """Grow or shrink the frame by 5 % a notch."""
        full_h = min(self._image.height(), self._image.width() / self._aspect)
        if full_h <= 0:
            return
        share = self.frame.height() / full_h * (0.95 if event.angleDelta().y() > 0 else 1.05)
        self.set_share(min(share, 1.0))

    def cropped(self, width: int, height: int) -> QImage:
        """What lies inside the frame, scaled to the stored size."""
        part = self._image.copy(self.frame.toAlignedRect())
        return part.scaled(
            width,
            height,
            Qt.AspectRatioMode.IgnoreAspectRatio,
            Qt.TransformationMode.SmoothTransformation,
        )


def turned(image: QImage, degrees: float) -> QImage:
    """The picture turned by any angle, the uncovered corners white, as a photo's background is."""
    if degrees % 360 == 0:
        return image.convertToFormat(QImage.Format.Format_RGB32)
    rotated = image.transformed(
        QTransform().rotate(degrees), Qt.TransformationMode.SmoothTransformation
    )
    flat = QImage(rotated.size(), QImage.Format.Format_RGB32)
    flat.fill(QColor("white"))
    painter = QPainter(flat)
    painter.drawImage(0, 0, rotated)
    painter.end()
    return flat


class PhotoCropDialog(QDialog):
    """Turn, straighten and crop one picture to the stored photo size."""

    def __init__(
        self, image: QImage, width: int, height: int, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("裁剪与旋转照片"))
        self._source = image
        self._size = (width, height)
        self._quarter = 0
        layout = QVBoxLayout(self)
        hint = QLabel(
            self.tr(
                "拖动黄色框选取头像（头部居中、上方留少量空白），用滑块或滚轮调整大小；"
                "照片歪斜时先旋转。确定后照片会按 {0}×{1} 像素保存并重新检查。"
            ).format(width, height)
        )
        hint.setWordWrap(True)
        layout.addWidget(hint)
        self.view = CropView(width / height)
        layout.addWidget(self.view, 1)
        layout.addLayout(self._controls())
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(560, 680)
        self._redraw()

    def _controls(self) -> QHBoxLayout:
        row = QHBoxLayout()
        left = QPushButton(self.tr("向左转 90°"))
        left.clicked.connect(lambda: self.turn_quarter(-1))
        right = QPushButton(self.tr("向右转 90°"))
        right.clicked.connect(lambda: self.turn_quarter(1))
        self.angle_spin = QDoubleSpinBox()
        self.angle_spin.setRange(-15.0, 15.0)
        self.angle_spin.setSingleStep(0.5)
        self.angle_spin.setSuffix("°")
        self.angle_spin.valueChanged.connect(lambda _v: self._redraw())
        self.size_slider = QSlider(Qt.Orientation.Horizontal)
        self.size_slider.setRange(int(MIN_SHARE * 100), 100)
        self.size_slider.setValue(100)
        self.size_slider.valueChanged.connect(lambda v: self.view.set_share(v / 100))
        row.addWidget(left)
        row.addWidget(right)
        row.addWidget(QLabel(self.tr("微调角度")))
        row.addWidget(self.angle_spin)
        row.addWidget(QLabel(self.tr("框大小")))
        row.addWidget(self.size_slider, 1)
        return row

    def turn_quarter(self, steps: int) -> None:
        """Turn the picture by quarter turns (negative: to the left)."""
        self._quarter = (self._quarter + steps) % 4
        self._redraw()

    def _redraw(self) -> None:
        self.view.set_image(turned(self._source, self._quarter * 90 + self.angle_spin.value()))
        self.view.set_share(self.size_slider.value() / 100)

    def png(self) -> bytes:
        """The cropped picture at the stored size, as PNG file bytes."""
        return png_bytes(self.view.cropped(*self._size))


def png_bytes(image: QImage) -> bytes:
    """A picture as PNG file bytes."""
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")  # type: ignore[call-overload]  # the stubs want bytes, Qt takes str
    buffer.close()
    return bytes(data.data())
