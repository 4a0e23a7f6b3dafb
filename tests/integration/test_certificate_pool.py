"""Issuing on every core: a batch produced by worker processes, cancelled, blocked, and stored whole."""

from __future__ import annotations

import json
import subprocess
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from kaoping.adapters.image_registry import open_image, pixel_hash
from kaoping.domain.certificates import NumberingScheme
from kaoping.domain.errors import ValidationError
from kaoping.domain.roles import Role
from kaoping.paths import resource_path
from kaoping.services import certificates
from kaoping.services.base import Actor, Env
from kaoping.services.certificates import issuing, pool, producing
from kaoping.services.compliance import ComplianceBlocked
from kaoping.storage.intake_tables import CandidateRow
from tests.integration.test_certificates_support import (
    APPROVED_ON,
    PASSPHRASE,
    add_candidates,
    as_intake_keeps,
    checked_photo,
    make_batch,
    ready_batch,
    register_seal,
)

SCHEME = NumberingScheme("GXDT", "GXDT01", 2026)


@pytest.fixture
def pooled(
    env: Env, actors: dict[Role, Actor], admin: Actor, monkeypatch: pytest.MonkeyPatch
) -> list[int]:
    """Two workers for batches of two or more; records the worker count of each pooled run."""
    settings = certificates.certificate_settings(env, actors[Role.CERTIFICATE_OFFICER])
    certificates.update_certificate_settings(env, admin, replace(settings, workers=2))
    monkeypatch.setattr(pool, "POOL_THRESHOLD", 2)
    monkeypatch.setattr(pool, "STARTUP_SECONDS", 0.0)
    runs: list[int] = []
    real = issuing.Production

    def spy(*args: Any) -> Any:
        if args[4] > 1:
            runs.append(args[4])
        return real(*args)

    monkeypatch.setattr(issuing, "Production", spy)
    return runs


def _stored(env: Env) -> list[tuple[str, int, bytes]]:
    with env.uow(write=False) as uow:
        numbers = [c.number for c in uow.certificates.certificates()]
        return [
            (n, uow.certificates.by_number(n).serial, uow.certificates.pdf(n) or b"")  # type: ignore[union-attr]
            for n in numbers
        ]


class CancelAfterFirstShare:
    """Progress and cancel of a person who presses Cancel once the bar first moves."""

    def __init__(self) -> None:
        self.reported: list[int] = []

    def progress(self, done: int, _total: int) -> None:
        self.reported.append(done)

    def cancelled(self) -> bool:
        return bool(self.reported)


def test_pool_cancels_then_issues_signed_gap_free_certificates(
    env: Env, actors: dict[Role, Actor], pooled: list[int], tmp_path: Path
) -> None:
    """Cancelled mid-way nothing is stored; run again, every PDF is signed and numbered 1..n."""
    officer = actors[Role.CERTIFICATE_OFFICER]
    batch, ids = ready_batch(env, actors, 7)
    person = CancelAfterFirstShare()
    with pytest.raises(certificates.IssueCancelled, match="未占用任何证书编号"):
        certificates.issue_batch(
            env, officer, batch, PASSPHRASE, progress=person.progress, cancelled=person.cancelled
        )
    # Cancelled after the first share of seven certificates: the rest were never waited for.
    assert person.reported and person.reported[-1] < 7
    assert _stored(env) == []
    seen: list[tuple[int, int]] = []
    outcome = certificates.issue_batch(
        env, officer, batch, PASSPHRASE, progress=lambda d, t: seen.append((d, t))
    )
    assert pooled == [2, 2]
    assert outcome.numbers == tuple(SCHEME.format(i) for i in range(1, 8))
    assert outcome.batch_issued
    # Progress came share by share, rising to the whole batch.
    assert seen[-1] == (7, 7) and len(seen) > 1
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)
    stored = _stored(env)
    assert [serial for _, serial, _ in stored] == list(range(1, 8))
    with env.uow(write=False) as uow:
        trusted = uow.certificates.signing_certificates()
    kit = env.adapters.certificates
    for number, _, pdf in stored:
        check = kit.validate_pdf(pdf, trusted)
        assert check.ok, (number, check.problems)
        # Each PDF carries its own number, under the serial it was stored with.
        assert number in kit.pdf_text(pdf).replace(" ", "")
    # The photo the workers screened and embedded is registered by the issuing process.
    assert [a.kind for a in certificates.list_assets(env, officer)].count("photo") == 1
    path = tmp_path / "one.pdf"
    path.write_bytes(stored[-1][2])
    shown = subprocess.run(["pdfsig", str(path)], capture_output=True, text=True, check=False)
    assert "Signature is Valid" in shown.stdout, shown.stdout + shown.stderr
    assert len(ids) == 7


