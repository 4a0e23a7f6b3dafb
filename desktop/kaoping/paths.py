"""Where the shipped resources live: a source checkout, an installed copy or a PyInstaller bundle."""

from __future__ import annotations

import os
import sys
from pathlib import Path


def resources_dir() -> Path:
    """Return the `resources/` folder (fonts, standards data, rules, images).

    `KAOPING_RESOURCES` wins, so an operator can point at corrected data; then the folder inside a
    frozen bundle; then the checkout's top-level `resources/`.
    """
    override = os.environ.get("KAOPING_RESOURCES")
    if override:
        return Path(override)
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle) / "resources"
    return Path(__file__).resolve().parents[2] / "resources"


def resource_path(*parts: str) -> Path:
    """Return a path below `resources/`, e.g. `resource_path("fonts", "wqy-microhei.ttc")`."""
    return resources_dir().joinpath(*parts)


def forms_dir() -> Path:
    """Return the top-level `forms/` folder that holds the Qt Designer sources."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle) / "forms"
    return Path(__file__).resolve().parents[2] / "forms"
