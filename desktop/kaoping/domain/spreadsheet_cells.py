r"""Cell text that spreadsheet programs would evaluate (CSV/formula injection), and its escaping.

Excel, WPS and LibreOffice treat a cell that begins with ``=``, ``+``, ``-`` or ``@`` as a formula,
and a leading tab or carriage return can hide such a start. A roster name like
``=HYPERLINK(...)`` or a DDE payload is legitimate data to store, but must never run when a file
Kaoping wrote is opened. Following OWASP, such a cell is written with a single quote in front.

The escaping is reversible so files Kaoping reads back (data packages) keep their exact values:
``escape_cell`` adds one ``'`` to any value matching ``^'*[=+\-@\t\r]`` (so a value that already
begins with quotes before such a character gains one more), and ``unescape_cell`` removes one
``'`` from any value matching ``^'+[=+\-@\t\r]``. ``unescape_cell(escape_cell(x)) == x`` for
every text ``x``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

FORMULA_STARTS = "=+-@\t\r"
"""Characters that make a spreadsheet evaluate a cell when they come first."""

QUOTE = "'"

_ESCAPE = re.compile(r"'*[=+\-@\t\r]")
_UNESCAPE = re.compile(r"'+[=+\-@\t\r]")


def starts_like_formula(text: str) -> bool:
    """Whether a spreadsheet would evaluate this text if it stood unescaped in a cell."""
    return bool(text) and text[0] in FORMULA_STARTS


def escape_cell(text: str) -> str:
    """The text as it is written into a CSV cell: a leading ``'`` keeps it from being evaluated."""
    return QUOTE + text if _ESCAPE.match(text) else text


def unescape_cell(text: str) -> str:
    """The value a cell written by ``escape_cell`` stood for."""
    return text[1:] if _UNESCAPE.match(text) else text


@dataclass(frozen=True, slots=True)
class ErrorValue:
    """A cell that shows an error (#N/A, #VALUE!, #REF! ...) instead of a value."""

    code: str


@dataclass(frozen=True, slots=True)
class Formula:
    """A formula cell (公式): its text and the result the spreadsheet program saved with it.

    Kaoping never evaluates a formula. `cached` is what Excel or WPS showed when the file was last
    saved there; files written by other programs often carry no result at all (None).
    """

    text: str
    cached: str | int | float | bool | datetime | date | time | timedelta | ErrorValue | None


CellValue = (
    str | int | float | bool | datetime | date | time | timedelta | ErrorValue | Formula | None
)
"""One cell as a spreadsheet stored it, with its type: text, number, date, boolean, error, formula.

An .xlsx gives every type; a CSV file gives text only.
"""


def column_letter(index: int) -> str:
    """Spreadsheet name of a 0-based column: A, B, ..., Z, AA, ..."""
    letters = ""
    number = index + 1
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters
