"""What the compliance check needs from a certificate this process rendered, read the fast way.

For a file `kaoping.adapters.own_pdfs` recognises by its exact bytes, this module reads the same
things the general check reads with pypdf (page text runs, document information, every image in
the pages' resource trees), but through `plain_pdf` and `pdf_fast_text`. It takes the file only
when its structure leaves nothing else to check: catalogue and pages with the renderer's keys
alone (no annotations, forms, bookmarks, XMP, patterns, inline images), fonts with complete
one-byte ToUnicode maps. Otherwise it returns None and the general check reads the file.

Images are recognised by a fingerprint of what their pixels are decoded from (the stream's
encoded bytes and its dictionary, with referenced objects such as the soft mask or a colour
table followed): the same seal in every certificate of a batch is decoded once.
"""

from __future__ import annotations

import hashlib
import io
import re
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from pypdf import PdfReader
from pypdf.generic import StreamObject

from kaoping.adapters.image_registry import pixel_hash
from kaoping.adapters.pdf_fast_text import cmap_of, own_page_runs
from kaoping.adapters.pdf_images import FoundImage, decode_image
from kaoping.adapters.plain_pdf import Name, NotPlain, PlainPdf, Ref, Stream

KnownBytes = Callable[[bytes], str | None]
"""Looks up a pixel hash by the SHA-256 digest of an image file's bytes."""

__all__ = ["OwnDocument", "read_own_pdf"]

_CATALOG_KEYS = frozenset({"/Type", "/Pages", "/PageMode", "/Lang"})
_PAGES_KEYS = frozenset({"/Type", "/Kids", "/Count"})
_PAGE_KEYS = frozenset(
    {"/Type", "/Parent", "/Contents", "/MediaBox", "/Resources", "/Rotate", "/Trans"}
)
_RESOURCE_KEYS = frozenset({"/Font", "/XObject", "/ProcSet", "/ExtGState"})
_FORM_RESOURCE_KEYS = frozenset({"/Font", "/ProcSet", "/XObject", "/ExtGState"})
_INLINE_IMAGE = re.compile(rb"(?:^|[\s\])>}])BI[\s/]")
_MAX_FORM_DEPTH = 8
_PRINTABLE_ASCII = re.compile(rb"[\t\n\r\x20-\x7e]*\Z")
_IMAGE_CACHE_LIMIT = 32
# Forms without text, by what their content is decoded from (the frame is on every certificate).
_SILENT_LIMIT = 64
_silent_forms: OrderedDict[bytes, None] = OrderedDict()
_image_lock = threading.Lock()
_images: OrderedDict[bytes, tuple[str | None, Any]] = OrderedDict()


@dataclass(frozen=True)
class OwnDocument:
    """The checkable content of a rendered certificate.

    Attributes:
        page_runs: Each page's text runs, as pypdf's text reader would report them.
        info: Each document-information entry as (key, text), in file order.
        images: (page number, image) for every image XObject of every page.
    """

    page_runs: tuple[tuple[str, ...], ...]
    info: tuple[tuple[str, str], ...]
    images: tuple[tuple[int, FoundImage], ...]


def read_own_pdf(data: bytes, known: KnownBytes | None = None) -> OwnDocument | None:
    """The file's checkable content, or None when it is not plain enough for this reader.

    `known` names the pixel hash of JPEG files the caller already knows by their bytes (a
    registered photo); such an image is reported with that hash and not decoded.
    """
    try:
        pdf = PlainPdf(data)
        pages = _pages(pdf)
        runs = []
        images: list[tuple[int, FoundImage]] = []
        decoder = _Decoder(data, known)
        for number, page in enumerate(pages, start=1):
            found = _page_runs(pdf, page)
            if found is None:
                return None
            runs.append(tuple(found))
            resources = _resources(pdf, page.get("/Resources"), _RESOURCE_KEYS)
            images += [(number, image) for image in _images_in(pdf, resources, (), set(), decoder)]
        return OwnDocument(tuple(runs), _info(pdf), tuple(images))
    except Exception:  # NotPlain, or anything unexpected: the general reader decides and says why
        return None


def _dict(pdf: PlainPdf, value: Any) -> dict[str, Any]:
    value = pdf.get(value)
    if not isinstance(value, dict):
        raise NotPlain
    return value


def _stream(pdf: PlainPdf, value: Any) -> Stream:
    value = pdf.get(value)
    if not isinstance(value, Stream):
        raise NotPlain
    return value


