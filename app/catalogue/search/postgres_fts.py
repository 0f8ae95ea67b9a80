"""PostgreSQL: a stored tsvector generated from the term columns, its lexemes prefixed with their column, under a
GIN index; candidates come through the migration's `catalogue_search_match` function."""

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from app.catalogue.search.backend import (
    ROW_COLUMNS,
    candidate_sql,
    delete_version_rows,
    item_query,
    page_sql,
    to_candidates,
)
from app.catalogue.search.expr import Expr, to_tsquery
from app.catalogue.search.scope import Filters, Scope
from app.catalogue.search.types import Candidate, Sort
from app.kit.scoping import visible_to
from app.models import CatalogueSearchTerm

_ITEMS = item_query("%s")
_COPY = f"COPY catalogue_search_item ({', '.join(ROW_COLUMNS)}) FROM STDIN"
_MATCHES = ("catalogue_search_match(CAST(%s AS tsquery), CAST(%s AS bigint[]), CAST(%s AS numeric), "
            "CAST(%s AS numeric), %s)")
_ALL = 2**31 - 1


class PostgresBackend:
    def candidates(self, session: Session, expr: Expr, filters: Filters, limit: int) -> list[Candidate]:
        # The matching ids come through the GIN index (the migration's catalogue_search_match), the items then by
        # primary key: two plans the planner cannot get wrong, in one round trip.
        if "postgresql" not in filters.memo:
            filters.memo["postgresql"] = candidate_sql("catalogue_item i", f"i.id = ANY(ARRAY(SELECT {_MATCHES}))",
                                                       "i.version_id", "%s", "float8", filters)
        sql, parameters = filters.memo["postgresql"]
        matching = (to_tsquery(expr), list(filters.version_ids), filters.price_min, filters.price_max, limit)
        with session.connection().connection.driver_connection.cursor() as cursor:
            return to_candidates(cursor.execute(sql, [*matching, *parameters, limit]).fetchall())

    def ordered_ids(self, session: Session, expr: Expr, filters: Filters, sort: Sort, limit: int,
                    offset: int) -> list[int]:
        sql, parameters = page_sql(f"{_MATCHES} AS m(id) JOIN catalogue_item i ON i.id = m.id", "TRUE",
                                   "i.version_id", "%s", filters, sort)
        every = (to_tsquery(expr), list(filters.version_ids), filters.price_min, filters.price_max, _ALL)
        with session.connection().connection.driver_connection.cursor() as cursor:
            return [row[0] for row in cursor.execute(sql, [*every, *parameters, limit, offset])]

    def read_items(self, session: Session, version_id: int, after: int, limit: int) -> list[tuple[Any, ...]]:
        raw = session.connection().connection.driver_connection
        with raw.cursor() as cursor:
            return cursor.execute(_ITEMS, (after, version_id, limit)).fetchall()

    @contextmanager
    def bulk(self, session: Session) -> Iterator[None]:
        yield
        # Rows arrive in the GIN index's pending list (fastupdate): merge it now rather than leave every search
        # to scan it until autovacuum does. Fresh statistics keep the planner starting from the GIN index.
        session.execute(text("SELECT gin_clean_pending_list('ix_catalogue_search_item_tsv'::regclass)"))
        session.execute(text("ANALYZE catalogue_search_item"))

    def write_rows(self, session: Session, rows: Sequence[tuple[Any, ...]]) -> None:
        # COPY in the session's own transaction: several times faster than INSERT for bulk loads. The tsvector is
        # generated and the GIN index maintained as the rows arrive.
        raw = session.connection().connection.driver_connection
        with raw.cursor() as cursor, cursor.copy(_COPY) as copy:
            for row in rows:
                copy.write_row(row)

    def finish_version(self, session: Session, version_id: int, low: int, high: int) -> None:
        """Nothing to do: the tsvector is generated and the GIN index maintained as rows arrive."""

    def remove_version(self, session: Session, version_id: int) -> int:
        return session.execute(delete_version_rows(version_id)).rowcount

    def words_containing(self, session: Session, fragment: str, scope: Scope, limit: int) -> list[str]:
        # A substring match served by the pg_trgm GIN index on the vocabulary.
        pattern = "%" + fragment.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        total = func.sum(CatalogueSearchTerm.doc_count)
        return list(session.scalars(
            select(CatalogueSearchTerm.term)
            .where(CatalogueSearchTerm.term.like(pattern, escape="\\"),
                   CatalogueSearchTerm.version_id.in_(list(scope.visible)),
                   visible_to(CatalogueSearchTerm, scope.principal))
            .group_by(CatalogueSearchTerm.term)
            .order_by(total.desc(), CatalogueSearchTerm.term)
            .limit(limit)
        ))
