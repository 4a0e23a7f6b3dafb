"""The PDFs this process itself rendered a moment ago, kept whole (本进程刚生成的 PDF).

The compliance check reads such a file through a faster, stricter path (see
`kaoping.adapters.pdf_fast_text`). A file is recognised only by its exact bytes, compared in
full: a PDF from elsewhere cannot be taken for one of ours by what it says about itself
(producer, fonts, layout), and one changed byte makes it a stranger that gets the general reader.

Only the last few are kept: a certificate is checked right after it is rendered. An older one
is read the general way, which is slower and finds the same.
"""

from __future__ import annotations

import threading
from collections import deque

__all__ = ["remember_rendered", "rendered_here"]

# Enough for every worker thread of a batch to render and then check; about 10 MB of PDFs.
_KEPT = 64
_lock = threading.Lock()
_recent: deque[bytes] = deque(maxlen=_KEPT)


def remember_rendered(pdf: bytes) -> None:
    """Note that this process rendered exactly these bytes."""
    with _lock:
        _recent.append(pdf)


def rendered_here(pdf: bytes) -> bool:
    """Whether these exact bytes were rendered by this process a moment ago."""
    with _lock:
        kept = list(_recent)
    # Newest first: the one asked about is nearly always the last rendered.
    return any(old is pdf or (len(old) == len(pdf) and old == pdf) for old in reversed(kept))
