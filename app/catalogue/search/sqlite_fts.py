"""SQLite: an external-content FTS5 table over catalogue_search_item (created by the migration)."""

from collections.abc import Sequence
from typing import Any

from sqlalchemy import column, delete, select, table, text
from sqlalchemy.orm import Session

from app.catalogue.search.backend import (
    CANDIDATE_COLUMNS,
    ITEM_COLUMNS,
    ROW_COLUMNS,
    S,
    sort_columns,
    to_candidates,
)
from app.catalogue.search.expr import Expr, to_fts5
from app.catalogue.search.scope import Filters, Scope
from app.catalogue.search.types import Candidate, Sort
from app.catalogue.search.vocabulary import vocabulary
from app.models import CatalogueItem

_FTS = table("catalogue_search_fts", column("rowid"))
_INSERT = (f"INSERT INTO catalogue_search_item ({', '.join(ROW_COLUMNS)}) "
           f"VALUES ({', '.join('?' for _ in ROW_COLUMNS)})")
# `+version_id` keeps the planner on the rowid range instead of the (version, item number) index, which would
# sort the whole version for every batch.
_ITEMS = (f"SELECT {', '.join(ITEM_COLUMNS)} FROM catalogue_item WHERE id > ? AND +version_id = ? "
          "ORDER BY id LIMIT ?")
_TERMS = "name_terms, part_terms, body_terms, tag_terms"
# One set-based insert in rowid order, which is how FTS5 builds its segments fastest.
_FILL_FTS = (f"INSERT INTO catalogue_search_fts(rowid, {_TERMS}) "
             f"SELECT item_id, {_TERMS} FROM catalogue_search_item WHERE version_id = ? ORDER BY item_id")


def _match(expr: Expr):  # type: ignore[no-untyped-def]
    return text("catalogue_search_fts MATCH :match").bindparams(match=to_fts5(expr))


class SqliteBackend:
    def candidates(self, session: Session, expr: Expr, filters: Filters, limit: int) -> list[Candidate]:
        rows = session.connection().execute(
            select(*CANDIDATE_COLUMNS)
            .select_from(_FTS.join(S, S.item_id == _FTS.c.rowid).join(CatalogueItem, CatalogueItem.id == S.item_id))
            .where(_match(expr), *filters.sql())
            .limit(limit)
        ).all()
        return to_candidates(rows)

    def ordered_ids(self, session: Session, expr: Expr, filters: Filters, sort: Sort, limit: int,
                    offset: int) -> list[int]:
        matching = select(_FTS.c.rowid).where(_match(expr))
        return list(session.scalars(
            select(S.item_id).join(CatalogueItem, CatalogueItem.id == S.item_id)
            .where(S.item_id.in_(matching), *filters.sql())
            .order_by(*sort_columns(sort)).limit(limit).offset(offset)
        ))

    def read_items(self, session: Session, version_id: int, after: int, limit: int) -> list[tuple[Any, ...]]:
        raw = session.connection().connection.dbapi_connection
        assert raw is not None
        return raw.execute(_ITEMS, (after, version_id, limit)).fetchall()

    def write_rows(self, session: Session, rows: Sequence[tuple[Any, ...]]) -> None:
        # The raw DB-API cursor in the session's own transaction: executemany without per-row SQLAlchemy work.
        raw = session.connection().connection.dbapi_connection
        assert raw is not None
        raw.executemany(_INSERT, rows)

    def finish_version(self, session: Session, version_id: int) -> None:
        session.connection().exec_driver_sql(_FILL_FTS, (version_id,))

    def remove_version(self, session: Session, version_id: int) -> int:
        # The delete trigger removes each row from the FTS5 index with the terms it was indexed with.
        return session.execute(
            delete(S).where(S.version_id == version_id).execution_options(synchronize_session=False)
        ).rowcount

    def words_containing(self, session: Session, fragment: str, scope: Scope, limit: int) -> list[str]:
        return vocabulary(session, scope).containing(fragment, scope.visible.keys(), limit)
