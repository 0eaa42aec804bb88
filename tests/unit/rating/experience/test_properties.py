"""Invariants of experience.md §10 and of the attribution, on generated firms (Hypothesis)."""

import random
from dataclasses import replace
from datetime import date
from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from retrodesk.kernel.money import FOUR_PLACES
from retrodesk.rating import experience
from retrodesk.rating.experience import Claim, ExperienceCase, ExposureRow

CLASSES = ("0510-00", "4904-00", "6504-00", "5001-00", "7204-00")
YEAR = 2022
FISCAL = (2018, 2019, 2020)
DATES = st.dates(min_value=date(2017, 7, 1), max_value=date(2020, 6, 30))
MONEY = st.integers(min_value=0, max_value=600_000).map(Decimal)

exposure_rows = st.lists(
    st.builds(
        ExposureRow,
        st.sampled_from(CLASSES),
        st.sampled_from(FISCAL),
        st.integers(0, 200_000).map(Decimal),
    ),
    min_size=1,
    max_size=6,
)


@st.composite
def claims(draw: st.DrawFn) -> tuple[Claim, ...]:
    count = draw(st.integers(0, 6))
    return tuple(
        Claim(
            id=f"C{i}",
            injury_date=draw(DATES),
            compensable=draw(st.booleans()),
            fatal=draw(st.integers(0, 7)) == 0,
            af_paid=draw(MONEY),
            ma_reserve=draw(MONEY),
            apportionment=draw(st.sampled_from([None, Decimal("0.5"), Decimal("1")])),
            excluded=draw(st.sampled_from([None, None, None, "public_health_emergency"])),
        )
        for i in range(count)
    )


cases = st.builds(
    ExperienceCase,
    rating_year=st.just(YEAR),
    exposure=exposure_rows.map(tuple),
    claims=claims(),
    prior_factor=st.one_of(st.none(), st.decimals("0.5000", "2.0000", places=4)),
)
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(cases, st.data())
def test_raising_a_claim_value_never_lowers_the_factor(
    case: ExperienceCase, data: st.DataObject
) -> None:
    if not case.claims:
        return
    index = data.draw(st.integers(0, len(case.claims) - 1))
    more = data.draw(st.integers(1, 500_000).map(Decimal))
    bigger = list(case.claims)
    bigger[index] = replace(bigger[index], af_reserve=bigger[index].af_reserve + more)
    before = experience.calculate(case).rating
    after = experience.calculate(replace(case, claims=tuple(bigger))).rating
    assert after.computed >= before.computed
    assert after.factor >= before.factor


@SETTINGS
@given(cases)
def test_the_claim_free_cap_and_the_limitation_bounds_hold(case: ExperienceCase) -> None:
    rating = experience.calculate(case).rating
    if rating.claim_free_max is not None:
        assert rating.capped <= rating.claim_free_max[0]
    prior = case.prior_factor
    if prior is not None and rating.reason == "":
        if prior > Decimal("1.3333") and rating.capped < 1:
            assert rating.factor == Decimal("1.0000")
        else:
            assert FOUR_PLACES.apply(Decimal("0.75") * prior) <= rating.factor
            assert rating.factor <= FOUR_PLACES.apply(Decimal("1.25") * prior)
    for value in rating.claims:
        assert 0 <= value.primary <= value.adjusted
        assert value.excess >= 0


@SETTINGS
@given(cases, st.randoms(use_true_random=False))
def test_the_factor_does_not_depend_on_the_order_of_rows_or_claims(
    case: ExperienceCase, rnd: random.Random
) -> None:
    exposure, claim_list = list(case.exposure), list(case.claims)
    rnd.shuffle(exposure)
    rnd.shuffle(claim_list)
    shuffled = replace(case, exposure=tuple(exposure), claims=tuple(claim_list))
    assert experience.calculate(shuffled).as_dict() == experience.calculate(case).as_dict()


@SETTINGS
@given(cases, cases)
def test_attribution_parts_add_up_exactly_to_the_change(
    previous: ExperienceCase, current: ExperienceCase
) -> None:
    shift = {2018: 2017, 2019: 2018, 2020: 2019}
    earlier = replace(
        previous,
        rating_year=YEAR - 1,
        exposure=tuple(replace(r, fiscal_year=shift[r.fiscal_year]) for r in previous.exposure),
        claims=tuple(replace(c, excluded=None) for c in previous.claims),
    )
    attribution = experience.attribute_change(earlier, current)
    assert sum(p.points for p in attribution.parts) == attribution.change
    assert attribution.change == attribution.current.factor - attribution.previous.factor
