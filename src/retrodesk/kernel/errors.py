"""The one error hierarchy: each error has a stable `code` and a list of detailed problems.

Entry points map `code` to an HTTP status or a CLI exit code in one table; the core never
mentions HTTP.

    RetrodeskError
     ├── InvalidInput        bad input; every problem found, each with its path
     │    └── RuleNotInForce a parameter the rulebook lacks for a date (never borrowed)
     ├── NotFound            a record that does not exist (or that the caller may not see)
     ├── Conflict            a state or uniqueness rule would be broken
     └── NotPermitted        the caller's role does not allow the action
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TypeVar

__all__ = [
    "Conflict",
    "ErrorDetail",
    "InvalidInput",
    "NotFound",
    "NotPermitted",
    "RetrodeskError",
    "RuleNotInForce",
    "required",
]

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class ErrorDetail:
    """One problem: where it is (a JSON path, or `file:row:column`) and what is wrong."""

    path: str
    message: str

    def as_dict(self) -> dict[str, str]:
        return {"path": self.path, "message": self.message}


class RetrodeskError(Exception):
    """Base of every error retrodesk raises on purpose."""

    code = "error"

    def __init__(self, message: str, details: Iterable[ErrorDetail] = ()) -> None:
        super().__init__(message)
        self.message = message
        self.details: tuple[ErrorDetail, ...] = tuple(details) or (ErrorDetail("", message),)

    def as_dict(self) -> dict[str, list[dict[str, str]]]:
        """The contract's error body: `{"errors": [{"path": …, "message": …}]}`."""
        return {"errors": [d.as_dict() for d in self.details]}


# The error names are the house's own (style guide, convention 8), hence no `Error` suffix.
class InvalidInput(RetrodeskError):  # noqa: N818
    """The input is malformed or breaks a rule; nothing was computed or changed."""

    code = "invalid_input"

    @classmethod
    def of(cls, details: Iterable[ErrorDetail]) -> InvalidInput:
        """Build one error from every problem found, with a readable summary."""
        found = tuple(details)
        summary = "; ".join(f"{d.path}: {d.message}" if d.path else d.message for d in found)
        return cls(summary, found)

    def prefixed(self, prefix: str) -> InvalidInput:
        """The same problems with `prefix` in front of every path (e.g. a case index `[4]`)."""
        moved = [
            ErrorDetail(f"{prefix}.{d.path}" if d.path and not d.path.startswith("[") else
                        f"{prefix}{d.path}", d.message)
            for d in self.details
        ]
        return type(self).of(moved)


class RuleNotInForce(InvalidInput):
    """The rulebook has no value of a parameter for the date asked; the engine never borrows one."""

    code = "rule_not_in_force"


class NotFound(RetrodeskError):  # noqa: N818
    """A record does not exist, or is outside what the caller may see."""

    code = "not_found"


def required(value: T | None, message: str) -> T:
    """`value`, which a look-up found; NotFound with `message` when it found nothing."""
    if value is None:
        raise NotFound(message)
    return value


class Conflict(RetrodeskError):  # noqa: N818
    """The change would break a state, uniqueness or deadline rule."""

    code = "conflict"


class NotPermitted(RetrodeskError):  # noqa: N818
    """The caller's role does not allow this action."""

    code = "not_permitted"
