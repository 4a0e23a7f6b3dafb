"""Compliance inspection of finished documents (成品合规检查): certificate PDFs and text files.

Every text a PDF carries is checked for banned wording: page text (all pages read as one run, so a
word split across a page break is still found), document information, XMP packets, annotations
(every text entry and the text drawn by their appearance streams), form fields and bookmarks. Every
image on every page (including images inside form XObjects, tiling patterns and annotation
appearances) must be registered in the `ImageRegistry`, identified by the SHA-256 of its decoded
pixels (see `kaoping.adapters.image_registry`), and is screened against the emblem references.

A certificate this process rendered (recognised by its exact bytes) is read by
`kaoping.adapters.pdf_own_read` instead of pypdf, with the same checks applied to what it reads;
that reader takes only the renderer's plain structure and leaves every other file to pypdf.

Known limit: drawings made of vector paths are not images and are not screened; certificates are
drawn from Kaoping's own templates, which carry no such artwork.
"""

from __future__ import annotations

import html
import io
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from pypdf import PageObject, PdfReader
from pypdf.generic import (
    ArrayObject,
    ByteStringObject,
    DictionaryObject,
    FloatObject,
    NameObject,
    StreamObject,
    TextStringObject,
)

from kaoping.adapters import bounded
from kaoping.adapters.image_registry import ImageRegistry, pixel_hash, screen_known
from kaoping.adapters.own_pdfs import rendered_here
from kaoping.adapters.pdf_images import (
    FoundImage,
    page_images,
    resolved,
    stream_as_page,
    xobject_dict,
)
from kaoping.adapters.pdf_own_read import OwnDocument, read_own_pdf
from kaoping.domain.compliance import (
    RULE_EMBLEM_LIKE_IMAGE,
    RULE_UNREGISTERED_IMAGE,
    BannedWord,
    CharFolding,
    ComplianceReport,
    Finding,
    blank_exact_runs,
    check_text,
)
from kaoping.domain.errors import KaopingError, ValidationError

WHERE_BODY = "正文"
WHERE_XMP = "XMP"
WHERE_ANNOTATION = "批注"
WHERE_FIELD = "表单域"
WHERE_OUTLINE = "书签"
WHERE_IMAGE = "图片"

# Annotation entries that are structure, not text a reader sees.
_ANNOTATION_SKIP = frozenset({"/AP", "/P", "/Parent", "/Popup", "/IRT", "/Kids", "/AS", "/DA"})
_FIELD_TEXT_KEYS = ("/T", "/TU", "/TM", "/V", "/DV", "/Opt")
_APPEARANCE_KEYS = ("/N", "/R", "/D")
_TAG = re.compile(r"<[^>]*>")
_AUTHOR = "Author"
_LABEL_LIMIT = 30
_MAX_NESTING = 8  # arrays nested deeper than this carry no text a reader sees; stops cycles
# The four operators that show text are Tj, TJ, ' and ". A form whose content has none of these
# byte sequences anywhere cannot show text; any match (even inside a string) keeps the form.
_TEXT_SHOWING = re.compile(rb"Tj|TJ|['\"]")


class DocumentUnreadable(KaopingError):
    """A document that cannot be read; it cannot be cleared, so it must not be issued."""


class PdfUnreadable(DocumentUnreadable):
    """A PDF that pypdf cannot open, decrypt or read."""


@dataclass(frozen=True)
class _Text:
    """One piece of text found in a document and where it was found."""

    text: str
    where: str
    page: int | None = None


