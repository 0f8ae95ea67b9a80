"""PostgreSQL: a stored tsvector generated from the term columns, its lexemes prefixed with their column, under a
GIN index; candidates come from the first ids of each lexeme (`pg_heads`), or through the GIN index when those
cannot tell (the migrations' `catalogue_search_pick` and `catalogue_search_match` functions)."""

from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from sqlalchemy import func, select, text
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
from app.catalogue.search.expr import Expr, to_tsquery
from app.catalogue.search.pg_heads import BUILD_SQL, DELETE_SQL, build_parameters, decides, drivers
from app.catalogue.search.scope import Filters, Scope
from app.catalogue.search.types import Candidate, Sort
from app.kit.scoping import visible_to
from app.models import CatalogueSearchTerm

# Characters listed rather than ranged: what a range covers in a regular expression may follow the collation.
_DIGITS = "0123456789"
_UPPER_DIGITS = _DIGITS + "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
# Counted by the database: a hash aggregate, unlike SQLite's GROUP BY, which sorts.
_COUNTS = scan_sql("%s", grouped=True)
_ODD = odd_sql("%s", odd_identifiers("{column} ~ '[^{chars}]'", _UPPER_DIGITS, _DIGITS))
# In item id order: the heap then follows the ids, so the first matches of a query (what candidates are) lie on few
# pages, for the GIN path and for the rechecks of catalogue_search_pick alike. Unordered, the rows came out of the
# hash joins grouped by text, every item of a name on the same pages and the first ids spread over the table.
_FAN_OUT = fan_out_sql(mark="%s", gtin14="lpad({gtin}, 14, '0')", join="JOIN", version="i.version_id",
                       order="ORDER BY i.id", cast=True)
# Enough memory to sort a million search rows in memory rather than in temporary files.
_BULK_WORK_MEM = "256MB"
_MATCHES = ("catalogue_search_match(CAST(%s AS tsquery), CAST(%s AS bigint[]), CAST(%s AS numeric), "
            "CAST(%s AS numeric), %s)")
_PICK = ("catalogue_search_pick(CAST(%s AS tsquery), CAST(%s AS text[]), CAST(%s AS integer[]), %s, "
         "CAST(%s AS bigint[]), CAST(%s AS numeric), CAST(%s AS numeric), %s)")
_ALL = 2**31 - 1


class PostgresBackend:
    def candidates(self, session: Session, expr: Expr, filters: Filters, limit: int) -> list[Candidate]:
        # The matching ids come from the lexemes' first ids or the GIN index (catalogue_search_pick), the items
        # then by primary key, in its order (the candidates' order: `matching.find` keeps the first of them):
        # plans the planner cannot get wrong, in one round trip.
        if "postgresql" not in filters.memo:
            filters.memo["postgresql"] = candidate_sql("catalogue_item i", f"i.id = ANY(ARRAY(SELECT {_PICK}))",
                                                       "i.version_id", "%s", "float8", filters, "ORDER BY i.id")
        sql, parameters = filters.memo["postgresql"]
        lexemes, alternatives = drivers(expr)
        priced = filters.price_min is not None or filters.price_max is not None
        matching = (to_tsquery(expr), lexemes, alternatives, priced or not decides(expr), list(filters.version_ids),
                    filters.price_min, filters.price_max, limit)
        with session.connection().connection.driver_connection.cursor() as cursor:
            return to_candidates(cursor.execute(sql, [*matching, *parameters, limit]).fetchall())

    def ordered_ids(self, session: Session, expr: Expr, filters: Filters, sort: Sort, limit: int,
                    offset: int) -> list[int]:
        sql, parameters = page_sql(f"{_MATCHES} AS m(id) JOIN catalogue_item i ON i.id = m.id", "TRUE",
                                   "i.version_id", "%s", filters, sort)
        every = (to_tsquery(expr), list(filters.version_ids), filters.price_min, filters.price_max, _ALL)
        with session.connection().connection.driver_connection.cursor() as cursor:
            return [row[0] for row in cursor.execute(sql, [*every, *parameters, limit, offset])]

    def text_counts(self, session: Session, version_id: int, low: int, high: int) -> Iterable[tuple[Any, int]]:
        with session.connection().connection.driver_connection.cursor() as cursor:
            return [(tuple(row[1:]), row[0]) for row in cursor.execute(_COUNTS, (low, high, version_id))]

    def odd_ids(self, session: Session, version_id: int, low: int, high: int) -> list[int]:
        with session.connection().connection.driver_connection.cursor() as cursor:
            return [item_id for (item_id,) in cursor.execute(_ODD, (low, high, version_id))]

    @contextmanager
    def bulk(self, session: Session) -> Iterator[None]:
        connection = session.connection()
        previous = connection.exec_driver_sql("SELECT current_setting('work_mem')").scalar()
        # Local to the transaction, and put back for whatever else it does; a failure rolls it back anyway.
        connection.exec_driver_sql(f"SELECT set_config('work_mem', '{_BULK_WORK_MEM}', true)")
        yield
        connection.exec_driver_sql("SELECT set_config('work_mem', %(previous)s, true)", {"previous": previous})
        # Rows arrive in the GIN index's pending list (fastupdate): merge it now rather than leave every search
        # to scan it until autovacuum does. Fresh statistics keep the planner starting from the GIN index.
        session.execute(text("SELECT gin_clean_pending_list('ix_catalogue_search_item_tsv'::regclass)"))
        session.execute(text("ANALYZE catalogue_search_item"))

    def create_scratch(self, session: Session) -> None:
        self.drop_scratch(session)
        for statement in SCRATCH_DDL:
            session.connection().exec_driver_sql(statement + " ON COMMIT DROP")

    def write_scratch(self, session: Session, table: str, rows: Sequence[tuple[Any, ...]]) -> None:
        statement = f"COPY pg_temp.{table} ({', '.join(SCRATCH_COLUMNS[table])}) FROM STDIN"
        with session.connection().connection.driver_connection.cursor() as cursor, cursor.copy(statement) as copy:
            for row in rows:
                copy.write_row(row)

    def fan_out(self, session: Session, version_id: int, agreement_id: int, low: int, high: int) -> int:
        raw = session.connection().connection.driver_connection
        with raw.cursor() as cursor:
            # Temporary tables get no statistics from autovacuum; without them the joins are planned blind.
            for table in (SCRATCH_TEXT, SCRATCH_LABELS, SCRATCH_KEYS):
                cursor.execute(f"ANALYZE {table}")
            return cursor.execute(_FAN_OUT, (agreement_id, f"zv{version_id} zp", low, high, version_id)).rowcount

    def drop_scratch(self, session: Session) -> None:
        for table in (SCRATCH_TEXT, SCRATCH_LABELS, SCRATCH_KEYS):
            # pg_temp: never a table of that name elsewhere on the search path.
            session.connection().exec_driver_sql(f"DROP TABLE IF EXISTS pg_temp.{table}")

    def finish_version(self, session: Session, version_id: int, low: int, high: int) -> None:
        # The tsvector is generated and the GIN index maintained as rows arrive; the lexemes' first ids are not.
        with session.connection().connection.driver_connection.cursor() as cursor:
            cursor.execute(BUILD_SQL, build_parameters(version_id, low, high))

    def remove_version(self, session: Session, version_id: int) -> int:
        with session.connection().connection.driver_connection.cursor() as cursor:
            cursor.execute(DELETE_SQL, (version_id,))
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
