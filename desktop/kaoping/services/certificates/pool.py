"""The issuing pool (签发进程池): certificates rendered, checked and signed on every core.

Rendering, the compliance check and signing are pure CPU work on bytes, so a batch is cut into
small shares. The issuing process produces shares itself and hands the others to worker
processes, one fewer than the processes wanted: it would otherwise sit idle while they work,
and it is ready at once while a worker takes a second or two to start. Each worker opens the
signing key, loads the template, the rules and the image registry once, from the first share
it gets; it never opens the database. Near the end the issuing process stops producing and
stores the finished shares in plan order while the workers produce the last ones, all in its
one transaction as before, so numbering and all-or-nothing storing do not change.

Workers are started with "spawn", never "fork": a forked copy of a process running Qt or holding
database connections is unsafe. Starting one costs a second or two (importing the PDF and
signing libraries), so small batches are produced in the issuing process alone.
"""

from __future__ import annotations

import atexit
import math
import multiprocessing
import os
import pickle
import sys
import threading
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from multiprocessing.connection import wait as wait_for_handles

from kaoping.domain.compliance import Finding
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
# Storing one certificate (its signed PDF of about 160 kB) in the encrypted store, same bench.
STORE_SECONDS = 0.0011

_MAX_SHARE = 16
# Certificates the issuing process makes between two looks at its workers and the cancel flag.
_HERE_AT_ONCE = 4
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
_built_from = b""


def _start_worker() -> None:
    """Set up a worker process: it ends with the issuing process, and ends quietly."""
    _follow_parent()
    atexit.register(_leave_quietly)


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


def _produce_share(run: bytes, items: Sequence[Planned], sign: bool) -> Produced:
    """Produce one share in plan order; `sign` False once another share had a finding.

    `run` is the issuing run's tools, context and passphrase, pickled once by the issuing
    process and the same bytes with every share: the worker builds its producer from the first
    share it gets and keeps it. (Handing them over when the worker starts would make the
    issuing process wait while the worker imports what unpickling them needs: a second or more
    in which it would produce nothing.)
    """
    global _producer, _built_from
    if _producer is None or run != _built_from:
        kit, ctx, passphrase = pickle.loads(run)
        _producer = Producer(kit, ctx, passphrase)
        _built_from = run
    out = Produced([], {}, [])
    out.certificates.extend(_producer.make_share(items, out, sign))
    return out


# -- in the issuing process ---------------------------------------------------------------------

WORKER_LOST = (
    "生成证书的进程意外退出（可能是内存不足），本次未写入任何证书，也未占用任何证书编号。"
    "请重试；如再次出现，请在证书设置中把签发进程数设为 1"
)


