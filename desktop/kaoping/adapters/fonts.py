"""The CJK fonts for PDF documents, registered with reportlab once per process.

Registering a TrueType collection costs tens of milliseconds; doing it per document made batch
certificate runs 7–16 times slower, so the registration is cached here.

WenQuanYi Micro Hei draws everything it has. A character it lacks (a rare name character such as
䶮 U+4DAE or 𠮷 U+20BB7) is drawn glyph by glyph in the first fallback face that has it:
Hanazono Mincho A, then B. The fallbacks are parsed only when a text first needs one (each is a
20–30 MB file and takes over a tenth of a second), then kept for the process.
"""

from __future__ import annotations

import copy
import threading
import weakref
from collections.abc import Container, Iterable
from xml.sax.saxutils import escape

from reportlab import rl_config
from reportlab.lib import textsplit
from reportlab.pdfbase import pdfmetrics, ttfonts
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import paragraph

from kaoping.adapters import pdf_flate
from kaoping.domain.errors import NotFound, ValidationError
from kaoping.paths import resource_path

__all__ = [
    "CJK_FONT_NAME",
    "FALLBACK_FONT_NAMES",
    "VALUE_FONT_NAME",
    "FontCoverage",
    "PrintedValue",
    "draw_runs",
    "ensure_fonts",
    "font_markup",
    "font_runs",
    "missing_glyphs",
    "require_all_glyphs",
    "require_glyphs",
    "runs_width",
]

CJK_FONT_NAME = "WenQuanYiMicroHei"
# The same face under a second name, for filled-in values inside running text. Switching fonts
# ends a text run, so a holder's name inside a sentence is a run of its own, as in the table; the
# compliance check exempts exactly such runs (see `pdf_inspect`).
VALUE_FONT_NAME = "WenQuanYiMicroHeiValue"
_FONT_FILE = ("fonts", "wqy-microhei.ttc")
# Tried in this order for a character the main face lacks: A has the BMP ideographs including
# Extension A, B the supplementary plane (Extensions B–F).
FALLBACK_FONT_NAMES = ("HanaMinA", "HanaMinB")
_FALLBACK_FILES = {"HanaMinA": "HanaMinA.ttf", "HanaMinB": "HanaMinB.ttf"}
_lock = threading.Lock()
_fallback_lock = threading.Lock()
# Full-width punctuation that must not begin a line in Chinese typesetting. reportlab's own list
# covers Japanese and ASCII marks but not "，；：！？", so wrapped paragraphs could start a
# line with a comma.
_CANNOT_START_LINE = "，。、；：！？）》」』】〕…"


def ensure_fonts() -> str:
    """Register WenQuanYi Micro Hei (subfont 0) if not yet done; return its reportlab font name.

    Also teaches reportlab's CJK line breaking the Chinese full-width punctuation rules, and
    turns off ASCII85 stream encoding for every document of the process.

    Raises:
        NotFound: The font file is missing from the resources folder.
    """
    with _lock:
        if CJK_FONT_NAME not in pdfmetrics.getRegisteredFontNames():
            path = resource_path(*_FONT_FILE)
            if not path.is_file():
                raise NotFound(
                    f"找不到字体文件 {path}，请重新安装程序或恢复 resources/fonts 文件夹"
                )
            face = TTFont(CJK_FONT_NAME, str(path), subfontIndex=0)
            pdfmetrics.registerFont(face)
            pdfmetrics.registerFont(_same_face(face, VALUE_FONT_NAME))
            _extend_line_start_rules()
        # So that 𠮷 (U+20BB7) is copied and searched as itself; see `_to_unicode_cmap`.
        ttfonts.makeToUnicodeCMap = _to_unicode_cmap
        # Binary (Flate-only) streams are a fifth smaller, and the compliance check reads them
        # back several times faster: decoding ASCII85 in pure Python dominated checking a
        # certificate. Set here, before any document is written, so every PDF of the process
        # is encoded alike and a letter's fingerprint does not depend on what ran before it.
        rl_config.useA85 = 0
        pdf_flate.install()
    return CJK_FONT_NAME


