"""Catalogue items in bulk: a million-line catalogue must load in seconds, so the rows go in as plain tuples
through app.kit.bulk (executemany on SQLite, COPY on PostgreSQL), on the request's or command's own transaction.
"""

from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy.orm import Session

from app.kit.bulk import insert_rows
from app.models import CatalogueItem

ITEM_COLUMNS: tuple[str, ...] = (
    "version_id",
    "line_number",
    "supplier_item_number",
    "gtin",
    "name",
    "description",
    "brand",
    "manufacturer",
    "manufacturer_item_number",
    "unspsc",
    "orderable_unit",
    "content_quantity",
    "content_unit",
    "price",
    "base_quantity",
    "unit_price",
    "comparison_unit",
    "comparison_price",
    "currency",
    "vat_rate",
    "price_valid_from",
    "price_valid_to",
    "minimum_order_quantity",
    "order_increment",
    "lead_time_days",
    "image_url",
    "labels",
)


def insert_items(session: Session, rows: Iterable[Sequence[Any]]) -> int:
    """Insert rows given as tuples in ITEM_COLUMNS order; returns how many."""
    return insert_rows(session, CatalogueItem.__tablename__, ITEM_COLUMNS, rows)
