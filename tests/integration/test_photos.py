"""Candidate photos: batch import with every kind of mistake, valid-only, one at a time, hostile files."""

from __future__ import annotations

import io
import sqlite3
import struct
import zipfile
import zlib
from contextlib import closing
from pathlib import Path

import pytest
from openpyxl import Workbook
from openpyxl.drawing.image import Image as SheetImage
from PIL import Image
from sqlalchemy import text

from kaoping.adapters.image_registry import (
    open_image,
    pixel_hash,
)
from kaoping.adapters.photos import face_boxes
from kaoping.cli.app import run
from kaoping.domain.errors import PermissionDenied, ValidationError
from kaoping.domain.idnumber import mask_id
from kaoping.domain.plans import BatchStatus
from kaoping.domain.roles import Role
from kaoping.services import maintenance, photos
from kaoping.services.base import Actor, Env
from kaoping.services.photos import PhotoReport, PhotosRejected
from kaoping.services.ports.photos import PhotoTarget
from kaoping.storage import cipher
from tests.databases import PASSWORD, Template
from tests.integration.test_certificates_support import (
    add_candidates,
    current_screen_mark,
    make_batch,
)
from tests.photo_faces import (
    LIGHT_BLUE,
    cmyk_jpeg,
    exif_rotated,
    jpeg,
    png,
    png_with_alpha,
    portrait,
    portrait_jpeg,
    shifted,
    two_faces,
)

UNKNOWN_ID = "450102199912319999"


def _batch(env: Env, actors: dict[Role, Actor], count: int) -> tuple[int, list[PhotoTarget]]:
    code = make_batch(env, actors, "B-PHOTO")
    add_candidates(env, code, count, outcome=None, photo=None)
    with env.uow() as uow:
        batch = uow.plans.batch_by_code(code)
        assert batch is not None
        return batch.id, uow.photos.targets(batch.id)


