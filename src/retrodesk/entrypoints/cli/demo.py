"""`retrodesk demo` (build a demo book and serve it) and `retrodesk serve` (serve a database)."""

from __future__ import annotations

import dataclasses
import socket
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import timedelta
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
)
from rich.table import Table

from retrodesk.entrypoints.cli.common import cli_errors
from retrodesk.programs.ports import ProgressCallback
from retrodesk.programs.records import Role, User

if TYPE_CHECKING:  # the database stack is imported only when a command runs (fast CLI start)
    from retrodesk.entrypoints.bootstrap import Services
    from retrodesk.entrypoints.settings import Settings

__all__ = ["DemoLogin", "demo", "ensure_demo_users", "prepare_demo", "serve"]

DEFAULT_EMPLOYERS = 5_000
DEFAULT_SEED = 20_240_101
YEARS = 5
# Days from a valuation date to its notices (retro.md §8: freeze early January, notices at the
# end of the month).
ISSUE_LAG_DAYS = 30
OPEN_COLLECTION_DAYS = 90  # some additional premiums due this recently stay unpaid in the demo
APP = "retrodesk.entrypoints.web.app:create_app"


@dataclass(frozen=True, slots=True)
class DemoLogin:
    """A demo user's sign-in, printed once (its password changes on every demo run)."""

    role: Role
    username: str
    password: str
    scope: str


@contextmanager
def progress_bars(console: Console) -> Iterator[ProgressCallback]:
    """A `progress(stage, done, total)` callback drawing one bar per stage."""
    with Progress(TextColumn("{task.description:<28}"), BarColumn(), MofNCompleteColumn(),
                  TimeElapsedColumn(), console=console, transient=False) as bars:
        tasks: dict[str, TaskID] = {}

        def advance(stage: str, done: int, total: int) -> None:
            if stage not in tasks:
                tasks[stage] = bars.add_task(stage, total=max(total, 1))
            bars.update(tasks[stage], completed=done, total=max(total, 1))

        yield advance


def _demo_scope(services: Services) -> tuple[str | None, str | None]:
    """A sponsor with an enrolled group, and one of that group's members, for the demo logins."""
    with services.uow("demo") as uow:
        for sponsor in uow.sponsors.list():
            for group in uow.groups.for_sponsor(sponsor.sponsor_id):
                members = uow.enrollments.members(group.group_id, group.coverage_start)
                if members and members[0].account_id:
                    return sponsor.sponsor_id, members[0].account_id
    return None, None


def ensure_demo_users(services: Services) -> list[DemoLogin]:
    """One user per role (`demo-<role>`), created or given a fresh password."""
    from retrodesk.entrypoints.credentials import hash_password, new_password

    sponsor_id, account_id = _demo_scope(services)
    logins: list[DemoLogin] = []
    with services.uow("demo") as uow:
        for role in Role:
            username, password = f"demo-{role.value.replace('_', '-')}", new_password()
            user = User(id=None, username=username, password_hash=hash_password(password),
                        role=role, sponsor_id=sponsor_id if role is Role.SPONSOR else None,
                        employer_account_id=account_id if role is Role.EMPLOYER else None,
                        api_token_hash=None, failed_login_count=0, locked_until=None,
                        created_at=services.clock.now())
            existing = uow.users.by_username(username)
            if existing is None:
                uow.users.add(user)
            else:
                uow.users.update(dataclasses.replace(user, id=existing.id,
                                                     api_token_hash=existing.api_token_hash))
            scope = {Role.SPONSOR: f"sponsor {sponsor_id}",
                     Role.EMPLOYER: f"account {account_id}"}.get(role, "all records")
            logins.append(DemoLogin(role, username, password, scope))
        uow.commit()
    return logins


def _has_book(services: Services) -> bool:
    with services.uow("demo") as uow:
        return bool(uow.employers.list(limit=1))


def prepare_book(services: Services, *, employers: int, seed: int,
                 progress: ProgressCallback | None) -> None:
    """Bring the schema up to date and generate the synthetic book unless one is there already."""
    from retrodesk.adapters.db.migrate import upgrade_database
    from retrodesk.adapters.synth.book import generate_book

    upgrade_database(services.engine, actor="demo", now=services.clock.now())
    if not _has_book(services):
        generate_book(lambda: services.uow("demo"), employers=employers, seed=seed, years=YEARS,
                      as_of=services.clock.today(), progress=progress)


