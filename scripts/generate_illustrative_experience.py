"""Generate the packaged experience-rating and premium tables (official published values and
illustrative ones) into src/retrodesk/rules/data/experience/<rating year>/<kind>.csv.

Rerunnable and deterministic: the same inputs (the published values below, each with its
citation, and the class anchors in src/retrodesk/rules/data/classes.csv) always give the same
files. The method is documented in
docs/illustrative-experience-tables.md. Run:

    .venv/bin/python scripts/generate_illustrative_experience.py
"""

from __future__ import annotations

import csv
import shutil
from collections import defaultdict
from collections.abc import Iterable
from decimal import ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_UP, Decimal, getcontext
from pathlib import Path

getcontext().prec = 34

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "src" / "retrodesk" / "rules" / "data"
OUT = DATA / "experience"

PRODUCED = "2026-11-29"
RATING_YEARS = range(2007, 2028)
SAW_FROM = 2012  # Stay at Work rate from rating year 2012 (EHB 2123, 2011)
PHE_FROM = 2022  # public-health-emergency exclusion (WSR 21-24-066)
COST_TREND = Decimal("1.02")  # per rating year: loss costs per hour, ballasts, SP
CLAIM_TREND = Decimal("1.03")  # per rating year: split point, MCV, deduction, death value
AGE = {0: Decimal("1.00"), 1: Decimal("1.14"), 2: Decimal("1.30")}  # ELR by age of the FY (§12.2)
LOADING = Decimal("1.55")  # AF + MA rate = mean ELR of the window × loading
SAW_SHARE = Decimal("0.015")  # SAW rate = 1.5% of AF + MA
ANCHOR_E = Decimal("28660.84")  # 2014 published point (experience.md §12.1)
ANCHOR_ZP, ANCHOR_ZE, ANCHOR_MAX = Decimal("0.42"), Decimal("0.07"), Decimal("0.7000")

V = f"illustrative v1 ({PRODUCED})"
METHOD = {
    "credibility": f"{V}: Z = E/(E+B) by 0.01 bands; 2014 B fixed by E 28660.84 → Zp 0.42, Ze 0.07",
    "claim_free_max": f"{V}: 0.60 + 0.30·c/(c+E) by 0.01 bands; 2014 c set by E 28660.84 → 0.7000",
    "expected_loss_rates": f"{V}: class loss cost per hour × trend × fiscal-year age factor",
    "primary_ratios": f"{V}: class primary ratio from classes.csv",
    "base_rates": f"{V}: mean window ELR × {LOADING} loading; AF share by hazard group",
    "parameters": f"{V}: anchored series, trend {CLAIM_TREND} a year",
    "sp": f"{V}: statewide SP interpolated between published 2007 and 2014 rates",
}
O13 = "official: L&I rating year 2013 parameters (Primary Losses page), experience.md §6.1"
PUBLISHED_PARAMETERS = [  # (year, name, value, origin, version)
    (2008, "max_claim_value", "502800", "official", "official: L&I rating year 2008 parameters"),
    (2009, "max_claim_value", "217944", "official", "official: WSR 08-24-074"),
    (2013, "max_claim_value", "266241", "official", O13),
    (2013, "split_point", "20112", "official", O13),
    (2013, "medical_only_deduction", "2460", "official", O13),
    (
        2007,
        "medical_only_deduction",
        "1510",
        "illustrative",
        "illustrative: the proposed 2007 value",
    ),
    (
        2009,
        "average_death_value",
        "217944",
        "illustrative",
        "illustrative: WSR 08-24-074 set the 2009 MCV equal to the average fatality value",
    ),
    (
        2014,
        "medical_only_deduction",
        "2610",
        "illustrative",
        "illustrative: back-solved from L&I's 2014 claim-free example ($2,894 counts as $284)",
    ),
    (
        2018,
        "medical_only_deduction",
        "2820",
        "illustrative",
        "illustrative: secondary publication, October 2017",
    ),
]
T3_2007 = "official: WAC 296-17-885 rating year 2007 (L&I expected-loss examples)"
PUBLISHED_TABLE_III = {  # class: (ELR FY2003, FY2004, FY2005, primary ratio), rating year 2007
    "1007-00": ("0.3725", "0.3431", "0.2861", "0.490"),
    "0514-00": ("1.8596", "1.7086", "1.4222", "0.479"),
    "4904-00": ("0.0298", "0.0281", "0.0236", "0.573"),
}
B2014 = "official: L&I 2014 premium-rate example"
B2007 = "official: L&I 2007 premium-rate example"
B2013 = "official: WAC 296-17-895 (2013)"
B89502 = "official: WAC 296-17-89502 (2007), per reporting unit"
FUNDS = ["accident_fund", "medical_aid", "stay_at_work", "supplemental_pension"]
PUBLISHED_BASE_RATES = [  # (year, class, AF, MA, SAW, SP, version); "" = not published
    (2014, "4904-00", "0.0301", "0.0225", "0.0006", "", B2014),
    (2007, "1007-00", "0.4244", "0.2189", "", "", B2007),
    (2013, "0101-00", "2.4521", "0.8672", "0.0544", "", B2013),
    (2013, "0514-00", "2.7645", "1.1382", "0.0612", "", B2013),
    (2013, "1005-00", "13.3656", "4.8837", "0.2965", "", B2013),
    (2013, "1007-00", "0.5638", "0.2066", "0.0125", "", B2013),
    (2007, "0540-00", "0.0268", "0.0111", "", "0.0005", B89502),
    (2007, "0541-00", "0.0161", "0.0062", "", "0.0005", B89502),
    (2007, "0550-00", "0.0375", "0.0124", "", "0.0005", B89502),
    (2007, "0551-00", "0.0218", "0.0073", "", "0.0005", B89502),
]
NON_HOURLY = {"0540-00", "0541-00", "0550-00", "0551-00"}
PUBLISHED_SP = {2007: ("0.0668", B2007), 2014: ("0.0910", B2014)}  # statewide hourly SP


