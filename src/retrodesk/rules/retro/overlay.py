"""The folder of loaded official retro tables: one sub-folder per load, written atomically.

Layout (`RETRODESK_RULES_DIR`, default `./retrodesk-rules`):

    retro/<kind>/<from>-<digest>/meta.toml     kind, citation, from, to, adopted, file, source,
                                               sha256 (from/to: coverage-period starts governed)
    retro/<kind>/<from>-<digest>/<file>        the validated table in the packaged layout

A load is built in a hidden temporary folder and renamed into place, so a reader sees either the
whole load or nothing, and a failed load leaves no trace.
"""

from __future__ import annotations

import csv
import hashlib
import io
import os
import shutil
import tempfile
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path

from retrodesk.kernel.periods import Effective
from retrodesk.rules.retro.book import FatalityValues

__all__ = ["KINDS", "TABLE_NAME", "Entry", "entries", "read_parameters", "signature", "write"]

# kind (as the administrator names it) → rulebook field it supersedes.
TABLE_NAME = {
    "parameters": "parameters",
    "size-groups": "size_groups",
    "hazard-groups": "class_hazard_group",
    "insurance": "insurance_tables",
    "dldf": "dldf",
    "elr": "elr",
    "paf": "paf",
}
KINDS = tuple(TABLE_NAME)
# Where each kind's data sits inside its load folder (the packaged file names).
DATA_FILE = {
    "parameters": "parameters.csv",
    "size-groups": "size_groups.csv",
    "hazard-groups": "class_hazard_groups.csv",
    "insurance": "insurance",
    "dldf": "dldf.csv",
    "elr": "elr.csv",
    "paf": "paf.csv",
}


@dataclass(frozen=True, slots=True)
class Entry:
    """One loaded official table."""

    kind: str
    folder: Path
    file: str
    citation: str
    effective: Effective
    source: str

    @property
    def data(self) -> Path:
        return self.folder / self.file


def _root(overlay_dir: Path) -> Path:
    return overlay_dir / "retro"


def signature(overlay_dir: Path) -> tuple[str, ...]:
    """The names of every load folder: a load is never changed in place, only added."""
    return tuple(sorted(
        f"{kind}/{load.name}" for kind in KINDS if (_root(overlay_dir) / kind).is_dir()
        for load in (_root(overlay_dir) / kind).iterdir() if not load.name.startswith(".")))


def entries(overlay_dir: Path, kind: str | None = None) -> list[Entry]:
    """Every load in the folder (of one kind if given), oldest effective date first."""
    found: list[Entry] = []
    kinds = KINDS if kind is None else (kind,)
    for name in kinds:
        folder = _root(overlay_dir) / name
        if not folder.is_dir():
            continue
        for load in sorted(folder.iterdir()):
            meta_path = load / "meta.toml"
            if load.name.startswith(".") or not meta_path.is_file():
                continue
            meta = tomllib.loads(meta_path.read_text(encoding="utf-8"))
            found.append(Entry(name, load, meta["file"], meta["citation"],
                               Effective(meta["from"], meta.get("to")), meta["source"]))
    return sorted(found, key=lambda e: (e.kind, e.effective.start))


def read_parameters(entry: Entry) -> dict[str, object]:
    """A loaded `parameters` table: rulebook name → value (fatality from its two fund rows)."""
    values = {row["parameter"]: Decimal(row["value"])
              for row in csv.DictReader(io.StringIO(entry.data.read_text(encoding="utf-8")))}
    found: dict[str, object] = {k: v for k, v in values.items() if not k.startswith("fatality_")}
    if "fatality_af" in values:
        found["fatality"] = FatalityValues(values["fatality_af"], values["fatality_ma"])
    return found


def _meta_text(kind: str, citation: str, effective: Effective, source: str, digest: str,
               adopted: date | None) -> str:
    def quoted(text: str) -> str:
        return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'

    lines = [f"kind = {quoted(kind)}", f"citation = {quoted(citation)}",
             f"from = {effective.start.isoformat()}"]
    if effective.end is not None:
        lines.append(f"to = {effective.end.isoformat()}")
    if adopted is not None:
        lines.append(f"adopted = {adopted.isoformat()}")
    lines += [f"file = {quoted(DATA_FILE[kind])}", f"source = {quoted(source)}",
              f"sha256 = {quoted(digest)}"]
    return "\n".join(lines) + "\n"


def write(overlay_dir: Path, kind: str, files: Mapping[str, str], *, citation: str,
          effective: Effective, source: str, adopted: date | None = None) -> Path:
    """Write one validated load atomically; `files` maps paths inside the data file/folder."""
    digest = hashlib.sha256("".join(f"{k}\n{v}" for k, v in sorted(files.items()))
                           .encode("utf-8")).hexdigest()
    parent = _root(overlay_dir) / kind
    parent.mkdir(parents=True, exist_ok=True)
    final = parent / f"{effective.start.isoformat()}-{digest[:12]}"
    staging = Path(tempfile.mkdtemp(prefix=".load-", dir=parent))
    try:
        for name, text in files.items():
            target = staging / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
        (staging / "meta.toml").write_text(
            _meta_text(kind, citation, effective, source, digest, adopted), encoding="utf-8")
        os.rename(staging, final)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return final


def day_after(day: date) -> date:
    """Half-open end for an inclusive last day."""
    return date.fromordinal(day.toordinal() + 1)