def run_due_adjustments(services: Services, progress: ProgressCallback | None) -> None:
    """Issue every adjustment due by today, one run per valuation date in order, as the
    quarterly runs would have gone (a rerun finds them done and issues nothing twice).

    Each run is replayed on the day it would have been issued — about a month after its
    valuation date (retro.md §8: claims frozen early January, notices at the end of the month) —
    and orders whose protest windows have since passed become final, so the book's history
    looks as it would today.
    """
    from sqlalchemy import distinct, select

    from retrodesk.adapters.db.tables import EnrollmentRecord
    from retrodesk.adapters.memory import FrozenClock
    from retrodesk.programs.adjustments import run_adjustments
    from retrodesk.programs.commands import RunAdjustments
    from retrodesk.programs.finality import close_expired
    from retrodesk.programs.schedule import due_adjustments

    today = services.clock.today()
    with services.session_factory() as db:
        starts = list(db.scalars(select(distinct(EnrollmentRecord.coverage_start))))
    dates = sorted({a.valuation_date for a in due_adjustments(starts, today)})
    report = progress or (lambda _stage, _done, _total: None)
    report("adjustment runs", 0, len(dates))
    finished = 0  # adjustments of the runs already done: the bar moves per adjustment

    def adjustments(_stage: str, done: int, total: int) -> None:
        report("adjustments", finished + done, finished + total)

    for done, valuation in enumerate(dates, start=1):
        issued_on = min(today, valuation + timedelta(days=ISSUE_LAG_DAYS))
        summary = run_adjustments(RunAdjustments(valuation_date=valuation, actor="demo"),
                                  services.program_ports("demo", FrozenClock(issued_on)),
                                  adjustments)
        finished += summary.computed_count + summary.already_done_count
        report("adjustment runs", done, len(dates))
    close_expired(services.program_ports("demo"), today, actor="demo")


def settle_past_premiums(services: Services) -> None:
    """Record the book's additional premiums as paid on their due dates, except about one in
    ten of those due in the last `OPEN_COLLECTION_DAYS` days (chosen by the notice id), so the
    worklist's collections section shows a few recent ones a coordinator would still be
    chasing (WAC 296-17B-780). A rerun pays nothing twice.
    """
    from zlib import crc32

    from retrodesk.programs.commands import RecordPayment
    from retrodesk.programs.payments import record_payment, unpaid_after_due

    ports = services.program_ports("demo")
    today = services.clock.today()
    recent = today - timedelta(days=OPEN_COLLECTION_DAYS)
    with ports.uow as uow:
        owed = unpaid_after_due(uow.notices.headers(), uow.payments.list(), today)
    for notice, amount in owed:
        due = notice.payment_due or today
        if due >= recent and crc32(notice.notice_id.encode()) % 10 == 0:
            continue
        record_payment(RecordPayment(
            payment_id=f"PM-{notice.notice_id}", notice_id=notice.notice_id, amount=amount,
            received_on=due, reference="paid by the due date", actor="demo"), ports)


def seed_training(services: Services) -> None:
    """About a third of the group members attended an in-person safety seminar in the last two
    years (chosen and dated by account id), so the training pool of a refund shared in the demo
    has members in it (programs.md §11). A rerun adds nothing."""
    from zlib import crc32

    from sqlalchemy import distinct, select

    from retrodesk.adapters.db.tables import EnrollmentRecord
    from retrodesk.programs.attendance import record_training
    from retrodesk.programs.commands import RecordTraining

    ports = services.program_ports("demo")
    with services.session_factory() as db:
        members = db.scalars(select(distinct(EnrollmentRecord.account_id)).where(
            EnrollmentRecord.group_id.is_not(None)).order_by(EnrollmentRecord.account_id))
        chosen = [a for a in members if a and crc32(a.encode()) % 3 == 0]
    with ports.uow as uow:
        recorded = {a.account_id for a in uow.training.list()}
    today = services.clock.today()
    for account in chosen:
        if account not in recorded:
            record_training(RecordTraining(
                attendance_id=f"TR-{account}", account_id=account,
                course="Workers' compensation claims and safety seminar",
                attended_on=today - timedelta(days=30 + crc32(account.encode()) % 700),
                provider="L&I safety consultation", actor="demo"), ports)


