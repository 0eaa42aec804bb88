"""The `retrodesk` command: calculators, records, programs and the demo."""

from __future__ import annotations

import typer

from retrodesk.entrypoints.cli import calc, demo, programs, records, rules

__all__ = ["app", "main"]

app = typer.Typer(
    name="retrodesk",
    help="retrodesk — retrospective rating, experience rating and premium for workers' compensation.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)
app.add_typer(calc.app, name="calc")
records.register(app)
programs.register(app)
app.add_typer(rules.app, name="rules")
app.command("demo")(demo.demo)
app.command("serve")(demo.serve)


def main() -> None:
    app()
