"""How hard reportlab compresses PDF streams, chosen per document kind (压缩级别).

reportlab compresses every stream at zlib's default level. For a certificate that cost a fifth
of the rendering time (mostly the embedded font subset) to save under 1 % of the file, whose
size is the photo and the seal. Certificates are therefore written at level 1 (`quick`);
every other document keeps the default, so a commitment letter rendered again still has the
fingerprint recorded when it was first rendered.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from reportlab.pdfbase import pdfdoc

__all__ = ["install", "quick"]

# None: zlib's default, exactly as reportlab writes. Per thread (and task): a letter rendered in
# one thread while certificates are issued in another keeps the default.
_level: ContextVar[int | None] = ContextVar("kaoping_flate_level", default=None)


def _encode(self: object, text: bytes | str) -> bytes:
    if isinstance(text, str):
        text = text.encode("utf8")
    level = _level.get()
    return zlib.compress(text) if level is None else zlib.compress(text, level)


def install() -> None:
    """Let `quick` choose the level of reportlab's Flate filter (the default stays as it was)."""
    pdfdoc.PDFStreamFilterZCompress.encode = _encode


@contextmanager
def quick() -> Iterator[None]:
    """Within this block, this thread's PDF streams are compressed at zlib level 1."""
    token = _level.set(1)
    try:
        yield
    finally:
        _level.reset(token)