def check(condition: bool, what: str) -> None:
    """Stop the generation when an acceptance check fails (experience.md §12.3)."""
    if not condition:
        raise SystemExit(f"acceptance check failed: {what}")


def q(value: Decimal, places: str, mode: str = ROUND_HALF_UP) -> Decimal:
    return value.quantize(Decimal(places), rounding=mode)


def anchored(anchors: dict[int, Decimal], year: int, trend: Decimal) -> Decimal:
    """Geometric interpolation between anchor years; extrapolation with `trend` outside them."""
    years = sorted(anchors)
    if year <= years[0]:
        return anchors[years[0]] / trend ** (years[0] - year)
    if year >= years[-1]:
        return anchors[years[-1]] * trend ** (year - years[-1])
    low = max(y for y in years if y <= year)
    high = min(y for y in years if y >= year)
    if low == high:
        return anchors[low]
    ratio = anchors[high] / anchors[low]
    return anchors[low] * Decimal(float(ratio) ** ((year - low) / (high - low))).quantize(
        Decimal("1e-12")
    )


def classes() -> list[dict[str, str]]:
    with (DATA / "classes.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def sort_key(row: list[str]) -> list[tuple[int, Decimal, str]]:
    """Numbers in numeric order, other cells as text (rating year, class, fiscal year, bound)."""
    key = []
    for cell in row[:4]:
        try:
            key.append((0, Decimal(cell), ""))
        except ArithmeticError:
            key.append((1, Decimal(0), cell))
    return key


def write(kind: str, header: list[str], rows: Iterable[list[object]]) -> int:
    """One file per rating year: <year>/<kind>.csv (a calculation reads only its own year)."""
    body = sorted(([str(c) for c in row] for row in rows), key=sort_key)
    by_year: dict[str, list[list[str]]] = defaultdict(list)
    for row in body:
        by_year[row[0]].append(row)
    for year, found in by_year.items():
        (OUT / year).mkdir(parents=True, exist_ok=True)
        with (OUT / year / f"{kind}.csv").open("w", encoding="utf-8", newline="") as handle:
            out = csv.writer(handle, lineterminator="\n")
            out.writerow([*header, "origin", "version"])
            out.writerows(found)
    return len(body)


def parameters() -> list[list[object]]:
    rows: list[list[object]] = [list(p) for p in PUBLISHED_PARAMETERS]
    given = {(p[0], p[1]) for p in PUBLISHED_PARAMETERS}
    series = {
        "split_point": {2013: Decimal(20112)},
        "max_claim_value": {2009: Decimal(217944), 2013: Decimal(266241)},
        "medical_only_deduction": {
            y: Decimal(v) for y, n, v, *_ in PUBLISHED_PARAMETERS if n == "medical_only_deduction"
        },
        "average_death_value": {2009: Decimal(217944)},
    }
    for year in RATING_YEARS:
        for name, anchors in series.items():
            if (year, name) not in given:
                rows.append(
                    [
                        year,
                        name,
                        q(anchored(anchors, year, CLAIM_TREND), "1"),
                        "illustrative",
                        METHOD["parameters"],
                    ]
                )
        for name, value in (
            ("limitation_max_change", "0.25"),
            ("limitation_exception_prior", "1.3333"),
            ("limitation_exception_factor", "1.0000"),
        ):
            rows.append([year, name, value, "official", "official: WAC 296-17-865"])
    return rows


def ballast(year: int, z: Decimal) -> Decimal:
    return ANCHOR_E * (1 - z) / z * COST_TREND ** (year - 2014)


def credibility_bands(year: int) -> list[tuple[Decimal, Decimal, Decimal]]:
    """(lower bound, Zp, Ze): Z(E) = E/(E+B) rounded half-up to 0.01; a band where one changes."""
    bp, be = ballast(year, ANCHOR_ZP), ballast(year, ANCHOR_ZE)
    starts = {Decimal(0)}
    for b in (bp, be):
        for step in range(1, 100):
            z = Decimal(step) / 100 - Decimal("0.005")
            starts.add(q(b * z / (1 - z), "0.01", ROUND_CEILING))
    bands = []
    for lower in sorted(starts):
        zp, ze = (q(lower / (lower + b), "0.01") for b in (bp, be))
        if not bands or (zp, ze) != bands[-1][1:]:
            bands.append((lower, zp, ze))
    return bands


def claim_free_bands(year: int) -> list[tuple[Decimal, Decimal]]:
    """(lower bound, maximum): 0.60 + 0.30·c/(c+E) rounded half-up to 0.01, 0.90 down to 0.60."""
    c = ANCHOR_E / 2 * COST_TREND ** (year - 2014)
    bands = [(Decimal(0), Decimal("0.9000"))]
    for step in range(89, 59, -1):
        m = Decimal(step) / 100
        r = (m + Decimal("0.005") - Decimal("0.60")) / Decimal("0.30")
        lower = q(c * (1 - r) / r, "0.01", ROUND_FLOOR) + Decimal("0.01")
        value = q(Decimal("0.60") + Decimal("0.30") * c / (c + lower), "0.01")
        check(value == m, f"rating year {year}: band {m} starts at {lower} with {value}")
        bands.append((lower, q(m, "0.0001")))
    return bands


def band_lookup(bands: list[tuple[Decimal, ...]], e: Decimal) -> tuple[Decimal, ...]:
    return [b for b in bands if b[0] <= e][-1]


def elr(anchor: Decimal, year: int, fiscal: int) -> Decimal:
    return q(anchor * COST_TREND ** (year - 2014) * AGE[year - 2 - fiscal], "0.0001")


def table_iii(book: list[dict[str, str]]) -> tuple[list[list[object]], list[list[object]]]:
    rates: list[list[object]] = []
    ratios: list[list[object]] = []
    for year in RATING_YEARS:
        for row in book:
            risk_class = row["risk_class"]
            if year == 2007 and risk_class in PUBLISHED_TABLE_III:
                *published, ratio = PUBLISHED_TABLE_III[risk_class]
                rates += [
                    [year, risk_class, 2003 + i, v, "official", T3_2007]
                    for i, v in enumerate(published)
                ]
                ratios.append([year, risk_class, ratio, "official", T3_2007])
                continue
            anchor = Decimal(row["loss_cost_per_hour"])
            rates += [
                [
                    year,
                    risk_class,
                    fy,
                    elr(anchor, year, fy),
                    "illustrative",
                    METHOD["expected_loss_rates"],
                ]
                for fy in range(year - 4, year - 1)
            ]
            ratios.append(
                [year, risk_class, row["primary_ratio"], "illustrative", METHOD["primary_ratios"]]
            )
    return rates, ratios


def illustrative_rates(row: dict[str, str], year: int) -> dict[str, Decimal]:
    anchor = Decimal(row["loss_cost_per_hour"])
    mean = sum(elr(anchor, year, fy) for fy in range(year - 4, year - 1)) / 3
    total = q(mean * LOADING, "0.0001")
    share = Decimal("0.55") + Decimal("0.025") * (int(row["hazard_group"]) - 1)
    af = q(total * share, "0.0001")
    saw = q(total * SAW_SHARE, "0.0001") if year >= SAW_FROM else Decimal("0.0000")
    return {"accident_fund": af, "medical_aid": total - af, "stay_at_work": saw}


def base_rates(book: list[dict[str, str]]) -> list[list[object]]:
    """Per class and year, one row per source: a published fund rate keeps its own provenance."""
    cells: dict[tuple[int, str], dict[str, tuple[object, str, str]]] = defaultdict(dict)
    for year, risk_class, *rates, version in PUBLISHED_BASE_RATES:
        for fund, value in zip(FUNDS, rates, strict=True):
            if value:
                cells[year, risk_class][fund] = (value, "official", version)
    sp_anchors = {y: Decimal(v) for y, (v, _) in PUBLISHED_SP.items()}
    for year in RATING_YEARS:
        for row in book:
            for fund, value in illustrative_rates(row, year).items():
                cells[year, row["risk_class"]].setdefault(
                    fund, (value, "illustrative", METHOD["base_rates"])
                )
        sp = (
            (PUBLISHED_SP[year][0], "official", PUBLISHED_SP[year][1])
            if year in PUBLISHED_SP
            else (q(anchored(sp_anchors, year, COST_TREND), "0.0001"), "illustrative", METHOD["sp"])
        )
        no_saw = ("0.0000", "official", "official: no Stay at Work rate before 2012 (EHB 2123)")
        for (y, risk_class), funds in cells.items():
            if y == year:
                if risk_class not in NON_HOURLY:
                    funds.setdefault("supplemental_pension", sp)
                if year < SAW_FROM:
                    funds["stay_at_work"] = no_saw
    rows: list[list[object]] = []
    for (year, risk_class), funds in cells.items():
        by_source: dict[tuple[str, str], dict[str, object]] = defaultdict(dict)
        for fund, (value, origin, version) in funds.items():
            by_source[origin, version][fund] = value
        for (origin, version), values in by_source.items():
            rows.append([year, risk_class, *(values.get(f, "") for f in FUNDS), origin, version])
    return rows


def banded_tables() -> dict[str, int]:
    """Tables II and IV for every rating year, checked against the published 2014 point."""
    cred = {y: credibility_bands(y) for y in RATING_YEARS}
    free = {y: claim_free_bands(y) for y in RATING_YEARS}
    check(band_lookup(cred[2014], ANCHOR_E)[1:] == (ANCHOR_ZP, ANCHOR_ZE), "2014 Table II point")
    check(band_lookup(free[2014], ANCHOR_E)[1] == ANCHOR_MAX, "2014 Table IV point")
    credibility = ([y, lo, zp, ze, "illustrative", METHOD["credibility"]]
                   for y in RATING_YEARS for lo, zp, ze in cred[y])
    maxima = ([y, lo, m, "illustrative", METHOD["claim_free_max"]]
              for y in RATING_YEARS for lo, m in free[y])
    return {
        "credibility": write("credibility", ["rating_year", "expected_losses_from", "primary",
                                             "excess"], credibility),
        "claim_free_max": write("claim_free_max", ["rating_year", "expected_losses_from",
                                                   "maximum"], maxima),
    }


def exclusions() -> list[list[object]]:
    rows: list[list[object]] = [
        [y, "preferred_worker", "official", "official: Preferred Worker program, WAC 296-16-150"]
        for y in RATING_YEARS]
    rows += [[y, "public_health_emergency", "official", "official: WSR 21-24-066"]
             for y in RATING_YEARS if y >= PHE_FROM]
    return rows


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for folder in OUT.iterdir():  # rerunnable: the year folders hold only generated files
        if folder.is_dir() and folder.name.isdigit():
            shutil.rmtree(folder)
    book = classes()
    rates, ratios = table_iii(book)
    counts = {
        "parameters": write("parameters", ["rating_year", "parameter", "value"], parameters()),
        **banded_tables(),
        "expected_loss_rates": write("expected_loss_rates", ["rating_year", "risk_class",
                                                             "fiscal_year", "rate"], rates),
        "primary_ratios": write("primary_ratios", ["rating_year", "risk_class", "ratio"], ratios),
        "base_rates": write("base_rates", ["rating_year", "risk_class", *FUNDS], base_rates(book)),
        "exclusions": write("exclusions", ["rating_year", "reason"], exclusions()),
    }
    for kind, count in counts.items():
        print(f"{kind}: {count} rows")


if __name__ == "__main__":
    main()
