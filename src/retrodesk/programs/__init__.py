"""Use cases of the programs: enrollment, adjustments, protests, appeals, probation, refunds."""
