"""The issuing pool (签发进程池): certificates rendered, checked and signed on every core.

Rendering, the compliance check and signing are pure CPU work on bytes, so a batch is cut into
small shares. The issuing process produces shares itself and hands the others to worker
processes, one fewer than the processes wanted: it would otherwise sit idle while they work,
and it is ready at once while a worker takes a second or two to start. Each worker opens the
signing key, loads the template, the rules and the image registry once, when it starts; it
never opens the database. The shares are put back in plan order, and the process that issues
stores everything in its one transaction as before, so numbering and all-or-nothing storing do
not change.

Workers are started with "spawn", never "fork": a forked copy of a process running Qt or holding
database connections is unsafe. Starting one costs a second or two (importing the PDF and
signing libraries), so small batches are produced in the issuing process alone.
"""

from __future__ import annotations

import atexit
import math
import multiprocessing
import os
import sys
import threading
from collections.abc import Iterable, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from multiprocessing.connection import wait as wait_for_handles

from kaoping.domain.errors import KaopingError
from kaoping.services.certificates.producing import (
    CANCELLED_MESSAGE,
    IssueContext,
    Planned,
    Produced,
    Producer,
)
from kaoping.services.certificates.settings import CancelFlag, IssueCancelled, ProgressCallback
from kaoping.services.ports.certificates import CertificateTools

POOL_THRESHOLD = 20
"""Below this many certificates a pool is never started."""

# What decides whether workers pay off, measured with bench/bench_issue.py on 2 cores: starting
# a worker (spawning, imports, fonts, key, template) takes about 2 s; one certificate whose photo
# intake screened about 18 ms; screening a photo intake did not mark about 0.12 s more.
STARTUP_SECONDS = 2.0
CERTIFICATE_SECONDS = 0.018
SCREEN_SECONDS = 0.12

_MAX_SHARE = 16
# Cancel and progress are looked at this often (seconds) while the workers are busy.
_POLL_SECONDS = 0.1


def worker_count(setting: int, planned: int, unscreened: int = 0) -> int:
    """How many processes produce a run of `planned` certificates, the issuing one included.

    1 means the issuing process alone. More are used only when they finish sooner: the issuing
    process starts at once and the workers join it once started, so a batch that takes less
    time than a worker's start is done sooner alone.

    Args:
        setting: The stored setting; 0 means one per core.
        planned: Certificates to produce.
        unscreened: How many of them have a photo intake did not mark as screened.
    """
    wanted = setting if setting > 0 else (os.cpu_count() or 1)
    if wanted <= 1 or planned < POOL_THRESHOLD:
        return 1
    processes = min(wanted, planned)
    alone = planned * CERTIFICATE_SECONDS + unscreened * SCREEN_SECONDS
    # The issuing process works from the start, each worker from STARTUP_SECONDS on.
    shared = (alone + (processes - 1) * STARTUP_SECONDS) / processes
    return processes if shared < alone else 1


def share_size(planned: int, processes: int) -> int:
    """Certificates per share: small enough for steady progress, a quick cancel and an even end."""
    return max(1, min(_MAX_SHARE, math.ceil(planned / (processes * 4))))


# -- in the worker process ----------------------------------------------------------------------

_producer: Producer | None = None
_failure: KaopingError | None = None


def _start_worker(kit: CertificateTools, ctx: IssueContext, passphrase: str) -> None:
    """Build this worker's producer once; a refusal is kept and raised with the first share."""
    global _producer, _failure
    _follow_parent()
    atexit.register(_leave_quietly)
    try:
        _producer = Producer(kit, ctx, passphrase)
    except KaopingError as error:
        _failure = error


def _follow_parent() -> None:
    """End this worker as soon as the issuing process is gone (killed, crashed).

    A worker blocked waiting for work would otherwise outlive it and keep the key open.
    """
    parent = multiprocessing.parent_process()
    if parent is None:
        return
    sentinel = parent.sentinel

    def watch() -> None:
        wait_for_handles([sentinel])
        os._exit(1)

    threading.Thread(target=watch, name="kaoping-parent-watch", daemon=True).start()


def _leave_quietly() -> None:
    """End the worker without the interpreter's teardown, its work done and handed back.

    At teardown the QR reader's native bindings report "leaked" objects on the terminal, a
    page of English noise after every issuing run; nothing is left to clean up by then.
    """
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(0)


def _produce_share(items: Sequence[Planned], sign: bool) -> Produced:
    """Produce one share in plan order; `sign` False once another share had a finding."""
    if _failure is not None:
        raise _failure
    assert _producer is not None, "the pool initializer did not run"
    out = Produced([], {}, [])
    for item in items:
        certificate = _producer.make(item, out, sign)
        if certificate is not None:
            out.certificates.append(certificate)
    return out


