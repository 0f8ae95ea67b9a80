"""Fast bulk insert of catalogue items: plain executemany on SQLite, COPY on PostgreSQL.

A million-line catalogue must load in seconds, so this bypasses the ORM unit of work (the rows are plain tuples)
but still runs on the request's or command's own connection and transaction.
"""

from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy.orm import Session

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
BATCH = 5000


def insert_items(session: Session, rows: Iterable[Sequence[Any]]) -> int:
    """Insert rows given as tuples in ITEM_COLUMNS order; returns how many. (SQLite takes Decimal and date
    values through the adapters registered in app.kit.db.)"""
    connection = session.connection()
    table = CatalogueItem.__tablename__
    count = 0
    if connection.dialect.name == "postgresql":
        raw = connection.connection.driver_connection
        with (
            raw.cursor() as cursor,
            cursor.copy(f"COPY {table} ({', '.join(ITEM_COLUMNS)}) FROM STDIN") as copy,
        ):
            for row in rows:
                copy.write_row(row)
                count += 1
        return count
    sql = f"INSERT INTO {table} ({', '.join(ITEM_COLUMNS)}) VALUES ({', '.join('?' * len(ITEM_COLUMNS))})"
    batch: list[Sequence[Any]] = []
    for row in rows:
        batch.append(row)
        if len(batch) >= BATCH:
            connection.exec_driver_sql(sql, batch)
            count += len(batch)
            batch = []
    if batch:
        connection.exec_driver_sql(sql, batch)
        count += len(batch)
    return count