def inspect_pdf(
    data: bytes,
    words: Iterable[BannedWord],
    fold: CharFolding | None,
    registry: ImageRegistry | None = None,
    names: Sequence[str] = (),
    *,
    phrases: Sequence[str] = (),
    body_name: str = "",
) -> ComplianceReport:
    """Check a PDF for banned wording, missing glyphs and unapproved or emblem-like images.

    Args:
        data: The PDF file's bytes.
        words: The banned wordings.
        fold: The character folding table.
        registry: The approved images; None means no image is approved, so any image is a finding.
        names: The holders' names as stored in the records. A page text run that is exactly one
            of them is exempt from the banned-word rule (李中华 is a person, not a claim); text
            anywhere else (annotations, metadata, form fields) is checked in full.
        phrases: Template phrases two people acknowledged for the template in use
            (docs/compliance.md); exempt, like names, only where a page text run is exactly one.
        body_name: The body's registered name, when a quality supervisor confirmed its basis;
            exempt where a page text run is exactly it, and as the whole document-information
            Author (the template puts the issuer there). Everywhere else it is checked.

    Raises:
        PdfUnreadable: The PDF cannot be opened, decrypted or read.
    """
    word_list = tuple(words)
    exempt = [*names, *phrases, *([body_name] if body_name.strip() else [])]
    # Only the exact bytes this process rendered may be read the fast way; the reader there
    # still refuses anything but the renderer's plain structure.
    known = registry.known_bytes if registry is not None else None
    own = read_own_pdf(data, known) if rendered_here(data) else None
    if own is not None:
        return _check_own(own, word_list, fold, registry, exempt, body_name)
    reader = _open(data)
    try:
        reports = [_check_pages(reader, word_list, fold, exempt)]
        reports += [
            check_text(t.text, word_list, fold, page=t.page, where=t.where)
            for t in _other_texts(reader)
            if not _is_issuer_author(t, body_name)
        ]
        reports.append(_check_images(reader, registry))
    except (
        Exception
    ) as exc:  # pypdf raises many kinds on a damaged file (IndexError, struct.error ...)
        raise PdfUnreadable(
            f"PDF 内容无法完整读取（{type(exc).__name__}）；请重新生成该文件后再检查",
            field="PDF",
        ) from exc
    return ComplianceReport.combine(reports)


def _check_own(
    own: OwnDocument,
    words: Sequence[BannedWord],
    fold: CharFolding | None,
    registry: ImageRegistry | None,
    names: Sequence[str],
    body_name: str,
) -> ComplianceReport:
    """The same checks as for any PDF, on what `read_own_pdf` read from a rendered certificate."""
    texts = [blank_exact_runs(runs, names) if names else "".join(runs) for runs in own.page_runs]
    reports = [_report_pages(texts, words, fold)]
    info = (_Text(text, f"元数据:{key.lstrip('/')}") for key, text in own.info)
    reports += [
        check_text(t.text, words, fold, page=t.page, where=t.where)
        for t in info
        if not _is_issuer_author(t, body_name)
    ]
    findings = [f for page, found in own.images for f in _check_image(found, page, registry)]
    reports.append(ComplianceReport(tuple(findings)))
    return ComplianceReport.combine(reports)


def _is_issuer_author(text: _Text, body_name: str) -> bool:
    """Whether a text is the document-information Author holding exactly the confirmed name."""
    return bool(body_name.strip()) and (
        text.where == f"元数据:{_AUTHOR}" and text.text.strip() == body_name.strip()
    )


def inspect_text_file(
    path: Path, words: Iterable[BannedWord], fold: CharFolding | None
) -> ComplianceReport:
    """Check a text file (UTF-8, or GB18030 as saved by Chinese Windows) for banned wording.

    Findings carry `where` = 第N行 and `offset` = the 0-based column within that line.

    Raises:
        DocumentUnreadable: The file cannot be read or is in neither encoding.
    """
    text = _decode_text(_read(path), path)
    report = check_text(text, tuple(words), fold)
    line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
    located = []
    for finding in report.findings:
        offset = finding.offset or 0
        line = _line_of(line_starts, offset)
        located.append(replace(finding, where=f"第{line + 1}行", offset=offset - line_starts[line]))
    return ComplianceReport(tuple(located))


def inspect_file(
    path: Path,
    words: Iterable[BannedWord],
    fold: CharFolding | None,
    registry: ImageRegistry | None = None,
    names: Sequence[str] = (),
) -> ComplianceReport:
    """Check a PDF or a text file, recognising PDFs by their header rather than their name.

    `names` exempts the holders' names in a PDF's page text (see `inspect_pdf`); a text file has
    no runs drawn by the renderer, so it is always checked in full.

    Raises:
        DocumentUnreadable: The file cannot be read (`PdfUnreadable` for PDFs).
    """
    data = _read(path)
    if b"%PDF-" in data[:1024] or path.suffix.lower() == ".pdf":
        return inspect_pdf(data, words, fold, registry, names)
    return inspect_text_file(path, words, fold)


