"""Supplier queries."""

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from app.auth.principal import Principal
from app.kit.scoping import select_visible
from app.models import Supplier


def list_suppliers(session: Session, principal: Principal, query: str | None = None) -> list[Supplier]:
    stmt = select_visible(Supplier, principal).order_by(Supplier.name)
    if query:
        like = f"%{query.strip()}%"
        stmt = stmt.where(or_(Supplier.name.ilike(like), Supplier.cvr.like(like)))
    return list(session.scalars(stmt))


def get_supplier(session: Session, principal: Principal, supplier_id: int) -> Supplier | None:
    return session.scalar(select_visible(Supplier, principal).where(Supplier.id == supplier_id))


def get_by_cvr(session: Session, cvr: str) -> Supplier | None:
    return session.scalar(select(Supplier).where(Supplier.cvr == cvr))


def get_by_gln(session: Session, gln: str) -> Supplier | None:
    return session.scalar(select(Supplier).where(Supplier.gln == gln))
