"""PDF documents with Typst: the `DocumentRenderer` port implemented over `templates/`.

Data reaches the templates only as JSON in `sys.inputs`, so participant names, grounds of a
protest and every other text are printed as text, never read as Typst markup. Only the fonts
packaged with Typst are used, so a document renders the same on every machine.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TypeVar

import typst

from retrodesk.adapters.documents import payloads
from retrodesk.programs.documents import (
    AdjustmentNotice,
    AppealCaseFile,
    DenialNotice,
    FurtherOrder,
    MemberRefundStatement,
    NoticeOfDecision,
    PlanAgreement,
    ProbationNotice,
    TrainingHandout,
)
from retrodesk.programs.sanction_documents import AssessmentOrder, RemovalNotice

__all__ = ["Agency", "DocumentRenderError", "TypstDocumentRenderer"]

TEMPLATES = Path(__file__).parent / "templates"
Doc = TypeVar("Doc")


@dataclass(frozen=True, slots=True)
class Agency:
    """The letterhead printed on every document."""

    name: str = "Department of Labor and Industries"
    program: str = "Retrospective Rating Program"
    address: str = "Employer Services · Tumwater, Washington"


class DocumentRenderError(RuntimeError):
    """A template could not be compiled: a defect of the templates, not of the input."""


class TypstDocumentRenderer:
    """Renders each document view-model to PDF bytes with the Typst templates.

    One compiler is kept (fonts are loaded once); compiles are serialised by a lock because
    the compiler is not documented as thread-safe.
    """

    def __init__(self, agency: Agency | None = None) -> None:
        self._agency = asdict(agency or Agency())
        self._compiler = typst.Compiler(
            input=str(TEMPLATES / "main.typ"), root=str(TEMPLATES), ignore_system_fonts=True)
        self._lock = threading.Lock()

    def plan_agreement(self, doc: PlanAgreement) -> bytes:
        return self._render("plan_agreement", payloads.agreement, doc, doc.issued_on)

    def adjustment_notice(self, doc: AdjustmentNotice) -> bytes:
        return self._render("adjustment_notice", payloads.notice, doc, doc.notice_date)

    def further_order(self, doc: FurtherOrder) -> bytes:
        return self._render("further_order", payloads.further_order, doc, doc.order_date)

    def notice_of_decision(self, doc: NoticeOfDecision) -> bytes:
        return self._render("notice_of_decision", payloads.decision, doc, doc.decision_date)

    def probation_notice(self, doc: ProbationNotice) -> bytes:
        return self._render("probation_notice", payloads.probation, doc, doc.notice_date)

    def denial_notice(self, doc: DenialNotice) -> bytes:
        return self._render("denial_notice", payloads.denial, doc, doc.notice_date)

    def appeal_case_file(self, doc: AppealCaseFile) -> bytes:
        return self._render("appeal_case_file", payloads.case_file, doc, doc.prepared_on)

    def member_refund_statement(self, doc: MemberRefundStatement) -> bytes:
        return self._render("member_refund_statement", payloads.refund_statement, doc,
                            doc.statement_date)

    def training_handout(self, doc: TrainingHandout) -> bytes:
        return self._render("training_handout", payloads.handout, doc, doc.prepared_on)

    def removal_notice(self, doc: RemovalNotice) -> bytes:
        return self._render("removal_notice", payloads.removal, doc, doc.notice_date)

    def assessment_order(self, doc: AssessmentOrder) -> bytes:
        return self._render("assessment_order", payloads.assessment_order, doc, doc.served_on)

    def _render(self, document: str, build: Callable[[Doc], dict[str, object]], doc: Doc,
                dated: date) -> bytes:
        """Compile one document; the PDF is stamped with its own date, so output is repeatable."""
        data = build(doc) | {"document": document, "agency": self._agency}
        stamp = datetime(dated.year, dated.month, dated.day, tzinfo=UTC)
        with self._lock:
            try:
                pdf = self._compiler.compile(
                    format="pdf", sys_inputs={"data": json.dumps(data)}, timestamp=stamp)
            except typst.TypstError as exc:
                raise DocumentRenderError(f"{document}: {exc.message}") from exc
        if not isinstance(pdf, bytes):
            raise DocumentRenderError(f"{document}: the compiler returned no PDF")
        return pdf
