"""Loss-control analysis: where a participant's injuries come from, against the book's
experience in the same classes.

The coordinator monitors enrolled groups and employers and advises them on injury problem areas
(product.md; the class specification in seed/). Over a window of injury dates the participant's
claims are counted by cause, part of body and nature of injury, and each count is set against
what the book's employers in the same classes had per hour worked, applied to the participant's
own hours in each class — a roofer is compared with roofing, not with offices.

Project decisions (docs/loss-control.md): the window is the twelve calendar quarters before the
quarter of the as-of day; claims and hours are read as known on that day (claims valued by
then, each report line in its version known then); frequency is per 200,000 hours (100
full-time workers for a year, the usual incidence base); the baseline is every employer of the
book in the class, the participant included; a *problem area* is a code with at least 3 claims
and at least 1.5 times the expected count (claims without a code are listed, never flagged); a
group is analysed as its current members. The watch list holds the enrolled participants with a
problem area or with claims overall at least 1.5 times (and 3 or more) the expected count.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from retrodesk.kernel.errors import Conflict, ErrorDetail, InvalidInput, required
from retrodesk.kernel.money import format_money
from retrodesk.kernel.periods import add_months, quarter_start
from retrodesk.programs.commands import FollowUp, ProgramPorts, Recommend
from retrodesk.programs.events import record_creation, record_transition
from retrodesk.programs.lifecycle import RECOMMENDATION, RecommendationState
from retrodesk.programs.ports import WorkflowUnitOfWork
from retrodesk.programs.records import ClaimAsOf, CodeCount, ParticipantKind
from retrodesk.programs.workflow import Recommendation
from retrodesk.rating.worksheet import Line

__all__ = ["DIMENSIONS", "CodeLine", "LossProfile", "WatchItem", "analyze", "follow_up",
           "loss_profile", "needs_attention", "problem_areas", "recommend", "recommendations_of",
           "watch_list"]

RULE = "project decision: loss-control analysis (docs/loss-control.md)"
PER_HOURS = Decimal(200_000)
QUARTERS = 12
MIN_CLAIMS = 3
MIN_RATIO = Decimal("1.5")
CENT = Decimal("0.01")
ZERO = Decimal(0)
UNCODED = "uncoded"
# (name, claim field, heading)
DIMENSIONS = (("cause", "cause_code", "Cause of injury"),
              ("body_part", "body_part_code", "Part of body"),
              ("nature", "nature_code", "Nature of injury"))


def _round(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass(frozen=True, slots=True)
class CodeLine:
    """One code of one dimension: the participant's claims and cost against the expected count."""

    code: str
    claims: int
    incurred: Decimal
    expected: Decimal                 # rounded to cents
    ratio: Decimal | None             # claims ÷ expected (None when nothing was expected)
    is_problem: bool

    def as_dict(self) -> dict[str, object]:
        return {"code": self.code, "claims": self.claims, "incurred": format(self.incurred, "f"),
                "expected": format(self.expected, "f"),
                "ratio": None if self.ratio is None else format(self.ratio, "f"),
                "is_problem": self.is_problem}


@dataclass(frozen=True, slots=True)
class LossProfile:
    """A participant's injuries over the window against the book, with the worksheet."""

    subject: str
    injury_from: date
    injury_to: date
    as_of: date
    hours: Decimal
    claims: int
    time_loss_claims: int
    incurred: Decimal
    expected_claims: Decimal
    frequency: Decimal | None          # claims per 200,000 hours
    expected_frequency: Decimal | None
    by_dimension: Mapping[str, tuple[CodeLine, ...]]
    worksheet: tuple[Line, ...]

    @property
    def problems(self) -> list[tuple[str, CodeLine]]:
        return problem_areas(self.by_dimension)

    def as_dict(self) -> dict[str, object]:
        def text(value: Decimal | None) -> str | None:
            return None if value is None else format(value, "f")
        return {
            "subject": self.subject, "injury_from": self.injury_from.isoformat(),
            "injury_to": self.injury_to.isoformat(), "as_of": self.as_of.isoformat(),
            "hours": text(self.hours), "claims": self.claims,
            "time_loss_claims": self.time_loss_claims, "incurred": text(self.incurred),
            "expected_claims": text(self.expected_claims), "frequency": text(self.frequency),
            "expected_frequency": text(self.expected_frequency),
            "by_dimension": {name: [line.as_dict() for line in lines]
                             for name, lines in self.by_dimension.items()},
            "problems": [{"dimension": name, **line.as_dict()} for name, line in self.problems],
            "worksheet": [line.as_dict() for line in self.worksheet],
        }


