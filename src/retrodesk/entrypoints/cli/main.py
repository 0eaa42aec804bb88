"""The full `retrodesk` command: calculators, rules, records, programs and the demo."""

from __future__ import annotations

from retrodesk.entrypoints.cli import calc, demo, programs, records, rules
from retrodesk.entrypoints.cli.launcher import main, make_root

__all__ = ["app", "main"]

app = make_root()
app.add_typer(calc.app, name="calc")
records.register(app)
programs.register(app)
app.add_typer(rules.app, name="rules")
app.command("demo")(demo.demo)
app.command("serve")(demo.serve)