def _zip(path: Path, files: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return path


def _mistakes(targets: list[PhotoTarget]) -> tuple[dict[str, bytes], dict[str, str]]:
    """202 files for 200 candidates, each kind of mistake once; (files, expected problem words)."""
    ids = [t.id_number for t in targets]
    files = {f"{number}.jpg": portrait_jpeg(i) for i, number in enumerate(ids)}
    expected = {
        f"{UNKNOWN_ID}.jpg": "不是本批次在册考生",
        f"{ids[1]}.jpg": "有 2 张照片",
        f"{ids[1]}.png": "有 2 张照片",
        f"{ids[2]}.jpg": "照片太小",
        f"{ids[3]}.jpg": "黑白",
        f"{ids[4]}.jpg": "背景太暗",
        f"{ids[5]}.jpg": "未检测到人脸",
        f"{ids[6]}.jpg": "检测到 2 张人脸",
        f"{ids[7]}.jpg": "宽高比不符",
        f"{ids[8]}.jpg": "无法识别",
        f"{ids[9]}.jpg": "人脸太小",
        f"{ids[15]}.jpg": "人脸不居中",
    }
    files[f"{UNKNOWN_ID}.jpg"] = jpeg(portrait(900))
    files[f"{ids[1]}.png"] = png(portrait(901))
    files[f"{ids[2]}.jpg"] = jpeg(portrait(902, (160, 197)))
    files[f"{ids[3]}.jpg"] = jpeg(portrait(903).convert("L"))
    files[f"{ids[4]}.jpg"] = jpeg(portrait(904, background=(50, 55, 70)))
    files[f"{ids[5]}.jpg"] = jpeg(Image.new("RGB", (358, 441), (240, 236, 230)))
    files[f"{ids[6]}.jpg"] = jpeg(two_faces(906))
    files[f"{ids[7]}.jpg"] = jpeg(portrait(907, (700, 441)))
    files[f"{ids[8]}.jpg"] = b"this is not a picture"
    files[f"{ids[9]}.jpg"] = jpeg(portrait(909, face_scale=0.35))
    files[f"{ids[15]}.jpg"] = jpeg(shifted(portrait(915, face_scale=0.6), 70, 0))
    # Good ones in awkward shapes: on their side with EXIF, CMYK, cut out with alpha, big, blue.
    files[f"{ids[10]}.jpg"] = exif_rotated(portrait(910))
    files[f"{ids[11]}.jpg"] = cmyk_jpeg(portrait(911))
    files[f"{ids[12]}.png"] = png_with_alpha(portrait(912))
    del files[f"{ids[12]}.jpg"]
    files[f"{ids[13]}.jpg"] = jpeg(portrait(913, (1074, 1323)))
    files[f"{ids[14]}.jpg"] = jpeg(portrait(914, background=LIGHT_BLUE))
    return files, expected


def _masked(label: str) -> str:
    number, suffix = label.split(".")
    return f"{mask_id(number)}.{suffix}"


def _problems(report: PhotoReport) -> dict[str, str]:
    return {p.label: p.reason for p in report.problems}


def test_a_batch_with_mistakes_is_refused_whole_and_the_report_names_each(
    env: Env, actors: dict[Role, Actor], tmp_path: Path
) -> None:
    """200 candidates' photos with a dozen mistakes: nothing stored, each file's problem named."""
    admin = actors[Role.EXAM_ADMIN]
    batch_id, targets = _batch(env, actors, 200)
    files, expected = _mistakes(targets)
    archive = _zip(tmp_path / "photos.zip", files)

    with pytest.raises(PhotosRejected) as refused:
        photos.import_photos(env, admin, batch_id, archive, valid_only=False)

    report = refused.value.report
    found = _problems(report)
    assert set(found) == {_masked(label) for label in expected}
    for label, words in expected.items():
        assert words in found[_masked(label)], (label, found[_masked(label)])
    assert report.total == len(files) and report.valid == 200 - 10
    assert photos.photo_count(env, admin, batch_id).with_photo == 0
    assert not any(t.id_number in str(refused.value) for t in targets)


def test_valid_only_stores_the_rest_upright_at_the_set_size(
    env: Env, actors: dict[Role, Actor], tmp_path: Path
) -> None:
    """Valid-only imports the good photos: upright, 358 × 441, the original's SHA-256 kept."""
    admin = actors[Role.EXAM_ADMIN]
    batch_id, targets = _batch(env, actors, 200)
    files, _ = _mistakes(targets)
    archive = _zip(tmp_path / "photos.zip", files)

    result = photos.import_photos(env, admin, batch_id, archive, valid_only=True)

    assert (result.imported, result.replaced) == (190, 0)
    assert photos.photo_count(env, admin, batch_id) == photos.PhotoCount(190, 200)
    with env.uow() as uow:
        for index in (0, 10, 11, 12, 13, 14):
            stored = uow.photos.get(targets[index].candidate_id)
            assert stored is not None
            image = Image.open(io.BytesIO(stored.jpeg))
            assert (image.format, image.size) == ("JPEG", (358, 441))
            (x, y, w, h), *_ = face_boxes(image.convert("RGB"))
            assert abs(x + w / 2 - 179) < 40 and y + h / 2 < 441 * 0.6  # upright, centred
            assert stored.imported_by == admin.username
            # The emblem screen it passed, so issuing need not screen it again.
            assert stored.screened_with == current_screen_mark()
            assert stored.pixel_sha256 == pixel_hash(open_image(stored.jpeg))
        rotated = uow.photos.get(targets[10].candidate_id)
        assert rotated is not None
        original = files[f"{targets[10].id_number}.jpg"]
        assert rotated.original_sha256 == __import__("hashlib").sha256(original).hexdigest()
        assert uow.photos.get(targets[2].candidate_id) is None  # the too-small one


def test_a_folder_and_a_second_import_replace(
    env: Env, actors: dict[Role, Actor], tmp_path: Path
) -> None:
    """A folder works like a zip; importing again replaces and says how many."""
    admin = actors[Role.EXAM_ADMIN]
    batch_id, targets = _batch(env, actors, 3)
    folder = tmp_path / "照片"
    (folder / "sub").mkdir(parents=True)
    for i, target in enumerate(targets):
        (folder / ("sub" if i else "") / f"{target.id_number.lower()}.JPG").write_bytes(
            jpeg(portrait(i))
        )
    (folder / "Thumbs.db").write_bytes(b"\x00" * 10)
    first = photos.import_photos(env, admin, batch_id, folder, valid_only=False)
    again = photos.import_photos(env, admin, batch_id, folder, valid_only=False)
    assert (first.imported, first.replaced, again.replaced) == (3, 0, 3)


def test_roster_pictures_in_the_photo_column(
    env: Env, actors: dict[Role, Actor], tmp_path: Path
) -> None:
    """Pictures anchored in a roster's 照片 column belong to the row's ID number."""
    admin = actors[Role.EXAM_ADMIN]
    batch_id, targets = _batch(env, actors, 3)
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["姓名", "证件号码", "照片"])
    for row, target in enumerate(targets, start=2):
        sheet.append([target.name, target.id_number, None])
        picture = SheetImage(io.BytesIO(jpeg(portrait(row))))
        sheet.add_image(picture, f"C{row}")
    sheet.append(["无名", UNKNOWN_ID, None])
    sheet.add_image(SheetImage(io.BytesIO(jpeg(portrait(9)))), "C5")
    path = tmp_path / "名册.xlsx"
    book.save(path)

    report = photos.check_photos(env, admin, batch_id, path, from_roster=True)
    assert [(p.label, "不是本批次" in p.reason) for p in report.problems] == [("名册第 5 行", True)]
    result = photos.import_photos(env, admin, batch_id, path, valid_only=True, from_roster=True)
    assert result.imported == 3


