"""One interface over the two full-text engines, chosen by the session's database."""

from collections.abc import Sequence
from contextlib import AbstractContextManager
from typing import Any, Protocol

from sqlalchemy import Delete, Float, case, delete, func, select, type_coerce
from sqlalchemy.orm import Session

from app.catalogue.search.expr import Expr
from app.catalogue.search.scope import Filters, Scope
from app.catalogue.search.terms import PRICE_BANDS
from app.catalogue.search.types import Candidate, Sort
from app.models import CatalogueItem, CatalogueSearchItem

S = CatalogueSearchItem
Item = CatalogueItem
ROW_COLUMNS = ("item_id", "version_id", "agreement_id", "item_key", "gtin_key", "mpn_key",
               "name_terms", "part_terms", "body_terms", "tag_terms")


def item_query(placeholder: str, as_bytes: bool = False) -> str:
    """The next items of a version after an id: (id, item number, GTIN, part number, name, description, brand,
    manufacturer, UNSPSC, unit price, labels). `+version_id` keeps the planner on the primary-key range instead
    of the (version, item number) index, which would sort the whole version for every batch. With `as_bytes`
    the texts that key the indexer's caches come undecoded: most repeat, and only new ones need decoding."""
    texts = ["name", "description", "brand", "manufacturer", "labels"]
    name, description, brand, manufacturer, labels = (f"CAST({t} AS BLOB)" for t in texts) if as_bytes else texts
    return (
        f"SELECT id, supplier_item_number, gtin, manufacturer_item_number, {name}, {description}, {brand}, "
        f"{manufacturer}, unspsc, unit_price, {labels} FROM catalogue_item "
        f"WHERE id > {placeholder} AND +version_id = {placeholder} ORDER BY id LIMIT {placeholder}"
    )


# Exact-lane rows, labelled like `Candidate`s. Floats are enough to rank, sort and band a candidate; the page
# itself is read again with Decimal prices.
CANDIDATE_COLUMNS = (
    S.item_id.label("item_id"),
    S.version_id.label("version_id"),
    func.substr(Item.unspsc, 1, 2).label("segment"),
    case(*((Item.unit_price < bound, band) for band, bound in enumerate(PRICE_BANDS)),
         else_=len(PRICE_BANDS)).label("price_band"),
    type_coerce(Item.unit_price, Float).label("unit_price"),
    type_coerce(Item.comparison_price, Float).label("comparison_price"),
    Item.labels.label("labels"),
    Item.name.label("name"),
)
_BANDS = " ".join(f"WHEN i.unit_price < {bound} THEN {band}" for band, bound in enumerate(PRICE_BANDS))


_ORDER = {"price": "i.unit_price, i.id", "price_desc": "i.unit_price DESC, i.id",
          "comparison_price": "i.comparison_price IS NULL, i.comparison_price, i.id"}


def _conditions(match: str, version: str, mark: str, filters: Filters) -> tuple[str, list[Any]]:
    conditions = [match, f"{version} IN ({', '.join(mark for _ in filters.version_ids)})"]
    parameters: list[Any] = list(filters.version_ids)
    for bound, operator in ((filters.price_min, ">="), (filters.price_max, "<=")):
        if bound is not None:
            conditions.append(f"i.unit_price {operator} {mark}")
            parameters.append(float(bound))
    return " AND ".join(conditions), parameters


def candidate_sql(source: str, match: str, version: str, mark: str, real: str,
                  filters: Filters) -> tuple[str, list[Any]]:
    """SQL for up to N candidates of one full-text expression, and its parameters after the expression (the
    limit follows them). Plain SQL on the raw connection: a broad query reads hundreds of rows, and SQLAlchemy's
    row processing would cost more than the database does. `source` joins the matches to catalogue_item as `i`.
    The versions were scoped by `visible_to` already (`scope.load_scope`), and the page itself is read through
    the scope again (`hits.load_hits`)."""
    where, parameters = _conditions(match, version, mark, filters)
    sql = (f"SELECT i.id, i.version_id, substr(i.unspsc, 1, 2), CASE {_BANDS} ELSE {len(PRICE_BANDS)} END, "
           f"CAST(i.unit_price AS {real}), CAST(i.comparison_price AS {real}), i.labels, i.name FROM {source} "
           f"WHERE {where} LIMIT {mark}")
    return sql, parameters


def page_sql(source: str, match: str, version: str, mark: str, filters: Filters, sort: Sort) -> tuple[str, list[Any]]:
    """SQL for one page of every match in price order, and its parameters after the expression (limit and
    offset follow them)."""
    where, parameters = _conditions(match, version, mark, filters)
    return f"SELECT i.id FROM {source} WHERE {where} ORDER BY {_ORDER[sort]} LIMIT {mark} OFFSET {mark}", parameters


class SearchBackend(Protocol):
    def candidates(self, session: Session, expr: Expr, filters: Filters, limit: int) -> list[Candidate]:
        """Up to `limit` matching rows, in index order."""

    def ordered_ids(self, session: Session, expr: Expr, filters: Filters, sort: Sort, limit: int,
                    offset: int) -> list[int]:
        """A page of every match ordered by price, for result sets larger than the ranked candidates."""

    def read_items(self, session: Session, version_id: int, after: int, limit: int) -> list[tuple[Any, ...]]:
        """The next `limit` items of the version after id `after`, as plain tuples (see `item_query`)."""

    def bulk(self, session: Session) -> AbstractContextManager[None]:
        """Around the writes of one index run: settings for a bulk load, and tidying up after it."""

    def write_rows(self, session: Session, rows: Sequence[tuple[Any, ...]]) -> None:
        """Insert search rows (in `ROW_COLUMNS` order, ascending item id)."""

    def finish_version(self, session: Session, version_id: int, low: int, high: int) -> None:
        """Make the version's new rows (item ids `low`..`high`) searchable."""

    def remove_version(self, session: Session, version_id: int) -> int:
        """Delete the version's rows from the index; returns how many."""

    def words_containing(self, session: Session, fragment: str, scope: Scope, limit: int) -> list[str]:
        """Indexed vocabulary terms (folded) that contain `fragment`, most frequent first."""


def to_candidates(rows: Sequence[tuple[Any, ...]]) -> list[Candidate]:
    return list(map(Candidate._make, rows))


def delete_version_rows(version_id: int) -> Delete:
    # Through catalogue_item's (version, item number) index: the search table needs no index of its own for it.
    items = select(Item.id).where(Item.version_id == version_id)
    return delete(S).where(S.item_id.in_(items)).execution_options(synchronize_session=False)


def backend_for(session: Session) -> SearchBackend:
    dialect = session.get_bind().dialect.name
    if dialect == "sqlite":
        from app.catalogue.search.sqlite_fts import SqliteBackend

        return SqliteBackend()
    if dialect == "postgresql":
        from app.catalogue.search.postgres_fts import PostgresBackend

        return PostgresBackend()
    raise LookupError(f"catalogue search does not support {dialect}")
