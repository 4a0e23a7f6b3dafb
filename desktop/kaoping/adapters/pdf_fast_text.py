"""Page text of the product's own certificates, read quickly and strictly (证书正文快速读取).

pypdf's text reader parses every operator of a page into objects and rebuilds each font's
character map before it reads a word; on a certificate that cost more than drawing it. Pages the
renderer writes use a small, fixed set of operators and simple fonts whose ToUnicode map covers
every code. This module yields the same text runs pypdf reports: a run ends where pypdf ends
one (text object begins or ends, font set, matrix changed, form drawn, new line), which is what
the exemption of holders' names relies on. Where the runs begin and end depends only on the
page's operators and numbers, not on what its strings say, so it is worked out once per page
layout (every certificate of a template and name length shares one) and each page then only
maps its strings through its own fonts.

Strict by design: anything outside that shape (another operator, inline images, a form that
may show text, a font without a complete ToUnicode map, text-positioning moves whose line
break pypdf might judge differently, TJ spacing) returns None, and the caller reads the page
with pypdf. The caller uses this only for files this process rendered itself
(`kaoping.adapters.own_pdfs`); the strictness is a second line of defence.

Whitespace may differ from pypdf's (a line break where pypdf puts a space); the banned-word
matcher skips whitespace, and names are compared without surrounding whitespace.
"""

from __future__ import annotations

import functools
import re
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from kaoping.adapters.plain_pdf import NotPlain, literal_bytes

__all__ = ["cmap_of", "own_page_runs"]

# A stretch of path and colour operators with their numeric operands (most of a certificate's
# content: table rules, ornaments) is consumed in one match and ignored, as pypdf ignores it.
_NUMBER = rb"[+-]?(?:\d+\.?\d*|\.\d+)(?![\d.])"  # one way only to read a number
_PATH_OPS = rb"(?:re|m|l|c|v|y|h|S|s|f\*|f|F|B\*|B|b\*|b|n|W\*|W|w|J|j|M|rg|RG|g|G|k|K|i)"
_TOKEN = re.compile(
    rb"""[ \t\r\n\f\x00]*(?:
      (?P<skip>(?:(?:[ \t\r\n\f\x00]*(?<![\d.])"""
    + _NUMBER
    + rb""")*[ \t\r\n\f\x00]*"""
    + _PATH_OPS
    + rb"""(?![A-Za-z0-9*'"]))+)
    | (?P<str>\(x?\))
    | (?P<num>[+-]?(?:\d+\.?\d*|\.\d+))
    | (?P<name>/[^ \t\r\n\f\x00/\[\]()<>{}%]*)
    | (?P<open>\[)
    | (?P<close>\])
    | (?P<op>[A-Za-z'"][A-Za-z0-9*'"]*)
    )""",
    re.VERBOSE | re.DOTALL,
)
# Literal and hex strings, found where the tokeniser would find them (see `own_page_runs`).
_STRING = re.compile(rb"(\((?:[^\\()]|\\.)*\)|<[0-9A-Fa-f \t\r\n]*>)", re.DOTALL)
_TRAILING_SPACE = re.compile(rb"[ \t\r\n\f\x00]*\Z")
_BFCHAR = re.compile(rb"(\d+)\s+beginbfchar(.*?)endbfchar", re.DOTALL)
_BFCHAR_PAIR = re.compile(rb"<([0-9A-Fa-f]{2})>\s*<([0-9A-Fa-f]{4,})>")
# Operators that draw or set graphics state and play no part in text extraction.
_GRAPHICS = frozenset(
    b"m l c v y h re S s f F f* B B* b b* n W W* w J j M d ri i gs rg RG g G k K cs CS "
    b"sc SC scn SCN sh Tc Tw Tz Tr Ts".split()
)
_MAX_SAVED = 64


class _NotOurs(Exception):
    """The page leaves the shape this reader handles; read it with pypdf instead."""


# A run is a sequence of pieces: the index of a string operand (its text comes from the font at
# that point) or a literal line break. What runs a page makes depends only on its operators and
# numbers, not on what its strings say (as long as no string's text holds a line break), so the
# runs are worked out once per page layout (`_Program`) and each page of that layout only maps
# its strings through its fonts.
_Piece = int | str


@dataclass(frozen=True)
class _Program:
    """The runs of one page layout, with the font of every string and the forms it draws."""

    runs: tuple[tuple[_Piece, ...], ...]
    fonts: dict[int, str]
    forms: tuple[str, ...]


@dataclass
class _State:
    """Text state that q/Q save and restore, as pypdf keeps it."""

    font: str | None = None
    size: float = 0.0
    leading: float = 0.0