def test_one_photo_on_the_candidate_page(env: Env, actors: dict[Role, Actor]) -> None:
    """One photo at a time: checked the same way, stored, visible only to roles that need it."""
    admin = actors[Role.EXAM_ADMIN]
    _, targets = _batch(env, actors, 1)
    candidate = targets[0].candidate_id
    with pytest.raises(ValidationError, match="背景太暗"):
        photos.set_photo(env, admin, candidate, jpeg(portrait(1, background=(40, 40, 40))))
    photos.set_photo(env, admin, candidate, exif_rotated(portrait(2)))
    stored = photos.candidate_photo(env, admin, candidate)
    assert stored is not None and Image.open(io.BytesIO(stored)).size == (358, 441)
    assert photos.candidate_photo(env, actors[Role.CERTIFICATE_OFFICER], candidate) == stored
    with env.uow(write=False) as uow:
        kept = uow.photos.get(candidate)
        assert kept is not None and kept.screened_with == current_screen_mark()
    with pytest.raises(PermissionDenied):
        photos.candidate_photo(env, actors[Role.SUPERVISOR], candidate)
    with pytest.raises(PermissionDenied):
        photos.set_photo(env, actors[Role.EXAMINER], candidate, jpeg(portrait(3)))
    assert photos.delete_photo(env, admin, candidate)
    assert photos.candidate_photo(env, admin, candidate) is None


def test_the_photo_size_is_a_setting(env: Env, actors: dict[Role, Actor], admin: Actor) -> None:
    """The system administrator sets the stored size; later photos come out at it."""
    with pytest.raises(ValidationError, match="不是竖版"):
        photos.set_photo_size(env, admin, 441, 358)
    photos.set_photo_size(env, admin, 295, 413)
    _, targets = _batch(env, actors, 1)
    photos.set_photo(env, actors[Role.EXAM_ADMIN], targets[0].candidate_id, jpeg(portrait(4)))
    stored = photos.candidate_photo(env, actors[Role.EXAM_ADMIN], targets[0].candidate_id)
    assert stored is not None and Image.open(io.BytesIO(stored)).size == (295, 413)


