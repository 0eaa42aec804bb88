"""Write the ILLUSTRATIVE retro tables into src/retrodesk/rules/data/retro/ (rerun: same files).

The official size-range table (WAC 296-17B-900), insurance tables (-910…-990), class→hazard-group
map (WAC 296-17-901), DLDFs, ELR factors and PAFs are not published as text; the rulebook ships
these stand-ins, flagged `illustrative` with the method names below, until an administrator loads
the official tables. Model and parameters: docs/illustrative-retro-tables.md.

Usage: .venv/bin/python scripts/generate_illustrative_retro.py [--check]
Deterministic: no randomness, stdlib math only, every output quantized half-up to 4 decimals.
"""

from __future__ import annotations

import csv
import io
import math
import sys
from collections.abc import Iterator
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from retrodesk.kernel.periods import add_months
from retrodesk.rules.retro.book import Basis, Family, InsuranceKey, Kind
from retrodesk.rules.retro.insurance import FactorRow, format_insurance_csv

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "src" / "retrodesk" / "rules" / "data"
OUT = DATA / "retro"

# --- size groups (method "size-groups-geometric v1") ----------------------------------------------
SIZE_GROUP_COUNT = 25
FIRST_LOW = Decimal("5850")            # size group 1 minimum, stated by L&I in November 2014
LAST_LOW = 20_000_000                  # low end of the open-ended last row, before rounding

# --- insurance tables (method "table-m-lognormal v1") ---------------------------------------------
HAZARD_GROUPS = range(1, 10)
EXPECTED_LOSS_RATIO = 0.70             # expected (limited) losses ÷ standard premium
PARAMETER_RISK = 0.01                  # CV² floor that no size removes
CLAIM_SCALE = 50_000.0                 # $: a severity unit; CV² from claims = s_HG × g × scale / E
SEVERITY_BASE, SEVERITY_STEP = 2.0, 0.75   # s_HG = base + step × (HG − 1)
LIMIT_SCALE, LIMIT_POWER = 2_000_000.0, 0.5  # g(SLOL) = (SLOL / scale)^power; unlimited g = 1
SINGLE_LOSS_LIMITS = (120_000, 160_000, 250_000, 275_000, 380_000, 500_000, 550_000, 800_000,
                      1_000_000)
CHARGE_RATIOS = tuple(Decimal(n) / 100 for n in range(40, 161, 5))    # maxLR 0.40 … 1.60
SAVINGS_RATIOS = tuple(Decimal(n) / 100 for n in range(0, 61, 5))     # minLR 0.00 … 0.60

# --- actuarial inputs per coverage-period start quarter -------------------------------------------
FIRST_QUARTER, LAST_QUARTER = date(2014, 7, 1), date(2026, 10, 1)
ADJUSTMENTS = (1, 2, 3)
# claim type → (AF, MA) DLDF at the first adjustment; fatal claims take fixed values, no DLDF.
DLDF_FIRST = {"medical_only": ("1.00", "1.03"), "time_loss": ("1.35", "1.15"),
              "kept_on_salary": ("1.20", "1.10"), "ppd": ("1.50", "1.20"),
              "pension": ("1.70", "1.25")}
DLDF_DECAY = 0.55                      # development left after each later adjustment
FOUR = Decimal("0.0001")


def q4(value: float) -> Decimal:
    """Half-up to 4 decimals via the shortest repr, so the result does not depend on str()."""
    return Decimal(repr(value)).quantize(FOUR, rounding=ROUND_HALF_UP)


