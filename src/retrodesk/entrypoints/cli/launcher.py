"""The `retrodesk` console entry point: loads only what the command asked for.

A one-case `retrodesk calc …` must start in well under half a second, so the calculators are
served by a root command that does not import the records, programs, web or demo stacks.
"""

from __future__ import annotations

import sys

import typer

__all__ = ["main", "make_root"]

# Commands served without loading the full application.
LIGHT_COMMANDS = ("calc",)


def make_root() -> typer.Typer:
    """The root `retrodesk` command, with no subcommands yet."""
    return typer.Typer(
        name="retrodesk",
        help="retrodesk — retrospective rating, experience rating and premium for workers' "
        "compensation.",
        no_args_is_help=True,
        pretty_exceptions_enable=False,
    )


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] in LIGHT_COMMANDS:
        from retrodesk.entrypoints.cli import calc

        root = make_root()
        root.add_typer(calc.app, name="calc")
        root()
        return
    from retrodesk.entrypoints.cli.main import app

    app()
