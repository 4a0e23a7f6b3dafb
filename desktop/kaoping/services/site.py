"""Offline exam sites (考点): the site package out, the results package back (docs/site-packages.md).

Head office exports one session as a signed "site" package: roster with masked ID numbers and a
keyed digest of each full number (so check-in by ID works offline without the number), photos,
seating, staff and their sign-in accounts (password hashes, never passwords), and the session's
sealed papers (still encrypted; two openers open them at the site inside the same window). The
site laptop, initialised with the same body profile and trusting head office's certificate,
imports it, works offline, and exports a signed "results" package (check-in, incidents, score
history) that head office merges without overwriting anything it already holds differently.
"""

from __future__ import annotations

import dataclasses
import hashlib
import hmac
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, cast

from kaoping.domain.errors import ConflictError, NotFound, ValidationError
from kaoping.domain.packages import PackageKind, VerifiedPackage
from kaoping.domain.roles import Permission, Role
from kaoping.services import checkin, papers
from kaoping.services.base import Actor, Env, action, reading, require_batch
from kaoping.services.checkin import DIGEST_N, DIGEST_P, DIGEST_R, id_digest
from kaoping.services.packaging import (
    CancelFlag,
    ExportedPackage,
    json_bytes,
    register_import,
    require_same_body,
    sign_package,
    verified_import,
)
from kaoping.services.ports.core import UnitOfWork
from kaoping.services.ports.exchange import MergeOutcome, Row, SeatState

PAPER_FOLDER = "papers/"
ROSTER_COLUMNS = (
    "考生编号",
    "座位号",
    "准考证号",
    "姓名",
    "证件类型",
    "证件号码脱敏",
    "证件号码摘要",
    "性别",
    "职业编码",
    "职业方向",
    "等级",
    "状态",
    "人员标识",
    "出勤",
    "签到时间",
)
STAFF_COLUMNS = (
    "姓名",
    "角色",
    "人员库角色",
    "职业",
    "等级",
    "考评员证书编号",
    "工作单位",
    "用户名",
)
ACCOUNT_COLUMNS = ("用户名", "姓名", "角色", "密码摘要")
SEAT_COLUMNS = ("场次", "准考证号", "出勤", "签到时间")
SITE_INCIDENT_COLUMNS = ("准考证号", "类型", "说明", "记录时间", "记录人")
SITE_SCORE_COLUMNS = (
    "记录编号",
    "准考证号",
    "科目",
    "类型",
    "状态",
    "成绩",
    "原状态",
    "原成绩",
    "操作人",
    "批准人",
    "原因",
    "关联记录",
    "来源",
    "时间",
)
# A site account never carries administration rights to the laptop.
_SITE_ROLES = frozenset({Role.EXAMINER, Role.SUPERVISOR, Role.EXAM_ADMIN})


@dataclass(frozen=True)
class SiteInstall:
    """What importing a site package did on the site laptop.

    Attributes:
        session_id: The session's id in this (site) database.
        session_code: Its code.
        batch: Batch code.
        candidates: Seats installed.
        photos: Photos received.
        accounts_added: Examiner accounts created.
        accounts_skipped: Usernames that already existed here and were left unchanged.
        papers: Codes of the sealed papers installed for offline opening.
    """

    session_id: int
    session_code: str
    batch: str
    candidates: int
    photos: int
    accounts_added: int
    accounts_skipped: tuple[str, ...]
    papers: tuple[str, ...] = ()


@dataclass(frozen=True)
class ResultsMerge:
    """What importing a results package did at head office.

    Attributes:
        batch: Batch code.
        session_code: Session code.
        seats: Check-in merge.
        incidents: Incident merge.
        scores: Score history merge.
    """

    batch: str
    session_code: str
    seats: MergeOutcome
    incidents: MergeOutcome
    scores: MergeOutcome

    @property
    def conflicts(self) -> tuple[str, ...]:
        """Every record left unchanged because head office holds something different."""
        return self.seats.conflicts + self.incidents.conflicts + self.scores.conflicts

    def describe(self) -> str:
        """One Chinese summary line."""
        text = (
            f"场次 {self.session_code}：考勤新增 {self.seats.added}、相同 {self.seats.unchanged}；"
            f"违纪新增 {self.incidents.added}、相同 {self.incidents.unchanged}；"
            f"成绩记录新增 {self.scores.added}、相同 {self.scores.unchanged}"
        )
        if self.conflicts:
            text += f"；{len(self.conflicts)} 条与总部不一致，未覆盖：" + "；".join(self.conflicts)
        return text + "。"


