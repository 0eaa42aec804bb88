"""Values reach the templates as finished strings: money, dates, ratios, worksheet values."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from retrodesk.adapters.documents import formatting
from retrodesk.programs.documents import WorksheetRow, compare_worksheets


@pytest.mark.parametrize(("value", "printed"), [
    ("346138.57", "$346,138.57"), ("-183200", "−$183,200.00"), ("0", "$0.00"),
    ("2.665", "$2.67"),
])
def test_money_has_separators_cents_and_a_minus_sign(value, printed):
    assert formatting.money(Decimal(value)) == printed


@pytest.mark.parametrize(("ratio", "printed"), [
    ("1.20", "120%"), ("0.4", "40%"), ("0.073", "7.3%"), ("1", "100%"), ("0.4852", "48.52%"),
])
def test_percent_drops_trailing_zeros_only(ratio, printed):
    assert formatting.percent(Decimal(ratio)) == printed


@pytest.mark.parametrize(("value", "printed"), [
    ("527402.35", "527,402.35"), ("1000000", "1,000,000"), ("0.0471204188", "0.0471204188"),
    ("-869565.22", "−869,565.22"), ("minimum (0.40)", "minimum (0.40)"), ("", ""),
    ("999.99", "999.99"),
])
def test_worksheet_values_are_grouped_keeping_their_decimals(value, printed):
    assert formatting.grouped(value) == printed


def test_long_date_and_period():
    assert formatting.long_date(date(2025, 1, 4)) == "January 4, 2025"
    assert formatting.period(date(2023, 10, 1), date(2024, 9, 30)) == (
        "October 1, 2023 – September 30, 2024")


def test_compare_worksheets_pairs_repeated_steps_and_keeps_steps_of_either_side():
    original = [WorksheetRow("claim", "Claim C1", "10"), WorksheetRow("claim", "Claim C2", "20"),
                WorksheetRow("rp", "RP", "30", rule="WAC 296-17B-410")]
    revised = [WorksheetRow("claim", "Claim C1", "10"), WorksheetRow("claim", "Claim C2", "25"),
               WorksheetRow("rp", "RP", "35", rule="WAC 296-17B-410"),
               WorksheetRow("note", "Dispute resolved", "C2")]
    rows = compare_worksheets(original, revised)
    assert [(r.label, r.original, r.revised) for r in rows] == [
        ("Claim C1", "10", "10"), ("Claim C2", "20", "25"), ("RP", "30", "35"),
        ("Dispute resolved", "", "C2")]
    assert rows[2].rule == "WAC 296-17B-410"
