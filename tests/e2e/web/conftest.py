"""A web app on a fresh SQLite file holding the small book of `world.py`; signed-in clients."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from retrodesk.adapters.db.migrate import seed_risk_classes
from retrodesk.adapters.db.tables import Base
from retrodesk.entrypoints.settings import Settings
from retrodesk.entrypoints.web.app import create_app
from tests.e2e.web.world import NOW, PASSWORD, World, build_world

SECRET = "test-secret-key-0123456789abcdef0123456789"  # noqa: S105 - a test key


def _settings(path: Path) -> Settings:
    return Settings(database_url=f"sqlite:///{path}", secret_key=SECRET, environment="test")


@pytest.fixture(scope="session")
def world_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[FastAPI, World]]:
    app = create_app(_settings(tmp_path_factory.mktemp("web") / "web.db"))
    services = app.state.services
    # The schema from the models (the migrations are tested against it in tests/integration/db).
    Base.metadata.create_all(services.engine)
    seed_risk_classes(services.engine, actor="test-setup", now=NOW)
    world = build_world(services)
    yield app, world
    services.engine.dispose()


@pytest.fixture
def app(world_app: tuple[FastAPI, World]) -> FastAPI:
    return world_app[0]


@pytest.fixture
def world(world_app: tuple[FastAPI, World]) -> World:
    return world_app[1]


def csrf_of(html: str) -> str:
    found = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert found, "every form carries a CSRF token"
    return found.group(1)


def sign_in(client: TestClient, username: str, password: str = PASSWORD) -> TestClient:
    token = csrf_of(client.get("/login").text)
    response = client.post("/login", data={"username": username, "password": password,
                                           "csrf_token": token}, follow_redirects=False)
    assert response.status_code == 303, response.text
    return client


@pytest.fixture
def client_for(app: FastAPI) -> Callable[[str], TestClient]:
    """A browser-like client (cookies over https) signed in as the user of a role."""
    def make(role: str) -> TestClient:
        return sign_in(TestClient(app, base_url="https://testserver"), role)
    return make


@pytest.fixture
def anonymous(app: FastAPI) -> TestClient:
    return TestClient(app, base_url="https://testserver")
