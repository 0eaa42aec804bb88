"""`retrodesk rules load|show`: load official rule tables and review what is in force.

    retrodesk rules load retro KIND FILE --citation "WSR …" --effective-from D [--effective-to D]
    retrodesk rules load experience KIND FILE --citation "WSR …"   (rating years are in the file)
    retrodesk rules show experience [--as-of D]                     (the rating year of D)
    retrodesk rules show retro [--as-of D]

Loaded tables go to `RETRODESK_RULES_DIR` (default `./retrodesk-rules`); layouts in
docs/rule-tables.md.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from retrodesk.entrypoints.cli.common import cli_errors
from retrodesk.entrypoints.rulebooks import rules_dir
from retrodesk.kernel.errors import InvalidInput

if TYPE_CHECKING:
    from retrodesk.rules.retro.summary import VersionLine

__all__ = ["app"]

app = typer.Typer(help="Rule tables: load official tables, show versions and provenance.",
                  no_args_is_help=True)

BookArg = Annotated[str, typer.Argument(help="Rulebook: retro or experience.")]
DateOpt = Annotated[str | None, typer.Option(help="A date, YYYY-MM-DD.")]


def _date(text: str, option: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise InvalidInput(f"{option}: {text!r} is not a date (YYYY-MM-DD)") from None


def _book(book: str) -> None:
    if book != "retro":
        raise InvalidInput(f"book: {book!r} is not one of retro")


def _load_experience(kind: str, file: Path, citation: str) -> None:
    """An experience or premium table: its rating years are in the file (docs/rule-tables.md)."""
    from retrodesk.rules.experience.loading import load_official_table as load_experience

    years = load_experience(rules_dir(), kind, file, citation=citation)
    typer.echo(f"loaded experience {kind} from {file.name}: official, {citation}; "
               f"rating years {', '.join(map(str, years))}")


@app.command()
def load(
    book: BookArg,
    kind: Annotated[str, typer.Argument(help="retro: insurance, size-groups, hazard-groups, dldf, "
                                             "elr, paf or parameters; experience: parameters, "
                                             "credibility, claim-free-max, expected-loss-rates, "
                                             "primary-ratios, base-rates or exclusions.")],
    file: Annotated[Path, typer.Argument(help="The table: .csv or .xlsx (first sheet).")],
    citation: Annotated[str, typer.Option(help="Adopting rule, e.g. 'WSR 23-17-146'.")],
    effective_from: Annotated[str | None, typer.Option(
        help="Adopted effective date, YYYY-MM-DD (retro; experience tables carry rating years).")
    ] = None,
    effective_to: DateOpt = None,
) -> None:
    """Validate a table and load it as official; a bad file changes nothing (exit 2)."""
    from retrodesk.rules.retro.loading import load_official_table

    with cli_errors():
        if book == "experience":
            _load_experience(kind, file, citation)
            return
        _book(book)
        if effective_from is None:
            raise InvalidInput("--effective-from: required for retro tables")
        end = None if effective_to is None else _date(effective_to, "--effective-to")
        entry = load_official_table(rules_dir(), kind, file, citation=citation,
                                    effective_from=_date(effective_from, "--effective-from"),
                                    effective_to=end)
        typer.echo(f"loaded {book} {kind} from {file.name}: official, {entry.citation}; "
                   f"governs coverage periods starting {entry.effective}")


def _experience_lines(folder: Path, day: date | None) -> list[VersionLine]:
    """The experience tables of the rating year containing `day` (every packaged year if None)."""
    from retrodesk.rules.experience.loading import official_rulebook
    from retrodesk.rules.experience.summary import describe_years

    book = official_rulebook(folder if folder.is_dir() else None)
    return describe_years(book, None if day is None else [day.year])


@app.command()
def show(book: BookArg, as_of: DateOpt = None) -> None:
    """Every version with its provenance (or those in force for a coverage period starting then)."""
    from retrodesk.rules.retro.catalog import load_retro_rulebook
    from retrodesk.rules.retro.summary import describe

    with cli_errors():
        folder = rules_dir()
        day = None if as_of is None else _date(as_of, "--as-of")
        if book == "experience":
            lines = _experience_lines(folder, day)
        else:
            _book(book)
            lines = describe(load_retro_rulebook(folder if folder.is_dir() else None), day)
        for line in lines:
            window = str(line.effective)
            flag = "ILLUSTRATIVE" if line.is_illustrative else "official"
            typer.echo(f"{line.label} [{line.rule}] {window}: {line.value} — {flag}: "
                       f"{line.version}")
        illustrative = sorted({line.label for line in lines if line.is_illustrative})
        if illustrative:
            typer.echo(f"\nWARNING: illustrative values in use (not L&I figures) for: "
                       f"{', '.join(illustrative)}. Load the official tables with "
                       f"`retrodesk rules load {book} …`.")