def problem_areas(by_dimension: Mapping[str, tuple[CodeLine, ...]]) -> list[tuple[str, CodeLine]]:
    """The problem areas, largest excess of claims over the expected count first."""
    found = [(name, line) for name, lines in by_dimension.items() for line in lines
             if line.is_problem]
    return sorted(found, key=lambda p: (-(p[1].claims - p[1].expected), p[0], p[1].code))


def _per_hours(claims: Decimal, hours: Decimal) -> Decimal | None:
    return _round(claims * PER_HOURS / hours) if hours > 0 else None


def _expected(hours: Mapping[str, Decimal], book_hours: Mapping[str, Decimal],
              book_claims: Mapping[str, int]) -> Decimal:
    """Σ over classes of the participant's hours × the book's claims per hour in the class."""
    return sum((h * book_claims.get(c, 0) / book_hours[c] for c, h in hours.items()
                if book_hours.get(c, ZERO) > 0), ZERO)


def _code_lines(field: str, claims: Sequence[ClaimAsOf], hours: Mapping[str, Decimal],
                book_hours: Mapping[str, Decimal],
                book: Sequence[CodeCount]) -> tuple[CodeLine, ...]:
    by_class: defaultdict[str, Counter[str]] = defaultdict(Counter)   # code → class → claims
    for count in book:
        by_class[getattr(count, field) or UNCODED][count.risk_class] += count.claims
    mine: Counter[str] = Counter()
    cost_of: defaultdict[str, Decimal] = defaultdict(Decimal)
    for c in claims:
        code = getattr(c.claim, field) or UNCODED
        mine[code] += 1
        cost_of[code] += c.valuation.incurred
    lines = []
    for code in sorted(set(mine) | set(by_class)):
        n, cost = mine[code], cost_of[code]
        expected = _expected(hours, book_hours, by_class[code])
        ratio = _round(n / expected) if expected > 0 else None
        problem = (code != UNCODED and n >= MIN_CLAIMS
                   and (expected == 0 or n >= MIN_RATIO * expected))
        if n or _round(expected):
            lines.append(CodeLine(code, n, cost, _round(expected), ratio, problem))
    return tuple(sorted(lines, key=lambda line: (-line.claims, -line.expected, line.code)))


def analyze(subject: str, injury_from: date, injury_to: date, as_of: date,
            hours: Mapping[str, Decimal], claims: Sequence[ClaimAsOf],
            book_hours: Mapping[str, Decimal], book: Sequence[CodeCount]) -> LossProfile:
    """The profile of one participant: `hours` and `claims` are its own over the window,
    `book_hours` and `book` every employer's in the same classes (pure: no I/O)."""
    total_hours = sum(hours.values(), ZERO)
    book_claims: Counter[str] = Counter()
    for count in book:
        book_claims[count.risk_class] += count.claims
    expected = _expected(hours, book_hours, book_claims)
    incurred = sum((c.valuation.incurred for c in claims), ZERO)
    time_loss = sum(1 for c in claims if c.valuation.claim_type != "medical_only")
    frequency = _per_hours(Decimal(len(claims)), total_hours)
    expected_frequency = _per_hours(expected, total_hours)
    by_dimension = {name: _code_lines(field, claims, hours, book_hours, book)
                    for name, field, _ in DIMENSIONS}
    per_class = ", ".join(
        f"{c}: {format_money(h)} h × {book_claims.get(c, 0)} ÷ {format_money(book_hours[c])} h"
        for c, h in sorted(hours.items()) if book_hours.get(c, ZERO) > 0)
    worksheet = [
        Line("window", "Injury dates analysed", f"{injury_from} – {injury_to}",
             f"the {QUARTERS} quarters before the quarter of {as_of}; claims valued by then",
             RULE),
        Line("hours", "Hours worked", format(total_hours, "f"),
             " + ".join(f"{c} {format_money(h)}" for c, h in sorted(hours.items())) or "none",
             RULE, {c: format(h, "f") for c, h in sorted(hours.items())}),
        Line("claims", "Claims", str(len(claims)),
             f"{time_loss} beyond medical only; incurred {format_money(incurred)}", RULE),
        Line("frequency", "Claims per 200,000 hours", "" if frequency is None else str(frequency),
             f"{len(claims)} × 200,000 ÷ {format_money(total_hours)}", RULE),
        Line("expected", "Claims expected from the book's experience in the same classes",
             str(_round(expected)), f"Σ class hours × book claims ÷ book hours ({per_class})",
             RULE),
        Line("expected_frequency", "Expected claims per 200,000 hours",
             "" if expected_frequency is None else str(expected_frequency),
             f"{_round(expected)} × 200,000 ÷ {format_money(total_hours)}", RULE),
    ]
    headings = {name: heading for name, _, heading in DIMENSIONS}
    worksheet += [Line(f"problem.{name}.{line.code}",
                       f"Problem area — {headings[name]} {line.code}", str(line.claims),
                       f"{line.claims} claims ≥ {MIN_CLAIMS} and ≥ {MIN_RATIO} × "
                       f"{line.expected} expected", RULE)
                  for name, line in problem_areas(by_dimension)]
    return LossProfile(subject, injury_from, injury_to, as_of, total_hours, len(claims),
                       time_loss, incurred, _round(expected), frequency, expected_frequency,
                       by_dimension, tuple(worksheet))