class _JoinedUnitOfWork:
    """An action's open unit of work, lent to another service's action called inside it.

    The called action then runs in the same transaction: its permission check and audit entry
    happen there, and committing is left to the outer action, so both succeed or fail together
    (nothing half-done: a site package never installs without its sealed papers).
    """

    def __init__(self, uow: UnitOfWork) -> None:
        self._uow = uow

    def __call__(self, write: bool = True) -> UnitOfWork:
        return cast(UnitOfWork, self)

    def __enter__(self) -> UnitOfWork:
        return cast(UnitOfWork, self)

    def __exit__(self, *exc_info: object) -> None:
        """The outer action closes the transaction."""

    def commit(self) -> None:
        """The outer action commits."""

    def rollback(self) -> None:
        """The outer action rolls back when the error reaches it."""

    def __getattr__(self, name: str) -> Any:
        return getattr(self._uow, name)


def _joined(env: Env, uow: UnitOfWork) -> Env:
    return dataclasses.replace(env, uow=_JoinedUnitOfWork(uow))


# --- head office: the site package out -----------------------------------------------------------


def export_site_package(
    env: Env,
    actor: Actor,
    batch_code: str,
    session_code: str,
    passphrase: str,
    cancelled: CancelFlag | None = None,
) -> ExportedPackage:
    """Make the signed package a site laptop needs to run one session offline.

    The session's sealed papers go along (their export is audited in the same transaction).

    Raises:
        ExportCancelled: ``cancelled`` said stop before anything was stored.
    """
    with action(env, actor, Permission.SESSIONS_MANAGE, "site.export", f"batch:{batch_code}") as tx:
        batch = require_batch(tx.uow, batch_code)
        session_id = tx.uow.exchange.session_id(batch.id, session_code)
        if session_id is None:
            raise NotFound(f"批次 {batch_code} 中没有场次 {session_code}。", field="场次")
        roster = tx.uow.exchange.site_roster(session_id)
        if not roster:
            raise ConflictError(
                f"场次 {session_code} 还没有安排考生座位，请先编排座位。", field="场次"
            )
        files = _site_files(env, tx.uow, batch.id, session_id, roster)
        files.update(_sealed_papers(env, tx.uow, actor, session_id))
        summary = {
            "candidates": len(roster),
            "photos": sum(1 for n in files if n[:7] == "photos/"),
            "accounts": len(tx.uow.exchange.site_users(session_id)),
            "papers": sum(1 for n in files if n.startswith(PAPER_FOLDER)),
        }
        return sign_package(
            env, tx, actor, PackageKind.SITE, batch.code, files, passphrase, summary, cancelled
        )


def _site_files(
    env: Env, uow: UnitOfWork, batch_id: int, session_id: int, roster: Sequence[Row]
) -> dict[str, bytes]:
    tool = env.adapters.packages
    batch = require_batch(uow, batch_id)
    salt = _digest_salt(uow, batch.code)
    rows = [dict(r, 证件号码摘要=id_digest(str(r["_id_number"]), salt)) for r in roster]
    accounts = [
        {
            "用户名": u.username,
            "姓名": u.display_name,
            "角色": ",".join(u.roles),
            "密码摘要": u.password_hash,
        }
        for u in uow.exchange.site_users(session_id)
    ]
    files = {
        "site.json": json_bytes(_site_header(uow, batch_id, session_id, salt)),
        "roster.csv": tool.to_csv(rows, ROSTER_COLUMNS),
        "staff.csv": tool.to_csv(uow.exchange.site_staff(session_id), STAFF_COLUMNS),
        "accounts.csv": tool.to_csv(accounts, ACCOUNT_COLUMNS),
    }
    for candidate_id, photo in uow.exchange.site_photos(session_id).items():
        files[f"photos/{candidate_id}.{_image_suffix(photo)}"] = photo
    return files


