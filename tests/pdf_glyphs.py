"""Checks that characters are really drawn in a PDF: extracted by poppler and inked on the page."""

from __future__ import annotations

import re
import subprocess
import tempfile
from collections.abc import Callable
from html import unescape
from pathlib import Path

from PIL import Image

# Rare name characters: CJK Extension A (䶮 㐀 䴘) and Extension B (𠮷 𠀀 𪚥).
RARE = "䶮𠮷㐀䴘𠀀𪚥"
# No shipped font has these: CJK Extension G, private use.
UNDRAWABLE = ("\U00030000", "\ue000")
_DPI = 150
_WORD = re.compile(
    r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>'
)


def pdf_text(pdf: bytes) -> str:
    """All text of the PDF as `pdftotext` extracts it."""
    return _run(pdf, lambda src, out: ["pdftotext", "-enc", "UTF-8", src, out]).decode("utf-8")


def char_boxes(pdf: bytes, page: int = 1) -> dict[str, list[tuple[float, float, float, float]]]:
    """Each character of the page's words → its boxes in points (x0, y0, x1, y1), top-down.

    poppler gives word boxes only; the words checked here are CJK text, whose characters are all
    one em wide, so a word's box is split evenly among its characters.
    """
    html = _run(
        pdf,
        lambda src, out: ["pdftotext", "-bbox", "-f", str(page), "-l", str(page), src, out],
    ).decode("utf-8")
    boxes: dict[str, list[tuple[float, float, float, float]]] = {}
    for match in _WORD.finditer(html):
        x0, y0, x1, y1 = (float(v) for v in match.groups()[:4])
        word = unescape(match.group(5))
        step = (x1 - x0) / len(word)
        for i, char in enumerate(word):
            boxes.setdefault(char, []).append((x0 + i * step, y0, x0 + (i + 1) * step, y1))
    return boxes


def ink_in_boxes(pdf: bytes, chars: str, page: int = 1) -> dict[str, int]:
    """For each character, the dark pixels (at 150 dpi) inside its first box on the page.

    Raises:
        AssertionError: A character is not on the page's text at all.
    """
    boxes = char_boxes(pdf, page)
    missing = [c for c in chars if c not in boxes]
    assert not missing, f"not in the page text: {missing}"
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp, "in.pdf")
        src.write_bytes(pdf)
        command = ["pdftoppm", "-r", str(_DPI), "-f", str(page), "-l", str(page), "-png", "-gray"]
        subprocess.run([*command, "-singlefile", str(src), str(Path(tmp, "page"))], check=True)
        image = Image.open(Path(tmp, "page.png")).convert("L")
        return {char: _dark_pixels(image, boxes[char][0]) for char in chars}


def _dark_pixels(image: Image.Image, box: tuple[float, float, float, float]) -> int:
    scale = _DPI / 72
    # A tenth of the box is left off each side so that a neighbour's ink or a table rule does
    # not count.
    x0, y0, x1, y1 = box
    dx, dy = (x1 - x0) / 10, (y1 - y0) / 10
    crop = image.crop(
        (
            round((x0 + dx) * scale),
            round((y0 + dy) * scale),
            round((x1 - dx) * scale),
            round((y1 - dy) * scale),
        )
    )
    return sum(crop.histogram()[:128])


def _run(pdf: bytes, command: Callable[[str, str], list[str]]) -> bytes:
    with tempfile.TemporaryDirectory() as tmp:
        src, out = Path(tmp, "in.pdf"), Path(tmp, "out.txt")
        src.write_bytes(pdf)
        subprocess.run(command(str(src), str(out)), check=True)
        return out.read_bytes()