def _accounts(uow: WorkflowUnitOfWork, kind: ParticipantKind, participant_id: str,
              as_of: date) -> tuple[str, list[str]]:
    """Who is analysed: an employer itself, or a group's members of its latest period."""
    if kind is ParticipantKind.EMPLOYER:
        required(uow.employers.get(participant_id), f"employer {participant_id} not found")
        return f"employer {participant_id}", [participant_id]
    group = required(uow.groups.get(participant_id), f"group {participant_id} not found")
    start, members = group.coverage_start, list[str]()
    while start <= as_of:
        found = [e.participant_id for e in uow.enrollments.members(participant_id, start)]
        members = found or members
        start = add_months(start, 12)
    return f"group {participant_id}", sorted(members)


def _window(as_of: date) -> tuple[date, date, date]:
    """The first and last quarter of the window, and its last injury date."""
    last = add_months(quarter_start(as_of), -3)
    return add_months(last, -3 * (QUARTERS - 1)), last, add_months(last, 3) - timedelta(days=1)


@dataclass(frozen=True, slots=True)
class _Records:
    """What the profiles of a set of accounts are made of, read once."""

    hours: Mapping[str, Mapping[str, Decimal]]     # account → class → hours
    claims: Sequence[ClaimAsOf]
    book_hours: Mapping[str, Decimal]
    book: Sequence[CodeCount]

    def profile(self, subject: str, accounts: Sequence[str], as_of: date) -> LossProfile:
        first, _, injury_to = _window(as_of)
        hours: defaultdict[str, Decimal] = defaultdict(Decimal)
        for account in accounts:
            for risk_class, h in self.hours.get(account, {}).items():
                hours[risk_class] += h
        wanted = set(accounts)
        claims = [c for c in self.claims if c.claim.account_id in wanted]
        return analyze(subject, first, injury_to, as_of, hours, claims, self.book_hours,
                       self.book)


def _read(uow: WorkflowUnitOfWork, accounts: Sequence[str], as_of: date) -> _Records:
    first, last, injury_to = _window(as_of)
    hours: defaultdict[str, defaultdict[str, Decimal]] = defaultdict(lambda: defaultdict(Decimal))
    for report in uow.reports.for_accounts(accounts, first, last, as_of=as_of):
        hours[report.account_id][report.risk_class] += report.hours
    claims = uow.claims.losses_as_of(accounts, first, injury_to, as_of) if accounts else []
    classes = {c for per_class in hours.values() for c in per_class} | {
        c.claim.risk_class for c in claims}
    return _Records(hours, claims, uow.reports.hours_by_class(classes, first, last, as_of=as_of),
                    uow.claims.code_counts(classes, first, injury_to, as_of=as_of))


def loss_profile(ports: ProgramPorts, kind: ParticipantKind, participant_id: str,
                 as_of: date) -> LossProfile:
    """The participant's loss-control profile as known on `as_of`.

    Raises:
        NotFound: no such employer or group.
    """
    with ports.uow:
        subject, accounts = _accounts(ports.uow, kind, participant_id, as_of)
        records = _read(ports.uow, accounts, as_of)
    return records.profile(subject, accounts, as_of)


@dataclass(frozen=True, slots=True)
class WatchItem:
    """An enrolled participant whose injuries call for attention, with its profile."""

    kind: ParticipantKind
    participant_id: str
    profile: LossProfile

    @property
    def ratio(self) -> Decimal | None:
        """Claims ÷ expected claims over the window."""
        p = self.profile
        return _round(p.claims / p.expected_claims) if p.expected_claims > 0 else None

    def as_dict(self) -> dict[str, object]:
        p = self.profile
        return {"participant_kind": self.kind.value, "participant_id": self.participant_id,
                "claims": p.claims, "expected_claims": format(p.expected_claims, "f"),
                "ratio": None if self.ratio is None else format(self.ratio, "f"),
                "problems": [{"dimension": name, **line.as_dict()} for name, line in p.problems]}


