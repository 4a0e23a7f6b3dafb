"""Searching the candidates list by name or number ending: the indexes find exactly what a scan does.

The list matches a candidate when the name contains the text or the masked number ends with it.
The search now asks an index first (FTS5 on SQLite, a GIN index of the name's characters on
PostgreSQL, a reversed masked number on both); every answer here is compared with the plain scan
that was used before.
"""

from __future__ import annotations

import random
import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic import command
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kaoping.bootstrap import build_env
from kaoping.domain.idnumber import mask_id
from kaoping.domain.roles import Role
from kaoping.services import intake
from kaoping.services.base import Actor, Env
from kaoping.services.ports.intake import CandidateQuery
from kaoping.storage.candidate_search import (
    LONG_NAME_INDEX,
    NAME_FTS,
    NAME_INDEXED_CHARS,
    fold_reverse,
    fts_phrase,
    is_exact_lookup,
    trigger_ddl,
)
from kaoping.storage.engine import alembic_config, make_engine, migrate
from kaoping.storage.intake_tables import CandidateRow
from tests.databases import Stage, dispose, set_up
from tests.integration.test_intake_service import make_batch

# Name characters: common and rare ideographs (Extension A 䶮, Extension B 𠮷), Latin letters of
# both cases, accents precomposed and combining, and the symbols LIKE and FTS5 give meaning to.
NAME_CHARS = "王李张赵艳红明华伟芳䶮𠮷龘aAbBxXéÉßΣσςe\u0301·・ %_/'\"*-()^0123"
HOSTILE = (
    "%",
    "_",
    "%%",
    "_王",
    "'",
    "''",
    '"',
    '""',
    "*",
    "王*",
    "NEAR(",
    "NEAR(王 李)",
    "王 OR 李",
    "a AND b",
    "^王",
    "-王",
    "/",
    "\\",
    "\\%",
    "(",
    ")",
    ":",
    "chars:王",
    "王" * 1000,
    "x" * 1000,
    "\u0301",
    "·",
    " 王",
    "\ufeff",
    "\u200b",
    "\U0010ffff",
    "😀",
)


def _masked_number(rng: random.Random) -> str:
    kind = rng.randrange(4)
    if kind == 0:  # a resident identity card, check character X or a digit
        body = "".join(rng.choice("0123456789") for _ in range(17))
        return mask_id(body + rng.choice("0123456789Xx"))
    if kind == 1:  # Hong Kong / Macao permit
        return mask_id(rng.choice("HM") + "".join(rng.choice("0123456789") for _ in range(8)))
    if kind == 2:  # passport, letters anywhere
        return mask_id("".join(rng.choice("0123456789ABCXZ") for _ in range(rng.randint(5, 9))))
    return mask_id("".join(rng.choice("0123456789X") for _ in range(rng.randint(3, 7))))


def _names(rng: random.Random, count: int, long_names: bool) -> list[str]:
    names = [
        "".join(rng.choice(NAME_CHARS) for _ in range(rng.randint(1, 4))) for _ in range(count)
    ]
    names += ["王", "王王", "艳红", "𠮷䶮", "Xaver", "xaver", "王%_", "Éric", "e\u0301ric"]
    # Separators the tokenizer drops: the index finds 王红 in 王·红, the rule must not.
    names += ["王·红", "艾力·买买提", "Jo hn", "a-b", "李 明"]
    if long_names:  # past the spaced part; over 60 only SQLite can hold (it does not check)
        names += ["李" * NAME_INDEXED_CHARS + "王红", "a" * 59 + "王红", "张" * 200]
        names += ["阿卜杜热合曼·买买提明·吐尔逊·艾力", "Maria Fernanda Gonzalez Rodriguez"]
    return names


def _insert(env: Env, batch_id: int, names: list[str], rng: random.Random) -> None:
    now = datetime.now(UTC)
    engine = env.uow.engine  # type: ignore[attr-defined]
    with engine.begin() as connection:
        connection.execute(
            sa.insert(CandidateRow),
            [
                {
                    "batch_id": batch_id,
                    "name": name,
                    "id_type": "居民身份证",
                    "id_number": f"number-{n}",
                    "id_masked": _masked_number(rng),
                    "person_key": f"search-{n}",
                    "education": "本科",
                    "occupation_code": "2-02-10-09",
                    "direction": "",
                    "level": "junior",
                    "status": "active",
                    "created_at": now,
                    "updated_at": now,
                }
                for n, name in enumerate(names)
            ],
        )