def _same_face(font: TTFont, name: str) -> TTFont:
    """The same parsed face under another name, with its own encoding and per-document subsets.

    Reading the face again costs a quarter of a second, in every process that renders.
    """
    twin = copy.copy(font)
    twin.fontName = name
    twin.encoding = ttfonts.TTEncoding()
    twin.state = weakref.WeakKeyDictionary()
    return twin


def require_glyphs(text: str, field: str, document: str, *, where: str = "") -> None:
    """Refuse text with a character no shipped font can draw, before anything is rendered.

    reportlab prints such a character as a blank and says nothing, so a character outside every
    shipped face (CJK Extension G, private use) would silently vanish from a certificate. The
    message names only the character, never the rest of the value.

    Args:
        text: The value to be printed.
        field: What the value is, in Chinese (姓名); the error's field.
        document: The document being printed, in Chinese (证书).
        where: Where the value stands when the field alone does not say (考生名单第 2 行); the
            message then names this place, and the field stays the error's field.

    Raises:
        ValidationError: A character has no glyph in any shipped font.
    """
    missing = missing_glyphs(text)
    if missing:
        char = missing[0]
        raise ValidationError(
            f"{where or field}中的“{char}”(U+{ord(char):04X}) 在程序自带的字体中都没有字形，"
            f"{document}无法打印；请核对用字或改用常用字形",
            field=field,
        )


PrintedValue = tuple[str, str, str]
"""A value a document prints: (where it stands or "", its field, the text); see `require_glyphs`."""


def require_all_glyphs(values: Iterable[PrintedValue], document: str) -> None:
    """`require_glyphs` for every value a document prints, stopping at the first refusal.

    Args:
        values: (where, field, text) for every value, e.g. ("考生名单第 2 行", "姓名", "李䶮").
        document: The document being printed, in Chinese (考务档案).

    Raises:
        ValidationError: A character of some value has no glyph in any shipped font.
    """
    for where, field, text in values:
        require_glyphs(text, field, document, where=where)


class FontCoverage:
    """Implements `services.ports.intake.GlyphCoverage`: what no shipped font can print."""

    def missing(self, text: str) -> list[str]:
        """The characters of `text` no shipped font has, each once, in order of appearance."""
        return missing_glyphs(text)


def missing_glyphs(text: str) -> list[str]:
    """The characters of `text` that no shipped font can draw, each once, in order of appearance.

    Whitespace and control characters draw nothing anyway and are never reported.
    """
    main = _glyphs(ensure_fonts())
    missing: list[str] = []
    for char in text:
        if _drawable_in_main(char, main) or char in missing:
            continue
        if _fallback_for(ord(char)) is None:
            missing.append(char)
    return missing


def font_runs(text: str, main_font: str) -> list[tuple[str, str]]:
    """Split `text` into (font name, chunk) runs: the main face wherever it has the glyph.

    A character the main face lacks goes to the first fallback face that has it; one that no
    face has stays in the main face (it prints blank, which `require_glyphs` prevents for
    values). Adjacent characters in the same face form one chunk.

    Args:
        text: The text to draw.
        main_font: A registered reportlab font name of the main face (the value font included).
    """
    main = _glyphs(main_font)
    if all(_drawable_in_main(char, main) for char in text):
        return [(main_font, text)] if text else []
    runs: list[tuple[str, str]] = []
    for char in text:
        font = main_font
        if not _drawable_in_main(char, main):
            font = _fallback_for(ord(char)) or main_font
        if runs and runs[-1][0] == font:
            runs[-1] = (font, runs[-1][1] + char)
        else:
            runs.append((font, char))
    return runs


def font_markup(text: str, main_font: str) -> str:
    """`text` escaped for a reportlab Paragraph, with fallback chunks in `<font>` spans.

    The paragraph's own style (or an enclosing `<font>`) supplies `main_font`; only chunks in a
    fallback face are wrapped, so common text stays one run.
    """
    return "".join(
        escape(chunk) if font == main_font else f'<font name="{font}">{escape(chunk)}</font>'
        for font, chunk in font_runs(text, main_font)
    )


