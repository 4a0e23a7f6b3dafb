"""Frozen-bundle entry point: the same `kaoping` command, with or without a subcommand."""

import multiprocessing
import sys

from kaoping.main import main

if __name__ == "__main__":
    # Issuing's worker processes start this same program ("spawn"); this makes such a start a
    # worker instead of a second copy of the application.
    multiprocessing.freeze_support()
    sys.exit(main())
