"""`retrodesk calc retro|experience|premium CASE.json [--format json|text]`."""

from __future__ import annotations

import json
from enum import StrEnum
from typing import Annotated

import typer

from retrodesk.entrypoints.cli.common import cli_errors, read_json

__all__ = ["app"]

app = typer.Typer(help="Rating calculators: every result with its worksheet.", no_args_is_help=True)


class Format(StrEnum):
    JSON = "json"
    TEXT = "text"


CaseArg = Annotated[str, typer.Argument(help="Case file (JSON), or - for standard input.")]
FormatOpt = Annotated[Format, typer.Option("--format", help="json (default) or text (worksheet).")]


def _run(kind: str, case: str, fmt: Format) -> None:
    # Imported here: the calculation path must not pay for the web or database stack.
    from retrodesk.entrypoints.rulebooks import tables_for
    from retrodesk.rating.contract import calculate_document, calculator

    with cli_errors():
        document = read_json(case)
        outcome = calculate_document(kind, document, **tables_for(kind))
        results = outcome if isinstance(outcome, list) else [outcome]
        if fmt is Format.TEXT:
            render = calculator(kind).render_text
            typer.echo("\n\n".join(render(r) for r in results))
        else:
            dumped = [r.as_dict() for r in results]
            payload = dumped if isinstance(outcome, list) else dumped[0]
            typer.echo(json.dumps(payload, indent=2, ensure_ascii=False))


@app.command()
def retro(case: CaseArg, fmt: FormatOpt = Format.JSON) -> None:
    """Retrospective premium for one participant, coverage period and adjustment (WAC 296-17B)."""
    _run("retro", case, fmt)


@app.command()
def experience(case: CaseArg, fmt: FormatOpt = Format.JSON) -> None:
    """Experience factor for one employer and rating year (WAC 296-17-850 to -875)."""
    _run("experience", case, fmt)


@app.command()
def premium(case: CaseArg, fmt: FormatOpt = Format.JSON) -> None:
    """Quarterly premium, worker share and employer share for one employer (WAC 296-17-895)."""
    _run("premium", case, fmt)
