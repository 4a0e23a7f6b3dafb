"""Which database a `--db` URL names, and the refusal of PostgreSQL without TLS across a network."""

from __future__ import annotations

from pathlib import Path

import pytest

from kaoping.domain.errors import ValidationError
from kaoping.storage.engine import StoreKind, check_server_tls, locate


def test_urls_name_encrypted_plain_memory_and_server_stores(tmp_path: Path) -> None:
    encrypted = locate(f"sqlite+pysqlcipher:///{tmp_path / 'k.db'}")
    assert encrypted.kind is StoreKind.ENCRYPTED
    assert encrypted.keys_path == tmp_path / "k.db.keys"
    assert locate(f"sqlite:///{tmp_path / 'new.db'}").kind is StoreKind.PLAIN
    assert locate("sqlite://").kind is StoreKind.MEMORY
    # A plain URL that points at an encrypted file opens it as the store it is.
    (tmp_path / "store.db").write_bytes(b"\x8f\x11" * 2048)
    assert locate(f"sqlite:///{tmp_path / 'store.db'}").kind is StoreKind.ENCRYPTED
    server = locate("postgresql+psycopg://kp@localhost/kaoping")
    assert server.kind is StoreKind.SERVER


@pytest.mark.parametrize(
    "url",
    [
        "postgresql+psycopg://kp@localhost/kaoping",
        "postgresql+psycopg://kp@127.0.0.1:5432/kaoping",
        "postgresql+psycopg://kp@[::1]/kaoping",
        "postgresql+psycopg://kp@/kaoping?host=/var/run/postgresql",
        "postgresql+psycopg://kp@db.example.cn/kaoping?sslmode=require",
        "postgresql+psycopg://kp@10.0.0.5/kaoping?sslmode=verify-full",
        "postgresql+psycopg://kp@10.0.0.5/kaoping?sslmode=verify-ca",
    ],
)
def test_local_or_tls_servers_are_accepted(url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("KAOPING_ALLOW_INSECURE_PG", raising=False)
    check_server_tls(url)


@pytest.mark.parametrize(
    "url",
    [
        "postgresql+psycopg://kp@db.example.cn/kaoping",
        "postgresql+psycopg://kp@10.0.0.5/kaoping?sslmode=prefer",
        "postgresql+psycopg://kp@10.0.0.5/kaoping?sslmode=disable",
        "postgresql+psycopg://kp@localhost/kaoping?host=10.0.0.5",
    ],
)
def test_a_remote_server_without_tls_is_refused(url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("KAOPING_ALLOW_INSECURE_PG", raising=False)
    with pytest.raises(ValidationError, match="sslmode=require"):
        locate(url)
    check_server_tls(url, allow_insecure=True)
    monkeypatch.setenv("KAOPING_ALLOW_INSECURE_PG", "1")
    check_server_tls(url)


def test_a_malformed_url_is_named() -> None:
    with pytest.raises(ValidationError, match="数据库地址格式不对"):
        locate("not a url")
