"""Finding candidates by part of the name or the end of the masked number (考生检索), with indexes.

The candidates list filters as a person types. The rule stays what it always was: a candidate
matches when the name contains the text or the masked document number (`id_masked`) ends with it,
compared the way the database's LIKE compares (SQLite folds ASCII letters, PostgreSQL folds
nothing). Scanning 100,000 rows for that takes about 50 ms a keystroke, so the query first asks an
index for a superset of the matching ids, and the exact rule is then applied to that superset only.
An index that cannot answer a query (it was not built, or the text has nothing it can look up)
narrows nothing, and the exact rule alone decides, as before.

- Name, SQLite: a full-text table (`candidates_name_fts`, FTS5, unicode61) holds each name with a
  space between its characters, so every character is a token and a substring of the name is a
  phrase of consecutive tokens — whatever its length, one character (王) as well as three. The
  tokenizer folds case and drops symbols on both sides alike, which can only widen the superset.
  Triggers keep it in step with `candidates` in the same transaction as every change. Only the
  first `NAME_INDEXED_CHARS` (20) characters are spaced by the triggers, which covers Chinese
  names with room to spare; the few longer names (foreign and minority names written out, up to
  60) are found through a small partial index instead. Every spaced character costs each insert
  (60 of them made a bulk insert of candidates twice as slow as 16 did).
- Name, PostgreSQL: a GIN index on the characters of each name (`string_to_array(name, NULL)`):
  a name holding the text holds each of its characters, and "holds 赵 and 艳" is an index lookup
  for text of any length (pg_trgm serves LIKE only from three characters on, and was slower).
- Masked number: `id_masked_reversed` holds the masked number reversed with ASCII letters folded,
  so "ends with 123X" becomes "starts with x321", a range of a btree index. It is the masked form
  already shown in every list, nothing more of the number.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Connection,
    Select,
    Text,
    and_,
    bindparam,
    exists,
    false,
    func,
    literal_column,
    null,
    or_,
    select,
    union,
)
from sqlalchemy import table as sql_table
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.sql import column as sql_column

NAME_FTS = "candidates_name_fts"
NAME_INDEXED_CHARS = 20
LONG_NAME_INDEX = "ix_candidates_name_beyond_fts"
NAME_CHARS_INDEX = "ix_candidates_name_chars"
# Above every character, so "starts with p" is the range [p, p + _TOP).
_TOP = "\U0010ffff"
_ASCII_FOLD = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")
# Letters and numbers as Unicode 3.2 had them: every SQLite since FTS5 tokenizes these as words,
# so a phrase holding one of them is never empty (an empty phrase would match no row at all).
_WORD_CATEGORIES = frozenset({"Lu", "Ll", "Lt", "Lm", "Lo", "Nd", "Nl", "No"})
_fts = sql_table(NAME_FTS, sql_column("rowid"))


@dataclass(frozen=True)
class SearchColumns:
    """The columns of `candidates` the search reads (passed in: the table imports this module)."""

    row_id: Any
    name: Any
    masked: Any
    masked_reversed: Any


# Objects the table definitions do not describe (virtual table, triggers, dialect-only indexes);
# schema comparisons leave them alone.
SEARCH_OBJECT_NAMES = frozenset(
    {
        NAME_FTS,
        *(f"{NAME_FTS}_{shadow}" for shadow in ("data", "idx", "content", "docsize", "config")),
        LONG_NAME_INDEX,
        NAME_CHARS_INDEX,
    }
)


def fold_reverse(masked: str) -> str:
    """The masked number as `id_masked_reversed` stores it: ASCII letters lowered, reversed."""
    return masked.translate(_ASCII_FOLD)[::-1]


def masked_reversed_default(context: Any) -> str:
    """Column default: `fold_reverse` of the row's `id_masked` (each row of a bulk insert too)."""
    return fold_reverse(str(context.get_current_parameters()["id_masked"]))


def fts_phrase(text: str) -> str | None:
    """The text as an FTS5 phrase of single characters, or None when the index cannot look it up.

    None for text longer than the indexed part of a name (no indexed name can contain it) and for
    text without a certain word character (only symbols, marks or spaces: the phrase could come
    out empty).
    """
    if len(text) > NAME_INDEXED_CHARS or not any(_is_word(c) for c in text):
        return None
    # Inside quotes FTS5 reads everything literally except a doubled quote; NUL ends its string.
    return '"' + " ".join(text).replace('"', '""').replace("\x00", " ") + '"'


def _is_word(char: str) -> bool:
    return unicodedata.ucd_3_2_0.category(char) in _WORD_CATEGORIES


def text_condition(
    dialect: str,
    columns: SearchColumns,
    text: str,
    *,
    long_names: bool = True,
) -> ColumnElement[bool]:
    """The rows whose name contains `text` or whose masked number ends with it, index-assisted.

    Args:
        dialect: The database's dialect name ("sqlite", "postgresql", ...).
        columns: The candidates table's columns the search reads.
        text: The stripped search text, not empty.
        long_names: Whether some name may be longer than the triggers space (SQLite; see
            `has_long_names`).
    """
    if "\x00" in text:
        # No name or number holds a NUL, and PostgreSQL refuses one in a parameter.
        return false()
    name, masked = columns.name, columns.masked
    exact = or_(name.contains(text, autoescape=True), masked.endswith(text, autoescape=True))
    if dialect == "sqlite":
        return _sqlite_condition(columns, text, exact, long_names)
    if dialect == "postgresql":
        # The planner ORs the two indexes (a bitmap of both), then applies the rule to the few.
        chars = bindparam("name_chars", sorted(set(text)), type_=ARRAY(Text), unique=True)
        hint = or_(
            func.string_to_array(name, null()).op("@>")(chars),
            columns.masked_reversed.startswith(fold_reverse(text), autoescape=True),
        )
        return and_(hint, exact)
    return exact


