"""Suppliers (shared by all municipalities) and agreements, which a municipality joins."""

from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum

from sqlalchemy import Boolean, Column, Date, ForeignKey, String, Table, Text, UniqueConstraint
from sqlalchemy import Enum as SAEnum
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.models.base import Base, IdMixin, IdType, TimestampMixin
from app.models.org import Municipality


class Supplier(IdMixin, TimestampMixin, Base):
    __tablename__ = "supplier"

    name: Mapped[str] = mapped_column(String(200))
    cvr: Mapped[str] = mapped_column(String(8), unique=True)
    gln: Mapped[str | None] = mapped_column(String(13), unique=True)
    contact_name: Mapped[str | None] = mapped_column(String(200))
    contact_email: Mapped[str | None] = mapped_column(String(254))
    contact_phone: Mapped[str | None] = mapped_column(String(40))


class AgreementStatus(StrEnum):
    draft = "draft"
    active = "active"
    expired = "expired"
    terminated = "terminated"


class Channel(StrEnum):
    catalogue = "catalogue"
    punchout = "punchout"
    free_text = "free_text"


agreement_supplier = Table(
    "agreement_supplier",
    Base.metadata,
    Column("agreement_id", IdType, ForeignKey("agreement.id", ondelete="CASCADE"), primary_key=True),
    Column("supplier_id", IdType, ForeignKey("supplier.id"), primary_key=True),
)


class Agreement(IdMixin, TimestampMixin, Base):
    __tablename__ = "agreement"

    # None: a national (SKI) agreement every municipality may join; otherwise the municipality's own.
    municipality_id: Mapped[int | None] = mapped_column(IdType, ForeignKey("municipality.id"), index=True)
    number: Mapped[str] = mapped_column(String(40), index=True)
    title: Mapped[str] = mapped_column(String(300))
    category: Mapped[str | None] = mapped_column(String(100))
    valid_from: Mapped[date | None] = mapped_column(Date)
    valid_to: Mapped[date | None] = mapped_column(Date)
    binding: Mapped[bool] = mapped_column(Boolean, default=True)
    channel_catalogue: Mapped[bool] = mapped_column(Boolean, default=True)
    channel_punchout: Mapped[bool] = mapped_column(Boolean, default=False)
    channel_free_text: Mapped[bool] = mapped_column(Boolean, default=False)
    minimum_order_value: Mapped[Decimal | None]
    fee_rules: Mapped[str | None] = mapped_column(Text)
    status: Mapped[AgreementStatus] = mapped_column(
        SAEnum(AgreementStatus, native_enum=False, length=20), default=AgreementStatus.active
    )

    suppliers: Mapped[list[Supplier]] = relationship(secondary=agreement_supplier, lazy="raise")

    @property
    def channels(self) -> list[Channel]:
        flags = (
            (Channel.catalogue, self.channel_catalogue),
            (Channel.punchout, self.channel_punchout),
            (Channel.free_text, self.channel_free_text),
        )
        return [channel for channel, on in flags if on]


class AgreementMembership(IdMixin, Base):
    """A municipality has joined an agreement; its users see the agreement from then on."""

    __tablename__ = "agreement_membership"
    __table_args__ = (UniqueConstraint("municipality_id", "agreement_id"),)

    municipality_id: Mapped[int] = mapped_column(IdType, ForeignKey("municipality.id"), index=True)
    agreement_id: Mapped[int] = mapped_column(
        IdType, ForeignKey("agreement.id", ondelete="CASCADE"), index=True
    )
    joined_at: Mapped[datetime]

    municipality: Mapped[Municipality] = relationship(lazy="raise")
    agreement: Mapped[Agreement] = relationship(lazy="raise")
