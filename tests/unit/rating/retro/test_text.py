"""The text worksheet shows the same cents as the JSON result (half-up, never half-even)."""

import json
from decimal import Decimal
from pathlib import Path

from retrodesk.kernel.money import format_money
from retrodesk.rating import retro

CASE = Path(__file__).parents[4] / "examples" / "retro-case.json"


def test_text_result_line_rounds_half_up_like_the_json() -> None:
    case = json.loads(CASE.read_text(encoding="utf-8"))
    case["standard_premium"][0]["accident_fund"] = "700000.125"
    result = retro.calculate(retro.parse_case(case))
    out = result.as_dict()
    text = retro.render_text(result)
    assert out["compared_with"] == "1000000.13"
    assert "compared with 1,000,000.13)" in text
    assert f"refund {format_money(Decimal(out['result']['amount']))} " in text
