"""Turning a reader's normalised line into an item row.

Rows carry Decimals and dates as the text the database is given for them anyway (app.kit.db adapts Decimal with
`str` and date with `isoformat` on SQLite; PostgreSQL's COPY takes the same text): converted once here, where a
reader process can do it, instead of by the driver for every value on the writing side. A million rows go
through here, so the per-line work is flat code and caches, not `CatalogueLine`'s methods; the figures are
the same as theirs (`tests/catalogue/test_lines.py`).
"""

from collections.abc import Callable
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from catalogs.model import CatalogueLine
from catalogs.units import comparison

# The columns of an item row, in order (`bulk.insert_items` writes them).
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
ItemRow = tuple[Any, ...]
# Where the texts the search index is built from sit in a row (`text_tally`).
TEXT_COLUMNS = tuple(
    ITEM_COLUMNS.index(name) for name in ("name", "description", "brand", "manufacturer", "labels")
)
_PLACES = Decimal("0.0001")  # comparison prices are stored to 4 places
_CACHE_LIMIT = 4096


def item_row(
    version_id: int, line: CatalogueLine, header_from: date | None, header_to: date | None
) -> ItemRow:
    """A tuple in `ITEM_COLUMNS` order."""
    return item_rows(version_id, header_from, header_to)(line)


def item_rows(
    version_id: int, header_from: date | None, header_to: date | None
) -> Callable[[CatalogueLine], ItemRow]:
    """`row(line)` for the lines of one file: a tuple in `ITEM_COLUMNS` order."""
    contents: dict[tuple[Any, ...], tuple[str | None, Decimal | None]] = {}
    dates: dict[date, str] = {}

    def compared(key: tuple[Any, ...]) -> tuple[str | None, Decimal | None]:
        """(comparison unit, how much of it one orderable unit holds), as `CatalogueLine` works them out.
        Equal quantities written differently ("1", "1.0") share an entry: the price is quantized after it."""
        quantity, unit, orderable = key
        if quantity is None or not unit:
            quantity, unit = (Decimal(1), orderable) if comparison(orderable) else (None, None)
        rule = comparison(unit) if unit else None
        if rule is None:
            found: tuple[str | None, Decimal | None] = (None, None)
        else:
            amount = quantity * rule[1]
            found = (rule[0], amount if amount > 0 else None)
        if len(contents) >= _CACHE_LIMIT:
            contents.clear()
        contents[key] = found
        return found

    def iso(value: date) -> str:
        if len(dates) >= _CACHE_LIMIT:
            dates.clear()
        text = dates[value] = value.isoformat()
        return text

    content_of, date_of = contents.get, dates.get

    def row(line: CatalogueLine) -> ItemRow:
        price, quantity = line.price, line.content_quantity
        minimum, increment = line.minimum_order_quantity, line.order_increment
        key = (quantity, line.content_unit, line.orderable_unit)
        compared_unit, amount = content_of(key) or compared(key)
        price_text = unit_price_text = comparison_price_text = None
        if price is not None:
            unit_price = price / line.base_quantity * line.orderable_unit_factor_rate
            price_text, unit_price_text = str(price), str(unit_price)
            if amount is not None:
                comparison_price_text = str((unit_price / amount).quantize(_PLACES, ROUND_HALF_UP))
        valid_from = line.line_valid_from or line.valid_from or header_from
        valid_to = line.line_valid_to or line.valid_to or header_to
        return (
            version_id,
            line.line_number,
            line.supplier_item_number,
            line.gtin,
            (line.name or line.supplier_item_number)[:500],
            line.description,
            line.brand,
            line.manufacturer,
            line.manufacturer_item_number,
            line.unspsc,
            line.orderable_unit,
            None if quantity is None else str(quantity),
            line.content_unit,
            price_text,
            str(line.base_quantity),
            unit_price_text,
            compared_unit,
            comparison_price_text,
            line.currency,
            str(line.vat_rate),
            valid_from and (date_of(valid_from) or iso(valid_from)),
            valid_to and (date_of(valid_to) or iso(valid_to)),
            None if minimum is None else str(minimum),
            None if increment is None else str(increment),
            line.lead_time_days,
            line.image_url,
            "|".join(line.labels) or None,
        )

    return row
