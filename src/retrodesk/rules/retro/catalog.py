"""The retro rulebook as shipped (packaged data) plus the official tables an administrator loaded.

Rule: WAC 296-17B-040 — versions are chosen by coverage-period start. Packaged data lives in
`retrodesk/rules/data/retro/` (parameters.toml names every parameter's versions and provenance;
CSV tables beside it). A loaded official table supersedes the illustrative one for its dates
(Parameter.at prefers official), and an open-ended row stays in force until the next row.
"""

from __future__ import annotations

import dataclasses
import functools
import tomllib
from collections.abc import Callable, Mapping
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from retrodesk.kernel.periods import Effective
from retrodesk.rules.model import Origin, Parameter, Table, Version
from retrodesk.rules.packaged import packaged_folder
from retrodesk.rules.retro import overlay, tables
from retrodesk.rules.retro.book import (
    AhiBand,
    AuditedFatality,
    FatalityValues,
    RatioRange,
    RetroRulebook,
)

__all__ = ["PARAMETERS", "load_retro_rulebook", "packaged_data"]


def _fatality(raw: Mapping[str, str]) -> FatalityValues:
    return FatalityValues(Decimal(raw["af"]), Decimal(raw["ma"]))


def _range(raw: list[str]) -> RatioRange:
    return RatioRange(Decimal(raw[0]), Decimal(raw[1]))


def _decimals(raw: list[str]) -> tuple[Decimal, ...]:
    return tuple(Decimal(v) for v in raw)


def _index(raw: Mapping[str, str]) -> dict[int, Decimal]:
    return {int(k): Decimal(v) for k, v in raw.items()}


def _bands(raw: list[list[str]]) -> tuple[AhiBand, ...]:
    return tuple(AhiBand(int(hg), Decimal(low), Decimal(high)) for hg, low, high in raw)


# name → (label, rule, reader of the manifest's value). The label names the parameter in errors.
PARAMETERS: dict[str, tuple[str, str, Callable[[Any], object]]] = {
    "premium_admin_expense": ("premium administration expense factor", "WAC 296-17B-420", Decimal),
    "claims_admin_expense": ("claims administration expense factor", "WAC 296-17B-430", Decimal),
    "fatality": ("fatality initial loss values", "WAC 296-17B-540(1)", _fatality),
    "single_loss_limits": ("single loss occurrence limit options", "WAC 296-17B-300(1)", _decimals),
    "max_loss_ratio_range": ("maximum loss ratio range", "WAC 296-17B-300(3)(c)", _range),
    "min_loss_ratio_range": ("minimum loss ratio range", "WAC 296-17B-300(3)(c)", _range),
    "loss_ratio_gap": ("minimum gap between loss ratios", "WAC 296-17B-300(3)(b)", Decimal),
    "loss_ratio_decimals": ("loss ratio precision", "WAC 296-17B-300(3)(c)", int),
    "highest_premium_range": ("highest possible retro premium range", "WAC 296-17B-300(3)(d)",
                              _range),
    "premium_test_multiple": ("single loss limit premium test", "WAC 296-17B-300(3)(a)", Decimal),
    "hazard_index": ("hazard group index numbers", "WAC 296-17B-560(3)", _index),
    "ahi_bands": ("average hazard index bands", "WAC 296-17B-560(4)", _bands),
    "claim_types": ("claim types", "WAC 296-17B-810", tuple),
    "excluded_reasons": ("loss exclusion reasons", "WAC 296-17B-530", frozenset),
    "industry_categories": ("industry categories", "RCW 51.18.040", dict),
    "size_groups": ("standard premium size ranges", "WAC 296-17B-900", tables.size_groups),
    "insurance_tables": ("insurance charge and savings tables", "WAC 296-17B-910 to -990",
                         tables.insurance_tables),
}
# Tables keyed by something besides the date: name → (label, rule).
TABLES: dict[str, tuple[str, str]] = {
    "class_hazard_group": ("hazard group of risk class", "WAC 296-17-901"),
    "dldf": ("discounted loss development factor", "WAC 296-17B-810"),
    "elr": ("expected loss ratio factor", "WAC 296-17B-830"),
    "paf": ("performance adjustment factor", "WAC 296-17B-610"),
}


def packaged_data() -> Path:
    """The folder of packaged retro rule data."""
    return packaged_folder("retro")


@dataclasses.dataclass(slots=True)
class _Versions:
    """Versions gathered per parameter and per table key before the rulebook is frozen."""

    parameters: dict[str, list[Version[Any]]] = dataclasses.field(default_factory=dict)
    keyed: dict[str, dict[Any, list[Version[Any]]]] = dataclasses.field(default_factory=dict)

    def add(self, name: str, version: Version[Any]) -> None:
        self.parameters.setdefault(name, []).append(version)

    def add_keyed(self, name: str, key: object, version: Version[Any]) -> None:
        self.keyed.setdefault(name, {}).setdefault(key, []).append(version)

    def copy(self) -> _Versions:
        return _Versions({name: list(found) for name, found in self.parameters.items()},
                         {name: {key: list(found) for key, found in entries.items()}
                          for name, entries in self.keyed.items()})


