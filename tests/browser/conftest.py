"""A live server on 127.0.0.1 (the small book of tests/e2e/web/world.py) and headless Chromium.

Browser tests skip when /usr/bin/chromium is missing, unless RETRODESK_REQUIRE_BROWSER=1, which
makes them fail instead (CI installs Chromium). Screenshots go to test-artifacts/browser/.
"""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import uvicorn

from retrodesk.adapters.db.migrate import seed_risk_classes
from retrodesk.adapters.db.tables import Base
from retrodesk.entrypoints.settings import Settings
from retrodesk.entrypoints.web.app import create_app
from tests.e2e.web.world import NOW, World, build_world

CHROMIUM = Path("/usr/bin/chromium")
SECRET = "browser-test-secret-0123456789abcdef"  # noqa: S105 - a test key
ARTIFACTS = Path(__file__).parents[2] / "test-artifacts" / "browser"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run", "--disable-sync"]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="session")
def live_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, World]]:
    database = tmp_path_factory.mktemp("live") / "live.db"
    settings = Settings(database_url=f"sqlite:///{database}", secret_key=SECRET, environment="test")
    app = create_app(settings)
    services = app.state.services
    Base.metadata.create_all(services.engine)
    seed_risk_classes(services.engine, actor="test-setup", now=NOW)
    world = build_world(services)
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert time.monotonic() < deadline, "the live server did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}", world
    server.should_exit = True
    thread.join(timeout=10)
    services.engine.dispose()


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    if not CHROMIUM.exists():
        if os.environ.get("RETRODESK_REQUIRE_BROWSER") == "1":
            pytest.fail("RETRODESK_REQUIRE_BROWSER=1 but /usr/bin/chromium is missing")
        pytest.skip("Chromium is not installed at /usr/bin/chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, request: pytest.FixtureRequest) -> Iterator[object]:
    context = browser.new_context(viewport={"width": 1366, "height": 800})
    tab = context.new_page()
    tab.set_default_timeout(15_000)
    yield tab
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    tab.screenshot(path=str(ARTIFACTS / f"{request.node.name}-final.png"), full_page=True)
    context.close()


def shot(page, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