def _read(path: Path) -> bytes:
    """The file's bytes, its size checked first (`bounded.PDFS`) so a huge file is never read."""
    try:
        return bounded.read_file(path, bounded.PDFS)
    except ValidationError as exc:
        raise DocumentUnreadable(exc.message, field="文件") from None


def _decode_text(data: bytes, path: Path) -> str:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise DocumentUnreadable(
        f"文件 {path.name} 既不是 UTF-8 也不是 GB18030 编码的文本；请另存为 UTF-8 后再检查",
        field="文件",
    )


def _line_of(line_starts: Sequence[int], offset: int) -> int:
    """Return the 0-based line holding `offset`."""
    line = 0
    for index, start in enumerate(line_starts):
        if start > offset:
            break
        line = index
    return line


def _open(data: bytes) -> PdfReader:
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            raise PdfUnreadable("PDF 设有打开密码，无法检查；请提供未加密的文件", field="PDF")
        len(reader.pages)  # forces the page tree to be parsed now, not halfway through the check
    except PdfUnreadable:
        raise
    except Exception as exc:  # as in `inspect_pdf`: a damaged file fails in many ways
        raise PdfUnreadable(
            f"无法打开 PDF（{type(exc).__name__}）；文件可能已损坏或不是 PDF，请重新生成",
            field="PDF",
        ) from exc
    return reader


def _check_pages(
    reader: PdfReader,
    words: Sequence[BannedWord],
    fold: CharFolding | None,
    names: Sequence[str],
) -> ComplianceReport:
    """Check all page text as one run, then attribute each finding to its page."""
    texts = [_page_text(_text_only(page, reader), names) for page in reader.pages]
    return _report_pages(texts, words, fold)


def _report_pages(
    texts: Sequence[str], words: Sequence[BannedWord], fold: CharFolding | None
) -> ComplianceReport:
    starts, position = [], 0
    for text in texts:
        starts.append(position)
        position += len(text) + 1
    report = check_text("\n".join(texts), words, fold, where=WHERE_BODY)
    findings = []
    for finding in report.findings:
        offset = finding.offset or 0
        page = _line_of(starts, offset)
        findings.append(replace(finding, page=page + 1, offset=offset - starts[page]))
    return ComplianceReport(tuple(findings))


def _page_text(page: PageObject, names: Sequence[str]) -> str:
    """The page's text, with runs that are exactly a holder's name blanked.

    pypdf reports the text in runs (ended by a font switch, a new text object or a new line); the
    renderer draws the name as a run of its own. When the runs do not add up to the page text,
    where each run lies is unknown, so nothing is exempt.
    """
    if not names:
        return page.extract_text() or ""
    runs: list[str] = []
    text = page.extract_text(visitor_text=lambda run, *_: runs.append(str(run))) or ""
    if "".join(runs) != text:
        return text
    return blank_exact_runs(runs, names)


def _empty_form() -> StreamObject:
    form = StreamObject()
    form[NameObject("/Type")] = NameObject("/XObject")
    form[NameObject("/Subtype")] = NameObject("/Form")
    form[NameObject("/BBox")] = ArrayObject(
        [FloatObject(0), FloatObject(0), FloatObject(1), FloatObject(1)]
    )
    form.set_data(b"")
    return form


_EMPTY_FORM = _empty_form()


def _text_only(page: PageObject, reader: PdfReader) -> PageObject:
    """The page as pypdf's text reader needs it: forms that show no text left out.

    pypdf reads every form a page draws, operator by operator; a certificate's ornamental frame
    and QR code are such forms, made of paths only. A form stays when its content (or that of a
    form it draws, at any depth) may use a text-showing operator; only forms that cannot show
    any text are emptied, so no text is lost.
    """
    resources = resolved(page, "/Resources")
    xobjects = xobject_dict(page)
    if resources is None or xobjects is None:
        return page
    silent = [name for name, entry in xobjects.items() if not _may_show_text(entry.get_object())]
    if not silent:
        return page
    # An empty form in each one's place: pypdf finds what the page draws and reads nothing.
    kept = DictionaryObject(xobjects)
    for name in silent:
        kept[NameObject(name)] = _EMPTY_FORM
    trimmed = DictionaryObject(resources)
    trimmed[NameObject("/XObject")] = kept
    copy = PageObject(pdf=reader)
    copy.update(page)
    copy[NameObject("/Resources")] = trimmed
    return copy


