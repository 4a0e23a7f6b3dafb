"""The candidate's photo on the certificate and the admission ticket; no certificate without one."""

from __future__ import annotations

import io
import shutil
import subprocess
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from cryptography import x509
from PIL import Image
from PIL.JpegImagePlugin import JpegImageFile

from kaoping.adapters import emblem_features, image_registry
from kaoping.adapters.pdf_signing import validate_pdf
from kaoping.adapters.ticket_pdf import render_tickets
from kaoping.domain.errors import ValidationError
from kaoping.domain.roles import Role
from kaoping.paths import resource_path
from kaoping.services import certificates, compliance
from kaoping.services.base import Actor, Env
from kaoping.services.compliance import ComplianceBlocked
from tests.integration.test_certificates_support import (
    APPROVED_ON,
    PASSPHRASE,
    add_candidates,
    as_intake_keeps,
    checked_photo,
    current_screen_mark,
    make_batch,
    register_seal,
)
from tests.integration.test_ticket_pdf import SHEET

needs_poppler = pytest.mark.skipif(shutil.which("pdfimages") is None, reason="poppler-utils")


def _images(pdf: bytes, tmp_path: Path) -> list[tuple[int, int]]:
    """(width, height) of every image `pdfimages -list` finds, an independent reader."""
    path = tmp_path / "doc.pdf"
    path.write_bytes(pdf)
    listing = subprocess.run(
        ["pdfimages", "-list", str(path)], capture_output=True, text=True, check=True
    ).stdout.splitlines()[2:]
    return [(int(line.split()[3]), int(line.split()[4])) for line in listing if line.strip()]


def _approved(
    env: Env,
    actors: dict[Role, Actor],
    photos: list[bytes | None],
    screened_with: str = "",
    with_hashes: bool = False,
) -> str:
    officer = actors[Role.CERTIFICATE_OFFICER]
    batch = make_batch(env, actors)
    register_seal(env, officer)
    ids = []
    for photo in photos:
        kept = as_intake_keeps(photo) if with_hashes and photo else {"screened_with": screened_with}
        ids += add_candidates(env, batch, 1, photo=photo, **kept)
    certificates.record_approval(env, officer, batch, ids, "人社专技审〔2026〕18号", APPROVED_ON)
    return batch


