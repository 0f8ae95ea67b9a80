"""Turning a reader's normalised line into an item row."""

from datetime import date
from typing import Any

from catalogs.model import CatalogueLine


def item_row(
    version_id: int, line: CatalogueLine, header_from: date | None, header_to: date | None
) -> tuple[Any, ...]:
    """A tuple in `bulk.ITEM_COLUMNS` order."""
    unit_price = line.unit_price()
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
        line.content_quantity,
        line.content_unit,
        line.price,
        line.base_quantity,
        unit_price,
        line.comparison_unit,
        line.comparison_price(4),
        line.currency,
        line.vat_rate,
        line.line_valid_from or line.valid_from or header_from,
        line.line_valid_to or line.valid_to or header_to,
        line.minimum_order_quantity,
        line.order_increment,
        line.lead_time_days,
        line.image_url,
        "|".join(line.labels) or None,
    )