def _may_show_text(xobject: Any, depth: int = 0) -> bool:
    """False only for a form XObject known to show no text (images never do)."""
    if not isinstance(xobject, StreamObject) or xobject.get("/Subtype") != "/Form":
        return xobject.get("/Subtype") != "/Image" if isinstance(xobject, StreamObject) else True
    if depth > _MAX_NESTING:
        return True
    try:
        if _TEXT_SHOWING.search(xobject.get_data()):
            return True
    except Exception:  # content that cannot be decoded is read by pypdf, which will say so
        return True
    inner = xobject_dict(xobject)
    if inner is not None:
        return any(_may_show_text(entry.get_object(), depth + 1) for entry in inner.values())
    return False


def _other_texts(reader: PdfReader) -> Iterator[_Text]:
    """Every text outside the page content: metadata, XMP, annotations, fields, bookmarks."""
    yield from _info_texts(reader)
    yield from _xmp_texts(reader.root_object, None)
    for number, page in enumerate(reader.pages, start=1):
        yield from _xmp_texts(page, number)
        for annotation in _annotations(page):
            yield from _annotation_texts(annotation, reader, number)
    for field_dict in (reader.get_fields() or {}).values():
        yield from _field_texts(field_dict)
    yield from _outline_texts(reader.outline)


def _info_texts(reader: PdfReader) -> Iterator[_Text]:
    info = reader.metadata
    if info is None:
        return
    for key, value in info.items():
        text = _as_text(value)
        if text:
            yield _Text(text, f"元数据:{str(key).lstrip('/')}")


def _xmp_texts(holder: DictionaryObject, page: int | None) -> Iterator[_Text]:
    stream = holder.get("/Metadata")
    if stream is None:
        return
    stream = stream.get_object()
    if isinstance(stream, StreamObject):
        raw = stream.get_data().decode("utf-8", errors="replace")
        yield _Text(_xml_text(raw), WHERE_XMP, page)


def _xml_text(raw: str) -> str:
    """Return every text node and attribute value of an XML packet, one per line."""
    try:
        root = ET.fromstring(raw.strip().lstrip("\ufeff"))
    except ET.ParseError:
        # A malformed packet is still checked: drop the tags, keep the characters.
        return html.unescape(_TAG.sub("\n", raw))
    parts: list[str] = []
    for element in root.iter():
        parts.extend(str(v) for v in element.attrib.values())
        parts.extend(t for t in (element.text, element.tail) if t and t.strip())
    return "\n".join(parts)


def _annotations(page: PageObject) -> Iterator[DictionaryObject]:
    annotations = page.get("/Annots")
    if annotations is None:
        return
    for entry in annotations.get_object():
        annotation = entry.get_object()
        if isinstance(annotation, DictionaryObject):
            yield annotation


def _annotation_texts(
    annotation: DictionaryObject, reader: PdfReader, page: int
) -> Iterator[_Text]:
    for key, value in annotation.items():
        if key in _ANNOTATION_SKIP:
            continue
        text = _as_text(value)
        if text:
            yield _Text(_xml_text(text) if key == "/RC" else text, WHERE_ANNOTATION, page)
    for stream in _appearance_streams(annotation):
        text = stream_as_page(stream, reader).extract_text()
        if text:
            yield _Text(text, WHERE_ANNOTATION, page)


def _field_texts(field_dict: Any) -> Iterator[_Text]:
    for key in _FIELD_TEXT_KEYS:
        value = field_dict.get(key)
        if value is None:
            continue
        text = _as_text(value)
        if text:
            yield _Text(text, WHERE_FIELD)


