"""Frozen-bundle entry point: the same `kaoping` command, with or without a subcommand."""

import sys

from kaoping.main import main

if __name__ == "__main__":
    sys.exit(main())