def seed_terms(services: Services) -> None:
    """Every group period's sponsor disclosed the published sample clause at enrollment
    (programs.md §11), so a refund in the demo can be shared. A rerun adds nothing."""
    from sqlalchemy import select

    from retrodesk.adapters.db.tables import EnrollmentRecord
    from retrodesk.programs.commands import DiscloseTerms
    from retrodesk.programs.distribution import SAMPLE_TERMS
    from retrodesk.programs.refunds import disclose_terms
    from retrodesk.programs.workflow import period_key

    ports = services.program_ports("demo")
    with services.session_factory() as db:
        periods = db.execute(select(EnrollmentRecord.participant_id,
                                    EnrollmentRecord.coverage_start).where(
            EnrollmentRecord.participant_kind == "group")).tuples().all()
    with ports.uow as uow:
        recorded = {t.key for t in uow.terms.list()}
    for group_id, start in periods:
        if period_key(group_id, start) not in recorded:
            disclose_terms(DiscloseTerms(group_id=group_id, coverage_start=start,
                                         terms=SAMPLE_TERMS, actor="demo"), ports)


def prepare_demo(settings: Settings, *, employers: int, seed: int,
                 progress: ProgressCallback | None = None) -> list[DemoLogin]:
    """Create or reuse the database, generate the book, run due adjustments, make demo users."""
    from retrodesk.entrypoints.bootstrap import build_services

    services = build_services(settings)
    try:
        prepare_book(services, employers=employers, seed=seed, progress=progress)
        run_due_adjustments(services, progress)
        settle_past_premiums(services)
        seed_training(services)
        seed_terms(services)
        return ensure_demo_users(services)
    finally:
        services.engine.dispose()


def _print_logins(console: Console, logins: list[DemoLogin], url: str) -> None:
    table = Table(title=f"Demo sign-ins for {url}")
    for column in ("role", "user name", "password", "sees"):
        table.add_column(column)
    for login in logins:
        table.add_row(login.role.value, login.username, login.password, login.scope)
    console.print(table)


def _serve(port: int, workers: int = 1) -> None:
    import uvicorn  # only when serving: keeps the other commands quick to start

    if workers == 1:
        uvicorn.run(APP, factory=True, host="127.0.0.1", port=port, log_level="info")
        return
    from uvicorn.supervisors import Multiprocess

    # uvicorn binds a worker socket without naming TCP, so asyncio leaves Nagle's algorithm on
    # and small responses wait ~40 ms for a delayed ACK; a TCP socket gets TCP_NODELAY.
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", port))
    sock.set_inheritable(True)
    config = uvicorn.Config(APP, factory=True, host="127.0.0.1", port=port, workers=workers,
                            log_level="info")
    Multiprocess(config, sockets=[sock]).run()


Port = Annotated[int, typer.Option("--port", min=1, max=65535, help="Port on 127.0.0.1.")]


Employers = Annotated[int, typer.Option("--employers", min=10, help="Employers in the book.")]
Seed = Annotated[int, typer.Option("--seed", help="Seed of the synthetic book.")]
NoServe = Annotated[bool, typer.Option("--no-serve", help="Prepare the database and exit.")]


def demo(employers: Employers = DEFAULT_EMPLOYERS, seed: Seed = DEFAULT_SEED, port: Port = 8000,
         no_serve: NoServe = False) -> None:
    """Build a synthetic Washington-like book, run due adjustments, print logins and serve."""
    from retrodesk.entrypoints.settings import Settings

    console = Console()
    with cli_errors():
        settings = Settings()
        with progress_bars(console) as progress:
            logins = prepare_demo(settings, employers=employers, seed=seed, progress=progress)
        _print_logins(console, logins, f"http://127.0.0.1:{port}")
    if not no_serve:
        _serve(port)


Workers = Annotated[int, typer.Option("--workers", min=1, max=16,
                                       help="Server processes (one per core is a good start).")]


def serve(port: Port = 8000, workers: Workers = 1) -> None:
    """Serve an existing database (SQLite or PostgreSQL, from RETRODESK_DATABASE_URL)."""
    _serve(port, workers)
