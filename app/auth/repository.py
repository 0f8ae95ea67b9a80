"""Queries for sign-in: users by e-mail, sessions, tokens, attempts, and the rows a principal is built from."""

from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session, joinedload

from app.kit.scoping import in_municipality
from app.models import ApiToken, Department, LoginAttempt, Role, User, UserRole, UserSession


def get_user_by_email(session: Session, email: str) -> User | None:
    return session.scalar(select(User).where(User.email == email.strip().lower()))


def get_user_with_municipality(session: Session, user_id: int) -> User | None:
    return session.scalar(select(User).options(joinedload(User.municipality)).where(User.id == user_id))


def role_rows(session: Session, user_id: int) -> list[tuple[Role, int | None]]:
    rows = session.execute(select(UserRole.role, UserRole.department_id).where(UserRole.user_id == user_id))
    return [(role, dept) for role, dept in rows]


def department_tree(session: Session, municipality_id: int) -> dict[int, int | None]:
    # The principal is built from this, before any scope exists.
    rows = session.execute(
        select(Department.id, Department.parent_id).where(in_municipality(Department, municipality_id))
    )
    return dict(rows.all())  # type: ignore[arg-type]


def find_session(session: Session, token_hash: str) -> UserSession | None:
    return session.scalar(select(UserSession).where(UserSession.token_hash == token_hash))


def find_token(session: Session, token_hash: str) -> ApiToken | None:
    return session.scalar(select(ApiToken).where(ApiToken.token_hash == token_hash))


def recent_failures(session: Session, email: str, since: datetime) -> tuple[int, datetime | None]:
    """Failures for `email` since `since` and after the last success; and the oldest of them."""
    last_success = session.scalar(
        select(func.max(LoginAttempt.at)).where(LoginAttempt.email == email, LoginAttempt.success.is_(True))
    )
    start = max(since, last_success) if last_success else since
    count, oldest = session.execute(
        select(func.count(), func.min(LoginAttempt.at)).where(
            LoginAttempt.email == email, LoginAttempt.success.is_(False), LoginAttempt.at > start
        )
    ).one()
    return count, oldest
