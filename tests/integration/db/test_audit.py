"""Every insert, update and delete of a business record leaves exactly one audit entry."""

from __future__ import annotations

import dataclasses
import gc
from collections.abc import Callable
from datetime import date

import pytest
from sqlalchemy import Engine, select

from retrodesk.adapters.db.audit import AUDIT_TABLE, install_audit
from retrodesk.adapters.db.engine import make_session_factory
from retrodesk.adapters.db.tables import SponsorRecord
from retrodesk.adapters.db.uow import SqlUnitOfWork
from retrodesk.kernel.errors import Conflict
from retrodesk.programs.records import Employer, Role, Sponsor, User
from tests.integration.db.databases import NOW, FixedClock, count_rows

Factory = Callable[[], SqlUnitOfWork]
SPONSOR = Sponsor(sponsor_id="S1", name="Cascade Builders Association", founded_on=date(2001, 5, 1),
                  purpose="trade association", industry_category="c")
EMPLOYER = Employer(account_id="600000001", legal_name="Acme Roofing LLC",
                    governing_class="0507-00", opened_on=date(2015, 1, 1),
                    is_in_good_standing=True, standing_reason=None, standing_as_of=date(2024, 1, 1))


def _add(factory: Factory, *values: object) -> None:
    with factory() as uow:
        for value in values:
            if isinstance(value, Sponsor):
                uow.sponsors.add(value)
            elif isinstance(value, Employer):
                uow.employers.add(value)
        uow.commit()


def test_an_insert_is_logged_with_its_values(uow_factory: Factory) -> None:
    _add(uow_factory, SPONSOR)
    with uow_factory() as uow:
        history = uow.audit.history("sponsors", "S1")
    assert len(history) == 1
    entry = history[0]
    assert (entry.action, entry.actor, entry.occurred_at, entry.before) == (
        "insert", "tester", NOW, None)
    assert entry.after is not None
    assert (entry.after["founded_on"], entry.after["name"]) == ("2001-05-01", SPONSOR.name)


def test_an_update_is_logged_with_before_and_after(uow_factory: Factory) -> None:
    _add(uow_factory, EMPLOYER)
    with uow_factory() as uow:
        uow.employers.update(dataclasses.replace(
            EMPLOYER, is_in_good_standing=False, standing_reason="premium past due",
            standing_as_of=date(2024, 6, 1)))
        uow.commit()
    with uow_factory() as uow:
        history = uow.audit.history("employers", "600000001")
        stored = uow.employers.get("600000001")
    assert [e.action for e in history] == ["insert", "update"]
    before, after = history[1].before, history[1].after
    assert before is not None
    assert after is not None
    assert (before["is_in_good_standing"], before["standing_reason"]) == (True, None)
    assert (after["is_in_good_standing"], after["standing_reason"]) == (False, "premium past due")
    assert (before["standing_as_of"], after["standing_as_of"]) == ("2024-01-01", "2024-06-01")
    assert stored is not None
    assert stored.standing_reason == "premium past due"


def test_a_delete_is_logged_with_the_values_it_removed(engine: Engine,
                                                        uow_factory: Factory) -> None:
    _add(uow_factory, SPONSOR)
    sessions = make_session_factory(engine)
    install_audit(sessions)
    with sessions() as session:
        session.info.update(actor="administrator", clock=FixedClock())
        session.delete(session.get(SponsorRecord, "S1"))
        session.commit()
    with uow_factory() as uow:
        history = uow.audit.history("sponsors", "S1")
    assert [e.action for e in history] == ["insert", "delete"]
    assert history[1].actor == "administrator"
    assert history[1].after is None
    assert history[1].before is not None
    assert history[1].before["name"] == SPONSOR.name


def test_a_change_without_an_actor_is_refused(engine: Engine) -> None:
    sessions = make_session_factory(engine)
    install_audit(sessions)
    before = count_rows(engine)
    with sessions() as session:
        session.add(SponsorRecord(sponsor_id="S9", name="x", founded_on=date(2000, 1, 1),
                                  purpose="x", industry_category="c"))
        with pytest.raises(RuntimeError, match="actor"):
            session.flush()
    assert count_rows(engine) == before


def test_a_rolled_back_change_leaves_no_entry(uow_factory: Factory, engine: Engine) -> None:
    before = count_rows(engine)
    with uow_factory() as uow:
        uow.sponsors.add(SPONSOR)
    assert count_rows(engine) == before


def test_secrets_are_redacted_and_users_are_unique(uow_factory: Factory) -> None:
    user = User(id=None, username="coordinator", password_hash="$argon2id$not-a-real-hash",  # noqa: S106
                role=Role.COORDINATOR, sponsor_id=None, employer_account_id=None,
                api_token_hash=None, failed_login_count=0, locked_until=None, created_at=NOW)
    with uow_factory() as uow:
        stored = uow.users.add(user)
        uow.commit()
    assert stored.id is not None
    with uow_factory() as uow:
        history = uow.audit.history("users", str(stored.id))
        assert uow.users.by_username("coordinator") == stored
        with pytest.raises(Conflict):
            uow.users.add(user)
    assert history[0].after is not None
    assert history[0].after["password_hash"] == "[redacted]"  # noqa: S105


def test_every_new_session_factory_is_audited(engine: Engine) -> None:
    """A factory made after another was collected (and may reuse its id) is audited too."""
    for number in range(12):
        sessions = make_session_factory(engine)
        install_audit(sessions)
        install_audit(sessions)  # installing twice logs once
        with sessions() as session:
            session.info.update(actor="tester", clock=FixedClock())
            session.add(SponsorRecord(sponsor_id=f"F{number}", name="x",
                                      founded_on=date(2000, 1, 1), purpose="x",
                                      industry_category="c"))
            session.commit()
        del sessions
        gc.collect()
    with engine.connect() as connection:
        keys = list(connection.scalars(select(AUDIT_TABLE.c.record_key).where(
            AUDIT_TABLE.c.table_name == "sponsors").order_by(AUDIT_TABLE.c.id)))
    assert keys == [f"F{number}" for number in range(12)]
