"""The documented column layout of each record kind (docs/imports.md), with column-name aliases.

A layout maps a file's header to canonical column names (case, spaces and punctuation ignored;
common spellings accepted as aliases) and parses each row, recording every bad cell with its
row and column. Canonical names are the ones the loader and the exporter use.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from retrodesk.adapters.files.fields import (
    Parser,
    decimal_parser,
    parse_account,
    parse_bool,
    parse_date,
    parse_int,
    parse_limit,
    parse_list,
    parse_quarter,
    text_parser,
)
from retrodesk.kernel.errors import ErrorDetail
from retrodesk.programs.ports import ParsedRow
from retrodesk.programs.records import RecordKind

__all__ = ["LAYOUTS", "Column", "Layout", "normalize_header"]

CLAIM_TYPES = frozenset({"medical_only", "time_loss", "kept_on_salary", "ppd", "pension", "fatal"})
MONEY = decimal_parser(2)
CODE = text_parser(10)
RISK_CLASS = text_parser(10)
RATIO = decimal_parser(4, maximum=Decimal("9.9999"))


@dataclass(frozen=True, slots=True)
class Column:
    """One column: canonical name, parser, whether a value is required, accepted aliases."""

    name: str
    parse: Parser
    required: bool = True
    aliases: tuple[str, ...] = ()
    default: Any = None


def normalize_header(text: str) -> str:
    """`Date of Injury ` -> `date_of_injury`."""
    return re.sub(r"[^a-z0-9]+", "_", text.strip().lower()).strip("_")


@dataclass(frozen=True, slots=True)
class Layout:
    """The columns of one record kind, in file order."""

    kind: RecordKind
    columns: tuple[Column, ...]

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)

    def resolve(self, header: Sequence[object], file_name: str) -> tuple[list[str | None],
                                                                         list[ErrorDetail]]:
        """Canonical name of each header cell (None: ignored) and the header's problems."""
        lookup = {normalize_header(a): c.name for c in self.columns for a in (c.name, *c.aliases)}
        names: list[str | None] = []
        problems: list[ErrorDetail] = []
        for position, cell in enumerate(header, start=1):
            label = "" if cell is None else str(cell)
            name = lookup.get(normalize_header(label))
            if name is None and label.strip():
                problems.append(ErrorDetail(f"{file_name}:1:{label}",
                                            f"unknown column (column {position})"))
            elif name is not None and name in names:
                problems.append(ErrorDetail(f"{file_name}:1:{label}", f"duplicate column {name}"))
            names.append(name)
        for column in self.columns:
            if column.required and column.name not in names:
                problems.append(ErrorDetail(f"{file_name}:1:{column.name}",
                                            "required column is missing"))
        return names, problems

    def parse(self, row_number: int, cells: dict[str, object], file_name: str) -> ParsedRow:
        """Typed values of one row and every problem in it."""
        values: dict[str, Any] = {}
        problems: list[ErrorDetail] = []
        for column in self.columns:
            raw = cells.get(column.name)
            if raw is None or (isinstance(raw, str) and not raw.strip()):
                if column.required:
                    problems.append(ErrorDetail(f"{file_name}:{row_number}:{column.name}",
                                                "a value is required"))
                values[column.name] = column.default
                continue
            try:
                values[column.name] = column.parse(raw)
            except ValueError as exc:
                problems.append(ErrorDetail(f"{file_name}:{row_number}:{column.name}", str(exc)))
        return ParsedRow(row_number, values, tuple(problems))


ACCOUNT = Column("account_id", parse_account,
                 aliases=("ubi", "ubi_number", "account", "account_number", "employer_id",
                          "employer_account", "employer_account_id"))

