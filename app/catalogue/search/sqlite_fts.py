"""SQLite: an external-content FTS5 table over catalogue_search_item (created by the migration)."""

from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from sqlalchemy.orm import Session

from app.catalogue.search.backend import (
    SCRATCH_COLUMNS,
    SCRATCH_DDL,
    SCRATCH_KEYS,
    SCRATCH_LABELS,
    SCRATCH_TEXT,
    candidate_sql,
    delete_version_rows,
    fan_out_sql,
    odd_identifiers,
    odd_sql,
    page_sql,
    scan_sql,
    to_candidates,
)
from app.catalogue.search.expr import Expr, to_fts5
from app.catalogue.search.scope import Filters, Scope
from app.catalogue.search.types import Candidate, Sort
from app.catalogue.search.vocabulary import vocabulary

# Straight from the full-text index to the item: the FTS5 rowid is the item id.
_CANDIDATES_FROM = "catalogue_search_fts JOIN catalogue_item i ON i.id = catalogue_search_fts.rowid"
_BULK_CACHE_KIB = 128 * 1024
# Texts read undecoded: most repeat, and a repeated byte string counts as fast as a decoded one. GLOB ranges
# compare code points, and two ranges test a character several times faster than a list of 36 characters.
_SCAN = scan_sql("?", "CAST({} AS BLOB)", "+version_id")
_ODD = odd_sql("?", odd_identifiers("{column} GLOB '*[^{chars}]*'", "0-9A-Z", "0-9"), "+version_id")
# `+version_id`, and the items as the outer loop (CROSS JOIN): a scan of the version's id range, each item then
# finding its text, labels and keys in the small scratch tables' indexes.
_FAN_OUT = fan_out_sql(mark="?", gtin14="substr('00000000000000' || {gtin}, -14)", join="CROSS JOIN",
                       version="+i.version_id", order="ORDER BY i.id", cast=False)
_SCRATCH_INDEXES = (
    f"CREATE INDEX temp.{SCRATCH_TEXT}_key ON {SCRATCH_TEXT} (name, description, brand, manufacturer)",
    f"CREATE INDEX temp.{SCRATCH_LABELS}_key ON {SCRATCH_LABELS} (labels)",
)
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

    def text_counts(self, session: Session, version_id: int, low: int, high: int) -> Iterable[tuple[Any, int]]:
        # Counted in Python as the rows stream by (Counter's loop is C): GROUP BY would sort them all first.
        raw = session.connection().connection.dbapi_connection
        assert raw is not None
        return Counter(raw.execute(_SCAN, (low, high, version_id))).items()

    def odd_ids(self, session: Session, version_id: int, low: int, high: int) -> list[int]:
        raw = session.connection().connection.dbapi_connection
        assert raw is not None
        return [item_id for (item_id,) in raw.execute(_ODD, (low, high, version_id))]

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

    def create_scratch(self, session: Session) -> None:
        self.drop_scratch(session)
        for statement in (*SCRATCH_DDL, *_SCRATCH_INDEXES):
            session.connection().exec_driver_sql(statement)

    def write_scratch(self, session: Session, table: str, rows: Sequence[tuple[Any, ...]]) -> None:
        raw = session.connection().connection.dbapi_connection
        assert raw is not None
        columns = SCRATCH_COLUMNS[table]
        raw.executemany(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' for _ in columns)})",
                        rows)

    def fan_out(self, session: Session, version_id: int, agreement_id: int, low: int, high: int) -> int:
        raw = session.connection().connection.dbapi_connection
        assert raw is not None
        return raw.execute(_FAN_OUT, (agreement_id, f"zv{version_id} zp", low, high, version_id)).rowcount

    def drop_scratch(self, session: Session) -> None:
        for table in (SCRATCH_TEXT, SCRATCH_LABELS, SCRATCH_KEYS):
            session.connection().exec_driver_sql(f"DROP TABLE IF EXISTS temp.{table}")

    def finish_version(self, session: Session, version_id: int, low: int, high: int) -> None:
        session.connection().exec_driver_sql(_FILL_FTS, (low, high, version_id))

    def remove_version(self, session: Session, version_id: int) -> int:
        # The delete trigger takes each row out of the FTS5 index with the terms it was indexed with.
        return session.execute(delete_version_rows(version_id)).rowcount

    def words_containing(self, session: Session, fragment: str, scope: Scope, limit: int) -> list[str]:
        return vocabulary(session, scope).containing(fragment, scope.visible.keys(), limit)