def needs_attention(profile: LossProfile) -> bool:
    """A problem area, or claims overall at least 1.5 times the expected count (and 3 or more)."""
    return bool(profile.problems) or (
        profile.claims >= MIN_CLAIMS and profile.claims >= MIN_RATIO * profile.expected_claims)


def watch_list(ports: ProgramPorts, as_of: date) -> list[WatchItem]:
    """Participants enrolled on `as_of` (groups as their members, individual employers) whose
    injuries need attention, the most problem areas and the highest claims ratio first; the
    records are read once for all of them."""
    with ports.uow:
        uow = ports.uow
        subjects: dict[tuple[ParticipantKind, str], list[str]] = {}
        start = quarter_start(as_of)
        for back in range(0, 12, 3):                   # periods running on `as_of`
            period = add_months(start, -back)
            for e in uow.enrollments.for_period(period, members=False):
                accounts = ([m.participant_id for m in uow.enrollments.members(
                    e.participant_id, period)] if e.participant_kind is ParticipantKind.GROUP
                    else [e.participant_id])
                subjects[(e.participant_kind, e.participant_id)] = accounts
        records = _read(uow, sorted({a for accounts in subjects.values() for a in accounts}),
                        as_of)
    found = [WatchItem(kind, pid, records.profile(f"{kind.value} {pid}", accounts, as_of))
             for (kind, pid), accounts in sorted(subjects.items())]
    flagged = [item for item in found if needs_attention(item.profile)]
    return sorted(flagged, key=lambda i: (-len(i.profile.problems), -(i.ratio or ZERO),
                                          i.kind.value, i.participant_id))


def recommend(cmd: Recommend, ports: ProgramPorts) -> Recommendation:
    """Record loss-control advice to an employer or a group, to be followed up on a day.

    Raises:
        NotFound: no such participant. Conflict: the id exists.
        InvalidInput: no area or advice, or a follow-up day before today.
    """
    with ports.uow:
        uow, today = ports.uow, ports.clock.today()
        kind = ParticipantKind(cmd.participant_kind)
        _accounts(uow, kind, cmd.participant_id, today)
        if uow.recommendations.get(cmd.recommendation_id) is not None:
            raise Conflict(f"recommendation {cmd.recommendation_id} already exists")
        problems = [ErrorDetail(name, "is required") for name in ("area", "advice")
                    if not getattr(cmd, name).strip()]
        if cmd.follow_up_on < today:
            problems.append(ErrorDetail("follow_up_on", f"{cmd.follow_up_on} is before today"))
        if problems:
            raise InvalidInput.of(problems)
        found = Recommendation(
            recommendation_id=cmd.recommendation_id, participant_kind=kind.value,
            participant_id=cmd.participant_id, area=cmd.area.strip(), advice=cmd.advice.strip(),
            given_on=today, follow_up_on=cmd.follow_up_on)
        record_creation(uow, "recommendation", found.recommendation_id, found.state,
                        actor=cmd.actor, at=ports.clock.now(), rule=RULE, note=found.area)
        uow.recommendations.add(found)
        uow.commit()
    return found


def follow_up(cmd: FollowUp, ports: ProgramPorts) -> Recommendation:
    """Record what a follow-up found; the recommendation is then closed.

    Raises:
        NotFound: no such recommendation. Conflict: already followed up.
        InvalidInput: no outcome.
    """
    with ports.uow:
        uow = ports.uow
        found = required(uow.recommendations.get(cmd.recommendation_id),
                         f"recommendation {cmd.recommendation_id} not found")
        if not cmd.outcome.strip():
            raise InvalidInput.of([ErrorDetail("outcome", "is required")])
        target = RecommendationState.FOLLOWED_UP
        record_transition(uow, RECOMMENDATION, "recommendation", found.recommendation_id,
                          found.state, target, actor=cmd.actor, at=ports.clock.now(), rule=RULE)
        moved = replace(found, state=target, outcome=cmd.outcome.strip(),
                        followed_up_on=ports.clock.today(), version=found.version + 1)
        uow.recommendations.update(moved)
        uow.commit()
    return moved


def recommendations_of(uow: WorkflowUnitOfWork, kind: ParticipantKind,
                       participant_id: str) -> list[Recommendation]:
    """A participant's recommendations, open ones first, then by follow-up day."""
    return sorted((r for r in uow.recommendations.list()
                   if (r.participant_kind, r.participant_id) == (kind.value, participant_id)),
                  key=lambda r: (r.state is not RecommendationState.OPEN, r.follow_up_on,
                                 r.recommendation_id))
