"""An employer's experience factor from the records, for the employer page and the JSON API: the
account is checked against the caller's scope first, then the programs' use case rates it."""

from __future__ import annotations

from typing import cast

from sqlalchemy import select
from sqlalchemy.orm import Session

from retrodesk.adapters.db.tables import EmployerRecord
from retrodesk.entrypoints.bootstrap import Services
from retrodesk.entrypoints.web.access import Principal
from retrodesk.entrypoints.web.views import employer_visible
from retrodesk.kernel.errors import required
from retrodesk.programs.experience import ExperienceReview, review_experience
from retrodesk.rules.experience.book import ExperienceRulebook

__all__ = ["review"]


def review(services: Services, db: Session, user: Principal, account_id: str,
           rating_year: int | None) -> ExperienceReview:
    """The factor of `rating_year` (default: the current calendar year's), explained.

    Raises:
        NotFound: the account does not exist or is outside the caller's scope.
        InvalidInput / RuleNotInForce: the records cannot be rated under the rulebook.
    """
    required(
        db.scalar(select(EmployerRecord.account_id).where(
            EmployerRecord.account_id == account_id, employer_visible(user.scope))),
        f"employer {account_id} not found")
    rulebook = cast(ExperienceRulebook | None, services.tables("experience").get("rulebook"))
    year = rating_year or services.clock.today().year
    with services.uow(user.username) as uow:
        return review_experience(uow, account_id, year, rulebook=rulebook)
