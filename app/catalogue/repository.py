"""Catalogue queries. Reads for users start from the central scope; the importer's own bookkeeping queries
(next number, counts) work on a version it has just created."""

import json
from datetime import datetime
from decimal import Decimal

from sqlalchemy import Row, Select, String, bindparam, func, select
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.orm import Session, joinedload

from app.auth.principal import Principal
from app.kit.scoping import select_visible
from app.models import (
    CatalogueActivation,
    CatalogueItem,
    CatalogueRejectedLine,
    CatalogueVersion,
    VersionStatus,
)


def next_version_number(session: Session, supplier_id: int, agreement_id: int) -> int:
    current = session.scalar(
        select(func.max(CatalogueVersion.number)).where(
            CatalogueVersion.supplier_id == supplier_id, CatalogueVersion.agreement_id == agreement_id
        )
    )
    return (current or 0) + 1


def active_version(session: Session, supplier_id: int, agreement_id: int) -> CatalogueVersion | None:
    return session.scalar(
        select(CatalogueVersion).where(
            CatalogueVersion.supplier_id == supplier_id,
            CatalogueVersion.agreement_id == agreement_id,
            CatalogueVersion.status == VersionStatus.active,
        )
    )


def count_items(session: Session, version_id: int) -> int:
    return session.scalar(select(func.count()).where(CatalogueItem.version_id == version_id)) or 0


def list_versions(
    session: Session,
    principal: Principal,
    *,
    supplier_id: int | None = None,
    agreement_id: int | None = None,
    limit: int = 200,
) -> list[CatalogueVersion]:
    stmt = select_visible(CatalogueVersion, principal).options(
        joinedload(CatalogueVersion.supplier), joinedload(CatalogueVersion.agreement)
    )
    if supplier_id is not None:
        stmt = stmt.where(CatalogueVersion.supplier_id == supplier_id)
    if agreement_id is not None:
        stmt = stmt.where(CatalogueVersion.agreement_id == agreement_id)
    return list(
        session.scalars(
            stmt.order_by(CatalogueVersion.created_at.desc(), CatalogueVersion.id.desc()).limit(limit)
        )
    )


def get_version(session: Session, principal: Principal, version_id: int) -> CatalogueVersion | None:
    stmt = select_visible(CatalogueVersion, principal).options(
        joinedload(CatalogueVersion.supplier), joinedload(CatalogueVersion.agreement)
    )
    return session.scalar(stmt.where(CatalogueVersion.id == version_id))


def rejected_lines(
    session: Session, principal: Principal, version_id: int, *, limit: int, offset: int
) -> list[CatalogueRejectedLine]:
    stmt = select_visible(CatalogueRejectedLine, principal).where(
        CatalogueRejectedLine.version_id == version_id
    )
    stmt = stmt.order_by(CatalogueRejectedLine.line_number, CatalogueRejectedLine.id)
    return list(session.scalars(stmt.limit(limit).offset(offset)))


def get_item(session: Session, principal: Principal, item_id: int) -> CatalogueItem | None:
    stmt = select_visible(CatalogueItem, principal).options(
        joinedload(CatalogueItem.version).joinedload(CatalogueVersion.supplier),
        joinedload(CatalogueItem.version).joinedload(CatalogueVersion.agreement),
    )
    return session.scalar(stmt.where(CatalogueItem.id == item_id))


def open_activation(session: Session, version_id: int) -> CatalogueActivation | None:
    return session.scalar(
        select(CatalogueActivation).where(
            CatalogueActivation.version_id == version_id, CatalogueActivation.deactivated_at.is_(None)
        )
    )


def price_history(
    session: Session, supplier_id: int, agreement_id: int, item_number: str
) -> list[tuple[CatalogueActivation, CatalogueItem]]:
    """Each period the item was on the active catalogue, with the price it had then (newest first)."""
    stmt = (
        select(CatalogueActivation, CatalogueItem)
        .join(CatalogueItem, CatalogueItem.version_id == CatalogueActivation.version_id)
        .where(
            CatalogueActivation.supplier_id == supplier_id,
            CatalogueActivation.agreement_id == agreement_id,
            CatalogueItem.supplier_item_number == item_number,
        )
        .order_by(CatalogueActivation.activated_at.desc())
    )
    return [(activation, item) for activation, item in session.execute(stmt)]