def test_the_issuing_process_produces_beside_its_worker(
    env: Env, actors: dict[Role, Actor], pooled: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two processes set: one worker is started, and the issuing process works meanwhile.

    The worker gets its first shares at once and keeps them; the issuing process makes the
    next ones while the worker starts, so progress moves from the first certificate on.
    """
    officer = actors[Role.CERTIFICATE_OFFICER]
    batch, _ = ready_batch(env, actors, 7)
    made_here: list[int] = []
    real = producing.Producer.make_share

    def make_share(self: producing.Producer, items: Any, *args: Any) -> Any:
        made_here.extend(item.serial for item in items)
        return real(self, items, *args)

    monkeypatch.setattr(producing.Producer, "make_share", make_share)
    started: list[int] = []
    real_pool = pool.ProcessPoolExecutor

    def executor(*args: Any, **kwargs: Any) -> Any:
        started.append(kwargs["max_workers"])
        return real_pool(*args, **kwargs)

    monkeypatch.setattr(pool, "ProcessPoolExecutor", executor)
    outcome = certificates.issue_batch(env, officer, batch, PASSPHRASE)
    assert pooled == [2] and started == [1]
    assert outcome.numbers == tuple(SCHEME.format(i) for i in range(1, 8))
    # Shares of one: the worker was handed serials 1 and 2; the issuing process took 3 on.
    assert made_here and min(made_here) == 3 and len(made_here) <= 5


def test_pool_finding_blocks_the_whole_batch(
    env: Env, actors: dict[Role, Actor], admin: Actor, pooled: list[int], tmp_path: Path
) -> None:
    """A banned word found by a worker stops the batch: findings reported, nothing stored."""
    officer = actors[Role.CERTIFICATE_OFFICER]
    batch, _ = ready_batch(env, actors, 4)
    template = json.loads(resource_path("templates", "certificate.json").read_text("utf-8"))
    template["title"]["text"] = "国 家 专业技术等级证书"
    edited = tmp_path / "certificate.json"
    edited.write_text(json.dumps(template, ensure_ascii=False), encoding="utf-8")
    settings = certificates.certificate_settings(env, officer)
    certificates.update_certificate_settings(
        env, admin, replace(settings, template_path=str(edited))
    )
    with pytest.raises(ComplianceBlocked) as blocked:
        certificates.issue_batch(env, officer, batch, PASSPHRASE)
    assert pooled == [2]
    # Every certificate was checked (as in one process), each reported under its own number.
    labels = {label.split("（")[0] for label, _ in blocked.value.findings}
    assert labels == {SCHEME.format(i) for i in range(1, 5)}
    assert _stored(env) == []


@pytest.fixture
def storing_early(env: Env, monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Storing starts as soon as one certificate is done (as if storing were very slow); records
    how many certificates were done each time storing began."""
    monkeypatch.setattr(pool, "STORE_SECONDS", 60.0)
    began: list[int] = []
    real = issuing.begin_storing

    def spy(*args: Any) -> Any:
        began.append(len(_stored(env)))
        return real(*args)

    monkeypatch.setattr(issuing, "begin_storing", spy)
    return began


def _audit(env: Env) -> list[tuple[str, str]]:
    with env.uow(write=False) as uow:
        return [(r.action, r.outcome) for r in uow.audit.records()]


def test_storing_begins_while_the_worker_finishes_and_a_late_finding_undoes_it(
    env: Env,
    actors: dict[Role, Actor],
    pooled: list[int],
    storing_early: list[int],
) -> None:
    """The last holder's page has a banned word: found after storing began, nothing is kept.

    Every certificate is still checked, the finding is reported and audited as a compliance
    block (not as a refused issue), and no number is taken. Then, with the page put right, the
    whole batch is stored while its last shares are still produced.
    """
    officer = actors[Role.CERTIFICATE_OFFICER]
    batch, ids = ready_batch(env, actors, 7)
    _set_direction(env, ids[-1], "国家级计算机视觉产品实现")
    before = _audit(env)
    with pytest.raises(ComplianceBlocked) as blocked:
        certificates.issue_batch(env, officer, batch, PASSPHRASE)
    assert storing_early, "storing did not begin before the last certificate was checked"
    assert {label.split("（")[0] for label, _ in blocked.value.findings} == {SCHEME.format(7)}
    assert _stored(env) == []
    with env.uow(write=False) as uow:
        assert uow.certificates.peek_next_serial("GXDT01", 2026) == 1
    assert _audit(env)[len(before) :] == [("certificates.compliance_blocked", "blocked")]
    _set_direction(env, ids[-1], "计算机视觉产品实现")
    outcome = certificates.issue_batch(env, officer, batch, PASSPHRASE)
    assert outcome.numbers == tuple(SCHEME.format(i) for i in range(1, 8))
    assert [serial for _, serial, _ in _stored(env)] == list(range(1, 8))
    assert storing_early == [0, 0]
    assert pooled == [2, 2]


def test_cancel_after_storing_began_keeps_nothing(
    env: Env, actors: dict[Role, Actor], pooled: list[int], storing_early: list[int]
) -> None:
    """Cancel pressed once storing began: rolled back, no number, no refusal in the audit trail."""
    officer = actors[Role.CERTIFICATE_OFFICER]
    batch, _ = ready_batch(env, actors, 7)
    before = _audit(env)
    with pytest.raises(certificates.IssueCancelled, match="未占用任何证书编号"):
        certificates.issue_batch(
            env, officer, batch, PASSPHRASE, cancelled=lambda: bool(storing_early)
        )
    assert storing_early == [0]
    assert _stored(env) == []
    with env.uow(write=False) as uow:
        assert uow.certificates.peek_next_serial("GXDT01", 2026) == 1
    assert _audit(env)[len(before) :] == []


def test_a_share_is_checked_whole_before_any_of_it_is_signed(
    env: Env, actors: dict[Role, Actor], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The second holder's page has a banned word: the first certificate is not signed either,
    because the whole share is checked before signing starts (nothing will be stored)."""
    officer = actors[Role.CERTIFICATE_OFFICER]
    batch, ids = ready_batch(env, actors, 8)  # in this process, in shares of two
    _set_direction(env, ids[1], "国家级计算机视觉产品实现")
    kit = env.adapters.certificates
    signed: list[int] = []
    real = kit.sign_pdf
    monkeypatch.setattr(kit, "sign_pdf", lambda *args: signed.append(1) or real(*args))
    with pytest.raises(ComplianceBlocked) as blocked:
        certificates.issue_batch(env, officer, batch, PASSPHRASE)
    assert {label.split("（")[0] for label, _ in blocked.value.findings} == {SCHEME.format(2)}
    assert signed == []
    assert _stored(env) == []


def _set_direction(env: Env, candidate_id: int, direction: str) -> None:
    """Change a candidate's direction in storage (what the certificate prints under 方向)."""
    with env.uow() as uow:
        session = uow.session  # type: ignore[attr-defined]
        session.execute(
            sa.update(CandidateRow)
            .where(CandidateRow.id == candidate_id)
            .values(direction=direction)
        )
        uow.commit()


@pytest.mark.parametrize(
    ("setting", "planned", "cores", "expected"),
    [
        (0, 500, 4, 4),  # one per core by default
        (0, 500, 1, 1),
        (1, 500, 8, 1),  # 1: all in the issuing process
        (3, 500, 8, 3),
        (0, pool.POOL_THRESHOLD - 1, 8, 1),  # a small batch is not worth starting workers
        (8, 300, 2, 8),
        (0, 100, 2, 1),  # photos screened at intake: 100 are done sooner without a worker
        (0, 150, 2, 2),
    ],
)
def test_worker_count(
    setting: int, planned: int, cores: int, expected: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The workers setting, the number of cores and the batch size decide the pool's size."""
    monkeypatch.setattr(pool.os, "cpu_count", lambda: cores)
    assert pool.worker_count(setting, planned) == expected


@pytest.mark.parametrize(("planned", "unscreened", "expected"), [(30, 0, 1), (30, 30, 2)])
def test_photos_to_screen_make_workers_pay_off_sooner(
    planned: int, unscreened: int, expected: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Thirty certificates whose photos still need the emblem screen go to two workers."""
    monkeypatch.setattr(pool.os, "cpu_count", lambda: 2)
    assert pool.worker_count(0, planned, unscreened) == expected


def test_workers_setting_is_checked(env: Env, actors: dict[Role, Actor], admin: Actor) -> None:
    """A worker count out of range is refused in Chinese and changes nothing."""
    settings = certificates.certificate_settings(env, actors[Role.CERTIFICATE_OFFICER])
    with pytest.raises(ValidationError, match="签发进程数"):
        certificates.update_certificate_settings(env, admin, replace(settings, workers=-1))
    certificates.update_certificate_settings(env, admin, replace(settings, workers=3))
    assert certificates.certificate_settings(env, actors[Role.CERTIFICATE_OFFICER]).workers == 3


def test_pool_trusts_intakes_screen_and_embeds_each_photo_as_stored(
    env: Env, actors: dict[Role, Actor], pooled: list[int], tmp_path: Path
) -> None:
    """Photos kept with the current screen's mark and their pixel hash: the workers register
    them from what intake kept (the same mark in every process) and embed each JPEG as stored."""
    officer = actors[Role.CERTIFICATE_OFFICER]
    batch = make_batch(env, actors, "B2026-PH")
    photos = [checked_photo(20 + i) for i in range(5)]
    ids = [add_candidates(env, batch, 1, photo=p, **as_intake_keeps(p))[0] for p in photos]
    certificates.record_approval(env, officer, batch, ids, "人社专技审〔2026〕18号", APPROVED_ON)
    register_seal(env, officer)
    outcome = certificates.issue_batch(env, officer, batch, PASSPHRASE)
    assert pooled == [2] and len(outcome.numbers) == 5
    registered = {a.sha256 for a in certificates.list_assets(env, officer) if a.kind == "photo"}
    assert registered == {pixel_hash(open_image(photo)) for photo in photos}
    with env.uow(write=False) as uow:
        trusted = uow.certificates.signing_certificates()
    kit = env.adapters.certificates
    for number, photo in zip(outcome.numbers, photos, strict=True):
        pdf = certificates.certificate_pdf(env, officer, number)
        assert kit.validate_pdf(pdf, trusted).ok
        path = tmp_path / f"{number}.pdf"
        path.write_bytes(pdf)
        subprocess.run(["pdfimages", "-all", str(path), str(tmp_path / number)], check=True)
        assert [p.read_bytes() for p in tmp_path.glob(f"{number}-*.jpg")] == [photo]
