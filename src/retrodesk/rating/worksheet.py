"""Worksheets: one line per calculation step, with inputs, value, formula, rule and rounding.

Every calculation returns one (retro.md §11, experience.md §1.4). The text view, the web page,
the PDF documents and the golden tests all read the same lines.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from retrodesk.rules.model import Lookup, Origin, Source

__all__ = ["Line", "Provenance", "Worksheet", "render_value"]

Value = Decimal | int | str | None


def render_value(value: Value) -> str:
    """A worksheet value as the contract writes it: decimals as plain strings, never exponents."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(value)


@dataclass(frozen=True, slots=True)
class Line:
    """One step of a calculation."""

    step: str
    label: str
    value: str
    formula: str = ""
    rule: str = ""
    inputs: Mapping[str, str] = field(default_factory=dict)
    rounding: str = ""
    sources: tuple[str, ...] = ()

    def as_dict(self) -> dict[str, object]:
        out: dict[str, object] = {
            "step": self.step, "label": self.label, "value": self.value,
            "formula": self.formula, "rule": self.rule,
        }
        if self.inputs:
            out["inputs"] = dict(self.inputs)
        if self.rounding:
            out["rounding"] = self.rounding
        if self.sources:
            out["sources"] = list(self.sources)
        return out


@dataclass(slots=True)
class Provenance:
    """Every table and parameter a result used, deduplicated, in first-use order."""

    sources: list[Source] = field(default_factory=list)

    def use(self, source: Source) -> Source:
        """Record a source (once) and return it."""
        if source not in self.sources:
            self.sources.append(source)
        return source

    @property
    def illustrative(self) -> bool:
        return any(s.origin is Origin.ILLUSTRATIVE for s in self.sources)

    def illustrative_names(self) -> list[str]:
        """The names of the sources that are not official (retro.md §12, experience.md §1.3)."""
        return [s.name for s in self.sources if s.origin is Origin.ILLUSTRATIVE]

    def as_dict(self) -> dict[str, object]:
        return {"illustrative": self.illustrative, "sources": [s.as_dict() for s in self.sources]}


@dataclass(slots=True)
class Worksheet:
    """Builder of worksheet lines; also records the provenance of every looked-up value."""

    lines: list[Line] = field(default_factory=list)
    provenance: Provenance = field(default_factory=Provenance)

    def add(
        self, step: str, label: str, value: Value, *, formula: str = "", rule: str = "",
        inputs: Mapping[str, Value] | None = None, rounding: str = "",
        sources: Iterable[Source] = (),
    ) -> None:
        """Add one step's line, rendering its values and recording its sources."""
        names = tuple(self.provenance.use(s).name for s in sources)
        self.lines.append(Line(
            step=step, label=label, value=render_value(value), formula=formula, rule=rule,
            inputs={k: render_value(v) for k, v in (inputs or {}).items()},
            rounding=rounding, sources=names,
        ))

    def looked_up(self, step: str, label: str, lookup: Lookup[Decimal] | Lookup[int],
                  **extra: str) -> None:
        """A line for a rulebook value, citing its rule and recording its source."""
        origin = f"{lookup.source.origin.value}: {lookup.source.version}"
        self.add(step, label, lookup.value, rule=lookup.rule, sources=[lookup.source],
                 formula=extra.get("formula", origin))

    def line(self, step: str) -> Line:
        """The first line with this step id (tests and documents read lines by id)."""
        for line in self.lines:
            if line.step == step:
                return line
        raise KeyError(step)

    def as_list(self) -> list[dict[str, object]]:
        """The lines as the contract writes them."""
        return [line.as_dict() for line in self.lines]

    def as_dict(self) -> dict[str, object]:
        """The closing fields of a result in the contract: its provenance, then its lines."""
        return {"provenance": self.provenance.as_dict(), "worksheet": self.as_list()}
