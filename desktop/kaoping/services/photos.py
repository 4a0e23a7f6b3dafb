"""Candidate photos (考生照片): batch import, one photo at a time, viewing, size setting, purging.

A batch's photos come as a folder or zip of files named by ID number (or admission ticket number),
or as pictures anchored in a roster workbook's 照片 column. Every file is matched to exactly one
active candidate of the batch and checked (`PhotoTool.prepare`); like a roster, the import is all
or nothing unless the person chooses to take only the valid photos after seeing the report.

The checks run before the transaction opens (they take seconds for a thousand photos, and a
database write lock must not wait on them); the transaction then checks that every candidate is
still there and active, and stores the photos at once.

Photos are personal data (DESIGN.md rule 8): reading one needs `PHOTOS_VIEW`, audit entries carry
counts and file names only, never pictures, and full ID numbers in file names are masked in
reports.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from kaoping.domain.errors import CancelledByUser, NotFound, ValidationError
from kaoping.domain.idnumber import mask_id
from kaoping.domain.plans import BatchStatus
from kaoping.domain.roles import Permission
from kaoping.domain.roster import CandidateStatus
from kaoping.services.base import Actor, Env, action, reading, require_batch
from kaoping.services.ports.core import UnitOfWork
from kaoping.services.ports.photos import (
    PhotoCancelled,
    PhotoFile,
    PhotoRefused,
    PhotoSpec,
    PhotoTarget,
    PreparedPhoto,
    StoredPhoto,
)

SIZE_SETTING = "photos.size"
MIN_SIDE, MAX_SIDE = 150, 2000
_FIELD = "照片"
_LONG_NUMBER = re.compile(r"\d{14,17}[\dXx]")

Progress = Callable[[int, int], bool]
"""Called as progress(done, total); returning False cancels with nothing imported."""


class PhotosCancelled(CancelledByUser):
    """The person stopped a photo import; nothing was stored."""


@dataclass(frozen=True)
class PhotoProblem:
    """Why one file (or roster row) was refused.

    Attributes:
        label: The file name inside the folder or zip, or "名册第 N 行"; long ID numbers masked.
        reason: What is wrong and what to do, in Chinese.
    """

    label: str
    reason: str

    def __str__(self) -> str:
        return f"{self.label}：{self.reason}"


@dataclass(frozen=True)
class PhotoReport:
    """What checking a set of photos found."""

    source: str
    total: int
    valid: int
    problems: tuple[PhotoProblem, ...]


@dataclass(frozen=True)
class PhotoImportResult:
    """How many photos were stored, how many of them replaced an earlier one, and the report."""

    imported: int
    replaced: int
    report: PhotoReport


class PhotosRejected(ValidationError):
    """Photos with problems were refused as a whole; nothing was stored."""

    def __init__(self, report: PhotoReport) -> None:
        super().__init__(
            f"{report.source} 中有 {len(report.problems)} 个文件不符合要求，照片均未导入。"
            "请按报告修改后重新导入，或选择只导入合格的照片。",
            field=_FIELD,
        )
        self.report = report


@dataclass(frozen=True)
class PhotoCount:
    """How many of a batch's active candidates have a photo."""

    with_photo: int
    candidates: int


# ---------------------------------------------------------------------------------------------
# Settings


def photo_spec(uow: UnitOfWork) -> PhotoSpec:
    """The stored photo size from the settings (default 358 × 441 pixels)."""
    value = uow.settings.get(SIZE_SETTING)
    if isinstance(value, dict):
        return PhotoSpec(int(value.get("width", 358)), int(value.get("height", 441)))
    return PhotoSpec()


def set_photo_size(env: Env, actor: Actor, width: int, height: int) -> PhotoSpec:
    """Set the size photos are stored at from now on (earlier photos keep theirs).

    Raises:
        ValidationError: A side outside 150-2000 pixels, or a landscape size.
    """
    with action(env, actor, Permission.SETTINGS_MANAGE, "photos.size") as tx:
        if not (MIN_SIDE <= width <= MAX_SIDE and MIN_SIDE <= height <= MAX_SIDE):
            raise ValidationError(
                f"照片尺寸 {width}×{height} 超出范围：宽和高都应在 {MIN_SIDE}–{MAX_SIDE} 像素之间",
                field="照片尺寸",
            )
        if width >= height:
            raise ValidationError(
                f"照片尺寸 {width}×{height} 不是竖版：证件照的高应大于宽（如 358×441）",
                field="照片尺寸",
            )
        tx.uow.settings.put(SIZE_SETTING, {"width": width, "height": height})
        tx.record("setting:photos.size", width=width, height=height)
    return PhotoSpec(width, height)


def current_photo_size(env: Env, actor: Actor) -> PhotoSpec:
    """The size photos are stored at."""
    with reading(env, actor, Permission.CANDIDATES_VIEW) as uow:
        return photo_spec(uow)


# ---------------------------------------------------------------------------------------------
# Batch import


