"""Entry point of the `kaoping` command: the desktop application, or a subcommand."""

from __future__ import annotations

import sys
from collections.abc import Sequence


def main(argv: Sequence[str] | None = None) -> int:
    """Open the desktop application when called without a command, otherwise run the command."""
    args = list(sys.argv[1:] if argv is None else argv)
    from kaoping.gate import open_store

    if _wants_gui(args):
        from kaoping.ui.application import run_gui

        return run_gui(args, open_store)
    from kaoping.cli.app import run

    return run(args, open_store)


def _wants_gui(args: list[str]) -> bool:
    """No command (only global options such as `--db URL`) means the desktop application."""
    rest = list(args)
    while rest and rest[0] in ("--db", "--allow-insecure-db"):
        rest = rest[2:] if rest[0] == "--db" else rest[1:]
    rest = [a for a in rest if not a.startswith("--db=")]
    return not rest