def item_at(
    session: Session, supplier_id: int, agreement_id: int, item_number: str, at: datetime
) -> CatalogueItem | None:
    """The item as it was on the catalogue at `at`: for checking an order against the price valid on its date."""
    stmt = (
        select(CatalogueItem)
        .join(CatalogueActivation, CatalogueItem.version_id == CatalogueActivation.version_id)
        .where(
            CatalogueActivation.supplier_id == supplier_id,
            CatalogueActivation.agreement_id == agreement_id,
            CatalogueItem.supplier_item_number == item_number,
            CatalogueActivation.activated_at <= at,
            (CatalogueActivation.deactivated_at.is_(None)) | (CatalogueActivation.deactivated_at > at),
        )
        .order_by(CatalogueActivation.activated_at.desc())
        .limit(1)
    )
    return session.scalar(stmt)


def rejected_lines_for_platform(
    session: Session, version_id: int, *, limit: int
) -> list[CatalogueRejectedLine]:
    """For the command line, which reports on the version it has just imported."""
    stmt = select(CatalogueRejectedLine).where(CatalogueRejectedLine.version_id == version_id)
    return list(
        session.scalars(
            stmt.order_by(CatalogueRejectedLine.line_number, CatalogueRejectedLine.id).limit(limit)
        )
    )


def list_versions_for_platform(session: Session, *, limit: int = 200) -> list[CatalogueVersion]:
    """Every version, for the platform's command line."""
    stmt = select(CatalogueVersion).options(
        joinedload(CatalogueVersion.supplier), joinedload(CatalogueVersion.agreement)
    )
    return list(session.scalars(stmt.order_by(CatalogueVersion.id.desc()).limit(limit)))


def get_version_for_platform(session: Session, version_id: int) -> CatalogueVersion | None:
    stmt = select(CatalogueVersion).options(
        joinedload(CatalogueVersion.supplier), joinedload(CatalogueVersion.agreement)
    )
    return session.scalar(stmt.where(CatalogueVersion.id == version_id))


def active_items_for_check(
    session: Session,
    supplier_id: int,
    agreement_ids: Select[tuple[int]] | list[int],
    numbers: list[str],
    gtins: list[str],
) -> list[Row[tuple[int, str, str | None, Decimal, str]]]:
    """(id, item number, GTIN, unit price, orderable unit) of the supplier's active catalogue items on these
    agreements with one of these item numbers or GTINs: what a returned punch-out cart is checked against.
    Chunked, since a cart may have hundreds of lines."""
    found: dict[int, Row[tuple[int, str, str | None, Decimal, str]]] = {}
    active = select(CatalogueVersion.id).where(
        CatalogueVersion.supplier_id == supplier_id,
        CatalogueVersion.agreement_id.in_(agreement_ids),
        CatalogueVersion.status == VersionStatus.active,
    )
    columns = (
        CatalogueItem.id,
        CatalogueItem.supplier_item_number,
        CatalogueItem.gtin,
        CatalogueItem.unit_price,
        CatalogueItem.orderable_unit,
    )
    # Item numbers and GTINs are asked separately: each list can then use its own index, where one OR of the two
    # makes the database read every item of the version. Each list goes as one parameter, unpacked by the database
    # (PostgreSQL's unnest of an array, SQLite's json_each of a JSON array): no expanding, sending and binding of
    # hundreds of parameters. As a semi-join the planner may probe the (version, item number) index per wanted
    # value or hash them, whichever the version's size favours; PostgreSQL's `= ANY(array)` instead became a
    # filter comparing every item of the version with every wanted value (15 ms for 500 against 1,500 items).
    # Executed on the connection: plain rows need none of the ORM's loading.
    postgres = session.get_bind().dialect.name == "postgresql"
    connection = session.connection()
    for column, values in ((CatalogueItem.supplier_item_number, numbers), (CatalogueItem.gtin, gtins)):
        if not values:
            continue
        if postgres:
            listed = select(func.unnest(bindparam("wanted", values, type_=ARRAY(String))))
        else:
            each = func.json_each(bindparam("wanted", json.dumps(values))).table_valued("value")
            listed = select(each.c.value)
        wanted = column.in_(listed)
        for row in connection.execute(
            select(*columns).where(CatalogueItem.version_id.in_(active), wanted)
        ).all():
            found[row.id] = row
    return list(found.values())
