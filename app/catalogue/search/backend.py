"""One interface over the two full-text engines, chosen by the session's database."""

from collections.abc import Iterable, Sequence
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

def odd_identifiers(not_only: str, upper_digits: str, digits: str) -> str:
    """SQL true for an item whose identifiers need Python to key them (`terms.row_keys`). Identifiers stored the
    way they are typed are keyed in SQL: item and part numbers of upper-case letters and digits, GTINs of 8 to 14
    digits; the rest ("NM-1001", "5701 234…") are few. `not_only` renders "{column} has a character not in
    {chars}" for the dialect, given the class of upper-case letters and digits, or of digits."""
    number, gtin, mpn = "supplier_item_number", "gtin", "manufacturer_item_number"
    return (f"({not_only.format(column=number, chars=upper_digits)} OR length({number}) > 100"
            f" OR {not_only.format(column=gtin, chars=digits)} OR length({gtin}) NOT BETWEEN 8 AND 14"
            f" OR {not_only.format(column=mpn, chars=upper_digits)} OR length({mpn}) > 100)")


def scan_sql(placeholder: str, text: str = "{}", version: str = "version_id", grouped: bool = False) -> str:
    """The texts that decide an item's terms and tags, for the items of a version in an id window (`text` wraps
    each text column, e.g. to read it undecoded); `grouped` counts them in the database, the count first."""
    texts = ", ".join(text.format(column) for column in ("name", "description", "brand", "manufacturer", "labels"))
    sql = (f"SELECT {'count(*), ' if grouped else ''}{texts} FROM catalogue_item "
           f"WHERE id BETWEEN {placeholder} AND {placeholder} AND {version} = {placeholder}")
    return sql + " GROUP BY 2, 3, 4, 5, 6" if grouped else sql


def odd_sql(placeholder: str, odd: str, version: str = "version_id") -> str:
    """The ids of a version's items in an id window whose identifiers are odd. A query of its own: as a column of
    the text scan the same test costs twice as much in SQLite."""
    return (f"SELECT id FROM catalogue_item WHERE id BETWEEN {placeholder} AND {placeholder} "
            f"AND {version} = {placeholder} AND {odd}")


IDENTIFIERS_SQL = ("SELECT id, supplier_item_number, gtin, manufacturer_item_number FROM catalogue_item "
                   "WHERE id IN ({ids})")

# Scratch tables of one index run: the terms of each distinct text, the label tags of each distinct label list,
# and the keys of items with odd identifiers. `fan_out_sql` joins them to the items in one statement.
SCRATCH_TEXT, SCRATCH_LABELS, SCRATCH_KEYS = ("catalogue_search_scratch_text", "catalogue_search_scratch_labels",
                                              "catalogue_search_scratch_keys")
SCRATCH_COLUMNS = {
    SCRATCH_TEXT: ("name", "description", "brand", "manufacturer", "name_terms", "part_terms", "body_terms"),
    SCRATCH_LABELS: ("labels", "tags"),
    SCRATCH_KEYS: ("item_id", "item_key", "gtin_key", "mpn_key"),
}
SCRATCH_DDL = (
    f"CREATE TEMP TABLE {SCRATCH_TEXT} (name TEXT NOT NULL, description TEXT NOT NULL, brand TEXT NOT NULL, "
    "manufacturer TEXT NOT NULL, name_terms TEXT NOT NULL, part_terms TEXT NOT NULL, body_terms TEXT NOT NULL)",
    f"CREATE TEMP TABLE {SCRATCH_LABELS} (labels TEXT NOT NULL, tags TEXT NOT NULL)",
    f"CREATE TEMP TABLE {SCRATCH_KEYS} (item_id BIGINT PRIMARY KEY, item_key TEXT, gtin_key TEXT, mpn_key TEXT)",
)
# Texts are stored with '' for NULL, which gives the same terms, so the join is a plain equality on both databases.
_TEXT_JOIN = ("t.name = i.name AND t.description = coalesce(i.description, '') "
              "AND t.brand = coalesce(i.brand, '') AND t.manufacturer = coalesce(i.manufacturer, '')")


