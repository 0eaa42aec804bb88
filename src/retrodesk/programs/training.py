"""Training handouts for district office staff, generated from a worked retro calculation.

Each worksheet line of the example is printed with a plain-language explanation, looked up by
its step id (or the id's prefix: "slol" explains every "slol.E1.C1" line) and its rule.
"""

from __future__ import annotations

from datetime import date

from retrodesk.kernel.money import format_money
from retrodesk.programs.documents import TrainingHandout, handout_steps, worksheet_rows
from retrodesk.rating.retro.result import RetroResult

__all__ = ["RETRO_EXPLANATIONS", "retro_training_handout"]

RETRO_EXPLANATIONS: dict[str, str] = {
    "valuation": "Claims are valued (frozen) on this date: 21, 33 and 45 months after the "
                 "coverage period starts, for adjustments 1, 2 and 3.",
    "sp": "Standard premium is the accident fund and medical aid premium reported for the "
          "coverage period, class by class; stay-at-work and supplemental pension are not in it.",
    "hg": "Each class's premium is weighted by its hazard index; the average hazard index "
          "places the participant in a hazard group, which picks the row of the insurance tables.",
    "sg": "The size group is the row of the size table that holds the standard premium; larger "
          "participants have smaller insurance charges.",
    "claims": "Every claim with an injury date in the coverage period, at its case incurred "
              "value (paid plus reserve) on the valuation date.",
    "initial": "Case incurred losses are developed to their expected final value with the "
               "development factor of the claim type and fund; a fatality counts at the "
               "published fatality values.",
    "slol": "All claims of one occurrence together are limited to the single loss limit; when "
            "the total is over it, each claim is scaled down in proportion.",
    "elr": "The limited loss is multiplied by the expected loss ratio factor of its fund.",
    "recovery": "A recovery or apportionment factor (third party, second injury, occupational "
                "disease apportionment) may reduce the claim; the result is its loss incurred.",
    "corridor.losses": "Losses incurred L: the sum of the claims' loss incurred.",
    "corridor.paf": "The performance adjustment factor keeps retro participants as a whole "
                    "paying the same share of their losses as employers outside retro.",
    "corridor.product": "Losses incurred times the PAF: the losses the corridor is tested on.",
    "corridor.loss_ratio": "Loss ratio: adjusted losses as a share of standard premium.",
    "corridor.bound": "The elected minimum and maximum loss ratios form a corridor; losses "
                      "outside it are raised or lowered to its edge.",
    "corridor.adjusted": "Adjusted losses A after the corridor: this figure drives the charges.",
    "corridor.capped": "The same losses expressed before the performance adjustment.",
    "charges.pae": "The premium administration expense factor in force for the coverage period.",
    "charges.paec": "Premium administration expense charge: standard premium times PAE.",
    "charges.cae": "The claims administration expense factor in force for the coverage period.",
    "charges.ilec": "Incurred loss and expense charge: adjusted losses plus claims "
                    "administration expense.",
    "charges.charge_factor": "Insurance charge factor read from the tables for the hazard "
                             "group, size group, SLOL and maximum loss ratio.",
    "charges.savings_factor": "Insurance savings factor read from the tables for the minimum "
                              "loss ratio.",
    "charges.nic": "Net insurance charge: what the plan costs for limiting losses to the "
                   "corridor and the SLOL.",
    "rp": "Retrospective premium: the sum of the three charges; nothing else is added.",
    "rp.compared_with": "Adjustment 1 compares RP with the standard premium; adjustments 2 and "
                        "3 compare it with the previous adjustment's RP.",
    "rp.result": "A positive result is a refund, a negative one an additional premium "
                 "(assessment).",
    "plan.highest": "The highest possible RP as a share of SP, which the plan-option rules keep "
                    "between 1.05 and 2.00.",
    "illustrative": "Values L&I does not publish were used: the result is for teaching and is "
                    "not an L&I figure.",
}

TAKEAWAYS = (
    "Every number on the worksheet comes from a line above it or from a table cited in its rule.",
    "Losses are limited twice: per occurrence by the SLOL, in total by the loss-ratio corridor.",
    "The third adjustment is final; a protest is due within 60 days of each notice "
    "(RCW 51.52.050).",
)


def retro_training_handout(
    result: RetroResult, *, prepared_on: date, title: str = "Reading a retro adjustment worksheet"
) -> TrainingHandout:
    """A handout from a worked example: the scenario, its inputs, every line explained.

    Rule: the lines' own citations (chapter 296-17B WAC); retro.md §11 for the line order.
    """
    kind = "refund" if result.result_amount >= 0 else "assessment"
    return TrainingHandout(
        title=title, prepared_on=prepared_on,
        summary=(
            f"Coverage period starting {result.coverage_period_start:%B} "
            f"{result.coverage_period_start.day}, {result.coverage_period_start.year}; "
            f"adjustment {result.adjustment}, valued {result.valuation_date.isoformat()}.",
            f"{result.basis.value.capitalize()}-basis plan; hazard group {result.hazard_group}, "
            f"size group {result.size_group}.",
            f"Result: {kind} of ${format_money(abs(result.result_amount))}.",
        ),
        inputs=(
            ("Standard premium (SP)", format_money(result.standard_premium)),
            ("Claims", str(len(result.claims))),
            ("Losses incurred (L)", format_money(result.losses_incurred)),
            ("Performance adjustment factor", format(result.performance_adjustment_factor, "f")),
        ),
        steps=handout_steps(worksheet_rows(result.worksheet), RETRO_EXPLANATIONS),
        takeaways=TAKEAWAYS,
        illustrative=tuple(result.provenance.illustrative_names()),
    )
