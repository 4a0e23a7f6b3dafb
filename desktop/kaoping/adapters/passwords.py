"""Password hashing with argon2id (argon2-cffi)."""

from __future__ import annotations

from argon2 import PasswordHasher as _Argon2
from argon2.exceptions import InvalidHashError, VerificationError


class Argon2PasswordHasher:
    """argon2id with the library's defaults; `fast=True` lowers the cost for tests and demos only."""

    def __init__(self, fast: bool = False) -> None:
        self._impl = _Argon2(time_cost=1, memory_cost=1024, parallelism=1) if fast else _Argon2()

    def hash(self, password: str) -> str:
        """Hash a password."""
        return str(self._impl.hash(password))

    def verify(self, hashed: str, password: str) -> bool:
        """Whether the password matches; never raises for a wrong password."""
        try:
            return bool(self._impl.verify(hashed, password))
        except (VerificationError, InvalidHashError):
            return False
