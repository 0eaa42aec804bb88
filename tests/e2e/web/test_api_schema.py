"""The JSON API against its own OpenAPI description: generated requests find no server error.

Bounded: a few examples per operation, so the default run stays quick.
"""

from __future__ import annotations

import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error

OPENAPI = "/api/v1/openapi.json"


def _operations(app):
    return [result.ok() for result in schemathesis.openapi.from_asgi(OPENAPI, app)
            .get_all_operations()]


def test_no_generated_request_makes_a_server_error(app, world):
    operations = _operations(app)
    assert len(operations) >= 6
    headers = [{"Authorization": f"Bearer {world.tokens[role]}"}
               for role in ("coordinator", "sponsor")]
    statuses: list[int] = []

    for operation in operations:
        @given(case=operation.as_strategy())
        @settings(max_examples=15, deadline=None, derandomize=True, database=None,
                  suppress_health_check=list(HealthCheck))
        def call(case: schemathesis.Case) -> None:
            for header in headers:
                response = case.call(headers=header)
                statuses.append(response.status_code)
                case.validate_response(response, checks=[not_a_server_error])

        call()
    assert len(statuses) > 4 * len(operations)
    assert {200, 422} <= set(statuses)


def test_the_openapi_description_names_the_contract_routes(anonymous):
    description = anonymous.get(OPENAPI).json()
    assert "/api/v1/calc/{kind}" in description["paths"]
    assert "422" in description["paths"]["/api/v1/calc/{kind}"]["post"]["responses"]