def _digest_salt(uow: UnitOfWork, batch_code: str) -> str:
    # One salt per batch, derived from head office's ticket key: a candidate seated in several
    # sessions of the batch has the same digest in each session's package, so check-in by ID
    # works in every session installed on a laptop.
    key = checkin.ticket_key(uow, create=True)
    assert key is not None
    label = f"kaoping/site-id-digest/{batch_code}".encode()
    return hmac.new(key, label, hashlib.sha256).hexdigest()[:32]


def _sealed_papers(env: Env, uow: UnitOfWork, actor: Actor, session_id: int) -> dict[str, bytes]:
    files: dict[str, bytes] = {}
    for paper in uow.bank.papers():
        if paper.session_id != session_id or paper.status != "sealed":
            continue
        data = papers.export_sealed_paper(_joined(env, uow), actor, paper.paper_id)
        if len(json.loads(data.decode("utf-8"))["openers"]) < 2:
            raise ConflictError(
                f"试卷 {paper.code} 的有效启封人已不足两位（启封人的密码被重置后其份额失效），"
                "到考点将无法启封；请重新组卷并封存后再导出考点数据包。",
                field="试卷",
            )
        files[f"{PAPER_FOLDER}{paper.code}.json"] = data
    return files


def _site_header(uow: UnitOfWork, batch_id: int, session_id: int, salt: str) -> dict[str, object]:
    batch = require_batch(uow, batch_id)
    info = uow.exams.session(session_id)
    assert info is not None
    plan = uow.plans.plan(batch.plan_id)
    assert plan is not None
    session = next(r for r in uow.exchange.session_rows(batch_id) if r["_id"] == session_id)
    key = checkin.ticket_key(uow)
    return {
        "plan": {
            "code": plan.code,
            "title": plan.title,
            "occupation_code": plan.occupation_code,
            "direction": plan.direction,
            "level": plan.level.value,
            "start_date": plan.start_date.isoformat(),
            "end_date": plan.end_date.isoformat(),
            "sites": plan.sites,
            "capacity": plan.capacity,
            "training_body": plan.training_body,
        },
        "batch": {
            "code": batch.code,
            "name": batch.name,
            "assessment_start": batch.assessment_start.isoformat(),
            "assessment_end": batch.assessment_end.isoformat(),
        },
        "session": {
            **{k: v for k, v in session.items() if k != "_id"},
            "_origin": session_id,
            "_room_index": info.room_index if info.room_index > 0 else "",
        },
        "id_digest": {
            "algorithm": "scrypt",
            "n": DIGEST_N,
            "r": DIGEST_R,
            "p": DIGEST_P,
            "dklen": 32,
            "salt": salt,
        },
        "ticket_key": key.hex() if key else "",
    }


def _image_suffix(data: bytes) -> str:
    if data.startswith(b"\x89PNG"):
        return "png"
    if data.startswith(b"\xff\xd8"):
        return "jpg"
    return "bin"


# --- site laptop: import, check-in by ID, results out --------------------------------------------


def import_site_package(env: Env, actor: Actor, data: bytes) -> SiteInstall:
    """Install a session received from head office on this site laptop (one transaction).

    Sealed papers in the package are installed with it, tied to the local copy of the session;
    two of their openers open them here inside the window fixed at export.
    """
    tool = env.adapters.packages
    with action(env, actor, Permission.PACKAGE_IMPORT, "site.import") as tx:
        package, signer = verified_import(env, tx.uow, data, PackageKind.SITE)
        require_same_body(tx.uow, package)
        header = _header(package)
        session = _mapping(header["session"])
        batch = _mapping(header["batch"])
        existing = tx.uow.plans.batch_by_code(str(batch["code"]))
        if existing and tx.uow.exchange.session_id(existing.id, str(session["场次"])):
            raise ConflictError(
                f"本机已有批次 {batch['code']} 的场次 {session['场次']}，不能重复导入。",
                field="场次",
            )
        roster = tool.from_csv(_file(package, "roster.csv"))
        photos = {
            int(n.split("/")[1].split(".")[0]): body
            for n, body in package.files.items()
            if n.startswith("photos/")
        }
        added, skipped = _install_accounts(
            env, tx.uow, tool.from_csv(_file(package, "accounts.csv"))
        )
        salt = str(_mapping(header["id_digest"])["salt"])
        now = env.clock.now()
        session_id = tx.uow.exchange.install_site(
            _mapping(header["plan"]),
            batch,
            session,
            roster,
            photos,
            tool.from_csv(_file(package, "staff.csv")),
            package.package_id,
            salt,
            now,
            actor.username,
        )
        _install_ticket_key(tx.uow, str(header.get("ticket_key", "")))
        paper_codes = _install_papers(env, tx.uow, actor, package, session_id)
        result = SiteInstall(
            session_id,
            str(session["场次"]),
            str(batch["code"]),
            len(roster),
            len(photos),
            added,
            skipped,
            paper_codes,
        )
        register_import(
            env,
            tx,
            actor,
            package,
            {"candidates": len(roster), "accounts": added, "papers": len(paper_codes)},
        )
        tx.record(
            f"session:{session_id}",
            batch=result.batch,
            session=result.session_code,
            signer=signer,
            candidates=len(roster),
            accounts_added=added,
            accounts_skipped=list(skipped),
            papers=list(paper_codes),
        )
    return result