LAYOUTS: dict[RecordKind, Layout] = {
    RecordKind.EMPLOYERS: Layout(RecordKind.EMPLOYERS, (
        ACCOUNT,
        Column("legal_name", text_parser(200), aliases=("name", "employer_name", "business_name")),
        Column("governing_class", RISK_CLASS,
               aliases=("risk_class", "class", "governing_risk_class")),
        Column("opened_on", parse_date, aliases=("open_date", "account_opened", "start_date")),
        Column("is_in_good_standing", parse_bool, aliases=("good_standing", "in_good_standing")),
        Column("standing_reason", text_parser(200), required=False,
               aliases=("reason", "standing_note")),
        Column("standing_as_of", parse_date, aliases=("standing_date", "good_standing_as_of")),
        Column("commonly_owned_with", parse_list, required=False, default=(),
               aliases=("common_ownership", "commonly_owned", "ownership_links",
                        "related_accounts")),
    )),
    RecordKind.REPORTS: Layout(RecordKind.REPORTS, (
        ACCOUNT,
        Column("quarter_start", parse_quarter, aliases=("quarter", "report_quarter", "period")),
        Column("risk_class", RISK_CLASS, aliases=("class", "class_code")),
        Column("hours", decimal_parser(2), aliases=("worker_hours", "hours_worked", "units")),
        Column("accident_fund", MONEY, aliases=("af", "af_premium", "accident_fund_premium")),
        Column("medical_aid", MONEY, aliases=("ma", "ma_premium", "medical_aid_premium")),
        Column("stay_at_work", MONEY, aliases=("saw", "saw_premium", "stay_at_work_premium")),
        Column("supplemental_pension", MONEY,
               aliases=("sp", "sp_premium", "supplemental_pension_premium")),
        Column("known_from", parse_date, required=False,
               aliases=("known_as_of", "reported_on", "version_date")),
    )),
    RecordKind.CLAIMS: Layout(RecordKind.CLAIMS, (
        Column("claim_number", text_parser(20), aliases=("claim", "claim_id", "claim_no")),
        ACCOUNT,
        Column("risk_class", RISK_CLASS, aliases=("class", "class_code")),
        Column("injury_kind", text_parser(24, frozenset({"injury", "occupational_disease"})),
               aliases=("claim_kind", "kind")),
        Column("injury_date", parse_date,
               aliases=("date_of_injury", "doi", "last_exposure_date", "date_of_last_exposure")),
        Column("received_date", parse_date,
               aliases=("date_received", "filed_date", "receipt_date")),
        Column("occurrence", text_parser(24), required=False, aliases=("occurrence_id", "event")),
        Column("is_fatal", parse_bool, required=False, default=False, aliases=("fatal",)),
        Column("is_public_health_emergency", parse_bool, required=False, default=False,
               aliases=("public_health_emergency", "phe", "covid")),
        Column("body_part_code", CODE, required=False, aliases=("body_part",)),
        Column("nature_code", CODE, required=False, aliases=("nature", "nature_of_injury")),
        Column("cause_code", CODE, required=False, aliases=("cause", "cause_of_injury")),
        Column("valuation_date", parse_date,
               aliases=("valued_as_of", "valuation", "evaluation_date", "eval_date")),
        Column("claim_type", text_parser(20, CLAIM_TYPES), aliases=("type",)),
        Column("status", text_parser(8, frozenset({"open", "closed"})), aliases=("claim_status",)),
        Column("af_paid", MONEY, aliases=("accident_fund_paid",)),
        Column("af_reserve", MONEY, aliases=("accident_fund_reserve", "af_outstanding")),
        Column("ma_paid", MONEY, aliases=("medical_aid_paid",)),
        Column("ma_reserve", MONEY, aliases=("medical_aid_reserve", "ma_outstanding")),
    )),
    RecordKind.SPONSORS: Layout(RecordKind.SPONSORS, (
        Column("sponsor_id", text_parser(20), aliases=("sponsor", "sponsor_code")),
        Column("name", text_parser(200), aliases=("sponsor_name", "association")),
        Column("founded_on", parse_date, aliases=("founded", "founding_date", "date_founded")),
        Column("purpose", text_parser(500)),
        Column("industry_category", text_parser(2, frozenset("abcdefghijkl")),
               aliases=("category", "industry")),
    )),
    RecordKind.GROUPS: Layout(RecordKind.GROUPS, (
        Column("group_id", text_parser(20), aliases=("group", "group_code", "group_number")),
        Column("sponsor_id", text_parser(20), aliases=("sponsor", "sponsor_code")),
        Column("name", text_parser(200), aliases=("group_name",)),
        Column("industry_category", text_parser(2, frozenset("abcdefghijkl")),
               aliases=("category", "industry")),
        Column("coverage_start", parse_quarter,
               aliases=("start_quarter", "coverage_period_start", "coverage_start_quarter")),
    )),
    RecordKind.MEMBERSHIPS: Layout(RecordKind.MEMBERSHIPS, (
        Column("sponsor_id", text_parser(20), aliases=("sponsor", "sponsor_code")),
        ACCOUNT,
        Column("dues_paid_since", parse_date, aliases=("member_since", "dues_since")),
    )),
    RecordKind.ENROLLMENTS: Layout(RecordKind.ENROLLMENTS, (
        Column("account_id", parse_account, required=False, aliases=ACCOUNT.aliases),
        Column("group_id", text_parser(20), required=False, aliases=("group", "group_code")),
        Column("coverage_start", parse_quarter, aliases=("coverage_period_start", "period_start")),
        Column("first_quarter", parse_quarter, aliases=("enrolled_from", "first_enrolled_quarter")),
        Column("last_quarter", parse_quarter, aliases=("enrolled_to", "last_enrolled_quarter")),
        Column("plan_basis", text_parser(8, frozenset({"premium", "loss"})), required=False,
               aliases=("basis",)),
        Column("single_loss_limit", parse_limit, required=False, aliases=("slol", "loss_limit")),
        Column("max_loss_ratio", RATIO, required=False, aliases=("maximum_loss_ratio", "max_lr")),
        Column("min_loss_ratio", RATIO, required=False, aliases=("minimum_loss_ratio", "min_lr")),
        Column("application_received", parse_date,
               aliases=("received", "application_date", "date_received")),
        Column("signer_name", text_parser(200), aliases=("signer", "signed_by")),
        Column("signer_title", text_parser(100), aliases=("title",)),
        Column("is_endorsed", parse_bool, required=False, default=False,
               aliases=("endorsed", "sponsor_endorsed")),
    )),
    RecordKind.ADJUSTMENTS: Layout(RecordKind.ADJUSTMENTS, (
        Column("participant_kind", text_parser(8)),
        Column("participant_id", text_parser(20)),
        Column("coverage_start", parse_date),
        Column("adjustment_number", parse_int),
        Column("valuation_date", parse_date),
        Column("revision", parse_int),
        Column("standard_premium", MONEY),
        Column("retro_premium", MONEY),
        Column("result_kind", text_parser(12)),
        Column("result_amount", decimal_parser(2, minimum=None)),
        Column("provenance", text_parser(16)),
        Column("computed_at", text_parser(40)),
    )),
    RecordKind.NOTICES: Layout(RecordKind.NOTICES, (
        Column("notice_id", text_parser(200)),
        Column("participant_kind", text_parser(8)),
        Column("participant_id", text_parser(20)),
        Column("coverage_start", parse_date),
        Column("adjustment_number", parse_int),
        Column("revision", parse_int),
        Column("valuation_date", parse_date),
        Column("notice_date", parse_date),
        Column("standard_premium", MONEY),
        Column("retro_premium", MONEY),
        Column("compared_with", MONEY),
        Column("result_amount", decimal_parser(2, minimum=None)),
        Column("protest_deadline", parse_date),
        Column("payment_due", parse_date, required=False),
        Column("state", text_parser(40)),
        Column("run_id", text_parser(200)),
    )),
}
