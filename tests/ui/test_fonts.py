"""Screens draw rare name characters with the shipped fallback faces."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from PySide6.QtGui import QColor, QFont, QImage, QRawFont
from PySide6.QtWidgets import QApplication, QLabel

from kaoping.ui.application import load_fonts

RARE = "䶮𠮷"


def test_label_with_rare_characters_uses_a_face_that_has_them(
    qapp: QApplication, qtbot: QtBot
) -> None:
    """The app font's family list ends in faces with 䶮 and 𠮷, and a label with them has ink."""
    load_fonts(qapp)
    label = QLabel(RARE)
    qtbot.addWidget(label)
    families = label.font().families()
    assert families[0] == "WenQuanYi Micro Hei"
    for char in RARE:
        # A raw font is one face, without Qt's own fallback.
        having = [f for f in families if QRawFont.fromFont(QFont(f)).supportsCharacter(ord(char))]
        assert having and having[0].startswith("HanaMin"), (char, families)
    label.resize(label.sizeHint())
    image = QImage(label.size(), QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    label.render(image)
    dark = sum(
        1
        for x in range(image.width())
        for y in range(image.height())
        if image.pixelColor(x, y).lightness() < 128
    )
    assert dark > 20