def has_long_names(columns: SearchColumns) -> Select[tuple[bool]]:
    """Whether any name is longer than the triggers space (none can be entered; SQLite only)."""
    return select(exists().where(func.length(columns.name) > NAME_INDEXED_CHARS))


def _sqlite_condition(
    columns: SearchColumns, text: str, exact: ColumnElement[bool], long_names: bool
) -> ColumnElement[bool]:
    key = fold_reverse(text)
    row_id, reversed_ = columns.row_id, columns.masked_reversed
    by_ending = select(row_id).where(reversed_ >= key, reversed_ < key + _TOP)
    # Bare, so the planner takes the partial index (with a LIKE beside it, SQLite 3.53
    # sometimes scanned the table instead).
    long = select(row_id).where(func.length(columns.name) > NAME_INDEXED_CHARS)
    if len(text) > NAME_INDEXED_CHARS:  # only a name longer than the spaced part can hold it
        return and_(row_id.in_(union(by_ending, long)), exact)
    phrase = fts_phrase(text)
    if phrase is None:
        return exact
    lookups = [select(_fts.c.rowid).where(literal_column(NAME_FTS).op("MATCH")(phrase)), by_ending]
    if long_names:
        lookups.append(long)
    # All lookups in one set: the 8,000 ids of a common surname cost less than a scan of 100,000.
    found: ColumnElement[bool] = row_id.in_(union(*lookups))
    if not long_names and is_exact_lookup(text):
        return found
    return and_(found, exact)


def is_exact_lookup(text: str) -> bool:
    """Whether the index lookups find exactly the matching rows, so no row needs the rule itself.

    True for one ideograph of Unicode 3.2 (a surname such as 王, or 𠮷): the tokenizer keeps it as
    it is, so its phrase finds exactly the names holding it, and with no ASCII letter in the text
    the reversed number's range is exactly "ends with". Checking the rule on each of the 8,000
    rows of a common surname was most of the time of such a search.
    """
    return len(text) == 1 and unicodedata.ucd_3_2_0.name(text, "").startswith(
        "CJK UNIFIED IDEOGRAPH"
    )


def include_name(name: str | None, type_: str, parent_names: Any) -> bool:
    """Alembic hook: leave the search objects out of schema comparisons."""
    return name not in SEARCH_OBJECT_NAMES


def include_object(
    obj: Any, name: str | None, type_: str, reflected: bool, compare_to: Any
) -> bool:
    """Alembic hook: leave the search objects out of schema comparisons."""
    return name not in SEARCH_OBJECT_NAMES


def _spaced(column: str) -> str:
    # No recursive query in a trigger and no such function in SQLite: one substr per character;
    # past the end of a name substr gives '' (trailing spaces only). Most names have 2-4
    # characters, and a CASE computes only its branch: those pay for 4 substr calls, not 20.
    def upto(count: int) -> str:
        return " || ' ' || ".join(f"substr({column}, {i}, 1)" for i in range(1, count + 1))

    return f"CASE WHEN length({column}) <= 4 THEN {upto(4)} ELSE {upto(NAME_INDEXED_CHARS)} END"


def trigger_ddl() -> dict[str, str]:
    """Each trigger of the name index by name, with its body after the name (as in 0022)."""
    row = f"INSERT INTO {NAME_FTS}(rowid, chars) VALUES (NEW.id, {_spaced('NEW.name')});"
    gone = f"DELETE FROM {NAME_FTS} WHERE rowid = OLD.id;"
    return {
        f"{NAME_FTS}_insert": f"AFTER INSERT ON candidates BEGIN {row} END",
        f"{NAME_FTS}_update": f"AFTER UPDATE OF id, name ON candidates BEGIN {gone} {row} END",
        f"{NAME_FTS}_delete": f"AFTER DELETE ON candidates BEGIN {gone} END",
    }


def repair_sqlite_name_index(connection: Connection) -> bool:
    """Put back what a migration lost of the name index, and its rows if triggers were lost.

    A migration that alters `candidates` in SQLite's batch mode copies it into a new table and
    drops the old one: the triggers go with it, and an expression index is not copied (a fresh
    install runs the branch that adds ix_candidates_batch_name after the one that adds the search).
    The index of long names is an expression index for that reason made here, not in a
    migration. Run after every migration.

    Returns:
        Whether anything had to be made again.
    """
    if connection.dialect.name != "sqlite":
        return False
    present = {
        str(row[0])
        for row in connection.exec_driver_sql(
            "SELECT name FROM sqlite_master WHERE type IN ('table', 'trigger', 'index')"
        )
    }
    triggers = trigger_ddl()
    if NAME_FTS not in present or present.issuperset([*triggers, LONG_NAME_INDEX]):
        return False
    connection.exec_driver_sql(
        # length(name) itself: SQLite 3.53 will not use a partial index on the name column for it.
        f"CREATE INDEX IF NOT EXISTS {LONG_NAME_INDEX} ON candidates (length(name)) "
        f"WHERE length(name) > {NAME_INDEXED_CHARS}"
    )
    if present.issuperset(triggers):
        return True
    for name, body in triggers.items():
        connection.exec_driver_sql(f"DROP TRIGGER IF EXISTS {name}")
        connection.exec_driver_sql(f"CREATE TRIGGER {name} {body}")
    # Whatever changed while the triggers were missing: index every name again.
    connection.exec_driver_sql(f"DELETE FROM {NAME_FTS}")
    connection.exec_driver_sql(
        f"INSERT INTO {NAME_FTS}(rowid, chars) SELECT id, {_spaced('name')} FROM candidates"
    )
    return True
