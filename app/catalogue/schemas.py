"""API shapes for catalogue versions, import reports and items."""

from datetime import date, datetime
from decimal import Decimal

from pydantic import BaseModel, ConfigDict


class PartyRef(BaseModel):
    model_config = ConfigDict(from_attributes=True)
    id: int
    name: str
    cvr: str


class AgreementRef(BaseModel):
    model_config = ConfigDict(from_attributes=True)
    id: int
    number: str
    title: str


class DiffRead(BaseModel):
    new: int | None
    removed: int | None
    changed: int | None
    price_changed: int | None


class RejectedLineRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)
    line_number: int | None
    xpath: str | None
    field: str | None
    code: str
    reason: str
    value: str | None


class VersionRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)
    id: int
    number: int
    status: str
    supplier: PartyRef
    agreement: AgreementRef
    source_name: str
    source_format: str
    created_at: datetime
    activated_at: datetime | None
    uploaded_by_label: str
    based_on_id: int | None
    lines_read: int
    accepted: int
    rejected: int
    item_count: int
    diff: DiffRead


class ImportReport(VersionRead):
    rejected_lines: list[RejectedLineRead]


class ItemRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)
    id: int
    supplier_item_number: str
    gtin: str | None
    name: str
    description: str | None
    brand: str | None
    manufacturer: str | None
    manufacturer_item_number: str | None
    unspsc: str | None
    orderable_unit: str
    content_quantity: Decimal | None
    content_unit: str | None
    price: Decimal
    base_quantity: Decimal
    unit_price: Decimal
    comparison_unit: str | None
    comparison_price: Decimal | None
    currency: str
    vat_rate: Decimal
    price_valid_from: date | None
    price_valid_to: date | None
    minimum_order_quantity: Decimal | None
    order_increment: Decimal | None
    lead_time_days: int | None
    image_url: str | None
    labels: list[str]
    supplier: PartyRef
    agreement: AgreementRef
    price_history: list["PricePoint"]


class PricePoint(BaseModel):
    from_at: datetime
    to_at: datetime | None
    unit_price: Decimal
    currency: str
