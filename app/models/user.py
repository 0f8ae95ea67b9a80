"""Users, their roles per department, sign-in sessions, API tokens and sign-in attempts."""

from datetime import datetime
from decimal import Decimal

from sqlalchemy import Boolean, ForeignKey, String, UniqueConstraint
from sqlalchemy import Enum as SAEnum
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.models.base import Base, IdMixin, IdType, TimestampMixin
from app.models.org import Department, Municipality
from app.models.roles import Role


class User(IdMixin, TimestampMixin, Base):
    __tablename__ = "user_account"

    municipality_id: Mapped[int] = mapped_column(IdType, ForeignKey("municipality.id"), index=True)
    # The home department decides which leaders see the user; roles may reach further.
    department_id: Mapped[int | None] = mapped_column(IdType, ForeignKey("department.id"), index=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    password_hash: Mapped[str] = mapped_column(String(255))
    is_active: Mapped[bool] = mapped_column(Boolean, default=True)
    language: Mapped[str] = mapped_column(String(5), default="da")
    # Råderum: orders up to this amount need no approval; None means no limit has been set.
    spending_limit: Mapped[Decimal | None] = mapped_column(default=None)

    municipality: Mapped[Municipality] = relationship(lazy="raise")
    department: Mapped[Department | None] = relationship(lazy="raise")
    roles: Mapped[list["UserRole"]] = relationship(
        back_populates="user", lazy="raise", cascade="all, delete-orphan"
    )


class UserRole(IdMixin, Base):
    __tablename__ = "user_role"
    __table_args__ = (UniqueConstraint("user_id", "department_id", "role"),)

    user_id: Mapped[int] = mapped_column(
        IdType, ForeignKey("user_account.id", ondelete="CASCADE"), index=True
    )
    # None: the role covers the whole municipality.
    department_id: Mapped[int | None] = mapped_column(IdType, ForeignKey("department.id"), index=True)
    role: Mapped[Role] = mapped_column(SAEnum(Role, native_enum=False, length=20))

    user: Mapped[User] = relationship(back_populates="roles", lazy="raise")
    department: Mapped[Department | None] = relationship(lazy="raise")


class UserSession(IdMixin, Base):
    """A signed-in browser. Kept server-side so sign-out and expiry hold on every worker."""

    __tablename__ = "user_session"

    user_id: Mapped[int] = mapped_column(
        IdType, ForeignKey("user_account.id", ondelete="CASCADE"), index=True
    )
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime]
    expires_at: Mapped[datetime]
    revoked_at: Mapped[datetime | None]
    ip: Mapped[str | None] = mapped_column(String(64))
    user_agent: Mapped[str | None] = mapped_column(String(300))

    user: Mapped[User] = relationship(lazy="raise")


class ApiToken(IdMixin, Base):
    __tablename__ = "api_token"

    user_id: Mapped[int] = mapped_column(
        IdType, ForeignKey("user_account.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(100))
    prefix: Mapped[str] = mapped_column(String(16))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime]
    expires_at: Mapped[datetime | None]
    last_used_at: Mapped[datetime | None]
    revoked_at: Mapped[datetime | None]

    user: Mapped[User] = relationship(lazy="raise")


class LoginAttempt(IdMixin, Base):
    __tablename__ = "login_attempt"

    email: Mapped[str] = mapped_column(String(254), index=True)
    ip: Mapped[str | None] = mapped_column(String(64))
    at: Mapped[datetime] = mapped_column(index=True)
    success: Mapped[bool] = mapped_column(Boolean)
