"""Every image a PDF page can show, found and decoded for the compliance check (图片检查).

pypdf's own image listing parses the whole content stream of every page to look for inline images
and re-encodes every image as PNG on the way out; on a certificate that was most of the check's
time. This module walks the resource tree instead (page, nested form XObjects) and decodes the
plain kinds of image XObject itself: 8-bit DeviceRGB or DeviceGray, Flate-compressed, not
compressed, or a JPEG (DCTDecode) whose own header agrees with the image's size and colours, with
an optional soft mask. A JPEG is decoded from the stream as it is: pypdf re-encodes JPEG images on
the way out, which changes their pixels, so a registered photo would never match. Any other image
(CMYK or Adobe-transformed JPEG, indexed colours, predictors, colour-key masks...) goes through
pypdf as before, and so do inline images: a content stream is handed to pypdf's
parser only when a byte scan finds the inline-image operator in it.

Decoded pixels are the same either way (a test compares both paths), so registered pixel hashes
match whichever path read the image.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from PIL import Image
from pypdf import PageObject, PdfReader
from pypdf.generic import ArrayObject, DictionaryObject, FloatObject, NameObject, StreamObject

from kaoping.adapters.bounded import IMAGES

_MAX_DEPTH = 12  # form XObjects nested deeper than this are refused by the reader anyway
# "BI" as an operator: preceded by whitespace or a delimiter, followed by whitespace or a name.
# A match inside a string only sends that stream down the slower, complete path.
_INLINE_IMAGE = re.compile(rb"(?:^|[\s\])>}])BI[\s/]")
_MODES = {"/DeviceRGB": ("RGB", 3), "/DeviceGray": ("L", 1)}


@dataclass(frozen=True)
class FoundImage:
    """One image: a readable label (its resource path) and its pixels, None if undecodable.

    `pixel_sha256` is the pixel hash when the reader already knows it (see
    `kaoping.adapters.pdf_own_read`); otherwise it is computed from `image` when needed.
    """

    label: str
    image: Image.Image | None
    pixel_sha256: str | None = None


def page_images(page: PageObject, reader: PdfReader) -> Iterator[FoundImage]:
    """Every image XObject in the page's resource tree and every inline image it draws."""
    yield from _container_images(page, reader, (), set(), 0)


def _container_images(
    container: DictionaryObject,
    reader: PdfReader,
    path: tuple[str, ...],
    seen: set[int],
    depth: int,
) -> Iterator[FoundImage]:
    if id(container) in seen or depth > _MAX_DEPTH:
        return
    seen.add(id(container))
    if _has_inline_images(container):
        yield from _inline_images(container, reader, path)
    for name, stream in _xobjects(container):
        subtype = stream.get("/Subtype")
        if subtype == "/Image":
            yield FoundImage("".join((*path, name)), _decode(stream, reader))
        elif subtype == "/Form":
            yield from _container_images(stream, reader, (*path, name), seen, depth + 1)


def resolved(container: DictionaryObject, key: str) -> DictionaryObject | None:
    """The dictionary under `key`, indirect references followed; None if absent or another type."""
    found = container.get(key)
    found = found.get_object() if found is not None else None
    return found if isinstance(found, DictionaryObject) else None


def xobject_dict(container: DictionaryObject) -> DictionaryObject | None:
    """The /XObject dictionary of a page's or form's resources, or None."""
    resources = resolved(container, "/Resources")
    return resolved(resources, "/XObject") if resources is not None else None


def _xobjects(container: DictionaryObject) -> Iterator[tuple[str, StreamObject]]:
    xobjects = xobject_dict(container)
    if xobjects is None:
        return
    for name, entry in xobjects.items():
        stream = entry.get_object()
        if isinstance(stream, StreamObject):
            yield str(name), stream


def _content_bytes(container: DictionaryObject) -> bytes:
    if isinstance(container, StreamObject):
        return container.get_data()
    contents = container.get("/Contents")
    contents = contents.get_object() if contents is not None else None
    if isinstance(contents, StreamObject):
        return contents.get_data()
    if isinstance(contents, ArrayObject):
        return b"\n".join(part.get_object().get_data() for part in contents)
    return b""


def _has_inline_images(container: DictionaryObject) -> bool:
    return _INLINE_IMAGE.search(_content_bytes(container)) is not None


def _inline_images(
    container: DictionaryObject, reader: PdfReader, path: tuple[str, ...]
) -> Iterator[FoundImage]:
    holder = container if isinstance(container, PageObject) else stream_as_page(container, reader)
    images = holder.images
    for key in list(images.keys()):
        name = key if isinstance(key, str) else "".join(key)
        if name.startswith("~"):  # pypdf names inline images ~0~, ~1~, ...
            yield FoundImage("".join((*path, name)), _pypdf_image(images, key))


