"""Composition root: builds the services every entry point uses from the settings.

Nothing connects at import; the engine is created here, when an entry point asks for services.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import TypeVar, cast

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from retrodesk.adapters.db.audit import install_audit, last_change
from retrodesk.adapters.db.engine import make_engine, make_session_factory
from retrodesk.adapters.db.uow import SqlUnitOfWork, UtcClock
from retrodesk.adapters.db.workflow import SqlWorkflowUnitOfWork
from retrodesk.adapters.documents.render import TypstDocumentRenderer
from retrodesk.entrypoints import rulebooks
from retrodesk.entrypoints.settings import Settings
from retrodesk.programs.adjustments import BuiltinRetroEngine
from retrodesk.programs.commands import ProgramPorts
from retrodesk.programs.ports import Clock, UnitOfWork, WorkflowUnitOfWork
from retrodesk.rules.retro.book import RetroRulebook

__all__ = ["Services", "build_services"]

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Services:
    """What the web app and the CLI need: settings, the database, the clock and the rule tables."""

    settings: Settings
    engine: Engine
    session_factory: sessionmaker[Session]
    clock: Clock
    # Built on first use and kept: rule tables are read once per process, the Typst compiler
    # loads its fonts once.
    _cache: dict[str, object] = field(default_factory=dict)
    _current: dict[str, tuple[tuple[date, int], object]] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def uow(self, actor: str = "system") -> UnitOfWork:
        """A unit of work whose changes are audited under `actor`."""
        return SqlUnitOfWork(self.session_factory, actor=actor, clock=self.clock)

    def tables(self, kind: str) -> dict[str, object]:
        """Rule tables for a calculation kind: the packaged rulebook plus loaded official ones."""
        return dict(self._once(f"tables:{kind}", lambda: rulebooks.tables_for(kind)))

    def program_ports(self, actor: str, clock: Clock | None = None) -> ProgramPorts:
        """What the workflow use cases need, every change audited under `actor`.

        `clock` replaces the system clock for one use, e.g. to replay past runs on their dates.
        """
        clock = clock or self.clock
        rulebook = cast(RetroRulebook | None, self.tables("retro").get("rulebook"))
        engine = self._once("retro-engine", lambda: BuiltinRetroEngine(rulebook))
        renderer = self._once("renderer", TypstDocumentRenderer)
        uow = SqlWorkflowUnitOfWork(self.session_factory, actor=actor, clock=clock)
        return ProgramPorts(uow=cast(WorkflowUnitOfWork, uow), clock=clock, engine=engine,
                            renderer=renderer)

    def until_changed(self, name: str, build: Callable[[], T]) -> T:
        """The value last built under `name`, built again when the day or the records have
        changed since: the audit log's newest entry moves with every change to a business
        record, made by any process, so a slow summary is never stale and rarely rebuilt."""
        with self.session_factory() as db:
            stamp = (self.clock.today(), last_change(db))
        with self._lock:
            found = self._current.get(name)
        if found is not None and found[0] == stamp:
            return found[1]  # type: ignore[return-value]
        value = build()
        with self._lock:
            self._current[name] = (stamp, value)
        return value

    def _once(self, key: str, build: Callable[[], T]) -> T:
        with self._lock:
            if key not in self._cache:
                self._cache[key] = build()
            return self._cache[key]  # type: ignore[return-value]


def build_services(settings: Settings, clock: Clock | None = None) -> Services:
    engine = make_engine(settings.database_url)
    session_factory = make_session_factory(engine)
    install_audit(session_factory)
    return Services(settings=settings, engine=engine, session_factory=session_factory,
                    clock=clock or UtcClock())
