"""Agreement queries, always through the central scope."""

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from app.auth.principal import Principal
from app.kit.scoping import joined_agreement_ids, select_visible, visible_to
from app.models import Agreement, AgreementMembership


def list_agreements(session: Session, principal: Principal, *, joined_only: bool) -> list[Agreement]:
    stmt = select_visible(Agreement, principal).options(selectinload(Agreement.suppliers))
    if joined_only:
        stmt = stmt.where(Agreement.id.in_(joined_agreement_ids(principal)))
    return list(session.scalars(stmt.order_by(Agreement.number, Agreement.title)))


def get_agreement(session: Session, principal: Principal, agreement_id: int) -> Agreement | None:
    stmt = select_visible(Agreement, principal).options(selectinload(Agreement.suppliers))
    return session.scalar(stmt.where(Agreement.id == agreement_id))


def joined_ids(session: Session, principal: Principal) -> set[int]:
    return set(session.scalars(joined_agreement_ids(principal)))


def get_membership(session: Session, principal: Principal, agreement_id: int) -> AgreementMembership | None:
    return session.scalar(
        select(AgreementMembership).where(
            visible_to(AgreementMembership, principal), AgreementMembership.agreement_id == agreement_id
        )
    )


def number_taken(session: Session, principal: Principal | None, number: str) -> bool:
    """Numbers are unique among national agreements, and among what a municipality sees (national and its own)."""
    if principal is None:
        stmt = select(Agreement.id).where(Agreement.municipality_id.is_(None))
    else:
        stmt = select_visible(Agreement, principal).with_only_columns(Agreement.id)
    return session.scalar(stmt.where(Agreement.number == number)) is not None


def find_by_number(session: Session, principal: Principal, number: str) -> Agreement | None:
    """One of the agreements the principal's municipality has joined, by its number."""
    stmt = select_visible(Agreement, principal).options(selectinload(Agreement.suppliers))
    stmt = stmt.where(Agreement.number == number, Agreement.id.in_(joined_agreement_ids(principal)))
    return session.scalar(stmt)


def find_national_by_number(session: Session, number: str) -> Agreement | None:
    """For the platform's command line: a national agreement by its number."""
    stmt = select(Agreement).options(selectinload(Agreement.suppliers))
    return session.scalar(stmt.where(Agreement.number == number, Agreement.municipality_id.is_(None)))
