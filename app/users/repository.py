"""User queries, through the central scope."""

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from app.auth.principal import Principal
from app.kit.scoping import select_visible
from app.models import User


def list_users(session: Session, principal: Principal) -> list[User]:
    stmt = select_visible(User, principal).options(selectinload(User.roles)).order_by(User.name)
    return list(session.scalars(stmt))


def get_user(session: Session, principal: Principal, user_id: int) -> User | None:
    stmt = select_visible(User, principal).options(selectinload(User.roles)).where(User.id == user_id)
    return session.scalar(stmt)


def email_taken(session: Session, email: str) -> bool:
    return session.scalar(select(User.id).where(User.email == email)) is not None
