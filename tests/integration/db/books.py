"""Small record files and books for the storage tests."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from retrodesk.adapters.db.uow import SqlUnitOfWork
from retrodesk.adapters.files.records import FileRecords
from retrodesk.programs.imports import ImportRecords, import_records
from retrodesk.programs.ports import LoadSummary
from retrodesk.programs.records import RecordKind

EMPLOYERS = ("UBI,Legal Name,Governing Class,opened_on,good_standing,standing_reason,"
             "standing_as_of,commonly_owned_with\n") + """\
600-000-001,Acme Roofing LLC,0507-00,2015-01-01,yes,,2024-01-01,600000002
600000002,Acme Framing LLC,0510-00,2016-03-01,yes,,2024-01-01,
600000003,Late Payer Inc,4904-00,2018-01-01,no,premium past due,2024-02-01,
"""
CLAIM_HEADER = ("claim_number,account_id,risk_class,injury_kind,injury_date,received_date,"
                "occurrence,is_fatal,is_public_health_emergency,body_part_code,nature_code,"
                "cause_code,valuation_date,claim_type,status,af_paid,af_reserve,ma_paid,ma_reserve\n")
LOSS_RUN_2023 = CLAIM_HEADER + """\
C1,600000001,0507-00,injury,2023-03-02,2023-03-05,E1,false,false,42,10,71,2023-12-31,time_loss,open,1000.00,5000.00,2000.00,1000.00
C2,600000002,0510-00,injury,2023-05-02,2023-05-05,,false,false,,,,2023-12-31,medical_only,closed,0,0,450.10,0
"""
LOSS_RUN_2024 = CLAIM_HEADER + """\
C1,600000001,0507-00,injury,2023-03-02,2023-03-05,E1,false,false,42,10,71,2024-12-31,ppd,closed,9000.00,0.00,3100.00,0.00
C3,600000001,0507-00,occupational_disease,2024-01-15,2024-06-01,,false,false,31,02,62,2024-12-31,medical_only,open,0,0,300.00,700.00
"""
REPORTS = """\
account_id,quarter,class,hours,af,ma,saw,sp
600000001,2024Q1,0507-00,1000,2286.25,1401.25,29.50,91.00
600000001,2024-04-01,0507-00,1200.5,2744.64,1682.20,35.41,109.25
"""


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def load(factory: Callable[[], SqlUnitOfWork], kind: RecordKind, path: Path,
         as_of: date | None = None) -> LoadSummary:
    return import_records(ImportRecords(kind=kind, path=path, as_of=as_of), uow=factory(),
                          files=FileRecords())
