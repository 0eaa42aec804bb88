"""Shared pieces of the command line: error reporting and reading JSON input."""

from __future__ import annotations

import contextlib
import json
import sys
from collections.abc import Iterator
from pathlib import Path

import typer

from retrodesk.entrypoints.errors import exit_code
from retrodesk.kernel.errors import InvalidInput, RetrodeskError

__all__ = ["cli_errors", "read_json"]


@contextlib.contextmanager
def cli_errors() -> Iterator[None]:
    """Report a retrodesk error as the contract's JSON on stderr with its exit code; no stdout."""
    try:
        yield
    except RetrodeskError as exc:
        sys.stderr.write(json.dumps(exc.as_dict(), indent=2) + "\n")
        raise typer.Exit(exit_code(exc)) from None


def read_json(source: str) -> object:
    """Read a JSON document from a file path or `-` (standard input).

    Fractional JSON numbers stay floats so that the case reader refuses them: the contract wants
    decimals as strings.
    """
    try:
        text = sys.stdin.read() if source == "-" else Path(source).read_text(encoding="utf-8")
    except OSError as exc:
        raise InvalidInput(f"cannot read {source}: {exc.strerror}") from exc
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise InvalidInput(f"{source} is not valid JSON: {exc.msg} at line {exc.lineno}, "
                           f"column {exc.colno}") from exc