def fan_out_sql(*, mark: str, gtin14: str, join: str, version: str, order: str, cast: bool) -> str:
    """One statement from the items and the scratch tables to their search rows, the same on both databases
    (`terms.row_keys` and `terms.tag_terms` are its Python counterparts). Parameters: agreement id, the tags'
    prefix ("zv12 zp"), then low id, high id and version. `join` is the dialect's inner join keyword (SQLite's
    CROSS JOIN keeps the items as the outer loop), `gtin14` zero-fills `{gtin}` to 14 digits, and `cast` types
    the first two parameters (PostgreSQL cannot tell which `||` an untyped one means)."""
    band = f"CASE {_BANDS} ELSE {len(PRICE_BANDS)} END"
    gtin = gtin14.format(gtin="i.gtin")
    agreement, prefix = (f"CAST({mark} AS bigint)", f"CAST({mark} AS text)") if cast else (mark, mark)
    return (
        f"INSERT INTO {S.__tablename__} ({', '.join(ROW_COLUMNS)}) "
        f"SELECT i.id, i.version_id, {agreement}, k.item_key, "
        f"CASE WHEN k.item_id IS NULL THEN {gtin} ELSE k.gtin_key END, "
        f"CASE WHEN k.item_id IS NULL THEN nullif(i.manufacturer_item_number, '') ELSE k.mpn_key END, "
        "t.name_terms, t.part_terms, t.body_terms, "
        f"{prefix} || {band} || CASE WHEN length(i.unspsc) >= 2 THEN ' zs' || substr(i.unspsc, 1, 2) ELSE '' END "
        "|| l.tags "
        f"FROM catalogue_item i {join} {SCRATCH_TEXT} t ON {_TEXT_JOIN} "
        f"{join} {SCRATCH_LABELS} l ON l.labels = coalesce(i.labels, '') "
        f"LEFT JOIN {SCRATCH_KEYS} k ON k.item_id = i.id "
        f"WHERE i.id BETWEEN {mark} AND {mark} AND {version} = {mark} {order}"
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
                  filters: Filters, order: str = "") -> tuple[str, list[Any]]:
    """SQL for up to N candidates of one full-text expression, and its parameters after the expression (the
    limit follows them). Plain SQL on the raw connection: a broad query reads hundreds of rows, and SQLAlchemy's
    row processing would cost more than the database does. `source` joins the matches to catalogue_item as `i`.
    The versions were scoped by `visible_to` already (`scope.load_scope`), and the page itself is read through
    the scope again (`hits.load_hits`). `order` (an ORDER BY) for a source whose rows do not come in index order
    by themselves."""
    where, parameters = _conditions(match, version, mark, filters)
    sql = (f"SELECT i.id, i.version_id, substr(i.unspsc, 1, 2), CASE {_BANDS} ELSE {len(PRICE_BANDS)} END, "
           f"CAST(i.unit_price AS {real}), CAST(i.comparison_price AS {real}), i.labels, i.name FROM {source} "
           f"WHERE {where} {order} LIMIT {mark}")
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

    def text_counts(self, session: Session, version_id: int, low: int, high: int) -> Iterable[tuple[Any, int]]:
        """(name, description, brand, manufacturer, labels) of the version's items with ids `low`..`high`, each
        with how many items have it. Texts may come as UTF-8 bytes."""

    def odd_ids(self, session: Session, version_id: int, low: int, high: int) -> list[int]:
        """The items with ids `low`..`high` whose identifiers need Python to key them (`odd_identifiers`)."""

    def bulk(self, session: Session) -> AbstractContextManager[None]:
        """Around the writes of one index run: settings for a bulk load, and tidying up after it."""

    def create_scratch(self, session: Session) -> None:
        """Empty scratch tables (`SCRATCH_DDL`) for this run, in the session's transaction."""

    def write_scratch(self, session: Session, table: str, rows: Sequence[tuple[Any, ...]]) -> None:
        """Rows for a scratch table, in `SCRATCH_COLUMNS` order."""

    def fan_out(self, session: Session, version_id: int, agreement_id: int, low: int, high: int) -> int:
        """Write the search rows of the version's items (ids `low`..`high`) from the scratch tables; returns how
        many."""

    def drop_scratch(self, session: Session) -> None:
        """Drop the scratch tables."""

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
