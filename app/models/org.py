"""Municipalities (the tenants) and their departments."""

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.models.base import Base, IdMixin, IdType, TimestampMixin


class Municipality(IdMixin, TimestampMixin, Base):
    __tablename__ = "municipality"

    name: Mapped[str] = mapped_column(String(200))
    cvr: Mapped[str] = mapped_column(String(8), unique=True)
    gln: Mapped[str] = mapped_column(String(13), unique=True)


class Department(IdMixin, TimestampMixin, Base):
    __tablename__ = "department"
    __table_args__ = (UniqueConstraint("municipality_id", "name"),)

    municipality_id: Mapped[int] = mapped_column(IdType, ForeignKey("municipality.id"), index=True)
    parent_id: Mapped[int | None] = mapped_column(IdType, ForeignKey("department.id"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    ean: Mapped[str | None] = mapped_column(String(13))
    delivery_street: Mapped[str | None] = mapped_column(String(200))
    delivery_postcode: Mapped[str | None] = mapped_column(String(10))
    delivery_city: Mapped[str | None] = mapped_column(String(100))
    account_string: Mapped[str | None] = mapped_column(String(100))
    cost_centre: Mapped[str | None] = mapped_column(String(50))

    municipality: Mapped[Municipality] = relationship(lazy="raise")
    parent: Mapped["Department | None"] = relationship(remote_side="Department.id", lazy="raise")