class Production:
    """Producing one run's certificates (生成), here and in `processes - 1` workers; stores nothing.

    The issuing process drives it. `until_storing` produces shares here and keeps the workers
    supplied, until storing what is done would take about as long as the workers need for what
    is left; `finished_in_order` then hands over the shares in plan order as they are done,
    while the workers finish. Alone (one process, or a batch too small for workers), everything
    is produced before storing starts, exactly as before there were workers.

    Use it as a context manager: leaving it on an error drops the queued shares at once.

    Raises (from its methods):
        IssueCancelled: `cancelled()` turned True.
        KaopingError: A certificate could not be produced, or a worker process died
            (`WORKER_LOST`).
    """

    def __init__(
        self,
        kit: CertificateTools,
        ctx: IssueContext,
        plan: Sequence[Planned],
        passphrase: str,
        processes: int,
        progress: ProgressCallback | None = None,
        cancelled: CancelFlag | None = None,
    ) -> None:
        # Built before any worker starts, so a wrong passphrase is told at once.
        self._here = Producer(kit, ctx, passphrase)
        size = share_size(len(plan), processes)
        self._shares = [plan[i : i + size] for i in range(0, len(plan), size)]
        self._workers = min(processes, len(self._shares)) - 1
        self._executor: ProcessPoolExecutor | None = None
        self._run = b""
        if self._workers > 0:
            self._run = pickle.dumps((kit, ctx, passphrase), pickle.HIGHEST_PROTOCOL)
            self._executor = ProcessPoolExecutor(
                max_workers=self._workers,
                mp_context=multiprocessing.get_context("spawn"),
                initializer=_start_worker,
            )
        self._progress = progress
        self._cancelled = cancelled
        self._total = len(plan)
        self._results: dict[int, Produced] = {}
        self._running: dict[Future[Produced], int] = {}
        self._following = 0  # the next share nobody has taken
        self._handed = 0  # the next share to hand over in plan order
        self._done = 0
        self.found = False
        self.findings: list[tuple[str, Finding]] = []
        self.photos: dict[str, tuple[str, int, int, int]] = {}

    def __enter__(self) -> Production:
        return self

    def __exit__(self, kind: object, error: object, trace: object) -> None:
        if self._executor is not None:
            # Queued shares are dropped when leaving on an error; a clean end waits for nothing.
            self._executor.shutdown(wait=error is None, cancel_futures=True)

    def until_storing(self) -> None:
        """Produce here, supplying the workers, until storing should start alongside them."""
        with self._worker_lost():
            while self._following < len(self._shares) and not self._store_now():
                self.stop_if_cancelled()
                self._hand_out()
                if self._following < len(self._shares):
                    self._produce_here()

    def finished_in_order(self) -> Iterator[Produced]:
        """Every share not yet handed over, in plan order, each as soon as it is done.

        The findings and the newly seen photos of each share are added to `findings` and
        `photos` as it is handed over, so they come in plan order.
        """
        while self._handed < len(self._shares):
            with self._worker_lost():
                share = self._next_in_order()
            self.findings.extend(share.findings)
            self.photos.update(share.photos)
            yield share

    def _next_in_order(self) -> Produced:
        # Between every two shares handed over: storing a run of shares already done must not
        # leave a worker without work.
        self._tend_workers()
        while self._handed not in self._results:
            self.stop_if_cancelled()
            self._hand_out()
            if self._running:
                finished, _ = wait(self._running, _POLL_SECONDS, FIRST_COMPLETED)
                self._collect(finished)
            else:
                self._produce_here()  # alone: no worker holds anything
        self._handed += 1
        return self._results.pop(self._handed - 1)

    def _store_now(self) -> bool:
        """Whether storing what is done takes as long as the workers need for what is left.

        Never alone, and never once a finding stops the run: then nothing will be stored.
        """
        if self._executor is None or self.found:
            return False
        left = sum(len(share) for share in self._shares[self._following :])
        return left * CERTIFICATE_SECONDS / self._workers <= self._done * STORE_SECONDS

    @contextmanager
    def _worker_lost(self) -> Iterator[None]:
        try:
            yield
        except BrokenProcessPool:
            # A worker died (killed, out of memory): told in plain words, like any refusal.
            raise KaopingError(WORKER_LOST, field="签发进程数") from None

    def stop_if_cancelled(self) -> None:
        """Raise `IssueCancelled` if the person cancelled."""
        if self._cancelled is not None and self._cancelled():
            raise IssueCancelled(CANCELLED_MESSAGE)

    def _hand_out(self) -> None:
        """Keep one share running and one waiting per worker, so none waits for the next."""
        if self._executor is None:
            return
        while self._following < len(self._shares) and len(self._running) < self._workers * 2:
            share = self._shares[self._following]
            future = self._executor.submit(_produce_share, self._run, share, not self.found)
            self._running[future] = self._following
            self._following += 1

    def _produce_here(self) -> None:
        """Produce the next share in this process, a few certificates at a time.

        Between them the workers' finished shares are taken in and replaced, so a worker never
        waits for this process, and a cancel is seen within a tenth of a second or so.
        """
        index = self._following
        self._following += 1
        out = Produced([], {}, [])
        share = self._shares[index]
        for start in range(0, len(share), _HERE_AT_ONCE):
            self.stop_if_cancelled()
            few = share[start : start + _HERE_AT_ONCE]
            out.certificates.extend(self._here.make_share(few, out, not self.found))
            self._report(len(few))
            self._tend_workers()
        self._keep(index, out)

    def _tend_workers(self) -> None:
        """Take in the workers' finished shares and give them new ones, without waiting."""
        self._collect([future for future in self._running if future.done()])
        self._hand_out()

    def _collect(self, finished: Iterable[Future[Produced]]) -> None:
        for future in finished:
            index = self._running.pop(future)
            self._keep(index, future.result())
            self._report(len(self._shares[index]))

    def _keep(self, index: int, share: Produced) -> None:
        self._results[index] = share
        self.found = self.found or bool(share.findings)

    def _report(self, count: int) -> None:
        self._done += count
        if self._progress is not None:
            self._progress(self._done, self._total)
