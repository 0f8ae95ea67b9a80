"""Test database and app fixtures.

The schema is built once per run (per xdist worker) by the Alembic migrations. Each test runs inside an outer
transaction that is rolled back; the app's unit of work commits to savepoints inside it.
Set PORTAL_TEST_DATABASE_URL (e.g. postgresql+psycopg://postgres@127.0.0.1:5432/test) to run on PostgreSQL.
"""

import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

TEST_DIR = Path(tempfile.mkdtemp(prefix="portal-tests-"))
_WORKER = os.environ.get("PYTEST_XDIST_WORKER", "main")


def _test_database_url() -> str:
    base = os.environ.get("PORTAL_TEST_DATABASE_URL")
    if not base:
        return f"sqlite:///{TEST_DIR / f'test-{_WORKER}.db'}"
    # A database of our own beside the one named, so the named one is never dropped.
    return f"{base}_{_WORKER}"


TEST_DATABASE_URL = _test_database_url()
os.environ.update(
    PORTAL_DATABASE_URL=TEST_DATABASE_URL,
    PORTAL_ENVIRONMENT="test",
    PORTAL_SECRET_KEY="test-secret-key-that-is-long-enough-for-tests",
    PORTAL_PASSWORD_TIME_COST="1",
    PORTAL_PASSWORD_MEMORY_KIB="1024",
)

import pytest  # noqa: E402
from fastapi import Request  # noqa: E402
from fastapi.testclient import TestClient  # noqa: E402
from sqlalchemy import Connection, Engine  # noqa: E402
from sqlalchemy.orm import Session  # noqa: E402

from app.kit.db import get_db, make_engine, request_unit_of_work  # noqa: E402
from tests.databases import recreate_database  # noqa: E402


@pytest.fixture(autouse=True)
def default_language() -> Iterator[None]:
    """Every test starts in the default language, whatever an earlier test in the same worker left set: the CLI's
    callback sets English on the runner's thread for good, and pages translated later would follow it."""
    from app.kit.i18n import DEFAULT_LANGUAGE, current_language

    token = current_language.set(DEFAULT_LANGUAGE)
    yield
    current_language.reset(token)


@pytest.fixture(scope="session")
def engine() -> Iterator[Engine]:
    from app.cli import migrate

    recreate_database(TEST_DATABASE_URL)
    migrate.upgrade(TEST_DATABASE_URL)
    engine = make_engine(TEST_DATABASE_URL)
    yield engine
    engine.dispose()


@pytest.fixture
def connection(engine: Engine) -> Iterator[Connection]:
    with engine.connect() as connection:
        outer = connection.begin()
        yield connection
        outer.rollback()


@pytest.fixture
def db(connection: Connection) -> Iterator[Session]:
    session = Session(bind=connection, join_transaction_mode="create_savepoint", expire_on_commit=False)
    yield session
    session.close()


@pytest.fixture
def app(db: Session):  # type: ignore[no-untyped-def]
    from app.main import create_app

    application = create_app()

    def test_db(request: Request) -> Iterator[Session]:
        # What the test set up is committed before a request arrives (to a savepoint inside the outer
        # transaction), and the request starts with an empty identity map, as a fresh session would.
        db.commit()
        db.expunge_all()
        yield from request_unit_of_work(db, request, close=False)

    application.dependency_overrides[get_db] = test_db
    return application


@pytest.fixture
def client(app) -> Iterator[TestClient]:  # type: ignore[no-untyped-def]
    with TestClient(app, base_url="http://testserver", follow_redirects=False) as test_client:
        yield test_client


@pytest.fixture
def make_client(app):  # type: ignore[no-untyped-def]
    """Several independent browsers against the same app and database."""
    clients: list[TestClient] = []

    def factory() -> TestClient:
        c = TestClient(app, base_url="http://testserver", follow_redirects=False)
        clients.append(c)
        return c

    yield factory
    for c in clients:
        c.close()


@pytest.fixture(scope="module")
def one_app_per_module():  # type: ignore[no-untyped-def]
    """Building the application is most of a test's cost; a module that asks for this builds it once, and the
    `app` fixture still binds each test's own rolled-back database session to it."""
    from app import main

    application = main.create_app()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(main, "create_app", lambda: application)
        yield application


def pytest_report_header() -> str:
    return f"portal test database: {TEST_DATABASE_URL.rsplit('@', 1)[-1]}"
