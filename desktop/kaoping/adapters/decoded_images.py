"""Pictures decoded a moment ago, remembered by their file bytes (刚解码的图片).

Issuing decodes each candidate photo to register its pixel hash, then the compliance check
finds the same JPEG bytes in the rendered certificate and would decode and hash them again.
Decoding is a pure function of the bytes, so the check may take the pixels (and their hash)
from here instead. Only the last few are kept: the check follows the registration at once.

Pictures handed out from here are shared and must not be changed in place.
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict

from PIL import Image

__all__ = ["hash_of", "recall", "remember"]

_LIMIT = 8
_lock = threading.Lock()
_entries: OrderedDict[bytes, tuple[Image.Image, str]] = OrderedDict()


def remember(data: bytes, image: Image.Image, pixel_sha256: str) -> None:
    """Keep the pixels decoded from `data` and their pixel hash."""
    key = hashlib.sha256(data).digest()
    with _lock:
        _entries[key] = (image, pixel_sha256)
        _entries.move_to_end(key)
        while len(_entries) > _LIMIT:
            _entries.popitem(last=False)


def recall(data: bytes) -> tuple[Image.Image, str] | None:
    """The pixels and pixel hash of exactly these bytes, if they were decoded a moment ago."""
    key = hashlib.sha256(data).digest()
    with _lock:
        return _entries.get(key)


def hash_of(image: Image.Image) -> str | None:
    """The pixel hash of a picture handed out by `recall` (None for any other picture)."""
    with _lock:
        for kept, pixel_sha256 in _entries.values():
            if kept is image:
                return pixel_sha256
    return None
