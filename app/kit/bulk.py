"""Inserting many rows at once without the ORM: plain executemany on SQLite, COPY on PostgreSQL.

For the paths where a request stores hundreds of rows or a command stores millions, and building an ORM object
(or even a bound parameter set) per row would cost more than the database does. Runs on the session's own
connection, so the rows are part of the unit of work and roll back with it.
"""

from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy.orm import Session

BATCH = 5000


def insert_rows(session: Session, table: str, columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> int:
    """Insert `rows` (tuples in `columns` order, values the driver takes as they are: SQLite gets Decimal and
    date through the adapters in app.kit.db; JSON must already be text) and return how many."""
    connection = session.connection()
    count = 0
    if connection.dialect.name == "postgresql":
        raw = connection.connection.driver_connection
        with (
            raw.cursor() as cursor,
            cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy,
        ):
            for row in rows:
                copy.write_row(row)
                count += 1
        return count
    sql = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"
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