def _pages(pdf: PlainPdf) -> list[dict[str, Any]]:
    catalog = _dict(pdf, pdf.trailer.get("/Root"))
    if not catalog.keys() <= _CATALOG_KEYS or catalog.get("/Type") != "/Catalog":
        raise NotPlain
    tree = _dict(pdf, catalog.get("/Pages"))
    kids = tree.get("/Kids")
    if (
        not tree.keys() <= _PAGES_KEYS
        or tree.get("/Type") != "/Pages"
        or not isinstance(kids, list)
    ):
        raise NotPlain
    pages = [_dict(pdf, kid) for kid in kids]
    if not pages or tree.get("/Count") != len(pages):
        raise NotPlain
    for page in pages:
        if not page.keys() <= _PAGE_KEYS or page.get("/Type") != "/Page":
            raise NotPlain
    return pages


def _resources(pdf: PlainPdf, value: Any, allowed: frozenset[str]) -> dict[str, Any]:
    resources = _dict(pdf, value) if value is not None else {}
    if not resources.keys() <= allowed:
        raise NotPlain  # patterns, shadings, properties...: the general check reads those
    return resources


def _page_runs(pdf: PlainPdf, page: dict[str, Any]) -> list[str] | None:
    resources = _resources(pdf, page.get("/Resources"), _RESOURCE_KEYS)
    fonts = _dict(pdf, resources["/Font"]) if "/Font" in resources else {}
    xobjects = _dict(pdf, resources["/XObject"]) if "/XObject" in resources else {}
    content = _stream(pdf, page.get("/Contents")).data()
    maps: dict[str, dict[int, str]] = {}
    quiet: dict[str, bool] = {}

    def font_map(name: str) -> dict[int, str]:
        if name not in maps:
            font = _dict(pdf, fonts.get(name))
            if font.get("/Subtype") not in ("/TrueType", "/Type1") or "/Encoding" in font:
                raise NotPlain
            maps[name] = cmap_of(_stream(pdf, font.get("/ToUnicode")).data())
        return maps[name]

    def silent(name: str) -> bool:
        if name not in quiet:
            quiet[name] = name in xobjects and _shows_no_text(pdf, xobjects[name], 0)
        return quiet[name]

    return own_page_runs(content, font_map, silent)


def _may_show_text(content: bytes) -> bool:
    """Whether a content stream has a text-showing operator's bytes anywhere (Tj, TJ, ', ")."""
    return b"Tj" in content or b"TJ" in content or b"'" in content or b'"' in content


def _shows_no_text(pdf: PlainPdf, value: Any, depth: int) -> bool:
    """True for an image, or a form whose content (and that of its forms) has no text operator."""
    stream = _stream(pdf, value)
    subtype = stream.dictionary.get("/Subtype")
    if subtype == "/Image":
        return True
    if subtype != "/Form" or depth > _MAX_FORM_DEPTH:
        return False
    resources = _resources(pdf, stream.dictionary.get("/Resources"), _FORM_RESOURCE_KEYS)
    inner = _dict(pdf, resources["/XObject"]) if "/XObject" in resources else {}
    if not inner:
        return _leaf_shows_no_text(stream)
    if _may_show_text(stream.data()):
        return False
    return all(_shows_no_text(pdf, entry, depth + 1) for entry in inner.values())


def _leaf_shows_no_text(stream: Stream) -> bool:
    """`_may_show_text` for a form with no forms inside, remembered by its encoded content."""
    coding = (stream.dictionary.get("/Filter"), stream.dictionary.get("/DecodeParms"))
    key = hashlib.sha256(repr(coding).encode() + stream.raw).digest()
    with _image_lock:
        if key in _silent_forms:
            _silent_forms.move_to_end(key)
            return True
    if _may_show_text(stream.data()):
        return False
    with _image_lock:
        _silent_forms[key] = None
        while len(_silent_forms) > _SILENT_LIMIT:
            _silent_forms.popitem(last=False)
    return True


def _info(pdf: PlainPdf) -> tuple[tuple[str, str], ...]:
    if "/Info" not in pdf.trailer:
        return ()
    found = []
    for key, value in _dict(pdf, pdf.trailer["/Info"]).items():
        text = _info_text(pdf.get(value))
        if text:
            found.append((key, text))
    return tuple(found)


def _info_text(value: Any) -> str:
    """The text pypdf gives for a document-information value (see `pdf_inspect._as_text`)."""
    if isinstance(value, Name):
        return str(value)
    if isinstance(value, bytes):
        if value.startswith(b"\xfe\xff"):
            try:
                return value[2:].decode("utf-16-be")
            except UnicodeDecodeError:
                raise NotPlain from None
        if _PRINTABLE_ASCII.match(value) is None:
            raise NotPlain  # PDFDocEncoding beyond ASCII: leave the decoding to pypdf
        return value.decode("ascii")
    if value is None or isinstance(value, bool | int | float):
        return ""
    raise NotPlain


