"""One table from error code to HTTP status and CLI exit code, used by every entry point."""

from __future__ import annotations

from retrodesk.kernel.errors import (
    Conflict,
    InvalidInput,
    NotFound,
    NotPermitted,
    RetrodeskError,
    RuleNotInForce,
)

__all__ = ["STATUS", "exit_code", "http_status"]

# error class -> (HTTP status, CLI exit code). Bad input is 422 / exit 2 (spec/calc-io.md).
STATUS: dict[type[RetrodeskError], tuple[int, int]] = {
    RetrodeskError: (500, 1),
    InvalidInput: (422, 2),
    RuleNotInForce: (422, 2),
    NotFound: (404, 3),
    Conflict: (409, 4),
    NotPermitted: (403, 5),
}


def _entry(error: RetrodeskError) -> tuple[int, int]:
    for cls in type(error).__mro__:
        if cls in STATUS:
            return STATUS[cls]
    return STATUS[RetrodeskError]


def http_status(error: RetrodeskError) -> int:
    return _entry(error)[0]


def exit_code(error: RetrodeskError) -> int:
    return _entry(error)[1]
