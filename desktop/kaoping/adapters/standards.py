"""Reading the standards data files under `resources/standards/`."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from kaoping.domain.catalogue import Direction, Level, Occupation
from kaoping.paths import resource_path


def read_json(name: str, folder: Path | None = None) -> Any:
    """Parse one JSON file of the standards folder."""
    base = folder or resource_path("standards")
    return json.loads((base / name).read_text(encoding="utf-8"))


def occupations_from_json(data: dict[str, Any]) -> list[Occupation]:
    """Build catalogue values from the catalogue file's structure."""
    result = []
    for item in data["occupations"]:
        result.append(
            Occupation(
                code=item["code"],
                code_2022=item.get("code_2022", ""),
                name=item["name"],
                directions=tuple(
                    Direction(d["name"], bool(d.get("verified", False)))
                    for d in item.get("directions", [])
                ),
                levels=tuple(Level(v) for v in item.get("levels", [lv.value for lv in Level])),
                verified=bool(item.get("verified", False)),
                code_2022_verified=bool(item.get("code_2022_verified", False)),
                source=item.get("source", ""),
            )
        )
    return result


class StandardsFiles:
    """Implements `services.ports.setup.StandardsData` over the shipped (or overridden) files."""

    def __init__(self, folder: Path | None = None) -> None:
        self.folder = folder or resource_path("standards")

    def catalogue(self) -> list[Occupation]:
        """The shipped occupations with their directions."""
        return occupations_from_json(read_json("catalogue.json", self.folder))

    def raw(self, name: str) -> Any:
        """Any other standards file, parsed."""
        return read_json(name, self.folder)
