"""The public calculation contract (spec/calc-io.md): one shape for retro, experience and premium.

Each kind is a module `retrodesk.rating.<kind>` exposing `parse_case(document)`, `calculate(case)`
and `render_text(result)`; results expose `as_dict()`. A document may hold one case or a list;
one bad case fails the whole call, with its index in front of every error path.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Sequence
from typing import Protocol, cast

from retrodesk.kernel.errors import ErrorDetail, InvalidInput

__all__ = ["KINDS", "Calculator", "Result", "calculate_document", "calculator"]

KINDS = ("retro", "experience", "premium")


class Result(Protocol):
    """What every calculation result provides: its contract fields."""

    def as_dict(self) -> dict[str, object]: ...


class Calculator(Protocol):
    """What each `retrodesk.rating.<kind>` module provides."""

    parse_case: Callable[[object], object]
    calculate: Callable[..., Result]
    render_text: Callable[[Result], str]


def calculator(kind: str) -> Calculator:
    """The module for a calculation kind, imported only when asked for (keeps CLI start fast)."""
    if kind not in KINDS:
        raise InvalidInput(f"unknown calculation {kind!r}; choose one of {', '.join(KINDS)}")
    return cast(Calculator, importlib.import_module(f"retrodesk.rating.{kind}"))


def calculate_document(kind: str, document: object, **tables: object) -> Result | list[Result]:
    """Calculate one case or a list of cases; every case is parsed before any is computed.

    Raises:
        InvalidInput: any case is bad; paths of a list start with the case's index (`[4].claims`).
    """
    calc = calculator(kind)
    if isinstance(document, Sequence) and not isinstance(document, str | bytes):
        cases: list[object] = []
        problems: list[ErrorDetail] = []
        for index, item in enumerate(document):
            try:
                cases.append(calc.parse_case(item))
            except InvalidInput as exc:
                problems.extend(exc.prefixed(f"[{index}]").details)
        if problems:
            raise InvalidInput.of(problems)
        results: list[Result] = []
        for index, case in enumerate(cases):
            try:
                results.append(calc.calculate(case, **tables))
            except InvalidInput as exc:
                raise exc.prefixed(f"[{index}]") from exc
        return results
    return calc.calculate(calc.parse_case(document), **tables)
