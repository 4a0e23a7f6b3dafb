"""Entry point of the `kaoping` command: the desktop application, or a subcommand."""

from __future__ import annotations

import sys
from collections.abc import Sequence


def main(argv: Sequence[str] | None = None) -> int:
    """Open the desktop application when called without a command, otherwise run the command."""
    args = list(sys.argv[1:] if argv is None else argv)
    from kaoping.bootstrap import build_env

    if _wants_gui(args):
        from kaoping.ui.application import run_gui

        return run_gui(args, build_env)
    from kaoping.cli.app import run

    return run(args, build_env)


def _wants_gui(args: list[str]) -> bool:
    """No command (only global options such as `--db URL`) means the desktop application."""
    rest = list(args)
    while rest and rest[0] == "--db" and len(rest) >= 2:
        rest = rest[2:]
    rest = [a for a in rest if not a.startswith("--db=")]
    return not rest
