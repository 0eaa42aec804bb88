"""The rulebook: every version of every table and parameter, its provenance, and a plain warning
where illustrative values (not adopted figures) are in use."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse

from retrodesk.entrypoints.rulebooks import rules_dir
from retrodesk.entrypoints.web.deps import CurrentUser
from retrodesk.entrypoints.web.rendering import render
from retrodesk.rules.experience.loading import official_rulebook
from retrodesk.rules.experience.summary import describe_years
from retrodesk.rules.retro.catalog import load_retro_rulebook
from retrodesk.rules.retro.summary import VersionLine, describe

__all__ = ["router", "version_lines"]

router = APIRouter()

Book = Literal["retro", "experience"]


def version_lines(book: Book, as_of: date | None) -> list[VersionLine]:
    """The versions of a rulebook (those in force on `as_of`, or all of them)."""
    folder = rules_dir()
    loaded = folder if folder.is_dir() else None
    if book == "experience":
        return describe_years(official_rulebook(loaded), None if as_of is None else [as_of.year])
    return describe(load_retro_rulebook(loaded), as_of)


@router.get("/rulebook", response_class=HTMLResponse)
def rulebook_page(request: Request, user: CurrentUser, book: Book = "retro",
                  as_of: Annotated[date | None, Query()] = None) -> HTMLResponse:
    lines = version_lines(book, as_of)
    illustrative = sorted({line.label for line in lines if line.is_illustrative})
    return render(request, "rulebook.html", {"book": book, "as_of": as_of, "lines": lines,
                                             "illustrative": illustrative})