def _header(package: VerifiedPackage) -> dict[str, object]:
    document = json.loads(_file(package, "site.json").decode("utf-8"))
    if not isinstance(document, dict):
        raise ValidationError("site.json 格式不对，请让总部重新导出考点数据包。")
    return document


def _mapping(value: object) -> Mapping[str, object]:
    if not isinstance(value, dict):
        raise ValidationError("site.json 格式不对，请让总部重新导出考点数据包。")
    return value


def _file(package: VerifiedPackage, name: str) -> bytes:
    if name not in package.files:
        raise ValidationError(f"数据包中缺少 {name}，请让发送方重新导出。", field=name)
    return package.files[name]


def _install_accounts(
    env: Env, uow: UnitOfWork, accounts: Sequence[Mapping[str, str]]
) -> tuple[int, tuple[str, ...]]:
    added, skipped = 0, []
    for account in accounts:
        username = account["用户名"]
        if uow.users.by_username(username) is not None:
            skipped.append(username)
            continue
        roles = [r for r in (Role(v) for v in account["角色"].split(",") if v) if r in _SITE_ROLES]
        uow.users.add(username, account["姓名"], account["密码摘要"], roles, env.clock.now())
        added += 1
    return added, tuple(skipped)


def _install_papers(
    env: Env, uow: UnitOfWork, actor: Actor, package: VerifiedPackage, session_id: int
) -> tuple[str, ...]:
    codes = []
    for name in sorted(n for n in package.files if n.startswith(PAPER_FOLDER)):
        local = _local_paper(package.files[name], name, session_id)
        codes.append(papers.import_sealed_paper(_joined(env, uow), actor, local).code)
    return tuple(codes)


def _local_paper(data: bytes, name: str, session_id: int) -> bytes:
    # The file names head office's session id; here the paper belongs to the local copy.
    try:
        document = json.loads(data.decode("utf-8"))
        document["paper"]["session_id"] = session_id
    except (UnicodeDecodeError, json.JSONDecodeError, KeyError, TypeError) as error:
        raise ValidationError(
            f"数据包中的封存试卷文件 {name} 已损坏，请让总部重新导出考点数据包。", field=name
        ) from error
    return json.dumps(document, ensure_ascii=False).encode("utf-8")


def _install_ticket_key(uow: UnitOfWork, key: str) -> None:
    # Admission tickets were printed at head office, so their QR codes verify with its key.
    if key:
        uow.settings.put(checkin.TICKET_KEY_SETTING, key)


def find_ticket_by_id(env: Env, actor: Actor, session_id: int, id_number: str) -> str:
    """The admission ticket number of the candidate with this ID number, on a site laptop.

    Raises:
        NotFound: The session did not come from head office, or nobody in it has this number.
    """
    with reading(env, actor, Permission.CHECKIN) as uow:
        origin = uow.exchange.site_origin(session_id)
        if origin is None:
            raise NotFound("本场次不是从总部考点数据包导入的，请用准考证号签到。", field="场次")
        digests = uow.exchange.site_digests(session_id)
    ticket = digests.get(id_digest(id_number, origin[1]))
    if ticket is None:
        raise NotFound(
            "本场次没有该证件号码的考生，请核对证件，或改用准考证号签到。", field="证件号码"
        )
    return ticket


