"""Retroactive corrections over rating years (§5.5) and TRC/DART rates (§14.2)."""

from datetime import date
from decimal import Decimal

import pytest

from retrodesk.kernel.errors import InvalidInput
from retrodesk.rating import experience
from tests.unit.rating.experience.builders import claim, doc


def test_years_older_than_ten_years_before_the_change_are_not_recalculated() -> None:
    years = experience.correction_years(date(2026, 5, 1), [2015, 2016, 2017, 2018], through=2026)
    assert years == tuple(range(2017, 2027))  # 2017-01-01 ≥ 2016-05-01; 2016-01-01 is not
    assert experience.correction_years(date(2040, 1, 2), [2015, 2016]) == ()


def test_each_year_takes_the_previous_year_s_result_as_its_prior() -> None:
    heavy = [claim("C1", "2016-10-01", af="250000")]
    cases = [experience.parse_case(doc(2019, claims=heavy, prior="1.0000")),
             experience.parse_case(doc(2020, claims=heavy, prior="0.5000")),
             experience.parse_case(doc(2021))]
    first, second, third = experience.rate_years(cases)
    assert second.rating.prior == first.experience_factor
    assert third.rating.prior == second.experience_factor
    with pytest.raises(InvalidInput) as caught:
        experience.rate_years([cases[0], cases[2]])
    assert caught.value.details[0].path == "[1].rating_year"


def test_trc_and_dart_rates_per_200000_hours_half_up_to_cents() -> None:
    rates = experience.incidence_rates(days_away=2, transfer_or_restriction=1, other_recordable=4,
                                       hours=Decimal(312_000))
    assert rates.trc == Decimal("4.49")   # 7 × 200,000 / 312,000 = 4.487…
    assert rates.dart == Decimal("1.92")  # 3 × 200,000 / 312,000 = 1.923…
    assert rates.as_dict()["trc_rate"] == "4.49"
    with pytest.raises(InvalidInput):
        experience.incidence_rates(days_away=-1, transfer_or_restriction=0, other_recordable=0,
                                   hours=Decimal(0))
