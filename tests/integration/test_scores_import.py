"""Importing a keying from an online exam platform's score file, and the scores/results commands."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import Workbook

from kaoping.cli.app import run
from kaoping.domain.catalogue import Level
from kaoping.domain.errors import ConflictError, ValidationError
from kaoping.domain.plans import Plan
from kaoping.domain.roles import Role
from kaoping.domain.scoring import Mark, ScoreStatus
from kaoping.services import plans, results, scores
from kaoping.services.base import Actor, Env
from kaoping.services.scores import LineState, ScoreImportRejected
from kaoping.storage.exams_tables import ExamSessionRow, SeatRow
from kaoping.storage.intake_tables import CandidateRow
from tests.integration.test_scores_workflow import STARTED, examiner_accounts, on_panel

MakeUser = Callable[[str, list[Role]], Actor]
T0 = datetime(2026, 12, 5, 1, 0, tzinfo=UTC)
PASSWORD = "Passw0rd-test"


def seed_theory(env: Env, admin: Actor, count: int) -> tuple[int, list[int]]:
    """A junior batch with `count` candidates seated in one theory session (tickets T0001...)."""
    plan_id = plans.create_plan(
        env,
        admin,
        Plan(
            0,
            "P-IM-01",
            "人工智能初级",
            "2-02-10-09",
            "",
            Level.JUNIOR,
            date(2026, 12, 1),
            date(2026, 12, 31),
            "南宁考点",
            100,
            "",
        ),
    )
    batch_id = plans.create_batch(
        env, admin, plan_id, "B-IM-01", "第一批", date(2026, 12, 5), date(2026, 12, 6)
    )
    with env.uow() as uow:
        db = uow.session  # type: ignore[attr-defined]
        rows = [
            CandidateRow(
                batch_id=batch_id,
                eligible=True,  # as intake leaves an eligible applicant
                name=f"考生{i}",
                id_type="居民身份证",
                id_number=f"45010219900101{i:03d}X",
                id_masked=f"450102********{i:03d}X",
                person_key=f"key-{i}",
                education="本科",
                occupation_code="2-02-10-09",
                level="junior",
                created_at=T0,
                updated_at=T0,
            )
            for i in range(1, count + 1)
        ]
        session = ExamSessionRow(
            batch_id=batch_id,
            code="S-THEORY",
            component="theory",
            site="南宁考点",
            room="101",
            starts_at=STARTED,
            ends_at=STARTED,
            capacity=count,
        )
        db.add_all([*rows, session])
        db.flush()
        db.add_all(
            [
                SeatRow(
                    session_id=session.id, candidate_id=row.id, seat_no=i, ticket_no=f"T{i:04d}"
                )
                for i, row in enumerate(rows, start=1)
            ]
        )
        ids = [row.id for row in rows]
        session_id = session.id
        uow.commit()
    on_panel(env, [session_id], examiner_accounts(env))
    return session_id, ids


def write_csv(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


BAD_FILE = [
    "准考证号,成绩,状态",
    "T0001,85,",  # row 2: good
    "T9999,70,",  # row 3: unknown ticket
    "T0002,105,",  # row 4: above the scale
    "T0003,7.55,",  # row 5: two decimals
    "T0001,60,",  # row 6: same candidate again
    "T0004,,",  # row 7: no score
    "T0005,66,迟到",  # row 8: unknown status
    "T0006,0,缺考",  # row 9: absent with a score
]


def test_bad_rows_are_all_reported_and_nothing_is_imported(
    env: Env, actors: dict[Role, Actor], tmp_path: Path
) -> None:
    """Every bad row is named with its column and fix; no score from the file is kept."""
    examiner = actors[Role.EXAMINER]
    session_id, _ = seed_theory(env, actors[Role.EXAM_ADMIN], 6)
    with pytest.raises(ScoreImportRejected) as rejected:
        scores.import_scores(env, examiner, session_id, write_csv(tmp_path / "s.csv", BAD_FILE))
    problems = {(p.row, p.field) for p in rejected.value.problems}
    assert problems == {
        (3, "准考证号"),
        (4, "成绩"),
        (5, "成绩"),
        (6, "准考证号"),
        (7, "成绩"),
        (8, "状态"),
        (9, "成绩"),
    }
    text = str(rejected.value)
    assert "第 4 行“成绩”" in text and "0 到 100" in text and "与第 2 行是同一考生" in text
    assert all(line.keys == 0 for line in scores.score_sheet(env, examiner, session_id).lines)


def test_valid_only_imports_the_good_rows(
    env: Env, actors: dict[Role, Actor], tmp_path: Path
) -> None:
    """With valid-only the good rows become this user's keying and the rest are reported."""
    examiner = actors[Role.EXAMINER]
    session_id, _ = seed_theory(env, actors[Role.EXAM_ADMIN], 6)
    seen: list[tuple[int, int]] = []
    report = scores.import_scores(
        env,
        examiner,
        session_id,
        write_csv(tmp_path / "s.csv", BAD_FILE),
        valid_only=True,
        progress=lambda done, total: seen.append((done, total)),
    )
    assert (report.total, report.imported, len(report.skipped)) == (8, 1, 7)
    assert seen[-1] == (8, 8)
    first = scores.score_sheet(env, examiner, session_id).lines[0]
    assert first.mine == Mark(ScoreStatus.PRESENT, Decimal(85)) and first.keys == 1


