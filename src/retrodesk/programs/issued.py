"""Issued documents as downloaded: a notice's PDF is rendered on first download, then kept.

Rule: WAC 296-17B-750. An adjustment notice is issued with its view-model (what it shows, dated
with its own notice date) and no PDF, so a statewide run does not wait on the typesetter; the
renderer stamps the document's own date, so the PDF rendered later is the one of issue day.
"""

from __future__ import annotations

from dataclasses import replace

from retrodesk.kernel.errors import Conflict, NotFound, required
from retrodesk.programs.commands import ProgramPorts
from retrodesk.programs.workflow import IssuedDocument

__all__ = ["issued_pdf", "rendered"]


def rendered(ports: ProgramPorts, document: IssuedDocument) -> IssuedDocument:
    """The document with its PDF, rendering (and keeping) a notice issued without one."""
    if document.is_rendered or document.notice is None:
        return document
    pdf = ports.renderer.adjustment_notice(document.notice)
    with ports.uow:
        stored = required(ports.uow.documents.get(document.document_id),
                          f"document {document.document_id} not found")
        if stored.is_rendered:  # rendered meanwhile by another download
            return stored
        done = replace(stored, pdf=pdf, version=stored.version + 1)
        try:
            ports.uow.documents.update(done)
            ports.uow.commit()
        except Conflict:  # a concurrent download stored the same bytes first
            return replace(stored, pdf=pdf)
    return done


def issued_pdf(ports: ProgramPorts, document_id: str) -> IssuedDocument:
    """The issued document `document_id` with its PDF."""
    with ports.uow:
        found = ports.uow.documents.get(document_id)
    if found is None:
        raise NotFound(f"document {document_id} not found")
    return rendered(ports, found)
