"""Certificates per second through the issuing service the desktop uses: `issue_batch`.

Run: .venv/bin/python bench/bench_issue.py [count] [--plain] [--workers N] [--unscreened]

A fresh database (encrypted, as the desktop's, unless --plain) gets one batch of `count` passed
and approved candidates, each with a photo of their own, written straight into storage as intake,
scoring and the approval import leave them: the photo's emblem screen marked as passed and its
pixel hash kept, as photo intake leaves them (`--unscreened` leaves both out, as for photos stored
before they were kept, so issuing decodes and screens every photo again). Then the batch is issued through
`certificates.issue_batch` with the stored worker setting (default: one process per core), and
the figures are printed: the time of each step of the service (timed by wrapping the steps
where they are called), and, measured in the same run, the rate of the product's renderer
alone (one process, no check, no signing, no database; 600 certificates unless --render N says
otherwise, half timed before issuing and half after, so that a shared machine's drifting speed
weighs on both figures alike). The last line is
`issued N certificates in S s: R/s`.
"""

from __future__ import annotations


def main() -> None:
    """Run the benchmark (the work is in `issue_run`).

    The issuing pool starts its workers with "spawn", which imports the main module again in
    each of them; this file stays light so that a worker's start costs what it costs in the
    desktop (whose entry module is as light), not the benchmark's own set-up imports.
    """
    from issue_run import main as run

    run()


if __name__ == "__main__":
    main()
