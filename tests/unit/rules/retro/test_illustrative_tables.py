"""The illustrative tables: reproducible from the generator and shaped as the Table M model says."""

import importlib.util
import itertools
import math
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from retrodesk.rules.retro.book import Basis, Family, Kind
from retrodesk.rules.retro.catalog import load_retro_rulebook, packaged_data
from retrodesk.rules.retro.insurance import LazyInsuranceRows, format_insurance_csv

SCRIPT = Path(__file__).parents[4] / "scripts" / "generate_illustrative_retro.py"
LIMITS = [
    Decimal(v)
    for v in (
        "120000",
        "160000",
        "250000",
        "275000",
        "380000",
        "500000",
        "550000",
        "800000",
        "1000000",
    )
]


@pytest.fixture(scope="module")
def generator():
    spec = importlib.util.spec_from_file_location("generate_illustrative_retro", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def rows():
    found = load_retro_rulebook().insurance_tables.at(date(2024, 1, 1)).value.rows
    return {key: dict(row) for key, row in found.items()}


def test_generator_reproduces_every_packaged_file(generator):
    files = generator.build_files()
    assert len(files) == 14
    for name, text in files.items():
        packaged = packaged_data().joinpath(*name.split("/")).read_text(encoding="utf-8")
        assert packaged == text, f"{name} differs: rerun scripts/generate_illustrative_retro.py"


def test_closed_forms_satisfy_charge_minus_savings_equals_one_minus_entry(generator):
    for s, entry in itertools.product((0.1, 0.8, 2.0), (0.3, 1.0, 2.5)):
        assert math.isclose(
            generator.charge(entry, s) - generator.savings(entry, s), 1 - entry, abs_tol=1e-12
        )
    assert generator.charge(0.0, 0.5) == 1.0
    assert generator.savings(0.0, 0.5) == 0.0


def test_charge_never_rises_and_savings_never_fall_along_the_loss_ratio(rows):
    for key, row in rows.items():
        values = [row[r] for r in sorted(row)]
        pairs = list(itertools.pairwise(values))
        if key[3] is Kind.CHARGE:
            assert all(after <= before for before, after in pairs), key
        else:
            assert all(after >= before for before, after in pairs), key
        assert all(v >= 0 for v in values), key


def test_loss_basis_k_stays_below_one(rows):
    for key, row in rows.items():
        hg, basis, family, kind, size_group, limit = key
        if basis is Basis.LOSS and kind is Kind.CHARGE:
            savings = rows[(hg, basis, family, Kind.SAVINGS, size_group, limit)]
            assert max(row.values()) - min(savings.values()) < 1, key


def _at(rows, hg, sg, limit, kind=Kind.CHARGE, basis=Basis.PREMIUM):
    family = Family.UNLIMITED if limit is None else Family.LIMITED
    ratio = Decimal("1.00") if kind is Kind.CHARGE else Decimal("0.50")
    return rows[(hg, basis, family, kind, sg, limit)][ratio]


@pytest.mark.parametrize("kind", list(Kind))
def test_spread_shrinks_with_size_grows_with_hazard_and_shrinks_with_a_lower_limit(rows, kind):
    for hg, limit in itertools.product((1, 5, 9), (None, LIMITS[2])):
        by_size = [_at(rows, hg, sg, limit, kind) for sg in range(1, 26)]
        assert all(b <= a for a, b in itertools.pairwise(by_size))
        assert by_size[0] > by_size[12]
    for sg, limit in itertools.product((1, 10, 16), (None, LIMITS[0], LIMITS[-1])):
        by_hazard = [_at(rows, hg, sg, limit, kind) for hg in range(1, 10)]
        assert all(b >= a for a, b in itertools.pairwise(by_hazard))
        assert by_hazard[-1] > by_hazard[0]
    for hg, sg in itertools.product((2, 8), (3, 12)):
        by_limit = [_at(rows, hg, sg, limit, kind) for limit in [*LIMITS, None]]
        assert all(b >= a for a, b in itertools.pairwise(by_limit))
        assert by_limit[-1] > by_limit[0]


def test_insurance_tables_read_only_the_hazard_group_asked_for():
    asked: list[int] = []
    key = (3, Basis.PREMIUM, Family.UNLIMITED, Kind.CHARGE, 2, None)
    text = format_insurance_csv(
        {key: ((Decimal("0.40"), Decimal("0.5")), (Decimal("0.45"), Decimal("0.4")))}
    )

    def read(hg: int) -> str | None:
        asked.append(hg)
        return text if hg == 3 else None

    lazy = LazyInsuranceRows(read)
    assert lazy[key] == ((Decimal("0.40"), Decimal("0.5")), (Decimal("0.45"), Decimal("0.4")))
    assert lazy[key] is lazy[key]
    assert asked == [3]
    assert (4, *key[1:]) not in lazy
    assert asked == [3, 4]
    assert len(lazy) == 1
