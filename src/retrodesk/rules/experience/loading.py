"""Loading an official experience or premium table (CSV or Excel) into the rules folder.

Rule: experience.md §12.3 — an imported official table replaces the packaged table of its kind for
each rating year it covers. The file is read with `rules.tabular` (every problem by file, row and
column), checked whole (each value once per rating year, banded tables from 0, no rating year
already loaded for the kind) and written atomically; a bad file changes nothing. Layouts:
docs/rule-tables.md ("Experience rating and premium").

Folder layout (`RETRODESK_RULES_DIR`): `experience/<kind>/<first year>-<digest>.csv`, in the
packaged layout (with `origin` official and `version` the citation).
"""

from __future__ import annotations

import csv
import hashlib
import io
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

from retrodesk.kernel.errors import ErrorDetail, InvalidInput
from retrodesk.kernel.parsing import Problems
from retrodesk.rules.experience.book import ExperienceRulebook, Fund
from retrodesk.rules.experience.catalog import group_of, packaged, with_official
from retrodesk.rules.experience.layouts import KINDS, Entry, Row, read_rows
from retrodesk.rules.model import Origin
from retrodesk.rules.tabular import read_sheet

__all__ = ["ALIASES", "load_official_table", "loaded_entries", "official_rulebook"]

FOLDER = "experience"
# Other header spellings (canonical form) → column name.
ALIASES = {
    "year": "rating_year",
    "class": "risk_class",
    "risk_classification": "risk_class",
    "fy": "fiscal_year",
    "elr": "rate",
    "expected_loss_rate": "rate",
    "primary_ratio": "ratio",
    "d_ratio": "ratio",
    "expected_losses": "expected_losses_from",
    "from": "expected_losses_from",
    "zp": "primary",
    "ze": "excess",
    "max": "maximum",
    "name": "parameter",
    "af": Fund.AF.value,
    "ma": Fund.MA.value,
    "saw": Fund.SAW.value,
    "sp": Fund.SP.value,
}


def kind_name(kind: str) -> str:
    """`claim-free-max` → `claim_free_max` (the command line spells kinds with hyphens)."""
    name = kind.replace("-", "_")
    if name not in KINDS:
        spelled = ", ".join(k.replace("_", "-") for k in KINDS)
        message = f"{kind!r} is not one of {spelled}"
        raise InvalidInput(message, [ErrorDetail("kind", message)])
    return name


def _csv_text(kind: str, entries_rows: list[dict[str, str]], citation: str) -> str:
    layout = KINDS[kind]
    columns = [*layout.columns, *layout.optional, "origin", "version"]
    out = io.StringIO()
    writer = csv.DictWriter(out, columns, lineterminator="\n", extrasaction="ignore")
    writer.writeheader()
    for cells in entries_rows:
        writer.writerow({**cells, "origin": Origin.OFFICIAL.value, "version": citation})
    return out.getvalue()


def loaded_entries(rules_dir: Path | None) -> list[Entry]:
    """Every official entry loaded into the folder (nothing when there is none)."""
    root = None if rules_dir is None else rules_dir / FOLDER
    if root is None or not root.is_dir():
        return []
    found: list[Entry] = []
    for kind in KINDS:
        for path in sorted((root / kind).glob("*.csv")) if (root / kind).is_dir() else []:
            with path.open(encoding="utf-8", newline="") as handle:
                rows = [
                    Row(f"{path.name}:row {n}", cells)
                    for n, cells in enumerate(csv.DictReader(handle), start=2)
                ]
            found.extend(read_rows(kind, rows))
    return found


def official_rulebook(rules_dir: Path | None) -> ExperienceRulebook:
    """The packaged rulebook with the folder's official tables on top (packaged alone if none)."""
    loaded = loaded_entries(rules_dir)
    return with_official(loaded) if loaded else packaged()


def _check_whole(entries: list[Entry], earlier: Iterable[Entry], name: str) -> None:
    """Every rating year builds, and no table of it is already loaded (a load never overlaps)."""
    years = sorted({e.rating_year for e in entries})
    taken = sorted(
        {(e.rating_year, group_of(e)) for e in entries}
        & {(e.rating_year, group_of(e)) for e in earlier}
    )
    problems = [
        ErrorDetail(name, f"rating year {year} already has an official {group} loaded")
        for year, group in taken
    ]
    if not entries:
        problems.append(ErrorDetail(name, "holds no values"))
    book = with_official(entries)
    for year in years:
        try:
            book.year(year)
        except InvalidInput as exc:
            problems.append(ErrorDetail(name, exc.message))
    if problems:
        raise InvalidInput.of(problems)


def _write(rules_dir: Path, kind: str, text: str, first_year: int) -> Path:
    folder = rules_dir / FOLDER / kind
    folder.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]
    final = folder / f"{first_year}-{digest}.csv"
    handle, staging = tempfile.mkstemp(prefix=".load-", suffix=".csv", dir=folder)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
        os.replace(staging, final)  # readers see the whole table or nothing
    except BaseException:
        Path(staging).unlink(missing_ok=True)
        raise
    return final


def load_official_table(rules_dir: Path, kind: str, file: Path, *, citation: str) -> list[int]:
    """Validate an official table and load it; returns the rating years it covers.

    Raises:
        InvalidInput: every problem in the file, by file, row and column; nothing is written.
    """
    name = kind_name(kind)
    if not citation.strip():
        raise InvalidInput("--citation: give the adopting rule, e.g. 'WSR 23-17-146'")
    layout = KINDS[name]
    problems = Problems()
    sheet = read_sheet(
        file, required=(*layout.columns, *layout.optional), aliases=ALIASES, problems=problems
    )
    if sheet is None or problems.items:
        raise InvalidInput.of(problems.items or [ErrorDetail(file.name, "cannot be read")])
    rows = [Row(row.path(), row.cells) for row in sheet.rows]
    entries = read_rows(name, rows, provenance=(Origin.OFFICIAL, citation))
    _check_whole(entries, loaded_entries(rules_dir), file.name)
    years = sorted({e.rating_year for e in entries})
    _write(
        rules_dir, name, _csv_text(name, [dict(r.cells) for r in sheet.rows], citation), years[0]
    )
    return years
