"""Certificates are compressed quickly; every other document exactly as before."""

from __future__ import annotations

import threading
import zlib

from reportlab.pdfbase import pdfdoc

from kaoping.adapters import pdf_flate
from kaoping.adapters.certificate_pdf import load_template, render_certificate
from kaoping.adapters.fonts import ensure_fonts
from tests.certificate_samples import sample_content
from tests.integration.test_letter_pdf import _render as render_letter

TEXT = "兹证明 张三明 经考核合格。".encode() * 200


def test_quick_compression_holds_only_inside_the_block_and_this_thread() -> None:
    ensure_fonts()
    encode = pdfdoc.PDFZCompress.encode
    seen_elsewhere: list[bytes] = []
    with pdf_flate.quick():
        inside = encode(TEXT)
        other = threading.Thread(target=lambda: seen_elsewhere.append(encode(TEXT)))
        other.start()
        other.join()
    assert inside == zlib.compress(TEXT, 1)
    assert seen_elsewhere == [zlib.compress(TEXT)]  # another thread keeps the default
    assert encode(TEXT) == zlib.compress(TEXT)  # and so does this one after the block


def test_a_letter_renders_to_the_same_bytes_before_and_after_a_certificate() -> None:
    """A letter's recorded fingerprint still matches when it is rendered again."""
    before = render_letter(invariant=True)
    render_certificate(sample_content(), load_template(), None)
    assert render_letter(invariant=True) == before
