"""Errors that carry a message a person can act on.

Every error names what was wrong (the field, and the row for imports) and, where there is one, the fix.
Messages are Chinese by default because the people who read them work in Chinese.
"""

from __future__ import annotations


class KaopingError(Exception):
    """Base of every error the application reports to a person.

    Args:
        message: What went wrong and how to fix it, in the user's language.
        field: The form field or data column at fault, if any.
        row: The 1-based data row of an import at fault, if any.
    """

    def __init__(self, message: str, *, field: str | None = None, row: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field
        self.row = row

    def __str__(self) -> str:
        where = []
        if self.row is not None:
            where.append(f"第{self.row}行")
        if self.field:
            where.append(f"“{self.field}”")
        prefix = "，".join(where)
        return f"{prefix}：{self.message}" if prefix else self.message


class ValidationError(KaopingError):
    """Input that breaks a rule; nothing was changed."""


class PermissionDenied(KaopingError):
    """The signed-in user's roles do not allow this action; nothing was changed."""


class NotFound(KaopingError):
    """A record the action needs does not exist."""


class ConflictError(KaopingError):
    """The action clashes with the current state (a duplicate, a locked record, a stale copy)."""


class AuthenticationError(KaopingError):
    """Wrong credentials, a locked account or an expired session."""


class CancelledByUser(KaopingError):
    """The person stopped a long action before it stored anything; not a refusal by a rule.

    Subclasses name what was cancelled (issuing, an export, an import). Actions roll back and
    record nothing for them: nothing happened and nobody was stopped.
    """
