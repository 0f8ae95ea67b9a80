"""SQLite: an external-content FTS5 table over catalogue_search_item (created by the migration)."""

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from itertools import chain
from typing import Any

from sqlalchemy.orm import Session

from app.catalogue.search.backend import (
    ROW_COLUMNS,
    candidate_sql,
    delete_version_rows,
    item_query,
    page_sql,
    to_candidates,
)
from app.catalogue.search.expr import Expr, to_fts5
from app.catalogue.search.scope import Filters, Scope
from app.catalogue.search.types import Candidate, Sort
from app.catalogue.search.vocabulary import vocabulary

# Straight from the full-text index to the item: the FTS5 rowid is the item id.
_CANDIDATES_FROM = "catalogue_search_fts JOIN catalogue_item i ON i.id = catalogue_search_fts.rowid"
_ITEMS = item_query("?", as_bytes=True)
_BULK_CACHE_KIB = 128 * 1024
# A hundred rows per INSERT statement bind faster than executemany's row-at-a-time loop.
_ROWS_PER_INSERT = 100
_ROW = f"({', '.join('?' for _ in ROW_COLUMNS)})"
_INSERT = f"INSERT INTO catalogue_search_item ({', '.join(ROW_COLUMNS)}) VALUES "
_TERMS = "name_terms, part_terms, body_terms, tag_terms"
# One set-based statement in rowid order, which is how FTS5 builds its segments fastest: it flushes its pending
# terms at the end of every statement, so one statement makes fewer, larger segments than one per batch.
_FILL_FTS = (f"INSERT INTO catalogue_search_fts(rowid, {_TERMS}) SELECT item_id, {_TERMS} "
             "FROM catalogue_search_item WHERE item_id BETWEEN ? AND ? AND version_id = ? ORDER BY item_id")


class SqliteBackend:
    def candidates(self, session: Session, expr: Expr, filters: Filters, limit: int) -> list[Candidate]:
        if "sqlite" not in filters.memo:
            # `+ 0`: the version is a filter, never the way in. Through catalogue_item's (version, item number)
            # index the planner would walk every item of the version and probe the full-text index for each.
            filters.memo["sqlite"] = candidate_sql(_CANDIDATES_FROM, "catalogue_search_fts MATCH ?",
                                                   "i.version_id + 0", "?", "REAL", filters)
        sql, parameters = filters.memo["sqlite"]
        raw = session.connection().connection.dbapi_connection
        assert raw is not None
        return to_candidates(raw.execute(sql, [to_fts5(expr), *parameters, limit]).fetchall())

    def ordered_ids(self, session: Session, expr: Expr, filters: Filters, sort: Sort, limit: int,
                    offset: int) -> list[int]:
        sql, parameters = page_sql(_CANDIDATES_FROM, "catalogue_search_fts MATCH ?", "i.version_id + 0", "?",
                                   filters, sort)
        raw = session.connection().connection.dbapi_connection
        assert raw is not None
        return [row[0] for row in raw.execute(sql, [to_fts5(expr), *parameters, limit, offset])]

    def read_items(self, session: Session, version_id: int, after: int, limit: int) -> list[tuple[Any, ...]]:
        raw = session.connection().connection.dbapi_connection
        assert raw is not None
        return raw.execute(_ITEMS, (after, version_id, limit)).fetchall()

    @contextmanager
    def bulk(self, session: Session) -> Iterator[None]:
        # A larger page cache for the run: the GTIN index and the FTS5 segments are written in random order.
        connection = session.connection()
        previous = connection.exec_driver_sql("PRAGMA cache_size").scalar()
        connection.exec_driver_sql(f"PRAGMA cache_size = -{_BULK_CACHE_KIB}")
        try:
            yield
        finally:
            connection.exec_driver_sql(f"PRAGMA cache_size = {int(previous or -2000)}")

    def write_rows(self, session: Session, rows: Sequence[tuple[Any, ...]]) -> None:
        # The raw DB-API connection, in the session's own transaction: no per-row SQLAlchemy work.
        raw = session.connection().connection.dbapi_connection
        assert raw is not None
        whole = len(rows) - len(rows) % _ROWS_PER_INSERT
        many = _INSERT + ", ".join([_ROW] * _ROWS_PER_INSERT)
        for start in range(0, whole, _ROWS_PER_INSERT):
            raw.execute(many, tuple(chain.from_iterable(rows[start:start + _ROWS_PER_INSERT])))
        if whole < len(rows):
            raw.executemany(_INSERT + _ROW, rows[whole:])

    def finish_version(self, session: Session, version_id: int, low: int, high: int) -> None:
        session.connection().exec_driver_sql(_FILL_FTS, (low, high, version_id))

    def remove_version(self, session: Session, version_id: int) -> int:
        # The delete trigger takes each row out of the FTS5 index with the terms it was indexed with.
        return session.execute(delete_version_rows(version_id)).rowcount

    def words_containing(self, session: Session, fragment: str, scope: Scope, limit: int) -> list[str]:
        return vocabulary(session, scope).containing(fragment, scope.visible.keys(), limit)
