"""Holiday notice files (节假日安排通知) as the administrator saved them, read within a size limit."""

from __future__ import annotations

from pathlib import Path

from kaoping.adapters import bounded
from kaoping.domain.notice_text import MAX_NOTICE_BYTES

NOTICES = bounded.Limits("节假日安排通知文件", MAX_NOTICE_BYTES)


class NoticeFiles:
    """Implements `services.ports.exchange.NoticeReader`."""

    def read(self, path: Path) -> bytes:
        """The file's bytes, refused before reading when larger than a notice can be."""
        return bounded.read_file(path, NOTICES)