def _scan(env: Env, batch_id: int, text: str) -> list[int]:
    """The ids the list matched before there was an index: a LIKE over every row."""
    engine = env.uow.engine  # type: ignore[attr-defined]
    text = text.strip()
    with engine.connect() as connection:
        return list(
            connection.scalars(
                sa.select(CandidateRow.id)
                .where(
                    CandidateRow.batch_id == batch_id,
                    sa.or_(
                        CandidateRow.name.contains(text, autoescape=True),
                        CandidateRow.id_masked.endswith(text, autoescape=True),
                    ),
                )
                .order_by(CandidateRow.id)
            )
        )


def _found(env: Env, actor: Actor, batch_id: int, text: str) -> tuple[list[int], int]:
    page = intake.list_candidates(
        env, actor, CandidateQuery(batch_id=batch_id, text=text, limit=100_000)
    )
    return [row.id for row in page.rows], page.total


class Corpus:
    """A batch of candidates with random names and numbers, and what they hold."""

    def __init__(
        self, env: Env, actor: Actor, batch_id: int, seed: int, long_names: bool = False
    ) -> None:
        rng = random.Random(seed)
        self.env, self.actor, self.batch_id = env, actor, batch_id
        self.names = _names(rng, 250, long_names)
        _insert(env, batch_id, self.names, rng)
        engine = env.uow.engine  # type: ignore[attr-defined]
        with engine.connect() as connection:
            self.masked = list(
                connection.scalars(
                    sa.select(CandidateRow.id_masked).where(CandidateRow.batch_id == batch_id)
                )
            )

    def check(self, text: str) -> None:
        expected = _scan(self.env, self.batch_id, text) if "\x00" not in text else []
        ids, total = _found(self.env, self.actor, self.batch_id, text)
        assert (ids, total) == (expected, len(expected)), repr(text)


@pytest.fixture
def corpus(env: Env, actors: dict[Role, Actor]) -> Iterator[Corpus]:
    admin = actors[Role.EXAM_ADMIN]
    yield Corpus(env, admin, make_batch(env, admin), seed=2026)


def _swap_ascii_case(text: str) -> str:
    return "".join(c.lower() if c.isupper() and c.isascii() else c.upper() for c in text)


@st.composite
def queries(draw: st.DrawFn, corpus: Corpus) -> str:
    """Pieces of stored names and number endings (sometimes with ASCII case swapped), or noise."""
    kind = draw(st.integers(0, 3))
    if kind == 0:
        name = draw(st.sampled_from(corpus.names))
        start = draw(st.integers(0, max(len(name) - 1, 0)))
        text = name[start : start + draw(st.integers(1, 4))]
    elif kind == 1:
        masked = draw(st.sampled_from(corpus.masked))
        text = masked[-draw(st.integers(1, len(masked))) :]
    else:
        text = draw(st.text(alphabet=NAME_CHARS + "ABCXYZ", min_size=1, max_size=3))
    return _swap_ascii_case(text) if draw(st.booleans()) else text


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_the_search_finds_exactly_what_the_scan_found(corpus: Corpus, data: st.DataObject) -> None:
    """For any piece of a name, any ending of a masked number (X in either case), rare
    characters and noise, the list shows the same candidates, in the same order, with the same
    count as the scan it replaced."""
    corpus.check(data.draw(queries(corpus)))


def test_every_length_of_name_and_ending_is_found(corpus: Corpus) -> None:
    """One, two and three characters of a name, each ending of each masked number."""
    texts = [
        piece
        for name in corpus.names
        for length in (1, 2, 3)
        for piece in (name[:length], name[-length:])
    ]
    texts += [
        masked[-length:] for masked in corpus.masked[:60] for length in range(1, len(masked) + 1)
    ]
    # Each text once: half of them recur (short names, the masked middle), and the same text
    # gets the same answer from the same rows.
    for text in dict.fromkeys(texts):
        corpus.check(text)


def test_hostile_text_gives_the_scan_answer_or_nothing(corpus: Corpus) -> None:
    """Wildcards, quotes, FTS5 syntax, a 1,000-character string, NUL: never an error."""
    for text in HOSTILE:
        corpus.check(text)
    ids, total = _found(corpus.env, corpus.actor, corpus.batch_id, "王\x00")
    assert (ids, total) == ([], 0)
    assert _found(corpus.env, corpus.actor, corpus.batch_id, "\x00") == ([], 0)


def test_what_the_index_finds_too_much_the_rule_drops(corpus: Corpus) -> None:
    """The tokenizer drops symbols and spaces and folds case, so the index finds 王红 in 王·红;
    the list must still show only what contains the text itself."""
    for text in ("王红", "力买", "John", "ab", "李明", "xAVER", "eric", "Eric", "ÉRIC"):
        corpus.check(text)
    assert not _found(corpus.env, corpus.actor, corpus.batch_id, "力买")[0]