def check_photos(
    env: Env,
    actor: Actor,
    batch_id: int,
    path: Path,
    *,
    from_roster: bool = False,
    progress: Progress | None = None,
) -> PhotoReport:
    """Check a folder, zip or roster of photos against a batch; stores nothing."""
    report, _ = _assess(env, actor, batch_id, path, from_roster, progress)
    return report


def import_photos(
    env: Env,
    actor: Actor,
    batch_id: int,
    path: Path,
    *,
    valid_only: bool,
    from_roster: bool = False,
    progress: Progress | None = None,
) -> PhotoImportResult:
    """Import a batch's photos in one transaction (see the module docstring).

    Args:
        env: The services' environment.
        actor: The signed-in user.
        batch_id: The batch whose candidates the photos belong to.
        path: A folder or .zip of JPEG/PNG files named by ID or ticket number, or (with
            `from_roster`) an .xlsx roster with pictures in its 照片 column.
        valid_only: Store the good photos even if others are refused; otherwise any refused
            file refuses the whole import.
        from_roster: `path` is a roster workbook.
        progress: Told how far the work is; returning False cancels with nothing stored.

    Raises:
        PhotosRejected: Refused files and not `valid_only`; carries the report.
        PhotosCancelled: The person cancelled.
    """
    report, ready = _assess(env, actor, batch_id, path, from_roster, progress)
    with action(env, actor, Permission.CANDIDATES_IMPORT, "photos.import") as tx:
        batch = require_batch(tx.uow, batch_id)
        if report.problems and not valid_only:
            raise PhotosRejected(report)
        current = {t.candidate_id for t in tx.uow.photos.targets(batch.id)}
        gone = [cid for cid in ready if cid not in current]
        if gone:
            raise ValidationError(
                f"检查照片期间有 {len(gone)} 名考生被撤回或作废，请重新导入", field=_FIELD
            )
        stored = [
            StoredPhoto(
                cid,
                p.jpeg,
                p.original_sha256,
                p.width,
                p.height,
                tx.now,
                actor.username,
                p.screened_with,
                p.pixel_sha256,
            )
            for cid, p in ready.items()
        ]
        replaced = tx.uow.photos.put_many(stored)
        tx.record(
            f"batch:{batch.id}",
            batch=batch.code,
            file=path.name,
            imported=len(stored),
            replaced=replaced,
            refused=len(report.problems),
            valid_only=valid_only,
        )
    return PhotoImportResult(len(stored), replaced, report)


def _assess(
    env: Env,
    actor: Actor,
    batch_id: int,
    path: Path,
    from_roster: bool,
    progress: Progress | None,
) -> tuple[PhotoReport, dict[int, PreparedPhoto]]:
    with reading(env, actor, Permission.CANDIDATES_IMPORT) as uow:
        require_batch(uow, batch_id)
        targets = uow.photos.targets(batch_id)
        spec = photo_spec(uow)
    tool = env.adapters.photos
    files = tool.read_roster(path) if from_roster else tool.read_files(path)
    problems, matched = _match(files, targets)
    total = len(files)

    def tick(done: int, count: int) -> bool:
        return progress is None or progress(done, count)

    if not tick(0, len(matched)):
        raise PhotosCancelled("已取消，照片均未导入。")
    try:
        results = tool.prepare_many([f.data for f, _ in matched], spec, tick)
    except PhotoCancelled:
        raise PhotosCancelled("已取消，照片均未导入。") from None
    ready: dict[int, PreparedPhoto] = {}
    for (file, target), result in zip(matched, results, strict=True):
        if isinstance(result, PhotoRefused):
            problems.append(PhotoProblem(_shown(file.label), "；".join(result.reasons)))
        else:
            ready[target.candidate_id] = result
    problems.sort(key=lambda p: p.label)
    source = path.name
    return PhotoReport(source, total, len(ready), tuple(problems)), ready


def _shown(label: str) -> str:
    """A file name as reports show it: long ID numbers masked (rule 8: no full number shown)."""
    return _LONG_NUMBER.sub(lambda m: mask_id(m.group(0)), label)