@dataclass
class _Reader:
    state: _State = field(default_factory=_State)
    saved: list[_State] = field(default_factory=list)
    runs: list[tuple[_Piece, ...]] = field(default_factory=list)
    fonts: dict[int, str] = field(default_factory=dict)
    forms: list[str] = field(default_factory=list)
    text: list[_Piece] = field(default_factory=list)
    output_end: str = ""  # the last character of the text so far: "", "\n" or "x" (any other)
    in_text: bool = False
    last_height: float = 0.0

    def visit(self, pieces: list[_Piece]) -> None:
        self.runs.append(tuple(pieces))
        if pieces:
            self.output_end = "\n" if pieces[-1] == "\n" else "x"

    def flush(self) -> None:
        self.visit(self.text)
        self.text = []

    def new_line(self, move: float) -> None:
        """A move down (or up) by `move`: a line break for pypdf only when clearly a whole line."""
        if move == 0:
            if self.text:
                raise _NotOurs  # a gap within a run: pypdf may put a space there
            return
        if abs(move) < max(self.state.size, self.last_height):
            raise _NotOurs  # a small shift pypdf may or may not take for a new line
        if ("x" if self.text else self.output_end) not in ("", "\n"):
            self.visit([*self.text, "\n"])
            self.text = []

    def show(self, operand: Any) -> None:
        font = self.state.font
        if not isinstance(operand, _Str) or font is None or not self.in_text:
            raise _NotOurs
        if not operand.empty:
            self.fonts[operand.index] = font
            self.text.append(operand.index)
        self.last_height = self.state.size

    def operate(self, op: bytes, operands: list[Any]) -> None:
        if op in _GRAPHICS:
            return
        if op == b"Tj" and len(operands) == 1:
            self.show(operands[0])
        elif op == b"TJ" and len(operands) == 1 and isinstance(operands[0], list):
            if not all(isinstance(item, _Str) for item in operands[0]):
                raise _NotOurs  # spacing inside TJ: pypdf may insert a space
            for item in operands[0]:
                self.show(item)
        elif op == b"Tf" and len(operands) == 2 and isinstance(operands[0], str):
            if self.text:
                self.flush()
            self.state.font = operands[0]
            self.state.size = _number(operands[1])
        elif op == b"TL" and len(operands) == 1:
            self.state.leading = _number(operands[0])
        elif op in (b"Td", b"TD") and len(operands) == 2:
            move = _number(operands[1])
            if op == b"TD":
                self.state.leading = -move
            self.new_line(move)
        elif op == b"T*" and not operands:
            self.new_line(self.state.leading)
        elif op == b"'" and len(operands) == 1:
            self.new_line(self.state.leading)
            self.show(operands[0])
        elif op == b'"' and len(operands) == 3:
            self.new_line(self.state.leading)
            self.show(operands[2])
        else:
            self.structure(op, operands)

    def structure(self, op: bytes, operands: list[Any]) -> None:
        if op == b"BT" and not operands and not self.in_text:
            self.in_text = True
            self.flush()
        elif op == b"ET" and not operands and self.in_text:
            self.in_text = False
            self.flush()
        elif op == b"Tm" and len(operands) == 6:
            a, b, c, d = (_number(v) for v in operands[:4])
            if self.text or b != 0 or c != 0 or a <= 0 or d <= 0:
                raise _NotOurs
        elif op == b"cm" and len(operands) == 6 and not self.in_text:
            a, b, c, d = (_number(v) for v in operands[:4])
            if b != 0 or c != 0 or a <= 0 or d <= 0:
                raise _NotOurs
            self.flush()
        elif op == b"q" and not operands and len(self.saved) < _MAX_SAVED:
            self.saved.append(_State(self.state.font, self.state.size, self.state.leading))
        elif op == b"Q" and not operands and self.saved:
            self.state = self.saved.pop()
        elif op == b"Do" and len(operands) == 1 and isinstance(operands[0], str):
            self.forms.append(operands[0])
            self.flush()
            if self.output_end not in ("", "\n"):
                self.visit(["\n"])
        else:
            raise _NotOurs


@dataclass(frozen=True)
class _Str:
    """A string operand, known only by its place among the page's strings and its emptiness."""

    index: int
    empty: bool


def _number(value: Any) -> float:
    if not isinstance(value, float):
        raise _NotOurs
    return value


_PROGRAM_LIMIT = 64
_program_lock = threading.Lock()
_programs: OrderedDict[bytes, _Program | None] = OrderedDict()


