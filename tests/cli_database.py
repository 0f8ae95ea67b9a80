"""A database of its own for tests of the `portal` command line: the commands commit, unlike the request tests,
so they cannot run inside the rolled-back transaction the other tests share."""

import os
from collections.abc import Iterator

import pytest

from app.config import get_settings
from app.kit import db as kit_db
from tests.conftest import TEST_DIR
from tests.databases import recreate_database


def _clear_caches() -> None:
    for cached in (get_settings, kit_db.get_engine, kit_db.get_sessionmaker):
        cached.cache_clear()


def cli_database(monkeypatch: pytest.MonkeyPatch, name: str) -> Iterator[str]:
    """Create the database `name` (per xdist worker), point the settings at it, and yield its URL."""
    base = os.environ.get("PORTAL_TEST_DATABASE_URL")
    worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
    url = f"{base}_{name}_{worker}" if base else f"sqlite:///{TEST_DIR / f'{name}-{worker}.db'}"
    recreate_database(url)
    monkeypatch.setenv("PORTAL_DATABASE_URL", url)
    _clear_caches()
    yield url
    kit_db.get_engine().dispose()
    monkeypatch.undo()
    _clear_caches()
