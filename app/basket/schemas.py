"""API shapes for the basket."""

from decimal import Decimal

from pydantic import BaseModel

from app.punchout.schemas import FlagRead


class BasketLineRead(BaseModel):
    id: int
    source: str
    supplier: str
    supplier_id: int
    agreement: str | None
    punchout_session: int | None
    supplier_part_id: str | None
    supplier_part_auxiliary_id: str | None
    description: str
    quantity: Decimal
    unit: str | None
    unit_price: Decimal | None
    currency: str | None
    line_total: Decimal | None
    unspsc: str | None
    gtin: str | None
    flags: list[FlagRead]


class BasketRead(BaseModel):
    lines: list[BasketLineRead]
    line_count: int
    flagged_count: int
    totals: dict[str, Decimal]
