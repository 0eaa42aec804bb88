"""Reading experience table rows: every bad cell by position; official imports replace tables."""

from decimal import Decimal

import pytest

from retrodesk.kernel.errors import InvalidInput
from retrodesk.rules.experience import Row, read_rows, with_official
from retrodesk.rules.model import Origin

OFFICIAL = (Origin.OFFICIAL, "WSR 15-24-001")


def test_every_bad_cell_is_reported_with_file_row_and_column() -> None:
    rows = [
        Row(
            "t.csv:row 2",
            {"rating_year": "2016", "risk_class": "0510-00", "fiscal_year": "2013", "rate": "abc"},
        ),
        Row(
            "t.csv:row 3",
            {"rating_year": "16", "risk_class": "", "fiscal_year": "2013.5", "rate": "-1"},
        ),
    ]
    with pytest.raises(InvalidInput) as caught:
        read_rows("expected_loss_rates", rows, provenance=OFFICIAL)
    paths = {d.path for d in caught.value.details}
    assert paths == {
        "t.csv:row 2:column rate",
        "t.csv:row 3:column rating_year",
        "t.csv:row 3:column risk_class",
        "t.csv:row 3:column fiscal_year",
        "t.csv:row 3:column rate",
    }


def test_an_unknown_kind_or_parameter_is_refused() -> None:
    with pytest.raises(InvalidInput, match="unknown experience table kind"):
        read_rows("table_v", [])
    with pytest.raises(InvalidInput, match="is not one of"):
        read_rows(
            "parameters",
            [Row("p.csv:row 2", {"rating_year": "2016", "parameter": "ballast", "value": "1"})],
            provenance=OFFICIAL,
        )


def test_money_cells_may_carry_dollar_signs_and_separators() -> None:
    [entry] = read_rows(
        "parameters",
        [
            Row(
                "p.csv:row 2",
                {"rating_year": "2016", "parameter": "max_claim_value", "value": "$301,234"},
            )
        ],
        provenance=OFFICIAL,
    )
    assert entry.value == Decimal(301234)


def test_an_official_import_replaces_its_table_for_its_year_only() -> None:
    rows = [
        Row(
            "t2.csv:row 2",
            {
                "rating_year": "2016",
                "expected_losses_from": "0",
                "primary": "0.10",
                "excess": "0.01",
            },
        ),
        Row(
            "t2.csv:row 3",
            {
                "rating_year": "2016",
                "expected_losses_from": "10000",
                "primary": "0.50",
                "excess": "0.05",
            },
        ),
    ]
    book = with_official(read_rows("credibility", rows, provenance=OFFICIAL))
    y2016, y2017 = book.year(2016), book.year(2017)
    found = y2016.value(y2016.tables.credibility, "")
    assert found.source.origin is Origin.OFFICIAL
    assert found.source.version == "WSR 15-24-001"
    assert found.value.at(Decimal("28660.84")) == (Decimal("0.50"), Decimal("0.05"))
    assert y2017.value(y2017.tables.credibility, "").source.origin is Origin.ILLUSTRATIVE
    assert y2016.value(y2016.tables.claim_free_max, "").source.origin is Origin.ILLUSTRATIVE


def test_a_banded_table_must_start_at_zero() -> None:
    rows = [
        Row(
            "t4.csv:row 2",
            {"rating_year": "2016", "expected_losses_from": "100", "maximum": "0.9000"},
        )
    ]
    book = with_official(read_rows("claim_free_max", rows, provenance=OFFICIAL))
    with pytest.raises(InvalidInput, match="first band must start at expected losses of 0"):
        book.year(2016)


def test_a_value_given_twice_for_one_rating_year_is_refused() -> None:
    row = {"rating_year": "2016", "risk_class": "0510", "ratio": "0.44"}
    with pytest.raises(InvalidInput) as caught:
        read_rows(
            "primary_ratios",
            [Row("r.csv:row 2", row), Row("r.csv:row 3", row)],
            provenance=OFFICIAL,
        )
    assert [d.as_dict() for d in caught.value.details] == [
        {"path": "r.csv:row 3", "message": "repeats r.csv:row 2 for rating year 2016"}
    ]
