"""Candidate photos: time to import 1,000 photos, and certificates per second with and without one.

Run: .venv/bin/python bench/bench_photos.py [count]

The import is timed as a batch import does it, after the files exist: read the zip (bounded),
check every picture on all cores (decode, EXIF, colour, background, face detection, emblem
screen, re-encode at the stored size) and store them in one transaction of a fresh SQLite
database. The goal is under 10 s for 1,000 photos on 2 cores. The portraits are the demo's,
drawn by code; drawing them is not timed.

The certificate figures run `bench_certificates.py`'s render + check + sign pipeline twice: as
before (no photo) and with a checked photo registered and embedded in the photo box.
"""

from __future__ import annotations

import sys
import tempfile
import time
import zipfile
from datetime import UTC, datetime
from pathlib import Path

import bench_certificates as certificates_bench

from kaoping.adapters.certificate_pdf import render_certificate
from kaoping.adapters.image_registry import canonical_png
from kaoping.adapters.photos import PhotoToolkit
from kaoping.cli.demo_photos import jpeg_bytes, portrait
from kaoping.domain.catalogue import Level
from kaoping.services.ports.photos import PhotoRefused, PhotoSpec, StoredPhoto
from kaoping.storage.engine import make_engine, migrate
from kaoping.storage.intake_tables import CandidateRow
from kaoping.storage.plan_tables import BatchRow, PlanRow
from kaoping.storage.tables import OccupationRow
from kaoping.storage.unit_of_work import SqlUnitOfWorkFactory

NOW = datetime(2026, 11, 25, 9, tzinfo=UTC)


def _zip(folder: Path, count: int) -> Path:
    path = folder / "photos.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as archive:
        for n in range(count):
            archive.writestr(f"45010219900101{n:04d}.jpg", jpeg_bytes(portrait(n)))
    return path


def _database(folder: Path, count: int) -> SqlUnitOfWorkFactory:
    engine = make_engine(f"sqlite:///{folder / 'bench.db'}")
    migrate(engine)
    factory = SqlUnitOfWorkFactory(engine)
    with factory() as uow:
        session = uow.session
        session.add(OccupationRow(code="2-02-10-09", name="人工智能工程技术人员"))
        session.flush()
        plan = PlanRow(
            code="P-BENCH",
            title="基准",
            occupation_code="2-02-10-09",
            level=Level.JUNIOR.value,
            start_date=NOW.date(),
            end_date=NOW.date(),
            created_at=NOW,
        )
        session.add(plan)
        session.flush()
        batch = BatchRow(
            plan_id=plan.id,
            code="B-BENCH",
            name="基准",
            assessment_start=NOW.date(),
            assessment_end=NOW.date(),
            created_at=NOW,
        )
        session.add(batch)
        session.flush()
        session.add_all(
            CandidateRow(
                batch_id=batch.id,
                name=f"考生{n}",
                id_type="居民身份证",
                id_number=f"45010219900101{n:04d}",
                id_masked=f"450***********{n:04d}",
                person_key=f"bench-{n}",
                education="大学本科",
                occupation_code="2-02-10-09",
                level=Level.JUNIOR.value,
                created_at=NOW,
                updated_at=NOW,
            )
            for n in range(count)
        )
        uow.commit()
    return factory


def bench_import(count: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        archive = _zip(folder, count)
        factory = _database(folder, count)
        tool = PhotoToolkit()
        tool.prepare(jpeg_bytes(portrait(0)), PhotoSpec())  # cascade, references: once a process
        started = time.perf_counter()
        cpu = time.process_time()
        files = tool.read_files(archive)
        read = time.perf_counter()
        results = tool.prepare_many([f.data for f in files], PhotoSpec())
        checked = time.perf_counter()
        with factory() as uow:
            ids = {t.id_number: t.candidate_id for t in uow.photos.targets(1)}
            stored = [
                StoredPhoto(ids[f.key], r.jpeg, r.original_sha256, r.width, r.height, NOW, "bench")
                for f, r in zip(files, results, strict=True)
                if not isinstance(r, PhotoRefused)
            ]
            uow.photos.put_many(stored)
            uow.commit()
        done = time.perf_counter()
        cpu = time.process_time() - cpu
    refused = count - len(stored)
    print(
        f"import {count} photos: {done - started:.1f} s "
        f"(read {read - started:.1f} s, check {checked - read:.1f} s = "
        f"{(checked - read) / count * 1000:.1f} ms a photo, store {done - checked:.1f} s); "
        f"refused {refused}; {cpu:.1f} s of CPU in all threads (on a busy machine the wall "
        "time grows, the CPU time hardly)"
    )


def bench_certificates(count: int) -> None:
    photo = PhotoToolkit().prepare(jpeg_bytes(portrait(1)), PhotoSpec()).jpeg
    canonical = canonical_png(photo)
    ctx = certificates_bench.build_context()
    ctx.registry.approve("考生照片", canonical)

    def step_render_photo(ctx: certificates_bench.Context, job: certificates_bench.Job) -> None:
        content = certificates_bench.content_of(job, canonical)
        job.pdf = render_certificate(content, ctx.template, ctx.seal)

    certificates_bench.STEPS["render+photo"] = step_render_photo
    pipelines = {
        "without photo": ("qr-sign", "render", "check", "pdf-sign"),
        "with photo": ("qr-sign", "render+photo", "check", "pdf-sign"),
    }
    warm = certificates_bench.Job(1)
    for name in pipelines["with photo"]:
        certificates_bench.STEPS[name](ctx, warm)
    print(f"{count} certificates per pipeline (render + check + sign), one process")
    for label, names in pipelines.items():
        total, spent = certificates_bench.run(ctx, names, count)
        steps = ", ".join(f"{n} {spent[n] / count * 1000:.1f} ms" for n in names)
        print(f"{label:>14}: {count / total:6.1f} certificates/s  ({steps})")


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    bench_import(count)
    bench_certificates(max(50, count // 10))


if __name__ == "__main__":
    main()