# ---------------------------------------------------------------------------------------------
# Hostile files


def _huge_png() -> bytes:
    """A valid PNG header claiming 100,000 × 100,000 pixels, with almost no data behind it."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    header = struct.pack(">IIBBBBB", 100_000, 100_000, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\x00" * 64))
    )


def test_empty_and_pixel_bomb_files_are_refused_by_name(
    env: Env, actors: dict[Role, Actor], tmp_path: Path
) -> None:
    """A 0-byte .jpg and a PNG claiming ten gigapixels get a problem each, and nothing hangs."""
    admin = actors[Role.EXAM_ADMIN]
    batch_id, targets = _batch(env, actors, 2)
    archive = _zip(
        tmp_path / "p.zip",
        {f"{targets[0].id_number}.jpg": b"", f"{targets[1].id_number}.png": _huge_png()},
    )
    found = {
        p.label[-4:]: p.reason for p in photos.check_photos(env, admin, batch_id, archive).problems
    }
    assert "0 字节" in found[".jpg"]
    assert "异常庞大" in found[".png"] and "恶意构造" in found[".png"]


@pytest.mark.parametrize(
    ("name", "words"),
    [("../../etc/evil.jpg", "“..”"), ("/abs/evil.jpg", "绝对路径"), ("C:/evil.jpg", "盘符")],
)
def test_traversal_names_refuse_the_archive(
    env: Env, actors: dict[Role, Actor], tmp_path: Path, name: str, words: str
) -> None:
    """A member named to climb out of the folder refuses the whole archive, naming it."""
    batch_id, _ = _batch(env, actors, 1)
    archive = _zip(tmp_path / "p.zip", {name: jpeg(portrait(1))})
    with pytest.raises(ValidationError, match="恶意构造") as refused:
        photos.check_photos(env, actors[Role.EXAM_ADMIN], batch_id, archive)
    assert words in refused.value.message


def test_zip_bomb_and_member_flood_are_refused_before_unpacking(
    env: Env, actors: dict[Role, Actor], tmp_path: Path
) -> None:
    """A member that would unpack a thousandfold, or 10,001 members, refuse the archive."""
    batch_id, _ = _batch(env, actors, 1)
    admin = actors[Role.EXAM_ADMIN]
    bomb = tmp_path / "bomb.zip"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("450102199001010001.jpg", b"\x00" * (12 * 1024 * 1024))
    with pytest.raises(ValidationError, match="压缩炸弹"):
        photos.check_photos(env, admin, batch_id, bomb)
    flood = tmp_path / "flood.zip"
    with zipfile.ZipFile(flood, "w") as archive:
        for i in range(10_001):
            archive.writestr(f"{i}.jpg", b"")
    with pytest.raises(ValidationError, match="10001 个部件"):
        photos.check_photos(env, admin, batch_id, flood)


def test_a_file_that_is_no_zip_is_named(
    env: Env, actors: dict[Role, Actor], tmp_path: Path
) -> None:
    """Something that is neither a folder nor a zip is refused with its name."""
    batch_id, _ = _batch(env, actors, 1)
    path = tmp_path / "photos.zip"
    path.write_bytes(b"PK not really")
    with pytest.raises(ValidationError, match="不是有效的 zip"):
        photos.check_photos(env, actors[Role.EXAM_ADMIN], batch_id, path)


def test_the_command_line_import_reports_and_refuses(
    env: Env,
    actors: dict[Role, Actor],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """`kaoping photos import` prints each refused file, exits 1, and --valid-only stores the rest."""
    _, targets = _batch(env, actors, 2)
    archive = _zip(
        tmp_path / "p.zip",
        {f"{targets[0].id_number}.jpg": portrait_jpeg(0), f"{UNKNOWN_ID}.jpg": portrait_jpeg(1)},
    )
    monkeypatch.setenv("KAOPING_PASSWORD", PASSWORD)
    user = actors[Role.EXAM_ADMIN].username

    def cli(*argv: str) -> int:
        return run(["photos", "import", "--batch", "B-PHOTO", "--user", user, *argv], lambda _: env)

    assert cli(str(archive)) == 1
    assert f"{mask_id(UNKNOWN_ID)}.jpg：文件名不是本批次在册考生" in capsys.readouterr().out
    assert cli(str(archive), "--valid-only") == 0
    out = capsys.readouterr().out
    assert "已导入 1 张照片到批次 B-PHOTO" in out and UNKNOWN_ID not in out


def test_photos_are_purged_with_the_batch_once_certificates_are_issued(
    env: Env, actors: dict[Role, Actor]
) -> None:
    """Purging waits for the certificates; then every photo of the batch goes, audited by count."""
    admin = actors[Role.EXAM_ADMIN]
    batch_id, targets = _batch(env, actors, 2)
    for i, target in enumerate(targets):
        photos.set_photo(env, admin, target.candidate_id, portrait_jpeg(70 + i))
    with pytest.raises(ValidationError, match="不能清除"):
        photos.purge_batch(env, admin, batch_id)
    with env.uow() as uow:
        uow.plans.set_batch_status(batch_id, BatchStatus.ISSUED)
        uow.commit()
    assert photos.purge_batch(env, admin, batch_id) == 2
    assert photos.photo_count(env, admin, batch_id).with_photo == 0
    with env.uow(write=False) as uow:
        last = list(uow.audit.records())[-1]
    assert last.action == "photos.purge" and '"deleted":2' in last.details


def test_a_deleted_candidate_takes_the_photo_along(env: Env, actors: dict[Role, Actor]) -> None:
    """The photo row cascades with its candidate: no orphan picture is left in the database."""
    admin = actors[Role.EXAM_ADMIN]
    _, targets = _batch(env, actors, 1)
    photos.set_photo(env, admin, targets[0].candidate_id, portrait_jpeg(80))
    with env.uow() as uow:
        session = uow.session  # type: ignore[attr-defined]
        session.execute(
            text("DELETE FROM candidates WHERE id = :id"), {"id": targets[0].candidate_id}
        )
        uow.commit()
    with env.uow(write=False) as uow:
        assert uow.photos.get(targets[0].candidate_id) is None


def test_a_backup_carries_the_photos(
    env: Env,
    actors: dict[Role, Actor],
    admin: Actor,
    backend: str,
    installed: Template,
    tmp_path: Path,
) -> None:
    """Photos live in the database, so the backup holds every one of them, byte for byte."""
    if backend != "sqlite":
        pytest.skip("the online backup copies SQLite databases")
    _, targets = _batch(env, actors, 1)
    stored = photos.set_photo(
        env, actors[Role.EXAM_ADMIN], targets[0].candidate_id, portrait_jpeg(81)
    )
    copy = tmp_path / "backup.db"
    maintenance.backup(env, admin, copy)
    # A backup of the encrypted store is encrypted with the same key.
    opened = cipher.connect(copy, installed.key) if installed.key else sqlite3.connect(copy)
    with closing(opened) as db:
        rows = db.execute("SELECT candidate_id, jpeg FROM candidate_photos").fetchall()
    assert rows == [(targets[0].candidate_id, stored.jpeg)]


def test_refusals_of_an_archive_never_show_a_full_id_number(
    env: Env, actors: dict[Role, Actor], tmp_path: Path
) -> None:
    """A hostile or oversized member named by an ID number is named masked in the refusal."""
    batch_id, targets = _batch(env, actors, 1)
    number = targets[0].id_number
    archive = _zip(tmp_path / "p.zip", {f"../{number}.jpg": portrait_jpeg(1)})
    with pytest.raises(ValidationError) as refused:
        photos.check_photos(env, actors[Role.EXAM_ADMIN], batch_id, archive)
    assert number not in refused.value.message and number[-4:] in refused.value.message
