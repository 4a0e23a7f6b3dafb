"""Signed packages as the exchange services use them: the body's stored key, CSV, certificates.

Wraps ``adapters.packages`` (zip, manifest, ECDSA signature) and ``adapters.identity`` (the
encrypted signing key) behind the ``PackageTool`` port of ``services.exchange``.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Callable, Mapping, Sequence

from cryptography import x509

from kaoping.adapters import bounded
from kaoping.adapters.identity import fingerprint_sha256, load_identity
from kaoping.adapters.packages import (
    PackageLimits,
    build_package,
    csv_to_rows,
    rows_to_csv,
    verify_package,
)
from kaoping.domain.errors import ValidationError
from kaoping.domain.packages import MANIFEST_NAME, PackageKind, VerifiedPackage, sha256_hex

_PACKAGES = bounded.Limits("数据包", PackageLimits().max_package_bytes)
_MANIFEST_LIMITS = bounded.Limits("数据包清单", 1024 * 1024)


class PackageFiles:
    """Implements `services.ports.exchange.PackageTool`."""

    def build(
        self,
        kind: PackageKind,
        body_code: str,
        body_name: str,
        batch: str,
        sequence: int,
        files: Mapping[str, bytes],
        key_pem: bytes,
        cert_pem: bytes,
        passphrase: str,
        created_at: dt.datetime,
    ) -> tuple[bytes, str]:
        """Sign a package with the body's stored key; returns (zip bytes, package id).

        Raises:
            AuthenticationError: The passphrase does not open the key.
            ValidationError: As ``adapters.packages.build_package``.
        """
        identity = load_identity(key_pem, cert_pem, passphrase)
        data = build_package(
            kind,
            body_code,
            body_name,
            batch,
            sequence,
            files,
            identity.private_key,
            identity.certificate,
            created_at=created_at,
        )
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            package_id = sha256_hex(archive.read(MANIFEST_NAME))
        return data, package_id

    def verify(
        self,
        data: bytes,
        trusted_pems: Sequence[bytes],
        seen: Callable[[str], bool] | None,
        expected_kind: PackageKind | None,
    ) -> VerifiedPackage:
        """Check signature, signer, files and replay (see ``adapters.packages.verify_package``)."""
        certs = [x509.load_pem_x509_certificate(pem) for pem in trusted_pems]
        return verify_package(data, certs, seen, expected_kind=expected_kind)

    def peek_kind(self, data: bytes) -> PackageKind:
        """The kind a package claims, read WITHOUT checking anything; only to choose the import.

        Raises:
            ValidationError: The file is not a zip with a small, readable manifest of a known kind.
        """
        not_package = ValidationError(
            "所选文件不是考评数据包（不是 zip，或缺少可读的 manifest.json），请选择 .zip 数据包"
        )
        bounded.check_size(len(data), _PACKAGES)
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                info = archive.getinfo(MANIFEST_NAME)
                # The stated size binds the read: zipfile stops there and checks the CRC.
                if info.file_size > _MANIFEST_LIMITS.max_bytes:
                    raise not_package
                document = bounded.load_json(archive.read(info), _MANIFEST_LIMITS)
            return PackageKind(document["kind"])
        except ValidationError:
            raise not_package from None
        except Exception as exc:  # zipfile and zlib raise many kinds for a damaged archive
            raise not_package from exc

    def to_csv(self, rows: Sequence[Mapping[str, object]], columns: Sequence[str]) -> bytes:
        """Rows as UTF-8 CSV with BOM (see ``adapters.packages.rows_to_csv``)."""
        return rows_to_csv(rows, columns)

    def from_csv(self, data: bytes) -> list[dict[str, str]]:
        """CSV bytes back to rows keyed by header."""
        return csv_to_rows(data)

    def from_json(self, data: bytes) -> object:
        """An approval list in JSON, parsed within the limits of ``bounded.APPROVALS``.

        Raises:
            ValidationError: Too large, too deeply nested, not UTF-8 or not JSON.
        """
        return bounded.load_json(data, bounded.APPROVALS)

    def describe(self, cert_pem: bytes) -> tuple[str, str, dt.datetime]:
        """(fingerprint, subject, not_after) of a PEM certificate.

        Raises:
            ValidationError: The bytes are not a PEM certificate.
        """
        try:
            cert = x509.load_pem_x509_certificate(cert_pem)
        except ValueError as exc:
            raise ValidationError(
                "所选文件不是 PEM 格式的证书（应以 -----BEGIN CERTIFICATE----- 开头），"
                "请让对方导出 .pem 证书",
                field="证书",
            ) from exc
        return (fingerprint_sha256(cert), cert.subject.rfc4514_string(), cert.not_valid_after_utc)
