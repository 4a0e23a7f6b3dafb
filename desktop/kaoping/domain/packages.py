"""The manifest (清单) of a signed data package (数据包) and the rules its files must follow.

Exam sites work offline, so data travels between the head office, the sites and the province as
signed zip files. The manifest names every data file with its SHA-256 and size; the signature covers
the manifest's canonical bytes, so any change to any file shows up as a mismatch with the manifest.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import TypeVar

from kaoping.domain.errors import ValidationError

FORMAT_VERSION = 1

MANIFEST_NAME = "manifest.json"
SIGNATURE_NAME = "manifest.sig"
SIGNER_NAME = "signer.pem"
RESERVED_NAMES = frozenset({MANIFEST_NAME, SIGNATURE_NAME, SIGNER_NAME})

_MAX_NAME_LENGTH = 200
_SHA256_HEX = re.compile(r"[0-9a-f]{64}")
_CREATED_AT = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z")
_UNSAFE_NAME_CHARS = re.compile(r'[\x00-\x1f\x7f\\:*?"<>|]')
_MANIFEST_KEYS = frozenset(
    {"format_version", "kind", "body_code", "body_name", "batch", "created_at", "sequence", "files"}
)
_FILE_KEYS = frozenset({"name", "sha256", "size"})
_T = TypeVar("_T")


class PackageKind(StrEnum):
    """What a package carries and which way it travels."""

    REPORT = "report"
    SITE = "site"
    RESULTS = "results"
    APPROVAL = "approval"
    DOSSIER = "dossier"

    @property
    def label(self) -> str:
        """Chinese name shown to people."""
        return _KIND_LABELS[self]


_KIND_LABELS = {
    PackageKind.REPORT: "报送",
    PackageKind.SITE: "考点下发",
    PackageKind.RESULTS: "考点回传",
    PackageKind.APPROVAL: "审核结果",
    PackageKind.DOSSIER: "考务档案",
}


def check_file_name(name: str) -> None:
    """Reject a data-file name that could escape the package folder or clash with package files.

    Names are relative paths with "/" between folders; no absolute paths, no "." or ".." parts, no
    backslashes, drive letters or control characters.

    Raises:
        ValidationError: Naming the file and what is wrong with its name.
    """
    problem = _name_problem(name)
    if problem:
        raise ValidationError(f"文件名“{name}”{problem}", field="文件名")


def _name_problem(name: str) -> str | None:
    if not name:
        return "为空，请为文件命名"
    if len(name) > _MAX_NAME_LENGTH:
        return f"超过 {_MAX_NAME_LENGTH} 个字符，请缩短文件名"
    if _UNSAFE_NAME_CHARS.search(name):
        return "含有反斜杠、冒号、控制字符等不允许的字符，请只用字母、数字、汉字、点、横线和下划线"
    if name.startswith("/") or any(part in ("", ".", "..") for part in name.split("/")):
        return "不是包内的相对路径（不能以 / 开头，也不能含空目录、“.”或“..”），请改为普通文件名"
    if name in RESERVED_NAMES:
        return "与数据包自身的清单、签名或证书文件同名，请改名"
    return None


def sha256_hex(data: bytes) -> str:
    """Lower-case hex SHA-256 of ``data``."""
    return hashlib.sha256(data).hexdigest()


@dataclass(frozen=True)
class FileEntry:
    """One data file listed in the manifest.

    Attributes:
        name: Path inside the package.
        sha256: Lower-case hex SHA-256 of the file's bytes.
        size: Size in bytes.
    """

    name: str
    sha256: str
    size: int

    @classmethod
    def of(cls, name: str, data: bytes) -> FileEntry:
        """Describe file ``name`` with contents ``data``."""
        check_file_name(name)
        return cls(name=name, sha256=sha256_hex(data), size=len(data))


@dataclass(frozen=True)
class Manifest:
    """The signed list of a package's contents (清单).

    Attributes:
        format_version: Version of this format; readers refuse versions they do not know.
        kind: What the package carries.
        body_code: Code of the evaluation body (评价机构) that made the package.
        body_name: Name of that body.
        batch: The assessment batch (批次) the data belongs to.
        created_at: When the package was made, ISO 8601 UTC to the second ("2026-10-08T02:30:00Z").
        sequence: The body's running number for packages of this kind and batch.
        files: The data files, sorted by name.
    """

    format_version: int
    kind: PackageKind
    body_code: str
    body_name: str
    batch: str
    created_at: str
    sequence: int
    files: tuple[FileEntry, ...]

    def to_bytes(self) -> bytes:
        """Canonical JSON (sorted keys, no spaces, UTF-8): the exact bytes that are signed."""
        document = {
            "format_version": self.format_version,
            "kind": self.kind.value,
            "body_code": self.body_code,
            "body_name": self.body_name,
            "batch": self.batch,
            "created_at": self.created_at,
            "sequence": self.sequence,
            "files": [
                {"name": f.name, "sha256": f.sha256, "size": f.size}
                for f in sorted(self.files, key=lambda f: f.name)
            ],
        }
        return _canonical_json(document)

    @classmethod
    def from_bytes(cls, data: bytes) -> Manifest:
        """Read a manifest, refusing anything that is not exactly the canonical form.

        Raises:
            ValidationError: If the bytes are not a canonical manifest of a known version.
        """
        try:
            document = json.loads(data.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise _manifest_error("不是有效的 UTF-8 JSON") from exc
        manifest = _manifest_from_document(document)
        # Only one byte sequence is accepted per content, so the package id is unique per content.
        if manifest.to_bytes() != data:
            raise _manifest_error("不是规范格式（键顺序、空格或文件排序被改动过）")
        return manifest


@dataclass(frozen=True)
class VerifiedPackage:
    """A package whose signature, signer and files all checked out.

    Attributes:
        manifest: The signed manifest.
        files: Data-file name → bytes, exactly the files the manifest lists.
        signer_fingerprint: Lower-case hex SHA-256 of the signer certificate (DER).
        package_id: Lower-case hex SHA-256 of the manifest bytes; used to refuse a second import.
    """

    manifest: Manifest
    files: Mapping[str, bytes]
    signer_fingerprint: str
    package_id: str


def check_files(manifest: Manifest, actual: Mapping[str, bytes]) -> list[str]:
    """Compare a package's data files with its manifest.

    Args:
        manifest: The signed manifest.
        actual: Name → bytes of the data files found in the package.

    Returns:
        One Chinese message per difference (renamed, changed, removed, added file), naming the
        file; an empty list when the files match the manifest exactly.
    """
    listed = {entry.name: entry for entry in manifest.files}
    found = {name: sha256_hex(data) for name, data in actual.items()}
    missing = {name: entry for name, entry in listed.items() if name not in found}
    extra = {name: digest for name, digest in found.items() if name not in listed}
    problems: list[str] = []
    for name, entry in sorted(missing.items()):
        new_name = next((n for n, d in sorted(extra.items()) if d == entry.sha256), None)
        if new_name is None:
            problems.append(f"文件“{name}”被删除：清单中有此文件，数据包中没有")
            continue
        del extra[new_name]
        problems.append(f"文件“{name}”被改名为“{new_name}”：清单中的名称与数据包中不一致")
    for name in sorted(listed.keys() & found.keys()):
        entry = listed[name]
        if found[name] != entry.sha256 or len(actual[name]) != entry.size:
            problems.append(f"文件“{name}”内容被改动：SHA-256 与清单不一致")
    problems.extend(f"文件“{name}”是后加入的：清单中没有此文件" for name in sorted(extra))
    return problems


def _canonical_json(document: object) -> bytes:
    return json.dumps(document, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode(
        "utf-8"
    )


def _manifest_error(problem: str) -> ValidationError:
    return ValidationError(f"{MANIFEST_NAME} {problem}，数据包无法使用，请向发送方索取新的数据包")


def _manifest_from_document(document: object) -> Manifest:
    if not isinstance(document, dict) or set(document) != _MANIFEST_KEYS:
        raise _manifest_error("字段不完整或有多余字段")
    version = _field(document, "format_version", int)
    if version != FORMAT_VERSION:
        raise _manifest_error(f"格式版本为 {version}，本程序只支持 {FORMAT_VERSION}，请升级考评")
    kind_value = _field(document, "kind", str)
    try:
        kind = PackageKind(kind_value)
    except ValueError as exc:
        raise _manifest_error(f"的数据包类型“{kind_value}”未知") from exc
    created_at = _field(document, "created_at", str)
    if not _CREATED_AT.fullmatch(created_at):
        raise _manifest_error(f"的生成时间“{created_at}”不是 UTC 格式（如 2026-10-08T02:30:00Z）")
    files = document["files"]
    if not isinstance(files, list):
        raise _manifest_error("的文件列表（files）不是列表")
    return Manifest(
        format_version=version,
        kind=kind,
        body_code=_field(document, "body_code", str),
        body_name=_field(document, "body_name", str),
        batch=_field(document, "batch", str),
        created_at=created_at,
        sequence=_field(document, "sequence", int),
        files=_file_entries(files),
    )


def _file_entries(items: list[object]) -> tuple[FileEntry, ...]:
    entries: list[FileEntry] = []
    for item in items:
        if not isinstance(item, dict) or set(item) != _FILE_KEYS:
            raise _manifest_error("的文件列表中有字段不完整的条目")
        name = _field(item, "name", str)
        problem = _name_problem(name)
        if problem:
            raise _manifest_error(f"列出的文件名“{name}”{problem}")
        digest = _field(item, "sha256", str)
        if not _SHA256_HEX.fullmatch(digest):
            raise _manifest_error(f"中文件“{name}”的 SHA-256 不是 64 位小写十六进制")
        size = _field(item, "size", int)
        if size < 0:
            raise _manifest_error(f"中文件“{name}”的大小为负数")
        entries.append(FileEntry(name=name, sha256=digest, size=size))
    if len({e.name for e in entries}) != len(entries):
        raise _manifest_error("中有重复的文件名")
    return tuple(entries)


def _field(document: dict[str, object], key: str, kind: type[_T]) -> _T:
    value = document[key]
    # bool is a subclass of int; a true/false where a number belongs is still wrong.
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise _manifest_error(f"的字段“{key}”类型不对")
    return value
