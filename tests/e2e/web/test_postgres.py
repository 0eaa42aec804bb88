"""The same pages and API on PostgreSQL (the production database): JSON payload queries, search,
exports and the scoped reads must behave as on SQLite."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from retrodesk.entrypoints.settings import Settings
from retrodesk.entrypoints.web.app import create_app
from tests.e2e.web.conftest import SECRET, sign_in
from tests.e2e.web.world import build_world
from tests.integration.db.databases import postgres_url  # noqa: F401 - fixture

pytestmark = pytest.mark.postgres


def test_pages_and_api_work_on_postgresql(postgres_url):  # noqa: F811 - the fixture
    app = create_app(Settings(database_url=postgres_url, secret_key=SECRET, environment="test"))
    world = build_world(app.state.services)
    coordinator = sign_in(TestClient(app, base_url="https://testserver"), "coordinator")
    for path in ("/", f"/groups/{world.own['group_id']}", f"/employers/{world.own['account_id']}",
                 f"/notices/{world.own['notice_id']}", "/adjustments?sort=result&desc=true",
                 "/search?q=E2", "/export/notices.csv", "/rulebook",
                 f"/groups/{world.own['group_id']}/projection", "/sanctions?sort=removed_on",
                 "/assessment-orders?sort=amount&desc=true", "/export/assessment_orders.xlsx",
                 f"/sanctions/{world.other['sanction_id']}",
                 f"/assessment-orders/{world.other['order_id']}"):
        assert coordinator.get(path).status_code == 200, path
    owed = coordinator.get(f"/notices/{world.other['owed_notice_id']}").text
    assert 'Still owed: <span id="balance">1,234.56</span>' in owed
    assert world.other["order_id"] in coordinator.get("/export/assessment_orders.csv").text
    sponsor = sign_in(TestClient(app, base_url="https://testserver"), "sponsor")
    assert sponsor.get(f"/groups/{world.other['group_id']}").status_code == 404
    assert "Employer E2 LLC" not in sponsor.get("/search?q=Employer").text
    token = {"Authorization": f"Bearer {world.tokens['sponsor']}"}
    listed = TestClient(app).get("/api/v1/lists/notices", headers=token).json()
    assert {item["participant"] for item in listed["items"]} == {"G1"}
    for name in ("sanctions", "assessment_orders"):       # the other side's, out of scope
        assert TestClient(app).get(f"/api/v1/lists/{name}", headers=token).json()["total"] == 0
    app.state.services.engine.dispose()