def _match(
    files: Sequence[PhotoFile], targets: Sequence[PhotoTarget]
) -> tuple[list[PhotoProblem], list[tuple[PhotoFile, PhotoTarget]]]:
    """Each file's candidate: exactly one by full ID number or ticket number, and one file each."""
    index: dict[str, dict[int, PhotoTarget]] = defaultdict(dict)
    for target in targets:
        for key in (target.id_number, *target.ticket_numbers):
            if key:
                index[key.strip().upper()][target.candidate_id] = target
    problems: list[PhotoProblem] = []
    claimed: dict[int, list[PhotoFile]] = defaultdict(list)
    for file in files:
        label = _shown(file.label)
        if file.problem:
            problems.append(PhotoProblem(label, file.problem))
            continue
        found = index.get(file.key, {})
        if not found:
            problems.append(PhotoProblem(label, _no_candidate(file)))
        elif len(found) > 1:
            problems.append(
                PhotoProblem(
                    label,
                    f"对应本批次 {len(found)} 名考生（{'、'.join(t.name for t in found.values())}），"
                    "无法确定是谁的照片；请改用准考证号命名",
                )
            )
        else:
            claimed[next(iter(found))].append(file)
    matched: list[tuple[PhotoFile, PhotoTarget]] = []
    by_id = {t.candidate_id: t for t in targets}
    for candidate_id, claims in claimed.items():
        if len(claims) == 1:
            matched.append((claims[0], by_id[candidate_id]))
            continue
        names = "、".join(_shown(c.label) for c in claims)
        for claim in claims:
            problems.append(
                PhotoProblem(
                    _shown(claim.label),
                    f"考生 {by_id[candidate_id].name} 有 {len(claims)} 张照片（{names}），"
                    "每名考生只能有一张；请删去多余的",
                )
            )
    return problems, matched


def _no_candidate(file: PhotoFile) -> str:
    if not file.key:
        return "该行的“证件号码”为空，不知道照片属于谁"
    return "文件名不是本批次在册考生的证件号码或准考证号；请用证件号码或准考证号命名照片文件"


# ---------------------------------------------------------------------------------------------
# One candidate


def set_photo(env: Env, actor: Actor, candidate_id: int, data: bytes) -> PreparedPhoto:
    """Check and store one candidate's photo (a file, a pasted picture or a corrected crop).

    Raises:
        ValidationError: The picture fails a check (every reason given), or the candidate is
            unknown or no longer active.
    """
    with reading(env, actor, Permission.CANDIDATES_EDIT) as uow:
        spec = photo_spec(uow)
    try:
        prepared = env.adapters.photos.prepare(data, spec)
    except PhotoRefused as refused:
        raise ValidationError("照片不合格：" + "；".join(refused.reasons), field=_FIELD) from None
    with action(env, actor, Permission.CANDIDATES_EDIT, "photos.set") as tx:
        found = tx.uow.candidates.summaries([candidate_id])
        if not found:
            raise NotFound(f"考生（编号 {candidate_id}）不存在", field="考生")
        if found[0].status is not CandidateStatus.ACTIVE:
            raise ValidationError(
                f"考生 {found[0].name} 的申报已{found[0].status.label}，不能再更换照片",
                field=_FIELD,
            )
        replaced = tx.uow.photos.put(
            StoredPhoto(
                candidate_id,
                prepared.jpeg,
                prepared.original_sha256,
                prepared.width,
                prepared.height,
                tx.now,
                actor.username,
                prepared.screened_with,
                prepared.pixel_sha256,
            )
        )
        tx.record(f"candidate:{candidate_id}", replaced=replaced)
    return prepared


def candidate_photo(env: Env, actor: Actor, candidate_id: int) -> bytes | None:
    """The candidate's stored photo (JPEG), or None; only for roles that need to see it."""
    with reading(env, actor, Permission.PHOTOS_VIEW) as uow:
        stored = uow.photos.get(candidate_id)
    return stored.jpeg if stored is not None else None


def delete_photo(env: Env, actor: Actor, candidate_id: int) -> bool:
    """Remove a candidate's photo; False when there was none."""
    with action(env, actor, Permission.CANDIDATES_EDIT, "photos.delete") as tx:
        gone = tx.uow.photos.delete([candidate_id]) > 0
        tx.record(f"candidate:{candidate_id}", deleted=gone)
    return gone


def photo_count(env: Env, actor: Actor, batch_id: int) -> PhotoCount:
    """How many of a batch's active candidates have a photo."""
    with reading(env, actor, Permission.CANDIDATES_VIEW) as uow:
        require_batch(uow, batch_id)
        with_photo, total = uow.photos.count(batch_id)
    return PhotoCount(with_photo, total)


# ---------------------------------------------------------------------------------------------
# Retention


def purge_batch(env: Env, actor: Actor, batch_id: int) -> int:
    """Delete every photo of a batch once its retention ends; returns how many were deleted.

    Photos are kept while a certificate may still be issued or reissued from them: only a batch
    whose certificates are issued can be purged. Deleting a candidate deletes the photo with it
    (the table's foreign key cascades), so nothing is left behind either way.

    Raises:
        ValidationError: The batch is not yet at "certificates issued".
    """
    with action(env, actor, Permission.CANDIDATES_EDIT, "photos.purge") as tx:
        batch = require_batch(tx.uow, batch_id)
        if batch.status is not BatchStatus.ISSUED:
            raise ValidationError(
                f"批次 {batch.code} 当前为“{batch.status.label}”：证书全部颁发前照片还要用于"
                "证书和准考证，不能清除",
                field="批次",
            )
        deleted = tx.uow.photos.delete_batch(batch.id)
        tx.record(f"batch:{batch.id}", batch=batch.code, deleted=deleted)
    return deleted