@needs_poppler
def test_a_signed_certificate_carries_the_photo_and_passes_the_check(
    env: Env, actors: dict[Role, Actor], tmp_path: Path
) -> None:
    """pdfimages lists the 358 × 441 photo; the signature validates; the compliance check passes."""
    officer = actors[Role.CERTIFICATE_OFFICER]
    batch = _approved(env, actors, [checked_photo(1)])
    number = certificates.issue_batch(env, officer, batch, PASSPHRASE).numbers[0]
    pdf = certificates.certificate_pdf(env, officer, number)

    assert (358, 441) in _images(pdf, tmp_path)
    with env.uow(write=False) as uow:
        cert_pem = uow.body.active_signing_key()[1]  # type: ignore[index]
    assert validate_pdf(pdf, x509.load_pem_x509_certificate(cert_pem)).ok
    saved = tmp_path / "certificate.pdf"
    saved.write_bytes(pdf)
    report = compliance.check_file(env, saved, ["张三明"])
    assert report.ok, report.findings
    page = subprocess.run(
        ["pdftotext", str(saved), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "照片" not in page  # the box holds the picture, not its label


@needs_poppler
def test_the_stored_jpeg_goes_into_the_certificate_byte_for_byte(
    env: Env, actors: dict[Role, Actor], tmp_path: Path
) -> None:
    """pdfimages -all extracts the photo as a JPEG file identical to the stored one.

    No re-encoding: the picture the employer sees is the one intake checked, at a fifth of the
    size a lossless copy takes.
    """
    officer = actors[Role.CERTIFICATE_OFFICER]
    photo = checked_photo(3)
    batch = _approved(env, actors, [photo])
    number = certificates.issue_batch(env, officer, batch, PASSPHRASE).numbers[0]
    saved = tmp_path / "certificate.pdf"
    saved.write_bytes(certificates.certificate_pdf(env, officer, number))
    subprocess.run(["pdfimages", "-all", str(saved), str(tmp_path / "img")], check=True)
    extracted = [p.read_bytes() for p in sorted(tmp_path.glob("img-*.jpg"))]
    assert extracted == [photo]
    assert len(saved.read_bytes()) < len(photo) + 200_000  # not a second, lossless copy


def _screens_during(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Count the pictures the emblem screen measures from now on (each new one, once).

    The process's cache of measurements starts empty, so an earlier test's pictures count too.
    """
    monkeypatch.setattr(image_registry, "_SCREEN_CACHE", {})
    counted: list[int] = []
    original = emblem_features.query_features

    def counting(image: Image.Image) -> Any:
        counted.append(image.width)
        return original(image)

    monkeypatch.setattr(emblem_features, "query_features", counting)
    return counted


def test_photos_screened_at_intake_are_not_screened_again_when_issuing(
    env: Env, actors: dict[Role, Actor], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A photo kept with the current screen's mark is trusted: issuing measures no photo."""
    officer = actors[Role.CERTIFICATE_OFFICER]
    batch = _approved(env, actors, [checked_photo(4), checked_photo(5)], current_screen_mark())
    counted = _screens_during(monkeypatch)
    assert len(certificates.issue_batch(env, officer, batch, PASSPHRASE).numbers) == 2
    assert 358 not in counted  # no photo measured (the seal, 480 wide, is checked as ever)


@pytest.mark.parametrize("mark", ["", "0" * 32], ids=["no mark", "outdated mark"])
def test_photos_without_the_current_mark_are_screened_when_issuing(
    env: Env, actors: dict[Role, Actor], monkeypatch: pytest.MonkeyPatch, mark: str
) -> None:
    """Photos stored before the mark was kept, or screened by an older reference set, are
    screened again at issuing (each of the two once, not again by the check)."""
    officer = actors[Role.CERTIFICATE_OFFICER]
    batch = _approved(env, actors, [checked_photo(6), checked_photo(7)], mark)
    counted = _screens_during(monkeypatch)
    assert len(certificates.issue_batch(env, officer, batch, PASSPHRASE).numbers) == 2
    assert counted.count(358) == 2  # the two photos (the seal is measured too: 480 wide)


def test_photos_with_intakes_pixel_hash_are_not_even_decoded_when_issuing(
    env: Env, actors: dict[Role, Actor], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """The hash intake kept registers the photo, and the check knows the very bytes again in
    the certificate: no photo is decoded, yet the file passes a check from scratch."""
    officer = actors[Role.CERTIFICATE_OFFICER]
    photos = [checked_photo(8), checked_photo(9)]
    batch = _approved(env, actors, photos, with_hashes=True)
    decoded: list[tuple[int, int]] = []
    original = JpegImageFile.load

    def counting(image: JpegImageFile) -> Any:
        decoded.append(image.size)  # any JPEG decoded while issuing is a photo
        return original(image)

    monkeypatch.setattr(JpegImageFile, "load", counting)
    numbers = certificates.issue_batch(env, officer, batch, PASSPHRASE).numbers
    assert len(numbers) == 2 and decoded == []
    saved = tmp_path / "certificate.pdf"
    saved.write_bytes(certificates.certificate_pdf(env, officer, numbers[0]))
    assert compliance.check_file(env, saved, ["张三明"]).ok  # decoded and hashed there: same


def test_a_holder_without_a_photo_stops_the_batch_before_any_number(
    env: Env, actors: dict[Role, Actor]
) -> None:
    """No certificate is issued with an empty photo box: the batch is refused, audited, named."""
    officer = actors[Role.CERTIFICATE_OFFICER]
    batch = _approved(env, actors, [checked_photo(1), None])
    with pytest.raises(ValidationError, match="还没有照片") as refused:
        certificates.issue_batch(env, officer, batch, PASSPHRASE)
    assert "报名号 2（张*明）" in refused.value.message and "导入" in refused.value.message
    assert certificates.batch_certificates(env, officer, batch).certificates == ()
    with env.uow(write=False) as uow:
        last = list(uow.audit.records())[-1]
    assert (last.action, last.outcome) == ("certificates.issue", "refused")


def test_a_template_without_a_photo_box_needs_no_photo(
    env: Env, actors: dict[Role, Actor], tmp_path: Path
) -> None:
    """A body whose template has no photo box issues certificates to holders without photos."""
    officer = actors[Role.CERTIFICATE_OFFICER]
    template = __import__("json").loads(
        resource_path("templates", "certificate.json").read_text(encoding="utf-8")
    )
    del template["photo"]
    path = tmp_path / "no-photo.json"
    path.write_text(__import__("json").dumps(template, ensure_ascii=False), encoding="utf-8")
    settings = certificates.certificate_settings(env, officer)
    certificates.update_certificate_settings(
        env, actors[Role.SYSTEM_ADMIN], replace(settings, template_path=str(path))
    )
    batch = _approved(env, actors, [None])
    assert len(certificates.issue_batch(env, officer, batch, PASSPHRASE).numbers) == 1


def test_an_emblem_in_the_photo_box_is_refused(env: Env, actors: dict[Role, Actor]) -> None:
    """A stored "photo" that is an emblem (put in behind the import checks) fails the check."""
    officer = actors[Role.CERTIFICATE_OFFICER]
    emblem = resource_path("rules", "emblem_references", "national_emblem.png").read_bytes()
    batch = _approved(env, actors, [emblem])
    with pytest.raises(ComplianceBlocked) as blocked:
        certificates.issue_batch(env, officer, batch, PASSPHRASE)
    assert "national_emblem.png" in str(blocked.value.findings)
    assert certificates.batch_certificates(env, officer, batch).certificates == ()


@needs_poppler
def test_the_admission_ticket_prints_the_photo(tmp_path: Path) -> None:
    """The stored photo fills the ticket's photo box (pdfimages lists it; the box is not blank)."""
    photo = checked_photo(2)
    pdf = render_tickets([replace(SHEET, photo=photo)])
    assert (358, 441) in _images(pdf, tmp_path)
    page = tmp_path / "ticket"
    subprocess.run(
        ["pdftoppm", "-r", "50", "-png", "-singlefile", str(tmp_path / "doc.pdf"), str(page)],
        check=True,
    )
    without = render_tickets([SHEET])
    assert len(_images(without, tmp_path)) < len(_images(pdf, tmp_path))
    assert Image.open(io.BytesIO(photo)).size == (358, 441)
