"""Domain values chosen in combo boxes, read back as the domain's own types.

Qt stores a `StrEnum` placed in a combo box's item data as a plain string, so `currentData()`
gives back `"junior"`, not `Level.JUNIOR`. Code that compares by identity (`is`) or by type
(`isinstance`) then quietly sees nothing chosen. Every page reads enum choices through here.
"""

from __future__ import annotations

from enum import Enum
from typing import TypeVar

from PySide6.QtWidgets import QComboBox

from kaoping.domain.plans import Batch
from kaoping.ui import labels

E = TypeVar("E", bound=Enum)


def chosen(combo: QComboBox, kind: type[E]) -> E | None:
    """The enum member chosen in `combo`, or None for an "all"/"not chosen" entry."""
    data = combo.currentData()
    if data is None or data == "":
        return None
    return kind(data)


def required(combo: QComboBox, kind: type[E]) -> E:
    """The enum member chosen in a combo box that always has a member chosen."""
    value = chosen(combo, kind)
    if value is None:
        raise ValueError(f"{combo.objectName() or 'combo box'} has no {kind.__name__} chosen")
    return value


def fill_batches(combo: QComboBox, batches: list[Batch], keep: str | None = None) -> None:
    """List batches by code (their item data), name and status; keep the chosen one if listed.

    Signals are held back while filling; the caller refreshes once afterwards.
    """
    combo.blockSignals(True)
    combo.clear()
    for batch in batches:
        combo.addItem(f"{batch.code}　{batch.name}　{labels.label(batch.status)}", batch.code)
    index = combo.findData(keep) if keep else -1
    combo.setCurrentIndex(index if index >= 0 else 0)
    combo.blockSignals(False)


def batch_code(combo: QComboBox) -> str | None:
    """The code of the batch chosen in a combo box filled by `fill_batches`."""
    code = combo.currentData()
    return str(code) if code else None
