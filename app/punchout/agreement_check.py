"""Each returned line against the agreement: the supplier's active catalogue on the connection's agreement (or, with
none set, on every agreement the municipality has joined), matched by supplier item number, then GTIN."""

from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache

from sqlalchemy import Row
from sqlalchemy.orm import Session

from app.catalogue import repository as catalogue_repository
from app.kit.scoping import agreements_joined_by
from app.models import PunchoutConnection
from app.punchout.flags import NOT_ON_AGREEMENT, PRICE_ABOVE_AGREEMENT, UNIT_MISMATCH
from catalogs.units import unit_code
from punchout import CartLine

# Rec 20 has several codes for "one piece"; shops and catalogues pick different ones for the same thing.
_PIECE = {"EA", "PCE", "H87", "C62", "NMP"}
# (id, supplier_item_number, gtin, unit_price, orderable_unit) of an active catalogue item.
Item = Row[tuple[int, str, str | None, Decimal, str]]


@dataclass(slots=True)
class LineCheck:
    unit: str | None
    catalogue_item_id: int | None = None
    agreement_price: Decimal | None = None
    agreement_unit: str | None = None
    flags: list[str] = field(default_factory=list)


def normalise_unit(raw: str | None, unit_map: dict[str, str]) -> str | None:
    if not raw:
        return None
    mapped = unit_map.get(raw.strip().upper())
    if mapped:
        return mapped
    return _rec20(raw)


@lru_cache(maxsize=1024)
def _rec20(raw: str) -> str:
    # A cart repeats a handful of units over hundreds of lines.
    return unit_code(raw) or raw.strip().upper()[:3]


def same_unit(a: str | None, b: str | None) -> bool:
    if a is None or b is None:
        return True  # nothing to compare; a missing unit is not a mismatch
    return a == b or (a in _PIECE and b in _PIECE)


def check_lines(session: Session, connection: PunchoutConnection, lines: list[CartLine]) -> list[LineCheck]:
    agreements = (
        [connection.agreement_id]
        if connection.agreement_id is not None
        else agreements_joined_by(connection.municipality_id)
    )
    numbers = sorted({line.supplier_part_id for line in lines if line.supplier_part_id})
    gtins = sorted({line.gtin for line in lines if line.gtin})
    items = catalogue_repository.active_items_for_check(
        session, connection.supplier_id, agreements, numbers, gtins
    )
    by_number: dict[str, Item] = {}
    by_gtin: dict[str, Item] = {}
    for item in sorted(items, key=lambda i: i.unit_price):
        # With the same item on two agreements, the lower price is the one the municipality is entitled to.
        by_number.setdefault(item.supplier_item_number, item)
        if item.gtin:
            by_gtin.setdefault(item.gtin, item)
    unit_map = connection.unit_map or {}
    # A cart repeats a handful of units over hundreds of lines: each is normalised once.
    units = {raw: normalise_unit(raw, unit_map) for raw in {line.unit_of_measure for line in lines}}
    return [_check(line, units[line.unit_of_measure], by_number, by_gtin) for line in lines]


def _check(
    line: CartLine, unit: str | None, by_number: dict[str, Item], by_gtin: dict[str, Item]
) -> LineCheck:
    item = by_number.get(line.supplier_part_id or "") or (by_gtin.get(line.gtin) if line.gtin else None)
    result = LineCheck(unit=unit)
    if item is None:
        result.flags.append(NOT_ON_AGREEMENT)
        return result
    result.catalogue_item_id = item.id
    result.agreement_price = item.unit_price
    result.agreement_unit = item.orderable_unit
    if not same_unit(unit, item.orderable_unit):
        # Prices per different units cannot be compared; the unit difference is the finding.
        result.flags.append(UNIT_MISMATCH)
        return result
    if line.unit_price is not None and line.unit_price > item.unit_price:
        result.flags.append(PRICE_ABOVE_AGREEMENT)
    return result
