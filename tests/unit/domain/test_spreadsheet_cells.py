"""Escaping cells a spreadsheet would evaluate, reversibly."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kaoping.domain.spreadsheet_cells import escape_cell, starts_like_formula, unescape_cell

# Text made mostly of the characters that matter, so the edge cases come up often.
_TRICKY = st.text(alphabet=st.sampled_from("'=+-@\t\r\n a1汉\""), max_size=12)


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ('=HYPERLINK("http://x","点我")', '\'=HYPERLINK("http://x","点我")'),
        ("+1", "'+1"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("'=1", "''=1"),
        ("''-x", "'''-x"),
        ("张三", "张三"),
        ("'张三", "'张三"),
        ("a=1", "a=1"),
        ("", ""),
        ("'", "'"),
    ],
)
def test_escape_cell(value: str, written: str) -> None:
    assert escape_cell(value) == written
    assert unescape_cell(written) == value


def test_unescape_leaves_ordinary_quotes() -> None:
    """A quote that escaping could not have added stays (someone typed it)."""
    assert unescape_cell("'张三") == "'张三"
    assert unescape_cell("'") == "'"


def test_starts_like_formula() -> None:
    assert all(starts_like_formula(c + "x") for c in "=+-@\t\r")
    assert not starts_like_formula("")
    assert not starts_like_formula("'=x")
    assert not starts_like_formula("张=")


@given(st.one_of(st.text(), _TRICKY))
def test_round_trip(value: str) -> None:
    assert unescape_cell(escape_cell(value)) == value


@given(st.one_of(st.text(), _TRICKY))
def test_escaped_never_starts_like_formula(value: str) -> None:
    assert not starts_like_formula(escape_cell(value))
