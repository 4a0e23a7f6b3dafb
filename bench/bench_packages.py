"""Time building and verifying a report package (报送数据包) for 50,000 candidates.

The rows are synthetic (no real names or ID numbers). The first part times the package adapter
alone; the second goes through the report service on a scratch SQLite database: export (read
candidates and results, CSV, zip, sign, register) and verify. Run:
    .venv/bin/python bench/bench_packages.py [--candidates N] [--runs R] [--no-service]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import statistics
import tempfile
import time
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from kaoping.adapters.packages import build_package, csv_to_rows, rows_to_csv, verify_package
from kaoping.domain.catalogue import Level
from kaoping.domain.packages import PackageKind

COLUMNS = [
    "准考证号",
    "姓名",
    "身份证号",
    "职业编码",
    "等级",
    "理论成绩",
    "实操成绩",
    "结果",
    "拟发证书编号",
]
SURNAMES = "张王李赵刘陈杨黄周吴徐孙马朱胡郭何林罗梁"
OCCUPATIONS = ["2-02-10-09", "2-02-10-11"]


def synthetic_rows(count: int, seed: int = 2026) -> list[dict[str, object]]:
    rng = random.Random(seed)
    rows: list[dict[str, object]] = []
    for n in range(1, count + 1):
        theory, practical = rng.randint(40, 100), rng.randint(40, 100)
        passed = theory >= 60 and practical >= 60
        rows.append(
            {
                "准考证号": f"GX2026{n:07d}",
                "姓名": rng.choice(SURNAMES) + "*" * rng.randint(1, 2),
                "身份证号": f"45{rng.randint(0, 9999):04d}************{rng.randint(0, 9999):04d}",
                "职业编码": rng.choice(OCCUPATIONS),
                "等级": rng.choice(list(Level)).label,
                "理论成绩": theory,
                "实操成绩": practical,
                "结果": "合格" if passed else "不合格",
                "拟发证书编号": f"GX-0001-2026-{n:06d}" if passed else None,
            }
        )
    return rows


def identity() -> tuple[ec.EllipticCurvePrivateKey, x509.Certificate]:
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.ORGANIZATION_NAME, "基准测试机构")])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=30))
        .sign(key, hashes.SHA256())
    )
    return key, cert


def service_bench(count: int) -> None:
    """Export and verify a report package through the services on a scratch database."""
    from kaoping.bootstrap import build_env
    from kaoping.services import accounts, exchange, plans, setup
    from kaoping.services.ports.dto import BodyProfile
    from kaoping.storage.exams_tables import ResultRow
    from kaoping.storage.intake_tables import CandidateRow

    with tempfile.TemporaryDirectory() as tmp:
        env = build_env(f"sqlite:///{Path(tmp) / 'bench.db'}", fast_hashing=True)
        setup.initialise(
            env,
            setup.InitialSetup(
                BodyProfile("基准测试机构", "BENCH01"),
                "admin",
                "管理员",
                "Passw0rd-bench",
                "bench-passphrase",
            ),
        )
        admin = accounts.sign_in(env, "admin", "Passw0rd-bench")
        accounts.create_user(
            env, admin, "exam", "考务", "Passw0rd-bench", [accounts.Role.EXAM_ADMIN]
        )
        exam = accounts.sign_in(env, "exam", "Passw0rd-bench")
        today = dt.date.today()
        from kaoping.domain.plans import Plan

        plan_id = plans.create_plan(
            env,
            exam,
            Plan(
                0,
                "P-BENCH",
                "基准计划",
                "2-02-10-09",
                "",
                Level.JUNIOR,
                today - dt.timedelta(30),
                today,
                "",
                count,
                "",
            ),
        )
        batch_id = plans.create_batch(
            env,
            exam,
            plan_id,
            "B-BENCH",
            "基准批次",
            today - dt.timedelta(3),
            today - dt.timedelta(1),
        )
        _fill(env, batch_id, count, CandidateRow, ResultRow)
        start = time.perf_counter()
        made = exchange.export_report(env, exam, "B-BENCH", "bench-passphrase")
        export_s = time.perf_counter() - start
        start = time.perf_counter()
        check = exchange.verify_file(env, exam, made.data)
        verify_s = time.perf_counter() - start
        assert check.ok, check.message
        getattr(env.uow, "engine").dispose()  # noqa: B009
    print(f"service, {count:,} candidates: package {len(made.data) / 1e6:.2f} MB")
    print(f"service export (query + CSV + zip + sign + register): {export_s:7.3f} s")
    print(f"service verify (unzip + sig + hashes + trust):       {verify_s:7.3f} s")


def _fill(env: object, batch_id: int, count: int, candidate: type, result: type) -> None:
    rng = random.Random(7)
    now = dt.datetime.now(dt.UTC)
    with env.uow() as uow:  # type: ignore[attr-defined]
        db = uow.session
        people = [
            candidate(
                batch_id=batch_id,
                name=rng.choice(SURNAMES) + "某",
                id_type="居民身份证",
                id_number=f"4501021990{n:08d}",
                id_masked=f"45**************{n % 10000:04d}",
                person_key=f"pk-{n}",
                education="本科",
                occupation_code="2-02-10-09",
                level="junior",
                created_at=now,
                updated_at=now,
            )
            for n in range(count)
        ]
        db.add_all(people)
        db.flush()
        db.add_all(
            result(
                candidate_id=p.id,
                batch_id=batch_id,
                outcome=rng.choice(["passed", "failed"]),
                confirmed_at=now,
                confirmed_by="bench",
            )
            for p in people
        )
        uow.commit()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--candidates", type=int, default=50_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--no-service", action="store_true")
    args = parser.parse_args()
    if not args.no_service:
        service_bench(args.candidates)
    rows = synthetic_rows(args.candidates)
    key, cert = identity()
    summary = {"batch": "2026-AI-01", "candidates": len(rows)}
    export_times, verify_times, parse_times = [], [], []
    package = b""
    for _ in range(args.runs):
        start = time.perf_counter()
        files = {
            "candidates.csv": rows_to_csv(rows, COLUMNS),
            "summary.json": json.dumps(summary, ensure_ascii=False).encode(),
        }
        package = build_package(
            PackageKind.REPORT, "GX-0001", "基准测试机构", "2026-AI-01", 1, files, key, cert
        )
        export_times.append(time.perf_counter() - start)
        start = time.perf_counter()
        verified = verify_package(package, [cert], None)
        verify_times.append(time.perf_counter() - start)
        start = time.perf_counter()
        parsed = csv_to_rows(verified.files["candidates.csv"])
        parse_times.append(time.perf_counter() - start)
        assert len(parsed) == len(rows)
    csv_size = len(rows_to_csv(rows, COLUMNS))
    print(f"candidates: {len(rows):,}   runs: {args.runs} (median shown)")
    print(f"CSV size:      {csv_size / 1e6:8.2f} MB")
    print(f"package size:  {len(package) / 1e6:8.2f} MB")
    print(f"export (CSV + zip + sign): {statistics.median(export_times):7.3f} s")
    print(f"verify (unzip + sig + hashes): {statistics.median(verify_times):7.3f} s")
    print(f"read CSV back: {statistics.median(parse_times):7.3f} s")


if __name__ == "__main__":
    main()
