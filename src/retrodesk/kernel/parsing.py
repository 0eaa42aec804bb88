"""Reading JSON-shaped case documents into typed values, collecting every problem with its path.

The calculation contract (spec/calc-io.md) promises that bad input is reported as a list of
`{"path", "message"}` errors — every problem found, not only the first — and that nothing is
computed. `Fields` reads one JSON object; all readers of one document share a `Problems` list.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from retrodesk.kernel.errors import ErrorDetail, InvalidInput
from retrodesk.kernel.money import to_decimal

__all__ = ["Fields", "Problems", "join_path"]


def join_path(parent: str, name: str) -> str:
    """`claims[3]` + `af_paid` → `claims[3].af_paid`; `` + `claims` → `claims`."""
    if not parent:
        return name
    return f"{parent}{name}" if name.startswith("[") else f"{parent}.{name}"


@dataclass(slots=True)
class Problems:
    """Every problem found while reading one document."""

    items: list[ErrorDetail] = field(default_factory=list)

    def add(self, path: str, message: str) -> None:
        """Record one problem at `path`."""
        self.items.append(ErrorDetail(path, message))

    def raise_if_any(self) -> None:
        """Raise `InvalidInput` with every problem recorded, if there is one."""
        if self.items:
            raise InvalidInput.of(self.items)


@dataclass(slots=True)
class Fields:
    """Typed access to one JSON object; a bad or missing field is recorded, and None returned."""

    data: Mapping[str, object]
    path: str
    problems: Problems

    @classmethod
    def root(cls, document: object, problems: Problems | None = None) -> Fields:
        """The reader of a whole document; anything but a JSON object is a problem."""
        found = problems if problems is not None else Problems()
        if not isinstance(document, Mapping):
            found.add("", "must be a JSON object")
            return cls({}, "", found)
        return cls(document, "", found)

    def at(self, name: str) -> str:
        """The path of a field of this object."""
        return join_path(self.path, name)

    def _raw(self, name: str, required: bool) -> object:
        value = self.data.get(name)
        if value is None and required:
            self.problems.add(self.at(name), "is required")
        return value

    def decimal(
        self, name: str, *, required: bool = True, minimum: Decimal | None = None,
        maximum: Decimal | None = None,
    ) -> Decimal | None:
        """A decimal given as a JSON string (an integer is accepted; a float never)."""
        raw = self._raw(name, required)
        if raw is None:
            return None
        try:
            value = to_decimal(raw)
        except ValueError as exc:
            self.problems.add(self.at(name), str(exc))
            return None
        if minimum is not None and value < minimum:
            self.problems.add(self.at(name), f"must be >= {minimum}")
            return None
        if maximum is not None and value > maximum:
            self.problems.add(self.at(name), f"must be <= {maximum}")
            return None
        return value

    def date(self, name: str, *, required: bool = True) -> date | None:
        """An ISO date string, `YYYY-MM-DD`."""
        raw = self._raw(name, required)
        if raw is None:
            return None
        if not isinstance(raw, str):
            self.problems.add(self.at(name), "must be a date string YYYY-MM-DD")
            return None
        try:
            return date.fromisoformat(raw)
        except ValueError:
            self.problems.add(self.at(name), f"{raw!r} is not a date (YYYY-MM-DD)")
            return None

    def integer(
        self, name: str, *, required: bool = True, choices: Collection[int] | None = None,
    ) -> int | None:
        """An integer, given as a JSON number or a string of digits."""
        raw = self._raw(name, required)
        if raw is None:
            return None
        value: int | None = None
        if isinstance(raw, int) and not isinstance(raw, bool):
            value = raw
        elif isinstance(raw, str) and raw.strip().lstrip("-").isdigit():
            value = int(raw)
        if value is None:
            self.problems.add(self.at(name), "must be a whole number")
            return None
        if choices is not None and value not in choices:
            allowed = ", ".join(str(c) for c in sorted(choices))
            self.problems.add(self.at(name), f"must be one of {allowed}")
            return None
        return value

    def text(
        self, name: str, *, required: bool = True, choices: Collection[str] | None = None,
    ) -> str | None:
        """A string, optionally one of `choices`."""
        raw = self._raw(name, required)
        if raw is None:
            return None
        if isinstance(raw, int | Decimal) and not isinstance(raw, bool):
            raw = str(raw)
        if not isinstance(raw, str) or not raw.strip():
            self.problems.add(self.at(name), "must be a non-empty string")
            return None
        if choices is not None and raw not in choices:
            self.problems.add(self.at(name), f"{raw!r} is not one of {', '.join(sorted(choices))}")
            return None
        return raw

    def boolean(self, name: str, *, default: bool = False) -> bool:
        """A JSON true or false; `default` when absent."""
        raw = self.data.get(name)
        if raw is None:
            return default
        if not isinstance(raw, bool):
            self.problems.add(self.at(name), "must be true or false")
            return default
        return raw

    def object(self, name: str, *, required: bool = False) -> Fields | None:
        """A nested JSON object, or None when absent (recorded as a problem when required)."""
        raw = self._raw(name, required)
        if raw is None:
            return None
        if not isinstance(raw, Mapping):
            self.problems.add(self.at(name), "must be a JSON object")
            return None
        return Fields(raw, self.at(name), self.problems)

    def objects(self, name: str, *, required: bool = True) -> list[Fields]:
        """A JSON list of objects, each with its indexed path (`claims[3]`)."""
        raw = self._raw(name, required)
        if raw is None:
            return []
        if not isinstance(raw, Sequence) or isinstance(raw, str):
            self.problems.add(self.at(name), "must be a JSON list")
            return []
        found: list[Fields] = []
        for index, item in enumerate(raw):
            path = self.at(f"{name}[{index}]")
            if isinstance(item, Mapping):
                found.append(Fields(item, path, self.problems))
            else:
                self.problems.add(path, "must be a JSON object")
        return found

    def nested_keys(self) -> Iterator[tuple[str, Fields, str]]:
        """Every inner key of an object of objects (e.g. class → fiscal year → rate).

        Yields (outer key, inner object, inner key); an outer value that is not an object is
        recorded as a problem and skipped.
        """
        for outer in map(str, self.data):
            inner = self.object(outer)
            if inner is None:
                continue
            for key in map(str, inner.data):
                yield outer, inner, key
