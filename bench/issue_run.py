"""The body of `bench_issue.py`: set-up, timing and figures (see that file)."""

from __future__ import annotations

import argparse
import functools
import io
import resource
import sys
import tempfile
import time
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

# The tests' set-up helpers (tests/databases.py).
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import sqlalchemy as sa
from PIL import Image

from kaoping.adapters.clock import FixedClock
from kaoping.adapters.image_registry import (
    load_emblem_references,
    open_image,
    pixel_hash,
    screen_mark,
)
from kaoping.bootstrap import build_env, dispose_env
from kaoping.domain.catalogue import Level
from kaoping.domain.certificates import QrRecord, id_last_four
from kaoping.domain.roles import Role
from kaoping.paths import resource_path
from kaoping.services import certificates
from kaoping.services.base import Actor, Env
from kaoping.services.certificates import issuing, pool, producing
from kaoping.storage.exams_tables import ApprovalRow, ResultRow
from kaoping.storage.intake_tables import CandidateRow
from kaoping.storage.photos_tables import CandidatePhotoRow
from tests.databases import (
    START,
    create_actors,
    encrypted_url,
    initialise,
    new_store_key,
    sign_in_admin,
)
from tests.integration.test_certificates_support import (
    APPROVED_ON,
    NAMES,
    PASSPHRASE,
    checked_photo,
    make_batch,
    register_seal,
)

BATCH = "B-BENCH"


def installation(folder: Path, plain: bool) -> tuple[Env, dict[Role, Actor]]:
    """A set-up database with one signed-in user per role (real password hashing is skipped)."""
    path = folder / "bench.db"
    if plain:
        env = build_env(f"sqlite:///{path}", clock=FixedClock(START), fast_hashing=True)
    else:
        key = new_store_key(path)
        env = build_env(encrypted_url(path), key=key, clock=FixedClock(START), fast_hashing=True)
    initialise(env)
    return env, create_actors(env, sign_in_admin(env))


def photos(count: int) -> list[bytes]:
    """`count` different checked photos (one pixel row differs), as the photo checks store them."""
    base = Image.open(io.BytesIO(checked_photo())).convert("RGB")
    found = []
    for i in range(count):
        image = base.copy()
        for x in range(8):
            image.putpixel((x, 0), ((i >> 16) & 255, (i >> 8) & 255, (i + x) & 255))
        buffer = io.BytesIO()
        image.save(buffer, format="JPEG", quality=90)
        found.append(buffer.getvalue())
    return found


def approved_candidates(env: Env, batch_code: str, count: int, screened: bool) -> None:
    """Passed, approved candidates with photos, inserted in bulk (what the service reads)."""
    now = datetime(2026, 11, 1, tzinfo=UTC)
    mark = screen_mark(load_emblem_references(resource_path("rules", "emblem_references")))
    decided = datetime(APPROVED_ON.year, APPROVED_ON.month, APPROVED_ON.day, tzinfo=UTC)
    pictures = photos(count)
    with env.uow() as uow:
        batch = uow.plans.batch_by_code(batch_code)
        assert batch is not None
        session = uow.session  # type: ignore[attr-defined]
        rows = [
            {
                "batch_id": batch.id,
                "eligible": True,
                "name": NAMES[i % len(NAMES)],
                "id_type": "居民身份证",
                "id_number": f"45010219900101{i:04d}",
                "id_masked": f"450***********{i:04d}",
                "person_key": f"pk-{i:06d}",
                "education": "大学本科",
                "region_basis": "在桂工作",
                "occupation_code": "2-02-10-09",
                "direction": "计算机视觉产品实现",
                "level": Level.INTERMEDIATE.value,
                "status": "active",
                "created_at": now,
                "updated_at": now,
            }
            for i in range(count)
        ]
        ids = list(session.scalars(sa.insert(CandidateRow).returning(CandidateRow.id), rows))
        session.execute(
            sa.insert(CandidatePhotoRow),
            [
                {
                    "candidate_id": cid,
                    "jpeg": picture,
                    "original_sha256": "0" * 64,
                    "width": 358,
                    "height": 441,
                    "imported_at": now,
                    "imported_by": "u_admin",
                    "screened_with": mark if screened else "",
                    "pixel_sha256": pixel_hash(open_image(picture)) if screened else "",
                }
                for cid, picture in zip(ids, pictures, strict=True)
            ],
        )
        session.execute(
            sa.insert(ResultRow),
            [
                {
                    "candidate_id": cid,
                    "batch_id": batch.id,
                    "outcome": "passed",
                    "confirmed_at": now,
                    "confirmed_by": "u_supervisor",
                }
                for cid in ids
            ],
        )
        session.execute(
            sa.insert(ApprovalRow),
            [
                {
                    "candidate_id": cid,
                    "batch_id": batch.id,
                    "decision": "approved",
                    "reason": "",
                    "reference": "人社专技审〔2026〕18号",
                    "decided_on": decided,
                    "recorded_at": now,
                    "recorded_by": "u_certificate_officer",
                }
                for cid in ids
            ],
        )
        uow.commit()


class Steps:
    """Wall time of the service's steps, by name, found by wrapping them where they are called."""

    def __init__(self) -> None:
        self.spent: dict[str, float] = {}

    def wrap(self, module: Any, name: str, label: str) -> None:
        step = getattr(module, name)

        @functools.wraps(step)
        def timed(*args: Any, **kwargs: Any) -> Any:
            began = time.perf_counter()
            try:
                return step(*args, **kwargs)
            finally:
                self.spent[label] = self.spent.get(label, 0.0) + time.perf_counter() - began

        setattr(module, name, timed)