def _images_in(
    pdf: PlainPdf,
    resources: dict[str, Any],
    path: tuple[str, ...],
    seen: set[int],
    decoder: _Decoder,
) -> list[FoundImage]:
    """Every image XObject in a resource tree, labelled as `pdf_images.page_images` does."""
    if len(path) > _MAX_FORM_DEPTH:
        raise NotPlain
    xobjects = _dict(pdf, resources["/XObject"]) if "/XObject" in resources else {}
    found = []
    for name, entry in xobjects.items():
        if not isinstance(entry, Ref):
            raise NotPlain
        stream = _stream(pdf, entry)
        subtype = stream.dictionary.get("/Subtype")
        if subtype == "/Image":
            found.append(decoder.image("".join((*path, name)), pdf, entry.number, stream))
        elif subtype == "/Form":
            if entry.number in seen:
                continue
            seen.add(entry.number)
            content = stream.data()
            if b"BI" in content and _INLINE_IMAGE.search(content):
                raise NotPlain  # inline images: pypdf's reader finds those
            inner = _resources(pdf, stream.dictionary.get("/Resources"), _FORM_RESOURCE_KEYS)
            found += _images_in(pdf, inner, (*path, name), seen, decoder)
        else:
            raise NotPlain
    return found


# Keys an image object may have for its stream to show exactly as the JPEG file it holds.
_BARE_JPEG_KEYS = frozenset(
    {"/Type", "/Subtype", "/Width", "/Height", "/ColorSpace", "/BitsPerComponent", "/Filter"}
)


def _bare_jpeg(stream: Stream) -> bool:
    """A JPEG file as it is: DCTDecode alone, nothing that would change how it shows."""
    entries = stream.dictionary
    return (
        entries.get("/Filter") in ("/DCTDecode", ["/DCTDecode"])
        and entries.keys() - {"/Length"} <= _BARE_JPEG_KEYS
        and entries.get("/ColorSpace") in ("/DeviceRGB", "/DeviceGray")
    )


# Digests of large stream contents (the seal's 75 kB on every certificate), by their length and
# ends; a hit is compared with the content in full before its digest is used.
_raw_digests: OrderedDict[tuple[int, bytes, bytes], tuple[bytes, bytes]] = OrderedDict()
_LARGE = 4096


def _raw_digest(raw: bytes) -> bytes:
    """SHA-256 of a stream's content, remembered for large contents seen a moment ago."""
    if len(raw) < _LARGE:
        return hashlib.sha256(raw).digest()
    key = (len(raw), raw[:64], raw[-64:])
    with _image_lock:
        kept = _raw_digests.get(key)
    if kept is not None and kept[0] == raw:
        return kept[1]
    digest = hashlib.sha256(raw).digest()
    with _image_lock:
        _raw_digests[key] = (raw, digest)
        while len(_raw_digests) > _IMAGE_CACHE_LIMIT:
            _raw_digests.popitem(last=False)
    return digest


def _fingerprint(pdf: PlainPdf, value: Any, depth: int = 0) -> bytes:
    """A digest input that changes whenever anything an image is decoded from changes."""
    if depth > _MAX_FORM_DEPTH:
        raise NotPlain
    value = pdf.get(value)
    if isinstance(value, Stream):
        return b"S" + _fingerprint(pdf, value.dictionary, depth + 1) + _raw_digest(value.raw)
    if isinstance(value, dict):
        parts = [
            k.encode("latin-1") + b"=" + _fingerprint(pdf, v, depth + 1)
            for k, v in sorted(value.items())
            if k != "/Length"
        ]
        return b"D{" + b";".join(parts) + b"}"
    if isinstance(value, list):
        return b"A[" + b",".join(_fingerprint(pdf, v, depth + 1) for v in value) + b"]"
    return repr((type(value).__name__, value)).encode("utf-8", "backslashreplace")


class _Decoder:
    """Decodes images through the general decoder, remembering pixels by fingerprint."""

    def __init__(self, data: bytes, known: KnownBytes | None = None) -> None:
        self._data = data
        self._known = known
        self._reader: PdfReader | None = None

    def image(self, label: str, pdf: PlainPdf, number: int, stream: Stream) -> FoundImage:
        if self._known is not None and _bare_jpeg(stream):
            sha = self._known(hashlib.sha256(stream.raw).digest())
            if sha is not None:
                return FoundImage(label, None, sha)
        key = hashlib.sha256(_fingerprint(pdf, stream)).digest()
        with _image_lock:
            cached = _images.get(key)
            if cached is not None:
                _images.move_to_end(key)
        if cached is None:
            cached = self._decode(number)
            with _image_lock:
                _images[key] = cached
                while len(_images) > _IMAGE_CACHE_LIMIT:
                    _images.popitem(last=False)
        sha, image = cached
        return FoundImage(label, image, sha)

    def _decode(self, number: int) -> tuple[str | None, Any]:
        if self._reader is None:
            self._reader = PdfReader(io.BytesIO(self._data), strict=False)
        stream = self._reader.get_object(number)
        if not isinstance(stream, StreamObject):
            raise NotPlain
        image = decode_image(stream, self._reader)
        return (pixel_hash(image) if image is not None else None), image
