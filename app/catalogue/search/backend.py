"""One interface over the two full-text engines, chosen by the session's database."""

from collections.abc import Sequence
from typing import Any, Protocol

from sqlalchemy import Float, type_coerce
from sqlalchemy.orm import Session

from app.catalogue.search.expr import Expr
from app.catalogue.search.scope import Filters, Scope
from app.catalogue.search.types import Candidate, Sort
from app.models import CatalogueItem, CatalogueSearchItem

S = CatalogueSearchItem
I = CatalogueItem
ROW_COLUMNS = ("item_id", "version_id", "agreement_id", "item_key", "gtin_key", "mpn_key",
               "name_terms", "part_terms", "body_terms", "tag_terms")
ITEM_COLUMNS = ("id", "supplier_item_number", "gtin", "name", "description", "brand", "manufacturer",
                "manufacturer_item_number", "unspsc", "unit_price", "labels")
# Floats are enough to rank, sort and band a candidate; the page itself is read again with Decimal prices.
CANDIDATE_COLUMNS = (S.item_id, S.version_id, I.unspsc, type_coerce(I.unit_price, Float),
                     type_coerce(I.comparison_price, Float), I.labels, I.name)


class SearchBackend(Protocol):
    def candidates(self, session: Session, expr: Expr, filters: Filters, limit: int) -> list[Candidate]:
        """Up to `limit` matching rows, in index order."""

    def ordered_ids(self, session: Session, expr: Expr, filters: Filters, sort: Sort, limit: int,
                    offset: int) -> list[int]:
        """A page of every match ordered by price, for result sets larger than the ranked candidates."""

    def read_items(self, session: Session, version_id: int, after: int, limit: int) -> list[tuple[Any, ...]]:
        """The next `limit` items of the version after id `after`, as plain tuples in `ITEM_COLUMNS` order."""

    def write_rows(self, session: Session, rows: Sequence[tuple[Any, ...]]) -> None:
        """Insert search rows (in `ROW_COLUMNS` order), as one bulk statement."""

    def finish_version(self, session: Session, version_id: int) -> None:
        """Make the version's freshly written rows searchable."""

    def remove_version(self, session: Session, version_id: int) -> int:
        """Delete the version's rows from the index; returns how many."""

    def words_containing(self, session: Session, fragment: str, scope: Scope, limit: int) -> list[str]:
        """Indexed vocabulary terms (folded) that contain `fragment`, most frequent first."""


def to_candidates(rows: Sequence[Any]) -> list[Candidate]:
    found = []
    for item_id, version_id, unspsc, price, comparison, labels, name, *_ in rows:
        band = 0 if price < 50 else 1 if price < 200 else 2 if price < 1000 else 3  # terms.PRICE_BANDS, inline
        found.append(Candidate(item_id, version_id, unspsc[:2] if unspsc and len(unspsc) >= 2 else None, band,
                               price, comparison, labels, name))
    return found


def sort_columns(sort: Sort) -> list[Any]:
    if sort == "price_desc":
        return [I.unit_price.desc(), I.id]
    if sort == "comparison_price":
        return [I.comparison_price.is_(None), I.comparison_price, I.id]
    return [I.unit_price, I.id]


def backend_for(session: Session) -> SearchBackend:
    dialect = session.get_bind().dialect.name
    if dialect == "sqlite":
        from app.catalogue.search.sqlite_fts import SqliteBackend

        return SqliteBackend()
    if dialect == "postgresql":
        from app.catalogue.search.postgres_fts import PostgresBackend

        return PostgresBackend()
    raise LookupError(f"catalogue search does not support {dialect}")