def _cpu_seconds() -> tuple[float, float]:
    """CPU seconds (user + system) of this process and of its ended child processes."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime, children.ru_utime + children.ru_stime


def render_alone(env: Env, actor: Actor, count: int) -> tuple[float, float]:
    """Seconds the product's renderer alone takes for `count` certificates, and its CPU seconds.

    One process, nothing else.

    The same content as issuing draws (photo included), through the same certificate tools.
    """
    kit = env.adapters.certificates
    with env.uow() as uow:
        batch = uow.plans.batch_by_code(BATCH)
        assert batch is not None
        candidates = uow.certificates.candidates_of_batch(batch.id)[:count]
        ctx = issuing.issue_context(env, uow, {c.occupation_code for c in candidates})
    producer = producing.Producer(kit, ctx, PASSPHRASE)
    contents = []
    for item in candidates:
        photo = kit.certificate_picture(item.photo) if item.photo else None
        number = ctx.scheme.format(item.candidate_id)
        # The same signed QR text as issuing writes (its length sets the QR's size).
        record = QrRecord.compact(
            number, id_last_four(item.id_number), item.occupation_code, item.level, ctx.issue_date
        )
        qr = kit.sign_qr(producer.identity, record, ctx.settings.qr_url_prefix)
        contents.append(producing._content(ctx, item, number, qr, photo))
    kit.render(contents[0], producer.template, ctx.seal)  # fonts and seal decoded once
    began, cpu = time.perf_counter(), time.thread_time()
    for content in contents:
        kit.render(content, producer.template, ctx.seal)
    return time.perf_counter() - began, time.thread_time() - cpu


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("count", type=int, nargs="?", default=200)
    parser.add_argument("--plain", action="store_true", help="a plain SQLite file, not encrypted")
    parser.add_argument("--workers", type=int, default=None, help="the worker setting (0 = cores)")
    parser.add_argument(
        "--render",
        type=int,
        default=600,
        help="certificates to render alone (half before, half after)",
    )
    parser.add_argument(
        "--unscreened", action="store_true", help="photos without intake's emblem-screen mark"
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        began = time.perf_counter()
        env, actors = installation(Path(tmp), args.plain)
        officer = actors[Role.CERTIFICATE_OFFICER]
        make_batch(env, actors, BATCH)
        approved_candidates(env, BATCH, args.count, screened=not args.unscreened)
        register_seal(env, officer)
        if args.workers is not None:
            admin = actors[Role.SYSTEM_ADMIN]
            current = certificates.certificate_settings(env, officer)
            certificates.update_certificate_settings(
                env, admin, replace(current, workers=args.workers)
            )
        store = "plain SQLite" if args.plain else "encrypted SQLite"
        print(
            f"database ({store}, {args.count} approved candidates with photos) ready in "
            f"{time.perf_counter() - began:.1f} s"
        )
        # Rendering alone is timed in two halves, before and after issuing, so that a machine
        # whose speed drifts (a shared host) weighs on both figures alike.
        rendered = max(1, min(args.render, args.count) // 2)
        before = render_alone(env, officer, rendered)
        steps = Steps()
        steps.wrap(pool.Production, "until_storing", "render + check + sign")
        steps.wrap(issuing, "_store_as_finished", "store, while the workers finish")
        steps.wrap(issuing, "issue_context", "read context")
        steps.wrap(issuing, "_issuable", "choose candidates")
        steps.wrap(issuing, "_mark_issued", "mark batch issued")
        seen: list[tuple[int, int]] = []
        began = time.perf_counter()

        def progress(done: int, total: int) -> None:
            # A line every tenth of the batch, so a long run on a busy machine shows its pace.
            if not seen or done * 10 // total > seen[-1][0] * 10 // total:
                spent = time.perf_counter() - began
                print(f"  … {done}/{total} produced after {spent:.0f} s", file=sys.stderr)
            seen.append((done, total))

        mine, workers_cpu = _cpu_seconds()
        outcome = certificates.issue_batch(env, officer, BATCH, PASSPHRASE, progress=progress)
        spent = time.perf_counter() - began
        mine, workers_cpu = (
            a - b for a, b in zip(_cpu_seconds(), (mine, workers_cpu), strict=True)
        )
        after = render_alone(env, officer, rendered)
        wall, cpu = before[0] + after[0], before[1] + after[1]
        print(
            f"render alone (one process, no check, no signing, no database): "
            f"{2 * rendered / wall:.1f}/s ({cpu * 1000 / (2 * rendered):.1f} ms CPU per "
            f"certificate; {rendered / before[0]:.1f}/s before issuing, "
            f"{rendered / after[0]:.1f}/s after)"
        )
        settings = certificates.certificate_settings(env, officer)
        unscreened = args.count if args.unscreened else 0
        workers = pool.worker_count(settings.workers, args.count, unscreened)
        print(f"workers: {workers} process(es) ({len(seen)} progress reports)")
        # CPU seconds tell what the run costs whatever else the machine was doing meanwhile.
        print(
            f"CPU: issuing process {mine:.1f} s, worker processes {workers_cpu:.1f} s "
            f"({workers_cpu * 1000 / max(args.count, 1):.1f} ms per certificate)"
        )
        named = sum(steps.spent.values())
        for label, seconds in steps.spent.items():
            print(f"  {label:<40} {seconds:7.2f} s")
        print(f"  {'other (reading, audit, commit)':<40} {spent - named:7.2f} s")
        issued = len(outcome.numbers)
        with env.uow(write=False) as uow:
            stored = sum(len(uow.certificates.pdf(n) or b"") for n in outcome.numbers)
        print(
            f"signed PDFs stored: {stored / 1e6:.0f} MB ({stored / max(issued, 1) / 1e3:.0f} kB each)"
        )
        dispose_env(env)
    print(f"issued {issued} certificates in {spent:.1f} s: {issued / spent:.1f}/s")
