"""A small, strict reader for single-revision PDFs with a classic cross-reference table (简单 PDF 读取).

pypdf builds a Python object for every number of a font's width table and every operator of a
page; for the few objects the compliance check needs from a certificate the renderer has just
written, that was most of the check's time. This reader resolves objects straight from the
cross-reference table and parses only the object asked for.

It accepts only what it can read with certainty: one cross-reference table, no /Prev, no
encryption, no object streams, each object found at its offset with the right header, streams
with a direct /Length and at most one /FlateDecode filter. Anything else raises `NotPlain`, and
callers fall back to pypdf.
"""

from __future__ import annotations

import codecs
import re
import threading
import zlib
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any

__all__ = ["Name", "NotPlain", "PlainPdf", "Ref", "Stream", "literal_bytes"]

_MAX_DEPTH = 32
_STARTXREF = re.compile(rb"startxref\s+(\d+)\s+%%EOF\s*\Z")
_SUBSECTION = re.compile(rb"(\d+) (\d+)[ \t]*\r?\n")
_ENTRY = re.compile(rb"(\d{10}) (\d{5}) ([nf])[ \r\n]{1,2}")
_SPACE = re.compile(rb"(?:[ \t\r\n\f\x00]|%[^\r\n]*)*")
_TOKEN = re.compile(
    rb"""(?:
      (?P<dopen><<) | (?P<dclose>>>) | (?P<aopen>\[) | (?P<aclose>\])
    | (?P<ref>(?P<refnum>\d+)[ \t\r\n]+(?P<refgen>\d+)[ \t\r\n]+R(?![A-Za-z]))
    | (?P<num>[+-]?(?:\d+\.?\d*|\.\d+))
    | (?P<name>/[^ \t\r\n\f\x00/\[\]()<>{}%]*)
    | (?P<str>\((?:[^\\()]|\\.)*\))
    | (?P<hex><[0-9A-Fa-f \t\r\n]*>)
    | (?P<word>true|false|null|stream|endobj)
    )""",
    re.VERBOSE | re.DOTALL,
)
# A dictionary key: white space or comments, then a name (keys are read most often of all).
_KEY = re.compile(rb"(?:[ \t\r\n\f\x00]|%[^\r\n]*)*(/[^ \t\r\n\f\x00/\[\]()<>{}%]*)")
_NUMBERS = re.compile(rb"((?:[ \t\r\n]*[+-]?(?:\d+\.?\d*|\.\d+)(?![\d.]))*)[ \t\r\n]*\]")
_ESCAPE = re.compile(rb"\\([0-7]{1,3}|\r\n|.)", re.DOTALL)
# Escapes Python's decoder reads differently from PDF: \( \) and letters other than n r t b f,
# and octal values above 255 (PDF drops the high bit, Python refuses them).
_UNUSUAL_ESCAPE = re.compile(rb"\\(?:[^0-7nrtbf\\\r\n]|[4-7][0-7][0-7])")
_ESCAPES = {b"n": b"\n", b"r": b"\r", b"t": b"\t", b"b": b"\b", b"f": b"\f"}


class NotPlain(Exception):
    """The file (or the part asked for) is not of the plain kind this reader handles."""


class Name(str):
    """A PDF name, kept with its slash (/Type), as pypdf keeps it."""

    __slots__ = ()


@dataclass(frozen=True)
class Ref:
    """An indirect reference (N 0 R)."""

    number: int


@dataclass(frozen=True)
class Stream:
    """A stream object: its dictionary and its still-encoded data."""

    dictionary: dict[str, Any]
    raw: bytes

    def data(self) -> bytes:
        """The decoded data (no filter, or one /FlateDecode without parameters)."""
        filters = self.dictionary.get("/Filter")
        if isinstance(filters, list) and len(filters) == 1:
            filters = filters[0]
        if filters is None:
            return self.raw
        if filters != "/FlateDecode" or "/DecodeParms" in self.dictionary:
            raise NotPlain
        try:
            return zlib.decompress(self.raw)
        except zlib.error:
            raise NotPlain from None


