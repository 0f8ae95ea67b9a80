"""What a draft version changes compared with the active one: new, removed and changed items, and price changes
with their percentage. Counted and listed in SQL, so a million-line catalogue is compared in the database."""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from sqlalchemy import and_, case, exists, func, or_, select
from sqlalchemy.orm import Session, aliased

from app.models import CatalogueItem

# The fields whose change the office must see; a change elsewhere (line number, say) is not a change.
COMPARED = (
    "name",
    "gtin",
    "unit_price",
    "orderable_unit",
    "content_quantity",
    "content_unit",
    "vat_rate",
    "brand",
    "unspsc",
    "labels",
    "description",
    "minimum_order_quantity",
    "image_url",
)


@dataclass(slots=True)
class DiffCounts:
    new: int
    removed: int
    changed: int
    price_changed: int


@dataclass(slots=True)
class PriceChange:
    supplier_item_number: str
    name: str
    old_price: Decimal
    new_price: Decimal

    @property
    def percent(self) -> Decimal | None:
        if not self.old_price:
            return None
        change = (self.new_price - self.old_price) / self.old_price * 100
        return change.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def _pair(new_version: int, old_version: int):  # type: ignore[no-untyped-def]
    new, old = aliased(CatalogueItem), aliased(CatalogueItem)
    joined = and_(old.version_id == old_version, old.supplier_item_number == new.supplier_item_number)
    return new, old, joined


def _differs(new, old):  # type: ignore[no-untyped-def]
    # NULL-safe: a value added or removed is a change too.
    return or_(*(getattr(new, f).is_distinct_from(getattr(old, f)) for f in COMPARED))


def count(session: Session, new_version: int, old_version: int | None) -> DiffCounts:
    if old_version is None:
        total = session.scalar(select(func.count()).where(CatalogueItem.version_id == new_version)) or 0
        return DiffCounts(new=total, removed=0, changed=0, price_changed=0)
    # One pass over the new version, each item looked up once in the old one: every count at once, where one
    # query per count would join a million items four times.
    new, old, joined = _pair(new_version, old_version)
    paired = old.id.is_not(None)
    total, in_both, changed, priced = session.execute(
        select(
            func.count(),
            func.count(old.id),
            func.count(case((and_(paired, _differs(new, old)), 1))),
            func.count(case((and_(paired, new.unit_price != old.unit_price), 1))),
        )
        .select_from(new)
        .outerjoin(old, joined)
        .where(new.version_id == new_version)
    ).one()
    old_count = session.scalar(select(func.count()).where(CatalogueItem.version_id == old_version)) or 0
    return DiffCounts(new=total - in_both, removed=old_count - in_both, changed=changed, price_changed=priced)


def added_items(
    session: Session, new_version: int, old_version: int | None, *, limit: int, offset: int
) -> list[CatalogueItem]:
    new, old, joined = _pair(new_version, old_version or -1)
    stmt = select(new).where(new.version_id == new_version, ~exists().where(joined))
    return list(session.scalars(stmt.order_by(new.supplier_item_number).limit(limit).offset(offset)))


def removed_items(
    session: Session, new_version: int, old_version: int | None, *, limit: int, offset: int
) -> list[CatalogueItem]:
    if old_version is None:
        return []
    # Swap the roles: what the old version has and the new one lacks.
    return added_items(session, old_version, new_version, limit=limit, offset=offset)


def changed_items(
    session: Session, new_version: int, old_version: int | None, *, limit: int, offset: int
) -> list[tuple[CatalogueItem, CatalogueItem, list[str]]]:
    """(old, new, names of the changed fields)."""
    if old_version is None:
        return []
    new, old, joined = _pair(new_version, old_version)
    stmt = (
        select(old, new)
        .join(old, joined)
        .where(new.version_id == new_version, _differs(new, old))
        .order_by(new.supplier_item_number)
        .limit(limit)
        .offset(offset)
    )
    result = []
    for before, after in session.execute(stmt):
        fields = [f for f in COMPARED if getattr(before, f) != getattr(after, f)]
        result.append((before, after, fields))
    return result


def price_changes(
    session: Session, new_version: int, old_version: int | None, *, limit: int, offset: int
) -> list[PriceChange]:
    if old_version is None:
        return []
    new, old, joined = _pair(new_version, old_version)
    stmt = (
        select(new.supplier_item_number, new.name, old.unit_price, new.unit_price)
        .join(old, joined)
        .where(new.version_id == new_version, new.unit_price != old.unit_price)
        .order_by(new.supplier_item_number)
        .limit(limit)
        .offset(offset)
    )
    return [PriceChange(number, name, before, after) for number, name, before, after in session.execute(stmt)]