def _effective(entry: Mapping[str, Any]) -> Effective:
    start: date = entry["from"]
    end: date | None = entry.get("to")
    return Effective(start, end)


def _read_manifest(folder: Path, into: _Versions) -> tuple[AuditedFatality, ...]:
    manifest = tomllib.loads(folder.joinpath("parameters.toml").read_text(encoding="utf-8"))
    for name, (_, _, read) in PARAMETERS.items():
        for entry in manifest.get(name, ()):
            into.add(name, Version(_effective(entry), read(entry["value"]),
                                   Origin(entry["origin"]), entry["version"]))
    for entry in manifest["table"]:
        _read_table(folder, entry, Origin(entry["origin"]), entry["version"], into)
    return tuple(AuditedFatality(_fatality(e["value"]), e["citation"], e["note"])
                 for e in manifest.get("fatality_audit", ()))


def _read_table(folder: Path, entry: Mapping[str, Any], origin: Origin, version: str,
                into: _Versions) -> None:
    """One table file (or the insurance folder) named by a manifest or overlay entry."""
    name: str = entry["name"]
    source = folder.joinpath(entry["file"])
    if name in ("dldf", "elr", "paf"):
        found: tables.ActuarialVersions = {}
        tables.read_actuarial(name, source.read_text(encoding="utf-8"), origin, version, found)
        for key, versions in found.items():
            for item in versions:
                into.add_keyed(name, key, item)
        return
    effective = _effective(entry)
    if name == "class_hazard_group":
        found_map = tables.class_hazard_groups(source.read_text(encoding="utf-8"))
        for risk_class, hg in found_map.items():
            into.add_keyed(name, risk_class, Version(effective, hg, origin, version))
        return
    if name == "insurance_tables":
        into.add(name, Version(effective, tables.insurance_tables(source), origin, version))
        return
    rows = tables.size_groups(source.read_text(encoding="utf-8"))
    into.add(name, Version(effective, rows, origin, version))


def _freeze(versions: _Versions, audit: tuple[AuditedFatality, ...]) -> RetroRulebook:
    arguments: dict[str, Any] = {
        name: Parameter(name, label, rule, tuple(versions.parameters.get(name, ())))
        for name, (label, rule, _) in PARAMETERS.items()
    }
    for name, (label, rule) in TABLES.items():
        entries = {key: Parameter(name, f"{label} for {key}", rule, tuple(found))
                   for key, found in versions.keyed.get(name, {}).items()}
        arguments[name] = Table(name, label, rule, entries)
    return RetroRulebook(**arguments, fatality_audit=audit)


@functools.cache
def _packaged() -> tuple[_Versions, tuple[AuditedFatality, ...], RetroRulebook]:
    versions = _Versions()
    audit = _read_manifest(packaged_data(), versions)
    return versions, audit, _freeze(versions, audit)


def load_retro_rulebook(overlay_dir: Path | None = None) -> RetroRulebook:
    """The packaged rulebook, plus the official tables loaded into `overlay_dir` if given.

    Rule: WAC 296-17B-040. The packaged part is read once per process, and the combined rulebook
    again only when a load is added (each load is a new folder); insurance tables are read per
    hazard group on first use.
    """
    if overlay_dir is None or not overlay_dir.is_dir():
        return _packaged()[2]
    return _with_overlay(overlay_dir.resolve(), overlay.signature(overlay_dir))


@functools.lru_cache(maxsize=8)
def _with_overlay(overlay_dir: Path, signature: tuple[str, ...]) -> RetroRulebook:
    """The rulebook with the loads named by `signature` (the key that invalidates the cache)."""
    base, audit, _ = _packaged()
    merged = base.copy()
    for entry in overlay.entries(overlay_dir):
        _read_loaded(entry, merged)
    return _freeze(merged, audit)


def _read_loaded(entry: overlay.Entry, into: _Versions) -> None:
    """The versions of one loaded official table (overlay layout: overlay.py)."""
    version = entry.citation
    if entry.kind != "parameters":
        table = {"kind": entry.kind, "name": overlay.TABLE_NAME[entry.kind], "file": entry.file,
                 "from": entry.effective.start, "to": entry.effective.end}
        _read_table(entry.folder, table, Origin.OFFICIAL, version, into)
        return
    for name, value in overlay.read_parameters(entry).items():
        into.add(name, Version(entry.effective, value, Origin.OFFICIAL, version))
