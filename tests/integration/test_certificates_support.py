"""Shared set-up for the certificate tests: a batch with candidates, results, approvals and a seal.

Candidates and confirmed results are written straight into storage, as intake and score entry
would have left them.
"""

from __future__ import annotations

import functools
import itertools
from datetime import UTC, date, datetime

from kaoping.adapters.image_registry import (
    load_emblem_references,
    open_image,
    pixel_hash,
    screen_mark,
)
from kaoping.adapters.photos import prepare_photo
from kaoping.domain.catalogue import Level
from kaoping.domain.plans import Plan
from kaoping.domain.roles import Role
from kaoping.paths import resource_path
from kaoping.services import certificates, plans
from kaoping.services.base import Actor, Env
from kaoping.services.ports.photos import PhotoSpec
from kaoping.storage.exams_tables import ResultRow
from kaoping.storage.intake_tables import CandidateRow
from kaoping.storage.photos_tables import CandidatePhotoRow
from tests.photo_faces import jpeg, portrait

PASSPHRASE = "key-passphrase-1"
NAMES = ("张三明", "李四", "王小五", "欧阳娜娜", "赵六", "陈思远", "黄晓琳", "韦秀兰")
APPROVED_ON = date(2026, 11, 20)
_SERIALS = itertools.count(1)


def make_batch(env: Env, actors: dict[Role, Actor], code: str = "B2026-01") -> str:
    """A plan for 人工智能 (intermediate, one direction) with one batch; returns the batch code."""
    admin = actors[Role.EXAM_ADMIN]
    plan = Plan(
        0,
        f"P-{code}",
        "2026 年人工智能中级考核",
        "2-02-10-09",
        "计算机视觉产品实现",
        Level.INTERMEDIATE,
        date(2026, 10, 1),
        date(2026, 12, 31),
        "南宁考点",
        500,
        "广西某培训学校",
    )
    plan_id = plans.create_plan(env, admin, plan)
    plans.create_batch(env, admin, plan_id, code, "第一批", date(2026, 10, 10), date(2026, 10, 11))
    return code


def current_screen_mark() -> str:
    """The mark photo intake keeps with a picture that passed today's emblem screen."""
    return screen_mark(load_emblem_references(resource_path("rules", "emblem_references")))


def as_intake_keeps(photo: bytes) -> dict[str, str]:
    """What intake keeps with a stored photo besides the picture: screen mark, pixel hash."""
    return {"screened_with": current_screen_mark(), "pixel_sha256": pixel_hash(open_image(photo))}


@functools.cache
def checked_photo(seed: int = 1) -> bytes:
    """A portrait as the photo checks store it (JPEG, 358 × 441)."""
    return prepare_photo(jpeg(portrait(seed)), PhotoSpec()).jpeg


_CHECKED = b"checked"


def add_candidates(
    env: Env,
    batch_code: str,
    count: int,
    *,
    outcome: str | None = "passed",
    status: str = "active",
    photo: bytes | None = _CHECKED,
    screened_with: str = "",
    pixel_sha256: str = "",
) -> list[int]:
    """Insert candidates (and their confirmed results) as intake and scoring leave them.

    Each gets a checked photo unless `photo` says otherwise (None: no photo), kept with the
    emblem screen's mark `screened_with` and pixel hash `pixel_sha256` (empty: as photos stored
    before they were kept).
    """
    picture = checked_photo() if photo == _CHECKED else photo
    now = datetime(2026, 11, 1, tzinfo=UTC)
    ids = []
    with env.uow() as uow:
        batch = uow.plans.batch_by_code(batch_code)
        assert batch is not None
        session = uow.session  # type: ignore[attr-defined]
        for i in range(count):
            serial = f"{next(_SERIALS):04d}"
            row = CandidateRow(
                batch_id=batch.id,
                eligible=True,  # as intake leaves an eligible applicant
                name=NAMES[i % len(NAMES)],
                id_type="居民身份证",
                id_number=f"45010219900101{serial}",
                id_masked=f"450***********{serial}",
                person_key=f"pk-{serial}",
                education="大学本科",
                region_basis="在桂工作",
                occupation_code="2-02-10-09",
                direction="计算机视觉产品实现",
                level=Level.INTERMEDIATE.value,
                status=status,
                created_at=now,
                updated_at=now,
            )
            session.add(row)
            session.flush()
            if picture is not None:
                session.add(
                    CandidatePhotoRow(
                        candidate_id=row.id,
                        jpeg=picture,
                        original_sha256="0" * 64,
                        width=358,
                        height=441,
                        imported_at=now,
                        imported_by="u_admin",
                        screened_with=screened_with,
                        pixel_sha256=pixel_sha256,
                    )
                )
            if outcome is not None:
                session.add(
                    ResultRow(
                        candidate_id=row.id,
                        batch_id=batch.id,
                        outcome=outcome,
                        confirmed_at=now,
                        confirmed_by="u_supervisor",
                    )
                )
            ids.append(row.id)
        uow.commit()
    return ids


def register_seal(env: Env, officer: Actor) -> str:
    """Register the shipped demonstration seal as the body's seal; returns its pixel hash."""
    seal = resource_path("images", "demo_seal.png").read_bytes()
    return certificates.register_asset(env, officer, "机构印章", "seal", seal).sha256


def ready_batch(
    env: Env, actors: dict[Role, Actor], count: int, code: str = "B2026-01"
) -> tuple[str, list[int]]:
    """A batch of passed and approved candidates and a registered seal, ready for issuing."""
    officer = actors[Role.CERTIFICATE_OFFICER]
    batch = make_batch(env, actors, code)
    ids = add_candidates(env, batch, count)
    certificates.record_approval(env, officer, batch, ids, "人社专技审〔2026〕18号", APPROVED_ON)
    register_seal(env, officer)
    return batch, ids
