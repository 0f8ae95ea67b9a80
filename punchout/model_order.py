"""Orders we send (OrderRequest) and the supplier's confirmations of them (ConfirmationRequest)."""

import copy
from dataclasses import dataclass, field, fields
from datetime import date, datetime
from decimal import Decimal

from punchout.model import Address, CartLine, Contact, PriceBasis


@dataclass(slots=True)
class OrderLine:
    """An ItemOut of an OrderRequest. Attribute names match CartLine, so a cart line converts 1:1."""

    line_number: int
    quantity: Decimal
    supplier_part_id: str
    unit_price: Decimal
    currency: str
    unit_of_measure: str
    description: str
    supplier_part_auxiliary_id: str | None = None
    buyer_part_id: str | None = None
    short_name: str | None = None
    description_lang: str | None = None
    classification: list[tuple[str, str]] = field(default_factory=list)
    manufacturer_part_id: str | None = None
    manufacturer_name: str | None = None
    lead_time_days: int | None = None
    gtin: str | None = None
    price_basis: PriceBasis | None = None
    tax_amount: Decimal | None = None
    tax_rate: Decimal | None = None
    extrinsics: dict[str, str] = field(default_factory=dict)
    url: str | None = None
    requested_delivery_date: date | None = None
    agreement_item_number: str | None = None
    is_ad_hoc: bool = False
    comments: str | None = None
    ship_to: Address | None = None
    descriptions: dict[str, str] = field(default_factory=dict)

    line_total = CartLine.line_total

    @classmethod
    def from_cart_line(cls, line: CartLine, **changes: object) -> "OrderLine":
        """The order line for a stored cart line, SupplierPartAuxiliaryID and price basis unchanged."""
        shared = {f.name for f in fields(cls)} & {f.name for f in fields(CartLine)}
        values = {name: copy.copy(getattr(line, name)) for name in shared}
        values.update(changes)
        return cls(**values)


@dataclass(slots=True)
class OrderRequest:
    """OrderRequest. For update/delete, `document_reference_payload_id` is the payloadID of the most
    recent OrderRequest of this order and `order_version` counts up (reference §9)."""

    order_id: str
    order_date: datetime
    bill_to: Address
    lines: list[OrderLine]
    currency: str = "DKK"
    type: str = "new"
    order_version: int | None = None
    ship_to: Address | None = None
    comments: str | None = None
    contacts: list[Contact] = field(default_factory=list)
    extrinsics: dict[str, str] = field(default_factory=dict)
    agreement_id: str | None = None
    requisition_id: str | None = None
    document_reference_payload_id: str | None = None
    tax_amount: Decimal | None = None
    shipping_amount: Decimal | None = None

    @property
    def total(self) -> Decimal:
        """The header Total: the lines only, excluding tax and shipping (reference §6)."""
        return sum((line.line_total or Decimal(0) for line in self.lines), Decimal(0))


@dataclass(slots=True)
class ConfirmationStatusLine:
    type: str
    quantity: Decimal
    unit_of_measure: str | None = None
    unit_price: Decimal | None = None
    currency: str | None = None
    shipment_date: datetime | None = None
    delivery_date: datetime | None = None
    comments: str | None = None


@dataclass(slots=True)
class ConfirmationItem:
    line_number: int
    quantity: Decimal
    unit_of_measure: str | None = None
    statuses: list[ConfirmationStatusLine] = field(default_factory=list)


@dataclass(slots=True)
class Confirmation:
    """ConfirmationRequest (Fulfill.dtd): the supplier's answer to our OrderRequest (reference §10)."""

    type: str
    operation: str = "new"
    confirm_id: str | None = None
    notice_date: datetime | None = None
    order_id: str | None = None
    order_date: datetime | None = None
    order_payload_id: str | None = None
    total: Decimal | None = None
    currency: str | None = None
    comments: str | None = None
    items: list[ConfirmationItem] = field(default_factory=list)
    payload_id: str | None = None