def _csv(header: list[str], rows: list[list[object]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()


def _three_significant(value: float) -> Decimal:
    exponent = math.floor(math.log10(value)) - 2
    return (Decimal(repr(value)) / Decimal(10) ** exponent).quantize(
        Decimal(1), rounding=ROUND_HALF_UP) * Decimal(10) ** exponent


def size_group_lows() -> list[Decimal]:
    """Geometric lower bounds from $5,850, three significant figures (rows contiguous at cents)."""
    growth = (LAST_LOW / float(FIRST_LOW)) ** (1 / (SIZE_GROUP_COUNT - 1))
    lows = [FIRST_LOW]
    lows += [_three_significant(float(FIRST_LOW) * growth**i) for i in range(1, SIZE_GROUP_COUNT)]
    return [low.quantize(Decimal("1")) for low in lows]


def size_groups_csv() -> str:
    lows = size_group_lows()
    rows: list[list[object]] = []
    for index, low in enumerate(lows):
        high = "" if index + 1 == len(lows) else str(lows[index + 1] - Decimal("0.01"))
        rows.append([index + 1, f"{low}.00", high])
    return _csv(["size_group", "low", "high"], rows)


def representative_premium(size_group: int) -> float:
    """Geometric middle of the row; the open last row uses its low × one growth step's root."""
    lows = [float(low) for low in size_group_lows()]
    if size_group < len(lows):
        return math.sqrt(lows[size_group - 1] * lows[size_group])
    return lows[-1] * math.sqrt(lows[-1] / lows[-2])


def sigma(size_group: int, hazard_group: int, limit: int | None) -> float:
    """Log-sd of X: CV² = parameter risk + s_HG × g(SLOL) × scale / expected losses."""
    expected = EXPECTED_LOSS_RATIO * representative_premium(size_group)
    severity = SEVERITY_BASE + SEVERITY_STEP * (hazard_group - 1)
    limit_effect = 1.0 if limit is None else (limit / LIMIT_SCALE) ** LIMIT_POWER
    cv2 = PARAMETER_RISK + severity * limit_effect * CLAIM_SCALE / expected
    return math.sqrt(math.log1p(cv2))


def _phi(x: float) -> float:
    return 0.5 * (1.0 + math.erf(x / math.sqrt(2.0)))


def charge(entry: float, s: float) -> float:
    """E[(X − e)+] for lognormal X with mean 1 and log-sd s (Black-Scholes form)."""
    if entry <= 0:
        return 1.0
    d1 = (-math.log(entry) + s * s / 2) / s
    return _phi(d1) - entry * _phi(d1 - s)


def savings(entry: float, s: float) -> float:
    """E[(e − X)+] for the same X."""
    if entry <= 0:
        return 0.0
    d1 = (-math.log(entry) + s * s / 2) / s
    return entry * _phi(s - d1) - _phi(-d1)


def _factor_row(kind: Kind, basis: Basis, s: float) -> FactorRow:
    ratios = CHARGE_RATIOS if kind is Kind.CHARGE else SAVINGS_RATIOS
    pick = charge if kind is Kind.CHARGE else savings
    # Loss basis: per unit of expected losses; premium basis: per unit of standard premium.
    scale = 1.0 if basis is Basis.LOSS else EXPECTED_LOSS_RATIO
    return tuple((r, q4(scale * pick(float(r) / EXPECTED_LOSS_RATIO, s))) for r in ratios)


def _limits(family: Family) -> tuple[int | None, ...]:
    return (None,) if family is Family.UNLIMITED else SINGLE_LOSS_LIMITS


def insurance_rows(hazard_group: int) -> dict[InsuranceKey, FactorRow]:
    rows: dict[InsuranceKey, FactorRow] = {}
    for size_group in range(1, SIZE_GROUP_COUNT + 1):
        for family in Family:
            for limit in _limits(family):
                s = sigma(size_group, hazard_group, limit)
                for basis in Basis:
                    for kind in Kind:
                        key = (hazard_group, basis, family, kind, size_group,
                               None if limit is None else Decimal(limit))
                        rows[key] = _factor_row(kind, basis, s)
    return rows


def quarters() -> Iterator[tuple[int, date]]:
    index, quarter = 0, FIRST_QUARTER
    while quarter <= LAST_QUARTER:
        yield index, quarter
        index, quarter = index + 1, add_months(quarter, 3)


def dldf_csv() -> str:
    """Development falls toward 1 with each adjustment; a gentle quarter-to-quarter wave."""
    rows: list[list[object]] = []
    for q, quarter in quarters():
        for n in ADJUSTMENTS:
            for claim_type, firsts in DLDF_FIRST.items():
                for offset, (fund, first) in enumerate(zip(("af", "ma"), firsts, strict=True)):
                    wave = 1 + 0.04 * math.sin(0.9 * q + offset)
                    value = 1 + (float(first) - 1) * wave * DLDF_DECAY ** (n - 1)
                    rows.append([quarter, n, claim_type, fund, q4(value)])
    return _csv(["coverage_period_start", "adjustment", "claim_type", "fund", "factor"], rows)


def elr_csv() -> str:
    rows: list[list[object]] = []
    for q, quarter in quarters():
        for n in ADJUSTMENTS:
            rows.append([quarter, n, "af", q4(0.95 + 0.02 * math.sin(0.7 * q + 0.3 * n))])
            rows.append([quarter, n, "ma", q4(1.02 + 0.02 * math.cos(0.7 * q + 0.3 * n))])
    return _csv(["coverage_period_start", "adjustment", "fund", "factor"], rows)


def paf_csv() -> str:
    rows = [[quarter, n, q4(1 + 0.06 * math.sin(1.3 * q + 0.7 * n))]
            for q, quarter in quarters() for n in ADJUSTMENTS]
    return _csv(["coverage_period_start", "adjustment", "factor"], rows)


def class_hazard_groups_csv() -> str:
    """The hazard_group column of classes.csv (the project's stand-in for WAC 296-17-901)."""
    with (DATA / "classes.csv").open(encoding="utf-8", newline="") as handle:
        rows = [[row["risk_class"], row["hazard_group"]] for row in csv.DictReader(handle)]
    return _csv(["risk_class", "hazard_group"], sorted(rows))


def build_files() -> dict[str, str]:
    """Every generated file: path relative to the retro data folder → text."""
    files = {"size_groups.csv": size_groups_csv(),
             "class_hazard_groups.csv": class_hazard_groups_csv(),
             "dldf.csv": dldf_csv(), "elr.csv": elr_csv(), "paf.csv": paf_csv()}
    for hg in HAZARD_GROUPS:
        files[f"insurance/hg{hg}.csv"] = format_insurance_csv(insurance_rows(hg))
    return files


def main(argv: list[str]) -> int:
    files = build_files()
    if "--check" in argv:
        stale = [name for name, text in files.items()
                 if not (OUT / name).exists() or (OUT / name).read_text(encoding="utf-8") != text]
        print("\n".join(f"differs: {name}" for name in stale) or "all illustrative tables current")
        return 1 if stale else 0
    for name, text in files.items():
        target = OUT / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    print(f"wrote {len(files)} files under {OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
