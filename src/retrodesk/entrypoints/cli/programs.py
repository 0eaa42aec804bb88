"""`retrodesk adjust` (run what is due on a valuation date), `retrodesk worklist` and
`retrodesk loss-control` (a participant's injury problem areas against its classes)."""

from __future__ import annotations

import getpass
import json
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from enum import StrEnum
from typing import Annotated

import typer
from rich.progress import TaskID

from retrodesk.entrypoints.cli.common import cli_errors
from retrodesk.kernel.errors import InvalidInput
from retrodesk.programs.commands import ProgramPorts
from retrodesk.programs.ports import ProgressCallback

__all__ = ["adjust", "loss_control", "register", "show_worklist"]


class Format(StrEnum):
    TEXT = "text"
    JSON = "json"


FormatOption = Annotated[Format, typer.Option("--format", case_sensitive=False,
                                              help="text for people, json for programs.")]


def _day(text: str, option: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise InvalidInput(f"{option} {text!r} is not a date (YYYY-MM-DD)") from None


def _actor() -> str:
    return f"cli:{getpass.getuser()}"


def _ports() -> ProgramPorts:
    # Imported here: the calculators must not pay for the database and document stacks.
    from retrodesk.adapters.db.migrate import schema_is_current
    from retrodesk.entrypoints.bootstrap import build_services
    from retrodesk.entrypoints.settings import Settings

    services = build_services(Settings())
    if not schema_is_current(services.engine):
        raise InvalidInput("the database schema is not current: run `retrodesk db upgrade`")
    return services.program_ports(_actor())


@contextmanager
def _progress() -> Iterator[ProgressCallback]:
    """A progress bar on stderr (stdout stays clean for --format json); gone when done."""
    from rich.console import Console
    from rich.progress import Progress

    with Progress(console=Console(stderr=True), transient=True) as bar:
        tasks: dict[str, TaskID] = {}

        def advance(stage: str, done: int, total: int) -> None:
            if stage not in tasks:
                tasks[stage] = bar.add_task(stage, total=total)
            bar.update(tasks[stage], completed=done, total=total)
        yield advance


def adjust(
    valuation_date: Annotated[str, typer.Option(help="Run what is due on this date (YYYY-MM-DD).")],
    output: FormatOption = Format.TEXT,
) -> None:
    """Compute and issue every retro adjustment due on a valuation date (re-running is safe)."""
    from retrodesk.programs.adjustments import run_adjustments
    from retrodesk.programs.collection import finalize_assessment_orders
    from retrodesk.programs.commands import RunAdjustments
    from retrodesk.programs.finality import close_expired

    with cli_errors():
        day = _day(valuation_date, "--valuation-date")
        ports = _ports()
        with _progress() as progress:
            summary = run_adjustments(RunAdjustments(valuation_date=day, actor=_actor()), ports,
                                      progress)
        # Orders whose protest or appeal window has passed become final on the same pass.
        final = close_expired(ports, ports.clock.today(), _actor()).notices_final
        # So do orders of assessment served more than 30 days ago (RCW 51.48.120).
        assessed = len(finalize_assessment_orders(ports, _actor()))
    if output is Format.JSON:
        typer.echo(json.dumps(summary.as_dict() | {"orders_final": final,
                                                   "assessment_orders_final": assessed},
                              indent=2))
        return
    typer.echo(f"valuation date {day}: {summary.computed_count} adjustments computed, "
               f"{summary.already_done_count} already done, "
               f"{summary.notices_issued_count} notices issued")
    if final:
        typer.echo(f"{final} adjustment orders became final")
    if assessed:
        typer.echo(f"{assessed} orders of assessment became final")


def show_worklist(
    as_of: Annotated[str, typer.Option(help="The day to list what is due for (YYYY-MM-DD).")],
    output: FormatOption = Format.TEXT,
) -> None:
    """What a coordinator has to do: applications, deadlines, runs, protests, appeals,
    probation and collections."""
    from retrodesk.programs.worklist import SECTIONS, worklist

    with cli_errors():
        found = worklist(_ports(), _day(as_of, "--as-of"))
    if output is Format.JSON:
        typer.echo(json.dumps(found.as_dict(), indent=2))
        return
    for name in SECTIONS:
        items = found.section(name)
        typer.echo(f"{name} ({len(items)})")
        for item in items:
            due = f" due {item.due}" if item.due else ""
            typer.echo(f"  {item.subject}{due}: {item.detail}")


class Participant(StrEnum):
    EMPLOYER = "employer"
    GROUP = "group"


def loss_control(
    kind: Annotated[Participant, typer.Argument(help="employer or group")],
    participant_id: Annotated[str, typer.Argument(help="The L&I account or the group id.")],
    as_of: Annotated[str | None, typer.Option(help="Read the records as known on this day "
                                                   "(YYYY-MM-DD; default today).")] = None,
    output: FormatOption = Format.TEXT,
) -> None:
    """Injuries of the last twelve quarters by cause, part of body and nature against the
    book's experience in the same classes, with the problem areas (docs/loss-control.md)."""
    from retrodesk.programs.losscontrol import DIMENSIONS, loss_profile
    from retrodesk.programs.records import ParticipantKind

    with cli_errors():
        ports = _ports()
        day = _day(as_of, "--as-of") if as_of else ports.clock.today()
        found = loss_profile(ports, ParticipantKind(kind.value), participant_id, day)
    if output is Format.JSON:
        typer.echo(json.dumps(found.as_dict(), indent=2))
        return
    typer.echo(f"{found.subject}: injuries {found.injury_from} – {found.injury_to}, as known on "
               f"{found.as_of}")
    for line in found.worksheet:
        typer.echo(f"  {line.label}: {line.value}    [{line.formula}]")
    headings = {name: heading for name, _, heading in DIMENSIONS}
    typer.echo(f"problem areas ({len(found.problems)})")
    for name, code in found.problems:
        typer.echo(f"  {headings[name]} {code.code}: {code.claims} claims, {code.expected} "
                   f"expected, incurred {code.incurred}")


def register(app: typer.Typer) -> None:
    """Add the program commands to the `retrodesk` command."""
    app.command("adjust")(adjust)
    app.command("worklist")(show_worklist)
    app.command("loss-control")(loss_control)