def _outline_texts(outline: Any) -> Iterator[_Text]:
    for item in outline:
        if isinstance(item, list):
            yield from _outline_texts(item)
        else:
            title = _as_text(item.get("/Title"))
            if title:
                yield _Text(title, WHERE_OUTLINE)


def _as_text(value: Any, depth: int = 0) -> str:
    """Text carried by a PDF value: strings, names' text, arrays of them, rich-text streams."""
    if value is None or depth > _MAX_NESTING:
        return ""
    if hasattr(value, "get_object"):  # resolves indirect references; other objects return self
        value = value.get_object()
    if isinstance(value, TextStringObject | str):
        return str(value)
    if isinstance(value, ByteStringObject):
        return bytes(value).decode("utf-8", errors="replace")
    if isinstance(value, StreamObject):
        return value.get_data().decode("utf-8", errors="replace")
    if isinstance(value, ArrayObject | list):
        return "\n".join(_as_text(item, depth + 1) for item in value)
    return ""


def _appearance_streams(annotation: DictionaryObject) -> Iterator[StreamObject]:
    appearance = annotation.get("/AP")
    if appearance is None:
        return
    appearance = appearance.get_object()
    for key in _APPEARANCE_KEYS:
        entry = appearance.get(key)
        if entry is None:
            continue
        entry = entry.get_object()
        if isinstance(entry, StreamObject):
            yield entry
        elif isinstance(entry, DictionaryObject):
            # One appearance per state (checked/unchecked, ...).
            yield from (
                s.get_object() for s in entry.values() if isinstance(s.get_object(), StreamObject)
            )


def _pattern_pages(page: PageObject, reader: PdfReader) -> Iterator[PageObject]:
    resources = page.get("/Resources")
    patterns = resources.get_object().get("/Pattern") if resources is not None else None
    if patterns is None:
        return
    for pattern in patterns.get_object().values():
        pattern = pattern.get_object()
        if isinstance(pattern, StreamObject) and pattern.get("/PatternType") == 1:
            yield stream_as_page(pattern, reader)


def _image_holders(reader: PdfReader) -> Iterator[tuple[int, PageObject]]:
    """Each page, plus pseudo-pages for its tiling patterns and annotation appearances."""
    for number, page in enumerate(reader.pages, start=1):
        yield number, page
        for holder in _pattern_pages(page, reader):
            yield number, holder
        for annotation in _annotations(page):
            for stream in _appearance_streams(annotation):
                yield number, stream_as_page(stream, reader)


def _check_images(reader: PdfReader, registry: ImageRegistry | None) -> ComplianceReport:
    findings: list[Finding] = []
    for number, holder in _image_holders(reader):
        for found in page_images(holder, reader):
            findings.extend(_check_image(found, number, registry))
    return ComplianceReport(tuple(findings))


def _image_label(key: str) -> str:
    """A short, readable image name: its resource path, keeping the end when it is long."""
    label = key.lstrip("/")
    return label if len(label) <= _LABEL_LIMIT else "…" + label[-(_LABEL_LIMIT - 1) :]


def _check_image(found: FoundImage, page: int, registry: ImageRegistry | None) -> list[Finding]:
    name = _image_label(found.label)
    undecodable = Finding(RULE_UNREGISTERED_IMAGE, f"{name}（无法解码）", "", page, WHERE_IMAGE)
    if found.pixel_sha256 is not None:
        sha = found.pixel_sha256
    elif found.image is not None:
        sha = pixel_hash(found.image)
    else:
        return [undecodable]
    findings = []
    if registry is None or not registry.is_approved(sha):
        findings.append(Finding(RULE_UNREGISTERED_IMAGE, name, "", page, WHERE_IMAGE))
    # A picture this registry itself screened (or took with the current screen's mark) in this
    # run is not screened twice; every other image is, registered or not.
    if registry is not None and not registry.passed_screen(sha):
        if found.image is None:
            return [*findings, undecodable]  # known only by its bytes: never without pixels
        for match in screen_known(sha, found.image, registry.references, registry.thresholds):
            findings.append(
                Finding(RULE_EMBLEM_LIKE_IMAGE, name, match.reference, page, WHERE_IMAGE)
            )
    return findings
