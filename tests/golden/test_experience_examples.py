"""Experience and premium worked examples of experience.md §13, through the API and the CLI.

Each case file under cases/experience/ and cases/premium/ holds its citation, the case (the public
JSON contract) and the expected figures, compared exactly as the contract's strings and as Decimal.
"""

import json
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from retrodesk.rating import experience, premium

HERE = Path(__file__).parent / "cases"
EXPERIENCE = sorted((HERE / "experience").glob("*.json"))
PREMIUM = sorted((HERE / "premium").glob("*.json"))
RETRODESK = Path(sys.executable).with_name("retrodesk")


def load(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def same(got: object, want: object, where: str) -> None:
    assert got == want, f"{where}: {got!r} != {want!r}"
    if isinstance(want, str) and want[:1].isdigit():
        assert Decimal(str(got)) == Decimal(want), where


def assert_matches(actual: dict, expected: dict, source: str) -> None:
    """Every expected field equals the result's; rows of claims, exposure and classes by key."""
    keyed = {
        "claims": lambda item: item["id"],
        "exposure": lambda item: f"{item['risk_class']} {item['fiscal_year']}",
        "classes": lambda item: item["risk_class"],
    }
    for key, want in expected.items():
        if key in keyed:
            rows = {keyed[key](item): item for item in actual[key]}
            for row_key, figures in want.items():
                for name, value in figures.items():
                    same(rows[row_key][name], value, f"{key}[{row_key}].{name} ({source})")
        else:
            same(actual[key], want, f"{key} ({source})")


@pytest.mark.parametrize("path", EXPERIENCE, ids=lambda p: p.stem)
def test_experience_example_reproduces_through_the_api(path: Path) -> None:
    doc = load(path)
    result = experience.calculate(experience.parse_case(doc["case"]))
    assert_matches(result.as_dict(), doc["expected"], doc["source"])


@pytest.mark.parametrize("path", PREMIUM, ids=lambda p: p.stem)
def test_premium_example_reproduces_through_the_api(path: Path) -> None:
    doc = load(path)
    result = premium.calculate(premium.parse_case(doc["case"]))
    assert_matches(result.as_dict(), doc["expected"], doc["source"])


@pytest.mark.parametrize(("kind", "paths"), [("experience", EXPERIENCE), ("premium", PREMIUM)])
def test_every_example_reproduces_through_the_cli_as_one_list_on_stdin(
    kind: str,
    paths: list[Path],
) -> None:
    docs = [load(p) for p in paths]
    done = subprocess.run(
        [str(RETRODESK), "calc", kind, "-"],
        input=json.dumps([d["case"] for d in docs]),
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    results = json.loads(done.stdout)
    assert len(results) == len(docs)
    for doc, result in zip(docs, results, strict=True):
        assert_matches(result, doc["expected"], doc["source"])


def test_the_2014_claim_free_example_in_typed_values() -> None:
    """§13.6: computed 0.7647, capped at the Table IV maximum 0.7000, inside the limitation."""
    doc = load(HERE / "experience" / "claim_free_2014.json")
    rating = experience.calculate(experience.parse_case(doc["case"])).rating
    assert rating.computed == Decimal("0.7647")
    assert rating.capped == rating.factor == Decimal("0.7000")
    assert (rating.limited.low, rating.limited.high) == (Decimal("0.6750"), Decimal("1.1250"))
    assert rating.credible is not None
    assert rating.credible.total == Decimal("21916.8972")


def test_the_2013_split_reaches_the_maximum_claim_value_exactly() -> None:
    doc = load(HERE / "experience" / "split_2013_seven_claims.json")
    result = experience.calculate(experience.parse_case(doc["case"]))
    pension = next(c for c in result.rating.claims if c.claim.id == "TPD2000000")
    assert pension.adjusted == Decimal(266241)
    assert pension.primary + pension.excess == pension.adjusted
    assert result.rating.reason == "no experience in the period"
