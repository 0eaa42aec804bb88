"""Charts render to valid SVG (and PNG) carrying their data labels, deterministically."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import date
from decimal import Decimal

from retrodesk.adapters.documents import charts

PERIODS = [
    charts.PeriodPerformance("2021-10", Decimal("1.12"), Decimal("-18730.55")),
    charts.PeriodPerformance("2022-10", Decimal("0.61"), Decimal("120400.00")),
    charts.PeriodPerformance("2023-10", Decimal("0.4852"), Decimal("346138.57")),
]
COUNTS = [charts.ClaimCount("Back", 14), charts.ClaimCount("Hand/finger", 22),
          charts.ClaimCount("Knee", 5)]
FACTORS = [charts.FactorPoint(date(2024, 1, 1), Decimal("1.0450")),
           charts.FactorPoint(date(2023, 1, 1), Decimal("0.8712"))]


def svg_texts(svg: str) -> list[str]:
    root = ET.fromstring(svg)  # noqa: S314 - our own chart output; raises if not well-formed
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    return ["".join(el.itertext()) for el in root.iter("{http://www.w3.org/2000/svg}text")]


def test_loss_ratio_and_refunds_chart_labels_each_period_amount_and_ratio():
    texts = svg_texts(charts.loss_ratio_refunds_svg(PERIODS))
    for label in ("2021-10", "2023-10", "$346,138.57", "−$18,730.55", "48.52%", "112%",
                  "Loss ratio", "Refund", "Assessment"):
        assert label in texts, label


def test_claim_counts_chart_ranks_categories_and_labels_counts():
    svg = charts.claim_counts_svg(COUNTS, dimension="Body part")
    texts = svg_texts(svg)
    for label in ("Claims by body part", "Hand/finger", "Back", "Knee", "22", "14", "5"):
        assert label in texts, label
    assert svg.index(">Hand/finger<") < svg.index(">Back<") < svg.index(">Knee<")


def test_experience_factor_chart_orders_by_effective_date_and_labels_factors():
    svg = charts.experience_factor_svg(FACTORS)
    texts = svg_texts(svg)
    for label in ("2023-01-01", "2024-01-01", "0.8712", "1.0450", "Experience factor"):
        assert label in texts, label
    assert svg.index(">2023-01-01<") < svg.index(">2024-01-01<")


def test_charts_are_deterministic_and_render_to_png():
    spec = charts.loss_ratio_refunds_chart(PERIODS)
    assert charts.to_svg(spec) == charts.loss_ratio_refunds_svg(PERIODS)
    assert charts.to_png(spec, scale=1.0).startswith(b"\x89PNG\r\n\x1a\n")


def test_user_text_is_escaped_so_the_svg_can_be_embedded_in_a_page():
    svg = charts.claim_counts_svg([charts.ClaimCount('<script>alert(1)</script> & "x"', 3)],
                                  dimension="Cause")
    assert "<script>" not in svg
    assert '<script>alert(1)</script> & "x"' in svg_texts(svg)
    assert "0.5" not in svg_texts(svg)            # claim counts have whole-number ticks
