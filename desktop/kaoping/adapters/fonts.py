"""The CJK font for PDF documents, registered with reportlab once per process.

Registering a TrueType collection costs tens of milliseconds; doing it per document made batch
certificate runs 7–16 times slower, so the registration is cached here.
"""

from __future__ import annotations

import threading

from reportlab import rl_config
from reportlab.lib import textsplit
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import paragraph

from kaoping.domain.errors import NotFound, ValidationError
from kaoping.paths import resource_path

__all__ = ["CJK_FONT_NAME", "VALUE_FONT_NAME", "ensure_fonts", "require_glyphs"]

CJK_FONT_NAME = "WenQuanYiMicroHei"
# The same face under a second name, for filled-in values inside running text. Switching fonts
# ends a text run, so a holder's name inside a sentence is a run of its own, as in the table; the
# compliance check exempts exactly such runs (see `pdf_inspect`).
VALUE_FONT_NAME = "WenQuanYiMicroHeiValue"
_FONT_FILE = ("fonts", "wqy-microhei.ttc")
_lock = threading.Lock()
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
            pdfmetrics.registerFont(TTFont(CJK_FONT_NAME, str(path), subfontIndex=0))
            pdfmetrics.registerFont(TTFont(VALUE_FONT_NAME, str(path), subfontIndex=0))
            _extend_line_start_rules()
        # Binary (Flate-only) streams are a fifth smaller, and the compliance check reads them
        # back several times faster: decoding ASCII85 in pure Python dominated checking a
        # certificate. Set here, before any document is written, so every PDF of the process
        # is encoded alike and a letter's fingerprint does not depend on what ran before it.
        rl_config.useA85 = 0
    return CJK_FONT_NAME


def require_glyphs(text: str, field: str, document: str) -> None:
    """Refuse text with a character the CJK font cannot draw, before anything is rendered.

    reportlab prints such a character as a blank and says nothing, so a rare name character
    (䶮, 𠮷) would silently vanish from a certificate. Control characters draw nothing anyway
    and are not reported. The message names only the character, never the rest of the value.

    Args:
        text: The value to be printed.
        field: What the value is, in Chinese (姓名).
        document: The document being printed, in Chinese (证书).

    Raises:
        ValidationError: A character has no glyph in the font.
    """
    glyphs = pdfmetrics.getFont(ensure_fonts()).face.charToGlyph
    for char in text:
        if ord(char) not in glyphs and not (char.isspace() or ord(char) < 0x20):
            raise ValidationError(
                f"{field}中的“{char}”(U+{ord(char):04X}) 在{document}字体中没有字形，无法打印；"
                "请核对用字或改用常用字形",
                field=field,
            )


def _extend_line_start_rules() -> None:
    # Both the plain-text and the styled-fragment wrapping paths keep their own copy of the list.
    for module in (textsplit, paragraph):
        missing = "".join(ch for ch in _CANNOT_START_LINE if ch not in module.ALL_CANNOT_START)
        module.ALL_CANNOT_START += missing
