"""The fixed page texts of a certificate template (模板固定文字), as the renderer draws them.

A reviewed phrase (docs/compliance.md) is matched against whole text runs of the page; the runs
that come from the template are its fixed texts, cut at every placeholder because each filled-in
value is drawn as a run of its own.
"""

from __future__ import annotations

import string
from collections.abc import Iterator

from kaoping.adapters.certificate_pdf import CertificateTemplate

__all__ = ["template_page_texts"]

_FORMATTER = string.Formatter()


def _literal_parts(text: str) -> Iterator[str]:
    """The parts of a template text between its placeholders, stripped, without empty ones."""
    for literal, _field, _spec, _conversion in _FORMATTER.parse(text):
        if literal.strip():
            yield literal.strip()


def template_page_texts(template: CertificateTemplate) -> list[str]:
    """Every fixed text the template puts on the page, in drawing order (metadata left out)."""
    texts = [
        template.title.text,
        template.body.text,
        template.body.direction_clause,
        *(part for row in template.table.rows for part in row),
        *template.issuer.lines,
        template.photo.label,
        template.qr.label,
    ]
    return [part for text in texts for part in _literal_parts(text)]
