"""The PDFs this process itself rendered, remembered by their SHA-256 (本进程生成的 PDF).

The compliance check reads such a file through a faster, stricter path (see
`kaoping.adapters.pdf_fast_text`). A file is recognised only by its exact bytes: a PDF from
elsewhere cannot be taken for one of ours by what it says about itself (producer, fonts, layout),
and one changed byte makes it a stranger that gets the general reader.
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict

__all__ = ["remember_rendered", "rendered_here"]

# A batch is checked right after it is rendered; older digests are of no further use.
_LIMIT = 4096
_lock = threading.Lock()
_digests: OrderedDict[bytes, None] = OrderedDict()


def remember_rendered(pdf: bytes) -> None:
    """Note that this process rendered exactly these bytes."""
    digest = hashlib.sha256(pdf).digest()
    with _lock:
        _digests[digest] = None
        _digests.move_to_end(digest)
        while len(_digests) > _LIMIT:
            _digests.popitem(last=False)


def rendered_here(pdf: bytes) -> bool:
    """Whether these exact bytes were rendered by this process (and not yet forgotten)."""
    digest = hashlib.sha256(pdf).digest()
    with _lock:
        return digest in _digests