def test_rare_characters_and_case(corpus: Corpus) -> None:
    """𠮷 and 䶮 are found alone and within names; 'x' finds numbers ending in X on SQLite as
    the scan did (its LIKE ignores ASCII case), and not on PostgreSQL (whose LIKE does not)."""
    ids, _ = _found(corpus.env, corpus.actor, corpus.batch_id, "𠮷䶮")
    assert ids, "a stored name holds 𠮷䶮"
    for text in ("𠮷", "䶮", "x", "X", "xaver", "ÉRIC", "éric", "e\u0301"):
        corpus.check(text)


@pytest.mark.sqlite_only  # PostgreSQL keeps names to 60 characters
def test_names_longer_than_the_indexed_part_are_found(env: Env, actors: dict[Role, Actor]) -> None:
    """A name past the characters the index spaces is still found, and everything else too."""
    admin = actors[Role.EXAM_ADMIN]
    corpus = Corpus(env, admin, make_batch(env, admin), seed=5, long_names=True)
    for text in ("王", "红", "李", "张", "a", "𠮷", "x", "王·", "艾", corpus.masked[0][-4:]):
        corpus.check(text)
    long_text = "Fernanda Gonzalez Rodr"  # longer than the spaced part itself
    for text in ("王红", "李王红", "张" * 61, "张" * 200, "a王", "吐尔逊·艾力", "z R", long_text):
        corpus.check(text)
        assert _found(corpus.env, corpus.actor, corpus.batch_id, text)[1] >= 1, text


def test_the_index_follows_every_change_in_the_same_transaction(corpus: Corpus) -> None:
    """Renamed, added and deleted candidates are found as they now are, at once."""
    engine = corpus.env.uow.engine  # type: ignore[attr-defined]
    with engine.begin() as connection:
        first = connection.scalar(
            sa.select(sa.func.min(CandidateRow.id)).where(CandidateRow.batch_id == corpus.batch_id)
        )
        connection.execute(
            sa.update(CandidateRow).where(CandidateRow.id == first).values(name="欧阳龘龘")
        )
    assert _found(corpus.env, corpus.actor, corpus.batch_id, "龘龘")[0] == [first]
    assert first not in _found(corpus.env, corpus.actor, corpus.batch_id, corpus.names[0])[0]
    with engine.begin() as connection:
        connection.execute(sa.delete(CandidateRow).where(CandidateRow.id == first))
    assert _found(corpus.env, corpus.actor, corpus.batch_id, "龘龘") == ([], 0)
    with pytest.raises(RuntimeError), engine.begin() as connection:
        connection.execute(
            sa.update(CandidateRow)
            .where(CandidateRow.batch_id == corpus.batch_id)
            .values(name="回滚者")
        )
        raise RuntimeError("rolled back")
    assert _found(corpus.env, corpus.actor, corpus.batch_id, "回滚者") == ([], 0)
    for text in ("王", "艳红", "x", corpus.names[1][:2]):
        corpus.check(text)


def test_entered_candidates_are_found_by_name_and_ending(
    env: Env, actors: dict[Role, Actor]
) -> None:
    """Through the intake service (the ORM path): the reversed masked number is filled in."""
    from tests.integration.test_intake_service import form, id_number

    admin = actors[Role.EXAM_ADMIN]
    batch_id = make_batch(env, admin)
    intake.enter_candidate(
        env, admin, batch_id, form(id_number(77), name="欧阳䶮", route="提交证明")
    )
    for text in ("䶮", "欧阳", "欧阳䶮", id_number(77)[-4:], id_number(77)[-1:]):
        ids, total = _found(env, admin, batch_id, text)
        assert total == 1 and len(ids) == 1, text


# --- the pieces ----------------------------------------------------------------------------------


def test_fts_phrase_quotes_everything_and_refuses_what_it_cannot_look_up() -> None:
    assert fts_phrase("王红") == '"王 红"'
    assert fts_phrase('a"b') == '"a "" b"'
    assert fts_phrase("NEAR(") == '"N E A R ("'
    assert fts_phrase("%") is None and fts_phrase("·") is None and fts_phrase("\u0301") is None
    assert fts_phrase("王" * (NAME_INDEXED_CHARS + 1)) is None
    assert fts_phrase("王\x00") == '"王  "'


def test_only_a_single_ideograph_skips_the_check() -> None:
    assert is_exact_lookup("王") and is_exact_lookup("𠮷") and is_exact_lookup("䶮")
    assert not is_exact_lookup("王红") and not is_exact_lookup("x") and not is_exact_lookup("1")
    assert not is_exact_lookup("·")


def test_fold_reverse_folds_ascii_letters_only() -> None:
    assert fold_reverse("450***********123X") == "x321***********054"
    assert fold_reverse("ÉΣ") == "ΣÉ"


