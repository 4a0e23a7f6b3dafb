"""Signed data packages (数据包): build, verify, and the CSV files they carry.

A package is a zip with the data files, ``manifest.json`` (see ``kaoping.domain.packages``),
``manifest.sig`` (a DER ECDSA P-256 / SHA-256 signature over the exact bytes of ``manifest.json``)
and ``signer.pem`` (the signer's certificate). Stock OpenSSL verifies the signature with
``openssl dgst -sha256 -verify``; docs/package-format.md gives the commands.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
import zlib
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec

from kaoping.adapters import bounded
from kaoping.domain.errors import ValidationError
from kaoping.domain.packages import (
    FORMAT_VERSION,
    MANIFEST_NAME,
    RESERVED_NAMES,
    SIGNATURE_NAME,
    SIGNER_NAME,
    FileEntry,
    Manifest,
    PackageKind,
    VerifiedPackage,
    check_file_name,
    check_files,
    sha256_hex,
)
from kaoping.domain.spreadsheet_cells import escape_cell

_MIB = 1024 * 1024
_CREATED_AT_FORMAT = "%Y-%m-%dT%H:%M:%SZ"
_RETRY_HINT = "数据包不可信，请勿使用，并向发送方索取新的数据包"


@dataclass(frozen=True)
class PackageLimits:
    """Size limits that stop a hostile zip (zip bomb) before it fills memory.

    Attributes:
        max_package_bytes: Largest package file accepted.
        max_entries: Most entries in the zip.
        max_file_bytes: Largest single file once unpacked.
        max_total_bytes: Largest total of all files once unpacked.
        max_ratio: Largest unpacked/packed ratio for files over 1 MiB; real CSV and JSON stay far
            below it, while bombs are built on ratios near 1000.
    """

    max_package_bytes: int = 512 * _MIB
    max_entries: int = 10_000
    max_file_bytes: int = 256 * _MIB
    max_total_bytes: int = 512 * _MIB
    max_ratio: int = 200


def build_package(
    kind: PackageKind,
    body_code: str,
    body_name: str,
    batch: str,
    sequence: int,
    files: Mapping[str, bytes],
    signer_key: ec.EllipticCurvePrivateKey,
    signer_cert: x509.Certificate,
    *,
    created_at: dt.datetime | None = None,
) -> bytes:
    """Make a signed package.

    Args:
        kind: What the package carries.
        body_code: Code of the evaluation body making the package.
        body_name: Name of that body.
        batch: The assessment batch the data belongs to.
        sequence: The body's running number for this kind of package (1 or more).
        files: Data-file name → bytes (JSON and CSV, UTF-8).
        signer_key: The body's P-256 signing key.
        signer_cert: The certificate of ``signer_key``.
        created_at: When the package is made (timezone-aware); defaults to now.

    Returns:
        The zip file's bytes.

    Raises:
        ValidationError: For an empty field, a bad file name, no data files, or a key that is not
            P-256 or does not match the certificate.
    """
    _check_header(body_code, body_name, batch, sequence)
    if not files:
        raise ValidationError("数据包中没有数据文件，请先选择要导出的数据", field="数据文件")
    _check_signer(signer_key, signer_cert)
    when = _utc_seconds(created_at or dt.datetime.now(dt.UTC))
    manifest = Manifest(
        format_version=FORMAT_VERSION,
        kind=kind,
        body_code=body_code,
        body_name=body_name,
        batch=batch,
        created_at=when.strftime(_CREATED_AT_FORMAT),
        sequence=sequence,
        files=tuple(FileEntry.of(name, files[name]) for name in sorted(files)),
    )
    manifest_bytes = manifest.to_bytes()
    signature = signer_key.sign(manifest_bytes, ec.ECDSA(hashes.SHA256()))
    members = [(name, files[name]) for name in sorted(files)]
    members += [
        (MANIFEST_NAME, manifest_bytes),
        (SIGNATURE_NAME, signature),
        (SIGNER_NAME, signer_cert.public_bytes(serialization.Encoding.PEM)),
    ]
    return _zip(members, when)


def verify_package(
    data: bytes,
    trusted_certs: Sequence[x509.Certificate],
    seen: Callable[[str], bool] | None,
    *,
    expected_kind: PackageKind | None = None,
    limits: PackageLimits | None = None,
) -> VerifiedPackage:
    """Check a package completely before anything in it is used.

    Args:
        data: The package file's bytes.
        trusted_certs: Certificates whose signatures are accepted.
        seen: Answers whether a package id was already imported; None skips the replay check.
        expected_kind: If given, a package of another kind is refused.
        limits: Size limits; defaults to ``PackageLimits()``.

    Returns:
        The manifest, the data files, the signer's fingerprint and the package id.

    Raises:
        ValidationError: With a Chinese message naming what is wrong: not a zip, unsafe or
            oversized content, missing manifest/signature/certificate, unknown signer, bad
            signature, a changed/added/removed/renamed file, wrong kind, or a replay.
    """
    members = _unzip(data, limits or PackageLimits())
    manifest_bytes, signature, signer_pem = _package_parts(members)
    cert = _load_cert(signer_pem)
    fingerprint = _fingerprint(cert)
    if fingerprint not in {_fingerprint(c) for c in trusted_certs}:
        raise ValidationError(
            f"未知签名者：签名证书（{cert.subject.rfc4514_string()}，指纹 {fingerprint[:16]}…）"
            f"不在受信任的证书列表中。请向发送方核实，并由管理员导入其证书后再导入",
            field=SIGNER_NAME,
        )
    _check_signature(cert, signature, manifest_bytes)
    manifest = Manifest.from_bytes(manifest_bytes)
    _check_validity(cert, manifest.created_at)
    if expected_kind is not None and manifest.kind is not expected_kind:
        raise ValidationError(
            f"这是“{manifest.kind.label}”数据包，此处需要“{expected_kind.label}”数据包，请选择正确的文件",
            field=MANIFEST_NAME,
        )
    files = {name: body for name, body in members.items() if name not in RESERVED_NAMES}
    problems = check_files(manifest, files)
    if problems:
        raise ValidationError(f"数据包内容与签名清单不符，{_RETRY_HINT}：" + "；".join(problems))
    package_id = sha256_hex(manifest_bytes)
    if seen is not None and seen(package_id):
        raise ValidationError(
            f"该数据包已导入过（数据包编号 {package_id[:16]}…），为防止重复导入已拒绝；"
            "如需更正数据，请让发送方生成新的数据包",
        )
    return VerifiedPackage(
        manifest=manifest, files=files, signer_fingerprint=fingerprint, package_id=package_id
    )


def rows_to_csv(rows: Sequence[Mapping[str, object]], columns: Sequence[str]) -> bytes:
    """Write rows as CSV (UTF-8 with BOM so Excel shows Chinese correctly; CRLF line ends).

    Only the listed columns are written, in that order; other keys of a row are left out on
    purpose, so callers can pass full records and export only what the receiver needs. None is
    written as an empty cell; other values as ``str(value)``, escaped by
    ``domain.spreadsheet_cells.escape_cell`` so that a spreadsheet opening the file evaluates no
    cell (``csv_to_rows`` undoes it, so values come back exactly).

    Raises:
        ValidationError: If a row lacks one of the columns, naming the row and column.
    """
    if len(set(columns)) != len(columns) or not columns:
        raise ValidationError("CSV 列名为空或有重复，请检查导出列设置", field="列名")
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(columns)
    for number, row in enumerate(rows, start=1):
        missing = [c for c in columns if c not in row]
        if missing:
            raise ValidationError(f"缺少列“{missing[0]}”的值，请补全后再导出", row=number)
        writer.writerow(["" if row[c] is None else escape_cell(str(row[c])) for c in columns])
    return buffer.getvalue().encode("utf-8-sig")


def csv_to_rows(data: bytes) -> list[dict[str, str]]:
    """Read CSV written by ``rows_to_csv`` (UTF-8, with or without BOM) into dicts keyed by header.

    Cells are unescaped (``domain.spreadsheet_cells.unescape_cell``), so each value is the one
    that was written.

    Raises:
        ValidationError: If the bytes are not UTF-8, break a limit of ``bounded.PACKAGE_CSV``, the
            header is empty or repeats a column, or a row has a different number of cells than the
            header (naming the data row, 1-based).
    """
    bounded.check_size(len(data), bounded.PACKAGE_CSV)
    if b"\x00" in data:
        bounded.decode_text(data, bounded.PACKAGE_CSV)  # refuses NUL bytes with its own message
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ValidationError("CSV 文件不是 UTF-8 编码，请另存为“CSV UTF-8”后重试") from exc
    reader = iter(bounded.csv_rows(text, bounded.PACKAGE_CSV))
    header = next(reader, None)
    if not header or len(set(header)) != len(header):
        raise ValidationError("CSV 文件没有表头或表头中有重复列名，请检查第一行", field="表头")
    rows: list[dict[str, str]] = []
    for number, cells in enumerate(reader, start=1):
        if len(cells) != len(header):
            raise ValidationError(
                f"有 {len(cells)} 个单元格，表头有 {len(header)} 列，请检查是否缺少或多出逗号",
                row=number,
            )
        rows.append(dict(zip(header, cells, strict=True)))
    return rows


# --- building ------------------------------------------------------------------------------------


def _check_header(body_code: str, body_name: str, batch: str, sequence: int) -> None:
    for field, value in (("机构代码", body_code), ("机构名称", body_name), ("批次", batch)):
        if not value.strip():
            raise ValidationError(f"{field}为空，请在机构信息或批次中填写后再导出", field=field)
    if sequence < 1:
        raise ValidationError(f"序号应为正整数，现为 {sequence}", field="序号")


def _check_signer(key: ec.EllipticCurvePrivateKey, cert: x509.Certificate) -> None:
    if not isinstance(key.curve, ec.SECP256R1):
        raise ValidationError(
            "签名密钥不是 P-256 椭圆曲线密钥，请重新生成机构签名密钥", field="签名密钥"
        )
    der = serialization.Encoding.DER
    spki = serialization.PublicFormat.SubjectPublicKeyInfo
    if key.public_key().public_bytes(der, spki) != cert.public_key().public_bytes(der, spki):
        raise ValidationError("签名密钥与签名证书不匹配，请选择同一套密钥和证书", field="签名证书")


def _utc_seconds(moment: dt.datetime) -> dt.datetime:
    if moment.tzinfo is None:
        raise ValueError("created_at must be timezone-aware")
    return moment.astimezone(dt.UTC).replace(microsecond=0)


def _zip(members: Sequence[tuple[str, bytes]], when: dt.datetime) -> bytes:
    buffer = io.BytesIO()
    stamp = (when.year, when.month, when.day, when.hour, when.minute, when.second)
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, body in members:
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, body)
    return buffer.getvalue()


# --- verifying -----------------------------------------------------------------------------------


def _unzip(data: bytes, limits: PackageLimits) -> dict[str, bytes]:
    if len(data) > limits.max_package_bytes:
        raise ValidationError(
            f"数据包有 {len(data) // _MIB} MiB，"
            f"超过上限 {limits.max_package_bytes // _MIB} MiB，已拒绝"
        )
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError) as exc:
        raise ValidationError(
            "所选文件不是数据包（不是有效的 zip 文件），请选择 .zip 数据包"
        ) from exc
    with archive:
        infos = [info for info in archive.infolist() if not _is_safe_directory(info)]
        _check_entries(infos, limits)
        try:
            return {info.filename: archive.read(info) for info in infos}
        except (zipfile.BadZipFile, EOFError, zlib.error, NotImplementedError) as exc:
            raise ValidationError(f"数据包已损坏，无法解压，{_RETRY_HINT}") from exc


def _is_safe_directory(info: zipfile.ZipInfo) -> bool:
    # Directory entries carry no data; some zip tools add them. Unsafe ones still get refused.
    if not info.is_dir():
        return False
    try:
        check_file_name(info.filename.rstrip("/"))
    except ValidationError:
        return False
    return True


def _check_entries(infos: Sequence[zipfile.ZipInfo], limits: PackageLimits) -> None:
    if len(infos) > limits.max_entries:
        raise ValidationError(
            f"数据包含有 {len(infos)} 个文件，超过上限 {limits.max_entries}，已拒绝"
        )
    counts = Counter(info.filename for info in infos)
    duplicates = sorted(name for name, count in counts.items() if count > 1)
    if duplicates:
        raise ValidationError(f"数据包中有重名文件“{duplicates[0]}”，{_RETRY_HINT}")
    total = 0
    for info in infos:
        _check_entry(info, limits)
        total += info.file_size
    if total > limits.max_total_bytes:
        raise ValidationError(
            f"数据包解压后共 {total // _MIB} MiB，超过上限 {limits.max_total_bytes // _MIB} MiB，"
            "可能是恶意压缩包，已拒绝"
        )


def _check_entry(info: zipfile.ZipInfo, limits: PackageLimits) -> None:
    name = info.filename
    if name not in RESERVED_NAMES:
        try:
            check_file_name(name)
        except ValidationError as exc:
            raise ValidationError(
                f"数据包中的文件路径“{name}”不安全（可能试图写到数据包之外），已拒绝导入，"
                f"{_RETRY_HINT}"
            ) from exc
    if info.flag_bits & 0x1:
        raise ValidationError(f"数据包中的文件“{name}”被加密，无法校验，{_RETRY_HINT}")
    if info.file_size > limits.max_file_bytes:
        raise ValidationError(
            f"数据包中的文件“{name}”解压后有 {info.file_size // _MIB} MiB，"
            f"超过单个文件上限 {limits.max_file_bytes // _MIB} MiB，已拒绝"
        )
    if info.file_size > _MIB and info.file_size > limits.max_ratio * max(info.compress_size, 1):
        raise ValidationError(f"数据包中的文件“{name}”压缩比异常，可能是恶意压缩包，已拒绝")


def _package_parts(members: Mapping[str, bytes]) -> tuple[bytes, bytes, bytes]:
    labels = {MANIFEST_NAME: "清单", SIGNATURE_NAME: "签名", SIGNER_NAME: "签名证书"}
    for name, label in labels.items():
        if name not in members:
            raise ValidationError(f"数据包缺少{label}文件 {name}，{_RETRY_HINT}", field=name)
    return members[MANIFEST_NAME], members[SIGNATURE_NAME], members[SIGNER_NAME]


def _load_cert(pem: bytes) -> x509.Certificate:
    try:
        return x509.load_pem_x509_certificate(pem)
    except ValueError as exc:
        raise ValidationError(
            f"{SIGNER_NAME} 不是有效的证书，{_RETRY_HINT}", field=SIGNER_NAME
        ) from exc


def _fingerprint(cert: x509.Certificate) -> str:
    return cert.fingerprint(hashes.SHA256()).hex()


def _check_signature(cert: x509.Certificate, signature: bytes, manifest_bytes: bytes) -> None:
    public_key = cert.public_key()
    if not isinstance(public_key, ec.EllipticCurvePublicKey):
        raise ValidationError(f"签名证书不是椭圆曲线证书，{_RETRY_HINT}", field=SIGNER_NAME)
    try:
        public_key.verify(signature, manifest_bytes, ec.ECDSA(hashes.SHA256()))
    except InvalidSignature as exc:
        raise ValidationError(
            f"签名无效：{MANIFEST_NAME} 或 {SIGNATURE_NAME} 在签名后被改动过，{_RETRY_HINT}",
            field=SIGNATURE_NAME,
        ) from exc


def _check_validity(cert: x509.Certificate, created_at: str) -> None:
    created = dt.datetime.strptime(created_at, _CREATED_AT_FORMAT).replace(tzinfo=dt.UTC)
    if not cert.not_valid_before_utc <= created <= cert.not_valid_after_utc:
        raise ValidationError(
            f"签名证书在数据包生成时（{created_at}）不在有效期内"
            f"（{cert.not_valid_before_utc:%Y-%m-%d} 至 {cert.not_valid_after_utc:%Y-%m-%d}），"
            f"{_RETRY_HINT}",
            field=SIGNER_NAME,
        )
