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
