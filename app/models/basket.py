"""The basket: what a user has collected and not yet ordered, one per user."""

from datetime import datetime
from decimal import Decimal
from enum import StrEnum

from sqlalchemy import JSON, ForeignKey, Integer, String, Text
from sqlalchemy import Enum as SAEnum
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.models.base import Base, IdMixin, IdType, Quantity, UnitPrice
from app.models.procurement import Agreement, Supplier


class LineSource(StrEnum):
    punchout = "punchout"
    catalogue = "catalogue"


class BasketLine(IdMixin, Base):
    __tablename__ = "basket_line"

    municipality_id: Mapped[int] = mapped_column(IdType, ForeignKey("municipality.id"), index=True)
    user_id: Mapped[int] = mapped_column(IdType, ForeignKey("user_account.id"), index=True)
    department_id: Mapped[int | None] = mapped_column(IdType, ForeignKey("department.id"))
    supplier_id: Mapped[int] = mapped_column(IdType, ForeignKey("supplier.id"))
    agreement_id: Mapped[int | None] = mapped_column(IdType, ForeignKey("agreement.id"))
    source: Mapped[LineSource] = mapped_column(SAEnum(LineSource, native_enum=False, length=12))
    # Lines from one punch-out session travel together: edit and inspect send them back to the shop as ItemOut.
    punchout_session_id: Mapped[int | None] = mapped_column(
        IdType, ForeignKey("punchout_session.id", ondelete="SET NULL"), index=True
    )
    catalogue_item_id: Mapped[int | None] = mapped_column(IdType)
    line_number: Mapped[int] = mapped_column(Integer, default=1)
    supplier_part_id: Mapped[str | None] = mapped_column(String(200))
    supplier_part_auxiliary_id: Mapped[str | None] = mapped_column(Text)
    description: Mapped[str] = mapped_column(String(2000))
    quantity: Mapped[Decimal] = mapped_column(Quantity)
    unit: Mapped[str | None] = mapped_column(String(3))
    unit_price: Mapped[Decimal | None] = mapped_column(UnitPrice)
    currency: Mapped[str | None] = mapped_column(String(3))
    unspsc: Mapped[str | None] = mapped_column(String(8))
    gtin: Mapped[str | None] = mapped_column(String(14))
    manufacturer_part_id: Mapped[str | None] = mapped_column(String(200))
    agreement_price: Mapped[Decimal | None] = mapped_column(UnitPrice)
    flags: Mapped[list[str]] = mapped_column(JSON, default=list)
    created_at: Mapped[datetime]

    supplier: Mapped[Supplier] = relationship(lazy="raise")
    agreement: Mapped[Agreement | None] = relationship(lazy="raise")

    @property
    def line_total(self) -> Decimal | None:
        if self.unit_price is None:
            return None
        return (self.unit_price * self.quantity).quantize(Decimal("0.01"))
