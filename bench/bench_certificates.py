"""Certificates per second for a batch run in one process: render, compliance check, sign.

Run: .venv/bin/python bench/bench_certificates.py [count]

Each certificate goes through the steps listed in `STEPS` in order; the script prints the
throughput of each pipeline, the mean time of every step, and at the end the compliance check's
time as a share of the rendering time (both from the same pipeline run) and the signing time.
To measure another step, add a `Step` to `STEPS` and name it in a pipeline.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from kaoping.adapters.certificate_pdf import CertificateTemplate, load_template, render_certificate
from kaoping.adapters.identity import SigningIdentity, generate_identity
from kaoping.adapters.image_registry import ImageRegistry, load_emblem_references
from kaoping.adapters.pdf_inspect import inspect_pdf
from kaoping.adapters.pdf_signing import sign_pdf, validate_pdf
from kaoping.adapters.qr import sign_qr_record
from kaoping.domain.catalogue import Level
from kaoping.domain.certificates import CertificateContent, NumberingScheme, QrRecord
from kaoping.domain.compliance import BannedWordList, CharFolding, load_rules
from kaoping.paths import resource_path

CHECK_SHARE_GOAL = 20  # the compliance check may take at most this share of rendering time
NAMES = ("张三明", "李四", "王小五", "欧阳娜娜", "赵六", "陈思远", "黄晓琳", "韦秀兰")


@dataclass
class Job:
    """One certificate moving through the pipeline; each step reads and fills fields."""

    serial: int
    number: str = ""
    qr_payload: str = ""
    pdf: bytes = b""
    extra: dict[str, object] = field(default_factory=dict)


@dataclass(frozen=True)
class Context:
    """What every step may use: the body's identity, numbering, template and seal."""

    identity: SigningIdentity
    scheme: NumberingScheme
    template: CertificateTemplate
    seal: bytes
    rules: tuple[BannedWordList, CharFolding]
    registry: ImageRegistry


Step = Callable[[Context, Job], None]


def step_qr(ctx: Context, job: Job) -> None:
    job.number = ctx.scheme.format(job.serial)
    record = QrRecord.compact(
        job.number,
        f"{job.serial % 10000:04d}",
        "2-02-10-09",
        Level.INTERMEDIATE,
        date(2026, 11, 25),
    )
    job.qr_payload = sign_qr_record(ctx.identity, record, "https://verify.example.org/c?q=")


def content_of(job: Job, photo: bytes | None = None) -> CertificateContent:
    """What one certificate says (the photo, when given, as canonical PNG)."""
    return CertificateContent(
        number=job.number,
        name=NAMES[job.serial % len(NAMES)],
        id_type="居民身份证",
        id_number_display=f"450***********{job.serial % 10000:04d}",
        occupation="人工智能工程技术人员",
        direction="计算机视觉产品实现",
        level=Level.INTERMEDIATE,
        issue_date=date(2026, 11, 25),
        body_name="示例数字技术评价中心",
        body_code="4501",
        photo=photo,
        qr_payload=job.qr_payload,
    )


def step_render(ctx: Context, job: Job) -> None:
    job.pdf = render_certificate(content_of(job), ctx.template, ctx.seal)


def step_check(ctx: Context, job: Job) -> None:
    words, fold = ctx.rules
    report = inspect_pdf(job.pdf, words, fold, ctx.registry)
    if not report.ok:
        raise SystemExit(
            f"certificate {job.number} failed the compliance check: {report.findings[0].message()}"
        )


def step_sign(ctx: Context, job: Job) -> None:
    job.pdf = sign_pdf(job.pdf, ctx.identity)


def step_validate(ctx: Context, job: Job) -> None:
    if not validate_pdf(job.pdf, ctx.identity.certificate).ok:
        raise SystemExit(f"certificate {job.number} failed validation")


STEPS: dict[str, Step] = {
    "qr-sign": step_qr,
    "render": step_render,
    "check": step_check,
    "pdf-sign": step_sign,
    "validate": step_validate,
}
PIPELINES: dict[str, tuple[str, ...]] = {
    "render only": ("qr-sign", "render"),
    "render + sign": ("qr-sign", "render", "pdf-sign"),
    "render + check": ("qr-sign", "render", "check"),
    "render + check + sign": ("qr-sign", "render", "check", "pdf-sign"),
    "+ validate": ("qr-sign", "render", "check", "pdf-sign", "validate"),
}


def run(ctx: Context, names: tuple[str, ...], count: int) -> tuple[float, dict[str, float]]:
    spent = dict.fromkeys(names, 0.0)
    start = time.perf_counter()
    for serial in range(1, count + 1):
        job = Job(serial)
        for name in names:
            t0 = time.perf_counter()
            STEPS[name](ctx, job)
            spent[name] += time.perf_counter() - t0
    return time.perf_counter() - start, spent


def build_context() -> Context:
    """A body's identity, numbering, the shipped template and seal, and the registry."""
    seal = resource_path("images", "demo_seal.png").read_bytes()
    registry = ImageRegistry(load_emblem_references(resource_path("rules", "emblem_references")))
    registry.approve("机构印章", seal)
    return Context(
        generate_identity("示例数字技术评价中心", "4501"),
        NumberingScheme("GXDT", "4501", 2026),
        load_template(),
        seal,
        load_rules(resource_path("rules")),
        registry,
    )


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 500
    ctx = build_context()
    # Warm-up: font registration, seal decoding and the pyHanko import happen once per process.
    warm = Job(1)
    for name in STEPS:
        STEPS[name](ctx, warm)
    print(f"{count} certificates per pipeline, one process")
    measured: dict[str, dict[str, float]] = {}
    for label, names in PIPELINES.items():
        total, spent = run(ctx, names, count)
        measured[label] = spent
        steps = ", ".join(f"{n} {spent[n] / count * 1000:.1f} ms" for n in names)
        print(f"{label:>21}: {count / total:7.1f} certificates/s  ({steps})")
    # Render and check timed in the same run, so a busy machine slows both alike.
    spent = measured["render + check + sign"]
    share = spent["check"] / spent["render"] * 100
    print(
        f"check = {share:.0f} % of render (goal <= {CHECK_SHARE_GOAL} %), "
        f"pdf-sign {spent['pdf-sign'] / count * 1000:.2f} ms per certificate"
    )


if __name__ == "__main__":
    main()