def test_import_is_one_key_and_the_second_comes_from_another_user(
    env: Env, actors: dict[Role, Actor], make_user: MakeUser, tmp_path: Path
) -> None:
    """An import counts as the importer's keying; the same user cannot import a second time."""
    first_user = actors[Role.EXAMINER]
    second_user = make_user("examiner_b", [Role.EXAMINER])
    session_id, ids = seed_theory(env, actors[Role.EXAM_ADMIN], 3)
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["身份证号", "分数", "考试状态"])
    sheet.append(["45010219900101001x", 88.5, "实考"])
    sheet.append(["45010219900101002X", 61, None])
    sheet.append(["45010219900101003X", None, "缺考"])
    book.save(tmp_path / "platform.xlsx")
    report = scores.import_scores(env, first_user, session_id, tmp_path / "platform.xlsx")
    assert report.imported == 3
    with pytest.raises(ScoreImportRejected, match="同一人不能两次录入"):
        scores.import_scores(env, first_user, session_id, tmp_path / "platform.xlsx")
    lines = write_csv(
        tmp_path / "second.csv", ["准考证号,成绩,状态", "T0001,88.5,", "T0002,61,", "T0003,,缺考"]
    )
    scores.import_scores(env, second_user, session_id, lines)
    sheet_b = scores.score_sheet(env, second_user, session_id)
    assert [line.state for line in sheet_b.lines] == [LineState.MATCHED] * 3
    assert sheet_b.lines[2].final == Mark(ScoreStatus.ABSENT)
    report_c = results.confirm_session(env, actors[Role.SUPERVISOR], session_id)
    assert report_c.lines == len(ids)


def test_file_without_a_score_column_is_refused(
    env: Env, actors: dict[Role, Actor], tmp_path: Path
) -> None:
    """A file whose header lacks 成绩 is refused, naming the column to add."""
    session_id, _ = seed_theory(env, actors[Role.EXAM_ADMIN], 1)
    with pytest.raises(ValidationError, match="成绩") as bad:
        scores.import_scores(
            env,
            actors[Role.EXAMINER],
            session_id,
            write_csv(tmp_path / "s.csv", ["准考证号,备注", "T0001,好"]),
        )
    assert bad.value.row == 1


def test_commands_key_import_confirm_and_list(
    env: Env,
    actors: dict[Role, Actor],
    make_user: MakeUser,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """`scores import`, `scores enter`, `results confirm` and `results list --json` work together."""
    make_user("examiner_b", [Role.EXAMINER])
    session_id, _ = seed_theory(env, actors[Role.EXAM_ADMIN], 2)
    monkeypatch.setenv("KAOPING_PASSWORD", PASSWORD)

    def cli(*argv: str) -> int:
        return run(list(argv), lambda _url: env)

    sid = str(session_id)
    file = write_csv(tmp_path / "s.csv", ["准考证号,成绩", "T0001,75", "T0002,105"])
    assert cli("scores", "import", str(file), "--session", sid, "--user", "u_examiner") == 2
    assert "第 3 行“成绩”" in capsys.readouterr().err
    assert (
        cli("scores", "import", str(file), "--session", sid, "--valid-only", "--user", "u_examiner")
        == 0
    )
    assert "已导入 1 行" in capsys.readouterr().out
    assert cli("scores", "enter", "--session", sid, "T0002=q", "--user", "u_examiner") == 0
    assert (
        cli("scores", "enter", "--session", sid, "T0001=75", "T0002=150", "--user", "examiner_b")
        == 2
    )
    assert "0 到 100" in capsys.readouterr().err
    assert cli("results", "confirm", "--session", sid, "--user", "u_supervisor") == 2
    assert "缺少第二次录入" in capsys.readouterr().err
    assert cli("scores", "enter", "--session", sid, "T0002=Q", "--user", "examiner_b") == 0
    assert cli("results", "confirm", "--session", sid, "--user", "u_supervisor") == 0
    capsys.readouterr()
    assert cli("results", "list", "--batch", "B-IM-01", "--json", "--user", "u_supervisor") == 0
    out = capsys.readouterr().out
    assert '"theory": {' in out and '"status": "absent"' in out and "450102199" not in out
    with pytest.raises(ConflictError):
        results.confirm_session(env, actors[Role.SUPERVISOR], session_id)
