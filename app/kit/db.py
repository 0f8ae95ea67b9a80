"""Engine, session factory and the request's unit of work.

Services never commit: the `get_db` dependency commits once when the route returns and rolls back on any error.
"""

import sqlite3
from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

from fastapi import Request
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

from app.config import get_settings
from app.kit.sqlite_checkpoint import background_checkpoints


def make_engine(url: str) -> Engine:
    if url.startswith("sqlite"):
        path = url.split("///", 1)[-1]
        if path and path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30})
        _configure_sqlite(engine)
        return engine
    return create_engine(url, pool_pre_ping=True, pool_size=10, max_overflow=20)


def _register_sqlite_adapters() -> None:
    # Bulk paths hand Decimals and dates straight to the driver (the ORM converts its own). Decimals go in as text,
    # so no float rounding happens on the way; dates as ISO text, the form SQLAlchemy's Date type reads back.
    sqlite3.register_adapter(Decimal, str)
    sqlite3.register_adapter(date, date.isoformat)


_register_sqlite_adapters()


def _configure_sqlite(engine: Engine) -> None:
    # pysqlite's own transaction handling breaks SAVEPOINT; take BEGIN into our hands
    # (SQLAlchemy docs, "Serializable isolation / Savepoints / Transactional DDL" for pysqlite).
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):  # type: ignore[no-untyped-def]
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA busy_timeout=30000")
        if background_checkpoints():
            cursor.execute("PRAGMA wal_autocheckpoint=0")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn):  # type: ignore[no-untyped-def]
        conn.exec_driver_sql("BEGIN")


@lru_cache
def get_engine() -> Engine:
    return make_engine(get_settings().database_url)


@lru_cache
def get_sessionmaker() -> sessionmaker[Session]:
    return sessionmaker(bind=get_engine(), expire_on_commit=False, autoflush=True)


def get_db(request: Request) -> Iterator[Session]:
    yield from request_unit_of_work(get_sessionmaker()(), request)


def request_unit_of_work(session: Session, request: Request, *, close: bool = True) -> Iterator[Session]:
    """One unit of work per request: commit when the route returned; roll back when it raised, or when it answered
    with an error it caught itself (a form shown again with its errors marks the request `rollback_only`)."""
    try:
        yield session
        if getattr(request.state, "rollback_only", False):
            session.rollback()
        else:
            session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        if close:
            session.close()


def unit_of_work() -> Session:
    """A session for CLI commands and jobs; use as `with unit_of_work() as s, s.begin(): ...`."""
    return get_sessionmaker()()
