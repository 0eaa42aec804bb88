"""Composition root: builds the services every entry point uses from the settings.

Nothing connects at import; the engine is created here, when an entry point asks for services.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from retrodesk.adapters.db.audit import install_audit
from retrodesk.adapters.db.engine import make_engine, make_session_factory
from retrodesk.adapters.db.uow import SqlUnitOfWork, UtcClock
from retrodesk.entrypoints import rulebooks
from retrodesk.entrypoints.settings import Settings
from retrodesk.programs.ports import Clock, UnitOfWork

__all__ = ["Services", "build_services"]


@dataclass(frozen=True, slots=True)
class Services:
    """What the web app and the CLI need: settings, the database, the clock and the rule tables."""

    settings: Settings
    engine: Engine
    session_factory: sessionmaker[Session]
    clock: Clock

    def uow(self, actor: str = "system") -> UnitOfWork:
        """A unit of work whose changes are audited under `actor`."""
        return SqlUnitOfWork(self.session_factory, actor=actor, clock=self.clock)

    def tables(self, kind: str) -> dict[str, object]:
        """Rule tables for a calculation kind: the packaged rulebook plus loaded official ones."""
        return rulebooks.tables_for(kind)


def build_services(settings: Settings, clock: Clock | None = None) -> Services:
    engine = make_engine(settings.database_url)
    session_factory = make_session_factory(engine)
    install_audit(session_factory)
    return Services(settings=settings, engine=engine, session_factory=session_factory,
                    clock=clock or UtcClock())
