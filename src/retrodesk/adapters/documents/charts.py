"""Charts the web pages embed (SVG) and the PDFs may include (PNG), drawn with Vega-Lite.

Each chart takes plain rows and is deterministic: data inline, no selections, fixed size and
colours. Amounts are plotted as floats (position only); every printed label is formatted from
the Decimal, so the chart never shows a binary-rounded figure. The specs are written as
Vega-Lite JSON directly: Altair deep-copies every layer it combines, which cost more (about
65 ms a chart) than drawing the chart, and added nothing these fixed charts need.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

import vl_convert as vlc

from retrodesk.adapters.documents.formatting import money, percent

__all__ = [
    "ClaimCount", "FactorPoint", "PeriodPerformance", "claim_counts_chart", "claim_counts_svg",
    "experience_factor_chart", "experience_factor_svg", "loss_ratio_refunds_chart",
    "loss_ratio_refunds_svg", "to_png", "to_svg",
]

Spec = dict[str, Any]
REFUND, ASSESSMENT, LINE, MUTED = "#2f6f4f", "#a4001d", "#1f4e79", "#5b6470"
WIDTH, HEIGHT = 520, 260
FONT = "Helvetica, Arial, sans-serif"


@dataclass(frozen=True, slots=True)
class PeriodPerformance:
    """A group's coverage period: its loss ratio and its cumulative result (> 0 refund)."""

    period: str                               # label, e.g. "2023-10"
    loss_ratio: Decimal
    result: Decimal


@dataclass(frozen=True, slots=True)
class ClaimCount:
    """Number of claims in one category (a body part, a nature or a cause of injury)."""

    category: str
    count: int


@dataclass(frozen=True, slots=True)
class FactorPoint:
    """An experience factor and the date it took effect."""

    effective: date
    factor: Decimal


def _axis_style() -> Spec:
    return {"labelColor": MUTED, "titleColor": MUTED}


def _chart(title: str, values: list[Spec], layers: list[Spec], **extra: Spec) -> Spec:
    """A layered Vega-Lite chart with its data inline and the house style."""
    return {
        "title": title, "data": {"values": values}, "layer": layers,
        "width": WIDTH, "height": HEIGHT,
        "config": {"font": FONT, "view": {"stroke": None}, "axis": _axis_style()},
        **extra,
    }


def loss_ratio_refunds_chart(rows: Sequence[PeriodPerformance], *, title: str = "") -> Spec:
    """Bars: refund (up) or assessment (down) by coverage period; line: loss ratio."""
    values = [{
        "period": r.period, "result": float(r.result), "loss_ratio": float(r.loss_ratio),
        "label_at": float(r.result) if r.result > 0 else 0.0,
        "kind": "Refund" if r.result >= 0 else "Assessment",
        "result_label": money(r.result), "ratio_label": percent(r.loss_ratio),
    } for r in rows]
    x = {"field": "period", "type": "nominal", "title": "Coverage period", "sort": None,
         "axis": {"labelAngle": 0}}
    money_y = {"field": "result", "type": "quantitative",
               "title": "Refund (+) / assessment (−), $"}
    ratio_y = {"field": "loss_ratio", "type": "quantitative", "title": "Loss ratio",
               "axis": {"format": "%", "titleColor": LINE}}
    colour = {"field": "kind", "type": "nominal", "title": None,
              "scale": {"domain": ["Refund", "Assessment"], "range": [REFUND, ASSESSMENT]}}
    bars = {"layer": [
        {"mark": {"type": "bar", "opacity": 0.85},
         "encoding": {"x": x, "y": money_y, "color": colour}},
        # A label sits above its bar, or above the zero line for an assessment (bar points down).
        {"mark": {"type": "text", "dy": -6, "fontSize": 10, "color": MUTED},
         "encoding": {"x": x, "y": {"field": "label_at", "type": "quantitative"},
                      "text": {"field": "result_label", "type": "nominal"}}},
    ]}
    line = {"layer": [
        {"mark": {"type": "line", "point": True, "color": LINE},
         "encoding": {"x": x, "y": ratio_y}},
        {"mark": {"type": "text", "dy": -10, "fontSize": 10, "color": LINE},
         "encoding": {"x": x, "y": {"field": "loss_ratio", "type": "quantitative"},
                      "text": {"field": "ratio_label", "type": "nominal"}}},
    ]}
    return _chart(title or "Results and loss ratio by coverage period", values, [bars, line],
                  resolve={"scale": {"y": "independent"}})


def claim_counts_chart(rows: Sequence[ClaimCount], *, dimension: str, top: int = 12) -> Spec:
    """Horizontal bars of claim counts by category, largest first (loss-control analysis)."""
    ranked = sorted(rows, key=lambda r: (-r.count, r.category))[:top]
    y = {"field": "category", "type": "nominal", "title": dimension, "sort": None}
    count = {"field": "count", "type": "quantitative", "title": "Claims",
             "axis": {"format": "d", "tickMinStep": 1}}
    layers: list[Spec] = [
        {"mark": {"type": "bar", "color": LINE}, "encoding": {"y": y, "x": count}},
        {"mark": {"type": "text", "align": "left", "dx": 3, "fontSize": 10, "color": MUTED},
         "encoding": {"y": y, "x": count, "text": {"field": "count", "type": "quantitative"}}},
    ]
    spec = _chart(f"Claims by {dimension.lower()}",
                  [{"category": r.category, "count": r.count} for r in ranked], layers)
    return spec | {"width": WIDTH - 120, "height": max(60, 22 * len(ranked))}


def experience_factor_chart(rows: Sequence[FactorPoint], *, title: str = "") -> Spec:
    """Experience factor by effective date, against the 1.00 of an average employer."""
    values = [{"effective": r.effective.isoformat(), "factor": float(r.factor),
               "label": format(r.factor, "f")} for r in sorted(rows, key=lambda r: r.effective)]
    x = {"field": "effective", "type": "ordinal", "title": "Effective date",
         "axis": {"labelAngle": 0}}
    y = {"field": "factor", "type": "quantitative", "title": "Experience factor",
         "scale": {"zero": False}}
    layers: list[Spec] = [
        {"mark": {"type": "line", "point": True, "color": LINE}, "encoding": {"x": x, "y": y}},
        {"mark": {"type": "text", "dy": -10, "fontSize": 10, "color": LINE},
         "encoding": {"x": x, "y": y, "text": {"field": "label", "type": "nominal"}}},
        {"mark": {"type": "rule", "color": MUTED, "strokeDash": [4, 3]},
         "encoding": {"y": {"datum": 1.0}}},
    ]
    return _chart(title or "Experience factor history", values, layers)


def to_svg(spec: Spec) -> str:
    """The chart as standalone SVG text (text stays text, so pages stay searchable)."""
    svg: str = vlc.vegalite_to_svg(spec)
    return svg


def to_png(spec: Spec, *, scale: float = 2.0) -> bytes:
    """The chart as PNG, for documents."""
    png: bytes = vlc.vegalite_to_png(spec, scale=scale)
    return png


def loss_ratio_refunds_svg(rows: Sequence[PeriodPerformance]) -> str:
    return to_svg(loss_ratio_refunds_chart(rows))


def claim_counts_svg(rows: Sequence[ClaimCount], *, dimension: str) -> str:
    return to_svg(claim_counts_chart(rows, dimension=dimension))


def experience_factor_svg(rows: Sequence[FactorPoint]) -> str:
    return to_svg(experience_factor_chart(rows))
