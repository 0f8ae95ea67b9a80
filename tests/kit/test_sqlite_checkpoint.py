"""The served app's WAL checkpoints: out of the requests' commits, into a thread of their own."""

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine

from app.kit.db import make_engine
from app.kit.sqlite_checkpoint import Checkpointer, background_checkpoints


@pytest.fixture
def database(tmp_path: Path) -> Path:
    return tmp_path / "wal.db"


@pytest.fixture
def sqlite_engine(database: Path) -> Iterator[Engine]:
    engine = make_engine(f"sqlite:///{database}")
    with engine.begin() as connection:
        connection.exec_driver_sql("CREATE TABLE t (id INTEGER PRIMARY KEY, body TEXT)")
    yield engine
    engine.dispose()


def autocheckpoint(engine: Engine) -> int:
    with engine.connect() as connection:
        return int(connection.exec_driver_sql("PRAGMA wal_autocheckpoint").scalar_one())


def write_pages(engine: Engine, rows: int) -> None:
    with engine.begin() as connection:
        connection.exec_driver_sql("INSERT INTO t (body) VALUES (?)", [("x" * 4000,)] * rows)


def test_connections_checkpoint_in_their_commits_by_default(sqlite_engine: Engine) -> None:
    assert not background_checkpoints()
    assert autocheckpoint(sqlite_engine) == 1000


def folded_in_pages(database: Path) -> int:
    """Pages in the database file itself: written there by checkpoints only, while the rest waits in the log."""
    return database.stat().st_size // 4096


def test_the_thread_takes_the_checkpoints_over_and_gives_them_back(
    sqlite_engine: Engine, database: Path
) -> None:
    checkpointer = Checkpointer(sqlite_engine, interval=3600)  # checkpoints only when asked, for the test
    checkpointer.start()
    try:
        assert background_checkpoints()
        assert autocheckpoint(sqlite_engine) == 0
        # Well past the automatic threshold of 1,000 pages: no commit folds the log in any more.
        write_pages(sqlite_engine, 1500)
        write_pages(sqlite_engine, 10)
        assert folded_in_pages(database) < 100
        busy, frames, done = checkpointer.checkpoint()
        assert busy == 0 and done == frames > 1500
        assert folded_in_pages(database) > 1500
    finally:
        checkpointer.stop()
    assert not background_checkpoints()
    assert autocheckpoint(sqlite_engine) == 1000


def test_without_the_thread_a_commit_checkpoints(sqlite_engine: Engine, database: Path) -> None:
    write_pages(sqlite_engine, 1500)
    write_pages(sqlite_engine, 10)
    assert folded_in_pages(database) > 1500


def test_the_thread_checkpoints_on_its_own(sqlite_engine: Engine, database: Path) -> None:
    checkpointer = Checkpointer(sqlite_engine, interval=0.01)
    checkpointer.start()
    try:
        write_pages(sqlite_engine, 50)
        for _ in range(500):
            if folded_in_pages(database) > 50:
                break
            time.sleep(0.01)
        assert folded_in_pages(database) > 50
    finally:
        checkpointer.stop()


def test_the_served_app_runs_the_thread_on_sqlite() -> None:
    from fastapi.testclient import TestClient

    from app.config import get_settings
    from app.main import create_served_app

    with TestClient(create_served_app()) as client:
        assert client.get("/healthz").status_code == 200
        assert background_checkpoints() is get_settings().is_sqlite
    assert not background_checkpoints()