# --- migration, repair ---------------------------------------------------------------------------


def _sqlite_objects(path: Path) -> set[str]:
    connection = sqlite3.connect(path)
    try:
        return {str(r[0]) for r in connection.execute("SELECT name FROM sqlite_master")}
    finally:
        connection.close()


@pytest.mark.sqlite_only
def test_the_migration_and_the_repair_make_the_same_triggers(empty_db_url: str) -> None:
    """The migration keeps its own copy of the trigger text; the repair must write the same, or
    a repaired database would index names differently from a migrated one. (An existing
    database: the other branch first, so the migration's triggers are the ones that stay.)"""
    engine = make_engine(empty_db_url)
    config = alembic_config(engine)
    command.upgrade(config, "0011_candidate_order")
    command.upgrade(config, "heads")
    engine.dispose()
    connection = sqlite3.connect(empty_db_url.removeprefix("sqlite:///"))
    try:
        stored = dict(
            connection.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'")
        )
    finally:
        connection.close()
    for name, body in trigger_ddl().items():
        assert " ".join(stored[name].split()) == " ".join(f"CREATE TRIGGER {name} {body}".split())


@pytest.mark.plain_store
@pytest.mark.sqlite_only
def test_triggers_survive_a_fresh_install_and_are_put_back_when_lost(
    env: Env, db_url: str, actors: dict[Role, Actor]
) -> None:
    """A fresh install has the triggers (another branch's batch migration recreates the table
    after ours); when lost, the next start puts them back and indexes every name again."""
    path = Path(db_url.removeprefix("sqlite:///"))
    triggers = {f"{NAME_FTS}_insert", f"{NAME_FTS}_update", f"{NAME_FTS}_delete"}
    assert triggers <= _sqlite_objects(path)
    admin = actors[Role.EXAM_ADMIN]
    corpus = Corpus(env, admin, make_batch(env, admin), seed=7)
    connection = sqlite3.connect(path)
    connection.execute(f"DROP TRIGGER {NAME_FTS}_update")
    connection.execute(f"DROP TRIGGER {NAME_FTS}_insert")
    connection.execute(
        "UPDATE candidates SET name = '改名后' WHERE id = (SELECT max(id) FROM candidates)"
    )
    connection.commit()
    connection.close()
    engine = make_engine(db_url)
    migrate(engine)
    engine.dispose()
    assert triggers <= _sqlite_objects(path)
    for text in ("改名后", "王", "艳红", corpus.names[5]):
        corpus.check(text)


def test_the_indexes_are_in_place(env: Env) -> None:
    """SQLite: the full-text table, its triggers and the long-name index; PostgreSQL: the name
    characters' GIN index; both: the reversed masked number's index."""
    engine = env.uow.engine  # type: ignore[attr-defined]
    with engine.connect() as connection:
        if engine.dialect.name == "sqlite":
            names = set(connection.exec_driver_sql("SELECT name FROM sqlite_master").scalars())
            triggers = {f"{NAME_FTS}_insert", f"{NAME_FTS}_update", f"{NAME_FTS}_delete"}
            assert triggers | {NAME_FTS, LONG_NAME_INDEX} <= names
        else:
            names = {i["name"] for i in sa.inspect(connection).get_indexes("candidates")}
            definition = connection.exec_driver_sql(
                "SELECT indexdef FROM pg_indexes WHERE indexname = 'ix_candidates_name_chars' "
                "AND schemaname = current_schema()"
            ).scalar_one()
            assert "gin (string_to_array" in definition
    assert "ix_candidates_id_masked_reversed" in names


def test_upgrade_indexes_the_candidates_already_there(empty_db_url: str) -> None:
    """Down to 0020 and up again: existing names and numbers are indexed by the migration.

    On a database of its own: going down and up moves the new column to the end of the table,
    which the shared PostgreSQL working schema must not see.
    """
    env = build_env(empty_db_url, fast_hashing=True)
    try:
        admin = set_up(env, Stage.ACTORS)[Role.EXAM_ADMIN]
        corpus = Corpus(env, admin, make_batch(env, admin), seed=11)
        engine = env.uow.engine  # type: ignore[attr-defined]
        command.downgrade(alembic_config(engine), "0022_candidate_search-1")
        with engine.connect() as connection:
            columns = sa.inspect(connection).get_columns("candidates")
        assert "id_masked_reversed" not in {c["name"] for c in columns}
        engine.dispose()
        migrate(engine)
        for text in ("王", "艳红", "x", "X", "𠮷", corpus.masked[3][-4:], corpus.names[9][:2]):
            corpus.check(text)
    finally:
        dispose(env)