# -- in the issuing process ---------------------------------------------------------------------

WORKER_LOST = (
    "生成证书的进程意外退出（可能是内存不足），本次未写入任何证书，也未占用任何证书编号。"
    "请重试；如再次出现，请在证书设置中把签发进程数设为 1"
)


def produce_in_pool(
    kit: CertificateTools,
    ctx: IssueContext,
    plan: Sequence[Planned],
    passphrase: str,
    processes: int,
    progress: ProgressCallback | None,
    cancelled: CancelFlag | None,
) -> Produced:
    """Render, check and sign every planned certificate here and in `processes - 1` workers.

    Stores nothing.

    Raises:
        IssueCancelled: `cancelled()` turned True; queued shares are dropped at once.
        KaopingError: A certificate could not be produced (the first such error among the
            shares that had finished), or a worker process died (`WORKER_LOST`).
    """
    # Built before any worker starts, so a wrong passphrase is told at once.
    here = Producer(kit, ctx, passphrase)
    size = share_size(len(plan), processes)
    shares = [plan[i : i + size] for i in range(0, len(plan), size)]
    workers = max(1, min(processes, len(shares)) - 1)
    executor = ProcessPoolExecutor(
        max_workers=workers,
        mp_context=multiprocessing.get_context("spawn"),
        initializer=_start_worker,
        initargs=(kit, ctx, passphrase),
    )
    run = _Run(shares, progress, cancelled)
    try:
        # One share running and one waiting per worker, so none waits for the next.
        run.share_out(here, executor, workers * 2)
    except BrokenProcessPool:
        # A worker died (killed, out of memory): told in plain words, like any refusal.
        executor.shutdown(wait=False, cancel_futures=True)
        raise KaopingError(WORKER_LOST, field="签发进程数") from None
    except BaseException:
        executor.shutdown(wait=False, cancel_futures=True)
        raise
    executor.shutdown(wait=True)
    out = Produced([], {}, [])
    for index in range(len(shares)):
        out.extend(run.results[index])
    return out


class _Run:
    """The shares of one run: which went to a worker, which are done, and what they found."""

    def __init__(
        self,
        shares: list[Sequence[Planned]],
        progress: ProgressCallback | None,
        cancelled: CancelFlag | None,
    ) -> None:
        self.shares = shares
        self.progress = progress
        self.cancelled = cancelled
        self.total = sum(len(share) for share in shares)
        self.results: dict[int, Produced] = {}
        self.running: dict[Future[Produced], int] = {}
        self.following = 0
        self.done = 0
        self.found = False

    def share_out(self, here: Producer, executor: ProcessPoolExecutor, in_hand: int) -> None:
        """Keep the workers supplied and produce the next share here, until all are done."""
        while self.following < len(self.shares) or self.running:
            self._stop_if_cancelled()
            self._hand_out(executor, in_hand)
            if self.following < len(self.shares):
                self._produce_here(here, executor, in_hand)
                continue
            finished, _ = wait(self.running, timeout=_POLL_SECONDS, return_when=FIRST_COMPLETED)
            self._collect(finished)

    def _stop_if_cancelled(self) -> None:
        if self.cancelled is not None and self.cancelled():
            raise IssueCancelled(CANCELLED_MESSAGE)

    def _hand_out(self, executor: ProcessPoolExecutor, in_hand: int) -> None:
        while self.following < len(self.shares) and len(self.running) < in_hand:
            future = executor.submit(_produce_share, self.shares[self.following], not self.found)
            self.running[future] = self.following
            self.following += 1

    def _produce_here(self, here: Producer, executor: ProcessPoolExecutor, in_hand: int) -> None:
        """Produce the next share in this process, one certificate at a time.

        Between certificates the workers' finished shares are taken in and replaced, so a
        worker never waits for this process, and a cancel is seen within one certificate.
        """
        index = self.following
        self.following += 1
        out = Produced([], {}, [])
        for item in self.shares[index]:
            self._stop_if_cancelled()
            certificate = here.make(item, out, not self.found)
            if certificate is not None:
                out.certificates.append(certificate)
            self._report(1)
            self._collect([future for future in self.running if future.done()])
            self._hand_out(executor, in_hand)
        self._keep(index, out)

    def _collect(self, finished: Iterable[Future[Produced]]) -> None:
        for future in finished:
            index = self.running.pop(future)
            self._keep(index, future.result())
            self._report(len(self.shares[index]))

    def _keep(self, index: int, share: Produced) -> None:
        self.results[index] = share
        self.found = self.found or bool(share.findings)

    def _report(self, count: int) -> None:
        self.done += count
        if self.progress is not None:
            self.progress(self.done, self.total)