def own_page_runs(
    content: bytes,
    font_map: Callable[[str], dict[int, str]],
    silent: Callable[[str], bool],
) -> list[str] | None:
    """The page's text runs as pypdf would report them, or None if the page is not plain enough.

    Args:
        content: The page's decoded content stream.
        font_map: Code-to-text map of the font under a resource name (see `cmap_of`); raises
            `NotPlain` for a font this reader does not handle.
        silent: Whether the XObject under a resource name can show no text.
    """
    parts = _STRING.split(content)
    try:
        raws = [_string_bytes(part) for part in parts[1::2]]
    except ValueError:
        return None
    layout = b"".join(
        part if index % 2 == 0 else (b"(x)" if raws[index // 2] else b"()")
        for index, part in enumerate(parts)
    )
    program = _program(layout)
    if program is None or not all(silent(name) for name in program.forms):
        return None
    texts: dict[int, str] = {}
    maps: dict[str, dict[int, str]] = {}
    try:
        for index, font in program.fonts.items():
            table = maps.get(font)
            if table is None:
                table = maps[font] = font_map(font)
            texts[index] = "".join([table[code] for code in raws[index]])
    except (KeyError, NotPlain):
        return None
    if any("\n" in text for text in texts.values()):
        return None  # a line break inside a string would change where pypdf ends runs
    return ["".join([texts[p] if isinstance(p, int) else p for p in run]) for run in program.runs]


def _program(layout: bytes) -> _Program | None:
    with _program_lock:
        if layout in _programs:
            _programs.move_to_end(layout)
            return _programs[layout]
    program = _compile(layout)
    with _program_lock:
        _programs[layout] = program
        while len(_programs) > _PROGRAM_LIMIT:
            _programs.popitem(last=False)
    return program


def _compile(layout: bytes) -> _Program | None:
    reader = _Reader()
    try:
        _interpret(layout, reader)
    except _NotOurs:
        return None
    if reader.in_text or reader.saved:
        return None
    if reader.text:
        reader.flush()
    return _Program(tuple(reader.runs), dict(reader.fonts), tuple(dict.fromkeys(reader.forms)))


def _interpret(data: bytes, reader: _Reader) -> None:
    operands: list[Any] = []
    array: list[Any] | None = None
    position, end = 0, len(data)
    strings = 0
    match = _TOKEN.match
    while position < end:
        token = match(data, position)
        if token is None:
            if _TRAILING_SPACE.match(data, position) is None:
                raise _NotOurs
            break
        position = token.end()
        kind = token.lastgroup
        if kind == "skip":
            if array is not None:
                raise _NotOurs
            operands = []  # the path operator took them
            continue
        value = token.group(kind) if kind is not None else b""
        if kind == "op":
            if array is not None:
                raise _NotOurs
            reader.operate(value, operands)
            operands = []
            continue
        if kind == "open":
            if array is not None:
                raise _NotOurs  # nested arrays are not text operands
            array = []
            continue
        if kind == "close":
            if array is None:
                raise _NotOurs
            operands.append(array)
            array = None
            continue
        if kind == "str":
            item: Any = _Str(strings, value == b"()")
            strings += 1
        else:
            item = _operand(kind, value)
        (array if array is not None else operands).append(item)
        if len(operands) > 8:
            raise _NotOurs


def _string_bytes(token: bytes) -> bytes:
    """The bytes of a literal or hex string token; ValueError for a malformed one."""
    if token.startswith(b"("):
        return literal_bytes(token[1:-1])
    digits = re.sub(rb"\s", b"", token[1:-1])
    return bytes.fromhex((digits + b"0" * (len(digits) % 2)).decode("ascii"))


def _operand(kind: str | None, value: bytes) -> Any:
    if kind == "num":
        return float(value)
    if kind == "name":
        return value.decode("latin-1")
    raise _NotOurs


def cmap_of(data: bytes) -> dict[int, str]:
    """Code to text of a ToUnicode map of plain one-byte bfchar entries; else `NotPlain`."""
    try:
        return _parse_cmap(data)
    except _NotOurs:
        raise NotPlain from None


@functools.lru_cache(maxsize=64)
def _parse_cmap(data: bytes) -> dict[int, str]:
    if b"bfrange" in data or b"usecmap" in data:
        raise _NotOurs
    mapping: dict[int, str] = {}
    for block in _BFCHAR.finditer(data):
        declared, body = int(block.group(1)), block.group(2)
        pairs = _BFCHAR_PAIR.findall(body)
        # Every entry read, and nothing else in the block: a map read in part is no map.
        if len(pairs) != declared or _BFCHAR_PAIR.sub(b"", body).strip():
            raise _NotOurs
        try:
            for code, text in pairs:
                mapping[int(code, 16)] = bytes.fromhex(text.decode("ascii")).decode("utf-16-be")
        except (ValueError, UnicodeDecodeError):
            raise _NotOurs from None
    if not mapping:
        raise _NotOurs
    return mapping
