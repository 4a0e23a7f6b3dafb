"""The fixed page texts of a certificate template (模板固定文字), as the renderer draws them.

A reviewed phrase (docs/compliance.md) is matched against whole text runs of the page; the runs
that come from the template are its fixed texts, cut at every placeholder because each filled-in
value is drawn as a run of its own.
"""

from __future__ import annotations

import string
from collections.abc import Iterator

from kaoping.adapters.certificate_pdf import CertificateTemplate

__all__ = ["template_page_texts", "template_text_places"]

_FORMATTER = string.Formatter()


def _literal_parts(text: str) -> Iterator[str]:
    """The parts of a template text between its placeholders, stripped, without empty ones."""
    for literal, _field, _spec, _conversion in _FORMATTER.parse(text):
        if literal.strip():
            yield literal.strip()


def template_text_places(template: CertificateTemplate) -> list[tuple[str, str, str]]:
    """Every fixed page text with its context: (text, where on the certificate, its whole source).

    The source is the template text the piece was cut from, placeholders included (兹证明{name}…),
    so a reviewer sees the phrase in its sentence. Drawing order; metadata left out.
    """
    sources = [
        ("标题", template.title.text),
        ("正文", template.body.text),
        ("正文（职业方向）", template.body.direction_clause),
        *(("信息表", part) for row in template.table.rows for part in row),
        *(("落款", line) for line in template.issuer.lines),
        ("照片框说明", template.photo.label),
        ("二维码说明", template.qr.label),
    ]
    return [(part, place, text) for place, text in sources for part in _literal_parts(text)]


def template_page_texts(template: CertificateTemplate) -> list[str]:
    """Every fixed text the template puts on the page, in drawing order (metadata left out)."""
    return [text for text, _place, _source in template_text_places(template)]
