"""Reading the page's items in full, with Decimal prices, through the central scope."""

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from app.catalogue.search.backend import S
from app.catalogue.search.scope import Scope
from app.catalogue.search.types import Lane, SearchHit
from app.kit.scoping import visible_to
from app.models import CatalogueItem, CatalogueSearchItem

Item = CatalogueItem
# One parameter for the page's ids: a list literal is coerced item by item each time the statement is built.
_IDS = bindparam("ids", expanding=True)


def load_hits(session: Session, scope: Scope, ids: list[int], lanes: dict[int, Lane]) -> list[SearchHit]:
    if not ids:
        return []
    rows = session.connection().execute(
        select(Item.id, Item.supplier_item_number, Item.gtin, Item.name, Item.brand, Item.orderable_unit,
               Item.content_quantity, Item.content_unit, Item.unit_price, Item.comparison_price,
               Item.comparison_unit, Item.currency, Item.labels, Item.image_url, S.version_id)
        .join(S, S.item_id == Item.id)
        .where(S.item_id.in_(_IDS), visible_to(CatalogueSearchItem, scope.principal)),
        {"ids": ids},
    ).all()
    by_id = {row.id: row for row in rows}
    hits = []
    for item_id in ids:
        row = by_id.get(item_id)
        info = scope.visible.get(row.version_id) if row is not None else None
        if row is None or info is None:
            continue
        hits.append(SearchHit(
            item_id=row.id, supplier_item_number=row.supplier_item_number, gtin=row.gtin, name=row.name,
            brand=row.brand, orderable_unit=row.orderable_unit, content_quantity=row.content_quantity,
            content_unit=row.content_unit, unit_price=row.unit_price, comparison_price=row.comparison_price,
            comparison_unit=row.comparison_unit, currency=row.currency, agreement_id=info.agreement_id,
            agreement_number=info.agreement_number, supplier_id=info.supplier_id, supplier_name=info.supplier_name,
            labels=[label for label in (row.labels or "").split("|") if label], image_url=row.image_url,
            matched_lane=lanes.get(item_id, "text"),
        ))
    return hits
