"""The issuing pool (签发进程池): certificates rendered, checked and signed on every core.

Rendering, the compliance check and signing are pure CPU work on bytes, so a batch is cut into
small shares and handed to worker processes. Each worker opens the signing key, loads the
template, the rules and the image registry once, when it starts; it never opens the database.
The shares come back in plan order, and the process that issues stores everything in its one
transaction as before, so numbering and all-or-nothing storing do not change.

Workers are started with "spawn", never "fork": a forked copy of a process running Qt or holding
database connections is unsafe. Starting one costs a second or two (importing the PDF and
signing libraries), so small batches are produced in the issuing process itself.
"""

from __future__ import annotations

import atexit
import math
import multiprocessing
import os
import sys
import threading
from collections.abc import Sequence
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
    """How many worker processes a run of `planned` certificates gets (1 = none, in-process).

    Workers are started only when sharing the work saves more than starting them costs: a
    batch of a few hundred certificates whose photos intake screened is done sooner here.

    Args:
        setting: The stored setting; 0 means one per core.
        planned: Certificates to produce.
        unscreened: How many of them have a photo intake did not mark as screened.
    """
    wanted = setting if setting > 0 else (os.cpu_count() or 1)
    if wanted <= 1 or planned < POOL_THRESHOLD:
        return 1
    workers = min(wanted, planned)
    alone = planned * CERTIFICATE_SECONDS + unscreened * SCREEN_SECONDS
    return workers if STARTUP_SECONDS + alone / workers < alone else 1


def share_size(planned: int, workers: int) -> int:
    """Certificates per share: small enough for steady progress and a quick cancel."""
    return max(1, min(_MAX_SHARE, math.ceil(planned / (workers * 4))))


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
    workers: int,
    progress: ProgressCallback | None,
    cancelled: CancelFlag | None,
) -> Produced:
    """Render, check and sign every planned certificate in `workers` processes; stores nothing.

    Raises:
        IssueCancelled: `cancelled()` turned True; queued shares are dropped at once.
        KaopingError: A certificate could not be produced (the first such error among the
            shares that had finished), or a worker process died (`WORKER_LOST`).
    """
    # A wrong passphrase is told here at once, not after starting every worker.
    kit.open_identity(ctx.key[0], ctx.key[1], passphrase)
    size = share_size(len(plan), workers)
    shares = [plan[i : i + size] for i in range(0, len(plan), size)]
    workers = min(workers, len(shares))
    executor = ProcessPoolExecutor(
        max_workers=workers,
        mp_context=multiprocessing.get_context("spawn"),
        initializer=_start_worker,
        initargs=(kit, ctx, passphrase),
    )
    try:
        results = _run_shares(executor, workers * 2, shares, progress, cancelled)
    except BrokenProcessPool:
        # A worker died (killed, out of memory): told in plain words, like any refusal.
        executor.shutdown(wait=False, cancel_futures=True)
        raise KaopingError(WORKER_LOST, field="签发进程数") from None
    except BaseException:
        executor.shutdown(wait=False, cancel_futures=True)
        raise
    executor.shutdown(wait=True)
    out = Produced([], {}, [])
    for share in results:
        out.extend(share)
    return out


def _run_shares(
    executor: ProcessPoolExecutor,
    in_hand: int,
    shares: list[Sequence[Planned]],
    progress: ProgressCallback | None,
    cancelled: CancelFlag | None,
) -> list[Produced]:
    """Keep every worker busy with a few shares in hand; gather the results by share index."""
    results: dict[int, Produced] = {}
    running: dict[Future[Produced], int] = {}
    total = sum(len(share) for share in shares)
    following = 0
    done = 0
    found = False
    while following < len(shares) or running:
        if cancelled is not None and cancelled():
            raise IssueCancelled(CANCELLED_MESSAGE)
        while following < len(shares) and len(running) < in_hand:
            future = executor.submit(_produce_share, shares[following], not found)
            running[future] = following
            following += 1
        finished, _ = wait(running, timeout=_POLL_SECONDS, return_when=FIRST_COMPLETED)
        for future in finished:
            index = running.pop(future)
            share = future.result()
            results[index] = share
            found = found or bool(share.findings)
            done += len(shares[index])
            if progress is not None:
                progress(done, total)
    return [results[i] for i in range(len(shares))]
