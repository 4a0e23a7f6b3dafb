"""Photos on the desktop: the batch import with its report, one candidate's photo, crop and rotate."""

from __future__ import annotations

import io
import os
import zipfile
from pathlib import Path

import pytest
from PIL import Image
from pytestqt.qtbot import QtBot

from PySide6.QtGui import QGuiApplication, QImage
from PySide6.QtWidgets import QDialog, QWidget

from kaoping.domain.idnumber import mask_id
from kaoping.domain.roles import Role
from kaoping.services import photos
from kaoping.services.base import Actor, Env
from kaoping.services.ports.photos import PhotoTarget
from kaoping.ui.dialogs import photo_dialogs
from kaoping.ui.dialogs.photo_crop_dialog import PhotoCropDialog
from kaoping.ui.dialogs.photo_dialogs import CandidatePhotoDialog, PhotoImportDialog
from kaoping.ui.pages.candidates_page import CandidatesPage
from tests.integration.test_certificates_support import add_candidates, make_batch
from tests.photo_faces import png, portrait, portrait_jpeg


def _shot(widget: QWidget, name: str) -> None:
    """Keep a screenshot where KAOPING_SCREENSHOTS points (to look at the screen as a user)."""
    folder = os.environ.get("KAOPING_SCREENSHOTS")
    if folder:
        widget.grab().save(str(Path(folder) / name))


def _batch(env: Env, actors: dict[Role, Actor], count: int) -> tuple[int, list[PhotoTarget]]:
    code = make_batch(env, actors, "B-UIPHOTO")
    add_candidates(env, code, count, outcome=None, photo=None)
    with env.uow() as uow:
        batch = uow.plans.batch_by_code(code)
        assert batch is not None
        return batch.id, uow.photos.targets(batch.id)


def test_import_dialog_reports_each_file_and_imports_the_good_ones(
    qtbot: QtBot, env: Env, actors: dict[Role, Actor], tmp_path: Path
) -> None:
    """The report lists the refused file with its reason; "only the good ones" stores the rest."""
    admin = actors[Role.EXAM_ADMIN]
    batch_id, targets = _batch(env, actors, 3)
    archive = tmp_path / "照片.zip"
    with zipfile.ZipFile(archive, "w") as out:
        out.writestr(f"{targets[0].id_number}.jpg", portrait_jpeg(0))
        out.writestr(f"{targets[1].id_number}.jpg", portrait_jpeg(1))
        grey = io.BytesIO()
        portrait(2).convert("L").save(grey, format="JPEG")
        out.writestr(f"{targets[2].id_number}.jpg", grey.getvalue())
    dialog = PhotoImportDialog(env, admin, batch_id, "B-UIPHOTO")
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.check(archive)
    assert dialog.table.rowCount() == 1
    assert dialog.table.item(0, 0).text() == f"{mask_id(targets[2].id_number)}.jpg"
    assert "黑白" in dialog.table.item(0, 1).text()
    assert not dialog.all_button.isEnabled() and dialog.valid_only_button.isEnabled()
    assert dialog.valid_only_button.text() == "仅导入合格的 2 张"
    _shot(dialog, "photo-import.png")
    dialog.valid_only_button.click()
    assert dialog.result() == QDialog.DialogCode.Accepted and dialog.imported == 2
    assert photos.photo_count(env, admin, batch_id).with_photo == 2


def test_a_sideways_photo_is_refused_then_fixed_by_turning_it(
    qtbot: QtBot, env: Env, actors: dict[Role, Actor], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A picture lying on its side fails the checks; turned right in the crop dialog it passes."""
    admin = actors[Role.EXAM_ADMIN]
    _, targets = _batch(env, actors, 1)
    candidate = targets[0]
    dialog = CandidatePhotoDialog(env, admin, candidate.candidate_id, candidate.name)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.photo_label.text() == "还没有照片"
    sideways = png(portrait(7, (358, 441)).transpose(Image.Transpose.ROTATE_90))
    assert not dialog.offer(sideways)
    assert "宽高比不符" in dialog.message_label.text()

    def turn_and_accept(crop: PhotoCropDialog) -> int:
        crop.resize(560, 680)
        crop.turn_quarter(1)
        crop.show()
        _shot(crop, "photo-crop.png")
        return QDialog.DialogCode.Accepted.value

    monkeypatch.setattr(PhotoCropDialog, "exec", turn_and_accept)
    dialog.crop_button.click()
    assert "照片已保存（358×441 像素）" in dialog.message_label.text(), dialog.message_label.text()
    assert not dialog.photo_label.pixmap().isNull() and dialog.changed
    _shot(dialog, "photo-candidate.png")
    stored = photos.candidate_photo(env, admin, candidate.candidate_id)
    assert stored is not None and Image.open(io.BytesIO(stored)).size == (358, 441)


def test_pasting_a_picture_and_who_sees_it(
    qtbot: QtBot, env: Env, actors: dict[Role, Actor]
) -> None:
    """A copied picture is pasted in; a supervisor sees no photo and no buttons to change it."""
    admin = actors[Role.EXAM_ADMIN]
    _, targets = _batch(env, actors, 1)
    candidate = targets[0]
    QGuiApplication.clipboard().setImage(QImage.fromData(portrait_jpeg(3)))
    dialog = CandidatePhotoDialog(env, admin, candidate.candidate_id, candidate.name)
    qtbot.addWidget(dialog)
    dialog.paste_button.click()
    assert photos.candidate_photo(env, admin, candidate.candidate_id) is not None
    supervisor = CandidatePhotoDialog(
        env, actors[Role.SUPERVISOR], candidate.candidate_id, candidate.name
    )
    qtbot.addWidget(supervisor)
    assert supervisor.photo_label.text() == "无权查看照片"
    assert supervisor.file_button.isHidden() and supervisor.paste_button.isHidden()


def test_candidates_page_offers_photo_import_and_counts(
    qtbot: QtBot, env: Env, actors: dict[Role, Actor], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The candidates page has the photo buttons and says how many candidates have a photo."""
    admin = actors[Role.EXAM_ADMIN]
    batch_id, targets = _batch(env, actors, 2)
    photos.set_photo(env, admin, targets[0].candidate_id, portrait_jpeg(5))
    page = CandidatesPage(env, admin)
    qtbot.addWidget(page)
    page.resize(1366, 768)
    page.show()
    page.batch_combo.setCurrentIndex(page.batch_combo.findData(batch_id))
    assert "在册 2 人中 1 人已有照片" in page.count_label.text()
    assert page.photo_import_button.isVisible() and page.photo_button.isVisible()
    page.view.selectRow(0)
    opened: list[int] = []
    monkeypatch.setattr(
        photo_dialogs.CandidatePhotoDialog, "exec", lambda self: opened.append(1) or 0
    )
    page.photo_button.click()
    assert opened == [1]
    _shot(page, "candidates-page.png")
