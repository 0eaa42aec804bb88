"""A notice issued without its PDF renders, on first download, the bytes it would have had on
issue day: the view-model reads back exactly from the database and the PDF carries its own date."""

from __future__ import annotations

from retrodesk.adapters.db.workflow_tables import decode, encode
from retrodesk.adapters.documents.render import TypstDocumentRenderer
from retrodesk.programs.workflow import IssuedDocument
from tests.integration.documents import samples
from tests.integration.documents.test_render import pdf_text


def test_rendering_at_issue_and_later_gives_identical_bytes() -> None:
    view = samples.notice()
    at_issue = TypstDocumentRenderer().adjustment_notice(view)
    stored = IssuedDocument(document_id="notice-1", kind="adjustment_notice", subject="1",
                            issued_on=view.notice_date, pdf=b"", notice=view)
    read_back = decode(IssuedDocument, encode(stored) | {"pdf": b""})
    assert read_back.notice == view
    later = TypstDocumentRenderer().adjustment_notice(read_back.notice)  # another process, later
    assert later == at_issue
    assert pdf_text(later) == pdf_text(at_issue)
    assert "July 31, 2025" in pdf_text(later)                             # the notice's own date