def check_in_by_id(
    env: Env, actor: Actor, session_id: int, id_number: str
) -> checkin.CheckinOutcome:
    """Check a candidate in on a site laptop by the ID number they present.

    The same as typing the number on the check-in screen, where ``checkin`` compares digests for
    sessions received from head office.
    """
    return checkin.check_in(env, actor, session_id, id_number)


def export_results(
    env: Env, actor: Actor, session_id: int, passphrase: str, cancelled: CancelFlag | None = None
) -> ExportedPackage:
    """Make the signed results package of a session run on this site laptop.

    Raises:
        ExportCancelled: ``cancelled`` said stop before anything was stored.
    """
    tool = env.adapters.packages
    with action(
        env, actor, Permission.CHECKIN, "site.results_export", f"session:{session_id}"
    ) as tx:
        origin = tx.uow.exchange.site_origin(session_id)
        info = tx.uow.exams.session(session_id)
        if origin is None or info is None:
            raise NotFound("本场次不是从总部考点数据包导入的，无需回传。", field="场次")
        batch = require_batch(tx.uow, info.batch_id)
        tickets = {
            int(str(r["考生编号"])): str(r["准考证号"])
            for r in tx.uow.exchange.site_roster(session_id)
        }
        seats = [
            {
                "场次": s.session_code,
                "准考证号": s.ticket_no,
                "出勤": s.attendance,
                "签到时间": s.checked_in_at.isoformat() if s.checked_in_at else "",
            }
            for s in tx.uow.exchange.seat_states(session_id)
        ]
        incidents = [
            dict(r, 准考证号=tickets[int(str(r["考生编号"]))])
            for r in tx.uow.exchange.incident_rows(batch.id)
            if r["场次"] == info.code
        ]
        scores = [
            dict(r, 准考证号=tickets[int(str(r["考生编号"]))])
            for r in tx.uow.exchange.score_rows(batch.id, [session_id])
        ]
        files = {
            "results.json": json_bytes(
                {"batch": batch.code, "session": info.code, "origin_session": origin[0]}
            ),
            "attendance.csv": tool.to_csv(seats, SEAT_COLUMNS),
            "incidents.csv": tool.to_csv(incidents, SITE_INCIDENT_COLUMNS),
            "scores.csv": tool.to_csv(scores, SITE_SCORE_COLUMNS),
        }
        summary = {"seats": len(seats), "incidents": len(incidents), "score_events": len(scores)}
        return sign_package(
            env, tx, actor, PackageKind.RESULTS, batch.code, files, passphrase, summary, cancelled
        )


# --- head office: the results package back -------------------------------------------------------


def import_results(env: Env, actor: Actor, data: bytes) -> ResultsMerge:
    """Merge a site's results into head office; conflicts are reported, never overwritten."""
    tool = env.adapters.packages
    with action(env, actor, Permission.PACKAGE_IMPORT, "site.results_import") as tx:
        package, signer = verified_import(env, tx.uow, data, PackageKind.RESULTS)
        require_same_body(tx.uow, package)
        header = json.loads(_file(package, "results.json").decode("utf-8"))
        batch = require_batch(tx.uow, package.manifest.batch)
        session_id = tx.uow.exchange.session_id(batch.id, str(header["session"]))
        if session_id is None or session_id != header.get("origin_session"):
            raise ValidationError(
                f"总部没有批次 {batch.code} 的场次 {header['session']}"
                "（或场次编号不一致），请核对数据包来源。",
                field="场次",
            )
        states = [
            SeatState(r["场次"], r["准考证号"], r["出勤"], _moment(r["签到时间"]))
            for r in tool.from_csv(_file(package, "attendance.csv"))
        ]
        repo = tx.uow.exchange
        merge = ResultsMerge(
            batch.code,
            str(header["session"]),
            repo.merge_seats(session_id, states),
            repo.merge_incidents(session_id, tool.from_csv(_file(package, "incidents.csv"))),
            repo.merge_scores(session_id, tool.from_csv(_file(package, "scores.csv"))),
        )
        counts = {
            "seats_added": merge.seats.added,
            "incidents_added": merge.incidents.added,
            "scores_added": merge.scores.added,
            "conflicts": len(merge.conflicts),
        }
        register_import(env, tx, actor, package, counts)
        tx.record(f"session:{session_id}", batch=batch.code, signer=signer, **counts)
    return merge


def _moment(text: str) -> datetime | None:
    return datetime.fromisoformat(text) if text else None
