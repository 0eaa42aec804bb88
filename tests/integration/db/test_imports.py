"""Imports: all-or-nothing, idempotent, with provenance; loss runs add history, never rewrite it."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import Engine, text

from retrodesk.adapters.db.uow import SqlUnitOfWork
from retrodesk.kernel.errors import InvalidInput
from retrodesk.programs.records import RecordKind
from tests.integration.db.books import (
    CLAIM_HEADER,
    EMPLOYERS,
    LOSS_RUN_2023,
    LOSS_RUN_2024,
    REPORTS,
    load,
    write,
)
from tests.integration.db.databases import count_rows

Factory = Callable[[], SqlUnitOfWork]


@pytest.fixture
def employers_loaded(uow_factory: Factory, tmp_path: Path) -> Factory:
    load(uow_factory, RecordKind.EMPLOYERS, write(tmp_path, "employers.csv", EMPLOYERS))
    return uow_factory


def test_a_good_file_is_committed_with_its_provenance(
        uow_factory: Factory, engine: Engine, tmp_path: Path) -> None:
    path = write(tmp_path, "employers.csv", EMPLOYERS)
    summary = load(uow_factory, RecordKind.EMPLOYERS, path, as_of=date(2024, 3, 1))
    assert summary.inserted == {"employers": 3, "ownership_links": 1}
    with engine.connect() as connection:
        row = connection.execute(text(
            "SELECT source_file, source_hash, source_as_of FROM employers "
            "WHERE account_id = '600000001'")).one()
    assert row[0] == "employers.csv"
    assert row[1] == hashlib.sha256(path.read_bytes()).hexdigest()
    assert str(row[2]) == "2024-03-01"
    with uow_factory() as uow:
        assert uow.employers.commonly_owned("600000002") == {"600000001"}
        standing = uow.employers.get("600000003")
    assert standing is not None
    assert (standing.is_in_good_standing, standing.standing_reason) == (False, "premium past due")


def test_reimporting_the_same_file_changes_nothing(
        employers_loaded: Factory, engine: Engine, tmp_path: Path) -> None:
    before = count_rows(engine)
    summary = load(employers_loaded, RecordKind.EMPLOYERS, tmp_path / "employers.csv")
    assert summary.inserted == {}
    assert summary.updated == {}
    assert summary.unchanged == {"employers": 3, "ownership_links": 1}
    assert count_rows(engine) == before


def test_a_changed_row_is_updated_and_audited_once(
        employers_loaded: Factory, tmp_path: Path) -> None:
    changed = EMPLOYERS.replace("Late Payer Inc,4904-00,2018-01-01,no,premium past due,2024-02-01",
                                "Late Payer Inc,4904-00,2018-01-01,yes,,2024-05-01")
    summary = load(employers_loaded, RecordKind.EMPLOYERS, write(tmp_path, "fix.csv", changed))
    assert summary.updated == {"employers": 1}
    with employers_loaded() as uow:
        history = uow.audit.history("employers", "600000003")
    assert [e.action for e in history] == ["insert", "update"]
    update = history[1]
    assert update.actor == "tester"
    assert update.before is not None
    assert update.after is not None
    assert (update.before["is_in_good_standing"], update.after["is_in_good_standing"]) == (
        False, True)
    assert (update.before["version"], update.after["version"]) == (1, 2)
    assert update.after["source_file"] == "fix.csv"


def test_quarterly_reports_accept_quarter_spellings_and_aliases(
        employers_loaded: Factory, tmp_path: Path) -> None:
    load(employers_loaded, RecordKind.REPORTS, write(tmp_path, "reports.csv", REPORTS))
    with employers_loaded() as uow:
        reports = uow.reports.for_accounts(["600000001"], date(2024, 1, 1), date(2024, 12, 31))
    assert [(r.quarter_start, r.hours, r.accident_fund) for r in reports] == [
        (date(2024, 1, 1), Decimal("1000.00"), Decimal("2286.25")),
        (date(2024, 4, 1), Decimal("1200.50"), Decimal("2744.64"))]


def test_a_later_loss_run_adds_valuations_and_keeps_history(
        employers_loaded: Factory, engine: Engine, tmp_path: Path) -> None:
    load(employers_loaded, RecordKind.CLAIMS, write(tmp_path, "lr2023.csv", LOSS_RUN_2023))
    later = write(tmp_path, "lr2024.csv", LOSS_RUN_2024)
    summary = load(employers_loaded, RecordKind.CLAIMS, later)
    assert summary.inserted == {"claim_valuations": 2, "claims": 1}
    with employers_loaded() as uow:
        history = uow.claims.valuations("C1")
        in_2023 = uow.claims.as_of("C1", date(2024, 6, 30))
        in_2025 = uow.claims.as_of("C1", date(2025, 1, 1))
        before_any = uow.claims.as_of("C1", date(2023, 6, 30))
        losses = uow.claims.losses_as_of(["600000001", "600000002"], date(2023, 1, 1),
                                         date(2023, 12, 31), date(2024, 1, 1))
    assert [(v.valuation_date, v.claim_type, v.status) for v in history] == [
        (date(2023, 12, 31), "time_loss", "open"), (date(2024, 12, 31), "ppd", "closed")]
    assert in_2023 is not None
    assert in_2023.valuation.af_reserve == Decimal("5000.00")
    assert in_2025 is not None
    assert in_2025.valuation.af_paid == Decimal("9000.00")
    assert before_any is None
    assert [(c.claim.claim_number, c.valuation.valuation_date) for c in losses] == [
        ("C1", date(2023, 12, 31)), ("C2", date(2023, 12, 31))]


def test_a_loss_run_may_not_rewrite_a_recorded_valuation(
        employers_loaded: Factory, engine: Engine, tmp_path: Path) -> None:
    load(employers_loaded, RecordKind.CLAIMS, write(tmp_path, "lr2023.csv", LOSS_RUN_2023))
    before = count_rows(engine)
    rewritten = LOSS_RUN_2023.replace("1000.00,5000.00", "1000.00,4000.00")
    with pytest.raises(InvalidInput) as caught:
        load(employers_loaded, RecordKind.CLAIMS, write(tmp_path, "again.csv", rewritten))
    assert [d.path for d in caught.value.details] == ["again.csv:2:valuation_date"]
    assert "never rewrites" in caught.value.details[0].message
    assert count_rows(engine) == before


BAD_FILES = {
    "wrong columns": (RecordKind.EMPLOYERS, "bad.csv",
                      "UBI,colour,opened_on\n600000009,red,2020-01-01\n",
                      {"bad.csv:1:colour", "bad.csv:1:legal_name", "bad.csv:1:governing_class",
                       "bad.csv:1:is_in_good_standing", "bad.csv:1:standing_as_of"}),
    "bad dates": (RecordKind.CLAIMS, "bad.csv",
                  LOSS_RUN_2023.replace("2023-03-02", "2023-02-30"),
                  {"bad.csv:2:injury_date"}),
    "negative money": (RecordKind.CLAIMS, "bad.csv",
                       LOSS_RUN_2023.replace("0,0,450.10,0", "0,-5.00,450.10,0"),
                       {"bad.csv:3:af_reserve"}),
    "unknown class": (RecordKind.REPORTS, "bad.csv",
                      REPORTS.replace("2024Q1,0507-00", "2024Q1,9999-99"),
                      {"bad.csv:2:risk_class"}),
    "unknown employer": (RecordKind.CLAIMS, "bad.csv",
                         LOSS_RUN_2023.replace("C2,600000002", "C2,600000099"),
                         {"bad.csv:3:account_id"}),
    "duplicate keys": (RecordKind.EMPLOYERS, "bad.csv",
                       EMPLOYERS + "600000003,Late Payer,4904-00,2018-01-01,no,x,2024-02-01,\n",
                       {"bad.csv:5:account_id"}),
    "a claim whose facts disagree": (
        RecordKind.CLAIMS, "bad.csv",
        LOSS_RUN_2023 + LOSS_RUN_2024.removeprefix(CLAIM_HEADER).replace(",42,", ",13,"),
        {"bad.csv:4:claim_number"}),
    "several problems in one file": (RecordKind.CLAIMS, "bad.csv",
                                     LOSS_RUN_2023.replace("time_loss", "broken_arm")
                                     .replace("450.10", "45.101"),
                                     {"bad.csv:2:claim_type", "bad.csv:3:ma_paid"}),
}


@pytest.mark.parametrize("case", list(BAD_FILES), ids=list(BAD_FILES))
def test_a_bad_file_changes_nothing_and_reports_every_bad_cell(
        case: str, employers_loaded: Factory, engine: Engine, tmp_path: Path) -> None:
    kind, name, content, expected = BAD_FILES[case]
    before = count_rows(engine)
    with pytest.raises(InvalidInput) as caught:
        load(employers_loaded, kind, write(tmp_path, name, content))
    assert {d.path for d in caught.value.details} == expected
    assert count_rows(engine) == before


def test_a_truncated_excel_file_is_refused(
        employers_loaded: Factory, engine: Engine, tmp_path: Path) -> None:
    from retrodesk.adapters.files.records import FileRecords
    from retrodesk.programs.imports import ExportRecords, export_records

    whole = tmp_path / "employers.xlsx"
    export_records(ExportRecords(kind=RecordKind.EMPLOYERS, path=whole), uow=employers_loaded(),
                   files=FileRecords())
    truncated = tmp_path / "truncated.xlsx"
    truncated.write_bytes(whole.read_bytes()[: whole.stat().st_size // 2])
    before = count_rows(engine)
    with pytest.raises(InvalidInput, match=r"truncated\.xlsx: not a readable Excel workbook"):
        load(employers_loaded, RecordKind.EMPLOYERS, truncated)
    assert count_rows(engine) == before


def test_adjustment_results_export_to_excel(uow_factory: Factory, tmp_path: Path) -> None:
    from datetime import UTC, datetime

    import openpyxl

    from retrodesk.adapters.files.records import FileRecords
    from retrodesk.programs.imports import ExportRecords, export_records
    from retrodesk.programs.records import AdjustmentResult, ParticipantKind

    result = AdjustmentResult(
        participant_kind=ParticipantKind.EMPLOYER, participant_id="600000001",
        coverage_start=date(2024, 7, 1), adjustment_number=1, valuation_date=date(2026, 3, 31),
        revision=0, standard_premium=Decimal("80000.00"), retro_premium=Decimal("91234.56"),
        result_kind="assessment", result_amount=Decimal("-11234.56"), provenance="illustrative",
        worksheet=[{"step": "retro_premium", "value": Decimal("91234.56")}],
        rule_versions={"pae": "WSR 23-17-146"},
        computed_at=datetime(2026, 4, 20, 8, 0, tzinfo=UTC))
    with uow_factory() as uow:
        uow.adjustment_results.add(result)
        uow.commit()
    path = tmp_path / "adjustments.xlsx"
    count = export_records(ExportRecords(kind=RecordKind.ADJUSTMENTS, path=path),
                           uow=uow_factory(), files=FileRecords())
    sheet = openpyxl.load_workbook(path, read_only=True).worksheets[0]
    header, row = list(sheet.iter_rows(values_only=True))
    values = dict(zip(header, row, strict=True))
    assert count == 1
    assert (values["participant_id"], values["result_kind"]) == ("600000001", "assessment")
    assert Decimal(str(values["result_amount"])) == Decimal("-11234.56")
    with uow_factory() as uow:
        stored = uow.adjustment_results.for_participant(ParticipantKind.EMPLOYER, "600000001")
    assert stored[0].worksheet == [{"step": "retro_premium", "value": "91234.56"}]
