"""Refund distribution to group members (programs.md §11)."""

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from retrodesk.kernel.errors import InvalidInput
from retrodesk.programs.distribution import (
    SAMPLE_CLAUSE,
    DistributionFormula,
    MemberBasis,
    Pool,
    PoolBasis,
    distribute,
    largest_remainder_cents,
)

AS_OF = date(2027, 1, 31)
MEMBERS = [
    MemberBasis("A", Decimal("600000"), Decimal("100000"), last_training=date(2025, 5, 1)),
    MemberBasis("B", Decimal("300000"), Decimal("400000")),
    MemberBasis("C", Decimal("100000"), Decimal("0"), last_training=date(2023, 1, 30)),
]


def test_sample_clause_first_adjustment_pays_forty_percent_of_the_net_refund() -> None:
    result = distribute(MEMBERS, 1, Decimal("100000.00"), SAMPLE_CLAUSE, Decimal("0"), AS_OF)
    assert result.net_refund == Decimal("75000.00")
    assert result.holdback == Decimal("25000.00")
    assert result.payable == Decimal("30000.00")
    totals = result.member_totals()
    # premium share 7,500 by SP 6:3:1; performance 15,000 by 500k:0:100k; training 7,500 to A
    assert totals == {"A": Decimal("24500.00"), "B": Decimal("2250.00"), "C": Decimal("3250.00")}
    assert result.distributed == Decimal("30000.00")
    assert result.kept_by_sponsor == Decimal("0")


def test_later_adjustments_pay_up_to_the_cumulative_cap_less_what_was_paid() -> None:
    second = distribute(MEMBERS, 2, Decimal("120000.00"), SAMPLE_CLAUSE, Decimal("30000.00"), AS_OF)
    assert second.payable == Decimal("33000.00")          # 90,000 × 70 % − 30,000
    final = distribute(MEMBERS, 3, Decimal("120000.00"), SAMPLE_CLAUSE, Decimal("63000.00"), AS_OF)
    assert final.payable == Decimal("27000.00")


def test_nothing_is_paid_when_the_cap_is_already_reached_or_the_result_is_an_assessment() -> None:
    capped = distribute(MEMBERS, 2, Decimal("10000"), SAMPLE_CLAUSE, Decimal("9000"), AS_OF)
    assert capped.payable == 0
    assessed = distribute(MEMBERS, 1, Decimal("-5000"), SAMPLE_CLAUSE, Decimal("0"), AS_OF)
    assert assessed.allocations == ()


def test_a_pool_with_no_eligible_member_stays_with_the_sponsor() -> None:
    nobody_trained = [MemberBasis("A", Decimal("1"), Decimal("0"))]
    result = distribute(nobody_trained, 3, Decimal("100.00"), SAMPLE_CLAUSE, Decimal("0"), AS_OF)
    assert result.distributed == Decimal("56.25")
    assert result.kept_by_sponsor == Decimal("18.75")


def test_a_member_not_in_good_standing_gets_nothing() -> None:
    lapsed = [MEMBERS[0], MemberBasis("B", Decimal("300000"), Decimal("0"), is_good_standing=False)]
    result = distribute(lapsed, 3, Decimal("1000.00"), SAMPLE_CLAUSE, Decimal("0"), AS_OF)
    assert set(result.member_totals()) == {"A"}


def test_a_removed_member_forfeits_its_share_in_every_pool_even_without_conditions() -> None:
    """WAC 296-17B-720: the forfeiture is the law's, not a term of the sponsor's formula."""
    open_terms = DistributionFormula(
        holdback_rate=Decimal("0"), payout_caps={3: Decimal("1")},
        pools=(Pool("Everyone", Decimal("1"), PoolBasis.EQUAL, requires_good_standing=False),))
    removed = [MEMBERS[0], MemberBasis("B", Decimal("300000"), Decimal("0"), is_removed=True),
               MEMBERS[2]]
    result = distribute(removed, 3, Decimal("1000.00"), open_terms, Decimal("0"), AS_OF)
    assert result.member_totals() == {"A": Decimal("500.00"), "C": Decimal("500.00")}
    assert result.forfeited_by == ("B",)
    alone = distribute(removed[1:2], 3, Decimal("1000.00"), open_terms, Decimal("0"), AS_OF)
    assert (alone.distributed, alone.kept_by_sponsor) == (Decimal("0"), Decimal("1000.00"))


def test_largest_remainder_ties_go_to_the_larger_basis_then_the_member_id() -> None:
    third = Decimal("1") / Decimal("3")
    shares = {("A", "p"): third, ("B", "p"): third, ("C", "p"): third}
    assert largest_remainder_cents(shares, {("A", "p"): Decimal(1), ("B", "p"): Decimal(2),
                                            ("C", "p"): Decimal(2)}) == {
        ("A", "p"): Decimal("0.33"), ("B", "p"): Decimal("0.34"), ("C", "p"): Decimal("0.33")}


def test_a_formula_whose_weights_do_not_add_up_is_refused_with_every_problem() -> None:
    with pytest.raises(InvalidInput) as caught:
        DistributionFormula(Decimal("1"), (Pool("x", Decimal("0.5"), PoolBasis.EQUAL),),
                            {1: Decimal(1)})
    assert [d.path for d in caught.value.details] == ["holdback_rate", "pools", "payout_caps"]


money = st.decimals(min_value=Decimal("0"), max_value=Decimal("5000000"), places=2)
member = st.builds(MemberBasis, st.text("ABCDEFGH", min_size=1, max_size=3), money, money,
                   st.booleans(), st.one_of(st.none(), st.dates(date(2020, 1, 1), AS_OF)),
                   st.booleans())


@given(st.lists(member, min_size=1, max_size=12, unique_by=lambda m: m.member_id),
       st.decimals(min_value=Decimal("-100000"), max_value=Decimal("9000000"), places=2),
       st.sampled_from([1, 2, 3]))
def test_member_amounts_always_add_up_exactly_to_the_distributed_total(
        members: list[MemberBasis], refund: Decimal, number: int) -> None:
    result = distribute(members, number, refund, SAMPLE_CLAUSE, Decimal("0"), AS_OF)
    assert all(a.amount == a.amount.quantize(Decimal("0.01")) for a in result.allocations)
    assert all(a.amount >= 0 for a in result.allocations)
    assert sum(result.member_totals().values(), Decimal(0)) == result.distributed
    assert Decimal(0) <= result.kept_by_sponsor <= result.payable
    removed = {m.member_id for m in members if m.is_removed}
    assert not removed & set(result.member_totals())          # WAC 296-17B-720: forfeited
    assert set(result.forfeited_by) == removed
    if all(m.is_good_standing and m.last_training and m.standard_premium > m.developed_losses
           and m.last_training >= date(2024, 1, 31) and not m.is_removed for m in members):
        assert result.distributed == result.payable
