"""The signature revision of a PDF written directly, for files with a plain cross-reference table.

Reading a whole certificate with pyHanko's writer and writing the update back cost more than
the signature itself. A PDF as reportlab writes it has one classic cross-reference table and a
trailer without /Prev, so the update a certification signature needs is small and fixed: the
first page gains /Annots, the catalogue gains /AcroForm and /Perms, and three new objects hold
the form, the signature field and the signature dictionary. This module writes that update with
the /Contents hex string reserved (zeros) and an exact /ByteRange, so the CMS signature can be
dropped into place afterwards without moving a byte.

Anything it does not recognise with certainty (a cross-reference stream, an earlier update,
encryption, an existing form or annotation list, a nested page tree) gives None, and the caller
takes pyHanko's general path instead.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import UTC, datetime

__all__ = ["PreparedSignature", "prepare_signature"]

_STARTXREF = re.compile(rb"startxref\s+(\d+)\s+%%EOF\s*\Z")
_SUBSECTION = re.compile(rb"(\d+) (\d+)\s*\r?\n")
_ENTRY = re.compile(rb"(\d{10}) (\d{5}) ([nf])\s*\r?\n?")
_REF = re.compile(rb"\s*(\d+)\s+0\s+R")
_INT = re.compile(rb"\s*(\d+)")
_ID = re.compile(rb"/ID\s*\[\s*<([0-9A-Fa-f]*)>\s*<([0-9A-Fa-f]*)>\s*\]")
# Keys whose presence means the file is not the simple kind this writer handles.
_TRAILER_REFUSED = (b"/Prev", b"/Encrypt", b"/XRefStm")
_CATALOG_REFUSED = (b"/AcroForm", b"/Perms")
_BYTE_RANGE_WIDTH = 48  # room for four ten-digit numbers and the brackets


@dataclass(frozen=True)
class PreparedSignature:
    """A PDF with its signature revision written and the signature value still to fill in.

    Attributes:
        data: The whole file; /Contents holds `capacity` zero bytes (as hex).
        contents_start: Offset of the "<" that opens /Contents.
        contents_end: Offset just past the ">" that closes it.
        capacity: How many bytes of CMS signature fit into /Contents.
    """

    data: bytes
    contents_start: int
    contents_end: int
    capacity: int

    def signed_ranges(self) -> tuple[memoryview, memoryview]:
        """The two byte ranges the signature covers: everything except the /Contents string."""
        view = memoryview(self.data)
        return view[: self.contents_start], view[self.contents_end :]

    def with_signature(self, cms_der: bytes) -> bytes:
        """The file with the DER signature written into the reserved /Contents."""
        if len(cms_der) > self.capacity:
            raise ValueError("signature larger than the space reserved for it")
        hex_value = cms_der.hex().upper().encode().ljust(2 * self.capacity, b"0")
        return b"".join(
            (self.data[: self.contents_start + 1], hex_value, self.data[self.contents_end - 1 :])
        )


@dataclass(frozen=True)
class _Layout:
    xref: dict[int, int]  # object number -> offset, in-use entries only
    size: int
    root: int
    info: int | None
    first_id: bytes
    startxref: int


def prepare_signature(
    pdf: bytes, *, capacity: int, field_name: str, reason: str, location: str
) -> PreparedSignature | None:
    """Append a certification-signature revision with room for `capacity` bytes of CMS.

    Returns None when the file is not a single-revision PDF with a classic cross-reference table
    whose catalogue and first page can be extended safely.
    """
    layout = _layout(pdf)
    if layout is None:
        return None
    catalog = _object_body(pdf, layout, layout.root)
    if catalog is None or any(key in catalog for key in _CATALOG_REFUSED):
        return None
    pages_ref = _ref_after(catalog, b"/Pages")
    pages = _object_body(pdf, layout, pages_ref) if pages_ref is not None else None
    page_ref = _first_kid(pages) if pages is not None else None
    page = _object_body(pdf, layout, page_ref) if page_ref is not None else None
    if page is None or page_ref is None or b"/Annots" in page or not _is_page(page):
        return None
    form, widget, signature = layout.size, layout.size + 1, layout.size + 2
    objects = [
        (page_ref, _with_keys(page, b"/Annots [ %d 0 R ]" % widget)),
        (
            layout.root,
            _with_keys(
                catalog, b"/AcroForm %d 0 R /Perms << /DocMDP %d 0 R >>" % (form, signature)
            ),
        ),
        (form, b"<< /Fields [ %d 0 R ] /SigFlags 3 >>" % widget),
        (
            widget,
            b"<< /FT /Sig /T %s /Type /Annot /Subtype /Widget /F 132 /Rect [ 0 0 0 0 ]"
            b" /P %d 0 R /V %d 0 R >>" % (_text(field_name), page_ref, signature),
        ),
    ]
    return _assemble(pdf, layout, objects, signature, capacity, reason, location)


def _assemble(
    pdf: bytes,
    layout: _Layout,
    objects: list[tuple[int, bytes]],
    signature: int,
    capacity: int,
    reason: str,
    location: str,
) -> PreparedSignature:
    out = bytearray(pdf if pdf.endswith(b"\n") else pdf + b"\n")
    offsets: dict[int, int] = {}
    for number, body in objects:
        offsets[number] = len(out)
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    offsets[signature] = len(out)
    out += b"%d 0 obj\n<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /ETSI.CAdES.detached\n" % (
        signature
    )
    out += b"/M %s" % _text(datetime.now(UTC).strftime("D:%Y%m%d%H%M%SZ"))
    if reason:
        out += b" /Reason %s" % _text(reason)
    if location:
        out += b" /Location %s" % _text(location)
    out += (
        b"\n/Reference [ << /Type /SigRef /TransformMethod /DocMDP /TransformParams"
        b" << /Type /TransformParams /V /1.2 /P 1 >> >> ]\n/ByteRange "
    )
    range_at = len(out)
    out += b" " * _BYTE_RANGE_WIDTH + b"\n/Contents "
    contents_start = len(out)
    out += b"<" + b"0" * (2 * capacity) + b">"
    contents_end = len(out)
    out += b"\n>>\nendobj\n"
    out += _xref_and_trailer(layout, offsets, len(out))
    byte_range = b"[0 %d %d %d]" % (contents_start, contents_end, len(out) - contents_end)
    out[range_at : range_at + len(byte_range)] = byte_range
    return PreparedSignature(bytes(out), contents_start, contents_end, capacity)


def _xref_and_trailer(layout: _Layout, offsets: dict[int, int], xref_at: int) -> bytes:
    lines = [b"xref\n0 1\n0000000000 65535 f \n"]
    numbers = sorted(offsets)
    runs: list[list[int]] = []
    for number in numbers:
        if runs and runs[-1][-1] == number - 1:
            runs[-1].append(number)
        else:
            runs.append([number])
    for run in runs:
        lines.append(b"%d %d\n" % (run[0], len(run)))
        lines.extend(b"%010d 00000 n \n" % offsets[n] for n in run)
    info = b" /Info %d 0 R" % layout.info if layout.info is not None else b""
    new_id = _new_id(layout, xref_at)
    lines.append(
        b"trailer\n<< /Size %d /Root %d 0 R%s /ID [ <%s> <%s> ] /Prev %d >>\n"
        b"startxref\n%d\n%%%%EOF\n"
        % (layout.size + 3, layout.root, info, layout.first_id, new_id, layout.startxref, xref_at)
    )
    return b"".join(lines)


def _new_id(layout: _Layout, xref_at: int) -> bytes:
    """The second file identifier changes with every revision; the first one stays."""
    seed = b"%s %d %s" % (layout.first_id, xref_at, datetime.now(UTC).isoformat().encode())
    return hashlib.md5(seed, usedforsecurity=False).hexdigest().encode()


def _layout(pdf: bytes) -> _Layout | None:
    found = _STARTXREF.search(pdf, max(0, len(pdf) - 64))
    if found is None:
        return None
    startxref = int(found.group(1))
    if not pdf.startswith(b"%PDF-") or pdf[startxref : startxref + 4] != b"xref":
        return None
    position = startxref + 4
    while pdf[position : position + 1] in (b"\r", b"\n", b" "):
        position += 1
    xref: dict[int, int] = {}
    while (section := _SUBSECTION.match(pdf, position)) is not None:
        first, count = int(section.group(1)), int(section.group(2))
        position = section.end()
        for number in range(first, first + count):
            entry = _ENTRY.match(pdf, position)
            if entry is None:
                return None
            position = entry.end()
            if entry.group(3) == b"n":
                if entry.group(2) != b"00000":
                    return None  # a reused object number: not a file from one writer
                xref[number] = int(entry.group(1))
    if not pdf.startswith(b"trailer", position):
        return None
    trailer_end = pdf.find(b"startxref", position)
    return _trailer(pdf[position:trailer_end], xref, startxref)


def _trailer(trailer: bytes, xref: dict[int, int], startxref: int) -> _Layout | None:
    if any(key in trailer for key in _TRAILER_REFUSED):
        return None
    root, info = _ref_after(trailer, b"/Root"), _ref_after(trailer, b"/Info")
    size_at = trailer.find(b"/Size")
    size = _INT.match(trailer, size_at + 5) if size_at >= 0 else None
    ids = _ID.search(trailer)
    if root is None or size is None or ids is None or root not in xref:
        return None
    if info is not None and info not in xref:
        return None
    if int(size.group(1)) <= max(xref, default=0):
        return None
    return _Layout(xref, int(size.group(1)), root, info, ids.group(1), startxref)


def _object_body(pdf: bytes, layout: _Layout, number: int) -> bytes | None:
    """The dictionary of a plain (non-stream) object, as written, or None."""
    offset = layout.xref.get(number)
    if offset is None:
        return None
    header = b"%d 0 obj" % number
    if not pdf.startswith(header, offset):
        return None
    end = pdf.find(b"endobj", offset)
    if end < 0:
        return None
    body = pdf[offset + len(header) : end].strip()
    if not (body.startswith(b"<<") and body.endswith(b">>")) or b"stream" in body:
        return None
    return body


def _ref_after(text: bytes, key: bytes) -> int | None:
    at = text.find(key)
    if at < 0:
        return None
    found = _REF.match(text, at + len(key))
    return int(found.group(1)) if found is not None else None


def _first_kid(pages: bytes) -> int | None:
    at = pages.find(b"/Kids")
    if at < 0:
        return None
    found = re.match(rb"\s*\[\s*(\d+)\s+0\s+R", pages[at + 5 :])
    return int(found.group(1)) if found is not None else None


def _is_page(body: bytes) -> bool:
    return re.search(rb"/Type\s*/Page(?![A-Za-z])", body) is not None


def _with_keys(body: bytes, keys: bytes) -> bytes:
    """The dictionary with `keys` added before its closing brackets."""
    return body[:-2].rstrip() + b"\n" + keys + b"\n>>"


def _text(value: str) -> bytes:
    """A PDF text string: ASCII as a literal when safe, otherwise UTF-16BE in hex."""
    if value.isascii() and value.isprintable() and not any(c in value for c in "()\\"):
        return b"(" + value.encode("ascii") + b")"
    return b"<FEFF" + value.encode("utf-16-be").hex().upper().encode() + b">"
