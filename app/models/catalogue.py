"""Agreement e-catalogues: versions per (supplier, agreement), their items, rejected lines and activations."""

from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, Date, ForeignKey, Integer, Numeric, String, Text, UniqueConstraint
from sqlalchemy import Enum as SAEnum
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.models.base import Base, IdMixin, IdType, Quantity, UnitPrice
from app.models.procurement import Agreement, Supplier


class VersionStatus(StrEnum):
    draft = "draft"  # imported, waiting for review and activation
    active = "active"  # what users search and order from
    superseded = "superseded"  # was active; can be restored


class CatalogueVersion(IdMixin, Base):
    __tablename__ = "catalogue_version"
    __table_args__ = (UniqueConstraint("supplier_id", "agreement_id", "number"),)

    supplier_id: Mapped[int] = mapped_column(IdType, ForeignKey("supplier.id"), index=True)
    agreement_id: Mapped[int] = mapped_column(IdType, ForeignKey("agreement.id"), index=True)
    number: Mapped[int] = mapped_column(Integer)
    status: Mapped[VersionStatus] = mapped_column(
        SAEnum(VersionStatus, native_enum=False, length=20), index=True
    )
    # A delta file (UBL ActionCode Add/Update/Delete) is applied on top of the version that was active.
    based_on_id: Mapped[int | None] = mapped_column(IdType, ForeignKey("catalogue_version.id"))
    source_name: Mapped[str] = mapped_column(String(300))
    source_format: Mapped[str] = mapped_column(String(10))
    source_sha256: Mapped[str | None] = mapped_column(String(64))
    uploaded_by_label: Mapped[str] = mapped_column(String(254))
    created_at: Mapped[datetime]
    activated_at: Mapped[datetime | None]
    lines_read: Mapped[int] = mapped_column(Integer, default=0)
    accepted: Mapped[int] = mapped_column(Integer, default=0)
    rejected: Mapped[int] = mapped_column(Integer, default=0)
    item_count: Mapped[int] = mapped_column(Integer, default=0)
    diff_new: Mapped[int | None] = mapped_column(Integer)
    diff_removed: Mapped[int | None] = mapped_column(Integer)
    diff_changed: Mapped[int | None] = mapped_column(Integer)
    diff_price_changed: Mapped[int | None] = mapped_column(Integer)
    header: Mapped[dict[str, Any] | None] = mapped_column(JSON)

    supplier: Mapped[Supplier] = relationship(lazy="raise")
    agreement: Mapped[Agreement] = relationship(lazy="raise")


class CatalogueItem(Base):
    __tablename__ = "catalogue_item"
    __table_args__ = (UniqueConstraint("version_id", "supplier_item_number"),)

    id: Mapped[int] = mapped_column(IdType, primary_key=True, autoincrement=True)
    version_id: Mapped[int] = mapped_column(IdType, ForeignKey("catalogue_version.id", ondelete="CASCADE"))
    line_number: Mapped[int | None] = mapped_column(Integer)
    supplier_item_number: Mapped[str] = mapped_column(String(100))
    gtin: Mapped[str | None] = mapped_column(String(14))
    name: Mapped[str] = mapped_column(String(500))
    description: Mapped[str | None] = mapped_column(Text)
    brand: Mapped[str | None] = mapped_column(String(200))
    manufacturer: Mapped[str | None] = mapped_column(String(200))
    manufacturer_item_number: Mapped[str | None] = mapped_column(String(100))
    unspsc: Mapped[str | None] = mapped_column(String(8))
    orderable_unit: Mapped[str] = mapped_column(String(3))
    content_quantity: Mapped[Decimal | None] = mapped_column(Quantity)
    content_unit: Mapped[str | None] = mapped_column(String(3))
    # The price as given, per `base_quantity`; `unit_price` is one orderable unit's price.
    price: Mapped[Decimal] = mapped_column(UnitPrice)
    base_quantity: Mapped[Decimal] = mapped_column(Quantity)
    unit_price: Mapped[Decimal] = mapped_column(UnitPrice)
    comparison_unit: Mapped[str | None] = mapped_column(String(3))
    comparison_price: Mapped[Decimal | None] = mapped_column(UnitPrice)
    currency: Mapped[str] = mapped_column(String(3))
    vat_rate: Mapped[Decimal] = mapped_column(Numeric(5, 2))
    price_valid_from: Mapped[date | None] = mapped_column(Date)
    price_valid_to: Mapped[date | None] = mapped_column(Date)
    minimum_order_quantity: Mapped[Decimal | None] = mapped_column(Quantity)
    order_increment: Mapped[Decimal | None] = mapped_column(Quantity)
    lead_time_days: Mapped[int | None] = mapped_column(Integer)
    image_url: Mapped[str | None] = mapped_column(String(1000))
    # "|"-separated normalised label names, e.g. "Ø-mærket|Svanemærket".
    labels: Mapped[str | None] = mapped_column(String(500))

    version: Mapped[CatalogueVersion] = relationship(lazy="raise")

    @property
    def label_list(self) -> list[str]:
        return [label for label in (self.labels or "").split("|") if label]


class CatalogueRejectedLine(IdMixin, Base):
    __tablename__ = "catalogue_rejected_line"

    version_id: Mapped[int] = mapped_column(
        IdType, ForeignKey("catalogue_version.id", ondelete="CASCADE"), index=True
    )
    line_number: Mapped[int | None] = mapped_column(Integer)
    xpath: Mapped[str | None] = mapped_column(String(300))
    field: Mapped[str | None] = mapped_column(String(60))
    code: Mapped[str] = mapped_column(String(40))
    reason: Mapped[str] = mapped_column(String(500))
    value: Mapped[str | None] = mapped_column(String(300))


class CatalogueActivation(IdMixin, Base):
    """When a version was live: the price an order was placed at is the one in the version active on its date."""

    __tablename__ = "catalogue_activation"

    version_id: Mapped[int] = mapped_column(
        IdType, ForeignKey("catalogue_version.id", ondelete="CASCADE"), index=True
    )
    supplier_id: Mapped[int] = mapped_column(IdType, ForeignKey("supplier.id"))
    agreement_id: Mapped[int] = mapped_column(IdType, ForeignKey("agreement.id"))
    activated_at: Mapped[datetime]
    deactivated_at: Mapped[datetime | None]
    activated_by_label: Mapped[str] = mapped_column(String(254))
