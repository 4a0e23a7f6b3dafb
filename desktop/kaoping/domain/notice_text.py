"""The text of an official notice (通知) as a person hands it over: pasted, saved as text or as a web page.

An administrator copies the State Council's annual holiday notice from the government's web site,
or saves the page. What arrives is plain text or HTML, in UTF-8 (with or without BOM) or in
GB18030 (GBK/GB2312 pages, Windows Notepad's "ANSI"). This module turns those bytes into plain
lines of text, bounded in size, or refuses with a Chinese message that says what to do.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from kaoping.domain.errors import ValidationError

MAX_NOTICE_BYTES = 2 * 1024 * 1024
"""Largest notice accepted. The notice itself is under 2 KB; a saved page with its menus, scripts
and style sheets stays well below 1 MB. Anything larger is not a notice."""

_FIELD = "通知"
_SNIFF = 8192
_HTML_START = re.compile(rb"<\s*(!doctype|html|head|body|meta|p|div|span|title)\b", re.IGNORECASE)
_CHARSET = re.compile(rb"""charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.IGNORECASE)
_HAN = re.compile(r"[\u4e00-\u9fff]")
_GB = frozenset({"gb2312", "gbk", "gb18030", "x-gbk", "cp936", "euc-cn"})
_UTF8 = frozenset({"utf-8", "utf8"})
# Tags whose content is never part of the notice's text.
_SKIPPED = frozenset({"script", "style", "noscript", "template", "svg", "iframe", "object"})
# Tags that end a line of text: a paragraph of the notice is one <p> (or <div>) on the site.
_BLOCKS = frozenset(
    {
        "p",
        "br",
        "div",
        "li",
        "tr",
        "td",
        "th",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "title",
        "section",
        "article",
        "table",
        "ul",
        "ol",
        "hr",
        "blockquote",
        "pre",
        "center",
    }
)


def notice_text(data: bytes) -> str:
    """The plain text of a notice file or of pasted text (given as UTF-8 bytes).

    Args:
        data: The file's bytes.

    Returns:
        The text, one paragraph per line for a web page.

    Raises:
        ValidationError: Empty, over ``MAX_NOTICE_BYTES``, binary or UTF-16, in an encoding that
            is neither UTF-8 nor GB18030, or holding no Chinese text at all.
    """
    if len(data) > MAX_NOTICE_BYTES:
        raise ValidationError(
            f"文件有 {len(data) / 1024 / 1024:.1f} MB，超过节假日安排通知的上限 "
            f"{MAX_NOTICE_BYTES // 1024 // 1024} MB，已拒绝；"
            "通知全文或保存的网页都远小于此，请确认选择的文件",
            field=_FIELD,
        )
    if not data.strip():
        raise ValidationError(
            "文件是空的：请选择保存的通知文本或网页，或粘贴通知全文", field=_FIELD
        )
    if b"\x00" in data:
        raise ValidationError(
            "文件中含有空字符，可能是 UTF-16 编码的文本、Word 文档、PDF 或图片，不是通知的文字；"
            "请在网页上复制通知全文粘贴导入，或另存为 UTF-8 / GB18030 编码的文本文件",
            field=_FIELD,
        )
    html = _HTML_START.search(data[:_SNIFF]) is not None
    text = _decode(data, _declared_encoding(data) if html else None)
    if html:
        text = html_to_text(text)
    if not _HAN.search(text):
        raise ValidationError(
            "文件中没有汉字，不是节假日安排通知，或编码不是 UTF-8 / GB18030；"
            "请在网页上复制通知全文粘贴导入",
            field=_FIELD,
        )
    return text


def _declared_encoding(data: bytes) -> str | None:
    """The encoding a web page declares in its first bytes (meta charset), as a codec name."""
    found = _CHARSET.search(data[:_SNIFF])
    if found is None:
        return None
    name = found.group(1).decode("ascii", "replace").lower()
    if name in _UTF8:
        return "utf-8-sig"
    if name in _GB:
        return "gb18030"
    raise ValidationError(
        f"网页声明的编码是 {name}，不是 UTF-8 或 GB2312/GBK/GB18030，无法读取；"
        "请在浏览器中复制通知全文粘贴导入",
        field=_FIELD,
    )


def _decode(data: bytes, declared: str | None) -> str:
    order: tuple[str, ...] = ("utf-8-sig", "gb18030")
    if declared is not None:
        order = (declared, *(e for e in order if e != declared))
    for encoding in order:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ValidationError(
        "文件的编码无法识别（既不是 UTF-8，也不是 GB18030/GBK）；"
        "请在网页上复制通知全文粘贴导入，或另存为 UTF-8 编码的文本文件",
        field=_FIELD,
    )


class _TextCollector(HTMLParser):
    """Collects the visible text of a page, one line per block element."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIPPED:
            self._skipping += 1
        elif tag in _BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIPPED:
            self._skipping = max(0, self._skipping - 1)
        elif tag in _BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._skipping:
            self.parts.append(data)


def html_to_text(page: str) -> str:
    """The visible text of an HTML page: scripts and styles dropped, one line per paragraph.

    Line breaks inside a paragraph's source are only layout, so they become spaces; the breaks
    that count are the paragraph, line-break and cell tags.
    """
    collector = _TextCollector()
    collector.feed(page)
    collector.close()
    return "".join(
        part if part == "\n" else part.replace("\r", " ").replace("\n", " ")
        for part in collector.parts
    )
