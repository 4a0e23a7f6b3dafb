"""The certificate template (证书模板): wording and positions an operator may edit, read from JSON.

The shipped template is `resources/templates/certificate.json`; a body may point its settings at
its own copy. Loading checks every block and placeholder, so a broken template is refused with a
Chinese message before any certificate is drawn.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kaoping.domain.errors import ValidationError
from kaoping.paths import resource_path

PLACEHOLDERS = (
    "name",
    "id_type",
    "id_number",
    "occupation",
    "direction",
    "direction_clause",
    "level",
    "number",
    "issue_date",
    "body_name",
    "body_code",
)


@dataclass(frozen=True)
class TextBlock:
    """A line of text at a position (mm), with size (pt) and optional letter spacing (pt)."""

    text: str
    x: float
    y: float
    size: float
    char_space: float = 0.0


@dataclass(frozen=True)
class BodyBlock:
    """The wrapped certifying sentence; `direction_clause` is dropped when there is no direction."""

    text: str
    direction_clause: str
    x: float
    y: float
    width: float
    size: float
    leading: float


@dataclass(frozen=True)
class FieldTable:
    """The label/value table; `top` is the upper edge of the first row."""

    rows: tuple[tuple[str, str], ...]
    x: float
    top: float
    label_width: float
    value_width: float
    row_height: float
    size: float


@dataclass(frozen=True)
class Box:
    """A rectangle in mm with an optional caption."""

    x: float
    y: float
    width: float
    height: float
    label: str = ""
    label_size: float = 10.0


@dataclass(frozen=True)
class IssuerBlock:
    """Centred lines (body name, date) under the seal."""

    lines: tuple[str, ...]
    x: float
    y: float
    size: float
    leading: float
    max_width: float


@dataclass(frozen=True)
class CertificateTemplate:
    """Everything an operator may change about the certificate's wording and layout."""

    metadata: Mapping[str, str]
    colors: Mapping[str, str]
    empty_value: str
    title: TextBlock
    body: BodyBlock
    table: FieldTable
    photo: Box
    issuer: IssuerBlock
    seal: Box
    qr: Box


def default_template_path() -> Path:
    """Return the shipped template's path."""
    return resource_path("templates", "certificate.json")


def load_template(path: Path | None = None) -> CertificateTemplate:
    """Read and check a certificate template.

    Every text is test-filled so that an unknown placeholder is reported now, with the block
    that holds it, rather than in the middle of a batch.

    Raises:
        ValidationError: The file is missing, is not valid JSON, lacks a block or uses an unknown
            placeholder.
    """
    source = path or default_template_path()
    try:
        data = json.loads(source.read_text(encoding="utf-8"))
        template = _parse_template(data)
    except FileNotFoundError:
        raise ValidationError(f"找不到证书模板 {source}", field="证书模板") from None
    except json.JSONDecodeError as exc:
        raise ValidationError(
            f"证书模板 {source.name} 不是有效的 JSON（第{exc.lineno}行）", field="证书模板"
        ) from None
    except (KeyError, TypeError, ValueError) as exc:
        raise ValidationError(
            f"证书模板 {source.name} 缺少或写错了项目：{exc}", field="证书模板"
        ) from None
    sample = dict.fromkeys(PLACEHOLDERS, "")
    for where, text in _template_texts(template):
        fill_placeholders(text, sample, where)
    return template


def _parse_template(data: Mapping[str, Any]) -> CertificateTemplate:
    body = data["body"]
    table = data["table"]
    issuer = data["issuer"]
    seal = data["seal"]
    qr = data["qr"]
    # A template without a photo box: no "photo" block, or a box of zero size.
    photo = data.get("photo") or {"x": 0, "y": 0, "width": 0, "height": 0}
    return CertificateTemplate(
        metadata={k: str(v) for k, v in data["metadata"].items()},
        colors={k: str(v) for k, v in data["colors"].items()},
        empty_value=str(data.get("empty_value", "—")),
        title=TextBlock(**data["title"]),
        body=BodyBlock(**body),
        table=FieldTable(
            rows=tuple((str(label), str(value)) for label, value in table["rows"]),
            x=table["x"],
            top=table["top"],
            label_width=table["label_width"],
            value_width=table["value_width"],
            row_height=table["row_height"],
            size=table["size"],
        ),
        photo=Box(photo["x"], photo["y"], photo["width"], photo["height"], photo.get("label", "")),
        issuer=IssuerBlock(
            tuple(issuer["lines"]),
            issuer["x"],
            issuer["y"],
            issuer["size"],
            issuer["leading"],
            issuer["max_width"],
        ),
        seal=Box(
            seal["x"] - seal["diameter"] / 2,
            seal["y"] - seal["diameter"] / 2,
            seal["diameter"],
            seal["diameter"],
        ),
        qr=Box(
            qr["x"],
            qr["y"],
            qr["size"],
            qr["size"],
            qr.get("caption", ""),
            qr.get("caption_size", 8),
        ),
    )


def _template_texts(template: CertificateTemplate) -> list[tuple[str, str]]:
    texts = [(f"metadata.{k}", v) for k, v in template.metadata.items()]
    texts += [
        ("title", template.title.text),
        ("body", template.body.text),
        ("body.direction_clause", template.body.direction_clause),
    ]
    texts += [
        (f"table 第{i}行", f"{label}{value}")
        for i, (label, value) in enumerate(template.table.rows, 1)
    ]
    texts += [("issuer", line) for line in template.issuer.lines]
    return texts


def fill_placeholders(text: str, values: Mapping[str, str], where: str) -> str:
    """Put the values into a template text; ValidationError naming `where` for an unknown one."""
    try:
        return text.format_map(values)
    except (KeyError, IndexError, ValueError) as exc:
        allowed = " ".join("{" + p + "}" for p in PLACEHOLDERS)
        raise ValidationError(
            f"证书模板“{where}”中的占位符 {exc} 无法识别；可用的占位符：{allowed}", field="证书模板"
        ) from None