def stream_as_page(stream: DictionaryObject, reader: PdfReader) -> PageObject:
    """Wrap a form-like content stream in a page so pypdf's text and image readers apply to it."""
    page = PageObject(pdf=reader)
    page[NameObject("/Type")] = NameObject("/Page")
    resources = stream.get("/Resources")
    page[NameObject("/Resources")] = (
        resources.get_object() if resources is not None else DictionaryObject()
    )
    bbox = stream.get("/BBox")
    page[NameObject("/MediaBox")] = (
        bbox.get_object()
        if bbox is not None
        else ArrayObject([FloatObject(0), FloatObject(0), FloatObject(1000), FloatObject(1000)])
    )
    page[NameObject("/Contents")] = stream
    return page


def _pypdf_image(images: Any, key: Any) -> Image.Image | None:
    try:
        image = images[key].image
    except Exception:  # any decoder failure: an image that cannot be read cannot be cleared
        return None
    return image if isinstance(image, Image.Image) else None


def decode_image(stream: StreamObject, reader: PdfReader) -> Image.Image | None:
    """An image XObject's pixels, decoded as for `page_images`; None if undecodable."""
    return _decode(stream, reader)


def _decode(stream: StreamObject, reader: PdfReader) -> Image.Image | None:
    """The image's pixels: directly for the plain kinds, through pypdf for the rest."""
    try:
        direct = _decode_plain(stream)
    except Exception:  # a damaged plain image: let pypdf have its say before giving up
        direct = None
    return direct if direct is not None else _decode_with_pypdf(stream, reader)


def _decode_plain(stream: StreamObject) -> Image.Image | None:
    layout = _plain_layout(stream)
    if layout is None:
        return None
    mode, channels, size, jpeg = layout
    if jpeg:
        image = _jpeg_pixels(stream.get_data(), mode, size)
        if image is None:
            return None
    else:
        data = stream.get_data()
        if len(data) != size[0] * size[1] * channels:
            return None
        image = Image.frombytes(mode, size, data)
    smask = stream.get("/SMask")
    if smask is None:
        return image
    alpha_stream = smask.get_object()
    alpha_layout = _plain_layout(alpha_stream) if isinstance(alpha_stream, StreamObject) else None
    if alpha_layout is None or alpha_layout[0] != "L" or alpha_layout[2] != size:
        return None
    if alpha_layout[3]:
        return None  # a JPEG soft mask: rare enough to leave to pypdf
    if "/Matte" in alpha_stream:
        return None
    alpha_data = alpha_stream.get_data()
    if len(alpha_data) != size[0] * size[1]:
        return None
    rgba = image.convert("RGBA")
    rgba.putalpha(Image.frombytes("L", size, alpha_data))
    return rgba


def _jpeg_pixels(data: bytes, mode: str, size: tuple[int, int]) -> Image.Image | None:
    """A JPEG stream's pixels, when its header states the size and colours the PDF says."""
    if size[0] * size[1] > IMAGES.max_pixels:
        return None  # a pixel bomb is no plain image: the general reader refuses it as before
    image = Image.open(io.BytesIO(data), formats=("JPEG",))
    # What a viewer shows is what the JPEG holds: a header disagreeing with the PDF's claims
    # (size, colour model: CMYK among them) is left to the general reader.
    if image.size != size or image.mode != mode:
        return None
    image.load()
    return image


def _plain_layout(stream: StreamObject) -> tuple[str, int, tuple[int, int], bool] | None:
    """(mode, channels, size, is JPEG) of an image this module decodes itself, else None."""
    if stream.get("/Subtype") != "/Image" or stream.get("/ImageMask") or "/Mask" in stream:
        return None
    if "/DecodeParms" in stream or stream.get("/BitsPerComponent") != 8:
        return None
    colour = stream.get("/ColorSpace")
    colour = colour.get_object() if colour is not None else None
    if not isinstance(colour, str) or colour not in _MODES:
        return None
    mode, channels = _MODES[colour]
    if not _identity_decode(stream.get("/Decode"), channels):
        return None
    filters = stream.get("/Filter")
    filters = filters.get_object() if filters is not None else None
    names = list(filters) if isinstance(filters, ArrayObject) else [filters] if filters else []
    jpeg = names == ["/DCTDecode"]
    if not jpeg and any(name != "/FlateDecode" for name in names):
        return None
    width, height = int(stream.get("/Width", 0)), int(stream.get("/Height", 0))
    if width <= 0 or height <= 0:
        return None
    return mode, channels, (width, height), jpeg


def _identity_decode(decode: Any, channels: int) -> bool:
    """No /Decode array, or the default one ([0 1] per channel), which changes nothing."""
    if decode is None:
        return True
    values = decode.get_object()
    return isinstance(values, ArrayObject) and [float(v) for v in values] == [0.0, 1.0] * channels


def _decode_with_pypdf(stream: StreamObject, reader: PdfReader) -> Image.Image | None:
    """Decode one image XObject with pypdf, through a page that holds nothing else."""
    page = PageObject(pdf=reader)
    page[NameObject("/Type")] = NameObject("/Page")
    page[NameObject("/Resources")] = DictionaryObject(
        {NameObject("/XObject"): DictionaryObject({NameObject("/Im"): stream})}
    )
    return _pypdf_image(page.images, "/Im")
