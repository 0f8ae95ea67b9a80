"""Catalogue items in bulk: a million-line catalogue must load in seconds, so the rows go in as plain tuples
through app.kit.bulk (executemany on SQLite, COPY on PostgreSQL), on the request's or command's own transaction.
"""

from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy.orm import Session

from app.catalogue.lines import ITEM_COLUMNS
from app.kit.bulk import insert_rows
from app.models import CatalogueItem

__all__ = ["ITEM_COLUMNS", "insert_items"]


def insert_items(session: Session, rows: Iterable[Sequence[Any]]) -> int:
    """Insert rows given as tuples in ITEM_COLUMNS order; returns how many."""
    return insert_rows(session, CatalogueItem.__tablename__, ITEM_COLUMNS, rows)
