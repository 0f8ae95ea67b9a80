"""PostgreSQL: a stored, weighted tsvector generated from the term columns, with a GIN index (the migration)."""

from collections.abc import Sequence
from typing import Any

from sqlalchemy import delete, func, select, text
from sqlalchemy.orm import Session

from app.catalogue.search.backend import (
    CANDIDATE_COLUMNS,
    ITEM_COLUMNS,
    ROW_COLUMNS,
    S,
    sort_columns,
    to_candidates,
)
from app.catalogue.search.expr import Expr, to_tsquery
from app.catalogue.search.scope import Filters, Scope
from app.catalogue.search.types import Candidate, Sort
from app.kit.scoping import visible_to
from app.models import CatalogueItem, CatalogueSearchTerm

# `+version_id` keeps the planner on the primary-key range rather than the (version, item number) index.
_ITEMS = (f"SELECT {', '.join(ITEM_COLUMNS)} FROM catalogue_item WHERE id > %s AND +version_id = %s "
          "ORDER BY id LIMIT %s")
_COPY = f"COPY catalogue_search_item ({', '.join(ROW_COLUMNS)}) FROM STDIN"


def _match(expr: Expr):  # type: ignore[no-untyped-def]
    # 'simple' parses the query like the column: our terms are already folded and stemmed.
    return text("catalogue_search_item.tsv @@ to_tsquery('simple', :tsquery)").bindparams(tsquery=to_tsquery(expr))


class PostgresBackend:
    def candidates(self, session: Session, expr: Expr, filters: Filters, limit: int) -> list[Candidate]:
        rows = session.connection().execute(
            select(*CANDIDATE_COLUMNS)
            .select_from(S.__table__.join(CatalogueItem, CatalogueItem.id == S.item_id))
            .where(_match(expr), *filters.sql())
            .limit(limit)
        ).all()
        return to_candidates(rows)

    def ordered_ids(self, session: Session, expr: Expr, filters: Filters, sort: Sort, limit: int,
                    offset: int) -> list[int]:
        return list(session.scalars(
            select(S.item_id).join(CatalogueItem, CatalogueItem.id == S.item_id)
            .where(_match(expr), *filters.sql())
            .order_by(*sort_columns(sort)).limit(limit).offset(offset)
        ))

    def read_items(self, session: Session, version_id: int, after: int, limit: int) -> list[tuple[Any, ...]]:
        raw = session.connection().connection.driver_connection
        with raw.cursor() as cursor:
            return cursor.execute(_ITEMS, (after, version_id, limit)).fetchall()

    def write_rows(self, session: Session, rows: Sequence[tuple[Any, ...]]) -> None:
        # COPY in the session's own transaction: several times faster than INSERT for bulk loads.
        raw = session.connection().connection.driver_connection
        with raw.cursor() as cursor, cursor.copy(_COPY) as copy:
            for row in rows:
                copy.write_row(row)

    def finish_version(self, session: Session, version_id: int) -> None:
        """Nothing to do: the tsvector is generated and the GIN index maintained as rows arrive."""

    def remove_version(self, session: Session, version_id: int) -> int:
        return session.execute(
            delete(S).where(S.version_id == version_id).execution_options(synchronize_session=False)
        ).rowcount

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