def runs_width(text: str, main_font: str, size: float) -> float:
    """The width in points of `text` drawn with fallback, at `size`."""
    return sum(
        float(pdfmetrics.stringWidth(chunk, font, size))
        for font, chunk in font_runs(text, main_font)
    )


def draw_runs(
    canvas: Canvas,
    x: float,
    y: float,
    text: str,
    main_font: str,
    size: float,
    align: str = "left",
) -> None:
    """Draw one line of `text` at (x, y) with glyph-by-glyph fallback.

    Args:
        canvas: The page to draw on; its font is `main_font` at `size` afterwards.
        x: The left edge, or the centre when `align` is "centre", or the right edge for "right".
        y: The baseline.
        text: The line to draw.
        main_font: The registered main face to use wherever it has the glyph.
        size: The font size in points.
        align: "left", "centre" or "right".
    """
    runs = font_runs(text, main_font)
    width = sum(float(pdfmetrics.stringWidth(c, f, size)) for f, c in runs)
    offset = {"left": 0.0, "centre": width / 2, "right": width}[align]
    line = canvas.beginText(x - offset, y)
    for font, chunk in runs:
        line.setFont(font, size)
        line.textOut(chunk)
    canvas.drawText(line)
    canvas.setFont(main_font, size)


def _glyphs(font_name: str) -> Container[int]:
    glyphs: Container[int] = pdfmetrics.getFont(font_name).face.charToGlyph
    return glyphs


def _drawable_in_main(char: str, main: Container[int]) -> bool:
    return ord(char) in main or char.isspace() or ord(char) < 0x20


def _fallback_for(code: int) -> str | None:
    """The first fallback face with a glyph for `code`, registering faces as they are needed."""
    for name in FALLBACK_FONT_NAMES:
        if code in _glyphs(_ensure_fallback(name)):
            return name
    return None


def _ensure_fallback(name: str) -> str:
    """Register the fallback face `name` once per process and return its font name.

    Raises:
        NotFound: The font file is missing from the resources folder.
    """
    with _fallback_lock:
        if name not in pdfmetrics.getRegisteredFontNames():
            path = resource_path("fonts", _FALLBACK_FILES[name])
            if not path.is_file():
                raise NotFound(
                    f"找不到字体文件 {path}，请重新安装程序或恢复 resources/fonts 文件夹"
                )
            pdfmetrics.registerFont(TTFont(name, str(path)))
    return name


def _to_unicode_cmap(fontname: str, subset: list[int]) -> str:
    """The ToUnicode CMap reportlab writes, with characters beyond U+FFFF written as UTF-16 pairs.

    reportlab writes every code point as four hex digits, so 𠮷 (U+20BB7) was extracted from the
    PDF (copy, search, the compliance check) as "₻" (U+20BB). A ToUnicode target is UTF-16BE.
    """
    entries = [
        f"<{i:02X}> <{chr(v).encode('utf-16-be').hex().upper()}>" for i, v in enumerate(subset)
    ]
    return "\n".join(
        [
            "/CIDInit /ProcSet findresource begin",
            "12 dict begin",
            "begincmap",
            "/CIDSystemInfo",
            f"<< /Registry ({fontname})",
            f"/Ordering ({fontname})",
            "/Supplement 0",
            ">> def",
            f"/CMapName /{fontname} def",
            "/CMapType 2 def",
            "1 begincodespacerange",
            f"<00> <{len(subset) - 1:02X}>",
            "endcodespacerange",
            f"{len(subset)} beginbfchar",
            *entries,
            "endbfchar",
            "endcmap",
            "CMapName currentdict /CMap defineresource pop",
            "end",
            "end",
        ]
    )


def _extend_line_start_rules() -> None:
    # Both the plain-text and the styled-fragment wrapping paths keep their own copy of the list.
    for module in (textsplit, paragraph):
        missing = "".join(ch for ch in _CANNOT_START_LINE if ch not in module.ALL_CANNOT_START)
        module.ALL_CANNOT_START += missing
