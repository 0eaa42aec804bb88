"""Properties of the retro calculation (Hypothesis): monotone, bounded, telescoping, order-free."""

import copy
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from retrodesk.rating import retro

D = Decimal
CAE, PAE = D("0.125"), D("0.073")            # in force for coverage periods from 2023-10-01
LIMITS = ("120000", "250000", "500000", "1000000")
CENT = D("0.01")


def money(low: int, high: int) -> st.SearchStrategy[str]:
    return st.integers(low, high).map(lambda cents: f"{D(cents) / 100:.2f}")


def factor(low: str, high: str, places: int = 2) -> st.SearchStrategy[str]:
    scale = 10 ** places
    return st.integers(int(D(low) * scale), int(D(high) * scale)).map(
        lambda n: f"{D(n) / scale:.{places}f}")


claims_strategy = st.lists(st.fixed_dictionaries({
    "type": st.sampled_from(("time_loss", "time_loss", "medical_only", "ppd", "fatal")),
    "occurrence": st.sampled_from((None, None, "E1", "E2")),
    "af_paid": money(0, 40_000_000), "ma_paid": money(0, 10_000_000),
    "recovery_factor": st.sampled_from((None, None, "0.5", "0.8725")),
    "day": st.integers(0, 365),
}), min_size=1, max_size=10)


@st.composite
def cases(draw: st.DrawFn, *, limit: bool | None = None, equal_weights: bool = False,
          paf: str | None = None) -> dict:
    """A valid case with what-if factors (insurance factors given, so no table span matters)."""
    max_lr = D(draw(factor("0.60", "1.60")))
    min_lr = D(draw(factor("0.00", f"{min(max_lr - D('0.20'), D('0.60'))}")))
    has_limit = draw(st.booleans()) if limit is None else limit
    elr_af = draw(factor("0.80", "1.20"))
    charge = D(draw(factor("0.000", "0.300", 3)))
    items = []
    for index, item in enumerate(draw(claims_strategy)):
        items.append({
            "id": f"C{index}", "type": item["type"], "occurrence": item["occurrence"],
            "injury_date": f"2024-{1 + item['day'] % 12:02d}-{1 + item['day'] % 28:02d}",
            "status": "closed", "af_paid": item["af_paid"], "af_reserve": "0.00",
            "ma_paid": item["ma_paid"], "ma_reserve": "0.00",
            "recovery_factor": None if equal_weights else item["recovery_factor"]})
    return {
        "coverage_period_start": "2023-10-01", "adjustment": 1,
        "plan": {"basis": draw(st.sampled_from(("premium", "loss"))),
                 "single_loss_limit": draw(st.sampled_from(LIMITS)) if has_limit else None,
                 "max_loss_ratio": f"{max_lr}", "min_loss_ratio": f"{min_lr}"},
        "standard_premium": [{"risk_class": "0510-00", "hazard_group": 7,
                              "accident_fund": draw(money(10_000_000, 500_000_000)),
                              "medical_aid": draw(money(0, 100_000_000))}],
        "claims": items,
        "factors": {
            "dldf": {t: {"af": draw(factor("0.80", "2.00")), "ma": draw(factor("0.80", "2.00"))}
                     for t in ("time_loss", "medical_only", "ppd")},
            "elr": {"af": elr_af, "ma": elr_af if equal_weights else draw(factor("0.80", "1.20"))},
            "paf": paf or draw(factor("0.80", "1.20", 4)),
            "insurance_charge": f"{charge}",
            "insurance_savings": f"{draw(factor('0.000', f'{min(charge, D(0.2))}', 3))}"
                                 if charge else "0.000",
        },
    }


def raised(document: dict, index: int, fund: str, cents: int) -> dict:
    bigger = copy.deepcopy(document)
    entry = bigger["claims"][index % len(bigger["claims"])]
    entry[f"{fund}_paid"] = f"{D(entry[f'{fund}_paid']) + D(cents) / 100:.2f}"
    return bigger


@settings(max_examples=80, deadline=None)
@given(cases(limit=False), st.integers(0, 9), st.sampled_from(("af", "ma")),
       st.integers(1, 50_000_000))
def test_without_a_limit_more_incurred_never_lowers_the_retro_premium(
    document: dict, index: int, fund: str, cents: int,
) -> None:
    before = retro.calculate(document)
    after = retro.calculate(raised(document, index, fund, cents))
    assert after.losses_incurred >= before.losses_incurred
    assert after.retro_premium >= before.retro_premium


