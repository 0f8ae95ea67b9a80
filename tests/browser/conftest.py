"""A real server on a free port with the demo municipality, and Debian's Chromium driven by Playwright."""

import os
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.config import get_settings
from app.kit import db as kit_db
from tests.conftest import TEST_DIR
from tests.databases import recreate_database

CHROMIUM = Path(os.environ.get("PORTAL_CHROMIUM", "/usr/bin/chromium"))


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _clear_caches() -> None:
    for cached in (get_settings, kit_db.get_engine, kit_db.get_sessionmaker):
        cached.cache_clear()


@pytest.fixture(scope="session")
def live_server() -> Iterator[str]:
    import uvicorn

    from app.cli import migrate
    from app.demo.seed import seed_demo
    from app.demo_supplier.server import serve_in_background
    from app.main import create_app

    base = os.environ.get("PORTAL_TEST_DATABASE_URL")
    worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
    url = f"{base}_browser_{worker}" if base else f"sqlite:///{TEST_DIR / f'browser-{worker}.db'}"
    recreate_database(url)
    port, supplier_port = _free_port(), _free_port()
    # The portal names itself in punch-out return URLs, and the demo connections point at the supplier's port.
    overrides = {
        "PORTAL_DATABASE_URL": url,
        "PORTAL_BASE_URL": f"http://127.0.0.1:{port}",
        "PORTAL_DEMO_SUPPLIER_PORT": str(supplier_port),
    }
    previous = {name: os.environ.get(name) for name in overrides}
    os.environ.update(overrides)
    _clear_caches()
    migrate.upgrade(url)
    with kit_db.unit_of_work() as session, session.begin():
        seed_demo(session)

    supplier = serve_in_background("127.0.0.1", supplier_port)
    server = uvicorn.Server(uvicorn.Config(create_app(), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        supplier.stop()
        kit_db.get_engine().dispose()
        for name, value in previous.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
        _clear_caches()


@pytest.fixture(scope="session")
def browser():  # type: ignore[no-untyped-def]
    if not CHROMIUM.exists():
        pytest.skip(f"Chromium not installed at {CHROMIUM} (apt-get install -y chromium)")
    playwright_api = pytest.importorskip("playwright.sync_api")
    with playwright_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--no-first-run",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):  # type: ignore[no-untyped-def]
    context = browser.new_context(base_url=live_server, locale="da-DK")
    page = context.new_page()
    page.set_default_timeout(10000)
    yield page
    context.close()
