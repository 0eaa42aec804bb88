"""Charts the web pages embed (SVG) and the PDFs may include (PNG), drawn with Vega-Lite.

Each chart takes plain rows and is deterministic: data inline, no selections, fixed size and
colours. Amounts are plotted as floats (position only); every printed label is formatted from
the Decimal, so the chart never shows a binary-rounded figure.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

import altair as alt
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


def _inline(values: list[dict[str, Any]]) -> dict[str, Any]:
    """Data carried inside the spec (Altair names it by a hash of its content)."""
    return {"values": values}


def _config(chart: alt.TopLevelMixin, title: str) -> Spec:
    spec: Spec = chart.properties(title=title).configure(font=FONT).configure_view(
        stroke=None).configure_axis(labelColor=MUTED, titleColor=MUTED).to_dict()
    return spec


def loss_ratio_refunds_chart(rows: Sequence[PeriodPerformance], *, title: str = "") -> Spec:
    """Bars: refund (up) or assessment (down) by coverage period; line: loss ratio."""
    data = _inline([{
        "period": r.period, "result": float(r.result), "loss_ratio": float(r.loss_ratio),
        "label_at": float(r.result) if r.result > 0 else 0.0,
        "kind": "Refund" if r.result >= 0 else "Assessment",
        "result_label": money(r.result), "ratio_label": percent(r.loss_ratio),
    } for r in rows])
    base = alt.Chart(data).encode(x=alt.X("period:N", title="Coverage period", sort=None,
                                          axis=alt.Axis(labelAngle=0)))
    colour = alt.Color("kind:N", title=None, scale=alt.Scale(
        domain=["Refund", "Assessment"], range=[REFUND, ASSESSMENT]))
    bars = base.mark_bar(opacity=0.85).encode(
        y=alt.Y("result:Q", title="Refund (+) / assessment (−), $"), color=colour)
    # A label sits above its bar, or above the zero line for an assessment (bar points down).
    bar_labels = base.mark_text(dy=-6, fontSize=10, color=MUTED).encode(
        y="label_at:Q", text="result_label:N")
    line = base.mark_line(point=True, color=LINE).encode(
        y=alt.Y("loss_ratio:Q", title="Loss ratio", axis=alt.Axis(format="%", titleColor=LINE)))
    line_labels = base.mark_text(dy=-10, fontSize=10, color=LINE).encode(
        y="loss_ratio:Q", text="ratio_label:N")
    chart = alt.layer(bars + bar_labels, line + line_labels).resolve_scale(y="independent")
    return _config(chart.properties(width=WIDTH, height=HEIGHT),
                   title or "Results and loss ratio by coverage period")


def claim_counts_chart(rows: Sequence[ClaimCount], *, dimension: str, top: int = 12) -> Spec:
    """Horizontal bars of claim counts by category, largest first (loss-control analysis)."""
    ranked = sorted(rows, key=lambda r: (-r.count, r.category))[:top]
    data = _inline([{"category": r.category, "count": r.count} for r in ranked])
    base = alt.Chart(data).encode(y=alt.Y("category:N", title=dimension, sort=None))
    bars = base.mark_bar(color=LINE).encode(x=alt.X("count:Q", title="Claims"))
    labels = base.mark_text(align="left", dx=3, fontSize=10, color=MUTED).encode(
        x="count:Q", text="count:Q")
    height = max(60, 22 * len(ranked))
    return _config((bars + labels).properties(width=WIDTH - 120, height=height),
                   f"Claims by {dimension.lower()}")


def experience_factor_chart(rows: Sequence[FactorPoint], *, title: str = "") -> Spec:
    """Experience factor by effective date, against the 1.00 of an average employer."""
    data = _inline([{"effective": r.effective.isoformat(), "factor": float(r.factor),
                             "label": format(r.factor, "f")} for r in sorted(
                                 rows, key=lambda r: r.effective)])
    base = alt.Chart(data).encode(x=alt.X("effective:O", title="Effective date",
                                          axis=alt.Axis(labelAngle=0)))
    line = base.mark_line(point=True, color=LINE).encode(
        y=alt.Y("factor:Q", title="Experience factor", scale=alt.Scale(zero=False)))
    labels = base.mark_text(dy=-10, fontSize=10, color=LINE).encode(y="factor:Q", text="label:N")
    average = alt.Chart(_inline([{"y": 1.0}])).mark_rule(
        color=MUTED, strokeDash=[4, 3]).encode(y="y:Q")
    return _config((line + labels + average).properties(width=WIDTH, height=HEIGHT),
                   title or "Experience factor history")


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