@settings(max_examples=80, deadline=None)
@given(cases(limit=True, equal_weights=True), st.integers(0, 9), st.sampled_from(("af", "ma")),
       st.integers(1, 50_000_000))
def test_with_a_limit_more_incurred_lowers_the_premium_by_no_more_than_rounding(
    document: dict, index: int, fund: str, cents: int,
) -> None:
    """With a limit, the pro-rata shares of an occurrence are rounded per fund part (retro.md §9):
    their sum may lose a few cents when a claim grows, never more. A growing claim also takes
    capped share from the others, so where the claims' weights after the SLOL differ (AF vs MA
    ELR, recovery factors) the rule itself can lower L; this property takes equal weights."""
    before = retro.calculate(document)
    after = retro.calculate(raised(document, index, fund, cents))
    claims = len(document["claims"])
    elr = D(document["factors"]["elr"]["af"])
    paf = D(document["factors"]["paf"])
    k = D(document["factors"]["insurance_charge"]) - D(document["factors"]["insurance_savings"])
    # Each rounding (SLOL share and ELR per fund part, loss incurred per claim) may swing a cent.
    swing = (2 * claims * (elr + 1) + claims) * CENT
    tolerance = swing * paf * (1 + CAE) / (1 - k) + 3 * CENT
    assert after.retro_premium >= before.retro_premium - tolerance


@settings(max_examples=80, deadline=None)
@given(cases(limit=False, paf="1.0000"))
def test_with_paf_one_and_no_limit_the_premium_stays_within_the_corridor(document: dict) -> None:
    result = retro.calculate(document)
    plan = document["plan"]
    sp = result.standard_premium
    k = result.insurance_charge_factor - result.insurance_savings_factor
    low_lr, high_lr = D(plan["min_loss_ratio"]), D(plan["max_loss_ratio"])
    if plan["basis"] == "premium":
        low = PAE + low_lr * (1 + CAE) + k
        high = PAE + high_lr * (1 + CAE) + k
    else:
        low = PAE + low_lr * (1 + CAE) / (1 - k)
        high = PAE + high_lr * (1 + CAE) / (1 - k)
    assert result.highest_possible_premium == high
    assert low * sp - 3 * CENT <= result.retro_premium <= high * sp + 3 * CENT


@settings(max_examples=40, deadline=None)
@given(cases(), cases(), cases())
def test_adjustment_results_telescope_to_sp_minus_the_final_premium(
    first: dict, second: dict, third: dict,
) -> None:
    r1 = retro.calculate(first)
    r2 = retro.calculate({**first, "adjustment": 2, "factors": second["factors"],
                          "claims": second["claims"], "prior_retro_premium": f"{r1.retro_premium}"})
    r3 = retro.calculate({**first, "adjustment": 3, "factors": third["factors"],
                          "claims": third["claims"], "prior_retro_premium": f"{r2.retro_premium}"})
    signed = [r.result_amount for r in (r1, r2, r3)]
    assert sum(signed) == r1.standard_premium - r3.retro_premium
    assert r2.compared_with == r1.retro_premium
    assert r3.compared_with == r2.retro_premium


@settings(max_examples=80, deadline=None)
@given(cases(limit=True))
def test_an_occurrence_never_contributes_more_than_its_limit_times_the_larger_elr(
    document: dict,
) -> None:
    """Up to half a cent per fund part at the SLOL share and at the ELR step (retro.md §9)."""
    result = retro.calculate(document)
    limit = D(document["plan"]["single_loss_limit"])
    elr = max(D(document["factors"]["elr"]["af"]), D(document["factors"]["elr"]["ma"]))
    for occurrence in result.losses.occurrences:
        claims = [c for c in result.claims if c.id in occurrence.claim_ids]
        prelim = sum(c.prelim_af + c.prelim_ma for c in claims)
        slack = 2 * len(claims) * (D("0.005") * elr + D("0.005"))
        assert prelim <= limit * elr + slack
        assert sum(c.loss_incurred for c in claims) <= prelim


@settings(max_examples=60, deadline=None)
@given(cases(), st.randoms(use_true_random=False))
def test_results_do_not_depend_on_the_order_of_claims(document: dict, rng) -> None:
    shuffled = copy.deepcopy(document)
    rng.shuffle(shuffled["claims"])
    before, after = retro.calculate(document), retro.calculate(shuffled)
    assert after.retro_premium == before.retro_premium
    assert after.losses_incurred == before.losses_incurred
    assert sorted(after.claims, key=lambda c: c.id) == sorted(before.claims, key=lambda c: c.id)
