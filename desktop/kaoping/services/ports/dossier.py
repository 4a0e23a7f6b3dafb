"""The inspection dossier (检查档案): what the dossier PDF shows, and the renderer behind it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol


@dataclass(frozen=True)
class DossierSection:
    """One table of the dossier.

    Attributes:
        title: Chinese heading.
        file_name: The CSV file of the same data in the package.
        columns: Column names.
        rows: Cell texts.
    """

    title: str
    file_name: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class DossierDocument:
    """What the dossier PDF shows.

    Attributes:
        title: Document title.
        facts: (label, value) pairs of the plan and batch.
        sections: The tables, in order.
        footer: Who made it and when.
    """

    title: str
    facts: tuple[tuple[str, str], ...]
    sections: tuple[DossierSection, ...]
    footer: str


class DossierRenderer(Protocol):
    """Renders the dossier PDF (adapters.dossier_pdf behind it)."""

    def render(self, document: DossierDocument) -> bytes:
        """The PDF's bytes."""
        ...
