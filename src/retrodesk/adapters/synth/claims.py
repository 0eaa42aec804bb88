"""Synthetic claims and their yearly valuations (a loss run).

Frequency per 200,000 hours rises with the class's loss cost per hour; about three claims in
four are medical-only; severity is log-normal by claim type (heavy-tailed), scaled by hazard
group; fatalities and pensions are rare; about 4 % are occupational disease (received months
after the last exposure); some events injure several workers (one occurrence); health-care
claims in 2020–2022 may be public-health-emergency claims. Reserves develop upward across
valuations (each December 31 and the as-of date) until the claim closes; time-loss claims may
become PPD or pension claims as they develop.
"""

from __future__ import annotations

import math
from datetime import date, timedelta
from decimal import Decimal
from random import Random
from typing import Any

from retrodesk.adapters.synth.catalog import BODY_PARTS, CAUSES, NATURES, RiskClass
from retrodesk.adapters.synth.employers import (
    EmployerProfile,
    Window,
    account_id,
    quarter_hours,
    rng_for,
)

__all__ = ["claim_rows"]

# claim type: (share of claims, median ultimate, log-sd, AF share, years to close or None)
TYPES: dict[str, tuple[float, float, float, float, tuple[float, float] | None]] = {
    "medical_only": (0.750, 900.0, 1.0, 0.0, (0.2, 1.2)),
    "kept_on_salary": (0.040, 6_000.0, 0.9, 0.1, (0.4, 1.6)),
    "time_loss": (0.170, 24_000.0, 1.1, 0.55, (0.8, 3.5)),
    "ppd": (0.034, 60_000.0, 0.8, 0.65, (1.5, 4.5)),
    "pension": (0.005, 700_000.0, 0.5, 0.9, None),
    "fatal": (0.001, 450_000.0, 0.6, 0.95, None),
}
_PHE_START, _PHE_END = date(2020, 3, 1), date(2022, 12, 31)


def _poisson(rng: Random, mean: float) -> int:
    limit, count, product = math.exp(-mean), 0, rng.random()
    while product > limit:
        count += 1
        product *= rng.random()
    return count


def _pick(rng: Random, weighted: tuple[tuple[str, int], ...]) -> str:
    return rng.choices([w[0] for w in weighted], [w[1] for w in weighted])[0]


def _claim_type(rng: Random) -> str:
    pick = rng.random()
    for name, spec in TYPES.items():
        pick -= spec[0]
        if pick <= 0:
            return name
    return "medical_only"


def frequency(cls: RiskClass) -> float:
    """Claims per 200,000 hours: 2 plus a share that grows with the loss cost per hour."""
    cost: float = float(cls.loss_cost_per_hour) ** 0.8
    return 2.0 + 6.0 * cost


def _valuation_dates(injured: date, window: Window) -> list[date]:
    years = range(injured.year, window.as_of.year)
    return [*(date(y, 12, 31) for y in years if date(y, 12, 31) >= injured), window.as_of]


def _development(age: float, close: float | None) -> tuple[str, float, float]:
    """(status, share of the ultimate paid, share of the ultimate estimated) at `age` years."""
    if close is not None and age >= close:
        return "closed", 1.0, 1.0
    horizon = close or 12.0
    progress = min(age / horizon, 0.97)
    return "open", 0.9 * progress ** 0.8, 0.6 + 0.4 * progress


def _shown_type(kind: str, age: float) -> str:
    """PPD and pension claims start as time-loss claims; the award comes later."""
    if kind == "ppd" and age < 1.5:
        return "time_loss"
    if kind == "pension" and age < 2.0:
        return "time_loss"
    return kind


def _valuations(rng: Random, kind: str, ultimate: float, injured: date,
                window: Window) -> list[dict[str, Any]]:
    af_share, spread = TYPES[kind][3], TYPES[kind][4]
    close = rng.uniform(*spread) if spread else None
    rows = []
    for day in _valuation_dates(injured, window):
        age = (day - injured).days / 365.25
        status, paid_share, estimate_share = _development(age, close)
        paid = ultimate * paid_share
        reserve = max(ultimate * estimate_share - paid, 0.0)
        rows.append({
            "valuation_date": day, "claim_type": _shown_type(kind, age), "status": status,
            "af_paid": _money(paid * af_share), "af_reserve": _money(reserve * af_share),
            "ma_paid": _money(paid * (1 - af_share)),
            "ma_reserve": _money(reserve * (1 - af_share)),
        })
    return rows


def _money(value: float) -> Decimal:
    """A drawn amount as exact cents (the draw is a simulation; the amount is exact from here)."""
    return Decimal(round(value * 100)).scaleb(-2)


def _facts(rng: Random, p: EmployerProfile, cls: RiskClass, injured: date, number: str,
           window: Window) -> dict[str, Any]:
    disease = rng.random() < 0.04
    received = injured + timedelta(days=rng.randint(30, 400) if disease else rng.randint(0, 20))
    emergency = (p.category in ("f", "g") and _PHE_START <= injured <= _PHE_END
                 and rng.random() < 0.15)
    return {
        "claim_number": number, "account_id": account_id(p.index), "risk_class": cls.code,
        "injury_kind": "occupational_disease" if disease else "injury",
        "injury_date": injured, "received_date": min(received, window.as_of),
        "occurrence": None, "is_public_health_emergency": emergency,
        "body_part_code": _pick(rng, BODY_PARTS), "nature_code": _pick(rng, NATURES),
        "cause_code": _pick(rng, CAUSES),
    }


def _claim(rng: Random, p: EmployerProfile, cls: RiskClass, injured: date, number: str,
           window: Window, occurrence: str | None) -> list[dict[str, Any]]:
    kind = _claim_type(rng)
    _, median, sigma, _, _ = TYPES[kind]
    ultimate = median * (0.8 + 0.05 * cls.hazard_group) * math.exp(rng.gauss(0, sigma))
    facts = _facts(rng, p, cls, injured, number, window)
    facts.update(occurrence=occurrence, is_fatal=kind == "fatal")
    return [facts | valuation for valuation in _valuations(rng, kind, ultimate, injured, window)]


def claim_rows(seed: int, p: EmployerProfile, window: Window) -> list[dict[str, Any]]:
    """Every valuation row of every claim of one employer, from its reported hours."""
    rng = rng_for(seed, p.index, 3)
    rows: list[dict[str, Any]] = []
    sequence = 0
    for quarter, cls, worked in quarter_hours(seed, p, window):
        for _ in range(_poisson(rng, float(worked) / 200_000 * frequency(cls))):
            injured = quarter + timedelta(days=rng.randint(0, 89))
            if injured >= window.as_of:
                continue
            # About 2 % of events injure two to four workers: one occurrence.
            victims = rng.randint(2, 4) if rng.random() < 0.02 else 1
            occurrence = f"E{account_id(p.index)}-{sequence:03d}" if victims > 1 else None
            for _ in range(victims):
                sequence += 1
                number = f"W{p.index:08d}-{sequence:03d}"
                rows.extend(_claim(rng, p, cls, injured, number, window, occurrence))
    return rows
