"""Queries for municipalities and departments; department queries start from the central scope."""

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.auth.principal import Principal
from app.kit.scoping import in_municipality, select_visible
from app.models import Department, Municipality


def list_departments(session: Session, principal: Principal) -> list[Department]:
    return list(session.scalars(select_visible(Department, principal).order_by(Department.name)))


def get_department(session: Session, principal: Principal, department_id: int) -> Department | None:
    return session.scalar(select_visible(Department, principal).where(Department.id == department_id))


def department_name_taken(session: Session, principal: Principal, name: str, exclude_id: int | None) -> bool:
    # Uniqueness is per municipality, so look beyond the caller's own departments.
    stmt = select(Department.id).where(
        in_municipality(Department, principal.municipality_id), Department.name == name
    )
    if exclude_id is not None:
        stmt = stmt.where(Department.id != exclude_id)
    return session.scalar(stmt) is not None


def get_municipality_by_cvr(session: Session, cvr: str) -> Municipality | None:
    return session.scalar(select(Municipality).where(Municipality.cvr == cvr))


def get_municipality(session: Session, municipality_id: int) -> Municipality | None:
    return session.get(Municipality, municipality_id)


def list_municipalities(session: Session) -> list[Municipality]:
    return list(session.scalars(select(Municipality).order_by(Municipality.name)))


def find_department(session: Session, municipality_id: int, name_or_id: str) -> Department | None:
    """By name, or by id; for the command line, which acts for the platform rather than a signed-in user."""
    match = Department.name == name_or_id
    if name_or_id.isdigit():
        match = match | (Department.id == int(name_or_id))
    return session.scalar(select(Department).where(in_municipality(Department, municipality_id), match))
