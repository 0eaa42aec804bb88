"""The public names of the kernel, rules and rating layers are a promise: pinned here."""

from types import ModuleType

import pytest

import retrodesk.kernel
import retrodesk.rating
import retrodesk.rules

PINNED = {
    retrodesk.kernel: [
        "CENTS", "DOLLARS", "FOUR_PLACES", "THREE_PLACES", "Conflict", "Effective", "ErrorDetail",
        "Fields", "InvalidInput", "NotFound", "NotPermitted", "Problems", "RetrodeskError",
        "Rounding", "RuleNotInForce", "add_months", "factor_text", "fiscal_year", "format_money",
        "join_path", "money_text", "quarter_start", "to_decimal"],
    retrodesk.rules: [
        "Lookup", "Origin", "Parameter", "Source", "Table", "Version", "case_source", "from_case",
        "packaged_folder"],
    retrodesk.rating: [
        "KINDS", "Calculator", "Line", "Provenance", "Result", "Worksheet", "calculate_document",
        "calculator", "render_value"],
}


@pytest.mark.parametrize("layer", list(PINNED), ids=lambda m: m.__name__)
def test_layer_lists_its_public_names(layer: ModuleType) -> None:
    assert sorted(layer.__all__) == sorted(PINNED[layer])
    assert all(hasattr(layer, name) for name in layer.__all__)
