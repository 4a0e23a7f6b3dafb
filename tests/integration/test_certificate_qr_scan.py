"""The certificate QR code reads from poor pictures, with a decoder that is not Kaoping's own.

Twenty certificates are issued through the real service (renderer, signing), each page is
rendered at 100 dpi by poppler's `pdftoppm`, degraded in five ways, and every picture is read by
zbar's `zbarimg` (Debian package zbar-tools, installed by scripts/bootstrap). Each must give back
exactly the QR text stored for the certificate.
"""

from __future__ import annotations

import io
import shutil
import subprocess
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path

import pytest
from PIL import Image, ImageFilter

from kaoping.domain.roles import Role
from kaoping.services import certificates
from kaoping.services.base import Actor, Env
from tests.integration.test_certificates_support import PASSPHRASE, ready_batch

COUNT = 20
DPI = 100


def _jpeg(image: Image.Image) -> Image.Image:
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=30)
    return Image.open(io.BytesIO(buffer.getvalue()))


# Halving averages each 2×2 block, as a camera with half the pixels would see the page.
DEGRADATIONS: dict[str, Callable[[Image.Image], Image.Image]] = {
    "100 dpi": lambda page: page,
    "1-pixel Gaussian blur": lambda page: page.filter(ImageFilter.GaussianBlur(1)),
    "50 % scale": lambda page: page.reduce(2),
    "JPEG quality 30": _jpeg,
    "7° rotation": lambda page: page.rotate(
        7, resample=Image.Resampling.BICUBIC, expand=True, fillcolor="white"
    ),
}

pytestmark = [
    pytest.mark.slow,
    pytest.mark.sqlite_only,  # the pictures do not depend on the database
    pytest.mark.skipif(
        not (shutil.which("zbarimg") and shutil.which("pdftoppm")),
        reason="needs zbarimg (zbar-tools) and pdftoppm (poppler-utils); scripts/bootstrap installs both",
    ),
]


def _zbar(files: list[Path]) -> dict[str, list[str]]:
    """The QR texts zbar reads from each file, by file name."""
    done = subprocess.run(
        ["zbarimg", "--xml", "-q", "-Sdisable", "-Sqrcode.enable", *map(str, files)],
        capture_output=True,
        check=False,
    )
    found: dict[str, list[str]] = {f.name: [] for f in files}
    root = ET.fromstring(done.stdout.decode("utf-8"))
    for source in root.iterfind(".//{*}source"):
        name = Path(source.get("href", "")).name
        found[name] = [(s.findtext("{*}data") or "") for s in source.iterfind(".//{*}symbol")]
    return found


def test_every_certificate_reads_in_every_condition(
    env: Env, actors: dict[Role, Actor], tmp_path: Path
) -> None:
    """100 % of 20 certificates decode after each degradation (the old code managed 0 of 38)."""
    officer = actors[Role.CERTIFICATE_OFFICER]
    batch, _ = ready_batch(env, actors, COUNT)
    numbers = certificates.issue_batch(env, officer, batch, PASSPHRASE).numbers
    expected: dict[str, str] = {}
    pictures: dict[str, list[Path]] = {name: [] for name in DEGRADATIONS}
    for index, number in enumerate(numbers):
        pdf = tmp_path / f"{index}.pdf"
        pdf.write_bytes(certificates.certificate_pdf(env, officer, number))
        subprocess.run(
            ["pdftoppm", "-r", str(DPI), "-png", "-singlefile", str(pdf), str(tmp_path / "page")],
            check=True,
        )
        with Image.open(tmp_path / "page.png") as rendered:
            page = rendered.convert("RGB")
        stored = certificates.find_certificate(env, officer, number).qr_payload
        for kind, (condition, degrade) in enumerate(DEGRADATIONS.items()):
            path = tmp_path / f"c{kind}-{index}.png"
            degrade(page).save(path)
            pictures[condition].append(path)
            expected[path.name] = stored
    assert all(payload.startswith("KP2:") for payload in expected.values())
    failures = {}
    for condition, files in pictures.items():
        read = _zbar(files)
        missed = [f.name for f in files if read[f.name] != [expected[f.name]]]
        if missed:
            failures[condition] = f"{len(files) - len(missed)}/{len(files)}"
    assert failures == {}, failures