def literal_bytes(body: bytes) -> bytes:
    """A literal string's bytes (between the parentheses): escapes resolved, line ends as LF."""
    if b"\r" in body:
        body = body.replace(b"\r\n", b"\n").replace(b"\r", b"\n")
    if b"\\" not in body:
        return body
    if _UNUSUAL_ESCAPE.search(body) is None:
        # Only octal and C-style escapes, which Python's escape decoder reads the PDF way.
        try:
            return bytes(codecs.escape_decode(body)[0])
        except ValueError:
            pass
    return _ESCAPE.sub(_unescape, body)


def _unescape(found: re.Match[bytes]) -> bytes:
    code = found.group(1)
    if code[:1].isdigit() and code[:1] < b"8":
        return bytes((int(code, 8) & 0xFF,))
    if code in (b"\n", b"\r\n", b"\r"):
        return b""  # a backslash at the end of a line continues the string
    return _ESCAPES.get(code, code)


class PlainPdf:
    """Objects of a plain PDF, parsed on demand (see the module docstring)."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        self.offsets, trailer_at = self._xref()
        trailer = self._value_at(trailer_at)[0]
        if not isinstance(trailer, dict) or any(
            key in trailer for key in ("/Prev", "/Encrypt", "/XRefStm")
        ):
            raise NotPlain
        self.trailer: dict[str, Any] = trailer
        self._cache: dict[int, Any] = {}
        # Where each object's bytes end at the latest: the next object's offset, or the table.
        starts = sorted(self.offsets.values())
        following = dict(zip(starts, [*starts[1:], self._table_at], strict=True))
        self._ends = {number: following[offset] for number, offset in self.offsets.items()}

    def _xref(self) -> tuple[dict[int, int], int]:
        data = self.data
        found = _STARTXREF.search(data, max(0, len(data) - 64))
        if found is None or not data.startswith(b"%PDF-"):
            raise NotPlain
        position = int(found.group(1))
        if data[position : position + 4] != b"xref":
            raise NotPlain
        self._table_at = position
        position = _SPACE.match(data, position + 4).end()  # type: ignore[union-attr]
        offsets: dict[int, int] = {}
        while (section := _SUBSECTION.match(data, position)) is not None:
            first, count = int(section.group(1)), int(section.group(2))
            position = section.end()
            for number in range(first, first + count):
                entry = _ENTRY.match(data, position)
                if entry is None:
                    raise NotPlain
                position = entry.end()
                if entry.group(3) == b"n":
                    if entry.group(2) != b"00000":
                        raise NotPlain
                    offsets[number] = int(entry.group(1))
        if not data.startswith(b"trailer", position):
            raise NotPlain
        return offsets, position + len(b"trailer")

    def get(self, value: Any) -> Any:
        """The value itself, or the object a reference points to."""
        return self.object(value.number) if isinstance(value, Ref) else value

    def object(self, number: int) -> Any:
        """Object `number` (a `Stream` for streams); raises `NotPlain` if it cannot be read."""
        if number in self._cache:
            return self._cache[number]
        offset = self.offsets.get(number)
        if offset is None:
            raise NotPlain
        header = b"%d 0 obj" % number
        if not self.data.startswith(header, offset):
            raise NotPlain
        start, end = offset + len(header), self._ends[number]
        text = self.data[start:end] if 0 < end - start <= _SMALL_OBJECT else b""
        value = _parsed_before(text)
        if value is None:
            value, used = self._parse_object(start)
            # Kept only when nothing past the slice was read: equal bytes, equal object.
            if text and used <= end:
                _keep_parsed(text, value)
        self._cache[number] = value
        return value

    def _parse_object(self, start: int) -> tuple[Any, int]:
        """The object whose value starts at `start`, and where its bytes end."""
        value, position = self._value_at(start)
        position = _SPACE.match(self.data, position).end()  # type: ignore[union-attr]
        if self.data.startswith(b"stream", position):
            stream, used = self._stream(value, position + len(b"stream"))
            return stream, used
        if not self.data.startswith(b"endobj", position):
            raise NotPlain
        return value, position + len(b"endobj")

    def _stream(self, dictionary: Any, position: int) -> tuple[Stream, int]:
        if not isinstance(dictionary, dict):
            raise NotPlain
        length = dictionary.get("/Length")
        if not isinstance(length, int) or length < 0:
            raise NotPlain  # an indirect length would need another lookup; not ours
        if self.data.startswith(b"\r\n", position):
            position += 2
        elif self.data.startswith(b"\n", position):
            position += 1
        else:
            raise NotPlain
        raw = self.data[position : position + length]
        after = _SPACE.match(self.data, position + length).end()  # type: ignore[union-attr]
        if len(raw) != length or not self.data.startswith(b"endstream", after):
            raise NotPlain
        return Stream(dictionary, raw), after + len(b"endstream")

    def _value_at(self, position: int, depth: int = 0) -> tuple[Any, int]:
        if depth > _MAX_DEPTH:
            raise NotPlain
        position = _SPACE.match(self.data, position).end()  # type: ignore[union-attr]
        token = _TOKEN.match(self.data, position)
        if token is None:
            raise NotPlain
        kind, end = token.lastgroup, token.end()
        if kind == "dopen":
            return self._dictionary(end, depth)
        if kind == "aopen":
            numbers = _NUMBERS.match(self.data, end)
            if numbers is not None:  # a width table or a box: hundreds of plain numbers
                return [_number(n) for n in numbers.group(1).split()], numbers.end()
            items: list[Any] = []
            while True:
                end = _SPACE.match(self.data, end).end()  # type: ignore[union-attr]
                if self.data.startswith(b"]", end):
                    return items, end + 1
                item, end = self._value_at(end, depth + 1)
                items.append(item)
        return _scalar(token), end

    def _dictionary(self, position: int, depth: int) -> tuple[dict[str, Any], int]:
        found: dict[str, Any] = {}
        data = self.data
        while True:
            key = _KEY.match(data, position)
            if key is None:
                position = _SPACE.match(data, position).end()  # type: ignore[union-attr]
                if data.startswith(b">>", position):
                    return found, position + 2
                raise NotPlain  # a key that is not a name
            text = key.group(1)
            if b"#" in text:
                raise NotPlain  # escaped name characters: leave to pypdf
            name = Name(text.decode("latin-1"))
            if name in found:
                raise NotPlain
            found[name], position = self._value_at(key.end(), depth + 1)


# Objects parsed before, by their exact bytes. A batch's certificates share most of their objects
# byte for byte (fonts' widths, the frame, the seal's dictionary), and parsing those again was a
# third of the compliance check. Parsed values are never changed by their readers.
_SMALL_OBJECT = 4096
_PARSED_LIMIT = 512
_parsed: OrderedDict[bytes, Any] = OrderedDict()
_parsed_lock = threading.Lock()


def _parsed_before(text: bytes) -> Any:
    if not text:
        return None
    with _parsed_lock:
        value = _parsed.get(text)
        if value is not None:
            _parsed.move_to_end(text)
        return value


def _keep_parsed(text: bytes, value: Any) -> None:
    with _parsed_lock:
        _parsed[text] = value
        while len(_parsed) > _PARSED_LIMIT:
            _parsed.popitem(last=False)


def _number(text: bytes) -> int | float:
    return float(text) if b"." in text else int(text)


def _scalar(token: re.Match[bytes]) -> Any:
    kind, text = token.lastgroup, token.group(0)
    if kind == "ref":
        if token.group("refgen") != b"0":  # the generation: ours are all 0
            raise NotPlain
        return Ref(int(token.group("refnum")))
    if kind == "num":
        return _number(text)
    if kind == "name":
        if b"#" in text:
            raise NotPlain  # escaped name characters: leave to pypdf
        return Name(text.decode("latin-1"))
    if kind == "str":
        return literal_bytes(text[1:-1])
    if kind == "hex":
        digits = re.sub(rb"\s", b"", text[1:-1])
        return bytes.fromhex((digits + b"0" * (len(digits) % 2)).decode("ascii"))
    if kind == "word" and text in (b"true", b"false", b"null"):
        return {b"true": True, b"false": False, b"null": None}[text]
    raise NotPlain
